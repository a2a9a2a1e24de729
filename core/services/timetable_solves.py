"""Timetable solver runs started in the panel (issue 11): a stored school timetable
(``core.models.timetabling``) solved in the background within a time budget, its progress
while it runs, and what became of it.

- **Start** (``timetables.manage``): ``start_solve`` stores the admin's soft rule weights in
  the problem (so the checker and later runs use them), writes a ``TimetableSolve`` row and
  runs CP-SAT in a worker thread (``asyncio.to_thread``: CP-SAT releases the GIL, so the
  panel keeps serving). One run per timetable at a time: a second start while one runs is a
  ``Conflict``. With ``keep_locked`` the locked lessons — and only they — stay where they
  are (the solver gets them as ``keep``); without it the locks are ignored, and lifted when
  the result is applied. Each run has its own seed (its id), so another run may find
  another timetable.
- **Progress**: the solver's callback runs in the solver's thread and hands the best score
  to the event loop with ``call_soon_threadsafe``; the row's ``best_penalty`` is written
  when it improves, at most once a ``PROGRESS_EVERY``. The percent shown is the share of the
  time budget gone by (the callback speaks only when a better timetable turns up).
- **End**: the result is checked by the checker, not taken on the solver's word. ``DONE``:
  the timetable's placements become the result and its version grows — unless the timetable
  changed since the run started (someone edited it) or the result breaks a hard rule; then
  it waits on the run (``placements``) for the admin to ``apply_solve`` or ``drop_solve``.
  ``IMPOSSIBLE``: the culprits are kept as message and parameters, translated when shown.
  ``FAILED``: no timetable within the time, an error (logged; the admin reads one sentence)
  or the process stopped while it ran (``fail_interrupted_solves`` at start-up, and the
  run itself when its task is cancelled at shutdown).
- **Audit**: ``timetable.solve`` (start, with the weights), ``timetable.solve_apply`` (by the
  admin, or by the ``solver`` system actor when the run applies itself),
  ``timetable.solve_drop``.

Runs live in the process that started them (``Deps.background``); with several panel
processes, the one restarting would mark the others' runs failed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from dataclasses import fields as dataclass_fields
from datetime import datetime
from typing import Any, Literal

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound
from core.i18n import N_, gettext_for
from core.models.timetabling import SchoolTimetable, SolveFailure, SolveState, TimetableSolve
from core.permissions import Permission, require
from core.services.audit import do_record
from core.services.lessons import check_id
from core.timetabling.checker import SOFT_RULES, check
from core.timetabling.files import SOFT_LABELS, locked_timetable
from core.timetabling.problem import Problem, Weights
from core.timetabling.serial import (
    problem_from_data,
    problem_to_data,
    timetable_to_data,
)
from core.timetabling.solver import Solution, Stop, solve
from core.tx import Tx, transaction

log = logging.getLogger(__name__)

MIN_SECONDS = 1
MAX_SECONDS = 600
DEFAULT_SECONDS = 60
MAX_WEIGHT = 100
#: At most one write of the best score so far per this many seconds.
PROGRESS_EVERY = 1.0
#: Runs listed on the solve page.
RECENT_RUNS = 10

WEIGHT_KEYS = tuple(item.name for item in dataclass_fields(Weights))
WEIGHT_MEANINGS: dict[str, str] = {
    "teacher_gaps": N_("per free period between two lessons of a teacher in a day"),
    "class_gaps": N_("per free period between two lessons of a class in a day"),
    "day_balance": N_("per lesson a class's busiest day has over its quietest"),
    "subject_spread": N_("per extra lesson of a subject on one day for one class"),
    "preferred_rooms": N_("per lesson outside its preferred rooms"),
    "building_changes": N_("per change of building in a teacher's day (checked, not planned)"),
    "min_days": N_("per pair of lessons of a subject closer than the days they should be apart"),
}
STATE_LABELS: dict[SolveState, str] = {
    SolveState.RUNNING: N_("running"),
    SolveState.DONE: N_("done"),
    SolveState.IMPOSSIBLE: N_("impossible"),
    SolveState.FAILED: N_("failed"),
}
FAILURES: dict[SolveFailure, str] = {
    SolveFailure.NONE: "",
    SolveFailure.INTERRUPTED: N_(
        "The run was interrupted: the server stopped while it ran. Start it again."
    ),
    SolveFailure.NO_TIMETABLE: N_(
        "The solver found no timetable in the time given. Give it more time."
    ),
    SolveFailure.ERROR: N_(
        "Something went wrong while solving; the timetable was not changed. Please try again."
    ),
}
_SECONDS = N_("Give the solver from {low} to {high} seconds.")
_WEIGHT = N_("A weight is a whole number from 0 to {high}.")
_NO_LESSONS = N_("This timetable has no lessons to place.")
_ALREADY_RUNNING = N_(
    "A run is already making this timetable. Wait for it to end, then start another."
)
_NOTHING_TO_APPLY = N_("This run has no result waiting to be applied.")

Outcome = Literal["applied", "waiting", "dropped", ""]


@dataclass(frozen=True)
class WeightRow:
    key: str
    label: str  # in the reader's language
    meaning: str
    value: int


@dataclass(frozen=True)
class RulePenalty:
    rule: str
    label: str  # in the reader's language
    cost: int  # weighted, as the checker counts it


@dataclass(frozen=True)
class SolveStatus:
    """One run as its reader sees it; sentences are in the reader's language.

    ``outcome`` of a ``DONE`` run: ``applied`` (its result is, or was, the timetable),
    ``waiting`` (for the admin to apply or drop it; ``edited`` when the timetable changed
    since the run started), ``dropped``."""

    id: int
    timetable_id: int
    timetable_name: str
    state: SolveState
    state_label: str
    seconds: int
    keep_locked: bool
    percent: int
    best_penalty: int | None
    placed: int
    total: int
    culprits: tuple[str, ...]
    failure: str
    penalties: tuple[RulePenalty, ...]
    hard: int | None
    outcome: Outcome
    edited: bool
    started_at: datetime
    finished_at: datetime | None

    @property
    def running(self) -> bool:
        return self.state == SolveState.RUNNING


@dataclass(frozen=True)
class SolveForm:
    """What the solve page offers: the timetable's weights and its recent runs."""

    timetable_id: int
    timetable_name: str
    lessons: int
    locked: int
    weights: tuple[WeightRow, ...]
    running_id: int | None
    recent: tuple[SolveStatus, ...]


