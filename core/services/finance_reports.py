"""Money reports for the panel, each exportable to Excel (permission ``finance.view``).

All figures come from the append-only ledger (``core.services.ledger``) and the one
definition of what is due (``core.services.dues``); amounts are integers of the
organisation's currency's smallest unit, as everywhere.

- **Income received** over a period of local dates, by payment method: payments, less the
  payments reversed in the period (counted under the method of the payment they cancel),
  less refunds net of their reversals. **By course** the report shows *revenue*: the charges
  of the period net of their reversals, per course. A payment is not tied to a course (a
  parent pays one sum for two groups), and spreading cash over courses would need a rule
  nobody asked for; a charge is tied to a lesson or a subscription, so to a group and its
  course. Charges with neither are "without a course".
- **Debts** as of today, by student and by group, with ageing. The debt is
  ``max(0, −balance)``. Ageing is first in, first out: credits pay the oldest charges first,
  so what is unpaid is the newest debits adding up to the debt; their dates give the age
  (0–30, 31–60, 61–90, over 90 days). An entry that was reversed and its reversal cancel out
  and take no part. An unpaid charge's group is its lesson's or its subscription's group, so
  the groups' debts add up to the total (debits without one — refunds, corrections — fall
  under "without a group"). One statement does it: the debtors come from an aggregate
  (``HAVING SUM(amount) < 0``) and drive a read of their own entries only, cut by a window
  sum to the ones still unpaid and summed per student, group and age in the database. The
  dashboard needs only the aggregate.
- **Payment history** of a student: the ledger entries of a period with the balance before,
  after each entry and at the end.
- **Payment forecast** for the next N weeks (8 by default), from Monday of the current local
  week: what is due (``dues``) in each week, what is overdue (due before today, or a debt)
  on a separate line; **renewals**: an active per-lesson subscription is projected over its
  group's planned lessons (within its validity, not on frozen days); where its lessons run
  out, or its validity ends, inside the horizon, a renewal at its plan's current price is
  expected that week — unless the plan is archived, is not a subscription plan (trial,
  single), or the student already holds a later subscription of the same group; **monthly**
  subscriptions: their monthly charge dates after the next one (the next one is already part
  of what is due).
- **Lessons paid vs held** per subscription: lessons bought, lessons held in its group from
  its start to the end of its validity (not on frozen days), lessons charged and left.
- **Monthly revenue** of a year (charges net of reversals, by the month of the entry) and
  the **average income per lesson** (revenue ÷ lessons held that month, the exact quotient
  rounded half up to the unit).
- **Yearly summary**: per month, income received (as above, net of reversals and refunds),
  revenue, expenses, salaries and the result: income − expenses − salaries. Expenses are the
  expenses not cancelled, by the day spent, *outside* the "salaries" category; salaries are
  those *in* it. Approving a teachers' payroll records its total as one such expense on the
  month's last day (``core.services.salaries``), so approved payrolls are counted there —
  once — together with pay recorded by hand (administrators, cleaners); summing the payroll
  lines as well would count the teachers twice.

The books of an organisation are kept in one currency (its finance settings'); reports sum
the ledger as ``dues`` and ``balances`` do.

Workbooks follow ``core.services.lesson_reports``: amounts are numbers in major units with
the currency in their format, dates are date cells, text is always text (never a formula).
"""

from __future__ import annotations

import asyncio
import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from io import BytesIO
from typing import Any

from babel.dates import format_date as babel_format_date
from babel.numbers import get_decimal_symbol
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from tortoise.expressions import Subquery
from tortoise.functions import Count, Sum

from core.actor import Actor
from core.charts import Series, bar_chart
from core.deps import Deps
from core.errors import InvalidInput
from core.i18n import N_, gettext_for
from core.models.academics import Course, Group
from core.models.finance import Billing as Billing  # noqa: PLC0414 - re-exported for adapters
from core.models.finance import (
    EntryKind,
    Expense,
    ExpenseCategory,
    LedgerEntry,
    PaymentMethod,
    Plan,
    PlanKind,
    Subscription,
    SubscriptionFreeze,
)
from core.models.finance import (
    SubscriptionStatus as SubscriptionStatus,  # noqa: PLC0414 - re-exported for adapters
)
from core.models.lessons import LessonStatus
from core.models.people import Person, Role
from core.money import MINOR_PER_MAJOR, SYMBOLS, format_amount
from core.names import fold, full_name
from core.permissions import Permission, require
from core.services.dues import add_months, dues
from core.services.ledger import (
    ENTRY_KIND_LABELS,
    PAYMENT_METHOD_LABELS,
    EntryView,
    access_account,
    entry_views,
    organisation_currency,
)
from core.services.lessons import local_days, local_midnight, organisation_zone, person_names
from core.sql import Sql

PERIOD_DAYS_MAX = 400
WEEKS_DEFAULT = 8
WEEKS_MAX = 26
YEAR_MIN, YEAR_MAX = 2000, 2100
#: The upper ends of the ageing buckets, in days; older debts are "over 90 days".
AGE_LIMITS = (30, 60, 90)
#: Ids per ``IN`` list (PostgreSQL allows 32,767 bound parameters in a query).
_CHUNK = 500
_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en"}


class FinanceReportKind(StrEnum):
    INCOME = "income"
    DEBTS = "debts"
    HISTORY = "history"
    FORECAST = "forecast"
    SUBSCRIPTIONS = "subscriptions"
    REVENUE = "revenue"
    YEAR = "year"


REPORT_LABELS: dict[FinanceReportKind, str] = {
    FinanceReportKind.INCOME: N_("Income received"),
    FinanceReportKind.DEBTS: N_("Debts"),
    FinanceReportKind.HISTORY: N_("Payment history"),
    FinanceReportKind.FORECAST: N_("Payment forecast"),
    FinanceReportKind.SUBSCRIPTIONS: N_("Lessons paid and held"),
    FinanceReportKind.REVENUE: N_("Monthly revenue"),
    FinanceReportKind.YEAR: N_("Yearly summary"),
}


class ForecastKind(StrEnum):
    OVERDUE = "overdue"
    DUE = "due"
    RENEWAL = "renewal"
    MONTHLY = "monthly"


FORECAST_LABELS: dict[ForecastKind, str] = {
    ForecastKind.OVERDUE: N_("Overdue"),
    ForecastKind.DUE: N_("Payments due"),
    ForecastKind.RENEWAL: N_("Renewals"),
    ForecastKind.MONTHLY: N_("Monthly charges"),
}

BILLING_LABELS: dict[Billing, str] = {
    Billing.ATTENDED: N_("Per lesson attended"),
    Billing.HELD: N_("Per lesson held"),
    Billing.MONTHLY: N_("Monthly"),
}

SUBSCRIPTION_STATUS_LABELS: dict[SubscriptionStatus, str] = {
    SubscriptionStatus.ACTIVE: N_("Active"),
    SubscriptionStatus.FINISHED: N_("Finished"),
    SubscriptionStatus.CANCELLED: N_("Cancelled"),
}


# --- Income -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MethodLine:
    """Money of one payment method (None: a refund that names none)."""

    method: PaymentMethod | None
    received: int
    refunded: int

    @property
    def net(self) -> int:
        return self.received - self.refunded


@dataclass(frozen=True)
class CourseRevenue:
    """Charges net of reversals of one course (``course_id`` None: without a course)."""

    course_id: int | None
    name_kk: str
    name_ru: str
    name_en: str
    revenue: int

    def name(self, language: str) -> str:
        return str(
            getattr(self, f"name_{language}", "") or self.name_ru or self.name_kk or self.name_en
        )


@dataclass(frozen=True)
class IncomeReport:
    starts_on: date
    ends_on: date
    currency: str
    methods: tuple[MethodLine, ...]
    courses: tuple[CourseRevenue, ...]

    @property
    def received(self) -> int:
        return sum(line.received for line in self.methods)

    @property
    def refunded(self) -> int:
        return sum(line.refunded for line in self.methods)

    @property
    def net(self) -> int:
        return self.received - self.refunded

    @property
    def revenue(self) -> int:
        return sum(line.revenue for line in self.courses)


