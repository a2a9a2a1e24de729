"""Complaints: filing them from the complaints bot, answering them in the inbox, the SLA.

**The complainant** (the complaints bot) has no ``Actor``: the Telegram chat proves who
writes. A complaint stores the chat only sealed (``core.complaint_handles``), the tracking
code only as its SHA-256, and an anonymous one stores no person at all. Nothing written on
the complainant's behalf names them either: the audit record of an anonymous filing has a
system actor and only the category, whether it is anonymous and whether it is urgent; the
outbox rows it queues go to staff and carry the complaint's number only; rate limits are
keyed by an HMAC of the chat (``chat_tag``). Replies wait in ``ComplaintMessage`` rows until
the complaints bot, the only holder of the key in a split deployment, opens the handle and
sends them (``pending_replies``).

- **Codes**: a tracking code is 16 Crockford base32 characters (80 random bits), shown as
  ``XXXX-XXXX-XXXX-XXXX``; typed codes are normalised (case, dashes and spaces, O → 0,
  I and L → 1). Guessing is pointless at 80 bits and limited anyway: 5 wrong codes per chat
  in 10 minutes, 1000 wrong ones per hour from everyone (a right code still opens then). A
  right code typed in another chat (a new phone) moves the handle there. An organisation's
  public code (the poster's QR, the deep link ``?start=org-<code>``) is 10 such characters;
  a new one retires the old.
- **Attachments**: up to 10 files go with a message, each at most 10 MB, their type read
  from the bytes (``core.attachments.content_type_of``), never from a name. Pictures
  (JPEG, PNG, WebP, also when sent as a file) are decoded (decompression bombs refused),
  turned upright, fitted into 1600 px and re-encoded — JPEG stays JPEG, anything else
  becomes PNG — so EXIF (place, camera, time) never reaches the disk. Documents — PDF,
  Word, Excel, PowerPoint, their OpenDocument counterparts and plain text — are stored
  scrubbed of their metadata (``core.document_scrub``: author, company, comments' authors,
  XMP, thumbnails; a name typed into the document stays, as any text does). No file name
  is ever stored: staff download a document as ``complaint-<number>-<id>.<ext>``.
- **Safety**: a text with an urgent ``core.safety`` concern (``URGENT``: self-harm, suicide,
  violence, abuse — not bullying alone, a category with its own answer time) makes the
  complaint urgent and alerts the organisation's psychologists at once (else its admins,
  else every handler); the bot shows the helplines. A complainant's later urgent messages
  alert again at most once an hour per complaint.
- **Who sees a complaint**: holders of ``complaints.handle`` working in its organisation,
  or in the organisation it was escalated to — never the person it is ``about``, who is
  also never notified of it nor assignable to it. Notifications go to the handlers whose
  membership is in that organisation itself (a ministry's admin does not hear of every
  school's complaint; escalation is how it reaches the level above).
- **SLA** (``complaints_tick``, the scheduler's minute job): when a quarter of the answer
  time is left without a first answer, the assignee (else every handler) is reminded once;
  when the time is over, the complaint is escalated once to the parent organisation, whose
  handlers are told and see it in their inbox, still anonymous. A top-level organisation's
  overdue complaint is marked and its own handlers are told instead. Closing a complaint
  counts as its first answer: the complainant gets the status notice.
- **Reports** count complaints created in the period (local days of the actor's
  organisation) in it and its descendants: "overdue" is a first answer later than due, or
  none while due has passed. The workbook has one row per complaint without names or text.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import secrets
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from limits import RateLimitItemPerHour, RateLimitItemPerMinute
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from PIL import Image, ImageOps, UnidentifiedImageError
from tortoise.expressions import F, Q
from tortoise.functions import Max

from core.actor import Actor
from core.attachments import ALLOWED_TYPES, content_type_of, open_path, store
from core.complaint_handles import chat_tag, open_handle, seal
from core.deps import Deps
from core.document_scrub import NOT_ACCEPTED, scrub_document
from core.errors import Conflict, InvalidInput, NotFound, RateLimited
from core.i18n import N_, gettext_for, pick_language
from core.inherited import inherited_rows
from core.models.complaints import (
    Complaint,
    ComplaintAttachment,
    ComplaintMessage,
    ComplaintSettings,
)
from core.models.complaints import ComplaintAuthor as ComplaintAuthor  # noqa: PLC0414 - for adapters
from core.models.complaints import ComplaintCategory as ComplaintCategory  # noqa: PLC0414
from core.models.complaints import ComplaintStatus as ComplaintStatus  # noqa: PLC0414
from core.models.org import Organisation
from core.models.people import Membership, Role
from core.permissions import Permission, effective_grants, has_permission, require
from core.safety import URGENT, concerns
from core.services.audit import do_record
from core.services.lessons import (
    check_id,
    format_when,
    local_days,
    lock_organisation,
    organisation_zone,
    person_names,
)
from core.services.outbox import do_enqueue
from core.services.people import MAX_ID
from core.tx import Tx, transaction
from core.workbooks import headed_sheet, text_cell

MAX_TEXT = 4000
#: Files (pictures and documents together) that may go with one message.
MAX_ATTACHMENTS = 10
#: Pixels a picture may have (a 40-megapixel photo); more is refused before decoding.
MAX_PICTURE_PIXELS = 40_000_000
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
#: Pictures that are redrawn; any other picture type is refused.
PICTURE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp"})
#: Documents stored scrubbed of their metadata (``core.document_scrub``).
DOCUMENT_TYPES = frozenset(
    content_type for content_type in ALLOWED_TYPES if not content_type.startswith("image/")
)
#: What a complainant may attach.
ATTACHMENT_TYPES = PICTURE_TYPES | DOCUMENT_TYPES
#: Pictures are fitted into this many pixels a side.
PICTURE_SIDE = 1600
REASON_MAX = 1000
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
CODE_LENGTH = 16
PUBLIC_CODE_LENGTH = 10
ANSWER_HOURS_DEFAULT = 24
ANSWER_HOURS_MIN, ANSWER_HOURS_MAX = 1, 720
#: A reply that failed this many times is left for a person to look at.
MAX_DELIVERY_ATTEMPTS = 5
DELIVERY_ERROR_MAX = 300
PAGE_SIZE_MAX = 200

OPEN_STATUSES = (ComplaintStatus.NEW, ComplaintStatus.IN_PROGRESS, ComplaintStatus.WAITING)
CLOSED_STATUSES = (ComplaintStatus.RESOLVED, ComplaintStatus.REJECTED)

FILE_LIMIT = RateLimitItemPerHour(5)
WRONG_CODE_LIMIT = RateLimitItemPerMinute(5, 10)
WRONG_CODE_ALL_LIMIT = RateLimitItemPerHour(1000)
WRITE_LIMIT = RateLimitItemPerMinute(20, 10)

CATEGORY_LABELS: dict[ComplaintCategory, str] = {
    ComplaintCategory.BULLYING: N_("Bullying"),
    ComplaintCategory.TEACHER: N_("A teacher"),
    ComplaintCategory.FINANCE: N_("Money"),
    ComplaintCategory.SCHEDULE: N_("Schedule"),
    ComplaintCategory.SAFETY: N_("Safety"),
    ComplaintCategory.OTHER: N_("Something else"),
}
STATUS_LABELS: dict[ComplaintStatus, str] = {
    ComplaintStatus.NEW: N_("New"),
    ComplaintStatus.IN_PROGRESS: N_("In progress"),
    ComplaintStatus.WAITING: N_("Waiting for the complainant"),
    ComplaintStatus.RESOLVED: N_("Resolved"),
    ComplaintStatus.REJECTED: N_("Rejected"),
}
#: The name of the report's last row, the total of every organisation (translate it).
ALL_ORGANISATIONS = N_("All organisations")

NO_PLACE = N_("No organisation has this code. Check it on the poster or ask the school.")
NO_COMPLAINT = N_("No complaint has this code. Check it and try again.")
CLOSED = N_("This complaint is closed. If something new happened, file a new complaint.")
CLOSED_FOR_STAFF = N_("This complaint is closed. Reopen it to answer.")
NOT_A_PICTURE = N_("Picture {number} cannot be sent: only JPG, PNG and WebP pictures are taken.")
FILE_TOO_LARGE = N_("File {number} is too large: at most {limit} MB.")
TOO_MANY_PIXELS = N_("Picture {number} is too large: at most {limit} megapixels.")

NEW_COMPLAINT = N_("A new complaint №{number} is waiting in the complaints inbox.")
URGENT_COMPLAINT = N_(
    "Urgent: complaint №{number} may be about a child's safety. Open the complaints inbox now."
)
ANSWERED = N_("The complainant answered in complaint №{number}.")
ASSIGNED = N_("You were assigned complaint №{number}. Open the complaints inbox to answer it.")
REMINDER = N_(
    "Complaint №{number} needs its first answer by {due}. Open the complaints inbox to answer it."
)
ESCALATED = N_(
    "Complaint №{number} to {organisation} got no answer in time and was passed to you. "
    "Open the complaints inbox."
)
OVERDUE = N_("Complaint №{number} got no answer in time. Open the complaints inbox to answer it.")


# --- plain data out ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintPlace:
    organisation_id: int
    name_kk: str
    name_ru: str
    name_en: str

    def name(self, language: str) -> str:
        """The name in ``language``, else the first one that is filled in."""
        preferred: str = getattr(self, f"name_{language}", "") if language in _LANGS else ""
        return preferred or self.name_ru or self.name_kk or self.name_en


_LANGS = ("kk", "ru", "en")


@dataclass(frozen=True)
class Subject:
    """Someone a complaint may be about: a teacher or staff member of the organisation."""

    person_id: int
    full_name: str


@dataclass(frozen=True)
class Draft:
    organisation_id: int
    category: ComplaintCategory
    text: str
    anonymous: bool
    about_id: int | None = None
    attachments: tuple[bytes, ...] = ()  # pictures and documents, as sent
    language: str = "ru"


@dataclass(frozen=True)
class Filed:
    complaint_id: int
    code: str
    urgent: bool


@dataclass(frozen=True)
class Entry:
    author: ComplaintAuthor
    text: str
    created_at: datetime
    attachments: int  # how many files went with it


@dataclass(frozen=True)
class Tracked:
    complaint_id: int
    organisation: ComplaintPlace
    category: ComplaintCategory
    status: ComplaintStatus
    reason: str
    created_at: datetime
    entries: tuple[Entry, ...]  # the complainant's messages and staff replies, never notes
    zone: ZoneInfo


@dataclass(frozen=True)
class OutgoingReply:
    """A staff reply or status notice (empty ``text``) the complaints bot must deliver."""

    message_id: int
    complaint_id: int
    handle: str
    language: str
    text: str
    status: ComplaintStatus
    reason: str
    attachment_keys: tuple[str, ...]


@dataclass(frozen=True)
class InboxRow:
    id: int
    organisation_name: str
    category: ComplaintCategory
    status: ComplaintStatus
    urgent: bool
    anonymous: bool
    created_at: datetime
    answer_due_at: datetime
    overdue: bool
    escalated: bool
    assignee_name: str | None
    last_entry_at: datetime


@dataclass(frozen=True)
class InboxFilter:
    status: ComplaintStatus | None = None
    category: ComplaintCategory | None = None
    mine: bool = False
    open_only: bool = True


@dataclass(frozen=True)
class EntryAttachment:
    """A file of a thread entry, as staff see it: never its original name (none is kept)."""

    id: int
    content_type: str
    size: int

    @property
    def picture(self) -> bool:
        """Shown in the page; anything else is downloaded."""
        return self.content_type in PICTURE_TYPES

    @property
    def extension(self) -> str:
        """The usual extension of its type (``pdf``, ``docx``, ``txt``...)."""
        return ALLOWED_TYPES.get(self.content_type, ("bin",))[0]


@dataclass(frozen=True)
class AttachmentDownload:
    path: Path
    content_type: str
    filename: str  # ``complaint-<complaint>-<attachment>.<ext>``: nothing of the sender's
    picture: bool


@dataclass(frozen=True)
class ThreadEntry:
    id: int
    author: ComplaintAuthor
    staff_name: str | None
    text: str
    created_at: datetime
    attachments: tuple[EntryAttachment, ...]
    delivered: bool  # staff replies: the complainant got it; other entries: always True


@dataclass(frozen=True)
class Complainant:
    person_id: int
    full_name: str
    role: str


@dataclass(frozen=True)
class ComplaintCard:
    id: int
    organisation_name: str
    category: ComplaintCategory
    status: ComplaintStatus
    reason: str
    urgent: bool
    anonymous: bool
    complainant: Complainant | None
    about_name: str | None
    assignee_id: int | None
    assignee_name: str | None
    created_at: datetime
    answer_due_at: datetime
    first_answer_at: datetime | None
    closed_at: datetime | None
    escalated_to_name: str | None
    overdue: bool
    entries: tuple[ThreadEntry, ...]
    assignable: tuple[tuple[int, str], ...]
    zone: ZoneInfo


@dataclass(frozen=True)
class ComplaintSettingsView:
    public_code: str
    answer_hours: int


@dataclass(frozen=True)
class ReportRow:
    organisation_name: str
    total: int
    by_category: dict[ComplaintCategory, int]
    by_status: dict[ComplaintStatus, int]
    first_answer_median_hours: float | None
    resolution_median_hours: float | None
    overdue: int
    organisation_id: int | None = None  # None on the last row, the total


# --- codes ------------------------------------------------------------------------------------

_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _random_code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def format_code(code: str) -> str:
    """A 16-character tracking code as it is shown: ``XXXX-XXXX-XXXX-XXXX``."""
    return "-".join(code[start : start + 4] for start in range(0, len(code), 4))


def _normalised(code: str, length: int) -> str | None:
    cleaned = "".join(code.split()).replace("-", "").upper().translate(_LOOKALIKES)
    if len(cleaned) != length or any(char not in CODE_ALPHABET for char in cleaned):
        return None
    return cleaned


def normalise_code(code: str) -> str | None:
    """A typed tracking code in its stored form (16 characters), or ``None`` when it cannot
    be one."""
    return _normalised(code, CODE_LENGTH)


def normalise_public_code(code: str) -> str | None:
    """A typed or deep-linked public code (``org-`` prefix allowed) in its stored form."""
    cleaned = code.strip()
    if cleaned[:4].casefold() == "org-":
        cleaned = cleaned[4:]
    return _normalised(cleaned, PUBLIC_CODE_LENGTH)


def code_hash(code: str) -> str:
    """The stored form of a normalised tracking code."""
    return hashlib.sha256(code.encode("ascii")).hexdigest()


# --- small helpers ----------------------------------------------------------------------------


def _org_name(org: Organisation) -> str:
    return org.name_ru or org.name_kk or org.name_en


def _place(org: Organisation) -> ComplaintPlace:
    return ComplaintPlace(org.id, org.name_kk, org.name_ru, org.name_en)


def _complaints_on(org: Organisation) -> bool:
    return bool((org.features or {}).get("complaints", True))


def _clean_text(text: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    cleaned = text.replace("\x00", "").strip()
    if required and not cleaned:
        raise InvalidInput(N_("Write what happened: the text cannot be empty."), field="text")
    if len(cleaned) > limit:
        raise InvalidInput(
            N_("The text is too long: at most {limit} characters. Split it into two messages."),
            field="text",
            limit=limit,
        )
    return cleaned


def _check_attachment_count(attachments: Sequence[bytes]) -> None:
    if len(attachments) > MAX_ATTACHMENTS:
        raise InvalidInput(
            N_("At most {limit} files can go with one message."),
            field="attachments",
            limit=MAX_ATTACHMENTS,
        )


def _clean_attachment(data: bytes, number: int) -> tuple[bytes, str]:
    """A file as it is stored and its type: a picture redrawn, a document scrubbed.

    Raises:
        InvalidInput: too large, not of an accepted type (by its bytes), or not readable as
            the type it claims (field ``attachments``, parameter ``number``).
    """
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise InvalidInput(
            FILE_TOO_LARGE,
            field="attachments",
            number=number,
            limit=MAX_ATTACHMENT_BYTES // (1024 * 1024),
        )
    content_type = content_type_of(data) if data else None
    if content_type in PICTURE_TYPES:
        return _clean_picture(data, number)
    if content_type not in DOCUMENT_TYPES:
        raise InvalidInput(NOT_ACCEPTED, field="attachments", number=number)
    return scrub_document(data, content_type, number=number, field="attachments"), content_type


def _clean_picture(data: bytes, number: int) -> tuple[bytes, str]:
    """A picture redrawn: upright, fitted into ``PICTURE_SIDE``, no metadata; JPEG stays
    JPEG (a photo), anything else becomes PNG."""
    not_a_picture = InvalidInput(NOT_A_PICTURE, field="attachments", number=number)
    out = io.BytesIO()
    try:
        # An absurd pixel count is a decompression bomb: refused from the header, before
        # decoding (Pillow's own guard is a process-wide warning filter, not thread-safe).
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            if kind not in {"JPEG", "MPO", "PNG", "WEBP"}:  # MPO: a phone's multi-frame JPEG
                raise not_a_picture
            if image.width * image.height > MAX_PICTURE_PIXELS:
                raise InvalidInput(
                    TOO_MANY_PIXELS,
                    field="attachments",
                    number=number,
                    limit=MAX_PICTURE_PIXELS // 1_000_000,
                )
            if kind in {"JPEG", "MPO"}:
                # Decode at the smallest scale that still covers the side we keep.
                image.draft("RGB", (PICTURE_SIDE, PICTURE_SIDE))
            image.load()
            upright = ImageOps.exif_transpose(image)
            if kind in {"JPEG", "MPO"}:
                drawn = upright.convert("RGB")
                drawn.thumbnail((PICTURE_SIDE, PICTURE_SIDE))
                # Pillow writes a JPEG comment and a PNG ICC profile back from ``info``.
                drawn.info.clear()
                drawn.save(out, format="JPEG", quality=85, optimize=True)
                return out.getvalue(), "image/jpeg"
            has_alpha = "A" in upright.getbands() or "transparency" in upright.info
            drawn = upright.convert("RGBA" if has_alpha else "RGB")
            drawn.thumbnail((PICTURE_SIDE, PICTURE_SIDE))
            drawn.info.clear()
            drawn.save(out, format="PNG", optimize=True)
            return out.getvalue(), "image/png"
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        raise not_a_picture from None


@dataclass(frozen=True)
class _Stored:
    key: str
    content_type: str
    size: int


def _store_attachments_blocking(deps: Deps, attachments: Sequence[bytes]) -> list[_Stored]:
    # Every file is checked before any is stored: a refused fifth file stores nothing.
    cleaned = [_clean_attachment(data, number) for number, data in enumerate(attachments, start=1)]
    return [
        _Stored(store(deps.settings, data), content_type, len(data))
        for data, content_type in cleaned
    ]


async def _store_attachments(deps: Deps, attachments: Sequence[bytes]) -> list[_Stored]:
    """Clean and store files (in a thread: decoding, scrubbing and disk syncs block)."""
    _check_attachment_count(attachments)
    if not attachments:
        return []
    return await asyncio.to_thread(_store_attachments_blocking, deps, attachments)


async def _add_message(
    tx: Tx,
    complaint: Complaint,
    author: ComplaintAuthor,
    text: str,
    *,
    staff_id: int | None = None,
    attachments: Sequence[_Stored] = (),
) -> None:
    message = await ComplaintMessage.create(
        complaint_id=complaint.id,
        author=author.value,
        staff_id=staff_id,
        text=text,
        created_at=tx.now,
    )
    if attachments:
        await ComplaintAttachment.bulk_create(
            [
                ComplaintAttachment(
                    message_id=message.id,
                    key=attachment.key,
                    content_type=attachment.content_type,
                    size=attachment.size,
                )
                for attachment in attachments
            ]
        )


async def _handlers(organisation_id: int) -> set[int]:
    """People whose active membership in the organisation itself gives them
    ``complaints.handle`` there."""
    grants = await effective_grants(organisation_id)
    roles = [role for role, granted in grants.items() if Permission.COMPLAINTS_HANDLE in granted]
    if not roles:
        return set()
    rows = await Membership.filter(
        organisation_id=organisation_id, archived_at__isnull=True, role__in=roles
    ).values("person_id")
    return {int(row["person_id"]) for row in rows}


async def _urgent_recipients(organisation_id: int, about_id: int | None) -> set[int]:
    """The organisation's psychologists, else its admins, else every handler; never the
    person the complaint is about."""
    handlers = await _handlers(organisation_id)
    handlers.discard(about_id or 0)
    for role in (Role.PSYCHOLOGIST, Role.ADMIN):
        holders = await Membership.filter(
            organisation_id=organisation_id,
            archived_at__isnull=True,
            role=role,
            person_id__in=list(handlers) or [0],
        ).values("person_id")
        if holders:
            return {int(row["person_id"]) for row in holders}
    return handlers


async def _notify(
    tx: Tx,
    people: Iterable[int],
    message: str,
    params: dict[str, object],
    *,
    organisation_id: int,
    dedupe: str,
) -> None:
    for person_id in sorted(set(people)):
        await do_enqueue(
            tx,
            person_id=person_id,
            message=message,
            params=params,
            organisation_id=organisation_id,
            dedupe_key=f"{dedupe}:{person_id}",
        )


def _hour(now: datetime) -> int:
    return int(now.timestamp()) // 3600


async def _alert_urgent(tx: Tx, complaint: Complaint) -> None:
    """Alert the urgent recipients, at most once an hour per complaint."""
    people = await _urgent_recipients(complaint.organisation_id, complaint.about_id)  # type: ignore[attr-defined]
    await _notify(
        tx,
        people,
        URGENT_COMPLAINT,
        {"number": complaint.id},
        organisation_id=complaint.organisation_id,  # type: ignore[attr-defined]
        dedupe=f"complaint:{complaint.id}:urgent:{_hour(tx.now)}",
    )


def _overdue(
    now: datetime, answer_due_at: datetime, first_answer_at: datetime | None, closed: bool
) -> bool:
    return first_answer_at is None and not closed and answer_due_at <= now


def _as_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


# --- the complainant's side -------------------------------------------------------------------


async def place_by_code(code: str) -> ComplaintPlace:
    """The organisation whose public code (the poster's, the deep link's) this is.

    Raises:
        NotFound: no organisation has it, it was replaced, or the organisation has
            complaints switched off.
    """
    normalised = normalise_public_code(code)
    settings = (
        await ComplaintSettings.get_or_none(public_code=normalised).select_related("organisation")
        if normalised
        else None
    )
    if settings is None or not _complaints_on(settings.organisation):
        raise NotFound(NO_PLACE)
    return _place(settings.organisation)


async def places_of(identity_person_id: int) -> list[ComplaintPlace]:
    """The organisations where a linked person holds an active role and takes complaints, by
    id (to complain by name, or to pick one quickly).

    Raises:
        Nothing.
    """
    org_ids = await Membership.filter(
        person_id=identity_person_id, archived_at__isnull=True
    ).values_list("organisation_id", flat=True)
    orgs = await Organisation.filter(id__in=sorted(set(org_ids))).order_by("id")
    return [_place(org) for org in orgs if _complaints_on(org)]


async def subjects(organisation_id: int) -> list[Subject]:
    """The organisation's teachers and staff (active memberships there, not students or
    parents), by name: the people a complaint may be about.

    Raises:
        Nothing.
    """
    rows = await Membership.filter(
        organisation_id=organisation_id,
        archived_at__isnull=True,
        role__not_in=[Role.STUDENT, Role.PARENT],
    ).values("person_id")
    names = await person_names(int(row["person_id"]) for row in rows)
    return sorted(
        (Subject(person_id, name) for person_id, name in names.items()),
        key=lambda subject: (subject.full_name.casefold(), subject.person_id),
    )


async def answer_hours_of(organisation_ids: Iterable[int]) -> dict[int, int]:
    """The hours to the first answer in force for each organisation: its own setting, else
    its nearest ancestor's, else 24."""
    rows = await inherited_rows(ComplaintSettings, organisation_ids)
    return {
        org_id: row.answer_hours if row is not None else ANSWER_HOURS_DEFAULT
        for org_id, row in rows.items()
    }


