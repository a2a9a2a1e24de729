"""Importing mock exam results from Excel (issue 9): a template, a preview, then the import.

One row per student and exam: the student by IIN, or by last name, first name and group;
the exam (ENT, NUET, SAT, IELTS — its name in any of the three languages); the date; the
score (NUET, SAT, or an IELTS band like 6.5; for the ENT optional, and then it must be the
sum of the sections); for the ENT every section's score and the profile subjects
("Математика + Физика"). Ranges are those of ``core.services.mock_exams``.

Like the atlas import, it makes its template and reads an upload with ``core.workbooks``: an
upload is checked for size and for being a real .xlsx before it is opened, and headers are
matched in any language (each ENT section by its subject's name).
``preview_mock_import`` reads and checks every row and writes nothing; ``import_mock_results``
checks again and, only when every row is valid, adds them all in one transaction (each
audited as a result entered by hand is), else raises ``ImportRejected`` listing each row.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from core.actor import Actor
from core.career.ent import sections
from core.config import LANGUAGES
from core.deps import Deps
from core.errors import ImportRejected, InvalidInput, RowProblem
from core.i18n import N_, gettext_for
from core.models.academics import Enrolment
from core.models.people import Person, Role
from core.names import fold, full_name
from core.permissions import Permission, require
from core.services.atlas_imports import pair_ids_of
from core.services.audit import do_record
from core.services.mock_exams import (
    EXAM_NAMES,
    ExamKind,
    check_result,
    do_add_result,
    parse_score,
    score_text,
)
from core.tx import transaction
from core.workbooks import Column, read_rows, template_workbook

MAX_FILE_BYTES = 1024 * 1024
MAX_ROWS = 1000

COLUMNS: tuple[Column, ...] = (
    Column("iin", N_("IIN"), 16),
    Column("last_name", N_("Last name"), 20),
    Column("first_name", N_("First name"), 20),
    Column("group", N_("Group"), 20),
    Column("kind", N_("Exam"), 10, True),
    Column("taken_on", N_("Date"), 12, True),
    Column("total", N_("Score"), 10),
    Column("pair", N_("Profile subjects"), 30),
)
_INSTRUCTIONS = (
    N_("One row per student and exam; keep the column names in row 1."),
    N_("The student: the IIN, or the last name, first name and group."),
    N_("Exam: ENT, NUET, SAT or IELTS. Date: the day of the exam, such as 15.10.2026."),
    N_("Score: the NUET or SAT score, or the IELTS band such as 6.5."),
    N_(
        "For the ENT fill in every section and the profile subjects, such as "
        "“Математика + Физика”; the score may stay empty (it is the sum of the sections)."
    ),
    N_("If any row has a problem, nothing is imported and every problem is listed."),
)

_NOT_A_WORKBOOK = N_(
    "This file is not an Excel workbook (.xlsx). Download the template, fill it in and upload it."
)


@dataclass(frozen=True)
class PreviewRow:
    """One row as read: what it will add, or why it cannot."""

    row: int
    student: str
    kind: ExamKind | None
    taken_on: date | None
    score: str
    problems: tuple[RowProblem, ...] = ()


@dataclass(frozen=True)
class MockImportPreview:
    rows: tuple[PreviewRow, ...]

    @property
    def valid(self) -> bool:
        return not any(row.problems for row in self.rows)

    @property
    def problems(self) -> list[RowProblem]:
        return [problem for row in self.rows for problem in row.problems]


@dataclass
class _Checked:
    student_id: int
    kind: ExamKind
    taken_on: date
    total: int
    sections: dict[str, int] | None
    pair_id: str


@dataclass
class _Row:
    number: int
    values: dict[str, object]
    problems: list[RowProblem] = field(default_factory=list)


def build_template(language: str) -> bytes:
    """The .xlsx to fill in: the columns in ``language``, one per ENT section, and a sheet
    of instructions."""
    ent = [(section.subject.localised(language), 14) for section in sections()]
    columns: list[Column | tuple[str, int]] = [*COLUMNS[:-1], *ent, COLUMNS[-1]]
    return template_workbook(language, N_("Mock exams"), columns, _INSTRUCTIONS)


def _read(data: bytes) -> list[_Row]:
    """The rows below the header by column key (blocking: run it in a thread).

    Raises:
        InvalidInput: not a readable .xlsx, an unknown or missing column, too many rows.
    """
    # Each ENT section's column is named by its subject, in any language or by its id.
    sections_by_name = {
        name: section.subject.id
        for section in sections()
        for name in (
            section.subject.id,
            *(section.subject.localised(language) for language in LANGUAGES),
        )
    }
    rows = read_rows(
        data,
        COLUMNS,
        not_a_workbook=_NOT_A_WORKBOOK,
        max_rows=MAX_ROWS,
        extra_names=sections_by_name,
    )
    return [_Row(number, values) for number, values in rows]


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value or "").split())


def _kind(text: str) -> ExamKind | None:
    wanted = fold(text)
    for kind, name in EXAM_NAMES.items():
        if wanted == kind.value or any(
            wanted == fold(gettext_for(language, name)) for language in LANGUAGES
        ):
            return kind
    return None


def _date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a day, no time
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class _Roster:
    by_iin: Mapping[str, tuple[int, str]]
    by_name: Mapping[tuple[str, str, str], list[tuple[int, str]]]


async def _roster(organisation_id: int) -> _Roster:
    people = await Person.filter(
        memberships__organisation_id=organisation_id,
        memberships__role=Role.STUDENT,
        memberships__archived_at__isnull=True,
    ).distinct()
    names = {person.id: full_name(person.last_name, person.first_name) for person in people}
    by_iin = {person.iin: (person.id, names[person.id]) for person in people if person.iin}
    by_name: dict[tuple[str, str, str], list[tuple[int, str]]] = {}
    first_last = {person.id: (person.last_name, person.first_name) for person in people}
    for student_id, group in await Enrolment.filter(
        group__organisation_id=organisation_id,
        ends_on__isnull=True,
        student_id__in=list(names),
    ).values_list("student_id", "group__name"):
        last, first = first_last[student_id]
        by_name.setdefault((fold(last), fold(first), fold(group)), []).append(
            (student_id, names[student_id])
        )
    return _Roster(by_iin, by_name)


def _problem(row: _Row, message: str, **params: object) -> None:
    row.problems.append(RowProblem(row.number, message, params))


def _student(row: _Row, roster: _Roster) -> tuple[int, str] | None:
    iin = _text(row.values.get("iin"))
    if iin:
        found = roster.by_iin.get(iin.zfill(12))
        if found is None:
            _problem(row, N_("No student of this organisation has the IIN {iin}."), iin=iin)
        return found
    key = tuple(fold(_text(row.values.get(name))) for name in ("last_name", "first_name", "group"))
    if not all(key):
        _problem(row, N_("Give the student's IIN, or their last name, first name and group."))
        return None
    matches = roster.by_name.get((key[0], key[1], key[2]), [])
    if len(matches) != 1:
        _problem(
            row,
            N_("No student {name} in the group {group}.")
            if not matches
            else N_("Several students are called {name} in the group {group}: give the IIN."),
            name=" ".join(_text(row.values.get(name)) for name in ("last_name", "first_name")),
            group=_text(row.values.get("group")),
        )
        return None
    return matches[0]


def _whole(row: _Row, key: str, label: object) -> int | None:
    text = _text(row.values.get(key))
    if not text:
        return None
    if not text.isdecimal() or len(text) > 6:
        _problem(row, N_("“{value}” is not a whole number ({column})."), value=text, column=label)
        return None
    return int(text)


def _check_row(row: _Row, roster: _Roster, today: date) -> tuple[PreviewRow, _Checked | None]:
    student = _student(row, roster)
    kind = _kind(_text(row.values.get("kind")))
    if kind is None:
        _problem(row, N_("Choose the exam: ENT, NUET, SAT or IELTS."))
    taken_on = _date(row.values.get("taken_on"))
    if taken_on is None:
        _problem(row, N_("The date is not a date like 15.10.2026."))
    elif taken_on > today:
        _problem(row, N_("The exam date cannot be in the future."))
    checked: _Checked | None = None
    score = ""
    if kind is not None:
        before = len(row.problems)
        try:
            total = parse_score(kind, _text(row.values.get("total")))
        except InvalidInput as error:
            _problem(row, error.message, **error.params)
            total = None
        scores: dict[str, int] | None = None
        pair_id = ""
        if kind == ExamKind.ENT:
            scores = {}
            for section in sections():
                value = _whole(row, section.subject.id, section.subject)
                if value is not None:
                    scores[section.subject.id] = value
            pair_text = _text(row.values.get("pair"))
            pairs = pair_ids_of(pair_text) if pair_text else None
            pair_id = pairs[0] if pairs and len(pairs) == 1 else ""
        if len(row.problems) == before:
            try:
                stored = check_result(kind, total, scores, pair_id)
            except InvalidInput as error:
                _problem(row, error.message, **error.params)
            else:
                score = score_text(kind, stored)
                if student is not None and taken_on is not None and not row.problems:
                    checked = _Checked(student[0], kind, taken_on, stored, scores, pair_id)
    preview = PreviewRow(
        row=row.number,
        student=student[1] if student else "",
        kind=kind,
        taken_on=taken_on,
        score=score,
        problems=tuple(row.problems),
    )
    return preview, checked


async def _checked_rows(
    deps: Deps, actor: Actor, data: bytes
) -> tuple[MockImportPreview, list[_Checked]]:
    await require(actor, Permission.CAREER_MOCK_EXAMS)
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput(
            N_("The file is larger than {limit} MB."),
            field="file",
            limit=MAX_FILE_BYTES // (1024 * 1024),
        )
    rows = await asyncio.to_thread(_read, data)
    if not rows:
        raise InvalidInput(N_("The file has no rows below the column names."), field="file")
    roster = await _roster(actor.organisation_id)
    today = deps.clock.now().date()
    previews: list[PreviewRow] = []
    checked: list[_Checked] = []
    seen: dict[tuple[int, ExamKind, date], int] = {}
    for row in rows:
        preview, good = _check_row(row, roster, today)
        if good is not None:
            key = (good.student_id, good.kind, good.taken_on)
            if key in seen:
                problem = RowProblem(
                    row.number,
                    N_("The same student, exam and date are already in row {row}."),
                    {"row": seen[key]},
                )
                preview = replace_problems(preview, (problem,))
                good = None
            else:
                seen[key] = row.number
                checked.append(good)
        previews.append(preview)
    return MockImportPreview(tuple(previews)), checked


def replace_problems(preview: PreviewRow, problems: tuple[RowProblem, ...]) -> PreviewRow:
    """``preview`` with ``problems`` added."""
    return PreviewRow(
        preview.row,
        preview.student,
        preview.kind,
        preview.taken_on,
        preview.score,
        preview.problems + problems,
    )


async def preview_mock_import(deps: Deps, actor: Actor, *, data: bytes) -> MockImportPreview:
    """Every row of the workbook as it would be imported, each with its problems; nothing
    is written.

    Raises:
        PermissionDenied: the actor may not enter mock exam results.
        InvalidInput: too large, not an .xlsx, a column unknown or missing, no rows.
    """
    preview, _ = await _checked_rows(deps, actor, data)
    return preview


async def import_mock_results(deps: Deps, actor: Actor, *, data: bytes, filename: str) -> int:
    """Add every row of the workbook as a mock exam result, all or nothing; how many.

    Raises:
        PermissionDenied: the actor may not enter mock exam results.
        InvalidInput: too large, not an .xlsx, a column unknown or missing, no rows.
        ImportRejected: some rows are bad; ``problems`` lists each with its row number.
    """
    preview, checked = await _checked_rows(deps, actor, data)
    if not preview.valid:
        raise ImportRejected(preview.problems)
    async with transaction(deps) as tx:
        for good in checked:
            await do_add_result(
                tx,
                actor,
                student_id=good.student_id,
                kind=good.kind,
                taken_on=good.taken_on,
                total=good.total,
                sections=good.sections,
                pair_id=good.pair_id,
            )
        await do_record(
            tx,
            actor,
            action="mock_exam.import",
            object_type="organisation",
            object_id=actor.organisation_id,
            after={"file": filename[:200], "added": len(checked)},
        )
    return len(checked)
