"""Courses and groups: lists, forms, the group card with enrolments and its status."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from admin_web.forms import FormData, integer, integers, optional_date, text
from admin_web.keys import actor_of, deps_of, granted_of
from admin_web.render import flash, render, render_error
from core.errors import Conflict, InvalidInput
from core.i18n import N_
from core.permissions import Permission, Role
from core.services.academics import (
    CourseData,
    GroupCard,
    GroupData,
    GroupStatus,
    Member,
    create_course,
    create_group,
    enrol_automatically,
    enrol_student,
    group_card,
    list_courses,
    list_groups,
    set_group_status,
    unenrol_student,
    update_group,
)
from core.services.people import choose_people

routes = web.RouteTableDef()

#: Errors a form shows next to its fields; NotFound and PermissionDenied become 404/403 pages.
FORM_ERRORS = (InvalidInput, Conflict)

STATUS_LABELS: dict[GroupStatus, str] = {
    GroupStatus.ACTIVE: N_("Active"),
    GroupStatus.FINISHED: N_("Finished"),
    GroupStatus.ARCHIVED: N_("Archived"),
}
STATUS_FILTERS: tuple[tuple[str, str], ...] = (
    *((status.value, label) for status, label in STATUS_LABELS.items()),
    ("all", N_("All")),
)
COURSE_FIELDS = ("name_kk", "name_ru", "name_en", "subject", "level")
GROUP_FIELDS = ("course_id", "name", "capacity", "starts_on", "ends_on", "building", "room")
#: How many students the enrol picker lists at once; the search box narrows it.
PICKER_LIMIT = 50
TEACHER_LIMIT = 500


def _name_of(members: tuple[Member, ...], person_id: int) -> str:
    return next((m.full_name for m in members if m.person_id == person_id), "")


def _group_id(request: web.Request) -> int:
    # The routes only match digits, so this never fails.
    return int(request.match_info["id"])


# --- courses ------------------------------------------------------------------------------


@routes.get("/courses")
async def courses_page(request: web.Request) -> web.Response:
    actor = actor_of(request)
    courses = await list_courses(actor)
    granted = granted_of(request)
    return await render(
        request,
        "groups/courses.html",
        {
            "courses": courses,
            "can_manage": Permission.GROUPS_MANAGE in granted,
            "can_edit_content": Permission.COURSE_CONTENT_MANAGE in granted,
        },
    )


async def _course_form_context(request: web.Request, values: dict[str, str]) -> dict[str, Any]:
    # Asking for GROUPS_MANAGE here turns the form away from those who could not submit it.
    actor = actor_of(request)
    courses = await list_courses(actor, require_permission=Permission.GROUPS_MANAGE)
    return {"values": values, "courses": courses}


@routes.get("/courses/new")
async def course_form(request: web.Request) -> web.Response:
    context = await _course_form_context(request, dict.fromkeys(COURSE_FIELDS, ""))
    return await render(request, "groups/course_form.html", context)


@routes.post("/courses/new")
async def course_create(request: web.Request) -> web.Response:
    form = await request.post()
    values = {name: text(form, name, limit=300) for name in COURSE_FIELDS}
    try:
        await create_course(deps_of(request), actor_of(request), data=CourseData(**values))
    except FORM_ERRORS as error:
        context = await _course_form_context(request, values)
        return await render_error(request, "groups/course_form.html", context, error)
    await flash(request, N_("The course is added."))
    raise web.HTTPSeeOther("/courses")


@routes.post(r"/courses/{id:\d+}/auto-enrol")
async def course_auto_enrol(request: web.Request) -> web.Response:
    actor = actor_of(request)
    form = await request.post()
    back = text(form, "group_id", limit=20)
    try:
        student_id = integer(form, "student_id")
        card = await enrol_automatically(
            deps_of(request), actor, course_id=int(request.match_info["id"]), student_id=student_id
        )
    except FORM_ERRORS as error:
        if not back.isdigit():
            raise
        context = await _card_context(request, int(back), query="")
        return await render_error(request, "groups/card.html", context, error)
    student = _name_of(card.students, student_id)
    await flash(
        request, N_("{student} is enrolled in group “{group}”."), student=student, group=card.name
    )
    raise web.HTTPSeeOther(f"/groups/{card.id}")


# --- groups -------------------------------------------------------------------------------


@routes.get("/groups")
async def groups_page(request: web.Request) -> web.Response:
    actor = actor_of(request)
    chosen = request.query.get("status", GroupStatus.ACTIVE.value)
    if chosen not in {value for value, _ in STATUS_FILTERS}:
        chosen = GroupStatus.ACTIVE.value
    groups = await list_groups(actor, status=None if chosen == "all" else GroupStatus(chosen))
    can_manage = Permission.GROUPS_MANAGE in granted_of(request)
    return await render(
        request,
        "groups/list.html",
        {
            "groups": groups,
            "chosen": chosen,
            "filters": STATUS_FILTERS,
            "status_labels": STATUS_LABELS,
            "can_manage": can_manage,
        },
    )


async def _form_context(
    request: web.Request,
    values: dict[str, Any],
    *,
    group: GroupCard | None = None,
) -> dict[str, Any]:
    """The group form's choices: courses, and active teachers (plus those already teaching)."""
    actor = actor_of(request)
    courses = await list_courses(actor, require_permission=Permission.GROUPS_MANAGE)
    granted = granted_of(request)
    teachers: list[tuple[int, str]] = []
    if Permission.PEOPLE_VIEW in granted:
        rows = await choose_people(actor, role=Role.TEACHER, limit=TEACHER_LIMIT)
        teachers = [(row.id, row.full_name) for row in rows]
    known = {teacher_id for teacher_id, _ in teachers}
    if group is not None:
        teachers += [(tid, name) for tid, name in group.teachers if tid not in known]
    return {
        "values": values,
        "group": group,
        "courses": courses,
        "teachers": teachers,
        "action": f"/groups/{group.id}/edit" if group else "/groups/new",
    }


