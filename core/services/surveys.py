"""Surveys: questions an admin or manager sends to an audience, answered in the bot.

- **Building** (``surveys.manage``): a draft has a title, is anonymous or named, and holds up
  to ``QUESTIONS_MAX`` questions of the bank's kinds, unscored — single and multiple choice
  (options without a "correct" mark), true/false (asked as Yes/No), a short free text, a
  number — plus a survey-only **rating** from 1 to 5. Texts are kk/ru/en like the bank's
  (``core.question_kinds.clean_text``); options are checked here (2–10, none repeated).
  ``Survey.questions`` keeps ``{"kind", "text", "body"}``, ``body`` being
  ``{"options": [{"text": Loc}, ...]}`` for the choices and ``{}`` for the rest.
- **Audience**: roles (students, parents, teachers) and/or groups. Roles alone mean everyone
  with that role in the organisation; groups alone mean the groups' current students;
  both mean those roles around the groups — their students, the parents of those
  students, their teachers.
- **Sending** resolves the audience once, under the survey's row lock: one
  ``SurveyRecipient`` per person (everyone asked counts in the response rate) and one
  message with the button "Answer the survey" (``survey:<id>``) for each person linked to
  Telegram, under the dedupe key ``survey:<id>:<person>``. A sent survey is no longer
  edited; closing it stops answers.
- **Answering** is for recipients only, once (the recipient's row is locked while the
  answer is stored). An anonymous survey's ``SurveyResponse`` has no respondent and only
  the local date; the recipient row says that they answered, never what. Answers are not
  audited one by one: a named answer names its author already, and an anonymous one must
  not be linkable, which an audit record written in the same order as the answers would
  make it. Creating, editing, sending and closing are audited.
- **Results** (``surveys.manage`` or ``feedback.view``): counts per option, the average of
  ratings and numbers, the typed answers (named surveys: with names), the response rate.
- **Anonymity needs a crowd**: answers of two or three people are theirs whatever the form
  says (the office knows who was asked, and the first answer is the only one). So an
  anonymous survey is sent only to at least ``ANONYMOUS_MIN`` people, and its results per
  question (counts, averages, typed answers) stay hidden until at least ``ANONYMOUS_MIN``
  have answered, for good if fewer ever do; until then only the number of answers shows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from tortoise.functions import Count
from tortoise.queryset import QuerySet

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound
from core.i18n import N_, gettext_for
from core.models.academics import Enrolment, Group, GroupStatus, GroupTeacher
from core.models.feedback import Survey, SurveyRecipient, SurveyResponse
from core.models.feedback import SurveyStatus as SurveyStatus  # noqa: PLC0414 - for adapters
from core.models.people import Account, Membership, ParentLink
from core.models.testing import QuestionKind
from core.permissions import Permission, has_permission, require
from core.question_kinds import (
    KIND_LABELS,
    MAX_OPTIONS,
    MIN_OPTIONS,
    OPTION_MAX,
    Loc,
    check_answer,
    clean_text,
    localised,
    normalise,
    parse_number,
)
from core.services.audit import do_record
from core.services.feedback import Average, format_rating
from core.services.lessons import check_id, local_today, organisation_zone, person_names
from core.services.outbox import do_enqueue
from core.services.people import Role
from core.tx import transaction

TITLE_MAX = 200
QUESTIONS_MAX = 30
RATING_MIN, RATING_MAX = 1, 5
#: Roles a survey can be sent to.
AUDIENCE_ROLES = (Role.STUDENT, Role.PARENT, Role.TEACHER)
#: An anonymous survey goes to at least this many people, and its answers are shown once
#: at least this many have answered.
ANONYMOUS_MIN = 5


class SurveyKind(StrEnum):
    """The bank's unscored kinds and the survey-only rating from 1 to 5."""

    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    SHORT = "short"
    NUMERIC = "numeric"
    RATING = "rating"


