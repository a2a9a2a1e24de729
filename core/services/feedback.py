"""Lesson feedback: one-tap ratings of held lessons and their teachers, and their results.

- **Settings**: ``TestingSettings.lesson_feedback`` and ``feedback_from_parents`` of the
  lesson's organisation, else of its nearest ancestor that has them, else on and off.
- **Asking** (``tick``, the scheduler's classroom job, every minute) is stateless like the
  lesson reminders: it looks at lessons held (``LessonStatus.HELD``) that ended, or were
  marked held, within ``ASK_WINDOW`` and queues, for each student marked present or late
  (and their parents when the organisation's ``feedback_from_parents`` is on), the question
  "How was the lesson?" with buttons 1–5 (``fb:<lesson>:<n>``), under the dedupe key
  ``feedback:<lesson>:<person>``. A second tick, or a second scheduler, queues nothing again;
  a student marked present later (a correction) is asked at the next tick. Organisations
  with ``lesson_feedback`` off are skipped. Only people with a linked Telegram account and an
  active membership are queued (nobody else could answer).
- **Rating** (``record_feedback``) takes any of the lesson's rating, the teacher's rating
  and a comment; the parts not given stay as they are, so the bot records each tap as it
  comes and re-tapping changes a rating instead of adding one (one row per lesson and
  author, unique in the database). Who may rate is decided by attendance alone: a student
  marked present or late, or (when allowed) a parent of one; not by the organisation the
  person works in at the moment in the bot, because the request was sent to them about that
  lesson. Feedback is taken within ``FEEDBACK_DAYS`` after the lesson ends. A comment is
  stored as typed (trimmed, NUL characters dropped, at most ``COMMENT_MAX`` characters) and
  is hostile text: every adapter escapes it.
- **Who rated is never shown**: results, comments included, carry no author, for staff
  with ``feedback.view`` as for the teacher, because students rate candidly only when
  neither the teacher nor the office can tell who said what. The audit trail records that
  a person gave feedback on a lesson and which parts they changed, never the ratings or the
  comment, so an abuse can still be traced by an admin without the trail repeating what
  was said.
- **Results** (``feedback_overview``): per teacher and per course, the average lesson and
  teacher ratings with their counts and a trend per month, over the last ``TREND_MONTHS``
  local months, and the latest ``COMMENTS_SHOWN`` comments; ``feedback.view`` sees the
  organisation, a teacher without it sees their own. The averages are summed by the
  database (one statement grouped by teacher, course and month), so the page costs the
  same few queries whatever the number of ratings. ``teacher_ratings`` gives the teachers
  list and the card the average teacher rating of the last ``RECENT_DAYS`` days.
- **A comment never names its lesson**: it is shown with the ratings given with it and
  (to ``feedback.view`` staff) its teacher, never the lesson's date, group or course. A
  lesson three students attended, or one only one of them rated, would otherwise name the
  author to the teacher. Showing the lesson once enough people rated it was the
  alternative; hiding it always is simpler and does not change as ratings come in. (Who
  reads the page after every lesson can still guess that a new comment is about the latest
  one; the comments are for what is said, not for a log per lesson.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.functions import Count, Sum
from tortoise.transactions import in_transaction

from core.actor import Actor
from core.charts import Series, bar_chart
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.i18n import N_, gettext_for, pick_language
from core.models.academics import Course, Group
from core.models.feedback import LessonFeedback
from core.models.lessons import Attendance, AttendanceStatus, Lesson, LessonStatus
from core.models.notifications import OutboxMessage
from core.models.org import Organisation
from core.models.people import Account, Membership, ParentLink, Role
from core.permissions import Permission, has_permission
from core.services.audit import do_record
from core.services.lessons import CourseNames, check_id, format_when, person_names
from core.services.outbox import do_enqueue
from core.services.testing_settings import TestingSettingsData, testing_settings_of
from core.sql import Sql
from core.tx import transaction

#: A lesson's students are asked this long after it ended (or was marked held, if later).
ASK_WINDOW = timedelta(hours=6)
#: Feedback is taken this many days after the lesson ends.
FEEDBACK_DAYS = 7
COMMENT_MAX = 1000
RATING_MIN, RATING_MAX = 1, 5
#: The teachers list and card show the teacher rating of this many recent days.
RECENT_DAYS = 90
#: The results page covers this many local months, the current one included.
TREND_MONTHS = 6
#: The results page lists this many of the latest comments.
COMMENTS_SHOWN = 50
_CHUNK = 500
_QUEUE_BATCH = 100
_ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)

ASK_STUDENT = N_(
    "How was the lesson {course} ({group}) on {when}? Rate it from 1 (poor) to 5 (excellent)."
)
ASK_PARENT = N_(
    "How was the lesson {course} ({group}) on {when} for {child}? "
    "Rate it from 1 (poor) to 5 (excellent)."
)
#: The rating buttons' labels (the same in every language).
RATING_LABELS = tuple(str(n) for n in range(RATING_MIN, RATING_MAX + 1))
FEEDBACK_OFF = N_("Lesson ratings are switched off in this organisation.")
NOT_ATTENDED = N_("Only students who were at this lesson can rate it.")
NO_PARENTS = N_("Parents do not rate lessons in this organisation; your child can.")
TOO_LATE = N_("Ratings of this lesson are closed: a lesson can be rated within {days} days.")
BAD_RATING = N_("A rating is a whole number from 1 to 5.")
LONG_COMMENT = N_("The comment is too long: at most {limit} characters.")


def callback_data(lesson_id: int, rating: int) -> str:
    """The data of a rating button under the question (the bot parses it back).

    Raises:
        Nothing.
    """
    return f"fb:{lesson_id}:{rating}"


# --- plain data out --------------------------------------------------------------------------


@dataclass(frozen=True)
class Average:
    """The mean of ``count`` ratings in hundredths (425 is 4.25); ``None`` without any."""

    hundredths: int | None
    count: int

    @property
    def empty(self) -> bool:
        return self.count == 0


NO_RATINGS = Average(None, 0)


@dataclass(frozen=True)
class FeedbackView:
    """One author's feedback on a lesson, with what the bot needs to name the lesson."""

    lesson_id: int
    course: CourseNames
    group_name: str
    teacher_name: str
    when: str
    lesson_rating: int | None
    teacher_rating: int | None
    comment: str
    author_role: Role