async def file_complaint(
    deps: Deps, *, draft: Draft, chat_id: int, named_as: Actor | None = None
) -> Filed:
    """File a complaint from the complaints bot; the code is shown to the complainant once.

    An anonymous draft stores no person even when ``named_as`` is given.

    Raises:
        InvalidInput: empty or too long text, too many files, a file too large, of a type
            not taken or unreadable (field ``attachments`` with its ``number``), an unknown
            category, or ``about_id`` not a teacher or staff member of the organisation.
        NotFound: no such organisation, complaints are off there, or a named complaint
            whose ``named_as`` does not work in that organisation.
        RateLimited: five complaints from this chat in the last hour.
    """
    text = _clean_text(draft.text)
    _check_attachment_count(draft.attachments)
    try:
        category = ComplaintCategory(draft.category)
    except ValueError:
        raise InvalidInput(N_("Choose what the complaint is about."), field="category") from None
    org = (
        await Organisation.get_or_none(id=draft.organisation_id)
        if 0 < draft.organisation_id <= MAX_ID
        else None
    )
    if org is None or not _complaints_on(org):
        raise NotFound(NO_PLACE)
    if draft.about_id is not None and draft.about_id not in {
        subject.person_id for subject in await subjects(org.id)
    }:
        raise InvalidInput(
            N_("Choose the person from the list, or leave the complaint about nobody."),
            field="about",
        )
    person_id: int | None = None
    person_role: str | None = None
    if not draft.anonymous:
        if (
            named_as is None
            or named_as.person_id is None
            or named_as.organisation_id != org.id
            or not named_as.roles
        ):
            raise NotFound(
                N_(
                    "To complain under your name, link your Telegram to this organisation "
                    "first, or complain anonymously."
                )
            )
        person_id = named_as.person_id
        person_role = min(named_as.roles, key=list(Role).index).value
    tag = chat_tag(deps.settings, "file", chat_id)
    if not await deps.limiter.test(FILE_LIMIT, "complaint-file", tag):
        raise RateLimited(
            N_("You have sent several complaints within an hour. Please wait before the next.")
        )
    stored = await _store_attachments(deps, draft.attachments)
    urgent = bool(concerns(text) & URGENT)
    code = _random_code(CODE_LENGTH)
    handle = seal(deps.settings, chat_id)
    hours = (await answer_hours_of([org.id]))[org.id]
    async with transaction(deps) as tx:
        complaint = await Complaint.create(
            organisation_id=org.id,
            code_hash=code_hash(code),
            anonymous=draft.anonymous,
            person_id=person_id,
            person_role=person_role,
            handle=handle,
            category=category.value,
            language=pick_language(draft.language, default=deps.settings.default_language),
            about_id=draft.about_id,
            status=ComplaintStatus.NEW.value,
            urgent=urgent,
            created_at=tx.now,
            answer_due_at=tx.now + timedelta(hours=hours),
            updated_at=tx.now,
        )
        await _add_message(tx, complaint, ComplaintAuthor.COMPLAINANT, text, attachments=stored)
        auditor = Actor.system(org.id, "complaints") if draft.anonymous else named_as
        assert auditor is not None
        await do_record(
            tx,
            auditor,
            action="complaint.file",
            object_type="complaint",
            object_id=complaint.id,
            after={"category": category.value, "anonymous": draft.anonymous, "urgent": urgent},
        )
        if urgent:
            await _alert_urgent(tx, complaint)
        handlers = await _handlers(org.id)
        handlers.discard(draft.about_id or 0)
        await _notify(
            tx,
            handlers,
            NEW_COMPLAINT,
            {"number": complaint.id},
            organisation_id=org.id,
            dedupe=f"complaint:{complaint.id}:new",
        )
    await deps.limiter.hit(FILE_LIMIT, "complaint-file", tag)
    return Filed(complaint_id=complaint.id, code=format_code(code), urgent=urgent)


