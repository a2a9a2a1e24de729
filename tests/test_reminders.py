"""core.services.reminders (issue 5): lesson reminders, the "tomorrow" digest and overdue
homework, queued by an idempotent ``tick`` — never repeated, never lost across restarts."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.actor import Actor
from core.clock import FrozenClock
from core.deps import Deps, build_deps
from core.i18n import gettext_for
from core.models.lessons import Homework, Lesson, LessonStatus, Room, RoomKind, Submission
from core.models.notifications import OutboxMessage
from core.models.people import Role
from core.services.academics import (
    CourseData,
    GroupData,
    create_course,
    create_group,
    enrol_student,
)
from core.services.accounts import create_invitation, do_accept_invitation_telegram
from core.services.lesson_settings import (
    LessonSettingsData,
    set_reminder_choice,
    update_lesson_settings,
)
from core.services.lessons import do_create_lesson
from core.services.orgs import OrganisationData, get_organisation, update_organisation
from core.services.outbox import claim_due
from core.services.people import PersonData, archive_person, create_person
from core.services.reminders import (
    ALL_HANDED_IN,
    DIGEST_CHILD,
    DIGEST_OWN,
    OVERDUE_PARENT,
    OVERDUE_STUDENT,
    OVERDUE_TEACHER,
    REMINDER_PARENT,
    REMINDER_STUDENT,
    REMINDER_TEACHER,
    REMINDER_TEACHER_NO_ROOM,
    tick,
)
from core.tx import Tx, transaction
from tests.factories import make_member, make_organisation, make_student
from tests.test_query_counts import counting_queries

ALMATY = ZoneInfo("Asia/Almaty")
_telegram_ids = itertools.count(8_100_001)


@dataclass(frozen=True)
class Centre:
    """A group with a teacher (reads Kazakh), a student (Russian) and her parent (English),
    all linked to Telegram; the course is named in each language."""

    admin: Actor
    teacher: int
    student: int
    parent: int
    group_id: int
    room_id: int

    @property
    def organisation_id(self) -> int:
        return self.admin.organisation_id

    def actor(self, person_id: int, role: Role) -> Actor:
        return Actor(
            person_id=person_id, organisation_id=self.organisation_id, roles=frozenset({role})
        )


async def link_telegram(deps: Deps, admin: Actor, person_id: int, language: str | None) -> None:
    invitation = await create_invitation(deps, admin, person_id=person_id)
    async with transaction(deps) as tx:
        await do_accept_invitation_telegram(
            tx, code=invitation.code, telegram_user_id=next(_telegram_ids), language=language
        )


async def make_centre(
    deps: Deps, *, name: str = "Білім орталығы", timezone: str | None = None
) -> Centre:
    system = await make_organisation(deps, name=name)
    admin = await make_member(deps, system, Role.ADMIN)
    if timezone is not None:
        current = await get_organisation(admin)
        await update_organisation(
            deps,
            admin,
            organisation_id=admin.organisation_id,
            data=OrganisationData(name_ru=current.name_ru, timezone=timezone),
        )
    teacher = await create_person(
        deps,
        admin,
        data=PersonData(last_name="Ахметов", first_name="Ерлан"),
        roles=(Role.TEACHER,),
    )
    student = await make_student(deps, admin, "Омарова", "Айгерім")
    parent = await create_person(
        deps,
        admin,
        data=PersonData(last_name="Омарова", first_name="Сәуле"),
        roles=(Role.PARENT,),
        parent_of=student,
    )
    course = await create_course(
        deps,
        admin,
        data=CourseData(name_kk="Алгебра негіздері", name_ru="Алгебра", name_en="Algebra"),
    )
    group = await create_group(
        deps,
        admin,
        data=GroupData(course_id=course.id, name="7А", capacity=10, teacher_ids=(teacher.id,)),
    )
    await enrol_student(deps, admin, group_id=group.id, student_id=student)
    for person_id, language in ((teacher.id, "kk"), (student, "ru"), (parent.id, "en")):
        await link_telegram(deps, admin, person_id, language)
    room = await Room.create(
        organisation_id=admin.organisation_id,
        name="204",
        kind=RoomKind.CLASSROOM,
        capacity=12,
        created_at=deps.clock.now(),
    )
    return Centre(admin, teacher.id, student, parent.id, group.id, room.id)


async def add_lesson(
    deps: Deps, centre: Centre, starts_at: datetime, *, minutes: int = 90, room: bool = True
) -> int:
    async with transaction(deps) as tx:
        lesson = await do_create_lesson(
            tx,
            centre.admin,
            group_id=centre.group_id,
            teacher_id=centre.teacher,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=minutes),
            room_id=centre.room_id if room else None,
        )
    return lesson.id


async def queued(prefix: str = "") -> list[tuple[int, str]]:
    """(person, dedupe key) of every queued message whose key starts with ``prefix``."""
    rows = await OutboxMessage.filter(dedupe_key__startswith=prefix).order_by("id")
    return [(row.person_id, row.dedupe_key or "") for row in rows]


async def people_told(prefix: str = "") -> list[int]:
    return sorted(person for person, _ in await queued(prefix))


def local(moment: datetime, zone: ZoneInfo = ALMATY) -> str:
    return moment.astimezone(zone).strftime("%d.%m %H:%M")


# --- lesson reminders -------------------------------------------------------------------------


async def test_student_parent_and_teacher_each_get_one_reminder_an_hour_before_in_their_language(
    deps: Deps, clock: FrozenClock
):
    centre = await make_centre(deps)
    starts = clock.now() + timedelta(hours=3)
    lesson = await add_lesson(deps, centre, starts)

    clock.current = starts - timedelta(minutes=61)
    assert (await tick(deps)).reminders == 0
    clock.current = starts - timedelta(minutes=60)
    assert (await tick(deps)).reminders == 3
    assert (await tick(deps)).reminders == 0

    assert await people_told(f"lesson:{lesson}:") == sorted(
        [centre.teacher, centre.student, centre.parent]
    )
    texts = {
        d.person_id: (d.language, d.text) for d in await claim_due(deps, bot="main", limit=10)
    }
    when = local(starts)
    assert texts[centre.student] == (
        "ru",
        gettext_for("ru", REMINDER_STUDENT).format(
            course="Алгебра", group="7А", time=when, room="204", teacher="Ахметов Ерлан"
        ),
    )
    assert texts[centre.parent] == (
        "en",
        gettext_for("en", REMINDER_PARENT).format(
            child="Омарова Айгерім",
            course="Algebra",
            group="7А",
            time=when,
            room="204",
            teacher="Ахметов Ерлан",
        ),
    )
    assert texts[centre.teacher] == (
        "kk",
        gettext_for("kk", REMINDER_TEACHER).format(
            course="Алгебра негіздері", group="7А", time=when, room="204"
        ),
    )
    assert when != starts.strftime("%d.%m %H:%M")  # the organisation's time, not UTC


async def test_each_persons_own_lead_counts_and_zero_turns_reminders_off(
    deps: Deps, clock: FrozenClock
):
    centre = await make_centre(deps)
    starts = clock.now() + timedelta(hours=3)
    lesson = await add_lesson(deps, centre, starts, room=False)
    await set_reminder_choice(
        deps, centre.actor(centre.student, Role.STUDENT), reminder_minutes=15
    )
    await set_reminder_choice(deps, centre.actor(centre.parent, Role.PARENT), reminder_minutes=0)

    clock.current = starts - timedelta(minutes=60)
    await tick(deps)
    assert await people_told() == [centre.teacher]
    clock.current = starts - timedelta(minutes=16)
    await tick(deps)
    assert await people_told() == [centre.teacher]
    clock.current = starts - timedelta(minutes=15)
    await tick(deps)
    assert await people_told() == sorted([centre.teacher, centre.student])
    clock.current = starts - timedelta(minutes=1)
    await tick(deps)

    assert await people_told(f"lesson:{lesson}:") == sorted([centre.teacher, centre.student])
    (teacher,) = [
        d for d in await claim_due(deps, bot="main", limit=10) if d.person_id == centre.teacher
    ]
    assert teacher.text == gettext_for("kk", REMINDER_TEACHER_NO_ROOM).format(
        course="Алгебра негіздері", group="7А", time=local(starts)
    )


async def test_a_one_day_lead_reminds_only_its_chooser_a_day_before(
    deps: Deps, clock: FrozenClock
):
    centre = await make_centre(deps)
    await set_reminder_choice(
        deps, centre.actor(centre.parent, Role.PARENT), reminder_minutes=24 * 60
    )
    starts = clock.now() + timedelta(days=2)
    lesson = await add_lesson(deps, centre, starts)

    clock.current = starts - timedelta(days=1, minutes=1)
    await tick(deps)
    assert await queued() == []
    clock.current = starts - timedelta(days=1)
    assert (await tick(deps)).reminders == 1
    clock.current = starts - timedelta(hours=2)
    assert (await tick(deps)).reminders == 0
    clock.current = starts - timedelta(hours=1)
    assert (await tick(deps)).reminders == 2

    assert await people_told(f"lesson:{lesson}:") == sorted(
        [centre.teacher, centre.student, centre.parent]
    )


async def test_the_organisations_lead_applies_to_those_without_their_own(
    deps: Deps, clock: FrozenClock
):
    centre = await make_centre(deps)
    await update_lesson_settings(deps, centre.admin, data=LessonSettingsData(reminder_minutes=120))
    starts = clock.now() + timedelta(hours=3)
    await add_lesson(deps, centre, starts)

    clock.current = starts - timedelta(minutes=121)
    await tick(deps)
    assert await people_told() == []
    clock.current = starts - timedelta(minutes=120)
    await tick(deps)
    assert len(await people_told()) == 3


async def test_a_moved_lesson_reminds_again_at_its_new_time(deps: Deps, clock: FrozenClock):
    centre = await make_centre(deps)
    starts = clock.now() + timedelta(hours=3)
    lesson = await add_lesson(deps, centre, starts)
    clock.current = starts - timedelta(minutes=60)
    await tick(deps)
    assert len(await queued()) == 3

    moved = starts + timedelta(hours=2)
    await Lesson.filter(id=lesson).update(starts_at=moved, ends_at=moved + timedelta(minutes=90))
    await tick(deps)
    assert len(await queued()) == 3  # the new reminder's moment has not come yet
    clock.current = moved - timedelta(minutes=60)
    await tick(deps)
    await tick(deps)

    assert len(await queued()) == 6
    new = await OutboxMessage.filter(dedupe_key__endswith=f":{int(moved.timestamp())}")
    assert {row.person_id for row in new} == {centre.teacher, centre.student, centre.parent}
    assert {row.params["time"] for row in new} == {local(moved)}


async def test_a_cancelled_lesson_reminds_nobody(deps: Deps, clock: FrozenClock):
    centre = await make_centre(deps)
    starts = clock.now() + timedelta(hours=3)
    lesson = await add_lesson(deps, centre, starts)
    await Lesson.filter(id=lesson).update(status=LessonStatus.CANCELLED)

    for before in (60, 30, 1):
        clock.current = starts - timedelta(minutes=before)
        await tick(deps)

    assert await queued() == []


async def test_a_restart_in_the_middle_of_reminder_time_neither_loses_nor_repeats(
    deps: Deps, clock: FrozenClock
):
    """Issue 5's "done when": ticks from a fresh process at T+30 s and after downtime."""
    centre = await make_centre(deps)
    start = clock.now() + timedelta(hours=1)
    now_due = await add_lesson(deps, centre, start)  # its moment is T
    in_gap_started = await add_lesson(deps, centre, start + timedelta(hours=1))
    in_gap_coming = await add_lesson(deps, centre, start + timedelta(hours=2, minutes=30))
    clock.current = start - timedelta(hours=1)

    first = await tick(deps)

    assert first.reminders == 3
    # A new process (its own deps, same database) half a minute later.
    clock.advance(timedelta(seconds=30))
    restarted = build_deps(deps.settings, clock=FrozenClock(clock.now()))
    try:
        assert (await tick(restarted)).reminders == 0
        # Down for three hours: one lesson's moment passed and it started; another's
        # moment passed but it is still to come.
        restarted.clock.current = start + timedelta(hours=2)  # type: ignore[attr-defined]
        after_gap = await tick(restarted)
        assert (await tick(restarted)).reminders == 0
    finally:
        await restarted.aclose()

    assert after_gap.reminders == 3
    everyone = sorted([centre.teacher, centre.student, centre.parent])
    assert await people_told(f"lesson:{now_due}:") == everyone
    assert await people_told(f"lesson:{in_gap_started}:") == []
    assert await people_told(f"lesson:{in_gap_coming}:") == everyone


