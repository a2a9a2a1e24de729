"""The career bot (issue 9): the interest inventory, one item per message, and suggestions.

- **Safety first**: every typed message goes through ``core.safety`` before anything else
  answers it; a concern gets a human-written message with the helplines and stops there.
- **Who**: only people linked to Sabaq (the main bot's invitation); a stranger gets the main
  bot's linking explanation, someone not acting as a student the service's refusal.
- **Typed questions** go to the AI consultant when one is configured, else to the menus
  (``bots.routers.career_questions``).
- **Taking it**: ``/start`` shows the menu, or the current item of an unfinished attempt;
  each item has a 5-point keyboard whose buttons carry the attempt and the item, so an old
  message's button is refused ("already answered") and never scored twice. After the last
  item: the top-three code in words, the plan after school, suggestions with their band and
  the liked items that explain them, and the O*NET attribution under "Sources".
- **ENT line**: under each suggestion with a programme group, the student's latest mock ENT
  against the group's threshold (reach / target / safe / below the minimum), or a line that
  there is no mock ENT yet; "My mock exams" shows the latest result of each exam and its
  change since the previous one.
- **Invited by a counsellor**: the invitation's button (``cri:<invitation>``) starts the
  attempt with the grade the counsellor gave, so the grade is not asked.
- **Career events**: the school's programme items for the student's grade (their latest
  invitation's or attempt's) in the next 30 days.
Nothing is kept in the FSM: the attempt in the database is the state.
"""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import BaseFilter, CommandStart
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message, TelegramObject

from bots.keyboards import button, one_per_row
from bots.routers.atlas import atlas_buttons, pair_names, suggestion_route
from bots.routers.career_questions import reply_to
from bots.routers.filters import Linked, Private, Stranger, WithoutRole
from bots.routers.linking import explain_to_stranger, no_role, no_role_pressed, stranger_pressed
from bots.texts import (
    ASK_AIM,
    ASK_GRADE,
    BAND_BEST,
    BAND_GOOD,
    BAND_GREAT,
    BECAUSE_YOU_LIKED,
    CAREER_WELCOME,
    CONTINUE_INVENTORY,
    CRISIS_REPLY,
    ENT_BELOW_MINIMUM,
    ENT_OTHER_PAIR,
    ENT_REACH,
    ENT_SAFE,
    ENT_TARGET,
    FULL_FORM_INTRO,
    GRADE_LABEL,
    MOCK_DOWN,
    MOCK_EXAMS_HEADER,
    MOCK_LATEST,
    MOCK_SAME,
    MOCK_UP,
    MY_MOCK_EXAMS,
    MY_PROGRAMME,
    MY_RESULTS,
    NO_CLEAR_INTERESTS,
    NO_MOCK_ENT,
    NO_MOCK_EXAMS,
    NO_RESULTS_YET,
    NO_SUGGESTIONS,
    PROGRAMME_EMPTY,
    PROGRAMME_HEADER,
    PROGRAMME_NO_GRADE,
    QUESTION_HEADER,
    SHORT_FORM_INTRO,
    SOURCES,
    SUGGESTIONS_HEADER,
    TAKE_INVENTORY,
    USE_THE_BUTTONS,
    YOUR_CODE,
    Translator,
)
from core.actor import Actor
from core.career.ent import Verdict
from core.career.inventory import Form, Scores, item
from core.career.matching import Band
from core.career.notice import attribution
from core.deps import Deps
from core.errors import InvalidInput
from core.safety import HELPLINES, concerns
from core.services.atlas import ProfessionBrief, profession_briefs
from core.services.career import (
    AIMS,
    ANSWER_LABELS,
    GRADES,
    TYPE_DESCRIPTIONS,
    TYPE_NAMES,
    AttemptView,
    answer_item,
    current_item,
    latest_result,
    recommendations,
    start_inventory,
)
from core.services.career_invitations import open_invitation
from core.services.career_programme import KIND_LABELS, coming_for_student
from core.services.mock_exams import (
    EXAM_NAMES,
    ResultView,
    Trend,
    ent_outlook,
    latest_ent,
    my_results,
    score_text,
    trends,
)
from core.services.wellbeing import raise_alert

