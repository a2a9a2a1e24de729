"""The timetable as people read it: the organisation's calendar of a day, a week or a month
(filtered by building, room, teacher and group), a person's own lessons and next lesson, a
lesson's edit page, and the per-person iCalendar feed.

**Whose lessons.** A teacher's are those they teach (a substitution too) and, in their own
timetable, those they were replaced in; a student's are those of the groups they were enrolled
in on the lesson's local day; a parent's are their children's.

**The feed** needs no sign-in: its address carries an HMAC of the person's id, and calendar
apps re-read it whole, from 60 days back to a year ahead.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import cast
from zoneinfo import ZoneInfo

from tortoise import connections
from tortoise.expressions import Q

from core.actor import Actor
from core.config import Settings, ensure_secret_key
from core.deps import Deps
from core.errors import NotFound
from core.i18n import N_, pick_language
from core.ics import FeedEvent, build_calendar
from core.models.academics import Enrolment, Group, GroupStatus
from core.models.lessons import Holiday, Lesson
from core.models.org import Organisation
from core.models.people import Account, Membership, ParentLink, Person, Role
from core.names import full_name
from core.permissions import Permission, require
from core.services.career_programme import feed_days
from core.services.lessons import (
    LessonStatus,
    LessonView,
    check_id,
    enrolment_covers,
    lesson_view,
    lesson_views,
    local_days,
    local_today,
    organisation_zone,
    person_names,
)
from core.services.places import BuildingView, RoomView, buildings_of, rooms_of
from core.services.schedule import column_values

#: The feed reaches this far back and ahead: calendar apps re-read it whole.
FEED_PAST = timedelta(days=60)
FEED_AHEAD = timedelta(days=366)
FEED_TOKEN_CHARS = 32


class CalendarSpan(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


STATUS_LABELS: dict[LessonStatus, str] = {
    LessonStatus.PLANNED: N_("Planned"),
    LessonStatus.HELD: N_("Held"),
    LessonStatus.CANCELLED: N_("Cancelled"),
}
WEEKDAY_NAMES: tuple[str, ...] = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
WEEKDAY_SHORT: tuple[str, ...] = (
    N_("Mon"),
    N_("Tue"),
    N_("Wed"),
    N_("Thu"),
    N_("Fri"),
    N_("Sat"),
    N_("Sun"),
)


# --- plain data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    """One choice of a form's list: an id and what to show."""

    id: int
    name: str


@dataclass(frozen=True)
class ScheduleFilter:
    building_id: int | None = None
    room_id: int | None = None
    teacher_id: int | None = None
    group_id: int | None = None


@dataclass(frozen=True)
class ScheduleChoices:
    """What the schedule's filters and forms offer: active groups, teachers, rooms."""

    groups: tuple[Option, ...]
    teachers: tuple[Option, ...]
    rooms: tuple[RoomView, ...]
    buildings: tuple[BuildingView, ...]


@dataclass(frozen=True)
class CalendarDay:
    day: date
    lessons: tuple[LessonView, ...]
    holiday: str | None = None
    outside: bool = False


@dataclass(frozen=True)
class Calendar:
    """Lessons of a day, a week or a month (whole weeks, ``outside`` marks the other
    months' days), with what the filters offer and the actor's own feed link."""

    span: CalendarSpan
    day: date
    today: date
    days: tuple[CalendarDay, ...]
    previous_day: date
    next_day: date
    filters: ScheduleFilter
    choices: ScheduleChoices
    feed_url: str

    @property
    def first_day(self) -> date:
        return self.days[0].day

    @property
    def last_day(self) -> date:
        return self.days[-1].day

    @property
    def weeks(self) -> list[tuple[CalendarDay, ...]]:
        return [self.days[index : index + 7] for index in range(0, len(self.days), 7)]

    @property
    def lesson_count(self) -> int:
        return sum(len(day.lessons) for day in self.days)

    @property
    def time_rows(self) -> list[tuple[str, list[list[LessonView]]]]:
        """The week as a grid: one row per local start time, one cell per day."""
        starts = sorted({f"{lesson.local_start:%H:%M}" for d in self.days for lesson in d.lessons})
        rows: list[tuple[str, list[list[LessonView]]]] = []
        for start in starts:
            cells = [
                [lesson for lesson in d.lessons if f"{lesson.local_start:%H:%M}" == start]
                for d in self.days
            ]
            rows.append((start, cells))
        return rows


