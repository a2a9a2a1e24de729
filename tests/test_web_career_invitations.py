"""The counsellor's interest inventory pages (issue 9): sending to a class, a bad grade keeps
the form, the progress page per student with "remind", and a teacher neither sees the link
nor reaches the pages."""

from __future__ import annotations

from core.deps import Deps
from core.models.career import InventoryInvitation, InventorySending
from core.models.notifications import OutboxMessage
from core.services.career_invitations import REMINDER, open_invitation, send_inventory
from tests.test_career_invitations import link, make_school
from tests.web import Panel, open_panel, text_of


async def test_the_counsellor_sends_to_a_class_and_follows_progress(deps: Deps, panel: Panel):
    school = await make_school(deps)
    org = school.admin.organisation_id
    await link(deps, school, school.bek, 502)
    await panel.sign_in(f"counsellor-{org}@school.kz")
    response, page = await panel.get("/career-inventory")
    assert response.status == 200
    assert 'href="/career-inventory"' in page
    assert "Nothing sent yet." in text_of(page)

    response, page = await panel.post(
        "/career-inventory/send", {"group_id": str(school.group_id), "grade": "12"}
    )
    assert response.status == 400
    assert "Choose the class's grade from 5 to 11." in text_of(page)
    assert f'<option value="{school.group_id}" selected>' in page
    assert await InventorySending.all().count() == 0

    response, page = await panel.post(
        "/career-inventory/send", {"group_id": str(school.group_id), "grade": "9"}
    )
    assert response.status == 200
    text = text_of(page)
    assert "Invited 2 students; 1 of them were told in Telegram." in text
    assert "Invited 2 Started 0 Finished 0" in text
    assert "Бекова Бек invited" in text and "Әлиева Ару invited" in text

    invitation = await InventoryInvitation.get(person_id=school.aru.person_id)
    _ = await open_invitation(deps, school.aru, invitation_id=invitation.id)
    sending = (await InventorySending.get()).id
    response, page = await panel.post(f"/career-inventory/{sending}/remind", {})
    text = text_of(page)
    assert "Reminded 1 students in Telegram." in text
    assert "Started 1" in text and "Әлиева Ару started —" in text
    assert await OutboxMessage.filter(message=REMINDER).count() == 1

    # A second sending to the same class invites nobody, and says why.
    _, page = await panel.post(
        "/career-inventory/send", {"group_id": str(school.group_id), "grade": "9"}
    )
    text = text_of(page)
    assert "Invited 0 students" in text and "2 were invited earlier this school year" in text
    _, page = await panel.get("/career-inventory")
    rows = text_of(page.split('id="sendings"')[1])
    assert "7Ә 9" in rows and rows.count("7Ә") == 2


async def test_a_teacher_cannot_send_or_read_progress(deps: Deps):
    school = await make_school(deps)
    org = school.admin.organisation_id
    report = await send_inventory(deps, school.counsellor, grade=7, group_id=school.group_id)
    async with open_panel(deps) as panel:
        await panel.sign_in(f"teacher-{org}@school.kz")
        _, home = await panel.get("/")
        assert 'href="/career-inventory"' not in home
        for path in ("/career-inventory", f"/career-inventory/{report.sending_id}"):
            response, _ = await panel.get(path)
            assert response.status == 403
        response, _ = await panel.post(
            "/career-inventory/send", {"group_id": str(school.group_id), "grade": "7"}
        )
        assert response.status == 403
        response, _ = await panel.post(f"/career-inventory/{report.sending_id}/remind", {})
        assert response.status == 403
    assert await InventorySending.all().count() == 1
