"""A school in a FET ``.fet`` file, checked or solved as a whole, with its report for a person
(issue 11). The command line uses it now (``sabaq timetable check|solve``); the panel will
show the same lines.

- **check**: the timetable a file holds — its locked lessons, as FET saves a hand-made or a
  finished timetable, and as ``export_fet`` writes one — against every rule of the checker.
- **solve**: a timetable from the solver within a time budget, checked by the checker (not
  taken on the solver's word), and the file again with the timetable locked in, for FET or
  for the next ``check``.

The report says what was not imported, how many lessons are placed, every broken hard rule
(up to ``LISTED``, then how many more) and the soft penalty per rule.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from core.i18n import N_, gettext_for
from core.timetabling.checker import Report, check, describe
from core.timetabling.fet import export_fet, ignored_summary, read_fet
from core.timetabling.problem import Placement, Problem, Timetable
from core.timetabling.solver import solve

#: Broken rules listed one by one; the rest are counted.
LISTED = 50
#: A progress line at most every tenth of the time given.
PROGRESS_STEP = 0.1

SOFT_LABELS = {
    "teacher_gaps": N_("teacher gaps"),
    "class_gaps": N_("class gaps"),
    "day_balance": N_("uneven days"),
    "subject_spread": N_("a subject twice a day"),
    "preferred_rooms": N_("lessons outside preferred rooms"),
    "building_changes": N_("building changes"),
    "min_days": N_("lessons of a subject too close"),
}
_SCHOOL = N_("{name}: {days} days × {periods} periods, {lessons} lessons, {teachers} teachers.")
_PLACED = N_("Lessons placed: {placed} of {total}.")
_HARD = N_("Hard rules broken: {count}.")
_MORE = N_("… and {count} more.")
_SOFT = N_("Soft penalty: {total} ({rules}).")
_NO_SOFT = N_("Soft penalty: 0.")
_PROGRESS = N_(
    "{percent}% of the time given: the best timetable so far scores {score} (lower is better)."
)
_STATUS = {
    "optimal": N_("The solver found the best timetable for these rules."),
    "feasible": N_("The solver found a timetable; a better one may exist with more time."),
    "infeasible": N_("No timetable can keep every hard rule. What makes it impossible:"),
    "unknown": N_("The solver found no timetable in the time given. Give it more time."),
}


@dataclass(frozen=True)
class Solved:
    lines: tuple[str, ...]
    fet: bytes | None  # the file with the timetable locked in; None when none was found


def locked_timetable(problem: Problem) -> Timetable:
    """The lessons a file pins in time, where it pins them."""
    return {
        lesson.id: Placement(lesson.locked_slot, lesson.locked_room)
        for lesson in problem.lessons.values()
        if lesson.locked_slot is not None
    }


def report_lines(problem: Problem, report: Report, language: str) -> list[str]:
    """The checker's report as sentences in ``language``."""

    def say(message: str, **params: object) -> str:
        return gettext_for(language, message).format(**params)

    lines = [
        say(
            _SCHOOL,
            name=problem.name,
            days=len(problem.week.days),
            periods=len(problem.week.periods),
            lessons=len(problem.lessons),
            teachers=len(problem.teachers),
        )
    ]
    if ignored := ignored_summary(problem, language):
        lines.append(ignored)
    placed = len(problem.lessons) - report.unplaced
    lines.append(say(_PLACED, placed=placed, total=len(problem.lessons)))
    hard = report.hard_violations
    lines.append(say(_HARD, count=len(hard)))
    lines += ["  • " + describe(violation, problem, language) for violation in hard[:LISTED]]
    if len(hard) > LISTED:
        lines.append("  " + say(_MORE, count=len(hard) - LISTED))
    rules = ", ".join(
        f"{say(SOFT_LABELS[rule])} {cost}" for rule, cost in report.soft.items() if cost
    )
    lines.append(say(_SOFT, total=report.soft_total, rules=rules) if rules else say(_NO_SOFT))
    return lines


def check_file(data: bytes, *, name: str, language: str) -> tuple[str, ...]:
    """The report on the timetable a ``.fet`` file holds.

    Raises:
        InvalidInput: not a FET file we can read (``read_fet``).
    """
    problem = read_fet(data, name=name)
    return tuple(report_lines(problem, check(problem, locked_timetable(problem)), language))


def solve_file(
    data: bytes,
    *,
    name: str,
    language: str,
    seconds: float,
    seed: int = 0,
    workers: int = 1,
    tell: Callable[[str], None] | None = None,
) -> Solved:
    """A timetable for the school of a ``.fet`` file, its report, and the file with it;
    ``tell`` gets a progress line as better timetables are found (a long solve is not silent).

    Raises:
        InvalidInput: not a FET file we can read (``read_fet``).
    """
    problem = read_fet(data, name=name)
    told = -PROGRESS_STEP

    def progress(done: float, rules: Mapping[str, int]) -> None:
        nonlocal told
        if tell is not None and done - told >= PROGRESS_STEP:
            told = done
            score = sum(rules.values())
            tell(gettext_for(language, _PROGRESS).format(percent=round(done * 100), score=score))

    solution = solve(problem, seconds=seconds, seed=seed, workers=workers, progress=progress)
    lines = [gettext_for(language, _STATUS[solution.status])]
    if solution.status == "infeasible":
        lines += ["  • " + culprit.translated(language) for culprit in solution.culprits]
        return Solved(tuple(lines), None)
    if not solution.timetable:
        return Solved(tuple(lines), None)
    lines += report_lines(problem, check(problem, solution.timetable), language)
    return Solved(tuple(lines), export_fet(problem, solution.timetable))
