"""The chat's Telegram bridge end to end (issue 4): core ``send_message`` → outbox →
``DeliveryWorker`` → the Bot API emulator, and replies and "Write to group" back through the
main bot into the conversation. ``fsm_storage`` runs each test with memory and Redis FSM.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from bots.delivery import DeliveryWorker, Sender
from bots.routers.chat import BRIDGE_OFF, BRIDGE_ON, ONLY_TEXT
from bots.texts import STALE_BUTTON, Translator
from core.actor import Actor
from core.deps import Deps
from core.i18n import N_
from core.models.chat import Conversation, Message
from core.models.notifications import OutboxMessage
from core.services.academics import (
    CourseData,
    GroupData,
    create_course,
    create_group,
    enrol_student,
    unenrol_student,
)
from core.services.chat_bridge import do_bridge_message, reply_target
from core.services.conversations import list_conversations, open_direct
from core.services.messages import MessageView, history, send_message
from core.services.people import PersonData, Role, create_person
from core.tx import transaction
from tests.bots import JSON, BotHarness, buttons, link_person, menu_labels
from tests.factories import make_member, make_organisation, make_student

en = Translator("en")
GROUP = "Физика 8Б"
OTHER_GROUP = "Алгебра 9А"


@dataclass(frozen=True)
class Classroom:
    """A teacher and two students in one group; the teacher also teaches an empty group."""

    admin: Actor
    teacher: Actor
    student: Actor
    classmate: Actor
    group_id: int
    conversation_id: int
    other_conversation_id: int


def _as(person_id: int, organisation_id: int, role: Role) -> Actor:
    return Actor(person_id=person_id, organisation_id=organisation_id, roles=frozenset({role}))


async def _group_chat(deps: Deps, teacher: Actor, name: str) -> int:
    return next(c.id for c in await list_conversations(deps, teacher) if c.title == name)


async def make_classroom(deps: Deps) -> Classroom:
    system = await make_organisation(deps, name="Білім орталығы")
    admin = await make_member(deps, system, Role.ADMIN)
    org = admin.organisation_id
    teacher = await create_person(
        deps,
        admin,
        data=PersonData(last_name="Ахметов", first_name="Бекзат"),
        roles=(Role.TEACHER,),
    )
    student = await make_student(deps, admin, "Омарова", "Айгерім")
    classmate = await make_student(deps, admin, "Сейітов", "Ерлан")
    course = await create_course(deps, admin, data=CourseData(name_ru="Физика", name_kk="Физика"))
    group = await create_group(
        deps,
        admin,
        data=GroupData(course_id=course.id, name=GROUP, capacity=10, teacher_ids=(teacher.id,)),
    )
    await create_group(
        deps,
        admin,
        data=GroupData(
            course_id=course.id, name=OTHER_GROUP, capacity=10, teacher_ids=(teacher.id,)
        ),
    )
    for person in (student, classmate):
        await enrol_student(deps, admin, group_id=group.id, student_id=person)
    teacher_actor = _as(teacher.id, org, Role.TEACHER)
    return Classroom(
        admin=admin,
        teacher=teacher_actor,
        student=_as(student, org, Role.STUDENT),
        classmate=_as(classmate, org, Role.STUDENT),
        group_id=group.id,
        conversation_id=await _group_chat(deps, teacher_actor, GROUP),
        other_conversation_id=await _group_chat(deps, teacher_actor, OTHER_GROUP),
    )


@pytest.fixture
async def worker(deps: Deps, main_bot: BotHarness) -> AsyncIterator[DeliveryWorker]:
    # No pacing: the emulator's rate limits are off too, and tests never wait on a clock.
    sender = Sender(main_bot.bot, per_second=1000, private_interval=0, group_interval=0)
    yield DeliveryWorker(deps, sender, lease_seconds=60)
    sender.uninstall()


async def link(harness: BotHarness, deps: Deps, room: Classroom, actor: Actor) -> int:
    """A Telegram user linked to the actor's person, speaking English; returns their id."""
    assert actor.person_id is not None
    user = harness.add_user(language_code="en")
    welcome = await link_person(harness, deps, room.admin, actor.person_id, user)
    await harness.press(user, welcome, "lang:en", expect=1)
    return user


