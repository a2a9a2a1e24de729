"""A contract fake of the part of Meilisearch's HTTP API that ``core.search.meili`` uses.

It follows Meilisearch's documentation (v1.12+), including the behaviours an adapter can get
wrong, so that a test against it fails where the real server would answer differently:

- every route wants ``Authorization: Bearer <key>`` (401 without it, 403 with a wrong one);
- writes answer ``202`` with an *enqueued* task and take effect only when the task is
  processed — here, when someone asks ``GET /tasks/{uid}`` for it or a later task — so an
  adapter that searches without waiting for its write does not see it;
- ``POST /indexes`` for an existing index gives a *failed* task ``index_already_exists``;
- search: ``searchableAttributes`` (default ``*``: every attribute, numbers too), only the
  last query word is a prefix unless ``prefixSearch`` is ``disabled``, at most ten query
  words, ``matchingStrategy`` ``last`` (the default: documents matching fewer words are
  returned too) or ``all``, ranking rules applied in their order (``words``, ``sort``,
  ``exactness``; ``proximity`` as the span of the matches; ``attribute``/``wordPosition`` as
  the position of the first match; ``typo`` breaks no ties), filters and sorts only on declared
  attributes (``invalid_search_filter`` / ``invalid_search_sort``), unknown parameters
  refused (``bad_request``);
- filters: ``=``, ``!=``, ``<``, ``<=``, ``>``, ``>=``, ``IN [...]``, ``NOT IN``, ``AND``,
  ``OR``, ``NOT``, parentheses, and an array of expressions meaning AND.

Not modelled: typo tolerance (the adapter turns it off), proximity, attribute ranking,
facets, highlighting, pagination by ``page``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

DEFAULT_RANKING = ["words", "typo", "proximity", "attribute", "sort", "exactness"]
SETTINGS_KEYS = {
    "searchableAttributes",
    "displayedAttributes",
    "filterableAttributes",
    "sortableAttributes",
    "rankingRules",
    "typoTolerance",
    "prefixSearch",
}
SEARCH_KEYS = {
    "q",
    "filter",
    "sort",
    "limit",
    "offset",
    "attributesToRetrieve",
    "matchingStrategy",
}
MAX_QUERY_WORDS = 10
_WORD = re.compile(r"[^\W_]+")


class MeiliFailure(Exception):
    def __init__(self, status: int, code: str, message: str, kind: str = "invalid_request"):
        self.status, self.code, self.message, self.kind = status, code, message, kind
        super().__init__(message)

    def body(self) -> dict[str, str]:
        return {
            "message": self.message,
            "code": self.code,
            "type": self.kind,
            "link": f"https://docs.meilisearch.com/errors#{self.code}",
        }


@dataclass
class Index:
    uid: str
    primary_key: str | None
    documents: dict[Any, dict[str, Any]] = field(default_factory=dict)
    settings: dict[str, Any] = field(
        default_factory=lambda: {
            "searchableAttributes": ["*"],
            "displayedAttributes": ["*"],
            "filterableAttributes": [],
            "sortableAttributes": [],
            "rankingRules": list(DEFAULT_RANKING),
            "typoTolerance": {"enabled": True},
            "prefixSearch": "indexingTime",
        }
    )


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


@dataclass
class Task:
    uid: int
    index_uid: str | None
    kind: str
    run: Any  # a callable doing the work; raises MeiliFailure when the task fails
    status: str = "enqueued"
    error: dict[str, str] | None = None
    enqueued_at: str = field(default_factory=_now)

    def summary(self) -> dict[str, Any]:
        return {
            "taskUid": self.uid,
            "indexUid": self.index_uid,
            "status": "enqueued",
            "type": self.kind,
            "enqueuedAt": self.enqueued_at,
        }

    def view(self) -> dict[str, Any]:
        return {
            "uid": self.uid,
            "indexUid": self.index_uid,
            "status": self.status,
            "type": self.kind,
            "error": self.error,
            "enqueuedAt": self.enqueued_at,
        }


class MeiliFake:
    """State of one fake server; ``app()`` is its aiohttp application."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.indexes: dict[str, Index] = {}
        self.tasks: list[Task] = []
        self._uids = itertools.count()

    # --- tasks -----------------------------------------------------------------------------

    def enqueue(self, index_uid: str | None, kind: str, run: Any) -> web.Response:
        task = Task(next(self._uids), index_uid, kind, run)
        self.tasks.append(task)
        return web.json_response(task.summary(), status=202)

    def process_until(self, uid: int) -> None:
        for task in self.tasks:
            if task.uid > uid:
                break
            if task.status == "enqueued":
                try:
                    task.run()
                    task.status = "succeeded"
                except MeiliFailure as failure:
                    task.status, task.error = "failed", failure.body()

    def index_for_write(self, uid: str, primary_key: str | None = None) -> Index:
        """Meilisearch creates a missing index on a document or settings write."""
        if uid not in self.indexes:
            self.indexes[uid] = Index(uid, primary_key)
        return self.indexes[uid]

    def existing(self, uid: str) -> Index:
        if uid not in self.indexes:
            raise MeiliFailure(404, "index_not_found", f"Index `{uid}` not found.")
        return self.indexes[uid]

    # --- HTTP ------------------------------------------------------------------------------

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._errors])
        app.router.add_post("/indexes", self._create_index)
        app.router.add_patch("/indexes/{uid}/settings", self._update_settings)
        app.router.add_post("/indexes/{uid}/documents", self._add_documents)
        app.router.add_delete("/indexes/{uid}/documents", self._delete_all)
        app.router.add_post("/indexes/{uid}/documents/delete-batch", self._delete_batch)
        app.router.add_post("/indexes/{uid}/search", self._search)
        app.router.add_get("/tasks/{task_uid}", self._task)
        return app

    @web.middleware
    async def _errors(self, request: web.Request, handler: Any) -> web.StreamResponse:
        try:
            header = request.headers.get("Authorization")
            if header is None:
                raise MeiliFailure(
                    401,
                    "missing_authorization_header",
                    "The Authorization header is missing.",
                    "auth",
                )
            if header != f"Bearer {self.key}":
                raise MeiliFailure(
                    403, "invalid_api_key", "The provided API key is invalid.", "auth"
                )
            return await handler(request)
        except MeiliFailure as failure:
            return web.json_response(failure.body(), status=failure.status)

    async def _json(self, request: web.Request) -> Any:
        if request.content_type != "application/json":
            raise MeiliFailure(
                415, "invalid_content_type", "The Content-Type must be application/json."
            )
        try:
            return await request.json()
        except ValueError:
            raise MeiliFailure(
                400, "malformed_payload", "The payload is not valid JSON."
            ) from None

    async def _create_index(self, request: web.Request) -> web.Response:
        body = await self._json(request)
        uid, primary_key = body.get("uid"), body.get("primaryKey")
        if not isinstance(uid, str) or not re.fullmatch(r"[A-Za-z0-9_-]{1,400}", uid):
            raise MeiliFailure(400, "invalid_index_uid", f"`{uid}` is not a valid index uid.")

        def run() -> None:
            if uid in self.indexes:
                raise MeiliFailure(400, "index_already_exists", f"Index `{uid}` already exists.")
            self.indexes[uid] = Index(uid, primary_key)

        return self.enqueue(uid, "indexCreation", run)

    async def _update_settings(self, request: web.Request) -> web.Response:
        uid = request.match_info["uid"]
        body = await self._json(request)
        unknown = set(body) - SETTINGS_KEYS
        if unknown:
            raise MeiliFailure(400, "bad_request", f"Unknown field `{sorted(unknown)[0]}`.")
        if body.get("prefixSearch", "indexingTime") not in {"indexingTime", "disabled"}:
            raise MeiliFailure(400, "invalid_settings_prefix_search", "Unknown prefixSearch.")
        return self.enqueue(
            uid, "settingsUpdate", lambda: self.index_for_write(uid).settings.update(body)
        )

    async def _add_documents(self, request: web.Request) -> web.Response:
        uid = request.match_info["uid"]
        documents = await self._json(request)
        if not isinstance(documents, list) or not all(isinstance(d, dict) for d in documents):
            raise MeiliFailure(400, "malformed_payload", "Documents must be an array of objects.")
        primary_key = request.query.get("primaryKey")

        def run() -> None:
            index = self.index_for_write(uid, primary_key)
            if index.primary_key is None:
                index.primary_key = primary_key
            if primary_key is not None and primary_key != index.primary_key:
                raise MeiliFailure(400, "index_primary_key_already_exists", "Primary key set.")
            key = index.primary_key
            if key is None:
                raise MeiliFailure(400, "index_primary_key_no_candidate_found", "No primary key.")
            for document in documents:
                if key not in document:
                    raise MeiliFailure(400, "missing_document_id", f"Document has no `{key}`.")
            for document in documents:
                index.documents[document[key]] = document  # add or replace: the whole document

        return self.enqueue(uid, "documentAdditionOrUpdate", run)

    async def _delete_batch(self, request: web.Request) -> web.Response:
        uid = request.match_info["uid"]
        ids = await self._json(request)
        if not isinstance(ids, list):
            raise MeiliFailure(400, "bad_request", "Expected an array of document ids.")

        def run() -> None:
            index = self.existing(uid)
            for id_ in ids:
                index.documents.pop(id_, None)

        return self.enqueue(uid, "documentDeletion", run)

    async def _delete_all(self, request: web.Request) -> web.Response:
        uid = request.match_info["uid"]

        def run() -> None:
            self.existing(uid).documents.clear()

        return self.enqueue(uid, "documentDeletion", run)

    async def _task(self, request: web.Request) -> web.Response:
        try:
            uid = int(request.match_info["task_uid"])
        except ValueError:
            raise MeiliFailure(400, "invalid_task_uids", "Task uid must be an integer.") from None
        if uid >= len(self.tasks):
            raise MeiliFailure(404, "task_not_found", f"Task `{uid}` not found.")
        self.process_until(uid)
        return web.json_response(self.tasks[uid].view())

    async def _search(self, request: web.Request) -> web.Response:
        index = self.existing(request.match_info["uid"])
        body = await self._json(request)
        unknown = set(body) - SEARCH_KEYS
        if unknown:
            raise MeiliFailure(400, "bad_request", f"Unknown field `{sorted(unknown)[0]}`.")
        limit, offset = int(body.get("limit", 20)), int(body.get("offset", 0))
        sort = _sort_keys(index, body.get("sort") or [])
        predicate = _filter(index, body.get("filter"))
        hits = _rank(index, str(body.get("q") or ""), body, sort, predicate)
        retrieve = body.get("attributesToRetrieve") or ["*"]
        displayed = index.settings["displayedAttributes"]
        page = [
            {
                name: value
                for name, value in document.items()
                if ("*" in retrieve or name in retrieve)
                and ("*" in displayed or name in displayed)
            }
            for document in hits[offset : offset + limit]
        ]
        return web.json_response(
            {
                "hits": page,
                "query": body.get("q") or "",
                "processingTimeMs": 0,
                "limit": limit,
                "offset": offset,
                "estimatedTotalHits": len(hits),
            }
        )


