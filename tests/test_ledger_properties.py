"""Property-based tests of the ledger (issue 6): whatever sequence of payments, marks and
corrections, freezes, extensions, cancellations with refunds, reversals and corrections
happens, every balance is the sum of the student's entries, the lessons of a subscription
split its price to the tiyn, no attendance is charged twice, and lessons left never go below
zero.

The database fixture is per test, so hypothesis's examples share it: each example builds its
own organisation, students and plans, and looks only at them.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.clock import FrozenClock
from core.deps import Deps
from core.errors import Conflict, InvalidInput
from core.models.finance import EntryKind, LedgerEntry, PaymentMethod, Subscription
from core.models.lessons import Attendance
from core.money import percent_of, split
from core.services.attendance import AttendanceStatus, mark_attendance
from core.services.charges import percent_for, tick, usages
from core.services.ledger import (
    balance,
    balances,
    do_add_entry,
    do_reverse_entry,
    lock_account,
    subscription_uses,
)
from core.services.payments import do_record_payment
from core.services.prices import Billing, divisible
from core.services.subscriptions import (
    SubscriptionStatus,
    cancel_subscription,
    extend_subscription,
    freeze_subscription,
    sell_subscription,
    subscription_views,
)
from core.tx import transaction
from tests.test_charges import SEP, desk_lesson, make_desk, make_plan

# --- pure money -----------------------------------------------------------------------------


@given(total=st.integers(0, 10**13), parts=st.integers(1, 1000))
def test_split_parts_add_up_and_differ_only_by_the_rounding(total: int, parts: int):
    shares = split(total, parts)
    assert len(shares) == parts and sum(shares) == total
    assert min(shares) >= 0
    if total >= parts:
        assert min(shares) >= 1  # every lesson costs something, so it can be charged
    exact = total / parts
    if len(set(shares[:-1])) <= 1 and shares[-1] > 0:
        # The price list's rule: equal rounded shares, the last takes the rounding.
        assert abs(shares[0] - exact) <= 0.5
        assert abs(shares[-1] - shares[0]) <= parts / 2
    else:
        # The fallback: largest remainders, parts within one unit, larger first.
        assert max(shares) - min(shares) <= 1 and shares == sorted(shares, reverse=True)


@given(amount=st.integers(0, 10**13), percent=st.integers(0, 100))
def test_percent_of_stays_within_the_amount(amount: int, percent: int):
    assert 0 <= percent_of(amount, percent) <= amount
    assert percent_of(amount, 100) == amount and percent_of(amount, 0) == 0


# --- the ledger under any sequence of events -------------------------------------------------

STATUSES = st.sampled_from(
    [
        AttendanceStatus.PRESENT,
        None,
        AttendanceStatus.ABSENT,
        AttendanceStatus.EXCUSED,
        AttendanceStatus.LATE,
        AttendanceStatus.PRESENT,
    ]
)
STUDENT = st.integers(0, 1)
SUBSCRIPTION = st.integers(0, 2)
OPERATIONS = st.one_of(
    st.tuples(st.just("pay"), STUDENT, st.integers(1, 3_000_000)),
    st.tuples(st.just("lesson"), STATUSES, STATUSES),
    st.tuples(st.just("lesson"), STATUSES, STATUSES),
    st.tuples(st.just("lesson"), STATUSES, STATUSES),
    st.tuples(
        st.just("correct"),
        st.integers(0, 50),
        STUDENT,
        STATUSES.filter(lambda status: status is not None),
    ),
    st.tuples(st.just("freeze"), SUBSCRIPTION, st.integers(0, 40), st.integers(1, 8)),
    st.tuples(st.just("extend"), SUBSCRIPTION, st.integers(1, 20)),
    st.tuples(st.just("cancel"), SUBSCRIPTION, st.one_of(st.none(), st.integers(0, 3_000_000))),
    st.tuples(st.just("reverse"), st.integers(0, 1000)),
    st.tuples(st.just("correction"), STUDENT, st.integers(-500_000, 500_000).filter(bool)),
    st.tuples(st.just("tick")),
)
PLANS = st.fixed_dictionaries(
    {
        "lessons": st.integers(1, 6),
        "price": st.integers(6, 3_000_000),
        "unexcused_percent": st.integers(0, 100),
        "excused_percent": st.integers(0, 100),
        "billing": st.sampled_from([Billing.ATTENDED, Billing.HELD]),
    }
).filter(lambda plan: divisible(plan["price"], plan["lessons"]))
#: Far enough after the lessons (1-20 September) that all of them have begun.
LATER = datetime(2026, 10, 5, 6, 0, tzinfo=UTC)


class World:
    """One example's organisation: its students, subscriptions and lessons so far."""

    def __init__(self, deps: Deps, desk: Any, subscriptions: list[int]) -> None:
        self.deps = deps
        self.desk = desk
        self.system = desk.system
        self.students: tuple[int, ...] = desk.students
        self.subscriptions = subscriptions
        self.lessons: list[int] = []

    async def run(self, operation: tuple[Any, ...]) -> None:
        name, *args = operation
        with contextlib.suppress(InvalidInput, Conflict):  # refusals leave nothing behind
            await getattr(self, name)(*args)

    async def pay(self, student: int, amount: int) -> None:
        async with transaction(self.deps) as tx:
            await lock_account(self.students[student])
            await do_record_payment(
                tx,
                organisation_id=self.system.organisation_id,
                student_id=self.students[student],
                amount=amount,
                currency="KZT",
                method=PaymentMethod.CARD,
                occurred_on=SEP,
            )

    async def lesson(self, *statuses: AttendanceStatus | None) -> None:
        on = SEP + timedelta(days=len(self.lessons))
        lesson = await desk_lesson(self.deps, self.desk, on)
        self.lessons.append(lesson)
        marks = {
            student: status
            for student, status in zip(self.students, statuses, strict=True)
            if status is not None
        }
        if marks:
            await mark_attendance(self.deps, self.system, lesson_id=lesson, marks=marks)

    async def correct(self, index: int, student: int, status: AttendanceStatus) -> None:
        if self.lessons:
            await mark_attendance(
                self.deps,
                self.system,
                lesson_id=self.lessons[index % len(self.lessons)],
                marks={self.students[student]: status},
            )

    async def freeze(self, sub: int, offset: int, days: int) -> None:
        first = SEP + timedelta(days=offset)
        await freeze_subscription(
            self.deps,
            self.system,
            subscription_id=self.subscriptions[sub],
            starts_on=first,
            ends_on=first + timedelta(days=days - 1),
        )

    async def extend(self, sub: int, days: int) -> None:
        await extend_subscription(
            self.deps, self.system, subscription_id=self.subscriptions[sub], days=days
        )

    async def cancel(self, sub: int, refund: int | None) -> None:
        await cancel_subscription(
            self.deps,
            self.system,
            subscription_id=self.subscriptions[sub],
            refund=refund,
            method=PaymentMethod.KASPI,
        )

    async def reverse(self, pick: int) -> None:
        reversed_ids = set(
            await LedgerEntry.filter(organisation_id=self.system.organisation_id)
            .exclude(reverses_id=None)
            .values_list("reverses_id", flat=True)
        )
        candidates = [
            entry
            for entry in await LedgerEntry.filter(
                organisation_id=self.system.organisation_id
            ).order_by("id")
            if entry.kind != EntryKind.REVERSAL and entry.id not in reversed_ids
        ]
        if not candidates:
            return
        entry = candidates[pick % len(candidates)]
        async with transaction(self.deps) as tx:
            await lock_account(entry.student_id)  # type: ignore[attr-defined]
            await do_reverse_entry(tx, entry, occurred_on=SEP, reason="Қате", created_by_id=None)

    async def correction(self, student: int, amount: int) -> None:
        async with transaction(self.deps) as tx:
            await lock_account(self.students[student])
            await do_add_entry(
                tx,
                organisation_id=self.system.organisation_id,
                student_id=self.students[student],
                kind=EntryKind.CORRECTION,
                amount=amount,
                currency="KZT",
                occurred_on=SEP,
                reason="Түзету",
            )

    async def tick(self) -> None:
        await tick(self.deps)