CHOICE_KINDS = frozenset({SurveyKind.SINGLE, SurveyKind.MULTIPLE})
SURVEY_KIND_LABELS: dict[SurveyKind, str] = {
    SurveyKind.SINGLE: KIND_LABELS[QuestionKind.SINGLE],
    SurveyKind.MULTIPLE: KIND_LABELS[QuestionKind.MULTIPLE],
    SurveyKind.TRUE_FALSE: N_("Yes or no"),
    SurveyKind.SHORT: N_("Free text"),
    SurveyKind.NUMERIC: KIND_LABELS[QuestionKind.NUMERIC],
    SurveyKind.RATING: N_("Rating from 1 to 5"),
}
SURVEY_STATUS_LABELS: dict[SurveyStatus, str] = {
    SurveyStatus.DRAFT: N_("Draft"),
    SurveyStatus.SENT: N_("Sent"),
    SurveyStatus.CLOSED: N_("Closed"),
}
YES, NO = N_("Yes"), N_("No")
INVITE_ANONYMOUS = N_(
    "A new survey: “{title}”. It is anonymous: your name is not kept with your answers."
)
INVITE_NAMED = N_("A new survey: “{title}”. Your answers are kept with your name.")
ANSWER_BUTTON = N_("Answer the survey")
NOT_YOURS = N_("This survey was not sent to you.")
CLOSED = N_("This survey is closed.")
ANSWERED = N_("You have answered this survey already.")
NOT_DRAFT = N_("This survey is sent already and cannot be changed.")


def survey_callback(survey_id: int) -> str:
    """The data of the "Answer the survey" button (the bot parses it back).

    Raises:
        Nothing.
    """
    return f"survey:{survey_id}"


# --- plain data --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SurveyQuestion:
    """A question: its kind, its text (language → text) and, for choices, the options."""

    kind: SurveyKind
    text: Loc
    options: tuple[Loc, ...] = ()

    def text_in(self, language: str) -> str:
        return localised(self.text, language)

    def options_in(self, language: str) -> list[str]:
        return [localised(option, language) for option in self.options]


