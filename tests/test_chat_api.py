"""The chat server's REST API over real HTTP, mounted in the platform as ``sabaq run`` does:
tokens, conversations, messages, files, and every kind of bad input from issue 4."""

from __future__ import annotations

import hashlib
import io
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from aiohttp import FormData
from aiohttp.test_utils import TestClient, TestServer
from openapi_spec_validator import validate

from core.actor import Actor
from core.deps import Deps, build_deps
from core.i18n import gettext_for
from core.models.chat import ApiToken, Message
from core.models.people import Role
from core.services.academics import (
    unenrol_student,
)
from core.services.accounts import set_language
from sabaq.runner import Health, build_app
from tests.factories import make_chat_centre, make_member
from tests.web import Panel

PASSWORD = "correct horse"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


@dataclass
class Api:
    """One API client: a bearer token (or none) over the platform's test server."""

    client: TestClient[Any, Any]
    token: str | None = None
    language: str = "en"

    async def call(
        self, method: str, path: str, *, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> tuple[int, Any]:
        sent = {"Accept-Language": self.language}
        if self.token is not None:
            sent["Authorization"] = f"Bearer {self.token}"
        async with self.client.request(
            method, "/api/v1" + path, headers=sent | (headers or {}), **kwargs
        ) as response:
            if response.content_type == "application/json":
                return response.status, await response.json()
            return response.status, await response.read()

    async def ok(self, method: str, path: str, status: int = 200, **kwargs: Any) -> Any:
        code, body = await self.call(method, path, **kwargs)
        assert code == status, body
        return body


@pytest.fixture
async def client(deps: Deps) -> AsyncIterator[TestClient[Any, Any]]:
    async with TestClient(TestServer(build_app(deps, Health()))) as opened:
        yield opened


async def sign_in(client: TestClient[Any, Any], login: str) -> Api:
    """An API client holding a fresh token for ``login``."""
    body = await Api(client).ok(
        "POST", "/tokens", 201, json={"login": login, "password": PASSWORD, "name": "test"}
    )
    return Api(client, body["token"])


async def sign_in_all(client: TestClient[Any, Any], *logins: str) -> list[Api]:
    return [await sign_in(client, login) for login in logins]


# --- tokens --------------------------------------------------------------------------


async def test_a_token_is_shown_once_stored_hashed_works_and_stops_when_revoked(deps, client):
    await make_chat_centre(deps)
    anonymous = Api(client)
    status, body = await anonymous.call(
        "POST", "/tokens", json={"login": "aigul@sabaq.kz", "password": "guess"}
    )
    assert status == 401
    assert body["error"]["code"] == "auth_failed"
    created = await anonymous.ok(
        "POST",
        "/tokens",
        201,
        json={"login": "Aigul@Sabaq.kz", "password": PASSWORD, "name": "  phone "},
    )
    token = created["token"]
    assert created["name"] == "phone"
    (row,) = await ApiToken.all()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in row.token_hash

    aigul = Api(client, token)
    listed = await aigul.ok("GET", "/tokens")
    assert [(t["id"], t["name"]) for t in listed["tokens"]] == [(created["id"], "phone")]
    assert "token" not in listed["tokens"][0]
    assert await aigul.ok("GET", "/conversations")

    await aigul.ok("DELETE", f"/tokens/{created['id']}", 204)
    status, body = await aigul.call("GET", "/conversations")
    assert status == 401
    assert body["error"]["message"] == "This access token is not valid. Create a new one."


async def test_a_token_of_someone_else_cannot_be_revoked(deps, client):
    await make_chat_centre(deps)
    aigul, timur = await sign_in_all(client, "aigul@sabaq.kz", "timur@sabaq.kz")
    (mine,) = (await timur.ok("GET", "/tokens"))["tokens"]
    status, body = await aigul.call("DELETE", f"/tokens/{mine['id']}")
    assert (status, body["error"]["code"]) == (404, "not_found")
    assert await timur.ok("GET", "/conversations")


async def test_guessing_passwords_for_tokens_is_rate_limited_like_sign_in(deps, client):
    await make_chat_centre(deps)
    anonymous = Api(client)
    for _ in range(deps.settings.login_attempts_per_minute):
        status, _ = await anonymous.call(
            "POST", "/tokens", json={"login": "aigul@sabaq.kz", "password": "guess"}
        )
        assert status == 401
    status, body = await anonymous.call(
        "POST", "/tokens", json={"login": "aigul@sabaq.kz", "password": PASSWORD}
    )
    assert status == 429
    assert body["error"]["code"] == "rate_limited"


@pytest.mark.parametrize(
    "header", [None, "Bearer", "Bearer sbq_not-a-token", "Basic YWxhZGRpbjpvcGVu", "sbq_x"]
)
async def test_requests_without_valid_credentials_get_401_json(deps, client, header):
    await make_chat_centre(deps)
    headers = {} if header is None else {"Authorization": header}
    status, body = await Api(client).call("GET", "/conversations", headers=headers)
    assert status == 401
    assert body["error"]["code"] == "auth_failed"
    assert "Traceback" not in str(body)


# --- conversations and messages ------------------------------------------------------


async def test_members_post_read_edit_hide_and_search_through_the_api(deps, client):
    centre = await make_chat_centre(deps)
    aigul, teacher = await sign_in_all(client, "aigul@sabaq.kz", "erlan@sabaq.kz")
    chats = (await aigul.ok("GET", "/conversations"))["conversations"]
    assert [(c["id"], c["title"], c["kind"]) for c in chats] == [
        (centre.chat_id, "Алгебра 7А", "group")
    ]

    sent = await aigul.ok(
        "POST",
        f"/conversations/{centre.chat_id}/messages",
        201,
        json={"text": "Апай, үй тапсырмасы **қандай**?", "client_id": "a-1"},
    )
    assert sent["seq"] == 1
    assert sent["author_name"] == "Сейтқали Айгүл"
    assert "<b>қандай</b>" in sent["html"]
    assert sent["created_at"].endswith("Z")

    unread = (await teacher.ok("GET", "/conversations"))["conversations"][0]
    assert unread["unread"] == 1
    page = await teacher.ok("GET", f"/conversations/{centre.chat_id}/messages")
    assert page["has_more"] is False
    assert [m["text"] for m in page["messages"]] == ["Апай, үй тапсырмасы **қандай**?"]
    read = await teacher.ok("POST", f"/conversations/{centre.chat_id}/read", json={"seq": 1})
    assert read["unread"] == 0
    readers = await aigul.ok("GET", f"/messages/{sent['id']}/readers")
    assert readers["readers"] == [{"person_id": centre.teacher.person_id, "name": "Ахметов Ерлан"}]

    edited = await aigul.ok("PATCH", f"/messages/{sent['id']}", json={"text": "Сабаққа не керек?"})
    assert edited["edited_at"] is not None
    found = await teacher.ok("GET", "/search", params={"q": "сабақ"})
    assert [hit["message"]["id"] for hit in found["hits"]] == [sent["id"]]
    assert found["hits"][0]["conversation_title"] == "Алгебра 7А"

    hidden = await aigul.ok("POST", f"/messages/{sent['id']}/hide", json={"reason": "қате"})
    assert hidden["hidden"] is True
    assert hidden["text"] == ""
    page = await teacher.ok("GET", f"/conversations/{centre.chat_id}/messages")
    assert [(m["id"], m["hidden"], m["text"]) for m in page["messages"]] == [
        (sent["id"], True, "")
    ]
    assert await Message.filter(id=sent["id"]).exists()

    detail = await teacher.ok("GET", f"/conversations/{centre.chat_id}")
    assert detail["conversation"]["id"] == centre.chat_id
    assert {m["name"] for m in detail["members"]} == {
        "Ахметов Ерлан",
        "Сейтқали Айгүл",
        "Ким Тимур",
    }


async def test_history_pages_by_seq(deps, client):
    centre = await make_chat_centre(deps)
    aigul = await sign_in(client, "aigul@sabaq.kz")
    for number in range(1, 6):
        await aigul.ok(
            "POST", f"/conversations/{centre.chat_id}/messages", 201, json={"text": f"№{number}"}
        )
    path = f"/conversations/{centre.chat_id}/messages"
    newest = await aigul.ok("GET", path, params={"limit": "2"})
    assert ([m["seq"] for m in newest["messages"]], newest["has_more"]) == ([4, 5], True)
    older = await aigul.ok("GET", path, params={"before": "4", "limit": "2"})
    assert [m["seq"] for m in older["messages"]] == [2, 3]
    after = await aigul.ok("GET", path, params={"after": "3"})
    assert ([m["seq"] for m in after["messages"]], after["has_more"]) == ([4, 5], False)


async def test_a_resent_client_id_returns_the_stored_message_with_200(deps, client):
    centre = await make_chat_centre(deps)
    aigul = await sign_in(client, "aigul@sabaq.kz")
    path = f"/conversations/{centre.chat_id}/messages"
    first = await aigul.ok("POST", path, 201, json={"text": "Сәлем", "client_id": "c-42"})
    deps.clock.advance(timedelta(seconds=3))
    again = await aigul.ok("POST", path, 200, json={"text": "Сәлем", "client_id": "c-42"})
    assert again["id"] == first["id"]
    assert await Message.filter(conversation_id=centre.chat_id).count() == 1


async def test_direct_channel_and_support_conversations(deps, client):
    centre = await make_chat_centre(deps)
    aigul, admin = await sign_in_all(client, "aigul@sabaq.kz", "admin@sabaq.kz")
    people = (await aigul.ok("GET", "/directory", params={"q": "ахмет"}))["people"]
    assert people == [{"person_id": centre.teacher.person_id, "name": "Ахметов Ерлан"}]
    direct = await aigul.ok(
        "POST", "/conversations/direct", 201, json={"person_id": centre.teacher.person_id}
    )
    assert (direct["kind"], direct["title"]) == ("direct", "Ахметов Ерлан")
    status, body = await aigul.call(
        "POST", "/conversations/direct", json={"person_id": centre.aigul.person_id}
    )
    assert (status, body["error"]["field"]) == (400, "person_id")

    channel = await admin.ok(
        "POST",
        "/conversations/channels",
        201,
        json={"title": "Хабарландыру", "audience": ["student"], "posters": ["admin"]},
    )
    assert channel["kind"] == "channel"
    seen = {c["id"]: c for c in (await aigul.ok("GET", "/conversations"))["conversations"]}
    assert seen[channel["id"]]["can_post"] is False
    status, body = await admin.call(
        "POST", "/conversations/channels", json={"title": "X", "audience": ["wizard"]}
    )
    assert (status, body["error"]["field"]) == (400, "audience")
    status, _ = await aigul.call(
        "POST", "/conversations/channels", json={"title": "X", "audience": ["student"]}
    )
    assert status == 403

    support = await aigul.ok("POST", "/conversations/support", 201, json={"title": "Кесте"})
    assert (support["kind"], support["title"]) == ("support", "Кесте")


async def test_attachments_upload_send_and_download_as_inert_files(deps, client):
    centre = await make_chat_centre(deps)
    aigul, timur = await sign_in_all(client, "aigul@sabaq.kz", "timur@sabaq.kz")
    form = FormData()
    form.add_field("file", PNG, filename="үй жұмысы.png", content_type="text/html")
    uploaded = await aigul.ok(
        "POST", f"/conversations/{centre.chat_id}/attachments", 201, data=form
    )
    assert uploaded["content_type"] == "image/png"
    sent = await aigul.ok(
        "POST",
        f"/conversations/{centre.chat_id}/messages",
        201,
        json={"text": "", "attachment_ids": [uploaded["id"]]},
    )
    assert [a["id"] for a in sent["attachments"]] == [uploaded["id"]]

    async with client.get(
        f"/api/v1/attachments/{uploaded['id']}", headers={"Authorization": f"Bearer {timur.token}"}
    ) as response:
        assert response.status == 200
        assert await response.read() == PNG
        assert response.headers["Content-Type"] == "image/png"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Disposition"].startswith("attachment;")

    status, body = await aigul.call(
        "POST", f"/conversations/{centre.chat_id}/attachments", json={"file": "x"}
    )
    assert (status, body["error"]["code"]) == (400, "invalid")


async def test_an_upload_over_the_limit_is_413(deps, client):
    centre = await make_chat_centre(deps)
    aigul = await sign_in(client, "aigul@sabaq.kz")
    form = FormData()
    big = io.BytesIO(b"a" * (deps.settings.max_upload_bytes + 1))
    form.add_field("file", big, filename="big.txt", content_type="text/plain")
    status, body = await aigul.call(
        "POST", f"/conversations/{centre.chat_id}/attachments", data=form
    )
    assert (status, body["error"]["code"]) == (413, "too_large")


# --- bad input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "field"), [("", "text"), ("   \n ", "text"), ("я" * 4001, "text")]
)
async def test_empty_and_oversized_messages_are_refused_and_not_stored(deps, client, text, field):
    centre = await make_chat_centre(deps)
    aigul = await sign_in(client, "aigul@sabaq.kz")
    status, body = await aigul.call(
        "POST", f"/conversations/{centre.chat_id}/messages", json={"text": text}
    )
    assert (status, body["error"]["code"], body["error"]["field"]) == (400, "invalid", field)
    assert body["error"]["message"]
    assert not await Message.exists()


