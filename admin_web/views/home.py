from __future__ import annotations

from aiohttp import web

from admin_web.keys import NAV, actor_of
from admin_web.render import render
from core.services.dashboard import organisation_summary

routes = web.RouteTableDef()


@routes.get("/")
async def home(request: web.Request) -> web.Response:
    nav = request[NAV]
    if [item.url for item in nav] == ["/chat"]:
        # Students and parents have nothing in the panel but their chats.
        raise web.HTTPFound("/chat")
    summary = await organisation_summary(actor_of(request))
    return await render(request, "home.html", {"summary": summary})
