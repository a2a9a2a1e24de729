"""Importing a Kaspi Business statement (issue 6): matched once, the rest matched by hand."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from io import BytesIO

import pytest
from openpyxl import Workbook

from core.deps import Deps
from core.errors import Conflict, ImportRejected, InvalidInput, PermissionDenied
from core.models.audit import AuditRecord
from core.models.finance import LedgerEntry, StatementImport, StatementRow
from core.models.people import Person
from core.money import parse_money
from core.services.payments import PaymentMethod, account_statement, record_correction
from core.services.people import PersonData, Role, create_person, link_parent
from core.services.statements import (
    StatementRowStatus,
    dismiss_statement_row,
    import_statement,
    match_statement_row,
    statement_detail,
)
from tests.test_payments import Cashdesk, make_cashdesk

HEADER = (
    "№",
    "Дата операции",
    "Номер операции",
    "Сумма операции",
    "Комиссия",
    "Сумма к зачислению",
    "Номер телефона",
    "ФИО",
    "Комментарий",
)

#: A date cell: Excel has no time zones, the bank writes Almaty's wall-clock time.
MORNING = datetime(2026, 8, 31, 9, 15)  # noqa: DTZ001


def workbook(rows: list[tuple[object, ...]], *, header: tuple[str, ...] = HEADER) -> bytes:
    """A statement as Kaspi Business gives it: a title, the period, then the table."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(("Выписка по Kaspi Pay",))
    sheet.append(("Период: 01.08.2026 - 31.08.2026",))
    sheet.append(())
    sheet.append(header)
    for number, row in enumerate(rows, start=1):
        sheet.append((number, *row))
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def line(
    txn: str,
    amount: object,
    *,
    when: object = "31.08.2026 18:20:00",
    phone: str = "",
    name: str = "",
    comment: str = "",
) -> tuple[object, ...]:
    return (when, txn, amount, 0, amount, phone, name, comment)


async def _iin_of(student_id: int) -> str:
    return str((await Person.get(id=student_id)).iin)


async def _kaspi_payments() -> list[tuple[int, int, str]]:
    return [
        (row["student_id"], row["amount"], row["external_id"])
        for row in await LedgerEntry.filter(method=PaymentMethod.KASPI)
        .order_by("id")
        .values("student_id", "amount", "external_id")
    ]


async def test_a_statement_imports_once(deps: Deps):
    desk = await make_cashdesk(deps)
    org = desk.system.organisation_id
    data = workbook(
        [
            line("1001", 2666.67, when=MORNING, phone="+7 701 111 22 33"),
            line("1002", "15 000,00", phone="8 (701) 777-88-99", name="Сәуле Ә."),
            line(
                "1003", 5000, comment=f"Оплата за обучение ИИН {await _iin_of(desk.other_student)}"
            ),
            line("1004", 7000, name="Нурсултан А."),
            line("1005", 9000, phone="+7 705 000 00 00", name="Иванов Иван"),
            line("1001", 2666.67, phone="+7 701 111 22 33"),
            line("1006", -2000, phone="+7 701 111 22 33", comment="Возврат"),
            (None, None, 38_666.67, None, None, None, "Итого", None),
        ]
    )

    result = await import_statement(deps, desk.accountant, data=data, filename="выписка.xlsx")

    assert (result.rows, result.imported, result.unmatched, result.skipped) == (7, 4, 1, 2)
    assert [(item.row, item.txn_id) for item in result.skipped_rows] == [
        (10, "1001"),
        (11, "1006"),
    ]
    assert await _kaspi_payments() == [
        (desk.student, 266_667, f"kaspi:{org}:1001"),
        (desk.student, 1_500_000, f"kaspi:{org}:1002"),
        (desk.other_student, 500_000, f"kaspi:{org}:1003"),
        (desk.student, 700_000, f"kaspi:{org}:1004"),
    ]
    statement = await account_statement(desk.accountant, desk.student)
    assert statement.balance == 2_466_667
    assert {line.entry.occurred_on for line in statement.lines} == {date(2026, 8, 31)}
    assert statement.lines[-1].entry.receipt_no is not None
    rows = {row.txn_id: row.status for row in await StatementRow.all()}
    assert rows == {
        "1001": StatementRowStatus.IMPORTED,
        "1002": StatementRowStatus.IMPORTED,
        "1003": StatementRowStatus.IMPORTED,
        "1004": StatementRowStatus.IMPORTED,
        "1005": StatementRowStatus.UNMATCHED,
        "1006": StatementRowStatus.SKIPPED,
    }
    assert await AuditRecord.filter(action="statement.import").count() == 1

    with pytest.raises(Conflict, match=r"already imported on 01\.09\.2026"):
        await import_statement(deps, desk.accountant, data=data, filename="копия.xlsx")

    # The next statement overlaps the first: what was imported then is skipped now.
    later = workbook(
        [
            line("1001", 2666.67, phone="+7 701 111 22 33"),
            line("1005", 9000, phone="+7 705 000 00 00"),
            line("1007", 1000, phone="+7 701 111 22 33", when="2026-09-01 09:00:00"),
        ]
    )
    again = await import_statement(deps, desk.accountant, data=later, filename="сентябрь.xlsx")
    assert (again.imported, again.unmatched, again.skipped) == (1, 0, 2)
    assert len(await _kaspi_payments()) == 5
    assert await StatementImport.all().count() == 2


