"""The panel's mock exams page (issue 9): a counsellor enters results (refused ones show the
error by its field in the reader's language and keep nothing), sees a student's trend; the
CSRF token and the permission are required."""

from __future__ import annotations

from dataclasses import dataclass

from core.clock import FrozenClock
from core.deps import Deps
from core.models.career import MockExamResult
from core.models.org import OrganisationKind
from core.services.people import Role
from tests.factories import make_member, make_organisation
from tests.web import Panel, open_panel, text_of

COUNSELLOR = "counsellor@school12.kz"
PARENT = "parent@school12.kz"


@dataclass(frozen=True)
class School:
    student_id: int


async def school(deps: Deps) -> School:
    system = await make_organisation(deps, name="№12 мектеп", kind=OrganisationKind.SCHOOL)
    await make_member(deps, system, Role.CAREER_COUNSELLOR, login=COUNSELLOR)
    await make_member(deps, system, Role.PARENT, login=PARENT)
    student = await make_member(deps, system, Role.STUDENT, last_name="Омаров", first_name="Айбек")
    return School(student.person_id or 0)


def ent_form(student_id: int, day: str, **changes: str) -> dict[str, str]:
    return {
        "student_id": str(student_id),
        "kind": "ent",
        "taken_on": day,
        "history_kz": "15",
        "math_literacy": "8",
        "reading_literacy": "7",
        "profile_1": "35",
        "profile_2": "30",
        "pair_id": "math_phys",
        **changes,
    }


async def test_a_counsellor_enters_results_and_sees_the_trend(
    deps: Deps, clock: FrozenClock
) -> None:
    found = await school(deps)
    today = clock.now().date().isoformat()
    async with open_panel(deps, language="ru") as panel:
        await panel.sign_in(COUNSELLOR)
        _, body = await panel.get("/")
        assert 'href="/mock-exams"' in body
        _, body = await panel.get("/mock-exams")
        assert "Омаров Айбек" in body
        _, body = await panel.get("/mock-exams?q=Сейіт")  # the search leaves nobody to choose
        assert "Омаров Айбек" not in body and 'value="Сейіт"' in body

        bad = ent_form(found.student_id, today, profile_1="51")
        response, body = await panel.post("/mock-exams", bad)
        assert response.status == 400
        assert 'data-field="scores"' in body and "от 0 до 50" in text_of(body)
        response, body = await panel.post(
            "/mock-exams",
            {
                "student_id": str(found.student_id),
                "kind": "ielts",
                "taken_on": today,
                "total": "6.3",
            },
        )
        assert response.status == 400 and "с шагом 0,5" in text_of(body)
        assert await MockExamResult.all().count() == 0

        await panel.post("/mock-exams", ent_form(found.student_id, "2026-08-01", profile_1="28"))
        response, body = await panel.post("/mock-exams", ent_form(found.student_id, today))
        assert response.status == 200 and "Результат сохранён." in text_of(body)
        _, body = await panel.get(f"/mock-exams/{found.student_id}")
        assert "ЕНТ: 95" in text_of(body) and "+7" in text_of(body)


async def test_the_page_needs_the_csrf_token_and_the_permission(
    deps: Deps, panel: Panel, clock: FrozenClock
) -> None:
    found = await school(deps)
    form = ent_form(found.student_id, clock.now().date().isoformat())
    await panel.sign_in(COUNSELLOR)
    response = await panel.client.post("/mock-exams", data=form)
    assert response.status == 403
    async with open_panel(deps) as parent:
        await parent.sign_in(PARENT)
        response, _ = await parent.get("/mock-exams")
        assert response.status == 403
        response, _ = await parent.post("/mock-exams", form)
        assert response.status == 403
    assert await MockExamResult.all().count() == 0