@dataclass(frozen=True)
class LessonEditing:
    """A lesson on its edit page, and what it may become."""

    lesson: LessonView
    choices: ScheduleChoices
    started: bool

    @property
    def changeable(self) -> bool:
        return self.lesson.status is LessonStatus.PLANNED and not self.started

    @property
    def cancellable(self) -> bool:
        return self.lesson.status is LessonStatus.PLANNED


@dataclass(frozen=True)
class Timetable:
    """A person's lessons between two local days (a parent's: the chosen child's)."""

    first_day: date
    last_day: date
    today: date
    lessons: tuple[LessonView, ...]
    person_id: int
    person_name: str
    feed_url: str

    def on(self, day: date) -> list[LessonView]:
        return [lesson for lesson in self.lessons if lesson.local_day == day]

    @property
    def days(self) -> list[date]:
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + timedelta(days=n) for n in range(count)]


@dataclass(frozen=True)
class NextLesson:
    lesson: LessonView | None
    person_id: int
    person_name: str
    feed_url: str


# --- views --------------------------------------------------------------------------------


async def _choices(organisation_id: int) -> ScheduleChoices:
    groups = (
        await Group.filter(organisation_id=organisation_id, status=GroupStatus.ACTIVE)
        .order_by("name")
        .values_list("id", "name")
    )
    teacher_ids = await column_values(
        Membership.filter(
            organisation_id=organisation_id, role=Role.TEACHER, archived_at__isnull=True
        ),
        "person_id",
    )
    teachers = sorted(
        (Option(person_id, name) for person_id, name in (await person_names(teacher_ids)).items()),
        key=lambda option: (option.name, option.id),
    )
    return ScheduleChoices(
        groups=tuple(Option(int(gid), str(name)) for gid, name in groups),
        teachers=tuple(teachers),
        rooms=tuple(await rooms_of(organisation_id, archived=False)),
        buildings=tuple(await buildings_of(organisation_id)),
    )


async def schedule_choices(actor: Actor) -> ScheduleChoices:
    """What the schedule's forms offer, for those who manage it.

    Raises:
        PermissionDenied: the actor may not manage the schedule.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    return await _choices(actor.organisation_id)


@dataclass(frozen=True, slots=True)
class _LessonRow:
    """A lesson's columns as ``lesson_views`` reads them (it reads nothing else)."""

    id: int
    organisation_id: int
    group_id: int
    rule_id: int | None
    teacher_id: int
    planned_teacher_id: int | None
    room_id: int | None
    starts_at: datetime
    ends_at: datetime
    status: str
    topic: str
    cancel_reason: str
    detached: bool


def _moment(value: object) -> datetime:
    """A timestamp as the driver returns it: asyncpg a datetime, SQLite ISO text."""
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return datetime.fromisoformat(str(value)).astimezone(UTC)


async def _calendar_lessons(
    organisation_id: int, low: datetime, high: datetime, filters: ScheduleFilter
) -> list[LessonView]:
    """The organisation's lessons starting in ``[low, high)``, in time order, in one plain
    query. A busy week of a large centre has ~900 lessons, and building ORM models for them
    (with Tortoise's ISO-8601 parsing of five timestamps a row) costs twenty times the query:
    the week page would miss its 150 ms budget on that alone."""
    client = connections.get("default")
    postgres = client.capabilities.dialect == "postgres"
    params: list[object] = []

    def param(value: object) -> str:
        if isinstance(value, datetime) and not postgres:
            # Tortoise stores SQLite timestamps as this text, which orders like the moments.
            value = value.astimezone(UTC).isoformat(sep=" ")
        params.append(value)
        return f"${len(params)}" if postgres else "?"

    where = [
        f"l.organisation_id = {param(organisation_id)}",
        f"l.starts_at >= {param(low)}",
        f"l.starts_at < {param(high)}",
    ]
    join = ""
    if filters.room_id is not None:
        where.append(f"l.room_id = {param(filters.room_id)}")
    if filters.building_id is not None:
        join = "JOIN room r ON r.id = l.room_id"
        where.append(f"r.building_id = {param(filters.building_id)}")
    if filters.teacher_id is not None:
        where.append(f"l.teacher_id = {param(filters.teacher_id)}")
    if filters.group_id is not None:
        where.append(f"l.group_id = {param(filters.group_id)}")
    sql = (
        "SELECT l.id, l.organisation_id, l.group_id, l.rule_id, l.teacher_id, "
        "l.planned_teacher_id, l.room_id, l.starts_at, l.ends_at, l.status, l.topic, "
        f"l.cancel_reason, l.detached FROM lesson l {join} WHERE {' AND '.join(where)} "
        "ORDER BY l.starts_at, l.id"
    )
    rows = [
        _LessonRow(
            id=row["id"],
            organisation_id=row["organisation_id"],
            group_id=row["group_id"],
            rule_id=row["rule_id"],
            teacher_id=row["teacher_id"],
            planned_teacher_id=row["planned_teacher_id"],
            room_id=row["room_id"],
            starts_at=_moment(row["starts_at"]),
            ends_at=_moment(row["ends_at"]),
            status=str(row["status"]),
            topic=row["topic"],
            cancel_reason=row["cancel_reason"],
            detached=bool(row["detached"]),
        )
        for row in await client.execute_query_dict(sql, params)
    ]
    return await lesson_views(cast("list[Lesson]", rows))


