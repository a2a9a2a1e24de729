"""Turning lessons into charges: what a held lesson and its marks cost each student.

A lesson is charged to the student's subscription that covers it: one for the lesson's group,
or one without a group whose plan fits the lesson's group or course; valid on the lesson's
local day (``starts_on`` ≤ day ≤ ``valid_until``), not frozen that day, not cancelled, with a
lesson left; the earliest one first. Only students who study in the organisation (an active
student membership, ``dues.studying``) are charged, per lesson or monthly: archiving a
student stops their subscriptions (and payments from them are refused); what they owe is the
debt they had. What it costs follows the subscription's billing:

- ``attended``: present or late — the whole next lesson part; absent — ``unexcused_percent``
  of it; excused — ``excused_percent``; no mark — nothing;
- ``held``: the same, but a student enrolled on that day without a mark counts as present;
- ``monthly``: not per lesson: ``tick`` charges the price on each monthly date.

The parts are ``core.money.split(price, lessons)``: the k-th lesson slot costs the k-th part
(40 000 ₸ / 15 → fourteen of 2 666.67 ₸ and one of 2 666.62 ₸). A charge takes the lowest
free slot and records it in its reason (``"3/15"``, ``"3/15 · 50%"``), so a reversed charge
frees exactly its slot and the charges of a used-up subscription always add up to its price.
A result of 0 charges nothing and uses no lesson. When a mark is corrected and the amount
changes, the standing charge is reversed and the lesson charged anew.

**Once per attendance, by the database.** A lesson charge's ``charge_key`` is
``lesson:<lesson>:student:<student>:<n>`` (``n`` = 1 + the charges of that lesson and student
so far, reversed ones included) and is unique. Every write holds the student's account lock
(``lock_account``), so charges of one student run one at a time; should another writer slip
past it, the unique key refuses the second charge and that attempt is rolled back to its
savepoint as "already charged".

Charges run after the attendance commits, from the ``LessonHeld`` and ``AttendanceChanged``
events (``subscribe``), each lesson in its own transaction; ``tick`` (the scheduler's sweep)
catches up what a failed subscriber missed, makes the monthly charges and finishes
subscriptions whose validity has passed. A sale that starts in the past charges the held
lessons it covers before it (``do_charge_past_lessons``, in the sale's transaction), so it
behaves like a sale made on time, as a monthly one does with its past months. Automatic
charges are not audited one by one: the ledger entry itself says what, when and why.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core.deps import Deps
from core.events import AttendanceChanged, LessonHeld
from core.models.academics import Enrolment, Group
from core.models.finance import (
    Billing,
    EntryKind,
    LedgerEntry,
    Subscription,
    SubscriptionFreeze,
    SubscriptionStatus,
)
from core.models.lessons import Attendance, AttendanceStatus, Lesson, LessonStatus
from core.models.org import Organisation
from core.money import percent_of, split
from core.services.dues import monthly_dates, studying
from core.services.ledger import do_add_entry, do_reverse_entry, lock_account
from core.services.lessons import enrolment_covers, local_days, local_today
from core.services.prices import Scopes, plan_scopes
from core.tx import Tx, transaction

#: How far back ``tick`` looks for held lessons and monthly dates left uncharged.
CATCH_UP_DAYS = 7
PER_LESSON = (Billing.ATTENDED, Billing.HELD)
_CHUNK = 500
_SLOT = re.compile(r"^(\d+)/(\d+)")


# --- lesson slots ---------------------------------------------------------------------------


def slot_reason(slot: int, lessons: int, percent: int) -> str:
    """A lesson charge's reason: its slot of the subscription (``"3/15"``) and the percent
    charged when not the whole part (``"3/15 · 50%"``); language-neutral on purpose."""
    text = f"{slot + 1}/{lessons}"
    return text if percent == 100 else f"{text} · {percent}%"


@dataclass(frozen=True)
class StandingCharge:
    """A lesson (or month) charge of a subscription that no reversal cancelled. ``amount`` is
    what it costs the student (positive)."""

    id: int
    subscription_id: int
    student_id: int
    lesson_id: int | None
    amount: int
    occurred_on: date
    slot: int


@dataclass
class Usage:
    """A subscription's standing charges and the lesson slots they hold."""

    lessons: int
    price: int
    charges: list[StandingCharge] = field(default_factory=list)

    @property
    def charged(self) -> int:
        return sum(charge.amount for charge in self.charges)

    @property
    def used(self) -> int:
        return len(self.charges)

    @property
    def left(self) -> int:
        return max(0, self.lessons - self.used)

    def free_slot(self) -> int | None:
        taken = {charge.slot for charge in self.charges}
        return next((slot for slot in range(self.lessons) if slot not in taken), None)

    def part(self, slot: int) -> int:
        return split(self.price, self.lessons)[slot]


