"""Contests (olympiads) of programming tasks (issue 10): ICPC or IOI scoring, a live
scoreboard that can be frozen for the last minutes, virtual participation after the end,
and monitoring by school and by problem.

- **Organising** (``judge.contests.manage``): a contest of the organisation's tasks, with its
  start and end in the organisation's local time (stored in UTC), the ICPC penalty and the
  freeze. The organiser unfreezes the scoreboard after the end (``unfreeze``).
- **Taking part**: a student of the organisation or of one below it (a district's
  olympiad takes every school's students) enters, and takes part for their school. Entering
  after the end starts a virtual participation of the contest's length from that moment.
  Submissions are judged on every test (olympiad mode) and accepted only inside one's
  window: before the start and after the end they are refused with a message saying which.
  During the freeze a participant still sees their own verdicts; the scoreboard hides
  everyone's results from the others.
- **Scoreboard** and **monitoring** are computed by ``core.judge.scoreboard`` from the
  submissions; the organiser sees the board unfrozen.
- **Audit**: ``judge.contest_create``, ``judge.contest_unfreeze``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.exceptions import IntegrityError

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound
from core.i18n import N_
from core.judge.scoreboard import (
    Attempt,
    ContestRules,
    Monitoring,
    Participant,
    Scoreboard,
    build_scoreboard,
    monitoring,
)
from core.models.judge import (
    Contest,
    ContestEntry,
    ContestProblem,
    ProgrammingTask,
    ProgramSubmission,
    SubmissionChannel,
    SubmissionState,
)
from core.models.judge import ContestKind as ContestKind  # noqa: PLC0414 - for adapters
from core.models.org import Organisation
from core.models.people import Role
from core.permissions import Permission, has_permission, require
from core.services.audit import do_record
from core.services.judge_tasks import TaskView, reader_view
from core.services.lessons import check_id, person_names
from core.services.orgs import is_within, local_time, organisations_above
from core.services.submissions import do_queue
from core.tx import transaction

MAX_PROBLEMS = 26
MAX_HOURS = 14 * 24
_TIMES = N_("A contest ends after it starts, and lasts at most {days} days.")
_PENALTY = N_("The penalty is from 0 to 120 minutes per rejected attempt.")
_FREEZE = N_("The scoreboard freezes for at most the contest's length.")
_PROBLEMS = N_("Choose from 1 to {limit} tasks of your organisation.")
_NAME = N_("Give the contest a name.")
_NOT_STARTED = N_("The contest has not started yet. It starts at {time}.")
_OVER = N_("The contest is over. You can take part in it virtually from its page.")
_VIRTUAL_OVER = N_("Your virtual participation is over: it lasts as long as the contest.")
_NOT_ENTERED = N_("Enter the contest first.")
_NOT_A_STUDENT = N_("Only students take part in contests.")
_NOT_OVER = N_("The scoreboard can be unfrozen only after the contest ends.")


@dataclass(frozen=True)
class ContestForm:
    name: str
    kind: ContestKind
    starts_at: datetime
    ends_at: datetime
    penalty_minutes: int
    freeze_minutes: int | None
    task_ids: tuple[int, ...]


@dataclass(frozen=True)
class ProblemRow:
    label: str
    task_id: int
    name: str


@dataclass(frozen=True)
class ContestView:
    id: int
    name: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    penalty_minutes: int
    freeze_minutes: int | None
    frozen: bool
    problems: tuple[ProblemRow, ...]
    is_organiser: bool
    entry_start: datetime | None  # when the viewer's own participation starts
    virtual: bool
    state: str  # "before", "running", "over"
    #: When the public scoreboard stops showing results (None: no freeze, or unfrozen).
    freeze_at: datetime | None = None


@dataclass(frozen=True)
class ContestRow:
    id: int
    name: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    state: str  # "before", "running", "over"


@dataclass(frozen=True)
class ContestSubmission:
    """One of the viewer's own submissions to a contest, with its problem's letter."""

    id: int
    label: str
    task_id: int
    language: str
    state: str
    verdict: str | None
    failed_test: int | None
    score: int | None
    submitted_at: datetime


def label_of(position: int) -> str:
    """A problem's letter in the contest: A, B, …, Z."""
    return chr(ord("A") + position)


