"""An independent client, python-telegram-bot, must parse the emulator's answers and errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)

from bots.testing.emulator import NOT_MODIFIED, BotAPIEmulator

TOKEN = "654321:PTB-check_token"


@pytest.fixture(autouse=True)
def retry_after_as_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB 22's future RetryAfter.retry_after type (else it warns, and warnings fail)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
async def emulator() -> AsyncIterator[BotAPIEmulator]:
    emulator = BotAPIEmulator()
    emulator.add_bot(TOKEN, "sabaq_ptb_bot", "Sabaq PTB")
    await emulator.start()
    yield emulator
    await emulator.close()


def make_bot(base_url: str, token: str = TOKEN) -> telegram.Bot:
    return telegram.Bot(token, base_url=f"{base_url}/bot", base_file_url=f"{base_url}/file/bot")


@pytest.fixture
async def bot(emulator: BotAPIEmulator) -> AsyncIterator[telegram.Bot]:
    async with make_bot(emulator.base_url) as bot:  # initialize() calls getMe
        yield bot


@pytest.fixture
def user(emulator: BotAPIEmulator) -> dict[str, Any]:
    return emulator.add_user(first_name="Айгерім", username="aigerim", language_code="kk")


def keyboard(data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("Choose", callback_data=data)]])


async def test_get_me_is_parsed(bot: telegram.Bot) -> None:
    me = await bot.get_me()

    assert (me.id, me.is_bot, me.username) == (654321, True, "sabaq_ptb_bot")
    assert bot.username == "sabaq_ptb_bot"


async def test_send_and_edit_are_parsed(
    bot: telegram.Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    message = await bot.send_message(
        user["id"], "<b>Сәлем</b>, Айгерім", parse_mode="HTML", reply_markup=keyboard("hello")
    )

    assert message.text == "Сәлем, Айгерім"
    assert message.chat.id == user["id"]
    assert message.from_user is not None and message.from_user.id == 654321
    assert [(e.type, e.offset, e.length) for e in message.entities] == [("bold", 0, 5)]
    assert message.reply_markup == keyboard("hello")

    edited = await bot.edit_message_text("Edited", chat_id=user["id"], message_id=message.id)
    assert isinstance(edited, telegram.Message)
    assert edited.text == "Edited" and edited.edit_date is not None
    with pytest.raises(BadRequest) as refused:
        await bot.edit_message_text("Edited", chat_id=user["id"], message_id=message.id)
    # PTB drops "Bad Request: " and capitalises the rest.
    assert refused.value.message.lower() == NOT_MODIFIED.removeprefix("Bad Request: ")
    assert [m["text"] for m in emulator.sent(TOKEN, user["id"])] == ["Edited"]


async def test_updates_and_callback_answers_are_parsed(
    bot: telegram.Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    message = await bot.send_message(user["id"], "Pick", reply_markup=keyboard("lang:kk"))
    await emulator.user_sends(TOKEN, user["id"], "/start")
    query_id = await emulator.user_presses(TOKEN, user["id"], message.id, "lang:kk")

    updates = await bot.get_updates(timeout=0)

    assert len(updates) == 2
    assert updates[0].message is not None and updates[0].message.text == "/start"
    assert updates[0].message.from_user is not None
    assert updates[0].message.from_user.language_code == "kk"
    query = updates[1].callback_query
    assert query is not None and (query.id, query.data) == (query_id, "lang:kk")
    assert query.message is not None and query.message.message_id == message.id
    assert await bot.answer_callback_query(query_id, text="Done") is True
    assert emulator.answered_callbacks(TOKEN)[0]["text"] == "Done"


async def test_files_round_trip(
    bot: telegram.Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    content = b"id,name\n1,Dana\n"

    message = await bot.send_document(user["id"], content, filename="people.csv")

    assert message.document is not None and message.document.file_name == "people.csv"
    file = await bot.get_file(message.document.file_id)
    assert bytes(await file.download_as_bytearray()) == content


async def test_blocked_user_is_forbidden(
    bot: telegram.Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    emulator.block(TOKEN, user["id"])

    with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
        await bot.send_message(user["id"], "Hello?")


async def test_rate_limit_is_retry_after(bot: telegram.Bot, user: dict[str, Any]) -> None:
    await bot.send_message(user["id"], "1")
    await bot.send_message(user["id"], "2")

    with pytest.raises(RetryAfter) as refused:
        await bot.send_message(user["id"], "3")

    assert isinstance(refused.value.retry_after, timedelta)
    assert refused.value.retry_after >= timedelta(seconds=1)


async def test_forced_429_is_retry_after(bot: telegram.Bot, emulator: BotAPIEmulator) -> None:
    emulator.fail_next(TOKEN, "getMe", status=429, retry_after=9)

    with pytest.raises(RetryAfter) as refused:
        await bot.get_me()

    assert refused.value.retry_after == timedelta(seconds=9)


async def test_bad_request(bot: telegram.Bot, user: dict[str, Any]) -> None:
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(user["id"], "x" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await bot.send_message(user["id"], "Pick", reply_markup=keyboard("d" * 65))
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(1, "Hello")


@pytest.mark.parametrize("status", [500, 502])
async def test_server_errors_are_network_errors(
    bot: telegram.Bot, emulator: BotAPIEmulator, status: int
) -> None:
    emulator.fail_next(TOKEN, "getMe", status=status)

    with pytest.raises(NetworkError):
        await bot.get_me()


async def test_webhook_conflict(bot: telegram.Bot) -> None:
    await bot.set_webhook("http://127.0.0.1:9/hook")

    with pytest.raises(Conflict, match=r"(?i)webhook is active"):
        await bot.get_updates()
    info = await bot.get_webhook_info()
    assert info.url == "http://127.0.0.1:9/hook"
    await bot.delete_webhook()


async def test_unknown_method_is_end_point_not_found(bot: telegram.Bot) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("send_telepathy", api_kwargs={"chat_id": 1})


async def test_unknown_token_is_invalid_token(emulator: BotAPIEmulator) -> None:
    stranger = make_bot(emulator.base_url, "111:unknown")

    with pytest.raises(InvalidToken):
        await stranger.initialize()
    await stranger.shutdown()


async def test_hanging_request_times_out(bot: telegram.Bot, emulator: BotAPIEmulator) -> None:
    emulator.timeout_next(TOKEN, "getMe")

    with pytest.raises(TimedOut):
        await bot.get_me(read_timeout=0.2)
