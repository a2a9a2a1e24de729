"""The ledger: a student's account in an organisation, as append-only entries.

Every other money module writes through ``do_add_entry`` and reads balances here. An entry
is never changed or deleted (the database refuses it too); a mistake is undone by
``do_reverse_entry``, an entry of the opposite amount that names the one it cancels. So a
balance is always ``SUM(amount)``: positive is the student's credit, negative their debt.

Who may see an account (``access_account``): staff with ``finance.view``, the student, and
the student's parents. Automatic charges are not written to the audit trail one by one —
the entry itself says what, when and why; staff actions on money are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from tortoise.functions import Count, Sum

from core.actor import Actor
from core.errors import Conflict, InvalidInput, NotFound
from core.i18n import N_
from core.models.finance import EntryKind, FinanceSettings, LedgerEntry, PaymentMethod
from core.models.people import Membership, Person
from core.money import DEFAULT_CURRENCY
from core.permissions import Permission, has_permission, organisation_lineage
from core.services.lessons import children_of, person_names
from core.tx import Tx

_CHUNK = 500

ENTRY_KIND_LABELS: dict[EntryKind, str] = {
    EntryKind.PAYMENT: N_("Payment"),
    EntryKind.CHARGE: N_("Charge"),
    EntryKind.DISCOUNT: N_("Discount"),
    EntryKind.REFUND: N_("Refund"),
    EntryKind.CORRECTION: N_("Correction"),
    EntryKind.REVERSAL: N_("Reversal"),
}

PAYMENT_METHOD_LABELS: dict[PaymentMethod, str] = {
    PaymentMethod.CASH: N_("Cash"),
    PaymentMethod.CARD: N_("Card"),
    PaymentMethod.TRANSFER: N_("Bank transfer"),
    PaymentMethod.KASPI: N_("Kaspi"),
    PaymentMethod.TELEGRAM: N_("Telegram"),
}

#: The sign each kind's amount must have (``None``: either, never zero).
_SIGNS: dict[EntryKind, int | None] = {
    EntryKind.PAYMENT: 1,
    EntryKind.DISCOUNT: 1,
    EntryKind.CHARGE: -1,
    EntryKind.REFUND: -1,
    EntryKind.CORRECTION: None,
    EntryKind.REVERSAL: None,
}


@dataclass(frozen=True)
class FinanceSettingsData:
    currency: str = DEFAULT_CURRENCY
    due_reminder_days: tuple[int, ...] = (3, 1)
    running_out_lessons: int = 2
    exam_debt_threshold: int | None = None
    how_to_pay: str = ""


@dataclass(frozen=True)
class Account:
    """A student's account as its reader may see it."""

    organisation_id: int
    student_id: int
    student_name: str
    currency: str


@dataclass(frozen=True)
class EntryView:
    id: int
    student_id: int
    kind: EntryKind
    amount: int
    currency: str
    occurred_on: date
    created_at: datetime
    method: PaymentMethod | None
    receipt_no: str | None
    subscription_id: int | None
    lesson_id: int | None
    reverses_id: int | None
    reason: str
    reversed: bool


def parse_reminder_days(text: str) -> tuple[int, ...]:
    """``"3,1"`` → ``(3, 1)``; ignores blanks, sorts from the earliest reminder.

    Raises:
        InvalidInput: something other than whole numbers of days from 1 to 60.
    """
    days: set[int] = set()
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= 60:
            raise InvalidInput(
                N_("Write days before the payment as numbers from 1 to 60, like 3,1."),
                field="due_reminder_days",
            )
        days.add(int(part))
    return tuple(sorted(days, reverse=True))


def _settings_data(row: FinanceSettings) -> FinanceSettingsData:
    return FinanceSettingsData(
        currency=row.currency,
        due_reminder_days=parse_reminder_days(row.due_reminder_days),
        running_out_lessons=row.running_out_lessons,
        exam_debt_threshold=row.exam_debt_threshold,
        how_to_pay=row.how_to_pay,
    )


async def finance_settings(organisation_id: int) -> FinanceSettingsData:
    """The money settings in force: the organisation's own, else its nearest ancestor's,
    else the defaults (KZT, reminders 3 and 1 days before, "running out" at 2 lessons)."""
    lineage = await organisation_lineage(organisation_id)
    rows = {
        row.organisation_id: row  # type: ignore[attr-defined]
        for row in await FinanceSettings.filter(organisation_id__in=lineage)
    }
    for org_id in lineage:
        if org_id in rows:
            return _settings_data(rows[org_id])
    return FinanceSettingsData()


