"""Grades: the organisation's scale, giving and correcting marks, terms, the gradebook and the
final grade of a term.

Scales and scores
-----------------
A grade keeps the value as the teacher gave it (``Grade.value``) and a *score*: the same mark
in thousandths of the scale's top. Averages are computed from scores only, so grades given
before an organisation changed its scale still count.

=========  ==========================  ===================================================
scale      values                      score
=========  ==========================  ===================================================
five       2, 3, 4, 5                  mark × 200: 2 → 400, 3 → 600, 4 → 800, 5 → 1000
hundred    0 … 100 (whole numbers)     points × 10
pass_fail  pass, fail                  pass → 1000, fail → 0
letter     A, A-, B+, B, B-, C+, C,    GPA points ÷ 4 (Kazakhstan's credit system):
           C-, D+, D, F                A 1000, A- 917, B+ 833, B 750, B- 667, C+ 583,
                                       C 500, C- 417, D+ 333, D 250, F 0
=========  ==========================  ===================================================

Letters are typed in either case; a minus may be typed as ``-``, ``−`` or ``–`` and is
stored as ``-``. In notifications a pass is shown as ✓ and a fail as ✗ (the outbox
translates the sentence, not its parameters).

The average and the final grade
-------------------------------
For one student in one group over a period (a term, or any dates):

1. the scores of each kind (classwork, homework, test, exam) are averaged;
2. the kind averages are combined with the organisation's weights
   (``lesson_settings``): Σ weight × kind average ÷ Σ weight, where the sums run only over
   kinds that have grades and a weight above zero — a kind without grades drops out and
   the remaining weights renormalise.

That exact mean is the *average*, shown in the scale's own units and rounded half up only
for display (five: 4.33 for 5, 4, 4; hundred: 87.5; pass_fail: the share of passes as a
percentage; letter: the GPA) — rounding it to a whole score first would show 4.34. The
*final grade* converts the exact mean back to the scale:

- five: the average mark rounded half up — score ≥ 900 → 5, ≥ 700 → 4, ≥ 500 → 3, else 2;
- hundred: score ÷ 10 rounded half up;
- pass_fail: score ≥ 500 → pass, else fail;
- letter: the letter whose score is nearest, a tie going to the higher letter.

A student without grades (or only grades of kinds weighted zero) has no average and no final
grade.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q

from core.actor import Actor
from core.config import LANGUAGES
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.i18n import N_, gettext_for
from core.models.academics import Enrolment, Group
from core.models.lessons import Grade, Lesson, LessonStatus, Term
from core.models.lessons import GradeKind as GradeKind  # noqa: PLC0414 - for adapters
from core.models.people import ParentLink, Person
from core.names import fold, full_name
from core.permissions import Permission, has_permission, require
from core.services.audit import do_record, snapshot
from core.services.lesson_settings import GradeScale, lesson_settings
from core.services.lessons import (
    check_id,
    format_day,
    local_days,
    local_today,
    lock_organisation,
    organisation_zone,
    person_names,
    require_teaching_group,
)
from core.services.outbox import do_enqueue
from core.tx import Tx, transaction

COMMENT_MAX = 300
TERM_NAME_MAX = 100
#: The longest period a gradebook shows at once (a school year and a bit).
PERIOD_MAX_DAYS = 400
#: Without a term covering today, the gradebook shows this many days up to today.
DEFAULT_PERIOD_DAYS = 30
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

KIND_LABELS: dict[GradeKind, str] = {
    GradeKind.CLASSWORK: N_("Classwork"),
    GradeKind.HOMEWORK: N_("Homework"),
    GradeKind.TEST: N_("Test"),
    GradeKind.EXAM: N_("Exam"),
}
PASS, FAIL = "pass", "fail"
#: Values whose label is a word to translate; every other value shows as it is.
VALUE_LABELS: dict[str, str] = {PASS: N_("pass"), FAIL: N_("fail")}
_NOTICE_VALUES = {PASS: "✓", FAIL: "✗"}
#: A teacher types "pass"/"fail" in any language the platform speaks ("зачёт", "есептелді").
_PASS_FAIL_WORDS = {
    fold(word): value
    for value in (PASS, FAIL)
    for word in (value, *(gettext_for(language, VALUE_LABELS[value]) for language in LANGUAGES))
}

FIVE_VALUES = ("2", "3", "4", "5")
LETTER_SCORES: dict[str, int] = {
    "A": 1000,
    "A-": 917,
    "B+": 833,
    "B": 750,
    "B-": 667,
    "C+": 583,
    "C": 500,
    "C-": 417,
    "D+": 333,
    "D": 250,
    "F": 0,
}
_MINUSES = str.maketrans({"−": "-", "–": "-"})


# --- scales --------------------------------------------------------------------------------


def grade_choices(scale: GradeScale) -> tuple[str, ...]:
    """The values a form or a keyboard offers; empty for the 100-point scale (typed)."""
    if scale is GradeScale.FIVE:
        return FIVE_VALUES
    if scale is GradeScale.PASS_FAIL:
        return (PASS, FAIL)
    if scale is GradeScale.LETTER:
        return tuple(LETTER_SCORES)
    return ()


def value_label(value: str) -> str:
    """What to pass to the translator to show a value ("pass" is a word; "5" is not)."""
    return VALUE_LABELS.get(value, value)


def notice_value(value: str) -> str:
    """A value as a notification parameter, the same in every language."""
    return _NOTICE_VALUES.get(value, value)


def parse_grade(scale: GradeScale, raw: str) -> tuple[str, int]:
    """The canonical value and its score of a grade typed on ``scale``.

    Raises:
        InvalidInput: not a value of the scale; the message lists what is allowed.
    """
    typed = raw.strip()
    if scale is GradeScale.FIVE:
        if typed in FIVE_VALUES:
            return typed, int(typed) * 200
        raise InvalidInput(
            N_("“{value}” is not a grade on the 5-point scale: give 2, 3, 4 or 5."),
            field="value",
            value=typed,
        )
    if scale is GradeScale.HUNDRED:
        if typed.isascii() and typed.isdigit() and int(typed) <= 100:
            return str(int(typed)), int(typed) * 10
        raise InvalidInput(
            N_(
                "“{value}” is not a grade on the 100-point scale: "
                "give a whole number from 0 to 100."
            ),
            field="value",
            value=typed,
        )
    if scale is GradeScale.PASS_FAIL:
        value = _PASS_FAIL_WORDS.get(fold(typed))
        if value is not None:
            return value, 1000 if value == PASS else 0
        raise InvalidInput(
            N_("“{value}” is not a pass-or-fail grade: give “pass” or “fail”."),
            field="value",
            value=typed,
        )
    letter = typed.upper().translate(_MINUSES).replace(" ", "")
    if letter in LETTER_SCORES:
        return letter, LETTER_SCORES[letter]
    raise InvalidInput(
        N_("“{value}” is not a letter grade: give one of {allowed}."),
        field="value",
        value=typed,
        allowed=", ".join(LETTER_SCORES),
    )


def _half_up(numerator: Fraction) -> int:
    """A non-negative fraction rounded half up."""
    return int((2 * numerator.numerator + numerator.denominator) // (2 * numerator.denominator))


def weighted_mean(
    grades: Iterable[tuple[GradeKind, int]], weights: Sequence[tuple[GradeKind, int]]
) -> Fraction | None:
    """The exact weighted average score of (kind, score) pairs, by the rule in the module
    docstring; ``None`` when no grade counts."""
    by_kind: dict[GradeKind, list[int]] = {}
    for kind, score in grades:
        by_kind.setdefault(kind, []).append(score)
    total = Fraction(0)
    weight_sum = 0
    for kind, weight in weights:
        scores = by_kind.get(kind)
        if not scores or weight <= 0:
            continue
        total += weight * Fraction(sum(scores), len(scores))
        weight_sum += weight
    return total / weight_sum if weight_sum else None


def weighted_score(
    grades: Iterable[tuple[GradeKind, int]], weights: Sequence[tuple[GradeKind, int]]
) -> int | None:
    """``weighted_mean`` rounded half up to a whole score (for sorting and storing)."""
    mean = weighted_mean(grades, weights)
    return None if mean is None else _half_up(mean)


def final_value(scale: GradeScale, score: Fraction | int) -> str:
    """A (mean) score converted back to a value of the scale (the final grade's rule)."""
    if scale is GradeScale.FIVE:
        return "5" if score >= 900 else "4" if score >= 700 else "3" if score >= 500 else "2"
    if scale is GradeScale.HUNDRED:
        return str(_half_up(Fraction(score) / 10))
    if scale is GradeScale.PASS_FAIL:
        return PASS if score >= 500 else FAIL
    # Nearest letter; the table runs from the highest down, so ``min`` keeps the higher on a tie.
    exact = Fraction(score)
    return min(LETTER_SCORES, key=lambda letter: abs(LETTER_SCORES[letter] - exact))


def _decimal(value: Fraction, places: int) -> str:
    """A non-negative fraction with ``places`` decimals, rounded half up."""
    scaled = _half_up(value * 10**places)
    whole, part = divmod(scaled, 10**places)
    return f"{whole}.{part:0{places}d}"


def format_average(scale: GradeScale, score: Fraction | int | None) -> str:
    """An average score in the scale's units, rounded half up: 4.38 (five), 87.5 (hundred),
    75% (the share of passes), 3.33 (GPA, letters)."""
    if score is None:
        return ""
    if scale is GradeScale.FIVE:
        return _decimal(Fraction(score) / 200, 2)
    if scale is GradeScale.HUNDRED:
        return _decimal(Fraction(score) / 10, 1)
    if scale is GradeScale.PASS_FAIL:
        return f"{_half_up(Fraction(score) / 10)}%"
    return _decimal(Fraction(score) * 4 / 1000, 2)


# --- plain data ----------------------------------------------------------------------------


@dataclass(frozen=True)
class GradeView:
    id: int
    group_id: int
    group_name: str
    student_id: int
    student_name: str
    kind: GradeKind
    scale: GradeScale
    value: str
    score: int
    comment: str
    given_on: date
    lesson_id: int | None


@dataclass(frozen=True)
class TermView:
    id: int
    name: str
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class GradebookRow:
    """One student's line: ``cells`` run parallel to the gradebook's ``days``; ``mean`` is
    the exact weighted average score, ``average`` it shown in the scale's units."""

    student_id: int
    student_name: str
    current: bool
    cells: tuple[tuple[GradeView, ...], ...]
    mean: Fraction | None
    average: str
    final: str


@dataclass(frozen=True)
class Gradebook:
    """A group's grades over a period. ``final`` of each row is filled only for a term."""

    group_id: int
    group_name: str
    scale: GradeScale
    weights: tuple[tuple[GradeKind, int], ...]
    starts_on: date
    ends_on: date
    term: TermView | None
    days: tuple[date, ...]
    rows: tuple[GradebookRow, ...]
    can_grade: bool
    choices: tuple[str, ...]


# --- helpers -------------------------------------------------------------------------------


def clean_comment(comment: str, *, limit: int = COMMENT_MAX) -> str:
    """A grade's (or a review's) comment, trimmed.

    Raises:
        InvalidInput: longer than ``limit`` characters.
    """
    comment = comment.strip()
    if len(comment) > limit:
        raise InvalidInput(
            N_("The comment is too long: at most {limit} characters."),
            field="comment",
            limit=limit,
        )
    return comment


async def _group_here(actor: Actor, group_id: int) -> Group:
    check_id(group_id)
    group = await Group.get_or_none(id=group_id, organisation_id=actor.organisation_id)
    if group is None:
        raise NotFound()
    return group


async def enrolled_on(group_id: int, student_id: int, day: date) -> bool:
    """Whether the student was in the group on that local day."""
    # Not ``exclude(ends_on__lt=day)``: in SQL that also drops the NULL (still enrolled) rows.
    return await Enrolment.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=day),
        group_id=group_id,
        student_id=student_id,
        starts_on__lte=day,
    ).exists()


