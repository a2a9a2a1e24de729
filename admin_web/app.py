"""The admin web panel: an aiohttp application with Jinja2 pages.

Middlewares, outermost first: encrypted-cookie sessions → language → errors → sign-in
(loads the ``Actor``) → CSRF. Views are in ``admin_web/views/``, one module per area, each
exporting ``routes``.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp_session import get_session
from aiohttp_session import setup as setup_sessions
from aiohttp_session.cookie_storage import EncryptedCookieStorage

from admin_web.keys import ACTOR, DEPS, GRANTED, LANGUAGE, NAV, ORGANISATION, WORKPLACES, deps_of
from admin_web.markdown import render_markdown
from admin_web.nav import visible_nav
from admin_web.render import render
from admin_web.security import check_csrf, fernet_key
from admin_web.views import (
    atlas,
    audit,
    audit_chat,
    auth,
    career_invitations,
    career_profiles,
    career_programme,
    chat,
    complaints,
    consultations,
    contests,
    course_content,
    expenses,
    feedback,
    finance_reports,
    finance_settings,
    groups,
    home,
    homework,
    imports,
    invitations,
    lesson_reports,
    lesson_settings,
    lessons,
    mock_exams,
    my_tests,
    org,
    payments,
    people,
    plagiarism,
    prices,
    programming,
    programming_rating,
    questions,
    rating,
    registration_codes,
    results,
    roles,
    salaries,
    schedule,
    school_timetables,
    screenings,
    statements,
    subscriptions,
    substitutions,
    surveys,
    testing_settings,
    tests,
    timetable_solves,
    wellbeing,
)
from core.config import ensure_secret_key
from core.deps import Deps
from core.errors import NotFound, PermissionDenied, SabaqError
from core.i18n import N_, parse_accept_language, pick_language
from core.permissions import granted_permissions
from core.services.accounts import actor_for, workplaces
from core.services.orgs import get_organisation

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
#: Reached without signing in. The timetable feed is read by calendar apps, which cannot sign
#: in; its URL carries a per-person token instead. A course certificate's check page is opened
#: by whoever holds the code printed on it; "/join" is registration with a school or class code.
PUBLIC_PREFIXES = (
    "/login",
    "/invite/",
    "/join",
    "/static/",
    "/language",
    "/healthz",
    "/ics/",
    "/certificates/",
)
SESSION_ACCOUNT = "account_id"
SESSION_ORGANISATION = "organisation_id"
SESSION_LANGUAGE = "language"


def _foreign(request: web.Request) -> bool:
    """Whether a mounted sub-application (the chat API) handles this request, not the panel."""
    return len(request.match_info.apps) > 1


@web.middleware
async def language_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    if _foreign(request):
        return await handler(request)
    session = await get_session(request)
    request[LANGUAGE] = pick_language(
        session.get(SESSION_LANGUAGE),
        *parse_accept_language(request.headers.get("Accept-Language")),
        default=deps_of(request).settings.default_language,
    )
    return await handler(request)


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    if _foreign(request):
        return await handler(request)
    try:
        return await handler(request)
    except web.HTTPNotFound:
        return await _error_page(request, 404, N_("This page does not exist."))
    except web.HTTPRequestEntityTooLarge:
        return await _error_page(
            request,
            413,
            N_("The file is too large: at most {limit} MB."),
            limit=request.app[DEPS].settings.max_upload_bytes * 3 // (1024 * 1024),
        )
    except web.HTTPException:
        raise
    except NotFound:
        return await _error_page(request, 404, N_("This page does not exist."))
    except PermissionDenied:
        return await _error_page(request, 403, N_("You do not have permission to do this."))
    except SabaqError as error:
        return await _error_page(request, 400, error.message, **error.params)
    except Exception:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return await _error_page(
            request, 500, N_("Something went wrong on our side. Please try again.")
        )


async def _error_page(
    request: web.Request, status: int, message: str, **params: object
) -> web.Response:
    return await render(
        request,
        "error.html",
        {"status": status, "message": message, "params": params},
        status=status,
    )


@web.middleware
async def auth_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    if _foreign(request) or request.path.startswith(PUBLIC_PREFIXES):
        return await handler(request)
    session = await get_session(request)
    account_id = session.get(SESSION_ACCOUNT)
    actor = (
        await actor_for(account_id, session.get(SESSION_ORGANISATION))
        if isinstance(account_id, int)
        else None
    )
    if actor is None:
        if account_id is not None:
            # The account or its last role is gone: end that session. An anonymous
            # session is kept, or a stray request (a favicon) would drop the CSRF token
            # of the sign-in form the user is looking at.
            session.invalidate()
        if request.method == "GET":
            raise web.HTTPSeeOther(
                f"/login?next={request.path_qs}" if request.path != "/" else "/login"
            )
        raise web.HTTPSeeOther("/login")
    request[ACTOR] = actor
    organisation = await get_organisation(actor)
    request[ORGANISATION] = organisation
    request[WORKPLACES] = await workplaces(actor.person_id or 0)
    request[GRANTED] = await granted_permissions(actor)
    request[NAV] = visible_nav(request[GRANTED], organisation.features, actor.roles)
    return await handler(request)


@web.middleware
async def csrf_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    if not _foreign(request) and not await check_csrf(request):
        return await _error_page(
            request, 403, N_("This form has expired. Go back, reload the page and try again.")
        )
    return await handler(request)


def create_app(deps: Deps) -> web.Application:
    app = web.Application(client_max_size=deps.settings.max_upload_bytes * 3)
    app[DEPS] = deps
    setup_sessions(
        app,
        EncryptedCookieStorage(
            fernet_key(ensure_secret_key(deps.settings)),
            cookie_name="sabaq_session",
            httponly=True,
            samesite="Lax",
            secure=deps.settings.cookie_secure,
            max_age=14 * 24 * 3600,
        ),
    )
    app.middlewares.extend(
        [language_middleware, error_middleware, auth_middleware, csrf_middleware]
    )
    aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=jinja2.select_autoescape(default=True),
        undefined=jinja2.StrictUndefined,
        filters={"markdown": render_markdown},
    )
    for module in (
        auth,
        home,
        people,
        invitations,
        org,
        roles,
        groups,
        imports,
        audit,
        audit_chat,
        chat,
        schedule,
        substitutions,
        lessons,
        homework,
        lesson_reports,
        lesson_settings,
        prices,
        subscriptions,
        payments,
        statements,
        finance_reports,
        expenses,
        salaries,
        finance_settings,
        questions,
        tests,
        my_tests,
        rating,
        feedback,
        surveys,
        results,
        testing_settings,
        complaints,
        atlas,
        screenings,
        wellbeing,
        mock_exams,
        career_invitations,
        career_programme,
        career_profiles,
        consultations,
        school_timetables,
        timetable_solves,
        programming_rating,
        programming,
        contests,
        course_content,
        registration_codes,
        plagiarism,
    ):
        app.router.add_routes(module.routes)
    app.router.add_static("/static/", HERE / "static", append_version=True)
    return app