FACES = {1: "😖", 2: "🙁", 3: "😐", 4: "🙂", 5: "😍"}
BANDS = {Band.BEST: BAND_BEST, Band.GREAT: BAND_GREAT, Band.GOOD: BAND_GOOD}
VERDICTS = {Verdict.REACH: ENT_REACH, Verdict.TARGET: ENT_TARGET, Verdict.SAFE: ENT_SAFE}


class MenuPress(CallbackData, prefix="crm"):
    action: str  # "take", "results", "sources", "mock", "programme"


class GradePress(CallbackData, prefix="crg"):
    grade: int


class AnswerPress(CallbackData, prefix="cra"):
    attempt: int
    item: str
    value: int


class AimPress(CallbackData, prefix="crz"):
    aim: int


class InvitationPress(CallbackData, prefix="cri"):
    """The button of a counsellor's invitation (``career_invitations.invitation_callback``)."""

    invitation: int


class Concerning(BaseFilter):
    """A typed message in which ``core.safety`` finds a concern."""

    async def __call__(self, event: TelegramObject, **_: Any) -> bool:
        return isinstance(event, Message) and bool(concerns(event.text or event.caption or ""))


def _menu(_: Translator, *, unfinished: bool = False) -> InlineKeyboardMarkup:
    return one_per_row(
        [
            button(
                _(CONTINUE_INVENTORY if unfinished else TAKE_INVENTORY), MenuPress(action="take")
            ),
            button(_(MY_RESULTS), MenuPress(action="results")),
            button(_(MY_MOCK_EXAMS), MenuPress(action="mock")),
            button(_(MY_PROGRAMME), MenuPress(action="programme")),
            *atlas_buttons(_),
        ]
    )


def _item_message(view: AttemptView, _: Translator) -> tuple[str, InlineKeyboardMarkup]:
    question = view.current
    assert question is not None
    short = view.form == Form.SHORT
    text = "\n\n".join(
        (
            _(QUESTION_HEADER, number=view.answered + 1, total=view.total),
            _(SHORT_FORM_INTRO if short else FULL_FORM_INTRO),
            question.text[_.language],
        )
    )
    keyboard = one_per_row(
        button(
            f"{FACES[value]} {_(label)}" if short else _(label),
            AnswerPress(attempt=view.id, item=question.id, value=value),
        )
        for value, label in ANSWER_LABELS.items()
    )
    return text, keyboard


def _result_message(scores: Scores, _: Translator) -> tuple[str, InlineKeyboardMarkup]:
    if not scores.clear:
        return _(NO_CLEAR_INTERESTS), _menu(_)
    lines = [_(YOUR_CODE, code=scores.code)]
    lines += [f"• {_(TYPE_NAMES[kind])}: {_(TYPE_DESCRIPTIONS[kind])}" for kind in scores.code]
    text = "\n".join(lines) + "\n\n" + _(ASK_AIM)
    keyboard = one_per_row(
        button(_(label), AimPress(aim=aim)) for aim, (label, _z) in AIMS.items()
    )
    return text, keyboard


def _ent_lines(brief: ProfessionBrief, ent: ResultView | None, _: Translator) -> list[str]:
    """The ENT feasibility line (and, for another pair, a note) under a suggestion."""
    if not brief.groups:
        return []
    if ent is None:
        return [_(NO_MOCK_ENT)]
    outlook = ent_outlook(ent, brief.groups)
    if outlook is None:
        return []
    judged = outlook.feasibility
    if judged.verdict == Verdict.BELOW_MINIMUM:
        failed = ", ".join(subject.localised(_.language) for subject in judged.failed)
        lines = [_(ENT_BELOW_MINIMUM, total=judged.total, sections=failed)]
    else:
        lines = [
            _(
                VERDICTS[judged.verdict],
                total=judged.total,
                group=outlook.group.code,
                threshold=judged.threshold,
                missing=judged.missing,
            )
        ]
    if outlook.taken is not None:
        lines.append(_(ENT_OTHER_PAIR, subjects=pair_names(outlook.taken, _)))
    return lines


def _trend_line(trend: Trend, _: Translator) -> str:
    latest = trend.latest
    line = "• " + _(
        MOCK_LATEST,
        exam=_(EXAM_NAMES[latest.kind]),
        score=latest.score,
        date=f"{latest.taken_on:%d.%m.%Y}",
    )
    change = trend.change
    if change is None:
        return line
    if change == 0:
        return f"{line}, {_(MOCK_SAME)}"
    worded = MOCK_UP if change > 0 else MOCK_DOWN
    return f"{line}, {_(worded, change=score_text(latest.kind, abs(change)))}"


