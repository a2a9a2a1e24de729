"""Tests: building them from the bank, assigning them, and students taking them.

- **Building** needs ``tests.manage``; its author changes a test (or anyone with
  ``teaching.any``). A draft test has settings and lines (``TestItem``): a fixed question
  of the organisation's bank, or N random questions of a topic (of the test's course, when
  it has one). Publishing is refused for a test with no questions, an archived fixed
  question, or a random line asking for more questions than its topic has — the fixed
  questions of the test and the other random lines of the same topic are counted out, since
  a question is never drawn twice in one attempt. Once anyone has started a test its lines
  stay fixed; its settings (dates, limits) may still change and apply to new attempts,
  except the closing time, which ends attempts in progress too. A published test stays
  publishable: a change of its course is checked like publishing, and the bank refuses to
  archive or move a question such a test still needs (``check_bank_change``); a fixed
  question archived anyway is still drawn, so a test never quietly loses a question.
- **Assigning** to a group the actor teaches (or any group with ``teaching.any``), or to
  one current student of such a group. Students are told once the test is published (at
  assigning, or at publishing when assigned as a draft), with a "Start the test" button
  (callback data ``test:start:<test id>``); a student reached twice (group and directly) is
  told once (outbox dedupe key per test and student).
- **Taking**: ``start_attempt`` opens an attempt — or returns the open one (resuming): the
  student's person row is locked and ``Attempt.active_key`` is unique while the attempt is
  open, so two taps make one attempt. It draws the questions with ``rng`` (fixed lines in
  order, random lines sampled without repeats), shuffles them when the test says so,
  snapshots each (kind, text, body, picture and the order its options are shown in) and
  fixes the deadline: the time limit, capped by ``closes_at``. Positions are **0-based**:
  ``ShownQuestion.position`` 0 is the first question; position ``total`` is the "finish"
  screen (``AttemptState.question`` None). ``answer_question`` saves an answer as given and,
  unless ``advance`` is False, moves to the next question. ``toggle_choice`` ticks or
  unticks one option of a multiple-choice question with the attempt row locked (quick taps
  each count); its "Next" is ``answer_question`` with ``answer=None``, keeping the ticks.
  The ``position`` argument guards against a button of a question already left behind: the
  move is a compare-and-set on ``Attempt.position``, so a stale or repeated button is
  refused with ``Conflict`` and nothing is saved. ``go_to_question`` moves back (or
  forward). ``finish_attempt`` scores it; past the deadline (the attempt's, and never after
  the test's closing time, even one set after the attempt began) every call finishes the
  attempt as timed out instead and returns the result, and ``time_out_attempts`` (the
  scheduler, every minute) does so for attempts nobody touches, telling the student.
- **Scoring**: each answer earns ``core.question_kinds.score`` thousandths of its
  question's points; the percent is rounded down (a pass mark is never reached by
  rounding). The attempt row is locked while it is finished, so concurrent finishes score
  it once and finishing twice returns the same result.
- **Results** flow into the gradebook: the first finished attempt gives the student a
  ``Grade`` of kind ``test`` in the attempt's group (the group the test was assigned
  through, else the student's current group of the test's course), on the organisation's
  scale, agreeing with the result shown: pass/fail is the test's verdict (its pass mark),
  100 points the percent rounded down, 5 points and letters that percent by
  ``grades.final_value``; a better later attempt corrects that same grade, so the gradebook
  shows the best. Grades are given by the system ("tests"), not by
  the student, and the student is not told of them (they see the result at once); parents
  are told as of any grade.
- **The review of mistakes** shows the right answers, so the student and their parents
  may open it (when the test allows it) only once the student can answer no more: no
  attempt in progress and none left, or the test closed. Staff always may.
- **The group's teachers are told once** when every current student of an assigned group
  has finished an attempt, or when the test closes (the time-out tick), with the average of
  each student's best percent, rounded half up.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.functions import Count

from core import attachments as files
from core.actor import Actor
from core.clock import SystemClock
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.i18n import N_
from core.models.academics import Course, Enrolment, Group, GroupTeacher
from core.models.lessons import Grade
from core.models.people import Person
from core.models.testing import (
    Attempt,
    AttemptAnswer,
    Question,
    Test,
    TestAssignment,
    TestItem,
)
from core.models.testing import QuestionKind as QuestionKind  # noqa: PLC0414 - for adapters
from core.models.testing import TestStatus as TestStatus  # noqa: PLC0414 - re-exported for adapters
from core.permissions import Permission, has_permission, require
from core.question_kinds import (
    BLANK,
    CHOICE_KINDS,
    FULL,
    Loc,
    check_answer,
    correct_answer,
    display_order,
    localised,
    score,
)
from core.services.audit import do_record, jsonable, snapshot
from core.services.grades import (
    FAIL,
    PASS,
    GradeKind,
    do_correct_grade,
    do_give_grade,
    final_value,
    value_label,
)
from core.services.grades import parse_grade as _parse_grade
from core.services.homework import parse_local_datetime
from core.services.lesson_settings import GradeScale, lesson_settings
from core.services.lessons import (
    check_id,
    children_of,
    format_when,
    local_today,
    organisation_zone,
    person_names,
    require_teaching_group,
    students_of,
    teaches_group,
)
from core.services.outbox import do_enqueue
from core.tx import Tx, transaction

log = logging.getLogger(__name__)

#: Callback data of the "Start" button under an assignment notice.
START_DATA = "test:start:{test_id}"

TITLE_MAX = 200
INSTRUCTIONS_MAX = 4000
TOPIC_MAX = 100
TIME_LIMIT_MAX = 600
ATTEMPTS_MAX = 20
#: Lines of one test, and questions one random line may draw.
ITEMS_MAX = 100
RANDOM_MAX = 100
#: No attempt has more questions than this (every line drawing the most it may).
POSITIONS_MAX = ITEMS_MAX * RANDOM_MAX
#: A refusal names at most this many tests.
NAMED_TESTS = 5
#: Closed tests stay in a student's list this long after closing.
CLOSED_LIST_DAYS = 30
#: Attempts the time-out tick finishes per read of the database.
TIMEOUT_BATCH = 100
#: Where a picture of a question is served from: re-encoded as PNG when it was uploaded.
IMAGE_CONTENT_TYPE = "image/png"

STATUS_LABELS: dict[TestStatus, str] = {
    TestStatus.DRAFT: N_("Draft"),
    TestStatus.PUBLISHED: N_("Published"),
}

_NOT_FOUND = N_("This test does not exist or is not open to you.")
_NO_ATTEMPT = N_("This attempt does not exist or is not open to you.")
_ARCHIVED = N_("This test is archived: nothing in it can change.")


@dataclass(frozen=True)
class TestData:
    """A test's settings as typed in the builder."""

    title: str
    instructions: str = ""
    course_id: int | None = None
    time_limit_minutes: int | None = None
    attempts_allowed: int = 1
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    shuffle_questions: bool = True
    shuffle_options: bool = True
    pass_percent: int = 50
    show_review: bool = False


@dataclass(frozen=True)
class ItemData:
    """One line of a test: ``question_id``, or ``count`` random questions of ``topic``."""

    question_id: int | None = None
    topic: str = ""
    count: int = 1


@dataclass(frozen=True)
class ItemView:
    #: 0-based, the line's place in the test.
    position: int
    question_id: int | None
    topic: str
    count: int
    #: The fixed question's text (every language it has) or {} for a random item.
    question_text: Loc
    #: The points the line carries: the fixed question's, or ``count`` × the topic's
    #: average points (rounded half up) for a random line.
    points: int
    #: The fixed question's kind (None for a random line).
    kind: QuestionKind | None = None
    #: Questions of the topic the random line may draw from (0 for a fixed line).
    available: int = 0
    #: The fixed question was archived after it was added.
    archived: bool = False


@dataclass(frozen=True)
class AssignmentView:
    id: int
    group_id: int | None
    group_name: str
    student_id: int | None
    student_name: str


@dataclass(frozen=True)
class TestSummary:
    id: int
    title: str
    status: TestStatus
    course_id: int | None
    question_count: int
    opens_at: datetime | None
    closes_at: datetime | None
    attempts_finished: int
    archived_at: datetime | None = None
    #: The course's name in Russian (else kk, en); ``course_names`` has every language:
    #: show ``localised(course_names, language)`` to the reader.
    course_name: str = ""
    course_names: Loc = field(default_factory=dict)


@dataclass(frozen=True)
class TestView:
    id: int
    title: str
    instructions: str
    status: TestStatus
    course_id: int | None
    time_limit_minutes: int | None
    attempts_allowed: int
    opens_at: datetime | None
    closes_at: datetime | None
    shuffle_questions: bool
    shuffle_options: bool
    pass_percent: int
    show_review: bool
    #: Questions each attempt draws, and the points they carry.
    question_count: int
    max_points: int
    items: tuple[ItemView, ...]
    assignments: tuple[AssignmentView, ...]
    archived_at: datetime | None = None
    #: Anyone has started it: its lines can no longer change.
    started: bool = False
    #: The actor may change it (its author, or ``teaching.any``).
    can_edit: bool = False
    #: As ``TestSummary.course_name`` and ``course_names``.
    course_name: str = ""
    course_names: Loc = field(default_factory=dict)
    timezone: str = "Asia/Almaty"


@dataclass(frozen=True)
class AvailableTest:
    """A test as a student sees it in their list."""

    test_id: int
    title: str
    opens_at: datetime | None
    closes_at: datetime | None
    time_limit_minutes: int | None
    question_count: int
    attempts_allowed: int
    attempts_used: int
    #: The attempt in progress, to resume.
    open_attempt_id: int | None
    #: The best finished attempt's percent (0–100, rounded down), if any.
    best_percent: int | None
    #: May start (or resume) now: open, not closed, attempts left or one in progress.
    can_start: bool
    #: The latest finished attempt, for its result.
    last_attempt_id: int | None = None
    instructions: str = ""


@dataclass(frozen=True)
class ShownQuestion:
    """The question an attempt is on, ready to display.

    ``choices`` are (body index, text) in the order shown: options (single, multiple),
    right-hand sides (matching) or items (ordering); ``lefts`` are the matching's left-hand
    sides in body order. ``answer`` is what was saved so far (toggled options, a typed text),
    in ``core.question_kinds`` answer shape. ``position`` is 0-based.
    """

    attempt_id: int
    position: int
    total: int
    kind: QuestionKind
    text: Loc
    choices: tuple[tuple[int, Loc], ...]
    lefts: tuple[Loc, ...]
    image_key: str
    points: int
    answer: dict[str, Any] | None
    #: Blanks (``___``) of a fill-in-the-blank text; 0 for the other kinds.
    blanks: int = 0


