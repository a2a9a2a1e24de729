"""Benchmark: the money reports of a large centre, on SQLite (default) or PostgreSQL.

    .venv/bin/python bench/finance.py [--quick] [--postgres-url URL] [--samples N]

A centre with 10,000 students in 500 groups taught by 200 teachers (quick: 2,000, 100 and
40) is seeded in a fresh database: the organisation through core services, the rest in bulk.
Every student has a finished subscription and an active one (10,000 active subscriptions;
one in five billed monthly). The ledger gets 1,000,000 entries (quick: 100,000) over two
years, inserted with ``executemany`` in batches: charges of lessons, a payment after every
fifteen, and now and then a discount, a refund, a correction or a reversed charge; three
students in ten leave their last payments unpaid, so their debts have every age. Each group
has lessons on Monday, Wednesday and Friday, held from the first day of last month until
yesterday (with attendance) and planned for the nine weeks ahead. Then, medians and p95:

- the debts report (target: p95 under 1 s on SQLite for the full size);
- the payment forecast over the 10,000 active subscriptions (8 weeks);
- the income report of this month, the monthly revenue and the yearly summary;
- the /finance dashboard's data;
- payroll for the teachers for last month: ``core.services.salaries.compute_payroll`` when
  that module has it (the hook is marked below; it is skipped with a note otherwise).

Figures are printed as they are measured, with the machine's load average (timings on a
shared machine are only as good as its load); the last line is one JSON object. Nothing is
asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as wall_time
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tortoise import BaseDBAsyncClient, connections  # noqa: E402
from tortoise.transactions import in_transaction  # noqa: E402

from bench.support.figures import figures, timed  # noqa: E402
from bench.support.postgres import temporary_database  # noqa: E402
from core.actor import Actor  # noqa: E402
from core.clock import SystemClock  # noqa: E402
from core.config import Settings, load_settings  # noqa: E402
from core.db import close_db, migrate  # noqa: E402
from core.deps import Deps, build_deps  # noqa: E402
from core.errors import SabaqError  # noqa: E402
from core.models.academics import Enrolment, Group, GroupTeacher  # noqa: E402
from core.models.finance import (  # noqa: E402
    Billing,
    PaymentMethod,
    Plan,
    SalaryRule,
    Subscription,
    SubscriptionStatus,
)
from core.models.lessons import Lesson, LessonStatus  # noqa: E402
from core.models.org import OrganisationKind  # noqa: E402
from core.models.people import Membership, Person, Role  # noqa: E402
from core.services.academics import CourseData, do_create_course  # noqa: E402
from core.services.finance_reports import (  # noqa: E402
    debts_report,
    finance_dashboard,
    forecast_report,
    income_report,
    revenue_report,
    year_report,
)
from core.services.orgs import OrganisationData, do_create_organisation  # noqa: E402
from core.tx import transaction  # noqa: E402

ZONE = ZoneInfo("Asia/Almaty")
LESSON_PRICE, LESSONS = 266_667, 15  # 40 000 ₸ for 15 lessons, in tiyn (the last 2 666.62 ₸)
PLAN_PRICE = 4_000_000
MONTHLY_PRICE = 2_500_000
BATCH = 10_000
LAST = ["Құрманғазы", "Сәтбаев", "Әуезов", "Нұрпейісова", "Үсенов", "Жұмабаев", "Ғабитова"]
FIRST = ["Әлихан", "Айгөлек", "Нұрсұлтан", "Ұлжан", "Өмірзақ", "Іңкәр", "Қанат"]


@dataclass(frozen=True)
class Size:
    students: int
    entries: int
    groups: int
    teachers: int


@dataclass
class Centre:
    system: Actor
    today: date
    students: list[int]
    teachers: list[int]
    groups: list[int]


class Rows:
    """Plain ``executemany`` inserts with the dialect's placeholders and value types."""

    def __init__(self, client: BaseDBAsyncClient) -> None:
        self.client = client
        self.postgres = client.capabilities.dialect == "postgres"

    def value(self, value: object) -> object:
        if self.postgres:
            return value
        if isinstance(value, datetime):
            return value.astimezone(UTC).isoformat(sep=" ")
        if isinstance(value, date):
            return value.isoformat()
        return value

    async def insert(
        self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]
    ) -> None:
        marks = ", ".join(f"${n}" if self.postgres else "?" for n in range(1, len(columns) + 1))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        for start in range(0, len(rows), BATCH):
            chunk = [[self.value(v) for v in row] for row in rows[start : start + BATCH]]
            await self.client.execute_many(sql, chunk)

    async def after_explicit_ids(self, table: str) -> None:
        if self.postgres:
            await self.client.execute_query(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT MAX(id) FROM {table}))"
            )


