"""Live-event fan-out between chat server processes: in-process by default, Redis pub/sub to scale.

The fan-out carries *live* events only; the database is the record. So a subscription never
pretends to be complete when it is not: when it falls behind (``FanoutLagged``) or loses its
Redis connection (``FanoutDisconnected``) its iterator raises, and the consumer (the websocket
layer) resyncs its clients from the database instead of silently missing events.

Usage::

    async with fanout.subscribe() as events:
        async for payload in events:   # ends cleanly when the fan-out closes
            ...

Payloads are JSON objects. The in-process fan-out encodes them too, so a payload Redis could not
carry fails on a developer's machine as well; its subscribers share one decoded copy per
publish, so treat payloads as read-only.
"""

from __future__ import annotations

import asyncio
import json
import logging
from abc import ABC, abstractmethod
from types import TracebackType
from typing import Protocol, Self

from redis.asyncio import Redis
from redis.asyncio.client import PubSub
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from core.config import Settings

log = logging.getLogger(__name__)

Payload = dict[str, object]

DEFAULT_QUEUE_SIZE = 10_000
_CONNECT_TIMEOUT = 5.0
# How long closing a Redis subscription waits for the server to confirm the unsubscribe
# before it just drops the connection.
_UNSUBSCRIBE_TIMEOUT = 5.0


class FanoutError(Exception):
    """The live stream can no longer be trusted: resync from the database."""


class FanoutLagged(FanoutError):
    """The consumer fell more than the queue size behind; undelivered payloads were dropped."""


class FanoutDisconnected(FanoutError):
    """The Redis connection dropped (or could not be made); events may have been missed."""


class Subscription(ABC):
    """One subscriber's bounded queue of payloads: an async context manager and iterator.

    Iteration ends with ``StopAsyncIteration`` when the subscription or its fan-out is closed,
    and raises ``FanoutLagged`` or ``FanoutDisconnected`` when events may have been missed.
    Once ended, payloads not yet read are dropped.
    """

    def __init__(self, queue_size: int) -> None:
        # ``None`` marks the end; it is put back when read, so every later read ends too.
        self._queue: asyncio.Queue[Payload | None] = asyncio.Queue(maxsize=queue_size)
        self._ended = False
        self._failure: FanoutError | None = None

    @property
    def lagged(self) -> bool:
        return isinstance(self._failure, FanoutLagged)

    async def __aenter__(self) -> Self:
        await self._open()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> Payload:
        payload = await self._queue.get()
        if payload is None:
            self._queue.put_nowait(None)
            if self._failure is not None:
                raise self._failure
            raise StopAsyncIteration
        return payload

    async def aclose(self) -> None:
        """Stop receiving; the iterator ends. Closing twice is harmless."""
        self._end(None)

    @abstractmethod
    async def _open(self) -> None:
        """Start receiving: after this returns, every publish reaches this subscription."""

    def _deliver(self, payload: Payload) -> None:
        if self._ended:
            return
        try:
            self._queue.put_nowait(payload)
        except asyncio.QueueFull:
            self._end(FanoutLagged(f"more than {self._queue.maxsize} events behind"))

    def _end(self, failure: FanoutError | None) -> None:
        if self._ended:
            return
        self._ended = True
        self._failure = failure
        while not self._queue.empty():
            self._queue.get_nowait()
        self._queue.put_nowait(None)


class Fanout(Protocol):
    async def publish(self, payload: Payload) -> None:
        """Send ``payload`` (a JSON object) to every current subscriber, in every process.

        Raises:
            TypeError: the payload is not JSON-serialisable.
            FanoutDisconnected: Redis could not be reached.
        """

    def subscribe(self) -> Subscription:
        """A new subscription; it receives what is published after it is entered."""

    async def aclose(self) -> None:
        """End every open subscription and release connections."""


class InProcessFanout:
    """Fan-out within one process: each subscription has its own bounded queue.

    Publishing never waits for a subscriber: a full queue marks that subscription lagged.
    """

    def __init__(self, *, queue_size: int = DEFAULT_QUEUE_SIZE) -> None:
        self._queue_size = queue_size
        self._subscriptions: set[_InProcessSubscription] = set()
        self._closed = False

    async def publish(self, payload: Payload) -> None:
        if self._closed:
            raise RuntimeError("the fan-out is closed")
        decoded = json.loads(json.dumps(payload))
        for subscription in list(self._subscriptions):
            subscription._deliver(decoded)

    def subscribe(self) -> Subscription:
        return _InProcessSubscription(self)

    async def aclose(self) -> None:
        self._closed = True
        for subscription in list(self._subscriptions):
            await subscription.aclose()


class _InProcessSubscription(Subscription):
    def __init__(self, fanout: InProcessFanout) -> None:
        super().__init__(fanout._queue_size)
        self._fanout = fanout

    async def _open(self) -> None:
        if self._fanout._closed:
            raise RuntimeError("the fan-out is closed")
        self._fanout._subscriptions.add(self)

    async def aclose(self) -> None:
        self._fanout._subscriptions.discard(self)
        await super().aclose()


