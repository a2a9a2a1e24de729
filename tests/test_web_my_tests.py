"""Taking a test in the web panel over real HTTP (issue 7): a student answers one question
per page, a stale page is refused with the question they are on, a bad number is named,
and the result follows; the review of mistakes opens after the last attempt. A grade on the
pass/fail scale reads in the reader's language; a forged picture address is "not found"."""

from __future__ import annotations

from bots.texts import Translator
from core.deps import Deps
from core.models.testing import Attempt, AttemptAnswer
from core.services.lesson_settings import GradeScale, LessonSettingsData, update_lesson_settings
from tests.test_bot_tests import with_picture
from tests.testing_factories import make_published_test, make_test_centre
from tests.web import Panel, open_panel, text_of

TITLE = "Контрольная: уравнения"


async def test_a_student_takes_a_short_test_and_reviews_the_mistakes(deps: Deps, panel: Panel):
    centre = await make_test_centre(deps)
    test_id = await make_published_test(
        deps,
        centre,
        questions=("single", "true_false", "numeric"),
        show_review=True,
        attempts_allowed=2,
    )
    picture = await with_picture(deps, centre, "single")
    student = centre.centre.students[0]
    assert (await panel.sign_in(centre.centre.login(student))).status == 200

    _, body = await panel.get("/my/tests")
    assert f"{TITLE} 3 — Open 0 of 2 —" in text_of(body)
    response, body = await panel.post(f"/my/tests/{test_id}/start")
    attempt = await Attempt.get(student_id=student.person_id)
    assert response.url.path == f"/my/tests/attempts/{attempt.id}"
    assert "Question 1 of 3 · Answered: 0 of 3" in text_of(body)
    assert "Чему равен x, если 2x = 6?" in text_of(body)
    image = f"/my/tests/attempts/{attempt.id}/images/0"
    assert f'src="{image}"' in body
    response = await panel.client.get(image)
    assert (response.content_type, await response.read()) == ("image/png", picture)

    def page(position: int, action: str = "next", **fields: str) -> dict[str, str]:
        return {"position": str(position), "total": "3", "action": action, **fields}

    url = f"/my/tests/attempts/{attempt.id}"
    # Answers name options by their place in the bank: "3" is the first option.
    _, body = await panel.post(url, page(0, kind="single", choice="0"))
    assert "Question 2 of 3 · Answered: 1 of 3" in text_of(body)

    # The first question's page again (another tab): refused, the current one is shown.
    _, body = await panel.post(url, page(0, kind="single", choice="1"))
    assert (
        "That button belongs to a question you have left; answer question 2 instead."
        in text_of(body)
    )
    assert "Question 2 of 3" in text_of(body)
    saved = await AttemptAnswer.get(attempt_id=attempt.id, position=0)
    assert saved.answer == {"choice": 0}

    _, body = await panel.post(url, page(1, kind="true_false", value="false"))
    assert "Решите: 4x = 10. x = ?" in text_of(body)
    response, body = await panel.post(url, page(2, kind="numeric", text="два с половиной"))
    assert response.status == 400
    assert "Type a number, like 12 or 3,5." in text_of(body)
    _, body = await panel.post(url, page(2, "finish", kind="numeric", text="2,5"))
    assert "All 3 questions are answered." in text_of(body)

    _, body = await panel.post(f"{url}/finish")
    page_text = text_of(body)
    assert f"Result of “{TITLE}”" in page_text
    assert "Score 2 of 3 points Percent 66% Outcome Passed Grade 3" in page_text
    # One attempt is left: the review opens after it.
    assert "Review my mistakes" not in page_text
    assert (
        "You can review your mistakes after your last attempt or when the test closes."
        in page_text
    )

    # The second attempt, finished at once: now the review opens, of either attempt.
    response, _ = await panel.post(f"/my/tests/{test_id}/start")
    second = response.url.path
    assert second != url
    _, body = await panel.post(f"{second}/finish")
    assert "Score 0 of 3 points" in text_of(body)
    assert "Review my mistakes" in text_of(body)
    _, body = await panel.get(f"{url}/review")
    assert (
        "2. Уравнение x + 1 = x не имеет решений. Your answer: False Right answer: True"
        in text_of(body)
    )
    assert "1. Чему равен" not in text_of(body)
    _, body = await panel.get("/my/tests")
    assert f"{TITLE} 3 — Open 2 of 2 66% Result" in text_of(body)


async def test_a_pass_fail_grade_reads_in_the_readers_language(deps: Deps):
    centre = await make_test_centre(deps)
    await update_lesson_settings(
        deps, centre.centre.admin, data=LessonSettingsData(grade_scale=GradeScale.PASS_FAIL)
    )
    test_id = await make_published_test(deps, centre, questions=("single",))
    ru = Translator("ru")
    async with open_panel(deps, "ru") as panel:
        assert (await panel.sign_in(centre.centre.login(centre.centre.students[0]))).status == 200
        response, _ = await panel.post(f"/my/tests/{test_id}/start")
        url = response.url.path
        # A picture address of no question (a forged one) is "not found", never an error.
        for forged in ("1", "9" * 30, "9" * 5000):
            assert (await panel.client.get(f"{url}/images/{forged}")).status == 404
        _, body = await panel.post(f"{url}/finish")

    assert f"{ru('Grade')} незачёт" in text_of(body)
    assert "fail" not in text_of(body)
