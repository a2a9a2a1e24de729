"""Database start/stop and migrations (aerich), for SQLite (default) and PostgreSQL.

aerich writes SQL for one dialect, so each dialect keeps its own migration history under
``migrations/<dialect>/``; ``tests/test_migrations.py`` proves both histories build exactly
the schema the models describe.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aerich import Command
from aerich.models import Aerich
from tortoise import Tortoise
from tortoise.exceptions import OperationalError

from core.config import Settings
from core.models import MODEL_MODULES
from core.models.audit import AuditHead
from core.search import build_search_backend

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
GENESIS_HASH = "0" * 64


def tortoise_config(db_url: str) -> dict[str, Any]:
    return {
        "connections": {"default": db_url},
        "apps": {"models": {"models": MODEL_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


def migrations_location(dialect: str) -> str:
    return str(MIGRATIONS_DIR / dialect)


async def migrate(settings: Settings) -> list[str]:
    """Apply pending migrations; return the names of those applied.

    Leaves Tortoise initialised on the settings' database.
    """
    if settings.dialect == "sqlite":
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    command = Command(
        tortoise_config=tortoise_config(settings.db_url),
        app="models",
        location=migrations_location(settings.dialect),
    )
    await command.init()
    applied: list[str] = await command.upgrade(run_in_transaction=True)
    await ensure_seed_rows()
    search = build_search_backend(settings)
    if search.in_database:
        # The chat's full-text index is derived data beside the schema, not a model.
        await search.ensure()
    return applied


async def open_db(settings: Settings) -> None:
    """Connect without migrating (the CLI's read-only commands, workers)."""
    await Tortoise.init(config=tortoise_config(settings.db_url))


async def close_db() -> None:
    await Tortoise.close_connections()


async def ensure_seed_rows() -> None:
    """Rows every database must have (the audit chain's head)."""
    await AuditHead.get_or_create(id=1, defaults={"last_hash": GENESIS_HASH, "count": 0})


async def pending_migrations(settings: Settings) -> list[str]:
    """Migration files not yet applied (all of them on a new database); leaves Tortoise open."""
    await open_db(settings)
    files = sorted(
        path.name
        for path in (Path(migrations_location(settings.dialect)) / "models").glob("*.py")
        if path.name[0].isdigit()
    )
    try:
        applied = {
            str(version)
            for version in await Aerich.filter(app="models").values_list("version", flat=True)
        }
    except OperationalError:
        applied = set()
    return [name for name in files if name not in applied]
