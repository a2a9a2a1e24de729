"""Benchmark: automatic school timetables (issue 11), pure functions, no database.

    .venv/bin/python bench/timetable.py [--quick] [--runs N] [--seed N] [--seconds S]
        [--seeds N] [--files NAME ...]

A synthetic school is built: 50 classes in 10 years (a year of five parallel classes), 30
lessons a week each (1,500 lessons, one a double: 31 periods), 70 teachers (each teaching
one subject), 60 rooms in two buildings (40 classrooms, 12 labs, 8 gyms; lab and gym
subjects need their kind), 5 days × 7 periods. A timetable is built greedily:
each lesson takes the first slot (in random order) where its class, its teacher and a room
of the right kind are all free, so it breaks no hard rule (checked: ``valid_hard``).

1. **checker** (target: under a second, so p95 well below 1,000 ms): five known conflicts of
   different kinds are injected — a teacher with two lessons at once, two lessons in one room,
   a teacher away at a lesson's time, a lab lesson in an ordinary classroom, a lesson left
   unplaced — and ``core.timetabling.checker.check`` runs ``--runs`` times (quick: 5).
   ``conflicts_found`` counts the injected conflicts the report lists with their lesson.

2. **FET schools** (``tests/data/timetabling/fet``, FET's own examples): each file is read
   and solved with a fixed budget per seed (quick: three of them, one seed, 15 s; else all
   seven or the ``--files`` named, ``--seeds`` seeds (default 2), ``--seconds`` each, default
   60), using every core.
   The timetable is checked by the checker, not taken on the solver's word: placed lessons of
   the total, hard violations, the soft penalty by rule, CPU seconds (the process's, all
   threads). Target of the issue: every lesson placed with no hard violation on every file
   (``all_placed``).

3. **FET side-by-side**: when FET's command line ``fet-cl`` is on PATH (Debian package
   ``fet``, 6.8.5 here; CI does not install it), it runs on each school with the same
   budget and seeds (single-threaded), just before ours on that school (4.), so that both
   meet the machine in the same mood; its timetable (``*_activities.xml``, or
   when time runs out the most it placed) is judged by our checker: placed of total, hard
   violations, teacher gaps (the weighted ``teacher_gaps`` cost, as ours), CPU seconds, printed
   next to ours. FET's file may hold rules our importer ignores (``Problem.ignored``), which
   FET keeps and we do not: its task is then harder than ours.

4. **Time to a timetable**: FET stops at its first complete timetable, so its CPU is the CPU
   to one; ours, stopped the same way (``solve(enough=...)``, reading the file included), per
   file and seed: CPU to a first complete timetable with no hard violation
   (``cpu_s_first``), and, where FET finished, to one with no more teacher gaps than FET's
   (``cpu_s_to_fet_gaps``); medians over the seeds, null when a seed got none. Without
   ``fet-cl`` only the first figure. ``cpu_s_total`` sums ``cpu_s_first`` over the files:
   it compares with ``fet.cpu_s_total``. Both sides to the millisecond; each of our runs
   starts from a collected heap, as FET's starts in a fresh process.

Figures are printed as they are measured, with the machine's load average; the last line is
one JSON object (``lessons``, ``checker_median_ms``, ``checker_p95_ms``, ``checker_ms`` (the
median), ``conflicts_found`` of ``conflicts_injected``, ``files`` and ``all_placed`` (the
fixed budget), ``cpu_s_budget_total``, ``to_timetable`` and ``cpu_s_total`` (4.), and ``fet``:
``available``, ``files``, ``all_placed``, ``cpu_s_total``, the figures null without
``fet-cl``). Nothing is asserted. Each measurement is one function.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.support.figures import p95  # noqa: E402
from core.timetabling.checker import check  # noqa: E402
from core.timetabling.fet import read_fet  # noqa: E402
from core.timetabling.problem import (  # noqa: E402
    Building,
    Lesson,
    Placement,
    Problem,
    Room,
    StudentSet,
    Subject,
    Teacher,
    Timetable,
    Week,
    Weights,
)
from core.timetabling.solver import Enough, Solution, solve  # noqa: E402

#: subject → (lessons a week per class, room kind, lessons of it that are doubles)
SUBJECTS = {
    "math": (5, "", 0),
    "lang": (4, "", 0),
    "lit": (3, "", 0),
    "eng": (3, "", 0),
    "hist": (2, "", 0),
    "geo": (2, "", 0),
    "bio": (2, "lab", 0),
    "chem": (2, "lab", 1),
    "phys": (2, "lab", 0),
    "pe": (3, "gym", 0),
    "art": (3, "", 0),
}
"""31 periods a week per class: 30 lessons, one of them a double."""
TEACHERS_PER_SUBJECT = {
    "math": 12,
    "lang": 9,
    "lit": 7,
    "eng": 7,
    "hist": 4,
    "geo": 4,
    "bio": 4,
    "chem": 5,
    "phys": 4,
    "pe": 8,
    "art": 6,
}
"""70 teachers, each of one subject, with 15 to 25 periods a week."""


def synthetic_school(classes: int = 50) -> Problem:
    """The school of the module docstring (``classes`` a multiple of 5)."""
    week = Week(
        days=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"),
        periods=tuple(str(number) for number in range(1, 8)),
    )
    sets: dict[str, StudentSet] = {}
    for year in range(classes // 5):
        sets[f"y{year}"] = StudentSet(f"y{year}", f"{year + 2}", size=125)
        for letter in "АБВГД":
            key = f"y{year}{letter}"
            sets[key] = StudentSet(key, f"{year + 2}{letter}", parent=f"y{year}", size=25)
    teachers: dict[str, Teacher] = {}
    by_subject: dict[str, list[str]] = defaultdict(list)
    for subject, count in TEACHERS_PER_SUBJECT.items():
        for number in range(count):
            key = f"{subject}{number}"
            teachers[key] = Teacher(key, f"{subject.title()} teacher {number + 1}")
            by_subject[subject].append(key)
    rooms = {
        f"r{number}": Room(f"r{number}", f"{100 + number}", capacity=30, building="main")
        for number in range(40)
    }
    for kind, building, count in (("lab", "main", 12), ("gym", "sport", 8)):
        for number in range(count):
            key = f"{kind}{number}"
            rooms[key] = Room(key, f"{kind.title()} {number + 1}", 30, kind, building)
    lessons: dict[int, Lesson] = {}
    class_ids = [key for key, student_set in sets.items() if student_set.parent is not None]
    for index, class_id in enumerate(class_ids):
        for subject, (count, kind, doubles) in SUBJECTS.items():
            pool = by_subject[subject]
            teacher = pool[index * len(pool) // len(class_ids)]
            for number in range(count - doubles):
                lesson_id = len(lessons) + 1
                lessons[lesson_id] = Lesson(
                    lesson_id,
                    subject,
                    (teacher,),
                    (class_id,),
                    duration=2 if number < doubles else 1,
                    needs_room=True,
                    room_kind=kind,
                )
    return Problem(
        name="Synthetic school",
        week=week,
        teachers=teachers,
        sets=sets,
        subjects={key: Subject(key, key.title()) for key in SUBJECTS},
        rooms=rooms,
        buildings={"main": Building("main", "Main"), "sport": Building("sport", "Sports hall")},
        lessons=lessons,
    )


class _Greedy:
    """Who holds what: (teacher, class or room id; slot) → lesson id."""

    def __init__(self, problem: Problem, rng: random.Random) -> None:
        self.problem, self.rng = problem, rng
        self.holder: dict[tuple[str, int], int] = {}
        self.timetable: dict[int, Placement] = {}
        self.rooms_of_kind: dict[str, list[str]] = defaultdict(list)
        for room in problem.rooms.values():
            self.rooms_of_kind[room.kind].append(room.id)

    def slots(self, lesson: Lesson) -> list[int]:
        week = self.problem.week
        slots = [slot for slot in week.slots if week.fits(slot, lesson.duration)]
        self.rng.shuffle(slots)
        return slots

    def blockers(self, lesson: Lesson, slot: int) -> set[int]:
        """The lessons holding this lesson's people at ``slot``, and a room's when every
        room of its kind is taken."""
        span = range(slot, slot + lesson.duration)
        people = [*lesson.teachers, *lesson.sets]
        found = {self.holder[who, s] for who in people for s in span if (who, s) in self.holder}
        if self.room(lesson, slot) is None:
            found |= {
                self.holder[room, s]
                for room in self.rooms_of_kind[lesson.room_kind][:1]
                for s in span
                if (room, s) in self.holder
            }
        return found

    def room(self, lesson: Lesson, slot: int) -> str | None:
        span = range(slot, slot + lesson.duration)
        return next(
            (
                room
                for room in self.rooms_of_kind[lesson.room_kind]
                if all((room, s) not in self.holder for s in span)
            ),
            None,
        )

    def put(self, lesson: Lesson, slot: int) -> bool:
        room = self.room(lesson, slot)
        if room is None or self.blockers(lesson, slot):
            return False
        span = range(slot, slot + lesson.duration)
        for who in [*lesson.teachers, *lesson.sets, room]:
            self.holder.update(((who, s), lesson.id) for s in span)
        self.timetable[lesson.id] = Placement(slot, room)
        return True

    def take(self, lesson: Lesson) -> None:
        placement = self.timetable.pop(lesson.id)
        span = range(placement.slot, placement.slot + lesson.duration)
        for who in [*lesson.teachers, *lesson.sets, placement.room or ""]:
            for s in span:
                self.holder.pop((who, s), None)

    def repair(self, lesson: Lesson) -> bool:
        """Place ``lesson`` by moving the one lesson in its way somewhere else."""
        for slot in self.slots(lesson):
            (blocker_id, *more) = self.blockers(lesson, slot) or {0}
            if more or not blocker_id:
                continue
            blocker = self.problem.lessons[blocker_id]
            before = self.timetable[blocker_id].slot
            self.take(blocker)
            if self.put(lesson, slot):
                if any(self.put(blocker, other) for other in self.slots(blocker)):
                    return True
                self.take(lesson)
            self.put(blocker, before)
        return False


def greedy_timetable(problem: Problem, rng: random.Random) -> dict[int, Placement]:
    """Each lesson (doubles and lessons needing a lab or gym first) at the first free slot of
    a shuffled order, or, when none is free, by moving the one lesson in its way; a lesson
    still without a slot stays unplaced (reported as ``greedy_unplaced``)."""
    greedy = _Greedy(problem, rng)
    order = sorted(
        problem.lessons.values(),
        key=lambda lesson: (-lesson.duration, not lesson.room_kind, lesson.id),
    )
    for lesson in order:
        if not any(greedy.put(lesson, slot) for slot in greedy.slots(lesson)):
            greedy.repair(lesson)
    return greedy.timetable


def inject_conflicts(
    problem: Problem, timetable: dict[int, Placement], rng: random.Random
) -> tuple[Problem, dict[int, Placement], list[tuple[str, int]]]:
    """Five conflicts of different kinds; returns them as (rule key, a lesson it names)."""
    timetable = dict(timetable)
    single = [
        lesson
        for lesson in problem.lessons.values()
        if lesson.duration == 1 and lesson.id in timetable and not lesson.room_kind
    ]
    first, second, third, fourth, fifth = rng.sample(single, 5)
    injected: list[tuple[str, int]] = []
    # 1. a teacher's lesson moved onto the slot of another of their lessons
    other = next(
        lesson_id
        for lesson_id, lesson in problem.lessons.items()
        if lesson.teachers == first.teachers and lesson_id != first.id and lesson_id in timetable
    )
    timetable[first.id] = replace(timetable[first.id], slot=timetable[other].slot)
    injected.append(("teacher_clash", first.id))
    # 2. a lesson moved into the room another lesson holds at its slot
    neighbour = next(
        lesson_id
        for lesson_id, placement in timetable.items()
        if placement.slot == timetable[second.id].slot
        and placement.room != timetable[second.id].room
        and not problem.lessons[lesson_id].room_kind
    )
    timetable[second.id] = replace(timetable[second.id], room=timetable[neighbour].room)
    injected.append(("room_clash", second.id))
    # 3. a teacher away at the time of one of their lessons
    teachers = dict(problem.teachers)
    (teacher_id,) = third.teachers
    teachers[teacher_id] = replace(
        teachers[teacher_id], unavailable=frozenset({timetable[third.id].slot})
    )
    injected.append(("teacher_unavailable", third.id))
    # 4. a lab lesson in an ordinary classroom
    lab = next(lesson for lesson in problem.lessons.values() if lesson.room_kind == "lab")
    timetable[lab.id] = replace(timetable[lab.id], room=timetable[fourth.id].room)
    injected.append(("room_kind", lab.id))
    # 5. a lesson left out
    del timetable[fifth.id]
    injected.append(("not_placed", fifth.id))
    return replace(problem, teachers=teachers), timetable, injected


def bench_checker(
    problem: Problem, valid: Timetable, runs: int, rng: random.Random
) -> dict[str, Any]:
    print(f"checker: {len(problem.lessons)} lessons, {runs} runs")
    valid_hard = check(problem, valid).hard
    print(f"  the greedy timetable breaks {valid_hard} hard rules")
    broken, timetable, injected = inject_conflicts(problem, dict(valid), rng)
    timings: list[float] = []
    report = check(broken, timetable)
    for _ in range(runs):
        started = time.perf_counter()
        report = check(broken, timetable)
        timings.append(time.perf_counter() - started)
    found = sum(
        any(
            violation.rule == rule and lesson_id in violation.lessons
            for violation in report.of(rule)
        )
        for rule, lesson_id in injected
    )
    median, high = statistics.median(timings) * 1000, p95(timings) * 1000
    print(
        f"  median {median:.1f} ms, p95 {high:.1f} ms (load average {os.getloadavg()[0]:.2f}); "
        f"{found} of {len(injected)} injected conflicts found, {report.hard} hard violations, "
        f"soft penalty {report.soft_total}"
    )
    return {
        "valid_hard": valid_hard,
        "checker_median_ms": round(median, 2),
        "checker_p95_ms": round(high, 2),
        "checker_ms": round(median, 2),
        "conflicts_injected": len(injected),
        "conflicts_found": found,
        "injected_hard": report.hard,
        "soft_penalty": report.soft_total,
    }


FET_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "timetabling" / "fet"
QUICK_FILES = ("uk_hopwood_fully-locked", "brazil_1", "bulgaria_lom_high_school_2007-2008")


def read_school(name: str) -> Problem:
    return read_fet((FET_DIR / f"{name}.fet").read_bytes(), name=name)


#: The weights for "as few teacher gaps as FET's": an admin who wants that weighs nothing else.
TEACHER_GAPS_ONLY = Weights(
    class_gaps=0,
    day_balance=0,
    subject_spread=0,
    preferred_rooms=0,
    building_changes=0,
    min_days=0,
)


def solve_file(
    name: str,
    seed: int,
    seconds: float,
    enough: Enough | None = None,
    weights: Weights | None = None,
) -> tuple[Problem, Solution, float, float]:
    """One school read and solved (as FET reads its file, the reading counts), with
    ``weights`` when given: the problem, the solution, CPU seconds (the process's, all
    threads) and wall seconds. The garbage of earlier runs is collected first, off the
    clock: FET starts each run in a fresh process, and a full collection of this process's
    heap during a run cost 30 ms, more than a fully locked school's whole solve (uk_hopwood:
    18 ms, or 46-57 ms on 3 runs of 20 without the collection)."""
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    problem = read_school(name)
    if weights is not None:
        problem = replace(problem, weights=weights)
    solution = solve(
        problem, seconds=seconds, seed=seed, workers=os.cpu_count() or 1, enough=enough
    )
    return problem, solution, time.process_time() - cpu, time.perf_counter() - wall


def complete(problem: Problem, solution: Solution) -> bool:
    report = check(problem, solution.timetable)
    return report.unplaced == 0 and report.hard == 0


def bench_fet_files(names: list[str], seeds: list[int], seconds: float) -> dict[str, Any]:
    print(f"FET schools: {len(names)} files × seeds {seeds}, {seconds:.0f} s budget each")
    rows: list[dict[str, Any]] = []
    for name in names:
        for seed in seeds:
            problem, solution, cpu, wall = solve_file(name, seed, seconds)
            report = check(problem, solution.timetable)
            row = {
                "file": name,
                "seed": seed,
                "status": solution.status,
                "lessons": len(problem.lessons),
                "placed": len(problem.lessons) - report.unplaced,
                "hard": report.hard,
                "soft": dict(report.soft),
                "cpu_s": round(cpu, 1),
                "wall_s": round(wall, 1),
            }
            rows.append(row)
            soft = ", ".join(f"{rule} {cost}" for rule, cost in report.soft.items() if cost)
            print(
                f"  {name} seed {seed}: {solution.status}, placed {row['placed']} of "
                f"{row['lessons']}, hard {report.hard}, soft {report.soft_total} ({soft or '0'}),"
                f" CPU {cpu:.1f} s, wall {wall:.1f} s"
            )
    return {
        "files": rows,
        "all_placed": all_placed(rows),
        "cpu_s_budget_total": round(sum(row["cpu_s"] for row in rows), 1),
    }


def all_placed(rows: list[dict[str, Any]]) -> bool:
    """Every lesson placed with no hard violation, in every row (a file, or a file and seed)."""
    return all(row["placed"] == row["lessons"] and row["hard"] == 0 for row in rows)


def bench_time_to_timetable(
    name: str, seeds: list[int], seconds: float, fet_row: dict[str, Any] | None
) -> dict[str, Any]:
    """FET stops at its first complete timetable; the same stop for ours (``enough``): CPU to
    the first complete timetable with no hard violation, and, where FET finished, to one with
    no more teacher gaps than FET's (the search's count, which never undercounts the
    checker's; the timetable returned is checked too), weighing teacher gaps only (FET
    weighs nothing else either; with the default weights the search also trades teacher
    gaps for the other wishes: ``soft_at_fet_gaps`` is that timetable's penalty under them).
    The median over the seeds; None when a seed got none within the budget (so FET's figure
    cannot be beaten by leaving it out)."""
    firsts: list[float | None] = []
    matches: list[float | None] = []
    trade: dict[str, int] = {}
    target = fet_row["teacher_gaps"] if fet_row and fet_row["finished"] else None
    for seed in seeds:
        problem, solution, cpu, _ = solve_file(name, seed, seconds, lambda _rules: True)
        firsts.append(cpu if complete(problem, solution) else None)
        if target is None:
            continue
        problem, solution, cpu, _ = solve_file(
            name, seed, seconds, gaps_at_most(target), TEACHER_GAPS_ONLY
        )
        gaps = check(problem, solution.timetable).soft["teacher_gaps"]
        matches.append(cpu if complete(problem, solution) and gaps <= target else None)
        trade = dict(check(read_school(name), solution.timetable).soft)
    row = {
        "file": name,
        "cpu_s_first": median_or_none(firsts),
        "fet_teacher_gaps": target,
        "cpu_s_to_fet_gaps": median_or_none(matches) if target is not None else None,
        "fet_cpu_s": fet_row["cpu_s"] if fet_row else None,
        "fet_finished": fet_row["finished"] if fet_row else None,
        "soft_at_fet_gaps": trade or None,  # the last seed's, default weights
        # FET's rules we do not follow: where there are any, FET solved a harder school
        "ignored_rules": list(read_school(name).ignored),
    }
    row["faster_than_fet"] = faster(row)
    if fet_row is None:
        fet_said = "FET not run"
    else:
        finished = "finished" if fet_row["finished"] else "did not finish"
        fet_said = f"FET {fet_row['cpu_s']} s ({finished})"
    print(
        f"  {name}: ours first {shown(firsts)} s CPU, to FET's teacher gaps ({target}) "
        f"{shown(matches)} s | {fet_said} | rules of the file we ignore: "
        f"{len(row['ignored_rules'])}"
    )
    return row


def summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The time to a timetable over all the files, printed."""
    firsts_total = [row["cpu_s_first"] for row in rows]
    total = None if None in firsts_total else round(sum(firsts_total), 3)
    ahead = [row["file"] for row in rows if row["faster_than_fet"]]
    behind = [row["file"] for row in rows if row["faster_than_fet"] is False]
    print(f"In all: ours {total} s CPU to a first timetable of every file")
    print(f"  ours faster than FET on {len(ahead)} of {len(ahead) + len(behind)}; FET faster on:")
    print(f"  {', '.join(behind) or 'none'}")
    return {
        "to_timetable": rows,
        "cpu_s_total": total,
        "files_faster_than_fet": ahead,
        "files_fet_faster": behind,
    }


