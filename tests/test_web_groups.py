"""Courses and groups pages over real HTTP: what an administrator and a teacher see and can do."""

from __future__ import annotations

import re
from datetime import date

from core.models.people import Role
from core.services.academics import (
    CourseData,
    GroupData,
    create_course,
    create_group,
    enrol_student,
    group_card,
    list_courses,
    list_groups,
)
from tests.factories import make_group, make_member, make_organisation, make_student
from tests.web import text_of


async def _signed_in_admin(deps, panel, login="admin@taraz.kz"):
    system = await make_organisation(deps)
    admin = await make_member(deps, system, Role.ADMIN, login=login)
    assert (await panel.sign_in(login)).status == 200
    return system, admin


def _section(body: str, section_id: str) -> str:
    """The visible text of one ``<section id=...>`` of a page."""
    match = re.search(rf'<section id="{section_id}">(.*?)</section>', body, re.S)
    assert match, f"no section {section_id}"
    return text_of(match.group(1))


async def test_an_admin_creates_a_course_and_a_group_with_a_teacher(deps, panel):
    system, admin = await _signed_in_admin(deps, panel)
    teacher = await make_member(deps, system, Role.TEACHER, last_name="Бекова", first_name="Айгүл")

    response, body = await panel.post(
        "/courses/new", {"name_kk": "Математика", "name_ru": "Математика", "level": "7"}
    )
    assert response.status == 200
    assert "Математика" in text_of(body)
    [course] = await list_courses(admin)

    response, body = await panel.get("/groups/new")
    assert response.status == 200
    assert "Бекова Айгүл" in body
    response, body = await panel.post(
        "/groups/new",
        {
            "course_id": str(course.id),
            "name": "Математика 7А",
            "capacity": "15",
            "starts_on": "2026-09-01",
            "ends_on": "31.05.2027",
            "building": "Бас ғимарат",
            "room": "204",
            "teacher_ids": str(teacher.person_id),
        },
    )
    assert response.status == 200
    page = text_of(body)
    assert "Математика 7А" in page
    assert "Бекова Айгүл" in page
    assert "01.09.2026 – 31.05.2027" in page
    assert "Бас ғимарат, 204" in page

    response, body = await panel.get("/groups")
    row = text_of(body)
    assert "Математика 7А" in row
    assert "0 of 15" in row
    assert "Бекова Айгүл" in row


async def test_a_course_needs_a_name(deps, panel):
    _, admin = await _signed_in_admin(deps, panel)
    response, body = await panel.post("/courses/new", {"subject": "Физика"})
    assert response.status == 400
    assert "Give the course a name in at least one language." in text_of(body)
    assert 'value="Физика"' in body  # what the user typed is kept
    assert await list_courses(admin) == []


async def test_enrolling_into_a_full_group_is_refused_and_changes_nothing(deps, panel):
    _, admin = await _signed_in_admin(deps, panel)
    group_id = await make_group(deps, admin, name="Ағылшын A1", capacity=1)
    first = await make_student(deps, admin, "Омаров", "Нұрлан")
    second = await make_student(deps, admin, "Ахметова", "Дана")
    await enrol_student(deps, admin, group_id=group_id, student_id=first)

    await panel.get(f"/groups/{group_id}")
    response, body = await panel.post(f"/groups/{group_id}/enrol", {"student_id": str(second)})
    assert response.status == 409
    assert "Group “Ағылшын A1” is full: all 1 places are taken." in text_of(body)
    card = await group_card(admin, group_id)
    assert [m.person_id for m in card.students] == [first]


async def test_enrolling_the_same_student_twice_is_refused(deps, panel):
    _, admin = await _signed_in_admin(deps, panel)
    group_id = await make_group(deps, admin, name="Физика 9")
    student = await make_student(deps, admin, "Омаров", "Нұрлан")

    await panel.get(f"/groups/{group_id}")
    response, body = await panel.post(f"/groups/{group_id}/enrol", {"student_id": str(student)})
    assert response.status == 200
    assert "Омаров Нұрлан is enrolled in the group." in text_of(body)
    assert "Омаров Нұрлан" in _section(body, "students")

    response, body = await panel.post(f"/groups/{group_id}/enrol", {"student_id": str(student)})
    assert response.status == 409
    assert "Омаров Нұрлан is already in group “Физика 9”." in text_of(body)
    assert len((await group_card(admin, group_id)).students) == 1


