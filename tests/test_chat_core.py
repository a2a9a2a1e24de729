"""The chat's core rules, as members notice them: who is in a chat, who may post and read,
what an edit or a hide leaves behind, unread counts, and that nothing is ever lost."""

from __future__ import annotations

import pytest

from core.actor import Actor
from core.errors import InvalidInput, NotFound, PermissionDenied, RateLimited
from core.models.people import Role
from core.permissions import Permission
from core.services.academics import (
    enrol_student,
    unenrol_student,
)
from core.services.conversations import (
    ConversationKind,
    create_channel,
    list_conversations,
    open_direct,
    open_support_thread,
    readable,
)
from core.services.messages import (
    audit_history,
    edit_message,
    hide_message,
    history,
    mark_read,
    readers,
    search_messages,
    send_message,
)
from core.services.people import link_parent
from core.services.roles import set_permission
from tests.factories import make_chat_centre, make_member


async def _centre(deps):
    """An organisation with an admin, a teacher and two students sharing a group chat."""
    centre = await make_chat_centre(deps)
    system = Actor.system(centre.admin.organisation_id, "test")
    return system, centre.admin, centre.teacher, centre.aigul, centre.timur, centre.group_id


async def _group_chat(deps, actor):
    chats = [c for c in await list_conversations(deps, actor) if c.kind == ConversationKind.GROUP]
    assert len(chats) == 1
    return chats[0]


async def test_enrolled_students_and_teachers_share_the_group_chat(deps):
    _, _, teacher, aigul, timur, _ = await _centre(deps)
    chat = await _group_chat(deps, teacher)
    assert chat.title == "Алгебра 7А"
    for member in (aigul, timur):
        assert (await _group_chat(deps, member)).id == chat.id

    sent = await send_message(deps, aigul, conversation_id=chat.id, text="Сәлем, апай!")
    page = await history(timur, chat.id)
    assert [(m.author_name, m.text) for m in page.messages] == [("Сейтқали Айгүл", "Сәлем, апай!")]
    assert sent.seq == 1
    assert (await _group_chat(deps, timur)).unread == 1
    assert (await _group_chat(deps, aigul)).unread == 0, "one's own message is read"


async def test_a_student_who_leaves_reads_the_past_but_cannot_post(deps):
    _, admin, teacher, aigul, _, group_id = await _centre(deps)
    chat = await _group_chat(deps, aigul)
    await send_message(deps, teacher, conversation_id=chat.id, text="Ертең бақылау жұмысы")
    await unenrol_student(deps, admin, group_id=group_id, student_id=aigul.person_id)
    await send_message(deps, teacher, conversation_id=chat.id, text="Жаңа тақырып")

    page = await history(aigul, chat.id)
    assert [m.text for m in page.messages] == ["Ертең бақылау жұмысы"]
    with pytest.raises(PermissionDenied):
        await send_message(deps, aigul, conversation_id=chat.id, text="Мен де!")
    assert [m.text for m in (await history(teacher, chat.id)).messages] == [
        "Ертең бақылау жұмысы",
        "Жаңа тақырып",
    ]
    left = await _group_chat(deps, aigul)
    assert left.left and not left.can_post

    await enrol_student(deps, admin, group_id=group_id, student_id=aigul.person_id)
    await send_message(deps, aigul, conversation_id=chat.id, text="Мен қайта келдім")
    assert (await history(aigul, chat.id)).messages[-1].text == "Мен қайта келдім"


async def test_outsiders_cannot_read_or_post(deps):
    system, _, _, aigul, _, _ = await _centre(deps)
    chat = await _group_chat(deps, aigul)
    stranger = await make_member(deps, system, Role.STUDENT, last_name="Бөтен", first_name="Арман")
    with pytest.raises(NotFound):
        await history(stranger, chat.id)
    with pytest.raises(NotFound):
        await send_message(deps, stranger, conversation_id=chat.id, text="hi")
    with pytest.raises(NotFound):
        await history(stranger, 999_999)


async def test_parents_join_their_childs_group_chat_by_setting(deps):
    system, admin, _, aigul, _, _ = await _centre(deps)
    parent = await make_member(
        deps, system, Role.PARENT, last_name="Сейтқали", first_name="Гүлнар"
    )
    await link_parent(deps, admin, parent_id=parent.person_id, child_id=aigul.person_id)
    assert (await _group_chat(deps, parent)).title == "Алгебра 7А"


