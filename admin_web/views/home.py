from __future__ import annotations

from aiohttp import web

from admin_web.keys import NAV, actor_of
from admin_web.render import render
from core.services.dashboard import organisation_summary

routes = web.RouteTableDef()


@routes.get("/")
async def home(request: web.Request) -> web.Response:
    nav = request[NAV]
    if all(item.permission is None for item in nav) and any(i.url == "/chat" for i in nav):
        # Students and parents have only their own pages (chats, tests, the rating); they
        # start in their chats.
        raise web.HTTPFound("/chat")
    summary = await organisation_summary(actor_of(request))
    return await render(request, "home.html", {"summary": summary})
