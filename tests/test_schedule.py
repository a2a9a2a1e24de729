"""The schedule's core (issue 5): rules in the organisation's time zone, holidays, the
hard-conflict check, single-lesson changes, notifications, personal views and the .ics feed.

The frozen clock starts on Tuesday 1 September 2026, 11:00 in Almaty (06:00 UTC).
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from core.actor import Actor
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.i18n import gettext_for
from core.models.academics import Course, Group
from core.models.lessons import Attendance, AttendanceStatus, Lesson, ScheduleRule
from core.models.notifications import OutboxMessage
from core.models.people import Role
from core.services.academics import enrol_student
from core.services.demo import fill_demo
from core.services.lessons import LessonStatus, access_lesson
from core.services.people import add_role
from core.services.places import RoomData, RoomKind, create_room, list_places, set_room_archived
from core.services.schedule import (
    CANCELLED,
    MOVED,
    SUBSTITUTED,
    YOU_ARE_REPLACED,
    YOU_SUBSTITUTE,
    LessonData,
    RuleData,
    add_holiday,
    add_lesson,
    cancel_lesson,
    create_rule,
    end_rule,
    list_holidays,
    list_rules,
    move_lesson,
    remove_holiday,
    replace_rule,
    substitute_teacher,
)
from core.services.timetable import (
    CalendarSpan,
    ScheduleFilter,
    calendar_feed,
    feed_token,
    lesson_editing,
    my_timetable,
    next_lesson,
    schedule_calendar,
)
from tests.factories import make_member
from tests.lesson_factories import (
    LessonCentre,
    lesson_at,
    local,
    make_lesson_centre,
    make_second_group,
)
from tests.test_query_counts import counting_queries

MON, WED, THU = 0, 2, 3


def rule(
    centre: LessonCentre,
    *,
    pattern: tuple[tuple[int, ...], ...] = ((MON, WED),),
    start: str = "15:00",
    minutes: int = 90,
    starts_on: date = date(2026, 9, 7),
    ends_on: date = date(2026, 9, 30),
    room: bool = True,
    group_id: int | None = None,
    teacher: Actor | None = None,
) -> RuleData:
    hours, mins = (int(part) for part in start.split(":"))
    return RuleData(
        group_id=group_id or centre.group_id,
        teacher_id=(teacher or centre.teacher).person_id or 0,
        pattern=pattern,
        start_minute=hours * 60 + mins,
        duration_minutes=minutes,
        starts_on=starts_on,
        ends_on=ends_on,
        room_id=centre.room_id if room else None,
    )


async def lessons_of(group_id: int) -> list[Lesson]:
    return list(await Lesson.filter(group_id=group_id).order_by("starts_at"))


async def outbox_texts(person_id: int, language: str = "en") -> list[str]:
    rows = await OutboxMessage.filter(person_id=person_id).order_by("id")
    return [gettext_for(language, row.message).format(**row.params) for row in rows]


@pytest.fixture
async def centre(deps) -> LessonCentre:
    return await make_lesson_centre(deps)


# --- rules ---------------------------------------------------------------------------------


async def test_a_weekly_rule_puts_lessons_at_local_time_and_skips_holidays(deps, centre):
    await add_holiday(deps, centre.admin, day=date(2026, 9, 14), name="Мереке")

    created = await create_rule(deps, centre.admin, data=rule(centre))

    lessons = await lessons_of(centre.group_id)
    days = [lesson.starts_at.astimezone(centre.zone).date().day for lesson in lessons]
    assert days == [7, 9, 16, 21, 23, 28, 30]
    assert created.lessons == 7
    assert created.holidays_skipped == (date(2026, 9, 14),)
    # Almaty is five hours ahead of UTC: 15:00 there is 10:00 UTC.
    assert {lesson.starts_at.astimezone(UTC).hour for lesson in lessons} == {10}
    assert {lesson.ends_at - lesson.starts_at for lesson in lessons} == {timedelta(minutes=90)}
    assert all(lesson.rule_id == created.rule.id for lesson in lessons)  # type: ignore[attr-defined]
    assert created.rule.start_time == "15:00" and created.rule.end_time == "16:30"


async def test_a_rule_keeps_the_wall_clock_across_a_change_of_summer_time(deps, clock):
    berlin = await make_lesson_centre(deps, timezone="Europe/Berlin")
    clock.current = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)

    await create_rule(
        deps,
        berlin.admin,
        data=rule(
            berlin, pattern=((MON,),), starts_on=date(2026, 10, 19), ends_on=date(2026, 11, 2)
        ),
    )

    lessons = await lessons_of(berlin.group_id)
    assert [f"{lesson.starts_at.astimezone(berlin.zone):%d.%m %H:%M}" for lesson in lessons] == [
        "19.10 15:00",
        "26.10 15:00",
        "02.11 15:00",
    ]
    # Summer time ends on 25 October: the same local hour is an hour later in UTC.
    assert [lesson.starts_at.astimezone(UTC).hour for lesson in lessons] == [13, 14, 14]


async def test_a_two_week_cycle_alternates_its_weeks_from_the_first_week(deps, centre):
    await create_rule(
        deps,
        centre.admin,
        data=rule(
            centre,
            pattern=((MON,), (THU,)),
            starts_on=date(2026, 9, 9),  # a Wednesday: its week is the cycle's first
            ends_on=date(2026, 10, 4),
        ),
    )

    days = [
        lesson.starts_at.astimezone(centre.zone).date()
        for lesson in await lessons_of(centre.group_id)
    ]
    assert days == [date(2026, 9, 17), date(2026, 9, 21), date(2026, 10, 1)]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ends_on": date(2026, 9, 6)}, "ends_on", "The rule cannot end before it starts."),
        ({"ends_on": date(2028, 9, 8)}, "ends_on", "A rule covers at most two years"),
        ({"starts_on": date(2026, 8, 31)}, "starts_on", "A rule cannot start on a day"),
        ({"minutes": 0}, "duration_minutes", "A lesson lasts from 1 minute to 12 hours."),
        ({"minutes": 12 * 60 + 1}, "duration_minutes", "A lesson lasts from 1 minute"),
        ({"pattern": ((),)}, "pattern", "Choose at least one weekday."),
        ({"pattern": ((MON,),) * 4}, "pattern", "A cycle lasts one, two or three weeks."),
    ],
)
async def test_a_bad_rule_is_refused_and_nothing_is_stored(deps, centre, changes, field, message):
    with pytest.raises(InvalidInput) as refused:
        await create_rule(deps, centre.admin, data=rule(centre, **changes))

    assert refused.value.field == field
    assert message in refused.value.translated("en")
    assert not await ScheduleRule.exists()
    assert not await Lesson.exists()


async def test_a_rule_must_fit_the_groups_dates_and_have_a_teacher(deps, centre):
    student = centre.students[0]
    with pytest.raises(InvalidInput) as refused:
        await create_rule(deps, centre.admin, data=rule(centre, teacher=student))
    assert refused.value.field == "teacher_id"
    assert "Only active teachers" in refused.value.translated("en")

    await Group.filter(id=centre.group_id).update(ends_on=date(2026, 9, 20))
    with pytest.raises(InvalidInput) as refused:
        await create_rule(deps, centre.admin, data=rule(centre))
    assert refused.value.translated("en") == (
        "Group “Алгебра 7А” ends on 20.09.2026; the rule cannot go on after it."
    )


async def test_a_teacher_cannot_create_rules(deps, centre):
    with pytest.raises(PermissionDenied):
        await create_rule(deps, centre.teacher, data=rule(centre))
    assert not await Lesson.exists()


# --- conflicts ----------------------------------------------------------------------------


async def _refused_rule(deps, centre: LessonCentre, data: RuleData) -> str:
    before = await Lesson.all().count()
    with pytest.raises(Conflict) as refused:
        await create_rule(deps, centre.admin, data=data)
    assert await Lesson.all().count() == before
    assert not await ScheduleRule.exists()
    return refused.value.translated("en")


async def test_a_teacher_busy_with_another_group_refuses_the_rule(deps, centre):
    other = await make_second_group(deps, centre, teacher=centre.teacher)
    await lesson_at(deps, centre, date(2026, 9, 16), "16:00", group_id=other)

    message = await _refused_rule(deps, centre, rule(centre, room=False))

    assert message == (
        "Ахметов Ерлан already teaches Физика 8Б at that time: 16.09.2026 16:00–17:30."
    )


async def test_a_taken_room_refuses_the_rule(deps, centre):
    other = await make_second_group(deps, centre)
    await lesson_at(
        deps,
        centre,
        date(2026, 9, 21),
        "14:00",
        minutes=61,
        group_id=other,
        teacher=centre.substitute,
        room_id=centre.room_id,
    )

    message = await _refused_rule(deps, centre, rule(centre))

    assert message == (
        "Room 101 is taken at that time by Физика 8Б: 21.09.2026 14:00–15:01, Бекова Сәуле."
    )


async def test_the_group_cannot_have_two_lessons_at_once(deps, centre):
    await lesson_at(deps, centre, date(2026, 9, 9), "15:30", teacher=centre.substitute)

    message = await _refused_rule(deps, centre, rule(centre, room=False))

    assert message == (
        "Group Алгебра 7А already has a lesson at that time: 09.09.2026 15:30–17:00, Бекова Сәуле."
    )


async def test_a_student_in_two_groups_cannot_have_two_lessons_at_once(deps, centre):
    other = await make_second_group(deps, centre)
    timur = centre.students[1]
    await enrol_student(deps, centre.admin, group_id=other, student_id=timur.person_id)
    await lesson_at(
        deps, centre, date(2026, 9, 28), "16:00", group_id=other, teacher=centre.substitute
    )

    message = await _refused_rule(deps, centre, rule(centre, room=False))

    assert message == (
        "Ким Тимур also studies in Физика 8Б, which has a lesson then: "
        "28.09.2026 16:00–17:30, Бекова Сәуле."
    )


async def test_a_student_shared_with_another_organisation_is_the_only_thing_named(deps, centre):
    elsewhere = await make_lesson_centre(deps, name="Басқа орталық")
    chemistry = await make_second_group(deps, elsewhere, name="Химия 9В")
    timur = centre.students[1].person_id
    await add_role(deps, elsewhere.system, person_id=timur, role=Role.STUDENT)
    await enrol_student(deps, elsewhere.system, group_id=chemistry, student_id=timur)
    await lesson_at(
        deps,
        elsewhere,
        date(2026, 9, 28),
        "16:00",
        group_id=chemistry,
        teacher=elsewhere.substitute,
    )

    message = await _refused_rule(deps, centre, rule(centre, room=False))

    # The time is this organisation's lesson, not the other one's (16:00).
    assert message == (
        "Ким Тимур has a lesson in another organisation at that time: 28.09.2026 15:00–16:30."
    )


async def test_lessons_that_only_touch_or_are_cancelled_do_not_conflict(deps, centre):
    other = await make_second_group(deps, centre, teacher=centre.teacher)
    await lesson_at(deps, centre, date(2026, 9, 7), "16:30", group_id=other)  # right after
    blocking = await lesson_at(deps, centre, date(2026, 9, 9), "15:00", group_id=other)
    await cancel_lesson(deps, centre.admin, lesson_id=blocking, reason="Мұғалім ауырып қалды")

    created = await create_rule(deps, centre.admin, data=rule(centre))

    assert created.lessons == 8


async def test_a_room_of_the_wrong_kind_or_too_small_is_refused(deps, centre):
    await Course.filter(id=centre.course_id).update(room_kind=RoomKind.COMPUTER.value)
    with pytest.raises(InvalidInput) as refused:
        await create_rule(deps, centre.admin, data=rule(centre))
    assert refused.value.field == "room_id"
    assert refused.value.translated("en") == (
        "This course needs a computer room, and 101 is not one."
    )

    await Course.filter(id=centre.course_id).update(room_kind="")
    tiny = await create_room(
        deps, centre.admin, data=RoomData(name="Кабинет", kind=RoomKind.CLASSROOM, capacity=1)
    )
    with pytest.raises(InvalidInput) as refused:
        await add_lesson(
            deps,
            centre.admin,
            data=LessonData(
                group_id=centre.group_id,
                teacher_id=centre.teacher.person_id or 0,
                day=date(2026, 9, 8),
                start_minute=15 * 60,
                duration_minutes=45,
                room_id=tiny.id,
            ),
        )
    assert refused.value.translated("en") == (
        "Room Кабинет has 1 places, but group Алгебра 7А has 2 students."
    )
    assert not await Lesson.exists()


async def test_a_moved_lesson_that_collides_is_refused_and_stays_where_it_was(deps, centre):
    await create_rule(deps, centre.admin, data=rule(centre))
    first = (await lessons_of(centre.group_id))[0]

    with pytest.raises(Conflict) as refused:
        await move_lesson(
            deps,
            centre.admin,
            lesson_id=first.id,
            day=date(2026, 9, 9),
            start_minute=16 * 60,
            duration_minutes=90,
            room_id=centre.room_id,
        )

    assert "Ахметов Ерлан already teaches Алгебра 7А at that time: 09.09.2026 15:00–16:30." in (
        refused.value.translated("en")
    )
    unchanged = await Lesson.get(id=first.id)
    assert unchanged.starts_at == first.starts_at and not unchanged.detached
    assert not await OutboxMessage.filter(message=MOVED).exists()


# --- single lessons -------------------------------------------------------------------------


async def test_move_cancel_and_substitute_leave_the_rest_of_the_series_alone(deps, centre, clock):
    await create_rule(deps, centre.admin, data=rule(centre))
    before = await lessons_of(centre.group_id)
    moved, cancelled, substituted = before[1], before[2], before[3]

    await move_lesson(
        deps,
        centre.admin,
        lesson_id=moved.id,
        day=date(2026, 9, 10),
        start_minute=17 * 60,
        duration_minutes=60,
        room_id=None,
    )
    await cancel_lesson(deps, centre.admin, lesson_id=cancelled.id, reason="Ұстаз семинарда")
    view = await substitute_teacher(
        deps, centre.admin, lesson_id=substituted.id, teacher_id=centre.substitute.person_id
    )

    after = {lesson.id: lesson for lesson in await lessons_of(centre.group_id)}
    assert f"{after[moved.id].starts_at.astimezone(centre.zone):%d.%m %H:%M}" == "10.09 17:00"
    assert after[moved.id].room_id is None and after[moved.id].detached  # type: ignore[attr-defined]
    assert after[cancelled.id].status == LessonStatus.CANCELLED
    assert after[cancelled.id].cancel_reason == "Ұстаз семинарда"
    assert view.teacher_name == "Бекова Сәуле" and view.planned_teacher_name == "Ахметов Ерлан"
    changed = {moved.id, cancelled.id, substituted.id}
    for lesson in (lesson for lesson in before if lesson.id not in changed):
        now = after[lesson.id]
        assert (now.starts_at, now.status, now.detached, now.teacher_id) == (  # type: ignore[attr-defined]
            lesson.starts_at,
            LessonStatus.PLANNED,
            False,
            centre.teacher.person_id,
        )

    # Giving the lesson back to its own teacher clears the substitution.
    clock.advance(timedelta(minutes=5))
    back = await substitute_teacher(
        deps, centre.admin, lesson_id=substituted.id, teacher_id=centre.teacher.person_id
    )
    assert back.teacher_name == "Ахметов Ерлан" and not back.substituted


async def test_held_and_started_lessons_cannot_be_moved(deps, centre, clock):
    held = await lesson_at(deps, centre, date(2026, 9, 3), "15:00")
    await Lesson.filter(id=held).update(status=LessonStatus.HELD)
    with pytest.raises(Conflict) as refused:
        await cancel_lesson(deps, centre.admin, lesson_id=held, reason="—")
    assert "This lesson was held" in refused.value.translated("en")

    started = await lesson_at(deps, centre, date(2026, 9, 1), "10:30")
    with pytest.raises(Conflict) as refused:
        await move_lesson(
            deps,
            centre.admin,
            lesson_id=started,
            day=date(2026, 9, 2),
            start_minute=10 * 60,
            duration_minutes=90,
            room_id=None,
        )
    assert refused.value.translated("en") == (
        "This lesson has already started, so it can only be cancelled."
    )
    # A past lesson can still be cancelled.
    cancelled = await cancel_lesson(deps, centre.admin, lesson_id=started, reason="Жарық өшті")
    assert cancelled.status is LessonStatus.CANCELLED


async def test_a_moved_lesson_tells_students_parents_and_teacher_each_time(deps, centre, clock):
    lesson_id = await lesson_at(deps, centre, date(2026, 9, 8), "15:00")
    aigerim, timur = (student.person_id for student in centre.students)

    await move_lesson(
        deps,
        centre.admin,
        lesson_id=lesson_id,
        day=date(2026, 9, 8),
        start_minute=16 * 60,
        duration_minutes=90,
        room_id=None,
    )
    clock.advance(timedelta(hours=1))
    await move_lesson(
        deps,
        centre.admin,
        lesson_id=lesson_id,
        day=date(2026, 9, 9),
        start_minute=16 * 60,
        duration_minutes=90,
        room_id=None,
    )

    expected = [
        "The lesson of Алгебра 7А on 08.09 15:00 moved to 08.09 16:00.",
        "The lesson of Алгебра 7А on 08.09 16:00 moved to 09.09 16:00.",
    ]
    for person in (aigerim, timur, centre.parent.person_id, centre.teacher.person_id):
        assert await outbox_texts(person) == expected
    assert not await OutboxMessage.filter(person_id=centre.admin.person_id).exists()
    assert not await OutboxMessage.filter(person_id=centre.substitute.person_id).exists()


async def test_a_substitution_tells_the_group_the_substitute_and_the_teacher(deps, centre):
    lesson_id = await lesson_at(deps, centre, date(2026, 9, 8), "15:00")

    await substitute_teacher(
        deps, centre.admin, lesson_id=lesson_id, teacher_id=centre.substitute.person_id
    )

    by_message = {row.person_id: row.message for row in await OutboxMessage.all().order_by("id")}
    students = {student.person_id for student in centre.students}
    assert {p for p, m in by_message.items() if m == SUBSTITUTED} == {
        *students,
        centre.parent.person_id,
    }
    assert by_message[centre.substitute.person_id] == YOU_SUBSTITUTE
    assert by_message[centre.teacher.person_id] == YOU_ARE_REPLACED
    assert await outbox_texts(centre.substitute.person_id) == [
        "Please teach the lesson of Алгебра 7А on 08.09 15:00 instead of Ахметов Ерлан."
    ]


async def test_a_substitute_who_is_busy_is_refused(deps, centre):
    other = await make_second_group(deps, centre)
    await lesson_at(
        deps, centre, date(2026, 9, 8), "14:00", group_id=other, teacher=centre.substitute
    )
    lesson_id = await lesson_at(deps, centre, date(2026, 9, 8), "15:00")

    with pytest.raises(Conflict) as refused:
        await substitute_teacher(
            deps, centre.admin, lesson_id=lesson_id, teacher_id=centre.substitute.person_id
        )

    assert refused.value.translated("en") == (
        "Бекова Сәуле already teaches Физика 8Б at that time: 08.09.2026 14:00–15:30."
    )
    assert (await Lesson.get(id=lesson_id)).planned_teacher_id is None  # type: ignore[attr-defined]
    assert not await OutboxMessage.exists()


# --- ending rules and holidays -------------------------------------------------------------


async def test_ending_a_rule_keeps_held_and_used_lessons(deps, centre, clock):
    created = await create_rule(deps, centre.admin, data=rule(centre))
    lessons = await lessons_of(centre.group_id)
    used = lessons[4]  # 21.09, a parent reported an absence in advance
    await Attendance.create(
        lesson_id=used.id,
        student_id=centre.students[0].person_id,
        status=AttendanceStatus.EXCUSED,
        marked_at=clock.now(),
    )
    clock.current = local(centre, date(2026, 9, 17), "09:00")

    ended = await end_rule(deps, centre.admin, rule_id=created.rule.id, from_day=date(2026, 9, 17))

    left = await lessons_of(centre.group_id)
    assert [f"{lesson.starts_at.astimezone(centre.zone):%d.%m}" for lesson in left] == [
        "07.09",
        "09.09",
        "14.09",
        "16.09",
        "21.09",
    ]
    assert (ended.removed, ended.kept) == (3, 1)
    assert ended.rule.ends_on == date(2026, 9, 16)
    assert await outbox_texts(centre.students[1].person_id) == [
        "The timetable of Алгебра 7А changes from 07.09.2026. Open “Schedule” to see the lessons.",
        "The timetable of Алгебра 7А changes from 17.09.2026. Open “Schedule” to see the lessons.",
    ]


async def test_replacing_a_rule_moves_the_rest_of_the_series_in_one_go(deps, centre, clock):
    created = await create_rule(deps, centre.admin, data=rule(centre))
    clock.current = local(centre, date(2026, 9, 15), "09:00")

    replaced = await replace_rule(
        deps,
        centre.admin,
        rule_id=created.rule.id,
        data=rule(centre, pattern=((THU,),), start="10:00", starts_on=date(2026, 9, 16)),
    )

    days = [
        f"{lesson.starts_at.astimezone(centre.zone):%a %d.%m %H:%M}"
        for lesson in await lessons_of(centre.group_id)
    ]
    assert days == [
        "Mon 07.09 15:00",
        "Wed 09.09 15:00",
        "Mon 14.09 15:00",
        "Thu 17.09 10:00",
        "Thu 24.09 10:00",
    ]
    assert replaced.lessons == 2
    assert (await ScheduleRule.get(id=created.rule.id)).ends_on == date(2026, 9, 15)


async def test_a_holiday_cancels_that_days_lessons_but_not_those_changed_by_hand(deps, centre):
    other = await make_second_group(deps, centre)
    await create_rule(deps, centre.admin, data=rule(centre))
    extra = await lesson_at(
        deps, centre, date(2026, 9, 16), "10:00", group_id=other, teacher=centre.substitute
    )
    await move_lesson(
        deps,
        centre.admin,
        lesson_id=extra,
        day=date(2026, 9, 16),
        start_minute=11 * 60,
        duration_minutes=60,
        room_id=None,
    )
    await OutboxMessage.all().delete()

    added = await add_holiday(deps, centre.admin, day=date(2026, 9, 16), name="Білім күні")

    assert added.cancelled == 1
    cancelled = await Lesson.get(group_id=centre.group_id, status=LessonStatus.CANCELLED)
    assert cancelled.cancel_reason == "Білім күні"
    assert (await Lesson.get(id=extra)).status == LessonStatus.PLANNED
    assert await outbox_texts(centre.parent.person_id) == [
        "The lesson of Алгебра 7А on 16.09 15:00 is cancelled: Білім күні"
    ]
    assert {row.message for row in await OutboxMessage.all()} == {CANCELLED}


async def test_a_room_with_planned_lessons_cannot_be_archived(deps, centre):
    await create_rule(deps, centre.admin, data=rule(centre))
    with pytest.raises(Conflict) as refused:
        await set_room_archived(deps, centre.admin, room_id=centre.room_id, archived=True)
    assert refused.value.translated("en").startswith("Room 101 still has 8 planned lessons.")


# --- views -------------------------------------------------------------------------------


async def test_timetables_of_a_student_a_parent_and_a_teacher(deps, centre):
    other = await make_second_group(deps, centre)
    await create_rule(deps, centre.admin, data=rule(centre))
    await lesson_at(
        deps, centre, date(2026, 9, 7), "10:00", group_id=other, teacher=centre.substitute
    )
    lessons = await lessons_of(centre.group_id)
    await substitute_teacher(
        deps, centre.admin, lesson_id=lessons[1].id, teacher_id=centre.substitute.person_id
    )
    aigerim = centre.students[0]

    week = await my_timetable(deps, aigerim, first_day=date(2026, 9, 7), days=7)
    assert [f"{v.local_start:%d.%m %H:%M} {v.group_name}" for v in week.lessons] == [
        "07.09 15:00 Алгебра 7А",
        "09.09 15:00 Алгебра 7А",
    ]
    child = await my_timetable(
        deps, centre.parent, first_day=date(2026, 9, 7), days=7, child_id=aigerim.person_id
    )
    assert child.person_name == "Омарова Айгерім" and len(child.lessons) == 2
    teacher = await my_timetable(deps, centre.teacher, first_day=date(2026, 9, 7), days=7)
    assert [(v.local_day.day, v.substituted) for v in teacher.lessons] == [(7, False), (9, True)]
    substitute = await my_timetable(deps, centre.substitute, first_day=date(2026, 9, 7), days=7)
    assert [v.group_name for v in substitute.lessons] == ["Физика 8Б", "Алгебра 7А"]

    coming = await next_lesson(deps, centre.teacher)
    assert coming.lesson is not None and coming.lesson.id == lessons[0].id

    with pytest.raises(NotFound):
        await my_timetable(deps, centre.parent, child_id=centre.students[1].person_id)


async def test_the_calendar_is_for_staff_of_the_organisation(deps, centre):
    await create_rule(deps, centre.admin, data=rule(centre))
    stranger_centre = await make_lesson_centre(deps, name="Басқа орталық")

    week = await schedule_calendar(
        deps, centre.teacher, span=CalendarSpan.WEEK, day=date(2026, 9, 9)
    )
    assert [day.day.day for day in week.days if day.lessons] == [7, 9]
    assert week.first_day == date(2026, 9, 7) and week.last_day == date(2026, 9, 13)
    month = await schedule_calendar(
        deps,
        centre.admin,
        span=CalendarSpan.MONTH,
        day=date(2026, 9, 9),
        filters=ScheduleFilter(room_id=centre.room_id),
    )
    assert month.lesson_count == 8 and len(month.weeks) == 5

    with pytest.raises(PermissionDenied):
        await schedule_calendar(deps, centre.students[0], span=CalendarSpan.WEEK)
    others = await schedule_calendar(
        deps, stranger_centre.admin, span=CalendarSpan.MONTH, day=date(2026, 9, 9)
    )
    assert others.lesson_count == 0
    lesson = (await lessons_of(centre.group_id))[0]
    with pytest.raises(NotFound):
        await lesson_editing(deps, stranger_centre.admin, lesson_id=lesson.id)
    stranger = stranger_centre.students[0]
    assert (await my_timetable(deps, stranger, first_day=date(2026, 9, 7), days=30)).lessons == ()


# --- the feed -----------------------------------------------------------------------------


def events_of(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


async def test_the_feed_lists_the_persons_own_lessons_with_changes(deps, centre, clock):
    other = await make_second_group(deps, centre)
    await create_rule(deps, centre.admin, data=rule(centre, ends_on=date(2026, 9, 13)))
    await lesson_at(
        deps, centre, date(2026, 9, 8), "10:00", group_id=other, teacher=centre.substitute
    )
    first, second = await lessons_of(centre.group_id)
    timur = centre.students[1].person_id
    token = feed_token(deps.settings, timur)

    events = events_of(await calendar_feed(deps, person_id=timur, token=token))
    assert [str(event["summary"]) for event in events] == ["Алгебра · Алгебра 7А"] * 2
    assert events[0]["dtstart"].dt == first.starts_at
    assert str(events[0]["location"]) == "101"
    assert str(events[0]["uid"]) == f"lesson-{first.id}@127.0.0.1"
    sequence = int(events[1]["sequence"])

    clock.advance(timedelta(minutes=3))
    await cancel_lesson(deps, centre.admin, lesson_id=second.id, reason="Карантин")
    events = events_of(await calendar_feed(deps, person_id=timur, token=token))
    assert str(events[1]["status"]) == "CANCELLED"
    assert int(events[1]["sequence"]) > sequence
    assert str(events[1]["uid"]) == f"lesson-{second.id}@127.0.0.1"

    parent = centre.parent.person_id
    parent_feed = await calendar_feed(
        deps, person_id=parent, token=feed_token(deps.settings, parent)
    )
    assert len(events_of(parent_feed)) == 2
    teacher = centre.substitute.person_id
    teacher_feed = await calendar_feed(
        deps, person_id=teacher, token=feed_token(deps.settings, teacher)
    )
    assert [str(event["summary"]) for event in events_of(teacher_feed)] == ["Физика · Физика 8Б"]


async def test_a_wrong_feed_token_finds_nothing(deps, centre):
    timur = centre.students[1].person_id
    with pytest.raises(NotFound):
        await calendar_feed(deps, person_id=timur, token=feed_token(deps.settings, timur + 1))
    with pytest.raises(NotFound):
        await calendar_feed(deps, person_id=timur, token="")


async def test_a_teacher_of_the_organisation_only_can_be_given_a_lesson(deps, centre):
    lesson_id = await lesson_at(deps, centre, date(2026, 9, 8), "15:00")
    outsider = await make_lesson_centre(deps, name="Басқа")
    with pytest.raises(InvalidInput):
        await substitute_teacher(
            deps, centre.admin, lesson_id=lesson_id, teacher_id=outsider.teacher.person_id
        )
    manager = await make_member(deps, centre.system, Role.MANAGER)
    view = await substitute_teacher(
        deps, manager, lesson_id=lesson_id, teacher_id=centre.substitute.person_id
    )
    assert view.substituted


async def test_the_demo_centre_has_rooms_rules_and_a_week_of_lessons(deps):
    demo = await fill_demo(deps, password="demo password")
    admin = Actor.system(demo.organisation_id, "test")

    rules = await list_rules(deps, admin)
    week = await schedule_calendar(deps, admin, span=CalendarSpan.WEEK, day=date(2026, 9, 9))
    places = await list_places(admin)

    assert len(rules) == 6
    assert week.lesson_count == 10  # four groups twice, physics on Saturday, Python once
    assert {room.kind for room in places.rooms} >= {RoomKind.COMPUTER, RoomKind.ONLINE}
    assert [h.name for h in await list_holidays(admin)] == ["Республика күні"]


# --- races, forged ids and costs ------------------------------------------------------------


async def test_two_clashing_lessons_added_at_once_store_one(deps, centre):
    first = LessonData(
        group_id=centre.group_id,
        teacher_id=centre.teacher.person_id,
        day=date(2026, 9, 8),
        start_minute=15 * 60,
        duration_minutes=90,
    )
    second = replace(first, start_minute=15 * 60 + 30, room_id=centre.room_id)

    results = await asyncio.gather(
        add_lesson(deps, centre.admin, data=first),
        add_lesson(deps, centre.admin, data=second),
        return_exceptions=True,
    )

    assert sorted(type(result).__name__ for result in results) == ["Conflict", "LessonView"]
    assert await Lesson.filter(group_id=centre.group_id).count() == 1


HUGE = 2**63


async def test_ids_no_row_can_have_find_nothing(deps, centre):
    lesson_id = await lesson_at(deps, centre, date(2026, 9, 8), "15:00")
    data = LessonData(
        group_id=centre.group_id,
        teacher_id=centre.teacher.person_id,
        day=date(2026, 9, 9),
        start_minute=15 * 60,
        duration_minutes=90,
    )
    with pytest.raises(NotFound):
        await access_lesson(centre.admin, HUGE)
    with pytest.raises(NotFound):
        await lesson_editing(deps, centre.admin, lesson_id=HUGE)
    with pytest.raises(NotFound):
        await cancel_lesson(deps, centre.admin, lesson_id=HUGE, reason="Жоқ")
    with pytest.raises(NotFound):
        await end_rule(deps, centre.admin, rule_id=HUGE, from_day=date(2026, 9, 9))
    with pytest.raises(NotFound):
        await remove_holiday(deps, centre.admin, holiday_id=HUGE)
    with pytest.raises(NotFound):
        await list_rules(deps, centre.admin, group_id=HUGE)
    with pytest.raises(NotFound):
        await add_lesson(deps, centre.admin, data=replace(data, group_id=HUGE))
    with pytest.raises(InvalidInput):
        await add_lesson(deps, centre.admin, data=replace(data, teacher_id=HUGE))
    with pytest.raises(InvalidInput):
        await add_lesson(deps, centre.admin, data=replace(data, room_id=HUGE))
    with pytest.raises(InvalidInput):
        await substitute_teacher(deps, centre.admin, lesson_id=lesson_id, teacher_id=HUGE)
    assert await Lesson.all().count() == 1


async def _queries_for_a_holiday(deps, monkeypatch, lessons: int) -> int:
    centre = await make_lesson_centre(deps)
    other = await make_second_group(deps, centre)
    await enrol_student(
        deps, centre.admin, group_id=other, student_id=centre.students[0].person_id
    )
    for hour in range(lessons):
        await lesson_at(
            deps,
            centre,
            date(2026, 9, 9),
            f"{9 + 2 * hour:02d}:00",
            group_id=(centre.group_id, other)[hour % 2],
            teacher=(centre.teacher, centre.substitute)[hour % 2],
        )
    with counting_queries(monkeypatch) as seen:
        added = await add_holiday(deps, centre.admin, day=date(2026, 9, 9))
    assert added.cancelled == lessons
    # Queueing is one insert per recipient (the outbox's business); the rest must not grow.
    return len([query for query in seen if "outbox" not in query.lower()])


async def test_a_holiday_costs_the_same_for_2_or_6_cancelled_lessons(deps, monkeypatch):
    few = await _queries_for_a_holiday(deps, monkeypatch, 2)
    assert 0 < few == await _queries_for_a_holiday(deps, monkeypatch, 6)
