"""Benchmark: 500 students take a 30-question test at once in the main bot (issue 7).

    .venv/bin/python bench/tests.py [--quick] [--students N] [--questions N] [--think S]
        [--window S] [--samples N] [--inline-emulator] [--postgres-url URL]

A fresh database (SQLite in a temporary data dir, or a throw-away PostgreSQL database with
``--postgres-url``; ``core.db.migrate`` either way) gets a learning centre through core
services: a teacher, one group of 500 students (quick: 60) each linked to a Telegram user of
the Bot API emulator (through invitations, as ``/start <code>`` does; kk, ru and en in
turn), and a bank of 40 single-choice questions (quick: 20; ``do_create_question``, four
options in three languages). Four tests each draw 30 of them (quick: 10) at random for each
student, shuffle them and their options, and are published and assigned to the group
(``create_test``, ``set_items``, ``publish_test``, ``assign_test``); the assignment notices
with their "Start the test" button go out through the ``DeliveryWorker``.

The real main bot answers: ``bots.app.build_dispatcher`` (``MemoryStorage``, every router
and middleware) with an aiogram ``Bot`` talking HTTP to the emulator, which runs in a
process of its own (``python -m bots.testing.emulator``, rate limits off) so that
Telegram's share of the work is not on our event loop; ``--inline-emulator`` runs it on the
bench's loop, as the tests do. No ``Sender`` pacing is on the bot: this measures our server,
not Telegram's limits. Once seeded, the heap is settled (``sabaq.heap``) as ``sabaq run``
does after start-up. A student presses a button as the emulator's user side does
(``user_presses``, so the callback query exists for ``answerCallbackQuery``), and the bench
hands that callback-query ``Update`` to ``dp.feed_update``: a press is timed from there until
the handler is done — the callback answered, the answered question's message edited and
the next question sent to the emulator. ``bot_api`` is the part of it spent in those Bot API
calls. Each student: "Start the test" under the notice, "Start" on the card, every
question (the right option more often for the better students), "Finish"; all students at
once (``asyncio.gather``), each one's presses in turn.

Phases, each on its own test so every student takes each once:

1. **bot at a pace** (``press``, the issue's figure: p95 under 100 ms server-side): before
   each press a student thinks a random 0–2×``--think`` seconds — by default 30 s on
   average, a brisk test (30 questions in a quarter of an hour), which for 500 students is
   about 17 presses a second; smaller runs keep that rate (``think`` = students × 30 / 500).
   Timed for ``--window`` seconds (120; quick 15): people take a test for longer than a
   benchmark should run;
2. **core at the same pace** (``core``): the service calls the handler makes, alone —
   ``start_attempt``, then ``current_question`` and ``answer_question`` per answer — so the
   figures separate core time from aiogram + HTTP time;
3. **bot and core at once** (``press_saturated``, ``core_saturated``): nobody thinks, each
   student presses again as soon as answered, to the result: the throughput ceiling (the
   latency then is mostly waiting behind the others' presses, as in any saturated
   process);
4. **results** of the third test (every student finished): ``testing_reports.test_results``
   as the teacher reads it, several times (target: under 1 s).

Figures are printed as they are measured, with the machine's load average (timings on a
shared machine are only as good as its load); the last line is one JSON object. Nothing
is asserted: the run stops (``SystemExit``) only when it did not do what it claims.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol

import aiohttp
from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.client.telegram import TelegramAPIServer
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.methods import SendMessage, TelegramMethod
from aiogram.methods.base import Response, TelegramType
from aiogram.types import Message, Update
from limits import RateLimitItemPerSecond

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.support.figures import figures, timed  # noqa: E402
from bench.support.postgres import temporary_database  # noqa: E402
from bots.app import build_dispatcher  # noqa: E402
from bots.delivery import DeliveryWorker, Sender  # noqa: E402
from bots.routers.tests import CHOOSE, GO, OPEN, FinishTest, Press, StartTest  # noqa: E402
from bots.testing.emulator import BotAPIEmulator  # noqa: E402
from core.actor import Actor  # noqa: E402
from core.clock import SystemClock  # noqa: E402
from core.config import Settings, load_settings  # noqa: E402
from core.db import close_db, migrate  # noqa: E402
from core.deps import Deps, build_deps  # noqa: E402
from core.models.academics import Group  # noqa: E402
from core.models.org import OrganisationKind  # noqa: E402
from core.models.testing import Attempt, AttemptAnswer, QuestionKind  # noqa: E402
from core.services.academics import (  # noqa: E402
    CAPACITY_MAX,
    CourseData,
    GroupData,
    do_create_course,
    do_create_group,
    do_enrol,
)
from core.services.accounts import (  # noqa: E402
    actor_for,
    create_invitation,
    do_accept_invitation_telegram,
)
from core.services.orgs import OrganisationData, do_create_organisation  # noqa: E402
from core.services.people import PersonData, Role, do_create_person  # noqa: E402
from core.services.questions import do_create_question  # noqa: E402
from core.services.testing import (  # noqa: E402
    AttemptState,
    ItemData,
    TestData,
    answer_question,
    assign_test,
    create_test,
    current_question,
    finish_attempt,
    publish_test,
    set_items,
    start_attempt,
)
from core.services.testing_reports import test_results  # noqa: E402
from core.tx import transaction  # noqa: E402
from sabaq.heap import settle_heap  # noqa: E402

TOKEN = "424243:BENCH-sabaq-tests"
TOPIC = "Теңдеулер"
LANGUAGES = ("kk", "ru", "en")
LAST = ["Құрманғазы", "Сәтбаев", "Әуезов", "Нұрпейісова", "Үсенов", "Жұмабаев", "Ғабитова"]
FIRST = ["Әлихан", "Айгөлек", "Нұрсұлтан", "Ұлжан", "Өмірзақ", "Іңкәр", "Қанат"]
#: Questions in the bank beyond those a test draws (each student gets another selection).
SPARE_QUESTIONS = 10
#: Milliseconds the press being handled waited on Bot API calls (set around each press).
API_TIME: ContextVar[list[float] | None] = ContextVar("api_time", default=None)
OPEN_PREFIX = f"{StartTest.__prefix__}:{OPEN}:"
#: The default pace: 500 students each answering in 30 s on average (a brisk test: 30
#: questions in a quarter of an hour); smaller runs keep the same presses a second.
FULL_STUDENTS, PACE_SECONDS = 500, 30.0
#: Far above what a student presses: the flood limit is not what this measures.
FLOOD_RATE = RateLimitItemPerSecond(1000)


@dataclass(frozen=True)
class Size:
    students: int
    questions: int
    #: At a pace: mean seconds a student thinks before each press, and how long it is timed.
    think: float
    window: float
    #: Timed reads of the results.
    samples: int


@dataclass(frozen=True)
class Student:
    person_id: int
    user: dict[str, Any]
    actor: Actor
    #: Chance of tapping the right option: the better students score more.
    skill: float


@dataclass(frozen=True)
class Centre:
    organisation_id: int
    teacher: Actor
    course_id: int
    group_id: int
    students: tuple[Student, ...]


@dataclass
class Taken:
    """Milliseconds per step of everyone's attempts in one phase, and the seconds it was
    timed for."""

    presses: list[float] = field(default_factory=list)
    opens: list[float] = field(default_factory=list)
    starts: list[float] = field(default_factory=list)
    finishes: list[float] = field(default_factory=list)
    #: Bot: of each press, the milliseconds spent on Bot API calls (HTTP to the emulator).
    api: list[float] = field(default_factory=list)
    #: Core: ``current_question`` before each ``answer_question``.
    reads: list[float] = field(default_factory=list)
    elapsed_s: float = 0.0


# --- Telegram: the emulator, in its own process or in this one ---------------------------


class Telegram(Protocol):
    """What the bench needs of the emulator: its address, users, and their presses."""

    base_url: str

    async def add_user(self, first_name: str, language_code: str) -> dict[str, Any]: ...

    async def user_presses(self, user_id: int, message_id: int, data: str) -> str: ...

    async def close(self) -> None: ...


class EmulatorProcess:
    """``python -m bots.testing.emulator`` in a process of its own, driven through its
    control API: Telegram's work (checking each call against the Bot API, keeping the chats)
    then runs beside our server, as it would in production, instead of on its event loop."""

    def __init__(self, process: asyncio.subprocess.Process, base_url: str) -> None:
        self.process = process
        self.base_url = base_url
        self.http = aiohttp.ClientSession()

    @classmethod
    async def start(cls) -> EmulatorProcess:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bots.testing.emulator",
            "--port",
            "0",
            "--no-rate-limits",
            "--bot",
            f"{TOKEN}=sabaq_bench_bot",
            cwd=ROOT,
            stdout=asyncio.subprocess.PIPE,
        )
        assert process.stdout is not None
        try:
            async with asyncio.timeout(30):
                line = (await process.stdout.readline()).decode()
        except TimeoutError:
            line = ""
        found = re.search(r"on (http://\S+)", line)
        if found is None:
            process.terminate()
            _ = await process.wait()
            raise SystemExit(f"the emulator did not start: {line!r}")
        return cls(process, found.group(1))

    async def _control(self, name: str, body: dict[str, Any]) -> Any:
        async with self.http.post(f"{self.base_url}/_control/{name}", json=body) as response:
            answer = await response.json()
        if not answer.get("ok"):
            raise SystemExit(f"the emulator refused {name}: {answer}")
        return answer["result"]

    async def add_user(self, first_name: str, language_code: str) -> dict[str, Any]:
        user: dict[str, Any] = await self._control(
            "add_user", {"first_name": first_name, "language_code": language_code}
        )
        return user

    async def user_presses(self, user_id: int, message_id: int, data: str) -> str:
        body = {"token": TOKEN, "user_id": user_id, "message_id": message_id}
        return str(await self._control("user_presses", body | {"callback_data": data}))

    async def close(self) -> None:
        await self.http.close()
        if self.process.returncode is None:
            self.process.terminate()
            _ = await self.process.wait()


class EmulatorInline:
    """The emulator on this event loop, as the tests run it (``--inline-emulator``)."""

    def __init__(self, emulator: BotAPIEmulator) -> None:
        self.emulator = emulator
        self.base_url = emulator.base_url

    @classmethod
    async def start(cls) -> EmulatorInline:
        emulator = BotAPIEmulator(rate_limits=False)
        _ = await emulator.start()
        _ = emulator.add_bot(TOKEN, username="sabaq_bench_bot", first_name="Sabaq")
        return cls(emulator)

    async def add_user(self, first_name: str, language_code: str) -> dict[str, Any]:
        return self.emulator.add_user(first_name=first_name, language_code=language_code)

    async def user_presses(self, user_id: int, message_id: int, data: str) -> str:
        return await self.emulator.user_presses(TOKEN, user_id, message_id, data)

    async def close(self) -> None:
        await self.emulator.close()


# --- seeding --------------------------------------------------------------------------------


def _question(n: int) -> tuple[dict[str, str], dict[str, Any]]:
    """Question ``n`` (1-based): solve a·x + b = c for x = n; option 0 is right."""
    a, b = 2 + n % 7, 3 + n % 11
    c = a * n + b
    text = {
        "kk": f"{n}-сұрақ. {a}x + {b} = {c} болса, x неге тең?",
        "ru": f"Вопрос {n}. Чему равен x, если {a}x + {b} = {c}?",
        "en": f"Question {n}. What is x if {a}x + {b} = {c}?",
    }
    values = [n, n + 1, n + 2, -n]
    body = {
        "options": [
            {"text": {lang: str(value) for lang in LANGUAGES}, "correct": index == 0}
            for index, value in enumerate(values)
        ]
    }
    return text, body


async def seed(deps: Deps, telegram: Telegram, size: Size) -> Centre:
    """The centre, its teacher, its group of linked students and the question bank."""
    started = time.perf_counter()
    async with transaction(deps) as tx:
        org = await do_create_organisation(
            tx,
            Actor.system(0, "bench"),
            kind=OrganisationKind.LEARNING_CENTRE,
            data=OrganisationData(name_kk="Білім орталығы", name_ru="Центр", name_en="Centre"),
        )
    system = Actor.system(org.id, "bench")
    async with transaction(deps) as tx:
        course = await do_create_course(tx, system, data=CourseData(name_kk="Алгебра"))
        teacher_person = await do_create_person(
            tx,
            system,
            organisation_id=org.id,
            data=PersonData("Ахметов", "Ерлан"),
            roles=(Role.TEACHER,),
            audit=False,
        )
        group = await do_create_group(
            tx,
            system,
            data=GroupData(
                course_id=course.id,
                name="Алгебра 10",
                capacity=CAPACITY_MAX,
                teacher_ids=(teacher_person.id,),
            ),
        )
        people = [
            await do_create_person(
                tx,
                system,
                organisation_id=org.id,
                data=PersonData(LAST[n % len(LAST)], f"{FIRST[n % len(FIRST)]} {n + 1}"),
                roles=(Role.STUDENT,),
                audit=False,
            )
            for n in range(size.students)
        ]
        locked = await Group.select_for_update().get(id=group.id)
        today = tx.now.date()
        for person in people:
            _ = await do_enrol(
                tx, system, group=locked, student=person, starts_on=today, audit=False
            )
    print(f"  {size.students} students enrolled: {time.perf_counter() - started:.1f} s")
    codes = [
        (await create_invitation(deps, system, person_id=person.id)).code for person in people
    ]
    rng = random.Random(7)
    students: list[Student] = []
    async with transaction(deps) as tx:
        accounts = []
        for n, code in enumerate(codes):
            language = LANGUAGES[n % len(LANGUAGES)]
            user = await telegram.add_user(FIRST[n % len(FIRST)], language)
            account = await do_accept_invitation_telegram(
                tx, code=code, telegram_user_id=user["id"], language=language
            )
            accounts.append((user, account.id))
    for person, (user, account_id) in zip(people, accounts, strict=True):
        actor = await actor_for(account_id, org.id)
        if actor is None or Role.STUDENT not in actor.roles:
            raise SystemExit(f"student {person.id} has no student actor: {actor}")
        students.append(Student(person.id, user, actor, skill=rng.uniform(0.35, 0.95)))
    print(f"  linked to Telegram: {time.perf_counter() - started:.1f} s")
    teacher = Actor(
        person_id=teacher_person.id, organisation_id=org.id, roles=frozenset({Role.TEACHER})
    )
    async with transaction(deps) as tx:
        for n in range(1, size.questions + SPARE_QUESTIONS + 1):
            text, body = _question(n)
            _ = await do_create_question(
                tx,
                teacher,
                kind=QuestionKind.SINGLE,
                text=text,
                body=body,
                points=1,
                course_id=course.id,
                topic=TOPIC,
                audit=False,
            )
    print(
        f"  {size.questions + SPARE_QUESTIONS} questions in the bank: "
        f"{time.perf_counter() - started:.1f} s"
    )
    return Centre(org.id, teacher, course.id, group.id, tuple(students))


async def make_test(deps: Deps, centre: Centre, size: Size, title: str) -> int:
    """A published test of ``size.questions`` random questions, assigned to the group."""
    test_id = await create_test(
        deps,
        centre.teacher,
        data=TestData(
            title=title,
            course_id=centre.course_id,
            shuffle_questions=True,
            shuffle_options=True,
            pass_percent=60,
        ),
    )
    await set_items(
        deps, centre.teacher, test_id=test_id, items=[ItemData(topic=TOPIC, count=size.questions)]
    )
    await publish_test(deps, centre.teacher, test_id=test_id)
    _ = await assign_test(deps, centre.teacher, test_id=test_id, group_id=centre.group_id)
    return test_id


def _bot(base_url: str, screens: Screens) -> Bot:
    """An aiogram bot talking HTTP to the emulator, its students' screens kept."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(base_url, is_local=False))
    bot = Bot(TOKEN, session=session)
    bot.session.middleware(screens)
    return bot