def _view(grade: Grade, group_name: str, student_name: str) -> GradeView:
    return GradeView(
        id=grade.id,
        group_id=grade.group_id,  # type: ignore[attr-defined]
        group_name=group_name,
        student_id=grade.student_id,  # type: ignore[attr-defined]
        student_name=student_name,
        kind=GradeKind(grade.kind),
        scale=GradeScale(grade.scale),
        value=grade.value,
        score=grade.score,
        comment=grade.comment,
        given_on=grade.given_on,
        lesson_id=grade.lesson_id,  # type: ignore[attr-defined]
    )


async def grade_views(grades: Sequence[Grade]) -> list[GradeView]:
    """Plain views of grades with their group and student names (two queries)."""
    groups: dict[int, str] = dict(
        await Group.filter(id__in={g.group_id for g in grades}).values_list("id", "name")  # type: ignore[attr-defined]
    )
    names = await person_names(g.student_id for g in grades)  # type: ignore[attr-defined]
    return [
        _view(g, groups.get(g.group_id, ""), names.get(g.student_id, ""))  # type: ignore[attr-defined]
        for g in grades
    ]


# --- giving grades -------------------------------------------------------------------------

_AUDITED = ("kind", "scale", "value", "score", "comment", "given_on")


async def do_give_grade(
    tx: Tx,
    actor: Actor,
    *,
    group: Group,
    student_id: int,
    kind: GradeKind,
    scale: GradeScale,
    value: str,
    score: int,
    given_on: date,
    lesson_id: int | None = None,
    comment: str = "",
    tell_student: bool = True,
) -> Grade:
    """Store a validated grade, audit it and tell the student (unless ``tell_student`` is
    off: a homework review tells them itself) and their parents; trusted."""
    grade = await Grade.create(
        organisation_id=group.organisation_id,  # type: ignore[attr-defined]
        group_id=group.id,
        student_id=student_id,
        lesson_id=lesson_id,
        kind=kind,
        scale=scale,
        value=value,
        score=score,
        comment=comment,
        given_by_id=actor.person_id,
        given_on=given_on,
        created_at=tx.now,
    )
    after = snapshot(grade, _AUDITED)
    after.update(group_id=group.id, student_id=student_id, lesson_id=lesson_id)
    await do_record(
        tx, actor, action="grade.give", object_type="grade", object_id=grade.id, after=after
    )
    params: dict[str, object] = {
        "group": group.name,
        "value": notice_value(value),
        "date": given_on.strftime("%d.%m"),
    }
    if tell_student:
        await do_enqueue(
            tx,
            person_id=student_id,
            message=N_("New grade in {group}: {value} ({date})."),
            params=params,
            organisation_id=group.organisation_id,  # type: ignore[attr-defined]
            dedupe_key=f"grade:{grade.id}:{student_id}",
        )
    student = await Person.get(id=student_id)
    for parent_id in await parents_of(student_id):
        await do_enqueue(
            tx,
            person_id=parent_id,
            message=N_("{student} has a new grade in {group}: {value} ({date})."),
            params={**params, "student": full_name(student.last_name, student.first_name)},
            organisation_id=group.organisation_id,  # type: ignore[attr-defined]
            dedupe_key=f"grade:{grade.id}:{parent_id}",
        )
    return grade