@dataclass(frozen=True)
class AttemptResult:
    attempt_id: int
    test_id: int
    test_title: str
    #: Thousandths of a point.
    score: int
    max_score: int
    #: 0–100, rounded down (a pass mark is never reached by rounding).
    percent: int
    passed: bool
    timed_out: bool
    finished_at: datetime
    #: The grade it gave in the gradebook, on the organisation's scale ("5", "87", "B",
    #: "pass"); show ``grade_label`` instead.
    grade_value: str | None
    #: The reader may open the review of mistakes now (staff always; the student and
    #: their parents when the test allows it and the student can answer no more).
    review_allowed: bool
    student_id: int = 0
    number: int = 1
    #: The grade as shown: translate it (``_(grade_label)``) — "pass"/"fail" are marked
    #: words (``grades.value_label``), any other value passes through unchanged.
    grade_label: str | None = None
    #: The test allows the review, but not yet: attempts remain or one is in progress.
    review_later: bool = False


@dataclass(frozen=True)
class AttemptState:
    """Where an attempt stands: on a question, or finished with its result.

    On the "finish" screen (position ``total``) ``question`` and ``result`` are both None.
    """

    attempt_id: int
    test_id: int
    test_title: str
    deadline_at: datetime | None
    answered: int
    total: int
    question: ShownQuestion | None
    result: AttemptResult | None
    #: 0-based: the question the student is on (``total``: the finish screen).
    position: int = 0
    #: ``answer_question`` only: the question just answered, with the answer saved.
    answered_question: ShownQuestion | None = None


@dataclass(frozen=True)
class ImageFile:
    """A question's picture: re-encoded as PNG when it was uploaded, served from here."""

    path: str
    content_type: str


@dataclass(frozen=True)
class ReviewItem:
    """One question of a finished attempt, for the review of mistakes."""

    position: int
    kind: QuestionKind
    text: Loc
    snapshot: dict[str, Any]
    answer: dict[str, Any] | None
    correct_answer: dict[str, Any]
    #: Thousandths of a point earned, and the points the question carried.
    score: int
    points: int


@dataclass(frozen=True)
class BankQuestion:
    """A question of the bank the builder may add as a fixed line."""

    id: int
    kind: QuestionKind
    text: Loc
    topic: str
    points: int
    in_test: bool


@dataclass(frozen=True)
class TopicCount:
    topic: str
    count: int


@dataclass(frozen=True)
class BankChoice:
    """The bank as the builder of one test sees it: questions of the test's course (every
    course's when it has none), filtered by ``topic`` when given, and the topics to draw
    random questions from."""

    topic: str
    topics: tuple[TopicCount, ...]
    questions: tuple[BankQuestion, ...]


@dataclass(frozen=True)
class AssignChoices:
    """Whom the actor may assign a test to: their groups (every group with
    ``teaching.any``) and the current students of those groups."""

    groups: tuple[tuple[int, str], ...]
    students: tuple[tuple[int, str], ...]


# --- helpers -------------------------------------------------------------------------------


def _percent(score_: int, max_score: int) -> int:
    return score_ * 100 // max_score if max_score else 0


def _half_up(value: Fraction) -> int:
    return int(value + Fraction(1, 2))


def _question_count(items: Iterable[TestItem]) -> int:
    total = 0
    for item in items:
        total += 1 if item.question_id is not None else int(item.count)  # type: ignore[attr-defined]
    return total


def _ints(values: Any) -> list[int]:
    """A ``values_list(..., flat=True)`` result as ints (Tortoise types it as tuples)."""
    return [int(value) for value in values]


async def _test_here(actor: Actor, test_id: int) -> Test:
    check_id(test_id)
    test = await Test.get_or_none(id=test_id, organisation_id=actor.organisation_id)
    if test is None:
        raise NotFound(_NOT_FOUND)
    return test


async def _may_edit(actor: Actor, test: Test) -> bool:
    if actor.is_system:
        return True
    if not await has_permission(actor, Permission.TESTS_MANAGE):
        return False
    return test.author_id == actor.person_id or await has_permission(  # type: ignore[attr-defined]
        actor, Permission.TEACHING_ANY
    )


async def _editable(actor: Actor, test_id: int) -> Test:
    """The test, if the actor may change it.

    Raises:
        NotFound, PermissionDenied.
    """
    await require(actor, Permission.TESTS_MANAGE)
    test = await _test_here(actor, test_id)
    if not await _may_edit(actor, test):
        raise PermissionDenied(
            N_("Only the test's author (or someone who teaches any group) may change it.")
        )
    return test


def _check_data(data: TestData) -> TestData:
    title = data.title.strip()
    if not title:
        raise InvalidInput(N_("Give the test a title."), field="title")
    if len(title) > TITLE_MAX:
        raise InvalidInput(
            N_("The title may be at most {limit} characters long."), field="title", limit=TITLE_MAX
        )
    instructions = data.instructions.strip()
    if len(instructions) > INSTRUCTIONS_MAX:
        raise InvalidInput(
            N_("The instructions may be at most {limit} characters long."),
            field="instructions",
            limit=INSTRUCTIONS_MAX,
        )
    limit = data.time_limit_minutes
    if limit is not None and not 1 <= limit <= TIME_LIMIT_MAX:
        raise InvalidInput(
            N_("The time limit must be from 1 to {most} minutes, or none."),
            field="time_limit_minutes",
            most=TIME_LIMIT_MAX,
        )
    if not 1 <= data.attempts_allowed <= ATTEMPTS_MAX:
        raise InvalidInput(
            N_("Allow from 1 to {most} attempts."), field="attempts_allowed", most=ATTEMPTS_MAX
        )
    if not 0 <= data.pass_percent <= 100:
        raise InvalidInput(
            N_("The pass mark must be from 0 to 100 percent."), field="pass_percent"
        )
    for moment in (data.opens_at, data.closes_at):
        if moment is not None and moment.tzinfo is None:
            raise ValueError("test dates must be timezone-aware")
    if data.opens_at and data.closes_at and data.closes_at <= data.opens_at:
        raise InvalidInput(N_("The test must close after it opens."), field="closes_at")
    return replace(data, title=title, instructions=instructions)


async def _check_course(actor: Actor, course_id: int | None) -> None:
    if course_id is None:
        return
    check_id(course_id)
    if not await Course.exists(id=course_id, organisation_id=actor.organisation_id):
        raise InvalidInput(N_("There is no such course."), field="course_id")


_SETTINGS = (
    "title",
    "instructions",
    "course_id",
    "time_limit_minutes",
    "attempts_allowed",
    "opens_at",
    "closes_at",
    "shuffle_questions",
    "shuffle_options",
    "pass_percent",
    "show_review",
)


def _settings(data: TestData) -> dict[str, Any]:
    return {name: getattr(data, name) for name in _SETTINGS}


# --- reading tests -------------------------------------------------------------------------


async def _may_read_tests(actor: Actor) -> bool:
    return await has_permission(actor, Permission.TESTS_MANAGE) or await has_permission(
        actor, Permission.TEST_RESULTS
    )


async def _course_names(course_ids: Iterable[int | None]) -> dict[int, Loc]:
    """The courses' names by language (the languages a course has a name in)."""
    ids = {course_id for course_id in course_ids if course_id is not None}
    if not ids:
        return {}
    return {
        row["id"]: {
            language: row[f"name_{language}"]
            for language in ("kk", "ru", "en")
            if row[f"name_{language}"]
        }
        for row in await Course.filter(id__in=ids).values("id", "name_ru", "name_kk", "name_en")
    }


async def list_tests(actor: Actor, *, archived: bool = False) -> list[TestSummary]:
    """Tests of the organisation (``tests.manage`` or ``tests.results``), newest first;
    the archived ones instead when ``archived``.

    Raises:
        PermissionDenied: the actor may neither build tests nor see their results.
    """
    if not await _may_read_tests(actor):
        raise PermissionDenied(permission=Permission.TESTS_MANAGE.value)
    tests = await Test.filter(
        organisation_id=actor.organisation_id, archived_at__isnull=not archived
    ).order_by("-created_at", "-id")
    ids = [test.id for test in tests]
    counts: dict[int, int] = {}
    for item in await TestItem.filter(test_id__in=ids):
        counts[item.test_id] = counts.get(item.test_id, 0) + _question_count([item])  # type: ignore[attr-defined]
    finished = {
        row["test_id"]: row["n"]
        for row in await Attempt.filter(test_id__in=ids, finished_at__isnull=False)
        .group_by("test_id")
        .annotate(n=Count("id"))
        .values("test_id", "n")
    }
    courses = await _course_names(test.course_id for test in tests)  # type: ignore[attr-defined]
    return [
        TestSummary(
            id=test.id,
            title=test.title,
            status=TestStatus(test.status),
            course_id=test.course_id,  # type: ignore[attr-defined]
            question_count=counts.get(test.id, 0),
            opens_at=test.opens_at,
            closes_at=test.closes_at,
            attempts_finished=finished.get(test.id, 0),
            archived_at=test.archived_at,
            course_name=localised(courses.get(test.course_id, {}), "ru"),  # type: ignore[attr-defined]
            course_names=courses.get(test.course_id, {}),  # type: ignore[attr-defined]
        )
        for test in tests
    ]


async def _topic_counts(
    organisation_id: int, course_id: int | None, topics: Iterable[str]
) -> dict[str, list[tuple[int, int]]]:
    """(question id, points) of the bank's live questions by topic."""
    wanted = set(topics)
    if not wanted:
        return {}
    query = Question.filter(
        organisation_id=organisation_id, topic__in=wanted, archived_at__isnull=True
    )
    if course_id is not None:
        query = query.filter(course_id=course_id)
    by_topic: dict[str, list[tuple[int, int]]] = {}
    for row in await query.order_by("id").values("id", "topic", "points"):
        by_topic.setdefault(row["topic"], []).append((row["id"], row["points"]))
    return by_topic


async def _item_views(test: Test, items: Sequence[TestItem]) -> list[ItemView]:
    fixed_ids = [item.question_id for item in items if item.question_id is not None]  # type: ignore[attr-defined]
    questions = {q.id: q for q in await Question.filter(id__in=fixed_ids)}
    pools = await _topic_counts(
        test.organisation_id,  # type: ignore[attr-defined]
        test.course_id,  # type: ignore[attr-defined]
        (item.topic for item in items if item.question_id is None),  # type: ignore[attr-defined]
    )
    fixed = set(fixed_ids)
    views = []
    for item in items:
        question = questions.get(item.question_id)  # type: ignore[attr-defined]
        if question is not None:
            views.append(
                ItemView(
                    position=item.position,
                    question_id=question.id,
                    topic=question.topic,
                    count=1,
                    question_text=dict(question.text),
                    points=question.points,
                    kind=QuestionKind(question.kind),
                    archived=question.archived_at is not None,
                )
            )
            continue
        pool = [points for qid, points in pools.get(item.topic, []) if qid not in fixed]
        average = Fraction(sum(pool), len(pool)) if pool else Fraction(1)
        views.append(
            ItemView(
                position=item.position,
                question_id=None,
                topic=item.topic,
                count=item.count,
                question_text={},
                points=_half_up(average * item.count),
                available=len(pool),
            )
        )
    return views


