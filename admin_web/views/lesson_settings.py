"""The organisation's lesson settings: grading scale, weights of kinds of grades, reminders."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from admin_web.forms import FormData, integer, text
from admin_web.keys import actor_of, deps_of, granted_of
from admin_web.render import flash, render, render_error
from core.errors import InvalidInput
from core.i18n import N_
from core.permissions import Permission
from core.services.lesson_settings import (
    GRADE_SCALE_LABELS,
    REMINDER_MINUTES_MAX,
    WEIGHT_MAX,
    GradeScale,
    LessonSettingsData,
    update_lesson_settings,
    view_lesson_settings,
)

routes = web.RouteTableDef()

TEMPLATE = "org/lesson_settings.html"
PATH = "/organisation/lessons"
#: The weight fields in the order of the form, with their labels.
WEIGHTS: tuple[tuple[str, str], ...] = (
    ("weight_classwork", N_("Classwork")),
    ("weight_homework", N_("Homework")),
    ("weight_test", N_("Tests")),
    ("weight_exam", N_("Exams")),
)
FIELDS = (
    "grade_scale",
    *(name for name, _ in WEIGHTS),
    "reminder_minutes",
    "digest_hour",
    "tell_parents_substitutions",
)
#: The value of the digest hour's "off" choice.
OFF = "off"


def _values_of(data: LessonSettingsData) -> dict[str, str]:
    weights = {f"weight_{kind.value}": str(weight) for kind, weight in data.weights}
    return {
        "grade_scale": data.grade_scale.value,
        **weights,
        "reminder_minutes": str(data.reminder_minutes),
        "digest_hour": OFF if data.digest_hour is None else str(data.digest_hour),
        "tell_parents_substitutions": "on" if data.tell_parents_substitutions else "",
    }


async def _page(request: web.Request, values: dict[str, str] | None = None) -> dict[str, Any]:
    current = await view_lesson_settings(actor_of(request))
    return {
        "current": _values_of(current),
        "values": values or _values_of(current),
        "scales": list(GRADE_SCALE_LABELS.items()),
        "weights": WEIGHTS,
        "hours": range(24),
        "off": OFF,
        "reminder_max": REMINDER_MINUTES_MAX,
        "weight_max": WEIGHT_MAX,
        "fields": FIELDS,
        "can_manage": Permission.ORG_MANAGE in granted_of(request),
    }


def _settings_of(form: FormData) -> LessonSettingsData:
    raw_scale = text(form, "grade_scale", limit=20)
    scale = next((scale for scale in GradeScale if scale.value == raw_scale), None)
    if scale is None:
        raise InvalidInput(N_("Choose a grading scale."), field="grade_scale")
    weights = {name: integer(form, name) for name, _ in WEIGHTS}
    raw_hour = text(form, "digest_hour", limit=5).strip()
    defaults = LessonSettingsData()
    return LessonSettingsData(
        grade_scale=scale,
        weights=tuple((kind, weights[f"weight_{kind.value}"]) for kind, _ in defaults.weights),
        reminder_minutes=integer(form, "reminder_minutes"),
        digest_hour=None if raw_hour in {"", OFF} else integer(form, "digest_hour"),
        tell_parents_substitutions=bool(form.get("tell_parents_substitutions")),
    )


@routes.get(PATH)
async def lesson_settings_page(request: web.Request) -> web.Response:
    return await render(request, TEMPLATE, await _page(request))


@routes.post(PATH)
async def lesson_settings_save(request: web.Request) -> web.Response:
    form = await request.post()
    values = {name: text(form, name, limit=20) for name in FIELDS}
    try:
        await update_lesson_settings(deps_of(request), actor_of(request), data=_settings_of(form))
    except InvalidInput as error:
        return await render_error(request, TEMPLATE, await _page(request, values), error)
    await flash(request, N_("Saved."))
    raise web.HTTPSeeOther(PATH)
