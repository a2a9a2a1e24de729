"""Charges from held lessons and attendance (issue 6): the billing rules of a subscription,
corrections, freezes, the scheduler's catch-up and monthly charges, and concurrent marking.

``make_desk`` (a small centre without web logins, so it is quick to build) is shared by the
other money tests.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from core.actor import Actor
from core.clock import FrozenClock
from core.deps import Deps
from core.models.finance import EntryKind, LedgerEntry, Subscription
from core.models.people import Role
from core.services import charges
from core.services.academics import (
    CourseData,
    GroupData,
    create_course,
    create_group,
    enrol_student,
)
from core.services.attendance import AttendanceStatus, mark_attendance
from core.services.charges import charge_lesson, tick
from core.services.dues import due_of
from core.services.ledger import balance, do_reverse_entry
from core.services.lessons import do_create_lesson
from core.services.people import PersonData, archive_person, create_person
from core.services.prices import Billing, PlanData, PlanKind, create_plan
from core.services.subscriptions import (
    SubscriptionStatus,
    freeze_subscription,
    sell_subscription,
    subscription_view,
)
from core.tx import transaction
from tests.factories import make_organisation
from tests.lesson_factories import lesson_at, local, make_lesson_centre
from tests.test_attendance import local as local_moment

PRESENT, ABSENT, LATE, EXCUSED = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.ABSENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
)
#: The first of September 2026; the frozen clock starts on it (11:00 in Almaty).
SEP = date(2026, 9, 1)
#: 40 000 ₸ over 15 lessons: fourteen parts of 2 666.67 ₸ and one of 2 666.62 ₸.
PART, LAST_PART = 266_667, 266_662


def day(n: int) -> date:
    """The ``n``-th of September 2026."""
    return SEP + timedelta(days=n - 1)


@dataclass(frozen=True)
class Desk:
    """An organisation (Asia/Almaty) with a course, its group "Алгебра 7А" taught by one
    teacher, and students enrolled since 1 August 2026. ``system`` acts for the staff."""

    system: Actor
    course_id: int
    group_id: int
    teacher_id: int
    students: tuple[int, ...]


async def make_desk(deps: Deps, *, students: int = 2) -> Desk:
    system = await make_organisation(deps, name="Білім орталығы")
    teacher = await create_person(
        deps,
        system,
        data=PersonData(last_name="Ахметов", first_name="Ерлан"),
        roles=(Role.TEACHER,),
    )
    course = await create_course(deps, system, data=CourseData(name_ru="Алгебра"))
    group = await create_group(
        deps,
        system,
        data=GroupData(
            course_id=course.id, name="Алгебра 7А", capacity=30, teacher_ids=(teacher.id,)
        ),
    )
    ids = []
    for index in range(students):
        person = await create_person(
            deps,
            system,
            data=PersonData(last_name="Оқушы", first_name=f"Әсел{index}"),
            roles=(Role.STUDENT,),
        )
        await enrol_student(
            deps, system, group_id=group.id, student_id=person.id, starts_on=date(2026, 8, 1)
        )
        ids.append(person.id)
    return Desk(system, course.id, group.id, teacher.id, tuple(ids))


async def desk_lesson(deps: Deps, desk: Desk, on: date, *, group_id: int | None = None) -> int:
    """A lesson at 15:00 Almaty time on ``on`` (trusted, no conflict check)."""
    starts_at = local_moment(on, 15)
    async with transaction(deps) as tx:
        lesson = await do_create_lesson(
            tx,
            desk.system,
            group_id=group_id or desk.group_id,
            teacher_id=desk.teacher_id,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=90),
            audit=False,
        )
    return lesson.id


async def make_plan(deps: Deps, actor: Actor, **changes: object) -> int:
    """A plan "Алгебра 15": 40 000 ₸ for 15 attended lessons in 60 days, an absence costs a
    whole lesson, an excused one nothing (``changes`` override)."""
    data: dict[str, object] = {
        "name": "Алгебра 15",
        "price": 4_000_000,
        "lessons": 15,
        "validity_days": 60,
        "billing": Billing.ATTENDED,
        "unexcused_percent": 100,
        "excused_percent": 0,
        **changes,
    }
    return (await create_plan(deps, actor, data=PlanData(**data))).id  # type: ignore[arg-type]


async def mark(
    deps: Deps, actor: Actor, lesson_id: int, marks: dict[int, AttendanceStatus]
) -> None:
    await mark_attendance(deps, actor, lesson_id=lesson_id, marks=marks)


async def charges_of(student_id: int) -> list[tuple[str, int, str | None]]:
    """The student's charge-side entries in order: kind, amount, charge key."""
    rows = await LedgerEntry.filter(student_id=student_id).order_by("id")
    return [(row.kind.value, row.amount, row.charge_key) for row in rows]


