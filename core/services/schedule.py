"""Changing the timetable: holidays, recurring rules and single lessons, the hard-conflict
check, and telling people about changes. Buildings and rooms are in ``places``; the calendar,
personal timetables and the iCalendar feed in ``timetable``.

**Conflicts.** A teacher, a group (and so each of its students) and a room hold one lesson at
a time; cancelled lessons do not count. Every change runs one query for the whole time range
it touches, bounded on ``starts_at``: a lesson lasts at most 12 hours, so anything overlapping
``[start, end)`` starts within ``(start − 12 h, end)``, which the ``(teacher|group|room,
starts_at)`` indexes answer. Overlaps are then found in Python, so generating a year of a rule
costs one query, not one per lesson. Students are checked through the groups they share: the
other groups the group's active students are actively enrolled in. Each change takes the
organisation's row lock first (``lock_organisation``), so two changes checked at the same time
cannot both pass. A clash with another organisation's lesson (a shared teacher or student)
names only the person shared, never that organisation's group, teacher or lesson time.

**Local time.** Rules keep local wall-clock minutes; each occurrence's UTC start is computed
with zoneinfo in the organisation's time zone, so "Mondays at 15:00" stays 15:00 local across
a change of offset. Dates typed by users are the organisation's local days.

**Series and single lessons.** Moving, cancelling or substituting one lesson marks it
``detached``, so rule operations leave it alone. Changing a rule is ending it from a day and
creating a new one from that day (``replace_rule`` does both in one transaction). A holiday
cancels that day's planned lessons that were not changed by hand.

**Telling people.** Changes are queued in the outbox in the transaction that makes them, to
the group's active students, their parents and the teachers concerned (never to the person
who made the change). Dedupe keys carry the lesson and the moment of the change, so a second
change of the same lesson is told too.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound
from core.i18n import N_
from core.models.academics import Course, Enrolment, Group, GroupStatus
from core.models.lessons import (
    Attendance,
    Grade,
    Holiday,
    Homework,
    Lesson,
    Room,
    RoomKind,
    ScheduleRule,
)
from core.models.people import Membership, ParentLink, Person, Role
from core.names import full_name
from core.permissions import Permission, require
from core.services.audit import do_record, snapshot
from core.services.lesson_settings import lesson_settings
from core.services.lessons import (
    LessonStatus,
    LessonView,
    check_id,
    do_create_lesson,
    format_day,
    format_when,
    lesson_view,
    lesson_views,
    local_days,
    local_midnight,
    local_to_utc,
    local_today,
    lock_organisation,
    organisation_zone,
    person_names,
    students_of,
)
from core.services.outbox import do_enqueue
from core.services.people import MAX_ID
from core.services.places import NAME_MAX
from core.tx import Tx, transaction

LESSON_MAX_MINUTES = 12 * 60
CYCLE_MAX_WEEKS = 3
RULE_MAX_YEARS = 2
REASON_MAX = 300
_LONGEST = timedelta(minutes=LESSON_MAX_MINUTES)
_NEEDS_KIND: dict[str, str] = {
    RoomKind.CLASSROOM: N_("This course needs a classroom, and {room} is not one."),
    RoomKind.LAB: N_("This course needs a laboratory, and {room} is not one."),
    RoomKind.COMPUTER: N_("This course needs a computer room, and {room} is not one."),
    RoomKind.GYM: N_("This course needs a gym, and {room} is not one."),
    RoomKind.ONLINE: N_("This course is taught online, and {room} is not an online room."),
}

MOVED = N_("The lesson of {group} on {when} moved to {new_when}.")
MOVED_TO_ROOM = N_("The lesson of {group} on {when} moved to {new_when}, room {room}.")
ROOM_CHANGED = N_("The lesson of {group} on {when} will be in room {room}.")
CANCELLED = N_("The lesson of {group} on {when} is cancelled: {reason}")
CANCELLED_FOR_HOLIDAY = N_("The lesson of {group} on {when} is cancelled for a holiday.")
ADDED = N_("An extra lesson of {group} is added on {when}.")
SUBSTITUTED = N_("The lesson of {group} on {when} is taught by {teacher} instead of {previous}.")
YOU_SUBSTITUTE = N_("Please teach the lesson of {group} on {when} instead of {previous}.")
YOU_ARE_REPLACED = N_("{teacher} teaches your lesson of {group} on {when}.")
TIMETABLE_CHANGED = N_(
    "The timetable of {group} changes from {day}. Open “Schedule” to see the lessons."
)


# --- plain data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HolidayView:
    id: int
    day: date
    name: str


@dataclass(frozen=True)
class HolidayAdded:
    holiday: HolidayView
    cancelled: int


@dataclass(frozen=True)
class RuleData:
    """A recurring series: ``pattern`` lists weekdays (0 = Monday) per week of a 1–3-week
    cycle counted from the week of ``starts_on``; times are local."""

    group_id: int
    teacher_id: int
    pattern: tuple[tuple[int, ...], ...]
    start_minute: int
    duration_minutes: int
    starts_on: date
    ends_on: date
    room_id: int | None = None


@dataclass(frozen=True)
class RuleView:
    id: int
    group_id: int
    group_name: str
    teacher_id: int
    teacher_name: str
    room_id: int | None
    room_name: str
    pattern: tuple[tuple[int, ...], ...]
    start_minute: int
    duration_minutes: int
    starts_on: date
    ends_on: date

    @property
    def start_time(self) -> str:
        return f"{self.start_minute // 60:02d}:{self.start_minute % 60:02d}"

    @property
    def end_time(self) -> str:
        end = (self.start_minute + self.duration_minutes) % (24 * 60)
        return f"{end // 60:02d}:{end % 60:02d}"

    @property
    def ended(self) -> bool:
        return self.ends_on < self.starts_on


@dataclass(frozen=True)
class RuleCreated:
    rule: RuleView
    lessons: int
    holidays_skipped: tuple[date, ...]


@dataclass(frozen=True)
class RuleEnded:
    rule: RuleView
    removed: int
    kept: int


@dataclass(frozen=True)
class LessonData:
    """A single lesson: the local day, the local start in minutes after midnight."""

    group_id: int
    teacher_id: int
    day: date
    start_minute: int
    duration_minutes: int
    room_id: int | None = None
    topic: str = ""


@dataclass
class Slot:
    """A time a change would occupy (``day`` is the rule's occurrence, if any)."""

    starts_at: datetime
    ends_at: datetime
    day: date | None = None
    skip: bool = field(default=False)


# --- time ---------------------------------------------------------------------------------


async def column_values(query: QuerySet[Any], name: str) -> list[Any]:
    """One column of a query's rows (Tortoise types ``flat`` value lists as tuples)."""
    values: list[Any] = list(await query.values_list(name, flat=True))
    return values


def _span(starts_at: datetime, ends_at: datetime, zone: ZoneInfo) -> str:
    """A lesson's local time in a refusal, with the year: the conflict of a rule may be
    months ahead."""
    start = starts_at.astimezone(zone)
    return f"{format_day(start.date())} {start:%H:%M}–{ends_at.astimezone(zone):%H:%M}"


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _check_duration(duration_minutes: int) -> None:
    if not 1 <= duration_minutes <= LESSON_MAX_MINUTES:
        raise InvalidInput(
            N_("A lesson lasts from 1 minute to 12 hours."), field="duration_minutes"
        )


def _check_start(start_minute: int) -> None:
    if not 0 <= start_minute < 24 * 60:
        raise InvalidInput(
            N_("Give the time as hours and minutes, for example 15:30."), field="start"
        )


# --- who and what -------------------------------------------------------------------------


def _possible(row_id: int) -> bool:
    """Whether a row can have this id: a forged form may carry any number, and one out of the
    database's integer range must not reach it."""
    return 0 < row_id <= MAX_ID


async def _group(actor: Actor, group_id: int) -> Group:
    group = (
        await Group.get_or_none(id=group_id, organisation_id=actor.organisation_id)
        if _possible(group_id)
        else None
    )
    if group is None:
        raise NotFound(N_("There is no such group."), field="group_id")
    return group


async def _check_teacher(actor: Actor, teacher_id: int) -> str:
    """The teacher's name if they are an active teacher of the organisation."""
    active = _possible(teacher_id) and await Membership.exists(
        person_id=teacher_id,
        organisation_id=actor.organisation_id,
        role=Role.TEACHER,
        archived_at__isnull=True,
    )
    person = await Person.get_or_none(id=teacher_id) if active else None
    if person is None:
        raise InvalidInput(
            N_("Only active teachers of this organisation can teach a lesson."),
            field="teacher_id",
        )
    return full_name(person.last_name, person.first_name)


async def _check_room(actor: Actor, room_id: int, group: Group) -> Room:
    """The room if it exists here, is in use, suits the course and seats the group."""
    room = (
        await Room.get_or_none(id=room_id, organisation_id=actor.organisation_id)
        if _possible(room_id)
        else None
    )
    if room is None:
        raise InvalidInput(N_("There is no such room."), field="room_id")
    if room.archived_at is not None:
        raise InvalidInput(
            N_("Room {room} is archived; choose another one."), field="room_id", room=room.name
        )
    needed = str(
        await Course.filter(id=group.course_id).first().values_list("room_kind", flat=True)  # type: ignore[attr-defined]
        or ""
    )
    if needed in _NEEDS_KIND and room.kind != needed:
        raise InvalidInput(_NEEDS_KIND[needed], field="room_id", room=room.name)
    enrolled = await Enrolment.filter(group_id=group.id, active_key__isnull=False).count()
    if room.capacity < enrolled:
        raise InvalidInput(
            N_("Room {room} has {capacity} places, but group {group} has {count} students."),
            field="room_id",
            room=room.name,
            capacity=room.capacity,
            group=group.name,
            count=enrolled,
        )
    return room


async def check_conflicts(
    actor: Actor,
    zone: ZoneInfo,
    *,
    group_id: int,
    teacher_id: int,
    room_id: int | None,
    slots: Sequence[Slot],
    exclude_id: int | None = None,
    skip_over: frozenset[int] = frozenset(),
    together: frozenset[int] = frozenset(),
) -> None:
    """Refuse the change if any slot overlaps a lesson of the same teacher, room, group or a
    group sharing a student; one query for all the slots.

    A slot overlapping one of the ``skip_over`` lessons (of the same group) is marked
    ``skip`` instead of refused: a replaced rule keeps those lessons where they are. Lessons
    of the ``together`` rules are left out: the caller creates those rules as one batch and
    has checked them against each other itself (a published timetable checks its week, which
    also knows a lesson taught to several groups at once).

    Raises:
        Conflict: naming the first conflicting lesson.
    """
    if not slots:
        return
    students = await students_of(group_id)
    shared: dict[int, int] = {}
    if students:
        for row in (
            await Enrolment.filter(student_id__in=students, active_key__isnull=False)
            .exclude(group_id=group_id)
            .values("group_id", "student_id")
        ):
            shared.setdefault(row["group_id"], row["student_id"])
    condition = Q(teacher_id=teacher_id) | Q(group_id__in=[group_id, *shared])
    if room_id is not None:
        condition |= Q(room_id=room_id)
    low = min(slot.starts_at for slot in slots) - _LONGEST
    high = max(slot.ends_at for slot in slots)
    query = Lesson.filter(condition, starts_at__gt=low, starts_at__lt=high).exclude(
        status=LessonStatus.CANCELLED
    )
    if exclude_id is not None:
        query = query.exclude(id=exclude_id)
    if together:
        query = query.filter(Q(rule_id__isnull=True) | ~Q(rule_id__in=sorted(together)))
    rows = sorted(
        await query.values(
            "id",
            "organisation_id",
            "starts_at",
            "ends_at",
            "teacher_id",
            "group_id",
            "room_id",
        ),
        key=lambda row: row["starts_at"],
    )
    if not rows:
        return
    starts = [row["starts_at"] for row in rows]
    for slot in slots:
        index = bisect_left(starts, slot.ends_at) - 1
        while index >= 0 and starts[index] > slot.starts_at - _LONGEST:
            row = rows[index]
            index -= 1
            if row["ends_at"] <= slot.starts_at:
                continue
            if row["id"] in skip_over and row["group_id"] == group_id:
                slot.skip = True
                continue
            await _refuse(
                actor,
                zone,
                row,
                slot,
                teacher_id=teacher_id,
                room_id=room_id,
                group_id=group_id,
                shared=shared,
            )


async def _refuse(
    actor: Actor,
    zone: ZoneInfo,
    row: dict[str, Any],
    slot: Slot,
    *,
    teacher_id: int,
    room_id: int | None,
    group_id: int,
    shared: dict[int, int],
) -> None:
    if row["organisation_id"] != actor.organisation_id:
        # Nothing of another organisation is named (its group, teacher or lesson time): only
        # the teacher or student the two share, at the time of this change.
        when = _span(slot.starts_at, slot.ends_at, zone)
        if row["teacher_id"] == teacher_id:
            raise Conflict(
                N_("{teacher} teaches in another organisation at that time: {when}."),
                teacher=(await person_names([teacher_id]))[teacher_id],
                when=when,
            )
        student_id = shared[row["group_id"]]
        raise Conflict(
            N_("{student} has a lesson in another organisation at that time: {when}."),
            student=(await person_names([student_id]))[student_id],
            when=when,
        )
    lesson = await lesson_view(await Lesson.get(id=row["id"]))
    when = _span(lesson.starts_at, lesson.ends_at, zone)
    if row["teacher_id"] == teacher_id:
        raise Conflict(
            N_("{teacher} already teaches {group} at that time: {when}."),
            teacher=lesson.teacher_name,
            group=lesson.group_name,
            when=when,
        )
    if room_id is not None and row["room_id"] == room_id:
        raise Conflict(
            N_("Room {room} is taken at that time by {group}: {when}, {teacher}."),
            room=lesson.room_name,
            group=lesson.group_name,
            when=when,
            teacher=lesson.teacher_name,
        )
    if row["group_id"] == group_id:
        raise Conflict(
            N_("Group {group} already has a lesson at that time: {when}, {teacher}."),
            group=lesson.group_name,
            when=when,
            teacher=lesson.teacher_name,
        )
    student = await Person.get(id=shared[lesson.group_id])
    raise Conflict(
        N_("{student} also studies in {group}, which has a lesson then: {when}, {teacher}."),
        student=full_name(student.last_name, student.first_name),
        group=lesson.group_name,
        when=when,
        teacher=lesson.teacher_name,
    )


# --- telling people -----------------------------------------------------------------------


async def group_audiences(
    group_ids: Iterable[int], *, with_parents: bool = True
) -> dict[int, list[int]]:
    """Each group's active students and (unless ``with_parents`` is false) their parents, in
    two queries for all the groups."""
    students: dict[int, list[int]] = {}
    for row in await Enrolment.filter(
        group_id__in=set(group_ids), active_key__isnull=False
    ).values("group_id", "student_id"):
        students.setdefault(row["group_id"], []).append(row["student_id"])
    parents: dict[int, list[int]] = {}
    children = {student for ids in students.values() for student in ids}
    if children and with_parents:
        for row in await ParentLink.filter(child_id__in=children).values("child_id", "parent_id"):
            parents.setdefault(row["child_id"], []).append(row["parent_id"])
    return {
        group_id: list(
            dict.fromkeys([*ids, *(parent for child in ids for parent in parents.get(child, []))])
        )
        for group_id, ids in students.items()
    }


async def _audience(
    group_id: int, teachers: Iterable[int | None], *, with_parents: bool = True
) -> list[int]:
    """The group's active students, their parents (unless ``with_parents`` is false) and the
    given teachers."""
    people = (await group_audiences([group_id], with_parents=with_parents)).get(group_id, [])
    return list(dict.fromkeys([*people, *(t for t in teachers if t is not None)]))


async def _tell(
    tx: Tx,
    actor: Actor,
    people: Iterable[int],
    *,
    message: str,
    params: dict[str, object],
    key: str,
) -> None:
    """Queue the message for each person but the one who made the change."""
    for person_id in people:
        if person_id == actor.person_id:
            continue
        _ = await do_enqueue(
            tx,
            person_id=person_id,
            message=message,
            params=params,
            organisation_id=actor.organisation_id,
            dedupe_key=f"{key}:{person_id}",
        )


def _change_key(kind: str, lesson: Lesson, moment: datetime) -> str:
    """A key unique to this change: the lesson, when it changed and what it became (two
    changes in the same instant, A → B → A, still differ by the state in between)."""
    state = f"{lesson.starts_at.timestamp()}:{lesson.room_id}:{lesson.teacher_id}:{lesson.status}"  # type: ignore[attr-defined]
    digest = hashlib.sha256(state.encode()).hexdigest()[:12]
    return f"schedule:{kind}:{lesson.id}:{int(moment.timestamp() * 1_000_000)}:{digest}"


async def _tell_timetable(
    tx: Tx, actor: Actor, group: Group, *, teacher_id: int, day: date, key: str
) -> None:
    await _tell(
        tx,
        actor,
        await _audience(group.id, [teacher_id]),
        message=TIMETABLE_CHANGED,
        params={"group": group.name, "day": format_day(day)},
        key=key,
    )


# --- holidays -----------------------------------------------------------------------------


async def list_holidays(actor: Actor, *, since: date | None = None) -> list[HolidayView]:
    """The organisation's holidays from ``since`` (default: all), in date order.

    Raises:
        PermissionDenied: the actor may not see groups.
    """
    await require(actor, Permission.GROUPS_VIEW)
    query = Holiday.filter(organisation_id=actor.organisation_id)
    if since is not None:
        query = query.filter(day__gte=since)
    return [HolidayView(h.id, h.day, h.name) for h in await query.order_by("day")]


async def add_holiday(deps: Deps, actor: Actor, *, day: date, name: str = "") -> HolidayAdded:
    """Make a local day a holiday: rules generate nothing on it from now on, and its planned
    lessons that were not changed by hand (not ``detached``) and have not started are
    cancelled, with the people concerned told.

    Raises:
        PermissionDenied: the actor may not manage the schedule.
        InvalidInput: the day has passed, or the name is too long.
        Conflict: the day is a holiday already.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    name = name.strip()
    if len(name) > NAME_MAX:
        raise InvalidInput(
            N_("A name is from 1 to {limit} characters long."), field="name", limit=NAME_MAX
        )
    zone = await organisation_zone(actor.organisation_id)
    async with transaction(deps) as tx:
        await lock_organisation(actor.organisation_id)
        if day < local_today(tx.now, zone):
            raise InvalidInput(N_("A holiday can be added for today or a later day."), field="day")
        if await Holiday.exists(organisation_id=actor.organisation_id, day=day):
            raise Conflict(N_("{day} is a holiday already."), field="day", day=format_day(day))
        holiday = await Holiday.create(
            organisation_id=actor.organisation_id, day=day, name=name, created_at=tx.now
        )
        day_start, day_end = local_days(day, day, zone)
        lessons = await Lesson.filter(
            organisation_id=actor.organisation_id,
            status=LessonStatus.PLANNED,
            detached=False,
            starts_at__gte=max(day_start, tx.now),
            starts_at__lt=day_end,
        ).select_for_update()
        for lesson in lessons:
            lesson.status = LessonStatus.CANCELLED
            lesson.cancel_reason = name
            lesson.updated_at = tx.now
        if lessons:
            await Lesson.filter(id__in=[lesson.id for lesson in lessons]).update(
                status=LessonStatus.CANCELLED, cancel_reason=name, updated_at=tx.now
            )
        views = await lesson_views(lessons)
        audiences = await group_audiences(view.group_id for view in views)
        for lesson, view in zip(lessons, views, strict=True):
            params: dict[str, object] = {
                "group": view.group_name,
                "when": format_when(view.starts_at, zone),
                "reason": name,
            }
            await _tell(
                tx,
                actor,
                dict.fromkeys([*audiences.get(view.group_id, []), view.teacher_id]),
                message=CANCELLED if name else CANCELLED_FOR_HOLIDAY,
                params=params,
                key=_change_key("cancel", lesson, tx.now),
            )
        await do_record(
            tx,
            actor,
            action="holiday.create",
            object_type="holiday",
            object_id=holiday.id,
            after={
                "day": day.isoformat(),
                "name": name,
                "cancelled": [lesson.id for lesson in lessons],
            },
        )
    return HolidayAdded(HolidayView(holiday.id, day, name), cancelled=len(lessons))


async def remove_holiday(deps: Deps, actor: Actor, *, holiday_id: int) -> None:
    """Make the day a working day again. Lessons it cancelled stay cancelled (add them again
    one by one if they are to happen).

    Raises:
        NotFound: no such holiday here.
        PermissionDenied: the actor may not manage the schedule.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    check_id(holiday_id)
    async with transaction(deps) as tx:
        await lock_organisation(actor.organisation_id)
        holiday = await Holiday.get_or_none(id=holiday_id, organisation_id=actor.organisation_id)
        if holiday is None:
            raise NotFound()
        await holiday.delete()
        await do_record(
            tx,
            actor,
            action="holiday.delete",
            object_type="holiday",
            object_id=holiday_id,
            before={"day": holiday.day.isoformat(), "name": holiday.name},
        )


# --- rules --------------------------------------------------------------------------------


def _rule_days(
    pattern: Sequence[Sequence[int]], starts_on: date, ends_on: date, holidays: set[date]
) -> tuple[list[date], list[date]]:
    """The rule's days and the holidays it skips; the cycle counts from the week of
    ``starts_on``."""
    monday = starts_on - timedelta(days=starts_on.weekday())
    days: list[date] = []
    skipped: list[date] = []
    day = starts_on
    while day <= ends_on:
        week = pattern[(day - monday).days // 7 % len(pattern)]
        if day.weekday() in week:
            (skipped if day in holidays else days).append(day)
        day += timedelta(days=1)
    return days, skipped


def _clean_pattern(pattern: Sequence[Sequence[int]]) -> tuple[tuple[int, ...], ...]:
    if not 1 <= len(pattern) <= CYCLE_MAX_WEEKS:
        raise InvalidInput(N_("A cycle lasts one, two or three weeks."), field="pattern")
    cleaned = tuple(tuple(sorted(set(week))) for week in pattern)
    if any(day not in range(7) for week in cleaned for day in week):
        raise InvalidInput(N_("Choose weekdays from Monday to Sunday."), field="pattern")
    if not any(cleaned):
        raise InvalidInput(N_("Choose at least one weekday."), field="pattern")
    return cleaned


async def _check_rule(actor: Actor, data: RuleData, group: Group, today: date) -> RuleData:
    pattern = _clean_pattern(data.pattern)
    _check_start(data.start_minute)
    _check_duration(data.duration_minutes)
    if data.starts_on < today:
        raise InvalidInput(N_("A rule cannot start on a day that has passed."), field="starts_on")
    if data.ends_on < data.starts_on:
        raise InvalidInput(N_("The rule cannot end before it starts."), field="ends_on")
    latest = _add_years(data.starts_on, RULE_MAX_YEARS)
    if data.ends_on > latest:
        raise InvalidInput(
            N_("A rule covers at most two years: let it end by {day}."),
            field="ends_on",
            day=format_day(latest),
        )
    if group.status != GroupStatus.ACTIVE:
        raise InvalidInput(N_("Group “{name}” is not active."), field="group_id", name=group.name)
    if group.starts_on and data.starts_on < group.starts_on:
        raise InvalidInput(
            N_("Group “{name}” starts on {day}; the rule cannot start earlier."),
            field="starts_on",
            name=group.name,
            day=format_day(group.starts_on),
        )
    if group.ends_on and data.ends_on > group.ends_on:
        raise InvalidInput(
            N_("Group “{name}” ends on {day}; the rule cannot go on after it."),
            field="ends_on",
            name=group.name,
            day=format_day(group.ends_on),
        )
    _ = await _check_teacher(actor, data.teacher_id)
    if data.room_id is not None:
        _ = await _check_room(actor, data.room_id, group)
    return RuleData(
        group_id=group.id,
        teacher_id=data.teacher_id,
        pattern=pattern,
        start_minute=data.start_minute,
        duration_minutes=data.duration_minutes,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        room_id=data.room_id,
    )


async def _rule_views(rules: Sequence[ScheduleRule]) -> list[RuleView]:
    groups: dict[int, str] = dict(
        await Group.filter(id__in={r.group_id for r in rules}).values_list("id", "name")  # type: ignore[attr-defined]
    )
    people = await person_names(r.teacher_id for r in rules)  # type: ignore[attr-defined]
    rooms = {
        row["id"]: f"{row['building__name']}, {row['name']}"
        if row["building__name"]
        else row["name"]
        for row in await Room.filter(
            id__in={r.room_id for r in rules if r.room_id is not None}  # type: ignore[attr-defined]
        ).values("id", "name", "building__name")
    }
    return [
        RuleView(
            id=rule.id,
            group_id=rule.group_id,  # type: ignore[attr-defined]
            group_name=str(groups.get(rule.group_id, "")),  # type: ignore[attr-defined]
            teacher_id=rule.teacher_id,  # type: ignore[attr-defined]
            teacher_name=people.get(rule.teacher_id, ""),  # type: ignore[attr-defined]
            room_id=rule.room_id,  # type: ignore[attr-defined]
            room_name=rooms.get(rule.room_id, ""),  # type: ignore[attr-defined]
            pattern=tuple(tuple(week) for week in rule.pattern),
            start_minute=rule.start_minute,
            duration_minutes=rule.duration_minutes,
            starts_on=rule.starts_on,
            ends_on=rule.ends_on,
        )
        for rule in rules
    ]


async def list_rules(
    deps: Deps, actor: Actor, *, group_id: int | None = None, ended: bool = False
) -> list[RuleView]:
    """Schedule rules, by group and start; ended ones (before today) only when asked for.

    Raises:
        PermissionDenied: the actor may not see groups.
        NotFound: ``group_id`` is no possible id.
    """
    await require(actor, Permission.GROUPS_VIEW)
    query = ScheduleRule.filter(organisation_id=actor.organisation_id)
    if group_id is not None:
        check_id(group_id)
        query = query.filter(group_id=group_id)
    if not ended:
        today = local_today(deps.clock.now(), await organisation_zone(actor.organisation_id))
        query = query.filter(ends_on__gte=today)
    views = await _rule_views(await query)
    return sorted(views, key=lambda v: (v.group_name, v.starts_on, v.start_minute, v.id))


async def do_create_rule(
    tx: Tx,
    actor: Actor,
    *,
    data: RuleData,
    notify: bool = True,
    audited: bool = True,
    skip_over: frozenset[int] = frozenset(),
    together: frozenset[int] = frozenset(),
) -> RuleCreated:
    """Validate a rule, check its lessons for conflicts and store it with its lessons.

    Trusted: checks no permission (the demo, ``create_rule`` and publishing a timetable call
    it). ``skip_over`` are lessons of the group kept from a replaced rule: an occurrence
    overlapping one is left out. ``together`` are rules the caller creates in the same batch
    and has checked against this one (see ``check_conflicts``). Without ``notify`` and
    ``audited`` the caller tells people and writes the audit record for the whole batch.

    Raises:
        NotFound: no such group here.
        InvalidInput: a bad pattern, time, date, teacher or room, or no lesson would result.
        Conflict: a lesson would overlap another (named).
    """
    group = await _group(actor, data.group_id)
    zone = await organisation_zone(actor.organisation_id)
    data = await _check_rule(actor, data, group, local_today(tx.now, zone))
    holidays = set(
        await column_values(
            Holiday.filter(
                organisation_id=actor.organisation_id,
                day__gte=data.starts_on,
                day__lte=data.ends_on,
            ),
            "day",
        )
    )
    days, skipped = _rule_days(data.pattern, data.starts_on, data.ends_on, holidays)
    slots = []
    for day in days:
        starts_at = local_to_utc(day, data.start_minute, zone)
        if starts_at > tx.now:
            slots.append(
                Slot(starts_at, starts_at + timedelta(minutes=data.duration_minutes), day)
            )
    await check_conflicts(
        actor,
        zone,
        group_id=group.id,
        teacher_id=data.teacher_id,
        room_id=data.room_id,
        slots=slots,
        skip_over=skip_over,
        together=together,
    )
    slots = [slot for slot in slots if not slot.skip]
    if not slots:
        raise InvalidInput(
            N_("This rule gives no lessons between these dates."), field="starts_on"
        )
    rule = await ScheduleRule.create(
        organisation_id=actor.organisation_id,
        group_id=group.id,
        teacher_id=data.teacher_id,
        room_id=data.room_id,
        pattern=[list(week) for week in data.pattern],
        start_minute=data.start_minute,
        duration_minutes=data.duration_minutes,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        created_at=tx.now,
    )
    await Lesson.bulk_create(
        [
            Lesson(
                organisation_id=actor.organisation_id,
                group_id=group.id,
                rule_id=rule.id,
                occurrence_on=slot.day,
                teacher_id=data.teacher_id,
                room_id=data.room_id,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                status=LessonStatus.PLANNED,
                created_at=tx.now,
                updated_at=tx.now,
            )
            for slot in slots
        ],
        batch_size=500,
    )
    if audited:
        await do_record(
            tx,
            actor,
            action="schedule_rule.create",
            object_type="schedule_rule",
            object_id=rule.id,
            after={
                **snapshot(
                    rule,
                    ("pattern", "start_minute", "duration_minutes", "starts_on", "ends_on"),
                ),
                "group_id": group.id,
                "teacher_id": data.teacher_id,
                "room_id": data.room_id,
                "lessons": len(slots),
                "holidays_skipped": [day.isoformat() for day in skipped],
            },
        )
    if notify:
        await _tell_timetable(
            tx,
            actor,
            group,
            teacher_id=data.teacher_id,
            day=slots[0].day or data.starts_on,
            key=f"schedule:rule:{rule.id}",
        )
    (view,) = await _rule_views([rule])
    return RuleCreated(rule=view, lessons=len(slots), holidays_skipped=tuple(skipped))


async def create_rule(deps: Deps, actor: Actor, *, data: RuleData) -> RuleCreated:
    """Create a recurring rule and generate its lessons (holidays skipped), telling the
    group, the parents and the teacher that the timetable changed.

    Raises:
        PermissionDenied: the actor may not manage the schedule.
        NotFound: no such group here.
        InvalidInput: a bad pattern, time, date, teacher or room, or no lesson would result.
        Conflict: a lesson would overlap another (named); nothing is stored.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    async with transaction(deps) as tx:
        await lock_organisation(actor.organisation_id)
        return await do_create_rule(tx, actor, data=data)


async def do_end_rule(
    tx: Tx,
    actor: Actor,
    rule: ScheduleRule,
    from_day: date,
    zone: ZoneInfo,
    *,
    audited: bool = True,
) -> tuple[int, list[int]]:
    """End a rule the day before ``from_day`` and remove its lessons from then on that nobody
    changed or used; returns how many were removed and the ids of those kept (held,
    detached, or with attendance, homework or grades). Trusted: checks no permission.
    Without ``audited`` the caller records a whole batch of rules."""
    start = max(local_midnight(from_day, zone), tx.now)
    candidates: list[int] = await column_values(
        Lesson.filter(
            rule_id=rule.id, starts_at__gte=start, status=LessonStatus.PLANNED, detached=False
        ),
        "id",
    )
    used: set[int] = set()
    if candidates:
        for model in (Attendance, Homework, Grade):
            used.update(await column_values(model.filter(lesson_id__in=candidates), "lesson_id"))
    removable = [lesson_id for lesson_id in candidates if lesson_id not in used]
    if removable:
        await Lesson.filter(id__in=removable).delete()
    kept: list[int] = await column_values(
        Lesson.filter(rule_id=rule.id, starts_at__gte=start).exclude(
            status=LessonStatus.CANCELLED
        ),
        "id",
    )
    before = rule.ends_on
    rule.ends_on = from_day - timedelta(days=1)
    await rule.save(update_fields=["ends_on"])
    if audited:
        await do_record(
            tx,
            actor,
            action="schedule_rule.end",
            object_type="schedule_rule",
            object_id=rule.id,
            before={"ends_on": before.isoformat()},
            after={"ends_on": rule.ends_on.isoformat(), "removed": removable, "kept": kept},
        )
    return len(removable), kept


async def _rule_to_end(
    tx: Tx, actor: Actor, rule_id: int, from_day: date, zone: ZoneInfo
) -> ScheduleRule:
    check_id(rule_id)
    await lock_organisation(actor.organisation_id)
    rule = await ScheduleRule.select_for_update().get_or_none(
        id=rule_id, organisation_id=actor.organisation_id
    )
    if rule is None:
        raise NotFound()
    if from_day < local_today(tx.now, zone):
        raise InvalidInput(N_("A rule can be ended from today or a later day."), field="from_day")
    if from_day > rule.ends_on:
        raise InvalidInput(
            N_("The rule ends on {day} anyway."),
            field="from_day",
            day=format_day(rule.ends_on),
        )
    return rule


async def end_rule(deps: Deps, actor: Actor, *, rule_id: int, from_day: date) -> RuleEnded:
    """End a rule from a local day: its planned lessons from then on are removed, except those
    changed by hand or already used (attendance, homework or grades), which are kept.

    Raises:
        PermissionDenied: the actor may not manage the schedule.
        NotFound: no such rule here.
        InvalidInput: ``from_day`` has passed or is after the rule ends anyway.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    zone = await organisation_zone(actor.organisation_id)
    async with transaction(deps) as tx:
        rule = await _rule_to_end(tx, actor, rule_id, from_day, zone)
        removed, kept = await do_end_rule(tx, actor, rule, from_day, zone)
        group = await Group.get(id=rule.group_id)  # type: ignore[attr-defined]
        if removed:
            await _tell_timetable(
                tx,
                actor,
                group,
                teacher_id=rule.teacher_id,  # type: ignore[attr-defined]
                day=from_day,
                key=f"schedule:rule-end:{rule.id}:{from_day.isoformat()}",
            )
    (view,) = await _rule_views([rule])
    return RuleEnded(rule=view, removed=removed, kept=len(kept))


async def replace_rule(deps: Deps, actor: Actor, *, rule_id: int, data: RuleData) -> RuleCreated:
    """Change a rule from ``data.starts_on``: end the old one from that day and create the new
    one, in one transaction (so a conflict leaves the old rule as it was). Lessons the old
    rule keeps (changed by hand or used) stay, and the new rule leaves out occurrences that
    would overlap them.

    Raises:
        PermissionDenied: the actor may not manage the schedule.
        NotFound: no such rule or group here.
        InvalidInput: as ``create_rule``, or the new rule is for another group.
        Conflict: as ``create_rule``.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    zone = await organisation_zone(actor.organisation_id)
    async with transaction(deps) as tx:
        rule = await _rule_to_end(tx, actor, rule_id, data.starts_on, zone)
        if rule.group_id != data.group_id:  # type: ignore[attr-defined]
            raise InvalidInput(
                N_("A rule can only be replaced by a rule of the same group."), field="group_id"
            )
        _, kept = await do_end_rule(tx, actor, rule, data.starts_on, zone)
        return await do_create_rule(tx, actor, data=data, skip_over=frozenset(kept))


# --- single lessons -----------------------------------------------------------------------


async def _lesson_to_change(tx: Tx, actor: Actor, lesson_id: int) -> Lesson:
    check_id(lesson_id)
    await lock_organisation(actor.organisation_id)
    lesson = await Lesson.select_for_update().get_or_none(
        id=lesson_id, organisation_id=actor.organisation_id
    )
    if lesson is None:
        raise NotFound()
    if lesson.status == LessonStatus.HELD:
        raise Conflict(
            N_("This lesson was held, so it can be neither moved nor cancelled nor reassigned.")
        )
    if lesson.status == LessonStatus.CANCELLED:
        raise Conflict(N_("This lesson is cancelled."))
    return lesson


def _check_not_started(tx: Tx, lesson: Lesson) -> None:
    if lesson.starts_at <= tx.now:
        raise Conflict(N_("This lesson has already started, so it can only be cancelled."))


async def add_lesson(deps: Deps, actor: Actor, *, data: LessonData) -> LessonView:
    """Add one lesson outside any rule, telling the group, the parents and the teacher.

    Raises:
        PermissionDenied: the actor may not manage the schedule.
        NotFound: no such group here.
        InvalidInput: a bad time, teacher or room, or a time that has passed.
        Conflict: it would overlap another lesson (named); nothing is stored.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    _check_start(data.start_minute)
    _check_duration(data.duration_minutes)
    topic = data.topic.strip()[:REASON_MAX]
    zone = await organisation_zone(actor.organisation_id)
    async with transaction(deps) as tx:
        await lock_organisation(actor.organisation_id)
        group = await _group(actor, data.group_id)
        if group.status != GroupStatus.ACTIVE:
            raise InvalidInput(
                N_("Group “{name}” is not active."), field="group_id", name=group.name
            )
        _ = await _check_teacher(actor, data.teacher_id)
        if data.room_id is not None:
            _ = await _check_room(actor, data.room_id, group)
        starts_at = local_to_utc(data.day, data.start_minute, zone)
        if starts_at <= tx.now:
            raise InvalidInput(N_("This time has already passed."), field="day")
        slot = Slot(starts_at, starts_at + timedelta(minutes=data.duration_minutes))
        await check_conflicts(
            actor,
            zone,
            group_id=group.id,
            teacher_id=data.teacher_id,
            room_id=data.room_id,
            slots=[slot],
        )
        lesson = await do_create_lesson(
            tx,
            actor,
            group_id=group.id,
            teacher_id=data.teacher_id,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            room_id=data.room_id,
            topic=topic,
        )
        await _tell(
            tx,
            actor,
            await _audience(group.id, [data.teacher_id]),
            message=ADDED,
            params={"group": group.name, "when": format_when(starts_at, zone)},
            key=_change_key("add", lesson, tx.now),
        )
    return await lesson_view(lesson)


_LESSON_AUDITED = ("starts_at", "ends_at", "room_id", "teacher_id", "planned_teacher_id", "status")


async def _save_by_hand(
    tx: Tx, actor: Actor, lesson: Lesson, *, action: str, before: dict[str, Any], **extra: str
) -> None:
    """Save a lesson changed by hand, detached from its rule from now on, and audit it
    (``extra`` goes into the record after the lesson's fields)."""
    lesson.detached = True
    lesson.updated_at = tx.now
    await lesson.save()
    await do_record(
        tx,
        actor,
        action=action,
        object_type="lesson",
        object_id=lesson.id,
        before=before,
        after={**snapshot(lesson, _LESSON_AUDITED), **extra},
    )


async def move_lesson(
    deps: Deps,
    actor: Actor,
    *,
    lesson_id: int,
    day: date,
    start_minute: int,
    duration_minutes: int,
    room_id: int | None,
) -> LessonView:
    """Move one lesson to another local time and/or room; the rest of its series stays.

    Raises:
        PermissionDenied: the actor may not manage the schedule.
        NotFound: no such lesson here.
        InvalidInput: a bad time or room, or a time that has passed.
        Conflict: the lesson was held, is cancelled or has started, or the new time
            overlaps another lesson (named); nothing is changed.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    _check_start(start_minute)
    _check_duration(duration_minutes)
    zone = await organisation_zone(actor.organisation_id)
    async with transaction(deps) as tx:
        lesson = await _lesson_to_change(tx, actor, lesson_id)
        _check_not_started(tx, lesson)
        group = await Group.get(id=lesson.group_id)  # type: ignore[attr-defined]
        room = await _check_room(actor, room_id, group) if room_id is not None else None
        starts_at = local_to_utc(day, start_minute, zone)
        ends_at = starts_at + timedelta(minutes=duration_minutes)
        if starts_at <= tx.now:
            raise InvalidInput(N_("This time has already passed."), field="day")
        moved = (starts_at, ends_at) != (lesson.starts_at, lesson.ends_at)
        new_room = room_id != lesson.room_id  # type: ignore[attr-defined]
        if not moved and not new_room:
            return await lesson_view(lesson)
        await check_conflicts(
            actor,
            zone,
            group_id=group.id,
            teacher_id=lesson.teacher_id,  # type: ignore[attr-defined]
            room_id=room_id,
            slots=[Slot(starts_at, ends_at)],
            exclude_id=lesson.id,
        )
        before = snapshot(lesson, _LESSON_AUDITED)
        old_start = lesson.starts_at
        lesson.starts_at, lesson.ends_at = starts_at, ends_at
        lesson.room_id = room_id
        await _save_by_hand(tx, actor, lesson, action="lesson.move", before=before)
        params: dict[str, object] = {
            "group": group.name,
            "when": format_when(old_start, zone),
            "new_when": format_when(starts_at, zone),
            "room": room.name if room else "",
        }
        message = (MOVED_TO_ROOM if room and new_room else MOVED) if moved else ROOM_CHANGED
        if moved or room is not None:
            await _tell(
                tx,
                actor,
                await _audience(group.id, [lesson.teacher_id]),  # type: ignore[attr-defined]
                message=message,
                params=params,
                key=_change_key("move", lesson, tx.now),
            )
    return await lesson_view(lesson)


async def cancel_lesson(deps: Deps, actor: Actor, *, lesson_id: int, reason: str) -> LessonView:
    """Cancel one lesson with a reason (a lesson that has started may still be cancelled);
    the rest of its series stays.

    Raises:
        PermissionDenied: the actor may not manage the schedule.
        NotFound: no such lesson here.
        InvalidInput: no reason, or one too long.
        Conflict: the lesson was held or is cancelled already.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    reason = reason.strip()
    if not reason or len(reason) > REASON_MAX:
        raise InvalidInput(
            N_("Say in up to {limit} characters why the lesson is cancelled."),
            field="reason",
            limit=REASON_MAX,
        )
    zone = await organisation_zone(actor.organisation_id)
    async with transaction(deps) as tx:
        lesson = await _lesson_to_change(tx, actor, lesson_id)
        before = snapshot(lesson, _LESSON_AUDITED)
        lesson.status = LessonStatus.CANCELLED
        lesson.cancel_reason = reason
        await _save_by_hand(
            tx, actor, lesson, action="lesson.cancel", before=before, reason=reason
        )
        group = await Group.get(id=lesson.group_id)  # type: ignore[attr-defined]
        await _tell(
            tx,
            actor,
            await _audience(group.id, [lesson.teacher_id]),  # type: ignore[attr-defined]
            message=CANCELLED,
            params={
                "group": group.name,
                "when": format_when(lesson.starts_at, zone),
                "reason": reason,
            },
            key=_change_key("cancel", lesson, tx.now),
        )
    return await lesson_view(lesson)


async def substitute_teacher(
    deps: Deps, actor: Actor, *, lesson_id: int, teacher_id: int, replacing: int | None = None
) -> LessonView:
    """Give one lesson to another teacher. ``planned_teacher`` keeps the teacher the rule or
    the lesson had; giving the lesson back to them clears it. The class is told, its parents
    too when the organisation's lesson settings say so, and both teachers.

    ``replacing`` is the teacher the caller saw on the lesson: when someone else has taken
    it meanwhile (two admins covering the same lesson at once), the change is refused
    instead of silently replacing the other admin's choice.

    Raises:
        PermissionDenied: the actor may not manage the schedule.
        NotFound: no such lesson here.
        InvalidInput: not an active teacher here, or the teacher of the lesson already.
        Conflict: the lesson was held, is cancelled or has started, it is no longer
            ``replacing``'s, or the teacher has another lesson then (named); nothing is
            changed.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    zone = await organisation_zone(actor.organisation_id)
    settings = await lesson_settings(actor.organisation_id)
    async with transaction(deps) as tx:
        lesson = await _lesson_to_change(tx, actor, lesson_id)
        _check_not_started(tx, lesson)
        name = await _check_teacher(actor, teacher_id)
        previous: int = lesson.teacher_id  # type: ignore[attr-defined]
        if replacing is not None and previous != replacing:
            raise Conflict(
                N_("{teacher} has just been given this lesson; look at the lessons again."),
                teacher=(await person_names([previous]))[previous],
            )
        if teacher_id == previous:
            raise InvalidInput(
                N_("{teacher} teaches this lesson already."), field="teacher_id", teacher=name
            )
        await check_conflicts(
            actor,
            zone,
            group_id=lesson.group_id,  # type: ignore[attr-defined]
            teacher_id=teacher_id,
            room_id=lesson.room_id,  # type: ignore[attr-defined]
            slots=[Slot(lesson.starts_at, lesson.ends_at)],
            exclude_id=lesson.id,
        )
        original: int = lesson.planned_teacher_id or previous  # type: ignore[attr-defined]
        before = snapshot(lesson, _LESSON_AUDITED)
        lesson.teacher_id = teacher_id
        lesson.planned_teacher_id = None if teacher_id == original else original
        await _save_by_hand(tx, actor, lesson, action="lesson.substitute", before=before)
        view = await lesson_view(lesson)
        previous_person = await Person.get(id=previous)
        params: dict[str, object] = {
            "group": view.group_name,
            "when": format_when(lesson.starts_at, zone),
            "teacher": name,
            "previous": full_name(previous_person.last_name, previous_person.first_name),
        }
        key = _change_key("substitute", lesson, tx.now)
        await _tell(
            tx,
            actor,
            await _audience(view.group_id, [], with_parents=settings.tell_parents_substitutions),
            message=SUBSTITUTED,
            params=params,
            key=key,
        )
        await _tell(tx, actor, [teacher_id], message=YOU_SUBSTITUTE, params=params, key=key)
        await _tell(tx, actor, [previous], message=YOU_ARE_REPLACED, params=params, key=key)
    return view
