"""Issue 8, "Done when", end to end: an anonymous student files a bullying complaint with a
photo in the complaints bot (through the Bot API emulator) and gets a code; a staff member
answers in the panel's inbox (over HTTP); the complaints bot brings the answer to the student,
who replies, and the reply is in the complaint's card. Every table of the database is then
read, and nothing in it names the student: no Telegram id, name, username or phone. An
overdue complaint escalates to the district, whose officer sees it, still anonymous; a
self-harm message alerts the psychologist in Telegram and shows the student the helplines.

The student is a Telegram user Sabaq has never heard of (no account, no person on record).
Telegram tells a bot a user's phone only when the user shares their contact, which the
complaints bot never asks for; the phone is looked for all the same, so a bot that starts
asking cannot store it unnoticed. The last test signs in to the demo centre, whose complaints
a newcomer looks at first.
"""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

import pytest
from aiogram.fsm.storage.base import BaseStorage, StorageKey
from PIL import Image
from pypdf import PdfReader
from tortoise import connections

from bots.complaints_delivery import ComplaintReplies
from bots.delivery import DeliveryWorker, Sender
from bots.testing.emulator import BotAPIEmulator
from bots.texts import (
    ASK_ATTACHMENTS,
    ASK_MESSAGE,
    ASK_TEXT,
    CATEGORY_CHOSEN,
    CHOOSE_CATEGORY,
    COMPLAINT_TO,
    DOCUMENT_ADDED,
    FILED,
    INCOMING_REPLY,
    MESSAGE_SENT,
    ONLY_ANONYMOUS,
    PICTURE_ADDED,
    REPLY,
    Translator,
)
from core.actor import Actor
from core.clock import FrozenClock
from core.deps import Deps
from core.models.complaints import Complaint
from core.models.people import Account
from core.safety import HELPLINES
from core.services.complaints import (
    CATEGORY_LABELS,
    ESCALATED,
    MAX_ATTACHMENTS,
    MAX_TEXT,
    URGENT_COMPLAINT,
    ComplaintCategory,
)
from core.services.demo import fill_demo
from sabaq.scheduler import Alone, Scheduler
from tests.bots import JSON, BotHarness, buttons, link_person, running_bot
from tests.complaint_factories import (
    AUTHOR,
    BULLYING_TEXT,
    ORIGINAL_NAME,
    SELF_HARM_TEXT,
    ComplaintSchool,
    make_complaint_school,
    pdf_document,
    photo,
)
from tests.conftest import BACKEND
from tests.web import Panel, open_panel, text_of

en = Translator("en")
CODE = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")
ANSWER = "Спасибо, что написали. Мы поговорили с классным руководителем, раздевалку проверяют."
REPLY_TEXT = "Спасибо. Сегодня телефон не отбирали."
SCHOOL = "№12 мектеп-гимназия"  # as tests.complaint_factories names it in every language


@dataclass(frozen=True)
class Student:
    """A Telegram user the school has no record of. ``phone`` is their number in Telegram."""

    user_id: int
    first_name: str
    last_name: str
    username: str
    phone: str


def anonymous_student(emulator: BotAPIEmulator, number: int = 0) -> Student:
    student = Student(
        # A real-looking 10-digit id: no timestamp or counter of ours can contain it by chance.
        user_id=5_831_947_206 + number * 7_919,
        first_name=("Томирис", "Ақбота", "Інжу")[number],
        last_name=("Бекмұратова", "Жақыпбекова", "Оралханова")[number],
        username=("tomiris_b2011", "akbota_zh_09", "inzhu_oral")[number],
        phone=("+77015550142", "+77075550173", "+77475550119")[number],
    )
    emulator.add_user(
        student.first_name,
        student.last_name,
        student.username,
        language_code="en",
        user_id=student.user_id,
    )
    return student


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture
async def complaints_bot(
    deps: Deps, emulator: BotAPIEmulator, fsm_storage: BaseStorage
) -> AsyncIterator[BotHarness]:
    async with running_bot(deps, emulator, fsm_storage, kind="complaints") as harness:
        yield harness


