"""The schedule in the panel: day/week/month calendar, the printable week, single lessons
(add, move, cancel, substitute), schedule rules, holidays, rooms and buildings, and the
per-person iCalendar feed (``/ics/...``, no sign-in: the token in the address is the key).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from aiohttp import web

from admin_web.forms import (
    YEARS,
    FormData,
    clock_minute,
    integer,
    integers,
    optional_date,
    optional_id,
    row_id,
    text,
)
from admin_web.keys import actor_of, deps_of, granted_of
from admin_web.render import flash, render, render_form
from core.errors import Conflict, InvalidInput
from core.i18n import N_
from core.permissions import Permission
from core.services.places import (
    ROOM_KIND_LABELS,
    RoomData,
    RoomKind,
    create_building,
    create_room,
    list_places,
    room_view,
    set_room_archived,
    update_room,
)
from core.services.schedule import (
    CYCLE_MAX_WEEKS,
    LessonData,
    RuleData,
    add_holiday,
    add_lesson,
    cancel_lesson,
    create_rule,
    end_rule,
    list_holidays,
    list_rules,
    move_lesson,
    remove_holiday,
    replace_rule,
    substitute_teacher,
)
from core.services.timetable import (
    STATUS_LABELS,
    WEEKDAY_NAMES,
    WEEKDAY_SHORT,
    CalendarSpan,
    ScheduleFilter,
    calendar_feed,
    lesson_editing,
    schedule_calendar,
    schedule_choices,
)

routes = web.RouteTableDef()

#: Errors a form shows next to its fields; NotFound and PermissionDenied become 404/403 pages.
FORM_ERRORS = (InvalidInput, Conflict)
SPAN_LABELS: dict[CalendarSpan, str] = {
    CalendarSpan.DAY: N_("Day"),
    CalendarSpan.WEEK: N_("Week"),
    CalendarSpan.MONTH: N_("Month"),
}
FILTERS = ("building", "room", "teacher", "group")


def _id(request: web.Request) -> int:
    return row_id(request.match_info["id"])


def _minute(form: FormData, name: str) -> int:
    """Minutes after midnight from ``HH:MM`` (the browser's time input) or ``HH.MM``."""
    return clock_minute(text(form, name, limit=20), name)


def _day(form: FormData, name: str) -> date:
    day = optional_date(form, name)
    if day is None:
        raise InvalidInput(N_("Give a date."), field=name)
    return day


def _query_day(raw: str | None) -> date | None:
    """The day a calendar shows; None (today) for no day, a bad one or one of a far year."""
    try:
        day = date.fromisoformat(raw[:20]) if raw else None
    except ValueError:
        return None
    return day if day is not None and day.year in YEARS else None


def _common() -> dict[str, Any]:
    return {
        "weekdays": WEEKDAY_SHORT,
        "weekday_names": WEEKDAY_NAMES,
        "status_labels": STATUS_LABELS,
        "kind_labels": ROOM_KIND_LABELS,
    }


# --- the calendar ---------------------------------------------------------------------------


def _filters(request: web.Request) -> ScheduleFilter:
    query = request.query
    return ScheduleFilter(
        building_id=optional_id(query.get("building")),
        room_id=optional_id(query.get("room")),
        teacher_id=optional_id(query.get("teacher")),
        group_id=optional_id(query.get("group")),
    )


def _filter_query(filters: ScheduleFilter) -> str:
    """The filters as a query string, for links that keep them."""
    values = {
        "building": filters.building_id,
        "room": filters.room_id,
        "teacher": filters.teacher_id,
        "group": filters.group_id,
    }
    return "".join(f"&{name}={value}" for name, value in values.items() if value is not None)


async def _calendar_page(request: web.Request, span: CalendarSpan, template: str) -> web.Response:
    filters = _filters(request)
    calendar = await schedule_calendar(
        deps_of(request),
        actor_of(request),
        span=span,
        day=_query_day(request.query.get("date")),
        filters=filters,
    )
    return await render(
        request,
        template,
        {
            **_common(),
            "calendar": calendar,
            "spans": SPAN_LABELS,
            "keep": _filter_query(filters),
            "can_manage": Permission.SCHEDULE_MANAGE in granted_of(request),
        },
    )


@routes.get("/schedule")
async def calendar_page(request: web.Request) -> web.Response:
    raw = request.query.get("view", CalendarSpan.WEEK.value)
    span = CalendarSpan(raw) if raw in {s.value for s in CalendarSpan} else CalendarSpan.WEEK
    return await _calendar_page(request, span, "schedule/calendar.html")


@routes.get("/schedule/week/print")
async def print_week(request: web.Request) -> web.Response:
    return await _calendar_page(request, CalendarSpan.WEEK, "schedule/print.html")


# --- single lessons -------------------------------------------------------------------------

LESSON_FIELDS = ("group_id", "teacher_id", "room_id", "day", "start", "duration_minutes", "topic")


async def _lesson_form(
    request: web.Request, values: dict[str, str], error: InvalidInput | Conflict | None = None
) -> web.Response:
    context = {"values": values, "choices": await schedule_choices(actor_of(request))}
    return await render_form(request, "schedule/lesson_form.html", context, error)


@routes.get("/schedule/lessons/new")
async def lesson_new_form(request: web.Request) -> web.Response:
    values = {
        **dict.fromkeys(LESSON_FIELDS, ""),
        "group_id": request.query.get("group", ""),
        "day": request.query.get("date", ""),
        "duration_minutes": "90",
    }
    return await _lesson_form(request, values)


@routes.post("/schedule/lessons/new")
async def lesson_create(request: web.Request) -> web.Response:
    form = await request.post()
    values = {name: text(form, name, limit=300) for name in LESSON_FIELDS}
    try:
        lesson = await add_lesson(
            deps_of(request),
            actor_of(request),
            data=LessonData(
                group_id=integer(form, "group_id"),
                teacher_id=integer(form, "teacher_id"),
                room_id=optional_id(values["room_id"]),
                day=_day(form, "day"),
                start_minute=_minute(form, "start"),
                duration_minutes=integer(form, "duration_minutes"),
                topic=values["topic"],
            ),
        )
    except FORM_ERRORS as error:
        return await _lesson_form(request, values, error)
    await flash(request, N_("The lesson is added."))
    raise web.HTTPSeeOther(f"/schedule?view=day&date={lesson.local_day.isoformat()}")


async def _edit_page(
    request: web.Request,
    lesson_id: int,
    values: dict[str, str] | None = None,
    error: InvalidInput | Conflict | None = None,
) -> web.Response:
    editing = await lesson_editing(deps_of(request), actor_of(request), lesson_id=lesson_id)
    lesson = editing.lesson
    start = lesson.local_start
    defaults = {
        "day": lesson.local_day.isoformat(),
        "start": f"{start:%H:%M}",
        "duration_minutes": str(int((lesson.ends_at - lesson.starts_at).total_seconds() // 60)),
        "room_id": str(lesson.room_id or ""),
        "reason": "",
        "teacher_id": "",
    }
    context = {**_common(), "editing": editing, "values": {**defaults, **(values or {})}}
    return await render_form(request, "schedule/lesson_edit.html", context, error)


@routes.get(r"/schedule/lessons/{id:\d+}/edit")
async def lesson_edit(request: web.Request) -> web.Response:
    return await _edit_page(request, _id(request))


def _back_to(day: date) -> str:
    return f"/schedule?view=week&date={day.isoformat()}"


@routes.post(r"/schedule/lessons/{id:\d+}/move")
async def lesson_move(request: web.Request) -> web.Response:
    form = await request.post()
    values = {
        name: text(form, name, limit=20)
        for name in ("day", "start", "duration_minutes", "room_id")
    }
    try:
        lesson = await move_lesson(
            deps_of(request),
            actor_of(request),
            lesson_id=_id(request),
            day=_day(form, "day"),
            start_minute=_minute(form, "start"),
            duration_minutes=integer(form, "duration_minutes"),
            room_id=optional_id(values["room_id"]),
        )
    except FORM_ERRORS as error:
        return await _edit_page(request, _id(request), values, error)
    await flash(request, N_("The lesson is moved; its group and teacher are told."))
    raise web.HTTPSeeOther(_back_to(lesson.local_day))


@routes.post(r"/schedule/lessons/{id:\d+}/cancel")
async def lesson_cancel(request: web.Request) -> web.Response:
    form = await request.post()
    reason = text(form, "reason", limit=400)
    try:
        lesson = await cancel_lesson(
            deps_of(request), actor_of(request), lesson_id=_id(request), reason=reason
        )
    except FORM_ERRORS as error:
        return await _edit_page(request, _id(request), {"reason": reason}, error)
    await flash(request, N_("The lesson is cancelled; its group and teacher are told."))
    raise web.HTTPSeeOther(_back_to(lesson.local_day))


@routes.post(r"/schedule/lessons/{id:\d+}/substitute")
async def lesson_substitute(request: web.Request) -> web.Response:
    form = await request.post()
    raw = text(form, "teacher_id", limit=20)
    try:
        lesson = await substitute_teacher(
            deps_of(request),
            actor_of(request),
            lesson_id=_id(request),
            teacher_id=integer(form, "teacher_id"),
        )
    except FORM_ERRORS as error:
        return await _edit_page(request, _id(request), {"teacher_id": raw}, error)
    await flash(request, N_("{teacher} teaches this lesson now."), teacher=lesson.teacher_name)
    raise web.HTTPSeeOther(_back_to(lesson.local_day))


# --- rules ----------------------------------------------------------------------------------

RULE_FIELDS = (
    "group_id",
    "teacher_id",
    "room_id",
    "cycle",
    "start",
    "duration_minutes",
    "starts_on",
    "ends_on",
    "replace",
)


async def _rules_page(
    request: web.Request,
    *,
    group_id: int | None = None,
    ended: bool = False,
    error: InvalidInput | Conflict | None = None,
) -> web.Response:
    rules = await list_rules(deps_of(request), actor_of(request), group_id=group_id, ended=ended)
    context = {
        **_common(),
        "rules": rules,
        "group_id": group_id,
        "ended": ended,
        "can_manage": Permission.SCHEDULE_MANAGE in granted_of(request),
    }
    return await render_form(request, "schedule/rules.html", context, error)


@routes.get("/schedule/rules")
async def rules_page(request: web.Request) -> web.Response:
    return await _rules_page(
        request,
        group_id=optional_id(request.query.get("group")),
        ended=request.query.get("ended") == "1",
    )


async def _rule_form(
    request: web.Request, values: dict[str, Any], error: InvalidInput | Conflict | None = None
) -> web.Response:
    context = {
        **_common(),
        "values": values,
        "choices": await schedule_choices(actor_of(request)),
        "cycle_weeks": range(1, CYCLE_MAX_WEEKS + 1),
    }
    return await render_form(request, "schedule/rule_form.html", context, error)


@routes.get("/schedule/rules/new")
async def rule_new_form(request: web.Request) -> web.Response:
    values: dict[str, Any] = {
        **dict.fromkeys(RULE_FIELDS, ""),
        "group_id": request.query.get("group", ""),
        "cycle": "1",
        "start": "15:00",
        "duration_minutes": "90",
        "weeks": [[] for _ in range(CYCLE_MAX_WEEKS)],
    }
    replacing = optional_id(request.query.get("replace"))
    if replacing is not None:
        old = next(
            (
                r
                for r in await list_rules(deps_of(request), actor_of(request))
                if r.id == replacing
            ),
            None,
        )
        if old is not None:
            values |= {
                "group_id": str(old.group_id),
                "teacher_id": str(old.teacher_id),
                "room_id": str(old.room_id or ""),
                "cycle": str(len(old.pattern)),
                "start": old.start_time,
                "duration_minutes": str(old.duration_minutes),
                "ends_on": old.ends_on.isoformat(),
                "replace": str(old.id),
                "weeks": [
                    [str(day) for day in week]
                    for week in (*old.pattern, *([()] * CYCLE_MAX_WEEKS))[:CYCLE_MAX_WEEKS]
                ],
            }
    return await _rule_form(request, values)


def _rule_values(form: FormData) -> dict[str, Any]:
    values: dict[str, Any] = {name: text(form, name, limit=20) for name in RULE_FIELDS}
    values["weeks"] = [
        [str(day) for day in integers(form, f"week{n}")] for n in range(1, CYCLE_MAX_WEEKS + 1)
    ]
    return values


def _rule_data(form: FormData) -> RuleData:
    cycle = integer(form, "cycle", default=1)
    if not 1 <= cycle <= CYCLE_MAX_WEEKS:
        raise InvalidInput(N_("A cycle lasts one, two or three weeks."), field="pattern")
    return RuleData(
        group_id=integer(form, "group_id"),
        teacher_id=integer(form, "teacher_id"),
        room_id=optional_id(text(form, "room_id", limit=20)),
        pattern=tuple(integers(form, f"week{n}") for n in range(1, cycle + 1)),
        start_minute=_minute(form, "start"),
        duration_minutes=integer(form, "duration_minutes"),
        starts_on=_day(form, "starts_on"),
        ends_on=_day(form, "ends_on"),
    )


@routes.post("/schedule/rules/new")
async def rule_create(request: web.Request) -> web.Response:
    form = await request.post()
    replacing = optional_id(text(form, "replace", limit=20))
    try:
        data = _rule_data(form)
        if replacing is None:
            created = await create_rule(deps_of(request), actor_of(request), data=data)
        else:
            created = await replace_rule(
                deps_of(request), actor_of(request), rule_id=replacing, data=data
            )
    except FORM_ERRORS as error:
        return await _rule_form(request, _rule_values(form), error)
    await flash(
        request, N_("The rule is saved: {count} lessons are planned."), count=created.lessons
    )
    raise web.HTTPSeeOther(f"/schedule/rules?group={created.rule.group_id}")


@routes.post(r"/schedule/rules/{id:\d+}/end")
async def rule_end(request: web.Request) -> web.Response:
    form = await request.post()
    try:
        ended = await end_rule(
            deps_of(request),
            actor_of(request),
            rule_id=_id(request),
            from_day=_day(form, "from_day"),
        )
    except FORM_ERRORS as error:
        return await _rules_page(request, error=error)
    await flash(
        request,
        N_(
            "The rule ends. Lessons taken off: {removed}; kept because they were changed "
            "or used: {kept}."
        ),
        removed=ended.removed,
        kept=ended.kept,
    )
    raise web.HTTPSeeOther(f"/schedule/rules?group={ended.rule.group_id}")


# --- holidays -------------------------------------------------------------------------------


async def _holidays_page(
    request: web.Request, values: dict[str, str], error: InvalidInput | Conflict | None = None
) -> web.Response:
    context = {
        "holidays": await list_holidays(actor_of(request)),
        "values": values,
        "can_manage": Permission.SCHEDULE_MANAGE in granted_of(request),
    }
    return await render_form(request, "schedule/holidays.html", context, error)


@routes.get("/schedule/holidays")
async def holidays_page(request: web.Request) -> web.Response:
    return await _holidays_page(request, {"day": "", "name": ""})


@routes.post("/schedule/holidays")
async def holiday_create(request: web.Request) -> web.Response:
    form = await request.post()
    values = {"day": text(form, "day", limit=20), "name": text(form, "name", limit=200)}
    try:
        added = await add_holiday(
            deps_of(request), actor_of(request), day=_day(form, "day"), name=values["name"]
        )
    except FORM_ERRORS as error:
        return await _holidays_page(request, values, error)
    await flash(
        request, N_("The holiday is added. Lessons cancelled: {count}."), count=added.cancelled
    )
    raise web.HTTPSeeOther("/schedule/holidays")


@routes.post(r"/schedule/holidays/{id:\d+}/delete")
async def holiday_delete(request: web.Request) -> web.Response:
    await remove_holiday(deps_of(request), actor_of(request), holiday_id=_id(request))
    await flash(request, N_("The day is a working day again."))
    raise web.HTTPSeeOther("/schedule/holidays")


# --- rooms and buildings --------------------------------------------------------------------

ROOM_FIELDS = ("name", "kind", "capacity", "building_id")


async def _rooms_page(
    request: web.Request, values: dict[str, str], error: InvalidInput | Conflict | None = None
) -> web.Response:
    context = {
        **_common(),
        "places": await list_places(actor_of(request)),
        "values": values,
        "can_manage": Permission.SCHEDULE_MANAGE in granted_of(request),
    }
    return await render_form(request, "schedule/rooms.html", context, error)


@routes.get("/rooms")
async def rooms_page(request: web.Request) -> web.Response:
    return await _rooms_page(request, {"name": "", "address": ""})


@routes.post("/rooms/buildings/new")
async def building_create(request: web.Request) -> web.Response:
    form = await request.post()
    values = {"name": text(form, "name", limit=200), "address": text(form, "address", limit=400)}
    try:
        await create_building(
            deps_of(request), actor_of(request), name=values["name"], address=values["address"]
        )
    except FORM_ERRORS as error:
        return await _rooms_page(request, values, error)
    await flash(request, N_("The building is added."))
    raise web.HTTPSeeOther("/rooms")


async def _room_form(
    request: web.Request,
    values: dict[str, str],
    room_id: int | None,
    error: InvalidInput | Conflict | None = None,
) -> web.Response:
    context = {
        **_common(),
        "values": values,
        "room_id": room_id,
        "kinds": list(RoomKind),
        "buildings": (await list_places(actor_of(request))).buildings,
        "action": f"/rooms/{room_id}/edit" if room_id else "/rooms/new",
    }
    return await render_form(request, "schedule/room_form.html", context, error)


def _room_data(form: FormData) -> RoomData:
    kind = text(form, "kind", limit=20)
    if kind not in {k.value for k in RoomKind}:
        raise InvalidInput(N_("Choose the kind of room."), field="kind")
    return RoomData(
        name=text(form, "name", limit=100),
        kind=RoomKind(kind),
        capacity=integer(form, "capacity"),
        building_id=optional_id(text(form, "building_id", limit=20)),
    )


@routes.get("/rooms/new")
async def room_new_form(request: web.Request) -> web.Response:
    values = {"name": "", "kind": RoomKind.CLASSROOM.value, "capacity": "15", "building_id": ""}
    return await _room_form(request, values, None)


@routes.post("/rooms/new")
async def room_create(request: web.Request) -> web.Response:
    form = await request.post()
    values = {name: text(form, name, limit=100) for name in ROOM_FIELDS}
    try:
        await create_room(deps_of(request), actor_of(request), data=_room_data(form))
    except FORM_ERRORS as error:
        return await _room_form(request, values, None, error)
    await flash(request, N_("The room is added."))
    raise web.HTTPSeeOther("/rooms")


@routes.get(r"/rooms/{id:\d+}/edit")
async def room_edit_form(request: web.Request) -> web.Response:
    room = await room_view(actor_of(request), _id(request))
    values = {
        "name": room.name,
        "kind": room.kind.value,
        "capacity": str(room.capacity),
        "building_id": str(room.building_id or ""),
    }
    return await _room_form(request, values, room.id)


@routes.post(r"/rooms/{id:\d+}/edit")
async def room_update(request: web.Request) -> web.Response:
    form = await request.post()
    values = {name: text(form, name, limit=100) for name in ROOM_FIELDS}
    try:
        await update_room(
            deps_of(request), actor_of(request), room_id=_id(request), data=_room_data(form)
        )
    except FORM_ERRORS as error:
        return await _room_form(request, values, _id(request), error)
    await flash(request, N_("Saved."))
    raise web.HTTPSeeOther("/rooms")


@routes.post(r"/rooms/{id:\d+}/archive")
async def room_archive(request: web.Request) -> web.Response:
    form = await request.post()
    archived = text(form, "archived", limit=5) != "0"
    try:
        await set_room_archived(
            deps_of(request), actor_of(request), room_id=_id(request), archived=archived
        )
    except FORM_ERRORS as error:
        return await _rooms_page(request, {"name": "", "address": ""}, error)
    await flash(
        request, N_("The room is archived.") if archived else N_("The room is in use again.")
    )
    raise web.HTTPSeeOther("/rooms")


# --- the feed ---------------------------------------------------------------------------------


@routes.get(r"/ics/{person_id:\d+}/{token:[0-9A-Za-z]+}.ics")
async def ics_feed(request: web.Request) -> web.Response:
    data = await calendar_feed(
        deps_of(request),
        person_id=row_id(request.match_info["person_id"]),
        token=request.match_info["token"],
    )
    return web.Response(
        body=data,
        content_type="text/calendar",
        charset="utf-8",
        headers={
            "Content-Disposition": 'inline; filename="sabaq.ics"',
            "Cache-Control": "private, max-age=300",
            "X-Content-Type-Options": "nosniff",
        },
    )