@dataclass(frozen=True)
class MonthRating:
    """The averages of one local month (``month`` is its first day)."""

    month: date
    lesson: Average
    teacher: Average


@dataclass(frozen=True)
class TeacherResult:
    teacher_id: int
    name: str
    lesson: Average
    teacher: Average
    months: tuple[MonthRating, ...]


@dataclass(frozen=True)
class CourseResult:
    course_id: int
    course: CourseNames
    lesson: Average
    teacher: Average
    months: tuple[MonthRating, ...]


@dataclass(frozen=True)
class CommentView:
    """A comment with the ratings given with it and its teacher; never its author, nor its
    lesson (see the module's docstring)."""

    teacher_id: int
    teacher_name: str
    lesson_rating: int | None
    teacher_rating: int | None
    comment: str


@dataclass(frozen=True)
class FeedbackOverview:
    """Results of the last ``TREND_MONTHS`` local months (from ``since``); ``own_only``: a
    teacher looking at their own ratings."""

    since: date
    months: tuple[date, ...]
    overall: tuple[MonthRating, ...]
    teachers: tuple[TeacherResult, ...]
    courses: tuple[CourseResult, ...]
    comments: tuple[CommentView, ...]
    own_only: bool
    lesson_feedback: bool
    feedback_from_parents: bool


# --- shared helpers --------------------------------------------------------------------------


def _chunks(items: Sequence[int], size: int = _CHUNK) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _half_up(numerator: int, denominator: int) -> int:
    return (2 * numerator + denominator) // (2 * denominator)


class _Sum:
    """A running total of ratings."""

    __slots__ = ("count", "total")

    def __init__(self) -> None:
        self.total = 0
        self.count = 0

    def add(self, total: int | None, count: int | None) -> None:
        """Add ``count`` ratings summing to ``total`` (SQL's SUM of none is NULL)."""
        self.total += int(total or 0)
        self.count += int(count or 0)

    def average(self) -> Average:
        if not self.count:
            return NO_RATINGS
        return Average(_half_up(self.total * 100, self.count), self.count)


