"""The REST API under ``/api/v1/``: parse → one core call → JSON.

Every route is described in ``chat_server.openapi``; a test fails when one is not.
"""

from __future__ import annotations

from urllib.parse import quote

from aiohttp import BodyPartReader, web

from chat_server.errors import TooLarge
from chat_server.keys import AUTH, deps_of
from chat_server.parse import (
    BIG_ID_MAX,
    id_list,
    json_body,
    optional_id,
    path_id,
    required,
    string_list,
    text,
    whole,
)
from chat_server.serialise import jsonable, respond
from core.actor import Actor
from core.errors import InvalidInput, NotFound
from core.i18n import N_
from core.services import api_tokens, conversations, messages
from core.services.people import Role

routes = web.RouteTableDef()
_CHUNK = 64 * 1024
_FILENAME_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")


def actor_of(request: web.Request) -> Actor:
    return request[AUTH].actor


def _roles(body: dict[str, object], field: str) -> list[Role]:
    names = string_list(body, field)
    known = {role.value for role in Role}
    if any(name not in known for name in names):
        raise InvalidInput(N_("Choose a role from the list."), field=field)
    return [Role(name) for name in names]


@routes.get("/")
async def index(request: web.Request) -> web.Response:
    return respond({"service": "sabaq-chat", "api": "v1", "openapi": "openapi.json"})


# --- conversations -------------------------------------------------------------------


@routes.get("/conversations")
async def list_conversations(request: web.Request) -> web.Response:
    views = await conversations.list_conversations(deps_of(request), actor_of(request))
    return respond({"conversations": views})


@routes.post("/conversations/direct")
async def open_direct(request: web.Request) -> web.Response:
    body = await json_body(request)
    view = await conversations.open_direct(
        deps_of(request),
        actor_of(request),
        person_id=whole(required(body, "person_id"), "person_id"),
    )
    return respond(view, status=201)


@routes.post("/conversations/channels")
async def create_channel(request: web.Request) -> web.Response:
    body = await json_body(request)
    view = await conversations.create_channel(
        deps_of(request),
        actor_of(request),
        title=text(body, "title", default=""),
        audience=_roles(body, "audience"),
        posters=_roles(body, "posters"),
    )
    return respond(view, status=201)


@routes.post("/conversations/support")
async def open_support_thread(request: web.Request) -> web.Response:
    body = await json_body(request)
    view = await conversations.open_support_thread(
        deps_of(request), actor_of(request), title=text(body, "title", default="")
    )
    return respond(view, status=201)


@routes.get("/conversations/{id}")
async def conversation(request: web.Request) -> web.Response:
    conversation_id, actor = path_id(request), actor_of(request)
    view = await conversations.open_conversation(deps_of(request), actor, conversation_id)
    people = await conversations.members(actor, conversation_id)
    return respond({"conversation": view, "members": people})


@routes.post("/conversations/{id}/read")
async def mark_read(request: web.Request) -> web.Response:
    body = await json_body(request)
    view = await messages.mark_read(
        deps_of(request),
        actor_of(request),
        conversation_id=path_id(request),
        seq=whole(required(body, "seq"), "seq", low=0, high=BIG_ID_MAX),
    )
    return respond(view)


# --- messages ------------------------------------------------------------------------


@routes.get("/conversations/{id}/messages")
async def history(request: web.Request) -> web.Response:
    query = request.query
    page = await messages.history(
        actor_of(request),
        path_id(request),
        before_seq=optional_id(query, "before", high=BIG_ID_MAX),
        after_seq=optional_id(query, "after", low=0, high=BIG_ID_MAX),
        limit=optional_id(query, "limit", high=messages.PAGE_LIMIT) or 50,
    )
    return respond(page)


@routes.post("/conversations/{id}/messages")
async def send_message(request: web.Request) -> web.Response:
    deps = deps_of(request)
    started = deps.clock.now()
    body = await json_body(request)
    client_id = body.get("client_id")
    if client_id is not None and not isinstance(client_id, str):
        raise InvalidInput(N_("This must be text."), field="client_id")
    auth = request[AUTH]
    view = await messages.send_message(
        deps,
        auth.actor,
        conversation_id=path_id(request),
        text=text(body, "text", default=""),
        client_id=client_id,
        reply_to_id=optional_id(body, "reply_to_id", high=BIG_ID_MAX),
        attachment_ids=id_list(body, "attachment_ids"),
        source="web" if auth.via == "cookie" else "api",
    )
    # A message stored before this request began was a retry with the same client id.
    stored_before = (
        client_id is not None and view.client_id == client_id and view.created_at < started
    )
    return respond(view, status=200 if stored_before else 201)


