"""Complaints (issue 8): anonymous filing keeps no trace of the complainant, codes are
unguessable and rate-limited, the thread goes both ways, the person complained about never
sees the complaint, the SLA reminds and escalates once, and reports carry no identities."""

from __future__ import annotations

import io
import statistics
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from PIL import Image
from tortoise import Tortoise

from core.clock import FrozenClock
from core.complaint_handles import open_handle
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied, RateLimited
from core.i18n import gettext_for
from core.models.audit import AuditRecord
from core.models.complaints import Complaint, ComplaintAttachment, ComplaintMessage
from core.models.notifications import OutboxMessage
from core.models.org import OrganisationKind
from core.models.people import Role
from core.services.accounts import create_invitation
from core.services.complaints import (
    ALL_ORGANISATIONS,
    MAX_ATTACHMENTS,
    WRONG_CODE_ALL_LIMIT,
    ComplaintAuthor,
    ComplaintCategory,
    ComplaintStatus,
    Draft,
    InboxFilter,
    access_complaint,
    add_note,
    assign,
    attachment_file,
    complaint_report,
    complaint_report_xlsx,
    complaint_settings,
    complaints_tick,
    file_complaint,
    inbox,
    mark_reply_failed,
    mark_reply_sent,
    new_public_code,
    normalise_code,
    pending_replies,
    place_by_code,
    places_of,
    reply,
    set_status,
    subjects,
    track,
    update_complaint_settings,
    write_back,
)
from core.services.orgs import set_feature
from core.services.people import PersonData, update_person
from core.services.telegram import link_telegram
from sabaq.scheduler import Alone, Scheduler
from tests.complaint_factories import (
    BULLYING_TEXT,
    PHOTO_TRACES,
    SELF_HARM_TEXT,
    ComplaintSchool,
    file,
    make_complaint_school,
    new_chat_id,
    photo,
)
from tests.factories import make_member, make_organisation

CHAT = 712_345_678  # the student's Telegram chat (a private chat has the user's id)
PHONE = "+77015551234"
KEY = "complaints"


def en(message: str, params: dict[str, object] | None = None) -> str:
    text = gettext_for("en", message)
    return text.format(**params) if params else text


async def told(person_id: int | None) -> list[str]:
    """What the outbox holds for a person, in English, oldest first."""
    rows = await OutboxMessage.filter(person_id=person_id).order_by("id")
    return [en(row.message, row.params) for row in rows]


async def linked_student(deps: Deps, school: ComplaintSchool) -> None:
    """The student has a phone on record and a Telegram account linked in ``CHAT``."""
    await update_person(
        deps,
        school.admin,
        person_id=school.student.person_id or 0,
        data=PersonData(last_name="Сейтқали", first_name="Айгүл", phone=PHONE),
    )
    invitation = await create_invitation(deps, school.admin, person_id=school.student.person_id)
    await link_telegram(deps, code=invitation.code, telegram_user_id=CHAT, language="kk")


async def last_id(model) -> int:
    latest = await model.all().order_by("-id").first()
    return latest.id if latest else 0


async def dump(*models: type) -> str:
    """Every value of every row of ``models`` as one text."""
    return repr([await model.all().values() for model in models])  # type: ignore[attr-defined]


# --- anonymity --------------------------------------------------------------------------------


async def test_an_anonymous_complaint_keeps_no_trace_of_its_author(deps, clock):
    school = await make_complaint_school(deps)
    await linked_student(deps, school)
    audit_before = await last_id(AuditRecord)
    outbox_before = await last_id(OutboxMessage)

    filed = await file(
        deps,
        school,
        chat_id=CHAT,
        named_as=school.student,  # offered, but the complaint is anonymous
        attachments=(photo(),),
        about_id=school.teacher.person_id,
        category=ComplaintCategory.TEACHER,
    )

    complaint = await Complaint.get(id=filed.complaint_id)
    assert (complaint.anonymous, complaint.person_id, complaint.person_role) == (True, None, None)
    assert open_handle(deps.settings, complaint.handle) == CHAT
    assert complaint.code_hash != normalise_code(filed.code)
    audits = await AuditRecord.filter(id__gt=audit_before).order_by("id")
    assert [(a.action, a.actor_person_id, a.actor_label, a.after) for a in audits] == [
        (
            "complaint.file",
            None,
            "complaints",
            {"category": "teacher", "anonymous": True, "urgent": False},
        )
    ]
    outbox = await OutboxMessage.filter(id__gt=outbox_before).order_by("id")
    assert {row.person_id for row in outbox} == {
        school.admin.person_id,
        school.psychologist.person_id,
    }, "handlers hear of it; the teacher it is about does not"

    written = await dump(Complaint, ComplaintMessage, ComplaintAttachment)
    written += repr([(a.before, a.after, a.object_id) for a in audits])
    written += repr([await OutboxMessage.filter(id=row.id).values() for row in outbox])
    for trace in (str(CHAT), "Сейтқали", "Айгүл", PHONE, PHONE[1:]):
        assert trace not in written
    (attachment,) = await ComplaintAttachment.all()
    stored = (deps.settings.attachments_dir / attachment.key).read_bytes()
    assert [trace for trace in PHOTO_TRACES if trace in stored] == []
    assert all(trace in photo() for trace in PHOTO_TRACES)
    with Image.open(deps.settings.attachments_dir / attachment.key) as picture:
        assert picture.format == "JPEG"
        assert max(picture.size) == 1600
        assert not picture.getexif(), "EXIF (camera, GPS) is gone"


