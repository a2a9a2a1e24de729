"""Payments into a student's account: recorded by staff, imported from a bank statement or
paid in Telegram. Each gets the organisation's next receipt number.

Also the staff's other writes on an account — refunds, corrections, reversals — and what the
account page and the printable receipt show. Rules:

- a payment is only taken for an active (not archived) student of the organisation; a refund,
  a correction or a reversal may still be made for a student who left (paying back what was
  left is the usual case);
- a refund is never larger than the student's credit (checked with the account locked, so two
  cashiers cannot both pay the same credit back);
- a reversal names its reason and cancels one entry once, of the student whose account it is
  asked on; a reversal itself is not reversed;
- a payment, refund or correction is dated on the organisation's today or up to a year
  before it (``earliest_day``), never on a day still to come;
- a desk form carries a one-time token (``new_request_token``); the payment or refund is
  stored with it (``external_id`` ``desk:<organisation>:<token>``), so the same form sent
  twice — a double click, a reload — records one entry, also when both arrive at once;
- every staff write is audited; the ledger entry itself is the record of automatic ones.
"""

from __future__ import annotations

import asyncio
import re
import secrets
from dataclasses import dataclass
from datetime import date

from tortoise.exceptions import IntegrityError

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound
from core.events import PaymentReceived
from core.i18n import N_
from core.models.finance import EntryKind as EntryKind  # noqa: PLC0414 - for adapters
from core.models.finance import LedgerEntry
from core.models.finance import PaymentMethod as PaymentMethod  # noqa: PLC0414 - for adapters
from core.models.org import Organisation
from core.models.people import Membership, Role
from core.money import MAX_AMOUNT, Money
from core.permissions import Permission, require
from core.receipts import Receipt, render_receipt
from core.services.admission import Admission, exam_admission
from core.services.audit import do_record
from core.services.dues import Due, add_months, due_of
from core.services.ledger import (
    ENTRY_KIND_LABELS as ENTRY_KIND_LABELS,  # noqa: PLC0414 - for adapters
)
from core.services.ledger import (
    PAYMENT_METHOD_LABELS as PAYMENT_METHOD_LABELS,  # noqa: PLC0414 - for adapters
)
from core.services.ledger import (
    Account,
    EntryView,
    access_account,
    access_entry,
    balance,
    do_add_entry,
    do_reverse_entry,
    entry_views,
    lock_account,
    organisation_currency,
)
from core.services.lessons import (
    check_id,
    local_today,
    lock_organisation,
    organisation_zone,
    person_names,
)
from core.tx import Tx, transaction

#: How staff may take or pay back money (Telegram payments come from the bot only).
STAFF_METHODS: tuple[PaymentMethod, ...] = (
    PaymentMethod.CASH,
    PaymentMethod.CARD,
    PaymentMethod.TRANSFER,
    PaymentMethod.KASPI,
)
#: Entries on one page of the account's history.
PAGE_SIZE = 50
NOTE_MAX = 300
#: Ids of ledger entries are 64-bit; a larger number from an address is simply unknown.
_MAX_ENTRY_ID = 2**63 - 1
#: How many months back a payment, a refund or a correction may be dated.
BACKDATE_MONTHS = 12
#: A desk form's one-time token, as ``new_request_token`` makes it (URL-safe base64).
_REQUEST_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
_TOKEN_BYTES = 18  # 24 characters
_DESK_PREFIX = "desk:"
_STALE_FORM = N_("This form is out of date. Open the account again and fill the form in anew.")
_FORM_USED = N_(
    "This form has been sent already with other values. Open the account again to record "
    "another entry."
)


async def do_next_receipt_no(organisation_id: int) -> str:
    """The organisation's next receipt number ("000042"): one more than its latest.

    The organisation's row is locked until the transaction ends, so two cashiers take
    numbers one after the other; the unique ``(organisation, receipt_no)`` index is the
    database's own guarantee that no number is printed twice. Numbers are taken in the
    transaction that writes the entry, so the newest entry with a number has the largest.
    """
    await lock_organisation(organisation_id)
    latest = (
        await LedgerEntry.filter(organisation_id=organisation_id, receipt_no__isnull=False)
        .order_by("-id")
        .first()
        .values_list("receipt_no", flat=True)
    )
    number = int(str(latest)) + 1 if latest else 1
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


# --- checks shared by the writes -----------------------------------------------------------


