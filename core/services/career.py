"""Career guidance use cases (issue 9): taking the interest inventory and its suggestions.

Thin over the deterministic core in ``core.career``: this module keeps attempts and answers
(``core.models.career``) and scores and matches with ``core.career.inventory`` and
``core.career.matching``.

- Only a student takes the inventory, and only their own attempt: another person's attempt
  is ``NotFound`` (its existence never leaks), a finished one or an item not asked now is a
  ``Conflict`` with a translated message.
- The form follows the grade: 5–8 the short "what you enjoy" form, 9–11 the full one. No
  model holds a student's grade yet, so the bot asks once; later attempts reuse it.
- ``answer_item`` is idempotent: the same item answered again keeps the last answer (or,
  with ``overwrite=False`` as the bot uses for an old button, is refused and changes
  nothing). The last answer finishes the attempt: it is scored and the result stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from core.actor import Actor
from core.career.inventory import TYPES, Form, Item, Scores, item, items, score
from core.career.matching import JOB_ZONES, Recommendation, recommend
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.i18n import N_
from core.models.career import CareerAnswer, CareerAttempt
from core.models.people import Role
from core.services.audit import do_record
from core.tx import Tx, transaction

GRADES = range(5, 12)
SHORT_FORM_GRADES = range(5, 9)

#: The interest types in words, for the student (name, what it means).
TYPE_NAMES: Mapping[str, str] = {
    "R": N_("Realistic (the doer)"),
    "I": N_("Investigative (the thinker)"),
    "A": N_("Artistic (the creator)"),
    "S": N_("Social (the helper)"),
    "E": N_("Enterprising (the persuader)"),
    "C": N_("Conventional (the organiser)"),
}
TYPE_DESCRIPTIONS: Mapping[str, str] = {
    "R": N_("You like working with your hands, tools, machines, plants or animals."),
    "I": N_("You like finding out how things work, solving problems and experimenting."),
    "A": N_("You like drawing, music, writing and making up something new."),
    "S": N_("You like helping, teaching and looking after people."),
    "E": N_("You like leading, persuading people and starting your own projects."),
    "C": N_("You like order: numbers, records, plans and tidy rules."),
}

#: The aims a student chooses from, in plain words, and the O*NET Job Zones they mean.
AIMS: Mapping[int, tuple[str, frozenset[int]]] = {
    1: (N_("Start working soon after school"), frozenset({1, 2})),
    2: (N_("College"), frozenset({2, 3})),
    3: (N_("University"), frozenset({3, 4})),
    4: (N_("Master's degree or more"), frozenset({4, 5})),
}

ANSWER_LABELS: Mapping[int, str] = {
    1: N_("Strongly dislike"),
    2: N_("Dislike"),
    3: N_("Not sure"),
    4: N_("Like"),
    5: N_("Strongly like"),
}

_ONLY_STUDENTS = N_("The interest inventory is for students.")
_ASK_GRADE = N_("Choose your grade from 5 to 11.")
_FINISHED = N_("This interest inventory is already finished.")
_ALREADY_ANSWERED = N_("That question is already answered.")
_NOT_ASKED = N_("That question is not part of this interest inventory.")
_BAD_ANSWER = N_("An answer is a number from 1 to 5.")
_NO_RESULT = N_("You have not finished the interest inventory yet.")
_BAD_AIM = N_("Choose what you plan to do after school.")
_MISSING = N_("Not found.")


@dataclass(frozen=True)
class AttemptView:
    """An attempt as the student sees it: where they are and, once finished, the result."""

    id: int
    form: Form
    answered: int
    total: int
    current: Item | None  # the next item to answer; None when finished
    finished: bool
    scores: Scores | None  # set when finished


def form_for(grade: int) -> Form:
    """The form for a school grade (5–8 short, 9–11 full).

    Raises:
        InvalidInput: a grade outside 5–11.
    """
    if grade not in GRADES:
        raise InvalidInput(_ASK_GRADE, field="grade")
    return Form.SHORT if grade in SHORT_FORM_GRADES else Form.FULL


def _student(actor: Actor) -> int:
    if actor.person_id is None or Role.STUDENT not in actor.roles:
        raise PermissionDenied(_ONLY_STUDENTS)
    return actor.person_id


async def _answers(attempt: CareerAttempt) -> dict[str, int]:
    return dict(await CareerAnswer.filter(attempt_id=attempt.id).values_list("item_id", "value"))


async def _view(attempt: CareerAttempt, answers: dict[str, int] | None = None) -> AttemptView:
    form = Form(attempt.form)
    if answers is None:
        answers = await _answers(attempt)
    asked = items(form)
    current = next((question for question in asked if question.id not in answers), None)
    finished = attempt.finished_at is not None
    return AttemptView(
        id=attempt.id,
        form=form,
        answered=sum(1 for question in asked if question.id in answers),
        total=len(asked),
        current=None if finished else current,
        finished=finished,
        scores=score(form, answers) if finished else None,
    )


async def start_inventory(deps: Deps, actor: Actor, *, grade: int | None = None) -> AttemptView:
    """The student's unfinished attempt, or a new one (with the grade given, else the
    grade of their last attempt).

    Raises:
        PermissionDenied: the actor is not acting as a student.
        InvalidInput: a new attempt needs a grade (``field="grade"``) and none is known, or
            the grade is outside 5–11.
    """
    person_id = _student(actor)
    async with transaction(deps) as tx:
        unfinished = (
            await CareerAttempt.filter(person_id=person_id, finished_at__isnull=True)
            .order_by("-started_at", "-id")
            .first()
        )
        if unfinished is not None:
            return await _view(unfinished)
        if grade is None:
            last = await CareerAttempt.filter(person_id=person_id).order_by("-id").first()
            if last is None:
                raise InvalidInput(_ASK_GRADE, field="grade")
            grade = last.grade
        form = form_for(grade)
        attempt = await CareerAttempt.create(
            organisation_id=actor.organisation_id,
            person_id=person_id,
            form=form.value,
            grade=grade,
            language="",
            started_at=tx.now,
        )
        await do_record(
            tx,
            actor,
            action="career.start",
            object_type="career_attempt",
            object_id=attempt.id,
            after={"form": form.value, "grade": grade},
        )
    return await _view(attempt)


async def _own(person_id: int, attempt_id: int) -> CareerAttempt:
    # Locked, so two presses at once for one attempt (PostgreSQL) answer one after the other
    # and the second sees the first's answer.
    attempt = await CareerAttempt.select_for_update().get_or_none(id=attempt_id)
    if attempt is None or attempt.person_id != person_id:  # type: ignore[attr-defined]
        raise NotFound(_MISSING)
    return attempt


async def current_item(deps: Deps, actor: Actor) -> AttemptView | None:
    """The student's unfinished attempt with its next item, or ``None``.

    Raises:
        PermissionDenied: the actor is not acting as a student.
    """
    person_id = _student(actor)
    attempt = (
        await CareerAttempt.filter(person_id=person_id, finished_at__isnull=True)
        .order_by("-started_at", "-id")
        .first()
    )
    return None if attempt is None else await _view(attempt)


async def answer_item(
    deps: Deps,
    actor: Actor,
    *,
    attempt_id: int,
    item_id: str,
    value: int,
    language: str = "",
    overwrite: bool = True,
) -> AttemptView:
    """Answer one item of the student's own unfinished attempt; the last one finishes it.

    Args:
        overwrite: an item answered before keeps the new answer; ``False`` refuses it.
        language: the language the student reads the items in (kept with the attempt).

    Raises:
        PermissionDenied: the actor is not acting as a student.
        NotFound: no such attempt of this student.
        Conflict: the attempt is finished, the item is not in its form, or (without
            ``overwrite``) it is answered already.
        InvalidInput: an answer outside 1–5.
    """
    person_id = _student(actor)
    if isinstance(value, bool) or value not in ANSWER_LABELS:
        raise InvalidInput(_BAD_ANSWER, field="value")
    async with transaction(deps) as tx:
        attempt = await _own(person_id, attempt_id)
        if attempt.finished_at is not None:
            raise Conflict(_FINISHED)
        form = Form(attempt.form)
        try:
            asked = item(item_id)
        except InvalidInput:
            raise Conflict(_NOT_ASKED) from None
        if asked.form != form:
            raise Conflict(_NOT_ASKED)
        existing = await CareerAnswer.get_or_none(attempt_id=attempt.id, item_id=item_id)
        if existing is not None and not overwrite:
            raise Conflict(_ALREADY_ANSWERED)
        if existing is None:
            _ = await CareerAnswer.create(
                attempt_id=attempt.id, item_id=item_id, value=value, answered_at=tx.now
            )
        else:
            existing.value = value
            existing.answered_at = tx.now
            await existing.save(update_fields=("value", "answered_at"))
        if language and attempt.language != language:
            attempt.language = language
            await attempt.save(update_fields=("language",))
        answers = await _finish_if_complete(tx, actor, attempt, form)
    return await _view(attempt, answers)


async def _finish_if_complete(
    tx: Tx, actor: Actor, attempt: CareerAttempt, form: Form
) -> dict[str, int]:
    """Score and close the attempt once every item is answered; its answers either way."""
    answers = await _answers(attempt)
    if len(answers) < len(items(form)):
        return answers
    scores = score(form, answers)
    attempt.finished_at = tx.now
    attempt.code = scores.code
    attempt.sums = dict(scores.sums)
    attempt.levels_milli = {kind: round(scores.levels[kind] * 1000) for kind in TYPES}
    attempt.differentiation_milli = round(scores.differentiation * 1000)
    await attempt.save()
    await do_record(
        tx,
        actor,
        action="career.finish",
        object_type="career_attempt",
        object_id=attempt.id,
        after={"code": scores.code},
    )
    return answers


async def latest_result(deps: Deps, actor: Actor) -> AttemptView | None:
    """The student's most recently finished attempt with its scores, or ``None``.

    Raises:
        PermissionDenied: the actor is not acting as a student.
    """
    person_id = _student(actor)
    attempt = (
        await CareerAttempt.filter(person_id=person_id, finished_at__isnull=False)
        .order_by("-finished_at", "-id")
        .first()
    )
    return None if attempt is None else await _view(attempt)


async def recommendations(deps: Deps, actor: Actor, *, job_zone_aim: int) -> Recommendation:
    """Occupations for the student's latest result, for one of ``AIMS``.

    Raises:
        PermissionDenied: the actor is not acting as a student.
        InvalidInput: an aim not in ``AIMS``.
        NotFound: the student has no finished attempt.
    """
    if job_zone_aim not in AIMS:
        raise InvalidInput(_BAD_AIM, field="job_zone_aim")
    result = await latest_result(deps, actor)
    if result is None or result.scores is None:
        raise NotFound(_NO_RESULT)
    zones = AIMS[job_zone_aim][1] & frozenset(JOB_ZONES)
    return recommend(result.scores, job_zones=zones, limit=5)