async def _people(deps: Deps, org: int, count: int, role: Role, prefix: str) -> list[int]:
    now = deps.clock.now()
    marker = f"bench-{role.value}"
    await Person.bulk_create(
        [
            Person(
                organisation_id=org,
                last_name=LAST[n % len(LAST)],
                first_name=f"{prefix} {FIRST[n % len(FIRST)]} {n + 1}",
                search_text=marker,
                created_at=now,
            )
            for n in range(count)
        ],
        batch_size=1000,
    )
    ids = list(
        await Person.filter(organisation_id=org, search_text=marker)
        .order_by("id")
        .values_list("id", flat=True)
    )
    await Membership.bulk_create(
        [
            Membership(
                person_id=pid,
                organisation_id=org,
                role=role,
                started_on=date(2024, 1, 1),
            )
            for pid in ids
        ],
        batch_size=1000,
    )
    return [int(pid) for pid in ids]  # type: ignore[call-overload]


async def seed_centre(deps: Deps, size: Size) -> Centre:
    """The organisation, teachers, students, groups with enrolments, plans, subscriptions,
    salary rules, lessons and attendance."""
    async with transaction(deps) as tx:
        org = await do_create_organisation(
            tx,
            Actor.system(0, "bench"),
            kind=OrganisationKind.LEARNING_CENTRE,
            data=OrganisationData(name_kk="Орталық", name_ru="Центр", name_en="Centre"),
        )
        system = Actor.system(org.id, "bench")
        course = await do_create_course(tx, system, data=CourseData(name_kk="Математика"))
    now = deps.clock.now()
    today = now.astimezone(ZONE).date()
    async with transaction(deps):
        teachers = await _people(deps, org.id, size.teachers, Role.TEACHER, "Мұғалім")
        students = await _people(deps, org.id, size.students, Role.STUDENT, "Оқушы")
        await Group.bulk_create(
            [
                Group(
                    organisation_id=org.id,
                    course_id=course.id,
                    name=f"Топ {n + 1}",
                    capacity=40,
                    created_at=now,
                )
                for n in range(size.groups)
            ],
            batch_size=1000,
        )
        groups = [
            int(gid)  # type: ignore[call-overload]
            for gid in await Group.filter(organisation_id=org.id)
            .order_by("id")
            .values_list("id", flat=True)
        ]
        await GroupTeacher.bulk_create(
            [
                GroupTeacher(group_id=gid, teacher_id=teachers[n % len(teachers)])
                for n, gid in enumerate(groups)
            ],
            batch_size=1000,
        )
        await Enrolment.bulk_create(
            [
                Enrolment(
                    group_id=groups[n % len(groups)],
                    student_id=sid,
                    starts_on=today - timedelta(days=800),
                    active_key=f"{groups[n % len(groups)]}:{sid}",
                    created_at=now,
                )
                for n, sid in enumerate(students)
            ],
            batch_size=1000,
        )
        per_lesson = await Plan.create(
            organisation_id=org.id,
            name="Абонемент 15",
            price=PLAN_PRICE,
            lessons=LESSONS,
            validity_days=60,
            billing=Billing.ATTENDED,
            created_at=now,
        )
        monthly = await Plan.create(
            organisation_id=org.id,
            name="Ай сайын",
            price=MONTHLY_PRICE,
            lessons=12,
            validity_days=365,
            billing=Billing.MONTHLY,
            created_at=now,
        )
        subscriptions = []
        for n, sid in enumerate(students):
            plan = monthly if n % 5 == 0 else per_lesson
            group = groups[n % len(groups)]
            for finished in (True, False):
                starts_on = today - timedelta(days=(700 if finished else 20 + n % 30))
                subscriptions.append(
                    Subscription(
                        organisation_id=org.id,
                        student_id=sid,
                        plan_id=plan.id,
                        group_id=group,
                        list_price=plan.price,
                        price=plan.price,
                        lessons=plan.lessons,
                        billing=plan.billing,
                        unexcused_percent=100,
                        excused_percent=0,
                        starts_on=starts_on,
                        valid_until=starts_on + timedelta(days=plan.validity_days),
                        due_on=starts_on + timedelta(days=7),
                        status=(
                            SubscriptionStatus.FINISHED if finished else SubscriptionStatus.ACTIVE
                        ),
                        created_at=now,
                    )
                )
        await Subscription.bulk_create(subscriptions, batch_size=1000)
        await SalaryRule.bulk_create(
            [
                SalaryRule(
                    organisation_id=org.id,
                    teacher_id=tid,
                    valid_from=date(2024, 1, 1),
                    per_lesson=500_000,
                    per_student=20_000,
                    created_at=now,
                )
                for tid in teachers
            ],
            batch_size=1000,
        )
    await seed_lessons(
        deps, org=org.id, groups=groups, teachers=teachers, students=students, today=today
    )
    return Centre(system, today, students, teachers, groups)


