"""core.services.people and the invitation half of core.services.accounts, without the web."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.services.accounts import (
    accept_invitation,
    authenticate,
    create_invitation,
    list_invitations,
    peek_invitation,
    revoke_invitation,
    set_credentials,
)
from core.services.people import (
    PeopleFilter,
    PersonData,
    Role,
    add_role,
    archive_person,
    create_person,
    list_people,
    person_card,
    restore_person,
)
from tests.factories import make_member, make_organisation, valid_iin


async def names(actor, query: str = "", **filters) -> list[str]:
    page = await list_people(actor, filters=PeopleFilter(query=query, **filters))
    return [row.full_name for row in page.rows]


async def test_search_folds_case_and_yo_and_finds_a_phone_in_any_local_form(deps):
    system = await make_organisation(deps)
    iin = valid_iin()
    await create_person(
        deps,
        system,
        data=PersonData("Семёнова", "Әсел", phone="+7 701 123 45 67", iin=iin),
        roles=(Role.STUDENT,),
    )
    assert await names(system, iin) == ["Семёнова Әсел"]
    assert await names(system, iin[:6]) == ["Семёнова Әсел"]
    assert await names(system, "ӘСЕЛ") == ["Семёнова Әсел"]
    assert await names(system, "семенова") == ["Семёнова Әсел"]
    assert await names(system, "8 (701) 123-45-67") == ["Семёнова Әсел"]
    assert await names(system, "87011234567") == ["Семёнова Әсел"]
    assert await names(system, "8 702 123 45 67") == []


async def test_a_refused_person_leaves_nothing_behind(deps):
    system = await make_organisation(deps)
    iin = valid_iin()
    await create_person(
        deps, system, data=PersonData("Омаров", "Нұрлан", iin=iin), roles=(Role.STUDENT,)
    )
    with pytest.raises(Conflict):
        await create_person(
            deps, system, data=PersonData("Басқа", "Бала", iin=iin), roles=(Role.STUDENT,)
        )
    bad = iin[:11] + str((int(iin[11]) + 1) % 10)
    with pytest.raises(InvalidInput) as refused:
        await create_person(
            deps, system, data=PersonData("Басқа", "Бала", iin=bad), roles=(Role.STUDENT,)
        )
    assert refused.value.field == "iin"
    assert await names(system, "басқа") == []


async def test_a_new_parent_is_linked_to_the_child_in_the_same_step(deps):
    system = await make_organisation(deps)
    admin = await make_member(deps, system, Role.ADMIN)
    child = await create_person(
        deps, admin, data=PersonData("Омаров", "Нұрлан"), roles=(Role.STUDENT,)
    )
    parent = await create_person(
        deps, admin, data=PersonData("Омарова", "Айгүл"), roles=(Role.PARENT,), parent_of=child.id
    )
    assert parent.children == ((child.id, "Омаров Нұрлан"),)

    other = await make_organisation(deps, name="Басқа мектеп")
    stranger = await create_person(
        deps, other, data=PersonData("Бөтен", "Бала"), roles=(Role.STUDENT,)
    )
    with pytest.raises(NotFound):
        await create_person(
            deps,
            admin,
            data=PersonData("Бөтенова", "Ана"),
            roles=(Role.PARENT,),
            parent_of=stranger.id,
        )
    assert await names(system, "бөтенова") == []


async def test_an_id_beyond_the_database_range_is_simply_not_found(deps):
    system = await make_organisation(deps)
    with pytest.raises(NotFound):
        await person_card(system, 10**20)
    with pytest.raises(NotFound):
        await revoke_invitation(deps, system, invitation_id=10**20)


async def test_archiving_twice_or_restoring_an_active_person_is_a_conflict(deps):
    system = await make_organisation(deps)
    card = await create_person(
        deps, system, data=PersonData("Омаров", "Нұрлан"), roles=(Role.STUDENT,)
    )
    with pytest.raises(Conflict):
        await restore_person(deps, system, person_id=card.id)
    archived = await archive_person(deps, system, person_id=card.id)
    assert archived.roles == ()
    assert archived.archived_roles == (Role.STUDENT,)
    with pytest.raises(Conflict):
        await archive_person(deps, system, person_id=card.id)
    assert await names(system, archived=True) == ["Омаров Нұрлан"]


# --- managing people is not a way up ------------------------------------------------------


async def test_a_manager_cannot_make_anyone_an_administrator(deps):
    system = await make_organisation(deps)
    manager = await make_member(deps, system, Role.MANAGER)
    with pytest.raises(PermissionDenied):
        await add_role(deps, manager, person_id=manager.person_id, role=Role.ADMIN)
    with pytest.raises(PermissionDenied):
        await create_person(deps, manager, data=PersonData("Жаңа", "Админ"), roles=(Role.ADMIN,))
    assert (await person_card(system, manager.person_id)).roles == (Role.MANAGER,)
    assert await names(system, "жаңа") == []
    # Roles within the manager's own reach are fine.
    teacher = await create_person(
        deps, manager, data=PersonData("Жаңа", "Мұғалім"), roles=(Role.TEACHER,)
    )
    assert teacher.roles == (Role.TEACHER,)


async def test_a_manager_cannot_take_over_or_archive_an_administrators_account(deps):
    system = await make_organisation(deps)
    admin = await make_member(deps, system, Role.ADMIN, login="admin@taraz.kz")
    manager = await make_member(deps, system, Role.MANAGER)
    with pytest.raises(PermissionDenied):
        await set_credentials(
            deps,
            manager,
            person_id=admin.person_id,
            login="admin@taraz.kz",
            password="stolen pass",
        )
    with pytest.raises(PermissionDenied):
        await create_invitation(deps, manager, person_id=admin.person_id)
    with pytest.raises(PermissionDenied):
        await archive_person(deps, manager, person_id=admin.person_id)
    signed_in = await authenticate(
        deps, login="admin@taraz.kz", password="correct horse", client="t"
    )
    assert signed_in.person_id == admin.person_id


async def test_nobody_sets_the_password_of_someone_who_also_belongs_elsewhere(deps):
    school = await make_organisation(deps, name="Мектеп")
    centre = await make_organisation(deps, name="Орталық")
    centre_admin = await make_member(deps, centre, Role.ADMIN)
    teacher = await make_member(deps, school, Role.TEACHER, login="teacher@school.kz")
    await add_role(deps, centre, person_id=teacher.person_id, role=Role.PARENT)
    with pytest.raises(PermissionDenied):
        await set_credentials(
            deps,
            centre_admin,
            person_id=teacher.person_id,
            login="x@centre.kz",
            password="12345678",
        )
    with pytest.raises(PermissionDenied):
        await create_invitation(deps, centre_admin, person_id=teacher.person_id)


# --- invitations ----------------------------------------------------------------------------


async def test_an_invitation_is_spent_once_and_shows_its_state(deps, clock):
    system = await make_organisation(deps)
    card = await create_person(
        deps, system, data=PersonData("Омаров", "Нұрлан"), roles=(Role.TEACHER,)
    )
    first = await create_invitation(deps, system, person_id=card.id)
    second = await create_invitation(deps, system, person_id=card.id)
    assert (await peek_invitation(deps, code=first.code)).person_name == "Омаров Нұрлан"

    await accept_invitation(deps, code=first.code, login="nurlan", password="12345678")
    with pytest.raises(InvalidInput, match="already been used"):
        await accept_invitation(deps, code=first.code, login="other", password="12345678")
    await revoke_invitation(deps, system, invitation_id=second.id)
    with pytest.raises(Conflict):
        await revoke_invitation(deps, system, invitation_id=second.id)
    with pytest.raises(InvalidInput, match="not valid"):
        await peek_invitation(deps, code=second.code)

    third = await create_invitation(deps, system, person_id=card.id, days=1)
    clock.advance(timedelta(days=1))
    with pytest.raises(InvalidInput, match="expired"):
        await peek_invitation(deps, code=third.code)
    states = [
        view.state(clock.now()) for view in await list_invitations(system, person_id=card.id)
    ]
    assert states == ["expired", "revoked", "used"]
    with pytest.raises(InvalidInput):
        await create_invitation(deps, system, person_id=card.id, days=31)
