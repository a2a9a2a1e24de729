"""SQLite FTS5 search: the default, in the same database file as the messages.

One FTS5 table, ``chat_search``, keyed by ``rowid = message_id``:

- ``body``: the message's normalised words (``core.search.query.normalise``);
- ``meta``: one token per filter value — ``c<conversation>``, ``a<author>`` and ``f`` when the
  message has a file. Asking for ``meta : ("c1" OR "c2")`` lets FTS5 intersect the word
  doclists with the searcher's conversations inside the index, instead of reading every
  matching row of other conversations and throwing it away;
- ``conversation_id``, ``seq``, ``created_at`` (microseconds since 1970): UNINDEXED, read only
  for the rows the index already matched (a member who left, date limits, very many scopes).

The ``ascii`` tokenizer splits on spaces and ASCII punctuation and leaves every other
character alone: our words are already split, case-folded and ё→е, and must reach FTS5 as one
token each. ``unicode61`` would split some of them again (its Unicode 6.1 tables call a few
of today's letters separators), turning a word into a phrase that ``detail=column`` refuses.
``detail=column`` keeps no word positions: we never search for phrases, and the index is
smaller. ``prefix='1 2 3'`` keeps extra index entries for the first one to three letters of
every word, because a short prefix ("са") would otherwise merge the doclists of thousands of
words; it costs about 40% more index and keeps such searches as fast as whole words.

Every value in the MATCH expression is a quoted FTS5 string built from our own words, so
nothing the user typed is ever read as FTS5 syntax.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tortoise import connections

from core.search.query import epoch_micros, finds_nothing, normalise, search_terms

if TYPE_CHECKING:
    from tortoise.backends.base.client import BaseDBAsyncClient

    from core.search import SearchDoc, SearchFilter

# Up to this many conversations go into the MATCH expression as tokens; beyond it the OR of
# their doclists costs more than checking the UNINDEXED column of the rows the words matched.
SCOPE_TOKENS_MAX = 200

_CREATE = """
CREATE VIRTUAL TABLE IF NOT EXISTS chat_search USING fts5(
    body, meta, conversation_id UNINDEXED, seq UNINDEXED, created_at UNINDEXED,
    tokenize = 'ascii', detail = 'column', prefix = '1 2 3'
)
"""
_UPSERT = (
    "INSERT OR REPLACE INTO chat_search (rowid, body, meta, conversation_id, seq, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?)"
)


def _db() -> BaseDBAsyncClient:
    # Inside core.tx.transaction this is the transaction's own connection.
    client: BaseDBAsyncClient = connections.get("default")
    return client


def _quoted(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _any_of(tokens: Sequence[str]) -> str:
    return "(" + " OR ".join(_quoted(token) for token in tokens) + ")"


def meta_tokens(doc: SearchDoc) -> str:
    tokens = [f"c{doc.conversation_id}", f"a{doc.author_id}"]
    if doc.has_file:
        tokens.append("f")
    return " ".join(tokens)


class SqliteSearch:
    """The FTS5 backend; it writes through the caller's transaction."""

    name = "sqlite"
    in_database = True

    async def ensure(self) -> None:
        # execute_query, not execute_script: Python's executescript() commits an open
        # transaction first.
        await _db().execute_query(_CREATE)

    async def index(self, docs: Sequence[SearchDoc]) -> None:
        if not docs:
            return
        rows = [
            [
                doc.message_id,
                normalise(doc.text),
                meta_tokens(doc),
                doc.conversation_id,
                doc.seq,
                epoch_micros(doc.created_at),
            ]
            for doc in docs
        ]
        await _db().execute_many(_UPSERT, rows)

    async def remove(self, message_ids: Sequence[int]) -> None:
        if message_ids:
            await _db().execute_many(
                "DELETE FROM chat_search WHERE rowid = ?", [[id_] for id_ in message_ids]
            )

    async def clear(self) -> None:
        # Dropping is much faster than deleting a million rows one doclist entry at a time.
        await _db().execute_query("DROP TABLE IF EXISTS chat_search")
        await self.ensure()

    async def aclose(self) -> None:
        return None

    async def search(
        self,
        terms: Sequence[str],
        flt: SearchFilter,
        *,
        limit: int,
        before_message_id: int | None = None,
    ) -> list[int]:
        words = search_terms(terms)
        if finds_nothing(terms, words, flt, limit):
            return []
        match: list[str] = []
        where: list[str] = []
        params: list[object] = []
        if words:
            match.append("body : (" + " AND ".join(_quoted(w) + "*" for w in words) + ")")
        conversations = sorted({scope.conversation_id for scope in flt.scopes})
        if len(conversations) <= SCOPE_TOKENS_MAX:
            match.append("meta : " + _any_of([f"c{id_}" for id_ in conversations]))
        else:
            where.append("conversation_id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(conversations))
        if flt.author_ids is not None:
            if not flt.author_ids:
                return []
            match.append("meta : " + _any_of([f"a{id_}" for id_ in sorted(set(flt.author_ids))]))
        if flt.has_file:
            match.append('meta : "f"')
        limited = [scope for scope in flt.scopes if scope.max_seq is not None]
        if limited:
            cases = " ".join("WHEN ? THEN ?" for _ in limited)
            where.append(f"seq <= CASE conversation_id {cases} ELSE seq END")
            for scope in limited:
                params += [scope.conversation_id, scope.max_seq]
        if flt.before is not None:
            where.append("created_at < ?")
            params.append(epoch_micros(flt.before))
        if flt.after is not None:
            where.append("created_at >= ?")
            params.append(epoch_micros(flt.after))
        if before_message_id is not None:
            where.append("rowid < ?")
            params.append(before_message_id)
        if match:
            where.insert(0, "chat_search MATCH ?")
            params.insert(0, " AND ".join(match))
        sql = (
            "SELECT rowid AS id FROM chat_search"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY rowid DESC LIMIT ?"
        )
        params.append(limit)
        rows = await _db().execute_query_dict(sql, params)
        return [int(row["id"]) for row in rows]
