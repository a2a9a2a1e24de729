"""Lesson reports (issue 5) on a small September worked out by hand, and their Excel files.

Group "Алгебра 7А" (Ахметов Ерлан) meets on 1, 3, 5, 8, 10, 12, 15 and 30 September and once
on 1 October at 02:00 (still 30 September in UTC); Ким Олег gives the 5 September lesson as a
substitute. "Алгебра 8Б" (Ким Олег) meets at 04:00 on 1 September (31 August in UTC), on 2
and 9 September. Marks (P present, L late, A absent, E excused, - none)::

                 1.09  3.09  5.09  8.09  10.09  12.09      15.09       30.09  1.10
    Айгерім       P     L     A     P     A     cancelled  not marked  P      -
    Нұрлан        A     A     A     A     A                            -      P
    Дана          P     P     E     A     A                            -      -
    Әлихан (joined 20.09)                                             -      -
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from core.actor import Actor
from core.clock import FrozenClock
from core.deps import Deps
from core.errors import InvalidInput, NotFound, PermissionDenied
from core.models.lessons import Homework, Lesson, LessonStatus, Submission, SubmissionStatus
from core.services import lesson_reports
from core.services.academics import enrol_student, unenrol_student
from core.services.attendance import AttendanceStatus, mark_attendance
from core.services.lesson_reports import (
    AbsenceAlert,
    AlertsReport,
    Counts,
    GroupReport,
    HomeworkLine,
    HomeworkReport,
    ReportFilters,
    ReportKind,
    StudentReport,
    TeacherLine,
    TeachersReport,
    build_report,
    export_report,
    report_choices,
)
from core.services.people import Role
from tests.factories import make_member, make_organisation, make_student
from tests.test_attendance import Classroom, add_lesson, local, make_classroom
from tests.web import Panel, text_of

P, L, A, E = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.ABSENT,
    AttendanceStatus.EXCUSED,
)
SEPTEMBER = ReportFilters(starts_on=date(2026, 9, 1), ends_on=date(2026, 9, 30))


def sep(day: int, hour: int = 10, minute: int = 0) -> datetime:
    return local(date(2026, 9, day), hour, minute)


@dataclass(frozen=True)
class September:
    room: Classroom
    dana: int
    alikhan: int
    lessons: dict[str, int]


async def _mark(
    deps: Deps,
    clock: FrozenClock,
    room: Classroom,
    lesson_id: int,
    marks: dict[int, AttendanceStatus],
    *,
    by: Actor | None = None,
) -> None:
    lesson = await Lesson.get(id=lesson_id)
    clock.current = lesson.starts_at + timedelta(minutes=30)
    await mark_attendance(deps, by or room.teacher, lesson_id=lesson_id, marks=marks)


async def _homework(lesson_id: int, group_id: int, due: datetime) -> int:
    now = due - timedelta(days=2)
    row = await Homework.create(
        organisation_id=(await Lesson.get(id=lesson_id)).organisation_id,  # type: ignore[attr-defined]
        lesson_id=lesson_id,
        group_id=group_id,
        text="№ 1–5",
        due_at=due,
        created_at=now,
        updated_at=now,
    )
    return row.id


async def _handed_in(homework_id: int, student_id: int, status: SubmissionStatus) -> None:
    await Submission.create(
        homework_id=homework_id,
        student_id=student_id,
        text="Жауабы",
        status=status,
        submitted_at=sep(20),
    )


async def make_september(deps: Deps, clock: FrozenClock) -> September:
    room = await make_classroom(deps)
    admin, a, n = room.admin, room.aigerim, room.nurlan
    dana = await make_student(deps, admin, "Серікова", "Дана")
    alikhan = await make_student(deps, admin, "Жаңа", "Әлихан")
    gone = await make_student(deps, admin, "Ерте", "Кеткен")
    for student, since in ((dana, date(2026, 8, 1)), (alikhan, date(2026, 9, 20))):
        await enrol_student(
            deps, admin, group_id=room.group_id, student_id=student, starts_on=since
        )
    await enrol_student(
        deps, admin, group_id=room.group_id, student_id=gone, starts_on=date(2026, 8, 1)
    )
    await unenrol_student(
        deps, admin, group_id=room.group_id, student_id=gone, ends_on=date(2026, 8, 20)
    )
    oleg = room.other_teacher.person_id
    ids = {"1.09": room.lesson_id}
    for name, starts in (
        ("3.09", sep(3)),
        ("5.09", sep(5)),
        ("8.09", sep(8)),
        ("10.09", sep(10)),
        ("12.09", sep(12)),
        ("15.09", sep(15)),
        ("30.09", sep(30, 23, 30)),
        ("1.10", local(date(2026, 10, 1), 2)),
    ):
        ids[name] = await add_lesson(deps, room, starts)
    for name, starts in (("B 1.09", sep(1, 4)), ("B 2.09", sep(2, 12)), ("B 9.09", sep(9, 12))):
        ids[name] = await add_lesson(
            deps, room, starts, group_id=room.other_group_id, teacher_id=oleg
        )
    # Substitution and cancelling are the schedule's use cases; the rows are set directly.
    await Lesson.filter(id=ids["5.09"]).update(
        teacher_id=oleg, planned_teacher_id=room.teacher.person_id
    )
    await Lesson.filter(id__in=[ids["12.09"], ids["B 9.09"]]).update(status=LessonStatus.CANCELLED)

    await _mark(deps, clock, room, ids["B 1.09"], {room.stranger: P}, by=room.other_teacher)
    await _mark(deps, clock, room, ids["1.09"], {a: P, n: A, dana: P})
    await _mark(deps, clock, room, ids["B 2.09"], {room.stranger: P}, by=room.other_teacher)
    await _mark(deps, clock, room, ids["3.09"], {a: L, n: A, dana: P})
    await _mark(deps, clock, room, ids["5.09"], {a: A, n: A, dana: E}, by=room.other_teacher)
    await _mark(deps, clock, room, ids["8.09"], {a: P, n: A, dana: A})
    await _mark(deps, clock, room, ids["10.09"], {a: A, n: A, dana: A})
    await _mark(deps, clock, room, ids["30.09"], {a: P})
    await _mark(deps, clock, room, ids["1.10"], {n: P})
    clock.current = local(date(2026, 10, 5), 9)
    return September(room=room, dana=dana, alikhan=alikhan, lessons=ids)


async def test_lessons_per_teacher_count_local_days(deps: Deps, clock: FrozenClock):
    month = await make_september(deps, clock)
    room = month.room

    report = await build_report(deps, room.admin, kind=ReportKind.TEACHERS, filters=SEPTEMBER)

    assert isinstance(report, TeachersReport)
    assert report.lines == (
        # 1, 3, 8, 10 and 30 Sept held; 12 cancelled; 15 never marked; 5 given by Олег.
        TeacherLine(room.teacher.person_id or 0, "Ахметов Ерлан", 5, 0, 1, 1, 1),
        # 1 (04:00 local) and 2 Sept in his group, 5 Sept as a substitute; 9 cancelled.
        TeacherLine(room.other_teacher.person_id or 0, "Ким Олег", 3, 1, 1, 0, 0),
    )
    only_oleg = await build_report(
        deps,
        room.admin,
        kind=ReportKind.TEACHERS,
        filters=ReportFilters(
            starts_on=date(2026, 9, 1),
            ends_on=date(2026, 9, 30),
            teacher_id=room.other_teacher.person_id,
        ),
    )
    assert [line.full_name for line in only_oleg.lines] == ["Ким Олег"]  # type: ignore[union-attr]


async def test_attendance_of_a_group(deps: Deps, clock: FrozenClock):
    month = await make_september(deps, clock)
    room = month.room

    report = await build_report(
        deps,
        room.admin,
        kind=ReportKind.GROUP,
        filters=ReportFilters(SEPTEMBER.starts_on, SEPTEMBER.ends_on, group_id=room.group_id),
    )

    assert isinstance(report, GroupReport)
    assert (report.group_name, report.lessons_held) == ("Алгебра 7А", 6)
    assert [(line.full_name, line.counts, line.counts.percent) for line in report.lines] == [
        ("Жаңа Әлихан", Counts(), None),
        ("Омарова Айгерім", Counts(present=3, late=1, absent=2), 66.7),
        ("Сейітов Нұрлан", Counts(absent=5), 0.0),
        ("Серікова Дана", Counts(present=2, absent=2, excused=1), 40.0),
    ]


async def test_attendance_of_a_student(deps: Deps, clock: FrozenClock):
    month = await make_september(deps, clock)
    room = month.room

    report = await build_report(
        deps,
        room.admin,
        kind=ReportKind.STUDENT,
        filters=ReportFilters(SEPTEMBER.starts_on, SEPTEMBER.ends_on, student_id=room.aigerim),
    )

    assert isinstance(report, StudentReport)
    assert report.full_name == "Омарова Айгерім"
    assert [(g.group_name, g.counts) for g in report.groups] == [
        ("Алгебра 7А", Counts(present=3, late=1, absent=2))
    ]
    assert [
        (lesson.starts_at.strftime("%d.%m %H:%M"), lesson.status) for lesson in report.lessons
    ] == [
        ("01.09 10:00", P),
        ("03.09 10:00", L),
        ("05.09 10:00", A),
        ("08.09 10:00", P),
        ("10.09 10:00", A),
        ("30.09 23:30", P),
    ]


async def test_absences_in_a_row(deps: Deps, clock: FrozenClock):
    month = await make_september(deps, clock)
    room = month.room

    three = await build_report(deps, room.admin, kind=ReportKind.ALERTS, filters=SEPTEMBER)
    two = await build_report(
        deps,
        room.admin,
        kind=ReportKind.ALERTS,
        filters=ReportFilters(SEPTEMBER.starts_on, SEPTEMBER.ends_on, threshold=2),
    )

    nurlan = AbsenceAlert(
        room.group_id,
        "Алгебра 7А",
        room.nurlan,
        "Сейітов Нұрлан",
        5,
        date(2026, 9, 1),
        date(2026, 9, 10),
    )
    assert isinstance(three, AlertsReport)
    # Unmarked 30 September neither ends nor extends a row; Дана's excused 5 September ended
    # hers (counted as an absence it would make three), Айгерім never missed two in a row.
    assert three.alerts == (nurlan,)
    assert two.alerts == (  # type: ignore[union-attr]
        nurlan,
        AbsenceAlert(
            room.group_id,
            "Алгебра 7А",
            month.dana,
            "Серікова Дана",
            2,
            date(2026, 9, 8),
            date(2026, 9, 10),
        ),
    )


async def test_homework_completion(deps: Deps, clock: FrozenClock):
    month = await make_september(deps, clock)
    room, ids = month.room, month.lessons
    first = await _homework(ids["3.09"], room.group_id, sep(5, 18))
    second = await _homework(ids["8.09"], room.group_id, sep(12, 18))
    third = await _homework(ids["30.09"], room.group_id, local(date(2026, 10, 10), 18))
    await _homework(ids["1.10"], room.group_id, local(date(2026, 10, 3), 18))
    await _homework(ids["B 1.09"], room.other_group_id, sep(3, 18))
    await _handed_in(first, room.aigerim, SubmissionStatus.REVIEWED)
    await _handed_in(first, month.dana, SubmissionStatus.SUBMITTED)
    await _handed_in(second, room.aigerim, SubmissionStatus.RETURNED)
    await _handed_in(third, month.alikhan, SubmissionStatus.SUBMITTED)
    await _handed_in(third, room.aigerim, SubmissionStatus.REVIEWED)

    report = await build_report(deps, room.admin, kind=ReportKind.HOMEWORK, filters=SEPTEMBER)

    assert isinstance(report, HomeworkReport)
    assert report.lines == (
        # Set for 3 + 3 + 4 (Әлихан joined on 20.09); overdue: Нұрлан twice, Дана once.
        HomeworkLine(room.group_id, "Алгебра 7А", 3, 10, 5, 2, 3),
        HomeworkLine(room.other_group_id, "Алгебра 8Б", 1, 1, 0, 0, 1),
    )
    assert [line.percent for line in report.lines] == [50.0, 0.0]


async def test_a_teacher_of_another_organisation_is_not_found(
    deps: Deps, clock: FrozenClock, panel: Panel
):
    month = await make_september(deps, clock)
    elsewhere = await make_organisation(deps, name="Басқа орталық")
    outsider = await make_member(
        deps, elsewhere, Role.TEACHER, last_name="Бөтенов", first_name="Марат"
    )
    filters = ReportFilters(SEPTEMBER.starts_on, SEPTEMBER.ends_on, teacher_id=outsider.person_id)

    for kind in (ReportKind.TEACHERS, ReportKind.ALERTS, ReportKind.HOMEWORK):
        with pytest.raises(NotFound):
            await build_report(deps, month.room.admin, kind=kind, filters=filters)
    await panel.sign_in("admin@bilim.kz")
    response, body = await panel.get(
        f"/reports/lessons?report=teachers&teacher={outsider.person_id}"
        "&from=2026-09-01&to=2026-09-30"
    )
    assert response.status == 404
    assert "Бөтенов" not in text_of(body)


async def test_long_id_lists_are_read_in_slices(
    deps: Deps, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
):
    month = await make_september(deps, clock)
    room, ids = month.room, month.lessons
    first = await _homework(ids["3.09"], room.group_id, sep(5, 18))
    await _homework(ids["8.09"], room.group_id, sep(12, 18))
    await _homework(ids["B 1.09"], room.other_group_id, sep(3, 18))
    await _handed_in(first, room.aigerim, SubmissionStatus.REVIEWED)
    period = (SEPTEMBER.starts_on, SEPTEMBER.ends_on)
    asked = [
        (ReportKind.GROUP, ReportFilters(*period, group_id=room.group_id)),
        (ReportKind.STUDENT, ReportFilters(*period, student_id=room.aigerim)),
        (ReportKind.ALERTS, ReportFilters(*period, threshold=2)),
        (ReportKind.HOMEWORK, SEPTEMBER),
    ]

    async def reports() -> list[object]:
        return [
            await build_report(deps, room.admin, kind=kind, filters=filters)
            for kind, filters in asked
        ]

    whole = await reports()
    # Two ids a query: every list above (6 lessons, 3 homework, 2 groups) takes several.
    monkeypatch.setattr(lesson_reports, "_CHUNK", 2)
    sliced = await reports()

    assert sliced == whole
    group, student, alerts, homework = sliced
    assert isinstance(group, GroupReport) and group.lessons_held == 6
    assert [line.counts.marked for line in group.lines] == [0, 6, 5, 5]
    assert isinstance(student, StudentReport) and len(student.lessons) == 6
    assert isinstance(alerts, AlertsReport)
    assert [alert.full_name for alert in alerts.alerts] == ["Сейітов Нұрлан", "Серікова Дана"]
    assert isinstance(homework, HomeworkReport)
    assert [(line.homework, line.assigned, line.submitted) for line in homework.lines] == [
        (2, 6, 1),
        (1, 1, 0),
    ]


async def test_reports_need_the_permission_and_a_sane_period(deps: Deps, clock: FrozenClock):
    room = await make_classroom(deps)

    with pytest.raises(PermissionDenied):
        await build_report(deps, room.teacher, kind=ReportKind.TEACHERS, filters=SEPTEMBER)
    with pytest.raises(InvalidInput):
        await build_report(
            deps,
            room.admin,
            kind=ReportKind.TEACHERS,
            filters=ReportFilters(date(2026, 9, 30), date(2026, 9, 1)),
        )
    with pytest.raises(InvalidInput):
        await build_report(deps, room.admin, kind=ReportKind.GROUP, filters=SEPTEMBER)
    curator = await make_member(deps, room.admin, Role.CURATOR)
    choices = await report_choices(curator)
    assert [name for _, name in choices.groups] == ["Алгебра 7А", "Алгебра 8Б"]
    assert [name for _, name in choices.teachers] == ["Ахметов Ерлан", "Ким Олег"]


def _sheet(data: bytes) -> Worksheet:
    return load_workbook(BytesIO(data)).active


async def test_the_teachers_report_opens_in_excel_with_typed_cells(deps: Deps, clock: FrozenClock):
    month = await make_september(deps, clock)

    data = await export_report(
        deps, month.room.admin, kind=ReportKind.TEACHERS, filters=SEPTEMBER, language="en"
    )

    sheet = _sheet(data)
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Lessons per teacher"
    # openpyxl reads date cells back as naive datetimes at midnight.
    assert rows[1][1] == datetime(2026, 9, 1)  # noqa: DTZ001
    assert rows[1][3] == datetime(2026, 9, 30)  # noqa: DTZ001
    assert sheet["B2"].number_format == "dd.mm.yyyy"
    assert rows[4] == ["Ахметов Ерлан", 5, 0, 1, 1, 1]
    assert rows[5] == ["Ким Олег", 3, 1, 1, 0, 0]
    assert all(isinstance(cell, str) for cell in rows[3])


async def test_attendance_exports_keep_percents_numbers_and_text_text(
    deps: Deps, clock: FrozenClock
):
    month = await make_september(deps, clock)
    room = month.room
    await mark_attendance(
        deps,
        room.admin,
        lesson_id=month.lessons["30.09"],
        marks={room.aigerim: P},
        notes={room.aigerim: '=HYPERLINK("http://evil")'},
    )

    group = _sheet(
        await export_report(
            deps,
            room.admin,
            kind=ReportKind.GROUP,
            filters=ReportFilters(SEPTEMBER.starts_on, SEPTEMBER.ends_on, group_id=room.group_id),
            language="en",
        )
    )
    student = _sheet(
        await export_report(
            deps,
            room.admin,
            kind=ReportKind.STUDENT,
            filters=ReportFilters(SEPTEMBER.starts_on, SEPTEMBER.ends_on, student_id=room.aigerim),
            language="en",
        )
    )

    assert [cell.value for cell in group[4]] == [
        "Student",
        "Present",
        "Late",
        "Absent",
        "Excused",
        "Attended, %",
    ]
    aigerim = list(group[6])
    assert [cell.value for cell in aigerim[:5]] == ["Омарова Айгерім", 3, 1, 2, 0]
    assert aigerim[5].value == pytest.approx(0.667) and aigerim[5].number_format == "0.0%"
    assert group["F5"].value is None  # Әлихан: no marks, no percent
    last = student[10]
    assert last[0].value == datetime(2026, 9, 30, 23, 30)  # noqa: DTZ001 - local, as written
    assert last[0].number_format == "dd.mm.yyyy hh:mm"
    assert (last[1].value, last[2].value) == ("Алгебра 7А", "Present")
    assert last[3].value == '=HYPERLINK("http://evil")' and last[3].data_type == "s"
