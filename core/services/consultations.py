"""Consultations (issue 9): office hours of career counsellors and psychologists, booking
from the bot, and the journal.

- **Publishing** (``consultations.hold``, and acting as a career counsellor or a
  psychologist: the role fixes the slot's kind): one slot, or a weekly series from a first
  day to an end day on that weekday, the span cut into slots of a given length. Times are
  typed in the organisation's local time and stored in UTC. A slot in the past or one that
  overlaps another slot of the same host is refused, and nothing of the series is written.
  A slot with a standing booking cannot be deleted: the host cancels the booking first,
  which tells the student.
- **Booking** (a student, for themselves): only future slots without a standing booking are
  offered. ``ConsultationBooking.active_key`` (unique) is what lets one of two students
  pressing the same time at once have it; the other gets ``Conflict(SLOT_TAKEN)``. A student
  cancels until ``CANCEL_CUTOFF`` before the start. The host is told of each booking and
  cancellation through the outbox, the student of the host's cancellation. The bot runs the
  student's free-text topic through ``core.safety`` before it reaches this module.
- **Journal**: a consultation of a kind is listed to people acting in that kind's role
  (career counsellors: career ones; psychologists: psychology ones) and to admins; the
  journal entry (summary, notes, next steps) is read and written only in the kind's role,
  so an admin sees that a psychologist's consultation happened, never its notes.
- **Audit**: publishing, deleting, booking, cancelling and writing the journal are recorded,
  never with the topic or the notes.
"""

from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from tortoise.exceptions import IntegrityError

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.i18n import N_, gettext_for, pick_language
from core.models.consultations import ConsultationBooking, ConsultationSlot
from core.models.consultations import (
    ConsultationKind as ConsultationKind,  # noqa: PLC0414 - re-exported for adapters
)
from core.models.consultations import (
    ConsultationOutcome as ConsultationOutcome,  # noqa: PLC0414 - re-exported for adapters
)
from core.models.people import Role
from core.permissions import Permission, require
from core.services.audit import do_record
from core.services.lessons import (
    check_id,
    children_of,
    format_when,
    local_days,
    local_to_utc,
    local_today,
    lock_organisation,
    organisation_zone,
    person_names,
)
from core.services.outbox import do_enqueue
from core.tx import Tx, transaction
from core.workbooks import headed_sheet, text_cell

#: Until how long before the start a student may cancel from the bot.
CANCEL_CUTOFF = timedelta(hours=2)
#: How long before the start the student is reminded (by the scheduler's minute job).
REMINDER_LEAD = timedelta(hours=3)
#: At most this many slots in one series (a year of weekly hours in 20-minute slots fits).
MAX_SERIES_SLOTS = 500
MAX_SERIES_DAYS = 366
TOPIC_LIMIT = 200
PLACE_LIMIT = 120

KIND_LABELS: dict[ConsultationKind, str] = {
    ConsultationKind.CAREER: N_("Career counsellor"),
    ConsultationKind.PSYCHOLOGY: N_("Psychologist"),
}
OUTCOME_LABELS: dict[ConsultationOutcome, str] = {
    ConsultationOutcome.PENDING: N_("not marked"),
    ConsultationOutcome.HELD: N_("held"),
    ConsultationOutcome.NO_SHOW: N_("no-show"),
}
_ROLE_OF: dict[ConsultationKind, Role] = {
    ConsultationKind.CAREER: Role.CAREER_COUNSELLOR,
    ConsultationKind.PSYCHOLOGY: Role.PSYCHOLOGIST,
}