def _raw_group_values(form: FormData) -> dict[str, Any]:
    values: dict[str, Any] = {name: text(form, name, limit=200) for name in GROUP_FIELDS}
    values["teacher_ids"] = [str(teacher_id) for teacher_id in integers(form, "teacher_ids")]
    return values


def _group_data(form: FormData) -> GroupData:
    return GroupData(
        course_id=integer(form, "course_id"),
        name=text(form, "name", limit=200),
        capacity=integer(form, "capacity"),
        starts_on=optional_date(form, "starts_on"),
        ends_on=optional_date(form, "ends_on"),
        building=text(form, "building", limit=200),
        room=text(form, "room", limit=100),
        teacher_ids=integers(form, "teacher_ids"),
    )


@routes.get("/groups/new")
async def group_new_form(request: web.Request) -> web.Response:
    values: dict[str, Any] = {**dict.fromkeys(GROUP_FIELDS, ""), "capacity": "12"}
    values["course_id"] = request.query.get("course", "")
    values["teacher_ids"] = []
    return await render(request, "groups/form.html", await _form_context(request, values))


@routes.post("/groups/new")
async def group_create(request: web.Request) -> web.Response:
    form = await request.post()
    try:
        card = await create_group(deps_of(request), actor_of(request), data=_group_data(form))
    except FORM_ERRORS as error:
        context = await _form_context(request, _raw_group_values(form))
        return await render_error(request, "groups/form.html", context, error)
    await flash(request, N_("The group is created."))
    raise web.HTTPSeeOther(f"/groups/{card.id}")


@routes.get(r"/groups/{id:\d+}/edit")
async def group_edit_form(request: web.Request) -> web.Response:
    card = await group_card(
        actor_of(request), _group_id(request), require_permission=Permission.GROUPS_MANAGE
    )
    values: dict[str, Any] = {
        "course_id": str(card.course.id),
        "name": card.name,
        "capacity": str(card.capacity),
        "starts_on": card.starts_on.isoformat() if card.starts_on else "",
        "ends_on": card.ends_on.isoformat() if card.ends_on else "",
        "building": card.building,
        "room": card.room,
        "teacher_ids": [str(teacher_id) for teacher_id, _ in card.teachers],
    }
    context = await _form_context(request, values, group=card)
    return await render(request, "groups/form.html", context)


