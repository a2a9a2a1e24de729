"""Publishing a school timetable (issue 11): a ``core.timetabling`` ``ToFix`` with a
``Timetable`` for it becomes the organisation's schedule rules, and through them the lessons
everyone sees in the bot and the panel.

**Matching.** The timetable speaks of names; the organisation of rows. A teacher matches an
active teacher whose full name (last first [middle], in any order) folds to the same words
(``core.names.fold``: case, and ё as е; Kazakh letters stay as they are); a class or subgroup
matches the active group of that name and a room the room of that name (both ignoring case and
spaces), narrowed to the room's building when the timetable gives one. Only what a placed
lesson uses must match. ``publish_preview`` lists every match and every mismatch;
``publish`` refuses while any remains.

**Rules.** Placements that agree on group, teacher, room, subject, first period and length
share one rule whose pattern lists their weekdays (Algebra of 7А on Monday and Thursday in
period 2 → one rule ``[[0, 3]]``); anything that differs gets its own rule. So a series reads
as the timetable does and moving one kind of lesson later touches one rule. A lesson of
several classes (a merged stream) gives one rule per group, the same teacher and room at
the same time in each. A lesson with several teachers is given to the first one (the
preview says so).

**Time.** A week of up to 7 days is a one-week cycle starting on Monday; one of 8 to 14 (an
even number) is an A/B cycle, its first half week A, and week A is the week of ``from_day``.
``bells[i]`` is the local start minute of period ``i``, which lasts ``duration_minutes`` (or
``lengths[i]``); a lesson of ``n`` periods starting in period ``p`` lasts until period
``p + n - 1`` ends, so a double period includes the break between its periods.

**Clashes.** The new rules are checked against each other on the timetable's week, before
anything is written: the same teacher, room or group, or a student enrolled in two of the
groups, twice at one period (a merged stream's rules are one lesson). Every clash is named,
not only the first, and the whole week is checked at once instead of every rule's year of
lessons against every other's.

**Replacing.** In one transaction: the rules of the timetable's groups that run on or after
``from_day`` end the day before (their lessons from then on go, past ones stay, those changed
by hand or used stay as ``schedule.do_end_rule`` keeps them), then the new rules are created
through ``schedule.do_create_rule`` so holidays, the room and teacher checks and the conflict
check against every lesson that stays (other groups' rules, single lessons, other
organisations sharing a teacher or student) apply as to any rule. Every rule that does not
fit is collected with its reason, and all are refused together; nothing is written then. One
audit record covers the publication, and each person concerned is told once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, TimetableRejected, ToFix
from core.i18n import N_
from core.models.academics import Enrolment, Group, GroupStatus
from core.models.lessons import Room, ScheduleRule
from core.models.people import Membership, Person, Role
from core.names import fold, full_name
from core.permissions import Permission, require
from core.services.audit import do_record
from core.services.lessons import (
    format_day,
    local_today,
    lock_organisation,
    organisation_zone,
    person_names,
)
from core.services.outbox import do_enqueue
from core.services.schedule import (
    LESSON_MAX_MINUTES,
    RuleData,
    RuleView,
    do_create_rule,
    do_end_rule,
    group_audiences,
)
from core.timetabling.problem import Lesson as PlannedLesson
from core.timetabling.problem import Problem, Timetable, Week
from core.tx import Tx, transaction

TIMETABLE_PUBLISHED = N_(
    "The new timetable applies from {day}. Open “Schedule” to see your lessons."
)
CLASH = N_("{name} has two lessons at once on {day} at {period}: {first} and {second}.")
ROOM_CLASH = N_(
    "Room {name} holds two lessons at once on {day} at {period}: {first} and {second}."
)
_DAY_MINUTES = 24 * 60
# 52 whole weeks: a year, and every A/B cycle in it complete.
_DEFAULT_SPAN = timedelta(weeks=52, days=-1)
_BELL = re.compile(r"(\d{1,2})[:.](\d{2})")


@dataclass(frozen=True)
class Match:
    """One name of the timetable and the row of ours it stands for."""

    name: str
    target_id: int
    target_name: str


@dataclass(frozen=True)
class PublishPreview:
    """What publishing would do: the matches, what blocks it (``problems``), what it would do
    that the user should know (``notes``), and the rules and lessons per cycle it creates."""

    teachers: tuple[Match, ...]
    groups: tuple[Match, ...]
    rooms: tuple[Match, ...]
    problems: tuple[ToFix, ...]
    notes: tuple[ToFix, ...]
    rules: int
    lessons_per_cycle: int
    cycle_weeks: int
    bells: tuple[int, ...] | None

    @property
    def ready(self) -> bool:
        return not self.problems

    @property
    def bell_times(self) -> tuple[str, ...]:
        return tuple(f"{bell // 60:02d}:{bell % 60:02d}" for bell in self.bells or ())


@dataclass(frozen=True)
class Published:
    rules: tuple[RuleView, ...]
    lessons: int
    ended_rules: int
    removed_lessons: int
    kept_lessons: int
    told: int


@dataclass
class _Matching:
    teachers: dict[str, Match] = field(default_factory=dict)
    groups: dict[str, Match] = field(default_factory=dict)
    rooms: dict[str, Match] = field(default_factory=dict)
    problems: list[ToFix] = field(default_factory=list)
    notes: list[ToFix] = field(default_factory=list)


@dataclass
class _Plan:
    """One rule to create: a group's lessons that share teacher, room, subject and periods."""

    group_id: int
    group_name: str
    teacher_id: int
    room_id: int | None
    subject: str
    period: int
    periods: int
    days: set[tuple[int, int]] = field(default_factory=set)  # (week of the cycle, weekday)
    lessons: set[int] = field(default_factory=set)

    def pattern(self, weeks: int) -> tuple[tuple[int, ...], ...]:
        return tuple(
            tuple(sorted(day for cycle_week, day in self.days if cycle_week == week))
            for week in range(weeks)
        )