def bench_side_by_side(
    names: list[str], seeds: list[int], seconds: float, ours: list[dict[str, Any]]
) -> dict[str, Any]:
    """FET (3.) and ours to a timetable (4.), file by file: each file's two measurements
    minutes apart, not a quarter of an hour, on a machine whose speed drifts (the same
    solve of spain took 0.87 s and 1.3 s of CPU twenty minutes apart)."""
    fet: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    fet_cl = shutil.which("fet-cl")
    if fet_cl is not None:
        print(f"FET side-by-side: fet-cl, {seconds:.0f} s per file, seeds {seeds}, then ours")
        print(f"to a timetable (FET's stop), {seconds:.0f} s budget each")
    else:
        print("FET: fet-cl is not on PATH (Debian package fet); no side-by-side")
        print(f"Time to a timetable: seeds {seeds}, {seconds:.0f} s budget each")
    for name in names:
        fet_row = bench_fet_cl(fet_cl, name, seeds, seconds, ours) if fet_cl else None
        if fet_row is not None:
            fet.append(fet_row)
        rows.append(bench_time_to_timetable(name, seeds, seconds, fet_row))
    if fet_cl is None:
        fet_figures = {"available": False, "files": None, "all_placed": None, "cpu_s_total": None}
    else:
        fet_figures = {
            "available": True,
            "files": fet,
            "all_placed": all_placed(fet),
            "cpu_s_total": round(sum(row["cpu_s"] for row in fet), 1),
        }
    return summary(rows) | {"fet": fet_figures}


