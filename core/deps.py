"""The small frozen bundle of shared services, built once at start-up and passed down."""

from __future__ import annotations

from dataclasses import dataclass, field

from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from core.background import BackgroundTasks
from core.clock import Clock, SystemClock
from core.config import Settings
from core.events import EventBus
from core.fanout import Fanout, build_fanout
from core.group_commit import GroupCommit
from core.search import SearchBackend, build_search_backend


@dataclass(frozen=True)
class Deps:
    settings: Settings
    clock: Clock
    events: EventBus
    limiter: MovingWindowRateLimiter
    search: SearchBackend
    fanout: Fanout
    group_commit: GroupCommit
    background: BackgroundTasks = field(default_factory=BackgroundTasks)

    async def aclose(self) -> None:
        """Stop the background tasks (they may still write), then close the connections
        these deps opened (Redis clients, the search service)."""
        await self.background.aclose()
        await self.search.aclose()
        await self.fanout.aclose()
        # limits keeps its redis-py client on the storage's bridge and offers no close().
        client = getattr(getattr(self.limiter.storage, "bridge", None), "storage", None)
        if client is not None:
            await client.aclose()


def build_deps(settings: Settings, *, clock: Clock | None = None) -> Deps:
    """Deps for one process: Redis-backed limits and chat fan-out when ``SABAQ_REDIS_URL`` is
    set; the search backend the settings choose."""
    storage: Storage
    if settings.redis_url:
        # redis-py (already a dependency) rather than the default coredis client.
        storage = storage_from_string("async+" + settings.redis_url, implementation="redispy")  # type: ignore[assignment]
    else:
        storage = MemoryStorage()
    deps = Deps(
        settings=settings,
        clock=clock or SystemClock(),
        events=EventBus(),
        limiter=MovingWindowRateLimiter(storage),
        search=build_search_backend(settings),
        fanout=build_fanout(settings),
        group_commit=GroupCommit(),
    )
    from core.services import charges, submissions  # noqa: PLC0415 - they import this module

    charges.subscribe(deps)  # held lessons and attendance marks charge subscriptions
    submissions.subscribe(deps)  # verdicts wake the pages watching their submissions
    return deps