def _check_form(form: ContestForm) -> None:
    if not form.name.strip():
        raise InvalidInput(_NAME, field="name")
    if not form.starts_at < form.ends_at <= form.starts_at + timedelta(hours=MAX_HOURS):
        raise InvalidInput(_TIMES, field="ends_at", days=MAX_HOURS // 24)
    if not 0 <= form.penalty_minutes <= 120:
        raise InvalidInput(_PENALTY, field="penalty_minutes")
    length = (form.ends_at - form.starts_at).total_seconds() / 60
    if form.freeze_minutes is not None and not 0 < form.freeze_minutes <= length:
        raise InvalidInput(_FREEZE, field="freeze_minutes")
    if not 0 < len(set(form.task_ids)) <= MAX_PROBLEMS:
        raise InvalidInput(_PROBLEMS, field="task_ids", limit=MAX_PROBLEMS)


async def create_contest(deps: Deps, actor: Actor, *, form: ContestForm) -> int:
    """Store a contest of the organisation's tasks, in the order given; returns its id.

    Raises:
        PermissionDenied: the actor may not organise contests.
        InvalidInput: a value to fix (times, penalty, freeze, tasks).
    """
    await require(actor, Permission.CONTESTS_MANAGE)
    _check_form(form)
    task_ids = tuple(dict.fromkeys(form.task_ids))
    found = await ProgrammingTask.filter(
        id__in=task_ids, organisation_id=actor.organisation_id
    ).count()
    if found != len(task_ids):
        raise InvalidInput(_PROBLEMS, field="task_ids", limit=MAX_PROBLEMS)
    async with transaction(deps) as tx:
        contest = await Contest.create(
            organisation_id=actor.organisation_id,
            name=form.name.strip(),
            kind=form.kind,
            starts_at=form.starts_at,
            ends_at=form.ends_at,
            penalty_minutes=form.penalty_minutes,
            freeze_minutes=form.freeze_minutes,
            created_by_id=actor.person_id,
            created_at=tx.now,
        )
        await ContestProblem.bulk_create(
            [
                ContestProblem(contest_id=contest.id, task_id=task_id, position=position)
                for position, task_id in enumerate(task_ids)
            ],
        )
        await do_record(
            tx,
            actor,
            action="judge.contest_create",
            object_type="contest",
            object_id=contest.id,
            after={"name": contest.name, "kind": form.kind.value, "tasks": list(task_ids)},
        )
    return contest.id


async def _is_organiser(actor: Actor, contest: Contest) -> bool:
    return contest.organisation_id == actor.organisation_id and await has_permission(
        actor, Permission.CONTESTS_MANAGE
    )


async def access_contest(actor: Actor, contest_id: int) -> tuple[Contest, bool]:
    """The contest and whether the actor organises it. Its organisers and the people of its
    organisation and those below it may open it.

    Raises:
        NotFound: no such contest, or the actor may not open it.
    """
    check_id(contest_id)
    contest = await Contest.get_or_none(id=contest_id)
    if contest is None:
        raise NotFound()
    if await _is_organiser(actor, contest):
        return contest, True
    if await is_within(actor.organisation_id, contest.organisation_id):
        return contest, False
    raise NotFound()


def _frozen(contest: Contest) -> bool:
    return contest.freeze_minutes is not None and contest.unfrozen_at is None


def _state(contest: Contest, now: datetime) -> str:
    if now < contest.starts_at:
        return "before"
    return "running" if now < contest.ends_at else "over"


async def contest_view(deps: Deps, actor: Actor, contest_id: int) -> ContestView:
    """The contest's page: times, problems (hidden from participants before the start) and
    the viewer's own participation.

    Raises:
        NotFound: no such contest, or the actor may not open it.
    """
    contest, organiser = await access_contest(actor, contest_id)
    now = deps.clock.now()
    entry = (
        await ContestEntry.get_or_none(contest_id=contest.id, person_id=actor.person_id)
        if actor.person_id is not None
        else None
    )
    show_problems = organiser or (entry is not None and now >= _start_of(contest, entry))
    problems = (
        await ContestProblem.filter(contest_id=contest.id)
        .order_by("position")
        .prefetch_related("task")
        if show_problems
        else []
    )
    return ContestView(
        id=contest.id,
        name=contest.name,
        kind=contest.kind.value,
        starts_at=contest.starts_at,
        ends_at=contest.ends_at,
        penalty_minutes=contest.penalty_minutes,
        freeze_minutes=contest.freeze_minutes,
        frozen=_frozen(contest),
        problems=tuple(
            ProblemRow(
                label=label_of(problem.position), task_id=problem.task_id, name=problem.task.name
            )
            for problem in problems
        ),
        is_organiser=organiser,
        entry_start=_start_of(contest, entry) if entry is not None else None,
        virtual=entry is not None and entry.virtual_start is not None,
        state=_state(contest, now),
        freeze_at=_freeze_at(contest),
    )


def _freeze_at(contest: Contest) -> datetime | None:
    if not _frozen(contest) or contest.freeze_minutes is None:
        return None
    return contest.ends_at - timedelta(minutes=contest.freeze_minutes)


def _start_of(contest: Contest, entry: ContestEntry) -> datetime:
    return entry.virtual_start or contest.starts_at


async def list_contests(deps: Deps, actor: Actor) -> list[ContestRow]:
    """Contests the actor may open, newest first: their organisation's and those of the
    organisations above it."""
    chain = await organisations_above(actor.organisation_id)
    now = deps.clock.now()
    return [
        ContestRow(
            id=contest.id,
            name=contest.name,
            kind=contest.kind.value,
            starts_at=contest.starts_at,
            ends_at=contest.ends_at,
            state=_state(contest, now),
        )
        for contest in await Contest.filter(organisation_id__in=chain).order_by(
            "-starts_at", "-id"
        )
    ]


async def enter_contest(deps: Deps, actor: Actor, *, contest_id: int) -> None:
    """Take part for one's school; after the end, a virtual participation from now.
    Entering twice changes nothing.

    Raises:
        NotFound: no such contest, or the actor may not open it.
        Conflict: the actor is not a student.
    """
    contest, _ = await access_contest(actor, contest_id)
    if Role.STUDENT not in actor.roles or actor.person_id is None:
        raise Conflict(_NOT_A_STUDENT)
    try:
        async with transaction(deps) as tx:
            _ = await ContestEntry.create(
                contest_id=contest.id,
                person_id=actor.person_id,
                school_id=actor.organisation_id,
                virtual_start=tx.now if tx.now >= contest.ends_at else None,
                created_at=tx.now,
            )
    except IntegrityError:
        return


async def submit_to_contest(
    deps: Deps,
    actor: Actor,
    *,
    contest_id: int,
    task_id: int,
    language: str,
    source: bytes,
    channel: SubmissionChannel,
) -> int:
    """Queue a contest submission, judged on every test; returns its id.

    Raises:
        NotFound: no such contest or problem in it, or the actor may not open it.
        Conflict: the actor has not entered, or their window has not opened or has closed.
        InvalidInput: the language or the source must be fixed.
        RateLimited: too many submissions in a minute.
    """
    contest, _ = await access_contest(actor, contest_id)
    check_id(task_id)
    if not await ContestProblem.exists(contest_id=contest.id, task_id=task_id):
        raise NotFound()
    entry = await ContestEntry.get_or_none(contest_id=contest.id, person_id=actor.person_id)
    if entry is None:
        raise Conflict(_NOT_ENTERED)
    start = _start_of(contest, entry)
    now = deps.clock.now()
    if now < start:
        timezone = (
            await Organisation.filter(id=contest.organisation_id)
            .first()
            .values_list("timezone", flat=True)
        )
        local = local_time(start, str(timezone or "UTC"))
        raise Conflict(_NOT_STARTED, time=local.strftime("%d.%m.%Y %H:%M"))
    if now >= start + (contest.ends_at - contest.starts_at):
        raise Conflict(_VIRTUAL_OVER if entry.virtual_start is not None else _OVER)
    return await do_queue(
        deps,
        actor,
        task_id=task_id,
        language=language,
        source=source,
        channel=channel,
        contest_id=contest.id,
        all_tests=True,
    )


async def contest_task(deps: Deps, actor: Actor, contest_id: int, task_id: int) -> TaskView:
    """A contest problem's statement and sample tests for its organisers, and for a
    participant once their window has started (the task need not be published). The hidden
    tests are never part of it.

    Raises:
        NotFound: no such contest or problem in it, the actor may not open it, or the
            actor's window has not started (or they have not entered).
    """
    contest, organiser = await access_contest(actor, contest_id)
    check_id(task_id)
    problem = await ContestProblem.get_or_none(contest_id=contest.id, task_id=task_id)
    if problem is None:
        raise NotFound()
    if not organiser:
        entry = await ContestEntry.get_or_none(contest_id=contest.id, person_id=actor.person_id)
        if entry is None or deps.clock.now() < _start_of(contest, entry):
            raise NotFound()
    return await reader_view(await ProgrammingTask.get(id=task_id))


async def contest_submissions(actor: Actor, contest_id: int) -> list[ContestSubmission]:
    """The actor's own submissions to the contest, newest first.

    Raises:
        NotFound: no such contest, or the actor may not open it.
    """
    contest, _ = await access_contest(actor, contest_id)
    if actor.person_id is None:
        return []
    positions = dict(
        await ContestProblem.filter(contest_id=contest.id).values_list("task_id", "position")
    )
    submissions = await ProgramSubmission.filter(
        contest_id=contest.id, author_id=actor.person_id
    ).order_by("-id")
    return [
        ContestSubmission(
            id=submission.id,
            label=label_of(int(positions.get(submission.task_id, 0))),
            task_id=submission.task_id,
            language=submission.language,
            state=submission.state.value,
            verdict=submission.verdict.value if submission.verdict else None,
            failed_test=submission.failed_test,
            score=submission.score,
            submitted_at=submission.submitted_at,
        )
        for submission in submissions
    ]


def _name_in(organisation: Organisation, language: str) -> str:
    preferred = str(getattr(organisation, f"name_{language}", ""))
    return preferred or organisation.name_ru or organisation.name_kk or organisation.name_en


async def _standing_data(
    contest: Contest, language: str
) -> tuple[ContestRules, list[Participant], list[Attempt]]:
    problems = await ContestProblem.filter(contest_id=contest.id).order_by("position")
    entries = await ContestEntry.filter(contest_id=contest.id)
    names = await person_names(entry.person_id for entry in entries)
    schools = {
        school.id: _name_in(school, language)
        for school in await Organisation.filter(id__in={entry.school_id for entry in entries})
    }
    participants = [
        Participant(
            id=entry.person_id,
            name=names.get(entry.person_id, ""),
            school=str(schools.get(entry.school_id, "")),
            virtual_start=entry.virtual_start,
        )
        for entry in entries
    ]
    submissions = await ProgramSubmission.filter(
        contest_id=contest.id, state=SubmissionState.DONE
    ).order_by("submitted_at", "id")
    attempts = [
        Attempt(
            participant_id=submission.author_id,
            problem_id=submission.task_id,
            at=submission.submitted_at,
            verdict=submission.verdict.value if submission.verdict else "judge_error",
            score=submission.score,
            subtask_scores=submission.subtask_scores or None,
        )
        for submission in submissions
    ]
    rules = ContestRules(
        kind=contest.kind.value,
        start=contest.starts_at,
        end=contest.ends_at,
        penalty_minutes=contest.penalty_minutes,
        freeze_minutes=contest.freeze_minutes,
        frozen=_frozen(contest),
        problems=tuple(problem.task_id for problem in problems),
    )
    return rules, participants, attempts


async def scoreboard(
    deps: Deps, actor: Actor, contest_id: int, *, language: str = "ru"
) -> Scoreboard:
    """The contest's standings as the actor may see them (frozen for all but organisers);
    schools are named in ``language``.

    Raises:
        NotFound: no such contest, or the actor may not open it.
    """
    contest, organiser = await access_contest(actor, contest_id)
    rules, participants, attempts = await _standing_data(contest, language)
    return build_scoreboard(
        rules, participants, attempts, now=deps.clock.now(), viewer_is_organiser=organiser
    )


async def contest_monitoring(
    deps: Deps, actor: Actor, contest_id: int, *, language: str = "ru"
) -> Monitoring:
    """Solved counts per school and time and attempts per problem (organisers only);
    schools are named in ``language``.

    Raises:
        NotFound: no such contest, or the actor does not organise it.
    """
    contest, organiser = await access_contest(actor, contest_id)
    if not organiser:
        raise NotFound()
    rules, participants, attempts = await _standing_data(contest, language)
    return monitoring(rules, participants, attempts)


async def unfreeze(deps: Deps, actor: Actor, *, contest_id: int) -> None:
    """Show everyone the final standings.

    Raises:
        NotFound: no such contest, or the actor does not organise it.
        Conflict: the contest has not ended.
    """
    contest, organiser = await access_contest(actor, contest_id)
    if not organiser:
        raise NotFound()
    now = deps.clock.now()
    if now < contest.ends_at:
        raise Conflict(_NOT_OVER)
    async with transaction(deps) as tx:
        await Contest.filter(id=contest.id).update(unfrozen_at=now)
        await do_record(
            tx,
            actor,
            action="judge.contest_unfreeze",
            object_type="contest",
            object_id=contest.id,
        )
