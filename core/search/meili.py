"""Meilisearch backend, used when ``SABAQ_MEILI_URL`` is set (the scale-out deployment).

It speaks Meilisearch's documented HTTP API (v1.12 or later, for ``prefixSearch``) with an API
key as a Bearer token: create the index, set its settings, add or replace documents, delete
documents, search, and follow each write's task until it is done, so that a message indexed
here is searchable when ``index()`` returns and a failed write raises.

Two settings make Meilisearch answer like the SQL backends:

- Meilisearch treats only the *last* query word as a prefix, and only ten words. We want
  every word as a prefix ("сабақ үй" finds "сабаққа үйге"), so each document carries the
  prefixes of its words in ``words`` ("сабаққа" → "с", "са", … "сабаққа") and built-in
  prefix search and typo tolerance are off: a query word matches exactly a prefix we stored.
  ``core.search.query`` keeps ten query words for every backend.
- Results must be newest first, not by relevance: ``sort`` is the first ranking rule,
  ``matchingStrategy`` is ``all`` (every word must match), and paging is a
  ``message_id <`` filter rather than an offset, which Meilisearch caps at 1000 hits.

Filters are built from integers only, so nothing the user typed reaches filter syntax; the
query string holds only our words, which carry no quotes or ``-``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import httpx

from core.search.query import epoch_micros, finds_nothing, search_terms, words

if TYPE_CHECKING:
    from core.search import SearchDoc, SearchFilter

INDEX_UID = "sabaq_messages"
# Documents per request when reindexing: well under Meilisearch's 100 MB payload limit.
BATCH = 5_000
SETTINGS: dict[str, Any] = {
    "searchableAttributes": ["words"],
    "displayedAttributes": ["message_id"],
    "filterableAttributes": [
        "message_id",
        "conversation_id",
        "author_id",
        "seq",
        "created_at",
        "has_file",
    ],
    "sortableAttributes": ["message_id"],
    "rankingRules": ["sort", "words", "typo", "proximity", "exactness"],
    "typoTolerance": {"enabled": False},
    "prefixSearch": "disabled",
}
_DONE = {"succeeded", "failed", "canceled"}


class MeiliError(Exception):
    """Meilisearch refused a request, a task failed, or the server could not be reached."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(f"{code}: {message}")


def prefixes(text: str) -> str:
    """Every prefix of every word of ``text``, once each, space-separated."""
    found = dict.fromkeys(word[:end] for word in words(text) for end in range(1, len(word) + 1))
    return " ".join(found)


def document(doc: SearchDoc) -> dict[str, Any]:
    return {
        "message_id": doc.message_id,
        "conversation_id": doc.conversation_id,
        "author_id": doc.author_id,
        "seq": doc.seq,
        "created_at": epoch_micros(doc.created_at),
        "has_file": doc.has_file,
        "words": prefixes(doc.text),
    }


def _any_of(attribute: str, values: Sequence[int]) -> str:
    return f"{attribute} IN [{', '.join(str(int(value)) for value in values)}]"


def search_filter(flt: SearchFilter, before_message_id: int | None) -> list[str]:
    """The search's filter as Meilisearch filter expressions (a list means AND)."""
    full = sorted({s.conversation_id for s in flt.scopes if s.max_seq is None})
    parts = [_any_of("conversation_id", full)] if full else []
    parts += [
        f"(conversation_id = {int(s.conversation_id)} AND seq <= {int(s.max_seq)})"
        for s in flt.scopes
        if s.max_seq is not None
    ]
    expressions = [" OR ".join(parts)]
    if flt.author_ids is not None:
        expressions.append(_any_of("author_id", sorted(set(flt.author_ids))))
    if flt.has_file:
        expressions.append("has_file = true")
    if flt.before is not None:
        expressions.append(f"created_at < {epoch_micros(flt.before)}")
    if flt.after is not None:
        expressions.append(f"created_at >= {epoch_micros(flt.after)}")
    if before_message_id is not None:
        expressions.append(f"message_id < {int(before_message_id)}")
    return expressions


class MeiliSearch:
    """The Meilisearch backend; every method raises ``MeiliError`` when the server refuses,
    a task fails or times out, or the server cannot be reached."""

    name = "meilisearch"
    in_database = False

    def __init__(
        self, url: str, key: str, *, index_uid: str = INDEX_UID, task_timeout: float = 60.0
    ) -> None:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        self._http = httpx.AsyncClient(base_url=url.rstrip("/"), headers=headers, timeout=10.0)
        self._index = index_uid
        self._task_timeout = task_timeout

    async def _call(self, method: str, path: str, body: object = None) -> Any:
        try:
            response = await self._http.request(method, path, json=body)
        except httpx.HTTPError as exc:
            raise MeiliError("unreachable", str(exc) or type(exc).__name__) from exc
        if response.is_error:
            try:
                error = response.json()
                raise MeiliError(str(error["code"]), str(error["message"]))
            except (ValueError, KeyError, TypeError):
                raise MeiliError(f"http_{response.status_code}", response.text[:200]) from None
        return response.json()

    async def _wait(self, enqueued: dict[str, Any]) -> None:
        """Follow a task until it ends; raise if it failed."""
        delay = 0.005
        try:
            async with asyncio.timeout(self._task_timeout):
                while True:
                    task = await self._call("GET", f"/tasks/{int(enqueued['taskUid'])}")
                    if task["status"] in _DONE:
                        break
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, 0.25)
        except TimeoutError:
            raise MeiliError("task_timeout", f"task {enqueued['taskUid']} is not done") from None
        if task["status"] != "succeeded":
            error = task.get("error") or {}
            raise MeiliError(str(error.get("code", task["status"])), str(error.get("message", "")))

    async def _write(self, method: str, path: str, body: object = None) -> None:
        await self._wait(await self._call(method, f"/indexes/{self._index}{path}", body))

    async def ensure(self) -> None:
        try:
            await self._wait(
                await self._call(
                    "POST", "/indexes", {"uid": self._index, "primaryKey": "message_id"}
                )
            )
        except MeiliError as exc:
            if exc.code != "index_already_exists":
                raise
        await self._write("PATCH", "/settings", SETTINGS)

    async def index(self, docs: Sequence[SearchDoc]) -> None:
        for start in range(0, len(docs), BATCH):
            batch = [document(doc) for doc in docs[start : start + BATCH]]
            await self._write("POST", "/documents?primaryKey=message_id", batch)

    async def remove(self, message_ids: Sequence[int]) -> None:
        if message_ids:
            await self._write("POST", "/documents/delete-batch", [int(i) for i in message_ids])

    async def clear(self) -> None:
        await self._write("DELETE", "/documents")

    async def aclose(self) -> None:
        await self._http.aclose()

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
        answer = await self._call(
            "POST",
            f"/indexes/{self._index}/search",
            {
                "q": " ".join(found),
                "filter": search_filter(flt, before_message_id),
                "sort": ["message_id:desc"],
                "limit": limit,
                "matchingStrategy": "all",
                "attributesToRetrieve": ["message_id"],
            },
        )
        return [int(hit["message_id"]) for hit in answer["hits"]]
