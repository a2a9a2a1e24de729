"""Programming tasks and submissions in the panel (issue 10): writing a task with its tests,
Polygon import and export, and submitting a program with the verdict shown live.

The verdict page opens a websocket that sends the submission's state whenever it changes;
without JavaScript (or if the socket fails) it refreshes itself until the verdict is in.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from admin_web.forms import FormData, integer, row_id, text, uploaded
from admin_web.keys import actor_of, deps_of, granted_of, language_of
from admin_web.render import download, flash, render, render_form
from core.errors import InvalidInput, SabaqError, TaskRejected
from core.i18n import N_, gettext_for
from core.judge.package import CheckerSpec, Statement, TaskPackage, TestCase
from core.judge.polygon import read_polygon, write_polygon
from core.permissions import Permission
from core.services.judge_tasks import (
    STATEMENT_LANGUAGES,
    TaskView,
    create_task,
    list_tasks,
    set_published,
    task_view,
    title_in,
    update_task,
)
from core.services.submissions import (
    LANGUAGE_LABELS,
    MAX_SOURCE_BYTES,
    STATE_LABELS,
    VERDICT_LABELS,
    SubmissionChannel,
    SubmissionView,
    submission_view,
    submit,
    task_submissions,
    watch_submission,
)

routes = web.RouteTableDef()

LIST_TEMPLATE = "programming/list.html"
EDIT_TEMPLATE = "programming/edit.html"
TASK_TEMPLATE = "programming/task.html"
SUBMISSION_TEMPLATE = "programming/submission.html"
CHECKERS = {
    "tokens": N_("Tokens (spaces and line breaks do not matter)"),
    "lines": N_("Exact lines"),
    "float": N_("Numbers with a tolerance"),
    "unordered": N_("Lines in any order"),
    "custom": N_("A custom checker (testlib)"),
}
CHECKER_LANGUAGES = {"cpp": "C++17 (testlib)", "python": "Python 3"}
#: Rows of tests a new task's form starts with (a task needs at least this many).
FIRST_TESTS = 3
MAX_FORM_TESTS = 50
#: The statement fields, in the order the form shows them.
STATEMENT_PARTS = ("title", "legend", "input", "output", "notes")
_NOT_A_NUMBER = N_("Give the tolerance as a number, for example 0.000001.")
_NO_FILE = N_("Choose the Polygon package (.zip) to import.")
#: Refresh of the verdict page without JavaScript, seconds.
REFRESH = 2
#: A live verdict socket gives up after this many looks (a queue with no judge running).
LIVE_LOOKS = 600


def _precision(form: FormData) -> float | None:
    raw = text(form, "precision", limit=30).strip()
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        raise InvalidInput(_NOT_A_NUMBER, field="precision") from None


def _test_count(form: FormData) -> int:
    return max(FIRST_TESTS, min(integer(form, "test_count", default=FIRST_TESTS), MAX_FORM_TESTS))


def _package(form: FormData) -> TaskPackage:
    """The task as the form gives it. Rows of tests left empty are not tests."""
    statements = {
        language: Statement(
            **{part: text(form, f"{part}_{language}", limit=20000) for part in STATEMENT_PARTS}
        )
        for language in STATEMENT_LANGUAGES
    }
    statements = {
        language: statement
        for language, statement in statements.items()
        if any(getattr(statement, part).strip() for part in STATEMENT_PARTS)
    }
    tests: list[TestCase] = []
    for number in range(1, _test_count(form) + 1):
        given = text(form, f"input_{number}", limit=MAX_SOURCE_BYTES)
        expected = text(form, f"answer_{number}", limit=MAX_SOURCE_BYTES)
        if given.strip() or expected.strip():
            tests.append(
                TestCase(
                    input=given.encode(),
                    answer=expected.encode(),
                    sample=bool(form.get(f"sample_{number}")),
                    group=None,
                    points=None,
                )
            )
    kind = text(form, "checker", limit=20)
    source = text(form, "checker_source", limit=MAX_SOURCE_BYTES)
    return TaskPackage(
        name=text(form, "name", limit=200).strip(),
        statements=statements,
        time_ms=integer(form, "time_ms", default=1000),
        memory_mb=integer(form, "memory_mb", default=256),
        tests=tuple(tests),
        checker=CheckerSpec(
            kind=kind if kind in CHECKERS else "tokens",  # type: ignore[arg-type]
            precision=_precision(form),
            source=source.encode() if kind == "custom" and source.strip() else None,
            language="python" if text(form, "checker_language", limit=10) == "python" else "cpp",
            testlib=None,
        ),
        groups=(),
    )


def _form_values(package: TaskPackage | None, form: FormData | None = None) -> dict[str, Any]:
    """What the form shows: the typed values after an error, else the task's own."""
    if form is not None:
        values: dict[str, Any] = {
            key: value for key, value in form.items() if isinstance(value, str)
        }
        values["test_count"] = _test_count(form)
        return values
    if package is None:
        return {"test_count": FIRST_TESTS, "time_ms": 1000, "memory_mb": 256, "checker": "tokens"}
    values = {
        "name": package.name,
        "time_ms": package.time_ms,
        "memory_mb": package.memory_mb,
        "checker": package.checker.kind,
        "precision": "" if package.checker.precision is None else package.checker.precision,
        "checker_source": (package.checker.source or b"").decode(errors="replace"),
        "checker_language": package.checker.language or "cpp",
        "test_count": max(FIRST_TESTS, len(package.tests)),
    }
    for language, statement in package.statements.items():
        for part in STATEMENT_PARTS:
            values[f"{part}_{language}"] = getattr(statement, part)
    for number, test in enumerate(package.tests, start=1):
        values[f"input_{number}"] = test.input.decode(errors="replace")
        values[f"answer_{number}"] = test.answer.decode(errors="replace")
        values[f"sample_{number}"] = "on" if test.sample else ""
    return values


