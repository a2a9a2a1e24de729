"""Fixtures: a real database per test (SQLite, or PostgreSQL with SABAQ_TEST_DATABASE=postgres).

``.ci/run`` runs the suite twice, once per backend. The PostgreSQL pass keeps only what the
database can change: tests that take the ``db`` fixture (directly or through ``deps``) and
modules marked ``each_database`` (they build their own databases from ``BACKEND``). A
test's PostgreSQL database is dropped after it: left behind, a pass filled ~9 GB of disk.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
from tortoise.contrib.test import tortoise_test_context

from core.clock import FrozenClock
from core.config import Settings, load_settings
from core.db import ensure_seed_rows
from core.deps import Deps, build_deps
from core.models import MODEL_MODULES

pytest_plugins = ["tests.web", "tests.bots", "tests.browsers"]

BACKEND = os.environ.get("SABAQ_TEST_DATABASE", "sqlite")
POSTGRES_URL = os.environ.get("SABAQ_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")


def test_database_url() -> str:
    if BACKEND == "postgres":
        return f"{POSTGRES_URL.rstrip('/')}/sabaq_test_{uuid.uuid4().hex[:12]}"
    return "sqlite://:memory:"


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
    url = test_database_url()
    try:
        async with tortoise_test_context(MODEL_MODULES, db_url=url):
            await ensure_seed_rows()
            yield
    finally:
        if BACKEND == "postgres":
            name = url.rpartition("/")[2]
            admin = await asyncpg.connect(f"{POSTGRES_URL.rstrip('/')}/postgres")
            try:
                await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            finally:
                await admin.close()


@pytest.fixture
async def deps(settings: Settings, clock: FrozenClock, db: None) -> AsyncIterator[Deps]:
    if BACKEND == "postgres":
        # The search backend follows the database's dialect.
        settings = settings.model_copy(update={"database_url": POSTGRES_URL})
    deps = build_deps(settings, clock=clock)
    await deps.search.ensure()
    yield deps
    await deps.aclose()
