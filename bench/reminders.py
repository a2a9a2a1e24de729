"""Benchmark: reminder planning for a day — ``core.services.reminders.tick`` once a minute.

    .venv/bin/python bench/reminders.py [--quick] [--groups N] [--weeks N]
        [--postgres-url URL] [--no-postgres]

A learning centre in Asia/Almaty with 300 groups of 12 students (80% with a parent; brothers
and sisters share one), 80 teachers and 60 rooms, and a year of lessons (three a week per
group, 90 minutes, between 09:00 and 20:30 local: ~45,000). Teachers, groups and the
students with their parents go through core services (the Excel import for the students);
the lessons, rooms, Telegram links, 10% of people's own reminder choices and one homework
per group due that evening (half handed in) are bulk-inserted, since their own services are
not what is measured. Every person is linked to Telegram, so everyone is told.

Then a whole local day is ticked minute by minute (1,440 ticks with the clock frozen at each
minute, as the scheduler would run them), on SQLite and, unless ``--no-postgres``, on a fresh
PostgreSQL database. Printed per backend: the median, p95 and slowest tick, the total for the
day, how many reminders, digests and overdue notices were queued, and the idle tick (nothing
new to queue, repeated 50 times at noon: what almost every minute costs). ``--quick`` ticks
every fifth minute of the day on SQLite only (the work of the skipped minutes lands in the
next tick, so nothing is left out). The last line is one JSON object. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.import_students import build_workbook  # noqa: E402
from bench.support.figures import p95  # noqa: E402
from bench.support.postgres import temporary_database  # noqa: E402
from core.actor import Actor  # noqa: E402
from core.clock import FrozenClock  # noqa: E402
from core.config import load_settings  # noqa: E402
from core.db import close_db, migrate  # noqa: E402
from core.deps import Deps, build_deps  # noqa: E402
from core.models.academics import Enrolment  # noqa: E402
from core.models.lessons import (  # noqa: E402
    Homework,
    Lesson,
    LessonStatus,
    ReminderPreference,
    Room,
    RoomKind,
    Submission,
    SubmissionStatus,
)
from core.models.org import OrganisationKind  # noqa: E402
from core.models.people import Account, Person, Role  # noqa: E402
from core.services.academics import CourseData, GroupData, create_course, create_group  # noqa: E402
from core.services.imports import import_students  # noqa: E402
from core.services.orgs import OrganisationData, do_create_organisation  # noqa: E402
from core.services.people import PersonData, create_person  # noqa: E402
from core.services.reminders import TickReport, tick  # noqa: E402
from core.tx import transaction  # noqa: E402

ZONE = ZoneInfo("Asia/Almaty")
TERM_STARTS = date(2026, 8, 31)  # a Monday
DAY = date(2026, 10, 14)  # the Wednesday that is measured
STUDENTS_PER_GROUP = 12
TEACHERS = 80
ROOMS = 60
BATCH = 2000


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, clock_time(hour, minute), tzinfo=ZONE).astimezone(UTC)


async def seed(deps: Deps, *, groups: int, weeks: int) -> dict[str, int]:
    """The centre described in the module docstring; returns what it holds."""
    async with transaction(deps) as tx:
        org = await do_create_organisation(
            tx,
            Actor.system(0, "bench"),
            kind=OrganisationKind.LEARNING_CENTRE,
            data=OrganisationData(name_ru="Орталық", name_kk="Орталық", timezone=ZONE.key),
            parent_id=None,
        )
    actor = Actor.system(org.id, "bench")
    teachers = [
        (
            await create_person(
                deps,
                actor,
                data=PersonData(last_name=f"Мұғалім{n}", first_name="Асқар"),
                roles=(Role.TEACHER,),
            )
        ).id
        for n in range(TEACHERS)
    ]
    course = await create_course(
        deps, actor, data=CourseData(name_kk="Математика", name_ru="Математика", name_en="Maths")
    )
    group_ids = []
    for index in range(groups):
        data = GroupData(
            course_id=course.id,
            name=f"Топ {index + 1}",
            capacity=STUDENTS_PER_GROUP + 5,
            teacher_ids=(teachers[index % TEACHERS],),
        )
        group_ids.append((await create_group(deps, actor, data=data)).id)
    rows = groups * STUDENTS_PER_GROUP
    await import_students(deps, actor, data=build_workbook(rows, groups), filename="bench.xlsx")
    now = deps.clock.now()
    await Room.bulk_create(
        [
            Room(
                organisation_id=org.id,
                name=f"{100 + n}",
                kind=RoomKind.CLASSROOM,
                capacity=20,
                created_at=now,
            )
            for n in range(ROOMS)
        ]
    )
    room_ids = [room.id for room in await Room.filter(organisation_id=org.id).order_by("id")]
    people = list(await Person.all().order_by("id").values_list("id", flat=True))
    telegram_ids = itertools.count(5_000_000_001)
    languages = itertools.cycle(["kk", "ru", None])
    await Account.bulk_create(
        [
            Account(
                person_id=person,
                telegram_user_id=next(telegram_ids),
                language=next(languages),
                created_at=now,
            )
            for person in people
        ],
        batch_size=BATCH,
    )
    own = itertools.cycle([(15, None), (30, 20), (120, 18), (1440, 21), (0, -1), (None, 20)])
    await ReminderPreference.bulk_create(
        [
            ReminderPreference(person_id=person, reminder_minutes=minutes, digest_hour=hour)
            for person, (minutes, hour) in zip(people[::10], own, strict=False)
        ],
        batch_size=BATCH,
    )
    lessons: list[Lesson] = []
    for index, group_id in enumerate(group_ids):
        weekdays = (0, 2, 4) if index % 2 == 0 else (1, 3, 5)
        hour = 9 + index % 11
        for week, weekday in itertools.product(range(weeks), weekdays):
            day = TERM_STARTS + timedelta(weeks=week, days=weekday)
            starts = local(day, hour, 30 * (index // 11 % 2))
            lessons.append(
                Lesson(
                    organisation_id=org.id,
                    group_id=group_id,
                    teacher_id=teachers[index % TEACHERS],
                    room_id=room_ids[index % ROOMS],
                    starts_at=starts,
                    ends_at=starts + timedelta(minutes=90),
                    status=LessonStatus.PLANNED,
                    created_at=now,
                    updated_at=now,
                )
            )
    for start in range(0, len(lessons), BATCH):
        await Lesson.bulk_create(lessons[start : start + BATCH])
    first_lessons = {
        group_id: lesson_id
        for lesson_id, group_id in reversed(
            await Lesson.filter(starts_at__lt=local(DAY, 0))
            .order_by("-starts_at")
            .values_list("id", "group_id")
        )
    }
    await Homework.bulk_create(
        [
            Homework(
                organisation_id=org.id,
                lesson_id=lesson_id,
                group_id=group_id,
                text="§12, 1–15 есептер",
                due_at=local(DAY, 18),
                created_at=now,
                updated_at=now,
            )
            for group_id, lesson_id in first_lessons.items()
        ]
    )
    enrolled = await Enrolment.all().order_by("id").values_list("group_id", "student_id")
    homework_of = dict(await Homework.all().values_list("group_id", "id"))
    await Submission.bulk_create(
        [
            Submission(
                homework_id=homework_of[group_id],
                student_id=student_id,
                text="дайын",
                status=SubmissionStatus.SUBMITTED,
                submitted_at=now,
            )
            for n, (group_id, student_id) in enumerate(enrolled)
            if n % 2 == 0 and group_id in homework_of
        ],
        batch_size=BATCH,
    )
    return {
        "groups": groups,
        "lessons": await Lesson.all().count(),
        "people": len(people),
        "enrolments": len(enrolled),
    }


async def measure_day(deps: Deps, clock: FrozenClock, step_minutes: int) -> dict[str, Any]:
    times: list[float] = []
    totals = TickReport()
    slowest = (0.0, "")
    moment = local(DAY, 0)
    end = local(DAY + timedelta(days=1), 0)
    while moment < end:
        clock.current = moment
        started = time.perf_counter()
        report = await tick(deps)
        elapsed = time.perf_counter() - started
        times.append(elapsed)
        if elapsed > slowest[0]:
            slowest = (elapsed, moment.astimezone(ZONE).strftime("%H:%M"))
        totals = TickReport(
            lessons=max(totals.lessons, report.lessons),
            reminders=totals.reminders + report.reminders,
            digests=totals.digests + report.digests,
            overdue=totals.overdue + report.overdue,
        )
        moment += timedelta(minutes=step_minutes)
    clock.current = local(DAY, 12)
    idle: list[float] = []
    for _ in range(50):
        started = time.perf_counter()
        report = await tick(deps)
        idle.append(time.perf_counter() - started)
        assert report.reminders == report.digests == report.overdue == 0
    return {
        "ticks": len(times),
        "tick_median_ms": round(statistics.median(times) * 1000, 1),
        "tick_p95_ms": round(p95(times) * 1000, 1),
        "tick_max_ms": round(slowest[0] * 1000, 1),
        "slowest_at": slowest[1],
        "day_total_s": round(sum(times), 2),
        "reminders": totals.reminders,
        "digests": totals.digests,
        "overdue": totals.overdue,
        "most_lessons_in_window": totals.lessons,
        "idle_median_ms": round(statistics.median(idle) * 1000, 1),
        "idle_p95_ms": round(p95(idle) * 1000, 1),
    }


async def run(database_url: str, *, groups: int, weeks: int, step: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="sabaq-bench-") as tmp:
        settings = load_settings(
            data_dir=Path(tmp),
            database_url=database_url,
            import_max_rows=groups * STUDENTS_PER_GROUP,
            _env_file=None,
        )
        await migrate(settings)
        clock = FrozenClock(local(TERM_STARTS, 8) - timedelta(days=7))
        deps = build_deps(settings, clock=clock)
        try:
            started = time.perf_counter()
            seeded: dict[str, Any] = dict(await seed(deps, groups=groups, weeks=weeks))
            seeded["seed_s"] = round(time.perf_counter() - started, 1)
            print(f"  seeded {seeded}", flush=True)
            figures = await measure_day(deps, clock, step)
        finally:
            await deps.aclose()
            await close_db()
    return {**seeded, **figures}


def report(name: str, figures: dict[str, Any]) -> None:
    print(
        f"{name}: {figures['lessons']} lessons, {figures['people']} people; "
        f"{figures['ticks']} ticks: median {figures['tick_median_ms']} ms, "
        f"p95 {figures['tick_p95_ms']} ms, slowest {figures['tick_max_ms']} ms "
        f"(at {figures['slowest_at']}), {figures['day_total_s']} s for the day"
    )
    print(
        f"  queued {figures['reminders']} reminders, {figures['digests']} digests, "
        f"{figures['overdue']} overdue notices; idle tick median {figures['idle_median_ms']} "
        f"ms, p95 {figures['idle_p95_ms']} ms"
    )


def run_in_child(database_url: str, args: argparse.Namespace, step: int) -> dict[str, Any]:
    """One backend in its own process (Tortoise is initialised once per process); its
    lines are shown as they come and its last line is its figures."""
    command = [
        sys.executable,
        __file__,
        "--one",
        database_url or "sqlite",
        "--groups",
        str(args.groups),
        "--weeks",
        str(args.weeks),
        "--step",
        str(step),
    ]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as child:
        assert child.stdout is not None
        lines = []
        for line in child.stdout:
            lines.append(line)
            if not line.startswith("{"):
                print(line, end="", flush=True)
    if child.returncode:
        raise SystemExit(f"the {database_url or 'SQLite'} run failed")
    figures: dict[str, Any] = json.loads(lines[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark reminder planning for a day.")
    parser.add_argument("--quick", action="store_true", help="every 5th minute, SQLite only")
    parser.add_argument("--groups", type=int, default=300)
    parser.add_argument("--weeks", type=int, default=50)
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("SABAQ_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"),
    )
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--step", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        url = "" if args.one == "sqlite" else args.one
        figures = asyncio.run(run(url, groups=args.groups, weeks=args.weeks, step=args.step))
        print(json.dumps(figures))
        return
    step = 5 if args.quick else 1
    results: dict[str, Any] = {"bench": "reminders", "step_minutes": step}
    print(f"SQLite: seeding {args.groups} groups, {args.weeks} weeks ...", flush=True)
    results["sqlite"] = run_in_child("", args, step)
    report("SQLite", results["sqlite"])
    if not args.quick and not args.no_postgres:
        print("PostgreSQL: seeding ...", flush=True)

        async def on_postgres() -> dict[str, Any]:
            async with temporary_database(args.postgres_url) as url:
                return await asyncio.to_thread(run_in_child, url, args, step)

        results["postgres"] = asyncio.run(on_postgres())
        report("PostgreSQL", results["postgres"])
    print(json.dumps(results))


if __name__ == "__main__":
    main()
