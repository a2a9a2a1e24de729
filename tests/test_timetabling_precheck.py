"""Bad input is named before any solving (issue 11 "Bad input"): each reason a school cannot
have a timetable that a look finds, as a sentence naming what is wrong, in kk/ru/en."""

from __future__ import annotations

import pytest

from core.timetabling.problem import Lesson, Problem, Room, StudentSet, Teacher
from core.timetabling.solver import solve
from tests.test_timetabling_solver import school


def culprits(problem: Problem) -> list[str]:
    solution = solve(problem, seconds=5)
    assert solution.status == "infeasible"
    assert solution.timetable == {}
    return [str(culprit) for culprit in solution.culprits]


def test_a_teacher_available_nowhere_is_named_once() -> None:
    lessons = [Lesson(i, "maths", ("kim",), (f"9{i}",)) for i in (1, 2)]
    teachers = [Teacher("kim", "Kim", unavailable=frozenset(range(30)))]

    found = culprits(school(lessons, teachers=teachers))

    assert found == [
        "Teacher Kim is available at no period of the week but has lessons (2 periods)."
    ]


def test_a_teacher_with_more_lessons_than_fit_in_their_days_is_named() -> None:
    # two days a week, Monday away: Tuesday–Friday hold 6 periods each, at most 4 a day
    lessons = [Lesson(i, "maths", ("kim",), (f"9{i}",)) for i in range(1, 10)]
    teachers = [Teacher("kim", "Kim", unavailable=frozenset(range(6)), max_per_day=4, max_days=2)]

    found = culprits(school(lessons, teachers=teachers))

    assert found == ["Teacher Kim has 9 periods of lessons but only 8 free."]


def test_a_room_kind_nobody_has_is_named_with_its_lessons() -> None:
    lessons = [
        Lesson(i, "chemistry", (f"t{i}",), (f"9{i}",), needs_room=True, room_kind="lab")
        for i in (1, 2)
    ]
    lessons.append(Lesson(3, "maths", ("t3",), ("93",), needs_room=True))

    found = culprits(school(lessons, rooms=[Room("101", "Room 101")]))

    assert found == [
        "No room is of kind lab; lessons that need one (2): "
        "Chemistry — 91 (T1); Chemistry — 92 (T2)."
    ]


def test_a_school_without_ordinary_classrooms_is_told_so() -> None:
    lessons = [Lesson(1, "maths", ("t",), ("9A",), needs_room=True)]

    found = culprits(school(lessons, rooms=[Room("gym", "Gym", kind="gym")]))

    assert found == [
        "The school has no ordinary classroom; lessons that need one (1): Maths — 9A (T)."
    ]


def test_a_lesson_pinned_where_its_class_is_away_names_the_class() -> None:
    lessons = [Lesson(1, "maths", ("kim",), ("9A",), locked_slot=7)]
    away = [StudentSet("9A", "9А", unavailable=frozenset({7}))]
    problem = school(lessons, sets=away)

    assert culprits(problem) == [
        "Lesson Maths — 9А (Kim) is pinned at Tue 2, when 9А is not available."
    ]


def test_a_lesson_pinned_in_a_room_the_school_lacks_is_named() -> None:
    lessons = [Lesson(1, "maths", ("kim",), ("9A",), needs_room=True, locked_room="404")]

    found = culprits(school(lessons, rooms=[Room("101", "Room 101")]))

    assert found == [
        "Lesson Maths — 9A (Kim) is pinned in room 404, which the school does not have."
    ]


def test_every_bad_input_is_listed_not_only_the_first() -> None:
    lessons = [
        Lesson(1, "maths", ("kim",), ("9A",)),
        Lesson(2, "chemistry", ("lee",), ("9B",), needs_room=True, room_kind="lab"),
        Lesson(3, "maths", ("lee",), ("9C",), needs_room=True, students=40),
    ]
    teachers = [
        Teacher("kim", "Kim", unavailable=frozenset(range(30))),
        Teacher("lee", "Lee"),
    ]
    problem = school(lessons, teachers=teachers, rooms=[Room("101", "Room 101", capacity=30)])

    found = culprits(problem)

    assert found == [
        "Lesson Maths — 9C (Lee) has 40 students, but the largest room it may use seats 30.",
        "No room is of kind lab; lessons that need one (1): Chemistry — 9B (Lee).",
        "Teacher Kim is available at no period of the week but has lessons (1 periods).",
    ]


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_bad_input_reads_in_the_admins_language(language: str) -> None:
    lessons = [
        Lesson(1, "maths", ("kim",), ("9A",)),
        Lesson(2, "chemistry", ("lee",), ("9B",), needs_room=True, room_kind="lab"),
        Lesson(3, "maths", ("lee",), ("9C",), needs_room=True, students=40),
        Lesson(4, "maths", ("lee",), ("9D",), needs_room=True, locked_room="404"),
    ]
    teachers = [
        Teacher("kim", "Kim", unavailable=frozenset(range(30))),
        Teacher("lee", "Lee"),
    ]
    problem = school(lessons, teachers=teachers, rooms=[Room("101", "Room 101", capacity=30)])

    found = solve(problem, seconds=5).culprits

    assert len(found) == 4
    for culprit in found:
        text = culprit.translated(language)
        assert text != str(culprit)
        assert any(name in text for name in ("Kim", "Lee", "lab"))
