"""Money reports (issue 6): income, debts with ageing, history, forecast, lessons paid vs
held, monthly revenue and the yearly summary, and their Excel exports.

The clock stands at 1 September 2026, 11:00 in Almaty (a Tuesday). Amounts are in tiyn.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import astuple, dataclass
from datetime import date, datetime, timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook

from core.deps import Deps
from core.errors import InvalidInput, NotFound, PermissionDenied
from core.models.finance import (
    Billing,
    EntryKind,
    Expense,
    ExpenseCategory,
    PaymentMethod,
    Plan,
)
from core.services.finance_reports import (
    AGE_LIMITS,
    Ageing,
    ForecastKind,
    ForecastWeek,
    MethodLine,
    debts_report,
    export_workbook,
    finance_dashboard,
    forecast_report,
    history_report,
    income_report,
    revenue_report,
    subscriptions_report,
    year_report,
)
from tests.factories import make_student
from tests.finance_factories import (
    add_entry,
    charge,
    freeze,
    held_lesson,
    make_plan,
    make_subscription,
    pay,
    reverse,
)
from tests.lesson_factories import (
    LessonCentre,
    lesson_at,
    make_lesson_centre,
    make_second_group,
)
from tests.test_query_counts import counting_queries

TENGE = 100


def d(month: int, day: int) -> date:
    return date(2026, month, day)


@dataclass(frozen=True)
class Books:
    """Айгерім owes 75 000 ₸ of charges from May to August (FIFO leaves June's last 5 000,
    July's 30 000 in physics and August's 40 000); Тимур is in credit; Виктор owes a 5 000 ₸
    correction of March, tied to no group."""

    centre: LessonCentre
    aigerim: int
    timur: int
    viktor: int
    physics: int


async def make_books(deps: Deps) -> Books:
    centre = await make_lesson_centre(deps)
    org = centre.system.organisation_id
    aigerim, timur = (s.person_id or 0 for s in centre.students)
    viktor = await make_student(deps, centre.admin, "Ли", "Виктор")
    physics = await make_second_group(deps, centre)
    plan = await make_plan(deps, org)
    sub_a = await make_subscription(
        deps,
        organisation_id=org,
        student_id=aigerim,
        plan_id=plan,
        group_id=centre.group_id,
        starts_on=d(4, 1),
    )
    sub_t = await make_subscription(
        deps,
        organisation_id=org,
        student_id=timur,
        plan_id=plan,
        group_id=centre.group_id,
        starts_on=d(8, 1),
    )
    physics_lesson = await held_lesson(deps, centre, d(7, 20), group_id=physics)

    async def charge_a(amount: int, on: date, **links: int) -> int:
        links.setdefault("subscription_id", sub_a)
        return await charge(
            deps, organisation_id=org, student_id=aigerim, amount=amount, on=on, **links
        )

    await charge_a(10_000 * TENGE, d(5, 1))
    await charge_a(20_000 * TENGE, d(6, 15))
    await charge(
        deps,
        organisation_id=org,
        student_id=aigerim,
        amount=30_000 * TENGE,
        on=d(7, 20),
        lesson_id=physics_lesson,
    )
    await charge_a(40_000 * TENGE, d(8, 20))
    await pay(deps, organisation_id=org, student_id=aigerim, amount=25_000 * TENGE, on=d(8, 25))
    card = await pay(
        deps,
        organisation_id=org,
        student_id=aigerim,
        amount=10_000 * TENGE,
        on=d(8, 26),
        method=PaymentMethod.CARD,
    )
    await reverse(deps, card, d(8, 27))
    await reverse(deps, await charge_a(50_000 * TENGE, d(8, 28)), d(8, 29))

    await charge(
        deps,
        organisation_id=org,
        student_id=timur,
        amount=20_000 * TENGE + 1,
        on=d(8, 1),
        subscription_id=sub_t,
    )
    await pay(
        deps,
        organisation_id=org,
        student_id=timur,
        amount=30_000 * TENGE,
        on=d(8, 10),
        method=PaymentMethod.KASPI,
    )
    await add_entry(
        deps,
        organisation_id=org,
        student_id=timur,
        kind=EntryKind.REFUND,
        amount=-5_000 * TENGE,
        on=d(8, 30),
        method=PaymentMethod.CASH,
    )
    await add_entry(
        deps,
        organisation_id=org,
        student_id=viktor,
        kind=EntryKind.CORRECTION,
        amount=-5_000 * TENGE,
        on=d(3, 1),
    )
    return Books(centre, aigerim, timur, viktor, physics)


async def test_debts_are_aged_first_in_first_out_by_student_and_group(deps: Deps):
    books = await make_books(deps)

    report = await debts_report(deps, books.centre.admin)

    assert report.as_of == d(9, 1)
    assert report.debtors == 2
    aigerim, viktor = report.students
    assert (aigerim.full_name, aigerim.debt) == ("Омарова Айгерім", 75_000 * TENGE)
    # The 25 000 ₸ paid covers May and 15 000 of June; the reversed card payment and the
    # reversed charge take no part.
    assert aigerim.ageing == Ageing(
        days_0_30=40_000 * TENGE, days_31_60=30_000 * TENGE, days_61_90=5_000 * TENGE
    )
    assert aigerim.oldest_on == d(6, 15)
    assert aigerim.group_names == ("Алгебра 7А", "Физика 8Б")
    assert (viktor.full_name, viktor.ageing) == ("Ли Виктор", Ageing(over_90=5_000 * TENGE))
    by_group = {line.group_name: (line.debtors, line.debt) for line in report.groups}
    assert by_group == {
        "Алгебра 7А": (1, 45_000 * TENGE),
        "Физика 8Б": (1, 30_000 * TENGE),
        "": (1, 5_000 * TENGE),
    }
    assert report.groups[-1].group_id is None, "debts without a group come last"
    assert report.total.total == 80_000 * TENGE == sum(line.debt for line in report.groups)


async def test_the_debts_report_reads_the_same_few_queries_for_any_number_of_debtors(
    deps: Deps, monkeypatch: pytest.MonkeyPatch
):
    books = await make_books(deps)
    org = books.centre.system.organisation_id
    with counting_queries(monkeypatch) as seen:
        await debts_report(deps, books.centre.admin)
    few = len(seen)
    for index in range(5):
        student = await make_student(deps, books.centre.admin, f"Қарыз{index}", "Әсел")
        await charge(deps, organisation_id=org, student_id=student, amount=TENGE, on=d(8, 1))
    with counting_queries(monkeypatch) as seen:
        report = await debts_report(deps, books.centre.admin)
    assert report.debtors == 7
    assert len(seen) == few


#: (student, day, id, signed amount, group) of one ledger entry.
Entry = tuple[int, date, int, int, int | None]


@dataclass(frozen=True)
class RandomBooks:
    centre: LessonCentre
    entries: list[Entry]
    reversed_ids: set[int]
    group_names: dict[int, str]


async def make_random_books(deps: Deps) -> RandomBooks:
    """Five students' books, seeded: charges of a subscription (algebra) and of lessons
    (physics), some on the same day in both groups, payments, refunds, corrections and
    discounts from March to August, and reversals of any of them."""
    centre = await make_lesson_centre(deps)
    org = centre.system.organisation_id
    physics = await make_second_group(deps, centre)
    lessons = [await held_lesson(deps, centre, d(5, day), group_id=physics) for day in (4, 11)]
    plan = await make_plan(deps, org)
    rng = random.Random(6)
    entries: list[Entry] = []
    reversed_ids: set[int] = set()
    for name in ("Әлем", "Бота", "Дана", "Ерік", "Жанар"):
        student = await make_student(deps, centre.admin, "Тест", name)
        sub = await make_subscription(
            deps,
            organisation_id=org,
            student_id=student,
            plan_id=plan,
            group_id=centre.group_id,
            starts_on=d(3, 1),
        )
        mine: list[Entry] = []
        for _ in range(9):
            on = d(3, 1) + timedelta(days=rng.randrange(184))
            amount, roll = rng.randrange(1, 40) * 500 * TENGE, rng.random()
            common = {"deps": deps, "organisation_id": org, "student_id": student, "on": on}
            if roll < 0.3:
                entry = await charge(**common, amount=amount, subscription_id=sub)
                mine.append((student, on, entry, -amount, centre.group_id))
                # The same day in the other group: the order of ids decides between them.
                entry = await charge(**common, amount=amount // 2, lesson_id=lessons[0])
                mine.append((student, on, entry, -(amount // 2), physics))
            elif roll < 0.5:
                entry = await charge(**common, amount=amount, lesson_id=rng.choice(lessons))
                mine.append((student, on, entry, -amount, physics))
            elif roll < 0.75:
                entry = await pay(**common, amount=amount)
                mine.append((student, on, entry, amount, None))
            else:
                kind = rng.choice((EntryKind.REFUND, EntryKind.CORRECTION, EntryKind.DISCOUNT))
                signed = amount if kind == EntryKind.DISCOUNT else -amount
                entry = await add_entry(**common, kind=kind, amount=signed)
                mine.append((student, on, entry, signed, None))
        for _ in range(2):
            _, on, entry, amount, group = rng.choice(mine)
            if entry not in reversed_ids:
                later = on + timedelta(days=rng.randrange(5))
                reversal = await reverse(deps, entry, later)
                mine.append((student, later, reversal, -amount, group))
                reversed_ids |= {entry, reversal}
        entries += mine
    names = {centre.group_id: "Алгебра 7А", physics: "Физика 8Б"}
    return RandomBooks(centre, entries, reversed_ids, names)


def aged_by_hand(
    books: RandomBooks, today: date
) -> tuple[
    dict[int, tuple[list[int], date, set[str]]],
    dict[int | None, list[int]],
    dict[int | None, int],
]:
    """(ageing, oldest day, group names) per debtor, ageing and debtors per group: the
    newest debits that are not reversed or reversals, one by one, until they add up to the
    debt."""
    students: dict[int, tuple[list[int], date, set[str]]] = {}
    groups: dict[int | None, list[int]] = {}
    debtors: dict[int | None, set[int]] = defaultdict(set)
    for student in {entry[0] for entry in books.entries}:
        mine = [entry for entry in books.entries if entry[0] == student]
        left = -sum(entry[3] for entry in mine)
        if left <= 0:
            continue
        live = [entry for entry in mine if entry[3] < 0 and entry[2] not in books.reversed_ids]
        ages, names = [0, 0, 0, 0], set()
        for _, on, _, amount, group in sorted(live, key=lambda e: (e[1], e[2]), reverse=True):
            part = min(-amount, left)
            bucket = sum((today - on).days > limit for limit in AGE_LIMITS)
            ages[bucket] += part
            groups.setdefault(group, [0, 0, 0, 0])[bucket] += part
            debtors[group].add(student)
            if group is not None:
                names.add(books.group_names[group])
            left -= part
            if not left:
                break
        students[student] = (ages, on, names)
    return students, groups, {group: len(ids) for group, ids in debtors.items()}


async def test_debts_match_first_in_first_out_entry_by_entry(deps: Deps):
    books = await make_random_books(deps)
    students, groups, debtors = aged_by_hand(books, d(9, 1))

    report = await debts_report(deps, books.centre.admin)

    assert len(students) >= 2, "the seed leaves a few debtors"
    assert {
        line.student_id: (list(astuple(line.ageing)), line.oldest_on, set(line.group_names))
        for line in report.students
    } == students
    assert {line.group_id: list(astuple(line.ageing)) for line in report.groups} == groups
    assert {line.group_id: line.debtors for line in report.groups} == debtors


async def test_income_is_counted_by_method_net_of_reversals_and_refunds(deps: Deps):
    books = await make_books(deps)

    report = await income_report(deps, books.centre.admin, starts_on=d(8, 1), ends_on=d(8, 31))

    assert report.methods == (
        MethodLine(PaymentMethod.CASH, received=25_000 * TENGE, refunded=5_000 * TENGE),
        MethodLine(PaymentMethod.CARD, received=0, refunded=0),
        MethodLine(PaymentMethod.KASPI, received=30_000 * TENGE, refunded=0),
    )
    assert (report.received, report.refunded, report.net) == (
        55_000 * TENGE,
        5_000 * TENGE,
        50_000 * TENGE,
    )
    # By course: August's charges net of the reversed one (physics was charged in July).
    assert [(line.name("kk"), line.revenue) for line in report.courses] == [
        ("Алгебра", 60_000 * TENGE + 1)
    ]


async def test_a_students_history_shows_the_balance_after_each_entry(deps: Deps):
    books = await make_books(deps)

    report = await history_report(
        deps, books.centre.admin, student_id=books.aigerim, starts_on=d(8, 1), ends_on=d(8, 31)
    )

    assert report.opening == -60_000 * TENGE
    assert [
        (line.entry.occurred_on.day, line.entry.kind, line.entry.reversed, line.balance_after)
        for line in report.lines
    ] == [
        (20, EntryKind.CHARGE, False, -100_000 * TENGE),
        (25, EntryKind.PAYMENT, False, -75_000 * TENGE),
        (26, EntryKind.PAYMENT, True, -65_000 * TENGE),
        (27, EntryKind.REVERSAL, False, -75_000 * TENGE),
        (28, EntryKind.CHARGE, True, -125_000 * TENGE),
        (29, EntryKind.REVERSAL, False, -75_000 * TENGE),
    ]
    assert report.closing == -75_000 * TENGE
    with pytest.raises(NotFound):
        await history_report(
            deps, books.centre.admin, student_id=10**9, starts_on=d(8, 1), ends_on=d(8, 31)
        )


async def test_revenue_per_month_and_per_lesson_and_the_yearly_summary(deps: Deps):
    books = await make_books(deps)
    org = books.centre.system.organisation_id
    for day in (3, 10, 17):
        await held_lesson(deps, books.centre, d(8, day))
    now = deps.clock.now()
    for category, amount, spent_on, cancelled in (
        (ExpenseCategory.RENT, 100_000, d(8, 5), None),
        (ExpenseCategory.OTHER, 7_000, d(8, 6), now),
        (ExpenseCategory.UTILITIES, 20_000, d(7, 3), None),
        # What approving August's payroll records (core.services.salaries).
        (ExpenseCategory.SALARIES, 150_000, d(8, 31), None),
    ):
        await Expense.create(
            organisation_id=org,
            category=category,
            amount=amount * TENGE,
            spent_on=spent_on,
            cancelled_at=cancelled,
            created_at=now,
        )
    revenue = await revenue_report(deps, books.centre.admin, year=2026)

    months = {m.month.month: (m.revenue, m.held_lessons, m.per_lesson) for m in revenue.months}
    assert months[5] == (10_000 * TENGE, 0, None)
    assert months[7] == (30_000 * TENGE, 1, 30_000 * TENGE)
    # 60 000.01 ₸ over 3 lessons is 20 000.00333… ₸: rounded to the tiyn.
    assert months[8] == (60_000 * TENGE + 1, 3, 20_000 * TENGE)
    assert revenue.revenue == 120_000 * TENGE + 1

    year = await year_report(deps, books.centre.admin, year=2026)

    august = year.months[7]
    assert (august.income, august.revenue, august.expenses, august.salaries) == (
        50_000 * TENGE,
        60_000 * TENGE + 1,
        100_000 * TENGE,
        150_000 * TENGE,
    )
    assert august.result == -200_000 * TENGE
    assert year.months[6].expenses == 20_000 * TENGE and year.months[6].salaries == 0
    assert (year.totals.income, year.totals.expenses, year.totals.result) == (
        50_000 * TENGE,
        120_000 * TENGE,
        -220_000 * TENGE,
    )


@dataclass(frozen=True)
class Forecast:
    centre: LessonCentre
    aigerim_sub: int


async def make_forecast(deps: Deps) -> Forecast:
    """Айгерім's 4 lessons (40 000 ₸) from 25 August: one charged and paid, 30 000 due on 8
    September, a freeze over 9 September, so her last lesson is on 23 September. Тимур
    owes his first subscription since 15 August and bought the next one already. Әлихан pays
    20 000 ₸ a month from 10 August. Виктор's plan is archived."""
    centre = await make_lesson_centre(deps)
    org = centre.system.organisation_id
    aigerim, timur = (s.person_id or 0 for s in centre.students)
    alikhan = await make_student(deps, centre.admin, "Сәтбаев", "Әлихан")
    viktor = await make_student(deps, centre.admin, "Ли", "Виктор")
    four = await make_plan(deps, org, name="Абонемент 4", lessons=4)
    monthly = await make_plan(
        deps, org, name="Ай сайын", price=2_000_000, lessons=8, billing=Billing.MONTHLY
    )
    old = await make_plan(deps, org, name="Ескі")
    for day in (2, 9, 16, 23):
        await lesson_at(deps, centre, d(9, day), "10:00")
    for day in (20, 26, 28):
        await held_lesson(deps, centre, d(8, day), "16:00")

    aigerim_sub = await make_subscription(
        deps,
        organisation_id=org,
        student_id=aigerim,
        plan_id=four,
        group_id=centre.group_id,
        starts_on=d(8, 25),
        valid_until=d(10, 24),
        due_on=d(9, 8),
    )
    await charge(
        deps,
        organisation_id=org,
        student_id=aigerim,
        amount=1_000_000,
        on=d(8, 26),
        subscription_id=aigerim_sub,
    )
    await pay(deps, organisation_id=org, student_id=aigerim, amount=1_000_000, on=d(8, 26))
    await freeze(deps, aigerim_sub, d(9, 8), d(9, 14))
    for starts_on, valid_until in ((d(8, 1), d(9, 30)), (d(10, 1), d(11, 30))):
        await make_subscription(
            deps,
            organisation_id=org,
            student_id=timur,
            plan_id=four,
            group_id=centre.group_id,
            starts_on=starts_on,
            valid_until=valid_until,
            due_on=d(8, 15) if starts_on.month == 8 else starts_on,
        )
    monthly_sub = await make_subscription(
        deps,
        organisation_id=org,
        student_id=alikhan,
        plan_id=monthly,
        group_id=centre.group_id,
        starts_on=d(8, 10),
        valid_until=d(12, 31),
    )
    await charge(
        deps,
        organisation_id=org,
        student_id=alikhan,
        amount=2_000_000,
        on=d(8, 10),
        subscription_id=monthly_sub,
    )
    await pay(deps, organisation_id=org, student_id=alikhan, amount=2_000_000, on=d(8, 10))
    await make_subscription(
        deps,
        organisation_id=org,
        student_id=viktor,
        plan_id=old,
        group_id=centre.group_id,
        starts_on=d(8, 20),
        valid_until=d(9, 20),
    )
    await pay(deps, organisation_id=org, student_id=viktor, amount=4_000_000, on=d(8, 20))
    await Plan.filter(id=old).update(archived_at=deps.clock.now())
    # The price list changed after Айгерім bought hers: a renewal costs today's price.
    await Plan.filter(id=four).update(price=4_500_000)
    return Forecast(centre, aigerim_sub)


