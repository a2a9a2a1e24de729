"""Reports on lessons for the panel, each exportable to Excel (permission ``lessons.reports``).

- **Lessons per teacher**: per teacher over a period, lessons held (and of those, held as a
  substitute), cancelled, begun but not marked, and their own lessons given by a substitute.
- **Attendance of a group** and **of a student**: present, late, absent and excused marks of
  held lessons; the percent is (present + late) ÷ all marks, so excused absences count as
  absences. Students are those enrolled at some time in the period or with a mark.
- **Absences in a row**: students whose latest marks in a group, within the period, are at
  least N unexcused absences one after another (present, late or excused ends a row; a
  lesson without the student's mark neither ends nor extends it).
- **Homework completion**: per group, homework set in lessons of the period, how many
  students it was set for (enrolled on the lesson's day), how many of them handed in, how
  many answers were reviewed, and how many are overdue (the due time passed with nothing
  handed in).

A period is a range of local dates in the organisation's time zone, both ends included.
Workbooks follow ``core.services.exports``: numbers and dates are typed cells, percents are
numbers formatted as percents, and text is always text (never a formula).
"""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from io import BytesIO
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from tortoise.expressions import Q

from core.actor import Actor
from core.deps import Deps
from core.errors import InvalidInput, NotFound
from core.i18n import N_, gettext_for
from core.models.academics import Enrolment, Group, GroupTeacher
from core.models.lessons import (
    Attendance,
    AttendanceStatus,
    Homework,
    Lesson,
    LessonStatus,
    Submission,
    SubmissionStatus,
)
from core.models.people import Person
from core.names import full_name
from core.permissions import Permission, require
from core.services.attendance import STATUS_LABELS
from core.services.lessons import enrolment_covers, local_days, organisation_zone, person_names

PERIOD_DAYS_MAX = 400
THRESHOLD_DEFAULT = 3
THRESHOLD_MIN = 2
THRESHOLD_MAX = 30
#: Ids per ``IN`` list: a big centre's lessons of a year would pass the bound parameters a
#: query may have (32,767 on PostgreSQL), so long lists are read in slices of this many.
_CHUNK = 500


class ReportKind(StrEnum):
    TEACHERS = "teachers"
    GROUP = "group"
    STUDENT = "student"
    ALERTS = "alerts"
    HOMEWORK = "homework"


REPORT_LABELS: dict[ReportKind, str] = {
    ReportKind.TEACHERS: N_("Lessons per teacher"),
    ReportKind.GROUP: N_("Attendance of a group"),
    ReportKind.STUDENT: N_("Attendance of a student"),
    ReportKind.ALERTS: N_("Absences in a row"),
    ReportKind.HOMEWORK: N_("Homework completion"),
}


@dataclass(frozen=True)
class ReportFilters:
    """What a report covers: local dates (both included) and optional narrowing."""

    starts_on: date
    ends_on: date
    group_id: int | None = None
    teacher_id: int | None = None
    student_id: int | None = None
    threshold: int = THRESHOLD_DEFAULT


@dataclass(frozen=True)
class Counts:
    """Marks of one student (or group) by status."""

    present: int = 0
    late: int = 0
    absent: int = 0
    excused: int = 0

    @property
    def marked(self) -> int:
        return self.present + self.late + self.absent + self.excused

    @property
    def percent(self) -> float | None:
        """Attended (present or late) in percent of all marks, one decimal; None: no marks."""
        if not self.marked:
            return None
        return round(100 * (self.present + self.late) / self.marked, 1)


def _counts(statuses: Iterable[str]) -> Counts:
    tally = Counter(statuses)
    return Counts(
        present=tally[AttendanceStatus.PRESENT],
        late=tally[AttendanceStatus.LATE],
        absent=tally[AttendanceStatus.ABSENT],
        excused=tally[AttendanceStatus.EXCUSED],
    )


@dataclass(frozen=True)
class TeacherLine:
    teacher_id: int
    full_name: str
    held: int
    held_as_substitute: int
    cancelled: int
    not_marked: int
    given_by_substitute: int


@dataclass(frozen=True)
class TeachersReport:
    kind: ClassVar[ReportKind] = ReportKind.TEACHERS
    filters: ReportFilters
    lines: tuple[TeacherLine, ...]


