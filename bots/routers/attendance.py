"""Attendance in the main bot.

Teachers: "Mark attendance" lists today's lessons they teach and the last few left unmarked;
choosing one shows one inline keyboard for the whole group, a button per student. A press
cycles that student present → absent → late → excused, editing the same message; "All
present" resets everyone; "Done" saves it all with one ``mark_attendance`` call. Until
"Done" the marks live only in the FSM data (with the id of the message whose buttons are
live), so nothing half-marked reaches the database and an older keyboard is out of date.
A student still showing the mark the keyboard opened with is sent as a default, kept only
if they have no mark by then: a parent may report an absence while the keyboard is open.

Parents: "Report an absence" lists the chosen child's lessons of the next seven days (and
whole days with several lessons) → an optional reason (or "Skip") → "Report". The teacher is
told through the outbox by core.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bots.children import ask_for_child, chosen_child
from bots.keyboards import AnyMenuButton, MenuButton, button, one_per_row
from bots.middlewares import Choice
from bots.prompts import leave_flow, pressed_id, replace_pressed
from bots.routers.filters import Linked, Private
from bots.texts import STALE_BUTTON, Translator, toast
from core.actor import Actor
from core.deps import Deps
from core.i18n import N_
from core.services.attendance import (
    NOTE_MAX,
    STATUS_CYCLE,
    AttendanceStatus,
    ComingLesson,
    coming_lessons,
    lesson_roster,
    lessons_to_mark,
    mark_attendance,
    report_absence,
    report_day_absence,
)
from core.services.lessons import LessonView, format_when
from core.services.telegram import Identity, Role

ICONS: dict[AttendanceStatus, str] = {
    AttendanceStatus.PRESENT: "✅",
    AttendanceStatus.ABSENT: "❌",
    AttendanceStatus.LATE: "⏰",
    AttendanceStatus.EXCUSED: "📝",
}
MARKING_HELP = N_(
    "Press a name to change the mark: ✅ present → ❌ absent → ⏰ late → 📝 excused. "
    "Press “Done” to save."
)
ASK_REASON = N_("Write the reason in one message, or press “Skip”.")

# FSM data of the attendance keyboard in progress (next to the role choice kept there).
MARK_LESSON = "attendance_lesson"
MARK_STUDENTS = "attendance_students"
MARK_NAMES = "attendance_names"
MARK_STATUSES = "attendance_statuses"
MARK_SHOWN = "attendance_shown"
MARK_TITLE = "attendance_title"
MARK_MESSAGE = "attendance_message"
_MARK_KEYS = (
    MARK_LESSON,
    MARK_STUDENTS,
    MARK_NAMES,
    MARK_STATUSES,
    MARK_SHOWN,
    MARK_TITLE,
    MARK_MESSAGE,
)
# FSM data of an absence report in progress.
ABSENCE_CHILD = "absence_child"
ABSENCE_LESSON = "absence_lesson"
ABSENCE_DAY = "absence_day"
ABSENCE_TITLE = "absence_title"
ABSENCE_REASON = "absence_reason"
ABSENCE_PROMPT = "absence_prompt"
_ABSENCE_KEYS = (
    ABSENCE_CHILD,
    ABSENCE_LESSON,
    ABSENCE_DAY,
    ABSENCE_TITLE,
    ABSENCE_REASON,
    ABSENCE_PROMPT,
)
ALL_PRESENT, DONE = "all", "done"
SKIP, SEND, CANCEL = "skip", "send", "cancel"


class LessonToMark(CallbackData, prefix="attl"):
    lesson_id: int


class MarkToggle(CallbackData, prefix="attm"):
    lesson_id: int
    student_id: int


class MarkAction(CallbackData, prefix="atta"):
    lesson_id: int
    action: str


class AbsenceChoice(CallbackData, prefix="absl"):
    """A lesson (``lesson_id``) or a whole day (``lesson_id`` 0, ``day`` ISO)."""

    lesson_id: int
    day: str = ""


class AbsenceStep(CallbackData, prefix="absx"):
    action: str


class AbsenceReport(StatesGroup):
    reason = State()
    confirm = State()


def lesson_title(lesson: LessonView) -> str:
    """ "01.09 10:00 · Алгебра 7А": local day and time, then the group."""
    return f"{format_when(lesson.starts_at, lesson.timezone)} · {lesson.group_name}"


def _lesson_button(lesson: LessonView, data: CallbackData, *, done: bool) -> InlineKeyboardButton:
    """A lesson of a list to choose from; ✓ when it is marked (or reported) already."""
    return button(f"{lesson_title(lesson)}{' ✓' if done else ''}", data)


# --- teachers -----------------------------------------------------------------------------


async def ask_lesson(
    message: Message, deps: Deps, actor: Actor, choice: Choice, _: Translator
) -> None:
    if choice.role is not Role.TEACHER:
        await message.answer(_("Please choose an item from the menu."))
        return
    lessons = await lessons_to_mark(deps, actor)
    if not lessons:
        await message.answer(_("You have no lessons to mark today."))
        return
    await message.answer(
        _("Choose a lesson to mark (✓: marked already)."),
        reply_markup=one_per_row(
            _lesson_button(item.lesson, LessonToMark(lesson_id=item.lesson.id), done=item.marked)
            for item in lessons
        ),
    )


def _marking_text(data: dict[str, Any], _: Translator) -> str:
    statuses = [AttendanceStatus(value) for value in data[MARK_STATUSES]]
    counts = " · ".join(f"{ICONS[status]} {statuses.count(status)}" for status in STATUS_CYCLE)
    return f"{data[MARK_TITLE]}\n{_(MARKING_HELP)}\n{counts}"


def _marking_keyboard(data: dict[str, Any], _: Translator) -> InlineKeyboardMarkup:
    lesson_id = int(data[MARK_LESSON])
    rows = [
        [
            button(
                f"{ICONS[AttendanceStatus(status)]} {name}",
                MarkToggle(lesson_id=lesson_id, student_id=student_id),
            )
        ]
        for student_id, name, status in zip(
            data[MARK_STUDENTS], data[MARK_NAMES], data[MARK_STATUSES], strict=True
        )
    ]
    rows.append(
        [
            button(_("All present"), MarkAction(lesson_id=lesson_id, action=ALL_PRESENT)),
            button(_("Done"), MarkAction(lesson_id=lesson_id, action=DONE)),
        ]
    )
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def lesson_chosen(
    query: CallbackQuery,
    *,
    callback_data: LessonToMark,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    roster = await lesson_roster(deps, actor, lesson_id=callback_data.lesson_id)
    if not roster.can_mark:
        await query.answer(_(STALE_BUTTON))
        return
    lines = [line for line in roster.lines if line.enrolled]
    if not lines:
        await query.answer(toast(_("Nobody is in the group on this day.")))
        return
    await query.answer()
    shown = [(line.status or AttendanceStatus.PRESENT).value for line in lines]
    draft: dict[str, Any] = {
        MARK_LESSON: roster.lesson.id,
        MARK_STUDENTS: [line.student_id for line in lines],
        MARK_NAMES: [line.full_name for line in lines],
        MARK_STATUSES: shown,
        MARK_SHOWN: shown,
        MARK_TITLE: lesson_title(roster.lesson),
    }
    if query.message is None:
        sent = await bot.send_message(
            query.from_user.id,
            _marking_text(draft, _),
            reply_markup=_marking_keyboard(draft, _),
        )
        draft[MARK_MESSAGE] = sent.message_id
    else:
        await replace_pressed(query, bot, _marking_text(draft, _), _marking_keyboard(draft, _))
        draft[MARK_MESSAGE] = query.message.message_id
    await state.update_data(draft)


async def _live_draft(
    query: CallbackQuery, lesson_id: int, state: FSMContext
) -> dict[str, Any] | None:
    """The draft this button belongs to, or None for a button of an older keyboard."""
    data = await state.get_data()
    if data.get(MARK_LESSON) != lesson_id or data.get(MARK_MESSAGE) != pressed_id(query):
        return None
    return data


async def mark_toggled(
    query: CallbackQuery,
    *,
    callback_data: MarkToggle,
    bot: Bot,
    state: FSMContext,
    _: Translator,
) -> None:
    data = await _live_draft(query, callback_data.lesson_id, state)
    if data is None or callback_data.student_id not in data[MARK_STUDENTS]:
        await query.answer(_(STALE_BUTTON))
        return
    index = data[MARK_STUDENTS].index(callback_data.student_id)
    statuses = list(data[MARK_STATUSES])
    current = STATUS_CYCLE.index(AttendanceStatus(statuses[index]))
    statuses[index] = STATUS_CYCLE[(current + 1) % len(STATUS_CYCLE)].value
    data = await state.update_data({MARK_STATUSES: statuses})
    await query.answer()
    await replace_pressed(query, bot, _marking_text(data, _), _marking_keyboard(data, _))


async def mark_action(
    query: CallbackQuery,
    *,
    callback_data: MarkAction,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    data = await _live_draft(query, callback_data.lesson_id, state)
    if data is None or callback_data.action not in (ALL_PRESENT, DONE):
        await query.answer(_(STALE_BUTTON))
        return
    if callback_data.action == ALL_PRESENT:
        present = [AttendanceStatus.PRESENT.value] * len(data[MARK_STUDENTS])
        if present == data[MARK_STATUSES]:
            await query.answer()
            return
        data = await state.update_data({MARK_STATUSES: present})
        await query.answer()
        await replace_pressed(query, bot, _marking_text(data, _), _marking_keyboard(data, _))
        return
    # A refusal (the lesson has not begun, someone left the group) reaches the user through
    # the errors router, and the keyboard stays as it is to try again.
    students = [int(student_id) for student_id in data[MARK_STUDENTS]]
    result = await mark_attendance(
        deps,
        actor,
        lesson_id=callback_data.lesson_id,
        marks={
            student_id: AttendanceStatus(status)
            for student_id, status in zip(students, data[MARK_STATUSES], strict=True)
        },
        # A student still as shown got no choice of the teacher's: a newer mark wins.
        if_unmarked=[
            student_id
            for student_id, status, shown in zip(
                students, data[MARK_STATUSES], data[MARK_SHOWN], strict=True
            )
            if status == shown
        ],
    )
    await leave_flow(state, _MARK_KEYS)
    await query.answer()
    await replace_pressed(
        query,
        bot,
        _(
            "Attendance of {lesson} is saved: {present} present, {absent} absent, "
            "{late} late, {excused} excused.",
            lesson=data[MARK_TITLE],
            present=result.present,
            absent=result.absent,
            late=result.late,
            excused=result.excused,
        ),
    )


# --- parents ------------------------------------------------------------------------------


def _coming_keyboard(coming: list[ComingLesson], _: Translator) -> InlineKeyboardMarkup:
    buttons = [
        _lesson_button(item.lesson, AbsenceChoice(lesson_id=item.lesson.id), done=item.reported)
        for item in coming
    ]
    per_day: dict[date, int] = defaultdict(int)
    for item in coming:
        per_day[item.lesson.local_day] += 1
    buttons.extend(
        button(
            _("Every lesson on {day}", day=f"{day:%d.%m}"),
            AbsenceChoice(lesson_id=0, day=day.isoformat()),
        )
        for day, count in per_day.items()
        if count > 1
    )
    return one_per_row(buttons)


async def ask_absence(
    message: Message,
    deps: Deps,
    actor: Actor,
    identity: Identity,
    choice: Choice,
    _: Translator,
) -> None:
    if choice.role is not Role.PARENT:
        await message.answer(_("Please choose an item from the menu."))
        return
    child = chosen_child(identity, choice)
    if child is None:
        await ask_for_child(message, identity, _)
        return
    coming = await coming_lessons(deps, actor, child_id=child.id)
    if not coming:
        await message.answer(
            _("{child} has no lessons in the next seven days.", child=child.full_name)
        )
        return
    await message.answer(
        _("Which lesson will {child} miss? (✓: reported already)", child=child.full_name),
        reply_markup=_coming_keyboard(coming, _),
    )


def _step_keyboard(_: Translator, *, ready: bool) -> InlineKeyboardMarkup:
    first = (
        button(_("Report"), AbsenceStep(action=SEND))
        if ready
        else button(_("Skip"), AbsenceStep(action=SKIP))
    )
    return InlineKeyboardMarkup(
        inline_keyboard=[[first, button(_("Cancel"), AbsenceStep(action=CANCEL))]]
    )


def _absence_title(
    callback_data: AbsenceChoice, coming: list[ComingLesson], _: Translator
) -> str | None:
    """What the press chose, as the parent reads it; None when it is no longer on offer."""
    if callback_data.lesson_id:
        return next(
            (
                lesson_title(item.lesson)
                for item in coming
                if item.lesson.id == callback_data.lesson_id
            ),
            None,
        )
    try:
        day = date.fromisoformat(callback_data.day)
    except ValueError:
        return None
    if not any(item.lesson.local_day == day for item in coming):
        return None
    return _("every lesson on {day}", day=f"{day:%d.%m}")


async def absence_chosen(
    query: CallbackQuery,
    *,
    callback_data: AbsenceChoice,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    choice: Choice,
    state: FSMContext,
    _: Translator,
) -> None:
    if choice.role is not Role.PARENT or choice.child_id is None:
        await query.answer(_(STALE_BUTTON))
        return
    coming = await coming_lessons(deps, actor, child_id=choice.child_id)
    title = _absence_title(callback_data, coming, _)
    if title is None:
        await query.answer(_(STALE_BUTTON))
        return
    await query.answer()
    text = f"{title}\n{_(ASK_REASON)}"
    await replace_pressed(query, bot, text, _step_keyboard(_, ready=False))
    await state.set_state(AbsenceReport.reason)
    await state.update_data(
        {
            ABSENCE_CHILD: choice.child_id,
            ABSENCE_LESSON: callback_data.lesson_id,
            ABSENCE_DAY: callback_data.day,
            ABSENCE_TITLE: title,
            ABSENCE_REASON: "",
            ABSENCE_PROMPT: pressed_id(query),
        }
    )


def _confirm_text(data: dict[str, Any], _: Translator) -> str:
    if data.get(ABSENCE_REASON):
        return _(
            "Report the absence: {lesson}. Reason: {reason}",
            lesson=data[ABSENCE_TITLE],
            reason=data[ABSENCE_REASON],
        )
    return _("Report the absence: {lesson}.", lesson=data[ABSENCE_TITLE])


async def reason_written(message: Message, state: FSMContext, _: Translator) -> None:
    """The reason; written again before confirming, it replaces the first one."""
    reason = (message.text or "").strip()
    if len(reason) > NOTE_MAX:
        await message.answer(_("A reason can be at most {limit} characters long.", limit=NOTE_MAX))
        return
    data = await state.update_data({ABSENCE_REASON: reason})
    prompt = await message.reply(
        _confirm_text(data, _), reply_markup=_step_keyboard(_, ready=True)
    )
    await state.set_state(AbsenceReport.confirm)
    await state.update_data({ABSENCE_PROMPT: prompt.message_id})


async def absence_step(
    query: CallbackQuery,
    *,
    callback_data: AbsenceStep,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    current = await state.get_state()
    data = await state.get_data()
    live = data.get(ABSENCE_PROMPT) == pressed_id(query)
    allowed = {
        AbsenceReport.reason.state: (SKIP, CANCEL),
        AbsenceReport.confirm.state: (SEND, CANCEL),
    }
    if not live or callback_data.action not in allowed.get(current or "", ()):
        await query.answer(_(STALE_BUTTON))
        return
    if callback_data.action == CANCEL:
        await leave_flow(state, _ABSENCE_KEYS)
        await query.answer()
        await replace_pressed(query, bot, _("Cancelled. Nothing was reported."))
        return
    if callback_data.action == SKIP:
        await state.set_state(AbsenceReport.confirm)
        await query.answer()
        await replace_pressed(query, bot, _confirm_text(data, _), _step_keyboard(_, ready=True))
        return
    child_id, reason = int(data[ABSENCE_CHILD]), str(data.get(ABSENCE_REASON, ""))
    try:
        if data.get(ABSENCE_LESSON):
            await report_absence(
                deps, actor, child_id=child_id, lesson_id=int(data[ABSENCE_LESSON]), reason=reason
            )
        else:
            await report_day_absence(
                deps,
                actor,
                child_id=child_id,
                day=date.fromisoformat(str(data[ABSENCE_DAY])),
                reason=reason,
            )
    finally:
        # Reported or refused (the lesson began meanwhile), the draft is done with; an error
        # reaches the user through the errors router.
        await leave_flow(state, _ABSENCE_KEYS)
    await query.answer()
    await replace_pressed(
        query,
        bot,
        _("Reported: {lesson}. The teacher is told.", lesson=data[ABSENCE_TITLE]),
    )


async def reason_not_text(message: Message, _: Translator) -> None:
    await message.answer(_(ASK_REASON))


def router() -> Router:
    attendance = Router(name="attendance")
    for observer in (attendance.message, attendance.callback_query):
        observer.filter(Private(), Linked())
    attendance.message.register(ask_lesson, MenuButton("attendance"))
    attendance.callback_query.register(lesson_chosen, LessonToMark.filter())
    attendance.callback_query.register(mark_toggled, MarkToggle.filter())
    attendance.callback_query.register(mark_action, MarkAction.filter())
    attendance.message.register(ask_absence, MenuButton("absence"))
    attendance.callback_query.register(absence_chosen, AbsenceChoice.filter())
    attendance.callback_query.register(absence_step, AbsenceStep.filter())
    # Menu buttons and commands keep working in the middle of a report.
    writing = StateFilter(AbsenceReport.reason, AbsenceReport.confirm)
    attendance.message.register(
        reason_written, writing, F.text, ~F.text.startswith("/"), ~AnyMenuButton()
    )
    attendance.message.register(reason_not_text, writing, ~F.text)
    return attendance
