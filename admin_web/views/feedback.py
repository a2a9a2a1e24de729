"""Lesson feedback: averages per teacher and per course with monthly trends, and the latest
comments (never their authors or lessons). A teacher without ``feedback.view`` sees their own."""

from __future__ import annotations

from aiohttp import web

from admin_web.keys import actor_of, deps_of, language_of
from admin_web.render import render
from core.i18n import N_, gettext_for
from core.services.feedback import (
    FEEDBACK_DAYS,
    RECENT_DAYS,
    TREND_MONTHS,
    Average,
    feedback_overview,
    format_rating,
    trend_chart,
)

routes = web.RouteTableDef()


@routes.get("/feedback")
async def feedback_page(request: web.Request) -> web.Response:
    overview = await feedback_overview(deps_of(request), actor_of(request))
    language = language_of(request)

    def rating(average: Average) -> str:
        return format_rating(average, language)

    title = gettext_for(language, N_("Average ratings by month"))
    return await render(
        request,
        "feedback/index.html",
        {
            "overview": overview,
            "rating": rating,
            "overall_chart": trend_chart(overview.overall, language, title=title),
            "teacher_charts": {
                row.teacher_id: trend_chart(row.months, language, title=row.name, small=True)
                for row in overview.teachers
            },
            "course_charts": {
                row.course_id: trend_chart(
                    row.months, language, title=row.course.pick(language), small=True
                )
                for row in overview.courses
            },
            "months": TREND_MONTHS,
            "feedback_days": FEEDBACK_DAYS,
            "recent_days": RECENT_DAYS,
        },
    )