async def deliver_notices(deps: Deps, player: Player, expected: int) -> None:
    """Send the queued notices through the delivery worker, on a bot session of its own so
    the pacing it installs stays off the bot that answers the presses. (Each student looks
    for their notice when they press its button.)"""
    bot = _bot(player.telegram.base_url, player.screens)
    sent = 0
    try:
        worker = DeliveryWorker(deps, Sender(bot, per_second=10_000, private_interval=0.001))
        # ``run_once`` may stop early when a claimed batch held unreachable rows: go on
        # until a run finds nothing.
        while (stats := await worker.run_once()).claimed:
            if stats.failed:
                raise SystemExit(f"notices failed: {stats}")
            sent += stats.sent
    finally:
        await bot.session.close()
    if sent != expected:
        raise SystemExit(f"delivered {sent} notices of {expected}")


class Screens(BaseRequestMiddleware):
    """What each student sees: the message the bot sent to their chat last, and the
    notices with a "Start the test" button, by that button's data.

    Reading them from the emulator (``sent``) would copy the whole chat at every press;
    this keeps the references aiogram holds anyway.
    """

    def __init__(self) -> None:
        self.last: dict[int, Message] = {}
        self.notices: dict[tuple[int, str], Message] = {}

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        started = time.perf_counter()
        response = await make_request(bot, method)
        spent = API_TIME.get()
        if spent is not None:
            spent.append((time.perf_counter() - started) * 1000)
        # aiogram's annotation says Response; what comes back is the method's result.
        message: object = response
        if isinstance(method, SendMessage) and isinstance(message, Message):
            self.last[message.chat.id] = message
            for data in buttons(message):
                if data.startswith(OPEN_PREFIX):
                    self.notices[message.chat.id, data] = message
        return response


