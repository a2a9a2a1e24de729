"""The price list: plans (a subscription of lessons, a single lesson, a trial) and discounts.

A plan says what is sold — its price, how many lessons, how many days it stays valid, how its
lessons become charges (``Billing``: per attended lesson, per held lesson, or monthly) and
what an absence costs (``unexcused_percent``, ``excused_percent``: 0 to 100 % of a lesson).
A plan may be limited to courses and groups (its *scopes*); a plan without scopes fits every
group. Discounts take a percent (1-100) or a fixed amount off the price, with a reason.

Nothing on the price list is deleted: a plan or a discount is archived (it can no longer be
sold, and what was sold keeps its own copy of the prices), and can be brought back.

Reading the price list needs ``finance.view``, ``subscriptions.manage`` or
``prices.manage``; changing it needs ``prices.manage``. Every change is audited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from tortoise.exceptions import IntegrityError

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.i18n import N_
from core.models.academics import Course, Group
from core.models.finance import Billing as Billing  # noqa: PLC0414 - for adapters
from core.models.finance import Discount, Plan, PlanScope
from core.models.finance import DiscountKind as DiscountKind  # noqa: PLC0414 - for adapters
from core.models.finance import DiscountReason as DiscountReason  # noqa: PLC0414
from core.models.finance import PlanKind as PlanKind  # noqa: PLC0414 - for adapters
from core.money import MAX_AMOUNT, split
from core.permissions import Permission, has_permission, require
from core.services.audit import do_record, snapshot
from core.services.ledger import organisation_currency
from core.services.lessons import CourseNames, check_id
from core.tx import transaction

NAME_MAX = 200
LESSONS_MAX = 1000
VALIDITY_DAYS_MAX = 3660

PLAN_KIND_LABELS: dict[PlanKind, str] = {
    PlanKind.SUBSCRIPTION: N_("Subscription"),
    PlanKind.SINGLE: N_("Single lesson"),
    PlanKind.TRIAL: N_("Trial lesson"),
}
BILLING_LABELS: dict[Billing, str] = {
    Billing.ATTENDED: N_("Per attended lesson"),
    Billing.HELD: N_("Per held lesson"),
    Billing.MONTHLY: N_("Monthly in advance"),
}
DISCOUNT_KIND_LABELS: dict[DiscountKind, str] = {
    DiscountKind.PERCENT: N_("Percent"),
    DiscountKind.AMOUNT: N_("Amount"),
}
DISCOUNT_REASON_LABELS: dict[DiscountReason, str] = {
    DiscountReason.SIBLINGS: N_("Siblings"),
    DiscountReason.PROMO: N_("Promotion"),
    DiscountReason.STAFF: N_("Staff"),
    DiscountReason.OTHER: N_("Other"),
}

_PLAN_AUDITED = (
    "name",
    "kind",
    "price",
    "currency",
    "lessons",
    "validity_days",
    "billing",
    "unexcused_percent",
    "excused_percent",
)
_DISCOUNT_AUDITED = ("name", "kind", "value", "reason")


@dataclass(frozen=True)
class PlanData:
    """A new plan as typed. ``price`` is in minor units (parsed with ``parse_money``)."""

    name: str
    price: int
    lessons: int
    validity_days: int
    kind: PlanKind = PlanKind.SUBSCRIPTION
    billing: Billing = Billing.ATTENDED
    unexcused_percent: int = 100
    excused_percent: int = 0
    course_ids: tuple[int, ...] = ()
    group_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class PlanView:
    id: int
    name: str
    kind: PlanKind
    price: int
    currency: str
    lessons: int
    validity_days: int
    billing: Billing
    unexcused_percent: int
    excused_percent: int
    courses: tuple[tuple[int, CourseNames], ...]
    groups: tuple[tuple[int, str], ...]
    archived: bool
    created_at: datetime

    @property
    def lesson_price(self) -> int:
        """What one lesson costs (the first of the parts; the last may differ by rounding)."""
        return split(self.price, self.lessons)[0]

    @property
    def scoped(self) -> bool:
        return bool(self.courses or self.groups)


@dataclass(frozen=True)
class DiscountData:
    """``value``: a percent (1-100) or an amount in minor units, as ``kind`` says."""

    name: str
    kind: DiscountKind
    value: int
    reason: DiscountReason = DiscountReason.OTHER


@dataclass(frozen=True)
class DiscountView:
    id: int
    name: str
    kind: DiscountKind
    value: int
    currency: str
    reason: DiscountReason
    archived: bool


@dataclass(frozen=True)
class PriceList:
    """The organisation's plans and discounts (archived ones last), and the courses and groups
    a plan may be limited to."""

    currency: str
    plans: tuple[PlanView, ...]
    discounts: tuple[DiscountView, ...]
    courses: tuple[tuple[int, CourseNames], ...]
    groups: tuple[tuple[int, str], ...]
    can_manage: bool


# --- reading --------------------------------------------------------------------------------


async def require_price_reader(actor: Actor) -> None:
    """Who may read the price list: money staff and whoever sells subscriptions.

    Raises:
        PermissionDenied: the actor holds none of ``finance.view``, ``subscriptions.manage``
            and ``prices.manage``.
    """
    for permission in (
        Permission.FINANCE_VIEW,
        Permission.SUBSCRIPTIONS_MANAGE,
        Permission.PRICES_MANAGE,
    ):
        if await has_permission(actor, permission):
            return
    raise PermissionDenied(permission=Permission.FINANCE_VIEW.value)


async def plan_views(plans: Iterable[Plan]) -> list[PlanView]:
    """Plans as plain data with their scopes' names, in three queries."""
    rows = list(plans)
    scopes = await PlanScope.filter(plan_id__in=[plan.id for plan in rows]).values(
        "plan_id", "course_id", "group_id"
    )
    course_names = {
        row["id"]: CourseNames(row["name_kk"], row["name_ru"], row["name_en"])
        for row in await Course.filter(
            id__in={row["course_id"] for row in scopes if row["course_id"]}
        ).values("id", "name_kk", "name_ru", "name_en")
    }
    group_names: dict[int, str] = dict(
        await Group.filter(
            id__in={row["group_id"] for row in scopes if row["group_id"]}
        ).values_list("id", "name")
    )
    views = []
    for plan in rows:
        mine = [row for row in scopes if row["plan_id"] == plan.id]
        views.append(
            PlanView(
                id=plan.id,
                name=plan.name,
                kind=PlanKind(plan.kind),
                price=plan.price,
                currency=plan.currency,
                lessons=plan.lessons,
                validity_days=plan.validity_days,
                billing=Billing(plan.billing),
                unexcused_percent=plan.unexcused_percent,
                excused_percent=plan.excused_percent,
                courses=tuple(
                    (row["course_id"], course_names[row["course_id"]])
                    for row in mine
                    if row["course_id"]
                ),
                groups=tuple(
                    (row["group_id"], group_names[row["group_id"]])
                    for row in mine
                    if row["group_id"]
                ),
                archived=plan.archived_at is not None,
                created_at=plan.created_at,
            )
        )
    return views