# --- the issue's example --------------------------------------------------------------------


async def test_the_issue_example_to_the_tiyn(deps: Deps, clock: FrozenClock):
    """40 000 ₸ / 15 lessons; attends 3, is excused once (0 %), freezes a week."""
    centre = await make_lesson_centre(deps)
    aigerim = centre.students[0].person_id or 0
    clock.current = local(centre, day(20), "12:00")
    sub = await sell_subscription(
        deps,
        centre.admin,
        student_id=aigerim,
        plan_id=await make_plan(deps, centre.admin),
        starts_on=SEP,
    )
    assert (sub.valid_until, sub.lessons_left, sub.next_lesson_price) == (
        date(2026, 10, 30),
        15,
        PART,
    )
    for n, status in ((1, PRESENT), (3, LATE), (5, EXCUSED), (8, PRESENT)):
        lesson = await lesson_at(deps, centre, day(n), "15:00")
        await mark(deps, centre.teacher, lesson, {aigerim: status})

    view = await freeze_subscription(
        deps, centre.admin, subscription_id=sub.id, starts_on=day(14), ends_on=day(20)
    )

    assert view.charged == 800_001  # 3 × 2 666.67 ₸
    assert view.lessons_left == 12
    assert view.valid_until == date(2026, 11, 6)  # a week later
    assert view.frozen_now and view.status == SubscriptionStatus.ACTIVE
    assert await balance(centre.admin.organisation_id, aigerim) == -800_001
    reasons = [
        row.reason
        for row in await LedgerEntry.filter(student_id=aigerim, kind=EntryKind.CHARGE).order_by(
            "id"
        )
    ]
    assert reasons == ["1/15", "2/15", "3/15"]
    # A lesson in the freeze is not charged.
    frozen = await lesson_at(deps, centre, day(15), "15:00")
    await mark(deps, centre.teacher, frozen, {aigerim: PRESENT})
    assert (await subscription_view(deps, centre.admin, subscription_id=sub.id)).lessons_left == 12


# --- billing rules --------------------------------------------------------------------------


async def test_attended_and_held_billing_and_what_absences_cost(deps: Deps, clock: FrozenClock):
    desk = await make_desk(deps)
    aigerim, timur = desk.students
    clock.current += timedelta(days=10)
    attended = await make_plan(deps, desk.system, unexcused_percent=50, excused_percent=0)
    held = await make_plan(deps, desk.system, name="Топ", billing=Billing.HELD, excused_percent=25)
    a = await sell_subscription(
        deps, desk.system, student_id=aigerim, plan_id=attended, starts_on=SEP
    )
    t = await sell_subscription(deps, desk.system, student_id=timur, plan_id=held, starts_on=SEP)

    first = await desk_lesson(deps, desk, day(1))
    await mark(deps, desk.system, first, {aigerim: ABSENT})  # Timur has no mark
    second = await desk_lesson(deps, desk, day(2))
    await mark(deps, desk.system, second, {aigerim: EXCUSED, timur: EXCUSED})
    third = await desk_lesson(deps, desk, day(3))
    await mark(deps, desk.system, third, {timur: ABSENT})  # Aigerim has no mark

    a_view = await subscription_view(deps, desk.system, subscription_id=a.id)
    t_view = await subscription_view(deps, desk.system, subscription_id=t.id)
    # Aigerim: half a lesson for the absence; the excused one and the unmarked one are free
    # and use no lesson.
    assert (a_view.charged, a_view.lessons_left) == (133_334, 14)
    # Timur (per held lesson): unmarked counts as present, excused 25 %, absent 100 %.
    assert (t_view.charged, t_view.lessons_left) == (PART + 66_667 + PART, 12)
    assert await charges_of(aigerim) == [
        ("charge", -133_334, f"lesson:{first}:student:{aigerim}:1")
    ]