# --- periods and days ---------------------------------------------------------------------


def bells_from_periods(week: Week) -> list[int] | None:
    """The local start minute of each period when every period's name carries a time
    ("08:30", "2 (09.25)"), rising through the day; otherwise None (the caller asks)."""
    bells: list[int] = []
    for name in week.periods:
        found = _BELL.search(name)
        if found is None:
            return None
        hours, minutes = int(found[1]), int(found[2])
        if hours > 23 or minutes > 59:
            return None
        bells.append(hours * 60 + minutes)
    if not bells or any(later <= earlier for earlier, later in pairwise(bells)):
        return None
    return bells


def _cycle_weeks(days: int) -> int | None:
    """1 for a week of up to 7 days, 2 for an A/B cycle of up to 14 (an even count)."""
    if 1 <= days <= 7:
        return 1
    if days <= 14 and days % 2 == 0:
        return 2
    return None


def _period_ends(
    periods: int, bells: Sequence[int], duration_minutes: int, lengths: Sequence[int]
) -> list[int]:
    """The local minute each period ends, once the bells and lengths are checked."""
    lengths = list(lengths) or [duration_minutes] * periods
    if not all(1 <= length <= LESSON_MAX_MINUTES for length in lengths):
        raise InvalidInput(
            N_("A lesson lasts from 1 minute to 12 hours."), field="duration_minutes"
        )
    if len(bells) != periods or len(lengths) != periods:
        raise InvalidInput(
            N_("Give a start time for each of the {count} periods."), field="bells", count=periods
        )
    ends = [bell + length for bell, length in zip(bells, lengths, strict=True)]
    rising = all(end <= bell for end, bell in zip(ends, bells[1:], strict=False))
    if not rising or min(bells, default=0) < 0 or max(ends, default=0) > _DAY_MINUTES:
        raise InvalidInput(
            N_("Each period starts after the one before it ends, within one day."),
            field="bells",
        )
    return ends


# --- matching -----------------------------------------------------------------------------


def _words(text: str) -> str:
    """A person's name for matching: folded words in any order."""
    return " ".join(sorted(fold(text).split()))


def _compact(text: str) -> str:
    """A group's or room's name for matching: folded, without spaces."""
    return "".join(fold(text).split())


def _classes(problem: Problem, lesson: PlannedLesson) -> str:
    return ", ".join(problem.sets[s].name if s in problem.sets else s for s in lesson.sets)


def _subject(problem: Problem, lesson: PlannedLesson) -> str:
    subject = problem.subjects.get(lesson.subject)
    return subject.name if subject else lesson.subject


def _teacher_name(problem: Problem, teacher_id: str) -> str:
    teacher = problem.teachers.get(teacher_id)
    return teacher.name if teacher else teacher_id