async def usages(subscriptions: Iterable[Subscription]) -> dict[int, Usage]:
    """``Usage`` of each subscription (two queries whatever their number).

    A charge whose reason names no valid free slot (written by hand, say) takes the lowest
    free slot, so the slots stay a set however the ledger was written."""
    subs = {sub.id: sub for sub in subscriptions}
    result = {sub.id: Usage(lessons=sub.lessons, price=sub.price) for sub in subs.values()}
    ids = sorted(subs)
    rows: list[dict[str, object]] = []
    reversed_ids: set[int] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        rows += await LedgerEntry.filter(subscription_id__in=chunk, kind=EntryKind.CHARGE).values(
            "id", "subscription_id", "student_id", "lesson_id", "amount", "occurred_on", "reason"
        )
        reversed_ids.update(
            int(value)
            for (value,) in await LedgerEntry.filter(
                subscription_id__in=chunk, kind=EntryKind.REVERSAL
            ).values_list("reverses_id")
            if value is not None
        )
    unplaced: list[dict[str, object]] = []
    for row in sorted(rows, key=lambda row: int(row["id"])):  # type: ignore[call-overload]
        if row["id"] in reversed_ids:
            continue
        usage = result[int(row["subscription_id"])]  # type: ignore[call-overload]
        match = _SLOT.match(str(row["reason"]))
        slot = int(match.group(1)) - 1 if match else -1
        if 0 <= slot < usage.lessons and slot not in {charge.slot for charge in usage.charges}:
            usage.charges.append(_standing(row, slot))
        else:
            unplaced.append(row)
    for row in unplaced:
        usage = result[int(row["subscription_id"])]  # type: ignore[call-overload]
        free = usage.free_slot()
        usage.charges.append(_standing(row, usage.lessons + usage.used if free is None else free))
    return result


def _standing(row: Mapping[str, object], slot: int) -> StandingCharge:
    return StandingCharge(
        id=int(row["id"]),  # type: ignore[call-overload]
        subscription_id=int(row["subscription_id"]),  # type: ignore[call-overload]
        student_id=int(row["student_id"]),  # type: ignore[call-overload]
        lesson_id=row["lesson_id"],  # type: ignore[arg-type]
        amount=-int(row["amount"]),  # type: ignore[call-overload]
        occurred_on=row["occurred_on"],  # type: ignore[arg-type]
        slot=slot,
    )


# --- what a lesson costs --------------------------------------------------------------------


def percent_for(sub: Subscription, status: AttendanceStatus | None, *, enrolled: bool) -> int:
    """The percent of a lesson part a mark costs under ``sub``'s rules."""
    if status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE):
        return 100
    if status == AttendanceStatus.ABSENT:
        return sub.unexcused_percent
    if status == AttendanceStatus.EXCUSED:
        return sub.excused_percent
    return 100 if sub.billing == Billing.HELD and enrolled else 0


def frozen_on(freezes: Iterable[tuple[date, date]], day: date) -> bool:
    return any(first <= day <= last for first, last in freezes)


@dataclass(frozen=True)
class _Lesson:
    id: int
    organisation_id: int
    group_id: int
    course_id: int
    day: date
    held: bool


