"""Programming tasks in the main bot through the Bot API emulator (issue 10): a student reads a
task and sends a wrong, then a right Python solution, and the verdicts come back through the
outbox; refused programs (empty, binary, too big, an unknown language) queue nothing.
``fsm_storage`` runs each test with memory and Redis FSM."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, replace

import pytest

from bots.delivery import DeliveryWorker, Sender
from bots.texts import STALE_BUTTON, Translator
from core.actor import Actor
from core.deps import Deps
from core.i18n import N_
from core.judge.package import Statement, TaskPackage, TestCase
from core.models.judge import ProgramSubmission
from core.models.people import Role
from core.services.judge_queue import judge_pending
from core.services.judge_tasks import create_task
from core.services.programming_rating import TASK_POINTS
from core.services.submissions import MAX_SOURCE_BYTES
from core.services.telegram import telegram_actor
from tests.bots import JSON, BotHarness, buttons, link_person
from tests.factories import make_member, make_organisation, make_student
from tests.judge_factories import AB_RIGHT, AB_WRONG, aplusb, judged, make_task
from tests.test_bot_homework import data_of, jpeg, send_document, send_photo

en = Translator("en")
TITLE = "A + B <b>fast</b>"
LEGEND = 'Read two integers a & b (|a|, |b| < 10^9) and print their "sum" — it\'s easy.'


@dataclass(frozen=True)
class School:
    admin: Actor
    teacher: Actor
    student_id: int


async def make_school(deps: Deps) -> School:
    system = await make_organisation(deps, name="Информатика орталығы")
    admin = await make_member(deps, system, Role.ADMIN)
    teacher = await make_member(deps, system, Role.TEACHER, last_name="Ахметов")
    student = await make_student(deps, admin, "Омарова", "Айгерім")
    return School(admin, teacher, student)


def hostile_task(name: str = "A+B", *, title: str = TITLE) -> TaskPackage:
    """A+B whose English statement reads like markup (a teacher's text is not trusted)."""
    statements = {
        "en": Statement(
            title=title, legend=LEGEND, input="One line: a and b.", output="Their sum <a+b>."
        ),
        "ru": Statement(title="А + Б", legend="Сложите два числа.", input="", output=""),
    }
    return replace(aplusb(name=name), statements=statements)


@pytest.fixture
async def worker(deps: Deps, main_bot: BotHarness) -> AsyncIterator[DeliveryWorker]:
    # No pacing: the emulator's rate limits are off too, and tests never wait on a clock.
    sender = Sender(main_bot.bot, per_second=1000, private_interval=0, group_interval=0)
    yield DeliveryWorker(deps, sender, lease_seconds=60)
    sender.uninstall()


async def link(harness: BotHarness, deps: Deps, school: School) -> int:
    """A Telegram user linked to the student, speaking English; returns their id."""
    user = harness.add_user(language_code="en")
    welcome = await link_person(harness, deps, school.admin, school.student_id, user)
    await harness.press(user, welcome, "lang:en", expect=1)
    return user


async def open_task(harness: BotHarness, user: int) -> JSON:
    """ "Programming" → the only task; the task's message."""
    (listing,) = await harness.send(user, en(N_("Programming")))
    _, (task,) = await harness.press(user, listing, buttons(listing)[0][1], expect=1)
    return task


async def choose_python(harness: BotHarness, user: int, task: JSON) -> JSON:
    """ "Send a solution" → "Python 3"; the prompt asking for the program."""
    _, (prompt,) = await harness.press(user, task, data_of(task, en("Send a solution")), expect=1)
    await harness.press(user, prompt, data_of(prompt, "Python 3"), edits=1)
    return harness.message(user, prompt["message_id"])


async def test_a_student_reads_a_task_its_statement_shown_as_plain_text(
    deps: Deps, main_bot: BotHarness
):
    school = await make_school(deps)
    task_id = await create_task(deps, school.teacher, package=hostile_task(), published=True)
    user = await link(main_bot, deps, school)

    (listing,) = await main_bot.send(user, en(N_("Programming")))
    assert listing["text"] == en("Programming tasks. Choose one to read it and send a solution.")
    assert buttons(listing) == [(TITLE, f"jgt:{task_id}"), (en("My place"), "jgr")]
    _, (task,) = await main_bot.press(user, listing, f"jgt:{task_id}", expect=1)

    # The teacher's "<b>" and "<" are text, not markup; only the examples are preformatted.
    assert task["text"] == (
        f"{TITLE}\n"
        "Time limit: 1 s. Memory limit: 256 MB.\n\n"
        f"{LEGEND}\n\n"
        "Input data\nOne line: a and b.\n\n"
        "Output data\nTheir sum <a+b>.\n\n"
        "Example 1\nInput:\n2 0\nAnswer:\n2"
    )
    pre = [
        task["text"][entity["offset"] : entity["offset"] + entity["length"]]
        for entity in task["entities"]
        if entity["type"] == "pre"
    ]
    assert pre == ["2 0", "2"]
    assert buttons(task) == [
        (en("Send a solution"), f"jgs:{task_id}"),
        (en("My submissions"), f"jgm:{task_id}"),
    ]
    _, (mine,) = await main_bot.press(user, task, f"jgm:{task_id}", expect=1)
    assert mine["text"] == en("You have not sent solutions to this task yet.")


async def test_the_statement_comes_in_the_users_language(deps: Deps, main_bot: BotHarness):
    school = await make_school(deps)
    await create_task(deps, school.teacher, package=hostile_task(), published=True)
    user = main_bot.add_user(language_code="ru")
    welcome = await link_person(main_bot, deps, school.admin, school.student_id, user)
    await main_bot.press(user, welcome, "lang:ru", expect=1)
    ru = Translator("ru")

    (listing,) = await main_bot.send(user, ru(N_("Programming")))
    assert [label for label, _ in buttons(listing)] == ["А + Б", ru("My place")]
    _, (task,) = await main_bot.press(user, listing, buttons(listing)[0][1], expect=1)
    assert task["text"].splitlines()[:4] == [
        "А + Б",
        ru("Time limit: {seconds} s. Memory limit: {memory} MB.", seconds="1", memory=256),
        "",
        "Сложите два числа.",
    ]


async def test_a_long_statement_comes_in_parts_with_the_buttons_under_the_last(
    deps: Deps, main_bot: BotHarness
):
    school = await make_school(deps)
    paragraph = "A long story about two numbers. " * 50
    legend = "\n\n".join(f"{number}. {paragraph}" for number in range(6))
    package = hostile_task()
    statement = replace(package.statements["en"], legend=legend)
    # An example is cut at SAMPLE_CHARS: the whole test stays in the panel.
    example = TestCase(input=b"7 " * 600, answer=b"2\n", sample=True)
    package = replace(package, statements={"en": statement}, tests=(example, *package.tests[1:]))
    task_id = await create_task(deps, school.teacher, package=package, published=True)
    user = await link(main_bot, deps, school)

    (listing,) = await main_bot.send(user, en(N_("Programming")))
    _, parts = await main_bot.press(user, listing, f"jgt:{task_id}", expect=4)

    assert [len(part["text"]) <= 4096 for part in parts] == [True] * 4
    assert [bool(buttons(part)) for part in parts] == [False, False, False, True]
    assert "\n\n".join(part["text"] for part in parts) == (
        f"{TITLE}\nTime limit: 1 s. Memory limit: 256 MB.\n\n{legend.strip()}\n\n"
        "Input data\nOne line: a and b.\n\nOutput data\nTheir sum <a+b>.\n\n"
        f"Example 1\nInput:\n{'7 ' * 500}\n…\nAnswer:\n2"
    )


async def test_many_tasks_are_listed_ten_a_page(deps: Deps, main_bot: BotHarness):
    school = await make_school(deps)
    for number in range(12):
        package = hostile_task(f"A+B {number}", title=f"Task {number}")
        await create_task(deps, school.teacher, package=package, published=True)
    await create_task(deps, school.teacher, package=hostile_task("Жоба", title="Draft"))
    user = await link(main_bot, deps, school)

    (listing,) = await main_bot.send(user, en(N_("Programming")))
    assert listing["text"] == en(
        "Programming tasks, page {page} of {pages}. Choose one to read it and send a solution.",
        page=1,
        pages=2,
    )
    # Newest first; the unpublished draft is not the student's to see.
    labels = [label for label, _ in buttons(listing)]
    assert labels == [*(f"Task {n}" for n in range(11, 1, -1)), en("More ›"), en("My place")]
    await main_bot.press(user, listing, "jgp:1", edits=1)
    second = main_bot.message(user, listing["message_id"])
    assert [label for label, _ in buttons(second)] == [
        "Task 1",
        "Task 0",
        en("‹ Back"),
        en("My place"),
    ]

    # The teacher who writes them sees the draft too, marked.
    assert school.teacher.person_id is not None
    teacher = main_bot.add_user(language_code="en")
    welcome = await link_person(main_bot, deps, school.admin, school.teacher.person_id, teacher)
    await main_bot.press(teacher, welcome, "lang:en", expect=1)
    (theirs,) = await main_bot.send(teacher, en(N_("Programming")))
    assert buttons(theirs)[0][0] == en("{title} (not published)", title="Draft")
    assert len(buttons(theirs)) == 11


async def test_refused_programs_are_explained_and_nothing_is_queued(
    deps: Deps, main_bot: BotHarness
):
    school = await make_school(deps)
    task_id = await create_task(deps, school.teacher, package=hostile_task(), published=True)
    user = await link(main_bot, deps, school)
    task = await open_task(main_bot, user)

    _, (languages,) = await main_bot.press(user, task, f"jgs:{task_id}", expect=1)
    assert languages["text"] == en("In which language is your solution to «{task}»?", task=TITLE)
    assert [label for label, _ in buttons(languages)] == [
        "Python 3",
        "C++17 (g++)",
        "Java 17",
        "Free Pascal",
        en("Cancel"),
    ]
    (typed,) = await main_bot.send(user, AB_RIGHT)
    assert typed["text"] == en("Press one of the buttons above.")
    # A language the judge does not speak (forged data) is refused and nothing changes.
    refused, _ = await main_bot.press(user, languages, f"jgl:{task_id}:ruby")
    assert refused["text"] == en(
        "Choose one of the languages: Python 3, C++17, Java 17 or Free Pascal."
    )
    await main_bot.press(user, languages, f"jgl:{task_id}:python", edits=1)
    prompt = main_bot.message(user, languages["message_id"])
    assert prompt["text"] == en(
        "Send your solution to «{task}» in {language}: as a message or as a file of at most "
        "{limit} KB.",
        task=TITLE,
        language="Python 3",
        limit=64,
    )

    (empty,) = await main_bot.send(user, " \n ")
    assert empty["text"] == en("The program is empty. Send the program's source text.")
    (binary,) = await send_document(main_bot, user, b"\x7fELF\x00\x01\x02", "a.out")
    assert binary["text"] == en(
        "This is not a program's text (it looks like a binary file). Send the source code, "
        "not the compiled program."
    )
    downloads = len(main_bot.emulator.calls_of("getFile", token=main_bot.token))
    (big,) = await send_document(main_bot, user, b"#" * (MAX_SOURCE_BYTES + 1), "big.py")
    assert big["text"] == en(
        "The file {name} is larger than {limit} KB, so it was not sent. Send a shorter program.",
        name="big.py",
        limit=64,
    )
    assert len(main_bot.emulator.calls_of("getFile", token=main_bot.token)) == downloads
    (long,) = await main_bot.send(user, "print(1)\n" * 500)
    assert long["text"] == en(
        "A message this long may have been cut into parts by Telegram. Send a program longer "
        "than {limit} characters as a file.",
        limit=4000,
    )
    (photo,) = await send_photo(main_bot, user, jpeg())
    assert photo["text"] == en("Send the program as a text message or as a file.")
    assert await ProgramSubmission.all().count() == 0

    # Still waiting for the program: Cancel ends it, and the old prompt is out of date then.
    await main_bot.press(user, prompt, "jgc", edits=1)
    assert main_bot.message(user, prompt["message_id"])["text"] == en(
        "Cancelled. Nothing was sent."
    )
    (menu,) = await main_bot.send(user, "print(1)")
    assert menu["text"] == en("Please choose an item from the menu.")
    answered, _ = await main_bot.press(user, prompt, "jgc")
    assert answered["text"] == en(STALE_BUTTON)
    assert await ProgramSubmission.all().count() == 0


async def test_a_wrong_then_a_right_python_solution_from_telegram(
    deps: Deps, main_bot: BotHarness, worker: DeliveryWorker, judging: Deps
):
    """Issue 10, done when: a student submits a wrong then a right Python solution from
    Telegram and sees WA on test 2 then OK."""
    school = await make_school(deps)
    task_id = await make_task(deps, school.teacher)
    user = await link(main_bot, deps, school)
    task = await open_task(main_bot, user)

    # The verdict names the task by its title; there is no English statement, so the first
    # of Kazakh and Russian gives it.
    await choose_python(main_bot, user, task)
    (queued,) = await main_bot.send(user, AB_WRONG)
    wrong = await ProgramSubmission.get(task_id=task_id)
    assert queued["text"] == en("Submission {id} is queued; the verdict comes here.", id=wrong.id)
    assert await judge_pending(judging) == 1
    await worker.run_once()
    assert main_bot.sent(user)[-1]["text"] == (
        f"«Екі санның қосындысы», submission {wrong.id}: wrong answer on test 2."
    )

    # Again from the button under "queued", this time as a file.
    await choose_python(main_bot, user, queued)
    (queued_again,) = await send_document(main_bot, user, AB_RIGHT.encode(), "sum.py")
    right = await ProgramSubmission.get(task_id=task_id, id__gt=wrong.id)
    assert queued_again["text"] == en(
        "Submission {id} is queued; the verdict comes here.", id=right.id
    )
    assert right.source == AB_RIGHT
    assert await judge_pending(judging) == 1
    await worker.run_once()
    assert main_bot.sent(user)[-1]["text"] == (
        f"«Екі санның қосындысы», submission {right.id}: accepted. All tests passed."
    )

    _, (mine,) = await main_bot.press(user, task, f"jgm:{task_id}", expect=1)
    assert mine["text"].splitlines() == [
        en("Your latest submissions to this task:"),
        f"Submission {right.id} (Python 3): Accepted",
        f"Submission {wrong.id} (Python 3): Wrong answer on test 2",
    ]


async def test_my_place_in_the_programming_rating(deps: Deps, main_bot: BotHarness):
    school = await make_school(deps)
    task_id = await make_task(deps, school.teacher)
    user = await link(main_bot, deps, school)
    student = await telegram_actor(user)
    assert student is not None
    await judged(deps, student, task_id)

    (listing,) = await main_bot.send(user, en(N_("Programming")))
    _, (place,) = await main_bot.press(user, listing, "jgr", expect=1)
    assert place["text"] == en(
        "Your place in the programming rating: {place} of {count} ({points} points).",
        place=1,
        count=1,
        points=TASK_POINTS,
    ) + "\n" + en("In your school: {place} of {count}.", place=1, count=1)
