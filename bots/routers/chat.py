"""The chat bridge in the main bot: "Chat in Telegram", replies to bridged messages, and
teachers' "Write to group" (choose a group → type the text → confirm).

Bridged messages themselves go out through the outbox (``core.services.chat_bridge``); this
router only takes what comes back. A reply or a confirmed draft carries its Telegram chat and
message id as its ``client_id``, so an update Telegram delivers twice posts once.
"""

from __future__ import annotations

from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import BaseFilter, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bots.keyboards import (
    AnyMenuButton,
    BridgeSwitch,
    DraftAction,
    GroupChatChoice,
    MenuButton,
    bridge_keyboard,
    draft_keyboard,
    group_chats_keyboard,
)
from bots.prompts import close_prompt, leave_flow, pressed_id
from bots.routers.filters import ActingAs, Linked, Private
from bots.texts import STALE_BUTTON, Translator, toast
from core.actor import Actor
from core.deps import Deps
from core.i18n import N_
from core.services.chat_bridge import (
    ReplyTarget,
    group_chats_to_write,
    reply_target,
    set_telegram_bridge,
    telegram_bridge_enabled,
)
from core.services.messages import send_message
from core.services.telegram import Identity, Role

BRIDGE_ON = N_(
    "Chat in Telegram is on: new messages of your group chats come here. "
    "Reply to one of them to answer in its chat."
)
BRIDGE_OFF = N_("Chat in Telegram is off: messages of your group chats do not come here.")
ONLY_TEXT = N_("Only text can be sent to a group chat from Telegram.")
SOURCE = "telegram"

# FSM data of a draft (next to the role choice the middleware keeps there).
DRAFT_CHAT = "draft_conversation_id"
DRAFT_TITLE = "draft_title"
DRAFT_TEXT = "draft_text"
DRAFT_PROMPT = "draft_prompt_id"  # the bot's message whose buttons are live now
_DRAFT_KEYS = (DRAFT_CHAT, DRAFT_TITLE, DRAFT_TEXT, DRAFT_PROMPT)


class WriteToGroup(StatesGroup):
    text = State()
    confirm = State()


class BridgedReply(BaseFilter):
    """A reply to a bridged chat message; hands the handler its ``target``."""

    async def __call__(
        self, message: Message, identity: Identity | None = None, **_: Any
    ) -> bool | dict[str, Any]:
        replied = message.reply_to_message
        if (
            identity is None
            or replied is None
            or not (replied.from_user and replied.from_user.is_bot)
        ):
            return False
        target = await reply_target(identity.person_id, replied.message_id)
        return False if target is None else {"target": target}


def _client_id(chat_id: int, message_id: int) -> str:
    """Message ids are per chat (and start again if the person links another Telegram)."""
    return f"tg:{chat_id}:{message_id}"


def _bridge_state(on: bool, _: Translator) -> str:
    return _(BRIDGE_ON) if on else _(BRIDGE_OFF)


async def show_bridge(message: Message, actor: Actor, _: Translator) -> None:
    on = await telegram_bridge_enabled(actor)
    await message.answer(_bridge_state(on, _), reply_markup=bridge_keyboard(on, _))


async def bridge_switched(
    query: CallbackQuery,
    *,
    callback_data: BridgeSwitch,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    _: Translator,
) -> None:
    on = callback_data.on
    changed = await set_telegram_bridge(deps, actor, on=on)
    text = _bridge_state(on, _)
    if not changed or query.message is None:
        await query.answer(toast(text))  # a repeated press, or a message too old to edit
        return
    await query.answer()
    await bot.edit_message_text(
        text,
        chat_id=query.message.chat.id,
        message_id=query.message.message_id,
        reply_markup=bridge_keyboard(on, _),
    )


async def reply_in_chat(
    message: Message, deps: Deps, actor: Actor, target: ReplyTarget, _: Translator
) -> None:
    if message.text is None:
        await message.reply(_(ONLY_TEXT))
        return
    await send_message(
        deps,
        actor,
        conversation_id=target.conversation_id,
        text=message.text,
        client_id=_client_id(message.chat.id, message.message_id),
        reply_to_id=target.message_id,
        source=SOURCE,
    )
    await message.reply(_("Sent to “{group}”.", group=target.title))


