"""Test data through the same core functions the product uses."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date

from core.actor import Actor
from core.deps import Deps
from core.iin import check_digit
from core.models.org import OrganisationKind
from core.models.people import Role
from core.services.academics import (
    CourseData,
    GroupData,
    create_course,
    create_group,
    enrol_student,
)
from core.services.accounts import actor_for, do_set_credentials
from core.services.conversations import ConversationKind, list_conversations
from core.services.orgs import OrganisationData, do_create_organisation
from core.services.people import PersonData, create_person, do_create_person
from core.tx import transaction

_serial = itertools.count(1)


def valid_iin(born: date = date(2010, 5, 17), *, female: bool = False) -> str:
    """A fresh IIN with a correct check digit (unique within a test run)."""
    while True:
        century = {1800: 1, 1900: 3, 2000: 5}[born.year // 100 * 100] + int(female)
        first = f"{born:%y%m%d}{century}{next(_serial) % 10000:04d}"
        digit = check_digit(first)
        if digit is not None:
            return f"{first}{digit}"


async def make_organisation(
    deps: Deps,
    *,
    name: str = "Sabaq Тараз",
    kind: OrganisationKind = OrganisationKind.LEARNING_CENTRE,
    parent_id: int | None = None,
) -> Actor:
    """A new organisation; returns a trusted system actor working in it."""
    async with transaction(deps) as tx:
        org = await do_create_organisation(
            tx,
            Actor.system(0, "test"),
            kind=kind,
            data=OrganisationData(name_ru=name, name_kk=name, name_en=name),
            parent_id=parent_id,
        )
    return Actor.system(org.id, "test")


async def make_member(
    deps: Deps,
    system: Actor,
    role: Role,
    *,
    last_name: str = "Сейітова",
    first_name: str = "Әсел",
    login: str | None = None,
) -> Actor:
    """A person holding ``role`` in the system actor's organisation, signed in as an actor."""
    login = login or f"{role.value}{next(_serial)}@example.kz"
    async with transaction(deps) as tx:
        person = await do_create_person(
            tx,
            system,
            organisation_id=system.organisation_id,
            data=PersonData(last_name=last_name, first_name=first_name),
            roles=(role,),
        )
        account = await do_set_credentials(
            tx, system, person=person, login=login, password="correct horse"
        )
    actor = await actor_for(account.id, system.organisation_id)
    assert actor is not None
    return actor


async def make_student(
    deps: Deps, admin: Actor, last_name: str = "Омаров", first_name: str = "Нұрлан"
) -> int:
    card = await create_person(
        deps,
        admin,
        data=PersonData(last_name=last_name, first_name=first_name, iin=valid_iin()),
        roles=(Role.STUDENT,),
    )
    return card.id


async def make_group(
    deps: Deps, admin: Actor, *, name: str = "Математика 7А", capacity: int = 12
) -> int:
    course = await create_course(
        deps, admin, data=CourseData(name_ru="Математика", name_kk="Математика")
    )
    card = await create_group(
        deps, admin, data=GroupData(course_id=course.id, name=name, capacity=capacity)
    )
    return card.id


@dataclass
class ChatCentre:
    """An organisation with an admin, a teacher and two students sharing a group chat."""

    admin: Actor
    teacher: Actor
    aigul: Actor
    timur: Actor
    group_id: int
    chat_id: int


async def make_chat_centre(deps: Deps) -> ChatCentre:
    system = await make_organisation(deps)
    admin = await make_member(deps, system, Role.ADMIN, login="admin@sabaq.kz")
    teacher = await make_member(
        deps, system, Role.TEACHER, last_name="Ахметов", first_name="Ерлан", login="erlan@sabaq.kz"
    )
    aigul = await make_member(
        deps,
        system,
        Role.STUDENT,
        last_name="Сейтқали",
        first_name="Айгүл",
        login="aigul@sabaq.kz",
    )
    timur = await make_member(
        deps, system, Role.STUDENT, last_name="Ким", first_name="Тимур", login="timur@sabaq.kz"
    )
    course = await create_course(deps, admin, data=CourseData(name_ru="Алгебра"))
    group = await create_group(
        deps,
        admin,
        data=GroupData(
            course_id=course.id, name="Алгебра 7А", capacity=10, teacher_ids=(teacher.person_id,)
        ),
    )
    for student in (aigul, timur):
        await enrol_student(deps, admin, group_id=group.id, student_id=student.person_id)
    (chat,) = [
        c for c in await list_conversations(deps, teacher) if c.kind == ConversationKind.GROUP
    ]
    return ChatCentre(admin, teacher, aigul, timur, group.id, chat.id)


async def make_web_chat_centre(deps: Deps) -> tuple[Actor, Actor, Actor, Actor, int]:
    """An admin, a teacher and a student with web accounts (logins at bilim.kz), their group
    and its chat: the system actor, admin, teacher, student and the chat's id."""
    system = await make_organisation(deps, name="Білім орталығы")
    admin = await make_member(
        deps, system, Role.ADMIN, last_name="Әкімова", first_name="Дина", login="admin@bilim.kz"
    )
    teacher = await make_member(
        deps,
        system,
        Role.TEACHER,
        last_name="Ахметов",
        first_name="Ерлан",
        login="teacher@bilim.kz",
    )
    student = await make_member(
        deps,
        system,
        Role.STUDENT,
        last_name="Сейтқали",
        first_name="Айгүл",
        login="aigul@bilim.kz",
    )
    course = await create_course(deps, admin, data=CourseData(name_ru="Алгебра"))
    group = await create_group(
        deps,
        admin,
        data=GroupData(
            course_id=course.id, name="Алгебра 7А", capacity=10, teacher_ids=(teacher.person_id,)
        ),
    )
    await enrol_student(deps, admin, group_id=group.id, student_id=student.person_id)
    chat = next(iter(await list_conversations(deps, student)))
    return system, admin, teacher, student, chat.id