async def check_the_books(world: World) -> None:
    organisation_id = world.system.organisation_id
    entries = await LedgerEntry.filter(organisation_id=organisation_id).order_by("id")
    by_id = {entry.id: entry for entry in entries}

    # Every balance is the sum of the student's entries.
    sums = Counter[int]()
    for entry in entries:
        sums[entry.student_id] += entry.amount  # type: ignore[attr-defined]
    for student in world.students:
        assert await balance(organisation_id, student) == sums[student]
    assert await balances(organisation_id) == dict(sums)

    # A reversal cancels one entry of the same student exactly, and only once.
    reversals = [entry for entry in entries if entry.kind == EntryKind.REVERSAL]
    assert len({entry.reverses_id for entry in reversals}) == len(reversals)
    for entry in reversals:
        original = by_id[entry.reverses_id or 0]
        assert original.amount == -entry.amount
        assert original.student_id == entry.student_id  # type: ignore[attr-defined]
        assert original.kind != EntryKind.REVERSAL

    # No attendance is charged twice: at most one standing charge per lesson and student.
    reversed_ids = {entry.reverses_id for entry in reversals}
    standing = [
        entry
        for entry in entries
        if entry.kind == EntryKind.CHARGE and entry.id not in reversed_ids
    ]
    per_attendance = Counter((entry.lesson_id, entry.student_id) for entry in standing)  # type: ignore[attr-defined]
    assert all(count == 1 for count in per_attendance.values())
    keys = [entry.charge_key for entry in entries if entry.charge_key]
    assert len(keys) == len(set(keys))

    # Lessons left never go below zero and the charges never exceed the price; a standing
    # charge is what the current mark costs under its subscription's rules.
    subs = await Subscription.filter(organisation_id=organisation_id)
    used = await usages(subs)
    uses = await subscription_uses(sub.id for sub in subs)
    marks = {
        (row.lesson_id, row.student_id): row.status  # type: ignore[attr-defined]
        for row in await Attendance.filter(lesson_id__in=world.lessons)
    }
    for sub in subs:
        usage = used[sub.id]
        assert 0 <= usage.used <= sub.lessons
        assert 0 <= usage.charged <= sub.price
        assert (uses[sub.id].charged, uses[sub.id].lessons_charged) == (usage.charged, usage.used)
        if usage.used == sub.lessons and sub.unexcused_percent == sub.excused_percent == 100:
            assert usage.charged == sub.price  # every lesson paid whole: the parts add up
        if sub.status == SubscriptionStatus.CANCELLED:
            continue
        parts = split(sub.price, sub.lessons)
        for charge in usage.charges:
            status = marks.get((charge.lesson_id, charge.student_id))
            percent = percent_for(sub, status, enrolled=True)
            assert charge.amount == percent_of(parts[charge.slot], percent) > 0
    for student in world.students:
        for view in await subscription_views(world.deps, world.system, student_id=student):
            assert view.lessons_left is not None and view.lessons_left >= 0


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    plans=st.lists(PLANS, min_size=2, max_size=2),
    operations=st.lists(OPERATIONS, min_size=4, max_size=16),
)
async def test_the_books_balance_whatever_happens(
    deps: Deps, clock: FrozenClock, plans: list[dict[str, Any]], operations: list[tuple[Any, ...]]
):
    clock.current = LATER
    desk = await make_desk(deps)
    aigerim, timur = desk.students
    first = await make_plan(deps, desk.system, name="Бірінші", validity_days=40, **plans[0])
    second = await make_plan(deps, desk.system, name="Екінші", validity_days=40, **plans[1])
    subscriptions = []
    for student, plan, starts_on in (
        (aigerim, first, SEP),
        (timur, second, SEP),
        (aigerim, second, date(2026, 9, 5)),
    ):
        sold = await sell_subscription(
            deps, desk.system, student_id=student, plan_id=plan, starts_on=starts_on
        )
        subscriptions.append(sold.id)
    world = World(deps, desk, subscriptions)

    for operation in operations:
        await world.run(operation)

    await check_the_books(world)
