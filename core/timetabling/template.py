"""The Excel template of a school's timetabling data (issue 11), which
``core.timetabling.workbook`` reads.

**The template** (``timetable_template``) has one sheet per entity, headers in the reader's
language (``*`` after a required one) and an instructions sheet first:

* Week — one row: days per week (5 or 6), weeks in the cycle (1, or 2 for A/B weeks), the
  free periods a teacher needs to change building;
* Bell times — one row per lesson of the day, in order: its start ("08:30") and minutes;
* Buildings; Rooms (room, building, room kind, seats); Teachers (teacher, home building,
  most lessons a day, most free periods a week); Subjects;
* Classes — a class with its year (parallel: "9") and students; a subgroup (a language
  group, a lab half, PE boys) names the class it is a subgroup of. Subgroups of a class with
  the same *split* ("English", "PE") divide it; two splits cross (a boy in English group 1),
  so the reader makes their intersections, as FET does, and a PE-boys lesson clashes with an
  English-1 lesson but not with English 2's;
* Lessons — subject, teachers, classes (several: a merged stream), lessons a week, periods
  in a row (2: a double), min days apart (soft), room kind, preferred rooms (soft), week (A
  or B in a two-week cycle, empty: every week), a fixed day and lesson number (locked);
* Unavailable — a teacher or a class, a day, lesson numbers ("1-3, 6"; empty: the whole
  day), a week.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from openpyxl import Workbook

from core.i18n import N_, gettext_for
from core.workbooks import Column, headed_sheet, text_cell


@dataclass(frozen=True)
class Sheet:
    key: str
    title: str  # marked for translation
    columns: tuple[Column, ...]
    required: bool = True


WEEK = Sheet(
    "week",
    N_("Week"),
    (
        Column("days", N_("Days per week"), 16, True),
        Column("weeks", N_("Weeks in the cycle"), 20),
        Column("travel", N_("Free periods to change building"), 32),
    ),
)
BELLS = Sheet(
    "bells",
    N_("Bell times"),
    (Column("starts", N_("Starts at"), 12, True), Column("minutes", N_("Minutes"), 10, True)),
)
BUILDINGS = Sheet(
    "buildings", N_("Buildings"), (Column("name", N_("Building"), 30, True),), required=False
)
ROOMS = Sheet(
    "rooms",
    N_("Rooms"),
    (
        Column("name", N_("Room"), 16, True),
        Column("building", N_("Building"), 20),
        Column("kind", N_("Room kind"), 18),
        Column("capacity", N_("Seats"), 10),
    ),
    required=False,
)
TEACHERS = Sheet(
    "teachers",
    N_("Teachers"),
    (
        Column("name", N_("Teacher"), 30, True),
        Column("building", N_("Home building"), 20),
        Column("max_per_day", N_("Most lessons a day"), 20),
        Column("max_gaps", N_("Most free periods a week"), 26),
    ),
)
CLASSES = Sheet(
    "classes",
    N_("Classes"),
    (
        Column("name", N_("Class"), 18, True),
        Column("year", N_("Year (parallel)"), 16),
        Column("size", N_("Number of students"), 20),
        Column("parent", N_("Subgroup of"), 16),
        Column("split", N_("Split"), 16),
    ),
)
SUBJECTS = Sheet("subjects", N_("Subjects"), (Column("name", N_("Subject"), 30, True),))
LESSONS = Sheet(
    "lessons",
    N_("Lessons"),
    (
        Column("subject", N_("Subject"), 24, True),
        Column("teachers", N_("Teachers"), 28),
        Column("classes", N_("Classes"), 20, True),
        Column("per_week", N_("Lessons a week"), 16, True),
        Column("length", N_("Periods in a row"), 16),
        Column("min_days", N_("Min days apart"), 16),
        Column("kind", N_("Room kind"), 16),
        Column("rooms", N_("Preferred rooms"), 18),
        Column("week", N_("Week (A/B)"), 12),
        Column("day", N_("Fixed day"), 14),
        Column("period", N_("Fixed lesson number"), 20),
    ),
)
UNAVAILABLE = Sheet(
    "unavailable",
    N_("Unavailable"),
    (
        Column("who", N_("Teacher or class"), 30, True),
        Column("day", N_("Day"), 14, True),
        Column("periods", N_("Lesson numbers"), 18),
        Column("week", N_("Week (A/B)"), 12),
    ),
    required=False,
)
SHEETS = (WEEK, BELLS, BUILDINGS, ROOMS, TEACHERS, CLASSES, SUBJECTS, LESSONS, UNAVAILABLE)

_INSTRUCTIONS = (
    N_("Fill in one sheet after another; keep the sheet names and the column names in row 1."),
    N_("Columns marked * are required. Each name (room, teacher, class, subject) once."),
    N_(
        "Week: days per week (5 or 6), weeks in the cycle (1, or 2 for A/B weeks), and the "
        "free periods a teacher needs to go from one building to another."
    ),
    N_(
        "Bell times: one row per lesson of the day, in order: its start, such as 08:30, and "
        "its length in minutes."
    ),
    N_(
        "Rooms: the room kind is empty for an ordinary classroom, else a word such as lab, "
        "gym or computers; lessons that need that kind name it too."
    ),
    N_(
        "Classes: a class with its year (parallel) and number of students. A subgroup (a "
        "language group, half a class for a lab, PE boys) names its class in “Subgroup of”; "
        "subgroups of one class with the same split divide it, two splits cross."
    ),
    N_(
        "Lessons: several teachers or classes are separated by commas; several classes make "
        "one merged lesson. Periods in a row: 2 for a double lesson."
    ),
    N_(
        "Lessons: min days apart spreads the lessons of a row over the week; a fixed day "
        "and lesson number lock a lesson (lessons a week must then be 1)."
    ),
    N_(
        "Week (A/B): in a two-week cycle, A or B for a lesson or absence of one week only; "
        "empty for every week."
    ),
    N_(
        "Unavailable: a teacher or a class, a day (Monday or 1), and lesson numbers such as "
        "1-3, 6 (empty: the whole day)."
    ),
    N_("If any row has a problem, nothing is imported and every problem is listed."),
)


def timetable_template(language: str) -> bytes:
    """The .xlsx a school fills in: an instructions sheet, then one sheet per entity with
    its header row in ``language`` (the week sheet filled with a 5-day, one-week default)."""
    workbook = Workbook(write_only=True)
    info = workbook.create_sheet(gettext_for(language, N_("Instructions"))[:31])
    info.column_dimensions["A"].width = 110
    for line in _INSTRUCTIONS:
        info.append([text_cell(info, gettext_for(language, line))])
    for sheet in SHEETS:
        header = [
            (gettext_for(language, column.label) + ("*" if column.required else ""), column.width)
            for column in sheet.columns
        ]
        written = headed_sheet(workbook, gettext_for(language, sheet.title), header)
        if sheet is WEEK:
            written.append([5, 1, 0])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
