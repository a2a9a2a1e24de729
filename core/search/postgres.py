"""PostgreSQL full-text search, used when the database is PostgreSQL.

One table, ``chat_search``, one row per message, with a ``tsvector`` of the message's words
(``core.search.query.words``) and one lexeme per filter value: ``#c<conversation>``,
``#a<author>`` and ``#f`` when the message has a file. Our words never contain ``#``, so a
filter lexeme cannot be typed. A GIN index over it answers "these word prefixes AND one of
these conversations" inside the index, so rows of conversations the searcher cannot read are
never fetched.

The vector is built with ``array_to_tsvector`` from our own word list, not with
``to_tsvector``: PostgreSQL's parser would split words differently from the other backends
(``e-mail``, ``v1.2``) and classify letters by the database's locale. That is the ``simple``
configuration's job done in Python, once for every backend. Queries are ``::tsquery``
literals in which every lexeme is quoted and escaped and carries ``:*`` (prefix), so user
text never reaches tsquery syntax.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tortoise import connections
from tortoise.transactions import in_transaction

from core.search.query import finds_nothing, search_terms, words

if TYPE_CHECKING:
    from tortoise.backends.base.client import BaseDBAsyncClient

    from core.search import SearchDoc, SearchFilter

# Beyond this many conversations the OR of their lexemes costs more than a column check.
SCOPE_TOKENS_MAX = 200
# How many of the newest messages a search reads before it asks the GIN index.
WINDOW = 4000
# Query words this short are looked up as one "~prefix" lexeme stored with the message: a
# ``'ка':*`` prefix scan would merge the postings of thousands of words.
SHORT_PREFIX = 3
_NO_LIMIT = 2**63 - 1

_CREATE = """
CREATE TABLE IF NOT EXISTS chat_search (
    message_id bigint PRIMARY KEY,
    conversation_id bigint NOT NULL,
    seq bigint NOT NULL,
    created_at timestamptz NOT NULL,
    words tsvector NOT NULL
);
CREATE INDEX IF NOT EXISTS chat_search_words ON chat_search USING gin (words);
CREATE INDEX IF NOT EXISTS chat_search_conversation ON chat_search (conversation_id, seq);
"""
_UPSERT = """
INSERT INTO chat_search (message_id, conversation_id, seq, created_at, words)
SELECT d.message_id, d.conversation_id, d.seq, d.created_at,
       array_to_tsvector(string_to_array(d.lexemes, ' '))
FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::timestamptz[], $5::text[])
     AS d(message_id, conversation_id, seq, created_at, lexemes)
ON CONFLICT (message_id) DO UPDATE SET
    conversation_id = EXCLUDED.conversation_id,
    seq = EXCLUDED.seq,
    created_at = EXCLUDED.created_at,
    words = EXCLUDED.words
"""
# Two processes starting together must not both create the table.
_ENSURE_LOCK = "SELECT pg_advisory_xact_lock(hashtext('sabaq.chat_search'))"


def _db() -> BaseDBAsyncClient:
    # Inside core.tx.transaction this is the transaction's own connection.
    client: BaseDBAsyncClient = connections.get("default")
    return client


def _lexeme(token: str, *, prefix: bool = False) -> str:
    quoted = "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + ":*" if prefix else quoted


def _any_of(tokens: Sequence[str]) -> str:
    return "(" + " | ".join(_lexeme(token) for token in tokens) + ")"


def _term(word: str) -> str:
    if len(word) <= SHORT_PREFIX:
        return _lexeme("~" + word)
    return _lexeme(word, prefix=True)


def lexemes(doc: SearchDoc) -> str:
    """The space-separated lexemes of one message: its words, their short prefixes, its
    filter values."""
    found = words(doc.text)
    tokens = dict.fromkeys(found)
    for word in found:
        tokens.update(dict.fromkeys("~" + word[:end] for end in range(1, SHORT_PREFIX + 1)))
    tokens[f"#c{doc.conversation_id}"] = None
    tokens[f"#a{doc.author_id}"] = None
    if doc.has_file:
        tokens["#f"] = None
    return " ".join(tokens)


class PostgresSearch:
    """The PostgreSQL full-text backend; it writes through the caller's transaction."""

    name = "postgres"
    in_database = True

    async def ensure(self) -> None:
        async with in_transaction("default") as conn:
            await conn.execute_query(_ENSURE_LOCK)
            await conn.execute_script(_CREATE)

    async def index(self, docs: Sequence[SearchDoc]) -> None:
        if not docs:
            return
        # The last version of a message wins if it is listed twice (ON CONFLICT refuses to
        # touch one row twice in a statement).
        latest = {doc.message_id: doc for doc in docs}.values()
        await _db().execute_query(
            _UPSERT,
            [
                [doc.message_id for doc in latest],
                [doc.conversation_id for doc in latest],
                [doc.seq for doc in latest],
                [doc.created_at for doc in latest],
                [lexemes(doc) for doc in latest],
            ],
        )

    async def remove(self, message_ids: Sequence[int]) -> None:
        if message_ids:
            await _db().execute_query(
                "DELETE FROM chat_search WHERE message_id = ANY($1::bigint[])", [list(message_ids)]
            )

    async def clear(self) -> None:
        await self.ensure()
        await _db().execute_query("TRUNCATE chat_search")

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
        found = search_terms(terms)
        if finds_nothing(terms, found, flt, limit):
            return []
        if not found and flt.author_ids is None and not flt.has_file:
            return await _listing(flt, limit, before_message_id)
        return await _matching(found, flt, limit, before_message_id)