async def parents_of(student_id: int) -> list[int]:
    return list(
        await ParentLink.filter(child_id=student_id).values_list("parent_id", flat=True)  # type: ignore[arg-type]
    )


async def give_grade(
    deps: Deps,
    actor: Actor,
    *,
    group_id: int,
    student_id: int,
    kind: GradeKind,
    value: str,
    lesson_id: int | None = None,
    given_on: date | None = None,
    comment: str = "",
) -> GradeView:
    """Give a student of the group a grade on the organisation's scale.

    ``given_on`` is the local day the grade counts for: by default the lesson's day, or
    today. The student and their parents are told.

    Raises:
        NotFound: no such group (or lesson of the group) here.
        PermissionDenied: the actor may not grade in this group.
        InvalidInput: a value not on the scale (the message lists what is allowed), a day in
            the future, a comment too long, or a student who was not in the group that day.
    """
    group = await _group_here(actor, group_id)
    await require_teaching_group(actor, group.id, Permission.GRADES_MANAGE)
    settings = await lesson_settings(actor.organisation_id)
    value, score = parse_grade(settings.grade_scale, value)
    comment = clean_comment(comment)
    zone = await organisation_zone(actor.organisation_id)
    today = local_today(deps.clock.now(), zone)
    if lesson_id is not None:
        check_id(lesson_id)
        lesson = await Lesson.get_or_none(id=lesson_id, group_id=group.id)
        if lesson is None:
            raise NotFound(N_("There is no such lesson in this group."), field="lesson_id")
        given_on = given_on or lesson.starts_at.astimezone(zone).date()
    given_on = given_on or today
    if given_on > today:
        raise InvalidInput(
            N_("A grade cannot be given for a day in the future."), field="given_on"
        )
    if not await enrolled_on(group.id, student_id, given_on):
        raise InvalidInput(
            N_("This student was not in the group on {date}."),
            field="student_id",
            date=format_day(given_on),
        )
    async with transaction(deps) as tx:
        grade = await do_give_grade(
            tx,
            actor,
            group=group,
            student_id=student_id,
            kind=kind,
            scale=settings.grade_scale,
            value=value,
            score=score,
            given_on=given_on,
            lesson_id=lesson_id,
            comment=comment,
        )
    return (await grade_views([grade]))[0]


