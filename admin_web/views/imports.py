"""Excel: the student import page, its template, and the export of the people list."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from admin_web.keys import ORGANISATION, actor_of, deps_of, language_of
from admin_web.render import download, flash, render, render_error
from core.errors import Conflict, ImportRejected, InvalidInput
from core.i18n import N_
from core.services.exports import XLSX_CONTENT_TYPE, export_people, people_filter
from core.services.imports import build_student_template, import_students, upload_limit
from core.services.orgs import local_time

routes = web.RouteTableDef()
TEMPLATE = "imports/index.html"


def _xlsx(data: bytes, filename: str) -> web.Response:
    return download(data, content_type=XLSX_CONTENT_TYPE, filename=filename)


def _context(request: web.Request) -> dict[str, Any]:
    settings = deps_of(request).settings
    return {
        "max_rows": settings.import_max_rows,
        "max_mb": round(upload_limit(deps_of(request)) / (1024 * 1024), 1),
        "problems": [],
    }


@routes.get("/import")
async def import_page(request: web.Request) -> web.Response:
    return await render(request, TEMPLATE, _context(request))


@routes.get("/import/template.xlsx")
async def import_template(request: web.Request) -> web.Response:
    data = build_student_template(
        language_of(request), max_rows=deps_of(request).settings.import_max_rows
    )
    return _xlsx(data, "sabaq-students.xlsx")


@routes.post("/import")
async def import_upload(request: web.Request) -> web.Response:
    form = await request.post()
    upload = form.get("file")
    context = _context(request)
    try:
        if not isinstance(upload, web.FileField) or not upload.filename:
            raise InvalidInput(N_("Choose the Excel file to upload."), field="file")
        result = await import_students(
            deps_of(request), actor_of(request), data=upload.file.read(), filename=upload.filename
        )
    except ImportRejected as error:
        language = language_of(request)
        context["problems"] = [(p.row, p.translated(language)) for p in error.problems]
        return await render_error(request, TEMPLATE, context, error)
    except (InvalidInput, Conflict) as error:
        return await render_error(request, TEMPLATE, context, error)
    await flash(
        request,
        N_(
            "Imported {students} students and enrolled {enrolments} of them in groups. "
            "Parents: {parents_created} added, {parents_reused} already on record."
        ),
        students=result.students_created,
        enrolments=result.enrolments,
        parents_created=result.parents_created,
        parents_reused=result.parents_reused,
    )
    raise web.HTTPSeeOther("/import")


@routes.get("/people/export.xlsx")
async def people_export(request: web.Request) -> web.Response:
    query = request.query
    filters = people_filter(
        query=query.get("q", ""),
        role=query.get("role", ""),
        archived=query.get("archived", "") in {"1", "on", "true", "yes"},
    )
    data = await export_people(actor_of(request), filters=filters, language=language_of(request))
    organisation = request.get(ORGANISATION)
    today = local_time(
        deps_of(request).clock.now(), organisation.timezone if organisation else "Asia/Almaty"
    ).date()
    return _xlsx(data, f"sabaq-people-{today.isoformat()}.xlsx")