# --- Debts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ageing:
    """A debt split by the age of the charges it is made of."""

    days_0_30: int = 0
    days_31_60: int = 0
    days_61_90: int = 0
    over_90: int = 0

    @property
    def total(self) -> int:
        return self.days_0_30 + self.days_31_60 + self.days_61_90 + self.over_90

    def __add__(self, other: Ageing) -> Ageing:
        return Ageing(
            self.days_0_30 + other.days_0_30,
            self.days_31_60 + other.days_31_60,
            self.days_61_90 + other.days_61_90,
            self.over_90 + other.over_90,
        )


@dataclass(frozen=True)
class DebtorLine:
    student_id: int
    full_name: str
    ageing: Ageing
    oldest_on: date | None
    group_names: tuple[str, ...]

    @property
    def debt(self) -> int:
        return self.ageing.total


@dataclass(frozen=True)
class GroupDebtLine:
    """``group_id`` None: debits tied to no group (refunds, corrections, other charges)."""

    group_id: int | None
    group_name: str
    debtors: int
    ageing: Ageing

    @property
    def debt(self) -> int:
        return self.ageing.total


@dataclass(frozen=True)
class DebtsReport:
    as_of: date
    currency: str
    students: tuple[DebtorLine, ...]
    groups: tuple[GroupDebtLine, ...]
    total: Ageing

    @property
    def debtors(self) -> int:
        return len(self.students)


# --- History ----------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryLine:
    entry: EntryView
    balance_after: int


@dataclass(frozen=True)
class HistoryReport:
    student_id: int
    full_name: str
    starts_on: date
    ends_on: date
    currency: str
    opening: int
    lines: tuple[HistoryLine, ...]

    @property
    def closing(self) -> int:
        return self.lines[-1].balance_after if self.lines else self.opening


# --- Forecast ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ForecastItem:
    """One expected payment. ``on`` None: overdue without a date (a debt, due at once)."""

    kind: ForecastKind
    on: date | None
    student_id: int
    full_name: str
    amount: int
    subscription_id: int | None = None
    plan_name: str = ""


@dataclass(frozen=True)
class ForecastWeek:
    starts_on: date
    ends_on: date
    due: int = 0
    renewals: int = 0
    monthly: int = 0

    @property
    def total(self) -> int:
        return self.due + self.renewals + self.monthly


@dataclass(frozen=True)
class ForecastReport:
    today: date
    currency: str
    overdue: int
    weeks: tuple[ForecastWeek, ...]
    items: tuple[ForecastItem, ...]

    @property
    def total(self) -> int:
        return sum(week.total for week in self.weeks)


# --- Subscriptions ----------------------------------------------------------------------


@dataclass(frozen=True)
class SubscriptionUsage:
    subscription_id: int
    student_id: int
    full_name: str
    plan_name: str
    group_name: str
    billing: Billing
    status: SubscriptionStatus
    starts_on: date
    valid_until: date
    price: int
    bought: int
    held: int
    charged_lessons: int
    charged: int

    @property
    def left(self) -> int | None:
        """Lessons still to charge (None for monthly billing: ``bought`` is per month)."""
        if self.billing == Billing.MONTHLY:
            return None
        return max(0, self.bought - self.charged_lessons)


@dataclass(frozen=True)
class SubscriptionsReport:
    status: SubscriptionStatus | None
    group_id: int | None
    currency: str
    lines: tuple[SubscriptionUsage, ...]
    #: (id, name) of the groups the organisation's subscriptions are for: the filter's choices.
    groups: tuple[tuple[int, str], ...] = ()


# --- Revenue and the year ---------------------------------------------------------------


@dataclass(frozen=True)
class MonthRevenue:
    month: date
    revenue: int
    held_lessons: int

    @property
    def per_lesson(self) -> int | None:
        """Revenue ÷ lessons held, rounded half up to the unit; None: no lesson held."""
        return _per_lesson(self.revenue, self.held_lessons)


