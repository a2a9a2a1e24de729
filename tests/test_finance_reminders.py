"""core.services.finance_reminders (issue 6): payment due soon, subscription running out and
payment overdue, queued by an idempotent ``tick`` to students and parents in Telegram."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

from core.clock import FrozenClock
from core.deps import Deps
from core.i18n import gettext_for
from core.models.finance import (
    Billing,
    EntryKind,
    PaymentMethod,
    Plan,
    PlanKind,
    Subscription,
)
from core.models.notifications import OutboxMessage
from core.models.people import Role
from core.money import Money, format_money
from core.services import charges
from core.services.finance_reminders import (
    DUE_PARENT,
    DUE_STUDENT,
    OVERDUE_PARENT,
    OVERDUE_PARENT_HOW,
    OVERDUE_STUDENT,
    OVERDUE_STUDENT_HOW,
    RUNNING_OUT_PARENT,
    RUNNING_OUT_STUDENT,
    FinanceTickReport,
    tick,
)
from core.services.finance_settings import update_finance_settings
from core.services.ledger import do_add_entry
from core.services.outbox import claim_due
from core.services.payments import do_record_payment
from core.services.people import PersonData, create_person
from core.tx import transaction
from sabaq.scheduler import Alone, Scheduler, running_scheduler
from tests.factories import make_student
from tests.test_query_counts import counting_queries
from tests.test_reminders import Centre, link_telegram, make_centre
from tests.test_scheduler import Follower

#: 2026-09-01 11:00 in Almaty (UTC+5): inside the sending hours.
MORNING = datetime(2026, 9, 1, 6, 0, tzinfo=UTC)
TODAY = date(2026, 9, 1)
CHILD = "Омарова Айгерім"
_plans = itertools.count(1)


async def subscribe(
    deps: Deps,
    organisation_id: int,
    student_id: int,
    *,
    price: int = 40_000_00,
    lessons: int = 15,
    due_on: date = TODAY,
    billing: Billing = Billing.ATTENDED,
    kind: PlanKind = PlanKind.SUBSCRIPTION,
) -> Subscription:
    plan = await Plan.create(
        organisation_id=organisation_id,
        name=f"Алгебра {next(_plans)}",
        kind=kind,
        price=price,
        lessons=lessons,
        validity_days=60,
        billing=billing,
        created_at=deps.clock.now(),
    )
    return await Subscription.create(
        organisation_id=organisation_id,
        student_id=student_id,
        plan_id=plan.id,
        list_price=price,
        price=price,
        currency="KZT",
        lessons=lessons,
        billing=billing,
        unexcused_percent=100,
        excused_percent=0,
        starts_on=TODAY,
        valid_until=TODAY + timedelta(days=60),
        due_on=due_on,
        created_at=deps.clock.now(),
    )


async def charge(deps: Deps, subscription: Subscription, lessons: int = 1) -> None:
    share = subscription.price // subscription.lessons
    async with transaction(deps) as tx:
        for _ in range(lessons):
            await do_add_entry(
                tx,
                organisation_id=subscription.organisation_id,  # type: ignore[attr-defined]
                student_id=subscription.student_id,  # type: ignore[attr-defined]
                kind=EntryKind.CHARGE,
                amount=-share,
                currency="KZT",
                occurred_on=TODAY,
                subscription_id=subscription.id,
            )


async def pay(deps: Deps, centre: Centre, student_id: int, amount: int) -> None:
    async with transaction(deps) as tx:
        await do_record_payment(
            tx,
            organisation_id=centre.organisation_id,
            student_id=student_id,
            amount=amount,
            currency="KZT",
            method=PaymentMethod.CASH,
            occurred_on=TODAY,
        )


async def told(kind: str = "") -> list[tuple[int, str]]:
    """(person, key) of the money messages queued so far, oldest first."""
    rows = await OutboxMessage.filter(dedupe_key__startswith=f"money:{kind}").order_by("id")
    return [(row.person_id, row.dedupe_key or "") for row in rows]


async def texts(deps: Deps) -> dict[int, tuple[str, str]]:
    """Each person's last claimed message as delivery renders it: (language, text)."""
    return {d.person_id: (d.language, d.text) for d in await claim_due(deps, bot="main", limit=50)}


def amount(value: int, language: str) -> str:
    return format_money(Money(value, "KZT"), language)