def _calendar_range(span: CalendarSpan, day: date) -> tuple[date, date, date, date]:
    """The first and last day shown, and the days the previous and next buttons open."""
    if span is CalendarSpan.DAY:
        return day, day, day - timedelta(days=1), day + timedelta(days=1)
    if span is CalendarSpan.WEEK:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), day - timedelta(days=7), day + timedelta(days=7)
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    last = following - timedelta(days=1)
    previous = (first - timedelta(days=1)).replace(day=1)
    start = first - timedelta(days=first.weekday())
    end = last + timedelta(days=6 - last.weekday())
    return start, end, previous, following


async def _holiday_names(organisation_id: int, first: date, last: date) -> dict[date, str]:
    return {
        row["day"]: row["name"]
        for row in await Holiday.filter(
            organisation_id=organisation_id, day__gte=first, day__lte=last
        ).values("day", "name")
    }


def _by_day(
    lessons: Sequence[LessonView],
    first: date,
    last: date,
    holidays: dict[date, str],
    month: int | None,
) -> tuple[CalendarDay, ...]:
    grouped: dict[date, list[LessonView]] = {}
    for lesson in lessons:
        grouped.setdefault(lesson.local_day, []).append(lesson)
    count = (last - first).days + 1
    days = []
    for offset in range(count):
        day = first + timedelta(days=offset)
        days.append(
            CalendarDay(
                day=day,
                lessons=tuple(grouped.get(day, [])),
                holiday=holidays.get(day),
                outside=month is not None and day.month != month,
            )
        )
    return tuple(days)


async def schedule_calendar(
    deps: Deps,
    actor: Actor,
    *,
    span: CalendarSpan,
    day: date | None = None,
    filters: ScheduleFilter = ScheduleFilter(),
) -> Calendar:
    """The organisation's lessons of a local day, week or month, filtered by building, room,
    teacher and group (cancelled ones too, marked by their status).

    Raises:
        PermissionDenied: the actor may not see groups.
    """
    await require(actor, Permission.GROUPS_VIEW)
    zone = await organisation_zone(actor.organisation_id)
    today = local_today(deps.clock.now(), zone)
    day = day or today
    first, last, previous, following = _calendar_range(span, day)
    low, high = local_days(first, last, zone)
    lessons = await _calendar_lessons(actor.organisation_id, low, high, filters)
    holidays = await _holiday_names(actor.organisation_id, first, last)
    month = day.month if span is CalendarSpan.MONTH else None
    return Calendar(
        span=span,
        day=day,
        today=today,
        days=_by_day(lessons, first, last, holidays, month),
        previous_day=previous,
        next_day=following,
        filters=filters,
        choices=await _choices(actor.organisation_id),
        feed_url=feed_url(deps.settings, actor.person_id) if actor.person_id else "",
    )


