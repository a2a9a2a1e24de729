"""Attendance through the core services (issue 5): marking, corrections, parents' notices and
parents reporting absences. ``make_classroom`` is shared by the other attendance tests."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.actor import Actor
from core.clock import FrozenClock
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.events import AttendanceChanged, Event, LessonHeld
from core.i18n import gettext_for
from core.models.audit import AuditRecord
from core.models.lessons import Attendance, Lesson, LessonStatus
from core.models.notifications import OutboxMessage
from core.services.academics import (
    CourseData,
    GroupData,
    create_course,
    create_group,
    enrol_student,
)
from core.services.attendance import (
    AttendanceStatus,
    coming_lessons,
    lesson_roster,
    lessons_to_mark,
    mark_attendance,
    report_absence,
    report_day_absence,
)
from core.services.lesson_settings import set_reminder_choice
from core.services.lessons import do_create_lesson
from core.services.people import Role, link_parent
from core.tx import transaction
from tests.factories import make_member, make_organisation, make_student
from tests.test_query_counts import counting_queries

ALMATY = ZoneInfo("Asia/Almaty")
PRESENT, ABSENT, LATE, EXCUSED = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.ABSENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
)
#: The frozen clock's "now": Tuesday 1 September 2026, 11:00 in Almaty.
TODAY = date(2026, 9, 1)
ENROLLED_ON = date(2026, 8, 1)


def local(day: date, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in Almaty as the UTC moment the database keeps."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ALMATY).astimezone(UTC)


@dataclass(frozen=True)
class Classroom:
    """A group "Алгебра 7А" taught by Ахметов Ерлан with two students; Айгерім's mother is a
    parent with an account; another group has its own teacher and student. ``lesson_id`` is
    today's lesson at 10:00, already begun."""

    admin: Actor
    teacher: Actor
    other_teacher: Actor
    parent: Actor
    group_id: int
    other_group_id: int
    aigerim: int
    nurlan: int
    stranger: int
    lesson_id: int


async def add_lesson(
    deps: Deps,
    room: Classroom,
    starts_at: datetime,
    *,
    minutes: int = 60,
    group_id: int | None = None,
    teacher_id: int | None = None,
) -> int:
    async with transaction(deps) as tx:
        lesson = await do_create_lesson(
            tx,
            room.admin,
            group_id=group_id or room.group_id,
            teacher_id=teacher_id or room.teacher.person_id or 0,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=minutes),
        )
    return lesson.id


async def make_classroom(deps: Deps) -> Classroom:
    system = await make_organisation(deps, name="Білім орталығы")
    admin = await make_member(
        deps, system, Role.ADMIN, last_name="Әкімова", first_name="Дина", login="admin@bilim.kz"
    )
    teacher = await make_member(
        deps, system, Role.TEACHER, last_name="Ахметов", first_name="Ерлан", login="erlan@bilim.kz"
    )
    other_teacher = await make_member(
        deps, system, Role.TEACHER, last_name="Ким", first_name="Олег", login="oleg@bilim.kz"
    )
    parent = await make_member(
        deps, system, Role.PARENT, last_name="Омарова", first_name="Сәуле", login="saule@bilim.kz"
    )
    aigerim = await make_student(deps, admin, "Омарова", "Айгерім")
    nurlan = await make_student(deps, admin, "Сейітов", "Нұрлан")
    stranger = await make_student(deps, admin, "Ли", "Виктор")
    await link_parent(deps, admin, parent_id=parent.person_id or 0, child_id=aigerim)
    course = await create_course(deps, admin, data=CourseData(name_ru="Алгебра"))
    group = await create_group(
        deps,
        admin,
        data=GroupData(
            course_id=course.id, name="Алгебра 7А", capacity=10, teacher_ids=(teacher.person_id,)
        ),
    )
    other = await create_group(
        deps,
        admin,
        data=GroupData(
            course_id=course.id,
            name="Алгебра 8Б",
            capacity=10,
            teacher_ids=(other_teacher.person_id,),
        ),
    )
    for student in (aigerim, nurlan):
        await enrol_student(
            deps, admin, group_id=group.id, student_id=student, starts_on=ENROLLED_ON
        )
    await enrol_student(deps, admin, group_id=other.id, student_id=stranger, starts_on=ENROLLED_ON)
    room = Classroom(
        admin=admin,
        teacher=teacher,
        other_teacher=other_teacher,
        parent=parent,
        group_id=group.id,
        other_group_id=other.id,
        aigerim=aigerim,
        nurlan=nurlan,
        stranger=stranger,
        lesson_id=0,
    )
    lesson_id = await add_lesson(deps, room, local(TODAY, 10))
    return Classroom(**{**room.__dict__, "lesson_id": lesson_id})


