""" "Balance and payments" in the main bot: a student's money, or a parent's chosen child's —
balance, what is due and by when (or, once that date has passed, since when it is overdue),
subscriptions with lessons left, the latest payments and charges, exam admission when debt
blocks it, how to pay — and, where a payment provider is configured, paying the amount due
with a Telegram invoice.

Paying: "Pay" sends an invoice (``create_invoice``); Telegram's pre-checkout query is
answered by ``check_pre_checkout`` (a refusal's sentence is shown to the payer by Telegram);
the ``successful_payment`` message is recorded by ``pay_invoice``. A confirmed pre-checkout
also leaves any flow the payer was in (an absence reason, a homework answer), so the payment
message that follows is not taken for the flow's input.
"""

from __future__ import annotations

from datetime import date

from aiogram import Bot, F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LabeledPrice,
    Message,
    PreCheckoutQuery,
)

from bots.children import ask_for_child, chosen_child, viewed_child
from bots.keyboards import MenuButton, button
from bots.middlewares import Choice
from bots.prompts import chat_of
from bots.routers.filters import ActingAs, Linked, Private
from bots.texts import STALE_BUTTON, Translator
from core.actor import Actor
from core.deps import Deps
from core.errors import SabaqError
from core.i18n import N_
from core.money import format_amount
from core.services.admission import BLOCKED_REASON
from core.services.invoices import (
    NOTHING_DUE,
    check_pre_checkout,
    create_invoice,
    pay_invoice,
)
from core.services.ledger import ENTRY_KIND_LABELS, PAYMENT_METHOD_LABELS, EntryView
from core.services.lessons import format_day, local_today, organisation_zone
from core.services.money_cabinet import (
    DEFAULT_HOW_TO_PAY,
    HistoryPage,
    MoneyCabinet,
    SubscriptionLine,
    money_cabinet,
    money_history,
    payment_instructions,
)
from core.services.telegram import Identity, Role

MORE = "more"
PAY = "pay"
HOW = "how"

TITLE = N_("Balance and payments of {name}")
BALANCE_CREDIT = N_("Balance: {amount} in credit.")
BALANCE_DEBT = N_("Debt: {amount}.")
BALANCE_ZERO = N_("Balance: {amount}.")
DUE_BY = N_("To pay: {amount} by {date}.")
OVERDUE_SINCE = N_("To pay: {amount}, overdue since {date}.")
DUE_NOW = N_("To pay now: {amount}.")
SUBSCRIPTIONS = N_("Subscriptions:")
NO_SUBSCRIPTIONS = N_("No active subscriptions.")
LESSONS_LEFT = N_("• {plan}: {left} of {lessons} lessons left, valid until {date}")
MONTHLY = N_("• {plan}: paid monthly, valid until {date}")
FROZEN = N_("  Frozen until {date}.")
PLAN_IN_GROUP = N_("{plan} ({group})")
HISTORY = N_("Latest payments and charges:")
EARLIER = N_("Earlier payments and charges:")
NO_HISTORY = N_("No payments or charges yet.")
ENTRY = N_("{date} {kind}: {amount}")
ENTRY_BY = N_("{date} {kind} ({method}): {amount}")
CANCELLED = N_("{entry} (cancelled)")
HOW_TO_PAY = N_("How to pay:")
PAY_BUTTON = N_("Pay {amount}")
MORE_BUTTON = N_("Show earlier")
HOW_BUTTON = N_("How to pay")
INVOICE_TITLE = N_("Payment for lessons")
INVOICE_DESCRIPTION = N_("Payment into the account of {name}.")
INVOICE_LABEL = N_("Lessons")
PAID = N_("Payment received: {amount}. Receipt № {receipt}.")
PAID_BEFORE = N_("This payment has already been recorded.")

#: Telegram's limits for an invoice's title and description.
_TITLE_LIMIT = 32
_DESCRIPTION_LIMIT = 255


class MoneyAction(CallbackData, prefix="money"):
    action: str
    student: int
    offset: int = 0


def _amount(amount: int, currency: str, _: Translator) -> str:
    return format_amount(amount, currency, _.language)


