"""Courses, groups and enrolments through the core services (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest

from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.models.people import Role
from core.services.academics import (
    CourseData,
    GroupData,
    GroupStatus,
    create_course,
    create_group,
    enrol_automatically,
    enrol_student,
    group_card,
    list_groups,
    set_group_status,
    unenrol_student,
    update_group,
)
from tests.factories import make_group, make_member, make_organisation, make_student


async def _admin(deps):
    system = await make_organisation(deps)
    return await make_member(deps, system, Role.ADMIN)


async def test_a_full_group_refuses_the_next_student_and_keeps_its_count(deps):
    admin = await _admin(deps)
    group_id = await make_group(deps, admin, name="Ағылшын A1", capacity=1)
    first = await make_student(deps, admin, "Омаров", "Нұрлан")
    second = await make_student(deps, admin, "Ахметова", "Дана")
    await enrol_student(deps, admin, group_id=group_id, student_id=first)
    with pytest.raises(Conflict) as refused:
        await enrol_student(deps, admin, group_id=group_id, student_id=second)
    assert refused.value.translated("en") == "Group “Ағылшын A1” is full: all 1 places are taken."
    card = await group_card(admin, group_id)
    assert [m.person_id for m in card.students] == [first]
    assert card.free_places == 0


async def test_a_student_cannot_be_enrolled_twice(deps):
    admin = await _admin(deps)
    group_id = await make_group(deps, admin)
    student = await make_student(deps, admin)
    await enrol_student(deps, admin, group_id=group_id, student_id=student)
    with pytest.raises(Conflict, match="already in group"):
        await enrol_student(deps, admin, group_id=group_id, student_id=student)
    assert len((await group_card(admin, group_id)).students) == 1


async def test_an_unenrolled_student_becomes_a_former_student_with_dates(deps, clock):
    admin = await _admin(deps)
    group_id = await make_group(deps, admin)
    student = await make_student(deps, admin)
    await enrol_student(
        deps, admin, group_id=group_id, student_id=student, starts_on=date(2026, 9, 1)
    )
    card = await unenrol_student(deps, admin, group_id=group_id, student_id=student)
    assert card.students == ()
    [former] = card.former_students
    assert (former.person_id, former.starts_on, former.ends_on) == (
        student,
        date(2026, 9, 1),
        clock.now().date(),
    )
    # Coming back is a new enrolment; the old one stays as history.
    card = await enrol_student(deps, admin, group_id=group_id, student_id=student)
    assert [m.person_id for m in card.students] == [student]
    assert len(card.former_students) == 1


async def test_unenrolling_someone_not_in_the_group_is_not_found(deps):
    admin = await _admin(deps)
    group_id = await make_group(deps, admin)
    student = await make_student(deps, admin)
    with pytest.raises(NotFound):
        await unenrol_student(deps, admin, group_id=group_id, student_id=student)


async def test_only_active_students_can_be_enrolled(deps):
    system = await make_organisation(deps)
    admin = await make_member(deps, system, Role.ADMIN)
    teacher = await make_member(deps, system, Role.TEACHER)
    group_id = await make_group(deps, admin)
    with pytest.raises(InvalidInput):
        await enrol_student(deps, admin, group_id=group_id, student_id=teacher.person_id)


async def test_a_finished_group_takes_nobody(deps):
    admin = await _admin(deps)
    group_id = await make_group(deps, admin)
    student = await make_student(deps, admin)
    await set_group_status(deps, admin, group_id=group_id, status=GroupStatus.FINISHED)
    with pytest.raises(Conflict, match="not active"):
        await enrol_student(deps, admin, group_id=group_id, student_id=student)


async def test_automatic_enrolment_picks_the_group_with_most_free_places(deps):
    admin = await _admin(deps)
    course = await create_course(deps, admin, data=CourseData(name_ru="Физика"))
    small = await create_group(
        deps, admin, data=GroupData(course_id=course.id, name="Физика 1", capacity=3)
    )
    large = await create_group(
        deps, admin, data=GroupData(course_id=course.id, name="Физика 2", capacity=5)
    )
    other = await create_course(deps, admin, data=CourseData(name_ru="Химия"))
    await create_group(
        deps, admin, data=GroupData(course_id=other.id, name="Химия 1", capacity=50)
    )
    for _ in range(3):
        await enrol_student(
            deps, admin, group_id=large.id, student_id=await make_student(deps, admin)
        )
    # Free places: «Физика 1» 3, «Физика 2» 2.
    student = await make_student(deps, admin)
    card = await enrol_automatically(deps, admin, course_id=course.id, student_id=student)
    assert card.id == small.id
    assert student in [m.person_id for m in card.students]
    with pytest.raises(Conflict, match="already in a group of this course"):
        await enrol_automatically(deps, admin, course_id=course.id, student_id=student)


async def test_automatic_enrolment_refuses_when_every_group_is_full(deps):
    admin = await _admin(deps)
    course = await create_course(deps, admin, data=CourseData(name_ru="Физика"))
    group = await create_group(
        deps, admin, data=GroupData(course_id=course.id, name="Физика 1", capacity=1)
    )
    await enrol_student(deps, admin, group_id=group.id, student_id=await make_student(deps, admin))
    latecomer = await make_student(deps, admin)
    with pytest.raises(Conflict) as refused:
        await enrol_automatically(deps, admin, course_id=course.id, student_id=latecomer)
    assert "Every group of this course is full" in refused.value.translated("en")
    assert len((await group_card(admin, group.id)).students) == 1


async def test_two_managers_racing_for_the_last_place_only_one_wins(deps):
    admin = await _admin(deps)
    group_id = await make_group(deps, admin, capacity=1)
    first = await make_student(deps, admin, "Омаров", "Нұрлан")
    second = await make_student(deps, admin, "Ахметова", "Дана")
    results = await asyncio.gather(
        enrol_student(deps, admin, group_id=group_id, student_id=first),
        enrol_student(deps, admin, group_id=group_id, student_id=second),
        return_exceptions=True,
    )
    assert sorted(type(result).__name__ for result in results) == ["Conflict", "GroupCard"]
    assert len((await group_card(admin, group_id)).students) == 1


async def test_the_same_student_enrolled_twice_at_once_is_enrolled_once(deps):
    admin = await _admin(deps)
    group_id = await make_group(deps, admin, capacity=5)
    student = await make_student(deps, admin)
    results = await asyncio.gather(
        enrol_student(deps, admin, group_id=group_id, student_id=student),
        enrol_student(deps, admin, group_id=group_id, student_id=student),
        return_exceptions=True,
    )
    assert sorted(type(result).__name__ for result in results) == ["Conflict", "GroupCard"]
    assert len((await group_card(admin, group_id)).students) == 1


async def test_capacity_cannot_drop_below_the_students_enrolled(deps):
    admin = await _admin(deps)
    group_id = await make_group(deps, admin, capacity=5)
    for _ in range(2):
        await enrol_student(
            deps, admin, group_id=group_id, student_id=await make_student(deps, admin)
        )
    card = await group_card(admin, group_id)
    data = GroupData(course_id=card.course.id, name=card.name, capacity=1)
    with pytest.raises(InvalidInput, match="below the 2 students"):
        await update_group(deps, admin, group_id=group_id, data=data)
    assert (await group_card(admin, group_id)).capacity == 5


async def test_a_group_cannot_end_before_it_starts(deps):
    admin = await _admin(deps)
    course = await create_course(deps, admin, data=CourseData(name_ru="Физика"))
    data = GroupData(
        course_id=course.id,
        name="Физика 1",
        capacity=10,
        starts_on=date(2026, 9, 1),
        ends_on=date(2026, 8, 1),
    )
    with pytest.raises(InvalidInput) as refused:
        await create_group(deps, admin, data=data)
    assert refused.value.field == "ends_on"
    assert await list_groups(admin, status=None) == []


async def test_teachers_are_kept_in_step_when_a_group_is_edited(deps):
    system = await make_organisation(deps)
    admin = await make_member(deps, system, Role.ADMIN)
    first = await make_member(deps, system, Role.TEACHER, last_name="Бекова", first_name="Айгүл")
    second = await make_member(
        deps, system, Role.TEACHER, last_name="Жаксылыков", first_name="Ерлан"
    )
    course = await create_course(deps, admin, data=CourseData(name_ru="Физика"))
    data = GroupData(
        course_id=course.id, name="Физика 1", capacity=10, teacher_ids=(first.person_id,)
    )
    card = await create_group(deps, admin, data=data)
    assert [name for _, name in card.teachers] == ["Бекова Айгүл"]
    data = GroupData(
        course_id=course.id, name="Физика 1", capacity=10, teacher_ids=(second.person_id,)
    )
    card = await update_group(deps, admin, group_id=card.id, data=data)
    assert [name for _, name in card.teachers] == ["Жаксылыков Ерлан"]
    [row] = await list_groups(admin)
    assert row.teachers == ("Жаксылыков Ерлан",)


async def test_a_group_of_another_organisation_is_not_found(deps):
    admin = await _admin(deps)
    other_system = await make_organisation(deps, name="Басқа орталық")
    other_admin = await make_member(deps, other_system, Role.ADMIN)
    foreign_group = await make_group(deps, other_admin)
    with pytest.raises(NotFound):
        await group_card(admin, foreign_group)
    student = await make_student(deps, admin)
    with pytest.raises(NotFound):
        await enrol_student(deps, admin, group_id=foreign_group, student_id=student)


async def test_a_teacher_cannot_create_a_group(deps):
    system = await make_organisation(deps)
    admin = await make_member(deps, system, Role.ADMIN)
    teacher = await make_member(deps, system, Role.TEACHER)
    course = await create_course(deps, admin, data=CourseData(name_ru="Физика"))
    with pytest.raises(PermissionDenied):
        await create_group(
            deps, teacher, data=GroupData(course_id=course.id, name="Физика 1", capacity=5)
        )
    assert await list_groups(admin) == []


async def test_enrolment_dates_are_the_organisations_local_days(deps, clock):
    admin = await _admin(deps)
    group_id = await make_group(deps, admin)
    student = await make_student(deps, admin)
    # 20:30 UTC on 1 September is already 2 September in Almaty.
    clock.current = datetime(2026, 9, 1, 20, 30, tzinfo=UTC)
    card = await enrol_student(deps, admin, group_id=group_id, student_id=student)
    assert card.students[0].starts_on == date(2026, 9, 2)
    clock.advance(timedelta(days=30))
    card = await unenrol_student(deps, admin, group_id=group_id, student_id=student)
    assert card.former_students[0].ends_on == date(2026, 10, 2)
