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
from core.services.accounts import do_accept_invitation_telegram, inherited_roles
from core.services.people import MAX_ID, full_name
from core.sql import Sql
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
    parent_id: int | None


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
    """Who this Telegram user is, or ``None`` when no account is linked to them.

    Read on every update the bots receive, so it is three plain queries (``Sql``) however
    many roles, organisations and children the person has.
    """
    if not _valid_telegram_id(telegram_user_id):
        return None
    q = Sql()
    found = await q.rows(
        "SELECT a.id AS account_id, a.person_id, a.language,"
        " a.telegram_blocked_at IS NOT NULL AS blocked, p.last_name, p.first_name"
        " FROM account a JOIN person p ON p.id = a.person_id"
        f" WHERE a.telegram_user_id = {q(telegram_user_id)}"
    )
    if not found:
        return None
    (account,) = found
    person_id = account["person_id"]
    q = Sql()
    memberships = await q.rows(
        "SELECT m.organisation_id, m.role, o.name_kk, o.name_ru, o.name_en,"
        " o.default_language, o.parent_id"
        " FROM membership m JOIN organisation o ON o.id = m.organisation_id"
        f" WHERE m.person_id = {q(person_id)} AND m.archived_at IS NULL"
        " ORDER BY m.organisation_id"
    )
    q = Sql()
    children = await q.rows(
        "SELECT p.id, p.last_name, p.first_name"
        " FROM parent_link l JOIN person p ON p.id = l.child_id"
        f" WHERE l.parent_id = {q(person_id)}"
    )
    roles: dict[int, set[Role]] = {}
    for row in memberships:
        roles.setdefault(row["organisation_id"], set()).add(Role(row["role"]))
    organisations = {row["organisation_id"]: row for row in memberships}
    return Identity(
        person_id=person_id,
        account_id=account["account_id"],
        full_name=full_name(account["last_name"], account["first_name"]),
        language=account["language"],
        places=tuple(
            Place(
                organisation_id=org_id,
                names=Names(kk=org["name_kk"], ru=org["name_ru"], en=org["name_en"]),
                default_language=org["default_language"],
                roles=tuple(sorted(roles[org_id], key=_role_order)),
                parent_id=org["parent_id"],
            )
            for org_id, org in organisations.items()
        ),
        children=tuple(
            sorted(
                (
                    Child(id=row["id"], full_name=full_name(row["last_name"], row["first_name"]))
                    for row in children
                ),
                key=lambda child: (child.full_name, child.id),
            )
        ),
        unreachable=bool(account["blocked"]),
    )


async def identity_actor(identity: Identity, organisation_id: int | None = None) -> Actor | None:
    """The actor for a Telegram user, working in ``organisation_id`` (or their first).

    The same rule as ``actor_for`` (roles in an ancestor count in its descendants), read
    from the identity the bot already holds. ``None`` when they hold no role there.
    """
    if not identity.places:
        return None
    target = organisation_id if organisation_id is not None else identity.places[0].organisation_id
    roles = await inherited_roles(
        {place.organisation_id: frozenset(place.roles) for place in identity.places},
        target,
        {place.organisation_id: place.parent_id for place in identity.places},
    )
    if not roles:
        return None
    return Actor(
        person_id=identity.person_id,
        organisation_id=target,
        roles=roles,
        account_id=identity.account_id,
    )


async def telegram_actor(
    telegram_user_id: int, *, organisation_id: int | None = None
) -> Actor | None:
    """The actor for a linked Telegram user, working in ``organisation_id`` (or their first).

    ``None`` when the user is not linked or holds no active role there.
    """
    identity = await telegram_identity(telegram_user_id)
    return await identity_actor(identity, organisation_id) if identity else None


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