def buttons(message: Message) -> list[str]:
    """The callback data of a message's inline buttons."""
    markup = message.reply_markup
    if markup is None:
        return []
    return [b.callback_data for row in markup.inline_keyboard for b in row if b.callback_data]


@dataclass(frozen=True)
class Pressed:
    #: Milliseconds ``dp.feed_update`` took, and how much of it went on Bot API calls.
    elapsed_ms: float
    api_ms: float
    #: The message the bot sent the student last (the next question, the result …).
    shown: Message


@dataclass
class Player:
    """Presses buttons for the students and times the dispatcher's handling of each."""

    telegram: Telegram
    dp: Dispatcher
    bot: Bot
    screens: Screens
    update_ids: int = 0

    async def press(self, student: Student, message: Message, data: str) -> Pressed:
        """The student presses ``data`` under ``message``."""
        user = student.user
        query_id = await self.telegram.user_presses(user["id"], message.message_id, data)
        self.update_ids += 1
        update = Update.model_validate(
            {
                "update_id": self.update_ids,
                "callback_query": {
                    "id": query_id,
                    "from": user,
                    "message": message.model_dump(mode="json", by_alias=True, exclude_none=True),
                    "chat_instance": str(user["id"]),
                    "data": data,
                },
            },
            context={"bot": self.bot},
        )
        spent: list[float] = []
        token = API_TIME.set(spent)
        started = time.perf_counter()
        try:
            await self.dp.feed_update(self.bot, update)
        finally:
            API_TIME.reset(token)
        elapsed = (time.perf_counter() - started) * 1000
        return Pressed(elapsed, sum(spent), self.screens.last[user["id"]])

    def pick(self, student: Student, message: Message, position: int, rng: random.Random) -> str:
        """The option the student taps on question ``position``: the right one (body index
        0) with the chance of their skill."""
        options = [
            data
            for data in buttons(message)
            if data.startswith(f"{Press.__prefix__}:")
            and Press.unpack(data).pos == position
            and Press.unpack(data).op == CHOOSE
        ]
        if len(options) != 4:
            raise SystemExit(f"question {position + 1} shows {len(options)} options: {message}")
        right = next(data for data in options if Press.unpack(data).v == "0")
        wrong = [data for data in options if data != right]
        return right if rng.random() < student.skill else rng.choice(wrong)


