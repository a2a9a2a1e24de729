"""Payments, refunds, corrections and reversals on a student's account (issue 6).
``make_cashdesk`` is shared by the receipt, statement and web payment tests."""

from __future__ import annotations

import asyncio
import dataclasses
from dataclasses import dataclass
from datetime import date

import pytest
from pydantic import SecretStr

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.events import Event, PaymentReceived
from core.models.audit import AuditRecord
from core.models.finance import LedgerEntry
from core.money import Money, format_amount, parse_money
from core.services.finance_settings import update_finance_settings
from core.services.invoices import create_invoice, max_invoice
from core.services.ledger import EntryView
from core.services.payments import (
    PAGE_SIZE,
    EntryKind,
    PaymentMethod,
    account_page,
    account_statement,
    earliest_day,
    new_request_token,
    record_correction,
    record_payment,
    refund,
    reverse_entry,
)
from core.services.people import PersonData, Role, archive_person, create_person, link_parent
from tests.factories import make_member, make_organisation, make_student, valid_iin

TODAY = date(2026, 9, 1)  # the frozen clock's day in Almaty


@dataclass
class Cashdesk:
    """A centre with an admin, an accountant, a manager (no ledger corrections), a teacher
    (no money at all), two students and a parent of the first, plus a stranger elsewhere."""

    system: Actor
    admin: Actor
    accountant: Actor
    manager: Actor
    teacher: Actor
    student: int
    other_student: int
    parent: int
    stranger: int


async def make_cashdesk(deps: Deps) -> Cashdesk:
    system = await make_organisation(deps, name="Білім орталығы")
    admin = await make_member(deps, system, Role.ADMIN, login="admin@bilim.kz")
    accountant = await make_member(
        deps,
        system,
        Role.ACCOUNTANT,
        last_name="Жұмабаева",
        first_name="Гүлнар",
        login="kassa@bilim.kz",
    )
    manager = await make_member(deps, system, Role.MANAGER, login="manager@bilim.kz")
    teacher = await make_member(deps, system, Role.TEACHER, login="teacher@bilim.kz")
    student = (
        await create_person(
            deps,
            admin,
            data=PersonData(
                last_name="Әбілқайыров",
                first_name="Нұрсұлтан",
                iin=valid_iin(),
                phone="+7 701 111 22 33",
            ),
            roles=(Role.STUDENT,),
        )
    ).id
    other_student = await make_student(deps, admin, "Ким", "Тимур")
    parent = (
        await create_person(
            deps,
            admin,
            data=PersonData(last_name="Әбілқайырова", first_name="Сәуле", phone="+77017778899"),
            roles=(Role.PARENT,),
        )
    ).id
    await link_parent(deps, admin, parent_id=parent, child_id=student)
    elsewhere = await make_organisation(deps, name="Басқа орталық")
    elsewhere_admin = await make_member(deps, elsewhere, Role.ADMIN)
    stranger = await make_student(deps, elsewhere_admin, "Бөтен", "Адам")
    return Cashdesk(
        system, admin, accountant, manager, teacher, student, other_student, parent, stranger
    )


def tenge(text: str) -> Money:
    return parse_money(text)


async def _entries() -> int:
    return await LedgerEntry.all().count()


async def test_a_cashier_takes_payments_with_receipt_numbers(deps: Deps):
    desk = await make_cashdesk(deps)
    seen: list[Event] = []

    async def remember(event: Event) -> None:
        seen.append(event)

    deps.events.subscribe(PaymentReceived, remember)

    first = await record_payment(
        deps,
        desk.accountant,
        student_id=desk.student,
        amount=tenge("2666,67"),
        method=PaymentMethod.CASH,
        occurred_on=None,
        note="  за  сентябрь ",
    )
    second = await record_payment(
        deps,
        desk.manager,
        student_id=desk.student,
        amount=tenge("40 000"),
        method=PaymentMethod.KASPI,
        occurred_on=date(2026, 8, 30),
        note="",
    )

    assert (first.kind, first.amount, first.receipt_no) == (EntryKind.PAYMENT, 266667, "000001")
    assert (first.occurred_on, first.reason) == (TODAY, "за сентябрь")
    assert (second.receipt_no, second.method) == ("000002", PaymentMethod.KASPI)
    assert [event.entry_id for event in seen if isinstance(event, PaymentReceived)] == [
        first.id,
        second.id,
    ]
    statement = await account_statement(desk.accountant, desk.student)
    assert statement.balance == 4_266_667
    assert statement.account.student_name == "Әбілқайыров Нұрсұлтан"
    # Newest business day first; who took the money is named.
    assert [line.entry.id for line in statement.lines] == [first.id, second.id]
    assert statement.lines[0].recorded_by == "Жұмабаева Гүлнар"
    audit = await AuditRecord.filter(action="payment.record").order_by("id")
    assert [record.object_id for record in audit] == [str(first.id), str(second.id)]
    assert audit[0].after is not None and audit[0].after["amount"] == 266667

    # The student and their parent see the account; a teacher does not.
    parent_actor = Actor(desk.parent, desk.system.organisation_id, frozenset({Role.PARENT}))
    assert (await account_statement(parent_actor, desk.student)).balance == 4_266_667
    with pytest.raises(NotFound):
        await account_statement(desk.teacher, desk.student)


