"""The price list (issue 6) and the money primitives it rests on: typed amounts, splits and
percents."""

from __future__ import annotations

import pytest

from core.deps import Deps
from core.errors import Conflict, InvalidInput, PermissionDenied
from core.models.audit import AuditRecord
from core.models.people import Role
from core.money import Money, parse_money, percent_of, split
from core.services.academics import CourseData, create_course
from core.services.prices import (
    Billing,
    DiscountData,
    DiscountKind,
    DiscountReason,
    PlanData,
    PlanKind,
    create_discount,
    create_plan,
    price_list,
    set_discount_archived,
    set_plan_archived,
)
from tests.factories import make_member, make_organisation
from tests.test_charges import make_desk

# --- money ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "minor"),
    [
        ("40 000", 4_000_000),
        ("2 666,67 ₸", 266_667),
        ("2\u00a0666.67", 266_667),
        ("1.500", 150),
        ("40000 тг", 4_000_000),
        ("0,01", 1),
    ],
)
def test_amounts_as_people_type_them(typed: str, minor: int):
    assert parse_money(typed) == Money(minor, "KZT")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1.005", "An amount has at most two digits after the decimal point."),
        ("-5", "The amount must be greater than zero."),
        ("0", "The amount must be greater than zero."),
        ("abc", "“abc” is not an amount. Write it like 40000 or 2666.67."),
        ("", "Enter an amount."),
        ("99999999999", "The amount is too large."),
    ],
)
def test_amounts_refused(typed: str, message: str):
    with pytest.raises(InvalidInput) as caught:
        parse_money(typed, field="price")
    assert (str(caught.value), caught.value.field) == (message, "price")


def test_zero_when_allowed_and_the_example_split():
    assert parse_money("0", allow_zero=True) == Money(0)
    assert split(4_000_000, 15) == [266_667] * 14 + [266_662]
    assert split(100, 3) == [33, 33, 34]
    assert (percent_of(266_667, 50), percent_of(266_667, 0), percent_of(1, 50)) == (133_334, 0, 1)


# --- the price list -------------------------------------------------------------------------


def _plan(name: str = "Алгебра 15", **changes: object) -> PlanData:
    data: dict[str, object] = {
        "name": name,
        "price": 4_000_000,
        "lessons": 15,
        "validity_days": 60,
        **changes,
    }
    return PlanData(**data)  # type: ignore[arg-type]


async def test_the_price_list(deps: Deps):
    desk = await make_desk(deps, students=0)
    accountant = await make_member(deps, desk.system, Role.ACCOUNTANT)
    manager = await make_member(deps, desk.system, Role.MANAGER)
    teacher = await make_member(deps, desk.system, Role.TEACHER)

    scoped = await create_plan(
        deps,
        accountant,
        data=_plan(
            "  Алгебра   15 ",
            billing=Billing.HELD,
            unexcused_percent=50,
            excused_percent=10,
            course_ids=(desk.course_id,),
            group_ids=(desk.group_id,),
        ),
    )
    trial = await create_plan(
        deps, accountant, data=_plan("Сынақ", kind=PlanKind.TRIAL, price=150_000, lessons=1)
    )
    await create_plan(deps, accountant, data=_plan("Ескі", price=100_000, lessons=4))
    old = await create_discount(
        deps,
        accountant,
        data=DiscountData("Қызметкер", DiscountKind.AMOUNT, 500_000, DiscountReason.STAFF),
    )
    await create_discount(
        deps, accountant, data=DiscountData("Бауырлар", DiscountKind.PERCENT, 10)
    )
    archived = await set_plan_archived(deps, accountant, plan_id=trial.id)
    await set_discount_archived(deps, accountant, discount_id=old.id)

    listing = await price_list(manager)  # the front desk reads it to sell

    assert scoped.name == "Алгебра 15" and scoped.lesson_price == 266_667
    assert [(g, name) for g, name in scoped.groups] == [(desk.group_id, "Алгебра 7А")]
    assert [names.ru for _, names in scoped.courses] == ["Алгебра"]
    assert archived.archived
    assert [(plan.name, plan.archived) for plan in listing.plans] == [
        ("Алгебра 15", False),
        ("Ескі", False),
        ("Сынақ", True),
    ]
    assert [(d.name, d.kind, d.value, d.archived) for d in listing.discounts] == [
        ("Бауырлар", DiscountKind.PERCENT, 10, False),
        ("Қызметкер", DiscountKind.AMOUNT, 500_000, True),
    ]
    assert (listing.currency, listing.can_manage) == ("KZT", False)
    assert listing.groups == ((desk.group_id, "Алгебра 7А"),)
    assert await AuditRecord.filter(object_type__in=("plan", "discount")).count() == 7
    with pytest.raises(PermissionDenied):
        await create_plan(deps, manager, data=_plan("Жаңа"))
    with pytest.raises(PermissionDenied):
        await price_list(teacher)
    with pytest.raises(Conflict):
        await set_plan_archived(deps, accountant, plan_id=trial.id)
    restored = await set_plan_archived(deps, accountant, plan_id=trial.id, archived=False)
    assert not restored.archived


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "  "}, "name"),
        ({"price": 0}, "price"),
        ({"lessons": 0}, "lessons"),
        ({"lessons": 2000}, "lessons"),
        ({"price": 10}, "price"),  # less than a tiyn per lesson
        ({"price": 127, "lessons": 128}, "price"),  # a free lesson among 128
        ({"validity_days": 0}, "validity_days"),
        ({"kind": PlanKind.SINGLE, "lessons": 2}, "lessons"),
        ({"kind": PlanKind.TRIAL, "lessons": 1, "billing": Billing.MONTHLY}, "billing"),
        ({"unexcused_percent": 101}, "unexcused_percent"),
        ({"excused_percent": -1}, "excused_percent"),
    ],
)
async def test_plans_refused(deps: Deps, changes: dict[str, object], field: str):
    system = await make_organisation(deps)
    with pytest.raises(InvalidInput) as caught:
        await create_plan(deps, system, data=_plan(**changes))  # type: ignore[arg-type]
    assert caught.value.field == field


async def test_names_are_unique_and_scopes_stay_at_home(deps: Deps):
    system = await make_organisation(deps)
    elsewhere = await make_organisation(deps, name="Басқа")
    foreign = await create_course(deps, elsewhere, data=CourseData(name_ru="Химия"))
    await create_plan(deps, system, data=_plan())
    with pytest.raises(Conflict, match="plan with this name"):
        await create_plan(deps, system, data=_plan())
    with pytest.raises(InvalidInput) as caught:
        await create_plan(deps, system, data=_plan("Химия", course_ids=(foreign.id,)))
    assert caught.value.field == "scopes"
    await create_discount(deps, system, data=DiscountData("Акция", DiscountKind.PERCENT, 5))
    with pytest.raises(Conflict):
        await create_discount(deps, system, data=DiscountData("Акция", DiscountKind.PERCENT, 5))
    for kind, value in (
        (DiscountKind.PERCENT, 0),
        (DiscountKind.PERCENT, 101),
        (DiscountKind.AMOUNT, 0),
    ):
        with pytest.raises(InvalidInput):
            await create_discount(deps, system, data=DiscountData("Басқа", kind, value))
    assert [plan.name for plan in (await price_list(system)).plans] == ["Алгебра 15"]
