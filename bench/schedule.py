"""Benchmark: the schedule of a large centre, on SQLite (default) or PostgreSQL.

    .venv/bin/python bench/schedule.py [--quick] [--postgres-url URL] [--samples N]

A centre with 300 groups, 80 teachers and 60 rooms (quick: 150, 40, 30) is seeded in a fresh
database: teachers and groups through core services, students (ten a group, one group in ten
sharing two students with another) in bulk. Holidays are added, then every group gets a rule
of three lessons a week for a year through ``create_rule`` — the real
use case with its batched conflict check and ``bulk_create``. Slots are planned so that
nothing collides. Then:

- generation: the time to create all the rules, and lessons per second;
- conflict check per change: the check alone (one bounded query, then Python) on moves onto
  a time the lesson's teacher is busy; the whole ``move_lesson`` call for such moves (refused,
  nothing written) and onto a free evening time (checked, then written with its audit record
  and notifications); medians and p95;
- week view: ``GET /schedule?view=week`` of the whole centre and filtered by one teacher,
  through the real aiohttp panel (signed in, in process), and the service alone.

Figures are printed as they are measured; the last line is one JSON object. Nothing is
asserted. Reminder planning belongs to the reminders benchmark.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp.test_utils import TestClient, TestServer

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from admin_web.app import create_app  # noqa: E402
from bench.support.figures import figures, timed  # noqa: E402
from bench.support.postgres import temporary_database  # noqa: E402
from core.actor import Actor  # noqa: E402
from core.clock import SystemClock  # noqa: E402
from core.config import Settings, load_settings  # noqa: E402
from core.db import close_db, migrate  # noqa: E402
from core.deps import Deps, build_deps  # noqa: E402
from core.errors import Conflict  # noqa: E402
from core.models.academics import Enrolment  # noqa: E402
from core.models.lessons import Lesson  # noqa: E402
from core.models.org import OrganisationKind  # noqa: E402
from core.models.people import Membership, Person, Role  # noqa: E402
from core.services.academics import CourseData, GroupData, do_create_course, do_create_group  # noqa: E402
from core.services.accounts import do_set_credentials  # noqa: E402
from core.services.orgs import OrganisationData, do_create_organisation  # noqa: E402
from core.services.people import PersonData, do_create_person  # noqa: E402
from core.services.places import RoomData, RoomKind, create_room  # noqa: E402
from core.services.schedule import (  # noqa: E402
    RuleData,
    Slot,
    add_holiday,
    check_conflicts,
    create_rule,
    move_lesson,
)
from core.services.timetable import CalendarSpan, ScheduleFilter, schedule_calendar  # noqa: E402
from core.tx import transaction  # noqa: E402

PATTERNS = (((0, 2, 4),), ((1, 3, 5),))
STARTS = (9 * 60, 10 * 60 + 45, 12 * 60 + 30, 14 * 60 + 15, 16 * 60, 17 * 60 + 45)
MINUTES = 90
EVENING = 20 * 60 + 30
STUDENTS_PER_GROUP = 10
PASSWORD = "bench password"
LAST = ["Құрманғазы", "Сәтбаев", "Әуезов", "Нұрпейісова", "Үсенов", "Жұмабаев", "Ғабитова"]
FIRST = ["Әлихан", "Айгөлек", "Нұрсұлтан", "Ұлжан", "Өмірзақ", "Іңкәр", "Қанат"]


@dataclass(frozen=True)
class Size:
    groups: int
    teachers: int
    rooms: int
    weeks: int


@dataclass
class Centre:
    system: Actor
    login: str
    teacher_ids: list[int]
    group_ids: list[int]
    room_ids: list[int]
    first_day: date


async def seed(deps: Deps, size: Size) -> Centre:
    """The organisation, an admin who can sign in, teachers, rooms, groups and students."""
    async with transaction(deps) as tx:
        org = await do_create_organisation(
            tx,
            Actor.system(0, "bench"),
            kind=OrganisationKind.LEARNING_CENTRE,
            data=OrganisationData(name_kk="Орталық", name_ru="Центр", name_en="Centre"),
        )
        system = Actor.system(org.id, "bench")
        admin = await do_create_person(
            tx,
            system,
            organisation_id=org.id,
            data=PersonData(last_name="Әкімова", first_name="Дина"),
            roles=(Role.ADMIN,),
        )
        login = "admin@bench.kz"
        _ = await do_set_credentials(tx, system, person=admin, login=login, password=PASSWORD)
        teachers = [
            await do_create_person(
                tx,
                system,
                organisation_id=org.id,
                data=PersonData(last_name=LAST[n % len(LAST)], first_name=f"Мұғалім {n + 1}"),
                roles=(Role.TEACHER,),
            )
            for n in range(size.teachers)
        ]
        course = await do_create_course(tx, system, data=CourseData(name_kk="Математика"))
        groups = [
            await do_create_group(
                tx,
                system,
                data=GroupData(
                    course_id=course.id,
                    name=f"Топ {n + 1}",
                    capacity=STUDENTS_PER_GROUP + 4,
                    teacher_ids=(teachers[n % size.teachers].id,),
                ),
            )
            for n in range(size.groups)
        ]
    rooms = [
        await create_room(
            deps,
            system,
            data=RoomData(name=f"{100 + n}", kind=RoomKind.CLASSROOM, capacity=20),
        )
        for n in range(size.rooms)
    ]
    zone = ZoneInfo("Asia/Almaty")
    return Centre(
        system=system,
        login=login,
        teacher_ids=[teacher.id for teacher in teachers],
        group_ids=[group.id for group in groups],
        room_ids=[room.id for room in rooms],
        first_day=deps.clock.now().astimezone(zone).date() + timedelta(days=1),
    )


def plan_slots(centre: Centre) -> list[tuple[int, int, int]]:
    """(slot class, teacher, room) per group, so that no teacher or room is taken twice."""
    classes = len(PATTERNS) * len(STARTS)
    teachers_busy: set[tuple[int, int]] = set()
    rooms_busy: set[tuple[int, int]] = set()
    plan = []
    for index, _ in enumerate(centre.group_ids):
        teacher = centre.teacher_ids[index % len(centre.teacher_ids)]
        for step in range(classes):
            slot = (index + step) % classes
            if (slot, teacher) in teachers_busy:
                continue
            room = next((r for r in centre.room_ids if (slot, r) not in rooms_busy), None)
            if room is None:
                continue
            teachers_busy.add((slot, teacher))
            rooms_busy.add((slot, room))
            plan.append((slot, teacher, room))
            break
        else:
            raise SystemExit("the centre is too small for its groups")
    return plan


async def add_students(deps: Deps, centre: Centre, plan: list[tuple[int, int, int]]) -> int:
    """Ten students a group in bulk; every tenth group shares two students with a group of
    another slot class (so the shared-student check has real work)."""
    now = deps.clock.now()
    count = len(centre.group_ids) * STUDENTS_PER_GROUP
    people = [
        Person(
            organisation_id=centre.system.organisation_id,
            last_name=LAST[n % len(LAST)],
            first_name=FIRST[n % len(FIRST)],
            search_text="",
            created_at=now,
        )
        for n in range(count)
    ]
    async with transaction(deps):
        await Person.bulk_create(people, batch_size=1000)
        ids = list(
            await Person.filter(organisation_id=centre.system.organisation_id, search_text="")
            .order_by("id")
            .values_list("id", flat=True)
        )[-count:]
        await Membership.bulk_create(
            [
                Membership(
                    person_id=pid,
                    organisation_id=centre.system.organisation_id,
                    role=Role.STUDENT,
                    started_on=centre.first_day - timedelta(days=30),
                )
                for pid in ids
            ],
            batch_size=1000,
        )
        enrolments = []
        for index, group_id in enumerate(centre.group_ids):
            for pid in ids[index * STUDENTS_PER_GROUP : (index + 1) * STUDENTS_PER_GROUP]:
                enrolments.append((group_id, pid))
            if index % 10 == 0:
                other = next(
                    j
                    for j in range(index + 1, index + 12)
                    if plan[j % len(plan)][0] != plan[index][0]
                ) % len(plan)
                for pid in ids[index * STUDENTS_PER_GROUP : index * STUDENTS_PER_GROUP + 2]:
                    enrolments.append((centre.group_ids[other], pid))
        await Enrolment.bulk_create(
            [
                Enrolment(
                    group_id=group_id,
                    student_id=pid,
                    starts_on=centre.first_day - timedelta(days=30),
                    active_key=f"{group_id}:{pid}",
                    created_at=now,
                )
                for group_id, pid in enrolments
            ],
            batch_size=1000,
        )
    return len(enrolments)


async def generate(
    deps: Deps, centre: Centre, plan: list[tuple[int, int, int]], weeks: int
) -> tuple[float, int]:
    for offset in (10, 45, 100):
        if offset < weeks * 7:
            await add_holiday(deps, centre.system, day=centre.first_day + timedelta(days=offset))
    started = time.perf_counter()
    for group_id, (slot, teacher, room) in zip(centre.group_ids, plan, strict=True):
        await create_rule(
            deps,
            centre.system,
            data=RuleData(
                group_id=group_id,
                teacher_id=teacher,
                room_id=room,
                pattern=PATTERNS[slot // len(STARTS)],
                start_minute=STARTS[slot % len(STARTS)],
                duration_minutes=MINUTES,
                starts_on=centre.first_day,
                ends_on=centre.first_day + timedelta(weeks=weeks) - timedelta(days=1),
            ),
        )
    elapsed = time.perf_counter() - started
    return elapsed, await Lesson.all().count()


async def refuse_move(deps: Deps, centre: Centre, lesson_id: int, day: date, minute: int) -> None:
    """A move onto a time the lesson's teacher is busy: the check refuses it."""
    with contextlib.suppress(Conflict):
        await move_lesson(
            deps,
            centre.system,
            lesson_id=lesson_id,
            day=day,
            start_minute=minute,
            duration_minutes=MINUTES,
            room_id=None,
        )


