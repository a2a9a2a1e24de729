"""Telegram Payments in the Bot API emulator: sendInvoice checked like Telegram, and a user
paying (pre-checkout query → the bot's answer → successful_payment), read by aiogram and by
python-telegram-bot."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import telegram
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, LabeledPrice, Update

from bots.testing.emulator import (
    PAYLOAD_INVALID,
    PROVIDER_INVALID,
    QUERY_INVALID,
    TOTAL_INVALID,
    BotAPIEmulator,
    PaymentAttempt,
)

TOKEN = "123456:PAY-test_token"
PROVIDER = "284685063:TEST:emulated"


@pytest.fixture
async def emulator() -> AsyncIterator[BotAPIEmulator]:
    emulator = BotAPIEmulator(rate_limits=False)
    emulator.add_bot(TOKEN, "sabaq_pay_bot", "Sabaq")
    await emulator.start()
    yield emulator
    await emulator.close()


@pytest.fixture
async def bot(emulator: BotAPIEmulator) -> AsyncIterator[Bot]:
    session = AiohttpSession(api=TelegramAPIServer.from_base(emulator.base_url))
    bot = Bot(TOKEN, session=session)
    yield bot
    await bot.session.close()


@pytest.fixture
def user(emulator: BotAPIEmulator) -> dict[str, Any]:
    return emulator.add_user(first_name="Сәуле", language_code="kk")


async def send_invoice(bot: Bot, chat_id: int, **overrides: Any) -> int:
    params: dict[str, Any] = {
        "chat_id": chat_id,
        "title": "Сабақтар үшін төлем",
        "description": "Айгерімнің сабақтары",
        "payload": "invoice-42",
        "provider_token": PROVIDER,
        "currency": "KZT",
        "prices": [LabeledPrice(label="Сабақтар", amount=4_000_000)],
        **overrides,
    }
    message = await bot.send_invoice(**params)
    return message.message_id


async def next_update(bot: Bot, offset: int = 0) -> Update:
    updates = await bot.get_updates(offset=offset, timeout=10, request_timeout=30)
    assert len(updates) == 1
    return updates[0]


async def test_an_invoice_is_sent_and_kept(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    message = await bot.send_invoice(
        user["id"],
        title="Сабақтар үшін төлем",
        description="Айгерімнің сабақтары",
        payload="invoice-42",
        provider_token=PROVIDER,
        currency="KZT",
        prices=[
            LabeledPrice(label="Сабақтар", amount=3_999_900),
            LabeledPrice(label="+", amount=100),
        ],
        max_tip_amount=50_000,
        suggested_tip_amounts=[10_000, 50_000],
    )

    assert message.invoice is not None
    assert (message.invoice.title, message.invoice.currency, message.invoice.total_amount) == (
        "Сабақтар үшін төлем",
        "KZT",
        4_000_000,
    )
    kept = emulator.invoice(TOKEN, user["id"], message.message_id)
    assert (kept["payload"], kept["provider_token"], kept["total_amount"]) == (
        "invoice-42",
        PROVIDER,
        4_000_000,
    )
    assert [price["amount"] for price in kept["prices"]] == [3_999_900, 100]


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"provider_token": ""}, PROVIDER_INVALID),
        ({"currency": "XTR"}, PROVIDER_INVALID),  # Stars take no provider
        ({"currency": "tenge"}, "CURRENCY_INVALID"),
        ({"prices": [LabeledPrice(label="Сабақтар", amount=0)]}, TOTAL_INVALID),
        ({"prices": []}, "can't parse prices"),
        ({"payload": "x" * 129}, PAYLOAD_INVALID),
        ({"title": "Т" * 33}, "title must be 1-32 characters"),
        ({"description": "Д" * 256}, "description must be 1-255 characters"),
        ({"suggested_tip_amounts": [100]}, "SUGGESTED_TIP_AMOUNTS_INVALID"),
        (
            {
                "reply_markup": InlineKeyboardMarkup(
                    inline_keyboard=[[InlineKeyboardButton(text="Back", callback_data="back")]]
                )
            },
            "must be a Pay button",
        ),
    ],
)
async def test_bad_invoices_are_refused(
    bot: Bot, user: dict[str, Any], overrides: dict[str, Any], error: str
) -> None:
    with pytest.raises(TelegramBadRequest, match=error.removeprefix("Bad Request: ")):
        await send_invoice(bot, user["id"], **overrides)


async def test_required_invoice_parameters_are_checked(
    emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    complete = {
        "chat_id": user["id"],
        "title": "Төлем",
        "description": "Сабақтар",
        "payload": "p",
        "provider_token": PROVIDER,
        "currency": "KZT",
        "prices": [{"label": "Сабақтар", "amount": 100}],
    }
    for name in ("title", "description", "payload", "currency", "prices"):
        params = {key: value for key, value in complete.items() if key != name}
        status, body = await emulator.execute(TOKEN, "sendInvoice", params)
        assert (status, body["description"]) == (400, f"Bad Request: {name} is required")
    status, _ = await emulator.execute(TOKEN, "sendInvoice", complete)
    assert status == 200


async def test_the_user_pays_when_the_bot_says_yes(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    message_id = await send_invoice(bot, user["id"])

    paying = asyncio.create_task(emulator.user_pays_invoice(TOKEN, user["id"], message_id))
    update = await next_update(bot)
    query = update.pre_checkout_query
    assert query is not None
    assert (query.from_user.id, query.currency, query.total_amount, query.invoice_payload) == (
        user["id"],
        "KZT",
        4_000_000,
        "invoice-42",
    )
    assert await bot.answer_pre_checkout_query(query.id, ok=True) is True
    attempt = await paying

    assert (attempt.ok, attempt.error_message) == (True, None)
    paid = await next_update(bot, update.update_id + 1)
    assert paid.message is not None and paid.message.successful_payment is not None
    payment = paid.message.successful_payment
    assert (payment.total_amount, payment.currency, payment.invoice_payload) == (
        4_000_000,
        "KZT",
        "invoice-42",
    )
    assert attempt.successful_payment is not None
    assert (
        payment.telegram_payment_charge_id
        == attempt.successful_payment["telegram_payment_charge_id"]
    )
    assert payment.provider_payment_charge_id
    assert emulator.pre_checkout_answers(TOKEN) == [
        {"id": query.id, "ok": True, "error_message": None}
    ]
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_pre_checkout_query(query.id, ok=True)
    with pytest.raises(LookupError, match="paid invoice"):  # Telegram shows the receipt
        await emulator.user_pays_invoice(TOKEN, user["id"], message_id)

    # Telegram delivers it again when the bot did not confirm it (a crash mid-update).
    await emulator.redeliver(TOKEN, attempt.message or {})
    again = await next_update(bot, paid.update_id + 1)
    assert again.message is not None and again.message.successful_payment == payment


async def test_a_refusal_reaches_the_user_and_nothing_is_paid(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    message_id = await send_invoice(bot, user["id"])

    paying = asyncio.create_task(
        emulator.user_pays_invoice(TOKEN, user["id"], message_id, total_amount=1)
    )
    update = await next_update(bot)
    assert update.pre_checkout_query is not None
    assert update.pre_checkout_query.total_amount == 1
    with pytest.raises(TelegramBadRequest, match="error_message must be non-empty"):
        await bot.answer_pre_checkout_query(update.pre_checkout_query.id, ok=False)
    await bot.answer_pre_checkout_query(
        update.pre_checkout_query.id, ok=False, error_message="Сома өзгерді."
    )
    attempt = await paying

    assert attempt == PaymentAttempt(update.pre_checkout_query.id, False, "Сома өзгерді.", None)
    assert await bot.get_updates(offset=update.update_id + 1) == []
    # Not paid, so the user may try again.
    retry = asyncio.create_task(emulator.user_pays_invoice(TOKEN, user["id"], message_id))
    second = await next_update(bot, update.update_id + 1)
    assert second.pre_checkout_query is not None
    await bot.answer_pre_checkout_query(second.pre_checkout_query.id, ok=True)
    assert (await retry).ok


async def test_an_unanswered_pre_checkout_times_out(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    message_id = await send_invoice(bot, user["id"])

    with pytest.raises(TimeoutError):
        await emulator.user_pays_invoice(TOKEN, user["id"], message_id, timeout=0.01)

    [update] = await bot.get_updates()
    assert update.pre_checkout_query is not None
    status, body = await emulator.execute(
        TOKEN,
        "answerPreCheckoutQuery",
        {"pre_checkout_query_id": update.pre_checkout_query.id, "ok": True},
    )
    assert (status, body["description"]) == (400, QUERY_INVALID)


async def test_paying_needs_an_invoice_and_allowed_tips(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    text = await bot.send_message(user["id"], "Not an invoice")
    message_id = await send_invoice(bot, user["id"])

    with pytest.raises(LookupError):
        await emulator.user_pays_invoice(TOKEN, user["id"], text.message_id)
    with pytest.raises(ValueError, match="tips up to 0"):
        await emulator.user_pays_invoice(TOKEN, user["id"], message_id, tip_amount=100)


async def test_python_telegram_bot_reads_invoices_and_payments(
    emulator: BotAPIEmulator, user: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    base = emulator.base_url
    async with telegram.Bot(
        TOKEN, base_url=f"{base}/bot", base_file_url=f"{base}/file/bot"
    ) as ptb:
        message = await ptb.send_invoice(
            user["id"],
            "Төлем",
            "Сабақтар",
            "ptb-payload",
            "KZT",
            [telegram.LabeledPrice("Сабақтар", 150_000)],
            provider_token=PROVIDER,
        )
        assert message.invoice is not None and message.invoice.total_amount == 150_000

        paying = asyncio.create_task(
            emulator.user_pays_invoice(TOKEN, user["id"], message.message_id)
        )
        [update] = await ptb.get_updates(timeout=10)
        assert update.pre_checkout_query is not None
        await update.pre_checkout_query.answer(ok=True)
        assert (await paying).ok
        [paid] = await ptb.get_updates(offset=update.update_id + 1, timeout=10)
        assert paid.message is not None and paid.message.successful_payment is not None
        assert paid.message.successful_payment.invoice_payload == "ptb-payload"


async def test_control_api_plays_a_payment(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    message_id = await send_invoice(bot, user["id"])
    body = {"token": TOKEN, "user_id": user["id"], "message_id": message_id}

    async with aiohttp.ClientSession() as http:
        request = asyncio.create_task(
            http.post(f"{emulator.base_url}/_control/user_pays_invoice", json=body)
        )
        update = await next_update(bot)
        assert update.pre_checkout_query is not None
        await bot.answer_pre_checkout_query(update.pre_checkout_query.id, ok=True)
        async with await request as response:
            answer = await response.json()

    assert answer["ok"] is True
    assert answer["result"]["ok"] is True
    assert answer["result"]["message"]["successful_payment"]["total_amount"] == 4_000_000
