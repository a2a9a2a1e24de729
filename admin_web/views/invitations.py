"""Invitations: the organisation's one-time codes, their state, and revoking open ones."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from admin_web.keys import actor_of, deps_of
from admin_web.render import flash, render, render_error
from core.errors import SabaqError
from core.i18n import N_
from core.services.accounts import list_invitations, revoke_invitation

routes = web.RouteTableDef()

STATE_LABELS = {
    "open": N_("Open"),
    "used": N_("Used"),
    "revoked": N_("Revoked"),
    "expired": N_("Expired"),
}


async def _context(request: web.Request) -> dict[str, Any]:
    invitations = await list_invitations(actor_of(request))
    now = deps_of(request).clock.now()
    return {
        "rows": [(invitation, invitation.state(now)) for invitation in invitations],
        "state_labels": STATE_LABELS,
        "origin": str(request.url.origin()),
    }


@routes.get("/invitations")
async def invitations_list(request: web.Request) -> web.Response:
    return await render(request, "invitations.html", await _context(request))


@routes.post(r"/invitations/{id:\d+}/revoke")
async def invitation_revoke(request: web.Request) -> web.Response:
    try:
        await revoke_invitation(
            deps_of(request), actor_of(request), invitation_id=int(request.match_info["id"])
        )
    except SabaqError as error:
        if error.code in ("not_found", "forbidden"):
            raise
        return await render_error(request, "invitations.html", await _context(request), error)
    await flash(request, N_("The invitation is revoked."))
    raise web.HTTPSeeOther("/invitations")
