"""Reading what clients send: JSON bodies, ids in addresses, query parameters.

Anything malformed is an ``InvalidInput`` naming the field (a 400, or an error frame on the
websocket) before a core service is called, so a service never sees a string where it
expects an id, and an id too large for the database never reaches it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from core.errors import InvalidInput
from core.i18n import N_

#: Conversations, people and tokens have 32-bit ids; messages, attachments and seqs 64-bit.
ID_MAX = 2**31 - 1
BIG_ID_MAX = 2**63 - 1

_NOT_WHOLE = N_("This must be a whole number from {low} to {high}.")


async def json_body(request: web.Request) -> dict[str, Any]:
    """The request's JSON object (an empty body counts as ``{}``).

    Raises:
        InvalidInput: the body is not a JSON object.
    """
    raw = await request.read()
    if not raw.strip():
        return {}
    return json_object(raw)


def json_object(raw: str | bytes) -> dict[str, Any]:
    """``raw`` parsed, which must be a JSON object (else ``InvalidInput``)."""
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        value = None
    if not isinstance(value, dict):
        raise InvalidInput(N_("Send a JSON object."))
    return value


def whole(value: object, field: str, *, low: int = 1, high: int = ID_MAX) -> int:
    """An integer in ``[low, high]`` (digits in a string are accepted, booleans are not).

    Raises:
        InvalidInput: anything else.
    """
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(_NOT_WHOLE, field=field, low=low, high=high)
    return value


def path_id(request: web.Request, *, high: int = ID_MAX) -> int:
    """The ``{id}`` of the address.

    Raises:
        InvalidInput: not a whole number in range.
    """
    return whole(request.match_info["id"], "id", high=high)


def required(body: Mapping[str, Any], field: str) -> object:
    """The field's value; missing or null is ``InvalidInput``."""
    value = body.get(field)
    if value is None:
        raise InvalidInput(N_("This value is required."), field=field)
    return value


def text(body: Mapping[str, Any], field: str, *, default: str | None = None) -> str:
    """A string field; missing is ``default`` (when given) or an error.

    Raises:
        InvalidInput: missing without a default, or not a string.
    """
    value = body.get(field)
    if value is None and default is not None:
        return default
    if not isinstance(value, str):
        raise InvalidInput(N_("This must be text."), field=field)
    return value


def optional_id(
    source: Mapping[str, Any], field: str, *, low: int = 1, high: int = ID_MAX
) -> int | None:
    """An optional whole number (missing, null or an empty query parameter: ``None``).

    Raises:
        InvalidInput: present but not a whole number in range.
    """
    value = source.get(field)
    if value is None or value == "":
        return None
    return whole(value, field, low=low, high=high)


def id_list(body: Mapping[str, Any], field: str, *, high: int = BIG_ID_MAX) -> list[int]:
    """A list of ids (missing or null: empty).

    Raises:
        InvalidInput: not a list of whole numbers in range.
    """
    value = body.get(field)
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidInput(N_("This must be a list of numbers."), field=field)
    return [whole(item, field, high=high) for item in value]


def string_list(body: Mapping[str, Any], field: str) -> list[str]:
    """A list of strings (missing or null: empty).

    Raises:
        InvalidInput: not a list of strings.
    """
    value = body.get(field)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InvalidInput(N_("This must be a list of names."), field=field)
    return value
