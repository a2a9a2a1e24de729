"""Career profiles, reports per class and school, and the Excel import of mock exam results
(issue 9): who opens a profile, screenings for psychologists only, small groups hidden, and
the import's preview and all-or-nothing rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from core.actor import Actor
from core.career.inventory import items
from core.clock import FrozenClock
from core.deps import Deps
from core.errors import ImportRejected, InvalidInput, NotFound, PermissionDenied
from core.models.career import MockExamResult
from core.models.people import Person
from core.services.academics import CourseData, GroupData, create_course, create_group
from core.services.academics import enrol_student as enrol
from core.services.career import answer_item as answer_inventory
from core.services.career import form_for, start_inventory
from core.services.career_profiles import Hidden, career_report, student_profile
from core.services.mock_exams import add_result
from core.services.mock_imports import (
    build_template,
    import_mock_results,
    preview_mock_import,
)
from core.services.people import PersonData, Role, archive_person, update_person
from core.services.screenings import answer_screening, assign_screening
from tests.factories import make_member, make_organisation, make_student
from tests.web import Panel, text_of

ENT_95 = {
    "history_kz": 15,
    "math_literacy": 8,
    "reading_literacy": 7,
    "profile_1": 35,
    "profile_2": 30,
}
AUTUMN = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)


@dataclass(frozen=True)
class School:
    system: Actor
    admin: Actor
    counsellor: Actor
    psychologist: Actor
    teacher: Actor
    accountant: Actor


@pytest.fixture
async def school(deps: Deps, clock: FrozenClock) -> School:
    clock.current = AUTUMN
    system = await make_organisation(deps, name="№12 мектеп-гимназия")
    return School(
        system=system,
        admin=await make_member(deps, system, Role.ADMIN, login="admin@school.kz"),
        counsellor=await make_member(
            deps, system, Role.CAREER_COUNSELLOR, login="counsellor@school.kz"
        ),
        psychologist=await make_member(
            deps, system, Role.PSYCHOLOGIST, login="psychologist@school.kz"
        ),
        teacher=await make_member(deps, system, Role.TEACHER, login="teacher@school.kz"),
        accountant=await make_member(deps, system, Role.ACCOUNTANT),
    )


async def make_class(deps: Deps, school: School, name: str, teacher: Actor | None = None) -> int:
    course = await create_course(
        deps, school.admin, data=CourseData(name_ru="Кәсіп", name_kk="Кәсіп")
    )
    card = await create_group(
        deps,
        school.admin,
        data=GroupData(
            course_id=course.id,
            name=name,
            capacity=30,
            teacher_ids=(teacher.person_id or 0,) if teacher else (),
        ),
    )
    return card.id


async def pupils(deps: Deps, school: School, group_id: int, count: int) -> list[Actor]:
    found = []
    for number in range(count):
        student = await make_member(
            deps, school.system, Role.STUDENT, first_name=f"Оқушы{group_id}-{number}"
        )
        await enrol(deps, school.admin, group_id=group_id, student_id=student.person_id or 0)
        found.append(student)
    return found


async def take_inventory(deps: Deps, student: Actor, top: str, grade: int = 8) -> None:
    """Finish the short inventory liking only the items of ``top`` (so the code starts so)."""
    attempt = await start_inventory(deps, student, grade=grade)
    for question in items(form_for(grade)):
        await answer_inventory(
            deps,
            student,
            attempt_id=attempt.id,
            item_id=question.id,
            value=5 if question.type == top else 1,
        )


async def ent(deps: Deps, school: School, student: Actor, taken_on: date, total: int) -> None:
    """A mock ENT whose total is ``total`` (moved in the first profile subject)."""
    scores = {**ENT_95, "profile_1": 35 + total - 95}
    await add_result(
        deps,
        school.counsellor,
        student_id=student.person_id or 0,
        kind="ent",
        taken_on=taken_on,
        sections=scores,
        pair_id="math_phys",
    )


async def finished_gad7(deps: Deps, school: School, student: Actor) -> None:
    await update_person(
        deps,
        school.admin,
        person_id=student.person_id or 0,
        data=PersonData(last_name="Сейітова", first_name="Әсел", birth_date=date(2011, 2, 3)),
    )
    (assignment_id,) = (
        await assign_screening(
            deps,
            school.psychologist,
            instrument_id="gad7",
            person_id=student.person_id,
            parental_consent=True,
        )
    ).assigned
    for number in range(1, 8):
        await answer_screening(deps, student, assignment_id=assignment_id, item=number, value=2)


# --- the profile ------------------------------------------------------------------------------


async def test_a_profile_gathers_the_years_and_only_the_psychologist_sees_screenings(
    deps: Deps, school: School
):
    group_id = await make_class(deps, school, "9А")
    (aigerim,) = await pupils(deps, school, group_id, 1)
    await take_inventory(deps, aigerim, "A", grade=7)
    await take_inventory(deps, aigerim, "I", grade=8)
    await ent(deps, school, aigerim, date(2026, 3, 1), 80)
    await ent(deps, school, aigerim, date(2026, 10, 1), 95)
    await finished_gad7(deps, school, aigerim)
    student_id = aigerim.person_id or 0

    seen = await student_profile(deps, school.counsellor, student_id=student_id)
    assert [(row.grade, row.code[0]) for row in seen.attempts] == [(7, "A"), (8, "I")]
    assert seen.attempts[1].levels_milli["I"] == 7000
    assert seen.recommendation is not None and seen.recommendation.clear
    assert [result.total for result in seen.results] == [95, 80]
    assert seen.screenings is None
    assert (await student_profile(deps, school.admin, student_id=student_id)).screenings is None

    by_psychologist = await student_profile(deps, school.psychologist, student_id=student_id)
    (screening,) = by_psychologist.screenings or ()
    assert (screening.instrument, screening.band) == ("GAD-7", "moderate")


async def test_a_teacher_opens_only_their_groups_students(deps: Deps, school: School):
    other_teacher = await make_member(deps, school.system, Role.TEACHER)
    mine = await make_class(deps, school, "9А", teacher=school.teacher)
    theirs = await make_class(deps, school, "9Ә", teacher=other_teacher)
    (dana,) = await pupils(deps, school, mine, 1)
    (bek,) = await pupils(deps, school, theirs, 1)
    elsewhere = await make_member(deps, await make_organisation(deps), Role.CAREER_COUNSELLOR)

    profile = await student_profile(deps, school.teacher, student_id=dana.person_id or 0)
    assert profile.screenings is None
    for actor, student in (
        (school.teacher, bek),  # a teacher of another group
        (school.accountant, dana),
        (dana, dana),  # the student reads their results in the bot
        (elsewhere, dana),
    ):
        with pytest.raises(NotFound):
            await student_profile(deps, actor, student_id=student.person_id or 0)
    with pytest.raises(NotFound):  # not a student at all
        await student_profile(deps, school.admin, student_id=school.teacher.person_id or 0)


# --- reports ---------------------------------------------------------------------------------


async def test_a_class_of_five_shows_its_figures_and_one_of_four_shows_nothing(
    deps: Deps, school: School
):
    five = await make_class(deps, school, "10А")
    students = await pupils(deps, school, five, 5)
    for student, letter in zip(students, "RRISC", strict=True):
        await take_inventory(deps, student, letter)
    for number, student in enumerate(students):
        await ent(deps, school, student, date(2026, 5, 10), 80 + number)  # spring: mean 82
        await ent(deps, school, student, date(2026, 9, 1), 60)  # autumn, replaced below
        await ent(deps, school, student, date(2026, 10, 1), 90 + number)  # autumn: mean 92

    report = await career_report(deps, school.counsellor)
    assert (report.term.starts_on, report.previous.starts_on) == (
        date(2026, 9, 1),
        date(2026, 1, 1),
    )
    (row,) = report.classes
    expected = (5, 5, (2, 1, 0, 1, 0, 1), 920, 100)
    assert (
        row.figures.students,
        row.figures.took,
        row.figures.letters,
        row.figures.ent_mean,
        row.figures.ent_change,
    ) == expected
    assert report.organisation.figures == row.figures

    await archive_person(deps, school.admin, person_id=students[0].person_id or 0)
    report = await career_report(deps, school.counsellor)
    assert set(vars(report.classes[0].figures).values()) == {Hidden.FEW}
    assert set(vars(report.organisation.figures).values()) == {Hidden.FEW}


async def test_the_school_total_does_not_give_away_a_small_class(deps: Deps, school: School):
    small = await make_class(deps, school, "11А")
    other = await make_class(deps, school, "11Ә")
    for student in (*await pupils(deps, school, small, 4), *await pupils(deps, school, other, 6)):
        await take_inventory(deps, student, "S")

    report = await career_report(deps, school.counsellor)
    rows = {row.name: row.figures for row in report.classes}
    assert set(vars(rows["11А"]).values()) == {Hidden.FEW}
    # The school's 10 minus the single other class would give 11А away: that is hidden too.
    assert (rows["11Ә"].students, rows["11Ә"].took, rows["11Ә"].letters) == (
        Hidden.COMPLEMENT,
        Hidden.COMPLEMENT,
        Hidden.COMPLEMENT,
    )
    school_figures = report.organisation.figures
    assert (school_figures.students, school_figures.letters) == (10, (0, 0, 0, 10, 0, 0))

    # With a third class that took no inventory, its letters hide themselves, so 11Ә shows
    # its own; its size stays hidden as the smallest other class showing one.
    await pupils(deps, school, await make_class(deps, school, "11Б"), 7)
    report = await career_report(deps, school.counsellor)
    rows = {row.name: row.figures for row in report.classes}
    assert (rows["11Ә"].students, rows["11Ә"].letters) == (Hidden.COMPLEMENT, (0, 0, 0, 6, 0, 0))
    assert (rows["11Б"].students, rows["11Б"].took, rows["11Б"].letters) == (7, 0, Hidden.FEW)


async def test_only_counsellors_psychologists_and_admins_read_reports(deps: Deps, school: School):
    for actor in (school.counsellor, school.psychologist, school.admin):
        await career_report(deps, actor)
    for actor in (school.teacher, school.accountant):
        with pytest.raises(PermissionDenied):
            await career_report(deps, actor)


# --- the import -----------------------------------------------------------------------------


def workbook(rows: list[list[object]], language: str = "en") -> bytes:
    """The downloadable template with ``rows`` filled in below its header."""
    book = load_workbook(BytesIO(build_template(language)))
    sheet = book.worksheets[0]
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


ENT_CELLS = [15, 8, 7, 35, 30]


async def roster(deps: Deps, school: School) -> tuple[int, str, int]:
    group_id = await make_class(deps, school, "11В")
    by_iin = await make_student(deps, school.admin, "Омаров", "Нұрлан")
    by_name = await make_student(deps, school.admin, "Қасымова", "Әйгерім")
    for student_id in (by_iin, by_name):
        await enrol(deps, school.admin, group_id=group_id, student_id=student_id)
    person = await Person.get(id=by_iin)
    return by_iin, person.iin or "", by_name


async def test_every_row_valid_imports_all_by_iin_or_by_name_and_group(deps: Deps, school: School):
    by_iin, iin, by_name = await roster(deps, school)
    data = workbook(
        [
            [iin, "", "", "", "ЕНТ", "15.10.2026", "", *ENT_CELLS, "Математика + Физика"],
            ["", "ҚАСЫМОВА", "Әйгерім", "11в", "IELTS", date(2026, 10, 2), "6.5"],
            [iin, "", "", "", "sat", "2026-10-03", 1350],
        ]
    )
    preview = await preview_mock_import(deps, school.teacher, data=data)
    assert preview.valid
    assert [(row.student, row.score) for row in preview.rows] == [
        ("Омаров Нұрлан", "95"),
        ("Қасымова Әйгерім", "6.5"),
        ("Омаров Нұрлан", "1350"),
    ]
    assert await MockExamResult.all().count() == 0  # a preview writes nothing

    assert await import_mock_results(deps, school.teacher, data=data, filename="8.xlsx") == 3
    stored = await MockExamResult.all().order_by("id").values_list("person_id", "kind", "total")
    assert stored == [(by_iin, "ent", 95), (by_name, "ielts", 65), (by_iin, "sat", 1350)]


async def test_a_bad_row_is_named_in_the_users_language_and_nothing_is_written(
    deps: Deps, school: School
):
    _, iin, _ = await roster(deps, school)
    data = workbook(
        [
            [iin, "", "", "", "SAT", "01.10.2026", 1350],
            ["000000000000", "", "", "", "SAT", "01.10.2026", 1200],
            ["", "Қасымова", "Әйгерім", "11А", "NUET", "01.10.2026", 100],
            [iin, "", "", "", "GRE", "01.10.2026", 100],
            [iin, "", "", "", "IELTS", "01.12.2026", "6.3"],
            [iin, "", "", "", "ENT", "01.10.2026", "", 15, 8, 7, 35],
            [iin, "", "", "", "SAT", "01.10.2026", 1350],
        ]
    )
    preview = await preview_mock_import(deps, school.counsellor, data=data)
    problems = {row.row: [p.translated("ru") for p in row.problems] for row in preview.rows}
    assert problems[2] == []
    assert problems[3] == ["Нет ученика этой организации с ИИН 000000000000."]
    assert problems[4] == ["Нет ученика Қасымова Әйгерім в группе 11А."]
    assert problems[5] == ["Выберите экзамен: ЕНТ, NUET, SAT или IELTS."]
    assert problems[6] == [
        "Дата экзамена не может быть в будущем.",
        "Балл IELTS — от 0 до 9 с шагом 0,5.",
    ]
    assert problems[7] == ["В результате ЕНТ нет балла по разделу «Профильный предмет 2»."]
    assert problems[8] == ["Тот же ученик, экзамен и дата уже есть в строке 2."]

    with pytest.raises(ImportRejected) as rejected:
        await import_mock_results(deps, school.counsellor, data=data, filename="bad.xlsx")
    assert sorted({problem.row for problem in rejected.value.problems}) == [3, 4, 5, 6, 7, 8]
    assert await MockExamResult.all().count() == 0


async def test_the_import_refuses_other_files_and_people_without_the_permission(
    deps: Deps, school: School
):
    with pytest.raises(InvalidInput) as refused:
        await preview_mock_import(deps, school.counsellor, data=b"IIN;Exam\n1;2\n")
    assert refused.value.field == "file"
    with pytest.raises(InvalidInput):  # nothing below the header
        await preview_mock_import(deps, school.counsellor, data=workbook([]))
    with pytest.raises(InvalidInput, match="larger than 1 MB"):
        await preview_mock_import(deps, school.counsellor, data=b"PK\x03\x04" + bytes(2**20))
    with pytest.raises(PermissionDenied):
        await preview_mock_import(deps, school.accountant, data=workbook([]))


async def test_a_kazakh_template_is_read_and_a_row_of_spaces_is_no_row(deps: Deps, school: School):
    _, iin, _ = await roster(deps, school)
    # The Kazakh template names the exam and each ENT section in Kazakh.
    data = workbook(
        [
            ["   ", "", " ", "", "  "],
            [iin, "", "", "", "ҰБТ", "15.10.2026", "", *ENT_CELLS, "Математика + Физика"],
        ],
        language="kk",
    )
    preview = await preview_mock_import(deps, school.counsellor, data=data)
    assert preview.valid
    assert [(row.row, row.student, row.score) for row in preview.rows] == [
        (3, "Омаров Нұрлан", "95")
    ]


async def test_every_missing_required_column_is_named_in_all_three_languages(
    deps: Deps, school: School
):
    book = Workbook()
    book.active.append(["ИИН", "Результат*"])
    book.active.append(["123456789012", 1200])
    buffer = BytesIO()
    book.save(buffer)
    with pytest.raises(InvalidInput) as refused:
        await preview_mock_import(deps, school.counsellor, data=buffer.getvalue())
    assert refused.value.translated("ru") == (
        "Нет обязательных столбцов: “Емтихан / Экзамен / Exam”, “Күні / Дата / Date”. "
        "Используйте столбцы шаблона."
    )
    assert await MockExamResult.all().count() == 0


# --- the panel ----------------------------------------------------------------------------------


async def test_the_panel_profile_shows_charts_results_and_screenings_to_the_psychologist(
    deps: Deps, school: School, panel: Panel
):
    group_id = await make_class(deps, school, "9А")
    (aigerim,) = await pupils(deps, school, group_id, 1)
    await take_inventory(deps, aigerim, "S")
    await ent(deps, school, aigerim, date(2026, 10, 1), 95)
    await finished_gad7(deps, school, aigerim)
    address = f"/career/students/{aigerim.person_id}"

    await panel.sign_in("counsellor@school.kz")
    _, card = await panel.get(f"/people/{aigerim.person_id}")
    assert address in card
    response, body = await panel.get(address)
    page = text_of(body)
    assert response.status == 200
    assert body.count("<svg") == 2  # the six levels and the ENT
    assert "Interest levels by attempt" in page and "ENT: total over time" in page
    assert "Lowest total for a university (draft): 50" in page
    assert "ENT: 95" in page
    assert "GAD-7" not in page and "Screenings" not in page

    await panel.post("/logout")
    await panel.sign_in("psychologist@school.kz")
    _, body = await panel.get(address)
    assert "GAD-7" in text_of(body) and "Moderate" in text_of(body)

    await panel.post("/logout")
    await panel.sign_in("teacher@school.kz")  # teaches no group of hers
    response, _ = await panel.get(address)
    assert response.status == 404
    # ... and no page links to a profile the reader cannot open.
    for page_address in ("/mock-exams", f"/mock-exams/{aigerim.person_id}"):
        response, body = await panel.get(page_address)
        assert response.status == 200, page_address
        assert address not in body, page_address


async def test_the_panel_report_and_its_export_hide_a_class_of_four(
    deps: Deps, school: School, panel: Panel
):
    four = await make_class(deps, school, "7А")
    five = await make_class(deps, school, "7Ә")
    for student in (*await pupils(deps, school, four, 4), *await pupils(deps, school, five, 5)):
        await take_inventory(deps, student, "E")
    await panel.sign_in("counsellor@school.kz")
    response, body = await panel.get("/career/reports")
    page = text_of(body)
    assert response.status == 200
    assert "7А fewer than 5 7Ә hidden too hidden too hidden too" in page
    assert "Whole organisation 9 9 0 0 0 0 9 0 fewer than 5 fewer than 5" in page

    response, _ = await panel.get("/career/reports.xlsx")
    assert response.status == 200
    sheet = load_workbook(BytesIO(await response.read())).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert rows[0][0] == "7А" and set(rows[0][1:]) == {"fewer than 5"}
    assert rows[1][:4] == ["7Ә", "hidden too", "hidden too", "hidden too"]
    assert rows[2] == ["Whole organisation", 9, 9, 0, 0, 0, 0, 9, 0, *["fewer than 5"] * 2]


async def test_the_panel_import_previews_then_imports(deps: Deps, school: School, panel: Panel):
    _, iin, _ = await roster(deps, school)
    await panel.sign_in("counsellor@school.kz")
    response, _ = await panel.get("/mock-exams/import/template.xlsx")
    header = next(load_workbook(BytesIO(await response.read())).worksheets[0].values)
    assert header[:7] == ("IIN", "Last name", "First name", "Group", "Exam*", "Date*", "Score")
    assert "History of Kazakhstan" in header
    await panel.get("/mock-exams/import")

    bad = workbook([[iin, "", "", "", "SAT", "01.10.2026", 1355]])
    _, body = await panel.post("/mock-exams/import", data=_upload(panel, bad))
    page = text_of(body)
    assert "A SAT score is a whole number from 400 to 1600 in steps of 10." in page
    assert 'name="payload"' not in body

    good = workbook([[iin, "", "", "", "SAT", "01.10.2026", 1350]])
    _, body = await panel.post("/mock-exams/import", data=_upload(panel, good))
    assert "Омаров Нұрлан" in text_of(body)
    assert await MockExamResult.all().count() == 0
    payload = body.split('name="payload" value="', 1)[1].split('"', 1)[0]
    _, body = await panel.post(
        "/mock-exams/import/commit", {"payload": payload, "filename": "good.xlsx"}
    )
    assert "Imported 1 mock exam results." in text_of(body)
    assert await MockExamResult.all().values_list("total", flat=True) == [1350]


def _upload(panel: Panel, data: bytes) -> object:
    from aiohttp import FormData

    form = FormData()
    form.add_field("csrf_token", panel.csrf)
    form.add_field("file", data, filename="results.xlsx")
    return form
