"""One plain SQL statement through Tortoise's connection, for the reads that building model
objects would make several times slower (reports, ratings, the calendar)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from tortoise import connections


class Sql:
    """A statement's parameters with the dialect's placeholders. Each call adds a parameter
    and returns its placeholder, so call it in the order the placeholders appear (SQLite's
    are positional). ``postgres`` tells which dialect the statement is for.

    SQLite stores timestamps and dates as ISO text, so they are passed as that text there
    (timestamps in UTC, which orders like the moments)."""

    def __init__(self) -> None:
        self.client = connections.get("default")
        self.postgres = self.client.capabilities.dialect == "postgres"
        self.params: list[object] = []

    def __call__(self, value: object) -> str:
        if isinstance(value, datetime) and not self.postgres:
            # Tortoise stores SQLite timestamps as this text, which orders like the moments.
            value = value.astimezone(UTC).isoformat(sep=" ")
        elif isinstance(value, date) and not self.postgres:
            value = value.isoformat()
        self.params.append(value)
        return f"${len(self.params)}" if self.postgres else "?"

    def ids(self, values: Iterable[int]) -> str:
        """Placeholders for ``IN (…)``."""
        return ", ".join(self(value) for value in values)

    async def rows(self, sql: str) -> list[dict[str, Any]]:
        return list(await self.client.execute_query_dict(sql, self.params))
