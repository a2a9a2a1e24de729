"""Parsing form fields into typed values, with errors in the user's language."""

from __future__ import annotations

from datetime import date

from aiohttp.web import FileField
from multidict import MultiDictProxy, MultiMapping

from core.errors import InvalidInput
from core.i18n import N_

FormData = MultiDictProxy[str | bytes | bytearray | FileField]


def text(form: FormData, name: str, *, limit: int = 2000) -> str:
    value = form.get(name, "")
    return value[:limit] if isinstance(value, str) else ""


def _date(raw: str, field: str) -> date | None:
    raw = raw[:20].strip()
    if not raw:
        return None
    try:
        if "." in raw:
            day, month, year = raw.split(".")
            return date(int(year), int(month), int(day))
        return date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(
            N_("“{value}” is not a date. Use the format 31.12.2010."), field=field, value=raw
        ) from None


def optional_date(form: FormData, name: str) -> date | None:
    """A date from ``YYYY-MM-DD`` (the browser's date input) or ``DD.MM.YYYY``."""
    return _date(text(form, name, limit=20), name)


def query_date(query: MultiMapping[str], name: str) -> date | None:
    """``optional_date`` from the address's query (a period to show)."""
    return _date(query.get(name, ""), name)


def optional_id(raw: str | None) -> int | None:
    """An id from a choice that may be left empty (no room, all teachers)."""
    return int(raw) if raw and raw.strip().isdigit() else None


def integer(form: FormData, name: str, *, default: int | None = None) -> int:
    raw = text(form, name, limit=20).strip()
    if not raw and default is not None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise InvalidInput(N_("“{value}” is not a whole number."), field=name, value=raw) from None


def integers(form: FormData, name: str) -> tuple[int, ...]:
    values: list[int] = []
    for raw in form.getall(name, []):
        if isinstance(raw, str) and raw.strip().isdigit():
            values.append(int(raw))
    return tuple(values)


def query_int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default