def balance_line(balance: int, currency: str, _: Translator) -> str:
    if balance > 0:
        return _(BALANCE_CREDIT, amount=_amount(balance, currency, _))
    if balance < 0:
        return _(BALANCE_DEBT, amount=_amount(-balance, currency, _))
    return _(BALANCE_ZERO, amount=_amount(0, currency, _))


def _subscription_lines(line: SubscriptionLine, _: Translator) -> list[str]:
    plan = (
        _(PLAN_IN_GROUP, plan=line.plan_name, group=line.group_name)
        if line.group_name
        else line.plan_name
    )
    date = format_day(line.valid_until)
    lines = [
        _(MONTHLY, plan=plan, date=date)
        if line.lessons_left is None
        else _(LESSONS_LEFT, plan=plan, left=line.lessons_left, lessons=line.lessons, date=date)
    ]
    if line.frozen_until is not None:
        lines.append(_(FROZEN, date=format_day(line.frozen_until)))
    return lines


def entry_line(entry: EntryView, _: Translator) -> str:
    values = {
        "date": entry.occurred_on.strftime("%d.%m.%Y"),
        "kind": _(ENTRY_KIND_LABELS[entry.kind]),
        "amount": _amount(entry.amount, entry.currency, _),
    }
    text = (
        _(ENTRY_BY, method=_(PAYMENT_METHOD_LABELS[entry.method]), **values)
        if entry.method is not None
        else _(ENTRY, **values)
    )
    return _(CANCELLED, entry=text) if entry.reversed else text


def render_cabinet(data: MoneyCabinet, _: Translator, *, today: date) -> str:
    """The cabinet's text; ``today`` is the organisation's local day (a due date before it
    has passed)."""
    due = data.due
    lines = [_(TITLE, name=data.student_name), "", balance_line(due.balance, data.currency, _)]
    if due.amount > 0 and due.due_on is not None:
        sentence = OVERDUE_SINCE if due.due_on < today else DUE_BY
        lines.append(
            _(sentence, amount=_amount(due.amount, due.currency, _), date=format_day(due.due_on))
        )
    elif due.amount > 0:
        lines.append(_(DUE_NOW, amount=_amount(due.amount, due.currency, _)))
    else:
        lines.append(_(NOTHING_DUE))
    admission = data.admission
    if not admission.allowed and admission.threshold is not None:
        lines += [
            "",
            _(
                BLOCKED_REASON,
                debt=_amount(admission.debt, admission.currency, _),
                threshold=_amount(admission.threshold, admission.currency, _),
            ),
        ]
    lines.append("")
    if data.subscriptions:
        lines.append(_(SUBSCRIPTIONS))
        for line in data.subscriptions:
            lines += _subscription_lines(line, _)
    else:
        lines.append(_(NO_SUBSCRIPTIONS))
    lines += ["", render_history(data.history, _)]
    return "\n".join(lines)


def render_history(page: HistoryPage, _: Translator) -> str:
    if not page.entries:
        return _(NO_HISTORY)
    heading = _(HISTORY) if page.offset == 0 else _(EARLIER)
    return "\n".join([heading, *(entry_line(entry, _) for entry in page.entries)])


def _more_button(page: HistoryPage, _: Translator) -> InlineKeyboardButton:
    data = MoneyAction(action=MORE, student=page.student_id, offset=page.next_offset)
    return button(_(MORE_BUTTON), data)