async def test_bad_payments_are_refused_and_nothing_is_written(deps: Deps):
    desk = await make_cashdesk(deps)
    good = {"amount": tenge("1000"), "method": PaymentMethod.CASH, "occurred_on": None}
    refusals = [
        ({"amount": Money(0)}, "amount"),
        ({"amount": Money(-5)}, "amount"),
        ({"amount": Money(100, "USD")}, "amount"),
        ({"occurred_on": date(2026, 9, 2)}, "date"),
        ({"method": PaymentMethod.TELEGRAM}, "method"),
    ]
    for change, field in refusals:
        with pytest.raises(InvalidInput) as refused:
            await record_payment(
                deps, desk.accountant, student_id=desk.student, **{**good, **change}, note=""
            )
        assert refused.value.field == field
    with pytest.raises(PermissionDenied):
        await record_payment(deps, desk.teacher, student_id=desk.student, **good, note="")
    with pytest.raises(InvalidInput):  # a parent has no account to pay into
        await record_payment(deps, desk.accountant, student_id=desk.parent, **good, note="")
    with pytest.raises(NotFound):
        await record_payment(deps, desk.accountant, student_id=desk.stranger, **good, note="")

    await archive_person(deps, desk.admin, person_id=desk.other_student)
    with pytest.raises(Conflict) as archived:
        await record_payment(deps, desk.accountant, student_id=desk.other_student, **good, note="")
    assert "archived" in str(archived.value)
    assert await _entries() == 0


async def test_a_refund_is_never_larger_than_what_was_paid(deps: Deps):
    desk = await make_cashdesk(deps)
    await record_payment(
        deps,
        desk.accountant,
        student_id=desk.student,
        amount=tenge("10 000"),
        method=PaymentMethod.CASH,
        occurred_on=None,
        note="",
    )

    with pytest.raises(InvalidInput) as too_much:
        await refund(
            deps,
            desk.accountant,
            student_id=desk.student,
            amount=tenge("10 000,01"),
            method=PaymentMethod.CASH,
            reason="уехал",
        )
    assert "larger than what was paid" in str(too_much.value)

    back = await refund(
        deps,
        desk.accountant,
        student_id=desk.student,
        amount=tenge("4000"),
        method=PaymentMethod.TRANSFER,
        reason="уехал",
    )
    assert (back.kind, back.amount, back.receipt_no) == (EntryKind.REFUND, -400_000, None)
    # A student who left still gets the rest back.
    await archive_person(deps, desk.admin, person_id=desk.student)
    await refund(
        deps,
        desk.accountant,
        student_id=desk.student,
        amount=tenge("6000"),
        method=PaymentMethod.CASH,
    )
    with pytest.raises(InvalidInput, match="nothing to refund"):
        await refund(
            deps,
            desk.accountant,
            student_id=desk.student,
            amount=tenge("1"),
            method=PaymentMethod.CASH,
        )
    statement = await account_statement(desk.accountant, desk.student)
    assert (statement.balance, statement.archived) == (0, True)
    assert await AuditRecord.filter(action="payment.refund").count() == 2