@pytest.fixture
async def replies(deps: Deps, complaints_bot: BotHarness) -> AsyncIterator[ComplaintReplies]:
    """The complaints bot's delivery of staff answers (``sabaq bots`` runs it in a loop)."""
    sender = Sender(complaints_bot.bot, per_second=1000, private_interval=0, group_interval=0)
    yield ComplaintReplies(deps, sender)
    sender.uninstall()


@dataclass(frozen=True)
class StaffBot:
    """The main bot, where staff are told of complaints, and its delivery of the outbox."""

    harness: BotHarness
    outbox: DeliveryWorker

    async def told(self, user_id: int) -> list[str]:
        """Deliver what is queued; the texts the user got by it."""
        before = len(self.harness.sent(user_id))
        await self.outbox.run_once()
        return [message["text"] for message in self.harness.sent(user_id)[before:]]


@pytest.fixture
async def staff_bot(deps: Deps, main_bot: BotHarness) -> AsyncIterator[StaffBot]:
    sender = Sender(main_bot.bot, per_second=1000, private_interval=0, group_interval=0)
    yield StaffBot(main_bot, DeliveryWorker(deps, sender, lease_seconds=60))
    sender.uninstall()


async def staff_in_telegram(bot: StaffBot, deps: Deps, inviter: Actor, person: Actor) -> int:
    """A staff member links their Telegram to the main bot and reads English."""
    user = bot.harness.add_user(language_code="en")
    welcome = await link_person(bot.harness, deps, inviter, person.person_id or 0, user)
    await bot.harness.press(user, welcome, "lang:en", expect=1)
    return user


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Every log record of the test at the level `sabaq run` logs at (INFO)."""
    caplog.set_level(logging.INFO)
    return caplog


# --- the student's side (the complaints bot) --------------------------------------------------


def data_of(message: JSON, label: str) -> str:
    return next(data for text, data in buttons(message) if text == label)


async def file_in_the_bot(
    bot: BotHarness,
    student: Student,
    start: str,
    school_name: str,
    text: str,
    *,
    picture: bytes | None = None,
    document: tuple[bytes, str] | None = None,
) -> tuple[str, JSON]:
    """The student opens the poster's deep link (``start`` is its parameter), chooses
    "Bullying", writes ``text``, adds the picture and the document (its bytes and file
    name), presses "Send". Returns the tracking code and the bot's last message."""
    user = student.user_id
    (prompt,) = await bot.send(user, f"/start {start}")
    assert prompt["text"] == "\n".join(
        [
            en(COMPLAINT_TO, organisation=school_name),
            en(ONLY_ANONYMOUS),
            "",
            en(CHOOSE_CATEGORY),
        ]
    )
    bullying = en(CATEGORY_LABELS[ComplaintCategory.BULLYING])
    await bot.press(user, prompt, data_of(prompt, bullying), edits=1)
    asked = bot.message(user, prompt["message_id"])
    assert asked["text"] == "\n\n".join(
        [en(CATEGORY_CHOSEN, category=bullying), en(ASK_TEXT, limit=MAX_TEXT)]
    )
    (collecting,) = await bot.send(user, text)
    assert collecting["text"] == en(ASK_ATTACHMENTS, limit=MAX_ATTACHMENTS)
    if picture is not None:
        before = len(bot.sent(user))
        await bot.emulator.user_sends_photo(bot.token, user, picture)
        (collecting,) = (await bot.emulator.wait_sent(bot.token, user, before + 1))[before:]
        added = en(PICTURE_ADDED, number=1, limit=MAX_ATTACHMENTS)
        assert collecting["text"] == f"{added}\n{en(ASK_ATTACHMENTS, limit=MAX_ATTACHMENTS)}"
    if document is not None:
        before = len(bot.sent(user))
        await bot.emulator.user_sends_document(bot.token, user, *document)
        (collecting,) = (await bot.emulator.wait_sent(bot.token, user, before + 1))[before:]
        number = 2 if picture is not None else 1
        added = en(DOCUMENT_ADDED, number=number, limit=MAX_ATTACHMENTS)
        assert collecting["text"] == f"{added}\n{en(ASK_ATTACHMENTS, limit=MAX_ATTACHMENTS)}"
    _, (filed,) = await bot.press(user, collecting, data_of(collecting, en("Send")), expect=1)
    assert not buttons(bot.message(user, collecting["message_id"])), "sent: no second Send"
    code = CODE.search(filed["text"])
    assert code is not None, filed["text"]
    assert filed["text"].startswith(en(FILED, organisation=school_name, code=code.group()))
    return code.group(), filed


