"""Substitutions (issue 11): teachers marked absent, the lessons their absence leaves to
cover, substitute candidates ranked for each, the choice, and the day's and month's reports.

**Lessons to cover.** A lesson is to cover when its teacher is absent at its time (the spans
overlap) and it is still planned; a lesson that has a ``planned_teacher`` has been given to a
substitute and is shown as covered, with who covers it. Cancelled lessons count nowhere.

**Candidates.** Active teachers of the organisation who are free then (no lesson of theirs,
in any organisation, overlaps; not absent themselves), ranked by: teaches the same subject
(``Course.subject`` of the groups they teach, the course itself when it has no subject),
fewest lessons already covered as a substitute this month, the same building (a lesson of
theirs just before or after is in the building of the lesson's room), fewest lessons that
day, then name. A day's page reads everything it ranks with in a constant number of
queries, whatever the number of teachers and lessons.

**Choosing** goes through ``schedule.substitute_teacher``, which checks clashes, notifies
people and refuses when another admin has covered the lesson meanwhile.
"""

from __future__ import annotations

import asyncio
import io
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from tortoise.expressions import Q

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound
from core.i18n import N_, gettext_for, pick_language
from core.models.academics import Course, Group, GroupTeacher
from core.models.lessons import Building, Lesson, Room
from core.models.people import Membership, Role
from core.models.substitutions import TeacherAbsence
from core.permissions import Permission, require
from core.services.audit import do_record, snapshot
from core.services.lessons import (
    LessonStatus,
    LessonView,
    check_id,
    format_day,
    lesson_views,
    local_days,
    local_to_utc,
    local_today,
    lock_organisation,
    organisation_zone,
    person_names,
)
from core.services.people import MAX_ID
from core.services.schedule import column_values, substitute_teacher
from core.tx import transaction
from core.workbooks import headed_sheet, text_cell

REASON_MAX = 300
#: How many candidates a day's page shows for each lesson.
TOP_CANDIDATES = 3
_DAY_MINUTES = 24 * 60
#: A lesson lasts at most this long (the schedule's limit), so one overlapping a span starts
#: within it before the span's start.
_LONGEST = timedelta(hours=12)
_AUDITED = ("teacher_id", "day", "start_minute", "end_minute", "reason")


# --- plain data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AbsenceView:
    id: int
    teacher_id: int
    teacher_name: str
    day: date
    start_minute: int | None
    end_minute: int | None
    reason: str
    marked_by_name: str
    created_at: datetime

    @property
    def whole_day(self) -> bool:
        return self.start_minute is None

    @property
    def hours(self) -> str:
        """``09:00–12:00``, or "" for a whole day."""
        if self.start_minute is None or self.end_minute is None:
            return ""
        return f"{_clock(self.start_minute)}–{_clock(self.end_minute)}"


@dataclass(frozen=True)
class Candidate:
    """A free teacher with what ranks them: ``building`` is the building's name when a lesson
    of theirs next to this one is in its building, else ""."""

    teacher_id: int
    name: str
    same_subject: bool
    extra_lessons: int
    building: str
    lessons_that_day: int


@dataclass(frozen=True)
class CoverLesson:
    """A lesson of an absent teacher: still to cover, or covered by ``lesson.teacher_name``."""

    lesson: LessonView
    absent_teacher_id: int
    absent_teacher_name: str
    covered: bool
    candidates: tuple[Candidate, ...] = ()

    @property
    def substitute_name(self) -> str:
        return self.lesson.teacher_name if self.covered else ""


@dataclass(frozen=True)
class CoverDay:
    day: date
    absences: tuple[AbsenceView, ...]
    lessons: tuple[CoverLesson, ...]

    @property
    def uncovered(self) -> int:
        return sum(not item.covered for item in self.lessons)


@dataclass(frozen=True)
class AbsenceMarked:
    absence: AbsenceView
    lessons: tuple[LessonView, ...]


@dataclass(frozen=True)
class TeacherMonth:
    """One teacher's month: lessons they missed (given to a substitute or left uncovered),
    lessons they covered as a substitute and the minutes of those."""

    teacher_id: int
    name: str
    missed: int
    covered: int
    extra_minutes: int

    @property
    def extra_hours(self) -> str:
        return f"{self.extra_minutes // 60}:{self.extra_minutes % 60:02d}"


@dataclass(frozen=True)
class MonthReport:
    month: date
    teachers: tuple[TeacherMonth, ...]
    lessons: tuple[CoverLesson, ...]


