"""The complaints bot through the Bot API emulator (issue 8): filing by the poster's link with
a photo, refusals of bad input, tracking codes and their rate limit, a staff answer that
reaches the complainant and their reply back into the thread, status notices, named
complaints and the helplines. ``fsm_storage`` runs each test with the deployment's FSM
storage (memory on SQLite, Redis on PostgreSQL)."""

from __future__ import annotations

import io
import re
from collections.abc import AsyncIterator

import pytest
from aiogram.fsm.storage.base import BaseStorage, StorageKey
from aiogram.fsm.storage.memory import MemoryStorage
from limits import RateLimitItemPerMinute
from PIL import Image

from bots.complaints_delivery import ComplaintReplies
from bots.delivery import Sender
from bots.routers.complaints import TEXT
from bots.testing.emulator import BotAPIEmulator
from bots.texts import STALE_BUTTON, THROTTLED, Translator
from core.deps import Deps
from core.safety import HELPLINES
from core.services.complaints import (
    ComplaintAuthor,
    ComplaintStatus,
    access_complaint,
    attachment_file,
    inbox,
    reply,
    set_status,
)
from core.services.people import Role
from core.services.telegram import (
    link_telegram,
    mark_unreachable,
    telegram_identity,
)
from tests.bots import JSON, BotHarness, buttons, invitation_code, running_bot
from tests.complaint_factories import (
    AUTHOR,
    BULLYING_TEXT,
    ORIGINAL_NAME,
    SELF_HARM_TEXT,
    ComplaintSchool,
    docx_document,
    file,
    make_complaint_school,
    pdf_document,
    photo,
)
from tests.factories import make_member

en = Translator("en")
SCHOOL = "№12 мектеп-гимназия"
CATEGORIES = [
    ("Bullying", "cpc:bullying"),
    ("A teacher", "cpc:teacher"),
    ("Money", "cpc:finance"),
    ("Schedule", "cpc:schedule"),
    ("Safety", "cpc:safety"),
    ("Something else", "cpc:other"),
    ("Cancel", "cpf:0"),
]
SEND_OR_CANCEL = [("Send", "cpf:1"), ("Cancel", "cpf:0")]
ASK_PICTURES = (
    "Add photos or files if you have any (at most 10: PDF, Word, Excel, PowerPoint, "
    "OpenDocument, text), then press “Send”."
)
MENU = [("New complaint", "cpm:new"), ("Check my complaint", "cpm:track")]
CODE = re.compile(r"Your tracking code: ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})")


@pytest.fixture
async def bot(
    deps: Deps, emulator: BotAPIEmulator, fsm_storage: BaseStorage
) -> AsyncIterator[BotHarness]:
    async with running_bot(deps, emulator, fsm_storage, kind="complaints") as harness:
        yield harness
        # A handler answers before it saves its prompt in the FSM data: stopping the bot in
        # between would cancel a Redis call half-way, which can hang the connection. (So no
        # test here queues updates this bot does not take, such as a block: they stay
        # pending for ever.)
        await harness.settle()


@pytest.fixture
async def replies(deps: Deps, bot: BotHarness) -> AsyncIterator[ComplaintReplies]:
    # No pacing: the emulator's rate limits are off too, and tests never wait on a clock.
    sender = Sender(bot.bot, per_second=1000, private_interval=0, group_interval=0)
    yield ComplaintReplies(deps, sender)
    sender.uninstall()


@pytest.fixture
async def school(deps: Deps) -> ComplaintSchool:
    return await make_complaint_school(deps)


async def send_photo(bot: BotHarness, user: int, data: bytes, *, caption: str = "") -> JSON:
    """The user sends a photo; returns the bot's answer."""
    before = len(bot.sent(user))
    await bot.emulator.user_sends_photo(bot.token, user, data, caption=caption or None)
    return (await bot.emulator.wait_sent(bot.token, user, count=before + 1))[before]


async def open_by_link(bot: BotHarness, user: int, school: ComplaintSchool) -> JSON:
    """The user scans the poster's QR code: the bot asks what the complaint is about."""
    (prompt,) = await bot.send(user, f"/start org-{school.public_code}")
    return prompt


