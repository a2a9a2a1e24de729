"""Issue 7, "Done when", end to end: a teacher imports 20 questions from a GIFT file and builds
a test of 10 random ones for a group in the panel; three students take it in Telegram through
the Bot API emulator — Айгерім answers everything, Тимур is interrupted and resumes on the same
question, Дәурен runs out of time. Scores, grades, the item analysis and the rating come out
right, and the teacher is told the group finished. After a held lesson the students present
rate it and its teacher, and the teacher's card shows the rating.

The questions are drawn at random, so every expected figure is computed from the questions
each student was actually given (the bot's messages and ``attempt_review``) and the answers
chosen here.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

import pytest
from aiohttp import FormData

from bots.delivery import DeliveryWorker, Sender
from bots.texts import Translator
from core.actor import Actor
from core.clock import FrozenClock
from core.deps import Deps
from core.question_kinds import localised
from core.services.academics import enrol_student
from core.services.attendance import AttendanceStatus, mark_attendance
from core.services.grades import GradeKind, gradebook
from core.services.people import Role
from core.services.testing import attempt_review
from core.services.testing_reports import test_results as results_of
from sabaq.scheduler import Alone, Scheduler
from tests.bots import JSON, BotHarness, buttons, link_person
from tests.factories import make_member
from tests.lesson_factories import LessonCentre, lesson_at, local, make_lesson_centre
from tests.web import Panel, open_panel, text_of

en = Translator("en")
TITLE = "Контрольная по арифметике"
TOPIC = "Арифметика"
DAY = date(2026, 9, 1)  # the frozen clock starts at 11:00 in Almaty that day
PASS_PERCENT = 60
DAULET_LOGIN = "daulet@bilim.kz"  # password "correct horse", as everyone's


@dataclass(frozen=True)
class Asked:
    """A question of the teacher's GIFT file, and the right and a wrong answer to it: a
    button's label, or the text typed."""

    text: str
    gift: str
    right: str
    wrong: str
    points: int = 1
    typed: bool = False


def _bank() -> tuple[Asked, ...]:
    """Twelve sums to choose (1 point), five true-or-false products (1 point) and three
    products to type (2 points), e.g. ``::Q1:: Сколько будет 1 + 3? {=4 ~5 ~3}``."""
    sums = [
        Asked(
            f"Сколько будет {a} + {a + 2}?",
            f"{{={2 * a + 2} ~{2 * a + 3} ~{2 * a + 1}}}",
            str(2 * a + 2),
            str(2 * a + 3),
        )
        for a in range(1, 13)
    ]
    truths = [
        Asked(f"{a} × {b} больше {c}.", "{T}", "True", "False")
        if a * b > c
        else Asked(f"{a} × {b} больше {c}.", "{F}", "False", "True")
        for a, b, c in ((7, 8, 50), (6, 9, 56), (9, 9, 80), (4, 12, 50), (5, 11, 54))
    ]
    products = [
        Asked(
            f"Сколько будет {a} × {a + 3}? Введите число.",
            f"{{#{a * (a + 3)}}}",
            str(a * (a + 3)),
            str(a * (a + 3) + 1),
            points=2,
            typed=True,
        )
        for a in (3, 4, 6)
    ]
    return (*sums, *truths, *products)


BANK = {asked.text: asked for asked in _bank()}
assert len(BANK) == 20
GIFT = f"// Банк вопросов\n$CATEGORY: $course$/top/{TOPIC}\n\n" + "\n".join(
    (f"// points: {asked.points}\n" if asked.points != 1 else "")
    + f"::Q{number}:: {asked.text} {asked.gift}\n"
    for number, asked in enumerate(BANK.values(), start=1)
)