async def access_grade(actor: Actor, grade_id: int) -> GradeView:
    """A grade the actor may correct.

    Raises:
        NotFound: no such grade here.
        PermissionDenied: the actor may not grade in its group.
    """
    check_id(grade_id)
    grade = await Grade.get_or_none(id=grade_id, organisation_id=actor.organisation_id)
    if grade is None:
        raise NotFound()
    await require_teaching_group(actor, grade.group_id, Permission.GRADES_MANAGE)  # type: ignore[attr-defined]
    return (await grade_views([grade]))[0]


async def do_correct_grade(
    tx: Tx, actor: Actor, *, grade: Grade, value: str, score: int, comment: str
) -> None:
    """Change a grade's value and comment, keeping its scale; audited; trusted."""
    before = snapshot(grade, _AUDITED)
    grade.value, grade.score, grade.comment = value, score, comment
    await grade.save(update_fields=["value", "score", "comment"])
    await do_record(
        tx,
        actor,
        action="grade.correct",
        object_type="grade",
        object_id=grade.id,
        before=before,
        after=snapshot(grade, _AUDITED),
    )


async def correct_grade(
    deps: Deps, actor: Actor, *, grade_id: int, value: str, comment: str
) -> GradeView:
    """Correct a grade: a new value on the scale it was given on, and its comment. The old
    value stays in the audit trail; nobody is notified again.

    Raises:
        NotFound: no such grade here.
        PermissionDenied: the actor may not grade in its group.
        InvalidInput: a value not on the grade's scale, or a comment too long.
    """
    await access_grade(actor, grade_id)
    comment = clean_comment(comment)
    async with transaction(deps) as tx:
        grade = await Grade.select_for_update().get(id=grade_id)
        value, score = parse_grade(GradeScale(grade.scale), value)
        await do_correct_grade(tx, actor, grade=grade, value=value, score=score, comment=comment)
    return (await grade_views([grade]))[0]


