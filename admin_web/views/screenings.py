"""Screenings (issue 9), the psychologist's pages: assign PHQ-9/GAD-7 to a student or a
group with the parental-consent tick, the assignments with score and band, one result."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from admin_web.forms import optional_id, row_id, text
from admin_web.keys import actor_of, deps_of
from admin_web.render import flash, render, render_error
from core.errors import InvalidInput
from core.i18n import N_
from core.screening.instruments import BAND_LABELS, KAZAKH_DRAFT, instruments
from core.services.screenings import (
    ADULT_AGE,
    AssignReport,
    assign_choices,
    assign_screening,
    list_screenings,
    screening_result,
)

routes = web.RouteTableDef()
LIST_TEMPLATE = "screenings/list.html"


async def _list_context(
    request: web.Request, values: dict[str, str] | None = None, report: AssignReport | None = None
) -> dict[str, Any]:
    actor = actor_of(request)
    return {
        "choices": await assign_choices(actor),
        "assignments": await list_screenings(actor),
        "instruments": instruments(),
        "band_labels": BAND_LABELS,
        "adult_age": ADULT_AGE,
        "values": {"instrument": "", "person_id": "", "group_id": "", "consent": ""}
        | (values or {}),
        "report": report,
    }


@routes.get("/screenings")
async def screenings_page(request: web.Request) -> web.Response:
    return await render(request, LIST_TEMPLATE, await _list_context(request))


@routes.post("/screenings/assign")
async def screening_assign(request: web.Request) -> web.Response:
    form = await request.post()
    values = {
        name: text(form, name, limit=40) for name in ("instrument", "person_id", "group_id")
    } | {"consent": text(form, "consent", limit=2)}
    try:
        report = await assign_screening(
            deps_of(request),
            actor_of(request),
            instrument_id=values["instrument"],
            person_id=optional_id(values["person_id"]),
            group_id=optional_id(values["group_id"]),
            parental_consent=values["consent"] == "1",
        )
    except InvalidInput as error:
        return await render_error(
            request, LIST_TEMPLATE, await _list_context(request, values), error
        )
    if report.refused:
        # Some students of the group were not assigned: the page lists them with the reason.
        return await render(request, LIST_TEMPLATE, await _list_context(request, report=report))
    await flash(
        request,
        N_("Assigned to {count} students; {telegram} of them were told in Telegram."),
        count=len(report.assigned),
        telegram=report.in_telegram,
    )
    raise web.HTTPSeeOther("/screenings")


@routes.get(r"/screenings/{id:\d+}")
async def screening_page(request: web.Request) -> web.Response:
    result = await screening_result(
        deps_of(request), actor_of(request), assignment_id=row_id(request.match_info["id"])
    )
    return await render(
        request,
        "screenings/result.html",
        {"result": result, "band_labels": BAND_LABELS, "kazakh_draft": KAZAKH_DRAFT},
    )