async def test_a_corrected_mark_reverses_the_charge_and_charges_anew(
    deps: Deps, clock: FrozenClock
):
    desk = await make_desk(deps, students=1)
    (aigerim,) = desk.students
    sub = await sell_subscription(
        deps,
        desk.system,
        student_id=aigerim,
        plan_id=await make_plan(deps, desk.system, unexcused_percent=50),
    )
    lesson = await desk_lesson(deps, desk, day(1))
    clock.current += timedelta(hours=6)  # the lesson at 15:00 has begun
    await mark(deps, desk.system, lesson, {aigerim: PRESENT})
    await mark(deps, desk.system, lesson, {aigerim: LATE})  # the same price: nothing changes
    await mark(deps, desk.system, lesson, {aigerim: EXCUSED})  # free: the charge is reversed
    assert (await subscription_view(deps, desk.system, subscription_id=sub.id)).lessons_left == 15
    await mark(deps, desk.system, lesson, {aigerim: ABSENT})  # half: charged anew

    key = f"lesson:{lesson}:student:{aigerim}"
    assert await charges_of(aigerim) == [
        ("charge", -PART, f"{key}:1"),
        ("reversal", PART, None),
        ("charge", -133_334, f"{key}:2"),
    ]
    view = await subscription_view(deps, desk.system, subscription_id=sub.id)
    assert (view.charged, view.lessons_left) == (133_334, 14)
    assert await balance(desk.system.organisation_id, aigerim) == -133_334
    # Settling the lesson again changes nothing.
    assert await charge_lesson(deps, lesson_id=lesson) == charges.LessonCharges()


async def test_the_parts_add_up_to_the_price_through_corrections(deps: Deps, clock: FrozenClock):
    """1.00 ₸ over 3 lessons is 0.33 + 0.33 + 0.34: the odd part is charged once, whichever
    lesson is corrected, and the lessons charged always add up to the price."""
    desk = await make_desk(deps, students=1)
    (aigerim,) = desk.students
    clock.current += timedelta(days=10)
    plan = await make_plan(deps, desk.system, price=100, lessons=3)
    sub = await sell_subscription(
        deps, desk.system, student_id=aigerim, plan_id=plan, starts_on=SEP
    )
    lessons = [await desk_lesson(deps, desk, day(n)) for n in (1, 2, 3, 4)]
    for lesson in lessons:
        await mark(deps, desk.system, lesson, {aigerim: PRESENT})

    view = await subscription_view(deps, desk.system, subscription_id=sub.id)
    assert (view.charged, view.lessons_left, view.status) == (100, 0, SubscriptionStatus.FINISHED)
    assert not await LedgerEntry.exists(lesson_id=lessons[3])  # no lesson left for the 4th

    await mark(deps, desk.system, lessons[0], {aigerim: EXCUSED})  # frees the first slot
    view = await subscription_view(deps, desk.system, subscription_id=sub.id)
    assert (view.charged, view.lessons_left, view.status) == (67, 1, SubscriptionStatus.ACTIVE)
    assert view.next_lesson_price == 33

    report = await tick(deps)  # the 4th lesson was attended and is charged now

    assert report.lessons_charged == 1
    view = await subscription_view(deps, desk.system, subscription_id=sub.id)
    assert (view.charged, view.lessons_left, view.status) == (100, 0, SubscriptionStatus.FINISHED)


async def test_which_subscription_pays(deps: Deps, clock: FrozenClock):
    """The group's own subscription or a plan whose scopes fit; valid that day; the earliest
    first; another group's or another course's plan never."""
    desk = await make_desk(deps, students=1)
    (aigerim,) = desk.students
    clock.current += timedelta(days=20)
    other_course = await create_course(deps, desk.system, data=CourseData(name_ru="Физика"))
    other_group = await create_group(
        deps,
        desk.system,
        data=GroupData(course_id=other_course.id, name="Физика 8Б", capacity=12),
    )
    await enrol_student(
        deps, desk.system, group_id=other_group.id, student_id=aigerim, starts_on=date(2026, 8, 1)
    )
    physics = await make_plan(deps, desk.system, name="Физика", course_ids=(other_course.id,))
    later = await make_plan(deps, desk.system, name="Кез келген", lessons=4, price=400_000)
    bound = await make_plan(deps, desk.system, name="Топқа", lessons=2, price=200_000)
    physics_sub = await sell_subscription(
        deps, desk.system, student_id=aigerim, plan_id=physics, starts_on=SEP
    )
    any_sub = await sell_subscription(
        deps, desk.system, student_id=aigerim, plan_id=later, starts_on=day(5)
    )
    group_sub = await sell_subscription(
        deps,
        desk.system,
        student_id=aigerim,
        plan_id=bound,
        group_id=desk.group_id,
        starts_on=day(2),
    )

    for n in (1, 2, 6, 7, 8):  # Алгебра lessons
        await mark(deps, desk.system, await desk_lesson(deps, desk, day(n)), {aigerim: PRESENT})
    await mark(
        deps,
        desk.system,
        await desk_lesson(deps, desk, day(9), group_id=other_group.id),
        {aigerim: PRESENT},
    )

    used = {
        sub.id: (
            await subscription_view(deps, desk.system, subscription_id=sub.id)
        ).lessons_charged
        for sub in (physics_sub, any_sub, group_sub)
    }
    # Day 1: nothing covers Алгебра yet. Days 2 and 6: the group's own (earliest) until it is
    # used up; days 7 and 8: the plan for any group. Physics pays only for physics.
    assert used == {physics_sub.id: 1, any_sub.id: 2, group_sub.id: 2}