def _button(message: Message, prefix: str, what: str) -> str:
    found = [data for data in buttons(message) if data.startswith(f"{prefix}:")]
    if not found:
        raise SystemExit(f"no {what} button under: {message.text!r}")
    return found[0]


async def _think(rng: random.Random, think: float) -> None:
    if think > 0:
        await asyncio.sleep(rng.uniform(0, 2 * think))


@dataclass(frozen=True)
class Pace:
    """How a phase's students press: ``think`` seconds on average before each press
    (0: at once, as fast as answered), until ``until`` (``time.perf_counter``; None: to the
    end of the test, "Finish" included)."""

    think: float
    until: float | None = None

    def over(self) -> bool:
        return self.until is not None and time.perf_counter() > self.until


async def take_in_bot(
    player: Player, student: Student, *, test_id: int, questions: int, pace: Pace, taken: Taken
) -> None:
    """One student: "Start the test" under the notice, "Start", every question, "Finish"."""
    rng = random.Random(student.person_id * 31 + test_id)
    start_data = StartTest(step=OPEN, test_id=test_id).pack()
    notice = player.screens.notices.get((student.user["id"], start_data))
    if notice is None:
        raise SystemExit(f"student {student.person_id} got no notice of test {test_id}")
    await _think(rng, pace.think)
    pressed = await player.press(student, notice, start_data)
    taken.opens.append(pressed.elapsed_ms)
    card = pressed.shown
    go = StartTest(step=GO, test_id=test_id).pack()
    if go not in buttons(card):
        raise SystemExit(f"the card has no Start button: {card.text!r}")
    pressed = await player.press(student, card, go)  # at once: the card is short
    taken.starts.append(pressed.elapsed_ms)
    shown = pressed.shown
    for position in range(questions):
        await _think(rng, pace.think)
        if pace.over():
            return
        pressed = await player.press(student, shown, player.pick(student, shown, position, rng))
        taken.presses.append(pressed.elapsed_ms)
        taken.api.append(pressed.api_ms)
        if pressed.shown.message_id == shown.message_id:
            raise SystemExit(f"nothing new after question {position + 1}: {shown.text!r}")
        shown = pressed.shown
    finish = _button(shown, FinishTest.__prefix__, "Finish")
    if not FinishTest.unpack(finish).sure:
        raise SystemExit(f"the last question was not followed by Finish: {shown.text!r}")
    await _think(rng, pace.think)
    if pace.over():
        return
    pressed = await player.press(student, shown, finish)
    taken.finishes.append(pressed.elapsed_ms)
    if pressed.shown.message_id == shown.message_id:
        raise SystemExit(f"no result after Finish: {pressed.shown.text!r}")


