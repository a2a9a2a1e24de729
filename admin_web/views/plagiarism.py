"""The plagiarism hint: which students' latest submissions to a task are (almost) the same."""

from __future__ import annotations

from aiohttp import web

from admin_web.forms import optional_id, query_int, row_id
from admin_web.keys import actor_of
from admin_web.render import render, render_error
from core.errors import SabaqError
from core.services.academics import list_groups
from core.services.plagiarism import DEFAULT_THRESHOLD, THRESHOLD_MIN, similar_submissions

routes = web.RouteTableDef()


@routes.get(r"/programming/{id:\d+}/similar")
async def similar(request: web.Request) -> web.Response:
    actor = actor_of(request)
    task_id = row_id(request.match_info["id"])
    group_id = optional_id(request.query.get("group_id"))
    percent = query_int(request.query.get("threshold"), round(DEFAULT_THRESHOLD * 100))
    context = {
        "task_id": task_id,
        "groups": await list_groups(actor),
        "group_id": group_id,
        "threshold": percent,
        "threshold_min": round(THRESHOLD_MIN * 100),
        "report": None,
    }
    try:
        report = await similar_submissions(
            actor, task_id=task_id, group_id=group_id, threshold=percent / 100
        )
    except SabaqError as error:
        if error.code in ("not_found", "forbidden"):
            raise
        return await render_error(request, "plagiarism/similar.html", context, error)
    return await render(request, "plagiarism/similar.html", {**context, "report": report})
