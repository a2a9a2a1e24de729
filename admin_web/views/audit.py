from __future__ import annotations

from aiohttp import web

from admin_web.forms import query_int
from admin_web.keys import actor_of
from admin_web.render import render
from core.services.audit import check_audit_chain, list_audit

routes = web.RouteTableDef()


@routes.get("/audit")
async def audit_log(request: web.Request) -> web.Response:
    actor = actor_of(request)
    before = query_int(request.query.get("before"), 0) or None
    entries = await list_audit(actor, limit=100, before_id=before)
    report = await check_audit_chain(actor) if request.query.get("verify") else None
    return await render(request, "audit.html", {"entries": entries, "report": report})
