"""Expenses: what an organisation spends, by category, with the paper that proves it.

- **Recording** needs ``expenses.manage``: a category (salaries, rent, utilities, inventory,
  other), a positive amount in the organisation's currency, the local date it was spent (not
  in the future, nor more than a year ago: ``core.services.payments.earliest_day``), a note,
  and optionally one document — a scan of the receipt or the invoice. The document goes
  through the chat's attachment store (``core.attachments``): its type is sniffed from the
  bytes, its size is limited by ``max_upload_bytes``, and it is stored by content under the
  uploads directory, so backups carry it. An approved payroll records its salaries here too
  (``do_record_expense``).
- **Nothing is deleted.** A mistake is cancelled with a reason: the expense stays in the
  list (shown struck through, with the reason) and leaves the totals.
- **Reading** (the list, its totals per category, the documents) needs ``finance.view``;
  people who record expenses (``expenses.manage``) may read them too.

Recording and cancelling are audited.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime

from core import attachments as files
from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.i18n import N_
from core.models.finance import Expense
from core.models.finance import ExpenseCategory as ExpenseCategory  # noqa: PLC0414 - for adapters
from core.money import MAX_AMOUNT, Money
from core.permissions import Permission, has_permission, require
from core.services.audit import do_record
from core.services.ledger import organisation_currency
from core.services.lessons import check_id, local_today, organisation_zone, person_names
from core.services.payments import earliest_day
from core.tx import Tx, transaction

NOTE_MAX = 300
REASON_MAX = 300
#: A list covers at most this many days (a year and a bit, for a yearly review).
PERIOD_DAYS_MAX = 400

CATEGORY_LABELS: dict[ExpenseCategory, str] = {
    ExpenseCategory.SALARIES: N_("Salaries"),
    ExpenseCategory.RENT: N_("Rent"),
    ExpenseCategory.UTILITIES: N_("Utilities"),
    ExpenseCategory.INVENTORY: N_("Inventory"),
    ExpenseCategory.OTHER: N_("Other"),
}

_MISSING_FILE = N_("This file does not exist or is not open to you.")


@dataclass(frozen=True)
class Upload:
    """A file as an adapter received it: what the user called it and its bytes."""

    filename: str
    data: bytes


@dataclass(frozen=True)
class ExpenseData:
    """A new expense as typed (the amount already parsed with ``core.money.parse_money``)."""

    category: ExpenseCategory
    amount: Money
    spent_on: date
    note: str = ""


@dataclass(frozen=True)
class ExpenseView:
    id: int
    category: ExpenseCategory
    amount: int
    currency: str
    spent_on: date
    note: str
    document_name: str
    document_type: str
    created_at: datetime
    created_by: str
    cancelled_at: datetime | None
    cancel_reason: str

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def has_document(self) -> bool:
        return bool(self.document_name)


@dataclass(frozen=True)
class ExpenseFilters:
    """Local dates, both included; ``category`` None: every category."""

    starts_on: date
    ends_on: date
    category: ExpenseCategory | None = None


@dataclass(frozen=True)
class ExpenseList:
    """The expenses of a period, newest first, cancelled ones included; the totals leave the
    cancelled ones out. ``by_category`` has every category (0 when nothing was spent)."""

    filters: ExpenseFilters
    currency: str
    expenses: tuple[ExpenseView, ...]
    by_category: dict[ExpenseCategory, int]
    total: int
    can_manage: bool


@dataclass(frozen=True)
class DocumentDownload:
    """A stored document to serve: always as an attachment, with ``nosniff``."""

    path: str
    filename: str
    content_type: str


def parse_category(value: str) -> ExpenseCategory:
    """A category from a form's choice.

    Raises:
        InvalidInput: not one of the categories.
    """
    try:
        return ExpenseCategory(value.strip())
    except ValueError:
        raise InvalidInput(N_("Choose a category."), field="category") from None


async def _may_read(actor: Actor) -> bool:
    return await has_permission(actor, Permission.FINANCE_VIEW) or await has_permission(
        actor, Permission.EXPENSES_MANAGE
    )


async def _require_read(actor: Actor) -> None:
    if not await _may_read(actor):
        raise PermissionDenied(permission=Permission.FINANCE_VIEW.value)


async def _views(rows: list[Expense]) -> list[ExpenseView]:
    names = await person_names(row.created_by_id for row in rows if row.created_by_id)
    return [
        ExpenseView(
            id=row.id,
            category=ExpenseCategory(row.category),
            amount=row.amount,
            currency=row.currency,
            spent_on=row.spent_on,
            note=row.note,
            document_name=row.document_name if row.document_key else "",
            document_type=row.document_type if row.document_key else "",
            created_at=row.created_at,
            created_by=names.get(row.created_by_id or 0, ""),
            cancelled_at=row.cancelled_at,
            cancel_reason=row.cancel_reason,
        )
        for row in rows
    ]


def _check_period(filters: ExpenseFilters) -> None:
    if filters.ends_on < filters.starts_on:
        raise InvalidInput(N_("The period ends before it starts."), field="to")
    if (filters.ends_on - filters.starts_on).days >= PERIOD_DAYS_MAX:
        raise InvalidInput(
            N_("A list covers at most {days} days."), field="to", days=PERIOD_DAYS_MAX
        )


async def list_expenses(actor: Actor, *, filters: ExpenseFilters) -> ExpenseList:
    """The organisation's expenses spent in the period (of one category, when chosen), with
    totals per category and in all.

    Raises:
        PermissionDenied: the actor may not see money reports or record expenses.
        InvalidInput: the period ends before it starts or is longer than allowed.
    """
    await _require_read(actor)
    _check_period(filters)
    query = Expense.filter(
        organisation_id=actor.organisation_id,
        spent_on__gte=filters.starts_on,
        spent_on__lte=filters.ends_on,
    )
    if filters.category is not None:
        query = query.filter(category=filters.category)
    rows = await query.order_by("-spent_on", "-id")
    views = await _views(rows)
    by_category = dict.fromkeys(ExpenseCategory, 0)
    for view in views:
        if not view.cancelled:
            by_category[view.category] += view.amount
    return ExpenseList(
        filters=filters,
        currency=await organisation_currency(actor.organisation_id),
        expenses=tuple(views),
        by_category=by_category,
        total=sum(by_category.values()),
        can_manage=await has_permission(actor, Permission.EXPENSES_MANAGE),
    )


async def expense_currency(actor: Actor) -> str:
    """The currency expenses are recorded in here (the adapter parses amounts in it)."""
    return await organisation_currency(actor.organisation_id)


async def access_expense(actor: Actor, expense_id: int) -> ExpenseView:
    """One expense of the actor's organisation.

    Raises:
        NotFound: missing, of another organisation, or the actor may not read expenses.
    """
    check_id(expense_id)
    row = await Expense.get_or_none(id=expense_id, organisation_id=actor.organisation_id)
    if row is None or not await _may_read(actor):
        raise NotFound()
    (view,) = await _views([row])
    return view


def _clean(text: str, *, field: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        raise InvalidInput(
            N_("The text is too long: at most {limit} characters."), field=field, limit=limit
        )
    return text


async def do_record_expense(
    tx: Tx,
    actor: Actor,
    *,
    category: ExpenseCategory,
    amount: int,
    currency: str,
    spent_on: date,
    note: str = "",
    document: tuple[str, str, str] | None = None,
) -> Expense:
    """Write one expense and its audit record; trusted (the caller checked everything).

    ``document`` is (storage key, file name, content type) of a file already stored with
    ``core.attachments.store``.

    Raises:
        ValueError: an amount that is not positive (a programming error).
    """
    if amount <= 0:
        raise ValueError(f"an expense of {amount}")
    key, name, content_type = document or (None, "", "")
    expense = await Expense.create(
        organisation_id=actor.organisation_id,
        category=category,
        amount=amount,
        currency=currency,
        spent_on=spent_on,
        note=note[:NOTE_MAX],
        document_key=key,
        document_name=name,
        document_type=content_type,
        created_at=tx.now,
        created_by_id=actor.person_id,
    )
    await do_record(
        tx,
        actor,
        action="expense.create",
        object_type="expense",
        object_id=expense.id,
        after={
            "category": category.value,
            "amount": amount,
            "currency": currency,
            "spent_on": spent_on.isoformat(),
            "note": expense.note,
            "document": name,
        },
    )
    return expense


async def record_expense(
    deps: Deps, actor: Actor, *, data: ExpenseData, document: Upload | None = None
) -> ExpenseView:
    """Record an expense, with its document when one is given.

    Raises:
        PermissionDenied: the actor may not record expenses.
        InvalidInput: an amount that is not positive, too large or in another currency, a
            date in the future or more than a year ago, a note too long, or a document that
            is empty, too large or of a type we do not accept (field ``file``); nothing is
            recorded.
    """
    await require(actor, Permission.EXPENSES_MANAGE)
    currency = await organisation_currency(actor.organisation_id)
    if data.amount.currency != currency:
        raise InvalidInput(
            N_("Expenses here are recorded in {currency}."), field="amount", currency=currency
        )
    if data.amount.amount <= 0:
        raise InvalidInput(N_("The amount must be greater than zero."), field="amount")
    if data.amount.amount > MAX_AMOUNT:
        raise InvalidInput(N_("The amount is too large."), field="amount")
    today = await organisation_today(deps, actor)
    if data.spent_on > today:
        raise InvalidInput(N_("An expense cannot be dated in the future."), field="spent_on")
    if data.spent_on < earliest_day(today):
        raise InvalidInput(
            N_("An expense cannot be dated more than a year ago."), field="spent_on"
        )
    note = _clean(data.note, field="note", limit=NOTE_MAX)
    stored: tuple[str, str, str] | None = None
    if document is not None:
        content_type = files.sniff(
            document.data, document.filename, max_bytes=deps.settings.max_upload_bytes
        )
        # Stored before the transaction: content-addressed, so a rollback leaves at most an
        # unreferenced copy, never a row without its file.
        key = await asyncio.to_thread(files.store, deps.settings, document.data)
        name = files.safe_filename(document.filename, content_type=content_type)
        stored = (key, name, content_type)
    async with transaction(deps) as tx:
        expense = await do_record_expense(
            tx,
            actor,
            category=data.category,
            amount=data.amount.amount,
            currency=currency,
            spent_on=data.spent_on,
            note=note,
            document=stored,
        )
    (view,) = await _views([expense])
    return view


async def cancel_expense(deps: Deps, actor: Actor, *, expense_id: int, reason: str) -> ExpenseView:
    """Cancel an expense: it stays on record, struck through with the reason, and leaves the
    totals.

    Raises:
        PermissionDenied: the actor may not record expenses.
        NotFound: no such expense here.
        InvalidInput: no reason given, or one too long.
        Conflict: the expense is cancelled already.
    """
    await require(actor, Permission.EXPENSES_MANAGE)
    check_id(expense_id)
    reason = _clean(reason, field="reason", limit=REASON_MAX)
    if not reason:
        raise InvalidInput(N_("Say why the expense is cancelled."), field="reason")
    async with transaction(deps) as tx:
        expense = (
            await Expense.filter(id=expense_id, organisation_id=actor.organisation_id)
            .select_for_update()
            .first()
        )
        if expense is None:
            raise NotFound()
        if expense.cancelled_at is not None:
            raise Conflict(N_("This expense is cancelled already."))
        expense.cancelled_at = tx.now
        expense.cancel_reason = reason
        await expense.save(update_fields=["cancelled_at", "cancel_reason"])
        await do_record(
            tx,
            actor,
            action="expense.cancel",
            object_type="expense",
            object_id=expense.id,
            before={"cancelled": False},
            after={"cancelled": True, "reason": reason, "amount": expense.amount},
        )
    (view,) = await _views([expense])
    return view


async def expense_document(deps: Deps, actor: Actor, *, expense_id: int) -> DocumentDownload:
    """The document of an expense, for download by someone who may read expenses.

    Raises:
        NotFound: no such expense here, it has no document, or the actor may not read
            expenses.
    """
    check_id(expense_id)
    row = await Expense.get_or_none(id=expense_id, organisation_id=actor.organisation_id)
    if row is None or not row.document_key or not await _may_read(actor):
        raise NotFound(_MISSING_FILE)
    path = files.open_path(deps.settings, row.document_key)
    return DocumentDownload(str(path), row.document_name, row.document_type)


def default_period(today: date) -> ExpenseFilters:
    """This month so far: what the list shows when no period is chosen."""
    return ExpenseFilters(starts_on=today.replace(day=1), ends_on=today)


async def organisation_today(deps: Deps, actor: Actor) -> date:
    """Today in the organisation's time zone (the default period ends on it)."""
    return local_today(deps.clock.now(), await organisation_zone(actor.organisation_id))