def discount_view(discount: Discount, currency: str) -> DiscountView:
    return DiscountView(
        id=discount.id,
        name=discount.name,
        kind=DiscountKind(discount.kind),
        value=discount.value,
        currency=currency,
        reason=DiscountReason(discount.reason),
        archived=discount.archived_at is not None,
    )


async def price_list(actor: Actor) -> PriceList:
    """The organisation's price list: plans and discounts by name, archived ones after the
    others, and the choices of courses and groups for a new plan's scopes.

    Raises:
        PermissionDenied: the actor may not read the price list.
    """
    await require_price_reader(actor)
    organisation_id = actor.organisation_id
    currency = await organisation_currency(organisation_id)
    plans = await Plan.filter(organisation_id=organisation_id).order_by("name", "id")
    discounts = await Discount.filter(organisation_id=organisation_id).order_by("name", "id")
    courses = await Course.filter(organisation_id=organisation_id).order_by("name_ru", "id")
    groups = await Group.filter(organisation_id=organisation_id).order_by("name", "id")
    views = await plan_views(plans)
    return PriceList(
        currency=currency,
        plans=tuple(sorted(views, key=lambda view: view.archived)),
        discounts=tuple(
            sorted(
                (discount_view(discount, currency) for discount in discounts),
                key=lambda view: view.archived,
            )
        ),
        courses=tuple(
            (course.id, CourseNames(course.name_kk, course.name_ru, course.name_en))
            for course in courses
        ),
        groups=tuple((group.id, group.name) for group in groups),
        can_manage=await has_permission(actor, Permission.PRICES_MANAGE),
    )


