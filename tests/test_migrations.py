"""Every model change has a migration: replaying the history leaves nothing for aerich to diff.

Runs for the backend of this test run (SQLite by default, PostgreSQL in CI's second pass).
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import asyncpg
import pytest
from aerich import Command
from tortoise import Tortoise
from tortoise.backends.base.executor import EXECUTOR_CACHE

from core.db import MIGRATIONS_DIR, tortoise_config
from tests.conftest import BACKEND, POSTGRES_URL

pytestmark = pytest.mark.each_database


async def _diff_after_replay(db_url: str, dialect: str, tmp_path: Path) -> tuple[list[str], str]:
    location = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR / dialect, location / dialect)
    config = tortoise_config(db_url)
    try:
        command = Command(tortoise_config=config, app="models", location=str(location / dialect))
        await command.init()
        applied = await command.upgrade(run_in_transaction=True)
        await command.init()  # aerich reads the last applied state at init
        diff = await command.migrate("pending_check", no_input=True)
    finally:
        await Tortoise.close_connections()
        EXECUTOR_CACHE.clear()
    return applied, diff


@pytest.mark.skipif(BACKEND != "sqlite", reason="the SQLite history is checked in the SQLite run")
async def test_sqlite_history_matches_the_models(tmp_path):
    applied, diff = await _diff_after_replay(f"sqlite://{tmp_path}/m.sqlite3", "sqlite", tmp_path)
    assert applied, "no migration was applied to an empty database"
    assert diff == "", "models changed without a migration: run scripts/makemigrations.py"


@pytest.mark.skipif(
    BACKEND != "postgres", reason="the PostgreSQL history is checked in the PostgreSQL run"
)
async def test_postgres_history_matches_the_models(tmp_path):
    name = f"sabaq_migcheck_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(
        POSTGRES_URL.replace("postgres://", "postgresql://") + "/postgres"
    )
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        applied, diff = await _diff_after_replay(f"{POSTGRES_URL}/{name}", "postgres", tmp_path)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        await admin.close()
    assert applied
    assert diff == "", "models changed without a migration: run scripts/makemigrations.py"
