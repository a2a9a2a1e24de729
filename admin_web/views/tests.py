"""The test builder: the list of tests, a new test, and a test's page (settings, lines from
the bank, publishing, assigning, archiving). Results live at ``/tests/{id}/results``."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web

from admin_web.forms import FormData, integer, integers, optional_id, row_id, text
from admin_web.keys import ORGANISATION, actor_of, deps_of, granted_of, language_of
from admin_web.render import flash, render, render_error
from core.errors import Conflict, InvalidInput, SabaqError
from core.i18n import N_
from core.permissions import Permission
from core.question_kinds import KIND_LABELS, localised
from core.services.testing import (
    ATTEMPTS_MAX,
    INSTRUCTIONS_MAX,
    RANDOM_MAX,
    STATUS_LABELS,
    TIME_LIMIT_MAX,
    TITLE_MAX,
    ItemData,
    TestData,
    TestView,
    access_test,
    add_items,
    archive_test,
    assign_choices,
    assign_test,
    bank_for_test,
    course_choices,
    create_test,
    list_tests,
    move_item,
    parse_moment,
    publish_test,
    remove_item,
    unassign_test,
    update_test,
)

routes = web.RouteTableDef()
LIST_TEMPLATE = "tests/list.html"
FORM_TEMPLATE = "tests/new.html"
CARD_TEMPLATE = "tests/card.html"
#: Errors a form shows next to its fields; NotFound and PermissionDenied become 404/403 pages.
FORM_ERRORS = (InvalidInput, Conflict)
SETTING_FIELDS = (
    "title",
    "instructions",
    "course_id",
    "time_limit_minutes",
    "attempts_allowed",
    "opens_at",
    "closes_at",
    "pass_percent",
)
CHECKBOXES = ("shuffle_questions", "shuffle_options", "show_review")


def _id(request: web.Request) -> int:
    # The routes only match digits.
    return int(request.match_info["id"])


def _timezone(request: web.Request) -> str:
    organisation = request.get(ORGANISATION)
    return organisation.timezone if organisation else "Asia/Almaty"


def _local_input(moment: datetime | None, timezone: str) -> str:
    """A UTC moment as a browser's date-time field shows it, in local time."""
    return moment.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%dT%H:%M") if moment else ""


def _values_of(test: TestView) -> dict[str, Any]:
    return {
        "title": test.title,
        "instructions": test.instructions,
        "course_id": str(test.course_id or ""),
        "time_limit_minutes": str(test.time_limit_minutes or ""),
        "attempts_allowed": str(test.attempts_allowed),
        "opens_at": _local_input(test.opens_at, test.timezone),
        "closes_at": _local_input(test.closes_at, test.timezone),
        "pass_percent": str(test.pass_percent),
        "shuffle_questions": test.shuffle_questions,
        "shuffle_options": test.shuffle_options,
        "show_review": test.show_review,
    }


def _typed_values(form: FormData) -> dict[str, Any]:
    values: dict[str, Any] = {
        name: text(form, name, limit=INSTRUCTIONS_MAX + 100) for name in SETTING_FIELDS
    }
    values.update({name: bool(form.get(name)) for name in CHECKBOXES})
    return values


def _settings(request: web.Request, form: FormData) -> TestData:
    """The settings form as ``TestData``.

    Raises:
        InvalidInput: a number or a date that is not one.
    """
    timezone = _timezone(request)
    today = deps_of(request).clock.now().astimezone(ZoneInfo(timezone)).date()
    limit = text(form, "time_limit_minutes", limit=20).strip()
    return TestData(
        title=text(form, "title", limit=TITLE_MAX + 100),
        instructions=text(form, "instructions", limit=INSTRUCTIONS_MAX + 100),
        course_id=optional_id(text(form, "course_id", limit=20)),
        time_limit_minutes=integer(form, "time_limit_minutes") if limit else None,
        attempts_allowed=integer(form, "attempts_allowed", default=1),
        opens_at=parse_moment(
            text(form, "opens_at", limit=40), timezone=timezone, today=today, field="opens_at"
        ),
        closes_at=parse_moment(
            text(form, "closes_at", limit=40), timezone=timezone, today=today, field="closes_at"
        ),
        shuffle_questions=bool(form.get("shuffle_questions")),
        shuffle_options=bool(form.get("shuffle_options")),
        pass_percent=integer(form, "pass_percent", default=50),
        show_review=bool(form.get("show_review")),
    )


