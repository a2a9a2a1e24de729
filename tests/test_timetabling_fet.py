"""Reading FET ``.fet`` files: the seven example schools and the files an admin gets wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import InvalidInput
from core.timetabling.fet import MAX_BYTES, export_fet, ignored_summary, read_fet
from core.timetabling.problem import Placement, Problem

#: FET's own example schools (AGPL data, see NOTICE.md beside them).
FET_DIR = Path(__file__).resolve().parent / "data" / "timetabling" / "fet"
SCHOOLS = [
    "belize_shc-2013-more-difficult",
    "brazil_1",
    "bulgaria_lom_high_school_2007-2008",
    "russia_medical-college_timetable-ru",
    "southafrica_robertson_MHS_July2",
    "spain_secondary-school",
    "uk_hopwood_fully-locked",
]


def school(name: str) -> Problem:
    return read_fet((FET_DIR / f"{name}.fet").read_bytes(), name=name)


TWO_DAYS = "<Day><Name>Mon</Name></Day><Day><Name>Tue</Name></Day>"


def fet(body: str, *, days: str = TWO_DAYS) -> bytes:
    """A small FET file: two days of three hours, two teachers, a year 9 with classes 9A and
    9B, a subject, two rooms, plus ``body`` (activities and rule lists)."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<fet version="6.0.4">
