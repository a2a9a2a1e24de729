""" "Balance and payments" in the main bot through the emulator (issue 6): a parent sees their
child's balance, what is due, lessons left and history, learns how to pay, and pays the
amount due with a Telegram invoice; a student sees only their own money."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import pytest
from aiogram.fsm.storage.base import BaseStorage
from aiogram.fsm.storage.memory import MemoryStorage
from pydantic import SecretStr

from bots.routers.money import (
    BALANCE_CREDIT,
    BALANCE_DEBT,
    DUE_BY,
    EARLIER,
    ENTRY,
    ENTRY_BY,
    FROZEN,
    HISTORY,
    HOW_BUTTON,
    LESSONS_LEFT,
    MORE_BUTTON,
    OVERDUE_SINCE,
    PAID,
    PAID_BEFORE,
    PAY_BUTTON,
    PLAN_IN_GROUP,
    SUBSCRIPTIONS,
    TITLE,
)
from bots.testing.emulator import BotAPIEmulator
from bots.texts import STALE_BUTTON, Translator
from core.clock import FrozenClock
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound
from core.i18n import N_
from core.models.finance import (
    Billing,
    EntryKind,
    FinanceSettings,
    Invoice,
    InvoiceStatus,
    LedgerEntry,
    PaymentMethod,
    Plan,
    Subscription,
    SubscriptionFreeze,
)
from core.money import format_amount, split
from core.services.admission import BLOCKED_REASON
from core.services.invoices import (
    ALREADY_PAID,
    CHANGED,
    NOT_SET_UP,
    NOTHING_DUE,
    OUT_OF_DATE,
    InvoicePayment,
    create_invoice,
    max_invoice,
    pay_invoice,
)
from core.services.ledger import do_add_entry
from core.services.money_cabinet import DEFAULT_HOW_TO_PAY
from core.services.payments import do_record_payment
from core.services.people import archive_person
from core.tx import transaction
from tests.bots import JSON, BotHarness, buttons, link_person, running_bot
from tests.lesson_factories import LessonCentre, make_lesson_centre

en = Translator("en")
TODAY = date(2026, 9, 1)  # the frozen clock's day in Almaty
DUE_ON = date(2026, 9, 5)
PRICE, LESSONS = 4_000_000, 15  # 40 000 ₸ for 15 lessons
PROVIDER = "284685063:TEST:sabaq"
PLAN = "Алгебра: 15 сабақ"


@pytest.fixture
async def fsm_storage() -> AsyncIterator[BaseStorage]:
    """Memory FSM only (these tests are about money, not about storage)."""
    storage = MemoryStorage()
    yield storage
    await storage.close()


@pytest.fixture
async def paying_bot(deps: Deps, emulator: BotAPIEmulator) -> AsyncIterator[BotHarness]:
    """The main bot with a payment provider token configured."""
    settings = deps.settings.model_copy(update={"telegram_payments_token": SecretStr(PROVIDER)})
    with_token = dataclasses.replace(deps, settings=settings)
    async with running_bot(with_token, emulator, MemoryStorage()) as harness:
        yield harness


def kzt(amount: int) -> str:
    return format_amount(amount, "KZT", "en")


async def sell(deps: Deps, centre: LessonCentre, student_id: int) -> int:
    """A 40 000 ₸ / 15 lessons subscription for the centre's group, due on 05.09."""
    organisation_id = centre.system.organisation_id
    async with transaction(deps) as tx:
        plan = await Plan.create(
            organisation_id=organisation_id,
            name=PLAN,
            price=PRICE,
            lessons=LESSONS,
            validity_days=90,
            billing=Billing.ATTENDED,
            created_at=tx.now,
        )
        subscription = await Subscription.create(
            organisation_id=organisation_id,
            student_id=student_id,
            plan_id=plan.id,
            group_id=centre.group_id,
            list_price=PRICE,
            price=PRICE,
            lessons=LESSONS,
            billing=Billing.ATTENDED,
            unexcused_percent=100,
            excused_percent=0,
            starts_on=TODAY,
            valid_until=TODAY + timedelta(days=90),
            due_on=DUE_ON,
            created_at=tx.now,
        )
    return subscription.id


async def attend(
    deps: Deps, centre: LessonCentre, student_id: int, subscription_id: int, lessons: int
) -> None:
    """Charges for ``lessons`` attended lessons (2 666.67 ₸ each)."""
    shares = split(PRICE, LESSONS)
    async with transaction(deps) as tx:
        for number in range(lessons):
            await do_add_entry(
                tx,
                organisation_id=centre.system.organisation_id,
                student_id=student_id,
                kind=EntryKind.CHARGE,
                amount=-shares[number],
                currency="KZT",
                occurred_on=TODAY,
                subscription_id=subscription_id,
                charge_key=f"test:{subscription_id}:{number}",
            )


