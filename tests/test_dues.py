"""What a student should pay and by when (core.services.dues, issue 6): a debt is due since
the oldest charge the payments have not covered, credit pays what falls due first, and a
monthly debt is overdue from its month, not from the next one."""

from __future__ import annotations

from datetime import date

import pytest

from core.clock import FrozenClock
from core.deps import Deps
from core.models.finance import LedgerEntry
from core.services.charges import tick
from core.services.dues import due_of, dues
from core.services.ledger import do_reverse_entry
from core.services.prices import Billing
from core.services.subscriptions import sell_subscription
from core.tx import transaction
from tests import finance_factories as books
from tests.factories import make_student
from tests.test_charges import SEP, Desk, day, make_desk, make_plan
from tests.test_query_counts import counting_queries

PRICE = 4_000_000  # 40 000 ₸


async def test_an_unpaid_month_is_due_since_its_month_not_the_next(deps: Deps, clock: FrozenClock):
    desk = await make_desk(deps, students=1)
    (aigerim,) = desk.students
    org = desk.system.organisation_id
    monthly = await make_plan(
        deps, desk.system, name="Ай сайын", billing=Billing.MONTHLY, lessons=8, validity_days=90
    )
    await sell_subscription(deps, desk.system, student_id=aigerim, plan_id=monthly)
    assert (await due_of(org, aigerim)).due_on == SEP

    await tick(deps)  # September is charged and not paid

    due = await due_of(org, aigerim)
    assert (due.amount, due.debt, due.debt_since, due.due_on) == (2 * PRICE, PRICE, SEP, SEP)

    await books.pay(deps, organisation_id=org, student_id=aigerim, amount=PRICE, on=day(2))
    due = await due_of(org, aigerim)
    assert (due.amount, due.debt, due.debt_since, due.due_on) == (
        PRICE,
        0,
        None,
        date(2026, 10, 1),
    )


async def test_credit_pays_what_falls_due_first(deps: Deps):
    desk = await make_desk(deps, students=1)
    (aigerim,) = desk.students
    org = desk.system.organisation_id
    plan = await books.make_plan(deps, org)
    for due_on in (day(20), day(5)):
        await books.make_subscription(
            deps,
            organisation_id=org,
            student_id=aigerim,
            plan_id=plan,
            group_id=None,
            starts_on=SEP,
            due_on=due_on,
        )
    due = await due_of(org, aigerim)
    assert (due.amount, due.due_on) == (2 * PRICE, day(5))

    await books.pay(deps, organisation_id=org, student_id=aigerim, amount=PRICE, on=SEP)

    # The subscription due on the 5th is paid: what is left is due on the 20th.
    due = await due_of(org, aigerim)
    assert (due.amount, due.due_on, due.debt) == (PRICE, day(20), 0)


async def test_a_debt_is_due_since_the_oldest_charge_left_unpaid(deps: Deps):
    desk = await make_desk(deps)
    aigerim, timur = desk.students
    org = desk.system.organisation_id

    # Charges on the 2nd, 10th, 15th (reversed: it takes no part) and 20th; a payment that
    # covers one of them covers the oldest.
    entries = [
        await books.charge(deps, organisation_id=org, student_id=aigerim, amount=1_000_000, on=on)
        for on in (day(2), day(10), day(15), day(20))
    ]
    async with transaction(deps) as tx:
        entry = await LedgerEntry.get(id=entries[2])
        await do_reverse_entry(tx, entry, occurred_on=day(21), reason="Қате", created_by_id=None)
    await books.pay(deps, organisation_id=org, student_id=aigerim, amount=1_000_000, on=day(3))

    due = await due_of(org, aigerim)
    assert (due.debt, due.debt_since, due.amount, due.due_on) == (
        2_000_000,
        day(10),
        2_000_000,
        day(10),
    )

    # Lessons charged before a subscription's date to pay by are due on that date: three
    # lessons of a 40 000 ₸ / 15 plan to be paid by the 5th, nothing paid.
    plan = await books.make_plan(deps, org)
    sub = await books.make_subscription(
        deps,
        organisation_id=org,
        student_id=timur,
        plan_id=plan,
        group_id=desk.group_id,
        starts_on=SEP,
        due_on=day(5),
    )
    for on in (day(1), day(3), day(10)):
        await books.charge(
            deps, organisation_id=org, student_id=timur, amount=266_667, on=on, subscription_id=sub
        )
    due = await due_of(org, timur)
    assert (due.debt, due.debt_since, due.amount, due.due_on) == (800_001, day(5), PRICE, day(5))


async def _add_debtors(deps: Deps, desk: Desk, count: int) -> None:
    org = desk.system.organisation_id
    plan = await books.make_plan(deps, org, name=f"План {count}")
    for index in range(count):
        student = await make_student(deps, desk.system, f"Қарыз{count}-{index}", "Әсел")
        sub = await books.make_subscription(
            deps,
            organisation_id=org,
            student_id=student,
            plan_id=plan,
            group_id=None,
            starts_on=SEP,
        )
        await books.charge(
            deps,
            organisation_id=org,
            student_id=student,
            amount=266_667,
            on=SEP,
            subscription_id=sub,
        )


async def _queries_of_dues(deps: Deps, desk: Desk, monkeypatch: pytest.MonkeyPatch) -> int:
    with counting_queries(monkeypatch) as seen:
        found = await dues(desk.system.organisation_id)
    assert all(due.debt_since == SEP for due in found.values() if due.debt)
    return len(seen)


async def test_dues_of_many_debtors_cost_the_same_queries(
    deps: Deps, monkeypatch: pytest.MonkeyPatch
):
    desk = await make_desk(deps, students=0)
    await _add_debtors(deps, desk, 2)
    few = await _queries_of_dues(deps, desk, monkeypatch)
    await _add_debtors(deps, desk, 8)
    many = await _queries_of_dues(deps, desk, monkeypatch)
    assert 0 < few == many
