"""What the scheduler tells people on its own: lesson reminders, the "your lessons tomorrow"
digest and overdue homework.

``tick`` runs every minute (``sabaq/scheduler.py``) and may run again at any moment: after a
restart, or in two processes at once if the leader lock was lost mid-tick. It keeps no state
of its own. Each tick reads what is due *now* from the database and queues it in the outbox
under a dedupe key, so a repeated tick queues nothing new (never repeat) and the first tick
after downtime queues whatever fell due meanwhile and is still worth saying (never lose):

- **lesson reminder**, key ``lesson:<lesson>:<person>:<child>:<starts_at>``: due from
  ``starts_at - lead`` until the lesson starts, ``lead`` being the person's choice, else the
  organisation's (``reminder_choice``; 0 is off). ``starts_at`` (epoch seconds) is in the key
  so a moved lesson reminds again at its new time; a cancelled or started one is not looked at.
  Lessons within the organisations' leads are looked at for everyone; lessons further ahead
  only for the few people who chose a longer lead themselves.
- **digest**, key ``digest:<person>:<child>:<tomorrow>``: due from the person's digest hour
  until local midnight (the organisation's time zone), when they have lessons tomorrow. The
  digests due are looked for every ``DIGEST_EVERY`` minutes of local time (digest hours are
  whole, so nobody waits; after downtime they go out at the next quarter hour).
- **overdue homework**, key ``overdue:<homework>:<student>:<person>``: due once the due time
  has passed without a submission, for ``OVERDUE_WINDOW`` (a notice days late is noise); the
  lesson's teacher gets a summary (``overdue:<homework>:summary``) of who is late, or that
  everyone handed in, which also marks the homework as done with.

The recipients of a lesson are its teacher (the substitute, when there is one), the students
enrolled in its group on its day and their parents (a parent hears about each child
separately, by name); a person whose memberships in the lesson's organisation (and its
ancestors) are all archived gets nothing, and neither do the parents of such a student. Only
people with a linked Telegram account are queued: the outbox has no other channel yet, and
queuing for the rest would only fill it with undeliverable rows.

Everything is read in a fixed number of queries per tick whatever the number of lessons and
people (``IN`` lists are cut in slices of ``_CHUNK``); messages are queued a hundred to a
transaction, after one look at which of their keys the outbox has already.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from typing import TypeVar
from zoneinfo import ZoneInfo

from tortoise.functions import Min

from core.config import Language
from core.deps import Deps
from core.i18n import N_, pick_language
from core.models.academics import Enrolment
from core.models.lessons import (
    Homework,
    Lesson,
    LessonSettings,
    LessonStatus,
    ReminderPreference,
    Submission,
)
from core.models.notifications import OutboxMessage
from core.models.org import Organisation
from core.models.people import Account, Membership, ParentLink
from core.services.lesson_settings import LessonSettingsData, lesson_settings_of, reminder_choices
from core.services.lessons import (
    LessonView,
    format_day,
    format_when,
    lesson_views,
    local_days,
    person_names,
)
from core.services.outbox import do_enqueue
from core.tx import transaction

#: Overdue homework is told about until this long after its due time.
OVERDUE_WINDOW = timedelta(days=1)
#: How often (minutes, local) the digests due are looked for.
DIGEST_EVERY = 15
_CHUNK = 500
_QUEUE_BATCH = 100
_T = TypeVar("_T")

# Each sentence exists with and without a room: an online lesson or one without a room yet.
REMINDER_STUDENT = N_("Reminder: {course} ({group}) at {time}, room {room}. Teacher: {teacher}.")
REMINDER_STUDENT_NO_ROOM = N_("Reminder: {course} ({group}) at {time}. Teacher: {teacher}.")
REMINDER_PARENT = N_(
    "Reminder: {child} has {course} ({group}) at {time}, room {room}. Teacher: {teacher}."
)
REMINDER_PARENT_NO_ROOM = N_(
    "Reminder: {child} has {course} ({group}) at {time}. Teacher: {teacher}."
)
REMINDER_TEACHER = N_("Reminder: you teach {course} ({group}) at {time}, room {room}.")
REMINDER_TEACHER_NO_ROOM = N_("Reminder: you teach {course} ({group}) at {time}.")
DIGEST_OWN = N_("Your lessons tomorrow, {date}:\n{lessons}")
DIGEST_CHILD = N_("Lessons of {child} tomorrow, {date}:\n{lessons}")
OVERDUE_STUDENT = N_(
    "The homework for {course} ({group}) was due {due} and is not handed in yet: {task}"
)
OVERDUE_PARENT = N_(
    "{child} has not handed in the homework for {course} ({group}) that was due {due}: {task}"
)
OVERDUE_TEACHER = N_(
    "These students have not handed in the homework for {course} ({group}) due {due}: {students}."
)
ALL_HANDED_IN = N_("Everyone has handed in the homework for {course} ({group}) due {due}.")
#: How much of the task an overdue notice quotes.
TASK_PREVIEW = 200


@dataclass(frozen=True)
class TickReport:
    """What one tick looked at and queued (duplicates of earlier ticks are not counted)."""

    lessons: int = 0
    reminders: int = 0
    digests: int = 0
    overdue: int = 0


class _Kind(Enum):
    TEACHER = "teacher"
    STUDENT = "student"
    PARENT = "parent"


@dataclass(frozen=True)
class _Recipient:
    person_id: int
    kind: _Kind
    child_id: int | None = None


@dataclass(frozen=True)
class _Message:
    key: str
    person_id: int
    organisation_id: int
    message: str
    params: dict[str, object]


@dataclass(frozen=True)
class _Organisation:
    id: int
    parent_id: int | None
    timezone: str
    language: str | None


@dataclass(frozen=True)
class _Slot:
    """What planning needs of a lesson (the full row is read only for what is queued)."""

    id: int
    organisation_id: int
    group_id: int
    teacher_id: int
    starts_at: datetime


async def _slots(**filters: object) -> list[_Slot]:
    rows = await Lesson.filter(status=LessonStatus.PLANNED, **filters).values_list(
        "id", "organisation_id", "group_id", "teacher_id", "starts_at"
    )
    return [_Slot(*row) for row in rows]


@dataclass
class _World:
    """The organisations, and who among the people looked at can be told what, where."""

    deps: Deps
    organisations: dict[int, _Organisation]
    #: Linked people and their own language choice (None: not chosen).
    languages: dict[int, str | None] = field(default_factory=dict)
    #: The organisations where each person holds an active (not archived) membership.
    active_in: dict[int, set[int]] = field(default_factory=dict)

    def lineage(self, organisation_id: int) -> list[int]:
        chain: list[int] = []
        current: int | None = organisation_id
        while current is not None and current not in chain and current in self.organisations:
            chain.append(current)
            current = self.organisations[current].parent_id
        return chain

    def zone(self, organisation_id: int) -> ZoneInfo:
        return ZoneInfo(self.organisations[organisation_id].timezone)

    def active(self, person_id: int, organisation_id: int) -> bool:
        orgs = self.active_in.get(person_id, set())
        return any(org_id in orgs for org_id in self.lineage(organisation_id))

    def reachable(self, person_id: int, organisation_id: int) -> bool:
        return person_id in self.languages and self.active(person_id, organisation_id)

    def language(self, person_id: int, organisation_id: int) -> Language:
        """As the outbox renders: the person's choice, the organisation's default, ours."""
        organisation = self.organisations.get(organisation_id)
        return pick_language(
            self.languages.get(person_id),
            organisation.language if organisation else None,
            default=self.deps.settings.default_language,
        )

    async def learn(self, person_ids: Iterable[int]) -> None:
        """Load the accounts and memberships of people not looked at yet."""
        new = sorted(set(person_ids) - self.active_in.keys())
        for chunk in _chunks(new):
            for person_id, language in await Account.filter(
                person_id__in=chunk, telegram_user_id__isnull=False
            ).values_list("person_id", "language"):
                self.languages[int(person_id)] = language
            for person_id in chunk:
                self.active_in[person_id] = set()
            for person_id, org_id in await Membership.filter(
                person_id__in=chunk, archived_at__isnull=True
            ).values_list("person_id", "organisation_id"):
                self.active_in[int(person_id)].add(int(org_id))


def _chunks(items: Sequence[_T], size: int = _CHUNK) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


async def tick(deps: Deps, *, now: datetime | None = None) -> TickReport:
    """Queue every reminder, digest and overdue notice that is due at ``now`` (default: the
    clock's) and was not queued before; safe to call again at any time.

    Raises:
        tortoise.exceptions.OperationalError: the database is unreachable (the scheduler
            logs it; what was queued stays queued and the next tick queues the rest).
    """
    moment = (now or deps.clock.now()).astimezone(UTC)
    world = _World(
        deps=deps,
        organisations={
            int(row["id"]): _Organisation(
                id=int(row["id"]),
                parent_id=row["parent_id"],
                timezone=row["timezone"],
                language=row["default_language"],
            )
            for row in await Organisation.all().values(
                "id", "parent_id", "timezone", "default_language"
            )
        },
    )
    lessons, reminders = await _lesson_reminders(world, moment)
    digests = await _digests(world, moment)
    overdue = await _overdue_homework(world, moment)
    return TickReport(lessons=lessons, reminders=reminders, digests=digests, overdue=overdue)


# --- who hears about a group's lessons ------------------------------------------------------


@dataclass(frozen=True)
class _Audience:
    """The students of each group (with the first local day they count) and their parents;
    with ``only``, just those people (and the children of parents among them)."""

    students: dict[int, list[tuple[int, date]]]
    parents: dict[int, list[int]]
    only: frozenset[int] | None = None

    def _wanted(self, person_id: int) -> bool:
        return self.only is None or person_id in self.only

    def of(self, world: _World, lesson: _Slot) -> list[_Recipient]:
        org_id = lesson.organisation_id
        day = lesson.starts_at.astimezone(world.zone(org_id)).date()
        recipients: list[_Recipient] = []
        teacher = lesson.teacher_id
        if self._wanted(teacher) and world.reachable(teacher, org_id):
            recipients.append(_Recipient(teacher, _Kind.TEACHER))
        for student, since in self.students.get(lesson.group_id, []):
            if since > day or not world.active(student, org_id):
                continue
            if self._wanted(student) and world.reachable(student, org_id):
                recipients.append(_Recipient(student, _Kind.STUDENT))
            recipients.extend(
                _Recipient(parent, _Kind.PARENT, child_id=student)
                for parent in self.parents.get(student, [])
                if world.reachable(parent, org_id)
            )
        return recipients


async def _audience(
    world: _World, lessons: Collection[_Slot], *, only: Collection[int] | None = None
) -> _Audience:
    """Who hears about these lessons; with ``only``, just those people (a handful with a
    long lead of their own), which costs little however many lessons there are."""
    group_ids = {lesson.group_id for lesson in lessons}
    teachers = {lesson.teacher_id for lesson in lessons}
    if only is None:
        students = await _students_of(group_ids)
        student_ids = sorted({student for rows in students.values() for student, _ in rows})
        parents = await _parents_of(student_ids)
        wanted = None
    else:
        wanted = frozenset(only)
        parents = await _parents_of(sorted(wanted), by_parent=True)
        teachers &= wanted
        students = await _students_of(group_ids, among=wanted | parents.keys())
    people = {student for rows in students.values() for student, _ in rows}
    await world.learn([*teachers, *people, *(p for ids in parents.values() for p in ids)])
    return _Audience(students=students, parents=parents, only=wanted)


async def _students_of(
    group_ids: Iterable[int], *, among: Collection[int] | None = None
) -> dict[int, list[tuple[int, date]]]:
    """The students enrolled in each group now (only those ``among``, if given), with the
    day their enrolment starts."""
    groups = sorted(set(group_ids))
    students: dict[int, list[tuple[int, date]]] = defaultdict(list)
    queries = (
        [Enrolment.filter(group_id__in=chunk) for chunk in _chunks(groups)]
        if among is None
        else [
            Enrolment.filter(group_id__in=groups, student_id__in=chunk)
            for chunk in _chunks(sorted(among))
        ]
    )
    for query in queries:
        for group_id, student_id, since in await query.filter(
            active_key__isnull=False
        ).values_list("group_id", "student_id", "starts_on"):
            students[int(group_id)].append((int(student_id), since))
    return dict(students)


async def _parents_of(people: Sequence[int], *, by_parent: bool = False) -> dict[int, list[int]]:
    """Each child's parents: of the children ``people``, or (``by_parent``) among the
    parents ``people``."""
    parents: dict[int, list[int]] = defaultdict(list)
    for chunk in _chunks(people):
        query = (
            ParentLink.filter(parent_id__in=chunk)
            if by_parent
            else ParentLink.filter(child_id__in=chunk)
        )
        for parent_id, child_id in await query.values_list("parent_id", "child_id"):
            parents[int(child_id)].append(int(parent_id))
    return dict(parents)


async def _unsent(keys: Iterable[str]) -> set[str]:
    """The keys no outbox message carries yet."""
    wanted = set(keys)
    for chunk in _chunks(sorted(wanted)):
        wanted.difference_update(
            await OutboxMessage.filter(dedupe_key__in=chunk).values_list("dedupe_key", flat=True)
        )
    return wanted


async def _queue(world: _World, messages: Sequence[_Message]) -> int:
    """Queue the messages, ``_QUEUE_BATCH`` to a transaction; how many were new (a concurrent
    tick may have queued some of them since they were found unsent).

    Each message stands alone (its key makes it idempotent), so the evening's thousands of
    digests need not hold the database's write lock in one long transaction: on SQLite that
    would stall the chat and the bots meanwhile. A failure part-way leaves the rest to the
    next tick."""
    queued = 0
    for batch in _chunks(messages, _QUEUE_BATCH):
        async with transaction(world.deps) as tx:
            for message in batch:
                outbox_id = await do_enqueue(
                    tx,
                    person_id=message.person_id,
                    message=message.message,
                    params=message.params,
                    organisation_id=message.organisation_id,
                    dedupe_key=message.key,
                )
                queued += outbox_id is not None
    return queued


async def _views(lesson_ids: Iterable[int]) -> dict[int, LessonView]:
    lessons: list[Lesson] = []
    for chunk in _chunks(sorted(set(lesson_ids))):
        lessons.extend(await Lesson.filter(id__in=chunk))
    return {view.id: view for view in await lesson_views(lessons)}


# --- lesson reminders ------------------------------------------------------------------------


async def _lesson_reminders(world: _World, now: datetime) -> tuple[int, int]:
    if not world.organisations:
        return 0, 0
    defaults = await lesson_settings_of(world.organisations)
    # Lessons within the organisations' leads concern everyone; those further ahead only
    # the few people who chose a longer lead themselves.
    near = max(settings.reminder_minutes for settings in defaults.values())
    longer = dict(
        await ReminderPreference.filter(reminder_minutes__gt=near).values_list(
            "person_id", "reminder_minutes"
        )
    )
    horizon = max([near, *longer.values()])
    if horizon <= 0:
        return 0, 0
    lessons = await _slots(
        organisation_id__in=list(world.organisations),
        starts_at__gt=now,
        starts_at__lte=now + timedelta(minutes=horizon),
    )
    if not lessons:
        return 0, 0
    near_end = now + timedelta(minutes=near)
    close = [lesson for lesson in lessons if lesson.starts_at <= near_end]
    far = [lesson for lesson in lessons if lesson.starts_at > near_end]
    recipients: dict[int, list[_Recipient]] = {}
    for batch, only in ((close, None), (far, longer.keys())):
        if batch and (only is None or only):
            audience = await _audience(world, batch, only=only)
            recipients.update((lesson.id, audience.of(world, lesson)) for lesson in batch)
    choices = await reminder_choices(
        (recipient.person_id, lesson.organisation_id)
        for lesson in lessons
        for recipient in recipients.get(lesson.id, [])
    )
    due: list[tuple[_Slot, _Recipient]] = []
    for lesson in lessons:
        for recipient in recipients.get(lesson.id, []):
            minutes = choices[recipient.person_id, lesson.organisation_id].reminder_minutes
            if minutes > 0 and now >= lesson.starts_at - timedelta(minutes=minutes):
                due.append((lesson, recipient))
    unsent = await _unsent(_reminder_key(lesson, recipient) for lesson, recipient in due)
    due = [
        (lesson, recipient)
        for lesson, recipient in due
        if _reminder_key(lesson, recipient) in unsent
    ]
    if not due:
        return len(lessons), 0
    views = await _views(lesson.id for lesson, _ in due)
    children = await person_names(r.child_id for _, r in due if r.child_id is not None)
    messages = {
        key: _reminder(world, views[lesson.id], recipient, children, key)
        for lesson, recipient in due
        for key in (_reminder_key(lesson, recipient),)
    }
    return len(lessons), await _queue(world, list(messages.values()))


def _reminder_key(lesson: _Slot, recipient: _Recipient) -> str:
    starts = int(lesson.starts_at.timestamp())
    return f"lesson:{lesson.id}:{recipient.person_id}:{recipient.child_id or 0}:{starts}"


def _reminder(
    world: _World,
    view: LessonView,
    recipient: _Recipient,
    children: dict[int, str],
    key: str,
) -> _Message:
    language = world.language(recipient.person_id, view.organisation_id)
    room = view.place
    params: dict[str, object] = {
        "course": view.course.pick(language),
        "group": view.group_name,
        "time": format_when(view.starts_at, view.timezone),
        "teacher": view.teacher_name,
    }
    if room:
        params["room"] = room
    if recipient.kind is _Kind.TEACHER:
        message = REMINDER_TEACHER if room else REMINDER_TEACHER_NO_ROOM
        del params["teacher"]
    elif recipient.kind is _Kind.PARENT:
        message = REMINDER_PARENT if room else REMINDER_PARENT_NO_ROOM
        params["child"] = children.get(recipient.child_id or 0, "")
    else:
        message = REMINDER_STUDENT if room else REMINDER_STUDENT_NO_ROOM
    return _Message(key, recipient.person_id, view.organisation_id, message, params)


# --- the "your lessons tomorrow" digest -------------------------------------------------------


async def _earliest_digest_hour() -> int | None:
    """The earliest local hour anyone gets the digest at: before it, nobody is due."""
    default = LessonSettingsData().digest_hour
    hours = [] if default is None else [default]
    for query in (
        LessonSettings.filter(digest_hour__isnull=False),
        ReminderPreference.filter(digest_hour__gte=0),
    ):
        rows = await query.annotate(hour=Min("digest_hour")).values("hour")
        hours.extend(int(row["hour"]) for row in rows if row["hour"] is not None)
    return min(hours, default=None)


async def _digests(world: _World, now: datetime) -> int:
    earliest = await _earliest_digest_hour()
    if earliest is None:
        return 0
    windows: dict[tuple[datetime, datetime], list[int]] = defaultdict(list)
    for organisation in world.organisations.values():
        zone = ZoneInfo(organisation.timezone)
        local = now.astimezone(zone)
        # Everyone due is looked at every DIGEST_EVERY minutes, not every minute: a
        # digest is due for hours, and each look costs as much as the whole evening's
        # audience. Digest hours are whole, so nobody waits at their hour.
        if local.hour >= earliest and local.minute % DIGEST_EVERY == 0:
            tomorrow = local.date() + timedelta(days=1)
            windows[local_days(tomorrow, tomorrow, zone)].append(organisation.id)
    lessons: list[_Slot] = []
    for (start, end), org_ids in windows.items():
        for chunk in _chunks(org_ids):
            lessons.extend(
                await _slots(organisation_id__in=chunk, starts_at__gte=start, starts_at__lt=end)
            )
    if not lessons:
        return 0
    audience = await _audience(world, lessons)
    recipients = {lesson.id: audience.of(world, lesson) for lesson in lessons}
    choices = await reminder_choices(
        (recipient.person_id, lesson.organisation_id)
        for lesson in lessons
        for recipient in recipients[lesson.id]
    )
    # (person, child, tomorrow) → their lessons; a teacher who also studies gets one list.
    digests: dict[tuple[int, int | None, date], set[int]] = defaultdict(set)
    for lesson in lessons:
        org_id = lesson.organisation_id
        local = now.astimezone(world.zone(org_id))
        for recipient in recipients[lesson.id]:
            hour = choices[recipient.person_id, org_id].digest_hour
            if hour is not None and local.hour >= hour:
                tomorrow = local.date() + timedelta(days=1)
                digests[recipient.person_id, recipient.child_id, tomorrow].add(lesson.id)
    unsent = await _unsent(_digest_key(*who) for who in digests)
    digests = {who: found for who, found in digests.items() if _digest_key(*who) in unsent}
    if not digests:
        return 0
    views = await _views(lesson_id for found in digests.values() for lesson_id in found)
    children = await person_names(child for _, child, _ in digests if child is not None)
    messages = [
        _digest(world, who, [views[lesson_id] for lesson_id in found], children)
        for who, found in digests.items()
    ]
    return await _queue(world, messages)


def _digest_key(person_id: int, child_id: int | None, day: date) -> str:
    return f"digest:{person_id}:{child_id or 0}:{day.isoformat()}"


def _digest(
    world: _World,
    who: tuple[int, int | None, date],
    views: list[LessonView],
    children: dict[int, str],
) -> _Message:
    person_id, child_id, day = who
    views.sort(key=lambda view: (view.starts_at, view.id))
    org_id = views[0].organisation_id
    language = world.language(person_id, org_id)
    lines = []
    for view in views:
        parts = [
            f"{view.local_start:%H:%M}–{view.local_end:%H:%M} "
            f"{view.course.pick(language)} ({view.group_name})"
        ]
        room = view.place
        if room:
            parts.append(room)
        if view.teacher_id != person_id:
            parts.append(view.teacher_name)
        lines.append(", ".join(parts))
    params: dict[str, object] = {"date": format_day(day), "lessons": "\n".join(lines)}
    if child_id is None:
        return _Message(_digest_key(*who), person_id, org_id, DIGEST_OWN, params)
    params["child"] = children.get(child_id, "")
    return _Message(_digest_key(*who), person_id, org_id, DIGEST_CHILD, params)


# --- overdue homework ------------------------------------------------------------------------


async def _overdue_homework(world: _World, now: datetime) -> int:
    """Notices to students who did not hand in homework in time and to their parents, and a
    summary to the lesson's teacher (who is late, or that everyone handed in). The summary is
    queued in the same transaction as the notices, so once it exists the homework is done
    with and later ticks skip it cheaply; without it (the teacher cannot be told) the
    homework is looked at again each tick, which finds nothing new to queue."""
    outstanding = [
        homework_id
        for homework_id, created_at, due_at in await Homework.filter(
            organisation_id__in=list(world.organisations),
            due_at__lte=now,
            due_at__gt=now - OVERDUE_WINDOW,
        ).values_list("id", "created_at", "due_at")
        # Homework recorded after its due time (for the record) was never outstanding.
        if due_at is not None and created_at < due_at
    ]
    unsent = await _unsent(_summary_key(homework_id) for homework_id in outstanding)
    homework: list[Homework] = []
    for chunk in _chunks(
        [homework_id for homework_id in outstanding if _summary_key(homework_id) in unsent]
    ):
        homework.extend(await Homework.filter(id__in=chunk))
    if not homework:
        return 0
    students = await _students_of(row.group_id for row in homework)  # type: ignore[attr-defined]
    submitted: set[tuple[int, int]] = set()
    for chunk in _chunks([row.id for row in homework]):
        submitted.update(
            (int(homework_id), int(student_id))
            for homework_id, student_id in await Submission.filter(
                homework_id__in=chunk
            ).values_list("homework_id", "student_id")
        )
    late = {
        row.id: [
            student
            for student, since in students.get(row.group_id, [])  # type: ignore[attr-defined]
            if (row.id, student) not in submitted
            and since <= row.due_at.astimezone(world.zone(row.organisation_id)).date()  # type: ignore[union-attr, attr-defined]
        ]
        for row in homework
    }
    views = await _views(row.lesson_id for row in homework)  # type: ignore[attr-defined]
    late_students = sorted({student for row in homework for student in late[row.id]})
    parents = await _parents_of(late_students)
    teachers = {view.teacher_id for view in views.values()}
    await world.learn([*teachers, *late_students, *(p for ids in parents.values() for p in ids)])
    names = await person_names(late_students)
    messages: list[_Message] = []
    for row in homework:
        view = views[row.lesson_id]  # type: ignore[attr-defined]
        org_id = view.organisation_id
        active = [student for student in late[row.id] if world.active(student, org_id)]
        for student in active:
            if world.reachable(student, org_id):
                messages.append(
                    _overdue(world, row, view, _Recipient(student, _Kind.STUDENT), names)
                )
            messages.extend(
                _overdue(world, row, view, _Recipient(parent, _Kind.PARENT, student), names)
                for parent in parents.get(student, [])
                if world.reachable(parent, org_id)
            )
        if world.reachable(view.teacher_id, org_id):
            messages.append(_summary(world, row, view, [names.get(s, "") for s in active]))
    unsent = await _unsent(message.key for message in messages)
    return await _queue(world, [message for message in messages if message.key in unsent])


def _summary_key(homework_id: int) -> str:
    return f"overdue:{homework_id}:summary"


def _overdue_key(homework: Homework, recipient: _Recipient) -> str:
    student = recipient.child_id or recipient.person_id
    return f"overdue:{homework.id}:{student}:{recipient.person_id}"


def _overdue_params(homework: Homework, view: LessonView, language: Language) -> dict[str, object]:
    task = " ".join(homework.text.split())
    if len(task) > TASK_PREVIEW:
        task = task[: TASK_PREVIEW - 1] + "…"
    due_at = homework.due_at or view.starts_at
    return {
        "course": view.course.pick(language),
        "group": view.group_name,
        "due": format_when(due_at, view.timezone),
        "task": task,
    }


def _overdue(
    world: _World,
    homework: Homework,
    view: LessonView,
    recipient: _Recipient,
    names: dict[int, str],
) -> _Message:
    language = world.language(recipient.person_id, view.organisation_id)
    params = _overdue_params(homework, view, language)
    message = OVERDUE_STUDENT
    if recipient.kind is _Kind.PARENT:
        message = OVERDUE_PARENT
        params["child"] = names.get(recipient.child_id or 0, "")
    key = _overdue_key(homework, recipient)
    return _Message(key, recipient.person_id, view.organisation_id, message, params)


def _summary(world: _World, homework: Homework, view: LessonView, late: list[str]) -> _Message:
    language = world.language(view.teacher_id, view.organisation_id)
    params = _overdue_params(homework, view, language)
    message = ALL_HANDED_IN
    if late:
        message = OVERDUE_TEACHER
        params["students"] = ", ".join(sorted(late))
    key = _summary_key(homework.id)
    return _Message(key, view.teacher_id, view.organisation_id, message, params)