async def test_a_named_complaint_shows_its_author_and_role(deps, clock):
    school = await make_complaint_school(deps)
    filed = await file(deps, school, anonymous=False, named_as=school.student)
    card = await access_complaint(deps, school.admin, filed.complaint_id)
    assert card.complainant is not None
    assert (card.complainant.full_name, card.complainant.role) == ("Сейтқали Айгүл", "student")
    audit = await AuditRecord.filter(action="complaint.file").get()
    assert audit.actor_person_id == school.student.person_id

    stranger = await make_member(deps, school.district, Role.AUTHORITY_OFFICER)
    with pytest.raises(NotFound):  # named as someone who does not work in that school
        await file(deps, school, anonymous=False, named_as=stranger)
    with pytest.raises(NotFound):
        await file(deps, school, anonymous=False)
    assert await Complaint.all().count() == 1


# --- bad input --------------------------------------------------------------------------------


def _huge_png() -> bytes:
    """45 megapixels that compress to a few kilobytes: a decompression bomb's shape."""
    out = io.BytesIO()
    Image.new("1", (9000, 5000)).save(out, format="PNG")
    return out.getvalue()


async def test_a_phones_multi_frame_jpeg_is_taken_as_a_photo(deps, clock):
    school = await make_complaint_school(deps)
    frames = [Image.new("RGB", (120, 90), colour) for colour in ("red", "blue")]
    mpo = io.BytesIO()
    frames[0].save(mpo, format="MPO", save_all=True, append_images=frames[1:])
    filed = await file(deps, school, attachments=(mpo.getvalue(),))
    card = await access_complaint(deps, school.psychologist, filed.complaint_id)
    (attachment,) = card.entries[0].attachments
    download = await attachment_file(deps, school.psychologist, attachment.id)
    assert (attachment.content_type, download.content_type) == ("image/jpeg", "image/jpeg")


async def test_bad_complaints_are_refused_and_nothing_is_kept(deps, clock):
    school = await make_complaint_school(deps)
    too_big = b"\xff\xd8\xff" + b"0" * (10 * 1024 * 1024)
    cases = [
        ({"text": "   "}, "text", "Write what happened: the text cannot be empty."),
        ({"text": "ә" * 4001}, "text", None),
        ({"attachments": (photo(size=(20, 20)),) * (MAX_ATTACHMENTS + 1)}, "attachments", None),
        ({"attachments": (b"%PDF-1.7 not a picture",)}, "attachments", None),
        ({"attachments": (photo(size=(20, 20)), too_big)}, "attachments", None),
        ({"about_id": school.student.person_id}, "about", None),  # students are not subjects
        ({"attachments": (_huge_png(),)}, "attachments", None),  # refused before it is decoded
    ]
    for overrides, field, sentence in cases:
        with pytest.raises(InvalidInput) as refused:
            await file(deps, school, **overrides)
        assert refused.value.field == field
        if sentence:
            assert refused.value.translated("en") == sentence
    with pytest.raises(InvalidInput) as second:
        await file(deps, school, attachments=(photo(size=(20, 20)), b"GIF89a..."))
    assert second.value.translated("en") == (
        "File 2 cannot be sent: only photos (JPG, PNG, WebP), PDF, Word, Excel, PowerPoint, "
        "OpenDocument and text files are taken."
    )
    with pytest.raises(NotFound):
        await file_complaint(
            deps,
            draft=Draft(
                organisation_id=2**40, category=ComplaintCategory.OTHER, text="x", anonymous=True
            ),
            chat_id=new_chat_id(),
        )
    assert await Complaint.all().count() == 0
    assert await ComplaintMessage.all().count() == 0


async def test_one_chat_files_at_most_five_complaints_an_hour(deps, clock):
    school = await make_complaint_school(deps)
    chat = new_chat_id()
    for _ in range(5):
        await file(deps, school, chat_id=chat)
    with pytest.raises(RateLimited):
        await file(deps, school, chat_id=chat)
    await file(deps, school)  # another chat is not held back
    assert await Complaint.all().count() == 6


async def test_pictures_keep_their_kind_and_lose_their_metadata(deps, clock):
    school = await make_complaint_school(deps)
    png = io.BytesIO()
    Image.new("RGBA", (3000, 1000), (0, 0, 0, 0)).save(png, format="PNG")
    filed = await file(deps, school, attachments=(photo(size=(800, 600)), png.getvalue()))
    card = await access_complaint(deps, school.psychologist, filed.complaint_id)
    first, second = (entry.id for entry in card.entries[0].attachments)
    download = await attachment_file(deps, school.psychologist, first)
    with Image.open(download.path) as picture:
        assert (download.content_type, picture.format, picture.size) == (
            "image/jpeg",
            "JPEG",
            (800, 600),
        )
        assert not picture.getexif()
    download = await attachment_file(deps, school.psychologist, second)
    with Image.open(download.path) as picture:
        assert (download.content_type, picture.format, picture.size) == (
            "image/png",
            "PNG",
            (1600, 533),
        )
    with pytest.raises(NotFound):
        await attachment_file(deps, school.officer, first)  # not escalated to the district
    with pytest.raises(NotFound):
        await attachment_file(deps, school.teacher, first)  # may not handle complaints