async def check_student(actor: Actor, student_id: int, *, active: bool) -> None:
    """The person is a student of the actor's organisation (an active one when ``active``).

    Raises:
        NotFound: nobody of that id in the organisation.
        InvalidInput: the person is here, but not as a student.
        Conflict: ``active`` and the student is archived here.
    """
    check_id(student_id)
    memberships = await Membership.filter(
        person_id=student_id, organisation_id=actor.organisation_id
    ).values_list("role", "archived_at")
    if not memberships:
        raise NotFound()
    student = [archived_at for role, archived_at in memberships if role == Role.STUDENT]
    if not student:
        raise InvalidInput(
            N_("Only a student has an account to pay into. Choose a student."), field="student"
        )
    if active and all(archived_at is not None for archived_at in student):
        raise Conflict(
            N_(
                "This student is archived, so no payment can be taken for them. Restore the "
                "student first."
            )
        )


async def _check_amount(actor: Actor, amount: Money, *, signed: bool = False) -> str:
    """The organisation's currency, once the amount is known to be in it and in range.

    Raises:
        InvalidInput: another currency, zero, negative (unless ``signed``) or too large.
    """
    currency = await organisation_currency(actor.organisation_id)
    if amount.currency != currency:
        raise InvalidInput(
            N_("This organisation keeps its books in {currency}."),
            field="amount",
            currency=currency,
        )
    if amount.amount == 0 or (amount.amount < 0 and not signed):
        raise InvalidInput(N_("The amount must be greater than zero."), field="amount")
    if abs(amount.amount) > MAX_AMOUNT:
        raise InvalidInput(N_("The amount is too large."), field="amount")
    return currency


def _check_method(method: PaymentMethod) -> PaymentMethod:
    if method not in STAFF_METHODS:
        raise InvalidInput(N_("Choose cash, card, bank transfer or Kaspi."), field="method")
    return method


def earliest_day(today: date) -> date:
    """The earliest day money may be dated on when ``today`` is the organisation's today:
    the same day a year before (a typo like 0202 for 2026 is refused, not recorded)."""
    return add_months(today, -BACKDATE_MONTHS)


async def organisation_today(deps: Deps, organisation_id: int) -> date:
    """Today in the organisation's time zone (its business day)."""
    return local_today(deps.clock.now(), await organisation_zone(organisation_id))


async def _business_day(actor: Actor, tx: Tx, occurred_on: date | None) -> date:
    """``occurred_on``, or the organisation's today; never a day still to come, nor one more
    than a year before today.

    Raises:
        InvalidInput: a date after today, or before ``earliest_day``.
    """
    today = local_today(tx.now, await organisation_zone(actor.organisation_id))
    if occurred_on is None:
        return today
    if occurred_on > today:
        raise InvalidInput(N_("The date cannot be in the future."), field="date")
    if occurred_on < earliest_day(today):
        raise InvalidInput(N_("The date cannot be more than a year ago."), field="date")
    return occurred_on


def new_request_token() -> str:
    """A fresh one-time token for a desk form (a payment's, a refund's): each rendering of
    the form gets its own, and sending it back makes the write happen at most once."""
    return secrets.token_urlsafe(_TOKEN_BYTES)


def _desk_external_id(organisation_id: int, request_token: str | None) -> str | None:
    """The ``external_id`` a desk form's entry is stored with (None: no token was sent).

    Raises:
        InvalidInput: a token that is not one of ours.
    """
    if request_token is None or not request_token.strip():
        return None
    token = request_token.strip()
    if not _REQUEST_TOKEN.fullmatch(token):
        raise InvalidInput(_STALE_FORM)
    return f"{_DESK_PREFIX}{organisation_id}:{token}"


async def _sent_before(
    external_id: str | None, *, student_id: int, kind: EntryKind, amount: int
) -> LedgerEntry | None:
    """The entry the same form recorded already, if any.

    Raises:
        Conflict: the token was used for another student, kind or amount (a form sent
            again after being changed).
    """
    if external_id is None:
        return None
    entry = await LedgerEntry.get_or_none(external_id=external_id)
    if entry is None:
        return None
    same = (entry.student_id, entry.kind, entry.amount) == (  # type: ignore[attr-defined]
        student_id,
        kind,
        amount,
    )
    if not same:
        raise Conflict(_FORM_USED)
    return entry


def _clean(text: str) -> str:
    return " ".join(text.split())[:NOTE_MAX]


def _required_reason(reason: str) -> str:
    cleaned = _clean(reason)
    if not cleaned:
        raise InvalidInput(N_("Write the reason."), field="reason")
    return cleaned


async def _view(entry: LedgerEntry) -> EntryView:
    (view,) = await entry_views([entry])
    return view


