"""The judge queue (issue 10): queued submissions are claimed one at a time by judge
workers, judged in the sandbox and given their verdict.

The queue is the ``submission`` table itself: a worker claims the oldest queued submission
(or one whose claim ran out: its worker died) with one conditional ``UPDATE``, so two
workers never judge the same submission, on SQLite and PostgreSQL alike, and a verdict is
stored only by the claim that is still current (``attempt`` fences it). Judging itself runs
in sandboxed processes (``core.judge``), so ``workers`` concurrent loops keep that many cores
busy; ``sabaq run`` starts them in its process and ``sabaq judge`` runs them alone, as many
processes as a machine needs.

After a verdict: ``SubmissionJudged`` goes out (the panel's live pages and the scoreboard
follow it), and a submission sent from Telegram gets its verdict back there.
"""

from __future__ import annotations

import asyncio
import logging
import os
import stat
import tempfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from tortoise.expressions import F, Q

from core.config import Settings
from core.deps import Deps
from core.i18n import N_
from core.judge.judging import JudgeReport, judge
from core.judge.languages import prepare_toolchains
from core.judge.sandbox import SandboxUnavailable
from core.models.judge import (
    ProgrammingTask,
    ProgramSubmission,
    SubmissionChannel,
    SubmissionState,
)
from core.models.people import Account
from core.services.judge_tasks import load_package, pick_title
from core.services.outbox import do_enqueue
from core.services.submissions import JUDGE_WAKE, SubmissionJudged
from core.tx import transaction

log = logging.getLogger(__name__)

#: How long a claim holds before another worker may take the submission over.
CLAIM_FOR = timedelta(minutes=5)
#: A worker with nothing to do looks at the queue again this often (other processes' work).
IDLE_SECONDS = 2.0
#: A submission whose judging broke this many times gets a judge error instead of a retry.
MAX_ATTEMPTS = 3

TELEGRAM_VERDICTS: dict[str, str] = {
    "ok": N_("«{task}», submission {id}: accepted. All tests passed."),
    "wrong_answer": N_("«{task}», submission {id}: wrong answer on test {test}."),
    "presentation_error": N_("«{task}», submission {id}: presentation error on test {test}."),
    "time_limit": N_("«{task}», submission {id}: time limit exceeded on test {test}."),
    "memory_limit": N_("«{task}», submission {id}: memory limit exceeded on test {test}."),
    "output_limit": N_("«{task}», submission {id}: output limit exceeded on test {test}."),
    "runtime_error": N_("«{task}», submission {id}: runtime error on test {test}."),
    "compile_error": N_("«{task}», submission {id}: compilation error. The compiler said:\n{log}"),
    "judge_error": N_(
        "«{task}», submission {id}: the judge could not check it. Your teacher has been "
        "told; send it again later."
    ),
}
#: Compiler output quoted in a Telegram message (the whole log is on the web page).
TELEGRAM_LOG_CHARS = 1500


@dataclass(frozen=True)
class Claim:
    submission_id: int
    attempt: int


async def claim_next(deps: Deps) -> Claim | None:
    """Take the oldest submission waiting for a verdict, or ``None`` when none waits."""
    while True:
        now = deps.clock.now()
        waiting = Q(state=SubmissionState.QUEUED) | Q(
            state=SubmissionState.JUDGING, claimed_until__lt=now
        )
        candidate = await ProgramSubmission.filter(waiting).order_by("id").first()
        if candidate is None:
            return None
        taken = await ProgramSubmission.filter(Q(id=candidate.id) & waiting).update(
            state=SubmissionState.JUDGING,
            claimed_until=now + CLAIM_FOR,
            attempt=F("attempt") + 1,
        )
        if taken:
            return Claim(submission_id=candidate.id, attempt=candidate.attempt + 1)


async def _telegram_params(
    task: ProgrammingTask, submission: ProgramSubmission, report: JudgeReport
) -> dict[str, object]:
    # The message is translated at delivery, its parameters are not: the task's title is
    # taken in the language the author chose in the bot (the statement's first otherwise).
    chosen = await Account.filter(person_id=submission.author_id).values_list("language")
    language = str(chosen[0][0] or "") if chosen else ""
    titles = {code: str(data.get("title", "")) for code, data in task.statements.items()}
    return {
        "task": pick_title(titles, language, task.name),
        "id": submission.id,
        "test": report.failed_test or 0,
        "log": report.compile_log[:TELEGRAM_LOG_CHARS],
    }