async def bullying_draft(bot: BotHarness, user: int, school: ComplaintSchool) -> JSON:
    """An anonymous bullying complaint by the poster's link, its text written; returns the
    bot's offer to add photos and send."""
    prompt = await open_by_link(bot, user, school)
    await bot.press(user, prompt, "cpc:bullying", edits=1)
    (offer,) = await bot.send(user, BULLYING_TEXT)
    return offer


async def send_draft(bot: BotHarness, user: int, offer: JSON) -> str:
    """The user presses "Send"; returns the bot's answer."""
    _, (filed,) = await bot.press(user, offer, "cpf:1", expect=1)
    return str(filed["text"])


async def only_complaint(deps: Deps, school: ComplaintSchool) -> int:
    rows, total = await inbox(deps, school.admin)
    assert total == 1
    return rows[0].id


async def test_an_anonymous_student_files_a_complaint_with_a_photo_by_the_posters_link(
    deps: Deps, bot: BotHarness, school: ComplaintSchool
):
    user = bot.add_user(language_code="en")

    prompt = await open_by_link(bot, user, school)
    assert prompt["text"] == (
        f"A complaint to {SCHOOL}.\nYour complaint is anonymous: the school will not know who "
        "wrote. The answer still comes to you here.\n\nWhat is it about?"
    )
    assert buttons(prompt) == CATEGORIES
    await bot.press(user, prompt, "cpc:bullying", edits=1)
    asked = bot.message(user, prompt["message_id"])
    assert asked["text"] == (
        "About: Bullying.\n\nDescribe what happened in one message: what, where and when. "
        "At most 4000 characters. You can add photos or files after it."
    )
    (offer,) = await bot.send(user, BULLYING_TEXT)
    assert (offer["text"], buttons(offer)) == (ASK_PICTURES, SEND_OR_CANCEL)
    added = await send_photo(bot, user, photo())
    assert added["text"] == f"Photo 1 of 10 added.\n{ASK_PICTURES}"
    assert buttons(added) == SEND_OR_CANCEL

    filed = await send_draft(bot, user, added)
    code = CODE.search(filed)
    assert code is not None
    assert filed == (
        f"Your complaint is sent to {SCHOOL}.\n\nYour tracking code: {code.group(1)}\n\n"
        "Keep it: with it you can check the answer here under “Check my complaint”, also "
        "from another phone."
    )
    assert buttons(bot.sent(user)[-1]) == MENU
    assert buttons(bot.message(user, added["message_id"])) == []  # "Send" went with the draft

    card = await access_complaint(deps, school.psychologist, await only_complaint(deps, school))
    assert (card.anonymous, card.complainant, card.category.value) == (True, None, "bullying")
    (entry,) = card.entries
    assert (entry.text, len(entry.attachments)) == (BULLYING_TEXT, 1)
    # Once filed, nothing of the draft or the complaint stays with the chat.
    key = StorageKey(bot_id=bot.bot.id, chat_id=user, user_id=user)
    storage = bot.dispatcher.storage
    assert (await storage.get_state(key), await storage.get_data(key)) == (None, {})


async def test_an_unknown_organisation_code_is_refused_with_the_menu(
    bot: BotHarness, school: ComplaintSchool
):
    user = bot.add_user(language_code="en")

    (refused,) = await bot.send(user, "/start org-AAAAAAAAAA")

    assert refused["text"] == (
        "No organisation has this code. Check it on the poster or ask the school."
    )
    assert buttons(refused) == MENU
    _, (asked,) = await bot.press(user, refused, "cpm:new", expect=1)
    assert asked["text"] == (
        "Type the code of the school or learning centre. It is on the complaints poster, "
        "under the QR code."
    )
    (chosen,) = await bot.send(user, school.public_code.lower())
    assert chosen["text"].startswith(f"A complaint to {SCHOOL}.")


