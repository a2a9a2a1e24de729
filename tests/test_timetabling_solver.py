"""The CP-SAT timetable solver on small schools built by hand (issue 11).

Each timetable is checked by ``violations`` below, written for these tests from the rules in
``core/timetabling/problem.py`` — not by the solver's own claims.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest

from core.timetabling.checker import check
from core.timetabling.problem import (
    Consecutive,
    Lesson,
    MinDaysApart,
    Placement,
    Problem,
    Room,
    SameDay,
    SameStart,
    StudentSet,
    Subject,
    Teacher,
    Timetable,
    Week,
    Weights,
)
from core.timetabling.solver import Stop, solve
from tests.test_timetabling_fet import school as fet_school

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")


def week(days: int = 5, periods: int = 6) -> Week:
    return Week(DAYS[:days], tuple(str(p + 1) for p in range(periods)))


def school(
    lessons: list[Lesson],
    *,
    teachers: list[Teacher] | None = None,
    sets: list[StudentSet] | None = None,
    rooms: list[Room] | None = None,
    the_week: Week | None = None,
    **rules: object,
) -> Problem:
    teachers = teachers or [
        Teacher(t, t.title()) for t in sorted({t for ls in lessons for t in ls.teachers})
    ]
    sets = sets or [StudentSet(s, s) for s in sorted({s for ls in lessons for s in ls.sets})]
    subjects = {ls.subject for ls in lessons}
    return Problem(
        name="test school",
        week=the_week or week(),
        teachers={t.id: t for t in teachers},
        sets={s.id: s for s in sets},
        subjects={s: Subject(s, s.title()) for s in subjects},
        rooms={r.id: r for r in rooms or []},
        buildings={},
        lessons={ls.id: ls for ls in lessons},
        **rules,  # type: ignore[arg-type]
    )


def violations(problem: Problem, timetable: Timetable) -> list[str]:
    """Every hard rule broken by ``timetable``, as sentences (empty: a valid timetable)."""
    held: Counter[tuple[str, str, int]] = Counter()
    found: list[str] = []
    for lesson in problem.lessons.values():
        if lesson.id not in timetable:
            found.append(f"lesson {lesson.id} unplaced")
        else:
            found += lesson_violations(problem, lesson, timetable[lesson.id], held)
    found += [f"{kind} {who} twice at {slot}" for (kind, who, slot), n in held.items() if n > 1]
    return found + relation_violations(problem, timetable)


def blocked_slots(problem: Problem, lesson: Lesson) -> set[int]:
    blocked: set[int] = set()
    for teacher in lesson.teachers:
        blocked |= problem.teachers[teacher].unavailable
    for set_id in {*lesson.sets, *problem.lesson_leaves(lesson)}:
        current: str | None = set_id
        while current is not None:
            blocked |= problem.sets[current].unavailable
            current = problem.sets[current].parent
    return blocked


def lesson_violations(
    problem: Problem, lesson: Lesson, placement: Placement, held: Counter[tuple[str, str, int]]
) -> list[str]:
    found: list[str] = []
    start = placement.slot
    occupied = range(start, start + lesson.duration)
    if not problem.week.fits(start, lesson.duration):
        found.append(f"lesson {lesson.id} crosses the day")
    allowed = lesson.allowed_slots
    if allowed is not None and lesson.locked_slot is None and start not in allowed:
        found.append(f"lesson {lesson.id} outside its allowed slots")
    if lesson.locked_slot is not None and start != lesson.locked_slot:
        found.append(f"lesson {lesson.id} moved from its lock")
    if blocked_slots(problem, lesson) & set(occupied):
        found.append(f"lesson {lesson.id} at an unavailable slot")
    for slot in occupied:
        for teacher in lesson.teachers:
            held["teacher", teacher, slot] += 1
        for leaf in problem.lesson_leaves(lesson):
            held["set", leaf, slot] += 1
        if placement.room is not None:
            held["room", placement.room, slot] += 1
    if lesson.needs_room:
        room = problem.rooms.get(placement.room or "")
        if room is None:
            found.append(f"lesson {lesson.id} has no room")
        elif (lesson.rooms and room.id not in lesson.rooms) or (
            not lesson.rooms and room.kind != lesson.room_kind
        ):
            found.append(f"lesson {lesson.id} in a room it may not use")
        elif room.capacity and lesson.students > room.capacity:
            found.append(f"lesson {lesson.id} does not fit room {room.id}")
    return found


def relation_violations(problem: Problem, timetable: Timetable) -> list[str]:
    found: list[str] = []
    week_ = problem.week
    starts = {lid: p.slot for lid, p in timetable.items()}
    for teacher in problem.teachers.values():
        if teacher.max_per_day is None:
            continue
        per_day: Counter[int] = Counter()
        for lesson in problem.lessons.values():
            if teacher.id in lesson.teachers and lesson.id in starts:
                per_day[week_.day_of(starts[lesson.id])] += lesson.duration
        if any(n > teacher.max_per_day for n in per_day.values()):
            found.append(f"teacher {teacher.id} over max per day")
    for teacher in problem.teachers.values():
        days = {
            week_.day_of(starts[lesson.id])
            for lesson in problem.lessons.values()
            if teacher.id in lesson.teachers and lesson.id in starts
        }
        if teacher.max_days is not None and len(days) > teacher.max_days:
            found.append(f"teacher {teacher.id} on more days than allowed")
    for same in problem.same_start:
        if len({starts[i] for i in same.lessons}) > 1:
            found.append(f"same start {same.lessons} broken")
    for together in problem.same_day:
        if len({week_.day_of(starts[i]) for i in together.lessons}) > 1:
            found.append(f"same day {together.lessons} broken")
    for pair in problem.consecutive:
        first, second = starts[pair.first], starts[pair.second]
        after = second == first + problem.lessons[pair.first].duration
        if not after or week_.day_of(first) != week_.day_of(second):
            found.append(f"consecutive {pair} broken")
    for rule in problem.min_days:
        days = sorted(week_.day_of(starts[i]) for i in rule.lessons)
        if rule.hard and any(b - a < rule.days for a, b in pairwise(days)):
            found.append(f"min days {rule.lessons} broken")
    return found


def small_school() -> Problem:
    """Two classes of grade 9 (9А split into two English groups), four teachers, a lab."""
    sets = [
        StudentSet("9", "9", size=50),
        StudentSet("9A", "9А", parent="9", size=25),
        StudentSet("9B", "9Б", parent="9", size=25),
        StudentSet("9A-en1", "9А English 1", parent="9A", size=12),
        StudentSet("9A-en2", "9А English 2", parent="9A", size=13),
    ]
    teachers = [
        Teacher("ivanov", "Ivanov", max_per_day=4),
        Teacher("serikova", "Serikova", unavailable=frozenset(range(6))),  # not on Monday
        Teacher("brown", "Brown"),
        Teacher("smith", "Smith"),
    ]
    rooms = [
        Room("101", "Room 101", capacity=30),
        Room("102", "Room 102", capacity=30),
        Room("lab", "Chemistry lab", capacity=26, kind="lab"),
    ]
    lessons: list[Lesson] = []
    next_id = iter(range(1, 100))

    def add(
        subject: str, teacher: str, sets_: tuple[str, ...], count: int, **extra: object
    ) -> list[int]:
        extra.setdefault("needs_room", True)
        ids = []
        for _ in range(count):
            lesson_id = next(next_id)
            lessons.append(Lesson(lesson_id, subject, (teacher,), sets_, **extra))  # type: ignore[arg-type]
            ids.append(lesson_id)
        return ids

    maths_a = add("maths", "ivanov", ("9A",), 4, students=25)
    add("maths", "ivanov", ("9B",), 4, students=25)
    add("chemistry", "serikova", ("9A",), 1, students=25, room_kind="lab", duration=2)
    add("chemistry", "serikova", ("9B",), 2, students=25, room_kind="lab")
    en1 = add("english", "brown", ("9A-en1",), 3, students=12)
    en2 = add("english", "smith", ("9A-en2",), 3, students=13)
    add("english", "smith", ("9B",), 3, students=25)
    history = add("history", "brown", ("9",), 2, students=50, needs_room=False)
    return school(
        lessons,
        teachers=teachers,
        sets=sets,
        rooms=rooms,
        same_start=tuple(SameStart((a, b)) for a, b in zip(en1, en2, strict=True)),
        consecutive=(Consecutive(history[0], history[1]),),
        min_days=(MinDaysApart(tuple(maths_a), days=1, hard=True),),
    )


def test_a_solvable_school_gets_a_timetable_without_hard_violations() -> None:
    problem = small_school()
    reports: list[tuple[float, Mapping[str, int]]] = []

    solution = solve(
        problem, seconds=5, seed=1, progress=lambda done, rules: reports.append((done, rules))
    )

    assert solution.status in {"optimal", "feasible"}
    assert violations(problem, solution.timetable) == []
    assert not solution.culprits
    assert solution.objective is not None and solution.objective >= 0
    assert set(solution.penalties) >= {"teacher_gaps", "class_gaps", "subject_spread"}
    assert reports and all(0 <= done <= 1 for done, _ in reports)
    # the search's own count of the gaps it reports last never hides one the checker finds
    assert reports[-1][1]["teacher_gaps"] >= solution.penalties["teacher_gaps"]
    # the lab lessons went to the lab, the others to classrooms, history to none
    for lesson in problem.lessons.values():
        room = solution.timetable[lesson.id].room
        if lesson.subject == "chemistry":
            assert room == "lab"
        elif lesson.needs_room:
            assert room in {"101", "102"}
        else:
            assert room is None


def test_a_timetable_that_is_enough_ends_the_search_with_rooms_given() -> None:
    problem = small_school()
    reports: list[Mapping[str, int]] = []

    solution = solve(
        problem,
        seconds=600,
        seed=1,
        progress=lambda _done, rules: reports.append(rules),
        enough=lambda _rules: True,
    )

    assert not reports  # the first timetable was accepted: no search for a better one
    assert solution.status == "feasible"
    assert check(problem, solution.timetable).unplaced == 0
    assert violations(problem, solution.timetable) == []
    assert all(
        solution.timetable[i].room for i, lesson in problem.lessons.items() if lesson.needs_room
    )


def test_enough_judges_the_first_timetable_with_its_rooms() -> None:
    """The lesson may only have room 101 but prefers 102: a miss only rooms can show."""
    lesson = Lesson(
        1, "maths", ("t",), ("9A",), needs_room=True, rooms=("101",), preferred_rooms=("102",)
    )
    rooms = [Room("101", "Room 101"), Room("102", "Room 102")]
    problem = school([lesson], rooms=rooms, the_week=week(days=1, periods=2))
    judged: list[Mapping[str, int]] = []

    def enough(rules: Mapping[str, int]) -> bool:
        judged.append(rules)
        return True

    solution = solve(problem, seconds=5, seed=1, enough=enough)

    assert judged[0]["preferred_rooms"] == Weights().preferred_rooms
    assert solution.timetable[1].room == "101"
    assert solution.penalties == judged[0]


def test_enough_on_the_searchs_gap_count_never_accepts_more_gaps_than_the_checker_finds() -> None:
    problem = fet_school("bulgaria_lom_high_school_2007-2008")
    first = solve(problem, seconds=600, seed=2, workers=2, enough=lambda _rules: True)
    most = first.penalties["teacher_gaps"] * 3 // 4

    solution = solve(
        problem,
        seconds=600,
        seed=2,
        workers=2,
        enough=lambda rules: rules["teacher_gaps"] <= most,
    )

    assert check(problem, solution.timetable).unplaced == 0
    assert violations(problem, solution.timetable) == []
    assert solution.penalties["teacher_gaps"] <= most


def test_a_teacher_who_comes_on_two_days_gets_all_lessons_on_two_days() -> None:
    # four maths lessons of one class would go on four days (subject spread); two is the rule
    lessons = [Lesson(i, "maths", ("kim",), ("9a",)) for i in range(1, 5)]
    problem = school(lessons, teachers=[Teacher("kim", "Kim", max_days=2)])

    solution = solve(problem, seconds=5, seed=1)

    assert violations(problem, solution.timetable) == []
    assert len({problem.week.day_of(p.slot) for p in solution.timetable.values()}) <= 2


def test_a_teacher_on_one_day_with_too_many_lessons_for_it_is_impossible() -> None:
    lessons = [Lesson(i, "maths", ("kim",), (f"9{i}",)) for i in range(1, 4)]
    teachers = [Teacher("kim", "Kim", max_days=1, max_per_day=2)]

    solution = solve(school(lessons, teachers=teachers), seconds=5)

    assert solution.status == "infeasible"
    assert "Teacher Kim has 3 periods of lessons but only 2 free." in map(str, solution.culprits)


def test_locked_and_kept_lessons_stay_where_they_are() -> None:
    problem = small_school()
    locked = replace(problem.lessons[1], locked_slot=9, locked_room="102")  # Tue, period 4
    problem = replace(problem, lessons={**problem.lessons, 1: locked})
    keep = {5: Placement(slot=13, room="101"), 9: Placement(slot=26)}  # 9Б maths, chemistry

    solution = solve(problem, seconds=5, seed=1, keep=keep)

    assert solution.status in {"optimal", "feasible"}
    assert violations(problem, solution.timetable) == []
    assert solution.timetable[1] == Placement(9, "102")
    assert solution.timetable[5] == Placement(13, "101")
    assert solution.timetable[9].slot == 26
    assert solution.timetable[9].room == "lab"


def test_a_teacher_with_more_lessons_than_free_periods_is_named() -> None:
    lessons = [Lesson(i, "maths", ("ivanov",), (f"class{i % 6}",)) for i in range(1, 32)]
    problem = school(lessons, teachers=[Teacher("ivanov", "Ivanov", max_per_day=None)])
    busy = replace(problem, lessons=problem.lessons)

    solution = solve(busy, seconds=5)

    assert solution.status == "infeasible"
    assert solution.timetable == {}
    assert [c.kind for c in solution.culprits] == ["teacher"]
    assert solution.culprits[0].ids == ("ivanov",)
    assert str(solution.culprits[0]) == (
        "Teacher Ivanov has 31 periods of lessons but only 30 free."
    )


def test_two_lessons_of_one_class_pinned_together_are_named() -> None:
    problem = small_school()
    lessons = dict(problem.lessons)
    lessons[1] = replace(lessons[1], locked_slot=7)  # 9А maths
    lessons[21] = replace(lessons[21], locked_slot=7)  # 9 history covers 9А
    problem = replace(problem, lessons=lessons, consecutive=())

    solution = solve(problem, seconds=5)

    assert solution.status == "infeasible"
    assert [c.kind for c in solution.culprits] == ["lock"]
    culprit = solution.culprits[0]
    assert {"1", "21"} <= set(culprit.ids)
    assert "Maths — 9А (Ivanov)" in str(culprit)
    assert "History — 9 (Brown)" in str(culprit)


def test_lessons_that_start_together_meet_in_the_one_slot_both_may_take() -> None:
    """Each may start where the other may not: only slot 3 is open to both."""
    lessons = [
        Lesson(1, "english", ("brown",), ("9A-en1",), allowed_slots=frozenset({1, 2, 3})),
        Lesson(2, "english", ("smith",), ("9A-en2",), allowed_slots=frozenset({3, 4, 5})),
    ]
    problem = school(lessons, same_start=(SameStart((1, 2)),))

    solution = solve(problem, seconds=5, seed=1)

    assert solution.status in {"optimal", "feasible"}
    assert solution.timetable[1].slot == solution.timetable[2].slot == 3
    assert violations(problem, solution.timetable) == []


def test_groups_that_share_a_lesson_all_start_with_the_one_lesson_pinned() -> None:
    # (1, 2) and (2, 3) chain the three together; lesson 3's lock decides where
    lessons = [
        Lesson(1, "english", ("brown",), ("9A-en1",)),
        Lesson(2, "english", ("smith",), ("9A-en2",)),
        Lesson(3, "pe", ("kim",), ("9B",), locked_slot=8),
    ]
    problem = school(lessons, same_start=(SameStart((1, 2)), SameStart((2, 3))))

    solution = solve(problem, seconds=5, seed=1)

    assert solution.status in {"optimal", "feasible"}
    assert {solution.timetable[i].slot for i in (1, 2, 3)} == {8}


def test_two_locks_that_tear_a_group_apart_are_named() -> None:
    lessons = [
        Lesson(1, "english", ("brown",), ("9A-en1",), locked_slot=2),
        Lesson(2, "english", ("smith",), ("9A-en2",), locked_slot=3),
    ]
    problem = school(lessons, same_start=(SameStart((1, 2)),))

    solution = solve(problem, seconds=5, seed=1)

    assert solution.status == "infeasible"
    assert {(c.kind, c.ids) for c in solution.culprits} == {
        ("lock", ("1",)),
        ("lock", ("2",)),
        ("same_start", ("1", "2")),
    }


def test_lessons_kept_days_apart_fall_that_many_days_apart_even_at_a_cost() -> None:
    """Lesson 2 one day after lesson 1 would spare its teacher a gap; two days apart it is."""
    the_week = week(days=5, periods=3)
    lessons = [
        Lesson(1, "maths", ("t1",), ("9A",), allowed_slots=frozenset({the_week.slot(0, 0)})),
        Lesson(
            2,
            "maths",
            ("t2",),
            ("9A",),
            allowed_slots=frozenset({the_week.slot(1, 0), the_week.slot(2, 2)}),
        ),
        Lesson(3, "physics", ("t2",), ("9B",), allowed_slots=frozenset({the_week.slot(2, 0)})),
    ]
    rule = MinDaysApart((1, 2), days=2, hard=True)
    problem = school(lessons, the_week=the_week, min_days=(rule,))

    solution = solve(problem, seconds=5, seed=1)

    assert solution.status == "optimal"
    assert solution.timetable[2].slot == the_week.slot(2, 2)
    assert solution.penalties["teacher_gaps"] == Weights().teacher_gaps


def test_lessons_that_cannot_be_kept_days_apart_are_named() -> None:
    lessons = [Lesson(i, "maths", (f"t{i}",), ("9A",)) for i in (1, 2, 3)]
    rule = MinDaysApart((1, 2, 3), days=3, hard=True)
    problem = school(lessons, the_week=week(days=5, periods=2), min_days=(rule,))

    solution = solve(problem, seconds=5, seed=1)

    assert solution.status == "infeasible"
    assert [(c.kind, c.ids) for c in solution.culprits] == [("min_days", ("1", "2", "3"))]


def test_rules_that_cannot_hold_together_are_named_by_the_solver() -> None:
    """Nothing a count sees: two lessons of one teacher must start together."""
    problem = small_school()
    problem = replace(problem, same_start=(*problem.same_start, SameStart((1, 2))))

    solution = solve(problem, seconds=5, seed=1)

    assert solution.status == "infeasible"
    kinds = {c.kind: c for c in solution.culprits}
    assert set(kinds) <= {"same_start", "teacher", "set", "min_days"}
    assert "same_start" in kinds
    assert kinds["same_start"].ids == ("1", "2")
    together = "Lessons Maths — 9А (Ivanov); Maths — 9А (Ivanov) start together."
    assert together in map(str, solution.culprits)


def test_too_few_labs_for_lessons_at_one_time_are_named() -> None:
    lessons = [
        Lesson(1, "chemistry", ("a",), ("9A",), needs_room=True, room_kind="lab"),
        Lesson(2, "physics", ("b",), ("9B",), needs_room=True, room_kind="lab"),
        Lesson(3, "maths", ("c",), ("9C",), needs_room=True),
    ]
    rooms = [Room("lab", "Lab", kind="lab"), Room("101", "Room 101")]
    problem = school(lessons, rooms=rooms, same_start=(SameStart((1, 2)),))

    solution = solve(problem, seconds=5)

    assert solution.status == "infeasible"
    assert {c.kind for c in solution.culprits} == {"rooms", "same_start"}
    assert "Rooms Lab hold one lesson each at a time." in map(str, solution.culprits)


def test_a_double_lesson_that_no_one_room_can_hold_at_its_time_is_moved() -> None:
    # Monday to Thursday, room 1 is taken at odd periods and room 2 at even ones: a double
    # lesson there finds a free room each period but never the same one; Friday is free.
    rooms = [Room("r1", "Room 1"), Room("r2", "Room 2")]
    taken = [
        Lesson(
            slot + 1,
            "maths",
            (f"t{slot}",),
            (f"c{slot}",),
            needs_room=True,
            rooms=("r1" if slot % 2 else "r2",),
            locked_slot=slot,
        )
        for slot in range(24)
    ]
    double = Lesson(
        99, "physics", ("kim",), ("9a",), duration=2, needs_room=True, rooms=("r1", "r2")
    )
    problem = school([*taken, double], rooms=rooms)

    solution = solve(problem, seconds=20, seed=1)

    assert solution.status in {"optimal", "feasible"} and not solution.unroomed
    assert violations(problem, solution.timetable) == []
    assert problem.week.day_of(solution.timetable[99].slot) == 4  # Friday


def test_overlapping_room_choices_that_cannot_seat_lessons_together_are_named() -> None:
    # each pair fits its own two rooms, but the four together have three rooms between them
    rooms = [Room(r, f"Room {r}") for r in ("r1", "r2", "r3", "r4")]
    lessons = [
        Lesson(1, "maths", ("a",), ("9A",), needs_room=True, rooms=("r1", "r2")),
        Lesson(2, "maths", ("b",), ("9B",), needs_room=True, rooms=("r1", "r2")),
        Lesson(3, "maths", ("c",), ("9C",), needs_room=True, rooms=("r2", "r3")),
        Lesson(4, "maths", ("d",), ("9D",), needs_room=True, rooms=("r2", "r3")),
        Lesson(5, "maths", ("e",), ("9E",), needs_room=True, rooms=("r4",)),
    ]
    problem = school(lessons, rooms=rooms, same_start=(SameStart((1, 2, 3, 4)),))

    solution = solve(problem, seconds=5)

    assert solution.status == "infeasible" and not solution.unroomed
    assert "Rooms Room r1, Room r2, Room r3 hold one lesson each at a time." in map(
        str, solution.culprits
    )


def test_a_lesson_that_fits_no_room_is_named() -> None:
    lessons = [Lesson(1, "maths", ("a",), ("9A",), students=40, needs_room=True)]
    problem = school(lessons, rooms=[Room("101", "Room 101", capacity=30)])

    solution = solve(problem, seconds=5)

    assert solution.status == "infeasible"
    assert [str(c) for c in solution.culprits] == [
        "Lesson Maths — 9A (A) has 40 students, but the largest room it may use seats 30."
    ]


def test_teacher_gaps_are_closed_when_they_can_be() -> None:
    """One day of four periods; a teacher has one lesson in 9A (periods 1-2 allowed) and one in
    9B (periods 3-4): the only gapless day is periods 2 and 3."""
    lessons = [
        Lesson(1, "maths", ("t",), ("9A",), allowed_slots=frozenset({0, 1})),
        Lesson(2, "maths", ("t",), ("9B",), allowed_slots=frozenset({2, 3})),
    ]
    problem = school(lessons, the_week=week(days=1, periods=4))

    for seed in (0, 1, 2):
        solution = solve(problem, seconds=5, seed=seed)

        assert solution.status == "optimal"
        assert (solution.timetable[1].slot, solution.timetable[2].slot) == (1, 2)
        assert solution.penalties["teacher_gaps"] == 0
        assert solution.objective == 0


def test_a_gap_that_cannot_be_closed_costs_its_weight_once() -> None:
    """9A has Kim only at period 1 and Lee only at periods 3-4: one gap at best."""
    teachers = [
        Teacher("kim", "Kim", unavailable=frozenset({1, 2, 3})),
        Teacher("lee", "Lee", unavailable=frozenset({0, 1})),
    ]
    lessons = [
        Lesson(1, "maths", ("kim",), ("9A",)),
        Lesson(2, "art", ("lee",), ("9A",)),
    ]
    problem = school(lessons, teachers=teachers, the_week=week(days=1, periods=4))

    solution = solve(problem, seconds=5, seed=3)

    assert solution.status == "optimal"
    assert (solution.timetable[1].slot, solution.timetable[2].slot) == (0, 2)
    assert solution.penalties["class_gaps"] == Weights().class_gaps
    assert solution.objective == Weights().class_gaps


def test_lessons_of_a_subject_spread_over_the_week() -> None:
    lessons = [Lesson(i, "maths", (f"t{i}",), ("9A",)) for i in (1, 2, 3)]
    min_days = (MinDaysApart((1, 2), days=2),)  # soft
    problem = school(lessons, the_week=week(days=3, periods=2), min_days=min_days)

    solution = solve(problem, seconds=5, seed=1)

    assert solution.status == "optimal"
    days = [problem.week.day_of(solution.timetable[i].slot) for i in (1, 2, 3)]
    assert sorted(days) == [0, 1, 2]
    assert abs(days[0] - days[1]) == 2
    assert solution.penalties["subject_spread"] == 0
    assert solution.penalties["min_days"] == 0


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_a_culprit_reads_in_the_admins_language(language: str) -> None:
    lessons = [Lesson(i, "maths", ("ivanov",), ("9A",)) for i in range(1, 4)]
    problem = school(lessons, the_week=week(days=1, periods=2))

    culprits = solve(problem, seconds=5).culprits

    assert culprits
    for culprit in culprits:
        text = culprit.translated(language)
        assert text != str(culprit)
        assert "3" in text and "2" in text


def test_lessons_go_to_their_preferred_rooms_when_free() -> None:
    lessons = [
        Lesson(i, "maths", ("t",), ("9A",), needs_room=True, preferred_rooms=("102",))
        for i in (1, 2, 3)
    ]
    rooms = [Room("101", "Room 101"), Room("102", "Room 102"), Room("lab", "Lab", kind="lab")]
    problem = school(lessons, rooms=rooms, the_week=week(days=1, periods=4))

    solution = solve(problem, seconds=5, seed=1)

    assert solution.status == "optimal"
    assert violations(problem, solution.timetable) == []
    assert {p.room for p in solution.timetable.values()} == {"102"}
    assert solution.penalties["preferred_rooms"] == 0


def test_two_lessons_at_one_period_preferring_one_room_are_both_seated() -> None:
    lessons = [
        Lesson(
            i,
            "maths",
            (teacher,),
            (group,),
            needs_room=True,
            preferred_rooms=("102",),
            locked_slot=0,
        )
        for i, teacher, group in ((1, "t", "9A"), (2, "u", "9B"))
    ]
    rooms = [Room("101", "Room 101"), Room("102", "Room 102")]
    problem = school(lessons, rooms=rooms, the_week=week(days=1, periods=2))

    solution = solve(problem, seconds=5, seed=1)

    assert violations(problem, solution.timetable) == []
    assert sorted(p.room or "" for p in solution.timetable.values()) == ["101", "102"]
    assert solution.penalties["preferred_rooms"] == Weights().preferred_rooms


@pytest.mark.parametrize(("allowed", "cost"), [(None, 2), (1, 1), (2, 0)])
def test_only_gaps_beyond_a_teachers_allowance_cost(allowed: int | None, cost: int) -> None:
    lessons = [
        Lesson(1, "maths", ("t",), ("9A",), allowed_slots=frozenset({0})),
        Lesson(2, "maths", ("t",), ("9B",), allowed_slots=frozenset({3})),
    ]
    teacher = Teacher("t", "T", max_gaps_per_week=allowed)
    problem = school(lessons, teachers=[teacher], the_week=week(days=1, periods=4))

    solution = solve(problem, seconds=5)

    assert solution.status == "optimal"
    assert solution.penalties["teacher_gaps"] == cost * Weights().teacher_gaps
    assert solution.objective == cost * Weights().teacher_gaps


def test_a_class_with_more_lessons_than_the_week_is_named() -> None:
    """9А group 1 has four English lessons in a four-period week, and all of 9А maths."""
    sets = [
        StudentSet("9A", "9А"),
        StudentSet("9A-1", "9А group 1", parent="9A"),
        StudentSet("9A-2", "9А group 2", parent="9A"),
    ]
    lessons = [Lesson(i, "english", (f"t{i}",), ("9A-1",)) for i in range(1, 5)]
    lessons.append(Lesson(9, "maths", ("m",), ("9A",)))
    problem = school(lessons, sets=sets, the_week=week(days=2, periods=2))

    solution = solve(problem, seconds=5)

    assert solution.status == "infeasible"
    assert [str(c) for c in solution.culprits] == [
        "9А group 1 has 5 periods of lessons but only 4 free."
    ]
    assert solution.culprits[0].ids == ("9A-1",)


def test_a_lesson_pinned_where_its_teacher_is_away_is_named() -> None:
    lessons = [Lesson(1, "maths", ("kim",), ("9A",), locked_slot=2)]
    teachers = [Teacher("kim", "Kim", unavailable=frozenset({2}))]
    problem = school(lessons, teachers=teachers)

    solution = solve(problem, seconds=5)

    assert solution.status == "infeasible"
    assert [str(c) for c in solution.culprits] == [
        "Lesson Maths — 9A (Kim) is pinned at Mon 3, when Kim is not available."
    ]


def test_the_penalties_reported_are_the_checkers_for_a_fet_school() -> None:
    """One truth: the solver's breakdown by rule is what the checker says of its timetable."""
    problem = fet_school("uk_hopwood_fully-locked")

    solution = solve(problem, seconds=10, seed=1)

    report = check(problem, solution.timetable)
    assert solution.status in {"optimal", "feasible"}
    assert report.hard == 0
    assert solution.penalties == dict(report.soft)
    assert solution.objective == report.soft_total
    assert report.soft_total > 0


