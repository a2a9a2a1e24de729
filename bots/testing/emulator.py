"""A Telegram Bot API emulator: an aiohttp server that aiogram (or any Bot API client) talks to.

The emulator speaks the Bot API over HTTP (``{base}/bot{token}/{method}``, files under
``{base}/file/bot{token}/{path}``), so bots run unmodified against it, and gives tests a Python
API to play the users' side (:class:`BotAPIEmulator`). Run it alone as a local sandbox with
``python -m bots.testing.emulator --port 8081`` (a small control API lives under ``/_control/``).

Emulated:

* requests in all four encodings (query string, urlencoded form, JSON body, multipart with
  uploads and ``attach://`` references); complex values sent as JSON strings are decoded;
  method names are case-insensitive; every call is checked against the published method list
  (``bot_api.json``): unknown method → 404, missing required parameter → 400, unknown
  parameters ignored. Unknown token → 401 (malformed token → 404, as Telegram does).
* bots, users, private chats (chat id == user id), groups and supergroups (``add_group``);
  messages with per-chat increasing ids; ``sendMessage``, ``sendDocument``/``sendPhoto`` and the
  other single-file ``send*`` methods, ``copyMessage``, ``forwardMessage``, ``editMessageText``,
  ``editMessageCaption``, ``editMessageReplyMarkup``, ``deleteMessage(s)``, inline and reply
  keyboards, callback queries and ``answerCallbackQuery``, ``getFile`` + downloads, ``getMe``,
  ``getChat``, ``getChatMember``, ``sendChatAction``, ``set/get/deleteMyCommands`` (per scope and
  language), ``getUpdates`` long polling (offset/limit/timeout/allowed_updates, 409 when
  another poll starts or a webhook is set), webhooks (``setWebhook``/``deleteWebhook``/
  ``getWebhookInfo``; updates are POSTed with the secret token header; a method returned in
  the webhook response body is executed).
* payments: ``sendInvoice`` checked as Telegram does (title, description, payload, currency,
  the ``LabeledPrice`` list, the provider token, tips, the Pay button), and the user paying
  (``user_pays_invoice``): a ``pre_checkout_query`` update, the bot's
  ``answerPreCheckoutQuery``, then, when it said yes, a message with ``successful_payment``.
* limits and Telegram's error texts: text 1–4096 characters after entity parsing, caption 1024,
  ``callback_data`` 1–64 bytes, HTML parse errors (only Telegram's tags), MarkdownV2 reserved
  characters, "message is not modified", 403 for a user who blocked the bot, and rate limits
  answered with 429 and ``parameters.retry_after``: per private chat a token bucket of
  ``per_chat_burst`` (default 2) messages refilled at ``per_chat_per_second`` (default 1/s), per
  group ``per_group_per_minute`` (default 20/min, no burst beyond that), per bot
  ``per_bot_per_second`` (default 30/s, a bucket of one second's worth). Only sending methods
  count (``send*`` except ``sendChatAction``, ``copyMessage``, ``forwardMessage``); edits and
  deletions are free. A refused call consumes nothing. The HTTP status always equals
  ``error_code``.
* fault injection: ``fail_next`` (any status; ``retry_after`` is sent only with 429) and
  ``timeout_next`` (the request is never answered; the handler ends when the client hangs up or
  the emulator closes).

Not emulated: inline mode, shipping queries, refunds, sticker sets, games, polls, media
groups, business and forum features, chat administration, reactions, stories, gifts. Methods
of the published list that are not implemented are still recognised: those that return
``True`` in Telegram answer ``{"ok": true, "result": true}`` after the required-parameter
check; the others answer 400 ``Bad Request: method <name> is not supported by the
emulator``. URLs given as files are not fetched (the file is stored empty). Entities are not
detected automatically in bot messages; user messages that start with ``/`` get a
``bot_command`` entity.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import copy
import functools
import hashlib
import io
import itertools
import json
import math
import mimetypes
import os
import re
import secrets
import string
import sys
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, TypeGuard
from urllib.parse import parse_qsl, urlsplit

import aiohttp
from aiohttp import web
from PIL import Image, UnidentifiedImageError

__all__ = ["ApiError", "BotAPIEmulator", "Call", "PaymentAttempt", "default_spec_path", "main"]

JSON = dict[str, Any]
Handler = Callable[["_Bot", JSON], Awaitable[Any]]

SPEC_ENV: Final = "SABAQ_BOT_API_SPEC"
MAX_TEXT: Final = 4096
MAX_CAPTION: Final = 1024
MAX_CALLBACK_DATA: Final = 64
MAX_UPLOAD: Final = 50 * 1024 * 1024
MAX_DOWNLOAD: Final = 20 * 1024 * 1024
MAX_INVOICE_TITLE: Final = 32
MAX_INVOICE_DESCRIPTION: Final = 255
MAX_INVOICE_PAYLOAD: Final = 128  # bytes
MAX_SUGGESTED_TIPS: Final = 4
#: How long Telegram waits for answerPreCheckoutQuery before the payment fails.
PRE_CHECKOUT_TIMEOUT: Final = 10.0
STARS: Final = "XTR"

TOO_LONG: Final = "Bad Request: message is too long"
CAPTION_TOO_LONG: Final = "Bad Request: message caption is too long"
TEXT_EMPTY: Final = "Bad Request: message text is empty"
NOT_MODIFIED: Final = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
CHAT_NOT_FOUND: Final = "Bad Request: chat not found"
BLOCKED: Final = "Forbidden: bot was blocked by the user"
NOT_STARTED: Final = "Forbidden: bot can't initiate conversation with a user"
WEBHOOK_ACTIVE: Final = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete "
    "the webhook first"
)
POLL_TERMINATED: Final = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is "
    "running"
)
QUERY_INVALID: Final = (
    "Bad Request: query is too old and response timeout expired or query ID is invalid"
)
PROVIDER_INVALID: Final = "Bad Request: PAYMENT_PROVIDER_INVALID"
CURRENCY_INVALID: Final = "Bad Request: CURRENCY_INVALID"
TOTAL_INVALID: Final = "Bad Request: CURRENCY_TOTAL_AMOUNT_INVALID"
PAYLOAD_INVALID: Final = "Bad Request: INVOICE_PAYLOAD_INVALID"

_STATUS_TEXT: Final = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    413: "Request Entity Too Large",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}
# Telegram's own wording for some missing parameters; the rest get "<name> is required".
_MISSING_TEXT: Final = {
    "chat_id": "Bad Request: chat_id is empty",
    "text": TEXT_EMPTY,
    "message_id": "Bad Request: message identifier is not specified",
    "callback_query_id": QUERY_INVALID,
    "file_id": "Bad Request: invalid file_id",
}
_FILE_PARAMS: Final = ("document", "photo", "audio", "video", "voice", "animation", "sticker")
# Sending methods that the rate limits count.
_COUNTED: Final = frozenset(
    {f"send{kind}" for kind in ("message", *_FILE_PARAMS, "videonote", "location", "venue")}
    | {"sendcontact", "sendpoll", "senddice", "sendmediagroup", "sendinvoice", "sendgame"}
    | {"copymessage", "copymessages", "forwardmessage", "forwardmessages"}
)
_DEFAULT_UPDATES: Final = frozenset(
    {"chat_member", "message_reaction", "message_reaction_count"}
)  # delivered only when asked for explicitly
_TOKEN_RE: Final = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
_COMMAND_RE: Final = re.compile(r"^[a-z0-9_]{1,32}$")
_CURRENCY_RE: Final = re.compile(r"^[A-Z]{3}$")


def default_spec_path() -> Path:
    """The Bot API method list: ``$SABAQ_BOT_API_SPEC`` or ``<repo>/../shared/telegram/``."""
    override = os.environ.get(SPEC_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2].parent / "shared/telegram/bot_api.json"


# --------------------------------------------------------------------------- errors and records


class ApiError(Exception):
    """A Bot API error answer: ``{"ok": false, "error_code": status, "description": ...}``."""

    def __init__(self, status: int, description: str, *, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    @classmethod
    def bad(cls, text: str) -> ApiError:
        return cls(400, f"Bad Request: {text}")

    @classmethod
    def too_many(cls, retry_after: int) -> ApiError:
        return cls(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)

    def payload(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


@dataclass(frozen=True)
class Call:
    """One Bot API request as the emulator saw it. ``status`` 0 means it was never answered."""

    token: str
    method: str
    params: JSON
    status: int
    time: float


@dataclass(frozen=True)
class PaymentAttempt:
    """A user's attempt to pay an invoice (:meth:`BotAPIEmulator.user_pays_invoice`).

    ``ok`` and ``error_message`` are the bot's answer to the pre-checkout query; when it said
    yes, ``message`` is the ``successful_payment`` message the bot was sent.
    """

    query_id: str
    ok: bool
    error_message: str | None
    message: JSON | None

    @property
    def successful_payment(self) -> JSON | None:
        return self.message["successful_payment"] if self.message else None


@dataclass(frozen=True)
class _Invoice:
    """What the bot put in an invoice (Telegram keeps it; the message shows only a part)."""

    title: str
    description: str
    payload: str
    provider_token: str
    currency: str
    prices: tuple[JSON, ...]
    max_tip_amount: int
    start_parameter: str

    @property
    def total_amount(self) -> int:
        return sum(int(price["amount"]) for price in self.prices)


@dataclass(frozen=True)
class _Upload:
    name: str
    content_type: str
    data: bytes


@dataclass
class _Fault:
    method: str  # lower-case method name, or "*" for any method
    status: int  # 0 = never answer
    retry_after: int | None
    description: str | None
    times: int


@dataclass
class _Bucket:
    """A token bucket: ``capacity`` tokens, refilled at ``rate`` tokens per second."""

    capacity: float
    rate: float
    tokens: float
    stamp: float

    def wait(self, now: float) -> float:
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self) -> None:
        self.tokens -= 1


@dataclass
class _StoredFile:
    token: str
    file_id: str
    unique_id: str
    path: str
    name: str
    mime_type: str
    data: bytes


@dataclass
class _Chat:
    obj: JSON  # the Chat object
    next_id: int = 1
    messages: dict[int, JSON] = field(default_factory=dict)
    deleted: set[int] = field(default_factory=set)
    reply_keyboard: JSON | None = None

    @property
    def id(self) -> int:
        return int(self.obj["id"])

    @property
    def private(self) -> bool:
        return bool(self.obj["type"] == "private")


@dataclass
class _Bot:
    token: str
    user: JSON
    chats: dict[int, _Chat] = field(default_factory=dict)
    updates: list[JSON] = field(default_factory=list)
    next_update_id: int = 1
    allowed_updates: list[str] | None = None
    poll_generation: int = 0
    polls: int = 0  # getUpdates calls in progress
    webhook_url: str = ""
    webhook_secret: str | None = None
    webhook_task: asyncio.Task[None] | None = None
    webhook_error: tuple[int, str] | None = None
    commands: dict[tuple[str, str], list[JSON]] = field(default_factory=dict)
    callbacks: dict[str, JSON] = field(default_factory=dict)
    answered: list[JSON] = field(default_factory=list)
    blocked: set[int] = field(default_factory=set)
    started: set[int] = field(default_factory=set)
    invoices: dict[tuple[int, int], _Invoice] = field(default_factory=dict)  # chat, message
    pre_checkouts: dict[str, JSON] = field(default_factory=dict)  # unanswered queries
    pre_checkout_answers: dict[str, JSON] = field(default_factory=dict)
    paid: set[tuple[int, int, int]] = field(default_factory=set)  # chat, message, user

    @property
    def sender(self) -> JSON:
        """The bot as the ``from`` of its messages (getMe's capability flags are left out)."""
        keys = ("id", "is_bot", "first_name", "username")
        return {key: self.user[key] for key in keys}


# --------------------------------------------------------------------------- the method list


@dataclass(frozen=True)
class _Param:
    name: str
    types: tuple[str, ...]
    required: bool


@dataclass(frozen=True)
class _Method:
    name: str
    params: tuple[_Param, ...]
    returns: tuple[str, ...]


class ApiSpec:
    """The published Bot API method list (``bot_api.json``), used to validate calls."""

    def __init__(self, methods: dict[str, _Method]) -> None:
        self.methods = methods

    @classmethod
    @functools.cache
    def load(cls, path: Path) -> ApiSpec:
        """Read the list once per path."""
        data = json.loads(path.read_text(encoding="utf-8"))
        methods: dict[str, _Method] = {}
        for name, method in data["methods"].items():
            params = tuple(
                _Param(f["name"], tuple(f["types"]), bool(f["required"]))
                for f in method.get("fields", [])
            )
            methods[name.lower()] = _Method(name, params, tuple(method["returns"]))
        return cls(methods)

    def method(self, name: str) -> _Method | None:
        return self.methods.get(name.lower())

    def decode(self, method: _Method, raw: JSON, uploads: dict[str, _Upload]) -> JSON:
        """Typed parameters of a call; raises ApiError 400 for missing or malformed ones."""
        params: JSON = {}
        for param in method.params:
            value = raw.get(param.name)
            if value is None and param.name in uploads:
                value = uploads[param.name]  # a file sent under the parameter's own name
            if value is None or value == "":
                if param.required:
                    raise ApiError(400, _missing_text(param.name))
                continue
            params[param.name] = _decode_value(param, value, uploads)
        return params


def _missing_text(name: str) -> str:
    if name in _FILE_PARAMS:
        return f"Bad Request: there is no {name} in the request"
    return _MISSING_TEXT.get(name, f"Bad Request: {name} is required")


def _decode_value(param: _Param, value: Any, uploads: dict[str, _Upload]) -> Any:
    types = param.types
    if any("InputFile" in t for t in types):
        return _decode_file(param.name, value, uploads)
    if isinstance(value, _Upload):
        raise ApiError.bad(f"can't use a file as {param.name}")
    try:
        if types == ("String",):
            return value if isinstance(value, str) else json.dumps(value)
        if types == ("Integer",):
            return _to_int(value)
        if types == ("Boolean",):
            return _to_bool(value)
        if types == ("Float",):
            return float(value)
        if types == ("Integer", "String"):
            return _to_int_or_str(value)
        return json.loads(value) if isinstance(value, str) else value
    except (TypeError, ValueError) as error:
        raise ApiError.bad(f"can't parse {param.name}: {error}") from None


def _decode_file(name: str, value: Any, uploads: dict[str, _Upload]) -> _Upload | str:
    if isinstance(value, _Upload):
        return value
    text = str(value)
    if text.startswith("attach://"):
        upload = uploads.get(text.removeprefix("attach://"))
        if upload is None:
            raise ApiError.bad(f"there is no {name} in the request")
        return upload
    return text


def _to_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("expected an integer")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return int(str(value).strip())


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "1"}:
        return True
    if text in {"false", "0"}:
        return False
    raise ValueError("expected a boolean")


