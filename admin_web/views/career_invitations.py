"""Sending the interest inventory (issue 9), the counsellor's pages: send to a group or a
student with the class's grade, the sendings with their counts, one sending's progress per
student with "remind those who have not finished"."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from admin_web.forms import optional_id, row_id, text
from admin_web.keys import actor_of, deps_of
from admin_web.render import flash, render, render_error
from core.errors import InvalidInput
from core.i18n import N_
from core.services.career import GRADES
from core.services.career_invitations import (
    list_sendings,
    remind_unfinished,
    send_choices,
    send_inventory,
    sending_progress,
)

routes = web.RouteTableDef()
LIST_TEMPLATE = "career_invitations/list.html"


async def _list_context(
    request: web.Request, values: dict[str, str] | None = None
) -> dict[str, Any]:
    actor = actor_of(request)
    return {
        "choices": await send_choices(actor),
        "sendings": await list_sendings(actor),
        "grades": GRADES,
        "values": {"grade": "", "person_id": "", "group_id": ""} | (values or {}),
    }


@routes.get("/career-inventory")
async def sendings_page(request: web.Request) -> web.Response:
    return await render(request, LIST_TEMPLATE, await _list_context(request))


@routes.post("/career-inventory/send")
async def send(request: web.Request) -> web.Response:
    form = await request.post()
    values = {name: text(form, name, limit=20) for name in ("grade", "person_id", "group_id")}
    try:
        report = await send_inventory(
            deps_of(request),
            actor_of(request),
            grade=int(grade) if (grade := values["grade"].strip()).isdecimal() else 0,
            person_id=optional_id(values["person_id"]),
            group_id=optional_id(values["group_id"]),
        )
    except InvalidInput as error:
        return await render_error(
            request, LIST_TEMPLATE, await _list_context(request, values), error
        )
    await flash(
        request,
        N_(
            "Invited {count} students; {telegram} of them were told in Telegram. "
            "{skipped} were invited earlier this school year and were not invited again."
        ),
        count=report.invited,
        telegram=report.in_telegram,
        skipped=report.skipped,
    )
    raise web.HTTPSeeOther(f"/career-inventory/{report.sending_id}")


@routes.get(r"/career-inventory/{id:\d+}")
async def progress_page(request: web.Request) -> web.Response:
    progress = await sending_progress(
        actor_of(request), sending_id=row_id(request.match_info["id"])
    )
    return await render(request, "career_invitations/progress.html", {"progress": progress})


@routes.post(r"/career-inventory/{id:\d+}/remind")
async def remind(request: web.Request) -> web.Response:
    sending_id = row_id(request.match_info["id"])
    told = await remind_unfinished(deps_of(request), actor_of(request), sending_id=sending_id)
    await flash(request, N_("Reminded {count} students in Telegram."), count=told)
    raise web.HTTPSeeOther(f"/career-inventory/{sending_id}")