def format_rating(average: Average, language: str) -> str:
    """An average as people read it, one decimal rounded half up, in their language ("4,3"
    in ru); "—" without ratings.

    Raises:
        Nothing: Babel knows every language we offer.
    """
    if average.hundredths is None:
        return "—"
    locale = {"kk": "kk_KZ", "ru": "ru_RU"}.get(language, "en")
    tenths = (average.hundredths + 5) // 10  # half up: 4.25 reads 4.3
    return str(format_decimal(Decimal(tenths) / 10, format="0.0", locale=locale))


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _months_back(current: date, count: int) -> list[date]:
    months = [_month_start(current)]
    while len(months) < count:
        previous = months[-1] - timedelta(days=1)
        months.append(previous.replace(day=1))
    return months[::-1]


def month_label(month: date, language: str) -> str:
    """A month's short name in ``language`` ("сен.", "Sep").

    Raises:
        Nothing: Babel knows every language we offer.
    """
    locale = {"kk": "kk_KZ", "ru": "ru_RU"}.get(language, "en")
    return str(babel_format_date(month, "LLL", locale=locale))


def trend_chart(
    months: Sequence[MonthRating], language: str, *, title: str, small: bool = False
) -> str:
    """The monthly averages of lesson and teacher ratings as an SVG bar chart (markup safe
    to put in a page); ``small`` for a table cell.

    Raises:
        Nothing: any months make a chart (an empty one says there are no ratings).
    """

    def tr(message: str) -> str:
        return gettext_for(language, message)

    def value(average: Average) -> int:
        return average.hundredths or 0

    return bar_chart(
        title=title,
        labels=[month_label(month.month, language) for month in months],
        series=[
            Series(tr(N_("Lesson")), tuple(value(month.lesson) for month in months)),
            Series(tr(N_("Teacher")), tuple(value(month.teacher) for month in months)),
        ],
        format_value=lambda hundredths: format_rating(Average(hundredths, 1), language),
        format_axis=lambda hundredths: str(hundredths // 100),
        unit=100,
        empty_text=tr(N_("No ratings yet.")),
        width=360 if small else 720,
        height=150 if small else 260,
    )


# --- asking: the scheduler's tick --------------------------------------------------------------


@dataclass(frozen=True)
class _Ask:
    lesson_id: int
    organisation_id: int
    person_id: int
    children: tuple[int, ...]  # empty: the student themselves

    @property
    def key(self) -> str:
        return f"feedback:{self.lesson_id}:{self.person_id}"


async def tick(deps: Deps) -> int:
    """Ask the students (and, by the organisation's setting, parents) of lessons that have
    just ended to rate them; idempotent. Returns how many lessons were asked about (by at
    least one new message).

    Raises:
        tortoise.exceptions.OperationalError: the database is unreachable (the scheduler
            logs it; the next tick asks whoever is still to be asked).
    """
    now = deps.clock.now().astimezone(UTC)
    recent = now - ASK_WINDOW
    lessons = await Lesson.filter(
        Q(ends_at__gt=recent) | Q(held_at__gt=recent),
        status=LessonStatus.HELD,
        ends_at__lte=now,
        ends_at__gt=now - timedelta(days=FEEDBACK_DAYS),
    ).values("id", "organisation_id", "group_id", "teacher_id", "starts_at")
    if not lessons:
        return 0
    settings = await testing_settings_of({int(row["organisation_id"]) for row in lessons})
    lessons = [row for row in lessons if settings[int(row["organisation_id"])].lesson_feedback]
    by_id = {int(row["id"]): row for row in lessons}
    attended: dict[int, list[int]] = defaultdict(list)
    for chunk in _chunks(sorted(by_id)):
        for lesson_id, student_id in await Attendance.filter(
            lesson_id__in=chunk, status__in=_ATTENDED
        ).values_list("lesson_id", "student_id"):
            attended[int(lesson_id)].append(int(student_id))
    students = sorted({s for ids in attended.values() for s in ids})
    parents: dict[int, list[int]] = defaultdict(list)
    if any(settings[int(row["organisation_id"])].feedback_from_parents for row in lessons):
        for chunk in _chunks(students):
            for parent_id, child_id in await ParentLink.filter(child_id__in=chunk).values_list(
                "parent_id", "child_id"
            ):
                parents[int(child_id)].append(int(parent_id))
    asks: list[_Ask] = []
    for lesson_id, attendees in attended.items():
        org_id = int(by_id[lesson_id]["organisation_id"])
        from_parents = settings[org_id].feedback_from_parents
        asks.extend(_Ask(lesson_id, org_id, student, ()) for student in sorted(attendees))
        if from_parents:
            children: dict[int, list[int]] = defaultdict(list)
            for student in sorted(attendees):
                for parent in parents.get(student, []):
                    children[parent].append(student)
            asks.extend(
                _Ask(lesson_id, org_id, parent, tuple(kids))
                for parent, kids in children.items()
                if parent not in attendees
            )
    unsent = await _unsent(ask.key for ask in asks)
    asks = [ask for ask in asks if ask.key in unsent]
    if not asks:
        return 0
    world = await _World.load({ask.person_id for ask in asks})
    asks = [ask for ask in asks if world.reachable(ask.person_id, ask.organisation_id)]
    if not asks:
        return 0
    return await _queue(deps, world, asks, by_id)


async def _unsent(keys: Iterable[str]) -> set[str]:
    wanted = set(keys)
    ordered = sorted(wanted)
    for start in range(0, len(ordered), _CHUNK):
        wanted.difference_update(
            await OutboxMessage.filter(dedupe_key__in=ordered[start : start + _CHUNK]).values_list(
                "dedupe_key", flat=True
            )
        )
    return wanted


@dataclass(frozen=True)
class _World:
    """Who among the people looked at is linked to Telegram (and their language), who is
    active where, and the organisations' tree and defaults."""

    languages: dict[int, str | None]
    active_in: dict[int, set[int]]
    parents: dict[int, int | None]
    defaults: dict[int, str]
    zones: dict[int, str]

    @classmethod
    async def load(cls, person_ids: Collection[int]) -> _World:
        ids = sorted(person_ids)
        languages: dict[int, str | None] = {}
        active_in: dict[int, set[int]] = defaultdict(set)
        for chunk in _chunks(ids):
            for person_id, language in await Account.filter(
                person_id__in=chunk, telegram_user_id__isnull=False
            ).values_list("person_id", "language"):
                languages[int(person_id)] = language
            for person_id, org_id in await Membership.filter(
                person_id__in=chunk, archived_at__isnull=True
            ).values_list("person_id", "organisation_id"):
                active_in[int(person_id)].add(int(org_id))
        # The whole tree: a lineage may reach any of it.
        organisations = await Organisation.all().values(
            "id", "parent_id", "default_language", "timezone"
        )
        return cls(
            languages=languages,
            active_in=dict(active_in),
            parents={int(row["id"]): row["parent_id"] for row in organisations},
            defaults={int(row["id"]): str(row["default_language"]) for row in organisations},
            zones={int(row["id"]): str(row["timezone"]) for row in organisations},
        )

    def lineage(self, organisation_id: int) -> list[int]:
        chain: list[int] = []
        current: int | None = organisation_id
        while current is not None and current not in chain and current in self.parents:
            chain.append(current)
            current = self.parents[current]
        return chain

    def reachable(self, person_id: int, organisation_id: int) -> bool:
        if person_id not in self.languages:
            return False
        orgs = self.active_in.get(person_id, set())
        return any(org in orgs for org in self.lineage(organisation_id))

    def language(self, person_id: int, organisation_id: int, default: str) -> str:
        return pick_language(
            self.languages.get(person_id),
            self.defaults.get(organisation_id),
            default=default,  # type: ignore[arg-type]
        )


async def _queue(
    deps: Deps, world: _World, asks: Sequence[_Ask], lessons: dict[int, dict[str, Any]]
) -> int:
    group_ids = {int(lessons[ask.lesson_id]["group_id"]) for ask in asks}
    groups = {
        int(row["id"]): row
        for row in await Group.filter(id__in=sorted(group_ids)).values(
            "id", "name", "course__name_kk", "course__name_ru", "course__name_en"
        )
    }
    children = await person_names(c for ask in asks for c in ask.children)
    asked: set[int] = set()
    for start in range(0, len(asks), _QUEUE_BATCH):
        async with transaction(deps) as tx:
            for ask in asks[start : start + _QUEUE_BATCH]:
                lesson = lessons[ask.lesson_id]
                group = groups[int(lesson["group_id"])]
                course = CourseNames(
                    group["course__name_kk"], group["course__name_ru"], group["course__name_en"]
                )
                language = world.language(
                    ask.person_id, ask.organisation_id, deps.settings.default_language
                )
                params: dict[str, object] = {
                    "course": course.pick(language),
                    "group": group["name"],
                    "when": format_when(lesson["starts_at"], world.zones[ask.organisation_id]),
                }
                message = ASK_STUDENT
                if ask.children:
                    message = ASK_PARENT
                    params["child"] = ", ".join(children.get(c, "") for c in ask.children)
                queued = await do_enqueue(
                    tx,
                    person_id=ask.person_id,
                    message=message,
                    params=params,
                    organisation_id=ask.organisation_id,
                    dedupe_key=ask.key,
                    buttons=[
                        [
                            (label, callback_data(ask.lesson_id, int(label)))
                            for label in RATING_LABELS
                        ]
                    ],
                )
                if queued is not None:
                    asked.add(ask.lesson_id)
    return len(asked)


# --- rating ------------------------------------------------------------------------------------


def _rating(value: int | None, field: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(BAD_RATING, field=field)
    if not RATING_MIN <= value <= RATING_MAX:
        raise InvalidInput(BAD_RATING, field=field)
    return value


def clean_feedback_comment(comment: str) -> str:
    """A comment as it is stored: trimmed, NUL characters dropped (the rest as typed).

    Raises:
        InvalidInput: longer than ``COMMENT_MAX`` characters.
    """
    cleaned = comment.replace("\x00", "").strip()
    if len(cleaned) > COMMENT_MAX:
        raise InvalidInput(LONG_COMMENT, field="comment", limit=COMMENT_MAX)
    return cleaned


async def _author_role(lesson: Lesson, person_id: int, settings: TestingSettingsData) -> Role:
    """How the person may rate the lesson: as a student who attended it, or a parent of one.

    Raises:
        NotFound: neither (also when absent or excused).
        PermissionDenied: a parent of an attendee where parents do not rate.
    """
    attendees = Attendance.filter(lesson_id=lesson.id, status__in=_ATTENDED)
    if await attendees.filter(student_id=person_id).exists():
        return Role.STUDENT
    children = await ParentLink.filter(parent_id=person_id).values_list("child_id", flat=True)
    if children and await attendees.filter(student_id__in=list(children)).exists():
        if not settings.feedback_from_parents:
            raise PermissionDenied(NO_PARENTS)
        return Role.PARENT
    raise NotFound(NOT_ATTENDED)


async def _feedback_view(lesson: Lesson, row: LessonFeedback) -> FeedbackView:
    group = (
        await Group.filter(id=lesson.group_id)  # type: ignore[attr-defined]
        .first()
        .values("name", "course__name_kk", "course__name_ru", "course__name_en")
    )
    assert group is not None
    org_id: int = lesson.organisation_id  # type: ignore[attr-defined]
    zone = await Organisation.filter(id=org_id).first().values_list("timezone", flat=True)
    names = await person_names([lesson.teacher_id])  # type: ignore[attr-defined]
    return FeedbackView(
        lesson_id=lesson.id,
        course=CourseNames(
            group["course__name_kk"], group["course__name_ru"], group["course__name_en"]
        ),
        group_name=group["name"],
        teacher_name=names.get(lesson.teacher_id, ""),  # type: ignore[attr-defined]
        when=format_when(lesson.starts_at, str(zone or "Asia/Almaty")),
        lesson_rating=row.lesson_rating,
        teacher_rating=row.teacher_rating,
        comment=row.comment,
        author_role=Role(row.author_role),
    )


async def record_feedback(
    deps: Deps,
    actor: Actor,
    *,
    lesson_id: int,
    lesson_rating: int | None = None,
    teacher_rating: int | None = None,
    comment: str | None = None,
) -> FeedbackView:
    """Record the actor's rating of a held lesson (1–5), of its teacher (1–5) and/or a
    comment; a part given as ``None`` keeps its earlier value (an empty comment clears it).
    Rating again changes the one row of this lesson and author.

    The author must have been present or late at the lesson, or be a parent of such a
    student where the organisation lets parents rate; the lesson's organisation must have
    lesson ratings on; the lesson must have ended at most ``FEEDBACK_DAYS`` days ago.

    Raises:
        NotFound: no such held lesson, or the actor was not at it (nor their child).
        PermissionDenied: a parent where parents do not rate.
        Conflict: lesson ratings are off, or the time to rate this lesson is over.
        InvalidInput: a rating outside 1–5 or a comment over ``COMMENT_MAX`` characters.
    """
    if actor.person_id is None:
        raise NotFound(NOT_ATTENDED)
    author = actor.person_id
    check_id(lesson_id)
    lesson = await Lesson.get_or_none(id=lesson_id, status=LessonStatus.HELD)
    if lesson is None:
        raise NotFound(NOT_ATTENDED)
    org_id: int = lesson.organisation_id  # type: ignore[attr-defined]
    settings = (await testing_settings_of([org_id]))[org_id]
    role = await _author_role(lesson, author, settings)
    if not settings.lesson_feedback:
        raise Conflict(FEEDBACK_OFF)
    if deps.clock.now() > lesson.ends_at + timedelta(days=FEEDBACK_DAYS):
        raise Conflict(TOO_LATE, days=FEEDBACK_DAYS)
    lesson_rating = _rating(lesson_rating, "lesson_rating")
    teacher_rating = _rating(teacher_rating, "teacher_rating")
    comment = None if comment is None else clean_feedback_comment(comment)
    parts = [
        name
        for name, value in (
            ("lesson_rating", lesson_rating),
            ("teacher_rating", teacher_rating),
            ("comment", comment),
        )
        if value is not None
    ]
    # Audited where the lesson is, whichever organisation the author works in now.
    auditor = replace(actor, organisation_id=org_id)
    async with transaction(deps) as tx:
        row = await LessonFeedback.select_for_update().get_or_none(
            lesson_id=lesson.id, author_id=author
        )
        created = row is None
        if row is None:
            try:
                # A savepoint: a second tap racing this one may insert the row first.
                async with in_transaction():
                    row = await LessonFeedback.create(
                        organisation_id=org_id,
                        lesson_id=lesson.id,
                        teacher_id=lesson.teacher_id,  # type: ignore[attr-defined]
                        author_id=author,
                        author_role=role.value,
                        lesson_rating=lesson_rating,
                        teacher_rating=teacher_rating,
                        comment=comment or "",
                        created_at=tx.now,
                        updated_at=tx.now,
                    )
            except IntegrityError:
                created = False
                row = await LessonFeedback.select_for_update().get(
                    lesson_id=lesson.id, author_id=author
                )
        if not created:
            if lesson_rating is not None:
                row.lesson_rating = lesson_rating
            if teacher_rating is not None:
                row.teacher_rating = teacher_rating
            if comment is not None:
                row.comment = comment
            row.updated_at = tx.now
            await row.save(update_fields=[*parts, "updated_at"])
        # Who took part and what changed, never what was said.
        await do_record(
            tx,
            auditor,
            action="feedback.give" if created else "feedback.change",
            object_type="lesson_feedback",
            object_id=row.id,
            after={"lesson_id": lesson.id, "parts": sorted(parts)},
        )
    return await _feedback_view(lesson, row)


# --- results -----------------------------------------------------------------------------------


async def _scope(actor: Actor) -> int | None:
    """The teacher whose ratings the actor reads; ``None``: the whole organisation.

    Raises:
        PermissionDenied: neither ``feedback.view`` nor a teacher.
    """
    if await has_permission(actor, Permission.FEEDBACK_VIEW):
        return None
    if actor.person_id is not None and Role.TEACHER in actor.roles:
        return actor.person_id
    raise PermissionDenied(permission=Permission.FEEDBACK_VIEW.value)


async def _monthly_sums(
    org_id: int, own: int | None, starts: Sequence[datetime]
) -> list[dict[str, Any]]:
    """The sums and counts of lesson and teacher ratings per teacher, course and month of
    the lesson (``bucket``: the index in ``starts``, the months' first moments, oldest
    first), of lessons since ``starts[0]``."""
    q = Sql()
    buckets = " ".join(
        f"WHEN l.starts_at >= {q(start)} THEN {index}"
        for index, start in reversed(list(enumerate(starts)))
        if index
    )
    sql = (
        "SELECT f.teacher_id AS teacher_id, g.course_id AS course_id, "
        f"CASE {buckets} ELSE 0 END AS bucket, "
        "SUM(f.lesson_rating) AS lesson_total, COUNT(f.lesson_rating) AS lesson_count, "
        "SUM(f.teacher_rating) AS teacher_total, COUNT(f.teacher_rating) AS teacher_count "
        "FROM lesson_feedback f JOIN lesson l ON l.id = f.lesson_id "
        "JOIN study_group g ON g.id = l.group_id "
        f"WHERE f.organisation_id = {q(org_id)} AND l.starts_at >= {q(starts[0])}"
    )
    if own is not None:
        sql += f" AND f.teacher_id = {q(own)}"
    return await q.rows(sql + " GROUP BY f.teacher_id, g.course_id, bucket")


async def feedback_overview(deps: Deps, actor: Actor) -> FeedbackOverview:
    """Ratings of the lessons of the last ``TREND_MONTHS`` local months (by the lesson's
    start): per teacher and per course, averages with counts and per month, and the latest
    ``COMMENTS_SHOWN`` comments, without authors or lessons. ``feedback.view`` reads the
    organisation; a teacher without it reads their own. A fixed number of queries.

    Raises:
        PermissionDenied: neither ``feedback.view`` nor a teacher.
    """
    own = await _scope(actor)
    org_id = actor.organisation_id
    zone_name = await Organisation.filter(id=org_id).first().values_list("timezone", flat=True)
    zone = ZoneInfo(str(zone_name or "Asia/Almaty"))
    today = deps.clock.now().astimezone(zone).date()
    months = _months_back(today, TREND_MONTHS)
    starts = [datetime(m.year, m.month, 1, tzinfo=zone).astimezone(UTC) for m in months]
    overall: dict[date, tuple[_Sum, _Sum]] = {m: (_Sum(), _Sum()) for m in months}
    totals: dict[tuple[str, int], tuple[_Sum, _Sum]] = defaultdict(lambda: (_Sum(), _Sum()))
    monthly: dict[tuple[str, int, date], tuple[_Sum, _Sum]] = defaultdict(lambda: (_Sum(), _Sum()))
    for row in await _monthly_sums(org_id, own, starts):
        month = months[int(row["bucket"])]
        keys = (("teacher", int(row["teacher_id"])), ("course", int(row["course_id"])))
        sums = [overall[month], *(totals[key] for key in keys)]
        sums += [monthly[(*key, month)] for key in keys]
        for lesson_sum, teacher_sum in sums:
            lesson_sum.add(row["lesson_total"], row["lesson_count"])
            teacher_sum.add(row["teacher_total"], row["teacher_count"])

    def months_of(kind: str, key_id: int) -> tuple[MonthRating, ...]:
        out = []
        for month in months:
            found = monthly.get((kind, key_id, month))
            out.append(
                MonthRating(month, found[0].average(), found[1].average())
                if found
                else MonthRating(month, NO_RATINGS, NO_RATINGS)
            )
        return tuple(out)

    teacher_ids = sorted(key_id for kind, key_id in totals if kind == "teacher")
    if own is not None and own not in teacher_ids:
        teacher_ids.append(own)
    names = await person_names(teacher_ids)
    teachers = sorted(
        (
            TeacherResult(
                teacher_id=teacher_id,
                name=names.get(teacher_id, ""),
                lesson=totals[("teacher", teacher_id)][0].average(),
                teacher=totals[("teacher", teacher_id)][1].average(),
                months=months_of("teacher", teacher_id),
            )
            for teacher_id in teacher_ids
        ),
        key=lambda result: (result.name, result.teacher_id),
    )
    course_ids = sorted(key_id for kind, key_id in totals if kind == "course")
    course_names = {
        int(row["id"]): CourseNames(row["name_kk"], row["name_ru"], row["name_en"])
        for row in await Course.filter(id__in=course_ids).values(
            "id", "name_kk", "name_ru", "name_en"
        )
    }
    courses = sorted(
        (
            CourseResult(
                course_id=course_id,
                course=course_names[course_id],
                lesson=totals[("course", course_id)][0].average(),
                teacher=totals[("course", course_id)][1].average(),
                months=months_of("course", course_id),
            )
            for course_id in course_ids
        ),
        key=lambda result: result.course.ru or result.course.kk or result.course.en,
    )
    settings = (await testing_settings_of([org_id]))[org_id]
    return FeedbackOverview(
        since=months[0],
        months=tuple(months),
        overall=tuple(
            MonthRating(month, sums[0].average(), sums[1].average())
            for month, sums in overall.items()
        ),
        teachers=tuple(teachers),
        courses=tuple(courses),
        comments=tuple(await _comments(org_id, own, starts[0], names)),
        own_only=own is not None,
        lesson_feedback=settings.lesson_feedback,
        feedback_from_parents=settings.feedback_from_parents,
    )


async def _comments(
    org_id: int, own: int | None, since: datetime, names: dict[int, str]
) -> list[CommentView]:
    query = LessonFeedback.filter(organisation_id=org_id, lesson__starts_at__gte=since).exclude(
        comment=""
    )
    if own is not None:
        query = query.filter(teacher_id=own)
    rows = (
        await query.order_by("-updated_at", "-id")
        .limit(COMMENTS_SHOWN)
        .values("teacher_id", "lesson_rating", "teacher_rating", "comment")
    )
    # The teachers of the sums cover these (the same rows), unless one was rated meanwhile.
    missing = {int(row["teacher_id"]) for row in rows} - names.keys()
    if missing:
        names = {**names, **await person_names(missing)}
    return [
        CommentView(
            teacher_id=int(row["teacher_id"]),
            teacher_name=names.get(int(row["teacher_id"]), ""),
            lesson_rating=row["lesson_rating"],
            teacher_rating=row["teacher_rating"],
            comment=row["comment"],
        )
        for row in rows
    ]


async def teacher_ratings(
    deps: Deps, actor: Actor, *, teacher_ids: Iterable[int]
) -> dict[int, Average]:
    """The average teacher rating and its count over the last ``RECENT_DAYS`` days, per
    teacher who has any (for the teachers list and the card). Without ``feedback.view`` a
    teacher gets their own only; anyone else gets nothing (never an error: the list and
    the card simply show no rating).

    Raises:
        Nothing beyond database errors.
    """
    wanted = sorted({int(teacher_id) for teacher_id in teacher_ids})
    if not await has_permission(actor, Permission.FEEDBACK_VIEW):
        wanted = [t for t in wanted if t == actor.person_id and Role.TEACHER in actor.roles]
    if not wanted:
        return {}
    since = deps.clock.now() - timedelta(days=RECENT_DAYS)
    ratings: dict[int, Average] = {}
    for chunk in _chunks(wanted):
        for row in (
            await LessonFeedback.filter(
                organisation_id=actor.organisation_id,
                teacher_id__in=list(chunk),
                teacher_rating__isnull=False,
                created_at__gte=since,
            )
            .group_by("teacher_id")
            .annotate(total=Sum("teacher_rating"), n=Count("id"))
            .values("teacher_id", "total", "n")
        ):
            count = int(row["n"])
            if count:
                ratings[int(row["teacher_id"])] = Average(
                    _half_up(int(row["total"]) * 100, count), count
                )
    return ratings