def _check_lessons(
    problem: Problem, timetable: Timetable, matching: _Matching
) -> list[PlannedLesson]:
    """The placed lessons that can be published; what cannot goes into ``matching``."""
    placed: list[PlannedLesson] = []
    for lesson in problem.lessons.values():
        said: dict[str, object] = {
            "subject": _subject(problem, lesson),
            "classes": _classes(problem, lesson),
        }
        placement = timetable.get(lesson.id)
        if placement is None:
            matching.problems.append(
                ToFix(N_("{subject} for {classes} has no place in the timetable."), said)
            )
        elif not problem.week.fits(placement.slot, lesson.duration):
            matching.problems.append(
                ToFix(N_("{subject} for {classes} is placed outside the week."), said)
            )
        elif not lesson.teachers or not lesson.sets:
            matching.problems.append(
                ToFix(N_("{subject} for {classes} has no teacher or no class."), said)
            )
        else:
            placed.append(lesson)
            if len(lesson.teachers) > 1:
                matching.notes.append(
                    ToFix(
                        N_("{subject} for {classes} is given to {teacher} only, not to {others}."),
                        {
                            **said,
                            "teacher": _teacher_name(problem, lesson.teachers[0]),
                            "others": ", ".join(
                                _teacher_name(problem, t) for t in lesson.teachers[1:]
                            ),
                        },
                    )
                )
    return placed


async def _match_teachers(
    actor: Actor, problem: Problem, needed: set[str], matching: _Matching
) -> None:
    person_ids = await Membership.filter(
        organisation_id=actor.organisation_id, role=Role.TEACHER, archived_at__isnull=True
    ).values_list("person_id", flat=True)
    by_name: dict[str, dict[int, str]] = {}
    for person in await Person.filter(id__in=set(person_ids)):
        name = full_name(person.last_name, person.first_name)
        for written in {name, full_name(person.last_name, person.first_name, person.middle_name)}:
            by_name.setdefault(_words(written), {})[person.id] = name
    for teacher_id in sorted(needed):
        name = _teacher_name(problem, teacher_id)
        found = by_name.get(_words(name), {})
        if len(found) == 1:
            ((person_id, ours),) = found.items()
            matching.teachers[teacher_id] = Match(name, person_id, ours)
        elif found:
            matching.problems.append(
                ToFix(
                    N_("Several teachers are called {name}; rename one of them."), {"name": name}
                )
            )
        else:
            matching.problems.append(
                ToFix(N_("{name} is not an active teacher of the organisation."), {"name": name})
            )


async def _match_groups(
    actor: Actor, problem: Problem, needed: set[str], matching: _Matching
) -> None:
    groups = {
        _compact(name): (group_id, name)
        for group_id, name in await Group.filter(
            organisation_id=actor.organisation_id, status=GroupStatus.ACTIVE
        ).values_list("id", "name")
    }
    for set_id in sorted(needed):
        student_set = problem.sets.get(set_id)
        name = student_set.name if student_set else set_id
        found = groups.get(_compact(name))
        if found is not None:
            matching.groups[set_id] = Match(name, found[0], found[1])
        elif student_set and (parent := problem.sets.get(student_set.parent or "")):
            matching.problems.append(
                ToFix(
                    N_("{name}, a part of {parent}, has no group of its own: add group {name}."),
                    {"name": name, "parent": parent.name},
                )
            )
        else:
            matching.problems.append(
                ToFix(N_("There is no active group named {name}."), {"name": name})
            )


async def _match_rooms(
    actor: Actor, problem: Problem, needed: set[str], matching: _Matching
) -> None:
    rooms: dict[str, list[tuple[int, str, str]]] = {}
    for row in await Room.filter(
        organisation_id=actor.organisation_id, archived_at__isnull=True
    ).values("id", "name", "building__name"):
        rooms.setdefault(_compact(row["name"]), []).append(
            (row["id"], row["name"], str(row["building__name"] or ""))
        )
    for room_id in sorted(needed):
        room = problem.rooms.get(room_id)
        name = room.name if room else room_id
        building = problem.buildings.get(room.building or "") if room else None
        found = rooms.get(_compact(name), [])
        if building is not None:
            found = [row for row in found if _compact(row[2]) == _compact(building.name)]
        if len(found) == 1:
            ((ours_id, ours, ours_building),) = found
            label = f"{ours_building}, {ours}" if ours_building else ours
            matching.rooms[room_id] = Match(name, ours_id, label)
        elif found:
            matching.problems.append(
                ToFix(
                    N_("Several rooms are called {name}; give the room's building."),
                    {"name": name},
                )
            )
        elif building is not None:
            matching.problems.append(
                ToFix(
                    N_("There is no room {name} in building {building}."),
                    {"name": name, "building": building.name},
                )
            )
        else:
            matching.problems.append(ToFix(N_("There is no room named {name}."), {"name": name}))