SLOT_TAKEN = N_("This time was just taken by someone else. Choose another one.")
BOOKED_NOTICE = N_("{student} booked a consultation on {when}. Topic: {topic}")
CANCELLED_NOTICE = N_("{student} cancelled the consultation on {when}.")
HOST_CANCELLED_NOTICE = N_(
    "Your consultation on {when} with {host} was cancelled. You can book another time "
    "from the menu."
)
REMINDER = N_("Reminder: your consultation is on {when} with {host}, {place}.")
_NOT_A_HOST = N_("Only career counsellors and psychologists publish consultation times.")
_ONLY_STUDENTS = N_("Only students, and parents for their children, book consultations.")
_BAD_TIME = N_("Enter the time as HH:MM, for example 15:00.")
_ENDS_BEFORE = N_("The end must be after the start.")
_BAD_LENGTH = N_("A slot lasts from 5 to 240 minutes.")
_LONGER_THAN_HOURS = N_("A slot cannot be longer than the hours from the start to the end.")
_UNTIL_BEFORE = N_("The series must end on or after its first day.")
_TOO_MANY = N_("That is more than {limit} slots at once. Choose a shorter period.")
_IN_THE_PAST = N_("A consultation time cannot be in the past.")
_OVERLAP = N_("It overlaps your consultation time on {when}.")
_HAS_BOOKING = N_("This time is booked. Cancel the booking first; the student will be told.")
_STARTED = N_("This consultation has already started.")
_TOO_LATE = N_(
    "It is less than 2 hours before the consultation, so it cannot be cancelled here. "
    "Please tell the specialist yourself."
)
_NOT_YET = N_("A consultation can be marked only once it has started.")
_PERIOD = N_("The period ends before it starts.")


@dataclass(frozen=True)
class SlotView:
    id: int
    kind: ConsultationKind
    host_id: int
    host: str
    starts_at: datetime
    ends_at: datetime
    place: str
    booking_id: int | None  # the standing booking, if any
    student: str


@dataclass(frozen=True)
class BookingView:
    """A consultation as its reader may see it: the journal fields are empty unless
    ``readable``."""

    id: int
    slot_id: int
    kind: ConsultationKind
    host: str
    student_id: int
    student: str
    starts_at: datetime
    ends_at: datetime
    place: str
    cancelled: bool
    outcome: ConsultationOutcome
    readable: bool
    topic: str
    summary: str
    notes: str
    next_steps: str


def host_kinds(actor: Actor) -> list[ConsultationKind]:
    """The kinds of consultation the actor holds in their roles (none for an admin)."""
    return [kind for kind, role in _ROLE_OF.items() if role in actor.roles]


def parse_clock(raw: str, field: str) -> int:
    """Minutes after midnight of "HH:MM".

    Raises:
        InvalidInput: not a time of day.
    """
    hours, _, minutes = raw.strip().partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise InvalidInput(_BAD_TIME, field=field)
    value = int(hours) * 60 + int(minutes)
    if int(hours) > 23 or int(minutes) > 59:
        raise InvalidInput(_BAD_TIME, field=field)
    return value


async def _names(ids: set[int]) -> dict[int, str]:
    return await person_names(ids)


# ------------------------------------------------------------------------------- the host


