""" "Rating" in the main bot, for students and parents (who see the chosen child's).

One message shows "My place" (the place, then the entries around it) or "Top 10" of a
leaderboard — the student's group, course or organisation — over a period (this month,
this term, all time); its buttons switch the view, the leaderboard and the period by
editing the message in place. When the organisation shows nicknames, a student can set
theirs: "Set a nickname" → type it (``-`` removes it).
"""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bots.children import ask_for_child, chosen_child, viewed_child
from bots.keyboards import AnyMenuButton, MenuButton, button
from bots.middlewares import Choice
from bots.prompts import close_prompt, leave_flow, pressed_id, replace_pressed
from bots.routers.filters import ActingAs, Linked, Private
from bots.texts import STALE_BUTTON, Translator
from core.actor import Actor
from core.deps import Deps
from core.question_kinds import localised
from core.services.telegram import Identity, Role
from core.services.testing_reports import (
    PERIOD_LABELS,
    SCOPE_LABELS,
    MyPlace,
    PeriodChoice,
    RatingEntry,
    RatingNames,
    RatingPeriod,
    RatingScope,
    ScopeChoice,
    my_place,
    rating_period,
    rating_periods,
    rating_scopes,
)
from core.services.testing_settings import NICKNAME_MAX, set_nickname

TOP = 10
CHECK = "✓ "
MARK = "▶ "
#: Typed instead of a nickname: remove it.
CLEAR = "-"
PROMPT = "rating_prompt_id"


class RatingView(CallbackData, prefix="rt"):
    """What the rating message shows: the top (else the student's place) of a leaderboard
    over a period."""

    top: bool
    scope: str
    id: int
    period: str


class NicknameStart(CallbackData, prefix="rtnick"):
    go: bool


class Nickname(StatesGroup):
    waiting = State()


def _student(actor: Actor, choice: Choice) -> int:
    return viewed_child(choice) or actor.person_id or 0


def _board_name(board: ScopeChoice | MyPlace, _: Translator) -> str:
    if isinstance(board, MyPlace):
        scope, name = board.board.scope, board.board.scope_name
    else:
        scope, name = board.scope, board.name
    return _("{scope} “{name}”", scope=_(SCOPE_LABELS[scope]), name=localised(name, _.language))


def _line(entry: RatingEntry, student_id: int, _: Translator) -> str:
    text = _(
        "{place}. {name} — {average}% (tests: {tests})",
        place=entry.place,
        name=entry.name,
        average=f"{entry.average:.1f}",
        tests=entry.tests,
    )
    return MARK + text if entry.student_id == student_id else text


def render_rating(
    view: MyPlace, period: PeriodChoice, _: Translator, *, top: bool, child: str
) -> str:
    """The rating message: the leaderboard and period, then the top or the student's place
    with the entries around it."""
    board = view.board
    title = (
        _("Rating: {board}, all time.", board=_board_name(view, _))
        if period.period is RatingPeriod.ALL
        else _(
            "Rating: {board}, {period} ({starts} – {ends}).",
            board=_board_name(view, _),
            period=_(PERIOD_LABELS[period.period]),
            starts=board.starts_on.strftime("%d.%m.%Y"),
            ends=board.ends_on.strftime("%d.%m.%Y"),
        )
    )
    lines = [title, ""]
    entry = view.entry
    if top:
        lines.append(_("Top {count}:", count=TOP))
        lines += [_line(e, view.student_id, _) for e in board.entries[:TOP]]
        if not board.entries:
            lines.append(_("No tests were finished in this period."))
        elif entry is not None and entry.place > board.entries[-1].place:
            lines += ["…", _line(entry, view.student_id, _)]
        return "\n".join(lines)
    if entry is None:
        lines.append(
            _("{name} has no finished tests in this period.", name=child)
            if child
            else _("You have no finished tests in this period.")
        )
        return "\n".join(lines)
    params = {
        "place": entry.place,
        "total": board.total,
        "average": f"{entry.average:.1f}",
        "tests": entry.tests,
    }
    lines.append(
        _(
            "Place of {name}: {place} of {total}, average {average}% (tests: {tests}).",
            name=child,
            **params,
        )
        if child
        else _("Your place: {place} of {total}, average {average}% (tests: {tests}).", **params)
    )
    lines.append("")
    lines += [_line(e, view.student_id, _) for e in view.around]
    return "\n".join(lines)


