"""Contest scoreboards and monitoring (pure: rows in, figures out; no database, no text).

``build_scoreboard`` ranks the participants of an ICPC or IOI contest as one viewer sees
them; ``monitoring`` gives an organiser figures per school and per problem. Both take plain
dataclasses (``ContestRules``, ``Participant``, ``Attempt``) that the caller fills from rows.

**Which attempts count.** An attempt counts only for a problem of the contest and only inside
its participant's *window*: from the contest start to its end (both included), or, for a
virtual participant, from their ``virtual_start`` for the contest's length. Attempts outside
the window never count (a late submission after ``end`` changes nothing); times are measured
from the start of the participant's own window, in whole minutes rounded down as ICPC does.
Attempts are taken in time order; two at the same instant keep the order they are given in
(pass them ordered by submission id).

**ICPC.** A problem is solved by its first ``ok``; its penalty is the minutes from the start to
that attempt plus ``penalty_minutes`` for each *rejected* attempt before it. Compile errors and
judge errors are not rejections (the program never ran, or we failed): they cost nothing,
as at ICPC. Attempts after the first ``ok`` change nothing. Rows are ordered by problems
solved (more first), then total penalty (less first), then the time of the last accepted
problem (earlier first); participants equal on all three share a rank ("1, 1, 3").

**IOI.** A problem's points are the best score over its submissions; when submissions carry
``subtask_scores`` they are the sum over subtasks of the best score of each subtask across
all submissions ("max per subtask": two half-solutions solving different subtasks add up).
A submission without subtask scores still counts with its ``score``: the problem gets the
greater of the two figures. Rows are ordered by total points; equal totals share a rank.

**Freeze.** When ``freeze_minutes`` is set and the board is ``frozen`` (the organiser has not
unfrozen it yet), attempts made in the last ``freeze_minutes`` of a participant's window are
hidden from everyone but the organiser: the cell counts them as ``pending`` tries without a
result, and they do not change the public ranking. An ICPC problem already solved before the
freeze shows no pending tries (nothing can change it). The organiser's view and an unfrozen
board show everything.

**Virtual participants** (``virtual_start`` set) are shown with ``virtual=True`` and
``rank=None``: their rows are placed where their results would put them, after official rows
with the same results, but ranks are counted among official participants only, so a
virtual participant never moves anyone's official rank. They are never first solvers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from statistics import median
from typing import Literal, get_args

Verdict = Literal[
    "ok",
    "wrong_answer",
    "presentation_error",
    "time_limit",
    "memory_limit",
    "output_limit",
    "runtime_error",
    "compile_error",
    "judge_error",
]
VERDICTS: frozenset[str] = frozenset(get_args(Verdict))
# The program never ran (compile error) or the judge failed: neither is the contestant's try.
NOT_PENALISED: frozenset[str] = frozenset({"compile_error", "judge_error"})

ContestKind = Literal["icpc", "ioi"]
CellStatus = Literal["untried", "solved", "rejected", "pending"]


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be a time-zone-aware datetime")


@dataclass(frozen=True, slots=True)
class Attempt:
    """One judged submission.

    ``score`` is the submission's IOI points (the sum over its subtasks), ``subtask_scores``
    its points per subtask name; both may be ``None`` (ICPC, or nothing was scored).

    Raises:
        ValueError: ``at`` is a naive datetime or ``verdict`` is not one of ``VERDICTS``.
    """

    participant_id: int
    problem_id: int
    at: datetime
    verdict: str
    score: int | None = None
    subtask_scores: Mapping[str, int] | None = None

    def __post_init__(self) -> None:
        _require_aware(self.at, "Attempt.at")
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {self.verdict!r}")


@dataclass(frozen=True, slots=True)
class Participant:
    """A contestant; ``virtual_start`` is set when they take the contest virtually.

    Raises:
        ValueError: ``virtual_start`` is a naive datetime.
    """

    id: int
    name: str
    school: str
    virtual_start: datetime | None = None

    def __post_init__(self) -> None:
        if self.virtual_start is not None:
            _require_aware(self.virtual_start, "Participant.virtual_start")


@dataclass(frozen=True, slots=True)
class ContestRules:
    """How a contest is scored; ``problems`` are the contest's problem ids, in board order.

    ``frozen`` says the organiser has not unfrozen the board yet; it matters only when
    ``freeze_minutes`` is set.

    Raises:
        ValueError: a naive ``start`` or ``end``, ``end`` not after ``start``, a negative
            penalty or freeze, or a problem listed twice.
    """

    kind: ContestKind
    start: datetime
    end: datetime
    penalty_minutes: int = 20
    freeze_minutes: int | None = None
    frozen: bool = False
    problems: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        _require_aware(self.start, "ContestRules.start")
        _require_aware(self.end, "ContestRules.end")
        if self.end <= self.start:
            raise ValueError("a contest must end after it starts")
        if self.penalty_minutes < 0:
            raise ValueError("penalty_minutes must not be negative")
        if self.freeze_minutes is not None and self.freeze_minutes < 0:
            raise ValueError("freeze_minutes must not be negative")
        if len(set(self.problems)) != len(self.problems):
            raise ValueError("a problem is listed twice")

    @property
    def length(self) -> timedelta:
        """How long the contest lasts (a virtual participant gets the same)."""
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Cell:
    """One participant's result on one problem, as the viewer may see it.

    ``tries`` is, for ICPC, the rejected attempts before the accepted one (or all rejected
    attempts when unsolved; compile and judge errors not counted) and, for IOI, every visible
    attempt. ``pending`` counts attempts hidden by the freeze. ``minutes`` is the time of the
    first accepted attempt from the participant's start. ``points`` is the IOI score
    (``None`` on an ICPC board) and ``subtasks`` the best points per subtask behind it.
    ``first`` marks the first official participant to solve the problem on this board.
    """

    problem_id: int
    status: CellStatus
    tries: int = 0
    pending: int = 0
    minutes: int | None = None
    points: int | None = None
    subtasks: Mapping[str, int] = field(default_factory=dict)
    first: bool = False


@dataclass(frozen=True, slots=True)
class Row:
    """One participant's line: ``rank`` is ``None`` for a virtual participant.

    ``penalty`` and ``last_accepted`` (minutes) are ICPC figures, ``score`` the IOI total;
    ``cells`` follow ``ContestRules.problems``.
    """

    participant: Participant
    rank: int | None
    virtual: bool
    solved: int
    penalty: int
    score: int
    last_accepted: int | None
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Scoreboard:
    """The ranked rows; ``frozen`` says this view hides the results of the last minutes."""

    kind: ContestKind
    problems: tuple[int, ...]
    rows: tuple[Row, ...]
    frozen: bool


@dataclass(frozen=True, slots=True)
class SchoolFigures:
    """A school's figures: ``solved`` sums the problems solved by each of its participants."""

    school: str
    participants: int
    solved: int
    participants_with_solved: int


