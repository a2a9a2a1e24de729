"""Screenings for psychologists (issue 9): assigning PHQ-9/GAD-7, taking them, the results.

- **Who**: only a person acting as a psychologist of the organisation assigns a screening
  and reads results. This is a role check, deliberately not a permission of the roles
  matrix: an admin may change the matrix (and holds every permission by default), and a
  screening's answers are health information a school psychologist keeps even from the
  school's administration. Teachers, admins and the student get ``PermissionDenied`` (and
  another organisation's assignment is ``NotFound``).
- **Assigning** (to one student, or to every student of a group): a student is refused —
  with a sentence saying why and what to do — when their birth date is unknown, when they
  are younger than the instrument's minimum age on the organisation's local date, when they
  are under 18 and "parental consent obtained" was not ticked, or when the same instrument
  is still unfinished for them. One student: the refusal is an ``InvalidInput``; a group:
  the others are assigned and the refused are listed. The tick is stored on each
  assignment with who ticked it and when. A student linked to Telegram gets "your school
  psychologist asks you to fill in a short questionnaire" with a button, through the outbox.
- **Taking it**: the student answers one item at a time, each answer stored at once, so a
  questionnaire left half-way goes on days later; an answer is given once (an old button
  is a ``Conflict``), a value that is not an option is ``InvalidInput``. The last answer
  computes the score and band in the same transaction. What the student's side returns
  (``ScreeningStep``) has no score, band or "critical" in it at all.
- **Critical answers** (PHQ-9 item 9 above 0) open a human task at once, in the answer's
  transaction: a well-being alert (``core.services.wellbeing.do_raise_screening_alert``)
  that the psychologists must acknowledge and that escalates to the admins if they do not.
- **Audit**: assigning, finishing and a psychologist opening a result are recorded, never
  with an answer, a score or a band (admins read the audit trail).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.i18n import N_
from core.models.academics import Enrolment, Group, GroupStatus
from core.models.people import Account, Membership, Person, Role
from core.models.screening import ScreeningAnswer, ScreeningAssignment
from core.names import full_name
from core.screening.instruments import (
    Band,
    Instrument,
    Item,
    Option,
    age_on,
    check_answer,
    instrument,
    is_critical,
    score,
)
from core.services.audit import do_record
from core.services.lessons import check_id, local_today, lock_organisation, organisation_zone
from core.services.outbox import do_enqueue
from core.services.wellbeing import do_raise_screening_alert
from core.tx import Tx, transaction

#: From this age a student consents for themselves; below it a parent's consent is needed.
ADULT_AGE = 18

INVITATION = N_(
    "Your school psychologist asks you to fill in a short questionnaire. It takes a few "
    "minutes, and you can stop and go on later. Your answers are seen only by the "
    "psychologist."
)
START_BUTTON = N_("Fill in the questionnaire")

_ONLY_PSYCHOLOGISTS = N_("Only the organisation's psychologists work with screenings.")
_CHOOSE_ONE = N_("Choose a student or a group.")
_NO_BIRTH_DATE = N_(
    "{student} has no birth date on record, so their age is unknown. Fill in the birth date "
    "on their card, then assign the questionnaire again."
)
_TOO_YOUNG = N_("{student} is {age}; {instrument} is for students from {min_age}.")
_NO_CONSENT = N_(
    "{student} is under 18. Tick “Parental consent obtained” once a parent has agreed."
)
_OPEN_ALREADY = N_("{student} has not yet finished the {instrument} assigned earlier.")
_NOT_A_STUDENT = N_("Choose a student of this organisation.")
_EMPTY_GROUP = N_("The group has no students.")
_FINISHED = N_("This questionnaire is already finished. Thank you!")
_ALREADY_ANSWERED = N_("That question is already answered.")


@dataclass(frozen=True)
class Refusal:
    """A student a screening was not assigned to, and why (an ``N_`` sentence and params)."""

    person_id: int
    student: str
    message: str
    params: Mapping[str, object]


@dataclass(frozen=True)
class AssignReport:
    assigned: tuple[int, ...]  # assignment ids
    refused: tuple[Refusal, ...]
    in_telegram: int  # how many of the assigned were told in Telegram


@dataclass(frozen=True)
class AssignChoices:
    """Whom a psychologist may assign to: (id, name) of students and of active groups."""

    students: tuple[tuple[int, str], ...]
    groups: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class AssignmentView:
    """An assignment as a psychologist sees it; ``total``/``band`` once finished."""

    id: int
    person_id: int
    student: str
    instrument: Instrument
    assigned_at: datetime
    assigned_by: str
    consent_by: str  # "" when no consent was needed
    consent_at: datetime | None
    language: str  # the language the student answered in ("" before the first answer)
    answered: int
    started_at: datetime | None
    finished_at: datetime | None
    total: int | None
    band: Band | None
    critical: bool


@dataclass(frozen=True)
class ResultView:
    assignment: AssignmentView
    answers: tuple[tuple[Item, Option | None], ...]  # every item, with its answer if given


@dataclass(frozen=True)
class ScreeningStep:
    """Where the student is: the next item to answer, or finished. No score, on purpose."""

    assignment_id: int
    instrument_id: str
    stem: Mapping[str, str]
    options: tuple[Option, ...]
    item: Item | None  # None when finished
    answered: int
    total: int

    @property
    def finished(self) -> bool:
        return self.item is None


def _psychologist(actor: Actor) -> int:
    if actor.person_id is None or Role.PSYCHOLOGIST not in actor.roles:
        raise PermissionDenied(_ONLY_PSYCHOLOGISTS)
    return actor.person_id


async def _names(person_ids: Iterable[int]) -> dict[int, str]:
    rows = await Person.filter(id__in=sorted(set(person_ids)) or [0]).values_list(
        "id", "last_name", "first_name"
    )
    return {int(person_id): full_name(last, first) for person_id, last, first in rows}


async def _members(organisation_id: int, role: Role) -> set[int]:
    rows = await Membership.filter(
        organisation_id=organisation_id, role=role, archived_at__isnull=True
    ).values("person_id")
    return {int(row["person_id"]) for row in rows}


async def assign_choices(actor: Actor) -> AssignChoices:
    """The organisation's students and active groups, by name.

    Raises:
        PermissionDenied: the actor is not acting as a psychologist.
    """
    _psychologist(actor)
    names = await _names(await _members(actor.organisation_id, Role.STUDENT))
    groups = (
        await Group.filter(organisation_id=actor.organisation_id, status=GroupStatus.ACTIVE)
        .order_by("name")
        .values_list("id", "name")
    )
    return AssignChoices(
        students=tuple(sorted(names.items(), key=lambda pair: (pair[1], pair[0]))),
        groups=tuple((int(group_id), str(name)) for group_id, name in groups),
    )


async def _group_students(organisation_id: int, group_id: int, today: date) -> list[int]:
    check_id(group_id)
    group = await Group.get_or_none(id=group_id, organisation_id=organisation_id)
    if group is None:
        raise NotFound()
    rows = await Enrolment.filter(group_id=group_id, active_key__isnull=False).values_list(
        "student_id", "starts_on", "ends_on"
    )
    return sorted(
        {
            int(student)
            for student, starts_on, ends_on in rows
            if starts_on <= today and (ends_on is None or today <= ends_on)
        }
    )


def _refusal(
    of: Instrument, person: Person, today: date, consent: bool, open_ids: set[int]
) -> Refusal | None:
    name = full_name(person.last_name, person.first_name)
    params: dict[str, object] = {"student": name, "instrument": of.name}
    message = None
    if person.birth_date is None:
        message = _NO_BIRTH_DATE
    elif (age := age_on(person.birth_date, today)) < of.min_age:
        message = _TOO_YOUNG
        params |= {"age": age, "min_age": of.min_age}
    elif age < ADULT_AGE and not consent:
        message = _NO_CONSENT
    elif person.id in open_ids:
        message = _OPEN_ALREADY
    return None if message is None else Refusal(person.id, name, message, params)


async def assign_screening(
    deps: Deps,
    actor: Actor,
    *,
    instrument_id: str,
    person_id: int | None = None,
    group_id: int | None = None,
    parental_consent: bool = False,
) -> AssignReport:
    """Assign an instrument to one student or to every current student of a group.

    Args:
        parental_consent: the psychologist confirms a parent of each minor agreed; stored
            with who and when on the assignments of students under 18.

    Raises:
        PermissionDenied: the actor is not acting as a psychologist.
        InvalidInput: an unknown instrument, neither or both of student and group, an
            empty group, or (one student) the student is refused — the sentence says why.
        NotFound: no such student or group in this organisation.
    """
    psychologist = _psychologist(actor)
    of = instrument(instrument_id)
    if (person_id is None) == (group_id is None):
        raise InvalidInput(_CHOOSE_ONE, field="person_id")
    async with transaction(deps) as tx:
        # One assignment round at a time per organisation: the "still open" check below
        # then sees every assignment made before it (``open_key`` is the backstop).
        await lock_organisation(actor.organisation_id)
        today = local_today(tx.now, await organisation_zone(actor.organisation_id))
        students = await _members(actor.organisation_id, Role.STUDENT)
        if person_id is not None:
            check_id(person_id)
            if person_id not in students:
                raise NotFound(_NOT_A_STUDENT)
            chosen = [person_id]
        else:
            assert group_id is not None
            chosen = [
                student
                for student in await _group_students(actor.organisation_id, group_id, today)
                if student in students
            ]
            if not chosen:
                raise InvalidInput(_EMPTY_GROUP, field="group_id")
        persons = await Person.filter(id__in=chosen).order_by("last_name", "first_name", "id")
        open_ids = {
            int(row["person_id"])
            for row in await ScreeningAssignment.filter(
                open_key__in=[f"{of.id}:{person}" for person in chosen]
            ).values("person_id")
        }
        refused: list[Refusal] = []
        assigned: list[ScreeningAssignment] = []
        for person in persons:
            refusal = _refusal(of, person, today, parental_consent, open_ids)
            if refusal is not None:
                if person_id is not None:
                    raise InvalidInput(refusal.message, field="person_id", **refusal.params)
                refused.append(refusal)
                continue
            assert person.birth_date is not None
            minor = age_on(person.birth_date, today) < ADULT_AGE
            assigned.append(
                await ScreeningAssignment.create(
                    organisation_id=actor.organisation_id,
                    person_id=person.id,
                    instrument=of.id,
                    group_id=group_id,
                    assigned_by_id=psychologist,
                    assigned_at=tx.now,
                    consent_by_id=psychologist if minor else None,
                    consent_at=tx.now if minor else None,
                    open_key=f"{of.id}:{person.id}",
                )
            )
        in_telegram = await _invite(tx, actor, assigned)
    return AssignReport(
        assigned=tuple(assignment.id for assignment in assigned),
        refused=tuple(refused),
        in_telegram=in_telegram,
    )


async def _invite(tx: Tx, actor: Actor, assigned: list[ScreeningAssignment]) -> int:
    """Audit each assignment and tell the students linked to Telegram; how many were told."""
    people: list[int] = [assignment.person_id for assignment in assigned]  # type: ignore[attr-defined]
    linked = {
        int(row["person_id"])
        for row in await Account.filter(
            person_id__in=people or [0], telegram_user_id__isnull=False
        ).values("person_id")
    }
    for assignment, person_id in zip(assigned, people, strict=True):
        await do_record(
            tx,
            actor,
            action="screening.assign",
            object_type="screening_assignment",
            object_id=assignment.id,
            after={
                "instrument": assignment.instrument,
                "person": person_id,
                "parental_consent": assignment.consent_at is not None,
            },
        )
        if person_id in linked:
            await do_enqueue(
                tx,
                person_id=person_id,
                message=INVITATION,
                organisation_id=actor.organisation_id,
                dedupe_key=f"screening:{assignment.id}",
                buttons=[[(START_BUTTON, screening_callback(assignment.id))]],
            )
    return len(linked)


def screening_callback(assignment_id: int) -> str:
    """The callback data of the invitation's button (the bot's ``ScreeningStart``)."""
    return f"scr:{assignment_id}"


# ------------------------------------------------------------------------------ the student


async def _own(actor: Actor, assignment_id: int) -> ScreeningAssignment:
    check_id(assignment_id)
    # Locked, so two presses at once (PostgreSQL) answer one after the other.
    assignment = await ScreeningAssignment.select_for_update().get_or_none(id=assignment_id)
    if (
        assignment is None or actor.person_id is None or assignment.person_id != actor.person_id  # type: ignore[attr-defined]
    ):
        raise NotFound()
    return assignment


async def _answers(assignment_id: int) -> dict[int, int]:
    rows = await ScreeningAnswer.filter(assignment_id=assignment_id).values_list("item", "value")
    return {int(item): int(value) for item, value in rows}


def _step(assignment: ScreeningAssignment, answers: Mapping[int, int]) -> ScreeningStep:
    of = instrument(assignment.instrument)
    following = None
    if assignment.finished_at is None:
        following = next((entry for entry in of.items if entry.number not in answers), None)
    return ScreeningStep(
        assignment_id=assignment.id,
        instrument_id=of.id,
        stem=of.stem,
        options=of.options,
        item=following,
        answered=len(answers),
        total=len(of.items),
    )


async def open_screening(deps: Deps, actor: Actor, *, assignment_id: int) -> ScreeningStep:
    """The student's own assignment at its next unanswered item (``finished`` when done).

    Raises:
        NotFound: no such assignment of this person.
    """
    async with transaction(deps) as tx:
        assignment = await _own(actor, assignment_id)
        if assignment.started_at is None:
            assignment.started_at = tx.now
            await assignment.save(update_fields=("started_at",))
        answers = await _answers(assignment.id)
    return _step(assignment, answers)


async def answer_screening(
    deps: Deps, actor: Actor, *, assignment_id: int, item: int, value: int, language: str = ""
) -> ScreeningStep:
    """Store the student's answer to one item; a critical one calls a human at once; the
    last one scores the questionnaire.

    Raises:
        InvalidInput: an item the instrument lacks or a value that is not an option.
        NotFound: no such assignment of this person.
        Conflict: the questionnaire is finished, or the item is answered already.
    """
    async with transaction(deps) as tx:
        assignment = await _own(actor, assignment_id)
        of = instrument(assignment.instrument)
        check_answer(of, item, value)
        if assignment.finished_at is not None:
            raise Conflict(_FINISHED)
        answers = await _answers(assignment.id)
        if item in answers:
            raise Conflict(_ALREADY_ANSWERED)
        _ = await ScreeningAnswer.create(
            assignment_id=assignment.id, item=item, value=value, answered_at=tx.now
        )
        answers[item] = value
        changed = ["language"]
        assignment.language = language[:2] or assignment.language
        if assignment.started_at is None:
            assignment.started_at = tx.now
            changed.append("started_at")
        if is_critical(of, item, value) and assignment.critical_at is None:
            assignment.critical_at = tx.now
            changed.append("critical_at")
            # The human task: a well-being alert the psychologists must acknowledge, which
            # escalates to the admins if nobody does (``core.services.wellbeing``).
            await do_raise_screening_alert(
                tx,
                actor,
                organisation_id=assignment.organisation_id,  # type: ignore[attr-defined]
                person_id=assignment.person_id,  # type: ignore[attr-defined]
                assignment_id=assignment.id,
            )
        if len(answers) == len(of.items):
            result = score(of, answers)
            assignment.finished_at = tx.now
            assignment.total = result.total
            assignment.band = result.band.value
            assignment.open_key = None
            changed += ["finished_at", "total", "band", "open_key"]
            await do_record(
                tx,
                actor,
                action="screening.finish",
                object_type="screening_assignment",
                object_id=assignment.id,
            )
        await assignment.save(update_fields=changed)
    return _step(assignment, answers)


# ------------------------------------------------------------------------ the psychologist


async def _views(assignments: list[ScreeningAssignment]) -> list[AssignmentView]:
    ids = [assignment.id for assignment in assignments]
    counts: dict[int, int] = {}
    for row in await ScreeningAnswer.filter(assignment_id__in=ids or [0]).values("assignment_id"):
        counts[int(row["assignment_id"])] = counts.get(int(row["assignment_id"]), 0) + 1
    people: set[int] = set()
    for assignment in assignments:
        people |= {assignment.person_id, assignment.assigned_by_id}  # type: ignore[attr-defined]
        if assignment.consent_by_id is not None:  # type: ignore[attr-defined]
            people.add(assignment.consent_by_id)  # type: ignore[attr-defined]
    names = await _names(people)
    return [
        AssignmentView(
            id=assignment.id,
            person_id=assignment.person_id,  # type: ignore[attr-defined]
            student=names.get(assignment.person_id, ""),  # type: ignore[attr-defined]
            instrument=instrument(assignment.instrument),
            assigned_at=assignment.assigned_at,
            assigned_by=names.get(assignment.assigned_by_id, ""),  # type: ignore[attr-defined]
            consent_by=names.get(assignment.consent_by_id or 0, ""),  # type: ignore[attr-defined]
            consent_at=assignment.consent_at,
            language=assignment.language,
            answered=counts.get(assignment.id, 0),
            started_at=assignment.started_at,
            finished_at=assignment.finished_at,
            total=assignment.total,
            band=Band(assignment.band) if assignment.band else None,
            critical=assignment.critical_at is not None,
        )
        for assignment in assignments
    ]


async def list_screenings(actor: Actor) -> list[AssignmentView]:
    """The organisation's assignments, those with a critical answer first, then newest.

    Raises:
        PermissionDenied: the actor is not acting as a psychologist.
    """
    _psychologist(actor)
    assignments = await ScreeningAssignment.filter(organisation_id=actor.organisation_id).order_by(
        "-assigned_at", "-id"
    )
    views = await _views(list(assignments))
    return sorted(views, key=lambda view: not view.critical)


async def screening_result(deps: Deps, actor: Actor, *, assignment_id: int) -> ResultView:
    """One assignment with every item and its answer; opening it is audited.

    Raises:
        PermissionDenied: the actor is not acting as a psychologist.
        NotFound: no such assignment in this organisation.
    """
    _psychologist(actor)
    check_id(assignment_id)
    assignment = await ScreeningAssignment.get_or_none(
        id=assignment_id, organisation_id=actor.organisation_id
    )
    if assignment is None:
        raise NotFound()
    async with transaction(deps) as tx:
        await do_record(
            tx,
            actor,
            action="screening.read",
            object_type="screening_assignment",
            object_id=assignment.id,
        )
    (view,) = await _views([assignment])
    answers = await _answers(assignment.id)
    options = {option.value: option for option in view.instrument.options}
    return ResultView(
        assignment=view,
        answers=tuple(
            (entry, options.get(answers[entry.number]) if entry.number in answers else None)
            for entry in view.instrument.items
        ),
    )
