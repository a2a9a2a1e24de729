"""Teachers' salaries: rules, bonuses and deductions, the monthly payroll and each teacher's
statement.

- **Rules** (``salaries.manage``): how a teacher is paid from ``valid_from`` on, until their
  next rule. A rule is a mix of parts, each possibly zero: an amount per lesson held, per
  student present or late, per hour of lessons, a fixed monthly amount, and a share of the
  revenue of their lessons in basis points (1/100 of a percent). A teacher leaving or losing
  the fixed part gets a new rule without it from that day. Setting a rule on a date that
  already has one replaces it.
- **Adjustments** (``salaries.manage``): a bonus or a deduction for a teacher's month, with a
  reason.
- **The payroll** of a month (``compute_payroll``, ``salaries.manage``) counts the lessons
  *held* in the organisation in that month (by their local date), each for the person who
  taught it (``Lesson.teacher``: a substitute is paid, not the planned teacher):
  - per lesson and per student: the rule in force on the lesson's local date;
  - hourly: per lesson, rate × minutes, summed exactly and divided by 60 once per teacher,
    rounded half up (so 3 × 45 minutes at 1 500.01 ₸ an hour is 3 375.02 ₸, not 3 375.03 ₸);
  - monthly and revenue: the rule in force on the month's last day; the revenue is the net
    of the charges on the teacher's lessons of the month (``charge`` entries and their
    ``reversal``\\s), and its share is rounded half up once;
  - adjustments of the month, added as they are.
  A teacher gets a line when anything is counted for them (a lesson, a fixed part, an
  adjustment, revenue). Computing writes a *draft*; computing again replaces its lines. It
  reads everything in a fixed number of queries whatever the number of teachers.
- **Approving** (``payroll.approve``) a draft of a month that is over closes it for good
  (status approved, ``locked_at``): it cannot be computed again, its adjustments cannot
  change, and no rule may start in it or before it. What is approved is exactly what was
  reviewed: when lessons, marks, rules or adjustments changed since the draft was computed,
  approval is refused until it is computed and reviewed again. Approval records one
  ``salaries`` expense for the total, dated the month's last day (the month's cost), and
  queues each teacher's statement in Telegram (through the outbox, rendered in the teacher's
  language; teachers without a linked Telegram account read it in the bot later). Approval
  sets status ``approved`` and ``locked_at`` together; ``locked`` is treated the same way.
- **Statements**: a teacher reads only their own (``teacher_statement``), from approved
  payrolls; staff read the whole payroll (``payroll_view``, ``salaries.manage`` or
  ``payroll.approve``) and export it to Excel.

Every write is audited.
"""

from __future__ import annotations

import asyncio
import bisect
import calendar
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from io import BytesIO
from typing import Any
from zoneinfo import ZoneInfo

from babel.numbers import format_decimal
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from tortoise.functions import Count, Sum

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.i18n import N_, gettext_for, pick_language
from core.models.finance import (
    EntryKind,
    LedgerEntry,
    Payroll,
    PayrollLine,
    SalaryAdjustment,
    SalaryRule,
)
from core.models.finance import PayrollStatus as PayrollStatus  # noqa: PLC0414 - for adapters
from core.models.lessons import Attendance, AttendanceStatus, Lesson, LessonStatus
from core.models.org import Organisation
from core.models.people import Account, Membership, Role
from core.money import MAX_AMOUNT, Money, format_amount
from core.permissions import Permission, has_permission, require
from core.services.audit import do_record
from core.services.expenses import ExpenseCategory, do_record_expense
from core.services.exports import XLSX_CONTENT_TYPE as XLSX_CONTENT_TYPE  # noqa: PLC0414 - for adapters
from core.services.ledger import organisation_currency
from core.services.lessons import (
    check_id,
    local_days,
    local_today,
    lock_organisation,
    organisation_zone,
    person_names,
)
from core.services.outbox import do_enqueue
from core.tx import Tx, transaction

REASON_MAX = 300
BASIS_POINTS_MAX = 10_000
_MONTH = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})"),
    re.compile(r"(?P<m>\d{1,2})[./](?P<y>\d{4})"),
)
_PERCENT = re.compile(r"\d{1,3}(?:[.,]\d{1,2})?")
_CLOSED = (PayrollStatus.APPROVED, PayrollStatus.LOCKED)

PAYROLL_STATUS_LABELS: dict[PayrollStatus, str] = {
    PayrollStatus.DRAFT: N_("Draft"),
    PayrollStatus.APPROVED: N_("Approved"),
    PayrollStatus.LOCKED: N_("Locked"),
}

# The statement, line by line (see ``statement_text``).
STATEMENT_TITLE = N_("Salary for {month}: {name}")
STATEMENT_READY = N_("Your salary for {month} is approved.\n{details}")
STATEMENT_COUNTS = N_(
    "Lessons held: {lessons}. Students present or late: {students}. Hours: {hours}."
)
STATEMENT_HOURS = N_("{hours} h {minutes} min")
PART_PER_LESSON = N_("Per lesson: {count} × {rate} = {amount}")
PART_PER_STUDENT = N_("Per student present: {count} × {rate} = {amount}")
PART_HOURLY = N_("Per hour: {hours} × {rate} = {amount}")
PART_MONTHLY = N_("Fixed monthly: {amount}")
PART_REVENUE = N_("{percent}% of the revenue of your lessons ({revenue}): {amount}")
PART_BONUS = N_("Bonus: {amount} — {reason}")
PART_DEDUCTION = N_("Deduction: {amount} — {reason}")
STATEMENT_TOTAL = N_("Total: {total}")
EXPENSE_NOTE = N_("Salaries for {month}")


class AdjustmentKind(StrEnum):
    BONUS = "bonus"
    DEDUCTION = "deduction"


ADJUSTMENT_LABELS: dict[AdjustmentKind, str] = {
    AdjustmentKind.BONUS: N_("Bonus"),
    AdjustmentKind.DEDUCTION: N_("Deduction"),
}


