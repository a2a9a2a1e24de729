"""The profession atlas pages over real HTTP (issue 9): the menu by role, search and a
profession's card, editing it (CSRF, permission), the Excel import of universities with its
rows to fix, and admissions news."""

from __future__ import annotations

import io

import aiohttp

from core.deps import Deps
from core.models.atlas import AdmissionsNews, ProfessionEdit, University
from core.models.org import OrganisationKind
from core.services.atlas_imports import Sheet
from core.services.people import Role
from tests.factories import make_member, make_organisation
from tests.test_atlas import UNIVERSITIES, WEB_DEVELOPER, workbook
from tests.web import Panel, open_panel, text_of

COUNSELLOR = "counsellor@school12.kz"
TEACHER = "teacher@school12.kz"


async def school(deps: Deps) -> None:
    system = await make_organisation(deps, name="№12 мектеп", kind=OrganisationKind.SCHOOL)
    await make_member(deps, system, Role.CAREER_COUNSELLOR, login=COUNSELLOR)
    await make_member(deps, system, Role.TEACHER, first_name="Ерлан", login=TEACHER)


async def upload(
    panel: Panel, sheet: str, data: bytes, name: str = "atlas.xlsx"
) -> tuple[int, str]:
    await panel.get("/universities")
    form = aiohttp.FormData(quote_fields=False)
    form.add_field("csrf_token", panel.csrf)
    form.add_field("file", io.BytesIO(data), filename=name)
    response, body = await panel.post(f"/universities/import/{sheet}", form)
    return response.status, text_of(body)


async def test_the_menu_shows_the_atlas_by_role(deps: Deps, panel: Panel) -> None:
    await school(deps)
    await panel.sign_in(COUNSELLOR)
    _, body = await panel.get("/")
    for link in ('href="/atlas"', 'href="/universities"', 'href="/admissions"'):
        assert link in body
    async with open_panel(deps) as teacher:
        await teacher.sign_in(TEACHER)
        _, body = await teacher.get("/")
        assert 'href="/atlas"' in body
        assert 'href="/universities"' not in body and 'href="/admissions"' not in body


async def test_a_counsellor_finds_and_edits_a_profession(deps: Deps, panel: Panel) -> None:
    await school(deps)
    await panel.sign_in(COUNSELLOR)
    _, body = await panel.get("/atlas", params={"q": "веб әзірлеуші"})
    assert f'href="/atlas/{WEB_DEVELOPER}"' in body
    _, body = await panel.get(f"/atlas/{WEB_DEVELOPER}")
    page = text_of(body)
    assert "B057 Information technology" in page and "Mathematics + Informatics" in page
    assert "O*NET 29.3 Database" in page
    form = {"title_ru": "Веб-программист", "group_codes": "B057"}
    response, body = await panel.post(f"/atlas/{WEB_DEVELOPER}", form)
    assert response.status == 200 and "The profession is saved." in text_of(body)
    response, body = await panel.post(f"/atlas/{WEB_DEVELOPER}", {"group_codes": "B000"})
    assert response.status == 400 and "There is no programme group B000" in text_of(body)
    assert (await ProfessionEdit.get()).title_ru == "Веб-программист"


async def test_editing_needs_the_csrf_token_and_the_permission(deps: Deps, panel: Panel) -> None:
    await school(deps)
    await panel.sign_in(COUNSELLOR)
    response = await panel.client.post(f"/atlas/{WEB_DEVELOPER}", data={"title_ru": "Хакер"})
    assert response.status == 403
    async with open_panel(deps) as teacher:
        await teacher.sign_in(TEACHER)
        _, body = await teacher.get(f"/atlas/{WEB_DEVELOPER}")
        assert 'name="title_ru"' not in body  # no form for a reader
        response, _ = await teacher.post(f"/atlas/{WEB_DEVELOPER}", {"title_ru": "Хакер"})
        assert response.status == 403
        status, _ = await upload(teacher, "groups", workbook(Sheet.GROUPS, []))
        assert status == 403
    assert await ProfessionEdit.all().count() == 0


async def test_universities_are_imported_or_every_bad_row_is_listed(deps: Deps) -> None:
    await school(deps)
    async with open_panel(deps, language="ru") as panel:
        await panel.sign_in(COUNSELLOR)
        response, _ = await panel.get("/universities/template-universities.xlsx")
        assert response.status == 200
        bad = [UNIVERSITIES[0], ["045", "", "Университет", "", "", "", "B777"]]
        status, page = await upload(panel, "universities", workbook(Sheet.UNIVERSITIES, bad))
        assert status == 400 and "Исправьте эти строки" in page and "B777" in page
        assert await University.all().count() == 0
        _, page = await upload(panel, "universities", b"%PDF-1.4", name="list.pdf")
        assert "не книга Excel" in page
        _, page = await upload(panel, "universities", workbook(Sheet.UNIVERSITIES, UNIVERSITIES))
        assert "КазНУ им. аль-Фараби" in page and "Astana IT University" in page
        assert await University.all().count() == 2


async def test_news_is_posted_by_the_counsellor_and_read_by_staff(
    deps: Deps, panel: Panel
) -> None:
    await school(deps)
    await panel.sign_in(COUNSELLOR)
    news = {"title": "ҰБТ-ға тіркеу", "body": "Тіркеу 20 наурызда басталады."}
    response, body = await panel.post("/admissions/new", news)
    assert response.status == 200 and "The news is published." in text_of(body)
    post = await AdmissionsNews.get()
    response, body = await panel.post(f"/admissions/{post.id}", {**news, "title": ""})
    assert response.status == 400
    async with open_panel(deps) as teacher:
        await teacher.sign_in(TEACHER)
        _, body = await teacher.get("/admissions")
        assert "ҰБТ-ға тіркеу" in text_of(body) and 'action="/admissions/new"' not in body
        response, _ = await teacher.post(f"/admissions/{post.id}/delete")
        assert response.status == 403
    response, body = await panel.post(f"/admissions/{post.id}/delete")
    assert "The news is deleted." in text_of(body)
    assert await AdmissionsNews.all().count() == 0