# --- terms ---------------------------------------------------------------------------------


_TERM_AUDITED = ("name", "starts_on", "ends_on")


def _term_view(term: Term) -> TermView:
    return TermView(term.id, term.name, term.starts_on, term.ends_on)


async def list_terms(actor: Actor) -> list[TermView]:
    """The organisation's terms, earliest first (every member may see them)."""
    terms = await Term.filter(organisation_id=actor.organisation_id).order_by("starts_on")
    return [_term_view(term) for term in terms]


async def term_on(organisation_id: int, day: date) -> TermView | None:
    """The term a day falls in, if any."""
    term = await Term.get_or_none(
        organisation_id=organisation_id, starts_on__lte=day, ends_on__gte=day
    )
    return _term_view(term) if term else None


async def access_term(actor: Actor, term_id: int) -> TermView:
    """A term of the actor's organisation.

    Raises:
        NotFound: no such term here.
    """
    check_id(term_id)
    term = await Term.get_or_none(id=term_id, organisation_id=actor.organisation_id)
    if term is None:
        raise NotFound(N_("There is no such term."), field="term_id")
    return _term_view(term)


def _clean_term(name: str, starts_on: date | None, ends_on: date | None) -> tuple[str, date, date]:
    name = " ".join(name.split())
    if not name:
        raise InvalidInput(N_("Give the term a name."), field="name")
    if len(name) > TERM_NAME_MAX:
        raise InvalidInput(
            N_("The name is too long: at most {limit} characters."),
            field="name",
            limit=TERM_NAME_MAX,
        )
    if starts_on is None:
        raise InvalidInput(N_("Give the first day of the term."), field="starts_on")
    if ends_on is None:
        raise InvalidInput(N_("Give the last day of the term."), field="ends_on")
    if ends_on < starts_on:
        raise InvalidInput(N_("The term cannot end before it starts."), field="ends_on")
    return name, starts_on, ends_on