# --- search semantics ----------------------------------------------------------------------


def _tokens(value: Any) -> list[str]:
    return _WORD.findall(str(value).casefold())


def _searchable_tokens(index: Index, document: dict[str, Any]) -> list[str]:
    """The document's words in order, attribute after attribute."""
    attributes = index.settings["searchableAttributes"]
    names = document.keys() if "*" in attributes else attributes
    tokens: list[str] = []
    for name in names:
        value = document.get(name)
        for item in value if isinstance(value, list) else [value]:
            if item is not None and not isinstance(item, bool):
                tokens.extend(_tokens(item))
    return tokens


def _sort_keys(index: Index, sort: list[str]) -> list[tuple[str, bool]]:
    if sort and "sort" not in index.settings["rankingRules"]:
        raise MeiliFailure(
            400, "invalid_search_sort", "The sort ranking rule must be in the ranking rules."
        )
    keys = []
    for item in sort:
        name, _, direction = item.partition(":")
        if direction not in {"asc", "desc"}:
            raise MeiliFailure(400, "invalid_search_sort", f"Invalid sort `{item}`.")
        if name not in index.settings["sortableAttributes"]:
            raise MeiliFailure(400, "invalid_search_sort", f"Attribute `{name}` is not sortable.")
        keys.append((name, direction == "desc"))
    return keys


