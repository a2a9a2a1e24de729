"""A timetable as week grids (issue 11): one grid of days × periods per class, teacher or room,
what the Excel export and the PDF printout both draw.

A grid's cell lists every lesson that occupies that period (a double lesson fills two
cells; parallel subgroups share one), each as one line: in a class's grid "Subject · teacher
· room" (and the groups when the lesson is not for the class alone: a subgroup, a merged
stream), in a teacher's "Subject · classes · room", in a room's "Subject · classes ·
teacher". Names are the school's own, as the problem has them.

**Which grids**, in the order a school lists them (``order``). Teachers and rooms: each
one that has a placed lesson. Classes: each student set named on a lesson, and its grid shows
every lesson its students attend (the lessons of its year, of its subgroups, of a merged
stream it is in) — a language group printed on its own page is as useful as its class.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from core.timetabling.problem import Lesson, Placement, Problem, Timetable

View = Literal["classes", "teachers", "rooms"]
VIEWS: tuple[View, ...] = ("classes", "teachers", "rooms")
SEPARATOR = " · "
#: The Kazakh Cyrillic alphabet, which holds the Russian one in its order: "9Ә" sorts between
#: "9А" and "9Б" (code points put every Kazakh letter after "я").
_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"


@dataclass(frozen=True)
class Grid:
    """One class's, teacher's or room's week: ``cells[(day, period)]`` the lines of the
    lessons there (missing: a free period)."""

    title: str
    days: tuple[str, ...]
    periods: tuple[str, ...]
    cells: Mapping[tuple[int, int], tuple[str, ...]]


def _name(things: Mapping[str, object], key: str) -> str:
    name = getattr(things.get(key), "name", None)
    return name if isinstance(name, str) and name else key


def _names(things: Mapping[str, object], keys: tuple[str, ...]) -> str:
    return ", ".join(_name(things, key) for key in keys)


def grids(problem: Problem, timetable: Timetable, view: View) -> list[Grid]:
    """The grids of ``view`` for ``timetable``, sorted by title; lessons not placed are left
    out (the checker names them)."""
    placed = [
        (problem.lessons[lesson_id], placement)
        for lesson_id, placement in sorted(timetable.items())
        if lesson_id in problem.lessons and placement.slot in problem.week.slots
    ]
    owners: dict[str, list[tuple[Lesson, Placement]]] = {}
    line: Callable[[Lesson, Placement, str], str]
    names: Mapping[str, object]
    if view == "classes":
        names = problem.sets
        named = sorted({set_id for lesson, _ in placed for set_id in lesson.sets})
        leaves = {set_id: problem.leaves(set_id) for set_id in named}
        for set_id in named:
            owners[set_id] = [
                (lesson, placement)
                for lesson, placement in placed
                if problem.lesson_leaves(lesson) & leaves[set_id]
            ]
        line = _class_line(problem)
    else:
        names = problem.teachers if view == "teachers" else problem.rooms
        for lesson, placement in placed:
            keys = lesson.teachers if view == "teachers" else (placement.room,)
            for key in keys:
                if key is not None:
                    owners.setdefault(key, []).append((lesson, placement))
        line = _teacher_line(problem) if view == "teachers" else _room_line(problem)
    made = [
        _grid(problem, _name(names, key), lessons, key, line) for key, lessons in owners.items()
    ]
    return sorted(made, key=lambda grid: order(grid.title))


def order(name: str) -> tuple[tuple[int, int], ...]:
    """A sort key for names as a school lists them: numbers by value ("9А" before "10А"),
    Cyrillic letters in the Kazakh alphabet's order, case ignored."""
    key: list[tuple[int, int]] = []
    for part in re.findall(r"\d+|\D", name.casefold()):
        if part.isdigit():
            key.append((0, int(part)))
        else:
            place = _ALPHABET.find(part)
            key.append((1, ord(part)) if place < 0 else (2, place))
    return tuple(key)


def _grid(
    problem: Problem,
    title: str,
    lessons: list[tuple[Lesson, Placement]],
    owner: str,
    line: Callable[[Lesson, Placement, str], str],
) -> Grid:
    week = problem.week
    cells: dict[tuple[int, int], list[str]] = {}
    for lesson, placement in lessons:
        day, first = week.day_of(placement.slot), week.period_of(placement.slot)
        for period in range(first, min(first + lesson.duration, len(week.periods))):
            cells.setdefault((day, period), []).append(line(lesson, placement, owner))
    return Grid(
        title=title,
        days=week.days,
        periods=week.periods,
        cells={key: tuple(lines) for key, lines in cells.items()},
    )


def _subject(problem: Problem, lesson: Lesson) -> str:
    return _name(problem.subjects, lesson.subject)


def _class_line(problem: Problem) -> Callable[[Lesson, Placement, str], str]:
    def line(lesson: Lesson, placement: Placement, owner: str) -> str:
        parts = [_subject(problem, lesson), _names(problem.teachers, lesson.teachers)]
        if placement.room is not None:
            parts.append(_name(problem.rooms, placement.room))
        if lesson.sets != (owner,):
            parts.append(_names(problem.sets, lesson.sets))
        return SEPARATOR.join(part for part in parts if part)

    return line


def _teacher_line(problem: Problem) -> Callable[[Lesson, Placement, str], str]:
    def line(lesson: Lesson, placement: Placement, owner: str) -> str:
        parts = [_subject(problem, lesson), _names(problem.sets, lesson.sets)]
        if placement.room is not None:
            parts.append(_name(problem.rooms, placement.room))
        others = tuple(teacher for teacher in lesson.teachers if teacher != owner)
        parts.append(_names(problem.teachers, others))
        return SEPARATOR.join(part for part in parts if part)

    return line


def _room_line(problem: Problem) -> Callable[[Lesson, Placement, str], str]:
    def line(lesson: Lesson, placement: Placement, owner: str) -> str:
        parts = [
            _subject(problem, lesson),
            _names(problem.sets, lesson.sets),
            _names(problem.teachers, lesson.teachers),
        ]
        return SEPARATOR.join(part for part in parts if part)

    return line
