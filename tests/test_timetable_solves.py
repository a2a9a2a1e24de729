"""Timetable solver runs in the background (issue 11): a stored school is made whole with no
hard rule broken, locked lessons stay put, impossible input names its culprit, one run at a
time, an edit made during a run is kept and the result waits, interrupted runs fail.

Runs are awaited through ``wait_for_solve``; a run that must still be running while the test
acts is held by ``hold_solver``: the real solver finishes, then its thread waits for the
test."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from aiohttp import web

from core.actor import Actor
from core.clock import FrozenClock
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound
from core.models.timetabling import SchoolTimetable, SolveFailure, SolveState, TimetableSolve
from core.services.timetable_solves import (
    apply_solve,
    drop_solve,
    solve_form,
    solve_status,
    start_solve,
    wait_for_solve,
)
from core.timetabling.checker import check
from core.timetabling.problem import Lesson, Weights
from core.timetabling.serial import problem_from_data, timetable_from_data
from sabaq.runner import solves_context
from tests.timetable_factories import hold_solver, make_admin, store, tiny_school


async def test_a_run_places_every_lesson_breaking_no_hard_rule_and_becomes_the_timetable(
    deps: Deps,
) -> None:
    admin = await make_admin(deps)
    timetable = await store(deps, admin, tiny_school())
    weights = Weights(teacher_gaps=7, class_gaps=9)

    solve_id = await start_solve(
        deps, admin, timetable_id=timetable.id, seconds=2, keep_locked=True, weights=weights
    )
    await wait_for_solve(deps, solve_id)

    status = await solve_status(
        deps, admin, timetable_id=timetable.id, solve_id=solve_id, language="ru"
    )
    assert (status.state, status.state_label, status.outcome) == ("done", "готово", "applied")
    assert (status.placed, status.total, status.hard, status.percent) == (14, 14, 0, 100)
    assert [p.label for p in status.penalties][:2] == ["окна у учителей", "окна у классов"]
    stored = await SchoolTimetable.get(id=timetable.id)
    problem = problem_from_data(stored.problem)
    assert problem.weights == weights  # kept for the checker and later runs
    report = check(problem, timetable_from_data(stored.placements))
    assert (report.hard, report.unplaced) == (0, 0)
    assert status.best_penalty == report.soft_total
    assert stored.version == 3  # the weights, then the result


async def test_re_optimising_keeps_the_locked_lessons_where_they_are(deps: Deps) -> None:
    admin = await make_admin(deps)
    school = tiny_school()
    locked = {1: 7, 5: 12}  # Tuesday's last period and Thursday's first
    lessons = {
        lesson_id: replace(lesson, locked_slot=locked.get(lesson_id))
        for lesson_id, lesson in school.lessons.items()
    }
    timetable = await store(deps, admin, replace(school, lessons=lessons))

    solve_id = await start_solve(
        deps, admin, timetable_id=timetable.id, seconds=2, keep_locked=True, weights=None
    )
    await wait_for_solve(deps, solve_id)

    stored = await SchoolTimetable.get(id=timetable.id)
    placements = timetable_from_data(stored.placements)
    assert {lesson_id: placements[lesson_id].slot for lesson_id in locked} == locked
    assert len(placements) == 14
    form = await solve_form(deps, admin, timetable_id=timetable.id, language="en")
    assert (form.locked, form.lessons, form.running_id) == (2, 14, None)
    assert form.recent[0].outcome == "applied"


async def test_a_run_that_does_not_keep_locks_lifts_them_when_applied(deps: Deps) -> None:
    admin = await make_admin(deps)
    school = tiny_school()
    lessons = {**school.lessons, 1: Lesson(1, "math", ("ahmetov",), ("7a",), locked_slot=0)}
    timetable = await store(deps, admin, replace(school, lessons=lessons))

    solve_id = await start_solve(
        deps, admin, timetable_id=timetable.id, seconds=1, keep_locked=False, weights=None
    )
    await wait_for_solve(deps, solve_id)

    stored = await SchoolTimetable.get(id=timetable.id)
    assert problem_from_data(stored.problem).lessons[1].locked_slot is None
    assert len(stored.placements) == 14


async def test_impossible_input_ends_impossible_naming_the_teacher(deps: Deps) -> None:
    admin = await make_admin(deps)
    timetable = await store(deps, admin, tiny_school(busy_teacher=True))

    solve_id = await start_solve(
        deps, admin, timetable_id=timetable.id, seconds=1, keep_locked=True, weights=None
    )
    await wait_for_solve(deps, solve_id)

    status = await solve_status(
        deps, admin, timetable_id=timetable.id, solve_id=solve_id, language="en"
    )
    assert status.state == SolveState.IMPOSSIBLE
    assert status.culprits == ("Teacher Ахметов Б. has 6 periods of lessons but only 5 free.",)
    ru = await solve_status(
        deps, admin, timetable_id=timetable.id, solve_id=solve_id, language="ru"
    )
    assert "Ахметов Б." in ru.culprits[0] and ru.culprits[0] != status.culprits[0]
    assert (await SchoolTimetable.get(id=timetable.id)).placements == {}


async def test_a_second_start_while_one_runs_is_refused(
    deps: Deps, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = hold_solver(monkeypatch)
    admin = await make_admin(deps)
    timetable = await store(deps, admin, tiny_school())
    first = await start_solve(
        deps, admin, timetable_id=timetable.id, seconds=2, keep_locked=True, weights=None
    )
    clock.current += timedelta(seconds=1)

    with pytest.raises(Conflict):
        await start_solve(
            deps, admin, timetable_id=timetable.id, seconds=2, keep_locked=True, weights=None
        )

    status = await solve_status(
        deps, admin, timetable_id=timetable.id, solve_id=first, language="en"
    )
    assert (status.state, status.percent) == ("running", 50)
    form = await solve_form(deps, admin, timetable_id=timetable.id, language="en")
    assert form.running_id == first
    held.release()
    await wait_for_solve(deps, first)
    second = await start_solve(
        deps, admin, timetable_id=timetable.id, seconds=1, keep_locked=True, weights=None
    )
    await wait_for_solve(deps, second)
    assert await TimetableSolve.filter(state=SolveState.DONE).count() == 2


async def edited_during_a_run(
    deps: Deps, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, int]:
    """A timetable whose run ended after the admin placed lesson 1 by hand: its id and the
    run's."""
    held = hold_solver(monkeypatch)
    timetable = await store(deps, admin, tiny_school())
    solve_id = await start_solve(
        deps, admin, timetable_id=timetable.id, seconds=1, keep_locked=True, weights=None
    )
    # The other panel's hand edit: new placements, the version grown.
    await SchoolTimetable.filter(id=timetable.id).update(
        placements={"1": [19, None]}, version=timetable.version + 1
    )
    held.release()
    await wait_for_solve(deps, solve_id)
    return timetable.id, solve_id


