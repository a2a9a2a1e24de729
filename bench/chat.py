"""Benchmark: the chat server as its clients see it, on real server processes.

    .venv/bin/python bench/chat.py [--quick] [--rate N] [--light-rate N] [--seconds S]
        [--search-messages N] [--postgres-url URL] [--redis-url URL] [--no-postgres]

One organisation with 20 groups of ten people (a teacher and nine students: 200 people) and a
methodist who teaches every group is seeded through core services (one worker process per
database); each person gets a bearer token. Then:

(a) the embedded default: one ``python -m sabaq run`` process on SQLite with in-process
    fan-out, and 200 websocket clients (aiohttp, in this process). The sender puts its
    monotonic clock in the message's ``client_id``; the other nine members of the group time
    its arrival. Messages are offered round-robin at a light rate (50/s) and at the target
    rate (500/s); a client with two sends unanswered skips its turn (counted), so a server
    slower than the offered rate shows as a lower sent rate and a queue of at most 400
    messages, not an ever-growing one. Prints p50/p95/p99 send→receive latency and the
    messages per second the receivers got; then saturation: every client keeps two sends in
    flight, and the acks over the time from the first send to the last ack give the messages
    stored per second;
(c) the same on PostgreSQL + Redis with two server processes on two ports, the members of
    each group split between them, so most deliveries cross processes through Redis (a fresh
    temporary database, dropped at the end; the rate limiter's keys are removed from Redis);
(d) the kill test: a send burst over the websockets (two in flight per client) and REST (the
    teachers) against the SQLite server, SIGKILL once 100 sends (1,000 in full mode) have been
    acknowledged, restart on the same data dir, then read the history through the REST API:
    every message acknowledged to a client (an ``ack`` frame, REST 201/200) must be there
    (``lost_after_kill``). The sends that were in flight are sent again with the same
    ``client_id``: those already stored must answer 200, and none may be stored twice;
(b) search: N kk/ru/en messages are bulk-filled into the SQLite database (plain inserts and
    the search backend's ``index()``, one transaction per 20,000), then a mix of queries
    with operators is timed through the service, ``core.services.messages.search_messages``,
    as students (one conversation), teachers (one) and the methodist (all twenty).

The chat's per-person flood limit (``SABAQ_CHAT_MESSAGES_PER_MINUTE``) is lifted in the
benchmark's servers. The clients share the machine's cores with the servers (and whatever
else runs), so the latencies include the clients' own scheduling. Figures are printed as
they are measured; the last line is one JSON object. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import hashlib
import itertools
import json
import math
import multiprocessing
import os
import random
import secrets
import signal
import socket
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

import aiohttp
from redis.asyncio import Redis
from tortoise import connections

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.support.figures import percentile  # noqa: E402
from bench.support.postgres import temporary_database  # noqa: E402
from core.actor import Actor  # noqa: E402
from core.clock import SystemClock  # noqa: E402
from core.config import Settings, load_settings  # noqa: E402
from core.db import close_db, migrate, open_db  # noqa: E402
from core.deps import Deps, build_deps  # noqa: E402
from core.models.academics import Group  # noqa: E402
from core.models.chat import ApiToken, Conversation, Message  # noqa: E402
from core.models.org import OrganisationKind  # noqa: E402
from core.models.people import Account  # noqa: E402
from core.search import SearchDoc  # noqa: E402
from core.services.academics import (  # noqa: E402
    CourseData,
    GroupData,
    create_course,
    create_group,
    do_enrol,
)
from core.services.accounts import actor_for  # noqa: E402
from core.services.api_tokens import TOKEN_PREFIX  # noqa: E402
from core.services.messages import search_messages  # noqa: E402
from core.services.orgs import OrganisationData, do_create_organisation  # noqa: E402
from core.services.people import PersonData, Role, do_create_person  # noqa: E402
from core.tx import transaction  # noqa: E402

GROUPS = 20
STUDENTS_PER_GROUP = 9  # with the teacher: ten members, 200 websocket clients
WINDOW = 2  # sends one client may have unanswered (at saturation: always has)
FLOOD_LIMIT = 100_000  # SABAQ_CHAT_MESSAGES_PER_MINUTE of the benchmark's servers
FILL_BATCH = 20_000

LAST = [
    "Ахметов", "Сейтқали", "Құрманғазы", "Сәтбаев", "Әуезов", "Нұрпейісова", "Үсенов",
    "Жұмабаев", "Ғабитова", "Иванова", "Ким", "Омаров", "Бекмұхамбетов", "Тоқаев", "Смагулова",
    "Петров", "Әбішев", "Ниязбекова", "Қасымов", "Оспанова", "Шәкенов", "Мұратова",
]  # fmt: skip
FIRST = [
    "Әлихан", "Айгөлек", "Нұрсұлтан", "Ұлжан", "Өмірзақ", "Һидаят", "Іңкәр", "Қанат", "Айгүл",
    "Тимур", "Дина", "Ерлан", "Мария", "Алексей", "Жансая", "Бауыржан",
]  # fmt: skip

# --- message texts in Kazakh, Russian and English ------------------------------------------

KK = (
    "Бүгінгі сабақта {topic_kk} тақырыбын өттік, үй жұмысы — {n}-жаттығу.",
    "Ертең сабаққа {item_kk} алып келіңіздер.",
    "Сабақтар кестесі өзгерді: {day_kk} сағат {time}-да.",
    "{name}, үй тапсырмасын жібердің бе?",
    "Мұғалім, {n}-беттегі есепті түсінбедім.",
    "Рахмет! Сабақтан кейін {place_kk} кездесеміз.",
    "Бақылау жұмысы {day_kk} болады, {topic_kk} қайталаңыздар.",
    "Сәлеметсіз бе! Мен бүгін сабаққа кешігемін, кешіріңіз.",
    "{n}-жаттығудың жауабы дұрыс па? Тексеріп беріңізші.",
    "Сабақта айтылған тапсырманы ертеңге дейін орындаймын.",
)
RU = (
    "Домашнее задание на {day_ru}: параграф {n}, упражнения {n2}–{n3}.",
    "Завтра урок переносится на {time}.",
    "Кто сделал домашку по теме «{topic_ru}»?",
    "{name}, принеси, пожалуйста, {item_ru} на урок.",
    "Контрольная по теме «{topic_ru}» будет в {day_ru}.",
    "Спасибо за урок! Можно вопрос по домашней работе?",
    "На уроке разбирали {topic_ru}, презентация во вложении.",
    "Я опоздаю на урок минут на десять, извините.",
    "Проверьте, пожалуйста, упражнение {n}, я не уверен в ответе.",
    "Ещё раз напоминаю про домашнее задание к {day_ru}.",
)
EN = (
    "Homework for {day_en}: page {n}, exercises {n2}-{n3}.",
    "The lesson tomorrow starts at {time}.",
    "Did anyone finish the {topic_en} homework?",
    "Exam on {topic_en} next {day_en}, revise chapter {n}.",
    "Thanks for the lesson! I have a question about exercise {n}.",
    "{name}, please bring {item_en} to the lesson.",
    "Slides from today's lesson on {topic_en} are attached.",
)
SLOTS: dict[str, tuple[str, ...]] = {
    "topic_kk": ("бөлшектер", "теңдеулер", "Абай өлеңдері", "фотосинтез", "Қазақ хандығы"),
    "topic_ru": ("дроби", "уравнения", "Пушкин", "фотосинтез", "законы Ньютона", "Абай"),
    "topic_en": ("fractions", "equations", "photosynthesis", "Newton's laws", "Present Perfect"),
    "item_kk": ("сызғыш", "дәптер", "оқулық", "калькулятор", "атлас"),
    "item_ru": ("линейку", "тетрадь", "учебник", "калькулятор", "атлас"),
    "item_en": ("a ruler", "your notebook", "the textbook", "a calculator", "the atlas"),
    "day_kk": ("дүйсенбіде", "сейсенбіде", "сәрсенбіде", "бейсенбіде", "жұмада", "сенбіде"),
    "day_ru": ("понедельник", "вторник", "среду", "четверг", "пятницу", "субботу"),
    "day_en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"),
    "place_kk": ("кітапханада", "асханада", "спортзалда", "301-кабинетте"),
    "time": ("8:30", "9:15", "10:00", "11:45", "14:00", "15:30"),
    "name": tuple(FIRST),
}  # fmt: skip
RARE = ("олимпиада", "олимпиаде", "olympiad")  # about one message in a thousand
SYLLABLES = ("қа", "ра", "ла", "ғы", "ті", "ме", "ны", "ко", "ста", "ер", "ұл", "өз", "ба", "де")


class Texts:
    """Messages like a school's: templates in three languages, a long tail of other words."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)
        tail = {
            "".join(self._rng.choice(SYLLABLES) for _ in range(self._rng.randint(2, 4)))
            for _ in range(20_000)
        }
        self._tail = sorted(tail)

    def __call__(self) -> str:
        rng = self._rng
        roll = rng.random()
        templates = KK if roll < 0.45 else RU if roll < 0.85 else EN
        values = {key: rng.choice(options) for key, options in SLOTS.items()}
        number = rng.randint(1, 120)
        text = rng.choice(templates).format(n=number, n2=number + 1, n3=number + 4, **values)
        extra = [
            self._tail[min(int(rng.paretovariate(1.1)) - 1, len(self._tail) - 1)]
            if rng.random() < 0.5
            else rng.choice(self._tail)
            for _ in range(rng.randint(0, 6))
        ]
        if rng.random() < 0.001:
            extra.append(rng.choice(RARE))
        return " ".join([text, *extra])