async def test_an_empty_or_too_long_text_is_refused_and_the_draft_goes_on(
    deps: Deps, bot: BotHarness, school: ComplaintSchool
):
    user = bot.add_user(language_code="en")
    prompt = await open_by_link(bot, user, school)
    await bot.press(user, prompt, "cpc:other", edits=1)

    (empty,) = await bot.send(user, "   ")
    (long,) = await bot.send(user, "ә" * 4001)
    (sticker_like,) = await bot.send(user, "/help")

    assert empty["text"] == "The complaint is empty. Write what happened in a message."
    assert long["text"] == (
        "The text is too long: 4001 characters, at most 4000. Shorten it and send it again."
    )
    assert buttons(sticker_like) == MENU  # a command is never taken for the complaint
    (offer,) = await bot.send(user, "Асханада тамақ суық.")
    assert await send_draft(bot, user, offer) != ""
    card = await access_complaint(deps, school.admin, await only_complaint(deps, school))
    assert [entry.text for entry in card.entries] == ["Асханада тамақ суық."]


async def test_eleven_pictures_are_refused_while_the_ten_stay(
    deps: Deps, bot: BotHarness, school: ComplaintSchool
):
    user = bot.add_user(language_code="en")
    offer = await bullying_draft(bot, user, school)
    small = photo(size=(64, 48))

    answers = [await send_photo(bot, user, small) for _ in range(11)]

    assert [a["text"].split("\n")[0] for a in answers[:10]] == [
        f"Photo {n} of 10 added." for n in range(1, 11)
    ]
    assert answers[10]["text"] == (
        "At most 10 photos and files go with one message, so this one was not added. The 10 "
        "added before are kept. Press “Send”."
    )
    assert buttons(answers[10]) == SEND_OR_CANCEL
    assert "tracking code" in await send_draft(bot, user, offer)
    card = await access_complaint(deps, school.admin, await only_complaint(deps, school))
    assert len(card.entries[0].attachments) == 10


NOT_ACCEPTED = (
    "Only photos (JPG, PNG, WebP), PDF, Word, Excel, PowerPoint, OpenDocument and text files "
    "can be added; this file was not added."
)
DOCUMENT_ADDED = (
    "File {number} of 10 added. Its author, comments' authors and other hidden details are "
    "removed when it is sent; a name written in the text itself stays."
)


async def send_document(
    bot: BotHarness, user: int, data: bytes, name: str, mime_type: str | None = None
) -> JSON:
    """The user sends a file; returns the bot's answer."""
    before = len(bot.sent(user))
    await bot.emulator.user_sends_document(bot.token, user, data, name, mime_type=mime_type)
    return (await bot.emulator.wait_sent(bot.token, user, count=before + 1))[before]


async def test_a_file_of_a_kind_not_taken_is_refused_as_it_arrives(
    bot: BotHarness, school: ComplaintSchool
):
    user = bot.add_user(language_code="en")
    await bullying_draft(bot, user, school)

    # Refused as they arrive, so they never block "Send": a picture core cannot redraw,
    # a program, an archive (it hides what is inside), a web page.
    refused = [
        await send_document(bot, user, b"GIF89a...", "meme.gif"),
        await send_document(bot, user, b"MZ\x90\x00", "setup.exe"),
        await send_document(bot, user, b"PK\x03\x04", "photos.zip"),
        await send_document(bot, user, b"<script>", "page.html"),
    ]

    assert [answer["text"] for answer in refused] == [NOT_ACCEPTED] * 4


async def test_a_pdf_sent_as_a_file_goes_with_the_complaint_without_its_author(
    deps: Deps, bot: BotHarness, school: ComplaintSchool
):
    user = bot.add_user(language_code="en")
    await bullying_draft(bot, user, school)
    added = await send_photo(bot, user, photo(size=(64, 48)))
    assert added["text"].startswith("Photo 1 of 10 added.")

    added = await send_document(bot, user, pdf_document(), ORIGINAL_NAME)

    assert added["text"] == f"{DOCUMENT_ADDED.format(number=2)}\n{ASK_PICTURES}"
    assert buttons(added) == SEND_OR_CANCEL
    assert "tracking code" in await send_draft(bot, user, added)
    card = await access_complaint(deps, school.admin, await only_complaint(deps, school))
    picture, document = card.entries[0].attachments
    assert (picture.content_type, document.content_type) == ("image/jpeg", "application/pdf")
    download = await attachment_file(deps, school.admin, document.id)
    assert AUTHOR.encode() not in download.path.read_bytes()
    assert ORIGINAL_NAME not in download.filename