async def show_start(message: Message, deps: Deps, actor: Actor, _: Translator) -> None:
    view = await current_item(deps, actor)
    if view is not None and view.answered:
        text, keyboard = _item_message(view, _)
        await message.answer(text, reply_markup=keyboard)
        return
    await message.answer(_(CAREER_WELCOME), reply_markup=_menu(_, unfinished=view is not None))


async def question(message: Message, deps: Deps, actor: Actor, _: Translator) -> None:
    # Typed text has passed the safety gate: the AI consultant or the menus answer it.
    reply = await reply_to(message, deps, actor, _)
    if isinstance(reply, Scores):
        text, keyboard = _result_message(reply, _)
        await message.answer(text, reply_markup=keyboard)
        return
    view = await current_item(deps, actor)
    menu = _menu(_, unfinished=view is not None)
    await message.answer(_(USE_THE_BUTTONS) if reply is None else reply, reply_markup=menu)


async def crisis(message: Message, deps: Deps, actor: Actor | None, _: Translator) -> None:
    # Written by people for this moment; the flow does not go on until they press a button.
    await message.answer(_(CRISIS_REPLY) + "\n\n" + _(HELPLINES))
    # The helplines first, whatever happens next; a stranger is nobody's to alert about.
    if actor is not None:
        await raise_alert(deps, actor, concerns=concerns(message.text or message.caption or ""))


async def _send_item_or_ask_grade(
    query: CallbackQuery, deps: Deps, actor: Actor, _: Translator, grade: int | None
) -> None:
    try:
        view = await start_inventory(deps, actor, grade=grade)
    except InvalidInput as error:
        if error.field != "grade" or grade is not None:
            raise
        await query.answer()
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    button(_(GRADE_LABEL, grade=number), GradePress(grade=number))
                    for number in GRADES
                ][row : row + 4]
                for row in (0, 4)
            ]
        )
        if query.message is not None:
            await query.message.answer(_(ASK_GRADE), reply_markup=keyboard)
        return
    await query.answer()
    if query.message is not None:
        text, keyboard = _item_message(view, _)
        await query.message.answer(text, reply_markup=keyboard)


async def take(query: CallbackQuery, deps: Deps, actor: Actor, _: Translator) -> None:
    await _send_item_or_ask_grade(query, deps, actor, _, None)


async def grade_chosen(
    query: CallbackQuery, callback_data: GradePress, deps: Deps, actor: Actor, _: Translator
) -> None:
    await _send_item_or_ask_grade(query, deps, actor, _, callback_data.grade)


async def invitation_opened(
    query: CallbackQuery, callback_data: InvitationPress, deps: Deps, actor: Actor, _: Translator
) -> None:
    # The invitation carries the class's grade: the first item comes without asking for it.
    view = await open_invitation(deps, actor, invitation_id=callback_data.invitation)
    await query.answer()
    if query.message is not None:
        text, keyboard = _item_message(view, _)
        await query.message.answer(text, reply_markup=keyboard)


async def answered(
    query: CallbackQuery, callback_data: AnswerPress, deps: Deps, actor: Actor, _: Translator
) -> None:
    view = await answer_item(
        deps,
        actor,
        attempt_id=callback_data.attempt,
        item_id=callback_data.item,
        value=callback_data.value,
        language=_.language,
        overwrite=False,
    )
    await query.answer()
    if query.message is None:
        return
    if view.scores is not None:
        text, keyboard = _result_message(view.scores, _)
    else:
        text, keyboard = _item_message(view, _)
    await query.message.answer(text, reply_markup=keyboard)


async def results(query: CallbackQuery, deps: Deps, actor: Actor, _: Translator) -> None:
    view = await latest_result(deps, actor)
    await query.answer()
    if query.message is None:
        return
    if view is None or view.scores is None:
        await query.message.answer(_(NO_RESULTS_YET), reply_markup=_menu(_))
        return
    text, keyboard = _result_message(view.scores, _)
    await query.message.answer(text, reply_markup=keyboard)


