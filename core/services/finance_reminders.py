"""What the scheduler tells students and parents about money: a payment due soon, a
subscription running out, a payment overdue.

``tick`` runs every 15 minutes (``sabaq/scheduler.py``, the "money" job) and, like
``core.services.reminders.tick``, keeps no state of its own: each tick reads what is due
*now* and queues it in the outbox under a dedupe key, so a repeated tick (a restart, a second
scheduler that lost the leader lock) queues nothing new, and the first tick after downtime
queues what fell due meanwhile. Messages go out only while the organisation's local time is
between ``SEND_FROM_HOUR`` and ``SEND_UNTIL_HOUR``; what falls due at night waits for the
morning. Within those hours an organisation is looked at once an hour, by the tick in the
first ``LOOK_MINUTES`` of the local hour: these reminders are by the day, and each look
costs a pass over all the organisation's students (the way the lesson digest is looked for
every quarter hour rather than every minute). A tick missed by downtime is made up by the
next hour's.

"Amount due" and its date are ``core.services.dues`` (one definition for the bot, invoices,
reports and these reminders). For each student of an organisation:

- **payment due soon**, key ``money:due:<org>:<student>:<person>:<due_on>:<n>``: for each
  ``n`` of the organisation's reminder days (default 3 and 1), once the due date is ``n``
  days away or less — the smallest such ``n`` counts, so a subscription sold the day before
  its due date gets the one-day reminder only, and a tick missed on the third day before
  still reminds on the second. A new due date (the next month) reminds again.
- **subscription running out**, key ``money:low:<subscription>:<person>``: an active
  subscription plan billed per lesson (attended or held), still valid, that has charged at
  least one lesson and has no more lessons left than the organisation's threshold (lessons
  left = its lessons − the charges that stand, ``ledger.subscription_uses``). Once per
  subscription: single lessons and trials are not "running out", and a two-lesson
  subscription is not reminded about the day it is sold.
- **payment overdue**, key ``money:overdue:<org>:<student>:<person>:<local date>``: an amount
  is due and its date has passed — a debt is due since its oldest unpaid charge was
  (``Due.debt_since``), so an unpaid month is overdue from the next day. Told when it
  becomes overdue and then at most once every ``OVERDUE_EVERY_DAYS`` days: a tick first looks
  for the keys of the last seven local dates, so the outbox itself remembers when the person
  was last told, whatever happens to the due date in between (a partial payment, a new
  subscription).

Recipients are the student and the student's parents, each only with a linked Telegram
account (the outbox has no other channel) and an active membership in the organisation or an
ancestor; a student whose memberships are all archived is told nothing, nor are their parents.
A parent hears about each child separately, by name.

Amounts are written in the recipient's language when queued (the outbox fills named
parameters in at delivery and cannot format money): the language is picked exactly as the
outbox picks it — the person's choice, the organisation's default, ours.

Cost: for each organisation looked at that has money on record, a fixed number of
queries whatever the number of students (``IN`` lists in slices of ``_CHUNK``): the settings,
``dues`` for all students at once, the per-lesson subscriptions with their charges counted
in the database (exact uses only for those near their end), then parents, accounts,
memberships and names of only the students with something to tell. Measured on SQLite with
10,000 students, 10,000 active subscriptions and about a million ledger entries: a look that
finds nothing new takes about 2.5 s, half of it ``dues``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from typing import TypeVar
from zoneinfo import ZoneInfo

from tortoise.functions import Count

from core.config import Language
from core.deps import Deps
from core.i18n import N_, pick_language
from core.models.finance import (
    Billing,
    EntryKind,
    LedgerEntry,
    PlanKind,
    Subscription,
    SubscriptionStatus,
)
from core.models.notifications import OutboxMessage
from core.models.org import Organisation
from core.models.people import Account, Membership, ParentLink
from core.money import Money, format_money
from core.services.dues import Due, dues
from core.services.ledger import FinanceSettingsData, finance_settings, subscription_uses
from core.services.lessons import format_day, person_names
from core.services.outbox import do_enqueue
from core.tx import transaction

#: Money reminders are queued only between these local hours (from included, until not).
SEND_FROM_HOUR = 10
SEND_UNTIL_HOUR = 20
#: An organisation is looked at by the tick in the first minutes of each local hour (the job
#: runs every 15 minutes, so exactly one tick an hour falls in them).
LOOK_MINUTES = 15
#: An overdue payment is reminded about at most once in this many days.
OVERDUE_EVERY_DAYS = 7
_CHUNK = 500
_QUEUE_BATCH = 100
_T = TypeVar("_T")

DUE_STUDENT = N_("Reminder: please pay {amount} by {date}.")
DUE_PARENT = N_("Reminder: please pay {amount} for {child} by {date}.")
DUE_STUDENT_HOW = N_("Reminder: please pay {amount} by {date}.\n\nHow to pay: {how_to_pay}")
DUE_PARENT_HOW = N_(
    "Reminder: please pay {amount} for {child} by {date}.\n\nHow to pay: {how_to_pay}"
)
RUNNING_OUT_STUDENT = N_(
    "Your subscription “{plan}” is running out. Lessons left: {left}. Valid until {date}."
)
RUNNING_OUT_PARENT = N_(
    "The subscription “{plan}” of {child} is running out. Lessons left: {left}. "
    "Valid until {date}."
)
OVERDUE_STUDENT = N_("Your payment is overdue. Please pay {amount} as soon as you can.")
OVERDUE_PARENT = N_("The payment for {child} is overdue. Please pay {amount} as soon as you can.")
OVERDUE_STUDENT_HOW = N_(
    "Your payment is overdue. Please pay {amount} as soon as you can.\n\nHow to pay: {how_to_pay}"
)
OVERDUE_PARENT_HOW = N_(
    "The payment for {child} is overdue. Please pay {amount} as soon as you can.\n\n"
    "How to pay: {how_to_pay}"
)


@dataclass(frozen=True)
class FinanceTickReport:
    """What one tick looked at and queued (duplicates of earlier ticks are not counted)."""

    organisations: int = 0
    due: int = 0
    running_out: int = 0
    overdue: int = 0

    def __add__(self, other: FinanceTickReport) -> FinanceTickReport:
        return FinanceTickReport(
            organisations=self.organisations + other.organisations,
            due=self.due + other.due,
            running_out=self.running_out + other.running_out,
            overdue=self.overdue + other.overdue,
        )


class _Kind(Enum):
    DUE = "due"
    RUNNING_OUT = "running_out"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class _Organisation:
    id: int
    parent_id: int | None
    timezone: str
    language: str | None


@dataclass(frozen=True)
class _Message:
    kind: _Kind
    key: str
    person_id: int
    message: str
    params: dict[str, object]
    #: Keys that, when any is in the outbox already, make this message unnecessary.
    told_if: tuple[str, ...]


@dataclass(frozen=True)
class _Low:
    """A subscription that is running out."""

    id: int
    student_id: int
    plan: str
    left: int
    valid_until: date


def _chunks(items: Sequence[_T], size: int = _CHUNK) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def looking_time(moment: datetime, timezone: str) -> bool:
    """Whether a tick at ``moment`` looks for money reminders in an organisation of
    ``timezone``: in the sending hours, in the first ``LOOK_MINUTES`` of the hour."""
    local = moment.astimezone(ZoneInfo(timezone))
    return SEND_FROM_HOUR <= local.hour < SEND_UNTIL_HOUR and local.minute < LOOK_MINUTES


async def tick(deps: Deps, *, now: datetime | None = None) -> FinanceTickReport:
    """Queue every money reminder that is due at ``now`` (default: the clock's) and was not
    queued before; safe to call again at any time.

    Raises:
        tortoise.exceptions.OperationalError: the database is unreachable (the scheduler
            logs it; what was queued stays queued and the next tick queues the rest).
    """
    moment = (now or deps.clock.now()).astimezone(UTC)
    organisations = {
        int(row["id"]): _Organisation(
            id=int(row["id"]),
            parent_id=row["parent_id"],
            timezone=row["timezone"],
            language=row["default_language"],
        )
        for row in await Organisation.all().values(
            "id", "parent_id", "timezone", "default_language"
        )
    }
    report = FinanceTickReport()
    for organisation in organisations.values():
        if not looking_time(moment, organisation.timezone):
            continue
        if not await _has_money(organisation.id):
            continue
        world = _World(deps, organisations, organisation)
        report += await _organisation_tick(world, moment)
    return report


async def _has_money(organisation_id: int) -> bool:
    """Whether anything could be owed here (most organisations of a tree have no money)."""
    return (
        await Subscription.filter(
            organisation_id=organisation_id, status=SubscriptionStatus.ACTIVE
        ).exists()
        or await LedgerEntry.filter(organisation_id=organisation_id).exists()
    )


class _World:
    """One organisation and who among the people looked at can be told, in which language."""

    def __init__(
        self,
        deps: Deps,
        organisations: dict[int, _Organisation],
        organisation: _Organisation,
    ) -> None:
        self.deps = deps
        self.organisation = organisation
        lineage: list[int] = []
        current: int | None = organisation.id
        while current is not None and current not in lineage and current in organisations:
            lineage.append(current)
            current = organisations[current].parent_id
        self.lineage = frozenset(lineage)
        #: Linked people and their own language choice (None: not chosen).
        self.languages: dict[int, str | None] = {}
        self.active_people: set[int] = set()
        self.parents: dict[int, list[int]] = {}

    def reachable(self, person_id: int) -> bool:
        return person_id in self.languages and person_id in self.active_people

    def language(self, person_id: int) -> Language:
        """As the outbox renders: the person's choice, the organisation's default, ours."""
        return pick_language(
            self.languages.get(person_id),
            self.organisation.language,
            default=self.deps.settings.default_language,
        )

    def recipients(self, student_id: int) -> list[tuple[int, int | None]]:
        """(person, child) pairs told about a student: the student (child None) and their
        parents (child: the student)."""
        if student_id not in self.active_people:
            return []
        found: list[tuple[int, int | None]] = []
        if self.reachable(student_id):
            found.append((student_id, None))
        found.extend(
            (parent, student_id)
            for parent in self.parents.get(student_id, [])
            if self.reachable(parent)
        )
        return found

    async def learn(self, student_ids: Iterable[int]) -> None:
        """Load the parents, accounts and memberships of these students and their parents."""
        students = sorted(set(student_ids))
        parents: dict[int, list[int]] = defaultdict(list)
        for chunk in _chunks(students):
            for parent_id, child_id in await ParentLink.filter(child_id__in=chunk).values_list(
                "parent_id", "child_id"
            ):
                parents[int(child_id)].append(int(parent_id))
        self.parents = dict(parents)
        people = sorted({*students, *(p for ids in parents.values() for p in ids)})
        for chunk in _chunks(people):
            for person_id, language in await Account.filter(
                person_id__in=chunk, telegram_user_id__isnull=False
            ).values_list("person_id", "language"):
                self.languages[int(person_id)] = language
            for person_id, org_id in await Membership.filter(
                person_id__in=chunk, archived_at__isnull=True
            ).values_list("person_id", "organisation_id"):
                if org_id in self.lineage:
                    self.active_people.add(int(person_id))


async def _organisation_tick(world: _World, now: datetime) -> FinanceTickReport:
    org_id = world.organisation.id
    today = now.astimezone(ZoneInfo(world.organisation.timezone)).date()
    settings = await finance_settings(org_id)
    owed = [due for due in (await dues(org_id)).values() if due.owes]
    due_soon: list[tuple[Due, date, int]] = []
    overdue: list[Due] = []
    for due in owed:
        if due.due_on is None or due.due_on < today:
            overdue.append(due)
            continue
        days_left = (due.due_on - today).days
        applicable = [n for n in settings.due_reminder_days if n >= days_left]
        if days_left >= 1 and applicable:
            due_soon.append((due, due.due_on, min(applicable)))
    low = await _running_out(org_id, today, settings.running_out_lessons)
    students = {due.student_id for due, _, _ in due_soon} | {due.student_id for due in overdue}
    students |= {sub.student_id for sub in low}
    if not students:
        return FinanceTickReport(organisations=1)
    await world.learn(students)
    children = await person_names(
        student for student in students for _, child in world.recipients(student) if child
    )
    messages: list[_Message] = []
    for due, due_on, days in due_soon:
        messages.extend(_due(world, settings, due, children, due_on=due_on, days=days))
    for sub in low:
        messages.extend(_low(world, sub, children))
    for due in overdue:
        messages.extend(_overdue(world, settings, due, today, children))
    told = await _existing(key for message in messages for key in message.told_if)
    fresh = [message for message in messages if not told.intersection(message.told_if)]
    queued = await _queue(world, fresh)
    return FinanceTickReport(
        organisations=1,
        due=queued[_Kind.DUE],
        running_out=queued[_Kind.RUNNING_OUT],
        overdue=queued[_Kind.OVERDUE],
    )


async def _running_out(org_id: int, today: date, threshold: int) -> list[_Low]:
    rows = await Subscription.filter(
        organisation_id=org_id,
        status=SubscriptionStatus.ACTIVE,
        billing__in=(Billing.ATTENDED, Billing.HELD),
        plan__kind=PlanKind.SUBSCRIPTION,
        valid_until__gte=today,
    ).values_list("id", "student_id", "lessons", "plan__name", "valid_until")
    # Only subscriptions with enough charges can be running out (a reversal takes a charge
    # back, never adds one): counted in the database, so the exact uses (every charge and
    # reversal, ``subscription_uses``) are read for those few rather than for all.
    need = {int(sub_id): max(0, lessons - threshold) for sub_id, _, lessons, _, _ in rows}
    candidates = await _charged_at_least(need)
    rows = [row for row in rows if row[0] in candidates]
    uses = await subscription_uses(int(row[0]) for row in rows)
    low: list[_Low] = []
    for sub_id, student_id, lessons, plan, valid_until in rows:
        charged = uses[sub_id].lessons_charged
        left = max(0, lessons - charged)
        if charged > 0 and left <= threshold:
            low.append(_Low(int(sub_id), int(student_id), str(plan), left, valid_until))
    return low


async def _charged_at_least(need: dict[int, int]) -> set[int]:
    """The subscriptions with at least ``need[subscription]`` charge entries."""
    found: set[int] = set()
    for chunk in _chunks(sorted(need)):
        rows = (
            await LedgerEntry.filter(subscription_id__in=chunk, kind=EntryKind.CHARGE)
            .annotate(charges=Count("id"))
            .group_by("subscription_id")
            .values_list("subscription_id", "charges")
        )
        found.update(int(sub_id) for sub_id, charges in rows if int(charges) >= need[sub_id])
    found.update(sub_id for sub_id, needed in need.items() if needed <= 0)
    return found


def _money_params(
    world: _World, person_id: int, due: Due, settings: FinanceSettingsData
) -> dict[str, object]:
    params: dict[str, object] = {
        "amount": format_money(Money(due.amount, due.currency), world.language(person_id))
    }
    if settings.how_to_pay:
        params["how_to_pay"] = settings.how_to_pay
    return params


def _due(
    world: _World,
    settings: FinanceSettingsData,
    due: Due,
    children: dict[int, str],
    *,
    due_on: date,
    days: int,
) -> Iterator[_Message]:
    org_id = world.organisation.id
    how = bool(settings.how_to_pay)
    for person_id, child in world.recipients(due.student_id):
        params = _money_params(world, person_id, due, settings)
        params["date"] = format_day(due_on)
        if child is None:
            message = DUE_STUDENT_HOW if how else DUE_STUDENT
        else:
            message = DUE_PARENT_HOW if how else DUE_PARENT
            params["child"] = children.get(child, "")
        key = f"money:due:{org_id}:{due.student_id}:{person_id}:{due_on.isoformat()}:{days}"
        yield _Message(_Kind.DUE, key, person_id, message, params, (key,))


def _low(world: _World, sub: _Low, children: dict[int, str]) -> Iterator[_Message]:
    for person_id, child in world.recipients(sub.student_id):
        params: dict[str, object] = {
            "plan": sub.plan,
            "left": sub.left,
            "date": format_day(sub.valid_until),
        }
        message = RUNNING_OUT_STUDENT
        if child is not None:
            message = RUNNING_OUT_PARENT
            params["child"] = children.get(child, "")
        key = f"money:low:{sub.id}:{person_id}"
        yield _Message(_Kind.RUNNING_OUT, key, person_id, message, params, (key,))


def _overdue_key(org_id: int, student_id: int, person_id: int, day: date) -> str:
    return f"money:overdue:{org_id}:{student_id}:{person_id}:{day.isoformat()}"


def _overdue(
    world: _World,
    settings: FinanceSettingsData,
    due: Due,
    today: date,
    children: dict[int, str],
) -> Iterator[_Message]:
    org_id = world.organisation.id
    how = bool(settings.how_to_pay)
    for person_id, child in world.recipients(due.student_id):
        params = _money_params(world, person_id, due, settings)
        if child is None:
            message = OVERDUE_STUDENT_HOW if how else OVERDUE_STUDENT
        else:
            message = OVERDUE_PARENT_HOW if how else OVERDUE_PARENT
            params["child"] = children.get(child, "")
        key = _overdue_key(org_id, due.student_id, person_id, today)
        # Told on any of the last OVERDUE_EVERY_DAYS local dates (today included): not again.
        recent = tuple(
            _overdue_key(org_id, due.student_id, person_id, today - timedelta(days=back))
            for back in range(OVERDUE_EVERY_DAYS)
        )
        yield _Message(_Kind.OVERDUE, key, person_id, message, params, recent)


async def _existing(keys: Iterable[str]) -> set[str]:
    """The keys some outbox message carries already."""
    wanted = sorted(set(keys))
    found: set[str] = set()
    for chunk in _chunks(wanted):
        found.update(
            await OutboxMessage.filter(dedupe_key__in=chunk).values_list("dedupe_key", flat=True)  # type: ignore[arg-type]
        )
    return found


async def _queue(world: _World, messages: Sequence[_Message]) -> dict[_Kind, int]:
    """Queue the messages, ``_QUEUE_BATCH`` to a transaction (each stands alone, its key
    makes it idempotent); how many of each kind were new."""
    queued: dict[_Kind, int] = dict.fromkeys(_Kind, 0)
    for batch in _chunks(messages, _QUEUE_BATCH):
        async with transaction(world.deps) as tx:
            for message in batch:
                outbox_id = await do_enqueue(
                    tx,
                    person_id=message.person_id,
                    message=message.message,
                    params=message.params,
                    organisation_id=world.organisation.id,
                    dedupe_key=message.key,
                )
                queued[message.kind] += outbox_id is not None
    return queued