async def seed_lessons(
    deps: Deps,
    *,
    org: int,
    groups: list[int],
    teachers: list[int],
    students: list[int],
    today: date,
) -> None:
    """Mon/Wed/Fri lessons: held from the first day of last month until yesterday (everyone
    present), planned for nine weeks from today."""
    now = deps.clock.now()
    first_held = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    days = [
        first_held + timedelta(days=n)
        for n in range((today - first_held).days + 63)
        if (first_held + timedelta(days=n)).weekday() in (0, 2, 4)
    ]
    rows = []
    for index, group in enumerate(groups):
        hour = 9 + index % 10
        for day in days:
            starts = datetime.combine(day, wall_time(hour), tzinfo=ZONE).astimezone(UTC)
            held = day < today
            rows.append(
                (
                    org,
                    group,
                    teachers[index % len(teachers)],
                    starts,
                    starts + timedelta(minutes=90),
                    (LessonStatus.HELD if held else LessonStatus.PLANNED).value,
                    "",
                    "",
                    False,
                    starts + timedelta(minutes=90) if held else None,
                    now,
                    now,
                )
            )
    async with in_transaction() as connection:
        db = Rows(connection)
        await db.insert(
            "lesson",
            (
                "organisation_id",
                "group_id",
                "teacher_id",
                "starts_at",
                "ends_at",
                "status",
                "topic",
                "cancel_reason",
                "detached",
                "held_at",
                "created_at",
                "updated_at",
            ),
            rows,
        )
        held_lessons = await Lesson.filter(
            organisation_id=org, status=LessonStatus.HELD
        ).values_list("id", "group_id")
        members: dict[int, list[int]] = {}
        for n, sid in enumerate(students):
            members.setdefault(groups[n % len(groups)], []).append(sid)
        await db.insert(
            "attendance",
            ("lesson_id", "student_id", "status", "note", "marked_at"),
            [
                (lesson, sid, "present", "", now)
                for lesson, group in held_lessons
                for sid in members.get(group, [])
            ],
        )


def _kinds(count: int, unpaid_blocks: int) -> list[str]:
    """A student's entries in order, by blocks of 17: a payment for fifteen lessons, their
    fifteen charges and one other entry (a reversed charge, a discount, a refund or a
    correction, in turn); in the last ``unpaid_blocks`` blocks the student stopped paying."""
    blocks = (count + 16) // 17
    kinds = []
    for k in range(count):
        position, block = k % 17, k // 17
        if position == 0 and block < blocks - unpaid_blocks:
            kinds.append("payment")
        elif position <= 15:
            kinds.append("charge")
        else:
            kinds.append(("reversal", "discount", "refund", "correction")[block % 4])
    return kinds


