"""The panel's lesson ratings and surveys (issue 7): averages per teacher and course with an
SVG trend and escaped comments, a teacher's own ratings, and a survey built, sent and
counted through forms."""

from __future__ import annotations

from core.services.feedback import record_feedback
from core.services.surveys import respond_survey
from tests.lesson_factories import make_lesson_centre
from tests.test_feedback import held_lesson
from tests.test_surveys import classmates
from tests.web import Panel, text_of


async def test_ratings_per_teacher_and_course_with_escaped_comments(deps, clock, panel: Panel):
    held = await held_lesson(deps, clock, link=False)
    centre = held.centre
    await record_feedback(
        deps,
        held.aigerim,
        lesson_id=held.lesson_id,
        lesson_rating=4,
        teacher_rating=5,
        comment="<script>alert('x')</script> Керемет",
    )

    await panel.sign_in(centre.login(centre.admin))
    response, body = await panel.get("/feedback")
    assert response.status == 200
    page = text_of(body)
    assert "Ахметов Ерлан 4.0 ★ (1 rating) 5.0 ★ (1 rating)" in page
    assert "Algebra 4.0 ★ (1 rating) 5.0 ★ (1 rating)" in page
    assert "<svg" in body and 'aria-label="Average ratings by month"' in body
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Керемет" in body
    assert "<script>alert" not in body
    assert "Омарова" not in page, "who rated is never shown"
    comments = page.split("Latest comments")[1]
    assert "Керемет" in comments
    assert "01.09" not in comments and "Алгебра 7А" not in comments, "nor the lesson"


async def test_a_teacher_sees_their_own_ratings_only(deps, clock, panel: Panel):
    held = await held_lesson(deps, clock, link=False)
    centre = held.centre
    await record_feedback(deps, held.aigerim, lesson_id=held.lesson_id, teacher_rating=3)

    await panel.sign_in(centre.login(centre.teacher))
    response, body = await panel.get("/feedback")
    assert response.status == 200
    page = text_of(body)
    assert "My lesson ratings" in page
    assert "Ахметов Ерлан — 3.0 ★ (1 rating)" in page
    assert "By course" not in page


async def test_a_survey_is_built_sent_and_counted_in_the_panel(deps, panel: Panel):
    centre = await make_lesson_centre(deps)
    aigerim = centre.students[0]
    others = [centre.students[1], *await classmates(deps, centre)]
    await panel.sign_in(centre.login(centre.admin))

    await panel.post("/surveys/new", {"title": "Күзгі сауалнама", "anonymous": "1"})
    response, body = await panel.get("/surveys")
    assert "Күзгі сауалнама anonymous Draft 0 —" in text_of(body)
    survey_id = int(body.split('id="survey-')[1].split('"')[0])
    base = f"/surveys/{survey_id}"

    question = {
        "kind": "single",
        "text_kk": "Кесте ыңғайлы ма?",
        "text_ru": "Удобно ли расписание?",
        "options_kk": "Иә\nЖоқ",
        "options_ru": "Да",
    }
    response, body = await panel.post(f"{base}/questions", question)
    assert response.status == 400
    assert "Each language must list the same number of options, one per line." in text_of(body)
    assert "Кесте ыңғайлы ма?" in body, "what was typed is kept"
    response, body = await panel.post(f"{base}/questions", {**question, "options_ru": "Да\nНет"})
    assert "The question is added." in text_of(body)
    await panel.post(f"{base}/questions", {"kind": "rating", "text_en": "Rate the <b>centre</b>"})
    response, body = await panel.post(f"{base}/send")
    assert response.status == 400
    assert "Choose who gets the survey before sending it." in text_of(body)

    await panel.post(f"{base}/audience", {"groups": str(centre.group_id)})
    response, body = await panel.post(f"{base}/send")
    assert "The survey is sent to 5 people; 0 of them got it in Telegram." in text_of(body)
    assert "0 of 5 (0%)" in text_of(body)

    await respond_survey(deps, aigerim, survey_id=survey_id, answers=[{"choice": 1}, {"value": 4}])
    _, body = await panel.get(f"{base}/results")
    page = text_of(body)
    assert "1 of 5 (20%)" in page
    assert (
        "The answers of an anonymous survey are shown once at least 5 people have answered, "
        "so that no answer can be traced to the person who gave it; 1 has answered so far."
    ) in page
    assert "Удобно ли расписание?" not in page

    for other in others:
        await respond_survey(
            deps, other, survey_id=survey_id, answers=[{"choice": 0}, {"value": 5}]
        )
    _, body = await panel.get(f"{base}/results")
    page = text_of(body)
    assert "5 of 5 (100%)" in page and "traced" not in page
    # Shown in English, which the question lacks: Russian comes first among the others.
    assert "1. Удобно ли расписание? Single choice · 5 answers Answer Count Да 4 Нет 1" in page
    assert "Rate the &lt;b&gt;centre&lt;/b&gt;" in body
    assert "average 4.8" in page

    response, body = await panel.post(f"{base}/close")
    assert "The survey is closed: no more answers are taken." in text_of(body)
