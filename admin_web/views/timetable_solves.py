"""Generating a stored school timetable (issue 11): the form (time budget, soft rule weights,
keeping the locked lessons), a run's progress (a bar the page's script refreshes from the
run's JSON, a meta refresh without JavaScript) and its result, applied or dropped."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from admin_web.forms import FormData, integer, row_id, text
from admin_web.keys import actor_of, deps_of, language_of
from admin_web.render import flash, render, render_error
from core.errors import Conflict, InvalidInput
from core.i18n import N_
from core.services.timetable_solves import (
    DEFAULT_SECONDS,
    MAX_SECONDS,
    MAX_WEIGHT,
    MIN_SECONDS,
    WEIGHT_KEYS,
    apply_solve,
    drop_solve,
    solve_form,
    solve_status,
    start_solve,
    weights_from,
)

routes = web.RouteTableDef()
FORM_TEMPLATE = "timetables/solve.html"
RUN_TEMPLATE = "timetables/solve_run.html"
#: Seconds between reloads of a running run's page when JavaScript is off.
REFRESH_SECONDS = 3


def _ids(request: web.Request) -> tuple[int, int]:
    return row_id(request.match_info["id"]), row_id(request.match_info["solve"])


async def _form_page(request: web.Request, values: dict[str, Any] | None = None) -> dict[str, Any]:
    form = await solve_form(
        deps_of(request),
        actor_of(request),
        timetable_id=row_id(request.match_info["id"]),
        language=language_of(request),
    )
    defaults: dict[str, Any] = {"seconds": DEFAULT_SECONDS, "keep_locked": True}
    defaults |= {row.key: row.value for row in form.weights}
    return {
        "form": form,
        "values": defaults | (values or {}),
        "limits": {"low": MIN_SECONDS, "high": MAX_SECONDS, "weight": MAX_WEIGHT},
    }


def _entered(form: FormData) -> dict[str, Any]:
    values: dict[str, Any] = {"keep_locked": bool(text(form, "keep_locked", limit=5))}
    for name in ("seconds", *WEIGHT_KEYS):
        values[name] = text(form, name, limit=20)
    return values


@routes.get(r"/timetables/{id:\d+}/solve")
async def solve_page(request: web.Request) -> web.Response:
    return await render(request, FORM_TEMPLATE, await _form_page(request))


@routes.post(r"/timetables/{id:\d+}/solve")
async def solve_start(request: web.Request) -> web.Response:
    form = await request.post()
    timetable_id = row_id(request.match_info["id"])
    try:
        solve_id = await start_solve(
            deps_of(request),
            actor_of(request),
            timetable_id=timetable_id,
            seconds=integer(form, "seconds"),
            keep_locked=bool(text(form, "keep_locked", limit=5)),
            weights=weights_from({key: integer(form, key) for key in WEIGHT_KEYS}),
        )
    except (InvalidInput, Conflict) as error:
        context = await _form_page(request, _entered(form))
        return await render_error(request, FORM_TEMPLATE, context, error)
    raise web.HTTPSeeOther(f"/timetables/{timetable_id}/solves/{solve_id}")


@routes.get(r"/timetables/{id:\d+}/solves/{solve:\d+}")
async def run_page(request: web.Request) -> web.Response:
    timetable_id, solve_id = _ids(request)
    status = await solve_status(
        deps_of(request),
        actor_of(request),
        timetable_id=timetable_id,
        solve_id=solve_id,
        language=language_of(request),
    )
    return await render(request, RUN_TEMPLATE, {"run": status, "refresh": REFRESH_SECONDS})


@routes.get(r"/timetables/{id:\d+}/solves/{solve:\d+}.json")
async def run_json(request: web.Request) -> web.Response:
    timetable_id, solve_id = _ids(request)
    status = await solve_status(
        deps_of(request),
        actor_of(request),
        timetable_id=timetable_id,
        solve_id=solve_id,
        language=language_of(request),
    )
    return web.json_response(
        {
            "state": status.state.value,
            "state_label": status.state_label,
            "percent": status.percent,
            "best_penalty": status.best_penalty,
            "placed": status.placed,
            "total": status.total,
        },
        headers={"Cache-Control": "no-store"},
    )


@routes.post(r"/timetables/{id:\d+}/solves/{solve:\d+}/apply")
async def run_apply(request: web.Request) -> web.Response:
    timetable_id, solve_id = _ids(request)
    await apply_solve(
        deps_of(request), actor_of(request), timetable_id=timetable_id, solve_id=solve_id
    )
    await flash(request, N_("The run's timetable is now in use."))
    raise web.HTTPSeeOther(f"/timetables/{timetable_id}/solves/{solve_id}")


@routes.post(r"/timetables/{id:\d+}/solves/{solve:\d+}/drop")
async def run_drop(request: web.Request) -> web.Response:
    timetable_id, solve_id = _ids(request)
    await drop_solve(
        deps_of(request), actor_of(request), timetable_id=timetable_id, solve_id=solve_id
    )
    await flash(request, N_("The run's timetable was dropped; the timetable stays as it is."))
    raise web.HTTPSeeOther(f"/timetables/{timetable_id}/solves/{solve_id}")