async def test_due_in_3_days_and_in_1_day_are_each_sent_once_to_the_student_and_the_parent(
    deps: Deps, clock: FrozenClock
):
    centre = await make_centre(deps)
    await subscribe(deps, centre.organisation_id, centre.student, due_on=TODAY + timedelta(days=5))
    clock.current = MORNING
    assert (await tick(deps)).due == 0

    clock.advance(timedelta(days=2))  # three days before
    assert (await tick(deps)).due == 2
    assert (await tick(deps)).due == 0
    assert sorted(person for person, _ in await told()) == sorted([centre.student, centre.parent])
    assert {key.split(":", 5)[-1] for _, key in await told()} == {"2026-09-06:3"}
    got = await texts(deps)
    when = "06.09.2026"
    assert got[centre.student] == (
        "ru",
        gettext_for("ru", DUE_STUDENT).format(amount=amount(40_000_00, "ru"), date=when),
    )
    assert got[centre.parent] == (
        "en",
        gettext_for("en", DUE_PARENT).format(
            amount=amount(40_000_00, "en"), child=CHILD, date=when
        ),
    )

    clock.advance(timedelta(days=1))  # two days before: nothing new
    assert (await tick(deps)).due == 0
    clock.advance(timedelta(days=1))  # the day before
    assert (await tick(deps)).due == 2
    clock.advance(timedelta(hours=3))
    assert (await tick(deps)).due == 0
    clock.advance(timedelta(days=1))  # the due day itself: neither "due soon" nor overdue
    report = await tick(deps)
    assert (report.due, report.overdue) == (0, 0)

    assert sorted(key.split(":")[-1] for _, key in await told("due:")) == ["1", "1", "3", "3"]


async def test_running_out_at_two_lessons_left_is_sent_once_per_subscription(
    deps: Deps, clock: FrozenClock
):
    centre = await make_centre(deps)
    clock.current = MORNING
    subscription = await subscribe(deps, centre.organisation_id, centre.student, lessons=5)
    await pay(deps, centre, centre.student, 40_000_00 + 1)  # paid: only "running out" is told
    trial = await subscribe(
        deps, centre.organisation_id, centre.student, price=1, lessons=1, kind=PlanKind.TRIAL
    )
    await charge(deps, trial)

    await charge(deps, subscription, 2)
    assert (await tick(deps)).running_out == 0  # three left
    await charge(deps, subscription)
    report = await tick(deps)
    assert (report.running_out, report.due, report.overdue) == (2, 0, 0)
    await charge(deps, subscription)
    assert (await tick(deps)).running_out == 0  # once per subscription, not per lesson

    assert await told() == [
        (centre.student, f"money:low:{subscription.id}:{centre.student}"),
        (centre.parent, f"money:low:{subscription.id}:{centre.parent}"),
    ]
    got = await texts(deps)
    assert got[centre.student][1] == gettext_for("ru", RUNNING_OUT_STUDENT).format(
        plan=(await subscription.plan).name, left=2, date="31.10.2026"
    )
    assert got[centre.parent][1] == gettext_for("en", RUNNING_OUT_PARENT).format(
        plan=(await subscription.plan).name, child=CHILD, left=2, date="31.10.2026"
    )


async def test_overdue_is_sent_once_then_again_after_seven_days_and_only_in_local_daytime(
    deps: Deps, clock: FrozenClock
):
    centre = await make_centre(deps)
    await update_finance_settings(
        deps,
        centre.admin,
        currency="KZT",
        due_reminder_days="3,1",
        running_out_lessons=2,
        exam_debt_threshold="",
        how_to_pay="Kaspi +7 701 000 00 00",
    )
    await subscribe(deps, centre.organisation_id, centre.student, due_on=TODAY - timedelta(days=1))
    await pay(deps, centre, centre.student, 15_000_00)

    for local_hour in (9, 20, 23):  # before 10:00 and from 20:00, Almaty: nothing
        clock.current = datetime(2026, 9, 1, local_hour - 5, 5, tzinfo=UTC)
        assert await tick(deps) == FinanceTickReport()
    clock.current = datetime(2026, 9, 1, 14, 30, tzinfo=UTC)  # 19:30: looked at hourly only
    assert await tick(deps) == FinanceTickReport()
    clock.current = datetime(2026, 9, 1, 14, 5, tzinfo=UTC)  # 19:05
    assert (await tick(deps)).overdue == 2
    assert (await tick(deps)).overdue == 0
    got = await texts(deps)
    assert got[centre.student][1] == gettext_for("ru", OVERDUE_STUDENT_HOW).format(
        amount=amount(25_000_00, "ru"), how_to_pay="Kaspi +7 701 000 00 00"
    )
    assert got[centre.parent][1] == gettext_for("en", OVERDUE_PARENT_HOW).format(
        amount=amount(25_000_00, "en"), child=CHILD, how_to_pay="Kaspi +7 701 000 00 00"
    )

    for _ in range(6):  # the next six days: still overdue, not told again
        clock.advance(timedelta(days=1))
        assert (await tick(deps)).overdue == 0
    clock.advance(timedelta(days=1))  # a week later
    assert (await tick(deps)).overdue == 2
    assert (await tick(deps)).overdue == 0
    assert len(await told("overdue:")) == 4

    await pay(deps, centre, centre.student, 25_000_00)  # paid up: no more reminders
    clock.advance(timedelta(days=7))
    assert (await tick(deps)).overdue == 0


