"""Kaspi Business statements: upload, the list of imports, and matching the rows left over."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from admin_web.forms import row_id, text
from admin_web.keys import actor_of, deps_of, granted_of, language_of
from admin_web.render import flash, render, render_error
from core.errors import Conflict, ImportRejected, InvalidInput, PermissionDenied
from core.i18n import N_
from core.money import format_amount
from core.permissions import Permission
from core.services.imports import upload_limit
from core.services.statements import (
    STATUS_LABELS,
    StatementRowStatus,
    dismiss_statement_row,
    import_statement,
    list_statements,
    match_statement_row,
    statement_detail,
)

routes = web.RouteTableDef()
LIST_TEMPLATE = "finance/statements.html"
DETAIL_TEMPLATE = "finance/statement.html"
ROW_ERRORS = (InvalidInput, Conflict, PermissionDenied)


async def _list_context(request: web.Request) -> dict[str, Any]:
    return {
        "statements": await list_statements(actor_of(request)),
        "can_import": Permission.PAYMENTS_MANAGE in granted_of(request),
        "max_mb": round(upload_limit(deps_of(request)) / (1024 * 1024), 1),
        "problems": [],
    }


@routes.get("/finance/statements")
async def statements_page(request: web.Request) -> web.Response:
    return await render(request, LIST_TEMPLATE, await _list_context(request))


@routes.post("/finance/statements")
async def statements_upload(request: web.Request) -> web.Response:
    form = await request.post()
    upload = form.get("file")
    try:
        if not isinstance(upload, web.FileField) or not upload.filename:
            raise InvalidInput(N_("Choose the statement file to upload."), field="file")
        result = await import_statement(
            deps_of(request),
            actor_of(request),
            data=upload.file.read(),
            filename=upload.filename,
            language=language_of(request),
        )
    except ImportRejected as error:
        context = await _list_context(request)
        language = language_of(request)
        context["problems"] = [(p.row, p.translated(language)) for p in error.problems]
        return await render_error(request, LIST_TEMPLATE, context, error)
    except (InvalidInput, Conflict) as error:
        return await render_error(request, LIST_TEMPLATE, await _list_context(request), error)
    await flash(
        request,
        N_(
            "The statement is imported. Payments recorded: {imported}. To match by hand: "
            "{unmatched}. Skipped: {skipped}."
        ),
        imported=result.imported,
        unmatched=result.unmatched,
        skipped=result.skipped,
    )
    raise web.HTTPSeeOther(f"/finance/statements/{result.statement_id}")


async def _detail_context(request: web.Request, statement_id: int) -> dict[str, Any]:
    query = request.query.get("q", "")[:100]
    detail = await statement_detail(actor_of(request), statement_id, query=query)
    language = language_of(request)
    return {
        "detail": detail,
        "summary": detail.summary,
        "status_labels": STATUS_LABELS,
        "unmatched": StatementRowStatus.UNMATCHED,
        "can_match": Permission.PAYMENTS_MANAGE in granted_of(request),
        "money": lambda amount, currency: format_amount(amount, currency, language),
    }


@routes.get(r"/finance/statements/{id:\d{1,10}}")
async def statement_page(request: web.Request) -> web.Response:
    statement_id = row_id(request.match_info["id"])
    return await render(request, DETAIL_TEMPLATE, await _detail_context(request, statement_id))


@routes.post(r"/finance/statements/{id:\d{1,10}}/rows/{row:\d{1,10}}/match")
async def statement_row_match(request: web.Request) -> web.Response:
    statement_id = row_id(request.match_info["id"])
    form = await request.post()
    try:
        raw_student = text(form, "student", limit=20).strip()
        if not raw_student:
            raise InvalidInput(N_("Choose the student who paid."), field="student")
        await match_statement_row(
            deps_of(request),
            actor_of(request),
            row_id=row_id(request.match_info["row"]),
            student_id=row_id(raw_student),
        )
    except ROW_ERRORS as error:
        context = await _detail_context(request, statement_id)
        return await render_error(request, DETAIL_TEMPLATE, context, error)
    await flash(request, N_("The payment is recorded for the chosen student."))
    raise web.HTTPSeeOther(f"/finance/statements/{statement_id}")


@routes.post(r"/finance/statements/{id:\d{1,10}}/rows/{row:\d{1,10}}/dismiss")
async def statement_row_dismiss(request: web.Request) -> web.Response:
    statement_id = row_id(request.match_info["id"])
    try:
        await dismiss_statement_row(
            deps_of(request), actor_of(request), row_id=row_id(request.match_info["row"])
        )
    except ROW_ERRORS as error:
        context = await _detail_context(request, statement_id)
        return await render_error(request, DETAIL_TEMPLATE, context, error)
    await flash(request, N_("The row is marked as not a student's payment."))
    raise web.HTTPSeeOther(f"/finance/statements/{statement_id}")