async def access_test(actor: Actor, test_id: int) -> TestView:
    """A test with its items and assignments (``tests.manage`` or ``tests.results``).

    Raises:
        NotFound: no such test in the actor's organisation, or out of reach.
    """
    test = await _test_here(actor, test_id)
    if not await _may_read_tests(actor):
        raise NotFound(_NOT_FOUND)
    items = await TestItem.filter(test_id=test.id).order_by("position")
    views = await _item_views(test, items)
    assignments = await TestAssignment.filter(test_id=test.id).order_by("id")
    groups: dict[int, str] = dict(
        await Group.filter(
            id__in=[a.group_id for a in assignments if a.group_id]  # type: ignore[attr-defined]
        ).values_list("id", "name")
    )
    names = await person_names(a.student_id for a in assignments if a.student_id)  # type: ignore[attr-defined]
    courses = await _course_names([test.course_id])  # type: ignore[attr-defined]
    zone = await organisation_zone(test.organisation_id)  # type: ignore[attr-defined]
    return TestView(
        id=test.id,
        title=test.title,
        instructions=test.instructions,
        status=TestStatus(test.status),
        course_id=test.course_id,  # type: ignore[attr-defined]
        time_limit_minutes=test.time_limit_minutes,
        attempts_allowed=test.attempts_allowed,
        opens_at=test.opens_at,
        closes_at=test.closes_at,
        shuffle_questions=test.shuffle_questions,
        shuffle_options=test.shuffle_options,
        pass_percent=test.pass_percent,
        show_review=test.show_review,
        question_count=_question_count(items),
        max_points=sum(view.points for view in views),
        items=tuple(views),
        assignments=tuple(
            AssignmentView(
                id=a.id,
                group_id=a.group_id,  # type: ignore[attr-defined]
                group_name=str(groups.get(a.group_id, "")),  # type: ignore[attr-defined]
                student_id=a.student_id,  # type: ignore[attr-defined]
                student_name=names.get(a.student_id, ""),  # type: ignore[attr-defined]
            )
            for a in assignments
        ),
        archived_at=test.archived_at,
        started=await Attempt.exists(test_id=test.id),
        can_edit=await _may_edit(actor, test),
        course_name=localised(courses.get(test.course_id, {}), "ru"),  # type: ignore[attr-defined]
        course_names=courses.get(test.course_id, {}),  # type: ignore[attr-defined]
        timezone=zone.key,
    )


async def bank_for_test(actor: Actor, *, test_id: int, topic: str = "") -> BankChoice:
    """The bank's live questions the builder may add to a test (of its course, when it has
    one; of ``topic`` when given), and the topics with how many questions each has.

    Raises:
        NotFound, PermissionDenied: as for changing the test.
    """
    test = await _editable(actor, test_id)
    query = Question.filter(organisation_id=actor.organisation_id, archived_at__isnull=True)
    if test.course_id is not None:  # type: ignore[attr-defined]
        query = query.filter(course_id=test.course_id)  # type: ignore[attr-defined]
    topics = {
        row["topic"]: row["n"]
        for row in await query.filter(topic__not="")
        .group_by("topic")
        .annotate(n=Count("id"))
        .values("topic", "n")
    }
    topic = topic.strip()
    if topic:
        query = query.filter(topic=topic)
    questions = await query.order_by("topic", "id").limit(500)
    used = set(
        _ints(
            await TestItem.filter(test_id=test.id, question_id__isnull=False).values_list(
                "question_id", flat=True
            )
        )
    )
    return BankChoice(
        topic=topic,
        topics=tuple(TopicCount(name, topics[name]) for name in sorted(topics)),
        questions=tuple(
            BankQuestion(
                id=q.id,
                kind=QuestionKind(q.kind),
                text=dict(q.text),
                topic=q.topic,
                points=q.points,
                in_test=q.id in used,
            )
            for q in questions
        ),
    )


async def _assignable_groups(actor: Actor) -> list[tuple[int, str]]:
    query = Group.filter(organisation_id=actor.organisation_id)
    if not (actor.is_system or await has_permission(actor, Permission.TEACHING_ANY)):
        mine = await GroupTeacher.filter(teacher_id=actor.person_id).values_list(
            "group_id", flat=True
        )
        query = query.filter(id__in=list(mine))
    return [
        (int(gid), str(name))
        for gid, name in await query.order_by("name").values_list("id", "name")
    ]


async def assign_choices(actor: Actor, *, test_id: int) -> AssignChoices:
    """The groups and students the actor may assign the test to.

    Raises:
        NotFound, PermissionDenied: as for changing the test.
    """
    _ = await _editable(actor, test_id)
    groups = await _assignable_groups(actor)
    student_ids = await Enrolment.filter(
        group_id__in=[gid for gid, _ in groups], active_key__isnull=False
    ).values_list("student_id", flat=True)
    names = await person_names(int(sid) for sid in student_ids)  # type: ignore[call-overload]
    return AssignChoices(
        groups=tuple(groups),
        students=tuple(sorted(names.items(), key=lambda pair: (pair[1], pair[0]))),
    )


async def course_choices(actor: Actor) -> list[tuple[int, Loc]]:
    """The organisation's courses a test may belong to: (id, name by language).

    Raises:
        PermissionDenied: the actor may not build tests.
    """
    await require(actor, Permission.TESTS_MANAGE)
    rows = await Course.filter(organisation_id=actor.organisation_id).order_by("name_ru", "id")
    return [
        (
            int(course.id),
            {
                language: name
                for language, name in (
                    ("kk", course.name_kk),
                    ("ru", course.name_ru),
                    ("en", course.name_en),
                )
                if name
            },
        )
        for course in rows
    ]


def parse_moment(raw: str, *, timezone: str, today: date, field: str) -> datetime | None:
    """An opening or closing time typed in the organisation's local time (as
    ``homework.parse_local_datetime`` reads it), in UTC; None when nothing is typed.

    Raises:
        InvalidInput: not a date and time (on ``field``).
    """
    if not raw.strip():
        return None
    try:
        return parse_local_datetime(raw, timezone=timezone, today=today).astimezone(UTC)
    except InvalidInput as error:
        raise InvalidInput(error.message, field=field, **error.params) from None


# --- building ------------------------------------------------------------------------------


async def create_test(deps: Deps, actor: Actor, *, data: TestData) -> int:
    """Create a draft test; returns its id.

    Raises:
        PermissionDenied: the actor may not build tests.
        InvalidInput: empty title, limits out of range, closes before opens, no such
            course.
    """
    await require(actor, Permission.TESTS_MANAGE)
    data = _check_data(data)
    await _check_course(actor, data.course_id)
    async with transaction(deps) as tx:
        test = await Test.create(
            organisation_id=actor.organisation_id,
            author_id=actor.person_id,
            status=TestStatus.DRAFT,
            created_at=tx.now,
            updated_at=tx.now,
            **_settings(data),
        )
        await do_record(
            tx,
            actor,
            action="test.create",
            object_type="test",
            object_id=test.id,
            after={k: jsonable(v) for k, v in _settings(data).items()},
        )
    return int(test.id)


async def update_test(deps: Deps, actor: Actor, *, test_id: int, data: TestData) -> None:
    """Change a test's settings; they apply to attempts started from now on (the question
    list of a test with attempts stays fixed, and so does its course) — except the closing
    time: attempts in progress end by it too (their deadline is brought forward to it,
    never put back), and the time-out tick finishes those it leaves past their time.

    Raises:
        NotFound, PermissionDenied: as ``create_test``, or not the actor's to change.
        InvalidInput: as ``create_test``; for a published test, a course whose bank leaves
            a random line too few questions (what ``publish_test`` refuses).
        Conflict: the test is archived, or its course changes after attempts began.
    """
    test = await _editable(actor, test_id)
    data = _check_data(data)
    await _check_course(actor, data.course_id)
    async with transaction(deps) as tx:
        test = await Test.select_for_update().get(id=test.id)
        if test.archived_at is not None:
            raise Conflict(_ARCHIVED)
        if data.course_id != test.course_id and await Attempt.exists(test_id=test.id):  # type: ignore[attr-defined]
            raise Conflict(
                N_("Students have started this test, so its course can no longer change.")
            )
        course_changed = data.course_id != test.course_id  # type: ignore[attr-defined]
        before = snapshot(test, _SETTINGS)
        for name, value in _settings(data).items():
            setattr(test, name, value)
        if course_changed and test.status == TestStatus.PUBLISHED:
            items = await TestItem.filter(test_id=test.id).order_by("position")
            await _check_publishable(test, items)
        test.updated_at = tx.now
        await test.save(update_fields=[*_SETTINGS, "updated_at"])
        if test.closes_at is not None:
            await Attempt.filter(
                Q(deadline_at__isnull=True) | Q(deadline_at__gt=test.closes_at),
                test_id=test.id,
                finished_at__isnull=True,
            ).update(deadline_at=test.closes_at)
        await do_record(
            tx,
            actor,
            action="test.update",
            object_type="test",
            object_id=test.id,
            before=before,
            after=snapshot(test, _SETTINGS),
        )


async def _check_items(actor: Actor, items: Sequence[ItemData]) -> list[ItemData]:
    if len(items) > ITEMS_MAX:
        raise InvalidInput(
            N_("A test may have at most {most} lines."), field="items", most=ITEMS_MAX
        )
    cleaned: list[ItemData] = []
    fixed_ids = [item.question_id for item in items if item.question_id is not None]
    for question_id in fixed_ids:
        check_id(question_id)
    found = {
        row["id"]: row["archived_at"]
        for row in await Question.filter(
            id__in=fixed_ids, organisation_id=actor.organisation_id
        ).values("id", "archived_at")
    }
    seen: set[int] = set()
    for line, item in enumerate(items, start=1):
        if item.question_id is not None:
            if item.question_id not in found:
                raise InvalidInput(
                    N_("Line {line}: there is no such question in the bank."),
                    field="items",
                    line=line,
                )
            if found[item.question_id] is not None:
                raise InvalidInput(
                    N_("Line {line}: the question is archived; choose another one."),
                    field="items",
                    line=line,
                )
            if item.question_id in seen:
                raise InvalidInput(
                    N_("Line {line}: this question is in the test already."),
                    field="items",
                    line=line,
                )
            seen.add(item.question_id)
            cleaned.append(ItemData(question_id=item.question_id))
            continue
        topic = item.topic.strip()
        if not topic or len(topic) > TOPIC_MAX:
            raise InvalidInput(
                N_("Line {line}: choose the topic to draw questions from."),
                field="items",
                line=line,
            )
        if not 1 <= item.count <= RANDOM_MAX:
            raise InvalidInput(
                N_("Line {line}: draw from 1 to {most} questions."),
                field="items",
                line=line,
                most=RANDOM_MAX,
            )
        cleaned.append(ItemData(topic=topic, count=item.count))
    return cleaned


