"""The price list and a student's subscriptions in the panel, over real HTTP (issue 6)."""

from __future__ import annotations

import re
from datetime import timedelta

from core.clock import FrozenClock
from core.deps import Deps
from core.models.finance import EntryKind, LedgerEntry, Plan, Subscription
from core.models.people import Role
from core.services.people import archive_person
from core.services.subscriptions import sell_subscription
from tests.factories import make_member
from tests.test_charges import PRESENT, SEP, day, desk_lesson, make_desk, make_plan, mark
from tests.web import Panel, text_of


def error_in(body: str, form: str) -> str:
    """The error shown above a form (by the form's id), as the user reads it."""
    match = re.search(
        rf'<p class="error" role="alert"[^>]*>([^<]*)</p>\s*<form[^>]*id="{form}"', body
    )
    assert match, f"no error above {form}"
    return text_of(match.group(1)).strip()


def section(body: str, sub_id: int) -> str:
    match = re.search(
        rf'<section class="subscription" id="subscription-{sub_id}".*?</section>', body, re.S
    )
    assert match, f"no subscription {sub_id}"
    return text_of(match.group(0))


async def test_the_price_list_page(deps: Deps, panel: Panel):
    desk = await make_desk(deps, students=0)
    await make_member(deps, desk.system, Role.ACCOUNTANT, login="buh@bilim.kz")
    await make_member(deps, desk.system, Role.TEACHER, login="erlan@bilim.kz")
    await panel.sign_in("buh@bilim.kz")

    response, body = await panel.get("/prices")
    assert response.status == 200 and "No plans yet." in text_of(body)

    plan = {
        "name": "Алгебра 15",
        "kind": "subscription",
        "price": "40 000",
        "lessons": "15",
        "validity_days": "60",
        "billing": "attended",
        "unexcused_percent": "100",
        "excused_percent": "0",
        "course_ids": str(desk.course_id),
    }
    response, body = await panel.post("/prices/plans", {**plan, "price": "2 666.675"})
    assert response.status == 400
    assert (
        error_in(body, "plan-form") == "An amount has at most two digits after the decimal point."
    )
    assert 'value="Алгебра 15"' in body  # what was typed is kept
    assert re.search(rf'<option value="{desk.course_id}" selected>', body)

    response, body = await panel.post("/prices/plans", plan)
    assert response.status == 200
    page = text_of(body)
    assert "The plan “Алгебра 15” is on the price list." in page
    assert "40,000.00 ₸" in page and "2,666.67 ₸" in page and "Per attended lesson" in page
    response, body = await panel.post(
        "/prices/discounts",
        {"name": "Бауырлар", "kind": "percent", "value": "10", "reason": "siblings"},
    )
    assert "10 %" in text_of(body) and "Siblings" in text_of(body)

    plan_id = (await Plan.get(name="Алгебра 15")).id
    response, body = await panel.post(f"/prices/plans/{plan_id}/archive")
    assert re.search(rf'<tr data-plan="{plan_id}" class="muted">', body)
    response, body = await panel.post(f"/prices/plans/{plan_id}/archive")
    assert response.status == 409 and "This plan is archived already." in text_of(body)

    await panel.post("/logout")
    await panel.sign_in("erlan@bilim.kz")
    response, _ = await panel.get("/prices")
    assert response.status == 403


async def test_selling_freezing_and_cancelling_on_the_students_page(
    deps: Deps, panel: Panel, clock: FrozenClock
):
    desk = await make_desk(deps)
    aigerim, timur = desk.students
    await make_member(deps, desk.system, Role.MANAGER, login="manager@bilim.kz")
    clock.current += timedelta(days=10)
    plan = await make_plan(deps, desk.system)
    await panel.sign_in("manager@bilim.kz")
    path = f"/people/{aigerim}/subscriptions"

    response, body = await panel.get(path)
    assert response.status == 200 and "No subscriptions yet." in text_of(body)
    assert f'href="/people/{aigerim}/account"' in body

    response, body = await panel.post(
        path, {"plan_id": str(plan), "group_id": str(desk.group_id), "starts_on": "2026-09-01"}
    )
    assert response.status == 200 and "The subscription “Алгебра 15” is sold." in text_of(body)
    sub = await Subscription.get(student_id=aigerim)
    await mark(deps, desk.system, await desk_lesson(deps, desk, day(2)), {aigerim: PRESENT})

    response, body = await panel.get(path)
    shown = section(body, sub.id)
    assert "15" in shown and "14 of 15" in shown
    assert "from 01.09.2026 until 30.10.2026" in shown and "2,666.67 ₸" in shown

    response, body = await panel.post(
        f"{path}/{sub.id}/freeze", {"starts_on": "2026-09-01", "ends_on": "2026-09-07"}
    )
    assert response.status == 409
    assert error_in(body, f"freeze-{sub.id}") == (
        "The lesson of 02.09.2026 is already charged to this subscription, so the freeze "
        "cannot include that day. Start the freeze after it."
    )
    response, body = await panel.post(
        f"{path}/{sub.id}/freeze",
        {"starts_on": "2026-09-14", "ends_on": "2026-09-20", "reason": "Жол"},
    )
    shown = section(body, sub.id)
    assert "until 06.11.2026" in shown and "14.09.2026 – 20.09.2026 (7 days) · Жол" in shown

    response, body = await panel.post(
        f"{path}/{sub.id}/cancel", {"refund": "100", "method": "cash", "reason": ""}
    )
    assert response.status == 400
    assert error_in(body, f"cancel-{sub.id}") == (
        "The refund can be at most 0.00 ₸: what was paid for this subscription, not yet used "
        "and not needed by the student's other subscriptions."
    )
    response, body = await panel.post(f"{path}/{sub.id}/cancel", {"refund": "", "method": "cash"})
    assert "The subscription is cancelled." in text_of(body)
    assert "Cancelled" in section(body, sub.id)
    assert not await LedgerEntry.exists(kind=EntryKind.REFUND)

    # An archived student: the page says so, and a sale is refused with a clear message.
    await sell_subscription(deps, desk.system, student_id=timur, plan_id=plan, starts_on=SEP)
    await archive_person(deps, desk.system, person_id=timur)
    response, body = await panel.get(f"/people/{timur}/subscriptions")
    assert "archived" in text_of(body) and 'id="sell-form"' not in body
    response, body = await panel.post(f"/people/{timur}/subscriptions", {"plan_id": str(plan)})
    assert response.status == 409
    assert "This student is archived, so no subscription can be sold to them." in text_of(body)
    response, _ = await panel.get("/people/999999/subscriptions")
    assert response.status == 404
