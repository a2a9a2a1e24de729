"""The panel's online course pages (issue 10): the teacher builds and opens the content,
the student works through it, the teacher reviews, and the certificate is checked."""

from __future__ import annotations

import re

from core.deps import Deps
from core.models.judge import Verdict
from tests.course_factories import (
    make_course_centre,
    make_programming_task,
    make_quiz_test,
    pass_test,
    solve_task,
)
from tests.web import Panel, open_panel, text_of


async def _content_ids(panel: Panel, course_id: int) -> tuple[list[int], list[int], list[int]]:
    """Module, unit and item ids in the order the editor shows them."""
    _, body = await panel.get(f"/courses/{course_id}/content")
    return (
        [int(i) for i in re.findall(r'id="module-(\d+)"', body)],
        [int(i) for i in re.findall(r'id="unit-(\d+)"', body)],
        [int(i) for i in re.findall(r'id="item-(\d+)"', body)],
    )


async def test_the_teacher_builds_opens_and_reviews_a_course(deps: Deps, panel: Panel) -> None:
    centre = await make_course_centre(deps)
    test_id = await make_quiz_test(deps, centre.teacher)
    task_id = await make_programming_task(deps, centre.teacher)
    await panel.sign_in("teacher@kurs.kz")
    _, courses = await panel.get("/courses")
    assert f"/courses/{centre.course_id}/content" in courses
    editor = f"/courses/{centre.course_id}/content"

    _, body = await panel.post(f"{editor}/modules", {"title": "Негіздер", "back": editor})
    assert "Негіздер" in text_of(body)
    (module,), _, _ = await _content_ids(panel, centre.course_id)
    await panel.post(f"/course-modules/{module}/units", {"title": "Циклдар", "back": editor})
    _, (unit,), _ = await _content_ids(panel, centre.course_id)
    _, body = await panel.post(
        f"/course-units/{unit}/items",
        {"kind": "video", "title": "Видео", "url": "javascript:alert(1)", "back": editor},
    )
    assert "A video link must be an address starting with http:// or https://." in text_of(body)
    for item in (
        {"kind": "text", "title": "Кіріспе", "body": "**Цикл** — қайталау."},
        {"kind": "quiz", "title": "Тест", "test_id": str(test_id), "points": "20"},
        {"kind": "programming", "title": "A+B", "task_id": str(task_id)},
        {"kind": "open_answer", "title": "Не үшін?", "body": "Түсіндіріңіз"},
    ):
        response, _ = await panel.post(f"/course-units/{unit}/items", {**item, "back": editor})
        assert response.status == 200
    _, _, items = await _content_ids(panel, centre.course_id)
    assert len(items) == 4
    await panel.post(f"{editor}/open", {"group_id": str(centre.group_id)})
    _, body = await panel.get(editor)
    assert "Opened" in text_of(body)

    async with open_panel(deps) as student:
        await student.sign_in("aigul@kurs.kz")
        _, body = await student.get("/my/courses")
        assert "Python для начинающих" in text_of(body)
        assert "0%" in text_of(body)
        _, body = await student.get(f"/my/courses/{centre.course_id}")
        assert "<strong>Цикл</strong>" in body
        assert f'href="/programming/{task_id}"' in body
        back = f"/my/courses/{centre.course_id}"
        await student.post(f"/my/course-items/{items[0]}/done", {"back": back})
        await student.post(
            f"/my/course-items/{items[3]}/answer", {"text": "Қайталау үшін", "back": back}
        )
        await pass_test(deps, centre.student, test_id)
        await solve_task(deps, centre.student, task_id, verdict=Verdict.OK)
        _, body = await student.get("/my/courses")
        assert "75%" in text_of(body)

    _, body = await panel.get(f"/groups/{centre.group_id}/course-progress")
    page = text_of(body)
    assert "Сейтқали Айгүл" in page and "75%" in page and "Қайталау үшін" in page
    (work,) = re.findall(r'id="work-(\d+)"', body)
    back = f"/groups/{centre.group_id}/course-progress"
    _, body = await panel.post(
        f"/course-works/{work}/review", {"decision": "return", "comment": "", "back": back}
    )
    assert "Say what to fix when you return an answer." in text_of(body)
    _, body = await panel.post(
        f"/course-works/{work}/review", {"decision": "accept", "comment": "Жақсы", "back": back}
    )
    assert "Nothing is waiting for review." in text_of(body)
    assert "100%" in text_of(body)


async def test_a_student_of_another_group_sees_nothing(deps: Deps, panel: Panel) -> None:
    centre = await make_course_centre(deps)
    async with open_panel(deps) as teacher:
        await teacher.sign_in("teacher@kurs.kz")
        editor = f"/courses/{centre.course_id}/content"
        await teacher.post(f"{editor}/modules", {"title": "Негіздер", "back": editor})
        await teacher.post(f"{editor}/open", {"group_id": str(centre.group_id)})
    await panel.sign_in("timur@kurs.kz")
    _, body = await panel.get("/my/courses")
    assert "No online courses are open to you yet." in text_of(body)
    response, _ = await panel.get(f"/my/courses/{centre.course_id}")
    assert response.status == 404
    response, _ = await panel.get(editor)
    assert response.status == 403


async def test_the_certificate_downloads_at_full_progress_and_is_checked_publicly(
    deps: Deps, panel: Panel
) -> None:
    centre = await make_course_centre(deps)
    await panel.sign_in("teacher@kurs.kz")
    editor = f"/courses/{centre.course_id}/content"
    await panel.post(f"{editor}/modules", {"title": "Негіздер", "back": editor})
    (module,), _, _ = await _content_ids(panel, centre.course_id)
    await panel.post(f"/course-modules/{module}/units", {"title": "Кіріспе", "back": editor})
    _, (unit,), _ = await _content_ids(panel, centre.course_id)
    await panel.post(
        f"/course-units/{unit}/items",
        {"kind": "text", "title": "Сәлем", "body": "Қош келдіңіз", "back": editor},
    )
    _, _, (item,) = await _content_ids(panel, centre.course_id)
    await panel.post(f"{editor}/open", {"group_id": str(centre.group_id)})

    async with open_panel(deps) as student:
        await student.sign_in("aigul@kurs.kz")
        certificate = f"/my/courses/{centre.course_id}/certificate"
        _, body = await student.get(certificate)
        assert "The certificate is given once every item of the course is complete." in body
        back = f"/my/courses/{centre.course_id}"
        await student.post(f"/my/course-items/{item}/done", {"back": back})
        response = await student.client.get(certificate)
        assert response.status == 200
        assert response.content_type == "application/pdf"
        assert (await response.read()).startswith(b"%PDF")
        disposition = response.headers["Content-Disposition"]
        found = re.search(r"certificate-([A-Z0-9]+)\.pdf", disposition)
        assert found is not None
        code = found.group(1)

    async with open_panel(deps) as visitor:
        response, body = await visitor.get(f"/certificates/{code}")
        assert response.status == 200
        page = text_of(body)
        assert "This certificate is genuine." in page and "Сейтқали Айгүл" in page
        response, body = await visitor.get("/certificates/AAAABBBBCCCCDDDD")
        assert response.status == 404
        assert "No certificate has the code AAAABBBBCCCCDDDD." in text_of(body)