async def pay_cash(deps: Deps, centre: LessonCentre, student_id: int, amount: int) -> None:
    async with transaction(deps) as tx:
        await do_record_payment(
            tx,
            organisation_id=centre.system.organisation_id,
            student_id=student_id,
            amount=amount,
            currency="KZT",
            method=PaymentMethod.CASH,
            occurred_on=TODAY,
        )


async def open_money(
    harness: BotHarness, deps: Deps, centre: LessonCentre, person_id: int
) -> tuple[int, JSON]:
    """A user linked to the person, speaking English, opens "Balance and payments"."""
    user = harness.add_user(language_code="en")
    welcome = await link_person(harness, deps, centre.admin, person_id, user)
    await harness.press(user, welcome, "lang:en", expect=1)
    (cabinet,) = await harness.send(user, en(N_("Balance and payments")))
    return user, cabinet


def charge_line(amount: int) -> str:
    return en(ENTRY, date="01.09.2026", kind=en("Charge"), amount=kzt(-amount))


async def test_a_parent_sees_the_childs_money_history_and_how_to_pay(
    deps: Deps, main_bot: BotHarness
):
    centre = await make_lesson_centre(deps)
    child = centre.students[0].person_id or 0
    await FinanceSettings.create(
        organisation_id=centre.system.organisation_id, exam_debt_threshold=1_000_000
    )
    subscription_id = await sell(deps, centre, child)
    await attend(deps, centre, child, subscription_id, 11)
    await pay_cash(deps, centre, child, 1_000_000)
    async with transaction(deps) as tx:
        await SubscriptionFreeze.create(
            subscription_id=subscription_id,
            starts_on=TODAY,
            ends_on=date(2026, 9, 7),
            created_at=tx.now,
        )

    user, cabinet = await open_money(main_bot, deps, centre, centre.parent.person_id or 0)

    charged = sum(split(PRICE, LESSONS)[:11])  # 29 333.37 ₸
    debt = charged - 1_000_000
    assert cabinet["text"].splitlines() == [
        en(TITLE, name="Омарова Айгерім"),
        "",
        en(BALANCE_DEBT, amount=kzt(debt)),
        en(DUE_BY, amount=kzt(3_000_000), date="05.09.2026"),  # what is left of 40 000 ₸
        "",
        en(BLOCKED_REASON, debt=kzt(debt), threshold=kzt(1_000_000)),
        "",
        en(SUBSCRIPTIONS),
        en(
            LESSONS_LEFT,
            plan=en(PLAN_IN_GROUP, plan=PLAN, group="Алгебра 7А"),
            left=4,
            lessons=15,
            date="30.11.2026",
        ),
        en(FROZEN, date="07.09.2026"),
        "",
        en(HISTORY),
        en(
            ENTRY_BY,
            date="01.09.2026",
            kind=en("Payment"),
            method=en("Cash"),
            amount=kzt(1_000_000),
        ),
        *[charge_line(266_667)] * 9,
    ]
    student = f"{child}"
    # Without a payment provider there is no Pay button.
    assert buttons(cabinet) == [
        (en(MORE_BUTTON), f"money:more:{student}:10"),
        (en(HOW_BUTTON), f"money:how:{student}:0"),
    ]

    _, (earlier,) = await main_bot.press(user, cabinet, f"money:more:{student}:10", expect=1)
    assert earlier["text"].splitlines() == [en(EARLIER), *[charge_line(266_667)] * 2]
    assert buttons(earlier) == []

    _, (how,) = await main_bot.press(user, cabinet, f"money:how:{student}:0", expect=1)
    assert how["text"].splitlines() == [en("How to pay:"), en(DEFAULT_HOW_TO_PAY)]