def _helpers(request: web.Request) -> dict[str, Any]:
    language = language_of(request)
    return {
        "loc": lambda loc: localised(loc, language),
        "kind_labels": KIND_LABELS,
        "status_labels": STATUS_LABELS,
        "limits": {
            "title": TITLE_MAX,
            "instructions": INSTRUCTIONS_MAX,
            "time": TIME_LIMIT_MAX,
            "attempts": ATTEMPTS_MAX,
            "random": RANDOM_MAX,
        },
    }


# --- the list and a new test -----------------------------------------------------------------


@routes.get("/tests")
async def tests_page(request: web.Request) -> web.Response:
    archived = request.query.get("archived") == "1"
    tests = await list_tests(actor_of(request), archived=archived)
    return await render(
        request,
        LIST_TEMPLATE,
        {
            "tests": tests,
            "archived": archived,
            "can_manage": Permission.TESTS_MANAGE in granted_of(request),
            **_helpers(request),
        },
    )


async def _new_context(request: web.Request, values: dict[str, Any]) -> dict[str, Any]:
    return {
        "courses": await course_choices(actor_of(request)),
        "values": values,
        **_helpers(request),
    }


@routes.get("/tests/new")
async def new_test_page(request: web.Request) -> web.Response:
    values: dict[str, Any] = dict.fromkeys(SETTING_FIELDS, "")
    values.update(
        attempts_allowed="1",
        pass_percent="50",
        shuffle_questions=True,
        shuffle_options=True,
        show_review=False,
    )
    return await render(request, FORM_TEMPLATE, await _new_context(request, values))


@routes.post("/tests/new")
async def new_test_save(request: web.Request) -> web.Response:
    form = await request.post()
    try:
        test_id = await create_test(
            deps_of(request), actor_of(request), data=_settings(request, form)
        )
    except FORM_ERRORS as error:
        context = await _new_context(request, _typed_values(form))
        return await render_error(request, FORM_TEMPLATE, context, error)
    await flash(request, N_("The test is created. Now add its questions."))
    raise web.HTTPSeeOther(f"/tests/{test_id}")


# --- a test's page ---------------------------------------------------------------------------


async def _card_context(
    request: web.Request,
    test_id: int,
    values: dict[str, Any] | None = None,
    *,
    form: str = "",
) -> dict[str, Any]:
    """A test's page; ``form`` names the form an error belongs to (settings, items,
    assign)."""
    actor = actor_of(request)
    test = await access_test(actor, test_id)
    context: dict[str, Any] = {
        "test": test,
        "values": values if values is not None else _values_of(test),
        "form": form,
        "bank": None,
        "choices": None,
        "courses": [],
        **_helpers(request),
    }
    if test.can_edit and test.archived_at is None:
        context["bank"] = await bank_for_test(
            actor, test_id=test.id, topic=request.query.get("topic", "")[:100]
        )
        context["choices"] = await assign_choices(actor, test_id=test.id)
        context["courses"] = await course_choices(actor)
    return context


async def _card_error(
    request: web.Request, test_id: int, error: SabaqError, *, form: str, values: Any = None
) -> web.Response:
    context = await _card_context(request, test_id, values, form=form)
    return await render_error(request, CARD_TEMPLATE, context, error)


@routes.get(r"/tests/{id:\d+}")
async def test_page(request: web.Request) -> web.Response:
    return await render(request, CARD_TEMPLATE, await _card_context(request, _id(request)))


@routes.post(r"/tests/{id:\d+}")
async def test_save(request: web.Request) -> web.Response:
    test_id = _id(request)
    form = await request.post()
    try:
        await update_test(
            deps_of(request), actor_of(request), test_id=test_id, data=_settings(request, form)
        )
    except FORM_ERRORS as error:
        return await _card_error(
            request, test_id, error, form="settings", values=_typed_values(form)
        )
    await flash(request, N_("The test's settings are saved."))
    raise web.HTTPSeeOther(f"/tests/{test_id}")