async def publish_slots(
    deps: Deps,
    actor: Actor,
    *,
    kind: ConsultationKind | None,
    first_day: date,
    until: date | None,
    start: str,
    end: str,
    length_minutes: int | None,
    place: str,
) -> list[int]:
    """Publish one span (``until`` None) or a weekly series of it on ``first_day``'s weekday
    up to ``until``, cut into slots of ``length_minutes`` (None: one slot for the span).

    Args:
        kind: which of the actor's roles they publish in; None when they hold only one.

    Returns:
        The new slots' ids, in time order.

    Raises:
        PermissionDenied: no ``consultations.hold``, or not acting as a career counsellor or
            a psychologist.
        InvalidInput: a bad time, length or period; a slot in the past; an overlap with the
            host's own slots (nothing is written then).
    """
    await require(actor, Permission.CONSULTATIONS_HOLD)
    kinds = host_kinds(actor)
    if actor.person_id is None or not kinds or (kind is not None and kind not in kinds):
        raise PermissionDenied(_NOT_A_HOST)
    chosen = kind or kinds[0]
    begin, finish = parse_clock(start, "start"), parse_clock(end, "end")
    if finish <= begin:
        raise InvalidInput(_ENDS_BEFORE, field="end")
    step = length_minutes or finish - begin
    if not 5 <= step <= 240:
        raise InvalidInput(_BAD_LENGTH, field="length")
    if step > finish - begin:
        raise InvalidInput(_LONGER_THAN_HOURS, field="length")
    last = until or first_day
    if last < first_day:
        raise InvalidInput(_UNTIL_BEFORE, field="until")
    if (last - first_day).days > MAX_SERIES_DAYS:
        raise InvalidInput(_TOO_MANY, field="until", limit=MAX_SERIES_SLOTS)
    zone = await organisation_zone(actor.organisation_id)
    spans: list[tuple[datetime, datetime]] = []
    day = first_day
    while day <= last:
        minute = begin
        while minute + step <= finish:
            spans.append((local_to_utc(day, minute, zone), local_to_utc(day, minute + step, zone)))
            minute += step
        day += timedelta(days=7)
    if len(spans) > MAX_SERIES_SLOTS:
        raise InvalidInput(_TOO_MANY, field="until", limit=MAX_SERIES_SLOTS)
    place = place.strip()[:PLACE_LIMIT]
    async with transaction(deps) as tx:
        if spans[0][0] <= tx.now:
            raise InvalidInput(_IN_THE_PAST, field="first_day")
        # One publisher at a time per organisation, so the overlap check sees every slot.
        await lock_organisation(actor.organisation_id)
        existing = await ConsultationSlot.filter(
            host_id=actor.person_id,
            deleted_at__isnull=True,
            ends_at__gt=spans[0][0],
            starts_at__lt=spans[-1][1],
        ).values_list("starts_at", "ends_at")
        for new_start, new_end in spans:
            for old_start, old_end in existing:
                if old_start < new_end and new_start < old_end:
                    raise InvalidInput(_OVERLAP, field="start", when=format_when(old_start, zone))
        ids = []
        for new_start, new_end in spans:
            slot = await ConsultationSlot.create(
                organisation_id=actor.organisation_id,
                host_id=actor.person_id,
                kind=chosen,
                starts_at=new_start,
                ends_at=new_end,
                place=place,
                created_at=tx.now,
            )
            ids.append(slot.id)
        await do_record(
            tx,
            actor,
            action="consultation.publish",
            object_type="consultation_slot",
            object_id=ids[0],
            after={"kind": chosen.value, "slots": len(ids), "place": place},
        )
    return ids


async def _own_slot(actor: Actor, slot_id: int) -> ConsultationSlot:
    check_id(slot_id)
    slot = await ConsultationSlot.select_for_update().get_or_none(
        id=slot_id,
        organisation_id=actor.organisation_id,
        host_id=actor.person_id,
        deleted_at__isnull=True,
    )
    if slot is None:
        raise NotFound()
    return slot


async def delete_slot(deps: Deps, actor: Actor, *, slot_id: int) -> None:
    """Delete one of the actor's own slots that nobody has booked.

    Raises:
        PermissionDenied: no ``consultations.hold``.
        NotFound: no such slot of the actor's.
        Conflict: the slot has a standing booking.
    """
    await require(actor, Permission.CONSULTATIONS_HOLD)
    async with transaction(deps) as tx:
        slot = await _own_slot(actor, slot_id)
        if await ConsultationBooking.filter(active_key=slot.id).exists():
            raise Conflict(_HAS_BOOKING)
        # Marked, not removed: a cancelled booking of it keeps its time in the journal.
        slot.deleted_at = tx.now
        await slot.save(update_fields=("deleted_at",))
        await do_record(
            tx,
            actor,
            action="consultation.delete_slot",
            object_type="consultation_slot",
            object_id=slot_id,
        )