def run_key(solve_id: int) -> str:
    """The run's task in ``Deps.background``."""
    return f"timetable-solve-{solve_id}"


def workers(deps: Deps) -> int:
    return deps.settings.timetable_workers or os.cpu_count() or 1


def weights_from(values: dict[str, int]) -> Weights:
    """Weights from one value per soft rule key (a key left out keeps its default).

    Raises:
        InvalidInput: a weight below 0 or above ``MAX_WEIGHT`` (``field`` is its key).
    """
    for key, value in values.items():
        if key in WEIGHT_KEYS and not 0 <= value <= MAX_WEIGHT:
            raise InvalidInput(_WEIGHT, field=key, high=MAX_WEIGHT)
    return Weights(**{key: value for key, value in values.items() if key in WEIGHT_KEYS})


async def _timetable(actor: Actor, timetable_id: int, *, lock: bool = False) -> SchoolTimetable:
    await require(actor, Permission.TIMETABLES_MANAGE)
    check_id(timetable_id)
    query = SchoolTimetable.filter(id=timetable_id, organisation_id=actor.organisation_id)
    found = await (query.select_for_update() if lock else query).first()
    if found is None:
        raise NotFound()
    return found


async def _run_of(timetable: SchoolTimetable, solve_id: int, *, lock: bool) -> TimetableSolve:
    check_id(solve_id)
    query = TimetableSolve.filter(id=solve_id, timetable_id=timetable.id)
    found = await (query.select_for_update() if lock else query).first()
    if found is None:
        raise NotFound()
    return found


def _unlocked(problem: Problem) -> Problem:
    lessons = {
        lesson_id: replace(lesson, locked_slot=None, locked_room=None)
        for lesson_id, lesson in problem.lessons.items()
    }
    return replace(problem, lessons=lessons)