async def _check_publishable(test: Test, items: Sequence[TestItem]) -> None:
    """Raises InvalidInput: no questions, an archived fixed question, a topic too small."""
    if not items:
        raise InvalidInput(N_("Add at least one question before publishing the test."))
    fixed_ids = [item.question_id for item in items if item.question_id is not None]  # type: ignore[attr-defined]
    archived = set(
        _ints(
            await Question.filter(id__in=fixed_ids, archived_at__isnull=False).values_list(
                "id", flat=True
            )
        )
    )
    wanted: dict[str, int] = {}
    for line, item in enumerate(items, start=1):
        if item.question_id in archived:  # type: ignore[attr-defined]
            raise InvalidInput(
                N_("Line {line}: the question is archived; remove it or choose another one."),
                field="items",
                line=line,
            )
        if item.question_id is None:  # type: ignore[attr-defined]
            wanted[item.topic] = wanted.get(item.topic, 0) + item.count
    pools = await _topic_counts(test.organisation_id, test.course_id, wanted)  # type: ignore[attr-defined]
    fixed = set(fixed_ids)
    for topic, count in wanted.items():
        available = len([qid for qid, _ in pools.get(topic, []) if qid not in fixed])
        if available < count:
            raise InvalidInput(
                N_(
                    "The topic “{topic}” has {available} questions to draw from, "
                    "but the test asks for {count}."
                ),
                field="items",
                topic=topic,
                available=available,
                count=count,
            )


def _titles(tests: Iterable[Test]) -> str:
    """Test titles for a message, the first few of them."""
    titles = sorted(test.title for test in tests)
    named = ", ".join(f"“{title}”" for title in titles[:NAMED_TESTS])
    return named if len(titles) <= NAMED_TESTS else f"{named}, …"


async def check_bank_change(
    organisation_id: int,
    *,
    question_id: int,
    now: datetime,
    archived: bool,
    topic: str,
    course_id: int | None,
) -> None:
    """Refuse a change of a bank question that would take it from a published test still
    to be taken (not archived, not closed at ``now``): archiving a question a test draws as
    a fixed line, or archiving it or moving it to another topic or course when a random line
    of such a test would then have fewer questions to draw from than it asks for.
    ``archived``, ``topic`` and ``course_id`` are the question as it is to become.

    Trusted (no permission check): call it in the transaction that changes the question,
    with the question's row locked.

    Raises:
        Conflict: naming the tests (and the topic) in the way, and what to do.
    """
    question = await Question.get(id=question_id)
    if question.archived_at is not None:
        return  # no test draws it now, so none can lose it
    tests = {
        test.id: test
        for test in await Test.filter(
            Q(closes_at__isnull=True) | Q(closes_at__gt=now),
            organisation_id=organisation_id,
            status=TestStatus.PUBLISHED,
            archived_at__isnull=True,
        )
    }
    if not tests:
        return
    fixed: dict[int, set[int]] = {}
    wanted: dict[tuple[int, str], int] = {}
    for row in await TestItem.filter(test_id__in=list(tests)).values(
        "test_id", "question_id", "topic", "count"
    ):
        if row["question_id"] is not None:
            fixed.setdefault(row["test_id"], set()).add(row["question_id"])
        else:
            key = (row["test_id"], row["topic"])
            wanted[key] = wanted.get(key, 0) + row["count"]
    if archived:
        users = [tests[tid] for tid, ids in fixed.items() if question_id in ids]
        if users:
            raise Conflict(
                N_(
                    "This question cannot be archived: the published tests {tests} draw it "
                    "and have not closed yet. Archive those tests, or wait until they close."
                ),
                tests=_titles(users),
            )
    old_course: int | None = question.course_id  # type: ignore[attr-defined]
    short: dict[str, list[Test]] = {}
    for (tid, line_topic), count in wanted.items():
        test = tests[tid]
        test_course: int | None = test.course_id  # type: ignore[attr-defined]
        if question_id in fixed.get(tid, set()):
            continue  # never drawn by the test's random lines anyway
        counted = line_topic == question.topic and test_course in (None, old_course)
        stays = not archived and line_topic == topic and test_course in (None, course_id)
        if not counted or stays:
            continue
        pool = (await _topic_counts(organisation_id, test_course, [line_topic])).get(
            line_topic, []
        )
        available = len([qid for qid, _ in pool if qid not in fixed.get(tid, set())])
        if available - 1 < count:
            short.setdefault(line_topic, []).append(test)
    if not short:
        return
    line_topic = sorted(short)[0]
    message = (
        N_(
            "This question cannot be archived: without it the topic “{topic}” has too few "
            "questions for the published tests {tests}. Add another question to the topic "
            "first, or archive those tests."
        )
        if archived
        else N_(
            "The question's topic or course cannot change: without it the topic “{topic}” "
            "has too few questions for the published tests {tests}. Add another question to "
            "the topic first, or archive those tests."
        )
    )
    raise Conflict(message, topic=line_topic, tests=_titles(short[line_topic]))


async def set_items(deps: Deps, actor: Actor, *, test_id: int, items: Sequence[ItemData]) -> None:
    """Replace a test's items (lines, in order). A published test must stay publishable.

    Raises:
        NotFound, PermissionDenied: not the actor's test to change.
        InvalidInput: a question not in the bank or archived, a question twice, a random
            line without a topic or with a count outside 1–100; for a published test, what
            ``publish_test`` refuses.
        Conflict: anyone has started the test already, or it is archived.
    """
    test = await _editable(actor, test_id)
    cleaned = await _check_items(actor, items)
    async with transaction(deps) as tx:
        test = await Test.select_for_update().get(id=test.id)
        if test.archived_at is not None:
            raise Conflict(_ARCHIVED)
        if await Attempt.exists(test_id=test.id):
            raise Conflict(
                N_("Students have started this test, so its questions can no longer change.")
            )
        before = [
            {"question_id": row["question_id"], "topic": row["topic"], "count": row["count"]}
            for row in await TestItem.filter(test_id=test.id)
            .order_by("position")
            .values("question_id", "topic", "count")
        ]
        await TestItem.filter(test_id=test.id).delete()
        rows = [
            TestItem(
                test_id=test.id,
                position=position,
                question_id=item.question_id,
                topic=item.topic,
                count=1 if item.question_id is not None else item.count,
            )
            for position, item in enumerate(cleaned)
        ]
        await TestItem.bulk_create(rows)
        if test.status == TestStatus.PUBLISHED:
            await _check_publishable(test, rows)
        test.updated_at = tx.now
        await test.save(update_fields=["updated_at"])
        await do_record(
            tx,
            actor,
            action="test.items",
            object_type="test",
            object_id=test.id,
            before={"items": before},
            after={
                "items": [
                    {"question_id": i.question_id, "topic": i.topic, "count": i.count}
                    for i in cleaned
                ]
            },
        )


def _as_data(view: ItemView) -> ItemData:
    if view.question_id is not None:
        return ItemData(question_id=view.question_id)
    return ItemData(topic=view.topic, count=view.count)


async def _current_items(test_id: int) -> list[ItemData]:
    return [
        ItemData(question_id=row["question_id"])
        if row["question_id"] is not None
        else ItemData(topic=row["topic"], count=row["count"])
        for row in await TestItem.filter(test_id=test_id)
        .order_by("position")
        .values("question_id", "topic", "count")
    ]


async def add_items(deps: Deps, actor: Actor, *, test_id: int, items: Sequence[ItemData]) -> None:
    """Append lines to a test (fixed questions already in it are skipped).

    Raises:
        as ``set_items``.
    """
    _ = await _editable(actor, test_id)
    current = await _current_items(test_id)
    present = {item.question_id for item in current if item.question_id is not None}
    new = [item for item in items if item.question_id is None or item.question_id not in present]
    await set_items(deps, actor, test_id=test_id, items=[*current, *new])


async def remove_item(deps: Deps, actor: Actor, *, test_id: int, position: int) -> None:
    """Remove the line at ``position`` (0-based).

    Raises:
        NotFound: no such line. Otherwise as ``set_items``.
    """
    _ = await _editable(actor, test_id)
    current = await _current_items(test_id)
    if not 0 <= position < len(current):
        raise NotFound(N_("There is no such line in this test."))
    del current[position]
    await set_items(deps, actor, test_id=test_id, items=current)


async def move_item(deps: Deps, actor: Actor, *, test_id: int, position: int, offset: int) -> None:
    """Move the line at ``position`` up (``offset`` -1) or down (+1); at an end, nothing.

    Raises:
        NotFound: no such line. Otherwise as ``set_items``.
    """
    _ = await _editable(actor, test_id)
    current = await _current_items(test_id)
    if not 0 <= position < len(current):
        raise NotFound(N_("There is no such line in this test."))
    target = position + (1 if offset > 0 else -1)
    if not 0 <= target < len(current):
        return
    current[position], current[target] = current[target], current[position]
    await set_items(deps, actor, test_id=test_id, items=current)


async def publish_test(deps: Deps, actor: Actor, *, test_id: int) -> None:
    """Publish a draft so assigned students can take it; those already assigned are told.
    Publishing a published test does nothing.

    Raises:
        NotFound, PermissionDenied: not the actor's test to change.
        InvalidInput: no questions; an archived fixed question; a random item asks for more
            questions than its topic has.
        Conflict: the test is archived.
    """
    test = await _editable(actor, test_id)
    async with transaction(deps) as tx:
        test = await Test.select_for_update().get(id=test.id)
        if test.archived_at is not None:
            raise Conflict(_ARCHIVED)
        if test.status == TestStatus.PUBLISHED:
            return
        items = await TestItem.filter(test_id=test.id).order_by("position")
        await _check_publishable(test, items)
        test.status, test.published_at, test.updated_at = TestStatus.PUBLISHED, tx.now, tx.now
        await test.save(update_fields=["status", "published_at", "updated_at"])
        await do_record(
            tx,
            actor,
            action="test.publish",
            object_type="test",
            object_id=test.id,
            after={"status": TestStatus.PUBLISHED.value},
        )
        for assignment in await TestAssignment.filter(test_id=test.id):
            await _tell_assigned(tx, test, assignment)


async def archive_test(deps: Deps, actor: Actor, *, test_id: int) -> None:
    """Archive a test: it leaves the lists and cannot be taken any more (attempts and
    grades stay). Archiving twice does nothing; an open attempt may still be finished.

    Raises:
        NotFound, PermissionDenied: not the actor's test to change.
    """
    test = await _editable(actor, test_id)
    async with transaction(deps) as tx:
        test = await Test.select_for_update().get(id=test.id)
        if test.archived_at is not None:
            return
        test.archived_at, test.updated_at = tx.now, tx.now
        await test.save(update_fields=["archived_at", "updated_at"])
        await do_record(tx, actor, action="test.archive", object_type="test", object_id=test.id)


# --- assigning -----------------------------------------------------------------------------


