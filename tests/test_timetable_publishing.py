"""Publishing a school timetable into lessons (issue 11).

The centre of ``tests.lesson_factories``: groups "Алгебра 7А" (Ахметов Ерлан, students
Айгерім and Тимур) and "Физика 8Б" (Бекова Сәуле), classroom "101". The frozen clock is
Tuesday 1 September 2026, 11:00 in Almaty; timetables are published from Monday 7 September.
Bells: 08:30, 09:25, 10:20, 11:15, lessons of 45 minutes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from core.deps import Deps
from core.errors import InvalidInput, PermissionDenied, TimetableRejected
from core.models.academics import Group
from core.models.audit import AuditRecord
from core.models.lessons import Lesson, ScheduleRule
from core.models.notifications import OutboxMessage
from core.services.academics import enrol_student
from core.services.places import RoomData, RoomKind, create_building, create_room
from core.services.schedule import add_holiday, create_rule
from core.services.timetable import my_timetable
from core.services.timetable_publishing import (
    TIMETABLE_PUBLISHED,
    Published,
    bells_from_periods,
    publish,
    publish_preview,
)
from core.timetabling.problem import (
    Building,
    Placement,
    Problem,
    Room,
    StudentSet,
    Subject,
    Teacher,
    Timetable,
    Week,
)
from core.timetabling.problem import (
    Lesson as PlannedLesson,
)
from tests.lesson_factories import LessonCentre, lesson_at, local, make_lesson_centre
from tests.lesson_factories import make_second_group as second_group
from tests.test_schedule import rule

DAYS = ("Дүйсенбі", "Сейсенбі", "Сәрсенбі", "Бейсенбі", "Жұма")
PERIODS = ("08:30", "09:25", "10:20", "11:15")
BELLS = [510, 565, 620, 675]
MONDAY = date(2026, 9, 7)
ALGEBRA, PHYSICS, DOUBLE = 1, 2, 3


@pytest.fixture
async def centre(deps: Deps) -> LessonCentre:
    centre = await make_lesson_centre(deps)
    _ = await second_group(deps, centre)
    return centre


def school(*, days: tuple[str, ...] = DAYS, lessons: tuple[PlannedLesson, ...] = ()) -> Problem:
    """The centre as a timetable sees it: names spelled loosely on purpose."""
    return Problem(
        name="Мектеп",
        week=Week(days=days, periods=PERIODS),
        teachers={
            "t1": Teacher("t1", "ахметов   ЕРЛАН"),
            "t2": Teacher("t2", "Сәуле Бекова"),
        },
        sets={"7a": StudentSet("7a", "алгебра 7а"), "8b": StudentSet("8b", "Физика  8Б")},
        subjects={"alg": Subject("alg", "Алгебра"), "phy": Subject("phy", "Физика")},
        rooms={"r101": Room("r101", "101")},
        buildings={},
        lessons={
            lesson.id: lesson
            for lesson in lessons
            or (
                PlannedLesson(ALGEBRA, "alg", ("t1",), ("7a",)),
                PlannedLesson(PHYSICS, "alg", ("t1",), ("7a",)),
                PlannedLesson(DOUBLE, "phy", ("t2",), ("8b",), duration=2),
            )
        },
    )


def week_of(problem: Problem) -> Timetable:
    """Algebra on Monday and Thursday in period 2, Physics double on Tuesday from period 1."""
    week = problem.week
    return {
        ALGEBRA: Placement(week.slot(0, 1), "r101"),
        PHYSICS: Placement(week.slot(3, 1), "r101"),
        DOUBLE: Placement(week.slot(1, 0), "r101"),
    }


async def put(
    deps: Deps,
    centre: LessonCentre,
    problem: Problem,
    timetable: Timetable,
    *,
    until: date | None = None,
) -> Published:
    return await publish(
        deps,
        centre.admin,
        problem=problem,
        timetable=timetable,
        from_day=MONDAY,
        bells=BELLS,
        duration_minutes=45,
        until=until,
    )


def texts(error: TimetableRejected) -> list[str]:
    return [problem.localised("en") for problem in error.problems]


async def test_preview_matches_names_and_counts_lessons(centre: LessonCentre) -> None:
    problem = school()
    preview = await publish_preview(centre.admin, problem=problem, timetable=week_of(problem))
    assert preview.ready
    assert {(m.name, m.target_name) for m in preview.teachers} == {
        ("ахметов   ЕРЛАН", "Ахметов Ерлан"),
        ("Сәуле Бекова", "Бекова Сәуле"),
    }
    assert {m.target_name for m in preview.groups} == {"Алгебра 7А", "Физика 8Б"}
    assert [m.target_id for m in preview.rooms] == [centre.room_id]
    assert (preview.rules, preview.lessons_per_cycle, preview.cycle_weeks) == (2, 3, 1)
    assert preview.bell_times == PERIODS


async def test_preview_lists_every_mismatch(centre: LessonCentre) -> None:
    base = school()
    problem = replace(
        base,
        teachers={**base.teachers, "t3": Teacher("t3", "Иванов Иван")},
        sets={**base.sets, "7a1": StudentSet("7a1", "7А English 1", parent="7a")},
        rooms={**base.rooms, "r9": Room("r9", "999")},
        lessons={
            **base.lessons,
            4: PlannedLesson(4, "alg", ("t3",), ("7a1",)),
            5: PlannedLesson(5, "phy", ("t2", "t1"), ("8b",)),
            6: PlannedLesson(6, "phy", ("t2",), ("7a",)),
        },
    )
    timetable = {
        **week_of(problem),
        4: Placement(problem.week.slot(2, 0), "r9"),
        5: Placement(problem.week.slot(4, 3), "r101"),
    }
    preview = await publish_preview(centre.admin, problem=problem, timetable=timetable)
    assert not preview.ready
    assert {p.localised("en") for p in preview.problems} == {
        "7А English 1, a part of алгебра 7а, has no group of its own: add group 7А English 1.",
        "Физика for алгебра 7а has no place in the timetable.",
        "There is no room named 999.",
        "Иванов Иван is not an active teacher of the organisation.",
    }
    assert [p.localised("en") for p in preview.notes] == [
        "Физика for Физика  8Б is given to Сәуле Бекова only, not to ахметов   ЕРЛАН."
    ]
    assert preview.rules == 0


async def test_publish_creates_rules_and_lessons_in_local_time(
    deps: Deps, centre: LessonCentre
) -> None:
    problem = school()
    published = await put(deps, centre, problem, week_of(problem))
    rules = {(r.group_name, r.pattern, r.start_time, r.end_time) for r in published.rules}
    assert rules == {
        ("Алгебра 7А", ((0, 3),), "09:25", "10:10"),
        ("Физика 8Б", ((1,),), "08:30", "10:10"),  # a double period with its 10-minute break
    }
    assert all(r.starts_on == MONDAY for r in published.rules)
    algebra = await Lesson.filter(group_id=centre.group_id).order_by("starts_at")
    assert published.lessons == await Lesson.all().count()
    assert algebra[0].starts_at == datetime(2026, 9, 7, 4, 25, tzinfo=UTC)
    assert algebra[0].starts_at == local(centre, MONDAY, "09:25")
    assert algebra[1].starts_at == local(centre, date(2026, 9, 10), "09:25")
    assert published.ended_rules == 0


async def test_periods_of_their_own_length(deps: Deps, centre: LessonCentre) -> None:
    problem = school()
    timetable = {**week_of(problem), DOUBLE: Placement(problem.week.slot(1, 2), "r101")}
    published = await publish(
        deps,
        centre.admin,
        problem=problem,
        timetable=timetable,
        from_day=MONDAY,
        bells=BELLS,
        duration_minutes=45,
        lengths=[45, 45, 40, 40],
    )
    times = {(rule.group_name, rule.start_time, rule.end_time) for rule in published.rules}
    assert times == {("Алгебра 7А", "09:25", "10:10"), ("Физика 8Б", "10:20", "11:55")}


async def test_holidays_are_skipped_as_by_any_rule(deps: Deps, centre: LessonCentre) -> None:
    _ = await add_holiday(deps, centre.admin, day=date(2026, 9, 10), name="Мереке")
    problem = school()
    published = await put(deps, centre, problem, week_of(problem), until=date(2026, 9, 20))
    algebra = await Lesson.filter(group_id=centre.group_id).order_by("starts_at")
    assert [lesson.starts_at.astimezone(centre.zone).day for lesson in algebra] == [7, 14, 17]
    assert all(rule.ends_on == date(2026, 9, 20) for rule in published.rules)


async def test_a_student_sees_the_published_lessons(deps: Deps, centre: LessonCentre) -> None:
    problem = school()
    _ = await put(deps, centre, problem, week_of(problem))
    week = await my_timetable(deps, centre.students[0], first_day=MONDAY, whole_week=True)
    seen = [(lesson.local_day, lesson.teacher_name) for lesson in week.lessons]
    assert seen == [(MONDAY, "Ахметов Ерлан"), (date(2026, 9, 10), "Ахметов Ерлан")]
    before = await my_timetable(deps, centre.students[0], first_day=date(2026, 9, 1), days=6)
    assert before.lessons == ()


async def test_previous_rules_end_the_day_before_and_people_are_told_once(
    deps: Deps, centre: LessonCentre
) -> None:
    old = await create_rule(
        deps, centre.admin, data=rule(centre, pattern=((2,),), starts_on=date(2026, 9, 2))
    )
    await OutboxMessage.all().delete()
    problem = school()
    published = await put(deps, centre, problem, week_of(problem))
    ended = await ScheduleRule.get(id=old.rule.id)
    assert ended.ends_on == date(2026, 9, 6)
    old_days = [lesson.starts_at.date() for lesson in await Lesson.filter(rule_id=ended.id)]
    assert old_days == [date(2026, 9, 2)]  # the past week's lesson stays
    assert (published.ended_rules, published.removed_lessons) == (1, 4)
    for person in (centre.students[0], centre.parent, centre.teacher, centre.substitute):
        messages = await OutboxMessage.filter(person_id=person.person_id)
        assert [m.message for m in messages] == [TIMETABLE_PUBLISHED]
    assert not await OutboxMessage.filter(person_id=centre.admin.person_id).exists()
    assert published.told == 5  # two students, a parent, two teachers
    assert await AuditRecord.filter(action="timetable.publish").count() == 1
    assert await AuditRecord.filter(action="schedule_rule.create").count() == 1  # the old one
    assert not await AuditRecord.filter(action="schedule_rule.end").exists()


async def test_ab_weeks_alternate_from_the_first_week(deps: Deps, centre: LessonCentre) -> None:
    problem = school(days=DAYS + DAYS)
    week = problem.week
    timetable = {
        ALGEBRA: Placement(week.slot(0, 1), "r101"),  # Monday of week A
        PHYSICS: Placement(week.slot(5, 2), "r101"),  # Monday of week B
        DOUBLE: Placement(week.slot(6, 0), "r101"),  # Tuesday of week B
    }
    published = await put(deps, centre, problem, timetable)
    patterns = sorted(r.pattern for r in published.rules)
    assert patterns == [((), (0,)), ((), (1,)), ((0,), ())]
    algebra = await Lesson.filter(group_id=centre.group_id).order_by("starts_at").limit(4)
    assert [(lesson.starts_at.day, lesson.starts_at.hour) for lesson in algebra] == [
        (7, 4),  # 09:25 in week A
        (14, 5),  # 10:20 in week B
        (21, 4),
        (28, 5),
    ]


async def test_unmatched_timetable_writes_nothing(deps: Deps, centre: LessonCentre) -> None:
    old = await create_rule(deps, centre.admin, data=rule(centre))
    base = school()
    problem = replace(base, rooms={"r101": Room("r101", "404")})
    with pytest.raises(TimetableRejected) as refused:
        _ = await put(deps, centre, problem, {**week_of(problem)})
    assert texts(refused.value) == ["There is no room named 404."]
    assert await ScheduleRule.all().count() == 1
    assert (await ScheduleRule.get(id=old.rule.id)).ends_on == date(2026, 9, 30)
    assert await Lesson.filter(rule_id=old.rule.id).count() == old.lessons


async def test_a_room_is_told_apart_by_its_building(deps: Deps, centre: LessonCentre) -> None:
    main = await create_building(deps, centre.admin, name="Негізгі ғимарат")
    annex = await create_room(
        deps, centre.admin, data=RoomData("101", RoomKind.CLASSROOM, 30, building_id=main.id)
    )
    problem = school()
    preview = await publish_preview(centre.admin, problem=problem, timetable=week_of(problem))
    assert [p.localised("en") for p in preview.problems] == [
        "Several rooms are called 101; give the room's building."
    ]
    problem = replace(
        problem,
        rooms={"r101": Room("r101", "101", building="b")},
        buildings={"b": Building("b", "негізгі  ғимарат")},
    )
    published = await put(deps, centre, problem, week_of(problem))
    assert {rule.room_id for rule in published.rules} == {annex.id}
    assert {rule.room_name for rule in published.rules} == {"Негізгі ғимарат, 101"}


async def test_unplaced_lesson_is_refused(deps: Deps, centre: LessonCentre) -> None:
    problem = school()
    timetable = {key: value for key, value in week_of(problem).items() if key != DOUBLE}
    with pytest.raises(TimetableRejected) as refused:
        _ = await put(deps, centre, problem, timetable)
    assert texts(refused.value) == ["Физика for Физика  8Б has no place in the timetable."]
    assert not await Lesson.exists()


async def test_clashes_with_lessons_kept_are_named_and_nothing_written(
    deps: Deps, centre: LessonCentre
) -> None:
    other = await second_group(deps, centre, name="Химия 9В", teacher=centre.teacher)
    _ = await lesson_at(deps, centre, date(2026, 9, 10), "09:00", group_id=other)
    _ = await lesson_at(
        deps, centre, date(2026, 9, 8), "09:00", group_id=other, room_id=centre.room_id
    )
    problem = school()
    with pytest.raises(TimetableRejected) as refused:
        _ = await put(deps, centre, problem, week_of(problem))
    assert texts(refused.value) == [
        "Алгебра for Алгебра 7А at 09:25: Ахметов Ерлан already teaches Химия 9В at that time: "
        "10.09.2026 09:00–10:30.",
        "Физика for Физика 8Б at 08:30: Room 101 is taken at that time by Химия 9В: "
        "08.09.2026 09:00–10:30, Ахметов Ерлан.",
    ]
    in_kazakh = refused.value.problems[1].localised("kk")
    assert in_kazakh.startswith("Физика 8Б тобының Физика сабағы, 08:30: 101 кабинеті")
    assert not await ScheduleRule.exists()
    assert await Lesson.all().count() == 2


async def test_clashes_inside_the_timetable_are_all_named(
    deps: Deps, centre: LessonCentre
) -> None:
    physics = (await Group.get(name="Физика 8Б")).id
    aigerim = centre.students[0].person_id or 0
    _ = await enrol_student(
        deps, centre.admin, group_id=physics, student_id=aigerim, starts_on=date(2026, 8, 1)
    )
    _ = await create_room(deps, centre.admin, data=RoomData("202", RoomKind.CLASSROOM, 20))
    base = school()
    problem = replace(
        base,
        rooms={**base.rooms, "r202": Room("r202", "202")},
        lessons={**base.lessons, 4: PlannedLesson(4, "phy", ("t1",), ("8b",))},
    )
    week = problem.week
    timetable = {
        **week_of(problem),
        DOUBLE: Placement(week.slot(0, 0), "r202"),  # Monday 08:30–10:10, over Algebra
        4: Placement(week.slot(3, 1), "r202"),  # Thursday with Algebra's teacher
    }
    with pytest.raises(TimetableRejected) as refused:
        _ = await put(deps, centre, problem, timetable)
    assert set(texts(refused.value)) == {
        "Омарова Айгерім has two lessons at once on Дүйсенбі at 09:25: "
        "Физика (Физика 8Б) and Алгебра (Алгебра 7А).",
        "Омарова Айгерім has two lessons at once on Бейсенбі at 09:25: "
        "Алгебра (Алгебра 7А) and Физика (Физика 8Б).",
        "Ахметов Ерлан has two lessons at once on Бейсенбі at 09:25: "
        "Алгебра (Алгебра 7А) and Физика (Физика 8Б).",
    }
    assert not await ScheduleRule.exists()


async def test_publishing_a_revised_timetable_replaces_the_first(
    deps: Deps, centre: LessonCentre
) -> None:
    problem = school()
    first = await put(deps, centre, problem, week_of(problem))
    revised = {**week_of(problem), PHYSICS: Placement(problem.week.slot(2, 3), "r101")}
    second = await publish(
        deps,
        centre.admin,
        problem=problem,
        timetable=revised,
        from_day=date(2026, 9, 14),
        bells=BELLS,
        duration_minutes=45,
    )
    assert second.ended_rules == len(first.rules) == 2
    patterns = sorted((r.pattern, r.start_time) for r in second.rules)
    assert patterns == [(((0,),), "09:25"), (((1,),), "08:30"), (((2,),), "11:15")]
    algebra = await Lesson.filter(group_id=centre.group_id).order_by("starts_at").limit(5)
    local_times = [lesson.starts_at.astimezone(centre.zone) for lesson in algebra]
    assert [moment.strftime("%d %H:%M") for moment in local_times] == [
        "07 09:25",
        "10 09:25",
        "14 09:25",
        "16 11:15",
        "21 09:25",
    ]


async def test_a_merged_stream_is_one_rule_per_group(deps: Deps, centre: LessonCentre) -> None:
    problem = school(lessons=(PlannedLesson(ALGEBRA, "alg", ("t1",), ("7a", "8b")),))
    timetable = {ALGEBRA: Placement(problem.week.slot(0, 0), "r101")}
    published = await put(deps, centre, problem, timetable)
    assert sorted(r.group_name for r in published.rules) == ["Алгебра 7А", "Физика 8Б"]
    monday = await Lesson.filter(starts_at__lt=local(centre, MONDAY, "23:00")).values_list(
        "group_id", "starts_at", "teacher_id"
    )
    eight_thirty, teacher = local(centre, MONDAY, "08:30"), centre.teacher.person_id
    assert sorted(monday) == [
        (centre.group_id, eight_thirty, teacher),
        ((await Group.get(name="Физика 8Б")).id, eight_thirty, teacher),
    ]


async def test_only_schedule_managers_publish(deps: Deps, centre: LessonCentre) -> None:
    problem = school()
    with pytest.raises(PermissionDenied):
        _ = await publish_preview(centre.teacher, problem=problem, timetable=week_of(problem))
    with pytest.raises(InvalidInput):
        _ = await publish(
            deps,
            centre.admin,
            problem=problem,
            timetable=week_of(problem),
            from_day=MONDAY,
            bells=[510, 540, 600, 660],  # 09:00 starts before the 08:30 lesson ends
            duration_minutes=45,
        )
    assert not await ScheduleRule.exists()


def test_bells_from_period_names() -> None:
    assert bells_from_periods(Week(("Mon",), ("1 (08:30)", "2 (9.25)"))) == [510, 565]
    assert bells_from_periods(Week(("Mon",), ("1", "2"))) is None
    assert bells_from_periods(Week(("Mon",), ("09:25", "08:30"))) is None