def _to_int_or_str(value: Any) -> int | str:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    return int(text) if re.fullmatch(r"-?\d+", text) else text


# --------------------------------------------------------------------------- formatting


class _ParseError(Exception):
    pass


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


_HTML_TYPES: Final = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_HTML_NAMED: Final = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HTML_ENTITY_RE: Final = re.compile(r"&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,8}|[a-zA-Z]{1,10});")
_HTML_NAME_CHARS: Final = frozenset(string.ascii_letters + string.digits + "-")


def _html_entity(match: re.Match[str]) -> str:
    body = match.group(1)
    if body.startswith(("#x", "#X")):
        code = int(body[2:], 16)
    elif body.startswith("#"):
        code = int(body[1:])
    else:
        return _HTML_NAMED.get(body, match.group(0))
    return chr(code) if 0 < code <= 0x10FFFF else match.group(0)


@dataclass
class _OpenTag:
    name: str
    start: int  # byte offset of the tag in the source, for error messages
    offset: int  # UTF-16 offset in the output
    attrs: dict[str, str]
    language: str | None = None
    merged: bool = False


def _opens_pre(tag: _OpenTag | None, parser: _HtmlParser) -> TypeGuard[_OpenTag]:
    """``<pre><code class="language-x">``: the code tag gives the pre block its language."""
    return tag is not None and tag.name == "pre" and tag.offset == parser.length


class _HtmlParser:
    """Telegram's HTML subset (https://core.telegram.org/bots/api#html-style), tdlib's errors."""

    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0
        self.out: list[str] = []
        self.length = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[JSON] = []

    def parse(self) -> tuple[str, list[JSON]]:
        while self.pos < len(self.src):
            char = self.src[self.pos]
            if char == "<":
                self._tag()
            elif char == "&":
                match = _HTML_ENTITY_RE.match(self.src, self.pos)
                self._emit(_html_entity(match) if match else "&")
                self.pos = match.end() if match else self.pos + 1
            else:
                end = len(self.src)
                for stop in ("<", "&"):
                    found = self.src.find(stop, self.pos)
                    if found != -1:
                        end = min(end, found)
                self._emit(self.src[self.pos : end])
                self.pos = end
        if self.stack:
            name = self.stack[-1].name
            raise _ParseError(f'Can\'t find end tag corresponding to start tag "{name}"')
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def _emit(self, text: str) -> None:
        self.out.append(text)
        self.length += _utf16_len(text)

    def _byte(self, index: int) -> int:
        return len(self.src[:index].encode("utf-8"))

    def _tag(self) -> None:
        if self.src.startswith("</", self.pos):
            self._end_tag()
        else:
            self._start_tag()

    def _start_tag(self) -> None:
        start, src = self.pos, self.src
        j = start + 1
        while j < len(src) and src[j] in _HTML_NAME_CHARS:
            j += 1
        name = src[start + 1 : j].lower()
        if name not in _HTML_TYPES:
            raise _ParseError(f'Unsupported start tag "{name}" at byte offset {self._byte(start)}')
        attrs, self.pos = self._attributes(name, start, j)
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise _ParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self._byte(start)}'
            )
        language = attrs.get("class", "")
        parent = self.stack[-1] if self.stack else None
        if name == "code" and language.startswith("language-") and _opens_pre(parent, self):
            parent.language = language.removeprefix("language-")
            attrs["_merged"] = "1"
        self.stack.append(_OpenTag(name, start, self.length, attrs))

    def _attributes(self, name: str, start: int, pos: int) -> tuple[dict[str, str], int]:
        src, attrs = self.src, dict[str, str]()
        while True:
            while pos < len(src) and src[pos].isspace():
                pos += 1
            if pos >= len(src):
                raise _ParseError(f"Unclosed start tag at byte offset {self._byte(start)}")
            if src[pos] == ">":
                return attrs, pos + 1
            if src[pos] == "/":
                pos += 1
                continue
            end = pos
            while end < len(src) and (src[end].isalnum() or src[end] in "-_"):
                end += 1
            if end == pos:
                raise _ParseError(
                    f'Empty attribute name in the tag "{name}" at byte offset {self._byte(pos)}'
                )
            key = src[pos:end].lower()
            pos = end
            while pos < len(src) and src[pos].isspace():
                pos += 1
            value = ""
            if pos < len(src) and src[pos] == "=":
                value, pos = self._attribute_value(start, pos + 1)
            attrs[key] = value

    def _attribute_value(self, start: int, pos: int) -> tuple[str, int]:
        src = self.src
        while pos < len(src) and src[pos].isspace():
            pos += 1
        if pos < len(src) and src[pos] in "'\"":
            end = src.find(src[pos], pos + 1)
            if end == -1:
                raise _ParseError(f"Unclosed start tag at byte offset {self._byte(start)}")
            raw, pos = src[pos + 1 : end], end + 1
        else:
            end = pos
            while end < len(src) and not src[end].isspace() and src[end] != ">":
                end += 1
            raw, pos = src[pos:end], end
        return _HTML_ENTITY_RE.sub(_html_entity, raw), pos

    def _end_tag(self) -> None:
        start = self.pos
        end = self.src.find(">", start)
        if end == -1:
            raise _ParseError(f"Unclosed end tag at byte offset {self._byte(start)}")
        name = self.src[start + 2 : end].strip().lower()
        if not self.stack:
            raise _ParseError(f"Unexpected end tag at byte offset {self._byte(start)}")
        top = self.stack.pop()
        if name != top.name:
            raise _ParseError(
                f"Unmatched end tag at byte offset {self._byte(start)}, "
                f'expected "</{top.name}>", found "</{name}>"'
            )
        self.pos = end + 1
        self._close(top)

    def _close(self, tag: _OpenTag) -> None:
        length = self.length - tag.offset
        if length == 0 or tag.attrs.get("_merged"):
            return
        entity: JSON = {"type": _HTML_TYPES[tag.name], "offset": tag.offset, "length": length}
        if tag.name == "a":
            if not tag.attrs.get("href"):
                return
            entity["url"] = tag.attrs["href"]
        elif tag.name == "pre" and tag.language:
            entity["language"] = tag.language
        elif tag.name == "blockquote" and "expandable" in tag.attrs:
            entity["type"] = "expandable_blockquote"
        elif tag.name == "tg-emoji":
            if not tag.attrs.get("emoji-id"):
                return
            entity["custom_emoji_id"] = tag.attrs["emoji-id"]
        self.entities.append(entity)


