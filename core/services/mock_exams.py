"""Mock exam results (issue 9): ENT, NUET, SAT and IELTS, their trends, and the ENT outlook.

- **Who enters and reads**: holders of ``career.mock_exams`` (career counsellors, teachers,
  admins) for students of their organisation; a student reads their own results, a parent
  their linked children's. Anyone else gets ``NotFound``, so a result's existence never leaks.
- **Ranges**: ENT — every section of the draft format (``core.career.ent.sections``) from 0
  to its maximum, the total is their sum (0–140), and the profile-subject pair taken; SAT —
  400–1600 in steps of 10; IELTS — a band from 0 to 9 in halves, stored in tenths (6.5 → 65,
  never a float); NUET — no draft describes it, so Sabaq accepts its two sections'
  (mathematics, critical thinking) combined score 0–240, to be checked yearly like the ENT.
- **Outlook**: ``ent_outlook`` sets the latest mock ENT against a programme group's threshold
  (``core.career.ent.feasibility``), preferring a group whose pair the student took.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from core.actor import Actor
from core.career.ent import Feasibility, SubjectPair, check_scores, feasibility, subject_pairs
from core.deps import Deps
from core.errors import InvalidInput, NotFound
from core.i18n import N_
from core.models.career import MockExamResult
from core.models.people import Membership, ParentLink, Person, Role
from core.names import fold, full_name
from core.permissions import Permission, has_permission, require
from core.services.atlas import GroupView
from core.services.audit import do_record
from core.tx import Tx, transaction


class ExamKind(StrEnum):
    ENT = "ent"
    NUET = "nuet"
    SAT = "sat"
    IELTS = "ielts"


EXAM_NAMES: Mapping[ExamKind, str] = {
    ExamKind.ENT: N_("ENT"),
    ExamKind.NUET: N_("NUET"),
    ExamKind.SAT: N_("SAT"),
    ExamKind.IELTS: N_("IELTS"),
}

NUET_MAX = 240
ROSTER_LIMIT = 200
SAT_RANGE = range(400, 1601, 10)
IELTS_TENTHS = range(0, 91, 5)

_MISSING = N_("Not found.")
_BAD_KIND = N_("Choose the exam: ENT, NUET, SAT or IELTS.")
_FUTURE = N_("The exam date cannot be in the future.")
_BAD_PAIR = N_("Choose the pair of profile subjects the student took.")
_ENT_TOTAL = N_("The ENT total is the sum of its sections: {total}.")
_NO_TOTAL = N_("Enter the score.")
_NUET_RANGE = N_("A NUET score is a whole number from 0 to {maximum}.")
_SAT_RANGE = N_("A SAT score is a whole number from 400 to 1600 in steps of 10.")
_IELTS_RANGE = N_("An IELTS band is from 0 to 9 in steps of 0.5.")


@dataclass(frozen=True)
class ResultView:
    id: int
    person_id: int
    kind: ExamKind
    taken_on: date
    total: int  # IELTS in tenths of a band
    sections: Mapping[str, int] | None  # ENT only
    pair: SubjectPair | None  # ENT only

    @property
    def score(self) -> str:
        """The score as people write it: "95", "1350", "6.5"."""
        return score_text(self.kind, self.total)


@dataclass(frozen=True)
class Trend:
    """The latest result of one exam and the one before it."""

    latest: ResultView
    previous: ResultView | None

    @property
    def change(self) -> int | None:
        """Latest minus previous total (IELTS in tenths), ``None`` with one result."""
        return None if self.previous is None else self.latest.total - self.previous.total

    @property
    def change_text(self) -> str:
        """The change as people write it ("+7", "-0.5", "0"), "" with one result."""
        change = self.change
        if change is None:
            return ""
        return ("+" if change > 0 else "") + score_text(self.latest.kind, change)


@dataclass(frozen=True)
class EntOutlook:
    feasibility: Feasibility
    group: GroupView  # the programme group judged against
    taken: SubjectPair | None  # the pair the student took, when the group needs another


def score_text(kind: ExamKind, points: int) -> str:
    """A score or a difference of scores as people write it (IELTS tenths → "6.5")."""
    if kind == ExamKind.IELTS:
        return f"{points // 10}.{points % 10}" if points >= 0 else "-" + score_text(kind, -points)
    return str(points)


def _view(row: MockExamResult) -> ResultView:
    return ResultView(
        id=row.id,
        person_id=row.person_id,  # type: ignore[attr-defined]
        kind=ExamKind(row.kind),
        taken_on=row.taken_on,
        total=row.total,
        sections=row.sections,
        pair=subject_pairs().get(row.pair_id),
    )


def parse_ielts(text: str) -> int:
    """An IELTS band as typed ("6.5", "6,5", "7") in tenths.

    Raises:
        InvalidInput: not a band from 0 to 9 in steps of 0.5 (``field="total"``).
    """
    whole, _, fraction = text.strip().replace(",", ".").partition(".")
    if not whole.isdigit() or (fraction and fraction not in {"0", "5"}):
        raise InvalidInput(_IELTS_RANGE, field="total")
    tenths = int(whole) * 10 + int(fraction or "0")
    if tenths not in IELTS_TENTHS:
        raise InvalidInput(_IELTS_RANGE, field="total")
    return tenths


def check_result(
    kind: ExamKind, total: int | None, sections: Mapping[str, int] | None, pair_id: str
) -> int:
    """The total to store for a result (ranges in the module doc); the ENT's is the sum of
    its sections.

    Raises:
        InvalidInput: a score out of range, a missing ENT section or pair, or an ENT total
            that is not the sum of its sections (``field``: "total", "scores", "pair_id").
    """
    if kind == ExamKind.ENT:
        if sections is None:
            raise InvalidInput(field="scores")
        check_scores(sections)
        if pair_id not in subject_pairs():
            raise InvalidInput(_BAD_PAIR, field="pair_id")
        summed = sum(sections.values())
        if total is not None and total != summed:
            raise InvalidInput(_ENT_TOTAL, field="total", total=summed)
        return summed
    if total is None or isinstance(total, bool):
        raise InvalidInput(_NO_TOTAL, field="total")
    allowed, message = {
        ExamKind.NUET: (range(NUET_MAX + 1), _NUET_RANGE),
        ExamKind.SAT: (SAT_RANGE, _SAT_RANGE),
        ExamKind.IELTS: (IELTS_TENTHS, _IELTS_RANGE),
    }[kind]
    if total not in allowed:
        raise InvalidInput(message, field="total", maximum=NUET_MAX)
    return total


async def _student_here(actor: Actor, student_id: int) -> None:
    if not await Membership.exists(
        person_id=student_id,
        organisation_id=actor.organisation_id,
        role=Role.STUDENT,
        archived_at__isnull=True,
    ):
        raise NotFound(_MISSING)


async def add_result(
    deps: Deps,
    actor: Actor,
    *,
    student_id: int,
    kind: str,
    taken_on: date,
    total: int | None = None,
    sections: Mapping[str, int] | None = None,
    pair_id: str = "",
) -> ResultView:
    """Record a student's mock exam result (ranges in the module doc).

    Args:
        total: the score (IELTS in tenths); for the ENT optional, and if given it must be
            the sum of ``sections``.
        sections: ENT only — every section's score.
        pair_id: ENT only — the profile-subject pair (``core.career.ent.subject_pairs``).

    Raises:
        PermissionDenied: the actor may not enter mock exam results.
        NotFound: no such active student in the actor's organisation.
        InvalidInput: an unknown exam, a date in the future, or a score out of range
            (``field`` names it: "kind", "taken_on", "total", "scores", "pair_id").
    """
    await require(actor, Permission.CAREER_MOCK_EXAMS)
    if kind not in ExamKind.__members__.values():
        raise InvalidInput(_BAD_KIND, field="kind")
    exam = ExamKind(kind)
    if exam != ExamKind.ENT:
        sections, pair_id = None, ""
    checked = check_result(exam, total, sections, pair_id)
    async with transaction(deps) as tx:
        if taken_on > tx.now.date():
            raise InvalidInput(_FUTURE, field="taken_on")
        await _student_here(actor, student_id)
        return await do_add_result(
            tx,
            actor,
            student_id=student_id,
            kind=exam,
            taken_on=taken_on,
            total=checked,
            sections=sections,
            pair_id=pair_id,
        )


async def do_add_result(
    tx: Tx,
    actor: Actor,
    *,
    student_id: int,
    kind: ExamKind,
    taken_on: date,
    total: int,
    sections: Mapping[str, int] | None,
    pair_id: str,
) -> ResultView:
    """Store a result already checked (``check_result``) for a student of the actor's
    organisation, and audit it; no permission check (``add_result``, the Excel import)."""
    row = await MockExamResult.create(
        organisation_id=actor.organisation_id,
        person_id=student_id,
        kind=kind.value,
        taken_on=taken_on,
        total=total,
        sections=dict(sections) if sections is not None else None,
        pair_id=pair_id if kind == ExamKind.ENT else "",
        entered_by_id=actor.person_id,
        created_at=tx.now,
    )
    await do_record(
        tx,
        actor,
        action="mock_exam.add",
        object_type="mock_exam_result",
        object_id=row.id,
        after={"kind": kind.value, "total": total, "taken_on": taken_on.isoformat()},
    )
    return _view(row)


async def _may_read(actor: Actor, student_id: int) -> bool:
    if actor.person_id == student_id and Role.STUDENT in actor.roles:
        return True
    if Role.PARENT in actor.roles and await ParentLink.exists(
        parent_id=actor.person_id, child_id=student_id
    ):
        return True
    if not await has_permission(actor, Permission.CAREER_MOCK_EXAMS):
        return False
    return await Membership.exists(
        person_id=student_id, organisation_id=actor.organisation_id, role=Role.STUDENT
    )


async def student_results(deps: Deps, actor: Actor, *, student_id: int) -> list[ResultView]:
    """A student's mock exam results in this organisation, newest first.

    Raises:
        NotFound: the actor may not read this student's results (or there is no student).
    """
    if not await _may_read(actor, student_id):
        raise NotFound(_MISSING)
    rows = await MockExamResult.filter(
        person_id=student_id, organisation_id=actor.organisation_id
    ).order_by("-taken_on", "-id")
    return [_view(row) for row in rows]


async def my_results(deps: Deps, actor: Actor) -> list[ResultView]:
    """The acting student's own results, newest first (empty for someone with no person).

    Raises:
        NotFound: as ``student_results``.
    """
    if actor.person_id is None:
        return []
    return await student_results(deps, actor, student_id=actor.person_id)


def trends(results: Sequence[ResultView]) -> list[Trend]:
    """Per exam (in ``ExamKind`` order) the latest result and the one before it, given the
    results newest first as ``student_results`` returns them."""
    found: list[Trend] = []
    for kind in ExamKind:
        of_kind = [result for result in results if result.kind == kind]
        if of_kind:
            found.append(Trend(of_kind[0], of_kind[1] if len(of_kind) > 1 else None))
    return found


def ent_outlook(result: ResultView, groups: Sequence[GroupView]) -> EntOutlook | None:
    """How an ENT result stands for an occupation's programme groups: against the first group
    whose pair the student took, else the first group (``taken`` then names their pair);
    ``None`` without groups or for another exam."""
    if result.kind != ExamKind.ENT or result.sections is None:
        return None
    matching = [group for group in groups if result.pair in group.pairs]
    group = matching[0] if matching else next(iter(groups), None)
    if group is None:
        return None
    judged = feasibility(result.sections, threshold=group.threshold, pair=result.pair)
    return EntOutlook(judged, group, None if matching else result.pair)


async def latest_ent(deps: Deps, actor: Actor) -> ResultView | None:
    """The acting student's latest mock ENT result, or ``None``.

    Raises:
        NotFound: as ``student_results``.
    """
    return next(
        (result for result in await my_results(deps, actor) if result.kind == ExamKind.ENT),
        None,
    )


def parse_score(kind: str, text: str) -> int | None:
    """A score as typed in a form for ``kind`` (IELTS "6.5" → 65), ``None`` when empty.

    Raises:
        InvalidInput: not a whole number, or not an IELTS band (``field="total"``).
    """
    text = text.strip()
    if not text:
        return None
    if kind == ExamKind.IELTS:
        return parse_ielts(text)
    if not text.isdecimal() or len(text) > 6:
        raise InvalidInput(_NO_TOTAL, field="total")
    return int(text)


@dataclass(frozen=True)
class StudentChoice:
    id: int
    name: str


@dataclass(frozen=True)
class Roster:
    students: tuple[StudentChoice, ...]
    more: bool  # more students match than are listed: the reader should narrow the search


@dataclass(frozen=True)
class RosterResult:
    result: ResultView
    student: StudentChoice


def _choice(person: Person) -> StudentChoice:
    return StudentChoice(person.id, full_name(person.last_name, person.first_name))


async def roster(
    deps: Deps, actor: Actor, *, query: str = "", limit: int = ROSTER_LIMIT
) -> Roster:
    """The organisation's active students whose names hold every word of ``query``, by
    name, at most ``limit`` of them (a network's thousands do not fit in one list).

    Raises:
        PermissionDenied: the actor may not enter mock exam results.
    """
    await require(actor, Permission.CAREER_MOCK_EXAMS)
    rows = Person.filter(
        memberships__organisation_id=actor.organisation_id,
        memberships__role=Role.STUDENT,
        memberships__archived_at__isnull=True,
    )
    for word in fold(query).split()[:5]:
        rows = rows.filter(search_text__contains=word)
    ids = await rows.distinct().order_by("last_name", "first_name", "id").limit(limit + 1)
    choices = [_choice(row) for row in ids]
    return Roster(tuple(choices[:limit]), more=len(choices) > limit)


async def recent_results(deps: Deps, actor: Actor, *, limit: int = 50) -> list[RosterResult]:
    """The organisation's latest entered results with the student's name, newest first.

    Raises:
        PermissionDenied: the actor may not read mock exam results.
    """
    await require(actor, Permission.CAREER_MOCK_EXAMS)
    rows = (
        await MockExamResult.filter(organisation_id=actor.organisation_id)
        .order_by("-created_at", "-id")
        .limit(limit)
        .prefetch_related("person")
    )
    return [
        RosterResult(
            _view(row),
            StudentChoice(row.person.id, full_name(row.person.last_name, row.person.first_name)),
        )
        for row in rows
    ]
