"""Contests (olympiads, issue 10) in the panel: the list with the organiser's "New contest"
form, a contest's page (entering, the problems, one's own submissions), a problem's
statement with the submit form, the scoreboard and the organiser's monitoring.

The scoreboard page refreshes its table from ``scoreboard.json`` every second (the table's
HTML rendered here, so the script only swaps it in); without JavaScript a meta refresh
reloads the page.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web

from admin_web.forms import (
    FormData,
    clock_minute,
    integer,
    integers,
    optional_date,
    row_id,
    text,
    uploaded,
)
from admin_web.keys import ORGANISATION, actor_of, deps_of, granted_of, language_of
from admin_web.render import flash, render, render_form, render_fragment
from core.errors import Conflict, InvalidInput, RateLimited, SabaqError
from core.i18n import N_
from core.permissions import Permission, Role
from core.services.contests import (
    ContestForm,
    ContestKind,
    ContestView,
    contest_monitoring,
    contest_submissions,
    contest_task,
    contest_view,
    create_contest,
    enter_contest,
    label_of,
    list_contests,
    scoreboard,
    submit_to_contest,
    unfreeze,
)
from core.services.judge_tasks import TaskView, list_tasks, title_in
from core.services.submissions import (
    LANGUAGE_LABELS,
    MAX_SOURCE_BYTES,
    STATE_LABELS,
    VERDICT_LABELS,
    SubmissionChannel,
)

routes = web.RouteTableDef()

LIST_TEMPLATE = "contests/list.html"
CONTEST_TEMPLATE = "contests/contest.html"
PROBLEM_TEMPLATE = "contests/problem.html"
SCOREBOARD_TEMPLATE = "contests/scoreboard.html"
BOARD_TEMPLATE = "contests/_board.html"
MONITORING_TEMPLATE = "contests/monitoring.html"
#: Seconds between reloads of the scoreboard when JavaScript is off.
REFRESH_SECONDS = 5
DEFAULT_PENALTY = 20
KIND_LABELS = {ContestKind.ICPC.value: N_("ICPC"), ContestKind.IOI.value: N_("IOI")}
STATES = {
    "before": N_("Not started"),
    "running": N_("Running"),
    "over": N_("Finished"),
}
FORM_FIELDS = (
    "name",
    "kind",
    "start_date",
    "start_time",
    "end_date",
    "end_time",
    "penalty_minutes",
    "freeze_minutes",
)
_NO_DATE = N_("Give the date the contest starts and the date it ends.")
_NO_KIND = N_("Choose the rules: ICPC or IOI.")


def _timezone(request: web.Request) -> str:
    organisation = request.get(ORGANISATION)
    return organisation.timezone if organisation else "Asia/Almaty"


def _id(request: web.Request) -> int:
    return row_id(request.match_info["id"])


def _task_id(request: web.Request) -> int:
    return row_id(request.match_info["task"])


def _moment(form: FormData, prefix: str, timezone: str) -> datetime:
    """A local date and time from the form's ``{prefix}_date`` and ``{prefix}_time``, in UTC.

    Raises:
        InvalidInput: the date is missing or is not one, or the time is not one.
    """
    day = optional_date(form, f"{prefix}_date")
    if day is None:
        raise InvalidInput(_NO_DATE, field=f"{prefix}_date")
    minute = clock_minute(text(form, f"{prefix}_time", limit=20), f"{prefix}_time")
    local = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=ZoneInfo(timezone))
    return local.astimezone(UTC)


def _contest_form(request: web.Request, form: FormData) -> ContestForm:
    """The "New contest" form as ``ContestForm``.

    Raises:
        InvalidInput: a value that is not a date, a time or a number, or no rules chosen.
    """
    timezone = _timezone(request)
    try:
        kind = ContestKind(text(form, "kind", limit=10))
    except ValueError:
        raise InvalidInput(_NO_KIND, field="kind") from None
    freeze = text(form, "freeze_minutes", limit=20).strip()
    return ContestForm(
        name=text(form, "name", limit=200),
        kind=kind,
        starts_at=_moment(form, "start", timezone),
        ends_at=_moment(form, "end", timezone),
        penalty_minutes=integer(form, "penalty_minutes", default=DEFAULT_PENALTY),
        freeze_minutes=integer(form, "freeze_minutes") if freeze else None,
        task_ids=integers(form, "task_ids"),
    )


# --- the list and a new contest --------------------------------------------------------------


async def _list_context(request: web.Request, values: dict[str, Any]) -> dict[str, Any]:
    actor = actor_of(request)
    can_organise = Permission.CONTESTS_MANAGE in granted_of(request)
    language = language_of(request)
    # Oldest first: tasks are usually written in the order of the problems.
    tasks = sorted(await list_tasks(actor), key=lambda row: row.id) if can_organise else []
    return {
        "contests": await list_contests(deps_of(request), actor),
        "can_organise": can_organise,
        "tasks": tasks,
        "task_titles": {
            row.id: row.titles.get(language)
            or next((title for title in row.titles.values() if title), row.name)
            for row in tasks
        },
        "values": values,
        "kinds": KIND_LABELS,
        "states": STATES,
    }


@routes.get("/contests")
async def contests_page(request: web.Request) -> web.Response:
    values: dict[str, Any] = dict.fromkeys(FORM_FIELDS, "")
    values.update(kind=ContestKind.ICPC.value, penalty_minutes=str(DEFAULT_PENALTY), task_ids=())
    return await render(request, LIST_TEMPLATE, await _list_context(request, values))


@routes.post("/contests")
async def contest_create(request: web.Request) -> web.Response:
    form = await request.post()
    try:
        contest_id = await create_contest(
            deps_of(request), actor_of(request), form=_contest_form(request, form)
        )
    except (InvalidInput, Conflict) as error:
        values: dict[str, Any] = {name: text(form, name, limit=200) for name in FORM_FIELDS}
        values["task_ids"] = integers(form, "task_ids")
        context = await _list_context(request, values)
        return await render_form(request, LIST_TEMPLATE, context, error)
    await flash(request, N_("The contest is created."))
    raise web.HTTPSeeOther(f"/contests/{contest_id}")


# --- a contest ---------------------------------------------------------------------------------


@routes.get(r"/contests/{id:\d+}")
async def contest_page(request: web.Request) -> web.Response:
    actor = actor_of(request)
    view = await contest_view(deps_of(request), actor, _id(request))
    context = {
        "contest": view,
        "is_student": Role.STUDENT in actor.roles,
        "submissions": await contest_submissions(actor, view.id),
        "kinds": KIND_LABELS,
        "states": STATES,
        "verdicts": VERDICT_LABELS,
        "submission_states": STATE_LABELS,
        "languages": LANGUAGE_LABELS,
    }
    return await render(request, CONTEST_TEMPLATE, context)


@routes.post(r"/contests/{id:\d+}/enter")
async def contest_enter(request: web.Request) -> web.Response:
    contest_id = _id(request)
    try:
        await enter_contest(deps_of(request), actor_of(request), contest_id=contest_id)
    except Conflict as error:
        await flash(request, error.message, **error.params)
    raise web.HTTPSeeOther(f"/contests/{contest_id}")


# --- a problem ---------------------------------------------------------------------------------


async def _problem_page(
    request: web.Request,
    view: ContestView,
    task: TaskView,
    *,
    error: SabaqError | None = None,
    source: str = "",
    language: str = "",
) -> web.Response:
    reader = language_of(request)
    label = next((row.label for row in view.problems if row.task_id == task.id), "")
    mine = await contest_submissions(actor_of(request), view.id)
    context = {
        "contest": view,
        "task": task,
        "label": label,
        "title": title_in(task.statements, reader, task.name),
        "statement": task.statements.get(reader) or next(iter(task.statements.values()), None),
        "languages": LANGUAGE_LABELS,
        "chosen": language,
        "source": source,
        "limit_kb": MAX_SOURCE_BYTES // 1024,
        "submissions": [row for row in mine if row.task_id == task.id],
        "verdicts": VERDICT_LABELS,
        "submission_states": STATE_LABELS,
    }
    return await render_form(request, PROBLEM_TEMPLATE, context, error)


@routes.get(r"/contests/{id:\d+}/problems/{task:\d+}")
async def problem_page(request: web.Request) -> web.Response:
    deps, actor = deps_of(request), actor_of(request)
    task = await contest_task(deps, actor, _id(request), _task_id(request))
    view = await contest_view(deps, actor, _id(request))
    return await _problem_page(request, view, task)


@routes.post(r"/contests/{id:\d+}/problems/{task:\d+}")
async def problem_submit(request: web.Request) -> web.Response:
    deps, actor = deps_of(request), actor_of(request)
    contest_id, task_id = _id(request), _task_id(request)
    form = await request.post()
    typed = text(form, "source", limit=MAX_SOURCE_BYTES + 1)
    language = text(form, "language", limit=10)
    try:
        submission_id = await submit_to_contest(
            deps,
            actor,
            contest_id=contest_id,
            task_id=task_id,
            language=language,
            source=uploaded(form, "file", limit=MAX_SOURCE_BYTES) or typed.encode(),
            channel=SubmissionChannel.WEB,
        )
    except (InvalidInput, Conflict, RateLimited) as error:
        task = await contest_task(deps, actor, contest_id, task_id)
        view = await contest_view(deps, actor, contest_id)
        return await _problem_page(
            request, view, task, error=error, source=typed, language=language
        )
    raise web.HTTPSeeOther(f"/submissions/{submission_id}")


# --- the scoreboard and monitoring -------------------------------------------------------------


async def _board_context(request: web.Request) -> dict[str, Any]:
    deps, actor = deps_of(request), actor_of(request)
    contest_id = _id(request)
    view = await contest_view(deps, actor, contest_id)
    board = await scoreboard(deps, actor, contest_id, language=language_of(request))
    now = deps.clock.now()
    return {
        "contest": view,
        "board": board,
        "labels": [label_of(position) for position in range(len(board.problems))],
        "frozen_for_others": (
            view.is_organiser and view.freeze_at is not None and now >= view.freeze_at
        ),
        "can_unfreeze": view.is_organiser and view.frozen and view.state == "over",
    }


@routes.get(r"/contests/{id:\d+}/scoreboard")
async def scoreboard_page(request: web.Request) -> web.Response:
    context = await _board_context(request)
    context["refresh"] = REFRESH_SECONDS
    return await render(request, SCOREBOARD_TEMPLATE, context)


@routes.get(r"/contests/{id:\d+}/scoreboard.json")
async def scoreboard_json(request: web.Request) -> web.Response:
    table = render_fragment(request, BOARD_TEMPLATE, await _board_context(request))
    return web.json_response({"html": table}, headers={"Cache-Control": "no-store"})


@routes.post(r"/contests/{id:\d+}/unfreeze")
async def scoreboard_unfreeze(request: web.Request) -> web.Response:
    contest_id = _id(request)
    try:
        await unfreeze(deps_of(request), actor_of(request), contest_id=contest_id)
    except Conflict as error:
        await flash(request, error.message, **error.params)
    else:
        await flash(request, N_("The scoreboard is unfrozen: everyone sees the final results."))
    raise web.HTTPSeeOther(f"/contests/{contest_id}/scoreboard")


@routes.get(r"/contests/{id:\d+}/monitoring")
async def monitoring_page(request: web.Request) -> web.Response:
    deps, actor = deps_of(request), actor_of(request)
    contest_id = _id(request)
    figures = await contest_monitoring(deps, actor, contest_id, language=language_of(request))
    view = await contest_view(deps, actor, contest_id)
    board = await scoreboard(deps, actor, contest_id)
    context = {
        "contest": view,
        "figures": figures,
        "names": {row.participant.id: row.participant.name for row in board.rows},
        "labels": {
            problem_id: label_of(position) for position, problem_id in enumerate(board.problems)
        },
    }
    return await render(request, MONITORING_TEMPLATE, context)