async def _opens(deps: Deps, complaint: Complaint, chat_id: int) -> bool:
    try:
        return open_handle(deps.settings, complaint.handle) == chat_id
    except ValueError:
        return False


async def track(deps: Deps, *, code: str, chat_id: int) -> Tracked:
    """A complaint by its tracking code, for its complainant. A right code from another chat
    moves the complaint's replies to this chat (a new phone).

    Raises:
        NotFound: no complaint has this code.
        RateLimited: five wrong codes from this chat in 10 minutes, or, for a wrong code,
            a thousand from everyone in an hour.
    """
    tag = chat_tag(deps.settings, "track", chat_id)
    too_many = RateLimited(N_("Too many wrong codes. Please wait 10 minutes and try again."))
    if not await deps.limiter.test(WRONG_CODE_LIMIT, "complaint-code", tag):
        raise too_many
    normalised = normalise_code(code)
    complaint = (
        await Complaint.get_or_none(code_hash=code_hash(normalised)).select_related("organisation")
        if normalised
        else None
    )
    if complaint is None:
        # The limit for everyone holds back only wrong codes: a flood of guesses from many
        # chats never locks a complainant out of their own complaint.
        if not await deps.limiter.test(WRONG_CODE_ALL_LIMIT, "complaint-code-all"):
            raise too_many
        await deps.limiter.hit(WRONG_CODE_LIMIT, "complaint-code", tag)
        await deps.limiter.hit(WRONG_CODE_ALL_LIMIT, "complaint-code-all")
        raise NotFound(NO_COMPLAINT)
    if not await _opens(deps, complaint, chat_id):
        complaint.handle = seal(deps.settings, chat_id)
        await Complaint.filter(id=complaint.id).update(handle=complaint.handle)
    messages = (
        await ComplaintMessage.filter(
            complaint_id=complaint.id,
            author__in=[ComplaintAuthor.COMPLAINANT.value, ComplaintAuthor.STAFF.value],
        )
        .order_by("id")
        .values("id", "author", "text", "created_at")
    )
    counts = await _attachment_counts([row["id"] for row in messages])
    entries = tuple(
        Entry(
            author=ComplaintAuthor(row["author"]),
            text=row["text"],
            created_at=_as_utc(row["created_at"]),
            attachments=counts.get(row["id"], 0),
        )
        for row in messages
        # An empty staff entry is a status notice: the status is shown on its own.
        if row["text"] or counts.get(row["id"], 0)
    )
    return Tracked(
        complaint_id=complaint.id,
        organisation=_place(complaint.organisation),
        category=ComplaintCategory(complaint.category),
        status=ComplaintStatus(complaint.status),
        reason=complaint.reason,
        created_at=complaint.created_at,
        entries=entries,
        zone=ZoneInfo(complaint.organisation.timezone or "Asia/Almaty"),
    )