# --- figures ---------------------------------------------------------------------------


def rounded(value: float | None, digits: int = 1) -> float | None:
    if value is None or math.isnan(value):  # nothing was measured
        return None
    return round(value, digits)


@dataclass(frozen=True)
class Paced:
    offered_per_s: float
    sent_per_s: float
    skipped: int
    acked_per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    received_msgs_per_s: float
    undelivered: int


@dataclass(frozen=True)
class Kill:
    acked: int
    lost: int
    in_flight: int
    stored_unacked: int
    resent_stored: int
    duplicates: int


@dataclass(frozen=True)
class Searched:
    indexed: int
    fill_per_s: float
    p50_ms: float
    p95_ms: float


# --- seeding through core services -----------------------------------------------------


@dataclass(frozen=True)
class Member:
    person_id: int
    token: str
    conversation_id: int
    teacher: bool


@dataclass(frozen=True)
class Population:
    """What was seeded: 200 members with tokens, their group conversations, the methodist."""

    members: tuple[Member, ...]
    conversations: tuple[int, ...]
    group_names: tuple[str, ...]
    account_of: dict[int, int]  # person → account
    methodist_id: int


async def mint_token(person_id: int, now: datetime) -> tuple[int, str]:
    """An account and a bearer token stored as ``api_tokens.create_token`` stores it (only its
    SHA-256). ``create_token`` checks a password with argon2 first, up to half a second per
    account on this (shared) machine, which would make seeding the longest part of the run."""
    account = await Account.create(person_id=person_id, login=f"bench{person_id}", created_at=now)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    _ = await ApiToken.create(
        account_id=account.id,
        name="bench",
        token_hash=hashlib.sha256(token.encode()).hexdigest(),
        created_at=now,
    )
    return account.id, token


