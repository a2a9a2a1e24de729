"""Registration codes: the school code and teachers' applications (admins), a teacher's class
codes with their Telegram links and QR codes, and the public page that registers with a code."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import quote

import segno
from aiohttp import web

from admin_web.forms import row_id, text
from admin_web.keys import actor_of, deps_of
from admin_web.render import flash, render, render_error, render_form
from admin_web.views.auth import start_session
from core.errors import InvalidInput, SabaqError
from core.i18n import N_
from core.services.registration_codes import (
    CLASS_LINK_PREFIX,
    CodeKind,
    CodeTarget,
    class_code,
    decide_teacher_application,
    my_class_codes,
    peek_code,
    regenerate_class_code,
    regenerate_school_code,
    register_with_code,
    revoke_class_code,
    revoke_school_code,
    school_code,
    teacher_applications,
)

routes = web.RouteTableDef()

SCHOOL_PATH = "/registration-codes"
CLASSES_PATH = "/my/class-codes"
JOIN_PATH = "/join"


def _join_link(request: web.Request, code: str) -> str:
    return f"{request.url.origin()}{JOIN_PATH}?code={quote(code)}"


def _telegram_link(request: web.Request, code: str) -> str | None:
    """The main bot's deep link for a class code, when the bot's username is configured."""
    username = deps_of(request).settings.telegram_main_username
    return f"https://t.me/{username}?start={CLASS_LINK_PREFIX}{code}" if username else None


def _qr(link: str, filename: str) -> web.Response:
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="svg", scale=8, border=2)
    return web.Response(
        body=buffer.getvalue(),
        content_type="image/svg+xml",
        headers={
            "Content-Disposition": f'inline; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )


# --- the school code and teachers' applications (admins) ------------------------------------


async def _school_context(request: web.Request) -> dict[str, Any]:
    actor = actor_of(request)
    current = await school_code(actor)
    return {
        "current": current,
        "join_link": _join_link(request, current.code) if current else None,
        "applications": await teacher_applications(actor),
    }


@routes.get(SCHOOL_PATH)
async def school_page(request: web.Request) -> web.Response:
    return await render(request, "registration_codes/school.html", await _school_context(request))


@routes.post(SCHOOL_PATH + "/school")
async def school_regenerate(request: web.Request) -> web.Response:
    await regenerate_school_code(deps_of(request), actor_of(request))
    await flash(request, N_("A new school code is made; the old one no longer works."))
    raise web.HTTPSeeOther(SCHOOL_PATH)


@routes.post(SCHOOL_PATH + "/school/revoke")
async def school_revoke(request: web.Request) -> web.Response:
    try:
        await revoke_school_code(deps_of(request), actor_of(request))
    except SabaqError as error:
        if error.code in ("not_found", "forbidden"):
            raise
        return await render_error(
            request, "registration_codes/school.html", await _school_context(request), error
        )
    await flash(request, N_("The school code is revoked."))
    raise web.HTTPSeeOther(SCHOOL_PATH)


@routes.get(SCHOOL_PATH + "/school/qr.svg")
async def school_qr(request: web.Request) -> web.Response:
    """The sign-up page's address with the school code, as a QR code."""
    current = await school_code(actor_of(request))
    if current is None:
        raise web.HTTPNotFound()
    return _qr(_join_link(request, current.code), f"school-{current.code}.svg")


@routes.post(SCHOOL_PATH + r"/applications/{id:\d+}/{decision:approve|reject}")
async def application_decide(request: web.Request) -> web.Response:
    approve = request.match_info["decision"] == "approve"
    try:
        decided = await decide_teacher_application(
            deps_of(request),
            actor_of(request),
            application_id=row_id(request.match_info["id"]),
            approve=approve,
        )
    except SabaqError as error:
        if error.code in ("not_found", "forbidden"):
            raise
        return await render_error(
            request, "registration_codes/school.html", await _school_context(request), error
        )
    if approve:
        await flash(request, N_("{name} is a teacher now."), name=decided.full_name)
    else:
        await flash(request, N_("The application of {name} is rejected."), name=decided.full_name)
    raise web.HTTPSeeOther(SCHOOL_PATH)


# --- a teacher's class codes ----------------------------------------------------------------