async def start_solve(
    deps: Deps,
    actor: Actor,
    *,
    timetable_id: int,
    seconds: int,
    keep_locked: bool,
    weights: Weights | None,
) -> int:
    """Start making the timetable within ``seconds`` in the background; the run's id.

    Args:
        keep_locked: the locked lessons stay where they are; else every lesson may move.
        weights: the soft rules' weights to keep in the problem (None: those it has).

    Raises:
        PermissionDenied: not ``timetables.manage``.
        NotFound: no such timetable in the actor's organisation.
        InvalidInput: ``seconds`` out of bounds, a weight out of bounds, no lessons.
        Conflict: a run of this timetable is still running.
    """
    if not MIN_SECONDS <= seconds <= MAX_SECONDS:
        raise InvalidInput(_SECONDS, field="seconds", low=MIN_SECONDS, high=MAX_SECONDS)
    if weights is not None:
        weights_from(asdict(weights))
    async with transaction(deps) as tx:
        timetable = await _timetable(actor, timetable_id, lock=True)
        if await TimetableSolve.filter(
            timetable_id=timetable.id, state=SolveState.RUNNING
        ).exists():
            raise Conflict(_ALREADY_RUNNING)
        problem = problem_from_data(timetable.problem)
        if not problem.lessons:
            raise InvalidInput(_NO_LESSONS)
        if weights is not None and weights != problem.weights:
            problem = replace(problem, weights=weights)
            timetable.problem = problem_to_data(problem)
            timetable.version += 1
            timetable.updated_at = tx.now
            await timetable.save(update_fields=["problem", "version", "updated_at"])
        run = await TimetableSolve.create(
            timetable_id=timetable.id,
            seconds=seconds,
            keep_locked=keep_locked,
            total=len(problem.lessons),
            base_version=timetable.version,
            started_by_id=actor.person_id,
            started_at=tx.now,
        )
        await do_record(
            tx,
            actor,
            action="timetable.solve",
            object_type="school_timetable",
            object_id=timetable.id,
            after={
                "solve": run.id,
                "seconds": seconds,
                "keep_locked": keep_locked,
                "weights": asdict(problem.weights),
            },
        )
    deps.background.start(run_key(run.id), _run(deps, run, problem))
    return run.id


async def wait_for_solve(deps: Deps, solve_id: int) -> None:
    """Until the run ``solve_id`` this process started has ended (tests wait so)."""
    await deps.background.wait(run_key(solve_id))


class _Best:
    """The best score so far as the event loop sees it, and its writer to the run's row."""

    def __init__(self, solve_id: int) -> None:
        self.solve_id = solve_id
        self.score: int | None = None
        self.changed = asyncio.Event()
        self.ended = asyncio.Event()

    def offer(self, score: int) -> None:
        if self.score is None or score < self.score:
            self.score = score
            self.changed.set()

    async def write(self) -> None:
        written: int | None = None
        while True:
            await self.changed.wait()
            if self.ended.is_set():
                return
            self.changed.clear()
            if self.score != written:
                written = self.score
                await TimetableSolve.filter(id=self.solve_id, state=SolveState.RUNNING).update(
                    best_penalty=written
                )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.ended.wait(), PROGRESS_EVERY)

    async def end(self, writer: asyncio.Task[None]) -> None:
        """Stop the writer; a write that failed only cost the progress shown meanwhile."""
        self.ended.set()
        self.changed.set()
        (outcome,) = await asyncio.gather(writer, return_exceptions=True)
        if isinstance(outcome, Exception):
            log.warning("timetable solve %s: progress not written: %r", self.solve_id, outcome)


async def _run(deps: Deps, run: TimetableSolve, problem: Problem) -> None:
    loop = asyncio.get_running_loop()
    stop = Stop()
    best = _Best(run.id)

    def progress(_done: float, rules: Mapping[str, int]) -> None:  # in the solver's thread
        loop.call_soon_threadsafe(best.offer, sum(rules.values()))

    solving = problem if run.keep_locked else _unlocked(problem)
    writer = asyncio.create_task(best.write())
    try:
        solution = await asyncio.to_thread(
            solve,
            solving,
            seconds=run.seconds,
            seed=run.id,
            workers=workers(deps),
            keep=locked_timetable(problem) if run.keep_locked else None,
            progress=progress,
            stop=stop,
        )
        await best.end(writer)
        await _finish(deps, run.id, solving, solution)
    except asyncio.CancelledError:
        stop()
        await best.end(writer)
        await _fail(deps, run.id, SolveFailure.INTERRUPTED)
        raise
    except Exception:
        log.exception("timetable solve %s failed", run.id)
        stop()
        await best.end(writer)
        await _fail(deps, run.id, SolveFailure.ERROR)


