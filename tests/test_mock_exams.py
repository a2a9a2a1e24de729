"""Mock exam results (issue 9): ranges per exam, who enters and who reads, trends, and the
ENT outlook against a programme group's threshold."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from core.actor import Actor
from core.career.ent import Verdict, subject_pairs
from core.clock import FrozenClock
from core.deps import Deps
from core.errors import InvalidInput, NotFound, PermissionDenied
from core.models.career import MockExamResult
from core.services.atlas import GroupView
from core.services.mock_exams import (
    ExamKind,
    add_result,
    ent_outlook,
    latest_ent,
    my_results,
    parse_ielts,
    roster,
    student_results,
    trends,
)
from core.services.people import Role, link_parent
from tests.factories import make_member, make_organisation

#: A mock ENT of 95: history 15, literacies 8 and 7, mathematics 35, physics 30.
ENT_95 = {
    "history_kz": 15,
    "math_literacy": 8,
    "reading_literacy": 7,
    "profile_1": 35,
    "profile_2": 30,
}


WITHOUT_PROFILE_2 = {key: value for key, value in ENT_95.items() if key != "profile_2"}


@dataclass(frozen=True)
class School:
    admin: Actor
    counsellor: Actor
    teacher: Actor
    student: Actor
    other: Actor
    parent: Actor
    elsewhere: Actor  # a counsellor of another school


@pytest.fixture
async def school(deps: Deps) -> School:
    system = await make_organisation(deps, name="№12 мектеп-гимназия")
    admin = await make_member(deps, system, Role.ADMIN)
    student = await make_member(deps, system, Role.STUDENT, first_name="Айбек")
    parent = await make_member(deps, system, Role.PARENT, first_name="Гүлнар")
    await link_parent(
        deps, admin, parent_id=parent.person_id or 0, child_id=student.person_id or 0
    )
    other_school = await make_organisation(deps, name="№5 мектеп")
    return School(
        admin=admin,
        counsellor=await make_member(deps, system, Role.CAREER_COUNSELLOR),
        teacher=await make_member(deps, system, Role.TEACHER),
        student=student,
        other=await make_member(deps, system, Role.STUDENT, first_name="Дана"),
        parent=parent,
        elsewhere=await make_member(deps, other_school, Role.CAREER_COUNSELLOR),
    )


def today(clock: FrozenClock) -> date:
    return clock.now().date()


async def test_a_counsellor_enters_each_exam_and_the_student_sees_the_trend(
    deps: Deps, clock: FrozenClock, school: School
):
    student_id = school.student.person_id or 0
    first = await add_result(
        deps,
        school.counsellor,
        student_id=student_id,
        kind="ent",
        taken_on=today(clock) - timedelta(days=30),
        sections={**ENT_95, "profile_1": 28},
        pair_id="math_phys",
    )
    assert first.total == 88
    latest = await add_result(
        deps,
        school.teacher,
        student_id=student_id,
        kind="ent",
        taken_on=today(clock),
        sections=ENT_95,
        pair_id="math_phys",
        total=95,
    )
    ielts = await add_result(
        deps,
        school.counsellor,
        student_id=student_id,
        kind="ielts",
        taken_on=today(clock),
        total=parse_ielts("6,5"),
    )
    assert (ielts.total, ielts.score) == (65, "6.5")
    sat = await add_result(
        deps, school.admin, student_id=student_id, kind="sat", taken_on=today(clock), total=1350
    )
    nuet = await add_result(
        deps, school.admin, student_id=student_id, kind="nuet", taken_on=today(clock), total=160
    )

    own = await my_results(deps, school.student)
    assert {result.id for result in own} == {first.id, latest.id, ielts.id, sat.id, nuet.id}
    ent, *others = trends(own)
    assert (ent.latest.id, ent.change) == (latest.id, 7)
    assert [(trend.latest.kind, trend.change) for trend in others] == [
        (ExamKind.NUET, None),
        (ExamKind.SAT, None),
        (ExamKind.IELTS, None),
    ]
    assert (await latest_ent(deps, school.student)) == latest
    # The parent reads their child's; the other student and another school's counsellor not.
    assert len(await student_results(deps, school.parent, student_id=student_id)) == 5
    assert await my_results(deps, school.other) == []
    for stranger in (school.other, school.elsewhere):
        with pytest.raises(NotFound):
            await student_results(deps, stranger, student_id=student_id)


@pytest.mark.parametrize(
    "case",
    [
        ("ent", None, {**ENT_95, "profile_1": 51}, "math_phys", "scores"),
        ("ent", None, {**ENT_95, "history_kz": -1}, "math_phys", "scores"),
        ("ent", None, WITHOUT_PROFILE_2, "math_phys", "scores"),
        ("ent", None, ENT_95, "chess_poetry", "pair_id"),
        ("ent", 96, ENT_95, "math_phys", "total"),
        ("sat", 399, None, "", "total"),
        ("sat", 1355, None, "", "total"),
        ("sat", 1610, None, "", "total"),
        ("ielts", 95, None, "", "total"),
        ("ielts", 63, None, "", "total"),
        ("nuet", 241, None, "", "total"),
        ("nuet", None, None, "", "total"),
        ("toefl", 100, None, "", "kind"),
    ],
)
async def test_scores_out_of_range_are_refused_and_nothing_is_kept(
    deps: Deps, clock: FrozenClock, school: School, case: tuple
):
    kind, total, sections, pair, field = case
    with pytest.raises(InvalidInput) as refused:
        await add_result(
            deps,
            school.counsellor,
            student_id=school.student.person_id or 0,
            kind=kind,
            taken_on=today(clock),
            total=total,
            sections=sections,
            pair_id=pair,
        )
    assert refused.value.field == field
    assert refused.value.translated("kk") != refused.value.translated("en")
    assert await MockExamResult.all().count() == 0


@pytest.mark.parametrize(("typed", "tenths"), [("7", 70), ("6.5", 65), ("0", 0), ("9.0", 90)])
def test_an_ielts_band_is_kept_in_tenths(typed: str, tenths: int):
    assert parse_ielts(typed) == tenths


@pytest.mark.parametrize("typed", ["6.4", "9.5", "", "six", "-1", "6.55"])
def test_a_typed_ielts_band_out_of_steps_is_refused(typed: str):
    with pytest.raises(InvalidInput):
        parse_ielts(typed)


async def test_who_may_enter_results(deps: Deps, clock: FrozenClock, school: School):
    student_id = school.student.person_id or 0
    for refused in (school.student, school.parent):
        with pytest.raises(PermissionDenied):
            await add_result(
                deps, refused, student_id=student_id, kind="sat", taken_on=today(clock), total=1400
            )
    # Another school's counsellor, a student of no school here, a date in the future.
    with pytest.raises(NotFound):
        await add_result(
            deps,
            school.elsewhere,
            student_id=student_id,
            kind="sat",
            taken_on=today(clock),
            total=1400,
        )
    with pytest.raises(NotFound):
        await add_result(
            deps,
            school.counsellor,
            student_id=school.teacher.person_id or 0,
            kind="sat",
            taken_on=today(clock),
            total=1400,
        )
    with pytest.raises(InvalidInput) as future:
        await add_result(
            deps,
            school.counsellor,
            student_id=student_id,
            kind="sat",
            taken_on=today(clock) + timedelta(days=1),
            total=1400,
        )
    assert future.value.field == "taken_on"
    assert await MockExamResult.all().count() == 0


async def test_the_roster_finds_students_by_name_and_says_when_more_are_left(
    deps: Deps, school: School
):
    whole = await roster(deps, school.counsellor)
    assert [choice.name for choice in whole.students] == ["Сейітова Айбек", "Сейітова Дана"]
    assert not whole.more

    first = await roster(deps, school.counsellor, limit=1)
    assert len(first.students) == 1 and first.more
    found = await roster(deps, school.counsellor, query="дан", limit=1)
    assert [choice.name for choice in found.students] == ["Сейітова Дана"] and not found.more
    with pytest.raises(PermissionDenied):
        await roster(deps, school.parent)


def group(code: str, pair_ids: tuple[str, ...], threshold: int) -> GroupView:
    pairs = tuple(subject_pairs()[pair_id] for pair_id in pair_ids)
    return GroupView(code, {"en": code}, pairs, threshold, True)


async def test_the_ent_outlook_prefers_the_group_of_the_pair_taken(
    deps: Deps, clock: FrozenClock, school: School
):
    result = await add_result(
        deps,
        school.counsellor,
        student_id=school.student.person_id or 0,
        kind="ent",
        taken_on=today(clock),
        sections=ENT_95,
        pair_id="math_phys",
    )
    other, taken = group("B001", ("bio_chem",), 50), group("B057", ("math_phys",), 80)
    outlook = ent_outlook(result, [other, taken])
    assert outlook is not None
    assert (outlook.group, outlook.taken, outlook.feasibility.verdict) == (
        taken,
        None,
        Verdict.TARGET,
    )
    # Only groups of another pair: judged against the first, naming the pair taken.
    outlook = ent_outlook(result, [group("B086", ("bio_chem",), 70), other])
    assert outlook is not None
    assert outlook.taken == subject_pairs()["math_phys"]
    assert outlook.feasibility.verdict == Verdict.SAFE
    # 95 is exactly 20 over 75: safe from there, a target one point below.
    assert ent_outlook(result, [group("B001", ("math_phys",), 75)]).feasibility.verdict == (
        Verdict.SAFE
    )
    assert ent_outlook(result, [group("B001", ("math_phys",), 76)]).feasibility.verdict == (
        Verdict.TARGET
    )
    assert ent_outlook(result, [group("B001", ("math_phys",), 100)]).feasibility.missing == 5
    assert ent_outlook(result, []) is None
