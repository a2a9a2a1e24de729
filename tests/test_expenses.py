"""Expenses through the core services (issue 6): recording with a document, the list by period
and category with totals, cancelling with a reason (never deleting), who may see the files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.models.audit import AuditRecord
from core.models.finance import Expense
from core.money import Money
from core.services.expenses import (
    CATEGORY_LABELS,
    ExpenseCategory,
    ExpenseData,
    ExpenseFilters,
    Upload,
    cancel_expense,
    expense_document,
    list_expenses,
    record_expense,
)
from core.services.people import Role
from tests.factories import make_member, make_organisation

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
SEPTEMBER = ExpenseFilters(date(2026, 9, 1), date(2026, 9, 30))


async def test_expenses_are_listed_by_period_and_category_and_cancelled_ones_leave_totals(
    deps: Deps,
):
    system = await make_organisation(deps)
    accountant = await make_member(deps, system, Role.ACCOUNTANT)
    rent = await record_expense(
        deps,
        accountant,
        data=ExpenseData(ExpenseCategory.RENT, Money(25_000_000), date(2026, 9, 1), "Қыркүйек"),
        document=Upload("Шарт №7.pdf", PDF),
    )
    await record_expense(
        deps,
        accountant,
        data=ExpenseData(ExpenseCategory.UTILITIES, Money(1_234_567), date(2026, 8, 31)),
    )
    chairs = await record_expense(
        deps,
        accountant,
        data=ExpenseData(ExpenseCategory.INVENTORY, Money(9_900_050), date(2026, 9, 1), "Орындық"),
    )
    paper = await record_expense(
        deps,
        accountant,
        data=ExpenseData(ExpenseCategory.INVENTORY, Money(150_025), date(2026, 9, 1), "Қағаз"),
    )

    assert rent.document_name == "Шарт №7.pdf" and rent.document_type == "application/pdf"
    cancelled = await cancel_expense(
        deps, accountant, expense_id=chairs.id, reason="  Екі рет   жазылған "
    )
    assert cancelled.cancelled and cancelled.cancel_reason == "Екі рет жазылған"

    listed = await list_expenses(accountant, filters=SEPTEMBER)
    assert [view.id for view in listed.expenses] == [paper.id, chairs.id, rent.id]
    assert listed.by_category[ExpenseCategory.RENT] == 25_000_000
    assert listed.by_category[ExpenseCategory.INVENTORY] == 150_025  # without the cancelled
    assert listed.by_category[ExpenseCategory.UTILITIES] == 0  # August
    assert listed.total == 25_150_025
    assert set(listed.by_category) == set(CATEGORY_LABELS)
    only = await list_expenses(
        accountant,
        filters=ExpenseFilters(date(2026, 8, 1), date(2026, 9, 30), ExpenseCategory.UTILITIES),
    )
    assert [view.amount for view in only.expenses] == [1_234_567] and only.total == 1_234_567

    document = await expense_document(deps, accountant, expense_id=rent.id)
    assert Path(document.path).read_bytes() == PDF
    assert document.content_type == "application/pdf"
    assert await Expense.all().count() == 4  # nothing is ever deleted
    actions = await AuditRecord.filter(object_type="expense").values_list("action", flat=True)
    assert sorted(actions) == ["expense.cancel", *["expense.create"] * 4]

    with pytest.raises(Conflict):
        await cancel_expense(deps, accountant, expense_id=chairs.id, reason="Тағы")
    with pytest.raises(InvalidInput):
        await cancel_expense(deps, accountant, expense_id=rent.id, reason="   ")
    with pytest.raises(InvalidInput):
        await list_expenses(accountant, filters=ExpenseFilters(date(2026, 9, 2), date(2026, 9, 1)))


async def test_bad_expenses_are_refused_and_strangers_see_nothing(deps: Deps):
    system = await make_organisation(deps)
    accountant = await make_member(deps, system, Role.ACCOUNTANT)
    manager = await make_member(deps, system, Role.MANAGER)  # finance.view, no expenses.manage
    teacher = await make_member(deps, system, Role.TEACHER)
    elsewhere = await make_member(deps, await make_organisation(deps, name="Басқа"), Role.ADMIN)
    september = ExpenseData(ExpenseCategory.OTHER, Money(100_00), date(2026, 9, 1))

    with pytest.raises(InvalidInput, match="cannot be sent"):
        await record_expense(deps, accountant, data=september, document=Upload("a.pdf", EXE))
    big = b"x" * (deps.settings.max_upload_bytes + 1)
    with pytest.raises(InvalidInput, match="too large"):
        await record_expense(deps, accountant, data=september, document=Upload("a.txt", big))
    with pytest.raises(InvalidInput, match="future"):
        await record_expense(
            deps,
            accountant,
            data=ExpenseData(ExpenseCategory.OTHER, Money(100), date(2026, 9, 2)),
        )
    with pytest.raises(InvalidInput, match="recorded in KZT"):
        await record_expense(
            deps,
            accountant,
            data=ExpenseData(ExpenseCategory.OTHER, Money(100, "USD"), date(2026, 9, 1)),
        )
    with pytest.raises(PermissionDenied):
        await record_expense(deps, manager, data=september)
    assert await Expense.all().count() == 0

    expense = await record_expense(
        deps, accountant, data=september, document=Upload("чек.png", b"\x89PNG\r\n\x1a\n" + b"0")
    )
    assert (await list_expenses(manager, filters=SEPTEMBER)).total == 100_00
    assert await expense_document(deps, manager, expense_id=expense.id)
    with pytest.raises(PermissionDenied):
        await cancel_expense(deps, manager, expense_id=expense.id, reason="Жоқ")
    with pytest.raises(PermissionDenied):
        await list_expenses(teacher, filters=SEPTEMBER)
    for stranger in (teacher, elsewhere):
        with pytest.raises(NotFound):
            await expense_document(deps, stranger, expense_id=expense.id)
    with pytest.raises(NotFound):
        await cancel_expense(deps, elsewhere, expense_id=expense.id, reason="Жоқ")


async def test_an_expense_dated_0202_is_refused_not_recorded(deps: Deps):
    """Found in review: a typo in the year recorded an expense some 1 800 years ago."""
    system = await make_organisation(deps)
    accountant = await make_member(deps, system, Role.ACCOUNTANT)

    for typo in (date(202, 9, 1), date(2025, 8, 31)):
        with pytest.raises(InvalidInput, match="more than a year ago") as refused:
            await record_expense(
                deps,
                accountant,
                data=ExpenseData(ExpenseCategory.RENT, Money(100_000), typo),
            )
        assert refused.value.field == "spent_on"
    assert not await Expense.exists()

    oldest = await record_expense(
        deps,
        accountant,
        data=ExpenseData(ExpenseCategory.RENT, Money(100_000), date(2025, 9, 1)),
    )
    assert oldest.spent_on == date(2025, 9, 1)