async def mock_exams(query: CallbackQuery, deps: Deps, actor: Actor, _: Translator) -> None:
    found = trends(await my_results(deps, actor))
    await query.answer()
    if query.message is None:
        return
    if not found:
        await query.message.answer(_(NO_MOCK_EXAMS), reply_markup=_menu(_))
        return
    lines = [_(MOCK_EXAMS_HEADER), *(_trend_line(trend, _) for trend in found)]
    await query.message.answer("\n".join(lines), reply_markup=_menu(_))


async def programme(query: CallbackQuery, deps: Deps, actor: Actor, _: Translator) -> None:
    coming = await coming_for_student(deps, actor)
    await query.answer()
    if query.message is None:
        return
    if coming.grade is None:
        await query.message.answer(_(PROGRAMME_NO_GRADE), reply_markup=_menu(_))
        return
    if not coming.items:
        await query.message.answer(_(PROGRAMME_EMPTY, grade=coming.grade), reply_markup=_menu(_))
        return
    lines = [_(PROGRAMME_HEADER, grade=coming.grade)]
    for found in coming.items:
        days = f"{found.starts_on:%d.%m}"
        if found.ends_on != found.starts_on:
            days += f"–{found.ends_on:%d.%m}"
        lines.append(f"\n• {days} {found.title} ({_(KIND_LABELS[found.kind])})")
        if found.description:
            lines.append(found.description)
    await query.message.answer("\n".join(lines), reply_markup=_menu(_))


async def aim_chosen(
    query: CallbackQuery, callback_data: AimPress, deps: Deps, actor: Actor, _: Translator
) -> None:
    found = await recommendations(deps, actor, job_zone_aim=callback_data.aim)
    await query.answer()
    if query.message is None:
        return
    sources = one_per_row([button(_(SOURCES), MenuPress(action="sources"))])
    if not found.clear:
        await query.message.answer(_(NO_CLEAR_INTERESTS), reply_markup=_menu(_))
        return
    if not found.suggestions:
        await query.message.answer(_(NO_SUGGESTIONS), reply_markup=sources)
        return
    codes = [suggestion.occupation.code for suggestion in found.suggestions]
    briefs = await profession_briefs(deps, actor, codes=codes)
    ent = await latest_ent(deps, actor)
    lines = [_(SUGGESTIONS_HEADER)]
    for number, suggestion in enumerate(found.suggestions, start=1):
        brief = briefs[suggestion.occupation.code]
        lines.append(f"\n{number}. {brief.localised(_.language)} — {_(BANDS[suggestion.band])}")
        if route := suggestion_route(brief, _):
            lines.append(route)
        lines += _ent_lines(brief, ent, _)
        if suggestion.because:
            liked = "; ".join(
                item(item_id).text[_.language].rstrip(".") for item_id in suggestion.because
            )
            lines.append(_(BECAUSE_YOU_LIKED, items=liked))
    await query.message.answer("\n".join(lines), reply_markup=sources)


async def show_sources(query: CallbackQuery) -> None:
    await query.answer()
    if query.message is not None:
        await query.message.answer(attribution())


def router() -> Router:
    career = Router(name="career")
    for observer in (career.message, career.callback_query):
        observer.filter(Private())
    # The safety gate answers a typed message before anything else, linked or not.
    career.message.register(crisis, Concerning())
    career.message.register(explain_to_stranger, Stranger())
    career.callback_query.register(stranger_pressed, Stranger())
    career.message.register(no_role, WithoutRole())
    career.callback_query.register(no_role_pressed, WithoutRole())
    career.message.register(show_start, CommandStart(), Linked())
    career.message.register(question, Linked())
    career.callback_query.register(take, MenuPress.filter(F.action == "take"), Linked())
    career.callback_query.register(results, MenuPress.filter(F.action == "results"), Linked())
    career.callback_query.register(mock_exams, MenuPress.filter(F.action == "mock"), Linked())
    career.callback_query.register(programme, MenuPress.filter(F.action == "programme"), Linked())
    career.callback_query.register(show_sources, MenuPress.filter(F.action == "sources"))
    career.callback_query.register(grade_chosen, GradePress.filter(), Linked())
    career.callback_query.register(answered, AnswerPress.filter(), Linked())
    career.callback_query.register(invitation_opened, InvitationPress.filter(), Linked())
    career.callback_query.register(aim_chosen, AimPress.filter(), Linked())
    return career