async def _tell_assigned(tx: Tx, test: Test, assignment: TestAssignment) -> None:
    """Tell the students of a published test's assignment, with the "Start" button."""
    if test.status != TestStatus.PUBLISHED:
        return
    if assignment.group_id is not None:  # type: ignore[attr-defined]
        student_ids = await students_of(assignment.group_id)  # type: ignore[attr-defined]
    else:
        student_ids = [assignment.student_id]  # type: ignore[attr-defined]
    if not student_ids:
        return
    zone = await organisation_zone(test.organisation_id)  # type: ignore[attr-defined]
    params: dict[str, object] = {"title": test.title}
    if test.opens_at is not None and test.opens_at > tx.now:
        message = N_("You have a new test: {title}. It opens on {opens}.")
        params["opens"] = format_when(test.opens_at, zone)
    elif test.closes_at is not None:
        message = N_("You have a new test: {title}. It closes on {closes}.")
        params["closes"] = format_when(test.closes_at, zone)
    else:
        message = N_("You have a new test: {title}.")
    for student_id in student_ids:
        await do_enqueue(
            tx,
            person_id=student_id,
            message=message,
            params=params,
            organisation_id=test.organisation_id,  # type: ignore[attr-defined]
            dedupe_key=f"test:{test.id}:assigned:{student_id}",
            buttons=[[(N_("Start the test"), START_DATA.format(test_id=test.id))]],
        )


async def _reachable_student(actor: Actor, student_id: int) -> None:
    """Raises NotFound: the student is not a current student of a group the actor may
    assign to."""
    check_id(student_id)
    groups = [gid for gid, _ in await _assignable_groups(actor)]
    if not await Enrolment.exists(
        group_id__in=groups, student_id=student_id, active_key__isnull=False
    ):
        raise NotFound(N_("There is no such student in your groups."), field="student_id")


async def assign_test(
    deps: Deps,
    actor: Actor,
    *,
    test_id: int,
    group_id: int | None = None,
    student_id: int | None = None,
) -> int:
    """Assign a test to a group or a student and tell the students (once it is
    published); returns the assignment id (assigning again returns the existing one and
    tells no one twice).

    Raises:
        NotFound: no such test, group or student here (or out of the actor's reach).
        PermissionDenied: not the actor's test, or a group the actor does not teach (without
            ``teaching.any``).
        InvalidInput: neither or both of a group and a student.
        Conflict: the test is archived.
    """
    test = await _editable(actor, test_id)
    if (group_id is None) == (student_id is None):
        raise InvalidInput(N_("Choose a group or a student to assign the test to."))
    if group_id is not None:
        check_id(group_id)
        if not await Group.exists(id=group_id, organisation_id=actor.organisation_id):
            raise NotFound(N_("There is no such group."), field="group_id")
        await require_teaching_group(actor, group_id, Permission.TESTS_MANAGE)
    else:
        assert student_id is not None
        await _reachable_student(actor, student_id)
    async with transaction(deps) as tx:
        test = await Test.select_for_update(no_key=True).get(id=test.id)
        if test.archived_at is not None:
            raise Conflict(_ARCHIVED)
        existing = await TestAssignment.get_or_none(
            test_id=test.id, group_id=group_id, student_id=student_id
        )
        if existing is not None:
            return int(existing.id)
        assignment = await TestAssignment.create(
            test_id=test.id, group_id=group_id, student_id=student_id, created_at=tx.now
        )
        await do_record(
            tx,
            actor,
            action="test.assign",
            object_type="test",
            object_id=test.id,
            after={"assignment_id": assignment.id, "group_id": group_id, "student_id": student_id},
        )
        await _tell_assigned(tx, test, assignment)
    return int(assignment.id)


async def unassign_test(deps: Deps, actor: Actor, *, assignment_id: int) -> None:
    """Take an assignment back (attempts already made stay, and so do their grades).

    Raises:
        NotFound: no such assignment here.
        PermissionDenied: not the actor's test, or a group the actor does not teach.
    """
    check_id(assignment_id)
    assignment = await TestAssignment.get_or_none(
        id=assignment_id, test__organisation_id=actor.organisation_id
    )
    if assignment is None:
        raise NotFound(N_("There is no such assignment."))
    _ = await _editable(actor, assignment.test_id)  # type: ignore[attr-defined]
    if assignment.group_id is not None:  # type: ignore[attr-defined]
        await require_teaching_group(actor, assignment.group_id, Permission.TESTS_MANAGE)  # type: ignore[attr-defined]
    async with transaction(deps) as tx:
        await TestAssignment.filter(id=assignment.id).delete()
        await do_record(
            tx,
            actor,
            action="test.unassign",
            object_type="test",
            object_id=assignment.test_id,  # type: ignore[attr-defined]
            before={
                "assignment_id": assignment.id,
                "group_id": assignment.group_id,  # type: ignore[attr-defined]
                "student_id": assignment.student_id,  # type: ignore[attr-defined]
            },
        )


# --- a student's tests ---------------------------------------------------------------------


async def _own_or_child(actor: Actor, student_id: int | None) -> int:
    if actor.person_id is None:
        raise NotFound()
    if student_id is None or student_id == actor.person_id:
        return actor.person_id
    if student_id not in await children_of(actor.person_id):
        raise NotFound()
    return student_id


async def _current_groups(student_id: int) -> list[int]:
    return _ints(
        await Enrolment.filter(student_id=student_id, active_key__isnull=False).values_list(
            "group_id", flat=True
        )
    )


async def my_tests(
    actor: Actor, *, student_id: int | None = None, now: datetime | None = None
) -> list[AvailableTest]:
    """Published tests assigned to the student (the actor, or a parent's child given as
    ``student_id``): directly or through a group they are in now. Those that may be started
    now come first, soonest closing first; tests closed more than 30 days ago are left out.

    ``now`` decides what is open: adapters pass ``deps.clock.now()`` (the system clock is
    used when it is None).

    Raises:
        NotFound: ``student_id`` is neither the actor nor their child.
    """
    moment = now or SystemClock().now()
    student = await _own_or_child(actor, student_id)
    groups = await _current_groups(student)
    test_ids = set(
        await TestAssignment.filter(
            Q(student_id=student) | Q(group_id__in=groups),
            test__organisation_id=actor.organisation_id,
            test__status=TestStatus.PUBLISHED,
            test__archived_at__isnull=True,
        ).values_list("test_id", flat=True)
    )
    since = moment - timedelta(days=CLOSED_LIST_DAYS)
    tests = await Test.filter(id__in=test_ids).filter(
        Q(closes_at__isnull=True) | Q(closes_at__gte=since)
    )
    ids = [test.id for test in tests]
    counts: dict[int, int] = {}
    for item in await TestItem.filter(test_id__in=ids):
        counts[item.test_id] = counts.get(item.test_id, 0) + _question_count([item])  # type: ignore[attr-defined]
    attempts: dict[int, list[dict[str, Any]]] = {}
    for row in (
        await Attempt.filter(student_id=student, test_id__in=ids)
        .order_by("id")
        .values("id", "test_id", "finished_at", "score", "max_score")
    ):
        attempts.setdefault(row["test_id"], []).append(row)
    listed = []
    for test in tests:
        own = attempts.get(test.id, [])
        open_id = next((row["id"] for row in own if row["finished_at"] is None), None)
        done = [row for row in own if row["finished_at"] is not None]
        is_open = (test.opens_at is None or test.opens_at <= moment) and (
            test.closes_at is None or test.closes_at > moment
        )
        listed.append(
            AvailableTest(
                test_id=test.id,
                title=test.title,
                opens_at=test.opens_at,
                closes_at=test.closes_at,
                time_limit_minutes=test.time_limit_minutes,
                question_count=counts.get(test.id, 0),
                attempts_allowed=test.attempts_allowed,
                attempts_used=len(own),
                open_attempt_id=open_id,
                best_percent=max(
                    (_percent(row["score"] or 0, row["max_score"]) for row in done),
                    default=None,
                ),
                can_start=is_open and (open_id is not None or len(own) < test.attempts_allowed),
                last_attempt_id=done[-1]["id"] if done else None,
                instructions=test.instructions,
            )
        )
    far = datetime.max.replace(tzinfo=moment.tzinfo)
    return sorted(listed, key=lambda t: (not t.can_start, t.closes_at or far, t.test_id))


# --- taking --------------------------------------------------------------------------------


def _active_key(test_id: int, student_id: int) -> str:
    return f"{test_id}:{student_id}"


def _shown(attempt_id: int, position: int, total: int, row: dict[str, Any]) -> ShownQuestion:
    snap = row["snapshot"]
    kind = QuestionKind(snap["kind"])
    body = snap["body"]
    order: list[int] = snap.get("order") or []
    choices: tuple[tuple[int, Loc], ...] = ()
    lefts: tuple[Loc, ...] = ()
    if kind in CHOICE_KINDS:
        choices = tuple((i, body["options"][i]["text"]) for i in order)
    elif kind is QuestionKind.MATCHING:
        choices = tuple((i, body["pairs"][i]["right"]) for i in order)
        lefts = tuple(pair["left"] for pair in body["pairs"])
    elif kind is QuestionKind.ORDERING:
        choices = tuple((i, body["items"][i]) for i in order)
    text: Loc = snap["text"]
    blanks = len(body["blanks"]) if kind is QuestionKind.FILL_BLANK else 0
    return ShownQuestion(
        attempt_id=attempt_id,
        position=position,
        total=total,
        kind=kind,
        text=text,
        choices=choices,
        lefts=lefts,
        image_key=snap.get("image_key", ""),
        points=row["points"],
        answer=row["answer"],
        blanks=blanks,
    )


def _state(
    attempt: dict[str, Any], title: str, rows: Sequence[dict[str, Any]], position: int
) -> AttemptState:
    """The state of an open attempt at ``position`` (rows: its answers by position)."""
    total = len(rows)
    return AttemptState(
        attempt_id=attempt["id"],
        test_id=attempt["test_id"],
        test_title=title,
        deadline_at=_deadline(attempt),
        answered=sum(1 for row in rows if row["answered_at"] is not None),
        total=total,
        question=_shown(attempt["id"], position, total, rows[position])
        if position < total
        else None,
        result=None,
        position=position,
    )


_ATTEMPT_FIELDS = (
    "id",
    "organisation_id",
    "student_id",
    "test_id",
    "group_id",
    "position",
    "deadline_at",
    "finished_at",
    "timed_out",
    "test__title",
    "test__closes_at",
)
_ANSWER_FIELDS = ("position", "points", "snapshot", "answer", "answered_at")


async def _own_attempt(actor: Actor, attempt_id: int) -> dict[str, Any]:
    """The actor's attempt (a row of ``_ATTEMPT_FIELDS``), with its test's title, in one
    query.

    Raises:
        NotFound: not the actor's attempt.
    """
    check_id(attempt_id)
    row = await Attempt.filter(id=attempt_id).first().values(*_ATTEMPT_FIELDS)
    if (
        row is None
        or actor.person_id is None
        or row["student_id"] != actor.person_id
        or row["organisation_id"] != actor.organisation_id
    ):
        raise NotFound(_NO_ATTEMPT)
    return row