def test_consecutive_lessons_straddle_a_break_when_they_must() -> None:
    """Periods 1-4, a break at 3: lesson 1 may be at period 2 only, so lesson 2 is at 4."""
    lessons = [
        Lesson(1, "maths", ("t",), ("9A",), allowed_slots=frozenset({1})),
        Lesson(2, "maths", ("u",), ("9A",)),
    ]
    everyone = [Teacher("t", "T", unavailable=frozenset({2})), Teacher("u", "U")]
    sets = [StudentSet("9A", "9A", unavailable=frozenset({2}))]
    problem = school(
        lessons,
        teachers=everyone,
        sets=sets,
        the_week=week(days=1, periods=4),
        consecutive=(Consecutive(1, 2),),
        breaks=frozenset({2}),
    )

    solution = solve(problem, seconds=5, seed=1)

    assert solution.status == "optimal"
    assert (solution.timetable[1].slot, solution.timetable[2].slot) == (1, 3)
    assert check(problem, solution.timetable).hard == 0


def test_a_stop_from_another_thread_ends_a_long_solve_with_what_it_has() -> None:
    problem = fet_school("bulgaria_lom_high_school_2007-2008")
    stop = Stop()
    scores: list[int] = []

    def progress(_done: float, rules: Mapping[str, int]) -> None:
        scores.append(sum(rules.values()))
        threading.Thread(target=stop).start()  # as a server shutting down would

    solution = solve(problem, seconds=600, workers=2, progress=progress, stop=stop)

    assert scores and stop.requested
    assert solution.status in {"feasible", "unknown"}