# --- codes and the complainant's thread -------------------------------------------------------


async def test_codes_are_normalised_and_a_forged_code_finds_nothing(deps, clock):
    school = await make_complaint_school(deps)
    chat = new_chat_id()
    filed = await file(deps, school, chat_id=chat)
    assert len(filed.code) == 19 and filed.code.count("-") == 3
    typed = filed.code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    tracked = await track(deps, code=f"  {typed} ", chat_id=chat)
    assert (tracked.complaint_id, tracked.status) == (filed.complaint_id, ComplaintStatus.NEW)
    assert tracked.organisation.name("kk") == "№12 мектеп-гимназия"
    assert [entry.text for entry in tracked.entries] == [BULLYING_TEXT]
    assert normalise_code("abcd-efgh-jkmn-pqOl") == "ABCDEFGHJKMNPQ01"
    assert normalise_code("ABCD-EFGH-JKMN-PQU1") is None  # U is not a code letter
    assert normalise_code("ABCD-EFGH") is None

    with pytest.raises(NotFound) as forged:
        await track(deps, code="ZZZZ-ZZZZ-ZZZZ-ZZZZ", chat_id=chat)
    assert forged.value.translated("en") == "No complaint has this code. Check it and try again."


async def test_guessing_codes_is_stopped_after_five_wrong_ones(deps, clock):
    school = await make_complaint_school(deps)
    chat = new_chat_id()
    filed = await file(deps, school, chat_id=chat)
    for guess in range(5):
        with pytest.raises(NotFound):
            await track(deps, code=f"ZZZZ-ZZZZ-ZZZZ-ZZZ{guess}", chat_id=chat)
    with pytest.raises(RateLimited) as limited:
        await track(deps, code=filed.code, chat_id=chat)  # even the right code: no oracle
    assert limited.value.translated("en") == (
        "Too many wrong codes. Please wait 10 minutes and try again."
    )
    assert (await track(deps, code=filed.code, chat_id=new_chat_id())).complaint_id == (
        filed.complaint_id
    )


async def test_a_flood_of_wrong_codes_from_many_chats_never_locks_out_the_right_one(deps, clock):
    school = await make_complaint_school(deps)
    filed = await file(deps, school)
    for _ in range(WRONG_CODE_ALL_LIMIT.amount):  # a thousand guesses from other chats
        await deps.limiter.hit(WRONG_CODE_ALL_LIMIT, "complaint-code-all")

    with pytest.raises(RateLimited):
        await track(deps, code="ZZZZ-ZZZZ-ZZZZ-ZZZZ", chat_id=new_chat_id())
    tracked = await track(deps, code=filed.code, chat_id=new_chat_id())
    assert tracked.complaint_id == filed.complaint_id


async def test_the_right_code_in_a_new_chat_moves_the_replies_there(deps, clock):
    school = await make_complaint_school(deps)
    old_phone, new_phone = new_chat_id(), new_chat_id()
    filed = await file(deps, school, chat_id=old_phone)
    await track(deps, code=filed.code, chat_id=new_phone)

    with pytest.raises(NotFound):
        await write_back(deps, complaint_id=filed.complaint_id, chat_id=old_phone, text="я тут")
    await write_back(deps, complaint_id=filed.complaint_id, chat_id=new_phone, text="я тут")
    await reply(deps, school.admin, complaint_id=filed.complaint_id, text="Мы разберёмся.")
    (outgoing,) = await pending_replies(deps)
    assert open_handle(deps.settings, outgoing.handle) == new_phone


