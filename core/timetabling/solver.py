"""The timetable solver (issue 11): a ``Problem`` in, a ``Solution`` out, with OR-tools CP-SAT.

**Time first, rooms second.** The time model has one Boolean per (lesson, start slot it may
take): the slots where the lesson fits the day (its duration), its ``allowed_slots`` and where
none of its teachers and sets (with their ancestors) is unavailable. Exactly one start per
lesson; per slot at most one lesson per teacher and per leaf student set; ``SameStart``,
``NotOverlapping``, ``Consecutive``, hard ``MinDaysApart`` and a teacher's ``max_per_day`` and
``max_days``.
Rooms are then given by a second, small CP-SAT model with the times fixed (one Boolean per
lesson and room it fits: kind, capacity, allowed rooms, a locked room; one lesson per room and
slot; fewest lessons outside their preferred rooms). Rooms in the time model would multiply
its variables by the rooms a lesson may take (40 classrooms: 40×) for 1,500 lessons; to keep
the split honest the time model carries, for each set of rooms some lessons are limited to,
"at most that many of those lessons at one slot" — so the times it returns can nearly always be
given rooms (else the lessons are listed in ``unroomed``). Pins (locked lessons and ``keep``)
and ``SameStart`` are constraints in the model that looks for culprits, so that they can be
named; elsewhere a pinned lesson has its one start only, and lessons that start together share
their start literals (``_TimeModel._shared_starts``).

**Buildings.** Travel (``travel_periods``, hard) and ``building_changes`` (soft) depend on
rooms, which come second; but they depend only on each lesson's *building*, which the time
model can decide while rooms second still fit. A lesson whose possible rooms are all in one
building has that building fixed (the usual case: a gym is in the sports hall, a class's room
in its block) and costs nothing. When travel is required (``travel_periods`` > 0), a lesson
that may be in several buildings gets one Boolean per building and, per start and building,
a literal "there then" (so only those lessons add variables); the room counts above are also
kept per building for them, and the room step gives each lesson a room in its chosen
building. Per teacher who may teach in two buildings, per day and period, the literals of
each building give: travel, no two periods in different buildings fewer than
``travel_periods + 1`` apart; and a change, two periods in different buildings with no lesson
of a known building between them (a lower bound the objective pushes down, exact at the
optimum). Without travel, building changes are soft only, and a lesson free to be in either
building is left to the room step: FET files sometimes make every room its own building
(southafrica: 21 "buildings", every lesson free among them), where the choice would multiply
the model by twenty for a soft rule. A combined time × room model would be exact too, but
multiplies the variables by the rooms (see above).

**Search.** A first timetable from the hard rules alone (the soft rules' variables slow the
first one down a lot), by CP-SAT's local search alone first (``_first_timetable``: one worker,
no presolve, 80 % of up to 60 % of the time and 30 s at most; then the complete search, which
alone proves an input impossible). The soft rules are then added to the same model, the
first timetable's penalties counted with its times fixed, and the whole of it is the hint the
optimising search starts from: the local search again for a tenth of its time
(``LOCAL_OPTIMISING_SHARE``), now with the objective, then CP-SAT's neighbourhood searches
(where few lessons are free, a short local search and the full search: ``FEW_FREE``).
The local search improves at once; the neighbourhood searches begin after a presolve, and on
FET's schools (30 s, seeds 0–1, default weights) began to improve after 2–10 s: with the
local search first, bulgaria's penalty at 30 s fell from 463/401 to 309/271 and southafrica's
teacher gaps (weighed alone) from 1992/2010 to 1806/1815; spain's was alike. One worker alone
never runs the neighbourhood searches, so with ``workers=1`` three quarters of the time goes
to them only (interleaved), the rest to a full search from the best so far, which may prove
it optimal. With more workers CP-SAT mixes both itself. ``enough`` ends that search early
(FET's own stop is its first complete timetable; ``bench/timetable.py`` measures ours with
it).
Lessons that start together (``SameStart``, chained through a shared lesson) share one set
of start literals, and a pinned lesson has its one start only (``_shared_starts``); the model
that looks for culprits posts both as rules instead, slot by slot (a start literal true for
every lesson of the group or for none), not as ``start(a) == start(b)``: that equation of two
weighted sums only propagates bounds, so the search learnt the lessons part only once both
were placed. On FET's spain (1,086 lessons, full weeks, a group of 19) the first timetable
took 1.4–13 s of CPU (seeds 0–4) with a literal per lesson and the slot-by-slot rule, and
0.5–1.6 s shared, with the local search's parameters of ``_local_search``.
``bench/timetable_solver.py``: 1,536 lessons of 48 classes, one worker, 60 s → a feasible
timetable (the first at 16 s), not proven optimal.

**Soft rules** (weights from ``problem.weights``): ``teacher_gaps`` (above the teacher's
``max_gaps_per_week`` when set) and ``class_gaps`` per leaf set, counted per day as free
periods with a lesson before and after (not breaks, not periods away); ``subject_spread``
(each lesson of a subject for a set beyond the first of a day); ``day_balance`` (a leaf
set's busiest day minus its quietest); ``min_days`` (each pair of a soft ``MinDaysApart``
too close); ``building_changes`` (above); ``preferred_rooms`` in the room step. **Not
modelled:** ``consecutive_if_same_day`` of ``MinDaysApart``. These counts are the search's
own; the ``penalties`` a ``Solution`` reports are the checker's for the timetable returned,
so users see one truth.

**Bad input** is named before any solving: a teacher or leaf student set with more periods of
lessons than free periods (or available at no period), a lesson with no period it may start
in, a lesson pinned where someone is away (named) or in a room the school lacks, a room kind
no room is (once per kind, naming its lessons), a lesson larger than every room it may use,
two pinned lessons at one time for one teacher or set.

**Infeasible input.** The bad input above first; otherwise, when CP-SAT proves the model
infeasible, it is solved again with one literal per rule group (a teacher, a set, a lock, a
``SameStart``, …) as assumptions, and ``SufficientAssumptionsForInfeasibility`` — shrunk while
time allows — names the culprits.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from ortools.sat.python import cp_model

from core.i18n import N_, gettext_for
from core.timetabling.checker import Report, check, lesson_name
from core.timetabling.problem import Lesson, Placement, Problem, Slot, Teacher, Timetable

Status = Literal["optimal", "feasible", "infeasible", "unknown"]
Progress = Callable[[float, Mapping[str, int]], None]
"""Told of each timetable the search for better ones finds, from the first on: the share of the
time spent and that timetable's penalty by soft rule as the search counts it (weighted). The
search's counts never undercount the checker's gaps (see ``_gaps``)."""
Enough = Callable[[Mapping[str, int]], bool]
"""Given the penalty by rule of each better timetable (as ``Progress``), true when it will do:
the search for a better one then ends. It is first asked about the first timetable, rooms
given, with the checker's penalties (a first timetable that will do skips the soft rules'
model and its search, which cost more than it on FET's southafrica)."""

_STATUS: dict[cp_model.CpSolverStatus, Status] = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
}


@dataclass(frozen=True)
class Culprit:
    """One reason a timetable is impossible: the rule (``kind``), the ids of what it is about
    (teachers, sets, rooms, lesson ids as strings) and a sentence for the admin."""

    kind: str
    ids: tuple[str, ...]
    message: str
    params: Mapping[str, object] = field(default_factory=dict)

    def translated(self, language: str) -> str:
        return gettext_for(language, self.message).format(**self.params)

    def __str__(self) -> str:
        return self.message.format(**self.params)


@dataclass(frozen=True)
class Solution:
    status: Status
    timetable: dict[int, Placement] = field(default_factory=dict)
    objective: int | None = None  # the soft penalty in all: the sum of ``penalties``
    #: the checker's soft penalty of ``timetable`` by rule key (weighted), every key present
    penalties: dict[str, int] = field(default_factory=dict)
    culprits: tuple[Culprit, ...] = ()  # when infeasible
    unroomed: tuple[int, ...] = ()  # lessons the room step could not seat (status unknown)


def _lessons_names(problem: Problem, ids: Iterable[int]) -> str:
    return "; ".join(lesson_name(problem, i) for i in sorted(ids))


