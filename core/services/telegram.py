"""Telegram: linking a Telegram user to a person, and what the bots need to know about them.

The bots (``bots/``) call these use cases and render the plain data they return. A Telegram
user is known by the ``Account`` whose ``telegram_user_id`` they are; everything else (roles,
children, language) follows from the person behind that account.

A person reads their own profile and their own children's, nothing more: the bot is how
students and parents reach Sabaq, and neither role may see other people.
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.expressions import Q

from core.actor import Actor
from core.config import LANGUAGES
from core.deps import Deps
from core.errors import InvalidInput, NotFound
from core.i18n import N_
from core.models.academics import Enrolment, Group, GroupTeacher
from core.models.org import Organisation
from core.models.people import Account, ParentLink, Person
from core.models.people import Role as Role  # noqa: PLC0414 - re-exported for the bots
from core.services.accounts import actor_for, do_accept_invitation_telegram, workplaces
from core.services.people import MAX_ID, full_name
from core.tx import transaction

#: Telegram user ids are positive and fit in 52 bits; anything else is not a Telegram user.
_MAX_TELEGRAM_ID = 2**52


@dataclass(frozen=True)
class Names:
    """A name kept in each language (organisations are named in kk, ru and en)."""

    kk: str
    ru: str
    en: str

    def pick(self, language: str) -> str:
        """The name in ``language``, else the first one that is filled in."""
        preferred: str = getattr(self, language, "") if language in LANGUAGES else ""
        return preferred or self.ru or self.kk or self.en


@dataclass(frozen=True)
class Place:
    """An organisation where the person holds active roles (ordered as ``Role`` is)."""

    organisation_id: int
    names: Names
    default_language: str
    roles: tuple[Role, ...]


@dataclass(frozen=True)
class Child:
    id: int
    full_name: str


@dataclass(frozen=True)
class Identity:
    """Who a Telegram user is: their person, account, places and (for parents) children.

    ``language`` is the person's own choice (``None`` until they make one); ``unreachable``
    says a delivery found the bot blocked by them.
    """

    person_id: int
    account_id: int
    full_name: str
    language: str | None
    places: tuple[Place, ...]
    children: tuple[Child, ...]
    unreachable: bool

    def place(self, organisation_id: int) -> Place | None:
        return next((p for p in self.places if p.organisation_id == organisation_id), None)

    def child(self, child_id: int) -> Child | None:
        return next((c for c in self.children if c.id == child_id), None)


@dataclass(frozen=True)
class LinkedPerson:
    person_id: int
    account_id: int
    full_name: str
    language: str | None


@dataclass(frozen=True)
class GroupRef:
    id: int
    name: str


@dataclass(frozen=True)
class ChildProfile:
    id: int
    full_name: str
    groups: tuple[GroupRef, ...]


@dataclass(frozen=True)
class Profile:
    """ "My profile" in the bot: who, where, as what, in which groups (and the chosen child)."""

    person_id: int
    full_name: str
    organisation: Names
    roles: tuple[Role, ...]
    groups: tuple[GroupRef, ...]
    child: ChildProfile | None


def _role_order(role: Role) -> int:
    return list(Role).index(role)


def _valid_telegram_id(telegram_user_id: int) -> bool:
    return 0 < telegram_user_id < _MAX_TELEGRAM_ID


async def link_telegram(
    deps: Deps, *, code: str, telegram_user_id: int, language: str | None
) -> LinkedPerson:
    """Link a Telegram user to the person an invitation is for (the bot's ``/start <code>``).

    ``language`` is remembered only when the link creates the person's account and no
    choice was made before.

    Raises:
        InvalidInput: unknown, revoked, used or expired code.
        Conflict: this Telegram user is linked to someone else already.
    """
    if not _valid_telegram_id(telegram_user_id):
        raise InvalidInput(N_("This invitation code is not valid. Ask for a new one."))
    async with transaction(deps) as tx:
        account = await do_accept_invitation_telegram(
            tx, code=code, telegram_user_id=telegram_user_id, language=language
        )
        person = await Person.get(id=account.person_id)  # type: ignore[attr-defined]
    return LinkedPerson(
        person_id=person.id,
        account_id=account.id,
        full_name=full_name(person.last_name, person.first_name),
        language=account.language,
    )


async def _linked_account(telegram_user_id: int) -> Account | None:
    if not _valid_telegram_id(telegram_user_id):
        return None
    return await Account.get_or_none(telegram_user_id=telegram_user_id)


async def telegram_identity(telegram_user_id: int) -> Identity | None:
    """Who this Telegram user is, or ``None`` when no account is linked to them."""
    account = await _linked_account(telegram_user_id)
    if account is None:
        return None
    person = await Person.get(id=account.person_id)  # type: ignore[attr-defined]
    places = await workplaces(person.id)
    orgs = {
        org.id: org
        for org in await Organisation.filter(id__in=[p.organisation_id for p in places])
    }
    links = await ParentLink.filter(parent_id=person.id).prefetch_related("child").order_by("id")
    children = sorted(
        (
            Child(
                id=link.child.id, full_name=full_name(link.child.last_name, link.child.first_name)
            )
            for link in links
        ),
        key=lambda child: (child.full_name, child.id),
    )
    return Identity(
        person_id=person.id,
        account_id=account.id,
        full_name=full_name(person.last_name, person.first_name),
        language=account.language,
        places=tuple(
            Place(
                organisation_id=place.organisation_id,
                names=Names(
                    kk=orgs[place.organisation_id].name_kk,
                    ru=orgs[place.organisation_id].name_ru,
                    en=orgs[place.organisation_id].name_en,
                ),
                default_language=orgs[place.organisation_id].default_language,
                roles=tuple(sorted(place.roles, key=_role_order)),
            )
            for place in places
        ),
        children=tuple(children),
        unreachable=account.telegram_blocked_at is not None,
    )


async def telegram_actor(
    telegram_user_id: int, *, organisation_id: int | None = None
) -> Actor | None:
    """The actor for a linked Telegram user, working in ``organisation_id`` (or their first).

    ``None`` when the user is not linked or holds no active role there.
    """
    account = await _linked_account(telegram_user_id)
    if account is None:
        return None
    return await actor_for(account.id, organisation_id)


async def set_telegram_language(telegram_user_id: int, language: str) -> bool:
    """Remember the language a linked Telegram user chose; ``False`` if it was this already.

    One conditional update, so two presses of the same button change it once.

    Raises:
        InvalidInput: not one of kk, ru, en.
        NotFound: the Telegram user is not linked to anyone.
    """
    if language not in LANGUAGES:
        raise InvalidInput(N_("Choose Kazakh, Russian or English."), field="language")
    account = await _linked_account(telegram_user_id)
    if account is None:
        raise NotFound()
    changed = await Account.filter(
        Q(id=account.id) & (Q(language__isnull=True) | Q(language__not=language))
    ).update(language=language)
    return changed > 0


async def mark_reachable(telegram_user_id: int) -> None:
    """The user wrote to the bot, so Telegram delivers to them again: clear the blocked mark."""
    if _valid_telegram_id(telegram_user_id):
        await Account.filter(
            telegram_user_id=telegram_user_id, telegram_blocked_at__isnull=False
        ).update(telegram_blocked_at=None)


async def mark_unreachable(deps: Deps, telegram_user_id: int) -> None:
    """Telegram refused to deliver to this user (they blocked the bot): remember since when."""
    if _valid_telegram_id(telegram_user_id):
        await Account.filter(
            telegram_user_id=telegram_user_id, telegram_blocked_at__isnull=True
        ).update(telegram_blocked_at=deps.clock.now())


async def _groups_of(person_id: int, organisation_ids: list[int]) -> tuple[GroupRef, ...]:
    """Groups the person studies in now or teaches, within the given organisations.

    A trusted query: the caller has decided the actor may know these groups.
    """
    enrolled = Enrolment.filter(student_id=person_id, active_key__isnull=False).values_list(
        "group_id", flat=True
    )
    taught = GroupTeacher.filter(teacher_id=person_id).values_list("group_id", flat=True)
    ids = {*await enrolled, *await taught}
    if not ids:
        return ()
    rows = await Group.filter(
        Q(id__in=list(ids)) & Q(organisation_id__in=organisation_ids)
    ).values("id", "name")
    return tuple(
        GroupRef(id=row["id"], name=row["name"])
        for row in sorted(rows, key=lambda row: (row["name"], row["id"]))
    )


async def _subtree(organisation_id: int) -> list[int]:
    ids = [organisation_id]
    frontier = [organisation_id]
    while frontier:
        frontier = list(
            await Organisation.filter(parent_id__in=frontier).values_list("id", flat=True)  # type: ignore[arg-type]
        )
        ids.extend(frontier)
    return ids


async def profile(actor: Actor, *, child_id: int | None = None) -> Profile:
    """The actor's own profile, with one of their children when ``child_id`` is given.

    Groups are those in the actor's organisation and its branches.

    Raises:
        NotFound: the actor is not a person, or ``child_id`` is not their child (whether
            or not such a person exists).
    """
    if actor.person_id is None:
        raise NotFound()
    person = await Person.get_or_none(id=actor.person_id)
    organisation = await Organisation.get_or_none(id=actor.organisation_id)
    if person is None or organisation is None:
        raise NotFound()
    reach = await _subtree(actor.organisation_id)
    child: ChildProfile | None = None
    if child_id is not None and child_id != person.id:
        link = (
            await ParentLink.filter(parent_id=person.id, child_id=child_id)
            .prefetch_related("child")
            .first()
            if 0 < child_id <= MAX_ID
            else None
        )
        if link is None:
            raise NotFound()
        child = ChildProfile(
            id=link.child.id,
            full_name=full_name(link.child.last_name, link.child.first_name),
            groups=await _groups_of(link.child.id, reach),
        )
    return Profile(
        person_id=person.id,
        full_name=full_name(person.last_name, person.first_name),
        organisation=Names(
            kk=organisation.name_kk, ru=organisation.name_ru, en=organisation.name_en
        ),
        roles=tuple(sorted(actor.roles, key=_role_order)),
        groups=await _groups_of(person.id, reach),
        child=child,
    )
