"""The programming rating across the platform (issue 10): points, shared places, filters by
city, school and class, names shown across schools, and "My place"."""

from __future__ import annotations

from datetime import date

import pytest

from core.actor import Actor
from core.deps import Deps
from core.errors import NotFound
from core.models.org import OrganisationKind
from core.models.people import Membership, Role
from core.services.orgs import OrganisationData, update_organisation
from core.services.programming_rating import TASK_POINTS, my_places, programming_rating
from tests.factories import make_group, make_member, make_organisation
from tests.judge_factories import judged, make_task

pytestmark = pytest.mark.usefixtures("db")


async def _district(deps: Deps) -> Actor:
    """A district education authority whose published tasks its schools' students solve."""
    return await make_organisation(
        deps, name="Тараз білім бөлімі", kind=OrganisationKind.AUTHORITY
    )


async def _school(deps: Deps, name: str, city: str, district: Actor) -> Actor:
    system = await make_organisation(
        deps, name=name, kind=OrganisationKind.SCHOOL, parent_id=district.organisation_id
    )
    await update_organisation(
        deps,
        system,
        organisation_id=system.organisation_id,
        data=OrganisationData(name_ru=name, city=city),
    )
    return system


async def test_places_points_and_filters(deps: Deps) -> None:
    district = await _district(deps)
    taraz = await _school(deps, "№12 мектеп", "Тараз", district)
    almaty = await _school(deps, "Лицей 165", "Алматы", district)
    teacher = await make_member(deps, district, Role.TEACHER)
    tasks = [await make_task(deps, teacher, name=f"task {n}") for n in range(3)]
    aigerim = await make_member(
        deps, taraz, Role.STUDENT, last_name="Сейітова", first_name="Айгерім"
    )
    nurlan = await make_member(deps, taraz, Role.STUDENT, last_name="Омаров", first_name="Нұрлан")
    dana = await make_member(deps, almaty, Role.STUDENT, last_name="Ким", first_name="Дана")
    for task in tasks[:2]:
        await judged(deps, aigerim, task)
        await judged(deps, dana, task)
    await judged(deps, aigerim, tasks[0])  # the same task twice counts once
    await judged(deps, nurlan, tasks[2], verdict="wrong_answer")

    board = await programming_rating(nurlan, language="ru")
    assert [(row.place, row.name, row.points) for row in board.rows] == [
        (1, "Айгерім С.", 2 * TASK_POINTS),
        (1, "Дана К.", 2 * TASK_POINTS),
        (3, "Нұрлан О.", 0),
    ]
    assert board.me is not None and board.me.place == 3
    assert board.cities == ("Алматы", "Тараз")

    in_almaty = await programming_rating(nurlan, language="ru", city="Алматы")
    assert [row.name for row in in_almaty.rows] == ["Дана К."]
    assert in_almaty.me is None
    in_school = await programming_rating(dana, language="ru", school_id=taraz.organisation_id)
    assert [row.name for row in in_school.rows] == ["Айгерім С.", "Нұрлан О."]


async def test_the_class_filter_is_for_ones_own_classes(deps: Deps) -> None:
    district = await _district(deps)
    taraz = await _school(deps, "№12 мектеп", "Тараз", district)
    almaty = await _school(deps, "Лицей 165", "Алматы", district)
    group_elsewhere = await make_group(deps, almaty)
    student = await make_member(deps, taraz, Role.STUDENT)
    with pytest.raises(NotFound):
        await programming_rating(student, language="ru", group_id=group_elsewhere)


async def test_my_place_everywhere_in_the_city_and_in_the_school(deps: Deps) -> None:
    district = await _district(deps)
    taraz = await _school(deps, "№12 мектеп", "Тараз", district)
    other_taraz = await _school(deps, "№5 мектеп", "Тараз", district)
    almaty = await _school(deps, "Лицей 165", "Алматы", district)
    teacher = await make_member(deps, district, Role.TEACHER)
    task = await make_task(deps, teacher)
    me = await make_member(deps, taraz, Role.STUDENT, first_name="Айгерім")
    for school in (other_taraz, almaty):
        await judged(deps, await make_member(deps, school, Role.STUDENT), task)

    places = await my_places(me)
    assert places.everywhere is not None and places.city is not None and places.school
    assert (places.everywhere.place, places.everywhere.rated) == (3, 3)
    assert (places.city_name, places.city.place, places.city.rated) == ("Тараз", 2, 2)
    assert (places.school.place, places.school.rated) == (1, 1)
    assert (await my_places(teacher)).everywhere is None


async def test_a_student_of_two_schools_has_a_place_in_the_school_they_act_in(deps: Deps) -> None:
    district = await _district(deps)
    taraz = await _school(deps, "№12 мектеп", "Тараз", district)
    almaty = await _school(deps, "Лицей 165", "Алматы", district)
    teacher = await make_member(deps, district, Role.TEACHER)
    me = await make_member(deps, taraz, Role.STUDENT)
    # the same student is also enrolled at a lyceum in Almaty, joined later
    await Membership.create(
        person_id=me.person_id,
        organisation_id=almaty.organisation_id,
        role=Role.STUDENT,
        started_on=date(2026, 9, 1),
    )
    await judged(deps, me, await make_task(deps, teacher))

    places = await my_places(me)

    assert places.school is not None and (places.school.place, places.school.rated) == (1, 1)
    assert places.city is not None and places.city_name == "Тараз"