async def lesson_editing(deps: Deps, actor: Actor, *, lesson_id: int) -> LessonEditing:
    """A lesson with what it can be moved to or given to, for its edit page.

    Raises:
        PermissionDenied: the actor may not manage the schedule.
        NotFound: no such lesson here.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    check_id(lesson_id)
    lesson = await Lesson.get_or_none(id=lesson_id, organisation_id=actor.organisation_id)
    if lesson is None:
        raise NotFound()
    return LessonEditing(
        lesson=await lesson_view(lesson),
        choices=await _choices(actor.organisation_id),
        started=lesson.starts_at <= deps.clock.now(),
    )


async def _subtree(organisation_id: int) -> list[int]:
    ids = [organisation_id]
    frontier = [organisation_id]
    while frontier:
        frontier = list(await column_values(Organisation.filter(parent_id__in=frontier), "id"))
        ids.extend(frontier)
    return ids


async def _learning_lessons(
    student_ids: Sequence[int], low: datetime, high: datetime, org_ids: Sequence[int] | None
) -> list[Lesson]:
    """Lessons of the groups the students were enrolled in on each lesson's local day."""
    if not student_ids:
        return []
    enrolments = await Enrolment.filter(student_id__in=list(student_ids)).values(
        "group_id", "starts_on", "ends_on"
    )
    if not enrolments:
        return []
    periods: dict[int, list[tuple[date, date | None]]] = {}
    for row in enrolments:
        periods.setdefault(row["group_id"], []).append((row["starts_on"], row["ends_on"]))
    query = Lesson.filter(group_id__in=list(periods), starts_at__gte=low, starts_at__lt=high)
    if org_ids is not None:
        query = query.filter(organisation_id__in=list(org_ids))
    lessons = await query
    zones: dict[int, ZoneInfo] = {}
    kept = []
    for lesson in lessons:
        org_id: int = lesson.organisation_id  # type: ignore[attr-defined]
        zone = zones.get(org_id) or zones.setdefault(org_id, await organisation_zone(org_id))
        day = lesson.starts_at.astimezone(zone).date()
        if any(
            enrolment_covers(start, end, day)
            for start, end in periods[lesson.group_id]  # type: ignore[attr-defined]
        ):
            kept.append(lesson)
    return kept


async def _teaching_lessons(
    teacher_id: int,
    low: datetime,
    high: datetime,
    org_ids: Sequence[int] | None,
    *,
    replaced: bool,
) -> list[Lesson]:
    """Lessons the teacher teaches (a substitution too), and with ``replaced`` those they
    were to teach before a substitute took them."""
    who = (
        Q(teacher_id=teacher_id) | Q(planned_teacher_id=teacher_id)
        if replaced
        else Q(teacher_id=teacher_id)
    )
    query = Lesson.filter(who, starts_at__gte=low, starts_at__lt=high)
    if org_ids is not None:
        query = query.filter(organisation_id__in=list(org_ids))
    return list(await query)


async def _whose(actor: Actor, child_id: int | None) -> tuple[int, str, bool]:
    """Whose timetable the actor reads: (person, name, as a teacher)."""
    if actor.person_id is None:
        raise NotFound()
    person_id = actor.person_id
    if child_id is not None and child_id != actor.person_id:
        if not await ParentLink.exists(parent_id=actor.person_id, child_id=child_id):
            raise NotFound()
        person_id = child_id
    person = await Person.get_or_none(id=person_id)
    if person is None:
        raise NotFound()
    teaching = person_id == actor.person_id and Role.TEACHER in actor.roles
    return person_id, full_name(person.last_name, person.first_name), teaching


async def _personal(
    actor: Actor, child_id: int | None, low: datetime, high: datetime
) -> tuple[int, str, list[LessonView]]:
    person_id, name, teaching = await _whose(actor, child_id)
    org_ids = await _subtree(actor.organisation_id)
    lessons: dict[int, Lesson] = {}
    if teaching:
        for lesson in await _teaching_lessons(person_id, low, high, org_ids, replaced=True):
            lessons[lesson.id] = lesson
    learners: list[int] = []
    if person_id != actor.person_id or Role.STUDENT in actor.roles:
        learners = [person_id]
    elif Role.PARENT in actor.roles:
        learners = list(await column_values(ParentLink.filter(parent_id=person_id), "child_id"))
    for lesson in await _learning_lessons(learners, low, high, org_ids):
        lessons[lesson.id] = lesson
    ordered = sorted(lessons.values(), key=lambda lesson: (lesson.starts_at, lesson.id))
    return person_id, name, await lesson_views(ordered)


async def my_timetable(
    deps: Deps,
    actor: Actor,
    *,
    first_day: date | None = None,
    days: int = 1,
    whole_week: bool = False,
    child_id: int | None = None,
) -> Timetable:
    """The actor's lessons for ``days`` local days from ``first_day`` (default today), or
    with ``whole_week`` for Monday to Sunday of that day's week: a teacher's those they teach
    or were replaced in, a student's those of their groups (while enrolled), a parent's those
    of ``child_id`` (or of all their children).

    Raises:
        NotFound: the actor is not a person, or ``child_id`` is not their child.
    """
    zone = await organisation_zone(actor.organisation_id)
    today = local_today(deps.clock.now(), zone)
    first = first_day or today
    if whole_week:
        first, days = first - timedelta(days=first.weekday()), 7
    last = first + timedelta(days=max(days, 1) - 1)
    person_id, name, lessons = await _personal(actor, child_id, *local_days(first, last, zone))
    return Timetable(
        first_day=first,
        last_day=last,
        today=today,
        lessons=tuple(lessons),
        person_id=person_id,
        person_name=name,
        feed_url=feed_url(deps.settings, actor.person_id or 0),
    )


