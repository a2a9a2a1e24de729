"""The psychologist's screening pages (issue 9): assigning to a group with the consent tick
lists who was refused and why, a refused single assignment keeps the form, results show
score and band, and nobody else — an admin included — reaches the pages or sees the link."""

from __future__ import annotations

from core.deps import Deps
from core.models.screening import ScreeningAssignment
from core.services.screenings import answer_screening, assign_screening
from tests.test_screenings import make_school
from tests.web import Panel, open_panel, text_of


async def test_the_psychologist_assigns_to_a_group_and_reads_score_and_band(
    deps: Deps, panel: Panel
):
    school = await make_school(deps)
    org = school.admin.organisation_id
    await panel.sign_in(f"psychologist-{org}@school.kz")
    response, page = await panel.get("/screenings")
    assert response.status == 200
    assert 'href="/screenings"' in page
    assert "Parental consent obtained" in text_of(page)

    response, page = await panel.post(
        "/screenings/assign", {"instrument": "phq9", "group_id": str(school.group_id)}
    )
    # Without the tick only the adult is assigned; the others are listed with the reason.
    text = text_of(page)
    assert "Assigned to 1 students; 0 of them were told in Telegram." in text
    assert "Әлиева Бек is 10; PHQ-9 is for students from 12." in text
    assert "Әлиева Ару is under 18. Tick “Parental consent obtained”" in text
    assert "Әлиева Салтанат has no birth date on record" in text

    response, page = await panel.post(
        "/screenings/assign",
        {"instrument": "phq9", "person_id": str(school.bek.person_id), "consent": "1"},
    )
    assert response.status == 400
    assert "Әлиева Бек is 10; PHQ-9 is for students from 12." in text_of(page)
    response, _ = await panel.post(
        "/screenings/assign",
        {"instrument": "phq9", "person_id": str(school.aru.person_id), "consent": "1"},
    )
    assert response.status == 200
    assert await ScreeningAssignment.filter(person_id=school.aru.person_id).count() == 1

    assignment = (await ScreeningAssignment.get(person_id=school.dana.person_id)).id
    for number in range(1, 10):
        await answer_screening(
            deps, school.dana, assignment_id=assignment, item=number, value=2, language="kk"
        )
    _, page = await panel.get("/screenings")
    row = text_of(page.split('id="assignments"')[1]).split("Әлиева Дана", 1)[1]
    assert row.startswith(" safety check needed PHQ-9")
    assert "finished 18 / 27 Moderately severe" in row
    _, page = await panel.get(f"/screenings/{assignment}")
    text = text_of(page)
    assert "Score 18 / 27" in text and "Band Moderately severe" in text
    assert "Thoughts that you would be better off dead" in text
    assert "unvalidated draft translation" in text
    assert "Parental consent not needed (adult)" in text
    # Item 9 answered "more than half the days" raised a well-being alert, listed there too.
    _, page = await panel.get("/wellbeing")
    assert "Әлиева Дана (8А) an answer in a screening questionnaire" in text_of(page)


async def test_an_admin_a_teacher_and_a_student_cannot_reach_screenings(deps: Deps):
    school = await make_school(deps)
    org = school.admin.organisation_id
    report = await assign_screening(
        deps, school.psychologist, instrument_id="gad7", person_id=school.dana.person_id
    )
    for login in (f"admin-{org}@school.kz", f"teacher-{org}@school.kz"):
        async with open_panel(deps) as panel:
            await panel.sign_in(login)
            _, home = await panel.get("/")
            assert 'href="/screenings"' not in home
            for path in ("/screenings", f"/screenings/{report.assigned[0]}"):
                response, _ = await panel.get(path)
                assert response.status == 403
            response, _ = await panel.post(
                "/screenings/assign",
                {"instrument": "gad7", "person_id": str(school.aru.person_id), "consent": "1"},
            )
            assert response.status == 403
    assert await ScreeningAssignment.all().count() == 1