def _problems(error: SabaqError, language: str) -> dict[str, Any]:
    """Each thing to fix of a refused task or package, in the reader's language."""
    if isinstance(error, TaskRejected):
        return {"problems": [problem.localised(language) for problem in error.problems]}
    return {}


def _edit_context(values: dict[str, Any], task: TaskView | None) -> dict[str, Any]:
    return {
        "values": values,
        "task": task,
        "languages": STATEMENT_LANGUAGES,
        "parts": STATEMENT_PARTS,
        "checkers": CHECKERS,
        "checker_languages": CHECKER_LANGUAGES,
    }


# --- the list, a new task, Polygon import ---------------------------------------------------


async def _list_context(request: web.Request) -> dict[str, Any]:
    language = language_of(request)
    rows = await list_tasks(actor_of(request))
    titles = {
        row.id: row.titles.get(language)
        or next((title for title in row.titles.values() if title), row.name)
        for row in rows
    }
    return {
        "rows": rows,
        "titles": titles,
        "can_write": Permission.JUDGE_TASKS_MANAGE in granted_of(request),
    }


@routes.get("/programming")
async def tasks_page(request: web.Request) -> web.Response:
    return await render(request, LIST_TEMPLATE, await _list_context(request))


@routes.get("/programming/new")
async def new_task_page(request: web.Request) -> web.Response:
    return await render(request, EDIT_TEMPLATE, _edit_context(_form_values(None), None))


@routes.post("/programming/new")
async def new_task(request: web.Request) -> web.Response:
    form = await request.post()
    values = _form_values(None, form)
    if form.get("add_test"):
        values["test_count"] = min(values["test_count"] + 1, MAX_FORM_TESTS)
        return await render(request, EDIT_TEMPLATE, _edit_context(values, None))
    try:
        task_id = await create_task(deps_of(request), actor_of(request), package=_package(form))
    except SabaqError as error:
        context = {**_edit_context(values, None), **_problems(error, language_of(request))}
        return await render_form(request, EDIT_TEMPLATE, context, error)
    await flash(request, N_("The task is saved. Students see it once you publish it."))
    raise web.HTTPSeeOther(f"/programming/{task_id}")


@routes.post("/programming/import")
async def import_task(request: web.Request) -> web.Response:
    form = await request.post()
    data = uploaded(form, "package", limit=deps_of(request).settings.max_upload_bytes * 3)
    try:
        if data is None:
            raise InvalidInput(_NO_FILE, field="package")
        task_id = await create_task(
            deps_of(request), actor_of(request), package=read_polygon(data)
        )
    except SabaqError as error:
        context = {**await _list_context(request), **_problems(error, language_of(request))}
        return await render_form(request, LIST_TEMPLATE, context, error)
    await flash(request, N_("The Polygon package is imported. Check the task, then publish it."))
    raise web.HTTPSeeOther(f"/programming/{task_id}")


# --- a task -----------------------------------------------------------------------------


def _id(request: web.Request) -> int:
    return row_id(request.match_info["id"])


async def _task_page(
    request: web.Request, task: TaskView, *, error: SabaqError | None = None, source: str = ""
) -> web.Response:
    actor = actor_of(request)
    language = language_of(request)
    statement = task.statements.get(language) or next(iter(task.statements.values()), None)
    context = {
        "task": task,
        "title": title_in(task.statements, language, task.name),
        "statement": statement,
        "languages": LANGUAGE_LABELS,
        "mine": await task_submissions(actor, task.id),
        "everyone": await task_submissions(actor, task.id, everyone=True) if task.can_edit else [],
        "verdicts": VERDICT_LABELS,
        "states": STATE_LABELS,
        "source": source,
        "limit_kb": MAX_SOURCE_BYTES // 1024,
    }
    return await render_form(request, TASK_TEMPLATE, context, error)


@routes.get(r"/programming/{id:\d+}")
async def task_page(request: web.Request) -> web.Response:
    return await _task_page(request, await task_view(actor_of(request), _id(request)))