async def switch_bridge(harness: BotHarness, user: int, *, on: bool) -> JSON:
    """Turn "Chat in Telegram" on or off from the menu; returns the settings message."""
    (setting,) = await harness.send(user, en(N_("Chat in Telegram")))
    await harness.press(user, setting, f"bridge:{int(on)}", edits=1)
    return harness.message(user, setting["message_id"])


async def reply(harness: BotHarness, user: int, to: JSON, text: str) -> JSON:
    """The user replies in Telegram to the bot's message ``to``; returns the bot's answer."""
    before = len(harness.sent(user))
    await harness.emulator.user_sends(
        harness.token, user, text, reply_to_message_id=to["message_id"]
    )
    return (await harness.emulator.wait_sent(harness.token, user, count=before + 1))[before]


async def last_messages(actor: Actor, conversation_id: int) -> list[MessageView]:
    return list((await history(actor, conversation_id)).messages)


async def test_a_students_message_reaches_the_teacher_in_telegram_and_the_reply_goes_back(
    deps: Deps, main_bot: BotHarness, worker: DeliveryWorker
):
    room = await make_classroom(deps)
    teacher = await link(main_bot, deps, room, room.teacher)
    setting = await switch_bridge(main_bot, teacher, on=True)
    assert setting["text"] == en(BRIDGE_ON)
    assert buttons(setting) == [(en("Turn off"), "bridge:0")]
    posted = await send_message(
        deps, room.student, conversation_id=room.conversation_id, text="Үй тапсырмасы қандай?"
    )
    before = len(main_bot.sent(teacher))

    stats = await worker.run_once()

    assert stats.sent == 1
    (bridged,) = main_bot.sent(teacher)[before:]
    assert bridged["text"] == f"{GROUP} — Омарова Айгерім\nҮй тапсырмасы қандай?"

    answer = await reply(main_bot, teacher, bridged, "Параграф 5, 3-жаттығу.")

    assert answer["text"] == en("Sent to “{group}”.", group=GROUP)
    *_, stored = await last_messages(room.student, room.conversation_id)
    assert (stored.author_id, stored.author_name) == (room.teacher.person_id, "Ахметов Бекзат")
    assert (stored.text, stored.source) == ("Параграф 5, 3-жаттығу.", "telegram")
    assert stored.reply_to_id == posted.id


async def test_a_member_gets_others_messages_but_not_their_own(
    deps: Deps, main_bot: BotHarness, worker: DeliveryWorker
):
    room = await make_classroom(deps)
    teacher = await link(main_bot, deps, room, room.teacher)
    student = await link(main_bot, deps, room, room.student)
    await switch_bridge(main_bot, teacher, on=True)
    await switch_bridge(main_bot, student, on=True)
    counts = len(main_bot.sent(teacher)), len(main_bot.sent(student))

    await send_message(deps, room.teacher, conversation_id=room.conversation_id, text="Сәлем!")
    await worker.run_once()

    assert len(main_bot.sent(teacher)) == counts[0]
    (bridged,) = main_bot.sent(student)[counts[1] :]
    assert bridged["text"] == f"{GROUP} — Ахметов Бекзат\nСәлем!"


async def test_with_the_bridge_off_nothing_is_delivered(
    deps: Deps, main_bot: BotHarness, worker: DeliveryWorker
):
    room = await make_classroom(deps)
    teacher = await link(main_bot, deps, room, room.teacher)
    (setting,) = await main_bot.send(teacher, en(N_("Chat in Telegram")))
    assert setting["text"] == en(BRIDGE_OFF)
    assert buttons(setting) == [(en("Turn on"), "bridge:1")]
    await send_message(deps, room.student, conversation_id=room.conversation_id, text="Бірінші")
    await switch_bridge(main_bot, teacher, on=True)
    off = await switch_bridge(main_bot, teacher, on=False)
    assert off["text"] == en(BRIDGE_OFF)
    before = len(main_bot.sent(teacher))

    await send_message(deps, room.student, conversation_id=room.conversation_id, text="Екінші")
    stats = await worker.run_once()

    assert stats.claimed == 0
    assert len(main_bot.sent(teacher)) == before
    assert not await OutboxMessage.filter(person_id=room.teacher.person_id).exists()