@dataclass(frozen=True)
class StudentLine:
    student_id: int
    full_name: str
    counts: Counts


@dataclass(frozen=True)
class GroupReport:
    kind: ClassVar[ReportKind] = ReportKind.GROUP
    filters: ReportFilters
    group_id: int
    group_name: str
    lessons_held: int
    lines: tuple[StudentLine, ...]


@dataclass(frozen=True)
class GroupLine:
    group_id: int
    group_name: str
    counts: Counts


@dataclass(frozen=True)
class StudentLesson:
    """One held lesson of the student; ``starts_at`` is local time, ``status`` None: no mark."""

    lesson_id: int
    starts_at: datetime
    group_id: int
    group_name: str
    status: AttendanceStatus | None
    note: str


@dataclass(frozen=True)
class StudentReport:
    kind: ClassVar[ReportKind] = ReportKind.STUDENT
    filters: ReportFilters
    student_id: int
    full_name: str
    groups: tuple[GroupLine, ...]
    lessons: tuple[StudentLesson, ...]


@dataclass(frozen=True)
class AbsenceAlert:
    """``absences`` unexcused absences in a row, from the lesson of ``since`` to ``last``."""

    group_id: int
    group_name: str
    student_id: int
    full_name: str
    absences: int
    since: date
    last: date


@dataclass(frozen=True)
class AlertsReport:
    kind: ClassVar[ReportKind] = ReportKind.ALERTS
    filters: ReportFilters
    alerts: tuple[AbsenceAlert, ...]


@dataclass(frozen=True)
class HomeworkLine:
    group_id: int
    group_name: str
    homework: int
    assigned: int
    submitted: int
    reviewed: int
    overdue: int

    @property
    def percent(self) -> float | None:
        """Handed in, in percent of what was set, one decimal; None: nothing was set."""
        return round(100 * self.submitted / self.assigned, 1) if self.assigned else None


@dataclass(frozen=True)
class HomeworkReport:
    kind: ClassVar[ReportKind] = ReportKind.HOMEWORK
    filters: ReportFilters
    lines: tuple[HomeworkLine, ...]


Report = TeachersReport | GroupReport | StudentReport | AlertsReport | HomeworkReport


@dataclass(frozen=True)
class ReportChoices:
    """What the filters offer: the organisation's groups and the people who teach."""

    groups: tuple[tuple[int, str], ...]
    teachers: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class _Window:
    zone: ZoneInfo
    start: datetime
    end: datetime


async def _in_slices(
    ids: Iterable[int], read: Callable[[Sequence[int]], Awaitable[list[dict[str, Any]]]]
) -> list[dict[str, Any]]:
    """The rows ``read`` returns for ``ids``, asked ``_CHUNK`` ids at a time."""
    wanted = sorted(set(ids))
    rows: list[dict[str, Any]] = []
    for start in range(0, len(wanted), _CHUNK):
        rows.extend(await read(wanted[start : start + _CHUNK]))
    return rows


async def _window(actor: Actor, filters: ReportFilters) -> _Window:
    if filters.ends_on < filters.starts_on:
        raise InvalidInput(N_("The period ends before it starts."), field="ends_on")
    if (filters.ends_on - filters.starts_on).days >= PERIOD_DAYS_MAX:
        raise InvalidInput(
            N_("A report covers at most {days} days."), field="ends_on", days=PERIOD_DAYS_MAX
        )
    zone = await organisation_zone(actor.organisation_id)
    start, end = local_days(filters.starts_on, filters.ends_on, zone)
    return _Window(zone=zone, start=start, end=end)


async def _group_names(actor: Actor, group_ids: Iterable[int] | None = None) -> dict[int, str]:
    query = Group.filter(organisation_id=actor.organisation_id)
    if group_ids is None:
        rows = await query.values("id", "name")
    else:
        rows = await _in_slices(
            group_ids, lambda part: query.filter(id__in=list(part)).values("id", "name")
        )
    return {row["id"]: row["name"] for row in rows}


async def _access_group(actor: Actor, group_id: int | None) -> tuple[int, str]:
    if group_id is None:
        raise InvalidInput(N_("Choose a group."), field="group")
    names = await _group_names(actor, [group_id])
    if group_id not in names:
        raise NotFound(N_("There is no such group."), field="group")
    return group_id, names[group_id]