async def _answer_rows(attempt_id: int) -> list[dict[str, Any]]:
    return list(
        await AttemptAnswer.filter(attempt_id=attempt_id)
        .order_by("position")
        .values(*_ANSWER_FIELDS)
    )


async def _finished_state(deps: Deps, actor: Actor, attempt: dict[str, Any]) -> AttemptState:
    result = await _result_of(attempt["id"], now=deps.clock.now())
    rows = await AttemptAnswer.filter(attempt_id=attempt["id"]).values("answered_at")
    return AttemptState(
        attempt_id=attempt["id"],
        test_id=attempt["test_id"],
        test_title=attempt["test__title"],
        deadline_at=_deadline(attempt),
        answered=sum(1 for row in rows if row["answered_at"] is not None),
        total=len(rows),
        question=None,
        result=result,
        position=len(rows),
    )


async def _state_now(deps: Deps, actor: Actor, attempt: dict[str, Any]) -> AttemptState:
    """The attempt's state, finishing it as timed out when its deadline has passed."""
    if attempt["finished_at"] is None and _past(deps, attempt):
        await _finish(deps, attempt["id"], timed_out=True)
        reread = await Attempt.filter(id=attempt["id"]).first().values(*_ATTEMPT_FIELDS)
        assert reread is not None
        attempt = reread
    if attempt["finished_at"] is not None:
        return await _finished_state(deps, actor, attempt)
    rows = await _answer_rows(attempt["id"])
    return _state(attempt, attempt["test__title"], rows, min(attempt["position"], len(rows)))


def _deadline(attempt: dict[str, Any]) -> datetime | None:
    """When an attempt (a row of ``_ATTEMPT_FIELDS``) ends: its deadline, and never after
    its test closes — also for an attempt started while the closing time was being moved."""
    moments = [m for m in (attempt["deadline_at"], attempt["test__closes_at"]) if m is not None]
    return min(moments) if moments else None


def _past(deps: Deps, attempt: dict[str, Any]) -> bool:
    deadline = _deadline(attempt)
    return deadline is not None and deps.clock.now() >= deadline


async def _assigned_group(test: Test, student_id: int) -> tuple[bool, int | None]:
    """Whether the test is assigned to the student now, and the group it counts in: the
    group it was assigned through, else the student's current group of its course."""
    groups = await _current_groups(student_id)
    rows = await TestAssignment.filter(
        Q(student_id=student_id) | Q(group_id__in=groups), test_id=test.id
    ).values("group_id", "student_id")
    if not rows:
        return False, None
    through = sorted(row["group_id"] for row in rows if row["group_id"] is not None)
    if through:
        return True, through[0]
    if not groups:
        return True, None
    query = Group.filter(id__in=groups)
    if test.course_id is not None:  # type: ignore[attr-defined]
        query = query.filter(course_id=test.course_id)  # type: ignore[attr-defined]
    elif len(groups) > 1:
        return True, None
    found = _ints(await query.order_by("id").limit(1).values_list("id", flat=True))
    return True, found[0] if found else None


async def _draw(test: Test, rng: random.Random) -> list[Question]:
    items = await TestItem.filter(test_id=test.id).order_by("position")
    fixed_ids = [item.question_id for item in items if item.question_id is not None]  # type: ignore[attr-defined]
    pools = await _topic_counts(
        test.organisation_id,  # type: ignore[attr-defined]
        test.course_id,  # type: ignore[attr-defined]
        (item.topic for item in items if item.question_id is None),  # type: ignore[attr-defined]
    )
    used = set(fixed_ids)
    chosen: list[int] = []
    for item in items:
        if item.question_id is not None:  # type: ignore[attr-defined]
            chosen.append(item.question_id)  # type: ignore[attr-defined]
            continue
        pool = [qid for qid, _ in pools.get(item.topic, []) if qid not in used]
        picked = rng.sample(pool, min(item.count, len(pool)))
        used.update(picked)
        chosen.extend(picked)
    # A fixed question archived after publishing is still drawn: the test was published
    # with it, and a test that quietly loses questions is worse than an archived question.
    questions = {q.id: q for q in await Question.filter(id__in=chosen)}
    drawn = [questions[qid] for qid in chosen if qid in questions]
    if test.shuffle_questions:
        rng.shuffle(drawn)
    return drawn


async def start_attempt(
    deps: Deps, actor: Actor, *, test_id: int, rng: random.Random | None = None
) -> AttemptState:
    """Start the student's next attempt, or resume the open one (at its question; past its
    deadline the open attempt is finished as timed out and the state carries the result).

    Raises:
        NotFound: no such published test assigned to the actor.
        Conflict: not open yet, closed, no attempts left, or no questions left to draw.
    """
    rng = rng or random.SystemRandom()
    if actor.person_id is None:
        raise NotFound(_NOT_FOUND)
    student = actor.person_id
    test = await _test_here(actor, test_id)
    if test.status != TestStatus.PUBLISHED or test.archived_at is not None:
        raise NotFound(_NOT_FOUND)
    assigned, group_id = await _assigned_group(test, student)
    if not assigned:
        raise NotFound(_NOT_FOUND)
    key = _active_key(test.id, student)
    attempt_id: int | None = None
    try:
        async with transaction(deps) as tx:
            # Two taps at once: the second waits here, then finds the first one's attempt.
            _ = await Person.select_for_update(no_key=True).get(id=student)
            open_id = await Attempt.filter(active_key=key).first().values_list("id", flat=True)
            if open_id is not None:
                attempt_id = int(open_id)  # type: ignore[call-overload]
            else:
                attempt_id = await _open_attempt(tx, actor, test, group_id, rng)
    except IntegrityError:
        # SQLite without row locks, or a race the lock did not cover: read the winner's.
        open_id = await Attempt.filter(active_key=key).first().values_list("id", flat=True)
        if open_id is None:
            raise
        attempt_id = int(open_id)  # type: ignore[call-overload]
    assert attempt_id is not None
    return await _state_now(deps, actor, await _own_attempt(actor, attempt_id))


async def _open_attempt(
    tx: Tx, actor: Actor, test: Test, group_id: int | None, rng: random.Random
) -> int:
    student = actor.person_id
    assert student is not None
    now = tx.now
    zone = None
    if test.opens_at is not None and test.opens_at > now:
        zone = await organisation_zone(test.organisation_id)  # type: ignore[attr-defined]
        raise Conflict(
            N_("The test {title} opens on {opens}."),
            title=test.title,
            opens=format_when(test.opens_at, zone),
        )
    if test.closes_at is not None and test.closes_at <= now:
        zone = await organisation_zone(test.organisation_id)  # type: ignore[attr-defined]
        raise Conflict(
            N_("The test {title} closed on {closes}."),
            title=test.title,
            closes=format_when(test.closes_at, zone),
        )
    used = await Attempt.filter(test_id=test.id, student_id=student).count()
    if used >= test.attempts_allowed:
        raise Conflict(
            N_("You have used every attempt at this test: it allows {count}."),
            count=test.attempts_allowed,
        )
    drawn = await _draw(test, rng)
    if not drawn:
        raise Conflict(N_("This test has no questions to draw now; tell your teacher."))
    deadline = (
        now + timedelta(minutes=test.time_limit_minutes) if test.time_limit_minutes else None
    )
    if test.closes_at is not None and (deadline is None or test.closes_at < deadline):
        deadline = test.closes_at
    attempt = await Attempt.create(
        organisation_id=test.organisation_id,  # type: ignore[attr-defined]
        test_id=test.id,
        student_id=student,
        group_id=group_id,
        number=used + 1,
        active_key=_active_key(test.id, student),
        started_at=now,
        deadline_at=deadline,
        position=0,
        max_score=sum(q.points for q in drawn) * FULL,
    )
    await AttemptAnswer.bulk_create(
        [
            AttemptAnswer(
                attempt_id=attempt.id,
                position=position,
                question_id=question.id,
                points=question.points,
                snapshot={
                    "kind": QuestionKind(question.kind).value,
                    "text": question.text,
                    "body": question.body,
                    "image_key": question.image_key,
                    "order": display_order(
                        question.kind, question.body, rng, shuffle=test.shuffle_options
                    ),
                },
            )
            for position, question in enumerate(drawn)
        ]
    )
    return int(attempt.id)


async def current_question(deps: Deps, actor: Actor, *, attempt_id: int) -> AttemptState:
    """Where the actor's attempt stands (finishing it as timed out past its deadline).

    Raises:
        NotFound: not the actor's attempt.
    """
    return await _state_now(deps, actor, await _own_attempt(actor, attempt_id))


def _stale(position: int, total: int) -> Conflict:
    if position >= total:
        return Conflict(
            N_("You have answered the last question: finish the test or go back to a question.")
        )
    return Conflict(
        N_("That button belongs to a question you have left; answer question {number} instead."),
        number=position + 1,
    )


async def answer_question(
    deps: Deps,
    actor: Actor,
    *,
    attempt_id: int,
    position: int,
    answer: Mapping[str, Any] | None,
    advance: bool = True,
) -> AttemptState:
    """Save the answer to question ``position`` (0-based); move on unless ``advance`` is
    False. After the last question the state is on the finish screen (``question`` None).
    Past the deadline nothing is saved: the attempt is finished as timed out and the state
    carries the result (also when it was timed out already).

    ``answer`` None keeps the answer saved so far — a multiple-choice "Next" after
    ``toggle_choice`` (nothing ticked is an empty answer). It is read after the position's
    compare-and-set, which waits for a toggle in flight, so no tick is lost; an adapter
    passing the ticks it showed instead may overwrite one made meanwhile. The state's
    ``answered_question`` shows what was saved, so an adapter need not read the attempt first.

    Four queries: the attempt with its test's title, its answers, the compare-and-set of
    its position and the answer's update (five when ``answer`` is None).

    Raises:
        NotFound: not the actor's attempt.
        Conflict: ``position`` is not the current question (a stale button), or the attempt
            is finished. InvalidInput: the answer does not fit (``check_answer``), or
            ``answer`` is None for a question of another kind not answered yet.
    """
    attempt = await _own_attempt(actor, attempt_id)
    if attempt["finished_at"] is not None:
        if attempt["timed_out"]:
            return await _finished_state(deps, actor, attempt)
        raise Conflict(N_("This attempt is finished already."))
    if _past(deps, attempt):
        return await _state_now(deps, actor, attempt)
    rows = await _answer_rows(attempt["id"])
    total = len(rows)
    if position != attempt["position"] or not 0 <= position < total:
        raise _stale(attempt["position"], total)
    row = rows[position]
    snap = row["snapshot"]
    kind = QuestionKind(snap["kind"])
    cleaned = check_answer(kind, snap["body"], answer) if answer is not None else None
    target = position + 1 if advance else position
    now = deps.clock.now()
    async with transaction(deps):
        moved = await Attempt.filter(
            id=attempt["id"], position=position, finished_at__isnull=True
        ).update(position=target)
        if not moved:
            raise _stale(attempt["position"], total)
        if cleaned is None:
            saved = (
                await AttemptAnswer.filter(attempt_id=attempt["id"], position=position)
                .first()
                .values_list("answer", flat=True)
            )
            if isinstance(saved, dict):
                cleaned = saved
            elif kind is QuestionKind.MULTIPLE:
                cleaned = {"choices": []}
            else:
                raise InvalidInput(N_("Answer the question before moving on."))
        await AttemptAnswer.filter(attempt_id=attempt["id"], position=position).update(
            answer=cleaned, answered_at=now
        )
    rows[position] = {**row, "answer": cleaned, "answered_at": now}
    return replace(
        _state(attempt, attempt["test__title"], rows, target),
        answered_question=_shown(attempt["id"], position, total, rows[position]),
    )


