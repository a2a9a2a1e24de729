"""Live fan-out: every subscriber gets every event in order, across processes through Redis,
and a subscriber that can no longer trust its stream is told so instead of missing events.

Redis tests use a real Redis (SABAQ_TEST_REDIS_URL) and a channel of their own; a second
``RedisFanout`` stands for a second chat server process.
"""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from typing import TypeVar
from urllib.parse import urlsplit

import pytest
from redis import Redis as SyncRedis
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from core.config import load_settings
from core.fanout import (
    Fanout,
    FanoutDisconnected,
    FanoutLagged,
    InProcessFanout,
    RedisFanout,
    Subscription,
    build_fanout,
)

REDIS_URL = os.environ.get("SABAQ_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
T = TypeVar("T")
MakeFanout = Callable[..., Fanout]


async def within(awaitable: Awaitable[T]) -> T:
    """Turn a hang (a subscription that never ends) into a failure; never a timing assert."""
    return await asyncio.wait_for(awaitable, timeout=10)


async def take(subscription: Subscription, count: int) -> list[dict[str, object]]:
    return [await within(anext(subscription)) for _ in range(count)]


async def drain(subscription: Subscription) -> list[dict[str, object]]:
    """Everything until the iterator ends."""

    async def collect() -> list[dict[str, object]]:
        return [payload async for payload in subscription]

    return await within(collect())


@pytest.fixture
def redis_url() -> str:
    """Synchronous, so the parametrised ``make_fanout`` can ask for it only when needed."""
    client = SyncRedis.from_url(REDIS_URL)
    try:
        client.ping()
    except (RedisConnectionError, OSError):
        if os.environ.get("SABAQ_REQUIRE_REDIS"):
            pytest.fail(f"Redis is required at {REDIS_URL}")
        pytest.skip(f"no Redis at {REDIS_URL}")
    finally:
        client.close()
    return REDIS_URL


@pytest.fixture
def channel() -> str:
    return f"sabaq:test:{uuid.uuid4().hex}"


@pytest.fixture(params=["in-process", "redis"])
async def make_fanout(request, channel) -> AsyncIterator[MakeFanout]:
    """Fan-outs of one kind that are closed after the test; each Redis one is a "process"."""
    made: list[Fanout] = []
    url = request.getfixturevalue("redis_url") if request.param == "redis" else ""
    shared: list[InProcessFanout] = []

    def make(*, queue_size: int = 10_000) -> Fanout:
        fanout: Fanout
        if url:
            fanout = RedisFanout(url, channel=channel, queue_size=queue_size)
        else:
            fanout = InProcessFanout(queue_size=queue_size)
            shared.append(fanout)
        made.append(fanout)
        return fanout

    yield make
    for fanout in made:
        await fanout.aclose()


async def subscribers_on_channel(channel: str) -> int:
    client = Redis.from_url(REDIS_URL)
    try:
        counts = await client.pubsub_numsub(channel)
    finally:
        await client.aclose()
    return int(counts[0][1])


async def test_every_subscriber_receives_every_event_in_publish_order(make_fanout):
    fanout = make_fanout()
    events = [{"seq": n, "text": f"Сәлем, сабақ {n}", "mentions": [n, n + 1]} for n in range(50)]
    async with fanout.subscribe() as first, fanout.subscribe() as second:
        for event in events:
            await fanout.publish(event)
        assert await take(first, 50) == events
        assert await take(second, 50) == events


async def test_a_second_process_receives_what_the_first_publishes(redis_url, channel, tmp_path):
    settings = load_settings(
        data_dir=tmp_path, redis_url=redis_url, fanout_channel=channel, _env_file=None
    )
    first, second = build_fanout(settings), build_fanout(settings)
    try:
        assert isinstance(first, RedisFanout)
        async with first.subscribe() as here, second.subscribe() as there:
            await first.publish({"type": "message", "id": 1})
            await second.publish({"type": "message", "id": 2})
            assert await take(there, 2) == [
                {"type": "message", "id": 1},
                {"type": "message", "id": 2},
            ]
            assert await take(here, 2) == [
                {"type": "message", "id": 1},
                {"type": "message", "id": 2},
            ]
    finally:
        await first.aclose()
        await second.aclose()


def test_without_redis_the_fan_out_stays_in_the_process(settings):
    assert isinstance(build_fanout(settings), InProcessFanout)


async def test_a_subscriber_that_falls_behind_is_told_to_resync():
    fanout = InProcessFanout(queue_size=3)
    async with fanout.subscribe() as keeping_up, fanout.subscribe() as asleep:
        for n in range(5):
            await fanout.publish({"seq": n})
            assert await take(keeping_up, 1) == [{"seq": n}]
        assert asleep.lagged
        with pytest.raises(FanoutLagged):
            await within(anext(asleep))
        with pytest.raises(FanoutLagged):
            await within(anext(asleep))  # it stays ended; the consumer must resubscribe
        await fanout.publish({"seq": 5})
        assert await take(keeping_up, 1) == [{"seq": 5}]
        assert not keeping_up.lagged


async def test_a_redis_subscriber_that_falls_behind_is_told_to_resync(redis_url, channel):
    fanout = RedisFanout(redis_url, channel=channel, queue_size=2)
    try:
        async with fanout.subscribe() as asleep:
            # The reader keeps taking messages off the socket while nobody consumes them.
            for n in range(50):
                await fanout.publish({"seq": n})
            with pytest.raises(FanoutLagged):
                async for payload in asleep:
                    if payload["seq"] == 49:
                        pytest.fail("all 50 events fitted in a queue of 2")
        async with fanout.subscribe() as fresh:
            await fanout.publish({"seq": 50})
            assert await take(fresh, 1) == [{"seq": 50}]
    finally:
        await fanout.aclose()


async def test_what_json_cannot_carry_is_refused(make_fanout):
    fanout = make_fanout()
    with pytest.raises(TypeError):
        await fanout.publish({"at": datetime.now(UTC)})


async def test_leaving_a_subscription_ends_it_and_the_others_go_on(make_fanout):
    fanout = make_fanout()
    async with fanout.subscribe() as staying:
        async with fanout.subscribe() as leaving:
            await fanout.publish({"seq": 1})
            assert await take(leaving, 1) == [{"seq": 1}]
        assert await drain(leaving) == []
        await fanout.publish({"seq": 2})
        assert await take(staying, 2) == [{"seq": 1}, {"seq": 2}]


async def test_closing_the_fan_out_ends_its_subscriptions(make_fanout):
    fanout = make_fanout()
    async with fanout.subscribe() as subscription:
        waiting = asyncio.create_task(drain(subscription))
        await fanout.aclose()
        assert await within(waiting) == []
        with pytest.raises(RuntimeError):
            await fanout.publish({"seq": 1})
        with pytest.raises(RuntimeError):
            async with fanout.subscribe():
                pass
    await fanout.aclose()  # closing twice is harmless


async def test_redis_forgets_closed_subscriptions(redis_url, channel):
    fanout = RedisFanout(redis_url, channel=channel)
    async with fanout.subscribe(), fanout.subscribe():
        assert await subscribers_on_channel(channel) == 2
        async with fanout.subscribe():
            assert await subscribers_on_channel(channel) == 3
        assert await subscribers_on_channel(channel) == 2
        await fanout.aclose()
        assert await subscribers_on_channel(channel) == 0


class CuttableLink:
    """A TCP relay in front of Redis whose connections a test can cut, as a network would.

    It keeps accepting new connections after a cut, so a client that silently reconnected
    would get through: the test proves the subscription does not.
    """

    def __init__(self, target: str) -> None:
        parts = urlsplit(target)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 6379
        self.path = parts.path
        self.server: asyncio.Server | None = None
        self.writers: set[asyncio.StreamWriter] = set()
        self.relays: set[asyncio.Task[None]] = set()

    async def start(self) -> str:
        self.server = await asyncio.start_server(self._relay, "127.0.0.1", 0)
        port = self.server.sockets[0].getsockname()[1]
        return f"redis://127.0.0.1:{port}{self.path}"

    def cut(self) -> None:
        for writer in self.writers:
            writer.transport.abort()
        self.writers.clear()

    async def aclose(self) -> None:
        self.cut()
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()
        for relay in self.relays:
            relay.cancel()
        await asyncio.gather(*self.relays, return_exceptions=True)

    async def _relay(self, client_in: asyncio.StreamReader, client_out: asyncio.StreamWriter):
        task = asyncio.current_task()
        assert task is not None
        self.relays.add(task)
        server_in, server_out = await asyncio.open_connection(self.host, self.port)
        self.writers |= {client_out, server_out}
        try:
            await asyncio.gather(
                self._pipe(client_in, server_out),
                self._pipe(server_in, client_out),
                return_exceptions=True,
            )
        finally:
            for writer in (client_out, server_out):
                writer.transport.abort()

    @staticmethod
    async def _pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        while data := await source.read(65536):
            sink.write(data)
            await sink.drain()
        sink.transport.abort()


@pytest.fixture
async def link(redis_url) -> AsyncIterator[CuttableLink]:
    relay = CuttableLink(redis_url)
    yield relay
    await relay.aclose()


async def test_a_dropped_redis_connection_ends_the_subscription_with_an_error(link, channel):
    fanout = RedisFanout(await link.start(), channel=channel)
    try:
        async with fanout.subscribe() as subscription:
            await fanout.publish({"seq": 1})
            assert await take(subscription, 1) == [{"seq": 1}]
            link.cut()
            # Publishing reconnects through the link; a subscription that had quietly done
            # the same would now deliver seq 2 as if nothing had been missed.
            await fanout.publish({"seq": 2})
            with pytest.raises(FanoutDisconnected):
                await within(anext(subscription))
        async with fanout.subscribe() as again:
            await fanout.publish({"seq": 3})
            assert await take(again, 1) == [{"seq": 3}]
    finally:
        await fanout.aclose()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_an_unreachable_redis_is_an_error_not_silence(channel):
    fanout = RedisFanout(f"redis://127.0.0.1:{closed_port()}/0", channel=channel)
    try:
        with pytest.raises(FanoutDisconnected):
            async with fanout.subscribe():
                pass
        with pytest.raises(FanoutDisconnected):
            await fanout.publish({"seq": 1})
    finally:
        await fanout.aclose()