async def organisation_currency(organisation_id: int) -> str:
    return (await finance_settings(organisation_id)).currency


async def may_see_account(actor: Actor, student_id: int) -> bool:
    """Staff with ``finance.view``, the student, or one of the student's parents."""
    if actor.person_id == student_id:
        return True
    if actor.person_id is not None and student_id in await children_of(actor.person_id):
        return True
    return await has_permission(actor, Permission.FINANCE_VIEW)


async def access_account(actor: Actor, student_id: int) -> Account:
    """The account of a student of the actor's organisation that the actor may see.

    Raises:
        NotFound: no such student here, or the actor may not see their money.
    """
    is_member = await Membership.filter(
        person_id=student_id, organisation_id=actor.organisation_id
    ).exists()
    if not is_member or not await may_see_account(actor, student_id):
        raise NotFound()
    names = await person_names([student_id])
    return Account(
        organisation_id=actor.organisation_id,
        student_id=student_id,
        student_name=names.get(student_id, ""),
        currency=await organisation_currency(actor.organisation_id),
    )


async def lock_account(student_id: int) -> None:
    """Hold the student's row until the transaction ends, so writes that depend on the
    balance (a refund no larger than what is left, a charge counted once) run one at a time
    per student. ``FOR NO KEY UPDATE`` on PostgreSQL; SQLite serialises writers anyway."""
    _ = await Person.select_for_update(no_key=True).get(id=student_id)


async def do_add_entry(
    tx: Tx,
    *,
    organisation_id: int,
    student_id: int,
    kind: EntryKind,
    amount: int,
    currency: str,
    occurred_on: date,
    method: PaymentMethod | None = None,
    receipt_no: str | None = None,
    subscription_id: int | None = None,
    lesson_id: int | None = None,
    charge_key: str | None = None,
    external_id: str | None = None,
    reverses_id: int | None = None,
    reason: str = "",
    created_by_id: int | None = None,
) -> LedgerEntry:
    """Append one entry. The caller has checked permissions and business rules; this checks
    only what would make the ledger itself wrong.

    Raises:
        ValueError: a zero amount, or an amount of the wrong sign for its kind.
    """
    sign = _SIGNS[kind]
    if amount == 0 or (sign is not None and (amount > 0) != (sign > 0)):
        raise ValueError(f"{kind} entry of {amount}")
    return await LedgerEntry.create(
        organisation_id=organisation_id,
        student_id=student_id,
        kind=kind,
        amount=amount,
        currency=currency,
        occurred_on=occurred_on,
        method=method,
        receipt_no=receipt_no,
        subscription_id=subscription_id,
        lesson_id=lesson_id,
        charge_key=charge_key,
        external_id=external_id,
        reverses_id=reverses_id,
        reason=reason[:300],
        created_at=tx.now,
        created_by_id=created_by_id,
    )


async def do_reverse_entry(
    tx: Tx, entry: LedgerEntry, *, occurred_on: date, reason: str, created_by_id: int | None
) -> LedgerEntry:
    """Cancel ``entry`` with an entry of the opposite amount.

    Raises:
        Conflict: the entry is itself a reversal, or was reversed already (also enforced by
            the unique ``reverses_id``).
    """
    if entry.kind == EntryKind.REVERSAL:
        raise Conflict(N_("A reversal cannot be reversed; record a correction instead."))
    if await LedgerEntry.filter(reverses_id=entry.id).exists():
        raise Conflict(N_("This entry has already been reversed."))
    # Only a charge's reversal names its subscription and lesson, so "charges of a
    # subscription" are exactly its CHARGE and REVERSAL entries.
    is_charge = entry.kind == EntryKind.CHARGE
    return await do_add_entry(
        tx,
        organisation_id=entry.organisation_id,  # type: ignore[attr-defined]
        student_id=entry.student_id,  # type: ignore[attr-defined]
        kind=EntryKind.REVERSAL,
        amount=-entry.amount,
        currency=entry.currency,
        occurred_on=occurred_on,
        subscription_id=entry.subscription_id if is_charge else None,  # type: ignore[attr-defined]
        lesson_id=entry.lesson_id if is_charge else None,  # type: ignore[attr-defined]
        reverses_id=entry.id,
        reason=reason,
        created_by_id=created_by_id,
    )