def record(deps: Deps) -> list[Event]:
    """Every LessonHeld and AttendanceChanged published from now on."""
    seen: list[Event] = []

    async def keep(event: Event) -> None:
        seen.append(event)

    deps.events.subscribe(LessonHeld, keep)
    deps.events.subscribe(AttendanceChanged, keep)
    return seen


async def marks_of(lesson_id: int) -> dict[int, str]:
    return {
        row["student_id"]: row["status"]
        for row in await Attendance.filter(lesson_id=lesson_id).values("student_id", "status")
    }


async def told(person_id: int) -> list[str]:
    """What the outbox will tell a person, in English."""
    rows = await OutboxMessage.filter(person_id=person_id).order_by("id")
    return [gettext_for("en", row.message).format(**row.params) for row in rows]


async def test_marking_closes_the_lesson_as_held_once(deps: Deps, clock: FrozenClock):
    room = await make_classroom(deps)
    events = record(deps)

    result = await mark_attendance(
        deps,
        room.teacher,
        lesson_id=room.lesson_id,
        marks={room.aigerim: PRESENT, room.nurlan: ABSENT},
        notes={room.nurlan: "  Ауырып қалды  "},
    )

    assert (result.present, result.absent, result.late, result.excused) == (1, 1, 0, 0)
    assert result.held_now and result.lesson.status is LessonStatus.HELD
    lesson = await Lesson.get(id=room.lesson_id)
    assert (lesson.status, lesson.held_at) == (LessonStatus.HELD, clock.now())
    roster = await lesson_roster(deps, room.teacher, lesson_id=room.lesson_id)
    assert [
        (line.full_name, line.status, line.note, line.marked_by_name) for line in roster.lines
    ] == [
        ("Омарова Айгерім", PRESENT, "", "Ахметов Ерлан"),
        ("Сейітов Нұрлан", ABSENT, "Ауырып қалды", "Ахметов Ерлан"),
    ]

    clock.advance(timedelta(minutes=5))
    again = await mark_attendance(
        deps, room.teacher, lesson_id=room.lesson_id, marks={room.nurlan: LATE}
    )

    assert not again.held_now
    assert [type(event) for event in events] == [LessonHeld, AttendanceChanged, AttendanceChanged]
    assert events[0] == LessonHeld(
        organisation_id=room.admin.organisation_id,
        lesson_id=room.lesson_id,
        group_id=room.group_id,
    )
    assert events[2] == AttendanceChanged(
        organisation_id=room.admin.organisation_id,
        lesson_id=room.lesson_id,
        student_ids=(room.nurlan,),
    )
    assert (await Lesson.get(id=room.lesson_id)).held_at == clock.now() - timedelta(minutes=5)


async def test_someone_outside_the_group_is_named_and_nothing_is_written(deps: Deps):
    room = await make_classroom(deps)

    with pytest.raises(InvalidInput) as refused:
        await mark_attendance(
            deps,
            room.teacher,
            lesson_id=room.lesson_id,
            marks={room.aigerim: PRESENT, room.stranger: ABSENT, 999_999: ABSENT},
        )

    assert refused.value.translated("en") == (
        "Not in the group of this lesson: Ли Виктор, #999999. Nothing was saved."
    )
    assert await marks_of(room.lesson_id) == {}
    assert (await Lesson.get(id=room.lesson_id)).status is LessonStatus.PLANNED


