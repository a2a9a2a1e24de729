"""The panel's mock exam results (issue 9): enter a student's result, the latest entered, and
one student's results over time with the change since the previous one."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from admin_web.forms import optional_date, row_id, text
from admin_web.keys import actor_of, deps_of, granted_of
from admin_web.render import flash, render, render_error
from core.career.ent import sections, subject_pairs
from core.errors import InvalidInput
from core.i18n import N_
from core.permissions import Permission
from core.services.career_profiles import profiles_open_to
from core.services.mock_exams import (
    EXAM_NAMES,
    ExamKind,
    add_result,
    parse_score,
    recent_results,
    roster,
    student_results,
    trends,
)

routes = web.RouteTableDef()
TEMPLATE = "mock_exams/list.html"
STUDENT_TEMPLATE = "mock_exams/student.html"
FIELDS = ("student_id", "kind", "taken_on", "total", "pair_id")


def _section_ids() -> list[str]:
    return [section.subject.id for section in sections()]


async def _context(
    request: web.Request, values: dict[str, str] | None = None, *, query: str = ""
) -> dict[str, Any]:
    deps, actor = deps_of(request), actor_of(request)
    recent = await recent_results(deps, actor)
    return {
        "roster": await roster(deps, actor, query=query),
        "q": query,
        "recent": recent,
        "profiles": await profiles_open_to(actor, [row.student.id for row in recent]),
        "kinds": [(kind.value, EXAM_NAMES[kind]) for kind in ExamKind],
        "exam_names": EXAM_NAMES,
        "sections": sections(),
        "pairs": subject_pairs().values(),
        "values": values or dict.fromkeys((*FIELDS, *_section_ids()), ""),
        "can_reports": Permission.CAREER_PROFILES_READ in granted_of(request),
    }


@routes.get("/mock-exams")
async def mock_exams_page(request: web.Request) -> web.Response:
    query = request.query.get("q", "")[:100].strip()
    return await render(request, TEMPLATE, await _context(request, query=query))


@routes.post("/mock-exams")
async def mock_exams_add(request: web.Request) -> web.Response:
    form = await request.post()
    values = {name: text(form, name, limit=40) for name in FIELDS}
    ent = values["kind"] == ExamKind.ENT
    section_ids = _section_ids()
    values.update({name: text(form, name, limit=10) for name in section_ids})
    try:
        taken_on = optional_date(form, "taken_on")
        if taken_on is None:
            raise InvalidInput(N_("Enter the exam date."), field="taken_on")
        scores = {name: parse_score(ExamKind.ENT, values[name]) for name in section_ids}
        await add_result(
            deps_of(request),
            actor_of(request),
            student_id=row_id(values["student_id"]),
            kind=values["kind"],
            taken_on=taken_on,
            total=parse_score(values["kind"], values["total"]),
            sections={name: score for name, score in scores.items() if score is not None}
            if ent
            else None,
            pair_id=values["pair_id"],
        )
    except InvalidInput as error:
        query = text(form, "q", limit=100)
        return await render_error(
            request, TEMPLATE, await _context(request, values, query=query), error
        )
    await flash(request, N_("The result is saved."))
    raise web.HTTPSeeOther("/mock-exams")


@routes.get(r"/mock-exams/{id:\d{1,12}}")
async def student_page(request: web.Request) -> web.Response:
    student_id = row_id(request.match_info["id"])
    found = await student_results(deps_of(request), actor_of(request), student_id=student_id)
    return await render(
        request,
        STUDENT_TEMPLATE,
        {
            "results": found,
            "trends": trends(found),
            "exam_names": EXAM_NAMES,
            "student_id": student_id,
            "can_profile": bool(await profiles_open_to(actor_of(request), [student_id])),
        },
    )
