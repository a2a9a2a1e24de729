"""Salaries: teachers with their rules, the rule form, a month's bonuses and deductions, and
the month's payroll (compute, review, approve, .xlsx)."""

from __future__ import annotations

from datetime import date
from typing import Any

from aiohttp import web
from multidict import MultiMapping

from admin_web.forms import FormData, optional_date, optional_id, text
from admin_web.keys import actor_of, deps_of, granted_of, language_of
from admin_web.render import download, flash, render, render_error
from core.errors import Conflict, InvalidInput, NotFound
from core.i18n import N_
from core.money import format_amount, parse_money
from core.permissions import Permission
from core.services.salaries import (
    ADJUSTMENT_LABELS,
    PAYROLL_STATUS_LABELS,
    REASON_MAX,
    XLSX_CONTENT_TYPE,
    AdjustmentKind,
    RuleData,
    add_adjustment,
    approve_payroll,
    chosen_month,
    compute_payroll,
    export_payroll,
    format_month,
    format_percent,
    parse_percent,
    payroll_view,
    remove_adjustment,
    remove_salary_rule,
    salary_currency,
    salary_overview,
    set_salary_rule,
)

routes = web.RouteTableDef()
TEMPLATE = "finance/salaries.html"
PAYROLL_TEMPLATE = "finance/payroll.html"
FORM_ERRORS = (InvalidInput, Conflict)
RULE_FIELDS = ("per_lesson", "per_student", "per_hour", "monthly")
#: Every value the salaries page's forms show (empty until typed).
FORM_VALUES = (
    "teacher",
    "valid_from",
    *RULE_FIELDS,
    "revenue_percent",
    "adjustment_teacher",
    "kind",
    "amount",
    "reason",
)


def _id(request: web.Request) -> int:
    # The routes only match digits.
    return int(request.match_info["id"])


async def _month(request: web.Request, source: MultiMapping[Any] | None = None) -> date:
    """The month asked for; the month before this one by default (the one to pay).

    Raises:
        InvalidInput: not a month.
    """
    raw = source.get("month", "") if source is not None else ""
    typed = raw if isinstance(raw, str) else ""
    return await chosen_month(deps_of(request), actor_of(request), typed)


def _month_value(month: date) -> str:
    """The ``YYYY-MM`` a month input and an address carry."""
    return month.strftime("%Y-%m")


def _helpers(request: web.Request, currency: str) -> dict[str, Any]:
    language = language_of(request)
    return {
        "money": lambda amount: format_amount(amount, currency, language),
        "percent": lambda basis_points: format_percent(basis_points, language),
        "format_month": format_month,
        "month_value": _month_value,
    }


# --- rules and adjustments ------------------------------------------------------------------


async def _context(
    request: web.Request,
    month: date,
    values: dict[str, str] | None = None,
    *,
    form: str = "",
) -> dict[str, Any]:
    """The salaries page; ``form`` names the form an error belongs to (rule, adjustment)."""
    overview = await salary_overview(deps_of(request), actor_of(request), month=month)
    return {
        "overview": overview,
        "month": month,
        "values": dict.fromkeys(FORM_VALUES, "") | (values or {}),
        "form": form,
        "adjustment_labels": ADJUSTMENT_LABELS,
        "reason_max": REASON_MAX,
        **_helpers(request, overview.currency),
    }


@routes.get("/salaries")
async def salaries_page(request: web.Request) -> web.Response:
    try:
        month = await _month(request, request.query)
    except InvalidInput as error:
        context = await _context(request, await _month(request))
        return await render_error(request, TEMPLATE, context, error)
    return await render(request, TEMPLATE, await _context(request, month))


def _amount(form: FormData, name: str, currency: str) -> int:
    typed = text(form, name, limit=40)
    if not typed.strip():
        return 0
    return parse_money(typed, currency=currency, field=name, allow_zero=True).amount


def _teacher(form: FormData) -> int:
    teacher = optional_id(text(form, "teacher", limit=20))
    if teacher is None:
        raise InvalidInput(N_("Choose a teacher."), field="teacher")
    return teacher


@routes.post("/salaries/rules")
async def rule_save(request: web.Request) -> web.Response:
    deps, actor = deps_of(request), actor_of(request)
    form = await request.post()
    names = ("teacher", "valid_from", *RULE_FIELDS, "revenue_percent", "month")
    values = {name: text(form, name, limit=40) for name in names}
    month = await _month(request, form)
    try:
        currency = await salary_currency(actor)
        valid_from = optional_date(form, "valid_from")
        if valid_from is None:
            raise InvalidInput(N_("Enter the date the rule starts."), field="valid_from")
        teacher = _teacher(form)
        await set_salary_rule(
            deps,
            actor,
            teacher_id=teacher,
            data=RuleData(
                valid_from=valid_from,
                **{name: _amount(form, name, currency) for name in RULE_FIELDS},
                revenue_basis_points=parse_percent(
                    values["revenue_percent"], field="revenue_percent"
                ),
            ),
        )
    except FORM_ERRORS as error:
        context = await _context(request, month, values, form="rule")
        return await render_error(request, TEMPLATE, context, error)
    await flash(request, N_("The salary rule is saved."))
    raise web.HTTPSeeOther(f"/salaries?month={_month_value(month)}#teacher-{teacher}")