async def test_hostile_html_is_stored_as_written_and_rendered_inert(deps, client):
    centre = await make_chat_centre(deps)
    aigul = await sign_in(client, "aigul@sabaq.kz")
    hostile = (
        '<script>alert(1)</script><img src=x onerror="alert(2)">'
        " [click](javascript:alert(3)) <a href='javascript:alert(4)'>x</a>"
    )
    sent = await aigul.ok(
        "POST", f"/conversations/{centre.chat_id}/messages", 201, json={"text": hostile}
    )
    assert sent["text"] == hostile
    html = sent["html"].lower()
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert "href='javascript" not in html


@pytest.mark.parametrize(
    ("method", "path", "field"),
    [
        ("GET", "/conversations/abc", "id"),
        ("GET", "/conversations/0", "id"),
        ("GET", "/conversations/-3", "id"),
        ("GET", "/conversations/99999999999999999999", "id"),
        ("GET", "/conversations/١٢", "id"),
        ("GET", "/messages/1e3/readers", "id"),
        ("DELETE", "/tokens/x", "id"),
    ],
)
async def test_malformed_ids_are_400(deps, client, method, path, field):
    await make_chat_centre(deps)
    aigul = await sign_in(client, "aigul@sabaq.kz")
    status, body = await aigul.call(method, path)
    assert (status, body["error"]["code"], body["error"]["field"]) == (400, "invalid", field)