async def test_a_student_who_joined_after_the_lesson_day_is_not_in_it(deps: Deps):
    room = await make_classroom(deps)
    newcomer = await make_student(deps, room.admin, "Жаңа", "Әлихан")
    await enrol_student(
        deps,
        room.admin,
        group_id=room.group_id,
        student_id=newcomer,
        starts_on=TODAY + timedelta(days=1),
    )

    with pytest.raises(InvalidInput):
        await mark_attendance(
            deps, room.teacher, lesson_id=room.lesson_id, marks={newcomer: PRESENT}
        )
    roster = await lesson_roster(deps, room.teacher, lesson_id=room.lesson_id)
    assert newcomer not in {line.student_id for line in roster.lines}


async def test_a_cancelled_lesson_cannot_be_marked(deps: Deps):
    room = await make_classroom(deps)
    # Cancelling is the schedule's use case; the row is changed directly here.
    await Lesson.filter(id=room.lesson_id).update(status=LessonStatus.CANCELLED)

    with pytest.raises(Conflict):
        await mark_attendance(
            deps, room.teacher, lesson_id=room.lesson_id, marks={room.aigerim: PRESENT}
        )
    assert await marks_of(room.lesson_id) == {}


async def test_before_a_lesson_only_excused_absences_can_be_marked(deps: Deps):
    room = await make_classroom(deps)
    later = await add_lesson(deps, room, local(TODAY, 15))

    with pytest.raises(InvalidInput) as refused:
        await mark_attendance(
            deps,
            room.teacher,
            lesson_id=later,
            marks={room.aigerim: EXCUSED, room.nurlan: PRESENT},
        )
    assert "only excused absences" in refused.value.translated("en")
    assert await marks_of(later) == {}

    result = await mark_attendance(
        deps, room.teacher, lesson_id=later, marks={room.aigerim: EXCUSED}
    )

    assert not result.held_now
    assert await marks_of(later) == {room.aigerim: "excused"}
    assert (await Lesson.get(id=later)).status is LessonStatus.PLANNED


async def test_only_those_who_teach_may_mark(deps: Deps):
    room = await make_classroom(deps)

    with pytest.raises(PermissionDenied):
        await mark_attendance(
            deps, room.other_teacher, lesson_id=room.lesson_id, marks={room.aigerim: PRESENT}
        )
    with pytest.raises(PermissionDenied):
        await mark_attendance(
            deps, room.parent, lesson_id=room.lesson_id, marks={room.aigerim: PRESENT}
        )
    with pytest.raises(NotFound):
        await mark_attendance(deps, room.teacher, lesson_id=999_999, marks={room.aigerim: PRESENT})
    # An admin holds teaching.any: they may mark any lesson.
    await mark_attendance(
        deps, room.admin, lesson_id=room.lesson_id, marks={room.aigerim: PRESENT}
    )
    assert await marks_of(room.lesson_id) == {room.aigerim: "present"}


async def test_a_correction_is_audited_with_its_value_before(deps: Deps, clock: FrozenClock):
    room = await make_classroom(deps)
    await mark_attendance(
        deps,
        room.teacher,
        lesson_id=room.lesson_id,
        marks={room.aigerim: PRESENT, room.nurlan: PRESENT},
    )
    clock.advance(timedelta(hours=3))

    await mark_attendance(
        deps,
        room.teacher,
        lesson_id=room.lesson_id,
        marks={room.aigerim: PRESENT, room.nurlan: LATE},
        notes={room.nurlan: "10 минут"},
    )

    marked = await AuditRecord.filter(action="attendance.mark", object_id=str(room.lesson_id))
    assert len(marked) == 1
    (correction,) = await AuditRecord.filter(
        action="attendance.correct", object_id=str(room.lesson_id)
    )
    assert correction.actor_person_id == room.teacher.person_id
    assert correction.before == {str(room.nurlan): {"status": "present", "note": ""}}
    assert correction.after == {str(room.nurlan): {"status": "late", "note": "10 минут"}}


