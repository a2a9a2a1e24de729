"""Well-being alerts for psychologists and admins: the open ones and the recent, each open
one with an "Acknowledge" form."""

from __future__ import annotations

from aiohttp import web

from admin_web.keys import actor_of, deps_of
from admin_web.render import flash, render
from core.i18n import N_
from core.services.wellbeing import CONCERN_LABELS, acknowledge_alert, list_alerts

routes = web.RouteTableDef()

TEMPLATE = "wellbeing/alerts.html"


@routes.get("/wellbeing")
async def alerts_page(request: web.Request) -> web.Response:
    alerts = await list_alerts(deps_of(request), actor_of(request))
    return await render(
        request,
        TEMPLATE,
        {
            "open_alerts": [alert for alert in alerts if alert.open],
            "recent": [alert for alert in alerts if not alert.open],
            "concern_labels": CONCERN_LABELS,
        },
    )


@routes.post(r"/wellbeing/{id:\d+}/acknowledge")
async def acknowledge_post(request: web.Request) -> web.Response:
    # The route only matches digits; core answers ids that name no alert here.
    alert_id = int(request.match_info["id"][:20])
    done = await acknowledge_alert(deps_of(request), actor_of(request), alert_id=alert_id)
    if done.first:
        await flash(request, N_("Alert №{number} is acknowledged."), number=alert_id)
    else:
        await flash(
            request,
            N_("Alert №{number} was already acknowledged by {name}."),
            number=alert_id,
            name=done.alert.acknowledged_by_name or "—",
        )
    raise web.HTTPSeeOther("/wellbeing")
