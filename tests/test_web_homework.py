"""Homework, the gradebook, terms and plans in the web panel over real HTTP (issue 5)."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime

import aiohttp
from openpyxl import load_workbook

from core.deps import Deps
from core.models.lessons import Grade, Homework, HomeworkFile, PlanItem, Term
from core.services.grades import GradeKind, create_term, give_grade
from core.services.homework import Upload, hand_in, set_homework
from tests.test_homework import EXE, GROUP, PDF, Classroom, local, make_classroom
from tests.web import Panel, text_of


async def signed_in(panel: Panel, login: str) -> None:
    response = await panel.sign_in(login)
    assert response.status == 200


async def post_homework(
    panel: Panel, lesson_id: int, text: str, due: str, files: list[tuple[str, bytes]]
) -> tuple[aiohttp.ClientResponse, str]:
    await panel.get(f"/lessons/{lesson_id}/homework")
    # As a browser sends it: the file name as UTF-8, not percent-encoded as aiohttp would.
    form = aiohttp.FormData(quote_fields=False)
    form.add_field("csrf_token", panel.csrf)
    form.add_field("text", text)
    form.add_field("due", due)
    for name, data in files:
        form.add_field("files", io.BytesIO(data), filename=name)
    return await panel.post(f"/lessons/{lesson_id}/homework", form)


async def test_a_teacher_sets_homework_with_files_in_the_panel(deps: Deps, panel: Panel):
    room = await make_classroom(deps)
    await signed_in(panel, "teacher@bilim.kz")

    response, body = await post_homework(
        panel, room.lesson_id, "§7 оқу, 3-жаттығу", "2026-09-03T18:00", [("Тапсырма.pdf", PDF)]
    )

    assert response.status == 200
    page = text_of(body)
    assert "The homework is saved." in page
    assert "§7 оқу, 3-жаттығу" in page
    assert "03.09.2026 18:00" in page
    assert "Тапсырма.pdf" in page
    homework = await Homework.get(lesson_id=room.lesson_id)
    assert homework.due_at == datetime(2026, 9, 3, 13, 0, tzinfo=UTC)
    assert response.url.path == f"/homework/{homework.id}"

    # The form opens again with what was set, for editing.
    _, form = await panel.get(f"/lessons/{room.lesson_id}/homework")
    assert 'value="2026-09-03T18:00"' in form


async def test_a_forbidden_file_or_a_bad_due_time_is_refused_and_nothing_is_stored(
    deps: Deps, panel: Panel
):
    room = await make_classroom(deps)
    await signed_in(panel, "teacher@bilim.kz")

    response, body = await post_homework(
        panel, room.lesson_id, "Бағдарлама", "", [("ok.pdf", PDF), ("run.exe", EXE)]
    )
    assert response.status == 400
    assert "The file run.exe cannot be sent" in text_of(body)
    assert "Бағдарлама" in body  # what was typed is kept
    response, body = await post_homework(panel, room.lesson_id, "Ерте", "2026-09-01T09:00", [])
    assert response.status == 400
    assert "The homework must be due after the lesson starts." in text_of(body)
    response, body = await post_homework(panel, room.lesson_id, "Бос күн", "ертең", [])
    assert response.status == 400
    assert "“ертең” is not a date and time." in text_of(body)
    assert await Homework.all().count() == 0
    assert await HomeworkFile.all().count() == 0


async def test_the_teacher_reviews_an_answer_and_downloads_its_file(deps: Deps, panel: Panel):
    room = await make_classroom(deps)
    homework = await set_homework(
        deps, room.teacher, lesson_id=room.lesson_id, text="Эссе", due_at=local("03.09 18:00")
    )
    handed = await hand_in(
        deps, room.aigerim, homework_id=homework.id, text="Міне", uploads=[Upload("эссе.pdf", PDF)]
    )
    assert handed.submission is not None
    await signed_in(panel, "teacher@bilim.kz")

    response, body = await panel.get(f"/homework/{homework.id}")
    assert response.status == 200
    page = text_of(body)
    assert "Омарова Айгерім Handed in" in page
    assert "Сейітов Нұрлан Not handed in" in page

    file_id = handed.submission.files[0].id
    download = await panel.client.get(f"/homework/files/{file_id}")
    assert download.status == 200
    assert await download.read() == PDF
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert "%D1%8D%D1%81%D1%81%D0%B5.pdf" in download.headers["Content-Disposition"]

    response, body = await panel.post(
        f"/submissions/{handed.submission.id}/review",
        {"homework_id": str(homework.id), "comment": "Жақсы", "grade": "7", "action": "review"},
    )
    assert response.status == 400
    assert "“7” is not a grade on the 5-point scale: give 2, 3, 4 or 5." in text_of(body)
    response, body = await panel.post(
        f"/submissions/{handed.submission.id}/review",
        {"homework_id": str(homework.id), "comment": "Жақсы", "grade": "5", "action": "review"},
    )
    assert "The answer of Омарова Айгерім is reviewed." in text_of(body)
    assert "Grade: 5" in text_of(body)
    (grade,) = await Grade.all()
    assert (grade.kind, grade.value) == (GradeKind.HOMEWORK, "5")


async def test_another_groups_teacher_cannot_open_the_homework_or_its_files(
    deps: Deps, panel: Panel
):
    room = await make_classroom(deps)
    homework = await set_homework(
        deps,
        room.teacher,
        lesson_id=room.lesson_id,
        text="Жасырын",
        due_at=None,
        uploads=[Upload("task.pdf", PDF)],
    )
    await signed_in(panel, "kim@bilim.kz")

    response, _ = await panel.get(f"/homework/{homework.id}")
    assert response.status == 403
    response, _ = await panel.get(f"/lessons/{room.lesson_id}/homework")
    assert response.status == 403
    response, _ = await panel.get("/homework/files/999999")
    assert response.status == 404


async def _graded(deps: Deps, room: Classroom, clock) -> int:
    term = await create_term(
        deps, room.admin, name="1-тоқсан", starts_on=date(2026, 9, 1), ends_on=date(2026, 10, 31)
    )
    clock.current = datetime(2026, 10, 1, 6, 0, tzinfo=UTC)
    for student, kind, value, day in (
        (room.aigerim, GradeKind.CLASSWORK, "5", 2),
        (room.aigerim, GradeKind.CLASSWORK, "4", 2),
        (room.aigerim, GradeKind.TEST, "3", 4),
        (room.nurlan, GradeKind.EXAM, "4", 4),
    ):
        await give_grade(
            deps,
            room.teacher,
            group_id=room.group_id,
            student_id=student.person_id,
            kind=kind,
            value=value,
            given_on=date(2026, 9, day),
        )
    return term.id


def _row(body: str, student_id: int) -> list[str]:
    match = re.search(rf'<tr id="student-{student_id}">(.*?)</tr>', body, re.S)
    assert match, f"no row for {student_id}"
    return [
        text_of(cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", match.group(1), re.S)
    ]


async def test_the_gradebook_page_gives_grades_and_exports_to_excel(
    deps: Deps, panel: Panel, clock
):
    room = await make_classroom(deps)
    term_id = await _graded(deps, room, clock)
    await signed_in(panel, "teacher@bilim.kz")

    response, body = await panel.get(f"/groups/{room.group_id}/gradebook")
    assert response.status == 200
    assert f"Gradebook of {GROUP}" in text_of(body)
    # Aigerim: classwork 5, 4 (900) and test 3 (600, weight 2): (900 + 1200) ÷ 3 = 700 → 3.50,
    # final 4. Nurlan: exam 4 → 4.00, final 4.
    assert _row(body, room.aigerim.person_id) == ["Омарова Айгерім", "5 4", "3", "3.50", "4"]
    assert _row(body, room.nurlan.person_id) == ["Сейітов Нұрлан", "", "4", "4.00", "4"]
    assert _row(body, room.yerlan.person_id) == ["Тоқаев Ерлан", "", "", "—", "—"]

    response, body = await panel.post(
        f"/groups/{room.group_id}/grades",
        {"student_id": str(room.yerlan.person_id), "kind": "test", "value": "6", "given_on": ""},
    )
    assert response.status == 400
    assert "give 2, 3, 4 or 5" in text_of(body)
    assert await Grade.filter(student_id=room.yerlan.person_id).count() == 0
    response, body = await panel.post(
        f"/groups/{room.group_id}/grades",
        {
            "student_id": str(room.yerlan.person_id),
            "kind": "test",
            "value": "5",
            "given_on": "2026-09-04",
            "back": f"term={term_id}",
        },
    )
    assert "The grade of Тоқаев Ерлан is saved." in text_of(body)
    assert _row(body, room.yerlan.person_id) == ["Тоқаев Ерлан", "", "5", "5.00", "5"]

    export = await panel.client.get(f"/groups/{room.group_id}/gradebook.xlsx?term={term_id}")
    assert export.status == 200
    assert export.headers["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(await export.read())).active
    assert sheet is not None
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    # 2 September had two grades for one student: two columns, each holding a number.
    assert rows[0] == [
        "Student",
        "02.09.2026",
        "02.09.2026",
        "04.09.2026",
        "Average",
        "Final grade",
    ]
    assert rows[1] == ["Омарова Айгерім", 5, 4, 3, 3.5, 4]
    assert rows[2] == ["Сейітов Нұрлан", None, None, 4, 4.0, 4]
    assert rows[3] == ["Тоқаев Ерлан", None, None, 5, 5.0, 5]


async def test_a_bad_period_in_the_address_shows_the_default_one_with_a_message(
    deps: Deps, panel: Panel
):
    room = await make_classroom(deps)
    await signed_in(panel, "teacher@bilim.kz")

    response, body = await panel.get(
        f"/groups/{room.group_id}/gradebook?from=2026-09-30&to=2026-09-01"
    )

    assert response.status == 400
    assert "The period cannot end before it starts." in text_of(body)
    assert 'id="gradebook"' in body


async def test_terms_are_managed_under_the_organisation(deps: Deps, panel: Panel):
    await make_classroom(deps)
    await signed_in(panel, "admin@bilim.kz")

    _, body = await panel.post(
        "/terms", {"name": "1-тоқсан", "starts_on": "2026-09-01", "ends_on": "2026-10-31"}
    )
    assert "The term “1-тоқсан” is added." in text_of(body)
    response, body = await panel.post(
        "/terms", {"name": "2-тоқсан", "starts_on": "2026-10-20", "ends_on": "2026-12-28"}
    )
    assert response.status == 409
    assert "These dates overlap the term “1-тоқсан” (01.09.2026 – 31.10.2026)." in text_of(body)
    assert await Term.all().count() == 1

    teacher = Panel(panel.client)
    await panel.post("/logout")
    await signed_in(teacher, "teacher@bilim.kz")
    response, body = await teacher.get("/terms")
    assert response.status == 200
    assert "1-тоқсан" in text_of(body)
    assert 'action="/terms"' not in body
    response, _ = await teacher.post(
        "/terms", {"name": "Жаз", "starts_on": "2027-06-01", "ends_on": "2027-08-31"}
    )
    assert response.status == 403


async def test_the_plan_page_edits_goals_and_refuses_bad_input(deps: Deps, panel: Panel):
    room = await make_classroom(deps)
    await signed_in(panel, "teacher@bilim.kz")
    student = room.aigerim.person_id

    response, body = await panel.post(
        f"/people/{student}/plan",
        {"title": "Геометрия", "topics": "", "target_on": "2026-12-01", "progress": "150"},
    )
    assert response.status == 400
    assert "Progress is a percentage from 0 to 100." in text_of(body)
    assert await PlanItem.all().count() == 0
    _, body = await panel.post(
        f"/people/{student}/plan",
        {
            "title": "Геометрия",
            "topics": "Үшбұрыштар",
            "target_on": "2026-12-01",
            "progress": "20",
        },
    )
    assert "The goal is added to the plan." in text_of(body)
    item = await PlanItem.get()
    _, body = await panel.post(
        f"/plan-items/{item.id}",
        {
            "student_id": str(student),
            "title": "Геометрия",
            "topics": "Үшбұрыштар",
            "target_on": "2026-12-01",
            "progress": "55",
        },
    )
    assert 'value="55"' in body
    assert (await PlanItem.get()).progress == 55

    other = Panel(panel.client)
    await panel.post("/logout")
    await signed_in(other, "kim@bilim.kz")
    response, _ = await other.get(f"/people/{student}/plan")
    assert response.status == 404