async def access_plan(actor: Actor, plan_id: int) -> Plan:
    """A plan of the actor's organisation (no permission check: callers check theirs).

    Raises:
        NotFound: no such plan here.
    """
    check_id(plan_id)
    plan = await Plan.get_or_none(id=plan_id, organisation_id=actor.organisation_id)
    if plan is None:
        raise NotFound()
    return plan


async def access_discount(actor: Actor, discount_id: int) -> Discount:
    """A discount of the actor's organisation (no permission check: callers check theirs).

    Raises:
        NotFound: no such discount here.
    """
    check_id(discount_id)
    discount = await Discount.get_or_none(id=discount_id, organisation_id=actor.organisation_id)
    if discount is None:
        raise NotFound()
    return discount


@dataclass(frozen=True)
class Scopes:
    """What a plan is sold for: courses and groups; none of either fits every group."""

    course_ids: frozenset[int]
    group_ids: frozenset[int]

    def fit(self, group_id: int, course_id: int) -> bool:
        if not self.course_ids and not self.group_ids:
            return True
        return group_id in self.group_ids or course_id in self.course_ids


async def plan_scopes(plan_ids: Iterable[int]) -> dict[int, Scopes]:
    """``Scopes`` of each plan asked for (a plan without scopes gets empty ones)."""
    ids = sorted(set(plan_ids))
    courses: dict[int, set[int]] = {plan_id: set() for plan_id in ids}
    groups: dict[int, set[int]] = {plan_id: set() for plan_id in ids}
    for plan_id, course_id, group_id in await PlanScope.filter(plan_id__in=ids).values_list(
        "plan_id", "course_id", "group_id"
    ):
        if course_id is not None:
            courses[plan_id].add(course_id)
        if group_id is not None:
            groups[plan_id].add(group_id)
    return {
        plan_id: Scopes(frozenset(courses[plan_id]), frozenset(groups[plan_id])) for plan_id in ids
    }


# --- writing --------------------------------------------------------------------------------


def divisible(price: int, lessons: int) -> bool:
    """Whether every lesson's part of ``price`` is at least one minor unit: a lesson that
    costs nothing could never be charged, so its subscription would never be used up. Only a
    price below one minor unit per lesson fails (``core.money.split`` keeps every part above
    zero otherwise)."""
    return price >= lessons and min(split(price, lessons)) >= 1


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise InvalidInput(N_("Enter a name."), field="name")
    if len(name) > NAME_MAX:
        raise InvalidInput(
            N_("A name can be at most {limit} characters long."), field="name", limit=NAME_MAX
        )
    return name


def _check_percent(value: int, field: str) -> None:
    if not 0 <= value <= 100:
        raise InvalidInput(N_("A percent is a whole number from 0 to 100."), field=field)


