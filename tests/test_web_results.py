"""The panel's test report, rating and testing settings (issue 7), over real HTTP."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook
from pypdf import PdfReader

from core.deps import Deps
from core.models.people import Person
from tests.test_testing_reports import QUESTIONS, right, take
from tests.testing_factories import make_published_test, make_test_centre
from tests.web import Panel, text_of


async def test_the_teacher_reads_the_report_and_downloads_it(deps: Deps, panel: Panel):
    centre = await make_test_centre(deps)
    lessons = centre.centre
    aigerim, timur = lessons.students
    test_id = await make_published_test(deps, centre, questions=QUESTIONS)
    await take(deps, aigerim, test_id, [right(name) for name in QUESTIONS])
    await take(deps, timur, test_id, [right("single"), {"value": False}, {"text": "ответ"}])

    await panel.sign_in(lessons.login(lessons.teacher))
    response, body = await panel.get(f"/tests/{test_id}/results")
    assert response.status == 200
    page = text_of(body)
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in body
    assert "Finished 2 Mean 66.7 % Median 66.7 % Passed 50.0 %" in page
    # The hardest question first, with the wrong answer typed; the options picked.
    assert page.index("Как называется число x") < page.index("Чему равен x, если 2x = 6?")
    assert "ответ ×1" in page
    assert "✓ 3: 2 · 4: 0 · 12: 0" in page
    assert "Discrimination is shown from 10 students up" in page
    assert "Омарова Айгерім Алгебра 7А 1 100.0 % Passed" in page
    assert "Ким Тимур Алгебра 7А 1 33.3 % Not passed" in page

    response, _ = await panel.get(f"/tests/{test_id}/results.xlsx?group={lessons.group_id}")
    assert response.status == 200
    book = load_workbook(BytesIO(await response.read()))
    assert book["Students"]["A5"].value == "Омарова Айгерім"
    response, _ = await panel.get(f"/tests/{test_id}/results.pdf")
    assert response.headers["Content-Type"] == "application/pdf"
    pdf = PdfReader(BytesIO(await response.read()))
    assert "Ким Тимур" in " ".join(page.extract_text() for page in pdf.pages)

    # Another teacher, who teaches none of its groups, finds no such page.
    other = Panel(panel.client)
    await panel.client.post("/logout", data={"csrf_token": panel.csrf})
    await other.sign_in(lessons.login(lessons.substitute))
    response, _ = await other.get(f"/tests/{test_id}/results")
    assert response.status == 404


async def test_students_see_the_rating_and_choose_a_nickname(deps: Deps, panel: Panel):
    centre = await make_test_centre(deps)
    lessons = centre.centre
    aigerim, timur = lessons.students
    test_id = await make_published_test(deps, centre, questions=QUESTIONS)
    await take(deps, aigerim, test_id, [right(name) for name in QUESTIONS])
    await take(deps, timur, test_id, [right("single")])

    # The admin switches ratings to nicknames (a form with its CSRF token).
    await panel.sign_in(lessons.login(lessons.admin))
    response, body = await panel.get("/organisation/testing")
    assert response.status == 200
    response, body = await panel.post(
        "/organisation/testing", {"rating_names": "nickname", "lesson_feedback": "1"}
    )
    assert "Saved." in text_of(body)
    assert 'value="nickname" checked' in body
    response, body = await panel.get(f"/rating?board=group:{lessons.group_id}&period=all")
    assert "1 Омарова А. 100.0 % 1 2 Ким Т. 33.3 % 1" in text_of(body)
    response, body = await panel.get("/rating?period=custom&from=2026-09-10&to=2026-09-01")
    assert response.status == 400
    assert "The period ends before it starts." in text_of(body)
    await panel.client.post("/logout", data={"csrf_token": panel.csrf})

    await panel.sign_in(lessons.login(timur))
    response, body = await panel.get("/rating")
    assert response.status == 200
    assert "Your place: 2 of 2, average 33.3 % over 1 tests." in text_of(body)
    response, body = await panel.post("/rating/nickname", {"nickname": "Омарова А."})
    assert response.status == 409
    assert "The nickname “Омарова А.” is taken; choose another one." in text_of(body)
    response, body = await panel.post("/rating/nickname", {"nickname": "Тимур_7"})
    assert "Your nickname is saved." in text_of(body)
    assert "2 Тимур_7 33.3 %" in text_of(body)
    assert await Person.get(id=timur.person_id).values_list("nickname", flat=True) == "Тимур_7"

    # Only those who manage the organisation change its settings.
    response, _ = await panel.post("/organisation/testing", {"rating_names": "full"})
    assert response.status == 403