def _audit_after(entry: LedgerEntry) -> dict[str, object]:
    return {
        "student_id": entry.student_id,  # type: ignore[attr-defined]
        "kind": EntryKind(entry.kind).value,
        "amount": entry.amount,
        "currency": entry.currency,
        "occurred_on": entry.occurred_on.isoformat(),
        "method": PaymentMethod(entry.method).value if entry.method else None,
        "receipt_no": entry.receipt_no,
        "reverses_id": entry.reverses_id,
        "reason": entry.reason,
    }


# --- the staff's writes ---------------------------------------------------------------------


async def record_payment(
    deps: Deps,
    actor: Actor,
    *,
    student_id: int,
    amount: Money,
    method: PaymentMethod,
    occurred_on: date | None = None,
    note: str = "",
    request_token: str | None = None,
) -> EntryView:
    """Record money a student paid at the desk, with the next receipt number.

    ``amount`` comes from ``core.money.parse_money`` in the organisation's currency;
    ``occurred_on`` None is the organisation's today. ``request_token`` is the form's
    one-time token (``new_request_token``): the same form sent again returns the payment it
    recorded and records nothing more (None: no such protection, for callers without a form).

    Raises:
        PermissionDenied: the actor may not record payments.
        NotFound: no such person in the organisation.
        InvalidInput: not a student, another currency, a non-positive or huge amount, a
            Telegram method, a date still to come or more than a year ago, or a token that
            is not one of ours.
        Conflict: the student is archived, or the form's token was used already for another
            student or amount.
    """
    await require(actor, Permission.PAYMENTS_MANAGE)
    currency = await _check_amount(actor, amount)
    _check_method(method)
    external_id = _desk_external_id(actor.organisation_id, request_token)

    async def sent_before() -> LedgerEntry | None:
        return await _sent_before(
            external_id, student_id=student_id, kind=EntryKind.PAYMENT, amount=amount.amount
        )

    try:
        async with transaction(deps) as tx:
            await check_student(actor, student_id, active=True)
            day = await _business_day(actor, tx, occurred_on)
            if external_id is not None:
                # Under the account's lock, a form sent twice at once is seen the second time.
                await lock_account(student_id)
                if (earlier := await sent_before()) is not None:
                    return await _view(earlier)
            entry = await do_record_payment(
                tx,
                organisation_id=actor.organisation_id,
                student_id=student_id,
                amount=amount.amount,
                currency=currency,
                method=method,
                occurred_on=day,
                external_id=external_id,
                reason=_clean(note),
                created_by_id=actor.person_id,
            )
            await do_record(
                tx,
                actor,
                action="payment.record",
                object_type="ledger_entry",
                object_id=entry.id,
                after=_audit_after(entry),
            )
    except IntegrityError:
        # The unique ``external_id`` kept the first of two sends: return that one.
        if (earlier := await sent_before()) is None:
            raise
        return await _view(earlier)
    return await _view(entry)


async def refund(
    deps: Deps,
    actor: Actor,
    *,
    student_id: int,
    amount: Money,
    method: PaymentMethod,
    occurred_on: date | None = None,
    reason: str = "",
    request_token: str | None = None,
) -> EntryView:
    """Pay money back to a student, not tied to a subscription (cancelling one with a refund
    of its unused part is the subscriptions' use case). At most the student's credit.

    ``request_token``: the form's one-time token, as for ``record_payment`` — the same form
    sent again returns the refund it recorded.

    Raises:
        PermissionDenied: the actor may not record payments.
        NotFound: no such person in the organisation.
        InvalidInput: not a student, a bad amount or method, a date still to come or more
            than a year ago, more than the student's credit ("refund larger than paid"), or
            a token that is not one of ours.
        Conflict: the form's token was used already for another student or amount.
    """
    await require(actor, Permission.PAYMENTS_MANAGE)
    currency = await _check_amount(actor, amount)
    _check_method(method)
    external_id = _desk_external_id(actor.organisation_id, request_token)
    try:
        return await _refund(
            deps,
            actor,
            student_id=student_id,
            amount=amount,
            currency=currency,
            method=method,
            occurred_on=occurred_on,
            reason=reason,
            external_id=external_id,
        )
    except IntegrityError:
        # The unique ``external_id`` kept the first of two sends: return that one.
        earlier = await _sent_before(
            external_id, student_id=student_id, kind=EntryKind.REFUND, amount=-amount.amount
        )
        if earlier is None:
            raise
        return await _view(earlier)