async def _access_teacher(actor: Actor, teacher_id: int) -> None:
    """Check that the person teaches here: in one of the organisation's groups, or at (or
    replaced at) one of its lessons.

    Raises:
        NotFound: they do not, so an id from another organisation names nobody.
    """
    linked = GroupTeacher.filter(
        teacher_id=teacher_id, group__organisation_id=actor.organisation_id
    )
    taught = Lesson.filter(
        Q(teacher_id=teacher_id) | Q(planned_teacher_id=teacher_id),
        organisation_id=actor.organisation_id,
    )
    if not (await linked.exists() or await taught.exists()):
        raise NotFound(field="teacher")


async def _scope_groups(actor: Actor, filters: ReportFilters, window: _Window) -> dict[int, str]:
    """The groups a report spans: the chosen one, the chosen teacher's (their groups and the
    groups they gave lessons to in the period), or all of the organisation's."""
    if filters.group_id is not None:
        group_id, name = await _access_group(actor, filters.group_id)
        return {group_id: name}
    if filters.teacher_id is None:
        return await _group_names(actor)
    await _access_teacher(actor, filters.teacher_id)
    linked = await GroupTeacher.filter(teacher_id=filters.teacher_id).values("group_id")
    taught = await Lesson.filter(
        organisation_id=actor.organisation_id,
        teacher_id=filters.teacher_id,
        starts_at__gte=window.start,
        starts_at__lt=window.end,
    ).values("group_id")
    return await _group_names(actor, {row["group_id"] for row in [*linked, *taught]})


async def teachers_report(deps: Deps, actor: Actor, *, filters: ReportFilters) -> TeachersReport:
    """Lessons per teacher in the period (``group_id``/``teacher_id`` narrow it).

    Raises:
        PermissionDenied: the actor may not see lesson reports.
        InvalidInput: a bad period.
        NotFound: the chosen group is not here, or the chosen teacher does not teach here.
    """
    await require(actor, Permission.LESSON_REPORTS)
    window = await _window(actor, filters)
    query = Lesson.filter(
        organisation_id=actor.organisation_id,
        starts_at__gte=window.start,
        starts_at__lt=window.end,
    )
    if filters.group_id is not None:
        group_id, _ = await _access_group(actor, filters.group_id)
        query = query.filter(group_id=group_id)
    if filters.teacher_id is not None:
        await _access_teacher(actor, filters.teacher_id)
        query = query.filter(
            Q(teacher_id=filters.teacher_id) | Q(planned_teacher_id=filters.teacher_id)
        )
    now = deps.clock.now()
    tally: dict[int, Counter[str]] = {}
    for row in await query.values("teacher_id", "planned_teacher_id", "status", "starts_at"):
        teacher = tally.setdefault(row["teacher_id"], Counter())
        status = row["status"]
        if status == LessonStatus.HELD:
            teacher["held"] += 1
            if row["planned_teacher_id"] is not None:
                teacher["held_as_substitute"] += 1
                planned = tally.setdefault(row["planned_teacher_id"], Counter())
                planned["given_by_substitute"] += 1
        elif status == LessonStatus.CANCELLED:
            teacher["cancelled"] += 1
        elif row["starts_at"] <= now:
            teacher["not_marked"] += 1
    if filters.teacher_id is not None:
        tally = {filters.teacher_id: tally.get(filters.teacher_id, Counter())}
    names = await person_names(tally)
    lines = [
        TeacherLine(
            teacher_id=teacher_id,
            full_name=names.get(teacher_id, ""),
            held=counts["held"],
            held_as_substitute=counts["held_as_substitute"],
            cancelled=counts["cancelled"],
            not_marked=counts["not_marked"],
            given_by_substitute=counts["given_by_substitute"],
        )
        for teacher_id, counts in tally.items()
        if teacher_id in names
    ]
    lines.sort(key=lambda line: (line.full_name.casefold(), line.teacher_id))
    return TeachersReport(filters=filters, lines=tuple(lines))


async def _held_lessons(
    actor: Actor, group_ids: Iterable[int], window: _Window
) -> list[dict[str, Any]]:
    """The groups' lessons held in the window, in order of time."""
    held = Lesson.filter(
        organisation_id=actor.organisation_id,
        status=LessonStatus.HELD,
        starts_at__gte=window.start,
        starts_at__lt=window.end,
    )
    rows = await _in_slices(
        group_ids,
        lambda part: held.filter(group_id__in=list(part)).values("id", "group_id", "starts_at"),
    )
    return sorted(rows, key=lambda row: (row["starts_at"], row["id"]))