@dataclass
class _Book:
    """What deciding charges needs about some students' subscriptions."""

    subscriptions: dict[int, list[Subscription]]
    scopes: dict[int, Scopes]
    freezes: dict[int, list[tuple[date, date]]]

    def covering(self, student_id: int, lesson: _Lesson) -> list[Subscription]:
        """The student's subscriptions that may be charged for the lesson, earliest first
        (lessons left are the caller's to check)."""
        found = []
        for sub in self.subscriptions.get(student_id, []):
            group_id = sub.group_id  # type: ignore[attr-defined]
            fits = (
                group_id == lesson.group_id
                if group_id is not None
                else self.scopes[sub.plan_id].fit(lesson.group_id, lesson.course_id)  # type: ignore[attr-defined]
            )
            if (
                fits
                and sub.organisation_id == lesson.organisation_id  # type: ignore[attr-defined]
                and sub.starts_on <= lesson.day <= sub.valid_until
                and not frozen_on(self.freezes.get(sub.id, []), lesson.day)
            ):
                found.append(sub)
        return found


async def _book(
    organisation_ids: Iterable[int], student_ids: Iterable[int], first: date, last: date
) -> _Book:
    """Per-lesson subscriptions (not cancelled) of the students valid on some day between
    ``first`` and ``last``, with their plans' scopes and their freezes; only those of students
    who study in the subscription's organisation."""
    students = sorted(set(student_ids))
    organisations = sorted(set(organisation_ids))
    subs: list[Subscription] = []
    for start in range(0, len(students), _CHUNK):
        subs += await Subscription.filter(
            organisation_id__in=organisations,
            student_id__in=students[start : start + _CHUNK],
            billing__in=PER_LESSON,
            starts_on__lte=last,
            valid_until__gte=first,
        ).exclude(status=SubscriptionStatus.CANCELLED)
    subs = await _of_students(subs)
    subs.sort(key=lambda sub: (sub.starts_on, sub.id))
    by_student: dict[int, list[Subscription]] = defaultdict(list)
    for sub in subs:
        by_student[sub.student_id].append(sub)  # type: ignore[attr-defined]
    freezes: dict[int, list[tuple[date, date]]] = defaultdict(list)
    ids = [sub.id for sub in subs]
    for start in range(0, len(ids), _CHUNK):
        for sub_id, first_day, last_day in await SubscriptionFreeze.filter(
            subscription_id__in=ids[start : start + _CHUNK]
        ).values_list("subscription_id", "starts_on", "ends_on"):
            freezes[int(sub_id)].append((first_day, last_day))
    return _Book(
        subscriptions=dict(by_student),
        scopes=await plan_scopes(sub.plan_id for sub in subs),  # type: ignore[attr-defined]
        freezes=dict(freezes),
    )


async def _of_students(subs: list[Subscription]) -> list[Subscription]:
    """The subscriptions whose student studies in the subscription's organisation."""
    by_organisation: dict[int, set[int]] = defaultdict(set)
    for sub in subs:
        by_organisation[sub.organisation_id].add(sub.student_id)  # type: ignore[attr-defined]
    present = {
        organisation_id: await studying(organisation_id, students)
        for organisation_id, students in by_organisation.items()
    }
    return [sub for sub in subs if sub.student_id in present[sub.organisation_id]]  # type: ignore[attr-defined]


async def _zones(organisation_ids: Iterable[int]) -> dict[int, ZoneInfo]:
    rows = await Organisation.filter(id__in=list(set(organisation_ids))).values_list(
        "id", "timezone"
    )
    return {int(org_id): ZoneInfo(str(zone)) for org_id, zone in rows}


# --- charging one lesson --------------------------------------------------------------------


@dataclass(frozen=True)
class LessonCharges:
    """What settling a lesson did: charges written and charges reversed."""

    charged: int = 0
    reversed: int = 0


