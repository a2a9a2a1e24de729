"""Payments into a student's account: recorded by staff, imported from a bank statement or
paid in Telegram. Each gets the organisation's next receipt number.
"""

from __future__ import annotations

from datetime import date

from core.events import PaymentReceived
from core.models.finance import EntryKind, FinanceSettings, LedgerEntry, PaymentMethod
from core.services.ledger import do_add_entry, organisation_currency
from core.tx import Tx


async def do_next_receipt_no(organisation_id: int) -> str:
    """Take the organisation's next receipt number ("000042") under a row lock, so two
    cashiers never print the same number."""
    settings = await FinanceSettings.select_for_update().get_or_none(
        organisation_id=organisation_id
    )
    if settings is None:
        settings = await FinanceSettings.create(
            organisation_id=organisation_id,
            currency=await organisation_currency(organisation_id),
        )
        settings = await FinanceSettings.select_for_update().get(id=settings.id)
    number = settings.next_receipt_no
    settings.next_receipt_no = number + 1
    await settings.save(update_fields=["next_receipt_no"])
    return f"{number:06d}"


async def do_record_payment(
    tx: Tx,
    *,
    organisation_id: int,
    student_id: int,
    amount: int,
    currency: str,
    method: PaymentMethod,
    occurred_on: date,
    external_id: str | None = None,
    reason: str = "",
    created_by_id: int | None = None,
) -> LedgerEntry:
    """Append a payment with the next receipt number and emit ``PaymentReceived`` (after
    commit). Trusted: the caller checked the amount, the student and the permission; an
    ``external_id`` seen before fails on the unique index (the caller's transaction rolls
    back)."""
    entry = await do_add_entry(
        tx,
        organisation_id=organisation_id,
        student_id=student_id,
        kind=EntryKind.PAYMENT,
        amount=amount,
        currency=currency,
        occurred_on=occurred_on,
        method=method,
        receipt_no=await do_next_receipt_no(organisation_id),
        external_id=external_id,
        reason=reason,
        created_by_id=created_by_id,
    )
    tx.emit(
        PaymentReceived(
            organisation_id=organisation_id,
            student_id=student_id,
            entry_id=entry.id,
            amount=amount,
            currency=currency,
        )
    )
    return entry