async def test_malformed_bodies_and_parameters_are_400_with_the_field(deps, client):
    centre = await make_chat_centre(deps)
    aigul = await sign_in(client, "aigul@sabaq.kz")
    messages = f"/conversations/{centre.chat_id}/messages"
    for data in (b"{not json", b"[1, 2]", b'"text"', b"\xff\xfe"):
        status, body = await aigul.call(
            "POST", messages, data=data, headers={"Content-Type": "application/json"}
        )
        assert (status, body["error"]["code"]) == (400, "invalid"), data
        assert body["error"]["message"] == "Send a JSON object."
    cases = [
        ("POST", messages, {"text": 42}, "text"),
        ("POST", messages, {"text": "x", "client_id": 7}, "client_id"),
        ("POST", messages, {"text": "x", "reply_to_id": "first"}, "reply_to_id"),
        ("POST", messages, {"text": "x", "attachment_ids": "1,2"}, "attachment_ids"),
        ("POST", messages, {"text": "x", "attachment_ids": [True]}, "attachment_ids"),
        ("POST", "/conversations/direct", {}, "person_id"),
        ("POST", "/conversations/direct", {"person_id": 2**40}, "person_id"),
        ("POST", f"/conversations/{centre.chat_id}/read", {"seq": -1}, "seq"),
    ]
    for method, path, payload, field in cases:
        status, body = await aigul.call(method, path, json=payload)
        assert (status, body["error"]["field"]) == (400, field), (payload, body)
    status, body = await aigul.call("GET", messages, params={"limit": "many"})
    assert (status, body["error"]["field"]) == (400, "limit")
    assert not await Message.exists()


