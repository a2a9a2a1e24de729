"""Check a timetable against its problem (issue 11): every broken rule, named, fast.

``check(problem, timetable)`` returns a ``Report`` listing **every** violated hard rule and
every soft penalty as a ``Violation``: its rule key, hard or soft, its cost, and the lessons,
teachers, student sets, rooms, buildings, slot and day involved. ``describe`` writes one in
kk/ru/en for a user ("Ivanova A.: two lessons at the same time, Monday 3: …"), naming each
lesson as "Subject — sets (teachers)".

**Hard rule keys** (each violation of a hard rule costs 1, a clash ``n - 1`` for ``n``
lessons): ``not_placed``, ``outside_week`` (a start slot the week does not have),
``day_end`` (a double lesson crossing the end of the day), ``teacher_clash``, ``set_clash``,
``room_clash``, ``teacher_unavailable``, ``set_unavailable`` (the lesson's sets, their
subsets and the sets above them, through both parents of a crossed subgroup: a lesson of
"9А" on a slot "9" is away is one),
``slot_not_allowed``, ``locked_slot``, ``locked_room``, ``no_room``, ``room_unknown``,
``room_kind``, ``room_capacity``, ``room_not_allowed``, ``min_days`` (with ``hard``),
``same_start``, ``same_day``, ``not_overlapping``, ``consecutive``, ``teacher_max_per_day``
(periods in a day: a double counts two), ``teacher_max_days`` (days of the week with a lesson),
``teacher_max_gaps`` and ``teacher_min_per_day`` (per teacher and day),
``class_max_per_day`` (per leaf set and day), ``class_max_gaps`` (per leaf set and week),
``class_late_start`` (per leaf set and day: more than one period late),
``class_late_starts`` (per leaf set: more days one period late than allowed), ``travel``.
Gaps and late starts are those of problem.py (breaks and periods away do not count).

**Clashes** are reported once per slot and per kind of resource, as one violation naming all
the lessons that meet there (two or more) and every teacher / leaf set / room they share
there (for student sets, the largest sets whose leaves all meet: "9А" rather than both its
subgroups): three lessons of one teacher at one slot are one violation with three lessons,
two double lessons on top of each other are two violations (one per slot they share). A lesson
crossing the end of the day counts only for the periods its day has.

**Soft rule keys** (the ``Weights`` of problem.py; a weight of 0 turns the rule off and it is
not listed): ``teacher_gaps`` (one violation per teacher and week: the gaps of each day,
beyond ``max_gaps_per_week`` when set),
``class_gaps`` (the same per leaf set, all of them), ``day_balance`` (per leaf set: periods on
its busiest day minus its quietest, days it is wholly away not counted), ``subject_spread``
(per set named on the lessons, subject and day: lessons beyond the first),
``preferred_rooms``, ``building_changes`` (per teacher and day, between lessons in rooms of
known buildings), ``min_days`` (soft: each pair too close).

A lesson that is not placed or starts outside the week is reported once and takes no part in
the other rules. Timetable entries for lessons the problem does not have are ignored, and so
is ``MinDaysApart.consecutive_if_same_day`` (a pair on one day is too close either way).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations, pairwise

from core.i18n import N_, gettext_for
from core.timetabling.problem import (
    Lesson,
    Placement,
    Problem,
    Slot,
    StudentSet,
    Teacher,
    Timetable,
)

HARD_RULES = (
    "not_placed",
    "outside_week",
    "day_end",
    "teacher_clash",
    "set_clash",
    "room_clash",
    "teacher_unavailable",
    "set_unavailable",
    "slot_not_allowed",
    "locked_slot",
    "locked_room",
    "no_room",
    "room_unknown",
    "room_kind",
    "room_capacity",
    "room_not_allowed",
    "min_days",
    "same_start",
    "same_day",
    "not_overlapping",
    "consecutive",
    "teacher_max_per_day",
    "teacher_max_days",
    "teacher_max_gaps",
    "teacher_min_per_day",
    "class_max_per_day",
    "class_max_gaps",
    "class_late_start",
    "class_late_starts",
    "travel",
)
SOFT_RULES = (
    "teacher_gaps",
    "class_gaps",
    "day_balance",
    "subject_spread",
    "preferred_rooms",
    "building_changes",
    "min_days",
)


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule. ``count``/``limit``/``other_day`` carry the figures its sentence
    needs (see ``describe``): e.g. a room's capacity problem has ``count`` students and
    ``limit`` seats, a day balance ``count`` periods on ``day`` and ``limit`` on
    ``other_day``."""

    rule: str
    hard: bool
    cost: int
    lessons: tuple[int, ...] = ()
    teachers: tuple[str, ...] = ()
    sets: tuple[str, ...] = ()
    rooms: tuple[str, ...] = ()
    buildings: tuple[str, ...] = ()
    slot: Slot | None = None
    day: int | None = None
    count: int = 0
    limit: int | None = None
    other_day: int | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """Every violation, hard ones first; ``hard`` counts them, ``soft`` sums the cost per
    soft rule key (every key of ``SOFT_RULES``, 0 when none), ``unplaced`` counts lessons
    not placed (each also a hard ``not_placed`` violation)."""

    violations: tuple[Violation, ...]
    hard: int
    soft: Mapping[str, int]
    unplaced: int

    @property
    def soft_total(self) -> int:
        return sum(self.soft.values())

    @property
    def hard_violations(self) -> tuple[Violation, ...]:
        return tuple(violation for violation in self.violations if violation.hard)

    @property
    def soft_violations(self) -> tuple[Violation, ...]:
        return tuple(violation for violation in self.violations if not violation.hard)

    def of(self, rule: str) -> tuple[Violation, ...]:
        return tuple(violation for violation in self.violations if violation.rule == rule)


