"""Consultations (issue 9), the counsellor's and psychologist's pages: publish office hours
(one slot or a weekly series), the upcoming slots with their bookings, the journal with its
filters and .xlsx, and one consultation's journal entry."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from admin_web.forms import optional_date, optional_id, query_date, row_id, text
from admin_web.keys import actor_of, deps_of, language_of
from admin_web.render import download, flash, render, render_error
from core.errors import Conflict, InvalidInput
from core.i18n import N_
from core.services.consultations import (
    KIND_LABELS,
    OUTCOME_LABELS,
    ConsultationKind,
    ConsultationOutcome,
    consultation,
    default_period,
    delete_slot,
    host_cancel_booking,
    host_kinds,
    journal,
    journal_xlsx,
    my_slots,
    publish_slots,
    write_journal,
)
from core.services.exports import XLSX_CONTENT_TYPE

routes = web.RouteTableDef()
LIST_TEMPLATE = "consultations/list.html"
ENTRY_TEMPLATE = "consultations/entry.html"
_KINDS = {kind.value: kind for kind in ConsultationKind}
_OUTCOMES = {
    outcome.value: outcome for outcome in (ConsultationOutcome.HELD, ConsultationOutcome.NO_SHOW)
}
_PUBLISH_FIELDS = ("kind", "first_day", "until", "start", "end", "length", "place")


async def _filters(request: web.Request) -> tuple[Any, Any, int | None]:
    start, end = await default_period(deps_of(request), actor_of(request))
    return (
        query_date(request.query, "from") or start,
        query_date(request.query, "to") or end,
        optional_id(request.query.get("student")),
    )


async def _context(request: web.Request, values: dict[str, str] | None = None) -> dict[str, Any]:
    deps, actor = deps_of(request), actor_of(request)
    context: dict[str, Any] = {
        "kinds": host_kinds(actor),
        "kind_labels": KIND_LABELS,
        "outcome_labels": OUTCOME_LABELS,
        "slots": await my_slots(deps, actor),
        "values": dict.fromkeys(_PUBLISH_FIELDS, "") | (values or {}),
        "rows": [],
        "filter_error": None,
    }
    start, end = await default_period(deps, actor)
    context |= {"start": start, "end": end, "student": None, "students": []}
    try:
        start, end, student = await _filters(request)
        context |= {"start": start, "end": end, "student": student}
        everyone = await journal(deps, actor, start=start, end=end)
        context["students"] = sorted({(row.student, row.student_id) for row in everyone})
        context["rows"] = [row for row in everyone if student in (None, row.student_id)]
    except InvalidInput as error:
        context["filter_error"] = error
    query = {"from": start.isoformat(), "to": end.isoformat()}
    if context["student"]:
        query["student"] = str(context["student"])
    context["xlsx_query"] = urlencode(query)
    return context


@routes.get("/consultations")
async def consultations_page(request: web.Request) -> web.Response:
    return await render(request, LIST_TEMPLATE, await _context(request))


@routes.post("/consultations/slots")
async def slots_publish(request: web.Request) -> web.Response:
    form = await request.post()
    values = {name: text(form, name, limit=120) for name in _PUBLISH_FIELDS}
    try:
        length = values["length"].strip()
        ids = await publish_slots(
            deps_of(request),
            actor_of(request),
            kind=_KINDS.get(values["kind"]),
            first_day=optional_date(form, "first_day") or _missing_day(),
            until=optional_date(form, "until"),
            start=values["start"],
            end=values["end"],
            length_minutes=int(length) if length.isdecimal() else None,
            place=values["place"],
        )
    except InvalidInput as error:
        return await render_error(request, LIST_TEMPLATE, await _context(request, values), error)
    await flash(request, N_("{count} consultation times published."), count=len(ids))
    raise web.HTTPSeeOther("/consultations")


def _missing_day() -> Any:
    raise InvalidInput(N_("Choose the first day."), field="first_day")


@routes.post(r"/consultations/slots/{id:\d+}/delete")
async def slot_delete(request: web.Request) -> web.Response:
    try:
        await delete_slot(
            deps_of(request), actor_of(request), slot_id=row_id(request.match_info["id"])
        )
    except Conflict as error:
        await flash(request, error.message, **error.params)
    else:
        await flash(request, N_("The consultation time was deleted."))
    raise web.HTTPSeeOther("/consultations")


@routes.post(r"/consultations/{id:\d+}/cancel")
async def booking_cancel(request: web.Request) -> web.Response:
    await host_cancel_booking(
        deps_of(request), actor_of(request), booking_id=row_id(request.match_info["id"])
    )
    await flash(request, N_("The booking was cancelled and the student was told."))
    raise web.HTTPSeeOther("/consultations")


@routes.get("/consultations.xlsx")
async def journal_download(request: web.Request) -> web.Response:
    start, end, student = await _filters(request)
    data = await journal_xlsx(
        deps_of(request),
        actor_of(request),
        start=start,
        end=end,
        student_id=student,
        language=language_of(request),
    )
    filename = f"sabaq-consultations-{start.isoformat()}-{end.isoformat()}.xlsx"
    return download(data, content_type=XLSX_CONTENT_TYPE, filename=filename)


async def _entry_context(request: web.Request) -> dict[str, Any]:
    view = await consultation(
        deps_of(request), actor_of(request), booking_id=row_id(request.match_info["id"])
    )
    return {
        "row": view,
        "kind_labels": KIND_LABELS,
        "outcome_labels": OUTCOME_LABELS,
        "outcomes": [ConsultationOutcome.HELD, ConsultationOutcome.NO_SHOW],
    }


@routes.get(r"/consultations/{id:\d+}")
async def entry_page(request: web.Request) -> web.Response:
    return await render(request, ENTRY_TEMPLATE, await _entry_context(request))


@routes.post(r"/consultations/{id:\d+}")
async def entry_write(request: web.Request) -> web.Response:
    form = await request.post()
    booking_id = row_id(request.match_info["id"])
    raw = text(form, "outcome", limit=20)
    try:
        await write_journal(
            deps_of(request),
            actor_of(request),
            booking_id=booking_id,
            outcome=_OUTCOMES.get(raw) or _no_outcome(),
            summary=text(form, "summary", limit=200),
            notes=text(form, "notes", limit=10_000),
            next_steps=text(form, "next_steps", limit=10_000),
        )
    except InvalidInput as error:
        return await render_error(request, ENTRY_TEMPLATE, await _entry_context(request), error)
    await flash(request, N_("The journal entry was saved."))
    raise web.HTTPSeeOther(f"/consultations/{booking_id}")


def _no_outcome() -> Any:
    raise InvalidInput(N_("Mark the consultation held or no-show."), field="outcome")