async def test_a_student_who_left_the_group_cannot_answer_from_telegram(
    deps: Deps, main_bot: BotHarness, worker: DeliveryWorker
):
    room = await make_classroom(deps)
    student = await link(main_bot, deps, room, room.student)
    await switch_bridge(main_bot, student, on=True)
    await send_message(deps, room.teacher, conversation_id=room.conversation_id, text="Ертең тест")
    await worker.run_once()
    bridged = main_bot.sent(student)[-1]
    assert bridged["text"] == f"{GROUP} — Ахметов Бекзат\nЕртең тест"
    await unenrol_student(
        deps, room.admin, group_id=room.group_id, student_id=room.student.person_id or 0
    )

    refusal = await reply(main_bot, student, bridged, "Мен келемін")

    assert refusal["text"] == en(
        N_("You are no longer a member of this conversation, so you cannot post in it.")
    )
    texts = [m.text for m in await last_messages(room.teacher, room.conversation_id)]
    assert texts == ["Ертең тест"]
    # Nor do the group's new messages reach them any more.
    before = len(main_bot.sent(student))
    await send_message(deps, room.teacher, conversation_id=room.conversation_id, text="Келесі")
    await worker.run_once()
    assert len(main_bot.sent(student)) == before


async def test_a_reply_to_anything_else_is_not_posted(
    deps: Deps, main_bot: BotHarness, worker: DeliveryWorker
):
    room = await make_classroom(deps)
    teacher = await link(main_bot, deps, room, room.teacher)
    setting = await switch_bridge(main_bot, teacher, on=True)

    answer = await reply(main_bot, teacher, setting, "Бұл чатқа емес")

    assert answer["text"] == en("Please choose an item from the menu.")
    assert await last_messages(room.teacher, room.conversation_id) == []


async def test_a_draft_must_be_text(deps: Deps, main_bot: BotHarness):
    room = await make_classroom(deps)
    teacher = await link(main_bot, deps, room, room.teacher)
    (picker,) = await main_bot.send(teacher, en(N_("Write to group")))
    await main_bot.press(teacher, picker, f"write:{room.conversation_id}", edits=1)
    before = len(main_bot.sent(teacher))

    await main_bot.emulator.user_sends_document(main_bot.token, teacher, b"%PDF-1.4\n", "a.pdf")
    (answer,) = (await main_bot.emulator.wait_sent(main_bot.token, teacher, before + 1))[before:]

    assert answer["text"] == en(ONLY_TEXT)
    assert await last_messages(room.teacher, room.conversation_id) == []


async def test_hostile_text_arrives_as_inert_plain_text(
    deps: Deps, main_bot: BotHarness, worker: DeliveryWorker
):
    room = await make_classroom(deps)
    teacher = await link(main_bot, deps, room, room.teacher)
    await switch_bridge(main_bot, teacher, on=True)
    hostile = (
        '<b>x</b><script>alert("1")</script> <a href="tg://user?id=1">me</a> '
        f"**қалың** @[Бастық](person:{room.classmate.person_id})"
    )

    await send_message(deps, room.student, conversation_id=room.conversation_id, text=hostile)
    stats = await worker.run_once()

    assert (stats.sent, stats.failed) == (1, 0)
    bridged = main_bot.sent(teacher)[-1]
    assert bridged["text"] == (
        f"{GROUP} — Омарова Айгерім\n"
        '<b>x</b><script>alert("1")</script> <a href="tg://user?id=1">me</a> '
        "қалың @Сейітов Ерлан"
    )
    assert "entities" not in bridged