async def group_report(deps: Deps, actor: Actor, *, filters: ReportFilters) -> GroupReport:
    """Attendance of each student of a group (``group_id``) at its lessons held in the period.

    Raises:
        PermissionDenied: the actor may not see lesson reports.
        InvalidInput: a bad period, or no group chosen.
        NotFound: the group is not here.
    """
    await require(actor, Permission.LESSON_REPORTS)
    window = await _window(actor, filters)
    group_id, group_name = await _access_group(actor, filters.group_id)
    lessons = await _held_lessons(actor, [group_id], window)
    marks = await _in_slices(
        (row["id"] for row in lessons),
        lambda part: Attendance.filter(lesson_id__in=list(part)).values("student_id", "status"),
    )
    by_student: dict[int, list[str]] = {}
    for mark in marks:
        by_student.setdefault(mark["student_id"], []).append(mark["status"])
    enrolled = await Enrolment.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=filters.starts_on),
        group_id=group_id,
        starts_on__lte=filters.ends_on,
    ).values("student_id")
    students = {row["student_id"] for row in enrolled} | set(by_student)
    names = await person_names(students)
    lines = sorted(
        (
            StudentLine(
                student_id=student_id,
                full_name=names.get(student_id, ""),
                counts=_counts(by_student.get(student_id, [])),
            )
            for student_id in students
        ),
        key=lambda line: (line.full_name.casefold(), line.student_id),
    )
    return GroupReport(
        filters=filters,
        group_id=group_id,
        group_name=group_name,
        lessons_held=len(lessons),
        lines=tuple(lines),
    )


async def student_report(deps: Deps, actor: Actor, *, filters: ReportFilters) -> StudentReport:
    """One student's (``student_id``) attendance per group and lesson by lesson, over the
    lessons held in the period in groups they were in on the lesson's day.

    Raises:
        PermissionDenied: the actor may not see lesson reports.
        InvalidInput: a bad period, or no student chosen.
        NotFound: the student is not here.
    """
    await require(actor, Permission.LESSON_REPORTS)
    window = await _window(actor, filters)
    person = await Person.get_or_none(
        id=filters.student_id or 0, organisation_id=actor.organisation_id
    ).values("id", "last_name", "first_name")
    if person is None:
        raise NotFound(N_("There is no such student."), field="student")
    student_id: int = person["id"]
    enrolments = await Enrolment.filter(
        student_id=student_id, group__organisation_id=actor.organisation_id
    ).values("group_id", "starts_on", "ends_on")
    group_names = await _group_names(actor, {row["group_id"] for row in enrolments})
    lessons = await _held_lessons(actor, group_names, window)
    marks = {
        row["lesson_id"]: row
        for row in await _in_slices(
            (row["id"] for row in lessons),
            lambda part: Attendance.filter(lesson_id__in=list(part), student_id=student_id).values(
                "lesson_id", "status", "note"
            ),
        )
    }

    def enrolled(group_id: int, day: date) -> bool:
        return any(
            row["group_id"] == group_id and enrolment_covers(row["starts_on"], row["ends_on"], day)
            for row in enrolments
        )

    rows: list[StudentLesson] = []
    for lesson in lessons:
        local = lesson["starts_at"].astimezone(window.zone)
        mark = marks.get(lesson["id"])
        if mark is None and not enrolled(lesson["group_id"], local.date()):
            continue
        rows.append(
            StudentLesson(
                lesson_id=lesson["id"],
                starts_at=local,
                group_id=lesson["group_id"],
                group_name=group_names[lesson["group_id"]],
                status=AttendanceStatus(mark["status"]) if mark else None,
                note=mark["note"] if mark else "",
            )
        )
    groups = [
        GroupLine(
            group_id=group_id,
            group_name=name,
            counts=_counts(
                row.status for row in rows if row.group_id == group_id and row.status is not None
            ),
        )
        for group_id, name in sorted(group_names.items(), key=lambda item: item[1].casefold())
    ]
    return StudentReport(
        filters=filters,
        student_id=student_id,
        full_name=full_name(person["last_name"], person["first_name"]),
        groups=tuple(groups),
        lessons=tuple(rows),
    )


