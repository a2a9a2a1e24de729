"""The permission matrix: what each role may do in this organisation, one cell per change."""

from __future__ import annotations

from aiohttp import web

from admin_web.forms import text
from admin_web.keys import actor_of, deps_of
from admin_web.render import flash, render, render_error
from core.errors import Conflict, InvalidInput
from core.i18n import N_
from core.permissions import PERMISSION_LABELS, ROLE_LABELS, Permission, Role
from core.services.roles import permission_matrix, set_permission

routes = web.RouteTableDef()

TEMPLATE = "roles.html"


async def _context(request: web.Request) -> dict[str, object]:
    matrix = await permission_matrix(actor_of(request))
    return {
        "matrix": matrix,
        "roles": list(Role),
        "role_labels": ROLE_LABELS,
        "permission_labels": PERMISSION_LABELS,
    }


def _parse_role(raw: str) -> Role:
    try:
        return Role(raw)
    except ValueError:
        raise InvalidInput(N_("Unknown role."), field="role") from None


def _parse_permission(raw: str) -> Permission:
    try:
        return Permission(raw)
    except ValueError:
        raise InvalidInput(N_("Unknown permission."), field="permission") from None


@routes.get("/roles")
async def roles_page(request: web.Request) -> web.Response:
    return await render(request, TEMPLATE, await _context(request))


@routes.post("/roles")
async def roles_save(request: web.Request) -> web.Response:
    form = await request.post()
    try:
        role = _parse_role(text(form, "role", limit=40))
        permission = _parse_permission(text(form, "permission", limit=60))
        await set_permission(
            deps_of(request),
            actor_of(request),
            role=role,
            permission=permission,
            granted=text(form, "granted", limit=5) == "1",
        )
    except (InvalidInput, Conflict) as error:
        return await render_error(request, TEMPLATE, await _context(request), error)
    await flash(request, N_("Saved."))
    raise web.HTTPSeeOther(f"/roles#{permission.value}")