async def test_the_forecast_puts_dues_renewals_and_monthly_charges_in_their_weeks(deps: Deps):
    scene = await make_forecast(deps)

    report = await forecast_report(deps, scene.centre.admin, weeks=8)

    # Тимур's two subscriptions are due together from the earlier date: 15 August.
    assert report.overdue == 8_000_000
    assert [week.starts_on for week in report.weeks][:2] == [d(8, 31), d(9, 7)]
    assert report.weeks[-1].ends_on == d(10, 25)
    expected = {
        1: ForecastWeek(d(9, 7), d(9, 13), due=3_000_000 + 2_000_000),
        3: ForecastWeek(d(9, 21), d(9, 27), renewals=4_500_000),
        5: ForecastWeek(d(10, 5), d(10, 11), monthly=2_000_000),
    }
    for index, week in enumerate(report.weeks):
        assert week == expected.get(index, ForecastWeek(week.starts_on, week.ends_on))
    assert [(item.kind, item.on, item.full_name, item.amount) for item in report.items] == [
        (ForecastKind.OVERDUE, d(8, 15), "Ким Тимур", 8_000_000),
        (ForecastKind.DUE, d(9, 8), "Омарова Айгерім", 3_000_000),
        (ForecastKind.DUE, d(9, 10), "Сәтбаев Әлихан", 2_000_000),
        (ForecastKind.RENEWAL, d(9, 23), "Омарова Айгерім", 4_500_000),
        (ForecastKind.MONTHLY, d(10, 10), "Сәтбаев Әлихан", 2_000_000),
    ]