async def charge_lesson(
    deps: Deps, *, lesson_id: int, student_ids: Iterable[int] | None = None
) -> LessonCharges:
    """Bring the lesson's charges in line with its marks, for ``student_ids`` (default: its
    marked students and those enrolled on its day), in one transaction. Safe to repeat: a
    lesson already charged right changes nothing. Trusted (no permission check): the
    subscribers and the scheduler call it.

    Raises:
        tortoise.exceptions.OperationalError: the database failed (nothing is written; the
            scheduler's ``tick`` tries again).
    """
    async with transaction(deps) as tx:
        return await do_charge_lesson(tx, lesson_id=lesson_id, student_ids=student_ids)


async def do_charge_lesson(
    tx: Tx, *, lesson_id: int, student_ids: Iterable[int] | None = None
) -> LessonCharges:
    """``charge_lesson`` inside the caller's transaction (which it holds the students'
    account locks in, sorted by id).

    Raises:
        tortoise.exceptions.OperationalError: the database failed.
    """
    row = await Lesson.get_or_none(id=lesson_id)
    if row is None:
        return LessonCharges()
    group = await Group.get(id=row.group_id)  # type: ignore[attr-defined]
    zone = (await _zones([row.organisation_id]))[row.organisation_id]  # type: ignore[attr-defined]
    lesson = _Lesson(
        id=row.id,
        organisation_id=row.organisation_id,  # type: ignore[attr-defined]
        group_id=group.id,
        course_id=group.course_id,  # type: ignore[attr-defined]
        day=row.starts_at.astimezone(zone).date(),
        held=row.status == LessonStatus.HELD and row.held_at is not None,
    )
    marks: dict[int, AttendanceStatus] = {
        int(student): AttendanceStatus(status)
        for student, status in await Attendance.filter(lesson_id=lesson.id).values_list(
            "student_id", "status"
        )
    }
    enrolled = {
        int(student)
        for student, starts_on, ends_on in await Enrolment.filter(
            group_id=lesson.group_id
        ).values_list("student_id", "starts_on", "ends_on")
        if enrolment_covers(starts_on, ends_on, lesson.day)
    }
    students = set(marks) | enrolled if student_ids is None else set(student_ids)
    if not students:
        return LessonCharges()
    # Who could need a write at all (read without locks; the lock below re-reads).
    charged_before = {
        int(student)
        for (student,) in await LedgerEntry.filter(
            lesson_id=lesson.id, student_id__in=list(students), kind=EntryKind.CHARGE
        ).values_list("student_id")
    }
    book = await _book([lesson.organisation_id], students, lesson.day, lesson.day)
    relevant = sorted(
        student
        for student in students
        if student in charged_before or (lesson.held and book.covering(student, lesson))
    )
    if not relevant:
        return LessonCharges()
    for student in relevant:  # one order for every writer: no deadlocks
        await lock_account(student)
    # The lesson's charges first, then the subscriptions' usage: every charge seen here is
    # then seen there too, even by a reader that did not take the locks.
    entries: dict[int, list[LedgerEntry]] = defaultdict(list)
    for entry in await LedgerEntry.filter(
        lesson_id=lesson.id, student_id__in=relevant, kind=EntryKind.CHARGE
    ).order_by("id"):
        entries[entry.student_id].append(entry)  # type: ignore[attr-defined]
    all_ids = [entry.id for rows in entries.values() for entry in rows]
    reversed_ids = {
        int(entry_id)
        for (entry_id,) in await LedgerEntry.filter(reverses_id__in=all_ids).values_list(
            "reverses_id"
        )
    }
    book = await _book([lesson.organisation_id], relevant, lesson.day, lesson.day)
    used = await usages(sub for subs in book.subscriptions.values() for sub in subs)
    today = local_today(tx.now, zone)
    result = LessonCharges()
    for student in relevant:
        done = await _settle(
            tx,
            lesson,
            student,
            status=marks.get(student),
            enrolled=student in enrolled,
            entries=entries.get(student, []),
            reversed_ids=reversed_ids,
            book=book,
            used=used,
            today=today,
        )
        result = LessonCharges(result.charged + done.charged, result.reversed + done.reversed)
    return result


