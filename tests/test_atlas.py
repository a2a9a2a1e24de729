"""The profession atlas (issue 9): search in kk/ru/en, a profession's card with its programme
groups, ENT pair and universities, an organisation's edits over the shipped data, the Excel
import of programme groups and universities (happy path, per-row problems, all or nothing,
wrong files) and admissions news."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

import pytest
from openpyxl import load_workbook

from core.actor import Actor
from core.deps import Deps
from core.errors import ImportRejected, InvalidInput, NotFound, PermissionDenied
from core.models.atlas import ProgrammeGroup, University
from core.models.org import OrganisationKind
from core.services.atlas import (
    edit_news,
    edit_profession,
    latest_news,
    post_news,
    profession_briefs,
    profession_card,
    search_professions,
)
from core.services.atlas_imports import Sheet, build_template, import_atlas
from core.services.people import Role
from tests.factories import make_member, make_organisation

WEB_DEVELOPER = "15-1254.00"


@dataclass(frozen=True)
class School:
    system: Actor
    admin: Actor
    counsellor: Actor
    teacher: Actor
    student: Actor


@pytest.fixture
async def school(deps: Deps) -> School:
    system = await make_organisation(
        deps, name="№12 мектеп-гимназия", kind=OrganisationKind.SCHOOL
    )
    return School(
        system,
        await make_member(deps, system, Role.ADMIN),
        await make_member(deps, system, Role.CAREER_COUNSELLOR),
        await make_member(deps, system, Role.TEACHER),
        await make_member(deps, system, Role.STUDENT, first_name="Айбек"),
    )


def workbook(sheet: Sheet, rows: list[list[object]], *, language: str = "ru") -> bytes:
    """The downloaded template with ``rows`` typed in below its header."""
    book = load_workbook(BytesIO(build_template(sheet, language)))
    for row in rows:
        book.worksheets[0].append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


KAZNU = ("Әл-Фараби атындағы ҚазҰУ", "КазНУ им. аль-Фараби", "Al-Farabi KazNU")
UNIVERSITIES = [
    ["044", *KAZNU, "Алматы", "", "B057 B058"],
    ["110", "Астана IT университеті", "Astana IT University", "", "Астана", "aitu.edu.kz", "B057"],
]


async def test_search_finds_professions_in_kazakh_russian_and_english(
    deps: Deps, school: School
) -> None:
    for query in ("веб-әзірлеуші", "веб-разработчик", "web developer", "ВЕБ азирлеуши"):
        found = await search_professions(deps, school.student, query=query)
        assert WEB_DEVELOPER in [brief.code for brief in found], query
    found = await search_professions(deps, school.student, query="веб-разработчик")
    assert found[0].localised("kk") == "Веб-әзірлеуші"
    assert await search_professions(deps, school.student, query="жоқ кәсіп xyz") == []


async def test_card_leads_from_the_profession_to_groups_pair_and_universities(
    deps: Deps, school: School
) -> None:
    await import_atlas(
        deps,
        school.counsellor,
        sheet=Sheet.UNIVERSITIES,
        data=workbook(Sheet.UNIVERSITIES, UNIVERSITIES),
    )
    card = await profession_card(deps, school.student, code=WEB_DEVELOPER)
    assert "websites" in card.description["en"]
    assert card.activities and card.brief.holland_code[0] in {a.type for a in card.activities}
    first = card.routes[0]
    assert first.group.code == "B057"
    assert [s.localised("ru") for s in first.group.pairs[0].subjects] == [
        "Математика",
        "Информатика",
    ]
    assert first.group.threshold == 50
    assert [u.code for u in first.universities] == ["110", "044"]  # by Russian name
    with pytest.raises(NotFound):
        await profession_card(deps, school.student, code="99-9999.00")


async def test_an_edit_is_laid_over_the_shipped_data_and_reaches_branches(
    deps: Deps, school: School
) -> None:
    branch = await make_organisation(deps, name="Филиал", parent_id=school.system.organisation_id)
    pupil = await make_member(deps, branch, Role.STUDENT)
    await edit_profession(
        deps,
        school.counsellor,
        code=WEB_DEVELOPER,
        title_ru="Фронтенд-разработчик",
        description_ru="Делает сайты.",
        group_codes="b058",
    )
    card = await profession_card(deps, pupil, code=WEB_DEVELOPER)
    assert card.brief.localised("ru") == "Фронтенд-разработчик"
    assert card.brief.localised("kk") == "Веб-әзірлеуші"  # the shipped one stays
    assert card.localised_description("ru") == "Делает сайты."
    assert [route.group.code for route in card.routes] == ["B058"]
    found = await search_professions(deps, pupil, query="фронтенд")
    assert [brief.code for brief in found] == [WEB_DEVELOPER]
    # All fields empty: the shipped profession again.
    await edit_profession(deps, school.counsellor, code=WEB_DEVELOPER)
    card = await profession_card(deps, pupil, code=WEB_DEVELOPER)
    assert card.brief.localised("ru") == "Веб-разработчик" and not card.edited


async def test_only_atlas_editors_edit_and_groups_must_exist(deps: Deps, school: School) -> None:
    for actor in (school.teacher, school.student):
        with pytest.raises(PermissionDenied):
            await edit_profession(deps, actor, code=WEB_DEVELOPER, title_ru="Хакер")
    with pytest.raises(InvalidInput) as refused:
        await edit_profession(deps, school.admin, code=WEB_DEVELOPER, group_codes="B999")
    assert "B999" in refused.value.translated("ru")
    briefs = await profession_briefs(deps, school.student, codes=[WEB_DEVELOPER])
    assert briefs[WEB_DEVELOPER].localised("ru") == "Веб-разработчик"


async def test_importing_groups_then_universities(deps: Deps, school: School) -> None:
    groups = [
        [
            "B999",
            "Жасанды интеллект",
            "Искусственный интеллект",
            "AI",
            "Математика + Информатика",
            60,
        ]
    ]
    result = await import_atlas(
        deps, school.admin, sheet=Sheet.GROUPS, data=workbook(Sheet.GROUPS, groups, language="kk")
    )
    assert (result.created, result.updated) == (1, 0)
    group = await ProgrammeGroup.get(code="B999")
    assert (group.pair_ids, group.threshold) == ("math_inf", 60)
    rows = [[*UNIVERSITIES[0][:6], "B057, B999"]]
    await import_atlas(
        deps, school.admin, sheet=Sheet.UNIVERSITIES, data=workbook(Sheet.UNIVERSITIES, rows)
    )
    again = await import_atlas(
        deps,
        school.admin,
        sheet=Sheet.UNIVERSITIES,
        data=workbook(Sheet.UNIVERSITIES, rows, language="en"),
    )
    assert (again.created, again.updated) == (0, 1)
    assert (await University.get(code="044")).group_codes == "B057 B999"


async def test_a_bad_row_imports_nothing_and_every_problem_is_listed(
    deps: Deps, school: School
) -> None:
    rows = [
        UNIVERSITIES[0],
        ["045", "", "Университет", "", "", "", "B777"],
        UNIVERSITIES[1],
        ["044", "Қайталау", "Повтор", "", "", "", ""],
    ]
    with pytest.raises(ImportRejected) as rejected:
        await import_atlas(
            deps, school.admin, sheet=Sheet.UNIVERSITIES, data=workbook(Sheet.UNIVERSITIES, rows)
        )
    problems = [(p.row, p.translated("ru")) for p in rejected.value.problems]
    assert [row for row, _ in problems] == [3, 3, 5]
    assert "B777" in problems[1][1] and "044" in problems[2][1]
    assert await University.all().count() == 0
    bad_groups = [["X1", "А", "А", "", "Математика + Химия", 200]]
    with pytest.raises(ImportRejected) as rejected:
        await import_atlas(
            deps, school.admin, sheet=Sheet.GROUPS, data=workbook(Sheet.GROUPS, bad_groups)
        )
    assert len(rejected.value.problems) == 3  # the code, the pair, the threshold
    assert await ProgrammeGroup.all().count() == 0


async def test_wrong_files_are_refused_in_the_users_language(deps: Deps, school: School) -> None:
    for data in (
        b"%PDF-1.4 not a workbook",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old",
        b"x" * (3 << 20),
    ):
        with pytest.raises(InvalidInput) as refused:
            await import_atlas(deps, school.admin, sheet=Sheet.GROUPS, data=data)
        assert refused.value.field == "file"
    with pytest.raises(InvalidInput):  # a students' list is not a universities' table
        await import_atlas(
            deps, school.admin, sheet=Sheet.UNIVERSITIES, data=workbook(Sheet.GROUPS, [])
        )
    with pytest.raises(PermissionDenied):
        await import_atlas(
            deps, school.teacher, sheet=Sheet.GROUPS, data=workbook(Sheet.GROUPS, [])
        )


async def test_news_is_posted_by_counsellors_and_read_by_students(
    deps: Deps, school: School
) -> None:
    other = await make_member(
        deps, await make_organisation(deps, name="Басқа"), Role.CAREER_COUNSELLOR
    )
    post = await post_news(
        deps, school.counsellor, title="ҰБТ 2026", body="Тіркеу 20 наурызда басталады."
    )
    news = await latest_news(deps, school.student)
    assert [(item.title, item.author) for item in news] == [("ҰБТ 2026", "Сейітова Әсел")]
    assert await latest_news(deps, other) == []
    with pytest.raises(NotFound):
        await edit_news(deps, other, news_id=post.id, title="x", body="y")
    with pytest.raises(PermissionDenied):
        await post_news(deps, school.student, title="x", body="y")
    with pytest.raises(InvalidInput):
        await post_news(deps, school.counsellor, title=" ", body="y")