async def _check_term_free(
    actor: Actor, name: str, starts_on: date, ends_on: date, exclude_id: int | None
) -> None:
    others = Term.filter(organisation_id=actor.organisation_id)
    if exclude_id is not None:
        others = others.exclude(id=exclude_id)
    overlapping = await others.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).first()
    if overlapping is not None:
        raise Conflict(
            N_("These dates overlap the term “{name}” ({starts} – {ends})."),
            field="starts_on",
            name=overlapping.name,
            starts=format_day(overlapping.starts_on),
            ends=format_day(overlapping.ends_on),
        )
    if await others.filter(name=name).exists():
        raise Conflict(N_("There is a term with this name already."), field="name")


async def create_term(
    deps: Deps, actor: Actor, *, name: str, starts_on: date | None, ends_on: date | None
) -> TermView:
    """Add a term (quarter, semester) to the organisation.

    Raises:
        PermissionDenied: the actor may not change the organisation's settings.
        InvalidInput: no name, no dates, or it ends before it starts.
        Conflict: it overlaps another term, or the name is taken.
    """
    await require(actor, Permission.ORG_MANAGE)
    name, starts, ends = _clean_term(name, starts_on, ends_on)
    async with transaction(deps) as tx:
        await lock_organisation(actor.organisation_id)
        await _check_term_free(actor, name, starts, ends, None)
        try:
            term = await Term.create(
                organisation_id=actor.organisation_id, name=name, starts_on=starts, ends_on=ends
            )
        except IntegrityError:
            raise Conflict(N_("There is a term with this name already."), field="name") from None
        await do_record(
            tx,
            actor,
            action="term.create",
            object_type="term",
            object_id=term.id,
            after=snapshot(term, _TERM_AUDITED),
        )
    return _term_view(term)


async def update_term(
    deps: Deps,
    actor: Actor,
    *,
    term_id: int,
    name: str,
    starts_on: date | None,
    ends_on: date | None,
) -> TermView:
    """Rename a term or move its dates.

    Raises:
        NotFound: no such term here.
        PermissionDenied: the actor may not change the organisation's settings.
        InvalidInput: as ``create_term``.
        Conflict: as ``create_term``.
    """
    await require(actor, Permission.ORG_MANAGE)
    await access_term(actor, term_id)
    name, starts, ends = _clean_term(name, starts_on, ends_on)
    async with transaction(deps) as tx:
        await lock_organisation(actor.organisation_id)
        await _check_term_free(actor, name, starts, ends, term_id)
        term = await Term.get(id=term_id)
        before = snapshot(term, _TERM_AUDITED)
        term.name, term.starts_on, term.ends_on = name, starts, ends
        await term.save()
        await do_record(
            tx,
            actor,
            action="term.update",
            object_type="term",
            object_id=term.id,
            before=before,
            after=snapshot(term, _TERM_AUDITED),
        )
    return _term_view(term)


async def remove_term(deps: Deps, actor: Actor, *, term_id: int) -> None:
    """Remove a term. Grades do not belong to terms, so none is touched.

    Raises:
        NotFound: no such term here.
        PermissionDenied: the actor may not change the organisation's settings.
    """
    await require(actor, Permission.ORG_MANAGE)
    await access_term(actor, term_id)
    async with transaction(deps) as tx:
        term = await Term.get(id=term_id)
        before = snapshot(term, _TERM_AUDITED)
        await term.delete()
        await do_record(
            tx, actor, action="term.remove", object_type="term", object_id=term_id, before=before
        )


# --- the gradebook -------------------------------------------------------------------------


async def may_grade(actor: Actor, group_id: int) -> bool:
    """Whether the actor may give grades in the group."""
    try:
        await require_teaching_group(actor, group_id, Permission.GRADES_MANAGE)
    except PermissionDenied:
        return False
    return True


