"""The money cabinet ("Balance and payments" in the bot): what a student or a parent sees of
the student's account.

- the **balance** (credit or debt) and the **amount due** with its date, as
  ``core.services.dues`` defines them;
- the **active subscriptions**: lessons left (the lessons sold less the lessons charged, as
  ``core.services.ledger.subscription_uses`` counts them; monthly plans have none, they are
  charged per month) and the date they are valid until, and a freeze in force today;
- the **history**: the newest payments, charges and other entries, a page at a time;
- **exam admission** where the organisation blocks exams for debts;
- **how to pay**: the organisation's instructions, and whether an invoice can be paid right
  in Telegram (a payment provider is configured and something is due).

Who may see it is the ledger's rule (``access_account``): the student, their parents, staff
with ``finance.view``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.actor import Actor
from core.deps import Deps
from core.errors import NotFound
from core.i18n import N_
from core.models.finance import Billing as Billing  # noqa: PLC0414 - for adapters
from core.models.finance import LedgerEntry, Subscription, SubscriptionFreeze, SubscriptionStatus
from core.services.admission import Admission, exam_admission
from core.services.dues import Due, due_of
from core.services.invoices import payments_enabled
from core.services.ledger import (
    EntryView,
    access_account,
    entry_views,
    finance_settings,
    subscription_uses,
)
from core.services.lessons import check_id, local_today, organisation_zone

#: Entries shown at once; "more" shows the next page.
HISTORY_PAGE = 10
#: The furthest a "more" button may page (far beyond any real history).
_MAX_OFFSET = 1_000_000

#: What "How to pay" says when the organisation has written nothing.
DEFAULT_HOW_TO_PAY = N_(
    "Pay at the front desk of your school or learning centre, or ask its administrator for "
    "the payment details."
)


@dataclass(frozen=True)
class SubscriptionLine:
    """An active subscription. ``lessons_left`` is None for monthly billing (``lessons`` is
    then per month); ``frozen_until`` is the last day of a freeze in force today."""

    id: int
    plan_name: str
    group_name: str | None
    billing: Billing
    lessons: int
    lessons_left: int | None
    valid_until: date
    frozen_until: date | None


@dataclass(frozen=True)
class HistoryPage:
    """Entries newest first, from ``offset``; ``more`` when older ones follow."""

    student_id: int
    entries: tuple[EntryView, ...]
    offset: int
    more: bool

    @property
    def next_offset(self) -> int:
        return self.offset + len(self.entries)


@dataclass(frozen=True)
class MoneyCabinet:
    """``how_to_pay`` is the organisation's own text ("" when it wrote none: show
    ``DEFAULT_HOW_TO_PAY``); ``can_pay_in_telegram`` when an invoice for ``due.amount`` can
    be sent."""

    student_id: int
    student_name: str
    currency: str
    due: Due
    subscriptions: tuple[SubscriptionLine, ...]
    history: HistoryPage
    admission: Admission
    how_to_pay: str
    can_pay_in_telegram: bool

    @property
    def balance(self) -> int:
        return self.due.balance


def _whose(actor: Actor, student_id: int | None) -> int:
    """The student asked for, or the actor themselves.

    Raises:
        NotFound: no student given and the actor is not a person, or an impossible id.
    """
    student = actor.person_id if student_id is None else student_id
    if student is None:
        raise NotFound()
    check_id(student)
    return student


async def money_cabinet(
    deps: Deps, actor: Actor, *, student_id: int | None = None
) -> MoneyCabinet:
    """The cabinet of the actor (a student) or of a student the actor may see (a parent
    passes their child's ``student_id``).

    Raises:
        NotFound: no such student in the actor's organisation, or the actor may not see
            their money.
    """
    account = await access_account(actor, _whose(actor, student_id))
    organisation_id, student = account.organisation_id, account.student_id
    due = await due_of(organisation_id, student)
    settings = await finance_settings(organisation_id)
    today = local_today(deps.clock.now(), await organisation_zone(organisation_id))
    return MoneyCabinet(
        student_id=student,
        student_name=account.student_name,
        currency=account.currency,
        due=due,
        subscriptions=await _subscriptions(organisation_id, student, today),
        history=await _history(organisation_id, student, offset=0, limit=HISTORY_PAGE),
        admission=await exam_admission(organisation_id, student),
        how_to_pay=settings.how_to_pay.strip(),
        can_pay_in_telegram=payments_enabled(deps.settings) and due.amount > 0,
    )


async def money_history(
    actor: Actor, *, student_id: int, offset: int = 0, limit: int = HISTORY_PAGE
) -> HistoryPage:
    """A page of the student's entries, newest first (by business date, then by order of
    recording).

    Raises:
        NotFound: the actor may not see the student's money, or ``offset`` is impossible.
    """
    if not 0 <= offset <= _MAX_OFFSET or not 1 <= limit <= 100:
        raise NotFound()
    account = await access_account(actor, _whose(actor, student_id))
    return await _history(account.organisation_id, account.student_id, offset=offset, limit=limit)


async def payment_instructions(actor: Actor, *, student_id: int) -> str:
    """How to pay into the student's account: the organisation's text ("" when it wrote
    none).

    Raises:
        NotFound: the actor may not see the student's money.
    """
    account = await access_account(actor, _whose(actor, student_id))
    return (await finance_settings(account.organisation_id)).how_to_pay.strip()


async def _history(
    organisation_id: int, student_id: int, *, offset: int, limit: int
) -> HistoryPage:
    rows = (
        await LedgerEntry.filter(organisation_id=organisation_id, student_id=student_id)
        .order_by("-occurred_on", "-id")
        .offset(offset)
        .limit(limit + 1)
    )
    views = await entry_views(rows[:limit])
    return HistoryPage(
        student_id=student_id, entries=tuple(views), offset=offset, more=len(rows) > limit
    )


async def _subscriptions(
    organisation_id: int, student_id: int, today: date
) -> tuple[SubscriptionLine, ...]:
    rows = (
        await Subscription.filter(
            organisation_id=organisation_id,
            student_id=student_id,
            status=SubscriptionStatus.ACTIVE,
        )
        .order_by("valid_until", "id")
        .values("id", "plan__name", "group__name", "billing", "lessons", "valid_until")
    )
    ids = [row["id"] for row in rows]
    uses = await subscription_uses(ids)
    frozen: dict[int, date] = {}
    for subscription_id, ends_on in await SubscriptionFreeze.filter(
        subscription_id__in=ids, starts_on__lte=today, ends_on__gte=today
    ).values_list("subscription_id", "ends_on"):
        frozen[subscription_id] = max(ends_on, frozen.get(subscription_id, ends_on))
    lines = []
    for row in rows:
        billing = Billing(row["billing"])
        left = (
            None
            if billing == Billing.MONTHLY
            else max(0, row["lessons"] - uses[row["id"]].lessons_charged)
        )
        lines.append(
            SubscriptionLine(
                id=row["id"],
                plan_name=row["plan__name"],
                group_name=row["group__name"],
                billing=billing,
                lessons=row["lessons"],
                lessons_left=left,
                valid_until=row["valid_until"],
                frozen_until=frozen.get(row["id"]),
            )
        )
    return tuple(lines)