@dataclass(frozen=True, slots=True)
class FirstSolve:
    """Who solved a problem first and how many minutes after the start."""

    participant_id: int
    minutes: int


@dataclass(frozen=True, slots=True)
class ProblemFigures:
    """A problem's figures over all participants (virtual ones on their own clocks).

    ``median_minutes_from_start``: median over the participants who solved it of the minutes
    from their start to their first accepted attempt. ``median_minutes_from_first_attempt``:
    the same, counted from their first attempt on this problem (whatever its verdict), so
    time spent reading other problems is left out. Both are exact (seconds / 60), ``None``
    when nobody solved it. ``first_solver`` is the earliest official solver.
    """

    problem_id: int
    attempts: int
    participants_tried: int
    solved: int
    median_minutes_from_start: float | None
    median_minutes_from_first_attempt: float | None
    first_solver: FirstSolve | None


@dataclass(frozen=True, slots=True)
class Monitoring:
    """An organiser's figures: schools by name, problems in board order."""

    schools: tuple[SchoolFigures, ...]
    problems: tuple[ProblemFigures, ...]


@dataclass(frozen=True, slots=True)
class _Window:
    start: datetime
    end: datetime
    freeze: datetime | None


def _window(rules: ContestRules, participant: Participant, *, hide: bool) -> _Window:
    start = participant.virtual_start or rules.start
    end = start + rules.length
    freeze = None
    if hide and rules.freeze_minutes is not None:
        freeze = end - timedelta(minutes=rules.freeze_minutes)
    return _Window(start, end, freeze)


