"""Who is calling: a bearer token, or the web panel's session cookie.

The chat server is mounted inside the panel's application (``sabaq.runner.build_app``), whose
session middleware runs for our requests too; so the cookie is read through that same
encrypted-cookie storage (one key, one place that builds it) and never decoded here. Run on
its own, without the panel, the chat server accepts bearer tokens only.

A cookie is sent by the browser whoever asks, so cookie-authenticated requests that change
something must carry the panel's CSRF token in ``X-CSRF-Token``, and a cookie-authenticated
websocket must come from our own origin. Bearer tokens are never sent implicitly and need
neither.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp_session import STORAGE_KEY, get_session

from core.actor import Actor
from core.deps import Deps
from core.errors import AuthenticationFailed
from core.i18n import N_
from core.services.accounts import actor_for
from core.services.api_tokens import account_language, actor_for_token

# The panel's session keys (admin_web/app.py and admin_web/security.py): the adapters may
# not import each other, and tests/test_chat_api.py signs in through the panel to keep these
# in step.
SESSION_ACCOUNT = "account_id"
SESSION_ORGANISATION = "organisation_id"
SESSION_LANGUAGE = "language"
SESSION_CSRF = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Authenticated:
    actor: Actor
    via: Literal["bearer", "cookie"]
    #: The language chosen in the panel's session (cookie only).
    session_language: str | None = None
    csrf_token: str | None = None

    async def chosen_language(self) -> str | None:
        """The caller's own choice: the session's, else the account's."""
        if self.session_language:
            return self.session_language
        return await account_language(self.actor.account_id) if self.actor.account_id else None


async def authenticate(deps: Deps, request: web.Request) -> Authenticated:
    """The caller, from ``Authorization: Bearer …`` or else the panel's session cookie.

    Raises:
        AuthenticationFailed: no credentials, a malformed header, or a token or session
            that no longer stands for anyone.
    """
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _, token = header.strip().partition(" ")
        if scheme.casefold() != "bearer" or not token.strip():
            raise AuthenticationFailed(N_("This access token is not valid. Create a new one."))
        return Authenticated(await actor_for_token(deps, token.strip()), "bearer")
    if request.get(STORAGE_KEY) is not None:
        session = await get_session(request)
        account_id = session.get(SESSION_ACCOUNT)
        organisation_id = session.get(SESSION_ORGANISATION)
        actor = (
            await actor_for(
                account_id, organisation_id if isinstance(organisation_id, int) else None
            )
            if isinstance(account_id, int)
            else None
        )
        if actor is not None:
            language, csrf = session.get(SESSION_LANGUAGE), session.get(SESSION_CSRF)
            return Authenticated(
                actor,
                "cookie",
                session_language=language if isinstance(language, str) else None,
                csrf_token=csrf if isinstance(csrf, str) else None,
            )
    raise AuthenticationFailed(N_("Sign in, or send an access token in the Authorization header."))


def csrf_ok(auth: Authenticated, request: web.Request) -> bool:
    """Whether a request may change something: bearer, a safe method, or the session's token."""
    if auth.via == "bearer" or request.method in _SAFE_METHODS:
        return True
    if auth.csrf_token is None:
        return False
    supplied = request.headers.get(CSRF_HEADER, "")
    return hmac.compare_digest(supplied.encode(), auth.csrf_token.encode())


def same_origin(auth: Authenticated, request: web.Request) -> bool:
    """A cookie-authenticated websocket must be opened by one of our own pages.

    Browsers attach cookies to cross-site websocket handshakes and CSRF tokens do not apply
    to them, so the ``Origin`` header is the guard.
    """
    origin = request.headers.get("Origin")
    if auth.via == "bearer" or origin is None:
        return True
    return urlsplit(origin).netloc.casefold() == request.host.casefold()