async def _fail(deps: Deps, solve_id: int, failure: SolveFailure) -> None:
    await TimetableSolve.filter(id=solve_id, state=SolveState.RUNNING).update(
        state=SolveState.FAILED, failure=failure, finished_at=deps.clock.now()
    )


async def _finish(deps: Deps, solve_id: int, problem: Problem, solution: Solution) -> None:
    if solution.status == "infeasible":
        culprits = [
            {"kind": c.kind, "ids": list(c.ids), "message": c.message, "params": dict(c.params)}
            for c in solution.culprits
        ]
        await TimetableSolve.filter(id=solve_id).update(
            state=SolveState.IMPOSSIBLE, culprits=culprits, finished_at=deps.clock.now()
        )
        return
    if not solution.timetable:
        await _fail(deps, solve_id, SolveFailure.NO_TIMETABLE)
        return
    report = check(problem, solution.timetable)
    async with transaction(deps) as tx:
        run = await TimetableSolve.select_for_update().get(id=solve_id)
        if run.state != SolveState.RUNNING:  # marked failed meanwhile (a restart elsewhere)
            return
        timetable = await SchoolTimetable.select_for_update().get(id=run.timetable_id)  # type: ignore[attr-defined]
        run.state = SolveState.DONE
        run.finished_at = tx.now
        run.placed = len(problem.lessons) - report.unplaced
        run.hard = report.hard
        run.penalties = dict(report.soft)
        run.best_penalty = report.soft_total
        run.placements = timetable_to_data(solution.timetable)
        if timetable.version == run.base_version and report.hard == 0:
            solver = Actor.system(timetable.organisation_id, "solver")  # type: ignore[attr-defined]
            await _apply(tx, solver, timetable, run)
        await run.save()


async def _apply(tx: Tx, actor: Actor, timetable: SchoolTimetable, run: TimetableSolve) -> None:
    """The run's result becomes the timetable (the caller saves ``run``)."""
    if not run.keep_locked:
        timetable.problem = problem_to_data(_unlocked(problem_from_data(timetable.problem)))
    timetable.placements = run.placements or {}
    timetable.version += 1
    timetable.updated_at = tx.now
    await timetable.save(update_fields=["problem", "placements", "version", "updated_at"])
    run.placements = None
    run.applied_at = tx.now
    await do_record(
        tx,
        actor,
        action="timetable.solve_apply",
        object_type="school_timetable",
        object_id=timetable.id,
        after={"solve": run.id, "version": timetable.version},
    )


async def apply_solve(deps: Deps, actor: Actor, *, timetable_id: int, solve_id: int) -> None:
    """The result a run keeps waiting becomes the timetable, replacing any edits made since
    the run started (and lifting the locks when the run did not keep them).

    Raises:
        PermissionDenied: not ``timetables.manage``.
        NotFound: no such timetable or run in the actor's organisation.
        Conflict: the run has no result waiting (applied, dropped, or not done).
    """
    async with transaction(deps) as tx:
        timetable = await _timetable(actor, timetable_id, lock=True)
        run = await _run_of(timetable, solve_id, lock=True)
        if run.state != SolveState.DONE or run.placements is None:
            raise Conflict(_NOTHING_TO_APPLY)
        await _apply(tx, actor, timetable, run)
        await run.save(update_fields=["placements", "applied_at"])


