"""Exporting the people list to Excel: typed cells, every page, the filters, the web route."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from core.errors import PermissionDenied
from core.models.people import Role
from core.services.exports import XLSX_CONTENT_TYPE, export_people, people_filter
from core.services.imports import COLUMNS, build_student_template, import_students
from core.services.people import PeopleFilter, PersonData, archive_person, create_person
from tests.factories import make_member, make_organisation, valid_iin


def rows_of(data: bytes) -> list[tuple[object, ...]]:
    sheet = load_workbook(BytesIO(data)).worksheets[0]
    return list(sheet.iter_rows(values_only=True))


async def test_the_export_has_real_dates_and_iin_as_text(deps):
    system = await make_organisation(deps)
    admin = await make_member(deps, system, Role.ADMIN, last_name="Әкімова", first_name="Гүлжан")
    iin = valid_iin(date(2005, 3, 7), female=True)
    assert iin.startswith("0")
    await create_person(
        deps,
        admin,
        data=PersonData(
            last_name="Нұрланқызы",
            first_name="Іңкәр",
            birth_date=date(2005, 3, 7),
            iin=iin,
            phone="87011234567",
            email="inkar@mektep.kz",
        ),
        roles=(Role.STUDENT,),
    )

    data = await export_people(admin, filters=PeopleFilter(), language="en")

    sheet = load_workbook(BytesIO(data)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header == [
        "Last name",
        "First name",
        "Middle name",
        "Birth date",
        "Gender",
        "IIN",
        "Phone",
        "E-mail",
        "Roles",
        "Archived",
    ]
    row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "Нұрланқызы")
    assert row[1].value == "Іңкәр"
    assert row[3].is_date and row[3].value == datetime(2005, 3, 7)  # noqa: DTZ001
    assert row[3].number_format == "dd.mm.yyyy"
    assert row[5].data_type == "s" and row[5].value == iin
    assert row[6].value == "+77011234567"
    assert (row[8].value, row[9].value) == ("Student", "No")
    assert len(rows_of(data)) == 3  # the header, the admin and the student


async def test_the_export_covers_every_page_and_follows_the_filters(deps):
    system = await make_organisation(deps)
    admin = await make_member(deps, system, Role.ADMIN)
    template = load_workbook(BytesIO(build_student_template("en")))
    sheet = template.worksheets[0]
    keys = [column.key for column in COLUMNS]
    for n in range(520):
        sheet.append(
            [{"last_name": f"Оқушы{n:03d}", "first_name": "Әли"}.get(key) for key in keys]
        )
    buffer = BytesIO()
    template.save(buffer)
    await import_students(deps, admin, data=buffer.getvalue(), filename="many.xlsx")

    everyone = rows_of(await export_people(admin, filters=PeopleFilter(), language="en"))
    students = rows_of(
        await export_people(admin, filters=people_filter(role="student"), language="kk")
    )
    found = rows_of(
        await export_people(admin, filters=people_filter(query="оқушы05"), language="en")
    )

    assert len(everyone) == 1 + 521
    assert len(students) == 1 + 520
    assert len(found) == 1 + 10
    assert {row[0] for row in found[1:]} == {f"Оқушы{n:03d}" for n in range(50, 60)}


async def test_archived_people_are_exported_as_archived(deps):
    system = await make_organisation(deps)
    admin = await make_member(deps, system, Role.ADMIN)
    card = await create_person(
        deps,
        admin,
        data=PersonData(last_name="Бұрынғы", first_name="Оқушы"),
        roles=(Role.STUDENT,),
    )
    await archive_person(deps, admin, person_id=card.id)
    rows = rows_of(await export_people(admin, filters=people_filter(archived=True), language="en"))
    assert rows[1:] == [("Бұрынғы", "Оқушы", None, None, None, None, None, None, "Student", "Yes")]


async def test_a_name_that_looks_like_a_formula_stays_text(deps):
    system = await make_organisation(deps)
    admin = await make_member(deps, system, Role.ADMIN)
    await create_person(
        deps,
        admin,
        data=PersonData(last_name='=HYPERLINK("http://evil.example")', first_name="X"),
        roles=(Role.STUDENT,),
    )
    data = await export_people(admin, filters=people_filter(role="student"), language="en")
    cell = load_workbook(BytesIO(data)).worksheets[0]["A2"]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://evil.example")'


async def test_only_people_allowed_to_export_can(deps):
    system = await make_organisation(deps)
    teacher = await make_member(deps, system, Role.TEACHER)
    with pytest.raises(PermissionDenied):
        await export_people(teacher, filters=PeopleFilter(), language="en")


async def test_the_export_downloads_with_a_dated_file_name(deps, panel):
    system = await make_organisation(deps)
    await make_member(deps, system, Role.ACCOUNTANT, login="buh@taraz.kz")
    admin = await make_member(deps, system, Role.ADMIN)
    await create_person(
        deps,
        admin,
        data=PersonData(last_name="Сәрсенов", first_name="Ержан"),
        roles=(Role.STUDENT,),
    )
    await panel.sign_in("buh@taraz.kz")
    response = await panel.client.get("/people/export.xlsx?q=&role=student&archived=")
    assert response.status == 200
    assert response.content_type == XLSX_CONTENT_TYPE
    assert 'filename="sabaq-people-2026-09-01.xlsx"' in response.headers["Content-Disposition"]
    rows = rows_of(await response.read())
    assert [row[:2] for row in rows[1:]] == [("Сәрсенов", "Ержан")]


async def test_a_teacher_cannot_download_the_export(deps, panel):
    system = await make_organisation(deps)
    await make_member(deps, system, Role.TEACHER, login="teacher@taraz.kz")
    await panel.sign_in("teacher@taraz.kz")
    response = await panel.client.get("/people/export.xlsx")
    assert response.status == 403