@dataclass
class _Pool:
    """What ranking the candidates of one local day needs, read at once."""

    teachers: dict[int, str]
    busy: dict[int, list[tuple[datetime, datetime, int | None]]]
    away: dict[int, list[tuple[datetime, datetime]]]
    subjects: dict[int, set[str]]
    extra: dict[int, int]
    building_of_room: dict[int, int | None]
    building_names: dict[int, str]
    subject_of_group: dict[int, str]


# --- time ---------------------------------------------------------------------------------


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def month_start(day: date) -> date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def _next_month(first: date) -> date:
    return (first + timedelta(days=32)).replace(day=1)


def _span(
    day: date, start: int | None, end: int | None, zone: ZoneInfo
) -> tuple[datetime, datetime]:
    if start is None or end is None:
        return local_days(day, day, zone)
    return local_to_utc(day, start, zone), local_to_utc(day, end, zone)


def _overlaps(spans: Iterable[tuple[datetime, datetime]], start: datetime, end: datetime) -> bool:
    return any(first < end and start < last for first, last in spans)


# --- absences -----------------------------------------------------------------------------


async def _check_teacher(actor: Actor, teacher_id: int) -> None:
    # An id no row can have (nothing chosen, a forged form) must not reach the database.
    if not 0 < teacher_id <= MAX_ID or not await Membership.exists(
        person_id=teacher_id,
        organisation_id=actor.organisation_id,
        role=Role.TEACHER,
        archived_at__isnull=True,
    ):
        raise InvalidInput(
            N_("Choose an active teacher of this organisation."), field="teacher_id"
        )


def _check_hours(start_minute: int | None, end_minute: int | None) -> None:
    if (start_minute is None) != (end_minute is None):
        raise InvalidInput(
            N_("Give both the start and the end of the absence, or neither for the whole day."),
            field="start",
        )
    if (
        start_minute is not None
        and end_minute is not None
        and not 0 <= start_minute < end_minute <= _DAY_MINUTES
    ):
        raise InvalidInput(N_("The absence must end after it starts."), field="end")


async def _absence_views(rows: Sequence[TeacherAbsence]) -> list[AbsenceView]:
    names = await person_names(
        {row.teacher_id for row in rows}  # type: ignore[attr-defined]
        | {row.marked_by_id for row in rows if row.marked_by_id is not None}  # type: ignore[attr-defined]
    )
    return [
        AbsenceView(
            id=row.id,
            teacher_id=row.teacher_id,  # type: ignore[attr-defined]
            teacher_name=names.get(row.teacher_id, ""),  # type: ignore[attr-defined]
            day=row.day,
            start_minute=row.start_minute,
            end_minute=row.end_minute,
            reason=row.reason,
            marked_by_name=names.get(row.marked_by_id or 0, ""),  # type: ignore[attr-defined]
            created_at=row.created_at,
        )
        for row in rows
    ]


