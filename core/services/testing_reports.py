"""What tests tell: the report of one test (with Excel and PDF exports) and the rating.

**Who sees a test's report**: its author, anyone holding ``tests.results``, and the teachers
of a group it is assigned to — they see only the groups they teach (students who took it
on their own assignment, or through other groups, are not theirs to see).

**The report** counts each student once, by their best finished attempt (the highest share
of the maximum; the earlier one on a tie), and says how many attempts they made and whether
the best one ran out of time. Percents are of the attempt's maximum, rounded down to a
tenth, so nobody "passes" by rounding. The distribution has ten buckets of 10 % each; a
bucket holds its lower bound (a 20 % lands in 20–30) and the last one holds 100 %.

**Item analysis** is over the questions as drawn (a random test gives students different
questions), grouped by the bank question, over the students' best attempts:

- *earned* ("difficulty" in the classic item analysis, the p-value): the share of the
  question's points the students given it earned; the questions come lowest first, so the
  ones most got wrong head the table;
- *discrimination*: the classic upper–lower index. Students are ranked by their best
  percent; the top and bottom 27 % (rounded half up, at least one each; a tie at the cut
  is broken by the student's id, which is arbitrary but stable) are the upper and lower
  groups; the index is the mean share earned on the question by the upper group minus that
  of the lower group (−1…1; below 0.2 the question does not tell strong from weak
  students). With fewer than ``DISCRIMINATION_MIN_STUDENTS`` students it is noise, so it
  is not given;
- for single/multiple choice and true/false, how many picked each option (the option texts
  of the question as it was last drawn; indices are the bank's, never the shuffled order);
- for typed answers (short, numeric, fill-in-the-blank) the most frequent wrong answers,
  compared as ``normalise`` does (case, ё/е, spaces; numbers by value).

The report reads with a fixed number of plain queries whatever the number of students
(rows as tuples, no model objects), then aggregates in Python: 500 students × 30 questions is
15,000 answer rows.

**The rating** ranks the organisation's current students (an archived student drops out) by
the average, over the tests they finished in a period of local dates, of their best percent
in each test. Scopes: a group (tests taken through the group, by its current students), a
course (tests of the course or taken through one of its groups) and the organisation. The
average shown is rounded half up to a tenth, and students showing the same average share a
place ("1, 2, 2, 4"), listed by the name shown. Names are shown as the organisation chooses
(``core.services.testing_settings``). One SQL statement keeps each student's best share per
test and sums them per student, so Python ranks (student, average, tests) rows only and
reads names only for the entries shown and those sharing their places; a tap on "My place"
costs the same number of queries for 30 students or 5,000. Staff who see groups
(``groups.view``) see every leaderboard of the organisation; a student sees those of their
groups, their courses and the organisation; a parent those of their children.
"""

from __future__ import annotations

import asyncio
import json
import math
import statistics
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from fractions import Fraction
from io import BytesIO
from typing import Any
from zoneinfo import ZoneInfo

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from tortoise import connections
from tortoise.expressions import Q, Subquery
from tortoise.functions import Max

from core.actor import Actor
from core.charts import Series, bar_chart
from core.deps import Deps
from core.errors import InvalidInput, NotFound
from core.i18n import N_, gettext_for
from core.models.academics import Course, Enrolment, Group, GroupStatus, GroupTeacher
from core.models.org import Organisation
from core.models.people import Membership, ParentLink, Person, Role
from core.models.testing import Attempt, AttemptAnswer, Test, TestAssignment
from core.models.testing import QuestionKind as QuestionKind  # noqa: PLC0414 - for adapters
from core.models.testing import RatingNames as RatingNames  # noqa: PLC0414 - for adapters
from core.pdf import FAMILY, add_fonts, printable
from core.permissions import Permission, granted_permissions
from core.question_kinds import FULL, KIND_LABELS, Loc, localised, normalise, parse_number
from core.services.grades import term_on
from core.services.lessons import check_id, local_days, local_today, organisation_zone
from core.services.testing_settings import initials, testing_settings
from core.sql import Sql

BUCKETS = 10
#: Below this many students the discrimination index is noise and is not given.
DISCRIMINATION_MIN_STUDENTS = 10
#: The share of students in each of the upper and lower groups (Kelley's 27 %).
EXTREME_SHARE = Fraction(27, 100)
#: Wrong typed answers listed per question.
WRONG_ANSWERS_SHOWN = 5
TOP_DEFAULT = 10
LIMIT_MAX = 1000
#: "All time" in the rating starts here.
EPOCH = date(2000, 1, 1)
#: Ids per ``IN`` list (bound parameters stay few).
_CHUNK = 500
_TRUE_FALSE = (N_("True"), N_("False"))


class RatingScope(StrEnum):
    GROUP = "group"
    COURSE = "course"
    ORGANISATION = "organisation"


class RatingPeriod(StrEnum):
    MONTH = "month"
    TERM = "term"
    ALL = "all"


SCOPE_LABELS: dict[RatingScope, str] = {
    RatingScope.GROUP: N_("Group"),
    RatingScope.COURSE: N_("Course"),
    RatingScope.ORGANISATION: N_("Organisation"),
}

PERIOD_LABELS: dict[RatingPeriod, str] = {
    RatingPeriod.MONTH: N_("This month"),
    RatingPeriod.TERM: N_("This term"),
    RatingPeriod.ALL: N_("All time"),
}


# --- the report of a test -----------------------------------------------------------------


@dataclass(frozen=True)
class StudentResult:
    """A student's line: their best finished attempt (None fields: none finished yet)."""

    student_id: int
    full_name: str
    group_id: int | None
    group_name: str
    #: Attempts started, finished or not.
    attempts: int
    in_progress: bool
    attempt_id: int | None
    #: Thousandths of a point.
    score: int | None
    max_score: int | None
    #: 0–100, rounded down to a tenth.
    percent: float | None
    passed: bool | None
    timed_out: bool
    finished_at: datetime | None


@dataclass(frozen=True)
class OptionCount:
    """An option and how many picked it; ``text`` is empty and ``label`` an ``N_`` word for
    true/false."""

    index: int
    text: Loc
    label: str
    correct: bool
    picked: int


@dataclass(frozen=True)
class WrongAnswer:
    text: str
    count: int


@dataclass(frozen=True)
class QuestionAnalysis:
    question_id: int
    #: The question's number in the test (by the position it is drawn at; 1 is first).
    number: int
    kind: QuestionKind
    text: Loc
    points: int
    #: Students given the question, and how many of them left it unanswered.
    students: int
    unanswered: int
    #: Share of the points earned, 0–1 (higher: easier).
    earned: float
    #: Upper minus lower group, −1…1, two decimals; None: too few students.
    discrimination: float | None
    options: tuple[OptionCount, ...]
    wrong_answers: tuple[WrongAnswer, ...]