async def conflict_checks(deps: Deps, centre: Centre, samples: int) -> dict[str, float]:
    rng = random.Random(5)
    zone = ZoneInfo("Asia/Almaty")
    lessons = await Lesson.all().values("id", "teacher_id", "group_id", "starts_at")
    by_teacher: dict[int, list[dict[str, Any]]] = {}
    for row in lessons:
        by_teacher.setdefault(row["teacher_id"], []).append(row)
    busy = [
        row
        for rows in by_teacher.values()
        if len({r["group_id"] for r in rows}) > 1
        for row in rows
    ]
    refused: list[float] = []
    while len(refused) < samples:
        lesson = rng.choice(busy)
        other = rng.choice(
            [r for r in by_teacher[lesson["teacher_id"]] if r["group_id"] != lesson["group_id"]]
        )
        local = other["starts_at"].astimezone(zone)
        refused.append(
            await timed(
                partial(
                    refuse_move,
                    deps,
                    centre,
                    lesson["id"],
                    local.date(),
                    local.hour * 60 + local.minute,
                )
            )
        )
    accepted: list[float] = []
    # One lesson a day, so two lessons moved to the same evening never meet.
    by_day: dict[date, dict[str, Any]] = {}
    for row in rng.sample(lessons, len(lessons)):
        by_day.setdefault(row["starts_at"].astimezone(zone).date(), row)
    for day, lesson in list(by_day.items())[:samples]:
        accepted.append(
            await timed(
                partial(
                    move_lesson,
                    deps,
                    centre.system,
                    lesson_id=lesson["id"],
                    day=day,
                    start_minute=EVENING,
                    duration_minutes=MINUTES,
                    room_id=None,
                )
            )
        )
    # The check alone, as every change runs it (one bounded query, then Python), on the
    # same kind of refused moves: the rest of a change is locking, writing and telling.
    checks: list[float] = []
    organisation_zone = ZoneInfo("Asia/Almaty")
    for lesson in rng.sample(busy, samples):
        other = rng.choice(
            [r for r in by_teacher[lesson["teacher_id"]] if r["group_id"] != lesson["group_id"]]
        )
        slot = Slot(other["starts_at"], other["starts_at"] + timedelta(minutes=MINUTES))
        checks.append(
            await timed(
                partial(
                    check_quietly,
                    centre,
                    organisation_zone,
                    group_id=lesson["group_id"],
                    teacher_id=lesson["teacher_id"],
                    slot=slot,
                    exclude_id=lesson["id"],
                )
            )
        )
    print("conflict check per change:")
    return (
        figures("check", checks)
        | figures("refused_move", refused)
        | figures("accepted_move", accepted)
    )