async def mark_absent(
    deps: Deps,
    actor: Actor,
    *,
    teacher_id: int,
    day: date,
    start_minute: int | None = None,
    end_minute: int | None = None,
    reason: str = "",
) -> AbsenceMarked:
    """Mark a teacher absent on a local day, the whole day or from one local time (minutes
    after midnight) to another, and list the lessons this leaves to cover.

    Raises:
        PermissionDenied: the actor may not manage the schedule.
        InvalidInput: not an active teacher here, half a span, a span ending before it
            starts, or a reason too long.
        Conflict: the teacher is already marked absent for part of that time.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    await _check_teacher(actor, teacher_id)
    _check_hours(start_minute, end_minute)
    reason = reason.strip()
    if len(reason) > REASON_MAX:
        raise InvalidInput(
            N_("Say in up to {limit} characters why the teacher is absent."),
            field="reason",
            limit=REASON_MAX,
        )
    zone = await organisation_zone(actor.organisation_id)
    starts_at, ends_at = _span(day, start_minute, end_minute, zone)
    async with transaction(deps) as tx:
        # Two admins marking the same teacher at once must not both pass the overlap check.
        await lock_organisation(actor.organisation_id)
        if await TeacherAbsence.filter(
            organisation_id=actor.organisation_id,
            teacher_id=teacher_id,
            starts_at__lt=ends_at,
            ends_at__gt=starts_at,
        ).exists():
            raise Conflict(
                N_("{teacher} is already marked absent for part of that time."),
                teacher=(await person_names([teacher_id]))[teacher_id],
            )
        row = await TeacherAbsence.create(
            organisation_id=actor.organisation_id,
            teacher_id=teacher_id,
            day=day,
            start_minute=start_minute,
            end_minute=end_minute,
            starts_at=starts_at,
            ends_at=ends_at,
            reason=reason,
            marked_by_id=actor.person_id,
            created_at=tx.now,
        )
        await do_record(
            tx,
            actor,
            action="absence.mark",
            object_type="teacher_absence",
            object_id=row.id,
            after=snapshot(row, _AUDITED),
        )
    lessons = await Lesson.filter(
        organisation_id=actor.organisation_id,
        teacher_id=teacher_id,
        status=LessonStatus.PLANNED,
        starts_at__gt=starts_at - _LONGEST,
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    ).order_by("starts_at")
    (view,) = await _absence_views([row])
    return AbsenceMarked(absence=view, lessons=tuple(await lesson_views(lessons)))


async def remove_absence(deps: Deps, actor: Actor, *, absence_id: int) -> None:
    """Remove a mark of absence (marked by mistake, or the teacher came back). Lessons
    already given to substitutes stay with them.

    Raises:
        PermissionDenied: the actor may not manage the schedule.
        NotFound: no such absence here.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    check_id(absence_id)
    async with transaction(deps) as tx:
        row = await TeacherAbsence.get_or_none(
            id=absence_id, organisation_id=actor.organisation_id
        )
        if row is None:
            raise NotFound()
        before = snapshot(row, _AUDITED)
        await row.delete()
        await do_record(
            tx,
            actor,
            action="absence.remove",
            object_type="teacher_absence",
            object_id=absence_id,
            before=before,
        )


async def list_absences(deps: Deps, actor: Actor, *, day: date) -> list[AbsenceView]:
    """The absences marked for a local day, by start then teacher.

    Raises:
        PermissionDenied: the actor may not manage the schedule.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    return await _absences_between(actor.organisation_id, day, day)


async def _absences_between(organisation_id: int, first: date, last: date) -> list[AbsenceView]:
    rows = await TeacherAbsence.filter(
        organisation_id=organisation_id, day__gte=first, day__lte=last
    ).order_by("day", "starts_at", "id")
    views = await _absence_views(rows)
    return sorted(views, key=lambda view: (view.day, view.start_minute or 0, view.teacher_name))


# --- lessons to cover ---------------------------------------------------------------------


async def _cover_lessons(
    organisation_id: int, zone: ZoneInfo, absences: Sequence[AbsenceView], first: date, last: date
) -> list[CoverLesson]:
    """The lessons of the local days ``first`` to ``last`` that an absence leaves to cover or
    that a substitute covers, by time; two queries plus the views'."""
    start, end = local_days(first, last, zone)
    spans: dict[int, list[tuple[datetime, datetime]]] = {}
    for absence in absences:
        spans.setdefault(absence.teacher_id, []).append(
            _span(absence.day, absence.start_minute, absence.end_minute, zone)
        )
    rows = await (
        Lesson.filter(organisation_id=organisation_id, starts_at__gte=start, starts_at__lt=end)
        .filter(Q(planned_teacher_id__isnull=False) | Q(teacher_id__in=list(spans) or [0]))
        .exclude(status=LessonStatus.CANCELLED)
        .order_by("starts_at", "id")
    )
    chosen: list[tuple[Lesson, int, bool]] = []
    for row in rows:
        teacher: int = row.teacher_id  # type: ignore[attr-defined]
        planned: int | None = row.planned_teacher_id  # type: ignore[attr-defined]
        away = _overlaps(spans.get(teacher, ()), row.starts_at, row.ends_at)
        if away and row.status == LessonStatus.PLANNED:
            chosen.append((row, teacher, False))
        elif planned is not None:
            chosen.append((row, planned, True))
    views = await lesson_views(row for row, _, _ in chosen)
    names = await person_names(absent for _, absent, _ in chosen)
    return [
        CoverLesson(
            lesson=view,
            absent_teacher_id=absent,
            absent_teacher_name=names[absent],
            covered=covered,
        )
        for view, (_, absent, covered) in zip(views, chosen, strict=True)
    ]


