"""Expenses: the list of a period (by category, with totals), the form to record one with its
document, cancelling with a reason, and the document's download."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from aiohttp import web
from multidict import MultiMapping

from admin_web.forms import FormData, optional_date, query_date, text
from admin_web.keys import actor_of, deps_of, language_of
from admin_web.render import flash, render, render_error, stored_file
from core.errors import Conflict, InvalidInput
from core.i18n import N_
from core.money import format_amount, parse_money
from core.services.expenses import (
    CATEGORY_LABELS,
    NOTE_MAX,
    REASON_MAX,
    DocumentDownload,
    ExpenseCategory,
    ExpenseData,
    ExpenseFilters,
    Upload,
    cancel_expense,
    default_period,
    expense_currency,
    expense_document,
    list_expenses,
    organisation_today,
    parse_category,
    record_expense,
)
from core.services.payments import earliest_day

routes = web.RouteTableDef()
TEMPLATE = "finance/expenses.html"
FORM_ERRORS = (InvalidInput, Conflict)


def _id(request: web.Request) -> int:
    # The routes only match digits.
    return int(request.match_info["id"])


def _category(query: MultiMapping[str]) -> ExpenseCategory | None:
    try:
        return ExpenseCategory(query.get("category", ""))
    except ValueError:
        return None


async def _filters(request: web.Request, query: MultiMapping[str]) -> ExpenseFilters:
    """The period and category asked for (this month so far by default).

    Raises:
        InvalidInput: a date that is not a date.
    """
    default = default_period(await organisation_today(deps_of(request), actor_of(request)))
    return ExpenseFilters(
        starts_on=query_date(query, "from") or default.starts_on,
        ends_on=query_date(query, "to") or default.ends_on,
        category=_category(query),
    )


def _link(filters: ExpenseFilters) -> str:
    params = {
        "from": filters.starts_on.isoformat(),
        "to": filters.ends_on.isoformat(),
        "category": filters.category.value if filters.category else "",
    }
    return urlencode({key: value for key, value in params.items() if value})


async def _context(
    request: web.Request,
    filters: ExpenseFilters,
    values: dict[str, str] | None = None,
    cancelling: int | None = None,
) -> dict[str, Any]:
    language = language_of(request)
    listing = await list_expenses(actor_of(request), filters=filters)
    today = await organisation_today(deps_of(request), actor_of(request))
    return {
        "listing": listing,
        "filters": filters,
        "query": _link(filters),
        "categories": CATEGORY_LABELS,
        "values": values
        or {"category": "", "amount": "", "spent_on": today.isoformat(), "note": ""},
        "cancelling": cancelling,
        "today": today,
        "earliest": earliest_day(today),
        "note_max": NOTE_MAX,
        "reason_max": REASON_MAX,
        "limit_mb": max(1, deps_of(request).settings.max_upload_bytes // (1024 * 1024)),
        "money": lambda amount: format_amount(amount, listing.currency, language),
    }


@routes.get("/expenses")
async def expenses_page(request: web.Request) -> web.Response:
    try:
        context = await _context(request, await _filters(request, request.query))
    except InvalidInput as error:  # a bad period: show this month's with the message
        default = default_period(await organisation_today(deps_of(request), actor_of(request)))
        return await render_error(request, TEMPLATE, await _context(request, default), error)
    return await render(request, TEMPLATE, context)


def _document(form: FormData, limit: int) -> Upload | None:
    """The uploaded document; an empty file input sends an unnamed empty part."""
    part = form.get("document")
    if not isinstance(part, web.FileField):
        return None
    # One byte past the limit is enough for the service to refuse the file.
    data = part.file.read(limit + 1)
    if not data and not part.filename:
        return None
    return Upload(part.filename or "", data)


@routes.post("/expenses")
async def expense_add(request: web.Request) -> web.Response:
    deps, actor = deps_of(request), actor_of(request)
    form = await request.post()
    values = {
        "category": text(form, "category", limit=20),
        "amount": text(form, "amount", limit=40),
        "spent_on": text(form, "spent_on", limit=20),
        "note": text(form, "note", limit=NOTE_MAX + 100),
    }
    filters = await _filters(request, request.query)
    try:
        spent_on = optional_date(form, "spent_on")
        if spent_on is None:
            raise InvalidInput(N_("Enter the date."), field="spent_on")
        expense = await record_expense(
            deps,
            actor,
            data=ExpenseData(
                category=parse_category(values["category"]),
                amount=parse_money(values["amount"], currency=await expense_currency(actor)),
                spent_on=spent_on,
                note=values["note"],
            ),
            document=_document(form, deps.settings.max_upload_bytes),
        )
    except FORM_ERRORS as error:
        return await render_error(
            request, TEMPLATE, await _context(request, filters, values), error
        )
    await flash(
        request,
        N_("The expense of {amount} is recorded."),
        amount=format_amount(expense.amount, expense.currency, language_of(request)),
    )
    raise web.HTTPSeeOther(f"/expenses?{_link(_around(filters, expense.spent_on))}")


def _around(filters: ExpenseFilters, day: date) -> ExpenseFilters:
    """The list's filters, widened to show ``day``."""
    return ExpenseFilters(
        starts_on=min(filters.starts_on, day),
        ends_on=max(filters.ends_on, day),
        category=filters.category,
    )


@routes.post(r"/expenses/{id:\d+}/cancel")
async def expense_cancel(request: web.Request) -> web.Response:
    form = await request.post()
    filters = await _filters(request, request.query)
    try:
        await cancel_expense(
            deps_of(request),
            actor_of(request),
            expense_id=_id(request),
            reason=text(form, "reason", limit=REASON_MAX + 100),
        )
    except FORM_ERRORS as error:
        context = await _context(request, filters, cancelling=_id(request))
        return await render_error(request, TEMPLATE, context, error)
    await flash(request, N_("The expense is cancelled."))
    raise web.HTTPSeeOther(f"/expenses?{_link(filters)}")


def _download(file: DocumentDownload) -> web.FileResponse:
    return stored_file(file.path, filename=file.filename, content_type=file.content_type)


@routes.get(r"/expenses/{id:\d+}/document")
async def expense_document_download(request: web.Request) -> web.FileResponse:
    return _download(
        await expense_document(deps_of(request), actor_of(request), expense_id=_id(request))
    )