@dataclass(frozen=True)
class TestResults:
    test_id: int
    title: str
    pass_percent: int
    timezone: str
    #: The group the report is narrowed to (None: every group the reader may see).
    group_id: int | None
    #: The groups the reader may narrow it to: (id, name).
    groups: tuple[tuple[int, str], ...]
    students: tuple[StudentResult, ...]
    #: Assigned students who have not started, by name.
    not_started: tuple[str, ...]
    #: Students with a finished attempt in each 10 % bucket (0–10, …, 90–100).
    distribution: tuple[int, ...]
    finished: int
    #: Of the best percents; None when nobody finished.
    mean: float | None
    median: float | None
    #: Percent of the students who finished whose best attempt passed.
    pass_rate: float | None
    #: Lowest share earned first.
    questions: tuple[QuestionAnalysis, ...]
    discrimination_meaningful: bool


@dataclass(frozen=True)
class _TestRow:
    id: int
    title: str
    pass_percent: int


@dataclass(frozen=True)
class _Best:
    attempt_id: int
    student_id: int
    group_id: int | None
    score: int
    max_score: int
    passed: bool
    timed_out: bool
    finished_at: datetime


def _floor_tenth(share: Fraction) -> float:
    return math.floor(share * 1000) / 10


def _half_up_tenth(share: Fraction) -> int:
    """A share as tenths of a percent, rounded half up (87.45 % → 875)."""
    return math.floor(share * 1000 + Fraction(1, 2))


async def _access_test(actor: Actor, test_id: int) -> tuple[_TestRow, frozenset[int] | None]:
    """The test and the groups the actor may see in its report (None: all of it).

    Raises:
        NotFound: no such test here, or the actor is neither its author, nor holds
            ``tests.results``, nor teaches a group it is assigned to.
    """
    check_id(test_id)
    row = (
        await Test.filter(id=test_id, organisation_id=actor.organisation_id)
        .first()
        .values("id", "title", "pass_percent", "author_id")
    )
    if row is None:
        raise NotFound()
    test = _TestRow(int(row["id"]), str(row["title"]), int(row["pass_percent"]))
    if actor.is_system or (actor.person_id is not None and row["author_id"] == actor.person_id):
        return test, None
    if Permission.TEST_RESULTS in await granted_permissions(actor):
        return test, None
    taught = await GroupTeacher.filter(
        teacher_id=actor.person_id or 0,
        group_id__in=Subquery(
            TestAssignment.filter(test_id=test_id, group_id__isnull=False).values("group_id")
        ),
    ).values_list("group_id", flat=True)
    if not taught:
        raise NotFound()
    return test, frozenset(int(group_id) for group_id in taught)  # type: ignore[call-overload]


async def _names(person_ids: Iterable[int]) -> dict[int, tuple[str, str, str]]:
    """(last name, first name, nickname) by person id, in slices of ``_CHUNK``."""
    ids = sorted(set(person_ids))
    names: dict[int, tuple[str, str, str]] = {}
    for start in range(0, len(ids), _CHUNK):
        for person_id, last, first, nickname in await Person.filter(
            id__in=ids[start : start + _CHUNK]
        ).values_list("id", "last_name", "first_name", "nickname"):
            names[int(person_id)] = (str(last), str(first), str(nickname))
    return names


def _full(name: tuple[str, str, str] | None) -> str:
    return " ".join(part for part in (name or ("", "", ""))[:2] if part)


def _better(one: _Best, other: _Best) -> bool:
    """Whether ``one`` beats ``other``: a higher share, or the same share earlier."""
    left, right = one.score * other.max_score, other.score * one.max_score
    if left != right:
        return left > right
    return (one.finished_at, one.attempt_id) < (other.finished_at, other.attempt_id)


@dataclass
class _Attempts:
    """A test's attempts in view, per student: how many, whether one is open, the best
    finished one, and the group of that one (else of the first)."""

    started: Counter[int]
    open_now: set[int]
    groups_of: dict[int, int | None]
    best: dict[int, _Best]


async def _read_attempts(
    test_id: int, group_id: int | None, reach: frozenset[int] | None
) -> _Attempts:
    attempts = Attempt.filter(test_id=test_id)
    if group_id is not None:
        attempts = attempts.filter(group_id=group_id)
    elif reach is not None:
        attempts = attempts.filter(group_id__in=sorted(reach))
    found = _Attempts(Counter(), set(), {}, {})
    for (
        attempt_id,
        student_id,
        group,
        score,
        max_score,
        passed,
        timed_out,
        finished_at,
    ) in await attempts.values_list(
        "id",
        "student_id",
        "group_id",
        "score",
        "max_score",
        "passed",
        "timed_out",
        "finished_at",
    ):
        student = int(student_id)
        found.started[student] += 1
        found.groups_of.setdefault(student, group)
        if finished_at is None or score is None:
            found.open_now.add(student)
            continue
        line = _Best(
            int(attempt_id),
            student,
            group,
            int(score),
            max(int(max_score), 1),
            bool(passed),
            bool(timed_out),
            finished_at,
        )
        if student not in found.best or _better(line, found.best[student]):
            found.best[student] = line
            found.groups_of[student] = group
    return found


async def _not_started(
    test_id: int,
    group_id: int | None,
    reach: frozenset[int] | None,
    assigned: set[int],
    started: Iterable[int],
) -> set[int]:
    """Assigned students without any attempt: current members of the assigned groups in
    view, and the students assigned one by one when the whole test is in view."""
    groups = (
        [group_id]
        if group_id is not None
        else sorted(g for g in assigned if reach is None or g in reach)
    )
    waiting: set[int] = set()
    if groups:
        rows = await Enrolment.filter(group_id__in=groups, active_key__isnull=False).values_list(
            "student_id", flat=True
        )
        waiting |= {int(s) for s in rows}  # type: ignore[call-overload]
    if group_id is None and reach is None:
        rows = await TestAssignment.filter(test_id=test_id, student_id__isnull=False).values_list(
            "student_id", flat=True
        )
        waiting |= {int(s) for s in rows}  # type: ignore[call-overload]
    return waiting - set(started)


def _student_line(
    found: _Attempts, student: int, name: str, group_names: dict[int, str]
) -> StudentResult:
    line = found.best.get(student)
    group = found.groups_of.get(student)
    return StudentResult(
        student_id=student,
        full_name=name,
        group_id=group,
        group_name=group_names.get(group, "") if group is not None else "",
        attempts=found.started[student],
        in_progress=student in found.open_now,
        attempt_id=line.attempt_id if line else None,
        score=line.score if line else None,
        max_score=line.max_score if line else None,
        percent=_floor_tenth(Fraction(line.score, line.max_score)) if line else None,
        passed=line.passed if line else None,
        timed_out=line.timed_out if line else False,
        finished_at=line.finished_at if line else None,
    )