async def test_an_unpaid_month_is_reminded_as_overdue_the_next_day(deps: Deps, clock: FrozenClock):
    """September is charged on the 1st and not paid: on the 2nd it is overdue (the debt
    plus October's price), not "due on 1 October"."""
    centre = await make_centre(deps)
    await subscribe(
        deps, centre.organisation_id, centre.student, billing=Billing.MONTHLY, lessons=8
    )
    clock.current = MORNING + timedelta(days=1)
    assert (await charges.tick(deps)).monthly_charged == 1

    report = await tick(deps)

    assert (report.overdue, report.due) == (2, 0)
    got = await texts(deps)
    assert got[centre.student][1] == gettext_for("ru", OVERDUE_STUDENT).format(
        amount=amount(80_000_00, "ru")
    )
    assert got[centre.parent][1] == gettext_for("en", OVERDUE_PARENT).format(
        amount=amount(80_000_00, "en"), child=CHILD
    )


async def test_only_people_with_telegram_are_told_and_a_parent_hears_about_their_child(
    deps: Deps, clock: FrozenClock
):
    centre = await make_centre(deps)
    clock.current = MORNING
    # A student without Telegram whose parent has it, and one where nobody has it.
    unlinked = await make_student(deps, centre.admin, "Сейтов", "Арман")
    parent = await create_person(
        deps,
        centre.admin,
        data=PersonData(last_name="Сейтова", first_name="Гүлнар"),
        roles=(Role.PARENT,),
        parent_of=unlinked,
    )
    await link_telegram(deps, centre.admin, parent.id, "kk")
    alone = await make_student(deps, centre.admin, "Жақсылықов", "Дәурен")
    yesterday = TODAY - timedelta(days=1)
    for student in (centre.student, unlinked, alone):
        await subscribe(deps, centre.organisation_id, student, due_on=yesterday)

    assert (await tick(deps)).overdue == 3

    assert sorted(person for person, _ in await told()) == sorted(
        [centre.student, centre.parent, parent.id]
    )
    (message,) = await OutboxMessage.filter(person_id=parent.id)
    assert message.params["child"] == "Сейтов Арман"
    assert message.params["amount"] == amount(40_000_00, "kk")


async def _add_debtors(deps: Deps, centre: Centre, count: int) -> None:
    for index in range(count):
        student = await make_student(deps, centre.admin, f"Оқушы{index:02d}", "Әсел")
        await subscribe(deps, centre.organisation_id, student, due_on=TODAY - timedelta(days=1))
        running_out = await subscribe(deps, centre.organisation_id, student, lessons=4)
        await charge(deps, running_out, 3)


async def _queries_of_a_tick(deps: Deps, monkeypatch) -> int:
    await tick(deps)
    with counting_queries(monkeypatch) as seen:
        await tick(deps)
    return len(seen)


async def test_a_tick_costs_the_same_queries_for_2_or_10_students(deps, clock, monkeypatch):
    centre = await make_centre(deps)
    clock.current = MORNING
    await subscribe(deps, centre.organisation_id, centre.student, due_on=TODAY - timedelta(days=1))
    await _add_debtors(deps, centre, 2)
    few = await _queries_of_a_tick(deps, monkeypatch)
    await _add_debtors(deps, centre, 8)
    many = await _queries_of_a_tick(deps, monkeypatch)
    assert 0 < few == many


async def test_the_money_job_runs_every_quarter_hour_and_acts_only_while_leading(
    deps: Deps, clock: FrozenClock
):
    centre = await make_centre(deps)
    clock.current = MORNING
    await subscribe(deps, centre.organisation_id, centre.student, due_on=TODAY - timedelta(days=1))
    components: dict[str, str] = {}
    async with running_scheduler(deps, components) as scheduler:
        job = scheduler.apscheduler.get_job("money")
        assert job.func == scheduler.money
        assert (job.max_instances, job.coalesce) == (1, True)
        assert job.next_run_time.minute % 15 == 0
        assert job.next_run_time.second == 0

    assert await Scheduler(deps, Follower(), components).money() is None
    assert await told() == []
    assert "money" not in components

    report = await Scheduler(deps, Alone(), components).money()
    assert report is not None
    assert report.overdue == 2
    assert components["money"] == "ok"
