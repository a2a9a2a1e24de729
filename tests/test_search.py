"""Message search (issue 4): one set of behaviours, run against the database's own backend
(SQLite FTS5, or PostgreSQL with SABAQ_TEST_DATABASE=postgres) and against Meilisearch's
contract fake (tests/meili_fake.py), plus the search-box parser.

The fake applies a write only when its task is asked for, so every Meilisearch test also
proves that ``index()`` and ``remove()`` wait for their tasks.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer

from core.config import load_settings
from core.deps import Deps
from core.errors import InvalidInput
from core.search import (
    Scope,
    SearchBackend,
    SearchDoc,
    SearchFilter,
    build_search_backend,
    normalise,
    parse_query,
)
from core.search.meili import MeiliError, MeiliSearch
from core.search.postgres import PostgresSearch
from core.search.sqlite import SqliteSearch
from core.tx import transaction
from tests.conftest import BACKEND
from tests.meili_fake import MeiliFake

KEY = "test-master-key"
T0 = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
EVERYWHERE = SearchFilter(scopes=(Scope(1, None), Scope(2, None), Scope(3, None)))


def doc(
    message_id: int,
    text: str,
    *,
    conversation: int = 1,
    author: int = 10,
    seq: int | None = None,
    at: datetime | None = None,
    has_file: bool = False,
) -> SearchDoc:
    return SearchDoc(
        message_id=message_id,
        conversation_id=conversation,
        organisation_id=1,
        author_id=author,
        seq=message_id if seq is None else seq,
        text=text,
        created_at=at or T0 + timedelta(minutes=message_id),
        has_file=has_file,
    )


def database_backend() -> SearchBackend:
    return PostgresSearch() if BACKEND == "postgres" else SqliteSearch()


@pytest.fixture
async def meili_url() -> AsyncIterator[str]:
    server = TestServer(MeiliFake(key=KEY).app())
    await server.start_server()
    yield str(server.make_url("")).rstrip("/")
    await server.close()


@pytest.fixture(params=["database", "meilisearch"])
async def backend(request: pytest.FixtureRequest, db: None) -> AsyncIterator[SearchBackend]:
    server: TestServer | None = None
    if request.param == "database":
        found = database_backend()
    else:
        server = TestServer(MeiliFake(key=KEY).app())
        await server.start_server()
        found = MeiliSearch(str(server.make_url("")), KEY)
    await found.ensure()
    yield found
    await found.aclose()
    if server is not None:
        await server.close()


async def find(
    backend: SearchBackend,
    terms: Sequence[str],
    flt: SearchFilter = EVERYWHERE,
    *,
    limit: int = 20,
    before_message_id: int | None = None,
) -> list[int]:
    return await backend.search(terms, flt, limit=limit, before_message_id=before_message_id)


async def test_kazakh_word_finds_its_inflected_forms(backend: SearchBackend) -> None:
    await backend.index(
        [
            doc(1, "Ертең сабаққа келмеймін"),
            doc(2, "Сабақтар сағат тоғызда басталады"),
            doc(3, "Сабан тойы жексенбіде"),
            doc(4, "Бүгінгі сабақ өте қызық болды"),
        ]
    )

    assert await find(backend, ["сабақ"]) == [4, 2, 1]
    assert await find(backend, ["Сабаққа"]) == [1]
    assert await find(backend, ["сабақ", "келмей"]) == [1]


async def test_russian_and_english_words_by_their_beginning(backend: SearchBackend) -> None:
    await backend.index(
        [
            doc(1, "Домашнее задание: упражнение 5"),
            doc(2, "Где домашняя работа?"),
            doc(3, "Homework for Monday: read chapter 3"),
        ]
    )

    assert await find(backend, ["домашнее"]) == [1]
    assert await find(backend, ["домашн", "задан"]) == [1]
    assert await find(backend, ["домашнее", "контрольная"]) == []
    assert await find(backend, ["HOMEWORK", "mon"]) == [3]


async def test_case_and_yo_do_not_matter(backend: SearchBackend) -> None:
    await backend.index([doc(1, "ЁЛКА в актовом зале"), doc(2, "ёлочные игрушки"), doc(3, "елка")])

    assert await find(backend, ["елка"]) == [3, 1]
    assert await find(backend, ["ЁЛКА"]) == [3, 1]
    assert await find(backend, ["ёл"]) == [3, 2, 1]


async def test_kazakh_letters_are_not_folded_to_russian_ones(backend: SearchBackend) -> None:
    await backend.index([doc(1, "Қала әкімдігі"), doc(2, "Кала на дороге"), doc(3, "Мой класс")])

    assert await find(backend, ["қала"]) == [1]
    assert await find(backend, ["кала"]) == [2]
    assert await find(backend, ["мои"]) == []


async def test_only_conversations_in_scope_and_up_to_max_seq(backend: SearchBackend) -> None:
    await backend.index(
        [
            doc(1, "сабақ бірінші топта", conversation=1, seq=1),
            doc(2, "сабақ екінші топта", conversation=2, seq=1),
            doc(3, "сабақ үшінші топта", conversation=3, seq=1),
            doc(4, "сабақ екінші топта тағы", conversation=2, seq=2),
            doc(5, "сабақ бірінші топта тағы", conversation=1, seq=2),
        ]
    )
    left_group_2 = SearchFilter(scopes=(Scope(1, None), Scope(2, max_seq=1)))

    assert await find(backend, ["сабақ"], left_group_2) == [5, 2, 1]
    assert await find(backend, [], left_group_2) == [5, 2, 1]
    assert await find(backend, ["сабақ"], SearchFilter(scopes=(Scope(3, None),))) == [3]
    assert await find(backend, ["сабақ"], SearchFilter(scopes=())) == []


async def test_many_conversations_in_scope(backend: SearchBackend) -> None:
    # An administrator may read hundreds of conversations; the backends switch strategy.
    await backend.index([doc(i, "хабарлама", conversation=i) for i in range(1, 301)])
    odd = SearchFilter(scopes=tuple(Scope(i, None if i < 290 else 0) for i in range(1, 600, 2)))

    assert await find(backend, ["хабар"], odd, limit=5) == [289, 287, 285, 283, 281]
    assert await find(backend, [], odd, limit=3) == [289, 287, 285]


async def test_author_date_and_file_filters(backend: SearchBackend) -> None:
    await backend.index(
        [
            doc(1, "кесте", author=10, at=T0),
            doc(2, "кесте файлда", author=11, at=T0 + timedelta(days=1), has_file=True),
            doc(3, "кесте", author=12, at=T0 + timedelta(days=2), has_file=True),
            doc(4, "кесте", author=10, at=T0 + timedelta(days=3)),
        ]
    )

    def only(**kwargs: object) -> SearchFilter:
        return SearchFilter(scopes=EVERYWHERE.scopes, **kwargs)  # type: ignore[arg-type]

    assert await find(backend, ["кесте"], only(author_ids=(10, 12))) == [4, 3, 1]
    assert await find(backend, [], only(author_ids=(11,))) == [2]
    assert await find(backend, ["кесте"], only(author_ids=())) == []
    assert await find(backend, ["кесте"], only(has_file=True)) == [3, 2]
    # after <= created_at < before
    window = only(after=T0 + timedelta(days=1), before=T0 + timedelta(days=3))
    assert await find(backend, ["кесте"], window) == [3, 2]
    assert await find(backend, [], only(before=T0 + timedelta(days=1))) == [1]


async def test_pages_go_back_by_message_id(backend: SearchBackend) -> None:
    await backend.index([doc(i, f"тапсырма {i}") for i in range(1, 6)])
    await backend.index([doc(6, "басқа нәрсе")])

    assert await find(backend, ["тапсырма"], limit=2) == [5, 4]
    assert await find(backend, ["тапсырма"], limit=2, before_message_id=4) == [3, 2]
    assert await find(backend, ["тапсырма"], limit=2, before_message_id=2) == [1]
    assert await find(backend, [], limit=2, before_message_id=6) == [5, 4]


async def test_an_edit_replaces_the_old_text(backend: SearchBackend) -> None:
    await backend.index([doc(1, "Жиналыс дүйсенбіде"), doc(2, "Жиналыс сейсенбіде")])
    await backend.index([doc(1, "Жиналыс бейсенбіге ауысты")])

    assert await find(backend, ["дүйсенбі"]) == []
    assert await find(backend, ["бейсенбі"]) == [1]
    assert await find(backend, ["жиналыс"]) == [2, 1]


async def test_removed_messages_are_not_found(backend: SearchBackend) -> None:
    await backend.index([doc(1, "құпия хабар"), doc(2, "құпия емес хабар")])
    await backend.remove([1, 999])

    assert await find(backend, ["құпия"]) == [2]
    assert await find(backend, []) == [2]


async def test_clear_empties_the_index(backend: SearchBackend) -> None:
    await backend.index([doc(1, "ескі хабар")])
    await backend.clear()
    await backend.index([doc(2, "жаңа хабар")])

    assert await find(backend, ["хабар"]) == [2]


HOSTILE = [
    '"',
    "*",
    "NEAR(",
    "NEAR(сабақ келмеймін, 2)",
    "AND OR",
    "сабақ AND",
    "OR сабақ",
    "NOT сабақ",
    ":*",
    "сабақ:*",
    "'",
    "\\",
    "сабақ' | 'x",
    "сабақ\\",
    '"сабақ',
    "(",
    ")",
    "{body}:сабақ",
    "body : сабақ",
    "meta:c1",
    "-сабақ",
    "^сабақ",
    "с*б*қ",
    "!сабақ",
    "сабақ & !келмеймін",
    "\x00",
    "",
    "   ",
    "conversation_id = 1",
    "сабақ OR conversation_id IN [1, 2, 3]",
]


@pytest.mark.parametrize("text", HOSTILE)
async def test_hostile_query_text_is_only_words(backend: SearchBackend, text: str) -> None:
    await backend.index(
        [doc(1, "Сабаққа келмеймін"), doc(2, 'He wrote "NEAR(a b)" AND -x OR y* :* \' \\ here')]
    )

    parsed = await find(backend, parse_query(text).terms)
    raw = await find(backend, [text])

    assert set(parsed) <= {1, 2}
    assert set(raw) <= {1, 2}


async def test_query_syntax_characters_are_searched_as_the_words_around_them(
    backend: SearchBackend,
) -> None:
    await backend.index(
        [doc(1, "Сабаққа келмеймін"), doc(2, 'He wrote "NEAR(a b)" AND -x OR y* here')]
    )

    assert await find(backend, ["NEAR("]) == [2]
    assert await find(backend, ['"сабақ']) == [1]
    assert await find(backend, ["сабақ:*"]) == [1]
    assert await find(backend, ["NOT", "сабақ"]) == []
    assert await find(backend, ["*"]) == []
    assert await find(backend, ["\\"]) == []


async def test_filter_values_cannot_be_typed(backend: SearchBackend) -> None:
    # Each backend stores conversation, author and file markers next to the words; typing
    # them must not search by them.
    await backend.index([doc(1, "сабақ", conversation=1, author=10, has_file=True)])

    for text in ("c1", "#c1", "a10", "#a10", "f", "#f", "1", "10", "true"):
        assert await find(backend, [text]) == [], text


async def test_indexing_in_a_rolled_back_transaction_leaves_nothing(
    deps: Deps,
) -> None:
    backend = database_backend()
    await backend.ensure()
    async with transaction(deps):
        await backend.index([doc(1, "сақталған хабар")])
    with pytest.raises(RuntimeError):
        async with transaction(deps):
            await backend.index([doc(2, "жоғалған хабар")])
            await backend.remove([1])
            raise RuntimeError

    assert await find(backend, ["хабар"]) == [1]
    assert backend.in_database


async def test_meilisearch_refuses_a_wrong_key(meili_url: str) -> None:
    backend = MeiliSearch(meili_url, "not-the-key")
    try:
        with pytest.raises(MeiliError) as refused:
            await backend.ensure()
    finally:
        await backend.aclose()

    assert refused.value.code == "invalid_api_key"


async def test_meilisearch_ensure_twice_keeps_the_documents(meili_url: str) -> None:
    backend = MeiliSearch(meili_url, KEY)
    try:
        await backend.ensure()
        await backend.index([doc(1, "сабақ")])
        await backend.ensure()
        found = await find(backend, ["сабақ"])
    finally:
        await backend.aclose()

    assert found == [1]
    assert not backend.in_database


async def test_backend_follows_the_settings(tmp_path: Path) -> None:
    async def built(**overrides: str) -> str:
        backend = build_search_backend(
            load_settings(data_dir=tmp_path, _env_file=None, **overrides)
        )
        await backend.aclose()
        return backend.name

    assert await built() == "sqlite"
    assert await built(database_url="postgres://sabaq@db/sabaq") == "postgres"
    assert await built(meili_url="http://127.0.0.1:7700", meili_key=KEY) == "meilisearch"


def test_normalise_folds_case_and_yo_and_keeps_kazakh_letters() -> None:
    assert normalise("ЁЛКА, Сабаққа — ӘЖЕ!  Йогурт  Іңкәр") == "елка сабаққа әже йогурт іңкәр"
    assert normalise("e\u0301cole") == "école"  # one letter, however it was typed


def test_parse_query_operators() -> None:
    parsed = parse_query(
        'from:"Айгүл Сейтқали" in:10А-топ before:2026-11-01 after:01.10.2026 has:file '
        "Сабаққа КЕЛМЕЙМІН from:Ерлан"
    )

    assert parsed.terms == ("сабаққа", "келмеймін")
    assert parsed.from_names == ("Айгүл Сейтқали", "Ерлан")
    assert parsed.in_names == ("10А-топ",)
    assert parsed.before == date(2026, 11, 1)
    assert parsed.after == date(2026, 10, 1)
    assert parsed.has_file


def test_parse_query_plain_text() -> None:
    parsed = parse_query("Ёлка ёлка https://sabaq.kz/x 10:30 has:link")

    assert parsed.terms == ("елка", "https", "sabaq", "kz", "x", "10", "30", "has", "link")
    assert parsed.from_names == parsed.in_names == ()
    assert parsed.before is parsed.after is None
    assert not parsed.has_file


def test_parse_query_keeps_ten_words() -> None:
    assert parse_query(" ".join(f"сөз{i}" for i in range(12))).terms == tuple(
        f"сөз{i}" for i in range(10)
    )


@pytest.mark.parametrize("value", ["2026-13-01", "2026-02-30", "tomorrow", "1.1.26", "2026-1-1"])
def test_parse_query_refuses_a_bad_date(value: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_query(f"сабақ before:{value}")

    assert refused.value.field == "q"
    assert refused.value.params == {"value": value}


@pytest.mark.parametrize("text", HOSTILE)
def test_parse_query_never_fails_on_hostile_text(text: str) -> None:
    parsed = parse_query(text)

    assert all(term and term == normalise(term) for term in parsed.terms)
