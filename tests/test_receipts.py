"""The printable receipt of a payment, read back from the PDF (issue 6)."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from core.actor import Actor
from core.deps import Deps
from core.errors import NotFound
from core.money import parse_money
from core.services.payments import (
    PaymentMethod,
    receipt_pdf,
    record_correction,
    record_payment,
    reverse_entry,
)
from core.services.people import Role
from tests.test_payments import make_cashdesk


def _text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


async def test_a_receipt_prints_the_kazakh_name_and_the_amount(deps: Deps):
    desk = await make_cashdesk(deps)
    payment = await record_payment(
        deps,
        desk.accountant,
        student_id=desk.student,
        amount=parse_money("2666,67"),
        method=PaymentMethod.CASH,
        occurred_on=None,
        note="Қыркүйек",
    )

    receipt = await receipt_pdf(desk.accountant, payment.id, "kk")
    text = _text(receipt.data)

    assert receipt.data.startswith(b"%PDF") and receipt.filename == "receipt-000001.pdf"
    assert "000001" in text and "01.09.2026" in text
    assert "Әбілқайыров Нұрсұлтан" in text
    assert "2 666,67" in text.replace("\xa0", " ")
    assert "Жұмабаева Гүлнар" in text and "Білім орталығы" in text
    # The same receipt gives the same file (it can be printed again identically).
    assert (await receipt_pdf(desk.accountant, payment.id, "kk")).data == receipt.data

    # The parent may print it too; once reversed, it says it is not valid.
    parent = Actor(desk.parent, desk.system.organisation_id, frozenset({Role.PARENT}))
    await reverse_entry(
        deps, desk.accountant, payment.id, student_id=desk.student, reason="ошибка"
    )
    cancelled = _text((await receipt_pdf(parent, payment.id, "en")).data)
    assert "cancelled" in cancelled and "Cash" in cancelled


async def test_only_payments_have_receipts(deps: Deps):
    desk = await make_cashdesk(deps)
    correction = await record_correction(
        deps, desk.accountant, student_id=desk.student, amount=parse_money("10"), reason="бонус"
    )
    payment = await record_payment(
        deps,
        desk.accountant,
        student_id=desk.student,
        amount=parse_money("10"),
        method=PaymentMethod.CARD,
        occurred_on=None,
        note="",
    )

    with pytest.raises(NotFound):
        await receipt_pdf(desk.accountant, correction.id, "ru")
    with pytest.raises(NotFound):  # a teacher may not see the student's money
        await receipt_pdf(desk.teacher, payment.id, "ru")