def _clean_plan(data: PlanData) -> PlanData:
    name = _clean_name(data.name)
    if not 0 < data.price <= MAX_AMOUNT:
        raise InvalidInput(N_("The price must be greater than zero."), field="price")
    if not 1 <= data.lessons <= LESSONS_MAX:
        raise InvalidInput(
            N_("The number of lessons is a whole number from 1 to {limit}."),
            field="lessons",
            limit=LESSONS_MAX,
        )
    if data.kind == PlanKind.SINGLE and data.lessons != 1:
        raise InvalidInput(N_("A single lesson plan has exactly one lesson."), field="lessons")
    if data.billing != Billing.MONTHLY and not divisible(data.price, data.lessons):
        raise InvalidInput(
            N_("The price is too small to divide between the lessons."), field="price"
        )
    if not 1 <= data.validity_days <= VALIDITY_DAYS_MAX:
        raise InvalidInput(
            N_("The validity is a whole number of days from 1 to {limit}."),
            field="validity_days",
            limit=VALIDITY_DAYS_MAX,
        )
    if data.billing == Billing.MONTHLY and data.kind != PlanKind.SUBSCRIPTION:
        raise InvalidInput(
            N_("Only a subscription can be paid monthly; a single or trial lesson is not."),
            field="billing",
        )
    _check_percent(data.unexcused_percent, "unexcused_percent")
    _check_percent(data.excused_percent, "excused_percent")
    return PlanData(
        name=name,
        price=data.price,
        lessons=data.lessons,
        validity_days=data.validity_days,
        kind=PlanKind(data.kind),
        billing=Billing(data.billing),
        unexcused_percent=data.unexcused_percent,
        excused_percent=data.excused_percent,
        course_ids=tuple(sorted(set(data.course_ids))),
        group_ids=tuple(sorted(set(data.group_ids))),
    )


async def _check_scopes(actor: Actor, data: PlanData) -> None:
    for value in (*data.course_ids, *data.group_ids):
        check_id(value)
    courses = await Course.filter(
        id__in=data.course_ids, organisation_id=actor.organisation_id
    ).count()
    groups = await Group.filter(
        id__in=data.group_ids, organisation_id=actor.organisation_id
    ).count()
    if courses != len(data.course_ids) or groups != len(data.group_ids):
        raise InvalidInput(
            N_("Choose the courses and groups of the plan from the list."), field="scopes"
        )


async def create_plan(deps: Deps, actor: Actor, *, data: PlanData) -> PlanView:
    """Add a plan to the price list, in the organisation's currency.

    Raises:
        PermissionDenied: the actor may not edit the price list.
        InvalidInput: no name or too long, a price not above zero (or with a lesson part
            below one minor unit), lessons or validity out of range, a percent outside
            0-100, a single lesson plan of more than one lesson, monthly billing of a single
            or trial lesson, or a course or group of another organisation.
        NotFound: an impossible course or group id.
        Conflict: the organisation has a plan of that name already.
    """
    await require(actor, Permission.PRICES_MANAGE)
    data = _clean_plan(data)
    await _check_scopes(actor, data)
    currency = await organisation_currency(actor.organisation_id)
    async with transaction(deps) as tx:
        taken = Conflict(N_("There is a plan with this name already."), field="name")
        if await Plan.exists(organisation_id=actor.organisation_id, name=data.name):
            raise taken
        try:
            plan = await Plan.create(
                organisation_id=actor.organisation_id,
                name=data.name,
                kind=data.kind,
                price=data.price,
                currency=currency,
                lessons=data.lessons,
                validity_days=data.validity_days,
                billing=data.billing,
                unexcused_percent=data.unexcused_percent,
                excused_percent=data.excused_percent,
                created_at=tx.now,
            )
        except IntegrityError:
            raise taken from None
        await PlanScope.bulk_create(
            [PlanScope(plan_id=plan.id, course_id=course_id) for course_id in data.course_ids]
            + [PlanScope(plan_id=plan.id, group_id=group_id) for group_id in data.group_ids]
        )
        await do_record(
            tx,
            actor,
            action="plan.create",
            object_type="plan",
            object_id=plan.id,
            after={
                **snapshot(plan, _PLAN_AUDITED),
                "course_ids": list(data.course_ids),
                "group_ids": list(data.group_ids),
            },
        )
    return (await plan_views([plan]))[0]