async def test_the_dialogue_goes_both_ways_and_notes_stay_inside(deps, clock):
    school = await make_complaint_school(deps)
    chat = new_chat_id()
    filed = await file(deps, school, chat_id=chat, language="kk")
    number = filed.complaint_id
    with pytest.raises(NotFound):  # another chat cannot write into it
        await write_back(deps, complaint_id=number, chat_id=new_chat_id(), text="подлог")
    with pytest.raises(NotFound):  # nor a forged button naming no complaint
        await write_back(deps, complaint_id=2**40, chat_id=chat, text="подлог")

    clock.advance(timedelta(hours=2))
    await add_note(
        deps, school.admin, complaint_id=number, text="Поговорить с классным руководителем"
    )
    await reply(deps, school.admin, complaint_id=number, text="В каком классе это было?")
    card = await access_complaint(deps, school.admin, number)
    assert (card.status, card.first_answer_at) == (ComplaintStatus.WAITING, clock.now())

    (outgoing,) = await pending_replies(deps)
    assert (outgoing.complaint_id, outgoing.language, outgoing.text, outgoing.attachment_keys) == (
        number,
        "kk",
        "В каком классе это было?",
        (),
    )
    assert open_handle(deps.settings, outgoing.handle) == chat
    for attempt in range(4):
        await mark_reply_failed(deps, outgoing.message_id, f"network down {attempt}")
    assert [r.message_id for r in await pending_replies(deps)] == [outgoing.message_id]
    await mark_reply_sent(deps, outgoing.message_id)
    assert await pending_replies(deps) == []

    clock.advance(timedelta(minutes=30))
    urgent = await write_back(
        deps,
        complaint_id=number,
        chat_id=chat,
        text="7Б, после физкультуры",
        attachments=(photo(),),
    )
    assert urgent is False
    tracked = await track(deps, code=filed.code, chat_id=chat)
    assert tracked.status == ComplaintStatus.IN_PROGRESS
    assert [(e.author, e.text, e.attachments) for e in tracked.entries] == [
        (ComplaintAuthor.COMPLAINANT, BULLYING_TEXT, 0),
        (ComplaintAuthor.STAFF, "В каком классе это было?", 0),
        (ComplaintAuthor.COMPLAINANT, "7Б, после физкультуры", 1),
    ], "the note is never shown to the complainant"
    card = await access_complaint(deps, school.admin, number)
    assert [(e.author, e.staff_name, e.delivered) for e in card.entries] == [
        (ComplaintAuthor.COMPLAINANT, None, True),
        (ComplaintAuthor.NOTE, "Әкімова Дина", True),
        (ComplaintAuthor.STAFF, "Әкімова Дина", True),
        (ComplaintAuthor.COMPLAINANT, None, True),
    ]
    assert f"The complainant answered in complaint №{number}." in await told(
        school.admin.person_id
    )


async def test_a_reply_that_keeps_failing_is_given_up_after_five_attempts(deps, clock):
    school = await make_complaint_school(deps)
    filed = await file(deps, school)
    await reply(deps, school.psychologist, complaint_id=filed.complaint_id, text="Ответ")
    (outgoing,) = await pending_replies(deps)
    for _ in range(5):
        await mark_reply_failed(deps, outgoing.message_id, "Forbidden: bot was blocked")
    assert await pending_replies(deps) == []
    card = await access_complaint(deps, school.psychologist, filed.complaint_id)
    assert card.entries[-1].delivered is False


async def test_rejecting_needs_a_reason_and_closing_tells_the_complainant(deps, clock):
    school = await make_complaint_school(deps)
    chat = new_chat_id()
    filed = await file(deps, school, chat_id=chat)
    number = filed.complaint_id
    with pytest.raises(InvalidInput) as refused:
        await set_status(deps, school.admin, complaint_id=number, status=ComplaintStatus.REJECTED)
    assert refused.value.field == "reason"
    assert (await access_complaint(deps, school.admin, number)).status == ComplaintStatus.NEW

    clock.advance(timedelta(hours=3))
    await set_status(
        deps,
        school.admin,
        complaint_id=number,
        status=ComplaintStatus.REJECTED,
        reason="Это не относится к школе.",
    )
    card = await access_complaint(deps, school.admin, number)
    assert (card.status, card.closed_at, card.first_answer_at, card.reason) == (
        ComplaintStatus.REJECTED,
        clock.now(),
        clock.now(),
        "Это не относится к школе.",
    )
    (notice,) = await pending_replies(deps)
    assert (notice.text, notice.status, notice.reason) == (
        "",
        ComplaintStatus.REJECTED,
        "Это не относится к школе.",
    )
    with pytest.raises(Conflict) as closed:
        await write_back(deps, complaint_id=number, chat_id=chat, text="Но как же?")
    assert closed.value.translated("en") == (
        "This complaint is closed. If something new happened, file a new complaint."
    )
    with pytest.raises(Conflict):
        await reply(deps, school.admin, complaint_id=number, text="Ещё ответ")
    tracked = await track(deps, code=filed.code, chat_id=chat)
    assert (tracked.status, tracked.reason, len(tracked.entries)) == (
        ComplaintStatus.REJECTED,
        "Это не относится к школе.",
        1,
    )

    await set_status(deps, school.admin, complaint_id=number, status=ComplaintStatus.IN_PROGRESS)
    card = await access_complaint(deps, school.admin, number)
    assert (card.status, card.closed_at, card.reason) == (ComplaintStatus.IN_PROGRESS, None, "")
    await write_back(deps, complaint_id=number, chat_id=chat, text="Спасибо, что открыли снова")


# --- who sees what ----------------------------------------------------------------------------