async def _match(
    actor: Actor, problem: Problem, timetable: Timetable
) -> tuple[_Matching, list[PlannedLesson]]:
    matching = _Matching()
    if _cycle_weeks(len(problem.week.days)) is None:
        matching.problems.append(
            ToFix(N_("A timetable covers one week of up to 7 days or two weeks of up to 14 days."))
        )
        return matching, []
    placed = _check_lessons(problem, timetable, matching)
    await _match_teachers(actor, problem, {lesson.teachers[0] for lesson in placed}, matching)
    await _match_groups(actor, problem, {s for lesson in placed for s in lesson.sets}, matching)
    rooms = {timetable[lesson.id].room for lesson in placed}
    await _match_rooms(actor, problem, {room for room in rooms if room is not None}, matching)
    return matching, placed


def _plans(
    problem: Problem,
    timetable: Timetable,
    placed: Sequence[PlannedLesson],
    matching: _Matching,
) -> list[_Plan]:
    """The rules the placed lessons make, in a stable order (by group, period, subject)."""
    week = problem.week
    days_per_week = len(week.days) // (_cycle_weeks(len(week.days)) or 1)
    plans: dict[tuple[object, ...], _Plan] = {}
    for lesson in placed:
        placement = timetable[lesson.id]
        teacher = matching.teachers[lesson.teachers[0]]
        room = matching.rooms[placement.room] if placement.room is not None else None
        day, period = week.day_of(placement.slot), week.period_of(placement.slot)
        for set_id in lesson.sets:
            group = matching.groups[set_id]
            subject = _subject(problem, lesson)
            key = (group.target_id, teacher.target_id, room and room.target_id, subject)
            plan = plans.setdefault(
                (*key, period, lesson.duration),
                _Plan(
                    group_id=group.target_id,
                    group_name=group.target_name,
                    teacher_id=teacher.target_id,
                    room_id=room.target_id if room else None,
                    subject=subject,
                    period=period,
                    periods=lesson.duration,
                ),
            )
            plan.days.add(divmod(day, days_per_week))
            plan.lessons.add(lesson.id)
    return sorted(
        plans.values(),
        key=lambda p: (p.group_name, p.period, p.subject, sorted(p.days), p.teacher_id),
    )


async def _shared_students(plans: Sequence[_Plan]) -> dict[int, list[int]]:
    """For each group of the plans, its active students who are also in another of them."""
    groups_of: dict[int, set[int]] = {}
    for group_id, student_id in await Enrolment.filter(
        group_id__in={plan.group_id for plan in plans}, active_key__isnull=False
    ).values_list("group_id", "student_id"):
        groups_of.setdefault(student_id, set()).add(group_id)
    shared: dict[int, list[int]] = {}
    for student_id, group_ids in groups_of.items():
        if len(group_ids) > 1:
            for group_id in group_ids:
                shared.setdefault(group_id, []).append(student_id)
    return shared


def _label(plan: _Plan) -> str:
    return f"{plan.subject} ({plan.group_name})"


