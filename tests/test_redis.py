"""The scale-out path: sign-in limits shared through a real Redis (SABAQ_TEST_REDIS_URL)."""

from __future__ import annotations

import os
import uuid

import pytest
from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.redis import RedisStorage
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from bots.runner import build_storage
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


async def test_the_complaints_bots_drafts_in_redis_name_no_telegram_id_and_expire(
    redis_url, tmp_path
):
    """A half-written complaint must not tie a Telegram id to its text in Redis."""
    settings = load_settings(data_dir=tmp_path, redis_url=redis_url, _env_file=None)
    storage = build_storage(settings, prefix=f"test-fsm-{uuid.uuid4().hex[:8]}", anonymous=True)
    assert isinstance(storage, RedisStorage)
    chat = 712_345_678
    key = StorageKey(bot_id=1000002, chat_id=chat, user_id=chat)
    try:
        await storage.set_state(key, "Filing:text")
        await storage.set_data(key, {"cp_text": "Мені сыныптастарым қорлайды"})
        assert await storage.get_data(key) == {"cp_text": "Мені сыныптастарым қорлайды"}
        other = StorageKey(bot_id=1000002, chat_id=chat + 1, user_id=chat + 1)
        assert await storage.get_data(other) == {}
        names = [
            name.decode() for name in await storage.redis.keys(f"{storage.key_builder.prefix}:*")
        ]
        assert len(names) == 2
        assert not any(str(chat) in name for name in names)
        assert all(0 < ttl <= 6 * 3600 for ttl in [await storage.redis.ttl(n) for n in names])
    finally:
        await storage.redis.delete(*await storage.redis.keys(f"{storage.key_builder.prefix}:*"))
        await storage.close()
