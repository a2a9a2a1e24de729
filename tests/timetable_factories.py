"""A tiny school stored as a timetable, its admin, and a way to keep a solver run running
while a test acts (issue 11)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from core.actor import Actor
from core.deps import Deps
from core.models.people import Role
from core.models.timetabling import SchoolTimetable, TimetableSource
from core.services import timetable_solves
from core.timetabling.problem import Lesson, Problem, StudentSet, Subject, Teacher, Week
from core.timetabling.serial import problem_to_data
from tests.factories import make_member, make_organisation

WEEK = Week(("Mon", "Tue", "Wed", "Thu", "Fri"), ("1", "2", "3", "4"))


def tiny_school(*, busy_teacher: bool = False) -> Problem:
    """Two classes, three teachers, 14 lessons in a week of 20 periods. ``busy_teacher``:
    Ahmetov teaches 6 lessons but may come only on Monday and Tuesday before the third period
    and on Wednesday's first (5 free periods)."""
    lessons = [
        *(Lesson(i, "math", ("ahmetov",), ("7a",)) for i in range(1, 5)),
        *(Lesson(i, "kazakh", ("serikova",), ("7a",)) for i in range(5, 8)),
        *(Lesson(i, "math", ("ahmetov",), ("7b",)) for i in range(8, 10)),
        *(Lesson(i, "history", ("bekov",), ("7b",)) for i in range(10, 15)),
    ]
    free = {0, 1, 4, 5, 8} if busy_teacher else set(WEEK.slots)
    return Problem(
        name="№7 мектеп",
        week=WEEK,
        teachers={
            "ahmetov": Teacher("ahmetov", "Ахметов Б.", frozenset(set(WEEK.slots) - free)),
            "serikova": Teacher("serikova", "Серікова А."),
            "bekov": Teacher("bekov", "Беков Д."),
        },
        sets={"7a": StudentSet("7a", "7А"), "7b": StudentSet("7b", "7Б")},
        subjects={
            "math": Subject("math", "Математика"),
            "kazakh": Subject("kazakh", "Қазақ тілі"),
            "history": Subject("history", "Тарих"),
        },
        rooms={},
        buildings={},
        lessons={lesson.id: lesson for lesson in lessons},
    )


async def store(deps: Deps, actor: Actor, problem: Problem) -> SchoolTimetable:
    now = deps.clock.now()
    return await SchoolTimetable.create(
        organisation_id=actor.organisation_id,
        name=problem.name,
        source=TimetableSource.FET,
        problem=problem_to_data(problem),
        placements={},
        created_at=now,
        updated_at=now,
    )


async def make_admin(deps: Deps) -> Actor:
    system = await make_organisation(deps, name="№7 мектеп")
    return await make_member(
        deps, system, Role.ADMIN, login=f"admin-{system.organisation_id}@s.kz"
    )


class Held:
    """The solver's thread, once the real solver is done, waits here until released."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.entered = threading.Event()

    async def solving(self) -> None:
        """Until a run's thread is in the solver."""
        await asyncio.to_thread(self.entered.wait, 60)

    def release(self) -> None:
        self.gate.set()


def hold_solver(monkeypatch: pytest.MonkeyPatch) -> Held:
    """From now on each run's thread, once the real solver is done, waits for ``release``
    (at most half a minute, should a test fail before releasing it)."""
    holding = Held()
    real = timetable_solves.solve

    def solve(*args: Any, **kwargs: Any) -> Any:
        holding.entered.set()
        solution = real(*args, **kwargs)
        holding.gate.wait(timeout=30)
        return solution

    monkeypatch.setattr(timetable_solves, "solve", solve)
    return holding