@dataclass(frozen=True)
class Expected:
    """A student's score by the questions drawn and the answers given (whole points)."""

    score: int
    most: int

    @property
    def share(self) -> Fraction:
        return Fraction(self.score, self.most)

    @property
    def percent(self) -> int:
        return self.score * 100 // self.most  # rounded down: nobody passes by rounding

    @property
    def grade(self) -> str:
        """The five-point scale (the default): ≥ 90 % → 5, ≥ 70 % → 4, ≥ 50 % → 3, else 2."""
        tenths = self.share * 10
        return "5" if tenths >= 9 else "4" if tenths >= 7 else "3" if tenths >= 5 else "2"

    def result(self, *, timed_out: bool = False) -> list[str]:
        return [
            *(["Time is up."] if timed_out else []),
            f"Result of “{TITLE}”: {self.score} of {self.most} points, {self.percent}%.",
            "Passed." if self.percent >= PASS_PERCENT else "Not passed.",
            f"Grade: {self.grade}.",
        ]


def half_up_tenth(share: Fraction) -> str:
    """A share as a percent rounded half up to a tenth, as the rating shows it."""
    return f"{int(share * 1000 + Fraction(1, 2)) / 10:.1f}"


@pytest.fixture
async def worker(deps: Deps, main_bot: BotHarness) -> AsyncIterator[DeliveryWorker]:
    sender = Sender(main_bot.bot, per_second=1000, private_interval=0, group_interval=0)
    yield DeliveryWorker(deps, sender, lease_seconds=60)
    sender.uninstall()


async def telegram_user(bot: BotHarness, deps: Deps, centre: LessonCentre, actor: Actor) -> int:
    user = bot.add_user(language_code="en")
    welcome = await link_person(bot, deps, centre.admin, actor.person_id or 0, user)
    await bot.press(user, welcome, "lang:en", expect=1)
    return user


def data_of(message: JSON, label: str) -> str:
    return next(data for text, data in buttons(message) if text == label)


def shown(message: JSON) -> Asked:
    """The bank question a question message shows ("Question 3 of 10 · ⏱ …", "", text, …)."""
    return BANK[message["text"].splitlines()[2]]


# --- the panel ---------------------------------------------------------------------------------


async def import_and_build(panel: Panel, centre: LessonCentre) -> int:
    """The teacher imports the GIFT file, builds "10 random of Арифметика", publishes it and
    assigns it to the group; the test's id."""
    await panel.get("/questions/import")
    form = FormData()
    for name, value in {
        "csrf_token": panel.csrf,
        "format": "gift",
        "language": "ru",
        "course": str(centre.course_id),
        "topic": "",
    }.items():
        form.add_field(name, value)
    form.add_field("file", GIFT.encode(), filename="moodle.txt")
    response, body = await panel.post("/questions/import", form)
    assert response.status == 200 and "Imported 20 questions." in text_of(body)

    response, body = await panel.post(
        "/tests/new",
        {
            "title": TITLE,
            "course_id": str(centre.course_id),
            "time_limit_minutes": "20",
            "attempts_allowed": "1",
            "pass_percent": str(PASS_PERCENT),
            "shuffle_options": "1",
        },
    )
    assert "The test is created." in text_of(body)
    test_id = int(response.url.path.rsplit("/", 1)[1])
    _, body = await panel.post(f"/tests/{test_id}/items/random", {"topic": TOPIC, "count": "10"})
    assert f"10 random questions of “{TOPIC}” (20 in the bank)" in text_of(body)
    _, body = await panel.post(f"/tests/{test_id}/publish")
    assert "The test is published" in text_of(body)
    _, body = await panel.post(f"/tests/{test_id}/assign", {"group_id": str(centre.group_id)})
    assert "The test is assigned." in text_of(body)
    return test_id


# --- Telegram ----------------------------------------------------------------------------------


async def open_from_notice(bot: BotHarness, user: int, test_id: int) -> JSON:
    """The assignment notice → "Start the test" → the card → "Start"; the first question."""
    notice = bot.sent(user)[-1]
    assert notice["text"] == f"You have a new test: {TITLE}."
    assert buttons(notice) == [("Start the test", f"test:start:{test_id}")]
    _, (card,) = await bot.press(user, notice, f"test:start:{test_id}", expect=1)
    assert card["text"].splitlines() == [
        f"“{TITLE}”",
        "Questions: 10",
        "Time limit: 20 min",
        "Attempts left: 1 of 1",
    ]
    _, (first,) = await bot.press(user, card, data_of(card, "Start"), expect=1)
    return first


