"""Issue 6, "Done when", end to end: an admin puts a 40 000 ₸ / 15 lessons plan on the price
list and sells it in the panel; the student attends 3 lessons and is excused once; the
subscription is frozen for a week. The balance, lessons left, validity, forecast and the
teacher's payroll come out right to the tiyn; the parent sees it in Telegram and pays the
amount due with an invoice through the Bot API emulator; a Kaspi statement imports once.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from io import BytesIO

import pytest
from aiogram.fsm.storage.memory import MemoryStorage
from aiohttp import FormData
from openpyxl import Workbook
from pydantic import SecretStr

from bots.routers.money import (
    BALANCE_CREDIT,
    BALANCE_DEBT,
    LESSONS_LEFT,
    OVERDUE_SINCE,
    PAID,
    PLAN_IN_GROUP,
)
from bots.testing.emulator import BotAPIEmulator
from bots.texts import Translator
from core.clock import FrozenClock
from core.deps import Deps
from core.i18n import N_
from core.models.finance import EntryKind, LedgerEntry, PaymentMethod
from core.models.lessons import AttendanceStatus
from core.money import format_amount, split
from core.services.attendance import mark_attendance
from core.services.finance_reports import forecast_report
from core.services.ledger import balance
from tests.bots import BotHarness, link_person, running_bot
from tests.lesson_factories import LessonCentre, lesson_at, local, make_lesson_centre
from tests.web import Panel, text_of

en = Translator("en")
PROVIDER = "284685063:TEST:sabaq"
PRICE, LESSONS = 4_000_000, 15
PART = split(PRICE, LESSONS)[0]  # 2 666.67 ₸
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def kzt(amount: int) -> str:
    return format_amount(amount, "KZT", "en")


def on_page(amount: int) -> str:
    """An amount as ``text_of`` reads it off a page (its no-break space is a space there)."""
    return kzt(amount).replace("\u00a0", " ")


@pytest.fixture
async def paying_bot(deps: Deps, emulator: BotAPIEmulator) -> AsyncIterator[BotHarness]:
    settings = deps.settings.model_copy(update={"telegram_payments_token": SecretStr(PROVIDER)})
    async with running_bot(
        dataclasses.replace(deps, settings=settings), emulator, MemoryStorage()
    ) as harness:
        yield harness


def kaspi_statement(*rows: tuple[str, int, str]) -> bytes:
    """A Kaspi Business statement: title lines, then the table (operation, amount, payer)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(("Выписка по Kaspi Pay",))
    sheet.append(())
    sheet.append(
        ("№", "Дата операции", "Номер операции", "Сумма операции", "Номер телефона", "ФИО")
    )
    for number, (txn, amount, payer) in enumerate(rows, start=1):
        sheet.append((number, "10.09.2026 18:20:00", txn, amount, "", payer))
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


async def upload(panel: Panel, data: bytes) -> tuple[int, str]:
    form = FormData()
    form.add_field("csrf_token", panel.csrf)
    form.add_field("file", data, filename="kaspi-september.xlsx", content_type=XLSX)
    response, body = await panel.post("/finance/statements", form)
    return response.status, text_of(body)


async def held(
    deps: Deps, centre: LessonCentre, clock: FrozenClock, day: date, aigerim: AttendanceStatus
) -> int:
    """A 15:00 lesson of the group, marked by its teacher after it began: Aigerim as given,
    Timur present."""
    lesson = await lesson_at(deps, centre, day, "15:00")
    clock.current = local(centre, day, "16:00").astimezone(UTC)
    await mark_attendance(
        deps,
        centre.teacher,
        lesson_id=lesson,
        marks={
            centre.students[0].person_id or 0: aigerim,
            centre.students[1].person_id or 0: AttendanceStatus.PRESENT,
        },
    )
    return lesson


async def sell_in_the_panel(panel: Panel, centre: LessonCentre, student: int) -> int:
    """The admin puts the plan on the price list and sells it; the subscription's id."""
    response, body = await panel.post(
        "/prices/plans",
        {
            "name": "Алгебра: 15 сабақ",
            "kind": "subscription",
            "price": "40 000",
            "lessons": "15",
            "validity_days": "60",
            "billing": "attended",
            "unexcused_percent": "100",
            "excused_percent": "0",
            "course_ids": str(centre.course_id),
        },
    )
    assert response.status == 200 and "2,666.67 ₸" in text_of(body)
    plan = re.search(r'data-plan="(\d+)"', body)
    assert plan is not None
    response, body = await panel.post(
        f"/people/{student}/subscriptions",
        {
            "plan_id": plan.group(1),
            "group_id": str(centre.group_id),
            "starts_on": "2026-09-01",
            "due_on": "2026-09-05",
        },
    )
    assert response.status == 200
    assert "The subscription “Алгебра: 15 сабақ” is sold." in text_of(body)
    sold = re.search(r'id="subscription-(\d+)"', body)
    assert sold is not None
    return int(sold.group(1))


