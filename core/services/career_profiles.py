"""Career profiles and reports (issue 9): one student's results over the years, and the
figures per class and for the whole organisation.

- **Who opens a profile**: holders of ``career.profiles.read`` (career counsellors,
  psychologists, admins) any student of the organisation; holders of ``career.mock_exams``
  without it (teachers, managers) only a student enrolled now in a group they teach. Anyone
  else — a teacher of another group too — gets ``NotFound``, so a student's existence never
  leaks. A student reads their own results in the bot, not here.
- **Screenings** appear on a profile only for a person acting as a psychologist (the role,
  not a permission, as in ``core.services.screenings``): the instrument, the band and the
  date, never an answer or a score. For everyone else the profile holds no trace of them.
- **Reports** (``career.profiles.read``): per active group and for the organisation — how
  many students, how many took the interest inventory, the distribution of the first letter
  of their latest code, the mean of each student's latest mock ENT total this term and its
  change since the previous term. Terms are the two halves of a school year: autumn
  (September–December) and spring (January–August), on the organisation's local date.
- **Small groups**: a figure about fewer than ``SMALLEST_GROUP`` students is never shown
  (``Hidden.FEW``); a class with fewer students shows nothing but that. When exactly one
  class hides a figure the organisation shows, the same figure of the next smallest class is
  hidden too (``Hidden.COMPLEMENT``) — or the organisation's, if no other class shows it — so
  the hidden one cannot be worked out by subtracting the others from the total.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from io import BytesIO

from openpyxl import Workbook

from core.actor import Actor
from core.career.ent import threshold
from core.career.inventory import TYPES, Form, score
from core.career.matching import Recommendation, recommend
from core.charts import Series, bar_chart
from core.deps import Deps
from core.errors import NotFound
from core.i18n import N_, gettext_for
from core.models.academics import Enrolment, Group, GroupStatus
from core.models.career import CareerAnswer, CareerAttempt, MockExamResult
from core.models.people import Membership, Person, Role
from core.models.screening import ScreeningAssignment
from core.names import full_name
from core.permissions import Permission, has_permission, require
from core.screening.instruments import Band, instrument
from core.services.lessons import local_today, organisation_zone
from core.services.mock_exams import (
    EXAM_NAMES,
    ExamKind,
    ResultView,
    score_text,
    student_results,
)
from core.workbooks import headed_sheet, text_cell

SMALLEST_GROUP = 5
#: The draft ENT threshold drawn on a student's ENT chart (``core.career.ent.threshold``).
UNIVERSITY_THRESHOLD = "default_hei"
RECOMMENDED = 5

_MISSING = N_("Not found.")
TYPE_LETTERS: Mapping[str, str] = {
    "R": N_("Realistic"),
    "I": N_("Investigative"),
    "A": N_("Artistic"),
    "S": N_("Social"),
    "E": N_("Enterprising"),
    "C": N_("Conventional"),
}


class Hidden(StrEnum):
    """Why a report figure is not shown."""

    FEW = "few"  # it is about fewer than SMALLEST_GROUP students
    COMPLEMENT = "complement"  # it would reveal another class's hidden figure


HIDDEN_TEXT: Mapping[Hidden, str] = {
    Hidden.FEW: N_("fewer than 5"),
    Hidden.COMPLEMENT: N_("hidden too"),
}


@dataclass(frozen=True)
class AttemptRow:
    """One finished inventory attempt; levels × 1000 by type letter (1000–7000)."""

    id: int
    finished_at: datetime
    grade: int
    form: Form
    code: str
    levels_milli: Mapping[str, int]


@dataclass(frozen=True)
class ScreeningRow:
    instrument: str  # its name, as published
    band: Band | None
    finished_at: datetime


@dataclass(frozen=True)
class StudentProfile:
    student_id: int
    name: str
    attempts: tuple[AttemptRow, ...]  # oldest first
    recommendation: Recommendation | None  # for the latest attempt, every preparation level
    results: tuple[ResultView, ...]  # newest first
    screenings: tuple[ScreeningRow, ...] | None  # None: the reader is not a psychologist


async def _teaches(actor: Actor, student_id: int) -> bool:
    if actor.person_id is None:
        return False
    return await Enrolment.exists(
        student_id=student_id,
        ends_on__isnull=True,
        group__organisation_id=actor.organisation_id,
        group__teacher_links__teacher_id=actor.person_id,
    )


async def profiles_open_to(actor: Actor, student_ids: Iterable[int]) -> frozenset[int]:
    """Which of these students' career profiles the actor may open, so a page links only
    to those (the reach of ``access_student``, for many students in one query)."""
    wanted = set(student_ids)
    if not wanted or actor.person_id is None:
        return frozenset()
    if await has_permission(actor, Permission.CAREER_PROFILES_READ):
        return frozenset(wanted)
    if not await has_permission(actor, Permission.CAREER_MOCK_EXAMS):
        return frozenset()
    taught: list[int] = await Enrolment.filter(  # type: ignore[assignment]
        student_id__in=wanted,
        ends_on__isnull=True,
        group__organisation_id=actor.organisation_id,
        group__teacher_links__teacher_id=actor.person_id,
    ).values_list("student_id", flat=True)
    return frozenset(taught)


async def access_student(actor: Actor, student_id: int) -> Person:
    """The student whose career profile the actor may open (reach in the module doc).

    Raises:
        NotFound: no such student here, or the actor may not open their profile.
    """
    # A person may hold the student role here twice (archived, then again): ask for any.
    if not await Membership.exists(
        person_id=student_id, organisation_id=actor.organisation_id, role=Role.STUDENT
    ):
        raise NotFound(_MISSING)
    if await has_permission(actor, Permission.CAREER_PROFILES_READ) or (
        await has_permission(actor, Permission.CAREER_MOCK_EXAMS)
        and await _teaches(actor, student_id)
    ):
        return await Person.get(id=student_id)
    raise NotFound(_MISSING)


async def _recommendation(attempt: CareerAttempt) -> Recommendation:
    answers = dict(
        await CareerAnswer.filter(attempt_id=attempt.id).values_list("item_id", "value")
    )
    return recommend(score(Form(attempt.form), answers), limit=RECOMMENDED)


async def _screenings(actor: Actor, student_id: int) -> tuple[ScreeningRow, ...] | None:
    if Role.PSYCHOLOGIST not in actor.roles or actor.person_id is None:
        return None
    rows = await ScreeningAssignment.filter(
        organisation_id=actor.organisation_id, person_id=student_id, finished_at__isnull=False
    ).order_by("-finished_at", "-id")
    return tuple(
        ScreeningRow(
            instrument(row.instrument).name,
            Band(row.band) if row.band else None,
            row.finished_at,  # type: ignore[arg-type]  # filtered on not null
        )
        for row in rows
    )


async def student_profile(deps: Deps, actor: Actor, *, student_id: int) -> StudentProfile:
    """Everything career guidance knows of a student here, for a counsellor's page.

    Raises:
        NotFound: no such student, or the actor may not open the profile.
    """
    person = await access_student(actor, student_id)
    attempts = await CareerAttempt.filter(
        organisation_id=actor.organisation_id, person_id=student_id, finished_at__isnull=False
    ).order_by("finished_at", "id")
    rows = tuple(
        AttemptRow(
            attempt.id,
            attempt.finished_at,  # type: ignore[arg-type]  # filtered on not null
            attempt.grade,
            Form(attempt.form),
            attempt.code,
            attempt.levels_milli or {},
        )
        for attempt in attempts
    )
    # The reach check above is this module's; mock exam results are read as a system actor
    # of the organisation so a teacher without ``career.profiles.read`` still sees them.
    results = await student_results(
        deps, Actor.system(actor.organisation_id, "career_profile"), student_id=student_id
    )
    return StudentProfile(
        student_id=person.id,
        name=full_name(person.last_name, person.first_name, person.middle_name),
        attempts=rows,
        recommendation=await _recommendation(attempts[-1]) if attempts else None,
        results=tuple(results),
        screenings=await _screenings(actor, student_id),
    )


def _tenths(value: int) -> str:
    return f"{value // 1000}.{value % 1000 // 100}"


def levels_chart(attempts: Sequence[AttemptRow], language: str) -> str:
    """The six interest levels of each attempt (labelled by its date), side by side, as SVG
    markup.

    Raises:
        Nothing: no attempts make an empty chart that says so.
    """

    def tr(message: str) -> str:
        return gettext_for(language, message)

    return bar_chart(
        title=tr(N_("Interest levels by attempt")),
        labels=[row.finished_at.date().isoformat() for row in attempts],
        series=[
            Series(
                f"{letter} — {tr(TYPE_LETTERS[letter])}",
                tuple(row.levels_milli.get(letter, 0) for row in attempts),
            )
            for letter in TYPES
        ],
        format_value=_tenths,
        format_axis=lambda milli: str(milli // 1000),
        unit=1000,
        empty_text=tr(N_("No finished interest inventory yet.")),
        height=300,
    )


def mock_chart(kind: ExamKind, results: Sequence[ResultView], language: str) -> str:
    """One exam's totals over time (oldest first) as SVG markup; the ENT's with the draft's
    lowest total for a university as a line (no programme group of the student's own choice
    is stored to draw its threshold instead).

    Raises:
        Nothing: no results make an empty chart that says so.
    """
    of_kind = sorted(
        (result for result in results if result.kind == kind),
        key=lambda result: (result.taken_on, result.id),
    )
    name = gettext_for(language, EXAM_NAMES[kind])
    reference = None
    if kind == ExamKind.ENT:
        lowest = threshold(UNIVERSITY_THRESHOLD)
        text = gettext_for(language, N_("Lowest total for a university (draft): {score}"))
        reference = (text.format(score=lowest), lowest)
    return bar_chart(
        title=gettext_for(language, N_("{exam}: total over time")).format(exam=name),
        labels=[result.taken_on.isoformat() for result in of_kind],
        series=[Series(name, tuple(result.total for result in of_kind))],
        format_value=lambda points: score_text(kind, points),
        unit=10 if kind == ExamKind.IELTS else 1,
        empty_text=gettext_for(language, N_("No results yet.")),
        width=480,
        height=220,
        reference=reference,
    )


# --- reports ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    starts_on: date
    ends_on: date


def term_of(day: date) -> Term:
    """The half of the school year ``day`` falls in (autumn Sep–Dec, spring Jan–Aug)."""
    if day.month >= 9:
        return Term(date(day.year, 9, 1), date(day.year, 12, 31))
    return Term(date(day.year, 1, 1), date(day.year, 8, 31))


def previous_term(term: Term) -> Term:
    """The term before ``term``."""
    if term.starts_on.month == 9:
        return Term(date(term.starts_on.year, 1, 1), date(term.starts_on.year, 8, 31))
    return Term(date(term.starts_on.year - 1, 9, 1), date(term.starts_on.year - 1, 12, 31))


@dataclass(frozen=True)
class Figures:
    """One row of the report; a ``Hidden`` in place of a figure that may not be shown."""

    students: int | Hidden
    took: int | Hidden  # students with a finished interest inventory
    letters: tuple[int, ...] | Hidden  # of those, how many have each first letter (TYPES)
    ent_mean: int | Hidden  # tenths of a point: each student's latest mock ENT this term
    ent_change: int | Hidden  # tenths of a point, against the previous term's mean


FIGURES = ("students", "took", "letters", "ent_mean", "ent_change")


@dataclass(frozen=True)
class ReportRow:
    group_id: int | None  # None: the whole organisation
    name: str
    size: int  # for ordering the complement rule only; never shown when small
    figures: Figures


@dataclass(frozen=True)
class CareerReport:
    term: Term
    previous: Term
    classes: tuple[ReportRow, ...]
    organisation: ReportRow


def _mean_tenths(totals: Sequence[int]) -> int | Hidden:
    if len(totals) < SMALLEST_GROUP:
        return Hidden.FEW
    return round(sum(totals) * 10 / len(totals))


def _figures(
    population: set[int],
    codes: Mapping[int, str],
    ent_now: Mapping[int, int],
    ent_before: Mapping[int, int],
) -> Figures:
    if len(population) < SMALLEST_GROUP:
        return Figures(*(Hidden.FEW,) * len(FIGURES))
    takers = [codes[person] for person in population if person in codes]
    letters: tuple[int, ...] | Hidden = Hidden.FEW
    if len(takers) >= SMALLEST_GROUP:
        letters = tuple(sum(1 for code in takers if code[:1] == kind) for kind in TYPES)
    now = _mean_tenths([ent_now[person] for person in population if person in ent_now])
    before = _mean_tenths([ent_before[p] for p in population if p in ent_before])
    change: int | Hidden = Hidden.FEW
    if not isinstance(now, Hidden) and not isinstance(before, Hidden):
        change = now - before
    return Figures(len(population), len(takers), letters, now, change)


def _protect(classes: list[ReportRow], whole: ReportRow) -> tuple[list[ReportRow], ReportRow]:
    """Hide the complement of a lone hidden class figure (see the module doc)."""
    for name in FIGURES:
        if isinstance(getattr(whole.figures, name), Hidden):
            continue
        hidden = [row for row in classes if isinstance(getattr(row.figures, name), Hidden)]
        if len(hidden) != 1:
            continue
        shown = [row for row in classes if not isinstance(getattr(row.figures, name), Hidden)]
        if not shown:
            figures = replace(whole.figures, **{name: Hidden.COMPLEMENT})
            whole = replace(whole, figures=figures)
            continue
        smallest = min(shown, key=lambda row: (row.size, row.name))
        figures = replace(smallest.figures, **{name: Hidden.COMPLEMENT})
        classes = [replace(row, figures=figures) if row is smallest else row for row in classes]
    return classes, whole


async def _latest_ent(organisation_id: int, term: Term) -> dict[int, int]:
    rows = await MockExamResult.filter(
        organisation_id=organisation_id,
        kind=ExamKind.ENT.value,
        taken_on__gte=term.starts_on,
        taken_on__lte=term.ends_on,
    ).order_by("taken_on", "id")
    return {row.person_id: row.total for row in rows}  # type: ignore[attr-defined]


async def career_report(deps: Deps, actor: Actor) -> CareerReport:
    """The career figures per active group and for the organisation, small groups hidden.

    Raises:
        PermissionDenied: the actor may not read career reports.
    """
    await require(actor, Permission.CAREER_PROFILES_READ)
    organisation_id = actor.organisation_id
    today = local_today(deps.clock.now(), await organisation_zone(organisation_id))
    term = term_of(today)
    before = previous_term(term)
    students = {
        int(row["person_id"])
        for row in await Membership.filter(
            organisation_id=organisation_id, role=Role.STUDENT, archived_at__isnull=True
        ).values("person_id")
    }
    codes: dict[int, str] = {}
    for person_id, code in await (
        CareerAttempt.filter(organisation_id=organisation_id, finished_at__isnull=False)
        .order_by("finished_at", "id")
        .values_list("person_id", "code")
    ):
        codes[person_id] = code
    ent_now = await _latest_ent(organisation_id, term)
    ent_before = await _latest_ent(organisation_id, before)
    groups = await Group.filter(
        organisation_id=organisation_id, status=GroupStatus.ACTIVE
    ).order_by("name", "id")
    members: dict[int, set[int]] = {group.id: set() for group in groups}
    for group_id, student_id in await Enrolment.filter(
        group_id__in=list(members), ends_on__isnull=True
    ).values_list("group_id", "student_id"):
        if student_id in students:
            members[group_id].add(student_id)
    classes = [
        ReportRow(
            group.id,
            group.name,
            len(members[group.id]),
            _figures(members[group.id], codes, ent_now, ent_before),
        )
        for group in groups
    ]
    whole = ReportRow(None, "", len(students), _figures(students, codes, ent_now, ent_before))
    classes, whole = _protect(classes, whole)
    return CareerReport(term, before, tuple(classes), whole)


def _cell_value(value: int | Hidden, language: str, *, tenths: bool = False) -> object:
    if isinstance(value, Hidden):
        return gettext_for(language, HIDDEN_TEXT[value])
    return value / 10 if tenths else value


def _report_workbook(report: CareerReport, language: str) -> bytes:
    def tr(message: str) -> str:
        return gettext_for(language, message)

    workbook = Workbook(write_only=True)
    columns = [
        (tr(N_("Class")), 28),
        (tr(N_("Students")), 10),
        (tr(N_("Took the interest inventory")), 14),
        *((letter, 6) for letter in TYPES),
        (tr(N_("Mean mock ENT this term")), 14),
        (tr(N_("Change since the previous term")), 14),
    ]
    sheet = headed_sheet(workbook, tr(N_("Career report")), columns)
    for row in (*report.classes, report.organisation):
        figures = row.figures
        letters: list[object] = (
            [_cell_value(figures.letters, language)] * len(TYPES)
            if isinstance(figures.letters, Hidden)
            else list(figures.letters)
        )
        values = [
            row.name or tr(N_("Whole organisation")),
            _cell_value(figures.students, language),
            _cell_value(figures.took, language),
            *letters,
            _cell_value(figures.ent_mean, language, tenths=True),
            _cell_value(figures.ent_change, language, tenths=True),
        ]
        # Text stays text in Excel (a class named "=…" is not a formula).
        sheet.append([text_cell(sheet, v) if isinstance(v, str) else v for v in values])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def export_career_report(deps: Deps, actor: Actor, *, language: str) -> bytes:
    """The report as an .xlsx in ``language``, with the same figures hidden as on the page.

    Raises:
        PermissionDenied: the actor may not read career reports.
    """
    report = await career_report(deps, actor)
    return await asyncio.to_thread(_report_workbook, report, language)
