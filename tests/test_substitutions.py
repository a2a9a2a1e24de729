"""Substitutions (issue 11): absences, lessons to cover, ranked candidates, the choice and
who is told, the day's and month's reports.

The frozen clock starts on Tuesday 1 September 2026, 11:00 in Almaty; the scene is the next
day (``tests/substitution_factories.py``).
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook

from core.errors import Conflict, InvalidInput, PermissionDenied
from core.models.lessons import Lesson
from core.models.notifications import OutboxMessage
from core.models.people import Role
from core.services.lesson_settings import LessonSettingsData, update_lesson_settings
from core.services.schedule import SUBSTITUTED, YOU_ARE_REPLACED, YOU_SUBSTITUTE
from core.services.substitutions import (
    choose_substitute,
    cover_day,
    day_xlsx,
    list_absences,
    mark_absent,
    month_report,
    month_xlsx,
    planning_day,
    remove_absence,
)
from tests.factories import make_member
from tests.lesson_factories import lesson_at
from tests.substitution_factories import WEDNESDAY, SchoolDay, make_school_day
from tests.test_query_counts import counting_queries


@pytest.fixture
async def school(deps) -> SchoolDay:
    return await make_school_day(deps)


async def absent_ahmetov(deps, school: SchoolDay):
    centre = school.centre
    return await mark_absent(
        deps, centre.admin, teacher_id=centre.teacher.person_id, day=WEDNESDAY, reason="Ауырып"
    )


async def test_marking_a_teacher_absent_lists_the_lessons_to_cover(deps, school):
    marked = await absent_ahmetov(deps, school)

    assert [lesson.id for lesson in marked.lessons] == [school.first, school.second]
    assert marked.absence.whole_day and marked.absence.teacher_name == "Ахметов Ерлан"
    assert marked.absence.marked_by_name == "Әкімова Дина"
    assert await planning_day(deps, school.centre.admin) == WEDNESDAY
    absences = await list_absences(deps, school.centre.admin, day=WEDNESDAY)
    assert [(a.teacher_name, a.hours) for a in absences] == [
        ("Ахметов Ерлан", ""),
        ("Тоқтарова Дана", "09:00–12:00"),
    ]


async def test_a_bad_or_overlapping_absence_is_refused(deps, school):
    centre = school.centre
    await absent_ahmetov(deps, school)
    with pytest.raises(Conflict) as refused:
        await mark_absent(
            deps,
            centre.admin,
            teacher_id=centre.teacher.person_id,
            day=WEDNESDAY,
            start_minute=13 * 60,
            end_minute=15 * 60,
        )
    assert refused.value.translated("en") == (
        "Ахметов Ерлан is already marked absent for part of that time."
    )
    with pytest.raises(InvalidInput) as refused:
        await mark_absent(
            deps,
            centre.admin,
            teacher_id=centre.substitute.person_id,
            day=WEDNESDAY,
            start_minute=600,
        )
    assert refused.value.field == "start"
    with pytest.raises(InvalidInput) as refused:
        await mark_absent(
            deps, centre.admin, teacher_id=centre.students[0].person_id, day=WEDNESDAY
        )
    assert refused.value.field == "teacher_id"
    with pytest.raises(PermissionDenied):
        await mark_absent(
            deps, centre.teacher, teacher_id=centre.substitute.person_id, day=WEDNESDAY
        )


async def test_candidates_are_free_teachers_ranked_with_their_reasons(deps, school):
    await absent_ahmetov(deps, school)

    day = await cover_day(deps, school.centre.admin, day=WEDNESDAY, top=None)

    first, second = day.lessons
    assert (first.lesson.id, first.covered, first.absent_teacher_name) == (
        school.first,
        False,
        "Ахметов Ерлан",
    )
    ranked = [
        (c.name, c.same_subject, c.extra_lessons, c.building, c.lessons_that_day)
        for c in first.candidates
    ]
    # Серікова is busy then and Тоқтарова absent: neither is ever offered.
    assert ranked == [
        ("Қасымов Нұржан", True, 0, "А корпусы", 1),
        ("Нұрланов Бауыржан", True, 0, "", 0),
        ("Жанова Ая", True, 2, "", 0),
        ("Бекова Сәуле", False, 0, "", 0),
    ]
    # In the afternoon Серікова and Тоқтарова are free again; room 101 has no building, so
    # fewer lessons that day come first.
    assert [c.name for c in second.candidates] == [
        "Нұрланов Бауыржан",
        "Тоқтарова Дана",
        "Серікова Гүлім",
        "Қасымов Нұржан",
        "Жанова Ая",
        "Бекова Сәуле",
    ]
    assert day.uncovered == 2


async def test_choosing_tells_the_class_the_parents_and_both_teachers(deps, school):
    centre, kasymov = school.centre, school.teachers["kasymov"]
    await absent_ahmetov(deps, school)
    before = await OutboxMessage.all().count()

    view = await choose_substitute(
        deps,
        centre.admin,
        lesson_id=school.first,
        teacher_id=kasymov.person_id,
        replacing=centre.teacher.person_id,
    )

    assert view.teacher_name == "Қасымов Нұржан" and view.planned_teacher_name == "Ахметов Ерлан"
    rows = await OutboxMessage.all().order_by("id").offset(before)
    told = {row.person_id: row.message for row in rows}
    assert told == {
        centre.students[0].person_id: SUBSTITUTED,
        centre.students[1].person_id: SUBSTITUTED,
        centre.parent.person_id: SUBSTITUTED,
        kasymov.person_id: YOU_SUBSTITUTE,
        centre.teacher.person_id: YOU_ARE_REPLACED,
    }
    day = await cover_day(deps, centre.admin, day=WEDNESDAY)
    covered = {item.lesson.id: item.substitute_name for item in day.lessons if item.covered}
    assert covered == {school.first: "Қасымов Нұржан"}


async def test_parents_are_not_told_when_the_setting_is_off(deps, school):
    centre = school.centre
    await update_lesson_settings(
        deps, centre.admin, data=LessonSettingsData(tell_parents_substitutions=False)
    )
    await absent_ahmetov(deps, school)
    before = await OutboxMessage.all().count()

    await choose_substitute(
        deps,
        centre.admin,
        lesson_id=school.second,
        teacher_id=school.teachers["nurlanov"].person_id,
        replacing=centre.teacher.person_id,
    )

    told = {row.person_id for row in await OutboxMessage.all().order_by("id").offset(before)}
    assert centre.parent.person_id not in told
    assert {student.person_id for student in centre.students} <= told
    assert {centre.teacher.person_id, school.teachers["nurlanov"].person_id} <= told


async def test_two_admins_choosing_at_once_assign_the_lesson_once(deps, school):
    centre = school.centre
    second_admin = await make_member(deps, centre.system, Role.ADMIN, last_name="Ысқақова")
    await absent_ahmetov(deps, school)

    results = await asyncio.gather(
        *(
            choose_substitute(
                deps,
                admin,
                lesson_id=school.first,
                teacher_id=school.teachers[name].person_id,
                replacing=centre.teacher.person_id,
            )
            for admin, name in ((centre.admin, "kasymov"), (second_admin, "nurlanov"))
        ),
        return_exceptions=True,
    )

    assert sorted(type(result).__name__ for result in results) == ["Conflict", "LessonView"]
    winner = next(result for result in results if not isinstance(result, Exception))
    refused = next(result for result in results if isinstance(result, Conflict))
    assert refused.translated("en") == (
        f"{winner.teacher_name} has just been given this lesson; look at the lessons again."
    )
    lesson = await Lesson.get(id=school.first)
    assert lesson.teacher_id == winner.teacher_id  # type: ignore[attr-defined]
    assert (
        await OutboxMessage.filter(
            message=YOU_SUBSTITUTE,
            person_id__in=[
                school.teachers["kasymov"].person_id,
                school.teachers["nurlanov"].person_id,
            ],
        ).count()
        == 1
    )


async def test_an_absent_teacher_cannot_be_chosen(deps, school):
    await absent_ahmetov(deps, school)
    with pytest.raises(Conflict) as refused:
        await choose_substitute(
            deps,
            school.centre.admin,
            lesson_id=school.first,
            teacher_id=school.teachers["toktarova"].person_id,
            replacing=school.centre.teacher.person_id,
        )
    assert refused.value.translated("en") == "Тоқтарова Дана is absent at that time."
    assert (await Lesson.get(id=school.first)).planned_teacher_id is None  # type: ignore[attr-defined]


async def test_the_day_and_month_reports_count_missed_and_covered_lessons(deps, school):
    centre = school.centre
    await absent_ahmetov(deps, school)
    await choose_substitute(
        deps,
        centre.admin,
        lesson_id=school.first,
        teacher_id=school.teachers["kasymov"].person_id,
        replacing=centre.teacher.person_id,
    )

    report = await month_report(deps, centre.admin, month=date(2026, 9, 17))

    figures = {row.name: (row.missed, row.covered, row.extra_hours) for row in report.teachers}
    assert figures == {
        "Ахметов Ерлан": (2, 0, "0:00"),
        "Бекова Сәуле": (2, 0, "0:00"),
        "Жанова Ая": (0, 2, "3:00"),
        "Қасымов Нұржан": (0, 1, "1:30"),
    }
    book = load_workbook(
        BytesIO(await month_xlsx(deps, centre.admin, month=WEDNESDAY, language="en"))
    )
    teachers = [[cell.value for cell in row] for row in book["Teachers"].iter_rows()]
    assert teachers[0] == ["Teacher", "Lessons missed", "Lessons covered", "Extra hours"]
    assert ["Жанова Ая", 0, 2, 3] in teachers
    day = load_workbook(
        BytesIO(await day_xlsx(deps, centre.admin, day=WEDNESDAY, language="en"))
    ).active
    rows = [[cell.value for cell in row][1:] for row in day.iter_rows(min_row=2)]
    assert rows == [
        ["10:00–11:30", "Алгебра 7А", "Ахметов Ерлан", "Қасымов Нұржан"],
        ["14:00–15:30", "Алгебра 7А", "Ахметов Ерлан", "not covered"],
    ]


async def test_removing_an_absence_leaves_nothing_to_cover(deps, school):
    marked = await absent_ahmetov(deps, school)
    await remove_absence(deps, school.centre.admin, absence_id=marked.absence.id)
    day = await cover_day(deps, school.centre.admin, day=WEDNESDAY)
    assert day.lessons == () and len(day.absences) == 1


async def _queries_for_a_day(deps, school: SchoolDay, monkeypatch, extra: int) -> int:
    centre = school.centre
    for index in range(extra):
        teacher = await make_member(deps, centre.system, Role.TEACHER, last_name=f"Мұғалім{index}")
        await lesson_at(deps, centre, WEDNESDAY, "16:00", teacher=teacher, minutes=30)
        await lesson_at(
            deps, centre, WEDNESDAY + timedelta(minutes=0), f"{17 + index % 5}:00", minutes=30
        )
    await absent_ahmetov(deps, school)
    with counting_queries(monkeypatch) as seen:
        day = await cover_day(deps, centre.admin, day=WEDNESDAY)
    assert day.uncovered == 2 + extra
    return len(seen)


async def test_a_day_costs_the_same_queries_for_few_or_many_teachers_and_lessons(
    deps, school, monkeypatch
):
    few = await _queries_for_a_day(deps, school, monkeypatch, 0)
    await remove_absence(
        deps,
        school.centre.admin,
        absence_id=(await list_absences(deps, school.centre.admin, day=WEDNESDAY))[0].id,
    )
    many = await _queries_for_a_day(deps, school, monkeypatch, 5)
    assert few == many
