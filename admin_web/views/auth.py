"""Sign-in, sign-out, language, workplace switch and accepting an invitation."""

from __future__ import annotations

from urllib.parse import urlsplit

from aiohttp import web
from aiohttp_session import get_session, new_session

from admin_web.forms import text
from admin_web.keys import actor_of, deps_of
from admin_web.render import render, render_error
from core.config import LANGUAGES
from core.errors import InvalidInput, SabaqError
from core.i18n import N_
from core.services.accounts import (
    SignedIn,
    accept_invitation,
    actor_for,
    authenticate,
    peek_invitation,
    set_language,
)

routes = web.RouteTableDef()


def _safe_next(target: str) -> str:
    """Only a local path: never send a user to another site after sign-in."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


async def start_session(request: web.Request, signed_in: SignedIn) -> None:
    old = await get_session(request)
    language = old.get("language")
    session = await new_session(request)  # a fresh session id: no fixation
    session["account_id"] = signed_in.account_id
    if signed_in.language or language:
        session["language"] = signed_in.language or language


@routes.get("/login")
async def login_form(request: web.Request) -> web.Response:
    return await render(
        request, "login.html", {"next": _safe_next(request.query.get("next", "/")), "login": ""}
    )


@routes.post("/login")
async def login(request: web.Request) -> web.Response:
    form = await request.post()
    login_value = text(form, "login", limit=200)
    target = _safe_next(text(form, "next", limit=500) or "/")
    context = {"next": target, "login": login_value}
    try:
        signed_in = await authenticate(
            deps_of(request),
            login=login_value,
            password=text(form, "password", limit=500),
            client=request.remote or "?",
        )
    except SabaqError as error:
        return await render_error(request, "login.html", context, error)
    await start_session(request, signed_in)
    raise web.HTTPSeeOther(target)


@routes.post("/logout")
async def logout(request: web.Request) -> web.Response:
    session = await get_session(request)
    session.invalidate()
    raise web.HTTPSeeOther("/login")


@routes.post("/language")
async def change_language(request: web.Request) -> web.Response:
    form = await request.post()
    language = text(form, "language", limit=5)
    if language in LANGUAGES:
        session = await get_session(request)
        session["language"] = language
        account_id = session.get("account_id")
        if isinstance(account_id, int):
            await set_language(account_id, language)
    raise web.HTTPSeeOther(_safe_next(text(form, "next", limit=500) or "/"))


@routes.post("/workplace")
async def switch_workplace(request: web.Request) -> web.Response:
    form = await request.post()
    actor = actor_of(request)
    raw = text(form, "organisation_id", limit=20)
    if (
        raw.isdigit()
        and actor.account_id is not None
        and await actor_for(actor.account_id, int(raw))
    ):
        session = await get_session(request)
        session["organisation_id"] = int(raw)
    raise web.HTTPSeeOther("/")


@routes.get("/invite/{code}")
async def invitation_form(request: web.Request) -> web.Response:
    code = request.match_info["code"]
    try:
        invitation = await peek_invitation(deps_of(request), code=code)
    except SabaqError as error:
        return await render_error(
            request, "invite.html", {"invitation": None, "code": code, "login": ""}, error
        )
    return await render(
        request, "invite.html", {"invitation": invitation, "code": code, "login": ""}
    )


@routes.post("/invite/{code}")
async def invitation_accept(request: web.Request) -> web.Response:
    code = request.match_info["code"]
    form = await request.post()
    login_value = text(form, "login", limit=200)
    password = text(form, "password", limit=500)
    deps = deps_of(request)
    try:
        invitation = await peek_invitation(deps, code=code)
    except SabaqError as error:
        return await render_error(
            request, "invite.html", {"invitation": None, "code": code, "login": login_value}, error
        )
    context = {"invitation": invitation, "code": code, "login": login_value}
    if password != text(form, "password_again", limit=500):
        return await render_error(
            request,
            "invite.html",
            context,
            InvalidInput(N_("The two passwords differ."), field="password"),
        )
    try:
        signed_in = await accept_invitation(deps, code=code, login=login_value, password=password)
    except SabaqError as error:
        return await render_error(request, "invite.html", context, error)
    await start_session(request, signed_in)
    raise web.HTTPSeeOther("/")