def _rank(
    index: Index,
    q: str,
    body: dict[str, Any],
    sort: list[tuple[str, bool]],
    predicate: Any,
) -> list[dict[str, Any]]:
    query = _tokens(q)[:MAX_QUERY_WORDS]
    strategy = body.get("matchingStrategy", "last")
    if strategy not in {"last", "all"}:
        raise MeiliFailure(400, "invalid_search_matching_strategy", "Unknown matchingStrategy.")
    prefix_last = index.settings["prefixSearch"] != "disabled"
    ranked = []
    for order, document in enumerate(index.documents.values()):
        if not predicate(document):
            continue
        tokens = _searchable_tokens(index, document)
        vocabulary = set(tokens)

        def positions(index_in_query: int, word: str, tokens: list[str] = tokens) -> list[int]:
            is_last = index_in_query == len(query) - 1
            return [
                at
                for at, token in enumerate(tokens)
                if token == word or (is_last and prefix_last and token.startswith(word))
            ]

        # Words are dropped from the end of the query: the longest leading run that matches.
        found: list[list[int]] = []
        for index_in_query, word in enumerate(query):
            where = positions(index_in_query, word)
            if not where:
                break
            found.append(where)
        matched = len(found)
        if query and (matched == 0 or (strategy == "all" and matched < len(query))):
            continue
        first = min((where[0] for where in found), default=0)
        span = max((where[0] for where in found), default=0) - first
        exact = sum(word in vocabulary for word in query)
        key: list[Any] = []
        for rule in index.settings["rankingRules"]:
            if rule == "words":
                key.append(-matched)
            elif rule == "proximity":
                key.append(span)
            elif rule in {"attribute", "attributeRank", "wordPosition"}:
                key.append(first)
            elif rule == "exactness":
                key.append(-exact)
            elif rule == "sort":
                for name, descending in sort:
                    value = document.get(name)
                    key.append(-value if descending else value)
        key.append(order)
        ranked.append((key, document))
    ranked.sort(key=lambda pair: pair[0])
    return [document for _, document in ranked]