async def set_plan_archived(
    deps: Deps, actor: Actor, *, plan_id: int, archived: bool = True
) -> PlanView:
    """Archive a plan (it can no longer be sold; subscriptions sold keep running) or bring an
    archived one back.

    Raises:
        PermissionDenied: the actor may not edit the price list.
        NotFound: no such plan here.
        Conflict: already archived, or not archived.
    """
    await require(actor, Permission.PRICES_MANAGE)
    async with transaction(deps) as tx:
        plan = await access_plan(actor, plan_id)
        plan = await Plan.select_for_update().get(id=plan.id)
        if (plan.archived_at is not None) == archived:
            raise Conflict(
                N_("This plan is archived already.") if archived else N_("This plan is on sale.")
            )
        plan.archived_at = tx.now if archived else None
        await plan.save(update_fields=["archived_at"])
        await do_record(
            tx,
            actor,
            action="plan.archive" if archived else "plan.restore",
            object_type="plan",
            object_id=plan.id,
        )
    return (await plan_views([plan]))[0]


def _clean_discount(data: DiscountData) -> DiscountData:
    name = _clean_name(data.name)
    kind = DiscountKind(data.kind)
    if kind == DiscountKind.PERCENT and not 1 <= data.value <= 100:
        raise InvalidInput(
            N_("A percent discount is a whole number from 1 to 100."), field="value"
        )
    if kind == DiscountKind.AMOUNT and not 0 < data.value <= MAX_AMOUNT:
        raise InvalidInput(N_("The amount must be greater than zero."), field="value")
    return DiscountData(name=name, kind=kind, value=data.value, reason=DiscountReason(data.reason))


async def create_discount(deps: Deps, actor: Actor, *, data: DiscountData) -> DiscountView:
    """Add a discount to the price list.

    Raises:
        PermissionDenied: the actor may not edit the price list.
        InvalidInput: no name or too long, a percent outside 1-100, or an amount not above
            zero.
        Conflict: the organisation has a discount of that name already.
    """
    await require(actor, Permission.PRICES_MANAGE)
    data = _clean_discount(data)
    currency = await organisation_currency(actor.organisation_id)
    async with transaction(deps) as tx:
        taken = Conflict(N_("There is a discount with this name already."), field="name")
        if await Discount.exists(organisation_id=actor.organisation_id, name=data.name):
            raise taken
        try:
            discount = await Discount.create(
                organisation_id=actor.organisation_id,
                name=data.name,
                kind=data.kind,
                value=data.value,
                reason=data.reason,
                created_at=tx.now,
            )
        except IntegrityError:
            raise taken from None
        await do_record(
            tx,
            actor,
            action="discount.create",
            object_type="discount",
            object_id=discount.id,
            after=snapshot(discount, _DISCOUNT_AUDITED),
        )
    return discount_view(discount, currency)


async def set_discount_archived(
    deps: Deps, actor: Actor, *, discount_id: int, archived: bool = True
) -> DiscountView:
    """Archive a discount (it can no longer be given) or bring an archived one back.

    Raises:
        PermissionDenied: the actor may not edit the price list.
        NotFound: no such discount here.
        Conflict: already archived, or not archived.
    """
    await require(actor, Permission.PRICES_MANAGE)
    async with transaction(deps) as tx:
        discount = await access_discount(actor, discount_id)
        discount = await Discount.select_for_update().get(id=discount.id)
        if (discount.archived_at is not None) == archived:
            raise Conflict(
                N_("This discount is archived already.")
                if archived
                else N_("This discount is in use.")
            )
        discount.archived_at = tx.now if archived else None
        await discount.save(update_fields=["archived_at"])
        await do_record(
            tx,
            actor,
            action="discount.archive" if archived else "discount.restore",
            object_type="discount",
            object_id=discount.id,
        )
    return discount_view(discount, await organisation_currency(actor.organisation_id))