_MD2_RESERVED: Final = frozenset("_*[]()~`>#+-=|{}.!")
_MD2_MARKS: Final = (
    ("||", "spoiler"),
    ("__", "underline"),
    ("*", "bold"),
    ("_", "italic"),
    ("~", "strikethrough"),
)
_MD1_MARKS: Final = (("*", "bold"), ("_", "italic"))
_ENTITY_TITLES: Final = {"text_link": "a URL", "pre": "Pre", "code": "Code"}


class _MarkdownParser:
    """Telegram's MarkdownV2 (``strict``) or legacy Markdown: marks, code, pre and links."""

    def __init__(self, source: str, *, strict: bool) -> None:
        self.src = source
        self.strict = strict
        self.marks = _MD2_MARKS if strict else _MD1_MARKS
        self.pos = 0
        self.out: list[str] = []
        self.length = 0
        self.stack: list[tuple[str, str, int, int]] = []  # mark, type, utf16 offset, source pos
        self.entities: list[JSON] = []

    def parse(self) -> tuple[str, list[JSON]]:
        src = self.src
        while self.pos < len(src):
            char = src[self.pos]
            if char == "\\" and self.pos + 1 < len(src) and self._escapable(src[self.pos + 1]):
                self._emit(src[self.pos + 1])
                self.pos += 2
            elif char == "`":
                self._code()
            elif char == "[":
                self.stack.append(("[", "text_link", self.length, self.pos))
                self.pos += 1
            elif char == "]" and self.stack and self.stack[-1][0] == "[":
                self._link_end()
            elif not self._mark():
                if self.strict and char in _MD2_RESERVED:
                    raise _ParseError(
                        f"Character '{char}' is reserved and must be escaped with the preceding "
                        "'\\'"
                    )
                self._emit(char)
                self.pos += 1
        if self.stack:
            _, kind, _, pos = self.stack[-1]
            raise self._unclosed(kind, pos)
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def _escapable(self, char: str) -> bool:
        return char in _MD2_RESERVED or char == "\\" if self.strict else char in "_*`["

    def _unclosed(self, kind: str, pos: int) -> _ParseError:
        title = _ENTITY_TITLES.get(kind, kind.title())
        offset = len(self.src[:pos].encode("utf-8"))
        return _ParseError(f"Can't find end of {title} entity at byte offset {offset}")

    def _emit(self, text: str) -> None:
        self.out.append(text)
        self.length += _utf16_len(text)

    def _mark(self) -> bool:
        for mark, kind in self.marks:
            if self.src.startswith(mark, self.pos):
                if self.stack and self.stack[-1][0] == mark:
                    _, _, offset, _ = self.stack.pop()
                    self._add(kind, offset)
                else:
                    self.stack.append((mark, kind, self.length, self.pos))
                self.pos += len(mark)
                return True
        return False

    def _add(self, kind: str, offset: int, **extra: str) -> None:
        if self.length > offset:
            entity: JSON = {"type": kind, "offset": offset, "length": self.length - offset}
            self.entities.append({**entity, **extra})

    def _code(self) -> None:
        fence = "```" if self.src.startswith("```", self.pos) else "`"
        kind = "pre" if fence == "```" else "code"
        end = self._find_unescaped(fence, self.pos + len(fence))
        if end == -1:
            raise self._unclosed(kind, self.pos)
        body = self.src[self.pos + len(fence) : end]
        extra: dict[str, str] = {}
        if kind == "pre":
            first, newline, rest = body.partition("\n")
            if newline and first and " " not in first:
                extra["language"], body = first, rest
        offset = self.length
        self._emit(re.sub(r"\\([`\\])", r"\1", body) if self.strict else body)
        self._add(kind, offset, **extra)
        self.pos = end + len(fence)

    def _find_unescaped(self, needle: str, pos: int) -> int:
        while pos < len(self.src):
            if self.strict and self.src[pos] == "\\":
                pos += 2
            elif self.src.startswith(needle, pos):
                return pos
            else:
                pos += 1
        return -1

    def _link_end(self) -> None:
        _, _, offset, start = self.stack.pop()
        end = self._find_unescaped(")", self.pos + 2)
        if not self.src.startswith("(", self.pos + 1) or end == -1:
            raise self._unclosed("text_link", start)
        url = re.sub(r"\\([)\\])", r"\1", self.src[self.pos + 2 : end])
        self._add("text_link", offset, url=url)
        self.pos = end + 1


def format_text(text: str, parse_mode: str | None, entities: Any) -> tuple[str, list[JSON]]:
    """Text and entities as Telegram stores them; raises ApiError for parse errors."""
    mode = (parse_mode or "").lower()
    try:
        if mode == "html":
            return _HtmlParser(text).parse()
        if mode in {"markdown", "markdownv2"}:
            return _MarkdownParser(text, strict=mode == "markdownv2").parse()
    except _ParseError as error:
        raise ApiError.bad(f"can't parse entities: {error}") from None
    if mode:
        raise ApiError.bad("unsupported parse_mode")
    if entities is not None and not isinstance(entities, list):
        raise ApiError.bad("can't parse entities JSON object")
    return text, list(entities or [])


# --------------------------------------------------------------------------- keyboards

_INLINE_ACTIONS: Final = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


def check_reply_markup(markup: Any) -> JSON | None:
    """Validate a reply_markup value as Telegram does; returns it, or raises ApiError."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise ApiError.bad("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        _check_rows(markup["inline_keyboard"], "inline_keyboard", "InlineKeyboardMarkup")
        for row in markup["inline_keyboard"]:
            for button in row:
                _check_inline_button(button)
    elif "keyboard" in markup:
        _check_rows(markup["keyboard"], "keyboard", "ReplyKeyboardMarkup")
        for row in markup["keyboard"]:
            for button in row:
                text = button if isinstance(button, str) else _dict(button).get("text")
                if not isinstance(text, str) or not text:
                    raise ApiError.bad("keyboard button text must be non-empty")
    elif not {"remove_keyboard", "force_reply"} & markup.keys():
        raise ApiError.bad("can't parse reply keyboard markup JSON object")
    return markup


def _dict(value: Any) -> JSON:
    return value if isinstance(value, dict) else {}


def _check_rows(rows: Any, name: str, owner: str) -> None:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise ApiError.bad(f'field "{name}" of the {owner} must be an Array of Arrays')


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise ApiError.bad(
            "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
        )
    if not isinstance(button.get("text"), str):
        raise ApiError.bad(
            'can\'t parse inline keyboard button: Field "text" must be of type String'
        )
    if not any(key in button for key in _INLINE_ACTIONS):
        raise ApiError.bad(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if "callback_data" in button:
        data = button["callback_data"]
        size = len(data.encode("utf-8")) if isinstance(data, str) else 0
        if not 1 <= size <= MAX_CALLBACK_DATA:
            raise ApiError.bad("BUTTON_DATA_INVALID")
    if "url" in button:
        url = str(button["url"])
        if urlsplit(url).scheme not in {"http", "https", "tg"} or not urlsplit(url).netloc:
            raise ApiError.bad(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")


def _inline_only(markup: JSON | None) -> JSON | None:
    """Telegram returns a message's reply_markup only when it is an inline keyboard."""
    return markup if markup and "inline_keyboard" in markup else None


def _callback_datas(markup: JSON | None) -> Iterator[str]:
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            if "callback_data" in button:
                yield str(button["callback_data"])


# --------------------------------------------------------------------------- request bodies


async def _read_multipart(reader: aiohttp.MultipartReader) -> tuple[JSON, dict[str, _Upload]]:
    fields: JSON = {}
    uploads: dict[str, _Upload] = {}
    while True:
        part = await reader.next()
        if part is None:
            return fields, uploads
        if not isinstance(part, aiohttp.BodyPartReader) or not part.name:
            continue
        data = await part.read(decode=True)
        if part.filename is not None:
            content_type = part.headers.get("Content-Type", "application/octet-stream")
            uploads[part.name] = _Upload(part.filename, content_type, bytes(data))
        else:
            fields[part.name] = bytes(data).decode("utf-8")


def _parse_body(content_type: str, body: bytes) -> JSON:
    if not body:
        return {}
    if content_type == "application/json":
        try:
            value = json.loads(body)
        except ValueError:
            raise ApiError.bad("can't parse JSON object") from None
        if not isinstance(value, dict):
            raise ApiError.bad("can't parse JSON object")
        return value
    if content_type == "application/x-www-form-urlencoded":
        return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    return {}


async def _read_request(request: web.Request) -> tuple[JSON, dict[str, _Upload]]:
    params: JSON = dict(request.query)
    if request.content_type.startswith("multipart/"):
        fields, uploads = await _read_multipart(await request.multipart())
        return {**params, **fields}, uploads
    body = await request.read()
    return {**params, **_parse_body(request.content_type, body)}, {}


# --------------------------------------------------------------------------- the emulator