async def alerts_report(deps: Deps, actor: Actor, *, filters: ReportFilters) -> AlertsReport:
    """Students whose latest marks in a group within the period are ``threshold`` or more
    unexcused absences in a row, longest rows first.

    Raises:
        PermissionDenied: the actor may not see lesson reports.
        InvalidInput: a bad period or threshold.
        NotFound: the chosen group is not here, or the chosen teacher does not teach here.
    """
    await require(actor, Permission.LESSON_REPORTS)
    window = await _window(actor, filters)
    if not THRESHOLD_MIN <= filters.threshold <= THRESHOLD_MAX:
        raise InvalidInput(
            N_("The number of absences in a row must be from {low} to {high}."),
            field="threshold",
            low=THRESHOLD_MIN,
            high=THRESHOLD_MAX,
        )
    groups = await _scope_groups(actor, filters, window)
    lessons = await _held_lessons(actor, groups, window)
    marks = {
        (row["lesson_id"], row["student_id"]): row["status"]
        for row in await _in_slices(
            (row["id"] for row in lessons),
            lambda part: Attendance.filter(lesson_id__in=list(part)).values(
                "lesson_id", "student_id", "status"
            ),
        )
    }
    lessons_of: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for lesson in lessons:  # in order of time
        lessons_of[lesson["group_id"]].append(lesson)
    group_of = {lesson["id"]: lesson["group_id"] for lesson in lessons}
    students_of: dict[int, set[int]] = defaultdict(set)
    for lesson_id, student_id in marks:
        students_of[group_of[lesson_id]].add(student_id)
    found: list[tuple[int, int, int, date, date]] = []
    for group_id, students in students_of.items():
        own = lessons_of[group_id]
        for student_id in students:
            row: list[date] = []
            for lesson in own:
                status = marks.get((lesson["id"], student_id))
                if status is None:
                    continue
                if status == AttendanceStatus.ABSENT:
                    row.append(lesson["starts_at"].astimezone(window.zone).date())
                else:
                    row = []
            if len(row) >= filters.threshold:
                found.append((group_id, student_id, len(row), row[0], row[-1]))
    names = await person_names(student_id for _, student_id, *_ in found)
    alerts = [
        AbsenceAlert(
            group_id=group_id,
            group_name=groups[group_id],
            student_id=student_id,
            full_name=names.get(student_id, ""),
            absences=absences,
            since=since,
            last=last,
        )
        for group_id, student_id, absences, since, last in found
    ]
    alerts.sort(key=lambda a: (-a.absences, a.group_name.casefold(), a.full_name.casefold()))
    return AlertsReport(filters=filters, alerts=tuple(alerts))


async def homework_report(deps: Deps, actor: Actor, *, filters: ReportFilters) -> HomeworkReport:
    """Homework completion per group, for homework set in lessons of the period.

    Raises:
        PermissionDenied: the actor may not see lesson reports.
        InvalidInput: a bad period.
        NotFound: the chosen group is not here, or the chosen teacher does not teach here.
    """
    await require(actor, Permission.LESSON_REPORTS)
    window = await _window(actor, filters)
    groups = await _scope_groups(actor, filters, window)
    set_in_period = Homework.filter(
        organisation_id=actor.organisation_id,
        lesson__starts_at__gte=window.start,
        lesson__starts_at__lt=window.end,
    )
    homework = await _in_slices(
        groups,
        lambda part: set_in_period.filter(group_id__in=list(part)).values(
            "id", "group_id", "due_at", "lesson__starts_at"
        ),
    )
    enrolments: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in await _in_slices(
        (item["group_id"] for item in homework),
        lambda part: Enrolment.filter(group_id__in=list(part)).values(
            "group_id", "student_id", "starts_on", "ends_on"
        ),
    ):
        enrolments[row["group_id"]].append(row)
    submissions: dict[int, dict[int, str]] = {}
    for row in await _in_slices(
        (item["id"] for item in homework),
        lambda part: Submission.filter(homework_id__in=list(part)).values(
            "homework_id", "student_id", "status"
        ),
    ):
        submissions.setdefault(row["homework_id"], {})[row["student_id"]] = row["status"]
    now = deps.clock.now()
    tally: dict[int, Counter[str]] = {}
    for item in homework:
        day = item["lesson__starts_at"].astimezone(window.zone).date()
        assigned = {
            row["student_id"]
            for row in enrolments[item["group_id"]]
            if enrolment_covers(row["starts_on"], row["ends_on"], day)
        }
        answers = submissions.get(item["id"], {})
        counts = tally.setdefault(item["group_id"], Counter())
        counts["homework"] += 1
        counts["assigned"] += len(assigned)
        counts["submitted"] += sum(1 for student in assigned if student in answers)
        counts["reviewed"] += sum(
            1 for student in assigned if answers.get(student) == SubmissionStatus.REVIEWED
        )
        if item["due_at"] is not None and item["due_at"] < now:
            counts["overdue"] += sum(1 for student in assigned if student not in answers)
    lines = [
        HomeworkLine(
            group_id=group_id,
            group_name=groups[group_id],
            homework=counts["homework"],
            assigned=counts["assigned"],
            submitted=counts["submitted"],
            reviewed=counts["reviewed"],
            overdue=counts["overdue"],
        )
        for group_id, counts in tally.items()
    ]
    lines.sort(key=lambda line: (line.group_name.casefold(), line.group_id))
    return HomeworkReport(filters=filters, lines=tuple(lines))