async def test_archived_people_and_the_parents_of_an_archived_student_get_nothing(
    deps: Deps, clock: FrozenClock
):
    centre = await make_centre(deps)
    await archive_person(deps, centre.admin, person_id=centre.student)
    starts = clock.now() + timedelta(hours=3)
    await add_lesson(deps, centre, starts)

    clock.current = starts - timedelta(minutes=60)
    await tick(deps)

    assert await people_told() == [centre.teacher]


async def test_people_without_telegram_are_not_queued(deps: Deps, clock: FrozenClock):
    centre = await make_centre(deps)
    unlinked = await make_student(deps, centre.admin, "Ким", "Тимур")
    await enrol_student(deps, centre.admin, group_id=centre.group_id, student_id=unlinked)
    starts = clock.now() + timedelta(hours=3)
    await add_lesson(deps, centre, starts)

    clock.current = starts - timedelta(minutes=60)
    await tick(deps)

    assert unlinked not in await people_told()
    assert len(await people_told()) == 3


async def _planning_queries(deps: Deps, clock: FrozenClock, monkeypatch, groups: int) -> int:
    centre = await make_centre(deps, name=f"Орталық {groups}")
    course = await create_course(deps, centre.admin, data=CourseData(name_ru="Физика"))
    starts = clock.now() + timedelta(hours=3)
    for index in range(groups):
        group = await create_group(
            deps,
            centre.admin,
            data=GroupData(
                course_id=course.id, name=f"Ф-{index}", capacity=10, teacher_ids=(centre.teacher,)
            ),
        )
        for number in range(3):
            student = await make_student(deps, centre.admin, f"Оқушы{index}", f"Аты{number}")
            await enrol_student(deps, centre.admin, group_id=group.id, student_id=student)
            await link_telegram(deps, centre.admin, student, "kk")
        async with transaction(deps) as tx:
            await do_create_lesson(
                tx,
                centre.admin,
                group_id=group.id,
                teacher_id=centre.teacher,
                starts_at=starts + timedelta(minutes=index),
                ends_at=starts + timedelta(minutes=index + 45),
            )
    clock.current = starts - timedelta(minutes=30)
    first = await tick(deps)
    assert first.reminders == 4 * groups
    with counting_queries(monkeypatch) as seen:
        again = await tick(deps)
    assert (again.lessons, again.reminders) == (groups, 0)
    await Lesson.all().update(status=LessonStatus.CANCELLED)
    return len(seen)


