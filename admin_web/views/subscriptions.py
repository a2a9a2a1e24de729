"""A student's subscriptions: lessons left, validity, freezes; sell, freeze, extend, cancel."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from admin_web.forms import FormData, integer, optional_date, optional_id, row_id, text
from admin_web.keys import actor_of, deps_of, language_of
from admin_web.render import flash, render, render_error
from core.errors import Conflict, InvalidInput
from core.i18n import N_
from core.money import Money, format_amount, parse_money
from core.services.ledger import PAYMENT_METHOD_LABELS
from core.services.prices import BILLING_LABELS, PLAN_KIND_LABELS
from core.services.subscriptions import (
    REASON_MAX,
    REFUND_METHODS,
    STATUS_LABELS,
    PaymentMethod,
    cancel_subscription,
    extend_subscription,
    freeze_subscription,
    sell_subscription,
    subscriptions_page,
)

routes = web.RouteTableDef()

TEMPLATE = "finance/subscriptions.html"
PATH = r"/people/{id:\d+}/subscriptions"
ACTION = PATH + r"/{sub:\d+}/{action:freeze|extend|cancel}"


def _page_path(student_id: int) -> str:
    return f"/people/{student_id}/subscriptions"


async def _context(request: web.Request, student_id: int, **extra: Any) -> dict[str, Any]:
    language = language_of(request)
    page = await subscriptions_page(deps_of(request), actor_of(request), student_id=student_id)
    return {
        "page": page,
        "money": lambda amount, currency=page.currency: format_amount(amount, currency, language),
        "plain": lambda amount: str(Money(amount).decimal),
        "status_labels": STATUS_LABELS,
        "kind_labels": PLAN_KIND_LABELS,
        "billing_labels": BILLING_LABELS,
        "methods": REFUND_METHODS,
        "method_labels": PAYMENT_METHOD_LABELS,
        "reason_max": REASON_MAX,
        "values": {},
        "error_form": "",
        **extra,
    }


@routes.get(PATH)
async def subscriptions_view(request: web.Request) -> web.Response:
    student_id = row_id(request.match_info["id"])
    return await render(request, TEMPLATE, await _context(request, student_id))


def _values(form: FormData, names: tuple[str, ...]) -> dict[str, str]:
    return {name: text(form, name, limit=REASON_MAX) for name in names}


@routes.post(PATH)
async def subscription_sell(request: web.Request) -> web.Response:
    student_id = row_id(request.match_info["id"])
    form = await request.post()
    values = _values(form, ("plan_id", "discount_id", "group_id", "starts_on", "due_on"))
    try:
        plan_id = optional_id(values["plan_id"])
        if plan_id is None:
            raise InvalidInput(N_("Choose a plan."), field="plan_id")
        sub = await sell_subscription(
            deps_of(request),
            actor_of(request),
            student_id=student_id,
            plan_id=plan_id,
            discount_id=optional_id(values["discount_id"]),
            group_id=optional_id(values["group_id"]),
            starts_on=optional_date(form, "starts_on"),
            due_on=optional_date(form, "due_on"),
        )
    except (InvalidInput, Conflict) as error:
        context = await _context(request, student_id, values=values, error_form="sell")
        return await render_error(request, TEMPLATE, context, error)
    await flash(request, N_("The subscription “{plan}” is sold."), plan=sub.plan_name)
    raise web.HTTPSeeOther(_page_path(student_id))


async def _act(request: web.Request, action: str, form: FormData, sub_id: int) -> int:
    """Run one action on a subscription; the student whose page to show next."""
    deps, actor = deps_of(request), actor_of(request)
    reason = text(form, "reason", limit=REASON_MAX)
    if action == "freeze":
        starts_on, ends_on = optional_date(form, "starts_on"), optional_date(form, "ends_on")
        if starts_on is None or ends_on is None:
            raise InvalidInput(
                N_("Give the first and the last day of the freeze."), field="starts_on"
            )
        view = await freeze_subscription(
            deps,
            actor,
            subscription_id=sub_id,
            starts_on=starts_on,
            ends_on=ends_on,
            reason=reason,
        )
        await flash(request, N_("The subscription is frozen."))
    elif action == "extend":
        view = await extend_subscription(
            deps, actor, subscription_id=sub_id, days=integer(form, "days"), reason=reason
        )
        await flash(request, N_("The subscription is extended."))
    else:
        raw_refund = text(form, "refund", limit=40).strip()
        try:
            method = PaymentMethod(text(form, "method", limit=20))
        except ValueError:
            raise InvalidInput(N_("Choose how the money is paid back."), field="method") from None
        view = await cancel_subscription(
            deps,
            actor,
            subscription_id=sub_id,
            refund=parse_money(raw_refund, field="refund", allow_zero=True).amount
            if raw_refund
            else None,
            method=method,
            reason=reason,
        )
        await flash(request, N_("The subscription is cancelled."))
    return view.student_id


@routes.post(ACTION)
async def subscription_action(request: web.Request) -> web.Response:
    student_id = row_id(request.match_info["id"])
    sub_id = row_id(request.match_info["sub"])
    action = request.match_info["action"]
    form = await request.post()
    try:
        student_id = await _act(request, action, form, sub_id)
    except (InvalidInput, Conflict) as error:
        values = _values(form, ("starts_on", "ends_on", "days", "refund", "method", "reason"))
        context = await _context(
            request, student_id, values=values, error_form=f"{action}-{sub_id}"
        )
        return await render_error(request, TEMPLATE, context, error)
    raise web.HTTPSeeOther(_page_path(student_id))