@routes.post(r"/salaries/rules/{id:\d+}/remove")
async def rule_remove(request: web.Request) -> web.Response:
    form = await request.post()
    month = await _month(request, form)
    try:
        await remove_salary_rule(deps_of(request), actor_of(request), rule_id=_id(request))
    except FORM_ERRORS as error:
        return await render_error(request, TEMPLATE, await _context(request, month), error)
    await flash(request, N_("The salary rule is removed."))
    raise web.HTTPSeeOther(f"/salaries?month={_month_value(month)}")


@routes.post("/salaries/adjustments")
async def adjustment_add(request: web.Request) -> web.Response:
    deps, actor = deps_of(request), actor_of(request)
    form = await request.post()
    values = {
        "adjustment_teacher": text(form, "teacher", limit=20),
        "kind": text(form, "kind", limit=20),
        "amount": text(form, "amount", limit=40),
        "reason": text(form, "reason", limit=REASON_MAX + 100),
    }
    month = await _month(request, form)
    try:
        try:
            kind = AdjustmentKind(values["kind"])
        except ValueError:
            raise InvalidInput(N_("Choose a bonus or a deduction."), field="kind") from None
        await add_adjustment(
            deps,
            actor,
            teacher_id=_teacher(form),
            month=month,
            kind=kind,
            amount=parse_money(values["amount"], currency=await salary_currency(actor)),
            reason=values["reason"],
        )
    except FORM_ERRORS as error:
        context = await _context(request, month, values, form="adjustment")
        return await render_error(request, TEMPLATE, context, error)
    await flash(request, N_("Saved."))
    raise web.HTTPSeeOther(f"/salaries?month={_month_value(month)}#adjustments")


@routes.post(r"/salaries/adjustments/{id:\d+}/remove")
async def adjustment_remove(request: web.Request) -> web.Response:
    form = await request.post()
    month = await _month(request, form)
    try:
        await remove_adjustment(deps_of(request), actor_of(request), adjustment_id=_id(request))
    except FORM_ERRORS as error:
        return await render_error(request, TEMPLATE, await _context(request, month), error)
    await flash(request, N_("Removed."))
    raise web.HTTPSeeOther(f"/salaries?month={_month_value(month)}#adjustments")


# --- the payroll ------------------------------------------------------------------------------


async def _payroll_context(request: web.Request, month: date) -> dict[str, Any]:
    payroll = await payroll_view(deps_of(request), actor_of(request), month=month)
    granted = granted_of(request)
    currency = payroll.currency if payroll else await salary_currency(actor_of(request))
    return {
        "payroll": payroll,
        "month": month,
        "status_labels": PAYROLL_STATUS_LABELS,
        "may_manage": Permission.SALARIES_MANAGE in granted,
        **_helpers(request, currency),
    }


@routes.get("/salaries/payroll")
async def payroll_page(request: web.Request) -> web.Response:
    try:
        month = await _month(request, request.query)
    except InvalidInput as error:
        context = await _payroll_context(request, await _month(request))
        return await render_error(request, PAYROLL_TEMPLATE, context, error)
    return await render(request, PAYROLL_TEMPLATE, await _payroll_context(request, month))


@routes.post("/salaries/payroll/compute")
async def payroll_compute(request: web.Request) -> web.Response:
    form = await request.post()
    month = await _month(request, form)
    try:
        await compute_payroll(deps_of(request), actor_of(request), month=month)
    except FORM_ERRORS as error:
        context = await _payroll_context(request, month)
        return await render_error(request, PAYROLL_TEMPLATE, context, error)
    await flash(request, N_("The payroll is computed. Review it before approving."))
    raise web.HTTPSeeOther(f"/salaries/payroll?month={_month_value(month)}")


@routes.post("/salaries/payroll/approve")
async def payroll_approve(request: web.Request) -> web.Response:
    form = await request.post()
    month = await _month(request, form)
    try:
        await approve_payroll(deps_of(request), actor_of(request), month=month)
    except (*FORM_ERRORS, NotFound) as error:
        context = await _payroll_context(request, month)
        return await render_error(request, PAYROLL_TEMPLATE, context, error)
    await flash(request, N_("The payroll is approved and locked. Teachers get their statements."))
    raise web.HTTPSeeOther(f"/salaries/payroll?month={_month_value(month)}")


@routes.get("/salaries/payroll.xlsx")
async def payroll_xlsx(request: web.Request) -> web.Response:
    month = await _month(request, request.query)
    data = await export_payroll(
        deps_of(request), actor_of(request), month=month, language=language_of(request)
    )
    return download(
        data, content_type=XLSX_CONTENT_TYPE, filename=f"sabaq-payroll-{_month_value(month)}.xlsx"
    )