async def test_direct_conversations_follow_the_role_rules(deps):
    system, admin, teacher, aigul, timur, _ = await _centre(deps)
    parent = await make_member(deps, system, Role.PARENT, last_name="Ким", first_name="Ольга")

    chat = await open_direct(deps, aigul, person_id=teacher.person_id)
    assert chat.kind == ConversationKind.DIRECT and chat.title == "Ахметов Ерлан"
    again = await open_direct(deps, teacher, person_id=aigul.person_id)
    assert again.id == chat.id, "one conversation per pair"
    await open_direct(deps, aigul, person_id=timur.person_id)
    with pytest.raises(PermissionDenied):
        await open_direct(deps, parent, person_id=aigul.person_id)

    between_students = await open_direct(deps, timur, person_id=aigul.person_id)
    await set_permission(
        deps, admin, role=Role.STUDENT, permission=Permission.CHAT_DIRECT_STUDENTS, granted=False
    )
    with pytest.raises(PermissionDenied):
        await open_direct(deps, aigul, person_id=timur.person_id)
    with pytest.raises(PermissionDenied):
        await send_message(deps, aigul, conversation_id=between_students.id, text="сен қайдасың?")
    await send_message(deps, aigul, conversation_id=chat.id, text="Апай, сұрағым бар")


async def test_an_edit_keeps_every_revision_and_a_hide_keeps_the_message_for_audit(deps):
    _, admin, teacher, aigul, timur, _ = await _centre(deps)
    chat = await _group_chat(deps, aigul)
    message = await send_message(deps, aigul, conversation_id=chat.id, text="Үй жұмысы қиын")
    await edit_message(deps, aigul, message_id=message.id, text="Үй жұмысы өте қиын")
    edited = await edit_message(deps, aigul, message_id=message.id, text="Үй жұмысын түсінбедім")
    assert edited.text == "Үй жұмысын түсінбедім" and edited.edited_at is not None
    with pytest.raises(PermissionDenied):
        await edit_message(deps, timur, message_id=message.id, text="forged")

    with pytest.raises(PermissionDenied):
        await hide_message(deps, timur, message_id=message.id)
    await hide_message(deps, teacher, message_id=message.id, reason="spam")
    seen = (await history(timur, chat.id)).messages[0]
    assert seen.hidden and seen.text == "" and seen.html == ""

    _, audited, _ = await audit_history(deps, admin, chat.id)
    assert audited[0].text == "Үй жұмысын түсінбедім"
    assert [r.text for r in audited[0].revisions] == ["Үй жұмысы қиын", "Үй жұмысы өте қиын"]
    assert audited[0].hidden_by_name == "Ахметов Ерлан"
    with pytest.raises(PermissionDenied):
        await audit_history(deps, teacher, chat.id)


async def test_read_markers_give_unread_counts_and_who_has_read(deps):
    _, _, teacher, aigul, timur, _ = await _centre(deps)
    chat = await _group_chat(deps, teacher)
    first = await send_message(deps, teacher, conversation_id=chat.id, text="1")
    await send_message(deps, teacher, conversation_id=chat.id, text="2")
    assert (await _group_chat(deps, aigul)).unread == 2
    await mark_read(deps, aigul, conversation_id=chat.id, seq=1)
    assert (await _group_chat(deps, aigul)).unread == 1
    await mark_read(deps, aigul, conversation_id=chat.id, seq=0)
    assert (await _group_chat(deps, aigul)).unread == 1, "a read marker never moves back"
    assert [name for _, name in await readers(teacher, first.id)] == ["Сейтқали Айгүл"]
    await mark_read(deps, timur, conversation_id=chat.id, seq=99)
    assert (await _group_chat(deps, timur)).unread == 0


async def test_a_resend_with_the_same_client_id_stores_one_message(deps):
    _, _, _, aigul, _, _ = await _centre(deps)
    chat = await _group_chat(deps, aigul)
    first = await send_message(deps, aigul, conversation_id=chat.id, text="бір", client_id="c-1")
    again = await send_message(deps, aigul, conversation_id=chat.id, text="бір", client_id="c-1")
    assert again.id == first.id
    assert len((await history(aigul, chat.id)).messages) == 1