async def pay_in_telegram(
    paying_bot: BotHarness, deps: Deps, centre: LessonCentre, child: int, charged: int
) -> None:
    """The parent opens "Balance and payments", sees the debt, and pays what is due."""
    parent = paying_bot.add_user(language_code="en")
    welcome = await link_person(
        paying_bot, deps, centre.admin, centre.parent.person_id or 0, parent
    )
    await paying_bot.press(parent, welcome, "lang:en", expect=1)
    (cabinet,) = await paying_bot.send(parent, en(N_("Balance and payments")))
    shown = cabinet["text"].splitlines()
    assert en(BALANCE_DEBT, amount=kzt(charged)) in shown
    assert en(OVERDUE_SINCE, amount=kzt(PRICE), date="05.09.2026") in shown
    plan_name = en(PLAN_IN_GROUP, plan="Алгебра: 15 сабақ", group="Алгебра 7А")
    assert en(LESSONS_LEFT, plan=plan_name, left=12, lessons=15, date="06.11.2026") in shown

    _, (invoice,) = await paying_bot.press(parent, cabinet, f"money:pay:{child}:0", expect=1)
    assert invoice["invoice"]["total_amount"] == PRICE
    emulator, token = paying_bot.emulator, paying_bot.token
    before = len(paying_bot.sent(parent))
    paid = await emulator.user_pays_invoice(token, parent, invoice["message_id"])
    assert paid.ok
    (receipt,) = (await emulator.wait_sent(token, parent, count=before + 1))[before:]
    assert receipt["text"].splitlines() == [
        en(PAID, amount=kzt(PRICE), receipt="000001"),
        en(BALANCE_CREDIT, amount=kzt(PRICE - charged)),
    ]


async def approve_september_payroll(panel: Panel, clock: FrozenClock, centre: LessonCentre) -> str:
    """3 000 ₸ a lesson, 200 ₸ a student present, 10 % of revenue; the approved page."""
    response, body = await panel.post(
        "/salaries/rules",
        {
            "teacher": str(centre.teacher.person_id),
            "valid_from": "2026-09-01",
            "per_lesson": "3000",
            "per_student": "200",
            "per_hour": "",
            "monthly": "",
            "revenue_percent": "10",
            "month": "2026-09",
        },
    )
    assert response.status == 200 and "The salary rule is saved." in text_of(body)
    clock.current = datetime(2026, 10, 1, 6, 0, tzinfo=UTC)
    response, body = await panel.post("/salaries/payroll/compute", {"month": "2026-09"})
    assert response.status == 200
    response, body = await panel.post("/salaries/payroll/approve", {"month": "2026-09"})
    assert response.status == 200 and "The payroll is approved and locked." in text_of(body)
    return text_of(body)


async def test_a_subscription_from_sale_to_payroll(
    deps: Deps, clock: FrozenClock, panel: Panel, paying_bot: BotHarness
):
    centre = await make_lesson_centre(deps)
    aigerim, timur = (student.person_id or 0 for student in centre.students)
    await panel.sign_in(centre.login(centre.admin))
    subscription = await sell_in_the_panel(panel, centre, aigerim)

    # Three lessons attended, one excused (not charged by this plan), then a week's freeze.
    for day, mark in (
        (date(2026, 9, 1), AttendanceStatus.PRESENT),
        (date(2026, 9, 3), AttendanceStatus.PRESENT),
        (date(2026, 9, 8), AttendanceStatus.EXCUSED),
        (date(2026, 9, 10), AttendanceStatus.PRESENT),
    ):
        await held(deps, centre, clock, day, mark)
    for day in (date(2026, 9, 15), date(2026, 9, 22), date(2026, 9, 24)):
        await lesson_at(deps, centre, day, "15:00")
    response, body = await panel.post(
        f"/people/{aigerim}/subscriptions/{subscription}/freeze",
        {"starts_on": "2026-09-14", "ends_on": "2026-09-20", "reason": "Ауырып қалды"},
    )
    assert response.status == 200 and "The subscription is frozen." in text_of(body)
    charged = 3 * PART
    assert charged == 800_001  # 8 000.01 ₸
    page = text_of(body)
    assert "12 of 15" in page
    assert "from 01.09.2026 until 06.11.2026" in page  # 30.10 plus the 7 frozen days
    response, body = await panel.get(f"/people/{aigerim}/account")
    assert on_page(-charged) in text_of(body)
    assert await balance(centre.system.organisation_id, aigerim) == -charged

    # Expected: the whole price, due since 05.09 (the debt plus the rest of the plan).
    forecast = await forecast_report(deps, centre.admin, weeks=8)
    assert forecast.overdue == PRICE

    await pay_in_telegram(paying_bot, deps, centre, aigerim, charged)
    assert await balance(centre.system.organisation_id, aigerim) == PRICE - charged

    # A Kaspi statement: Timur's parent paid 25 000 ₸; the same file imports once.
    statement = kaspi_statement(("KSP-7781", 25_000, "Ким Тимур"))
    status, shown = await upload(panel, statement)
    assert status == 200
    assert "Payments recorded: 1. To match by hand: 0. Skipped: 0." in shown
    status, shown = await upload(panel, statement)
    assert status == 409 and "already imported" in shown
    kaspi = await LedgerEntry.filter(method=PaymentMethod.KASPI).values_list(
        "student_id", "amount"
    )
    assert kaspi == [(timur, 2_500_000)]

    # 4 lessons × 3 000 + 7 presences × 200 + 10 % of 8 000.01 (800.00) = 14 200.00 ₸
    payroll = await approve_september_payroll(panel, clock, centre)
    assert on_page(4 * 300_000 + 7 * 20_000 + 80_000) in payroll
    charges = await LedgerEntry.filter(kind=EntryKind.CHARGE).values_list("amount", flat=True)
    assert sorted(charges) == [-PART] * 3
