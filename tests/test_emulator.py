"""The Bot API emulator, driven by a real aiogram Bot and by raw HTTP requests."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.filters import CommandStart
from aiogram.methods import SendMessage
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web
from PIL import Image

from bots.testing.emulator import NOT_MODIFIED, BotAPIEmulator

TOKEN = "123456:TEST-token_abc"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def emulator(clock: FakeClock) -> AsyncIterator[BotAPIEmulator]:
    emulator = BotAPIEmulator(clock=clock)
    emulator.add_bot(TOKEN, "sabaq_test_bot", "Sabaq")
    await emulator.start()
    yield emulator
    await emulator.close()


def make_bot(base_url: str, token: str = TOKEN, *, is_local: bool = True) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(base_url, is_local=is_local))
    return Bot(token, session=session)


@pytest.fixture
async def bot(emulator: BotAPIEmulator) -> AsyncIterator[Bot]:
    bot = make_bot(emulator.base_url)
    yield bot
    await bot.session.close()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
def user(emulator: BotAPIEmulator) -> dict[str, Any]:
    return emulator.add_user(first_name="Әсел", last_name="Нұрланқызы", language_code="kk")


def keyboard(*datas: str) -> InlineKeyboardMarkup:
    buttons = [[InlineKeyboardButton(text=f"Button {d[:5]}", callback_data=d)] for d in datas]
    return InlineKeyboardMarkup(inline_keyboard=buttons)


async def raw_call(
    http: aiohttp.ClientSession, url: str, **kwargs: Any
) -> tuple[int, dict[str, Any]]:
    async with http.post(url, **kwargs) as response:
        return response.status, await response.json()


# ------------------------------------------------------------------ basics


async def test_get_me(bot: Bot) -> None:
    me = await bot.get_me()

    assert (me.id, me.is_bot, me.username, me.first_name) == (
        123456,
        True,
        "sabaq_test_bot",
        "Sabaq",
    )


async def test_sent_messages_read_back_with_ids_per_chat(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    other = emulator.add_user(first_name="Ivan")

    first = await bot.send_message(user["id"], "Сәлем!", reply_markup=keyboard("menu:1"))
    await bot.send_message(other["id"], "Hello")
    second = await bot.send_message(user["id"], "<b>Bold</b> move", parse_mode="HTML")

    assert (first.message_id, second.message_id) == (1, 2)
    assert first.from_user is not None and first.from_user.id == 123456
    assert first.chat.id == user["id"] and first.chat.type == "private"
    assert first.reply_markup is not None
    assert first.reply_markup.model_dump() == keyboard("menu:1").model_dump()
    sent = emulator.sent(TOKEN, user["id"])
    assert [m["text"] for m in sent] == ["Сәлем!", "Bold move"]
    assert sent[0]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "menu:1"
    assert sent[1]["entities"] == [{"type": "bold", "offset": 0, "length": 4}]
    assert sent[1]["reply_markup"] is None
    assert [m["message_id"] for m in emulator.sent(TOKEN, other["id"])] == [1]


async def test_reply_keyboard_is_tracked_but_not_echoed(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    menu = ReplyKeyboardMarkup(keyboard=[[KeyboardButton(text="My profile")]])

    message = await bot.send_message(user["id"], "Menu", reply_markup=menu)

    assert message.reply_markup is None  # Telegram echoes inline keyboards only
    assert emulator.sent(TOKEN, user["id"])[0]["reply_markup"]["keyboard"] == [
        [{"text": "My profile"}]
    ]
    assert emulator.reply_keyboard(TOKEN, user["id"]) is not None
    await bot.send_message(user["id"], "Bye", reply_markup=ReplyKeyboardRemove())
    assert emulator.reply_keyboard(TOKEN, user["id"]) is None


async def test_unknown_chat_is_refused(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(42, "hello?")


async def test_unknown_token_is_unauthorized(emulator: BotAPIEmulator) -> None:
    stranger = make_bot(emulator.base_url, "999:nobody")
    try:
        with pytest.raises(TelegramUnauthorizedError, match="Unauthorized"):
            await stranger.get_me()
    finally:
        await stranger.session.close()


# ------------------------------------------------------------------ edits and deletions


async def test_edit_and_message_is_not_modified(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    message = await bot.send_message(user["id"], "Draft", reply_markup=keyboard("a"))

    edited = await bot.edit_message_text(
        "Final", chat_id=user["id"], message_id=message.message_id, reply_markup=keyboard("b")
    )

    assert not isinstance(edited, bool)
    assert edited.text == "Final" and edited.edit_date is not None
    [current] = emulator.sent(TOKEN, user["id"])
    assert current["text"] == "Final"
    assert current["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "b"
    with pytest.raises(TelegramBadRequest) as refused:
        await bot.edit_message_text(
            "Final", chat_id=user["id"], message_id=message.message_id, reply_markup=keyboard("b")
        )
    assert refused.value.message == NOT_MODIFIED
    assert "message is not modified: specified new message content" in str(refused.value)


async def test_edit_without_markup_removes_the_keyboard(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    message = await bot.send_message(user["id"], "Pick", reply_markup=keyboard("a"))

    await bot.edit_message_text("Picked", chat_id=user["id"], message_id=message.message_id)
    await bot.edit_message_reply_markup(
        chat_id=user["id"], message_id=message.message_id, reply_markup=keyboard("c")
    )

    [current] = emulator.sent(TOKEN, user["id"])
    assert current["text"] == "Picked"
    assert current["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "c"
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=user["id"], message_id=99)


async def test_deleted_messages_disappear(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    first = await bot.send_message(user["id"], "one")
    await bot.send_message(user["id"], "two")

    assert await bot.delete_message(user["id"], first.message_id) is True

    assert [m["text"] for m in emulator.sent(TOKEN, user["id"])] == ["two"]
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(user["id"], first.message_id)


async def test_chat_member_copy_forward_and_caption_edit_parse(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    emulator.rate_limits = False
    message = await emulator.user_sends(TOKEN, user["id"], "homework.pdf is attached")
    document = await bot.send_document(user["id"], BufferedInputFile(b"%PDF", "hw.pdf"))

    chat = await bot.get_chat(user["id"])
    member = await bot.get_chat_member(user["id"], user["id"])
    copied = await bot.copy_message(user["id"], user["id"], message["message_id"])
    forwarded = await bot.forward_message(user["id"], user["id"], message["message_id"])
    captioned = await bot.edit_message_caption(
        chat_id=user["id"], message_id=document.message_id, caption="Homework"
    )

    assert (chat.id, chat.type, chat.first_name) == (user["id"], "private", "Әсел")
    assert member.user.id == user["id"]
    assert copied.message_id > document.message_id
    assert forwarded.text == "homework.pdf is attached"
    assert forwarded.forward_origin is not None
    assert not isinstance(captioned, bool) and captioned.caption == "Homework"
    assert [m["text"] for m in emulator.sent(TOKEN, user["id"]) if "text" in m] == [
        "homework.pdf is attached",
        "homework.pdf is attached",
    ]
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await bot.edit_message_text("mine now", chat_id=user["id"], message_id=1)


# ------------------------------------------------------------------ limits and parse errors


async def test_text_of_4097_characters_is_refused_and_4096_accepted(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    emulator.rate_limits = False

    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(user["id"], "я" * 4097)
    accepted = await bot.send_message(user["id"], "я" * 4096)
    # The limit applies after parsing: tags do not count.
    tagged = await bot.send_message(user["id"], f"<b>{'x' * 4096}</b>", parse_mode="HTML")

    assert accepted.text == "я" * 4096
    assert tagged.text == "x" * 4096
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(user["id"], "<i>  </i>", parse_mode="HTML")


async def test_caption_over_1024_characters_is_refused(bot: Bot, user: dict[str, Any]) -> None:
    document = BufferedInputFile(b"data", filename="a.txt")

    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.send_document(user["id"], document, caption="c" * 1025)


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("<b>unclosed", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<br>line", 'Unsupported start tag "br" at byte offset 0'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<b", "Unclosed start tag at byte offset 0"),
    ],
)
async def test_html_parse_errors(bot: Bot, user: dict[str, Any], html: str, error: str) -> None:
    with pytest.raises(TelegramBadRequest) as refused:
        await bot.send_message(user["id"], html, parse_mode="HTML")

    assert refused.value.message == f"Bad Request: can't parse entities: {error}"


async def test_html_entities_are_parsed_like_telegram(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    emulator.rate_limits = False
    html = (
        '👋 <b>Hi <i>there</i></b> &lt;3 &amp; <a href="https://sabaq.kz/?a=1&amp;b=2">link</a>'
        ' <tg-spoiler>s</tg-spoiler> <pre><code class="language-python">x = 1</code></pre>'
    )

    message = await bot.send_message(user["id"], html, parse_mode="HTML")

    assert message.text == "👋 Hi there <3 & link s x = 1"
    entities = [e.model_dump(exclude_none=True) for e in message.entities or []]
    assert entities == [
        {"type": "bold", "offset": 3, "length": 8},  # the emoji is two UTF-16 units
        {"type": "italic", "offset": 6, "length": 5},
        {"type": "text_link", "offset": 17, "length": 4, "url": "https://sabaq.kz/?a=1&b=2"},
        {"type": "spoiler", "offset": 22, "length": 1},
        {"type": "pre", "offset": 24, "length": 5, "language": "python"},
    ]


async def test_markdown_v2_reserved_characters(bot: Bot, user: dict[str, Any]) -> None:
    message = await bot.send_message(user["id"], r"*Bold* and \. dot", parse_mode="MarkdownV2")

    assert message.text == "Bold and . dot"
    with pytest.raises(TelegramBadRequest, match=r"Character '\.' is reserved"):
        await bot.send_message(user["id"], "Done.", parse_mode="MarkdownV2")


async def test_callback_data_over_64_bytes_is_refused(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(user["id"], "Pick", reply_markup=keyboard("x" * 65))
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(user["id"], "Pick", reply_markup=keyboard("ә" * 33))  # 66 bytes

    await bot.send_message(user["id"], "Pick", reply_markup=keyboard("x" * 64))

    assert len(emulator.sent(TOKEN, user["id"])) == 1


async def test_blocked_user_gives_forbidden(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    emulator.block(TOKEN, user["id"])

    with pytest.raises(TelegramForbiddenError) as refused:
        await bot.send_message(user["id"], "Are you there?")

    assert refused.value.message == "Forbidden: bot was blocked by the user"
    assert emulator.sent(TOKEN, user["id"]) == []
    [update] = emulator.pending_updates(TOKEN)
    assert update["my_chat_member"]["new_chat_member"]["status"] == "kicked"


async def test_block_and_unblock_updates_parse_in_aiogram(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    emulator.block(TOKEN, user["id"])
    await emulator.user_sends(TOKEN, user["id"], "/start")  # writing again unblocks the bot

    updates = await bot.get_updates()

    changes = [
        (u.my_chat_member.old_chat_member.status, u.my_chat_member.new_chat_member.status)
        for u in updates
        if u.my_chat_member
    ]
    assert changes == [("member", "kicked"), ("kicked", "member")]
    assert updates[-1].message is not None and updates[-1].message.text == "/start"
    assert (await bot.send_message(user["id"], "Welcome back")).text == "Welcome back"


async def test_require_start_refuses_users_who_never_wrote(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    emulator.require_start = True

    with pytest.raises(TelegramForbiddenError, match="can't initiate conversation"):
        await bot.send_message(user["id"], "Hi")
    await emulator.user_sends(TOKEN, user["id"], "/start")

    assert (await bot.send_message(user["id"], "Hi")).text == "Hi"


# ------------------------------------------------------------------ rate limits


async def test_per_chat_rate_limit_after_a_burst(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any], clock: FakeClock
) -> None:
    await bot.send_message(user["id"], "1")
    await bot.send_message(user["id"], "2")

    with pytest.raises(TelegramRetryAfter) as refused:
        await bot.send_message(user["id"], "3")

    assert refused.value.retry_after >= 1
    assert f"Too Many Requests: retry after {refused.value.retry_after}" in refused.value.message
    assert len(emulator.sent(TOKEN, user["id"])) == 2
    assert emulator.calls[-1].status == 429
    clock.now += refused.value.retry_after
    await bot.send_message(user["id"], "3")
    assert len(emulator.sent(TOKEN, user["id"])) == 3


async def test_per_bot_rate_limit(bot: Bot, emulator: BotAPIEmulator, clock: FakeClock) -> None:
    users = [emulator.add_user(first_name=f"User {n}") for n in range(31)]
    for user in users[:30]:
        await bot.send_message(user["id"], "news")

    with pytest.raises(TelegramRetryAfter) as refused:
        await bot.send_message(users[30]["id"], "news")

    assert refused.value.retry_after == 1
    clock.now += 0.05  # the bucket refills at 30 per second
    await bot.send_message(users[30]["id"], "news")


async def test_per_group_rate_limit(bot: Bot, emulator: BotAPIEmulator, clock: FakeClock) -> None:
    group = emulator.add_group("Grade 7A")
    for n in range(20):  # back-to-back: the per-chat burst rule does not apply to groups
        await bot.send_message(group["id"], f"message {n}")

    with pytest.raises(TelegramRetryAfter) as refused:
        await bot.send_message(group["id"], "one too many")

    assert refused.value.retry_after == 3  # 20 per minute: one every 3 seconds
    assert len(emulator.sent(TOKEN, group["id"])) == 20
    clock.now += 3
    await bot.send_message(group["id"], "later")


async def test_edits_are_not_rate_limited(bot: Bot, user: dict[str, Any]) -> None:
    message = await bot.send_message(user["id"], "0")
    await bot.send_message(user["id"], "filler")

    for n in range(1, 6):
        await bot.edit_message_text(str(n), chat_id=user["id"], message_id=message.message_id)


# ------------------------------------------------------------------ fault injection


async def test_fail_next_500_gives_server_error_once(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    emulator.fail_next(TOKEN, "sendMessage", status=500)

    with pytest.raises(TelegramServerError, match="Internal Server Error"):
        await bot.send_message(user["id"], "one")
    await bot.send_message(user["id"], "two")

    assert [c.status for c in emulator.calls_of("sendMessage")] == [500, 200]
    assert [m["text"] for m in emulator.sent(TOKEN, user["id"])] == ["two"]


async def test_fail_next_429_carries_retry_after(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    emulator.fail_next(TOKEN, "*", status=429, retry_after=7, times=2)

    for _ in range(2):
        with pytest.raises(TelegramRetryAfter) as refused:
            await bot.get_me()
        assert refused.value.retry_after == 7
    assert (await bot.get_me()).id == 123456


async def test_timeout_next_never_answers(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    emulator.timeout_next(TOKEN, "sendMessage")

    with pytest.raises(TelegramNetworkError, match="timeout"):
        await bot.send_message(user["id"], "lost", request_timeout=1)

    [call] = await emulator.wait_calls("sendMessage")  # recorded when the client hung up
    assert call.status == 0
    assert emulator.sent(TOKEN, user["id"]) == []


# ------------------------------------------------------------------ raw HTTP: validation


async def test_unknown_method_is_404(
    emulator: BotAPIEmulator, http: aiohttp.ClientSession
) -> None:
    status, body = await raw_call(http, f"{emulator.base_url}/bot{TOKEN}/sendTelepathy")

    assert status == 404
    assert body == {"ok": False, "error_code": 404, "description": "Not Found: method not found"}


async def test_unknown_and_malformed_tokens(
    emulator: BotAPIEmulator, http: aiohttp.ClientSession
) -> None:
    status, body = await raw_call(http, f"{emulator.base_url}/bot1:unknown/getMe")
    assert (status, body["error_code"], body["description"]) == (401, 401, "Unauthorized")

    status, body = await raw_call(http, f"{emulator.base_url}/botgarbage/getMe")
    assert (status, body["error_code"]) == (404, 404)


async def test_missing_required_parameters_are_400(
    emulator: BotAPIEmulator, http: aiohttp.ClientSession, user: dict[str, Any]
) -> None:
    url = f"{emulator.base_url}/bot{TOKEN}/sendMessage"

    status, body = await raw_call(http, url, json={"text": "hi"})
    assert (status, body["error_code"]) == (400, 400)
    assert body["description"] == "Bad Request: chat_id is empty"

    status, body = await raw_call(http, url, json={"chat_id": user["id"]})
    assert (status, body["description"]) == (400, "Bad Request: message text is empty")

    status, body = await raw_call(http, f"{emulator.base_url}/bot{TOKEN}/setMyCommands")
    assert (status, body["description"]) == (400, "Bad Request: commands is required")


async def test_all_four_encodings_are_accepted(
    emulator: BotAPIEmulator, http: aiohttp.ClientSession, user: dict[str, Any]
) -> None:
    emulator.rate_limits = False
    base = f"{emulator.base_url}/bot{TOKEN}"
    markup = json.dumps({"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]})
    form = aiohttp.FormData()
    form.add_field("chat_id", str(user["id"]))
    form.add_field("text", "multipart")
    form.add_field("reply_markup", markup)
    form.add_field("document", b"%PDF", filename="x.pdf")  # forces multipart/form-data

    answers = [
        await raw_call(http, f"{base}/sendMessage?chat_id={user['id']}&text=query"),
        await raw_call(
            http, f"{base}/sendMessage", data={"chat_id": str(user["id"]), "text": "form"}
        ),
        await raw_call(
            http,
            f"{base}/sendMessage",
            json={"chat_id": user["id"], "text": "json", "reply_markup": json.loads(markup)},
        ),
        await raw_call(http, f"{base}/SENDMESSAGE", data=form),
    ]

    assert [status for status, _ in answers] == [200, 200, 200, 200]
    assert [m["text"] for m in emulator.sent(TOKEN, user["id"])] == [
        "query",
        "form",
        "json",
        "multipart",
    ]
    assert answers[2][1]["result"]["reply_markup"] == json.loads(markup)
    assert answers[3][1]["result"]["reply_markup"] == json.loads(markup)
    assert [c.method for c in emulator.calls] == ["sendMessage"] * 4


async def test_get_request_with_query_works(
    emulator: BotAPIEmulator, http: aiohttp.ClientSession
) -> None:
    async with http.get(f"{emulator.base_url}/bot{TOKEN}/getme") as response:
        body = await response.json()

    assert body["ok"] is True and body["result"]["username"] == "sabaq_test_bot"


async def test_every_published_method_is_recognised(
    emulator: BotAPIEmulator, http: aiohttp.ClientSession
) -> None:
    emulator.rate_limits = False
    spec = json.loads(emulator.spec_path.read_text(encoding="utf-8"))
    names = sorted(spec["methods"])
    assert len(names) > 150

    statuses: dict[str, int] = {}
    for name in names:
        if name in {"getUpdates", "close", "logOut"}:
            continue
        async with http.post(f"{emulator.base_url}/bot{TOKEN}/{name}") as response:
            body = await response.json()
            assert body["ok"] is (response.status == 200)
            assert response.status == body.get("error_code", 200)
            statuses[name] = response.status

    assert [name for name, status in statuses.items() if status == 404] == []
    assert statuses["getMe"] == 200
    assert statuses["sendMessage"] == 400
    assert statuses["getWebhookInfo"] == 200


# ------------------------------------------------------------------ updates: polling


async def test_long_polling_returns_when_the_user_writes(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=30, request_timeout=60))
    await emulator.wait_polling(TOKEN)

    sent = await emulator.user_sends(TOKEN, user["id"], "/start invite-code")
    updates = await poll

    [update] = updates
    assert update.message is not None
    assert update.message.text == "/start invite-code"
    assert update.message.message_id == sent["message_id"]
    assert update.message.from_user is not None
    assert update.message.from_user.language_code == "kk"
    entities = [e.model_dump(exclude_none=True) for e in update.message.entities or []]
    assert entities == [{"type": "bot_command", "offset": 0, "length": 6}]


async def test_offset_confirms_updates(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    await emulator.user_sends(TOKEN, user["id"], "one")
    await emulator.user_sends(TOKEN, user["id"], "two")

    first = await bot.get_updates(limit=1)
    both = await bot.get_updates()
    after = await bot.get_updates(offset=both[-1].update_id + 1)

    assert [u.update_id for u in first] == [1]
    assert [u.message.text for u in both if u.message] == ["one", "two"]
    assert after == []
    assert emulator.pending_updates(TOKEN) == []


async def test_allowed_updates_filter(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    message = await bot.send_message(user["id"], "Pick", reply_markup=keyboard("a"))
    await emulator.user_sends(TOKEN, user["id"], "text")
    await emulator.user_presses(TOKEN, user["id"], message.message_id, "a")

    updates = await bot.get_updates(allowed_updates=["callback_query"])

    assert [u.callback_query.data for u in updates if u.callback_query] == ["a"]
    assert len(updates) == 1


async def test_a_second_poll_terminates_the_first(bot: Bot, emulator: BotAPIEmulator) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=30, request_timeout=60))
    await emulator.wait_polling(TOKEN)

    assert await bot.get_updates() == []
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates request"):
        await first


# ------------------------------------------------------------------ callbacks and commands


async def test_button_press_and_answer(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    message = await bot.send_message(user["id"], "Pick", reply_markup=keyboard("lang:kk"))

    query_id = await emulator.user_presses(TOKEN, user["id"], message.message_id, "lang:kk")
    [update] = await bot.get_updates()
    assert update.callback_query is not None
    assert update.callback_query.id == query_id
    assert update.callback_query.data == "lang:kk"
    assert update.callback_query.message is not None
    assert update.callback_query.message.message_id == message.message_id
    assert await bot.answer_callback_query(query_id, text="Saved", show_alert=True) is True

    [answer] = emulator.answered_callbacks(TOKEN)
    assert (answer["id"], answer["text"], answer["show_alert"]) == (query_id, "Saved", True)
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query_id)


async def test_pressing_needs_an_existing_message(
    emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    with pytest.raises(LookupError):
        await emulator.user_presses(TOKEN, user["id"], 77, "forged")


async def test_commands_per_language_and_scope(bot: Bot, emulator: BotAPIEmulator) -> None:
    await bot.set_my_commands([BotCommand(command="start", description="Бастау")], None, "kk")
    await bot.set_my_commands(
        [BotCommand(command="help", description="Help")], BotCommandScopeAllPrivateChats()
    )

    assert emulator.commands(TOKEN, "kk") == [{"command": "start", "description": "Бастау"}]
    assert emulator.commands(TOKEN) == []
    assert emulator.commands(TOKEN, scope={"type": "all_private_chats"}) == [
        {"command": "help", "description": "Help"}
    ]
    read_back = await bot.get_my_commands(language_code="kk")
    assert [c.command for c in read_back] == ["start"]
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Bad Command", description="x")])


# ------------------------------------------------------------------ webhooks


async def test_webhook_mode_delivers_and_blocks_polling(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any], http: aiohttp.ClientSession
) -> None:
    received: asyncio.Queue[tuple[str | None, dict[str, Any]]] = asyncio.Queue()

    async def hook(request: web.Request) -> web.Response:
        update = await request.json()
        await received.put((request.headers.get("X-Telegram-Bot-Api-Secret-Token"), update))
        chat_id = update["message"]["chat"]["id"]
        # A webhook may answer with a method call, which Telegram executes.
        return web.json_response({"method": "sendMessage", "chat_id": chat_id, "text": "pong"})

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    try:
        assert await bot.set_webhook(url, secret_token="s3cret") is True
        await emulator.user_sends(TOKEN, user["id"], "ping")

        secret, update = await asyncio.wait_for(received.get(), 10)
        assert secret == "s3cret"
        assert update["message"]["text"] == "ping"
        [reply] = await emulator.wait_sent(TOKEN, user["id"], count=1)
        assert reply["text"] == "pong"
        info = await bot.get_webhook_info()
        assert info.url == url
        with pytest.raises(TelegramConflictError, match="webhook is active"):
            await bot.get_updates()

        assert await bot.delete_webhook() is True
        await emulator.user_sends(TOKEN, user["id"], "polling again")
        assert [u.message.text for u in await bot.get_updates() if u.message] == ["polling again"]
    finally:
        await runner.cleanup()


# ------------------------------------------------------------------ files


async def test_document_upload_get_file_and_download(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any], http: aiohttp.ClientSession
) -> None:
    content = "Есеп — report\n".encode() * 100

    message = await bot.send_document(
        user["id"], BufferedInputFile(content, filename="report.txt"), caption="<b>Q1</b>"
    )

    assert message.document is not None
    assert (message.document.file_name, message.document.file_size) == ("report.txt", len(content))
    file = await bot.get_file(message.document.file_id)
    assert file.file_path is not None
    async with http.get(f"{emulator.base_url}/file/bot{TOKEN}/{file.file_path}") as response:
        assert response.status == 200
        assert await response.read() == content
    downloader = make_bot(emulator.base_url, is_local=False)
    try:
        downloaded = await downloader.download_file(file.file_path)
    finally:
        await downloader.session.close()
    assert downloaded is not None and downloaded.read() == content
    # The same file_id can be sent again without uploading.
    again = await bot.send_document(user["id"], message.document.file_id)
    assert again.document is not None and again.document.file_id == message.document.file_id


async def test_photo_upload_reports_its_size(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 32), "red").save(buffer, format="PNG")

    message = await bot.send_photo(user["id"], BufferedInputFile(buffer.getvalue(), "p.png"))

    assert message.photo is not None
    assert (message.photo[-1].width, message.photo[-1].height) == (64, 32)
    with pytest.raises(TelegramBadRequest, match="IMAGE_PROCESS_FAILED"):
        await bot.send_photo(user["id"], BufferedInputFile(b"not an image", "p.png"))


async def test_user_sends_a_document_the_bot_can_download(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    message = await emulator.user_sends_document(TOKEN, user["id"], b"a,b\n1,2\n", "marks.csv")

    file = await bot.get_file(message["document"]["file_id"])

    assert file.file_size == 8
    assert emulator.file_bytes(file.file_id) == b"a,b\n1,2\n"


# ------------------------------------------------------------------ the users' side helpers


async def test_wait_sent_times_out(emulator: BotAPIEmulator, user: dict[str, Any]) -> None:
    with pytest.raises(TimeoutError):
        await emulator.wait_sent(TOKEN, user["id"], count=1, timeout=0.01)


async def test_wait_sent_wakes_up_when_the_bot_sends(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    waiter = asyncio.create_task(emulator.wait_sent(TOKEN, user["id"], count=2))

    await bot.send_message(user["id"], "a")
    await bot.send_message(user["id"], "b")

    assert [m["text"] for m in await waiter] == ["a", "b"]


async def test_control_api(emulator: BotAPIEmulator, http: aiohttp.ClientSession) -> None:
    control = f"{emulator.base_url}/_control"

    status, added = await raw_call(http, f"{control}/add_user", json={"first_name": "Dana"})
    user_id = added["result"]["id"]
    await raw_call(
        http, f"{control}/user_sends", json={"token": TOKEN, "user_id": user_id, "text": "hi"}
    )
    await raw_call(
        http,
        f"{emulator.base_url}/bot{TOKEN}/sendMessage",
        json={"chat_id": user_id, "text": "hello"},
    )
    async with http.get(f"{control}/sent", params={"token": TOKEN, "chat_id": user_id}) as r:
        sent = await r.json()
    async with http.get(f"{control}/calls") as r:
        calls = await r.json()

    assert status == 200
    assert [m["text"] for m in sent["result"]] == ["hello"]
    assert [c["method"] for c in calls["result"]] == ["sendMessage"]
    status, body = await raw_call(http, f"{control}/block", json={"token": TOKEN})
    assert status == 400 and body["ok"] is False


# ------------------------------------------------------------------ aiogram's own runners


def echo_router() -> Router:
    router = Router()

    @router.message(CommandStart())
    async def start(message: Message) -> SendMessage:
        return message.answer(
            f"Welcome, {message.from_user.first_name if message.from_user else ''}"
        )

    @router.callback_query()
    async def pressed(query: CallbackQuery) -> None:
        await query.answer("Noted")

    return router


async def test_aiogram_dispatcher_polls_the_emulator(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    dispatcher = Dispatcher()
    dispatcher.include_router(echo_router())
    polling = asyncio.create_task(dispatcher.start_polling(bot, handle_signals=False))
    try:
        await emulator.user_sends(TOKEN, user["id"], "/start")
        [reply] = await emulator.wait_sent(TOKEN, user["id"], count=1)
        assert reply["text"] == "Welcome, Әсел"

        menu = await bot.send_message(user["id"], "Menu", reply_markup=keyboard("menu"))
        await emulator.user_presses(TOKEN, user["id"], menu.message_id, "menu")
        await emulator.wait_calls("answerCallbackQuery")
        assert [a["text"] for a in emulator.answered_callbacks(TOKEN)] == ["Noted"]
    finally:
        await dispatcher.stop_polling()
        await polling


async def test_aiogram_webhook_reply_in_the_response_body(
    bot: Bot, emulator: BotAPIEmulator, user: dict[str, Any]
) -> None:
    dispatcher = Dispatcher()
    dispatcher.include_router(echo_router())
    app = web.Application()
    # handle_in_background=False: aiogram answers the webhook with the method as multipart.
    SimpleRequestHandler(dispatcher, bot, handle_in_background=False).register(app, "/hook")
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        await bot.set_webhook(f"http://127.0.0.1:{runner.addresses[0][1]}/hook")
        await emulator.user_sends(TOKEN, user["id"], "/start")

        [reply] = await emulator.wait_sent(TOKEN, user["id"], count=1)

        assert reply["text"] == "Welcome, Әсел"
        assert emulator.calls_of("sendMessage")[0].status == 200
    finally:
        await bot.delete_webhook()
        await runner.cleanup()