async def test_corrections_and_reversals_keep_the_ledger_balanced(deps: Deps):
    desk = await make_cashdesk(deps)
    payment = await record_payment(
        deps,
        desk.accountant,
        student_id=desk.student,
        amount=tenge("5000"),
        method=PaymentMethod.CASH,
        occurred_on=None,
        note="",
    )

    with pytest.raises(PermissionDenied):  # a manager takes money but does not correct books
        await reverse_entry(
            deps, desk.manager, payment.id, student_id=desk.student, reason="ошибка"
        )
    with pytest.raises(InvalidInput) as no_reason:
        await reverse_entry(deps, desk.accountant, payment.id, student_id=desk.student, reason=" ")
    assert no_reason.value.field == "reason"
    with pytest.raises(InvalidInput):
        await record_correction(
            deps, desk.accountant, student_id=desk.student, amount=-tenge("100"), reason=""
        )

    debt = await record_correction(
        deps,
        desk.accountant,
        student_id=desk.student,
        amount=-tenge("12 000"),
        reason="Долг с прошлого года",
    )
    reversal = await reverse_entry(
        deps, desk.accountant, payment.id, student_id=desk.student, reason="Платёж другого"
    )
    assert (debt.kind, debt.amount) == (EntryKind.CORRECTION, -1_200_000)
    assert (reversal.kind, reversal.amount, reversal.reverses_id) == (
        EntryKind.REVERSAL,
        -500_000,
        payment.id,
    )
    with pytest.raises(Conflict, match="already been reversed"):
        await reverse_entry(
            deps, desk.accountant, payment.id, student_id=desk.student, reason="ещё раз"
        )
    with pytest.raises(Conflict, match="cannot be reversed"):
        await reverse_entry(
            deps, desk.accountant, reversal.id, student_id=desk.student, reason="назад"
        )
    with pytest.raises(NotFound):
        await reverse_entry(
            deps, desk.accountant, 10**12, student_id=desk.student, reason="нет такой"
        )

    statement = await account_statement(desk.accountant, desk.student)
    assert statement.balance == -1_200_000 == sum(line.entry.amount for line in statement.lines)
    assert statement.due.debt == 1_200_000 and statement.due.amount == 1_200_000
    assert {line.entry.id: line.entry.reversed for line in statement.lines}[payment.id] is True
    actions = set(await AuditRecord.all().values_list("action", flat=True))
    assert {"ledger.correction", "ledger.reverse"} <= actions


async def test_the_account_page_shows_admission_and_pages_its_history(deps: Deps):
    desk = await make_cashdesk(deps)
    await update_finance_settings(
        deps,
        desk.admin,
        currency="KZT",
        due_reminder_days="3,1",
        running_out_lessons=2,
        exam_debt_threshold="1000",
        how_to_pay="",
    )
    for number in range(PAGE_SIZE + 1):
        await record_correction(
            deps,
            desk.accountant,
            student_id=desk.student,
            amount=-tenge("100"),
            reason=f"№{number}",
        )

    first = await account_statement(desk.accountant, desk.student)
    last = await account_statement(desk.accountant, desk.student, page=99)

    assert (first.pages, first.entries, len(first.lines)) == (2, PAGE_SIZE + 1, PAGE_SIZE)
    assert (last.page, len(last.lines)) == (2, 1)
    assert last.lines[0].entry.reason == "№0"
    assert first.admission.threshold == 100_000
    assert first.admission.allowed is False and first.admission.debt == 510_000


async def test_two_cashiers_cannot_refund_the_same_credit_twice(deps: Deps):
    desk = await make_cashdesk(deps)
    await record_payment(
        deps,
        desk.accountant,
        student_id=desk.student,
        amount=tenge("8000"),
        method=PaymentMethod.CASH,
        occurred_on=None,
        note="",
    )

    # Both transactions are open at once; the account's row lock lets one check at a time.
    results = await asyncio.gather(
        *(
            refund(
                deps,
                cashier,
                student_id=desk.student,
                amount=tenge("8000"),
                method=PaymentMethod.CASH,
            )
            for cashier in (desk.accountant, desk.admin)
        ),
        return_exceptions=True,
    )

    assert sorted(type(result).__name__ for result in results) == ["EntryView", "InvalidInput"]
    assert (await account_statement(desk.accountant, desk.student)).balance == 0


# --- found in review (issue 6) ----------------------------------------------------------------


async def pay_by_form(
    deps: Deps, desk: Cashdesk, token: str, amount: str = "5000", occurred_on: date | None = None
) -> EntryView:
    """What the account page's payment form sends, ``token`` being its hidden field."""
    return await record_payment(
        deps,
        desk.accountant,
        student_id=desk.student,
        amount=tenge(amount),
        method=PaymentMethod.CASH,
        occurred_on=occurred_on,
        request_token=token,
    )


