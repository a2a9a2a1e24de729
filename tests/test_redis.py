"""The scale-out path: sign-in limits shared through a real Redis (SABAQ_TEST_REDIS_URL)."""

from __future__ import annotations

import os
import uuid

import pytest
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from core.clock import FrozenClock
from core.config import load_settings
from core.deps import build_deps
from core.errors import AuthenticationFailed, RateLimited
from core.models.people import Role
from core.services.accounts import authenticate
from tests.factories import make_member, make_organisation

REDIS_URL = os.environ.get("SABAQ_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
async def redis_url() -> str:
    client = Redis.from_url(REDIS_URL)
    try:
        await client.ping()
    except (RedisConnectionError, OSError):
        if os.environ.get("SABAQ_REQUIRE_REDIS"):
            pytest.fail(f"Redis is required at {REDIS_URL}")
        pytest.skip(f"no Redis at {REDIS_URL}")
    finally:
        await client.aclose()
    return REDIS_URL


async def test_two_processes_share_the_sign_in_limit_through_redis(deps, redis_url, tmp_path):
    """Attempts against one process count in another: a guesser cannot spread them out."""
    settings = load_settings(data_dir=tmp_path, redis_url=redis_url, _env_file=None)
    first, second = (
        build_deps(settings, clock=FrozenClock()),
        build_deps(settings, clock=FrozenClock()),
    )
    system = await make_organisation(deps)
    login = f"admin-{uuid.uuid4().hex[:8]}@example.kz"
    await make_member(deps, system, Role.ADMIN, login=login)
    try:
        for attempt in range(settings.login_attempts_per_minute):
            process = first if attempt % 2 else second
            with pytest.raises(AuthenticationFailed):
                await authenticate(
                    process, login=login, password="guess", client=f"10.0.0.{attempt}"
                )
        with pytest.raises(RateLimited):
            await authenticate(first, login=login, password="correct horse", client="10.0.0.99")
    finally:
        await first.aclose()
        await second.aclose()