async def _refund(
    deps: Deps,
    actor: Actor,
    *,
    student_id: int,
    amount: Money,
    currency: str,
    method: PaymentMethod,
    occurred_on: date | None,
    reason: str,
    external_id: str | None,
) -> EntryView:
    async with transaction(deps) as tx:
        await check_student(actor, student_id, active=False)
        day = await _business_day(actor, tx, occurred_on)
        await lock_account(student_id)
        earlier = await _sent_before(
            external_id, student_id=student_id, kind=EntryKind.REFUND, amount=-amount.amount
        )
        if earlier is not None:
            return await _view(earlier)
        credit = await balance(actor.organisation_id, student_id)
        if credit <= 0:
            raise InvalidInput(
                N_("There is nothing to refund: the student has no money left on the account."),
                field="amount",
            )
        if amount.amount > credit:
            raise InvalidInput(
                N_(
                    "The refund is larger than what was paid and not used: at most {credit} "
                    "can be refunded."
                ),
                field="amount",
                credit=Money(credit, currency),
            )
        entry = await do_add_entry(
            tx,
            organisation_id=actor.organisation_id,
            student_id=student_id,
            kind=EntryKind.REFUND,
            amount=-amount.amount,
            currency=currency,
            occurred_on=day,
            method=method,
            external_id=external_id,
            reason=_clean(reason),
            created_by_id=actor.person_id,
        )
        await do_record(
            tx,
            actor,
            action="payment.refund",
            object_type="ledger_entry",
            object_id=entry.id,
            after=_audit_after(entry),
        )
    return await _view(entry)


async def record_correction(
    deps: Deps,
    actor: Actor,
    *,
    student_id: int,
    amount: Money,
    reason: str,
    occurred_on: date | None = None,
) -> EntryView:
    """Correct a balance by a signed amount: positive credits the student, negative adds to
    what they owe (a debt taken over from paper books, a fee written off).

    Raises:
        PermissionDenied: the actor may not correct the ledger.
        NotFound: no such person in the organisation.
        InvalidInput: not a student, a zero or huge amount, another currency, no reason, or
            a date still to come or more than a year ago.
    """
    await require(actor, Permission.LEDGER_CORRECT)
    currency = await _check_amount(actor, amount, signed=True)
    cleaned = _required_reason(reason)
    async with transaction(deps) as tx:
        await check_student(actor, student_id, active=False)
        day = await _business_day(actor, tx, occurred_on)
        await lock_account(student_id)
        entry = await do_add_entry(
            tx,
            organisation_id=actor.organisation_id,
            student_id=student_id,
            kind=EntryKind.CORRECTION,
            amount=amount.amount,
            currency=currency,
            occurred_on=day,
            reason=cleaned,
            created_by_id=actor.person_id,
        )
        await do_record(
            tx,
            actor,
            action="ledger.correction",
            object_type="ledger_entry",
            object_id=entry.id,
            after=_audit_after(entry),
        )
    return await _view(entry)


async def reverse_entry(
    deps: Deps, actor: Actor, entry_id: int, *, student_id: int, reason: str
) -> EntryView:
    """Cancel one entry on the account of ``student_id`` with an entry of the opposite amount,
    dated today.

    Raises:
        PermissionDenied: the actor may not correct the ledger.
        NotFound: no such entry in the organisation, or it is on another student's account
            (the account page a reversal is asked on names the student).
        InvalidInput: no reason.
        Conflict: the entry is a reversal, or has been reversed already.
    """
    await require(actor, Permission.LEDGER_CORRECT)
    cleaned = _required_reason(reason)
    check_id(student_id)
    if not 0 < entry_id <= _MAX_ENTRY_ID:
        raise NotFound()
    found = await LedgerEntry.get_or_none(
        id=entry_id, organisation_id=actor.organisation_id, student_id=student_id
    )
    if found is None:
        raise NotFound()
    try:
        async with transaction(deps) as tx:
            day = local_today(tx.now, await organisation_zone(actor.organisation_id))
            await lock_account(found.student_id)  # type: ignore[attr-defined]
            # Read again under the lock: a reversal made meanwhile is seen.
            entry = await LedgerEntry.get(id=entry_id)
            reversal = await do_reverse_entry(
                tx, entry, occurred_on=day, reason=cleaned, created_by_id=actor.person_id
            )
            await do_record(
                tx,
                actor,
                action="ledger.reverse",
                object_type="ledger_entry",
                object_id=entry.id,
                before=_audit_after(entry),
                after=_audit_after(reversal),
            )
    except IntegrityError:
        # A reversal written meanwhile by a path that does not lock the account: the unique
        # ``reverses_id`` keeps the first.
        raise Conflict(N_("This entry has already been reversed.")) from None
    return await _view(reversal)


# --- reading an account ---------------------------------------------------------------------


@dataclass(frozen=True)
class StatementLine:
    """One entry of the history and who recorded it ("" when the system did)."""

    entry: EntryView
    recorded_by: str