async def toggle_choice(
    deps: Deps, actor: Actor, *, attempt_id: int, position: int, choice: int
) -> AttemptState:
    """Tick or untick option ``choice`` (a body index) of the multiple-choice question at
    ``position`` (0-based) and stay on it. The attempt row is locked while the saved answer
    is read and written, so quick taps each flip their option and none is lost. Past the
    deadline nothing is saved: the attempt is finished as timed out and the state carries
    the result.

    Raises:
        NotFound: not the actor's attempt.
        Conflict: ``position`` is not the current question (a stale button), or the attempt
            is finished.
        InvalidInput: the question is not a multiple-choice one, or has no such option.
    """
    attempt = await _own_attempt(actor, attempt_id)
    if attempt["finished_at"] is not None:
        if attempt["timed_out"]:
            return await _finished_state(deps, actor, attempt)
        raise Conflict(N_("This attempt is finished already."))
    if _past(deps, attempt):
        return await _state_now(deps, actor, attempt)
    now = deps.clock.now()
    async with transaction(deps):
        locked = await Attempt.select_for_update().get(id=attempt["id"])
        if locked.finished_at is None:
            rows = await _answer_rows(attempt["id"])
            total = len(rows)
            if position != locked.position or not 0 <= position < total:
                raise _stale(locked.position, total)
            row = rows[position]
            snap = row["snapshot"]
            kind = QuestionKind(snap["kind"])
            if kind is not QuestionKind.MULTIPLE:
                raise InvalidInput(N_("Only a multiple-choice question has options to tick."))
            saved = set((row["answer"] or {}).get("choices", []))
            cleaned = check_answer(kind, snap["body"], {"choices": sorted(saved ^ {choice})})
            await AttemptAnswer.filter(attempt_id=attempt["id"], position=position).update(
                answer=cleaned, answered_at=now
            )
    if locked.finished_at is not None:  # finished meanwhile (the other tab, the tick)
        return await current_question(deps, actor, attempt_id=attempt_id)
    rows[position] = {**row, "answer": cleaned, "answered_at": now}
    return _state(attempt, attempt["test__title"], rows, position)


async def go_to_question(
    deps: Deps, actor: Actor, *, attempt_id: int, position: int
) -> AttemptState:
    """Go back (or forward) to question ``position`` (0-based; ``total`` is the finish
    screen) of an open attempt.

    Raises:
        NotFound: not the actor's attempt.
        InvalidInput: no such question. Conflict: the attempt is finished.
    """
    attempt = await _own_attempt(actor, attempt_id)
    if attempt["finished_at"] is not None:
        if attempt["timed_out"]:
            return await _finished_state(deps, actor, attempt)
        raise Conflict(N_("This attempt is finished already."))
    if _past(deps, attempt):
        return await _state_now(deps, actor, attempt)
    rows = await _answer_rows(attempt["id"])
    if not 0 <= position <= len(rows):
        raise InvalidInput(N_("There is no question {number} in this test."), number=position + 1)
    moved = await Attempt.filter(id=attempt["id"], finished_at__isnull=True).update(
        position=position
    )
    if not moved:
        return await current_question(deps, actor, attempt_id=attempt_id)
    return _state(attempt, attempt["test__title"], rows, position)


async def finish_attempt(deps: Deps, actor: Actor, *, attempt_id: int) -> AttemptResult:
    """Finish and score the actor's attempt (unanswered questions score nothing); finishing
    twice returns the same result. Past the deadline it finishes as timed out.

    Raises:
        NotFound: not the actor's attempt.
    """
    attempt = await _own_attempt(actor, attempt_id)
    if attempt["finished_at"] is None:
        result = await _finish(deps, attempt["id"], timed_out=_past(deps, attempt))
        if result is not None:
            return result
    return await _result_of(attempt["id"], now=deps.clock.now())


async def _finish(
    deps: Deps, attempt_id: int, *, timed_out: bool, tell: bool = False
) -> AttemptResult | None:
    """Score and close an attempt, give (or correct) its grade, then see whether its group
    has finished. Returns the result, or None when the attempt was finished already."""
    async with transaction(deps) as tx:
        attempt = await Attempt.select_for_update().get(id=attempt_id)
        if attempt.finished_at is not None:
            return None
        system = Actor.system(attempt.organisation_id, "tests")  # type: ignore[attr-defined]
        test = await Test.get(id=attempt.test_id)  # type: ignore[attr-defined]
        answers = await AttemptAnswer.filter(attempt_id=attempt.id).order_by("position")
        total = 0
        for row in answers:
            snap = row.snapshot
            row.score = score(QuestionKind(snap["kind"]), snap["body"], row.answer) * row.points
            total += row.score
        if answers:
            await AttemptAnswer.bulk_update(answers, fields=["score"])
        percent = _percent(total, attempt.max_score)
        attempt.score = total
        attempt.passed = percent >= test.pass_percent
        attempt.timed_out = timed_out
        attempt.finished_at = tx.now
        attempt.active_key = None
        attempt.position = len(answers)
        attempt.grade_id, grade_value = await _grade(tx, system, attempt)
        await attempt.save(
            update_fields=[
                "score",
                "passed",
                "timed_out",
                "finished_at",
                "active_key",
                "position",
                "grade_id",
            ]
        )
        if tell:
            await do_enqueue(
                tx,
                person_id=attempt.student_id,  # type: ignore[attr-defined]
                message=N_("Time is up: your test {title} is finished. Your score: {percent}%."),
                params={"title": test.title, "percent": percent},
                organisation_id=attempt.organisation_id,  # type: ignore[attr-defined]
                dedupe_key=f"attempt:{attempt.id}:timed-out",
            )
    # After the commit, so that of two students finishing last at once, the one committing
    # later sees both (each checks after its own commit).
    if attempt.group_id is not None:
        try:
            await _tell_if_group_finished(deps, test, attempt.group_id, closed=False)
        except Exception:
            # The attempt is finished and scored; the notice is retried when the test closes.
            log.exception(
                "could not check whether group %s finished test %s", attempt.group_id, test.id
            )
    return _result(
        attempt, test, grade_value, review=await _review_for_student(attempt, test, tx.now)
    )


def _test_grade(scale: GradeScale, percent: int, passed: bool) -> tuple[str, int]:
    """The gradebook value (and its score) of an attempt's result, so that the grade agrees
    with what the student was shown: pass/fail is the test's own verdict (its pass mark, not
    the gradebook's 50 % rule); the 100-point scale is the percent as shown, rounded down;
    the 5-point and letter scales convert that rounded-down percent by the final grade's
    rule (``grades.final_value``). Nobody reaches a grade by rounding up."""
    if scale is GradeScale.PASS_FAIL:
        value = PASS if passed else FAIL
    elif scale is GradeScale.HUNDRED:
        value = str(percent)
    else:
        value = final_value(scale, percent * 10)
    return _parse_grade(scale, value)


async def _grade(tx: Tx, system: Actor, attempt: Attempt) -> tuple[int | None, str | None]:
    """The gradebook's grade of the student's best attempt and its value: given at the
    first finished attempt, corrected by a better one later; None without a group."""
    earlier = (
        await Attempt.filter(
            test_id=attempt.test_id,  # type: ignore[attr-defined]
            student_id=attempt.student_id,  # type: ignore[attr-defined]
            finished_at__isnull=False,
            grade_id__isnull=False,
        )
        .exclude(id=attempt.id)
        .values("score", "max_score", "grade_id")
    )
    mine = Fraction(attempt.score or 0, attempt.max_score or 1)
    percent = _percent(attempt.score or 0, attempt.max_score)
    if earlier:
        best = max(Fraction(row["score"] or 0, row["max_score"] or 1) for row in earlier)
        grade = await Grade.select_for_update().get_or_none(id=int(earlier[0]["grade_id"]))
        if grade is not None:
            if mine > best:
                scale = GradeScale(grade.scale)
                value, points = _test_grade(scale, percent, bool(attempt.passed))
                await do_correct_grade(
                    tx, system, grade=grade, value=value, score=points, comment=grade.comment
                )
            return int(grade.id), grade.value
    if attempt.group_id is None:
        return None, None
    group = await Group.get_or_none(id=attempt.group_id)
    if group is None:
        return None, None
    scale = (await lesson_settings(attempt.organisation_id)).grade_scale  # type: ignore[attr-defined]
    value, points = _test_grade(scale, percent, bool(attempt.passed))
    zone = await organisation_zone(attempt.organisation_id)  # type: ignore[attr-defined]
    given = await do_give_grade(
        tx,
        system,
        group=group,
        student_id=attempt.student_id,  # type: ignore[attr-defined]
        kind=GradeKind.TEST,
        scale=scale,
        value=value,
        score=points,
        given_on=local_today(tx.now, zone),
        tell_student=False,
    )
    return int(given.id), given.value


async def _group_average(test_id: int, group_id: int) -> tuple[int, int]:
    """(students who finished through the group, their average best percent half up)."""
    best: dict[int, Fraction] = {}
    for row in await Attempt.filter(
        test_id=test_id, group_id=group_id, finished_at__isnull=False
    ).values("student_id", "score", "max_score"):
        share = Fraction(row["score"] or 0, row["max_score"] or 1)
        best[row["student_id"]] = max(best.get(row["student_id"], share), share)
    if not best:
        return 0, 0
    return len(best), _half_up(sum(best.values(), Fraction(0)) * 100 / len(best))