async def test_planning_costs_the_same_queries_for_2_or_12_lessons(deps, clock, monkeypatch):
    few = await _planning_queries(deps, clock, monkeypatch, 2)
    clock.current = datetime(2026, 9, 1, 6, 0, tzinfo=UTC)
    many = await _planning_queries(deps, clock, monkeypatch, 12)
    assert 0 < few == many


# --- the "tomorrow" digest ----------------------------------------------------------------------


def at_local(day: date, hour: int, zone: ZoneInfo, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zone).astimezone(UTC)


async def test_the_digest_goes_once_a_day_at_the_local_hour_of_each_organisation(
    deps: Deps, clock: FrozenClock
):
    almaty = await make_centre(deps)
    utc = await make_centre(deps, name="London School", timezone="UTC")
    today = date(2026, 9, 1)
    tomorrow = today + timedelta(days=1)
    morning = at_local(tomorrow, 9, ALMATY)
    await add_lesson(deps, almaty, morning)
    await add_lesson(deps, almaty, at_local(tomorrow, 15, ALMATY), room=False)
    cancelled = await add_lesson(deps, almaty, at_local(tomorrow, 17, ALMATY))
    await Lesson.filter(id=cancelled).update(status=LessonStatus.CANCELLED)
    await add_lesson(deps, almaty, at_local(tomorrow + timedelta(days=1), 9, ALMATY))
    await add_lesson(deps, utc, at_local(tomorrow, 9, ZoneInfo("UTC")))

    clock.current = at_local(today, 18, ALMATY, minute=59)
    await tick(deps)
    assert await queued("digest:") == []
    clock.current = at_local(today, 19, ALMATY)
    assert (await tick(deps)).digests == 3
    clock.current = at_local(today, 23, ALMATY, minute=30)
    assert (await tick(deps)).digests == 0
    # 19:00 in London is the next morning in Almaty: only the UTC school's people now.
    clock.current = at_local(today, 19, ZoneInfo("UTC"))
    assert (await tick(deps)).digests == 3

    almaty_people = sorted([almaty.teacher, almaty.student, almaty.parent])
    told = await OutboxMessage.filter(
        dedupe_key__startswith="digest:", organisation_id=almaty.organisation_id
    )
    assert sorted(row.person_id for row in told) == almaty_people
    assert {row.dedupe_key for row in told} == {
        f"digest:{almaty.teacher}:0:{tomorrow}",
        f"digest:{almaty.student}:0:{tomorrow}",
        f"digest:{almaty.parent}:{almaty.student}:{tomorrow}",
    }
    texts = {d.person_id: d.text for d in await claim_due(deps, bot="main", limit=20)}
    assert texts[almaty.parent] == gettext_for("en", DIGEST_CHILD).format(
        child="Омарова Айгерім",
        date="02.09.2026",
        lessons="09:00–10:30 Algebra (7А), 204, Ахметов Ерлан\n"
        "15:00–16:30 Algebra (7А), Ахметов Ерлан",
    )
    assert texts[almaty.teacher] == gettext_for("kk", DIGEST_OWN).format(
        date="02.09.2026",
        lessons="09:00–10:30 Алгебра негіздері (7А), 204\n15:00–16:30 Алгебра негіздері (7А)",
    )

    # The next day, at the same hour, the next day's lessons.
    clock.current = at_local(tomorrow, 19, ALMATY)
    assert (await tick(deps)).digests == 3


