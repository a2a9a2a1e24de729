"""Core views as JSON: dataclasses become objects, datetimes ISO 8601 UTC with "Z", enums
their values, tuples arrays. The REST answers, the websocket frames and the fan-out payloads
all go through here, so a client sees one shape whichever way a message reached it.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from aiohttp import web

JSON = dict[str, Any]


def jsonable(value: object) -> Any:
    """``value`` as plain JSON types (dict, list, str, int, float, bool, None)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, Enum):
        return jsonable(value.value)
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(item) for item in value]
    return value


def dumps(value: object) -> str:
    return json.dumps(jsonable(value), ensure_ascii=False, separators=(",", ":"))


def respond(value: object, *, status: int = 200) -> web.Response:
    return web.json_response(text=dumps(value), status=status)
