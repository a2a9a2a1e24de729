"""The consultation pages (issue 9): a counsellor publishes a weekly series, sees a student's
booking, writes the journal and downloads it; an admin sees that a psychologist's
consultation happened but never its notes; a teacher does not reach the pages."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

from openpyxl import load_workbook

from core.clock import FrozenClock
from core.deps import Deps
from core.models.consultations import ConsultationSlot
from core.models.notifications import OutboxMessage
from core.models.people import Role
from core.services.consultations import book_slot, free_slots
from tests.factories import make_member
from tests.test_consultations import TUESDAY, make_office, publish
from tests.web import Panel, text_of


async def test_a_counsellor_publishes_a_series_sees_a_booking_and_keeps_the_journal(
    deps: Deps, clock: FrozenClock, panel: Panel
):
    office = await make_office(deps)
    org = office.admin.organisation_id
    await panel.sign_in(f"counsellor-{org}@school.kz")
    response, page = await panel.get("/consultations")
    assert response.status == 200 and 'href="/consultations"' in page
    series = {
        "first_day": "08.09.2026",
        "until": "2026-09-22",
        "start": "15:00",
        "end": "16:00",
        "length": "20",
        "place": "онлайн",
    }
    response, page = await panel.post("/consultations/slots", series)
    assert "9 consultation times published." in text_of(page)
    # The same hours again overlap: refused with the form kept, nothing more written.
    response, page = await panel.post("/consultations/slots", series)
    assert response.status == 400
    assert "It overlaps your consultation time on 08.09 15:00." in text_of(page)
    assert 'value="онлайн"' in page
    assert await ConsultationSlot.all().count() == 9

    first = (await free_slots(deps, office.aru))[0]
    booking = await book_slot(deps, office.aru, slot_id=first.id, topic="IT мамандықтары")
    _, page = await panel.get("/consultations")
    slots = text_of(page.split('id="slots"')[1].split('id="journal"')[0])
    assert "08.09.2026 15:00–15:20 онлайн Әлиева Ару Cancel the booking" in slots
    # A booked time cannot be deleted.
    _, page = await panel.post(f"/consultations/slots/{first.id}/delete")
    assert "This time is booked. Cancel the booking first" in text_of(page)
    # Another booking is cancelled from the panel (the student is told), then its time deleted.
    second = (await free_slots(deps, office.bek))[0]
    other = await book_slot(deps, office.bek, slot_id=second.id)
    _, page = await panel.post(f"/consultations/{other.id}/cancel")
    assert "The booking was cancelled and the student was told." in text_of(page)
    assert await OutboxMessage.filter(person_id=office.bek.person_id).count() == 1
    _, page = await panel.post(f"/consultations/slots/{second.id}/delete")
    assert "The consultation time was deleted." in text_of(page)
    assert f'id="slot-{second.id}"' not in page

    response, page = await panel.post(f"/consultations/{booking.id}", {"outcome": "held"})
    assert response.status == 400
    assert "A consultation can be marked only once it has started." in text_of(page)
    clock.current += timedelta(days=7, hours=5)
    response, page = await panel.post(
        f"/consultations/{booking.id}",
        {"outcome": "held", "summary": "IT", "notes": "Python ұнайды", "next_steps": "Курс"},
    )
    text = text_of(page)
    assert "The journal entry was saved." in text and "Python ұнайды" in text
    _, page = await panel.get(
        f"/consultations?from=2026-09-01&to=2026-09-30&student={office.aru.person_id}"
    )
    row = text_of(page.split(f'id="consultation-{booking.id}">')[1].split("</tr>")[0])
    assert row.strip() == "08.09.2026 15:00 Омарова Дина · Career counsellor Әлиева Ару held IT"

    response = await panel.client.get("/consultations.xlsx?from=2026-09-01&to=2026-09-30")
    assert response.status == 200
    sheet = load_workbook(BytesIO(await response.read())).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Start", "Kind", "Specialist", "Student")
    assert rows[1][1:] == (
        "Career counsellor",
        "Омарова Дина",
        "Әлиева Ару",
        "онлайн",
        "held",
        "IT мамандықтары",
        "IT",
        "Python ұнайды",
        "Курс",
    )


async def test_an_admin_sees_a_psychologists_consultation_but_not_its_notes(
    deps: Deps, clock: FrozenClock, panel: Panel
):
    office = await make_office(deps)
    (slot,) = await publish(
        deps, office.psychologist, TUESDAY + timedelta(days=1), "11:00", "11:30"
    )
    booking = await book_slot(deps, office.aru, slot_id=slot, topic="Құпия тақырып")
    org = office.admin.organisation_id
    await panel.sign_in(f"admin-{org}@school.kz")
    _, page = await panel.get("/consultations")
    text = text_of(page)
    assert "Нұрланова Гүлнар · Psychologist Әлиева Ару not marked confidential" in text
    assert "Құпия" not in page and 'id="publish"' not in page
    response, page = await panel.get(f"/consultations/{booking.id}")
    assert response.status == 404
    teacher = await make_member(deps, office.admin, Role.TEACHER, login=f"teacher-{org}@school.kz")
    assert teacher.person_id
    await panel.sign_in(f"teacher-{org}@school.kz")
    response, page = await panel.get("/consultations")
    assert response.status == 403 and 'href="/consultations"' not in page