async def my_slots(deps: Deps, actor: Actor) -> list[SlotView]:
    """The actor's own future slots, each with its standing booking if any.

    Raises:
        PermissionDenied: no ``consultations.hold``.
    """
    await require(actor, Permission.CONSULTATIONS_HOLD)
    slots = await ConsultationSlot.filter(
        organisation_id=actor.organisation_id,
        host_id=actor.person_id,
        deleted_at__isnull=True,
        ends_at__gt=deps.clock.now(),
    ).order_by("starts_at")
    return await _slot_views(list(slots))


async def _slot_views(slots: list[ConsultationSlot]) -> list[SlotView]:
    bookings = {
        int(slot_id): (int(booking_id), int(student_id))
        for booking_id, slot_id, student_id in await ConsultationBooking.filter(
            active_key__in=[slot.id for slot in slots] or [0]
        ).values_list("id", "active_key", "student_id")
    }
    people = {slot.host_id for slot in slots} | {student for _, student in bookings.values()}  # type: ignore[attr-defined]
    names = await _names(people)
    return [
        SlotView(
            id=slot.id,
            kind=slot.kind,
            host_id=slot.host_id,  # type: ignore[attr-defined]
            host=names.get(slot.host_id, ""),  # type: ignore[attr-defined]
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            place=slot.place,
            booking_id=bookings[slot.id][0] if slot.id in bookings else None,
            student=names.get(bookings[slot.id][1], "") if slot.id in bookings else "",
        )
        for slot in slots
    ]


# ---------------------------------------------------------------------------- the student


def _booker(actor: Actor) -> int:
    if actor.person_id is None or not {Role.STUDENT, Role.PARENT} & actor.roles:
        raise PermissionDenied(_ONLY_STUDENTS)
    return actor.person_id


async def _student(actor: Actor, student_id: int | None) -> int:
    """Whose bookings: the acting student's own (``student_id`` None), or a parent's linked
    child's."""
    person = _booker(actor)
    if student_id is None:
        if Role.STUDENT not in actor.roles:
            raise PermissionDenied(_ONLY_STUDENTS)
        return person
    check_id(student_id)
    if Role.PARENT not in actor.roles or student_id not in await children_of(person):
        raise NotFound()
    return student_id


async def free_slots(
    deps: Deps, actor: Actor, *, kind: ConsultationKind | None = None
) -> list[SlotView]:
    """The organisation's future slots nobody has booked, of ``kind`` (None: every kind),
    in time order.

    Raises:
        PermissionDenied: the actor is not acting as a student or a parent.
    """
    _booker(actor)
    query = ConsultationSlot.filter(
        organisation_id=actor.organisation_id,
        deleted_at__isnull=True,
        starts_at__gt=deps.clock.now(),
    )
    if kind is not None:
        query = query.filter(kind=kind)
    slots = await query.order_by("starts_at", "id")
    return [view for view in await _slot_views(list(slots)) if view.booking_id is None]


async def offered_slot(actor: Actor, *, slot_id: int) -> SlotView:
    """One slot of the organisation as a student sees it (``booking_id`` set when taken).

    Raises:
        PermissionDenied: the actor is not acting as a student or a parent.
        NotFound: no such slot in this organisation.
    """
    _booker(actor)
    check_id(slot_id)
    slot = await ConsultationSlot.get_or_none(
        id=slot_id, organisation_id=actor.organisation_id, deleted_at__isnull=True
    )
    if slot is None:
        raise NotFound()
    (view,) = await _slot_views([slot])
    return view


async def bookable_kinds(deps: Deps, actor: Actor) -> list[ConsultationKind]:
    """The kinds with at least one free future slot, career first.

    Raises:
        PermissionDenied: the actor is not acting as a student or a parent.
    """
    kinds = {view.kind for view in await free_slots(deps, actor)}
    return [kind for kind in ConsultationKind if kind in kinds]