async def _classes_context(request: web.Request) -> dict[str, Any]:
    rows = await my_class_codes(actor_of(request))
    return {
        "rows": [
            (
                row,
                _join_link(request, row.code.code) if row.code else None,
                _telegram_link(request, row.code.code) if row.code else None,
            )
            for row in rows
        ],
        "prefix": CLASS_LINK_PREFIX,
    }


@routes.get(CLASSES_PATH)
async def classes_page(request: web.Request) -> web.Response:
    return await render(
        request, "registration_codes/classes.html", await _classes_context(request)
    )


@routes.post(CLASSES_PATH + r"/{group_id:\d+}")
async def class_regenerate(request: web.Request) -> web.Response:
    try:
        await regenerate_class_code(
            deps_of(request), actor_of(request), group_id=row_id(request.match_info["group_id"])
        )
    except SabaqError as error:
        if error.code in ("not_found", "forbidden"):
            raise
        return await render_error(
            request, "registration_codes/classes.html", await _classes_context(request), error
        )
    await flash(request, N_("A new class code is made; the old one no longer works."))
    raise web.HTTPSeeOther(CLASSES_PATH)


@routes.post(CLASSES_PATH + r"/{group_id:\d+}/revoke")
async def class_revoke(request: web.Request) -> web.Response:
    try:
        await revoke_class_code(
            deps_of(request), actor_of(request), group_id=row_id(request.match_info["group_id"])
        )
    except SabaqError as error:
        if error.code in ("not_found", "forbidden"):
            raise
        return await render_error(
            request, "registration_codes/classes.html", await _classes_context(request), error
        )
    await flash(request, N_("The class code is revoked."))
    raise web.HTTPSeeOther(CLASSES_PATH)


@routes.get(CLASSES_PATH + r"/{group_id:\d+}/qr.svg")
async def class_qr(request: web.Request) -> web.Response:
    """The class code as a QR code: the bot's deep link, else the sign-up page's address."""
    current = await class_code(actor_of(request), group_id=row_id(request.match_info["group_id"]))
    if current is None:
        raise web.HTTPNotFound()
    link = _telegram_link(request, current.code) or _join_link(request, current.code)
    return _qr(link, f"class-{current.code}.svg")


# --- registering with a code (public) -------------------------------------------------------


def _join_context(
    target: CodeTarget | None, code: str, values: dict[str, str] | None = None
) -> dict[str, Any]:
    return {
        "target": target,
        "code": code,
        "values": {"last_name": "", "first_name": "", "login": ""} | (values or {}),
        "school": CodeKind.SCHOOL,
    }


@routes.get(JOIN_PATH)
async def join_form(request: web.Request) -> web.Response:
    code = request.query.get("code", "")[:64]
    if not code:
        return await render(request, "registration_codes/join.html", _join_context(None, ""))
    try:
        target = await peek_code(deps_of(request), code=code, client=request.remote or "?")
    except SabaqError as error:
        return await render_error(
            request, "registration_codes/join.html", _join_context(None, code), error
        )
    return await render(request, "registration_codes/join.html", _join_context(target, code))


@routes.post(JOIN_PATH)
async def join(request: web.Request) -> web.Response:
    form = await request.post()
    code = text(form, "code", limit=64)
    values = {
        "last_name": text(form, "last_name", limit=200),
        "first_name": text(form, "first_name", limit=200),
        "login": text(form, "login", limit=200),
    }
    password = text(form, "password", limit=500)
    deps = deps_of(request)
    client = request.remote or "?"
    try:
        target = await peek_code(deps, code=code, client=client)
    except SabaqError as error:
        return await render_error(
            request, "registration_codes/join.html", _join_context(None, code, values), error
        )
    context = _join_context(target, code, values)
    if password != text(form, "password_again", limit=500):
        return await render_form(
            request,
            "registration_codes/join.html",
            context,
            InvalidInput(N_("The two passwords differ."), field="password"),
        )
    try:
        registered = await register_with_code(
            deps, code=code, password=password, client=client, **values
        )
    except SabaqError as error:
        return await render_error(request, "registration_codes/join.html", context, error)
    if registered.signed_in is None:
        return await render(request, "registration_codes/applied.html", {"registered": registered})
    await start_session(request, registered.signed_in)
    raise web.HTTPSeeOther("/")
