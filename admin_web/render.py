"""Rendering pages in the request's language, with the layout's shared context."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp_jinja2
from aiohttp import web
from aiohttp_session import get_session

from admin_web.keys import ACTOR, NAV, ORGANISATION, WORKPLACES, language_of
from admin_web.security import csrf_token
from core.actor import Actor
from core.errors import SabaqError
from core.i18n import gettext_for, ngettext_for

FLASH_KEY = "flash"


async def flash(request: web.Request, message: str, **params: object) -> None:
    """Queue a message (an ``N_`` sentence) for the next page, translated when shown."""
    session = await get_session(request)
    session[FLASH_KEY] = [*session.get(FLASH_KEY, []), [message, params]]


async def render(
    request: web.Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    status: int = 200,
) -> web.Response:
    language = language_of(request)
    session = await get_session(request)
    flashes = session.pop(FLASH_KEY, [])
    translators = _translators(language)
    translate = translators["_"]
    actor: Actor | None = request.get(ACTOR)
    base: dict[str, Any] = {
        **translators,
        "language": language,
        "actor": actor,
        "csrf_token": await csrf_token(request),
        "flashes": [translate(message, **params) for message, params in flashes],
        "path": request.path_qs,
        "nav": request.get(NAV, []),
        "organisation": request.get(ORGANISATION),
        "workplaces": request.get(WORKPLACES, []),
        "format_date": format_date,
        "format_datetime": lambda moment: format_datetime(request, moment),
        "quote": quote,
    }
    return aiohttp_jinja2.render_template(
        template, request, {**base, **(context or {})}, status=status
    )


def _translators(language: str) -> dict[str, Any]:
    """``_`` and ``ngettext`` for templates, in ``language``."""

    def translate(message: str, **params: object) -> str:
        text = gettext_for(language, message)
        return text.format(**params) if params else text

    def ntranslate(singular: str, plural: str, n: int, **params: object) -> str:
        return ngettext_for(language, singular, plural, n).format(n=n, **params)

    return {"_": translate, "ngettext": ntranslate}


def render_fragment(request: web.Request, template: str, context: Mapping[str, Any]) -> str:
    """A piece of a page for a script to put in place (a live table), in the request's
    language; unlike ``render`` it leaves the session's messages for the next page."""
    helpers = _translators(language_of(request))
    return aiohttp_jinja2.render_string(template, request, {**context, **helpers})


#: The HTTP status of a page showing a domain error, by the error's stable code (else 400).
ERROR_STATUS = {
    "not_found": 404,
    "forbidden": 403,
    "conflict": 409,
    "auth_failed": 401,
    "rate_limited": 429,
    "unavailable": 503,
}


async def render_error(
    request: web.Request, template: str, context: Mapping[str, Any], error: SabaqError
) -> web.Response:
    """Re-render a form with the error message in the user's language next to its field."""
    return await render(
        request,
        template,
        {**context, "error": error.translated(language_of(request)), "error_field": error.field},
        status=ERROR_STATUS.get(error.code, 400),
    )


async def render_form(
    request: web.Request,
    template: str,
    context: Mapping[str, Any],
    error: SabaqError | None = None,
) -> web.Response:
    """A form page, with ``error`` (when there is one) next to its field."""
    if error is None:
        return await render(request, template, context)
    return await render_error(request, template, context, error)


def download(data: bytes, *, content_type: str, filename: str) -> web.Response:
    """A file to save, not to show (its name may be non-ASCII), never cached."""
    return web.Response(
        body=data,
        content_type=content_type,
        headers={
            "Content-Disposition": (
                f"attachment; filename=\"{filename}\"; filename*=UTF-8''{quote(filename)}"
            ),
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


_FILENAME_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")


def stored_file(path: Path | str, *, filename: str, content_type: str) -> web.FileResponse:
    """An uploaded file to save, never to open here: a hostile PDF or page stays inert
    (``sandbox``, ``nosniff``); an ASCII name for old browsers, the real one beside it."""
    fallback = "".join(c if c in _FILENAME_SAFE else "_" for c in filename)
    return web.FileResponse(
        path,
        headers={
            "Content-Type": content_type,
            "Content-Disposition": (
                f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"
            ),
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox",
            "Cache-Control": "private, no-store",
        },
    )


def format_date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def format_datetime(request: web.Request, moment: datetime | None) -> str:
    """A UTC moment in the organisation's time zone."""
    if moment is None:
        return ""
    organisation = request.get(ORGANISATION)
    timezone = organisation.timezone if organisation else "Asia/Almaty"
    from core.services.orgs import local_time  # noqa: PLC0415 - keeps render.py import-light

    return local_time(moment, timezone).strftime("%d.%m.%Y %H:%M")
