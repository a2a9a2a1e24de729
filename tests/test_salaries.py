"""Teachers' salaries through the core services (issue 6): rules, bonuses and deductions, the
monthly payroll from held lessons, attendance and revenue, approval and the statement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from core.actor import Actor
from core.clock import FrozenClock
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.models.audit import AuditRecord
from core.models.finance import EntryKind, Expense, LedgerEntry, Payroll, PayrollLine
from core.models.notifications import OutboxMessage
from core.money import Money, format_amount
from core.services.accounts import create_invitation
from core.services.attendance import AttendanceStatus, mark_attendance
from core.services.expenses import ExpenseCategory
from core.services.ledger import do_add_entry, do_reverse_entry
from core.services.people import Role
from core.services.salaries import (
    STATEMENT_READY,
    AdjustmentKind,
    AdjustmentView,
    PayrollLineView,
    PayrollStatus,
    Rates,
    RuleData,
    Statement,
    add_adjustment,
    approve_payroll,
    chosen_month,
    compute_payroll,
    parse_month,
    parse_percent,
    payroll_view,
    remove_adjustment,
    salary_overview,
    set_salary_rule,
    statement_details,
    statement_text,
    teacher_statement,
)
from core.services.schedule import substitute_teacher
from core.services.telegram import link_telegram, set_telegram_language
from core.tx import transaction
from tests.factories import make_member, make_organisation
from tests.lesson_factories import LessonCentre, lesson_at, make_lesson_centre
from tests.test_query_counts import counting_queries

PRESENT, ABSENT, LATE = AttendanceStatus.PRESENT, AttendanceStatus.ABSENT, AttendanceStatus.LATE
SEPTEMBER = date(2026, 9, 1)
#: 1 October 2026, 11:00 in Almaty: September is over.
OCTOBER_FIRST = datetime(2026, 10, 1, 6, 0, tzinfo=UTC)


def en(amount: int) -> str:
    return format_amount(amount, "KZT", "en")


def tenge(amount: int | str) -> int:
    """Whole tenge (or "123.45") as tiyn."""
    return int(Decimal(amount) * 100)


async def held(
    deps: Deps,
    centre: LessonCentre,
    lesson_id: int,
    marks: dict[Actor, AttendanceStatus],
    *,
    by: Actor | None = None,
) -> None:
    """The teacher (or ``by``) marks the lesson, which makes it held."""
    await mark_attendance(
        deps,
        by or centre.teacher,
        lesson_id=lesson_id,
        marks={student.person_id or 0: status for student, status in marks.items()},
    )


async def charge(
    deps: Deps, centre: LessonCentre, lesson_id: int, student: Actor, amount: int
) -> LedgerEntry:
    async with transaction(deps) as tx:
        return await do_add_entry(
            tx,
            organisation_id=centre.admin.organisation_id,
            student_id=student.person_id or 0,
            kind=EntryKind.CHARGE,
            amount=-amount,
            currency="KZT",
            occurred_on=date(2026, 9, 30),
            lesson_id=lesson_id,
        )


@dataclass(frozen=True)
class Month:
    centre: LessonCentre
    accountant: Actor
    substituted_lesson: int


async def september(deps: Deps, clock: FrozenClock) -> Month:
    """Ахметов is paid 3 000 ₸ a lesson, 200 ₸ a student present and 10% of revenue; Бекова
    2 500 ₸ a lesson. In September Ахметов holds two lessons (1 and 2 students present or
    late), Бекова substitutes for him once (2 present), and one lesson is never marked."""
    centre = await make_lesson_centre(deps)
    accountant = await make_member(
        deps, centre.system, Role.ACCOUNTANT, last_name="Есепова", first_name="Айжан"
    )
    a, t = centre.students
    await set_salary_rule(
        deps,
        accountant,
        teacher_id=centre.teacher.person_id or 0,
        data=RuleData(
            valid_from=SEPTEMBER,
            per_lesson=tenge(3000),
            per_student=tenge(200),
            revenue_basis_points=parse_percent("10"),
        ),
    )
    await set_salary_rule(
        deps,
        accountant,
        teacher_id=centre.substitute.person_id or 0,
        data=RuleData(valid_from=SEPTEMBER, per_lesson=tenge(2500)),
    )
    first = await lesson_at(deps, centre, date(2026, 9, 7), "15:00")
    substituted = await lesson_at(deps, centre, date(2026, 9, 9), "15:00")
    third = await lesson_at(deps, centre, date(2026, 9, 14), "15:00")
    await lesson_at(deps, centre, date(2026, 9, 16), "15:00")  # never marked: not held
    await substitute_teacher(
        deps,
        centre.admin,
        lesson_id=substituted,
        teacher_id=centre.substitute.person_id or 0,
    )
    clock.current = OCTOBER_FIRST
    await held(deps, centre, first, {a: PRESENT, t: ABSENT})
    await held(deps, centre, substituted, {a: PRESENT, t: PRESENT}, by=centre.substitute)
    await held(deps, centre, third, {a: PRESENT, t: LATE})
    await charge(deps, centre, first, a, tenge("2666.67"))
    await charge(deps, centre, third, a, tenge("2666.68"))
    mistaken = await charge(deps, centre, third, t, tenge(1000))
    async with transaction(deps) as tx:
        await do_reverse_entry(
            tx, mistaken, occurred_on=date(2026, 9, 30), reason="Қате", created_by_id=None
        )
    await charge(deps, centre, substituted, a, tenge("2666.67"))  # Бекова's revenue
    return Month(centre=centre, accountant=accountant, substituted_lesson=substituted)


async def test_the_payroll_pays_each_part_exactly_and_the_substitute_for_her_lesson(
    deps: Deps, clock: FrozenClock
):
    month = await september(deps, clock)
    centre, accountant = month.centre, month.accountant
    erlan, saule = centre.teacher.person_id or 0, centre.substitute.person_id or 0
    await add_adjustment(
        deps,
        accountant,
        teacher_id=erlan,
        month=SEPTEMBER,
        kind=AdjustmentKind.BONUS,
        amount=Money(tenge(5000)),
        reason="Олимпиада жүлдесі",
    )
    await add_adjustment(
        deps,
        accountant,
        teacher_id=erlan,
        month=date(2026, 9, 20),  # any day names its month
        kind=AdjustmentKind.DEDUCTION,
        amount=Money(tenge(1000)),
        reason="Кешігу",
    )

    payroll = await compute_payroll(deps, accountant, month=SEPTEMBER)

    assert payroll.status is PayrollStatus.DRAFT
    lines = {line.teacher_id: line for line in payroll.lines}
    assert set(lines) == {erlan, saule}
    mine = lines[erlan]
    assert (mine.lessons, mine.students, mine.minutes) == (2, 3, 180)
    assert mine.per_lesson_amount == tenge(6000)
    assert mine.per_student_amount == tenge(600)
    # Revenue 2 666.67 + 2 666.68 (the reversed charge counts for nothing): 5 333.35 ₸, and
    # 10% of it, 533.335 ₸, rounds half up to 533.34 ₸.
    assert mine.revenue == 533_335
    assert mine.revenue_amount == 53_334
    assert mine.adjustments == tenge(4000)
    assert mine.total == tenge(6000) + tenge(600) + 53_334 + tenge(4000) == 1_113_334
    assert mine.rates.per_lesson == (tenge(3000),)
    theirs = lines[saule]
    assert (theirs.lessons, theirs.students, theirs.revenue) == (1, 2, 266_667)
    assert (theirs.per_lesson_amount, theirs.revenue_amount, theirs.total) == (
        tenge(2500),
        0,
        tenge(2500),
    )
    assert payroll.total == 1_113_334 + tenge(2500)

    # Computing again replaces the draft's lines.
    again = await compute_payroll(deps, accountant, month=SEPTEMBER)
    assert again.id == payroll.id
    assert await PayrollLine.filter(payroll_id=payroll.id).count() == 2
    assert await AuditRecord.filter(action="payroll.compute").count() == 2


async def test_approving_locks_the_month_records_the_expense_and_queues_statements(
    deps: Deps, clock: FrozenClock
):
    month = await september(deps, clock)
    centre, accountant = month.centre, month.accountant
    erlan = centre.teacher.person_id or 0
    invitation = await create_invitation(deps, centre.admin, person_id=erlan)
    await link_telegram(deps, code=invitation.code, telegram_user_id=7_000_001, language="en")
    await set_telegram_language(7_000_001, "en")
    await add_adjustment(
        deps,
        accountant,
        teacher_id=erlan,
        month=SEPTEMBER,
        kind=AdjustmentKind.BONUS,
        amount=Money(tenge(5000)),
        reason="Олимпиада жүлдесі",
    )
    await compute_payroll(deps, accountant, month=SEPTEMBER)
    assert await teacher_statement(centre.teacher) is None  # a draft is nobody's statement

    approved = await approve_payroll(deps, accountant, month=SEPTEMBER)

    assert approved.status is PayrollStatus.APPROVED and approved.closed
    assert approved.approved_by == "Есепова Айжан"
    expense = await Expense.get(organisation_id=centre.admin.organisation_id)
    assert expense.category == ExpenseCategory.SALARIES
    assert expense.amount == approved.total == tenge(6000 + 600 + 5000 + 2500) + 53_334
    assert expense.spent_on == date(2026, 9, 30)
    # Only the teacher with Telegram is queued, once, in his language.
    (queued,) = await OutboxMessage.filter(message=STATEMENT_READY)
    assert queued.person_id == erlan
    assert queued.params["month"] == "09.2026"
    details = str(queued.params["details"]).splitlines()
    assert details == [
        "Lessons held: 2. Students present or late: 3. Hours: 3 h 0 min.",
        f"Per lesson: 2 × {en(300_000)} = {en(600_000)}",
        f"Per student present: 3 × {en(20_000)} = {en(60_000)}",
        f"10% of the revenue of your lessons ({en(533_335)}): {en(53_334)}",
        f"Bonus: {en(500_000)} — Олимпиада жүлдесі",
        f"Total: {en(1_213_334)}",
    ]

    # Locked: no recompute, no second approval, no adjustments, no rule reaching September.
    with pytest.raises(Conflict, match="approved"):
        await compute_payroll(deps, accountant, month=SEPTEMBER)
    with pytest.raises(Conflict, match="approved already"):
        await approve_payroll(deps, centre.admin, month=SEPTEMBER)
    with pytest.raises(Conflict, match="approved"):
        await add_adjustment(
            deps,
            accountant,
            teacher_id=erlan,
            month=SEPTEMBER,
            kind=AdjustmentKind.DEDUCTION,
            amount=Money(100),
            reason="Кеш",
        )
    adjustment = (await payroll_view(deps, accountant, month=SEPTEMBER)).adjustments[0]  # type: ignore[union-attr]
    with pytest.raises(Conflict):
        await remove_adjustment(deps, accountant, adjustment_id=adjustment.id)
    with pytest.raises(Conflict, match=r"01\.10\.2026"):
        await set_salary_rule(
            deps, accountant, teacher_id=erlan, data=RuleData(date(2026, 9, 15), per_lesson=1)
        )
    await set_salary_rule(
        deps, accountant, teacher_id=erlan, data=RuleData(date(2026, 10, 1), per_lesson=1)
    )
    assert (await Payroll.get(id=approved.id)).locked_at == OCTOBER_FIRST

    # Each teacher reads only their own statement.
    mine = await teacher_statement(centre.teacher)
    assert mine is not None and mine.line.total == tenge(6000 + 600 + 5000) + 53_334
    assert statement_text(mine, "en").splitlines()[0] == "Salary for 09.2026: Ахметов Ерлан"
    theirs = await teacher_statement(centre.substitute)
    assert theirs is not None and theirs.line.total == tenge(2500)
    assert await teacher_statement(centre.students[0]) is None


async def test_approval_is_refused_before_the_month_ends_or_after_a_change(
    deps: Deps, clock: FrozenClock
):
    month = await september(deps, clock)
    centre, accountant = month.centre, month.accountant
    with pytest.raises(NotFound, match="not been computed"):
        await approve_payroll(deps, accountant, month=SEPTEMBER)
    await compute_payroll(deps, accountant, month=SEPTEMBER)
    clock.current = datetime(2026, 9, 30, 12, 0, tzinfo=UTC)
    with pytest.raises(Conflict, match="not over yet"):
        await approve_payroll(deps, accountant, month=SEPTEMBER)
    clock.current = OCTOBER_FIRST
    await add_adjustment(
        deps,
        accountant,
        teacher_id=centre.substitute.person_id or 0,
        month=SEPTEMBER,
        kind=AdjustmentKind.BONUS,
        amount=Money(tenge(1)),
        reason="Алмастыру",
    )
    with pytest.raises(Conflict, match="Compute it again"):
        await approve_payroll(deps, accountant, month=SEPTEMBER)
    assert (await Payroll.get(month=SEPTEMBER)).status == PayrollStatus.DRAFT
    assert await Expense.all().count() == 0

    await compute_payroll(deps, accountant, month=SEPTEMBER)
    approved = await approve_payroll(deps, accountant, month=SEPTEMBER)
    assert approved.status is PayrollStatus.APPROVED

    # A teacher may neither compute nor approve; nobody computes a month to come.
    with pytest.raises(PermissionDenied):
        await compute_payroll(deps, centre.teacher, month=SEPTEMBER)
    with pytest.raises(PermissionDenied):
        await approve_payroll(deps, centre.teacher, month=SEPTEMBER)
    with pytest.raises(InvalidInput, match="not begun"):
        await compute_payroll(deps, accountant, month=date(2026, 11, 1))


async def test_rules_count_by_date_and_hours_are_rounded_once_per_teacher(
    deps: Deps, clock: FrozenClock
):
    centre = await make_lesson_centre(deps)
    erlan = centre.teacher.person_id or 0
    a, t = centre.students
    # From 1 September: 1 000 ₸ a lesson, 1 500.01 ₸ an hour, 50 000 ₸ a month; from 15
    # September: 2 000 ₸ a lesson and 60 000 ₸ a month.
    await set_salary_rule(
        deps,
        centre.admin,
        teacher_id=erlan,
        data=RuleData(SEPTEMBER, per_lesson=tenge(1000), per_hour=150_001, monthly=tenge(50_000)),
    )
    await set_salary_rule(
        deps,
        centre.admin,
        teacher_id=erlan,
        data=RuleData(
            date(2026, 9, 15), per_lesson=tenge(2000), per_hour=150_001, monthly=tenge(60_000)
        ),
    )
    lessons = [
        await lesson_at(deps, centre, date(2026, 9, day), "15:00", minutes=45)
        for day in (7, 14, 21)
    ]
    clock.current = OCTOBER_FIRST
    for lesson_id in lessons:
        await held(deps, centre, lesson_id, {a: PRESENT, t: ABSENT})

    payroll = await compute_payroll(deps, centre.admin, month=SEPTEMBER)

    (line,) = payroll.lines
    assert line.per_lesson_amount == tenge(1000 + 1000 + 2000)
    assert line.monthly_amount == tenge(60_000)  # the rule of the month's last day
    # 1 500.01 ₸ × 135 min / 60 = 3 375.0225 ₸ → 3 375.02 ₸; rounding each 45 minutes
    # (1 125.0075 ₸ → 1 125.01 ₸) would pay 3 375.03 ₸.
    assert line.hourly_amount == 337_502
    assert line.rates.per_lesson == (tenge(1000), tenge(2000))
    assert line.total == tenge(4000 + 60_000) + 337_502

    overview = await salary_overview(deps, centre.admin, month=SEPTEMBER)
    ours = next(item for item in overview.teachers if item.teacher_id == erlan)
    assert [rule.valid_from for rule in ours.rules] == [date(2026, 9, 15), SEPTEMBER]
    assert ours.current is not None and ours.current.valid_from == date(2026, 9, 15)


async def test_computing_costs_the_same_queries_for_one_teacher_or_many(
    deps: Deps, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
):
    centre = await make_lesson_centre(deps)
    a, t = centre.students
    teachers = [centre.teacher] + [
        await make_member(deps, centre.system, Role.TEACHER, last_name=f"Мұғалім{n}")
        for n in range(3)
    ]
    for teacher in teachers:
        await set_salary_rule(
            deps,
            centre.admin,
            teacher_id=teacher.person_id or 0,
            data=RuleData(SEPTEMBER, per_lesson=tenge(1000), per_student=tenge(100)),
        )
    first = await lesson_at(deps, centre, date(2026, 9, 7), "15:00")
    others = [
        await lesson_at(deps, centre, date(2026, 9, 8 + n), "15:00", teacher=teacher)
        for n, teacher in enumerate(teachers[1:])
    ]
    clock.current = OCTOBER_FIRST
    await held(deps, centre, first, {a: PRESENT, t: LATE})
    await compute_payroll(deps, centre.admin, month=SEPTEMBER)
    with counting_queries(monkeypatch) as seen:
        await compute_payroll(deps, centre.admin, month=SEPTEMBER)
    one = len(seen)
    for lesson_id, teacher in zip(others, teachers[1:], strict=True):
        await held(deps, centre, lesson_id, {a: PRESENT, t: PRESENT}, by=teacher)
    with counting_queries(monkeypatch) as seen:
        payroll = await compute_payroll(deps, centre.admin, month=SEPTEMBER)
    assert len(payroll.lines) == 4
    assert {line.total for line in payroll.lines} == {tenge(1200)}
    assert 0 < one == len(seen)


def test_months_and_percents_are_read_as_people_type_them():
    assert parse_month("2026-09") == parse_month("09.2026") == parse_month(" 9/2026 ") == SEPTEMBER
    assert [parse_percent(text) for text in ("10", "7,5", "12.25 %", "", "100")] == [
        1000,
        750,
        1225,
        0,
        10_000,
    ]
    for bad in ("2026-13", "сентябрь", "09.26"):
        with pytest.raises(InvalidInput):
            parse_month(bad)
    for bad in ("101", "-5", "1.234", "он"):
        with pytest.raises(InvalidInput):
            parse_percent(bad)


# --- found in review (issue 6) ----------------------------------------------------------------


def test_a_deduction_in_the_statement_has_no_second_minus():
    def adjustment(amount: int, reason: str) -> AdjustmentView:
        return AdjustmentView(
            1, 7, "Ахметов Ерлан", SEPTEMBER, amount, "KZT", reason, OCTOBER_FIRST
        )

    statement = Statement(
        month=SEPTEMBER,
        teacher_id=7,
        teacher_name="Ахметов Ерлан",
        currency="KZT",
        line=PayrollLineView(
            7,
            "Ахметов Ерлан",
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            tenge(100_000),
            0,
            tenge(-4000),
            tenge(96_000),
            Rates(monthly=tenge(100_000)),
            has_rule=True,
        ),
        adjustments=(adjustment(tenge(1000), "Олимпиада"), adjustment(tenge(-5000), "Кешікті")),
        approved_at=OCTOBER_FIRST,
    )

    lines = statement_details(statement, "en").splitlines()

    assert f"Bonus: {en(100_000)} — Олимпиада" in lines
    assert f"Deduction: {en(500_000)} — Кешікті" in lines
    assert f"Total: {en(9_600_000)}" in lines


async def test_the_salaries_pages_open_on_the_month_to_pay_in_the_organisations_zone(
    deps: Deps, clock: FrozenClock
):
    system = await make_organisation(deps)
    accountant = await make_member(deps, system, Role.ACCOUNTANT)
    # 30 September, 20:00 UTC: already 1 October in Almaty, so September is the one to pay.
    clock.current = datetime(2026, 9, 30, 20, 0, tzinfo=UTC)

    assert await chosen_month(deps, accountant) == SEPTEMBER
    assert await chosen_month(deps, accountant, " 08.2026 ") == date(2026, 8, 1)
    with pytest.raises(InvalidInput):
        await chosen_month(deps, accountant, "сентябрь")