async def seed(settings: Settings) -> Population:
    """Migrate the database and fill the organisation, its groups and their chats."""
    await migrate(settings)
    deps = build_deps(settings, clock=SystemClock())
    try:
        # Neither the migrations nor ``sabaq run`` create the search index (the tests create
        # it like this); without it every send fails with "no such table: chat_search".
        await deps.search.ensure()
        async with transaction(deps) as tx:
            org = await do_create_organisation(
                tx,
                Actor.system(0, "bench"),
                kind=OrganisationKind.SCHOOL,
                data=OrganisationData(name_kk="Мектеп", name_ru="Школа", name_en="School"),
            )
        system = Actor.system(org.id, "bench")
        size = GROUPS * (1 + STUDENTS_PER_GROUP)
        async with transaction(deps) as tx:
            people = [
                await do_create_person(
                    tx,
                    system,
                    organisation_id=org.id,
                    data=PersonData(LAST[n % len(LAST)], FIRST[n % len(FIRST)]),
                    roles=(Role.TEACHER if n < GROUPS or n == size else Role.STUDENT,),
                    audit=False,
                )
                for n in range(size + 1)
            ]
            tokens = {person.id: await mint_token(person.id, tx.now) for person in people}
        teachers, students, methodist = people[:GROUPS], people[GROUPS:size], people[size]
        course = await create_course(deps, system, data=CourseData(name_kk="Математика"))
        members: list[Member] = []
        conversations: list[int] = []
        names: list[str] = []
        for index, teacher in enumerate(teachers):
            name = f"Топ {index + 1:02d}"
            card = await create_group(
                deps,
                system,
                data=GroupData(
                    course_id=course.id,
                    name=name,
                    capacity=STUDENTS_PER_GROUP,
                    teacher_ids=(teacher.id, methodist.id),
                ),
            )
            group_students = students[
                index * STUDENTS_PER_GROUP : (index + 1) * STUDENTS_PER_GROUP
            ]
            async with transaction(deps) as tx:
                group = await Group.select_for_update().get(id=card.id)
                for student in group_students:
                    _ = await do_enrol(
                        tx,
                        system,
                        group=group,
                        student=student,
                        starts_on=tx.now.date(),
                        audit=False,
                    )
            conversation = await Conversation.get(group_id=card.id)
            conversations.append(conversation.id)
            names.append(name)
            for person in (teacher, *group_students):
                members.append(
                    Member(person.id, tokens[person.id][1], conversation.id, person is teacher)
                )
    finally:
        await deps.aclose()
        await close_db()
    return Population(
        members=tuple(members),
        conversations=tuple(conversations),
        group_names=tuple(names),
        account_of={person_id: account for person_id, (account, _) in tokens.items()},
        methodist_id=methodist.id,
    )


def seed_worker(data_dir: str, database_url: str) -> dict[str, Any]:
    """Seed in a process of its own and return the population as plain data.

    Tortoise does not re-initialise cleanly in one process: a second ``migrate`` after
    ``close_db`` fails, on the same or the other dialect. Seeding in worker processes also
    lets SQLite and PostgreSQL be seeded at the same time.
    """
    settings = load_settings(data_dir=Path(data_dir), database_url=database_url, _env_file=None)
    return dataclasses.asdict(asyncio.run(seed(settings)))


def population_from(data: dict[str, Any]) -> Population:
    return Population(
        members=tuple(Member(**member) for member in data["members"]),
        conversations=tuple(data["conversations"]),
        group_names=tuple(data["group_names"]),
        account_of=dict(data["account_of"]),
        methodist_id=data["methodist_id"],
    )


# --- server processes ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Server:
    """One ``python -m sabaq run`` process; its output goes to a log file in its data dir."""

    def __init__(self, name: str, data_dir: Path, env: dict[str, str]) -> None:
        self.name = name
        self.data_dir = data_dir
        self.port = free_port()
        data_dir.mkdir(parents=True, exist_ok=True)
        self.env = {
            key: value for key, value in os.environ.items() if not key.startswith("SABAQ_")
        }
        self.env |= env | {
            "SABAQ_DATA_DIR": str(data_dir),
            "SABAQ_HOST": "127.0.0.1",
            "SABAQ_PORT": str(self.port),
            "SABAQ_CHAT_MESSAGES_PER_MINUTE": str(FLOOD_LIMIT),
            "PYTHONPATH": str(ROOT),
        }
        self.log_path = data_dir / f"server-{name}.log"
        self._log: TextIO = self.log_path.open("a", encoding="utf-8")
        self.process: asyncio.subprocess.Process | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        # cwd is the data dir, so the repository's .env (if any) is not read.
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "sabaq",
            "run",
            cwd=self.data_dir,
            env=self.env,
            stdout=self._log,
            stderr=self._log,
        )

    async def ready(self, session: aiohttp.ClientSession, within_s: float = 180) -> float:
        """Wait until ``/healthz`` answers; seconds since this call."""
        started = time.perf_counter()
        while time.perf_counter() - started < within_s:
            if self.process is None or self.process.returncode is not None:
                break
            with contextlib.suppress(aiohttp.ClientError, OSError):
                async with session.get(self.url + "/healthz") as response:
                    if response.status == 200:
                        return time.perf_counter() - started
            await asyncio.sleep(0.2)
        raise SystemExit(f"server {self.name} did not start:\n{self.tail()}")

    async def kill(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGKILL)
            _ = await self.process.wait()

    async def stop(self) -> None:
        if self.process is None or self.process.returncode is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            _ = await asyncio.wait_for(self.process.wait(), 20)
        except TimeoutError:
            await self.kill()

    def tail(self, lines: int = 30) -> str:
        self._log.flush()
        return "\n".join(self.log_path.read_text(encoding="utf-8").splitlines()[-lines:])

    def complaints(self) -> int:
        """Lines the server logged at WARNING or above (resyncs, failed deliveries)."""
        text = self.log_path.read_text(encoding="utf-8")
        return sum(1 for line in text.splitlines() if " WARNING " in line or " ERROR " in line)

    def close_log(self) -> None:
        self._log.close()


# --- websocket clients -----------------------------------------------------------------