async def test_a_file_whose_bytes_are_not_what_its_name_says_leaves_the_draft(
    deps: Deps, bot: BotHarness, school: ComplaintSchool
):
    user = bot.add_user(language_code="en")
    offer = await bullying_draft(bot, user, school)
    await send_document(bot, user, docx_document(), "explanation.docx")
    # A program named like a PDF passes the first look (its name and claimed type)...
    added = await send_document(bot, user, b"MZ\x90\x00\x03\x00", "report.pdf")
    assert added["text"].startswith("File 2 of 10 added.")

    # ...and core, reading the bytes, refuses it by its number at "Send".
    refused = await send_draft(bot, user, added)
    assert refused == (
        "File 2 cannot be sent: only photos (JPG, PNG, WebP), PDF, Word, Excel, PowerPoint, "
        "OpenDocument and text files are taken.\n"
        "It is taken out of your complaint; press “Send” again to send the rest."
    )
    assert "tracking code" in await send_draft(bot, user, offer)
    card = await access_complaint(deps, school.admin, await only_complaint(deps, school))
    (document,) = card.entries[0].attachments
    assert document.extension == "docx"


async def test_a_file_too_large_is_refused_before_it_is_downloaded(
    bot: BotHarness, school: ComplaintSchool
):
    user = bot.add_user(language_code="en")
    await bullying_draft(bot, user, school)
    large = b"%PDF-1.4\n" + bytes(10 * 1024 * 1024)

    refused = await send_document(bot, user, large, "scan.pdf")

    assert refused["text"] == "This file is too large (at most 10 MB), so it was not added."
    assert bot.emulator.calls_of("getFile", token=bot.token) == []


async def test_a_wrong_code_is_refused_then_rate_limited(
    deps: Deps, bot: BotHarness, school: ComplaintSchool
):
    filed = await file(deps, school)
    user = bot.add_user(language_code="en")
    (menu,) = await bot.send(user, "/start")
    assert buttons(menu) == MENU
    _, (asked,) = await bot.press(user, menu, "cpm:track", expect=1)
    assert asked["text"] == "Type your tracking code, like ABCD-EFGH-JKMN-PQRS."

    wrong = [(await bot.send(user, f"ZZZZ-ZZZZ-ZZZZ-ZZZ{n}"))[0]["text"] for n in range(5)]
    (limited,) = await bot.send(user, filed.code)

    assert wrong == ["No complaint has this code. Check it and try again."] * 5
    assert limited["text"] == "Too many wrong codes. Please wait 10 minutes and try again."
    assert buttons(limited) == MENU


async def test_a_staff_answer_reaches_the_complainant_and_their_reply_lands_in_the_thread(
    deps: Deps, bot: BotHarness, replies: ComplaintReplies, school: ComplaintSchool
):
    user = bot.add_user(language_code="en")
    filed = await file(deps, school, chat_id=user, language="en")
    answer = "Сынып жетекшісі бүгін сөйлеседі. Рахмет, жазғаныңыз үшін."
    await reply(deps, school.psychologist, complaint_id=filed.complaint_id, text=answer)

    assert (await replies.run_once()).sent == 1

    delivered = bot.sent(user)[-1]
    assert delivered["text"] == f"An answer to your complaint:\n\n{answer}"
    assert buttons(delivered) == [("Reply", f"cpw:{filed.complaint_id}")]
    assert (await replies.run_once()).sent == 0  # delivered once
    _, (asked,) = await bot.press(user, delivered, f"cpw:{filed.complaint_id}", expect=1)
    assert asked["text"] == (
        "Write your message. You can add photos or files after it (at most 10), then press “Send”."
    )
    (offer,) = await bot.send(user, "Рахмет. Бүгін тағы болды.")
    assert (offer["text"], buttons(offer)) == (ASK_PICTURES, SEND_OR_CANCEL)
    added = await send_photo(bot, user, photo(size=(64, 48)))
    assert await send_draft(bot, user, added) == "Your message is sent."

    card = await access_complaint(deps, school.psychologist, filed.complaint_id)
    assert [(e.author, e.text, len(e.attachments)) for e in card.entries] == [
        (ComplaintAuthor.COMPLAINANT, BULLYING_TEXT, 0),
        (ComplaintAuthor.STAFF, answer, 0),
        (ComplaintAuthor.COMPLAINANT, "Рахмет. Бүгін тағы болды.", 1),
    ]
    assert card.entries[1].delivered
    assert card.status is ComplaintStatus.IN_PROGRESS