async def take_in_core(
    deps: Deps, student: Student, *, test_id: int, questions: int, pace: Pace, taken: Taken
) -> None:
    """One student through the service alone: the calls the bot's handlers make."""
    rng = random.Random(student.person_id * 37 + test_id)
    actor = student.actor
    await _think(rng, pace.think)
    started = time.perf_counter()
    state: AttemptState = await start_attempt(deps, actor, test_id=test_id)
    taken.starts.append((time.perf_counter() - started) * 1000)
    for position in range(questions):
        await _think(rng, pace.think)
        if pace.over():
            return
        question = state.question
        if question is None or question.position != position:
            raise SystemExit(f"attempt {state.attempt_id} is not on question {position + 1}")
        wrong = [index for index, _text in question.choices if index != 0]
        choice = 0 if rng.random() < student.skill else rng.choice(wrong)
        started = time.perf_counter()
        _ = await current_question(deps, actor, attempt_id=state.attempt_id)
        read = time.perf_counter()
        state = await answer_question(
            deps,
            actor,
            attempt_id=state.attempt_id,
            position=position,
            answer={"choice": choice},
            advance=True,
        )
        done = time.perf_counter()
        taken.reads.append((read - started) * 1000)
        taken.presses.append((done - read) * 1000)
    if state.answered != questions:
        raise SystemExit(f"attempt {state.attempt_id} has {state.answered} answers")
    await _think(rng, pace.think)
    if pace.over():
        return
    started = time.perf_counter()
    _ = await finish_attempt(deps, actor, attempt_id=state.attempt_id)
    taken.finishes.append((time.perf_counter() - started) * 1000)


