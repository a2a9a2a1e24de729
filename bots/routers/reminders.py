"""The "Reminders" menu: each person's lesson reminder lead, the hour of the "your lessons
tomorrow" digest and, for parents, notices when their child is absent or late.

The message shows the choices in force and whether each is the person's own or their
organisation's; a press changes one choice and edits the message in place.
"""

from __future__ import annotations

from typing import Any

from aiogram import Bot, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bots.keyboards import MenuButton, button
from bots.middlewares import Choice
from bots.prompts import replace_pressed
from bots.routers.filters import ActingAs, Linked, Private
from bots.texts import STALE_BUTTON, Translator
from core.actor import Actor
from core.deps import Deps
from core.i18n import N_
from core.services.lesson_settings import ReminderChoice, reminder_choice, set_reminder_choice
from core.services.telegram import Role

LEAD = "lead"
DIGEST = "digest"
ABSENCE = "absence"
ORGANISATION = "org"

#: The leads offered (minutes; 0 is off), with their button labels.
LEADS: dict[int, str] = {
    0: N_("Off"),
    15: N_("15 minutes"),
    30: N_("30 minutes"),
    60: N_("1 hour"),
    120: N_("2 hours"),
    24 * 60: N_("1 day"),
}
#: The digest hours offered (-1 is off).
DIGEST_HOURS = (-1, 18, 19, 20, 21)
_LEADS_PER_ROW = 3
CHECK = "✓ "

LEAD_ON_OWN = N_("Lesson reminders: {lead} before each lesson (your choice).")
LEAD_ON_ORGANISATION = N_(
    "Lesson reminders: {lead} before each lesson (as your organisation set)."
)
LEAD_OFF_OWN = N_("Lesson reminders: off (your choice).")
LEAD_OFF_ORGANISATION = N_("Lesson reminders: off (as your organisation set).")
DIGEST_ON_OWN = N_("“Your lessons tomorrow”: at {hour} the day before (your choice).")
DIGEST_ON_ORGANISATION = N_(
    "“Your lessons tomorrow”: at {hour} the day before (as your organisation set)."
)
DIGEST_OFF_OWN = N_("“Your lessons tomorrow”: off (your choice).")
DIGEST_OFF_ORGANISATION = N_("“Your lessons tomorrow”: off (as your organisation set).")
ABSENCE_ON = N_("Notices when your child is absent or late: on.")
ABSENCE_OFF = N_("Notices when your child is absent or late: off.")
ABSENCE_BUTTON = N_("Tell me when my child is absent or late")
FOLLOW_BUTTON = N_("Use my organisation's settings")
INTRO = N_("Reminders. Choose below when the bot reminds you.")


class ReminderSet(CallbackData, prefix="remind"):
    what: str
    value: int


def _lead_label(minutes: int, _: Translator) -> str:
    if minutes in LEADS:
        return _(LEADS[minutes])
    return _("{minutes} min", minutes=minutes)


def _hour(hour: int) -> str:
    return f"{hour:02d}:00"


def describe(current: ReminderChoice, role: Role, _: Translator) -> str:
    """The choices in force, one line each, saying whose they are."""
    if current.reminder_minutes:
        lead = _lead_label(current.reminder_minutes, _)
        line = _(LEAD_ON_OWN if current.own_minutes else LEAD_ON_ORGANISATION, lead=lead)
    else:
        line = _(LEAD_OFF_OWN if current.own_minutes else LEAD_OFF_ORGANISATION)
    lines = [_(INTRO), "", line]
    if current.digest_hour is not None:
        hour = _hour(current.digest_hour)
        message = DIGEST_ON_OWN if current.own_digest else DIGEST_ON_ORGANISATION
        lines.append(_(message, hour=hour))
    else:
        lines.append(_(DIGEST_OFF_OWN if current.own_digest else DIGEST_OFF_ORGANISATION))
    if role is Role.PARENT:
        lines.append(_(ABSENCE_ON if current.absence_notices else ABSENCE_OFF))
    return "\n".join(lines)


def _button(text: str, what: str, value: int, *, chosen: bool = False) -> InlineKeyboardButton:
    return button(CHECK + text if chosen else text, ReminderSet(what=what, value=value))


def reminders_keyboard(current: ReminderChoice, role: Role, _: Translator) -> InlineKeyboardMarkup:
    leads = [
        _button(_(label), LEAD, minutes, chosen=minutes == current.reminder_minutes)
        for minutes, label in LEADS.items()
    ]
    rows = [
        leads[start : start + _LEADS_PER_ROW] for start in range(0, len(leads), _LEADS_PER_ROW)
    ]
    digest = current.digest_hour if current.digest_hour is not None else -1
    rows.append(
        [
            _button(_("Off") if hour < 0 else _hour(hour), DIGEST, hour, chosen=hour == digest)
            for hour in DIGEST_HOURS
        ]
    )
    if role is Role.PARENT:
        on = current.absence_notices
        rows.append([_button(_(ABSENCE_BUTTON), ABSENCE, int(not on), chosen=on)])
    if current.own_minutes or current.own_digest:
        rows.append([_button(_(FOLLOW_BUTTON), ORGANISATION, 1)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def show_reminders(message: Message, actor: Actor, choice: Choice, _: Translator) -> None:
    current = await reminder_choice(actor.person_id or 0, actor.organisation_id)
    await message.answer(
        describe(current, choice.role, _), reply_markup=reminders_keyboard(current, choice.role, _)
    )


def _change(data: ReminderSet, role: Role) -> dict[str, Any] | None:
    """The ``set_reminder_choice`` arguments a button asks for; ``None`` for a forged one."""
    if data.what == LEAD and data.value in LEADS:
        return {"reminder_minutes": data.value}
    if data.what == DIGEST and data.value in DIGEST_HOURS:
        return {"digest_hour": data.value}
    if data.what == ABSENCE and role is Role.PARENT and data.value in {0, 1}:
        return {"absence_notices": bool(data.value)}
    if data.what == ORGANISATION:
        return {"organisation_minutes": True, "organisation_digest": True}
    return None


async def reminder_chosen(
    query: CallbackQuery,
    *,
    callback_data: ReminderSet,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    choice: Choice,
    _: Translator,
) -> None:
    change = _change(callback_data, choice.role)
    if change is None:
        await query.answer(_(STALE_BUTTON))
        return
    current = await set_reminder_choice(deps, actor, **change)
    await query.answer(_("Saved."))
    await replace_pressed(
        query,
        bot,
        describe(current, choice.role, _),
        reminders_keyboard(current, choice.role, _),
    )


def router() -> Router:
    reminders = Router(name="reminders")
    for observer in (reminders.message, reminders.callback_query):
        # The people reminders go to.
        observer.filter(Private(), Linked(), ActingAs(Role.TEACHER, Role.STUDENT, Role.PARENT))
    reminders.message.register(show_reminders, MenuButton("reminders"))
    reminders.callback_query.register(reminder_chosen, ReminderSet.filter())
    return reminders
