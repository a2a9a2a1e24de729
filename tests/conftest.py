"""Fixtures: a real database per test (SQLite, or PostgreSQL with SABAQ_TEST_DATABASE=postgres).

``.ci/run`` runs the suite twice, once per backend. The PostgreSQL pass keeps only what the
database can change: tests that take the ``db`` fixture (directly or through ``deps``) and
modules marked ``each_database`` (they build their own databases from ``BACKEND``).

On SQLite each test gets a fresh in-memory database. On PostgreSQL making a database and its
schema took most of a test's time, so each worker process makes one database with the schema
on first use, empties it before each test (rows deleted, sequences restarted, so ids start
at 1 as in a fresh database) and drops it when the worker ends.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

import asyncpg
import pytest
from argon2 import PasswordHasher, profiles
from tortoise import BaseDBAsyncClient
from tortoise.backends.base.config_generator import generate_config
from tortoise.context import TortoiseContext
from tortoise.contrib.test import tortoise_test_context

from core.clock import FrozenClock
from core.config import Settings, load_settings
from core.db import ensure_seed_rows
from core.deps import Deps, build_deps
from core.judge.sandbox import SandboxSettings, SandboxUnavailable, check_sandbox
from core.models import MODEL_MODULES
from core.services import accounts

pytest_plugins = ["tests.web", "tests.bots", "tests.browsers"]

# argon2 at its production cost takes ~0.1 s a hash: a third of a panel test's time went to
# hashing the passwords of its people. The tests hash with argon2-cffi's profile made for
# tests (the same algorithm at the least cost); the processes that tests start use the real one.
accounts._hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)
accounts._DUMMY_HASH = accounts._hasher.hash("a login nobody has")

BACKEND = os.environ.get("SABAQ_TEST_DATABASE", "sqlite")
POSTGRES_URL = os.environ.get("SABAQ_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")


def test_database_url() -> str:
    if BACKEND == "postgres":
        return f"{POSTGRES_URL.rstrip('/')}/sabaq_test_{uuid.uuid4().hex[:12]}"
    return "sqlite://:memory:"


class _WorkerDatabase:
    """This worker's PostgreSQL database, once it has the schema."""

    url: str | None = None


async def _admin(statement: str) -> None:
    admin = await asyncpg.connect(f"{POSTGRES_URL.rstrip('/')}/postgres")
    try:
        await admin.execute(statement)
    finally:
        await admin.close()


async def _empty(connection: BaseDBAsyncClient) -> None:
    """Delete every row and restart every used sequence, as if the database were new.

    Only the tables that hold rows are touched: ``TRUNCATE`` of all of them took 0.4–1.5 s,
    this ~20 ms. Foreign keys are not checked while deleting (``session_replication_role``,
    which needs the superuser the tests already need to create databases).
    """
    tables = await _names(
        connection, "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public'"
    )
    holding = await _names(
        connection,
        " UNION ALL ".join(
            f"SELECT '{table}' WHERE EXISTS (SELECT 1 FROM {table})" for table in tables
        ),
    )
    used = await _names(
        connection,
        "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename) FROM pg_sequences"
        " WHERE last_value IS NOT NULL",
    )
    await connection.execute_script(
        "SET session_replication_role = replica;"
        + "".join(f"DELETE FROM {table};" for table in holding)
        + "".join(f"ALTER SEQUENCE {sequence} RESTART;" for sequence in used)
        + "SET session_replication_role = DEFAULT;"
    )


async def _names(connection: BaseDBAsyncClient, query: str) -> list[str]:
    _, rows = await connection.execute_query(query)
    return [next(iter(row.values())) for row in rows]


@asynccontextmanager
async def _postgres_test_database() -> AsyncIterator[None]:
    first = _WorkerDatabase.url is None
    url = test_database_url() if first else _WorkerDatabase.url
    assert url is not None
    config = generate_config(url, app_modules={"models": MODEL_MODULES}, testing=True)
    async with TortoiseContext() as context:
        await context.init(config=config, _create_db=first, use_tz=True, timezone="UTC")
        if first:
            _WorkerDatabase.url = url
            await context.generate_schemas(safe=False)
        else:
            await _empty(context.connections.get("default"))
        await ensure_seed_rows()
        yield


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _WorkerDatabase.url is not None:
        name = _WorkerDatabase.url.rpartition("/")[2]
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if BACKEND != "postgres":
        return
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        uses_database = "db" in getattr(item, "fixturenames", ())
        (keep if uses_database or item.get_closest_marker("each_database") else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "var", _env_file=None)


@pytest.fixture
async def db() -> AsyncIterator[None]:
    if BACKEND == "postgres":
        async with _postgres_test_database():
            yield
    else:
        async with tortoise_test_context(MODEL_MODULES, db_url=test_database_url()):
            await ensure_seed_rows()
            yield


@pytest.fixture
async def deps(settings: Settings, clock: FrozenClock, db: None) -> AsyncIterator[Deps]:
    if BACKEND == "postgres":
        # The search backend follows the database's dialect.
        settings = settings.model_copy(update={"database_url": POSTGRES_URL})
    deps = build_deps(settings, clock=clock)
    await deps.search.ensure()
    yield deps
    await deps.aclose()


#: The judge's toolchain cache, kept between runs (var/ is ignored by git): the precompiled
#: header takes seconds to build. pytest's temporary folders are closed to the judge's user.
JUDGE_CACHE = Path(__file__).resolve().parents[1] / "var" / "judge"


@pytest.fixture
async def judging(deps: Deps) -> Deps:
    """``deps`` for judging in the real sandbox, with the shared toolchain cache. Skipped
    without a working sandbox, failed instead when SABAQ_REQUIRE_JUDGE=1."""
    try:
        await check_sandbox(SandboxSettings())
    except SandboxUnavailable as error:
        if os.environ.get("SABAQ_REQUIRE_JUDGE") == "1":
            pytest.fail(f"the judge's sandbox is required here but unavailable: {error.reason}")
        pytest.skip(f"the judge's sandbox is unavailable: {error.reason}")
    settings = deps.settings.model_copy(update={"judge_cache_dir": JUDGE_CACHE})
    return replace(deps, settings=settings)
