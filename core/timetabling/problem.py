"""A school's timetabling problem and a timetable for it (issue 11): pure data, no database.

The importers (``.fet`` files, Excel), the checker and the solver all speak this model, so a
school loaded from any source is checked and solved the same way.

**Time.** A week (or an A/B cycle of two weeks: ``days`` then lists all of its days) has
``len(days)`` days of ``len(periods)`` periods. A *slot* is an ``int``:
``day * len(periods) + period``; ``Week.day_of``/``Week.period_of`` take it apart. A lesson of
``duration`` 2 (a double period) starting at slot ``s`` occupies ``s`` and ``s + 1``, which
must be on the same day.

**Students.** Student sets nest: a year (parallel: "9") holds groups (classes: "9А"), a group
holds subgroups ("9А English 1"). A lesson is attended by one or more sets; two lessons clash
for students when the *leaves* (the sets with no subsets) under their sets meet — "9" clashes
with "9А English 1", "9А English 1" does not clash with "9А English 2".
``Problem.leaves`` gives them.

**Rules.** Hard rules (always): a teacher, a leaf student set and a room hold one lesson at a
time; unavailable slots of teachers and student sets; a lesson's ``allowed_slots`` and locks;
room kind and capacity; ``MinDaysApart`` with ``hard``; ``SameStart``; ``SameDay``;
``NotOverlapping``;
``Consecutive``; a teacher's ``max_per_day``, ``min_per_day`` (on the days they teach),
``max_days`` and ``max_gaps_per_day``; a student set's ``max_per_day``,
``max_gaps_per_week`` and ``max_late_starts`` (for each leaf under it); travel
between buildings (``travel_periods``: after a lesson in one building a teacher needs that
many free periods before a lesson in another).

**Gaps** (FET's definition): the free periods between the first and the last lesson of a
day of a teacher or a leaf set that are neither a break nor a period they are away.
**A late start**: a day whose first lesson is in the second period the leaf could have
lessons that day (not a break, not away) rather than the first; with ``max_late_starts`` set,
a later start is not allowed at all (FET: students early, max beginnings at second hour).

**Soft rules** are weighted by ``Weights``; each has an English ``key`` the checker's
penalties and the solver's breakdown use: ``teacher_gaps``, ``class_gaps``, ``day_balance``,
``subject_spread``, ``preferred_rooms``, ``building_changes``, ``min_days``.

Ids are strings (the importer's names: FET identifies everything by name); lesson ids are
``int`` (FET's activity ids).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

Slot = int


@dataclass(frozen=True, slots=True)
class Week:
    days: tuple[str, ...]  # day names, e.g. ("Monday", …) or 12 days of an A/B cycle
    periods: tuple[str, ...]  # period names, e.g. ("1", "2", …) or ("08:00", …)

    @property
    def slots(self) -> range:
        return range(len(self.days) * len(self.periods))

    def slot(self, day: int, period: int) -> Slot:
        return day * len(self.periods) + period

    def day_of(self, slot: Slot) -> int:
        return slot // len(self.periods)

    def period_of(self, slot: Slot) -> int:
        return slot % len(self.periods)

    def fits(self, slot: Slot, duration: int) -> bool:
        """Whether a lesson of ``duration`` periods may start at ``slot`` (same day)."""
        return slot in self.slots and self.period_of(slot) + duration <= len(self.periods)


@dataclass(frozen=True, slots=True)
class Teacher:
    id: str
    name: str
    unavailable: frozenset[Slot] = frozenset()
    max_per_day: int | None = None  # hard
    max_days: int | None = None  # hard: days of the week with a lesson (FET: max days per week)
    max_gaps_per_week: int | None = None  # soft target (gaps above it cost teacher_gaps)
    max_gaps_per_day: int | None = None  # hard
    min_per_day: int | None = None  # hard: periods on a day with lessons (FET: min hours daily)
    home_building: str | None = None


@dataclass(frozen=True, slots=True)
class StudentSet:
    id: str
    name: str
    parent: str | None = None  # the set this one is part of (a group's year, …)
    also_in: tuple[str, ...] = ()  # further parents (FET lists a subgroup under two groups)
    size: int = 0  # number of students, 0 when unknown
    unavailable: frozenset[Slot] = frozenset()
    max_gaps_per_week: int | None = None  # hard, for each of its leaves
    max_per_day: int | None = None  # hard, for each of its leaves: periods of lessons a day
    max_late_starts: int | None = None  # hard: days a leaf starts one period late (see above)


@dataclass(frozen=True, slots=True)
class Building:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Room:
    id: str
    name: str
    capacity: int = 0  # 0: unknown, any number fits
    kind: str = ""  # "" an ordinary classroom; e.g. "lab", "gym", "computers"
    building: str | None = None


@dataclass(frozen=True, slots=True)
class Subject:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Lesson:
    """One lesson of the week (FET: an activity): who, whom, what, how long, where it may be.

    ``room_kind`` ""/``rooms`` () with ``needs_room`` False: no room is assigned (a school
    that does not plan rooms). ``rooms`` lists the rooms allowed (hard) when not empty;
    ``preferred_rooms`` are soft. ``locked_slot``/``locked_room`` pin it (hand-made or FET's
    preferred starting time/room at 100 %).
    """

    id: int
    subject: str
    teachers: tuple[str, ...]
    sets: tuple[str, ...]
    duration: int = 1
    students: int = 0  # 0: the sum of its sets' sizes, when known
    needs_room: bool = False
    room_kind: str = ""
    rooms: tuple[str, ...] = ()
    preferred_rooms: tuple[str, ...] = ()
    allowed_slots: frozenset[Slot] | None = None  # None: any slot
    locked_slot: Slot | None = None
    locked_room: str | None = None
    series: int | None = None  # lessons of one subject for one class in a week (FET group)


@dataclass(frozen=True, slots=True)
class MinDaysApart:
    """These lessons fall on days at least ``days`` apart (FET: min days between activities).
    Hard when ``hard``, else each pair too close costs ``weight`` × the ``min_days`` weight."""

    lessons: tuple[int, ...]
    days: int = 1
    hard: bool = False
    consecutive_if_same_day: bool = False


@dataclass(frozen=True, slots=True)
class SameStart:
    """These lessons start at the same slot (parallel groups: languages, PE by gender)."""

    lessons: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class SameDay:
    """These lessons are on the same day (FET: activities same starting day)."""

    lessons: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class NotOverlapping:
    lessons: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Consecutive:
    """``second`` starts right after ``first`` ends, the same day; only the problem's
    ``breaks`` may come between them (FET: "possibly separated by breaks")."""

    first: int
    second: int


@dataclass(frozen=True, slots=True)
class Weights:
    """How much one unit of each soft rule costs; 0 turns a rule off."""

    teacher_gaps: int = 3  # per free period between two lessons of a teacher in a day
    class_gaps: int = 5  # per free period between two lessons of a leaf student set
    day_balance: int = 1  # per lesson a set's busiest day has over its quietest
    subject_spread: int = 2  # per extra lesson of a subject on one day for one set
    preferred_rooms: int = 1  # per lesson outside its preferred rooms
    building_changes: int = 4  # per change of building in a teacher's day
    min_days: int = 5  # per pair of a soft MinDaysApart that is too close


@dataclass(frozen=True)
class Problem:
    name: str
    week: Week
    teachers: Mapping[str, Teacher]
    sets: Mapping[str, StudentSet]
    subjects: Mapping[str, Subject]
    rooms: Mapping[str, Room]
    buildings: Mapping[str, Building]
    lessons: Mapping[int, Lesson]
    min_days: tuple[MinDaysApart, ...] = ()
    same_start: tuple[SameStart, ...] = ()
    same_day: tuple[SameDay, ...] = ()
    not_overlapping: tuple[NotOverlapping, ...] = ()
    consecutive: tuple[Consecutive, ...] = ()
    travel_periods: int = 0  # free periods a teacher needs to change building
    breaks: frozenset[Slot] = frozenset()  # slots nobody has lessons in (FET's break times)
    weights: Weights = field(default_factory=Weights)
    ignored: tuple[str, ...] = ()  # what the importer did not understand, for the user

    @cached_property
    def _children(self) -> dict[str, list[str]]:
        children: dict[str, list[str]] = {key: [] for key in self.sets}
        for student_set in self.sets.values():
            for parent in (student_set.parent, *student_set.also_in):
                if parent is not None and parent in children:
                    children[parent].append(student_set.id)
        return children

    @cached_property
    def _part_of(self) -> dict[str, frozenset[str]]:
        # Asked for each lesson's sets by every rule of the checker and the solver's model
        # (a fifth of a fully locked school's check when worked out on each call).
        part_of: dict[str, frozenset[str]] = {}
        for set_id in self.sets:
            found: set[str] = set()
            stack = [set_id]
            while stack:
                current = stack.pop()
                if current in found or current not in self.sets:
                    continue
                found.add(current)
                student_set = self.sets[current]
                stack.extend(
                    s for s in (student_set.parent, *student_set.also_in) if s is not None
                )
            part_of[set_id] = frozenset(found)
        return part_of

    def part_of(self, set_id: str) -> frozenset[str]:
        """``set_id`` and every set it is part of, through ``parent`` and ``also_in``."""
        return self._part_of.get(set_id, frozenset())

    def leaves(self, set_id: str) -> frozenset[str]:
        """The sets with no subsets under ``set_id`` (itself when it has none)."""
        found: set[str] = set()
        stack = [set_id]
        while stack:
            current = stack.pop()
            below = self._children.get(current, [])
            if below:
                stack.extend(below)
            else:
                found.add(current)
        return frozenset(found)

    def lesson_leaves(self, lesson: Lesson) -> frozenset[str]:
        return frozenset().union(*(self.leaves(set_id) for set_id in lesson.sets))

    def set_away(self, set_id: str) -> frozenset[Slot]:
        """The slots ``set_id`` is unavailable: its own and those of every set it is part of."""
        return frozenset().union(*(self.sets[s].unavailable for s in self.part_of(set_id)))

    def set_limit(self, set_id: str, limit: str) -> int | None:
        """The tightest ``max_per_day``, ``max_gaps_per_week`` or ``max_late_starts``
        (``limit``) of ``set_id`` and the sets it is part of; None when none of them has one."""
        found = [getattr(self.sets[s], limit) for s in self.part_of(set_id)]
        return min((value for value in found if value is not None), default=None)

    def free_periods(self, day: int, away: frozenset[Slot]) -> list[Slot]:
        """The slots of ``day`` in order that are neither a break nor in ``away``."""
        periods = len(self.week.periods)
        slots = range(day * periods, (day + 1) * periods)
        return [s for s in slots if s not in self.breaks and s not in away]

    def gaps(self, occupied: set[Slot], away: frozenset[Slot]) -> int:
        """The gaps in one day's ``occupied`` slots (see the module's docstring)."""
        return sum(
            1
            for s in range(min(occupied), max(occupied) + 1)
            if s not in occupied and s not in self.breaks and s not in away
        )

    def after_breaks(self, slot: Slot) -> Slot:
        """``slot``, or the first slot after the breaks that begin there, the same day: where
        the second of two ``Consecutive`` lessons starts when the first ends at ``slot``."""
        while slot in self.breaks and self.week.period_of(slot) != 0:
            slot += 1
        return slot


@dataclass(frozen=True, slots=True)
class Placement:
    """Where and when one lesson is: its first slot and its room (None: no room)."""

    slot: Slot
    room: str | None = None


#: A timetable: each placed lesson's placement by lesson id; lessons missing are unplaced.
Timetable = Mapping[int, Placement]