async def _settle(
    tx: Tx,
    lesson: _Lesson,
    student: int,
    *,
    status: AttendanceStatus | None,
    enrolled: bool,
    entries: list[LedgerEntry],
    reversed_ids: set[int],
    book: _Book,
    used: dict[int, Usage],
    today: date,
) -> LessonCharges:
    """One student's charge of one lesson, under their account lock: a standing charge that
    no longer matches the mark is reversed, then a lesson without a standing charge is
    charged."""
    reversed_now = 0
    standing = [entry for entry in entries if entry.id not in reversed_ids]
    for entry in standing:
        sub = await _subscription(book, entry.subscription_id)  # type: ignore[attr-defined]
        if sub.status == SubscriptionStatus.CANCELLED:
            # What a cancelled subscription charged stays as it was.
            return LessonCharges(reversed=reversed_now)
        if sub.id not in used or not any(c.id == entry.id for c in used[sub.id].charges):
            used[sub.id] = (await usages([sub]))[sub.id]
        usage = used[sub.id]
        if entry is standing[-1]:
            slot = next((c.slot for c in usage.charges if c.id == entry.id), usage.lessons)
            percent = percent_for(sub, status, enrolled=enrolled) if lesson.held else 0
            if slot < usage.lessons and percent_of(usage.part(slot), percent) == -entry.amount:
                return LessonCharges(reversed=reversed_now)
        _ = await do_reverse_entry(tx, entry, occurred_on=today, reason="", created_by_id=None)
        usage.charges = [charge for charge in usage.charges if charge.id != entry.id]
        reversed_now += 1
        if sub.status == SubscriptionStatus.FINISHED and usage.left and sub.valid_until >= today:
            await _set_status(sub, SubscriptionStatus.ACTIVE)
    if not lesson.held:
        return LessonCharges(reversed=reversed_now)
    charged = await _charge_anew(
        tx,
        lesson,
        student,
        status=status,
        enrolled=enrolled,
        n=len(entries) + 1,
        book=book,
        used=used,
    )
    return LessonCharges(charged=int(charged), reversed=reversed_now)


async def _subscription(book: _Book, subscription_id: int) -> Subscription:
    """The book's copy of a subscription (so status changes are seen by the rest of the
    settling), or a fresh one when the book does not hold it."""
    for subs in book.subscriptions.values():
        for sub in subs:
            if sub.id == subscription_id:
                return sub
    return await Subscription.get(id=subscription_id)


async def _set_status(sub: Subscription, status: SubscriptionStatus) -> None:
    sub.status = status
    await sub.save(update_fields=["status"])


async def _charge_anew(
    tx: Tx,
    lesson: _Lesson,
    student: int,
    *,
    status: AttendanceStatus | None,
    enrolled: bool,
    n: int,
    book: _Book,
    used: dict[int, Usage],
) -> bool:
    for sub in book.covering(student, lesson):
        usage = used.setdefault(sub.id, Usage(lessons=sub.lessons, price=sub.price))
        slot = usage.free_slot()
        if slot is None:
            continue
        percent = percent_for(sub, status, enrolled=enrolled)
        amount = percent_of(usage.part(slot), percent)
        if amount <= 0:
            return False
        try:
            async with in_transaction():  # a savepoint: a duplicate rolls back only itself
                entry = await do_add_entry(
                    tx,
                    organisation_id=lesson.organisation_id,
                    student_id=student,
                    kind=EntryKind.CHARGE,
                    amount=-amount,
                    currency=sub.currency,
                    occurred_on=lesson.day,
                    subscription_id=sub.id,
                    lesson_id=lesson.id,
                    charge_key=f"lesson:{lesson.id}:student:{student}:{n}",
                    reason=slot_reason(slot, sub.lessons, percent),
                )
        except IntegrityError:
            return False  # charged meanwhile by another writer: once is enough
        usage.charges.append(
            StandingCharge(
                id=entry.id,
                subscription_id=sub.id,
                student_id=student,
                lesson_id=lesson.id,
                amount=amount,
                occurred_on=lesson.day,
                slot=slot,
            )
        )
        if usage.left == 0 and sub.status == SubscriptionStatus.ACTIVE:
            await _set_status(sub, SubscriptionStatus.FINISHED)
        return True
    return False


