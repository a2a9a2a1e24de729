"""The organisation's testing settings: how ratings name students, and lesson feedback."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from admin_web.forms import FormData, text
from admin_web.keys import actor_of, deps_of, granted_of
from admin_web.render import flash, render, render_error
from core.errors import InvalidInput
from core.i18n import N_
from core.permissions import Permission
from core.services.testing_settings import (
    RATING_NAMES_LABELS,
    RatingNames,
    TestingSettingsData,
    update_testing_settings,
    view_testing_settings,
)

routes = web.RouteTableDef()

TEMPLATE = "testing_settings/settings.html"
PATH = "/organisation/testing"
FIELDS = ("rating_names", "feedback_from_parents", "lesson_feedback")


def _values_of(data: TestingSettingsData) -> dict[str, Any]:
    return {
        "rating_names": data.rating_names.value,
        "feedback_from_parents": data.feedback_from_parents,
        "lesson_feedback": data.lesson_feedback,
    }


async def _page(request: web.Request, values: dict[str, Any] | None = None) -> dict[str, Any]:
    current = await view_testing_settings(actor_of(request))
    return {
        "current": _values_of(current),
        "values": values or _values_of(current),
        "names": list(RATING_NAMES_LABELS.items()),
        "fields": FIELDS,
        "can_manage": Permission.ORG_MANAGE in granted_of(request),
    }


def _values_from(form: FormData) -> dict[str, Any]:
    return {
        "rating_names": text(form, "rating_names", limit=20),
        "feedback_from_parents": bool(text(form, "feedback_from_parents", limit=5)),
        "lesson_feedback": bool(text(form, "lesson_feedback", limit=5)),
    }


@routes.get(PATH)
async def testing_settings_page(request: web.Request) -> web.Response:
    return await render(request, TEMPLATE, await _page(request))


@routes.post(PATH)
async def testing_settings_save(request: web.Request) -> web.Response:
    values = _values_from(await request.post())
    try:
        names = RatingNames(values["rating_names"])
    except ValueError:
        error = InvalidInput(N_("Choose how students are named in ratings."), field="rating_names")
        return await render_error(request, TEMPLATE, await _page(request, values), error)
    await update_testing_settings(
        deps_of(request),
        actor_of(request),
        rating_names=names,
        feedback_from_parents=values["feedback_from_parents"],
        lesson_feedback=values["lesson_feedback"],
    )
    await flash(request, N_("Saved."))
    raise web.HTTPSeeOther(PATH)