@routes.post(r"/programming/{id:\d+}/submit")
async def submit_solution(request: web.Request) -> web.Response:
    form = await request.post()
    actor = actor_of(request)
    task = await task_view(actor, _id(request))
    typed = text(form, "source", limit=MAX_SOURCE_BYTES + 1)
    source = uploaded(form, "file", limit=MAX_SOURCE_BYTES) or typed.encode()
    try:
        submission_id = await submit(
            deps_of(request),
            actor,
            task_id=task.id,
            language=text(form, "language", limit=10),
            source=source,
            channel=SubmissionChannel.WEB,
        )
    except SabaqError as error:
        return await _task_page(request, task, error=error, source=typed)
    raise web.HTTPSeeOther(f"/submissions/{submission_id}")


@routes.get(r"/programming/{id:\d+}/edit")
async def edit_page(request: web.Request) -> web.Response:
    task = await task_view(actor_of(request), _id(request))
    if not task.can_edit:
        raise web.HTTPNotFound()
    return await render(request, EDIT_TEMPLATE, _edit_context(_form_values(task.package), task))


@routes.post(r"/programming/{id:\d+}/edit")
async def edit_task(request: web.Request) -> web.Response:
    actor = actor_of(request)
    task = await task_view(actor, _id(request))
    if not task.can_edit:
        raise web.HTTPNotFound()
    form = await request.post()
    values = _form_values(None, form)
    if form.get("add_test"):
        values["test_count"] = min(values["test_count"] + 1, MAX_FORM_TESTS)
        return await render(request, EDIT_TEMPLATE, _edit_context(values, task))
    try:
        await update_task(
            deps_of(request),
            actor,
            task_id=task.id,
            package=_package(form),
            version=integer(form, "version", default=0),
        )
    except SabaqError as error:
        context = {**_edit_context(values, task), **_problems(error, language_of(request))}
        return await render_form(request, EDIT_TEMPLATE, context, error)
    await flash(request, N_("The task is saved."))
    raise web.HTTPSeeOther(f"/programming/{task.id}")


@routes.post(r"/programming/{id:\d+}/publish")
async def publish_task(request: web.Request) -> web.Response:
    form = await request.post()
    published = text(form, "published", limit=5) == "1"
    task_id = _id(request)
    await set_published(deps_of(request), actor_of(request), task_id=task_id, published=published)
    await flash(
        request,
        N_("The task is open to students.")
        if published
        else N_("The task is hidden from students."),
    )
    raise web.HTTPSeeOther(f"/programming/{task_id}")


@routes.get(r"/programming/{id:\d+}/polygon.zip")
async def export_task(request: web.Request) -> web.Response:
    task = await task_view(actor_of(request), _id(request))
    if task.package is None:
        raise web.HTTPNotFound()
    return download(
        write_polygon(task.package), content_type="application/zip", filename=f"task-{task.id}.zip"
    )


# --- a submission ---------------------------------------------------------------------------


def _state_data(view: SubmissionView, language: str) -> dict[str, Any]:
    row = view.row
    label = VERDICT_LABELS.get(row.verdict or "") or STATE_LABELS.get(row.state, "")
    return {
        "state": row.state,
        "verdict": row.verdict,
        "label": gettext_for(language, label) if label else "",
        "failed_test": row.failed_test,
        "done": view.done,
    }


@routes.get(r"/submissions/{id:\d+}")
async def submission_page(request: web.Request) -> web.Response:
    view = await submission_view(actor_of(request), _id(request))
    context = {
        "view": view,
        "row": view.row,
        "verdicts": VERDICT_LABELS,
        "states": STATE_LABELS,
        "languages": LANGUAGE_LABELS,
        "refresh": REFRESH,
    }
    return await render(request, SUBMISSION_TEMPLATE, context)


@routes.get(r"/submissions/{id:\d+}.json")
async def submission_json(request: web.Request) -> web.Response:
    view = await submission_view(actor_of(request), _id(request))
    return web.json_response(_state_data(view, language_of(request)))


@routes.get(r"/submissions/{id:\d+}/live")
async def submission_live(request: web.Request) -> web.WebSocketResponse:
    """Sends the submission's state each time it changes, and closes after the verdict."""
    origin = request.headers.get("Origin")
    if origin is not None and urlsplit(origin).netloc != request.host:
        raise web.HTTPForbidden()  # another site's page may not read the verdict
    deps = deps_of(request)
    actor = actor_of(request)
    submission_id = _id(request)
    view = await submission_view(actor, submission_id)
    socket = web.WebSocketResponse(heartbeat=30)
    await socket.prepare(request)
    seen: str | None = None
    for _ in range(LIVE_LOOKS):
        if socket.closed:
            break
        view = await watch_submission(deps, actor, submission_id, seen=seen)
        if view.row.state != seen:
            seen = view.row.state
            await socket.send_str(json.dumps(_state_data(view, language_of(request))))
        if view.done:
            break
    await socket.close()
    return socket