async def test_unknown_ids_and_addresses_are_404_json(deps, client):
    centre = await make_chat_centre(deps)
    aigul = await sign_in(client, "aigul@sabaq.kz")
    for method, path in [
        ("GET", "/conversations/999999"),
        ("GET", "/conversations/999999/messages"),
        ("POST", "/conversations/999999/messages"),
        ("PATCH", "/messages/999999"),
        ("GET", "/attachments/999999"),
        ("GET", "/no/such/address"),
        ("PUT", "/conversations"),
    ]:
        status, body = await aigul.call(method, path, json={"text": "x"})
        assert (status, body["error"]["code"]) == (404, "not_found"), (method, path, body)
    assert centre.chat_id


async def test_outsiders_cannot_read_or_post_and_leavers_read_but_cannot_post(deps, client):
    centre = await make_chat_centre(deps)
    system = Actor.system(centre.admin.organisation_id, "test")
    await make_member(deps, system, Role.STUDENT, first_name="Бөтен", login="outsider@sabaq.kz")
    outsider = await sign_in(client, "outsider@sabaq.kz")
    aigul = await sign_in(client, "aigul@sabaq.kz")
    path = f"/conversations/{centre.chat_id}/messages"
    await aigul.ok("POST", path, 201, json={"text": "Бәріне сәлем"})

    for method, payload in (("GET", None), ("POST", {"text": "Мен де"})):
        status, body = await outsider.call(method, path, json=payload)
        assert (status, body["error"]["code"]) == (404, "not_found")

    await unenrol_student(
        deps, centre.admin, group_id=centre.group_id, student_id=centre.aigul.person_id
    )
    page = await aigul.ok("GET", path)
    assert [m["text"] for m in page["messages"]] == ["Бәріне сәлем"]
    status, body = await aigul.call("POST", path, json={"text": "Мен әлі осындамын"})
    assert (status, body["error"]["code"]) == (403, "forbidden")
    assert await Message.filter(conversation_id=centre.chat_id).count() == 1