async def test_results(actor: Actor, *, test_id: int, group_id: int | None = None) -> TestResults:
    """A test's report: the students' best results, the distribution, and item analysis.

    Reads in a fixed number of queries whatever the number of students.

    Raises:
        NotFound: no such test (or group) here, or out of the actor's reach.
    """
    test, reach = await _access_test(actor, test_id)
    if group_id is not None:
        check_id(group_id)
        if reach is not None and group_id not in reach:
            raise NotFound()
        if not await Group.exists(id=group_id, organisation_id=actor.organisation_id):
            raise NotFound()
    found = await _read_attempts(test.id, group_id, reach)
    assigned = {
        int(g)  # type: ignore[call-overload]
        for g in await TestAssignment.filter(test_id=test.id, group_id__isnull=False).values_list(
            "group_id", flat=True
        )
    }
    visible = assigned | {g for g in found.groups_of.values() if g is not None}
    if reach is not None:
        visible &= reach
    group_names: dict[int, str] = {
        int(gid): str(name)
        for gid, name in await Group.filter(
            id__in=sorted(visible | ({group_id} if group_id else set()))
        ).values_list("id", "name")
    }
    waiting = await _not_started(test.id, group_id, reach, assigned, found.started)
    names = await _names([*found.started, *waiting])
    students = sorted(
        (
            _student_line(found, student, _full(names.get(student)), group_names)
            for student in found.started
        ),
        key=lambda s: (s.percent is None, -(s.percent or 0), s.full_name.casefold(), s.student_id),
    )
    best = found.best
    shares = {student: Fraction(line.score, line.max_score) for student, line in best.items()}
    distribution = [0] * BUCKETS
    for share in shares.values():
        distribution[min(int(share * BUCKETS), BUCKETS - 1)] += 1
    percents = sorted(float(share * 100) for share in shares.values())
    questions, meaningful = await _item_analysis(test.id, best, shares)
    zone = await organisation_zone(actor.organisation_id)
    return TestResults(
        test_id=test.id,
        title=test.title,
        pass_percent=test.pass_percent,
        timezone=str(zone.key),
        group_id=group_id,
        groups=tuple(sorted(group_names.items(), key=lambda item: item[1].casefold())),
        students=tuple(students),
        not_started=tuple(sorted((_full(names.get(s)) for s in waiting), key=str.casefold)),
        distribution=tuple(distribution),
        finished=len(best),
        mean=round(statistics.fmean(percents), 1) if percents else None,
        median=round(statistics.median(percents), 1) if percents else None,
        pass_rate=(
            round(100 * sum(line.passed for line in best.values()) / len(best), 1)
            if best
            else None
        ),
        questions=questions,
        discrimination_meaningful=meaningful,
    )


@dataclass
class _Question:
    """What one bank question gathers over the best attempts."""

    question_id: int
    kind: QuestionKind
    first_position: int
    points: int = 0
    students: int = 0
    unanswered: int = 0
    earned: int = 0
    possible: int = 0
    picked: Counter[int] = field(default_factory=Counter)
    wrong: Counter[str] = field(default_factory=Counter)
    wrong_texts: dict[str, str] = field(default_factory=dict)
    #: student → (thousandths earned, thousandths possible), for the discrimination index.
    shares: dict[int, tuple[int, int]] = field(default_factory=dict)


_CHOICE = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE})
_TYPED = frozenset({QuestionKind.SHORT, QuestionKind.NUMERIC, QuestionKind.FILL_BLANK})
_TALLIED = _CHOICE | _TYPED


async def _answer_rows(test_id: int, best: dict[int, _Best]) -> list[tuple[Any, ...]]:
    """(attempt, question, position, points, answer, score) of the test's finished attempts
    in the best attempts' groups, in one plain statement, in the order they were given (a
    wrong answer is shown as first typed), the answer as the database gives it (JSON text
    on SQLite): building 15,000 rows through the ORM's field conversion would
    cost several times the query."""
    client = connections.get("default")
    postgres = client.capabilities.dialect == "postgres"
    params: list[object] = []

    def param(value: object) -> str:
        params.append(value)
        return f"${len(params)}" if postgres else "?"

    where = [f"a.test_id = {param(test_id)}", "a.finished_at IS NOT NULL"]
    groups = {line.group_id for line in best.values()}
    if None not in groups:
        chosen = sorted(g for g in groups if g is not None)
        where.append(f"a.group_id IN ({', '.join(param(g) for g in chosen)})")
    sql = (
        "SELECT aa.attempt_id, aa.question_id, aa.position, aa.points, aa.answer, aa.score "
        "FROM attempt_answer aa JOIN attempt a ON a.id = aa.attempt_id "
        f"WHERE {' AND '.join(where)} ORDER BY aa.id"
    )
    _, rows = await client.execute_query(sql, params)
    return [tuple(row) for row in rows]


async def _item_analysis(
    test_id: int, best: dict[int, _Best], shares: dict[int, Fraction]
) -> tuple[tuple[QuestionAnalysis, ...], bool]:
    """Per-question figures over the best attempts (two queries: the answers, then the
    latest snapshot of each question for its kind, text and options)."""
    if not best:
        return (), False
    by_attempt = {line.attempt_id: line.student_id for line in best.values()}
    answers = [row for row in await _answer_rows(test_id, best) if row[0] in by_attempt]
    latest = (
        AttemptAnswer.filter(attempt__test_id=test_id)
        .annotate(last=Max("id"))
        .group_by("question_id")
        .values("last")
    )
    snapshots: dict[int, dict[str, Any]] = {
        int(question_id): snapshot
        for question_id, snapshot in await AttemptAnswer.filter(
            id__in=Subquery(latest)
        ).values_list("question_id", "snapshot")
    }

    gathered: dict[int, _Question] = {}
    decoded: dict[Any, Any] = {}
    for attempt_id, question_id, position, points, raw, score in answers:
        item = gathered.get(question_id)
        if item is None:
            kind = QuestionKind(snapshots.get(question_id, {}).get("kind", QuestionKind.SHORT))
            item = gathered[question_id] = _Question(question_id, kind, position)
        item.first_position = min(item.first_position, position)
        item.points = points
        item.students += 1
        full = max(points, 1) * FULL
        earned = score or 0
        item.earned += earned
        item.possible += full
        item.shares[by_attempt[attempt_id]] = (earned, full)
        if raw is None:
            item.unanswered += 1
            continue
        if item.kind in _TALLIED:
            # Answers repeat ("choice": 0), so each distinct text is decoded once.
            if isinstance(raw, str | bytes):
                if raw not in decoded:
                    decoded[raw] = json.loads(raw)
                answer = decoded[raw]
            else:
                answer = raw
            if isinstance(answer, dict):
                _tally(item, answer, wrong=earned < full)

    meaningful = len(best) >= DISCRIMINATION_MIN_STUDENTS
    upper: set[int] = set()
    lower: set[int] = set()
    if meaningful:
        ranked = sorted(shares, key=lambda student: (-shares[student], student))
        size = max(1, math.floor(len(ranked) * EXTREME_SHARE + Fraction(1, 2)))
        upper, lower = set(ranked[:size]), set(ranked[-size:])

    numbers = {
        item.question_id: number
        for number, item in enumerate(
            sorted(gathered.values(), key=lambda q: (q.first_position, q.question_id)), start=1
        )
    }
    analysed = [
        _analysis(
            item, snapshots.get(item.question_id, {}), numbers[item.question_id], upper, lower
        )
        for item in gathered.values()
    ]
    analysed.sort(key=lambda q: (q.earned, q.number))
    return tuple(analysed), meaningful


