"""An organisation's money settings: currency, payment reminders, the "running out"
threshold, the exam debt threshold and the "how to pay" text parents read in Telegram.

Reading the settings in force (with a branch inheriting its nearest ancestor's) is
``core.services.ledger.finance_settings``; this module is the settings page's use cases.

Who may change them: ``prices.manage`` — the accountant's and the admin's permission, not
``org.manage``. These are the books' settings (the currency every amount is kept in, when
people are asked for money and what they are told about paying), so they belong with the
price list rather than with the organisation's names and branches. Staff who see money
(``finance.view``) or edit prices may read them.

The currency cannot change once the organisation (or a branch that inherits its currency)
has anything priced in it: a plan, an amount discount, a subscription, a ledger entry, an
invoice, an expense, a salary rule, a bonus or deduction, or a payroll. Amounts already
recorded would silently change their meaning (a plan of 40 000 ₸ would be sold for 40 000 $).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, PermissionDenied
from core.i18n import N_
from core.models.finance import (
    Discount,
    DiscountKind,
    Expense,
    FinanceSettings,
    Invoice,
    LedgerEntry,
    Payroll,
    Plan,
    SalaryAdjustment,
    SalaryRule,
    Subscription,
)
from core.models.org import Organisation
from core.money import CURRENCIES, Money, parse_money
from core.permissions import Permission, has_permission, require
from core.services.audit import do_record, snapshot
from core.services.ledger import FinanceSettingsData, finance_settings, parse_reminder_days
from core.tx import transaction

RUNNING_OUT_MIN = 1
RUNNING_OUT_MAX = 10
HOW_TO_PAY_MAX = 2000

_AUDITED = (
    "currency",
    "due_reminder_days",
    "running_out_lessons",
    "exam_debt_threshold",
    "how_to_pay",
)


@dataclass(frozen=True)
class FinanceSettingsView:
    """The settings in force and whether the currency may still be changed here."""

    settings: FinanceSettingsData
    currency_locked: bool

    @property
    def exam_debt_threshold(self) -> Money | None:
        threshold = self.settings.exam_debt_threshold
        return None if threshold is None else Money(threshold, self.settings.currency)


async def _inheritors(organisation_id: int) -> list[int]:
    """The organisation and the branches below it that take their money settings from it
    (those without settings of their own, and theirs below them): one query per level."""
    own = {int(org_id) for (org_id,) in await FinanceSettings.all().values_list("organisation_id")}
    found = [organisation_id]
    level = [organisation_id]
    while level:
        children = await Organisation.filter(parent_id__in=level).values_list("id")
        level = [int(child) for (child,) in children if child not in own and child not in found]
        found.extend(level)
    return found


async def _currency_in_use(organisation_id: int) -> bool:
    """Whether anything is priced in the currency the organisation uses now, here or in a
    branch inheriting it (a percent discount is not: it has no currency)."""
    orgs = await _inheritors(organisation_id)
    priced = (
        LedgerEntry.filter(organisation_id__in=orgs),
        Subscription.filter(organisation_id__in=orgs),
        Plan.filter(organisation_id__in=orgs),
        Discount.filter(organisation_id__in=orgs, kind=DiscountKind.AMOUNT),
        Invoice.filter(organisation_id__in=orgs),
        Expense.filter(organisation_id__in=orgs),
        SalaryRule.filter(organisation_id__in=orgs),
        SalaryAdjustment.filter(organisation_id__in=orgs),
        Payroll.filter(organisation_id__in=orgs),
    )
    for query in priced:
        if await query.exists():
            return True
    return False


async def view_finance_settings(actor: Actor) -> FinanceSettingsView:
    """The money settings in force where the actor works, for the settings page.

    Raises:
        PermissionDenied: the actor neither sees money (``finance.view``) nor edits prices.
    """
    if not (
        await has_permission(actor, Permission.FINANCE_VIEW)
        or await has_permission(actor, Permission.PRICES_MANAGE)
    ):
        raise PermissionDenied(permission=Permission.FINANCE_VIEW.value)
    return FinanceSettingsView(
        settings=await finance_settings(actor.organisation_id),
        currency_locked=await _currency_in_use(actor.organisation_id),
    )


def _parse(
    *,
    currency: str,
    due_reminder_days: str,
    running_out_lessons: int,
    exam_debt_threshold: str,
    how_to_pay: str,
) -> FinanceSettingsData:
    if currency not in CURRENCIES:
        raise InvalidInput(N_("Choose a currency from the list."), field="currency")
    days = parse_reminder_days(due_reminder_days)
    if not RUNNING_OUT_MIN <= running_out_lessons <= RUNNING_OUT_MAX:
        raise InvalidInput(
            N_("Write a number of lessons from {low} to {high}."),
            field="running_out_lessons",
            low=RUNNING_OUT_MIN,
            high=RUNNING_OUT_MAX,
        )
    threshold: int | None = None
    if exam_debt_threshold.strip():
        threshold = parse_money(
            exam_debt_threshold, currency=currency, field="exam_debt_threshold", allow_zero=True
        ).amount
    how = how_to_pay.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(how) > HOW_TO_PAY_MAX:
        raise InvalidInput(
            N_("Write at most {limit} characters about how to pay."),
            field="how_to_pay",
            limit=HOW_TO_PAY_MAX,
        )
    return FinanceSettingsData(
        currency=currency,
        due_reminder_days=days,
        running_out_lessons=running_out_lessons,
        exam_debt_threshold=threshold,
        how_to_pay=how,
    )


async def update_finance_settings(
    deps: Deps,
    actor: Actor,
    *,
    currency: str,
    due_reminder_days: str,
    running_out_lessons: int,
    exam_debt_threshold: str,
    how_to_pay: str,
) -> FinanceSettingsData:
    """Set the organisation's own money settings, as typed on the settings page.

    ``due_reminder_days`` is a list like ``"3,1"`` (empty: no reminders before a payment is
    due); ``exam_debt_threshold`` an amount like ``"50 000"`` (empty: a debt never blocks exam
    admission; ``0``: any debt does). The receipt counter is kept as it is.

    Raises:
        PermissionDenied: the actor may not edit the price list (``prices.manage``).
        InvalidInput: an unknown currency, bad reminder days, a threshold out of range, an
            amount that is not one, or a "how to pay" text that is too long.
        Conflict: a different currency while anything is already priced or recorded in the
            current one (plans, amount discounts, subscriptions, payments and other ledger
            entries, invoices, expenses, salary rules, adjustments or payrolls).
    """
    await require(actor, Permission.PRICES_MANAGE)
    data = _parse(
        currency=currency,
        due_reminder_days=due_reminder_days,
        running_out_lessons=running_out_lessons,
        exam_debt_threshold=exam_debt_threshold,
        how_to_pay=how_to_pay,
    )
    values: dict[str, Any] = {
        "currency": data.currency,
        "due_reminder_days": ",".join(str(day) for day in data.due_reminder_days),
        "running_out_lessons": data.running_out_lessons,
        "exam_debt_threshold": data.exam_debt_threshold,
        "how_to_pay": data.how_to_pay,
    }
    org_id = actor.organisation_id
    async with transaction(deps) as tx:
        row = await _locked_row(org_id)
        current = await finance_settings(org_id)
        if data.currency != current.currency and await _currency_in_use(org_id):
            raise Conflict(
                N_(
                    "The currency cannot be changed: prices, payments, expenses or salaries "
                    "are already recorded in {currency}."
                ),
                field="currency",
                currency=current.currency,
            )
        before = snapshot(row, _AUDITED) if row else None
        if row is None:
            row = await _create_row(org_id, values)
        else:
            await row.update_from_dict(values).save(update_fields=list(values))
        await do_record(
            tx,
            actor,
            action="finance_settings.update",
            object_type="organisation",
            object_id=org_id,
            before=before,
            after=snapshot(row, _AUDITED),
        )
    return data


async def _locked_row(organisation_id: int) -> FinanceSettings | None:
    return await FinanceSettings.select_for_update().get_or_none(organisation_id=organisation_id)


async def _create_row(organisation_id: int, values: dict[str, Any]) -> FinanceSettings:
    """Create the organisation's row; when a payment's receipt number created it meanwhile
    (the first payment makes one), update that row instead, keeping its receipt counter."""
    try:
        async with in_transaction():  # a savepoint: losing the race keeps the transaction
            return await FinanceSettings.create(organisation_id=organisation_id, **values)
    except IntegrityError:
        row = await FinanceSettings.select_for_update().get(organisation_id=organisation_id)
        await row.update_from_dict(values).save(update_fields=list(values))
        return row
