"""Search text: the one normalisation every backend shares, and the search-box parser.

We decide what a word is here rather than in each engine, so that SQLite, PostgreSQL and
Meilisearch index and query exactly the same words: a word is a run of letters and digits
(``str.isalnum``) after NFC, case folding and ё→е. Kazakh letters (ә ғ қ ң ө ұ ү һ і) are
letters like any other; nothing is folded to ASCII, so й stays й and қ stays қ. Each engine is
then told to split only on the spaces between our words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from core.errors import InvalidInput
from core.i18n import N_

if TYPE_CHECKING:
    from core.search import SearchFilter

# A longer "word" is a pasted blob (a link, a hash); its first 64 characters find it.
WORD_MAX = 64
# Meilisearch reads only the first ten words of a query; every backend does the same, so the
# choice of backend never changes what a search finds.
TERMS_MAX = 10

_WORD = re.compile(r"[^\W_]+")
# key:value, key:"quoted value" or a quoted/unquoted run of plain text.
_TOKEN = re.compile(r'(?:(?P<key>[^\s:"]+):)?(?:"(?P<quoted>[^"]*)"?|(?P<bare>[^\s"]*))')
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DOTTED_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def words(text: str) -> list[str]:
    """The searchable words of ``text``, in order: case-folded, ё→е, each cut to WORD_MAX."""
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())
    return [word[:WORD_MAX] for word in _WORD.findall(folded.replace("ё", "е"))]


def normalise(text: str) -> str:
    """``text`` as every backend indexes it: its words joined by single spaces."""
    return " ".join(words(text))


def search_terms(terms: Iterable[str]) -> tuple[str, ...]:
    """The words a backend looks for: ``terms`` re-normalised, without repeats, at most TERMS_MAX.

    Backends call this on whatever they are given, so a raw string with FTS5 or tsquery
    syntax in it (quotes, ``*``, ``NEAR(``, ``:*``) is reduced to plain words before it
    reaches an engine.
    """
    unique = dict.fromkeys(word for term in terms for word in words(term))
    return tuple(unique)[:TERMS_MAX]


def epoch_micros(instant: datetime) -> int:
    """Microseconds since 1970 UTC: an exact integer key for a tz-aware instant."""
    return (instant - _EPOCH) // timedelta(microseconds=1)


@dataclass(frozen=True)
class ParsedQuery:
    """What a user typed in the search box, split into words and operators."""

    terms: tuple[str, ...]
    from_names: tuple[str, ...]
    in_names: tuple[str, ...]
    before: date | None
    after: date | None
    has_file: bool


def parse_query(text: str) -> ParsedQuery:
    """Split a search box into words and the operators ``from:``, ``in:``, ``before:``,
    ``after:`` and ``has:file``.

    Operator values may be quoted (``from:"Айгүл Сейтқали"``). Dates are written 2026-11-01
    or 01.11.2026. Anything else, including a ``key:`` we do not know (a link's ``https:``),
    is plain text whose words are searched for.

    Raises:
        InvalidInput: (field ``q``) a ``before:`` or ``after:`` value is not a date.
    """
    plain: list[str] = []
    from_names: list[str] = []
    in_names: list[str] = []
    before: date | None = None
    after: date | None = None
    has_file = False
    for match in _TOKEN.finditer(text):
        key = (match["key"] or "").casefold()
        value = match["quoted"] if match["quoted"] is not None else match["bare"]
        value = value.strip()
        if key == "from" and value:
            from_names.append(value)
        elif key == "in" and value:
            in_names.append(value)
        elif key == "before" and value:
            before = _parse_date(value)
        elif key == "after" and value:
            after = _parse_date(value)
        elif key == "has" and value.casefold() == "file":
            has_file = True
        else:
            plain.append(match[0])
    return ParsedQuery(
        terms=search_terms(plain),
        from_names=tuple(from_names),
        in_names=tuple(in_names),
        before=before,
        after=after,
        has_file=has_file,
    )


def _parse_date(value: str) -> date:
    try:
        if _ISO_DATE.fullmatch(value):
            return date.fromisoformat(value)
        if _DOTTED_DATE.fullmatch(value):
            day, month, year = (int(part) for part in value.split("."))
            return date(year, month, day)
    except ValueError:
        pass
    raise InvalidInput(
        N_("“{value}” is not a date. Use the format 31.12.2010."), field="q", value=value[:40]
    )


def finds_nothing(
    terms: Sequence[str], found: Sequence[str], flt: SearchFilter, limit: int
) -> bool:
    """Whether a search is empty before any backend looks: query words with no letter or
    digit, nothing the searcher may read, an empty list of allowed authors, or no page."""
    return (
        bool(terms and not found)
        or not flt.scopes
        or limit <= 0
        or (flt.author_ids is not None and not flt.author_ids)
    )