def ledger_rows(
    org: int, size: Size, centre: Centre, subscriptions: dict[int, tuple[int, int]]
) -> list[tuple[Any, ...]]:
    """About ``size.entries`` entries over two years; see the module's docstring."""
    rng = random.Random(6)
    now = datetime.now(UTC)
    per_student, extra = divmod(size.entries, len(centre.students))
    methods = (PaymentMethod.CASH, PaymentMethod.KASPI, PaymentMethod.CARD)
    rows: list[tuple[Any, ...]] = []
    next_id = 1
    for n, student in enumerate(centre.students):
        count = per_student + (1 if n < extra else 0)
        old, active = subscriptions[student]
        kinds = _kinds(count, rng.randint(1, 6) if rng.random() < 0.3 else 0)
        # The newest charges (up to a subscription's worth) belong to the active one.
        charges_left = kinds.count("charge")
        in_active = n % LESSONS
        start = centre.today - timedelta(days=730 - n % 30)
        last_charge: tuple[int, int, int] | None = None
        charges = 0
        for k, kind in enumerate(kinds):
            entry_id, next_id = next_id, next_id + 1
            day = start + timedelta(days=k * 729 // max(1, count))
            method: str | None = None
            receipt: str | None = None
            sub: int | None = None
            reverses: int | None = None
            if kind == "charge":
                amount = -(
                    LESSON_PRICE if charges % LESSONS != 14 else PLAN_PRICE - 14 * LESSON_PRICE
                )
                sub = active if charges_left <= in_active else old
                charges, charges_left = charges + 1, charges_left - 1
                last_charge = (entry_id, amount, sub)
            elif kind == "payment":
                amount, method, receipt = PLAN_PRICE, methods[k % 3].value, f"{entry_id:06d}"
            elif kind == "reversal" and last_charge is not None:
                reverses, amount, sub = last_charge[0], -last_charge[1], last_charge[2]
                last_charge = None
            elif kind == "discount":
                amount = 50_000
            elif kind == "refund":
                amount, method = -50_000, PaymentMethod.CASH.value
            else:
                amount = -10_000
            rows.append(
                (
                    entry_id,
                    org,
                    student,
                    kind if kind != "reversal" or reverses else "correction",
                    amount,
                    "KZT",
                    day,
                    method,
                    receipt,
                    sub,
                    None,
                    None,
                    None,
                    reverses,
                    "",
                    now,
                    None,
                )
            )
    return rows


async def seed_ledger(deps: Deps, size: Size, centre: Centre) -> int:
    org = centre.system.organisation_id
    subscriptions: dict[int, tuple[int, int]] = {}
    for sid, student, status in await Subscription.filter(organisation_id=org).values_list(
        "id", "student_id", "status"
    ):
        old, active = subscriptions.get(student, (0, 0))
        subscriptions[student] = (
            (sid, active) if status == SubscriptionStatus.FINISHED else (old, sid)
        )
    rows = ledger_rows(org, size, centre, subscriptions)
    async with in_transaction() as connection:
        db = Rows(connection)
        await db.insert(
            "ledger_entry",
            (
                "id",
                "organisation_id",
                "student_id",
                "kind",
                "amount",
                "currency",
                "occurred_on",
                "method",
                "receipt_no",
                "subscription_id",
                "lesson_id",
                "charge_key",
                "external_id",
                "reverses_id",
                "reason",
                "created_at",
                "created_by_id",
            ),
            rows,
        )
        await db.after_explicit_ids("ledger_entry")
    if db.postgres:
        await connections.get("default").execute_query("ANALYZE")
    return len(rows)


async def sample(name: str, samples: int, call: Callable[[], Any]) -> dict[str, float]:
    values = [await timed(call) for _ in range(samples)]
    return figures(name, values)


async def payroll_hook(deps: Deps, centre: Centre, samples: int) -> dict[str, Any]:
    # --- HOOK: payroll for the teachers for a month -------------------------------------
    # core.services.salaries is written alongside these reports; measure it when it is
    # there, say so when it is not.
    try:
        salaries = importlib.import_module("core.services.salaries")
    except ModuleNotFoundError:
        print("payroll: core.services.salaries is not there yet; skipped")
        return {"payroll": "skipped"}
    compute = getattr(salaries, "compute_payroll", None)
    if compute is None:
        print("payroll: core.services.salaries has no compute_payroll yet; skipped")
        return {"payroll": "skipped"}
    month = (centre.today.replace(day=1) - timedelta(days=1)).replace(day=1)
    print(f"payroll for {len(centre.teachers)} teachers, {month:%m.%Y}:")
    try:
        return await sample("payroll", samples, partial(compute, deps, centre.system, month=month))
    except (SabaqError, TypeError) as error:
        print(f"  payroll: compute_payroll refused the call ({error!r}); skipped")
        return {"payroll": "skipped"}


async def run(settings: Settings, size: Size, samples: int) -> dict[str, Any]:
    await migrate(settings)
    deps = build_deps(settings, clock=SystemClock())
    try:
        await deps.search.ensure()
        print(
            f"seeding {size.students} students, {size.groups} groups, {size.teachers} teachers, "
            f"{size.entries} ledger entries on {settings.dialect} ..."
        )
        started = time.perf_counter()
        centre = await seed_centre(deps, size)
        seeded = time.perf_counter() - started
        entries = await seed_ledger(deps, size, centre)
        ledger_s = time.perf_counter() - started - seeded
        print(
            f"  centre in {seeded:.1f} s, {entries} entries in {ledger_s:.1f} s "
            f"({entries / ledger_s:.0f} a second)"
        )
        actor = centre.system
        debts = await debts_report(deps, actor)
        forecast = await forecast_report(deps, actor)
        print(
            f"debts report ({debts.debtors} debtors, {len(debts.groups)} groups, "
            f"total {debts.total.total / 100:.2f} KZT):"
        )
        result: dict[str, Any] = {
            "bench": "finance",
            "database": settings.dialect,
            "students": size.students,
            "entries": entries,
            "groups": size.groups,
            "teachers": size.teachers,
            "debtors": debts.debtors,
            "active_subscriptions": await Subscription.filter(
                organisation_id=actor.organisation_id, status=SubscriptionStatus.ACTIVE
            ).count(),
            "seed_s": round(seeded + ledger_s, 1),
            # The machine may be shared: its load tells how far to trust the timings.
            "load_1m_before": round(os.getloadavg()[0], 2),
        }
        result |= await sample("debts", samples, partial(debts_report, deps, actor))
        print(
            f"forecast ({result['active_subscriptions']} active subscriptions, "
            f"{len(forecast.items)} expected payments):"
        )
        result |= await sample(
            "forecast", max(3, samples // 2), partial(forecast_report, deps, actor)
        )
        print("other reports:")
        month = centre.today.replace(day=1)
        result |= await sample(
            "income_month",
            max(3, samples // 2),
            partial(income_report, deps, actor, starts_on=month, ends_on=centre.today),
        )
        result |= await sample(
            "revenue_year",
            max(3, samples // 2),
            partial(revenue_report, deps, actor, year=centre.today.year),
        )
        result |= await sample(
            "year_summary",
            max(3, samples // 2),
            partial(year_report, deps, actor, year=centre.today.year),
        )
        result |= await sample(
            "dashboard", max(3, samples // 4), partial(finance_dashboard, deps, actor)
        )
        result |= await payroll_hook(deps, centre, max(3, samples // 4))
        result["load_1m_after"] = round(os.getloadavg()[0], 2)
        print(
            f"load average (1 min): {result['load_1m_before']} before, "
            f"{result['load_1m_after']} after the timings"
        )
        return result
    finally:
        await deps.aclose()
        await close_db()


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    size = (
        Size(students=2_000, entries=100_000, groups=100, teachers=40)
        if args.quick
        else Size(students=10_000, entries=1_000_000, groups=500, teachers=200)
    )
    samples = args.samples or (10 if args.quick else 20)
    with tempfile.TemporaryDirectory(prefix="sabaq-bench-") as tmp:
        if args.postgres_url:
            async with temporary_database(args.postgres_url) as url:
                settings = load_settings(data_dir=Path(tmp), _env_file=None, database_url=url)
                return await run(settings, size, samples)
        settings = load_settings(data_dir=Path(tmp), _env_file=None)
        return await run(settings, size, samples)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the money reports of a large centre.")
    parser.add_argument(
        "--quick", action="store_true", help="2,000 students and 100,000 ledger entries"
    )
    parser.add_argument(
        "--samples", type=int, default=None, help="timed calls of the debts report"
    )
    parser.add_argument(
        "--postgres-url",
        default="",
        help="e.g. postgres://postgres@127.0.0.1:5432 (a temporary database is made)",
    )
    args = parser.parse_args()
    print(json.dumps(asyncio.run(main_async(args))))


if __name__ == "__main__":
    main()
