"""The chat server's HTTP application, mounted under ``/api/v1/``.

Conversations, messages, search and the websocket arrive with the chat-server issue; this
module fixes where they live and how the process mounts them.
"""

from __future__ import annotations

from aiohttp import web

from core.deps import Deps

DEPS = web.AppKey("deps", Deps)
routes = web.RouteTableDef()


@routes.get("/")
async def index(request: web.Request) -> web.Response:
    return web.json_response({"service": "sabaq-chat", "api": "v1"})


def create_app(deps: Deps) -> web.Application:
    app = web.Application()
    app[DEPS] = deps
    app.router.add_routes(routes)
    return app