@dataclass(eq=False)
class Client:
    member: Member
    ws: aiohttp.ClientWebSocketResponse
    unacked: int = 0
    credit: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(WINDOW))
    closed: bool = False


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


class Load:
    """Websocket clients in this process. Each ``client_id`` reads ``<tag>|<sent ns>|<n>``:
    the phase, the sender's ``time.monotonic_ns()`` and a serial that keeps it unique."""

    def __init__(
        self, session: aiohttp.ClientSession, members: Sequence[Member], urls: Sequence[str]
    ) -> None:
        self.session = session
        self.members = members
        self.urls = urls
        self.others = len(members) // GROUPS - 1  # who receives each message
        self.clients: list[Client] = []
        self.readers: list[asyncio.Task[None]] = []
        texts = Texts(7)
        self.texts = [texts() for _ in range(2000)]
        self.serial = itertools.count()
        self.sent: dict[str, list[int]] = defaultdict(list)  # tag → sent ns
        self.deliveries: dict[str, list[tuple[int, int]]] = defaultdict(list)  # (sent, received)
        self.acks: dict[str, list[int]] = defaultdict(list)  # tag → ack ns
        self.in_flight: dict[str, Member] = {}  # client_id → sender, until answered
        self.acked: dict[str, int] = {}  # client_id → conversation (kill test tags only)
        self.acked_goal = 0  # the kill test kills the server once this many were acked
        self.goal_reached = asyncio.Event()
        self.errors: Counter[str] = Counter()

    async def connect(self) -> float:
        started = time.perf_counter()
        gate = asyncio.Semaphore(20)

        async def open_one(index: int, member: Member) -> Client:
            async with gate:
                ws = await self.session.ws_connect(
                    self.urls[index % len(self.urls)] + "/api/v1/ws",
                    headers=bearer(member.token),
                    max_msg_size=0,
                )
                hello = await ws.receive_json()
                if hello.get("type") != "hello":
                    raise SystemExit(f"expected hello, got {hello}")
                return Client(member, ws)

        self.clients = list(
            await asyncio.gather(*(open_one(i, m) for i, m in enumerate(self.members)))
        )
        self.readers = [asyncio.create_task(self._read(client)) for client in self.clients]
        return time.perf_counter() - started

    async def close(self) -> None:
        for client in self.clients:
            with contextlib.suppress(Exception):
                await client.ws.close()
        for reader in self.readers:
            reader.cancel()
        _ = await asyncio.gather(*self.readers, return_exceptions=True)

    async def _read(self, client: Client) -> None:
        person_id = client.member.person_id
        try:
            async for raw in client.ws:
                if raw.type is not aiohttp.WSMsgType.TEXT:
                    continue
                now = time.monotonic_ns()
                frame = json.loads(raw.data)
                kind = frame.get("type")
                if kind == "message":
                    message = frame["message"]
                    client_id = message.get("client_id") or ""
                    if client_id.count("|") == 2 and message["author_id"] != person_id:
                        tag, sent, _ = client_id.split("|")
                        self.deliveries[tag].append((int(sent), now))
                elif kind == "ack":
                    client_id = frame["client_id"]
                    tag = client_id.split("|", 1)[0]
                    self.acks[tag].append(now)
                    self._answered(client, client_id)
                    if tag == "k":  # the kill test
                        self.note_acked(client_id, frame["message"]["conversation_id"])
                elif kind == "error":
                    self.errors[str(frame.get("code"))] += 1
                    if frame.get("client_id"):
                        self._answered(client, frame["client_id"])
        finally:
            client.closed = True
            client.credit.release()  # a pump waiting for credit sees the close

    def note_acked(self, client_id: str, conversation_id: int) -> None:
        self.acked[client_id] = conversation_id
        if self.acked_goal and len(self.acked) >= self.acked_goal:
            self.goal_reached.set()

    def _answered(self, client: Client, client_id: str) -> None:
        self.in_flight.pop(client_id, None)
        client.unacked -= 1
        client.credit.release()

    async def send(self, client: Client, tag: str) -> None:
        now = time.monotonic_ns()
        client_id = f"{tag}|{now}|{next(self.serial)}"
        self.sent[tag].append(now)
        self.in_flight[client_id] = client.member
        client.unacked += 1
        frame = {
            "type": "send",
            "conversation_id": client.member.conversation_id,
            "client_id": client_id,
            "text": self.texts[now % len(self.texts)],
        }
        await client.ws.send_str(json.dumps(frame, ensure_ascii=False))

    async def paced(self, tag: str, rate: float, warmup: float, seconds: float) -> Paced:
        """Offer ``rate`` messages a second, round-robin over the clients; time arrivals.

        A client with ``WINDOW`` sends unanswered skips its turn (counted), as a real
        client would stop typing into a chat that does not answer; so a server slower than
        the offered rate shows as a lower sent rate instead of an ever-growing queue.
        """
        order = self.clients[:]
        random.Random(3).shuffle(order)
        interval = 1e9 / rate
        start = time.monotonic_ns()
        measured_from = start + int(warmup * 1e9)
        end = measured_from + int(seconds * 1e9)
        due = float(start)
        skipped = 0
        for n in itertools.count():
            if due >= end:
                break
            now = time.monotonic_ns()
            if due > now:
                await asyncio.sleep((due - now) / 1e9)
            client = order[n % len(order)]
            if client.unacked >= WINDOW:
                skipped += due >= measured_from
            elif not client.closed:
                await self.send(client, tag)
            due += interval
        await self.settle()
        in_window = sum(1 for sent in self.sent[tag] if measured_from <= sent < end)
        latencies = [
            (received - sent) / 1e6
            for sent, received in self.deliveries[tag]
            if measured_from <= sent < end
        ]
        received = sum(
            1 for _, received in self.deliveries[tag] if measured_from <= received < end
        )
        acked = sum(1 for ack in self.acks[tag] if measured_from <= ack < end)
        return Paced(
            offered_per_s=rate,
            sent_per_s=in_window / seconds,
            skipped=skipped,
            acked_per_s=acked / seconds,
            p50_ms=percentile(latencies, 0.5),
            p95_ms=percentile(latencies, 0.95),
            p99_ms=percentile(latencies, 0.99),
            received_msgs_per_s=received / self.others / seconds,
            undelivered=in_window * self.others - len(latencies),
        )

    async def settle(self, within_s: float = 60) -> None:
        """Wait until every send was answered and every acked message reached the others,
        or nothing changed for 5 s, so that one phase's backlog does not bleed into the next.
        """
        deadline = time.monotonic() + within_s
        last: tuple[int, int] = (-1, -1)
        quiet_since = time.monotonic()
        while time.monotonic() < deadline:
            delivered = sum(len(items) for items in self.deliveries.values())
            expected = sum(len(items) for items in self.acks.values()) * self.others
            if not self.in_flight and delivered >= expected:
                return
            if (len(self.in_flight), delivered) != last:
                last, quiet_since = (len(self.in_flight), delivered), time.monotonic()
            elif time.monotonic() - quiet_since > 5:
                return
            await asyncio.sleep(0.1)

    async def pump(self, client: Client, tag: str, until: float) -> None:
        """Send as fast as acks come back, ``WINDOW`` in flight, until the deadline or the
        connection closes."""
        with contextlib.suppress(ConnectionError, aiohttp.ClientError):
            while time.monotonic() < until:
                await client.credit.acquire()
                if client.closed or time.monotonic() >= until:
                    return
                await self.send(client, tag)

    def reset_credit(self) -> None:
        for client in self.clients:
            client.credit = asyncio.Semaphore(max(0, WINDOW - client.unacked))

    async def saturate(self, tag: str, seconds: float) -> float:
        """Messages stored (acked) per second with every client sending flat out: all acks
        over the time from the first send to the last ack, so the sends in flight at the
        start and at the end count at their real cost."""
        self.reset_credit()
        start = time.monotonic_ns()
        until = time.monotonic() + seconds
        _ = await asyncio.gather(*(self.pump(client, tag, until) for client in self.clients))
        await self.settle()
        acks = self.acks[tag]
        return len(acks) / ((max(acks) - start) / 1e9) if acks else 0.0


