"""The jobs a Sabaq process runs on its own: the minute's reminder tick, the quarter-hour money
job (money reminders, then automatic charges), the minute's classroom job (tests whose time
ran out, feedback requests after lessons, consultation reminders), the minute's complaints
job (reminders and escalation of complaints waiting for their first answer), the minute's
well-being job (alerts nobody acknowledged in time go to the admins) and the daily backup.

APScheduler 3 (``AsyncIOScheduler``, UTC) runs them inside ``sabaq run`` and ``sabaq bots``.
When several processes run (``SABAQ_REDIS_URL`` set), **at most one of them acts**: the one
holding the leader lock in Redis (``LeaderLock``). The others keep their schedulers running
and try to take the lock at every renewal, so one of them takes over within a lease when the
leader dies. Without Redis the process is alone and always acts.

A lock in Redis cannot make a paused process notice at once that its lease ran out, so the
jobs do not rely on it for correctness: ``core.services.reminders.tick`` and
``core.services.finance_reminders.tick`` are idempotent (every message carries a dedupe key in
the outbox), and so is ``core.services.charges.tick`` (every charge carries a unique charge
key in the ledger); a second tick — in a new leader, or after a restart — neither repeats nor
loses anything; ``core.services.complaints.complaints_tick`` marks each reminder and
escalation on the complaint before queuing it, and ``core.services.wellbeing.wellbeing_tick``
each escalation on the alert. The lock only keeps the work from being done
twice.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from typing import Any, Protocol, TypeVar

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from redis.asyncio import Redis
from redis.exceptions import RedisError

from core.deps import Deps
from core.services import charges, feedback, finance_reminders, testing
from core.services.backup import run_scheduled_backup
from core.services.complaints import complaints_tick
from core.services.consultations import consultation_reminders
from core.services.finance_reminders import FinanceTickReport
from core.services.reminders import TickReport, tick
from core.services.wellbeing import wellbeing_tick

log = logging.getLogger(__name__)

LEADER_KEY = "sabaq:scheduler:leader"
#: How long a leader's lock lasts without renewal, and how often the leader renews it (a
#: renewal may fail twice before the lease runs out).
LEASE_SECONDS = 30.0
RENEW_SECONDS = 10.0

# Compare-and-act: only the holder of the token may extend or delete the lock.
_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""

_T = TypeVar("_T")


class Leadership(Protocol):
    """Whether this process is the one whose scheduler acts."""

    @property
    def leading(self) -> bool: ...

    async def refresh(self) -> bool: ...

    async def release(self) -> None: ...


class Alone:
    """The leadership of a process without Redis: it is the only one, so it always acts."""

    @property
    def leading(self) -> bool:
        return True

    async def refresh(self) -> bool:
        return True

    async def release(self) -> None:
        return None


class LeaderLock:
    """A lease in Redis: ``SET key token NX PX lease``, renewed by its holder, released with a
    compare-and-delete, so a process never extends or frees a lock another one holds.

    ``refresh`` takes the lock when it is free and extends it when it is ours; when the lock
    was taken over (our lease ran out and another process set it) or Redis cannot be
    reached, the holder learns it lost and stops leading. ``leading`` also turns false on its
    own once the lease time has passed since the last successful renewal, measured on this
    process's monotonic clock from before the request was sent, so a process that could not
    renew does not go on believing it leads.
    """

    def __init__(
        self,
        redis: Redis,
        *,
        key: str = LEADER_KEY,
        lease_seconds: float = LEASE_SECONDS,
        token: str | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.redis = redis
        self.key = key
        self.lease_ms = int(lease_seconds * 1000)
        self.token = token or secrets.token_hex(16)
        self._monotonic = monotonic
        self._held = False
        self._valid_until = 0.0
        self._renew = redis.register_script(_RENEW)
        self._release = redis.register_script(_RELEASE)

    @property
    def leading(self) -> bool:
        return self._held and self._monotonic() < self._valid_until

    async def refresh(self) -> bool:
        """Take or extend the lock; whether this process leads now."""
        started = self._monotonic()
        was_leading = self._held
        try:
            held = was_leading and bool(
                await self._renew(keys=[self.key], args=[self.token, self.lease_ms])
            )
            if not held:
                held = bool(await self.redis.set(self.key, self.token, nx=True, px=self.lease_ms))
        except (RedisError, OSError) as error:
            log.warning("scheduler lock: Redis is unreachable (%s); not acting", error)
            held = False
        self._held = held
        if held:
            self._valid_until = started + self.lease_ms / 1000
        if held != was_leading:
            log.info("scheduler lock: %s", "now leading" if held else "lost the lead")
        return held

    async def release(self) -> None:
        """Free the lock if it is still ours (a stopping process lets another take over at
        once instead of after the lease)."""
        if not self._held:
            return
        self._held = False
        try:
            await self._release(keys=[self.key], args=[self.token])
        except (RedisError, OSError) as error:
            log.warning("scheduler lock: could not release (%s); it expires on its own", error)


class Scheduler:
    """One process's APScheduler with Sabaq's jobs; each acts only while ``leadership`` leads.

    ``components`` is the health map ``/healthz`` reports ("scheduler", "reminders",
    "money", "classroom", "complaints", "wellbeing", "backup").
    """

    def __init__(
        self, deps: Deps, leadership: Leadership, components: MutableMapping[str, str]
    ) -> None:
        self.deps = deps
        self.leadership = leadership
        self.components = components
        self.apscheduler = AsyncIOScheduler(timezone="UTC")
        self._running: set[asyncio.Task[Any]] = set()
        settings = deps.settings
        self.apscheduler.add_job(
            self.remind,
            # On the minute, so a reminder due at 14:00 goes out at 14:00, not up to a
            # minute later depending on when the process started.
            CronTrigger(second=0, timezone="UTC"),
            id="reminders",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=50,
        )
        self.apscheduler.add_job(
            self.money,
            # Every quarter hour: money reminders wait for the local daytime anyway, and
            # charges are by the day.
            CronTrigger(minute="*/15", second=0, timezone="UTC"),
            id="money",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=600,
        )
        self.apscheduler.add_job(
            self.classroom,
            # Every minute: a test's time limit is in minutes, and a lesson's feedback request
            # should follow its end closely.
            CronTrigger(second=30, timezone="UTC"),
            id="classroom",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=50,
        )
        self.apscheduler.add_job(
            self.complaints,
            # Every minute: an answer time is in hours, and an escalation should follow the
            # moment it runs out closely.
            CronTrigger(second=40, timezone="UTC"),
            id="complaints",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=50,
        )
        self.apscheduler.add_job(
            self.wellbeing,
            # Every minute: an alert waits minutes, not hours, before the admins are called.
            CronTrigger(second=50, timezone="UTC"),
            id="wellbeing",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=50,
        )
        self.apscheduler.add_job(
            self.backup,
            CronTrigger(hour=settings.backup_hour, minute=0, timezone=settings.default_timezone),
            id="daily-backup",
            coalesce=True,
            misfire_grace_time=3600,
        )
        if not isinstance(leadership, Alone):
            self.apscheduler.add_job(
                self.keep_leadership,
                IntervalTrigger(seconds=RENEW_SECONDS),
                id="leader-lock",
                max_instances=1,
                coalesce=True,
                misfire_grace_time=int(RENEW_SECONDS),
            )

    async def _tracked(self, work: Awaitable[_T]) -> _T:
        """Run a job's work so that ``stop`` can wait for it to end."""
        task = asyncio.current_task()
        if task is not None:
            self._running.add(task)
        try:
            return await work
        finally:
            if task is not None:
                self._running.discard(task)

    async def keep_leadership(self) -> bool:
        return await self.leadership.refresh()

    async def remind(self) -> TickReport | None:
        """The reminder job: one ``tick`` when this process leads; ``None`` when it does not
        (or the tick failed: logged, and the next tick catches up)."""
        if not self.leadership.leading:
            return None
        try:
            report = await self._tracked(tick(self.deps))
        except Exception:
            log.exception("reminder tick failed")
            self.components["reminders"] = "failed"
            return None
        self.components["reminders"] = "ok"
        if report.reminders or report.digests or report.overdue:
            log.info(
                "queued %d reminders, %d digests, %d overdue notices",
                report.reminders,
                report.digests,
                report.overdue,
            )
        return report

    async def money(self) -> FinanceTickReport | None:
        """The money job: queue the money reminders, then make the automatic charges, when
        this process leads. Each step runs even when the other failed (logged; the next
        quarter hour catches up). ``None`` when not leading or when the reminders failed."""
        if not self.leadership.leading:
            return None
        report: FinanceTickReport | None = None
        healthy = True
        try:
            report = await self._tracked(finance_reminders.tick(self.deps))
        except Exception:
            log.exception("money reminder tick failed")
            healthy = False
        else:
            if report.due or report.running_out or report.overdue:
                log.info(
                    "queued %d payment reminders, %d running-out notices, %d overdue notices",
                    report.due,
                    report.running_out,
                    report.overdue,
                )
        try:
            charged = await self._tracked(charges.tick(self.deps))
        except Exception:
            log.exception("charge tick failed")
            healthy = False
        else:
            if charged.lessons_charged or charged.monthly_charged or charged.finished:
                log.info(
                    "charged %d lessons and %d months, finished %d subscriptions",
                    charged.lessons_charged,
                    charged.monthly_charged,
                    charged.finished,
                )
        self.components["money"] = "ok" if healthy else "failed"
        return report

    async def classroom(self) -> bool | None:
        """The classroom job: finish tests whose time ran out, ask for feedback on lessons
        just held, and remind students of consultations, when this process leads. Each step
        runs even when another failed (logged; the next minute catches up). ``None`` when
        not leading, else whether every step succeeded."""
        if not self.leadership.leading:
            return None
        healthy = True
        try:
            timed_out = await self._tracked(testing.time_out_attempts(self.deps))
        except Exception:
            log.exception("test time-out tick failed")
            healthy = False
        else:
            if timed_out:
                log.info("finished %d attempts whose time ran out", timed_out)
        try:
            asked = await self._tracked(feedback.tick(self.deps))
        except Exception:
            log.exception("lesson feedback tick failed")
            healthy = False
        else:
            if asked:
                log.info("asked for feedback on %d lessons", asked)
        try:
            reminded = await self._tracked(consultation_reminders(self.deps))
        except Exception:
            log.exception("consultation reminder tick failed")
            healthy = False
        else:
            if reminded:
                log.info("reminded %d students of consultations", reminded)
        self.components["classroom"] = "ok" if healthy else "failed"
        return healthy

    async def complaints(self) -> bool | None:
        """The complaints job: remind and escalate complaints waiting for their first answer,
        when this process leads. ``None`` when not leading, else whether the tick succeeded
        (a failure is logged and the next minute catches up)."""
        if not self.leadership.leading:
            return None
        try:
            reminded, escalated = await self._tracked(complaints_tick(self.deps))
        except Exception:
            log.exception("complaints tick failed")
            self.components["complaints"] = "failed"
            return False
        if reminded or escalated:
            log.info("reminded of %d complaints, escalated %d", reminded, escalated)
        self.components["complaints"] = "ok"
        return True

    async def wellbeing(self) -> bool | None:
        """The well-being job: call in the admins for alerts nobody acknowledged in time, when
        this process leads. ``None`` when not leading, else whether the tick succeeded (a
        failure is logged and the next minute catches up)."""
        if not self.leadership.leading:
            return None
        try:
            escalated = await self._tracked(wellbeing_tick(self.deps))
        except Exception:
            log.exception("well-being tick failed")
            self.components["wellbeing"] = "failed"
            return False
        if escalated:
            log.info("escalated %d well-being alerts to admins", escalated)
        self.components["wellbeing"] = "ok"
        return True

    async def backup(self) -> None:
        if not self.leadership.leading:
            return
        try:
            path = await self._tracked(
                run_scheduled_backup(self.deps.settings, now=self.deps.clock.now())
            )
        except Exception:
            log.exception("scheduled backup failed")
            self.components["backup"] = "failed"
        else:
            log.info("scheduled backup written to %s", path)
            self.components["backup"] = "ok"

    async def start(self) -> None:
        await self.leadership.refresh()
        self.apscheduler.start()
        self.components["scheduler"] = "running"

    async def stop(self) -> None:
        """Stop scheduling, cancel the jobs under way and wait for them, then free the lock."""
        self.apscheduler.shutdown(wait=False)  # cancels running coroutine jobs
        await asyncio.gather(*self._running, return_exceptions=True)
        await self.leadership.release()
        self.components["scheduler"] = "stopped"


@asynccontextmanager
async def running_scheduler(
    deps: Deps, components: MutableMapping[str, str]
) -> AsyncIterator[Scheduler]:
    """The process's scheduler, led through Redis when ``SABAQ_REDIS_URL`` is set."""
    redis = Redis.from_url(deps.settings.redis_url) if deps.settings.redis_url else None
    leadership: Leadership = LeaderLock(redis) if redis is not None else Alone()
    scheduler = Scheduler(deps, leadership, components)
    try:
        await scheduler.start()
        try:
            yield scheduler
        finally:
            await scheduler.stop()
    finally:
        if redis is not None:
            await redis.aclose()