# --- filter expressions --------------------------------------------------------------------

_FILTER_TOKEN = re.compile(
    r"\s*(?:(?P<op><=|>=|!=|=|<|>)|(?P<paren>[()\[\],])|'(?P<sq>[^']*)'|\"(?P<dq>[^\"]*)\"|"
    r"(?P<word>[^\s()\[\],=<>!'\"]+))"
)


def _filter(index: Index, expression: Any) -> Any:
    if expression is None:
        return lambda document: True
    if isinstance(expression, str):
        return _Parser(index, expression).parse()
    if isinstance(expression, list):
        parts = [
            _any(index, part) if isinstance(part, list) else _filter(index, part)
            for part in expression
        ]
        return lambda document: all(part(document) for part in parts)
    raise MeiliFailure(400, "invalid_search_filter", "Filter must be a string or an array.")


def _any(index: Index, expressions: list[Any]) -> Any:
    parts = [_filter(index, part) for part in expressions]
    return lambda document: any(part(document) for part in parts)


class _Parser:
    def __init__(self, index: Index, text: str) -> None:
        self.index = index
        self.tokens: list[tuple[str, str]] = []
        position = 0
        text = text.strip()
        while position < len(text):
            match = _FILTER_TOKEN.match(text, position)
            if match is None or match.end() == position:
                raise MeiliFailure(400, "invalid_search_filter", f"Cannot parse `{text}`.")
            kind = match.lastgroup or ""
            value = match.group(kind)
            self.tokens.append(("value" if kind in {"sq", "dq"} else kind, value))
            position = match.end()
        self.position = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise MeiliFailure(400, "invalid_search_filter", "Unexpected end of filter.")
        self.position += 1
        return token

    def keyword(self, word: str) -> bool:
        token = self.peek()
        if token is not None and token[0] == "word" and token[1].upper() == word:
            self.position += 1
            return True
        return False

    def parse(self) -> Any:
        predicate = self.disjunction()
        if self.peek() is not None:
            raise MeiliFailure(400, "invalid_search_filter", f"Unexpected `{self.peek()}`.")
        return predicate

    def disjunction(self) -> Any:
        parts = [self.conjunction()]
        while self.keyword("OR"):
            parts.append(self.conjunction())
        return lambda document: any(part(document) for part in parts)

    def conjunction(self) -> Any:
        parts = [self.negation()]
        while self.keyword("AND"):
            parts.append(self.negation())
        return lambda document: all(part(document) for part in parts)

    def negation(self) -> Any:
        if self.keyword("NOT"):
            inner = self.negation()
            return lambda document: not inner(document)
        if self.peek() == ("paren", "("):
            self.take()
            inner = self.disjunction()
            if self.take() != ("paren", ")"):
                raise MeiliFailure(400, "invalid_search_filter", "Expected `)`.")
            return inner
        return self.comparison()

    def comparison(self) -> Any:
        kind, attribute = self.take()
        if kind != "word":
            raise MeiliFailure(
                400, "invalid_search_filter", f"Expected an attribute, got `{attribute}`."
            )
        if attribute not in self.index.settings["filterableAttributes"]:
            raise MeiliFailure(
                400, "invalid_search_filter", f"Attribute `{attribute}` is not filterable."
            )
        negated = self.keyword("NOT")
        if self.keyword("IN"):
            if self.take() != ("paren", "["):
                raise MeiliFailure(400, "invalid_search_filter", "Expected `[`.")
            values = []
            while self.peek() != ("paren", "]"):
                values.append(self.take()[1])
                if self.peek() == ("paren", ","):
                    self.take()
            self.take()
            return lambda document: (
                negated != any(_equal(document.get(attribute), value) for value in values)
            )
        if negated:
            raise MeiliFailure(400, "invalid_search_filter", "Expected IN after NOT.")
        kind, operator = self.take()
        if kind != "op":
            raise MeiliFailure(
                400, "invalid_search_filter", f"Expected an operator, got `{operator}`."
            )
        value = self.take()[1]
        return lambda document: _compare(document.get(attribute), operator, value)


def _equal(actual: Any, literal: str) -> bool:
    if isinstance(actual, bool):
        return str(actual).lower() == literal.lower()
    if isinstance(actual, int | float):
        try:
            return float(actual) == float(literal)
        except ValueError:
            return False
    return actual is not None and str(actual).casefold() == literal.casefold()


def _compare(actual: Any, operator: str, literal: str) -> bool:
    if operator == "=":
        return _equal(actual, literal)
    if operator == "!=":
        return not _equal(actual, literal)
    if isinstance(actual, bool) or not isinstance(actual, int | float):
        return False
    try:
        number = float(literal)
    except ValueError:
        return False
    return {
        "<": actual < number,
        "<=": actual <= number,
        ">": actual > number,
        ">=": actual >= number,
    }[operator]