async def test_a_removed_student_is_listed_under_former_students(deps, panel, clock):
    _, admin = await _signed_in_admin(deps, panel)
    group_id = await make_group(deps, admin)
    student = await make_student(deps, admin, "Омаров", "Нұрлан")
    await enrol_student(
        deps, admin, group_id=group_id, student_id=student, starts_on=date(2026, 8, 20)
    )

    response, body = await panel.get(f"/groups/{group_id}")
    assert "Remove from group" in body
    assert "Nobody has left the group." in body
    response, body = await panel.post(f"/groups/{group_id}/unenrol", {"student_id": str(student)})
    assert response.status == 200
    assert "Омаров Нұрлан" not in _section(body, "students")
    former = _section(body, "former")
    assert "Омаров Нұрлан" in former
    assert "20.08.2026" in former
    assert clock.now().strftime("%d.%m.%Y") in former
    # The student may be enrolled again: the picker offers them.
    assert f'<option value="{student}">' in body


async def test_the_enrol_picker_offers_only_students_outside_the_group_and_can_be_narrowed(
    deps, panel
):
    system, admin = await _signed_in_admin(deps, panel)
    group_id = await make_group(deps, admin)
    inside = await make_student(deps, admin, "Омаров", "Нұрлан")
    await enrol_student(deps, admin, group_id=group_id, student_id=inside)
    await make_student(deps, admin, "Ахметова", "Дана")
    await make_student(deps, admin, "Серікова", "Әйгерім")
    await make_member(deps, system, Role.TEACHER, last_name="Бекова", first_name="Айгүл")

    _, body = await panel.get(f"/groups/{group_id}")
    picker = _section(body, "enrol")
    assert "Ахметова Дана" in picker
    assert "Серікова Әйгерім" in picker
    assert "Омаров Нұрлан" not in picker
    assert "Бекова Айгүл" not in picker  # teachers are not students

    _, body = await panel.get(f"/groups/{group_id}?q=серік")
    picker = _section(body, "enrol")
    assert "Серікова Әйгерім" in picker
    assert "Ахметова Дана" not in picker


async def test_automatic_enrolment_from_the_card_picks_the_freest_group(deps, panel):
    _, admin = await _signed_in_admin(deps, panel)
    course = await create_course(deps, admin, data=CourseData(name_ru="Физика"))
    crowded = await create_group(
        deps, admin, data=GroupData(course_id=course.id, name="Физика 1", capacity=2)
    )
    roomy = await create_group(
        deps, admin, data=GroupData(course_id=course.id, name="Физика 2", capacity=10)
    )
    await enrol_student(
        deps, admin, group_id=crowded.id, student_id=await make_student(deps, admin)
    )
    student = await make_student(deps, admin, "Ахметова", "Дана")

    await panel.get(f"/groups/{crowded.id}")
    response, body = await panel.post(
        f"/courses/{course.id}/auto-enrol",
        {"student_id": str(student), "group_id": str(crowded.id)},
    )
    assert response.status == 200
    assert "Ахметова Дана is enrolled in group “Физика 2”." in text_of(body)
    assert [m.person_id for m in (await group_card(admin, roomy.id)).students] == [student]


async def test_capacity_below_the_enrolled_count_is_refused(deps, panel):
    _, admin = await _signed_in_admin(deps, panel)
    group_id = await make_group(deps, admin, name="Химия 8", capacity=5)
    for _ in range(3):
        await enrol_student(
            deps, admin, group_id=group_id, student_id=await make_student(deps, admin)
        )
    card = await group_card(admin, group_id)

    response, body = await panel.get(f"/groups/{group_id}/edit")
    assert response.status == 200
    assert 'value="Химия 8"' in body
    response, body = await panel.post(
        f"/groups/{group_id}/edit",
        {"course_id": str(card.course.id), "name": "Химия 8Б", "capacity": "2"},
    )
    assert response.status == 400
    assert "Capacity cannot be below the 3 students already enrolled." in text_of(body)
    assert 'value="Химия 8Б"' in body
    after = await group_card(admin, group_id)
    assert (after.name, after.capacity) == ("Химия 8", 5)


