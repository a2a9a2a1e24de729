"""A finished, then archived group keeps its lessons, attendance and grades readable a year
later: the calendar, the lesson's marks, the gradebook and the attendance report all still
show them, and the group is found among all groups (issue 5, "Archive")."""

from __future__ import annotations

from datetime import date, timedelta

from core.clock import FrozenClock
from core.deps import Deps
from core.services.academics import GroupStatus, list_groups, set_group_status
from core.services.attendance import AttendanceStatus, lesson_roster, mark_attendance
from core.services.grades import GradeKind, give_grade, gradebook
from core.services.lesson_reports import ReportFilters, ReportKind, build_report
from core.services.timetable import CalendarSpan, ScheduleFilter, schedule_calendar
from tests.lesson_factories import lesson_at, local, make_lesson_centre

DAY = date(2026, 9, 2)


async def test_an_archived_groups_history_stays_readable(deps: Deps, clock: FrozenClock):
    centre = await make_lesson_centre(deps)
    aigerim, timur = centre.students
    assert aigerim.person_id is not None and timur.person_id is not None
    lesson = await lesson_at(deps, centre, DAY, "15:00", room_id=centre.room_id)
    clock.current = local(centre, DAY, "15:10")
    await mark_attendance(
        deps,
        centre.teacher,
        lesson_id=lesson,
        marks={
            aigerim.person_id: AttendanceStatus.PRESENT,
            timur.person_id: AttendanceStatus.ABSENT,
        },
    )
    await give_grade(
        deps,
        centre.teacher,
        group_id=centre.group_id,
        student_id=aigerim.person_id,
        kind=GradeKind.CLASSWORK,
        value="5",
        lesson_id=lesson,
    )
    await set_group_status(
        deps, centre.admin, group_id=centre.group_id, status=GroupStatus.FINISHED
    )
    await set_group_status(
        deps, centre.admin, group_id=centre.group_id, status=GroupStatus.ARCHIVED
    )
    clock.advance(timedelta(days=365))

    assert "Алгебра 7А" in [row.name for row in await list_groups(centre.admin, status=None)]

    calendar = await schedule_calendar(
        deps,
        centre.admin,
        span=CalendarSpan.DAY,
        day=DAY,
        filters=ScheduleFilter(group_id=centre.group_id),
    )
    assert [view.id for day in calendar.days for view in day.lessons] == [lesson]

    roster = await lesson_roster(deps, centre.admin, lesson_id=lesson)
    assert {line.full_name: line.status for line in roster.lines} == {
        "Омарова Айгерім": AttendanceStatus.PRESENT,
        "Ким Тимур": AttendanceStatus.ABSENT,
    }

    book = await gradebook(
        deps, centre.admin, group_id=centre.group_id, starts_on=DAY, ends_on=DAY
    )
    marks = {row.student_name: [g.value for cell in row.cells for g in cell] for row in book.rows}
    assert marks["Омарова Айгерім"] == ["5"]

    report = await build_report(
        deps,
        centre.admin,
        kind=ReportKind.GROUP,
        filters=ReportFilters(starts_on=DAY, ends_on=DAY, group_id=centre.group_id),
    )
    assert report.lessons_held == 1  # type: ignore[union-attr]
    absences = {line.full_name: line.counts.absent for line in report.lines}  # type: ignore[union-attr]
    assert absences == {"Омарова Айгерім": 0, "Ким Тимур": 1}
