"""The career bot's profession atlas and admissions news (issue 9).

- **Professions**: the button asks for words; the next typed message is searched in
  Kazakh, Russian and English (``core.services.atlas``), the hits come back as buttons and
  a press opens the profession's card: what they do, its interests, its programme groups
  with the ENT subject pair and threshold, and the universities that offer each.
- **Admissions news**: the latest posts of the student's organisation.

This router is included before the career router, so it sees the typed words first — but
a message in which ``core.safety`` finds a concern is left alone and falls through to the
career router's safety gate, which answers it before anything else.
"""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import BaseFilter, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, Message, TelegramObject

from bots.keyboards import button, one_per_row
from bots.routers.filters import Linked, Private
from bots.texts import (
    ADMISSIONS_NEWS,
    ASK_PROFESSION_WORDS,
    ATLAS_DRAFT_NOTE,
    GROUP_ROUTE,
    NO_ADMISSIONS_NEWS,
    NO_PROFESSION_FOUND,
    NO_UNIVERSITY_ROUTE,
    OFFERED_BY,
    PROFESSION_ACTIVITIES,
    PROFESSION_INTERESTS,
    PROFESSIONS,
    PROFESSIONS_FOUND,
    SUGGESTION_ROUTE,
    WHERE_TO_STUDY,
    Translator,
)
from core.actor import Actor
from core.career.ent import SubjectPair
from core.deps import Deps
from core.safety import concerns
from core.services.atlas import (
    GroupView,
    ProfessionBrief,
    latest_news,
    profession_card,
    search_professions,
)

HITS = 8
GROUPS_SHOWN = 6
UNIVERSITIES_SHOWN = 5
NEWS_SHOWN = 5
DESCRIPTION_SHOWN = 700
MESSAGE_LIMIT = 4096


class AtlasPress(CallbackData, prefix="cat"):
    action: str  # "search", "news"


class ProfessionPress(CallbackData, prefix="cap"):
    code: str  # O*NET-SOC code


class AtlasSearch(StatesGroup):
    words = State()


class Unconcerning(BaseFilter):
    """A typed message in which ``core.safety`` finds nothing (others go to the safety gate)."""

    async def __call__(self, event: TelegramObject, **_: Any) -> bool:
        return isinstance(event, Message) and not concerns(event.text or event.caption or "")


def atlas_buttons(_: Translator) -> list[InlineKeyboardButton]:
    """The career menu's entries for the atlas and the news."""
    return [
        button(_(PROFESSIONS), AtlasPress(action="search")),
        button(_(ADMISSIONS_NEWS), AtlasPress(action="news")),
    ]


def pair_names(pair: SubjectPair, _: Translator) -> str:
    """ "Mathematics + Physics" in the reader's language."""
    return " + ".join(subject.localised(_.language) for subject in pair.subjects)


def suggestion_route(brief: ProfessionBrief, _: Translator) -> str:
    """ "Programme groups: B057, B058 · ENT: Mathematics + Informatics", or "" without one."""
    pair = brief.first_pair
    if pair is None:
        return ""
    codes = [group.code for group in brief.groups if pair in group.pairs][:3]
    return _(SUGGESTION_ROUTE, codes=", ".join(codes), subjects=pair_names(pair, _))


def _group_line(group: GroupView, _: Translator) -> str:
    return "• " + _(
        GROUP_ROUTE,
        code=group.code,
        name=group.localised(_.language),
        subjects="; ".join(pair_names(pair, _) for pair in group.pairs),
        threshold=group.threshold,
    )


async def ask_words(query: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.set_state(AtlasSearch.words)
    await query.answer()
    if query.message is not None:
        await query.message.answer(_(ASK_PROFESSION_WORDS))


async def search(
    message: Message, state: FSMContext, deps: Deps, actor: Actor, _: Translator
) -> None:
    found = await search_professions(deps, actor, query=message.text or "", limit=HITS)
    if not found:
        await message.answer(_(NO_PROFESSION_FOUND))  # still waiting for words
        return
    await state.clear()
    keyboard = one_per_row(
        button(brief.localised(_.language), ProfessionPress(code=brief.code)) for brief in found
    )
    await message.answer(_(PROFESSIONS_FOUND), reply_markup=keyboard)


async def show_card(
    query: CallbackQuery, callback_data: ProfessionPress, deps: Deps, actor: Actor, _: Translator
) -> None:
    card = await profession_card(deps, actor, code=callback_data.code)
    await query.answer()
    if query.message is None:
        return
    brief = card.brief
    title = brief.localised(_.language)
    description = card.localised_description(_.language)
    if len(description) > DESCRIPTION_SHOWN:
        description = description[: DESCRIPTION_SHOWN - 1] + "…"
    lines = [title if title == brief.title["en"] else f"{title} ({brief.title['en']})"]
    lines += ["", description, "", _(PROFESSION_ACTIVITIES)]
    lines += [f"• {activity.text[_.language]}" for activity in card.activities]
    lines += ["", _(PROFESSION_INTERESTS, code=brief.holland_code, zone=brief.job_zone), ""]
    if card.routes:
        lines.append(_(WHERE_TO_STUDY))
        for route in card.routes[:GROUPS_SHOWN]:
            lines.append(_group_line(route.group, _))
            names = [u.localised(_.language) for u in route.universities[:UNIVERSITIES_SHOWN]]
            if names:
                lines.append("   " + _(OFFERED_BY, names=", ".join(names)))
    else:
        lines.append(_(NO_UNIVERSITY_ROUTE))
    note = "\n\n" + _(ATLAS_DRAFT_NOTE)
    text = "\n".join(lines)[: MESSAGE_LIMIT - len(note)] + note
    await query.message.answer(text, reply_markup=one_per_row(atlas_buttons(_)[:1]))


async def show_news(query: CallbackQuery, deps: Deps, actor: Actor, _: Translator) -> None:
    news = await latest_news(deps, actor, limit=NEWS_SHOWN)
    await query.answer()
    if query.message is None:
        return
    if not news:
        await query.message.answer(_(NO_ADMISSIONS_NEWS))
        return
    for post in news:
        text = f"{post.title}\n{post.published_on:%d.%m.%Y}\n\n{post.body}"
        await query.message.answer(text[:MESSAGE_LIMIT])


def router() -> Router:
    atlas = Router(name="atlas")
    for observer in (atlas.message, atlas.callback_query):
        observer.filter(Private())
    atlas.callback_query.register(ask_words, AtlasPress.filter(F.action == "search"), Linked())
    atlas.callback_query.register(show_news, AtlasPress.filter(F.action == "news"), Linked())
    atlas.callback_query.register(show_card, ProfessionPress.filter(), Linked())
    atlas.message.register(
        search,
        StateFilter(AtlasSearch.words),
        F.text & ~F.text.startswith("/"),  # a command leaves the search
        Unconcerning(),
        Linked(),
    )
    return atlas
