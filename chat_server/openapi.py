"""The OpenAPI 3.1 document of the REST API, served at ``/api/v1/openapi.json``.

Response schemas are derived from the core views' dataclasses, so a field added to a view
appears here without anyone remembering to; each route's summary, parameters and body are
listed in ``OPERATIONS``, and tests/test_chat_api.py fails when a route is missing from it.
The websocket is described in ``chat_server.ws`` and the top-level ``description``.
"""

from __future__ import annotations

import dataclasses
import types
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

from aiohttp import web

from chat_server.serialise import JSON, respond
from core.services.api_tokens import ApiTokenView
from core.services.conversations import ConversationView, MemberView
from core.services.messages import AttachmentView, HistoryPage, MessageView, SearchHit
from core.services.people import Role

VIEWS: tuple[type, ...] = (
    ConversationView,
    MemberView,
    MessageView,
    AttachmentView,
    HistoryPage,
    SearchHit,
    ApiTokenView,
)

DESCRIPTION = """\
Sabaq's chat: conversations, messages, files, search and API tokens.

Authenticate with `Authorization: Bearer <token>` (create one with `POST /tokens`) or, from
the web panel, with its session cookie; cookie-authenticated requests that change something
send the panel's CSRF token in `X-CSRF-Token`.

Errors are `{"error": {"code", "message", "field"}}`; `message` is translated into the
account's language, else `Accept-Language`.

Live events: the websocket at `/api/v1/ws` (JSON text frames). The server sends `hello`,
`message`, `message_changed`, `read`, `typing`, `conversation`, `ack`, `error`, `resumed`
and `pong`; the client sends `send`, `read`, `typing`, `resume` and `ping`.
"""


def ref(name: str) -> JSON:
    return {"$ref": f"#/components/schemas/{name}"}


def _schema_of_type(kind: Any) -> JSON:
    origin = get_origin(kind)
    if origin in {Union, types.UnionType}:
        options = [_schema_of_type(arg) for arg in get_args(kind) if arg is not type(None)]
        schema = options[0] if len(options) == 1 else {"anyOf": options}
        if type(None) in get_args(kind):
            return {"anyOf": [schema, {"type": "null"}]}
        return schema
    if origin in {tuple, list}:
        return {"type": "array", "items": _schema_of_type(get_args(kind)[0])}
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return ref(kind.__name__)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return {"type": "string", "enum": [member.value for member in kind]}
    simple: dict[Any, JSON] = {
        bool: {"type": "boolean"},
        int: {"type": "integer"},
        str: {"type": "string"},
        datetime: {"type": "string", "format": "date-time"},
    }
    return simple[kind]


def schema_of(view: type) -> JSON:
    """The JSON schema of a view dataclass as ``chat_server.serialise`` writes it."""
    hints = get_type_hints(view)
    names = [f.name for f in dataclasses.fields(view)]
    return {
        "type": "object",
        "properties": {name: _schema_of_type(hints[name]) for name in names},
        "required": names,
    }


def _object(properties: dict[str, JSON], required: list[str] | None = None) -> JSON:
    return {"type": "object", "properties": properties, "required": required or []}


_ID = {"type": "integer", "minimum": 1}
_SEQ = {"type": "integer", "minimum": 0}
_TEXT = {"type": "string"}
_ROLES = {"type": "array", "items": {"type": "string", "enum": [role.value for role in Role]}}
_PEOPLE = {"type": "array", "items": ref("Person")}

EXTRA_SCHEMAS: dict[str, JSON] = {
    "Error": _object(
        {
            "error": _object(
                {
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                    "field": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                },
                ["code", "message", "field"],
            )
        },
        ["error"],
    ),
    "Person": _object({"person_id": _ID, "name": _TEXT}, ["person_id", "name"]),
    "IssuedToken": {
        "allOf": [ref("ApiTokenView"), _object({"token": _TEXT}, ["token"])],
    },
}


@dataclass(frozen=True)
class Operation:
    summary: str
    response: JSON | None
    status: int = 200
    body: JSON | None = None
    query: dict[str, JSON] = field(default_factory=dict)
    public: bool = False
    multipart: bool = False
    binary: bool = False


def _list_of(key: str, item: JSON) -> JSON:
    return _object({key: {"type": "array", "items": item}}, [key])


