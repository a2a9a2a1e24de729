"""Benchmark: deliver one notification to each of N Telegram users through the emulator.

    .venv/bin/python bench/bot_delivery.py [--quick] [--messages N] [--updates N]

A fresh SQLite database in a temporary data dir (``core.db.migrate``) gets N students
linked to Telegram users of the Bot API emulator (through invitations, as ``/start <code>``
does) and one queued notification each. The ``DeliveryWorker`` then drains the outbox
through aiogram into the emulator with its rate limits on (30 messages/s per bot, 1/s per
chat). Prints the elapsed time, the messages per second against the allowed 30/s, the 429
answers received, and the latency of an aiogram ``Dispatcher`` for incoming updates fed with
``dp.feed_update`` (a trivial handler, no network). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message, Update

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.support.figures import percentile  # noqa: E402
from bots.delivery import DeliveryWorker, Sender  # noqa: E402
from bots.testing.emulator import BotAPIEmulator  # noqa: E402
from core.actor import Actor  # noqa: E402
from core.clock import SystemClock  # noqa: E402
from core.config import load_settings  # noqa: E402
from core.db import close_db, migrate  # noqa: E402
from core.deps import Deps, build_deps  # noqa: E402
from core.i18n import N_  # noqa: E402
from core.models.org import OrganisationKind  # noqa: E402
from core.services.accounts import create_invitation, do_accept_invitation_telegram  # noqa: E402
from core.services.orgs import OrganisationData, do_create_organisation  # noqa: E402
from core.services.outbox import delivery_counts, notify  # noqa: E402
from core.services.people import PersonData, Role, do_create_person  # noqa: E402
from core.tx import transaction  # noqa: E402

TOKEN = "424242:BENCH-sabaq-main"
LIMIT_PER_SECOND = 30
FIRST = ["Әлихан", "Айгөлек", "Нұрсұлтан", "Ұлжан", "Өмірзақ", "Іңкәр", "Қанат"]
LANGUAGES = ["kk", "ru", "en"]


@dataclass(frozen=True)
class Figures:
    elapsed_s: float
    retry_after_received: int
    dispatch_ms: list[float]


async def set_up(deps: Deps, emulator: BotAPIEmulator, count: int) -> list[int]:
    """``count`` students linked to emulator users; returns their person ids."""
    started = time.perf_counter()
    async with transaction(deps) as tx:
        org = await do_create_organisation(
            tx,
            Actor.system(0, "bench"),
            kind=OrganisationKind.LEARNING_CENTRE,
            data=OrganisationData(name_kk="Сабақ", name_ru="Сабақ", name_en="Sabaq"),
        )
    system = Actor.system(org.id, "bench")
    async with transaction(deps) as tx:
        people = [
            await do_create_person(
                tx,
                system,
                organisation_id=org.id,
                data=PersonData("Сейітова", FIRST[n % len(FIRST)]),
                roles=(Role.STUDENT,),
                audit=False,
            )
            for n in range(count)
        ]
    print(f"  {count} people: {time.perf_counter() - started:.1f} s")
    codes = [
        (await create_invitation(deps, system, person_id=person.id)).code for person in people
    ]
    print(f"  {count} invitations: {time.perf_counter() - started:.1f} s")
    async with transaction(deps) as tx:
        for n, code in enumerate(codes):
            language = LANGUAGES[n % len(LANGUAGES)]
            user = emulator.add_user(first_name=FIRST[n % len(FIRST)], language_code=language)
            _ = await do_accept_invitation_telegram(
                tx, code=code, telegram_user_id=user["id"], language=language
            )
    return [person.id for person in people]


async def deliver(deps: Deps, bot: Bot, emulator: BotAPIEmulator, count: int) -> tuple[float, int]:
    """Drain the outbox; (seconds, 429 answers the emulator gave)."""
    sender = Sender(bot, per_second=LIMIT_PER_SECOND)
    worker = DeliveryWorker(deps, sender)
    started = time.perf_counter()
    stats = await worker.run_once()
    elapsed = time.perf_counter() - started
    counts = await delivery_counts(deps)
    if stats.sent != count or counts.sent != count:
        raise SystemExit(f"delivered {stats.sent} of {count}: {stats}, {counts}")
    refused = [c for c in emulator.calls_of("sendMessage", token=TOKEN) if c.status == 429]
    delivered = [c for c in emulator.calls_of("sendMessage", token=TOKEN) if c.status == 200]
    if len(delivered) != count:
        raise SystemExit(f"the emulator saw {len(delivered)} messages for {count}")
    return elapsed, len(refused)


async def dispatch_latency(bot: Bot, updates: int) -> list[float]:
    """Milliseconds ``dp.feed_update`` takes per incoming text message (no network)."""
    router = Router()
    handled = 0

    @router.message()
    async def on_message(message: Message) -> None:
        nonlocal handled
        handled += 1

    dp = Dispatcher()
    dp.include_router(router)
    batch = [
        Update.model_validate(
            {
                "update_id": n + 1,
                "message": {
                    "message_id": n + 1,
                    "date": 1_767_225_600 + n,
                    "chat": {"id": 700_000_001 + n % 500, "type": "private"},
                    "from": {"id": 700_000_001 + n % 500, "is_bot": False, "first_name": "Әсел"},
                    "text": "Сәлем! Бүгін сабақ бола ма?",
                },
            },
            context={"bot": bot},
        )
        for n in range(updates)
    ]
    for update in batch[: min(50, updates)]:  # warm-up
        await dp.feed_update(bot, update)
    handled = 0
    timings: list[float] = []
    for update in batch:
        started = time.perf_counter()
        await dp.feed_update(bot, update)
        timings.append((time.perf_counter() - started) * 1000)
    if handled != updates:
        raise SystemExit(f"the handler saw {handled} of {updates} updates")
    return timings


async def run(count: int, updates: int) -> Figures:
    with tempfile.TemporaryDirectory(prefix="sabaq-bench-") as tmp:
        settings = load_settings(data_dir=Path(tmp), _env_file=None)
        await migrate(settings)
        emulator = BotAPIEmulator(rate_limits=True, per_bot_per_second=LIMIT_PER_SECOND)
        base_url = await emulator.start()
        emulator.add_bot(TOKEN, username="sabaq_bench_bot", first_name="Sabaq")
        session = AiohttpSession(api=TelegramAPIServer.from_base(base_url, is_local=False))
        bot = Bot(TOKEN, session=session)
        try:
            deps = build_deps(settings, clock=SystemClock())
            print(f"setting up {count} students linked to Telegram ...")
            started = time.perf_counter()
            people = await set_up(deps, emulator, count)
            queued = await notify(
                deps,
                person_ids=people,
                message=N_("Not found."),
                params=None,
                organisation_id=None,
                dedupe_prefix="bench",
            )
            assert queued == count
            print(f"  {time.perf_counter() - started:.1f} s")
            print(f"delivering {count} notifications at up to {LIMIT_PER_SECOND}/s ...")
            elapsed, refused = await deliver(deps, bot, emulator, count)
            print(f"dispatching {updates} updates ...")
            timings = await dispatch_latency(bot, updates)
        finally:
            await bot.session.close()
            await emulator.close()
            await close_db()
    return Figures(elapsed_s=elapsed, retry_after_received=refused, dispatch_ms=timings)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark Telegram delivery and dispatch.")
    parser.add_argument("--quick", action="store_true", help="600 messages, 300 updates")
    parser.add_argument("--messages", type=int, default=None)
    parser.add_argument("--updates", type=int, default=None)
    args = parser.parse_args()
    count = args.messages or (600 if args.quick else 10_000)
    updates = args.updates or (300 if args.quick else 2_000)
    figures = asyncio.run(run(count, updates))
    elapsed, refused = figures.elapsed_s, figures.retry_after_received
    rate = count / elapsed
    p50, p95 = statistics.median(figures.dispatch_ms), percentile(figures.dispatch_ms, 0.95)
    print(f"delivered {count} messages in {elapsed:.1f} s: {rate:.2f} messages/s")
    print(f"  {rate / LIMIT_PER_SECOND:.3f} of the allowed {LIMIT_PER_SECOND}/s")
    print(f"  429 answers received: {refused} (after the first: {max(refused - 1, 0)})")
    print(f"dispatcher: p50 {p50:.3f} ms, p95 {p95:.3f} ms for {updates} updates")
    print(
        json.dumps(
            {
                "bench": "bot_delivery",
                "messages": count,
                "elapsed_s": round(elapsed, 2),
                "msgs_per_s": round(rate, 2),
                "ratio_to_limit": round(rate / LIMIT_PER_SECOND, 3),
                "retry_after_received": refused,
                "retry_after_after_first": max(refused - 1, 0),
                "dispatch_p50_ms": round(p50, 3),
                "dispatch_p95_ms": round(p95, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
