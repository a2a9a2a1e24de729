"""Importing students from Excel: the template round trip, every bad-row kind, bad files, web."""

from __future__ import annotations

import os
import zipfile
from dataclasses import replace
from datetime import date, datetime
from io import BytesIO

import pytest
from aiohttp import FormData
from openpyxl import Workbook, load_workbook

from core.actor import Actor
from core.deps import Deps
from core.errors import ImportRejected, InvalidInput, PermissionDenied
from core.models.academics import Enrolment
from core.models.audit import AuditRecord
from core.models.chat import ConversationMember
from core.models.people import Person, Role
from core.services.academics import group_card
from core.services.exports import XLSX_CONTENT_TYPE
from core.services.imports import COLUMNS, build_student_template, import_students
from core.services.people import PeopleFilter, PersonData, create_person, list_people, person_card
from tests.factories import make_group, make_member, make_organisation, valid_iin
from tests.web import text_of

KEYS = [column.key for column in COLUMNS]
LAST_NAMES = ["Құрманғазы", "Сәтбаев", "Әуезов", "Нұрпейісова", "Үсенов", "Жұмабаев", "Ғабитов"]
FIRST_NAMES = ["Әлихан", "Айгөлек", "Нұрсұлтан", "Ұлжан", "Өмірзақ", "Һидаят", "Іңкәр", "Қанат"]


