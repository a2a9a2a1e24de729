"""The lesson card: the lesson's facts and its attendance, marked with one form."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from admin_web.forms import FormData, text
from admin_web.keys import actor_of, deps_of
from admin_web.render import flash, render, render_error
from core.errors import Conflict, InvalidInput, PermissionDenied
from core.i18n import N_
from core.services.attendance import (
    NOTE_MAX,
    STATUS_CYCLE,
    STATUS_LABELS,
    AttendanceStatus,
    lesson_roster,
    mark_attendance,
)
from core.services.timetable import STATUS_LABELS as LESSON_STATUS_LABELS

routes = web.RouteTableDef()
TEMPLATE = "lessons/card.html"

#: Refusals the card shows above the form (a teacher who may not correct any more, too).
FORM_ERRORS = (InvalidInput, Conflict, PermissionDenied)
_MARK = "mark_"
_NOTE = "note_"


def _lesson_id(request: web.Request) -> int:
    # The routes only match digits, so this never fails.
    return int(request.match_info["id"])


async def _context(
    request: web.Request, lesson_id: int, submitted: dict[int, tuple[str, str]] | None = None
) -> dict[str, Any]:
    roster = await lesson_roster(deps_of(request), actor_of(request), lesson_id=lesson_id)
    return {
        "roster": roster,
        "lesson": roster.lesson,
        "statuses": STATUS_CYCLE,
        "status_labels": STATUS_LABELS,
        "lesson_status_labels": LESSON_STATUS_LABELS,
        "note_max": NOTE_MAX,
        "submitted": submitted,
    }


@routes.get(r"/lessons/{id:\d+}")
async def lesson_page(request: web.Request) -> web.Response:
    return await render(request, TEMPLATE, await _context(request, _lesson_id(request)))


def _submitted(form: FormData) -> dict[int, tuple[str, str]]:
    """Each student's chosen mark and note as sent (rows without a choice are left out)."""
    values: dict[int, tuple[str, str]] = {}
    for key in form:
        if key.startswith(_MARK) and key[len(_MARK) :].isdigit():
            student_id = int(key[len(_MARK) :])
            values[student_id] = (
                text(form, key, limit=20),
                text(form, f"{_NOTE}{student_id}", limit=NOTE_MAX * 2),
            )
    return values


def _marks(values: dict[int, tuple[str, str]]) -> dict[int, AttendanceStatus]:
    known = {status.value for status in AttendanceStatus}
    marks = {}
    for student_id, (status, _) in values.items():
        if status not in known:
            raise InvalidInput(
                N_("Choose present, absent, late or excused."), field=f"{_MARK}{student_id}"
            )
        marks[student_id] = AttendanceStatus(status)
    return marks


@routes.post(r"/lessons/{id:\d+}/attendance")
async def lesson_mark(request: web.Request) -> web.Response:
    lesson_id = _lesson_id(request)
    form = await request.post()
    values = _submitted(form)
    try:
        await mark_attendance(
            deps_of(request),
            actor_of(request),
            lesson_id=lesson_id,
            marks=_marks(values),
            notes={student_id: note for student_id, (_, note) in values.items()},
        )
    except FORM_ERRORS as error:
        context = await _context(request, lesson_id, values)
        return await render_error(request, TEMPLATE, context, error)
    await flash(request, N_("Attendance is saved."))
    raise web.HTTPSeeOther(f"/lessons/{lesson_id}")
