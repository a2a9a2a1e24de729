"""Benchmark: the CP-SAT timetable solver on a synthetic school (issue 11).

    .venv/bin/python bench/timetable_solver.py [--quick] [--classes N] [--seconds S]
        [--workers W]

A school of N classes (default 40, quick 8) in grades of four parallel classes, each class
with 30 periods a week in a 5 × 7 week: maths 5, language 4, literature 3, English 3 (split
into two groups, taught at the same time by two teachers), history 2, physics 2, chemistry 2
(one a double period in the lab), biology 2, geography 2, PE 2, art 1, music 1, computing 1
(in a computer room). Teachers take up to 24 periods of one subject, some are away one day,
and each class's maths lessons fall on different days (hard). Rooms: a classroom per class,
and as many labs, computer rooms and gyms as keep each busy
at most 28 periods of 35. Nothing is planned by hand, so a timetable exists.

Printed: the size, the time to build and solve, the status, the objective and the soft
penalties; the last line is one JSON object. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from collections.abc import Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.timetabling.problem import (
    Lesson,
    MinDaysApart,
    Problem,
    Room,
    SameStart,
    StudentSet,
    Subject,
    Teacher,
    Week,
)
from core.timetabling.solver import solve

PLAN = {  # subject: periods a week (English is per group)
    "maths": 5,
    "language": 4,
    "literature": 3,
    "english": 3,
    "history": 2,
    "physics": 2,
    "chemistry": 2,
    "biology": 2,
    "geography": 2,
    "pe": 2,
    "art": 1,
    "music": 1,
    "computing": 1,
}
ROOM_KIND = {"chemistry": "lab", "physics": "lab", "computing": "computers", "pe": "gym"}
LOAD = 24  # periods a teacher takes at most


def school(classes: int, rng: random.Random) -> Problem:
    week = Week(("Mon", "Tue", "Wed", "Thu", "Fri"), tuple(str(p) for p in range(1, 8)))
    sets: dict[str, StudentSet] = {}
    rooms = {f"r{c}": Room(f"r{c}", f"Room {c + 1}", capacity=30) for c in range(classes)}
    for kind in sorted(set(ROOM_KIND.values())):
        periods = sum(PLAN[s] for s, k in ROOM_KIND.items() if k == kind) * classes
        for n in range(1, -(-periods // 28) + 1):  # each such room busy 28 of 35 periods
            rooms[f"{kind}{n}"] = Room(f"{kind}{n}", f"{kind.title()} {n}", 30, kind)
    teachers: dict[str, Teacher] = {}
    load: dict[str, int] = {}
    lessons: dict[int, Lesson] = {}
    same_start: list[SameStart] = []
    min_days: list[MinDaysApart] = []
    ids = itertools.count(1)

    def teacher_for(subject: str, periods: int, besides: str = "") -> str:
        for teacher_id, taken in load.items():
            if (
                teacher_id.startswith(f"{subject}-")
                and teacher_id != besides
                and taken + periods <= LOAD
            ):
                load[teacher_id] += periods
                return teacher_id
        teacher_id = f"{subject}-{sum(t.startswith(subject + '-') for t in load) + 1}"
        away = frozenset(week.slot(rng.randrange(5), p) for p in range(7))
        teachers[teacher_id] = Teacher(
            teacher_id, teacher_id.title(), unavailable=away if rng.random() < 0.3 else frozenset()
        )
        load[teacher_id] = periods
        return teacher_id

    for number in range(classes):
        grade = str(5 + number // 4)
        sets.setdefault(grade, StudentSet(grade, grade))
        class_id = f"{grade}{'ABCD'[number % 4]}"
        sets[class_id] = StudentSet(class_id, class_id, parent=grade, size=26)
        for group in (1, 2):
            sets[f"{class_id}-en{group}"] = StudentSet(
                f"{class_id}-en{group}", f"{class_id} English {group}", parent=class_id, size=13
            )
        for subject, periods in PLAN.items():
            if subject == "english":
                pairs: list[list[int]] = []
                teacher = ""
                for group in (1, 2):  # two teachers: the groups learn at the same time
                    teacher = teacher_for(subject, periods, besides=teacher)
                    group_ids = []
                    for _ in range(periods):
                        lesson_id = next(ids)
                        lessons[lesson_id] = Lesson(
                            lesson_id, subject, (teacher,), (f"{class_id}-en{group}",)
                        )
                        group_ids.append(lesson_id)
                    pairs.append(group_ids)
                same_start += [SameStart(pair) for pair in zip(*pairs, strict=True)]
                continue
            teacher = teacher_for(subject, periods)
            kind = ROOM_KIND.get(subject, "")
            duration = 2 if subject == "chemistry" else 1
            subject_ids = []
            for _ in range(periods // duration):
                lesson_id = next(ids)
                lessons[lesson_id] = Lesson(
                    lesson_id,
                    subject,
                    (teacher,),
                    (class_id,),
                    duration=duration,
                    needs_room=True,
                    room_kind=kind,
                    rooms=() if kind else (f"r{number}",),
                    students=26,
                )
                subject_ids.append(lesson_id)
            if subject == "maths":
                min_days.append(MinDaysApart(tuple(subject_ids), hard=True))
    return Problem(
        name=f"synthetic school of {classes} classes",
        week=week,
        teachers=teachers,
        sets=sets,
        subjects={s: Subject(s, s.title()) for s in PLAN},
        rooms=rooms,
        buildings={},
        lessons=lessons,
        same_start=tuple(same_start),
        min_days=tuple(min_days),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--classes", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    classes = args.classes or (8 if args.quick else 40)
    seconds = args.seconds or (10.0 if args.quick else 60.0)
    problem = school(classes, random.Random(11))
    print(
        f"{classes} classes, {len(problem.teachers)} teachers, {len(problem.lessons)} lessons, "
        f"{len(problem.rooms)} rooms; {seconds:g} s, {args.workers} worker(s)"
    )
    began = time.monotonic()
    first: list[float] = []

    def progress(done: float, rules: Mapping[str, int]) -> None:
        if not first:
            first.append(time.monotonic() - began)
        print(f"  {done:5.0%} objective {sum(rules.values())}")

    solution = solve(problem, seconds=seconds, seed=1, workers=args.workers, progress=progress)
    took = time.monotonic() - began
    print(f"status {solution.status} in {took:.1f} s (first timetable {first[:1]} s)")
    print(f"objective {solution.objective}, penalties {solution.penalties}")
    for culprit in solution.culprits:
        print(f"  culprit: {culprit}")
    print(
        json.dumps(
            {
                "classes": classes,
                "lessons": len(problem.lessons),
                "seconds": round(took, 1),
                "first_solution_s": round(first[0], 1) if first else None,
                "status": solution.status,
                "objective": solution.objective,
            }
        )
    )


if __name__ == "__main__":
    main()