async def test_the_person_complained_about_never_sees_hears_of_or_gets_the_complaint(deps, clock):
    school = await make_complaint_school(deps)
    about = school.psychologist
    assert about.person_id in {s.person_id for s in await subjects(school.school_id)}
    assert school.student.person_id not in {s.person_id for s in await subjects(school.school_id)}

    filed = await file(
        deps,
        school,
        text=SELF_HARM_TEXT,
        about_id=about.person_id,
        category=ComplaintCategory.SAFETY,
    )
    assert filed.urgent
    rows, total = await inbox(deps, about)
    assert (rows, total) == ([], 0)
    with pytest.raises(NotFound):
        await access_complaint(deps, about, filed.complaint_id)
    with pytest.raises(NotFound):
        await reply(deps, about, complaint_id=filed.complaint_id, text="Это неправда")
    assert await told(about.person_id) == []
    assert await told(school.admin.person_id) == [
        f"Urgent: complaint №{filed.complaint_id} may be about a child's safety. "
        "Open the complaints inbox now.",
        f"A new complaint №{filed.complaint_id} is waiting in the complaints inbox.",
    ], "with the psychologist complained about, the admin is alerted instead"

    card = await access_complaint(deps, school.admin, filed.complaint_id)
    assert card.about_name == "Нұрланова Гүлнар"
    assert about.person_id not in dict(card.assignable)
    assert school.admin.person_id in dict(card.assignable)
    with pytest.raises(InvalidInput):
        await assign(
            deps, school.admin, complaint_id=filed.complaint_id, assignee_id=about.person_id
        )
    with pytest.raises(InvalidInput):  # a teacher cannot handle complaints
        await assign(
            deps,
            school.admin,
            complaint_id=filed.complaint_id,
            assignee_id=school.teacher.person_id,
        )

    clock.advance(timedelta(hours=30))
    assert await complaints_tick(deps) == (1, 1)
    assert await told(about.person_id) == [], "nor reminded when the time runs out"

    with pytest.raises(PermissionDenied):
        await inbox(deps, school.teacher)
    with pytest.raises(NotFound):
        await access_complaint(deps, school.teacher, filed.complaint_id)


async def test_the_inbox_puts_urgent_and_overdue_first_and_filters(deps, clock):
    school = await make_complaint_school(deps)
    older = await file(deps, school, category=ComplaintCategory.FINANCE)
    clock.advance(timedelta(hours=1))
    urgent = await file(deps, school, text=SELF_HARM_TEXT)
    clock.advance(timedelta(hours=1))
    newest = await file(deps, school, category=ComplaintCategory.SCHEDULE)
    await assign(
        deps, school.admin, complaint_id=newest.complaint_id, assignee_id=school.admin.person_id
    )

    rows, total = await inbox(deps, school.psychologist)
    assert total == 3
    assert [r.id for r in rows] == [urgent.complaint_id, newest.complaint_id, older.complaint_id]
    assert [(r.urgent, r.overdue, r.anonymous, r.assignee_name) for r in rows] == [
        (True, False, True, None),
        (False, False, True, "Әкімова Дина"),
        (False, False, True, None),
    ]
    assert rows[0].organisation_name == "№12 мектеп-гимназия"

    clock.advance(timedelta(hours=22, minutes=30))  # the oldest is overdue, the others not yet
    rows, _ = await inbox(deps, school.psychologist)
    assert [(r.id, r.overdue) for r in rows] == [
        (urgent.complaint_id, False),
        (older.complaint_id, True),
        (newest.complaint_id, False),
    ]
    mine, _ = await inbox(deps, school.admin, filters=InboxFilter(mine=True))
    assert [r.id for r in mine] == [newest.complaint_id]
    money, _ = await inbox(
        deps, school.admin, filters=InboxFilter(category=ComplaintCategory.FINANCE)
    )
    assert [r.id for r in money] == [older.complaint_id]
    await set_status(
        deps, school.admin, complaint_id=older.complaint_id, status=ComplaintStatus.RESOLVED
    )
    rows, total = await inbox(deps, school.admin)
    assert (total, older.complaint_id in [r.id for r in rows]) == (2, False)
    everything, total = await inbox(deps, school.admin, filters=InboxFilter(open_only=False))
    assert total == 3
    page, total = await inbox(
        deps, school.admin, filters=InboxFilter(open_only=False), page=2, page_size=2
    )
    assert (len(page), total) == (1, 3)
    assert [r.id for r in everything][2] == page[0].id


# --- safety and the SLA -----------------------------------------------------------------------


async def test_an_urgent_text_alerts_the_psychologist_at_once_and_again_at_most_hourly(
    deps, clock
):
    school = await make_complaint_school(deps)
    chat = new_chat_id()
    filed = await file(deps, school, chat_id=chat, text=SELF_HARM_TEXT)
    assert filed.urgent
    alert = (
        f"Urgent: complaint №{filed.complaint_id} may be about a child's safety. "
        "Open the complaints inbox now."
    )
    assert (await told(school.psychologist.person_id))[0] == alert
    assert alert not in await told(school.admin.person_id), "the psychologist is there"

    assert await write_back(
        deps, complaint_id=filed.complaint_id, chat_id=chat, text="Я хочу умереть"
    )
    assert (await told(school.psychologist.person_id)).count(alert) == 1, "once an hour"
    clock.advance(timedelta(hours=1))
    assert await write_back(
        deps, complaint_id=filed.complaint_id, chat_id=chat, text="Мені ұрып-соғады"
    )
    assert (await told(school.psychologist.person_id)).count(alert) == 2
    assert not await write_back(
        deps, complaint_id=filed.complaint_id, chat_id=chat, text="Убил время на перемене"
    )

    quiet = await file(deps, school, text=BULLYING_TEXT)
    assert not quiet.urgent
    assert (await access_complaint(deps, school.admin, quiet.complaint_id)).urgent is False