@dataclass(frozen=True)
class Measured:
    light: Paced
    target: Paced
    stored_per_s: float


def report(paced: Paced, others: int) -> None:
    print(
        f"  offered {paced.offered_per_s:.0f}/s: sent {paced.sent_per_s:.0f}/s "
        f"({paced.skipped} turns skipped with {WINDOW} sends unanswered), "
        f"acked {paced.acked_per_s:.0f}/s"
    )
    print(
        f"    send→receive p50 {paced.p50_ms:.1f} ms, p95 {paced.p95_ms:.1f} ms, "
        f"p99 {paced.p99_ms:.1f} ms; received {paced.received_msgs_per_s:.0f} messages/s "
        f"(each by {others} members); {paced.undelivered} deliveries missing"
    )


async def measure(load: Load, phase: str, options: Options) -> Measured:
    """Latency at a light rate and at the target rate, then the stored rate at saturation."""
    opened = await load.connect()
    print(f"  {len(load.clients)} websockets open in {opened:.1f} s")
    light = await load.paced(f"{phase}-light", options.light_rate, 1, options.light_seconds)
    report(light, load.others)
    target = await load.paced(f"{phase}-rate", options.rate, 2, options.seconds)
    report(target, load.others)
    stored = await load.saturate(f"{phase}-flat", options.saturation_seconds)
    print(f"  saturation ({WINDOW} sends in flight per client): {stored:.0f} messages/s stored")
    if load.errors:
        print(f"  error frames: {dict(load.errors)}")
    return Measured(light, target, stored)


# --- the kill test ---------------------------------------------------------------------


async def last_seqs(
    session: aiohttp.ClientSession, url: str, teachers: Sequence[Member]
) -> dict[int, int]:
    seqs: dict[int, int] = {}
    for teacher in teachers:
        async with session.get(
            url + "/api/v1/conversations", headers=bearer(teacher.token)
        ) as response:
            for view in (await response.json())["conversations"]:
                seqs[view["id"]] = view["last_seq"]
    return seqs


async def stored_client_ids(
    session: aiohttp.ClientSession,
    url: str,
    teachers: Sequence[Member],
    after: dict[int, int],
) -> dict[int, Counter[str]]:
    """Client ids of the messages stored after ``after[conversation]``, read through REST."""
    found: dict[int, Counter[str]] = {}
    for teacher in teachers:
        conversation, seq = teacher.conversation_id, after[teacher.conversation_id]
        counts: Counter[str] = Counter()
        while True:
            async with session.get(
                f"{url}/api/v1/conversations/{conversation}/messages",
                params={"after": seq, "limit": 100},
                headers=bearer(teacher.token),
            ) as response:
                page = await response.json()
            for message in page["messages"]:
                seq = message["seq"]
                if message["client_id"]:
                    counts[message["client_id"]] += 1
            if not page["has_more"] or not page["messages"]:
                break
        found[conversation] = counts
    return found


async def rest_post(
    session: aiohttp.ClientSession, url: str, member: Member, client_id: str, text: str
) -> int:
    async with session.post(
        f"{url}/api/v1/conversations/{member.conversation_id}/messages",
        json={"text": text, "client_id": client_id},
        headers=bearer(member.token),
    ) as response:
        return response.status


