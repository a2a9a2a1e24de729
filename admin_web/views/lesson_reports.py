"""Reports on lessons: one page with a tab per report, a period and filters, and .xlsx."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from aiohttp import web
from multidict import MultiMapping

from admin_web.forms import optional_id, query_date, query_int
from admin_web.keys import ORGANISATION, actor_of, deps_of, language_of
from admin_web.render import download, render, render_error
from core.errors import InvalidInput, NotFound
from core.i18n import N_
from core.services.attendance import STATUS_LABELS
from core.services.exports import XLSX_CONTENT_TYPE
from core.services.lesson_reports import (
    REPORT_LABELS,
    THRESHOLD_DEFAULT,
    ReportFilters,
    ReportKind,
    build_report,
    export_report,
    report_choices,
)
from core.services.orgs import local_time

routes = web.RouteTableDef()
TEMPLATE = "reports/lessons.html"
REPORT_ERRORS = (InvalidInput, NotFound)
#: What a report needs chosen before it can be shown.
_NEEDS = {ReportKind.GROUP: "group", ReportKind.STUDENT: "student"}
_HINTS = {
    ReportKind.GROUP: N_("Choose a group to see its attendance."),
    ReportKind.STUDENT: N_("Open a student from a group's attendance to see theirs."),
}


def _kind(query: MultiMapping[str]) -> ReportKind:
    try:
        return ReportKind(query.get("report", ""))
    except ValueError:
        return ReportKind.TEACHERS


def _today(request: web.Request) -> date:
    organisation = request.get(ORGANISATION)
    return local_time(
        deps_of(request).clock.now(), organisation.timezone if organisation else "Asia/Almaty"
    ).date()


def _filters(request: web.Request) -> ReportFilters:
    """The period (this month so far by default, in the organisation's days) and filters."""
    today = _today(request)
    query = request.query
    return ReportFilters(
        starts_on=query_date(query, "from") or today.replace(day=1),
        ends_on=query_date(query, "to") or today,
        group_id=optional_id(query.get("group")),
        teacher_id=optional_id(query.get("teacher")),
        student_id=optional_id(query.get("student")),
        threshold=query_int(query.get("threshold"), THRESHOLD_DEFAULT),
    )


def _link(kind: ReportKind, filters: ReportFilters, **changes: object) -> str:
    """The query string of a report with these filters (and ``changes``)."""
    params: dict[str, object] = {
        "report": kind.value,
        "from": filters.starts_on.isoformat(),
        "to": filters.ends_on.isoformat(),
        "group": filters.group_id or "",
        "teacher": filters.teacher_id or "",
        "student": filters.student_id or "",
        "threshold": filters.threshold,
        **changes,
    }
    return urlencode({key: value for key, value in params.items() if value != ""})


async def _context(
    request: web.Request, kind: ReportKind, filters: ReportFilters
) -> dict[str, Any]:
    choices = await report_choices(actor_of(request))
    return {
        "kind": kind,
        "kinds": REPORT_LABELS,
        "filters": filters,
        "choices": choices,
        "status_labels": STATUS_LABELS,
        "link": lambda target: _link(target, filters),
        "student_link": lambda student_id: _link(
            ReportKind.STUDENT, filters, student=student_id, group="", teacher=""
        ),
        "report": None,
        "hint": None,
    }


@routes.get("/reports/lessons")
async def reports_page(request: web.Request) -> web.Response:
    kind = _kind(request.query)
    try:
        filters = _filters(request)
    except InvalidInput as error:
        today = _today(request)
        context = await _context(request, kind, ReportFilters(today.replace(day=1), today))
        return await render_error(request, TEMPLATE, context, error)
    context = await _context(request, kind, filters)
    needed = _NEEDS.get(kind)
    if needed is not None and getattr(filters, f"{needed}_id") is None:
        return await render(request, TEMPLATE, {**context, "hint": _HINTS[kind]})
    try:
        report = await build_report(
            deps_of(request), actor_of(request), kind=kind, filters=filters
        )
    except REPORT_ERRORS as error:
        return await render_error(request, TEMPLATE, context, error)
    return await render(request, TEMPLATE, {**context, "report": report})


@routes.get("/reports/lessons.xlsx")
async def reports_xlsx(request: web.Request) -> web.Response:
    kind = _kind(request.query)
    filters = _filters(request)
    data = await export_report(
        deps_of(request),
        actor_of(request),
        kind=kind,
        filters=filters,
        language=language_of(request),
    )
    filename = (
        f"sabaq-{kind.value}-{filters.starts_on.isoformat()}-{filters.ends_on.isoformat()}.xlsx"
    )
    return download(data, content_type=XLSX_CONTENT_TYPE, filename=filename)
