"""core.services.finance_settings (issue 6): an organisation's money settings — who may change
them, what is refused, and that a currency with money recorded in it stays."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import pytest

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, PermissionDenied
from core.models.audit import AuditRecord
from core.models.finance import EntryKind, FinanceSettings, PaymentMethod
from core.models.org import OrganisationKind
from core.models.people import Role
from core.money import Money
from core.services.expenses import ExpenseCategory, ExpenseData, record_expense
from core.services.finance_settings import update_finance_settings, view_finance_settings
from core.services.ledger import FinanceSettingsData, do_add_entry, finance_settings
from core.services.payments import do_record_payment
from core.services.prices import DiscountData, DiscountKind, PlanData, create_discount, create_plan
from core.services.salaries import RuleData, compute_payroll, set_salary_rule
from core.tx import transaction
from tests.factories import make_member, make_organisation, make_student


def typed(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "currency": "KZT",
        "due_reminder_days": "5, 1,",
        "running_out_lessons": 3,
        "exam_debt_threshold": "50 000",
        "how_to_pay": "Kaspi: +7 701 123 45 67\r\nКассада 9:00–18:00",
    }
    return {**values, **changes}


async def pay(deps: Deps, organisation_id: int, student_id: int, amount: int = 10_000_00) -> None:
    async with transaction(deps) as tx:
        await do_record_payment(
            tx,
            organisation_id=organisation_id,
            student_id=student_id,
            amount=amount,
            currency="KZT",
            method=PaymentMethod.CASH,
            occurred_on=deps.clock.now().date(),
        )


async def test_an_accountant_saves_the_settings_and_the_change_is_audited(deps: Deps):
    system = await make_organisation(deps)
    accountant = await make_member(deps, system, Role.ACCOUNTANT)
    view = await view_finance_settings(accountant)
    assert view.settings == FinanceSettingsData()
    assert (view.currency_locked, view.exam_debt_threshold) == (False, None)

    saved = await update_finance_settings(deps, accountant, **typed(currency="KGS"))

    expected = FinanceSettingsData(
        currency="KGS",
        due_reminder_days=(5, 1),
        running_out_lessons=3,
        exam_debt_threshold=5_000_000,
        how_to_pay="Kaspi: +7 701 123 45 67\nКассада 9:00–18:00",
    )
    assert saved == expected
    assert await finance_settings(system.organisation_id) == expected
    view = await view_finance_settings(accountant)
    assert view.exam_debt_threshold is not None
    assert (view.exam_debt_threshold.amount, view.exam_debt_threshold.currency) == (
        5_000_000,
        "KGS",
    )
    (record,) = await AuditRecord.filter(action="finance_settings.update")
    assert record.actor_person_id == accountant.person_id
    assert record.before is None
    assert record.after["currency"] == "KGS"
    assert record.after["due_reminder_days"] == "5,1"

    # Empty: no reminders before the due date and no exam block; zero blocks for any debt.
    await update_finance_settings(
        deps,
        accountant,
        **typed(currency="KGS", due_reminder_days="", exam_debt_threshold=" "),
    )
    off = await finance_settings(system.organisation_id)
    assert (off.due_reminder_days, off.exam_debt_threshold) == ((), None)
    await update_finance_settings(deps, accountant, **typed(exam_debt_threshold="0"))
    assert (await finance_settings(system.organisation_id)).exam_debt_threshold == 0
    assert await AuditRecord.filter(action="finance_settings.update").count() == 3


async def test_the_currency_stays_once_money_is_recorded_and_the_receipt_counter_is_kept(
    deps: Deps,
):
    system = await make_organisation(deps)
    admin = await make_member(deps, system, Role.ADMIN)
    student = await make_student(deps, admin)
    await pay(deps, system.organisation_id, student)
    await pay(deps, system.organisation_id, student)
    assert (await view_finance_settings(admin)).currency_locked

    with pytest.raises(Conflict) as refused:
        await update_finance_settings(deps, admin, **typed(currency="USD"))

    assert refused.value.field == "currency"
    assert "recorded in KZT" in str(refused.value)
    assert (await finance_settings(system.organisation_id)).currency == "KZT"
    # The rest can still change.
    await update_finance_settings(deps, admin, **typed(running_out_lessons=1))
    row = await FinanceSettings.get(organisation_id=system.organisation_id)
    assert row.running_out_lessons == 1


async def test_a_branch_inherits_and_locks_its_networks_currency(deps: Deps):
    network = await make_organisation(deps, name="Желі", kind=OrganisationKind.LEARNING_CENTRE)
    admin = await make_member(deps, network, Role.ADMIN)
    branch = await make_organisation(
        deps, name="Филиал", kind=OrganisationKind.BRANCH, parent_id=network.organisation_id
    )
    branch_admin = await make_member(deps, branch, Role.ADMIN)
    await update_finance_settings(deps, admin, **typed(currency="KGS"))
    assert (await view_finance_settings(branch_admin)).settings.currency == "KGS"

    # A charge in the branch (no payment yet, so the branch has no settings of its own).
    student = await make_student(deps, branch_admin)
    async with transaction(deps) as tx:
        await do_add_entry(
            tx,
            organisation_id=branch.organisation_id,
            student_id=student,
            kind=EntryKind.CHARGE,
            amount=-1_000_00,
            currency="KGS",
            occurred_on=deps.clock.now().date(),
        )

    with pytest.raises(Conflict):
        await update_finance_settings(deps, admin, **typed(currency="KZT"))
    assert (await finance_settings(branch.organisation_id)).currency == "KGS"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"currency": "GBP"}, "currency", "Choose a currency from the list."),
        (
            {"due_reminder_days": "3,завтра"},
            "due_reminder_days",
            "Write days before the payment as numbers from 1 to 60, like 3,1.",
        ),
        ({"due_reminder_days": "90"}, "due_reminder_days", None),
        (
            {"running_out_lessons": 0},
            "running_out_lessons",
            "Write a number of lessons from 1 to 10.",
        ),
        ({"running_out_lessons": 11}, "running_out_lessons", None),
        (
            {"exam_debt_threshold": "50 000,555"},
            "exam_debt_threshold",
            "An amount has at most two digits after the decimal point.",
        ),
        ({"exam_debt_threshold": "-5"}, "exam_debt_threshold", None),
        ({"exam_debt_threshold": "много"}, "exam_debt_threshold", None),
        (
            {"how_to_pay": "к" * 2001},
            "how_to_pay",
            "Write at most 2000 characters about how to pay.",
        ),
    ],
)
async def test_bad_values_are_refused_by_field_and_nothing_changes(
    deps: Deps, changes: dict[str, object], field: str, message: str | None
):
    system = await make_organisation(deps)
    admin = await make_member(deps, system, Role.ADMIN)

    with pytest.raises(InvalidInput) as refused:
        await update_finance_settings(deps, admin, **typed(**changes))

    assert refused.value.field == field
    if message is not None:
        assert str(refused.value) == message
    assert await finance_settings(system.organisation_id) == FinanceSettingsData()
    assert not await AuditRecord.filter(action="finance_settings.update").exists()


async def test_a_manager_reads_the_settings_but_only_prices_managers_change_them(deps: Deps):
    system = await make_organisation(deps)
    manager = await make_member(deps, system, Role.MANAGER)
    teacher = await make_member(deps, system, Role.TEACHER)

    assert (await view_finance_settings(manager)).settings == FinanceSettingsData()
    with pytest.raises(PermissionDenied):
        await update_finance_settings(deps, manager, **typed())
    with pytest.raises(PermissionDenied):
        await view_finance_settings(teacher)
    assert not await FinanceSettings.filter(organisation_id=system.organisation_id).exists()


async def _salary_rule(deps: Deps, system: Actor, admin: Actor) -> object:
    teacher = await make_member(deps, system, Role.TEACHER)
    return await set_salary_rule(
        deps,
        admin,
        teacher_id=teacher.person_id or 0,
        data=RuleData(date(2026, 9, 1), per_lesson=300_000),
    )


#: Each thing priced in the organisation's currency, made through its use case.
PRICED: dict[str, Callable[[Deps, Actor, Actor], Awaitable[object]]] = {
    "plan": lambda deps, _, admin: create_plan(
        deps, admin, data=PlanData("Алгебра 15", 4_000_000, 15, 90)
    ),
    "amount discount": lambda deps, _, admin: create_discount(
        deps, admin, data=DiscountData("Қызметкер", DiscountKind.AMOUNT, 500_000)
    ),
    "expense": lambda deps, _, admin: record_expense(
        deps,
        admin,
        data=ExpenseData(ExpenseCategory.RENT, Money(25_000_000), date(2026, 9, 1)),
    ),
    "salary rule": _salary_rule,
    "payroll": lambda deps, _, admin: compute_payroll(deps, admin, month=date(2026, 8, 1)),
}


async def test_a_price_list_in_tenge_keeps_the_currency_from_changing(deps: Deps):
    """Found in review: only payments and subscriptions locked the currency, so a plan of
    40 000 ₸ could turn into 40 000 $ (and so could everything later sold from it)."""
    for name, make in PRICED.items():
        system = await make_organisation(deps, name=f"Орталық: {name}")
        admin = await make_member(deps, system, Role.ADMIN)
        await make(deps, system, admin)

        with pytest.raises(Conflict) as refused:
            await update_finance_settings(deps, admin, **typed(currency="USD"))

        assert refused.value.field == "currency", name
        assert "recorded in KZT" in str(refused.value), name
        assert (await view_finance_settings(admin)).currency_locked, name

    # A percent discount has no currency, so it does not lock one.
    system = await make_organisation(deps, name="Пайыз")
    admin = await make_member(deps, system, Role.ADMIN)
    await create_discount(deps, admin, data=DiscountData("Бауырлар", DiscountKind.PERCENT, 10))
    await update_finance_settings(deps, admin, **typed(currency="USD"))
    # A plan is made in the currency in force, and from then on keeps it.
    plan = await create_plan(deps, admin, data=PlanData("English", 10_000, 8, 30))
    assert plan.currency == "USD"
    with pytest.raises(Conflict):
        await update_finance_settings(deps, admin, **typed(currency="KZT"))
