"""A throw-away PostgreSQL database for a benchmark run.

Not a benchmark itself (``.ci/run`` runs every ``bench/*.py``; this one only defines).
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import AsyncIterator

import asyncpg  # type: ignore[import-untyped]


@contextlib.asynccontextmanager
async def temporary_database(base_url: str) -> AsyncIterator[str]:
    """A fresh PostgreSQL database for the run, dropped at the end."""
    name = f"sabaq_bench_{secrets.token_hex(4)}"
    admin = base_url.rstrip("/") + "/postgres"
    connection = await asyncpg.connect(admin)
    try:
        _ = await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    try:
        yield f"{base_url.rstrip('/')}/{name}"
    finally:
        connection = await asyncpg.connect(admin)
        try:
            _ = await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await connection.close()