async def test_lessons_paid_vs_held_per_subscription(deps: Deps):
    scene = await make_forecast(deps)

    report = await subscriptions_report(deps, scene.centre.admin)

    lines = {line.subscription_id: line for line in report.lines}
    aigerim = lines[scene.aigerim_sub]
    # Held on 26 and 28 August (20 August was before it started).
    assert (aigerim.bought, aigerim.held, aigerim.charged_lessons, aigerim.left) == (4, 2, 1, 3)
    assert aigerim.charged == 1_000_000 and aigerim.plan_name == "Абонемент 4"
    monthly = next(line for line in report.lines if line.billing == Billing.MONTHLY)
    assert monthly.left is None and monthly.charged_lessons == 1
    assert len(report.lines) == 5


async def test_the_dashboard_and_every_report_render_with_no_money_at_all(deps: Deps):
    centre = await make_lesson_centre(deps)

    dashboard = await finance_dashboard(deps, centre.admin)

    assert (dashboard.month_income, dashboard.total_debt, dashboard.debtors) == (0, 0, 0)
    assert dashboard.forecast.overdue == 0 and len(dashboard.forecast.weeks) == 8
    assert dashboard.revenue.per_lesson is None
    debts = await debts_report(deps, centre.admin)
    assert debts.students == () and debts.total == Ageing()
    workbook = load_workbook(BytesIO(await export_workbook(debts, language="en")))
    assert workbook.sheetnames == ["Debts", "Debts by group"]