class BotAPIEmulator:
    """The emulated Telegram: bots and users, an HTTP Bot API for the bots, and the users' side.

    Args:
        rate_limits: enforce Telegram's flood limits (429 with ``retry_after``).
        per_bot_per_second: messages per second one bot may send overall.
        per_chat_per_second: refill rate of a private chat's bucket.
        per_group_per_minute: messages per minute to one group.
        per_chat_burst: how many messages a private chat takes back-to-back.
        require_start: refuse (403) messages to users who never wrote to the bot.
        clock: monotonic seconds used by the rate limits (tests may pass a fake).
        spec_path: the Bot API method list; defaults to :func:`default_spec_path`.
    """

    def __init__(
        self,
        rate_limits: bool = True,
        per_bot_per_second: int = 30,
        per_chat_per_second: int = 1,
        per_group_per_minute: int = 20,
        *,
        per_chat_burst: int = 2,
        require_start: bool = False,
        clock: Callable[[], float] = time.monotonic,
        spec_path: Path | None = None,
    ) -> None:
        self.rate_limits = rate_limits
        self.per_bot_per_second = per_bot_per_second
        self.per_chat_per_second = per_chat_per_second
        self.per_group_per_minute = per_group_per_minute
        self.per_chat_burst = per_chat_burst
        self.require_start = require_start
        self.clock = clock
        self.spec_path = spec_path or default_spec_path()
        self.spec = ApiSpec.load(self.spec_path)
        self.calls: list[Call] = []
        self.base_url = ""
        self._bots: dict[str, _Bot] = {}
        self._users: dict[int, JSON] = {}
        self._groups: dict[int, JSON] = {}
        self._files: dict[str, _StoredFile] = {}
        self._faults: dict[str, list[_Fault]] = {}
        self._buckets: dict[tuple[str, ...], _Bucket] = {}
        self._user_ids = itertools.count(700_000_001)
        self._group_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._charge_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._changed = asyncio.Event()
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._http: aiohttp.ClientSession | None = None
        self._handlers: dict[str, Handler] = self._method_table()

    # ---------------------------------------------------------------- lifecycle

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Serve the Bot API; returns the base URL, e.g. ``http://127.0.0.1:41234``."""
        self._runner = web.AppRunner(self.make_app(), handler_cancellation=True, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound_port = self._runner.addresses[0][1]
        self.base_url = f"http://{host}:{bound_port}"
        return self.base_url

    async def close(self) -> None:
        """Stop serving; pending long polls return and hanging requests are released."""
        self._closing.set()
        self._notify()
        tasks = [bot.webhook_task for bot in self._bots.values() if bot.webhook_task]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._http is not None:
            await self._http.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> BotAPIEmulator:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def make_app(self) -> web.Application:
        """The aiohttp application (Bot API, file downloads and the control API)."""
        app = web.Application(client_max_size=MAX_UPLOAD + 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        _ControlApi(self).register(app)
        return app

    # ---------------------------------------------------------------- world set-up

    def add_bot(self, token: str, username: str, first_name: str = "Bot") -> JSON:
        """Register a bot; returns its User object (what getMe answers)."""
        if not _TOKEN_RE.match(token):
            raise ValueError(f"not a bot token: {token!r}")
        user = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": first_name,
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self._bots[token] = _Bot(token, user)
        return copy.deepcopy(user)

    def add_user(
        self,
        first_name: str,
        last_name: str = "",
        username: str | None = None,
        language_code: str | None = "ru",
        *,
        user_id: int | None = None,
    ) -> JSON:
        """Register a Telegram user; returns the User object. Their private chat id is ``id``."""
        uid = user_id if user_id is not None else next(self._user_ids)
        user: JSON = {"id": uid, "is_bot": False, "first_name": first_name}
        if last_name:
            user["last_name"] = last_name
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        self._users[uid] = user
        return copy.deepcopy(user)

    def add_group(
        self, title: str, *, username: str | None = None, supergroup: bool = True
    ) -> JSON:
        """Register a group every bot is a member of; returns the Chat object."""
        number = next(self._group_ids)
        chat_id = -1_000_000_000_000 - number if supergroup else -4_000_000_000 - number
        chat: JSON = {"id": chat_id, "type": "supergroup" if supergroup else "group"}
        chat["title"] = title
        if username:
            chat["username"] = username
        self._groups[chat_id] = chat
        return copy.deepcopy(chat)

    def block(self, token: str, user_id: int) -> None:
        """The user blocks the bot: sends to them answer 403; the bot gets my_chat_member."""
        bot = self._bot(token)
        if user_id not in bot.blocked:
            bot.blocked.add(user_id)
            self._member_update(bot, user_id, "member", "kicked")

    def unblock(self, token: str, user_id: int) -> None:
        """The user unblocks the bot (Telegram's "Restart" button, before it sends /start)."""
        bot = self._bot(token)
        if user_id in bot.blocked:
            bot.blocked.discard(user_id)
            self._member_update(bot, user_id, "kicked", "member")

    def fail_next(
        self,
        token: str,
        method: str,
        *,
        status: int = 429,
        retry_after: int = 1,
        times: int = 1,
        description: str | None = None,
    ) -> None:
        """The next ``times`` calls of ``method`` ("*" = any) fail with ``status``.

        ``parameters.retry_after`` is sent with 429 only (aiogram and PTB would turn any error
        carrying it into a retry-after error).
        """
        self._bot(token)
        after = retry_after if status == 429 else None
        fault = _Fault(method.lower(), status, after, description, times)
        self._faults.setdefault(token, []).append(fault)

    def timeout_next(self, token: str, method: str, times: int = 1) -> None:
        """The next ``times`` calls of ``method`` are never answered."""
        self._bot(token)
        self._faults.setdefault(token, []).append(_Fault(method.lower(), 0, None, None, times))

    # ---------------------------------------------------------------- the users' side

    async def user_sends(
        self,
        token: str,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        reply_to_message_id: int | None = None,
    ) -> JSON:
        """The user types ``text`` (in their private chat, or ``chat_id``); returns the Message."""
        content: JSON = {"text": text}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": _utf16_len(command)}
            ]
        return self._user_message(token, user_id, chat_id, content, reply_to_message_id)

    async def user_sends_document(
        self,
        token: str,
        user_id: int,
        data: bytes,
        file_name: str,
        *,
        mime_type: str | None = None,
        caption: str | None = None,
        chat_id: int | None = None,
    ) -> JSON:
        """The user sends a file; returns the Message (its document has a usable file_id)."""
        upload = _Upload(file_name, mime_type or _guess_mime(file_name), data)
        stored = self._store_file(token, upload, "documents")
        content: JSON = {"document": _document(stored)}
        if caption:
            content["caption"] = caption
        return self._user_message(token, user_id, chat_id, content, None)

    async def user_sends_photo(
        self,
        token: str,
        user_id: int,
        data: bytes,
        *,
        caption: str | None = None,
        chat_id: int | None = None,
        media_group_id: str | None = None,
    ) -> JSON:
        """The user sends a photo; returns the Message (its ``photo`` sizes share one file).
        Photos of one album share a ``media_group_id`` and arrive as one update each."""
        stored = self._store_file(token, _Upload("photo.jpg", "image/jpeg", data), "photos")
        content: JSON = {"photo": _photo(stored)}
        if caption:
            content["caption"] = caption
        if media_group_id is not None:
            content["media_group_id"] = media_group_id
        return self._user_message(token, user_id, chat_id, content, None)

    async def user_presses(
        self,
        token: str,
        user_id: int,
        message_id: int,
        callback_data: str,
        *,
        chat_id: int | None = None,
        strict: bool = False,
    ) -> str:
        """The user presses an inline button; returns the callback query id.

        The message must exist; the data need not be on its keyboard (forged or stale data is a
        case bots must handle) unless ``strict``.
        """
        bot, user = self._bot(token), self._user(user_id)
        chat = self._chat(bot, user_id if chat_id is None else chat_id)
        message = chat.messages.get(message_id)
        if message is None:
            raise LookupError(f"no message {message_id} in chat {chat.id}")
        if strict and callback_data not in _callback_datas(message.get("reply_markup")):
            raise LookupError(f"no button with callback_data {callback_data!r}")
        query_id = f"{bot.user['id'] % 10_000}{next(self._callback_ids):015d}"
        query = {
            "id": query_id,
            "from": user,
            "message": _public(message),
            "chat_instance": str(_stable_hash(f"{token}:{chat.id}")),
            "data": callback_data,
        }
        bot.callbacks[query_id] = query
        self._enqueue(bot, "callback_query", query)
        return query_id

    async def user_pays_invoice(
        self,
        token: str,
        user_id: int,
        message_id: int,
        *,
        chat_id: int | None = None,
        tip_amount: int = 0,
        total_amount: int | None = None,
        timeout: float = PRE_CHECKOUT_TIMEOUT,  # noqa: ASYNC109 - Telegram's own deadline
    ) -> PaymentAttempt:
        """The user presses Pay under an invoice and confirms: the bot gets a
        ``pre_checkout_query``; if it answers ``ok``, the payment succeeds and the bot gets a
        message with ``successful_payment`` in the user's private chat.

        ``chat_id`` is where the invoice is (default the user's private chat; a group, or
        another user's chat for a copy forwarded to this user, which has a Pay button only
        without ``start_parameter``). ``tip_amount`` is added to the total (at most the
        invoice's ``max_tip_amount``); ``total_amount`` replaces the total, to play a
        forged or out-of-date client.

        Raises:
            LookupError: no such invoice, no Pay button there, or this user paid it already
                (Telegram shows them the receipt instead).
            ValueError: a tip the invoice does not allow.
            TimeoutError: the bot did not answer the pre-checkout query within ``timeout``.
        """
        bot, user = self._bot(token), self._user(user_id)
        chat = self._chat(bot, user_id if chat_id is None else chat_id)
        invoice = bot.invoices.get((chat.id, message_id))
        if invoice is None or message_id not in chat.messages:
            raise LookupError(f"no invoice {message_id} in chat {chat.id}")
        if chat.private and chat.id != user_id and invoice.start_parameter:
            raise LookupError("a forwarded invoice with a start_parameter has no Pay button")
        if (chat.id, message_id, user_id) in bot.paid:
            raise LookupError(f"user {user_id} has paid invoice {message_id} already")
        if not 0 <= tip_amount <= invoice.max_tip_amount:
            raise ValueError(f"the invoice allows tips up to {invoice.max_tip_amount}")
        total = invoice.total_amount + tip_amount if total_amount is None else total_amount
        query_id = f"{bot.user['id'] % 10_000}{next(self._callback_ids):015d}"
        query: JSON = {
            "id": query_id,
            "from": user,
            "currency": invoice.currency,
            "total_amount": total,
            "invoice_payload": invoice.payload,
        }
        bot.pre_checkouts[query_id] = query
        self._enqueue(bot, "pre_checkout_query", query)
        try:
            async with asyncio.timeout(timeout):
                while query_id not in bot.pre_checkout_answers:
                    await self._wait_change()
        except TimeoutError:
            bot.pre_checkouts.pop(query_id, None)  # too late to answer now
            raise
        answer = bot.pre_checkout_answers[query_id]
        if not answer["ok"]:
            return PaymentAttempt(query_id, False, answer["error_message"], None)
        bot.paid.add((chat.id, message_id, user_id))
        number = next(self._charge_ids)
        charge_id = f"{bot.user['id']}_{user_id}_{number}_{secrets.token_hex(6)}"
        provider_id = "" if invoice.currency == STARS else f"emulated-{number:08d}"
        payment: JSON = {
            "currency": invoice.currency,
            "total_amount": total,
            "invoice_payload": invoice.payload,
            "telegram_payment_charge_id": charge_id,
            "provider_payment_charge_id": provider_id,
        }
        message = self._user_message(token, user_id, None, {"successful_payment": payment}, None)
        return PaymentAttempt(query_id, True, None, message)

    async def redeliver(self, token: str, message: JSON) -> None:
        """Deliver a user's message to the bot once more, as Telegram does when it did not
        see the first delivery confirmed (a bot that crashed while handling it)."""
        bot = self._bot(token)
        chat = bot.chats.get(int(message["chat"]["id"]))
        if chat is None or int(message["message_id"]) not in chat.messages:
            raise LookupError(f"no message {message['message_id']} in chat {message['chat']}")
        self._enqueue(bot, "message", _public(chat.messages[int(message["message_id"])]))

    # ---------------------------------------------------------------- reading the state

    def sent(self, token: str, chat_id: int) -> list[JSON]:
        """Messages the bot sent to the chat, as they are now (edits applied, deletions gone).

        ``reply_markup`` is the keyboard sent with the message, inline or reply keyboard.
        """
        bot = self._bot(token)
        chat = bot.chats.get(chat_id)
        if chat is None:
            return []
        bot_id = bot.user["id"]
        mine = [m for _, m in sorted(chat.messages.items()) if m["from"]["id"] == bot_id]
        return [{**copy.deepcopy(m), "reply_markup": m.get("reply_markup")} for m in mine]

    async def wait_sent(
        self,
        token: str,
        chat_id: int,
        count: int = 1,
        timeout: float = 10.0,  # noqa: ASYNC109 - the contract's signature
    ) -> list[JSON]:
        """Wait until the bot has sent at least ``count`` messages to the chat.

        Raises:
            TimeoutError: fewer messages after ``timeout`` seconds.
        """
        async with asyncio.timeout(timeout):
            while len(messages := self.sent(token, chat_id)) < count:
                await self._wait_change()
        return messages

    async def wait_calls(
        self,
        method: str,
        count: int = 1,
        *,
        token: str | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - like wait_sent
    ) -> list[Call]:
        """Wait until ``method`` was called at least ``count`` times (any status).

        Raises:
            TimeoutError: fewer calls after ``timeout`` seconds.
        """
        async with asyncio.timeout(timeout):
            while len(found := self.calls_of(method, token=token)) < count:
                await self._wait_change()
        return found

    async def wait_polling(
        self,
        token: str,
        timeout: float = 10.0,  # noqa: ASYNC109 - like wait_sent
    ) -> None:
        """Wait until a getUpdates call of the bot is in progress (a bot is polling).

        Raises:
            TimeoutError: nobody polls after ``timeout`` seconds.
        """
        bot = self._bot(token)
        async with asyncio.timeout(timeout):
            while not bot.polls:
                await self._wait_change()

    def calls_of(self, method: str, *, token: str | None = None) -> list[Call]:
        """Calls of one method (case-insensitive), optionally for one bot."""
        name = method.lower()
        return [c for c in self.calls if c.method.lower() == name and token in {None, c.token}]

    def invoice(self, token: str, chat_id: int, message_id: int) -> JSON:
        """Everything the bot put in an invoice it sent: ``title``, ``description``,
        ``payload``, ``provider_token``, ``currency``, ``prices``, ``total_amount``,
        ``max_tip_amount``, ``start_parameter``.

        Raises:
            LookupError: the bot sent no such invoice.
        """
        invoice = self._bot(token).invoices.get((chat_id, message_id))
        if invoice is None:
            raise LookupError(f"no invoice {message_id} in chat {chat_id}")
        return {
            "title": invoice.title,
            "description": invoice.description,
            "payload": invoice.payload,
            "provider_token": invoice.provider_token,
            "currency": invoice.currency,
            "prices": copy.deepcopy(list(invoice.prices)),
            "total_amount": invoice.total_amount,
            "max_tip_amount": invoice.max_tip_amount,
            "start_parameter": invoice.start_parameter,
        }

    def pre_checkout_answers(self, token: str) -> list[JSON]:
        """answerPreCheckoutQuery calls, in order: ``{"id", "ok", "error_message"}``."""
        return copy.deepcopy(list(self._bot(token).pre_checkout_answers.values()))

    def answered_callbacks(self, token: str) -> list[JSON]:
        """answerCallbackQuery calls: ``{"id", "text", "show_alert", "url", "cache_time"}``."""
        return copy.deepcopy(self._bot(token).answered)

    def commands(
        self, token: str, language_code: str | None = None, scope: JSON | None = None
    ) -> list[JSON]:
        """What setMyCommands set for that scope (default scope) and language."""
        key = (_scope_key(scope), language_code or "")
        return copy.deepcopy(self._bot(token).commands.get(key, []))

    def reply_keyboard(self, token: str, chat_id: int) -> JSON | None:
        """The reply keyboard the user sees in the chat now (None when removed or never sent)."""
        chat = self._bot(token).chats.get(chat_id)
        return copy.deepcopy(chat.reply_keyboard) if chat else None

    def pending_updates(self, token: str) -> list[JSON]:
        """Updates not yet confirmed by getUpdates (or not yet delivered to the webhook)."""
        return copy.deepcopy(self._bot(token).updates)

    def file_bytes(self, file_id: str) -> bytes:
        """The content of a stored file."""
        return self._files[file_id].data

    def webhook_url(self, token: str) -> str:
        return self._bot(token).webhook_url

    # ---------------------------------------------------------------- HTTP: the Bot API

    async def _handle_api(self, request: web.Request) -> web.Response:
        token, name = request.match_info["token"], request.match_info["method"]
        try:
            raw, uploads = await _read_request(request)
        except ApiError as error:
            return web.json_response(error.payload(), status=error.status)
        status, payload = await self.execute(token, name, raw, uploads)
        return web.json_response(payload, status=status)

    async def execute(
        self,
        token: str,
        name: str,
        raw: JSON,
        uploads: dict[str, _Upload] | None = None,
    ) -> tuple[int, JSON]:
        """Run one Bot API call; returns the HTTP status and the JSON answer."""
        method = self.spec.method(name)
        call_name, params, status = (method.name if method else name), raw, 0
        try:
            bot = self._authorise(token)
            if method is None:
                raise ApiError(404, "Not Found: method not found")
            await self._inject_fault(token, method.name)
            params = self.spec.decode(method, raw, uploads or {})
            result = await self._run(bot, method, params)
        except ApiError as error:
            status = error.status
            return status, error.payload()
        else:
            status = 200
            return status, {"ok": True, "result": result}
        finally:
            self.calls.append(Call(token, call_name, _loggable(params), status, self.clock()))
            self._notify()

    def _authorise(self, token: str) -> _Bot:
        bot = self._bots.get(token)
        if bot is not None:
            return bot
        if _TOKEN_RE.match(token):
            raise ApiError(401, "Unauthorized")
        raise ApiError(404, "Not Found")

    async def _inject_fault(self, token: str, method: str) -> None:
        faults = self._faults.get(token, [])
        fault = next((f for f in faults if f.method in {"*", method.lower()}), None)
        if fault is None:
            return
        fault.times -= 1
        if fault.times <= 0:
            faults.remove(fault)
        if fault.status == 0:
            await self._closing.wait()
            raise ApiError(500, "Internal Server Error: emulator closed")
        text = fault.description or _STATUS_TEXT.get(fault.status, "Error")
        if fault.status == 429 and fault.description is None:
            text = f"Too Many Requests: retry after {fault.retry_after}"
        raise ApiError(fault.status, text, retry_after=fault.retry_after)

    async def _run(self, bot: _Bot, method: _Method, params: JSON) -> Any:
        handler = self._handlers.get(method.name.lower())
        if handler is not None:
            return await handler(bot, params)
        if method.returns == ("Boolean",):
            return True
        raise ApiError.bad(f"method {method.name} is not supported by the emulator")

    async def _handle_file(self, request: web.Request) -> web.Response:
        token, path = request.match_info["token"], request.match_info["path"]
        stored = next(
            (f for f in self._files.values() if f.path == path and f.token == token), None
        )
        if stored is None:
            body = {"ok": False, "error_code": 404, "description": "Not Found"}
            return web.json_response(body, status=404)
        return web.Response(body=stored.data, content_type=stored.mime_type)

    # ---------------------------------------------------------------- method table

    def _method_table(self) -> dict[str, Handler]:
        table: dict[str, Handler] = {
            "getme": self._get_me,
            "logout": self._true,
            "close": self._true,
            "getupdates": self._get_updates,
            "setwebhook": self._set_webhook,
            "deletewebhook": self._delete_webhook,
            "getwebhookinfo": self._get_webhook_info,
            "sendmessage": self._send_message,
            "copymessage": self._copy_message,
            "forwardmessage": self._forward_message,
            "editmessagetext": self._edit_message_text,
            "editmessagecaption": self._edit_message_caption,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "deletemessage": self._delete_message,
            "deletemessages": self._delete_messages,
            "answercallbackquery": self._answer_callback_query,
            "sendinvoice": self._send_invoice,
            "answerprecheckoutquery": self._answer_pre_checkout_query,
            "setmycommands": self._set_my_commands,
            "getmycommands": self._get_my_commands,
            "deletemycommands": self._delete_my_commands,
            "sendchataction": self._send_chat_action,
            "getchat": self._get_chat,
            "getchatmember": self._get_chat_member,
            "getfile": self._get_file,
        }
        for kind in _FILE_PARAMS:
            table[f"send{kind}"] = self._file_sender(kind)
        return table

    async def _true(self, bot: _Bot, params: JSON) -> bool:
        return True

    async def _get_me(self, bot: _Bot, params: JSON) -> JSON:
        return bot.user

    # ---------------------------------------------------------------- updates and webhooks

    async def _get_updates(self, bot: _Bot, params: JSON) -> list[JSON]:
        if bot.webhook_url:
            raise ApiError(409, WEBHOOK_ACTIVE)
        if "allowed_updates" in params:
            bot.allowed_updates = list(params["allowed_updates"]) or None
        if "offset" in params:
            _confirm(bot, int(params["offset"]))
        limit = min(max(int(params.get("limit", 100)), 1), 100)
        timeout = max(float(params.get("timeout", 0)), 0.0)
        bot.poll_generation += 1
        bot.polls += 1
        self._notify()  # an older poll of this bot ends with 409; wait_polling wakes up
        try:
            return await self._poll(bot, bot.poll_generation, limit, timeout)
        finally:
            bot.polls -= 1

    async def _poll(self, bot: _Bot, generation: int, limit: int, wait: float) -> list[JSON]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        while True:
            if bot.webhook_url:
                raise ApiError(409, WEBHOOK_ACTIVE)
            if bot.poll_generation != generation:
                raise ApiError(409, POLL_TERMINATED)
            ready = [u for u in bot.updates if _allowed(bot, u)][:limit]
            remaining = deadline - loop.time()
            if ready or remaining <= 0 or self._closing.is_set():
                return copy.deepcopy(ready)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(remaining):
                    await self._wait_change()

    async def _set_webhook(self, bot: _Bot, params: JSON) -> bool:
        url = str(params.get("url", ""))
        if not url:
            return await self._delete_webhook(bot, params)
        if urlsplit(url).scheme not in {"http", "https"}:
            raise ApiError.bad("bad webhook: An HTTPS URL must be provided for webhook")
        if params.get("drop_pending_updates"):
            bot.updates.clear()
        if "allowed_updates" in params:
            bot.allowed_updates = list(params["allowed_updates"]) or None
        bot.webhook_url, bot.webhook_secret = url, params.get("secret_token")
        bot.poll_generation += 1
        if bot.webhook_task is None or bot.webhook_task.done():
            bot.webhook_task = asyncio.create_task(self._webhook_worker(bot))
        self._notify()
        return True

    async def _delete_webhook(self, bot: _Bot, params: JSON) -> bool:
        if params.get("drop_pending_updates"):
            bot.updates.clear()
        bot.webhook_url, bot.webhook_secret = "", None
        task, bot.webhook_task = bot.webhook_task, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        return True

    async def _get_webhook_info(self, bot: _Bot, params: JSON) -> JSON:
        info: JSON = {
            "url": bot.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(bot.updates),
            "max_connections": 40,
        }
        if bot.allowed_updates:
            info["allowed_updates"] = bot.allowed_updates
        if bot.webhook_error:
            info["last_error_date"], info["last_error_message"] = bot.webhook_error
        return info

    async def _webhook_worker(self, bot: _Bot) -> None:
        delay = 0.05
        while bot.webhook_url:
            if not bot.updates:
                await self._wait_change()
                continue
            update = bot.updates[0]
            delivered = not _allowed(bot, update) or await self._post_update(bot, update)
            if delivered:
                if bot.updates and bot.updates[0] is update:
                    bot.updates.pop(0)
                delay = 0.05
                self._notify()
            else:
                await asyncio.sleep(delay)
                delay = min(delay * 2, 1.0)

    async def _post_update(self, bot: _Bot, update: JSON) -> bool:
        if self._http is None:
            self._http = aiohttp.ClientSession()
        headers = {}
        if bot.webhook_secret:
            headers["X-Telegram-Bot-Api-Secret-Token"] = bot.webhook_secret
        try:
            async with self._http.post(
                bot.webhook_url,
                json=update,
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=30),
            ) as response:
                if not 200 <= response.status < 300:
                    reason = (
                        f"Wrong response from the webhook: {response.status} {response.reason}"
                    )
                    bot.webhook_error = (int(time.time()), reason)
                    return False
                await self._run_webhook_reply(bot, response)
                return True
        except (aiohttp.ClientError, TimeoutError) as error:
            bot.webhook_error = (int(time.time()), f"Connection failed: {error}")
            return False

    async def _run_webhook_reply(self, bot: _Bot, response: aiohttp.ClientResponse) -> None:
        """A webhook may answer with a method call in its body; Telegram executes it."""
        if response.content_type.startswith("multipart/"):
            reader = aiohttp.MultipartReader(response.headers, response.content)
            fields, uploads = await _read_multipart(reader)
        else:
            fields, uploads = _parse_body(response.content_type, await response.read()), {}
        method = fields.pop("method", None)
        if isinstance(method, str) and method:
            await self.execute(bot.token, method, fields, uploads)

    # ---------------------------------------------------------------- sending

    async def _send_message(self, bot: _Bot, params: JSON) -> JSON:
        chat = self._target(bot, params["chat_id"])
        text, entities = _message_text(params)
        markup = check_reply_markup(params.get("reply_markup"))
        reply = self._reply_to(chat, params)
        self._spend(bot, chat)
        content: JSON = {"text": text}
        if entities:
            content["entities"] = entities
        return self._bot_message(bot, chat, content, markup, reply)

    def _file_sender(self, kind: str) -> Handler:
        async def send(bot: _Bot, params: JSON) -> JSON:
            chat = self._target(bot, params["chat_id"])
            caption = _caption(params)
            markup = check_reply_markup(params.get("reply_markup"))
            reply = self._reply_to(chat, params)
            stored = self._resolve_file(bot, params[kind], kind)
            content: JSON = {kind: _photo(stored) if kind == "photo" else _document(stored)}
            self._spend(bot, chat)
            return self._bot_message(bot, chat, {**content, **caption}, markup, reply)

        return send

    async def _copy_message(self, bot: _Bot, params: JSON) -> JSON:
        source = self._find_message(bot, params["from_chat_id"], params["message_id"], "copy")
        chat = self._target(bot, params["chat_id"])
        content = _content_of(source)
        if "caption" in params:
            content.update(_caption(params))
        markup = check_reply_markup(params.get("reply_markup"))
        reply = self._reply_to(chat, params)
        self._spend(bot, chat)
        return {"message_id": self._bot_message(bot, chat, content, markup, reply)["message_id"]}

    async def _forward_message(self, bot: _Bot, params: JSON) -> JSON:
        source = self._find_message(bot, params["from_chat_id"], params["message_id"], "forward")
        chat = self._target(bot, params["chat_id"])
        content = _content_of(source)
        content["forward_origin"] = {
            "type": "user",
            "date": source["date"],
            "sender_user": source["from"],
        }
        self._spend(bot, chat)
        return self._bot_message(bot, chat, content, None, None)

    def _bot_message(
        self,
        bot: _Bot,
        chat: _Chat,
        content: JSON,
        markup: JSON | None,
        reply: JSON | None,
    ) -> JSON:
        message = self._new_message(chat, bot.sender, content)
        if reply is not None:
            message["reply_to_message"] = _public(reply)
        message["reply_markup"] = markup
        if markup and "keyboard" in markup:
            chat.reply_keyboard = markup
        elif markup and "remove_keyboard" in markup:
            chat.reply_keyboard = None
        self._notify()
        return _public(message)

    def _new_message(self, chat: _Chat, sender: JSON, content: JSON) -> JSON:
        message: JSON = {
            "message_id": chat.next_id,
            "from": sender,
            "chat": chat.obj,
            "date": int(time.time()),
            **content,
        }
        chat.messages[chat.next_id] = message
        chat.next_id += 1
        return message

    def _reply_to(self, chat: _Chat, params: JSON) -> JSON | None:
        reply = _dict(params.get("reply_parameters"))
        message_id = reply.get("message_id", params.get("reply_to_message_id"))
        if message_id is None:
            return None
        found = chat.messages.get(_to_int(message_id))
        if found is None and not reply.get("allow_sending_without_reply"):
            raise ApiError.bad("message to be replied not found")
        return found

    # ---------------------------------------------------------------- editing and deleting

    async def _edit_message_text(self, bot: _Bot, params: JSON) -> JSON:
        message = self._editable(bot, params)
        if "text" not in message:
            raise ApiError.bad("there is no text in the message to edit")
        text, entities = _message_text(params)
        markup = check_reply_markup(params.get("reply_markup"))
        changes: JSON = {"text": text, "entities": entities or None, "reply_markup": markup}
        return self._apply_edit(message, changes)

    async def _edit_message_caption(self, bot: _Bot, params: JSON) -> JSON:
        message = self._editable(bot, params)
        caption = _caption(params)
        markup = check_reply_markup(params.get("reply_markup"))
        changes: JSON = {
            "caption": caption.get("caption"),
            "caption_entities": caption.get("caption_entities"),
            "reply_markup": markup,
        }
        return self._apply_edit(message, changes)

    async def _edit_message_reply_markup(self, bot: _Bot, params: JSON) -> JSON:
        message = self._editable(bot, params)
        markup = check_reply_markup(params.get("reply_markup"))
        return self._apply_edit(message, {"reply_markup": markup})

    def _editable(self, bot: _Bot, params: JSON) -> JSON:
        if "inline_message_id" in params:
            raise ApiError.bad("inline messages are not supported by the emulator")
        if "chat_id" not in params:
            raise ApiError(400, _MISSING_TEXT["chat_id"])
        if "message_id" not in params:
            raise ApiError(400, _MISSING_TEXT["message_id"])
        chat = self._target(bot, params["chat_id"])
        message = chat.messages.get(int(params["message_id"]))
        if message is None:
            raise ApiError.bad("message to edit not found")
        if message["from"]["id"] != bot.user["id"]:
            raise ApiError.bad("message can't be edited")
        return message

    def _apply_edit(self, message: JSON, changes: JSON) -> JSON:
        if all(message.get(key) == value for key, value in changes.items()):
            raise ApiError(400, NOT_MODIFIED)
        for key, value in changes.items():
            if value is None:
                message.pop(key, None)
            else:
                message[key] = value
        message.setdefault("reply_markup", None)
        message["edit_date"] = int(time.time())
        self._notify()
        return _public(message)

    async def _delete_message(self, bot: _Bot, params: JSON) -> bool:
        chat = self._chat_or_404(bot, params["chat_id"])
        message_id = int(params["message_id"])
        if chat.messages.pop(message_id, None) is None:
            raise ApiError.bad("message to delete not found")
        chat.deleted.add(message_id)
        self._notify()
        return True

    async def _delete_messages(self, bot: _Bot, params: JSON) -> bool:
        chat = self._chat_or_404(bot, params["chat_id"])
        for message_id in params["message_ids"]:
            if chat.messages.pop(int(message_id), None) is not None:
                chat.deleted.add(int(message_id))
        self._notify()
        return True

    # ---------------------------------------------------------------- callbacks and commands

    async def _answer_callback_query(self, bot: _Bot, params: JSON) -> bool:
        query_id = str(params["callback_query_id"])
        if bot.callbacks.pop(query_id, None) is None:
            raise ApiError(400, QUERY_INVALID)
        text = params.get("text")
        if text is not None and len(text) > 200:
            raise ApiError.bad("MESSAGE_TOO_LONG")
        bot.answered.append(
            {
                "id": query_id,
                "text": text,
                "show_alert": bool(params.get("show_alert", False)),
                "url": params.get("url"),
                "cache_time": params.get("cache_time"),
            }
        )
        self._notify()
        return True

    # ---------------------------------------------------------------- payments

    async def _send_invoice(self, bot: _Bot, params: JSON) -> JSON:
        chat = self._target(bot, params["chat_id"])
        invoice = _check_invoice(params)
        markup = check_reply_markup(params.get("reply_markup"))
        _check_pay_button(markup)
        reply = self._reply_to(chat, params)
        self._spend(bot, chat)
        content: JSON = {
            "invoice": {
                "title": invoice.title,
                "description": invoice.description,
                "start_parameter": invoice.start_parameter,
                "currency": invoice.currency,
                "total_amount": invoice.total_amount,
            }
        }
        message = self._bot_message(bot, chat, content, markup, reply)
        bot.invoices[(chat.id, int(message["message_id"]))] = invoice
        return message

    async def _answer_pre_checkout_query(self, bot: _Bot, params: JSON) -> bool:
        query_id = str(params["pre_checkout_query_id"])
        ok = bool(params["ok"])
        error_message = params.get("error_message")
        if not ok and not (isinstance(error_message, str) and error_message.strip()):
            raise ApiError.bad("error_message must be non-empty when ok is false")
        if bot.pre_checkouts.pop(query_id, None) is None:
            raise ApiError(400, QUERY_INVALID)
        bot.pre_checkout_answers[query_id] = {
            "id": query_id,
            "ok": ok,
            "error_message": None if ok else error_message,
        }
        self._notify()
        return True

    async def _set_my_commands(self, bot: _Bot, params: JSON) -> bool:
        commands = params["commands"]
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError.bad("can't parse commands JSON object")
        cleaned = [_check_command(c) for c in commands]
        key = (_scope_key(params.get("scope")), params.get("language_code") or "")
        bot.commands[key] = cleaned
        return True

    async def _get_my_commands(self, bot: _Bot, params: JSON) -> list[JSON]:
        key = (_scope_key(params.get("scope")), params.get("language_code") or "")
        return bot.commands.get(key, [])

    async def _delete_my_commands(self, bot: _Bot, params: JSON) -> bool:
        key = (_scope_key(params.get("scope")), params.get("language_code") or "")
        bot.commands.pop(key, None)
        return True

    # ---------------------------------------------------------------- chats and files

    async def _send_chat_action(self, bot: _Bot, params: JSON) -> bool:
        self._target(bot, params["chat_id"])
        return True

    async def _get_chat(self, bot: _Bot, params: JSON) -> JSON:
        chat = self._chat_or_404(bot, params["chat_id"])
        gifts = dict.fromkeys(
            (
                "unlimited_gifts",
                "limited_gifts",
                "unique_gifts",
                "premium_subscription",
                "gifts_from_channels",
            ),
            False,
        )
        return {
            **chat.obj,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": gifts,
        }

    async def _get_chat_member(self, bot: _Bot, params: JSON) -> JSON:
        chat = self._chat_or_404(bot, params["chat_id"])
        user_id = int(params["user_id"])
        if user_id == bot.user["id"]:
            return {"status": "member", "user": bot.sender}
        user = self._users.get(user_id)
        if user is None or (chat.private and chat.id != user_id):
            raise ApiError.bad("user not found")
        return {"status": "member", "user": user}

    async def _get_file(self, bot: _Bot, params: JSON) -> JSON:
        stored = self._files.get(str(params["file_id"]))
        if stored is None or stored.token != bot.token:
            raise ApiError.bad("invalid file_id")
        if len(stored.data) > MAX_DOWNLOAD:
            raise ApiError.bad("file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_size": len(stored.data),
            "file_path": stored.path,
        }

    def _resolve_file(self, bot: _Bot, value: _Upload | str, kind: str) -> _StoredFile:
        if isinstance(value, _Upload):
            if len(value.data) > MAX_UPLOAD:
                raise ApiError(413, "Request Entity Too Large")
            if kind == "photo":
                _image_size(value.data)
            return self._store_file(bot.token, value, f"{kind}s")
        stored = self._files.get(value)
        if stored is not None and stored.token == bot.token:
            return stored
        if urlsplit(value).scheme in {"http", "https"}:
            name = Path(urlsplit(value).path).name or kind
            return self._store_file(bot.token, _Upload(name, _guess_mime(name), b""), f"{kind}s")
        raise ApiError.bad("wrong file identifier/HTTP URL specified")

    def _store_file(self, token: str, upload: _Upload, folder: str) -> _StoredFile:
        number = next(self._file_ids)
        suffix = Path(upload.name).suffix or mimetypes.guess_extension(upload.content_type) or ""
        stored = _StoredFile(
            token=token,
            file_id=f"{folder[:2].upper()}ACAg{number:06d}{secrets.token_urlsafe(18)}",
            unique_id=f"AgAD{number:06d}{secrets.token_urlsafe(6)}",
            path=f"{folder}/file_{number}{suffix}",
            name=upload.name,
            mime_type=upload.content_type,
            data=upload.data,
        )
        self._files[stored.file_id] = stored
        return stored

    # ---------------------------------------------------------------- chats, limits, updates

    def _bot(self, token: str) -> _Bot:
        bot = self._bots.get(token)
        if bot is None:
            raise KeyError(f"no bot with token {token!r}; call add_bot first")
        return bot

    def _user(self, user_id: int) -> JSON:
        user = self._users.get(user_id)
        if user is None:
            raise KeyError(f"no user {user_id}; call add_user first")
        return user

    def _chat(self, bot: _Bot, chat_id: int) -> _Chat:
        """The bot's view of a chat with a known user or group."""
        chat = bot.chats.get(chat_id)
        if chat is not None:
            return chat
        if chat_id in self._users:
            user = self._users[chat_id]
            obj: JSON = {"id": chat_id, "type": "private"}
            obj.update({k: user[k] for k in ("first_name", "last_name", "username") if k in user})
        elif chat_id in self._groups:
            obj = self._groups[chat_id]
        else:
            raise ApiError(400, CHAT_NOT_FOUND)
        chat = bot.chats[chat_id] = _Chat(obj)
        return chat

    def _chat_or_404(self, bot: _Bot, chat_id: int | str) -> _Chat:
        if isinstance(chat_id, str):
            found = [g for g in self._groups.values() if f"@{g.get('username')}" == chat_id]
            if not found:
                raise ApiError(400, CHAT_NOT_FOUND)
            chat_id = int(found[0]["id"])
        return self._chat(bot, chat_id)

    def _target(self, bot: _Bot, chat_id: int | str) -> _Chat:
        """A chat the bot may write to now (403 when blocked or never started)."""
        chat = self._chat_or_404(bot, chat_id)
        if chat.private and chat.id in bot.blocked:
            raise ApiError(403, BLOCKED)
        if chat.private and self.require_start and chat.id not in bot.started:
            raise ApiError(403, NOT_STARTED)
        return chat

    def _find_message(self, bot: _Bot, chat_id: int | str, message_id: int, verb: str) -> JSON:
        message = self._chat_or_404(bot, chat_id).messages.get(message_id)
        if message is None:
            raise ApiError.bad(f"message to {verb} not found")
        return message

    def _spend(self, bot: _Bot, chat: _Chat) -> None:
        """Take one message from the rate limits, or refuse with 429."""
        if not self.rate_limits:
            return
        now = self.clock()
        per_bot = self.per_bot_per_second
        buckets = [self._bucket(("bot", bot.token), per_bot, per_bot)]
        if chat.private:
            burst, rate = max(self.per_chat_burst, 1), self.per_chat_per_second
            buckets.append(self._bucket(("chat", bot.token, str(chat.id)), burst, rate))
        else:
            per_minute = self.per_group_per_minute
            key = ("group", bot.token, str(chat.id))
            buckets.append(self._bucket(key, per_minute, per_minute / 60))
        wait = max(bucket.wait(now) for bucket in buckets)
        if wait > 0:
            raise ApiError.too_many(max(1, math.ceil(wait)))
        for bucket in buckets:
            bucket.take()

    def _bucket(self, key: tuple[str, ...], capacity: int, rate: float) -> _Bucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = _Bucket(capacity, rate, float(capacity), self.clock())
            self._buckets[key] = bucket
        return bucket

    def _user_message(
        self,
        token: str,
        user_id: int,
        chat_id: int | None,
        content: JSON,
        reply_to_message_id: int | None,
    ) -> JSON:
        bot, user = self._bot(token), self._user(user_id)
        chat = self._chat(bot, user_id if chat_id is None else chat_id)
        if chat.private:
            self.unblock(token, user_id)
            bot.started.add(user_id)
        message = self._new_message(chat, user, content)
        if reply_to_message_id is not None and reply_to_message_id in chat.messages:
            message["reply_to_message"] = _public(chat.messages[reply_to_message_id])
        self._enqueue(bot, "message", _public(message))
        return _public(message)

    def _member_update(self, bot: _Bot, user_id: int, old: str, new: str) -> None:
        user = self._user(user_id)
        chat = self._chat(bot, user_id)
        update = {
            "chat": chat.obj,
            "from": user,
            "date": int(time.time()),
            "old_chat_member": _chat_member(old, bot.sender),
            "new_chat_member": _chat_member(new, bot.sender),
        }
        self._enqueue(bot, "my_chat_member", update)

    def _enqueue(self, bot: _Bot, kind: str, payload: JSON) -> None:
        bot.updates.append({"update_id": bot.next_update_id, kind: copy.deepcopy(payload)})
        bot.next_update_id += 1
        self._notify()

    def _notify(self) -> None:
        """Wake everything waiting for a change (long polls, webhook workers, wait_sent)."""
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait_change(self) -> None:
        await self._changed.wait()