@dataclass(frozen=True)
class AccountStatement:
    """A student's account page: the balance (positive: credit; negative: debt), what is due
    and by when, exam admission, and one page of the history, newest first.

    ``archived``: the student no longer studies here (payments are refused, the rest is not).
    ``admission.threshold`` None: the organisation does not block exams for debts."""

    account: Account
    balance: int
    due: Due
    admission: Admission
    archived: bool
    lines: tuple[StatementLine, ...]
    page: int
    pages: int
    entries: int


async def account_statement(actor: Actor, student_id: int, *, page: int = 1) -> AccountStatement:
    """The account as its reader may see it, with page ``page`` of its history (50 a page).

    Raises:
        NotFound: no such student here, or the actor may not see their money.
    """
    check_id(student_id)
    account = await access_account(actor, student_id)
    organisation_id = actor.organisation_id
    query = LedgerEntry.filter(organisation_id=organisation_id, student_id=student_id)
    total = await query.count()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    entries = (
        await query.order_by("-occurred_on", "-id").offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    )
    views = await entry_views(entries)
    names = await person_names({e.created_by_id for e in entries if e.created_by_id})
    due = await due_of(organisation_id, student_id)
    archived = not await Membership.filter(
        person_id=student_id,
        organisation_id=organisation_id,
        role=Role.STUDENT,
        archived_at__isnull=True,
    ).exists()
    return AccountStatement(
        account=account,
        balance=due.balance,
        due=due,
        admission=await exam_admission(organisation_id, student_id),
        archived=archived,
        lines=tuple(
            StatementLine(
                entry=view,
                recorded_by=names.get(entry.created_by_id, "") if entry.created_by_id else "",
            )
            for view, entry in zip(views, entries, strict=True)
        ),
        page=page,
        pages=pages,
        entries=total,
    )


@dataclass(frozen=True)
class AccountPage:
    """What the account page shows: the statement, the organisation's today and the earliest
    day its forms accept, and fresh one-time tokens for its payment and refund forms."""

    statement: AccountStatement
    today: date
    earliest: date
    payment_token: str
    refund_token: str


async def account_page(deps: Deps, actor: Actor, student_id: int, *, page: int = 1) -> AccountPage:
    """The account page: ``account_statement`` plus the dates and tokens its forms need.

    Raises:
        NotFound: no such student here, or the actor may not see their money.
    """
    statement = await account_statement(actor, student_id, page=page)
    today = await organisation_today(deps, actor.organisation_id)
    return AccountPage(
        statement=statement,
        today=today,
        earliest=earliest_day(today),
        payment_token=new_request_token(),
        refund_token=new_request_token(),
    )


# --- the receipt ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReceiptFile:
    receipt_no: str
    data: bytes

    @property
    def filename(self) -> str:
        return f"receipt-{self.receipt_no}.pdf"


async def receipt_pdf(actor: Actor, entry_id: int, language: str) -> ReceiptFile:
    """The printable receipt of a payment, as a PDF in ``language``.

    Whoever may see the account may print it (the student and their parents too). A
    reversed payment's receipt says it was cancelled.

    Raises:
        NotFound: no such payment with a receipt number, or the actor may not see it.
    """
    if not 0 < entry_id <= _MAX_ENTRY_ID:
        raise NotFound()
    entry = await access_entry(actor, entry_id)
    if entry.kind != EntryKind.PAYMENT or not entry.receipt_no:
        raise NotFound()
    organisation = await Organisation.get(id=actor.organisation_id)
    view = await _view(entry)
    student_id: int = entry.student_id  # type: ignore[attr-defined]
    names = await person_names(
        {student_id, *([entry.created_by_id] if entry.created_by_id else [])}
    )
    names_by_language = {
        "kk": organisation.name_kk,
        "ru": organisation.name_ru,
        "en": organisation.name_en,
    }
    receipt = Receipt(
        organisation_name=names_by_language.get(language)
        or organisation.name_ru
        or organisation.name_kk
        or organisation.name_en,
        receipt_no=entry.receipt_no,
        paid_on=entry.occurred_on,
        recorded_at=entry.created_at,
        timezone=organisation.timezone,
        student_name=names.get(student_id, ""),
        amount=Money(entry.amount, entry.currency),
        method=PAYMENT_METHOD_LABELS[PaymentMethod(entry.method)] if entry.method else "",
        received_by=names.get(entry.created_by_id, "") if entry.created_by_id else "",
        note=entry.reason,
        cancelled=view.reversed,
        language=language,
    )
    data = await asyncio.to_thread(render_receipt, receipt)
    return ReceiptFile(receipt_no=entry.receipt_no, data=data)
