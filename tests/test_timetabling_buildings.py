"""The timetable solver with buildings (issue 11): travel between them and building changes.

Every timetable is judged by the checker, the same report the admin sees.
"""

from __future__ import annotations

from dataclasses import replace

from core.timetabling.checker import check
from core.timetabling.problem import Building, Lesson, Problem, Room, Timetable, Weights
from core.timetabling.solver import solve
from tests.test_timetabling_solver import school, week

ROOMS = [
    Room("m1", "Main 1", building="main"),
    Room("m2", "Main 2", building="main"),
    Room("a1", "Annex 1", building="annex"),
]


def two_buildings(lessons: list[Lesson], periods: int = 4, **rules: object) -> Problem:
    """One day of ``periods`` periods; rooms m1, m2 in the main building, a1 in the annex."""
    problem = school(lessons, rooms=ROOMS, the_week=week(days=1, periods=periods), **rules)
    buildings = {"main": Building("main", "Main"), "annex": Building("annex", "Annex")}
    return replace(problem, buildings=buildings)


def lesson(lesson_id: int, rooms: tuple[str, ...], slots: set[int], **extra: object) -> Lesson:
    """A lesson of teacher Kim for a class of its own, in ``rooms`` at one of ``slots``."""
    return Lesson(
        lesson_id,
        "maths",
        ("kim",),
        (f"class{lesson_id}",),
        needs_room=True,
        rooms=rooms,
        allowed_slots=frozenset(slots),
        **extra,  # type: ignore[arg-type]
    )


def changes(problem: Problem, timetable: Timetable) -> int:
    """Kim's building changes in ``timetable``, as the checker counts them."""
    counted = replace(problem, weights=replace(problem.weights, building_changes=1))
    return sum(violation.count for violation in check(counted, timetable).of("building_changes"))


def test_a_teacher_gets_the_free_periods_to_change_building() -> None:
    """Kim teaches in the main building at period 1 or 2 and in the annex at 2, 3 or 4: without
    travel the gapless day puts them back to back."""
    lessons = [lesson(1, ("m1",), {0, 1}), lesson(2, ("a1",), {1, 2, 3})]
    naive = solve(two_buildings(lessons), seconds=5, seed=1)
    problem = two_buildings(lessons, travel_periods=1)

    solution = solve(problem, seconds=5, seed=1)

    assert check(problem, naive.timetable).of("travel")
    report = check(problem, solution.timetable)
    assert report.hard == 0
    assert report.of("travel") == ()
    assert solution.timetable[2].slot - solution.timetable[1].slot >= 2


def test_building_changes_are_fewer_with_their_weight_on() -> None:
    """Main at period 1, then either annex at 2 and main at 3 (no gap, two changes) or main at 2
    or 3 and annex at 5 (gaps, one change)."""
    lessons = [
        lesson(1, ("m1",), {0}),
        lesson(2, ("a1",), {1, 4}),
        lesson(3, ("m2",), {1, 2}),
    ]
    off = two_buildings(lessons, periods=5, weights=Weights(building_changes=0))
    on = two_buildings(lessons, periods=5, weights=Weights(building_changes=10))

    without = solve(off, seconds=5, seed=1)
    weighed = solve(on, seconds=5, seed=1)

    assert check(off, without.timetable).hard == 0
    assert check(on, weighed.timetable).hard == 0
    assert changes(on, weighed.timetable) == 1
    assert changes(on, without.timetable) == 2
    assert weighed.penalties["building_changes"] == 10


def test_a_lesson_that_may_be_in_either_building_goes_where_its_teacher_is() -> None:
    """Lesson 2 prefers the annex, but Kim is in the main building the period before."""
    lessons = [
        lesson(1, ("m1",), {0}),
        lesson(2, ("a1", "m2"), {1}, preferred_rooms=("a1",)),
    ]
    problem = two_buildings(lessons, travel_periods=1)

    solution = solve(problem, seconds=5, seed=1)

    assert solution.status == "optimal"
    assert solution.timetable[2].room == "m2"
    assert check(problem, solution.timetable).hard == 0


def test_a_school_with_no_time_to_travel_names_the_teacher() -> None:
    lessons = [lesson(1, ("m1",), {0}), lesson(2, ("a1",), {1})]
    problem = two_buildings(lessons, travel_periods=1)

    solution = solve(problem, seconds=5, seed=1)

    assert solution.status == "infeasible"
    assert [str(c) for c in solution.culprits] == [
        "Teacher Kim needs free periods to change building: 1."
    ]
