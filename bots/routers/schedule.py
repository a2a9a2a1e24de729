""" "Schedule" in the main bot: today's lessons, then "This week", "Next lesson" and
"Add to calendar" (the person's .ics feed). Students see their groups' lessons, teachers the
lessons they teach (substitutions marked), parents the chosen child's.
"""

from __future__ import annotations

from datetime import date

from aiogram import Bot, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bots.children import CHOOSE_CHILD_FIRST, ask_for_child, child_not_chosen, viewed_child
from bots.keyboards import MenuButton, button, children_keyboard
from bots.middlewares import Choice
from bots.prompts import chat_of
from bots.routers.filters import Linked, Private
from bots.texts import STALE_BUTTON, Translator
from core.actor import Actor
from core.deps import Deps
from core.i18n import N_
from core.services.lessons import LessonStatus, LessonView, format_day
from core.services.telegram import Identity, Role
from core.services.timetable import (
    STATUS_LABELS,
    WEEKDAY_NAMES,
    Timetable,
    my_feed_url,
    my_timetable,
    next_lesson,
)

TODAY, WEEK, NEXT, FEED = "today", "week", "next", "feed"
FEED_HELP = N_(
    "Add this address to your calendar app (Google Calendar: “From URL”; Apple Calendar: "
    "“New Calendar Subscription”). Keep it private: anyone with it sees the timetable.\n{url}"
)


class ScheduleView(CallbackData, prefix="sched"):
    what: str


def schedule_keyboard(feed_url: str, _: Translator) -> InlineKeyboardMarkup:
    """This week, next lesson and the calendar feed. Telegram accepts only public addresses
    in URL buttons, so without an https address the feed button sends the link instead."""
    feed = (
        InlineKeyboardButton(text=_("Add to calendar"), url=feed_url)
        if feed_url.startswith("https://")
        else button(_("Add to calendar"), ScheduleView(what=FEED))
    )
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button(_("Today"), ScheduleView(what=TODAY)),
                button(_("This week"), ScheduleView(what=WEEK)),
            ],
            [button(_("Next lesson"), ScheduleView(what=NEXT)), feed],
        ]
    )


def _day_title(day: date, _: Translator) -> str:
    return f"{_(WEEKDAY_NAMES[day.weekday()])}, {format_day(day)}"


def lesson_lines(lesson: LessonView, viewer_id: int | None, _: Translator) -> list[str]:
    """One lesson: time, course and group, then where and with whom, and what changed."""
    cancelled = lesson.status is LessonStatus.CANCELLED
    mark = "❌ " if cancelled else ""
    head = (
        f"{mark}{lesson.local_start:%H:%M}–{lesson.local_end:%H:%M} "
        f"{lesson.course.pick(_.language)} · {lesson.group_name}"
    )
    details = []
    if lesson.room_name:
        details.append(_("room {room}", room=lesson.place))
    if lesson.substituted and lesson.planned_teacher_id == viewer_id:
        details.append(_("{teacher} substitutes you", teacher=lesson.teacher_name))
    elif lesson.substituted:
        details.append(
            _(
                "{teacher} instead of {planned}",
                teacher=lesson.teacher_name,
                planned=lesson.planned_teacher_name,
            )
        )
    elif lesson.teacher_id != viewer_id:
        details.append(lesson.teacher_name)
    lines = [head]
    if details:
        lines.append("    " + " · ".join(details))
    if cancelled:
        reason = lesson.cancel_reason
        lines.append(
            "    " + (_("Cancelled: {reason}", reason=reason) if reason else _("Cancelled"))
        )
    elif lesson.status is not LessonStatus.PLANNED:
        lines.append("    " + _(STATUS_LABELS[lesson.status]))
    return lines


def _whose(timetable_person: str, choice: Choice, _: Translator) -> list[str]:
    if choice.role is Role.PARENT:
        return [_("Timetable of {name}", name=timetable_person)]
    return []


def render_today(
    timetable: Timetable, choice: Choice, viewer_id: int | None, _: Translator
) -> str:
    lines = _whose(timetable.person_name, choice, _)
    lines.append(_("Today, {day}", day=_day_title(timetable.today, _)))
    lessons = timetable.on(timetable.today)
    if not lessons:
        lines.append(_("No lessons today."))
    for lesson in lessons:
        lines += lesson_lines(lesson, viewer_id, _)
    return "\n".join(lines)


def render_week(timetable: Timetable, choice: Choice, viewer_id: int | None, _: Translator) -> str:
    lines = _whose(timetable.person_name, choice, _)
    lines.append(
        _(
            "Week {first} – {last}",
            first=f"{timetable.first_day:%d.%m}",
            last=f"{timetable.last_day:%d.%m.%Y}",
        )
    )
    if not timetable.lessons:
        lines.append(_("No lessons this week."))
    for day in timetable.days:
        lessons = timetable.on(day)
        if lessons:
            lines.append("")
            lines.append(_day_title(day, _))
            for lesson in lessons:
                lines += lesson_lines(lesson, viewer_id, _)
    return "\n".join(lines)


async def show_today(
    message: Message,
    deps: Deps,
    actor: Actor,
    identity: Identity,
    choice: Choice,
    _: Translator,
) -> None:
    if child_not_chosen(identity, choice):
        await ask_for_child(message, identity, _)
        return
    timetable = await my_timetable(deps, actor, child_id=viewed_child(choice))
    await message.answer(
        render_today(timetable, choice, actor.person_id, _),
        reply_markup=schedule_keyboard(timetable.feed_url, _),
    )


async def view_chosen(
    query: CallbackQuery,
    *,
    callback_data: ScheduleView,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    identity: Identity,
    choice: Choice,
    _: Translator,
) -> None:
    chat_id = chat_of(query)
    if child_not_chosen(identity, choice):
        await query.answer()
        await bot.send_message(
            chat_id, _(CHOOSE_CHILD_FIRST), reply_markup=children_keyboard(identity)
        )
        return
    child_id = viewed_child(choice)
    if callback_data.what == WEEK:
        week = await my_timetable(deps, actor, whole_week=True, child_id=child_id)
        text, feed_url = render_week(week, choice, actor.person_id, _), week.feed_url
    elif callback_data.what == TODAY:
        today = await my_timetable(deps, actor, child_id=child_id)
        text, feed_url = render_today(today, choice, actor.person_id, _), today.feed_url
    elif callback_data.what == NEXT:
        coming = await next_lesson(deps, actor, child_id=child_id)
        lines = _whose(coming.person_name, choice, _)
        if coming.lesson is None:
            lines.append(_("No lessons are planned."))
        else:
            lines.append(_("Next lesson: {day}", day=_day_title(coming.lesson.local_day, _)))
            lines += lesson_lines(coming.lesson, actor.person_id, _)
        text, feed_url = "\n".join(lines), coming.feed_url
    elif callback_data.what == FEED:
        await query.answer()
        await bot.send_message(chat_id, _(FEED_HELP, url=my_feed_url(deps, actor)))
        return
    else:
        await query.answer(_(STALE_BUTTON))
        return
    await query.answer()
    await bot.send_message(chat_id, text, reply_markup=schedule_keyboard(feed_url, _))


def router() -> Router:
    schedule = Router(name="schedule")
    for observer in (schedule.message, schedule.callback_query):
        observer.filter(Private(), Linked())
    schedule.message.register(show_today, MenuButton("schedule"))
    schedule.callback_query.register(view_chosen, ScheduleView.filter())
    return schedule