# --- a sale that starts in the past ---------------------------------------------------------


async def do_charge_past_lessons(tx: Tx, subscription: Subscription) -> int:
    """Charge the held lessons a per-lesson subscription covers from its start to the
    organisation's today, each as ``do_charge_lesson`` would have when it was held — the
    student's mark, the plan's percents, the lesson slots in date order, the earliest
    covering subscription first — so a sale with an earlier start behaves like one made on
    time. A lesson the student has any charge for already (even a reversed one) is left as
    it is, as ``tick`` leaves it. Returns the number of lessons charged. Trusted; the caller
    holds the student's account lock (the sale does).

    Raises:
        tortoise.exceptions.OperationalError: the database failed.
    """
    if subscription.billing not in PER_LESSON:
        return 0
    organisation_id: int = subscription.organisation_id  # type: ignore[attr-defined]
    student: int = subscription.student_id  # type: ignore[attr-defined]
    zone = (await _zones([organisation_id]))[organisation_id]
    last = min(local_today(tx.now, zone), subscription.valid_until)
    if subscription.starts_on > last:
        return 0
    groups: list[int] = [subscription.group_id]  # type: ignore[attr-defined]
    if subscription.group_id is None:  # type: ignore[attr-defined]
        scopes = (await plan_scopes([subscription.plan_id]))[subscription.plan_id]  # type: ignore[attr-defined]
        groups = [
            int(group)
            for group, course in await Group.filter(organisation_id=organisation_id).values_list(
                "id", "course_id"
            )
            if scopes.fit(int(group), int(course))
        ]
    first_moment, end = local_days(subscription.starts_on, last, zone)
    lessons = await (
        Lesson.filter(
            organisation_id=organisation_id,
            group_id__in=groups,
            status=LessonStatus.HELD,
            held_at__isnull=False,
            starts_at__gte=first_moment,
            starts_at__lt=min(end, tx.now.astimezone(UTC)),
        )
        .order_by("starts_at", "id")
        .values_list("id", "group_id", "starts_at")
    )
    if not lessons:
        return 0
    ids = [int(lesson_id) for lesson_id, _, _ in lessons]
    marks: dict[int, AttendanceStatus] = {}
    touched: set[int] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks.update(
            (int(lesson_id), AttendanceStatus(status))
            for lesson_id, status in await Attendance.filter(
                lesson_id__in=chunk, student_id=student
            ).values_list("lesson_id", "status")
        )
        touched.update(
            int(lesson_id)
            for (lesson_id,) in await LedgerEntry.filter(
                lesson_id__in=chunk, student_id=student, kind=EntryKind.CHARGE
            ).values_list("lesson_id")
        )
    enrolments: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    for group_id, starts_on, ends_on in await Enrolment.filter(
        student_id=student, group_id__in=list({int(group) for _, group, _ in lessons})
    ).values_list("group_id", "starts_on", "ends_on"):
        enrolments[int(group_id)].append((starts_on, ends_on))
    charged = 0
    for lesson_id, group_id, starts_at in lessons:
        day = starts_at.astimezone(zone).date()
        enrolled = any(
            enrolment_covers(starts_on, ends_on, day)
            for starts_on, ends_on in enrolments[int(group_id)]
        )
        if lesson_id in touched or not percent_for(
            subscription, marks.get(lesson_id), enrolled=enrolled
        ):
            continue  # nothing to charge: spare the lesson's queries
        done = await do_charge_lesson(tx, lesson_id=lesson_id, student_ids=[student])
        charged += done.charged
    return charged


# --- events and the scheduler's sweep -------------------------------------------------------