async def test_correcting_a_lesson_marked_on_an_earlier_day_needs_the_permission(
    deps: Deps, clock: FrozenClock
):
    room = await make_classroom(deps)
    await mark_attendance(
        deps, room.teacher, lesson_id=room.lesson_id, marks={room.aigerim: PRESENT}
    )
    clock.current = local(TODAY + timedelta(days=1), 9)

    with pytest.raises(PermissionDenied) as refused:
        await mark_attendance(
            deps,
            room.teacher,
            lesson_id=room.lesson_id,
            marks={room.aigerim: ABSENT, room.nurlan: PRESENT},
        )
    assert "marked on an earlier day" in refused.value.translated("en")
    assert await marks_of(room.lesson_id) == {room.aigerim: "present"}
    assert not await AuditRecord.filter(action="attendance.correct").exists()

    await mark_attendance(
        deps,
        room.admin,
        lesson_id=room.lesson_id,
        marks={room.aigerim: ABSENT, room.nurlan: PRESENT},
    )
    assert await marks_of(room.lesson_id) == {room.aigerim: "absent", room.nurlan: "present"}


async def test_a_lesson_left_unmarked_can_be_marked_on_a_later_day(deps: Deps, clock: FrozenClock):
    room = await make_classroom(deps)
    clock.current = local(TODAY + timedelta(days=2), 9)

    result = await mark_attendance(
        deps, room.teacher, lesson_id=room.lesson_id, marks={room.aigerim: PRESENT}
    )
    clock.advance(timedelta(minutes=10))
    await mark_attendance(deps, room.teacher, lesson_id=room.lesson_id, marks={room.aigerim: LATE})

    assert result.held_now
    assert await marks_of(room.lesson_id) == {room.aigerim: "late"}


async def test_parents_are_told_of_absent_and_late_only(deps: Deps):
    room = await make_classroom(deps)
    parent = room.parent.person_id or 0

    await mark_attendance(
        deps, room.teacher, lesson_id=room.lesson_id, marks={room.aigerim: PRESENT}
    )
    assert await told(parent) == []

    await mark_attendance(
        deps, room.teacher, lesson_id=room.lesson_id, marks={room.aigerim: ABSENT}
    )
    await mark_attendance(deps, room.teacher, lesson_id=room.lesson_id, marks={room.aigerim: LATE})
    await mark_attendance(
        deps, room.teacher, lesson_id=room.lesson_id, marks={room.aigerim: ABSENT}
    )

    assert await told(parent) == [
        "Омарова Айгерім is absent from the lesson of group Алгебра 7А at 01.09 10:00.",
        "Омарова Айгерім was late for the lesson of group Алгебра 7А at 01.09 10:00.",
    ]
    # Nobody else's parent is told: Нұрлан has no parent on record.
    assert await OutboxMessage.all().count() == 2


async def test_a_parent_who_turned_notices_off_is_not_told(deps: Deps):
    room = await make_classroom(deps)
    await set_reminder_choice(deps, room.parent, absence_notices=False)

    await mark_attendance(
        deps, room.teacher, lesson_id=room.lesson_id, marks={room.aigerim: ABSENT}
    )

    assert await told(room.parent.person_id or 0) == []


async def test_parents_choices_are_read_once_however_many_parents_are_told(
    deps: Deps, monkeypatch: pytest.MonkeyPatch
):
    room = await make_classroom(deps)
    system = Actor.system(room.admin.organisation_id, "test")
    father = await make_member(deps, system, Role.PARENT, last_name="Омаров", first_name="Асқар")
    other = await make_member(deps, system, Role.PARENT, last_name="Сейітова", first_name="Гүл")
    await link_parent(deps, room.admin, parent_id=father.person_id or 0, child_id=room.aigerim)
    await link_parent(deps, room.admin, parent_id=other.person_id or 0, child_id=room.nurlan)
    await set_reminder_choice(deps, other, absence_notices=False)

    with counting_queries(monkeypatch) as seen:
        await mark_attendance(
            deps,
            room.teacher,
            lesson_id=room.lesson_id,
            marks={room.aigerim: ABSENT, room.nurlan: ABSENT},
        )

    assert sum("reminder_preference" in query for query in seen) == 1
    notice = "Омарова Айгерім is absent from the lesson of group Алгебра 7А at 01.09 10:00."
    assert await told(room.parent.person_id or 0) == [notice]
    assert await told(father.person_id or 0) == [notice]
    assert await told(other.person_id or 0) == []


