"""'My salary' in the main bot through the Bot API emulator (issue 6): a teacher sees that
there is no statement yet, gets the approved one in Telegram, and finds it in the menu.
Memory FSM storage only: the handler keeps no state."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiogram.fsm.storage.memory import MemoryStorage

from bots.delivery import DeliveryWorker, Sender
from bots.routers.salary import NO_STATEMENT
from bots.testing.emulator import BotAPIEmulator
from bots.texts import Translator
from core.clock import FrozenClock
from core.deps import Deps
from core.i18n import N_
from core.money import format_amount
from core.services.salaries import (
    approve_payroll,
    compute_payroll,
    statement_text,
    teacher_statement,
)
from tests.bots import BotHarness, link_person, running_bot
from tests.test_salaries import SEPTEMBER, september

en = Translator("en")


@pytest.fixture
async def bot(deps: Deps, emulator: BotAPIEmulator) -> AsyncIterator[BotHarness]:
    async with running_bot(deps, emulator, MemoryStorage()) as harness:
        yield harness


async def test_a_teacher_sees_no_statement_then_gets_the_approved_one(
    deps: Deps, clock: FrozenClock, bot: BotHarness
):
    month = await september(deps, clock)
    centre = month.centre
    user = bot.add_user(language_code="en")
    welcome = await link_person(bot, deps, centre.admin, centre.teacher.person_id or 0, user)
    await bot.press(user, welcome, "lang:en", expect=1)

    (answer,) = await bot.send(user, en(N_("My salary")))
    assert answer["text"] == en(NO_STATEMENT)

    await compute_payroll(deps, centre.admin, month=SEPTEMBER)
    await approve_payroll(deps, centre.admin, month=SEPTEMBER)
    sender = Sender(bot.bot, per_second=1000, private_interval=0, group_interval=0)
    try:
        await DeliveryWorker(deps, sender, lease_seconds=60).run_once()
    finally:
        sender.uninstall()
    texts = [message["text"] for message in bot.sent(user)]
    (told,) = [text for text in texts if text.startswith("Your salary for 09.2026 is approved.")]
    # 3 000 ₸ × 2 lessons + 200 ₸ × 3 students + 10% of 5 333.35 ₸ of revenue.
    assert told.splitlines()[-1] == "Total: " + format_amount(713_334, "KZT", "en")

    (answer,) = await bot.send(user, en(N_("My salary")))
    statement = await teacher_statement(centre.teacher)
    assert statement is not None
    assert answer["text"] == statement_text(statement, "en")
    assert answer["text"].splitlines()[0] == "Salary for 09.2026: Ахметов Ерлан"
    # The statement told in Telegram and the one in the menu say the same.
    assert told.splitlines()[1:] == answer["text"].splitlines()[1:]
