"""The /finance dashboard and the money reports in the panel, over real HTTP (issue 6)."""

from __future__ import annotations

import re
from io import BytesIO
from xml.etree import ElementTree

from openpyxl import load_workbook

from core.deps import Deps
from core.models.people import Role
from core.money import format_amount
from core.services.exports import XLSX_CONTENT_TYPE
from tests.factories import make_member
from tests.test_finance_reports import make_books, make_forecast
from tests.web import Panel, open_panel, text_of


def money(tenge: int) -> str:
    """An amount as a page shows it (``text_of`` turns its no-break space into a space)."""
    return " ".join(format_amount(tenge * 100, "KZT", "en").split())


REPORTS = ("income", "debts", "history", "forecast", "subscriptions", "revenue", "year")


def _svgs(body: str) -> list[ElementTree.Element]:
    return [ElementTree.fromstring(svg) for svg in re.findall(r"<svg .*?</svg>", body, re.S)]


async def test_an_accountant_sees_the_dashboard_and_every_report(deps: Deps, panel: Panel):
    books = await make_books(deps)
    await make_member(
        deps, books.centre.system, Role.ACCOUNTANT, login="buh@bilim.kz", last_name="Есепші"
    )
    await panel.sign_in("buh@bilim.kz")

    response, body = await panel.get("/finance")

    assert response.status == 200
    page = text_of(body)
    assert f"{money(80_000)} total debt" in page and "2 debtors" in page
    assert f"{money(0)} received this month" in page, "September has no income yet"
    assert len(_svgs(body)) == 2, "the forecast and the revenue charts"
    for report in REPORTS:
        assert f'href="/finance/reports/{report}"' in body

    for report in REPORTS:
        response, body = await panel.get(f"/finance/reports/{report}")
        assert response.status == 200, report

    _, body = await panel.get("/finance/reports/debts")
    row = re.search(rf'<tr data-student="{books.aigerim}">(.*?)</tr>', body, re.S)
    assert row is not None
    assert text_of(row.group(1)).strip() == " ".join(
        [
            "Омарова Айгерім",
            *(money(amount) for amount in (75_000, 40_000, 30_000, 5_000, 0)),
            "15.06.2026 Алгебра 7А, Физика 8Б",
        ]
    )
    _, body = await panel.get(
        f"/finance/reports/history?student={books.aigerim}&from=2026-08-01&to=2026-08-31"
    )
    page = text_of(body)
    assert "Омарова Айгерім" in page and "Balance at the start" in page
    assert page.count("reversed") == 2
    _, body = await panel.get("/finance/reports/history?q=омаров")
    assert f'href="/finance/reports/history?student={books.aigerim}"' in body
    _, body = await panel.get("/finance/reports/income?from=2026-08-01&to=2026-08-31")
    assert money(50_000) in text_of(body)


async def test_reports_download_as_xlsx_and_refuse_bad_filters(deps: Deps, panel: Panel):
    scene = await make_forecast(deps)
    await panel.sign_in(scene.centre.login(scene.centre.admin))

    response = await panel.client.get("/finance/reports/forecast?weeks=4&format=xlsx")

    assert response.status == 200
    assert response.content_type == XLSX_CONTENT_TYPE
    assert "sabaq-forecast-2026-09-01.xlsx" in response.headers["Content-Disposition"]
    sheet = load_workbook(BytesIO(await response.read())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[4][:3] == ("Overdue", None, 80_000)
    assert len(rows) == 4 + 1 + 4 + 1, "header, overdue, four weeks, total"

    response, body = await panel.get("/finance/reports/forecast?weeks=40")
    assert response.status == 400
    assert "A forecast covers from 1 to 26 weeks." in text_of(body)
    response, body = await panel.get("/finance/reports/income?from=2026-09-02&to=2026-09-01")
    assert response.status == 400
    assert "The period ends before it starts." in text_of(body)
    response, _ = await panel.get("/finance/reports/history?student=999999")
    assert response.status == 404


async def test_a_teacher_may_not_see_money(deps: Deps):
    scene = await make_forecast(deps)
    async with open_panel(deps) as panel:
        await panel.sign_in(scene.centre.login(scene.centre.teacher))
        _, home = await panel.get("/")
        assert 'href="/finance"' not in home
        for path in ("/finance", "/finance/reports/debts", "/finance/reports/history"):
            response, _ = await panel.get(path)
            assert response.status == 403, path
        response = await panel.client.get("/finance/reports/year?format=xlsx")
        assert response.status == 403
        assert response.content_type == "text/html"
