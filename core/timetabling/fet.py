"""Read a school from a FET ``.fet`` file (FET 5 and FET 6 XML) into a ``Problem``.

FET names everything (days, hours, teachers, student sets, rooms) and numbers activities; the
names become the ids here and activity ids the lesson ids. What is mapped:

* days, hours, subjects, teachers, buildings, rooms (capacity, building);
* students: years → groups → subgroups with their sizes. FET lists a subgroup under every
  group it belongs to (a class split by two categories); it becomes one ``StudentSet`` whose
  ``parent`` is the first group and ``also_in`` the others, so ``Problem.leaves`` of each
  group still finds it;
* active activities (inactive ones are skipped) → lessons, ``Activity_Group_Id`` → series;
* time rules: not available times (teachers, student sets), break times (nobody), min days
  between activities, same starting time and day, not overlapping, two consecutive, preferred
  starting time(s) and time slots of one activity or of the activities a filter selects,
  teachers' max and min hours daily (min: with empty days allowed), max days per week, max
  gaps per week and per day, students' (all or one set) max hours daily, max gaps per week
  and early max beginnings at second hour;
* space rules: preferred room(s) of an activity, of a subject, of an activity tag, of both,
  and teachers' home rooms (soft: preferred rooms).

A rule at 100 % is hard; below it, what the model can hold softly is kept softly and the rest
is listed in ``Problem.ignored`` with every rule type the importer does not know, each with its
count ("ConstraintTeacherMinHoursDaily ×43"). Inactive rules are skipped silently. As FET does,
an activity that no room rule mentions needs no room.

``export_fet`` writes a problem and a timetable back as a ``.fet`` file with the placements
locked, which FET and ``read_fet`` open as they were made.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from core.errors import InvalidInput
from core.i18n import N_, gettext_for
from core.timetabling.problem import (
    Building,
    Consecutive,
    Lesson,
    MinDaysApart,
    NotOverlapping,
    Problem,
    Room,
    SameDay,
    SameStart,
    Slot,
    StudentSet,
    Subject,
    Teacher,
    Timetable,
    Week,
)

MAX_BYTES = 10 * 1024 * 1024
HARD = 100.0
_SOFT = 95.0  # the weight ``export_fet`` gives a soft rule

#: Rule types taken as they are: FET's own basics, which the model always enforces.
_ALWAYS = {"ConstraintBasicCompulsoryTime", "ConstraintBasicCompulsorySpace"}
_TEACHER_GAPS_A_DAY = {"ConstraintTeacherMaxGapsPerDay", "ConstraintTeachersMaxGapsPerDay"}
_TEACHER_FEWEST = {"ConstraintTeacherMinHoursDaily", "ConstraintTeachersMinHoursDaily"}
_SET_MOST = {"ConstraintStudentsSetMaxHoursDaily", "ConstraintStudentsMaxHoursDaily"}
_SET_GAPS = {"ConstraintStudentsSetMaxGapsPerWeek", "ConstraintStudentsMaxGapsPerWeek"}
_SET_EARLY = {
    "ConstraintStudentsSetEarlyMaxBeginningsAtSecondHour",
    "ConstraintStudentsEarlyMaxBeginningsAtSecondHour",
}
#: Rule types read only at 100 %: the model has no soft form of them.
_HARD_ONLY = {
    "ConstraintTeacherNotAvailableTimes",
    "ConstraintStudentsSetNotAvailableTimes",
    "ConstraintBreakTimes",
    "ConstraintActivitiesSameStartingTime",
    "ConstraintActivitiesSameStartingDay",
    "ConstraintActivitiesNotOverlapping",
    "ConstraintTwoActivitiesConsecutive",
    "ConstraintActivityPreferredStartingTime",
    "ConstraintActivityPreferredStartingTimes",
    "ConstraintActivityPreferredTimeSlots",
    "ConstraintActivitiesPreferredStartingTimes",
    "ConstraintActivitiesPreferredTimeSlots",
    "ConstraintTeacherMaxHoursDaily",
    "ConstraintTeachersMaxHoursDaily",
    "ConstraintTeacherMaxDaysPerWeek",
    "ConstraintTeachersMaxDaysPerWeek",
    *_TEACHER_GAPS_A_DAY,
    *_TEACHER_FEWEST,
    *_SET_MOST,
    *_SET_GAPS,
    *_SET_EARLY,
}

_STARTING = ("Preferred_Starting_Day", "Preferred_Starting_Hour")


def _not_fet() -> InvalidInput:
    return InvalidInput(
        N_("This is not a FET timetable file (.fet). Save the school in FET and upload it again."),
        field="file",
    )


def _text(element: ET.Element, tag: str, default: str = "") -> str:
    return (element.findtext(tag) or default).strip()


def _texts(element: ET.Element, tag: str) -> list[str]:
    return [(child.text or "").strip() for child in element.findall(tag)]


def _int(element: ET.Element, tag: str, default: int = 0) -> int:
    raw = _text(element, tag)
    try:
        return int(raw) if raw else default
    except ValueError:
        raise _not_fet() from None


def _not_negative(
    element: ET.Element, tag: str, message: str, default: int = 0, **named: object
) -> int:
    """``_int``, refused with ``message`` (given ``value`` and ``named``) when below zero."""
    value = _int(element, tag, default)
    if value < 0:
        raise InvalidInput(message, field="file", value=value, **named)
    return value


def _count(element: ET.Element, tag: str, default: int = 0) -> int:
    """A rule's count (of hours, gaps, days): never below zero, which FET itself refuses."""
    message = N_("Rule {rule} has a negative number ({value}); a count is 0 or more.")
    return _not_negative(element, tag, message, default, rule=element.tag)