@dataclass(frozen=True)
class SubscriptionUse:
    """What a subscription has cost so far: its charges net of their reversals."""

    charged: int
    lessons_charged: int


async def subscription_uses(subscription_ids: Iterable[int]) -> dict[int, SubscriptionUse]:
    """``SubscriptionUse`` per subscription (every id asked for is in the answer).

    Only charges and the reversals of charges carry a subscription (``do_reverse_entry``),
    so the charged amount is minus the sum of those entries and the lessons charged are the
    charges that stand (monthly charges count too; they are one per month).
    """
    ids = sorted(set(subscription_ids))
    amounts: dict[int, int] = dict.fromkeys(ids, 0)
    counts: dict[int, int] = dict.fromkeys(ids, 0)
    for start in range(0, len(ids), _CHUNK):
        rows = (
            await LedgerEntry.filter(
                subscription_id__in=ids[start : start + _CHUNK],
                kind__in=(EntryKind.CHARGE, EntryKind.REVERSAL),
            )
            .annotate(total=Sum("amount"), entries=Count("id"))
            .group_by("subscription_id", "kind")
            .values_list("subscription_id", "kind", "total", "entries")
        )
        for subscription_id, kind, total, entries in rows:
            amounts[subscription_id] -= int(total)
            counts[subscription_id] += entries if kind == EntryKind.CHARGE else -entries
    return {
        sub_id: SubscriptionUse(charged=amounts[sub_id], lessons_charged=counts[sub_id])
        for sub_id in ids
    }


async def balance(organisation_id: int, student_id: int) -> int:
    """The student's balance in minor units: the sum of their entries."""
    total = (
        await LedgerEntry.filter(organisation_id=organisation_id, student_id=student_id)
        .annotate(total=Sum("amount"))
        .first()
        .values_list("total", flat=True)
    )
    return int(total or 0)  # type: ignore[arg-type]


async def balances(
    organisation_id: int, student_ids: Iterable[int] | None = None
) -> dict[int, int]:
    """Balances of many students at once (all with entries when ``student_ids`` is None);
    students without entries are absent from the answer."""
    result: dict[int, int] = {}
    if student_ids is None:
        slices: list[list[int] | None] = [None]
    else:
        ids = sorted(set(student_ids))
        slices = [ids[start : start + _CHUNK] for start in range(0, len(ids), _CHUNK)]
    for chunk in slices:
        query = LedgerEntry.filter(organisation_id=organisation_id)
        if chunk is not None:
            query = query.filter(student_id__in=chunk)
        rows = (
            await query.annotate(total=Sum("amount"))
            .group_by("student_id")
            .values_list("student_id", "total")
        )
        result.update((int(student), int(total or 0)) for student, total in rows)
    return result


async def entry_views(entries: Iterable[LedgerEntry]) -> list[EntryView]:
    """Entries as plain data, each knowing whether a later entry reversed it."""
    entries = list(entries)
    ids = [entry.id for entry in entries]
    reversed_ids: set[int] = set()
    for start in range(0, len(ids), _CHUNK):
        rows = await LedgerEntry.filter(reverses_id__in=ids[start : start + _CHUNK]).values_list(
            "reverses_id", flat=True
        )
        reversed_ids.update(int(value) for value in rows)  # type: ignore[call-overload]
    return [
        EntryView(
            id=entry.id,
            student_id=entry.student_id,  # type: ignore[attr-defined]
            kind=EntryKind(entry.kind),
            amount=entry.amount,
            currency=entry.currency,
            occurred_on=entry.occurred_on,
            created_at=entry.created_at,
            method=PaymentMethod(entry.method) if entry.method else None,
            receipt_no=entry.receipt_no,
            subscription_id=entry.subscription_id,  # type: ignore[attr-defined]
            lesson_id=entry.lesson_id,  # type: ignore[attr-defined]
            reverses_id=entry.reverses_id,
            reason=entry.reason,
            reversed=entry.id in reversed_ids,
        )
        for entry in entries
    ]


async def access_entry(actor: Actor, entry_id: int) -> LedgerEntry:
    """An entry of the actor's organisation on an account the actor may see.

    Raises:
        NotFound: missing, elsewhere, or out of the actor's reach.
    """
    entry = await LedgerEntry.get_or_none(id=entry_id, organisation_id=actor.organisation_id)
    if entry is None or not await may_see_account(actor, entry.student_id):  # type: ignore[attr-defined]
        raise NotFound()
    return entry