@routes.post(r"/tests/{id:\d+}/items/add")
async def items_add(request: web.Request) -> web.Response:
    test_id = _id(request)
    form = await request.post()
    chosen = integers(form, "question")
    try:
        if not chosen:
            raise InvalidInput(N_("Tick the questions to add."), field="question")
        await add_items(
            deps_of(request),
            actor_of(request),
            test_id=test_id,
            items=[ItemData(question_id=question_id) for question_id in chosen],
        )
    except FORM_ERRORS as error:
        return await _card_error(request, test_id, error, form="items")
    await flash(request, N_("The questions are added."))
    raise web.HTTPSeeOther(f"/tests/{test_id}#items")


@routes.post(r"/tests/{id:\d+}/items/random")
async def items_random(request: web.Request) -> web.Response:
    test_id = _id(request)
    form = await request.post()
    try:
        await add_items(
            deps_of(request),
            actor_of(request),
            test_id=test_id,
            items=[
                ItemData(
                    topic=text(form, "topic", limit=200),
                    count=integer(form, "count", default=1),
                )
            ],
        )
    except FORM_ERRORS as error:
        return await _card_error(request, test_id, error, form="items")
    await flash(request, N_("The random questions are added."))
    raise web.HTTPSeeOther(f"/tests/{test_id}#items")


@routes.post(r"/tests/{id:\d+}/items/{position:\d+}/remove")
async def item_remove(request: web.Request) -> web.Response:
    test_id = _id(request)
    try:
        await remove_item(
            deps_of(request),
            actor_of(request),
            test_id=test_id,
            position=row_id(request.match_info["position"]) - 1,
        )
    except FORM_ERRORS as error:
        return await _card_error(request, test_id, error, form="items")
    await flash(request, N_("The line is removed from the test."))
    raise web.HTTPSeeOther(f"/tests/{test_id}#items")


@routes.post(r"/tests/{id:\d+}/items/{position:\d+}/move")
async def item_move(request: web.Request) -> web.Response:
    test_id = _id(request)
    form = await request.post()
    try:
        await move_item(
            deps_of(request),
            actor_of(request),
            test_id=test_id,
            position=row_id(request.match_info["position"]) - 1,
            offset=-1 if text(form, "direction", limit=10) == "up" else 1,
        )
    except FORM_ERRORS as error:
        return await _card_error(request, test_id, error, form="items")
    raise web.HTTPSeeOther(f"/tests/{test_id}#items")


@routes.post(r"/tests/{id:\d+}/publish")
async def test_publish(request: web.Request) -> web.Response:
    test_id = _id(request)
    try:
        await publish_test(deps_of(request), actor_of(request), test_id=test_id)
    except FORM_ERRORS as error:
        return await _card_error(request, test_id, error, form="publish")
    await flash(request, N_("The test is published: assigned students can take it."))
    raise web.HTTPSeeOther(f"/tests/{test_id}")


@routes.post(r"/tests/{id:\d+}/assign")
async def test_assign(request: web.Request) -> web.Response:
    test_id = _id(request)
    form = await request.post()
    try:
        await assign_test(
            deps_of(request),
            actor_of(request),
            test_id=test_id,
            group_id=optional_id(text(form, "group_id", limit=20)),
            student_id=optional_id(text(form, "student_id", limit=20)),
        )
    except FORM_ERRORS as error:
        return await _card_error(request, test_id, error, form="assign")
    await flash(request, N_("The test is assigned."))
    raise web.HTTPSeeOther(f"/tests/{test_id}#assignments")


@routes.post(r"/tests/{id:\d+}/assignments/{assignment:\d+}/remove")
async def test_unassign(request: web.Request) -> web.Response:
    test_id = _id(request)
    try:
        await unassign_test(
            deps_of(request),
            actor_of(request),
            assignment_id=row_id(request.match_info["assignment"]),
        )
    except FORM_ERRORS as error:
        return await _card_error(request, test_id, error, form="assign")
    await flash(request, N_("The assignment is taken back."))
    raise web.HTTPSeeOther(f"/tests/{test_id}#assignments")


@routes.post(r"/tests/{id:\d+}/archive")
async def test_archive(request: web.Request) -> web.Response:
    await archive_test(deps_of(request), actor_of(request), test_id=_id(request))
    await flash(request, N_("The test is archived."))
    raise web.HTTPSeeOther("/tests")
