"""Consultations in the main bot (issue 9): a student books a career counsellor or a
psychologist, and sees and cancels their bookings.

"Consultations" in the menu lists the student's upcoming bookings, each with a Cancel
button while it may still be cancelled, and a "Book a consultation" button: the kinds with
free times → a day → a time → an optional short topic → a confirmation with "Book". The
typed topic goes through ``core.safety`` first, as in the career bot: a message with words
of danger gets the crisis reply and the helplines, raises the well-being alert, and is not
kept as a topic. When someone else took the time meanwhile, the student is told and shown
the times left that day. Only the chosen time and the topic are kept in the FSM.
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bots.children import ask_for_child, chosen_child, viewed_child
from bots.keyboards import AnyMenuButton, MenuButton, button, one_per_row
from bots.middlewares import Choice
from bots.prompts import leave_flow
from bots.routers.career import Concerning
from bots.routers.filters import Linked, Private
from bots.texts import CRISIS_REPLY, STALE_BUTTON, Translator
from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict
from core.i18n import N_
from core.safety import HELPLINES, concerns
from core.services.consultations import (
    KIND_LABELS,
    SLOT_TAKEN,
    ConsultationKind,
    SlotView,
    book_slot,
    bookable_kinds,
    cancel_my_booking,
    free_slots,
    may_cancel,
    my_bookings,
    offered_slot,
)
from core.services.lessons import format_day, format_when, organisation_zone
from core.services.telegram import Identity, Role
from core.services.wellbeing import raise_alert

NO_BOOKINGS = N_("You have no upcoming consultations.")
YOUR_BOOKINGS = N_("Your upcoming consultations:")
BOOK = N_("Book a consultation")
CANCEL = N_("Cancel {when}")
NO_FREE = N_("There are no free consultation times now. Please look again later.")
WHOM = N_("Whom would you like to see?")
CHOOSE_DAY = N_("Choose a day.")
CHOOSE_TIME = N_("Choose a time.")
ASK_TOPIC = N_(
    "What would you like to talk about? Write it in a few words, or press “Without a topic”."
)
NO_TOPIC = N_("Without a topic")
CONFIRM = N_("{when}, {host} ({kind}), {place}. Topic: {topic}. Book this time?")
CONFIRM_BUTTON = N_("Book")
BOOKED = N_(
    "You are booked: {when}, {host}, {place}. You can cancel it in “Consultations” until "
    "2 hours before."
)
CANCELLED = N_("The consultation is cancelled.")

_KINDS = {kind.value: kind for kind in ConsultationKind}
_SLOT = "consult_slot"
_TOPIC = "consult_topic"
_KEYS = (_SLOT, _TOPIC)


class ConsultStart(CallbackData, prefix="cnb"):
    pass


class ConsultKind(CallbackData, prefix="cnk"):
    kind: str


class ConsultDay(CallbackData, prefix="cnd"):
    kind: str
    day: str  # ISO date, local


class ConsultTime(CallbackData, prefix="cnt"):
    slot: int


class ConsultSkipTopic(CallbackData, prefix="cnn"):
    slot: int


class ConsultBook(CallbackData, prefix="cnc"):
    slot: int


class ConsultCancel(CallbackData, prefix="cnx"):
    booking: int


class ConsultTopic(StatesGroup):
    typing = State()


def _time_label(slot: SlotView, zone: ZoneInfo) -> str:
    start = format_when(slot.starts_at, zone)
    end = format_when(slot.ends_at, zone)[-5:]
    return " · ".join(part for part in (f"{start[-5:]}–{end}", slot.host, slot.place) if part)


async def _times(
    deps: Deps, actor: Actor, kind: ConsultationKind, day: date
) -> InlineKeyboardMarkup | None:
    zone = await organisation_zone(actor.organisation_id)
    slots = [
        slot
        for slot in await free_slots(deps, actor, kind=kind)
        if slot.starts_at.astimezone(zone).date() == day
    ]
    if not slots:
        return None
    return one_per_row(
        button(_time_label(slot, zone), ConsultTime(slot=slot.id)) for slot in slots
    )


async def show_consultations(
    message: Message,
    deps: Deps,
    actor: Actor,
    identity: Identity,
    choice: Choice,
    *,
    state: FSMContext,
    _: Translator,
) -> None:
    await leave_flow(state, _KEYS)
    if choice.role is Role.PARENT and chosen_child(identity, choice) is None:
        await ask_for_child(message, identity, _)
        return
    bookings = await my_bookings(deps, actor, student_id=viewed_child(choice))
    zone = await organisation_zone(actor.organisation_id)
    now = deps.clock.now()
    lines = [_(YOUR_BOOKINGS) if bookings else _(NO_BOOKINGS)]
    lines += [
        "• "
        + " · ".join(
            part
            for part in (
                format_when(view.starts_at, zone),
                f"{view.host} ({_(KIND_LABELS[view.kind])})",
                view.place,
            )
            if part
        )
        for view in bookings
    ]
    rows = [
        button(_(CANCEL, when=format_when(view.starts_at, zone)), ConsultCancel(booking=view.id))
        for view in bookings
        if may_cancel(view, now)
    ]
    rows.append(button(_(BOOK), ConsultStart()))
    await message.answer("\n".join(lines), reply_markup=one_per_row(rows))


async def start_booking(query: CallbackQuery, deps: Deps, actor: Actor, _: Translator) -> None:
    kinds = await bookable_kinds(deps, actor)
    await query.answer()
    if query.message is None:
        return
    if not kinds:
        await query.message.answer(_(NO_FREE))
        return
    await query.message.answer(
        _(WHOM),
        reply_markup=one_per_row(
            button(_(KIND_LABELS[kind]), ConsultKind(kind=kind.value)) for kind in kinds
        ),
    )


async def kind_chosen(
    query: CallbackQuery, callback_data: ConsultKind, deps: Deps, actor: Actor, _: Translator
) -> None:
    kind = _KINDS.get(callback_data.kind)
    if kind is None:
        await query.answer(_(STALE_BUTTON))
        return
    zone = await organisation_zone(actor.organisation_id)
    days = sorted(
        {
            slot.starts_at.astimezone(zone).date()
            for slot in await free_slots(deps, actor, kind=kind)
        }
    )
    await query.answer()
    if query.message is None:
        return
    if not days:
        await query.message.answer(_(NO_FREE))
        return
    await query.message.answer(
        _(CHOOSE_DAY),
        reply_markup=one_per_row(
            button(format_day(day), ConsultDay(kind=kind.value, day=day.isoformat()))
            for day in days
        ),
    )


async def day_chosen(
    query: CallbackQuery, callback_data: ConsultDay, deps: Deps, actor: Actor, _: Translator
) -> None:
    kind = _KINDS.get(callback_data.kind)
    try:
        day = date.fromisoformat(callback_data.day)
    except ValueError:
        kind = None
    if kind is None:
        await query.answer(_(STALE_BUTTON))
        return
    keyboard = await _times(deps, actor, kind, day)
    await query.answer()
    if query.message is None:
        return
    await query.message.answer(_(CHOOSE_TIME) if keyboard else _(NO_FREE), reply_markup=keyboard)


async def time_chosen(
    query: CallbackQuery, callback_data: ConsultTime, state: FSMContext, _: Translator
) -> None:
    await state.set_state(ConsultTopic.typing)
    await state.update_data({_SLOT: callback_data.slot, _TOPIC: ""})
    await query.answer()
    if query.message is None:
        return
    await query.message.answer(
        _(ASK_TOPIC),
        reply_markup=one_per_row([button(_(NO_TOPIC), ConsultSkipTopic(slot=callback_data.slot))]),
    )


async def _taken(
    message: Message, deps: Deps, actor: Actor, slot: SlotView, _: Translator
) -> None:
    """Someone else has the time now: say so and show the times left that day."""
    zone = await organisation_zone(actor.organisation_id)
    keyboard = await _times(deps, actor, slot.kind, slot.starts_at.astimezone(zone).date())
    await message.answer(_(SLOT_TAKEN) if keyboard else _(NO_FREE), reply_markup=keyboard)


async def _confirm(
    message: Message, deps: Deps, actor: Actor, slot_id: int, topic: str, _: Translator
) -> None:
    slot = await offered_slot(actor, slot_id=slot_id)
    if slot.booking_id is not None:
        await _taken(message, deps, actor, slot, _)
        return
    zone = await organisation_zone(actor.organisation_id)
    await message.answer(
        _(
            CONFIRM,
            when=format_when(slot.starts_at, zone),
            host=slot.host,
            kind=_(KIND_LABELS[slot.kind]),
            place=slot.place or "—",
            topic=topic or "—",
        ),
        reply_markup=one_per_row([button(_(CONFIRM_BUTTON), ConsultBook(slot=slot.id))]),
    )


async def topic_typed(
    message: Message, deps: Deps, actor: Actor, state: FSMContext, _: Translator
) -> None:
    data = await state.get_data()
    topic = " ".join((message.text or "").split())[:200]
    await state.update_data({_TOPIC: topic})
    await _confirm(message, deps, actor, int(data.get(_SLOT, 0)), topic, _)


async def topic_concerning(
    message: Message, deps: Deps, actor: Actor, state: FSMContext, _: Translator
) -> None:
    # As in the career bot: the helplines first, a human is alerted, the words are not kept.
    await message.answer(_(CRISIS_REPLY) + "\n\n" + _(HELPLINES))
    await raise_alert(deps, actor, concerns=concerns(message.text or message.caption or ""))
    await state.update_data({_TOPIC: ""})


async def topic_skipped(
    query: CallbackQuery,
    callback_data: ConsultSkipTopic,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    await state.update_data({_SLOT: callback_data.slot, _TOPIC: ""})
    await query.answer()
    if query.message is not None:
        await _confirm(query.message, deps, actor, callback_data.slot, "", _)  # type: ignore[arg-type]


async def book(
    query: CallbackQuery,
    callback_data: ConsultBook,
    deps: Deps,
    actor: Actor,
    choice: Choice,
    *,
    state: FSMContext,
    _: Translator,
) -> None:
    data = await state.get_data()
    topic = str(data.get(_TOPIC, "")) if data.get(_SLOT) == callback_data.slot else ""
    slot = await offered_slot(actor, slot_id=callback_data.slot)
    try:
        view = await book_slot(
            deps, actor, slot_id=callback_data.slot, topic=topic, student_id=viewed_child(choice)
        )
    except Conflict as error:
        if error.message != SLOT_TAKEN:
            raise
        await query.answer()
        if query.message is not None:
            await _taken(query.message, deps, actor, slot, _)  # type: ignore[arg-type]
        return
    await leave_flow(state, _KEYS)
    await query.answer()
    if query.message is None:
        return
    zone = await organisation_zone(actor.organisation_id)
    await query.message.answer(
        _(BOOKED, when=format_when(view.starts_at, zone), host=view.host, place=view.place or "—")
    )


async def cancel(
    query: CallbackQuery,
    callback_data: ConsultCancel,
    deps: Deps,
    actor: Actor,
    choice: Choice,
    _: Translator,
) -> None:
    await cancel_my_booking(
        deps, actor, booking_id=callback_data.booking, student_id=viewed_child(choice)
    )
    await query.answer(_(CANCELLED))
    if query.message is not None:
        await query.message.answer(_(CANCELLED))


def router() -> Router:
    consultations = Router(name="consultations")
    for observer in (consultations.message, consultations.callback_query):
        observer.filter(Private(), Linked())
    consultations.message.register(show_consultations, MenuButton("consultations"))
    consultations.message.register(
        topic_concerning, ConsultTopic.typing, F.text, ~AnyMenuButton(), Concerning()
    )
    consultations.message.register(topic_typed, ConsultTopic.typing, F.text, ~AnyMenuButton())
    consultations.callback_query.register(start_booking, ConsultStart.filter())
    consultations.callback_query.register(kind_chosen, ConsultKind.filter())
    consultations.callback_query.register(day_chosen, ConsultDay.filter())
    consultations.callback_query.register(time_chosen, ConsultTime.filter())
    consultations.callback_query.register(topic_skipped, ConsultSkipTopic.filter())
    consultations.callback_query.register(book, ConsultBook.filter())
    consultations.callback_query.register(cancel, ConsultCancel.filter())
    return consultations