async def book_slot(
    deps: Deps, actor: Actor, *, slot_id: int, topic: str = "", student_id: int | None = None
) -> BookingView:
    """Book a free future slot for the acting student (or a parent's child, ``student_id``);
    tell the host.

    ``topic`` must have passed the safety gate in the adapter (the bot does it as the
    career bot does, and raises the well-being alert on a hit).

    Raises:
        PermissionDenied: the actor is not acting as a student or a parent.
        NotFound: no such slot in this organisation, or not the parent's child.
        Conflict: ``SLOT_TAKEN`` — someone booked it first (also at the very same moment);
            or the slot has started.
    """
    student = await _student(actor, student_id)
    check_id(slot_id)
    topic = " ".join(topic.split())[:TOPIC_LIMIT]
    try:
        async with transaction(deps) as tx:
            slot = await ConsultationSlot.get_or_none(
                id=slot_id, organisation_id=actor.organisation_id, deleted_at__isnull=True
            )
            if slot is None:
                raise NotFound()
            if slot.starts_at <= tx.now:
                raise Conflict(_STARTED)
            # No "is it free?" read: the unique ``active_key`` decides between two presses.
            booking = await ConsultationBooking.create(
                slot_id=slot.id,
                student_id=student,
                topic=topic,
                booked_at=tx.now,
                active_key=slot.id,
            )
            names = await _names({student, slot.host_id})  # type: ignore[attr-defined]
            zone = await organisation_zone(actor.organisation_id)
            await do_record(
                tx,
                actor,
                action="consultation.book",
                object_type="consultation_booking",
                object_id=booking.id,
                after={"slot": slot.id},
            )
            await do_enqueue(
                tx,
                person_id=slot.host_id,  # type: ignore[attr-defined]
                message=BOOKED_NOTICE,
                params={
                    "student": names.get(student, ""),
                    "when": format_when(slot.starts_at, zone),
                    "topic": topic or "—",
                },
                organisation_id=actor.organisation_id,
                dedupe_key=f"consultation-booked:{booking.id}",
            )
    except IntegrityError:
        raise Conflict(SLOT_TAKEN) from None
    return _booking_view(booking, slot, names, readable=False)


def _booking_view(
    booking: ConsultationBooking,
    slot: ConsultationSlot,
    names: dict[int, str],
    *,
    readable: bool,
) -> BookingView:
    return BookingView(
        id=booking.id,
        slot_id=slot.id,
        kind=slot.kind,
        host=names.get(slot.host_id, ""),  # type: ignore[attr-defined]
        student_id=booking.student_id,  # type: ignore[attr-defined]
        student=names.get(booking.student_id, ""),  # type: ignore[attr-defined]
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        place=slot.place,
        cancelled=booking.cancelled_at is not None,
        outcome=booking.outcome,
        readable=readable,
        topic=booking.topic if readable else "",
        summary=booking.summary if readable else "",
        notes=booking.notes if readable else "",
        next_steps=booking.next_steps if readable else "",
    )


async def my_bookings(
    deps: Deps, actor: Actor, *, student_id: int | None = None
) -> list[BookingView]:
    """The acting student's (or a parent's child's) standing bookings that have not
    started, soonest first.

    Raises:
        PermissionDenied: the actor is not acting as a student or a parent.
        NotFound: ``student_id`` is not the parent's child.
    """
    student = await _student(actor, student_id)
    bookings = await ConsultationBooking.filter(
        student_id=student,
        active_key__isnull=False,
        slot__starts_at__gt=deps.clock.now(),
        slot__organisation_id=actor.organisation_id,
    ).prefetch_related("slot")
    names = await _names({booking.slot.host_id for booking in bookings} | {student})  # type: ignore[attr-defined]
    views = [_booking_view(booking, booking.slot, names, readable=True) for booking in bookings]
    return sorted(views, key=lambda view: (view.starts_at, view.id))


