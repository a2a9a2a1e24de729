"""A test's report: the page (with the score histogram), and its .xlsx and .pdf files."""

from __future__ import annotations

from urllib.parse import urlencode

from aiohttp import web

from admin_web.forms import optional_id, row_id
from admin_web.keys import ORGANISATION, actor_of, deps_of, granted_of, language_of
from admin_web.render import download, render
from core.permissions import Permission
from core.question_kinds import KIND_LABELS, localised
from core.services.exports import XLSX_CONTENT_TYPE
from core.services.orgs import local_time
from core.services.testing_reports import (
    DISCRIMINATION_MIN_STUDENTS,
    option_summary,
    percent_text,
    score_chart,
    test_results,
    test_results_pdf,
    test_results_xlsx,
)

routes = web.RouteTableDef()

PDF_CONTENT_TYPE = "application/pdf"


def _query(request: web.Request) -> tuple[int, int | None]:
    return row_id(request.match_info["id"]), optional_id(request.query.get("group"))


def _suffix(group_id: int | None) -> str:
    return f"?{urlencode({'group': group_id})}" if group_id else ""


@routes.get(r"/tests/{id:\d+}/results")
async def results_page(request: web.Request) -> web.Response:
    test_id, group_id = _query(request)
    language = language_of(request)
    results = await test_results(actor_of(request), test_id=test_id, group_id=group_id)
    granted = granted_of(request)
    return await render(
        request,
        "results/test.html",
        {
            "results": results,
            "chart": score_chart(results, language),
            "text": lambda loc: localised(loc, language),
            "kind_labels": KIND_LABELS,
            "options": lambda question: option_summary(question, language),
            "percent": percent_text,
            "few_students": DISCRIMINATION_MIN_STUDENTS,
            "suffix": _suffix(group_id),
            "can_open_test": bool(granted & {Permission.TESTS_MANAGE, Permission.TEST_RESULTS}),
        },
    )


@routes.get(r"/tests/{id:\d+}/results.xlsx")
async def results_xlsx(request: web.Request) -> web.Response:
    test_id, group_id = _query(request)
    data = await test_results_xlsx(
        actor_of(request), test_id=test_id, group_id=group_id, language=language_of(request)
    )
    return download(data, content_type=XLSX_CONTENT_TYPE, filename=_filename(request, "xlsx"))


@routes.get(r"/tests/{id:\d+}/results.pdf")
async def results_pdf(request: web.Request) -> web.Response:
    test_id, group_id = _query(request)
    data = await test_results_pdf(
        actor_of(request), test_id=test_id, group_id=group_id, language=language_of(request)
    )
    return download(data, content_type=PDF_CONTENT_TYPE, filename=_filename(request, "pdf"))


def _filename(request: web.Request, extension: str) -> str:
    organisation = request.get(ORGANISATION)
    timezone = organisation.timezone if organisation else "Asia/Almaty"
    today = local_time(deps_of(request).clock.now(), timezone).date().isoformat()
    return f"sabaq-test-{request.match_info['id']}-results-{today}.{extension}"
