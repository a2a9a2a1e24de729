"""Salaries in the web panel over real HTTP (issue 6): rules, a bonus, computing, reviewing,
exporting and approving a month's payroll."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import load_workbook

from core.clock import FrozenClock
from core.deps import Deps
from core.models.finance import Expense, SalaryRule
from core.money import format_amount
from tests.test_salaries import september
from tests.web import Panel, text_of


def en(amount: int) -> str:
    """An amount as the page's text shows it (``text_of`` folds no-break spaces)."""
    return " ".join(format_amount(amount, "KZT", "en").split())


async def test_an_admin_sets_rules_computes_exports_and_approves_a_payroll(
    deps: Deps, clock: FrozenClock, panel: Panel
):
    month = await september(deps, clock)
    centre = month.centre
    erlan = centre.teacher.person_id or 0
    assert (await panel.sign_in(centre.login(centre.admin))).status == 200

    # A new rule from October for Бекова: 2 800 ₸ a lesson and 12.5% of revenue.
    await panel.get("/salaries?month=2026-09")
    response, body = await panel.post(
        "/salaries/rules",
        {
            "teacher": str(centre.substitute.person_id),
            "valid_from": "2026-10-01",
            "per_lesson": "2 800",
            "revenue_percent": "12,5",
            "month": "2026-09",
        },
    )
    assert response.status == 200
    page = text_of(body)
    assert "The salary rule is saved." in page
    assert f"{en(280_000)} per lesson + 12.5% of revenue" in page
    assert f"{en(300_000)} per lesson + {en(20_000)} per student present + 10% of revenue" in page

    response, body = await panel.post(
        "/salaries/adjustments",
        {
            "teacher": str(erlan),
            "kind": "bonus",
            "amount": "5 000",
            "reason": "Олимпиада",
            "month": "2026-09",
        },
    )
    assert response.status == 200
    assert "Олимпиада" in text_of(body)

    _, body = await panel.get("/salaries/payroll?month=2026-09")
    assert "has not been computed yet" in text_of(body)
    response, body = await panel.post("/salaries/payroll/compute", {"month": "2026-09"})
    assert response.status == 200
    page = text_of(body)
    assert "The payroll is computed." in page
    assert "Ахметов Ерлан" in page and "Бекова Сәуле" in page
    erlan_total = 600_000 + 60_000 + 53_334 + 500_000
    assert en(erlan_total) in page
    assert en(erlan_total + 250_000) in text_of(body.split('id="payroll-total">')[1])

    download = await panel.client.get("/salaries/payroll.xlsx?month=2026-09")
    assert download.status == 200
    sheet = load_workbook(io.BytesIO(await download.read())).active
    assert sheet is not None
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert rows[0][0] == "Teacher" and rows[0][-1] == "Total"
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Ахметов Ерлан"][1:4] == (2, 3, 3)
    # Money is a number cell (Excel keeps binary floating point; the text is exact).
    assert Decimal(str(by_name["Ахметов Ерлан"][-1])) == Decimal("12133.34")
    assert Decimal(str(by_name["Total"][-1])) == Decimal("14633.34")
    assert sheet.cell(row=5, column=12).number_format == "#,##0.00"

    response, body = await panel.post("/salaries/payroll/approve", {"month": "2026-09"})
    assert response.status == 200
    assert "The payroll is approved and locked." in text_of(body)
    assert (await Expense.get()).amount == erlan_total + 250_000

    response, body = await panel.post("/salaries/payroll/compute", {"month": "2026-09"})
    assert response.status == 409
    assert "it cannot be computed again" in text_of(body)
    response, body = await panel.post(
        "/salaries/rules",
        {"teacher": str(erlan), "valid_from": "2026-09-20", "per_lesson": "1", "month": "2026-09"},
    )
    assert response.status == 409
    assert "Salaries up to 09.2026 are approved" in text_of(body)


async def test_bad_rules_are_refused_in_the_form_and_teachers_see_no_payroll(
    deps: Deps, clock: FrozenClock, panel: Panel
):
    month = await september(deps, clock)
    centre = month.centre
    assert (await panel.sign_in(centre.login(centre.admin))).status == 200
    await panel.get("/salaries")
    before = await SalaryRule.all().count()

    response, body = await panel.post(
        "/salaries/rules",
        {
            "teacher": str(centre.teacher.person_id),
            "valid_from": "2026-10-01",
            "revenue_percent": "150",
        },
    )
    assert response.status == 400
    assert "Write the percent as a number from 0 to 100" in text_of(body)
    assert 'value="150"' in body
    response, body = await panel.post(
        "/salaries/adjustments",
        {
            "teacher": str(centre.teacher.person_id),
            "kind": "bonus",
            "amount": "100",
            "reason": " ",
        },
    )
    assert response.status == 400
    assert "Say what the bonus or deduction is for." in text_of(body)
    assert await SalaryRule.all().count() == before

    await panel.client.post("/logout", data={"csrf_token": panel.csrf})
    assert (await panel.sign_in(centre.login(centre.teacher))).status == 200
    for path in ("/salaries", "/salaries/payroll?month=2026-09", "/salaries/payroll.xlsx"):
        response, _ = await panel.get(path)
        assert response.status == 403, path