# --- the scheduler's sweep ------------------------------------------------------------------


async def test_tick_catches_up_and_leaves_hand_reversals_alone(deps: Deps, clock: FrozenClock):
    desk = await make_desk(deps)
    aigerim, timur = desk.students
    clock.current += timedelta(days=5)
    plan = await make_plan(deps, desk.system)
    await sell_subscription(deps, desk.system, student_id=aigerim, plan_id=plan, starts_on=SEP)
    lessons = [await desk_lesson(deps, desk, day(n)) for n in (1, 2)]
    deps.events._handlers.clear()  # the charging subscriber fails to run
    for lesson in lessons:
        await mark(deps, desk.system, lesson, {aigerim: PRESENT, timur: PRESENT})
    assert await balance(desk.system.organisation_id, aigerim) == 0

    first = await tick(deps)
    second = await tick(deps)

    assert first.lessons_charged == 2 and second.lessons_charged == 0
    assert await balance(desk.system.organisation_id, aigerim) == -2 * PART
    assert await balance(desk.system.organisation_id, timur) == 0
    # A charge reversed by hand (a goodwill gesture) is not charged again by the sweep.
    entry = await LedgerEntry.filter(student_id=aigerim, kind=EntryKind.CHARGE).first()
    assert entry is not None
    async with transaction(deps) as tx:
        await do_reverse_entry(tx, entry, occurred_on=day(6), reason="Сыйлық", created_by_id=None)
    assert (await tick(deps)).lessons_charged == 0
    assert await balance(desk.system.organisation_id, aigerim) == -PART


async def test_monthly_billing_and_finishing_by_the_tick(deps: Deps, clock: FrozenClock):
    desk = await make_desk(deps, students=1)
    (aigerim,) = desk.students
    monthly = await make_plan(
        deps, desk.system, name="Ай сайын", billing=Billing.MONTHLY, lessons=8, validity_days=90
    )
    sub = await sell_subscription(deps, desk.system, student_id=aigerim, plan_id=monthly)
    lesson = await desk_lesson(deps, desk, day(1))
    clock.current += timedelta(hours=6)
    await mark(deps, desk.system, lesson, {aigerim: PRESENT})  # not charged per lesson

    assert (await tick(deps)).monthly_charged == 1
    assert (await tick(deps)).monthly_charged == 0
    clock.current += timedelta(days=31)
    assert (await tick(deps)).monthly_charged == 1  # 1 October
    view = await subscription_view(deps, desk.system, subscription_id=sub.id)
    assert (view.charged, view.lessons_left, view.valid_until) == (
        8_000_000,
        None,
        date(2026, 11, 29),
    )
    assert [
        row.charge_key for row in await LedgerEntry.filter(student_id=aigerim).order_by("id")
    ] == [
        f"month:{sub.id}:2026-09-01",
        f"month:{sub.id}:2026-10-01",
    ]

    clock.current = local_moment(date(2026, 11, 30), 12)  # past valid_until (29 November)
    report = await tick(deps)  # the third month (1 November), then finished

    assert (report.monthly_charged, report.finished) == (1, 1)
    stored = await Subscription.get(id=sub.id)
    assert stored.status == SubscriptionStatus.FINISHED
    assert (await tick(deps)) == charges.ChargeReport()


