"""A learning centre with an online course: a teacher of one group, a student in it and a
student of another group of the same course, all with web logins at kurs.kz."""

from __future__ import annotations

from dataclasses import dataclass

from core.actor import Actor
from core.deps import Deps
from core.models.judge import (
    Verdict,
)
from core.models.people import Role
from core.models.testing import Attempt
from core.services.academics import (
    CourseData,
    GroupData,
    create_course,
    create_group,
    enrol_student,
)
from core.services.testing import TestData, create_test
from tests.factories import make_member, make_organisation
from tests.judge_factories import judged, make_task


@dataclass
class CourseCentre:
    system: Actor
    admin: Actor
    teacher: Actor
    student: Actor
    other: Actor
    course_id: int
    group_id: int
    other_group_id: int


async def make_course_centre(deps: Deps) -> CourseCentre:
    system = await make_organisation(deps, name="Kurs орталығы")
    admin = await make_member(deps, system, Role.ADMIN, login="admin@kurs.kz")
    teacher = await make_member(
        deps,
        system,
        Role.TEACHER,
        last_name="Ахметов",
        first_name="Ерлан",
        login="teacher@kurs.kz",
    )
    student = await make_member(
        deps,
        system,
        Role.STUDENT,
        last_name="Сейтқали",
        first_name="Айгүл",
        login="aigul@kurs.kz",
    )
    other = await make_member(
        deps, system, Role.STUDENT, last_name="Ким", first_name="Тимур", login="timur@kurs.kz"
    )
    course = await create_course(
        deps, admin, data=CourseData(name_ru="Python для начинающих", name_kk="Python бастаушыға")
    )
    group = await create_group(
        deps,
        admin,
        data=GroupData(
            course_id=course.id, name="Python 1", capacity=10, teacher_ids=(teacher.person_id,)
        ),
    )
    other_group = await create_group(
        deps, admin, data=GroupData(course_id=course.id, name="Python 2", capacity=10)
    )
    await enrol_student(deps, admin, group_id=group.id, student_id=student.person_id)
    await enrol_student(deps, admin, group_id=other_group.id, student_id=other.person_id)
    return CourseCentre(
        system, admin, teacher, student, other, course.id, group.id, other_group.id
    )


async def make_quiz_test(deps: Deps, teacher: Actor) -> int:
    return await create_test(deps, teacher, data=TestData(title="Циклдар"))


async def pass_test(deps: Deps, student: Actor, test_id: int, *, passed: bool = True) -> None:
    """A finished attempt of the test, as the testing service leaves one."""
    now = deps.clock.now()
    await Attempt.create(
        organisation_id=student.organisation_id,
        test_id=test_id,
        student_id=student.person_id,
        number=await Attempt.filter(test_id=test_id, student_id=student.person_id).count() + 1,
        started_at=now,
        finished_at=now,
        score=900 if passed else 100,
        max_score=1000,
        passed=passed,
    )


async def make_programming_task(deps: Deps, teacher: Actor) -> int:
    """A published A+B task."""
    return await make_task(deps, teacher)


async def solve_task(
    deps: Deps, student: Actor, task_id: int, *, verdict: Verdict = Verdict.OK
) -> None:
    """A judged submission, as a judge worker leaves one (the sandbox is not needed)."""
    await judged(deps, student, task_id, verdict=verdict.value)