async def test_the_sla_reminds_once_then_escalates_once_to_the_district(deps, clock):
    school = await make_complaint_school(deps)
    filed = await file(deps, school)
    number = filed.complaint_id
    handlers = (school.admin.person_id, school.psychologist.person_id)
    reminder = (
        f"Complaint №{number} needs its first answer by 02.09 11:00. "
        "Open the complaints inbox to answer it."
    )  # due 24 hours after 11:00 in Almaty

    clock.advance(timedelta(hours=17, minutes=59))
    assert await complaints_tick(deps) == (0, 0)
    clock.advance(timedelta(minutes=1))  # a quarter of the 24 hours is left
    assert await complaints_tick(deps) == (1, 0)
    assert await complaints_tick(deps) == (0, 0)
    for person_id in handlers:
        assert (await told(person_id)).count(reminder) == 1
    assert await inbox(deps, school.officer) == ([], 0), "not the district's yet"

    clock.advance(timedelta(hours=6))
    assert await complaints_tick(deps) == (0, 1)
    assert await complaints_tick(deps) == (0, 0)
    assert await told(school.officer.person_id) == [
        f"Complaint №{number} to №12 мектеп-гимназия got no answer in time and was passed "
        "to you. Open the complaints inbox."
    ]
    (row,), total = await inbox(deps, school.officer)
    assert (row.id, row.escalated, row.overdue, row.anonymous, total) == (
        number,
        True,
        True,
        True,
        1,
    )
    card = await access_complaint(deps, school.officer, number)
    assert (card.complainant, card.escalated_to_name) == (None, "Тараз қалалық білім бөлімі")
    assert school.officer.person_id in dict(card.assignable)
    await reply(deps, school.officer, complaint_id=number, text="Район разберётся.")
    assert (await access_complaint(deps, school.admin, number)).status == ComplaintStatus.WAITING
    assert await complaints_tick(deps) == (0, 0)


async def test_an_assigned_complaint_reminds_only_its_assignee_and_answers_stop_the_clock(
    deps, clock
):
    school = await make_complaint_school(deps)
    assigned = await file(deps, school)
    answered = await file(deps, school)
    await assign(
        deps,
        school.admin,
        complaint_id=assigned.complaint_id,
        assignee_id=school.psychologist.person_id,
    )
    assert (
        f"You were assigned complaint №{assigned.complaint_id}. "
        "Open the complaints inbox to answer it."
    ) in await told(school.psychologist.person_id)
    await reply(deps, school.admin, complaint_id=answered.complaint_id, text="Ответили сразу")
    clock.advance(timedelta(hours=25))
    assert await complaints_tick(deps) == (1, 1)
    reminders = [
        person_id
        for person_id in (school.admin.person_id, school.psychologist.person_id)
        if any("needs its first answer" in text for text in await told(person_id))
    ]
    assert reminders == [school.psychologist.person_id]
    assert (await Complaint.get(id=answered.complaint_id)).escalated_to_id is None


async def test_a_top_level_organisation_tells_its_own_handlers_when_overdue(deps, clock):
    system = await make_organisation(deps, name="Жеке орталық")
    admin = await make_member(deps, system, Role.ADMIN)
    filed = await file_complaint(
        deps,
        draft=Draft(
            organisation_id=system.organisation_id,
            category=ComplaintCategory.OTHER,
            text="Нет расписания",
            anonymous=True,
        ),
        chat_id=new_chat_id(),
    )
    clock.advance(timedelta(hours=24))
    assert await complaints_tick(deps) == (1, 0)
    assert await complaints_tick(deps) == (0, 0)
    assert (
        f"Complaint №{filed.complaint_id} got no answer in time. "
        "Open the complaints inbox to answer it."
    ) in await told(admin.person_id)


async def test_the_scheduler_runs_the_complaints_job_every_minute(deps, clock):
    school = await make_complaint_school(deps)
    await file(deps, school)
    clock.advance(timedelta(hours=25))
    components: dict[str, str] = {}
    scheduler = Scheduler(deps, Alone(), components)
    job = scheduler.apscheduler.get_job("complaints")
    assert (job.func, job.max_instances, job.coalesce) == (scheduler.complaints, 1, True)
    assert await scheduler.complaints() is True
    assert components["complaints"] == "ok"
    assert (await Complaint.all().first()).escalated_to_id == school.district_id


# --- settings ---------------------------------------------------------------------------------