def cabinet_keyboard(data: MoneyCabinet, _: Translator) -> InlineKeyboardMarkup:
    rows = []
    if data.can_pay_in_telegram:
        text = _(PAY_BUTTON, amount=_amount(data.due.amount, data.due.currency, _))
        rows.append([button(text, MoneyAction(action=PAY, student=data.student_id))])
    if data.history.more:
        rows.append([_more_button(data.history, _)])
    rows.append([button(_(HOW_BUTTON), MoneyAction(action=HOW, student=data.student_id))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def show_money(
    message: Message,
    deps: Deps,
    actor: Actor,
    identity: Identity,
    choice: Choice,
    _: Translator,
) -> None:
    if choice.role is Role.PARENT and chosen_child(identity, choice) is None:
        await ask_for_child(message, identity, _)
        return
    data = await money_cabinet(deps, actor, student_id=viewed_child(choice))
    today = local_today(deps.clock.now(), await organisation_zone(actor.organisation_id))
    await message.answer(
        render_cabinet(data, _, today=today), reply_markup=cabinet_keyboard(data, _)
    )


async def money_pressed(
    query: CallbackQuery,
    *,
    callback_data: MoneyAction,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    _: Translator,
) -> None:
    chat_id = chat_of(query)
    if callback_data.action == MORE:
        page = await money_history(
            actor, student_id=callback_data.student, offset=callback_data.offset
        )
        await query.answer()
        markup = (
            InlineKeyboardMarkup(inline_keyboard=[[_more_button(page, _)]]) if page.more else None
        )
        await bot.send_message(chat_id, render_history(page, _), reply_markup=markup)
    elif callback_data.action == HOW:
        text = await payment_instructions(actor, student_id=callback_data.student)
        text = text or _(DEFAULT_HOW_TO_PAY)
        await query.answer()
        await bot.send_message(chat_id, "\n".join([_(HOW_TO_PAY), text]))
    elif callback_data.action == PAY:
        await send_invoice(query, bot, deps, actor, callback_data.student, _)
    else:
        await query.answer(_(STALE_BUTTON))


async def send_invoice(
    query: CallbackQuery, bot: Bot, deps: Deps, actor: Actor, student_id: int, _: Translator
) -> None:
    invoice = await create_invoice(deps, actor, student_id=student_id)
    token = deps.settings.telegram_payments_token
    await query.answer()
    await bot.send_invoice(
        chat_of(query),
        title=_(INVOICE_TITLE)[:_TITLE_LIMIT],
        description=_(INVOICE_DESCRIPTION, name=invoice.student_name)[:_DESCRIPTION_LIMIT],
        payload=invoice.payload,
        provider_token=token.get_secret_value() if token else "",
        currency=invoice.currency,
        prices=[LabeledPrice(label=_(INVOICE_LABEL), amount=invoice.amount)],
    )


async def confirm_payment(
    query: PreCheckoutQuery, deps: Deps, _: Translator, state: FSMContext | None = None
) -> None:
    try:
        await check_pre_checkout(
            deps,
            payload=query.invoice_payload,
            amount=query.total_amount,
            currency=query.currency,
            telegram_user_id=query.from_user.id,
        )
    except SabaqError as error:
        await query.answer(ok=False, error_message=error.translated(_.language))
        return
    if state is not None:
        await state.set_state(None)
    await query.answer(ok=True)


async def payment_received(message: Message, deps: Deps, _: Translator) -> None:
    payment = message.successful_payment
    if payment is None:  # the filter saw one
        return
    result = await pay_invoice(
        deps,
        payload=payment.invoice_payload,
        amount=payment.total_amount,
        currency=payment.currency,
        telegram_payment_charge_id=payment.telegram_payment_charge_id,
        provider_payment_charge_id=payment.provider_payment_charge_id,
    )
    if not result.recorded:
        await message.answer(_(PAID_BEFORE))
        return
    await message.answer(
        "\n".join(
            [
                _(
                    PAID,
                    amount=_amount(result.amount, result.currency, _),
                    receipt=result.receipt_no or "—",
                ),
                balance_line(result.balance, result.currency, _),
            ]
        )
    )


def payments_router() -> Router:
    """Telegram's pre-checkout queries and successful payments, from anyone: money already
    taken is recorded whoever the payer is now (``check_pre_checkout`` decides who may pay).
    The dispatcher includes it before every other router, so no catch-all (linking, a flow
    waiting for a file) can swallow a payment."""
    payments = Router(name="payments")
    payments.pre_checkout_query.register(confirm_payment)
    payments.message.register(payment_received, Private(), F.successful_payment)
    return payments


def router() -> Router:
    """The cabinet for students and parents. The payments have their own router, included
    first in the dispatcher (``payments_router``)."""
    cabinet = Router(name="money")
    for observer in (cabinet.message, cabinet.callback_query):
        observer.filter(Private(), Linked(), ActingAs(Role.STUDENT, Role.PARENT))
    cabinet.message.register(show_money, MenuButton("money"))
    cabinet.callback_query.register(money_pressed, MoneyAction.filter())
    return cabinet
