"""A district's olympiad for tests: a district with an organiser and two schools with a
student each, a contest of the district's tasks, and a stand-in for the judge."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from core.actor import Actor
from core.deps import Deps
from core.judge.judging import JudgeReport
from core.models.org import OrganisationKind
from core.models.people import Role
from core.services.contests import ContestForm, ContestKind, create_contest
from core.services.judge_queue import claim_next, store_report
from core.services.submissions import submission_view
from tests.factories import make_member, make_organisation
from tests.judge_factories import AB_RIGHT, make_task


@dataclass
class Olympiad:
    """``organiser`` works in the district; ``aigul`` studies at school №1, ``timur`` at
    school №2; ``teacher`` teaches at school №1. ``tasks`` belong to the district."""

    district: Actor
    organiser: Actor
    aigul: Actor
    timur: Actor
    teacher: Actor
    tasks: tuple[int, int]


async def make_olympiad(deps: Deps) -> Olympiad:
    district = await make_organisation(deps, name="Тараз ауданы", kind=OrganisationKind.AUTHORITY)
    first = await make_organisation(
        deps, name="№1 мектеп", kind=OrganisationKind.SCHOOL, parent_id=district.organisation_id
    )
    second = await make_organisation(
        deps, name="№2 мектеп", kind=OrganisationKind.SCHOOL, parent_id=district.organisation_id
    )
    organiser = await make_member(deps, district, Role.TEACHER, login="organiser@example.kz")
    tasks = (
        await make_task(deps, organiser, published=False, name="A+B"),
        await make_task(deps, organiser, published=False, name="Sum again"),
    )
    return Olympiad(
        district=district,
        organiser=organiser,
        aigul=await make_member(
            deps,
            first,
            Role.STUDENT,
            last_name="Серікова",
            first_name="Айгүл",
            login="aigul@example.kz",
        ),
        timur=await make_member(
            deps,
            second,
            Role.STUDENT,
            last_name="Әлиев",
            first_name="Тимур",
            login="timur@example.kz",
        ),
        teacher=await make_member(deps, first, Role.TEACHER, login="school1.teacher@example.kz"),
        tasks=tasks,
    )


def contest_form(
    starts_at: datetime,
    *,
    tasks: tuple[int, ...],
    hours: int = 2,
    kind: ContestKind = ContestKind.ICPC,
    freeze_minutes: int | None = None,
) -> ContestForm:
    return ContestForm(
        name="Аудандық олимпиада",
        kind=kind,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        penalty_minutes=20,
        freeze_minutes=freeze_minutes,
        task_ids=tasks,
    )


async def make_contest(
    deps: Deps,
    olympiad: Olympiad,
    *,
    starts_in: timedelta = timedelta(0),
    freeze_minutes: int | None = None,
    kind: ContestKind = ContestKind.ICPC,
) -> int:
    form = contest_form(
        deps.clock.now() + starts_in,
        tasks=olympiad.tasks,
        freeze_minutes=freeze_minutes,
        kind=kind,
    )
    return await create_contest(deps, olympiad.organiser, form=form)


async def judge_queued(deps: Deps, reader: Actor) -> int:
    """Stand in for the sandbox: judge every queued submission as it would for A+B (the
    right program is accepted, anything else fails test 2); ``reader`` (a writer of the
    tasks) reads the sources. Returns how many were judged."""
    judged = 0
    while (claim := await claim_next(deps)) is not None:
        view = await submission_view(reader, claim.submission_id)
        right = view.source == AB_RIGHT
        report = (
            JudgeReport(verdict="ok", score=100)
            if right
            else JudgeReport(verdict="wrong_answer", failed_test=2, score=0)
        )
        await store_report(deps, claim, report)
        judged += 1
    return judged