async def kill_test(
    load: Load, server: Server, session: aiohttp.ClientSession, *, kill_after_acks: int
) -> Kill:
    """SIGKILL the server during a burst; every acknowledged message must survive."""
    teachers = [member for member in load.members if member.teacher]
    before = await last_seqs(session, server.url, teachers)
    stop = time.monotonic() + 60
    load.reset_credit()

    async def rest_poster(member: Member) -> None:
        with contextlib.suppress(aiohttp.ClientError, OSError):
            while time.monotonic() < stop:
                client_id = f"r|{time.monotonic_ns()}|{next(load.serial)}"
                load.in_flight[client_id] = member
                status = await rest_post(session, server.url, member, client_id, "REST сабақ")
                if status in {200, 201}:
                    load.in_flight.pop(client_id)
                    load.note_acked(client_id, member.conversation_id)

    burst = [asyncio.create_task(load.pump(client, "k", stop)) for client in load.clients]
    burst += [asyncio.create_task(rest_poster(member)) for member in teachers]
    started = time.monotonic()
    load.acked_goal = kill_after_acks
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(load.goal_reached.wait(), 30)
    await server.kill()
    killed_after = time.monotonic() - started
    # The readers end when their connection does, after reading every frame that reached
    # this side: then acked and in_flight hold what the clients were (not) told.
    _, pending = await asyncio.wait([*burst, *load.readers], timeout=15)
    for task in pending:
        task.cancel()
    await load.close()
    acked = dict(load.acked)
    in_flight = {
        cid: member for cid, member in load.in_flight.items() if cid.split("|")[0] in {"k", "r"}
    }
    print(
        f"  SIGKILL {killed_after:.1f} s into the burst: {len(acked)} messages acknowledged "
        f"({len(load.acks['k'])} ws acks, {len(acked) - len(load.acks['k'])} REST 201/200), "
        f"{len(in_flight)} sent but not acknowledged; {len(pending)} tasks had to be cancelled"
    )
    print(f"  restarted in {await restart(server, session):.1f} s")
    stored = await stored_client_ids(session, server.url, teachers, before)
    lost = [cid for cid, conversation in acked.items() if cid not in stored[conversation]]
    stored_unacked = sum(
        1 for cid, member in in_flight.items() if cid in stored[member.conversation_id]
    )
    resent = await asyncio.gather(
        *(
            rest_post(session, server.url, member, cid, "REST сабақ")
            for cid, member in in_flight.items()
        )
    )
    after_resend = await stored_client_ids(session, server.url, teachers, before)
    duplicates = sum(
        count - 1 for counts in after_resend.values() for count in counts.values() if count > 1
    )
    return Kill(
        acked=len(acked),
        lost=len(lost),
        in_flight=len(in_flight),
        stored_unacked=stored_unacked,
        resent_stored=sum(1 for status in resent if status == 200),
        duplicates=duplicates,
    )


async def restart(server: Server, session: aiohttp.ClientSession) -> float:
    started = time.perf_counter()
    await server.start()
    await server.ready(session)
    return time.perf_counter() - started


# --- search ----------------------------------------------------------------------------


async def fill(deps: Deps, population: Population, count: int) -> float:
    """Bulk-insert ``count`` messages into the group chats and index them; rows per second.

    The fast path: plain multi-row inserts and ``deps.search.index`` per batch, in one
    transaction per batch (what ``send_message`` does row by row)."""
    rng = random.Random(11)
    texts = Texts(13)
    authors: dict[int, list[int]] = defaultdict(list)
    for member in population.members:
        authors[member.conversation_id].append(member.person_id)
    organisation = {
        row["id"]: row["organisation_id"]
        for row in await Conversation.filter(id__in=population.conversations).values(
            "id", "organisation_id"
        )
    }
    seqs = {
        row["id"]: int(row["last_seq"])
        for row in await Conversation.filter(id__in=population.conversations).values(
            "id", "last_seq"
        )
    }
    last = await Message.all().order_by("-id").first()
    next_id = (last.id if last else 0) + 1
    now = datetime.now(UTC)
    first = now - timedelta(days=300)
    step = (now - timedelta(minutes=5) - first) / max(count, 1)
    sql = (
        "INSERT INTO chat_message (id, conversation_id, seq, author_id, text, reply_to_id,"
        " mentions, has_file, client_id, source, created_at, hidden_reason)"
        " VALUES (?, ?, ?, ?, ?, NULL, '[]', ?, NULL, 'web', ?, '')"
    )
    started = time.perf_counter()
    done = 0
    while done < count:
        rows: list[list[Any]] = []
        docs: list[SearchDoc] = []
        for n in range(done, min(count, done + FILL_BATCH)):
            conversation = rng.choice(population.conversations)
            seqs[conversation] += 1
            author = rng.choice(authors[conversation])
            text = texts()
            created = first + step * n
            has_file = rng.random() < 0.02
            rows.append(
                [next_id, conversation, seqs[conversation], author, text, has_file, created]
            )
            docs.append(
                SearchDoc(
                    message_id=next_id,
                    conversation_id=conversation,
                    organisation_id=organisation[conversation],
                    author_id=author,
                    seq=seqs[conversation],
                    text=text,
                    created_at=created,
                    has_file=has_file,
                )
            )
            next_id += 1
        async with transaction(deps):
            await connections.get("default").execute_many(sql, rows)
            await deps.search.index(docs)
        done += len(rows)
        if done % 200_000 == 0 or done == count:
            rate = done / (time.perf_counter() - started)
            print(f"  {done} messages filled ({rate:.0f}/s)")
    async with transaction(deps):
        for conversation, seq in seqs.items():
            _ = await Conversation.filter(id=conversation).update(last_seq=seq)
    return count / (time.perf_counter() - started)


