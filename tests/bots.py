"""Driving real aiogram bots through the Bot API emulator in tests (a pytest plugin).

Fixtures: ``emulator`` (started, rate limits off), ``fsm_storage`` (memory and Redis, so every
test using it runs with both), ``main_bot`` (the main bot's dispatcher polling the emulator).
``running_bot`` starts any bot with other options; ``BotHarness`` plays the user's side and
waits for the bot's answers (never by sleeping).

Test modules import helpers from here before pytest registers it as a plugin, so it is
not assertion-rewritten (it asserts nothing): PYTEST_DONT_REWRITE.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from typing import Any

import pytest
from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.fsm.storage.redis import RedisStorage
from limits import RateLimitItem, RateLimitItemPerSecond
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from bots.app import BotKind, build_dispatcher
from bots.testing.emulator import BotAPIEmulator
from core.actor import Actor
from core.deps import Deps
from core.services.academics import enrol_student
from core.services.accounts import create_invitation
from core.services.people import PersonData, Role, create_person, link_parent
from tests.conftest import BACKEND
from tests.factories import make_group, make_member, make_organisation, make_student

REDIS_URL = os.environ.get("SABAQ_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
TOKENS: dict[BotKind, str] = {
    "main": "1000001:main-test-token",
    "complaints": "1000002:complaints-test-token",
    "career": "1000003:career-test-token",
}

#: The flood limit in tests: far above what a test sends (the flood test sets its own).
FAST_TESTS = RateLimitItemPerSecond(1000)

JSON = dict[str, Any]


@dataclass
class BotHarness:
    """One running bot and the users' side of it."""

    emulator: BotAPIEmulator
    token: str
    bot: Bot
    dispatcher: Dispatcher

    def add_user(self, first_name: str = "Сәуле", *, language_code: str | None = "ru") -> int:
        return int(self.emulator.add_user(first_name, language_code=language_code)["id"])

    def sent(self, user_id: int) -> list[JSON]:
        return self.emulator.sent(self.token, user_id)

    async def send(self, user_id: int, text: str, *, expect: int = 1) -> list[JSON]:
        """The user types ``text``; returns the ``expect`` messages the bot sent back."""
        before = len(self.sent(user_id))
        await self.emulator.user_sends(self.token, user_id, text)
        messages = await self.emulator.wait_sent(self.token, user_id, count=before + expect)
        return messages[before:]

    async def press(
        self, user_id: int, message: JSON, data: str, *, expect: int = 0, edits: int = 0
    ) -> tuple[JSON, list[JSON]]:
        """The user presses a button with ``data`` under ``message``.

        Returns the callback answer and the ``expect`` new messages the bot sent, after
        waiting for ``edits`` message edits too.
        """
        before = len(self.sent(user_id))
        answered = len(self.emulator.answered_callbacks(self.token))
        edited = len(self.emulator.calls_of("editMessageText", token=self.token))
        query_id = await self.emulator.user_presses(
            self.token, user_id, message["message_id"], data
        )
        await self.emulator.wait_calls("answerCallbackQuery", answered + 1, token=self.token)
        answer = next(
            a for a in self.emulator.answered_callbacks(self.token) if a["id"] == query_id
        )
        await self.emulator.wait_calls("editMessageText", edited + edits, token=self.token)
        messages = await self.emulator.wait_sent(self.token, user_id, count=before + expect)
        return answer, messages[before:]

    async def settle(self) -> None:
        """Wait until the bot has handled every update sent so far.

        Updates are handled one at a time, and the next ``getUpdates`` confirms the ones
        before it, so nothing pending means everything was handled.
        """
        while self.emulator.pending_updates(self.token):
            polls = len(self.emulator.calls_of("getUpdates", token=self.token))
            await self.emulator.wait_calls("getUpdates", polls + 1, token=self.token)

    def message(self, user_id: int, message_id: int) -> JSON:
        """A message the bot sent, as it is now (edits applied)."""
        return next(m for m in self.sent(user_id) if m["message_id"] == message_id)


def buttons(message: JSON) -> list[tuple[str, str]]:
    """(text, callback_data) of a message's inline keyboard."""
    markup = message.get("reply_markup") or {}
    return [
        (button["text"], button.get("callback_data", ""))
        for row in markup.get("inline_keyboard", [])
        for button in row
    ]


def menu_labels(message: JSON) -> list[str]:
    """The texts of a message's reply keyboard (the main menu)."""
    markup = message.get("reply_markup") or {}
    return [button["text"] for row in markup.get("keyboard", []) for button in row]