# --------------------------------------------------------------------------- helpers


def _confirm(bot: _Bot, offset: int) -> None:
    if offset < 0:
        del bot.updates[: max(len(bot.updates) + offset, 0)]
    elif offset > 0:
        bot.updates[:] = [u for u in bot.updates if u["update_id"] >= offset]


def _allowed(bot: _Bot, update: JSON) -> bool:
    kind = next(k for k in update if k != "update_id")
    if bot.allowed_updates:
        return kind in bot.allowed_updates
    return kind not in _DEFAULT_UPDATES


def _chat_member(status: str, user: JSON) -> JSON:
    """A ChatMember; a "kicked" one (the bot blocked by a user) needs ``until_date``."""
    member: JSON = {"status": status, "user": user}
    if status == "kicked":
        member["until_date"] = 0
    return member


def _public(message: JSON) -> JSON:
    """A Message as the Bot API returns it (reply keyboards are not echoed back)."""
    result = {k: v for k, v in message.items() if k != "reply_markup"}
    markup = _inline_only(message.get("reply_markup"))
    if markup is not None:
        result["reply_markup"] = markup
    return copy.deepcopy(result)


def _content_of(message: JSON) -> JSON:
    keys = ("text", "entities", "caption", "caption_entities", *_FILE_PARAMS)
    return {k: copy.deepcopy(message[k]) for k in keys if k in message}


