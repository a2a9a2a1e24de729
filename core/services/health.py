"""Health of the parts this process depends on, for ``GET /healthz``."""

from __future__ import annotations

from tortoise import connections


async def database_ok() -> bool:
    """Whether the database answers a trivial query."""
    try:
        await connections.get("default").execute_query("SELECT 1")
    except Exception:
        return False
    return True
