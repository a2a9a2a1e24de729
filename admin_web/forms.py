"""Parsing form fields into typed values, with errors in the user's language."""

from __future__ import annotations

import re
from datetime import date

from aiohttp.web import FileField
from multidict import MultiDictProxy, MultiMapping

from core.errors import InvalidInput, NotFound
from core.i18n import N_
from core.services.lessons import check_id

FormData = MultiDictProxy[str | bytes | bytearray | FileField]

#: Dates outside these years are refused: far ones overflow the date arithmetic of calendars
#: and periods (a day before 0001-01-01 does not exist).
YEARS = range(1900, 2201)
#: More digits than any id or count has: longer numbers are not parsed (Python refuses to
#: parse one of over 4300 digits, and the database to store one over its integer range).
_DIGITS_MAX = 20
_CLOCK = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$", re.ASCII)


def text(form: FormData, name: str, *, limit: int = 2000) -> str:
    value = form.get(name, "")
    return value[:limit] if isinstance(value, str) else ""


def uploaded(form: FormData, name: str, *, limit: int) -> bytes | None:
    """The chosen file of a field, or ``None`` when none was chosen. At most one byte past
    ``limit`` is read: enough for the service to refuse it by its size without our holding
    more of it."""
    upload = form.get(name)
    if isinstance(upload, FileField) and upload.filename:
        data: bytes = upload.file.read(limit + 1)
        return data
    return None


def _date(raw: str, field: str) -> date | None:
    raw = raw[:20].strip()
    if not raw:
        return None
    try:
        if "." in raw:
            day, month, year = raw.split(".")
            parsed = date(int(year), int(month), int(day))
        else:
            parsed = date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(
            N_("“{value}” is not a date. Use the format 31.12.2010."), field=field, value=raw
        ) from None
    if parsed.year not in YEARS:
        raise InvalidInput(
            N_("Give a date between the years {first} and {last}."),
            field=field,
            first=YEARS[0],
            last=YEARS[-1],
        )
    return parsed


def optional_date(form: FormData, name: str) -> date | None:
    """A date from ``YYYY-MM-DD`` (the browser's date input) or ``DD.MM.YYYY``."""
    return _date(text(form, name, limit=20), name)


def query_date(query: MultiMapping[str], name: str) -> date | None:
    """``optional_date`` from the address's query (a period to show)."""
    return _date(query.get(name, ""), name)


def row_id(raw: str) -> int:
    """An id that must name a row (from the address, or a choice made).

    Raises:
        NotFound: not a number any row can have (a forged address or form).
    """
    raw = raw.strip()
    if not raw.isdecimal() or len(raw) > _DIGITS_MAX:
        raise NotFound()
    value = int(raw)
    check_id(value)
    return value


def optional_id(raw: str | None) -> int | None:
    """An id from a choice that may be left empty (no room, all teachers).

    Raises:
        NotFound: a number no row can have (a forged choice).
    """
    return row_id(raw) if raw and raw.strip().isdecimal() else None


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
        if isinstance(raw, str) and raw.strip().isdecimal() and len(raw) <= _DIGITS_MAX:
            values.append(int(raw))
    return tuple(values)


def query_int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


def clock_minute(raw: str, field: str, *, until_midnight: bool = False) -> int:
    """Minutes after midnight from ``HH:MM`` (the browser's time input) or ``HH.MM``;
    ``until_midnight`` also takes 24:00, the end of a day."""
    match = _CLOCK.match(raw[:20])
    minute = int(match.group(1)) * 60 + int(match.group(2)) if match else -1
    if match is None or int(match.group(2)) > 59 or minute > (1440 if until_midnight else 1439):
        raise InvalidInput(
            N_("Give the time as hours and minutes, for example 15:30."), field=field
        )
    return minute