async def test_a_teacher_writes_to_a_chosen_group_from_the_bot(
    deps: Deps, main_bot: BotHarness, worker: DeliveryWorker
):
    room = await make_classroom(deps)
    teacher = await link(main_bot, deps, room, room.teacher)
    classmate = await link(main_bot, deps, room, room.classmate)
    await switch_bridge(main_bot, classmate, on=True)
    (menu,) = await main_bot.send(teacher, "/menu")
    assert en(N_("Write to group")) in menu_labels(menu)

    (picker,) = await main_bot.send(teacher, en(N_("Write to group")))
    assert picker["text"] == en("Choose a group to write to.")
    assert buttons(picker) == [
        (OTHER_GROUP, f"write:{room.other_conversation_id}"),
        (GROUP, f"write:{room.conversation_id}"),
    ]
    await main_bot.press(teacher, picker, f"write:{room.conversation_id}", edits=1)
    prompt = main_bot.message(teacher, picker["message_id"])
    assert prompt["text"] == en("Write your message to “{group}”.", group=GROUP)
    (confirm,) = await main_bot.send(teacher, "Ертең сабақ 10:00-де.")
    assert confirm["text"] == en("Send this message to “{group}”?", group=GROUP)
    assert buttons(confirm) == [(en("Send"), "draft:1"), (en("Cancel"), "draft:0")]
    await main_bot.press(teacher, confirm, "draft:1", edits=1)

    assert main_bot.message(teacher, confirm["message_id"])["text"] == en(
        "Sent to “{group}”.", group=GROUP
    )
    (stored,) = await last_messages(room.teacher, room.conversation_id)
    assert (stored.author_id, stored.text, stored.source) == (
        room.teacher.person_id,
        "Ертең сабақ 10:00-де.",
        "telegram",
    )
    assert await last_messages(room.teacher, room.other_conversation_id) == []
    # Pressing Send again posts nothing more; the group sees the message in Telegram too.
    answer, _ = await main_bot.press(teacher, confirm, "draft:1")
    assert answer["text"] == en(STALE_BUTTON)
    assert len(await last_messages(room.teacher, room.conversation_id)) == 1
    await worker.run_once()
    assert (
        main_bot.sent(classmate)[-1]["text"] == f"{GROUP} — Ахметов Бекзат\nЕртең сабақ 10:00-де."
    )


async def test_a_cancelled_draft_posts_nothing_and_menu_buttons_still_work(
    deps: Deps, main_bot: BotHarness
):
    room = await make_classroom(deps)
    teacher = await link(main_bot, deps, room, room.teacher)
    (picker,) = await main_bot.send(teacher, en(N_("Write to group")))
    await main_bot.press(teacher, picker, f"write:{room.conversation_id}", edits=1)

    (card,) = await main_bot.send(teacher, en(N_("My profile")))
    assert card["text"].splitlines()[0] == "Ахметов Бекзат"
    (confirm,) = await main_bot.send(teacher, "Қате мәтін")
    await main_bot.press(teacher, confirm, "draft:0", edits=1)

    assert main_bot.message(teacher, confirm["message_id"])["text"] == en(
        "Cancelled. Nothing was sent."
    )
    assert await last_messages(room.teacher, room.conversation_id) == []
    (after,) = await main_bot.send(teacher, "Тағы бір мәтін")
    assert after["text"] == en("Please choose an item from the menu.")


async def test_write_to_group_is_for_teachers_and_only_their_groups(
    deps: Deps, main_bot: BotHarness
):
    room = await make_classroom(deps)
    student = await link(main_bot, deps, room, room.student)
    (menu,) = await main_bot.send(student, "/menu")
    assert menu_labels(menu) == [
        en(N_("Schedule")),
        en(N_("Homework")),
        en(N_("Progress")),
        en(N_("Tests")),
        en(N_("Programming")),
        en(N_("Rating")),
        en(N_("Reminders")),
        en(N_("Consultations")),
        en(N_("Balance and payments")),
        en(N_("My profile")),
        en(N_("Chat in Telegram")),
        en(N_("Language")),
        en(N_("Help")),
    ]

    forged, _ = await main_bot.press(student, menu, f"write:{room.conversation_id}")
    teacher = await link(main_bot, deps, room, room.teacher)
    (picker,) = await main_bot.send(teacher, en(N_("Write to group")))
    elsewhere = await make_organisation(deps, name="Басқа орталық")
    strangers = await make_member(deps, elsewhere, Role.ADMIN)
    foreign = await create_group(
        deps,
        strangers,
        data=GroupData(
            course_id=(
                await create_course(deps, strangers, data=CourseData(name_ru="Х", name_kk="Х"))
            ).id,
            name="Бөтен топ",
            capacity=5,
        ),
    )
    foreign_chat = await Conversation.get(group_id=foreign.id).values_list("id", flat=True)
    not_theirs, _ = await main_bot.press(teacher, picker, f"write:{foreign_chat}")

    assert forged["text"] == not_theirs["text"] == en(STALE_BUTTON)
    assert main_bot.message(teacher, picker["message_id"])["text"] == picker["text"]