async def take(
    bot: BotHarness, user: int, message: JSON, rights: Sequence[bool]
) -> tuple[list[tuple[Asked, bool]], JSON]:
    """Answer the questions from ``message`` on, right or wrong in turn: a tap or a typed
    answer each. Returns what was answered and the message that came next."""
    given = []
    for right in rights:
        asked = shown(message)
        given.append((asked, right))
        answer = asked.right if right else asked.wrong
        if asked.typed:
            (message,) = await bot.send(user, answer)
        else:
            _, (message,) = await bot.press(
                user, message, data_of(message, answer), expect=1, edits=1
            )
    return given, message


async def finish(bot: BotHarness, user: int, prompt: JSON) -> list[str]:
    assert prompt["text"] == "All 10 questions are answered. Finish the test?"
    _, (result,) = await bot.press(user, prompt, data_of(prompt, "Finish"), expect=1, edits=1)
    return list(result["text"].splitlines())


Given = list[tuple[Asked, bool]]


def scored(given: Given, drawn: Sequence[Asked]) -> Expected:
    return Expected(
        score=sum(asked.points for asked, right in given if right),
        most=sum(asked.points for asked in drawn),
    )


async def answers_everything(bot: BotHarness, user: int, test_id: int) -> tuple[Given, list[str]]:
    """Айгерім answers all ten right and finishes; what she answered and her result."""
    first = await open_from_notice(bot, user, test_id)
    assert first["text"].startswith("Question 1 of 10 · ⏱ 20 min left\n\n")
    given, prompt = await take(bot, user, first, [True] * 10)
    return given, await finish(bot, user, prompt)


async def is_interrupted_and_resumes(
    bot: BotHarness, user: int, test_id: int
) -> tuple[Given, list[str]]:
    """Тимур answers three, leaves for the menu, comes back to the fourth question through
    "Tests" → the test → "Continue", then gets the last two wrong."""
    first = await open_from_notice(bot, user, test_id)
    given, fourth = await take(bot, user, first, [True] * 3)
    await bot.send(user, "/start")
    (listing,) = await bot.send(user, en("Tests"))
    assert listing["text"] == f"Your tests:\n• {TITLE}: in progress"
    _, (card,) = await bot.press(user, listing, f"test:start:{test_id}", expect=1)
    _, (resumed,) = await bot.press(user, card, data_of(card, "Continue"), expect=1)
    assert resumed["text"].startswith("Question 4 of 10 · ")
    assert shown(resumed) == shown(fourth)
    rest, prompt = await take(bot, user, resumed, [True] * 5 + [False] * 2)
    return given + rest, await finish(bot, user, prompt)


async def drawn_for(
    teacher: Actor, test_id: int, students: Sequence[Actor]
) -> tuple[list[list[Asked]], list[int]]:
    """The questions each student was given, in order, and how many have an answer saved,
    read back through the service layer (Дәурен's unanswered questions included)."""
    report = await results_of(teacher, test_id=test_id)
    attempts = {line.student_id: line.attempt_id or 0 for line in report.students}
    drawn, answered = [], []
    for student in students:
        review = await attempt_review(teacher, attempt_id=attempts[student.person_id or 0])
        drawn.append([BANK[localised(item.text, "ru")] for item in review])
        answered.append(sum(item.answer is not None for item in review))
    return drawn, answered


async def check_gradebook(
    deps: Deps, centre: LessonCentre, students: Sequence[Actor], expected: Sequence[Expected]
) -> None:
    book = await gradebook(deps, centre.teacher, group_id=centre.group_id)
    grades = {
        row.student_id: [g.value for day in row.cells for g in day if g.kind is GradeKind.TEST]
        for row in book.rows
    }
    assert [grades[student.person_id or 0] for student in students] == [
        [e.grade] for e in expected
    ]