def test_a_stop_just_after_the_first_timetable_returns_that_timetable() -> None:
    lessons = [Lesson(i, "maths", ("t",), ("9A",)) for i in range(1, 5)]
    problem = school(lessons, the_week=week(days=2, periods=3))
    stop = Stop()

    def not_yet(_rules: Mapping[str, int]) -> bool:
        stop()  # the server shuts down as the first timetable comes in
        return False

    solution = solve(problem, seconds=600, stop=stop, enough=not_yet)

    assert solution.status == "feasible"
    assert len(solution.timetable) == 4
    assert violations(problem, solution.timetable) == []


def test_a_solve_stopped_before_it_starts_returns_no_timetable() -> None:
    stop = Stop()
    stop()

    problem = school([Lesson(1, "math", ("ivanova",), ("9a",))])

    solution = solve(problem, seconds=600, stop=stop)

    assert solution.status == "unknown" and not solution.timetable


# -- gaps and late starts ------------------------------------------------------------------


def one_day(*away: tuple[str, set[int]]) -> list[Teacher]:
    """Teachers of a one-day week, each away at the given slots."""
    return [Teacher(key, key.title(), unavailable=frozenset(slots)) for key, slots in away]


def test_a_class_with_no_gaps_and_no_late_start_begins_at_the_first_period() -> None:
    # Aidar comes at periods 1 or 3, Bota at 2 or 4: four timetables without the rules,
    # one (Aidar 1, Bota 2) with them
    lessons = [Lesson(1, "maths", ("aidar",), ("9a",)), Lesson(2, "art", ("bota",), ("9a",))]
    the_week = week(days=1, periods=4)
    problem = school(
        lessons,
        teachers=one_day(("aidar", {1, 3}), ("bota", {0, 2})),
        sets=[StudentSet("9a", "9A", max_gaps_per_week=0, max_late_starts=0)],
        the_week=the_week,
        weights=Weights(class_gaps=0, teacher_gaps=0, day_balance=0),
    )

    for seed in range(3):
        solution = solve(problem, seconds=5, seed=seed)
        assert {i: p.slot for i, p in solution.timetable.items()} == {1: 0, 2: 1}
        assert check(problem, solution.timetable).hard == 0