async def test_a_double_click_records_a_desk_payment_and_a_refund_once(deps: Deps):
    desk = await make_cashdesk(deps)
    page = await account_page(deps, desk.accountant, desk.student)
    assert page.payment_token != page.refund_token

    first = await pay_by_form(deps, desk, page.payment_token)
    again = await pay_by_form(deps, desk, page.payment_token)

    assert (again.id, again.receipt_no) == (first.id, "000001")
    assert await _entries() == 1
    assert await AuditRecord.filter(action="payment.record").count() == 1
    # The same form sent back changed is refused, not silently taken for the first one.
    with pytest.raises(Conflict, match="sent already"):
        await pay_by_form(deps, desk, page.payment_token, amount="6000")
    with pytest.raises(InvalidInput, match="out of date"):
        await pay_by_form(deps, desk, "<script>")
    # The page shown again has a new form: a second payment is a second payment.
    next_page = await account_page(deps, desk.accountant, desk.student)
    assert (await pay_by_form(deps, desk, next_page.payment_token)).receipt_no == "000002"

    # A refund clicked twice pays back once (the second click is not "larger than paid").
    refunds = [
        await refund(
            deps,
            desk.accountant,
            student_id=desk.student,
            amount=tenge("7000"),
            method=PaymentMethod.CASH,
            request_token=page.refund_token,
        )
        for _ in range(2)
    ]
    assert refunds[0].id == refunds[1].id
    assert await LedgerEntry.filter(kind=EntryKind.REFUND).count() == 1
    assert (await account_statement(desk.accountant, desk.student)).balance == 300_000


async def test_a_payment_form_sent_twice_at_once_records_one_payment(deps: Deps):
    desk = await make_cashdesk(deps)
    token = new_request_token()

    # Both transactions are open at once; the account's lock and the unique index keep one.
    results = await asyncio.gather(*(pay_by_form(deps, desk, token) for _ in range(2)))

    assert results[0].id == results[1].id
    assert await _entries() == 1
    assert (await account_statement(desk.accountant, desk.student)).balance == 500_000


async def test_the_refund_limit_is_written_for_each_reader(deps: Deps):
    desk = await make_cashdesk(deps)
    await pay_by_form(deps, desk, new_request_token(), amount="10 000")

    with pytest.raises(InvalidInput) as too_much:
        await refund(
            deps,
            desk.accountant,
            student_id=desk.student,
            amount=tenge("10 000,01"),
            method=PaymentMethod.CASH,
        )

    for language in ("en", "ru", "kk"):
        assert format_amount(1_000_000, "KZT", language) in too_much.value.translated(language)
    assert "10,000.00" in too_much.value.translated("en")


async def test_a_reversal_asked_on_another_students_account_is_not_found(deps: Deps):
    desk = await make_cashdesk(deps)
    payment = await pay_by_form(deps, desk, new_request_token())

    with pytest.raises(NotFound):
        await reverse_entry(
            deps, desk.accountant, payment.id, student_id=desk.other_student, reason="қате"
        )

    statement = await account_statement(desk.accountant, desk.student)
    assert statement.balance == 500_000
    assert not statement.lines[0].entry.reversed


async def test_a_payment_dated_0202_is_refused_not_recorded(deps: Deps):
    desk = await make_cashdesk(deps)
    assert earliest_day(TODAY) == date(2025, 9, 1)

    for typo in (date(202, 9, 1), date(2025, 8, 31)):
        with pytest.raises(InvalidInput, match="more than a year ago") as refused:
            await pay_by_form(deps, desk, new_request_token(), occurred_on=typo)
        assert refused.value.field == "date"
        with pytest.raises(InvalidInput, match="more than a year ago"):
            await record_correction(
                deps,
                desk.accountant,
                student_id=desk.student,
                amount=tenge("100"),
                reason="қағаздан",
                occurred_on=typo,
            )
    assert await _entries() == 0

    oldest = await pay_by_form(deps, desk, new_request_token(), occurred_on=date(2025, 9, 1))
    assert oldest.occurred_on == date(2025, 9, 1)
    with pytest.raises(InvalidInput, match="more than a year ago"):
        await refund(
            deps,
            desk.accountant,
            student_id=desk.student,
            amount=tenge("1"),
            method=PaymentMethod.CASH,
            occurred_on=date(202, 9, 1),
        )
    assert await _entries() == 1


async def test_the_telegram_invoice_limit_reads_as_money(deps: Deps):
    desk = await make_cashdesk(deps)
    token = SecretStr("284685063:TEST:sabaq")
    paying = dataclasses.replace(
        deps, settings=deps.settings.model_copy(update={"telegram_payments_token": token})
    )
    parent = Actor(desk.parent, desk.system.organisation_id, frozenset({Role.PARENT}))

    with pytest.raises(InvalidInput) as too_much:
        await create_invoice(
            paying, parent, student_id=desk.student, amount=max_invoice("KZT") + 1
        )

    for language in ("en", "ru"):
        limit = format_amount(max_invoice("KZT"), "KZT", language)
        assert limit in too_much.value.translated(language)
    assert "5000000" not in too_much.value.translated("en")