async def drop_solve(deps: Deps, actor: Actor, *, timetable_id: int, solve_id: int) -> None:
    """Forget the result a run keeps waiting; the timetable stays as it is.

    Raises:
        PermissionDenied: not ``timetables.manage``.
        NotFound: no such timetable or run in the actor's organisation.
        Conflict: the run has no result waiting.
    """
    async with transaction(deps) as tx:
        timetable = await _timetable(actor, timetable_id, lock=True)
        run = await _run_of(timetable, solve_id, lock=True)
        if run.state != SolveState.DONE or run.placements is None:
            raise Conflict(_NOTHING_TO_APPLY)
        run.placements = None
        await run.save(update_fields=["placements"])
        await do_record(
            tx,
            actor,
            action="timetable.solve_drop",
            object_type="school_timetable",
            object_id=timetable.id,
            after={"solve": run.id},
        )


async def fail_interrupted_solves(deps: Deps) -> int:
    """At start-up: runs a stopped process left marked running are marked failed
    (interrupted); how many there were."""
    return await TimetableSolve.filter(state=SolveState.RUNNING).update(
        state=SolveState.FAILED, failure=SolveFailure.INTERRUPTED, finished_at=deps.clock.now()
    )


def _status(
    deps: Deps, run: TimetableSolve, timetable: SchoolTimetable, language: str
) -> SolveStatus:
    def say(message: str, **params: Any) -> str:
        text = gettext_for(language, message)
        return text.format(**params) if params else text

    if run.state == SolveState.RUNNING:
        gone = (deps.clock.now() - run.started_at).total_seconds()
        percent = max(0, min(99, int(gone * 100 / run.seconds)))
    else:
        percent = 100
    outcome: Outcome = ""
    if run.state == SolveState.DONE:
        outcome = (
            "applied" if run.applied_at else "waiting" if run.placements is not None else "dropped"
        )
    return SolveStatus(
        id=run.id,
        timetable_id=timetable.id,
        timetable_name=timetable.name,
        state=run.state,
        state_label=say(STATE_LABELS[run.state]),
        seconds=run.seconds,
        keep_locked=run.keep_locked,
        percent=percent,
        best_penalty=run.best_penalty,
        placed=run.placed,
        total=run.total,
        culprits=tuple(say(c["message"], **c.get("params", {})) for c in run.culprits),
        failure=say(FAILURES[run.failure]) if run.failure else "",
        penalties=tuple(  # in the checker's order (PostgreSQL's JSON keeps no key order)
            RulePenalty(rule, say(SOFT_LABELS[rule]), (run.penalties or {})[rule])
            for rule in SOFT_RULES
            if rule in (run.penalties or {})
        ),
        hard=run.hard,
        outcome=outcome,
        edited=outcome == "waiting" and timetable.version != run.base_version,
        started_at=run.started_at,
        finished_at=run.finished_at,
    )


async def solve_status(
    deps: Deps, actor: Actor, *, timetable_id: int, solve_id: int, language: str
) -> SolveStatus:
    """A run as it stands: state, percent of its time used, best penalty so far, lessons
    placed, and once ended the checker's penalty by rule or the culprits, in ``language``.

    Raises:
        PermissionDenied: not ``timetables.manage``.
        NotFound: no such timetable or run in the actor's organisation.
    """
    timetable = await _timetable(actor, timetable_id)
    run = await _run_of(timetable, solve_id, lock=False)
    return _status(deps, run, timetable, language)


async def solve_form(deps: Deps, actor: Actor, *, timetable_id: int, language: str) -> SolveForm:
    """The timetable's current weights, its locked lessons and its recent runs.

    Raises:
        PermissionDenied: not ``timetables.manage``.
        NotFound: no such timetable in the actor's organisation.
    """
    timetable = await _timetable(actor, timetable_id)
    problem = problem_from_data(timetable.problem)
    runs = (
        await TimetableSolve.filter(timetable_id=timetable.id).order_by("-id").limit(RECENT_RUNS)
    )
    recent = tuple(_status(deps, run, timetable, language) for run in runs)
    return SolveForm(
        timetable_id=timetable.id,
        timetable_name=timetable.name,
        lessons=len(problem.lessons),
        locked=len(locked_timetable(problem)),
        weights=tuple(
            WeightRow(
                key,
                gettext_for(language, SOFT_LABELS[key]),
                gettext_for(language, WEIGHT_MEANINGS[key]),
                getattr(problem.weights, key),
            )
            for key in WEIGHT_KEYS
        ),
        running_id=next((run.id for run in recent if run.running), None),
        recent=recent,
    )