def may_cancel(view: BookingView, now: datetime) -> bool:
    """Whether the student may still cancel (the bot shows the button only then)."""
    return not view.cancelled and view.starts_at - CANCEL_CUTOFF > now


async def _cancel(
    tx: Tx, actor: Actor, booking: ConsultationBooking, slot: ConsultationSlot, *, by_host: bool
) -> None:
    booking.cancelled_at = tx.now
    booking.cancelled_by_id = actor.person_id
    booking.active_key = None
    await booking.save(update_fields=("cancelled_at", "cancelled_by_id", "active_key"))
    await do_record(
        tx,
        actor,
        action="consultation.cancel",
        object_type="consultation_booking",
        object_id=booking.id,
        after={"by_host": by_host},
    )
    names = await _names({booking.student_id, slot.host_id})  # type: ignore[attr-defined]
    zone = await organisation_zone(slot.organisation_id)  # type: ignore[attr-defined]
    when = format_when(slot.starts_at, zone)
    if by_host:
        person, message = booking.student_id, HOST_CANCELLED_NOTICE  # type: ignore[attr-defined]
    else:
        person, message = slot.host_id, CANCELLED_NOTICE  # type: ignore[attr-defined]
    await do_enqueue(
        tx,
        person_id=person,
        message=message,
        params={
            "student": names.get(booking.student_id, ""),  # type: ignore[attr-defined]
            "host": names.get(slot.host_id, ""),  # type: ignore[attr-defined]
            "when": when,
        },
        organisation_id=slot.organisation_id,  # type: ignore[attr-defined]
        dedupe_key=f"consultation-cancelled:{booking.id}",
    )


async def cancel_my_booking(
    deps: Deps, actor: Actor, *, booking_id: int, student_id: int | None = None
) -> None:
    """The student (or a parent, for ``student_id``) cancels a booking until
    ``CANCEL_CUTOFF`` before; the host is told.

    Raises:
        PermissionDenied: the actor is not acting as a student or a parent.
        NotFound: no such standing booking of theirs (or of the parent's child).
        InvalidInput: less than ``CANCEL_CUTOFF`` before the start.
    """
    student = await _student(actor, student_id)
    check_id(booking_id)
    async with transaction(deps) as tx:
        booking = await ConsultationBooking.select_for_update().get_or_none(
            id=booking_id, student_id=student, active_key__isnull=False
        )
        if booking is None:
            raise NotFound()
        slot = await ConsultationSlot.get(id=booking.slot_id)  # type: ignore[attr-defined]
        if slot.starts_at - CANCEL_CUTOFF <= tx.now:
            raise InvalidInput(_TOO_LATE, field="booking")
        await _cancel(tx, actor, booking, slot, by_host=False)


async def consultation_reminders(deps: Deps) -> int:
    """Remind each student whose standing booking starts within ``REMINDER_LEAD`` (the
    scheduler's classroom job calls it every minute). Idempotent: one reminder per booking
    (the outbox's dedupe key), also when two schedulers tick; a booking made inside the
    window is not reminded (the student has just chosen the time), a cancelled one never.

    Returns:
        How many reminders were queued.
    """
    now = deps.clock.now()
    due = await ConsultationBooking.filter(
        active_key__isnull=False,
        slot__starts_at__gt=now,
        slot__starts_at__lte=now + REMINDER_LEAD,
    ).prefetch_related("slot")
    queued = 0
    for booking in due:
        slot = booking.slot
        if booking.booked_at > slot.starts_at - REMINDER_LEAD:
            continue
        async with transaction(deps) as tx:
            if not await ConsultationBooking.filter(
                id=booking.id, active_key__isnull=False
            ).exists():
                continue  # cancelled meanwhile
            names = await _names({slot.host_id})  # type: ignore[attr-defined]
            zone = await organisation_zone(slot.organisation_id)  # type: ignore[attr-defined]
            queued += (
                await do_enqueue(
                    tx,
                    person_id=booking.student_id,  # type: ignore[attr-defined]
                    message=REMINDER,
                    params={
                        "when": format_when(slot.starts_at, zone),
                        "host": names.get(slot.host_id, ""),  # type: ignore[attr-defined]
                        "place": slot.place or "—",
                    },
                    organisation_id=slot.organisation_id,  # type: ignore[attr-defined]
                    dedupe_key=f"consultation-reminder:{booking.id}",
                )
                is not None
            )
    return queued


