"""The chat websocket over real HTTP: live delivery to members only, exactly once and in order
across reconnects, idempotent sends, resync after lost events, and malformed frames.

"Nobody else got it" is asserted with a barrier, never a wait: a later event that the client
does get travels the same ordered path (one fan-out, one queue per connection), so anything
that was going to reach it first would have.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import ClientWebSocketResponse, WSMsgType, WSServerHandshakeError
from aiohttp.test_utils import TestClient, TestServer

from core.actor import Actor
from core.deps import build_deps
from core.fanout import InProcessFanout
from core.models.chat import Message
from core.models.people import Role
from core.services.academics import enrol_student, unenrol_student
from core.services.messages import send_message
from sabaq.runner import Health, build_app
from tests.factories import make_chat_centre, make_member
from tests.test_chat_api import Api, sign_in, sign_in_all
from tests.web import Panel


@pytest.fixture
async def client(deps) -> AsyncIterator[TestClient[Any, Any]]:
    async with TestClient(TestServer(build_app(deps, Health()))) as opened:
        yield opened


async def connect(api: Api) -> tuple[ClientWebSocketResponse, dict[str, Any]]:
    """Open the websocket as ``api``'s holder; returns it and its hello frame."""
    headers = {"Authorization": f"Bearer {api.token}"} if api.token else {}
    ws = await api.client.ws_connect("/api/v1/ws", headers=headers)
    hello = await frame(ws)
    assert hello["type"] == "hello"
    return ws, hello


async def frame(ws: ClientWebSocketResponse) -> dict[str, Any]:
    async with asyncio.timeout(10):  # a safety net for a broken build, not a timing assert
        message = await ws.receive()
    assert message.type == WSMsgType.TEXT, message
    data: dict[str, Any] = json.loads(message.data)
    return data


async def frames(ws: ClientWebSocketResponse, count: int) -> list[dict[str, Any]]:
    return [await frame(ws) for _ in range(count)]