async def _period(
    actor: Actor,
    today: date,
    starts_on: date | None,
    ends_on: date | None,
    term_id: int | None,
) -> tuple[date, date, TermView | None]:
    if term_id is not None:
        term = await access_term(actor, term_id)
        return term.starts_on, term.ends_on, term
    if starts_on is None and ends_on is None:
        current = await term_on(actor.organisation_id, today)
        if current is not None:
            return current.starts_on, current.ends_on, current
    ends = ends_on or today
    starts = starts_on or ends - timedelta(days=DEFAULT_PERIOD_DAYS)
    if ends < starts:
        raise InvalidInput(N_("The period cannot end before it starts."), field="to")
    if (ends - starts).days > PERIOD_MAX_DAYS:
        raise InvalidInput(
            N_("Choose a period of at most {days} days."), field="from", days=PERIOD_MAX_DAYS
        )
    return starts, ends, None


async def gradebook(
    deps: Deps,
    actor: Actor,
    *,
    group_id: int,
    starts_on: date | None = None,
    ends_on: date | None = None,
    term_id: int | None = None,
) -> Gradebook:
    """A group's grades: its students by dated columns, each student's weighted average and,
    for a term, their final grade (see the module docstring for the rule).

    The period is the term, else the dates given, else the term covering today, else the
    last 30 days. Columns are the local days of the group's lessons (not cancelled) and any
    other day with a grade. Rows are the current students and anyone with a grade in the
    period (a student who left keeps their line).

    Raises:
        NotFound: no such group (or term) here.
        PermissionDenied: the actor neither grades in this group nor sees lesson reports.
        InvalidInput: the period ends before it starts or is longer than 400 days.
    """
    group = await _group_here(actor, group_id)
    can_grade = await may_grade(actor, group.id)
    if not can_grade and not await has_permission(actor, Permission.LESSON_REPORTS):
        raise PermissionDenied(permission=Permission.GRADES_MANAGE.value)
    zone = await organisation_zone(actor.organisation_id)
    today = local_today(deps.clock.now(), zone)
    starts, ends, term = await _period(actor, today, starts_on, ends_on, term_id)
    settings = await lesson_settings(actor.organisation_id)
    grades = await Grade.filter(
        group_id=group.id, given_on__gte=starts, given_on__lte=ends
    ).order_by("given_on", "id")
    low, high = local_days(starts, ends, zone)
    lessons = (
        await Lesson.filter(group_id=group.id, starts_at__gte=low, starts_at__lt=high)
        .exclude(status=LessonStatus.CANCELLED)
        .values("starts_at")
    )
    days = {row["starts_at"].astimezone(zone).date() for row in lessons}
    days |= {g.given_on for g in grades}
    ordered_days = tuple(sorted(days))
    current = {
        row["student_id"]
        for row in await Enrolment.filter(group_id=group.id, active_key__isnull=False).values(
            "student_id"
        )
    }
    student_ids = current | {g.student_id for g in grades}  # type: ignore[attr-defined]
    names = await person_names(student_ids)
    views = await grade_views(grades)
    by_student: dict[int, list[GradeView]] = {}
    for view in views:
        by_student.setdefault(view.student_id, []).append(view)
    rows = []
    for student_id in sorted(student_ids, key=lambda sid: (names.get(sid, ""), sid)):
        own = by_student.get(student_id, [])
        mean = weighted_mean(((g.kind, g.score) for g in own), settings.weights)
        rows.append(
            GradebookRow(
                student_id=student_id,
                student_name=names.get(student_id, ""),
                current=student_id in current,
                cells=tuple(tuple(g for g in own if g.given_on == day) for day in ordered_days),
                mean=mean,
                average=format_average(settings.grade_scale, mean),
                final=final_value(settings.grade_scale, mean)
                if term is not None and mean is not None
                else "",
            )
        )
    return Gradebook(
        group_id=group.id,
        group_name=group.name,
        scale=settings.grade_scale,
        weights=settings.weights,
        starts_on=starts,
        ends_on=ends,
        term=term,
        days=ordered_days,
        rows=tuple(rows),
        can_grade=can_grade,
        choices=grade_choices(settings.grade_scale),
    )


