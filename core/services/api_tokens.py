"""Bearer tokens for API clients (a desktop app, a script, a phone) of the chat server.

A token is shown once, when it is created with the account's login and password; only its
SHA-256 is stored, so a copy of the database gives nobody a usable token. Creating tokens is
rate-limited like signing in, and a wrong password counts against the same sign-in limit.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from limits import RateLimitItemPerMinute

from core.actor import Actor
from core.deps import Deps
from core.errors import AuthenticationFailed, InvalidInput, NotFound, PermissionDenied, RateLimited
from core.i18n import N_
from core.models.chat import ApiToken
from core.models.people import Account
from core.services.accounts import actor_for, authenticate, workplaces
from core.services.people import MAX_ID

NAME_LIMIT = 100
TOKEN_PREFIX = "sbq_"
#: ``last_used_at`` is refreshed at most this often, so using a token is not a write per call.
USED_PRECISION = timedelta(minutes=5)
_TOKEN_LIMIT = 200


@dataclass(frozen=True)
class ApiTokenView:
    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None


@dataclass(frozen=True)
class IssuedToken:
    """A new token: ``token`` is its only copy, to be handed to the client now."""

    token: str
    view: ApiTokenView


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _view(row: ApiToken) -> ApiTokenView:
    return ApiTokenView(row.id, row.name, row.created_at, row.last_used_at)


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if len(name) > NAME_LIMIT:
        raise InvalidInput(
            N_("The token name is too long: at most {limit} characters."),
            field="name",
            limit=NAME_LIMIT,
        )
    return name


async def create_token(
    deps: Deps, *, login: str, password: str, name: str, client: str
) -> IssuedToken:
    """Check the login and password and issue a new token for that account.

    Raises:
        InvalidInput: the name is too long.
        RateLimited: too many attempts or new tokens for this login or client in a minute.
        AuthenticationFailed: wrong login or password (the same error for both).
        PermissionDenied: the account holds no active role anywhere.
    """
    name = _clean_name(name)
    signed_in = await authenticate(deps, login=login, password=password, client=client)
    if not await workplaces(signed_in.person_id):
        raise PermissionDenied()
    limit = RateLimitItemPerMinute(deps.settings.login_attempts_per_minute)
    if not await deps.limiter.hit(limit, "api-token", str(signed_in.account_id)):
        raise RateLimited()
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = await ApiToken.create(
        account_id=signed_in.account_id,
        name=name,
        token_hash=_digest(token),
        created_at=deps.clock.now(),
    )
    return IssuedToken(token=token, view=_view(row))


def _account_of(actor: Actor) -> int:
    if actor.account_id is None:
        raise PermissionDenied()
    return actor.account_id


async def list_tokens(actor: Actor) -> list[ApiTokenView]:
    """The actor's account's tokens that still work, newest first.

    Raises:
        PermissionDenied: the actor has no account (the CLI, the scheduler).
    """
    rows = (
        await ApiToken.filter(account_id=_account_of(actor), revoked_at__isnull=True)
        .order_by("-id")
        .limit(_TOKEN_LIMIT)
    )
    return [_view(row) for row in rows]


async def revoke_token(deps: Deps, actor: Actor, *, token_id: int) -> None:
    """Make one of the actor's own tokens stop working at once.

    Raises:
        PermissionDenied: the actor has no account.
        NotFound: no such working token of the actor's account.
    """
    account_id = _account_of(actor)
    revoked = (
        await ApiToken.filter(id=token_id, account_id=account_id, revoked_at__isnull=True).update(
            revoked_at=deps.clock.now()
        )
        if 0 < token_id <= MAX_ID
        else 0
    )
    if not revoked:
        raise NotFound(N_("This token does not exist or was revoked already."))


async def actor_for_token(deps: Deps, token: str) -> Actor:
    """The actor a bearer token stands for, working in the account's first organisation.

    Raises:
        AuthenticationFailed: unknown or revoked token, or the account holds no role.
    """
    invalid = AuthenticationFailed(N_("This access token is not valid. Create a new one."))
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        raise invalid
    row = await ApiToken.get_or_none(token_hash=_digest(token), revoked_at__isnull=True)
    if row is None:
        raise invalid
    actor = await actor_for(row.account_id)  # type: ignore[attr-defined]
    if actor is None:
        raise invalid
    now = deps.clock.now()
    if row.last_used_at is None or row.last_used_at < now - USED_PRECISION:
        await ApiToken.filter(id=row.id).update(last_used_at=now)
    return actor


async def account_language(account_id: int) -> str | None:
    """The language an account chose (in the panel or the bot), for API error messages."""
    language: str | None = (
        await Account.filter(id=account_id).first().values_list("language", flat=True)  # type: ignore[assignment]
    )
    return language
