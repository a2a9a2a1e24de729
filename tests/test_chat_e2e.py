"""The issue's whole path in one test: a student writes to a teacher over the chat API's
websocket, the teacher gets it in Telegram (the Bot API emulator) and answers there, and the
student's open websocket shows the answer live."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bots.delivery import DeliveryWorker, Sender
from sabaq.runner import Health, build_app
from tests.bots import BotHarness, link_person
from tests.factories import make_chat_centre
from tests.test_bot_chat import reply, switch_bridge
from tests.test_chat_api import sign_in
from tests.test_chat_ws import connect, frame, frames


@pytest.fixture
async def client(deps) -> AsyncIterator[TestClient[Any, Any]]:
    async with TestClient(TestServer(build_app(deps, Health()))) as opened:
        yield opened


@pytest.fixture
async def worker(deps, main_bot: BotHarness) -> AsyncIterator[DeliveryWorker]:
    sender = Sender(main_bot.bot, per_second=1000, private_interval=0, group_interval=0)
    yield DeliveryWorker(deps, sender, lease_seconds=60)
    sender.uninstall()


async def test_a_student_writes_the_teacher_answers_from_telegram_and_the_student_sees_it_live(
    deps, client, main_bot: BotHarness, worker: DeliveryWorker
):
    centre = await make_chat_centre(deps)
    teacher_tg = main_bot.add_user(language_code="en")
    welcome = await link_person(main_bot, deps, centre.admin, centre.teacher.person_id, teacher_tg)
    await main_bot.press(teacher_tg, welcome, "lang:en", expect=1)
    await switch_bridge(main_bot, teacher_tg, on=True)

    student = await sign_in(client, "aigul@sabaq.kz")
    ws, _ = await connect(student)
    direct = await student.ok(
        "POST", "/conversations/direct", 201, json={"person_id": centre.teacher.person_id}
    )
    await frame(ws)  # the new conversation
    await ws.send_json(
        {
            "type": "send",
            "conversation_id": direct["id"],
            "client_id": "q1",
            "text": "Апай, 5-есеп?",
        }
    )
    assert {f["type"] for f in await frames(ws, 2)} == {"ack", "message"}

    before = len(main_bot.sent(teacher_tg))
    assert (await worker.run_once()).sent == 1
    (bridged,) = main_bot.sent(teacher_tg)[before:]
    assert bridged["text"] == "Сейтқали Айгүл\nАпай, 5-есеп?"

    await reply(main_bot, teacher_tg, bridged, "Формуласын қолдан: S = a·b")

    live = await frame(ws)
    assert live["type"] == "message"
    message = live["message"]
    assert (message["conversation_id"], message["author_name"], message["text"]) == (
        direct["id"],
        "Ахметов Ерлан",
        "Формуласын қолдан: S = a·b",
    )
    assert message["source"] == "telegram"
    await ws.close()
