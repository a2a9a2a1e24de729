"""Sessions and CSRF.

Sessions are encrypted cookies (Fernet, key derived from ``SABAQ_SECRET_KEY``). Every
state-changing request must carry the session's CSRF token in the ``csrf_token`` form field
or the ``X-CSRF-Token`` header; the token is compared in constant time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from aiohttp import web
from aiohttp_session import Session, get_session

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def fernet_key(secret: str) -> str:
    """A Fernet key derived from the configured secret (any length in, 32 bytes out)."""
    digest = hashlib.sha256(("sabaq-session:" + secret).encode()).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")


async def csrf_token(request: web.Request) -> str:
    session = await get_session(request)
    return _token(session)


def _token(session: Session) -> str:
    token = session.get(CSRF_FIELD)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session[CSRF_FIELD] = token
    return token


async def check_csrf(request: web.Request) -> bool:
    """Whether an unsafe request carries the session's token."""
    if request.method in _SAFE_METHODS:
        return True
    session = await get_session(request)
    expected = session.get(CSRF_FIELD)
    if not isinstance(expected, str):
        return False
    supplied = request.headers.get(CSRF_HEADER, "")
    if not supplied and request.content_type in {
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    }:
        form = await request.post()
        value = form.get(CSRF_FIELD, "")
        supplied = value if isinstance(value, str) else ""
    return hmac.compare_digest(supplied.encode(), expected.encode())