async def next_lesson(deps: Deps, actor: Actor, *, child_id: int | None = None) -> NextLesson:
    """The actor's (or the child's) next planned lesson that has not started, within a year.

    Raises:
        NotFound: the actor is not a person, or ``child_id`` is not their child.
    """
    now = deps.clock.now()
    person_id, name, lessons = await _personal(actor, child_id, now, now + FEED_AHEAD)
    coming = next(
        (
            lesson
            for lesson in lessons
            if lesson.status is LessonStatus.PLANNED
            and lesson.starts_at > now
            and not (lesson.substituted and lesson.planned_teacher_id == actor.person_id)
        ),
        None,
    )
    return NextLesson(
        lesson=coming,
        person_id=person_id,
        person_name=name,
        feed_url=feed_url(deps.settings, actor.person_id or 0),
    )


# --- the iCalendar feed -------------------------------------------------------------------


def feed_token(settings: Settings, person_id: int) -> str:
    """The secret part of a person's feed address: an HMAC of their id."""
    key = ensure_secret_key(settings).encode()
    digest = hmac.new(key, f"ics:{person_id}".encode(), hashlib.sha256).hexdigest()
    return digest[:FEED_TOKEN_CHARS]


def feed_url(settings: Settings, person_id: int) -> str:
    """The absolute address a calendar app subscribes to (no sign-in: the token is the key)."""
    return f"{settings.base_url}/ics/{person_id}/{feed_token(settings, person_id)}.ics"


def my_feed_url(deps: Deps, actor: Actor) -> str:
    """The actor's own feed address.

    Raises:
        NotFound: the actor is not a person (the CLI, the scheduler).
    """
    if actor.person_id is None:
        raise NotFound()
    return feed_url(deps.settings, actor.person_id)


async def calendar_feed(deps: Deps, *, person_id: int, token: str) -> bytes:
    """A person's timetable as an iCalendar file: lessons they teach, of their groups and of
    their children's groups, from 60 days back to a year ahead; for a student, also the
    career programme items for their grade (all-day events).

    Raises:
        NotFound: the token is not this person's, or there is no such person.
    """
    expected = feed_token(deps.settings, person_id)
    if not hmac.compare_digest(expected.encode(), token.encode()):
        raise NotFound()
    person = await Person.get_or_none(id=person_id)
    if person is None:
        raise NotFound()
    now = deps.clock.now()
    low, high = now - FEED_PAST, now + FEED_AHEAD
    lessons: dict[int, Lesson] = {
        lesson.id: lesson
        for lesson in await _teaching_lessons(person_id, low, high, None, replaced=False)
    }
    children: list[int] = await column_values(ParentLink.filter(parent_id=person_id), "child_id")
    for lesson in await _learning_lessons([person_id, *children], low, high, None):
        lessons[lesson.id] = lesson
    ordered = sorted(lessons.values(), key=lambda lesson: (lesson.starts_at, lesson.id))
    views = await lesson_views(ordered)
    account_language = await column_values(Account.filter(person_id=person_id), "language")
    org_language = await column_values(
        Organisation.filter(id=person.organisation_id),  # type: ignore[attr-defined]
        "default_language",
    )
    language = pick_language(
        *account_language, *org_language, default=deps.settings.default_language
    )
    events = [
        FeedEvent(
            lesson=view,
            sequence=max(0, int((lesson.updated_at - lesson.created_at).total_seconds())),
            updated_at=lesson.updated_at,
        )
        for lesson, view in zip(ordered, views, strict=True)
    ]
    days = await feed_days(person_id, since=low.date(), until=high.date(), language=language)
    return build_calendar(
        events,
        name=full_name(person.last_name, person.first_name),
        language=language,
        domain=_feed_domain(deps.settings),
        now=now,
        days=days,
    )


def _feed_domain(settings: Settings) -> str:
    host = settings.base_url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return host or "sabaq"