# ---------------------------------------------------------------------------- the journal


async def _journal_booking(
    actor: Actor, booking_id: int
) -> tuple[ConsultationBooking, ConsultationSlot]:
    """A booking of the organisation whose journal the actor may write (its kind's role)."""
    await require(actor, Permission.CONSULTATIONS_HOLD)
    check_id(booking_id)
    booking = await ConsultationBooking.select_for_update().get_or_none(id=booking_id)
    slot = None if booking is None else await ConsultationSlot.get(id=booking.slot_id)  # type: ignore[attr-defined]
    if (
        booking is None
        or slot is None
        or slot.organisation_id != actor.organisation_id  # type: ignore[attr-defined]
        or slot.kind not in host_kinds(actor)
    ):
        raise NotFound()
    return booking, slot


async def host_cancel_booking(deps: Deps, actor: Actor, *, booking_id: int) -> None:
    """The host (or a colleague of the kind) cancels a booking before it starts; the student
    is told.

    Raises:
        PermissionDenied: no ``consultations.hold``.
        NotFound: no such standing booking the actor keeps the journal of.
        Conflict: it has started.
    """
    async with transaction(deps) as tx:
        booking, slot = await _journal_booking(actor, booking_id)
        if booking.active_key is None:
            raise NotFound()
        if slot.starts_at <= tx.now:
            raise Conflict(_STARTED)
        await _cancel(tx, actor, booking, slot, by_host=True)


async def write_journal(
    deps: Deps,
    actor: Actor,
    *,
    booking_id: int,
    outcome: ConsultationOutcome,
    summary: str,
    notes: str,
    next_steps: str,
) -> None:
    """Mark a started consultation held or no-show and write its journal entry.

    Raises:
        PermissionDenied: no ``consultations.hold``.
        NotFound: no such consultation whose journal the actor keeps (a psychologist's is
            kept by psychologists only).
        InvalidInput: it has not started yet, or it was cancelled.
    """
    async with transaction(deps) as tx:
        booking, slot = await _journal_booking(actor, booking_id)
        if booking.active_key is None:
            raise NotFound()
        if slot.starts_at > tx.now:
            raise InvalidInput(_NOT_YET, field="outcome")
        before = booking.outcome.value
        booking.outcome = outcome
        booking.summary = summary.strip()[:TOPIC_LIMIT]
        booking.notes = notes.strip()[:10_000]
        booking.next_steps = next_steps.strip()[:10_000]
        booking.written_at = tx.now
        await booking.save(
            update_fields=("outcome", "summary", "notes", "next_steps", "written_at")
        )
        await do_record(
            tx,
            actor,
            action="consultation.journal",
            object_type="consultation_booking",
            object_id=booking.id,
            before={"outcome": before},
            after={"outcome": outcome.value},
        )


async def default_period(deps: Deps, actor: Actor) -> tuple[date, date]:
    """The journal's period when none is asked for: a month back and a month ahead, in the
    organisation's local days."""
    today = local_today(deps.clock.now(), await organisation_zone(actor.organisation_id))
    return today - timedelta(days=30), today + timedelta(days=30)


