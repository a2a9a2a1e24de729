"""Submissions to programming tasks (issue 10), from the panel or from Telegram, and their
verdicts.

- **Submitting**: anyone who may read a task may submit to it, as often as they like; a
  submission is refused before it is queued when its language is unknown, its source is
  empty, longer than ``MAX_SOURCE_BYTES``, not text (a binary file) or not UTF-8. A UTF-8
  byte order mark is dropped. A flood is cut by a per-person rate limit
  (``SUBMIT_LIMIT``), not by counting attempts. A contest submission is checked against the
  contest's window in ``core.services.contests``.
- **Judging** happens in ``core.services.judge_queue``; ``SubmissionJudged`` goes out when a
  verdict is stored, and a submission from Telegram gets its verdict back there (outbox).
- **Reading**: the author reads their own submissions; a task's writers read every
  submission to their organisation's tasks, with the source.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from datetime import datetime

from limits import parse

from core.actor import Actor
from core.deps import Deps
from core.errors import InvalidInput, NotFound, RateLimited
from core.events import Event
from core.i18n import N_
from core.judge.languages import LANGUAGES
from core.models.judge import ProgramSubmission, SubmissionState, Verdict
from core.models.judge import (
    SubmissionChannel as SubmissionChannel,  # noqa: PLC0414 - re-exported for adapters
)
from core.permissions import Permission, has_permission
from core.services.judge_tasks import access_task
from core.services.lessons import check_id, person_names
from core.tx import transaction

MAX_SOURCE_BYTES = 64 * 1024
SUBMIT_LIMIT = parse("20/minute")
#: Submissions listed on a task's page.
RECENT = 20
#: The name judge workers wait on (``Deps.background``).
JUDGE_WAKE = "judge"

LANGUAGE_LABELS: dict[str, str] = {
    "python": "Python 3",
    "cpp": "C++17 (g++)",
    "java": "Java 17",
    "pascal": "Free Pascal",
}
VERDICT_LABELS: dict[str, str] = {
    Verdict.OK: N_("Accepted"),
    Verdict.WRONG_ANSWER: N_("Wrong answer"),
    Verdict.PRESENTATION_ERROR: N_("Presentation error"),
    Verdict.TIME_LIMIT: N_("Time limit exceeded"),
    Verdict.MEMORY_LIMIT: N_("Memory limit exceeded"),
    Verdict.OUTPUT_LIMIT: N_("Output limit exceeded"),
    Verdict.RUNTIME_ERROR: N_("Runtime error"),
    Verdict.COMPILE_ERROR: N_("Compilation error"),
    Verdict.JUDGE_ERROR: N_("Judge error"),
}
STATE_LABELS: dict[str, str] = {
    SubmissionState.QUEUED: N_("In the queue"),
    SubmissionState.JUDGING: N_("Being judged"),
}
_UNKNOWN_LANGUAGE = N_("Choose one of the languages: Python 3, C++17, Java 17 or Free Pascal.")
_EMPTY = N_("The program is empty. Send the program's source text.")
_TOO_LONG = N_("The program is longer than {limit} KB. Send a shorter source.")
_BINARY = N_(
    "This is not a program's text (it looks like a binary file). Send the source code, "
    "not the compiled program."
)
_NOT_UTF8 = N_("The program's text must be in UTF-8. Save it as UTF-8 and send it again.")
_TOO_MANY = N_("Too many submissions in a minute. Wait a little and send it again.")


@dataclass(frozen=True)
class SubmissionJudged(Event):
    submission_id: int
    task_id: int
    author_id: int
    contest_id: int | None


@dataclass(frozen=True)
class SubmissionRow:
    id: int
    task_id: int
    task_name: str
    author_id: int
    author_name: str
    language: str
    state: str
    verdict: str | None
    failed_test: int | None
    score: int | None
    time_ms: int | None
    memory_kb: int | None
    submitted_at: datetime


@dataclass(frozen=True)
class SubmissionView:
    row: SubmissionRow
    source: str
    compile_log: str
    results: tuple[dict[str, object], ...]
    judge_message: str
    done: bool


def check_language(language: str) -> None:
    """Refuse a language the judge does not know (before the program is asked for).

    Raises:
        InvalidInput: ``language`` is not one of ``LANGUAGE_LABELS``.
    """
    if language not in LANGUAGES:
        raise InvalidInput(_UNKNOWN_LANGUAGE, field="language")


def clean_source(language: str, source: bytes) -> str:
    """The source as text, checked: a known language, not empty, not too long, text in
    UTF-8 (a byte order mark dropped).

    Raises:
        InvalidInput: one of those does not hold; the message says what to fix.
    """
    check_language(language)
    if source.startswith(codecs.BOM_UTF8):
        source = source[len(codecs.BOM_UTF8) :]
    if len(source) > MAX_SOURCE_BYTES:
        raise InvalidInput(_TOO_LONG, field="source", limit=MAX_SOURCE_BYTES // 1024)
    if b"\x00" in source:
        raise InvalidInput(_BINARY, field="source")
    try:
        text = source.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidInput(_NOT_UTF8, field="source") from error
    if not text.strip():
        raise InvalidInput(_EMPTY, field="source")
    return text


async def submit(
    deps: Deps,
    actor: Actor,
    *,
    task_id: int,
    language: str,
    source: bytes,
    channel: SubmissionChannel,
) -> int:
    """Queue the actor's program for practice judging (it stops at the first failing test);
    returns the submission's id.

    Raises:
        NotFound: no such task, or the actor may not read it.
        InvalidInput: the language or the source must be fixed (see ``clean_source``).
        RateLimited: the actor sent too many submissions in a minute.
    """
    await access_task(actor, task_id)
    return await do_queue(
        deps,
        actor,
        task_id=task_id,
        language=language,
        source=source,
        channel=channel,
        contest_id=None,
        all_tests=False,
    )


async def do_queue(
    deps: Deps,
    actor: Actor,
    *,
    task_id: int,
    language: str,
    source: bytes,
    channel: SubmissionChannel,
    contest_id: int | None,
    all_tests: bool,
) -> int:
    """Queue a submission the caller has allowed; returns its id.

    Raises:
        InvalidInput: the language or the source must be fixed (see ``clean_source``).
        RateLimited: the actor sent too many submissions in a minute.
    """
    text = clean_source(language, source)
    if actor.person_id is None:
        raise NotFound()
    if not await deps.limiter.hit(SUBMIT_LIMIT, "judge-submit", str(actor.person_id)):
        raise RateLimited(_TOO_MANY)
    async with transaction(deps) as tx:
        submission = await ProgramSubmission.create(
            organisation_id=actor.organisation_id,
            task_id=task_id,
            author_id=actor.person_id,
            contest_id=contest_id,
            language=language,
            source=text,
            channel=channel,
            all_tests=all_tests,
            submitted_at=tx.now,
        )
    deps.background.wake(JUDGE_WAKE)
    return submission.id


async def _rows(submissions: list[ProgramSubmission]) -> list[SubmissionRow]:
    names = await person_names({submission.author_id for submission in submissions})
    return [
        SubmissionRow(
            id=submission.id,
            task_id=submission.task_id,
            task_name=submission.task.name,
            author_id=submission.author_id,
            author_name=names.get(submission.author_id, ""),
            language=submission.language,
            state=submission.state.value,
            verdict=submission.verdict.value if submission.verdict else None,
            failed_test=submission.failed_test,
            score=submission.score,
            time_ms=submission.time_ms,
            memory_kb=submission.memory_kb,
            submitted_at=submission.submitted_at,
        )
        for submission in submissions
    ]


async def access_submission(actor: Actor, submission_id: int) -> tuple[ProgramSubmission, bool]:
    """The submission, when the actor wrote it or writes tasks in its task's organisation,
    and whether they are such a writer.

    Raises:
        NotFound: no such submission, or the actor may not read it.
    """
    check_id(submission_id)
    submission = await ProgramSubmission.get_or_none(id=submission_id).prefetch_related("task")
    if submission is None:
        raise NotFound()
    writer = submission.task.organisation_id == actor.organisation_id and await has_permission(
        actor, Permission.JUDGE_TASKS_MANAGE
    )
    if writer or submission.author_id == actor.person_id:
        return submission, writer
    raise NotFound()


async def submission_view(actor: Actor, submission_id: int) -> SubmissionView:
    """One submission with its source, compile log and per-test results.

    Raises:
        NotFound: no such submission, or the actor may not read it.
    """
    submission, writer = await access_submission(actor, submission_id)
    (row,) = await _rows([submission])
    return SubmissionView(
        row=row,
        source=submission.source,
        compile_log=submission.compile_log,
        results=tuple(submission.results),
        # The judge's reason is for whoever runs it (it may name the server's folders).
        judge_message=submission.judge_message if writer else "",
        done=submission.state == SubmissionState.DONE,
    )


async def task_submissions(
    actor: Actor, task_id: int, *, everyone: bool = False
) -> list[SubmissionRow]:
    """The newest submissions to a task: the actor's own, or (``everyone``, for the task's
    writers) everybody's.

    Raises:
        NotFound: no such task, or the actor may not read it.
    """
    task, can_edit = await access_task(actor, task_id)
    query = ProgramSubmission.filter(task_id=task.id, contest_id=None)
    if not (everyone and can_edit):
        query = query.filter(author_id=actor.person_id)
    submissions = await query.order_by("-id").limit(RECENT).prefetch_related("task")
    return await _rows(submissions)


#: A page watching a submission looks at its row at least this often (a verdict stored by a
#: judge worker in another process raises no event here).
WATCH_SECONDS = 1.0


def _watch_key(submission_id: int) -> str:
    return f"submission:{submission_id}"


def subscribe(deps: Deps) -> None:
    """Wake the pages watching a submission when its verdict is stored in this process."""

    async def on_judged(event: SubmissionJudged) -> None:
        deps.background.wake(_watch_key(event.submission_id))

    deps.events.subscribe(SubmissionJudged, on_judged)


async def watch_submission(
    deps: Deps, actor: Actor, submission_id: int, *, seen: str | None
) -> SubmissionView:
    """The submission as soon as its state differs from ``seen`` (at once when it already
    does), or after ``WATCH_SECONDS`` unchanged; the panel's live verdict loops on this.

    Raises:
        NotFound: no such submission, or the actor may not read it.
    """
    key = _watch_key(submission_id)
    view = await submission_view(actor, submission_id)
    if view.row.state != seen:
        return view
    try:
        await deps.background.idle(key, at_most=WATCH_SECONDS)
    finally:
        deps.background.release(key)
    return await submission_view(actor, submission_id)