def _message_text(params: JSON) -> tuple[str, list[JSON]]:
    text, entities = format_text(params["text"], params.get("parse_mode"), params.get("entities"))
    if not text.strip():
        raise ApiError(400, TEXT_EMPTY)
    if len(text) > MAX_TEXT:
        raise ApiError(400, TOO_LONG)
    return text, entities


def _caption(params: JSON) -> JSON:
    if not params.get("caption"):
        return {}
    caption, entities = format_text(
        params["caption"], params.get("parse_mode"), params.get("caption_entities")
    )
    if len(caption) > MAX_CAPTION:
        raise ApiError(400, CAPTION_TOO_LONG)
    result: JSON = {"caption": caption}
    if entities:
        result["caption_entities"] = entities
    return result


def _check_command(command: Any) -> JSON:
    if not isinstance(command, dict):
        raise ApiError.bad("can't parse BotCommand JSON object")
    name, description = command.get("command"), command.get("description")
    if not isinstance(name, str) or not _COMMAND_RE.match(name.removeprefix("/")):
        raise ApiError.bad("BOT_COMMAND_INVALID")
    if not isinstance(description, str) or not 1 <= len(description) <= 256:
        raise ApiError.bad("command description must be 1-256 characters long")
    return {"command": name.removeprefix("/"), "description": description}


