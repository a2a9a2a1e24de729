"""Subscriptions through the core services (issue 6): selling, freezing, extending,
cancelling with a refund, and who may see them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from core.clock import FrozenClock
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.models.audit import AuditRecord
from core.models.finance import EntryKind, LedgerEntry, PaymentMethod, Plan
from core.models.people import Role
from core.services.academics import CourseData, GroupData, create_course, create_group
from core.services.charges import tick
from core.services.dues import due_of
from core.services.ledger import balance
from core.services.payments import do_record_payment
from core.services.people import archive_person
from core.services.prices import (
    Billing,
    DiscountData,
    DiscountKind,
    DiscountReason,
    PlanKind,
    create_discount,
    set_discount_archived,
    set_plan_archived,
)
from core.services.subscriptions import (
    SubscriptionStatus,
    access_subscription,
    active_subscriptions,
    cancel_subscription,
    extend_subscription,
    freeze_subscription,
    sell_subscription,
    subscription_view,
    subscription_views,
)
from core.tx import transaction
from tests.factories import make_member
from tests.lesson_factories import make_lesson_centre
from tests.test_attendance import local as local_moment
from tests.test_charges import (
    ABSENT,
    EXCUSED,
    PART,
    PRESENT,
    SEP,
    Desk,
    day,
    desk_lesson,
    make_desk,
    make_plan,
    mark,
)


async def pay(deps: Deps, desk: Desk, student_id: int, amount: int) -> None:
    async with transaction(deps) as tx:
        await do_record_payment(
            tx,
            organisation_id=desk.system.organisation_id,
            student_id=student_id,
            amount=amount,
            currency="KZT",
            method=PaymentMethod.CASH,
            occurred_on=tx.now.date(),
        )


async def _discount(deps: Deps, desk: Desk, name: str, kind: DiscountKind, value: int) -> int:
    data = DiscountData(name=name, kind=kind, value=value, reason=DiscountReason.SIBLINGS)
    return (await create_discount(deps, desk.system, data=data)).id


async def test_a_sale_copies_the_plan_with_its_discount(deps: Deps, clock: FrozenClock):
    desk = await make_desk(deps)
    aigerim, timur = desk.students
    plan = await make_plan(deps, desk.system)
    siblings = await _discount(deps, desk, "Бауырлар", DiscountKind.PERCENT, 10)
    promo = await _discount(deps, desk, "Акция", DiscountKind.AMOUNT, 500_000)
    # 01:00 on 1 September in Almaty is still 31 August in UTC: the sale starts on the 1st.
    clock.current = datetime(2026, 8, 31, 20, 0, tzinfo=UTC)

    sold = await sell_subscription(
        deps, desk.system, student_id=aigerim, plan_id=plan, discount_id=siblings
    )
    other = await sell_subscription(
        deps,
        desk.system,
        student_id=timur,
        plan_id=plan,
        discount_id=promo,
        starts_on=day(7),
        due_on=day(3),
    )
    await set_plan_archived(deps, desk.system, plan_id=plan)  # what was sold stays as sold

    view = await subscription_view(deps, desk.system, subscription_id=sold.id)
    assert (view.list_price, view.price, view.discount_name) == (4_000_000, 3_600_000, "Бауырлар")
    assert (view.starts_on, view.valid_until, view.due_on) == (SEP, date(2026, 10, 30), SEP)
    assert (view.lessons_left, view.next_lesson_price, view.charged) == (15, 240_000, 0)
    assert (view.status, view.plan_name, view.frozen_now) == (
        SubscriptionStatus.ACTIVE,
        "Алгебра 15",
        False,
    )
    assert (other.price, other.starts_on, other.valid_until, other.due_on) == (
        3_500_000,
        day(7),
        date(2026, 11, 5),
        day(3),
    )
    assert await AuditRecord.filter(action="subscription.sell").count() == 2


async def test_what_cannot_be_sold(deps: Deps):
    desk = await make_desk(deps, students=3)
    aigerim, timur, dana = desk.students
    plan = await make_plan(deps, desk.system)
    trial = await make_plan(deps, desk.system, name="Сынақ", kind=PlanKind.TRIAL, lessons=1)
    physics = await create_course(deps, desk.system, data=CourseData(name_ru="Физика"))
    physics_group = await create_group(
        deps, desk.system, data=GroupData(course_id=physics.id, name="Физика 8Б", capacity=9)
    )
    algebra_only = await make_plan(deps, desk.system, name="Алгебра", course_ids=(desk.course_id,))
    tiny = await make_plan(deps, desk.system, name="Арзан", price=20, lessons=15)
    half = await _discount(deps, desk, "Жартысы", DiscountKind.PERCENT, 50)
    everything = await _discount(deps, desk, "Тегін", DiscountKind.AMOUNT, 9_000_000)

    async def refused(error: type[Exception], **kwargs: object) -> str:
        with pytest.raises(error) as caught:
            await sell_subscription(deps, desk.system, **kwargs)  # type: ignore[arg-type]
        return str(caught.value)

    await sell_subscription(deps, desk.system, student_id=aigerim, plan_id=trial)
    assert "trial" in await refused(Conflict, student_id=aigerim, plan_id=trial)
    assert "not sold for the group Физика 8Б" in await refused(
        InvalidInput, student_id=aigerim, plan_id=algebra_only, group_id=physics_group.id
    )
    assert "not enrolled in the group Физика 8Б" in await refused(
        InvalidInput, student_id=aigerim, plan_id=plan, group_id=physics_group.id
    )
    assert "nothing is left to pay" in await refused(
        InvalidInput, student_id=aigerim, plan_id=plan, discount_id=everything
    )
    assert "too small to divide between 15 lessons" in await refused(
        InvalidInput, student_id=aigerim, plan_id=tiny, discount_id=half
    )
    assert "within a year" in await refused(
        InvalidInput, student_id=aigerim, plan_id=plan, starts_on=date(2028, 1, 1)
    )
    await refused(NotFound, student_id=aigerim, plan_id=10**6)
    await refused(InvalidInput, student_id=desk.teacher_id, plan_id=plan)

    await set_discount_archived(deps, desk.system, discount_id=half)
    assert "archived" in await refused(Conflict, student_id=timur, plan_id=plan, discount_id=half)
    await set_plan_archived(deps, desk.system, plan_id=plan)
    assert "archived" in await refused(Conflict, student_id=timur, plan_id=plan)
    await archive_person(deps, desk.system, person_id=dana)
    message = await refused(Conflict, student_id=dana, plan_id=algebra_only)
    assert message == (
        "This student is archived, so no subscription can be sold to them. "
        "Restore the student first."
    )
    teacher = await make_member(deps, desk.system, Role.TEACHER)
    with pytest.raises(PermissionDenied):
        await sell_subscription(deps, teacher, student_id=timur, plan_id=algebra_only)
    # Nothing half-written: only the trial was sold.
    assert len(await subscription_views(deps, desk.system, student_id=aigerim)) == 1


async def test_a_plan_priced_in_another_currency_is_not_sold(deps: Deps):
    desk = await make_desk(deps, students=1)
    (aigerim,) = desk.students
    plan = await make_plan(deps, desk.system)
    await Plan.filter(id=plan).update(currency="USD")  # priced before the accounts changed

    with pytest.raises(Conflict) as refused:
        await sell_subscription(deps, desk.system, student_id=aigerim, plan_id=plan)

    assert str(refused.value) == (
        "The plan “Алгебра 15” is priced in USD, but the accounts here are kept in KZT, so it "
        "cannot be sold. Put a plan priced in KZT on the price list."
    )
    assert refused.value.field == "plan_id"
    assert await subscription_views(deps, desk.system, student_id=aigerim) == []
    await Plan.filter(id=plan).update(currency="KZT")
    sold = await sell_subscription(deps, desk.system, student_id=aigerim, plan_id=plan)
    assert sold.currency == "KZT"


async def test_a_backdated_sale_charges_the_lessons_held_since_it_started(
    deps: Deps, clock: FrozenClock
):
    """Sold on the 20th from the 1st: the lessons held since the 1st are charged at once, by
    their marks, as if it had been sold on time (the sweep looks back only a week)."""
    desk = await make_desk(deps)
    aigerim, timur = desk.students
    clock.current = local_moment(day(20), 12)
    marks = {
        date(2026, 8, 28): PRESENT,  # before the subscription starts
        day(1): PRESENT,
        day(3): ABSENT,  # half a lesson by this plan
        day(8): EXCUSED,  # free
        day(10): PRESENT,
    }
    for on, status in marks.items():
        await mark(
            deps, desk.system, await desk_lesson(deps, desk, on), {aigerim: status, timur: status}
        )
    plan = await make_plan(deps, desk.system, unexcused_percent=50)

    sold = await sell_subscription(
        deps, desk.system, student_id=aigerim, plan_id=plan, starts_on=SEP
    )

    assert (sold.charged, sold.lessons_left) == (PART + 133_334 + PART, 12)
    charged = await LedgerEntry.filter(student_id=aigerim, kind=EntryKind.CHARGE).order_by("id")
    assert [(row.occurred_on, row.reason) for row in charged] == [
        (day(1), "1/15"),
        (day(3), "2/15 · 50%"),
        (day(10), "3/15"),
    ]
    record = await AuditRecord.get(action="subscription.sell")
    assert record.after is not None and record.after["lessons_charged_at_sale"] == 3
    assert (await tick(deps)).lessons_charged == 0
    assert await balance(desk.system.organisation_id, timur) == 0  # bought nothing


async def test_freezes_and_extensions(deps: Deps, clock: FrozenClock):
    desk = await make_desk(deps, students=1)
    (aigerim,) = desk.students
    clock.current += timedelta(days=10)
    sub = await sell_subscription(
        deps,
        desk.system,
        student_id=aigerim,
        plan_id=await make_plan(deps, desk.system),
        starts_on=SEP,
    )
    await mark(deps, desk.system, await desk_lesson(deps, desk, day(3)), {aigerim: PRESENT})

    async def refused(error: type[Exception], first: date, last: date) -> str:
        with pytest.raises(error) as caught:
            await freeze_subscription(
                deps, desk.system, subscription_id=sub.id, starts_on=first, ends_on=last
            )
        return str(caught.value)

    assert "03.09.2026 is already charged" in await refused(Conflict, day(2), day(4))
    assert "01.09.2026 to 30.10.2026" in await refused(InvalidInput, day(25), date(2026, 11, 2))
    assert "end on or after" in await refused(InvalidInput, day(9), day(8))
    view = await freeze_subscription(
        deps, desk.system, subscription_id=sub.id, starts_on=day(4), ends_on=day(10), reason="Ауру"
    )
    assert "04.09.2026 to 10.09.2026" in await refused(InvalidInput, day(10), day(12))
    assert view.valid_until == date(2026, 11, 6)
    assert [(f.starts_on, f.ends_on, f.days, f.reason) for f in view.freezes] == [
        (day(4), day(10), 7, "Ауру")
    ]
    assert not view.frozen_now  # today is the 11th

    view = await extend_subscription(deps, desk.system, subscription_id=sub.id, days=10)
    assert view.valid_until == date(2026, 11, 16)
    with pytest.raises(InvalidInput):
        await extend_subscription(deps, desk.system, subscription_id=sub.id, days=0)
    assert [row.action for row in await AuditRecord.filter(object_type="subscription")] == [
        "subscription.sell",
        "subscription.freeze",
        "subscription.extend",
    ]

    # Past its validity the sweep finishes it; an extension brings it back with its lessons.
    clock.current = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)
    assert (await tick(deps)).finished == 1
    assert (await subscription_view(deps, desk.system, subscription_id=sub.id)).status == (
        SubscriptionStatus.FINISHED
    )
    view = await extend_subscription(deps, desk.system, subscription_id=sub.id, days=30)
    assert (view.status, view.lessons_left) == (SubscriptionStatus.ACTIVE, 14)

    monthly = await make_plan(deps, desk.system, name="Ай", billing=Billing.MONTHLY)
    by_month = await sell_subscription(deps, desk.system, student_id=aigerim, plan_id=monthly)
    with pytest.raises(Conflict, match="paid monthly"):
        await freeze_subscription(
            deps,
            desk.system,
            subscription_id=by_month.id,
            starts_on=by_month.starts_on,
            ends_on=by_month.starts_on,
        )


async def test_cancelling_refunds_the_unused_part(deps: Deps, clock: FrozenClock):
    desk = await make_desk(deps)
    aigerim, timur = desk.students
    clock.current += timedelta(days=10)
    plan = await make_plan(deps, desk.system)
    sub = await sell_subscription(
        deps, desk.system, student_id=aigerim, plan_id=plan, starts_on=SEP
    )
    other = await sell_subscription(
        deps, desk.system, student_id=timur, plan_id=plan, starts_on=SEP
    )
    await pay(deps, desk, aigerim, 4_000_000)
    await pay(deps, desk, timur, 500_000)
    for n in (1, 2, 3):
        await mark(
            deps,
            desk.system,
            await desk_lesson(deps, desk, day(n)),
            {aigerim: PRESENT, timur: PRESENT},
        )
    view = await subscription_view(deps, desk.system, subscription_id=sub.id)
    assert view.refund_limit == 4_000_000 - 3 * PART

    with pytest.raises(InvalidInput) as too_much:
        await cancel_subscription(deps, desk.system, subscription_id=sub.id, refund=3_200_000)
    assert "31\u00a0999,99\u00a0₸" in too_much.value.translated("ru")  # the amount, in Russian
    assert too_much.value.translated("en").startswith("The refund can be at most 31,999.99\u00a0₸")

    cancelled = await cancel_subscription(
        deps,
        desk.system,
        subscription_id=sub.id,
        method=PaymentMethod.KASPI,
        reason="Көшіп кетті",
    )

    assert cancelled.status == SubscriptionStatus.CANCELLED
    refund = await LedgerEntry.get(student_id=aigerim, kind=EntryKind.REFUND)
    assert (refund.amount, refund.method, refund.subscription_id) == (  # type: ignore[attr-defined]
        -3_199_999,
        PaymentMethod.KASPI,
        sub.id,
    )
    assert await balance(desk.system.organisation_id, aigerim) == 0
    record = await AuditRecord.get(action="subscription.cancel")
    assert record.after is not None and record.after["refund"] == 3_199_999
    with pytest.raises(Conflict):
        await cancel_subscription(deps, desk.system, subscription_id=sub.id)
    # A cancelled subscription is charged no more.
    await mark(deps, desk.system, await desk_lesson(deps, desk, day(4)), {aigerim: PRESENT})
    assert await balance(desk.system.organisation_id, aigerim) == 0

    # Timur paid 5 000 ₸ and used 8 000.01 ₸: nothing to pay back, and a refund is refused.
    with pytest.raises(InvalidInput) as too_much:
        await cancel_subscription(deps, desk.system, subscription_id=other.id, refund=100)
    assert "at most 0.00\u00a0₸" in too_much.value.translated("en")
    await cancel_subscription(deps, desk.system, subscription_id=other.id)
    assert not await LedgerEntry.exists(student_id=timur, kind=EntryKind.REFUND)


async def test_cancelling_one_of_two_subscriptions_paid_together_keeps_the_other_paid(
    deps: Deps,
):
    desk = await make_desk(deps, students=1)
    (aigerim,) = desk.students
    org = desk.system.organisation_id
    plan = await make_plan(deps, desk.system)
    first = await sell_subscription(deps, desk.system, student_id=aigerim, plan_id=plan)
    second = await sell_subscription(deps, desk.system, student_id=aigerim, plan_id=plan)
    await pay(deps, desk, aigerim, 4_000_000)  # enough for one of them

    limits = {
        view.id: view.refund_limit
        for view in await subscription_views(deps, desk.system, student_id=aigerim)
    }
    assert limits == {first.id: 0, second.id: 0}  # the money pays for the other one
    with pytest.raises(InvalidInput) as too_much:
        await cancel_subscription(deps, desk.system, subscription_id=second.id, refund=100)
    assert "at most 0.00\u00a0₸" in too_much.value.translated("en")
    await cancel_subscription(deps, desk.system, subscription_id=second.id)

    assert not await LedgerEntry.exists(student_id=aigerim, kind=EntryKind.REFUND)
    due = await due_of(org, aigerim)
    assert (due.balance, due.amount) == (4_000_000, 0)  # the first one stays paid

    # Paid for both: cancelling one pays back its whole price, the other stays paid.
    third = await sell_subscription(deps, desk.system, student_id=aigerim, plan_id=plan)
    await pay(deps, desk, aigerim, 4_000_000)
    view = await subscription_view(deps, desk.system, subscription_id=third.id)
    assert view.refund_limit == 4_000_000
    await cancel_subscription(deps, desk.system, subscription_id=third.id)
    due = await due_of(org, aigerim)
    assert (due.balance, due.amount) == (4_000_000, 0)


async def test_who_sees_subscriptions(deps: Deps):
    centre = await make_lesson_centre(deps)
    aigerim, timur = (student.person_id or 0 for student in centre.students)
    plan = await make_plan(deps, centre.admin)
    sub = await sell_subscription(deps, centre.admin, student_id=aigerim, plan_id=plan)

    for reader in (centre.admin, centre.parent, centre.students[0]):
        (seen,) = await active_subscriptions(deps, reader, student_id=aigerim)
        assert (seen.id, seen.lessons_left, seen.valid_until) == (sub.id, 15, date(2026, 10, 30))
    for stranger in (centre.teacher, centre.students[1]):
        with pytest.raises(NotFound):
            await active_subscriptions(deps, stranger, student_id=aigerim)
        with pytest.raises(NotFound):
            await access_subscription(stranger, sub.id)
    assert await active_subscriptions(deps, centre.admin, student_id=timur) == []
    with pytest.raises(PermissionDenied):
        await cancel_subscription(deps, centre.parent, subscription_id=sub.id)
