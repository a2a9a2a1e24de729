"""Accounts: password sign-in, the actor behind a session, invitations.

Passwords are hashed with argon2 (``argon2-cffi`` defaults). Sign-in is rate-limited per login
and per client address, and the answer never tells whether the login exists.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from limits import RateLimitItemPerMinute

from core.actor import Actor
from core.deps import Deps
from core.errors import AuthenticationFailed, Conflict, InvalidInput, NotFound, RateLimited
from core.events import AccountLinked
from core.i18n import N_
from core.models.org import Organisation
from core.models.people import Account, Invitation, Membership, Person, Role
from core.permissions import Permission, require
from core.services.audit import do_record
from core.services.people import MAX_ID, access_person, check_account_reach, full_name
from core.tx import Tx, transaction

PASSWORD_MIN = 8
PASSWORD_MAX = 200
LOGIN_MAX = 100
INVITATION_DAYS = 7
_hasher = PasswordHasher()
# Verifying against a real hash when the login is unknown keeps both answers equally slow.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


@dataclass(frozen=True)
class Workplace:
    """An organisation where a person holds active roles."""

    organisation_id: int
    organisation_name: str
    roles: frozenset[Role]


@dataclass(frozen=True)
class SignedIn:
    account_id: int
    person_id: int
    language: str | None


@dataclass(frozen=True)
class InvitationView:
    id: int
    code: str
    person_id: int
    person_name: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None
    revoked_at: datetime | None

    def state(self, now: datetime) -> str:
        if self.used_at:
            return "used"
        if self.revoked_at:
            return "revoked"
        return "expired" if self.expires_at <= now else "open"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _check_password(password: str) -> None:
    if len(password) < PASSWORD_MIN:
        raise InvalidInput(
            N_("The password must be at least {limit} characters long."),
            field="password",
            limit=PASSWORD_MIN,
        )
    if len(password) > PASSWORD_MAX:
        raise InvalidInput(
            N_("The password can be at most {limit} characters long."),
            field="password",
            limit=PASSWORD_MAX,
        )


def _normalise_login(login: str) -> str:
    value = login.strip().casefold()
    if not value or len(value) > LOGIN_MAX or any(char.isspace() for char in value):
        raise InvalidInput(
            N_("A login is one word of at most {limit} characters, for example an e-mail."),
            field="login",
            limit=LOGIN_MAX,
        )
    return value


async def authenticate(deps: Deps, *, login: str, password: str, client: str) -> SignedIn:
    """Check a login and password.

    Raises:
        RateLimited: too many attempts for this login or from this client in a minute.
        AuthenticationFailed: wrong login or password (the same error for both).
    """
    limit = RateLimitItemPerMinute(deps.settings.login_attempts_per_minute)
    key = login.strip().casefold()[:LOGIN_MAX]
    if not await deps.limiter.test(limit, "login", key) or not await deps.limiter.test(
        limit, "client", client
    ):
        raise RateLimited()
    account = await Account.get_or_none(login=key) if key else None
    try:
        _hasher.verify(
            account.password_hash if account and account.password_hash else _DUMMY_HASH, password
        )
        valid = account is not None and account.password_hash is not None
    except (VerificationError, InvalidHashError):
        valid = False
    if not valid or account is None:
        await deps.limiter.hit(limit, "login", key)
        await deps.limiter.hit(limit, "client", client)
        raise AuthenticationFailed()
    account.last_login_at = deps.clock.now()
    update = ["last_login_at"]
    if account.password_hash and _hasher.check_needs_rehash(account.password_hash):
        account.password_hash = hash_password(password)
        update.append("password_hash")
    await account.save(update_fields=update)
    return SignedIn(account_id=account.id, person_id=account.person_id, language=account.language)  # type: ignore[attr-defined]


async def organisations_of(person_id: int) -> list[tuple[Organisation, frozenset[Role]]]:
    """Where a person holds active roles: each organisation with those roles, by id."""
    rows = await Membership.filter(person_id=person_id, archived_at__isnull=True).values(
        "organisation_id", "role"
    )
    roles: dict[int, set[Role]] = {}
    for row in rows:
        roles.setdefault(row["organisation_id"], set()).add(Role(row["role"]))
    orgs = await Organisation.filter(id__in=list(roles)).order_by("id")
    return [(org, frozenset(roles[org.id])) for org in orgs]


async def workplaces(person_id: int) -> list[Workplace]:
    """Where a person holds active roles, ordered by organisation."""
    return [
        Workplace(
            organisation_id=org.id,
            organisation_name=org.name_ru or org.name_kk or org.name_en,
            roles=roles,
        )
        for org, roles in await organisations_of(person_id)
    ]


async def inherited_roles(
    roles_by_org: Mapping[int, frozenset[Role]],
    organisation_id: int,
    parents: Mapping[int, int | None],
) -> frozenset[Role]:
    """The roles held in ``organisation_id``: its own and those held in its ancestors.

    ``parents`` holds the parent ids already known; the rest of the chain is read.
    """
    roles: set[Role] = set()
    current: int | None = organisation_id
    seen: set[int] = set()
    while current is not None and current not in seen:
        seen.add(current)
        roles |= roles_by_org.get(current, frozenset())
        if current in parents:
            current = parents[current]
        else:
            parent = Organisation.filter(id=current).first().values_list("parent_id", flat=True)
            current = await parent  # type: ignore[assignment]
    return frozenset(roles)


async def actor_for(account_id: int, organisation_id: int | None = None) -> Actor | None:
    """The actor for a signed-in account, working in ``organisation_id`` (or their first).

    Roles held in an ancestor organisation count in its descendants. ``None`` when the
    account is gone or holds no active role there.
    """
    account = await Account.get_or_none(id=account_id)
    if account is None:
        return None
    places = await organisations_of(account.person_id)  # type: ignore[attr-defined]
    if not places:
        return None
    target = organisation_id if organisation_id is not None else places[0][0].id
    roles = await inherited_roles(
        {org.id: org_roles for org, org_roles in places},
        target,
        {org.id: org.parent_id for org, _ in places},  # type: ignore[attr-defined]
    )
    if not roles:
        return None
    return Actor(
        person_id=account.person_id,  # type: ignore[attr-defined]
        organisation_id=target,
        roles=roles,
        account_id=account.id,
    )


async def set_language(account_id: int, language: str) -> None:
    """Remember a signed-in person's language (validated by the caller's picker)."""
    await Account.filter(id=account_id).update(language=language)


async def do_set_credentials(
    tx: Tx, actor: Actor, *, person: Person, login: str, password: str
) -> Account:
    login_key = _normalise_login(login)
    _check_password(password)
    taken = await Account.filter(login=login_key).exclude(person_id=person.id).exists()
    if taken:
        raise Conflict(N_("This login is taken. Choose another."), field="login")
    account = await Account.get_or_none(person_id=person.id)
    if account is None:
        account = await Account.create(
            person_id=person.id,
            login=login_key,
            password_hash=hash_password(password),
            created_at=tx.now,
        )
        tx.emit(
            AccountLinked(
                organisation_id=actor.organisation_id, person_id=person.id, account_id=account.id
            )
        )
    else:
        account.login = login_key
        account.password_hash = hash_password(password)
        await account.save(update_fields=["login", "password_hash"])
    await do_record(
        tx,
        actor,
        action="account.credentials",
        object_type="person",
        object_id=person.id,
        after={"login": login_key},
    )
    return account


async def set_credentials(
    deps: Deps, actor: Actor, *, person_id: int, login: str, password: str
) -> None:
    """Give a person a web login and password (an admin setting up staff).

    Raises:
        NotFound: no such person in reach.
        PermissionDenied: the actor may not manage people, or the person's account is not
            theirs to set (see ``check_account_reach``).
        InvalidInput: login or password malformed.
        Conflict: the login is taken.
    """
    async with transaction(deps) as tx:
        person = await access_person(actor, person_id, require_permission=Permission.PEOPLE_MANAGE)
        await check_account_reach(actor, person)
        _ = await do_set_credentials(tx, actor, person=person, login=login, password=password)


def _invitation_view(invitation: Invitation, person: Person) -> InvitationView:
    return InvitationView(
        id=invitation.id,
        code=invitation.code,
        person_id=person.id,
        person_name=full_name(person.last_name, person.first_name),
        created_at=invitation.created_at,
        expires_at=invitation.expires_at,
        used_at=invitation.used_at,
        revoked_at=invitation.revoked_at,
    )


async def create_invitation(
    deps: Deps, actor: Actor, *, person_id: int, days: int = INVITATION_DAYS
) -> InvitationView:
    """A one-time code that links the person to a new account (web or Telegram ``/start``).

    Raises:
        NotFound: no such person in reach.
        PermissionDenied: the actor may not manage invitations, or the person's account is
            not theirs to hand out (see ``check_account_reach``).
        InvalidInput: the validity is not 1–30 days.
    """
    if not 1 <= days <= 30:
        raise InvalidInput(N_("An invitation is valid for 1 to 30 days."), field="days")
    async with transaction(deps) as tx:
        person = await access_person(
            actor, person_id, require_permission=Permission.INVITATIONS_MANAGE
        )
        await check_account_reach(actor, person)
        invitation = await Invitation.create(
            organisation_id=actor.organisation_id,
            person_id=person.id,
            # Telegram deep links allow [A-Za-z0-9_-] up to 64 characters.
            code=secrets.token_urlsafe(12),
            created_at=tx.now,
            expires_at=tx.now + timedelta(days=days),
        )
        await do_record(
            tx,
            actor,
            action="invitation.create",
            object_type="person",
            object_id=person.id,
            after={
                "invitation_id": invitation.id,
                "expires_at": invitation.expires_at.isoformat(),
            },
        )
    return _invitation_view(invitation, person)


async def list_invitations(
    actor: Actor, *, limit: int = 200, person_id: int | None = None
) -> list[InvitationView]:
    """The organisation's invitations (or one person's), newest first.

    Raises:
        PermissionDenied: the actor may not manage invitations.
    """
    await require(actor, Permission.INVITATIONS_MANAGE)
    query = Invitation.filter(organisation_id=actor.organisation_id)
    if person_id is not None:
        query = query.filter(person_id=person_id)
    invitations = await query.order_by("-id").limit(limit).prefetch_related("person")
    return [_invitation_view(inv, inv.person) for inv in invitations]


async def revoke_invitation(deps: Deps, actor: Actor, *, invitation_id: int) -> None:
    """Make an unused invitation unusable.

    Raises:
        NotFound: no such invitation in the actor's organisation.
        PermissionDenied: the actor may not manage invitations.
        Conflict: it was used or revoked already.
    """
    await require(actor, Permission.INVITATIONS_MANAGE)
    async with transaction(deps) as tx:
        invitation = (
            await Invitation.select_for_update().get_or_none(
                id=invitation_id, organisation_id=actor.organisation_id
            )
            if 0 < invitation_id <= MAX_ID
            else None
        )
        if invitation is None:
            raise NotFound()
        if invitation.used_at or invitation.revoked_at:
            raise Conflict(N_("This invitation can no longer be revoked."))
        invitation.revoked_at = tx.now
        await invitation.save(update_fields=["revoked_at"])
        await do_record(
            tx,
            actor,
            action="invitation.revoke",
            object_type="person",
            object_id=invitation.person_id,  # type: ignore[attr-defined]
            after={"invitation_id": invitation.id},
        )


async def _usable_invitation(tx: Tx, code: str) -> Invitation:
    invitation = await Invitation.select_for_update().get_or_none(code=code.strip()[:64])
    if invitation is None or invitation.revoked_at is not None:
        raise InvalidInput(N_("This invitation code is not valid. Ask for a new one."))
    if invitation.used_at is not None:
        raise InvalidInput(N_("This invitation has already been used. Ask for a new one."))
    if invitation.expires_at <= tx.now:
        raise InvalidInput(N_("This invitation has expired. Ask for a new one."))
    return invitation


async def peek_invitation(deps: Deps, *, code: str) -> InvitationView:
    """Who an invitation is for, before it is used.

    Raises:
        InvalidInput: unknown, revoked, used or expired code.
    """
    async with transaction(deps) as tx:
        invitation = await _usable_invitation(tx, code)
        person = await Person.get(id=invitation.person_id)  # type: ignore[attr-defined]
    return _invitation_view(invitation, person)


async def accept_invitation(deps: Deps, *, code: str, login: str, password: str) -> SignedIn:
    """Use an invitation to set a web login and password; the code is then spent.

    Raises:
        InvalidInput: unknown, revoked, used or expired code; malformed login or password.
        Conflict: the login is taken.
    """
    async with transaction(deps) as tx:
        invitation = await _usable_invitation(tx, code)
        person = await Person.get(id=invitation.person_id)  # type: ignore[attr-defined]
        actor = Actor(
            person_id=person.id,
            organisation_id=invitation.organisation_id,  # type: ignore[attr-defined]
            roles=frozenset(),
            label="invitation",
        )
        account = await do_set_credentials(
            tx, actor, person=person, login=login, password=password
        )
        invitation.used_at = tx.now
        await invitation.save(update_fields=["used_at"])
    return SignedIn(account_id=account.id, person_id=person.id, language=account.language)


async def do_accept_invitation_telegram(
    tx: Tx, *, code: str, telegram_user_id: int, language: str | None
) -> Account:
    """Link a Telegram user to the invited person (the bot's ``/start <code>``).

    Raises:
        InvalidInput: unknown, revoked, used or expired code.
        Conflict: this Telegram user is linked to someone else already.
    """
    invitation = await _usable_invitation(tx, code)
    other = await Account.get_or_none(telegram_user_id=telegram_user_id)
    if other is not None and other.person_id != invitation.person_id:  # type: ignore[attr-defined]
        raise Conflict(N_("This Telegram account is already linked to another person."))
    account = await Account.get_or_none(person_id=invitation.person_id)  # type: ignore[attr-defined]
    if account is None:
        account = await Account.create(
            person_id=invitation.person_id,  # type: ignore[attr-defined]
            telegram_user_id=telegram_user_id,
            language=language,
            created_at=tx.now,
        )
    else:
        account.telegram_user_id = telegram_user_id
        await account.save(update_fields=["telegram_user_id"])
    invitation.used_at = tx.now
    await invitation.save(update_fields=["used_at"])
    actor = Actor(
        person_id=invitation.person_id,  # type: ignore[attr-defined]
        organisation_id=invitation.organisation_id,  # type: ignore[attr-defined]
        roles=frozenset(),
        label="telegram",
    )
    await do_record(
        tx,
        actor,
        action="account.telegram_link",
        object_type="person",
        object_id=invitation.person_id,  # type: ignore[attr-defined]
    )
    tx.emit(
        AccountLinked(
            organisation_id=actor.organisation_id,
            person_id=actor.person_id or 0,
            account_id=account.id,
        )
    )
    return account