def test_a_late_start_is_one_period_late_at_most_and_only_as_often_as_allowed() -> None:
    # Aidar comes at period 2 or 3 only
    problem = school(
        [Lesson(1, "maths", ("aidar",), ("9a",))],
        teachers=one_day(("aidar", {0, 3})),
        sets=[StudentSet("9a", "9A", max_late_starts=1)],
        the_week=week(days=1, periods=4),
    )

    for seed in range(3):
        assert solve(problem, seconds=5, seed=seed).timetable[1].slot == 1

    never = replace(problem, sets={"9a": StudentSet("9a", "9A", max_late_starts=0)})
    impossible = solve(never, seconds=5, seed=1)
    assert impossible.status == "infeasible"
    assert [c.kind for c in impossible.culprits] == ["late_starts"]
    assert str(impossible.culprits[0]) == (
        "9A begins the day on time, one period late on 0 days at most."
    )

    # a first period 9A is away is not its day's first: period 2 is on time then
    away = StudentSet("9a", "9A", max_late_starts=0, unavailable=frozenset({0}))
    assert solve(replace(never, sets={"9a": away}), seconds=5, seed=1).status != "infeasible"


def test_a_teachers_gaps_in_a_day_stay_within_the_limit() -> None:
    # 9A is free at period 1 only, 9B at 2 or 4: Aidar teaches both, no gap a day
    lessons = [Lesson(1, "maths", ("aidar",), ("9a",)), Lesson(2, "maths", ("aidar",), ("9b",))]
    problem = school(
        lessons,
        teachers=[Teacher("aidar", "Aidar", max_gaps_per_day=0)],
        sets=[
            StudentSet("9a", "9A", unavailable=frozenset({1, 2, 3})),
            StudentSet("9b", "9B", unavailable=frozenset({0, 2})),
        ],
        the_week=week(days=1, periods=4),
        weights=Weights(teacher_gaps=0),
    )

    for seed in range(3):
        solution = solve(problem, seconds=5, seed=seed)
        assert {i: p.slot for i, p in solution.timetable.items()} == {1: 0, 2: 1}


