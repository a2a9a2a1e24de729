"""Tests: building them from the bank, assigning them, and students taking them.

CONTRACT SKELETON written by the lead: the dataclasses and signatures below are what the
bot, the panel, the reports and the benchmark code against. The helper who owns this module
implements the bodies and may add fields or functions, but keeps these names and shapes
(tell the lead about any change). Replace this paragraph with the module's real docstring.

- **Building** needs ``tests.manage``: a draft test, its items (a fixed question, or N random
  questions of a topic), then publishing — refused for a test with no questions, or a
  random item asking for more questions than its topic has.
- **Assigning** to a group the actor teaches (or any group with ``teaching.any``), or to one
  student; the students with Telegram are told, with a "Start" button
  (callback data ``test:start:<test id>``).
- **Taking**: ``start_attempt`` opens an attempt (or returns the open one: resuming), draws
  the questions (``rng``), snapshots them and fixes the deadline (the time limit, capped by
  ``closes_at``). ``answer_question`` saves an answer as given and, unless ``advance`` is
  False (a multiple-choice toggle), moves to the next question. The ``position`` argument
  guards against a button of a question already left behind: it is refused with
  ``Conflict``, nothing is saved twice. ``finish_attempt`` scores it; past the deadline,
  every call finishes the attempt as timed out instead and returns the result, and
  ``time_out_attempts`` (the scheduler, every minute) does so for attempts nobody touches.
- **Results** flow into the gradebook: a finished attempt gives (or, if better, corrects)
  the student's ``Grade`` of kind ``test`` in the assigned group, on the organisation's
  scale, from the percent scored. When every current student of an assigned group has
  finished (or the test closes), the group's teachers are told once.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.actor import Actor
from core.deps import Deps
from core.models.testing import QuestionKind
from core.models.testing import TestStatus as TestStatus  # noqa: PLC0414 - re-exported for adapters
from core.question_kinds import Loc

#: Callback data of the "Start" button under an assignment notice.
START_DATA = "test:start:{test_id}"


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
    position: int
    question_id: int | None
    topic: str
    count: int
    #: The fixed question's text (in the bank's first language) or "" for a random item.
    question_text: Loc
    points: int


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


@dataclass(frozen=True)
class ShownQuestion:
    """The question an attempt is on, ready to display.

    ``choices`` are (body index, text) in the order shown: options (single, multiple),
    right-hand sides (matching) or items (ordering); ``lefts`` are the matching's left-hand
    sides in body order. ``answer`` is what was saved so far (toggled options, a typed text),
    in ``core.question_kinds`` answer shape.
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
    #: The grade it gave in the gradebook, on the organisation's scale ("5", "87", "B").
    grade_value: str | None
    review_allowed: bool


@dataclass(frozen=True)
class AttemptState:
    """Where an attempt stands: on a question, or finished with its result."""

    attempt_id: int
    test_id: int
    test_title: str
    deadline_at: datetime | None
    answered: int
    total: int
    question: ShownQuestion | None
    result: AttemptResult | None


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


async def list_tests(actor: Actor) -> list[TestSummary]:
    """Tests of the organisation the actor may manage (``tests.manage``), newest first."""
    raise NotImplementedError


async def access_test(actor: Actor, test_id: int) -> TestView:
    """A test with its items and assignments (``tests.manage`` or ``tests.results``).

    Raises:
        NotFound: no such test in the actor's organisation, or out of reach.
    """
    raise NotImplementedError


async def create_test(deps: Deps, actor: Actor, *, data: TestData) -> int:
    """Create a draft test; returns its id.

    Raises:
        PermissionDenied, InvalidInput (empty title, limits out of range, closes before opens).
    """
    raise NotImplementedError


async def update_test(deps: Deps, actor: Actor, *, test_id: int, data: TestData) -> None:
    """Change a test's settings (the question list of a test with attempts stays fixed)."""
    raise NotImplementedError


async def set_items(deps: Deps, actor: Actor, *, test_id: int, items: Sequence[ItemData]) -> None:
    """Replace a test's items. Refused once anyone has started it (``Conflict``)."""
    raise NotImplementedError


async def publish_test(deps: Deps, actor: Actor, *, test_id: int) -> None:
    """Publish a draft so assigned students can take it.

    Raises:
        InvalidInput: no questions; a random item asks for more questions than its topic has.
    """
    raise NotImplementedError


async def assign_test(
    deps: Deps,
    actor: Actor,
    *,
    test_id: int,
    group_id: int | None = None,
    student_id: int | None = None,
) -> int:
    """Assign a test to a group or a student and tell the students; returns the assignment
    id (assigning again returns the existing one and tells no one twice)."""
    raise NotImplementedError


async def unassign_test(deps: Deps, actor: Actor, *, assignment_id: int) -> None:
    """Take an assignment back (attempts already made stay)."""
    raise NotImplementedError


async def my_tests(actor: Actor, *, student_id: int | None = None) -> list[AvailableTest]:
    """Published tests assigned to the student (the actor, or a parent's child given as
    ``student_id``), those open now first."""
    raise NotImplementedError


async def start_attempt(
    deps: Deps, actor: Actor, *, test_id: int, rng: random.Random | None = None
) -> AttemptState:
    """Start the student's next attempt, or resume the open one.

    Raises:
        NotFound: not assigned to the actor. Conflict: not open yet, closed, no attempts
            left.
    """
    raise NotImplementedError


async def current_question(deps: Deps, actor: Actor, *, attempt_id: int) -> AttemptState:
    """Where the actor's attempt stands (finishing it as timed out past its deadline)."""
    raise NotImplementedError


async def answer_question(
    deps: Deps,
    actor: Actor,
    *,
    attempt_id: int,
    position: int,
    answer: dict[str, Any],
    advance: bool = True,
) -> AttemptState:
    """Save the answer to question ``position``; move on unless ``advance`` is False.

    Raises:
        Conflict: ``position`` is not the current question (a stale button), or the attempt
            is finished. InvalidInput: the answer does not fit (``check_answer``).
    """
    raise NotImplementedError


async def go_to_question(
    deps: Deps, actor: Actor, *, attempt_id: int, position: int
) -> AttemptState:
    """Go back (or forward) to question ``position`` of an open attempt."""
    raise NotImplementedError


async def finish_attempt(deps: Deps, actor: Actor, *, attempt_id: int) -> AttemptResult:
    """Finish and score the actor's attempt (unanswered questions score nothing); finishing
    twice returns the same result."""
    raise NotImplementedError


async def attempt_result(actor: Actor, *, attempt_id: int) -> AttemptResult:
    """A finished attempt's result, for its student, their parents and the test's staff."""
    raise NotImplementedError


async def attempt_review(actor: Actor, *, attempt_id: int) -> list[ReviewItem]:
    """The review of mistakes: for the student only when the test allows it; always for
    staff with ``tests.manage`` or ``tests.results``.

    Raises:
        NotFound, PermissionDenied (review not allowed), Conflict (not finished).
    """
    raise NotImplementedError


async def question_image(
    deps: Deps, actor: Actor, *, attempt_id: int, position: int
) -> ImageFile | None:
    """The picture of question ``position`` of an attempt (its student, their parents and
    the test's staff); None when the question has none.

    Raises:
        NotFound: no such attempt or question, or out of reach.
    """
    raise NotImplementedError


async def time_out_attempts(deps: Deps) -> int:
    """Finish, as timed out, every open attempt past its deadline; returns how many."""
    raise NotImplementedError