def _check_invoice(params: JSON) -> _Invoice:
    """The invoice of a sendInvoice call, checked as Telegram does; raises ApiError."""
    title, description = str(params["title"]), str(params["description"])
    if not 1 <= len(title) <= MAX_INVOICE_TITLE:
        raise ApiError.bad(f"invoice title must be 1-{MAX_INVOICE_TITLE} characters long")
    if not 1 <= len(description) <= MAX_INVOICE_DESCRIPTION:
        raise ApiError.bad(
            f"invoice description must be 1-{MAX_INVOICE_DESCRIPTION} characters long"
        )
    payload = str(params["payload"])
    if not 1 <= len(payload.encode("utf-8")) <= MAX_INVOICE_PAYLOAD:
        raise ApiError(400, PAYLOAD_INVALID)
    currency = str(params["currency"])
    if not _CURRENCY_RE.match(currency):
        raise ApiError(400, CURRENCY_INVALID)
    provider_token = str(params.get("provider_token") or "")
    if bool(provider_token) == (currency == STARS):
        # Stars are paid without a provider; every other currency needs one.
        raise ApiError(400, PROVIDER_INVALID)
    prices = _check_prices(params["prices"])
    if currency == STARS and len(prices) != 1:
        raise ApiError.bad("an invoice in Telegram Stars must have exactly one price")
    if sum(int(price["amount"]) for price in prices) <= 0:
        raise ApiError(400, TOTAL_INVALID)
    max_tip = _to_int(params.get("max_tip_amount", 0))
    tips = params.get("suggested_tip_amounts") or []
    if (
        max_tip < 0
        or (max_tip and currency == STARS)
        or not isinstance(tips, list)
        or len(tips) > MAX_SUGGESTED_TIPS
        or any(not isinstance(tip, int) or not 0 < tip <= max_tip for tip in tips)
        or tips != sorted(set(tips))
    ):
        raise ApiError.bad("SUGGESTED_TIP_AMOUNTS_INVALID")
    return _Invoice(
        title=title,
        description=description,
        payload=payload,
        provider_token=provider_token,
        currency=currency,
        prices=tuple(prices),
        max_tip_amount=max_tip,
        start_parameter=str(params.get("start_parameter") or ""),
    )