async def cover_day(
    deps: Deps, actor: Actor, *, day: date, top: int | None = TOP_CANDIDATES
) -> CoverDay:
    """A local day's absences and the lessons they leave to cover (with the ``top`` best
    candidates of each lesson not yet started; None: every free teacher) or that are
    covered already.

    Raises:
        PermissionDenied: the actor may not manage the schedule.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    zone = await organisation_zone(actor.organisation_id)
    absences = await _absences_between(actor.organisation_id, day, day)
    lessons = await _cover_lessons(actor.organisation_id, zone, absences, day, day)
    open_ = [
        item for item in lessons if not item.covered and item.lesson.starts_at > deps.clock.now()
    ]
    if open_ and top != 0:
        pool = await _pool(actor.organisation_id, zone, day, [item.lesson for item in open_])
        ranked = {item.lesson.id: _rank(pool, item.lesson)[:top] for item in open_}
        lessons = [
            CoverLesson(
                lesson=item.lesson,
                absent_teacher_id=item.absent_teacher_id,
                absent_teacher_name=item.absent_teacher_name,
                covered=item.covered,
                candidates=tuple(ranked.get(item.lesson.id, ())),
            )
            for item in lessons
        ]
    return CoverDay(day=day, absences=tuple(absences), lessons=tuple(lessons))


# --- candidates ---------------------------------------------------------------------------


def _subject(subject: str, course_id: int) -> str:
    return subject.strip().casefold() or f"course:{course_id}"


async def _pool(
    organisation_id: int, zone: ZoneInfo, day: date, targets: Sequence[LessonView]
) -> _Pool:
    """Everything ranking needs for the day's ``targets``, in a fixed number of queries."""
    start, end = local_days(day, day, zone)
    teacher_ids: list[int] = sorted(
        set(
            await column_values(
                Membership.filter(
                    organisation_id=organisation_id, role=Role.TEACHER, archived_at__isnull=True
                ),
                "person_id",
            )
        )
    )
    teachers = await person_names(teacher_ids)
    busy: dict[int, list[tuple[datetime, datetime, int | None]]] = {}
    lessons = (
        await Lesson.filter(
            teacher_id__in=teacher_ids, starts_at__gt=start - _LONGEST, starts_at__lt=end
        )
        .exclude(status=LessonStatus.CANCELLED)
        .order_by("starts_at")
        .values("teacher_id", "starts_at", "ends_at", "room_id")
    )
    for row in lessons:
        busy.setdefault(row["teacher_id"], []).append(
            (row["starts_at"], row["ends_at"], row["room_id"])
        )
    away: dict[int, list[tuple[datetime, datetime]]] = {}
    for row in await TeacherAbsence.filter(
        organisation_id=organisation_id, starts_at__lt=end, ends_at__gt=start
    ).values("teacher_id", "starts_at", "ends_at"):
        away.setdefault(row["teacher_id"], []).append((row["starts_at"], row["ends_at"]))
    taught = await GroupTeacher.filter(teacher_id__in=teacher_ids).values("teacher_id", "group_id")
    group_ids = {row["group_id"] for row in taught} | {lesson.group_id for lesson in targets}
    groups = await Group.filter(id__in=group_ids).values("id", "course_id")
    courses = {
        row["id"]: _subject(row["subject"], row["id"])
        for row in await Course.filter(id__in={g["course_id"] for g in groups}).values(
            "id", "subject"
        )
    }
    subject_of_group = {row["id"]: courses[row["course_id"]] for row in groups}
    subjects: dict[int, set[str]] = {}
    for row in taught:
        subjects.setdefault(row["teacher_id"], set()).add(subject_of_group[row["group_id"]])
    room_ids = {row["room_id"] for row in lessons if row["room_id"] is not None} | {
        lesson.room_id for lesson in targets if lesson.room_id is not None
    }
    building_of_room: dict[int, int | None] = {
        row["id"]: row["building_id"]
        for row in await Room.filter(id__in=room_ids).values("id", "building_id")
    }
    building_names: dict[int, str] = {
        row["id"]: row["name"]
        for row in await Building.filter(
            id__in={b for b in building_of_room.values() if b is not None}
        ).values("id", "name")
    }
    first = month_start(day)
    month_from, month_to = local_days(first, _next_month(first) - timedelta(days=1), zone)
    extra: dict[int, int] = {}
    for teacher_id in (
        await Lesson.filter(
            organisation_id=organisation_id,
            teacher_id__in=teacher_ids,
            planned_teacher_id__isnull=False,
            starts_at__gte=month_from,
            starts_at__lt=month_to,
        )
        .exclude(status=LessonStatus.CANCELLED)
        .values_list("teacher_id", flat=True)
    ):
        extra[int(teacher_id)] = extra.get(int(teacher_id), 0) + 1  # type: ignore[call-overload]
    return _Pool(
        teachers=teachers,
        busy=busy,
        away=away,
        subjects=subjects,
        extra=extra,
        building_of_room=building_of_room,
        building_names=building_names,
        subject_of_group=subject_of_group,
    )