_BUILDERS: dict[ReportKind, Callable[..., Awaitable[Report]]] = {
    ReportKind.TEACHERS: teachers_report,
    ReportKind.GROUP: group_report,
    ReportKind.STUDENT: student_report,
    ReportKind.ALERTS: alerts_report,
    ReportKind.HOMEWORK: homework_report,
}


async def build_report(
    deps: Deps, actor: Actor, *, kind: ReportKind, filters: ReportFilters
) -> Report:
    """The report of that kind (see each ``*_report`` for what it needs).

    Raises:
        PermissionDenied: the actor may not see lesson reports.
        InvalidInput: a bad period or threshold, or the group or student it needs is missing.
        NotFound: the chosen group, teacher or student is not here.
    """
    return await _BUILDERS[kind](deps, actor, filters=filters)


async def report_choices(actor: Actor) -> ReportChoices:
    """The groups and teachers the report filters offer.

    Raises:
        PermissionDenied: the actor may not see lesson reports.
    """
    await require(actor, Permission.LESSON_REPORTS)
    groups = await _group_names(actor)
    linked = await GroupTeacher.filter(group__organisation_id=actor.organisation_id).values(
        "teacher_id"
    )
    taught = (
        await Lesson.filter(organisation_id=actor.organisation_id).distinct().values("teacher_id")
    )
    names = await person_names(row["teacher_id"] for row in [*linked, *taught])
    return ReportChoices(
        groups=tuple(sorted(groups.items(), key=lambda item: item[1].casefold())),
        teachers=tuple(sorted(names.items(), key=lambda item: item[1].casefold())),
    )


# --- Excel --------------------------------------------------------------------------------

_DATE_FORMAT = "dd.mm.yyyy"
_DATETIME_FORMAT = "dd.mm.yyyy hh:mm"
_PERCENT_FORMAT = "0.0%"
_HEADER_ROW = 4


@dataclass(frozen=True)
class _Label:
    """An ``N_`` text written in the reader's language."""

    message: str


@dataclass(frozen=True)
class _Percent:
    """A percent 0–100 written as a number formatted as a percent (None: an empty cell)."""

    value: float | None


CellValue = str | int | date | datetime | _Label | _Percent | None


def _cell(sheet: WriteOnlyWorksheet, value: CellValue, tr: Callable[[str], str]) -> Cell:
    cell = WriteOnlyCell(sheet)
    if isinstance(value, _Label):
        value = tr(value.message)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # even "=..." stays text
    elif isinstance(value, _Percent):
        cell.value = None if value.value is None else value.value / 100
        cell.number_format = _PERCENT_FORMAT
    elif isinstance(value, datetime):
        cell.value = value.replace(tzinfo=None)  # already local: Excel has no time zones
        cell.number_format = _DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = _DATE_FORMAT
    else:
        cell.value = value
    return cell


@dataclass(frozen=True)
class _Table:
    title: str
    subject: str
    columns: tuple[tuple[str, int], ...]
    rows: list[list[CellValue]]


def _status_label(status: AttendanceStatus | None) -> _Label:
    return _Label(STATUS_LABELS[status] if status is not None else N_("Not marked"))


