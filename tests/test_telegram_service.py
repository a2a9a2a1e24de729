"""Linking Telegram users to people, and what the bots may read about them (real database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from core.actor import Actor
from core.clock import FrozenClock
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound
from core.models.people import Account
from core.services.accounts import create_invitation, revoke_invitation
from core.services.people import Role
from core.services.telegram import (
    identity_actor,
    link_telegram,
    mark_reachable,
    mark_unreachable,
    profile,
    set_telegram_language,
    telegram_actor,
    telegram_identity,
)
from tests.bots import invitation_code, make_family
from tests.factories import make_member, make_organisation, make_student

PARENT_TG = 700_000_001
OTHER_TG = 700_000_002


async def invite(deps: Deps, admin: Actor, person_id: int) -> str:
    return await invitation_code(deps, admin, person_id)


async def test_a_good_code_links_the_telegram_user_to_the_invited_person(deps):
    family = await make_family(deps)
    code = await invite(deps, family.admin, family.parent_id)

    linked = await link_telegram(deps, code=code, telegram_user_id=PARENT_TG, language="kk")

    assert linked.person_id == family.parent_id
    assert linked.full_name == "Омарова Сәуле"
    assert linked.language == "kk"
    account = await Account.get(person_id=family.parent_id)
    assert account.telegram_user_id == PARENT_TG


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        ("use", "This invitation has already been used. Ask for a new one."),
        ("expire", "This invitation has expired. Ask for a new one."),
        ("revoke", "This invitation code is not valid. Ask for a new one."),
        ("unknown", "This invitation code is not valid. Ask for a new one."),
    ],
)
async def test_a_code_that_cannot_be_used_says_why(
    deps: Deps, clock: FrozenClock, spoil: str, message: str
):
    family = await make_family(deps)
    view = await create_invitation(deps, family.admin, person_id=family.first_child)
    code = view.code
    if spoil == "use":
        await link_telegram(deps, code=code, telegram_user_id=OTHER_TG, language=None)
    elif spoil == "expire":
        clock.advance(timedelta(days=7, seconds=1))
    elif spoil == "revoke":
        await revoke_invitation(deps, family.admin, invitation_id=view.id)
    else:
        code = "no-such-code"

    with pytest.raises(InvalidInput) as raised:
        await link_telegram(deps, code=code, telegram_user_id=PARENT_TG, language=None)

    assert raised.value.translated("en") == message
    assert await telegram_identity(PARENT_TG) is None


async def test_a_second_telegram_user_cannot_take_a_linked_person_with_the_same_code(deps):
    family = await make_family(deps)
    code = await invite(deps, family.admin, family.parent_id)
    await link_telegram(deps, code=code, telegram_user_id=PARENT_TG, language=None)

    with pytest.raises(InvalidInput):
        await link_telegram(deps, code=code, telegram_user_id=OTHER_TG, language=None)

    account = await Account.get(person_id=family.parent_id)
    assert account.telegram_user_id == PARENT_TG
    assert await telegram_identity(OTHER_TG) is None


async def test_a_linked_telegram_user_cannot_be_linked_to_a_second_person(deps):
    family = await make_family(deps)
    await link_telegram(
        deps,
        code=await invite(deps, family.admin, family.parent_id),
        telegram_user_id=PARENT_TG,
        language=None,
    )
    child_code = await invite(deps, family.admin, family.first_child)

    with pytest.raises(Conflict) as raised:
        await link_telegram(deps, code=child_code, telegram_user_id=PARENT_TG, language=None)

    assert "already linked to another person" in raised.value.translated("en")
    assert not await Account.exists(person_id=family.first_child)
    # The refused code stays usable for the child.
    linked = await link_telegram(deps, code=child_code, telegram_user_id=OTHER_TG, language=None)
    assert linked.person_id == family.first_child


async def test_identity_lists_the_places_and_the_children_of_a_parent(deps):
    family = await make_family(deps)
    await link_telegram(
        deps,
        code=await invite(deps, family.admin, family.parent_id),
        telegram_user_id=PARENT_TG,
        language=None,
    )

    identity = await telegram_identity(PARENT_TG)

    assert identity is not None
    assert identity.person_id == family.parent_id
    assert identity.language is None
    assert [(p.organisation_id, p.roles) for p in identity.places] == [
        (family.admin.organisation_id, (Role.PARENT,))
    ]
    assert identity.places[0].names.pick("kk") == "Білім орталығы"
    assert [(c.id, c.full_name) for c in identity.children] == [
        (family.second_child, "Омаров Нұрлан"),
        (family.first_child, "Омарова Айгерім"),
    ]
    assert await telegram_identity(OTHER_TG) is None
    assert await telegram_identity(-5) is None


async def test_the_actor_is_the_person_in_their_organisation(deps):
    family = await make_family(deps)
    await link_telegram(
        deps,
        code=await invite(deps, family.admin, family.parent_id),
        telegram_user_id=PARENT_TG,
        language=None,
    )

    actor = await telegram_actor(PARENT_TG)

    assert actor is not None
    assert actor.person_id == family.parent_id
    assert actor.organisation_id == family.admin.organisation_id
    assert actor.roles == frozenset({Role.PARENT})
    assert await telegram_actor(OTHER_TG) is None


async def test_a_role_held_in_the_organisation_above_counts_in_the_one_below(deps):
    district = await make_organisation(deps, name="Аудан білім бөлімі")
    school = await make_organisation(deps, name="№5 мектеп", parent_id=district.organisation_id)
    inspector = await make_member(deps, district, Role.ADMIN)
    await link_telegram(
        deps,
        code=await invite(deps, district, inspector.person_id or 0),
        telegram_user_id=OTHER_TG,
        language=None,
    )
    identity = await telegram_identity(OTHER_TG)
    assert identity is not None

    in_school = await identity_actor(identity, school.organisation_id)
    elsewhere = await identity_actor(identity, (await make_organisation(deps)).organisation_id)

    assert in_school is not None
    assert in_school.roles == frozenset({Role.ADMIN})
    assert elsewhere is None


async def test_the_language_choice_is_remembered_once(deps):
    family = await make_family(deps)
    await link_telegram(
        deps,
        code=await invite(deps, family.admin, family.parent_id),
        telegram_user_id=PARENT_TG,
        language=None,
    )

    assert await set_telegram_language(PARENT_TG, "kk") is True
    assert await set_telegram_language(PARENT_TG, "kk") is False
    identity = await telegram_identity(PARENT_TG)
    assert identity is not None
    assert identity.language == "kk"
    with pytest.raises(InvalidInput):
        await set_telegram_language(PARENT_TG, "de")
    with pytest.raises(NotFound):
        await set_telegram_language(OTHER_TG, "ru")


async def test_a_parent_reads_their_own_profile_and_their_childrens(deps):
    family = await make_family(deps)
    await link_telegram(
        deps,
        code=await invite(deps, family.admin, family.parent_id),
        telegram_user_id=PARENT_TG,
        language=None,
    )
    actor = await telegram_actor(PARENT_TG)
    assert actor is not None

    own = await profile(actor)
    child = await profile(actor, child_id=family.first_child)
    other_child = await profile(actor, child_id=family.second_child)

    assert own.full_name == "Омарова Сәуле"
    assert own.organisation.pick("ru") == "Білім орталығы"
    assert own.roles == (Role.PARENT,)
    assert own.child is None
    assert child.child is not None
    assert child.child.full_name == "Омарова Айгерім"
    assert [group.name for group in child.child.groups] == ["Математика 7А"]
    assert other_child.child is not None
    assert other_child.child.groups == ()


async def test_a_parent_cannot_read_the_profile_of_someone_elses_child(deps):
    family = await make_family(deps)
    stranger_child = await make_student(deps, family.admin, "Жұмабаев", "Ерлан")
    await link_telegram(
        deps,
        code=await invite(deps, family.admin, family.parent_id),
        telegram_user_id=PARENT_TG,
        language=None,
    )
    actor = await telegram_actor(PARENT_TG)
    assert actor is not None

    for child_id in (stranger_child, family.admin.organisation_id + 10_000, -1, 2**40):
        with pytest.raises(NotFound):
            await profile(actor, child_id=child_id)
    with pytest.raises(NotFound):
        await profile(replace(actor, person_id=None))


async def test_a_student_sees_their_own_groups(deps):
    family = await make_family(deps)
    await link_telegram(
        deps,
        code=await invite(deps, family.admin, family.first_child),
        telegram_user_id=OTHER_TG,
        language=None,
    )
    actor = await telegram_actor(OTHER_TG)
    assert actor is not None

    mine = await profile(actor)

    assert mine.roles == (Role.STUDENT,)
    assert [group.name for group in mine.groups] == ["Математика 7А"]


async def test_writing_to_the_bot_again_clears_the_unreachable_mark(deps):
    family = await make_family(deps)
    await link_telegram(
        deps,
        code=await invite(deps, family.admin, family.parent_id),
        telegram_user_id=PARENT_TG,
        language=None,
    )

    await mark_unreachable(deps, PARENT_TG)
    identity = await telegram_identity(PARENT_TG)
    assert identity is not None
    assert identity.unreachable
    assert (await Account.get(person_id=family.parent_id)).telegram_blocked_at == deps.clock.now()

    await mark_reachable(PARENT_TG)
    identity = await telegram_identity(PARENT_TG)
    assert identity is not None
    assert not identity.unreachable