async def the_bot_forgot(storage: BaseStorage, bot: BotHarness, student: Student) -> None:
    """Once sent, the complaints bot's conversation state holds nothing about the chat."""
    key = StorageKey(
        bot_id=bot.bot.id, chat_id=student.user_id, user_id=student.user_id, destiny="default"
    )
    assert await storage.get_state(key) is None
    assert await storage.get_data(key) == {}


# --- the panel --------------------------------------------------------------------------------


@asynccontextmanager
async def signed_in(deps: Deps, person_id: int | None) -> AsyncIterator[Panel]:
    """A browser signed in as the person (every test person's password is "correct horse")."""
    async with open_panel(deps) as panel:
        login = await Account.get(person_id=person_id).values_list("login", flat=True)
        assert isinstance(login, str)
        assert (await panel.sign_in(login)).status == 200
        yield panel


async def deep_link_on_the_poster(deps: Deps, school: ComplaintSchool, bot: BotHarness) -> str:
    """The admin opens the organisation's complaint settings, where the poster's link and QR
    code are; the link's start parameter (what Telegram sends the bot as ``/start …``)."""
    username = (await bot.bot.get_me()).username
    assert username is not None
    settings = deps.settings.model_copy(update={"telegram_complaints_username": username})
    async with signed_in(replace(deps, settings=settings), school.admin.person_id) as panel:
        response, body = await panel.get("/organisation/complaints")
        assert response.status == 200
        qr = await panel.client.get("/organisation/complaints/qr.svg")
        assert qr.status == 200 and qr.content_type == "image/svg+xml"
    link = re.search(r'id="poster-link">https://t\.me/(\w+)\?start=([\w-]+)<', body)
    assert link is not None, "the page shows the deep link"
    assert link.group(1) == username
    assert link.group(2) == f"org-{school.public_code}"
    return link.group(2)


def facts(body: str) -> str:
    """The facts at the top of a complaint's card (its status, who wrote it, ...)."""
    return text_of(body.split('id="facts"')[1].split("</dl>", maxsplit=1)[0])


def inbox_row(body: str, complaint_id: int) -> str:
    return text_of(body.split(f'id="complaint-{complaint_id}"')[1].split("</tr>", maxsplit=1)[0])


# --- no trace ---------------------------------------------------------------------------------