@dataclass(frozen=True)
class Audience:
    roles: tuple[Role, ...] = ()
    group_ids: tuple[int, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.roles and not self.group_ids


@dataclass(frozen=True)
class SurveyView:
    id: int
    title: str
    anonymous: bool
    status: SurveyStatus
    questions: tuple[SurveyQuestion, ...]
    audience: Audience
    groups: tuple[tuple[int, str], ...]
    recipients: int
    answered: int

    @property
    def draft(self) -> bool:
        return self.status is SurveyStatus.DRAFT


@dataclass(frozen=True)
class SendReport:
    """Who a sent survey reached: everyone asked, and how many got it in Telegram."""

    recipients: int
    in_telegram: int


@dataclass(frozen=True)
class SurveyToAnswer:
    """A survey as its recipient answers it."""

    id: int
    title: str
    anonymous: bool
    questions: tuple[SurveyQuestion, ...]


@dataclass(frozen=True)
class OptionCount:
    label: str
    count: int


@dataclass(frozen=True)
class TextAnswer:
    """A typed answer; ``name`` is empty in an anonymous survey."""

    name: str
    text: str


@dataclass(frozen=True)
class QuestionResult:
    """One question's answers, its labels in the reader's language. ``average`` is the
    mean rating or number, written for the reader ("" when there is none)."""

    number: int
    kind: SurveyKind
    text: str
    answered: int
    options: tuple[OptionCount, ...] = ()
    average: str = ""
    texts: tuple[TextAnswer, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class SurveyResults:
    """What was answered; ``withheld``: an anonymous survey with fewer than
    ``ANONYMOUS_MIN`` answers, whose ``questions`` are not shown (empty) yet."""

    survey: SurveyView
    responses: int
    questions: tuple[QuestionResult, ...]
    withheld: bool = False

    @property
    def rate_percent(self) -> int:
        """Who answered among those asked, in whole percent (rounded half up)."""
        asked = self.survey.recipients
        return (200 * self.survey.answered + asked) // (2 * asked) if asked else 0


# --- questions ---------------------------------------------------------------------------------


def _distinct(options: Sequence[Loc]) -> None:
    seen: dict[str, int] = {}
    for number, option in enumerate(options, start=1):
        for value in option.values():
            key = normalise(value)
            if key in seen and seen[key] != number:
                raise InvalidInput(
                    N_("Options {first} and {second} are the same; make each one different."),
                    field="options",
                    first=seen[key],
                    second=number,
                )
            seen.setdefault(key, number)


def clean_question(question: SurveyQuestion) -> SurveyQuestion:
    """A question checked and cleaned: text in at least one language, and for the choices
    2–10 options, none empty or repeated (other kinds keep no options).

    Raises:
        InvalidInput: what to fix.
    """
    try:
        kind = SurveyKind(question.kind)
    except ValueError:
        raise InvalidInput(N_("Choose the kind of question."), field="kind") from None
    text = clean_text(question.text)
    if kind not in CHOICE_KINDS:
        return SurveyQuestion(kind, text)
    if not MIN_OPTIONS <= len(question.options) <= MAX_OPTIONS:
        raise InvalidInput(
            N_("Give from {least} to {most} options."),
            field="options",
            least=MIN_OPTIONS,
            most=MAX_OPTIONS,
        )
    options = tuple(clean_text(o, limit=OPTION_MAX, field="options") for o in question.options)
    _distinct(options)
    return SurveyQuestion(kind, text, options)


def options_from_lines(lines: Mapping[str, str]) -> tuple[Loc, ...]:
    """Options typed one per line, a text box per language: line N of each box is option
    N in that language (a box left empty is a language not given).

    Raises:
        InvalidInput: the boxes that are filled in have different numbers of lines.
    """
    split = {
        language: [line.strip() for line in text.splitlines() if line.strip()]
        for language, text in lines.items()
        if text.strip()
    }
    counts = {len(values) for values in split.values()}
    if len(counts) > 1:
        raise InvalidInput(
            N_("Each language must list the same number of options, one per line."),
            field="options",
        )
    count = counts.pop() if counts else 0
    return tuple(
        {language: values[index] for language, values in split.items()} for index in range(count)
    )


def _stored(question: SurveyQuestion) -> dict[str, Any]:
    body: dict[str, Any] = (
        {"options": [{"text": dict(option)} for option in question.options]}
        if question.kind in CHOICE_KINDS
        else {}
    )
    return {"kind": question.kind.value, "text": dict(question.text), "body": body}


def _loaded(stored: Mapping[str, Any]) -> SurveyQuestion:
    options = tuple(dict(option["text"]) for option in stored.get("body", {}).get("options", []))
    return SurveyQuestion(SurveyKind(stored["kind"]), dict(stored["text"]), options)


def check_survey_answer(question: SurveyQuestion, answer: Mapping[str, Any]) -> dict[str, Any]:
    """An answer to a survey question, checked and cleaned. The shapes are the bank's
    (``{"choice": i}``, ``{"choices": [...]}``, ``{"value": bool}``, ``{"text": "..."}``)
    and, for a rating, ``{"value": 1..5}``. A multiple choice may be left with nothing
    ticked; a text may not be empty.

    Raises:
        InvalidInput: the answer does not fit the question, a text is empty or too long,
            a number is not one.
    """
    if question.kind is SurveyKind.RATING:
        value = answer.get("value")
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput(N_("Choose a rating from 1 to 5."))
        if not RATING_MIN <= value <= RATING_MAX:
            raise InvalidInput(N_("Choose a rating from 1 to 5."))
        return {"value": value}
    body = _stored(question)["body"]
    cleaned = check_answer(QuestionKind(question.kind.value), body, answer)
    if question.kind is SurveyKind.SHORT and not cleaned["text"]:
        raise InvalidInput(N_("Write your answer."))
    return cleaned


# --- building ----------------------------------------------------------------------------------


async def _survey_here(actor: Actor, survey_id: int, *, lock: bool = False) -> Survey:
    check_id(survey_id)
    query = Survey.select_for_update() if lock else Survey
    survey = await query.get_or_none(id=survey_id, organisation_id=actor.organisation_id)
    if survey is None:
        raise NotFound(N_("This survey does not exist or is not open to you."))
    return survey


def _audience(survey: Survey) -> Audience:
    raw = survey.audience or {}
    roles = tuple(
        Role(value) for value in raw.get("roles", []) if value in Role.__members__.values()
    )
    return Audience(roles=roles, group_ids=tuple(int(g) for g in raw.get("group_ids", [])))


async def _views(surveys: Sequence[Survey]) -> list[SurveyView]:
    ids = [survey.id for survey in surveys]
    asked: dict[int, int] = defaultdict(int)
    answered: dict[int, int] = defaultdict(int)
    for row in (
        await SurveyRecipient.filter(survey_id__in=ids)
        .group_by("survey_id", "answered")
        .annotate(n=Count("id"))
        .values("survey_id", "answered", "n")
    ):
        asked[int(row["survey_id"])] += int(row["n"])
        if row["answered"]:
            answered[int(row["survey_id"])] += int(row["n"])
    audiences = {survey.id: _audience(survey) for survey in surveys}
    group_ids = {g for audience in audiences.values() for g in audience.group_ids}
    names = dict(await Group.filter(id__in=sorted(group_ids)).values_list("id", "name"))
    return [
        SurveyView(
            id=survey.id,
            title=survey.title,
            anonymous=survey.anonymous,
            status=SurveyStatus(survey.status),
            questions=tuple(_loaded(q) for q in survey.questions),
            audience=audiences[survey.id],
            groups=tuple((g, str(names[g])) for g in audiences[survey.id].group_ids if g in names),
            recipients=asked[survey.id],
            answered=answered[survey.id],
        )
        for survey in surveys
    ]


async def _view(survey: Survey) -> SurveyView:
    return (await _views([survey]))[0]


#: A change to a locked draft, returning the audit's "before" and "after".
_Change = Callable[[Survey], tuple[dict[str, Any], dict[str, Any]]]


def _clean_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise InvalidInput(N_("Give the survey a title."), field="title")
    if len(title) > TITLE_MAX:
        raise InvalidInput(
            N_("The title may be at most {limit} characters long."), field="title", limit=TITLE_MAX
        )
    return title


async def _may_read(actor: Actor) -> None:
    if not await has_permission(actor, Permission.FEEDBACK_VIEW):
        await require(actor, Permission.SURVEYS_MANAGE)


async def list_surveys(actor: Actor) -> list[SurveyView]:
    """The organisation's surveys, newest first.

    Raises:
        PermissionDenied: neither ``surveys.manage`` nor ``feedback.view``.
    """
    await _may_read(actor)
    surveys = await Survey.filter(organisation_id=actor.organisation_id).order_by("-id")
    return await _views(surveys)


async def access_survey(actor: Actor, survey_id: int) -> SurveyView:
    """One survey, for its editor or a reader of results.

    Raises:
        NotFound: no such survey here.
        PermissionDenied: neither ``surveys.manage`` nor ``feedback.view``.
    """
    await _may_read(actor)
    return await _view(await _survey_here(actor, survey_id))


async def create_survey(deps: Deps, actor: Actor, *, title: str, anonymous: bool) -> SurveyView:
    """A new draft survey, without questions or audience yet.

    Raises:
        PermissionDenied: without ``surveys.manage``.
        InvalidInput: no title, or too long a one.
    """
    await require(actor, Permission.SURVEYS_MANAGE)
    title = _clean_title(title)
    async with transaction(deps) as tx:
        survey = await Survey.create(
            organisation_id=actor.organisation_id,
            title=title,
            anonymous=anonymous,
            questions=[],
            audience={},
            status=SurveyStatus.DRAFT,
            created_by_id=actor.person_id,
            created_at=tx.now,
        )
        await do_record(
            tx,
            actor,
            action="survey.create",
            object_type="survey",
            object_id=survey.id,
            after={"title": title, "anonymous": anonymous},
        )
    return await _view(survey)


async def _edit(
    deps: Deps, actor: Actor, survey_id: int, action: str, change: _Change
) -> SurveyView:
    """Change a draft under its row lock; ``change(survey)`` returns what to audit."""
    await require(actor, Permission.SURVEYS_MANAGE)
    _ = await _survey_here(actor, survey_id)
    async with transaction(deps) as tx:
        survey = await _survey_here(actor, survey_id, lock=True)
        if survey.status != SurveyStatus.DRAFT:
            raise Conflict(NOT_DRAFT)
        before, after = change(survey)
        await survey.save()
        await do_record(
            tx,
            actor,
            action=action,
            object_type="survey",
            object_id=survey.id,
            before=before,
            after=after,
        )
    return await _view(survey)


async def update_survey(
    deps: Deps, actor: Actor, *, survey_id: int, title: str, anonymous: bool
) -> SurveyView:
    """Rename a draft or make it anonymous or named.

    Raises:
        NotFound: no such survey here.
        PermissionDenied: without ``surveys.manage``.
        Conflict: the survey is sent already.
        InvalidInput: no title, or too long a one.
    """
    title = _clean_title(title)

    def change(survey: Survey) -> tuple[dict[str, Any], dict[str, Any]]:
        before = {"title": survey.title, "anonymous": survey.anonymous}
        survey.title, survey.anonymous = title, anonymous
        return before, {"title": title, "anonymous": anonymous}

    return await _edit(deps, actor, survey_id, "survey.update", change)


async def add_survey_question(
    deps: Deps, actor: Actor, *, survey_id: int, question: SurveyQuestion
) -> SurveyView:
    """Add a question at the end of a draft.

    Raises:
        NotFound: no such survey here.
        PermissionDenied: without ``surveys.manage``.
        Conflict: the survey is sent already.
        InvalidInput: the question is not right (what to fix), or the survey has
            ``QUESTIONS_MAX`` questions already.
    """
    cleaned = clean_question(question)

    def change(survey: Survey) -> tuple[dict[str, Any], dict[str, Any]]:
        if len(survey.questions) >= QUESTIONS_MAX:
            raise InvalidInput(
                N_("A survey has at most {most} questions."), field="kind", most=QUESTIONS_MAX
            )
        stored = _stored(cleaned)
        survey.questions = [*survey.questions, stored]
        return {}, {"number": len(survey.questions), "question": stored}

    return await _edit(deps, actor, survey_id, "survey.question_add", change)


async def remove_survey_question(
    deps: Deps, actor: Actor, *, survey_id: int, number: int
) -> SurveyView:
    """Remove question ``number`` (from 1) of a draft.

    Raises:
        NotFound: no such survey here, or no such question.
        PermissionDenied: without ``surveys.manage``.
        Conflict: the survey is sent already.
    """

    def change(survey: Survey) -> tuple[dict[str, Any], dict[str, Any]]:
        if not 1 <= number <= len(survey.questions):
            raise NotFound(N_("This question does not exist any more."))
        removed = survey.questions[number - 1]
        survey.questions = [q for i, q in enumerate(survey.questions, start=1) if i != number]
        return {"number": number, "question": removed}, {}

    return await _edit(deps, actor, survey_id, "survey.question_remove", change)


async def audience_groups(actor: Actor) -> list[tuple[int, str]]:
    """The organisation's active groups a survey can be sent to, by name.

    Raises:
        PermissionDenied: without ``surveys.manage``.
    """
    await require(actor, Permission.SURVEYS_MANAGE)
    rows = (
        await Group.filter(organisation_id=actor.organisation_id, status=GroupStatus.ACTIVE)
        .order_by("name")
        .values_list("id", "name")
    )
    return [(int(group_id), str(name)) for group_id, name in rows]


async def set_survey_audience(
    deps: Deps,
    actor: Actor,
    *,
    survey_id: int,
    roles: Collection[Role],
    group_ids: Collection[int],
) -> SurveyView:
    """Choose who a draft goes to: roles (students, parents, teachers) and/or groups.

    Raises:
        NotFound: no such survey here, or a group not of this organisation.
        PermissionDenied: without ``surveys.manage``.
        Conflict: the survey is sent already.
        InvalidInput: another role, or neither roles nor groups.
    """
    if any(role not in AUDIENCE_ROLES for role in roles):
        raise InvalidInput(N_("A survey goes to students, parents or teachers."), field="roles")
    chosen_roles = [role.value for role in AUDIENCE_ROLES if role in roles]
    chosen_groups = sorted(set(group_ids))
    for group_id in chosen_groups:
        check_id(group_id)
    if not chosen_roles and not chosen_groups:
        raise InvalidInput(N_("Choose who gets the survey: roles, groups or both."), field="roles")
    found = await Group.filter(id__in=chosen_groups, organisation_id=actor.organisation_id).count()
    if found != len(chosen_groups):
        raise NotFound(N_("This group does not exist or is not open to you."))
    audience = {"roles": chosen_roles, "group_ids": chosen_groups}

    def change(survey: Survey) -> tuple[dict[str, Any], dict[str, Any]]:
        before = dict(survey.audience or {})
        survey.audience = audience
        return before, audience

    return await _edit(deps, actor, survey_id, "survey.audience", change)


async def _ids(query: QuerySet[Any], column: str) -> set[int]:
    return {int(row[0]) for row in await query.values_list(column)}


async def _audience_people(organisation_id: int, audience: Audience) -> set[int]:
    roles = set(audience.roles)
    if not audience.group_ids:
        return await _ids(
            Membership.filter(
                organisation_id=organisation_id,
                role__in=[role.value for role in roles],
                archived_at__isnull=True,
            ),
            "person_id",
        )
    groups = list(audience.group_ids)
    roles = roles or {Role.STUDENT}
    students = await _ids(
        Enrolment.filter(group_id__in=groups, active_key__isnull=False), "student_id"
    )
    people: set[int] = set()
    if Role.STUDENT in roles:
        people |= students
    if Role.PARENT in roles and students:
        people |= await _ids(ParentLink.filter(child_id__in=sorted(students)), "parent_id")
    if Role.TEACHER in roles:
        people |= await _ids(GroupTeacher.filter(group_id__in=groups), "teacher_id")
    return people


async def send_survey(deps: Deps, actor: Actor, *, survey_id: int) -> SendReport:
    """Send a draft: everyone in its audience becomes a recipient, and each one linked to
    Telegram gets the message with the "Answer the survey" button, once.

    Raises:
        NotFound: no such survey here.
        PermissionDenied: without ``surveys.manage``.
        Conflict: the survey is sent already.
        InvalidInput: no questions, no audience, nobody in the audience, or fewer than
            ``ANONYMOUS_MIN`` people for an anonymous survey.
    """
    await require(actor, Permission.SURVEYS_MANAGE)
    _ = await _survey_here(actor, survey_id)
    async with transaction(deps) as tx:
        survey = await _survey_here(actor, survey_id, lock=True)
        if survey.status != SurveyStatus.DRAFT:
            raise Conflict(NOT_DRAFT)
        if not survey.questions:
            raise InvalidInput(N_("Add at least one question before sending."))
        audience = _audience(survey)
        if audience.empty:
            raise InvalidInput(N_("Choose who gets the survey before sending it."))
        people = sorted(await _audience_people(survey.organisation_id, audience))  # type: ignore[attr-defined]
        if not people:
            raise InvalidInput(N_("Nobody is in this audience yet. Choose other roles or groups."))
        if survey.anonymous and len(people) < ANONYMOUS_MIN:
            raise InvalidInput(
                N_(
                    "An anonymous survey needs at least {least} people in its audience, or "
                    "the answers would tell who gave them; this audience has {count}. Make "
                    "the survey named or choose more roles or groups."
                ),
                field="roles",
                least=ANONYMOUS_MIN,
                count=len(people),
            )
        await SurveyRecipient.bulk_create(
            [SurveyRecipient(survey_id=survey.id, person_id=person) for person in people]
        )
        linked = sorted(
            await _ids(
                Account.filter(person_id__in=people, telegram_user_id__isnull=False), "person_id"
            )
        )
        for person in linked:
            await do_enqueue(
                tx,
                person_id=person,
                message=INVITE_ANONYMOUS if survey.anonymous else INVITE_NAMED,
                params={"title": survey.title},
                organisation_id=survey.organisation_id,  # type: ignore[attr-defined]
                dedupe_key=f"survey:{survey.id}:{person}",
                buttons=[[(ANSWER_BUTTON, survey_callback(survey.id))]],
            )
        survey.status = SurveyStatus.SENT
        survey.sent_at = tx.now
        await survey.save(update_fields=["status", "sent_at"])
        await do_record(
            tx,
            actor,
            action="survey.send",
            object_type="survey",
            object_id=survey.id,
            after={"recipients": len(people), "in_telegram": len(linked)},
        )
    return SendReport(recipients=len(people), in_telegram=len(linked))


async def close_survey(deps: Deps, actor: Actor, *, survey_id: int) -> SurveyView:
    """Stop taking answers to a sent survey.

    Raises:
        NotFound: no such survey here.
        PermissionDenied: without ``surveys.manage``.
        Conflict: the survey is a draft or closed already.
    """
    await require(actor, Permission.SURVEYS_MANAGE)
    _ = await _survey_here(actor, survey_id)
    async with transaction(deps) as tx:
        survey = await _survey_here(actor, survey_id, lock=True)
        if survey.status != SurveyStatus.SENT:
            raise Conflict(N_("Only a sent survey can be closed."))
        survey.status = SurveyStatus.CLOSED
        await survey.save(update_fields=["status"])
        await do_record(
            tx, actor, action="survey.close", object_type="survey", object_id=survey.id
        )
    return await _view(survey)


# --- answering ---------------------------------------------------------------------------------


async def _as_recipient(actor: Actor, survey_id: int) -> tuple[Survey, SurveyRecipient]:
    """The survey and the actor's recipient row, whichever organisation they work in now
    (the survey was sent to the person).

    Raises:
        NotFound: no such survey, or not sent to the actor.
        Conflict: closed, or answered already.
    """
    check_id(survey_id)
    if actor.person_id is None:
        raise NotFound(NOT_YOURS)
    recipient = await SurveyRecipient.get_or_none(
        survey_id=survey_id, person_id=actor.person_id
    ).prefetch_related("survey")
    if recipient is None or recipient.survey.status == SurveyStatus.DRAFT:
        raise NotFound(NOT_YOURS)
    if recipient.survey.status == SurveyStatus.CLOSED:
        raise Conflict(CLOSED)
    if recipient.answered:
        raise Conflict(ANSWERED)
    return recipient.survey, recipient


async def survey_to_answer(actor: Actor, *, survey_id: int) -> SurveyToAnswer:
    """A survey its recipient is about to answer.

    Raises:
        NotFound: no such survey, or not sent to the actor.
        Conflict: the survey is closed, or the actor answered it already.
    """
    survey, _ = await _as_recipient(actor, survey_id)
    return SurveyToAnswer(
        id=survey.id,
        title=survey.title,
        anonymous=survey.anonymous,
        questions=tuple(_loaded(q) for q in survey.questions),
    )


async def respond_survey(
    deps: Deps, actor: Actor, *, survey_id: int, answers: Sequence[Mapping[str, Any]]
) -> None:
    """Store the actor's answers to every question of a survey sent to them, once. In an
    anonymous survey the answers are kept without the person and with the local date only.

    Raises:
        NotFound: no such survey, or not sent to the actor.
        Conflict: the survey is closed, or the actor answered it already.
        InvalidInput: not one answer per question, or an answer that does not fit.
    """
    survey, _ = await _as_recipient(actor, survey_id)
    questions = [_loaded(q) for q in survey.questions]
    if len(answers) != len(questions):
        raise InvalidInput(N_("Answer every question of the survey."))
    cleaned = [
        check_survey_answer(question, answer)
        for question, answer in zip(questions, answers, strict=True)
    ]
    org_id: int = survey.organisation_id  # type: ignore[attr-defined]
    zone = await organisation_zone(org_id)
    async with transaction(deps) as tx:
        recipient = await SurveyRecipient.select_for_update().get(
            survey_id=survey.id, person_id=actor.person_id
        )
        current = await Survey.get(id=survey.id)
        if current.status != SurveyStatus.SENT:
            raise Conflict(CLOSED)
        if recipient.answered:
            raise Conflict(ANSWERED)
        _ = await SurveyResponse.create(
            survey_id=survey.id,
            respondent_id=None if survey.anonymous else actor.person_id,
            answers=cleaned,
            answered_on=local_today(tx.now, zone),
        )
        recipient.answered = True
        await recipient.save(update_fields=["answered"])


# --- results -----------------------------------------------------------------------------------


def _mean_text(values: Sequence[Decimal], language: str) -> str:
    if not values:
        return ""
    mean = sum(values, Decimal(0)) / len(values)
    hundredths = int((mean * 100).to_integral_value(rounding=ROUND_HALF_UP))
    return format_rating(Average(hundredths, len(values)), language)


def _result(
    number: int,
    question: SurveyQuestion,
    answers: Sequence[tuple[str, Mapping[str, Any] | None]],
    language: str,
) -> QuestionResult:
    kind = question.kind
    text = question.text_in(language)
    given = [(name, answer) for name, answer in answers if answer is not None]

    if kind in CHOICE_KINDS:
        counts = [0] * len(question.options)
        for _, answer in given:
            chosen = [answer["choice"]] if kind is SurveyKind.SINGLE else answer["choices"]
            for index in chosen:
                if 0 <= index < len(counts):
                    counts[index] += 1
        options = tuple(
            OptionCount(label, count)
            for label, count in zip(question.options_in(language), counts, strict=True)
        )
        return QuestionResult(number, kind, text, len(given), options)
    if kind is SurveyKind.TRUE_FALSE:
        yes = sum(1 for _, answer in given if answer["value"] is True)
        options = (
            OptionCount(gettext_for(language, YES), yes),
            OptionCount(gettext_for(language, NO), len(given) - yes),
        )
        return QuestionResult(number, kind, text, len(given), options)
    if kind is SurveyKind.RATING:
        values = [int(answer["value"]) for _, answer in given]
        options = tuple(
            OptionCount(str(n), values.count(n)) for n in range(RATING_MIN, RATING_MAX + 1)
        )
        average = _mean_text([Decimal(v) for v in values], language)
        return QuestionResult(number, kind, text, len(given), options, average)
    texts = [TextAnswer(name, str(answer["text"])) for name, answer in given]
    if not any(answer.name for answer in texts):
        # Anonymous answers in the order given would let someone watching the page as
        # people answer tell whose text came last; alphabetical order tells nothing.
        texts.sort(key=lambda answer: normalise(answer.text))
    average = ""
    if kind is SurveyKind.NUMERIC:
        numbers = [parse_number(str(answer["text"])) for _, answer in given]
        average = _mean_text([n for n in numbers if n is not None], language)
    return QuestionResult(number, kind, text, len(given), (), average, tuple(texts))


async def survey_results(actor: Actor, *, survey_id: int, language: str) -> SurveyResults:
    """What the recipients answered, in ``language``: counts per option (Yes/No, 1–5 for a
    rating), the average of ratings and numbers, typed answers (with names in a named
    survey), and the response rate. An anonymous survey with fewer than ``ANONYMOUS_MIN``
    answers shows only how many there are (``withheld``).

    Raises:
        NotFound: no such survey here.
        PermissionDenied: neither ``surveys.manage`` nor ``feedback.view``.
    """
    view = await access_survey(actor, survey_id)
    rows = (
        await SurveyResponse.filter(survey_id=view.id)
        .order_by("id")
        .values("respondent_id", "answers")
    )
    if view.anonymous and len(rows) < ANONYMOUS_MIN:
        return SurveyResults(survey=view, responses=len(rows), questions=(), withheld=True)
    names = await person_names(int(r["respondent_id"]) for r in rows if r["respondent_id"])
    questions = []
    for index, question in enumerate(view.questions):
        answers = [
            (
                names.get(int(row["respondent_id"]), "") if row["respondent_id"] else "",
                row["answers"][index] if index < len(row["answers"]) else None,
            )
            for row in rows
        ]
        questions.append(_result(index + 1, question, answers, language))
    return SurveyResults(survey=view, responses=len(rows), questions=tuple(questions))