async def test_money_reports_need_finance_view_and_sane_input(deps: Deps):
    centre = await make_lesson_centre(deps)

    with pytest.raises(PermissionDenied):
        await debts_report(deps, centre.teacher)
    with pytest.raises(PermissionDenied):
        await forecast_report(deps, centre.students[0])
    with pytest.raises(InvalidInput) as backwards:
        await income_report(deps, centre.admin, starts_on=d(9, 2), ends_on=d(9, 1))
    assert backwards.value.field == "ends_on"
    with pytest.raises(InvalidInput):
        await forecast_report(deps, centre.admin, weeks=27)
    with pytest.raises(InvalidInput):
        await year_report(deps, centre.admin, year=1999)


async def test_exports_open_in_excel_with_typed_cells(deps: Deps):
    books = await make_books(deps)

    debts = await debts_report(deps, books.centre.admin)
    sheet = load_workbook(BytesIO(await export_workbook(debts, language="en")))["Debts"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Debts", "By student")
    assert rows[1][:2] == ("As of", datetime(2026, 9, 1))  # noqa: DTZ001
    assert rows[3][:6] == (
        "Student",
        "Debt",
        "0–30 days",
        "31–60 days",
        "61–90 days",
        "Over 90 days",
    )
    assert rows[4][:7] == (
        "Омарова Айгерім",
        75_000,
        40_000,
        30_000,
        5_000,
        0,
        datetime(2026, 6, 15),  # noqa: DTZ001
    )
    debt_cell = sheet.cell(row=5, column=2)
    assert debt_cell.data_type == "n" and debt_cell.number_format == '#,##0.00 "₸"'
    assert rows[-1][:2] == ("Total", 80_000)

    income = await income_report(deps, books.centre.admin, starts_on=d(8, 1), ends_on=d(8, 31))
    workbook = load_workbook(BytesIO(await export_workbook(income, language="kk")))
    assert len(workbook.sheetnames) == 2
    by_course = list(workbook.worksheets[1].iter_rows(values_only=True))
    assert by_course[4][:2] == ("Алгебра", 60_000.01)

    year = await year_report(deps, books.centre.admin, year=2026)
    rows = list(
        load_workbook(BytesIO(await export_workbook(year, language="en"))).active.iter_rows(
            values_only=True
        )
    )
    assert rows[4 + 7][:3] == (datetime(2026, 8, 1), 50_000, 60_000.01)  # noqa: DTZ001