async def check_finished(test_id: int, students: int, questions: int) -> None:
    attempts = await Attempt.filter(test_id=test_id, finished_at__isnull=False).count()
    answers = await AttemptAnswer.filter(
        attempt__test_id=test_id, answered_at__isnull=False
    ).count()
    if attempts != students or answers != students * questions:
        raise SystemExit(
            f"test {test_id}: {attempts} finished attempts of {students}, "
            f"{answers} answers of {students * questions}"
        )


# --- the phases ------------------------------------------------------------------------------


def ms_figures(name: str, values: Sequence[float]) -> dict[str, float]:
    """Median and p95 of milliseconds, printed and returned as ``<name>_median_ms`` …"""
    return figures(name, [value / 1000 for value in values])


def report(name: str, taken: Taken, *, bot: bool) -> dict[str, Any]:
    presses = len(taken.presses)
    rate = presses / taken.elapsed_s
    print(f"  {presses} answers in {taken.elapsed_s:.1f} s: {rate:.1f} a second")
    out: dict[str, Any] = {f"{name}_presses": presses, f"{name}_per_s": round(rate, 1)}
    if bot:
        out |= ms_figures(name, taken.presses)
        out |= ms_figures(f"{name}_bot_api", taken.api)
        out |= ms_figures(f"{name}_open", taken.opens)
    else:
        out |= ms_figures(f"{name}_answer", taken.presses)
        out |= ms_figures(f"{name}_current", taken.reads)
    out |= ms_figures(f"{name}_start", taken.starts)
    if taken.finishes:
        out |= ms_figures(f"{name}_finish", taken.finishes)
    return out