def queries(population: Population) -> list[str]:
    today = datetime.now(UTC).date()
    teacher = LAST[0]
    return [
        "сабақ",
        "сабаққа",
        "сабақтар кестесі",
        "үй жұмысы",
        "жаттығу",
        "домашн",
        "домашнее задание",
        "урок",
        "контрольная",
        "homework",
        "exam",
        "lesson tomorrow",
        "олимпиада",
        f"сабақ from:{teacher}",
        f'урок in:"{population.group_names[3]}"',
        "has:file",
        "homework has:file",
        f"after:{today - timedelta(days=30):%Y-%m-%d} сабақ",
        f"before:{today - timedelta(days=200):%Y-%m-%d} домашн",
        f"from:{FIRST[1]} урок",
    ]


async def timed_searches(deps: Deps, population: Population, rounds: int) -> list[float]:
    """Milliseconds per ``search_messages`` call, as students, teachers and the methodist."""
    rng = random.Random(5)
    students = [m.person_id for m in population.members if not m.teacher]
    teachers = [m.person_id for m in population.members if m.teacher]
    cache: dict[int, Actor] = {}

    async def actor(person_id: int) -> Actor:
        if person_id not in cache:
            found = await actor_for(population.account_of[person_id])
            assert found is not None
            cache[person_id] = found
        return cache[person_id]

    mix = queries(population)
    personas = [
        ("student", students),
        ("teacher", teachers),
        ("methodist", [population.methodist_id]),
    ]
    for text in mix:  # warm-up: the page cache, the actors
        _ = await search_messages(deps, await actor(population.methodist_id), query=text)
    timings: list[float] = []
    by_persona: dict[str, list[float]] = defaultdict(list)
    hits = 0
    for n in range(rounds):
        text = mix[n % len(mix)]
        persona, pool = personas[n // len(mix) % len(personas)]
        searcher = await actor(rng.choice(pool))
        started = time.perf_counter()
        found = await search_messages(deps, searcher, query=text, limit=20)
        elapsed = (time.perf_counter() - started) * 1000
        timings.append(elapsed)
        by_persona[persona].append(elapsed)
        hits += len(found)
    for persona, values in by_persona.items():
        print(
            f"  as a {persona}: p50 {statistics.median(values):.1f} ms, "
            f"p95 {percentile(values, 0.95):.1f} ms ({len(values)} queries)"
        )
    print(f"  {hits / max(rounds, 1):.1f} hits per query on average (at most 20)")
    return timings


async def search_phase(settings: Settings, population: Population, count: int) -> Searched:
    await open_db(settings)
    deps = build_deps(settings, clock=SystemClock())
    try:
        await deps.search.ensure()
        fill_rate = await fill(deps, population, count)
        indexed = await Message.filter(hidden_at__isnull=True).count()
        print(f"  {indexed} messages in the index ({deps.search.name}); queries:")
        for text in queries(population):
            print(f"    {text}")
        timings = await timed_searches(deps, population, rounds=400 if count < 500_000 else 1200)
    finally:
        await deps.aclose()
        await close_db()
    return Searched(
        indexed=indexed,
        fill_per_s=fill_rate,
        p50_ms=statistics.median(timings),
        p95_ms=percentile(timings, 0.95),
    )


# --- PostgreSQL + Redis ----------------------------------------------------------------


async def forget_redis_keys(redis_url: str) -> None:
    """The rate limiter's keys the benchmark's servers left (they would expire anyway)."""
    client = Redis.from_url(redis_url)
    try:
        keys = [key async for key in client.scan_iter(match="LIMITS*")]
        if keys:
            _ = await client.delete(*keys)
    finally:
        await client.aclose()


# --- the run ---------------------------------------------------------------------------


@dataclass
class Options:
    rate: float
    seconds: float
    light_rate: float
    light_seconds: float
    saturation_seconds: float
    kill_after_acks: int
    search_messages: int
    postgres_url: str
    redis_url: str
    postgres: bool


@dataclass
class Results:
    sqlite: Measured | None = None
    postgres: Measured | None = None
    kill: Kill | None = None
    search: Searched | None = None
    complaints: dict[str, int] = field(default_factory=dict)


async def run(options: Options, results: Results) -> None:
    secret = secrets.token_urlsafe(32)
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} "
        "(the servers, the clients and anything else running share them)"
    )
    with tempfile.TemporaryDirectory(prefix="sabaq-bench-chat-") as tmp:
        base = Path(tmp)
        servers: list[Server] = []
        try:
            async with contextlib.AsyncExitStack() as stack:
                pg_url = ""
                if options.postgres:
                    pg_url = await stack.enter_async_context(
                        temporary_database(options.postgres_url)
                    )
                databases = "SQLite and a temporary PostgreSQL database" if pg_url else "SQLite"
                print(f"seeding {GROUPS} groups of {1 + STUDENTS_PER_GROUP} on {databases} ...")
                started = time.perf_counter()
                loop = asyncio.get_running_loop()
                spawn = multiprocessing.get_context("spawn")
                with ProcessPoolExecutor(max_workers=2, mp_context=spawn) as pool:
                    seeding = [loop.run_in_executor(pool, seed_worker, str(base / "sqlite"), "")]
                    if pg_url:
                        seeding.append(
                            loop.run_in_executor(pool, seed_worker, str(base / "pg"), pg_url)
                        )
                    populations = [
                        population_from(data) for data in await asyncio.gather(*seeding)
                    ]
                print(f"  {time.perf_counter() - started:.1f} s")
                servers.append(Server("sqlite", base / "sqlite", {"SABAQ_SECRET_KEY": secret}))
                if pg_url:
                    env = {
                        "SABAQ_SECRET_KEY": secret,
                        "SABAQ_DATABASE_URL": pg_url,
                        "SABAQ_REDIS_URL": options.redis_url,
                        "SABAQ_FANOUT_CHANNEL": f"sabaq:bench:{secrets.token_hex(4)}",
                    }
                    servers += [Server(f"pg{n}", base / f"pg{n}", env) for n in (1, 2)]
                print(f"starting {len(servers)} server processes (python -m sabaq run) ...")
                started = time.perf_counter()
                for server in servers:
                    await server.start()
                connector = aiohttp.TCPConnector(limit=0)
                timeout = aiohttp.ClientTimeout(total=60)
                async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
                    _ = await asyncio.gather(*(server.ready(session) for server in servers))
                    print(f"  ready in {time.perf_counter() - started:.1f} s")
                    await phases(
                        options,
                        results,
                        session=session,
                        servers=servers,
                        population=populations[0],
                        pg_population=populations[1] if pg_url else None,
                    )
                for server in servers:
                    await server.stop()
                    results.complaints[server.name] = server.complaints()
                print(f"server log lines at WARNING or above: {results.complaints}")
            print("(b) search on SQLite")
            print(f"  bulk-filling {options.search_messages} kk/ru/en messages ...")
            sqlite_settings = load_settings(data_dir=base / "sqlite", _env_file=None)
            results.search = await search_phase(
                sqlite_settings, populations[0], options.search_messages
            )
            print(
                f"  search_messages: p50 {results.search.p50_ms:.1f} ms, "
                f"p95 {results.search.p95_ms:.1f} ms over {results.search.indexed} messages"
            )
        finally:
            for server in servers:
                await server.kill()
                server.close_log()
            if options.postgres:
                await forget_redis_keys(options.redis_url)


