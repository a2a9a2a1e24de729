"""Money reports: the /finance dashboard and one page per report, each with ``?format=xlsx``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from admin_web.forms import optional_id, query_date, query_int
from admin_web.keys import ORGANISATION, actor_of, deps_of, language_of
from admin_web.render import download, render, render_error
from core.errors import InvalidInput
from core.money import format_amount
from core.services.exports import XLSX_CONTENT_TYPE
from core.services.finance_reports import (
    BILLING_LABELS,
    FORECAST_LABELS,
    REPORT_LABELS,
    SUBSCRIPTION_STATUS_LABELS,
    WEEKS_DEFAULT,
    FinanceReportKind,
    Report,
    SubscriptionStatus,
    debts_report,
    export_workbook,
    finance_dashboard,
    find_students,
    forecast_chart,
    forecast_report,
    history_report,
    income_report,
    month_label,
    revenue_chart,
    revenue_report,
    subscriptions_report,
    year_report,
)
from core.services.ledger import ENTRY_KIND_LABELS, PAYMENT_METHOD_LABELS
from core.services.orgs import local_time

routes = web.RouteTableDef()
#: Rows a page shows of a long report; the workbook has them all.
PAGE_ROWS = 500


def _today(request: web.Request) -> date:
    organisation = request.get(ORGANISATION)
    return local_time(
        deps_of(request).clock.now(), organisation.timezone if organisation else "Asia/Almaty"
    ).date()


def _context(request: web.Request, kind: FinanceReportKind | None) -> dict[str, Any]:
    language = language_of(request)
    query = {key: value for key, value in request.query.items() if key != "format"}
    return {
        "kind": kind,
        "kinds": REPORT_LABELS,
        "money": lambda amount, currency: format_amount(amount, currency, language),
        "month_name": lambda month: month_label(month, language),
        "xlsx_link": f"{request.path}?{urlencode({**query, 'format': 'xlsx'})}",
        "method_labels": PAYMENT_METHOD_LABELS,
        "entry_labels": ENTRY_KIND_LABELS,
        "forecast_labels": FORECAST_LABELS,
        "billing_labels": BILLING_LABELS,
        "status_labels": SUBSCRIPTION_STATUS_LABELS,
        "page_rows": PAGE_ROWS,
        "report": None,
    }


async def _report_page(
    request: web.Request,
    kind: FinanceReportKind,
    build: Callable[[], Awaitable[Report]],
    extra: dict[str, Any] | None = None,
) -> web.Response:
    """Build the report (the query's filters are read inside ``build``), then show it or,
    with ``?format=xlsx``, send it as a workbook. A bad filter is shown on the page."""
    template = f"finance/reports_{kind.value}.html"
    extra = extra if extra is not None else {}
    try:
        report = await build()
    except InvalidInput as error:
        return await render_error(request, template, {**_context(request, kind), **extra}, error)
    if request.query.get("format") == "xlsx":
        data = await export_workbook(report, language=language_of(request))
        filename = f"sabaq-{kind.value}-{_today(request).isoformat()}.xlsx"
        return download(data, content_type=XLSX_CONTENT_TYPE, filename=filename)
    return await render(request, template, {**_context(request, kind), **extra, "report": report})


def _period(request: web.Request, default_from: date) -> tuple[date, date]:
    today = _today(request)
    return (
        query_date(request.query, "from") or default_from,
        query_date(request.query, "to") or today,
    )


@routes.get("/finance")
async def dashboard_page(request: web.Request) -> web.Response:
    language = language_of(request)
    dashboard = await finance_dashboard(deps_of(request), actor_of(request))
    return await render(
        request,
        "finance/dashboard.html",
        {
            **_context(request, None),
            "dashboard": dashboard,
            "forecast_svg": forecast_chart(dashboard.forecast, language),
            "revenue_svg": revenue_chart(dashboard.revenue, language),
        },
    )


@routes.get("/finance/reports/income")
async def income_page(request: web.Request) -> web.Response:
    today = _today(request)
    filters = {"from": today.replace(day=1), "to": today}

    async def build() -> Report:
        starts_on, ends_on = _period(request, today.replace(day=1))
        filters.update({"from": starts_on, "to": ends_on})
        return await income_report(
            deps_of(request), actor_of(request), starts_on=starts_on, ends_on=ends_on
        )

    return await _report_page(request, FinanceReportKind.INCOME, build, {"filters": filters})


@routes.get("/finance/reports/debts")
async def debts_page(request: web.Request) -> web.Response:
    async def build() -> Report:
        return await debts_report(deps_of(request), actor_of(request))

    return await _report_page(request, FinanceReportKind.DEBTS, build)


@routes.get("/finance/reports/history")
async def history_page(request: web.Request) -> web.Response:
    today = _today(request)
    student = optional_id(request.query.get("student"))
    filters: dict[str, Any] = {"from": today.replace(month=1, day=1), "to": today}
    if student is None:
        search = request.query.get("q", "").strip()[:100]
        found = await find_students(actor_of(request), query=search)
        return await render(
            request,
            "finance/reports_history.html",
            {
                **_context(request, FinanceReportKind.HISTORY),
                "filters": filters,
                "student": None,
                "search": search,
                "found": found,
            },
        )

    async def build() -> Report:
        starts_on, ends_on = _period(request, today.replace(month=1, day=1))
        filters.update({"from": starts_on, "to": ends_on})
        return await history_report(
            deps_of(request),
            actor_of(request),
            student_id=student,
            starts_on=starts_on,
            ends_on=ends_on,
        )

    return await _report_page(
        request, FinanceReportKind.HISTORY, build, {"filters": filters, "student": student}
    )


@routes.get("/finance/reports/forecast")
async def forecast_page(request: web.Request) -> web.Response:
    weeks = query_int(request.query.get("weeks"), WEEKS_DEFAULT)
    language = language_of(request)
    extra: dict[str, Any] = {"weeks": weeks, "chart": ""}

    async def build() -> Report:
        report = await forecast_report(deps_of(request), actor_of(request), weeks=weeks)
        extra["chart"] = forecast_chart(report, language)
        return report

    return await _report_page(request, FinanceReportKind.FORECAST, build, extra)


@routes.get("/finance/reports/subscriptions")
async def subscriptions_page(request: web.Request) -> web.Response:
    raw = request.query.get("status", SubscriptionStatus.ACTIVE.value)
    status = SubscriptionStatus(raw) if raw in SubscriptionStatus.__members__.values() else None
    group = optional_id(request.query.get("group"))

    async def build() -> Report:
        return await subscriptions_report(
            deps_of(request), actor_of(request), status=status, group_id=group
        )

    return await _report_page(
        request,
        FinanceReportKind.SUBSCRIPTIONS,
        build,
        {"statuses": list(SubscriptionStatus)},
    )


@routes.get("/finance/reports/revenue")
async def revenue_page(request: web.Request) -> web.Response:
    year = query_int(request.query.get("year"), _today(request).year)
    language = language_of(request)
    extra: dict[str, Any] = {"year": year, "chart": ""}

    async def build() -> Report:
        report = await revenue_report(deps_of(request), actor_of(request), year=year)
        extra["chart"] = revenue_chart(report, language)
        return report

    return await _report_page(request, FinanceReportKind.REVENUE, build, extra)


@routes.get("/finance/reports/year")
async def year_page(request: web.Request) -> web.Response:
    year = query_int(request.query.get("year"), _today(request).year)

    async def build() -> Report:
        return await year_report(deps_of(request), actor_of(request), year=year)

    return await _report_page(request, FinanceReportKind.YEAR, build, {"year": year})