@routes.patch("/messages/{id}")
async def edit_message(request: web.Request) -> web.Response:
    body = await json_body(request)
    view = await messages.edit_message(
        deps_of(request),
        actor_of(request),
        message_id=path_id(request, high=BIG_ID_MAX),
        text=text(body, "text"),
    )
    return respond(view)


@routes.post("/messages/{id}/hide")
async def hide_message(request: web.Request) -> web.Response:
    body = await json_body(request)
    view = await messages.hide_message(
        deps_of(request),
        actor_of(request),
        message_id=path_id(request, high=BIG_ID_MAX),
        reason=text(body, "reason", default=""),
    )
    return respond(view)


@routes.get("/messages/{id}/readers")
async def readers(request: web.Request) -> web.Response:
    people = await messages.readers(actor_of(request), path_id(request, high=BIG_ID_MAX))
    return respond({"readers": [{"person_id": pid, "name": name} for pid, name in people]})


# --- files ---------------------------------------------------------------------------


async def _file_part(request: web.Request, limit: int) -> tuple[bytes, str]:
    """The multipart field ``file``, read up to ``limit`` bytes."""
    missing = InvalidInput(N_("Send the file as multipart/form-data in the field “file”."))
    if request.content_type != "multipart/form-data":
        raise missing
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader) or part.name != "file":
            continue
        data = bytearray()
        while chunk := await part.read_chunk(_CHUNK):
            data += chunk
            if len(data) > limit:
                raise TooLarge(limit=max(1, limit // (1024 * 1024)))
        return bytes(data), part.filename or ""
    raise missing


@routes.post("/conversations/{id}/attachments")
async def upload_attachment(request: web.Request) -> web.Response:
    deps = deps_of(request)
    conversation_id = path_id(request)
    data, filename = await _file_part(request, deps.settings.max_upload_bytes)
    view = await messages.upload_attachment(
        deps, actor_of(request), conversation_id=conversation_id, data=data, filename=filename
    )
    return respond(view, status=201)


@routes.get("/attachments/{id}")
async def download_attachment(request: web.Request) -> web.FileResponse:
    path, view = await messages.attachment_file(
        deps_of(request), actor_of(request), path_id(request, high=BIG_ID_MAX)
    )
    fallback = "".join(c if c in _FILENAME_SAFE else "_" for c in view.filename)
    return web.FileResponse(
        path,
        headers={
            "Content-Type": view.content_type,
            "Content-Disposition": (
                f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(view.filename)}"
            ),
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox",
            "Cache-Control": "private, no-store",
        },
    )


# --- search and people ---------------------------------------------------------------


@routes.get("/search")
async def search(request: web.Request) -> web.Response:
    query = request.query
    hits = await messages.search_messages(
        deps_of(request),
        actor_of(request),
        query=query.get("q", ""),
        before_message_id=optional_id(query, "before_id", high=BIG_ID_MAX),
        limit=optional_id(query, "limit", high=messages.PAGE_LIMIT) or 20,
    )
    return respond({"hits": hits})


@routes.get("/directory")
async def directory(request: web.Request) -> web.Response:
    people = await conversations.directory(actor_of(request), query=request.query.get("q", ""))
    return respond({"people": [{"person_id": pid, "name": name} for pid, name in people]})


# --- tokens --------------------------------------------------------------------------


@routes.post("/tokens")
async def create_token(request: web.Request) -> web.Response:
    body = await json_body(request)
    issued = await api_tokens.create_token(
        deps_of(request),
        login=text(body, "login"),
        password=text(body, "password"),
        name=text(body, "name", default=""),
        client=request.remote or "",
    )
    return respond({**jsonable(issued.view), "token": issued.token}, status=201)


@routes.get("/tokens")
async def list_tokens(request: web.Request) -> web.Response:
    return respond({"tokens": await api_tokens.list_tokens(actor_of(request))})


@routes.delete("/tokens/{id}")
async def revoke_token(request: web.Request) -> web.Response:
    await api_tokens.revoke_token(deps_of(request), actor_of(request), token_id=path_id(request))
    return web.Response(status=204)


async def unknown(request: web.Request) -> web.Response:
    """Any other address under the API: a JSON 404 rather than the panel's page."""
    raise NotFound()