async def test_each_persons_digest_hour_and_off(deps: Deps, clock: FrozenClock):
    centre = await make_centre(deps)
    today = date(2026, 9, 1)
    await add_lesson(deps, centre, at_local(today + timedelta(days=1), 10, ALMATY))
    await set_reminder_choice(deps, centre.actor(centre.student, Role.STUDENT), digest_hour=20)
    await set_reminder_choice(deps, centre.actor(centre.parent, Role.PARENT), digest_hour=-1)

    clock.current = at_local(today, 19, ALMATY)
    await tick(deps)
    assert await people_told("digest:") == [centre.teacher]
    clock.current = at_local(today, 20, ALMATY)
    await tick(deps)
    assert await people_told("digest:") == sorted([centre.teacher, centre.student])


async def test_a_digest_missed_while_down_goes_out_at_the_next_quarter_hour(
    deps: Deps, clock: FrozenClock
):
    centre = await make_centre(deps)
    today = date(2026, 9, 1)
    await add_lesson(deps, centre, at_local(today + timedelta(days=1), 10, ALMATY))

    clock.current = at_local(today, 19, ALMATY, minute=7)  # the process came back at 19:07
    await tick(deps)
    assert await queued("digest:") == []
    clock.current = at_local(today, 19, ALMATY, minute=15)
    assert (await tick(deps)).digests == 3