def workbook_bytes(rows: list[dict[str, object]], *, language: str = "en") -> bytes:
    """The downloaded template with ``rows`` (by column key) typed in from row 2."""
    workbook = load_workbook(BytesIO(build_student_template(language)))
    sheet = workbook.worksheets[0]
    for row in rows:
        sheet.append([row.get(key) for key in KEYS])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    """A workbook made from scratch, as another tool would."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def counts() -> tuple[int, int, int]:
    return (
        await Person.all().count(),
        await AuditRecord.all().count(),
        await Enrolment.all().count(),
    )


async def admin_of(deps: Deps) -> Actor:
    system = await make_organisation(deps)
    return await make_member(deps, system, Role.ADMIN, login="admin@taraz.kz")


def student(n: int, **extra: object) -> dict[str, object]:
    return {
        "last_name": LAST_NAMES[n % len(LAST_NAMES)],
        "first_name": FIRST_NAMES[n % len(FIRST_NAMES)],
        **extra,
    }


async def rejected(deps: Deps, actor: Actor, data: bytes) -> dict[int, list[str]]:
    """The problems of a refused import, translated to English, by row."""
    with pytest.raises(ImportRejected) as caught:
        await import_students(deps, actor, data=data, filename="students.xlsx")
    by_row: dict[int, list[str]] = {}
    for problem in caught.value.problems:
        by_row.setdefault(problem.row, []).append(problem.translated("en"))
    return by_row


async def refused(deps: Deps, actor: Actor, data: bytes) -> str:
    """The message of a file refused as a whole (not as bad rows)."""
    before = await counts()
    with pytest.raises(InvalidInput) as caught:
        await import_students(deps, actor, data=data, filename="students.xlsx")
    assert not isinstance(caught.value, ImportRejected)
    assert await counts() == before
    return caught.value.translated("en")


async def test_the_filled_template_imports_students_with_shared_parents_and_groups(deps):
    admin = await admin_of(deps)
    group_a = await make_group(deps, admin, name="Математика 7А", capacity=20)
    group_b = await make_group(deps, admin, name="Ағылшын 5Ә", capacity=20)
    rows = []
    iins = []
    for n in range(50):
        iin = valid_iin(date(2005 + n % 8, 1 + n % 12, 1 + n % 28), female=n % 2 == 1)
        iins.append(iin)
        row = student(
            n,
            middle_name="Серікұлы" if n % 2 == 0 else "",
            birth_date=date(2005 + n % 8, 1 + n % 12, 1 + n % 28),
            gender="M" if n % 2 == 0 else "F",
            # Excel turns a typed IIN into a number and drops its leading zero ...
            iin={0: int(iin), 1: float(iin)}.get(n % 3, iin),
            # ... and a phone into a number (an integer or a float)
            phone={0: 77011000000 + n, 4: float(77011000000 + n)}.get(n % 8, ""),
            email=f"pupil{n}@mektep.kz" if n % 5 == 0 else "",
            group=("математика 7а" if n < 15 else "Ағылшын 5Ә") if n < 30 else "",
            notes="Аллергия жоқ" if n == 7 else "",
        )
        if n < 40:
            family = n // 2  # rows 2k and 2k+1 are brothers and sisters
            row |= {
                "parent_last_name": "Қожахметова",
                "parent_first_name": "Гүлнұр",
                "parent_phone": f"8 702 {family:03d} 00 11",
            }
        rows.append(row)
    before = await counts()

    result = await import_students(
        deps, admin, data=workbook_bytes(rows, language="kk"), filename="7-сынып.xlsx"
    )

    assert (result.students_created, result.parents_created, result.parents_reused) == (50, 20, 0)
    assert result.enrolments == 30
    students = await list_people(
        admin, filters=PeopleFilter(role=Role.STUDENT), page=1, page_size=100
    )
    assert students.total == 50
    names = {row.full_name for row in students.rows}
    assert "Құрманғазы Әлихан Серікұлы" in names
    assert any(row.iin and row.iin.startswith("0") for row in students.rows)
    first = next(row for row in students.rows if row.iin == iins[0])
    assert iins[0].startswith("05")  # typed as a number: the leading zero came back
    card = await person_card(admin, first.id)
    assert card.birth_date == date(2005, 1, 1)
    assert card.phone == "+77011000000"
    sibling = await list_people(admin, filters=PeopleFilter(query=iins[1]))
    sibling_card = await person_card(admin, sibling.rows[0].id)
    assert len(card.parents) == 1
    assert card.parents == sibling_card.parents
    parent = await person_card(admin, card.parents[0][0])
    assert parent.roles == (Role.PARENT,)
    assert parent.full_name == "Қожахметова Гүлнұр"
    assert len((await group_card(admin, group_a)).students) == 15
    assert len((await group_card(admin, group_b)).students) == 15
    enrolled = {m.person_id for m in (await group_card(admin, group_a)).students}
    in_chat = {
        row["person_id"]
        for row in await ConversationMember.filter(conversation__group_id=group_a).values(
            "person_id"
        )
    }
    assert enrolled <= in_chat, "imported students join their group's chat"
    # one audit record for the whole file
    assert (await counts())[1] == before[1] + 1
    record = await AuditRecord.all().order_by("-id").first()
    assert record is not None and record.action == "import.students"
    assert record.after is not None and record.after["file"] == "7-сынып.xlsx"
    imported = record.after["students"]
    assert isinstance(imported, list) and len(imported) == 50


async def test_a_parent_on_record_with_the_same_phone_is_reused(deps):
    admin = await admin_of(deps)
    mother = await create_person(
        deps,
        admin,
        data=PersonData(last_name="Әбенова", first_name="Сәуле", phone="+77021234567"),
        roles=(Role.TEACHER,),
    )
    data = workbook_bytes(
        [
            student(
                1,
                parent_last_name="Әбенова",
                parent_first_name="Сәуле",
                parent_phone="87021234567",
            ),
            student(
                2, parent_last_name="Әбенова", parent_first_name="Сәуле", parent_phone="7021234567"
            ),
        ]
    )
    result = await import_students(deps, admin, data=data, filename="x.xlsx")
    assert (result.parents_created, result.parents_reused) == (0, 1)
    card = await person_card(admin, mother.id)
    assert len(card.children) == 2
    assert set(card.roles) == {Role.TEACHER, Role.PARENT}


async def test_a_person_of_another_organisation_is_never_reused_as_parent(deps):
    admin = await admin_of(deps)
    other = await make_organisation(deps, name="Басқа мектеп")
    other_admin = await make_member(deps, other, Role.ADMIN)
    await create_person(
        deps,
        other_admin,
        data=PersonData(last_name="Бөтен", first_name="Адам", phone="+77029998877"),
        roles=(Role.PARENT,),
    )
    data = workbook_bytes(
        [student(1, parent_last_name="Өз", parent_first_name="Ата", parent_phone="87029998877")]
    )
    result = await import_students(deps, admin, data=data, filename="x.xlsx")
    assert (result.parents_created, result.parents_reused) == (1, 0)


async def test_every_bad_row_is_listed_with_its_row_number_and_nothing_is_written(deps):
    admin = await admin_of(deps)
    await make_group(deps, admin, name="Шахмат", capacity=2)
    on_record = valid_iin()
    await create_person(
        deps,
        admin,
        data=PersonData(last_name="Бар", first_name="Бұрын", iin=on_record),
        roles=(Role.STUDENT,),
    )
    twice = valid_iin()
    good_iin = valid_iin()
    rows = [
        student(0, iin=good_iin),  # row 2: fine
        {"first_name": "Айгүл"},  # 3: no last name
        {"last_name": "Серікова"},  # 4: no first name
        student(3, iin="123456789012"),  # 5: bad check digit
        student(4, phone="12345"),  # 6: bad phone
        student(5, email="no-at-sign.kz"),  # 7: bad e-mail
        student(6, birth_date="31.02.2010"),  # 8: no such date
        student(7, iin=twice),  # 9
        student(8, iin=twice),  # 10: the same IIN again
        student(9, iin=on_record),  # 11: already on record
        student(10, group="Биология"),  # 12: no such group
        student(11, group="шахмат"),  # 13
        student(12, group="Шахмат"),  # 14
        student(13, group="ШАХМАТ"),  # 15: the third for two places
        student(14, parent_first_name="Ерлан"),  # 16: half a parent
        student(15, gender="X"),  # 17
    ]
    before = await counts()

    problems = await rejected(deps, admin, workbook_bytes(rows))

    assert await counts() == before
    assert 2 not in problems
    assert problems[3] == ["The last name is missing."]
    assert problems[4] == ["The first name is missing."]
    assert "check digit" in problems[5][0]
    assert "“12345” is not a valid phone number" in problems[6][0]
    assert problems[7] == ["“no-at-sign.kz” is not an e-mail address."]
    assert problems[8] == ["“31.02.2010” is not a date. Use the format 31.12.2010."]
    assert 9 not in problems
    assert problems[10] == [f"IIN {twice} is in rows 9 and 10: each student must appear once."]
    assert problems[11] == [f"A person with IIN {on_record} is already on record: Бар Бұрын."]
    assert "There is no group “Биология”" in problems[12][0]
    assert 13 not in problems and 14 not in problems
    assert problems[15] == [
        "Group “Шахмат” is too small for this file: free places: 2, students for it in the "
        "file: 3. From this row on they do not fit."
    ]
    assert "parent's last name, first name and phone" in problems[16][0]
    assert problems[17] == ["“x” is not a gender. Write M or F."]


async def test_a_row_with_several_problems_lists_each(deps):
    admin = await admin_of(deps)
    problems = await rejected(
        deps, admin, workbook_bytes([{"iin": "1", "phone": "0", "group": "Жоқ топ"}])
    )
    assert len(problems[2]) == 5  # last name, first name, IIN, phone, group


async def test_birth_dates_in_every_accepted_form(deps):
    admin = await admin_of(deps)
    excel_datetime = datetime(2010, 12, 31)  # noqa: DTZ001 - what a date cell reads as
    forms = [date(2010, 12, 31), excel_datetime, "31.12.2010", "2010-12-31", "31/12/2010"]
    rows = [student(n, birth_date=value, iin=valid_iin()) for n, value in enumerate(forms)]
    rows.append(student(9, birth_date=40543, iin=valid_iin()))  # a serial date without format
    await import_students(deps, admin, data=workbook_bytes(rows), filename="x.xlsx")
    page = await list_people(admin, filters=PeopleFilter(role=Role.STUDENT))
    born = {(await person_card(admin, row.id)).birth_date for row in page.rows}
    assert born == {date(2010, 12, 31)}


async def test_a_future_birth_date_is_refused(deps):
    admin = await admin_of(deps)
    problems = await rejected(deps, admin, workbook_bytes([student(1, birth_date="01.01.2031")]))
    assert problems[2] == ["The birth date is not plausible."]


@pytest.mark.parametrize(
    "header",
    [
        [
            "ЖСН",
            "Аты*",
            "тегі*",
            "Топ",
            "Ата-ананың телефоны",
            "Ата-ананың аты",
            "Ата-ананың тегі",
        ],
        [
            "iin",
            "FIRST NAME*",
            "Last name",
            "group",
            "Parent phone",
            "parent first name",
            "Parent last name",
        ],
        [
            "ИИН",
            "Имя",
            "Фамилия *",
            "Группа",
            "Телефон родителя",
            "Имя родителя",
            "Фамилия родителя",
        ],
    ],
    ids=["kk", "en", "ru"],
)
async def test_column_names_in_any_language_and_order(deps, header):
    admin = await admin_of(deps)
    await make_group(deps, admin, name="7Ә")
    iin = valid_iin(date(2006, 2, 3))
    data = sheet_bytes(
        ["№", *header],
        [[1, int(iin), "Іңкәр", "Оспанова", "7ә", "+77015550011", "Гүлмира", "Оспанова"]],
    )
    result = await import_students(deps, admin, data=data, filename="x.xlsx")
    assert (result.students_created, result.parents_created, result.enrolments) == (1, 1, 1)
    page = await list_people(admin, filters=PeopleFilter(query="Іңкәр"))
    assert page.rows[0].full_name == "Оспанова Іңкәр"
    assert page.rows[0].iin == iin


async def test_a_title_above_the_column_names_is_skipped(deps):
    admin = await admin_of(deps)
    workbook = load_workbook(
        BytesIO(sheet_bytes(["Тізім: 7-сынып"], [[], ["Тегі", "Аты"], ["Ахмет", "Байтұрсын"]]))
    )
    buffer = BytesIO()
    workbook.save(buffer)
    result = await import_students(deps, admin, data=buffer.getvalue(), filename="x.xlsx")
    assert result.students_created == 1


async def test_missing_required_columns_are_named_in_the_files_language(deps):
    admin = await admin_of(deps)
    message = await refused(
        deps, admin, sheet_bytes(["Отчество", "Телефон", "Имя"], [["Ивановна", "", "Анна"]])
    )
    assert message == (
        "These required columns are missing: “Фамилия”. Use the column names of the template."
    )
    message = await refused(deps, admin, sheet_bytes(["Gender", "Group"], [["F", "7A"]]))
    assert "“Last name”, “First name”" in message


async def test_unknown_or_doubled_columns_are_refused(deps):
    admin = await admin_of(deps)
    message = await refused(
        deps, admin, sheet_bytes(["Last name", "First name", "Class teacher"], [["A", "B", "C"]])
    )
    assert message.startswith("The column “Class teacher” is not one we know.")
    message = await refused(
        deps,
        admin,
        sheet_bytes(["Last name", "First name", "Телефон", "Phone"], [["A", "B", "", ""]]),
    )
    assert message == "The column “Phone” appears twice. Keep one of them."


async def test_files_that_are_not_workbooks_are_refused_with_a_clear_message(deps):
    admin = await admin_of(deps)
    not_xlsx = "This file is not an Excel workbook (.xlsx)."
    assert (await refused(deps, admin, os.urandom(5000))).startswith(not_xlsx)
    csv = "Last name,First name\nАхмет,Байтұрсын\n".encode()
    assert (await refused(deps, admin, csv)).startswith(not_xlsx)
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4000)
    assert (await refused(deps, admin, ole)).startswith("This is an old Excel file (.xls)")
    docx = BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    assert (await refused(deps, admin, docx.getvalue())).startswith(not_xlsx)
    broken = bytearray(workbook_bytes([student(1)]))
    broken[len(broken) // 2 : len(broken) // 2 + 200] = os.urandom(200)
    assert (await refused(deps, admin, bytes(broken))).startswith(not_xlsx)
    assert (await refused(deps, admin, b"")).startswith("The file is empty.")


async def test_a_file_too_large_or_unpacking_too_large_is_refused(deps):
    admin = await admin_of(deps)
    huge = b"PK\x03\x04" + bytes(deps.settings.max_upload_bytes * 2)
    assert (await refused(deps, admin, huge)).startswith("The file is too large: at most 8.0 MB.")
    bomb = BytesIO(workbook_bytes([student(1)]))
    with (
        zipfile.ZipFile(bomb, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("xl/media/padding.bin", "w") as member,
    ):
        chunk = bytes(1024 * 1024)
        for _ in range(110):  # 110 MB of zeros pack into about 100 KB
            member.write(chunk)
    assert len(bomb.getvalue()) < deps.settings.max_upload_bytes
    assert (await refused(deps, admin, bomb.getvalue())).startswith("This workbook is too large")


async def test_a_sheet_without_rows_is_refused(deps):
    admin = await admin_of(deps)
    assert await refused(deps, admin, build_student_template("ru")) == (
        "The file has column names but no students below them."
    )
    assert (await refused(deps, admin, sheet_bytes([], []))).startswith(
        "No column names were found."
    )


async def test_more_rows_than_the_limit_are_refused(deps):
    admin = await admin_of(deps)
    small = replace(deps, settings=deps.settings.model_copy(update={"import_max_rows": 5}))
    rows = [student(n) for n in range(6)]
    message = await refused(small, admin, workbook_bytes(rows))
    assert (
        message == "The file has more than 5 students. Split it into files of at most 5 rows each."
    )
    result = await import_students(small, admin, data=workbook_bytes(rows[:5]), filename="x.xlsx")
    assert result.students_created == 5


async def test_formulas_and_merged_cells_are_bad_rows(deps):
    admin = await admin_of(deps)
    workbook = load_workbook(BytesIO(build_student_template("en")))
    sheet = workbook.worksheets[0]
    sheet.append(["Ахметов", "Бекзат"])
    sheet.append(["Ахметов", '=PROPER("нұрлан")'])
    sheet.append(["Сейітова", "Дана", "", "", "", "", "", "", "7А"])
    sheet.append(["Сейітова", "Жанар"])
    sheet.merge_cells("I4:I5")
    buffer = BytesIO()
    workbook.save(buffer)
    before = await counts()
    problems = await rejected(deps, admin, buffer.getvalue())
    assert await counts() == before
    assert problems[3] == [
        "Cell B3 holds a formula. Copy the sheet and paste it as values only, then upload the "
        "file again."
    ]
    assert (
        "Cells I4:I5 are merged. Unmerge them so that every row has its own values." in problems[4]
    )


async def test_importing_the_same_file_twice_is_refused_as_duplicate_iins(deps):
    admin = await admin_of(deps)
    rows = [student(n, iin=valid_iin()) for n in range(3)]
    data = workbook_bytes(rows)
    await import_students(deps, admin, data=data, filename="x.xlsx")
    before = await counts()
    problems = await rejected(deps, admin, data)
    assert sorted(problems) == [2, 3, 4]
    assert all("is already on record" in messages[0] for messages in problems.values())
    assert await counts() == before


async def test_only_people_allowed_to_import_can(deps):
    system = await make_organisation(deps)
    teacher = await make_member(deps, system, Role.TEACHER)
    with pytest.raises(PermissionDenied):
        await import_students(deps, teacher, data=workbook_bytes([student(1)]), filename="x.xlsx")


async def test_the_template_has_typed_columns_and_instructions(deps):
    workbook = load_workbook(BytesIO(build_student_template("en", max_rows=5000)))
    sheet, info = workbook.worksheets
    assert [cell.value for cell in sheet[1]][:3] == ["Last name*", "First name*", "Middle name"]
    assert sheet.max_row == 1  # no example rows
    letters = {column.key: chr(ord("A") + index) for index, column in enumerate(COLUMNS)}
    for key in ("iin", "phone", "parent_phone"):
        assert sheet.column_dimensions[letters[key]].number_format == "@"
    assert sheet.column_dimensions[letters["birth_date"]].number_format == "dd.mm.yyyy"
    text = " ".join(str(cell.value) for cell in info["A"])
    assert "At most 5000 students per file." in text
    kk = load_workbook(BytesIO(build_student_template("kk"))).worksheets[0]
    assert [cell.value for cell in kk[1]][:2] == ["Тегі*", "Аты*"]


# --- the web page ---------------------------------------------------------------------------


def upload(data: bytes, csrf: str, filename: str = "students.xlsx") -> FormData:
    form = FormData()
    form.add_field("csrf_token", csrf)
    form.add_field("file", data, filename=filename, content_type=XLSX_CONTENT_TYPE)
    return form


async def test_the_import_page_lists_each_bad_row(deps, panel):
    await admin_of(deps)
    await panel.sign_in("admin@taraz.kz")
    response, body = await panel.get("/import")
    assert response.status == 200
    assert "Download the template" in text_of(body)
    data = workbook_bytes([student(1), {"first_name": "Айгүл"}, student(2, phone="12")])
    before = await counts()
    response, body = await panel.post("/import", upload(data, panel.csrf))
    page = text_of(body)
    assert response.status == 400
    assert "Nothing was imported: 2 rows need fixing." in page
    assert "3 The last name is missing." in page
    assert "4 “12” is not a valid phone number" in page
    assert await counts() == before


async def test_a_good_upload_imports_and_tells_the_counts(deps, panel):
    await admin_of(deps)
    await panel.sign_in("admin@taraz.kz")
    await panel.get("/import")
    data = workbook_bytes(
        [
            student(
                n, parent_last_name="Ким", parent_first_name="Ольга", parent_phone="+77017770000"
            )
            for n in range(3)
        ]
    )
    response, body = await panel.post("/import", upload(data, panel.csrf))
    assert response.status == 200
    assert response.url.path == "/import"
    assert (
        "Imported 3 students and enrolled 0 of them in groups. "
        "Parents: 1 added, 0 already on record." in text_of(body)
    )


async def test_a_non_workbook_upload_shows_the_message(deps, panel):
    await admin_of(deps)
    await panel.sign_in("admin@taraz.kz")
    await panel.get("/import")
    response, body = await panel.post("/import", upload(b"a,b\n1,2\n", panel.csrf, "list.csv"))
    assert response.status == 400
    assert "This file is not an Excel workbook (.xlsx)." in text_of(body)


async def test_the_template_downloads_in_the_users_language(deps, panel):
    await admin_of(deps)
    await panel.sign_in("admin@taraz.kz")
    await panel.post("/language", {"language": "kk", "next": "/"})
    response = await panel.client.get("/import/template.xlsx")
    assert response.status == 200
    assert response.content_type == XLSX_CONTENT_TYPE
    assert "attachment" in response.headers["Content-Disposition"]
    assert ".xlsx" in response.headers["Content-Disposition"]
    sheet = load_workbook(BytesIO(await response.read())).worksheets[0]
    assert sheet["A1"].value == "Тегі*"
