"""The price list: plans and discounts, with forms to add and archive them."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeVar

from aiohttp import web

from admin_web.forms import FormData, integer, integers, row_id, text
from admin_web.keys import actor_of, deps_of, language_of
from admin_web.render import flash, render, render_error
from core.errors import Conflict, InvalidInput
from core.i18n import N_
from core.money import format_amount, parse_money
from core.services.prices import (
    BILLING_LABELS,
    DISCOUNT_KIND_LABELS,
    DISCOUNT_REASON_LABELS,
    PLAN_KIND_LABELS,
    Billing,
    DiscountData,
    DiscountKind,
    DiscountReason,
    PlanData,
    PlanKind,
    create_discount,
    create_plan,
    price_list,
    set_discount_archived,
    set_plan_archived,
)

routes = web.RouteTableDef()
E = TypeVar("E", bound=StrEnum)

TEMPLATE = "finance/prices.html"
PATH = "/prices"
PLAN_FIELDS = (
    "name",
    "kind",
    "price",
    "lessons",
    "validity_days",
    "billing",
    "unexcused_percent",
    "excused_percent",
)
PLAN_DEFAULTS = {
    "name": "",
    "kind": PlanKind.SUBSCRIPTION.value,
    "price": "",
    "lessons": "8",
    "validity_days": "30",
    "billing": Billing.ATTENDED.value,
    "unexcused_percent": "100",
    "excused_percent": "0",
}
DISCOUNT_FIELDS = ("name", "kind", "value", "reason")
DISCOUNT_DEFAULTS = {
    "name": "",
    "kind": DiscountKind.PERCENT.value,
    "value": "",
    "reason": DiscountReason.OTHER.value,
}


def _money(request: web.Request) -> Any:
    language = language_of(request)
    return lambda amount, currency: format_amount(amount, currency, language)


async def _context(request: web.Request, **extra: Any) -> dict[str, Any]:
    return {
        "listing": await price_list(actor_of(request)),
        "kind_labels": PLAN_KIND_LABELS,
        "billing_labels": BILLING_LABELS,
        "discount_kind_labels": DISCOUNT_KIND_LABELS,
        "reason_labels": DISCOUNT_REASON_LABELS,
        "money": _money(request),
        "plan_values": PLAN_DEFAULTS,
        "chosen_courses": (),
        "chosen_groups": (),
        "discount_values": DISCOUNT_DEFAULTS,
        "error_form": "",
        **extra,
    }


def _choice(kind: type[E], raw: str, field: str) -> E:
    try:
        return kind(raw)
    except ValueError:
        raise InvalidInput(N_("Choose a value from the list."), field=field) from None


def _plan_data(form: FormData, values: dict[str, str]) -> PlanData:
    return PlanData(
        name=values["name"],
        kind=_choice(PlanKind, values["kind"], "kind"),
        price=parse_money(values["price"], field="price").amount,
        lessons=integer(form, "lessons"),
        validity_days=integer(form, "validity_days"),
        billing=_choice(Billing, values["billing"], "billing"),
        unexcused_percent=integer(form, "unexcused_percent"),
        excused_percent=integer(form, "excused_percent"),
        course_ids=integers(form, "course_ids"),
        group_ids=integers(form, "group_ids"),
    )


@routes.get(PATH)
async def prices_page(request: web.Request) -> web.Response:
    return await render(request, TEMPLATE, await _context(request))


@routes.post(PATH + "/plans")
async def plan_create(request: web.Request) -> web.Response:
    form = await request.post()
    values = {name: text(form, name, limit=300) for name in PLAN_FIELDS}
    try:
        plan = await create_plan(
            deps_of(request), actor_of(request), data=_plan_data(form, values)
        )
    except (InvalidInput, Conflict) as error:
        context = await _context(
            request,
            plan_values=values,
            chosen_courses=integers(form, "course_ids"),
            chosen_groups=integers(form, "group_ids"),
            error_form="plan",
        )
        return await render_error(request, TEMPLATE, context, error)
    await flash(request, N_("The plan “{name}” is on the price list."), name=plan.name)
    raise web.HTTPSeeOther(PATH)


@routes.post(PATH + "/discounts")
async def discount_create(request: web.Request) -> web.Response:
    form = await request.post()
    values = {name: text(form, name, limit=300) for name in DISCOUNT_FIELDS}
    try:
        kind = _choice(DiscountKind, values["kind"], "kind")
        value = (
            integer(form, "value")
            if kind == DiscountKind.PERCENT
            else parse_money(values["value"], field="value").amount
        )
        discount = await create_discount(
            deps_of(request),
            actor_of(request),
            data=DiscountData(
                name=values["name"],
                kind=kind,
                value=value,
                reason=_choice(DiscountReason, values["reason"], "reason"),
            ),
        )
    except (InvalidInput, Conflict) as error:
        context = await _context(request, discount_values=values, error_form="discount")
        return await render_error(request, TEMPLATE, context, error)
    await flash(request, N_("The discount “{name}” is on the price list."), name=discount.name)
    raise web.HTTPSeeOther(PATH)


async def _archive(request: web.Request, *, plan: bool, archived: bool) -> web.Response:
    item_id = row_id(request.match_info["id"])
    deps, actor = deps_of(request), actor_of(request)
    try:
        if plan:
            await set_plan_archived(deps, actor, plan_id=item_id, archived=archived)
        else:
            await set_discount_archived(deps, actor, discount_id=item_id, archived=archived)
    except Conflict as error:
        return await render_error(request, TEMPLATE, await _context(request), error)
    await flash(request, N_("Archived.") if archived else N_("Back on the price list."))
    raise web.HTTPSeeOther(PATH)


@routes.post(PATH + r"/plans/{id:\d+}/archive")
async def plan_archive(request: web.Request) -> web.Response:
    return await _archive(request, plan=True, archived=True)


@routes.post(PATH + r"/plans/{id:\d+}/restore")
async def plan_restore(request: web.Request) -> web.Response:
    return await _archive(request, plan=True, archived=False)


@routes.post(PATH + r"/discounts/{id:\d+}/archive")
async def discount_archive(request: web.Request) -> web.Response:
    return await _archive(request, plan=False, archived=True)


@routes.post(PATH + r"/discounts/{id:\d+}/restore")
async def discount_restore(request: web.Request) -> web.Response:
    return await _archive(request, plan=False, archived=False)