def _tally(item: _Question, answer: dict[str, Any], *, wrong: bool) -> None:
    kind = item.kind
    if kind in _CHOICE:
        if kind is QuestionKind.SINGLE and isinstance(answer.get("choice"), int):
            item.picked[answer["choice"]] += 1
        elif kind is QuestionKind.MULTIPLE:
            for choice in answer.get("choices") or []:
                if isinstance(choice, int):
                    item.picked[choice] += 1
        elif kind is QuestionKind.TRUE_FALSE and isinstance(answer.get("value"), bool):
            item.picked[0 if answer["value"] else 1] += 1
        return
    if not wrong:
        return
    if kind is QuestionKind.FILL_BLANK:
        texts = [str(text) for text in answer.get("texts") or []]
        shown = " / ".join(texts)
        key = " / ".join(normalise(text) for text in texts)
    else:
        shown = str(answer.get("text", "")).strip()
        number = parse_number(shown) if kind is QuestionKind.NUMERIC else None
        key = str(number.normalize()) if number is not None else normalise(shown)
    item.wrong[key] += 1
    item.wrong_texts.setdefault(key, shown)


def _options(
    kind: QuestionKind, body: dict[str, Any], picked: Counter[int]
) -> tuple[OptionCount, ...]:
    if kind is QuestionKind.TRUE_FALSE:
        right = bool(body.get("answer"))
        return tuple(
            OptionCount(index, {}, label, correct=(index == 0) == right, picked=picked[index])
            for index, label in enumerate(_TRUE_FALSE)
        )
    return tuple(
        OptionCount(
            index,
            dict(option.get("text") or {}),
            "",
            correct=bool(option.get("correct")),
            picked=picked[index],
        )
        for index, option in enumerate(body.get("options") or [])
    )


def _mean_share(shares: Sequence[tuple[int, int]]) -> Fraction:
    return sum((Fraction(earned, full) for earned, full in shares), Fraction(0)) / len(shares)


def _analysis(
    item: _Question, snapshot: dict[str, Any], number: int, upper: set[int], lower: set[int]
) -> QuestionAnalysis:
    body = snapshot.get("body") or {}
    discrimination = None
    high = [item.shares[s] for s in upper if s in item.shares]
    low = [item.shares[s] for s in lower if s in item.shares]
    if high and low:
        discrimination = round(float(_mean_share(high) - _mean_share(low)), 2)
    options: tuple[OptionCount, ...] = ()
    if item.kind in _CHOICE:
        options = _options(item.kind, body, item.picked)
    ranked = sorted(item.wrong.items(), key=lambda pair: (-pair[1], pair[0]))
    return QuestionAnalysis(
        question_id=item.question_id,
        number=number,
        kind=item.kind,
        text=dict(snapshot.get("text") or {}),
        points=item.points,
        students=item.students,
        unanswered=item.unanswered,
        earned=round(item.earned / item.possible, 4) if item.possible else 0.0,
        discrimination=discrimination,
        options=options,
        wrong_answers=tuple(
            WrongAnswer(item.wrong_texts.get(key, key), count)
            for key, count in ranked[:WRONG_ANSWERS_SHOWN]
        ),
    )


# --- the chart and the exports ------------------------------------------------------------


def bucket_labels() -> tuple[str, ...]:
    """The distribution's buckets as written under the chart: "0–10", …, "90–100"."""
    return tuple(f"{10 * index}–{10 * (index + 1)}" for index in range(BUCKETS))


def score_chart(results: TestResults, language: str) -> str:
    """The distribution as an SVG bar chart (markup safe to put in a page).

    Raises:
        Nothing: ten buckets always make a chart.
    """

    def tr(message: str) -> str:
        return gettext_for(language, message)

    return bar_chart(
        title=tr(N_("Students by percent scored")),
        labels=[f"{label} %" for label in bucket_labels()],
        series=[Series(tr(N_("Students")), results.distribution)],
        empty_text=tr(N_("Nobody has finished the test yet.")),
        height=240,
    )


def _text(text: Loc, language: str) -> str:
    return localised(text, language)


def option_summary(question: QuestionAnalysis, language: str) -> str:
    """The options and how many picked each ("✓ 3: 5 · 4: 2"), or the most frequent wrong
    answers ("не знаю ×3"), on one line, in ``language``."""
    if question.options:
        return " · ".join(
            "{mark}{text}: {count}".format(
                mark="✓ " if option.correct else "",
                text=gettext_for(language, option.label)
                if option.label
                else _text(option.text, language),
                count=option.picked,
            )
            for option in question.options
        )
    return " · ".join(f"{wrong.text} ×{wrong.count}" for wrong in question.wrong_answers)


_PERCENT_FORMAT = "0.0%"
_POINTS_FORMAT = "0.###"
_INDEX_FORMAT = "0.00"
_DATETIME_FORMAT = "dd.mm.yyyy hh:mm"
_HEADER_ROW = 4


@dataclass(frozen=True)
class _Percent:
    """A percent 0–100 written as a number formatted as a percent (None: empty)."""

    value: float | None


@dataclass(frozen=True)
class _Formatted:
    value: float | int | None
    number_format: str


_Value = str | int | float | datetime | _Percent | _Formatted | None


def _cell(sheet: WriteOnlyWorksheet, value: _Value) -> Cell:
    cell = WriteOnlyCell(sheet)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # even "=..." stays text
    elif isinstance(value, _Percent):
        cell.value = None if value.value is None else value.value / 100
        cell.number_format = _PERCENT_FORMAT
    elif isinstance(value, _Formatted):
        cell.value = value.value
        cell.number_format = value.number_format
    elif isinstance(value, datetime):
        cell.value = value.replace(tzinfo=None)  # already local: Excel has no time zones
        cell.number_format = _DATETIME_FORMAT
    else:
        cell.value = value
    return cell