async def check_quietly(
    centre: Centre,
    zone: ZoneInfo,
    *,
    group_id: int,
    teacher_id: int,
    slot: Slot,
    exclude_id: int,
) -> None:
    with contextlib.suppress(Conflict):
        await check_conflicts(
            centre.system,
            zone,
            group_id=group_id,
            teacher_id=teacher_id,
            room_id=None,
            slots=[slot],
            exclude_id=exclude_id,
        )


async def week_views(deps: Deps, centre: Centre, samples: int) -> dict[str, float]:
    days = [centre.first_day + timedelta(days=7 * n + 2) for n in range(8)]
    teacher = centre.teacher_ids[0]
    service: list[float] = []
    for n in range(samples):
        service.append(
            await timed(
                partial(
                    schedule_calendar,
                    deps,
                    centre.system,
                    span=CalendarSpan.WEEK,
                    day=days[n % len(days)],
                    filters=ScheduleFilter(),
                )
            )
        )
    one = await schedule_calendar(deps, centre.system, span=CalendarSpan.WEEK, day=days[0])
    print(f"week view ({one.lesson_count} lessons in a week of the whole centre):")
    result = figures("week_service", service)
    async with TestClient(TestServer(create_app(deps))) as client:
        page = await client.get("/login")
        token = (await page.text()).split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        signed = await client.post(
            "/login", data={"login": centre.login, "password": PASSWORD, "csrf_token": token}
        )
        assert signed.status == 200, signed.status

        async def get(path: str) -> None:
            response = await client.get(path)
            _ = await response.read()
            assert response.status == 200, response.status

        whole: list[float] = []
        filtered: list[float] = []
        for n in range(samples):
            day = days[n % len(days)].isoformat()
            whole.append(await timed(lambda day=day: get(f"/schedule?view=week&date={day}")))
            filtered.append(
                await timed(
                    lambda day=day: get(f"/schedule?view=week&date={day}&teacher={teacher}")
                )
            )
    return result | figures("week_page", whole) | figures("week_page_teacher", filtered)