async def test_no_digest_without_lessons_tomorrow(deps: Deps, clock: FrozenClock):
    centre = await make_centre(deps)
    today = date(2026, 9, 1)
    await add_lesson(deps, centre, at_local(today + timedelta(days=2), 10, ALMATY))

    clock.current = at_local(today, 19, ALMATY)
    await tick(deps)

    assert await queued("digest:") == []


# --- overdue homework ---------------------------------------------------------------------------


async def do_set_homework(tx: Tx, *, lesson_id: int, text: str, due_at: datetime) -> int:
    """Homework as a teacher sets it (the homework service is another slice's)."""
    lesson = await Lesson.get(id=lesson_id)
    row = await Homework.create(
        organisation_id=lesson.organisation_id,  # type: ignore[attr-defined]
        lesson_id=lesson_id,
        group_id=lesson.group_id,  # type: ignore[attr-defined]
        text=text,
        due_at=due_at,
        created_at=tx.now,
        updated_at=tx.now,
    )
    return row.id


async def test_overdue_homework_is_told_once_to_students_who_did_not_hand_it_in_and_parents(
    deps: Deps, clock: FrozenClock
):
    centre = await make_centre(deps)
    diligent = await make_student(deps, centre.admin, "Ким", "Тимур")
    await enrol_student(deps, centre.admin, group_id=centre.group_id, student_id=diligent)
    await link_telegram(deps, centre.admin, diligent, "ru")
    lesson = await add_lesson(deps, centre, clock.now() + timedelta(hours=1))
    due = clock.now() + timedelta(days=2)
    async with transaction(deps) as tx:
        homework = await do_set_homework(
            tx, lesson_id=lesson, text="§5, 1–10   есептер", due_at=due
        )
        await Submission.create(
            homework_id=homework,
            student_id=diligent,
            text="дайын",
            status="submitted",
            submitted_at=tx.now,
        )

    clock.current = due - timedelta(minutes=1)
    assert (await tick(deps)).overdue == 0
    clock.current = due + timedelta(minutes=1)
    assert (await tick(deps)).overdue == 3
    clock.current = due + timedelta(hours=5)
    assert (await tick(deps)).overdue == 0

    assert await people_told("overdue:") == sorted([centre.student, centre.parent, centre.teacher])
    texts = {d.person_id: d.text for d in await claim_due(deps, bot="main", limit=20)}
    assert texts[centre.teacher] == gettext_for("kk", OVERDUE_TEACHER).format(
        course="Алгебра негіздері", group="7А", due=local(due), students="Омарова Айгерім"
    )
    assert texts[centre.student] == gettext_for("ru", OVERDUE_STUDENT).format(
        course="Алгебра", group="7А", due=local(due), task="§5, 1–10 есептер"
    )
    assert texts[centre.parent] == gettext_for("en", OVERDUE_PARENT).format(
        child="Омарова Айгерім",
        course="Algebra",
        group="7А",
        due=local(due),
        task="§5, 1–10 есептер",
    )