def subscribe(deps: Deps) -> None:
    """Charge lessons when they are held and when their marks change (after the commit)."""

    async def on_held(event: LessonHeld) -> None:
        await charge_lesson(deps, lesson_id=event.lesson_id)

    async def on_changed(event: AttendanceChanged) -> None:
        await charge_lesson(deps, lesson_id=event.lesson_id, student_ids=event.student_ids)

    deps.events.subscribe(LessonHeld, on_held)
    deps.events.subscribe(AttendanceChanged, on_changed)


@dataclass(frozen=True)
class ChargeReport:
    """What one ``tick`` did: lesson charges it caught up, monthly charges it made and
    subscriptions it finished because their validity had passed."""

    lessons_charged: int = 0
    monthly_charged: int = 0
    finished: int = 0


async def tick(deps: Deps) -> ChargeReport:
    """The scheduler's sweep, safe to run any time and as often as wanted:

    - held lessons of the last ``CATCH_UP_DAYS`` days whose students have a covering
      subscription but no charge at all for them (a subscriber that failed; a subscription
      sold with an earlier start) are charged. A charge that was reversed by hand is not
      charged again here;
    - monthly subscriptions are charged their price on each monthly date that has come
      (``month:<subscription>:<date>`` keys: once each);
    - active subscriptions whose ``valid_until`` is before the organisation's local today
      are finished.

    Raises:
        tortoise.exceptions.OperationalError: the database is unreachable (what was done
            stays done; the next tick does the rest).
    """
    now = deps.clock.now().astimezone(UTC)
    lessons = await _catch_up_lessons(deps, now)
    monthly = await _monthly(deps, now)
    finished = await _finish_expired(deps, now)
    return ChargeReport(lessons_charged=lessons, monthly_charged=monthly, finished=finished)


async def _catch_up_lessons(deps: Deps, now: datetime) -> int:
    since = now - timedelta(days=CATCH_UP_DAYS)
    lessons = await Lesson.filter(
        status=LessonStatus.HELD, held_at__isnull=False, starts_at__gte=since, starts_at__lte=now
    ).values("id", "organisation_id", "group_id", "starts_at")
    if not lessons:
        return 0
    first, last = (since - timedelta(days=1)).date(), (now + timedelta(days=1)).date()
    paying = {
        int(student)
        for (student,) in await Subscription.filter(
            billing__in=PER_LESSON, starts_on__lte=last, valid_until__gte=first
        )
        .exclude(status=SubscriptionStatus.CANCELLED)
        .values_list("student_id")
    }
    if not paying:
        return 0
    zones = await _zones(row["organisation_id"] for row in lessons)
    groups = {
        int(group_id): int(course_id)
        for group_id, course_id in await Group.filter(
            id__in=list({row["group_id"] for row in lessons})
        ).values_list("id", "course_id")
    }
    views = [
        _Lesson(
            id=row["id"],
            organisation_id=row["organisation_id"],
            group_id=row["group_id"],
            course_id=groups[row["group_id"]],
            day=row["starts_at"].astimezone(zones[row["organisation_id"]]).date(),
            held=True,
        )
        for row in lessons
    ]
    ids = [view.id for view in views]
    marks: dict[int, dict[int, AttendanceStatus]] = defaultdict(dict)
    charged: set[tuple[int, int]] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for lesson_id, student, status in await Attendance.filter(lesson_id__in=chunk).values_list(
            "lesson_id", "student_id", "status"
        ):
            marks[int(lesson_id)][int(student)] = AttendanceStatus(status)
        charged.update(
            (int(lesson_id), int(student))
            for lesson_id, student in await LedgerEntry.filter(
                lesson_id__in=chunk, kind=EntryKind.CHARGE
            ).values_list("lesson_id", "student_id")
        )
    enrolments: dict[int, list[tuple[int, date, date | None]]] = defaultdict(list)
    for group_id, student, starts_on, ends_on in await Enrolment.filter(
        group_id__in=list(groups)
    ).values_list("group_id", "student_id", "starts_on", "ends_on"):
        enrolments[int(group_id)].append((int(student), starts_on, ends_on))
    book = await _book({view.organisation_id for view in views}, paying, first, last)
    total = 0
    for view in views:
        enrolled = {
            student
            for student, starts_on, ends_on in enrolments[view.group_id]
            if enrolment_covers(starts_on, ends_on, view.day)
        }
        todo = []
        for student in (set(marks[view.id]) | enrolled) & paying:
            if (view.id, student) in charged:
                continue
            covering = book.covering(student, view)
            status = marks[view.id].get(student)
            if covering and percent_for(covering[0], status, enrolled=student in enrolled):
                todo.append(student)
        if todo:
            done = await charge_lesson(deps, lesson_id=view.id, student_ids=todo)
            total += done.charged
    return total


