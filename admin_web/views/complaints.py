"""Complaints: the inbox, a complaint's card (thread, reply, note, status, assignee), its
pictures and files, the organisation's complaint settings, and the report with its .xlsx."""

from __future__ import annotations

import io
from datetime import date, datetime
from math import ceil
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import segno
from aiohttp import web

from admin_web.forms import integer, optional_id, query_date, query_int, text
from admin_web.keys import ORGANISATION, actor_of, deps_of, granted_of, language_of
from admin_web.render import download, flash, render, render_error
from core.errors import Conflict, InvalidInput
from core.i18n import N_
from core.permissions import ROLE_LABELS, Permission
from core.services.complaints import (
    ANSWER_HOURS_MAX,
    ANSWER_HOURS_MIN,
    CATEGORY_LABELS,
    CLOSED_STATUSES,
    MAX_TEXT,
    REASON_MAX,
    STATUS_LABELS,
    ComplaintCategory,
    ComplaintStatus,
    InboxFilter,
    access_complaint,
    add_note,
    assign,
    attachment_file,
    complaint_report,
    complaint_report_xlsx,
    complaint_settings,
    inbox,
    new_public_code,
    reply,
    set_status,
    update_complaint_settings,
)
from core.services.exports import XLSX_CONTENT_TYPE
from core.services.orgs import local_time

routes = web.RouteTableDef()

INBOX_TEMPLATE = "complaints/inbox.html"
CARD_TEMPLATE = "complaints/card.html"
SETTINGS_TEMPLATE = "complaints/settings.html"
REPORT_TEMPLATE = "complaints/report.html"
SETTINGS_PATH = "/organisation/complaints"
PAGE_SIZE = 50
#: Errors a form shows next to its fields; NotFound and PermissionDenied become 404/403 pages.
FORM_ERRORS = (InvalidInput, Conflict)


def _id(request: web.Request) -> int:
    # The routes only match digits; core answers ids that name no complaint.
    return int(request.match_info["id"][:20])


def _status(raw: str | None) -> ComplaintStatus | None:
    try:
        return ComplaintStatus(raw or "")
    except ValueError:
        return None


def _category(raw: str | None) -> ComplaintCategory | None:
    try:
        return ComplaintCategory(raw or "")
    except ValueError:
        return None