def _per_lesson(revenue: int, lessons: int) -> int | None:
    if not lessons:
        return None
    return int((Decimal(revenue) / lessons).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class RevenueReport:
    year: int
    currency: str
    months: tuple[MonthRevenue, ...]

    @property
    def revenue(self) -> int:
        return sum(month.revenue for month in self.months)

    @property
    def held_lessons(self) -> int:
        return sum(month.held_lessons for month in self.months)

    @property
    def per_lesson(self) -> int | None:
        return _per_lesson(self.revenue, self.held_lessons)


@dataclass(frozen=True)
class YearMonth:
    month: date
    income: int = 0
    revenue: int = 0
    expenses: int = 0
    salaries: int = 0

    @property
    def result(self) -> int:
        return self.income - self.expenses - self.salaries


@dataclass(frozen=True)
class YearReport:
    year: int
    currency: str
    months: tuple[YearMonth, ...]
    #: The sums of the months (its ``month`` is the year's first day).
    totals: YearMonth


@dataclass(frozen=True)
class FinanceDashboard:
    today: date
    currency: str
    month_income: int
    total_debt: int
    debtors: int
    forecast: ForecastReport
    revenue: RevenueReport


Report = (
    IncomeReport
    | DebtsReport
    | HistoryReport
    | ForecastReport
    | SubscriptionsReport
    | RevenueReport
    | YearReport
)


# --- Reading ----------------------------------------------------------------------------


def _day(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _check_period(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise InvalidInput(N_("The period ends before it starts."), field="ends_on")
    if (ends_on - starts_on).days >= PERIOD_DAYS_MAX:
        raise InvalidInput(
            N_("A report covers at most {days} days."), field="ends_on", days=PERIOD_DAYS_MAX
        )


def _check_year(year: int) -> None:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise InvalidInput(
            N_("Choose a year from {first} to {last}."),
            field="year",
            first=YEAR_MIN,
            last=YEAR_MAX,
        )


async def _today(deps: Deps, organisation_id: int) -> date:
    zone = await organisation_zone(organisation_id)
    return deps.clock.now().astimezone(zone).date()


@dataclass(frozen=True)
class _Move:
    """Money of one kind on one day (and method, and course when asked for). A reversal
    counts as the kind of the entry it cancels, with its own (opposite) amount, so sums of a
    kind are net of reversals."""

    day: date
    kind: str
    method: str | None
    course_id: int | None
    total: int


_COURSE_OF = (
    "COALESCE(lg.course_id, sg.course_id)",
    "LEFT JOIN lesson l ON l.id = {t}.lesson_id "
    "LEFT JOIN study_group lg ON lg.id = l.group_id "
    "LEFT JOIN subscription s ON s.id = {t}.subscription_id "
    "LEFT JOIN study_group sg ON sg.id = s.group_id ",
)


async def _moves(
    organisation_id: int,
    starts_on: date,
    ends_on: date,
    kinds: Sequence[EntryKind],
    *,
    by_course: bool = False,
) -> list[_Move]:
    """Entries of ``kinds`` in the period and the reversals of such entries, summed by day,
    kind, method and (``by_course``) the course of the charge's lesson, else subscription.

    Two statements: the entries of those kinds through the (organisation, day) index, and
    the reversals through the unique index on ``reverses_id`` — they are few, and reading
    them by day would mean looking at every entry of the period. On SQLite the unary plus
    keeps the planner from choosing the day index for the second."""
    moves: list[_Move] = []
    for table, reversals in (("e", False), ("o", True)):
        q = Sql()
        course, joins = _COURSE_OF if by_course else ("NULL", "")
        plus = "" if q.postgres or not reversals else "+"
        source = (
            "ledger_entry e JOIN ledger_entry o ON o.id = e.reverses_id "
            if reversals
            else "ledger_entry e "
        )
        sql = (
            f"SELECT e.occurred_on AS day, {table}.kind AS kind, {table}.method AS method, "
            f"{course} AS course_id, SUM(e.amount) AS total FROM {source}"
            f"{joins.format(t=table)}"
            f"WHERE {'e.reverses_id > 0 AND ' if reversals else ''}"
            f"{plus}e.organisation_id = {q(organisation_id)} "
            f"AND {plus}e.occurred_on >= {q(starts_on)} AND {plus}e.occurred_on <= {q(ends_on)} "
            f"AND {table}.kind IN ({', '.join(q(kind.value) for kind in kinds)}) "
            "GROUP BY 1, 2, 3, 4"
        )
        moves.extend(
            _Move(
                day=_day(row["day"]),
                kind=str(row["kind"]),
                method=row["method"],
                course_id=row["course_id"],
                total=int(row["total"] or 0),
            )
            for row in await q.rows(sql)
        )
    return moves


_MONEY_KINDS = (EntryKind.PAYMENT, EntryKind.REFUND)


def _net_money(moves: Iterable[_Move]) -> dict[tuple[int, str | None], tuple[int, int]]:
    """(received, refunded) by (month, method) of payment and refund moves."""
    sums: dict[tuple[int, str | None], tuple[int, int]] = {}
    for move in moves:
        received, refunded = sums.get((move.day.month, move.method), (0, 0))
        if move.kind == EntryKind.PAYMENT:
            received += move.total
        elif move.kind == EntryKind.REFUND:
            refunded -= move.total
        sums[(move.day.month, move.method)] = (received, refunded)
    return sums


async def income_report(
    deps: Deps, actor: Actor, *, starts_on: date, ends_on: date
) -> IncomeReport:
    """Income received in the period by method, and revenue by course.

    Raises:
        PermissionDenied: the actor may not see money reports.
        InvalidInput: the period ends before it starts or is too long.
    """
    await require(actor, Permission.FINANCE_VIEW)
    _check_period(starts_on, ends_on)
    org = actor.organisation_id
    moves = await _moves(
        org, starts_on, ends_on, (*_MONEY_KINDS, EntryKind.CHARGE), by_course=True
    )
    received: dict[str | None, int] = defaultdict(int)
    refunded: dict[str | None, int] = defaultdict(int)
    for (_, method), (money_in, money_out) in _net_money(moves).items():
        received[method] += money_in
        refunded[method] += money_out
    order = {method.value: index for index, method in enumerate(PaymentMethod)}
    methods = [
        MethodLine(
            method=PaymentMethod(method) if method else None,
            received=received[method],
            refunded=refunded[method],
        )
        for method in sorted(set(received) | set(refunded), key=lambda m: order.get(m or "", 99))
        if received[method] or refunded[method] or method in order
    ]
    by_course: dict[int | None, int] = defaultdict(int)
    for move in moves:
        if move.kind == EntryKind.CHARGE:
            by_course[move.course_id] -= move.total
    names = {
        row["id"]: row
        for row in await Course.filter(
            id__in=[key for key in by_course if key is not None]
        ).values("id", "name_kk", "name_ru", "name_en")
    }
    courses = [
        CourseRevenue(
            course_id=course_id,
            name_kk=names.get(course_id, {}).get("name_kk", ""),
            name_ru=names.get(course_id, {}).get("name_ru", ""),
            name_en=names.get(course_id, {}).get("name_en", ""),
            revenue=revenue,
        )
        for course_id, revenue in by_course.items()
        if revenue
    ]
    courses.sort(key=lambda line: (line.course_id is None, -line.revenue, line.name("ru")))
    return IncomeReport(
        starts_on=starts_on,
        ends_on=ends_on,
        currency=await organisation_currency(org),
        methods=tuple(methods),
        courses=tuple(courses),
    )


async def _debtors(organisation_id: int) -> dict[int, int]:
    """Debt per student who owes (balance below zero): one aggregate query."""
    rows = (
        await LedgerEntry.filter(organisation_id=organisation_id)
        .annotate(total=Sum("amount"))
        .group_by("student_id")
        .filter(total__lt=0)
        .values_list("student_id", "total")
    )
    return {int(student): -int(total) for student, total in rows}


async def _aged_debts(organisation_id: int, today: date) -> list[dict[str, Any]]:
    """Every debtor's unpaid debits, first in, first out, summed by group and age bucket,
    with the debtor's and the group's names: one row per debtor and group.

    One statement. A large centre's debtors have hundreds of thousands of debits, each of
    which goes through a sort and a window, so the statement is shaped by what that costs:

    - ``debts``: the debtors and their debts, from the covering (organisation, student,
      amount) index (``HAVING SUM(amount) < 0``);
    - ``w``: their debits that are neither reversals nor reversed (``CROSS JOIN`` makes SQLite
      take the debtors as the outer loop and read each one's debits through the same index),
      each with the sum of the newer ones (newest first by day, then id);
    - ``u``: the unpaid ones — the newer debits sum to less than the debt — in full or the
      part that reaches the debt; the one that reaches it is the oldest unpaid (``since``).
      SQLite copies every column a window carries for every debit but reads an entry by
      id cheaply, so there the window carries only the id and the debt and the unpaid
      entries are read back; PostgreSQL is the other way round (it would scan the ledger to
      join them back), so there the window carries the columns;
    - ``a``: summed per student, lesson, subscription and bucket (0: up to 30 days, 1: 31–60,
      2: 61–90, 3: older) — integers, no lookups; then the few sums get their group (the
      lesson's, else the subscription's), the buckets become columns ``d0``–``d3`` and the
      names are joined.

    SQLite keeps dates as text in columns of numeric affinity; a unary plus strips the
    affinity, so sorting and comparing them does not first try to read each as a number.
    """
    q = Sql()
    plus = "" if q.postgres else "+"
    limits = [today - timedelta(days=days) for days in AGE_LIMITS]
    # Placeholders in the order they appear (SQLite's are positional).
    debts = (
        "SELECT student_id, -SUM(amount) AS debt FROM ledger_entry "
        f"WHERE organisation_id = {q(organisation_id)} GROUP BY student_id HAVING SUM(amount) < 0"
    )
    carried = "e.student_id, e.lesson_id, e.subscription_id, e.occurred_on, e.amount, "
    window = (
        f"SELECT e.id, {carried if q.postgres else ''}d.debt, "
        "COALESCE(SUM(-e.amount) OVER (PARTITION BY e.student_id "
        f"ORDER BY {plus}e.occurred_on DESC, e.id DESC "
        "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS newer "
        "FROM debts d CROSS JOIN ledger_entry e "
        f"WHERE e.organisation_id = {q(organisation_id)} AND e.student_id = d.student_id "
        "AND e.amount < 0 "
        f"AND e.kind <> {q(EntryKind.REVERSAL.value)} "
        "AND NOT EXISTS (SELECT 1 FROM ledger_entry r WHERE r.reverses_id = e.id)"
    )
    day = f"{plus}x.occurred_on"
    bucket = (
        f"CASE WHEN {day} >= {q(limits[0])} THEN 0 WHEN {day} >= {q(limits[1])} THEN 1 "
        f"WHEN {day} >= {q(limits[2])} THEN 2 ELSE 3 END"
    )
    if q.postgres:
        unpaid_rows, left = "FROM w x WHERE x.newer < x.debt", "x.debt - x.newer"
    else:
        unpaid_rows = "FROM w CROSS JOIN ledger_entry x WHERE x.id = w.id AND w.newer < w.debt"
        left = "w.debt - w.newer"
    unpaid = (
        "SELECT x.student_id, x.lesson_id, x.subscription_id, "
        f"{bucket} AS bucket, "
        f"CASE WHEN {left} < -x.amount THEN {left} ELSE -x.amount END AS unpaid, "
        f"CASE WHEN {left} <= -x.amount THEN x.occurred_on END AS since {unpaid_rows}"
    )
    sums = (
        "SELECT student_id, lesson_id, subscription_id, bucket, SUM(unpaid) AS unpaid, "
        "MIN(since) AS since FROM u GROUP BY 1, 2, 3, 4"
    )
    pivot = ", ".join(
        f"SUM(CASE WHEN a.bucket = {n} THEN a.unpaid ELSE 0 END) AS d{n}"
        for n in range(len(AGE_LIMITS) + 1)
    )
    by_group = (
        "SELECT a.student_id, COALESCE(l.group_id, s.group_id) AS group_id, "
        f"{pivot}, MIN(a.since) AS since FROM a "
        "LEFT JOIN lesson l ON l.id = a.lesson_id "
        "LEFT JOIN subscription s ON s.id = a.subscription_id GROUP BY 1, 2"
    )
    sql = (
        f"WITH debts AS ({debts}), w AS ({window}), u AS ({unpaid}), a AS ({sums}) "
        "SELECT t.*, p.last_name, p.first_name, g.name AS group_name "
        f"FROM ({by_group}) t JOIN person p ON p.id = t.student_id "
        "LEFT JOIN study_group g ON g.id = t.group_id"
    )
    return await q.rows(sql)


async def debts_report(deps: Deps, actor: Actor) -> DebtsReport:
    """Who owes and for how long, by student (largest debt first) and by group.

    Raises:
        PermissionDenied: the actor may not see money reports.
    """
    await require(actor, Permission.FINANCE_VIEW)
    org = actor.organisation_id
    today = await _today(deps, org)
    buckets = [f"d{n}" for n in range(len(AGE_LIMITS) + 1)]
    by_student: dict[int, list[int]] = {}
    by_group: dict[int | None, list[int]] = {}
    names: dict[int, str] = {}
    group_names: dict[int, str] = {}
    oldest: dict[int, date] = {}
    groups_of: dict[int, list[str]] = defaultdict(list)
    debtors_of: dict[int | None, int] = defaultdict(int)
    for row in await _aged_debts(org, today):
        student = int(row["student_id"])
        group = None if row["group_id"] is None else int(row["group_id"])
        amounts = [int(row[bucket]) for bucket in buckets]
        student_sums = by_student.setdefault(student, [0] * len(buckets))
        group_sums = by_group.setdefault(group, [0] * len(buckets))
        for index, amount in enumerate(amounts):
            student_sums[index] += amount
            group_sums[index] += amount
        if row["since"] is not None:
            day = _day(row["since"])
            oldest[student] = min(day, oldest.get(student, day))
        names[student] = full_name(row["last_name"], row["first_name"])
        debtors_of[group] += 1
        if group is not None:
            group_names[group] = str(row["group_name"] or "")
            groups_of[student].append(group_names[group])
    lines = [
        DebtorLine(
            student_id=student,
            full_name=names[student],
            ageing=Ageing(*amounts),
            oldest_on=oldest.get(student),
            group_names=tuple(sorted(groups_of[student], key=str.casefold)),
        )
        for student, amounts in by_student.items()
    ]
    lines.sort(key=lambda line: (-line.debt, line.full_name.casefold(), line.student_id))
    group_lines = [
        GroupDebtLine(
            group_id=group,
            group_name=group_names.get(group, "") if group is not None else "",
            debtors=debtors_of[group],
            ageing=Ageing(*amounts),
        )
        for group, amounts in by_group.items()
    ]
    group_lines.sort(key=lambda line: (line.group_id is None, -line.debt, line.group_name))
    total = Ageing(*(sum(column) for column in zip(*by_group.values(), strict=True)))
    return DebtsReport(
        as_of=today,
        currency=await organisation_currency(org),
        students=tuple(lines),
        groups=tuple(group_lines),
        total=total,
    )


async def history_report(
    deps: Deps, actor: Actor, *, student_id: int, starts_on: date, ends_on: date
) -> HistoryReport:
    """A student's ledger entries of the period, with the balance before and after each.

    Raises:
        PermissionDenied: the actor may not see money reports.
        NotFound: no such student in the organisation.
        InvalidInput: the period ends before it starts or is too long.
    """
    await require(actor, Permission.FINANCE_VIEW)
    _check_period(starts_on, ends_on)
    account = await access_account(actor, student_id)
    org = actor.organisation_id
    entries = LedgerEntry.filter(organisation_id=org, student_id=student_id)
    before = (
        await entries.filter(occurred_on__lt=starts_on)
        .annotate(total=Sum("amount"))
        .first()
        .values_list("total", flat=True)
    )
    opening = int(before or 0)  # type: ignore[arg-type]
    rows = await entries.filter(occurred_on__gte=starts_on, occurred_on__lte=ends_on).order_by(
        "occurred_on", "id"
    )
    balance = opening
    lines: list[HistoryLine] = []
    for view in await entry_views(rows):
        balance += view.amount
        lines.append(HistoryLine(entry=view, balance_after=balance))
    return HistoryReport(
        student_id=student_id,
        full_name=account.student_name,
        starts_on=starts_on,
        ends_on=ends_on,
        currency=account.currency,
        opening=opening,
        lines=tuple(lines),
    )


async def find_students(
    actor: Actor, *, query: str, limit: int = 20
) -> tuple[tuple[int, str], ...]:
    """Students of the organisation whose name, IIN or phone contains every word of
    ``query`` — (id, full name), for choosing whose payment history to open.

    Raises:
        PermissionDenied: the actor may not see money reports.
    """
    await require(actor, Permission.FINANCE_VIEW)
    words = fold(query).split()[:5]
    if not words:
        return ()
    people = Person.filter(
        memberships__organisation_id=actor.organisation_id, memberships__role=Role.STUDENT
    )
    for word in words:
        people = people.filter(search_text__contains=word)
    rows = (
        await people.distinct()
        .order_by("last_name", "first_name", "id")
        .limit(max(1, min(limit, 100)))
        .values_list("id", "last_name", "first_name")
    )
    return tuple((int(pid), full_name(last, first)) for pid, last, first in rows)


async def _lessons_charged(subscription_ids: Sequence[int]) -> dict[int, int]:
    """Charges that stand per subscription (charges minus reversals of charges), counted in
    the database: what ``subscription_uses`` counts, without reading every entry."""
    counts: dict[int, int] = defaultdict(int)
    ids = sorted(set(subscription_ids))
    for start in range(0, len(ids), _CHUNK):
        rows = (
            await LedgerEntry.filter(
                subscription_id__in=ids[start : start + _CHUNK],
                kind__in=(EntryKind.CHARGE, EntryKind.REVERSAL),
            )
            .annotate(n=Count("id"))
            .group_by("subscription_id", "kind")
            .values_list("subscription_id", "kind", "n")
        )
        for subscription, kind, n in rows:
            counts[int(subscription)] += int(n) if kind == EntryKind.CHARGE else -int(n)
    return counts


async def _freezes(
    subscription_ids: Sequence[int], since: date
) -> dict[int, list[tuple[date, date]]]:
    result: dict[int, list[tuple[date, date]]] = defaultdict(list)
    ids = sorted(set(subscription_ids))
    for start in range(0, len(ids), _CHUNK):
        for sub, first, last in await SubscriptionFreeze.filter(
            subscription_id__in=ids[start : start + _CHUNK], ends_on__gte=since
        ).values_list("subscription_id", "starts_on", "ends_on"):
            result[int(sub)].append((first, last))
    return result


def _frozen(day: date, freezes: Sequence[tuple[date, date]]) -> bool:
    return any(first <= day <= last for first, last in freezes)


async def _lesson_days(
    organisation_id: int,
    group_ids: Iterable[int],
    status: LessonStatus,
    first: date,
    last: date,
) -> dict[int, list[date]]:
    """Local dates of the groups' lessons of ``status`` from ``first`` to ``last``, sorted
    per group (a date appears once per lesson)."""
    zone = await organisation_zone(organisation_id)
    low, high = local_days(first, last, zone)
    days: dict[int, list[date]] = defaultdict(list)
    ids = sorted(set(group_ids))
    for start in range(0, len(ids), _CHUNK):
        # Plain SQL: a large centre has tens of thousands of lessons in a forecast's weeks,
        # and building Tortoise values (ISO parsing of every timestamp) costs more than the
        # query; ``datetime.fromisoformat`` reads SQLite's stored text directly.
        q = Sql()
        sql = (
            "SELECT group_id, starts_at FROM lesson "
            f"WHERE organisation_id = {q(organisation_id)} "
            f"AND group_id IN ({q.ids(ids[start : start + _CHUNK])}) "
            f"AND status = {q(status.value)} AND starts_at >= {q(low)} AND starts_at < {q(high)}"
        )
        _, rows = await q.client.execute_query(sql, q.params)
        for group, at in rows:
            moment = at if isinstance(at, datetime) else datetime.fromisoformat(at)
            days[int(group)].append(moment.astimezone(zone).date())
    for values in days.values():
        values.sort()
    return days


async def _active_subscriptions(organisation_id: int) -> list[dict[str, Any]]:
    """The organisation's active subscriptions, each with ``charged``: its charges that
    stand (charges minus reversals of charges, what ``subscription_uses`` counts), counted
    through the (subscription, kind) index. One plain statement: a large centre has ten
    thousand of them, and Tortoise's date parsing costs more than the query."""
    q = Sql()
    count = "SELECT COUNT(*) FROM ledger_entry e WHERE e.subscription_id = s.id AND e.kind = "
    sql = (
        "SELECT s.id, s.student_id, s.plan_id, s.group_id, s.lessons, s.billing, "
        "s.starts_on, s.valid_until, s.price, "
        f"({count}{q(EntryKind.CHARGE.value)}) - ({count}{q(EntryKind.REVERSAL.value)}) "
        f"AS charged FROM subscription s WHERE s.organisation_id = {q(organisation_id)} "
        f"AND s.status = {q(SubscriptionStatus.ACTIVE.value)}"
    )
    rows = await q.rows(sql)
    for row in rows:
        row["starts_on"], row["valid_until"] = _day(row["starts_on"]), _day(row["valid_until"])
        row["charged"] = int(row["charged"])
    return rows


async def _active_freezes(organisation_id: int, since: date) -> dict[int, list[tuple[date, date]]]:
    """The freezes of the organisation's active subscriptions ending on ``since`` or later."""
    q = Sql()
    sql = (
        "SELECT f.subscription_id, f.starts_on, f.ends_on FROM subscription_freeze f "
        "JOIN subscription s ON s.id = f.subscription_id "
        f"WHERE s.organisation_id = {q(organisation_id)} "
        f"AND s.status = {q(SubscriptionStatus.ACTIVE.value)} AND f.ends_on >= {q(since)}"
    )
    result: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for row in await q.rows(sql):
        result[int(row["subscription_id"])].append((_day(row["starts_on"]), _day(row["ends_on"])))
    return result


async def _full_names(person_ids: Iterable[int]) -> dict[int, str]:
    """``person_names`` in plain statements: thousands of ids cost Tortoise more to put into
    a query than the database takes to answer it."""
    ids = sorted(set(person_ids))
    names: dict[int, str] = {}
    for start in range(0, len(ids), _CHUNK):
        q = Sql()
        sql = (
            "SELECT id, last_name, first_name FROM person "
            f"WHERE id IN ({q.ids(ids[start : start + _CHUNK])})"
        )
        for row in await q.rows(sql):
            names[int(row["id"])] = full_name(row["last_name"], row["first_name"])
    return names


async def forecast_report(
    deps: Deps, actor: Actor, *, weeks: int = WEEKS_DEFAULT
) -> ForecastReport:
    """What is expected to be paid in each of the next ``weeks`` weeks, and what is overdue.

    Raises:
        PermissionDenied: the actor may not see money reports.
        InvalidInput: ``weeks`` outside 1 to 26.
    """
    await require(actor, Permission.FINANCE_VIEW)
    if not 1 <= weeks <= WEEKS_MAX:
        raise InvalidInput(
            N_("A forecast covers from 1 to {weeks} weeks."), field="weeks", weeks=WEEKS_MAX
        )
    org = actor.organisation_id
    today = await _today(deps, org)
    monday = today - timedelta(days=today.weekday())
    horizon = monday + timedelta(days=7 * weeks - 1)
    sums: list[dict[ForecastKind, int]] = [defaultdict(int) for _ in range(weeks)]
    overdue = 0
    items: list[tuple[ForecastKind, date | None, int, int, int | None, str]] = []

    def expect(
        kind: ForecastKind,
        on: date | None,
        student: int,
        amount: int,
        *,
        sub: int | None = None,
        plan: str = "",
    ) -> None:
        nonlocal overdue
        if on is None or on < today:
            kind, overdue = ForecastKind.OVERDUE, overdue + amount
        elif on <= horizon:
            sums[(on - monday).days // 7][kind] += amount
        else:
            return
        items.append((kind, on, student, amount, sub, plan))

    for due in (await dues(org)).values():
        if due.amount > 0:
            expect(ForecastKind.DUE, due.due_on, due.student_id, due.amount)

    subs = await _active_subscriptions(org)
    plans = {
        row["id"]: row
        for row in await Plan.filter(organisation_id=org).values(
            "id", "name", "price", "kind", "archived_at"
        )
    }
    per_lesson = [sub for sub in subs if sub["billing"] != Billing.MONTHLY]
    lesson_days = await _lesson_days(
        org,
        (sub["group_id"] for sub in per_lesson if sub["group_id"] is not None),
        LessonStatus.PLANNED,
        today,
        horizon,
    )
    freezes = await _active_freezes(org, today)
    latest_start: dict[tuple[int, int | None], date] = {}
    for sub in subs:
        key = (sub["student_id"], sub["group_id"])
        latest_start[key] = max(sub["starts_on"], latest_start.get(key, sub["starts_on"]))
    for sub in subs:
        plan = plans.get(sub["plan_id"])
        if sub["billing"] == Billing.MONTHLY:
            # The charge dates after the next one (``monthly_dates`` from index charged + 1),
            # while valid and within the horizon.
            last = min(sub["valid_until"], horizon)
            months = sub["charged"] + 1
            while (day := add_months(sub["starts_on"], months)) <= last:
                expect(
                    ForecastKind.MONTHLY,
                    day,
                    sub["student_id"],
                    sub["price"],
                    sub=sub["id"],
                    plan=plan["name"] if plan else "",
                )
                months += 1
            continue
        if (
            plan is None
            or plan["archived_at"] is not None
            or plan["kind"] != PlanKind.SUBSCRIPTION
            or latest_start[(sub["student_id"], sub["group_id"])] > sub["starts_on"]
        ):
            continue
        renewal = _renewal_day(
            sub,
            left=sub["lessons"] - sub["charged"],
            days=lesson_days.get(sub["group_id"], []),
            freezes=freezes.get(sub["id"], []),
            today=today,
            horizon=horizon,
        )
        if renewal is not None:
            expect(
                ForecastKind.RENEWAL,
                renewal,
                sub["student_id"],
                plan["price"],
                sub=sub["id"],
                plan=plan["name"],
            )

    names = await _full_names(item[2] for item in items)
    forecast_items = [
        ForecastItem(
            kind=kind,
            on=on,
            student_id=student,
            full_name=names.get(student, ""),
            amount=amount,
            subscription_id=sub_id,
            plan_name=plan_name,
        )
        for kind, on, student, amount, sub_id, plan_name in items
    ]
    # A ForecastKind is a str: it sorts by its value (reading ``.value`` of thousands of
    # enum members costs more than the rest of the sort).
    forecast_items.sort(
        key=lambda item: (item.on or date.min, item.full_name.casefold(), item.kind)
    )
    return ForecastReport(
        today=today,
        currency=await organisation_currency(org),
        overdue=overdue,
        weeks=tuple(
            ForecastWeek(
                starts_on=monday + timedelta(days=7 * index),
                ends_on=monday + timedelta(days=7 * index + 6),
                due=week[ForecastKind.DUE],
                renewals=week[ForecastKind.RENEWAL],
                monthly=week[ForecastKind.MONTHLY],
            )
            for index, week in enumerate(sums)
        ),
        items=tuple(forecast_items),
    )


def _renewal_day(
    sub: dict[str, Any],
    *,
    left: int,
    days: Sequence[date],
    freezes: Sequence[tuple[date, date]],
    today: date,
    horizon: date,
) -> date | None:
    """The day a per-lesson subscription's lessons run out (its last planned lesson) or its
    validity ends, if that is before the horizon's end."""
    valid_until: date = sub["valid_until"]
    if left <= 0:
        return today
    first = max(today, sub["starts_on"])
    for day in days[bisect.bisect_left(days, first) :]:
        if day > valid_until:
            break
        if freezes and _frozen(day, freezes):
            continue
        left -= 1
        if left == 0:
            return day
    if valid_until <= horizon:
        return max(today, valid_until)
    return None


async def subscriptions_report(
    deps: Deps,
    actor: Actor,
    *,
    status: SubscriptionStatus | None = SubscriptionStatus.ACTIVE,
    group_id: int | None = None,
) -> SubscriptionsReport:
    """Per subscription (``status`` None: all): lessons bought, held, charged and left.

    Raises:
        PermissionDenied: the actor may not see money reports.
    """
    await require(actor, Permission.FINANCE_VIEW)
    org = actor.organisation_id
    query = Subscription.filter(organisation_id=org)
    if status is not None:
        query = query.filter(status=status)
    if group_id is not None:
        query = query.filter(group_id=group_id)
    subs = await query.order_by("starts_on", "id").values(
        "id",
        "student_id",
        "plan_id",
        "group_id",
        "lessons",
        "billing",
        "starts_on",
        "valid_until",
        "price",
        "status",
    )
    today = await _today(deps, org)
    ids = [sub["id"] for sub in subs]
    charged_lessons = await _lessons_charged(ids)
    charged_amounts: dict[int, int] = defaultdict(int)
    for start in range(0, len(ids), _CHUNK):
        for sub_id, total in (
            await LedgerEntry.filter(
                subscription_id__in=ids[start : start + _CHUNK],
                kind__in=(EntryKind.CHARGE, EntryKind.REVERSAL),
            )
            .annotate(total=Sum("amount"))
            .group_by("subscription_id")
            .values_list("subscription_id", "total")
        ):
            charged_amounts[int(sub_id)] = -int(total or 0)
    groups = {sub["group_id"] for sub in subs if sub["group_id"] is not None}
    first = min((sub["starts_on"] for sub in subs), default=today)
    held = await _lesson_days(org, groups, LessonStatus.HELD, first, max(first, today))
    freezes = await _freezes(ids, date.min)
    plan_names = dict(await Plan.filter(organisation_id=org).values_list("id", "name"))
    group_names = {
        int(group): str(name)
        for group, name in await Group.filter(
            organisation_id=org,
            id__in=Subquery(
                Subscription.filter(organisation_id=org, group_id__isnull=False).values("group_id")
            ),
        ).values_list("id", "name")
    }
    names = await person_names(sub["student_id"] for sub in subs)
    lines = []
    for sub in subs:
        days = held.get(sub["group_id"], [])
        in_validity = days[
            bisect.bisect_left(days, sub["starts_on"]) : bisect.bisect_right(
                days, sub["valid_until"]
            )
        ]
        frozen = freezes.get(sub["id"], [])
        lines.append(
            SubscriptionUsage(
                subscription_id=sub["id"],
                student_id=sub["student_id"],
                full_name=names.get(sub["student_id"], ""),
                plan_name=str(plan_names.get(sub["plan_id"], "")),
                group_name=str(group_names.get(sub["group_id"], "")),
                billing=Billing(sub["billing"]),
                status=SubscriptionStatus(sub["status"]),
                starts_on=sub["starts_on"],
                valid_until=sub["valid_until"],
                price=sub["price"],
                bought=sub["lessons"],
                held=sum(1 for day in in_validity if not _frozen(day, frozen)),
                charged_lessons=charged_lessons.get(sub["id"], 0),
                charged=charged_amounts.get(sub["id"], 0),
            )
        )
    lines.sort(key=lambda line: (line.full_name.casefold(), line.starts_on, line.subscription_id))
    return SubscriptionsReport(
        status=status,
        group_id=group_id,
        currency=await organisation_currency(org),
        lines=tuple(lines),
        groups=tuple(sorted(group_names.items(), key=lambda item: item[1].casefold())),
    )


def _months(year: int) -> list[date]:
    return [date(year, month, 1) for month in range(1, 13)]


async def _revenue_by_month(organisation_id: int, year: int) -> dict[int, int]:
    revenue: dict[int, int] = defaultdict(int)
    for move in await _moves(
        organisation_id, date(year, 1, 1), date(year, 12, 31), (EntryKind.CHARGE,)
    ):
        revenue[move.day.month] -= move.total
    return revenue


async def _held_by_month(organisation_id: int, year: int) -> dict[int, int]:
    """Lessons held per local month of ``year``: one statement over the year's lessons
    (the (organisation, starts_at) index), each counted in the month its local midnights
    enclose."""
    zone = await organisation_zone(organisation_id)
    bounds = [local_midnight(month, zone) for month in _months(year)]
    bounds.append(local_midnight(date(year + 1, 1, 1), zone))
    q = Sql()
    months = " ".join(
        f"WHEN starts_at < {q(bounds[month])} THEN {month}" for month in range(1, 13)
    )
    sql = (
        f"SELECT CASE {months} END AS month, COUNT(*) AS held FROM lesson "
        f"WHERE organisation_id = {q(organisation_id)} "
        f"AND status = {q(LessonStatus.HELD.value)} "
        f"AND starts_at >= {q(bounds[0])} AND starts_at < {q(bounds[12])} GROUP BY 1"
    )
    held: dict[int, int] = defaultdict(int)
    for row in await q.rows(sql):
        held[int(row["month"])] = int(row["held"])
    return held


async def revenue_report(deps: Deps, actor: Actor, *, year: int) -> RevenueReport:
    """Revenue (charges net of reversals) per month of ``year``, lessons held and the
    average revenue per lesson held.

    Raises:
        PermissionDenied: the actor may not see money reports.
        InvalidInput: a year outside 2000–2100.
    """
    await require(actor, Permission.FINANCE_VIEW)
    _check_year(year)
    org = actor.organisation_id
    revenue = await _revenue_by_month(org, year)
    held = await _held_by_month(org, year)
    months = [
        MonthRevenue(month=month, revenue=revenue[month.month], held_lessons=held[month.month])
        for month in _months(year)
    ]
    return RevenueReport(
        year=year, currency=await organisation_currency(org), months=tuple(months)
    )


async def _net_received(organisation_id: int, starts_on: date, ends_on: date) -> dict[int, int]:
    """Money received net of reversals and refunds, by month."""
    income: dict[int, int] = defaultdict(int)
    moves = await _moves(organisation_id, starts_on, ends_on, _MONEY_KINDS)
    for (month, _), (received, refunded) in _net_money(moves).items():
        income[month] += received - refunded
    return income


async def year_report(deps: Deps, actor: Actor, *, year: int) -> YearReport:
    """Per month of ``year``: income received, revenue, expenses, salaries and the result.

    Raises:
        PermissionDenied: the actor may not see money reports.
        InvalidInput: a year outside 2000–2100.
    """
    await require(actor, Permission.FINANCE_VIEW)
    _check_year(year)
    org = actor.organisation_id
    first, last = date(year, 1, 1), date(year, 12, 31)
    moves = await _moves(org, first, last, (*_MONEY_KINDS, EntryKind.CHARGE))
    income: dict[int, int] = defaultdict(int)
    for (month, _), (received, refunded) in _net_money(moves).items():
        income[month] += received - refunded
    revenue: dict[int, int] = defaultdict(int)
    for move in moves:
        if move.kind == EntryKind.CHARGE:
            revenue[move.day.month] -= move.total
    expenses: dict[int, int] = defaultdict(int)
    salaries: dict[int, int] = defaultdict(int)
    for spent_on, category, amount in await Expense.filter(
        organisation_id=org, cancelled_at__isnull=True, spent_on__gte=first, spent_on__lte=last
    ).values_list("spent_on", "category", "amount"):
        book = salaries if category == ExpenseCategory.SALARIES else expenses
        book[_day(spent_on).month] += int(amount)
    months = tuple(
        YearMonth(
            month=month,
            income=income[month.month],
            revenue=revenue[month.month],
            expenses=expenses[month.month],
            salaries=salaries[month.month],
        )
        for month in _months(year)
    )
    totals = YearMonth(
        month=first,
        income=sum(m.income for m in months),
        revenue=sum(m.revenue for m in months),
        expenses=sum(m.expenses for m in months),
        salaries=sum(m.salaries for m in months),
    )
    return YearReport(
        year=year, currency=await organisation_currency(org), months=months, totals=totals
    )


async def finance_dashboard(deps: Deps, actor: Actor) -> FinanceDashboard:
    """The first page of money: this month's income, debts, the forecast and the revenue
    of the year so far.

    Raises:
        PermissionDenied: the actor may not see money reports.
    """
    await require(actor, Permission.FINANCE_VIEW)
    org = actor.organisation_id
    today = await _today(deps, org)
    income = await _net_received(org, today.replace(day=1), today)
    debts = await _debtors(org)
    return FinanceDashboard(
        today=today,
        currency=await organisation_currency(org),
        month_income=income[today.month],
        total_debt=sum(debts.values()),
        debtors=len(debts),
        forecast=await forecast_report(deps, actor),
        revenue=await revenue_report(deps, actor, year=today.year),
    )


# --- Charts -----------------------------------------------------------------------------


def _locale(language: str) -> str:
    return _LOCALES.get(language, "en")


def month_label(month: date, language: str) -> str:
    """A month's short name in ``language`` ("сен.", "Sep").

    Raises:
        Nothing: Babel knows every language we offer.
    """
    return str(babel_format_date(month, "LLL", locale=_locale(language)))


def _whole(amount: int, currency: str, language: str) -> str:
    """An amount of whole units for an axis, without the ",00" of the minor units."""
    text = format_amount(amount - amount % MINOR_PER_MAJOR, currency, language)
    decimal = re.escape(get_decimal_symbol(_locale(language)))
    return re.sub(rf"{decimal}00(?!\d)", "", text, count=1)


def revenue_chart(report: RevenueReport, language: str) -> str:
    """The year's revenue per month as an SVG bar chart (markup safe to put in a page).

    Raises:
        Nothing: the report's months and amounts always make a chart.
    """

    def tr(message: str) -> str:
        return gettext_for(language, message)

    return bar_chart(
        title=f"{tr(REPORT_LABELS[FinanceReportKind.REVENUE])} {report.year}",
        labels=[month_label(month.month, language) for month in report.months],
        series=[Series(tr(N_("Revenue")), tuple(month.revenue for month in report.months))],
        format_value=lambda amount: format_amount(amount, report.currency, language),
        format_axis=lambda amount: _whole(amount, report.currency, language),
        unit=MINOR_PER_MAJOR,
        empty_text=tr(N_("No revenue yet this year.")),
    )


def forecast_chart(report: ForecastReport, language: str) -> str:
    """The forecast as stacked bars: overdue first, then each week (due, renewals, monthly),
    as SVG markup safe to put in a page.

    Raises:
        Nothing: the report's weeks and amounts always make a chart.
    """

    def tr(message: str) -> str:
        return gettext_for(language, message)

    labels = [tr(FORECAST_LABELS[ForecastKind.OVERDUE])] + [
        week.starts_on.strftime("%d.%m") for week in report.weeks
    ]
    series = [
        Series(
            tr(FORECAST_LABELS[ForecastKind.OVERDUE]), (report.overdue,) + (0,) * len(report.weeks)
        ),
        Series(tr(FORECAST_LABELS[ForecastKind.DUE]), (0, *(w.due for w in report.weeks))),
        Series(
            tr(FORECAST_LABELS[ForecastKind.RENEWAL]), (0, *(w.renewals for w in report.weeks))
        ),
        Series(tr(FORECAST_LABELS[ForecastKind.MONTHLY]), (0, *(w.monthly for w in report.weeks))),
    ]
    return bar_chart(
        title=tr(REPORT_LABELS[FinanceReportKind.FORECAST]),
        labels=labels,
        series=series,
        stacked=True,
        format_value=lambda amount: format_amount(amount, report.currency, language),
        format_axis=lambda amount: _whole(amount, report.currency, language),
        unit=MINOR_PER_MAJOR,
        empty_text=tr(N_("No payments are expected.")),
    )


# --- Excel ------------------------------------------------------------------------------

_DATE_FORMAT = "dd.mm.yyyy"
_MONTH_FORMAT = "mm.yyyy"
_HEADER_ROW = 4
_SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


@dataclass(frozen=True)
class _Label:
    """An ``N_`` text written in the reader's language."""

    message: str


@dataclass(frozen=True)
class _Money:
    """Minor units written as a number of major units in the currency's format."""

    amount: int | None


@dataclass(frozen=True)
class _Month:
    day: date


CellValue = str | int | date | _Label | _Money | _Month | None


@dataclass(frozen=True)
class _Sheet:
    title: str
    subject: CellValue
    info: list[CellValue]
    columns: tuple[tuple[str, int], ...]
    #: ``CellValue`` cells (``Any``: a row mixes them, and a list display's type is their join).
    rows: list[list[Any]]


def _cell(
    sheet: WriteOnlyWorksheet, value: CellValue, tr: Callable[[str], str], money_format: str
) -> Cell:
    cell = WriteOnlyCell(sheet)
    if isinstance(value, _Label):
        value = tr(value.message)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # even "=..." stays text
    elif isinstance(value, _Money):
        if value.amount is not None:
            cell.value = Decimal(value.amount) / MINOR_PER_MAJOR
            cell.number_format = money_format
    elif isinstance(value, _Month):
        cell.value = value.day
        cell.number_format = _MONTH_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = _DATE_FORMAT
    else:
        cell.value = value
    return cell


def _period(starts_on: date, ends_on: date) -> list[CellValue]:
    return [_Label(N_("From")), starts_on, _Label(N_("To")), ends_on]


_AGE_COLUMNS: tuple[tuple[str, int], ...] = (
    (N_("0–30 days"), 14),
    (N_("31–60 days"), 14),
    (N_("61–90 days"), 14),
    (N_("Over 90 days"), 14),
)


def _age_cells(ageing: Ageing) -> list[CellValue]:
    return [
        _Money(ageing.days_0_30),
        _Money(ageing.days_31_60),
        _Money(ageing.days_61_90),
        _Money(ageing.over_90),
    ]


def _method_label(method: PaymentMethod | None) -> _Label:
    return _Label(PAYMENT_METHOD_LABELS[method] if method else N_("Not specified"))


def _sheets(report: Report, language: str) -> list[_Sheet]:
    """The report as sheets of labelled columns (``N_`` labels) and typed rows."""
    total = _Label(N_("Total"))
    if isinstance(report, IncomeReport):
        title = REPORT_LABELS[FinanceReportKind.INCOME]
        info = _period(report.starts_on, report.ends_on)
        return [
            _Sheet(
                title,
                _Label(N_("By payment method")),
                info,
                ((N_("Method"), 22), (N_("Received"), 16), (N_("Refunded"), 16), (N_("Net"), 16)),
                [
                    [
                        _method_label(line.method),
                        _Money(line.received),
                        _Money(line.refunded),
                        _Money(line.net),
                    ]
                    for line in report.methods
                ]
                + [[total, _Money(report.received), _Money(report.refunded), _Money(report.net)]],
            ),
            _Sheet(
                N_("Revenue by course"),
                _Label(N_("Charges net of reversals")),
                info,
                ((N_("Course"), 30), (N_("Revenue"), 16)),
                [
                    [
                        line.name(language) if line.course_id else _Label(N_("Without a course")),
                        _Money(line.revenue),
                    ]
                    for line in report.courses
                ]
                + [[total, _Money(report.revenue)]],
            ),
        ]
    if isinstance(report, DebtsReport):
        info = [_Label(N_("As of")), report.as_of]
        return [
            _Sheet(
                REPORT_LABELS[FinanceReportKind.DEBTS],
                _Label(N_("By student")),
                info,
                (
                    (N_("Student"), 30),
                    (N_("Debt"), 16),
                    *_AGE_COLUMNS,
                    (N_("Oldest unpaid charge"), 14),
                    (N_("Groups"), 30),
                ),
                [
                    [
                        line.full_name,
                        _Money(line.debt),
                        *_age_cells(line.ageing),
                        line.oldest_on,
                        ", ".join(line.group_names),
                    ]
                    for line in report.students
                ]
                + [[total, _Money(report.total.total), *_age_cells(report.total), None, None]],
            ),
            _Sheet(
                N_("Debts by group"),
                _Label(N_("By group")),
                info,
                ((N_("Group"), 26), (N_("Debtors"), 10), (N_("Debt"), 16), *_AGE_COLUMNS),
                [
                    [
                        line.group_name if line.group_id else _Label(N_("Without a group")),
                        line.debtors,
                        _Money(line.debt),
                        *_age_cells(line.ageing),
                    ]
                    for line in report.groups
                ],
            ),
        ]
    if isinstance(report, HistoryReport):
        return [
            _Sheet(
                REPORT_LABELS[FinanceReportKind.HISTORY],
                report.full_name,
                _period(report.starts_on, report.ends_on),
                (
                    (N_("Date"), 13),
                    (N_("Entry"), 16),
                    (N_("Method"), 16),
                    (N_("Receipt"), 10),
                    (N_("Amount"), 16),
                    (N_("Balance"), 16),
                    (N_("Reason"), 40),
                ),
                [
                    [
                        report.starts_on,
                        _Label(N_("Balance at the start")),
                        None,
                        None,
                        None,
                        _Money(report.opening),
                        None,
                    ]
                ]
                + [
                    [
                        line.entry.occurred_on,
                        _Label(ENTRY_KIND_LABELS[line.entry.kind]),
                        _method_label(line.entry.method) if line.entry.method else None,
                        line.entry.receipt_no,
                        _Money(line.entry.amount),
                        _Money(line.balance_after),
                        line.entry.reason,
                    ]
                    for line in report.lines
                ]
                + [
                    [
                        report.ends_on,
                        _Label(N_("Balance at the end")),
                        None,
                        None,
                        None,
                        _Money(report.closing),
                        None,
                    ]
                ],
            ),
        ]
    if isinstance(report, ForecastReport):
        info = [_Label(N_("As of")), report.today]
        return [
            _Sheet(
                REPORT_LABELS[FinanceReportKind.FORECAST],
                _Label(N_("By week")),
                info,
                (
                    (N_("From"), 13),
                    (N_("To"), 13),
                    (FORECAST_LABELS[ForecastKind.DUE], 16),
                    (FORECAST_LABELS[ForecastKind.RENEWAL], 16),
                    (FORECAST_LABELS[ForecastKind.MONTHLY], 16),
                    (N_("Total"), 16),
                ),
                [
                    [
                        _Label(FORECAST_LABELS[ForecastKind.OVERDUE]),
                        None,
                        _Money(report.overdue),
                        None,
                        None,
                        _Money(report.overdue),
                    ]
                ]
                + [
                    [
                        week.starts_on,
                        week.ends_on,
                        _Money(week.due),
                        _Money(week.renewals),
                        _Money(week.monthly),
                        _Money(week.total),
                    ]
                    for week in report.weeks
                ]
                + [[total, None, None, None, None, _Money(report.overdue + report.total)]],
            ),
            _Sheet(
                N_("Expected payments"),
                _Label(N_("Expected payments")),
                info,
                (
                    (N_("Date"), 13),
                    (N_("Kind"), 18),
                    (N_("Student"), 30),
                    (N_("Plan"), 24),
                    (N_("Amount"), 16),
                ),
                [
                    [
                        item.on,
                        _Label(FORECAST_LABELS[item.kind]),
                        item.full_name,
                        item.plan_name,
                        _Money(item.amount),
                    ]
                    for item in report.items
                ],
            ),
        ]
    if isinstance(report, SubscriptionsReport):
        return [
            _Sheet(
                REPORT_LABELS[FinanceReportKind.SUBSCRIPTIONS],
                _Label(SUBSCRIPTION_STATUS_LABELS[report.status] if report.status else N_("All")),
                [],
                (
                    (N_("Student"), 28),
                    (N_("Plan"), 22),
                    (N_("Group"), 20),
                    (N_("Billing"), 18),
                    (N_("Status"), 12),
                    (N_("Starts"), 13),
                    (N_("Valid until"), 13),
                    (N_("Price"), 16),
                    (N_("Lessons bought"), 10),
                    (N_("Lessons held"), 10),
                    (N_("Lessons charged"), 10),
                    (N_("Lessons left"), 10),
                    (N_("Charged"), 16),
                ),
                [
                    [
                        line.full_name,
                        line.plan_name,
                        line.group_name,
                        _Label(BILLING_LABELS[line.billing]),
                        _Label(SUBSCRIPTION_STATUS_LABELS[line.status]),
                        line.starts_on,
                        line.valid_until,
                        _Money(line.price),
                        line.bought,
                        line.held,
                        line.charged_lessons,
                        line.left,
                        _Money(line.charged),
                    ]
                    for line in report.lines
                ],
            ),
        ]
    if isinstance(report, RevenueReport):
        return [
            _Sheet(
                REPORT_LABELS[FinanceReportKind.REVENUE],
                report.year,
                [_Label(N_("Charges net of reversals"))],
                (
                    (N_("Month"), 12),
                    (N_("Revenue"), 16),
                    (N_("Lessons held"), 12),
                    (N_("Per lesson"), 16),
                ),
                [
                    [_Month(m.month), _Money(m.revenue), m.held_lessons, _Money(m.per_lesson)]
                    for m in report.months
                ]
                + [
                    [total, _Money(report.revenue), report.held_lessons, _Money(report.per_lesson)]
                ],
            ),
        ]
    return [
        _Sheet(
            REPORT_LABELS[FinanceReportKind.YEAR],
            report.year,
            [],
            (
                (N_("Month"), 12),
                (N_("Income received"), 16),
                (N_("Revenue"), 16),
                (N_("Expenses"), 16),
                (N_("Salaries"), 16),
                (N_("Result"), 16),
            ),
            [
                [
                    _Month(m.month),
                    _Money(m.income),
                    _Money(m.revenue),
                    _Money(m.expenses),
                    _Money(m.salaries),
                    _Money(m.result),
                ]
                for m in report.months
            ]
            + [
                [
                    total,
                    _Money(report.totals.income),
                    _Money(report.totals.revenue),
                    _Money(report.totals.expenses),
                    _Money(report.totals.salaries),
                    _Money(report.totals.result),
                ]
            ],
        ),
    ]


def _workbook(report: Report, language: str) -> bytes:
    def tr(message: str) -> str:
        return gettext_for(language, message)

    symbol = SYMBOLS.get(report.currency, report.currency).replace('"', "")
    money_format = f'#,##0.00 "{symbol}"'
    workbook = Workbook(write_only=True)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for table in _sheets(report, language):
        sheet = workbook.create_sheet(tr(table.title).translate(_SHEET_FORBIDDEN)[:31])
        for index, (_, width) in enumerate(table.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = f"A{_HEADER_ROW + 1}"
        for line in ([_Label(table.title), table.subject], table.info, []):
            sheet.append([_cell(sheet, value, tr, money_format) for value in line])
        header = []
        for label, _ in table.columns:
            cell = _cell(sheet, _Label(label), tr, money_format)
            cell.font, cell.fill = bold, fill
            header.append(cell)
        sheet.append(header)
        for row in table.rows:
            sheet.append([_cell(sheet, value, tr, money_format) for value in row])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def export_workbook(report: Report, *, language: str) -> bytes:
    """A built report as an .xlsx workbook: on each sheet a title line, a line of what it
    covers, then a header row (row 4) and one row per line, labels in ``language``; amounts
    are numbers in major units formatted with the currency's sign.

    Raises:
        Nothing of ours: the report was checked when it was built.
    """
    # Writing the workbook is CPU work in openpyxl: keep the event loop free meanwhile.
    return await asyncio.to_thread(_workbook, report, language)
