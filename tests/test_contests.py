"""Contests (issue 10) through the core services: who may enter, the participation window,
problems hidden until one's start, freezing and unfreezing, virtual participation."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from core.actor import Actor
from core.clock import FrozenClock
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.i18n import gettext_for
from core.models.judge import Contest, ContestEntry
from core.models.people import Role
from core.services.contests import (
    contest_submissions,
    contest_task,
    contest_view,
    create_contest,
    enter_contest,
    list_contests,
    scoreboard,
    submit_to_contest,
    unfreeze,
)
from core.services.submissions import SubmissionChannel
from tests.contest_factories import contest_form, judge_queued, make_contest, make_olympiad
from tests.factories import make_member, make_organisation
from tests.judge_factories import AB_RIGHT, AB_WRONG
from tests.test_query_counts import counting_queries

pytestmark = pytest.mark.usefixtures("db")
WEB = SubmissionChannel.WEB


async def test_bad_forms_are_refused_and_nothing_is_stored(deps: Deps) -> None:
    olympiad = await make_olympiad(deps)
    start = deps.clock.now()
    good = contest_form(start, tasks=olympiad.tasks)
    for bad, field in (
        (replace(good, name="  "), "name"),
        (replace(good, ends_at=start), "ends_at"),
        (replace(good, ends_at=start + timedelta(days=15)), "ends_at"),
        (replace(good, penalty_minutes=121), "penalty_minutes"),
        (replace(good, freeze_minutes=121), "freeze_minutes"),
        (replace(good, task_ids=()), "task_ids"),
    ):
        with pytest.raises(InvalidInput) as refused:
            await create_contest(deps, olympiad.organiser, form=bad)
        assert refused.value.field == field
    with pytest.raises(PermissionDenied):
        await create_contest(deps, olympiad.aigul, form=good)
    assert await Contest.all().count() == 0


async def test_tasks_of_another_organisation_are_refused(deps: Deps) -> None:
    olympiad = await make_olympiad(deps)
    elsewhere = await make_organisation(deps, name="Басқа орталық")
    stranger = await make_member(deps, elsewhere, Role.TEACHER)
    form = contest_form(deps.clock.now(), tasks=olympiad.tasks)
    with pytest.raises(InvalidInput):
        await create_contest(deps, stranger, form=form)
    assert await Contest.all().count() == 0


async def test_students_of_the_schools_below_see_and_enter_the_district_contest(
    deps: Deps,
) -> None:
    olympiad = await make_olympiad(deps)
    contest_id = await make_contest(deps, olympiad, starts_in=timedelta(hours=1))
    assert [row.id for row in await list_contests(deps, olympiad.timur)] == [contest_id]
    assert [row.state for row in await list_contests(deps, olympiad.aigul)] == ["before"]
    outsider = await make_member(deps, await make_organisation(deps, name="Басқа"), Role.STUDENT)
    assert await list_contests(deps, outsider) == []
    with pytest.raises(NotFound):
        await contest_view(deps, outsider, contest_id)

    await enter_contest(deps, olympiad.aigul, contest_id=contest_id)
    await enter_contest(deps, olympiad.aigul, contest_id=contest_id)  # twice changes nothing
    entries = await ContestEntry.filter(contest_id=contest_id)
    assert [(entry.person_id, entry.school_id) for entry in entries] == [
        (olympiad.aigul.person_id, olympiad.aigul.organisation_id)
    ]


async def test_only_students_take_part(deps: Deps) -> None:
    olympiad = await make_olympiad(deps)
    contest_id = await make_contest(deps, olympiad)
    for not_a_student in (olympiad.teacher, olympiad.organiser):
        with pytest.raises(Conflict) as refused:
            await enter_contest(deps, not_a_student, contest_id=contest_id)
        assert refused.value.message == "Only students take part in contests."
    assert await ContestEntry.filter(contest_id=contest_id).count() == 0


async def test_problems_stay_hidden_until_the_start_and_submissions_keep_to_the_window(
    deps: Deps, clock: FrozenClock
) -> None:
    olympiad = await make_olympiad(deps)
    contest_id = await make_contest(deps, olympiad, starts_in=timedelta(hours=1))
    task_id = olympiad.tasks[0]
    with pytest.raises(Conflict) as refused:
        await submit_to_contest(
            deps,
            olympiad.aigul,
            contest_id=contest_id,
            task_id=task_id,
            language="python",
            source=AB_RIGHT.encode(),
            channel=WEB,
        )
    assert refused.value.message == "Enter the contest first."

    await enter_contest(deps, olympiad.aigul, contest_id=contest_id)
    assert (await contest_view(deps, olympiad.aigul, contest_id)).problems == ()
    with pytest.raises(NotFound):
        await contest_task(deps, olympiad.aigul, contest_id, task_id)
    with pytest.raises(Conflict) as refused:
        await submit_to_contest(
            deps,
            olympiad.aigul,
            contest_id=contest_id,
            task_id=task_id,
            language="python",
            source=AB_RIGHT.encode(),
            channel=WEB,
        )
    # 07:00 UTC is 12:00 in Almaty, the district's time zone.
    assert gettext_for("en", refused.value.message).format(**refused.value.params) == (
        "The contest has not started yet. It starts at 01.09.2026 12:00."
    )
    # The organiser reads the problems before the start.
    assert [
        row.label for row in (await contest_view(deps, olympiad.organiser, contest_id)).problems
    ] == ["A", "B"]

    clock.advance(timedelta(hours=1))
    view = await contest_view(deps, olympiad.aigul, contest_id)
    assert [(row.label, row.name) for row in view.problems] == [("A", "A+B"), ("B", "Sum again")]
    task = await contest_task(deps, olympiad.aigul, contest_id, task_id)
    assert task.package is None  # no hidden tests
    assert [sample.input for sample in task.samples] == ["2 0\n"]
    submission_id = await submit_to_contest(
        deps,
        olympiad.aigul,
        contest_id=contest_id,
        task_id=task_id,
        language="python",
        source=AB_RIGHT.encode(),
        channel=WEB,
    )
    (row,) = await contest_submissions(olympiad.aigul, contest_id)
    assert (row.id, row.label, row.state) == (submission_id, "A", "queued")
    assert await judge_queued(deps, olympiad.organiser) == 1
    (row,) = await contest_submissions(olympiad.aigul, contest_id)
    assert row.verdict == "ok"

    clock.advance(timedelta(hours=2))
    with pytest.raises(Conflict) as refused:
        await submit_to_contest(
            deps,
            olympiad.aigul,
            contest_id=contest_id,
            task_id=task_id,
            language="python",
            source=AB_RIGHT.encode(),
            channel=WEB,
        )
    assert refused.value.message.startswith("The contest is over.")


async def test_a_task_outside_the_contest_is_not_found(deps: Deps) -> None:
    olympiad = await make_olympiad(deps)
    form = contest_form(deps.clock.now(), tasks=olympiad.tasks[:1])
    contest_id = await create_contest(deps, olympiad.organiser, form=form)
    await enter_contest(deps, olympiad.aigul, contest_id=contest_id)
    with pytest.raises(NotFound):
        await contest_task(deps, olympiad.aigul, contest_id, olympiad.tasks[1])
    with pytest.raises(NotFound):
        await submit_to_contest(
            deps,
            olympiad.aigul,
            contest_id=contest_id,
            task_id=olympiad.tasks[1],
            language="python",
            source=AB_RIGHT.encode(),
            channel=WEB,
        )


async def test_entering_after_the_end_is_a_virtual_participation_of_the_contest_length(
    deps: Deps, clock: FrozenClock
) -> None:
    olympiad = await make_olympiad(deps)
    contest_id = await make_contest(deps, olympiad)
    await enter_contest(deps, olympiad.aigul, contest_id=contest_id)
    await submit_to_contest(
        deps,
        olympiad.aigul,
        contest_id=contest_id,
        task_id=olympiad.tasks[0],
        language="python",
        source=AB_RIGHT.encode(),
        channel=WEB,
    )
    clock.advance(timedelta(days=1))
    await enter_contest(deps, olympiad.timur, contest_id=contest_id)
    view = await contest_view(deps, olympiad.timur, contest_id)
    assert view.virtual and view.entry_start == clock.now()
    assert len(view.problems) == 2

    clock.advance(timedelta(minutes=30))
    await submit_to_contest(
        deps,
        olympiad.timur,
        contest_id=contest_id,
        task_id=olympiad.tasks[0],
        language="python",
        source=AB_RIGHT.encode(),
        channel=WEB,
    )
    await judge_queued(deps, olympiad.organiser)
    board = await scoreboard(deps, olympiad.aigul, contest_id)
    assert [(row.participant.name, row.rank, row.virtual) for row in board.rows] == [
        ("Серікова Айгүл", 1, False),
        ("Әлиев Тимур", None, True),
    ]
    assert board.rows[1].cells[0].minutes == 30  # on the virtual participant's own clock

    clock.advance(timedelta(hours=2))
    with pytest.raises(Conflict) as refused:
        await submit_to_contest(
            deps,
            olympiad.timur,
            contest_id=contest_id,
            task_id=olympiad.tasks[0],
            language="python",
            source=AB_RIGHT.encode(),
            channel=WEB,
        )
    assert refused.value.message.startswith("Your virtual participation is over")


async def test_the_freeze_hides_late_attempts_from_participants_until_unfrozen(
    deps: Deps, clock: FrozenClock
) -> None:
    olympiad = await make_olympiad(deps)
    contest_id = await make_contest(deps, olympiad, freeze_minutes=30)
    await enter_contest(deps, olympiad.aigul, contest_id=contest_id)
    clock.advance(timedelta(minutes=100))  # inside the last 30 minutes
    await submit_to_contest(
        deps,
        olympiad.aigul,
        contest_id=contest_id,
        task_id=olympiad.tasks[0],
        language="python",
        source=AB_WRONG.encode(),
        channel=WEB,
    )
    await judge_queued(deps, olympiad.organiser)

    cell = (await scoreboard(deps, olympiad.aigul, contest_id)).rows[0].cells[0]
    assert (cell.status, cell.pending) == ("pending", 1)
    cell = (await scoreboard(deps, olympiad.organiser, contest_id)).rows[0].cells[0]
    assert (cell.status, cell.tries) == ("rejected", 1)

    with pytest.raises(Conflict) as refused:
        await unfreeze(deps, olympiad.organiser, contest_id=contest_id)
    assert refused.value.message == "The scoreboard can be unfrozen only after the contest ends."
    with pytest.raises(NotFound):
        await unfreeze(deps, olympiad.aigul, contest_id=contest_id)

    clock.advance(timedelta(minutes=20))
    await unfreeze(deps, olympiad.organiser, contest_id=contest_id)
    cell = (await scoreboard(deps, olympiad.aigul, contest_id)).rows[0].cells[0]
    assert (cell.status, cell.tries) == ("rejected", 1)
    assert (await contest_view(deps, olympiad.aigul, contest_id)).freeze_at is None


async def _board_queries(
    deps: Deps, monkeypatch: pytest.MonkeyPatch, viewer: Actor, contest_id: int
) -> int:
    with counting_queries(monkeypatch) as seen:
        await scoreboard(deps, viewer, contest_id)
    return len(seen)


async def test_the_scoreboard_costs_the_same_for_2_or_12_participants(
    deps: Deps, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every participant's page polls it each second."""
    olympiad = await make_olympiad(deps)
    contest_id = await make_contest(deps, olympiad)
    students = [olympiad.aigul, olympiad.timur]
    for student in students:
        await enter_contest(deps, student, contest_id=contest_id)
    few = await _board_queries(deps, monkeypatch, olympiad.aigul, contest_id)
    school = Actor.system(olympiad.aigul.organisation_id, "test")
    for number in range(10):
        student = await make_member(deps, school, Role.STUDENT, first_name=f"Оқушы{number}")
        await enter_contest(deps, student, contest_id=contest_id)
        await submit_to_contest(
            deps,
            student,
            contest_id=contest_id,
            task_id=olympiad.tasks[number % 2],
            language="python",
            source=AB_RIGHT.encode(),
            channel=WEB,
        )
    await judge_queued(deps, olympiad.organiser)
    many = await _board_queries(deps, monkeypatch, olympiad.aigul, contest_id)
    assert 0 < few == many
