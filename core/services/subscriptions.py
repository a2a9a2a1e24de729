"""Subscriptions (абонементы): a plan sold to a student, frozen, extended or cancelled.

A sale copies the plan's terms into the subscription — price after the discount, lessons,
billing, what absences cost — so a later change of the price list never changes what was
sold. Its lessons cost the parts of ``core.money.split(price, lessons)``; the charges
themselves are ``core.services.charges``'s. ``valid_until`` is ``starts_on`` plus the plan's
validity days minus one, and moves later with each freeze (by the freeze's length) and each
extension.

A sale is in the organisation's currency (a plan priced in another is refused), and a sale
that starts in the past charges at once the held lessons it covers from its start to today,
by the usual rules (``charges.do_charge_past_lessons``), as if it had been sold on time.

A cancellation refunds the unused part: by default, and at most, the credit the student has
that this subscription has not used and their other active subscriptions do not need —
``min(price − charged, max(0, balance − Σ parts of the others))``, the parts being what
``core.services.dues`` counts as still to cover — as a ``REFUND`` entry naming the
subscription. So cancelling one of two subscriptions paid for together never pays back the
money that covers the other. Selling, freezing, extending and cancelling need
``subscriptions.manage`` and are audited; reading needs what reading the student's account
needs (``finance.view``, the student, their parents) or ``subscriptions.manage``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound
from core.i18n import N_
from core.models.academics import Enrolment, Group
from core.models.finance import (
    Billing,
    Discount,
    DiscountKind,
    EntryKind,
    Plan,
    PlanKind,
    Subscription,
    SubscriptionFreeze,
)
from core.models.finance import PaymentMethod as PaymentMethod  # noqa: PLC0414 - for adapters
from core.models.finance import SubscriptionStatus as SubscriptionStatus  # noqa: PLC0414
from core.models.lessons import Lesson
from core.models.people import Membership, Role
from core.money import Money, percent_of
from core.permissions import Permission, has_permission, require
from core.services.audit import do_record
from core.services.charges import Usage, do_charge_past_lessons, frozen_on, usages
from core.services.dues import Part, open_parts
from core.services.ledger import (
    balance,
    do_add_entry,
    lock_account,
    may_see_account,
    organisation_currency,
)
from core.services.lessons import (
    check_id,
    format_day,
    local_today,
    organisation_zone,
    person_names,
)
from core.services.prices import (
    DiscountView,
    PlanView,
    access_discount,
    access_plan,
    discount_view,
    divisible,
    plan_scopes,
    plan_views,
)
from core.tx import Tx, transaction

REASON_MAX = 300
#: The longest freeze and the longest extension at once, in days.
FREEZE_DAYS_MAX = 366
EXTEND_DAYS_MAX = 366
#: How far from today a subscription may start or be due.
DATE_RANGE_DAYS = 366
#: How a refund may be paid back (Telegram payments are only ever taken, not returned).
REFUND_METHODS = (
    PaymentMethod.CASH,
    PaymentMethod.CARD,
    PaymentMethod.TRANSFER,
    PaymentMethod.KASPI,
)
STATUS_LABELS: dict[SubscriptionStatus, str] = {
    SubscriptionStatus.ACTIVE: N_("Active"),
    SubscriptionStatus.FINISHED: N_("Finished"),
    SubscriptionStatus.CANCELLED: N_("Cancelled"),
}


@dataclass(frozen=True)
class FreezeView:
    id: int
    starts_on: date
    ends_on: date
    reason: str
    created_at: datetime

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


@dataclass(frozen=True)
class SubscriptionView:
    """A subscription as its reader sees it on ``today`` (the organisation's local day).

    ``status`` is what is true today: an active subscription whose validity has passed reads
    as finished even before the scheduler's sweep marks it so. ``lessons_left`` and
    ``next_lesson_price`` are None for monthly billing, which does not count lessons.
    ``refund_limit`` is the most a cancellation may pay back now (see ``refund_limit``)."""

    id: int
    student_id: int
    plan_id: int
    plan_name: str
    plan_kind: PlanKind
    group_id: int | None
    group_name: str
    discount_name: str
    list_price: int
    price: int
    currency: str
    lessons: int
    billing: Billing
    unexcused_percent: int
    excused_percent: int
    starts_on: date
    valid_until: date
    due_on: date
    status: SubscriptionStatus
    cancelled_at: datetime | None
    cancel_reason: str
    created_at: datetime
    charged: int
    lessons_charged: int
    lessons_left: int | None
    next_lesson_price: int | None
    frozen_now: bool
    freezes: tuple[FreezeView, ...]
    refund_limit: int

    @property
    def active(self) -> bool:
        return self.status == SubscriptionStatus.ACTIVE

    @property
    def unused(self) -> int:
        return max(0, self.price - self.charged)


@dataclass(frozen=True)
class SubscriptionsPage:
    """Everything the student's subscriptions page shows and offers."""

    student_id: int
    student_name: str
    archived: bool
    currency: str
    balance: int
    today: date
    subscriptions: tuple[SubscriptionView, ...]
    can_manage: bool
    plans: tuple[PlanView, ...]
    discounts: tuple[DiscountView, ...]
    groups: tuple[tuple[int, str], ...]


# --- reading --------------------------------------------------------------------------------


async def _may_see(actor: Actor, student_id: int) -> bool:
    return await may_see_account(actor, student_id) or await has_permission(
        actor, Permission.SUBSCRIPTIONS_MANAGE
    )


async def _check_reader(actor: Actor, student_id: int) -> None:
    check_id(student_id)
    is_member = await Membership.exists(
        person_id=student_id, organisation_id=actor.organisation_id
    )
    if not is_member or not await _may_see(actor, student_id):
        raise NotFound()


async def access_subscription(actor: Actor, subscription_id: int) -> Subscription:
    """A subscription of the actor's organisation whose student's money the actor may see
    (or who sells subscriptions).

    Raises:
        NotFound: missing, elsewhere, or out of the actor's reach.
    """
    check_id(subscription_id)
    sub = await Subscription.get_or_none(id=subscription_id, organisation_id=actor.organisation_id)
    if sub is None or not await _may_see(actor, sub.student_id):  # type: ignore[attr-defined]
        raise NotFound()
    return sub


def _effective_status(sub: Subscription, usage: Usage, today: date) -> SubscriptionStatus:
    status = SubscriptionStatus(sub.status)
    if status != SubscriptionStatus.ACTIVE:
        return status
    if sub.valid_until < today or (sub.billing != Billing.MONTHLY and usage.left == 0):
        return SubscriptionStatus.FINISHED
    return status


def refund_limit(sub: Subscription, *, charged: int, held: int, parts: list[Part]) -> int:
    """The most cancelling ``sub`` may pay back: what it has not used, within the student's
    credit (``held``) less what their other active subscriptions still need (``parts``, the
    student's ``dues.open_parts``); 0 once it is cancelled."""
    if sub.status == SubscriptionStatus.CANCELLED:
        return 0
    needed = sum(part.amount for part in parts if part.subscription_id != sub.id)
    return min(max(0, int(sub.price) - charged), max(0, held - needed))


async def subscription_views_of(
    subs: list[Subscription], *, today: date, balances: dict[int, int] | None = None
) -> list[SubscriptionView]:
    """Plain views of subscriptions as of ``today``, in a fixed number of queries. Without
    ``balances`` (student → balance) the refund limits read 0."""
    if not subs:
        return []
    parts: dict[int, list[Part]] = {}
    if balances:
        for organisation_id in sorted({sub.organisation_id for sub in subs}):  # type: ignore[attr-defined]
            parts.update(await open_parts(organisation_id, balances))
    plans = {
        int(row["id"]): row
        for row in await Plan.filter(id__in={sub.plan_id for sub in subs}).values(  # type: ignore[attr-defined]
            "id", "name", "kind"
        )
    }
    group_ids = {sub.group_id for sub in subs if sub.group_id is not None}  # type: ignore[attr-defined]
    groups: dict[int, str] = dict(await Group.filter(id__in=group_ids).values_list("id", "name"))
    discount_ids = {sub.discount_id for sub in subs if sub.discount_id is not None}  # type: ignore[attr-defined]
    discounts: dict[int, str] = dict(
        await Discount.filter(id__in=discount_ids).values_list("id", "name")
    )
    freezes: dict[int, list[FreezeView]] = {sub.id: [] for sub in subs}
    for freeze in await SubscriptionFreeze.filter(
        subscription_id__in=[sub.id for sub in subs]
    ).order_by("starts_on", "id"):
        freezes[freeze.subscription_id].append(  # type: ignore[attr-defined]
            FreezeView(
                id=freeze.id,
                starts_on=freeze.starts_on,
                ends_on=freeze.ends_on,
                reason=freeze.reason,
                created_at=freeze.created_at,
            )
        )
    used = await usages(subs)
    views = []
    for sub in subs:
        usage = used[sub.id]
        per_lesson = sub.billing != Billing.MONTHLY
        free = usage.free_slot() if per_lesson else None
        status = _effective_status(sub, usage, today)
        student_id = sub.student_id  # type: ignore[attr-defined]
        held = (balances or {}).get(student_id, 0)
        views.append(
            SubscriptionView(
                id=sub.id,
                student_id=sub.student_id,  # type: ignore[attr-defined]
                plan_id=sub.plan_id,  # type: ignore[attr-defined]
                plan_name=str(plans[sub.plan_id]["name"]),  # type: ignore[attr-defined]
                plan_kind=PlanKind(plans[sub.plan_id]["kind"]),  # type: ignore[attr-defined]
                group_id=sub.group_id,  # type: ignore[attr-defined]
                group_name=groups.get(sub.group_id, "") if sub.group_id else "",  # type: ignore[attr-defined]
                discount_name=discounts.get(sub.discount_id, "") if sub.discount_id else "",  # type: ignore[attr-defined]
                list_price=sub.list_price,
                price=sub.price,
                currency=sub.currency,
                lessons=sub.lessons,
                billing=Billing(sub.billing),
                unexcused_percent=sub.unexcused_percent,
                excused_percent=sub.excused_percent,
                starts_on=sub.starts_on,
                valid_until=sub.valid_until,
                due_on=sub.due_on,
                status=status,
                cancelled_at=sub.cancelled_at,
                cancel_reason=sub.cancel_reason,
                created_at=sub.created_at,
                charged=usage.charged,
                lessons_charged=usage.used,
                lessons_left=usage.left if per_lesson else None,
                next_lesson_price=usage.part(free) if free is not None else None,
                frozen_now=frozen_on(
                    ((freeze.starts_on, freeze.ends_on) for freeze in freezes[sub.id]), today
                ),
                freezes=tuple(freezes[sub.id]),
                refund_limit=refund_limit(
                    sub, charged=usage.charged, held=held, parts=parts.get(student_id, [])
                ),
            )
        )
    return views


async def _today(deps: Deps, organisation_id: int) -> date:
    return local_today(deps.clock.now(), await organisation_zone(organisation_id))


async def subscription_views(
    deps: Deps, actor: Actor, *, student_id: int
) -> list[SubscriptionView]:
    """A student's subscriptions in the actor's organisation, the latest start first.

    Raises:
        NotFound: no such student here, or the actor may not see their money.
    """
    await _check_reader(actor, student_id)
    subs = await Subscription.filter(
        organisation_id=actor.organisation_id, student_id=student_id
    ).order_by("-starts_on", "-id")
    held = await balance(actor.organisation_id, student_id)
    return await subscription_views_of(
        subs, today=await _today(deps, actor.organisation_id), balances={student_id: held}
    )


async def active_subscriptions(
    deps: Deps, actor: Actor, *, student_id: int
) -> list[SubscriptionView]:
    """The student's subscriptions that are active (running, or sold to start later) with
    lessons left, the one charged first at the top — what the bot shows a student or a
    parent ("lessons left", "valid until"). Plain data; the reader needs no permission beyond
    seeing the student's account (``ledger.may_see_account``) or selling subscriptions.

    Raises:
        NotFound: no such student here, or the actor may not see their money.
    """
    await _check_reader(actor, student_id)
    today = await _today(deps, actor.organisation_id)
    subs = await Subscription.filter(
        organisation_id=actor.organisation_id,
        student_id=student_id,
        status=SubscriptionStatus.ACTIVE,
        valid_until__gte=today,
    ).order_by("starts_on", "id")
    held = await balance(actor.organisation_id, student_id)
    views = await subscription_views_of(subs, today=today, balances={student_id: held})
    return [view for view in views if view.active]


async def subscription_view(deps: Deps, actor: Actor, *, subscription_id: int) -> SubscriptionView:
    """One subscription as plain data.

    Raises:
        NotFound: missing, elsewhere, or out of the actor's reach.
    """
    sub = await access_subscription(actor, subscription_id)
    student_id = sub.student_id  # type: ignore[attr-defined]
    held = await balance(actor.organisation_id, student_id)
    today = await _today(deps, actor.organisation_id)
    return (await subscription_views_of([sub], today=today, balances={student_id: held}))[0]


async def subscriptions_page(deps: Deps, actor: Actor, *, student_id: int) -> SubscriptionsPage:
    """The student's subscriptions with what may be sold to them: plans on sale, discounts in
    use and the groups the student is enrolled in.

    Raises:
        NotFound: no such student here, or the actor may not see their money.
    """
    await _check_reader(actor, student_id)
    organisation_id = actor.organisation_id
    can_manage = await has_permission(actor, Permission.SUBSCRIPTIONS_MANAGE)
    views = await subscription_views(deps, actor, student_id=student_id)
    student_roles = [
        archived_at
        for (archived_at,) in await Membership.filter(
            person_id=student_id, organisation_id=organisation_id, role=Role.STUDENT
        ).values_list("archived_at")
    ]
    plans: list[PlanView] = []
    discounts: list[DiscountView] = []
    groups: list[tuple[int, str]] = []
    currency = await organisation_currency(organisation_id)
    if can_manage:
        plans = await plan_views(
            await Plan.filter(organisation_id=organisation_id, archived_at__isnull=True).order_by(
                "name", "id"
            )
        )
        discounts = [
            discount_view(discount, currency)
            for discount in await Discount.filter(
                organisation_id=organisation_id, archived_at__isnull=True
            ).order_by("name", "id")
        ]
        groups = sorted(
            (int(group_id), str(name))
            for group_id, name in await Enrolment.filter(
                student_id=student_id,
                active_key__isnull=False,
                group__organisation_id=organisation_id,
            ).values_list("group_id", "group__name")
        )
    return SubscriptionsPage(
        student_id=student_id,
        student_name=(await person_names([student_id])).get(student_id, ""),
        archived=bool(student_roles) and all(value is not None for value in student_roles),
        currency=currency,
        balance=await balance(organisation_id, student_id),
        today=await _today(deps, organisation_id),
        subscriptions=tuple(views),
        can_manage=can_manage,
        plans=tuple(plans),
        discounts=tuple(discounts),
        groups=tuple(groups),
    )


# --- selling --------------------------------------------------------------------------------


async def check_student_for_sale(actor: Actor, student_id: int) -> None:
    """The person is an active (not archived) student of the actor's organisation.

    Raises:
        NotFound: nobody of that id in the organisation.
        InvalidInput: the person is here, but not as a student.
        Conflict: the student is archived here.
    """
    check_id(student_id)
    rows = await Membership.filter(
        person_id=student_id, organisation_id=actor.organisation_id
    ).values_list("role", "archived_at")
    if not rows:
        raise NotFound()
    archived = [archived_at for role, archived_at in rows if role == Role.STUDENT]
    if not archived:
        raise InvalidInput(
            N_("Only a student can buy a subscription. Choose a student."), field="student"
        )
    if all(value is not None for value in archived):
        raise Conflict(
            N_(
                "This student is archived, so no subscription can be sold to them. Restore "
                "the student first."
            )
        )


def discounted_price(list_price: int, discount: Discount | None) -> int:
    """The price after ``discount``: a percent of the list price off, or an amount off,
    never below zero."""
    if discount is None:
        return list_price
    if discount.kind == DiscountKind.PERCENT:
        return list_price - percent_of(list_price, int(discount.value))
    return max(0, list_price - int(discount.value))


def _check_near(day: date, today: date, field: str) -> None:
    if abs((day - today).days) > DATE_RANGE_DAYS:
        raise InvalidInput(
            N_("Choose a date within a year from today."),
            field=field,
        )


async def _sale_group(actor: Actor, plan: Plan, group_id: int, student_id: int) -> Group:
    check_id(group_id)
    group = await Group.get_or_none(id=group_id, organisation_id=actor.organisation_id)
    if group is None:
        raise InvalidInput(N_("Choose a group from the list."), field="group_id")
    scopes = (await plan_scopes([plan.id]))[plan.id]
    if not scopes.fit(group.id, group.course_id):  # type: ignore[attr-defined]
        raise InvalidInput(
            N_("The plan “{plan}” is not sold for the group {group}."),
            field="group_id",
            plan=plan.name,
            group=group.name,
        )
    if not await Enrolment.exists(
        group_id=group.id, student_id=student_id, active_key__isnull=False
    ):
        raise InvalidInput(
            N_("The student is not enrolled in the group {group}."),
            field="group_id",
            group=group.name,
        )
    return group


async def sell_subscription(
    deps: Deps,
    actor: Actor,
    *,
    student_id: int,
    plan_id: int,
    group_id: int | None = None,
    discount_id: int | None = None,
    starts_on: date | None = None,
    due_on: date | None = None,
) -> SubscriptionView:
    """Sell a plan to a student: the price after the discount, valid from ``starts_on``
    (default: the organisation's today) for the plan's validity days, to be paid by
    ``due_on`` (default: the start). With ``group_id`` the subscription pays only for that
    group's lessons; without, for every group the plan fits. A start in the past charges the
    held lessons the subscription covers from that day to today at once, by the usual rules
    (the marks, the plan's percents), in the same transaction.

    Raises:
        PermissionDenied: the actor may not sell subscriptions.
        NotFound: no such student, plan or discount here.
        InvalidInput: the person is not a student; a group the plan does not fit or the
            student is not enrolled in; a date more than a year from today; a price after the
            discount that is zero or too small to divide between the lessons.
        Conflict: the student is archived, the plan or the discount is archived, the plan
            is priced in another currency than the organisation's, or a trial plan for a
            student who has had a trial here already.
    """
    await require(actor, Permission.SUBSCRIPTIONS_MANAGE)
    async with transaction(deps) as tx:
        await check_student_for_sale(actor, student_id)
        await lock_account(student_id)
        plan = await access_plan(actor, plan_id)
        if plan.archived_at is not None:
            raise Conflict(
                N_("The plan “{plan}” is archived and can no longer be sold."),
                field="plan_id",
                plan=plan.name,
            )
        currency = await organisation_currency(actor.organisation_id)
        if plan.currency != currency:
            raise Conflict(
                N_(
                    "The plan “{plan}” is priced in {plan_currency}, but the accounts here "
                    "are kept in {currency}, so it cannot be sold. Put a plan priced in "
                    "{currency} on the price list."
                ),
                field="plan_id",
                plan=plan.name,
                plan_currency=plan.currency,
                currency=currency,
            )
        discount = await access_discount(actor, discount_id) if discount_id else None
        if discount is not None and discount.archived_at is not None:
            raise Conflict(
                N_("The discount “{discount}” is archived and can no longer be given."),
                field="discount_id",
                discount=discount.name,
            )
        today = local_today(tx.now, await organisation_zone(actor.organisation_id))
        starts = starts_on or today
        due = due_on or starts
        _check_near(starts, today, "starts_on")
        _check_near(due, today, "due_on")
        group = await _sale_group(actor, plan, group_id, student_id) if group_id else None
        if plan.kind == PlanKind.TRIAL and await Subscription.exists(
            organisation_id=actor.organisation_id, student_id=student_id, plan__kind=PlanKind.TRIAL
        ):
            raise Conflict(
                N_("This student has had a trial lesson here already: a trial is sold once."),
                field="plan_id",
            )
        price = discounted_price(plan.price, discount)
        if price == 0:
            raise InvalidInput(
                N_("After the discount nothing is left to pay: such a subscription is not sold."),
                field="discount_id",
            )
        if plan.billing != Billing.MONTHLY and not divisible(price, plan.lessons):
            raise InvalidInput(
                N_(
                    "After the discount the price is too small to divide between "
                    "{lessons} lessons."
                ),
                field="discount_id",
                lessons=plan.lessons,
            )
        sub = await Subscription.create(
            organisation_id=actor.organisation_id,
            student_id=student_id,
            plan_id=plan.id,
            group_id=group.id if group else None,
            discount_id=discount.id if discount else None,
            list_price=plan.price,
            price=price,
            currency=currency,
            lessons=plan.lessons,
            billing=plan.billing,
            unexcused_percent=plan.unexcused_percent,
            excused_percent=plan.excused_percent,
            starts_on=starts,
            valid_until=starts + timedelta(days=plan.validity_days - 1),
            due_on=due,
            created_at=tx.now,
            created_by_id=actor.person_id,
        )
        charged = await do_charge_past_lessons(tx, sub)
        await do_record(
            tx,
            actor,
            action="subscription.sell",
            object_type="subscription",
            object_id=sub.id,
            after={
                "student_id": student_id,
                "plan_id": plan.id,
                "group_id": sub.group_id,  # type: ignore[attr-defined]
                "discount_id": sub.discount_id,  # type: ignore[attr-defined]
                "list_price": plan.price,
                "price": price,
                "currency": currency,
                "lessons": plan.lessons,
                "starts_on": starts.isoformat(),
                "valid_until": sub.valid_until.isoformat(),
                "due_on": due.isoformat(),
                "lessons_charged_at_sale": charged,
            },
        )
    return await subscription_view(deps, actor, subscription_id=sub.id)


# --- freezing, extending, cancelling --------------------------------------------------------


def _clean_reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if len(reason) > REASON_MAX:
        raise InvalidInput(
            N_("A reason can be at most {limit} characters long."),
            field="reason",
            limit=REASON_MAX,
        )
    return reason


async def _locked(tx: Tx, actor: Actor, subscription_id: int) -> tuple[Subscription, date]:
    """The subscription under its student's account lock, and the organisation's today.

    Raises:
        NotFound: missing, elsewhere, or out of the actor's reach.
    """
    sub = await access_subscription(actor, subscription_id)
    await lock_account(sub.student_id)  # type: ignore[attr-defined]
    sub = await Subscription.get(id=sub.id)
    return sub, local_today(tx.now, await organisation_zone(actor.organisation_id))


def _refuse_cancelled(sub: Subscription) -> None:
    if sub.status == SubscriptionStatus.CANCELLED:
        raise Conflict(N_("This subscription is cancelled."))


async def _revive(sub: Subscription, today: date) -> None:
    """A finished subscription with lessons left is active again once it is valid today."""
    if sub.status != SubscriptionStatus.FINISHED or sub.valid_until < today:
        return
    if sub.billing != Billing.MONTHLY and (await usages([sub]))[sub.id].left == 0:
        return
    sub.status = SubscriptionStatus.ACTIVE


async def freeze_subscription(
    deps: Deps,
    actor: Actor,
    *,
    subscription_id: int,
    starts_on: date,
    ends_on: date,
    reason: str = "",
) -> SubscriptionView:
    """Pause a subscription from ``starts_on`` to ``ends_on`` (local days, both included):
    lessons on those days are not charged and ``valid_until`` moves later by the freeze's
    length.

    Raises:
        PermissionDenied: the actor may not manage subscriptions.
        NotFound: no such subscription in reach.
        InvalidInput: the freeze ends before it starts, is longer than a year, falls outside
            the validity, overlaps another freeze, or the reason is too long.
        Conflict: the subscription is cancelled or billed monthly, or a lesson in the period
            is charged already (its date is named).
    """
    await require(actor, Permission.SUBSCRIPTIONS_MANAGE)
    reason = _clean_reason(reason)
    if ends_on < starts_on:
        raise InvalidInput(
            N_("The freeze must end on or after the day it starts."), field="ends_on"
        )
    days = (ends_on - starts_on).days + 1
    if days > FREEZE_DAYS_MAX:
        raise InvalidInput(
            N_("A freeze can be at most {limit} days long."),
            field="ends_on",
            limit=FREEZE_DAYS_MAX,
        )
    async with transaction(deps) as tx:
        sub, today = await _locked(tx, actor, subscription_id)
        _refuse_cancelled(sub)
        if sub.billing == Billing.MONTHLY:
            raise Conflict(N_("A subscription paid monthly cannot be frozen."))
        if starts_on < sub.starts_on or ends_on > sub.valid_until:
            raise InvalidInput(
                N_("A freeze must fall within the subscription's validity, {first} to {last}."),
                field="starts_on",
                first=format_day(sub.starts_on),
                last=format_day(sub.valid_until),
            )
        other = (
            await SubscriptionFreeze.filter(
                subscription_id=sub.id, starts_on__lte=ends_on, ends_on__gte=starts_on
            )
            .order_by("starts_on")
            .first()
        )
        if other is not None:
            raise InvalidInput(
                N_("This overlaps the freeze from {first} to {last}."),
                field="starts_on",
                first=format_day(other.starts_on),
                last=format_day(other.ends_on),
            )
        await _refuse_charged_days(sub, starts_on, ends_on)
        freeze = await SubscriptionFreeze.create(
            subscription_id=sub.id,
            starts_on=starts_on,
            ends_on=ends_on,
            reason=reason,
            created_at=tx.now,
            created_by_id=actor.person_id,
        )
        before = sub.valid_until
        sub.valid_until = before + timedelta(days=days)
        await _revive(sub, today)
        await sub.save(update_fields=["valid_until", "status"])
        await do_record(
            tx,
            actor,
            action="subscription.freeze",
            object_type="subscription",
            object_id=sub.id,
            before={"valid_until": before.isoformat()},
            after={
                "freeze_id": freeze.id,
                "starts_on": starts_on.isoformat(),
                "ends_on": ends_on.isoformat(),
                "valid_until": sub.valid_until.isoformat(),
                "reason": reason,
            },
        )
    return await subscription_view(deps, actor, subscription_id=sub.id)


async def _refuse_charged_days(sub: Subscription, first: date, last: date) -> None:
    """Refuse a freeze over a lesson this subscription has charged (a freeze means "not
    charged", which would not be true of it)."""
    lesson_ids = [
        charge.lesson_id
        for charge in (await usages([sub]))[sub.id].charges
        if charge.lesson_id is not None
    ]
    if not lesson_ids:
        return
    zone = await organisation_zone(sub.organisation_id)  # type: ignore[attr-defined]
    days: list[date] = sorted(
        moment.astimezone(zone).date()
        for (moment,) in await Lesson.filter(id__in=lesson_ids).values_list("starts_at")
    )
    charged = [day for day in days if first <= day <= last]
    if charged:
        raise Conflict(
            N_(
                "The lesson of {day} is already charged to this subscription, so the freeze "
                "cannot include that day. Start the freeze after it."
            ),
            field="starts_on",
            day=format_day(charged[0]),
        )


async def extend_subscription(
    deps: Deps, actor: Actor, *, subscription_id: int, days: int, reason: str = ""
) -> SubscriptionView:
    """Move ``valid_until`` later by ``days``; a subscription that finished only because its
    validity passed is active again if the new date has not passed.

    Raises:
        PermissionDenied: the actor may not manage subscriptions.
        NotFound: no such subscription in reach.
        InvalidInput: days outside 1 to 366, or the reason is too long.
        Conflict: the subscription is cancelled.
    """
    await require(actor, Permission.SUBSCRIPTIONS_MANAGE)
    reason = _clean_reason(reason)
    if not 1 <= days <= EXTEND_DAYS_MAX:
        raise InvalidInput(
            N_("Extend by a whole number of days from 1 to {limit}."),
            field="days",
            limit=EXTEND_DAYS_MAX,
        )
    async with transaction(deps) as tx:
        sub, today = await _locked(tx, actor, subscription_id)
        _refuse_cancelled(sub)
        before = sub.valid_until
        sub.valid_until = before + timedelta(days=days)
        await _revive(sub, today)
        await sub.save(update_fields=["valid_until", "status"])
        await do_record(
            tx,
            actor,
            action="subscription.extend",
            object_type="subscription",
            object_id=sub.id,
            before={"valid_until": before.isoformat()},
            after={"valid_until": sub.valid_until.isoformat(), "days": days, "reason": reason},
        )
    return await subscription_view(deps, actor, subscription_id=sub.id)


async def cancel_subscription(
    deps: Deps,
    actor: Actor,
    *,
    subscription_id: int,
    refund: int | None = None,
    method: PaymentMethod = PaymentMethod.CASH,
    reason: str = "",
) -> SubscriptionView:
    """Cancel a subscription (no more lessons are charged to it) and pay back ``refund``
    (minor units; default: all that may be refunded, ``refund_limit``: what it has not used,
    within the credit the student's other active subscriptions do not need) as a refund
    entry by ``method``. A refund of 0 cancels without paying back.

    Raises:
        PermissionDenied: the actor may not manage subscriptions.
        NotFound: no such subscription in reach.
        InvalidInput: a negative refund, a refund above what may be refunded (the limit is
            named), a method money is not paid back by, or the reason is too long.
        Conflict: the subscription is cancelled already.
    """
    await require(actor, Permission.SUBSCRIPTIONS_MANAGE)
    reason = _clean_reason(reason)
    if method not in REFUND_METHODS:
        raise InvalidInput(N_("Choose how the money is paid back."), field="method")
    if refund is not None and refund < 0:
        raise InvalidInput(N_("A refund cannot be negative."), field="refund")
    async with transaction(deps) as tx:
        sub, today = await _locked(tx, actor, subscription_id)
        if sub.status == SubscriptionStatus.CANCELLED:
            raise Conflict(N_("This subscription is cancelled already."))
        student_id = sub.student_id  # type: ignore[attr-defined]
        organisation_id = sub.organisation_id  # type: ignore[attr-defined]
        held = await balance(organisation_id, student_id)
        charged = (await usages([sub]))[sub.id].charged
        parts = (await open_parts(organisation_id, [student_id])).get(student_id, [])
        limit = refund_limit(sub, charged=charged, held=held, parts=parts)
        amount = limit if refund is None else refund
        if amount > limit:
            raise InvalidInput(
                N_(
                    "The refund can be at most {limit}: what was paid for this subscription, "
                    "not yet used and not needed by the student's other subscriptions."
                ),
                field="refund",
                limit=Money(limit, sub.currency),
            )
        entry_id = None
        if amount > 0:
            entry = await do_add_entry(
                tx,
                organisation_id=sub.organisation_id,  # type: ignore[attr-defined]
                student_id=student_id,
                kind=EntryKind.REFUND,
                amount=-amount,
                currency=sub.currency,
                occurred_on=today,
                method=method,
                subscription_id=sub.id,
                reason=reason,
                created_by_id=actor.person_id,
            )
            entry_id = entry.id
        before = sub.status
        sub.status = SubscriptionStatus.CANCELLED
        sub.cancelled_at = tx.now
        sub.cancel_reason = reason
        await sub.save(update_fields=["status", "cancelled_at", "cancel_reason"])
        await do_record(
            tx,
            actor,
            action="subscription.cancel",
            object_type="subscription",
            object_id=sub.id,
            before={"status": str(before)},
            after={
                "status": SubscriptionStatus.CANCELLED.value,
                "refund": amount,
                "currency": sub.currency,
                "method": method.value if amount else None,
                "entry_id": entry_id,
                "reason": reason,
            },
        )
    return await subscription_view(deps, actor, subscription_id=sub.id)
