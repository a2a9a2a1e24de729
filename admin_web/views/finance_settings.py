"""The organisation's money settings: currency, payment reminders, "running out", the exam
debt threshold and how to pay."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from admin_web.forms import integer, text
from admin_web.keys import actor_of, deps_of, granted_of, language_of
from admin_web.render import flash, render, render_error
from core.errors import Conflict, InvalidInput
from core.i18n import N_
from core.money import CURRENCIES, format_money
from core.permissions import Permission
from core.services.finance_settings import (
    HOW_TO_PAY_MAX,
    RUNNING_OUT_MAX,
    RUNNING_OUT_MIN,
    FinanceSettingsView,
    update_finance_settings,
    view_finance_settings,
)

routes = web.RouteTableDef()

TEMPLATE = "finance/settings.html"
PATH = "/organisation/finance"
FIELDS = (
    "currency",
    "due_reminder_days",
    "running_out_lessons",
    "exam_debt_threshold",
    "how_to_pay",
)


def _values_of(view: FinanceSettingsView) -> dict[str, str]:
    settings = view.settings
    threshold = view.exam_debt_threshold
    return {
        "currency": settings.currency,
        "due_reminder_days": ",".join(str(day) for day in settings.due_reminder_days),
        "running_out_lessons": str(settings.running_out_lessons),
        "exam_debt_threshold": "" if threshold is None else f"{threshold.decimal:f}",
        "how_to_pay": settings.how_to_pay,
    }


async def _page(request: web.Request, values: dict[str, str] | None = None) -> dict[str, Any]:
    view = await view_finance_settings(actor_of(request))
    threshold = view.exam_debt_threshold
    return {
        "current": _values_of(view),
        "values": values or _values_of(view),
        "threshold_text": ""
        if threshold is None
        else format_money(threshold, language_of(request)),
        "currencies": CURRENCIES,
        "currency_locked": view.currency_locked,
        "running_out_min": RUNNING_OUT_MIN,
        "running_out_max": RUNNING_OUT_MAX,
        "how_to_pay_max": HOW_TO_PAY_MAX,
        "fields": FIELDS,
        "can_manage": Permission.PRICES_MANAGE in granted_of(request),
    }


@routes.get(PATH)
async def finance_settings_page(request: web.Request) -> web.Response:
    return await render(request, TEMPLATE, await _page(request))


@routes.post(PATH)
async def finance_settings_save(request: web.Request) -> web.Response:
    form = await request.post()
    # Browsers send a text area's line breaks as CR LF: room for them before core counts.
    values = {
        name: text(form, name, limit=2 * HOW_TO_PAY_MAX if name == "how_to_pay" else 100)
        for name in FIELDS
    }
    try:
        await update_finance_settings(
            deps_of(request),
            actor_of(request),
            currency=values["currency"],
            due_reminder_days=values["due_reminder_days"],
            running_out_lessons=integer(form, "running_out_lessons"),
            exam_debt_threshold=values["exam_debt_threshold"],
            how_to_pay=values["how_to_pay"],
        )
    except (InvalidInput, Conflict) as error:
        return await render_error(request, TEMPLATE, await _page(request, values), error)
    await flash(request, N_("Saved."))
    raise web.HTTPSeeOther(PATH)
