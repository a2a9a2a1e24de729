"""The web chat page and the conversation audit view, over real HTTP: who may open them, what
an auditor reads there (hidden messages marked, every earlier version), and the exports."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

from openpyxl import load_workbook
from pypdf import PdfReader

from core.models.people import Role
from core.permissions import Permission
from core.services.conversations import (
    create_channel,
    open_conversation,
    open_support_thread,
)
from core.services.messages import edit_message, hide_message, send_message
from core.services.orgs import set_feature
from core.services.roles import set_permission
from tests.factories import make_member, make_organisation, make_web_chat_centre
from tests.web import open_panel, text_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _json_blob(body: str, element_id: str) -> object:
    match = re.search(
        rf'<script type="application/json" id="{element_id}">(.*?)</script>', body, re.DOTALL
    )
    assert match, element_id
    return json.loads(match.group(1))


def _local(moment, timezone: str = "Asia/Almaty") -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime("%d.%m.%Y %H:%M")


# --- the chat page -------------------------------------------------------------------


async def test_a_student_with_an_account_opens_the_chat_with_only_their_own_pages_in_the_menu(
    deps, panel
):
    await make_web_chat_centre(deps)
    await panel.sign_in("aigul@bilim.kz")
    response, body = await panel.get("/")
    assert response.status == 200
    assert response.url.path == "/chat", "a student's start page is their chats"
    nav = re.search(r"<nav>(.*?)</nav>", body, re.DOTALL)
    assert nav
    assert re.findall(r'href="([^"]+)"', nav.group(1)) == [
        "/chat",
        "/my/tests",
        "/my/courses",
        "/programming",
        "/contests",
        "/rating",
        "/atlas",
    ]
    assert "Алгебра 7А" in text_of(body)
    config = _json_blob(body, "chat-config")
    assert [c["title"] for c in config["conversations"]] == ["Алгебра 7А"]
    assert config["csrf_token"] == panel.csrf, "the script posts with the page's CSRF token"
    assert config["timezone"] == "Asia/Almaty"
    assert '<script src="/static/chat.js"' in body


async def test_the_chat_script_gets_its_words_from_the_page(deps, panel):
    await make_web_chat_centre(deps)
    await panel.sign_in("teacher@bilim.kz")
    _, body = await panel.get("/chat")
    strings = _json_blob(body, "chat-strings")
    assert strings["typing"] == "{name} is typing…"
    assert all(isinstance(value, str) and value for value in strings.values())
    script = await (await panel.client.get("/static/chat.js")).text()
    for key in strings:
        assert f'"{key}"' in script, f"{key} is passed to the script but never used"


async def test_the_chat_page_asks_a_stranger_to_sign_in(deps, panel):
    await make_web_chat_centre(deps)
    response, _ = await panel.get("/chat", allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"] == "/login?next=/chat"


async def test_the_chat_is_gone_when_the_organisation_switches_it_off(deps, panel):
    system, _, _, _, _ = await make_web_chat_centre(deps)
    await set_feature(
        deps, system, organisation_id=system.organisation_id, feature="chat", enabled=False
    )
    await panel.sign_in("teacher@bilim.kz")
    response, body = await panel.get("/chat")
    assert response.status == 404
    assert 'href="/chat"' not in body


async def test_staff_see_the_chat_beside_their_other_pages(deps, panel):
    await make_web_chat_centre(deps)
    await panel.sign_in("admin@bilim.kz")
    _, body = await panel.get("/")
    assert 'href="/chat"' in body
    assert 'href="/people"' in body


def _channel_form(body: str) -> str | None:
    match = re.search(r'<form id="chat-channel".*?</form>', body, re.DOTALL)
    return match.group(0) if match else None


def _role_boxes(form: str, field: str) -> list[str]:
    return re.findall(rf'<input type="checkbox" name="{field}" value="([a-z_]+)"', form)


async def test_admins_and_managers_get_the_new_channel_form_with_every_role(deps):
    system, *_ = await make_web_chat_centre(deps)
    await make_member(deps, system, Role.MANAGER, login="manager@bilim.kz")
    for login in ("admin@bilim.kz", "manager@bilim.kz"):
        async with open_panel(deps) as panel:
            await panel.sign_in(login)
            _, body = await panel.get("/chat")
            assert _json_blob(body, "chat-config")["can_create_channels"] is True, login
            assert 'id="chat-channel-new"' in body, login
            form = _channel_form(body)
            assert form, login
            every_role = [role.value for role in Role]
            assert _role_boxes(form, "audience") == every_role
            assert _role_boxes(form, "posters") == every_role
            assert "Who reads it" in text_of(form)
            assert "Who posts" in text_of(form)


async def test_the_channel_form_names_roles_in_the_persons_language(deps):
    await make_web_chat_centre(deps)
    async with open_panel(deps, language="kk") as panel:
        await panel.sign_in("admin@bilim.kz")
        _, body = await panel.get("/chat")
    form = _channel_form(body)
    assert form
    assert "Оқушы" in text_of(form)
    assert "Ата-ана" in text_of(form)
    assert "Student" not in text_of(form)


async def test_students_teachers_and_parents_get_no_channel_form_but_can_ask_the_centre(deps):
    system, *_ = await make_web_chat_centre(deps)
    await make_member(deps, system, Role.PARENT, login="parent@bilim.kz")
    for login in ("aigul@bilim.kz", "teacher@bilim.kz", "parent@bilim.kz"):
        async with open_panel(deps) as panel:
            await panel.sign_in(login)
            response, body = await panel.get("/chat")
            assert response.status == 200, login
            assert _json_blob(body, "chat-config")["can_create_channels"] is False, login
            assert "chat-channel" not in body, login
            assert "New channel" not in text_of(body), login
            assert re.search(r'<button type="button" id="chat-ask-new"[^>]*>Ask the centre<', body)
            assert '<form id="chat-ask"' in body, login


async def test_the_channel_form_follows_the_roles_matrix_not_the_role_name(deps):
    system, admin, *_ = await make_web_chat_centre(deps)
    await make_member(deps, system, Role.MANAGER, login="manager@bilim.kz")
    await set_permission(
        deps, admin, role=Role.TEACHER, permission=Permission.CHAT_CHANNELS_MANAGE, granted=True
    )
    await set_permission(
        deps, admin, role=Role.MANAGER, permission=Permission.CHAT_CHANNELS_MANAGE, granted=False
    )
    for login, expected in (("teacher@bilim.kz", True), ("manager@bilim.kz", False)):
        async with open_panel(deps) as panel:
            await panel.sign_in(login)
            _, body = await panel.get("/chat")
            assert _json_blob(body, "chat-config")["can_create_channels"] is expected, login
            assert (_channel_form(body) is not None) is expected, login


async def test_support_staff_see_unanswered_support_threads_and_others_do_not(deps):
    _, admin, _, student, _ = await make_web_chat_centre(deps)
    thread = await open_support_thread(deps, student, title="Төлем туралы <сұрақ>")
    async with open_panel(deps) as panel:
        await panel.sign_in("admin@bilim.kz")
        _, body = await panel.get("/chat")
    waiting = re.search(r'<details id="chat-waiting".*?</details>', body, re.DOTALL)
    assert waiting, "the admin answers support threads"
    assert f'data-id="{thread.id}"' in waiting.group(0)
    assert "Төлем туралы &lt;сұрақ&gt;" in waiting.group(0), "the title is escaped"
    assert "Support requests 1" in text_of(waiting.group(0))
    assert thread.id not in [c["id"] for c in _json_blob(body, "chat-config")["conversations"]]

    for login in ("teacher@bilim.kz", "aigul@bilim.kz"):
        async with open_panel(deps) as panel:
            await panel.sign_in(login)
            _, body = await panel.get("/chat")
        assert "chat-waiting" not in body, login
    # The student finds their own thread in their list.
    assert "Төлем туралы &lt;сұрақ&gt;" in body

    # Once the admin has opened it, it is one of their conversations.
    await open_conversation(deps, admin, thread.id)
    async with open_panel(deps) as panel:
        await panel.sign_in("admin@bilim.kz")
        _, body = await panel.get("/chat")
    assert "chat-waiting" not in body
    assert thread.id in [c["id"] for c in _json_blob(body, "chat-config")["conversations"]]


async def test_a_students_channel_is_listed_read_only_on_their_page(deps, panel):
    _, admin, _, _, _ = await make_web_chat_centre(deps)
    channel = await create_channel(
        deps, admin, title="Хабарландырулар", audience=[Role.STUDENT], posters=[Role.ADMIN]
    )
    await panel.sign_in("aigul@bilim.kz")
    _, body = await panel.get("/chat")
    listed = {c["id"]: c for c in _json_blob(body, "chat-config")["conversations"]}
    assert listed[channel.id]["title"] == "Хабарландырулар"
    assert listed[channel.id]["can_post"] is False
    assert re.search(rf'<a href="#{channel.id}"[^>]*>.*?Хабарландырулар', body)


# --- the audit view ------------------------------------------------------------------


async def test_only_auditors_open_conversations_and_unknown_ones_are_not_found(deps):
    _, _, _, _, chat_id = await make_web_chat_centre(deps)
    async with open_panel(deps) as teacher:
        await teacher.sign_in("teacher@bilim.kz")
        _, body = await teacher.get("/chat")
        assert 'href="/audit' not in body
        for path in (
            "/audit/conversations",
            f"/audit/conversations/{chat_id}",
            f"/audit/conversations/{chat_id}.xlsx",
            f"/audit/conversations/{chat_id}.pdf",
        ):
            response, _ = await teacher.get(path)
            assert response.status == 403, path
    async with open_panel(deps) as admin:
        await admin.sign_in("admin@bilim.kz")
        for path in (
            "/audit/conversations/999999",
            "/audit/conversations/999999.xlsx",
            "/audit/conversations/999999.pdf",
        ):
            response, _ = await admin.get(path)
            assert response.status == 404, path


async def test_a_conversation_of_another_organisation_is_not_found_for_its_auditor(deps, panel):
    _, _, _, _, chat_id = await make_web_chat_centre(deps)
    elsewhere = await make_organisation(deps, name="Басқа мектеп")
    await make_member(deps, elsewhere, Role.ADMIN, login="other@school.kz")
    await panel.sign_in("other@school.kz")
    response, _ = await panel.get(f"/audit/conversations/{chat_id}")
    assert response.status == 404
    _, body = await panel.get("/audit/conversations")
    assert "Алгебра 7А" not in text_of(body)


async def test_the_audit_view_shows_a_hidden_message_marked_and_every_revision(deps, panel, clock):
    _, _, teacher, student, chat_id = await make_web_chat_centre(deps)
    sent = await send_message(
        deps, student, conversation_id=chat_id, text="Ертең сабаққа келмеймін"
    )
    clock.advance(timedelta(minutes=5))
    await edit_message(deps, student, message_id=sent.id, text="Ертең сабаққа кешігемін")
    rude = await send_message(deps, student, conversation_id=chat_id, text="Бұл жасырын хабар")
    clock.advance(timedelta(minutes=10))
    hidden_at = clock.now()
    await hide_message(deps, teacher, message_id=rude.id, reason="Дөрекі сөз")

    await panel.sign_in("admin@bilim.kz")
    _, audit = await panel.get("/audit")
    assert 'href="/audit/conversations"' in audit
    _, listing = await panel.get("/audit/conversations")
    assert f'href="/audit/conversations/{chat_id}"' in listing
    assert "Алгебра 7А" in text_of(listing)

    response, body = await panel.get(f"/audit/conversations/{chat_id}")
    assert response.status == 200
    page = text_of(body)
    assert "Ертең сабаққа кешігемін" in page
    assert "Ертең сабаққа келмеймін" in page, "the text before the edit is kept"
    assert "Revision 1, edited by Сейтқали Айгүл" in page
    hidden = re.search(r'<li class="audit-message hidden"[^>]*>(.*?)</li>', body, re.DOTALL)
    assert hidden, "the hidden message is marked"
    marked = text_of(hidden.group(1))
    assert "Бұл жасырын хабар" in marked
    assert f"Hidden by Ахметов Ерлан at {_local(hidden_at)}" in marked
    assert _local(hidden_at) != hidden_at.strftime("%d.%m.%Y %H:%M"), "shown in local time"
    assert "Дөрекі сөз" in marked
    assert body.count('class="audit-message hidden"') == 1


async def test_the_audit_view_pages_back_by_sequence_number(deps, panel):
    _, _, teacher, _, chat_id = await make_web_chat_centre(deps)
    for number in range(1, 56):
        await send_message(deps, teacher, conversation_id=chat_id, text=f"Тапсырма {number:02d}")
    await panel.sign_in("admin@bilim.kz")
    _, newest = await panel.get(f"/audit/conversations/{chat_id}")
    assert "Тапсырма 55" in text_of(newest)
    assert "Тапсырма 05" not in text_of(newest)
    earlier = re.search(r'href="(/audit/conversations/\d+\?before=\d+)"', newest)
    assert earlier
    _, older = await panel.get(earlier.group(1))
    assert [f"Тапсырма {n:02d}" in text_of(older) for n in (1, 5, 6)] == [True, True, False]
    assert "Earlier messages" not in text_of(older)


async def test_a_conversation_exports_to_excel_and_pdf_with_its_kazakh_text(deps, panel):
    _, _, teacher, student, chat_id = await make_web_chat_centre(deps)
    await send_message(deps, student, conversation_id=chat_id, text="Сәлеметсіз бе, апай!")
    hidden = await send_message(deps, student, conversation_id=chat_id, text="Өшірілген сөз")
    await hide_message(deps, teacher, message_id=hidden.id)
    await panel.sign_in("admin@bilim.kz")

    response = await panel.client.get(f"/audit/conversations/{chat_id}.xlsx")
    assert response.status == 200
    assert response.content_type == XLSX
    assert "attachment" in response.headers["Content-Disposition"]
    workbook = load_workbook(BytesIO(await response.read()))
    cells = [
        str(cell) for row in workbook.worksheets[0].iter_rows(values_only=True) for cell in row
    ]
    assert "Сәлеметсіз бе, апай!" in cells
    assert "Өшірілген сөз" in cells, "hidden messages are in the export"

    response = await panel.client.get(f"/audit/conversations/{chat_id}.pdf")
    assert response.status == 200
    assert response.content_type == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(await response.read())).pages)
    assert "Сәлеметсіз бе, апай!" in text
    assert "Өшірілген сөз" in text