async def test_settings_the_public_code_and_the_answer_time(deps, clock):
    school = await make_complaint_school(deps)
    place = await place_by_code(f"org-{school.public_code.lower()}")
    assert place.organisation_id == school.school_id
    assert place.name("en") == "№12 мектеп-гимназия"
    assert (await complaint_settings(deps, school.admin)).answer_hours == 24

    for hours in (0, 721):
        with pytest.raises(InvalidInput) as refused:
            await update_complaint_settings(deps, school.admin, answer_hours=hours)
        assert refused.value.field == "answer_hours"
    with pytest.raises(PermissionDenied):
        await update_complaint_settings(deps, school.psychologist, answer_hours=48)
    await update_complaint_settings(deps, school.admin, answer_hours=48)
    filed = await file(deps, school)
    card = await access_complaint(deps, school.admin, filed.complaint_id)
    assert card.answer_due_at == clock.now() + timedelta(hours=48)

    code = await new_public_code(deps, school.admin)
    assert code != school.public_code
    with pytest.raises(NotFound) as old:
        await place_by_code(school.public_code)
    assert old.value.translated("en") == (
        "No organisation has this code. Check it on the poster or ask the school."
    )
    assert (await place_by_code(code)).organisation_id == school.school_id
    assert (await complaint_settings(deps, school.admin)).public_code == code

    await set_feature(
        deps,
        school.admin,
        organisation_id=school.school_id,
        feature="complaints",
        enabled=False,
    )
    with pytest.raises(NotFound):
        await place_by_code(code)
    with pytest.raises(NotFound):
        await file(deps, school)
    assert await places_of(school.student.person_id or 0) == []


async def test_a_school_without_its_own_settings_inherits_the_districts(deps, clock):
    school = await make_complaint_school(deps)
    await update_complaint_settings(deps, school.district, answer_hours=12)
    other = await make_organisation(
        deps, name="№7 мектеп", kind=OrganisationKind.SCHOOL, parent_id=school.district_id
    )
    await make_member(deps, other, Role.ADMIN)
    filed = await file_complaint(
        deps,
        draft=Draft(
            organisation_id=other.organisation_id,
            category=ComplaintCategory.OTHER,
            text="Нет света в классе",
            anonymous=True,
        ),
        chat_id=new_chat_id(),
    )
    complaint = await Complaint.get(id=filed.complaint_id)
    assert complaint.answer_due_at == clock.now() + timedelta(hours=12)
    assert (await complaint_settings(deps, other)).answer_hours == 12
    assert [p.organisation_id for p in await places_of(school.student.person_id or 0)] == [
        school.school_id
    ]


