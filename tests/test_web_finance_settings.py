"""The organisation's money settings page over real HTTP (issue 6)."""

from __future__ import annotations

import re

import pytest

from core.models.finance import PaymentMethod
from core.models.people import Role
from core.services.ledger import FinanceSettingsData, finance_settings
from core.services.payments import do_record_payment
from core.tx import transaction
from tests.factories import make_member, make_organisation, make_student
from tests.web import text_of

PAGE = "/organisation/finance"


def form(**changes: str) -> dict[str, str]:
    values = {
        "currency": "KGS",
        "due_reminder_days": "7,2",
        "running_out_lessons": "3",
        "exam_debt_threshold": "50 000",
        "how_to_pay": "Kaspi: +7 701 123 45 67",
    }
    return {**values, **changes}


def error_at(body: str, field: str) -> str:
    match = re.search(rf'<span class="error" role="alert" data-field="{field}">(.*?)</span>', body)
    assert match, f"no error next to {field}"
    return text_of(match.group(1))


async def signed_in(deps, panel, role: Role = Role.ADMIN):
    system = await make_organisation(deps, name="Білім орталығы")
    member = await make_member(deps, system, role, login=f"{role.value}@bilim.kz")
    assert (await panel.sign_in(f"{role.value}@bilim.kz")).status == 200
    return member


async def test_an_admin_finds_the_page_from_the_organisation_and_saves_the_settings(deps, panel):
    admin = await signed_in(deps, panel)
    _, body = await panel.get("/organisation")
    assert f'href="{PAGE}"' in body
    response, body = await panel.get(PAGE)
    assert response.status == 200
    assert '<option value="KZT" selected>' in body
    assert 'name="due_reminder_days" value="3,1"' in body
    assert 'name="running_out_lessons" value="2"' in body

    response, body = await panel.post(PAGE, form())

    assert response.status == 200
    assert "Saved." in text_of(body)
    assert '<option value="KGS" selected>' in body
    assert 'name="exam_debt_threshold" value="50000"' in body
    assert "Kaspi: +7 701 123 45 67</textarea>" in body
    assert await finance_settings(admin.organisation_id) == FinanceSettingsData(
        currency="KGS",
        due_reminder_days=(7, 2),
        running_out_lessons=3,
        exam_debt_threshold=5_000_000,
        how_to_pay="Kaspi: +7 701 123 45 67",
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"exam_debt_threshold": "50 000,555"},
            "exam_debt_threshold",
            "An amount has at most two digits after the decimal point.",
        ),
        (
            {"due_reminder_days": "3, завтра"},
            "due_reminder_days",
            "Write days before the payment as numbers from 1 to 60, like 3,1.",
        ),
        ({"running_out_lessons": "два"}, "running_out_lessons", "“два” is not a whole number."),
    ],
)
async def test_a_bad_value_shows_the_form_again_with_the_error_and_changes_nothing(
    deps, panel, changes, field, message
):
    admin = await signed_in(deps, panel)
    await panel.get(PAGE)

    response, body = await panel.post(PAGE, form(**changes))

    assert response.status == 400
    assert error_at(body, field) == message
    for name, value in changes.items():
        assert f'name="{name}" value="{value}"' in body  # what was typed is kept
    assert await finance_settings(admin.organisation_id) == FinanceSettingsData()


async def test_once_money_is_recorded_the_currency_is_shown_but_not_offered(deps, panel):
    admin = await signed_in(deps, panel)
    student = await make_student(deps, admin)
    async with transaction(deps) as tx:
        await do_record_payment(
            tx,
            organisation_id=admin.organisation_id,
            student_id=student,
            amount=20_000_00,
            currency="KZT",
            method=PaymentMethod.KASPI,
            occurred_on=deps.clock.now().date(),
        )
    _, body = await panel.get(PAGE)
    assert '<input type="hidden" name="currency" value="KZT">' in body
    assert '<select name="currency">' not in body

    response, body = await panel.post(PAGE, form(currency="USD"))  # a forged form

    assert response.status == 409
    assert error_at(body, "currency") == (
        "The currency cannot be changed: prices, payments, expenses or salaries are already "
        "recorded in KZT."
    )
    assert (await finance_settings(admin.organisation_id)).currency == "KZT"


async def test_a_manager_reads_the_settings_and_a_teacher_may_not_open_them(deps, panel):
    manager = await signed_in(deps, panel, Role.MANAGER)
    response, body = await panel.get(PAGE)
    assert response.status == 200
    assert f'action="{PAGE}"' not in body
    assert "Exam admission blocked for a debt larger than Never blocked" in text_of(body)

    response, _ = await panel.post(PAGE, form())

    assert response.status == 403
    assert await finance_settings(manager.organisation_id) == FinanceSettingsData()


async def test_a_teacher_may_not_open_the_page(deps, panel):
    await signed_in(deps, panel, Role.TEACHER)
    response, _ = await panel.get(PAGE)
    assert response.status == 403