async def _clashes(problem: Problem, plans: Sequence[_Plan], matching: _Matching) -> list[ToFix]:
    """Every pair of the new rules that would meet in the week: the same teacher, room or
    group, or a student enrolled in both groups. Periods stand for times (the bells give each
    period its own time), so this needs no dates; rules from one lesson of several classes
    at the same periods are that lesson taught together, not a clash."""
    shared = await _shared_students(plans)
    names: dict[tuple[str, int], str] = {
        **{("teacher", m.target_id): m.target_name for m in matching.teachers.values()},
        **{("group", m.target_id): m.target_name for m in matching.groups.values()},
        **{("room", m.target_id): m.target_name for m in matching.rooms.values()},
    }
    students = await person_names({s for ids in shared.values() for s in ids})
    names.update({("student", person_id): name for person_id, name in students.items()})
    busy: dict[tuple[str, int], list[tuple[int, int, int, _Plan]]] = {}
    for plan in plans:
        holders = [
            ("teacher", plan.teacher_id),
            ("group", plan.group_id),
            *(("student", student_id) for student_id in shared.get(plan.group_id, [])),
        ]
        if plan.room_id is not None:
            holders.append(("room", plan.room_id))
        for week, weekday in plan.days:
            for holder in holders:
                busy.setdefault(holder, []).append((week, weekday, plan.period, plan))
    days_per_week = len(problem.week.days) // (_cycle_weeks(len(problem.week.days)) or 1)
    found: list[ToFix] = []
    for holder, times in busy.items():
        times.sort(key=lambda time: time[:3])
        for index, (week, weekday, period, plan) in enumerate(times):
            for other_week, other_weekday, other_period, other in times[index + 1 :]:
                if (other_week, other_weekday) != (week, weekday):
                    break
                if other_period >= period + plan.periods:
                    break
                if (plan.lessons & other.lessons and period == other_period) or (
                    holder[0] == "student" and plan.group_id == other.group_id
                ):
                    continue
                found.append(
                    ToFix(
                        ROOM_CLASH if holder[0] == "room" else CLASH,
                        {
                            "name": names.get(holder, ""),
                            "day": problem.week.days[week * days_per_week + weekday],
                            "period": problem.week.periods[other_period],
                            "first": _label(plan),
                            "second": _label(other),
                        },
                    )
                )
    return found


# --- writing ------------------------------------------------------------------------------


async def _spans(group_ids: set[int], first: date, last: date) -> dict[int, tuple[date, date]]:
    """Each group's first and last day of the new rules: the publication's, within the
    group's own dates."""
    spans: dict[int, tuple[date, date]] = {}
    for group_id, starts_on, ends_on in await Group.filter(id__in=group_ids).values_list(
        "id", "starts_on", "ends_on"
    ):
        spans[group_id] = (max(first, starts_on or first), min(last, ends_on or last))
    return spans


def _refusal(plan: _Plan, start: int, error: InvalidInput | Conflict | NotFound) -> ToFix:
    return ToFix(
        N_("{subject} for {group} at {time}: {reason}"),
        {
            "subject": plan.subject,
            "group": plan.group_name,
            "time": f"{start // 60:02d}:{start % 60:02d}",
            "reason": ToFix(error.message, dict(error.params)),
        },
    )


async def _tell(
    tx: Tx, actor: Actor, group_ids: set[int], teachers: set[int], from_day: date
) -> int:
    """Tell each student, parent and teacher concerned once (not the actor); returns how
    many people were told."""
    audiences = await group_audiences(group_ids)
    people = dict.fromkeys([*(p for ids in audiences.values() for p in ids), *sorted(teachers)])
    people.pop(actor.person_id or 0, None)
    moment = int(tx.now.timestamp() * 1_000_000)
    for person_id in people:
        _ = await do_enqueue(
            tx,
            person_id=person_id,
            message=TIMETABLE_PUBLISHED,
            params={"day": format_day(from_day)},
            organisation_id=actor.organisation_id,
            dedupe_key=f"timetable:publish:{actor.organisation_id}:{moment}:{person_id}",
        )
    return len(people)


# --- use cases ----------------------------------------------------------------------------