async def test_an_edit_during_a_run_is_kept_and_the_result_waits_to_be_applied(
    deps: Deps, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = await make_admin(deps)
    timetable_id, solve_id = await edited_during_a_run(deps, admin, monkeypatch)

    status = await solve_status(
        deps, admin, timetable_id=timetable_id, solve_id=solve_id, language="en"
    )
    assert (status.state, status.outcome, status.edited) == ("done", "waiting", True)
    assert (await SchoolTimetable.get(id=timetable_id)).placements == {"1": [19, None]}

    await apply_solve(deps, admin, timetable_id=timetable_id, solve_id=solve_id)

    stored = await SchoolTimetable.get(id=timetable_id)
    assert len(stored.placements) == 14 and stored.version == 3
    status = await solve_status(
        deps, admin, timetable_id=timetable_id, solve_id=solve_id, language="en"
    )
    assert status.outcome == "applied"
    with pytest.raises(Conflict):
        await apply_solve(deps, admin, timetable_id=timetable_id, solve_id=solve_id)


async def test_a_waiting_result_can_be_dropped(
    deps: Deps, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = await make_admin(deps)
    timetable_id, solve_id = await edited_during_a_run(deps, admin, monkeypatch)

    await drop_solve(deps, admin, timetable_id=timetable_id, solve_id=solve_id)

    assert (await SchoolTimetable.get(id=timetable_id)).placements == {"1": [19, None]}
    status = await solve_status(
        deps, admin, timetable_id=timetable_id, solve_id=solve_id, language="en"
    )
    assert status.outcome == "dropped"
    with pytest.raises(Conflict):
        await apply_solve(deps, admin, timetable_id=timetable_id, solve_id=solve_id)


async def test_runs_cut_short_by_the_process_stopping_are_marked_interrupted(
    deps: Deps, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = hold_solver(monkeypatch)
    admin = await make_admin(deps)
    timetable = await store(deps, admin, tiny_school())
    # A run the last process left marked running when it died.
    left = await TimetableSolve.create(
        timetable_id=timetable.id, seconds=60, started_at=deps.clock.now()
    )
    process = solves_context(deps)(web.Application())
    await anext(process)  # the process starts
    assert (await TimetableSolve.get(id=left.id)).failure == SolveFailure.INTERRUPTED
    running = await start_solve(
        deps, admin, timetable_id=timetable.id, seconds=1, keep_locked=True, weights=None
    )
    await held.solving()

    await anext(process, None)  # the process stops
    held.release()

    for solve_id in (left.id, running):
        status = await solve_status(
            deps, admin, timetable_id=timetable.id, solve_id=solve_id, language="en"
        )
        assert status.state == SolveState.FAILED
        assert status.failure.startswith("The run was interrupted")
    assert (await SchoolTimetable.get(id=timetable.id)).placements == {}


async def test_bad_starts_are_refused_and_other_schools_are_not_found(deps: Deps) -> None:
    admin = await make_admin(deps)
    timetable = await store(deps, admin, tiny_school())
    for seconds, weights in ((0, None), (601, None), (10, Weights(class_gaps=101))):
        with pytest.raises(InvalidInput):
            await start_solve(
                deps,
                admin,
                timetable_id=timetable.id,
                seconds=seconds,
                keep_locked=True,
                weights=weights,
            )
    stranger = await make_admin(deps)
    with pytest.raises(NotFound):
        await start_solve(
            deps, stranger, timetable_id=timetable.id, seconds=10, keep_locked=True, weights=None
        )
    assert await TimetableSolve.all().count() == 0