class RedisFanout:
    """Fan-out through one Redis pub/sub channel, so several processes reach each other.

    One connection publishes; each subscription has its own pub/sub connection and a reader
    task that moves messages into its bounded queue. Subscription connections never retry:
    redis-py would otherwise reconnect and resubscribe silently, and whatever was published
    in between would be lost without anyone knowing. Publishing retries once, at once, on a
    fresh connection (an idle one may have been cut); if the first attempt did reach Redis,
    subscribers see the payload twice, so payloads carry ids that make a repeat harmless.
    """

    def __init__(
        self, url: str, *, channel: str = "sabaq:chat", queue_size: int = DEFAULT_QUEUE_SIZE
    ) -> None:
        self.channel = channel
        self._queue_size = queue_size
        self._publisher = Redis.from_url(
            url,
            single_connection_client=True,
            retry=Retry(NoBackoff(), 1),
            socket_connect_timeout=_CONNECT_TIMEOUT,
        )
        self._listeners = Redis.from_url(
            url, retry=Retry(NoBackoff(), 0), socket_connect_timeout=_CONNECT_TIMEOUT
        )
        self._subscriptions: set[_RedisSubscription] = set()
        self._closed = False

    async def publish(self, payload: Payload) -> None:
        if self._closed:
            raise RuntimeError("the fan-out is closed")
        data = json.dumps(payload)
        try:
            await self._publisher.publish(self.channel, data)
        except (RedisError, OSError) as exc:
            raise FanoutDisconnected(f"cannot publish to Redis: {exc}") from exc

    def subscribe(self) -> Subscription:
        return _RedisSubscription(self)

    async def aclose(self) -> None:
        self._closed = True
        await asyncio.gather(
            *(subscription.aclose() for subscription in list(self._subscriptions))
        )
        await self._publisher.aclose()
        await self._listeners.aclose()


class _RedisSubscription(Subscription):
    def __init__(self, fanout: RedisFanout) -> None:
        super().__init__(fanout._queue_size)
        self._fanout = fanout
        self._pubsub: PubSub | None = None
        self._reader: asyncio.Task[None] | None = None

    async def _open(self) -> None:
        if self._fanout._closed:
            raise RuntimeError("the fan-out is closed")
        pubsub = self._fanout._listeners.pubsub()
        try:
            await pubsub.subscribe(self._fanout.channel)
            # Wait for the server's confirmation: from then on every publish reaches us.
            while (await pubsub.get_message(timeout=None) or {}).get("type") != "subscribe":
                pass
        except (RedisError, OSError) as exc:
            await pubsub.aclose()  # type: ignore[no-untyped-call]  # redis-py leaves it untyped
            raise FanoutDisconnected(f"cannot subscribe through Redis: {exc}") from exc
        self._pubsub = pubsub
        self._fanout._subscriptions.add(self)
        self._reader = asyncio.create_task(self._read(pubsub), name="fanout-reader")

    async def _read(self, pubsub: PubSub) -> None:
        try:
            while True:
                message = await pubsub.get_message(timeout=None)
                kind = (message or {}).get("type")
                if kind == "unsubscribe":
                    self._end(None)
                    return
                if kind == "message" and message is not None:
                    self._receive(message["data"])
        except (RedisError, OSError) as exc:
            log.warning("fan-out subscription lost its Redis connection: %s", exc)
            failure = FanoutDisconnected(f"lost the Redis connection: {exc}")
            failure.__cause__ = exc
            self._end(failure)

    def _receive(self, data: bytes) -> None:
        try:
            payload = json.loads(data)
        except ValueError:
            payload = None
        if not isinstance(payload, dict):
            log.warning("ignored a malformed message on %s: %r", self._fanout.channel, data[:100])
            return
        self._deliver(payload)

    async def aclose(self) -> None:
        """Unsubscribe, wait (briefly) for the server to confirm, and drop the connection."""
        self._fanout._subscriptions.discard(self)
        pubsub, reader = self._pubsub, self._reader
        self._pubsub = self._reader = None
        if pubsub is None or reader is None:
            await super().aclose()
            return
        if not reader.done():
            try:
                await pubsub.unsubscribe(self._fanout.channel)
            except (RedisError, OSError):
                reader.cancel()
            else:
                # The reader ends when the confirmation arrives; after that the server
                # sends this connection nothing more.
                await asyncio.wait([reader], timeout=_UNSUBSCRIBE_TIMEOUT)
                reader.cancel()
        await asyncio.wait([reader])
        await pubsub.aclose()  # type: ignore[no-untyped-call]  # redis-py leaves it untyped
        await super().aclose()


def build_fanout(settings: Settings) -> Fanout:
    """Redis pub/sub when ``SABAQ_REDIS_URL`` is set (several processes), else in-process."""
    if settings.redis_url:
        return RedisFanout(settings.redis_url, channel=settings.fanout_channel)
    return InProcessFanout()