async def test_a_forged_complaint_number_gets_nowhere(
    deps: Deps, bot: BotHarness, school: ComplaintSchool
):
    someone_else = await file(deps, school)
    user = bot.add_user(language_code="en")
    (menu,) = await bot.send(user, "/start")

    await bot.press(user, menu, f"cpw:{someone_else.complaint_id}", expect=1)
    (offer,) = await bot.send(user, "Show me who wrote it")
    refused = await send_draft(bot, user, offer)

    assert refused == "This complaint was not found. Open it again with its tracking code."
    card = await access_complaint(deps, school.admin, someone_else.complaint_id)
    assert [entry.text for entry in card.entries] == [BULLYING_TEXT]
    stale, _ = await bot.press(user, offer, "cpf:1")  # the draft is gone
    assert stale["text"] == en(STALE_BUTTON)


async def test_a_rejection_notice_shows_the_reason_and_the_code_shows_the_thread(
    deps: Deps, bot: BotHarness, replies: ComplaintReplies, school: ComplaintSchool
):
    user = bot.add_user(language_code="en")
    filed = await file(deps, school, chat_id=user, language="en")
    reason = "Бұл мәселе мектепке қатысты емес: ата-аналар комитетіне жазыңыз."
    await set_status(
        deps,
        school.admin,
        complaint_id=filed.complaint_id,
        status=ComplaintStatus.REJECTED,
        reason=reason,
    )

    assert (await replies.run_once()).sent == 1

    notice = bot.sent(user)[-1]
    assert notice["text"] == f"Your complaint was rejected. The reason: {reason}"
    assert buttons(notice) == []  # a closed complaint takes no reply
    (menu,) = await bot.send(user, "hello")
    await bot.press(user, menu, "cpm:track", expect=1)
    (tracked,) = await bot.send(user, filed.code.lower().replace("-", " "))
    lines = tracked["text"].split("\n\n")
    assert lines[0] == (
        f"Complaint to {SCHOOL} of 01.09.2026\nAbout: Bullying\nStatus: Rejected\nReason: {reason}"
    )
    assert lines[1] == f"01.09 11:00, you: {BULLYING_TEXT}"  # Almaty time
    assert buttons(tracked) == MENU  # no "Write" to a closed complaint


async def test_the_code_typed_on_a_new_phone_shows_the_thread_and_brings_answers_there(
    deps: Deps, bot: BotHarness, replies: ComplaintReplies, school: ComplaintSchool
):
    old_phone = bot.add_user(language_code="en")
    filed = await file(deps, school, chat_id=old_phone, language="en")
    await reply(deps, school.psychologist, complaint_id=filed.complaint_id, text="Кім?")
    await replies.run_once()
    new_phone = bot.add_user(language_code="en")
    (menu,) = await bot.send(new_phone, "/start")
    await bot.press(new_phone, menu, "cpm:track", expect=1)

    (tracked,) = await bot.send(new_phone, filed.code)
    await reply(deps, school.psychologist, complaint_id=filed.complaint_id, text="Жауап беріңіз.")
    await replies.run_once()

    assert tracked["text"].split("\n\n") == [
        f"Complaint to {SCHOOL} of 01.09.2026\nAbout: Bullying\nStatus: Waiting for your answer",
        f"01.09 11:00, you: {BULLYING_TEXT}",
        "01.09 11:00, the answer: Кім?",
    ]
    assert buttons(tracked) == [("Write", f"cpw:{filed.complaint_id}"), *MENU]
    assert bot.sent(new_phone)[-1]["text"] == "An answer to your complaint:\n\nЖауап беріңіз."
    assert len(bot.sent(old_phone)) == 1


async def test_a_blocked_bot_counts_a_failed_delivery_and_nothing_else(
    deps: Deps, bot: BotHarness, replies: ComplaintReplies, school: ComplaintSchool
):
    user = bot.add_user(language_code="en")
    filed = await file(deps, school, chat_id=user, language="en")
    await reply(deps, school.admin, complaint_id=filed.complaint_id, text="Хабарласыңыз.")
    bot.emulator.fail_next(
        bot.token, "sendMessage", status=403, description="Forbidden: bot was blocked by the user"
    )

    stats = await replies.run_once()

    assert (stats.sent, stats.failed) == (0, 1)
    card = await access_complaint(deps, school.admin, filed.complaint_id)
    assert not card.entries[-1].delivered