async def test_a_parent_pays_the_amount_due_with_a_telegram_invoice(
    deps: Deps, paying_bot: BotHarness
):
    centre = await make_lesson_centre(deps)
    child = centre.students[0].person_id or 0
    await FinanceSettings.create(
        organisation_id=centre.system.organisation_id,
        how_to_pay="Kaspi Gold: +7 701 000 00 00, Әкімова Дина",
    )
    subscription_id = await sell(deps, centre, child)
    await attend(deps, centre, child, subscription_id, 3)
    await pay_cash(deps, centre, child, 1_000_000)
    emulator, token = paying_bot.emulator, paying_bot.token

    parent, cabinet = await open_money(paying_bot, deps, centre, centre.parent.person_id or 0)

    credit = 1_000_000 - sum(split(PRICE, LESSONS)[:3])  # 1 999.99 ₸
    lines = cabinet["text"].splitlines()
    assert lines[2:4] == [
        en(BALANCE_CREDIT, amount=kzt(credit)),
        en(DUE_BY, amount=kzt(3_000_000), date="05.09.2026"),
    ]
    assert lines[5:7] == [
        en(SUBSCRIPTIONS),
        en(
            LESSONS_LEFT,
            plan=en(PLAN_IN_GROUP, plan=PLAN, group="Алгебра 7А"),
            left=12,
            lessons=15,
            date="30.11.2026",
        ),
    ]
    pay = f"money:pay:{child}:0"
    assert buttons(cabinet) == [
        (en(PAY_BUTTON, amount=kzt(3_000_000)), pay),
        (en(HOW_BUTTON), f"money:how:{child}:0"),
    ]
    _, (how,) = await paying_bot.press(parent, cabinet, f"money:how:{child}:0", expect=1)
    assert how["text"].splitlines() == [
        en("How to pay:"),
        "Kaspi Gold: +7 701 000 00 00, Әкімова Дина",
    ]

    # Pressed twice: only the newest invoice can be paid.
    _, (stale_invoice,) = await paying_bot.press(parent, cabinet, pay, expect=1)
    _, (invoice,) = await paying_bot.press(parent, cabinet, pay, expect=1)
    sent = emulator.invoice(token, parent, invoice["message_id"])
    assert (sent["provider_token"], sent["currency"], sent["total_amount"]) == (
        PROVIDER,
        "KZT",
        3_000_000,
    )
    assert invoice["invoice"]["total_amount"] == 3_000_000
    refused = await emulator.user_pays_invoice(token, parent, stale_invoice["message_id"])
    assert (refused.ok, refused.error_message) == (False, en(OUT_OF_DATE))
    forged = await emulator.user_pays_invoice(
        token, parent, invoice["message_id"], total_amount=100
    )
    assert (forged.ok, forged.error_message) == (False, en(CHANGED))

    before = len(paying_bot.sent(parent))
    paid = await emulator.user_pays_invoice(token, parent, invoice["message_id"])
    assert paid.ok
    (receipt,) = (await emulator.wait_sent(token, parent, count=before + 1))[before:]
    assert receipt["text"].splitlines() == [
        en(PAID, amount=kzt(3_000_000), receipt="000002"),
        en(BALANCE_CREDIT, amount=kzt(credit + 3_000_000)),
    ]
    assert paid.successful_payment is not None
    charge_id = paid.successful_payment["telegram_payment_charge_id"]
    telegram = await LedgerEntry.filter(method=PaymentMethod.TELEGRAM)
    assert [(entry.student_id, entry.amount, entry.external_id) for entry in telegram] == [
        (child, 3_000_000, f"tg:{charge_id}")
    ]
    stored = await Invoice.get(payload=sent["payload"])
    assert (stored.status, stored.entry_id, stored.payer_id) == (  # type: ignore[attr-defined]
        InvoiceStatus.PAID,
        telegram[0].id,
        centre.parent.person_id,
    )

    # The same payment delivered again records nothing.
    await emulator.redeliver(token, paid.message or {})
    (again,) = (await emulator.wait_sent(token, parent, count=before + 2))[before + 1 :]
    assert again["text"] == en(PAID_BEFORE)
    assert await LedgerEntry.filter(method=PaymentMethod.TELEGRAM).count() == 1

    # The invoice forwarded to the child, who tries to pay it too.
    student = paying_bot.add_user("Айгерім", language_code="en")
    welcome = await link_person(paying_bot, deps, centre.admin, child, student)
    await paying_bot.press(student, welcome, "lang:en", expect=1)
    twice = await emulator.user_pays_invoice(token, student, invoice["message_id"], chat_id=parent)
    assert (twice.ok, twice.error_message) == (False, en(ALREADY_PAID))

    (after,) = await paying_bot.send(parent, en(N_("Balance and payments")))
    assert after["text"].splitlines()[2:4] == [
        en(BALANCE_CREDIT, amount=kzt(credit + 3_000_000)),
        en(NOTHING_DUE),
    ]
    assert [data for _, data in buttons(after)] == [f"money:how:{child}:0"]
    assert await LedgerEntry.filter(kind=EntryKind.PAYMENT).count() == 2


async def test_a_passed_due_date_reads_as_overdue_since_that_date(
    deps: Deps, clock: FrozenClock, main_bot: BotHarness
):
    centre = await make_lesson_centre(deps)
    child = centre.students[0].person_id or 0
    await attend(deps, centre, child, await sell(deps, centre, child), 3)  # due on 05.09
    clock.current = datetime(2026, 9, 10, 6, 0, tzinfo=UTC)  # 10.09, 11:00 in Almaty

    _, cabinet = await open_money(main_bot, deps, centre, centre.parent.person_id or 0)

    assert cabinet["text"].splitlines()[2:4] == [
        en(BALANCE_DEBT, amount=kzt(sum(split(PRICE, LESSONS)[:3]))),
        en(OVERDUE_SINCE, amount=kzt(PRICE), date="05.09.2026"),
    ]


