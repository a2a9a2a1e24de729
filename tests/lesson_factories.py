"""A learning centre ready for lessons, built through the same core functions the product uses.

``make_lesson_centre`` gives an organisation (time zone Asia/Almaty unless told otherwise)
with an admin, two teachers, two students of one group, a parent of the first student and a
classroom. ``local`` turns the centre's wall-clock time into the UTC moment lessons store,
and ``lesson_at`` adds a single lesson without any check (trusted), to set a scene up.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.actor import Actor
from core.deps import Deps
from core.models.org import OrganisationKind
from core.models.people import Role
from core.services.academics import (
    CourseData,
    GroupData,
    create_course,
    create_group,
    enrol_student,
)
from core.services.lessons import do_create_lesson
from core.services.orgs import OrganisationData, do_create_organisation
from core.services.people import link_parent
from core.services.places import RoomData, RoomKind, create_room
from core.tx import transaction
from tests.factories import make_member

_serial = itertools.count(1)


@dataclass(frozen=True)
class LessonCentre:
    system: Actor
    admin: Actor
    teacher: Actor
    substitute: Actor
    students: tuple[Actor, Actor]
    parent: Actor
    course_id: int
    group_id: int
    room_id: int
    timezone: str
    logins: dict[int, str]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def login(self, actor: Actor) -> str:
        """The web login of one of the centre's people (password "correct horse")."""
        return self.logins[actor.person_id or 0]


def local(centre: LessonCentre, day: date, hhmm: str) -> datetime:
    """The UTC moment of ``hhmm`` on ``day`` where the centre is."""
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return datetime.combine(day, time(hours, minutes), tzinfo=centre.zone).astimezone(UTC)


async def lesson_at(
    deps: Deps,
    centre: LessonCentre,
    day: date,
    hhmm: str,
    *,
    minutes: int = 90,
    group_id: int | None = None,
    teacher: Actor | None = None,
    room_id: int | None = None,
) -> int:
    """A single lesson (trusted, no conflict check) of the centre's group and teacher."""
    starts_at = local(centre, day, hhmm)
    teacher = teacher or centre.teacher
    assert teacher.person_id is not None
    async with transaction(deps) as tx:
        lesson = await do_create_lesson(
            tx,
            centre.system,
            group_id=group_id or centre.group_id,
            teacher_id=teacher.person_id,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=minutes),
            room_id=room_id,
        )
    return lesson.id


async def make_lesson_centre(
    deps: Deps, *, timezone: str = "Asia/Almaty", name: str = "Білім орталығы"
) -> LessonCentre:
    """An organisation with an admin, teachers Ахметов Ерлан and Бекова Сәуле, students
    Омарова Айгерім and Ким Тимур in group "Алгебра 7А" (taught by Ахметов), Айгерім's parent
    Омарова Гүлнар, and classroom "101" (20 places)."""
    serial = next(_serial)
    logins: dict[int, str] = {}
    async with transaction(deps) as tx:
        org = await do_create_organisation(
            tx,
            Actor.system(0, "test"),
            kind=OrganisationKind.LEARNING_CENTRE,
            data=OrganisationData(name_ru=name, name_kk=name, name_en=name, timezone=timezone),
        )
    system = Actor.system(org.id, "test")

    async def member(role: Role, last: str, first: str, login: str) -> Actor:
        login = f"{login}{serial}@bilim.kz"
        actor = await make_member(
            deps, system, role, last_name=last, first_name=first, login=login
        )
        logins[actor.person_id or 0] = login
        return actor

    admin = await member(Role.ADMIN, "Әкімова", "Дина", "admin")
    teacher = await member(Role.TEACHER, "Ахметов", "Ерлан", "erlan")
    substitute = await member(Role.TEACHER, "Бекова", "Сәуле", "saule")
    aigerim = await member(Role.STUDENT, "Омарова", "Айгерім", "aigerim")
    timur = await member(Role.STUDENT, "Ким", "Тимур", "timur")
    parent = await member(Role.PARENT, "Омарова", "Гүлнар", "gulnar")
    assert parent.person_id is not None and aigerim.person_id is not None
    await link_parent(deps, admin, parent_id=parent.person_id, child_id=aigerim.person_id)
    course = await create_course(
        deps, admin, data=CourseData(name_kk="Алгебра", name_ru="Алгебра", name_en="Algebra")
    )
    group = await create_group(
        deps,
        admin,
        data=GroupData(
            course_id=course.id,
            name="Алгебра 7А",
            capacity=12,
            teacher_ids=(teacher.person_id or 0,),
        ),
    )
    for student in (aigerim, timur):
        await enrol_student(
            deps,
            admin,
            group_id=group.id,
            student_id=student.person_id or 0,
            starts_on=date(2026, 8, 1),
        )
    room = await create_room(
        deps, admin, data=RoomData(name="101", kind=RoomKind.CLASSROOM, capacity=20)
    )
    return LessonCentre(
        system=system,
        admin=admin,
        teacher=teacher,
        substitute=substitute,
        students=(aigerim, timur),
        parent=parent,
        course_id=course.id,
        group_id=group.id,
        room_id=room.id,
        timezone=timezone,
        logins=logins,
    )


async def make_second_group(
    deps: Deps, centre: LessonCentre, *, name: str = "Физика 8Б", teacher: Actor | None = None
) -> int:
    """Another group of the centre (taught by the substitute unless told), no students."""
    course = await create_course(deps, centre.admin, data=CourseData(name_ru="Физика"))
    teacher = teacher or centre.substitute
    group = await create_group(
        deps,
        centre.admin,
        data=GroupData(
            course_id=course.id, name=name, capacity=12, teacher_ids=(teacher.person_id or 0,)
        ),
    )
    return group.id
