"""Write the next aerich migration for both dialects after a model change.

    .venv/bin/python scripts/makemigrations.py <name>

aerich writes dialect-specific SQL, so each dialect keeps its own history under
``migrations/<dialect>/``. The script replays the existing history on a scratch database of
each dialect (a temp SQLite file; a temp PostgreSQL database at SABAQ_TEST_POSTGRES_URL) and
diffs the models against it. ``tests/test_migrations.py`` fails until this has been run.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import asyncpg
from aerich import Command
from tortoise import Tortoise
from tortoise.backends.base.executor import EXECUTOR_CACHE

from core.db import migrations_location, tortoise_config

POSTGRES = os.environ.get("SABAQ_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")


def _fix_escapes(location: str) -> None:
    """aerich copies model docstrings into SQL comments with ``\\/``, an invalid escape."""
    for path in Path(location).rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        fixed = re.sub(r"\\/", "/", text)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")


async def make(dialect: str, db_url: str, name: str) -> str | None:
    location = migrations_location(dialect)
    command = Command(tortoise_config=tortoise_config(db_url), app="models", location=location)
    try:
        if not (Path(location) / "models").exists():
            await command.init_db(safe=True)
            result = "init"
        else:
            await command.init()
            await command.upgrade(run_in_transaction=True)
            await command.init()  # aerich reads the last applied state at init
            result = await command.migrate(name, no_input=True) or None
    finally:
        await Tortoise.close_connections()
        EXECUTOR_CACHE.clear()
    _fix_escapes(location)
    return result


async def make_dialect(dialect: str, name: str) -> None:
    if dialect == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            print("sqlite:", await make("sqlite", f"sqlite://{tmp}/scratch.sqlite3", name))  # noqa: T201
        return
    database = f"sabaq_makemigrations_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(POSTGRES.replace("postgres://", "postgresql://") + "/postgres")
    try:
        await admin.execute(f'CREATE DATABASE "{database}"')
        print("postgres:", await make("postgres", f"{POSTGRES}/{database}", name))  # noqa: T201
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{database}"')
        await admin.close()


if __name__ == "__main__":
    # Tortoise keeps one global configuration per process, so each dialect gets its own.
    arguments = sys.argv[1:]
    if len(arguments) == 2 and arguments[0] in {"sqlite", "postgres"}:
        asyncio.run(make_dialect(arguments[0], arguments[1]))
    else:
        migration = arguments[0] if arguments else "update"
        for dialect in ("sqlite", "postgres"):
            subprocess.run([sys.executable, __file__, dialect, migration], check=True)