class _Data:
    """What both the pre-checks and the models need, computed once."""

    def __init__(self, problem: Problem, keep: Timetable | None) -> None:
        self.problem = problem
        week = problem.week
        self.periods = len(week.periods)
        self.days = len(week.days)
        self.pinned: dict[int, Slot] = {}
        self.pinned_room: dict[int, str] = {}
        for lesson in problem.lessons.values():
            if lesson.locked_slot is not None:
                self.pinned[lesson.id] = lesson.locked_slot
            if lesson.locked_room is not None:
                self.pinned_room[lesson.id] = lesson.locked_room
        for lesson_id, placement in (keep or {}).items():
            if lesson_id in problem.lessons:
                self.pinned[lesson_id] = placement.slot
                if placement.room is not None:
                    self.pinned_room[lesson_id] = placement.room
        # sorted: the order of constraints, and so the search, does not hang on string hashes
        self.leaves = {
            lid: tuple(sorted(problem.lesson_leaves(ls))) for lid, ls in problem.lessons.items()
        }
        self.set_unavailable = {sid: problem.set_away(sid) for sid in problem.sets}
        self._starts_of: dict[
            tuple[int, frozenset[Slot], frozenset[Slot] | None], tuple[Slot, ...]
        ] = {}
        self.starts = {lid: self._starts(ls) for lid, ls in problem.lessons.items()}
        self.rooms = {  # the rooms each lesson that takes one may have
            lid: self._rooms(ls)
            for lid, ls in problem.lessons.items()
            if ls.needs_room or lid in self.pinned_room
        }
        # The buildings each lesson with a room may be in (None: rooms of no known building,
        # which travel and building changes ignore, as the checker does).
        self.buildings = {
            lid: tuple(sorted({self.building(r) for r in rooms}, key=lambda b: b or ""))
            for lid, rooms in self.rooms.items()
        }
        known = {b for options in self.buildings.values() for b in options if b is not None}
        weighs = problem.travel_periods > 0 or problem.weights.building_changes > 0
        self.buildings_matter = weighs and len(known) > 1

    def building(self, room_id: str) -> str | None:
        room = self.problem.rooms.get(room_id)
        return room.building if room is not None else None

    def blocked(self, lesson: Lesson) -> set[Slot]:
        blocked: set[Slot] = set()
        for teacher_key in lesson.teachers:
            if teacher_key in self.problem.teachers:
                blocked |= self.problem.teachers[teacher_key].unavailable
        for set_id in lesson.sets:
            blocked |= self.set_unavailable.get(set_id, frozenset())
        for leaf in self.leaves[lesson.id]:
            blocked |= self.set_unavailable.get(leaf, frozenset())
        return blocked

    def _starts(self, lesson: Lesson) -> tuple[Slot, ...]:
        # A pin is a constraint (so that culprits may name it), not a smaller domain (but
        # see ``_TimeModel._shared_starts``); it overrides the lesson's allowed slots.
        allowed = lesson.allowed_slots if lesson.id not in self.pinned else None
        key = (lesson.duration, frozenset(self.blocked(lesson)), allowed)
        if key not in self._starts_of:
            week = self.problem.week
            duration, blocked, _ = key
            self._starts_of[key] = tuple(
                slot
                for slot in week.slots
                if week.fits(slot, duration)
                and (allowed is None or slot in allowed)
                and blocked.isdisjoint(range(slot, slot + duration))
            )
        return self._starts_of[key]

    def students(self, lesson: Lesson) -> int:
        if lesson.students:
            return lesson.students
        return sum(self.problem.sets[s].size for s in lesson.sets if s in self.problem.sets)

    def _rooms(self, lesson: Lesson) -> tuple[str, ...]:
        problem = self.problem
        if lesson.id in self.pinned_room:
            return (self.pinned_room[lesson.id],)
        size = self.students(lesson)
        candidates = lesson.rooms or tuple(problem.rooms)
        return tuple(
            room_id
            for room_id in candidates
            if room_id in problem.rooms
            and (lesson.rooms or problem.rooms[room_id].kind == lesson.room_kind)
            and (not problem.rooms[room_id].capacity or size <= problem.rooms[room_id].capacity)
        )


#: Lessons a culprit names one by one; the rest are counted.
NAMED = 5


def _precheck(data: _Data) -> list[Culprit]:
    """What makes the input impossible and a count or a look finds, before any solving."""
    culprits: list[Culprit] = []
    for lesson in data.problem.lessons.values():
        culprits.extend(_lesson_precheck(data, lesson))
    culprits.extend(_missing_room_kinds(data))
    culprits.extend(_hours_precheck(data))
    culprits.extend(_pinned_clashes(data))
    return culprits


def _lesson_precheck(data: _Data, lesson: Lesson) -> list[Culprit]:
    problem = data.problem
    name = lesson_name(problem, lesson.id)
    culprits: list[Culprit] = []
    pinned = data.pinned.get(lesson.id)
    if pinned is not None and pinned not in data.starts[lesson.id]:
        culprits.append(_pinned_away(data, lesson, pinned))
    elif not data.starts[lesson.id] and not any(
        # a teacher available nowhere is named once, not with each of their lessons
        _nowhere(problem.teachers[t].unavailable, data)
        for t in lesson.teachers
        if t in problem.teachers
    ):
        culprits.append(
            Culprit(
                "lesson",
                (str(lesson.id),),
                N_("Lesson {lesson} has no period it may start in."),
                {"lesson": name},
            )
        )
    locked_room = data.pinned_room.get(lesson.id)
    if locked_room is not None and locked_room not in problem.rooms:
        culprits.append(
            Culprit(
                "lock",
                (str(lesson.id), locked_room),
                N_("Lesson {lesson} is pinned in room {room}, which the school does not have."),
                {"lesson": name, "room": locked_room},
            )
        )
    elif lesson.needs_room and not data.rooms[lesson.id]:
        culprits.extend(_roomless(data, lesson, name))
    return culprits


def _nowhere(unavailable: frozenset[Slot], data: _Data) -> bool:
    return unavailable.issuperset(data.problem.week.slots)


def _pinned_away(data: _Data, lesson: Lesson, slot: Slot) -> Culprit:
    """Why a lesson may not be where it is pinned: who is away then, or the week's end."""
    problem, week = data.problem, data.problem.week
    name = lesson_name(problem, lesson.id)
    if week.fits(slot, lesson.duration):
        span = set(range(slot, slot + lesson.duration))
        away = [
            problem.teachers[t].name
            for t in lesson.teachers
            if t in problem.teachers and span & problem.teachers[t].unavailable
        ]
        around: set[str] = set()
        for set_id in {*lesson.sets, *data.leaves[lesson.id]}:
            current: str | None = set_id
            while current is not None and current in problem.sets and current not in around:
                around.add(current)
                current = problem.sets[current].parent
        away += [
            problem.sets[set_id].name
            for set_id in sorted(around)
            if span & problem.sets[set_id].unavailable
        ]
        if away:
            return Culprit(
                "lock",
                (str(lesson.id),),
                N_("Lesson {lesson} is pinned at {day} {period}, when {name} is not available."),
                {
                    "lesson": name,
                    "day": week.days[week.day_of(slot)],
                    "period": week.periods[week.period_of(slot)],
                    "name": ", ".join(away),
                },
            )
    return Culprit(
        "lock",
        (str(lesson.id),),
        N_("Lesson {lesson} is pinned at a period it may not take."),
        {"lesson": name},
    )


def _roomless(data: _Data, lesson: Lesson, name: str) -> list[Culprit]:
    """Why a lesson fits no room: its rooms are too small (a missing kind is told once for
    all its lessons by ``_missing_room_kinds``)."""
    problem = data.problem
    allowed = [
        problem.rooms[r]
        for r in lesson.rooms or problem.rooms
        if r in problem.rooms and (lesson.rooms or problem.rooms[r].kind == lesson.room_kind)
    ]
    if not allowed and not lesson.rooms:
        return []
    if allowed:
        return [
            Culprit(
                "rooms",
                (str(lesson.id),),
                N_(
                    "Lesson {lesson} has {students} students, but the largest room it may "
                    "use seats {capacity}."
                ),
                {
                    "lesson": name,
                    "students": data.students(lesson),
                    "capacity": max(room.capacity for room in allowed),
                },
            )
        ]
    return [
        Culprit(
            "rooms", (str(lesson.id),), N_("Lesson {lesson} fits in no room."), {"lesson": name}
        )
    ]


def _missing_room_kinds(data: _Data) -> list[Culprit]:
    """One culprit per room kind that lessons need and no room is."""
    problem = data.problem
    kinds = {room.kind for room in problem.rooms.values()}
    needing: dict[str, list[int]] = defaultdict(list)
    for lesson in problem.lessons.values():
        pinned = lesson.id in data.pinned_room
        if lesson.needs_room and not lesson.rooms and not pinned and lesson.room_kind not in kinds:
            needing[lesson.room_kind].append(lesson.id)
    culprits: list[Culprit] = []
    for kind, ids in sorted(needing.items()):
        params: dict[str, object] = {
            "kind": kind,
            "count": len(ids),
            "lessons": _lessons_names(problem, ids[:NAMED]) + ("; …" if len(ids) > NAMED else ""),
        }
        message = (
            N_("No room is of kind {kind}; lessons that need one ({count}): {lessons}.")
            if kind
            else N_(
                "The school has no ordinary classroom; lessons that need one ({count}): {lessons}."
            )
        )
        culprits.append(Culprit("room_kind", (kind, *map(str, ids)), message, params))
    return culprits


def _hours_precheck(data: _Data) -> list[Culprit]:
    """Teachers and leaf student sets with more periods of lessons than free periods (or none
    free at all)."""
    problem = data.problem
    slots = len(problem.week.slots)
    by_teacher: dict[str, int] = defaultdict(int)
    by_leaf: dict[str, int] = defaultdict(int)
    for lesson in problem.lessons.values():
        for teacher_key in lesson.teachers:
            by_teacher[teacher_key] += lesson.duration
        for leaf in data.leaves[lesson.id]:
            by_leaf[leaf] += lesson.duration
    culprits: list[Culprit] = []
    for teacher_id, needed in sorted(by_teacher.items()):
        teacher = problem.teachers.get(teacher_id)
        if teacher is not None and _nowhere(teacher.unavailable, data):
            culprits.append(
                Culprit(
                    "teacher",
                    (teacher_id,),
                    N_(
                        "Teacher {name} is available at no period of the week but has "
                        "lessons ({lessons} periods)."
                    ),
                    {"name": teacher.name, "lessons": needed},
                )
            )
            continue
        free = _teacher_free(data, teacher) if teacher else slots
        if needed > free:
            culprits.append(
                Culprit(
                    "teacher",
                    (teacher_id,),
                    N_("Teacher {name} has {lessons} periods of lessons but only {free} free."),
                    {
                        "name": teacher.name if teacher else teacher_id,
                        "lessons": needed,
                        "free": free,
                    },
                )
            )
    for leaf, needed in sorted(by_leaf.items()):
        free = slots - len(data.set_unavailable.get(leaf, frozenset()))
        if needed > free:
            name = problem.sets[leaf].name if leaf in problem.sets else leaf
            culprits.append(
                Culprit(
                    "set",
                    (leaf,),
                    N_("{name} has {lessons} periods of lessons but only {free} free."),
                    {"name": name, "lessons": needed, "free": free},
                )
            )
    return culprits


