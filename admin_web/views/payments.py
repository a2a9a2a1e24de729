"""A student's account: balance, what is due, history; payments, refunds, corrections,
reversals; the printable receipt."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from admin_web.forms import FormData, optional_date, query_int, text
from admin_web.keys import actor_of, deps_of, granted_of, language_of
from admin_web.render import download, flash, render, render_error
from core.errors import Conflict, InvalidInput, PermissionDenied
from core.i18n import N_
from core.money import Money, format_amount, parse_money
from core.permissions import Permission
from core.services.admission import BLOCKED_REASON
from core.services.ledger import organisation_currency
from core.services.payments import (
    ENTRY_KIND_LABELS,
    NOTE_MAX,
    PAYMENT_METHOD_LABELS,
    STAFF_METHODS,
    EntryKind,
    PaymentMethod,
    account_page,
    receipt_pdf,
    record_correction,
    record_payment,
    refund,
    reverse_entry,
)

routes = web.RouteTableDef()
TEMPLATE = "finance/account.html"
FORM_ERRORS = (InvalidInput, Conflict, PermissionDenied)
#: Which way a correction moves the balance.
DIRECTIONS = {
    "credit": N_("Add to the balance (the student owes less)"),
    "debit": N_("Take from the balance (the student owes more)"),
}


def _student_id(request: web.Request) -> int:
    # The routes only match digits.
    return int(request.match_info["id"])


async def _context(
    request: web.Request, student_id: int, submitted: dict[str, str] | None = None
) -> dict[str, Any]:
    page = query_int(request.query.get("page"), 1)
    found = await account_page(deps_of(request), actor_of(request), student_id, page=page)
    statement = found.statement
    language = language_of(request)
    granted = granted_of(request)

    def money(amount: int, currency: str = statement.account.currency) -> str:
        return format_amount(amount, currency, language)

    return {
        "statement": statement,
        "account": statement.account,
        "money": money,
        "kind_labels": ENTRY_KIND_LABELS,
        "method_labels": PAYMENT_METHOD_LABELS,
        "methods": STAFF_METHODS,
        "directions": DIRECTIONS,
        "reversal": EntryKind.REVERSAL,
        "payment": EntryKind.PAYMENT,
        "blocked_reason": BLOCKED_REASON,
        "can_pay": Permission.PAYMENTS_MANAGE in granted,
        "can_correct": Permission.LEDGER_CORRECT in granted,
        "today": found.today,
        "earliest": found.earliest,
        "payment_token": found.payment_token,
        "refund_token": found.refund_token,
        "note_max": NOTE_MAX,
        "submitted": submitted or {},
    }


@routes.get(r"/people/{id:\d+}/account")
async def account_view(request: web.Request) -> web.Response:
    return await render(request, TEMPLATE, await _context(request, _student_id(request)))


def _method(form: FormData) -> PaymentMethod:
    try:
        return PaymentMethod(text(form, "method", limit=20))
    except ValueError:
        raise InvalidInput(
            N_("Choose cash, card, bank transfer or Kaspi."), field="method"
        ) from None


async def _amount(request: web.Request, form: FormData) -> Money:
    currency = await organisation_currency(actor_of(request).organisation_id)
    return parse_money(text(form, "amount", limit=40), currency=currency)


async def _handle(
    request: web.Request, action: Callable[[FormData], Awaitable[None]]
) -> web.Response:
    """Run one form's action; on a refusal show the page again with what was typed."""
    student_id = _student_id(request)
    form = await request.post()
    try:
        await action(form)
    except FORM_ERRORS as error:
        submitted = {key: value for key, value in form.items() if isinstance(value, str)}
        submitted.pop("csrf_token", None)
        context = await _context(request, student_id, submitted)
        return await render_error(request, TEMPLATE, context, error)
    raise web.HTTPSeeOther(f"/people/{student_id}/account")


@routes.post(r"/people/{id:\d+}/account/payment")
async def account_payment(request: web.Request) -> web.Response:
    async def act(form: FormData) -> None:
        entry = await record_payment(
            deps_of(request),
            actor_of(request),
            student_id=_student_id(request),
            amount=await _amount(request, form),
            method=_method(form),
            occurred_on=optional_date(form, "date"),
            note=text(form, "note", limit=NOTE_MAX * 2),
            request_token=text(form, "request_token", limit=100),
        )
        await flash(
            request,
            N_("Payment of {amount} recorded, receipt No. {number}."),
            amount=format_amount(entry.amount, entry.currency, language_of(request)),
            number=entry.receipt_no or "",
        )

    return await _handle(request, act)


@routes.post(r"/people/{id:\d+}/account/refund")
async def account_refund(request: web.Request) -> web.Response:
    async def act(form: FormData) -> None:
        entry = await refund(
            deps_of(request),
            actor_of(request),
            student_id=_student_id(request),
            amount=await _amount(request, form),
            method=_method(form),
            occurred_on=optional_date(form, "date"),
            reason=text(form, "reason", limit=NOTE_MAX * 2),
            request_token=text(form, "request_token", limit=100),
        )
        await flash(
            request,
            N_("Refund of {amount} recorded."),
            amount=format_amount(-entry.amount, entry.currency, language_of(request)),
        )

    return await _handle(request, act)


@routes.post(r"/people/{id:\d+}/account/correction")
async def account_correction(request: web.Request) -> web.Response:
    async def act(form: FormData) -> None:
        direction = text(form, "direction", limit=10)
        if direction not in DIRECTIONS:
            raise InvalidInput(N_("Choose which way the balance changes."), field="direction")
        amount = await _amount(request, form)
        await record_correction(
            deps_of(request),
            actor_of(request),
            student_id=_student_id(request),
            amount=amount if direction == "credit" else -amount,
            reason=text(form, "reason", limit=NOTE_MAX * 2),
        )
        await flash(request, N_("The correction is recorded."))

    return await _handle(request, act)


@routes.post(r"/people/{id:\d+}/account/entries/{entry:\d{1,19}}/reverse")
async def account_reverse(request: web.Request) -> web.Response:
    async def act(form: FormData) -> None:
        await reverse_entry(
            deps_of(request),
            actor_of(request),
            int(request.match_info["entry"]),
            student_id=_student_id(request),
            reason=text(form, f"reason_{request.match_info['entry']}", limit=NOTE_MAX * 2),
        )
        await flash(request, N_("The entry is reversed."))

    return await _handle(request, act)


@routes.get(r"/receipts/{entry:\d{1,19}}.pdf")
async def receipt(request: web.Request) -> web.Response:
    found = await receipt_pdf(
        actor_of(request), int(request.match_info["entry"]), language_of(request)
    )
    return download(found.data, content_type="application/pdf", filename=found.filename)