def _neighbours_building(
    lessons: Sequence[tuple[datetime, datetime, int | None]],
    target: LessonView,
    rooms: dict[int, int | None],
) -> set[int]:
    """The buildings of the teacher's lessons just before and just after ``target``."""
    starts = [start for start, _, _ in lessons]
    index = bisect_left(starts, target.starts_at)
    before = [lesson for lesson in lessons[:index] if lesson[1] <= target.starts_at]
    after = [lesson for lesson in lessons[index:] if lesson[0] >= target.ends_at]
    near = [*before[-1:], *after[:1]]
    return {rooms[room] for _, _, room in near if room is not None and rooms.get(room)}  # type: ignore[misc]


def _rank(pool: _Pool, target: LessonView) -> list[Candidate]:
    """The free teachers for ``target``, best first."""
    subject = pool.subject_of_group.get(target.group_id, "")
    building = pool.building_of_room.get(target.room_id or 0)
    start, end = target.starts_at, target.ends_at
    day = target.local_day
    zone = ZoneInfo(target.timezone)
    found: list[Candidate] = []
    for teacher_id, name in pool.teachers.items():
        if teacher_id in {target.teacher_id, target.planned_teacher_id}:
            continue
        lessons = pool.busy.get(teacher_id, [])
        if _overlaps(((s, e) for s, e, _ in lessons), start, end):
            continue
        if _overlaps(pool.away.get(teacher_id, ()), start, end):
            continue
        near = _neighbours_building(lessons, target, pool.building_of_room)
        same_building = building is not None and building in near
        found.append(
            Candidate(
                teacher_id=teacher_id,
                name=name,
                same_subject=subject in pool.subjects.get(teacher_id, set()),
                extra_lessons=pool.extra.get(teacher_id, 0),
                building=pool.building_names.get(building or 0, "") if same_building else "",
                lessons_that_day=sum(
                    begins.astimezone(zone).date() == day for begins, _, _ in lessons
                ),
            )
        )
    return sorted(
        found,
        key=lambda c: (
            not c.same_subject,
            c.extra_lessons,
            not c.building,
            c.lessons_that_day,
            c.name,
        ),
    )