def _minutes(since: datetime, moment: datetime) -> int:
    return int((moment - since).total_seconds() // 60)


def _by_problem(
    rules: ContestRules,
    participants: Iterable[Participant],
    attempts: Iterable[Attempt],
    *,
    until: datetime | None,
    hide: bool,
) -> dict[int, tuple[_Window, dict[int, list[Attempt]]]]:
    """Each participant's window and counted attempts per problem, in time order."""
    result: dict[int, tuple[_Window, dict[int, list[Attempt]]]] = {
        participant.id: (_window(rules, participant, hide=hide), defaultdict(list))
        for participant in participants
    }
    problems = set(rules.problems)
    for attempt in sorted(attempts, key=lambda item: item.at):
        entry = result.get(attempt.participant_id)
        if entry is None or attempt.problem_id not in problems:
            continue
        window, per_problem = entry
        if not window.start <= attempt.at <= window.end:
            continue
        if until is not None and attempt.at > until:
            continue
        per_problem[attempt.problem_id].append(attempt)
    return result


def _icpc_cell(problem_id: int, start: datetime, visible: Sequence[Attempt], hidden: int) -> Cell:
    rejected = 0
    for attempt in visible:
        if attempt.verdict == "ok":
            return Cell(problem_id, "solved", tries=rejected, minutes=_minutes(start, attempt.at))
        if attempt.verdict not in NOT_PENALISED:
            rejected += 1
    if hidden:
        return Cell(problem_id, "pending", tries=rejected, pending=hidden)
    return Cell(problem_id, "rejected" if rejected else "untried", tries=rejected)


def _ioi_points(attempts: Sequence[Attempt]) -> tuple[int, dict[str, int]]:
    best_score = 0
    best_subtasks: dict[str, int] = {}
    for attempt in attempts:
        if attempt.score is not None:
            best_score = max(best_score, attempt.score)
        for name, points in (attempt.subtask_scores or {}).items():
            best_subtasks[name] = max(best_subtasks.get(name, 0), points)
    return max(best_score, sum(best_subtasks.values())), best_subtasks


def _ioi_cell(problem_id: int, start: datetime, visible: Sequence[Attempt], hidden: int) -> Cell:
    points, subtasks = _ioi_points(visible)
    accepted = next((attempt for attempt in visible if attempt.verdict == "ok"), None)
    if accepted is not None:
        status: CellStatus = "solved"
    elif hidden:
        status = "pending"
    else:
        status = "rejected" if visible else "untried"
    return Cell(
        problem_id,
        status,
        tries=len(visible),
        pending=hidden,
        minutes=None if accepted is None else _minutes(start, accepted.at),
        points=points,
        subtasks=subtasks,
    )


def _row(
    rules: ContestRules,
    participant: Participant,
    window: _Window,
    per_problem: Mapping[int, list[Attempt]],
) -> Row:
    cells: list[Cell] = []
    for problem_id in rules.problems:
        attempts = per_problem.get(problem_id, [])
        visible = [a for a in attempts if window.freeze is None or a.at < window.freeze]
        hidden = len(attempts) - len(visible)
        if rules.kind == "icpc":
            cells.append(_icpc_cell(problem_id, window.start, visible, hidden))
        else:
            cells.append(_ioi_cell(problem_id, window.start, visible, hidden))
    solved = [cell for cell in cells if cell.status == "solved"]
    return Row(
        participant=participant,
        rank=None,
        virtual=participant.virtual_start is not None,
        solved=len(solved),
        penalty=sum((cell.minutes or 0) + rules.penalty_minutes * cell.tries for cell in solved),
        score=sum(cell.points or 0 for cell in cells),
        last_accepted=max((cell.minutes or 0 for cell in solved), default=None),
        cells=tuple(cells),
    )


def _rank_key(kind: ContestKind, row: Row) -> tuple[int, ...]:
    if kind == "icpc":
        return (-row.solved, row.penalty, row.last_accepted or 0)
    return (-row.score,)


def _mark_first_solvers(
    rows: list[Row], accepted_at: Mapping[tuple[int, int], datetime]
) -> list[Row]:
    """Flag the cell of the earliest official solver of each problem (ties: lower id)."""
    firsts: dict[int, tuple[datetime, int]] = {}
    for (participant_id, problem_id), moment in accepted_at.items():
        best = firsts.get(problem_id)
        if best is None or (moment, participant_id) < best:
            firsts[problem_id] = (moment, participant_id)
    first_of = {(pid, problem) for problem, (_, pid) in firsts.items()}
    return [
        replace(
            row,
            cells=tuple(
                replace(cell, first=(row.participant.id, cell.problem_id) in first_of)
                for cell in row.cells
            ),
        )
        for row in rows
    ]


def _ranked(kind: ContestKind, rows: list[Row]) -> tuple[Row, ...]:
    rows.sort(
        key=lambda row: (
            _rank_key(kind, row),
            row.virtual,
            row.participant.name,
            row.participant.id,
        )
    )
    ranked: list[Row] = []
    official = 0
    previous: tuple[tuple[int, ...], int] | None = None
    for row in rows:
        if row.virtual:
            ranked.append(row)
            continue
        official += 1
        key = _rank_key(kind, row)
        rank = previous[1] if previous is not None and previous[0] == key else official
        previous = (key, rank)
        ranked.append(replace(row, rank=rank))
    return tuple(ranked)


def build_scoreboard(
    rules: ContestRules,
    participants: Iterable[Participant],
    attempts: Iterable[Attempt],
    *,
    now: datetime,
    viewer_is_organiser: bool,
) -> Scoreboard:
    """The contest's board as one viewer sees it at ``now`` (see the module docstring).

    Attempts later than ``now`` are left out; attempts of unknown participants or of
    problems not in ``rules.problems`` are ignored.

    Raises:
        ValueError: ``now`` is a naive datetime.
    """
    _require_aware(now, "now")
    hide = rules.frozen and rules.freeze_minutes is not None and not viewer_is_organiser
    people = {participant.id: participant for participant in participants}
    counted = _by_problem(rules, people.values(), attempts, until=now, hide=hide)
    rows: list[Row] = []
    accepted_at: dict[tuple[int, int], datetime] = {}
    for participant_id, (window, per_problem) in counted.items():
        participant = people[participant_id]
        row = _row(rules, participant, window, per_problem)
        rows.append(row)
        if row.virtual:
            continue
        for cell in row.cells:
            if cell.status == "solved":
                # Hidden attempts come after the visible ones: this first "ok" is visible.
                accepted_at[participant_id, cell.problem_id] = next(
                    a.at for a in per_problem[cell.problem_id] if a.verdict == "ok"
                )
    rows = _mark_first_solvers(rows, accepted_at)
    freeze_start = (
        rules.end - timedelta(minutes=rules.freeze_minutes)
        if rules.freeze_minutes is not None
        else None
    )
    return Scoreboard(
        kind=rules.kind,
        problems=rules.problems,
        rows=_ranked(rules.kind, rows),
        frozen=hide and freeze_start is not None and now >= freeze_start,
    )


@dataclass(frozen=True, slots=True)
class _Solve:
    participant: Participant
    problem_id: int
    at: datetime
    minutes: int
    from_start: float
    from_first_attempt: float


def _solves(
    people: Mapping[int, Participant],
    counted: Mapping[int, tuple[_Window, Mapping[int, list[Attempt]]]],
) -> list[_Solve]:
    solves: list[_Solve] = []
    for participant_id, (window, per_problem) in counted.items():
        for problem_id, attempts in per_problem.items():
            accepted = next((a for a in attempts if a.verdict == "ok"), None)
            if accepted is None:
                continue
            solves.append(
                _Solve(
                    participant=people[participant_id],
                    problem_id=problem_id,
                    at=accepted.at,
                    minutes=_minutes(window.start, accepted.at),
                    from_start=(accepted.at - window.start).total_seconds() / 60,
                    from_first_attempt=(accepted.at - attempts[0].at).total_seconds() / 60,
                )
            )
    return solves


def _school_figures(
    people: Iterable[Participant], solves: Sequence[_Solve]
) -> tuple[SchoolFigures, ...]:
    members: Counter[str] = Counter(participant.school for participant in people)
    solved: Counter[str] = Counter(solve.participant.school for solve in solves)
    solvers = {solve.participant.id: solve.participant.school for solve in solves}
    with_solved: Counter[str] = Counter(solvers.values())
    return tuple(
        SchoolFigures(school, members[school], solved[school], with_solved[school])
        for school in sorted(members)
    )


def _problem_figures(
    problem_id: int,
    counted: Mapping[int, tuple[_Window, Mapping[int, list[Attempt]]]],
    solves: Sequence[_Solve],
) -> ProblemFigures:
    tries = [
        per_problem[problem_id] for _, per_problem in counted.values() if problem_id in per_problem
    ]
    mine = [solve for solve in solves if solve.problem_id == problem_id]
    official = [solve for solve in mine if solve.participant.virtual_start is None]
    first = min(official, key=lambda solve: (solve.at, solve.participant.id), default=None)
    return ProblemFigures(
        problem_id=problem_id,
        attempts=sum(len(attempts) for attempts in tries),
        participants_tried=len(tries),
        solved=len(mine),
        median_minutes_from_start=median(s.from_start for s in mine) if mine else None,
        median_minutes_from_first_attempt=(
            median(s.from_first_attempt for s in mine) if mine else None
        ),
        first_solver=None if first is None else FirstSolve(first.participant.id, first.minutes),
    )


def monitoring(
    rules: ContestRules, participants: Iterable[Participant], attempts: Iterable[Attempt]
) -> Monitoring:
    """An organiser's figures per school and per problem; nothing is hidden by a freeze.

    A problem counts as solved by a participant with an ``ok`` attempt in their window (an
    IOI partial score is not a solve). Virtual participants count on their own clocks but are
    never first solvers (ties: the lower participant id).
    """
    people = {participant.id: participant for participant in participants}
    counted = _by_problem(rules, people.values(), attempts, until=None, hide=False)
    solves = _solves(people, counted)
    return Monitoring(
        schools=_school_figures(people.values(), solves),
        problems=tuple(
            _problem_figures(problem_id, counted, solves) for problem_id in rules.problems
        ),
    )
