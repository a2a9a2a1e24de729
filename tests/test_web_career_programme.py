"""The counsellor's career programme page (issue 9): add with several grades, refusals that
keep the form, edit, delete, the grade filter, copying last year's twice, the Excel export,
and a teacher who neither sees the link nor reaches the pages."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from openpyxl import load_workbook

from core.deps import Deps
from core.models.career import ProgrammeItem
from core.services.career_programme import ItemData, ItemKind, add_item
from tests.test_career_invitations import make_school
from tests.web import Panel, open_panel, text_of


def form(panel: Panel, grades: tuple[str, ...], **fields: str) -> list[tuple[str, str]]:
    values = {"kind": "excursion", "description": "", "ends_on": ""} | fields
    return [("csrf_token", panel.csrf), *(("grades", grade) for grade in grades), *values.items()]


async def test_the_counsellor_keeps_the_programme_of_the_year(deps: Deps, panel: Panel):
    school = await make_school(deps)
    org = school.admin.organisation_id
    await panel.sign_in(f"counsellor-{org}@school.kz")
    response, page = await panel.get("/career-programme")
    assert response.status == 200
    assert 'href="/career-programme"' in page
    assert "Career programme 2026/2027" in text_of(page)
    assert "The programme of this year is empty." in text_of(page)

    response, page = await panel.post(
        "/career-programme",
        form(panel, ("9", "10"), title="Завод экскурсиясы", starts_on="2026-10-05"),
    )
    assert response.status == 200
    text = text_of(page)
    assert "Added to the programme." in text
    assert "October 2026" in text and "05.10.2026 9, 10 Excursion Завод экскурсиясы" in text

    for fields, message in (
        ({"title": "Кеш", "starts_on": "2027-09-02"}, "within the school year 01.09.2026"),
        ({"title": " ", "starts_on": "2026-10-05"}, "Enter a title."),
        ({"title": "Кеш", "starts_on": "32.10.2026"}, "is not a date"),
    ):
        response, page = await panel.post("/career-programme", form(panel, ("9",), **fields))
        assert response.status == 400
        assert message in text_of(page)
    response, page = await panel.post(
        "/career-programme", form(panel, ("12",), title="Кеш", starts_on="2026-10-06")
    )
    assert response.status == 400
    assert "Choose one or more grades from 5 to 11." in text_of(page)
    assert 'value="Кеш"' in page
    assert await ProgrammeItem.all().count() == 1

    item = await ProgrammeItem.get()
    _, page = await panel.get(f"/career-programme/{item.id}")
    assert 'value="Завод экскурсиясы"' in page
    response, page = await panel.post(
        f"/career-programme/{item.id}",
        form(
            panel,
            ("9",),
            kind="open_day",
            title="Ашық есік күні",
            starts_on="2026-10-05",
            ends_on="2026-10-06",
        ),
    )
    assert "05.10.2026 – 06.10.2026 9 Open day Ашық есік күні" in text_of(page)
    _, page = await panel.get("/career-programme?grade=10")
    assert "Ашық есік күні" not in text_of(page)

    response, _ = await panel.get("/career-programme.xlsx?grade=9")
    assert response.status == 200
    sheet = load_workbook(BytesIO(await response.read())).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("From", "To", "Grades", "Kind", "Title", "Description")
    assert rows[1][2:5] == ("9", "Open day", "Ашық есік күні")
    assert rows[1][0] is not None and rows[1][0].date() == date(2026, 10, 5)

    _, page = await panel.post(f"/career-programme/{item.id}/delete", {})
    assert "Deleted from the programme." in text_of(page)
    assert await ProgrammeItem.all().count() == 0


async def test_copying_last_year_twice_and_a_teacher_is_refused(deps: Deps, panel: Panel):
    school = await make_school(deps)
    org = school.admin.organisation_id
    last_year = ItemData((8,), ItemKind.CLASS_HOUR, "Мамандықтар әлемі", "", date(2025, 11, 3))
    await add_item(deps, school.counsellor, school_year=2025, data=last_year)
    await panel.sign_in(f"counsellor-{org}@school.kz")
    await panel.get("/career-programme")
    _, page = await panel.post("/career-programme/copy?year=2026", {})
    assert "Copied 1 items from last year's programme." in text_of(page)
    assert "03.11.2026 8 Class hour Мамандықтар әлемі" in text_of(page)
    _, page = await panel.post("/career-programme/copy?year=2026", {})
    assert "Copied 0 items from last year's programme." in text_of(page)
    assert await ProgrammeItem.filter(school_year=2026).count() == 1

    item = await ProgrammeItem.get(school_year=2026)
    async with open_panel(deps) as teacher:
        await teacher.sign_in(f"teacher-{org}@school.kz")
        _, home = await teacher.get("/")
        assert 'href="/career-programme"' not in home
        for path in (
            "/career-programme",
            f"/career-programme/{item.id}",
            "/career-programme.xlsx",
        ):
            response, _ = await teacher.get(path)
            assert response.status == 403
        for path in ("/career-programme/copy", f"/career-programme/{item.id}/delete"):
            response, _ = await teacher.post(path, {})
            assert response.status == 403
    assert await ProgrammeItem.all().count() == 2
