"""Invoices paid in Telegram (Telegram Payments through the bot's payment provider).

The flow, as Telegram runs it:

1. ``create_invoice``: a student or a parent asks to pay; the invoice is made out to them
   (the payer) for the amount due (``core.services.dues``) unless another amount is given,
   in the organisation's currency, with a random ``payload`` the bot sends with it. An older
   open invoice of the same payer for the same student is cancelled, so only the newest one
   can be paid.
2. ``check_pre_checkout``: before charging, Telegram asks the bot to confirm. The invoice
   must exist, be open, be paid by its payer's Telegram account, and carry the same amount
   and currency; otherwise Telegram shows the user the refusal's message.
3. ``pay_invoice``: after the charge, Telegram sends ``successful_payment``; the payment is
   recorded in the ledger (method ``telegram``, ``external_id`` ``tg:<telegram charge id>``)
   and the invoice marked paid, in one transaction. The same charge delivered twice records
   nothing more (the unique ``external_id``, checked under the invoice's row lock and, for a
   race between processes, by the index itself).

Money Telegram has taken is always recorded, even for an invoice cancelled or paid in the
meantime (two pre-checkouts may race): it becomes credit on the student's account. Payments
are not written to the audit trail: nobody on staff acted, and the ledger entry is the record.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime

from tortoise.exceptions import IntegrityError

from core.actor import Actor
from core.config import Settings
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound
from core.i18n import N_
from core.models.finance import Invoice, InvoiceStatus, LedgerEntry, PaymentMethod
from core.models.people import Account, Membership, Role
from core.money import MINOR_PER_MAJOR, Money
from core.services.dues import due_of
from core.services.ledger import access_account, balance
from core.services.lessons import check_id, local_today, organisation_zone, person_names
from core.services.payments import do_record_payment
from core.tx import transaction

log = logging.getLogger(__name__)

#: The largest invoice, in major units per currency: about US$10 000, the most Telegram's
#: payment providers take in one payment (more is a typing error, or a job for the bank).
MAX_INVOICE_MAJOR: dict[str, int] = {
    "KZT": 5_000_000,
    "KGS": 850_000,
    "RUB": 900_000,
    "USD": 10_000,
    "EUR": 9_000,
}
_DEFAULT_MAX_MAJOR = 10_000
_PAYLOAD_BYTES = 24  # 32 URL-safe characters; Telegram allows 1-128 bytes
EXTERNAL_PREFIX = "tg:"
_MAX_TEXT = 120
_MAX_PAYLOAD = 64  # the column's length

NOT_SET_UP = N_("Payments in Telegram are not set up here. See “How to pay” instead.")
NOTHING_DUE = N_("Nothing to pay now.")
UNKNOWN_INVOICE = N_("This invoice is unknown. Open “Balance and payments” and pay again.")
ALREADY_PAID = N_("This invoice has already been paid.")
OUT_OF_DATE = N_(
    "This invoice is out of date. Open “Balance and payments” and pay the new amount."
)
NOT_YOURS = N_("This invoice was made out to someone else. Open “Balance and payments” to pay.")
CHANGED = N_("The amount of this invoice has changed. Open “Balance and payments” and pay again.")
UNMATCHED = N_(
    "Your payment went through, but we could not match it to an invoice. Please show the "
    "receipt from Telegram to your school or learning centre."
)


@dataclass(frozen=True)
class InvoiceView:
    id: int
    organisation_id: int
    student_id: int
    student_name: str
    payer_id: int
    amount: int
    currency: str
    payload: str
    status: InvoiceStatus
    created_at: datetime


@dataclass(frozen=True)
class InvoicePayment:
    """What a successful payment did: ``recorded`` False when this charge had been recorded
    before (a repeated delivery). ``balance`` is the student's balance after it."""

    invoice_id: int
    student_id: int
    student_name: str
    amount: int
    currency: str
    receipt_no: str | None
    recorded: bool
    balance: int


def payments_enabled(settings: Settings) -> bool:
    """Whether invoices can be paid in Telegram: a payment provider token is configured."""
    return settings.telegram_payments_token is not None