# --- data ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleData:
    """A rule as typed: amounts in minor units (``parse_money(..., allow_zero=True)``), the
    revenue share in basis points (``parse_percent``)."""

    valid_from: date
    per_lesson: int = 0
    per_student: int = 0
    per_hour: int = 0
    monthly: int = 0
    revenue_basis_points: int = 0


@dataclass(frozen=True)
class RuleView:
    id: int
    teacher_id: int
    valid_from: date
    per_lesson: int
    per_student: int
    per_hour: int
    monthly: int
    revenue_basis_points: int
    currency: str


@dataclass(frozen=True)
class TeacherRules:
    """A teacher and their rules, newest first; ``current`` is the one in force today."""

    teacher_id: int
    name: str
    active: bool
    rules: tuple[RuleView, ...]
    current: RuleView | None


@dataclass(frozen=True)
class AdjustmentView:
    id: int
    teacher_id: int
    teacher_name: str
    month: date
    amount: int
    currency: str
    reason: str
    created_at: datetime

    @property
    def kind(self) -> AdjustmentKind:
        return AdjustmentKind.BONUS if self.amount > 0 else AdjustmentKind.DEDUCTION


@dataclass(frozen=True)
class SalaryOverview:
    """The salaries page: every teacher with their rules, and the adjustments of ``month``
    (``month_closed``: its payroll is approved, so they cannot change)."""

    currency: str
    today: date
    teachers: tuple[TeacherRules, ...]
    month: date
    adjustments: tuple[AdjustmentView, ...]
    month_closed: bool


@dataclass(frozen=True)
class Rates:
    """The rates of a teacher's month: the per-lesson ones of every rule in force during the
    month (several when a rule changed in it), the monthly ones of the month's last day."""

    per_lesson: tuple[int, ...] = ()
    per_student: tuple[int, ...] = ()
    per_hour: tuple[int, ...] = ()
    monthly: int = 0
    revenue_basis_points: int = 0


@dataclass(frozen=True)
class PayrollLineView:
    teacher_id: int
    teacher_name: str
    lessons: int
    students: int
    minutes: int
    revenue: int
    per_lesson_amount: int
    per_student_amount: int
    hourly_amount: int
    monthly_amount: int
    revenue_amount: int
    adjustments: int
    total: int
    rates: Rates
    has_rule: bool


@dataclass(frozen=True)
class PayrollView:
    id: int
    month: date
    status: PayrollStatus
    currency: str
    computed_at: datetime
    approved_at: datetime | None
    approved_by: str
    lines: tuple[PayrollLineView, ...]
    adjustments: tuple[AdjustmentView, ...]
    total: int
    can_compute: bool
    can_approve: bool
    month_over: bool

    @property
    def closed(self) -> bool:
        return self.status in _CLOSED


@dataclass(frozen=True)
class Statement:
    """One teacher's approved month."""

    month: date
    teacher_id: int
    teacher_name: str
    currency: str
    line: PayrollLineView
    adjustments: tuple[AdjustmentView, ...]
    approved_at: datetime | None


# --- parsing -------------------------------------------------------------------------------------


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def previous_month(day: date) -> date:
    return month_start(month_start(day) - timedelta(days=1))


def format_month(month: date) -> str:
    """A month as every message writes it: ``09.2026``."""
    return month.strftime("%m.%Y")


def parse_month(text: str, *, field: str = "month") -> date:
    """``2026-09`` (the browser's month input) or ``09.2026`` → the month's first day.

    Raises:
        InvalidInput: not a month, or a year out of range.
    """
    typed = text.strip()[:20]
    for pattern in _MONTH:
        match = pattern.fullmatch(typed)
        if match and 1 <= int(match["m"]) <= 12 and 1900 <= int(match["y"]) <= 2200:
            return date(int(match["y"]), int(match["m"]), 1)
    raise InvalidInput(
        N_("“{value}” is not a month. Write it like 2026-09."), field=field, value=typed
    )


async def chosen_month(deps: Deps, actor: Actor, typed: str = "") -> date:
    """The month a salaries page is about: ``typed`` (as ``parse_month`` reads it), or, when
    nothing is typed, the month before the organisation's current one (the one to pay).

    Raises:
        InvalidInput: not a month.
    """
    if typed.strip():
        return parse_month(typed)
    today = local_today(deps.clock.now(), await organisation_zone(actor.organisation_id))
    return previous_month(today)


