"""The unit of work: one database transaction plus the events it will publish on commit."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from tortoise.transactions import in_transaction

from core.events import Event

if TYPE_CHECKING:
    from core.deps import Deps


@dataclass
class Tx:
    deps: Deps
    now: datetime
    events: list[Event] = field(default_factory=list)

    def emit(self, event: Event) -> None:
        self.events.append(event)


@asynccontextmanager
async def transaction(deps: Deps) -> AsyncIterator[Tx]:
    """Open a transaction; publish its events only after it commits.

    Only services open transactions. ``do_*`` functions take the ``Tx`` they run in.
    """
    tx = Tx(deps=deps, now=deps.clock.now())
    async with in_transaction():
        yield tx
    for event in tx.events:
        await deps.events.publish(event)
