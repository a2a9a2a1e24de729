"""The small frozen bundle of shared services, built once at start-up and passed down."""

from __future__ import annotations

from dataclasses import dataclass

from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from core.clock import Clock, SystemClock
from core.config import Settings
from core.events import EventBus


@dataclass(frozen=True)
class Deps:
    settings: Settings
    clock: Clock
    events: EventBus
    limiter: MovingWindowRateLimiter


def build_deps(settings: Settings, *, clock: Clock | None = None) -> Deps:
    """Deps for one process: Redis-backed limits when ``SABAQ_REDIS_URL`` is set."""
    storage: Storage
    if settings.redis_url:
        storage = storage_from_string("async+" + settings.redis_url)  # type: ignore[assignment]
    else:
        storage = MemoryStorage()
    return Deps(
        settings=settings,
        clock=clock or SystemClock(),
        events=EventBus(),
        limiter=MovingWindowRateLimiter(storage),
    )
