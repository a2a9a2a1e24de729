"""Message search: one interface, three backends.

``SqliteSearch`` (FTS5, the default), ``PostgresSearch`` (full text, when the database is
PostgreSQL) and ``MeiliSearch`` (when ``SABAQ_MEILI_URL`` is set) find the same messages for
the same query: words come from ``core.search.query.words`` everywhere, every query word must
match as the beginning of a word ("сабақ" finds "сабаққа", "сабақтар"), and results are
message ids, newest first. Permissions are the caller's: the chat service turns what the
searcher may read into ``Scope`` rows and the backends never return anything outside them.

The index is derived data, not a model: each backend creates its own table or index in
``ensure()``, and ``sabaq search reindex`` rebuilds it from the messages. The SQL backends
write through the caller's transaction (``in_database``), so a message and its index entry
commit or roll back together; Meilisearch is outside the database, so the service indexes
there after commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from core.config import Settings
from core.search.meili import MeiliSearch
from core.search.postgres import PostgresSearch
from core.search.query import ParsedQuery, normalise, parse_query
from core.search.sqlite import SqliteSearch

__all__ = [
    "ParsedQuery",
    "Scope",
    "SearchBackend",
    "SearchDoc",
    "SearchFilter",
    "build_search_backend",
    "normalise",
    "parse_query",
]


@dataclass(frozen=True)
class SearchDoc:
    """One message as the index sees it."""

    message_id: int
    conversation_id: int
    organisation_id: int
    author_id: int
    seq: int
    text: str  # raw message text; the backend normalises it
    created_at: datetime  # tz-aware UTC
    has_file: bool


@dataclass(frozen=True)
class Scope:
    """What the searcher may read in one conversation."""

    conversation_id: int
    max_seq: int | None  # None: everything; else only seq <= max_seq (a member who left)


@dataclass(frozen=True)
class SearchFilter:
    """Where to look. An empty ``scopes`` finds nothing; dates are half-open UTC instants:
    ``after <= created_at < before``."""

    scopes: tuple[Scope, ...]
    author_ids: tuple[int, ...] | None = None
    before: datetime | None = None
    after: datetime | None = None
    has_file: bool = False


class SearchBackend(Protocol):
    name: str
    # True: index()/remove() run on the caller's database transaction and roll back with it.
    in_database: bool

    async def ensure(self) -> None:
        """Create the table or index if it is missing."""

    async def index(self, docs: Sequence[SearchDoc]) -> None:
        """Add or replace these messages (an edit re-indexes the new text)."""

    async def remove(self, message_ids: Sequence[int]) -> None:
        """Take these messages out of the index (a hidden message is found no more)."""

    async def search(
        self,
        terms: Sequence[str],
        flt: SearchFilter,
        *,
        limit: int,
        before_message_id: int | None = None,
    ) -> list[int]:
        """Message ids, newest first, that contain every term as a word prefix.

        Empty ``terms`` lists what the filter alone allows. Terms that hold no letter or
        digit at all (``"*"``) find nothing. ``before_message_id`` pages on.
        """

    async def clear(self) -> None:
        """Empty the index (before a full reindex)."""

    async def aclose(self) -> None:
        """Release connections the backend holds of its own."""


def build_search_backend(settings: Settings) -> SearchBackend:
    """Meilisearch when ``SABAQ_MEILI_URL`` is set, else the database's own full text."""
    if settings.meili_url:
        return MeiliSearch(settings.meili_url, settings.meili_key)
    if settings.dialect == "postgres":
        return PostgresSearch()
    return SqliteSearch()