async def _attachment_counts(message_ids: Sequence[int]) -> dict[int, int]:
    if not message_ids:
        return {}
    counts: dict[int, int] = defaultdict(int)
    for row in await ComplaintAttachment.filter(message_id__in=message_ids).values("message_id"):
        counts[int(row["message_id"])] += 1
    return counts


async def write_back(
    deps: Deps,
    *,
    complaint_id: int,
    chat_id: int,
    text: str,
    attachments: tuple[bytes, ...] = (),
) -> bool:
    """The complainant's message in their complaint's thread.

    Returns:
        Whether the message is urgent (the bot then shows the helplines).

    Raises:
        NotFound: no such complaint, or this chat is not its complainant's.
        Conflict: the complaint is closed.
        InvalidInput: neither text nor a file, too long a text, too many files, a file too
            large, of a type not taken or unreadable (field ``attachments``, ``number``).
        RateLimited: twenty messages from this chat in 10 minutes.
    """
    complaint = (
        await Complaint.get_or_none(id=complaint_id) if 0 < complaint_id <= MAX_ID else None
    )
    if complaint is None or not await _opens(deps, complaint, chat_id):
        raise NotFound(N_("This complaint was not found. Open it again with its tracking code."))
    if complaint.status in CLOSED_STATUSES:
        raise Conflict(CLOSED)
    cleaned = _clean_text(text, required=not attachments)
    _check_attachment_count(attachments)
    tag = chat_tag(deps.settings, "write", chat_id)
    if not await deps.limiter.test(WRITE_LIMIT, "complaint-write", tag):
        raise RateLimited(N_("You are sending messages too fast. Please wait a few minutes."))
    stored = await _store_attachments(deps, attachments)
    urgent = bool(concerns(cleaned) & URGENT)
    async with transaction(deps) as tx:
        complaint = await Complaint.select_for_update().get(id=complaint_id)
        if complaint.status in CLOSED_STATUSES:
            raise Conflict(CLOSED)
        await _add_message(tx, complaint, ComplaintAuthor.COMPLAINANT, cleaned, attachments=stored)
        if complaint.status == ComplaintStatus.WAITING:
            complaint.status = ComplaintStatus.IN_PROGRESS.value
        complaint.urgent = complaint.urgent or urgent
        complaint.updated_at = tx.now
        await complaint.save(update_fields=["status", "urgent", "updated_at"])
        if urgent:
            await _alert_urgent(tx, complaint)
        told = await _last_staff(complaint)
        if told is not None:
            await _notify(
                tx,
                [told],
                ANSWERED,
                {"number": complaint.id},
                organisation_id=complaint.organisation_id,  # type: ignore[attr-defined]
                dedupe=f"complaint:{complaint.id}:answered:{_hour(tx.now)}",
            )
    await deps.limiter.hit(WRITE_LIMIT, "complaint-write", tag)
    return urgent


