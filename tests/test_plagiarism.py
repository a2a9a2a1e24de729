"""The plagiarism hint: students whose latest submissions to a task are (almost) the same."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from core.actor import Actor
from core.deps import Deps
from core.errors import InvalidInput, NotFound, PermissionDenied
from core.models.people import Role
from core.services.academics import (
    CourseData,
    GroupData,
    create_course,
    create_group,
    enrol_student,
)
from core.services.plagiarism import similar_submissions
from core.services.submissions import SubmissionChannel, submit
from tests.factories import make_member, make_organisation
from tests.judge_factories import make_task
from tests.web import Panel

ORIGINAL = "a, b = map(int, input().split())\nprint(a + b)\n"
# The same program with other names, a comment and other spacing.
RENAMED = "first,second = map(int, input().split())  # read\n\nprint(first+second)\n"
OWN = (
    "import sys\n"
    "data = sys.stdin.read().split()\n"
    "total = 0\n"
    "for token in data:\n"
    "    total += int(token)\n"
    "sys.stdout.write(str(total) + '\\n')\n"
)


@dataclass(frozen=True)
class Class:
    teacher: Actor
    aigerim: Actor
    nurlan: Actor
    dana: Actor
    outsider: Actor
    group_id: int
    task_id: int


async def make_class(deps: Deps) -> Class:
    system = await make_organisation(deps, name="№7 мектеп")
    admin = await make_member(deps, system, Role.ADMIN)
    teacher = await make_member(deps, system, Role.TEACHER, login="teacher@s7.kz")
    aigerim = await make_member(
        deps, system, Role.STUDENT, last_name="Омарова", first_name="Айгерім"
    )
    nurlan = await make_member(deps, system, Role.STUDENT, last_name="Омаров", first_name="Нұрлан")
    dana = await make_member(deps, system, Role.STUDENT, last_name="Ахметова", first_name="Дана")
    outsider = await make_member(
        deps, system, Role.STUDENT, last_name="Серіков", first_name="Тимур"
    )
    course = await create_course(deps, admin, data=CourseData(name_ru="Информатика"))
    group = await create_group(
        deps, admin, data=GroupData(course_id=course.id, name="Информатика 8Б", capacity=10)
    )
    for student in (aigerim, nurlan, dana):
        await enrol_student(deps, admin, group_id=group.id, student_id=student.person_id or 0)
    task_id = await make_task(deps, teacher)
    return Class(teacher, aigerim, nurlan, dana, outsider, group.id, task_id)


async def hand_in(deps: Deps, student: Actor, task_id: int, source: str) -> int:
    return await submit(
        deps,
        student,
        task_id=task_id,
        language="python",
        source=source.encode(),
        channel=SubmissionChannel.WEB,
    )


async def test_a_renamed_copy_is_paired_with_its_original_by_name(deps: Deps):
    room = await make_class(deps)
    original = await hand_in(deps, room.aigerim, room.task_id, ORIGINAL)
    copy = await hand_in(deps, room.nurlan, room.task_id, RENAMED)
    await hand_in(deps, room.dana, room.task_id, OWN)

    report = await similar_submissions(room.teacher, task_id=room.task_id)

    assert report.compared == 3
    (pair,) = report.pairs
    assert pair.identical
    assert pair.percent == 100
    assert (pair.first.submission_id, pair.second.submission_id) == (original, copy)
    assert (pair.first.full_name, pair.second.full_name) == ("Омарова Айгерім", "Омаров Нұрлан")


async def test_only_the_latest_submission_of_each_student_counts(deps: Deps):
    room = await make_class(deps)
    await hand_in(deps, room.aigerim, room.task_id, ORIGINAL)
    await hand_in(deps, room.nurlan, room.task_id, RENAMED)
    await hand_in(deps, room.nurlan, room.task_id, OWN)

    report = await similar_submissions(room.teacher, task_id=room.task_id)

    assert report.compared == 2
    assert report.pairs == ()


async def test_a_group_compares_only_its_own_students(deps: Deps):
    room = await make_class(deps)
    await hand_in(deps, room.aigerim, room.task_id, ORIGINAL)
    await hand_in(deps, room.outsider, room.task_id, RENAMED)

    everyone = await similar_submissions(room.teacher, task_id=room.task_id)
    in_group = await similar_submissions(
        room.teacher, task_id=room.task_id, group_id=room.group_id
    )

    assert [pair.second.full_name for pair in everyone.pairs] == ["Серіков Тимур"]
    assert (in_group.compared, in_group.pairs) == (1, ())


async def test_students_and_other_schools_do_not_see_the_hint(deps: Deps):
    room = await make_class(deps)
    other = await make_member(
        deps, await make_organisation(deps, name="Басқа мектеп"), Role.TEACHER
    )
    with pytest.raises(PermissionDenied):
        await similar_submissions(room.aigerim, task_id=room.task_id)
    with pytest.raises(NotFound):
        await similar_submissions(other, task_id=room.task_id)
    with pytest.raises(InvalidInput):
        await similar_submissions(room.teacher, task_id=room.task_id, threshold=0.1)


async def test_the_teacher_sees_the_pairs_on_the_tasks_page(deps: Deps, panel: Panel):
    room = await make_class(deps)
    await hand_in(deps, room.aigerim, room.task_id, ORIGINAL)
    await hand_in(deps, room.nurlan, room.task_id, RENAMED)
    await panel.sign_in("teacher@s7.kz")

    response, body = await panel.get(
        f"/programming/{room.task_id}/similar?group_id={room.group_id}&threshold=80"
    )

    assert response.status == 200
    assert "Омарова Айгерім" in body
    assert "Омаров Нұрлан" in body
    assert "The same program" in body
    response, _ = await panel.get(f"/programming/{room.task_id}/similar?threshold=5")
    assert response.status == 400