def check(problem: Problem, timetable: Timetable) -> Report:
    """Every hard and soft rule ``timetable`` breaks for ``problem``.

    Runs in time linear in the lessons (indexes by slot, teacher, set and day), plus the
    pairs inside each MinDaysApart/NotOverlapping constraint. Raises nothing: a timetable
    however wrong gets a report.
    """
    return _Checker(problem, timetable).run()


class _Checker:
    def __init__(self, problem: Problem, timetable: Timetable) -> None:
        self.problem = problem
        self.timetable = timetable
        self.week = problem.week
        self.periods = len(problem.week.periods)
        self.found: list[Violation] = []
        self.placed: dict[int, Placement] = {}
        self.span: dict[int, range] = {}  # slots a placed lesson occupies (within its day)
        self._leaves: dict[tuple[str, ...], frozenset[str]] = {}
        self._above: dict[str, tuple[str, ...]] = {}
        self._declaring: dict[tuple[str, ...], list[StudentSet]] = {}

    # helpers

    def add(self, rule: str, *, hard: bool, cost: int = 1, **fields: object) -> None:
        self.found.append(Violation(rule, hard, cost, **fields))  # type: ignore[arg-type]

    def leaves(self, lesson: Lesson) -> frozenset[str]:
        known = self._leaves.get(lesson.sets)
        if known is None:
            known = self._leaves[lesson.sets] = self.problem.lesson_leaves(lesson)
        return known

    def above(self, set_id: str) -> tuple[str, ...]:
        """``set_id`` and the sets it is part of, up to its year."""
        known = self._above.get(set_id)
        if known is None:
            chain: list[str] = []
            current: str | None = set_id
            while current is not None and current not in chain:
                chain.append(current)
                parent = self.problem.sets.get(current)
                current = parent.parent if parent is not None else None
            known = self._above[set_id] = tuple(chain)
        return known

    def building(self, room_id: str | None) -> str | None:
        room = self.problem.rooms.get(room_id) if room_id is not None else None
        return room.building if room is not None else None

    # the run

    def run(self) -> Report:
        weights = self.problem.weights
        for lesson in self.problem.lessons.values():
            placement = self.timetable.get(lesson.id)
            if placement is None:
                self.add("not_placed", hard=True, lessons=(lesson.id,))
            elif placement.slot not in self.week.slots:
                self.add("outside_week", hard=True, lessons=(lesson.id,))
            else:
                self.placed[lesson.id] = placement
                day_end = (self.week.day_of(placement.slot) + 1) * self.periods
                self.span[lesson.id] = range(
                    placement.slot, min(placement.slot + lesson.duration, day_end)
                )
                self.lesson_rules(lesson, placement)
        self.clashes()
        self.constraints()
        self.days(weights.teacher_gaps, weights.building_changes)
        self.leaf_days(weights.class_gaps, weights.day_balance)
        if weights.subject_spread:
            self.subject_spread(weights.subject_spread)
        violations = sorted(self.found, key=lambda violation: not violation.hard)
        soft = dict.fromkeys(SOFT_RULES, 0)
        for violation in violations:
            if not violation.hard:
                soft[violation.rule] += violation.cost
        return Report(
            violations=tuple(violations),
            hard=sum(1 for violation in violations if violation.hard),
            soft=soft,
            unplaced=sum(1 for violation in violations if violation.rule == "not_placed"),
        )

    def lesson_rules(self, lesson: Lesson, placement: Placement) -> None:
        """The rules of one lesson on its own: time, locks, its room."""
        slot, room_id, ids = placement.slot, placement.room, (lesson.id,)
        if not self.week.fits(slot, lesson.duration):
            self.add("day_end", hard=True, lessons=ids, slot=slot)
        span = self.span[lesson.id]
        for teacher_id in lesson.teachers:
            teacher = self.problem.teachers.get(teacher_id)
            away = [s for s in span if teacher is not None and s in teacher.unavailable]
            if away:
                self.add(
                    "teacher_unavailable",
                    hard=True,
                    lessons=ids,
                    teachers=(teacher_id,),
                    slot=away[0],
                )
        self.set_unavailability(lesson, span)
        if lesson.allowed_slots is not None and slot not in lesson.allowed_slots:
            self.add("slot_not_allowed", hard=True, lessons=ids, slot=slot)
        if lesson.locked_slot is not None and slot != lesson.locked_slot:
            self.add("locked_slot", hard=True, lessons=ids, slot=slot)
        if lesson.locked_room is not None and room_id != lesson.locked_room:
            rooms = (lesson.locked_room,) if room_id is None else (lesson.locked_room, room_id)
            self.add("locked_room", hard=True, lessons=ids, rooms=rooms)
        if room_id is None:
            if lesson.needs_room or lesson.room_kind or lesson.rooms:
                self.add("no_room", hard=True, lessons=ids)
            return
        room = self.problem.rooms.get(room_id)
        if room is None:
            self.add("room_unknown", hard=True, lessons=ids, rooms=(room_id,))
            return
        if lesson.room_kind and room.kind != lesson.room_kind:
            self.add("room_kind", hard=True, lessons=ids, rooms=(room_id,))
        if lesson.rooms and room_id not in lesson.rooms:
            self.add("room_not_allowed", hard=True, lessons=ids, rooms=(room_id,))
        students = self.students(lesson)
        if room.capacity and students > room.capacity:
            self.add(
                "room_capacity",
                hard=True,
                lessons=ids,
                rooms=(room_id,),
                count=students,
                limit=room.capacity,
            )
        weight = self.problem.weights.preferred_rooms
        if weight and lesson.preferred_rooms and room_id not in lesson.preferred_rooms:
            self.add("preferred_rooms", hard=False, cost=weight, lessons=ids, rooms=(room_id,))

    def students(self, lesson: Lesson) -> int:
        """The lesson's students, or the sum of its sets' sizes when every one is known."""
        if lesson.students:
            return lesson.students
        sizes = [self.problem.sets[s].size if s in self.problem.sets else 0 for s in lesson.sets]
        return sum(sizes) if sizes and all(sizes) else 0

    def set_unavailability(self, lesson: Lesson, span: range) -> None:
        declaring = self._declaring.get(lesson.sets)
        if declaring is None:
            around = {
                above for leaf in self.leaves(lesson) for above in self.problem.part_of(leaf)
            }
            declaring = self._declaring[lesson.sets] = [
                self.problem.sets[set_id]
                for set_id in sorted(around)
                if set_id in self.problem.sets and self.problem.sets[set_id].unavailable
            ]
        away: dict[str, Slot] = {}
        for student_set in declaring:
            hit = next((s for s in span if s in student_set.unavailable), None)
            if hit is not None:
                away[student_set.id] = hit
        if away:
            self.add(
                "set_unavailable",
                hard=True,
                lessons=(lesson.id,),
                sets=tuple(sorted(away)),
                slot=min(away.values()),
            )

    def clashes(self) -> None:
        """One violation per slot and kind naming all the lessons meeting there."""
        by_teacher: dict[tuple[Slot, str], list[int]] = defaultdict(list)
        by_leaf: dict[tuple[Slot, str], list[int]] = defaultdict(list)
        by_room: dict[tuple[Slot, str], list[int]] = defaultdict(list)
        for lesson_id, span in self.span.items():
            lesson = self.problem.lessons[lesson_id]
            room = self.placed[lesson_id].room
            leaves = self.leaves(lesson)
            for slot in span:
                for teacher_id in lesson.teachers:
                    by_teacher[slot, teacher_id].append(lesson_id)
                for leaf in leaves:
                    by_leaf[slot, leaf].append(lesson_id)
                if room is not None:
                    by_room[slot, room].append(lesson_id)
        for rule, index, field_name in (
            ("teacher_clash", by_teacher, "teachers"),
            ("set_clash", by_leaf, "sets"),
            ("room_clash", by_room, "rooms"),
        ):
            grouped: dict[tuple[Slot, tuple[int, ...]], list[str]] = defaultdict(list)
            for (slot, who), lesson_ids in index.items():
                if len(lesson_ids) > 1:
                    grouped[slot, tuple(sorted(lesson_ids))].append(who)
            for (slot, meeting), whom in sorted(grouped.items()):
                named = self.covering(whom) if rule == "set_clash" else whom
                self.add(
                    rule,
                    hard=True,
                    cost=len(meeting) - 1,
                    lessons=meeting,
                    slot=slot,
                    **{field_name: tuple(sorted(named))},
                )

    def covering(self, leaves: Iterable[str]) -> set[str]:
        """The largest sets made only of ``leaves``: "9А" for both its English subgroups."""
        given = frozenset(leaves)
        named: set[str] = set()
        for leaf in given:
            largest = leaf
            for above in self.above(leaf)[1:]:
                if not self.problem.leaves(above) <= given:
                    break
                largest = above
            named.add(largest)
        return named

    def constraints(self) -> None:
        """MinDaysApart, SameStart, SameDay, NotOverlapping, Consecutive over their placed
        lessons."""
        placed, week, weight = self.placed, self.week, self.problem.weights.min_days
        for rule in self.problem.min_days:
            if not rule.hard and not weight:
                continue
            present = [lesson_id for lesson_id in rule.lessons if lesson_id in placed]
            for first, second in combinations(present, 2):
                apart = abs(week.day_of(placed[first].slot) - week.day_of(placed[second].slot))
                if apart < rule.days:
                    self.add(
                        "min_days",
                        hard=rule.hard,
                        cost=1 if rule.hard else weight,
                        lessons=(first, second),
                        count=apart,
                        limit=rule.days,
                    )
        for same in self.problem.same_start:
            present = [lesson_id for lesson_id in same.lessons if lesson_id in placed]
            if len({placed[lesson_id].slot for lesson_id in present}) > 1:
                self.add("same_start", hard=True, lessons=tuple(present))
        for together in self.problem.same_day:
            present = [lesson_id for lesson_id in together.lessons if lesson_id in placed]
            if len({week.day_of(placed[lesson_id].slot) for lesson_id in present}) > 1:
                self.add("same_day", hard=True, lessons=tuple(present))
        for apart_rule in self.problem.not_overlapping:
            present = [lesson_id for lesson_id in apart_rule.lessons if lesson_id in placed]
            for first, second in combinations(present, 2):
                shared = set(self.span[first]) & set(self.span[second])
                if shared:
                    self.add(
                        "not_overlapping", hard=True, lessons=(first, second), slot=min(shared)
                    )
        for pair in self.problem.consecutive:
            if pair.first in placed and pair.second in placed:
                due = self.problem.after_breaks(self.span[pair.first].stop)
                starts = placed[pair.second].slot
                if starts != due or week.period_of(starts) == 0:
                    self.add("consecutive", hard=True, lessons=(pair.first, pair.second))

    def days(self, gap_weight: int, change_weight: int) -> None:
        """Per teacher and day: max_per_day, min_per_day, max_gaps_per_day, travel, gaps
        and building changes; per teacher: max_days."""
        schedule: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
        for lesson_id, span in self.span.items():
            day = self.week.day_of(span.start)
            for teacher_id in self.problem.lessons[lesson_id].teachers:
                schedule[teacher_id][day].append(lesson_id)
        travel = self.problem.travel_periods
        for teacher_id, by_day in sorted(schedule.items()):
            teacher = self.problem.teachers.get(teacher_id)
            away = teacher.unavailable if teacher is not None else frozenset()
            gaps = 0
            for day, lesson_ids in sorted(by_day.items()):
                occupied = {slot for lesson_id in lesson_ids for slot in self.span[lesson_id]}
                day_gaps = self.problem.gaps(occupied, away)
                gaps += day_gaps
                if teacher is not None:
                    self.teacher_day(teacher, day, lesson_ids, len(occupied), day_gaps)
                self.buildings(teacher_id, day, lesson_ids, travel, change_weight)
            most_days = teacher.max_days if teacher is not None else None
            if most_days is not None and len(by_day) > most_days:
                self.add(
                    "teacher_max_days",
                    hard=True,
                    teachers=(teacher_id,),
                    lessons=tuple(sorted(i for ids in by_day.values() for i in ids)),
                    count=len(by_day),
                    limit=most_days,
                )
            limit = teacher.max_gaps_per_week if teacher is not None else None
            over = gaps - (limit or 0)
            if gap_weight and over > 0:
                self.add(
                    "teacher_gaps",
                    hard=False,
                    cost=over * gap_weight,
                    teachers=(teacher_id,),
                    count=gaps,
                    limit=limit,
                )

    def teacher_day(
        self, teacher: Teacher, day: int, lesson_ids: list[int], periods: int, gaps: int
    ) -> None:
        """A teacher's limits of one day: the periods they teach and their gaps."""
        limits = (
            ("teacher_max_per_day", periods, teacher.max_per_day, True),
            ("teacher_min_per_day", periods, teacher.min_per_day, False),
            ("teacher_max_gaps", gaps, teacher.max_gaps_per_day, True),
        )
        for rule, count, limit, most in limits:
            if limit is not None and (count > limit if most else count < limit):
                self.add(
                    rule,
                    hard=True,
                    teachers=(teacher.id,),
                    day=day,
                    lessons=tuple(sorted(lesson_ids)),
                    count=count,
                    limit=limit,
                )

    def buildings(
        self, teacher_id: str, day: int, lesson_ids: Iterable[int], travel: int, weight: int
    ) -> None:
        located = sorted(
            (self.span[lesson_id].start, lesson_id, building)
            for lesson_id in lesson_ids
            if (building := self.building(self.placed[lesson_id].room)) is not None
        )
        changes = 0
        for (_, before, here), (start, after, there) in pairwise(located):
            if here == there:
                continue
            changes += 1
            free = start - self.span[before].stop
            if free < travel:
                self.add(
                    "travel",
                    hard=True,
                    teachers=(teacher_id,),
                    lessons=(before, after),
                    buildings=(here, there),
                    day=day,
                    count=max(free, 0),
                    limit=travel,
                )
        if weight and changes:
            self.add(
                "building_changes",
                hard=False,
                cost=changes * weight,
                teachers=(teacher_id,),
                day=day,
                count=changes,
            )

    def leaf_days(self, gap_weight: int, balance_weight: int) -> None:
        """Per leaf student set: its gaps (soft, and its hard limit), periods a day, late
        starts, and the balance between its days."""
        occupied: dict[str, dict[int, set[Slot]]] = defaultdict(lambda: defaultdict(set))
        for lesson_id, span in self.span.items():
            day = self.week.day_of(span.start)
            for leaf in self.leaves(self.problem.lessons[lesson_id]):
                occupied[leaf][day].update(span)
        for leaf, by_day in sorted(occupied.items()):
            away = self.problem.set_away(leaf)
            gaps = sum(self.problem.gaps(slots, away) for slots in by_day.values())
            if gap_weight and gaps:
                self.add(
                    "class_gaps", hard=False, cost=gaps * gap_weight, sets=(leaf,), count=gaps
                )
            limit = self.problem.set_limit(leaf, "max_gaps_per_week")
            if limit is not None and gaps > limit:
                self.add("class_max_gaps", hard=True, sets=(leaf,), count=gaps, limit=limit)
            most = self.problem.set_limit(leaf, "max_per_day")
            for day, slots in sorted(by_day.items()):
                if most is not None and len(slots) > most:
                    self.add(
                        "class_max_per_day",
                        hard=True,
                        sets=(leaf,),
                        day=day,
                        count=len(slots),
                        limit=most,
                    )
            self.late_starts(leaf, by_day, away)
            if balance_weight:
                self.balance(leaf, by_day, away, balance_weight)

    def late_starts(
        self, leaf: str, by_day: Mapping[int, set[Slot]], away: frozenset[Slot]
    ) -> None:
        limit = self.problem.set_limit(leaf, "max_late_starts")
        if limit is None:
            return
        late: list[int] = []
        for day, slots in sorted(by_day.items()):
            free = self.problem.free_periods(day, away)
            first = min(slots)
            if free and first != free[0]:
                late.append(day)
                if len(free) < 2 or first != free[1]:
                    self.add("class_late_start", hard=True, sets=(leaf,), day=day, slot=first)
        if len(late) > limit:
            self.add("class_late_starts", hard=True, sets=(leaf,), count=len(late), limit=limit)

    def balance(
        self, leaf: str, by_day: Mapping[int, set[Slot]], away: frozenset[Slot], weight: int
    ) -> None:
        days = [
            day
            for day in range(len(self.week.days))
            if day in by_day
            or any(self.week.slot(day, period) not in away for period in range(self.periods))
        ]
        load = {day: len(by_day.get(day, ())) for day in days}
        busiest = max(days, key=lambda day: (load[day], -day))
        quietest = min(days, key=lambda day: (load[day], day))
        spread = load[busiest] - load[quietest]
        if spread > 0:
            self.add(
                "day_balance",
                hard=False,
                cost=spread * weight,
                sets=(leaf,),
                day=busiest,
                count=load[busiest],
                other_day=quietest,
                limit=load[quietest],
            )

    def subject_spread(self, weight: int) -> None:
        per_day: dict[tuple[str, str, int], list[int]] = defaultdict(list)
        for lesson_id, span in self.span.items():
            lesson = self.problem.lessons[lesson_id]
            for set_id in lesson.sets:
                per_day[set_id, lesson.subject, self.week.day_of(span.start)].append(lesson_id)
        for (set_id, _, day), lesson_ids in sorted(per_day.items()):
            if len(lesson_ids) > 1:
                self.add(
                    "subject_spread",
                    hard=False,
                    cost=(len(lesson_ids) - 1) * weight,
                    sets=(set_id,),
                    day=day,
                    lessons=tuple(sorted(lesson_ids)),
                    count=len(lesson_ids),
                )


