"""A school day with an absent teacher, built through the core functions the product uses.

On Wednesday 2 September 2026 (the frozen clock's tomorrow) Ахметов Ерлан, who teaches
Алгебра 7А, is ill. His lessons: 10:00–11:30 in room 201 of building "А корпусы" and 14:00
in room 101 (no building). The other teachers:

- Қасымов Нұржан teaches algebra (7В) and has a lesson 08:30–10:00 in room 201 — same
  subject, no extra lessons, same building;
- Нұрланов Бауыржан teaches algebra (7Г), no lessons that day;
- Жанова Ая teaches algebra (7Б) and already covered two physics lessons this month;
- Бекова Сәуле teaches physics (8Б), no lessons that day;
- Серікова Гүлім teaches algebra (7Д) 11:00–12:30 that day — busy;
- Тоқтарова Дана teaches algebra (8А) and is absent 09:00–12:00 herself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.actor import Actor
from core.deps import Deps
from core.models.people import Role
from core.services.academics import GroupData, create_group
from core.services.places import RoomData, RoomKind, create_building, create_room
from core.services.schedule import substitute_teacher
from core.services.substitutions import mark_absent
from tests.factories import make_member
from tests.lesson_factories import LessonCentre, lesson_at, make_lesson_centre, make_second_group

WEDNESDAY = date(2026, 9, 2)


@dataclass(frozen=True)
class SchoolDay:
    centre: LessonCentre
    teachers: dict[str, Actor]
    first: int
    second: int


async def _teacher_of_group(
    deps: Deps, centre: LessonCentre, last: str, first: str, group: str
) -> tuple[Actor, int]:
    teacher = await make_member(
        deps, centre.system, Role.TEACHER, last_name=last, first_name=first
    )
    created = await create_group(
        deps,
        centre.admin,
        data=GroupData(
            course_id=centre.course_id,
            name=group,
            capacity=12,
            teacher_ids=(teacher.person_id or 0,),
        ),
    )
    return teacher, created.id


async def make_school_day(deps: Deps) -> SchoolDay:
    centre = await make_lesson_centre(deps)
    building = await create_building(deps, centre.admin, name="А корпусы")
    room = await create_room(
        deps,
        centre.admin,
        data=RoomData(name="201", kind=RoomKind.CLASSROOM, capacity=30, building_id=building.id),
    )
    kasymov, group_v = await _teacher_of_group(deps, centre, "Қасымов", "Нұржан", "Алгебра 7В")
    nurlanov, _ = await _teacher_of_group(deps, centre, "Нұрланов", "Бауыржан", "Алгебра 7Г")
    zhanova, _ = await _teacher_of_group(deps, centre, "Жанова", "Ая", "Алгебра 7Б")
    serikova, group_d = await _teacher_of_group(deps, centre, "Серікова", "Гүлім", "Алгебра 7Д")
    toktarova, _ = await _teacher_of_group(deps, centre, "Тоқтарова", "Дана", "Алгебра 8А")
    physics = await make_second_group(deps, centre)
    first = await lesson_at(deps, centre, WEDNESDAY, "10:00", room_id=room.id)
    second = await lesson_at(deps, centre, WEDNESDAY, "14:00", room_id=centre.room_id)
    await lesson_at(
        deps, centre, WEDNESDAY, "08:30", group_id=group_v, teacher=kasymov, room_id=room.id
    )
    await lesson_at(deps, centre, WEDNESDAY, "11:00", group_id=group_d, teacher=serikova)
    for day in (date(2026, 9, 3), date(2026, 9, 4)):
        covered = await lesson_at(
            deps, centre, day, "15:00", group_id=physics, teacher=centre.substitute
        )
        await substitute_teacher(
            deps, centre.admin, lesson_id=covered, teacher_id=zhanova.person_id or 0
        )
    await mark_absent(
        deps,
        centre.admin,
        teacher_id=toktarova.person_id or 0,
        day=WEDNESDAY,
        start_minute=9 * 60,
        end_minute=12 * 60,
        reason="Семинар",
    )
    teachers = {
        "kasymov": kasymov,
        "nurlanov": nurlanov,
        "zhanova": zhanova,
        "serikova": serikova,
        "toktarova": toktarova,
    }
    return SchoolDay(centre=centre, teachers=teachers, first=first, second=second)