async def check_item_analysis(
    deps: Deps,
    centre: LessonCentre,
    test_id: int,
    drawn: Sequence[Sequence[Asked]],
    given: Sequence[Given],
) -> None:
    """Per question drawn: the students given it, how many left it unanswered, the share of
    its points earned; and the page shows that share for the last question Тимур missed."""
    tally: dict[str, list[int]] = {}
    for questions, answers in zip(drawn, given, strict=True):
        for position, asked in enumerate(questions):
            line = tally.setdefault(asked.text, [0, 0, 0])
            line[0] += 1
            if position >= len(answers):
                line[1] += 1
            elif answers[position][1]:
                line[2] += 1
    report = await results_of(centre.teacher, test_id=test_id)
    assert {
        localised(q.text, "ru"): (q.students, q.unanswered, q.earned) for q in report.questions
    } == {
        text: (students, unanswered, round(right / students, 4))
        for text, (students, unanswered, right) in tally.items()
    }
    missed = given[1][-1][0].text
    students, _, right = tally[missed]
    async with open_panel(deps) as panel:
        await panel.sign_in(centre.login(centre.teacher))
        _, body = await panel.get(f"/tests/{test_id}/results")
    assert "Finished 3" in text_of(body)
    row = text_of(body.split(missed, 1)[1].split("</tr>", 1)[0])
    assert f" {round(right / students * 100, 1):.1f} %" in row


async def check_rating(deps: Deps, centre: LessonCentre, expected: Sequence[Expected]) -> None:
    """The group's rating as Дәурен sees it in the panel: by average, best first."""
    async with open_panel(deps) as panel:
        await panel.sign_in(DAULET_LOGIN)
        _, body = await panel.get(f"/rating?board=group:{centre.group_id}")
    page = text_of(body)
    assert f"Your place: 3 of 3, average {half_up_tenth(expected[2].share)} %" in page
    rows = " ".join(
        f"{place} {name} {half_up_tenth(e.share)} % 1"
        for place, name, e in zip(
            (1, 2, 3), ("Омарова А.", "Ким Т.", "Сейітқали Д."), expected, strict=True
        )
    )
    assert f"Place Student Average Tests {rows}" in page


async def rate_the_lesson(
    bot: BotHarness,
    deps: Deps,
    *,
    clock: FrozenClock,
    worker: DeliveryWorker,
    centre: LessonCentre,
    students: dict[Actor, int],
) -> None:
    """A lesson after the test: Айгерім present, Тимур late, Дәурен absent. Those present
    are asked; Айгерім gives the lesson and the teacher 5, Тимур 4 and a comment."""
    aigerim, timur, daulet = students
    lesson = await lesson_at(deps, centre, DAY, "12:00")
    clock.current = local(centre, DAY, "12:05")
    await mark_attendance(
        deps,
        centre.teacher,
        lesson_id=lesson,
        marks={
            aigerim.person_id or 0: AttendanceStatus.PRESENT,
            timur.person_id or 0: AttendanceStatus.LATE,
            daulet.person_id or 0: AttendanceStatus.ABSENT,
        },
    )
    clock.current = local(centre, DAY, "13:31")
    assert await Scheduler(deps, Alone(), {}).classroom()
    await worker.run_once()
    asked = (
        "How was the lesson Algebra (Алгебра 7А) on 01.09 12:00? "
        "Rate it from 1 (poor) to 5 (excellent)."
    )
    assert [bot.sent(user)[-1]["text"] == asked for user in students.values()] == [
        True,
        True,
        False,
    ]
    for student, stars in ((aigerim, 5), (timur, 4)):
        user = students[student]
        request = bot.sent(user)[-1]
        await bot.press(user, request, f"fb:{lesson}:{stars}", edits=1)
        now = bot.message(user, request["message_id"])
        await bot.press(user, now, f"fbt:{lesson}:{stars}", edits=1)
    await bot.press(students[aigerim], bot.sent(students[aigerim])[-1], f"fbs:{lesson}", edits=1)
    (thanks,) = await bot.send(students[timur], "Интересно было")
    assert thanks["text"] == "Your comment is saved. Thank you!"


