"""A ``Problem`` and a ``Timetable`` as JSON-ready data, and back: how the panel stores a
school's timetable (``core.models.timetabling``).

Sets become sorted lists and tuples lists; lesson ids, which JSON keys would turn into text,
are kept inside the lesson. Reading fills what an older stored problem lacks from the
dataclasses' defaults, so adding a defaulted field to the model needs no data migration.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from typing import Any, TypeVar

from core.timetabling.problem import (
    Building,
    Consecutive,
    Lesson,
    MinDaysApart,
    NotOverlapping,
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

_SETS = frozenset({"unavailable", "allowed_slots"})
_T = TypeVar("_T")


def _plain(value: object) -> Any:
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {item.name: _plain(getattr(value, item.name)) for item in fields(value)}
    return value


def _thing(cls: type[_T], data: Mapping[str, Any]) -> _T:
    values: dict[str, Any] = {}
    for item in fields(cls):  # type: ignore[arg-type]
        if item.name not in data:
            continue
        value = data[item.name]
        if isinstance(value, list):
            value = frozenset(value) if item.name in _SETS else tuple(value)
        values[item.name] = value
    return cls(**values)


def problem_to_data(problem: Problem) -> dict[str, Any]:
    return {
        "name": problem.name,
        "week": _plain(problem.week),
        "teachers": [_plain(t) for t in problem.teachers.values()],
        "sets": [_plain(s) for s in problem.sets.values()],
        "subjects": [_plain(s) for s in problem.subjects.values()],
        "rooms": [_plain(r) for r in problem.rooms.values()],
        "buildings": [_plain(b) for b in problem.buildings.values()],
        "lessons": [_plain(lesson) for lesson in problem.lessons.values()],
        "min_days": [_plain(rule) for rule in problem.min_days],
        "same_start": [_plain(rule) for rule in problem.same_start],
        "same_day": [_plain(rule) for rule in problem.same_day],
        "not_overlapping": [_plain(rule) for rule in problem.not_overlapping],
        "consecutive": [_plain(rule) for rule in problem.consecutive],
        "travel_periods": problem.travel_periods,
        "breaks": sorted(problem.breaks),
        "weights": _plain(problem.weights),
        "ignored": list(problem.ignored),
    }


def problem_from_data(data: Mapping[str, Any]) -> Problem:
    def keyed(cls: type[_T], rows: list[Mapping[str, Any]]) -> dict[Any, _T]:
        return {row["id"]: _thing(cls, row) for row in rows}

    return Problem(
        name=data["name"],
        week=_thing(Week, data["week"]),
        teachers=keyed(Teacher, data["teachers"]),
        sets=keyed(StudentSet, data["sets"]),
        subjects=keyed(Subject, data["subjects"]),
        rooms=keyed(Room, data["rooms"]),
        buildings=keyed(Building, data["buildings"]),
        lessons=keyed(Lesson, data["lessons"]),
        min_days=tuple(_thing(MinDaysApart, row) for row in data.get("min_days", [])),
        same_start=tuple(_thing(SameStart, row) for row in data.get("same_start", [])),
        same_day=tuple(_thing(SameDay, row) for row in data.get("same_day", [])),
        not_overlapping=tuple(
            _thing(NotOverlapping, row) for row in data.get("not_overlapping", [])
        ),
        consecutive=tuple(_thing(Consecutive, row) for row in data.get("consecutive", [])),
        travel_periods=data.get("travel_periods", 0),
        breaks=frozenset(data.get("breaks", ())),
        weights=_thing(Weights, data.get("weights", {})),
        ignored=tuple(data.get("ignored", ())),
    )


def timetable_to_data(timetable: Timetable) -> dict[str, list[Any]]:
    return {str(lesson_id): [p.slot, p.room] for lesson_id, p in sorted(timetable.items())}


def timetable_from_data(data: Mapping[str, list[Any]]) -> dict[int, Placement]:
    return {int(key): Placement(slot, room) for key, (slot, room) in data.items()}