async def _last_staff(complaint: Complaint) -> int | None:
    """Who hears of the complainant's answer: the assignee, else the author of the latest
    reply; never the person the complaint is about."""
    candidate: int | None = complaint.assignee_id  # type: ignore[attr-defined]
    if candidate is None:
        latest = (
            await ComplaintMessage.filter(
                complaint_id=complaint.id,
                author=ComplaintAuthor.STAFF.value,
                staff_id__isnull=False,
            )
            .order_by("-id")
            .first()
        )
        candidate = latest.staff_id if latest is not None else None  # type: ignore[attr-defined]
    about: int | None = complaint.about_id  # type: ignore[attr-defined]
    return None if candidate is None or candidate == about else int(candidate)


async def pending_replies(deps: Deps, *, limit: int = 50) -> list[OutgoingReply]:
    """Staff replies and status notices not yet delivered, oldest first, leaving out those
    that failed ``MAX_DELIVERY_ATTEMPTS`` times. Trusted: the complaints bot's worker.

    Raises:
        Nothing.
    """
    messages = (
        await ComplaintMessage.filter(
            author=ComplaintAuthor.STAFF.value,
            delivered_at__isnull=True,
            delivery_attempts__lt=MAX_DELIVERY_ATTEMPTS,
        )
        .order_by("id")
        .limit(max(1, limit))
        .select_related("complaint")
    )
    keys: dict[int, list[str]] = defaultdict(list)
    if messages:
        for message_id, key in (
            await ComplaintAttachment.filter(message_id__in=[m.id for m in messages])
            .order_by("id")
            .values_list("message_id", "key")
        ):
            keys[int(message_id)].append(key)
    return [
        OutgoingReply(
            message_id=message.id,
            complaint_id=message.complaint.id,
            handle=message.complaint.handle,
            language=message.complaint.language,
            text=message.text,
            status=ComplaintStatus(message.complaint.status),
            reason=message.complaint.reason,
            attachment_keys=tuple(keys.get(message.id, ())),
        )
        for message in messages
    ]


async def mark_reply_sent(deps: Deps, message_id: int) -> None:
    """Record that the complainant got a reply.

    Raises:
        Nothing: an unknown or already delivered message is left as it is.
    """
    await ComplaintMessage.filter(
        id=message_id, author=ComplaintAuthor.STAFF.value, delivered_at__isnull=True
    ).update(delivered_at=deps.clock.now(), delivery_error="")


async def mark_reply_failed(deps: Deps, message_id: int, error: str) -> None:
    """Count a failed delivery of a reply (it is tried again until the limit).

    Raises:
        Nothing.
    """
    await ComplaintMessage.filter(
        id=message_id, author=ComplaintAuthor.STAFF.value, delivered_at__isnull=True
    ).update(
        delivery_attempts=F("delivery_attempts") + 1, delivery_error=error[:DELIVERY_ERROR_MAX]
    )


# --- the staff's side -------------------------------------------------------------------------


def _visible(actor: Actor) -> Q:
    reach = Q(organisation_id=actor.organisation_id) | Q(escalated_to_id=actor.organisation_id)
    if actor.person_id is None:
        return reach
    return reach & (Q(about_id__isnull=True) | Q(about_id__not=actor.person_id))


async def _access(actor: Actor, complaint_id: int, *, lock: bool = False) -> Complaint:
    check_id(complaint_id)
    if not await has_permission(actor, Permission.COMPLAINTS_HANDLE):
        raise NotFound(N_("This complaint does not exist or is not open to you."))
    query = Complaint.select_for_update() if lock else Complaint.all()
    complaint = await query.filter(_visible(actor), id=complaint_id).first()
    if complaint is None:
        raise NotFound(N_("This complaint does not exist or is not open to you."))
    return complaint


async def inbox(
    deps: Deps,
    actor: Actor,
    *,
    filters: InboxFilter = InboxFilter(),
    page: int = 1,
    page_size: int = 50,
) -> tuple[list[InboxRow], int]:
    """The complaints the actor may handle: urgent and overdue first, then newest.

    Raises:
        PermissionDenied: the actor may not handle complaints.
    """
    await require(actor, Permission.COMPLAINTS_HANDLE)
    now = deps.clock.now()
    query = Complaint.filter(_visible(actor))
    if filters.status is not None:
        query = query.filter(status=ComplaintStatus(filters.status).value)
    elif filters.open_only:
        query = query.filter(status__in=[status.value for status in OPEN_STATUSES])
    if filters.category is not None:
        query = query.filter(category=ComplaintCategory(filters.category).value)
    if filters.mine:
        query = query.filter(assignee_id=actor.person_id or 0)
    keys = await query.values_list(
        "id", "urgent", "answer_due_at", "first_answer_at", "closed_at", "created_at"
    )
    ordered = sorted(
        keys,
        key=lambda row: (
            0 if row[1] or _overdue(now, row[2], row[3], row[4] is not None) else 1,
            -row[5].timestamp(),
            -row[0],
        ),
    )
    size = min(max(page_size, 1), PAGE_SIZE_MAX)
    page_ids = [int(row[0]) for row in ordered[(max(page, 1) - 1) * size :][:size]]
    if not page_ids:
        return [], len(ordered)
    complaints = {
        c.id: c for c in await Complaint.filter(id__in=page_ids).select_related("organisation")
    }
    last = dict(
        await ComplaintMessage.filter(complaint_id__in=page_ids)
        .group_by("complaint_id")
        .annotate(last=Max("created_at"))
        .values_list("complaint_id", "last")
    )
    assignees: list[int] = [
        c.assignee_id  # type: ignore[attr-defined]
        for c in complaints.values()
        if c.assignee_id is not None  # type: ignore[attr-defined]
    ]
    names = await person_names(assignees)
    rows = []
    for complaint_id in page_ids:
        c = complaints[complaint_id]
        assignee: int | None = c.assignee_id  # type: ignore[attr-defined]
        last_at = last.get(complaint_id)
        rows.append(
            InboxRow(
                id=c.id,
                organisation_name=_org_name(c.organisation),
                category=ComplaintCategory(c.category),
                status=ComplaintStatus(c.status),
                urgent=c.urgent,
                anonymous=c.anonymous,
                created_at=c.created_at,
                answer_due_at=c.answer_due_at,
                overdue=_overdue(now, c.answer_due_at, c.first_answer_at, c.closed_at is not None),
                escalated=c.escalated_to_id is not None,  # type: ignore[attr-defined]
                assignee_name=names.get(assignee) if assignee is not None else None,
                last_entry_at=_as_utc(last_at) if isinstance(last_at, datetime) else c.created_at,
            )
        )
    return rows, len(ordered)