def max_invoice(currency: str) -> int:
    """The largest invoice in minor units of ``currency``."""
    return MAX_INVOICE_MAJOR.get(currency, _DEFAULT_MAX_MAJOR) * MINOR_PER_MAJOR


def _view(invoice: Invoice, student_name: str) -> InvoiceView:
    return InvoiceView(
        id=invoice.id,
        organisation_id=invoice.organisation_id,  # type: ignore[attr-defined]
        student_id=invoice.student_id,  # type: ignore[attr-defined]
        student_name=student_name,
        payer_id=invoice.payer_id,  # type: ignore[attr-defined]
        amount=invoice.amount,
        currency=invoice.currency,
        payload=invoice.payload,
        status=InvoiceStatus(invoice.status),
        created_at=invoice.created_at,
    )


async def create_invoice(
    deps: Deps, actor: Actor, *, student_id: int, amount: int | None = None
) -> InvoiceView:
    """An invoice for the actor (the payer) to pay into the student's account: ``amount``
    minor units, or the amount due now when it is None.

    Raises:
        NotFound: the actor is not a person, or may not see the student's money here.
        Conflict: payments in Telegram are not configured; nothing is due (no ``amount``
            given); the student no longer studies here.
        InvalidInput: the amount is zero, negative or above ``max_invoice``.
    """
    if not payments_enabled(deps.settings):
        raise Conflict(NOT_SET_UP)
    if actor.person_id is None:
        raise NotFound()
    check_id(student_id)
    account = await access_account(actor, student_id)
    studies = await Membership.filter(
        person_id=student_id,
        organisation_id=actor.organisation_id,
        role=Role.STUDENT,
        archived_at__isnull=True,
    ).exists()
    if not studies:
        raise Conflict(
            N_(
                "{name} no longer studies here, so payments in Telegram are closed. "
                "See “How to pay” instead."
            ),
            name=account.student_name,
        )
    currency = account.currency
    if amount is None:
        amount = (await due_of(actor.organisation_id, student_id)).amount
        if amount <= 0:
            raise Conflict(NOTHING_DUE)
    if amount <= 0:
        raise InvalidInput(N_("The amount must be greater than zero."), field="amount")
    if amount > max_invoice(currency):
        raise InvalidInput(
            N_("An invoice in Telegram can be for at most {limit}."),
            field="amount",
            limit=Money(max_invoice(currency), currency),
        )
    async with transaction(deps) as tx:
        await Invoice.filter(
            organisation_id=actor.organisation_id,
            student_id=student_id,
            payer_id=actor.person_id,
            status=InvoiceStatus.OPEN,
        ).update(status=InvoiceStatus.CANCELLED)
        invoice = await Invoice.create(
            organisation_id=actor.organisation_id,
            student_id=student_id,
            payer_id=actor.person_id,
            amount=amount,
            currency=currency,
            payload=secrets.token_urlsafe(_PAYLOAD_BYTES),
            status=InvoiceStatus.OPEN,
            created_at=tx.now,
        )
    return _view(invoice, account.student_name)


async def check_pre_checkout(
    deps: Deps, *, payload: str, amount: int, currency: str, telegram_user_id: int
) -> InvoiceView:
    """Whether Telegram may charge the user for the invoice with ``payload``: it is open,
    the Telegram user is its payer's linked account, and the amount and currency are the
    invoice's. The refusal's message is for the user (Telegram shows it).

    Raises:
        NotFound: no invoice has this payload.
        Conflict: the invoice is paid, cancelled (a newer one replaced it) or another
            person's, or its amount or currency differ.
    """
    invoice = await Invoice.get_or_none(payload=payload) if len(payload) <= _MAX_PAYLOAD else None
    if invoice is None:
        raise NotFound(UNKNOWN_INVOICE)
    if invoice.status == InvoiceStatus.PAID:
        raise Conflict(ALREADY_PAID)
    if invoice.status != InvoiceStatus.OPEN:
        raise Conflict(OUT_OF_DATE)
    payer_id = invoice.payer_id  # type: ignore[attr-defined]
    if not await Account.filter(person_id=payer_id, telegram_user_id=telegram_user_id).exists():
        raise Conflict(NOT_YOURS)
    if amount != invoice.amount or currency != invoice.currency:
        raise Conflict(CHANGED)
    names = await person_names([invoice.student_id])  # type: ignore[attr-defined]
    return _view(invoice, names.get(invoice.student_id, ""))  # type: ignore[attr-defined]