async def phase(
    name: str,
    take: Callable[..., Awaitable[None]],
    first: Any,
    centre: Centre,
    *,
    test_id: int,
    questions: int,
    think: float,
    window: float | None,
    bot: bool,
) -> dict[str, Any]:
    """Every student takes test ``test_id`` at once (``take(first, student, ...)``); their
    answers are timed for ``window`` seconds (None: every student finishes)."""
    taken = Taken()
    started = time.perf_counter()
    pace = Pace(think, None if window is None else started + window)
    _ = await asyncio.gather(
        *(
            take(first, student, test_id=test_id, questions=questions, pace=pace, taken=taken)
            for student in centre.students
        )
    )
    taken.elapsed_s = min(time.perf_counter() - started, window or math.inf)
    if window is None:
        await check_finished(test_id, len(centre.students), questions)
    elif not taken.presses:
        raise SystemExit(f"{name}: no answer in {window:g} s")
    return report(name, taken, bot=bot)


async def results_phase(centre: Centre, test_id: int, size: Size) -> dict[str, Any]:
    report_ = await test_results(centre.teacher, test_id=test_id)
    if report_.finished != size.students or len(report_.students) != size.students:
        raise SystemExit(f"the report counts {report_.finished} finished of {size.students}")
    print(
        f"results of test {test_id}: {report_.finished} students, {len(report_.questions)} "
        f"questions analysed (mean {report_.mean} %, pass rate {report_.pass_rate} %):"
    )
    read = partial(test_results, centre.teacher, test_id=test_id)
    return figures("results", [await timed(read) for _ in range(size.samples)])