def _sheet(
    workbook: Workbook,
    title: str,
    lines: Sequence[Sequence[_Value]],
    columns: Sequence[tuple[str, int]],
    rows: Iterable[Sequence[_Value]],
) -> None:
    sheet = workbook.create_sheet(title[:31])
    for index, (_, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{_HEADER_ROW + 1}"
    padded = [*lines, *([[]] * (_HEADER_ROW - 1 - len(lines)))]
    for line in padded:
        sheet.append([_cell(sheet, value) for value in line])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    header = []
    for label, _ in columns:
        cell = _cell(sheet, label)
        cell.font, cell.fill = bold, fill
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])


def _status(student: StudentResult) -> str:
    if student.passed is None:
        return N_("In progress")
    return N_("Passed") if student.passed else N_("Not passed")


def _group_title(results: TestResults) -> str:
    return dict(results.groups).get(results.group_id, "") if results.group_id else ""


def results_workbook(results: TestResults, language: str) -> bytes:
    """The report as .xlsx: a sheet of students (best attempts, then those not started) and
    a sheet of questions (the ones most got wrong first). Scores are numbers of points,
    percents numbers formatted as percents, times the organisation's local time.

    Raises:
        Nothing: the report always makes a workbook.
    """

    def tr(message: str) -> str:
        return gettext_for(language, message)

    zone = ZoneInfo(results.timezone)
    workbook = Workbook(write_only=True)
    summary: list[_Value] = [
        tr(N_("Finished")),
        results.finished,
        tr(N_("Mean")),
        _Percent(results.mean),
        tr(N_("Median")),
        _Percent(results.median),
        tr(N_("Passed")),
        _Percent(results.pass_rate),
    ]
    students: list[list[_Value]] = [
        [
            student.full_name,
            student.group_name,
            student.attempts,
            _Formatted(None if student.score is None else student.score / FULL, _POINTS_FORMAT),
            _Formatted(
                None if student.max_score is None else student.max_score / FULL, _POINTS_FORMAT
            ),
            _Percent(student.percent),
            tr(_status(student)),
            tr(N_("Yes")) if student.timed_out else "",
            student.finished_at.astimezone(zone) if student.finished_at else None,
        ]
        for student in results.students
    ]
    students += [
        [name, "", 0, None, None, None, tr(N_("Not started")), "", None]
        for name in results.not_started
    ]
    _sheet(
        workbook,
        tr(N_("Students")),
        [[results.title, _group_title(results)], summary],
        [(tr(label), width) for label, width in _STUDENT_COLUMNS],
        students,
    )
    _sheet(
        workbook,
        tr(N_("Questions")),
        [[results.title, _group_title(results)]],
        [(tr(label), width) for label, width in _QUESTION_COLUMNS],
        (
            [
                question.number,
                _text(question.text, language),
                tr(KIND_LABELS[question.kind]),
                question.points,
                question.students,
                _Percent(question.earned * 100),
                _Formatted(question.discrimination, _INDEX_FORMAT),
                question.unanswered,
                option_summary(question, language),
            ]
            for question in results.questions
        ),
    )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_STUDENT_COLUMNS = (
    (N_("Student"), 30),
    (N_("Group"), 18),
    (N_("Attempts"), 10),
    (N_("Score"), 10),
    (N_("Maximum"), 10),
    (N_("Percent"), 10),
    (N_("Result"), 14),
    (N_("Timed out"), 10),
    (N_("Finished"), 17),
)
_QUESTION_COLUMNS = (
    (N_("No."), 6),
    (N_("Question"), 50),
    (N_("Kind"), 16),
    (N_("Points"), 8),
    (N_("Students"), 10),
    (N_("Earned"), 10),
    (N_("Discrimination"), 14),
    (N_("No answer"), 10),
    (N_("Answers given"), 50),
)


async def test_results_xlsx(
    actor: Actor, *, test_id: int, group_id: int | None = None, language: str
) -> bytes:
    """``test_results`` as an .xlsx workbook in ``language``.

    Raises:
        as ``test_results``.
    """
    results = await test_results(actor, test_id=test_id, group_id=group_id)
    # Writing the workbook is CPU work in openpyxl: keep the event loop free meanwhile.
    return await asyncio.to_thread(results_workbook, results, language)


_GREY = (96, 96, 96)


def percent_text(value: float | None) -> str:
    """A percent as the reports write it: "87.5 %" ("—" for none)."""
    return "—" if value is None else f"{value:.1f} %"


