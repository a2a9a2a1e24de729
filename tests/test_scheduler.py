"""sabaq.scheduler (issue 5): the leader lock on a real Redis and the jobs' wiring — the
reminder job acts only in the process that leads. Jobs are called directly, never waited for.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta

import pytest
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from core.clock import FrozenClock
from core.deps import Deps
from core.models.notifications import OutboxMessage
from core.models.testing import Attempt
from core.services.testing import start_attempt
from sabaq.scheduler import LEADER_KEY, Alone, LeaderLock, Scheduler, running_scheduler
from tests.test_reminders import add_lesson, make_centre
from tests.testing_factories import make_published_test, make_test_centre

REDIS_URL = os.environ.get("SABAQ_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
async def redis() -> AsyncIterator[Redis]:
    client = Redis.from_url(REDIS_URL)
    try:
        await client.ping()
    except (RedisConnectionError, OSError):
        await client.aclose()
        if os.environ.get("SABAQ_REQUIRE_REDIS"):
            pytest.fail(f"Redis is required at {REDIS_URL}")
        pytest.skip(f"no Redis at {REDIS_URL}")
    try:
        yield client
    finally:
        await client.aclose()


@pytest.fixture
def key() -> str:
    return f"sabaq-test-leader-{uuid.uuid4().hex[:12]}"


class Follower:
    """A leadership that never leads (another process holds the lock)."""

    leading = False

    async def refresh(self) -> bool:
        return False

    async def release(self) -> None:
        return None


async def test_only_one_of_two_locks_leads_and_the_other_takes_over_after_release(
    redis: Redis, key: str
):
    first, second = LeaderLock(redis, key=key), LeaderLock(redis, key=key)

    assert await first.refresh() is True
    assert await second.refresh() is False
    assert (first.leading, second.leading) == (True, False)
    assert await first.refresh() is True  # renewing keeps the lead
    assert 0 < await redis.pttl(key) <= first.lease_ms

    await first.release()
    assert await redis.exists(key) == 0
    assert await second.refresh() is True
    assert (first.leading, second.leading) == (False, True)
    assert await first.refresh() is False
    await second.release()


async def test_a_holder_whose_lock_expired_and_was_taken_over_learns_it_lost(
    redis: Redis, key: str
):
    holder, other = LeaderLock(redis, key=key), LeaderLock(redis, key=key)
    assert await holder.refresh()
    await redis.delete(key)  # the lease ran out (e.g. the holder was paused)

    assert await other.refresh() is True
    assert await holder.refresh() is False
    assert holder.leading is False

    # Releasing never frees a lock someone else holds.
    await holder.release()
    assert await redis.get(key) == other.token.encode()
    await other.release()


async def test_a_holder_that_cannot_renew_stops_leading_when_its_lease_runs_out(
    redis: Redis, key: str
):
    now = [100.0]
    lock = LeaderLock(redis, key=key, lease_seconds=30, monotonic=lambda: now[0])
    assert await lock.refresh()

    now[0] += 29
    assert lock.leading is True
    now[0] += 1
    assert lock.leading is False
    await lock.release()


async def test_without_a_reachable_redis_nobody_leads():
    unreachable = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=1)
    try:
        lock = LeaderLock(unreachable, key="sabaq-test-nowhere")
        assert await lock.refresh() is False
        assert lock.leading is False
    finally:
        await unreachable.aclose()


async def test_the_reminder_job_is_scheduled_every_minute_next_to_the_backup(deps: Deps):
    components: dict[str, str] = {}
    async with running_scheduler(deps, components) as scheduler:
        assert components["scheduler"] == "running"
        assert isinstance(scheduler.leadership, Alone)
        job = scheduler.apscheduler.get_job("reminders")
        assert job.func == scheduler.remind
        assert (job.max_instances, job.coalesce) == (1, True)
        assert job.misfire_grace_time > 0
        assert job.next_run_time.second == 0
        assert scheduler.apscheduler.get_job("daily-backup") is not None
        assert scheduler.apscheduler.get_job("leader-lock") is None
    assert components["scheduler"] == "stopped"


async def test_the_reminder_job_acts_only_while_leading(deps: Deps, clock: FrozenClock):
    centre = await make_centre(deps)
    starts = clock.now() + timedelta(minutes=30)
    await add_lesson(deps, centre, starts)
    components: dict[str, str] = {}

    follower = Scheduler(deps, Follower(), components)
    assert await follower.remind() is None
    assert await OutboxMessage.all().count() == 0
    assert "reminders" not in components

    leader = Scheduler(deps, Alone(), components)
    report = await leader.remind()
    assert report is not None
    assert report.reminders == 3
    assert components["reminders"] == "ok"


async def test_the_classroom_job_finishes_tests_whose_time_ran_out(deps: Deps, clock: FrozenClock):
    tc = await make_test_centre(deps)
    student = tc.centre.students[0]
    test_id = await make_published_test(deps, tc, questions=("single",), time_limit_minutes=10)
    state = await start_attempt(deps, student, test_id=test_id)
    clock.advance(timedelta(minutes=11))

    assert await Scheduler(deps, Follower(), {}).classroom() is None
    assert (await Attempt.get(id=state.attempt_id)).finished_at is None
    await Scheduler(deps, Alone(), {}).classroom()
    attempt = await Attempt.get(id=state.attempt_id)
    assert (attempt.finished_at, attempt.timed_out) == (clock.now(), True)


async def test_two_processes_on_redis_one_acts_and_the_other_takes_over_when_it_stops(
    deps: Deps, clock: FrozenClock, redis: Redis, key: str
):
    centre = await make_centre(deps)
    await add_lesson(deps, centre, clock.now() + timedelta(minutes=30))
    later = await add_lesson(deps, centre, clock.now() + timedelta(hours=3))
    first = Scheduler(deps, LeaderLock(redis, key=key), {})
    second = Scheduler(deps, LeaderLock(redis, key=key), {})
    assert await first.keep_leadership() is True
    assert await second.keep_leadership() is False

    assert await second.remind() is None
    assert (await first.remind()).reminders == 3  # type: ignore[union-attr]

    await first.leadership.release()  # the first process shuts down
    assert await second.keep_leadership() is True
    assert await first.remind() is None
    clock.advance(timedelta(hours=2))
    assert (await second.remind()).reminders == 3  # type: ignore[union-attr]
    assert await OutboxMessage.filter(dedupe_key__startswith=f"lesson:{later}:").count() == 3
    await second.leadership.release()


async def test_a_process_that_loses_the_lock_stops_acting(
    deps: Deps, clock: FrozenClock, redis: Redis, key: str
):
    centre = await make_centre(deps)
    await add_lesson(deps, centre, clock.now() + timedelta(minutes=30))
    scheduler = Scheduler(deps, LeaderLock(redis, key=key), {})
    assert await scheduler.keep_leadership()
    await redis.set(key, "another-process", px=30_000)

    assert await scheduler.keep_leadership() is False
    assert await scheduler.remind() is None
    assert await OutboxMessage.all().count() == 0
    await redis.delete(key)


async def test_with_redis_the_scheduler_leads_through_the_lock_and_frees_it_on_stop(
    deps: Deps, redis: Redis
):
    if await redis.exists(LEADER_KEY):
        pytest.skip("another scheduler holds the shared test lock")
    settings = deps.settings.model_copy(update={"redis_url": REDIS_URL})
    process = replace(deps, settings=settings)
    async with running_scheduler(process, {}) as scheduler:
        assert isinstance(scheduler.leadership, LeaderLock)
        assert scheduler.leadership.leading
        assert await redis.get(LEADER_KEY) == scheduler.leadership.token.encode()
        assert scheduler.apscheduler.get_job("leader-lock") is not None
    assert await redis.exists(LEADER_KEY) == 0