def _check_prices(prices: Any) -> list[JSON]:
    """A non-empty list of LabeledPrice objects (``label`` text, ``amount`` an integer)."""
    if not isinstance(prices, list) or not prices:
        raise ApiError.bad("can't parse prices JSON object")
    checked = []
    for price in prices:
        label, amount = _dict(price).get("label"), _dict(price).get("amount")
        if not isinstance(label, str) or not label.strip():
            raise ApiError.bad('can\'t parse LabeledPrice: field "label" must be non-empty')
        if not isinstance(amount, int) or isinstance(amount, bool):
            raise ApiError.bad('can\'t parse LabeledPrice: field "amount" must be an Integer')
        checked.append({"label": label, "amount": amount})
    return checked


def _check_pay_button(markup: JSON | None) -> None:
    """An invoice's keyboard is inline, and its first button pays (none: Telegram adds it)."""
    if markup is None:
        return
    rows = markup.get("inline_keyboard")
    if rows is None:
        raise ApiError.bad("an invoice can have only an inline keyboard")
    first = rows[0][0] if rows and rows[0] else None
    if first is None or first.get("pay") is not True:
        raise ApiError.bad("the first button of an invoice must be a Pay button")


def _scope_key(scope: Any) -> str:
    value = scope if isinstance(scope, dict) and scope else {"type": "default"}
    return json.dumps(value, sort_keys=True)


def _document(stored: _StoredFile) -> JSON:
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.unique_id,
        "file_name": stored.name,
        "mime_type": stored.mime_type,
        "file_size": len(stored.data),
    }


def _photo(stored: _StoredFile) -> list[JSON]:
    width, height = _image_size(stored.data) if stored.data else (0, 0)
    size = {
        "file_id": stored.file_id,
        "file_unique_id": stored.unique_id,
        "width": width,
        "height": height,
        "file_size": len(stored.data),
    }
    return [size]


def _image_size(data: bytes) -> tuple[int, int]:
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except (UnidentifiedImageError, OSError):
        raise ApiError.bad("IMAGE_PROCESS_FAILED") from None


def _guess_mime(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:7], "big")


def _loggable(params: JSON) -> JSON:
    def clean(value: Any) -> Any:
        if isinstance(value, _Upload):
            return {"file_name": value.name, "size": len(value.data)}
        return value

    return {key: clean(value) for key, value in params.items()}


# --------------------------------------------------------------------------- control API


class _ControlApi:
    """``/_control/*``: drive the emulator over HTTP when it runs as a standalone sandbox."""

    def __init__(self, emulator: BotAPIEmulator) -> None:
        self.emulator = emulator

    def register(self, app: web.Application) -> None:
        routes = {
            "add_bot": self.add_bot,
            "add_user": self.add_user,
            "user_sends": self.user_sends,
            "user_presses": self.user_presses,
            "user_pays_invoice": self.user_pays_invoice,
            "block": self.block,
            "fail_next": self.fail_next,
        }
        for name, handler in routes.items():
            app.router.add_post(f"/_control/{name}", self._wrap(handler))
        app.router.add_get("/_control/sent", self._wrap(self.sent))
        app.router.add_get("/_control/calls", self._wrap(self.calls))

    def _wrap(
        self, handler: Callable[[JSON], Awaitable[Any]]
    ) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def endpoint(request: web.Request) -> web.Response:
            try:
                body = dict(request.query)
                if request.can_read_body:
                    body.update(await request.json())
                result = await handler(body)
            except (KeyError, LookupError, TypeError, ValueError) as error:
                payload = {"ok": False, "description": f"{type(error).__name__}: {error}"}
                return web.json_response(payload, status=400)
            return web.json_response({"ok": True, "result": result})

        return endpoint

    async def add_bot(self, body: JSON) -> JSON:
        e = self.emulator
        return e.add_bot(body["token"], body["username"], body.get("first_name", "Bot"))

    async def add_user(self, body: JSON) -> JSON:
        return self.emulator.add_user(
            body["first_name"],
            body.get("last_name", ""),
            body.get("username"),
            body.get("language_code", "ru"),
        )

    async def user_sends(self, body: JSON) -> JSON:
        return await self.emulator.user_sends(body["token"], int(body["user_id"]), body["text"])

    async def user_presses(self, body: JSON) -> str:
        return await self.emulator.user_presses(
            body["token"], int(body["user_id"]), int(body["message_id"]), body["callback_data"]
        )

    async def user_pays_invoice(self, body: JSON) -> JSON:
        attempt = await self.emulator.user_pays_invoice(
            body["token"], int(body["user_id"]), int(body["message_id"])
        )
        return {
            "query_id": attempt.query_id,
            "ok": attempt.ok,
            "error_message": attempt.error_message,
            "message": attempt.message,
        }

    async def block(self, body: JSON) -> bool:
        self.emulator.block(body["token"], int(body["user_id"]))
        return True

    async def fail_next(self, body: JSON) -> bool:
        self.emulator.fail_next(
            body["token"],
            body["method"],
            status=int(body.get("status", 429)),
            retry_after=int(body.get("retry_after", 1)),
            times=int(body.get("times", 1)),
            description=body.get("description"),
        )
        return True

    async def sent(self, body: JSON) -> list[JSON]:
        return self.emulator.sent(body["token"], int(body["chat_id"]))

    async def calls(self, body: JSON) -> list[JSON]:
        return [
            {
                "token": c.token,
                "method": c.method,
                "params": c.params,
                "status": c.status,
                "time": c.time,
            }
            for c in self.emulator.calls
        ]


# --------------------------------------------------------------------------- command line


def _parse_args(argv: Iterable[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bots.testing.emulator", description="A local Telegram Bot API sandbox."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--no-rate-limits", action="store_true")
    parser.add_argument(
        "--bot",
        action="append",
        default=[],
        metavar="TOKEN[=USERNAME]",
        help="register a bot (repeatable)",
    )
    return parser.parse_args(list(argv) if argv is not None else None)


async def _serve(args: argparse.Namespace) -> None:
    emulator = BotAPIEmulator(rate_limits=not args.no_rate_limits)
    for spec in args.bot:
        token, _, username = spec.partition("=")
        emulator.add_bot(token, username or f"bot{token.split(':', 1)[0]}_bot")
    url = await emulator.start(args.host, args.port)
    sys.stdout.write(f"Bot API emulator on {url} (control API: {url}/_control/)\n")
    sys.stdout.flush()
    try:
        await asyncio.Event().wait()
    finally:
        await emulator.close()


def main(argv: Iterable[str] | None = None) -> None:
    """Run the emulator until interrupted."""
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(_parse_args(argv)))


if __name__ == "__main__":
    main()
