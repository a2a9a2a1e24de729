"""Individual learning plans and the personal cabinet (issue 5): who sees and edits a plan,
bad input, and the cabinet's figures worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from core.actor import Actor
from core.deps import Deps
from core.errors import InvalidInput, NotFound, PermissionDenied
from core.models.audit import AuditRecord
from core.models.lessons import Attendance, AttendanceStatus, Lesson, LessonStatus, PlanItem
from core.services.grades import GradeKind, create_term, give_grade
from core.services.homework import set_homework
from core.services.lessons import do_create_lesson
from core.services.people import Role
from core.services.plans import add_plan_item, remove_plan_item, student_plan, update_plan_item
from core.services.progress import attendance_percent, student_progress
from core.tx import transaction
from tests.factories import make_member, make_organisation
from tests.test_homework import GROUP, LESSON_START, Classroom, local, make_classroom


async def goal(deps: Deps, room: Classroom, actor=None, **values):
    data = {"title": "Квадрат теңдеулер", "topics": "Дискриминант\nВиет теоремасы"}
    data.update(values)
    return await add_plan_item(
        deps, actor or room.teacher, student_id=room.aigerim.person_id, **data
    )


async def test_the_students_teacher_writes_the_plan_and_the_family_reads_it(deps: Deps):
    room = await make_classroom(deps)

    item = await goal(deps, room, target_on=date(2026, 12, 20), progress=10)

    for reader in (room.aigerim, room.parent, room.teacher):
        plan = await student_plan(reader, student_id=room.aigerim.person_id)
        assert plan.student_name == "Омарова Айгерім"
        assert [(i.title, i.target_on, i.progress) for i in plan.items] == [
            ("Квадрат теңдеулер", date(2026, 12, 20), 10)
        ]
        assert plan.can_edit is (reader is room.teacher)
    for outsider in (room.other_teacher, room.nurlan, room.outsider):
        with pytest.raises(NotFound):
            await student_plan(outsider, student_id=room.aigerim.person_id)
    assert (await AuditRecord.filter(action="plan.add").get()).after["title"] == (
        "Квадрат теңдеулер"
    )

    updated = await update_plan_item(
        deps,
        room.teacher,
        item_id=item.id,
        title="Квадрат теңдеулер",
        topics="Дискриминант",
        target_on=date(2026, 12, 20),
        progress=60,
    )
    assert (updated.progress, updated.topics) == (60, "Дискриминант")


async def test_who_may_edit_a_plan(deps: Deps):
    room = await make_classroom(deps)
    system = await make_organisation(deps, name="Басқа орталық")
    stranger_admin = await make_member(deps, system, Role.ADMIN)
    curator = await make_member(
        deps, _system_of(room), Role.CURATOR, last_name="Бекова", first_name="Гүлнар"
    )
    manager = await make_member(deps, _system_of(room), Role.MANAGER)

    # A curator (plans.manage, no group) and a manager (teaching.any) edit; the family,
    # another group's teacher and another organisation do not.
    assert (await goal(deps, room, curator, title="Оқу жоспары")).title == "Оқу жоспары"
    assert (await goal(deps, room, manager, title="Олимпиада")).title == "Олимпиада"
    for reader in (room.aigerim, room.parent):
        with pytest.raises(PermissionDenied):
            await goal(deps, room, reader)
    for outsider in (room.other_teacher, stranger_admin):
        with pytest.raises(NotFound):
            await goal(deps, room, outsider)
    item = (await PlanItem.all().order_by("id").first()).id  # type: ignore[union-attr]
    with pytest.raises(PermissionDenied):
        await remove_plan_item(deps, room.aigerim, item_id=item)
    assert await PlanItem.all().count() == 2

    removed = await remove_plan_item(deps, curator, item_id=item)
    assert removed.title == "Оқу жоспары"
    assert await PlanItem.all().count() == 1


def _system_of(room: Classroom) -> Actor:
    return Actor.system(room.admin.organisation_id, "test")


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"progress": 150}, "progress", "Progress is a percentage from 0 to 100."),
        ({"progress": -1}, "progress", "Progress is a percentage from 0 to 100."),
        ({"title": "   "}, "title", "Give the goal a title."),
        ({"target_on": date(2026, 8, 31)}, "target_on", "The target date cannot be in the past."),
    ],
)
async def test_bad_plan_input_is_refused_clearly(deps: Deps, values, field, message):
    room = await make_classroom(deps)

    with pytest.raises(InvalidInput) as refused:
        await goal(deps, room, **values)

    assert (refused.value.field, refused.value.translated("en")) == (field, message)
    assert await PlanItem.all().count() == 0


async def test_a_passed_target_date_may_stay_but_not_be_moved_into_the_past(deps: Deps, clock):
    room = await make_classroom(deps)
    item = await goal(deps, room, target_on=date(2026, 9, 10))
    clock.current = datetime(2026, 9, 20, 6, 0, tzinfo=UTC)

    kept = await update_plan_item(
        deps,
        room.teacher,
        item_id=item.id,
        title=item.title,
        topics=item.topics,
        target_on=date(2026, 9, 10),
        progress=100,
    )
    assert kept.progress == 100
    with pytest.raises(InvalidInput):
        await update_plan_item(
            deps,
            room.teacher,
            item_id=item.id,
            title=item.title,
            topics=item.topics,
            target_on=date(2026, 9, 15),
            progress=100,
        )


async def _lesson(deps: Deps, room: Classroom, days: int) -> int:
    async with transaction(deps) as tx:
        lesson = await do_create_lesson(
            tx,
            room.admin,
            group_id=room.group_id,
            teacher_id=room.teacher.person_id,
            starts_at=LESSON_START + timedelta(days=days),
            ends_at=LESSON_START + timedelta(days=days, minutes=90),
        )
    return lesson.id


async def _mark(lesson_id: int, student_id: int, status: AttendanceStatus) -> None:
    await Attendance.create(
        lesson_id=lesson_id, student_id=student_id, status=status, marked_at=LESSON_START
    )


def test_attendance_percent_rounds_half_up():
    assert attendance_percent(2, 1) == 67
    assert attendance_percent(1, 7) == 13  # 12.5 → 13
    assert attendance_percent(0, 0) is None
    assert attendance_percent(0, 3) == 0


async def test_the_cabinet_shows_attendance_grades_homework_and_plan(deps: Deps, clock):
    room = await make_classroom(deps)
    await create_term(
        deps, room.admin, name="1-тоқсан", starts_on=date(2026, 9, 1), ends_on=date(2026, 10, 31)
    )
    extra = [await _lesson(deps, room, days) for days in (7, 9, 14)]
    lessons = [room.lesson_id, room.next_lesson_id, *extra]
    student = room.aigerim.person_id
    # Present, late, absent, excused; the last lesson was cancelled (its mark counts not).
    for lesson_id, status in zip(
        lessons,
        (
            AttendanceStatus.PRESENT,
            AttendanceStatus.LATE,
            AttendanceStatus.ABSENT,
            AttendanceStatus.EXCUSED,
            AttendanceStatus.ABSENT,
        ),
        strict=True,
    ):
        await _mark(lesson_id, student, status)
    await Lesson.filter(id=extra[-1]).update(status=LessonStatus.CANCELLED)
    await set_homework(
        deps,
        room.teacher,
        lesson_id=extra[1],
        text="Жоба жұмысы",
        due_at=local("30.09 18:00"),
    )
    clock.current = datetime(2026, 9, 20, 6, 0, tzinfo=UTC)
    for kind, value, day in ((GradeKind.CLASSWORK, "5", 2), (GradeKind.TEST, "4", 4)):
        await give_grade(
            deps,
            room.teacher,
            group_id=room.group_id,
            student_id=student,
            kind=kind,
            value=value,
            given_on=date(2026, 9, day),
        )
    await goal(deps, room, target_on=date(2026, 12, 20), progress=40)

    mine = await student_progress(deps, room.aigerim)
    childs = await student_progress(deps, room.parent, student_id=student)

    for progress in (mine, childs):
        assert progress.student_name == "Омарова Айгерім"
        assert progress.term is not None and progress.term.name == "1-тоқсан"
        (group,) = progress.groups
        assert group.group_name == GROUP
        # Present + late = 2 attended, 1 absent; excused and cancelled left out: 2 ÷ 3.
        assert (group.attended, group.missed, group.attendance_percent) == (2, 1, 67)
        # Classwork 5 (1000) and test 4 (800, weight 2): (1000 + 1600) ÷ 3 = 866.7 → 4.33.
        assert group.average == "4.33"
        assert [(g.value, g.given_on) for g in progress.recent_grades] == [
            ("4", date(2026, 9, 4)),
            ("5", date(2026, 9, 2)),
        ]
        assert [h.homework.text for h in progress.homework] == ["Жоба жұмысы"]
        assert [(p.title, p.progress) for p in progress.plan] == [("Квадрат теңдеулер", 40)]
    assert mine.homework[0].can_hand_in and not childs.homework[0].can_hand_in
    with pytest.raises(NotFound):
        await student_progress(deps, room.parent, student_id=room.nurlan.person_id)
    nurlan = await student_progress(deps, room.nurlan)
    assert nurlan.groups[0].attendance_percent is None
    assert nurlan.groups[0].average == ""