async def _assignable(complaint: Complaint) -> dict[int, str]:
    people = await _handlers(complaint.organisation_id)  # type: ignore[attr-defined]
    escalated_to: int | None = complaint.escalated_to_id  # type: ignore[attr-defined]
    if escalated_to is not None:
        people |= await _handlers(escalated_to)
    people.discard(complaint.about_id or 0)  # type: ignore[attr-defined]
    names = await person_names(people)
    return dict(sorted(names.items(), key=lambda item: (item[1].casefold(), item[0])))


async def access_complaint(deps: Deps, actor: Actor, complaint_id: int) -> ComplaintCard:
    """A complaint's card and whole thread (notes included) for a handler.

    Raises:
        NotFound: no such complaint, or out of the actor's reach (another organisation's,
            about the actor, or the actor may not handle complaints).
    """
    complaint = await _access(actor, complaint_id)
    await complaint.fetch_related("organisation", "escalated_to")
    messages = await ComplaintMessage.filter(complaint_id=complaint.id).order_by("id")
    attachments: dict[int, list[EntryAttachment]] = defaultdict(list)
    for attachment_id, message_id, content_type, size in (
        await ComplaintAttachment.filter(message_id__in=[m.id for m in messages] or [0])
        .order_by("id")
        .values_list("id", "message_id", "content_type", "size")
    ):
        attachments[int(message_id)].append(
            EntryAttachment(int(attachment_id), str(content_type), int(size))
        )
    person_id: int | None = complaint.person_id  # type: ignore[attr-defined]
    about_id: int | None = complaint.about_id  # type: ignore[attr-defined]
    assignee_id: int | None = complaint.assignee_id  # type: ignore[attr-defined]
    names = await person_names(
        [
            *(m.staff_id for m in messages if m.staff_id is not None),  # type: ignore[attr-defined]
            *(p for p in (person_id, about_id, assignee_id) if p is not None),
        ]
    )
    assignable = await _assignable(complaint)
    complainant = None
    if not complaint.anonymous and person_id is not None:
        complainant = Complainant(person_id, names.get(person_id, ""), complaint.person_role or "")
    closed = complaint.closed_at is not None
    return ComplaintCard(
        id=complaint.id,
        organisation_name=_org_name(complaint.organisation),
        category=ComplaintCategory(complaint.category),
        status=ComplaintStatus(complaint.status),
        reason=complaint.reason,
        urgent=complaint.urgent,
        anonymous=complaint.anonymous,
        complainant=complainant,
        about_name=names.get(about_id) if about_id is not None else None,
        assignee_id=assignee_id,
        assignee_name=names.get(assignee_id) if assignee_id is not None else None,
        created_at=complaint.created_at,
        answer_due_at=complaint.answer_due_at,
        first_answer_at=complaint.first_answer_at,
        closed_at=complaint.closed_at,
        escalated_to_name=_org_name(complaint.escalated_to) if complaint.escalated_to else None,
        overdue=_overdue(
            deps.clock.now(), complaint.answer_due_at, complaint.first_answer_at, closed
        ),
        entries=tuple(
            ThreadEntry(
                id=m.id,
                author=ComplaintAuthor(m.author),
                staff_name=names.get(m.staff_id) if m.staff_id is not None else None,  # type: ignore[attr-defined]
                text=m.text,
                created_at=m.created_at,
                attachments=tuple(attachments.get(m.id, ())),
                delivered=m.author != ComplaintAuthor.STAFF or m.delivered_at is not None,
            )
            for m in messages
        ),
        assignable=tuple(assignable.items()),
        zone=await organisation_zone(complaint.organisation_id),  # type: ignore[attr-defined]
    )


async def reply(deps: Deps, actor: Actor, *, complaint_id: int, text: str) -> None:
    """A staff answer the complainant receives in the complaints bot; the complaint then
    waits for them.

    Raises:
        NotFound: see ``access_complaint``.
        InvalidInput: empty or too long text.
        Conflict: the complaint is closed.
    """
    cleaned = _clean_text(text)
    async with transaction(deps) as tx:
        complaint = await _access(actor, complaint_id, lock=True)
        if complaint.status in CLOSED_STATUSES:
            raise Conflict(CLOSED_FOR_STAFF)
        await _add_message(tx, complaint, ComplaintAuthor.STAFF, cleaned, staff_id=actor.person_id)
        complaint.first_answer_at = complaint.first_answer_at or tx.now
        complaint.status = ComplaintStatus.WAITING.value
        complaint.updated_at = tx.now
        await complaint.save(update_fields=["first_answer_at", "status", "updated_at"])
        await do_record(
            tx,
            actor,
            action="complaint.reply",
            object_type="complaint",
            object_id=complaint.id,
            after={"status": complaint.status},
        )


async def add_note(deps: Deps, actor: Actor, *, complaint_id: int, text: str) -> None:
    """An internal note, never shown to the complainant.

    Raises:
        NotFound: see ``access_complaint``.
        InvalidInput: empty or too long text.
    """
    cleaned = _clean_text(text)
    async with transaction(deps) as tx:
        complaint = await _access(actor, complaint_id, lock=True)
        await _add_message(tx, complaint, ComplaintAuthor.NOTE, cleaned, staff_id=actor.person_id)
        complaint.updated_at = tx.now
        await complaint.save(update_fields=["updated_at"])
        await do_record(
            tx, actor, action="complaint.note", object_type="complaint", object_id=complaint.id
        )


async def set_status(
    deps: Deps,
    actor: Actor,
    *,
    complaint_id: int,
    status: ComplaintStatus,
    reason: str = "",
) -> None:
    """Move a complaint to ``status``. Resolving or rejecting closes it and tells the
    complainant (a status notice); any open status reopens a closed one.

    Raises:
        NotFound: see ``access_complaint``.
        InvalidInput: rejecting without a reason, or too long a reason.
    """
    try:
        wanted = ComplaintStatus(status)
    except ValueError:
        raise InvalidInput(N_("Choose a status from the list."), field="status") from None
    cleaned = reason.replace("\x00", "").strip()
    if wanted == ComplaintStatus.REJECTED and not cleaned:
        raise InvalidInput(
            N_("Write why the complaint is rejected: the complainant will read it."),
            field="reason",
        )
    if len(cleaned) > REASON_MAX:
        raise InvalidInput(
            N_("The reason is too long: at most {limit} characters."),
            field="reason",
            limit=REASON_MAX,
        )
    if wanted != ComplaintStatus.REJECTED:
        cleaned = ""
    async with transaction(deps) as tx:
        complaint = await _access(actor, complaint_id, lock=True)
        before = complaint.status
        if before == wanted and complaint.reason == cleaned:
            return
        complaint.status = wanted.value
        complaint.reason = cleaned
        if wanted in CLOSED_STATUSES:
            complaint.closed_at = tx.now
            complaint.first_answer_at = complaint.first_answer_at or tx.now
            await _add_message(tx, complaint, ComplaintAuthor.STAFF, "", staff_id=actor.person_id)
        else:
            complaint.closed_at = None
        complaint.updated_at = tx.now
        await complaint.save(
            update_fields=["status", "reason", "closed_at", "first_answer_at", "updated_at"]
        )
        await do_record(
            tx,
            actor,
            action="complaint.status",
            object_type="complaint",
            object_id=complaint.id,
            before={"status": before},
            after={"status": wanted.value},
        )