async def run(settings: Settings, size: Size, samples: int) -> dict[str, Any]:
    await migrate(settings)
    deps = build_deps(settings, clock=SystemClock())
    try:
        await deps.search.ensure()
        print(
            f"seeding {size.groups} groups, {size.teachers} teachers, {size.rooms} rooms "
            f"on {settings.dialect} ..."
        )
        started = time.perf_counter()
        centre = await seed(deps, size)
        plan = plan_slots(centre)
        enrolments = await add_students(deps, centre, plan)
        print(f"  {enrolments} enrolments, seeded in {time.perf_counter() - started:.1f} s")
        elapsed, lessons = await generate(deps, centre, plan, size.weeks)
        print(
            f"generation: {size.groups} rules, {lessons} lessons over {size.weeks} weeks in "
            f"{elapsed:.1f} s ({lessons / elapsed:.0f} lessons/s, "
            f"{elapsed / size.groups * 1000:.0f} ms a rule)"
        )
        result: dict[str, Any] = {
            "bench": "schedule",
            "database": settings.dialect,
            "groups": size.groups,
            "teachers": size.teachers,
            "rooms": size.rooms,
            "weeks": size.weeks,
            "lessons": lessons,
            "generation_s": round(elapsed, 2),
            "lessons_per_s": round(lessons / elapsed),
        }
        result |= await conflict_checks(deps, centre, samples)
        result |= await week_views(deps, centre, samples)
        return result
    finally:
        await deps.aclose()
        await close_db()


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    size = (
        Size(groups=150, teachers=40, rooms=30, weeks=52)
        if args.quick
        else Size(groups=300, teachers=80, rooms=60, weeks=52)
    )
    samples = args.samples or (60 if args.quick else 200)
    with tempfile.TemporaryDirectory(prefix="sabaq-bench-") as tmp:
        if args.postgres_url:
            async with temporary_database(args.postgres_url) as url:
                settings = load_settings(data_dir=Path(tmp), _env_file=None, database_url=url)
                return await run(settings, size, samples)
        settings = load_settings(data_dir=Path(tmp), _env_file=None)
        return await run(settings, size, samples)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the schedule of a large centre.")
    parser.add_argument("--quick", action="store_true", help="150 groups, 40 teachers, 30 rooms")
    parser.add_argument("--samples", type=int, default=None, help="timed calls per figure")
    parser.add_argument(
        "--postgres-url",
        default="",
        help="e.g. postgres://postgres@127.0.0.1:5432 (a temporary database is made)",
    )
    args = parser.parse_args()
    print(json.dumps(asyncio.run(main_async(args))))


if __name__ == "__main__":
    main()
