"""Typed application and request keys of the chat server."""

from __future__ import annotations

from aiohttp import web
from limits.aio.strategies import MovingWindowRateLimiter

from chat_server.auth import Authenticated
from chat_server.hub import Hub
from core.deps import Deps

DEPS = web.AppKey("deps", Deps)
HUB = web.AppKey("hub", Hub)
#: Counts each websocket's frames (process-local: a connection lives in one process).
FRAMES = web.AppKey("ws_frames", MovingWindowRateLimiter)
AUTH = web.RequestKey("auth", Authenticated)


def deps_of(request: web.Request) -> Deps:
    return request.app[DEPS]