async def test_a_group_takes_a_random_test_and_rates_the_lesson(
    deps: Deps, clock: FrozenClock, main_bot: BotHarness, worker: DeliveryWorker
):
    bot = main_bot
    centre = await make_lesson_centre(deps)
    aigerim, timur = centre.students
    daulet = await make_member(
        deps,
        centre.system,
        Role.STUDENT,
        last_name="Сейітқали",
        first_name="Дәурен",
        login=DAULET_LOGIN,
    )
    await enrol_student(
        deps, centre.admin, group_id=centre.group_id, student_id=daulet.person_id or 0
    )
    students = {s: await telegram_user(bot, deps, centre, s) for s in (aigerim, timur, daulet)}
    teacher = await telegram_user(bot, deps, centre, centre.teacher)

    # The teacher imports the file and builds the test in the panel; the students are told.
    async with open_panel(deps) as panel:
        await panel.sign_in(centre.login(centre.teacher))
        test_id = await import_and_build(panel, centre)
    assert (await worker.run_once()).sent == 3

    given_a, result_a = await answers_everything(bot, students[aigerim], test_id)
    given_t, result_t = await is_interrupted_and_resumes(bot, students[timur], test_id)
    # Дәурен answers two, then his time runs out: the classroom job finishes the attempt.
    first = await open_from_notice(bot, students[daulet], test_id)
    given_d, third = await take(bot, students[daulet], first, [True] * 2)
    clock.advance(timedelta(minutes=21))
    assert await Scheduler(deps, Alone(), {}).classroom()
    await worker.run_once()

    # The expected scores, from the questions each was given and the answers chosen.
    given = [given_a, given_t, given_d]
    drawn, answered = await drawn_for(centre.teacher, test_id, list(students))
    assert answered == [10, 10, 2]
    assert [[asked for asked, _ in answers] for answers in given] == [
        drawn[0],
        drawn[1],
        drawn[2][:2],
    ]
    expected = [scored(*pair) for pair in zip(given, drawn, strict=True)]
    assert expected[0].percent == 100
    # Whatever was drawn (1 or 2 points a question), 8 right of 10 beats 2 right of 10.
    assert expected[0].share > expected[1].share > expected[2].share

    assert result_a == expected[0].result()
    assert result_t == expected[1].result()
    assert bot.sent(students[daulet])[-1]["text"] == (
        f"Time is up: your test {TITLE} is finished. Your score: {expected[2].percent}%."
    )
    # Дәурен's next answer only shows the result; nothing more is saved.
    late, user = shown(third), students[daulet]
    if late.typed:
        (after,) = await bot.send(user, late.right)
    else:
        _, (after,) = await bot.press(user, third, data_of(third, late.right), expect=1)
    assert after["text"].splitlines() == expected[2].result(timed_out=True)
    assert (await drawn_for(centre.teacher, test_id, [daulet]))[1] == [2]

    # The teacher is told the group finished, with the average of the three, half up.
    average = sum((e.share for e in expected), Fraction(0)) * 100 / 3
    assert bot.sent(teacher)[-1]["text"] == (
        f"Алгебра 7А finished the test {TITLE}: average {int(average + Fraction(1, 2))}%."
    )

    await check_gradebook(deps, centre, list(students), expected)
    await check_item_analysis(deps, centre, test_id, drawn, given)
    await check_rating(deps, centre, expected)

    await rate_the_lesson(bot, deps, clock=clock, worker=worker, centre=centre, students=students)
    async with open_panel(deps) as panel:
        await panel.sign_in(centre.login(centre.admin))
        _, card = await panel.get(f"/people/{centre.teacher.person_id}")
    rating = Fraction(5 + 4, 2)
    assert f"Teacher rating, 90 days {float(rating):.1f} ★ (2 ratings)" in text_of(card)