async def test_a_named_complaint_from_a_linked_student_shows_their_name_and_whom_it_is_about(
    deps: Deps, bot: BotHarness, school: ComplaintSchool
):
    user = bot.add_user(language_code="en")
    code = await invitation_code(deps, school.admin, school.student.person_id or 0)
    await link_telegram(deps, code=code, telegram_user_id=user, language="en")
    (menu,) = await bot.send(user, "/start")

    _, (places,) = await bot.press(user, menu, "cpm:new", expect=1)
    assert places["text"] == "Where does your complaint go?"
    assert buttons(places) == [
        (SCHOOL, f"cpo:{school.school_id}"),
        ("Another organisation (type its code)", "cpo:0"),
        ("Cancel", "cpf:0"),
    ]
    await bot.press(user, places, f"cpo:{school.school_id}", edits=1)
    kind = bot.message(user, places["message_id"])
    assert kind["text"] == (
        f"A complaint to {SCHOOL}.\n\nAnonymous or with your name? Anonymous means the school "
        "will not know who wrote; the answer still comes to you here."
    )
    await bot.press(user, kind, "cpk:1", edits=1)
    await bot.press(user, kind, "cpc:teacher", edits=1)
    about = bot.message(user, places["message_id"])
    assert [label for label, _ in buttons(about)] == [
        "Ахметов Ерлан",
        "Нұрланова Гүлнар",
        "Әкімова Дина",
        "Don't name anyone",
        "Cancel",
    ]
    teacher = school.teacher.person_id
    await bot.press(user, about, f"cpa:{teacher}", edits=1)
    assert bot.message(user, places["message_id"])["text"].startswith(
        "About: A teacher, Ахметов Ерлан."
    )
    (offer,) = await bot.send(user, "Мұғалім сабақта бізге айқайлайды.")
    assert "tracking code" in await send_draft(bot, user, offer)

    card = await access_complaint(deps, school.psychologist, await only_complaint(deps, school))
    assert card.anonymous is False
    assert card.complainant is not None
    assert (card.complainant.full_name, card.complainant.role) == ("Сейтқали Айгүл", "student")
    assert card.about_name == "Ахметов Ерлан"


async def test_whom_a_complaint_is_about_is_chosen_page_by_page(
    deps: Deps, bot: BotHarness, school: ComplaintSchool
):
    for first_name in ("Бақыт", "Дәурен", "Жанар", "Қайрат", "Ләззат", "Марат", "Сымбат"):
        await make_member(
            deps, school.school, Role.TEACHER, last_name="Бекова", first_name=first_name
        )
    user = bot.add_user(language_code="en")
    prompt = await open_by_link(bot, user, school)

    await bot.press(user, prompt, "cpc:teacher", edits=1)
    first = bot.message(user, prompt["message_id"])
    await bot.press(user, first, "cpp:1", edits=1)
    second = bot.message(user, prompt["message_id"])

    assert [label for label, _ in buttons(first)][7:] == [
        "Бекова Қайрат",
        "More ›",
        "Don't name anyone",
        "Cancel",
    ]
    assert [label for label, _ in buttons(second)] == [
        "Нұрланова Гүлнар",
        "Әкімова Дина",
        "‹ Back",
        "Don't name anyone",
        "Cancel",
    ]
    await bot.press(user, second, "cpa:0", edits=1)
    assert bot.message(user, prompt["message_id"])["text"].startswith("About: A teacher.\n\n")


async def test_a_self_harm_message_shows_the_helplines(
    deps: Deps, bot: BotHarness, school: ComplaintSchool
):
    user = bot.add_user(language_code="en")
    prompt = await open_by_link(bot, user, school)
    await bot.press(user, prompt, "cpc:safety", edits=1)
    (offer,) = await bot.send(user, SELF_HARM_TEXT)

    filed = await send_draft(bot, user, offer)

    assert filed.endswith("phone.\n\n" + en(HELPLINES))
    card = await access_complaint(deps, school.psychologist, await only_complaint(deps, school))
    assert card.urgent


