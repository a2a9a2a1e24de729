"""Money test data for the finance reports: plans, subscriptions, ledger entries.

Subscriptions are written as rows here (trusted, no sale rules) so the reports' tests do not
depend on how the selling service evolves; ledger entries go through the ledger's and the
payments' own ``do_*`` functions, in a transaction, as the product writes them. A held lesson
is a lesson of ``tests.lesson_factories`` marked held without attendance, so no charging
subscriber reacts to it.
"""

from __future__ import annotations

from datetime import date, timedelta

from core.deps import Deps
from core.models.finance import (
    Billing,
    EntryKind,
    LedgerEntry,
    PaymentMethod,
    Plan,
    PlanKind,
    Subscription,
    SubscriptionFreeze,
    SubscriptionStatus,
)
from core.models.lessons import Lesson, LessonStatus
from core.services.ledger import do_add_entry, do_reverse_entry
from core.services.payments import do_record_payment
from core.tx import transaction
from tests.lesson_factories import LessonCentre, lesson_at

KZT = "KZT"


async def make_plan(
    deps: Deps,
    organisation_id: int,
    *,
    name: str = "Абонемент 15",
    price: int = 4_000_000,
    lessons: int = 15,
    validity_days: int = 60,
    billing: Billing = Billing.ATTENDED,
    kind: PlanKind = PlanKind.SUBSCRIPTION,
) -> int:
    plan = await Plan.create(
        organisation_id=organisation_id,
        name=name,
        kind=kind,
        price=price,
        currency=KZT,
        lessons=lessons,
        validity_days=validity_days,
        billing=billing,
        created_at=deps.clock.now(),
    )
    return plan.id


async def make_subscription(
    deps: Deps,
    *,
    organisation_id: int,
    student_id: int,
    plan_id: int,
    group_id: int | None,
    starts_on: date,
    valid_until: date | None = None,
    due_on: date | None = None,
    status: SubscriptionStatus = SubscriptionStatus.ACTIVE,
) -> int:
    """A subscription sold on the plan's terms, as a row."""
    plan = await Plan.get(id=plan_id)
    sub = await Subscription.create(
        organisation_id=organisation_id,
        student_id=student_id,
        plan_id=plan_id,
        group_id=group_id,
        list_price=plan.price,
        price=plan.price,
        currency=plan.currency,
        lessons=plan.lessons,
        billing=plan.billing,
        unexcused_percent=plan.unexcused_percent,
        excused_percent=plan.excused_percent,
        starts_on=starts_on,
        valid_until=valid_until or starts_on + timedelta(days=plan.validity_days),
        due_on=due_on or starts_on,
        status=status,
        created_at=deps.clock.now(),
    )
    return sub.id


async def freeze(deps: Deps, subscription_id: int, starts_on: date, ends_on: date) -> None:
    await SubscriptionFreeze.create(
        subscription_id=subscription_id,
        starts_on=starts_on,
        ends_on=ends_on,
        created_at=deps.clock.now(),
    )


async def charge(
    deps: Deps,
    *,
    organisation_id: int,
    student_id: int,
    amount: int,
    on: date,
    subscription_id: int | None = None,
    lesson_id: int | None = None,
) -> int:
    """A charge of ``amount`` (positive: what the student owes)."""
    async with transaction(deps) as tx:
        entry = await do_add_entry(
            tx,
            organisation_id=organisation_id,
            student_id=student_id,
            kind=EntryKind.CHARGE,
            amount=-amount,
            currency=KZT,
            occurred_on=on,
            subscription_id=subscription_id,
            lesson_id=lesson_id,
        )
    return entry.id


async def pay(
    deps: Deps,
    *,
    organisation_id: int,
    student_id: int,
    amount: int,
    on: date,
    method: PaymentMethod = PaymentMethod.CASH,
) -> int:
    async with transaction(deps) as tx:
        entry = await do_record_payment(
            tx,
            organisation_id=organisation_id,
            student_id=student_id,
            amount=amount,
            currency=KZT,
            method=method,
            occurred_on=on,
        )
    return entry.id


async def add_entry(
    deps: Deps,
    *,
    organisation_id: int,
    student_id: int,
    kind: EntryKind,
    amount: int,
    on: date,
    method: PaymentMethod | None = None,
) -> int:
    """Any other entry (a refund, a discount, a correction), signed as the ledger wants."""
    async with transaction(deps) as tx:
        entry = await do_add_entry(
            tx,
            organisation_id=organisation_id,
            student_id=student_id,
            kind=kind,
            amount=amount,
            currency=KZT,
            occurred_on=on,
            method=method,
        )
    return entry.id


async def reverse(deps: Deps, entry_id: int, on: date) -> int:
    async with transaction(deps) as tx:
        entry = await LedgerEntry.get(id=entry_id)
        reversal = await do_reverse_entry(
            tx, entry, occurred_on=on, reason="ошибка", created_by_id=None
        )
    return reversal.id


async def held_lesson(
    deps: Deps,
    centre: LessonCentre,
    day: date,
    hhmm: str = "10:00",
    *,
    group_id: int | None = None,
) -> int:
    """A lesson of the centre's group on ``day`` that was held."""
    lesson_id = await lesson_at(deps, centre, day, hhmm, group_id=group_id)
    await Lesson.filter(id=lesson_id).update(status=LessonStatus.HELD, held_at=deps.clock.now())
    return lesson_id