def test_a_class_that_cannot_be_without_gaps_is_named_as_the_reason() -> None:
    lessons = [Lesson(1, "maths", ("aidar",), ("9a",)), Lesson(2, "art", ("bota",), ("9a",))]
    problem = school(
        lessons,
        teachers=one_day(("aidar", {1, 2, 3}), ("bota", {0, 1, 3})),  # periods 1 and 3
        sets=[
            StudentSet("9", "9", max_gaps_per_week=0),
            StudentSet("9a", "9A", parent="9"),
        ],
        the_week=week(days=1, periods=4),
    )

    solution = solve(problem, seconds=5, seed=1)

    assert solution.status == "infeasible"
    assert [c.kind for c in solution.culprits] == ["class_gaps"]
    assert str(solution.culprits[0]) == ("9A has at most 0 free periods between lessons a week.")


def test_a_teacher_who_comes_teaches_at_least_the_least_periods_that_day() -> None:
    # three lessons of three classes; Aidar teaches two periods at least on a day he comes
    lessons = [Lesson(i, "maths", ("aidar",), (f"9{c}",)) for i, c in enumerate("abc", 1)]
    problem = school(
        lessons,
        teachers=[Teacher("aidar", "Aidar", min_per_day=2)],
        the_week=week(days=2, periods=3),
        weights=Weights(teacher_gaps=0),
    )

    for seed in range(3):
        solution = solve(problem, seconds=5, seed=seed)
        days = Counter(p.slot // 3 for p in solution.timetable.values())
        assert sorted(days.values()) == [3], days  # 2 + 1 would leave a day of one
        assert check(problem, solution.timetable).hard == 0


def test_a_class_gets_no_more_periods_a_day_than_allowed() -> None:
    # six lessons, two a day at most: three days of two, though the teacher is free all week
    lessons = [Lesson(i, "maths", ("aidar",), ("9a",)) for i in range(1, 7)]
    problem = school(
        lessons,
        sets=[StudentSet("9", "9", max_per_day=2), StudentSet("9a", "9A", parent="9")],
        the_week=week(days=3, periods=4),
    )

    solution = solve(problem, seconds=5, seed=1)

    days = Counter(p.slot // 4 for p in solution.timetable.values())
    assert sorted(days.values()) == [2, 2, 2]
    impossible = solve(replace(problem, week=week(days=2, periods=4)), seconds=5, seed=1)
    assert impossible.status == "infeasible"
    assert "9A has at most 2 periods of lessons a day." in map(str, impossible.culprits)


def test_lessons_on_the_same_day_are_kept_together_however_the_rest_pulls() -> None:
    # the subject spread would put the two maths lessons on two days
    lessons = [Lesson(1, "maths", ("aidar",), ("9a",)), Lesson(2, "maths", ("bota",), ("9a",))]
    problem = school(lessons, the_week=week(days=3, periods=2), same_day=(SameDay((1, 2)),))

    for seed in range(3):
        solution = solve(problem, seconds=5, seed=seed)
        assert violations(problem, solution.timetable) == []
        assert solution.timetable[1].slot // 2 == solution.timetable[2].slot // 2


SOLVE_AND_PRINT = """
from tests.test_timetabling_fet import school
from core.timetabling.solver import solve
solution = solve(school("bulgaria_lom_high_school_2007-2008"), seconds=60, seed=4,
                 enough=lambda _rules: True)
print(sorted((i, p.slot, p.room) for i, p in solution.timetable.items()))
"""


def test_one_seed_gives_one_timetable_in_every_process() -> None:
    # each Python process orders its sets of names its own way (hash randomisation): a
    # server restarted, or a second worker, must not solve the same school differently
    timetables = {
        subprocess.run(
            [sys.executable, "-c", SOLVE_AND_PRINT],
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
            cwd=Path(__file__).resolve().parent.parent,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for hash_seed in ("1", "2", "3")
    }

    assert len(timetables) == 1