def _table(report: Report) -> _Table:
    """The report as labelled columns (``N_`` labels) and typed rows; text cells that are
    labels (statuses) are translated when the workbook is written."""
    if isinstance(report, TeachersReport):
        return _Table(
            REPORT_LABELS[report.kind],
            "",
            (
                (N_("Teacher"), 30),
                (N_("Held"), 10),
                (N_("Held as a substitute"), 14),
                (N_("Cancelled"), 12),
                (N_("Not marked"), 12),
                (N_("Given by a substitute"), 14),
            ),
            [
                [
                    line.full_name,
                    line.held,
                    line.held_as_substitute,
                    line.cancelled,
                    line.not_marked,
                    line.given_by_substitute,
                ]
                for line in report.lines
            ],
        )
    if isinstance(report, GroupReport):
        return _Table(
            REPORT_LABELS[report.kind],
            report.group_name,
            (
                (N_("Student"), 30),
                *_COUNT_COLUMNS,
            ),
            [[line.full_name, *_count_cells(line.counts)] for line in report.lines],
        )
    if isinstance(report, StudentReport):
        return _Table(
            REPORT_LABELS[report.kind],
            report.full_name,
            ((N_("Lesson"), 18), (N_("Group"), 24), (N_("Attendance"), 14), (N_("Note"), 40)),
            [
                [lesson.starts_at, lesson.group_name, _status_label(lesson.status), lesson.note]
                for lesson in report.lessons
            ],
        )
    if isinstance(report, AlertsReport):
        return _Table(
            REPORT_LABELS[report.kind],
            "",
            (
                (N_("Group"), 24),
                (N_("Student"), 30),
                (N_("Absences in a row"), 14),
                (N_("Since"), 13),
                (N_("Last"), 13),
            ),
            [
                [alert.group_name, alert.full_name, alert.absences, alert.since, alert.last]
                for alert in report.alerts
            ],
        )
    return _Table(
        REPORT_LABELS[report.kind],
        "",
        (
            (N_("Group"), 24),
            (N_("Homework set"), 12),
            (N_("Set for students"), 14),
            (N_("Handed in"), 12),
            (N_("Reviewed"), 12),
            (N_("Overdue"), 12),
            (N_("Handed in, %"), 12),
        ),
        [
            [
                line.group_name,
                line.homework,
                line.assigned,
                line.submitted,
                line.reviewed,
                line.overdue,
                _Percent(line.percent),
            ]
            for line in report.lines
        ],
    )


_COUNT_COLUMNS: tuple[tuple[str, int], ...] = (
    (N_("Present"), 10),
    (N_("Late"), 10),
    (N_("Absent"), 10),
    (N_("Excused"), 10),
    (N_("Attended, %"), 12),
)


def _count_cells(counts: Counts) -> list[CellValue]:
    return [counts.present, counts.late, counts.absent, counts.excused, _Percent(counts.percent)]


def _workbook(report: Report, language: str) -> bytes:
    def tr(message: str) -> str:
        return gettext_for(language, message)

    table = _table(report)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(tr(table.title)[:31])
    for index, (_, width) in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{_HEADER_ROW + 1}"
    filters = report.filters
    lines: list[list[CellValue]] = [
        [_Label(table.title), table.subject],
        [_Label(N_("From")), filters.starts_on, _Label(N_("To")), filters.ends_on],
        [],
    ]
    for line in lines:
        sheet.append([_cell(sheet, value, tr) for value in line])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    header = []
    for label, _ in table.columns:
        cell = _cell(sheet, _Label(label), tr)
        cell.font, cell.fill = bold, fill
        header.append(cell)
    sheet.append(header)
    for row in table.rows:
        sheet.append([_cell(sheet, value, tr) for value in row])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def export_report(
    deps: Deps, actor: Actor, *, kind: ReportKind, filters: ReportFilters, language: str
) -> bytes:
    """The report as an .xlsx workbook: a title line, the period as two date cells, then a
    header row (row 4) and one row per line, labels in ``language``.

    Raises:
        as ``build_report``.
    """
    report = await build_report(deps, actor, kind=kind, filters=filters)
    # Writing the workbook is CPU work in openpyxl: keep the event loop free meanwhile.
    return await asyncio.to_thread(_workbook, report, language)