async def test_forged_author_ids_are_ignored(deps, client):
    centre = await make_chat_centre(deps)
    aigul = await sign_in(client, "aigul@sabaq.kz")
    sent = await aigul.ok(
        "POST",
        f"/conversations/{centre.chat_id}/messages",
        201,
        json={
            "text": "Мұғалім атынан",
            "author_id": centre.teacher.person_id,
            "author_name": "Ахметов Ерлан",
            "source": "telegram",
            "seq": 99,
        },
    )
    assert (sent["author_id"], sent["author_name"]) == (centre.aigul.person_id, "Сейтқали Айгүл")
    assert (sent["source"], sent["seq"]) == ("api", 1)
    stored = await Message.get(id=sent["id"])
    assert stored.author_id == centre.aigul.person_id


async def test_a_flood_of_messages_is_429(deps):
    strict = build_deps(
        deps.settings.model_copy(update={"chat_messages_per_minute": 3}), clock=deps.clock
    )
    centre = await make_chat_centre(strict)
    async with TestClient(TestServer(build_app(strict, Health()))) as client:
        aigul = await sign_in(client, "aigul@sabaq.kz")
        path = f"/conversations/{centre.chat_id}/messages"
        for number in range(3):
            await aigul.ok("POST", path, 201, json={"text": f"{number}"})
        status, body = await aigul.call("POST", path, json={"text": "тағы"})
        assert (status, body["error"]["code"]) == (429, "rate_limited")
    assert await Message.filter(conversation_id=centre.chat_id).count() == 3
    await strict.aclose()


# --- the panel's session and languages ------------------------------------------------


async def test_the_panel_session_works_and_needs_the_csrf_token_to_change_anything(deps, client):
    centre = await make_chat_centre(deps)
    panel = Panel(client)
    await panel.sign_in("erlan@sabaq.kz")
    browser = Api(client)
    chats = await browser.ok("GET", "/conversations")
    assert [c["id"] for c in chats["conversations"]] == [centre.chat_id]

    path = f"/conversations/{centre.chat_id}/messages"
    status, body = await browser.call("POST", path, json={"text": "Сәлем, балалар"})
    assert (status, body["error"]["code"]) == (403, "forbidden")
    status, _ = await browser.call(
        "POST", path, json={"text": "Сәлем, балалар"}, headers={"X-CSRF-Token": "forged"}
    )
    assert status == 403
    assert not await Message.exists()
    sent = await browser.ok(
        "POST", path, 201, json={"text": "Сәлем, балалар"}, headers={"X-CSRF-Token": panel.csrf}
    )
    assert (sent["author_id"], sent["source"]) == (centre.teacher.person_id, "web")

    bearer = await sign_in(client, "aigul@sabaq.kz")
    client.session.cookie_jar.clear()
    await bearer.ok("POST", path, 201, json={"text": "Сәлем, апай"})


async def test_errors_speak_the_account_language_then_accept_language(deps, client):
    centre = await make_chat_centre(deps)
    status, body = await Api(client, language="ru").call(
        "POST", "/tokens", json={"login": "aigul@sabaq.kz", "password": "guess"}
    )
    assert status == 401
    assert body["error"]["message"] == gettext_for("ru", "Wrong login or password.")
    assert body["error"]["message"] != "Wrong login or password."

    aigul = await sign_in(client, "aigul@sabaq.kz")
    aigul.language = "ru"
    await set_language(centre.aigul.account_id, "kk")
    status, body = await aigul.call(
        "POST", "/conversations/channels", json={"title": "Менің арнам", "audience": ["student"]}
    )
    assert status == 403
    denied = "You do not have permission to do this."
    assert body["error"]["message"] == gettext_for("kk", denied)
    assert body["error"]["message"] != gettext_for("ru", denied)


# --- OpenAPI -------------------------------------------------------------------------


async def test_the_openapi_document_describes_every_rest_route_and_is_valid(deps, client):
    from chat_server.app import create_app

    document = await Api(client).ok("GET", "/openapi.json")
    validate(document)
    documented = {
        (method.upper(), path) for path, item in document["paths"].items() for method in item
    }
    app = create_app(deps)
    served = {
        (route.method, route.resource.canonical)
        for route in app.router.routes()
        if route.method not in {"HEAD", "*"}
        and route.resource is not None
        and route.resource.canonical != "/ws"
    }
    assert served == documented
    message = document["components"]["schemas"]["MessageView"]
    assert {"id", "seq", "html", "attachments", "hidden"} <= set(message["required"])