async def store_report(deps: Deps, claim: Claim, report: JudgeReport) -> None:
    """Store a verdict, when ``claim`` still holds the submission (trusted: the worker)."""
    async with transaction(deps) as tx:
        stored = await ProgramSubmission.filter(
            id=claim.submission_id, attempt=claim.attempt, state=SubmissionState.JUDGING
        ).update(
            state=SubmissionState.DONE,
            verdict=report.verdict,
            failed_test=report.failed_test,
            score=report.score,
            subtask_scores=report.subtask_scores,
            time_ms=report.time_ms,
            memory_kb=report.memory_kb,
            results=report.results,
            compile_log=report.compile_log,
            judge_message=report.judge_message[:300],
            claimed_until=None,
            judged_at=tx.now,
        )
        if not stored:
            return  # the claim ran out and another worker owns the submission now
        submission = await ProgramSubmission.get(id=claim.submission_id)
        task = await ProgrammingTask.get(id=submission.task_id)
        if submission.channel == SubmissionChannel.TELEGRAM:
            await do_enqueue(
                tx,
                person_id=submission.author_id,
                message=TELEGRAM_VERDICTS[report.verdict],
                params=await _telegram_params(task, submission, report),
                organisation_id=submission.organisation_id,
            )
        tx.emit(
            SubmissionJudged(
                organisation_id=submission.organisation_id,
                submission_id=submission.id,
                task_id=submission.task_id,
                author_id=submission.author_id,
                contest_id=submission.contest_id,
            )
        )


def toolchain_cache(settings: Settings) -> Path:
    """The folder of prepared toolchains, checked to be ours alone: compiles trust what is
    in it (a precompiled header is code), so one another user could write to is refused.

    Raises:
        SandboxUnavailable: the folder belongs to someone else or others may write to it.
    """
    root = settings.judge_cache_dir or Path(tempfile.gettempdir()) / f"sabaq-judge-{os.getuid()}"
    try:
        root.mkdir(mode=0o755, parents=True, exist_ok=True)
        info = root.lstat()
    except OSError as error:
        raise SandboxUnavailable(
            f"cannot make the judge's toolchain folder {root}: {error}."
        ) from error
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o022:
        raise SandboxUnavailable(
            f"the judge's toolchain folder {root} must be a folder of this user that no one "
            "else may write to."
        )
    return root


async def judge_claimed(deps: Deps, claim: Claim) -> None:
    """Judge one claimed submission and store its verdict (trusted: the worker)."""
    if claim.attempt > MAX_ATTEMPTS:
        message = f"judging failed {MAX_ATTEMPTS} times; see the judge's log"
        await store_report(deps, claim, JudgeReport(verdict="judge_error", judge_message=message))
        return
    submission = await ProgramSubmission.get(id=claim.submission_id)
    task = await ProgrammingTask.get(id=submission.task_id)
    package = await load_package(task)
    try:
        cache_dir = toolchain_cache(deps.settings)
        await prepare_toolchains(cache_dir)
    except SandboxUnavailable as error:
        log.error("judge refused to run: %s", error.reason)
        report = JudgeReport(verdict="judge_error", judge_message=error.reason)
    else:
        report = await judge(
            package,
            language=submission.language,
            source=submission.source.encode(),
            all_tests=submission.all_tests,
            cache_dir=cache_dir,
        )
    await store_report(deps, claim, report)


async def judge_pending(deps: Deps) -> int:
    """Judge every submission waiting now, one after another; returns how many.

    The worker loop's body, and what tests call to have the queue judged before they look.
    """
    judged = 0
    while (claim := await claim_next(deps)) is not None:
        await judge_claimed(deps, claim)
        judged += 1
    return judged


async def run_worker(deps: Deps) -> None:
    """Judge submissions as they come until cancelled. A failure on one submission is
    logged and leaves its claim to run out, so it is judged again later."""
    while True:
        try:
            await judge_pending(deps)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("judge worker failed; trying again")
        await deps.background.idle(JUDGE_WAKE, at_most=IDLE_SECONDS)


async def _prepare_toolchains(settings: Settings) -> None:
    try:
        await prepare_toolchains(toolchain_cache(settings))
    except SandboxUnavailable as error:
        log.error("the judge's toolchains cannot be prepared: %s", error.reason)


def start_workers(deps: Deps, workers: int) -> None:
    """Start ``workers`` judge loops in this process (``Deps.background`` stops them), and
    the first start's building of the precompiled header and the Java archive beside them
    (seconds), so start-up does not wait for it."""
    if workers:
        deps.background.start("judge-toolchains", _prepare_toolchains(deps.settings))
    for number in range(workers):
        deps.background.start(f"judge-worker-{number}", run_worker(deps))