def rating_keyboard(
    view: MyPlace,
    scopes: list[ScopeChoice],
    periods: list[PeriodChoice],
    period: RatingPeriod,
    _: Translator,
    *,
    top: bool,
    nickname: bool,
) -> InlineKeyboardMarkup:
    board = view.board

    def data(*, to_top: bool, scope: ScopeChoice | None = None, when: str = "") -> RatingView:
        return RatingView(
            top=to_top,
            scope=(scope.scope if scope else board.scope).value,
            id=scope.scope_id if scope else board.scope_id,
            period=when or period.value,
        )

    def mark(text: str, chosen: bool) -> str:
        return CHECK + text if chosen else text

    rows: list[list[InlineKeyboardButton]] = [
        [
            button(mark(_("My place"), not top), data(to_top=False)),
            button(mark(_("Top {count}", count=TOP), top), data(to_top=True)),
        ]
    ]
    rows += [
        [
            button(
                mark(
                    _board_name(scope, _),
                    (scope.scope, scope.scope_id) == (board.scope, board.scope_id),
                ),
                data(to_top=top, scope=scope),
            )
        ]
        for scope in scopes
    ]
    rows.append(
        [
            button(
                mark(_(PERIOD_LABELS[choice.period]), choice.period == period),
                data(to_top=top, when=choice.period.value),
            )
            for choice in periods
        ]
    )
    if nickname:
        rows.append([button(_("Set a nickname"), NicknameStart(go=True))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def _view(
    deps: Deps,
    actor: Actor,
    choice: Choice,
    *,
    scope: RatingScope | None,
    scope_id: int,
    period: RatingPeriod,
) -> tuple[MyPlace, list[ScopeChoice], list[PeriodChoice], PeriodChoice]:
    student = _student(actor, choice)
    scopes = await rating_scopes(actor, student_id=student)
    if scope is None:  # the student's first group, else the organisation
        scope, scope_id = scopes[0].scope, scopes[0].scope_id
    chosen = await rating_period(deps, actor, period=period)
    view = await my_place(
        actor,
        student_id=student,
        scope=scope,
        scope_id=scope_id,
        starts_on=chosen.starts_on,
        ends_on=chosen.ends_on,
        top=TOP,
    )
    return view, scopes, await rating_periods(deps, actor), chosen


def _may_set_nickname(view: MyPlace, choice: Choice) -> bool:
    return choice.role is Role.STUDENT and view.board.names is RatingNames.NICKNAME


async def show_rating(
    message: Message,
    *,
    deps: Deps,
    actor: Actor,
    identity: Identity,
    choice: Choice,
    state: FSMContext,
    _: Translator,
) -> None:
    await leave_flow(state, (PROMPT,))
    if choice.role is Role.PARENT and chosen_child(identity, choice) is None:
        await ask_for_child(message, identity, _)
        return
    view, scopes, periods, period = await _view(
        deps, actor, choice, scope=None, scope_id=0, period=RatingPeriod.MONTH
    )
    child = chosen_child(identity, choice)
    await message.answer(
        render_rating(view, period, _, top=False, child=child.full_name if child else ""),
        reply_markup=rating_keyboard(
            view,
            scopes,
            periods,
            period.period,
            _,
            top=False,
            nickname=_may_set_nickname(view, choice),
        ),
    )


async def rating_chosen(
    query: CallbackQuery,
    *,
    callback_data: RatingView,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    identity: Identity,
    choice: Choice,
    _: Translator,
) -> None:
    try:
        scope = RatingScope(callback_data.scope)
        period = RatingPeriod(callback_data.period)
    except ValueError:
        await query.answer(_(STALE_BUTTON))
        return
    if choice.role is Role.PARENT and chosen_child(identity, choice) is None:
        await query.answer(_(STALE_BUTTON))
        return
    view, scopes, periods, chosen = await _view(
        deps, actor, choice, scope=scope, scope_id=callback_data.id, period=period
    )
    child = chosen_child(identity, choice)
    await query.answer()
    await replace_pressed(
        query,
        bot,
        render_rating(
            view, chosen, _, top=callback_data.top, child=child.full_name if child else ""
        ),
        rating_keyboard(
            view,
            scopes,
            periods,
            chosen.period,
            _,
            top=callback_data.top,
            nickname=_may_set_nickname(view, choice),
        ),
    )


async def ask_nickname(
    query: CallbackQuery, *, bot: Bot, state: FSMContext, choice: Choice, _: Translator
) -> None:
    if choice.role is not Role.STUDENT:
        await query.answer(_(STALE_BUTTON))
        return
    await query.answer()
    prompt = await bot.send_message(
        query.from_user.id,
        _(
            "Send the nickname to show in ratings: up to {limit} characters — letters of "
            "one alphabet (Cyrillic or Latin), digits, spaces and . _ -. It may not be or "
            "look like someone else's name. Send “{clear}” to remove yours.",
            limit=NICKNAME_MAX,
            clear=CLEAR,
        ),
        reply_markup=InlineKeyboardMarkup(
            inline_keyboard=[[button(_("Cancel"), NicknameStart(go=False))]]
        ),
    )
    await state.set_state(Nickname.waiting)
    await state.update_data({PROMPT: prompt.message_id})


async def cancel_nickname(
    query: CallbackQuery, *, bot: Bot, state: FSMContext, _: Translator
) -> None:
    if pressed_id(query) != (await state.get_data()).get(PROMPT):
        await query.answer(_(STALE_BUTTON))
        return
    await leave_flow(state, (PROMPT,))
    await close_prompt(query, bot, _("Cancelled. Your nickname stays as it was."))


async def nickname_typed(
    message: Message, *, deps: Deps, actor: Actor, state: FSMContext, _: Translator
) -> None:
    typed = (message.text or "").strip()
    # A refused nickname raises here: the errors router says why, and the bot keeps waiting.
    saved = await set_nickname(deps, actor, nickname="" if typed == CLEAR else typed)
    await leave_flow(state, (PROMPT,))
    await message.answer(
        _("Your nickname in ratings is now “{nickname}”.", nickname=saved)
        if saved
        else _("Your nickname is removed: ratings show your last name and initial.")
    )


def router() -> Router:
    rating = Router(name="rating")
    for observer in (rating.message, rating.callback_query):
        observer.filter(Private(), Linked(), ActingAs(Role.STUDENT, Role.PARENT))
    rating.message.register(show_rating, MenuButton("rating"))
    rating.message.register(
        nickname_typed,
        StateFilter(Nickname.waiting),
        F.text,
        ~F.text.startswith("/"),
        ~AnyMenuButton(),
    )
    rating.callback_query.register(rating_chosen, RatingView.filter())
    rating.callback_query.register(ask_nickname, NicknameStart.filter(F.go))
    rating.callback_query.register(cancel_nickname, NicknameStart.filter(~F.go))
    return rating