# --- reports ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A day of complaints (1 September, from 11:00 in Almaty): ids, and hours after filing
    of each first answer and closing."""

    school: ComplaintSchool
    start: datetime
    resolved: int
    waiting: int
    rejected: int
    late: int
    unanswered: int
    elsewhere: int
    first_answers: dict[int, float]
    closings: dict[int, float]


async def a_day_of_complaints(deps: Deps, clock: FrozenClock) -> Period:
    school = await make_complaint_school(deps)
    other = await make_organisation(
        deps, name="№7 мектеп", kind=OrganisationKind.SCHOOL, parent_id=school.district_id
    )
    await make_member(deps, other, Role.ADMIN, last_name="Омарова", first_name="Сәуле")
    start = clock.now()  # 01.09 11:00 in Almaty

    def at(hours: float) -> None:
        clock.current = start + timedelta(hours=hours)

    at(-24)  # the day before: outside the period
    await file(deps, school)
    at(0)
    resolved = (await file(deps, school, category=ComplaintCategory.BULLYING)).complaint_id
    at(1)
    waiting = (
        await file(
            deps,
            school,
            category=ComplaintCategory.TEACHER,
            anonymous=False,
            named_as=school.student,
        )
    ).complaint_id
    at(2)
    rejected = (await file(deps, school, category=ComplaintCategory.BULLYING)).complaint_id
    at(3)
    late = (
        await file(deps, school, category=ComplaintCategory.FINANCE, text=SELF_HARM_TEXT)
    ).complaint_id
    at(5)
    unanswered = (await file(deps, school, category=ComplaintCategory.SCHEDULE)).complaint_id
    at(6)
    elsewhere = await file_complaint(
        deps,
        draft=Draft(
            organisation_id=other.organisation_id,
            category=ComplaintCategory.SAFETY,
            text="Сломана лестница",
            anonymous=True,
        ),
        chat_id=new_chat_id(),
    )
    # (hours after filing, complaint) of first answers and closings, in the order they happen.
    first_answers = {resolved: 2.0, rejected: 4.0, waiting: 6.0, late: 30.0}
    closings = {rejected: 4.0, resolved: 10.0}
    at(0 + 2)
    await reply(deps, school.admin, complaint_id=resolved, text="Ответ")
    at(2 + 4)
    await set_status(
        deps, school.admin, complaint_id=rejected, status=ComplaintStatus.REJECTED, reason="Дубль"
    )
    at(1 + 6)
    await reply(deps, school.psychologist, complaint_id=waiting, text="Ответ")
    at(0 + 10)
    await set_status(deps, school.admin, complaint_id=resolved, status=ComplaintStatus.RESOLVED)
    at(3 + 30)
    await reply(deps, school.admin, complaint_id=late, text="Ответ")
    at(60)  # every first answer is due by now
    return Period(
        school,
        start,
        resolved,
        waiting,
        rejected,
        late,
        unanswered,
        elsewhere.complaint_id,
        first_answers,
        closings,
    )


DAY = date(2026, 9, 1)


async def test_reports_count_complaints_per_organisation_and_period(deps, clock):
    period = await a_day_of_complaints(deps, clock)
    school, day = period.school, DAY
    first_answers, closings = period.first_answers, period.closings
    rows = await complaint_report(deps, school.admin, start=day, end=day)
    assert [row.organisation_name for row in rows] == ["№12 мектеп-гимназия", ALL_ORGANISATIONS]
    mine, total = rows
    assert mine.total == total.total == 5
    assert mine.by_category[ComplaintCategory.BULLYING] == 2
    assert mine.by_category[ComplaintCategory.SAFETY] == 0
    assert {status: n for status, n in mine.by_status.items() if n} == {
        ComplaintStatus.RESOLVED: 1,
        ComplaintStatus.WAITING: 2,
        ComplaintStatus.REJECTED: 1,
        ComplaintStatus.NEW: 1,
    }
    assert mine.first_answer_median_hours == statistics.median(first_answers.values())
    assert mine.resolution_median_hours == statistics.median(closings.values())
    # answered after the 24 hours, or never answered
    assert mine.overdue == sum(hours > 24 for hours in first_answers.values()) + 1

    district_rows = await complaint_report(deps, school.officer, start=day, end=day)
    assert [(r.organisation_name, r.total) for r in district_rows] == [
        ("№12 мектеп-гимназия", 5),
        ("№7 мектеп", 1),
        (ALL_ORGANISATIONS, 6),
    ]
    assert district_rows[-1].overdue == 3
    assert district_rows[1].by_category[ComplaintCategory.SAFETY] == 1
    (empty,) = await complaint_report(
        deps, school.admin, start=date(2026, 9, 2), end=date(2026, 9, 5)
    )
    assert (empty.organisation_name, empty.total, empty.first_answer_median_hours) == (
        ALL_ORGANISATIONS,
        0,
        None,
    )
    with pytest.raises(PermissionDenied):
        await complaint_report(deps, school.teacher, start=day, end=day)
    with pytest.raises(InvalidInput):
        await complaint_report(deps, school.admin, start=day, end=date(2026, 8, 1))


async def test_the_workbook_has_a_row_per_complaint_and_no_names_or_texts(deps, clock):
    period = await a_day_of_complaints(deps, clock)
    school, resolved = period.school, period.resolved
    data = await complaint_report_xlsx(deps, school.officer, start=DAY, end=DAY, language="en")
    sheet = load_workbook(io.BytesIO(data)).active
    lines = list(sheet.iter_rows(values_only=True))
    assert lines[0] == (
        "Number",
        "Organisation",
        "Category",
        "Status",
        "Urgent",
        "Anonymous",
        "Created",
        "Hours to first answer",
        "Hours to close",
    )
    by_number = {line[0]: line for line in lines[1:]}
    assert set(by_number) == {
        period.resolved,
        period.waiting,
        period.rejected,
        period.late,
        period.unanswered,
        period.elsewhere,
    }
    assert by_number[resolved][1:] == (
        "№12 мектеп-гимназия",
        "Bullying",
        "Resolved",
        "No",
        "Yes",
        period.start.astimezone(ZoneInfo("Asia/Almaty")).replace(tzinfo=None),
        2.0,
        10.0,
    )
    assert by_number[period.late][4] == "Yes"
    assert by_number[period.waiting][5] == "No"
    cells = repr(lines)
    for secret in (
        "Сейтқали",
        "Айгүл",
        "Әкімова",
        "Нұрланова",
        "Ахметов",
        "Ответ",
        BULLYING_TEXT,
        SELF_HARM_TEXT,
        "Дубль",
        "Сломана",
        "Омарова",
    ):
        assert secret not in cells


async def rows_by_table() -> dict[str, set[str]]:
    return {
        model._meta.db_table: {repr(row) for row in await model.all().values()}
        for model in Tortoise.apps["models"].values()
    }


async def test_every_table_is_free_of_the_complainants_telegram_id_name_and_phone(deps, clock):
    """Every row the complaint's life writes or changes — filing with a picture, a reply, the
    complainant's answer, tracking, the reminder and the escalation — is free of the
    student's Telegram id, name and phone (their own person and account rows, written
    before, are the only places that know them)."""
    school = await make_complaint_school(deps)
    await linked_student(deps, school)
    before = await rows_by_table()
    filed = await file(deps, school, chat_id=CHAT, attachments=(photo(),))
    clock.advance(timedelta(days=1))
    assert await complaints_tick(deps) == (1, 1)
    await reply(deps, school.officer, complaint_id=filed.complaint_id, text="Расскажи подробнее")
    await write_back(deps, complaint_id=filed.complaint_id, chat_id=CHAT, text="Завтра расскажу")
    await track(deps, code=filed.code, chat_id=CHAT)

    written = {
        table: rows - before.get(table, set()) for table, rows in (await rows_by_table()).items()
    }
    assert written["complaint"] and written["complaint_message"] and written["outbox_message"]
    found = [
        (table, trace)
        for table, rows in written.items()
        for row in rows
        for trace in (str(CHAT), "Сейтқали", "Айгүл", PHONE, PHONE[1:])
        if trace in row
    ]
    assert found == []
