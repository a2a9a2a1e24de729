"""The account page, receipts and statement imports over real HTTP (issue 6)."""

from __future__ import annotations

import re

from aiohttp import FormData

from core.deps import Deps
from core.models.finance import LedgerEntry
from tests.test_payments import make_cashdesk
from tests.test_statements import line, workbook
from tests.web import Panel, text_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def test_a_cashier_takes_a_payment_and_prints_the_receipt(deps: Deps, panel: Panel):
    desk = await make_cashdesk(deps)
    await panel.sign_in("kassa@bilim.kz")
    page = f"/people/{desk.student}/account"

    response, body = await panel.get(page)
    assert response.status == 200
    assert "Әбілқайыров Нұрсұлтан" in text_of(body) and "Nothing is due." in text_of(body)

    response, body = await panel.post(
        f"{page}/payment",
        {"form": "payment", "amount": "2666,67", "method": "cash", "date": "", "note": "Қыркүйек"},
    )

    assert response.status == 200 and str(response.url).endswith(page)
    shown = text_of(body)
    assert "receipt No. 000001" in shown
    assert "Payment of 2,666.67 ₸ recorded" in shown and "Қыркүйек" in shown
    (entry_id,) = await LedgerEntry.all().values_list("id", flat=True)
    assert f'href="/receipts/{entry_id}.pdf"' in body

    response = await panel.client.get(f"/receipts/{entry_id}.pdf")
    assert response.status == 200 and response.content_type == "application/pdf"
    assert "receipt-000001.pdf" in response.headers["Content-Disposition"]
    assert (await response.read()).startswith(b"%PDF")


async def test_a_bad_amount_shows_the_form_again_and_writes_nothing(deps: Deps, panel: Panel):
    desk = await make_cashdesk(deps)
    await panel.sign_in("kassa@bilim.kz")
    page = f"/people/{desk.student}/account"
    await panel.get(page)

    for typed, reason in (
        ("1,005", "at most two digits after the decimal point"),
        ("0", "greater than zero"),
    ):
        response, body = await panel.post(
            f"{page}/payment",
            {"form": "payment", "amount": typed, "method": "card", "date": "", "note": "x"},
        )
        assert response.status == 400
        assert reason in text_of(body)
        assert re.search(rf'name="amount"[^>]*value="{re.escape(typed)}"', body)
        assert re.search(r'<option value="card" selected>', body)

    # A teacher does not see the account at all.
    assert await LedgerEntry.all().count() == 0
    await panel.client.post("/logout", data={"csrf_token": panel.csrf})
    await panel.sign_in("teacher@bilim.kz")
    response, _ = await panel.get(page)
    assert response.status == 404


async def test_a_statement_is_uploaded_and_its_leftover_row_matched(deps: Deps, panel: Panel):
    desk = await make_cashdesk(deps)
    await panel.sign_in("kassa@bilim.kz")
    response, body = await panel.get("/finance/statements")
    assert response.status == 200 and "No statements imported yet." in text_of(body)

    upload = FormData()
    upload.add_field("csrf_token", panel.csrf)
    upload.add_field(
        "file",
        workbook(
            [
                line("5001", 10000, phone="+7 701 111 22 33"),
                line("5002", 3000, name="Белгісіз Адам"),
            ]
        ),
        filename="kaspi.xlsx",
        content_type=XLSX,
    )
    response, body = await panel.post("/finance/statements", upload)

    assert response.status == 200
    shown = text_of(body)
    assert "Payments recorded: 1. To match by hand: 1. Skipped: 0." in shown
    assert "Record the payment" in shown
    row = re.search(r'action="(/finance/statements/\d+/rows/\d+/match)"', body)
    assert row is not None
    response, body = await panel.post(row.group(1), {"student": str(desk.other_student)})
    assert response.status == 200
    assert "The payment is recorded for the chosen student." in text_of(body)
    assert await LedgerEntry.all().count() == 2

    not_a_workbook = FormData()
    not_a_workbook.add_field("csrf_token", panel.csrf)
    not_a_workbook.add_field("file", b"hello", filename="kaspi.xlsx", content_type=XLSX)
    response, body = await panel.post("/finance/statements", not_a_workbook)
    assert response.status == 400 and "not an Excel workbook" in text_of(body)


# --- found in review (issue 6) ----------------------------------------------------------------


async def test_a_double_click_on_record_the_payment_takes_the_money_once(deps: Deps, panel: Panel):
    desk = await make_cashdesk(deps)
    await panel.sign_in("kassa@bilim.kz")
    page = f"/people/{desk.student}/account"
    _, body = await panel.get(page)
    payment_form = body[
        body.index('id="payment-form"') : body.index("</form>", body.index('id="payment-form"'))
    ]
    token = re.search(r'name="request_token" value="([^"]+)"', payment_form)
    assert token is not None
    # The date may be from a year ago to today, in the organisation's zone.
    assert 'min="2025-09-01" max="2026-09-01"' in payment_form
    form = {
        "form": "payment",
        "amount": "5000",
        "method": "cash",
        "date": "",
        "note": "",
        "request_token": token.group(1),
    }

    for _ in range(2):
        response, body = await panel.post(f"{page}/payment", form)
        assert response.status == 200 and "receipt No. 000001" in text_of(body)

    assert await LedgerEntry.all().count() == 1
    assert f'name="request_token" value="{token.group(1)}"' not in body  # a new form


async def test_a_reversal_through_another_students_address_is_not_found(deps: Deps, panel: Panel):
    desk = await make_cashdesk(deps)
    await panel.sign_in("kassa@bilim.kz")
    page = f"/people/{desk.student}/account"
    await panel.get(page)
    await panel.post(
        f"{page}/payment", {"form": "payment", "amount": "5000", "method": "cash", "date": ""}
    )
    (entry_id,) = await LedgerEntry.all().values_list("id", flat=True)

    response, _ = await panel.post(
        f"/people/{desk.other_student}/account/entries/{entry_id}/reverse",
        {f"reason_{entry_id}": "қате"},
    )

    assert response.status == 404
    assert await LedgerEntry.all().count() == 1
    response, body = await panel.post(
        f"{page}/entries/{entry_id}/reverse", {f"reason_{entry_id}": "қате"}
    )
    assert response.status == 200 and "The entry is reversed." in text_of(body)