def _teacher_free(data: _Data, teacher: Teacher) -> int:
    """The periods a teacher may teach in a week: free ones, at most ``max_per_day`` a day,
    on their ``max_days`` freest days."""
    per_day = [
        sum(day * data.periods + p not in teacher.unavailable for p in range(data.periods))
        for day in range(data.days)
    ]
    if teacher.max_per_day is not None:
        per_day = [min(free, teacher.max_per_day) for free in per_day]
    per_day.sort(reverse=True)
    return sum(per_day[: teacher.max_days] if teacher.max_days is not None else per_day)


def _pinned_clashes(data: _Data) -> list[Culprit]:
    problem = data.problem
    at: dict[tuple[str, str, Slot], list[int]] = defaultdict(list)
    for lesson_id, slot in data.pinned.items():
        lesson = problem.lessons[lesson_id]
        for s in range(slot, slot + lesson.duration):
            for teacher_key in lesson.teachers:
                at["teacher", teacher_key, s].append(lesson_id)
            for leaf in data.leaves[lesson_id]:
                at["set", leaf, s].append(lesson_id)
    culprits: list[Culprit] = []
    seen: set[tuple[int, ...]] = set()
    for (kind, who, _slot), ids in sorted(at.items()):
        key = tuple(sorted(ids))
        if len(ids) < 2 or key in seen:
            continue
        seen.add(key)
        entity = problem.teachers.get(who) if kind == "teacher" else problem.sets.get(who)
        culprits.append(
            Culprit(
                "lock",
                (*(str(i) for i in key), who),
                N_("Lessons {lessons} are pinned at the same time for {name}."),
                {"lessons": _lessons_names(problem, key), "name": entity.name if entity else who},
            )
        )
    return culprits