async def _add_second_child(deps: Deps, desk: Cashdesk) -> int:
    brother = await create_person(
        deps,
        desk.admin,
        data=PersonData(last_name="Әбілқайыров", first_name="Ерасыл"),
        roles=(Role.STUDENT,),
    )
    await link_parent(deps, desk.admin, parent_id=desk.parent, child_id=brother.id)
    return brother.id


async def test_an_unmatched_row_is_matched_by_hand(deps: Deps):
    desk = await make_cashdesk(deps)
    brother = await _add_second_child(deps, desk)
    # The brother owes 12 000: a payment of exactly that from the parent's phone is his.
    await record_correction(
        deps,
        desk.accountant,
        student_id=brother,
        amount=-parse_money("12000"),
        reason="долг",
    )
    data = workbook(
        [
            line("2001", 12000, phone="+77017778899"),
            line("2002", 3000, phone="+77017778899"),
            line("2003", 500, name="Кто-то Неизвестный"),
        ]
    )

    result = await import_statement(deps, desk.accountant, data=data, filename="август.xlsx")

    assert (result.imported, result.unmatched) == (1, 2)
    assert await _kaspi_payments() == [
        (brother, 1_200_000, f"kaspi:{desk.system.organisation_id}:2001")
    ]
    detail = await statement_detail(desk.accountant, result.statement_id)
    waiting = {
        line.txn_id: line for line in detail.lines if line.status == StatementRowStatus.UNMATCHED
    }
    assert set(waiting) == {"2002", "2003"}
    # Both children of the parent are offered for the parent's payment.
    assert {student for student, _ in waiting["2002"].suggestions} == {desk.student, brother}
    assert waiting["2003"].suggestions == ()
    assert {name for _, name in detail.choices} >= {"Әбілқайыров Нұрсұлтан", "Ким Тимур"}
    found = await statement_detail(desk.accountant, result.statement_id, query="тимур")
    assert [student for student, _ in found.choices] == [desk.other_student]

    with pytest.raises(PermissionDenied):
        await match_statement_row(
            deps, desk.teacher, row_id=waiting["2002"].id, student_id=desk.student
        )
    entry = await match_statement_row(
        deps, desk.accountant, row_id=waiting["2002"].id, student_id=desk.student
    )
    assert (entry.amount, entry.method, entry.occurred_on) == (
        300_000,
        PaymentMethod.KASPI,
        date(2026, 8, 31),
    )
    with pytest.raises(Conflict):
        await match_statement_row(
            deps, desk.accountant, row_id=waiting["2002"].id, student_id=brother
        )
    await dismiss_statement_row(deps, desk.accountant, row_id=waiting["2003"].id)

    summary = (await statement_detail(desk.accountant, result.statement_id)).summary
    assert (summary.imported, summary.unmatched, summary.skipped) == (2, 0, 1)
    assert (await account_statement(desk.accountant, desk.student)).balance == 300_000
    assert await AuditRecord.filter(action="statement.match").count() == 1


async def test_an_unknown_layout_is_refused_with_the_columns_expected(deps: Deps):
    desk = await make_cashdesk(deps)
    other_bank = workbook([("31.08.2026", 5000, "Иванов")], header=("Дата", "Сумма", "Клиент"))

    with pytest.raises(InvalidInput) as refused:
        await import_statement(deps, desk.accountant, data=other_bank, filename="bank.xlsx")
    assert "«Номер операции»" in refused.value.translated("ru")
    with pytest.raises(InvalidInput, match="not an Excel workbook"):
        await import_statement(deps, desk.accountant, data=b"Date;Amount\n", filename="a.csv")
    with pytest.raises(PermissionDenied):
        await import_statement(deps, desk.teacher, data=other_bank, filename="bank.xlsx")
    assert await StatementImport.all().count() == 0


async def test_a_bad_row_refuses_the_whole_file(deps: Deps):
    desk = await make_cashdesk(deps)
    data = workbook(
        [
            line("3001", 1000, phone="+7 701 111 22 33"),
            line("3002", "abc", phone="+7 701 111 22 33"),
            line("3003", "1,005", phone="+7 701 111 22 33"),
            line("3004", 1000, when="32.13.2026"),
            line("3005", "=B5*2"),
            line("", 1000),
            line("3006", 0),
        ]
    )

    with pytest.raises(ImportRejected) as rejected:
        await import_statement(deps, desk.accountant, data=data, filename="плохой.xlsx")

    problems = {problem.row: problem.translated("en") for problem in rejected.value.problems}
    assert sorted(problems) == [6, 7, 8, 9, 10, 11]
    assert "not an amount" in problems[6]
    assert "two digits" in problems[7]
    assert "not a date" in problems[8]
    assert "formula" in problems[9]
    assert "operation number is missing" in problems[10]
    assert "greater than zero" in problems[11]
    assert await LedgerEntry.all().count() == 0
    assert await StatementImport.all().count() == 0
    assert await StatementRow.all().count() == 0


async def test_the_same_file_uploaded_twice_at_once_is_imported_once(deps: Deps):
    desk = await make_cashdesk(deps)
    data = workbook([line("4001", 5000, phone="+7 701 111 22 33")])

    results = await asyncio.gather(
        *(
            import_statement(deps, desk.accountant, data=data, filename="kaspi.xlsx")
            for _ in range(2)
        ),
        return_exceptions=True,
    )

    assert sorted(type(result).__name__ for result in results) == ["Conflict", "StatementResult"]
    assert len(await _kaspi_payments()) == 1
