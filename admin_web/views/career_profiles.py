"""The panel's career profiles (issue 9): a student's results over the years, the reports per
class and school with their export, and the Excel import of mock exam results."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from aiohttp import web

from admin_web.forms import row_id, text
from admin_web.keys import actor_of, deps_of, language_of
from admin_web.render import download, flash, render, render_error
from core.career.atlas import localised_titles
from core.career.inventory import TYPES
from core.errors import ImportRejected, InvalidInput
from core.i18n import N_
from core.screening.instruments import BAND_LABELS
from core.services.career_profiles import (
    HIDDEN_TEXT,
    TYPE_LETTERS,
    career_report,
    export_career_report,
    levels_chart,
    mock_chart,
    student_profile,
)
from core.services.exports import XLSX_CONTENT_TYPE
from core.services.mock_exams import EXAM_NAMES, ExamKind, trends
from core.services.mock_imports import (
    MAX_FILE_BYTES,
    build_template,
    import_mock_results,
    preview_mock_import,
)

routes = web.RouteTableDef()
IMPORT_TEMPLATE = "career/import.html"


@routes.get(r"/career/students/{id:\d{1,12}}")
async def profile_page(request: web.Request) -> web.Response:
    language = language_of(request)
    profile = await student_profile(
        deps_of(request), actor_of(request), student_id=row_id(request.match_info["id"])
    )
    kinds = [kind for kind in ExamKind if any(r.kind == kind for r in profile.results)]
    titles = localised_titles()
    return await render(
        request,
        "career/profile.html",
        {
            "profile": profile,
            "types": TYPES,
            "levels_chart": levels_chart(profile.attempts, language),
            "mock_charts": [mock_chart(kind, profile.results, language) for kind in kinds],
            "trends": trends(profile.results),
            "exam_names": EXAM_NAMES,
            "band_labels": BAND_LABELS,
            "title_of": lambda occupation: titles.get(occupation.code, {}).get(
                language, occupation.title
            ),
        },
    )


@routes.get("/career/reports")
async def reports_page(request: web.Request) -> web.Response:
    report = await career_report(deps_of(request), actor_of(request))
    return await render(
        request,
        "career/reports.html",
        {
            "report": report,
            "types": TYPES,
            "type_letters": TYPE_LETTERS,
            "hidden_text": HIDDEN_TEXT,
        },
    )


@routes.get("/career/reports.xlsx")
async def reports_export(request: web.Request) -> web.Response:
    data = await export_career_report(
        deps_of(request), actor_of(request), language=language_of(request)
    )
    return download(data, content_type=XLSX_CONTENT_TYPE, filename="sabaq-career-report.xlsx")


def _import_context(**extra: Any) -> dict[str, Any]:
    return {
        "max_mb": MAX_FILE_BYTES // (1024 * 1024),
        "preview": None,
        "payload": "",
        "problems": [],
        "exam_names": EXAM_NAMES,
        **extra,
    }


@routes.get("/mock-exams/import")
async def import_page(request: web.Request) -> web.Response:
    return await render(request, IMPORT_TEMPLATE, _import_context())


@routes.get("/mock-exams/import/template.xlsx")
async def import_template(request: web.Request) -> web.Response:
    data = build_template(language_of(request))
    return download(data, content_type=XLSX_CONTENT_TYPE, filename="sabaq-mock-exams.xlsx")


def _choose_file() -> InvalidInput:
    return InvalidInput(N_("Choose the Excel file to upload."), field="file")


@routes.post("/mock-exams/import")
async def import_preview(request: web.Request) -> web.Response:
    form = await request.post()
    upload = form.get("file")
    try:
        if not isinstance(upload, web.FileField) or not upload.filename:
            raise _choose_file()
        data = upload.file.read()
        preview = await preview_mock_import(deps_of(request), actor_of(request), data=data)
    except InvalidInput as error:
        return await render_error(request, IMPORT_TEMPLATE, _import_context(), error)
    language = language_of(request)
    return await render(
        request,
        IMPORT_TEMPLATE,
        _import_context(
            preview=preview,
            row_problems={
                row.row: [problem.translated(language) for problem in row.problems]
                for row in preview.rows
            },
            payload=base64.b64encode(data).decode("ascii") if preview.valid else "",
            filename=upload.filename[:200],
        ),
    )


@routes.post("/mock-exams/import/commit")
async def import_commit(request: web.Request) -> web.Response:
    form = await request.post()
    try:
        try:
            data = base64.b64decode(text(form, "payload", limit=2 * MAX_FILE_BYTES), validate=True)
        except (binascii.Error, ValueError):
            raise _choose_file() from None
        if not data:
            raise _choose_file()
        added = await import_mock_results(
            deps_of(request),
            actor_of(request),
            data=data,
            filename=text(form, "filename", limit=200),
        )
    except ImportRejected as error:
        language = language_of(request)
        context = _import_context(
            problems=[(p.row, p.translated(language)) for p in error.problems]
        )
        return await render_error(request, IMPORT_TEMPLATE, context, error)
    except InvalidInput as error:
        return await render_error(request, IMPORT_TEMPLATE, _import_context(), error)
    await flash(request, N_("Imported {count} mock exam results."), count=added)
    raise web.HTTPSeeOther("/mock-exams")