<Days_List>{days}</Days_List>
<Hours_List><Hour><Name>1</Name></Hour><Hour><Name>2</Name></Hour><Hour><Name>3</Name></Hour>
</Hours_List>
<Subjects_List><Subject><Name>Maths</Name></Subject></Subjects_List>
<Teachers_List><Teacher><Name>Aidar</Name></Teacher><Teacher><Name>Bota</Name></Teacher>
</Teachers_List>
<Students_List><Year><Name>9</Name><Number_of_Students>50</Number_of_Students>
<Group><Name>9A</Name><Number_of_Students>25</Number_of_Students></Group>
<Group><Name>9B</Name><Number_of_Students>25</Number_of_Students></Group></Year>
</Students_List>
<Rooms_List><Room><Name>R1</Name><Capacity>30</Capacity></Room>
<Room><Name>R2</Name><Capacity>30</Capacity></Room></Rooms_List>
{body}
</fet>""".encode()


def activity(
    lesson_id: int, teacher: str = "Aidar", students: str = "9A", *, extra: str = ""
) -> str:
    return (
        f"<Activity><Teacher>{teacher}</Teacher><Subject>Maths</Subject>"
        f"<Students>{students}</Students><Duration>1</Duration><Id>{lesson_id}</Id>"
        f"<Activity_Group_Id>0</Activity_Group_Id><Active>true</Active>{extra}</Activity>"
    )


def activities(*items: str) -> str:
    return f"<Activities_List>{''.join(items)}</Activities_List>"


def rules(time: str = "", space: str = "") -> str:
    return (
        "<Time_Constraints_List><ConstraintBasicCompulsoryTime><Weight_Percentage>100"
        f"</Weight_Percentage></ConstraintBasicCompulsoryTime>{time}</Time_Constraints_List>"
        "<Space_Constraints_List><ConstraintBasicCompulsorySpace><Weight_Percentage>100"
        f"</Weight_Percentage></ConstraintBasicCompulsorySpace>{space}</Space_Constraints_List>"
    )


def refusal(data: bytes) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        read_fet(data, name="upload")
    return caught.value


# -- the seven example schools -------------------------------------------------------------


@pytest.mark.parametrize("name", SCHOOLS)
def test_every_example_school_loads_with_lessons_a_week_and_its_people(name: str) -> None:
    problem = school(name)

    assert problem.name == name
    assert problem.lessons and problem.teachers and problem.sets
    for lesson in problem.lessons.values():
        assert set(lesson.teachers) <= set(problem.teachers)
        assert set(lesson.sets) <= set(problem.sets)
        assert lesson.subject in problem.subjects
        assert set(lesson.rooms) | set(lesson.preferred_rooms) <= set(problem.rooms)
        if lesson.locked_slot is not None:
            assert problem.week.fits(lesson.locked_slot, lesson.duration)


def test_brazil_counts_match_the_file() -> None:
    problem = school("brazil_1")

    assert len(problem.lessons) == 400
    assert len(problem.teachers) == 27
    assert len(problem.sets) == 16
    assert (len(problem.week.days), len(problem.week.periods)) == (5, 5)
    assert problem.week.days[0] == "Luni"
    assert not problem.rooms
    assert not any(lesson.needs_room for lesson in problem.lessons.values())
    # Activities 1 and 2 are one split activity of FET: one series.
    assert problem.lessons[1].series == problem.lessons[2].series == 1
    assert problem.ignored == ()
    # 13 part-time teachers: Gilmar comes on 2 days a week, Andreia on 1
    assert sum(t.max_days is not None for t in problem.teachers.values()) == 13
    assert (problem.teachers["Gilmar"].max_days, problem.teachers["Andreia"].max_days) == (2, 1)
    assert {t.max_gaps_per_week for t in problem.teachers.values()} == {4}
    hard = [rule for rule in problem.min_days if rule.hard]
    assert len(problem.min_days) == 160
    assert len(hard) == 158


def test_russia_keeps_cyrillic_names_the_ab_cycle_and_the_buildings() -> None:
    problem = school("russia_medical-college_timetable-ru")

    assert len(problem.week.days) == 12
    assert problem.week.days[:2] == ("А-Понедельник", "А-Вторник")
    assert set(problem.buildings) == {"Колледж", "Больница", "Центр"}
    assert problem.rooms["1 К"].building == "Колледж"
    assert problem.rooms["1 К"].capacity == 30
    assert "Жихарева" in problem.teachers
    assert problem.teachers["Жихарева"].max_per_day == 2
    assert problem.teachers["Романенко"].max_gaps_per_week == 0
    assert len(problem.lessons) == 562
    # Pharmacology for ЛД101 is locked on the A week's Tuesday at 12:20 (a double period).
    pharmacology = problem.lessons[33]
    assert pharmacology.subject == "Фармакология"
    assert pharmacology.duration == 2
    assert pharmacology.locked_slot == problem.week.slot(1, 2)
    assert problem.lessons[9].rooms == ("8 К",)
    assert problem.teachers["Иванова"].min_per_day == 2
    assert all(s.max_per_day == 4 for s in problem.sets.values() if s.parent is None)
    assert problem.teachers["Иванова"].max_gaps_per_day == 1  # all teachers
    assert [rule.lessons for rule in problem.same_day] == [(40, 41), (43, 44)]
    assert problem.ignored == (
        "ConstraintMaxDaysBetweenActivities ×53",
        "ConstraintActivitiesSameStartingHour ×51",
        "ConstraintTeacherIntervalMaxDaysPerWeek ×1",
        "ConstraintThreeActivitiesGrouped ×1",
    )


def test_a_subgroup_listed_under_two_groups_is_in_the_leaves_of_both() -> None:
    problem = school("russia_medical-college_timetable-ru")

    shared = problem.sets["ЛД101-П1-Б2"]
    assert shared.parent == "ЛД101-П1"
    assert shared.also_in == ("ЛД101-Б2",)
    assert problem.leaves("ЛД101-Б2") == {"ЛД101-П1-Б2", "ЛД101-П2-Б2"}
    assert problem.leaves("ЛД101-П1") == {"ЛД101-П1-Б1", "ЛД101-П1-Б2"}
    assert problem.leaves("ЛД101") == {
        "ЛД101-П1-Б1",
        "ЛД101-П1-Б2",
        "ЛД101-П2-Б2",
        "ЛД101-П2-Б3",
    }
    assert problem.leaves("ЛД101-П1-Б1") == {"ЛД101-П1-Б1"}
    assert problem.sets["ЛД101"].size == 30


def test_hopwood_is_locked_in_time_and_room_but_for_one_lesson() -> None:
    problem = school("uk_hopwood_fully-locked")

    assert len(problem.lessons) == 163
    free = [lesson.id for lesson in problem.lessons.values() if lesson.locked_slot is None]
    assert free == [52]
    lesson = problem.lessons[3]
    assert lesson.locked_slot == problem.week.slot(0, 0)  # Monday 9.30 - 11.00
    assert lesson.locked_room == "B305"
    assert lesson.needs_room
    assert problem.ignored == ()
    assert ignored_summary(problem) == ""


def test_belize_skips_inactive_activities_and_reads_filtered_time_slots() -> None:
    problem = school("belize_shc-2013-more-difficult")

    assert len(problem.lessons) == 986
    assert len(problem.buildings) == 4
    assert {t.max_per_day for t in problem.teachers.values()} == {6}
    # "Activities preferred starting times", subject HR: Day A at 02:05p only.
    homeroom = [lesson for lesson in problem.lessons.values() if lesson.subject == "HR"]
    a_0205 = problem.week.slot(0, problem.week.periods.index("02:05p"))
    assert homeroom
    assert all(lesson.allowed_slots == {a_0205} for lesson in homeroom)
    assert "ConstraintTeachersMaxBuildingChangesPerDay ×1" in problem.ignored


def test_spain_break_times_and_tag_rooms() -> None:
    problem = school("spain_secondary-school")

    assert len(problem.lessons) == 1086
    assert len(problem.teachers) == 56
    assert len(problem.rooms) == 46
    recess = {problem.week.slot(day, 3) for day in range(5)}
    assert all(recess <= teacher.unavailable for teacher in problem.teachers.values())
    assert all(recess <= student_set.unavailable for student_set in problem.sets.values())
    tagged = [lesson for lesson in problem.lessons.values() if lesson.rooms]
    assert tagged and all(lesson.needs_room for lesson in tagged)
    assert problem.ignored == ("ConstraintActivitiesSameStartingTime (<100 %) ×1",)


def test_ignored_summary_names_what_was_not_imported_in_the_readers_language() -> None:
    problem = school("russia_medical-college_timetable-ru")

    summary = ignored_summary(problem)
    assert "ConstraintMaxDaysBetweenActivities ×53" in summary
    assert "ConstraintThreeActivitiesGrouped ×1" in summary
    russian = ignored_summary(problem, "ru")
    assert russian != summary
    assert "ConstraintMaxDaysBetweenActivities ×53" in russian


def test_bulgaria_keeps_its_classes_without_gaps_starting_at_the_first_period() -> None:
    problem = school("bulgaria_lom_high_school_2007-2008")

    years = [s for s in problem.sets.values() if s.parent is None]
    assert years and all(s.max_gaps_per_week == 0 for s in years)
    assert all(s.max_late_starts == 0 for s in years)
    leaf = next(s for s in problem.sets if problem.leaves(s) == {s})
    assert problem.set_limit(leaf, "max_gaps_per_week") == 0
    # what is left is soft in FET too (preferred starting times below 100 %)
    assert problem.ignored == ("ConstraintActivitiesPreferredStartingTimes (<100 %) ×11",)


# -- the rules, on small files -------------------------------------------------------------


def test_rules_map_to_the_model() -> None:
    not_available = (
        "<ConstraintTeacherNotAvailableTimes><Weight_Percentage>100</Weight_Percentage>"
        "<Teacher>Bota</Teacher><Not_Available_Time><Day>Tue</Day><Hour>3</Hour>"
        "</Not_Available_Time></ConstraintTeacherNotAvailableTimes>"
    )
    year_away = (
        "<ConstraintStudentsSetNotAvailableTimes><Weight_Percentage>100</Weight_Percentage>"
        "<Students>9</Students><Not_Available_Time><Day>Mon</Day><Hour>1</Hour>"
        "</Not_Available_Time></ConstraintStudentsSetNotAvailableTimes>"
    )
    min_days_soft = (
        "<ConstraintMinDaysBetweenActivities><Weight_Percentage>95</Weight_Percentage>"
        "<Consecutive_If_Same_Day>true</Consecutive_If_Same_Day><Activity_Id>1</Activity_Id>"
        "<Activity_Id>2</Activity_Id><MinDays>1</MinDays></ConstraintMinDaysBetweenActivities>"
    )
    inactive = (
        "<ConstraintTeacherMinHoursDaily><Weight_Percentage>100</Weight_Percentage>"
        "<Active>false</Active></ConstraintTeacherMinHoursDaily>"
    )
    slots_for_9b = (
        "<ConstraintActivitiesPreferredTimeSlots><Weight_Percentage>100</Weight_Percentage>"
        "<Teacher_Name></Teacher_Name><Students_Name>9B</Students_Name><Subject_Name>"
        "</Subject_Name><Activity_Tag_Name></Activity_Tag_Name>"
        "<Preferred_Time_Slot><Preferred_Day>Mon</Preferred_Day><Preferred_Hour>1"
        "</Preferred_Hour></Preferred_Time_Slot><Preferred_Time_Slot><Preferred_Day>Mon"
        "</Preferred_Day><Preferred_Hour>2</Preferred_Hour></Preferred_Time_Slot>"
        "</ConstraintActivitiesPreferredTimeSlots>"
    )
    gaps = (
        "<ConstraintStudentsSetMaxGapsPerWeek><Weight_Percentage>100</Weight_Percentage>"
        "<Max_Gaps>1</Max_Gaps><Students>9A</Students></ConstraintStudentsSetMaxGapsPerWeek>"
        "<ConstraintTeacherMaxGapsPerDay><Weight_Percentage>100</Weight_Percentage>"
        "<Teacher_Name>Bota</Teacher_Name><Max_Gaps>0</Max_Gaps>"
        "</ConstraintTeacherMaxGapsPerDay>"
        "<ConstraintStudentsEarlyMaxBeginningsAtSecondHour><Weight_Percentage>100"
        "</Weight_Percentage><Max_Beginnings_At_Second_Hour>2</Max_Beginnings_At_Second_Hour>"
        "</ConstraintStudentsEarlyMaxBeginningsAtSecondHour>"
        "<ConstraintStudentsMaxGapsPerWeek><Weight_Percentage>90</Weight_Percentage>"
        "<Max_Gaps>0</Max_Gaps></ConstraintStudentsMaxGapsPerWeek>"
    )
    fewest = (
        "<ConstraintTeachersMinHoursDaily><Weight_Percentage>100</Weight_Percentage>"
        "<Minimum_Hours_Daily>2</Minimum_Hours_Daily><Allow_Empty_Days>true</Allow_Empty_Days>"
        "</ConstraintTeachersMinHoursDaily>"
        "<ConstraintTeacherMinHoursDaily><Weight_Percentage>100</Weight_Percentage>"
        "<Teacher_Name>Bota</Teacher_Name><Minimum_Hours_Daily>1</Minimum_Hours_Daily>"
        "<Allow_Empty_Days>true</Allow_Empty_Days></ConstraintTeacherMinHoursDaily>"
        "<ConstraintStudentsSetMaxHoursDaily><Weight_Percentage>100</Weight_Percentage>"
        "<Students>9B</Students><Maximum_Hours_Daily>2</Maximum_Hours_Daily>"
        "</ConstraintStudentsSetMaxHoursDaily>"
    )
    unknown = "<ConstraintTeacherMinHoursDaily><Weight_Percentage>100</Weight_Percentage>"
    unknown += "<Teacher_Name>Aidar</Teacher_Name><Minimum_Hours_Daily>3</Minimum_Hours_Daily>"
    unknown += "<Allow_Empty_Days>false</Allow_Empty_Days></ConstraintTeacherMinHoursDaily>"
    home = (
        "<ConstraintTeacherHomeRoom><Weight_Percentage>100</Weight_Percentage>"
        "<Teacher>Aidar</Teacher><Room>R2</Room></ConstraintTeacherHomeRoom>"
    )
    problem = read_fet(
        fet(
            activities(
                activity(1),
                activity(2),
                activity(3, "Bota", "9B"),
                activity(4, "Bota", "9B").replace("true</Active>", "false</Active>"),
            )
            + rules(
                not_available
                + year_away
                + min_days_soft
                + inactive
                + slots_for_9b
                + gaps
                + fewest
                + unknown,
                home,
            )
        ),
        name="small",
    )

    assert set(problem.lessons) == {1, 2, 3}
    assert problem.teachers["Bota"].unavailable == {problem.week.slot(1, 2)}
    assert problem.sets["9"].unavailable == {problem.week.slot(0, 0)}
    assert problem.sets["9A"].unavailable == {problem.week.slot(0, 0)}  # a year's hold for it
    assert problem.min_days[0].lessons == (1, 2)
    assert not problem.min_days[0].hard
    assert problem.min_days[0].consecutive_if_same_day
    assert problem.lessons[3].allowed_slots == {0, 1}
    assert problem.lessons[1].allowed_slots is None
    assert problem.lessons[1].preferred_rooms == ("R2",)
    assert problem.lessons[1].needs_room
    assert not problem.lessons[3].needs_room  # no room rule names it: no room, as in FET
    assert problem.leaves("9") == {"9A", "9B"}
    assert problem.sets["9A"].size == 25
    assert (problem.sets["9A"].max_gaps_per_week, problem.sets["9B"].max_gaps_per_week) == (
        1,
        None,
    )
    assert problem.teachers["Bota"].max_gaps_per_day == 0
    assert problem.teachers["Aidar"].max_gaps_per_day is None
    assert problem.sets["9"].max_late_starts == 2  # every year: all students
    assert problem.set_limit("9B", "max_late_starts") == 2
    # the larger of two lower limits holds; a day without lessons is always allowed
    assert (problem.teachers["Aidar"].min_per_day, problem.teachers["Bota"].min_per_day) == (2, 2)
    assert problem.sets["9B"].max_per_day == 2
    assert problem.ignored == (
        "ConstraintStudentsMaxGapsPerWeek (<100 %) ×1",
        "ConstraintTeacherMinHoursDaily ×1",
    )


# -- export ------------------------------------------------------------------------------


def test_an_exported_timetable_reads_back_locked_with_every_rule_kept() -> None:
    problem = school("russia_medical-college_timetable-ru")
    timetable = {
        9: Placement(problem.week.slot(6, 0), "8 К"),  # the B week's Monday, 08:30
        10: Placement(problem.week.slot(0, 5), None),
    }

    again = read_fet(export_fet(problem, timetable), name=problem.name)

    assert again.lessons[9].locked_slot == problem.week.slot(6, 0)
    assert again.lessons[9].locked_room == "8 К"
    assert again.lessons[10].locked_slot == problem.week.slot(0, 5)
    assert again.lessons[10].locked_room is None
    assert again.lessons[33] == problem.lessons[33]  # unplaced: its own lock, as it was
    unplaced = set(problem.lessons) - set(timetable)
    assert all(again.lessons[key] == problem.lessons[key] for key in unplaced)
    assert again.week == problem.week
    assert again.teachers == problem.teachers
    assert any(teacher.max_days for teacher in again.teachers.values())
    assert any(teacher.max_gaps_per_day == 1 for teacher in again.teachers.values())
    assert again.sets == problem.sets
    assert any(student_set.max_gaps_per_week == 0 for student_set in again.sets.values())
    assert again.rooms == problem.rooms
    assert again.buildings == problem.buildings
    assert again.min_days == problem.min_days
    assert again.consecutive == problem.consecutive
    assert again.not_overlapping == problem.not_overlapping
    assert again.same_day == problem.same_day
    assert again.leaves("ЛД101-Б2") == {"ЛД101-П1-Б2", "ЛД101-П2-Б2"}
    assert again.ignored == ()


def test_export_keeps_names_with_markup_characters() -> None:
    problem = read_fet(
        fet(activities(activity(1), activity(2, "Bota", "9B"))).replace(
            b"Aidar", b"A &amp; &quot;B&quot; &lt;C&gt;"
        ),
        name="small",
    )
    assert problem.lessons[1].teachers == ('A & "B" <C>',)

    again = read_fet(export_fet(problem, {1: Placement(2, "R1")}), name="small")

    assert again.lessons[1].teachers == ('A & "B" <C>',)
    assert again.lessons[1].locked_slot == 2
    assert again.lessons[2] == problem.lessons[2]


# -- bad files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"Teacher;Subject\nAidar;Maths\n",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        b"<html><body>timetable</body></html>",
        "<fet>".encode("utf-16"),
        b'<?xml version="1.0"?><!DOCTYPE fet [<!ENTITY a "aaaa">]><fet>&a;</fet>',
    ],
    ids=["csv", "binary", "html", "utf16", "entities"],
)
def test_what_is_not_a_fet_file_is_refused_in_the_users_language(data: bytes) -> None:
    error = refusal(data)

    assert "not a FET timetable file" in str(error)
    assert "FET" in error.translated("ru")
    assert error.translated("ru") != error.translated("en")
    assert error.translated("kk") != error.translated("en")


def test_a_file_over_ten_megabytes_is_refused() -> None:
    error = refusal(b" " * (MAX_BYTES + 1))

    assert "10 MB" in str(error)


def test_a_file_without_days_is_refused() -> None:
    error = refusal(fet(activities(activity(1)), days=""))

    assert "no days or no hours" in str(error)


@pytest.mark.parametrize(
    ("body", "culprit"),
    [
        (activities(activity(7, teacher="Nobody")), "Nobody"),
        (activities(activity(7, students="11Z")), "11Z"),
        (activities(activity(7).replace("Maths", "Alchemy")), "Alchemy"),
        (
            activities(activity(7))
            + rules(
                space="<ConstraintActivityPreferredRoom><Weight_Percentage>100"
                "</Weight_Percentage><Activity_Id>7</Activity_Id><Room>Attic</Room>"
                "</ConstraintActivityPreferredRoom>"
            ),
            "Attic",
        ),
        (
            activities(activity(7))
            + rules(
                "<ConstraintTeacherNotAvailableTimes><Weight_Percentage>100</Weight_Percentage>"
                "<Teacher>Aidar</Teacher><Not_Available_Time><Day>Sunday</Day><Hour>1</Hour>"
                "</Not_Available_Time></ConstraintTeacherNotAvailableTimes>"
            ),
            "Sunday",
        ),
    ],
    ids=["teacher", "students", "subject", "room", "day"],
)
def test_a_name_the_file_does_not_list_is_named_in_the_refusal(body: str, culprit: str) -> None:
    error = refusal(fet(body))

    assert culprit in str(error)
    assert culprit in error.translated("kk")
    if "Activity" in str(error):
        assert "7" in error.translated("ru")


def test_break_times_are_read_as_breaks_for_everyone() -> None:
    problem = school("spain_secondary-school")

    recreo = problem.week.periods.index("Recreo")
    assert problem.breaks == {problem.week.slot(day, recreo) for day in range(5)}
    assert all(problem.breaks <= teacher.unavailable for teacher in problem.teachers.values())


@pytest.mark.parametrize(
    "rule",
    [
        "<ConstraintTeachersMaxGapsPerDay><Weight_Percentage>100</Weight_Percentage>"
        "<Max_Gaps>-1</Max_Gaps></ConstraintTeachersMaxGapsPerDay>",
        "<ConstraintStudentsSetMaxHoursDaily><Weight_Percentage>100</Weight_Percentage>"
        "<Maximum_Hours_Daily>-2</Maximum_Hours_Daily><Students>9A</Students>"
        "</ConstraintStudentsSetMaxHoursDaily>",
        "<ConstraintMinDaysBetweenActivities><Weight_Percentage>100</Weight_Percentage>"
        "<Number_of_Activities>2</Number_of_Activities><Activity_Id>7</Activity_Id>"
        "<Activity_Id>8</Activity_Id><MinDays>-1</MinDays></ConstraintMinDaysBetweenActivities>",
    ],
    ids=["teacher", "class", "min days"],
)
def test_a_negative_limit_is_refused_naming_the_rule(rule: str) -> None:
    error = refusal(fet(activities(activity(7), activity(8)) + rules(rule)))

    tag = rule[1 : rule.index(">")]
    assert tag in str(error)
    assert tag in error.translated("ru")
    assert "-" in error.translated("kk")


@pytest.mark.parametrize(
    ("name", "tag", "size"),
    [("R2", "Capacity", 30), ("9B", "Number_of_Students", 25)],
    ids=["room capacity", "class size"],
)
def test_a_negative_size_is_refused_naming_the_room_or_class(
    name: str, tag: str, size: int
) -> None:
    declared = f"<Name>{name}</Name><{tag}>{size}</{tag}>"
    data = fet(activities(activity(7)) + rules())
    assert declared.encode() in data

    error = refusal(
        data.replace(declared.encode(), f"<Name>{name}</Name><{tag}>-5</{tag}>".encode())
    )

    for language in ("en", "ru", "kk"):
        assert name in error.translated(language)
        assert "-5" in error.translated(language)
