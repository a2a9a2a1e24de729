"""Telegram delivery end to end: outbox → DeliveryWorker → aiogram → the Bot API emulator.

Issue 3: a blocked user is marked unreachable; a forced 429 is retried and delivered once;
nothing is sent twice, nothing is lost across a restart; a 4,097-character text arrives.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from bots.delivery import TEXT_LIMIT, DeliveryWorker, Sender, SendStatus, split_text
from bots.testing.emulator import BotAPIEmulator
from core.i18n import N_
from core.models.notifications import OutboxMessage, OutboxStatus
from core.models.people import Account
from core.services.outbox import claim_due
from tests.factories import make_organisation
from tests.test_outbox import enqueue, linked_person

TOKEN = "123456:TEST-sabaq-main"
KAZAKH = "«Математика 7А» атты топ бұрыннан бар."


@pytest.fixture
async def emulator() -> AsyncIterator[BotAPIEmulator]:
    emulator = BotAPIEmulator(rate_limits=True, per_bot_per_second=30, per_chat_per_second=1)
    await emulator.start()
    emulator.add_bot(token=TOKEN, username="sabaq_test_bot", first_name="Sabaq")
    yield emulator
    await emulator.close()


@pytest.fixture
async def bot(emulator) -> AsyncIterator[Bot]:
    session = AiohttpSession(api=TelegramAPIServer.from_base(emulator.base_url, is_local=False))
    bot = Bot(TOKEN, session=session)
    yield bot
    await bot.session.close()


@pytest.fixture
def sender(bot) -> Sender:
    return Sender(bot, request_timeout=2)


@pytest.fixture
def worker(deps, sender) -> DeliveryWorker:
    return DeliveryWorker(deps, sender, lease_seconds=60)


async def telegram_user(deps, emulator, *, language: str | None = "kk") -> tuple[int, int]:
    """A Telegram user of the emulator linked to a new person; returns (person id, chat id)."""
    system = await make_organisation(deps)
    user = emulator.add_user(first_name="Әсел", language_code=language)
    person = await linked_person(deps, system, telegram_user_id=user["id"], language=language)
    return person, user["id"]


def texts(emulator, chat_id: int) -> list[str]:
    return [message["text"] for message in emulator.sent(TOKEN, chat_id)]


def statuses(emulator) -> list[int]:
    return [call.status for call in emulator.calls_of("sendMessage", token=TOKEN)]


async def test_a_notification_is_delivered_once_in_the_persons_language(deps, emulator, worker):
    person, chat = await telegram_user(deps, emulator, language="kk")
    outbox_id = await enqueue(deps, person)

    stats = await worker.run_once()

    assert (stats.claimed, stats.sent) == (1, 1)
    assert texts(emulator, chat) == [KAZAKH]
    row = await OutboxMessage.get(id=outbox_id)
    message_id = emulator.sent(TOKEN, chat)[0]["message_id"]
    assert (row.status, row.external_id) == (OutboxStatus.SENT, str(message_id))
    assert (await worker.run_once()).claimed == 0
    assert texts(emulator, chat) == [KAZAKH]


async def test_buttons_arrive_as_an_inline_keyboard_in_the_recipients_language(
    deps, emulator, worker
):
    person, chat = await telegram_user(deps, emulator, language="kk")
    rows = [[(N_("Yes"), "vote:1"), (N_("No"), "vote:0")], [(N_("Cancel"), "vote:cancel")]]
    await enqueue(deps, person, buttons=rows)

    assert (await worker.run_once()).sent == 1

    (message,) = emulator.sent(TOKEN, chat)
    assert message["text"] == KAZAKH
    keyboard = message["reply_markup"]["inline_keyboard"]
    assert [[(b["text"], b["callback_data"]) for b in row] for row in keyboard] == [
        [("Иә", "vote:1"), ("Жоқ", "vote:0")],
        [("Болдырмау", "vote:cancel")],
    ]


async def test_a_user_who_blocked_the_bot_is_marked_unreachable(deps, clock, emulator, worker):
    person, chat = await telegram_user(deps, emulator)
    emulator.block(TOKEN, chat)
    outbox_id = await enqueue(deps, person)

    stats = await worker.run_once()

    assert stats.unreachable == 1
    assert texts(emulator, chat) == []
    row = await OutboxMessage.get(id=outbox_id)
    assert row.status == OutboxStatus.UNREACHABLE
    assert "blocked" in row.last_error
    assert (await Account.get(person_id=person)).telegram_blocked_at == clock.now()

    # Later messages are not even tried: Telegram already said no.
    later = await enqueue(deps, person)
    await worker.run_once()
    assert await OutboxMessage.get(id=later).values_list("status", flat=True) == "unreachable"
    assert statuses(emulator) == [403]


async def test_a_forced_429_is_waited_out_and_delivered_exactly_once(deps, emulator, worker):
    person, chat = await telegram_user(deps, emulator)
    outbox_id = await enqueue(deps, person)
    emulator.fail_next(TOKEN, "sendMessage", status=429, retry_after=1)

    stats = await worker.run_once()

    assert statuses(emulator) == [429, 200]
    assert texts(emulator, chat) == [KAZAKH]
    assert stats.sent == 1
    assert worker.sender.stats.retry_after_received == 1
    assert await OutboxMessage.get(id=outbox_id).values_list("status", flat=True) == "sent"


async def test_a_server_error_is_retried_later_and_delivered_once(deps, clock, emulator, worker):
    person, chat = await telegram_user(deps, emulator)
    outbox_id = await enqueue(deps, person)
    emulator.fail_next(TOKEN, "sendMessage", status=500)

    assert (await worker.run_once()).retried == 1
    row = await OutboxMessage.get(id=outbox_id)
    assert (row.status, row.attempts) == (OutboxStatus.PENDING, 1)
    assert row.available_at == clock.now() + timedelta(seconds=1)
    assert (await worker.run_once()).claimed == 0  # not before the back-off
    assert texts(emulator, chat) == []

    clock.advance(timedelta(seconds=1))
    assert (await worker.run_once()).sent == 1
    assert texts(emulator, chat) == [KAZAKH]
    assert statuses(emulator) == [500, 200]


async def test_a_request_that_times_out_is_retried(deps, clock, emulator, worker):
    person, chat = await telegram_user(deps, emulator)
    await enqueue(deps, person)
    emulator.timeout_next(TOKEN, "sendMessage")

    assert (await worker.run_once()).retried == 1
    clock.advance(timedelta(seconds=1))
    assert (await worker.run_once()).sent == 1
    assert texts(emulator, chat) == [KAZAKH]


async def test_a_bad_request_fails_at_once_and_is_never_retried(deps, clock, emulator, worker):
    system = await make_organisation(deps)
    person = await linked_person(deps, system, telegram_user_id=555_000_111)  # no such chat
    outbox_id = await enqueue(deps, person)

    assert (await worker.run_once()).failed == 1
    clock.advance(timedelta(hours=1))
    assert (await worker.run_once()).claimed == 0
    row = await OutboxMessage.get(id=outbox_id)
    assert row.status == OutboxStatus.FAILED
    assert "chat not found" in row.last_error
    assert statuses(emulator) == [400]


async def test_a_4097_character_text_arrives_whole_in_two_messages(deps, emulator, worker):
    person, chat = await telegram_user(deps, emulator)
    line = "Сабақ кестесі өзгерді: дүйсенбі 9:00, бейсенбі 15:30. Үй тапсырмасы — §12."
    lines = [f"{n:03d} {line}" for n in range(60)]
    text = "\n".join(lines)[:4097]
    assert len(text) == TEXT_LIMIT + 1
    outbox_id = await enqueue(deps, person, message=text, params=None, translate=False)

    assert (await worker.run_once()).sent == 1

    received = texts(emulator, chat)
    assert len(received) == 2
    assert "\n".join(received) == text
    ids = [str(message["message_id"]) for message in emulator.sent(TOKEN, chat)]
    assert await OutboxMessage.get(id=outbox_id).values_list("external_id", flat=True) == (
        ",".join(ids)
    )


async def test_after_a_crash_the_message_is_delivered_once_when_the_lease_ends(
    deps, clock, emulator, sender
):
    person, chat = await telegram_user(deps, emulator)
    outbox_id = await enqueue(deps, person)
    # A worker claims the message and dies before sending it.
    (claimed,) = await claim_due(deps, bot="main", limit=10, lease_seconds=60)

    restarted = DeliveryWorker(deps, sender, lease_seconds=60)
    assert (await restarted.run_once()).claimed == 0  # the dead worker's lease still holds
    clock.advance(timedelta(seconds=61))
    assert (await restarted.run_once()).sent == 1

    assert texts(emulator, chat) == [KAZAKH]
    row = await OutboxMessage.get(id=outbox_id)
    assert (row.status, row.attempts) == (OutboxStatus.SENT, claimed.attempts + 1)


async def test_a_stopped_worker_hands_back_what_it_did_not_send_and_order_is_kept(
    deps, emulator, sender
):
    person, chat = await telegram_user(deps, emulator)
    for n in range(1, 4):
        await enqueue(deps, person, message=f"Хабарлама {n}", params=None, translate=False)
    worker = DeliveryWorker(deps, sender)
    stop = asyncio.Event()
    running = asyncio.create_task(worker.run_forever(stop))

    await emulator.wait_sent(TOKEN, chat, count=1)  # one chat: a message a second
    stop.set()
    await running

    pending = await OutboxMessage.filter(status=OutboxStatus.PENDING).values_list(
        "attempts", flat=True
    )
    assert len(pending) == 3 - len(texts(emulator, chat))
    assert set(pending) <= {0}  # handed back without costing an attempt
    await DeliveryWorker(deps, sender).run_once()
    assert texts(emulator, chat) == ["Хабарлама 1", "Хабарлама 2", "Хабарлама 3"]
    assert set(statuses(emulator)) == {200}  # paced under the per-chat limit: no 429


async def test_a_cancelled_worker_leaves_nothing_lost(deps, clock, emulator, sender):
    person, chat = await telegram_user(deps, emulator)
    for n in range(1, 4):
        await enqueue(deps, person, message=f"Хабарлама {n}", params=None, translate=False)
    running = asyncio.create_task(DeliveryWorker(deps, sender).run_forever(asyncio.Event()))
    await emulator.wait_sent(TOKEN, chat, count=1)
    running.cancel()
    with pytest.raises(asyncio.CancelledError):
        await running

    clock.advance(timedelta(seconds=61))  # in case a claim could not be handed back
    await DeliveryWorker(deps, sender).run_once()
    assert texts(emulator, chat) == ["Хабарлама 1", "Хабарлама 2", "Хабарлама 3"]


async def test_handler_replies_go_through_the_same_limits(emulator, bot, sender):
    user = emulator.add_user(first_name="Нұрлан")
    emulator.fail_next(TOKEN, "sendMessage", status=429, retry_after=1)

    message = await bot.send_message(user["id"], "Сәлем!")  # what a handler's answer does

    assert message.text == "Сәлем!"
    assert statuses(emulator) == [429, 200]
    result = await sender.send_text(user["id"], "Тағы сәлем!")
    assert result.status is SendStatus.SENT
    assert statuses(emulator) == [429, 200, 200]


async def test_a_flood_wait_longer_than_the_lease_allows_is_left_to_the_outbox(
    deps, clock, emulator, sender
):
    person, chat = await telegram_user(deps, emulator)
    outbox_id = await enqueue(deps, person)
    emulator.fail_next(TOKEN, "sendMessage", status=429, retry_after=30)
    worker = DeliveryWorker(deps, sender, lease_seconds=20)

    assert (await worker.run_once()).retried == 1  # at once, not after 30 seconds

    row = await OutboxMessage.get(id=outbox_id)
    assert row.status == OutboxStatus.PENDING
    assert row.available_at == clock.now() + timedelta(seconds=30)
    assert statuses(emulator) == [429]
    assert texts(emulator, chat) == []


async def test_a_bot_has_one_sender(bot, sender):
    with pytest.raises(ValueError, match="Sender already"):
        Sender(bot)


def test_long_texts_split_on_paragraphs_then_lines_then_words():
    paragraph = "Ә" * 3000
    assert split_text(f"{paragraph}\n\n{paragraph}") == [paragraph, paragraph]
    lines = "\n".join(["ң" * 99] * 50)
    parts = split_text(lines)
    assert [len(p) for p in parts] == [3999, 999]
    assert "\n".join(parts) == lines
    words = " ".join(["сөз"] * 2000)
    assert " ".join(split_text(words)) == words
    solid = "x" * 9000
    assert split_text(solid) == ["x" * 4096, "x" * 4096, "x" * 808]
    emoji = "🙂" * 3000  # two UTF-16 units each: Telegram counts those
    assert [len(p) for p in split_text(emoji)] == [2048, 952]
    assert split_text("short") == ["short"]
    assert split_text("") == [""]