async def test_bridging_a_message_twice_queues_each_copy_once(
    deps: Deps, main_bot: BotHarness, worker: DeliveryWorker
):
    room = await make_classroom(deps)
    teacher = await link(main_bot, deps, room, room.teacher)
    await switch_bridge(main_bot, teacher, on=True)
    posted = await send_message(
        deps, room.student, conversation_id=room.conversation_id, text="Бір рет"
    )
    conversation = await Conversation.get(id=room.conversation_id)
    message = await Message.get(id=posted.id)

    async with transaction(deps) as tx:
        await do_bridge_message(tx, conversation, message)
    stats = await worker.run_once()

    assert stats.sent == 1
    assert [m["text"] for m in main_bot.sent(teacher)].count(
        f"{GROUP} — Омарова Айгерім\nБір рет"
    ) == 1


async def test_after_linking_another_telegram_old_copies_are_no_reply_targets(
    deps: Deps, main_bot: BotHarness, worker: DeliveryWorker
):
    room = await make_classroom(deps)
    teacher_id = room.teacher.person_id or 0
    old_phone = await link(main_bot, deps, room, room.teacher)
    await switch_bridge(main_bot, old_phone, on=True)
    posted = await send_message(deps, room.student, conversation_id=room.conversation_id, text="?")
    await worker.run_once()
    copy_id = main_bot.sent(old_phone)[-1]["message_id"]
    target = await reply_target(teacher_id, copy_id)
    assert target is not None
    assert (target.conversation_id, target.message_id) == (room.conversation_id, posted.id)

    await link(main_bot, deps, room, room.teacher)  # a new phone: message ids start again

    assert await reply_target(teacher_id, copy_id) is None


async def test_a_teacher_without_groups_is_told_so(deps: Deps, main_bot: BotHarness):
    room = await make_classroom(deps)
    newcomer = await create_person(
        deps,
        room.admin,
        data=PersonData(last_name="Жаңа", first_name="Мұғалім"),
        roles=(Role.TEACHER,),
    )
    user = await link(
        main_bot, deps, room, _as(newcomer.id, room.admin.organisation_id, Role.TEACHER)
    )

    (answer,) = await main_bot.send(user, en(N_("Write to group")))

    assert answer["text"] == en("You have no group chats to write to.")
    assert buttons(answer) == []


async def test_a_direct_message_reaches_the_teacher_and_the_answer_goes_back(
    deps: Deps, main_bot: BotHarness, worker: DeliveryWorker
):
    room = await make_classroom(deps)
    teacher = await link(main_bot, deps, room, room.teacher)
    await switch_bridge(main_bot, teacher, on=True)
    assert room.teacher.person_id is not None
    direct = await open_direct(deps, room.student, person_id=room.teacher.person_id)
    await send_message(deps, room.student, conversation_id=direct.id, text="Апай, ертең келмеймін")
    before = len(main_bot.sent(teacher))

    await worker.run_once()

    (bridged,) = main_bot.sent(teacher)[before:]
    assert bridged["text"] == "Омарова Айгерім\nАпай, ертең келмеймін"
    answer = await reply(main_bot, teacher, bridged, "Жарайды, сау бол")
    assert answer["text"] == en("Sent to “{group}”.", group="Омарова Айгерім")
    *_, stored = await last_messages(room.student, direct.id)
    assert (stored.author_id, stored.text) == (room.teacher.person_id, "Жарайды, сау бол")
