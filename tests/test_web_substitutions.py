"""The substitutions pages over real HTTP, as a deputy head uses them: mark a teacher absent
tomorrow, choose the top candidate, see the lesson covered, read the month's report.

The frozen clock starts on Tuesday 1 September 2026, 11:00 in Almaty; tomorrow is the scene
of ``tests/substitution_factories.py``.
"""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from openpyxl import load_workbook

from core.models.lessons import Lesson
from core.models.substitutions import TeacherAbsence
from core.services.lesson_settings import lesson_settings
from tests.substitution_factories import SchoolDay, make_school_day
from tests.web import Panel, text_of


@pytest.fixture
async def school(deps) -> SchoolDay:
    return await make_school_day(deps)


@pytest.fixture
async def admin_panel(school, panel) -> Panel:
    assert (await panel.sign_in(school.centre.login(school.centre.admin))).status == 200
    return panel


async def test_mark_absent_tomorrow_choose_the_top_candidate_and_see_it_covered(
    school, admin_panel
):
    centre = school.centre
    response, body = await admin_panel.get("/substitutions")
    assert response.status == 200
    assert "Substitutions · 02.09.2026" in text_of(body)

    response, body = await admin_panel.post(
        "/substitutions/absences",
        {"day": "2026-09-02", "teacher_id": str(centre.teacher.person_id), "reason": "Ауырып"},
    )
    page = text_of(body)
    assert "Ахметов Ерлан is marked absent; lessons to cover: 2." in page
    assert "2 lessons are not covered yet." in page
    row = text_of(re.search(rf'<tr id="lesson-{school.first}">.*?</tr>', body, re.S).group(0))
    assert "Choose Қасымов Нұржан" in row
    assert "same subject · 0 extra lessons this month · in building А корпусы" in row

    # The first button of the lesson is its top candidate.
    top = re.search(
        rf'action="/substitutions/lessons/{school.first}/choose".*?name="teacher_id" '
        r'value="(\d+)".*?name="replacing" value="(\d+)"',
        body,
        re.S,
    )
    response, body = await admin_panel.post(
        f"/substitutions/lessons/{school.first}/choose",
        {"day": "2026-09-02", "teacher_id": top.group(1), "replacing": top.group(2)},
    )
    page = text_of(body)
    assert "Қасымов Нұржан teaches this lesson now." in page
    assert "Covered by Қасымов Нұржан" in page
    assert "1 lesson is not covered yet." in page
    lesson = await Lesson.get(id=school.first)
    assert lesson.teacher_id == school.teachers["kasymov"].person_id  # type: ignore[attr-defined]

    # The same button pressed again (a second admin's stale page) changes nothing.
    response, body = await admin_panel.post(
        f"/substitutions/lessons/{school.first}/choose",
        {
            "day": "2026-09-02",
            "teacher_id": str(centre.substitute.person_id),
            "replacing": top.group(2),
        },
    )
    assert response.status == 409
    assert "Қасымов Нұржан has just been given this lesson" in text_of(body)


async def test_the_month_report_and_its_workbook(school, admin_panel):
    centre = school.centre
    await admin_panel.post(
        "/substitutions/absences",
        {
            "day": "2026-09-02",
            "teacher_id": str(centre.teacher.person_id),
            "start": "09:00",
            "end": "12:00",
        },
    )
    response, body = await admin_panel.get("/substitutions/month?month=2026-09")
    assert response.status == 200
    row = text_of(re.search(r'<tr id="teacher-\d+">\s*<td>Жанова Ая.*?</tr>', body, re.S).group(0))
    assert row.split() == ["Жанова", "Ая", "0", "2", "3:00"]
    assert "Ахметов Ерлан not covered" in text_of(body)

    response = await admin_panel.client.get("/substitutions/month.xlsx?month=2026-09")
    assert response.status == 200
    book = load_workbook(BytesIO(await response.read()))
    assert book.sheetnames == ["Teachers", "Lessons"]


async def test_a_bad_absence_is_explained_and_a_form_without_its_token_refused(
    school, admin_panel
):
    centre = school.centre
    response, body = await admin_panel.post(
        "/substitutions/absences",
        {
            "day": "2026-09-02",
            "teacher_id": str(centre.teacher.person_id),
            "start": "12:00",
            "end": "09:00",
        },
    )
    assert response.status == 400
    assert "The absence must end after it starts." in text_of(body)
    response = await admin_panel.client.post(
        "/substitutions/absences",
        data={"day": "2026-09-02", "teacher_id": str(centre.teacher.person_id)},
    )
    assert response.status == 403
    assert not await TeacherAbsence.filter(teacher_id=centre.teacher.person_id).exists()


async def test_a_teacher_cannot_open_the_substitutions(school, panel):
    assert (await panel.sign_in(school.centre.login(school.centre.teacher))).status == 200
    response, _ = await panel.get("/substitutions")
    assert response.status == 403


async def test_the_parents_setting_is_switched_off_in_the_lesson_settings(school, admin_panel):
    response, body = await admin_panel.get("/organisation/lessons")
    assert 'name="tell_parents_substitutions" value="on" checked' in body
    values = {
        "grade_scale": "five",
        "weight_classwork": "1",
        "weight_homework": "1",
        "weight_test": "2",
        "weight_exam": "3",
        "reminder_minutes": "60",
        "digest_hour": "19",
    }
    response, body = await admin_panel.post("/organisation/lessons", values)
    assert response.status == 200 and "Saved." in text_of(body)
    assert 'name="tell_parents_substitutions" value="on" >' in body
    settings = await lesson_settings(school.centre.admin.organisation_id)
    assert not settings.tell_parents_substitutions