async def assign(deps: Deps, actor: Actor, *, complaint_id: int, assignee_id: int | None) -> None:
    """Give the complaint to someone who may handle it (or to nobody); they are told.

    Raises:
        NotFound: see ``access_complaint``.
        InvalidInput: the person cannot handle this complaint (or it is about them).
    """
    async with transaction(deps) as tx:
        complaint = await _access(actor, complaint_id, lock=True)
        if assignee_id is not None and assignee_id not in await _assignable(complaint):
            raise InvalidInput(
                N_("This person cannot handle this complaint. Choose someone from the list."),
                field="assignee",
            )
        before: int | None = complaint.assignee_id  # type: ignore[attr-defined]
        if before == assignee_id:
            return
        complaint.assignee_id = assignee_id
        complaint.updated_at = tx.now
        await complaint.save(update_fields=["assignee_id", "updated_at"])
        await do_record(
            tx,
            actor,
            action="complaint.assign",
            object_type="complaint",
            object_id=complaint.id,
            before={"assignee_id": before},
            after={"assignee_id": assignee_id},
        )
        if assignee_id is not None and assignee_id != actor.person_id:
            await do_enqueue(
                tx,
                person_id=assignee_id,
                message=ASSIGNED,
                params={"number": complaint.id},
                organisation_id=complaint.organisation_id,  # type: ignore[attr-defined]
            )


async def attachment_file(deps: Deps, actor: Actor, attachment_id: int) -> AttachmentDownload:
    """A file of a complaint the actor may see: where it is stored, its type, and a neutral
    name to download it under (``complaint-12-34.pdf``).

    Raises:
        NotFound: no such file, out of reach, or its file is missing.
    """
    check_id(attachment_id)
    attachment = await ComplaintAttachment.get_or_none(id=attachment_id).select_related("message")
    if attachment is None:
        raise NotFound(N_("This file does not exist or is not open to you."))
    complaint = await _access(actor, attachment.message.complaint_id)  # type: ignore[attr-defined]
    view = EntryAttachment(attachment.id, attachment.content_type, attachment.size)
    return AttachmentDownload(
        path=open_path(deps.settings, attachment.key),
        content_type=attachment.content_type,
        filename=f"complaint-{complaint.id}-{attachment.id}.{view.extension}",
        picture=view.picture,
    )


async def complaints_tick(deps: Deps) -> tuple[int, int]:
    """Remind and escalate complaints still waiting for their first answer. Idempotent: each
    complaint is reminded once and escalated once (``reminded_at``, ``escalated_at``), also
    when two schedulers tick together.

    Returns:
        (reminded, escalated to a parent organisation).

    Raises:
        Nothing of ours.
    """
    now = deps.clock.now()
    due = await Complaint.filter(
        Q(reminded_at__isnull=True) | Q(escalated_at__isnull=True),
        status__in=[status.value for status in OPEN_STATUSES],
        first_answer_at__isnull=True,
    ).values("id", "created_at", "answer_due_at", "reminded_at", "escalated_at")
    reminded = escalated = 0
    for row in due:
        answer_due_at = _as_utc(row["answer_due_at"])
        remind_at = answer_due_at - (answer_due_at - _as_utc(row["created_at"])) / 4
        if row["reminded_at"] is None and now >= remind_at:
            reminded += await _remind(deps, row["id"])
        if row["escalated_at"] is None and now >= answer_due_at:
            escalated += await _escalate(deps, row["id"])
    return reminded, escalated


async def _remind(deps: Deps, complaint_id: int) -> int:
    async with transaction(deps) as tx:
        claimed = await Complaint.filter(
            id=complaint_id, reminded_at__isnull=True, first_answer_at__isnull=True
        ).update(reminded_at=tx.now)
        if not claimed:
            return 0
        complaint = await Complaint.get(id=complaint_id)
        org_id: int = complaint.organisation_id  # type: ignore[attr-defined]
        about: int | None = complaint.about_id  # type: ignore[attr-defined]
        assignee: int | None = complaint.assignee_id  # type: ignore[attr-defined]
        people = {assignee} if assignee is not None else await _handlers(org_id)
        people.discard(about or 0)
        zone = await organisation_zone(org_id)
        await _notify(
            tx,
            people,
            REMINDER,
            {"number": complaint.id, "due": format_when(complaint.answer_due_at, zone)},
            organisation_id=org_id,
            dedupe=f"complaint:{complaint.id}:remind",
        )
    return 1


async def _escalate(deps: Deps, complaint_id: int) -> int:
    async with transaction(deps) as tx:
        claimed = await Complaint.filter(
            id=complaint_id, escalated_at__isnull=True, first_answer_at__isnull=True
        ).update(escalated_at=tx.now)
        if not claimed:
            return 0
        complaint = await Complaint.get(id=complaint_id).select_related("organisation")
        org = complaint.organisation
        about: int | None = complaint.about_id  # type: ignore[attr-defined]
        parent_id: int | None = org.parent_id  # type: ignore[attr-defined]
        if parent_id is None:
            people = await _handlers(org.id)
            people.discard(about or 0)
            await _notify(
                tx,
                people,
                OVERDUE,
                {"number": complaint.id},
                organisation_id=org.id,
                dedupe=f"complaint:{complaint.id}:overdue",
            )
            return 0
        await Complaint.filter(id=complaint.id).update(escalated_to_id=parent_id)
        await do_record(
            tx,
            Actor.system(org.id, "scheduler"),
            action="complaint.escalate",
            object_type="complaint",
            object_id=complaint.id,
            after={"escalated_to_id": parent_id},
        )
        people = await _handlers(parent_id)
        people.discard(about or 0)
        await _notify(
            tx,
            people,
            ESCALATED,
            {"number": complaint.id, "organisation": _org_name(org)},
            organisation_id=parent_id,
            dedupe=f"complaint:{complaint.id}:escalated",
        )
    return 1


# --- settings ---------------------------------------------------------------------------------


async def _own_settings(tx: Tx, organisation_id: int) -> ComplaintSettings:
    """The organisation's own row, created (with a fresh public code and the answer time it
    inherits) when it has none."""
    # Two first reads at once (two admins opening the page) must not both create a row.
    await lock_organisation(organisation_id)
    row = await ComplaintSettings.select_for_update().get_or_none(organisation_id=organisation_id)
    if row is not None:
        return row
    hours = (await answer_hours_of([organisation_id]))[organisation_id]
    return await ComplaintSettings.create(
        organisation_id=organisation_id,
        public_code=await _fresh_public_code(),
        answer_hours=hours,
        updated_at=tx.now,
    )


async def _fresh_public_code() -> str:
    while True:
        code = _random_code(PUBLIC_CODE_LENGTH)
        if not await ComplaintSettings.filter(public_code=code).exists():
            return code


async def complaint_settings(deps: Deps, actor: Actor) -> ComplaintSettingsView:
    """The organisation's public code and answer time; the first read creates them.

    Raises:
        PermissionDenied: the actor may not change the organisation's settings.
    """
    await require(actor, Permission.ORG_MANAGE)
    async with transaction(deps) as tx:
        row = await _own_settings(tx, actor.organisation_id)
    return ComplaintSettingsView(public_code=row.public_code, answer_hours=row.answer_hours)


async def update_complaint_settings(deps: Deps, actor: Actor, *, answer_hours: int) -> None:
    """Set the hours within which a new complaint must get its first answer (complaints
    filed earlier keep their time).

    Raises:
        PermissionDenied: the actor may not change the organisation's settings.
        InvalidInput: not 1 to 720 hours.
    """
    await require(actor, Permission.ORG_MANAGE)
    if not ANSWER_HOURS_MIN <= answer_hours <= ANSWER_HOURS_MAX:
        raise InvalidInput(
            N_("The answer time is {low} to {high} hours."),
            field="answer_hours",
            low=ANSWER_HOURS_MIN,
            high=ANSWER_HOURS_MAX,
        )
    async with transaction(deps) as tx:
        row = await _own_settings(tx, actor.organisation_id)
        if row.answer_hours == answer_hours:
            return
        before = row.answer_hours
        row.answer_hours = answer_hours
        row.updated_at = tx.now
        await row.save(update_fields=["answer_hours", "updated_at"])
        await do_record(
            tx,
            actor,
            action="complaint_settings.update",
            object_type="organisation",
            object_id=actor.organisation_id,
            before={"answer_hours": before},
            after={"answer_hours": answer_hours},
        )