#: Every REST route: (method, path relative to /api/v1) → its description.
OPERATIONS: dict[tuple[str, str], Operation] = {
    ("GET", "/"): Operation(
        "What this service is.",
        _object({"service": _TEXT, "api": _TEXT, "openapi": _TEXT}),
        public=True,
    ),
    ("GET", "/openapi.json"): Operation("This document.", {"type": "object"}, public=True),
    ("GET", "/conversations"): Operation(
        "The caller's conversations, with unread counts.",
        _list_of("conversations", ref("ConversationView")),
    ),
    ("POST", "/conversations/direct"): Operation(
        "Open (or start) the direct conversation with a person.",
        ref("ConversationView"),
        201,
        _object({"person_id": _ID}, ["person_id"]),
    ),
    ("POST", "/conversations/channels"): Operation(
        "Create an announcement channel.",
        ref("ConversationView"),
        201,
        _object({"title": _TEXT, "audience": _ROLES, "posters": _ROLES}, ["title", "audience"]),
    ),
    ("POST", "/conversations/support"): Operation(
        "Open a support thread with the organisation's staff.",
        ref("ConversationView"),
        201,
        _object({"title": _TEXT}, ["title"]),
    ),
    ("GET", "/conversations/{id}"): Operation(
        "One conversation and its members.",
        _object(
            {
                "conversation": ref("ConversationView"),
                "members": {"type": "array", "items": ref("MemberView")},
            },
            ["conversation", "members"],
        ),
    ),
    ("POST", "/conversations/{id}/read"): Operation(
        "Move the caller's read marker forward.",
        ref("ConversationView"),
        body=_object({"seq": _SEQ}, ["seq"]),
    ),
    ("GET", "/conversations/{id}/messages"): Operation(
        "A page of messages in seq order: the newest, those before a seq, or after one.",
        ref("HistoryPage"),
        query={"before": _ID, "after": _SEQ, "limit": {"type": "integer", "minimum": 1}},
    ),
    ("POST", "/conversations/{id}/messages"): Operation(
        "Send a message; 200 with the stored one if this client_id was sent before.",
        ref("MessageView"),
        201,
        _object(
            {
                "text": _TEXT,
                "client_id": {"type": "string", "maxLength": 64},
                "reply_to_id": {"anyOf": [_ID, {"type": "null"}]},
                "attachment_ids": {"type": "array", "items": _ID},
            },
            ["text"],
        ),
    ),
    ("POST", "/conversations/{id}/attachments"): Operation(
        "Upload a file to attach to the next message.",
        ref("AttachmentView"),
        201,
        _object({"file": {"type": "string", "contentMediaType": "application/octet-stream"}}),
        multipart=True,
    ),
    ("GET", "/attachments/{id}"): Operation("Download a file.", None, binary=True),
    ("PATCH", "/messages/{id}"): Operation(
        "Edit one's own message; the old text is kept as a revision.",
        ref("MessageView"),
        body=_object({"text": _TEXT}, ["text"]),
    ),
    ("POST", "/messages/{id}/hide"): Operation(
        "Hide a message from members (it stays for auditors).",
        ref("MessageView"),
        body=_object({"reason": _TEXT}),
    ),
    ("GET", "/messages/{id}/readers"): Operation(
        "Who has read a message.", _list_of("readers", ref("Person"))
    ),
    ("GET", "/search"): Operation(
        "Search the messages the caller may read (from:, in:, before:, after:, has:file).",
        _list_of("hits", ref("SearchHit")),
        query={"q": _TEXT, "before_id": _ID, "limit": {"type": "integer", "minimum": 1}},
    ),
    ("GET", "/directory"): Operation(
        "People the caller may start a direct conversation with.",
        _object({"people": _PEOPLE}, ["people"]),
        query={"q": _TEXT},
    ),
    ("POST", "/tokens"): Operation(
        "Create a bearer token with a login and password; the token is shown only now.",
        ref("IssuedToken"),
        201,
        _object({"login": _TEXT, "password": _TEXT, "name": _TEXT}, ["login", "password"]),
        public=True,
    ),
    ("GET", "/tokens"): Operation(
        "The caller's working tokens.", _list_of("tokens", ref("ApiTokenView"))
    ),
    ("DELETE", "/tokens/{id}"): Operation("Revoke one of the caller's tokens.", None, 204),
}

_ERRORS = {
    "400": "Malformed or invalid input.",
    "401": "No valid credentials.",
    "403": "Not allowed, or a missing CSRF token.",
    "404": "No such thing, or not open to the caller.",
    "409": "Not possible in the current state.",
    "413": "Too large.",
    "429": "Too many requests; wait a moment.",
}


def _operation(method: str, path: str, operation: Operation) -> JSON:
    name = "".join(part.strip("{}").title() for part in path.replace(".", "/").split("/"))
    result: JSON = {
        "operationId": method.lower() + (name or "Index"),
        "summary": operation.summary,
        "parameters": [],
        "responses": {},
    }
    if "{id}" in path:
        result["parameters"].append({"name": "id", "in": "path", "required": True, "schema": _ID})
    for name, schema in operation.query.items():
        result["parameters"].append({"name": name, "in": "query", "schema": schema})
    if operation.body is not None:
        media = "multipart/form-data" if operation.multipart else "application/json"
        result["requestBody"] = {"required": True, "content": {media: {"schema": operation.body}}}
    if operation.binary:
        success: JSON = {
            "description": "The file, as an attachment.",
            "content": {"application/octet-stream": {}},
        }
    elif operation.response is None:
        success = {"description": "Done."}
    else:
        success = {
            "description": "Success.",
            "content": {"application/json": {"schema": operation.response}},
        }
    result["responses"][str(operation.status)] = success
    error = {"content": {"application/json": {"schema": ref("Error")}}}
    for status, description in _ERRORS.items():
        result["responses"][status] = {"description": description, **error}
    if operation.public:
        result["security"] = []
    return result


@cache
def document() -> JSON:
    paths: dict[str, JSON] = {}
    for (method, path), operation in OPERATIONS.items():
        paths.setdefault(path, {})[method.lower()] = _operation(method, path, operation)
    schemas = {view.__name__: schema_of(view) for view in VIEWS} | EXTRA_SCHEMAS
    return {
        "openapi": "3.1.0",
        "info": {"title": "Sabaq chat API", "version": "1", "description": DESCRIPTION},
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": "sabaq_session"},
            },
        },
        "security": [{"bearer": []}, {"session": []}],
    }


async def openapi_json(request: web.Request) -> web.Response:
    return respond(document())
