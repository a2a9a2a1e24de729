"""What a student should pay, and by when: the one definition the bot's "how much to pay",
invoices, payment reminders, the debts report and the forecast share.

A student's obligations, each with the date it is (or was) due:

- **the debt**, what was charged and not paid: ``max(0, −balance)``. Credits pay the debits
  that fell due first, so what is unpaid is the debits due last, adding up to the debt; the
  debt is due since the earliest due date among them (``debt_since``). A debit is due on its
  own date (``occurred_on``), except a charge of a subscription: a lesson of a subscription
  billed per lesson is part of the price due on the subscription's ``due_on``; a month of a
  monthly subscription is due on its month's date, the first not before ``due_on``. A
  reversed entry and its reversal cancel out and take no part.
- for each active subscription, **the part still to cover**: billed per lesson (attended or
  held), its price minus what it has charged so far, due on its ``due_on``; billed monthly,
  one month's price, due on the next monthly date not yet charged (not before ``due_on``;
  none after ``valid_until``).

Subscriptions count only while the student studies here (an active student membership in the
organisation): an archived student owes only their debt.

The amount due is what covers all of them given the balance: ``max(0, Σ parts − balance)``
(credit lowers it, a debt adds to it). A credit covers the obligations in the order of their
dates; the amount is due on (``due_on``) the date of the first obligation it does not cover
in full — so a debt left by an unpaid month is due since that month, and a subscription the
credit pays in full does not set the date.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tortoise import connections

from core.models.finance import Billing, EntryKind, Subscription, SubscriptionStatus
from core.models.people import Membership, Role
from core.services.ledger import balances, organisation_currency, subscription_uses

_CHUNK = 500


@dataclass(frozen=True)
class Due:
    """What a student should pay (``amount``) and by when (``due_on``, which may have passed;
    None when nothing is due). ``debt`` is what was charged and not paid, due since
    ``debt_since`` (None without a debt)."""

    student_id: int
    amount: int
    currency: str
    due_on: date | None
    debt: int
    balance: int
    debt_since: date | None = None

    @property
    def owes(self) -> bool:
        return self.amount > 0


@dataclass(frozen=True)
class Part:
    """What an active subscription still needs covered, and by when."""

    subscription_id: int
    amount: int
    due_on: date


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, on the month's last day when it is shorter
    (31 January + 1 month = 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def monthly_dates(starts_on: date, valid_until: date) -> list[date]:
    """The charge dates of a monthly subscription: its start and each month after it, while
    the subscription is valid."""
    dates: list[date] = []
    months = 0
    while (day := add_months(starts_on, months)) <= valid_until:
        dates.append(day)
        months += 1
    return dates


def subscription_part(
    subscription: Subscription, charged: int, months_charged: int
) -> tuple[int, date | None]:
    """The part of one active subscription still to cover and its due date (None when
    nothing is left)."""
    if subscription.billing == Billing.MONTHLY:
        upcoming = monthly_dates(subscription.starts_on, subscription.valid_until)[months_charged:]
        if not upcoming:
            return 0, None
        return subscription.price, max(upcoming[0], subscription.due_on)
    left = max(0, subscription.price - charged)
    return left, subscription.due_on if left else None


async def studying(organisation_id: int, student_ids: Iterable[int] | None = None) -> set[int]:
    """The students (of those asked for; None: all) with an active student membership in
    the organisation — whose subscriptions are charged and counted as due.

    Raises:
        tortoise.exceptions.OperationalError: the database failed.
    """
    query = Membership.filter(
        organisation_id=organisation_id, role=Role.STUDENT, archived_at__isnull=True
    )
    if student_ids is None:
        return {int(person) for (person,) in await query.values_list("person_id")}
    wanted = sorted(set(student_ids))
    found: set[int] = set()
    for start in range(0, len(wanted), _CHUNK):
        found.update(
            int(person)
            for (person,) in await query.filter(
                person_id__in=wanted[start : start + _CHUNK]
            ).values_list("person_id")
        )
    return found


async def open_parts(
    organisation_id: int, student_ids: Iterable[int] | None = None
) -> dict[int, list[Part]]:
    """The parts still to cover of the active subscriptions of students who study here, per
    student (of those asked for; None: all); a fixed number of queries.

    Raises:
        tortoise.exceptions.OperationalError: the database failed.
    """
    query = Subscription.filter(organisation_id=organisation_id, status=SubscriptionStatus.ACTIVE)
    subscriptions: list[Subscription] = []
    if student_ids is None:
        subscriptions = await query
    else:
        wanted = sorted(set(student_ids))
        for start in range(0, len(wanted), _CHUNK):
            subscriptions += await query.filter(student_id__in=wanted[start : start + _CHUNK])
    if not subscriptions:
        return {}
    present = await studying(
        organisation_id,
        None if student_ids is None else {sub.student_id for sub in subscriptions},  # type: ignore[attr-defined]
    )
    subscriptions = [sub for sub in subscriptions if sub.student_id in present]  # type: ignore[attr-defined]
    uses = await subscription_uses(sub.id for sub in subscriptions)
    parts: dict[int, list[Part]] = defaultdict(list)
    for sub in subscriptions:
        amount, due_on = subscription_part(sub, uses[sub.id].charged, uses[sub.id].lessons_charged)
        if amount > 0 and due_on is not None:
            parts[sub.student_id].append(Part(sub.id, amount, due_on))  # type: ignore[attr-defined]
    return dict(parts)


def _day(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


async def debt_dates(organisation_id: int, debtors: Iterable[int]) -> dict[int, date]:
    """Since when each of these students' debt is due (see the module's docstring); students
    without a debt are absent from the answer. One statement per ``_CHUNK`` students.

    The debtors' debits that are neither reversals nor reversed get a running sum, latest due
    date first (a window); a debit is unpaid, in full or in part, while the sum before it is
    under the debt, and the earliest due date among those is the answer.

    Raises:
        tortoise.exceptions.OperationalError: the database failed.
    """
    client = connections.get("default")
    postgres = client.capabilities.dialect == "postgres"
    wanted = sorted(set(debtors))
    result: dict[int, date] = {}
    for start in range(0, len(wanted), _CHUNK):
        params: list[Any] = []

        def p(value: Any, params: list[Any] = params) -> str:
            """A placeholder for ``value``; call in the order the placeholders appear
            (SQLite's are positional)."""
            params.append(value)
            return f"${len(params)}" if postgres else "?"

        def due() -> str:
            return (
                f"CASE WHEN e.kind = {p(EntryKind.CHARGE.value)} AND s.billing IN "
                f"({p(Billing.ATTENDED.value)}, {p(Billing.HELD.value)}) THEN s.due_on "
                f"WHEN e.kind = {p(EntryKind.CHARGE.value)} AND s.due_on > e.occurred_on "
                "THEN s.due_on ELSE e.occurred_on END"
            )

        sql = (
            "WITH debts AS (SELECT student_id, -SUM(amount) AS debt FROM ledger_entry "
            f"WHERE organisation_id = {p(organisation_id)} AND student_id IN "
            f"({', '.join(p(student) for student in wanted[start : start + _CHUNK])}) "
            "GROUP BY student_id HAVING SUM(amount) < 0) "
            "SELECT w.student_id AS student_id, MIN(w.due) AS since FROM ("
            "SELECT v.student_id, v.due, v.debt, v.running - v.owed AS before FROM ("
            f"SELECT e.student_id, -e.amount AS owed, d.debt, {due()} AS due, "
            "SUM(-e.amount) OVER (PARTITION BY e.student_id "
            f"ORDER BY {due()} DESC, e.occurred_on DESC, e.id DESC "
            "ROWS UNBOUNDED PRECEDING) AS running "
            "FROM debts d CROSS JOIN ledger_entry e "
            "LEFT JOIN subscription s ON s.id = e.subscription_id "
            f"WHERE e.organisation_id = {p(organisation_id)} AND e.student_id = d.student_id "
            f"AND e.amount < 0 AND e.kind <> {p(EntryKind.REVERSAL.value)} "
            "AND NOT EXISTS (SELECT 1 FROM ledger_entry r WHERE r.reverses_id = e.id)) v) w "
            "WHERE w.before < w.debt GROUP BY w.student_id"
        )
        rows = await client.execute_query_dict(sql, params)
        result.update((int(row["student_id"]), _day(row["since"])) for row in rows)
    return result


async def dues(organisation_id: int, student_ids: Iterable[int] | None = None) -> dict[int, Due]:
    """``Due`` per student: those asked for, or (``student_ids`` None) every student with an
    active subscription or a ledger entry in the organisation. A fixed number of queries
    (per ``_CHUNK`` students asked for, or in debt).

    Raises:
        tortoise.exceptions.OperationalError: the database failed.
    """
    wanted: list[int] | None = None if student_ids is None else sorted(set(student_ids))
    parts = await open_parts(organisation_id, wanted)
    balance_of = await balances(organisation_id, wanted)
    currency = await organisation_currency(organisation_id)
    since = await debt_dates(
        organisation_id, (student for student, held in balance_of.items() if held < 0)
    )
    students = set(wanted) if wanted is not None else set(parts) | set(balance_of)
    result: dict[int, Due] = {}
    for student in students:
        held = balance_of.get(student, 0)
        debt = max(0, -held)
        own = parts.get(student, [])
        amount = max(0, sum(part.amount for part in own) - held)
        result[student] = Due(
            student_id=student,
            amount=amount,
            currency=currency,
            due_on=_first_uncovered(own, held, since.get(student)) if amount > 0 else None,
            debt=debt,
            balance=held,
            debt_since=since.get(student) if debt else None,
        )
    return result


def _first_uncovered(parts: list[Part], held: int, debt_since: date | None) -> date | None:
    """The date of the first obligation, in date order, that the credit does not cover in
    full. A debt (``held`` below zero) is never covered; without its date (which the ledger
    always gives) it counts as due at once, None."""
    if held < 0:
        if debt_since is None:
            return None
        return min([debt_since, *(part.due_on for part in parts)])
    credit = held
    for part in sorted(parts, key=lambda part: (part.due_on, part.subscription_id)):
        if credit < part.amount:
            return part.due_on
        credit -= part.amount
    return None


async def due_of(organisation_id: int, student_id: int) -> Due:
    """``Due`` of one student.

    Raises:
        tortoise.exceptions.OperationalError: the database failed.
    """
    return (await dues(organisation_id, [student_id]))[student_id]