def faster(row: dict[str, Any]) -> bool | None:
    """Whether ours got there on less CPU than FET: where FET finished, to a timetable with
    no more teacher gaps than FET's; where it did not, to any complete one. None: FET not
    run."""
    if row["fet_cpu_s"] is None:
        return None
    ours = row["cpu_s_to_fet_gaps"] if row["fet_finished"] else row["cpu_s_first"]
    return ours is not None and ours < row["fet_cpu_s"]


def gaps_at_most(most: int) -> Enough:
    return lambda rules: rules["teacher_gaps"] <= most


def median_or_none(values: list[float | None]) -> float | None:
    """The median, or None when a value is missing (a seed that got nothing)."""
    if not values or None in values:
        return None
    return round(statistics.median(v for v in values if v is not None), 3)


def shown(values: Sequence[float | None]) -> str:
    return "/".join("—" if value is None else f"{value:.3f}" for value in values) or "—"


#: FET's HTML timetables are not needed; its XML ones (activities, teachers, subgroups) are.
FET_CL_QUIET = [
    "--htmllevel=0",
    *(
        f"--{option}=false"
        for option in (
            "writetimetableconflicts",
            "writetimetablesstatistics",
            "writetimetablesdayshorizontal",
            "writetimetablesdaysvertical",
            "writetimetablestimehorizontal",
            "writetimetablestimevertical",
        )
    ),
]