async def post(api: Api, conversation_id: int, text: str, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = await api.ok(
        "POST", f"/conversations/{conversation_id}/messages", 201, json={"text": text, **extra}
    )
    return body


async def test_a_message_reaches_members_live_and_nobody_else(deps, client):
    centre = await make_chat_centre(deps)
    system = Actor.system(centre.admin.organisation_id, "test")
    await make_member(deps, system, Role.STUDENT, first_name="Бөтен", login="outsider@sabaq.kz")
    aigul, timur = await sign_in_all(client, "aigul@sabaq.kz", "timur@sabaq.kz")
    outsider = await sign_in(client, "outsider@sabaq.kz")
    timur_ws, hello = await connect(timur)
    assert hello["person_id"] == centre.timur.person_id
    assert [c["id"] for c in hello["conversations"]] == [centre.chat_id]
    aigul_ws, _ = await connect(aigul)
    outsider_ws, hello = await connect(outsider)
    assert hello["conversations"] == []

    await aigul_ws.send_json(
        {"type": "send", "conversation_id": centre.chat_id, "client_id": "k1", "text": "Сәлем!"}
    )
    own = {f["type"]: f for f in await frames(aigul_ws, 2)}
    assert own["ack"]["client_id"] == "k1"
    assert own["ack"]["message"]["id"] == own["message"]["message"]["id"]
    received = await frame(timur_ws)
    assert received["type"] == "message"
    message = received["message"]
    assert (message["text"], message["author_name"], message["seq"]) == (
        "Сәлем!",
        "Сейтқали Айгүл",
        1,
    )
    assert message["source"] == "api"

    # Barrier: a conversation opened with the outsider after the message reaches them...
    direct = await outsider.ok(
        "POST", "/conversations/direct", 201, json={"person_id": centre.aigul.person_id}
    )
    first = await frame(outsider_ws)
    # ...as the first thing they receive: the group's message never did.
    assert (first["type"], first["conversation"]["id"]) == ("conversation", direct["id"])
    for ws in (timur_ws, aigul_ws, outsider_ws):
        await ws.close()


async def test_resume_after_a_reconnect_delivers_exactly_the_missed_messages_in_order(
    deps, client
):
    centre = await make_chat_centre(deps)
    aigul, timur = await sign_in_all(client, "aigul@sabaq.kz", "timur@sabaq.kz")
    ws, _ = await connect(timur)
    await post(aigul, centre.chat_id, "бір")
    assert (await frame(ws))["message"]["seq"] == 1
    await ws.close()

    for text in ("екі", "үш", "төрт"):
        await post(aigul, centre.chat_id, text)
    ws, hello = await connect(timur)
    (chat,) = hello["conversations"]
    assert chat["last_seq"] == 4
    await ws.send_json({"type": "resume", "conversations": {str(centre.chat_id): 1}})
    batch = await frames(ws, 4)
    assert [(f["type"], f.get("message", {}).get("text")) for f in batch] == [
        ("message", "екі"),
        ("message", "үш"),
        ("message", "төрт"),
        ("resumed", None),
    ]

    # Asking again on the same connection repeats nothing already delivered on it.
    await ws.send_json({"type": "resume", "conversations": {str(centre.chat_id): 1}})
    assert await frame(ws) == {"type": "resumed"}
    await post(aigul, centre.chat_id, "бес")
    await post(aigul, centre.chat_id, "алты")
    assert [(f["type"], f["message"]["seq"]) for f in await frames(ws, 2)] == [
        ("message", 5),
        ("message", 6),
    ]
    await ws.close()


async def test_a_resent_send_with_the_same_client_id_stores_one_message(deps, client):
    centre = await make_chat_centre(deps)
    aigul, timur = await sign_in_all(client, "aigul@sabaq.kz", "timur@sabaq.kz")
    timur_ws, _ = await connect(timur)
    aigul_ws, _ = await connect(aigul)
    send = {
        "type": "send",
        "conversation_id": centre.chat_id,
        "client_id": "dup",
        "text": "Бір рет",
    }
    await aigul_ws.send_json(send)
    await aigul_ws.send_json(send)
    acks = [f for f in await frames(aigul_ws, 3) if f["type"] == "ack"]
    assert len(acks) == 2
    assert acks[0]["message"]["id"] == acks[1]["message"]["id"]
    await post(aigul, centre.chat_id, "Екінші")
    seen = await frames(timur_ws, 2)
    assert [(f["message"]["seq"], f["message"]["text"]) for f in seen] == [
        (1, "Бір рет"),
        (2, "Екінші"),
    ]
    assert await Message.filter(conversation_id=centre.chat_id).count() == 2
    await aigul_ws.close()
    await timur_ws.close()


async def test_malformed_frames_get_error_frames_and_the_connection_stays_up(deps, client):
    centre = await make_chat_centre(deps)
    aigul = await sign_in(client, "aigul@sabaq.kz")
    ws, _ = await connect(aigul)
    chat = centre.chat_id
    cases: list[tuple[object, str, str | None]] = [
        ("not json at all", "invalid", None),
        ("[1, 2, 3]", "invalid", None),
        ('"send"', "invalid", None),
        ({"type": "dance"}, "invalid", "type"),
        ({"no": "type"}, "invalid", "type"),
        ({"type": "send", "conversation_id": "abc", "text": "x"}, "invalid", "conversation_id"),
        ({"type": "send", "conversation_id": 999999, "text": "x"}, "not_found", None),
        ({"type": "send", "conversation_id": chat, "text": ""}, "invalid", "text"),
        ({"type": "send", "conversation_id": chat, "text": "я" * 4001}, "invalid", "text"),
        ({"type": "send", "conversation_id": chat, "text": 5}, "invalid", "text"),
        ({"type": "send", "conversation_id": chat, "text": "x", "client_id": 1}, "invalid", None),
        ({"type": "read", "conversation_id": chat, "seq": "x"}, "invalid", "seq"),
        ({"type": "resume", "conversations": [chat]}, "invalid", "conversations"),
        ({"type": "resume", "conversations": {"x": 1}}, "invalid", "conversations"),
        ({"type": "typing", "conversation_id": 999999}, "not_found", None),
    ]
    for sent, code, field in cases:
        await (ws.send_str(sent) if isinstance(sent, str) else ws.send_json(sent))
        error = await frame(ws)
        assert (error["type"], error["code"]) == ("error", code), sent
        if field is not None:
            assert error["field"] == field, sent
        assert error["message"]
    await ws.send_json(
        {"type": "send", "conversation_id": "x", "client_id": "mine", "text": "бір"}
    )
    assert (await frame(ws))["client_id"] == "mine"
    await ws.send_bytes(b"\x00\x01")
    assert (await frame(ws))["code"] == "invalid"
    await ws.send_json({"type": "ping"})
    assert await frame(ws) == {"type": "pong"}
    assert not await Message.exists()
    await ws.close()


async def test_a_gap_in_live_events_is_filled_from_the_database(deps, client):
    centre = await make_chat_centre(deps)
    aigul, timur = await sign_in_all(client, "aigul@sabaq.kz", "timur@sabaq.kz")
    ws, _ = await connect(timur)
    # Another process stores a message whose live event never arrives here.
    elsewhere = build_deps(deps.settings, clock=deps.clock)
    await send_message(elsewhere, centre.aigul, conversation_id=centre.chat_id, text="жоғалған")
    await post(aigul, centre.chat_id, "келген")
    assert [(f["message"]["seq"], f["message"]["text"]) for f in await frames(ws, 2)] == [
        (1, "жоғалған"),
        (2, "келген"),
    ]
    await ws.close()


async def test_after_the_fanout_lags_clients_catch_up_from_the_database(deps):
    centre = await make_chat_centre(deps)
    fanout = InProcessFanout(queue_size=1)
    lagging = dataclasses.replace(deps, fanout=fanout)
    async with TestClient(TestServer(build_app(lagging, Health()))) as client:
        timur = await sign_in(client, "timur@sabaq.kz")
        ws, _ = await connect(timur)
        elsewhere = build_deps(deps.settings, clock=deps.clock)
        await send_message(elsewhere, centre.aigul, conversation_id=centre.chat_id, text="кеш")
        # Three events in a row with no chance for the hub to read: its queue of one overflows.
        for _ in range(3):
            await fanout.publish({"kind": "typing", "conversation_id": 0, "person_id": 0})
        received = await frame(ws)
        assert (received["type"], received["message"]["text"]) == ("message", "кеш")
        await ws.close()


async def test_joining_and_leaving_a_group_updates_live_connections(deps, client):
    centre = await make_chat_centre(deps)
    system = Actor.system(centre.admin.organisation_id, "test")
    dana = await make_member(
        deps, system, Role.STUDENT, last_name="Ли", first_name="Дана", login="dana@sabaq.kz"
    )
    aigul, dana_api = await sign_in_all(client, "aigul@sabaq.kz", "dana@sabaq.kz")
    ws, hello = await connect(dana_api)
    assert hello["conversations"] == []

    await enrol_student(deps, centre.admin, group_id=centre.group_id, student_id=dana.person_id)
    joined = await frame(ws)
    assert joined["type"] == "conversation"
    assert (joined["conversation"]["id"], joined["conversation"]["can_post"]) == (
        centre.chat_id,
        True,
    )
    await post(aigul, centre.chat_id, "Қош келдің, Дана!")
    assert (await frame(ws))["message"]["text"] == "Қош келдің, Дана!"

    await unenrol_student(deps, centre.admin, group_id=centre.group_id, student_id=dana.person_id)
    left = await frame(ws)
    assert (left["type"], left["conversation"]["left"]) == ("conversation", True)
    await post(aigul, centre.chat_id, "Дана кетті")
    # A former member may no longer post, nor type.
    await ws.send_json({"type": "typing", "conversation_id": centre.chat_id})
    assert (await frame(ws))["code"] == "forbidden"
    direct = await aigul.ok(
        "POST", "/conversations/direct", 201, json={"person_id": dana.person_id}
    )
    barrier = await frame(ws)
    assert (barrier["type"], barrier["conversation"]["id"]) == ("conversation", direct["id"])
    await ws.close()


async def test_typing_and_read_markers_reach_the_other_members(deps, client):
    centre = await make_chat_centre(deps)
    aigul, timur = await sign_in_all(client, "aigul@sabaq.kz", "timur@sabaq.kz")
    aigul_ws, _ = await connect(aigul)
    timur_ws, _ = await connect(timur)
    await timur_ws.send_json({"type": "typing", "conversation_id": centre.chat_id})
    assert await frame(aigul_ws) == {
        "type": "typing",
        "conversation_id": centre.chat_id,
        "person_id": centre.timur.person_id,
        "name": "Ким Тимур",
    }
    sent = await post(aigul, centre.chat_id, "Кім бар?")
    # Timur's own typing notice never came back to him: the message is his first frame.
    assert (await frame(timur_ws))["message"]["id"] == sent["id"]
    assert (await frame(aigul_ws))["type"] == "message"

    await timur_ws.send_json({"type": "read", "conversation_id": centre.chat_id, "seq": 1})
    assert await frame(aigul_ws) == {
        "type": "read",
        "conversation_id": centre.chat_id,
        "person_id": centre.timur.person_id,
        "read_seq": 1,
    }
    await aigul_ws.close()
    await timur_ws.close()


async def test_edits_and_hides_reach_members_as_changes(deps, client):
    centre = await make_chat_centre(deps)
    aigul, timur = await sign_in_all(client, "aigul@sabaq.kz", "timur@sabaq.kz")
    ws, _ = await connect(timur)
    sent = await post(aigul, centre.chat_id, "Ертең емтихан")
    assert (await frame(ws))["message"]["id"] == sent["id"]
    await aigul.ok("PATCH", f"/messages/{sent['id']}", json={"text": "Бүгін емтихан"})
    changed = await frame(ws)
    assert (changed["type"], changed["message"]["text"]) == ("message_changed", "Бүгін емтихан")
    await aigul.ok("POST", f"/messages/{sent['id']}/hide", json={})
    hidden = await frame(ws)
    assert (hidden["type"], hidden["message"]["hidden"], hidden["message"]["text"]) == (
        "message_changed",
        True,
        "",
    )
    await ws.close()


async def test_the_websocket_needs_credentials_and_refuses_cookies_from_other_sites(deps, client):
    centre = await make_chat_centre(deps)
    with pytest.raises(WSServerHandshakeError) as refused:
        await client.ws_connect("/api/v1/ws")
    assert refused.value.status == 401

    panel = Panel(client)
    await panel.sign_in("erlan@sabaq.kz")
    with pytest.raises(WSServerHandshakeError) as refused:
        await client.ws_connect("/api/v1/ws", headers={"Origin": "https://evil.example"})
    assert refused.value.status == 403
    origin = f"http://{client.host}:{client.port}"
    ws = await client.ws_connect("/api/v1/ws", headers={"Origin": origin})
    hello = await frame(ws)
    assert (hello["type"], hello["person_id"]) == ("hello", centre.teacher.person_id)
    await ws.close()


async def test_stopping_the_server_closes_websockets_and_leaves_no_tasks(deps):
    await make_chat_centre(deps)
    client = TestClient(TestServer(build_app(deps, Health())))
    await client.start_server()
    timur = await sign_in(client, "timur@sabaq.kz")
    ws, _ = await connect(timur)
    await client.server.close()
    async with asyncio.timeout(10):
        closing = await ws.receive()
    assert closing.type in {WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED}
    await client.close()
    names = {task.get_name() for task in asyncio.all_tasks()}
    assert not {name for name in names if name == "chat-hub" or name.startswith("ws-")}


async def test_support_staff_who_open_a_thread_get_its_messages_live(deps, client):
    await make_chat_centre(deps)
    admin, aigul = await sign_in_all(client, "admin@sabaq.kz", "aigul@sabaq.kz")
    admin_ws, _ = await connect(admin)
    aigul_ws, _ = await connect(aigul)
    thread = await aigul.ok("POST", "/conversations/support", 201, json={"title": "Төлем"})
    assert (await frame(aigul_ws))["type"] == "conversation", "the asker follows the thread"

    opened = await admin.ok("GET", f"/conversations/{thread['id']}")
    assert opened["conversation"]["kind"] == "support"
    joined = await frame(admin_ws)
    assert (joined["type"], joined["conversation"]["id"]) == ("conversation", thread["id"])

    await post(aigul, thread["id"], "Чек келмеді")
    live = await frame(admin_ws)
    assert (live["type"], live["message"]["text"]) == ("message", "Чек келмеді")
    for ws in (admin_ws, aigul_ws):
        await ws.close()