async def test_a_group_cannot_end_before_it_starts_and_nothing_is_created(deps, panel):
    _, admin = await _signed_in_admin(deps, panel)
    course = await create_course(deps, admin, data=CourseData(name_ru="Физика"))
    await panel.get("/groups/new")
    response, body = await panel.post(
        "/groups/new",
        {
            "course_id": str(course.id),
            "name": "Физика 10",
            "capacity": "10",
            "starts_on": "2026-09-01",
            "ends_on": "2026-06-01",
        },
    )
    assert response.status == 400
    assert "The group cannot end before it starts." in text_of(body)
    assert await list_groups(admin, status=None) == []


async def test_a_capacity_that_is_not_a_number_is_explained(deps, panel):
    _, admin = await _signed_in_admin(deps, panel)
    course = await create_course(deps, admin, data=CourseData(name_ru="Физика"))
    response, body = await panel.post(
        "/groups/new", {"course_id": str(course.id), "name": "Физика 10", "capacity": "он"}
    )
    assert response.status == 400
    assert "“он” is not a whole number." in text_of(body)
    assert await list_groups(admin, status=None) == []


async def test_finishing_a_group_moves_it_between_the_filters(deps, panel):
    _, admin = await _signed_in_admin(deps, panel)
    group_id = await make_group(deps, admin, name="Биология 5")
    await panel.get(f"/groups/{group_id}")
    response, body = await panel.post(f"/groups/{group_id}/status", {"status": "finished"})
    assert response.status == 200
    assert "Finished" in text_of(body)
    assert "Enrol a student" not in body  # a finished group takes nobody

    _, active = await panel.get("/groups")
    _, finished = await panel.get("/groups?status=finished")
    _, everything = await panel.get("/groups?status=all")
    assert "Биология 5" not in text_of(active)
    assert "Биология 5" in text_of(finished)
    assert "Биология 5" in text_of(everything)

    response, body = await panel.post(f"/groups/{group_id}/status", {"status": "deleted"})
    assert response.status == 400
    assert "Choose active, finished or archived." in text_of(body)


async def test_ids_that_are_not_numbers_are_not_found(deps, panel):
    await _signed_in_admin(deps, panel)
    for path in ("/groups/abc", "/groups/1x/edit", "/groups/%20"):
        response, _ = await panel.get(path)
        assert response.status == 404, path
    response, _ = await panel.post("/groups/abc/enrol", {"student_id": "1"})
    assert response.status == 404
    response, _ = await panel.get("/groups/999999")
    assert response.status == 404


async def test_a_group_of_another_organisation_is_not_found(deps, panel):
    _, admin = await _signed_in_admin(deps, panel)
    other = await make_organisation(deps, name="Басқа орталық")
    other_admin = await make_member(deps, other, Role.ADMIN)
    foreign = await make_group(deps, other_admin, name="Бөтен топ")
    student = await make_student(deps, admin)

    response, body = await panel.get(f"/groups/{foreign}")
    assert response.status == 404
    assert "Бөтен топ" not in body
    response, _ = await panel.get(f"/groups/{foreign}/edit")
    assert response.status == 404
    response, _ = await panel.post(f"/groups/{foreign}/enrol", {"student_id": str(student)})
    assert response.status == 404
    assert (await group_card(other_admin, foreign)).students == ()


async def test_a_teacher_sees_groups_but_cannot_create_or_change_them(deps, panel):
    system = await make_organisation(deps)
    admin = await make_member(deps, system, Role.ADMIN)
    group_id = await make_group(deps, admin, name="Тарих 6")
    [course] = await list_courses(admin)
    await make_member(deps, system, Role.TEACHER, login="teacher@taraz.kz")
    await panel.sign_in("teacher@taraz.kz")

    response, body = await panel.get("/groups")
    assert response.status == 200
    assert "Тарих 6" in text_of(body)
    assert "/groups/new" not in body
    response, body = await panel.get(f"/groups/{group_id}")
    assert response.status == 200
    assert "Enrol a student" not in body
    assert "/edit" not in body

    for form in ("/groups/new", f"/groups/{group_id}/edit", "/courses/new"):
        response, _ = await panel.get(form)
        assert response.status == 403, form
    response, _ = await panel.post(
        "/groups/new", {"course_id": str(course.id), "name": "Тарих 7", "capacity": "10"}
    )
    assert response.status == 403
    response, _ = await panel.post(f"/groups/{group_id}/status", {"status": "archived"})
    assert response.status == 403
    assert [row.name for row in await list_groups(admin, status=None)] == ["Тарих 6"]