def _age(now: datetime, moment: datetime) -> tuple[str, int]:
    """How long ago, in the largest unit that keeps it short: ("minutes" | "hours" | "days", n).
    The template words it, so the plural forms are extracted from there."""
    minutes = max(0, int((now - moment).total_seconds() // 60))
    if minutes < 60:
        return "minutes", minutes
    if minutes < 48 * 60:
        return "hours", minutes // 60
    return "days", minutes // (24 * 60)


def _labels() -> dict[str, Any]:
    return {
        "category_labels": CATEGORY_LABELS,
        "status_labels": STATUS_LABELS,
        "categories": list(ComplaintCategory),
        "statuses": list(ComplaintStatus),
    }


# --- the inbox ------------------------------------------------------------------------------


@routes.get("/complaints")
async def inbox_page(request: web.Request) -> web.Response:
    query = request.query
    status = _status(query.get("status"))
    category = _category(query.get("category"))
    mine = query.get("mine") == "1"
    # A chosen status is the more specific wish: "resolved" shows resolved ones, closed or not.
    show_all = query.get("all") == "1" or status in CLOSED_STATUSES
    page = max(1, query_int(query.get("page"), 1))
    deps = deps_of(request)
    rows, total = await inbox(
        deps,
        actor_of(request),
        filters=InboxFilter(status=status, category=category, mine=mine, open_only=not show_all),
        page=page,
        page_size=PAGE_SIZE,
    )
    params = {
        "status": status.value if status else "",
        "category": category.value if category else "",
        "mine": "1" if mine else "",
        "all": "1" if query.get("all") == "1" else "",
    }
    now = deps.clock.now()
    return await render(
        request,
        INBOX_TEMPLATE,
        {
            **_labels(),
            "rows": rows,
            "total": total,
            "page": page,
            "pages": max(1, ceil(total / PAGE_SIZE)),
            "filters": params,
            "filter_query": urlencode({key: value for key, value in params.items() if value}),
            "age": lambda moment: _age(now, moment),
            "show_organisation": any(row.escalated for row in rows),
            "can_report": Permission.COMPLAINTS_REPORTS in granted_of(request),
        },
    )


# --- a complaint's card ---------------------------------------------------------------------


async def _card_context(
    request: web.Request, values: dict[str, str] | None = None, *, form: str = ""
) -> dict[str, Any]:
    card = await access_complaint(deps_of(request), actor_of(request), _id(request))
    zone: ZoneInfo = card.zone

    def when(moment: datetime | None) -> str:
        return moment.astimezone(zone).strftime("%d.%m.%Y %H:%M") if moment else ""

    return {
        **_labels(),
        "card": card,
        "when": when,
        "role_labels": {role.value: label for role, label in ROLE_LABELS.items()},
        "closed": card.status in CLOSED_STATUSES,
        "can_open_people": Permission.PEOPLE_VIEW in granted_of(request),
        "text_max": MAX_TEXT,
        "reason_max": REASON_MAX,
        "values": {"reply": "", "note": "", "status": card.status.value, "reason": card.reason}
        | (values or {}),
        "form": form,
    }


async def _card_error(
    request: web.Request, error: InvalidInput | Conflict, values: dict[str, str], *, form: str
) -> web.Response:
    context = await _card_context(request, values, form=form)
    return await render_error(request, CARD_TEMPLATE, context, error)


@routes.get(r"/complaints/{id:\d+}")
async def card_page(request: web.Request) -> web.Response:
    return await render(request, CARD_TEMPLATE, await _card_context(request))


@routes.post(r"/complaints/{id:\d+}/reply")
async def reply_post(request: web.Request) -> web.Response:
    values = {"reply": text(await request.post(), "text", limit=MAX_TEXT + 100)}
    try:
        await reply(
            deps_of(request), actor_of(request), complaint_id=_id(request), text=values["reply"]
        )
    except FORM_ERRORS as error:
        return await _card_error(request, error, values, form="reply")
    await flash(
        request, N_("The answer is saved; the complaints bot sends it to the complainant.")
    )
    raise web.HTTPSeeOther(f"/complaints/{_id(request)}#thread")


@routes.post(r"/complaints/{id:\d+}/note")
async def note_post(request: web.Request) -> web.Response:
    values = {"note": text(await request.post(), "text", limit=MAX_TEXT + 100)}
    try:
        await add_note(
            deps_of(request), actor_of(request), complaint_id=_id(request), text=values["note"]
        )
    except FORM_ERRORS as error:
        return await _card_error(request, error, values, form="note")
    await flash(request, N_("The note is saved. The complainant does not see it."))
    raise web.HTTPSeeOther(f"/complaints/{_id(request)}#thread")


@routes.post(r"/complaints/{id:\d+}/status")
async def status_post(request: web.Request) -> web.Response:
    form = await request.post()
    values = {
        "status": text(form, "status", limit=20),
        "reason": text(form, "reason", limit=REASON_MAX + 100),
    }
    try:
        status = _status(values["status"])
        if status is None:
            raise InvalidInput(N_("Choose a status from the list."), field="status")
        await set_status(
            deps_of(request),
            actor_of(request),
            complaint_id=_id(request),
            status=status,
            reason=values["reason"],
        )
    except FORM_ERRORS as error:
        return await _card_error(request, error, values, form="status")
    await flash(request, N_("The status is changed."))
    raise web.HTTPSeeOther(f"/complaints/{_id(request)}")


@routes.post(r"/complaints/{id:\d+}/assign")
async def assign_post(request: web.Request) -> web.Response:
    raw = text(await request.post(), "assignee", limit=30)
    try:
        await assign(
            deps_of(request),
            actor_of(request),
            complaint_id=_id(request),
            assignee_id=optional_id(raw),
        )
    except FORM_ERRORS as error:
        return await _card_error(request, error, {"assignee": raw}, form="assign")
    await flash(request, N_("The person in charge is changed."))
    raise web.HTTPSeeOther(f"/complaints/{_id(request)}")


@routes.get(r"/complaints/attachments/{id:\d+}")
async def attachment_get(request: web.Request) -> web.FileResponse:
    """A picture is shown; any other file is downloaded, under a name core made up
    (``complaint-12-34.pdf``: the sender's file name is never kept)."""
    file = await attachment_file(deps_of(request), actor_of(request), _id(request))
    disposition = "inline" if file.picture else f'attachment; filename="{file.filename}"'
    return web.FileResponse(
        file.path,
        headers={
            "Content-Type": file.content_type,
            "Content-Disposition": disposition,
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox",
            "Cache-Control": "private, no-store",
        },
    )


# --- the organisation's settings ------------------------------------------------------------


def _poster_link(request: web.Request, public_code: str) -> str | None:
    """The complaints bot's deep link for the organisation, when the bot's name is known."""
    username = deps_of(request).settings.telegram_complaints_username
    return f"https://t.me/{username}?start=org-{public_code}" if username else None


async def _settings_context(
    request: web.Request, values: dict[str, str] | None = None
) -> dict[str, Any]:
    current = await complaint_settings(deps_of(request), actor_of(request))
    return {
        "current": current,
        "poster_link": _poster_link(request, current.public_code),
        "values": {"answer_hours": str(current.answer_hours)} | (values or {}),
        "hours_min": ANSWER_HOURS_MIN,
        "hours_max": ANSWER_HOURS_MAX,
    }


@routes.get(SETTINGS_PATH)
async def settings_page(request: web.Request) -> web.Response:
    return await render(request, SETTINGS_TEMPLATE, await _settings_context(request))


@routes.get(SETTINGS_PATH + "/qr.svg")
async def poster_qr(request: web.Request) -> web.Response:
    """The deep link as a QR code for the poster (SVG prints sharp at any size)."""
    current = await complaint_settings(deps_of(request), actor_of(request))
    link = _poster_link(request, current.public_code)
    if link is None:
        raise web.HTTPNotFound()
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="svg", scale=8, border=2)
    return web.Response(
        body=buffer.getvalue(),
        content_type="image/svg+xml",
        headers={
            "Content-Disposition": f'inline; filename="complaints-{current.public_code}.svg"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )


@routes.post(SETTINGS_PATH)
async def settings_post(request: web.Request) -> web.Response:
    form = await request.post()
    values = {"answer_hours": text(form, "answer_hours", limit=20)}
    try:
        await update_complaint_settings(
            deps_of(request), actor_of(request), answer_hours=integer(form, "answer_hours")
        )
    except FORM_ERRORS as error:
        context = await _settings_context(request, values)
        return await render_error(request, SETTINGS_TEMPLATE, context, error)
    await flash(request, N_("Saved."))
    raise web.HTTPSeeOther(SETTINGS_PATH)


@routes.post(SETTINGS_PATH + "/code")
async def new_code_post(request: web.Request) -> web.Response:
    form = await request.post()
    if text(form, "confirm", limit=5) != "1":
        error = InvalidInput(
            N_("Tick the box to confirm that the old posters and links stop working."),
            field="confirm",
        )
        return await render_error(
            request, SETTINGS_TEMPLATE, await _settings_context(request), error
        )
    await new_public_code(deps_of(request), actor_of(request))
    await flash(request, N_("The organisation has a new code. Print the new poster."))
    raise web.HTTPSeeOther(SETTINGS_PATH)


# --- the report -----------------------------------------------------------------------------


def _today(request: web.Request) -> date:
    organisation = request.get(ORGANISATION)
    return local_time(
        deps_of(request).clock.now(), organisation.timezone if organisation else "Asia/Almaty"
    ).date()


def _period(request: web.Request) -> tuple[date, date]:
    """The period asked for: this month so far, in the organisation's days, by default.

    Raises:
        InvalidInput: a date that is not one.
    """
    today = _today(request)
    start = query_date(request.query, "from") or today.replace(day=1)
    return start, query_date(request.query, "to") or today


@routes.get("/complaints/report")
async def report_page(request: web.Request) -> web.Response:
    today = _today(request)
    context: dict[str, Any] = {
        **_labels(),
        "start": today.replace(day=1),
        "end": today,
        "rows": None,
        "hours": _hours,
    }
    try:
        start, end = _period(request)
        context |= {"start": start, "end": end}
        context["rows"] = await complaint_report(
            deps_of(request), actor_of(request), start=start, end=end
        )
    except InvalidInput as error:
        return await render_error(request, REPORT_TEMPLATE, context, error)
    context["xlsx_query"] = urlencode({"from": start.isoformat(), "to": end.isoformat()})
    return await render(request, REPORT_TEMPLATE, context)


@routes.get("/complaints/report.xlsx")
async def report_xlsx(request: web.Request) -> web.Response:
    start, end = _period(request)
    data = await complaint_report_xlsx(
        deps_of(request), actor_of(request), start=start, end=end, language=language_of(request)
    )
    filename = f"sabaq-complaints-{start.isoformat()}-{end.isoformat()}.xlsx"
    return download(data, content_type=XLSX_CONTENT_TYPE, filename=filename)


def _hours(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"