# Describing a violation for a user

_PAIR = {
    "teacher_clash": N_(
        "{teacher}: two lessons at the same time, {day} {period}: {first} and {second}"
    ),
    "set_clash": N_("{group}: two lessons at the same time, {day} {period}: {first} and {second}"),
    "room_clash": N_(
        "Room {room}: two lessons at the same time, {day} {period}: {first} and {second}"
    ),
}
_MANY = {
    "teacher_clash": N_("{teacher}: {count} lessons at the same time, {day} {period}: {lessons}"),
    "set_clash": N_("{group}: {count} lessons at the same time, {day} {period}: {lessons}"),
    "room_clash": N_("Room {room}: {count} lessons at the same time, {day} {period}: {lessons}"),
}
_MESSAGES = {
    "not_placed": N_("{lesson} is not placed in the timetable."),
    "outside_week": N_("{lesson} is placed at a time the week does not have."),
    "day_end": N_("{lesson} starts at {day} {period} and runs past the end of the day."),
    "teacher_unavailable": N_(
        "{teacher} is not available at {day} {period} but teaches {lesson} then."
    ),
    "set_unavailable": N_("{group} is not available at {day} {period} but has {lesson} then."),
    "slot_not_allowed": N_("{lesson} may not be at {day} {period}."),
    "locked_slot": N_(
        "{lesson} is fixed at {fixed_day} {fixed_period} but placed at {day} {period}."
    ),
    "locked_room": N_("{lesson} is fixed in room {fixed_room} but placed in {room}."),
    "no_room": N_("{lesson} needs a room but has none."),
    "room_unknown": N_("{lesson} is placed in room {room}, which the school does not have."),
    "room_kind": N_("{lesson} needs a room of kind {kind}, but room {room} is not one."),
    "room_capacity": N_(
        "{lesson} has {students} students, but room {room} seats only {capacity}."
    ),
    "room_not_allowed": N_("{lesson} may not be held in room {room}."),
    "same_start": N_("These lessons must start at the same time but do not: {lessons}."),
    "same_day": N_("These lessons must be on the same day but are not: {lessons}."),
    "not_overlapping": N_(
        "{first} and {second} must not overlap, but both are at {day} {period}."
    ),
    "consecutive": N_("{second} must start right after {first} ends, the same day."),
    "teacher_max_per_day": N_(
        "{teacher} teaches {count} periods on {day}, more than the {limit} allowed."
    ),
    "teacher_max_days": N_("{teacher} teaches on {count} days, more than the {limit} allowed."),
    "teacher_max_gaps": N_(
        "{teacher} has {count} free periods between lessons on {day}, more than the {limit} "
        "allowed."
    ),
    "teacher_min_per_day": N_(
        "{teacher} teaches {count} periods on {day}, fewer than the {limit} a day they come."
    ),
    "class_max_per_day": N_(
        "{group} has {count} periods of lessons on {day}, more than the {limit} allowed."
    ),
    "class_max_gaps": N_(
        "{group} has {count} free periods between lessons in the week, more than the {limit} "
        "allowed."
    ),
    "class_late_start": N_("{group} begins {day} at {period}, more than one period late."),
    "class_late_starts": N_(
        "{group} starts one period late on {count} days, more than the {limit} allowed."
    ),
    "travel": N_(
        "{teacher} goes from {first} in {from_building} to {second} in {to_building} "
        "on {day} with {count} free periods between; {limit} are needed."
    ),
    "class_gaps": N_("{group}: free periods between lessons in the week: {count}."),
    "day_balance": N_("{group}: {count} periods on {day} but {least} on {other_day}."),
    "subject_spread": N_("{group}: {subject} {count} times on {day}: {lessons}."),
    "preferred_rooms": N_("{lesson} is in room {room}, not in its preferred rooms: {rooms}."),
    "building_changes": N_("{teacher} changes building on {day}, times: {count}."),
}
_MIN_DAYS_HARD = N_(
    "{first} and {second} must be at least {limit} days apart but are {count} apart."
)
_MIN_DAYS_SOFT = N_(
    "{first} and {second} should be at least {limit} days apart but are {count} apart."
)
_TEACHER_GAPS = N_("{teacher}: free periods between lessons in the week: {count}.")
_TEACHER_GAPS_OVER = N_(
    "{teacher}: free periods between lessons in the week: {count}, {limit} allowed."
)
_NO_ROOM = N_("no room")