async def _monthly(deps: Deps, now: datetime) -> int:
    # Only active ones: the sweep finishes a subscription after charging its months, so an
    # active subscription may still have months to charge, however long the sweep was down.
    subs = await _of_students(
        await Subscription.filter(
            billing=Billing.MONTHLY,
            status=SubscriptionStatus.ACTIVE,
            starts_on__lte=(now + timedelta(days=1)).date(),
        )
    )
    if not subs:
        return 0
    zones = await _zones(sub.organisation_id for sub in subs)  # type: ignore[attr-defined]
    keys = {
        str(key)
        for (key,) in await LedgerEntry.filter(
            subscription_id__in=[sub.id for sub in subs], kind=EntryKind.CHARGE
        ).values_list("charge_key")
    }
    total = 0
    for sub in subs:
        today = local_today(now, zones[sub.organisation_id])  # type: ignore[attr-defined]
        due = [
            day
            for day in monthly_dates(sub.starts_on, sub.valid_until)
            if day <= today and month_key(sub.id, day) not in keys
        ]
        for day in due:
            async with transaction(deps) as tx:
                total += await do_charge_month(tx, sub.id, day)
    return total


def month_key(subscription_id: int, day: date) -> str:
    return f"month:{subscription_id}:{day.isoformat()}"


async def do_charge_month(tx: Tx, subscription_id: int, day: date) -> int:
    """Charge a monthly subscription's price for the month starting ``day`` (once: the
    key is unique). Returns 1 when charged now, 0 when it was charged already, the
    subscription was cancelled meanwhile or its student no longer studies here.

    Raises:
        tortoise.exceptions.DoesNotExist: no such subscription.
    """
    sub = await Subscription.get(id=subscription_id)
    await lock_account(sub.student_id)  # type: ignore[attr-defined]
    sub = await Subscription.get(id=subscription_id)
    if sub.status == SubscriptionStatus.CANCELLED or not await _of_students([sub]):
        return 0
    try:
        async with in_transaction():
            _ = await do_add_entry(
                tx,
                organisation_id=sub.organisation_id,  # type: ignore[attr-defined]
                student_id=sub.student_id,  # type: ignore[attr-defined]
                kind=EntryKind.CHARGE,
                amount=-sub.price,
                currency=sub.currency,
                occurred_on=day,
                subscription_id=sub.id,
                charge_key=month_key(sub.id, day),
                reason=day.strftime("%m.%Y"),
            )
    except IntegrityError:
        return 0
    return 1


async def _finish_expired(deps: Deps, now: datetime) -> int:
    rows = await Subscription.filter(
        status=SubscriptionStatus.ACTIVE, valid_until__lt=(now + timedelta(days=1)).date()
    ).values("id", "organisation_id", "valid_until")
    if not rows:
        return 0
    zones = await _zones(row["organisation_id"] for row in rows)
    expired = [
        row["id"]
        for row in rows
        if row["valid_until"] < local_today(now, zones[row["organisation_id"]])
    ]
    if not expired:
        return 0
    async with transaction(deps):
        return await Subscription.filter(id__in=expired, status=SubscriptionStatus.ACTIVE).update(
            status=SubscriptionStatus.FINISHED
        )
