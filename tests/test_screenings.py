"""Screenings for psychologists (issue 9), the service: age and consent refusals, a group
assignment, who may read results, resuming days later, refused answers, the critical item."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.i18n import gettext_for
from core.models.notifications import OutboxMessage
from core.models.screening import ScreeningAnswer, ScreeningAssignment
from core.models.wellbeing import AlertSource, WellbeingAlert
from core.screening.instruments import Band
from core.services.academics import enrol_student
from core.services.audit import list_audit
from core.services.people import PersonData, Role, update_person
from core.services.screenings import (
    INVITATION,
    answer_screening,
    assign_screening,
    list_screenings,
    open_screening,
    screening_result,
)
from core.services.wellbeing import ALERT_SCREENING, ESCALATED_SCREENING, wellbeing_tick
from tests.factories import make_group, make_member, make_organisation


@dataclass(frozen=True)
class School:
    admin: Actor
    psychologist: Actor
    teacher: Actor
    aru: Actor  # 14
    bek: Actor  # 10
    cat: Actor  # birth date unknown
    dana: Actor  # 19
    group_id: int


async def _student(
    deps: Deps, system: Actor, admin: Actor, first: str, born: date | None
) -> Actor:
    student = await make_member(deps, system, Role.STUDENT, last_name="Әлиева", first_name=first)
    await update_person(
        deps,
        admin,
        person_id=student.person_id or 0,
        data=PersonData(last_name="Әлиева", first_name=first, birth_date=born),
    )
    return student


async def make_school(deps: Deps) -> School:
    system = await make_organisation(deps, name="№7 мектеп")
    org = system.organisation_id
    admin = await make_member(deps, system, Role.ADMIN, login=f"admin-{org}@school.kz")
    psychologist = await make_member(
        deps,
        system,
        Role.PSYCHOLOGIST,
        last_name="Нұрланова",
        first_name="Гүлнар",
        login=f"psychologist-{org}@school.kz",
    )
    teacher = await make_member(deps, system, Role.TEACHER, login=f"teacher-{org}@school.kz")
    aru = await _student(deps, system, admin, "Ару", date(2012, 3, 10))
    bek = await _student(deps, system, admin, "Бек", date(2016, 5, 1))
    cat = await _student(deps, system, admin, "Салтанат", None)
    dana = await _student(deps, system, admin, "Дана", date(2007, 1, 1))
    group_id = await make_group(deps, admin, name="8А")
    for student in (aru, bek, cat, dana):
        await enrol_student(deps, admin, group_id=group_id, student_id=student.person_id or 0)
    return School(admin, psychologist, teacher, aru, bek, cat, dana, group_id)


@pytest.fixture
async def school(deps: Deps) -> School:
    return await make_school(deps)


async def test_one_student_is_refused_under_age_without_birth_date_or_without_consent(
    deps: Deps, school: School
):
    cases = [
        (school.bek, True, "Әлиева Бек is 10; PHQ-9 is for students from 12."),
        (
            school.cat,
            True,
            "Әлиева Салтанат has no birth date on record, so their age is unknown. Fill in the "
            "birth date on their card, then assign the questionnaire again.",
        ),
        (
            school.aru,
            False,
            "Әлиева Ару is under 18. Tick “Parental consent obtained” once a parent has agreed.",
        ),
    ]
    for student, consent, message in cases:
        with pytest.raises(InvalidInput) as refused:
            await assign_screening(
                deps,
                school.psychologist,
                instrument_id="phq9",
                person_id=student.person_id,
                parental_consent=consent,
            )
        assert refused.value.translated("en") == message
    assert await ScreeningAssignment.all().count() == 0

    # An adult needs no parent's consent; a minor with the tick has it recorded.
    await assign_screening(
        deps, school.psychologist, instrument_id="gad7", person_id=school.dana.person_id
    )
    await assign_screening(
        deps,
        school.psychologist,
        instrument_id="gad7",
        person_id=school.aru.person_id,
        parental_consent=True,
    )
    by_student = {view.student: view for view in await list_screenings(school.psychologist)}
    assert by_student["Әлиева Дана"].consent_at is None
    assert by_student["Әлиева Ару"].consent_by == "Нұрланова Гүлнар"
    assert by_student["Әлиева Ару"].consent_at == deps.clock.now()
    with pytest.raises(InvalidInput) as twice:
        await assign_screening(
            deps,
            school.psychologist,
            instrument_id="gad7",
            person_id=school.aru.person_id,
            parental_consent=True,
        )
    assert "has not yet finished the GAD-7" in twice.value.translated("en")


async def test_a_group_assignment_skips_the_refused_and_invites_the_rest(
    deps: Deps, school: School
):
    report = await assign_screening(
        deps,
        school.psychologist,
        instrument_id="phq9",
        group_id=school.group_id,
        parental_consent=True,
    )
    assert len(report.assigned) == 2  # Ару and Дана
    assert sorted(refusal.student for refusal in report.refused) == [
        "Әлиева Бек",
        "Әлиева Салтанат",
    ]
    # Nobody is linked to Telegram in this test, so nobody is queued.
    assert report.in_telegram == 0
    assert not await OutboxMessage.filter(message=INVITATION).exists()


async def test_only_the_organisations_psychologist_reads_results(deps: Deps, school: School):
    report = await assign_screening(
        deps, school.psychologist, instrument_id="gad7", person_id=school.dana.person_id
    )
    (assignment_id,) = report.assigned
    for outsider in (school.admin, school.teacher, school.dana):
        with pytest.raises(PermissionDenied):
            await list_screenings(outsider)
        with pytest.raises(PermissionDenied):
            await screening_result(deps, outsider, assignment_id=assignment_id)
        with pytest.raises(PermissionDenied):
            await assign_screening(
                deps, outsider, instrument_id="gad7", person_id=school.aru.person_id
            )
    other = await make_school(deps)
    with pytest.raises(NotFound):
        await screening_result(deps, other.psychologist, assignment_id=assignment_id)
    assert await list_screenings(other.psychologist) == []
    # Another student cannot open or answer it either.
    with pytest.raises(NotFound):
        await open_screening(deps, school.aru, assignment_id=assignment_id)


async def test_a_half_finished_questionnaire_goes_on_days_later_and_is_scored_once(
    deps: Deps, clock, school: School
):
    (assignment_id,) = (
        await assign_screening(
            deps, school.psychologist, instrument_id="gad7", person_id=school.dana.person_id
        )
    ).assigned
    step = await open_screening(deps, school.dana, assignment_id=assignment_id)
    assert (step.item.number if step.item else None, step.total) == (1, 7)
    for number in (1, 2, 3):
        step = await answer_screening(
            deps, school.dana, assignment_id=assignment_id, item=number, value=2
        )
    clock.advance(timedelta(days=5))
    step = await open_screening(deps, school.dana, assignment_id=assignment_id)
    assert (step.item.number if step.item else None, step.answered) == (4, 3)

    with pytest.raises(InvalidInput):
        await answer_screening(deps, school.dana, assignment_id=assignment_id, item=4, value=7)
    with pytest.raises(InvalidInput):
        await answer_screening(deps, school.dana, assignment_id=assignment_id, item=8, value=1)
    with pytest.raises(Conflict):
        await answer_screening(deps, school.dana, assignment_id=assignment_id, item=2, value=0)
    for number in (4, 5, 6, 7):
        step = await answer_screening(
            deps, school.dana, assignment_id=assignment_id, item=number, value=2
        )
    assert step.finished
    assert not hasattr(step, "total_score") and not hasattr(step, "band")
    with pytest.raises(Conflict):
        await answer_screening(deps, school.dana, assignment_id=assignment_id, item=7, value=1)
    assert await ScreeningAnswer.filter(assignment_id=assignment_id).count() == 7

    result = await screening_result(deps, school.psychologist, assignment_id=assignment_id)
    assert (result.assignment.total, result.assignment.band) == (14, Band.MODERATE)
    assert [option.value if option else None for _, option in result.answers] == [2] * 7
    # The audit trail says what was done, never a score or an answer.
    records = await list_audit(school.admin)
    screening = [record for record in records if record.action.startswith("screening.")]
    assert {record.action for record in screening} == {
        "screening.assign",
        "screening.finish",
        "screening.read",
    }
    assert all("14" not in str(record.after) for record in screening)


async def test_a_critical_answer_opens_a_wellbeing_alert_at_once_that_escalates(
    deps: Deps, clock, school: School
):
    (assignment_id,) = (
        await assign_screening(
            deps,
            school.psychologist,
            instrument_id="phq9",
            person_id=school.aru.person_id,
            parental_consent=True,
        )
    ).assigned
    await answer_screening(deps, school.aru, assignment_id=assignment_id, item=1, value=0)
    assert not await WellbeingAlert.exists()
    # Item 9 answered before the rest (a forged button): the alert does not wait for the end.
    step = await answer_screening(deps, school.aru, assignment_id=assignment_id, item=9, value=1)
    assert not step.finished
    (alert,) = await WellbeingAlert.all()
    assert (alert.source, alert.person_id, alert.concerns) == (  # type: ignore[attr-defined]
        AlertSource.SCREENING,
        school.aru.person_id,
        [],
    )
    (told,) = await OutboxMessage.filter(message=ALERT_SCREENING)
    assert told.person_id == school.psychologist.person_id
    text = gettext_for("en", told.message).format(**told.params)
    assert "Әлиева Ару (8А) answered a screening questionnaire in a way that needs a" in text
    assert told.buttons == [[["Acknowledge", f"wba:{alert.id}:{alert.organisation_id}"]]]  # type: ignore[attr-defined]
    (view,) = await list_screenings(school.psychologist)
    assert (view.critical, view.total) == (True, None)

    # Nobody acknowledges: the admins are called in, still without the answer or a score.
    clock.advance(timedelta(minutes=deps.settings.wellbeing_escalation_minutes))
    assert await wellbeing_tick(deps) == 1
    (escalated,) = await OutboxMessage.filter(message=ESCALATED_SCREENING)
    assert escalated.person_id == school.admin.person_id
    assert set(escalated.params) >= {"student", "number"}
    assert not {"total", "band", "value"} & set(escalated.params)
