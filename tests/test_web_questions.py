"""The question bank in the web panel over real HTTP (issue 7): the form for every kind with
errors next to fields, a picture, the list's filters, who may edit, import with per-line
errors, export and the template."""

from __future__ import annotations

import io
import re

from aiohttp import FormData
from openpyxl import load_workbook
from PIL import Image

from core.deps import Deps
from core.models.testing import Question
from tests.lesson_factories import LessonCentre, make_lesson_centre
from tests.test_question_formats import TWENTY
from tests.web import Panel, open_panel, text_of


def multipart(panel: Panel, fields: dict[str, str], **files: tuple[str, bytes]) -> FormData:
    form = FormData()
    for name, value in {**fields, "csrf_token": panel.csrf}.items():
        form.add_field(name, value)
    for name, (filename, data) in files.items():
        form.add_field(name, data, filename=filename)
    return form


def picture() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "blue").save(out, format="JPEG")
    return out.getvalue()


async def check_others_cannot_edit(
    deps: Deps, centre: LessonCentre, question_id: int, form: dict[str, str]
) -> None:
    """A colleague reads the question but cannot change it; a student never sees the bank."""
    async with open_panel(deps) as colleague:
        await colleague.sign_in(centre.login(centre.substitute))
        response, body = await colleague.get(f"/questions/{question_id}")
        assert response.status == 200 and "Only the author of this question" in text_of(body)
        assert ">Save<" not in body
        response, _ = await colleague.post(f"/questions/{question_id}", form)
        assert response.status == 403
        response, _ = await colleague.post(f"/questions/{question_id}/archive")
        assert response.status == 403
    async with open_panel(deps) as student:
        await student.sign_in(centre.login(centre.students[0]))
        response, _ = await student.get("/questions")
        assert response.status == 403


async def test_a_teacher_writes_finds_edits_and_archives_questions(deps: Deps, panel: Panel):
    centre = await make_lesson_centre(deps)
    assert (await panel.sign_in(centre.login(centre.teacher))).status == 200
    response, body = await panel.get("/questions")
    assert response.status == 200 and "No questions match these filters." in text_of(body)

    await panel.get("/questions/new")
    typed = {
        "kind": "single",
        "topic": "Уравнения",
        "course": str(centre.course_id),
        "points": "2",
        "text_kk": "2x = 6 болса, x неге тең?",
        "text_ru": "Чему равен x, если 2x = 6?",
        "option_0_ru": "3",
        "option_1_ru": "4",
        "option_2_ru": "12",
    }
    # No option ticked: the error stands by the options and everything typed stays.
    response, body = await panel.post("/questions/new", typed)
    assert response.status == 400
    assert 'data-field="options">Mark the correct option.' in body
    assert "2x = 6 болса, x неге тең?" in body and 'value="12"' in body
    assert not await Question.exists()

    response, body = await panel.post(
        "/questions/new",
        multipart(panel, {**typed, "correct": "0"}, image=("схема.jpg", picture())),
    )
    assert response.status == 200 and "The question is saved." in text_of(body)
    question_id = int(re.search(r"/questions/(\d+)/image", body).group(1))  # type: ignore[union-attr]
    image = await panel.client.get(f"/questions/{question_id}/image")
    assert image.status == 200 and image.content_type == "image/png"
    assert (await image.read()).startswith(b"\x89PNG")

    # A matching question; a pair with one side only is an error by the pairs.
    pairs = {
        "kind": "matching",
        "text_ru": "Сопоставьте",
        "pair_0_left_ru": "1/2",
        "pair_0_right_ru": "0,5",
        "pair_1_left_ru": "1/4",
    }
    response, body = await panel.post("/questions/new", pairs)
    assert response.status == 400 and 'data-field="pairs">' in body
    response, body = await panel.post("/questions/new", {**pairs, "pair_1_right_ru": "0,25"})
    assert response.status == 200 and "The question is saved." in text_of(body)

    response, body = await panel.get("/questions?kind=single&q=РАВЕН")
    page = text_of(body)
    assert "1 question found" in page and "Чему равен x, если 2x = 6?" in page
    assert "Уравнения (1)" in page and "picture" in page

    # Editing: the new text is saved, the picture removed.
    edited = {
        **typed,
        "correct": "0",
        "text_ru": "Чему равен x, если 2x = 8?",
        "option_0_ru": "4",
        "option_1_ru": "3",
        "remove_image": "1",
    }
    response, body = await panel.post(f"/questions/{question_id}", edited)
    assert response.status == 200 and "2x = 8" in body and "/image" not in body
    stored = await Question.get(id=question_id)
    assert (stored.text["ru"], stored.points, stored.image_key) == (
        "Чему равен x, если 2x = 8?",
        2,
        "",
    )
    assert stored.body["options"][0] == {"text": {"ru": "4"}, "correct": True}

    await check_others_cannot_edit(deps, centre, question_id, edited)

    response, body = await panel.post(f"/questions/{question_id}/archive")
    assert "The question is archived" in text_of(body)
    _, body = await panel.get("/questions?kind=single")
    assert "0 questions found" in text_of(body)
    _, body = await panel.get("/questions?kind=single&archived=1")
    assert "Чему равен x, если 2x = 8?" in text_of(body)


async def test_questions_are_imported_and_exported_through_the_panel(deps: Deps, panel: Panel):
    centre = await make_lesson_centre(deps)
    await panel.sign_in(centre.login(centre.teacher))
    await panel.get("/questions/import")

    broken = TWENTY.replace("{#1..5}", "{#5..1}").replace("{T}", "{}")
    response, body = await panel.post(
        "/questions/import",
        multipart(
            panel, {"format": "gift", "language": "ru"}, file=("moodle.txt", broken.encode())
        ),
    )
    page = text_of(body)
    assert response.status == 400
    assert "Nothing was imported: 2 rows need fixing." in page
    assert "Line What to fix" in page
    assert "13 Essay questions ({}) are not supported" in page
    assert "“5..1” is not a range of numbers" in page
    assert not await Question.exists()

    response, body = await panel.post(
        "/questions/import",
        multipart(
            panel,
            {"format": "gift", "language": "ru", "course": str(centre.course_id), "topic": ""},
            file=("moodle.txt", TWENTY.encode()),
        ),
    )
    assert response.status == 200 and "Imported 20 questions." in text_of(body)
    assert "20 questions found" in text_of(body)
    assert await Question.filter(course_id=centre.course_id).count() == 20

    _, body = await panel.get("/questions/export?topic=Дроби")
    rows = {
        format_: text_of(body.split(f'id="format-{format_}">')[1].split("</tr>")[0])
        for format_ in ("xlsx", "aiken", "gift")
    }
    assert "Excel workbook (.xlsx) 10 Download" in rows["xlsx"]
    assert "4 (6 left out" in rows["aiken"]
    assert "GIFT text (Moodle) 10 Download" in rows["gift"]

    exported = await panel.client.get("/questions/export?topic=Дроби&format=gift&language=ru")
    assert exported.status == 200
    assert exported.headers["X-Questions-Exported"] == "10"
    assert "attachment" in exported.headers["Content-Disposition"]
    gift = await exported.text()
    assert "$CATEGORY: Дроби" in gift and "Уравнения" not in gift

    template = await panel.client.get("/questions/template.xlsx")
    assert template.status == 200
    sheet = load_workbook(io.BytesIO(await template.read())).worksheets[0]
    assert sheet.max_row == 9  # the header and an example row per kind