async def test_a_student_sees_only_their_own_money(deps: Deps, main_bot: BotHarness):
    centre = await make_lesson_centre(deps)
    aigerim, timur = (student.person_id or 0 for student in centre.students)
    await attend(deps, centre, timur, await sell(deps, centre, timur), 1)

    user, cabinet = await open_money(main_bot, deps, centre, aigerim)

    assert cabinet["text"].splitlines()[:4] == [
        en(TITLE, name="Омарова Айгерім"),
        "",
        en("Balance: {amount}.", amount=kzt(0)),
        en(NOTHING_DUE),
    ]
    assert cabinet["text"].splitlines()[-1] == en("No payments or charges yet.")
    for forged in (f"money:more:{timur}:0", f"money:how:{timur}:0", "money:more:0:0"):
        answer, sent = await main_bot.press(user, cabinet, forged)
        assert (answer["text"], sent) == (en(STALE_BUTTON), [])
    # Without a provider, a forged Pay button says so and sends nothing.
    answer, sent = await main_bot.press(user, cabinet, f"money:pay:{aigerim}:0")
    assert (answer["text"], sent) == (en(NOT_SET_UP), [])


async def test_a_parent_cannot_see_or_pay_for_a_strangers_child(
    deps: Deps, paying_bot: BotHarness
):
    centre = await make_lesson_centre(deps)
    timur = centre.students[1].person_id or 0
    await attend(deps, centre, timur, await sell(deps, centre, timur), 1)

    user, cabinet = await open_money(paying_bot, deps, centre, centre.parent.person_id or 0)

    assert cabinet["text"].splitlines()[0] == en(TITLE, name="Омарова Айгерім")
    for forged in (f"money:more:{timur}:0", f"money:pay:{timur}:0", "money:pay:99999999999:0"):
        answer, sent = await paying_bot.press(user, cabinet, forged)
        assert (answer["text"], sent) == (en(STALE_BUTTON), [])
    assert await Invoice.all().count() == 0


async def test_invoices_refuse_bad_amounts_and_record_each_charge_once(deps: Deps):
    centre = await make_lesson_centre(deps)
    child, stranger = (student.person_id or 0 for student in centre.students)
    settings = deps.settings.model_copy(update={"telegram_payments_token": SecretStr(PROVIDER)})
    paying = dataclasses.replace(deps, settings=settings)
    parent = centre.parent

    with pytest.raises(Conflict, match="not set up"):
        await create_invoice(deps, parent, student_id=child)
    with pytest.raises(Conflict, match="Nothing to pay"):
        await create_invoice(paying, parent, student_id=child)
    for amount in (0, -100, max_invoice("KZT") + 1):
        with pytest.raises(InvalidInput):
            await create_invoice(paying, parent, student_id=child, amount=amount)
    with pytest.raises(NotFound):
        await create_invoice(paying, parent, student_id=stranger, amount=100)

    await sell(deps, centre, child)
    older = await create_invoice(paying, parent, student_id=child)
    newer = await create_invoice(paying, parent, student_id=child)
    assert (older.amount, newer.amount, older.payload != newer.payload) == (PRICE, PRICE, True)

    async def pay(payload: str, charge: str, currency: str = "KZT") -> InvoicePayment:
        return await pay_invoice(
            paying,
            payload=payload,
            amount=PRICE,
            currency=currency,
            telegram_payment_charge_id=charge,
            provider_payment_charge_id=f"provider-{charge}",
        )

    first = await pay(newer.payload, "charge-1")
    repeated = await pay(newer.payload, "charge-1")
    assert (first.recorded, first.balance) == (True, PRICE)
    assert (repeated.recorded, repeated.receipt_no, repeated.balance) == (
        False,
        first.receipt_no,
        PRICE,
    )
    # Money Telegram took for a replaced invoice (two pre-checkouts raced) is kept as credit.
    late = await pay(older.payload, "charge-2")
    assert (late.recorded, late.balance) == (True, 2 * PRICE)
    with pytest.raises(NotFound):
        await pay("no-such-payload", "charge-3")
    with pytest.raises(Conflict):
        await pay(newer.payload, "charge-4", currency="USD")
    assert await LedgerEntry.filter(method=PaymentMethod.TELEGRAM).count() == 2
    assert {invoice.status for invoice in await Invoice.all()} == {InvoiceStatus.PAID}

    await archive_person(deps, centre.admin, person_id=child)
    with pytest.raises(Conflict, match="no longer studies here"):
        await create_invoice(paying, parent, student_id=child, amount=100)