@routes.post(r"/groups/{id:\d+}/edit")
async def group_update(request: web.Request) -> web.Response:
    actor = actor_of(request)
    group_id = _group_id(request)
    form = await request.post()
    try:
        await update_group(deps_of(request), actor, group_id=group_id, data=_group_data(form))
    except FORM_ERRORS as error:
        card = await group_card(actor, group_id)
        context = await _form_context(request, _raw_group_values(form), group=card)
        return await render_error(request, "groups/form.html", context, error)
    await flash(request, N_("Saved."))
    raise web.HTTPSeeOther(f"/groups/{group_id}")


async def _card_context(request: web.Request, group_id: int, *, query: str) -> dict[str, Any]:
    """The group card, and the students who could join it when the actor may enrol."""
    actor = actor_of(request)
    card = await group_card(actor, group_id)
    granted = granted_of(request)
    can_enrol = Permission.ENROLMENTS_MANAGE in granted and Permission.PEOPLE_VIEW in granted
    candidates: list[tuple[int, str]] = []
    if can_enrol:
        members = {member.person_id for member in card.students}
        rows = await choose_people(actor, role=Role.STUDENT, query=query, limit=PICKER_LIMIT)
        candidates = [(row.id, row.full_name) for row in rows if row.id not in members]
    return {
        "card": card,
        "query": query,
        "candidates": candidates,
        "can_enrol": can_enrol,
        "can_manage": Permission.GROUPS_MANAGE in granted,
        "can_see_people": Permission.PEOPLE_VIEW in granted,
        "can_report": Permission.LESSON_REPORTS in granted,
        "status_labels": STATUS_LABELS,
    }


@routes.get(r"/groups/{id:\d+}")
async def group_page(request: web.Request) -> web.Response:
    query = request.query.get("q", "")[:100]
    context = await _card_context(request, _group_id(request), query=query)
    return await render(request, "groups/card.html", context)


@routes.post(r"/groups/{id:\d+}/enrol")
async def group_enrol(request: web.Request) -> web.Response:
    group_id = _group_id(request)
    form = await request.post()
    try:
        student_id = integer(form, "student_id")
        card = await enrol_student(
            deps_of(request), actor_of(request), group_id=group_id, student_id=student_id
        )
    except FORM_ERRORS as error:
        context = await _card_context(request, group_id, query=text(form, "q", limit=100))
        return await render_error(request, "groups/card.html", context, error)
    student = _name_of(card.students, student_id)
    await flash(request, N_("{student} is enrolled in the group."), student=student)
    raise web.HTTPSeeOther(f"/groups/{group_id}")


@routes.post(r"/groups/{id:\d+}/unenrol")
async def group_unenrol(request: web.Request) -> web.Response:
    group_id = _group_id(request)
    form = await request.post()
    try:
        student_id = integer(form, "student_id")
        card = await unenrol_student(
            deps_of(request), actor_of(request), group_id=group_id, student_id=student_id
        )
    except FORM_ERRORS as error:
        context = await _card_context(request, group_id, query="")
        return await render_error(request, "groups/card.html", context, error)
    await flash(
        request,
        N_("{student} has left the group; their enrolment stays in the history."),
        student=_name_of(card.former_students, student_id),
    )
    raise web.HTTPSeeOther(f"/groups/{group_id}")


@routes.post(r"/groups/{id:\d+}/status")
async def group_status(request: web.Request) -> web.Response:
    group_id = _group_id(request)
    form = await request.post()
    raw = text(form, "status", limit=20)
    try:
        if raw not in {status.value for status in GroupStatus}:
            raise InvalidInput(N_("Choose active, finished or archived."), field="status")
        await set_group_status(
            deps_of(request), actor_of(request), group_id=group_id, status=GroupStatus(raw)
        )
    except FORM_ERRORS as error:
        context = await _card_context(request, group_id, query="")
        return await render_error(request, "groups/card.html", context, error)
    await flash(request, N_("Saved."))
    raise web.HTTPSeeOther(f"/groups/{group_id}")
