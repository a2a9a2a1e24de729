"""The panel's complaints (issue 8): the inbox and a complaint's card with its answer, notes,
status and person in charge; pictures; the organisation's code and answer time; the report
and its workbook. Complaints are filed through core as the complaints bot files them."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta

import openpyxl
import pytest
from PIL import Image

from core.actor import Actor
from core.deps import Deps
from core.errors import NotFound
from core.models.complaints import ComplaintAuthor, ComplaintCategory, ComplaintStatus
from core.services.accounts import set_credentials
from core.services.complaints import (
    access_complaint,
    complaint_settings,
    complaints_tick,
    pending_replies,
    place_by_code,
    reply,
    set_status,
    track,
)
from tests.complaint_factories import ComplaintSchool, file, make_complaint_school, photo
from tests.web import Panel, open_panel, text_of

CHAT = 700_100_200


async def sign_in(deps: Deps, panel: Panel, school: ComplaintSchool, actor: Actor) -> None:
    """Give one of the school's (or the district's) people a web login and sign in with it."""
    system = school.district if actor.organisation_id == school.district_id else school.school
    assert actor.person_id is not None
    login = f"p{actor.person_id}@mektep.kz"
    await set_credentials(
        deps, system, person_id=actor.person_id, login=login, password="correct horse"
    )
    assert (await panel.sign_in(login)).status == 200


async def complain(
    deps: Deps,
    school: ComplaintSchool,
    text: str = "Мені сыныптастарым мазақ қылады",
    *,
    category: ComplaintCategory = ComplaintCategory.BULLYING,
    about: Actor | None = None,
    named: bool = False,
    attachments: tuple[bytes, ...] = (),
    chat_id: int = CHAT,
) -> tuple[int, str]:
    """A complaint as the complaints bot files it: (its id, its tracking code)."""
    filed = await file(
        deps,
        school,
        text=text,
        chat_id=chat_id,
        category=category,
        anonymous=not named,
        about_id=about.person_id if about else None,
        attachments=attachments,
        language="kk",
        named_as=school.student if named else None,
    )
    return filed.complaint_id, filed.code


def row_text(body: str, complaint_id: int) -> str:
    return text_of(body.split(f'id="complaint-{complaint_id}"')[1].split("</tr>", maxsplit=1)[0])


async def test_a_handler_answers_an_anonymous_complaint_in_the_inbox(deps, panel: Panel):
    school = await make_complaint_school(deps)
    complaint_id, code = await complain(deps, school, "Мені <b>мазақ</b> қылады")

    await sign_in(deps, panel, school, school.psychologist)
    _, body = await panel.get("/")
    assert 'href="/complaints"' in body, "the menu leads to the inbox"
    response, body = await panel.get("/complaints")
    assert response.status == 200
    row = row_text(body, complaint_id)
    assert f"№ {complaint_id} Bullying New anonymous — 0 minutes ago" in row

    response, body = await panel.get(f"/complaints/{complaint_id}")
    assert response.status == 200
    page = text_of(body)
    assert "Мені &lt;b&gt;мазақ&lt;/b&gt; қылады" in body and "<b>мазақ" not in body
    assert "From Anonymous" in page and "Сейтқали" not in page

    response, body = await panel.post(
        f"/complaints/{complaint_id}/reply", {"text": "Біз сыныпқа барамыз"}
    )
    assert response.status == 200
    page = text_of(body)
    assert "The answer is saved; the complaints bot sends it to the complainant." in page
    assert "Status Waiting for the complainant" in page
    thread = page.split("Conversation")[1]
    assert "Answer from Нұрланова Гүлнар waiting to be delivered" in thread
    assert "Біз сыныпқа барамыз" in thread
    card = await access_complaint(deps, school.psychologist, complaint_id)
    assert card.status == ComplaintStatus.WAITING
    outgoing = await pending_replies(deps)
    assert [(item.complaint_id, item.text) for item in outgoing] == [
        (complaint_id, "Біз сыныпқа барамыз")
    ]
    tracked = await track(deps, code=code, chat_id=CHAT)
    assert tracked.entries[-1].text == "Біз сыныпқа барамыз"

    response, body = await panel.post(f"/complaints/{complaint_id}/reply", {"text": "   "})
    assert response.status == 400
    answer_form = text_of(body.split('id="answer"')[1])
    assert "Write what happened: the text cannot be empty." in answer_form
    assert len(await pending_replies(deps)) == 1


async def test_a_note_stays_inside(deps, panel: Panel):
    school = await make_complaint_school(deps)
    complaint_id, code = await complain(deps, school)
    await sign_in(deps, panel, school, school.admin)

    _, body = await panel.post(
        f"/complaints/{complaint_id}/note", {"text": "Сынып жетекшісімен сөйлесу керек"}
    )
    page = text_of(body)
    assert "The note is saved. The complainant does not see it." in page
    assert "Internal note by Әкімова Дина not shown to the complainant" in page
    assert 'data-author="note"' in body

    assert await pending_replies(deps) == []
    tracked = await track(deps, code=code, chat_id=CHAT)
    assert [entry.author for entry in tracked.entries] == [ComplaintAuthor.COMPLAINANT]


async def test_rejecting_needs_a_reason_and_a_refused_form_changes_nothing(deps, panel: Panel):
    school = await make_complaint_school(deps)
    complaint_id, _ = await complain(deps, school)
    await sign_in(deps, panel, school, school.admin)

    response, body = await panel.post(
        f"/complaints/{complaint_id}/status", {"status": "rejected", "reason": "  "}
    )
    assert response.status == 400
    error = body.split('data-field="reason"')[1].split("</span>")[0]
    assert "Write why the complaint is rejected: the complainant will read it." in error
    assert '<option value="rejected" selected>' in body, "the choice made is kept"
    card = await access_complaint(deps, school.admin, complaint_id)
    assert card.status == ComplaintStatus.NEW and card.closed_at is None
    assert await pending_replies(deps) == []

    response, body = await panel.post(
        f"/complaints/{complaint_id}/status",
        {"status": "rejected", "reason": "Бұл біздің мектепке қатысты емес"},
    )
    assert response.status == 200
    page = text_of(body)
    assert "The status is changed." in page
    assert "Status Rejected: Бұл біздің мектепке қатысты емес" in page
    assert "The complainant is told the new status." in page
    assert 'id="reply-form"' not in body, "a closed complaint is not answered"
    (notice,) = await pending_replies(deps)
    assert notice.status == ComplaintStatus.REJECTED
    assert notice.reason == "Бұл біздің мектепке қатысты емес"

    response, body = await panel.post(f"/complaints/{complaint_id}/status", {"status": "lost"})
    assert response.status == 400
    assert "Choose a status from the list." in text_of(body)
    card = await access_complaint(deps, school.admin, complaint_id)
    assert card.status == ComplaintStatus.REJECTED

    _, body = await panel.get("/complaints")
    assert f'id="complaint-{complaint_id}"' not in body, "closed ones are hidden by default"
    _, body = await panel.get("/complaints?all=1")
    assert "Rejected" in row_text(body, complaint_id)
    _, body = await panel.get("/complaints?status=rejected")
    assert f'id="complaint-{complaint_id}"' in body


async def test_assigning_and_the_mine_filter(deps, panel: Panel):
    school = await make_complaint_school(deps)
    complaint_id, _ = await complain(deps, school)
    other_id, _ = await complain(
        deps, school, "Асханада тамақ суық", category=ComplaintCategory.OTHER, chat_id=CHAT + 1
    )
    await sign_in(deps, panel, school, school.admin)
    _, body = await panel.get(f"/complaints/{complaint_id}")
    assert f'<option value="{school.psychologist.person_id}"' in body
    assert f'<option value="{school.teacher.person_id}"' not in body, "a teacher does not handle"

    response, body = await panel.post(
        f"/complaints/{complaint_id}/assign", {"assignee": str(school.teacher.person_id)}
    )
    assert response.status == 400
    assert "This person cannot handle this complaint." in text_of(body)
    assert (await access_complaint(deps, school.admin, complaint_id)).assignee_id is None

    response, body = await panel.post(
        f"/complaints/{complaint_id}/assign", {"assignee": str(school.psychologist.person_id)}
    )
    assert response.status == 200
    assert "The person in charge is changed." in text_of(body)
    assert "In charge Нұрланова Гүлнар" in text_of(body)

    await panel.post("/logout")
    await sign_in(deps, panel, school, school.psychologist)
    _, body = await panel.get("/complaints?mine=1")
    assert "Нұрланова Гүлнар" in row_text(body, complaint_id)
    assert f'id="complaint-{other_id}"' not in body
    _, body = await panel.get("/complaints?category=other")
    assert "Something else" in row_text(body, other_id)
    assert f'id="complaint-{complaint_id}"' not in body


async def test_the_person_complained_about_never_sees_it(deps, panel: Panel):
    school = await make_complaint_school(deps)
    complaint_id, _ = await complain(
        deps,
        school,
        "Психолог айтқанымды басқаларға айтып қойды",
        about=school.psychologist,
        attachments=(photo(size=(400, 300)),),
    )
    card = await access_complaint(deps, school.admin, complaint_id)
    (attachment,) = next(entry for entry in card.entries if entry.attachments).attachments
    attachment_id = attachment.id
    assert school.psychologist.person_id not in [person for person, _ in card.assignable]

    await sign_in(deps, panel, school, school.psychologist)
    _, body = await panel.get("/complaints?all=1")
    assert f'id="complaint-{complaint_id}"' not in body
    assert "No complaints match these filters." in text_of(body)
    response, _ = await panel.get(f"/complaints/{complaint_id}")
    assert response.status == 404
    response, _ = await panel.get(f"/complaints/attachments/{attachment_id}")
    assert response.status == 404
    response, _ = await panel.post(f"/complaints/{complaint_id}/reply", {"text": "Бұл өтірік"})
    assert response.status == 404
    assert await pending_replies(deps) == []

    await panel.post("/logout")
    await sign_in(deps, panel, school, school.admin)
    _, body = await panel.get(f"/complaints/{complaint_id}")
    assert "About Нұрланова Гүлнар" in text_of(body)


async def test_a_teacher_without_the_permission_is_refused(deps, panel: Panel):
    school = await make_complaint_school(deps)
    complaint_id, _ = await complain(deps, school, attachments=(photo(size=(400, 300)),))
    card = await access_complaint(deps, school.admin, complaint_id)
    (attachment,) = next(entry for entry in card.entries if entry.attachments).attachments
    attachment_id = attachment.id

    await sign_in(deps, panel, school, school.teacher)
    _, body = await panel.get("/")
    assert 'href="/complaints"' not in body
    for path in (
        "/complaints",
        f"/complaints/{complaint_id}",
        f"/complaints/attachments/{attachment_id}",
        "/complaints/report",
        "/complaints/report.xlsx",
        "/organisation/complaints",
    ):
        response, _ = await panel.get(path)
        assert response.status in (403, 404), path
    response, _ = await panel.post(f"/complaints/{complaint_id}/note", {"text": "қызық"})
    assert response.status in (403, 404)
    again = await access_complaint(deps, school.admin, complaint_id)
    assert again.entries == card.entries


async def test_a_picture_is_served_inline_and_not_sniffed(deps, panel: Panel):
    school = await make_complaint_school(deps)
    complaint_id, _ = await complain(deps, school, attachments=(photo(size=(400, 300)),))
    await sign_in(deps, panel, school, school.psychologist)
    _, body = await panel.get(f"/complaints/{complaint_id}")
    attachment_id = int(body.split('src="/complaints/attachments/')[1].split('"')[0])

    response = await panel.client.get(f"/complaints/attachments/{attachment_id}")
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("image/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"] == "inline"
    picture = Image.open(io.BytesIO(await response.read()))
    assert picture.size == (400, 300)
    assert not picture.getexif(), "what the phone wrote into the photo is gone"

    response, _ = await panel.get("/complaints/attachments/999999")
    assert response.status == 404


async def test_a_named_complaint_shows_who_wrote_it(deps, panel: Panel):
    school = await make_complaint_school(deps)
    complaint_id, _ = await complain(
        deps, school, "Кестеде қате бар", named=True, category=ComplaintCategory.SCHEDULE
    )
    await sign_in(deps, panel, school, school.admin)
    _, body = await panel.get("/complaints")
    assert "Schedule New named" in row_text(body, complaint_id)
    _, body = await panel.get(f"/complaints/{complaint_id}")
    assert "From Сейтқали Айгүл , Student" in text_of(body)
    assert f'href="/people/{school.student.person_id}"' in body


async def test_an_overdue_complaint_appears_to_the_district(deps, clock, panel: Panel):
    school = await make_complaint_school(deps)
    complaint_id, _ = await complain(deps, school)
    clock.advance(timedelta(hours=25))
    await complaints_tick(deps)

    await sign_in(deps, panel, school, school.officer)
    _, body = await panel.get("/complaints")
    row = row_text(body, complaint_id)
    assert "№12 мектеп-гимназия" in row
    assert "Bullying overdue escalated New anonymous" in row
    _, body = await panel.get(f"/complaints/{complaint_id}")
    page = text_of(body)
    assert "Escalated to Тараз қалалық білім бөлімі" in page
    assert "First answer due 02.09.2026 11:00 · overdue" in page


async def test_the_report_counts_complaints_and_its_workbook_holds_no_names(deps, panel: Panel):
    school = await make_complaint_school(deps)
    answered, _ = await complain(deps, school, "Мені мазақ қылады")
    await complain(
        deps,
        school,
        "Ақша екі рет алынды",
        category=ComplaintCategory.FINANCE,
        named=True,
        chat_id=CHAT + 1,
    )
    closed, _ = await complain(deps, school, "Дәліздегі төбелес", chat_id=CHAT + 2)
    await reply(deps, school.admin, complaint_id=answered, text="Тексереміз, Айгүл")
    await set_status(deps, school.admin, complaint_id=closed, status=ComplaintStatus.RESOLVED)

    await sign_in(deps, panel, school, school.psychologist)
    _, body = await panel.get("/complaints")
    assert 'href="/complaints/report"' in body
    response, body = await panel.get("/complaints/report")
    assert response.status == 200
    table = body.split('id="report"')[1]
    header = [text_of(cell).strip() for cell in table.split("</thead>")[0].split("<th>")[1:]]
    lines = table.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")[:-1]
    rows = [
        dict(zip(header, [text_of(c).strip() for c in line.split("<td>")[1:]], strict=True))
        for line in lines
    ]
    school_row, total_row = rows
    assert school_row["Organisation"] == "№12 мектеп-гимназия"
    assert total_row["Organisation"] == "All organisations"
    for row in rows:
        assert row["Total"] == "3"
        assert (row["Bullying"], row["Money"], row["Safety"]) == ("2", "1", "0")
        assert (row["New"], row["Waiting for the complainant"], row["Resolved"]) == ("1", "1", "1")
        assert row["Hours to the first answer (median)"] == "0.0"
        assert row["Overdue"] == "0"

    response = await panel.client.get("/complaints/report.xlsx?from=2026-09-01&to=2026-09-30")
    assert response.status == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    workbook = openpyxl.load_workbook(io.BytesIO(await response.read()))
    cells = [
        cell.value
        for sheet in workbook.worksheets
        for line in sheet.iter_rows()
        for cell in line
        if cell.value is not None
    ]
    assert answered in cells and closed in cells
    everything = " ".join(str(value) for value in cells)
    for secret in ("Сейтқали", "Айгүл", "Әкімова", "Нұрланова", "мазақ", "Ақша", "Тексереміз"):
        assert secret not in everything

    response, body = await panel.get("/complaints/report?from=2026-09-30&to=2026-09-01")
    assert response.status == 400
    assert "The period ends before it starts." in text_of(body)
    response, body = await panel.get("/complaints/report?from=2026-10-01&to=2026-10-31")
    assert "No complaints in this period." in text_of(body)


async def test_settings_answer_time_and_a_new_code(deps, panel: Panel):
    school = await make_complaint_school(deps)
    await sign_in(deps, panel, school, school.admin)
    _, body = await panel.get("/organisation")
    assert 'href="/organisation/complaints"' in body
    response, body = await panel.get("/organisation/complaints")
    assert response.status == 200
    old = school.public_code
    assert f"/start org-{old}" in text_of(body)

    response, body = await panel.post("/organisation/complaints", {"answer_hours": "0"})
    assert response.status == 400
    error = body.split('data-field="answer_hours"')[1].split("</span>")[0]
    assert "The answer time is 1 to 720 hours." in error
    assert 'value="0"' in body, "what was typed is kept"
    assert (await complaint_settings(deps, school.admin)).answer_hours == 24

    response, body = await panel.post("/organisation/complaints", {"answer_hours": "бір"})
    assert response.status == 400
    assert "“бір” is not a whole number." in text_of(body)

    response, body = await panel.post("/organisation/complaints", {"answer_hours": "48"})
    assert "Saved." in text_of(body)
    assert (await complaint_settings(deps, school.admin)).answer_hours == 48

    response, body = await panel.post("/organisation/complaints/code")
    assert response.status == 400
    assert 'data-field="confirm"' in body
    assert (await complaint_settings(deps, school.admin)).public_code == old

    response, body = await panel.post("/organisation/complaints/code", {"confirm": "1"})
    assert "The organisation has a new code. Print the new poster." in text_of(body)
    new = (await complaint_settings(deps, school.admin)).public_code
    assert new != old and f"/start org-{new}" in text_of(body)
    assert (await place_by_code(new)).organisation_id == school.school_id
    with pytest.raises(NotFound):
        await place_by_code(old)


async def test_the_psychologist_may_not_change_the_settings(deps, panel: Panel):
    school = await make_complaint_school(deps)
    await sign_in(deps, panel, school, school.psychologist)
    response, _ = await panel.get("/organisation/complaints")
    assert response.status == 403
    response, _ = await panel.post("/organisation/complaints", {"answer_hours": "1"})
    assert response.status == 403
    assert (await complaint_settings(deps, school.admin)).answer_hours == 24


async def test_the_poster_carries_the_bots_link_and_its_qr_code_when_the_bot_is_named(deps):
    school = await make_complaint_school(deps)
    code = (await complaint_settings(deps, school.admin)).public_code
    async with open_panel(deps) as panel:
        await sign_in(deps, panel, school, school.admin)
        _, body = await panel.get("/organisation/complaints")
        assert "t.me/" not in body
        response, _ = await panel.get("/organisation/complaints/qr.svg")
        assert response.status == 404

    named = replace(
        deps,
        settings=deps.settings.model_copy(update={"telegram_complaints_username": "ShagymBot"}),
    )
    async with open_panel(named) as panel:
        await sign_in(named, panel, school, school.admin)
        _, body = await panel.get("/organisation/complaints")
        assert f"https://t.me/ShagymBot?start=org-{code}" in text_of(body)
        response, _ = await panel.get("/organisation/complaints/qr.svg")
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("image/svg+xml")
        assert "<svg" in await response.text()
