"""Consultations (issue 9): office hours, booking and the journal, through the services."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from core.actor import Actor
from core.clock import FrozenClock
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.models.audit import AuditRecord
from core.models.consultations import ConsultationBooking, ConsultationOutcome, ConsultationSlot
from core.models.notifications import OutboxMessage
from core.models.people import Role
from core.services.consultations import (
    HOST_CANCELLED_NOTICE,
    REMINDER,
    SLOT_TAKEN,
    book_slot,
    bookable_kinds,
    cancel_my_booking,
    consultation,
    consultation_reminders,
    delete_slot,
    free_slots,
    host_cancel_booking,
    journal,
    my_bookings,
    publish_slots,
    write_journal,
)
from core.services.people import link_parent
from sabaq.scheduler import Alone, Scheduler
from tests.factories import make_member, make_organisation

# The frozen clock stands at 01.09.2026 12:00 in Almaty (a Tuesday).
TUESDAY = date(2026, 9, 1)


@dataclass(frozen=True)
class Office:
    admin: Actor
    counsellor: Actor
    psychologist: Actor
    aru: Actor
    bek: Actor


async def make_office(deps: Deps) -> Office:
    system = await make_organisation(deps, name="№7 мектеп")
    org = system.organisation_id
    return Office(
        admin=await make_member(deps, system, Role.ADMIN, login=f"admin-{org}@school.kz"),
        counsellor=await make_member(
            deps,
            system,
            Role.CAREER_COUNSELLOR,
            last_name="Омарова",
            first_name="Дина",
            login=f"counsellor-{org}@school.kz",
        ),
        psychologist=await make_member(
            deps,
            system,
            Role.PSYCHOLOGIST,
            last_name="Нұрланова",
            first_name="Гүлнар",
            login=f"psychologist-{org}@school.kz",
        ),
        aru=await make_member(deps, system, Role.STUDENT, last_name="Әлиева", first_name="Ару"),
        bek=await make_member(deps, system, Role.STUDENT, last_name="Бекова", first_name="Бек"),
    )


@pytest.fixture
async def office(deps: Deps) -> Office:
    return await make_office(deps)


async def publish(
    deps: Deps, host: Actor, day: date, start: str, end: str, **more: object
) -> list[int]:
    values: dict[str, object] = {
        "kind": None,
        "first_day": day,
        "until": None,
        "start": start,
        "end": end,
        "length_minutes": None,
        "place": "каб. 12",
    } | more
    return await publish_slots(deps, host, **values)  # type: ignore[arg-type]


async def test_a_weekly_series_is_cut_into_slots_in_local_time(deps: Deps, office: Office):
    ids = await publish(
        deps,
        office.counsellor,
        TUESDAY + timedelta(days=7),
        "15:00",
        "16:00",
        until=date(2026, 9, 29),
        length_minutes=20,
    )
    assert len(ids) == 12  # four Tuesdays, three slots each
    slots = await free_slots(deps, office.aru)
    assert [slot.starts_at.hour for slot in slots[:3]] == [10, 10, 10]  # 15:00 Almaty = 10 UTC
    assert [slot.starts_at.minute for slot in slots[:3]] == [0, 20, 40]
    assert {slot.starts_at.weekday() for slot in slots} == {1}
    assert {slot.host for slot in slots} == {"Омарова Дина"}
    assert await bookable_kinds(deps, office.aru) == ["career"]


async def test_past_and_overlapping_slots_are_refused_and_nothing_is_written(
    deps: Deps, office: Office
):
    with pytest.raises(InvalidInput) as past:
        await publish(deps, office.counsellor, TUESDAY, "11:00", "11:30")
    assert str(past.value) == "A consultation time cannot be in the past."
    await publish(deps, office.counsellor, TUESDAY + timedelta(days=7), "15:00", "16:00")
    with pytest.raises(InvalidInput) as overlap:
        await publish(deps, office.counsellor, TUESDAY, "15:30", "16:30", until=date(2026, 9, 15))
    assert str(overlap.value) == "It overlaps your consultation time on 08.09 15:00."
    assert await ConsultationSlot.all().count() == 1
    # Another host's hour at the same time is theirs to keep.
    await publish(deps, office.psychologist, TUESDAY + timedelta(days=7), "15:00", "16:00")
    with pytest.raises(InvalidInput, match="longer than the hours"):
        await publish(deps, office.counsellor, TUESDAY, "15:00", "15:30", length_minutes=45)
    with pytest.raises(InvalidInput, match="HH:MM"):
        await publish(deps, office.counsellor, TUESDAY + timedelta(days=1), "25:00", "26:00")
    with pytest.raises(PermissionDenied):
        await publish(deps, office.admin, TUESDAY + timedelta(days=1), "10:00", "11:00")
    with pytest.raises(PermissionDenied):
        await publish(deps, office.aru, TUESDAY + timedelta(days=1), "10:00", "11:00")


async def test_two_students_pressing_the_same_time_at_once_one_gets_it(deps: Deps, office: Office):
    (slot,) = await publish(deps, office.counsellor, TUESDAY + timedelta(days=1), "10:00", "10:30")
    results = await asyncio.gather(
        book_slot(deps, office.aru, slot_id=slot, topic="ҰБТ"),
        book_slot(deps, office.bek, slot_id=slot),
        return_exceptions=True,
    )
    booked = [result for result in results if not isinstance(result, BaseException)]
    taken = [result for result in results if isinstance(result, Conflict)]
    assert len(booked) == 1 and len(taken) == 1
    assert taken[0].message == SLOT_TAKEN
    assert await ConsultationBooking.filter(active_key=slot).count() == 1
    assert await free_slots(deps, office.bek) == []
    # The counsellor is told of the one booking.
    (notice,) = await OutboxMessage.filter(person_id=office.counsellor.person_id)
    assert notice.params["when"] == "02.09 10:00"


async def test_a_student_cancels_until_two_hours_before_and_the_host_is_told(
    deps: Deps, clock: FrozenClock, office: Office
):
    first, second = await publish(
        deps, office.counsellor, TUESDAY + timedelta(days=1), "10:00", "11:00", length_minutes=30
    )
    booking = await book_slot(deps, office.aru, slot_id=first)
    late = await book_slot(deps, office.aru, slot_id=second)
    assert [view.id for view in await my_bookings(deps, office.aru)] == [booking.id, late.id]
    with pytest.raises(NotFound):
        await cancel_my_booking(deps, office.bek, booking_id=booking.id)
    await cancel_my_booking(deps, office.aru, booking_id=booking.id)
    assert [view.id for view in await my_bookings(deps, office.aru)] == [late.id]
    assert first in [slot.id for slot in await free_slots(deps, office.bek)]
    assert await OutboxMessage.filter(person_id=office.counsellor.person_id).count() == 3
    # 10:30 local is 05:30 UTC; at 03:31 UTC it is under two hours away.
    clock.current = clock.current.replace(day=2, hour=3, minute=31)
    with pytest.raises(InvalidInput, match="less than 2 hours"):
        await cancel_my_booking(deps, office.aru, booking_id=late.id)
    assert await ConsultationBooking.filter(active_key=second).exists()


async def test_a_booked_slot_is_deleted_only_after_the_host_cancels_and_the_student_is_told(
    deps: Deps, office: Office
):
    first, second = await publish(
        deps, office.counsellor, TUESDAY + timedelta(days=1), "10:00", "11:00", length_minutes=30
    )
    booking = await book_slot(deps, office.aru, slot_id=first)
    with pytest.raises(Conflict, match="Cancel the booking first"):
        await delete_slot(deps, office.counsellor, slot_id=first)
    with pytest.raises(NotFound):
        await delete_slot(deps, office.psychologist, slot_id=second)
    with pytest.raises(NotFound):
        await host_cancel_booking(deps, office.psychologist, booking_id=booking.id)
    await host_cancel_booking(deps, office.counsellor, booking_id=booking.id)
    (told,) = await OutboxMessage.filter(person_id=office.aru.person_id)
    assert told.message == HOST_CANCELLED_NOTICE
    assert told.params["host"] == "Омарова Дина"
    await delete_slot(deps, office.counsellor, slot_id=first)
    await delete_slot(deps, office.counsellor, slot_id=second)
    assert await free_slots(deps, office.aru) == []
    # The cancelled consultation keeps its time in the journal.
    (kept,) = await journal(deps, office.counsellor, start=TUESDAY, end=TUESDAY + timedelta(7))
    assert (kept.id, kept.cancelled, kept.starts_at.hour) == (booking.id, True, 5)
    with pytest.raises(NotFound):
        await book_slot(deps, office.bek, slot_id=first)


async def test_a_psychologists_journal_is_read_only_by_psychologists(
    deps: Deps, clock: FrozenClock, office: Office
):
    (career,) = await publish(
        deps, office.counsellor, TUESDAY + timedelta(days=1), "10:00", "10:30"
    )
    (talk,) = await publish(
        deps, office.psychologist, TUESDAY + timedelta(days=1), "11:00", "11:30"
    )
    career_booking = await book_slot(deps, office.aru, slot_id=career)
    talk_booking = await book_slot(deps, office.aru, slot_id=talk, topic="ұйқы")
    with pytest.raises(InvalidInput, match="only once it has started"):
        await write_journal(
            deps,
            office.psychologist,
            booking_id=talk_booking.id,
            outcome=ConsultationOutcome.HELD,
            summary="",
            notes="",
            next_steps="",
        )
    clock.advance(timedelta(days=1))
    await write_journal(
        deps,
        office.psychologist,
        booking_id=talk_booking.id,
        outcome=ConsultationOutcome.HELD,
        summary="Ұйқы",
        notes="Құпия жазба",
        next_steps="Келесі аптада",
    )
    with pytest.raises(NotFound):
        await write_journal(
            deps,
            office.counsellor,
            booking_id=talk_booking.id,
            outcome=ConsultationOutcome.NO_SHOW,
            summary="",
            notes="",
            next_steps="",
        )
    with pytest.raises(NotFound):
        await consultation(deps, office.admin, booking_id=talk_booking.id)
    period = {"start": TUESDAY, "end": TUESDAY + timedelta(days=7)}
    (own,) = await journal(deps, office.psychologist, **period)
    assert (own.notes, own.topic, own.outcome) == ("Құпия жазба", "ұйқы", "held")
    (counsellors,) = await journal(deps, office.counsellor, **period)
    assert counsellors.id == career_booking.id
    seen = await journal(deps, office.admin, **period)
    assert [view.id for view in seen] == [career_booking.id, talk_booking.id]
    assert seen[1].outcome == "held" and seen[1].notes == seen[1].topic == ""
    assert await journal(deps, office.admin, **period, student_id=office.bek.person_id) == []
    with pytest.raises(PermissionDenied):
        await journal(deps, office.aru, **period)
    actions = await AuditRecord.filter(action__startswith="consultation.").values_list(
        "action", flat=True
    )
    assert sorted(set(actions)) == [
        "consultation.book",
        "consultation.journal",
        "consultation.publish",
    ]
    assert "Құпия" not in str(await AuditRecord.all().values_list("after", flat=True))


async def test_a_parent_books_and_cancels_for_their_child_only(deps: Deps, office: Office):
    parent = await make_member(deps, office.admin, Role.PARENT, first_name="Ләйлә")
    await link_parent(
        deps, office.admin, parent_id=parent.person_id or 0, child_id=office.aru.person_id or 0
    )
    first, second = await publish(
        deps, office.counsellor, TUESDAY + timedelta(days=1), "10:00", "11:00", length_minutes=30
    )
    with pytest.raises(PermissionDenied):
        await book_slot(deps, parent, slot_id=first)  # for whom? a parent names the child
    with pytest.raises(NotFound):
        await book_slot(deps, parent, slot_id=first, student_id=office.bek.person_id)
    booking = await book_slot(deps, parent, slot_id=first, student_id=office.aru.person_id)
    assert booking.student == "Әлиева Ару"
    (seen,) = await my_bookings(deps, office.aru)
    assert seen.id == booking.id
    with pytest.raises(NotFound):
        await book_slot(deps, office.aru, slot_id=second, student_id=office.aru.person_id)
    await cancel_my_booking(deps, parent, booking_id=booking.id, student_id=office.aru.person_id)
    assert await my_bookings(deps, parent, student_id=office.aru.person_id) == []


async def test_the_classroom_job_reminds_a_student_once_three_hours_before(
    deps: Deps, clock: FrozenClock, office: Office
):
    first, second, third = await publish(
        deps, office.counsellor, TUESDAY + timedelta(days=1), "10:00", "11:30", length_minutes=30
    )
    await book_slot(deps, office.aru, slot_id=first)
    cancelled = await book_slot(deps, office.bek, slot_id=second)
    await cancel_my_booking(deps, office.bek, booking_id=cancelled.id)
    # 10:00 in Almaty is 05:00 UTC: at 02:00 UTC the reminder is due.
    clock.current = clock.current.replace(day=2, hour=2, minute=0)
    late = await book_slot(deps, office.bek, slot_id=third)  # booked inside the window
    assert late.id
    scheduler = Scheduler(deps, Alone(), {})
    assert await scheduler.classroom() is True
    assert await scheduler.classroom() is True  # the next minute repeats nothing
    reminders = await OutboxMessage.filter(message=REMINDER)
    assert [(row.person_id, row.params) for row in reminders] == [  # type: ignore[attr-defined]
        (
            office.aru.person_id,
            {"when": "02.09 10:00", "host": "Омарова Дина", "place": "каб. 12"},
        )
    ]
    assert await consultation_reminders(deps) == 0