#: FET's random seed components (``--randomseeds10=…``); FET seeds itself from the clock
#: without them, and its CPU to a timetable varies 5× between runs (bulgaria: 0.6–3.3 s).
SEEDS = ("10", "11", "12", "20", "21", "22")


def fet_timetable(problem: Problem, activities: Path) -> dict[int, Placement]:
    """FET's ``*_activities.xml`` (its own output, trusted) as our timetable: the activities
    it placed, by day, hour and room name (our ids are FET's names)."""
    week = problem.week
    days = {name: index for index, name in enumerate(week.days)}
    hours = {name: index for index, name in enumerate(week.periods)}
    timetable: dict[int, Placement] = {}
    for element in ET.parse(activities).getroot().iter("Activity"):
        lesson_id = int(element.findtext("Id") or 0)
        # FET writes names with the whitespace around them in the file; ours are stripped
        day, hour, room = (
            (element.findtext(tag) or "").strip() for tag in ("Day", "Hour", "Room")
        )
        if lesson_id in problem.lessons and day in days and hour in hours:
            timetable[lesson_id] = Placement(week.slot(days[day], hours[hour]), room or None)
    return timetable


def run_fet_cl(
    fet_cl: str, name: str, seconds: float, out: Path, seed: int
) -> tuple[Path | None, bool, float]:
    """FET's command line on one school with random seed ``seed`` (FET's six components
    made from it): its activities file (the whole timetable, or when time ran out the most
    it placed, ``-highest``), whether it finished, its CPU seconds."""
    seeds = [f"--randomseeds{part}={seed + 1 if part.endswith('0') else 1}" for part in SEEDS]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = subprocess.run(
        [
            fet_cl,
            f"--inputfile={FET_DIR / f'{name}.fet'}",
            f"--outputdir={out}",
            f"--timelimitseconds={max(1, round(seconds))}",
            *seeds,
            *FET_CL_QUIET,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    finished = "Simulation successful" in run.stdout + run.stderr
    for folder in (name, f"{name}-highest"):
        found = out / "timetables" / folder / f"{name}_activities.xml"
        if found.exists():
            return found, finished, cpu
    return None, finished, cpu


def bench_fet_cl(
    fet_cl: str, name: str, seeds: list[int], seconds: float, ours: list[dict[str, Any]]
) -> dict[str, Any]:
    """FET 6.8.5 (``fet-cl``) on one school with our budget and our seeds, its timetables
    judged by our checker, printed next to ours: the median CPU and teacher gaps over the
    seeds, finished when every seed finished."""
    problem = read_school(name)
    runs = []
    for seed in seeds:
        with tempfile.TemporaryDirectory(prefix="fet-cl-") as out:
            activities, finished, cpu = run_fet_cl(fet_cl, name, seconds, Path(out), seed)
            timetable = fet_timetable(problem, activities) if activities else {}
        runs.append((check(problem, timetable), finished, cpu))
    row = {
        "file": name,
        "finished": all(finished for _, finished, _ in runs),
        "lessons": len(problem.lessons),
        "placed": min(len(problem.lessons) - report.unplaced for report, _, _ in runs),
        "hard": max(report.hard for report, _, _ in runs),
        "teacher_gaps": round(
            statistics.median(report.soft["teacher_gaps"] for report, _, _ in runs)
        ),
        "soft": dict(runs[0][0].soft),
        # to the millisecond, as ours (median_or_none): a fully locked school takes about
        # 0.02 s, and to the hundredth 0.018 s and 0.021 s showed as a tie
        "cpu_s": round(statistics.median(cpu for _, _, cpu in runs), 3),
        "cpu_s_runs": [round(cpu, 3) for _, _, cpu in runs],
    }
    mine = [other for other in ours if other["file"] == name]
    print(
        f"  {name}: FET {'finished' if row['finished'] else 'out of time'}, placed "
        f"{row['placed']} of {row['lessons']}, hard {row['hard']} (our checker), teacher "
        f"gaps {row['teacher_gaps']}, CPU {shown(row['cpu_s_runs'])} s | ours: placed "
        f"{[other['placed'] for other in mine]}, teacher gaps "
        f"{[other['soft']['teacher_gaps'] for other in mine]}, CPU "
        f"{[other['cpu_s'] for other in mine]} s"
    )
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the timetable checker and solver.")
    parser.add_argument("--quick", action="store_true", help="5 checker runs instead of 50")
    parser.add_argument("--runs", type=int, default=None, help="checker runs")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--seconds", type=float, default=None, help="solver budget per file")
    parser.add_argument("--seeds", type=int, default=2, help="seeds per file (quick: 1)")
    parser.add_argument(
        "--files", nargs="+", metavar="NAME", help="these schools only (file names without .fet)"
    )
    args = parser.parse_args()
    known = sorted(path.stem for path in FET_DIR.glob("*.fet"))
    unknown = set(args.files or ()) - set(known)
    if unknown:
        parser.error(f"no such school: {', '.join(sorted(unknown))}; known: {', '.join(known)}")
    rng = random.Random(args.seed)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    result: dict[str, Any] = {"quick": args.quick, "load_1m_before": round(os.getloadavg()[0], 2)}
    problem = synthetic_school()
    valid = greedy_timetable(problem, rng)
    unplaced = len(problem.lessons) - len(valid)
    print(f"school: {len(problem.lessons)} lessons, greedy left {unplaced} unplaced")
    result |= {"lessons": len(problem.lessons), "greedy_unplaced": unplaced}
    result |= bench_checker(problem, valid, args.runs or (5 if args.quick else 50), rng)
    names = args.files or (list(QUICK_FILES) if args.quick else known)
    seconds = args.seconds or (15 if args.quick else 60)
    seeds = list(range(1 if args.quick else args.seeds))
    result |= bench_fet_files(names, seeds, seconds)
    result |= bench_side_by_side(names, seeds, seconds, result["files"])
    result["load_1m_after"] = round(os.getloadavg()[0], 2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