async def ask_group(message: Message, deps: Deps, actor: Actor, _: Translator) -> None:
    chats = await group_chats_to_write(deps, actor)
    if not chats:
        await message.answer(_("You have no group chats to write to."))
        return
    await message.answer(
        _("Choose a group to write to."), reply_markup=group_chats_keyboard(chats)
    )


async def group_chosen(
    query: CallbackQuery,
    *,
    callback_data: GroupChatChoice,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    chats = await group_chats_to_write(deps, actor)
    chat = next((c for c in chats if c.id == callback_data.conversation_id), None)
    if chat is None:
        await query.answer(_(STALE_BUTTON))
        return
    await query.answer()
    text = _("Write your message to “{group}”.", group=chat.title)
    markup = draft_keyboard(_, ready=False)
    if query.message is None:
        prompt = await bot.send_message(query.from_user.id, text, reply_markup=markup)
        prompt_id = prompt.message_id
    else:
        prompt_id = query.message.message_id
        await bot.edit_message_text(
            text, chat_id=query.message.chat.id, message_id=prompt_id, reply_markup=markup
        )
    await state.set_state(WriteToGroup.text)
    await state.update_data(
        {DRAFT_CHAT: chat.id, DRAFT_TITLE: chat.title, DRAFT_PROMPT: prompt_id}
    )


async def draft_written(message: Message, state: FSMContext, _: Translator) -> None:
    """The text to post; written again before confirming, it replaces the first one."""
    data = await state.get_data()
    prompt = await message.reply(
        _("Send this message to “{group}”?", group=data.get(DRAFT_TITLE, "")),
        reply_markup=draft_keyboard(_, ready=True),
    )
    await state.set_state(WriteToGroup.confirm)
    await state.update_data({DRAFT_TEXT: message.text, DRAFT_PROMPT: prompt.message_id})


async def draft_not_text(message: Message, _: Translator) -> None:
    await message.answer(_(ONLY_TEXT))


async def draft_decided(
    query: CallbackQuery,
    *,
    callback_data: DraftAction,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    current = await state.get_state()
    data = await state.get_data()
    live = pressed_id(query) == data.get(DRAFT_PROMPT)
    if current not in (WriteToGroup.text.state, WriteToGroup.confirm.state) or not live:
        await query.answer(_(STALE_BUTTON))
        return
    if not callback_data.send:
        await leave_flow(state, _DRAFT_KEYS)
        await close_prompt(query, bot, _("Cancelled. Nothing was sent."))
        return
    if current != WriteToGroup.confirm.state:
        await query.answer(_(STALE_BUTTON))
        return
    try:
        await send_message(
            deps,
            actor,
            conversation_id=int(data[DRAFT_CHAT]),
            text=str(data[DRAFT_TEXT]),
            client_id=_client_id(query.from_user.id, int(data[DRAFT_PROMPT])),
            source=SOURCE,
        )
    finally:
        # Sent or refused (left the group, too fast), the draft is done with; an error
        # reaches the user through the errors router.
        await leave_flow(state, _DRAFT_KEYS)
    await close_prompt(query, bot, _("Sent to “{group}”.", group=data.get(DRAFT_TITLE, "")))


def router() -> Router:
    chat = Router(name="chat")
    for observer in (chat.message, chat.callback_query):
        observer.filter(Private(), Linked())
    # A reply to a bridged message wins over a draft in progress.
    chat.message.register(reply_in_chat, BridgedReply())
    chat.message.register(show_bridge, MenuButton("bridge"))
    chat.callback_query.register(bridge_switched, BridgeSwitch.filter())
    teacher = ActingAs(Role.TEACHER)
    chat.message.register(ask_group, MenuButton("write"), teacher)
    chat.callback_query.register(group_chosen, GroupChatChoice.filter(), teacher)
    chat.callback_query.register(draft_decided, DraftAction.filter(), teacher)
    # Menu buttons and commands keep working in the middle of a draft.
    drafting = StateFilter(WriteToGroup.text, WriteToGroup.confirm)
    chat.message.register(
        draft_written, drafting, teacher, F.text, ~F.text.startswith("/"), ~AnyMenuButton()
    )
    chat.message.register(draft_not_text, drafting, teacher, ~F.text)
    return chat