async def new_public_code(deps: Deps, actor: Actor) -> str:
    """Replace the organisation's public code; the old one stops working (a leaked poster).

    Raises:
        PermissionDenied: the actor may not change the organisation's settings.
    """
    await require(actor, Permission.ORG_MANAGE)
    async with transaction(deps) as tx:
        row = await _own_settings(tx, actor.organisation_id)
        row.public_code = await _fresh_public_code()
        row.updated_at = tx.now
        await row.save(update_fields=["public_code", "updated_at"])
        await do_record(
            tx,
            actor,
            action="complaint_settings.new_code",
            object_type="organisation",
            object_id=actor.organisation_id,
        )
    return row.public_code


# --- reports ----------------------------------------------------------------------------------


async def _subtree(organisation_id: int) -> dict[int, Organisation]:
    found: dict[int, Organisation] = {}
    level = [organisation_id]
    root = await Organisation.get_or_none(id=organisation_id)
    if root is not None:
        found[root.id] = root
    while level:
        children = await Organisation.filter(parent_id__in=level)
        level = [org.id for org in children if org.id not in found]
        found.update((org.id, org) for org in children)
    return found


@dataclass
class _ReportLine:
    id: int
    organisation_id: int
    category: ComplaintCategory
    status: ComplaintStatus
    urgent: bool
    anonymous: bool
    created_at: datetime
    first_answer_hours: float | None
    close_hours: float | None
    overdue: bool


def _hours(start: datetime, end: datetime | None) -> float | None:
    if end is None:
        return None
    return (_as_utc(end) - _as_utc(start)).total_seconds() / 3600


async def _report_lines(
    deps: Deps, actor: Actor, start: date, end: date
) -> tuple[dict[int, Organisation], list[_ReportLine], ZoneInfo]:
    await require(actor, Permission.COMPLAINTS_REPORTS)
    if end < start:
        raise InvalidInput(N_("The period ends before it starts."), field="end")
    zone = await organisation_zone(actor.organisation_id)
    since, until = local_days(start, end, zone)
    orgs = await _subtree(actor.organisation_id)
    now = deps.clock.now()
    lines = [
        _ReportLine(
            id=row["id"],
            organisation_id=row["organisation_id"],
            category=ComplaintCategory(row["category"]),
            status=ComplaintStatus(row["status"]),
            urgent=bool(row["urgent"]),
            anonymous=bool(row["anonymous"]),
            created_at=_as_utc(row["created_at"]),
            first_answer_hours=_hours(row["created_at"], row["first_answer_at"]),
            close_hours=_hours(row["created_at"], row["closed_at"]),
            overdue=(
                _as_utc(row["first_answer_at"]) > _as_utc(row["answer_due_at"])
                if row["first_answer_at"] is not None
                else _as_utc(row["answer_due_at"]) <= now
            ),
        )
        for row in await Complaint.filter(
            organisation_id__in=list(orgs), created_at__gte=since, created_at__lt=until
        )
        .order_by("id")
        .values(
            "id",
            "organisation_id",
            "category",
            "status",
            "urgent",
            "anonymous",
            "created_at",
            "answer_due_at",
            "first_answer_at",
            "closed_at",
        )
    ]
    return orgs, lines, zone


def _median(values: Iterable[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return round(statistics.median(present), 1) if present else None


def _row(name: str, lines: Sequence[_ReportLine], organisation_id: int | None) -> ReportRow:
    by_category = dict.fromkeys(ComplaintCategory, 0)
    by_status = dict.fromkeys(ComplaintStatus, 0)
    for line in lines:
        by_category[line.category] += 1
        by_status[line.status] += 1
    return ReportRow(
        organisation_name=name,
        total=len(lines),
        by_category=by_category,
        by_status=by_status,
        first_answer_median_hours=_median(line.first_answer_hours for line in lines),
        resolution_median_hours=_median(line.close_hours for line in lines),
        overdue=sum(line.overdue for line in lines),
        organisation_id=organisation_id,
    )


async def complaint_report(deps: Deps, actor: Actor, *, start: date, end: date) -> list[ReportRow]:
    """Complaints created from ``start`` to ``end`` (local days, both included) in the
    actor's organisation and its descendants: one row per organisation that has any, by
    name, then the total (``ALL_ORGANISATIONS``, ``organisation_id`` None).

    Raises:
        PermissionDenied: the actor may not see complaint reports.
        InvalidInput: the period ends before it starts.
    """
    orgs, lines, _ = await _report_lines(deps, actor, start, end)
    per_org: dict[int, list[_ReportLine]] = defaultdict(list)
    for line in lines:
        per_org[line.organisation_id].append(line)
    rows = sorted(
        (
            _row(_org_name(orgs[org_id]), org_lines, org_id)
            for org_id, org_lines in per_org.items()
        ),
        key=lambda row: (row.organisation_name.casefold(), row.organisation_id or 0),
    )
    rows.append(_row(ALL_ORGANISATIONS, lines, None))
    return rows


_XLSX_COLUMNS: tuple[tuple[str, int], ...] = (
    (N_("Number"), 10),
    (N_("Organisation"), 32),
    (N_("Category"), 18),
    (N_("Status"), 24),
    (N_("Urgent"), 9),
    (N_("Anonymous"), 11),
    (N_("Created"), 17),
    (N_("Hours to first answer"), 12),
    (N_("Hours to close"), 12),
)


@dataclass(frozen=True)
class _XlsxLine:
    line: _ReportLine
    organisation: str
    created_local: datetime = field(compare=False)


def _workbook(lines: Sequence[_XlsxLine], language: str) -> bytes:
    def tr(message: str) -> str:
        return gettext_for(language, message)

    workbook = Workbook(write_only=True)
    sheet = headed_sheet(
        workbook, tr(N_("Complaints")), [(tr(label), width) for label, width in _XLSX_COLUMNS]
    )
    yes, no = tr(N_("Yes")), tr(N_("No"))
    for item in lines:
        line = item.line
        created = WriteOnlyCell(sheet, value=item.created_local)
        created.number_format = "dd.mm.yyyy hh:mm"
        hours = []
        for value in (line.first_answer_hours, line.close_hours):
            cell = WriteOnlyCell(sheet, value=round(value, 1) if value is not None else None)
            cell.number_format = "0.0"
            hours.append(cell)
        sheet.append(
            [
                line.id,
                text_cell(sheet, item.organisation),
                text_cell(sheet, tr(CATEGORY_LABELS[line.category])),
                text_cell(sheet, tr(STATUS_LABELS[line.status])),
                text_cell(sheet, yes if line.urgent else no),
                text_cell(sheet, yes if line.anonymous else no),
                created,
                *hours,
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def complaint_report_xlsx(
    deps: Deps, actor: Actor, *, start: date, end: date, language: str | None = None
) -> bytes:
    """The report's complaints as an .xlsx workbook, one row per complaint: number,
    organisation, category, status, urgent, anonymous, created (local time of the actor's
    organisation), hours to the first answer and to closing. Never a name, never a text.

    Raises:
        PermissionDenied: the actor may not see complaint reports.
        InvalidInput: the period ends before it starts.
    """
    orgs, lines, zone = await _report_lines(deps, actor, start, end)
    items = [
        _XlsxLine(
            line,
            _org_name(orgs[line.organisation_id]),
            line.created_at.astimezone(zone).replace(tzinfo=None),
        )
        for line in lines
    ]
    chosen = pick_language(language, default=deps.settings.default_language)
    # Writing the workbook is CPU work in openpyxl: keep the event loop free meanwhile.
    return await asyncio.to_thread(_workbook, items, chosen)