async def publish_preview(
    actor: Actor, *, problem: Problem, timetable: Timetable
) -> PublishPreview:
    """What publishing ``timetable`` would do: every teacher, class and room matched or not,
    the lessons it cannot publish, the rules and weekly lessons it would create, and the bell
    times read from the period names (None: the caller must give them).

    Raises:
        PermissionDenied: the actor may not manage the schedule.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    matching, placed = await _match(actor, problem, timetable)
    plans = [] if matching.problems else _plans(problem, timetable, placed, matching)
    matching.problems.extend(await _clashes(problem, plans, matching))
    bells = bells_from_periods(problem.week)
    return PublishPreview(
        teachers=tuple(matching.teachers.values()),
        groups=tuple(matching.groups.values()),
        rooms=tuple(matching.rooms.values()),
        problems=tuple(matching.problems),
        notes=tuple(matching.notes),
        rules=len(plans),
        lessons_per_cycle=sum(len(plan.days) for plan in plans),
        cycle_weeks=_cycle_weeks(len(problem.week.days)) or 1,
        bells=tuple(bells) if bells is not None else None,
    )


async def publish(
    deps: Deps,
    actor: Actor,
    *,
    problem: Problem,
    timetable: Timetable,
    from_day: date,
    bells: Sequence[int],
    duration_minutes: int,
    lengths: Sequence[int] = (),
    until: date | None = None,
) -> Published:
    """Make ``timetable`` the schedule of its groups from the local day ``from_day`` to
    ``until`` (default: 52 weeks on; never past a group's end): their rules running
    then end the day before, one rule is created per group, teacher, room, subject and
    periods, and everyone concerned (the groups' students and parents, the teachers of the
    old and the new rules) is told once. A lesson lasts ``duration_minutes``, or period ``i``
    lasts ``lengths[i]`` when given (a workbook's ``Bell.minutes``).

    Raises:
        PermissionDenied: the actor may not manage the schedule.
        InvalidInput: bad bells or duration, or ``from_day`` has passed.
        TimetableRejected: unplaced lessons, unmatched teachers, classes or rooms, or rules
            that do not fit (each clash named); nothing is written.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    ends = _period_ends(len(problem.week.periods), bells, duration_minutes, lengths)
    zone = await organisation_zone(actor.organisation_id)
    if from_day < local_today(deps.clock.now(), zone):
        raise InvalidInput(
            N_("A timetable can be published from today or a later day."), field="from_day"
        )
    last_day = until or from_day + _DEFAULT_SPAN
    if last_day < from_day:
        raise InvalidInput(N_("The timetable cannot end before it starts."), field="until")
    matching, placed = await _match(actor, problem, timetable)
    if matching.problems:
        raise TimetableRejected(matching.problems)
    plans = _plans(problem, timetable, placed, matching)
    if not plans:
        raise InvalidInput(N_("The timetable has no lessons to publish."))
    clashes = await _clashes(problem, plans, matching)
    if clashes:
        raise TimetableRejected(clashes)
    weeks = _cycle_weeks(len(problem.week.days)) or 1
    async with transaction(deps) as tx:
        await lock_organisation(actor.organisation_id)
        group_ids = {plan.group_id for plan in plans}
        old_rules = await ScheduleRule.filter(
            organisation_id=actor.organisation_id, group_id__in=group_ids, ends_on__gte=from_day
        ).select_for_update()
        removed, kept = 0, dict.fromkeys(group_ids, frozenset[int]())
        for rule in old_rules:
            gone, stays = await do_end_rule(tx, actor, rule, from_day, zone, audited=False)
            removed += gone
            kept[rule.group_id] |= frozenset(stays)  # type: ignore[attr-defined]
        spans = await _spans(group_ids, from_day, last_day)
        created: list[tuple[_Plan, RuleView, int]] = []
        refused: list[ToFix] = []
        for plan in plans:
            start = bells[plan.period]
            data = RuleData(
                group_id=plan.group_id,
                teacher_id=plan.teacher_id,
                room_id=plan.room_id,
                pattern=plan.pattern(weeks),
                start_minute=start,
                duration_minutes=ends[plan.period + plan.periods - 1] - start,
                starts_on=spans[plan.group_id][0],
                ends_on=spans[plan.group_id][1],
            )
            try:
                made = await do_create_rule(
                    tx,
                    actor,
                    data=data,
                    notify=False,
                    audited=False,
                    skip_over=kept[plan.group_id],
                    together=frozenset(view.id for _, view, _ in created),
                )
            except (Conflict, InvalidInput, NotFound) as error:
                refused.append(_refusal(plan, start, error))
                continue
            created.append((plan, made.rule, made.lessons))
        if refused:
            raise TimetableRejected(refused)
        teachers = {rule.teacher_id for rule in old_rules} | {p.teacher_id for p in plans}  # type: ignore[attr-defined]
        told = await _tell(tx, actor, group_ids, teachers, from_day)
        lessons = sum(count for _, _, count in created)
        await do_record(
            tx,
            actor,
            action="timetable.publish",
            object_type="organisation",
            object_id=actor.organisation_id,
            after={
                "timetable": problem.name,
                "from_day": from_day.isoformat(),
                "until": last_day.isoformat(),
                "ended_rules": [rule.id for rule in old_rules],
                "removed_lessons": removed,
                "rules": [view.id for _, view, _ in created],
                "lessons": lessons,
            },
        )
    return Published(
        rules=tuple(view for _, view, _ in created),
        lessons=lessons,
        ended_rules=len(old_rules),
        removed_lessons=removed,
        kept_lessons=sum(len(ids) for ids in kept.values()),
        told=told,
    )