async def test_an_archived_student_is_charged_no_more(deps: Deps, clock: FrozenClock):
    """Archived students cannot pay, so their subscriptions stop: no monthly charges, no
    lesson charges, and they owe only the debt they had."""
    desk = await make_desk(deps, students=3)
    aigerim, timur, dana = desk.students
    monthly = await make_plan(
        deps, desk.system, name="Ай сайын", billing=Billing.MONTHLY, validity_days=180
    )
    per_held = await make_plan(deps, desk.system, name="Топ", billing=Billing.HELD)
    await sell_subscription(deps, desk.system, student_id=aigerim, plan_id=monthly)
    await sell_subscription(deps, desk.system, student_id=timur, plan_id=per_held)
    assert (await tick(deps)).monthly_charged == 1  # September
    for student in (aigerim, timur):
        await archive_person(deps, desk.system, person_id=student)

    lesson = await desk_lesson(deps, desk, date(2026, 11, 2))  # 62 days later
    clock.current = local_moment(date(2026, 11, 2), 16)
    await mark(deps, desk.system, lesson, {dana: PRESENT})  # Timur is still in the group

    report = await tick(deps)
    assert (report.monthly_charged, report.lessons_charged) == (0, 0)
    assert await charges_of(timur) == []
    assert await balance(desk.system.organisation_id, aigerim) == -4_000_000
    due = await due_of(desk.system.organisation_id, aigerim)
    assert (due.amount, due.debt, due.debt_since) == (4_000_000, 4_000_000, SEP)
    assert (await due_of(desk.system.organisation_id, timur)).amount == 0


# --- at most once ---------------------------------------------------------------------------


async def test_concurrent_marking_charges_once(deps: Deps, clock: FrozenClock):
    desk = await make_desk(deps)
    aigerim, timur = desk.students
    plan = await make_plan(deps, desk.system, billing=Billing.HELD)
    for student in desk.students:
        await sell_subscription(deps, desk.system, student_id=student, plan_id=plan)
    lesson = await desk_lesson(deps, desk, day(1))
    clock.current += timedelta(hours=6)

    await asyncio.gather(
        mark(deps, desk.system, lesson, {aigerim: PRESENT}),
        mark(deps, desk.system, lesson, {aigerim: PRESENT, timur: LATE}),
    )
    await asyncio.gather(*(charge_lesson(deps, lesson_id=lesson) for _ in range(3)))

    for student in desk.students:
        assert await charges_of(student) == [
            ("charge", -PART, f"lesson:{lesson}:student:{student}:1")
        ]


async def test_the_database_refuses_a_second_charge_without_the_lock(
    deps: Deps, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
):
    """Should two writers ever slip past the account lock, the unique charge key keeps the
    attendance charged once and the loser's transaction still commits."""

    async def no_lock(student_id: int) -> None:
        return None

    desk = await make_desk(deps, students=1)
    (aigerim,) = desk.students
    await sell_subscription(
        deps, desk.system, student_id=aigerim, plan_id=await make_plan(deps, desk.system)
    )
    lesson = await desk_lesson(deps, desk, day(1))
    clock.current += timedelta(hours=6)
    monkeypatch.setattr(charges, "lock_account", no_lock)
    deps.events._handlers.clear()  # mark without the subscribers
    await mark(deps, desk.system, lesson, {aigerim: PRESENT})

    results = await asyncio.gather(*(charge_lesson(deps, lesson_id=lesson) for _ in range(4)))

    assert sum(result.charged for result in results) == 1
    assert await charges_of(aigerim) == [("charge", -PART, f"lesson:{lesson}:student:{aigerim}:1")]


async def test_a_trial_plan_is_charged_like_a_lesson(deps: Deps, clock: FrozenClock):
    desk = await make_desk(deps, students=1)
    (aigerim,) = desk.students
    trial = await make_plan(
        deps, desk.system, name="Сынақ", kind=PlanKind.TRIAL, price=200_000, lessons=1
    )
    sub = await sell_subscription(deps, desk.system, student_id=aigerim, plan_id=trial)
    lesson = await desk_lesson(deps, desk, day(1))
    clock.current += timedelta(hours=6)
    await mark(deps, desk.system, lesson, {aigerim: PRESENT})
    view = await subscription_view(deps, desk.system, subscription_id=sub.id)
    assert (view.charged, view.lessons_left, view.status) == (
        200_000,
        0,
        SubscriptionStatus.FINISHED,
    )
