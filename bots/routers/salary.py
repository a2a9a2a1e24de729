""" "My salary" in the main bot: a teacher's latest approved salary statement (lessons,
students, hours, each part with its rate, bonuses and deductions, the total)."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from bots.keyboards import MenuButton
from bots.routers.filters import ActingAs, Linked, Private
from bots.texts import Translator
from core.actor import Actor
from core.i18n import N_
from core.services.salaries import statement_text, teacher_statement
from core.services.telegram import Role

NO_STATEMENT = N_(
    "There is no approved salary statement for you yet. It appears here once your "
    "organisation approves the month's payroll."
)


async def show_salary(message: Message, actor: Actor, _: Translator) -> None:
    statement = await teacher_statement(actor)
    if statement is None:
        await message.answer(_(NO_STATEMENT))
        return
    await message.answer(statement_text(statement, _.language))


def router() -> Router:
    salary = Router(name="salary")
    salary.message.filter(Private(), Linked(), ActingAs(Role.TEACHER))
    salary.message.register(show_salary, MenuButton("salary"))
    return salary