async def test_a_default_mark_fills_in_only_students_still_unmarked(
    deps: Deps, clock: FrozenClock
):
    room = await make_classroom(deps)
    later = await add_lesson(deps, room, local(TODAY, 15))
    await report_absence(deps, room.parent, child_id=room.aigerim, lesson_id=later, reason="Тұмау")
    clock.current = local(TODAY, 15, 5)

    result = await mark_attendance(
        deps,
        room.teacher,
        lesson_id=later,
        marks={room.aigerim: PRESENT, room.nurlan: PRESENT},
        if_unmarked={room.aigerim, room.nurlan},
    )

    assert result.changed == (room.nurlan,)
    assert (result.present, result.excused) == (1, 1)
    assert await marks_of(later) == {room.aigerim: "excused", room.nurlan: "present"}
    await mark_attendance(deps, room.teacher, lesson_id=later, marks={room.aigerim: PRESENT})
    assert await marks_of(later) == {room.aigerim: "present", room.nurlan: "present"}


async def test_marking_twice_at_once_leaves_one_mark_per_student(deps: Deps):
    room = await make_classroom(deps)
    events = record(deps)

    # The same path twice (a double tap, two devices) runs in lockstep: both transactions are
    # open at once, which is the race the lesson's row lock settles.
    await asyncio.gather(
        *(
            mark_attendance(
                deps,
                room.teacher,
                lesson_id=room.lesson_id,
                marks={room.aigerim: ABSENT, room.nurlan: PRESENT},
            )
            for _ in range(2)
        )
    )

    rows = await Attendance.filter(lesson_id=room.lesson_id).values("student_id", "status")
    assert sorted((row["student_id"], row["status"]) for row in rows) == sorted(
        [(room.aigerim, "absent"), (room.nurlan, "present")]
    )
    assert sum(isinstance(event, LessonHeld) for event in events) == 1
    assert len(await told(room.parent.person_id or 0)) == 1


async def test_the_roster_shows_a_parents_report(deps: Deps, clock: FrozenClock):
    room = await make_classroom(deps)
    later = await add_lesson(deps, room, local(TODAY, 15))

    await report_absence(deps, room.parent, child_id=room.aigerim, lesson_id=later, reason="Тұмау")

    roster = await lesson_roster(deps, room.teacher, lesson_id=later)
    line = next(line for line in roster.lines if line.student_id == room.aigerim)
    assert (line.status, line.note, line.reported_by_name) == (EXCUSED, "Тұмау", "Омарова Сәуле")
    assert roster.can_mark and not roster.started
    outsider = await lesson_roster(deps, room.other_teacher, lesson_id=later)
    assert not outsider.can_mark
    with pytest.raises(PermissionDenied):
        await lesson_roster(deps, room.parent, lesson_id=later)


async def test_a_parent_reports_an_absence_and_the_teacher_is_told(deps: Deps):
    room = await make_classroom(deps)
    later = await add_lesson(deps, room, local(TODAY, 15))
    events = record(deps)

    report = await report_absence(
        deps, room.parent, child_id=room.aigerim, lesson_id=later, reason=""
    )
    await report_absence(deps, room.parent, child_id=room.aigerim, lesson_id=later, reason="")

    assert report.child_name == "Омарова Айгерім"
    row = await Attendance.get(lesson_id=later, student_id=room.aigerim)
    assert (row.status, row.reported_by_id) == (EXCUSED, room.parent.person_id)  # type: ignore[attr-defined]
    assert await told(room.teacher.person_id or 0) == [
        "Омарова Сәуле reports that Омарова Айгерім will miss the lesson of group Алгебра 7А "
        "at 01.09 15:00."
    ]
    assert events == [
        AttendanceChanged(
            organisation_id=room.admin.organisation_id,
            lesson_id=later,
            student_ids=(room.aigerim,),
        )
    ]
    assert await AuditRecord.filter(action="attendance.report_absence").count() == 1