async def run(settings: Settings, size: Size, *, inline: bool) -> dict[str, Any]:
    await migrate(settings)
    deps = build_deps(settings, clock=SystemClock())
    telegram: Telegram = await (EmulatorInline if inline else EmulatorProcess).start()
    screens = Screens()
    bot = _bot(telegram.base_url, screens)
    storage = MemoryStorage()
    dp = build_dispatcher(deps, kind="main", storage=storage, flood_rate=FLOOD_RATE)
    player = Player(telegram, dp, bot, screens)
    students, questions = size.students, size.questions
    try:
        print(
            f"seeding {students} students and {questions + SPARE_QUESTIONS} questions on "
            f"{settings.dialect} (emulator {'inline' if inline else 'in its own process'}) ..."
        )
        started = time.perf_counter()
        centre = await seed(deps, telegram, size)
        tests = [await make_test(deps, centre, size, f"Бақылау жұмысы {n}") for n in range(1, 5)]
        await deliver_notices(deps, player, len(tests) * students)
        seeded = time.perf_counter() - started
        print(f"  seeded in {seeded:.1f} s")
        settle_heap()  # as ``sabaq run`` does once it has started
        result: dict[str, Any] = {
            "bench": "tests",
            "database": settings.dialect,
            "emulator": "inline" if inline else "process",
            "students": students,
            "questions": questions,
            "think_s": size.think,
            "offered_per_s": round(students / size.think, 1),
            "window_s": size.window,
            "seed_s": round(seeded, 1),
            # The machine may be shared: its load tells how far to trust the timings.
            "load_1m_before": round(os.getloadavg()[0], 2),
        }
        paced = partial(phase, centre=centre, questions=questions, think=size.think)
        print(
            f"bot at a pace: {students} students, each thinking 0–{2 * size.think:g} s "
            f"before a press (about {students / size.think:.1f} presses a second), "
            f"timed for {size.window:g} s ..."
        )
        result |= await paced(
            "press", take_in_bot, player, test_id=tests[0], window=size.window, bot=True
        )
        result["presses"] = result.pop("press_presses")
        print("core at the same pace: the handler's service calls alone ...")
        result |= await paced(
            "core", take_in_core, deps, test_id=tests[1], window=size.window, bot=False
        )
        at_once = partial(phase, centre=centre, questions=questions, think=0.0, window=None)
        print(
            f"bot at once: {students} students press as fast as they are answered, "
            f"{questions} questions, to the result ..."
        )
        result |= await at_once("press_saturated", take_in_bot, player, test_id=tests[2], bot=True)
        print("core at once: the same, on the service alone ...")
        result |= await at_once("core_saturated", take_in_core, deps, test_id=tests[3], bot=False)
        result |= await results_phase(centre, tests[2], size)
        result["load_1m_after"] = round(os.getloadavg()[0], 2)
        print(
            f"load average (1 min): {result['load_1m_before']} before, "
            f"{result['load_1m_after']} after the timings"
        )
        return result
    finally:
        await bot.session.close()
        await storage.close()
        await telegram.close()
        await deps.aclose()
        await close_db()


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    students = args.students or (60 if args.quick else 500)
    if not 1 <= students <= CAPACITY_MAX:
        raise SystemExit(f"--students: 1 to {CAPACITY_MAX} (one group)")
    size = Size(
        students=students,
        questions=args.questions or (10 if args.quick else 30),
        # The same presses a second as 500 students thinking 30 s, by default.
        think=args.think or students * PACE_SECONDS / FULL_STUDENTS,
        window=args.window or (15.0 if args.quick else 120.0),
        samples=args.samples or (5 if args.quick else 10),
    )
    with tempfile.TemporaryDirectory(prefix="sabaq-bench-") as tmp:
        if args.postgres_url:
            async with temporary_database(args.postgres_url) as url:
                settings = load_settings(data_dir=Path(tmp), _env_file=None, database_url=url)
                return await run(settings, size, inline=args.inline_emulator)
        settings = load_settings(data_dir=Path(tmp), _env_file=None)
        return await run(settings, size, inline=args.inline_emulator)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark taking a test in the main bot.")
    parser.add_argument(
        "--quick", action="store_true", help="60 students, 10 questions, 15 s timed at a pace"
    )
    parser.add_argument("--students", type=int, default=None, help="at most 500 (one group)")
    parser.add_argument("--questions", type=int, default=None, help="questions a test draws")
    parser.add_argument(
        "--think",
        type=float,
        default=None,
        help="mean seconds before a student's press, at a pace (default: students × 30 / 500)",
    )
    parser.add_argument(
        "--window", type=float, default=None, help="seconds the paced phases are timed for"
    )
    parser.add_argument(
        "--inline-emulator",
        action="store_true",
        help="run the emulator on the bench's event loop (its work then counts as ours)",
    )
    parser.add_argument("--samples", type=int, default=None, help="timed reads of the results")
    parser.add_argument(
        "--postgres-url",
        default="",
        help="e.g. postgres://postgres@127.0.0.1:5432 (a temporary database is made)",
    )
    args = parser.parse_args()
    print(json.dumps(asyncio.run(main_async(args))))


if __name__ == "__main__":
    main()