async def gradebook_xlsx(
    deps: Deps,
    actor: Actor,
    *,
    group_id: int,
    starts_on: date | None = None,
    ends_on: date | None = None,
    term_id: int | None = None,
    language: str,
) -> tuple[str, bytes]:
    """The gradebook as an .xlsx workbook and a file name for it.

    Marks on the 5- and 100-point scales are number cells, letters and pass/fail text; a day
    with several grades of one student gets as many columns as the most grades anyone had
    that day, so every cell holds one mark. The average is a number (in the scale's units).

    Raises:
        as ``gradebook``.
    """
    book = await gradebook(
        deps, actor, group_id=group_id, starts_on=starts_on, ends_on=ends_on, term_id=term_id
    )
    data = await asyncio.to_thread(_workbook, book, language)
    return f"gradebook-{book.starts_on:%Y%m%d}-{book.ends_on:%Y%m%d}.xlsx", data


def _cell_value(scale: GradeScale, value: str, language: str) -> Any:
    if scale in (GradeScale.FIVE, GradeScale.HUNDRED) and value.isdigit():
        return int(value)
    return gettext_for(language, value_label(value))


def _average_number(scale: GradeScale, mean: Fraction | None) -> float | None:
    """The average as Excel shows it, in the scale's units (a share for pass/fail)."""
    if mean is None:
        return None
    units = {
        GradeScale.FIVE: Fraction(1, 200),
        GradeScale.HUNDRED: Fraction(1, 10),
        GradeScale.PASS_FAIL: Fraction(1, 1000),
        GradeScale.LETTER: Fraction(4, 1000),
    }
    return float(mean * units[scale])


def _workbook(book: Gradebook, language: str) -> bytes:
    def tr(message: str) -> str:
        return gettext_for(language, message)

    widths = [max([1, *(len(row.cells[i]) for row in book.rows)]) for i in range(len(book.days))]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(tr(N_("Gradebook"))[:31])
    sheet.column_dimensions["A"].width = 28
    sheet.freeze_panes = "B2"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")

    def text(value: str, *, header: bool = False) -> Cell:
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # a name such as "=..." stays text
        if header:
            cell.font, cell.fill = bold, fill
        return cell

    header = [text(tr(N_("Student")), header=True)]
    for day, width in zip(book.days, widths, strict=True):
        header.extend(text(format_day(day), header=True) for _ in range(width))
    header.append(text(tr(N_("Average")), header=True))
    if book.term is not None:
        header.append(text(tr(N_("Final grade")), header=True))
    sheet.append(header)
    for index in range(2, len(header) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 11
    for row in book.rows:
        line: list[Any] = [text(row.student_name)]
        for cell_grades, width in zip(row.cells, widths, strict=True):
            values = [_cell_value(book.scale, g.value, language) for g in cell_grades]
            for value in values + [None] * (width - len(values)):
                line.append(text(value) if isinstance(value, str) else value)
        average = WriteOnlyCell(sheet, value=_average_number(book.scale, row.mean))
        average.number_format = "0%" if book.scale is GradeScale.PASS_FAIL else "0.00"
        line.append(average)
        if book.term is not None:
            final = _cell_value(book.scale, row.final, language) if row.final else None
            line.append(text(final) if isinstance(final, str) else final)
        sheet.append(line)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- one student's grades ------------------------------------------------------------------


async def recent_grades(
    student_id: int, *, group_ids: Sequence[int], limit: int
) -> list[GradeView]:
    """A student's latest grades in the given groups, newest first (trusted: the caller has
    checked who may see them)."""
    grades = (
        await Grade.filter(student_id=student_id, group_id__in=list(group_ids))
        .order_by("-given_on", "-id")
        .limit(limit)
    )
    return await grade_views(grades)


async def student_scores(
    student_id: int, *, group_ids: Sequence[int], starts_on: date | None, ends_on: date | None
) -> dict[int, list[tuple[GradeKind, int]]]:
    """(kind, score) of a student's grades per group within the dates (trusted)."""
    query = Grade.filter(student_id=student_id, group_id__in=list(group_ids))
    if starts_on is not None:
        query = query.filter(given_on__gte=starts_on)
    if ends_on is not None:
        query = query.filter(given_on__lte=ends_on)
    scores: dict[int, list[tuple[GradeKind, int]]] = {}
    for row in await query.values("group_id", "kind", "score"):
        scores.setdefault(row["group_id"], []).append((GradeKind(row["kind"]), row["score"]))
    return scores