async def table_names() -> list[str]:
    """Every table of the database, found by asking the database (not our models)."""
    client = connections.get("default")
    if BACKEND == "postgres":
        rows = await client.execute_query_dict(
            "SELECT schemaname, tablename FROM pg_tables "
            "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        )
        return [f'"{row["schemaname"]}"."{row["tablename"]}"' for row in rows]
    rows = await client.execute_query_dict(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
    )
    return [f'"{row["name"]}"' for row in rows]


def as_texts(value: Any) -> Iterator[str]:
    """A stored value as text in every form an identifier could take in it."""
    if value is None:
        return
    if isinstance(value, bytes | bytearray | memoryview):
        raw = bytes(value)
        yield raw.decode("latin-1")
        yield raw.decode("utf-8", errors="ignore")
        yield raw.hex()
        return
    if isinstance(value, dict | list):
        yield json.dumps(value, ensure_ascii=False, default=str)
        yield json.dumps(value, default=str)
    yield str(value)


async def database_dump() -> tuple[list[str], str]:
    """(the tables read, every column of every row of them as one case-folded text)."""
    client = connections.get("default")
    tables = await table_names()
    texts: list[str] = []
    for table in tables:
        for row in await client.execute_query_dict(f"SELECT * FROM {table}"):
            for column, value in row.items():
                texts.append(column)
                texts.extend(as_texts(value))
    return tables, "\n".join(texts).casefold()


def traces_of(student: Student) -> dict[str, list[str]]:
    """What would give the student away, each in the forms it could be stored in."""
    user_id = student.user_id
    packed = [user_id.to_bytes(8, order, signed=True) for order in ("big", "little")]
    digits = student.phone.lstrip("+")
    return {
        "Telegram id": [
            str(user_id),
            f"{user_id:x}",
            *(raw.decode("latin-1") for raw in packed),
            *(raw.hex() for raw in packed),
        ],
        "first name": [student.first_name],
        "last name": [student.last_name],
        "username": [student.username, f"@{student.username}", f"t.me/{student.username}"],
        "phone": [student.phone, digits, digits[1:], f"8{digits[1:]}"],
    }


async def assert_no_trace_in_the_database(student: Student, *, seen: tuple[str, ...]) -> None:
    """No form of the student's identity in any table. ``seen`` are things the dump must
    find (what the student wrote, a staff member's Telegram id), so a dump that reads
    nothing cannot pass."""
    tables, dump = await database_dump()
    assert {"complaint", "complaint_message", "complaint_attachment", "audit_record"} <= {
        table.rsplit(".", 1)[-1].strip('"') for table in tables
    }
    for text in seen:
        assert text.casefold() in dump, f"the dump does not show {text!r}"
    for what, forms in traces_of(student).items():
        for form in forms:
            assert form.casefold() not in dump, f"the student's {what} is in the database"


def assert_no_trace_in_the_logs(logs: pytest.LogCaptureFixture, student: Student) -> None:
    for record in logs.records:
        if record.name.startswith("bots.testing"):
            continue  # the emulator plays Telegram, which knows its users
        line = record.getMessage().casefold()
        for what, forms in traces_of(student).items():
            for form in forms:
                assert form.casefold() not in line, f"the student's {what} is logged: {line}"


def assert_no_exif(picture: bytes, *, side: int = 1600) -> None:
    with Image.open(io.BytesIO(picture)) as image:
        assert not image.getexif(), "the stored picture kept its EXIF"
        assert "exif" not in image.info
        assert max(image.size) <= side


# --- the tests --------------------------------------------------------------------------------


async def answer_in_the_inbox(
    deps: Deps, school: ComplaintSchool, complaint_id: int, original: bytes, document: bytes
) -> None:
    """The school's admin finds the complaint in the inbox, looks at its picture, downloads
    its document, answers."""
    async with signed_in(deps, school.admin.person_id) as panel:
        response, body = await panel.get("/complaints")
        assert response.status == 200
        row = inbox_row(body, complaint_id)
        assert "Bullying" in row and "anonymous" in row
        response, body = await panel.get(f"/complaints/{complaint_id}")
        assert response.status == 200
        assert BULLYING_TEXT in text_of(body)
        assert "From Anonymous" in facts(body)
        # The picture the staff see is the student's photo redrawn, without its EXIF.
        (picture_id,) = re.findall(r'src="/complaints/attachments/(\d+)"', body)
        response = await panel.client.get(f"/complaints/attachments/{picture_id}")
        assert response.status == 200 and response.content_type == "image/jpeg"
        assert_no_exif(await response.read())
        # The document is a download under a made-up name, without its author.
        assert ORIGINAL_NAME not in body and "Seitkali" not in body
        (document_id,) = re.findall(r'href="/complaints/attachments/(\d+)"[^>]*download', body)
        response = await panel.client.get(f"/complaints/attachments/{document_id}")
        assert response.status == 200 and response.content_type == "application/pdf"
        assert response.headers["Content-Disposition"] == (
            f'attachment; filename="complaint-{complaint_id}-{document_id}.pdf"'
        )
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Security-Policy"] == "sandbox"
        downloaded = await response.read()
        assert downloaded != document and AUTHOR.encode() not in downloaded
        assert PdfReader(io.BytesIO(downloaded)).metadata is None
        response, body = await panel.post(f"/complaints/{complaint_id}/reply", {"text": ANSWER})
        assert response.status == 200
        assert "waiting to be delivered" in text_of(body)
        assert "Waiting for the complainant" in facts(body)
    # Only the redrawn picture and the scrubbed document are kept: no EXIF, no author, no
    # file name, never the original bytes.
    files = [path for path in deps.settings.uploads_dir.rglob("*") if path.is_file()]
    assert len(files) == 2
    for path in files:
        stored = path.read_bytes()
        assert stored not in (original, document)
        assert AUTHOR.encode() not in stored
        if not stored.startswith(b"%PDF"):
            assert_no_exif(stored)
    for path in deps.settings.uploads_dir.rglob("*"):
        assert "photo" not in path.name and "Seitkali" not in path.name
        assert not path.name.endswith(".pdf")


async def reply_in_the_bot(bot: BotHarness, replies: ComplaintReplies, student: Student) -> None:
    """The complaints bot brings the answer with "Reply" under it; the student replies."""
    before = len(bot.sent(student.user_id))
    assert (await replies.run_once()).sent == 1
    (answer,) = (await bot.emulator.wait_sent(bot.token, student.user_id, before + 1))[before:]
    assert answer["text"] == en(INCOMING_REPLY, text=ANSWER)
    assert [label for label, _ in buttons(answer)] == [en(REPLY)]
    _, (ask,) = await bot.press(student.user_id, answer, data_of(answer, en(REPLY)), expect=1)
    assert ask["text"] == en(ASK_MESSAGE, limit=MAX_ATTACHMENTS)
    (collecting,) = await bot.send(student.user_id, REPLY_TEXT)
    _, (sent,) = await bot.press(
        student.user_id, collecting, data_of(collecting, en("Send")), expect=1
    )
    assert not buttons(bot.message(student.user_id, collecting["message_id"]))
    assert sent["text"] == en(MESSAGE_SENT)


async def test_an_anonymous_student_is_answered_and_replies_and_stays_unknown(
    deps: Deps,
    fsm_storage: BaseStorage,
    complaints_bot: BotHarness,
    replies: ComplaintReplies,
    logs: pytest.LogCaptureFixture,
):
    school = await make_complaint_school(deps)
    student = anonymous_student(complaints_bot.emulator)
    start = await deep_link_on_the_poster(deps, school, complaints_bot)
    original = photo()  # as a phone sends it: EXIF with the camera and a GPS position
    with Image.open(io.BytesIO(original)) as taken:
        assert taken.getexif()
    document = pdf_document()  # its author in the document info, the XMP and a comment

    code, _ = await file_in_the_bot(
        complaints_bot,
        student,
        start,
        SCHOOL,
        BULLYING_TEXT,
        picture=original,
        document=(document, ORIGINAL_NAME),
    )
    await the_bot_forgot(fsm_storage, complaints_bot, student)
    complaint = await Complaint.get()
    assert complaint.anonymous and complaint.category == ComplaintCategory.BULLYING

    await answer_in_the_inbox(deps, school, complaint.id, original, document)
    await reply_in_the_bot(complaints_bot, replies, student)
    await the_bot_forgot(fsm_storage, complaints_bot, student)

    # The reply is in the card, after the answer, which is now delivered.
    async with signed_in(deps, school.admin.person_id) as panel:
        response, body = await panel.get(f"/complaints/{complaint.id}")
    assert response.status == 200
    card = text_of(body)
    assert card.index(BULLYING_TEXT) < card.index(ANSWER) < card.index(REPLY_TEXT)
    assert "waiting to be delivered" not in card and "delivered" in card
    assert "In progress" in facts(body)

    # Nothing anywhere says who the student is; the code is kept only as its hash.
    await assert_no_trace_in_the_database(student, seen=(BULLYING_TEXT, ANSWER, REPLY_TEXT))
    _, dump = await database_dump()
    for trace in (ORIGINAL_NAME, ORIGINAL_NAME.rsplit(".", 1)[0], AUTHOR):
        assert trace.casefold() not in dump, f"{trace} is in the database"
    assert_no_trace_in_the_logs(logs, student)
    _, dump = await database_dump()
    assert code.casefold() not in dump and code.replace("-", "").casefold() not in dump


async def test_an_overdue_complaint_escalates_to_the_district_still_anonymous(
    deps: Deps,
    clock: FrozenClock,
    complaints_bot: BotHarness,
    staff_bot: StaffBot,
    logs: pytest.LogCaptureFixture,
):
    school = await make_complaint_school(deps)
    student = anonymous_student(complaints_bot.emulator, 1)
    officer = await staff_in_telegram(staff_bot, deps, school.district, school.officer)
    await file_in_the_bot(
        complaints_bot, student, f"org-{school.public_code}", SCHOOL, BULLYING_TEXT
    )
    complaint = await Complaint.get()
    async with signed_in(deps, school.officer.person_id) as panel:
        _, body = await panel.get("/complaints")
    assert f'id="complaint-{complaint.id}"' not in body, "the school still has time to answer"

    # Nobody answers within the school's 24 hours; the scheduler's complaints job runs.
    clock.advance(timedelta(hours=24, minutes=1))
    assert await Scheduler(deps, Alone(), {}).complaints()

    async with signed_in(deps, school.officer.person_id) as panel:
        response, body = await panel.get("/complaints")
        assert response.status == 200
        row = inbox_row(body, complaint.id)
        assert SCHOOL in row and "anonymous" in row
        response, body = await panel.get(f"/complaints/{complaint.id}")
    assert response.status == 200
    assert BULLYING_TEXT in text_of(body)
    assert "From Anonymous" in facts(body)
    assert "Escalated to Тараз қалалық білім бөлімі" in facts(body)

    # The officer is told in Telegram: the number and the school, nothing about the student.
    told = await staff_bot.told(officer)
    assert en(ESCALATED, number=complaint.id, organisation=SCHOOL) in told

    await assert_no_trace_in_the_database(student, seen=(BULLYING_TEXT, str(officer)))
    assert_no_trace_in_the_logs(logs, student)


async def test_a_self_harm_message_alerts_the_psychologist_and_shows_the_helplines(
    deps: Deps,
    complaints_bot: BotHarness,
    staff_bot: StaffBot,
    logs: pytest.LogCaptureFixture,
):
    school = await make_complaint_school(deps)
    student = anonymous_student(complaints_bot.emulator, 2)
    psychologist = await staff_in_telegram(staff_bot, deps, school.admin, school.psychologist)

    _, filed = await file_in_the_bot(
        complaints_bot, student, f"org-{school.public_code}", SCHOOL, SELF_HARM_TEXT
    )
    assert filed["text"].endswith("\n\n" + en(HELPLINES))
    assert all(number in filed["text"] for number in ("150", "111", "112"))
    complaint = await Complaint.get()
    assert complaint.urgent

    assert en(URGENT_COMPLAINT, number=complaint.id) in await staff_bot.told(psychologist)
    async with signed_in(deps, school.psychologist.person_id) as panel:
        _, body = await panel.get("/complaints")
    assert "anonymous" in inbox_row(body, complaint.id)

    await assert_no_trace_in_the_database(student, seen=(SELF_HARM_TEXT, str(psychologist)))
    assert_no_trace_in_the_logs(logs, student)


async def test_the_demo_centre_has_complaints_to_look_at(deps: Deps):
    demo = await fill_demo(deps, password="demo password")
    async with open_panel(deps) as panel:
        assert (await panel.sign_in(demo.login, "demo password")).status == 200
        response, body = await panel.get("/complaints")
        assert response.status == 200
        rows = [int(number) for number in re.findall(r'<tr id="complaint-(\d+)"', body)]
        assert len(rows) == 3
        urgent, named, answered = rows  # urgent first, then the newest
        row = inbox_row(body, urgent)
        assert "Safety" in row and "anonymous" in row
        assert "named" in inbox_row(body, named)
        _, body = await panel.get(f"/complaints/{answered}")
        assert "From Anonymous" in facts(body) and "Waiting for the complainant" in facts(body)
        assert "delivered" in text_of(body) and "waiting to be delivered" not in text_of(body)
        _, body = await panel.get(f"/complaints/{named}")
        assert "Parent" in facts(body) and "In progress" in facts(body)
        _, body = await panel.get("/organisation/complaints")
        assert re.search(r"org-[0-9A-Z]{10}\b", body), "a code to print on the poster"