async def test_reporting_an_absence_is_refused_when_it_cannot_apply(deps: Deps):
    room = await make_classroom(deps)
    later = await add_lesson(deps, room, local(TODAY, 15))
    cancelled = await add_lesson(deps, room, local(TODAY, 17))
    await Lesson.filter(id=cancelled).update(status=LessonStatus.CANCELLED)

    with pytest.raises(InvalidInput) as begun:
        await report_absence(deps, room.parent, child_id=room.aigerim, lesson_id=room.lesson_id)
    assert "already begun" in begun.value.translated("en")
    with pytest.raises(PermissionDenied):
        await report_absence(deps, room.parent, child_id=room.nurlan, lesson_id=later)
    with pytest.raises(Conflict):
        await report_absence(deps, room.parent, child_id=room.aigerim, lesson_id=cancelled)
    with pytest.raises(InvalidInput):
        await report_absence(
            deps, room.parent, child_id=room.aigerim, lesson_id=later, reason="x" * 301
        )

    assert await Attendance.all().count() == 0
    assert await told(room.teacher.person_id or 0) == []


async def test_a_parent_sees_the_childs_coming_week_and_reports_a_whole_day(deps: Deps):
    room = await make_classroom(deps)
    afternoon = await add_lesson(deps, room, local(TODAY, 15))
    evening = await add_lesson(deps, room, local(TODAY, 18))
    next_week = await add_lesson(deps, room, local(TODAY + timedelta(days=6), 15))
    await add_lesson(deps, room, local(TODAY + timedelta(days=8), 15))
    await add_lesson(deps, room, local(TODAY, 16), group_id=room.other_group_id)

    coming = await coming_lessons(deps, room.parent, child_id=room.aigerim)
    assert [item.lesson.id for item in coming] == [afternoon, evening, next_week]
    assert not any(item.reported for item in coming)

    reports = await report_day_absence(
        deps, room.parent, child_id=room.aigerim, day=TODAY, reason="Ауруханада"
    )

    assert [report.lesson.id for report in reports] == [afternoon, evening]
    assert [
        item.reported for item in await coming_lessons(deps, room.parent, child_id=room.aigerim)
    ] == [
        True,
        True,
        False,
    ]
    assert await marks_of(room.lesson_id) == {}
    with pytest.raises(InvalidInput):
        await report_day_absence(
            deps, room.parent, child_id=room.aigerim, day=TODAY + timedelta(days=2)
        )
    with pytest.raises(PermissionDenied):
        await coming_lessons(deps, room.parent, child_id=room.nurlan)


async def test_a_teacher_is_offered_todays_lessons_and_unmarked_past_ones(
    deps: Deps, clock: FrozenClock
):
    room = await make_classroom(deps)
    marked_before = await add_lesson(deps, room, local(TODAY - timedelta(days=2), 10))
    unmarked = await add_lesson(deps, room, local(TODAY - timedelta(days=1), 10))
    await add_lesson(deps, room, local(TODAY - timedelta(days=20), 10))
    later = await add_lesson(deps, room, local(TODAY, 15))
    await add_lesson(deps, room, local(TODAY + timedelta(days=1), 10))
    await add_lesson(
        deps,
        room,
        local(TODAY, 12),
        group_id=room.other_group_id,
        teacher_id=room.other_teacher.person_id,
    )
    clock.current = local(TODAY - timedelta(days=2), 11)
    await mark_attendance(
        deps, room.teacher, lesson_id=marked_before, marks={room.aigerim: PRESENT}
    )
    clock.current = local(TODAY, 11)
    await mark_attendance(
        deps, room.teacher, lesson_id=room.lesson_id, marks={room.aigerim: PRESENT}
    )

    offered = await lessons_to_mark(deps, room.teacher)

    assert [(item.lesson.id, item.marked) for item in offered] == [
        (room.lesson_id, True),
        (later, False),
        (unmarked, False),
    ]