class _TimeModel:
    """The CP-SAT model of the lesson times, with a literal per rule group (for culprits)."""

    def __init__(self, data: _Data, *, groups: bool = False) -> None:
        self.data = data
        problem = data.problem
        self.model = cp_model.CpModel()
        self.with_groups = groups
        self.groups: dict[str, tuple[cp_model.IntVar, Culprit]] = {}
        model = self.model
        self.x: dict[int, dict[Slot, cp_model.IntVar]] = {}
        # occupying[lesson][slot]: the start variables that put the lesson at that slot;
        # _occupying_at: their indices, for the per-slot rules written straight into the model
        self.occupying: dict[int, dict[Slot, list[cp_model.IntVar]]] = {}
        self._occupying_at: dict[int, dict[Slot, list[int]]] = {}
        shared = {} if groups else self._shared_starts()
        for lesson in problem.lessons.values():
            if lesson.id in shared:
                starts = shared[lesson.id]
            else:
                # Unnamed: 30,000 names took a tenth of spain's model.
                starts = {s: model.new_bool_var("") for s in data.starts[lesson.id]}
                model.add_exactly_one(starts.values())
            self.x[lesson.id] = starts
            if lesson.duration == 1:  # most lessons: a third of the loop's time (spain)
                self.occupying[lesson.id] = {s: [var] for s, var in starts.items()}
                self._occupying_at[lesson.id] = {s: [var.index] for s, var in starts.items()}
                continue
            occupying: dict[Slot, list[cp_model.IntVar]] = defaultdict(list)
            occupying_at: dict[Slot, list[int]] = defaultdict(list)
            for s, var in starts.items():
                index = var.index
                for t in range(s, s + lesson.duration):
                    occupying[t].append(var)
                    occupying_at[t].append(index)
            self.occupying[lesson.id] = occupying
            self._occupying_at[lesson.id] = occupying_at
        # The building of each lesson that may be in more than one, when travel makes it a
        # hard matter (see the docstring).
        self.b: dict[int, dict[str | None, cp_model.IntVar]] = {}
        if data.buildings_matter and problem.travel_periods > 0:
            for lid, options in data.buildings.items():
                if len(options) > 1:
                    self.b[lid] = {b: model.new_bool_var(f"b{lid}_{b}") for b in options}
                    model.add_exactly_one(self.b[lid].values())
        self._in: dict[tuple[int, Slot, str | None], cp_model.IntVar] = {}
        self._where: dict[str, list[list[dict[str, list[cp_model.IntVar]]]]] | None = None
        self.penalties: dict[str, list[cp_model.LinearExprT]] = defaultdict(list)
        self._days: dict[tuple[int, int], cp_model.LinearExpr] = {}
        self._gap_literals: dict[str, list[list[cp_model.IntVar]]] = {}
        self._at_most_one: set[tuple[int, ...]] = set()
        self._hard()

    def _shared_starts(self) -> dict[int, dict[Slot, cp_model.IntVar]]:
        """Lessons that start together (``SameStart``, chained) share one set of start
        literals, over the starts all of them may take; a pinned lesson has its pinned start
        only. Not with rule groups, whose culprits must be able to name a pin or a group.

        CP-SAT's presolve would merge them, but the local search runs without it: with a
        literal per lesson, moving a group of 19 parallel lessons (spain) took 19 moves, each
        breaking the rule until the last."""
        data, problem = self.data, self.data.problem
        together = _components(
            [
                *(
                    [i for i in same.lessons if i in problem.lessons]
                    for same in problem.same_start
                ),
                *([i] for i in data.pinned),
            ]
        )
        shared: dict[int, dict[Slot, cp_model.IntVar]] = {}
        for lessons in together:
            domain = set.intersection(*(set(data.starts[i]) for i in lessons))
            for pinned in {data.pinned[i] for i in lessons if i in data.pinned}:
                domain &= {pinned}
            starts = {s: self.model.new_bool_var("") for s in sorted(domain)}
            self.model.add_exactly_one(starts.values())
            shared.update(dict.fromkeys(lessons, starts))
        return shared

    # -- helpers -------------------------------------------------------------------------

    def group(self, key: str, culprit: Culprit) -> list[cp_model.IntVar]:
        """The enforcement literals for a constraint of rule group ``key`` (none when the
        model is built without groups)."""
        if not self.with_groups:
            return []
        if key not in self.groups:
            self.groups[key] = (self.model.new_bool_var(key), culprit)
        return [self.groups[key][0]]

    def occ(self, lesson_id: int, slot: Slot) -> list[cp_model.IntVar]:
        return self.occupying[lesson_id].get(slot, [])

    def on_day(self, lesson_id: int, day: int) -> cp_model.LinearExpr:
        if (lesson_id, day) not in self._days:
            periods = self.data.periods
            self._days[lesson_id, day] = cp_model.LinearExpr.sum(
                [v for s, v in self.x[lesson_id].items() if s // periods == day]
            )
        return self._days[lesson_id, day]

    def in_building(
        self, lesson_id: int, slot: Slot, building: str | None
    ) -> list[cp_model.IntVar]:
        """The literals that put the lesson in ``building`` at ``slot`` (none: it never is)."""
        occupying = self.occ(lesson_id, slot)
        choice = self.b.get(lesson_id)
        if choice is None:
            return occupying if self.data.buildings.get(lesson_id) == (building,) else []
        if building not in choice or not occupying:
            return []
        key = (lesson_id, slot, building)
        if key not in self._in:
            there = self.model.new_bool_var("")
            self.model.add(there >= cp_model.LinearExpr.sum(occupying) + choice[building] - 1)
            self.model.add(there <= cp_model.LinearExpr.sum(occupying))
            self.model.add(there <= choice[building])
            self._in[key] = there
        return [self._in[key]]

    def whereabouts(self) -> dict[str, list[list[dict[str, list[cp_model.IntVar]]]]]:
        """Per teacher who may teach in two buildings or more, per day and period: the
        literals that put them in each known building then (made once)."""
        if self._where is None:
            data, problem = self.data, self.data.problem
            by_teacher: dict[str, list[int]] = defaultdict(list)
            for lesson in problem.lessons.values():
                for teacher_key in lesson.teachers:
                    by_teacher[teacher_key].append(lesson.id)
            self._where = {}
            for teacher_id, lessons in by_teacher.items():
                known = {
                    b
                    for lid in lessons
                    if len(data.buildings.get(lid, ())) == 1 or lid in self.b
                    for b in data.buildings[lid]
                    if b
                }
                if not data.buildings_matter or len(known) < 2:
                    continue
                self._where[teacher_id] = [
                    [
                        {
                            b: [
                                v
                                for lid in lessons
                                for v in self.in_building(lid, day * data.periods + p, b)
                            ]
                            for b in sorted(known)
                        }
                        for p in range(data.periods)
                    ]
                    for day in range(data.days)
                ]
        return self._where

    def at_most(self, lessons: list[int], bound: int, enforce: list[cp_model.IntVar]) -> None:
        """Per slot: at most ``bound`` of ``lessons`` there.

        Without enforcement (all but the culprit model) the rules are written straight into
        the model's proto, by index (russia's room counts took most of its model through
        ``LinearExpr``), and one at a time only once per list of literals: subgroups of a
        class repeat each other's rule at the periods where only their shared lessons may be
        (spain: 828 of 7,770 rules), and without the repeats the local search found spain's
        first timetable in about half the CPU (seeds 12-31, median 0.30 s against 0.55 s)."""
        if enforce:  # the culprit model: each rule switched by its group's literal
            for literals in self._by_slot(lessons).values():
                if len(literals) > bound:
                    sum_at = cp_model.LinearExpr.sum(literals)
                    self.model.add(sum_at <= bound).only_enforce_if(enforce)
            return
        indices: dict[Slot, list[int]] = defaultdict(list)
        for lesson_id in lessons:
            for slot, occupying_at in self._occupying_at[lesson_id].items():
                indices[slot].extend(occupying_at)
        constraints = self.model.proto.constraints
        for terms in indices.values():
            if len(terms) <= bound:
                continue
            if bound == 1:
                key = tuple(sorted(terms))  # a shared literal may be there twice
                if key not in self._at_most_one:
                    self._at_most_one.add(key)
                    constraints.add().at_most_one.literals.extend(terms)
            else:
                counts = Counter(terms)  # a shared literal counts for each of its lessons
                linear = constraints.add().linear
                linear.vars.extend(counts.keys())
                linear.coeffs.extend(counts.values())
                linear.domain.extend([cp_model.INT_MIN, bound])

    # -- hard rules ----------------------------------------------------------------------

    def _hard(self) -> None:
        data, problem = self.data, self.data.problem
        names = {lid: lesson_name(problem, lid) for lid in problem.lessons}
        by_teacher: dict[str, list[int]] = defaultdict(list)
        by_leaf: dict[str, list[int]] = defaultdict(list)
        for lesson in problem.lessons.values():
            for teacher_key in lesson.teachers:
                by_teacher[teacher_key].append(lesson.id)
            for leaf in data.leaves[lesson.id]:
                by_leaf[leaf].append(lesson.id)
        for lesson_id, slot in data.pinned.items():
            var = self.x[lesson_id].get(slot)
            if var is not None:
                enforce = self.group(
                    f"lock:{lesson_id}",
                    Culprit(
                        "lock",
                        (str(lesson_id),),
                        N_("Lesson {lesson} is pinned."),
                        {"lesson": names[lesson_id]},
                    ),
                )
                self.model.add(var == 1).only_enforce_if(enforce)
        for teacher_id, lessons in by_teacher.items():
            teacher = problem.teachers.get(teacher_id)
            name = teacher.name if teacher else teacher_id
            enforce = self.group(
                f"teacher:{teacher_id}",
                Culprit(
                    "teacher",
                    (teacher_id,),
                    N_("Teacher {name} teaches one lesson at a time."),
                    {"name": name},
                ),
            )
            self.at_most(lessons, 1, enforce)
            if teacher is not None and teacher.max_per_day is not None:
                self._max_per_day(teacher_id, name, lessons, teacher.max_per_day)
            if teacher is not None and teacher.max_days is not None:
                self._max_days(teacher_id, name, lessons, teacher.max_days)
            if teacher is not None and teacher.max_gaps_per_day is not None:
                self._max_gaps_per_day(teacher, lessons, teacher.max_gaps_per_day)
            if teacher is not None and teacher.min_per_day is not None:
                self._min_per_day(teacher, lessons, teacher.min_per_day)
        for leaf, lessons in by_leaf.items():
            name = problem.sets[leaf].name if leaf in problem.sets else leaf
            enforce = self.group(
                f"set:{leaf}",
                Culprit("set", (leaf,), N_("{name} has one lesson at a time."), {"name": name}),
            )
            self.at_most(lessons, 1, enforce)
            if leaf not in problem.sets:
                continue
            most = problem.set_limit(leaf, "max_per_day")
            if most is not None:
                self._class_max_per_day(leaf, name, lessons, most)
            most_gaps = problem.set_limit(leaf, "max_gaps_per_week")
            if most_gaps is not None:
                self._class_max_gaps(leaf, name, lessons, most_gaps)
            late = problem.set_limit(leaf, "max_late_starts")
            if late is not None:
                self._late_starts(leaf, name, lessons, late)
        self._relations(names)
        self._room_counts()
        self._travel()

    def _max_per_day(self, teacher_id: str, name: str, lessons: list[int], limit: int) -> None:
        enforce = self.group(
            f"max_per_day:{teacher_id}",
            Culprit(
                "max_per_day",
                (teacher_id,),
                N_("Teacher {name} teaches at most {count} periods a day."),
                {"name": name, "count": limit},
            ),
        )
        self._most_a_day(lessons, limit, enforce)

    def _most_a_day(self, lessons: list[int], limit: int, enforce: list[cp_model.IntVar]) -> None:
        by_slot = self._by_slot(lessons)
        for day in range(self.data.days):
            terms = self._day_terms(by_slot, day)
            if len(terms) > limit:
                self.model.add(cp_model.LinearExpr.sum(terms) <= limit).only_enforce_if(enforce)

    def _max_days(self, teacher_id: str, name: str, lessons: list[int], limit: int) -> None:
        if limit >= self.data.days:
            return
        enforce = self.group(
            f"max_days:{teacher_id}",
            Culprit(
                "max_days",
                (teacher_id,),
                N_("Teacher {name} teaches on at most {count} days a week."),
                {"name": name, "count": limit},
            ),
        )
        teaching = []
        for day in range(self.data.days):
            that_day = self.model.new_bool_var("")
            for lid in lessons:
                self.model.add(that_day >= self.on_day(lid, day))
            teaching.append(that_day)
        self.model.add(cp_model.LinearExpr.sum(teaching) <= limit).only_enforce_if(enforce)

    def _by_slot(self, lessons: list[int]) -> dict[Slot, list[cp_model.IntVar]]:
        """Per slot, the literals that put one of ``lessons`` there, in one pass over them
        (asking each lesson at each slot took 1.2 s of southafrica's soft rules)."""
        at: dict[Slot, list[cp_model.IntVar]] = defaultdict(list)
        for lesson_id in lessons:
            for slot, occupying in self.occupying[lesson_id].items():
                at[slot].extend(occupying)
        return at

    def _day_terms(
        self, by_slot: Mapping[Slot, list[cp_model.IntVar]], day: int
    ) -> list[cp_model.IntVar]:
        """The literals occupying a period of ``day`` (a double counts two)."""
        periods = self.data.periods
        return [
            v for slot in range(day * periods, (day + 1) * periods) for v in by_slot.get(slot, ())
        ]

    def _min_per_day(self, teacher: Teacher, lessons: list[int], fewest: int) -> None:
        enforce = self.group(
            f"min_per_day:{teacher.id}",
            Culprit(
                "min_per_day",
                (teacher.id,),
                N_("Teacher {name} teaches at least {count} periods on a day they come."),
                {"name": teacher.name, "count": fewest},
            ),
        )
        by_slot = self._by_slot(lessons)
        for day in range(self.data.days):
            terms = self._day_terms(by_slot, day)
            if not terms:
                continue
            teaching = self.model.new_bool_var("")
            count = cp_model.LinearExpr.sum(terms)
            self.model.add(count <= len(terms) * teaching)
            self.model.add(count >= fewest * teaching).only_enforce_if(enforce)

    def _class_max_per_day(self, leaf: str, name: str, lessons: list[int], limit: int) -> None:
        enforce = self.group(
            f"class_max_per_day:{leaf}",
            Culprit(
                "class_max_per_day",
                (leaf,),
                N_("{name} has at most {count} periods of lessons a day."),
                {"name": name, "count": limit},
            ),
        )
        self._most_a_day(lessons, limit, enforce)

    def _max_gaps_per_day(self, teacher: Teacher, lessons: list[int], limit: int) -> None:
        enforce = self.group(
            f"max_gaps:{teacher.id}",
            Culprit(
                "max_gaps",
                (teacher.id,),
                N_("Teacher {name} has at most {count} free periods between lessons a day."),
                {"name": teacher.name, "count": limit},
            ),
        )
        if limit == 0:
            self._no_gaps(lessons, teacher.unavailable, enforce)
            return
        for day_gaps in self.gaps(f"teacher:{teacher.id}", lessons, teacher.unavailable):
            if len(day_gaps) > limit:
                self.model.add(cp_model.LinearExpr.sum(day_gaps) <= limit).only_enforce_if(enforce)

    def _class_max_gaps(self, leaf: str, name: str, lessons: list[int], limit: int) -> None:
        enforce = self.group(
            f"class_gaps:{leaf}",
            Culprit(
                "class_gaps",
                (leaf,),
                N_("{name} has at most {count} free periods between lessons a week."),
                {"name": name, "count": limit},
            ),
        )
        away = self.data.set_unavailable[leaf]
        if limit == 0:
            self._no_gaps(lessons, away, enforce)
            return
        week_gaps = [gap for day in self.gaps(f"set:{leaf}", lessons, away) for gap in day]
        if len(week_gaps) > limit:
            self.model.add(cp_model.LinearExpr.sum(week_gaps) <= limit).only_enforce_if(enforce)

    def _no_gaps(
        self, lessons: list[int], away: frozenset[Slot], enforce: list[cp_model.IntVar]
    ) -> None:
        """No gap at all: a lesson at free period q - 1 and a later one at r mean one at q
        (the first free period of a gap follows a lesson; free: not a break, not away).
        Posted on the lessons' own literals, with no helper variables: CP-SAT's local
        search found FET's russia (classes without gaps) for 1 seed in 3 with the gap
        literals, where the helpers must move together."""
        problem, by_slot = self.data.problem, self._by_slot(lessons)
        for day in range(self.data.days):
            free = problem.free_periods(day, away)
            busy = [cp_model.LinearExpr.sum(by_slot.get(s, [])) for s in free]
            held = [bool(by_slot.get(s)) for s in free]
            for q, r in itertools.combinations(range(1, len(free)), 2):
                if held[q - 1] and held[r]:
                    self.model.add(busy[q - 1] + busy[r] - busy[q] <= 1).only_enforce_if(enforce)

    def _late_starts(self, leaf: str, name: str, lessons: list[int], limit: int) -> None:
        """A day's lessons begin in its first free period, or (on at most ``limit`` days)
        the second; free: not a break, not away."""
        enforce = self.group(
            f"late_starts:{leaf}",
            Culprit(
                "late_starts",
                (leaf,),
                N_("{name} begins the day on time, one period late on {count} days at most."),
                {"name": name, "count": limit},
            ),
        )
        model, problem, by_slot = self.model, self.data.problem, self._by_slot(lessons)
        late_days: list[cp_model.IntVar] = []
        for day in range(self.data.days):
            free = problem.free_periods(day, self.data.set_unavailable[leaf])
            busy = [by_slot.get(s, []) for s in free]
            if len(free) < 2 or not any(busy[1:]):
                continue
            first = cp_model.LinearExpr.sum(busy[0])
            late = model.new_bool_var("")
            late_days.append(late)
            for index, terms in enumerate(busy[1:], start=1):
                if not terms:
                    continue
                model.add(cp_model.LinearExpr.sum(terms) <= first + late).only_enforce_if(enforce)
                if index > 1:
                    on_time = first + cp_model.LinearExpr.sum(busy[1])
                    model.add(cp_model.LinearExpr.sum(terms) <= on_time).only_enforce_if(enforce)
        if len(late_days) > limit:
            model.add(cp_model.LinearExpr.sum(late_days) <= limit).only_enforce_if(enforce)

    def _relations(self, names: dict[int, str]) -> None:
        problem, model = self.data.problem, self.model
        known = self.x.keys()

        def listed(ids: Iterable[int]) -> str:
            return "; ".join(names[i] for i in ids if i in names)

        def among(
            kind: str, index: int, lessons: tuple[int, ...], message: str
        ) -> tuple[list[int], list[cp_model.IntVar]]:
            """The rule's lessons in the model and its enforcement literals."""
            ids = [i for i in lessons if i in known]
            culprit = Culprit(kind, tuple(map(str, ids)), message, {"lessons": listed(ids)})
            return ids, self.group(f"{kind}:{index}", culprit)

        for index, same in enumerate(problem.same_start):
            ids, enforce = among(
                "same_start", index, same.lessons, N_("Lessons {lessons} start together.")
            )
            # Slot by slot, not ``start(a) == start(b)``: far stronger propagation (see the
            # docstring, Search). Without groups, they share their literals already.
            for a, b in itertools.pairwise(ids if self.with_groups else ()):
                for slot in self.x[a].keys() | self.x[b].keys():
                    at_a, at_b = self.x[a].get(slot, 0), self.x[b].get(slot, 0)
                    model.add(at_a == at_b).only_enforce_if(enforce)
        for index, together in enumerate(problem.same_day):
            ids, enforce = among(
                "same_day", index, together.lessons, N_("Lessons {lessons} are on the same day.")
            )
            for a, b in itertools.pairwise(ids):
                for day in range(self.data.days):
                    model.add(self.on_day(a, day) == self.on_day(b, day)).only_enforce_if(enforce)
        for index, apart in enumerate(problem.not_overlapping):
            ids, enforce = among(
                "not_overlapping", index, apart.lessons, N_("Lessons {lessons} do not overlap.")
            )
            self.at_most(ids, 1, enforce)
        for index, pair in enumerate(problem.consecutive):
            if pair.first not in known or pair.second not in known:
                continue
            enforce = self.group(
                f"consecutive:{index}",
                Culprit(
                    "consecutive",
                    (str(pair.first), str(pair.second)),
                    N_("Lesson {second} follows lesson {first} directly."),
                    {"first": names[pair.first], "second": names[pair.second]},
                ),
            )
            duration = problem.lessons[pair.first].duration
            for start, var in self.x[pair.first].items():
                due = problem.after_breaks(start + duration)
                follows = self.x[pair.second].get(due)
                if follows is None or problem.week.period_of(due) == 0:
                    model.add(var == 0).only_enforce_if(enforce)
                else:
                    model.add(follows == 1).only_enforce_if([var, *enforce])
        for index, rule in enumerate(problem.min_days):
            ids = [i for i in rule.lessons if i in known]
            if not rule.hard:
                continue  # a soft rule: ``add_soft_rules``
            enforce = self.group(
                f"min_days:{index}",
                Culprit(
                    "min_days",
                    tuple(map(str, ids)),
                    N_("Lessons {lessons} fall at least {days} days apart."),
                    {"lessons": listed(ids), "days": rule.days},
                ),
            )
            self._days_apart(ids, rule.days, enforce)

    def _days_apart(self, ids: list[int], days: int, enforce: list[cp_model.IntVar]) -> None:
        """Any window of ``days`` days holds at most one of the lessons. Without enforcement,
        one at a time over their start literals, written by index: through ``on_day`` these
        took nine tenths of southafrica's relations."""
        windows = [
            range(first, min(first + days, self.data.days)) for first in range(self.data.days)
        ]
        if enforce:
            for window in windows:
                terms = [self.on_day(i, d) for i in ids for d in window]
                self.model.add(cp_model.LinearExpr.sum(terms) <= 1).only_enforce_if(enforce)
            return
        by_day = {i: self._day_indices(i) for i in ids}
        for window in windows:
            literals = [v for i in ids for d in window for v in by_day[i][d]]
            if len(literals) > 1:
                self.model.proto.constraints.add().at_most_one.literals.extend(literals)

    def _rooms_group(self, rooms: frozenset[str]) -> list[cp_model.IntVar]:
        problem = self.data.problem
        names = ", ".join(
            sorted(problem.rooms[r].name if r in problem.rooms else r for r in rooms)
        )
        return self.group(
            "rooms:" + ",".join(sorted(rooms)),
            Culprit(
                "rooms",
                tuple(sorted(rooms)),
                N_("Rooms {rooms} hold one lesson each at a time."),
                {"rooms": names},
            ),
        )

    def _room_counts(self) -> None:
        """At one slot no more lessons limited to some rooms than there are such rooms."""
        data = self.data
        if not data.rooms:
            return
        room_sets = {frozenset(rooms) for rooms in data.rooms.values() if rooms}
        choices = _connected_unions(room_sets)
        # Hall's condition holds per linked part of the rooms (sets that overlap, chained):
        # each part's count stands for its unions beyond ``UNIONS_AT_MOST``. One count of all
        # the school's rooms instead put every lesson with a room in one constraint per slot
        # (spain: 699 lessons, each in its one room, in 37 parts).
        choices.update(frozenset(part) for part in _components(map(sorted, room_sets)))
        for rooms in sorted(choices, key=sorted):
            lessons = [
                lid for lid, allowed in data.rooms.items() if allowed and rooms >= set(allowed)
            ]
            if len(lessons) <= len(rooms):
                continue
            self.at_most(lessons, len(rooms), self._rooms_group(rooms))
        for building in sorted({b for options in self.b.values() for b in options}, key=str):
            self._building_room_counts(building)

    def _building_room_counts(self, building: str | None) -> None:
        """The same counts within ``building`` for the lessons whose building is chosen here
        (the room step then gives each lesson a room in its building)."""
        data, model = self.data, self.model
        inside = {
            lid: frozenset(r for r in rooms if data.building(r) == building)
            for lid, rooms in data.rooms.items()
            if building in data.buildings[lid]
        }
        for rooms in sorted(_connected_unions(inside.values()), key=sorted):
            lessons = [lid for lid, allowed in inside.items() if rooms >= allowed]
            if len(lessons) <= len(rooms) or not any(lid in self.b for lid in lessons):
                continue
            enforce = self._rooms_group(rooms)
            for slot in data.problem.week.slots:
                terms = [v for lid in lessons for v in self.in_building(lid, slot, building)]
                if len(terms) > len(rooms):
                    model.add(cp_model.LinearExpr.sum(terms) <= len(rooms)).only_enforce_if(
                        enforce
                    )

    def _travel(self) -> None:
        """After a lesson in one building a teacher has ``travel_periods`` free periods before
        a lesson in another, the same day."""
        problem, model = self.data.problem, self.model
        travel = problem.travel_periods
        if travel <= 0:
            return
        for teacher_id, days in self.whereabouts().items():
            teacher = problem.teachers.get(teacher_id)
            enforce = self.group(
                f"travel:{teacher_id}",
                Culprit(
                    "travel",
                    (teacher_id,),
                    N_("Teacher {name} needs free periods to change building: {count}."),
                    {"name": teacher.name if teacher else teacher_id, "count": travel},
                ),
            )
            for day in days:
                for p, here in enumerate(day):
                    for q in range(p + 1, min(len(day), p + travel + 1)):
                        for a, b in itertools.permutations(here, 2):
                            if here[a] and day[q][b]:
                                model.add(
                                    cp_model.LinearExpr.sum([*here[a], *day[q][b]]) <= 1
                                ).only_enforce_if(enforce)

    def _building_changes(self) -> None:
        """Per teacher and day, each pair of periods in different buildings with no lesson of
        a known building between them is a change."""
        model = self.model
        for days in self.whereabouts().values():
            for day in days:
                located = [
                    cp_model.LinearExpr.sum([v for vs in at.values() for v in vs]) for at in day
                ]
                for p, q in itertools.combinations(range(len(day)), 2):
                    pairs = [
                        (a, b)
                        for a, b in itertools.permutations(day[p], 2)
                        if day[p][a] and day[q][b]
                    ]
                    if not pairs:
                        continue
                    change = model.new_bool_var("")
                    between = cp_model.LinearExpr.sum(located[p + 1 : q])
                    for a, b in pairs:
                        model.add(
                            change
                            >= cp_model.LinearExpr.sum([*day[p][a], *day[q][b]]) - 1 - between
                        )
                    self.penalties["building_changes"].append(change)

    # -- soft rules ----------------------------------------------------------------------

    def add_soft_rules(self) -> None:
        """The soft rules' penalties (``penalties``; once, after the first timetable)."""
        data, problem = self.data, self.data.problem
        weights = problem.weights
        by_teacher: dict[str, list[int]] = defaultdict(list)
        by_leaf: dict[str, list[int]] = defaultdict(list)
        by_subject: dict[tuple[str, str], list[int]] = defaultdict(list)
        for lesson in problem.lessons.values():
            for teacher_key in lesson.teachers:
                by_teacher[teacher_key].append(lesson.id)
            for leaf in data.leaves[lesson.id]:
                by_leaf[leaf].append(lesson.id)
            for set_id in lesson.sets:
                by_subject[set_id, lesson.subject].append(lesson.id)
        if weights.teacher_gaps:
            for teacher_id, lessons in by_teacher.items():
                teacher = problem.teachers.get(teacher_id)
                away = teacher.unavailable if teacher else frozenset()
                by_day = self.gaps(f"teacher:{teacher_id}", lessons, away)
                gaps = cp_model.LinearExpr.sum([gap for day in by_day for gap in day])
                allowed = teacher.max_gaps_per_week if teacher else None
                if allowed is None:
                    self.penalties["teacher_gaps"].append(gaps)
                else:
                    excess = self.model.new_int_var(0, len(problem.week.slots), "")
                    self.model.add(excess >= gaps - allowed)
                    self.penalties["teacher_gaps"].append(excess)
        for leaf, lessons in by_leaf.items():
            if weights.class_gaps:
                away = data.set_unavailable.get(leaf, frozenset())
                by_day = self.gaps(f"set:{leaf}", lessons, away)
                self.penalties["class_gaps"].extend(gap for day in by_day for gap in day)
            if weights.day_balance:
                self._day_balance(lessons)
        if weights.building_changes:
            self._building_changes()
        if weights.min_days:
            for rule in problem.min_days:
                if not rule.hard:
                    self._soft_min_days([i for i in rule.lessons if i in self.x], rule.days)
        if weights.subject_spread:
            for lessons in by_subject.values():
                if len(lessons) < 2:
                    continue
                for day in range(data.days):
                    count = cp_model.LinearExpr.sum([self.on_day(i, day) for i in lessons])
                    extra = self.model.new_int_var(0, len(lessons), "")
                    self.model.add(extra >= count - 1)
                    self.penalties["subject_spread"].append(extra)

    def gaps(
        self, key: str, lessons: list[int], away: frozenset[Slot]
    ) -> list[list[cp_model.IntVar]]:
        """Per day, a literal per gap the lessons of one teacher or leaf (``key``) may leave
        (see problem.py; made once): ``seen[p]`` (a lesson at or before p) and ``ahead[p]``
        (at or after p) are only bounded below, by the objective or by a hard limit on the
        gaps, so a gap at p is ``seen[p-1] + ahead[p+1] - busy[p] - 1``."""
        if key in self._gap_literals:
            return self._gap_literals[key]
        model, periods, breaks = self.model, self.data.periods, self.data.problem.breaks
        by_slot = self._by_slot(lessons)
        by_day: list[list[cp_model.IntVar]] = []
        for day in range(self.data.days):
            gaps: list[cp_model.IntVar] = []
            by_day.append(gaps)
            slots = range(day * periods, (day + 1) * periods)
            if not any(by_slot.get(s) for s in slots):
                continue
            busy = [cp_model.LinearExpr.sum(by_slot.get(s, [])) for s in slots]
            seen = [model.new_bool_var("") for _ in slots]
            ahead = [model.new_bool_var("") for _ in slots]
            for p in range(periods):
                model.add(seen[p] >= busy[p])
                model.add(ahead[p] >= busy[p])
                if p:
                    model.add(seen[p] >= seen[p - 1])
                if p + 1 < periods:
                    model.add(ahead[p] >= ahead[p + 1])
            for p in range(1, periods - 1):
                if slots[p] in breaks or slots[p] in away:
                    continue
                gap = model.new_bool_var("")
                model.add(gap >= seen[p - 1] + ahead[p + 1] - busy[p] - 1)
                gaps.append(gap)
        self._gap_literals[key] = by_day
        return by_day

    def _day_balance(self, lessons: list[int]) -> None:
        model, periods = self.model, self.data.periods
        most = model.new_int_var(0, periods, "")
        least = model.new_int_var(0, periods, "")
        by_slot = self._by_slot(lessons)
        for day in range(self.data.days):
            count = cp_model.LinearExpr.sum(self._day_terms(by_slot, day))
            model.add(most >= count)
            model.add(least <= count)
        self.penalties["day_balance"].append(most - least)

    def _soft_min_days(self, ids: list[int], days: int) -> None:
        """Per pair of the lessons, a literal ``close`` >= (a on a day) + (b within ``days``
        of it) - 1, written straight into the proto by index where a day can hold both
        (russia's 46,000 of them took a third of its model through ``LinearExpr``)."""
        model, all_days = self.model, range(self.data.days)
        starts = {i: self._day_indices(i) for i in ids}
        for index, a in enumerate(ids):
            for b in ids[index + 1 :]:
                close = model.new_bool_var("")
                self.penalties["min_days"].append(close)
                if self.x[a] is self.x[b]:  # one set of start literals: always the same day
                    model.add(close == 1)
                    continue
                for day in all_days:
                    near = range(max(0, day - days + 1), min(self.data.days, day + days))
                    b_near = [var for d in near for var in starts[b][d]]
                    if not starts[a][day] or not b_near:
                        continue  # never both: nothing to bound
                    linear = model.proto.constraints.add().linear
                    linear.vars.extend([close.index, *starts[a][day], *b_near])
                    linear.coeffs.extend([1] + [-1] * (len(starts[a][day]) + len(b_near)))
                    linear.domain.extend([-1, cp_model.INT_MAX])

    def _day_indices(self, lesson_id: int) -> list[list[int]]:
        """Per day, the indices of the lesson's start literals on it."""
        by_day: list[list[int]] = [[] for _ in range(self.data.days)]
        for slot, var in self.x[lesson_id].items():
            by_day[slot // self.data.periods].append(var.index)
        return by_day

    def totals(self) -> dict[str, cp_model.IntVar]:
        """One variable per soft rule: its penalty (made once)."""
        if not hasattr(self, "_totals"):
            self._totals = {}
            for key, terms in self.penalties.items():
                total = self.model.new_int_var(0, 10**9, key)
                self.model.add(total == cp_model.LinearExpr.sum(terms))
                self._totals[key] = total
        return self._totals

    def weights(self) -> dict[str, tuple[cp_model.IntVar, int]]:
        """Per soft rule: its penalty variable and its weight."""
        weights = self.data.problem.weights
        return {key: (total, getattr(weights, key)) for key, total in self.totals().items()}

    def objective(self) -> cp_model.LinearExpr:
        terms = self.weights().values()
        return cp_model.LinearExpr.weighted_sum(
            [total for total, _ in terms], [weight for _, weight in terms]
        )


UNIONS_AT_MOST = 2_000
"""Room sets the counts cover at most (each adds a constraint per slot)."""


def _connected_unions(room_sets: Iterable[frozenset[str]]) -> set[frozenset[str]]:
    """The lessons' room sets and every union of sets that overlap one another (up to
    ``UNIONS_AT_MOST``): with a count for each, the lessons of one slot can always be given
    rooms (Hall's marriage theorem: a slot's lessons that cannot be seated have allowed rooms
    fewer than them, and the rooms of some of them form one of these unions). With the lessons'
    own sets only, FET's russia (31 sets that overlap, 65 unions) got times that no rooms fit
    for seed 1, every lesson left unroomed."""
    found = {rooms for rooms in room_sets if rooms}
    frontier = set(found)
    while frontier and len(found) < UNIONS_AT_MOST:
        grown = {
            a | b
            for a in frontier
            for b in found
            if a & b and not a <= b and not b <= a and a | b not in found
        }
        found |= grown
        frontier = grown
    return found


_Member = TypeVar("_Member", int, str)


def _components(groups: Iterable[list[_Member]]) -> list[list[_Member]]:
    """The members of groups that share a member, together (each sorted)."""
    parent: dict[_Member, _Member] = {}

    def root(member: _Member) -> _Member:
        while parent.setdefault(member, member) != member:
            parent[member] = parent[parent[member]]
            member = parent[member]
        return member

    for group in groups:
        for a, b in itertools.pairwise(group):
            parent[root(a)] = root(b)
        for member in group:
            root(member)
    found: dict[_Member, list[_Member]] = defaultdict(list)
    for member in sorted(parent):
        found[root(member)].append(member)
    return list(found.values())


class _Progress(cp_model.CpSolverSolutionCallback):
    """Tells ``report`` of each better timetable and ends the search once one is ``enough``."""

    def __init__(
        self,
        timed: _TimeModel,
        report: Progress | None,
        enough: Enough | None,
        seconds: float,
        spent: float,
    ) -> None:
        super().__init__()
        self.weights = timed.weights()
        self.report = report
        self.enough = enough
        self.seconds = seconds
        self.spent = spent
        self.settled = False

    def on_solution_callback(self) -> None:
        rules = {key: weight * self.value(var) for key, (var, weight) in self.weights.items()}
        if self.report is not None:
            self.report(min(1.0, (self.spent + self.wall_time) / self.seconds), rules)
        if self.enough is not None and self.enough(rules):
            self.settled = True
            self.stop_search()


class Stop:
    """Ends a solve early from another thread (a server shutting down): the search running
    stops at once, and every later one starts with no time, so ``solve`` returns soon with
    what it has ("unknown" when that is nothing)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._searches: list[cp_model.CpSolver] = []
        self.requested = False

    def __call__(self) -> None:
        with self._lock:
            self.requested = True
            for search in self._searches:
                search.stop_search()

    def watch(self, search: cp_model.CpSolver) -> None:
        """Stop ``search`` with the rest (at once, when a stop was requested already)."""
        with self._lock:
            if self.requested:
                search.parameters.max_time_in_seconds = 0.0
            self._searches.append(search)


def _solver(seconds: float, seed: int, workers: int, stop: Stop | None) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = max(1, workers)
    if stop is not None:
        stop.watch(solver)
    return solver


FIRST_SHARE = 0.6
"""Of a solve's time, what the first timetable may take (it ends when one is found)."""
LOCAL_SHARE = 0.8
"""Of the first timetable's time, the local search's (the complete search has the rest)."""
LOCAL_OPTIMISING_SHARE = 0.1
"""Of the search for better timetables, the local search's (the first round)."""
FEW_FREE = 1_000
"""Start literals of lessons not pinned below which the local search gets at most
``LOCAL_FEW_FREE_AT_MOST`` of the search for better timetables and one worker no round of
neighbourhood searches: neither can tell it has the best, and on so few the full search
proves it at once (a nearly locked school, re-optimised around its locks). On a 20 s
budget the full search alone took 0.1 s for FET's uk_hopwood (30 free) and 0.15 s for
brazil with nine lessons in ten kept (756), where the local search's tenth of the budget
came first (2 s); with seven in ten kept (2,329) it took 0.2 s, and spain with nine in ten
kept (3,231) ran to the end of the budget either way."""
LOCAL_FEW_FREE_AT_MOST = 0.3
"""Seconds: the local search still improves such a timetable first where it can (uk_hopwood
to FET's teacher gaps: 3 ms of local search, where the full search's presolve took 9-17 ms;
on a 30 s budget it takes 0.4 s of CPU in all)."""
LOCAL_AT_MOST = 30.0
"""Seconds the local search may take at most: it cannot tell an impossible input, which
then waits that long for the complete search to say so (it found FET's schools in 13 s)."""


def _local_search(seconds: float, seed: int, stop: Stop | None) -> cp_model.CpSolver:
    """CP-SAT's local search alone (feasibility jump, one worker, no presolve): it finds a
    first timetable, and improves one from a hint, far sooner than the complete search.

    Its weights are kept (no decay), in batches three times longer, restarting every fifth:
    spain's first timetable in 0.5-1.6 s of CPU (seeds 30-41, model built included, median
    0.65 s), where the defaults took 1.1-4.4 s (median 2.0 s), russia's in 1.5-2.5 s where
    they took 2.3-7.7 s. It skips the symmetry detection, which it has no use for and which
    took 0.14 s of a 0.39 s solve of spain."""
    local = _solver(seconds, seed, 1, stop)
    local.parameters.use_ls_only = True
    local.parameters.cp_model_presolve = False
    local.parameters.feasibility_jump_decay = 1.0
    local.parameters.feasibility_jump_batch_dtime = 0.3
    local.parameters.feasibility_jump_restart_factor = 5
    local.parameters.symmetry_level = 0
    return local


def _first_timetable(
    hard: _TimeModel, budget: float, *, seed: int, workers: int, stop: Stop | None
) -> tuple[cp_model.CpSolverStatus, cp_model.CpSolver]:
    """Any timetable of the hard rules within ``budget`` seconds: CP-SAT's local search alone
    (feasibility jump, one worker, no presolve) for most of it, then the complete search,
    which alone can prove the rules impossible (the pre-checks catch the common ways first).
    The search status and the solver that holds it.

    On FET's schools a first timetable takes 0.02–1.6 s of CPU, the file read and the model
    built included (bench, seeds 0-2: spain 0.53–0.75 s, southafrica 0.84–1.36 s, russia
    1.06–1.58 s; all seven files 3.6 s), where the complete search took 3–7 s on two workers for
    spain and belize and found none in 40 s on one; its presolve alone takes 1.6 s of spain.
    With half of 40 % of a 30 s budget, the local search (before ``_shared_starts`` and
    ``_local_search``'s parameters) missed russia for 2 seeds of 3 and spain for 1;
    restarting it with other seeds did not shorten its long runs."""
    local_budget = min(budget * LOCAL_SHARE, LOCAL_AT_MOST)
    local = _local_search(local_budget, seed, stop)
    found = local.solve(hard.model)
    if found in {cp_model.OPTIMAL, cp_model.FEASIBLE} or (stop is not None and stop.requested):
        return found, local
    # One worker without LP was 7× faster to the first timetable of a synthetic school of
    # 1,280 lessons than with LP; on the FET schools (MinDaysApart, rooms) the portfolio of
    # two workers with LP found it in seconds where that worker found none in 24 s.
    complete = _solver(budget - local_budget, seed, workers, stop)
    if workers == 1:
        complete.parameters.linearization_level = 0
    return complete.solve(hard.model), complete


def _optimise(
    timed: _TimeModel,
    first: dict[int, int],
    budget: float,
    *,
    seed: int,
    workers: int,
    progress: Progress | None,
    enough: Enough | None,
    began: float,
    seconds: float,
    stop: Stop | None,
) -> tuple[Status, list[int] | None]:
    """The best timetable found from ``first`` within ``budget`` seconds: its status and the
    values of all the model's variables (by index; None when not even ``first``'s penalties
    were found in time, or a stop came: ``solve`` then returns ``first``, where it used to
    say "unknown" with a timetable in hand). ``began`` and ``seconds`` are the whole
    solve's, for ``progress``."""
    deadline = time.monotonic() + budget
    model = timed.model
    model.minimize(timed.objective())
    # The soft rules' variables for the first timetable, so that the hint is whole (CP-SAT
    # then starts from it at once).
    _hint(model, first)
    # 1 s was too little for southafrica's 1,517 lessons with every soft rule (1.1 s).
    completing = _solver(max(2.0, budget * 0.1), seed, workers, stop)
    completing.parameters.fix_variables_to_their_hinted_value = True
    if completing.solve(model) not in {cp_model.OPTIMAL, cp_model.FEASIBLE}:
        return "unknown", None
    best = list(completing.response_proto.solution)
    rules = {key: weight * completing.value(var) for key, (var, weight) in timed.weights().items()}
    if progress is not None:
        progress(min(1.0, (time.monotonic() - began) / seconds), rules)
    if enough is not None and enough(rules):
        return "feasible", best
    status: Status = "feasible"
    # The local search first, from the hint: it improves at once where the neighbourhood
    # searches began after a presolve of up to 10 s (southafrica). One worker alone never
    # runs CP-SAT's neighbourhood searches (they are what improves a timetable further): it
    # gets three quarters of the time for them only, then a last full search from the best
    # so far, which may prove it optimal. Neither can tell it has the best; where few lessons
    # are free the full search proves it at once, so they are cut short there (``FEW_FREE``).
    now = time.monotonic()
    free = sum(len(starts) for lid, starts in timed.x.items() if lid not in timed.data.pinned)
    local = (deadline - now) * LOCAL_OPTIMISING_SHARE
    if free < FEW_FREE:
        local = min(local, LOCAL_FEW_FREE_AT_MOST)
    rounds: list[tuple[float, Literal["local", "neighbourhoods", "full"]]] = [
        (now + local, "local")
    ]
    if workers <= 1 and free >= FEW_FREE:
        rounds.append((now + (deadline - now) * 0.75, "neighbourhoods"))
    for until, kind in [*rounds, (deadline, "full")]:
        left = until - time.monotonic()
        if left < 0.2:  # not worth a presolve
            continue
        _hint(model, best)
        if kind == "local":
            solver = _local_search(left, seed, stop)
        else:
            solver = _solver(left, seed, workers, stop)
            solver.parameters.keep_all_feasible_solutions_in_presolve = True  # keeps the hint
            solver.parameters.interleave_search = kind == "neighbourhoods"
            solver.parameters.use_lns_only = kind == "neighbourhoods"
        spent = time.monotonic() - began
        callback = _Progress(timed, progress, enough, seconds, spent)
        result = solver.solve(model, callback)
        if result in {cp_model.OPTIMAL, cp_model.FEASIBLE}:
            best = list(solver.response_proto.solution)[: len(best)]
            status = _STATUS[result]
        if callback.settled:
            break
    return status, best


def _hint(model: cp_model.CpModel, values: Mapping[int, int] | list[int]) -> None:
    """``values`` (by variable index; a list: of the model's first variables) as the model's
    only hint, written at once: ``add_hint`` one variable at a time took 0.1 s of spain."""
    model.clear_hints()  # type: ignore[no-untyped-call]
    hint = model.proto.solution_hint
    if isinstance(values, list):
        hint.vars.extend(range(len(values)))
        hint.values.extend(values)
    else:
        hint.vars.extend(values.keys())
        hint.values.extend(values.values())


def _culprits(
    data: _Data, *, seconds: float, seed: int, workers: int, stop: Stop | None
) -> tuple[Status, tuple[Culprit, ...]]:
    """Solve with every rule group as an assumption; the groups CP-SAT needs to prove it
    impossible, then dropped one by one while the rest stays impossible (time allowing)."""
    deadline = time.monotonic() + seconds
    timed = _TimeModel(data, groups=True)
    literals = {var.index: key for key, (var, _) in timed.groups.items()}
    timed.model.add_assumptions([var for var, _ in timed.groups.values()])
    solver = _solver(seconds, seed, workers, stop)
    status = solver.solve(timed.model)
    if status != cp_model.INFEASIBLE:
        return _STATUS.get(status, "unknown"), ()
    core = [literals[i] for i in solver.sufficient_assumptions_for_infeasibility()]
    for key in list(core):
        left = deadline - time.monotonic()
        if left <= 0 or len(core) == 1:
            break
        trial = [k for k in core if k != key]
        timed.model.clear_assumptions()
        timed.model.add_assumptions([timed.groups[k][0] for k in trial])
        if _solver(min(left, 2.0), seed, workers, stop).solve(timed.model) == cp_model.INFEASIBLE:
            core = trial
    return "infeasible", tuple(timed.groups[key][1] for key in sorted(core))


def _assign_rooms(
    data: _Data,
    times: dict[int, Slot],
    buildings: Mapping[int, str | None],
    *,
    seconds: float,
    seed: int,
    workers: int,
    stop: Stop | None,
) -> tuple[dict[int, str], tuple[int, ...], bool]:
    """Rooms for the lessons that need one, their times (and the buildings in ``buildings``)
    fixed: the rooms, the lessons that cannot all be seated at those times (none normally: a
    small set CP-SAT proves so, or every lesson when it could not tell) and whether no fewer
    lessons could be outside their preferred rooms."""
    problem = data.problem
    wanting = [lid for lid in data.rooms if lid in times]
    if not wanting:
        return {}, (), True
    options = {
        lid: [
            room
            for room in data.rooms[lid]
            if lid not in buildings or data.building(room) == buildings[lid]
        ]
        for lid in wanting
    }
    preferred = _preferred_seating(data, times, options)
    if preferred is not None:
        return preferred, (), True
    model = cp_model.CpModel()
    y: dict[int, dict[str, cp_model.IntVar]] = {}
    seated: dict[int, cp_model.IntVar] = {}
    at: dict[tuple[str, Slot], list[cp_model.IntVar]] = defaultdict(list)
    misses: list[cp_model.LinearExprT] = []
    for lid in wanting:
        lesson = problem.lessons[lid]
        y[lid] = {room: model.new_bool_var("") for room in options[lid]}
        seated[lid] = model.new_bool_var(f"seated{lid}")
        model.add(cp_model.LinearExpr.sum(list(y[lid].values())) == seated[lid])
        for room, var in y[lid].items():
            for slot in range(times[lid], times[lid] + lesson.duration):
                at[room, slot].append(var)
            if lesson.preferred_rooms and room not in lesson.preferred_rooms:
                misses.append(var)
    for variables in at.values():
        if len(variables) > 1:
            model.add_at_most_one(variables)
    # "Seated" as assumptions: when they cannot all hold, CP-SAT names a few that cannot.
    model.add_assumptions(list(seated.values()))
    model.minimize(cp_model.LinearExpr.sum(misses))
    solver = _solver(seconds, seed, workers, stop)
    result = solver.solve(model)
    if result == cp_model.INFEASIBLE:
        # With an objective CP-SAT names every assumption; without one, a few (9 of 514
        # lessons on FET's russia).
        model.clear_objective()  # type: ignore[no-untyped-call]
        core_search = _solver(seconds, seed, 1, stop)
        core_search.solve(model)
        by_index = {var.index: lid for lid, var in seated.items()}
        core = [by_index[i] for i in core_search.sufficient_assumptions_for_infeasibility()]
        return {}, tuple(sorted(core or wanting)), False
    if result not in {cp_model.OPTIMAL, cp_model.FEASIBLE}:
        return {}, tuple(sorted(wanting)), False
    rooms = {lid: next(r for r, v in y[lid].items() if solver.boolean_value(v)) for lid in y}
    return rooms, (), result == cp_model.OPTIMAL


def _preferred_seating(
    data: _Data, times: Mapping[int, Slot], options: Mapping[int, list[str]]
) -> dict[int, str] | None:
    """Each lesson in the first of its preferred rooms (of its rooms, when it prefers none)
    free for all its periods, the lessons with the fewest such rooms first; None when that
    leaves a lesson without one. When it seats them all, none is outside its preferred
    rooms, the best the room step can do: CP-SAT is not needed (on FET's schools it seated
    all but russia, in 16 ms where CP-SAT took 1.0-1.3 s of southafrica's CPU)."""
    lessons = data.problem.lessons
    choices = {
        lid: [room for room in rooms if room in lessons[lid].preferred_rooms]
        if lessons[lid].preferred_rooms
        else rooms
        for lid, rooms in options.items()
    }
    taken: set[tuple[str, Slot]] = set()
    seating: dict[int, str] = {}
    for lid in sorted(choices, key=lambda lid: (len(choices[lid]), lid)):
        periods = range(times[lid], times[lid] + lessons[lid].duration)
        room = next(
            (r for r in choices[lid] if all((r, slot) not in taken for slot in periods)), None
        )
        if room is None:
            return None
        seating[lid] = room
        taken.update((room, slot) for slot in periods)
    return seating


def _apart(
    timed: _TimeModel,
    values: list[int],
    lessons: Iterable[int],
    budget: float,
    *,
    seed: int,
    workers: int,
    stop: Stop | None,
) -> list[int] | None:
    """The time model's values again, ``lessons`` no longer all at their times (and
    buildings) in ``values`` together: the room step could not seat them so. The search
    starts from ``values``; None when it finds nothing within ``budget`` seconds. On FET's
    russia (seed 1, 60 s: 9 double lessons in 7 rooms of one building) the local search
    found it in 0.5 s where the complete search found nothing in 4 s."""
    model = timed.model
    chosen = [
        var
        for lid in lessons
        for var in [*timed.x[lid].values(), *timed.b.get(lid, {}).values()]
        if values[var.index]
    ]
    model.add(cp_model.LinearExpr.sum(chosen) <= len(chosen) - 1)
    _hint(model, values)
    # Local search from the hint first, as for the first timetable (see _first_timetable).
    local = _local_search(budget / 2, seed, stop)
    local.parameters.stop_after_first_solution = True
    found = local.solve(model)
    if found not in {cp_model.OPTIMAL, cp_model.FEASIBLE}:
        local = _solver(budget / 2, seed, workers, stop)
        found = local.solve(model)
    if found not in {cp_model.OPTIMAL, cp_model.FEASIBLE}:
        return None
    return list(local.response_proto.solution)[: len(values)]


def solve(
    problem: Problem,
    *,
    seconds: float,
    seed: int = 0,
    workers: int = 1,
    keep: Timetable | None = None,
    progress: Progress | None = None,
    enough: Enough | None = None,
    stop: Stop | None = None,
) -> Solution:
    """A timetable for ``problem`` within about ``seconds`` (the room step and, for an
    impossible input, the culprit search take their share of it). Lessons in ``keep`` and the
    problem's locked lessons stay where they are; ``stop`` may end it early from another
    thread. ``enough`` ends the search for better times at the first timetable it accepts
    (the rooms are then given as usual): how ``bench/timetable.py`` measures the CPU to a
    timetable as good as FET's.

    ``optimal``: no better times for the soft rules, and no better rooms for those times
    (rooms come second, so not a proof over times and rooms together). ``unknown``: no
    timetable in the time given, or (``unroomed``) times the room step could not seat."""
    began = time.monotonic()
    data = _Data(problem, keep)
    found = _precheck(data)
    if found:
        return Solution(status="infeasible", culprits=tuple(found))
    # First any timetable from the hard rules alone (the soft rules' variables slow the first
    # one down a lot), then a better one from there: it is the hint of the optimising search.
    timed = _TimeModel(data)
    found_first, solver = _first_timetable(
        timed, seconds * FIRST_SHARE, seed=seed, workers=workers, stop=stop
    )
    if found_first == cp_model.INFEASIBLE:
        left = max(1.0, seconds - (time.monotonic() - began))
        status_name, culprits = _culprits(
            data, seconds=left, seed=seed, workers=workers, stop=stop
        )
        return Solution(status=status_name, culprits=culprits)
    if found_first not in {cp_model.OPTIMAL, cp_model.FEASIBLE}:
        return Solution(status="unknown")
    first_values = list(solver.response_proto.solution)
    if enough is not None:
        left = max(1.0, seconds - (time.monotonic() - began))
        timetable, unroomed, _ = _rooms_for(
            data, timed, first_values, seconds=left, seed=seed, workers=workers, stop=stop
        )
        report = check(problem, timetable)
        if not unroomed and enough(report.soft):
            return _solution("feasible", timetable, report, ())
    first = {
        var.index: first_values[var.index]
        for starts in timed.x.values()
        for var in starts.values()
    }
    timed.add_soft_rules()
    budget = (seconds - (time.monotonic() - began)) * (0.85 if data.rooms else 1.0)
    status, values = _optimise(
        timed,
        first,
        budget,
        seed=seed,
        workers=workers,
        progress=progress,
        enough=enough,
        began=began,
        seconds=seconds,
        stop=stop,
    )
    if values is None:  # no time to weigh even the first timetable: it is what we have
        values, status = first_values, "feasible"
    while True:
        left = max(1.0, seconds - (time.monotonic() - began))
        timetable, unroomed, rooms_best = _rooms_for(
            data, timed, values, seconds=left, seed=seed, workers=workers, stop=stop
        )
        # The counts per room set make this rare, not impossible (a double lesson keeps one
        # room for both periods): those lessons are kept apart and the times searched again.
        left = seconds - (time.monotonic() - began)
        if not unroomed or left < 2 or (stop is not None and stop.requested):
            break
        again = _apart(timed, values, unroomed, left / 2, seed=seed, workers=workers, stop=stop)
        if again is None:
            break
        values, status = again, "feasible"
    if unroomed:
        status = "unknown"
    elif status == "optimal" and not rooms_best:
        status = "feasible"
    return _solution(status, timetable, check(problem, timetable), unroomed)


def _rooms_for(
    data: _Data,
    timed: _TimeModel,
    values: list[int],
    *,
    seconds: float,
    seed: int,
    workers: int,
    stop: Stop | None,
) -> tuple[dict[int, Placement], tuple[int, ...], bool]:
    """The timetable of the model's solution ``values``, its rooms given (``_assign_rooms``),
    the lessons left unseated and whether the rooms are the best."""
    times = {
        lid: next(s for s, v in starts.items() if values[v.index])
        for lid, starts in timed.x.items()
    }
    buildings = {
        lid: next(b for b, v in options.items() if values[v.index])
        for lid, options in timed.b.items()
    }
    rooms, unroomed, best = _assign_rooms(
        data, times, buildings, seconds=seconds, seed=seed, workers=workers, stop=stop
    )
    return {lid: Placement(slot, rooms.get(lid)) for lid, slot in times.items()}, unroomed, best


def _solution(
    status: Status, timetable: dict[int, Placement], report: Report, unroomed: tuple[int, ...]
) -> Solution:
    """The penalties users see are the checker's (``report``): the model's own counts are
    only what the search minimises (they may differ, e.g. when the room step moves a
    lesson)."""
    return Solution(
        status=status,
        timetable=timetable,
        objective=report.soft_total,
        penalties=dict(report.soft),
        unroomed=unroomed,
    )