async def pay_invoice(
    deps: Deps,
    *,
    payload: str,
    amount: int,
    currency: str,
    telegram_payment_charge_id: str,
    provider_payment_charge_id: str,
) -> InvoicePayment:
    """Record the money Telegram took for the invoice with ``payload`` and mark it paid.

    ``amount`` is what was charged (Telegram's ``total_amount``); it is recorded as is.

    The refusals below leave the money unrecorded, so they are logged as errors, and their
    message asks the payer to bring Telegram's receipt to the organisation.

    Raises:
        NotFound: no invoice has this payload (nothing to record the money against).
        InvalidInput: an empty or overlong charge id, or a non-positive amount.
        Conflict: the currency is not the invoice's (the books cannot mix currencies).
    """
    charge_id = telegram_payment_charge_id.strip()
    if not charge_id or len(charge_id) > _MAX_TEXT - len(EXTERNAL_PREFIX) or amount <= 0:
        log.error("Telegram payment %r of %s not recorded", telegram_payment_charge_id, amount)
        raise InvalidInput(UNMATCHED)
    external_id = EXTERNAL_PREFIX + charge_id

    async def attempt() -> InvoicePayment:
        return await _pay(
            deps,
            payload=payload,
            amount=amount,
            currency=currency,
            external_id=external_id,
            provider_id=provider_payment_charge_id,
        )

    try:
        return await attempt()
    except IntegrityError:
        # Another process recorded this charge between our check and our insert: the
        # second attempt finds it and records nothing.
        if not await LedgerEntry.filter(external_id=external_id).exists():
            raise
        return await attempt()


async def _pay(
    deps: Deps,
    *,
    payload: str,
    amount: int,
    currency: str,
    external_id: str,
    provider_id: str,
) -> InvoicePayment:
    async with transaction(deps) as tx:
        invoice = (
            await Invoice.select_for_update().get_or_none(payload=payload)
            if len(payload) <= _MAX_PAYLOAD
            else None
        )
        if invoice is None:
            log.error("Telegram payment %s for an unknown invoice payload", external_id)
            raise NotFound(UNMATCHED)
        organisation_id = invoice.organisation_id  # type: ignore[attr-defined]
        student_id = invoice.student_id  # type: ignore[attr-defined]
        if currency != invoice.currency:
            log.error(
                "Telegram payment %s in %s for invoice %s", external_id, currency, invoice.id
            )
            raise Conflict(UNMATCHED)
        entry = await LedgerEntry.get_or_none(external_id=external_id)
        recorded = entry is None
        if entry is None:
            if invoice.status == InvoiceStatus.PAID:
                log.warning("invoice %s paid again by %s: kept as credit", invoice.id, external_id)
            if amount != invoice.amount:
                log.warning(
                    "invoice %s of %s paid with %s (%s)",
                    invoice.id,
                    invoice.amount,
                    amount,
                    external_id,
                )
            zone = await organisation_zone(organisation_id)
            entry = await do_record_payment(
                tx,
                organisation_id=organisation_id,
                student_id=student_id,
                amount=amount,
                currency=invoice.currency,
                method=PaymentMethod.TELEGRAM,
                occurred_on=local_today(tx.now, zone),
                external_id=external_id,
                reason=provider_id.strip()[:_MAX_TEXT],
            )
            if invoice.status != InvoiceStatus.PAID:
                invoice.status = InvoiceStatus.PAID
                invoice.entry_id = entry.id
                invoice.paid_at = tx.now
                await invoice.save(update_fields=["status", "entry_id", "paid_at"])
        names = await person_names([student_id])
        return InvoicePayment(
            invoice_id=invoice.id,
            student_id=student_id,
            student_name=names.get(student_id, ""),
            amount=entry.amount,
            currency=entry.currency,
            receipt_no=entry.receipt_no,
            recorded=recorded,
            balance=await balance(organisation_id, student_id),
        )
