"""The chat server's HTTP application, mounted under ``/api/v1/`` (``sabaq.runner``).

Middlewares, outermost first: errors as JSON (``chat_server.errors``) → who is calling
(bearer token or the panel's session, ``chat_server.auth``) and CSRF for cookie requests.
The hub starts and stops with the application (``cleanup_ctx``), and open websockets are
closed on shutdown so the server does not wait for their clients.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from aiohttp import web

from chat_server.auth import authenticate, csrf_ok
from chat_server.errors import Handler, error_middleware
from chat_server.hub import Hub
from chat_server.keys import AUTH, DEPS, FRAMES, HUB, deps_of
from chat_server.openapi import openapi_json
from chat_server.rest import create_token, index, routes, unknown
from chat_server.ws import frame_limiter, websocket
from core.deps import Deps
from core.errors import PermissionDenied
from core.i18n import N_

# A message with room to spare, or one upload (the panel's own limit applies when mounted).
_BODY_MARGIN = 64 * 1024
#: Open without credentials (creating a token is how a client gets credentials).
PUBLIC = frozenset({index, create_token, openapi_json, unknown})


@web.middleware
async def auth_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.match_info.handler in PUBLIC:
        return await handler(request)
    auth = await authenticate(deps_of(request), request)
    request[AUTH] = auth
    if not csrf_ok(auth, request):
        raise PermissionDenied(N_("This page has expired. Reload it and try again."))
    return await handler(request)


async def _hub_context(app: web.Application) -> AsyncIterator[None]:
    hub = app[HUB]
    await hub.start()
    yield
    await hub.stop()


async def _close_websockets(app: web.Application) -> None:
    await app[HUB].close_connections()


def create_app(deps: Deps) -> web.Application:
    app = web.Application(
        client_max_size=deps.settings.max_upload_bytes + _BODY_MARGIN,
        middlewares=[error_middleware, auth_middleware],
    )
    app[DEPS] = deps
    app[HUB] = Hub(deps)
    app[FRAMES] = frame_limiter()
    app.router.add_routes(routes)
    app.router.add_get("/openapi.json", openapi_json)
    app.router.add_get("/ws", websocket)
    app.router.add_route("*", "/{tail:.*}", unknown)
    app.cleanup_ctx.append(_hub_context)
    app.on_shutdown.append(_close_websockets)
    return app
