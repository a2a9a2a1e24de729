""" "My profile", choosing a child (parents) and switching role or organisation."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bots.children import ask_for_child, child_not_chosen
from bots.keyboards import (
    ChildChoice,
    MenuButton,
    RoleChoice,
    children_keyboard,
    role_label,
    roles_keyboard,
)
from bots.middlewares import (
    CHILD_KEY,
    ORGANISATION_KEY,
    ROLE_KEY,
    Choice,
    choices_of,
    resolve_choice,
    resolve_language,
)
from bots.routers.filters import Linked, Private
from bots.routers.menu import send_menu
from bots.texts import STALE_BUTTON, Translator, toast
from core.actor import Actor
from core.deps import Deps
from core.services.telegram import GroupRef, Identity, Profile, Role, profile


def _groups_line(groups: tuple[GroupRef, ...], _: Translator) -> str:
    if not groups:
        return _("Groups: none yet.")
    return _("Groups: {groups}.", groups=", ".join(group.name for group in groups))


def render_profile(data: Profile, _: Translator) -> str:
    lines = [
        data.full_name,
        _("Organisation: {name}.", name=data.organisation.pick(_.language)),
        _("Role: {roles}.", roles=", ".join(role_label(role, _) for role in data.roles)),
    ]
    if data.child is not None:
        lines.append(_("Child: {name}.", name=data.child.full_name))
        lines.append(_groups_line(data.child.groups, _))
    else:
        lines.append(_groups_line(data.groups, _))
    return "\n".join(lines)


async def my_profile(
    message: Message, actor: Actor, identity: Identity, choice: Choice, _: Translator
) -> None:
    if child_not_chosen(identity, choice):
        await ask_for_child(message, identity, _)
        return
    data = await profile(actor, child_id=choice.child_id)
    await message.answer(render_profile(data, _))


async def ask_child(message: Message, identity: Identity, choice: Choice, _: Translator) -> None:
    if choice.role is not Role.PARENT or not identity.children:
        await message.answer(_("Please choose an item from the menu."))
        return
    await message.answer(_("Choose a child."), reply_markup=children_keyboard(identity))


async def child_chosen(
    query: CallbackQuery,
    *,
    callback_data: ChildChoice,
    bot: Bot,
    identity: Identity,
    choice: Choice,
    state: FSMContext,
    _: Translator,
) -> None:
    child = identity.child(callback_data.id)
    if child is None or choice.role is not Role.PARENT:
        await query.answer(_(STALE_BUTTON))
        return
    done = _("You chose {name}.", name=child.full_name)
    await state.update_data({CHILD_KEY: child.id})
    if choice.child_id == child.id:
        await query.answer(toast(done))  # pressed twice, or the only child: nothing new to send
        return
    await query.answer()
    if query.message is not None:
        await bot.edit_message_text(
            done, chat_id=query.message.chat.id, message_id=query.message.message_id
        )
    else:
        await bot.send_message(query.from_user.id, done)


async def ask_role(message: Message, identity: Identity, choice: Choice, _: Translator) -> None:
    if len(choices_of(identity)) < 2:
        await message.answer(_("Please choose an item from the menu."))
        return
    await message.answer(
        _("Choose how you want to work now."), reply_markup=roles_keyboard(identity, _)
    )


async def role_chosen(
    query: CallbackQuery,
    *,
    callback_data: RoleChoice,
    bot: Bot,
    deps: Deps,
    identity: Identity,
    choice: Choice,
    state: FSMContext,
    _: Translator,
) -> None:
    wanted = next(
        (
            (org, role)
            for org, role in choices_of(identity)
            if org == callback_data.organisation_id and role.value == callback_data.role
        ),
        None,
    )
    if wanted is None:
        await query.answer(_(STALE_BUTTON))
        return
    organisation_id, role = wanted
    stored = await state.update_data({ORGANISATION_KEY: organisation_id, ROLE_KEY: role.value})
    new_choice = resolve_choice(identity, stored) or choice
    place = identity.place(organisation_id)
    _ = Translator(
        resolve_language(identity, place, query.from_user, deps.settings.default_language)
    )
    done = _(
        "You now work as {role} in {organisation}.",
        role=role_label(role, _),
        organisation=place.names.pick(_.language) if place else "",
    )
    if (choice.organisation_id, choice.role) == wanted:
        await query.answer(toast(done))  # pressed twice, or the current one: nothing new to send
        return
    await query.answer()
    chat_id = query.message.chat.id if query.message else query.from_user.id
    if query.message is not None:
        await bot.edit_message_text(done, chat_id=chat_id, message_id=query.message.message_id)
    await send_menu(bot, chat_id, identity, new_choice, _, _("Here is the menu."))
    if role is Role.PARENT and new_choice.child_id is None and identity.children:
        await bot.send_message(
            chat_id, _("Choose a child."), reply_markup=children_keyboard(identity)
        )


def router() -> Router:
    profile_router = Router(name="profile")
    for observer in (profile_router.message, profile_router.callback_query):
        observer.filter(Private(), Linked())
    profile_router.message.register(my_profile, MenuButton("profile"))
    profile_router.message.register(ask_child, MenuButton("child"))
    profile_router.message.register(ask_role, MenuButton("switch"))
    profile_router.callback_query.register(child_chosen, ChildChoice.filter())
    profile_router.callback_query.register(role_chosen, RoleChoice.filter())
    return profile_router