async def choose_substitute(
    deps: Deps, actor: Actor, *, lesson_id: int, teacher_id: int, replacing: int
) -> LessonView:
    """Give a lesson of an absent teacher to a substitute: the class, its parents (by the
    organisation's setting) and both teachers are told. ``replacing`` is the teacher the
    admin saw on the lesson; when another admin covered it meanwhile, nothing changes.

    Raises:
        PermissionDenied: the actor may not manage the schedule.
        NotFound: no such lesson here.
        InvalidInput: not an active teacher here.
        Conflict: the substitute is absent or busy then, the lesson was covered meanwhile,
            was held, is cancelled or has started.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    check_id(lesson_id)
    check_id(teacher_id)
    lesson = await Lesson.get_or_none(id=lesson_id, organisation_id=actor.organisation_id)
    if lesson is None:
        raise NotFound()
    if await TeacherAbsence.filter(
        organisation_id=actor.organisation_id,
        teacher_id=teacher_id,
        starts_at__lt=lesson.ends_at,
        ends_at__gt=lesson.starts_at,
    ).exists():
        raise Conflict(
            N_("{teacher} is absent at that time."),
            teacher=(await person_names([teacher_id])).get(teacher_id, ""),
        )
    return await substitute_teacher(
        deps, actor, lesson_id=lesson_id, teacher_id=teacher_id, replacing=replacing
    )


# --- the month ----------------------------------------------------------------------------


async def month_report(deps: Deps, actor: Actor, *, month: date) -> MonthReport:
    """Per teacher, for the local month of ``month``: lessons missed, lessons covered as a
    substitute and their time; and every covered or uncovered lesson of the month.

    Raises:
        PermissionDenied: the actor may not manage the schedule.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    first = month_start(month)
    last = _next_month(first) - timedelta(days=1)
    zone = await organisation_zone(actor.organisation_id)
    absences = await _absences_between(actor.organisation_id, first, last)
    lessons = await _cover_lessons(actor.organisation_id, zone, absences, first, last)
    counts: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for item in lessons:
        names[item.absent_teacher_id] = item.absent_teacher_name
        counts.setdefault(item.absent_teacher_id, [0, 0, 0])[0] += 1
        if item.covered:
            names[item.lesson.teacher_id] = item.lesson.teacher_name
            row = counts.setdefault(item.lesson.teacher_id, [0, 0, 0])
            row[1] += 1
            row[2] += int((item.lesson.ends_at - item.lesson.starts_at).total_seconds() // 60)
    teachers = sorted(
        (
            TeacherMonth(
                teacher_id=teacher_id,
                name=names[teacher_id],
                missed=missed,
                covered=covered,
                extra_minutes=minutes,
            )
            for teacher_id, (missed, covered, minutes) in counts.items()
        ),
        key=lambda row: row.name,
    )
    return MonthReport(month=first, teachers=tuple(teachers), lessons=tuple(lessons))


# --- workbooks ----------------------------------------------------------------------------

_LESSON_COLUMNS: tuple[tuple[str, int], ...] = (
    (N_("Date"), 12),
    (N_("Time"), 13),
    (N_("Group"), 24),
    (N_("Absent teacher"), 28),
    (N_("Substitute"), 28),
)
_TEACHER_COLUMNS: tuple[tuple[str, int], ...] = (
    (N_("Teacher"), 30),
    (N_("Lessons missed"), 16),
    (N_("Lessons covered"), 16),
    (N_("Extra hours"), 12),
)


def _lesson_sheet(workbook: Workbook, title: str, lessons: Sequence[CoverLesson], tr: Any) -> None:
    sheet = headed_sheet(workbook, title, [(tr(label), width) for label, width in _LESSON_COLUMNS])
    for item in lessons:
        when = WriteOnlyCell(sheet, value=item.lesson.local_start.replace(tzinfo=None))
        when.number_format = "dd.mm.yyyy"
        hours = f"{item.lesson.local_start:%H:%M}–{item.lesson.local_end:%H:%M}"
        substitute = item.substitute_name or tr(N_("not covered"))
        sheet.append(
            [
                when,
                *(
                    text_cell(sheet, value)
                    for value in (
                        hours,
                        item.lesson.group_name,
                        item.absent_teacher_name,
                        substitute,
                    )
                ),
            ]
        )


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _day_workbook(report: CoverDay, language: str) -> bytes:
    workbook = Workbook(write_only=True)
    _lesson_sheet(
        workbook,
        format_day(report.day),
        report.lessons,
        lambda message: gettext_for(language, message),
    )
    return _save(workbook)


def _month_workbook(report: MonthReport, language: str) -> bytes:
    def tr(message: str) -> str:
        return gettext_for(language, message)

    workbook = Workbook(write_only=True)
    sheet = headed_sheet(
        workbook, tr(N_("Teachers")), [(tr(label), width) for label, width in _TEACHER_COLUMNS]
    )
    for row in report.teachers:
        hours = WriteOnlyCell(sheet, value=round(row.extra_minutes / 60, 2))
        hours.number_format = "0.00"
        sheet.append([text_cell(sheet, row.name), row.missed, row.covered, hours])
    _lesson_sheet(workbook, tr(N_("Lessons")), report.lessons, tr)
    return _save(workbook)


async def day_xlsx(deps: Deps, actor: Actor, *, day: date, language: str | None = None) -> bytes:
    """The day's report as an .xlsx workbook: each covered or uncovered lesson.

    Raises:
        PermissionDenied: the actor may not manage the schedule.
    """
    report = await cover_day(deps, actor, day=day, top=0)
    chosen = pick_language(language, default=deps.settings.default_language)
    return await asyncio.to_thread(_day_workbook, report, chosen)


async def month_xlsx(
    deps: Deps, actor: Actor, *, month: date, language: str | None = None
) -> bytes:
    """The month's report as an .xlsx workbook: a sheet per teacher's figures, a sheet of
    every covered or uncovered lesson.

    Raises:
        PermissionDenied: the actor may not manage the schedule.
    """
    report = await month_report(deps, actor, month=month)
    chosen = pick_language(language, default=deps.settings.default_language)
    return await asyncio.to_thread(_month_workbook, report, chosen)


async def planning_day(deps: Deps, actor: Actor) -> date:
    """Tomorrow where the actor's organisation is: the day a deputy head plans."""
    zone = await organisation_zone(actor.organisation_id)
    return local_today(deps.clock.now(), zone) + timedelta(days=1)