@asynccontextmanager
async def running_bot(
    deps: Deps,
    emulator: BotAPIEmulator,
    storage: BaseStorage,
    *,
    kind: BotKind = "main",
    flood_rate: RateLimitItem | None = None,
    extra_routers: Sequence[Router] = (),
) -> AsyncIterator[BotHarness]:
    """A dispatcher polling the emulator; updates are handled one at a time, in order."""
    token = TOKENS[kind]
    emulator.add_bot(token, username=f"sabaq_{kind}_test_bot", first_name="Sabaq")
    session = AiohttpSession(api=TelegramAPIServer.from_base(emulator.base_url, is_local=False))
    bot = Bot(token, session=session)
    dp = build_dispatcher(
        deps,
        kind=kind,
        storage=storage,
        flood_rate=flood_rate or FAST_TESTS,
        extra_routers=extra_routers,
    )
    started = len(emulator.calls_of("getMe", token=token))
    task = asyncio.create_task(
        dp.start_polling(bot, handle_signals=False, polling_timeout=1, handle_as_tasks=False)
    )
    try:
        # Polling asks getMe once it has started (so stop_polling below can stop it).
        await emulator.wait_calls("getMe", started + 1, token=token)
        yield BotHarness(emulator=emulator, token=token, bot=bot, dispatcher=dp)
    finally:
        with suppress(RuntimeError):  # polling ended already (it failed: the task says why)
            await dp.stop_polling()
        await task
        await bot.session.close()


@pytest.fixture
async def emulator() -> AsyncIterator[BotAPIEmulator]:
    emulated = BotAPIEmulator(rate_limits=False)
    await emulated.start()
    try:
        yield emulated
    finally:
        await emulated.close()


async def _redis_storage() -> RedisStorage:
    client = Redis.from_url(REDIS_URL)
    try:
        await client.ping()
    except (RedisConnectionError, OSError):
        if os.environ.get("SABAQ_REQUIRE_REDIS"):
            pytest.fail(f"Redis is required at {REDIS_URL}")
        pytest.skip(f"no Redis at {REDIS_URL}")
    finally:
        await client.aclose()
    prefix = f"sabaq-test-fsm-{uuid.uuid4().hex[:12]}"
    return RedisStorage.from_url(
        REDIS_URL, key_builder=DefaultKeyBuilder(prefix=prefix, with_bot_id=True)
    )


#: Each database pass tests its deployment: the embedded default keeps the bots' state in
#: memory, the scale-out path (PostgreSQL) in Redis.
FSM_STORAGES = ["redis"] if BACKEND == "postgres" else ["memory"]


@pytest.fixture(params=FSM_STORAGES)
async def fsm_storage(request: pytest.FixtureRequest) -> AsyncIterator[BaseStorage]:
    if request.param == "memory":
        storage: BaseStorage = MemoryStorage()
        yield storage
        await storage.close()
        return
    redis_storage = await _redis_storage()
    try:
        yield redis_storage
    finally:
        prefix = redis_storage.key_builder.prefix  # type: ignore[attr-defined]
        keys = [key async for key in redis_storage.redis.scan_iter(match=f"{prefix}:*")]
        if keys:
            await redis_storage.redis.delete(*keys)
        await redis_storage.close()


@pytest.fixture
async def main_bot(
    deps: Deps, emulator: BotAPIEmulator, fsm_storage: BaseStorage
) -> AsyncIterator[BotHarness]:
    # Tests type faster than people do: only a test about floods keeps the real limit.
    async with running_bot(deps, emulator, fsm_storage, flood_rate=FAST_TESTS) as harness:
        yield harness


@pytest.fixture
async def career_bot(
    deps: Deps, emulator: BotAPIEmulator, fsm_storage: BaseStorage
) -> AsyncIterator[BotHarness]:
    async with running_bot(deps, emulator, fsm_storage, kind="career") as harness:
        yield harness
        await harness.settle()


# ------------------------------------------------------------------------ people to link


@dataclass(frozen=True)
class Family:
    """A learning centre with an admin, a parent of two children, one child in a group."""

    admin: Actor
    parent_id: int
    first_child: int
    second_child: int
    group_id: int


async def make_family(deps: Deps) -> Family:
    system = await make_organisation(deps, name="Білім орталығы")
    admin = await make_member(deps, system, Role.ADMIN, login=f"admin-{uuid.uuid4().hex[:6]}@kz")
    first = await make_student(deps, admin, "Омарова", "Айгерім")
    second = await make_student(deps, admin, "Омаров", "Нұрлан")
    parent = await create_person(
        deps,
        admin,
        data=PersonData(last_name="Омарова", first_name="Сәуле"),
        roles=(Role.PARENT,),
        parent_of=first,
    )
    await link_parent(deps, admin, parent_id=parent.id, child_id=second)
    group = await make_group(deps, admin, name="Математика 7А")
    await enrol_student(deps, admin, group_id=group, student_id=first)
    return Family(admin, parent.id, first, second, group)


async def invitation_code(deps: Deps, admin: Actor, person_id: int) -> str:
    return (await create_invitation(deps, admin, person_id=person_id)).code


async def link_person(
    harness: BotHarness, deps: Deps, admin: Actor, person_id: int, user_id: int
) -> JSON:
    """The user opens a fresh invitation link for the person; returns the bot's welcome."""
    code = await invitation_code(deps, admin, person_id)
    (welcome,) = await harness.send(user_id, f"/start {code}")
    return welcome
