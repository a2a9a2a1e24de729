"""What a student should pay, and by when: the one definition the bot's "how much to pay",
invoices, payment reminders, the debts report and the forecast share.

For each active subscription the part still to cover is

- billed per lesson (attended or held): its price minus what it has charged so far, due on
  its ``due_on``;
- billed monthly: one month's price, due on the next monthly charge date that has not been
  charged yet (none after ``valid_until``).

The amount due is what covers all of them given the balance: ``max(0, Σ parts − balance)``
(credit lowers it, a debt adds to it). It is due on the earliest due date among the parts
still to cover. The debt is what was charged and not paid: ``max(0, −balance)``.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from core.models.finance import Billing, Subscription, SubscriptionStatus
from core.services.ledger import balances, organisation_currency, subscription_uses

_CHUNK = 500


@dataclass(frozen=True)
class Due:
    """``due_on`` is None when nothing is due, or when only a debt is (it is due at once)."""

    student_id: int
    amount: int
    currency: str
    due_on: date | None
    debt: int
    balance: int

    @property
    def owes(self) -> bool:
        return self.amount > 0


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
    """The part of one active subscription still to cover and its due date."""
    if subscription.billing == Billing.MONTHLY:
        upcoming = monthly_dates(subscription.starts_on, subscription.valid_until)[months_charged:]
        return (subscription.price, upcoming[0]) if upcoming else (0, None)
    return max(0, subscription.price - charged), subscription.due_on


async def dues(organisation_id: int, student_ids: Iterable[int] | None = None) -> dict[int, Due]:
    """``Due`` per student: those asked for, or (``student_ids`` None) every student with an
    active subscription or a ledger entry in the organisation."""
    query = Subscription.filter(organisation_id=organisation_id, status=SubscriptionStatus.ACTIVE)
    wanted: list[int] | None = None if student_ids is None else sorted(set(student_ids))
    subscriptions: list[Subscription] = []
    if wanted is None:
        subscriptions = await query
    else:
        for start in range(0, len(wanted), _CHUNK):
            subscriptions += await query.filter(student_id__in=wanted[start : start + _CHUNK])
    uses = await subscription_uses(sub.id for sub in subscriptions)
    balance_of = await balances(organisation_id, wanted)
    currency = await organisation_currency(organisation_id)
    parts: dict[int, int] = {}
    due_dates: dict[int, date] = {}
    for sub in subscriptions:
        use = uses[sub.id]
        amount, due_on = subscription_part(sub, use.charged, use.lessons_charged)
        student = sub.student_id  # type: ignore[attr-defined]
        parts[student] = parts.get(student, 0) + amount
        if amount > 0 and due_on is not None:
            due_dates[student] = min(due_on, due_dates.get(student, due_on))
    students = set(wanted) if wanted is not None else set(parts) | set(balance_of)
    result: dict[int, Due] = {}
    for student in students:
        held = balance_of.get(student, 0)
        amount = max(0, parts.get(student, 0) - held)
        result[student] = Due(
            student_id=student,
            amount=amount,
            currency=currency,
            due_on=due_dates.get(student) if amount > 0 else None,
            debt=max(0, -held),
            balance=held,
        )
    return result


async def due_of(organisation_id: int, student_id: int) -> Due:
    return (await dues(organisation_id, [student_id]))[student_id]