def lesson_name(problem: Problem, lesson_id: int) -> str:
    """ "Subject — sets (teachers)", e.g. "Algebra — 9А (Ivanova A.)"; names are the school's."""
    lesson = problem.lessons.get(lesson_id)
    if lesson is None:
        return str(lesson_id)
    subject = problem.subjects.get(lesson.subject)
    name = subject.name if subject is not None else lesson.subject
    sets = ", ".join(_name(problem.sets, set_id) for set_id in lesson.sets)
    if sets:
        name = f"{name} — {sets}"
    if lesson.teachers:
        teachers = ", ".join(_name(problem.teachers, teacher) for teacher in lesson.teachers)
        name = f"{name} ({teachers})"
    return name


def describe(violation: Violation, problem: Problem, language: str) -> str:
    """One sentence about ``violation`` in ``language`` (kk, ru or en), naming the lessons,
    people, groups and rooms involved with the school's own names."""
    week = problem.week
    lessons = [lesson_name(problem, lesson_id) for lesson_id in violation.lessons]
    params: dict[str, object] = {
        "lesson": lessons[0] if lessons else "",
        "first": lessons[0] if lessons else "",
        "second": lessons[1] if len(lessons) > 1 else "",
        "lessons": "; ".join(lessons),
        "teacher": ", ".join(_name(problem.teachers, key) for key in violation.teachers),
        "group": ", ".join(_name(problem.sets, key) for key in violation.sets),
        "room": ", ".join(_name(problem.rooms, key) for key in violation.rooms[-1:]),
        "count": violation.count,
        "limit": violation.limit if violation.limit is not None else "",
        "least": violation.limit if violation.limit is not None else "",
        "day": "",
        "period": "",
    }
    if violation.slot is not None and violation.slot in week.slots:
        params["day"] = week.days[week.day_of(violation.slot)]
        params["period"] = week.periods[week.period_of(violation.slot)]
    if violation.day is not None:
        params["day"] = week.days[violation.day]
    if violation.other_day is not None:
        params["other_day"] = week.days[violation.other_day]
    rule = violation.rule
    if rule in _PAIR:
        params["count"] = len(lessons)
        message = _PAIR[rule] if len(lessons) == 2 else _MANY[rule]
    elif rule == "min_days":
        message = _MIN_DAYS_HARD if violation.hard else _MIN_DAYS_SOFT
    elif rule == "teacher_gaps":
        message = _TEACHER_GAPS if violation.limit is None else _TEACHER_GAPS_OVER
    else:
        message = _MESSAGES[rule]
        params |= _particulars(violation, problem, language)
    return gettext_for(language, message).format(**params)


