"""The web chat: a server-rendered shell that ``static/chat.js`` brings to life.

The page lists the person's conversations so it shows something before the websocket
connects; everything live (messages, unread counts, typing, search, new direct
conversations, channels and support threads, who has read a message) goes through the chat
server's ``/api/v1/`` REST and websocket API, the same one other clients use. Every
signed-in person may open it: students and parents with a web account included, whatever
else the panel shows them.
"""

from __future__ import annotations

from dataclasses import asdict

from aiohttp import web

from admin_web.keys import ORGANISATION, actor_of, deps_of, granted_of, language_of
from admin_web.render import render
from admin_web.security import csrf_token
from core.permissions import ROLE_LABELS, Permission, Role
from core.services.conversations import list_conversations, support_threads

routes = web.RouteTableDef()


@routes.get("/chat")
async def chat(request: web.Request) -> web.Response:
    organisation = request[ORGANISATION]
    if not organisation.feature_enabled("chat"):
        raise web.HTTPNotFound()
    actor, granted = actor_of(request), granted_of(request)
    conversations = await list_conversations(deps_of(request), actor)
    # Threads nobody here has answered yet are not in the person's list: opening one joins it.
    joined = {conversation.id for conversation in conversations}
    waiting = (
        [thread for thread in await support_threads(actor) if thread.id not in joined]
        if Permission.CHAT_SUPPORT in granted
        else []
    )
    # These only show controls; the chat server decides what is allowed.
    can_create_channels = Permission.CHAT_CHANNELS_MANAGE in granted
    config = {
        "person_id": actor.person_id,
        "csrf_token": await csrf_token(request),
        "language": language_of(request),
        "timezone": organisation.timezone,
        "can_moderate": Permission.CHAT_MODERATE in granted,
        "can_create_channels": can_create_channels,
        "conversations": [asdict(conversation) for conversation in conversations],
    }
    return await render(
        request,
        "chat.html",
        {
            "conversations": conversations,
            "support_threads": waiting,
            "can_create_channels": can_create_channels,
            "roles": list(Role),
            "role_labels": ROLE_LABELS,
            "config": config,
        },
    )