class _Sql:
    """Positional parameters ($1, $2, …) collected while a statement is written."""

    def __init__(self) -> None:
        self.params: list[object] = []

    def __call__(self, value: object) -> str:
        self.params.append(value)
        return f"${len(self.params)}"


async def _listing(flt: SearchFilter, limit: int, before_message_id: int | None) -> list[int]:
    """Newest messages of the scopes: the last few of each conversation by its index, merged.

    Relies on ``seq`` and ``message_id`` growing together within a conversation.
    """
    p = _Sql()
    scopes = p([scope.conversation_id for scope in flt.scopes])
    max_seqs = p([_NO_LIMIT if s.max_seq is None else s.max_seq for s in flt.scopes])
    where = ["conversation_id = s.c AND seq <= s.max_seq"]
    if before_message_id is not None:
        where.append(f"message_id < {p(before_message_id)}")
    if flt.before is not None:
        where.append(f"created_at < {p(flt.before)}")
    if flt.after is not None:
        where.append(f"created_at >= {p(flt.after)}")
    n = p(limit)
    rows = await _db().execute_query_dict(
        f"""
        SELECT m.message_id FROM unnest({scopes}::bigint[], {max_seqs}::bigint[]) AS s(c, max_seq)
        CROSS JOIN LATERAL (
            SELECT message_id FROM chat_search WHERE {" AND ".join(where)}
            ORDER BY seq DESC LIMIT {n}
        ) AS m
        ORDER BY m.message_id DESC LIMIT {n}
        """,
        p.params,
    )
    return [int(row["message_id"]) for row in rows]


async def _matching(
    found: Sequence[str], flt: SearchFilter, limit: int, before_message_id: int | None
) -> list[int]:
    """Messages matching words or filter tokens, in two steps whose cost stays bounded.

    The newest WINDOW messages first: a common word in busy conversations is answered by
    reading a few pages of the primary key. If they hold fewer than ``limit`` matches, the
    matches are sparse, so the GIN index finds all the older ones (few) and they are sorted.
    Left to itself the planner cannot tell these cases apart and walks the whole primary key
    for a word that is common overall but rare in the searcher's conversations.
    """
    p = _Sql()
    conditions = _conditions(p, found, flt)
    bound = "" if before_message_id is None else f"WHERE message_id < {p(before_message_id)}"
    rows = await _db().execute_query_dict(
        f"""
        WITH recent AS MATERIALIZED (
            SELECT message_id, conversation_id, seq, created_at, words FROM chat_search
            {bound} ORDER BY message_id DESC LIMIT {WINDOW}
        )
        (SELECT message_id, false AS edge FROM recent WHERE {" AND ".join(conditions)}
         ORDER BY message_id DESC LIMIT {p(limit)})
        UNION ALL
        (SELECT min(message_id), true FROM recent HAVING count(*) = {WINDOW})
        """,
        p.params,
    )
    ids = [int(row["message_id"]) for row in rows if not row["edge"]]
    edge = [int(row["message_id"]) for row in rows if row["edge"]]
    if len(ids) == limit or not edge:
        return ids
    p = _Sql()
    conditions = [*_conditions(p, found, flt), f"message_id < {p(edge[0])}"]
    more = p(limit - len(ids))
    if conditions[0].startswith("words @@"):
        sql = (
            "WITH hits AS MATERIALIZED (SELECT message_id FROM chat_search"
            f" WHERE {' AND '.join(conditions)})"
            f" SELECT message_id FROM hits ORDER BY message_id DESC LIMIT {more}"
        )
    else:
        sql = (
            f"SELECT message_id FROM chat_search WHERE {' AND '.join(conditions)}"
            f" ORDER BY message_id DESC LIMIT {more}"
        )
    rows = await _db().execute_query_dict(sql, p.params)
    return ids + [int(row["message_id"]) for row in rows]


def _conditions(p: _Sql, found: Sequence[str], flt: SearchFilter) -> list[str]:
    """The WHERE conditions of a search; the tsquery one, when there is one, comes first."""
    query = [_term(word) for word in found]
    where: list[str] = []
    conversations = sorted({scope.conversation_id for scope in flt.scopes})
    if len(conversations) <= SCOPE_TOKENS_MAX:
        query.append(_any_of([f"#c{id_}" for id_ in conversations]))
    else:
        where.append(f"conversation_id = ANY({p(conversations)}::bigint[])")
    if flt.author_ids is not None:
        query.append(_any_of([f"#a{id_}" for id_ in sorted(set(flt.author_ids))]))
    if flt.has_file:
        query.append(_lexeme("#f"))
    limited = [scope for scope in flt.scopes if scope.max_seq is not None]
    if limited:
        ids = p([scope.conversation_id for scope in limited])
        seqs = p([scope.max_seq for scope in limited])
        where.append(
            f"NOT EXISTS (SELECT 1 FROM unnest({ids}::bigint[], {seqs}::bigint[]) AS l(c, s)"
            " WHERE l.c = conversation_id AND seq > l.s)"
        )
    if flt.before is not None:
        where.append(f"created_at < {p(flt.before)}")
    if flt.after is not None:
        where.append(f"created_at >= {p(flt.after)}")
    if query:
        where.insert(0, f"words @@ {p(' & '.join(query))}::tsquery")
    return where