def _particulars(violation: Violation, problem: Problem, language: str) -> dict[str, object]:
    """The placeholders only some rules use, from the problem."""
    lesson = problem.lessons.get(violation.lessons[0]) if violation.lessons else None
    params: dict[str, object] = {}
    if lesson is None:
        return params
    week = problem.week
    if violation.rule == "locked_slot" and lesson.locked_slot is not None:
        params["fixed_day"] = week.days[week.day_of(lesson.locked_slot)]
        params["fixed_period"] = week.periods[week.period_of(lesson.locked_slot)]
    elif violation.rule == "locked_room":
        params["fixed_room"] = _name(problem.rooms, violation.rooms[0])
        if len(violation.rooms) < 2:
            params["room"] = gettext_for(language, _NO_ROOM)
    elif violation.rule == "room_kind":
        params["kind"] = lesson.room_kind
    elif violation.rule == "room_capacity":
        params |= {"students": violation.count, "capacity": violation.limit}
    elif violation.rule == "travel":
        params["from_building"] = _name(problem.buildings, violation.buildings[0])
        params["to_building"] = _name(problem.buildings, violation.buildings[1])
    elif violation.rule == "subject_spread":
        params["subject"] = _name(problem.subjects, lesson.subject)
    elif violation.rule == "preferred_rooms":
        params["rooms"] = ", ".join(_name(problem.rooms, key) for key in lesson.preferred_rooms)
    return params


def _name(things: Mapping[str, object], key: str) -> str:
    thing = things.get(key)
    name = getattr(thing, "name", None)
    return name if isinstance(name, str) and name else key