async def journal(
    deps: Deps,
    actor: Actor,
    *,
    start: date,
    end: date,
    student_id: int | None = None,
) -> list[BookingView]:
    """The organisation's booked consultations in the local days ``start``..``end`` that the
    actor may see, by time; the journal fields are filled only where the actor keeps it.

    Raises:
        PermissionDenied: no ``consultations.hold``.
        InvalidInput: the period ends before it starts.
    """
    await require(actor, Permission.CONSULTATIONS_HOLD)
    if end < start:
        raise InvalidInput(_PERIOD, field="to")
    zone = await organisation_zone(actor.organisation_id)
    since, until = local_days(start, end, zone)
    kinds = host_kinds(actor)
    query = ConsultationBooking.filter(
        slot__organisation_id=actor.organisation_id,
        slot__starts_at__gte=since,
        slot__starts_at__lt=until,
    )
    if Role.ADMIN not in actor.roles:
        query = query.filter(slot__kind__in=kinds or ["-"])
    if student_id is not None:
        check_id(student_id)
        query = query.filter(student_id=student_id)
    bookings = await query.prefetch_related("slot")
    people: set[int] = set()
    for booking in bookings:
        people |= {booking.student_id, booking.slot.host_id}  # type: ignore[attr-defined]
    names = await _names(people)
    views = [
        _booking_view(booking, booking.slot, names, readable=booking.slot.kind in kinds)
        for booking in bookings
    ]
    return sorted(views, key=lambda view: (view.starts_at, view.id))


async def consultation(deps: Deps, actor: Actor, *, booking_id: int) -> BookingView:
    """One consultation with its journal entry, for the people who keep it.

    Raises:
        PermissionDenied: no ``consultations.hold``.
        NotFound: no such consultation whose journal the actor keeps.
    """
    booking, slot = await _journal_booking(actor, booking_id)
    names = await _names({booking.student_id, slot.host_id})  # type: ignore[attr-defined]
    return _booking_view(booking, slot, names, readable=True)


_XLSX_COLUMNS: tuple[tuple[str, int], ...] = (
    (N_("Start"), 17),
    (N_("Kind"), 18),
    (N_("Specialist"), 28),
    (N_("Student"), 28),
    (N_("Place"), 16),
    (N_("Status"), 14),
    (N_("Topic"), 30),
    (N_("Summary"), 30),
    (N_("Notes"), 50),
    (N_("Next steps"), 40),
)


def _workbook(views: list[BookingView], zone: ZoneInfo, language: str) -> bytes:
    def tr(message: str) -> str:
        return gettext_for(language, message)

    workbook = Workbook(write_only=True)
    sheet = headed_sheet(
        workbook, tr(N_("Consultations")), [(tr(label), width) for label, width in _XLSX_COLUMNS]
    )
    for view in views:
        when = WriteOnlyCell(sheet, value=view.starts_at.astimezone(zone).replace(tzinfo=None))
        when.number_format = "dd.mm.yyyy hh:mm"
        status = tr(N_("cancelled")) if view.cancelled else tr(OUTCOME_LABELS[view.outcome])
        sheet.append(
            [
                when,
                *(
                    text_cell(sheet, value)
                    for value in (
                        tr(KIND_LABELS[view.kind]),
                        view.host,
                        view.student,
                        view.place,
                        status,
                        view.topic,
                        view.summary,
                        view.notes,
                        view.next_steps,
                    )
                ),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def journal_xlsx(
    deps: Deps,
    actor: Actor,
    *,
    start: date,
    end: date,
    student_id: int | None = None,
    language: str | None = None,
) -> bytes:
    """``journal`` as an .xlsx workbook, one row per consultation, with the same rule on
    what is readable (an admin's export has no psychologist's notes).

    Raises:
        PermissionDenied: no ``consultations.hold``.
        InvalidInput: the period ends before it starts.
    """
    views = await journal(deps, actor, start=start, end=end, student_id=student_id)
    zone = await organisation_zone(actor.organisation_id)
    chosen = pick_language(language, default=deps.settings.default_language)
    return await asyncio.to_thread(_workbook, views, zone, chosen)