async def _tell_if_group_finished(deps: Deps, test: Test, group_id: int, *, closed: bool) -> bool:
    """Tell the group's teachers, once, that the group finished the test (every current
    student has a finished attempt) or, with ``closed``, that the test closed."""
    assignment = await TestAssignment.get_or_none(
        test_id=test.id, group_id=group_id, finished_notice_at__isnull=True
    )
    if assignment is None:
        return False
    finished, average = await _group_average(test.id, group_id)
    current = set(await students_of(group_id))
    if not closed:
        done = set(
            await Attempt.filter(
                test_id=test.id, group_id=group_id, finished_at__isnull=False
            ).values_list("student_id", flat=True)
        )
        if not current or not current <= done:
            return False
    group_name = await Group.filter(id=group_id).first().values_list("name", flat=True)
    teachers = await GroupTeacher.filter(group_id=group_id).values_list("teacher_id", flat=True)
    params: dict[str, object] = {"group": group_name, "title": test.title, "percent": average}
    if not closed:
        message = N_("{group} finished the test {title}: average {percent}%.")
    elif finished:
        message = N_(
            "The test {title} closed: {finished} of {total} students of {group} took it, "
            "average {percent}%."
        )
        params.update(finished=finished, total=max(len(current), finished))
    else:
        message = N_("The test {title} closed; nobody in {group} took it.")
    async with transaction(deps) as tx:
        told = await TestAssignment.filter(
            id=assignment.id, finished_notice_at__isnull=True
        ).update(finished_notice_at=tx.now)
        if not told:
            return False
        for teacher_id in teachers:
            await do_enqueue(
                tx,
                person_id=int(teacher_id),  # type: ignore[call-overload]
                message=message,
                params=params,
                organisation_id=test.organisation_id,  # type: ignore[attr-defined]
                dedupe_key=f"test:{test.id}:group:{group_id}:finished:{teacher_id}",
            )
    return True


async def time_out_attempts(deps: Deps) -> int:
    """Finish, as timed out, every open attempt past its deadline (each in its own
    transaction, read in batches) and tell its student; then tell the teachers of groups
    whose test has closed. Returns how many attempts were finished.

    A failing attempt is logged and skipped; the next tick tries it again.
    """
    now = deps.clock.now()
    finished = 0
    after = 0
    while True:
        ids = _ints(
            await Attempt.filter(
                Q(deadline_at__lte=now) | Q(test__closes_at__lte=now),
                finished_at__isnull=True,
                id__gt=after,
            )
            .order_by("id")
            .limit(TIMEOUT_BATCH)
            .values_list("id", flat=True)
        )
        for attempt_id in ids:
            try:
                if await _finish(deps, attempt_id, timed_out=True, tell=True) is not None:
                    finished += 1
            except Exception:
                log.exception("could not time out attempt %s", attempt_id)
        if len(ids) < TIMEOUT_BATCH:
            break
        after = ids[-1]
    closed = await TestAssignment.filter(
        group_id__isnull=False,
        finished_notice_at__isnull=True,
        test__closes_at__lte=now,
        test__status=TestStatus.PUBLISHED,
        test__archived_at__isnull=True,
    ).prefetch_related("test")
    for assignment in closed:
        try:
            await _tell_if_group_finished(
                deps,
                assignment.test,
                assignment.group_id,  # type: ignore[attr-defined]
                closed=True,
            )
        except Exception:
            log.exception("could not tell the teachers of assignment %s", assignment.id)
    return finished


# --- results -------------------------------------------------------------------------------


def _result(
    attempt: Attempt, test: Test, grade_value: str | None, *, review: tuple[bool, bool]
) -> AttemptResult:
    assert attempt.finished_at is not None and attempt.score is not None
    return AttemptResult(
        attempt_id=attempt.id,
        test_id=test.id,
        test_title=test.title,
        score=attempt.score,
        max_score=attempt.max_score,
        percent=_percent(attempt.score, attempt.max_score),
        passed=bool(attempt.passed),
        timed_out=attempt.timed_out,
        finished_at=attempt.finished_at,
        grade_value=grade_value,
        review_allowed=review[0],
        student_id=attempt.student_id,  # type: ignore[attr-defined]
        number=attempt.number,
        grade_label=value_label(grade_value) if grade_value else None,
        review_later=review[1],
    )


async def _review_for_student(attempt: Attempt, test: Test, now: datetime) -> tuple[bool, bool]:
    """(the student and their parents may open the review of mistakes now, the test allows
    it but only later). The review shows the right answers, so it opens only once the
    student can answer no more: no attempt in progress and none left to start, or the test
    closed."""
    if not test.show_review:
        return False, False
    closed = test.closes_at is not None and test.closes_at <= now
    if closed:
        return True, False
    rows = await Attempt.filter(
        test_id=test.id,
        student_id=attempt.student_id,  # type: ignore[attr-defined]
    ).values("finished_at", "deadline_at")
    in_progress = any(
        row["finished_at"] is None and (row["deadline_at"] is None or row["deadline_at"] > now)
        for row in rows
    )
    more = (
        test.archived_at is None
        and test.status == TestStatus.PUBLISHED
        and len(rows) < test.attempts_allowed
    )
    allowed = not in_progress and not more
    return allowed, not allowed


async def _result_of(attempt_id: int, *, now: datetime, staff: bool = False) -> AttemptResult:
    attempt = await Attempt.get(id=attempt_id).prefetch_related("test")
    if attempt.finished_at is None or attempt.score is None:
        raise Conflict(N_("This attempt is not finished yet."))
    grade_value = None
    if attempt.grade_id is not None:
        found = await Grade.filter(id=attempt.grade_id).values_list("value", flat=True)
        grade_value = str(found[0]) if found else None
    review = (True, False) if staff else await _review_for_student(attempt, attempt.test, now)
    return _result(attempt, attempt.test, grade_value, review=review)


async def _is_staff(actor: Actor, test: Test, group_id: int | None) -> bool:
    if actor.is_system or await has_permission(actor, Permission.TEST_RESULTS):
        return True
    if not await has_permission(actor, Permission.TESTS_MANAGE):
        return False
    if test.author_id == actor.person_id:  # type: ignore[attr-defined]
        return True
    if group_id is not None and await teaches_group(actor, group_id):
        return True
    return await has_permission(actor, Permission.TEACHING_ANY)


async def _viewed_attempt(actor: Actor, attempt_id: int) -> tuple[Attempt, str]:
    """An attempt the actor may see and who they are to it: "student", "parent", "staff".

    Raises:
        NotFound: no such attempt here, or out of reach.
    """
    check_id(attempt_id)
    attempt = await Attempt.get_or_none(
        id=attempt_id, organisation_id=actor.organisation_id
    ).prefetch_related("test")
    if attempt is None:
        raise NotFound(_NO_ATTEMPT)
    student = attempt.student_id  # type: ignore[attr-defined]
    if actor.person_id is not None and student == actor.person_id:
        return attempt, "student"
    if await _is_staff(actor, attempt.test, attempt.group_id):
        return attempt, "staff"
    if actor.person_id is not None and student in await children_of(actor.person_id):
        return attempt, "parent"
    raise NotFound(_NO_ATTEMPT)


async def attempt_result(
    actor: Actor, *, attempt_id: int, now: datetime | None = None
) -> AttemptResult:
    """A finished attempt's result, for its student, their parents and the test's staff.
    ``review_allowed`` says whether this actor may open the review now (``now``: adapters
    pass ``deps.clock.now()``; the system clock when None).

    Raises:
        NotFound: no such attempt, or out of reach. Conflict: not finished yet.
    """
    attempt, who = await _viewed_attempt(actor, attempt_id)
    return await _result_of(attempt.id, now=now or SystemClock().now(), staff=who == "staff")


async def attempt_review(
    actor: Actor, *, attempt_id: int, now: datetime | None = None
) -> list[ReviewItem]:
    """The review of mistakes, with the right answers: always for staff with
    ``tests.manage`` or ``tests.results``; for the student and their parents only when the
    test allows it, and only once the student can answer no more (no attempt in progress
    and none left, or the test closed) — before that it would hand out the answers.
    ``now`` as for ``attempt_result``.

    Raises:
        NotFound, PermissionDenied (review not allowed, or not yet), Conflict (not
        finished).
    """
    attempt, who = await _viewed_attempt(actor, attempt_id)
    if who != "staff" and not attempt.test.show_review:
        raise PermissionDenied(N_("The teacher has not opened the review of this test."))
    if attempt.finished_at is None:
        raise Conflict(N_("This attempt is not finished yet."))
    if who != "staff":
        allowed, _ = await _review_for_student(attempt, attempt.test, now or SystemClock().now())
        if not allowed:
            raise PermissionDenied(
                N_(
                    "The review of mistakes opens once you have used every attempt "
                    "or the test has closed."
                )
            )
    rows = await AttemptAnswer.filter(attempt_id=attempt.id).order_by("position")
    items = []
    for row in rows:
        snap = row.snapshot
        kind = QuestionKind(snap["kind"])
        items.append(
            ReviewItem(
                position=row.position,
                kind=kind,
                text=snap["text"],
                snapshot=snap,
                answer=row.answer,
                correct_answer=correct_answer(kind, snap["body"]),
                score=row.score or 0,
                points=row.points,
            )
        )
    return items


async def question_image(
    deps: Deps, actor: Actor, *, attempt_id: int, position: int
) -> ImageFile | None:
    """The picture of question ``position`` (0-based) of an attempt (its student, their
    parents and the test's staff); None when the question has none.

    Raises:
        NotFound: no such attempt or question, or out of reach (or the file is missing).
    """
    attempt, _ = await _viewed_attempt(actor, attempt_id)
    if not 0 <= position < POSITIONS_MAX:  # a forged address: keep it from the database
        raise NotFound(N_("There is no such question in this attempt."))
    snap = (
        await AttemptAnswer.filter(attempt_id=attempt.id, position=position)
        .first()
        .values_list("snapshot", flat=True)
    )
    if snap is None:
        raise NotFound(N_("There is no such question in this attempt."))
    key = str(snap.get("image_key", "")) if isinstance(snap, dict) else ""
    if not key:
        return None
    return ImageFile(
        path=str(files.open_path(deps.settings, key)), content_type=IMAGE_CONTENT_TYPE
    )


__all__ = [
    "BLANK",
    "START_DATA",
    "STATUS_LABELS",
    "AssignChoices",
    "AssignmentView",
    "AttemptResult",
    "AttemptState",
    "AvailableTest",
    "BankChoice",
    "BankQuestion",
    "ImageFile",
    "ItemData",
    "ItemView",
    "QuestionKind",
    "ReviewItem",
    "ShownQuestion",
    "TestData",
    "TestStatus",
    "TestSummary",
    "TestView",
    "TopicCount",
    "access_test",
    "add_items",
    "answer_question",
    "archive_test",
    "assign_choices",
    "assign_test",
    "attempt_result",
    "attempt_review",
    "bank_for_test",
    "check_bank_change",
    "course_choices",
    "create_test",
    "current_question",
    "finish_attempt",
    "go_to_question",
    "list_tests",
    "move_item",
    "my_tests",
    "parse_moment",
    "publish_test",
    "question_image",
    "remove_item",
    "set_items",
    "start_attempt",
    "time_out_attempts",
    "toggle_choice",
    "unassign_test",
    "update_test",
]