def parse_percent(text: str, *, field: str = "percent") -> int:
    """A percent typed as ``10``, ``7,5`` or ``12.25 %`` → basis points (``1000``, ``750``,
    ``1225``); empty is 0.

    Raises:
        InvalidInput: not a number with at most two decimals from 0 to 100.
    """
    typed = text.strip().rstrip("%").strip()
    if not typed:
        return 0
    if not _PERCENT.fullmatch(typed):
        raise InvalidInput(
            N_("Write the percent as a number from 0 to 100, like 10 or 7.5."), field=field
        )
    try:
        value = Decimal(typed.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        raise InvalidInput(N_("Enter a number."), field=field) from None
    basis_points = int(value * 100)
    if basis_points > BASIS_POINTS_MAX:
        raise InvalidInput(
            N_("Write the percent as a number from 0 to 100, like 10 or 7.5."), field=field
        )
    return basis_points


def format_percent(basis_points: int, language: str) -> str:
    """Basis points as a percent number in the reader's language (``7,5`` in ru)."""
    locale = {"kk": "kk_KZ", "ru": "ru_RU"}.get(language, "en")
    return format_decimal(Decimal(basis_points) / 100, format="0.##", locale=locale)


def _half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded to the unit, halves away from zero; exact."""
    if numerator >= 0:
        return (2 * numerator + denominator) // (2 * denominator)
    return -((-2 * numerator + denominator) // (2 * denominator))


# --- checks --------------------------------------------------------------------------------------


async def _check_teacher(actor: Actor, teacher_id: int) -> str:
    """The name of a teacher of the organisation (their membership may be archived: a
    teacher who left still gets their last month's bonus).

    Raises:
        NotFound: nobody teaches (or taught) here under that id.
    """
    check_id(teacher_id)
    if not await Membership.exists(
        person_id=teacher_id, organisation_id=actor.organisation_id, role=Role.TEACHER
    ):
        raise NotFound(N_("There is no such teacher here."), field="teacher")
    return (await person_names([teacher_id]))[teacher_id]


async def _approved_until(organisation_id: int) -> date | None:
    """The first day of the latest month whose payroll is approved (None: none is)."""
    row = (
        await Payroll.filter(organisation_id=organisation_id, status__in=_CLOSED)
        .order_by("-month")
        .first()
        .values_list("month", flat=True)
    )
    return row if isinstance(row, date) else None


async def _check_open_from(organisation_id: int, day: date) -> None:
    """Refuse a change that would reach a month whose payroll is approved."""
    approved = await _approved_until(organisation_id)
    if approved is not None and month_start(day) <= approved:
        raise Conflict(
            N_(
                "Salaries up to {month} are approved and cannot change: a rule can start on "
                "{day} at the earliest."
            ),
            field="valid_from",
            month=format_month(approved),
            day=(month_end(approved) + timedelta(days=1)).strftime("%d.%m.%Y"),
        )


async def _check_month_open(organisation_id: int, month: date) -> None:
    closed = await Payroll.exists(organisation_id=organisation_id, month=month, status__in=_CLOSED)
    if closed:
        raise Conflict(
            N_("The payroll for {month} is approved: its salaries cannot change any more."),
            month=format_month(month),
        )


def _clean_reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInput(N_("Say what the bonus or deduction is for."), field="reason")
    if len(reason) > REASON_MAX:
        raise InvalidInput(
            N_("The text is too long: at most {limit} characters."),
            field="reason",
            limit=REASON_MAX,
        )
    return reason


def _check_rule(data: RuleData) -> None:
    for name in ("per_lesson", "per_student", "per_hour", "monthly"):
        value = getattr(data, name)
        if value < 0:
            raise InvalidInput(N_("An amount cannot be negative."), field=name)
        if value > MAX_AMOUNT:
            raise InvalidInput(N_("The amount is too large."), field=name)
    if not 0 <= data.revenue_basis_points <= BASIS_POINTS_MAX:
        raise InvalidInput(
            N_("Write the percent as a number from 0 to 100, like 10 or 7.5."),
            field="revenue_percent",
        )


# --- rules and adjustments -----------------------------------------------------------------------

_RULE_FIELDS = ("per_lesson", "per_student", "per_hour", "monthly", "revenue_basis_points")


def _rule_view(row: SalaryRule) -> RuleView:
    return RuleView(
        id=row.id,
        teacher_id=row.teacher_id,  # type: ignore[attr-defined]
        valid_from=row.valid_from,
        per_lesson=row.per_lesson,
        per_student=row.per_student,
        per_hour=row.per_hour,
        monthly=row.monthly,
        revenue_basis_points=row.revenue_basis_points,
        currency=row.currency,
    )


async def set_salary_rule(
    deps: Deps, actor: Actor, *, teacher_id: int, data: RuleData
) -> RuleView:
    """Set how a teacher is paid from ``data.valid_from`` on (replacing a rule of that very
    day).

    Raises:
        PermissionDenied: the actor may not manage salaries.
        NotFound: no such teacher here.
        InvalidInput: a negative or too large amount, or a percent out of 0–100.
        Conflict: the rule would start in or before a month whose payroll is approved.
    """
    await require(actor, Permission.SALARIES_MANAGE)
    _check_rule(data)
    await _check_teacher(actor, teacher_id)
    currency = await organisation_currency(actor.organisation_id)
    values = {name: getattr(data, name) for name in _RULE_FIELDS}
    async with transaction(deps) as tx:
        await lock_organisation(actor.organisation_id)
        await _check_open_from(actor.organisation_id, data.valid_from)
        row = await SalaryRule.get_or_none(
            organisation_id=actor.organisation_id,
            teacher_id=teacher_id,
            valid_from=data.valid_from,
        )
        before = {name: getattr(row, name) for name in _RULE_FIELDS} if row else None
        if row is None:
            row = await SalaryRule.create(
                organisation_id=actor.organisation_id,
                teacher_id=teacher_id,
                valid_from=data.valid_from,
                currency=currency,
                created_at=tx.now,
                **values,
            )
        else:
            for name, value in values.items():
                setattr(row, name, value)
            await row.save(update_fields=list(_RULE_FIELDS))
        await do_record(
            tx,
            actor,
            action="salary_rule.set",
            object_type="salary_rule",
            object_id=row.id,
            before=before,
            after={"teacher_id": teacher_id, "valid_from": data.valid_from.isoformat(), **values},
        )
    return _rule_view(row)


async def remove_salary_rule(deps: Deps, actor: Actor, *, rule_id: int) -> None:
    """Remove a rule set by mistake; the teacher's earlier rule is in force again.

    Raises:
        PermissionDenied: the actor may not manage salaries.
        NotFound: no such rule here.
        Conflict: the rule counts in a month whose payroll is approved.
    """
    await require(actor, Permission.SALARIES_MANAGE)
    check_id(rule_id)
    async with transaction(deps) as tx:
        await lock_organisation(actor.organisation_id)
        row = await SalaryRule.get_or_none(id=rule_id, organisation_id=actor.organisation_id)
        if row is None:
            raise NotFound()
        await _check_open_from(actor.organisation_id, row.valid_from)
        before = {
            "teacher_id": row.teacher_id,  # type: ignore[attr-defined]
            "valid_from": row.valid_from.isoformat(),
            **{name: getattr(row, name) for name in _RULE_FIELDS},
        }
        await row.delete()
        await do_record(
            tx,
            actor,
            action="salary_rule.remove",
            object_type="salary_rule",
            object_id=rule_id,
            before=before,
        )


async def add_adjustment(
    deps: Deps,
    actor: Actor,
    *,
    teacher_id: int,
    month: date,
    kind: AdjustmentKind,
    amount: Money,
    reason: str,
) -> AdjustmentView:
    """Add a bonus or a deduction (``amount`` is positive either way) to a teacher's month.

    Raises:
        PermissionDenied: the actor may not manage salaries.
        NotFound: no such teacher here.
        InvalidInput: a zero, negative or too large amount, another currency, or no reason.
        Conflict: the month's payroll is approved.
    """
    await require(actor, Permission.SALARIES_MANAGE)
    name = await _check_teacher(actor, teacher_id)
    currency = await organisation_currency(actor.organisation_id)
    if amount.currency != currency:
        raise InvalidInput(
            N_("Salaries here are paid in {currency}."), field="amount", currency=currency
        )
    if not 0 < amount.amount <= MAX_AMOUNT:
        raise InvalidInput(N_("The amount must be greater than zero."), field="amount")
    reason = _clean_reason(reason)
    month = month_start(month)
    signed = amount.amount if kind is AdjustmentKind.BONUS else -amount.amount
    async with transaction(deps) as tx:
        await lock_organisation(actor.organisation_id)
        await _check_month_open(actor.organisation_id, month)
        row = await SalaryAdjustment.create(
            organisation_id=actor.organisation_id,
            teacher_id=teacher_id,
            month=month,
            amount=signed,
            reason=reason,
            created_at=tx.now,
            created_by_id=actor.person_id,
        )
        await do_record(
            tx,
            actor,
            action="salary_adjustment.add",
            object_type="salary_adjustment",
            object_id=row.id,
            after={
                "teacher_id": teacher_id,
                "month": month.isoformat(),
                "amount": signed,
                "reason": reason,
            },
        )
    return AdjustmentView(
        id=row.id,
        teacher_id=teacher_id,
        teacher_name=name,
        month=month,
        amount=signed,
        currency=currency,
        reason=reason,
        created_at=row.created_at,
    )


async def remove_adjustment(deps: Deps, actor: Actor, *, adjustment_id: int) -> None:
    """Remove a bonus or a deduction added by mistake.

    Raises:
        PermissionDenied: the actor may not manage salaries.
        NotFound: no such adjustment here.
        Conflict: its month's payroll is approved.
    """
    await require(actor, Permission.SALARIES_MANAGE)
    check_id(adjustment_id)
    async with transaction(deps) as tx:
        await lock_organisation(actor.organisation_id)
        row = await SalaryAdjustment.get_or_none(
            id=adjustment_id, organisation_id=actor.organisation_id
        )
        if row is None:
            raise NotFound()
        await _check_month_open(actor.organisation_id, row.month)
        before = {
            "teacher_id": row.teacher_id,  # type: ignore[attr-defined]
            "month": row.month.isoformat(),
            "amount": row.amount,
            "reason": row.reason,
        }
        await row.delete()
        await do_record(
            tx,
            actor,
            action="salary_adjustment.remove",
            object_type="salary_adjustment",
            object_id=adjustment_id,
            before=before,
        )


async def _adjustment_views(
    organisation_id: int, *, month: date, teacher_id: int | None = None
) -> list[AdjustmentView]:
    query = SalaryAdjustment.filter(organisation_id=organisation_id, month=month)
    if teacher_id is not None:
        query = query.filter(teacher_id=teacher_id)
    rows = await query.order_by("id")
    names = await person_names(row.teacher_id for row in rows)  # type: ignore[attr-defined]
    currency = await organisation_currency(organisation_id)
    views = [
        AdjustmentView(
            id=row.id,
            teacher_id=row.teacher_id,  # type: ignore[attr-defined]
            teacher_name=names.get(row.teacher_id, ""),  # type: ignore[attr-defined]
            month=row.month,
            amount=row.amount,
            currency=currency,
            reason=row.reason,
            created_at=row.created_at,
        )
        for row in rows
    ]
    views.sort(key=lambda view: (view.teacher_name.casefold(), view.id))
    return views


async def salary_overview(deps: Deps, actor: Actor, *, month: date) -> SalaryOverview:
    """The teachers (active ones, and anyone with a rule) with their rules, and the bonuses
    and deductions of ``month``.

    Raises:
        PermissionDenied: the actor may not manage salaries.
    """
    await require(actor, Permission.SALARIES_MANAGE)
    org_id = actor.organisation_id
    month = month_start(month)
    today = local_today(deps.clock.now(), await organisation_zone(org_id))
    active: set[int] = {
        int(person_id)  # type: ignore[call-overload]
        for person_id in await Membership.filter(
            organisation_id=org_id, role=Role.TEACHER, archived_at__isnull=True
        ).values_list("person_id", flat=True)
    }
    rules: dict[int, list[RuleView]] = defaultdict(list)
    for row in await SalaryRule.filter(organisation_id=org_id).order_by("-valid_from"):
        rules[row.teacher_id].append(_rule_view(row))  # type: ignore[attr-defined]
    names = await person_names(active | rules.keys())
    teachers = [
        TeacherRules(
            teacher_id=teacher_id,
            name=name,
            active=teacher_id in active,
            rules=tuple(rules.get(teacher_id, [])),
            current=next((r for r in rules.get(teacher_id, []) if r.valid_from <= today), None),
        )
        for teacher_id, name in names.items()
    ]
    teachers.sort(key=lambda item: (not item.active, item.name.casefold(), item.teacher_id))
    return SalaryOverview(
        currency=await organisation_currency(org_id),
        today=today,
        teachers=tuple(teachers),
        month=month,
        adjustments=tuple(await _adjustment_views(org_id, month=month)),
        month_closed=await Payroll.exists(organisation_id=org_id, month=month, status__in=_CLOSED),
    )


# --- computing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    valid_from: date
    per_lesson: int
    per_student: int
    per_hour: int
    monthly: int
    revenue_basis_points: int


@dataclass
class _RuleBook:
    """Each teacher's rules in order of ``valid_from``, for "the rule in force on a day"."""

    rules: dict[int, list[_Rule]] = field(default_factory=dict)
    starts: dict[int, list[date]] = field(default_factory=dict)

    def add(self, teacher_id: int, rule: _Rule) -> None:
        self.rules.setdefault(teacher_id, []).append(rule)
        self.starts.setdefault(teacher_id, []).append(rule.valid_from)

    def at(self, teacher_id: int, day: date) -> _Rule | None:
        starts = self.starts.get(teacher_id)
        if not starts:
            return None
        index = bisect.bisect_right(starts, day) - 1
        return self.rules[teacher_id][index] if index >= 0 else None

    def during(self, teacher_id: int, first: date, last: date) -> list[_Rule]:
        """The rules in force on some day from ``first`` to ``last``."""
        rules = self.rules.get(teacher_id, [])
        return [
            rule
            for index, rule in enumerate(rules)
            if rule.valid_from <= last
            and (index + 1 == len(rules) or rules[index + 1].valid_from > first)
        ]

    def rates(self, teacher_id: int, first: date, last: date) -> Rates:
        during = self.during(teacher_id, first, last)
        closing = self.at(teacher_id, last)

        def distinct(name: str) -> tuple[int, ...]:
            values = (getattr(rule, name) for rule in during)
            return tuple(dict.fromkeys(value for value in values if value))

        return Rates(
            per_lesson=distinct("per_lesson"),
            per_student=distinct("per_student"),
            per_hour=distinct("per_hour"),
            monthly=closing.monthly if closing else 0,
            revenue_basis_points=closing.revenue_basis_points if closing else 0,
        )


async def _rule_book(organisation_id: int, last: date) -> _RuleBook:
    book = _RuleBook()
    for row in (
        await SalaryRule.filter(organisation_id=organisation_id, valid_from__lte=last)
        .order_by("teacher_id", "valid_from")
        .values("teacher_id", "valid_from", *_RULE_FIELDS)
    ):
        book.add(
            row["teacher_id"],
            _Rule(
                valid_from=row["valid_from"],
                per_lesson=row["per_lesson"],
                per_student=row["per_student"],
                per_hour=row["per_hour"],
                monthly=row["monthly"],
                revenue_basis_points=row["revenue_basis_points"],
            ),
        )
    return book


@dataclass
class _Tally:
    lessons: int = 0
    students: int = 0
    minutes: int = 0
    revenue: int = 0
    per_lesson: int = 0
    per_student: int = 0
    #: Σ rate × minutes; divided by 60 once, at the end.
    hour_units: int = 0
    adjustments: int = 0


_LINE_FIELDS = (
    "lessons",
    "students",
    "minutes",
    "revenue",
    "per_lesson_amount",
    "per_student_amount",
    "hourly_amount",
    "monthly_amount",
    "revenue_amount",
    "adjustments",
    "total",
)


@dataclass(frozen=True)
class _Month:
    organisation_id: int
    first: date
    last: date
    zone: ZoneInfo
    start: datetime
    end: datetime


async def _month(organisation_id: int, month: date) -> _Month:
    zone = await organisation_zone(organisation_id)
    first, last = month_start(month), month_end(month)
    start, end = local_days(first, last, zone)
    return _Month(organisation_id, first, last, zone, start, end)


async def _compute(period: _Month, book: _RuleBook) -> dict[int, dict[str, int]]:
    """Each teacher's numbers (the ``PayrollLine`` fields) for the month, in five queries."""
    org_id = period.organisation_id
    held_in_month: dict[str, Any] = {
        "lesson__organisation_id": org_id,
        "lesson__status": LessonStatus.HELD,
        "lesson__starts_at__gte": period.start,
        "lesson__starts_at__lt": period.end,
    }
    lessons = await Lesson.filter(
        organisation_id=org_id,
        status=LessonStatus.HELD,
        starts_at__gte=period.start,
        starts_at__lt=period.end,
    ).values_list("id", "teacher_id", "starts_at", "ends_at")
    presences: dict[int, int] = {
        int(lesson_id): int(count)
        for lesson_id, count in await Attendance.filter(
            status__in=(AttendanceStatus.PRESENT, AttendanceStatus.LATE), **held_in_month
        )
        .annotate(n=Count("id"))
        .group_by("lesson_id")
        .values_list("lesson_id", "n")
    }
    revenue: dict[int, int] = {
        int(teacher_id): -int(total or 0)
        # No filter on the entry's own organisation: its lesson's says it, and a second
        # condition lets PostgreSQL pick a plan that reads the organisation's whole ledger
        # once per lesson when its statistics are stale.
        for teacher_id, total in await LedgerEntry.filter(
            kind__in=(EntryKind.CHARGE, EntryKind.REVERSAL), **held_in_month
        )
        .annotate(total=Sum("amount"))
        .group_by("lesson__teacher_id")
        .values_list("lesson__teacher_id", "total")
    }
    adjustments: dict[int, int] = defaultdict(int)
    for teacher_id, amount in await SalaryAdjustment.filter(
        organisation_id=org_id, month=period.first
    ).values_list("teacher_id", "amount"):
        adjustments[int(teacher_id)] += int(amount)

    tallies: dict[int, _Tally] = defaultdict(_Tally)
    for lesson_id, teacher_id, starts_at, ends_at in lessons:
        tally = tallies[teacher_id]
        present = presences.get(lesson_id, 0)
        minutes = max(0, int((ends_at - starts_at).total_seconds()) // 60)
        tally.lessons += 1
        tally.students += present
        tally.minutes += minutes
        rule = book.at(teacher_id, starts_at.astimezone(period.zone).date())
        if rule is not None:
            tally.per_lesson += rule.per_lesson
            tally.per_student += rule.per_student * present
            tally.hour_units += rule.per_hour * minutes
    for teacher_id, amount in revenue.items():
        tallies[teacher_id].revenue = amount
    for teacher_id, amount in adjustments.items():
        tallies[teacher_id].adjustments = amount
    for teacher_id in book.rules:
        closing = book.at(teacher_id, period.last)
        if closing is not None and closing.monthly:
            _ = tallies[teacher_id]  # a fixed salary is paid without lessons too

    lines: dict[int, dict[str, int]] = {}
    for teacher_id, tally in tallies.items():
        closing = book.at(teacher_id, period.last)
        monthly = closing.monthly if closing else 0
        share = (
            _half_up(tally.revenue * closing.revenue_basis_points, BASIS_POINTS_MAX)
            if closing
            else 0
        )
        hourly = _half_up(tally.hour_units, 60)
        numbers = {
            "lessons": tally.lessons,
            "students": tally.students,
            "minutes": tally.minutes,
            "revenue": tally.revenue,
            "per_lesson_amount": tally.per_lesson,
            "per_student_amount": tally.per_student,
            "hourly_amount": hourly,
            "monthly_amount": monthly,
            "revenue_amount": share,
            "adjustments": tally.adjustments,
        }
        numbers["total"] = sum(numbers[name] for name in _LINE_FIELDS[4:10])
        if tally.lessons or tally.revenue or tally.adjustments or numbers["total"]:
            lines[teacher_id] = numbers
    return lines


def _stored(line: PayrollLine) -> dict[str, int]:
    return {name: getattr(line, name) for name in _LINE_FIELDS}


async def _payroll_view(actor: Actor, payroll: Payroll, today: date) -> PayrollView:
    period = await _month(payroll.organisation_id, payroll.month)  # type: ignore[attr-defined]
    book = await _rule_book(period.organisation_id, period.last)
    lines = await PayrollLine.filter(payroll_id=payroll.id)
    teacher_ids = [line.teacher_id for line in lines]  # type: ignore[attr-defined]
    names = await person_names(
        [*teacher_ids, *([payroll.approved_by_id] if payroll.approved_by_id else [])]
    )
    views = [
        PayrollLineView(
            teacher_id=line.teacher_id,  # type: ignore[attr-defined]
            teacher_name=names.get(line.teacher_id, ""),  # type: ignore[attr-defined]
            **_stored(line),
            rates=book.rates(line.teacher_id, period.first, period.last),  # type: ignore[attr-defined]
            has_rule=bool(book.during(line.teacher_id, period.first, period.last)),  # type: ignore[attr-defined]
        )
        for line in lines
    ]
    views.sort(key=lambda view: (view.teacher_name.casefold(), view.teacher_id))
    status = PayrollStatus(payroll.status)
    is_draft = status is PayrollStatus.DRAFT
    return PayrollView(
        id=payroll.id,
        month=payroll.month,
        status=status,
        currency=payroll.currency,
        computed_at=payroll.computed_at,
        approved_at=payroll.approved_at,
        approved_by=names.get(payroll.approved_by_id or 0, ""),
        lines=tuple(views),
        adjustments=tuple(await _adjustment_views(period.organisation_id, month=period.first)),
        total=sum(view.total for view in views),
        can_compute=is_draft and await has_permission(actor, Permission.SALARIES_MANAGE),
        can_approve=is_draft and await has_permission(actor, Permission.PAYROLL_APPROVE),
        month_over=today > period.last,
    )


async def _require_payroll_reader(actor: Actor) -> None:
    if not (
        await has_permission(actor, Permission.SALARIES_MANAGE)
        or await has_permission(actor, Permission.PAYROLL_APPROVE)
    ):
        raise PermissionDenied(permission=Permission.SALARIES_MANAGE.value)


async def compute_payroll(deps: Deps, actor: Actor, *, month: date) -> PayrollView:
    """Compute (or compute again) the draft payroll of the month that ``month`` falls in.

    Reads in a fixed number of queries however many teachers and lessons there are, and
    writes the lines with one bulk insert.

    Raises:
        PermissionDenied: the actor may not manage salaries.
        InvalidInput: the month has not begun yet.
        Conflict: the month's payroll is approved already.
    """
    await require(actor, Permission.SALARIES_MANAGE)
    org_id = actor.organisation_id
    period = await _month(org_id, month)
    today = local_today(deps.clock.now(), period.zone)
    if period.first > today:
        raise InvalidInput(
            N_("The month {month} has not begun yet."),
            field="month",
            month=format_month(period.first),
        )
    currency = await organisation_currency(org_id)
    async with transaction(deps) as tx:
        await lock_organisation(org_id)
        payroll = await Payroll.get_or_none(organisation_id=org_id, month=period.first)
        if payroll is not None and payroll.status in _CLOSED:
            raise Conflict(
                N_("The payroll for {month} is approved: it cannot be computed again."),
                month=format_month(period.first),
            )
        book = await _rule_book(org_id, period.last)
        lines = await _compute(period, book)
        if payroll is None:
            payroll = await Payroll.create(
                organisation_id=org_id,
                month=period.first,
                status=PayrollStatus.DRAFT,
                currency=currency,
                computed_at=tx.now,
            )
        else:
            payroll.computed_at = tx.now
            await payroll.save(update_fields=["computed_at"])
            _ = await PayrollLine.filter(payroll_id=payroll.id).delete()
        await PayrollLine.bulk_create(
            [
                PayrollLine(payroll_id=payroll.id, teacher_id=teacher_id, **numbers)
                for teacher_id, numbers in sorted(lines.items())
            ],
            batch_size=500,
        )
        await do_record(
            tx,
            actor,
            action="payroll.compute",
            object_type="payroll",
            object_id=payroll.id,
            after={
                "month": period.first.isoformat(),
                "teachers": len(lines),
                "total": sum(numbers["total"] for numbers in lines.values()),
            },
        )
    return await _payroll_view(actor, payroll, today)


async def payroll_view(deps: Deps, actor: Actor, *, month: date) -> PayrollView | None:
    """The payroll of the month (None: not computed yet).

    Raises:
        PermissionDenied: the actor may neither manage salaries nor approve payroll.
    """
    await _require_payroll_reader(actor)
    period = await _month(actor.organisation_id, month)
    payroll = await Payroll.get_or_none(organisation_id=actor.organisation_id, month=period.first)
    if payroll is None:
        return None
    return await _payroll_view(actor, payroll, local_today(deps.clock.now(), period.zone))


async def approve_payroll(deps: Deps, actor: Actor, *, month: date) -> PayrollView:
    """Approve and lock the month's draft payroll: record its total as a salaries expense
    and queue each teacher's statement in Telegram.

    Raises:
        PermissionDenied: the actor may not approve payroll.
        NotFound: the month's payroll has not been computed.
        Conflict: it is approved already, the month is not over yet, or something it counts
            changed since it was computed (compute it again and review it).
    """
    await require(actor, Permission.PAYROLL_APPROVE)
    org_id = actor.organisation_id
    period = await _month(org_id, month)
    today = local_today(deps.clock.now(), period.zone)
    label = format_month(period.first)
    async with transaction(deps) as tx:
        await lock_organisation(org_id)
        payroll = await Payroll.get_or_none(organisation_id=org_id, month=period.first)
        if payroll is None:
            raise NotFound(N_("The payroll for {month} has not been computed yet."), month=label)
        if payroll.status in _CLOSED:
            raise Conflict(N_("The payroll for {month} is approved already."), month=label)
        if today <= period.last:
            raise Conflict(
                N_("The month {month} is not over yet: its payroll can be approved from {day}."),
                month=label,
                day=(period.last + timedelta(days=1)).strftime("%d.%m.%Y"),
            )
        stored = {
            line.teacher_id: _stored(line)  # type: ignore[attr-defined]
            for line in await PayrollLine.filter(payroll_id=payroll.id)
        }
        book = await _rule_book(org_id, period.last)
        if await _compute(period, book) != stored:
            raise Conflict(
                N_(
                    "Lessons, attendance, rules or bonuses changed since the payroll was "
                    "computed. Compute it again and review it before approving."
                )
            )
        payroll.status = PayrollStatus.APPROVED
        payroll.approved_at = tx.now
        payroll.approved_by_id = actor.person_id
        payroll.locked_at = tx.now
        await payroll.save(update_fields=["status", "approved_at", "approved_by_id", "locked_at"])
        total = sum(numbers["total"] for numbers in stored.values())
        organisation = await Organisation.get(id=org_id)
        if total > 0:
            note = gettext_for(organisation.default_language, EXPENSE_NOTE).format(month=label)
            _ = await do_record_expense(
                tx,
                actor,
                category=ExpenseCategory.SALARIES,
                amount=total,
                currency=payroll.currency,
                spent_on=period.last,
                note=note,
            )
        await do_record(
            tx,
            actor,
            action="payroll.approve",
            object_type="payroll",
            object_id=payroll.id,
            after={"month": period.first.isoformat(), "teachers": len(stored), "total": total},
        )
        view = await _payroll_view(actor, payroll, today)
        await _queue_statements(tx, view, organisation)
    return view


async def _queue_statements(tx: Tx, view: PayrollView, organisation: Organisation) -> None:
    """Each teacher with a linked Telegram account gets their statement, in their language."""
    accounts = dict(
        await Account.filter(
            person_id__in=[line.teacher_id for line in view.lines],
            telegram_user_id__isnull=False,
        ).values_list("person_id", "language")
    )
    adjustments: dict[int, list[AdjustmentView]] = defaultdict(list)
    for adjustment in view.adjustments:
        adjustments[adjustment.teacher_id].append(adjustment)
    for line in view.lines:
        if line.teacher_id not in accounts:
            continue
        language = pick_language(
            accounts[line.teacher_id],
            organisation.default_language,
            default=tx.deps.settings.default_language,
        )
        statement = Statement(
            month=view.month,
            teacher_id=line.teacher_id,
            teacher_name=line.teacher_name,
            currency=view.currency,
            line=line,
            adjustments=tuple(adjustments[line.teacher_id]),
            approved_at=view.approved_at,
        )
        _ = await do_enqueue(
            tx,
            person_id=line.teacher_id,
            message=STATEMENT_READY,
            params={
                "month": format_month(view.month),
                "details": statement_details(statement, language),
            },
            organisation_id=organisation.id,
            dedupe_key=f"payroll:{view.id}:{line.teacher_id}",
        )


async def teacher_statement(actor: Actor, *, month: date | None = None) -> Statement | None:
    """The actor's own statement from an approved payroll: of ``month``, or the latest one
    (None: there is none). Nobody reads another teacher's statement here.

    Raises:
        nothing: a person without an approved statement simply gets None.
    """
    if actor.person_id is None:
        return None
    query = PayrollLine.filter(
        teacher_id=actor.person_id,
        payroll__organisation_id=actor.organisation_id,
        payroll__status__in=_CLOSED,
    )
    if month is not None:
        query = query.filter(payroll__month=month_start(month))
    line = await query.order_by("-payroll__month").first().prefetch_related("payroll")
    if line is None:
        return None
    payroll: Payroll = line.payroll
    period = await _month(actor.organisation_id, payroll.month)
    book = await _rule_book(actor.organisation_id, period.last)
    name = (await person_names([actor.person_id])).get(actor.person_id, "")
    return Statement(
        month=payroll.month,
        teacher_id=actor.person_id,
        teacher_name=name,
        currency=payroll.currency,
        line=PayrollLineView(
            teacher_id=actor.person_id,
            teacher_name=name,
            **_stored(line),
            rates=book.rates(actor.person_id, period.first, period.last),
            has_rule=bool(book.during(actor.person_id, period.first, period.last)),
        ),
        adjustments=tuple(
            await _adjustment_views(
                actor.organisation_id, month=payroll.month, teacher_id=actor.person_id
            )
        ),
        approved_at=payroll.approved_at,
    )


# --- the statement as text -----------------------------------------------------------------------


def _hours(minutes: int, language: str) -> str:
    return gettext_for(language, STATEMENT_HOURS).format(hours=minutes // 60, minutes=minutes % 60)


def statement_details(statement: Statement, language: str) -> str:
    """The statement's lines in ``language``: what was counted, each part with its rate,
    the bonuses and deductions, the total. Parts that come to nothing are left out."""

    def tr(message: str, **params: object) -> str:
        return gettext_for(language, message).format(**params)

    def money(amount: int) -> str:
        return format_amount(amount, statement.currency, language)

    def rates(values: Sequence[int]) -> str:
        return " / ".join(money(value) for value in values) or money(0)

    line = statement.line
    lines = [
        tr(
            STATEMENT_COUNTS,
            lessons=line.lessons,
            students=line.students,
            hours=_hours(line.minutes, language),
        )
    ]
    if line.per_lesson_amount:
        lines.append(
            tr(
                PART_PER_LESSON,
                count=line.lessons,
                rate=rates(line.rates.per_lesson),
                amount=money(line.per_lesson_amount),
            )
        )
    if line.per_student_amount:
        lines.append(
            tr(
                PART_PER_STUDENT,
                count=line.students,
                rate=rates(line.rates.per_student),
                amount=money(line.per_student_amount),
            )
        )
    if line.hourly_amount:
        lines.append(
            tr(
                PART_HOURLY,
                hours=_hours(line.minutes, language),
                rate=rates(line.rates.per_hour),
                amount=money(line.hourly_amount),
            )
        )
    if line.monthly_amount:
        lines.append(tr(PART_MONTHLY, amount=money(line.monthly_amount)))
    if line.revenue_amount:
        lines.append(
            tr(
                PART_REVENUE,
                percent=format_percent(line.rates.revenue_basis_points, language),
                revenue=money(line.revenue),
                amount=money(line.revenue_amount),
            )
        )
    for adjustment in statement.adjustments:
        # The wording says which way it goes: "Deduction: 5 000 ₸", not "Deduction: -5 000 ₸".
        message = PART_BONUS if adjustment.amount > 0 else PART_DEDUCTION
        lines.append(tr(message, amount=money(abs(adjustment.amount)), reason=adjustment.reason))
    lines.append(tr(STATEMENT_TOTAL, total=money(line.total)))
    return "\n".join(lines)


def statement_text(statement: Statement, language: str) -> str:
    """The whole statement in ``language``, as the bot shows it."""
    title = gettext_for(language, STATEMENT_TITLE).format(
        month=format_month(statement.month), name=statement.teacher_name
    )
    return f"{title}\n{statement_details(statement, language)}"


# --- Excel ---------------------------------------------------------------------------------------

_MONEY_FORMAT = "#,##0.00"
_HOURS_FORMAT = "0.00"
_HEADER_ROW = 4
_COLUMNS: tuple[tuple[str, int], ...] = (
    (N_("Teacher"), 30),
    (N_("Lessons"), 10),
    (N_("Students present or late"), 14),
    (N_("Hours"), 10),
    (N_("Revenue"), 14),
    (N_("Per lesson"), 14),
    (N_("Per student"), 14),
    (N_("Per hour"), 14),
    (N_("Fixed monthly"), 14),
    (N_("Share of revenue"), 14),
    (N_("Bonuses and deductions"), 14),
    (N_("Total"), 16),
)


@dataclass(frozen=True)
class _Money:
    amount: int


_CellValue = str | int | Decimal | _Money


def _cell(sheet: WriteOnlyWorksheet, value: _CellValue, *, bold: bool = False) -> Cell:
    cell = WriteOnlyCell(sheet)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # even "=..." stays text
    elif isinstance(value, _Money):
        cell.value = Money(value.amount).decimal
        cell.number_format = _MONEY_FORMAT
    elif isinstance(value, Decimal):
        cell.value = value
        cell.number_format = _HOURS_FORMAT
    else:
        cell.value = value
    if bold:
        cell.font = Font(bold=True)
    return cell


def _line_cells(line: PayrollLineView) -> list[_CellValue]:
    return [
        line.teacher_name,
        line.lessons,
        line.students,
        (Decimal(line.minutes) / 60).quantize(Decimal("0.01")),
        _Money(line.revenue),
        _Money(line.per_lesson_amount),
        _Money(line.per_student_amount),
        _Money(line.hourly_amount),
        _Money(line.monthly_amount),
        _Money(line.revenue_amount),
        _Money(line.adjustments),
        _Money(line.total),
    ]


def _workbook(view: PayrollView, language: str) -> bytes:
    def tr(message: str) -> str:
        return gettext_for(language, message)

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(tr(N_("Payroll"))[:31])
    for index, (_, width) in enumerate(_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{_HEADER_ROW + 1}"
    sheet.append(
        [
            _cell(sheet, tr(N_("Payroll")), bold=True),
            _cell(sheet, format_month(view.month)),
            _cell(sheet, tr(PAYROLL_STATUS_LABELS[view.status])),
        ]
    )
    sheet.append([_cell(sheet, tr(N_("Currency"))), _cell(sheet, view.currency)])
    sheet.append([])
    fill = PatternFill("solid", fgColor="DDEBF7")
    header = []
    for label, _ in _COLUMNS:
        cell = _cell(sheet, tr(label), bold=True)
        cell.fill = fill
        header.append(cell)
    sheet.append(header)
    for line in view.lines:
        sheet.append([_cell(sheet, value) for value in _line_cells(line)])
    totals: list[_CellValue] = [tr(N_("Total"))]
    totals += [
        sum(line.lessons for line in view.lines),
        sum(line.students for line in view.lines),
        (Decimal(sum(line.minutes for line in view.lines)) / 60).quantize(Decimal("0.01")),
    ]
    totals += [
        _Money(sum(getattr(line, name) for line in view.lines)) for name in _LINE_FIELDS[3:]
    ]
    sheet.append([_cell(sheet, value, bold=True) for value in totals])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def export_payroll(deps: Deps, actor: Actor, *, month: date, language: str) -> bytes:
    """The month's payroll as an .xlsx workbook: a title line (month, status), the currency,
    then a header row (row 4), one row per teacher with typed numbers and a total row.

    Raises:
        PermissionDenied: the actor may neither manage salaries nor approve payroll.
        NotFound: the month's payroll has not been computed.
    """
    view = await payroll_view(deps, actor, month=month)
    if view is None:
        raise NotFound(
            N_("The payroll for {month} has not been computed yet."),
            month=format_month(month_start(month)),
        )
    return await asyncio.to_thread(_workbook, view, language)


async def salary_currency(actor: Actor) -> str:
    """The currency salaries are paid in here (the adapter parses amounts in it)."""
    return await organisation_currency(actor.organisation_id)