async def test_a_flood_is_ignored_after_one_warning_and_the_draft_keeps_what_came_before(
    deps: Deps, emulator: BotAPIEmulator, school: ComplaintSchool
):
    storage = MemoryStorage()
    async with running_bot(
        deps, emulator, storage, kind="complaints", flood_rate=RateLimitItemPerMinute(4)
    ) as bot:
        user = bot.add_user(language_code="en")
        prompt = await open_by_link(bot, user, school)
        await bot.press(user, prompt, "cpc:bullying", edits=1)
        await bot.send(user, BULLYING_TEXT)
        for number in range(6):
            await emulator.user_sends(bot.token, user, f"spam {number}")
        await bot.settle()
        key = StorageKey(bot_id=bot.bot.id, chat_id=user, user_id=user)
        draft = await storage.get_data(key)

    assert [m["text"] for m in bot.sent(user)[2:]] == [
        f"Added to your text.\n{ASK_PICTURES}",
        en(THROTTLED),
    ]
    assert draft[TEXT] == f"{BULLYING_TEXT}\n\nspam 0"


async def test_the_complaints_bot_leaves_the_main_bots_reachability_alone(
    deps: Deps, bot: BotHarness, school: ComplaintSchool
):
    """Blocking is per bot, and a linked student's card must not change when they complain:
    writing to the complaints bot does not clear the main bot's "unreachable" mark."""
    user = bot.add_user(language_code="en")
    code = await invitation_code(deps, school.admin, school.student.person_id or 0)
    await link_telegram(deps, code=code, telegram_user_id=user, language="en")

    await mark_unreachable(deps, user)
    await bot.send(user, "/start")
    identity = await telegram_identity(user)
    assert identity is not None and identity.unreachable


async def test_an_album_of_ten_photos_is_one_burst_not_a_flood(
    deps: Deps, emulator: BotAPIEmulator, school: ComplaintSchool
):
    """A phone sends an album as ten updates at once; the flood limit must not drop any.
    Five updates a minute here: the way to the photos, the album's first photo, "Send"."""
    async with running_bot(
        deps, emulator, MemoryStorage(), kind="complaints", flood_rate=RateLimitItemPerMinute(5)
    ) as bot:
        user = bot.add_user(language_code="en")
        prompt = await open_by_link(bot, user, school)
        await bot.press(user, prompt, "cpc:bullying", edits=1)
        (offer,) = await bot.send(user, BULLYING_TEXT)
        before = len(bot.sent(user))
        for _ in range(10):
            await emulator.user_sends_photo(
                bot.token, user, photo(size=(64, 48)), media_group_id="album-1"
            )
        answers = await emulator.wait_sent(bot.token, user, count=before + 10)
        # Handled at once, so answered in any order: every photo is counted in.
        assert {a["text"].split("\n")[0] for a in answers[before:]} == {
            f"Photo {n} of 10 added." for n in range(1, 11)
        }
        assert "tracking code" in await send_draft(bot, user, offer)
    card = await access_complaint(deps, school.admin, await only_complaint(deps, school))
    assert len(card.entries[0].attachments) == 10


def _panorama() -> bytes:
    """A 45-megapixel photo: Telegram takes it, core refuses more than 40."""
    out = io.BytesIO()
    Image.new("L", (9000, 5000), 128).save(out, format="JPEG", quality=20)
    return out.getvalue()


async def test_a_photo_that_cannot_be_redrawn_leaves_the_draft_and_the_rest_is_sent(
    deps: Deps, bot: BotHarness, school: ComplaintSchool
):
    user = bot.add_user(language_code="en")
    offer = await bullying_draft(bot, user, school)
    await send_photo(bot, user, _panorama())
    added = await send_photo(bot, user, photo(size=(64, 48)))

    refused = await send_draft(bot, user, added)
    assert refused == (
        "Picture 1 is too large: at most 40 megapixels.\n"
        "It is taken out of your complaint; press “Send” again to send the rest."
    )
    assert "tracking code" in await send_draft(bot, user, offer)
    card = await access_complaint(deps, school.admin, await only_complaint(deps, school))
    assert len(card.entries[0].attachments) == 1
