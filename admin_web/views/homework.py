"""Homework, grades and learning plans in the panel: a lesson's homework form, the answers
and their review, a group's gradebook (with its Excel export), terms, a student's plan."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from aiohttp import web

from admin_web.forms import FormData, integer, optional_date, query_date, text
from admin_web.keys import ORGANISATION, actor_of, deps_of, granted_of, language_of
from admin_web.render import download, flash, render, render_error, stored_file
from core.errors import Conflict, InvalidInput
from core.i18n import N_
from core.permissions import Permission
from core.services.grades import (
    KIND_LABELS,
    XLSX_CONTENT_TYPE,
    GradeKind,
    access_grade,
    correct_grade,
    create_term,
    give_grade,
    gradebook,
    gradebook_xlsx,
    list_terms,
    remove_term,
    update_term,
    value_label,
)
from core.services.homework import (
    SUBMISSION_STATUS_LABELS,
    FileDownload,
    LessonHomework,
    SubmissionStatus,
    Upload,
    homework_card,
    homework_file,
    lesson_homework,
    parse_local_datetime,
    remove_homework_file,
    review_submission,
    set_homework,
)
from core.services.plans import (
    add_plan_item,
    remove_plan_item,
    student_plan,
    update_plan_item,
)

routes = web.RouteTableDef()

#: Errors a form shows next to its fields; NotFound and PermissionDenied become 404/403 pages.
FORM_ERRORS = (InvalidInput, Conflict)


def _id(request: web.Request) -> int:
    # The routes only match digits, so this never fails.
    return int(request.match_info["id"])


def _download(file: FileDownload) -> web.FileResponse:
    return stored_file(file.path, filename=file.filename, content_type=file.content_type)


def _uploads(form: FormData, name: str, limit: int) -> list[Upload]:
    """The files of a multipart field; an empty file input sends an unnamed empty part."""
    uploads = []
    for part in form.getall(name, []):
        if not isinstance(part, web.FileField):
            continue
        # Read one byte past the limit: the service refuses the file without our holding
        # more of it.
        data = part.file.read(limit + 1)
        if data or part.filename:
            uploads.append(Upload(part.filename or "", data))
    return uploads


# --- a lesson's homework -------------------------------------------------------------------


def _lesson_context(
    request: web.Request, found: LessonHomework, values: dict[str, str]
) -> dict[str, Any]:
    return {
        "lesson": found.lesson,
        "homework": found.homework,
        "values": values,
        "limit_mb": max(1, deps_of(request).settings.max_upload_bytes // (1024 * 1024)),
    }


@routes.get(r"/lessons/{id:\d+}/homework")
async def lesson_homework_page(request: web.Request) -> web.Response:
    found = await lesson_homework(actor_of(request), lesson_id=_id(request))
    due = found.homework.local_due if found.homework else None
    values = {
        "text": found.homework.text if found.homework else "",
        "due": due.strftime("%Y-%m-%dT%H:%M") if due else "",
    }
    return await render(request, "homework/lesson.html", _lesson_context(request, found, values))


@routes.post(r"/lessons/{id:\d+}/homework")
async def lesson_homework_save(request: web.Request) -> web.Response:
    deps = deps_of(request)
    actor = actor_of(request)
    lesson_id = _id(request)
    form = await request.post()
    values = {"text": text(form, "text", limit=5000), "due": text(form, "due", limit=40)}
    # The browser's date-time field carries the year, so "today" only matters for typed text.
    timezone = request[ORGANISATION].timezone
    today = deps.clock.now().astimezone(ZoneInfo(timezone)).date()
    try:
        due = (
            parse_local_datetime(values["due"], timezone=timezone, today=today)
            if values["due"].strip()
            else None
        )
        homework = await set_homework(
            deps,
            actor,
            lesson_id=lesson_id,
            text=values["text"],
            due_at=due,
            uploads=_uploads(form, "files", deps.settings.max_upload_bytes),
        )
    except FORM_ERRORS as error:
        found = await lesson_homework(actor, lesson_id=lesson_id)
        context = _lesson_context(request, found, values)
        return await render_error(request, "homework/lesson.html", context, error)
    await flash(request, N_("The homework is saved."))
    raise web.HTTPSeeOther(f"/homework/{homework.id}")


@routes.post(r"/homework/files/{id:\d+}/remove")
async def homework_file_remove(request: web.Request) -> web.Response:
    homework = await remove_homework_file(
        deps_of(request), actor_of(request), file_id=_id(request)
    )
    await flash(request, N_("The file is removed from the homework."))
    raise web.HTTPSeeOther(f"/lessons/{homework.lesson.id}/homework")


@routes.get(r"/homework/files/{id:\d+}")
async def homework_file_download(request: web.Request) -> web.FileResponse:
    return _download(
        await homework_file(deps_of(request), actor_of(request), file_id=_id(request))
    )


# --- answers and their review --------------------------------------------------------------


async def _card_context(request: web.Request, homework_id: int) -> dict[str, Any]:
    card = await homework_card(actor_of(request), homework_id=homework_id)
    return {
        "card": card,
        "status_labels": SUBMISSION_STATUS_LABELS,
        "value_label": value_label,
        "waiting": sum(
            1
            for row in card.rows
            if row.submission and row.submission.status is SubmissionStatus.SUBMITTED
        ),
    }


@routes.get(r"/homework/{id:\d+}")
async def homework_page(request: web.Request) -> web.Response:
    context = await _card_context(request, _id(request))
    return await render(request, "homework/card.html", context)


@routes.post(r"/submissions/{id:\d+}/review")
async def submission_review(request: web.Request) -> web.Response:
    form = await request.post()
    homework_id = integer(form, "homework_id", default=0)
    returned = text(form, "action", limit=10) == "return"
    try:
        answer = await review_submission(
            deps_of(request),
            actor_of(request),
            submission_id=_id(request),
            comment=text(form, "comment", limit=3000),
            grade="" if returned else text(form, "grade", limit=10),
            return_for_rework=returned,
        )
    except FORM_ERRORS as error:
        context = await _card_context(request, homework_id)
        return await render_error(request, "homework/card.html", context, error)
    if returned:
        await flash(request, N_("Returned to {student} for rework."), student=answer.student_name)
    else:
        await flash(
            request, N_("The answer of {student} is reviewed."), student=answer.student_name
        )
    raise web.HTTPSeeOther(f"/homework/{answer.homework_id}")


# --- the gradebook -------------------------------------------------------------------------


Period = tuple[date | None, date | None, int | None]
_DEFAULT_PERIOD: Period = (None, None, None)


def _period_query(request: web.Request) -> Period:
    """The period the address asks for: ``term``, or ``from`` and ``to``.

    Raises:
        InvalidInput: a date that is not a date.
    """
    query = request.query
    term = query.get("term", "")
    return (
        query_date(query, "from"),
        query_date(query, "to"),
        int(term) if term.isdigit() and len(term) < 10 else None,
    )


async def _gradebook_context(
    request: web.Request, group_id: int, values: dict[str, str], period: Period
) -> dict[str, Any]:
    starts_on, ends_on, term_id = period
    book = await gradebook(
        deps_of(request),
        actor_of(request),
        group_id=group_id,
        starts_on=starts_on,
        ends_on=ends_on,
        term_id=term_id,
    )
    shown = (
        {"term": str(book.term.id)}
        if book.term
        else {"from": book.starts_on.isoformat(), "to": book.ends_on.isoformat()}
    )
    return {
        "book": book,
        "terms": await list_terms(actor_of(request)),
        "kind_labels": KIND_LABELS,
        "weights": {kind.value: weight for kind, weight in book.weights},
        "value_label": value_label,
        "values": values,
        "period_query": urlencode(shown),
    }


def _grade_defaults() -> dict[str, str]:
    return {
        "student_id": "",
        "kind": GradeKind.CLASSWORK.value,
        "value": "",
        "given_on": "",
        "comment": "",
    }


@routes.get(r"/groups/{id:\d+}/gradebook")
async def gradebook_page(request: web.Request) -> web.Response:
    group_id = _id(request)
    try:
        context = await _gradebook_context(
            request, group_id, _grade_defaults(), _period_query(request)
        )
    except FORM_ERRORS as error:
        # A bad period in the address: the default period, with the message.
        context = await _gradebook_context(request, group_id, _grade_defaults(), _DEFAULT_PERIOD)
        return await render_error(request, "grades/gradebook.html", context, error)
    return await render(request, "grades/gradebook.html", context)


@routes.post(r"/groups/{id:\d+}/grades")
async def grade_give(request: web.Request) -> web.Response:
    group_id = _id(request)
    form = await request.post()
    values = {
        name: text(form, name, limit=300)
        for name in ("student_id", "kind", "value", "given_on", "comment")
    }
    back = text(form, "back", limit=200)
    target = f"/groups/{group_id}/gradebook" + (f"?{back}" if back else "")
    try:
        kind = values["kind"]
        if kind not in {k.value for k in GradeKind}:
            raise InvalidInput(N_("Choose the kind of grade."), field="kind")
        grade = await give_grade(
            deps_of(request),
            actor_of(request),
            group_id=group_id,
            student_id=integer(form, "student_id"),
            kind=GradeKind(kind),
            value=values["value"],
            given_on=optional_date(form, "given_on"),
            comment=values["comment"],
        )
    except FORM_ERRORS as error:
        context = await _gradebook_context(request, group_id, values, _DEFAULT_PERIOD)
        return await render_error(request, "grades/gradebook.html", context, error)
    await flash(request, N_("The grade of {student} is saved."), student=grade.student_name)
    raise web.HTTPSeeOther(target)


@routes.get(r"/groups/{id:\d+}/gradebook.xlsx")
async def gradebook_export(request: web.Request) -> web.Response:
    starts_on, ends_on, term_id = _period_query(request)
    filename, data = await gradebook_xlsx(
        deps_of(request),
        actor_of(request),
        group_id=_id(request),
        starts_on=starts_on,
        ends_on=ends_on,
        term_id=term_id,
        language=language_of(request),
    )
    return download(data, content_type=XLSX_CONTENT_TYPE, filename=filename)


@routes.get(r"/grades/{id:\d+}")
async def grade_page(request: web.Request) -> web.Response:
    grade = await access_grade(actor_of(request), _id(request))
    values = {"value": grade.value, "comment": grade.comment}
    context = {"grade": grade, "values": values, "kind_labels": KIND_LABELS}
    return await render(request, "grades/grade.html", context)


@routes.post(r"/grades/{id:\d+}")
async def grade_correct(request: web.Request) -> web.Response:
    actor = actor_of(request)
    form = await request.post()
    values = {"value": text(form, "value", limit=10), "comment": text(form, "comment", limit=400)}
    try:
        grade = await correct_grade(
            deps_of(request),
            actor,
            grade_id=_id(request),
            value=values["value"],
            comment=values["comment"],
        )
    except FORM_ERRORS as error:
        grade = await access_grade(actor, _id(request))
        context = {"grade": grade, "values": values, "kind_labels": KIND_LABELS}
        return await render_error(request, "grades/grade.html", context, error)
    await flash(request, N_("The grade is corrected."))
    raise web.HTTPSeeOther(f"/groups/{grade.group_id}/gradebook")


# --- terms ---------------------------------------------------------------------------------


async def _terms_context(request: web.Request, values: dict[str, str]) -> dict[str, Any]:
    return {
        "terms": await list_terms(actor_of(request)),
        "values": values,
        "can_manage": Permission.ORG_MANAGE in granted_of(request),
    }


def _term_values(form: FormData) -> dict[str, str]:
    return {name: text(form, name, limit=100) for name in ("name", "starts_on", "ends_on")}


@routes.get("/terms")
async def terms_page(request: web.Request) -> web.Response:
    context = await _terms_context(request, dict.fromkeys(("name", "starts_on", "ends_on"), ""))
    return await render(request, "grades/terms.html", context)


@routes.post("/terms")
async def term_create(request: web.Request) -> web.Response:
    form = await request.post()
    values = _term_values(form)
    try:
        term = await create_term(
            deps_of(request),
            actor_of(request),
            name=values["name"],
            starts_on=optional_date(form, "starts_on"),
            ends_on=optional_date(form, "ends_on"),
        )
    except FORM_ERRORS as error:
        context = await _terms_context(request, values)
        return await render_error(request, "grades/terms.html", context, error)
    await flash(request, N_("The term “{name}” is added."), name=term.name)
    raise web.HTTPSeeOther("/terms")


@routes.post(r"/terms/{id:\d+}")
async def term_update(request: web.Request) -> web.Response:
    form = await request.post()
    try:
        term = await update_term(
            deps_of(request),
            actor_of(request),
            term_id=_id(request),
            name=text(form, "name", limit=100),
            starts_on=optional_date(form, "starts_on"),
            ends_on=optional_date(form, "ends_on"),
        )
    except FORM_ERRORS as error:
        context = await _terms_context(
            request, dict.fromkeys(("name", "starts_on", "ends_on"), "")
        )
        return await render_error(request, "grades/terms.html", context, error)
    await flash(request, N_("The term “{name}” is saved."), name=term.name)
    raise web.HTTPSeeOther("/terms")


@routes.post(r"/terms/{id:\d+}/remove")
async def term_remove(request: web.Request) -> web.Response:
    await remove_term(deps_of(request), actor_of(request), term_id=_id(request))
    await flash(request, N_("The term is removed; grades are not affected."))
    raise web.HTTPSeeOther("/terms")


# --- a student's learning plan -------------------------------------------------------------


_PLAN_FIELDS = ("title", "topics", "target_on", "progress")


async def _plan_context(
    request: web.Request, student_id: int, values: dict[str, str]
) -> dict[str, Any]:
    plan = await student_plan(actor_of(request), student_id=student_id)
    return {"plan": plan, "values": values}


def _plan_values(form: FormData) -> dict[str, str]:
    return {name: text(form, name, limit=2100) for name in _PLAN_FIELDS}


@routes.get(r"/people/{id:\d+}/plan")
async def plan_page(request: web.Request) -> web.Response:
    values = {**dict.fromkeys(_PLAN_FIELDS, ""), "progress": "0"}
    context = await _plan_context(request, _id(request), values)
    return await render(request, "grades/plan.html", context)


@routes.post(r"/people/{id:\d+}/plan")
async def plan_add(request: web.Request) -> web.Response:
    student_id = _id(request)
    form = await request.post()
    values = _plan_values(form)
    try:
        await add_plan_item(
            deps_of(request),
            actor_of(request),
            student_id=student_id,
            title=values["title"],
            topics=values["topics"],
            target_on=optional_date(form, "target_on"),
            progress=integer(form, "progress", default=0),
        )
    except FORM_ERRORS as error:
        context = await _plan_context(request, student_id, values)
        return await render_error(request, "grades/plan.html", context, error)
    await flash(request, N_("The goal is added to the plan."))
    raise web.HTTPSeeOther(f"/people/{student_id}/plan")


@routes.post(r"/plan-items/{id:\d+}")
async def plan_update(request: web.Request) -> web.Response:
    form = await request.post()
    student_id = integer(form, "student_id", default=0)
    try:
        item = await update_plan_item(
            deps_of(request),
            actor_of(request),
            item_id=_id(request),
            title=text(form, "title", limit=300),
            topics=text(form, "topics", limit=2100),
            target_on=optional_date(form, "target_on"),
            progress=integer(form, "progress", default=0),
        )
    except FORM_ERRORS as error:
        values = {**dict.fromkeys(_PLAN_FIELDS, ""), "progress": "0"}
        context = await _plan_context(request, student_id, values)
        return await render_error(request, "grades/plan.html", context, error)
    await flash(request, N_("Saved."))
    raise web.HTTPSeeOther(f"/people/{item.student_id}/plan")


@routes.post(r"/plan-items/{id:\d+}/remove")
async def plan_remove(request: web.Request) -> web.Response:
    item = await remove_plan_item(deps_of(request), actor_of(request), item_id=_id(request))
    await flash(request, N_("The goal is removed from the plan."))
    raise web.HTTPSeeOther(f"/people/{item.student_id}/plan")
