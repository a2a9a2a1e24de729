"""Errors as JSON, in the caller's language, in one place for the REST API.

Every answer that is not a success is ``{"error": {"code", "message", "field"}}``: ``code``
is stable for programs, ``message`` is a translated sentence for people, ``field`` names
the input to fix. Nothing else of an exception ever reaches a client.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from chat_server.keys import AUTH, deps_of
from chat_server.serialise import JSON, respond
from core.errors import (
    AuthenticationFailed,
    Conflict,
    InvalidInput,
    NotFound,
    PermissionDenied,
    RateLimited,
    SabaqError,
    Unavailable,
)
from core.i18n import N_, parse_accept_language, pick_language

log = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

STATUS: dict[type[SabaqError], int] = {
    NotFound: 404,
    PermissionDenied: 403,
    InvalidInput: 400,
    Conflict: 409,
    AuthenticationFailed: 401,
    RateLimited: 429,
    Unavailable: 503,
}


class TooLarge(SabaqError):
    """The request body is over the size the server accepts (413)."""

    code = "too_large"
    default_message = N_("The file is too large: at most {limit} MB.")


STATUS[TooLarge] = 413


def status_of(error: SabaqError) -> int:
    for kind in type(error).__mro__:
        if kind in STATUS:
            return STATUS[kind]
    return 400


def error_body(error: SabaqError, language: str) -> JSON:
    return {
        "error": {
            "code": error.code,
            "message": error.translated(language),
            "field": error.field,
        }
    }


async def language_of(request: web.Request) -> str:
    """The caller's choice (session or account), then ``Accept-Language``, then the default."""
    auth = request.get(AUTH)
    chosen = await auth.chosen_language() if auth is not None else None
    return pick_language(
        chosen,
        *parse_accept_language(request.headers.get("Accept-Language")),
        default=deps_of(request).settings.default_language,
    )


async def error_response(request: web.Request, error: SabaqError) -> web.Response:
    response = respond(error_body(error, await language_of(request)), status=status_of(error))
    if isinstance(error, AuthenticationFailed):
        response.headers["WWW-Authenticate"] = "Bearer"
    return response


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except SabaqError as error:
        return await error_response(request, error)
    except web.HTTPRequestEntityTooLarge:
        limit = max(1, deps_of(request).settings.max_upload_bytes // (1024 * 1024))
        return await error_response(request, TooLarge(limit=limit))
    except web.HTTPNotFound:
        return await error_response(request, NotFound())
    except web.HTTPMethodNotAllowed:
        return await error_response(request, NotFound())
    except web.HTTPException:
        raise
    except Exception:
        log.exception("unhandled error on %s %s", request.method, request.path)
        failure = SabaqError(N_("Something went wrong on our side. Please try again."))
        return respond(error_body(failure, await language_of(request)), status=500)