def _size(element: ET.Element, tag: str, message: str) -> int:
    """A room's capacity or a set's number of students: 0 when unknown, never below (a
    negative capacity would refuse every class, and the solver would blame the room)."""
    return _not_negative(element, tag, message, name=_text(element, "Name"))


def _weight(element: ET.Element) -> float:
    raw = _text(element, "Weight_Percentage", "100")
    try:
        return float(raw)
    except ValueError:
        raise _not_fet() from None


def _names(listing: ET.Element | None, tag: str) -> list[str]:
    """The names of a FET list: ``<Day><Name>Monday</Name></Day>`` (or ``<Day>Monday</Day>``
    in very old files)."""
    if listing is None:
        return []
    names = []
    for item in listing.findall(tag):
        name = item.findtext("Name")
        names.append((name if name is not None else item.text or "").strip())
    return names


def _parse(data: bytes) -> ET.Element:
    if len(data) > MAX_BYTES:
        raise InvalidInput(
            N_("This file is larger than {limit} MB. A FET file of a school is much smaller."),
            field="file",
            limit=MAX_BYTES // (1024 * 1024),
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _not_fet() from None
    upper = text.upper()
    # No DTD, no entity: expat would expand internal entities (a "billion laughs" bomb).
    if "<!DOCTYPE" in upper or "<!ENTITY" in upper:
        raise _not_fet()
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        raise _not_fet() from None
    if root.tag != "fet":
        raise _not_fet()
    return root


@dataclass
class _Draft:
    """A lesson while the rules are read: the mutable half of a ``Lesson``."""

    lesson: Lesson
    tags: tuple[str, ...]
    rooms: set[str] | None = None  # None: any room
    preferred_rooms: list[str] = field(default_factory=list)
    allowed: set[Slot] | None = None
    locked_slot: Slot | None = None
    locked_room: str | None = None
    room_rule: bool = False

    def allow(self, slots: Iterable[Slot]) -> None:
        self.allowed = set(slots) if self.allowed is None else self.allowed & set(slots)

    def keep_rooms(self, rooms: Iterable[str]) -> None:
        self.room_rule = True
        self.rooms = set(rooms) if self.rooms is None else self.rooms & set(rooms)

    def prefer_rooms(self, rooms: Iterable[str]) -> None:
        self.room_rule = True
        self.preferred_rooms.extend(room for room in rooms if room not in self.preferred_rooms)


class _Reader:
    def __init__(self, root: ET.Element, name: str) -> None:
        self.root = root
        self.name = name
        days = _names(root.find("Days_List"), "Day")
        periods = _names(root.find("Hours_List"), "Hour")
        if not days or not periods:
            raise InvalidInput(
                N_("The file has no days or no hours. Set up the week in FET first."),
                field="file",
            )
        self.week = Week(tuple(days), tuple(periods))
        self.day_index = {day: index for index, day in reversed(list(enumerate(days)))}
        self.period_index = {hour: index for index, hour in reversed(list(enumerate(periods)))}
        self.ignored: Counter[str] = Counter()
        self.teachers = {
            name: Teacher(name, name) for name in _names(root.find("Teachers_List"), "Teacher")
        }
        self.subjects = {
            name: Subject(name, name) for name in _names(root.find("Subjects_List"), "Subject")
        }
        self.sets = self._student_sets()
        self.buildings = {
            name: Building(name, name) for name in _names(root.find("Buildings_List"), "Building")
        }
        self.rooms = self._rooms()
        self.drafts = self._activities()
        self.unavailable_teachers: dict[str, set[Slot]] = {}
        self.unavailable_sets: dict[str, set[Slot]] = {}
        self.breaks: set[Slot] = set()
        self.max_per_day: dict[str, int] = {}
        self.max_days: dict[str, int] = {}
        self.max_gaps: dict[str, int] = {}
        self.max_gaps_per_day: dict[str, int] = {}
        self.min_per_day: dict[str, int] = {}
        self.set_max_per_day: dict[str, int] = {}
        self.set_max_gaps: dict[str, int] = {}
        self.late_starts: dict[str, int] = {}
        self.min_days: list[MinDaysApart] = []
        self.same_start: list[SameStart] = []
        self.same_day: list[SameDay] = []
        self.not_overlapping: list[NotOverlapping] = []
        self.consecutive: list[Consecutive] = []
        self.compulsory_space = False

    # -- the school ------------------------------------------------------------------------

    def _student_sets(self) -> dict[str, StudentSet]:
        sets: dict[str, StudentSet] = {}

        def add(element: ET.Element, parent: str | None) -> str:
            name = _text(element, "Name")
            known = sets.get(name)
            if known is None:
                size = _size(
                    element,
                    "Number_of_Students",
                    N_("{name} has a negative number of students ({value}); it is 0 or more."),
                )
                sets[name] = StudentSet(name, name, parent=parent, size=size)
            elif parent is not None and parent != known.parent and parent not in known.also_in:
                sets[name] = replace(known, also_in=(*known.also_in, parent))
            return name

        listing = self.root.find("Students_List")
        for year in listing.findall("Year") if listing is not None else ():
            year_name = add(year, None)
            for group in year.findall("Group"):
                group_name = add(group, year_name)
                for subgroup in group.findall("Subgroup"):
                    add(subgroup, group_name)
        return sets

    def _rooms(self) -> dict[str, Room]:
        rooms: dict[str, Room] = {}
        listing = self.root.find("Rooms_List")
        for element in listing.findall("Room") if listing is not None else ():
            name = _text(element, "Name")
            building = _text(element, "Building") or None
            if building is not None and building not in self.buildings:
                self.buildings[building] = Building(building, building)
            if _text(element, "Virtual") == "true":
                self.ignored["Virtual rooms"] += 1
            capacity = _size(
                element,
                "Capacity",
                N_("Room {name} has a negative capacity ({value}); it is 0 or more."),
            )
            rooms[name] = Room(name, name, capacity=capacity, building=building)
        return rooms

    def _activities(self) -> dict[int, _Draft]:
        drafts: dict[int, _Draft] = {}
        listing = self.root.find("Activities_List")
        for element in listing.findall("Activity") if listing is not None else ():
            if _text(element, "Active", "true") == "false":
                continue
            lesson_id = _int(element, "Id")
            teachers = tuple(_texts(element, "Teacher"))
            sets = tuple(_texts(element, "Students"))
            subject = _text(element, "Subject")
            for teacher in teachers:
                if teacher not in self.teachers:
                    raise InvalidInput(
                        N_("Activity {activity} names a teacher the file does not list: {name}."),
                        field="file",
                        activity=lesson_id,
                        name=teacher,
                    )
            for set_name in sets:
                if set_name not in self.sets:
                    raise InvalidInput(
                        N_(
                            "Activity {activity} names a student set the file does not list: "
                            "{name}."
                        ),
                        field="file",
                        activity=lesson_id,
                        name=set_name,
                    )
            if subject not in self.subjects:
                raise InvalidInput(
                    N_("Activity {activity} names a subject the file does not list: {name}."),
                    field="file",
                    activity=lesson_id,
                    name=subject,
                )
            duration = _int(element, "Duration", 1)
            if duration < 1 or duration > len(self.week.periods):
                raise InvalidInput(
                    N_("Activity {activity} is longer than a day or has no duration."),
                    field="file",
                    activity=lesson_id,
                )
            series = _int(element, "Activity_Group_Id")
            lesson = Lesson(
                id=lesson_id,
                subject=subject,
                teachers=teachers,
                sets=sets,
                duration=duration,
                students=_int(element, "Number_Of_Students"),
                series=series or None,
            )
            drafts[lesson_id] = _Draft(lesson, tags=tuple(_texts(element, "Activity_Tag")))
        return drafts

    # -- the rules -------------------------------------------------------------------------

    def _slot(self, day: str, hour: str) -> Slot:
        if day not in self.day_index or hour not in self.period_index:
            raise InvalidInput(
                N_("A rule of the file names a day or an hour the file does not list: {name}."),
                field="file",
                name=f"{day} {hour}".strip(),
            )
        return self.week.slot(self.day_index[day], self.period_index[hour])

    def _slots(self, element: ET.Element, item: str, day: str, hour: str) -> set[Slot]:
        return {
            self._slot(_text(child, day), _text(child, hour)) for child in element.findall(item)
        }

    def _room(self, name: str) -> str:
        if name not in self.rooms:
            raise InvalidInput(
                N_("A rule of the file names a room the file does not list: {name}."),
                field="file",
                name=name,
            )
        return name

    def _lessons(self, element: ET.Element) -> tuple[int, ...]:
        """The active lessons a rule names (a rule may name inactive activities)."""
        ids = []
        for raw in _texts(element, "Activity_Id"):
            try:
                lesson_id = int(raw)
            except ValueError:
                raise _not_fet() from None
            if lesson_id in self.drafts:
                ids.append(lesson_id)
        return tuple(ids)

    def _starts_within(self, draft: _Draft, slots: set[Slot]) -> set[Slot]:
        """The starts of ``draft`` at which all of its periods are in ``slots``."""
        duration = draft.lesson.duration
        return {
            start
            for start in slots
            if self.week.fits(start, duration)
            and all(start + offset in slots for offset in range(duration))
        }

    def _filtered(self, element: ET.Element) -> Iterator[_Draft]:
        """The activities a FET filter selects: every non-empty field must match."""
        teacher = _text(element, "Teacher_Name")
        students = _text(element, "Students_Name")
        subject = _text(element, "Subject_Name")
        tag = _text(element, "Activity_Tag_Name")
        duration = _int(element, "Duration")
        for draft in self.drafts.values():
            lesson = draft.lesson
            if (
                (not teacher or teacher in lesson.teachers)
                and (not students or students in lesson.sets)
                and (not subject or subject == lesson.subject)
                and (not tag or tag in draft.tags)
                and (duration < 1 or duration == lesson.duration)
            ):
                yield draft

    def read_rules(self) -> None:
        for listing_tag in ("Time_Constraints_List", "Space_Constraints_List"):
            listing = self.root.find(listing_tag)
            for element in listing if listing is not None else ():
                if _text(element, "Active", "true") == "false":
                    continue
                hard = _weight(element) >= HARD
                if not self._rule(element.tag, element, hard):
                    soft = not hard and element.tag in _HARD_ONLY
                    self.ignored[f"{element.tag} (<100 %)" if soft else element.tag] += 1

    def _rule(self, tag: str, element: ET.Element, hard: bool) -> bool:
        """Apply one rule; False when the model cannot hold it (the caller lists it)."""
        if tag in _ALWAYS:
            self.compulsory_space |= tag == "ConstraintBasicCompulsorySpace"
            return True
        if tag.endswith("NotAvailableTimes") or tag == "ConstraintBreakTimes":
            return hard and self._not_available(tag, element)
        if tag == "ConstraintMinDaysBetweenActivities":
            lessons = self._lessons(element)
            if len(lessons) > 1:
                self.min_days.append(
                    MinDaysApart(
                        lessons,
                        days=_count(element, "MinDays", 1),
                        hard=hard,
                        consecutive_if_same_day=_text(element, "Consecutive_If_Same_Day")
                        == "true",
                    )
                )
            return True
        if tag in {
            "ConstraintActivitiesSameStartingTime",
            "ConstraintActivitiesSameStartingDay",
            "ConstraintActivitiesNotOverlapping",
            "ConstraintTwoActivitiesConsecutive",
        }:
            return hard and self._relation(tag, element)
        if "Preferred" in tag and ("Time" in tag or "Starting" in tag):
            return self._preferred_times(tag, element, hard)
        if tag in {"ConstraintTeacherMaxHoursDaily", "ConstraintTeachersMaxHoursDaily"}:
            return hard and self._teacher_limit(element, "Maximum_Hours_Daily", self.max_per_day)
        if tag in {"ConstraintTeacherMaxDaysPerWeek", "ConstraintTeachersMaxDaysPerWeek"}:
            return hard and self._teacher_limit(element, "Max_Days_Per_Week", self.max_days)
        if tag in {"ConstraintTeacherMaxGapsPerWeek", "ConstraintTeachersMaxGapsPerWeek"}:
            return self._teacher_limit(element, "Max_Gaps", self.max_gaps)
        if tag in _TEACHER_GAPS_A_DAY:
            return hard and self._teacher_limit(element, "Max_Gaps", self.max_gaps_per_day)
        if tag in _TEACHER_FEWEST:
            # the model has no form of "every day, even those without lessons"
            empty_days = _text(element, "Allow_Empty_Days") != "false"
            return (
                hard
                and empty_days
                and self._teacher_limit(
                    element, "Minimum_Hours_Daily", self.min_per_day, most=False
                )
            )
        if tag in _SET_MOST:
            return hard and self._set_limit(element, "Maximum_Hours_Daily", self.set_max_per_day)
        if tag in _SET_GAPS:
            return hard and self._set_limit(element, "Max_Gaps", self.set_max_gaps)
        if tag in _SET_EARLY:
            return hard and self._set_limit(
                element, "Max_Beginnings_At_Second_Hour", self.late_starts
            )
        return self._rooms_rule(tag, element, hard)

    def _not_available(self, tag: str, element: ET.Element) -> bool:
        if tag == "ConstraintBreakTimes":
            self.breaks |= self._slots(element, "Break_Time", "Day", "Hour")
            return True
        slots = self._slots(element, "Not_Available_Time", "Day", "Hour")
        if tag == "ConstraintTeacherNotAvailableTimes":
            teacher = _text(element, "Teacher") or _text(element, "Teacher_Name")
            if teacher in self.teachers:
                self.unavailable_teachers.setdefault(teacher, set()).update(slots)
            return True
        if tag == "ConstraintStudentsSetNotAvailableTimes":
            students = _text(element, "Students")
            if students in self.sets:
                self.unavailable_sets.setdefault(students, set()).update(slots)
            return True
        return False

    def _relation(self, tag: str, element: ET.Element) -> bool:
        if tag == "ConstraintTwoActivitiesConsecutive":
            first = _int(element, "First_Activity_Id")
            second = _int(element, "Second_Activity_Id")
            if first in self.drafts and second in self.drafts:
                self.consecutive.append(Consecutive(first, second))
            return True
        lessons = self._lessons(element)
        if len(lessons) > 1:
            if tag == "ConstraintActivitiesSameStartingTime":
                self.same_start.append(SameStart(lessons))
            elif tag == "ConstraintActivitiesSameStartingDay":
                self.same_day.append(SameDay(lessons))
            else:
                self.not_overlapping.append(NotOverlapping(lessons))
        return True

    def _preferred_times(self, tag: str, element: ET.Element, hard: bool) -> bool:
        if not hard:
            return False
        if tag == "ConstraintActivityPreferredStartingTime":
            draft = self.drafts.get(_int(element, "Activity_Id"))
            day, hour = _text(element, "Preferred_Day"), _text(element, "Preferred_Hour")
            if draft is not None and day and hour:
                draft.locked_slot = self._slot(day, hour)
            elif draft is not None:  # only a day or only an hour is preferred
                self._slot(day or self.week.days[0], hour or self.week.periods[0])  # known?
                draft.allow(
                    slot
                    for slot in self.week.slots
                    if (not day or self.week.day_of(slot) == self.day_index.get(day))
                    and (not hour or self.week.period_of(slot) == self.period_index.get(hour))
                )
            return True
        starting = "Starting" in tag
        slots = (
            self._slots(element, "Preferred_Starting_Time", *_STARTING)
            if starting
            else self._slots(element, "Preferred_Time_Slot", "Preferred_Day", "Preferred_Hour")
        )
        if tag.startswith("ConstraintActivityPreferred"):
            draft = self.drafts.get(_int(element, "Activity_Id"))
            drafts = [draft] if draft is not None else []
        elif tag.startswith("ConstraintActivitiesPreferred"):
            drafts = list(self._filtered(element))
        else:  # subactivities, teacher/students preferred times: not modelled
            return False
        for draft in drafts:
            draft.allow(slots if starting else self._starts_within(draft, slots))
        return True

    def _teacher_limit(
        self, element: ET.Element, value_tag: str, limits: dict[str, int], *, most: bool = True
    ) -> bool:
        """A limit of one teacher or, without a name, of all; the tightest one holds (the
        smallest of upper limits, the largest of lower ones)."""
        value = _count(element, value_tag)
        teacher = _text(element, "Teacher_Name") or _text(element, "Teacher")
        tightest = min if most else max
        for name in [teacher] if teacher else self.teachers:
            if name in self.teachers:
                limits[name] = tightest(limits.get(name, value), value)
        return True

    def _set_limit(self, element: ET.Element, value_tag: str, limits: dict[str, int]) -> bool:
        """A limit of one student set (``Students``) or, without one, of every year (which
        ``Problem.set_limit`` passes down to each set in it)."""
        value = _count(element, value_tag)
        students = _text(element, "Students")
        years = [name for name, s in self.sets.items() if s.parent is None and not s.also_in]
        for name in [students] if students else years:
            if name in self.sets:
                limits[name] = min(limits.get(name, value), value)
        return True

    def _rooms_rule(self, tag: str, element: ET.Element, hard: bool) -> bool:
        rooms = [self._room(name) for name in _texts(element, "Preferred_Room")]
        if _text(element, "Room"):
            rooms.append(self._room(_text(element, "Room")))
        if tag in {"ConstraintActivityPreferredRoom", "ConstraintActivityPreferredRooms"}:
            draft = self.drafts.get(_int(element, "Activity_Id"))
            drafts = [draft] if draft is not None else []
            locked = _text(element, "Permanently_Locked") == "true"
            if draft is not None and hard and locked and len(rooms) == 1:
                draft.locked_room = rooms[0]
        elif tag in {"ConstraintTeacherHomeRoom", "ConstraintTeacherHomeRooms"}:
            teacher = _text(element, "Teacher")
            for draft in self.drafts.values():
                if teacher in draft.lesson.teachers:
                    draft.prefer_rooms(rooms)
            return True
        elif tag in {"ConstraintSubjectPreferredRoom", "ConstraintSubjectPreferredRooms"}:
            subject = _text(element, "Subject")
            drafts = [d for d in self.drafts.values() if d.lesson.subject == subject]
        elif tag in {
            "ConstraintActivityTagPreferredRoom",
            "ConstraintActivityTagPreferredRooms",
            "ConstraintSubjectActivityTagPreferredRoom",
            "ConstraintSubjectActivityTagPreferredRooms",
        }:
            subject, activity_tag = _text(element, "Subject"), _text(element, "Activity_Tag")
            drafts = [
                d
                for d in self.drafts.values()
                if activity_tag in d.tags and (not subject or d.lesson.subject == subject)
            ]
        else:
            return False
        for draft in drafts:
            if hard:
                draft.keep_rooms(rooms)
            else:
                draft.prefer_rooms(rooms)
        return True

    # -- the result ------------------------------------------------------------------------

    def problem(self) -> Problem:
        teachers = {
            name: replace(
                teacher,
                unavailable=frozenset(self.unavailable_teachers.get(name, set()) | self.breaks),
                max_per_day=self.max_per_day.get(name),
                max_days=self.max_days.get(name),
                max_gaps_per_week=self.max_gaps.get(name),
                max_gaps_per_day=self.max_gaps_per_day.get(name),
                min_per_day=self.min_per_day.get(name),
            )
            for name, teacher in self.teachers.items()
        }
        # A set's unavailable times are its subsets' too (FET: a year's hold for its groups).
        unavailable = {name: set(self.breaks) for name in self.sets}
        parents = {name: (s.parent, *s.also_in) for name, s in self.sets.items()}
        for name in self.sets:
            ancestors, stack = set(), [name]
            while stack:
                for parent in parents.get(stack.pop(), ()):
                    if parent is not None and parent not in ancestors:
                        ancestors.add(parent)
                        stack.append(parent)
            for set_name in (name, *ancestors):
                unavailable[name] |= self.unavailable_sets.get(set_name, set())
        sets = {
            name: replace(
                student_set,
                unavailable=frozenset(unavailable[name]),
                max_per_day=self.set_max_per_day.get(name),
                max_gaps_per_week=self.set_max_gaps.get(name),
                max_late_starts=self.late_starts.get(name),
            )
            for name, student_set in self.sets.items()
        }
        plans_rooms = bool(self.rooms) and self.compulsory_space
        lessons = {}
        for lesson_id, draft in self.drafts.items():
            allowed = draft.allowed
            if self.breaks and not draft.lesson.teachers and not draft.lesson.sets:
                allowed = self._starts_within(draft, set(self.week.slots) - self.breaks) & (
                    allowed if allowed is not None else set(self.week.slots)
                )
            lessons[lesson_id] = replace(
                draft.lesson,
                needs_room=plans_rooms and draft.room_rule,
                rooms=tuple(sorted(draft.rooms)) if draft.rooms is not None else (),
                preferred_rooms=tuple(draft.preferred_rooms) if plans_rooms else (),
                allowed_slots=frozenset(allowed) if allowed is not None else None,
                locked_slot=draft.locked_slot,
                locked_room=draft.locked_room,
            )
            if draft.rooms is not None and not draft.rooms:
                raise InvalidInput(
                    N_("Activity {activity} has room rules that no room satisfies at once."),
                    field="file",
                    activity=lesson_id,
                )
        return Problem(
            name=self.name,
            week=self.week,
            teachers=teachers,
            sets=sets,
            subjects=self.subjects,
            rooms=self.rooms,
            buildings=self.buildings,
            lessons=lessons,
            min_days=tuple(self.min_days),
            same_start=tuple(self.same_start),
            same_day=tuple(self.same_day),
            not_overlapping=tuple(self.not_overlapping),
            consecutive=tuple(self.consecutive),
            breaks=frozenset(self.breaks),
            ignored=tuple(
                f"{tag} ×{count}" for tag, count in sorted(self.ignored.items(), key=_most_first)
            ),
        )


def _most_first(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def read_fet(data: bytes, *, name: str) -> Problem:
    """The school a FET ``.fet`` file (FET 5 or 6) describes, named ``name``.

    Raises:
        InvalidInput: the file is over 10 MB, not XML or not a FET file (a DTD or an entity
            counts as not a FET file); it has no days or no hours; an activity names a
            teacher, subject or student set, or a rule a room, day or hour, that the file
            does not list; an activity's hard room rules leave it no room.
    """
    reader = _Reader(_parse(data), name)
    reader.read_rules()
    return reader.problem()


def ignored_summary(problem: Problem, language: str = "en") -> str:
    """One sentence for the panel saying which rules of the file were not imported ("" when
    none), in ``language``; the rule names stay FET's own, as the user sees them in FET."""
    if not problem.ignored:
        return ""
    return gettext_for(
        language,
        N_("Not imported from the file (the timetable will not follow them): {rules}."),
    ).format(rules=", ".join(problem.ignored))


def export_fet(problem: Problem, timetable: Timetable) -> bytes:
    """``problem`` as a FET file in which the lessons of ``timetable`` are locked in time and
    room (``ActivityPreferredStartingTime``/``ActivityPreferredRoom`` at 100 %, permanently
    locked), so FET, or ``read_fet``, opens the timetable as it was made. Soft rules keep a
    weight below 100 %; rules FET has and the model lacks are not written."""
    root = ET.Element("fet", version="5.41.0")
    ET.SubElement(root, "Institution_Name").text = problem.name
    week = problem.week
    for listing, item, names in (
        ("Days_List", "Day", week.days),
        ("Hours_List", "Hour", week.periods),
    ):
        element = ET.SubElement(root, listing)
        ET.SubElement(element, f"Number_of_{item}s").text = str(len(names))
        for name in names:
            ET.SubElement(ET.SubElement(element, item), "Name").text = name
    _named_list(root, "Subjects_List", "Subject", problem.subjects)
    _named_list(root, "Teachers_List", "Teacher", problem.teachers)
    _students_list(root, problem)
    _activities_list(root, problem)
    _named_list(root, "Buildings_List", "Building", problem.buildings)
    rooms = ET.SubElement(root, "Rooms_List")
    for room in problem.rooms.values():
        element = ET.SubElement(rooms, "Room")
        _fields(element, Name=room.id, Building=room.building or "", Capacity=room.capacity)
    _time_rules(ET.SubElement(root, "Time_Constraints_List"), problem, timetable)
    _space_rules(ET.SubElement(root, "Space_Constraints_List"), problem, timetable)
    ET.indent(root, space="\t")
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def _fields(element: ET.Element, **values: object) -> None:
    for tag, value in values.items():
        ET.SubElement(element, tag).text = str(value)


def _named_list(root: ET.Element, listing: str, item: str, ids: Iterable[str]) -> None:
    element = ET.SubElement(root, listing)
    for name in ids:
        ET.SubElement(ET.SubElement(element, item), "Name").text = name


def _students_list(root: ET.Element, problem: Problem) -> None:
    """Years are the sets without a parent, groups their subsets and subgroups every leaf
    under a group (FET has three levels; a subgroup shared by groups is listed under each)."""
    listing = ET.SubElement(root, "Students_List")
    children: dict[str, list[str]] = {name: [] for name in problem.sets}
    for student_set in problem.sets.values():
        for parent in (student_set.parent, *student_set.also_in):
            if parent in children:
                children[parent].append(student_set.id)
    for year in problem.sets.values():
        if year.parent is not None and year.parent in problem.sets:
            continue
        year_element = ET.SubElement(listing, "Year")
        _fields(year_element, Name=year.id, Number_of_Students=year.size)
        for group_id in children[year.id]:
            group_element = ET.SubElement(year_element, "Group")
            _fields(group_element, Name=group_id, Number_of_Students=problem.sets[group_id].size)
            for subgroup_id in sorted(problem.leaves(group_id) - {group_id}):
                subgroup = problem.sets[subgroup_id]
                element = ET.SubElement(group_element, "Subgroup")
                _fields(element, Name=subgroup_id, Number_of_Students=subgroup.size)


def _activities_list(root: ET.Element, problem: Problem) -> None:
    listing = ET.SubElement(root, "Activities_List")
    totals: Counter[int] = Counter()
    for lesson in problem.lessons.values():
        if lesson.series is not None:
            totals[lesson.series] += lesson.duration
    for lesson in problem.lessons.values():
        element = ET.SubElement(listing, "Activity")
        for teacher in lesson.teachers:
            ET.SubElement(element, "Teacher").text = teacher
        ET.SubElement(element, "Subject").text = lesson.subject
        for set_id in lesson.sets:
            ET.SubElement(element, "Students").text = set_id
        _fields(
            element,
            Duration=lesson.duration,
            Total_Duration=totals[lesson.series] if lesson.series is not None else lesson.duration,
            Id=lesson.id,
            Activity_Group_Id=lesson.series or 0,
            Active="true",
        )
        if lesson.students:
            _fields(element, Number_Of_Students=lesson.students)


def _rule(listing: ET.Element, tag: str, weight: float = HARD) -> ET.Element:
    element = ET.SubElement(listing, tag)
    _fields(element, Weight_Percentage=f"{weight:g}")
    return element


def _times(
    element: ET.Element, item: str, slots: Iterable[Slot], week: Week, tags: tuple[str, str]
) -> None:
    day_tag, hour_tag = tags
    for slot in sorted(slots):
        time = ET.SubElement(element, item)
        ET.SubElement(time, day_tag).text = week.days[week.day_of(slot)]
        ET.SubElement(time, hour_tag).text = week.periods[week.period_of(slot)]


def _ids(element: ET.Element, lessons: Iterable[int]) -> None:
    ids = list(lessons)
    _fields(element, Number_of_Activities=len(ids))
    for lesson_id in ids:
        _fields(element, Activity_Id=lesson_id)


#: The limits of a teacher and of a student set ``export_fet`` writes: the field, FET's rule
#: and the tag of its value (a teacher's min hours daily allows empty days: the default).
_TEACHER_LIMITS = (
    ("max_per_day", "ConstraintTeacherMaxHoursDaily", "Maximum_Hours_Daily"),
    ("max_days", "ConstraintTeacherMaxDaysPerWeek", "Max_Days_Per_Week"),
    ("max_gaps_per_week", "ConstraintTeacherMaxGapsPerWeek", "Max_Gaps"),
    ("max_gaps_per_day", "ConstraintTeacherMaxGapsPerDay", "Max_Gaps"),
    ("min_per_day", "ConstraintTeacherMinHoursDaily", "Minimum_Hours_Daily"),
)
_SET_LIMITS = (
    ("max_per_day", "ConstraintStudentsSetMaxHoursDaily", "Maximum_Hours_Daily"),
    ("max_gaps_per_week", "ConstraintStudentsSetMaxGapsPerWeek", "Max_Gaps"),
    (
        "max_late_starts",
        "ConstraintStudentsSetEarlyMaxBeginningsAtSecondHour",
        "Max_Beginnings_At_Second_Hour",
    ),
)


def _time_rules(listing: ET.Element, problem: Problem, timetable: Timetable) -> None:
    week = problem.week
    _rule(listing, "ConstraintBasicCompulsoryTime")
    for teacher in problem.teachers.values():
        if teacher.unavailable:
            element = _rule(listing, "ConstraintTeacherNotAvailableTimes")
            _fields(element, Teacher=teacher.id)
            _times(element, "Not_Available_Time", teacher.unavailable, week, ("Day", "Hour"))
        for name, tag, value_tag in _TEACHER_LIMITS:
            value = getattr(teacher, name)
            if value is not None:
                _fields(_rule(listing, tag), Teacher_Name=teacher.id, **{value_tag: value})
    for student_set in problem.sets.values():
        if student_set.unavailable:
            element = _rule(listing, "ConstraintStudentsSetNotAvailableTimes")
            _fields(element, Students=student_set.id)
            _times(element, "Not_Available_Time", student_set.unavailable, week, ("Day", "Hour"))
        for name, tag, value_tag in _SET_LIMITS:
            value = getattr(student_set, name)
            if value is not None:
                _fields(_rule(listing, tag), Students=student_set.id, **{value_tag: value})
    for min_days in problem.min_days:
        element = _rule(
            listing, "ConstraintMinDaysBetweenActivities", HARD if min_days.hard else _SOFT
        )
        _fields(element, Consecutive_If_Same_Day=str(min_days.consecutive_if_same_day).lower())
        _ids(element, min_days.lessons)
        _fields(element, MinDays=min_days.days)
    for same in problem.same_start:
        _ids(_rule(listing, "ConstraintActivitiesSameStartingTime"), same.lessons)
    for together in problem.same_day:
        _ids(_rule(listing, "ConstraintActivitiesSameStartingDay"), together.lessons)
    for apart in problem.not_overlapping:
        _ids(_rule(listing, "ConstraintActivitiesNotOverlapping"), apart.lessons)
    for pair in problem.consecutive:
        element = _rule(listing, "ConstraintTwoActivitiesConsecutive")
        _fields(element, First_Activity_Id=pair.first, Second_Activity_Id=pair.second)
    for lesson in problem.lessons.values():
        placement = timetable.get(lesson.id)
        slot = placement.slot if placement is not None else lesson.locked_slot
        if slot is not None:
            element = _rule(listing, "ConstraintActivityPreferredStartingTime")
            _fields(
                element,
                Activity_Id=lesson.id,
                Preferred_Day=week.days[week.day_of(slot)],
                Preferred_Hour=week.periods[week.period_of(slot)],
                Permanently_Locked="true",
            )
        elif lesson.allowed_slots is not None:
            element = _rule(listing, "ConstraintActivityPreferredStartingTimes")
            _fields(element, Activity_Id=lesson.id)
            _fields(element, Number_of_Preferred_Starting_Times=len(lesson.allowed_slots))
            _times(element, "Preferred_Starting_Time", lesson.allowed_slots, week, _STARTING)


def _space_rules(listing: ET.Element, problem: Problem, timetable: Timetable) -> None:
    _rule(listing, "ConstraintBasicCompulsorySpace")
    for lesson in problem.lessons.values():
        placement = timetable.get(lesson.id)
        room = placement.room if placement is not None else lesson.locked_room
        if room is not None:
            element = _rule(listing, "ConstraintActivityPreferredRoom")
            _fields(element, Activity_Id=lesson.id, Room=room, Permanently_Locked="true")
            continue
        for rooms, weight in ((lesson.rooms, HARD), (lesson.preferred_rooms, _SOFT)):
            if rooms:
                element = _rule(listing, "ConstraintActivityPreferredRooms", weight)
                _fields(element, Activity_Id=lesson.id, Number_of_Preferred_Rooms=len(rooms))
                for name in rooms:
                    _fields(element, Preferred_Room=name)