@pytest.mark.parametrize("late_by", [timedelta(hours=23), timedelta(days=3)])
async def test_overdue_notices_catch_up_after_downtime_within_a_day(
    deps: Deps, clock: FrozenClock, late_by: timedelta
):
    centre = await make_centre(deps)
    lesson = await add_lesson(deps, centre, clock.now() + timedelta(hours=1))
    due = clock.now() + timedelta(days=1)
    async with transaction(deps) as tx:
        await do_set_homework(tx, lesson_id=lesson, text="Эссе", due_at=due)

    clock.current = due + late_by
    await tick(deps)

    told = await people_told("overdue:")
    everyone = sorted([centre.student, centre.parent, centre.teacher])
    assert told == (everyone if late_by < timedelta(days=1) else [])


async def test_when_everyone_handed_in_only_the_teacher_hears_so(deps: Deps, clock: FrozenClock):
    centre = await make_centre(deps)
    lesson = await add_lesson(deps, centre, clock.now() + timedelta(hours=1))
    due = clock.now() + timedelta(days=1)
    async with transaction(deps) as tx:
        homework = await do_set_homework(tx, lesson_id=lesson, text="Эссе", due_at=due)
        await Submission.create(
            homework_id=homework,
            student_id=centre.student,
            text="дайын",
            status="submitted",
            submitted_at=tx.now,
        )

    clock.current = due + timedelta(minutes=1)
    assert (await tick(deps)).overdue == 1
    assert (await tick(deps)).overdue == 0

    assert await people_told("overdue:") == [centre.teacher]
    (summary,) = await claim_due(deps, bot="main", limit=20)
    assert summary.text == gettext_for("kk", ALL_HANDED_IN).format(
        course="Алгебра негіздері", group="7А", due=local(due)
    )


async def test_a_long_list_is_queued_in_several_transactions_and_all_of_it_arrives(
    deps: Deps, clock: FrozenClock, monkeypatch
):
    monkeypatch.setattr("core.services.reminders._QUEUE_BATCH", 2)
    centre = await make_centre(deps)
    starts = clock.now() + timedelta(hours=3)
    lesson = await add_lesson(deps, centre, starts)
    clock.current = starts - timedelta(minutes=60)

    assert (await tick(deps)).reminders == 3
    assert (await tick(deps)).reminders == 0
    assert len(await people_told(f"lesson:{lesson}:")) == 3