async def phases(
    options: Options,
    results: Results,
    *,
    session: aiohttp.ClientSession,
    servers: list[Server],
    population: Population,
    pg_population: Population | None,
) -> None:
    embedded = servers[0]
    print(f"(a) embedded default: SQLite, in-process fan-out, one process, port {embedded.port}")
    load = Load(session, population.members, [embedded.url])
    results.sqlite = await measure(load, "a", options)
    if pg_population is not None:
        pg1, pg2 = servers[1:]
        print(f"(c) PostgreSQL + Redis: two processes, ports {pg1.port} and {pg2.port}")
        pg_load = Load(session, pg_population.members, [pg1.url, pg2.url])
        try:
            results.postgres = await measure(pg_load, "c", options)
        finally:
            await pg_load.close()
        for server in servers[1:]:
            await server.stop()
    print("(d) kill test: SIGKILL the SQLite server during a send burst")
    results.kill = await kill_test(
        load, embedded, session, kill_after_acks=options.kill_after_acks
    )
    kill = results.kill
    print(
        f"  after restart: {kill.lost} of {kill.acked} acknowledged messages missing; "
        f"{kill.stored_unacked} of {kill.in_flight} in-flight ones were stored; "
        f"resending those with the same client_id: {kill.resent_stored} found stored (200), "
        f"{kill.duplicates} stored twice"
    )


def figures(options: Options, results: Results) -> dict[str, object]:
    sqlite, pg, kill, search = results.sqlite, results.postgres, results.kill, results.search
    return {
        "bench": "chat",
        "clients": GROUPS * (1 + STUDENTS_PER_GROUP),
        "groups": GROUPS,
        "offered_msgs_per_s": options.rate,
        "p50_ms": rounded(sqlite.target.p50_ms) if sqlite else None,
        "p95_ms": rounded(sqlite.target.p95_ms) if sqlite else None,
        "msgs_per_s": rounded(sqlite.target.received_msgs_per_s) if sqlite else None,
        "sent_msgs_per_s": rounded(sqlite.target.sent_per_s) if sqlite else None,
        "stored_msgs_per_s": rounded(sqlite.stored_per_s) if sqlite else None,
        "light_msgs_per_s": options.light_rate,
        "light_p50_ms": rounded(sqlite.light.p50_ms) if sqlite else None,
        "light_p95_ms": rounded(sqlite.light.p95_ms) if sqlite else None,
        "search_p50_ms": rounded(search.p50_ms, 2) if search else None,
        "search_p95_ms": rounded(search.p95_ms, 2) if search else None,
        "search_messages": search.indexed if search else None,
        "search_fill_per_s": rounded(search.fill_per_s, 0) if search else None,
        "pg_redis_p50_ms": rounded(pg.target.p50_ms) if pg else None,
        "pg_redis_p95_ms": rounded(pg.target.p95_ms) if pg else None,
        "pg_redis_msgs_per_s": rounded(pg.target.received_msgs_per_s) if pg else None,
        "pg_redis_stored_msgs_per_s": rounded(pg.stored_per_s) if pg else None,
        "pg_redis_light_p95_ms": rounded(pg.light.p95_ms) if pg else None,
        "acked_before_kill": kill.acked if kill else None,
        "lost_after_kill": kill.lost if kill else None,
        "duplicates_after_resend": kill.duplicates if kill else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the chat server end to end.")
    parser.add_argument(
        "--quick", action="store_true", help="short phases, 100,000 messages to search"
    )
    parser.add_argument("--rate", type=float, default=500, help="offered messages per second")
    parser.add_argument("--seconds", type=float, default=None, help="measured paced seconds")
    parser.add_argument(
        "--light-rate", type=float, default=50, help="a rate for latency without overload"
    )
    parser.add_argument("--search-messages", type=int, default=None)
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("SABAQ_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"),
        help="a server where a temporary database may be created and dropped",
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--no-postgres", action="store_true", help="skip (c)")
    args = parser.parse_args()
    options = Options(
        rate=args.rate,
        seconds=args.seconds or (5 if args.quick else 30),
        light_rate=args.light_rate,
        light_seconds=3 if args.quick else 10,
        saturation_seconds=5 if args.quick else 15,
        kill_after_acks=100 if args.quick else 1000,
        search_messages=args.search_messages or (100_000 if args.quick else 1_000_000),
        postgres_url=args.postgres_url,
        redis_url=args.redis_url,
        postgres=not args.no_postgres,
    )
    results = Results()
    started = time.perf_counter()
    asyncio.run(run(options, results))
    print(f"whole run {time.perf_counter() - started:.0f} s")
    print(json.dumps(figures(options, results)))


if __name__ == "__main__":
    main()