def results_pdf(results: TestResults, language: str) -> bytes:
    """The report as an A4 PDF in ``language``, in DejaVu Sans (Kazakh letters included); a
    character the font lacks is drawn as ``�``.

    Raises:
        Nothing: the report always makes a document.
    """

    def tr(message: str) -> str:
        return gettext_for(language, message)

    pdf = FPDF(format="A4")
    glyphs = add_fonts(pdf)
    pdf.set_margins(14, 14, 14)
    pdf.set_auto_page_break(auto=True, margin=14)
    pdf.set_lang(language)
    pdf.set_creator("Sabaq")
    pdf.set_title(results.title)
    pdf.add_page()

    def write(text: str, *, size: float, bold: bool = False, grey: bool = False) -> None:
        pdf.set_font(FAMILY, "B" if bold else "", size)
        pdf.set_text_color(*(_GREY if grey else (0, 0, 0)))
        pdf.multi_cell(
            pdf.epw,
            size * 0.5,
            printable(text, glyphs),
            align=Align.L,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )

    def table(widths: Sequence[float], head: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
        pdf.set_font(FAMILY, "", 8)
        pdf.set_text_color(0, 0, 0)
        with pdf.table(
            col_widths=tuple(widths),
            first_row_as_headings=True,
            line_height=4.5,
            text_align="LEFT",
        ) as drawn:
            header = drawn.row()
            for label in head:
                header.cell(printable(label, glyphs))
            for values in rows:
                line = drawn.row()
                for value in values:
                    line.cell(printable(value, glyphs))
        pdf.ln(3)

    write(results.title, size=15, bold=True)
    group = _group_title(results)
    if group:
        write(tr(N_("Group: {group}")).format(group=group), size=10)
    pdf.ln(2)
    write(
        tr(
            N_(
                "Finished: {finished}. Mean: {mean}. Median: {median}. Passed: {passed}"
                " (pass mark {pass_percent} %)."
            )
        ).format(
            finished=results.finished,
            mean=percent_text(results.mean),
            median=percent_text(results.median),
            passed=percent_text(results.pass_rate),
            pass_percent=results.pass_percent,
        ),
        size=10,
    )
    pdf.ln(2)
    write(tr(N_("Students by percent scored")), size=11, bold=True)
    table([1.0] * BUCKETS, bucket_labels(), [[str(count) for count in results.distribution]])

    write(tr(N_("Questions, the ones most got wrong first")), size=11, bold=True)
    if not results.discrimination_meaningful:
        write(tr(_FEW_STUDENTS).format(count=DISCRIMINATION_MIN_STUDENTS), size=8, grey=True)
    table(
        (8, 56, 14, 22, 62),
        [
            tr(N_("No.")),
            tr(N_("Question")),
            tr(N_("Earned")),
            tr(N_("Discrimination")),
            tr(N_("Answers given")),
        ],
        (
            [
                str(question.number),
                _text(question.text, language),
                percent_text(round(question.earned * 100, 1)),
                "—" if question.discrimination is None else f"{question.discrimination:.2f}",
                option_summary(question, language),
            ]
            for question in results.questions
        ),
    )

    write(tr(N_("Students")), size=11, bold=True)
    table(
        (62, 36, 18, 22, 24),
        [
            tr(N_("Student")),
            tr(N_("Group")),
            tr(N_("Attempts")),
            tr(N_("Percent")),
            tr(N_("Result")),
        ],
        [
            *(
                [
                    student.full_name,
                    student.group_name,
                    str(student.attempts),
                    percent_text(student.percent),
                    tr(_status(student))
                    + (" · " + tr(N_("timed out")) if student.timed_out else ""),
                ]
                for student in results.students
            ),
            *([name, "", "0", "—", tr(N_("Not started"))] for name in results.not_started),
        ],
    )
    return bytes(pdf.output())


_FEW_STUDENTS = N_(
    "Discrimination is shown from {count} students up: with fewer it is chance, not a "
    "property of the question."
)


async def test_results_pdf(
    actor: Actor, *, test_id: int, group_id: int | None = None, language: str
) -> bytes:
    """``test_results`` as a PDF in ``language``.

    Raises:
        as ``test_results``.
    """
    results = await test_results(actor, test_id=test_id, group_id=group_id)
    return await asyncio.to_thread(results_pdf, results, language)


# --- the rating -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ScopeChoice:
    """A leaderboard one may open: its scope, the group's, course's or organisation's id and
    its name (``Loc``: a group's name is the same in every language)."""

    scope: RatingScope
    scope_id: int
    name: Loc


@dataclass(frozen=True)
class PeriodChoice:
    """A period of local dates, both included; ``name`` is the term's for ``TERM``."""

    period: RatingPeriod
    starts_on: date
    ends_on: date
    name: str = ""


@dataclass(frozen=True)
class RatingEntry:
    place: int
    student_id: int
    #: As the organisation shows names in ratings.
    name: str
    #: Average of the best percents, rounded half up to a tenth.
    average: float
    tests: int


@dataclass(frozen=True)
class Leaderboard:
    scope: RatingScope
    scope_id: int
    scope_name: Loc
    starts_on: date
    ends_on: date
    names: RatingNames
    #: The first ``limit`` places, best first.
    entries: tuple[RatingEntry, ...]
    #: Students ranked in all.
    total: int


@dataclass(frozen=True)
class MyPlace:
    """A student's place: the leaderboard's top, the student's entry (None: no finished
    test in the period) and the entries around it."""

    board: Leaderboard
    student_id: int
    student_name: str
    entry: RatingEntry | None
    around: tuple[RatingEntry, ...]


@dataclass(frozen=True)
class _Viewer:
    """Whose leaderboards the actor sees: every one (staff who see groups) or those of
    ``students`` (themselves, their children) and of the groups they teach."""

    everything: bool
    students: frozenset[int]


async def _viewer(actor: Actor) -> _Viewer:
    if actor.is_system:
        return _Viewer(True, frozenset())
    everything = Permission.GROUPS_VIEW in await granted_permissions(actor)
    students: set[int] = set()
    if actor.person_id is not None:
        if Role.STUDENT in actor.roles:
            students.add(actor.person_id)
        if Role.PARENT in actor.roles:
            students |= {
                int(child)  # type: ignore[call-overload]
                for child in await ParentLink.filter(parent_id=actor.person_id).values_list(
                    "child_id", flat=True
                )
            }
    return _Viewer(everything, frozenset(students))


def _enrolled(students: Iterable[int]) -> Any:
    return Enrolment.filter(student_id__in=sorted(students), active_key__isnull=False)


async def _access_scope(actor: Actor, viewer: _Viewer, scope: RatingScope, scope_id: int) -> Loc:
    """The scope's name, if the actor may see its leaderboard.

    Raises:
        NotFound: no such group or course here (or another organisation), or not theirs.
    """
    check_id(scope_id)
    org = actor.organisation_id
    if scope is RatingScope.ORGANISATION:
        row = (
            await Organisation.filter(id=scope_id).first().values("name_kk", "name_ru", "name_en")
        )
        if scope_id != org or row is None:
            raise NotFound()
        return _loc(row)
    if scope is RatingScope.GROUP:
        found = await Group.filter(id=scope_id, organisation_id=org).first().values("name")
        if found is None:
            raise NotFound()
        if not viewer.everything and not (
            await GroupTeacher.exists(group_id=scope_id, teacher_id=actor.person_id or 0)
            or await _enrolled(viewer.students).filter(group_id=scope_id).exists()
        ):
            raise NotFound()
        return {"ru": str(found["name"])}
    course = (
        await Course.filter(id=scope_id, organisation_id=org)
        .first()
        .values("name_kk", "name_ru", "name_en")
    )
    if course is None:
        raise NotFound()
    if not viewer.everything and not (
        await GroupTeacher.exists(group__course_id=scope_id, teacher_id=actor.person_id or 0)
        or await _enrolled(viewer.students).filter(group__course_id=scope_id).exists()
    ):
        raise NotFound()
    return _loc(course)


def _loc(row: dict[str, Any]) -> Loc:
    return {
        language: str(row[f"name_{language}"])
        for language in ("kk", "ru", "en")
        if row.get(f"name_{language}")
    }


#: Best shares are summed in SQL as whole billionths, rounded down: within a billionth per
#: test of the exact share, which settles the average shown to a tenth of a percent except
#: within a hair of a rounding edge (those few students are read again and computed exactly).
_SHARE_UNIT = 10**9


@dataclass(frozen=True)
class _Where:
    """What counts towards a rating: finished attempts in the organisation, in the period,
    by current students, within the scope."""

    organisation_id: int
    scope: RatingScope
    scope_id: int
    start: datetime
    end: datetime

    def sql(self, q: Sql, students: Sequence[int] = ()) -> str:
        """``FROM … WHERE …`` over attempts ``a`` (of ``students`` only, when given)."""
        join = "JOIN test t ON t.id = a.test_id " if self.scope is RatingScope.COURSE else ""
        # On SQLite (no statistics) "+" keeps the planner off the (organisation, finished)
        # index: reading most of the table in order beats a row lookup per index entry
        # (0.2 s against 0.4 s for 126,000 attempts; 0.04 s against 0.25 s for a group).
        plus = "" if q.postgres else "+"
        where = [
            f"{plus}a.organisation_id = {q(self.organisation_id)}",
            f"{plus}a.finished_at >= {q(self.start)}",
            f"{plus}a.finished_at < {q(self.end)}",
            "a.score IS NOT NULL",
            "a.student_id IN (SELECT m.person_id FROM membership m "
            f"WHERE m.organisation_id = {q(self.organisation_id)} "
            f"AND m.role = {q(Role.STUDENT.value)} AND m.archived_at IS NULL)",
        ]
        if self.scope is RatingScope.GROUP:
            where.append(f"a.group_id = {q(self.scope_id)}")
            where.append(
                "a.student_id IN (SELECT e.student_id FROM enrolment e "
                f"WHERE e.group_id = {q(self.scope_id)} AND e.active_key IS NOT NULL)"
            )
        elif self.scope is RatingScope.COURSE:
            where.append(
                f"(t.course_id = {q(self.scope_id)} OR a.group_id IN "
                f"(SELECT g.id FROM study_group g WHERE g.course_id = {q(self.scope_id)}))"
            )
        if students:
            where.append(f"a.student_id IN ({', '.join(q(s) for s in students)})")
        return f"FROM attempt a {join}WHERE {' AND '.join(where)}"


def _tenths(total: int, tests: int) -> int | None:
    """The average shown, in tenths of a percent rounded half up, from the sum of ``tests``
    best shares each rounded down to a billionth; None when the rounding down may have
    crossed a rounding edge (the exact sum is below ``total + tests`` billionths)."""
    unit = _SHARE_UNIT // 1000  # billionths in a tenth of a percent

    def rounded(billionths: int) -> int:
        return (2 * billionths + tests * unit) // (2 * tests * unit)

    low = rounded(total)
    return low if rounded(total + tests) == low else None


async def _exact_tenths(where: _Where, students: Sequence[int]) -> dict[int, tuple[int, int]]:
    """(average shown, tests) of ``students`` computed exactly from their attempts (in
    slices of ``_CHUNK``)."""
    best: dict[tuple[int, int], Fraction] = {}
    for start in range(0, len(students), _CHUNK):
        q = Sql()
        chunk = students[start : start + _CHUNK]
        sql = f"SELECT a.student_id, a.test_id, a.score, a.max_score {where.sql(q, chunk)}"
        for row in await q.rows(sql):
            key = (int(row["student_id"]), int(row["test_id"]))
            share = Fraction(max(int(row["score"]), 0), max(int(row["max_score"]), 1))
            if key not in best or share > best[key]:
                best[key] = share
    shares: dict[int, list[Fraction]] = defaultdict(list)
    for (student, _), share in best.items():
        shares[student].append(share)
    return {
        student: (_half_up_tenth(sum(mine, Fraction(0)) / len(mine)), len(mine))
        for student, mine in shares.items()
    }


async def _ranked(
    actor: Actor, scope: RatingScope, scope_id: int, starts_on: date, ends_on: date
) -> list[tuple[int, int, int]]:
    """(average in tenths of a percent, tests, student) of every student with a finished
    test in the period and scope, best first, then by id: one statement that keeps each
    student's best share per test and sums them per student (a second one in the rare case
    an average lies on a rounding edge)."""
    if starts_on > ends_on:
        raise InvalidInput(N_("The period ends before it starts."), field="to")
    zone = await organisation_zone(actor.organisation_id)
    start, end = local_days(starts_on, ends_on, zone)
    where = _Where(actor.organisation_id, scope, scope_id, start, end)
    q = Sql()
    # The share as whole billionths (the score is cast first: score × 10⁹ overflows an INT).
    share = (
        "CAST(CASE WHEN a.score > 0 THEN a.score ELSE 0 END AS BIGINT) * "
        f"{_SHARE_UNIT} / CASE WHEN a.max_score > 1 THEN a.max_score ELSE 1 END"
    )
    sql = (
        "SELECT b.student_id AS student_id, COUNT(*) AS tests, SUM(b.best) AS total FROM ("
        f"SELECT a.student_id AS student_id, MAX({share}) AS best {where.sql(q)} "
        "GROUP BY a.student_id, a.test_id) b GROUP BY b.student_id"
    )
    ranked: list[tuple[int, int, int]] = []
    edges: list[int] = []
    for row in await q.rows(sql):
        student, tests = int(row["student_id"]), int(row["tests"])
        tenths = _tenths(int(row["total"]), tests)
        if tenths is None:
            edges.append(student)
        else:
            ranked.append((tenths, tests, student))
    if edges:
        # Both figures from this read, so they agree if a test was finished in between.
        exact = await _exact_tenths(where, sorted(edges))
        ranked += [(tenths, tests, student) for student, (tenths, tests) in exact.items()]
    ranked.sort(key=lambda row: (-row[0], row[2]))
    return ranked


def display_name(names: RatingNames, last_name: str, first_name: str, nickname: str) -> str:
    """How a student is shown in a rating under the organisation's choice."""
    if names is RatingNames.FULL:
        return " ".join(part for part in (last_name, first_name) if part)
    if names is RatingNames.NICKNAME and nickname:
        return nickname
    return initials(last_name, first_name)


@dataclass(frozen=True)
class _Board:
    """A ranking as far as it is shown: the ties the shown windows reach into are ordered by
    the name shown (then id), and only their names are read."""

    names: RatingNames
    #: (tenths, tests, student), best first.
    ranked: list[tuple[int, int, int]]
    #: Minus the tenths, ascending: where each place starts.
    keys: list[int]
    shown: dict[int, str]

    def entries(self, start: int, stop: int) -> list[RatingEntry]:
        start, stop = max(start, 0), min(stop, len(self.ranked))
        return [
            RatingEntry(
                bisect_left(self.keys, -tenths) + 1,
                student,
                self.shown[student],
                tenths / 10,
                tests,
            )
            for tenths, tests, student in self.ranked[start:stop]
        ]


def _ties(keys: list[int], start: int, stop: int) -> tuple[int, int]:
    """Indices ``start`` to ``stop`` widened to whole ties (students sharing a place)."""
    start, stop = max(start, 0), min(stop, len(keys))
    if start >= stop:
        return 0, 0
    return bisect_left(keys, keys[start]), bisect_right(keys, keys[stop - 1])


async def _board(
    actor: Actor, ranked: list[tuple[int, int, int]], windows: Iterable[tuple[int, int]]
) -> _Board:
    """``ranked`` ready to show its ``windows`` (index ranges): one query for the names of
    the students in them and of anyone sharing a place with them (a shared place lists its
    students by name), one for the settings."""
    names = (await testing_settings(actor.organisation_id)).rating_names
    keys = [-tenths for tenths, _, _ in ranked]
    spans = {_ties(keys, start, stop) for start, stop in windows}
    people = await _names(student for low, high in spans for _, _, student in ranked[low:high])
    shown = {student: display_name(names, *found) for student, found in people.items()}
    ordered = list(ranked)
    for low, high in spans:
        ordered[low:high] = sorted(
            ranked[low:high],
            key=lambda r: (-r[0], shown.get(r[2], "").casefold(), r[2]),
        )
    return _Board(names, ordered, keys, shown)


def _check_limit(limit: int) -> int:
    return min(max(limit, 1), LIMIT_MAX)


async def leaderboard(
    actor: Actor,
    *,
    scope: RatingScope,
    scope_id: int,
    starts_on: date,
    ends_on: date,
    limit: int = TOP_DEFAULT,
) -> Leaderboard:
    """The rating of a group, a course or the organisation over local dates ``starts_on`` to
    ``ends_on`` (both included): its first ``limit`` places (1 to 1000).

    Raises:
        NotFound: no such group or course here, or the actor may not see its leaderboard.
        InvalidInput: the period ends before it starts.
    """
    viewer = await _viewer(actor)
    scope = RatingScope(scope)
    name = await _access_scope(actor, viewer, scope, scope_id)
    ranked = await _ranked(actor, scope, scope_id, starts_on, ends_on)
    shown = _check_limit(limit)
    board = await _board(actor, ranked, [(0, shown)])
    return Leaderboard(
        scope=scope,
        scope_id=scope_id,
        scope_name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        names=board.names,
        entries=tuple(board.entries(0, shown)),
        total=len(ranked),
    )


async def _access_student(actor: Actor, viewer: _Viewer, student_id: int) -> str:
    """The student's full name, if the actor may see their place (themselves, a parent's
    child, staff who see groups) and they are a current student here.

    Raises:
        NotFound: not a student here, or not the actor's to see.
    """
    check_id(student_id)
    if not (viewer.everything or student_id in viewer.students):
        raise NotFound()
    if not await Membership.exists(
        person_id=student_id,
        organisation_id=actor.organisation_id,
        role=Role.STUDENT,
        archived_at__isnull=True,
    ):
        raise NotFound()
    return _full((await _names([student_id])).get(student_id))


async def my_place(
    actor: Actor,
    *,
    student_id: int,
    scope: RatingScope,
    scope_id: int,
    starts_on: date,
    ends_on: date,
    top: int = TOP_DEFAULT,
    around: int = 2,
) -> MyPlace:
    """A student's place in a leaderboard, the ``top`` places and the ``around`` entries on
    either side of the student's (for the student, their parents, and staff who see groups).

    Raises:
        NotFound: the student or the scope is out of the actor's reach.
        InvalidInput: the period ends before it starts.
    """
    viewer = await _viewer(actor)
    student_name = await _access_student(actor, viewer, student_id)
    scope = RatingScope(scope)
    name = await _access_scope(actor, viewer, scope, scope_id)
    ranked = await _ranked(actor, scope, scope_id, starts_on, ends_on)
    shown, near = _check_limit(top), max(0, min(around, 10))
    windows = [(0, shown)]
    found = next((i for i, row in enumerate(ranked) if row[2] == student_id), None)
    if found is not None:
        # The student's place is known; their line within it is not until names are read.
        low, high = _ties([-row[0] for row in ranked], found, found + 1)
        windows.append((low - near, high + near))
    board = await _board(actor, ranked, windows)
    index = next((i for i, row in enumerate(board.ranked) if row[2] == student_id), None)
    leaders = Leaderboard(
        scope=scope,
        scope_id=scope_id,
        scope_name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        names=board.names,
        entries=tuple(board.entries(0, shown)),
        total=len(ranked),
    )
    return MyPlace(
        board=leaders,
        student_id=student_id,
        student_name=student_name,
        entry=board.entries(index, index + 1)[0] if index is not None else None,
        around=tuple(board.entries(index - near, index + near + 1)) if index is not None else (),
    )


async def rating_scopes(actor: Actor, *, student_id: int | None = None) -> list[ScopeChoice]:
    """The leaderboards the actor may open: groups, then courses, then the organisation.

    With ``student_id`` (the bot: a student, or a parent's chosen child): that student's
    current groups and their courses. Without: every active group and course for staff who
    see groups, else the groups of the actor (or their children) and the groups they teach.

    Raises:
        NotFound: ``student_id`` is out of the actor's reach.
    """
    viewer = await _viewer(actor)
    org = actor.organisation_id
    if student_id is not None:
        await _access_student(actor, viewer, student_id)
        groups = Group.filter(
            organisation_id=org, id__in=Subquery(_enrolled([student_id]).values("group_id"))
        )
    elif viewer.everything:
        groups = Group.filter(organisation_id=org, status=GroupStatus.ACTIVE)
    else:
        groups = Group.filter(organisation_id=org).filter(
            Q(id__in=Subquery(_enrolled(viewer.students).values("group_id")))
            | Q(
                id__in=Subquery(
                    GroupTeacher.filter(teacher_id=actor.person_id or 0).values("group_id")
                )
            )
        )
    group_rows = await groups.values("id", "name", "course_id")
    course_rows = await Course.filter(
        id__in=sorted({int(row["course_id"]) for row in group_rows})
    ).values("id", "name_kk", "name_ru", "name_en")
    organisation = (
        await Organisation.filter(id=org).first().values("name_kk", "name_ru", "name_en")
    )
    choices = [
        ScopeChoice(RatingScope.GROUP, int(row["id"]), {"ru": str(row["name"])})
        for row in sorted(group_rows, key=lambda row: str(row["name"]).casefold())
    ]
    courses = [ScopeChoice(RatingScope.COURSE, int(row["id"]), _loc(row)) for row in course_rows]
    choices += sorted(courses, key=lambda choice: localised(choice.name, "ru").casefold())
    choices.append(ScopeChoice(RatingScope.ORGANISATION, org, _loc(organisation or {})))
    return choices


async def rating_periods(deps: Deps, actor: Actor) -> list[PeriodChoice]:
    """The periods a rating is shown for: this month, this term (when a term covers today)
    and all time, in the organisation's local dates. Every member may ask.

    Raises:
        Nothing.
    """
    zone = await organisation_zone(actor.organisation_id)
    today = local_today(deps.clock.now(), zone)
    periods = [PeriodChoice(RatingPeriod.MONTH, today.replace(day=1), today)]
    term = await term_on(actor.organisation_id, today)
    if term is not None:
        periods.append(PeriodChoice(RatingPeriod.TERM, term.starts_on, term.ends_on, term.name))
    periods.append(PeriodChoice(RatingPeriod.ALL, EPOCH, today))
    return periods


async def rating_period(deps: Deps, actor: Actor, *, period: RatingPeriod) -> PeriodChoice:
    """One of ``rating_periods``.

    Raises:
        InvalidInput: no term covers today (for ``TERM``), or not a period.
    """
    for choice in await rating_periods(deps, actor):
        if choice.period == period:
            return choice
    raise InvalidInput(N_("No term covers today; choose this month or all time."), field="period")
