"""One ``Dispatcher`` per bot: middlewares, routers by feature, the errors router.

``build_dispatcher`` is all a runner (``bots.runner``) or a test needs; ``commands`` is what
each bot registers with ``setMyCommands``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from aiogram import Dispatcher, Router
from aiogram.fsm.storage.base import BaseStorage
from limits import RateLimitItem

from bots.middlewares import DEFAULT_FLOOD_RATE, IdentityMiddleware, ThrottleMiddleware
from bots.response_models import keep_response_models
from bots.routers import (
    atlas,
    attendance,
    career,
    chat,
    complaints,
    consultations,
    errors,
    feedback,
    homework,
    judge,
    language,
    linking,
    menu,
    money,
    profile,
    progress,
    rating,
    registration,
    reminders,
    salary,
    schedule,
    screenings,
    tests,
    wellbeing,
)
from bots.texts import COMMAND_HELP, COMMAND_LANGUAGE, COMMAND_MENU, COMMAND_START
from core.deps import Deps

BotKind = Literal["main", "complaints", "career"]
BOT_KINDS: tuple[BotKind, ...] = ("main", "complaints", "career")

#: (command, ``N_`` description) per bot, in menu order.
COMMANDS: dict[BotKind, tuple[tuple[str, str], ...]] = {
    "main": (("menu", COMMAND_MENU), ("language", COMMAND_LANGUAGE), ("help", COMMAND_HELP)),
    "complaints": (("start", COMMAND_START),),
    "career": (("start", COMMAND_START),),
}


def build_dispatcher(
    deps: Deps,
    *,
    kind: BotKind,
    storage: BaseStorage,
    flood_rate: RateLimitItem = DEFAULT_FLOOD_RATE,
    extra_routers: Sequence[Router] = (),
) -> Dispatcher:
    """A dispatcher for one bot; ``deps`` and ``bot_kind`` reach every handler.

    ``flood_rate`` is how many updates one user may send before the rest are dropped.
    ``extra_routers`` are included after linking and before everything else (the main
    bot's catch-alls come last).
    """
    keep_response_models()
    dp = Dispatcher(storage=storage, deps=deps, bot_kind=kind)
    dp.update.outer_middleware(ThrottleMiddleware(deps, kind=kind, rate=flood_rate))
    dp.update.outer_middleware(IdentityMiddleware(deps, kind=kind))
    dp.include_router(errors.router())
    if kind == "main":
        # Order matters: payments before anything that could swallow them, then joining a
        # class, linking and strangers, the menu's catch-alls last.
        dp.include_routers(
            money.payments_router(),
            # A class code's sign-up asks strangers their name: before linking's catch-all.
            registration.router(),
            linking.router(),
            feedback.leave_router(),
            *extra_routers,
            language.router(),
            profile.router(),
            schedule.router(),
            attendance.router(),
            homework.router(),
            progress.router(),
            tests.router(),
            judge.router(),
            rating.router(),
            feedback.router(),
            screenings.router(),
            consultations.router(),
            reminders.router(),
            wellbeing.router(),
            money.router(),
            salary.router(),
            chat.router(),
            menu.router(),
        )
    elif kind == "complaints":
        dp.include_routers(*extra_routers, complaints.router())
    else:
        # The atlas reads typed words in its search state before the career router's catch-all.
        dp.include_routers(*extra_routers, atlas.router(), career.router())
    return dp