async def test_bad_messages_are_refused_with_a_reason(deps):
    _, _, _, aigul, _, _ = await _centre(deps)
    chat = await _group_chat(deps, aigul)
    for text in ("", "   \n  ", "x" * 4001):
        with pytest.raises(InvalidInput) as refused:
            await send_message(deps, aigul, conversation_id=chat.id, text=text)
        assert refused.value.field == "text"
    with pytest.raises(NotFound):
        await send_message(deps, aigul, conversation_id=chat.id, text="re", reply_to_id=12345)
    hostile = await send_message(
        deps,
        aigul,
        conversation_id=chat.id,
        text='<script>alert(1)</script><img src=x onerror="x">',
    )
    assert "<script" not in hostile.html and "<img" not in hostile.html
    assert hostile.text.startswith("<script>"), "the text itself is kept as typed"
    assert len((await history(aigul, chat.id)).messages) == 1


async def test_a_flood_is_stopped(deps, settings):
    _, _, _, aigul, _, _ = await _centre(deps)
    chat = await _group_chat(deps, aigul)
    with pytest.raises(RateLimited):
        for n in range(settings.chat_messages_per_minute + 1):
            await send_message(deps, aigul, conversation_id=chat.id, text=f"{n}")
    assert len((await history(aigul, chat.id, limit=100)).messages) == (
        settings.chat_messages_per_minute
    )


async def test_channels_let_only_posters_post(deps):
    _, admin, teacher, aigul, _, _ = await _centre(deps)
    channel = await create_channel(
        deps, admin, title="Хабарландырулар", audience=[Role.STUDENT], posters=[Role.ADMIN]
    )
    await send_message(deps, admin, conversation_id=channel.id, text="Ертең демалыс")
    student_view = next(c for c in await list_conversations(deps, aigul) if c.id == channel.id)
    assert not student_view.can_post
    with pytest.raises(PermissionDenied):
        await send_message(deps, aigul, conversation_id=channel.id, text="ура!")
    assert (await history(aigul, channel.id)).messages[0].text == "Ертең демалыс"
    with pytest.raises(PermissionDenied):
        await create_channel(deps, teacher, title="x", audience=[Role.STUDENT], posters=[])


async def test_support_threads_reach_the_staff_who_answer_them(deps):
    _, admin, teacher, aigul, _, _ = await _centre(deps)
    thread = await open_support_thread(deps, aigul, title="Төлем туралы")
    await send_message(deps, aigul, conversation_id=thread.id, text="Чек келмеді")
    assert (await history(admin, thread.id)).messages[0].text == "Чек келмеді"
    await send_message(deps, admin, conversation_id=thread.id, text="Тексеремін")
    with pytest.raises(NotFound):
        await readable(teacher, thread.id)


async def test_search_finds_only_what_one_may_read(deps):
    _, admin, teacher, aigul, timur, group_id = await _centre(deps)
    chat = await _group_chat(deps, aigul)
    await send_message(deps, teacher, conversation_id=chat.id, text="Сабаққа кешікпеңдер")
    private = await open_direct(deps, teacher, person_id=timur.person_id)
    await send_message(deps, teacher, conversation_id=private.id, text="Сабақтар туралы жеке сөз")

    found = await search_messages(deps, aigul, query="сабақ")
    assert [hit.message.text for hit in found] == ["Сабаққа кешікпеңдер"]
    found = await search_messages(deps, timur, query="САБАҚ")
    assert {hit.message.text for hit in found} == {
        "Сабаққа кешікпеңдер",
        "Сабақтар туралы жеке сөз",
    }
    found = await search_messages(deps, timur, query="сабақ in:Алгебра")
    assert [hit.conversation_title for hit in found] == ["Алгебра 7А"]

    await unenrol_student(deps, admin, group_id=group_id, student_id=aigul.person_id)
    await send_message(deps, teacher, conversation_id=chat.id, text="Сабақ ауысты")
    assert [hit.message.text for hit in await search_messages(deps, aigul, query="сабақ")] == [
        "Сабаққа кешікпеңдер"
    ]


async def test_a_channel_for_an_unknown_role_is_refused(deps):
    _, admin, _, _, _, _ = await _centre(deps)
    with pytest.raises(InvalidInput) as refused:
        await create_channel(deps, admin, title="Жаңалықтар", audience=["wizard"], posters=[])
    assert refused.value.field == "audience"
