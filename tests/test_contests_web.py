"""Contests in the panel (issue 10): a district organises an olympiad, students of two
schools enter and submit, the scoreboard ranks them, freezes and unfreezes; a submission after
the end is refused, and a latecomer takes part virtually.

Verdicts come from a stand-in for the sandbox (``judge_queued``); the last test runs the real
judge and is skipped where the sandbox cannot run (failed instead with SABAQ_REQUIRE_JUDGE=1).
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from aiohttp import FormData
from playwright.async_api import Browser, expect

from core.clock import FrozenClock
from core.deps import Deps
from core.judge.sandbox import SandboxSettings, SandboxUnavailable, check_sandbox
from core.models.judge import Contest, ProgramSubmission
from core.models.org import OrganisationKind
from core.models.people import Role
from core.services.contests import ContestKind, enter_contest, submit_to_contest
from core.services.judge_queue import judge_pending
from core.services.submissions import SubmissionChannel
from tests.browsers import LIVE_MS, Site
from tests.contest_factories import Olympiad, judge_queued, make_contest, make_olympiad
from tests.factories import make_member, make_organisation
from tests.judge_factories import AB_RIGHT, AB_WRONG
from tests.web import Panel, open_panel, text_of

pytestmark = pytest.mark.usefixtures("db")


@asynccontextmanager
async def signed_in(deps: Deps, login: str) -> AsyncIterator[Panel]:
    async with open_panel(deps) as panel:
        response = await panel.sign_in(login)
        assert response.status == 200
        yield panel


def _row(body: str, participant_id: int | None) -> str:
    """The visible text of a scoreboard row."""
    match = re.search(rf'<tr id="row-{participant_id}"[^>]*>(.*?)</tr>', body, re.S)
    assert match is not None, body
    return text_of(match.group(1)).strip()


def _cell(body: str, participant_id: int | None, label: str) -> str:
    row = re.search(rf'<tr id="row-{participant_id}"[^>]*>(.*?)</tr>', body, re.S)
    assert row is not None
    cell = re.search(rf'data-problem="{label}"[^>]*>(.*?)</td>', row.group(1), re.S)
    assert cell is not None
    return text_of(cell.group(1)).strip()


def _first_solved(body: str, participant_id: int | None) -> list[str]:
    """The problems a scoreboard row marks as first solved."""
    row = re.search(rf'<tr id="row-{participant_id}"[^>]*>(.*?)</tr>', body, re.S)
    assert row is not None
    return re.findall(r'data-problem="(\w)" title="First to solve"', row.group(1))


async def _submit(panel: Panel, contest_id: int, task_id: int, source: str) -> tuple[int, str]:
    response, body = await panel.post(
        f"/contests/{contest_id}/problems/{task_id}",
        {"language": "python", "source": source},
    )
    return response.status, body


# --- organising --------------------------------------------------------------------------------


async def test_an_organiser_creates_a_contest_and_bad_forms_keep_what_was_typed(
    deps: Deps,
) -> None:
    olympiad = await make_olympiad(deps)
    good = {
        "name": "Аудандық олимпиада",
        "kind": "icpc",
        "start_date": "2026-09-02",
        "start_time": "10:00",
        "end_date": "2026-09-02",
        "end_time": "14:00",
        "penalty_minutes": "20",
        "freeze_minutes": "60",
    }
    async with signed_in(deps, "organiser@example.kz") as panel:
        response, body = await panel.get("/contests")
        tasks = _tasks(panel, olympiad)
        assert response.status == 200
        assert 'href="/contests"' in body  # the nav item
        assert "New contest" in body
        assert body.index("(A+B)") < body.index("(Sum again)")  # oldest first: A, B, …

        bad_end = {**good, "end_time": "09:00"}
        response, body = await panel.post("/contests", [*bad_end.items(), *tasks])
        assert response.status == 400
        assert "A contest ends after it starts, and lasts at most 14 days." in text_of(body)
        assert 'value="Аудандық олимпиада"' in body and 'value="09:00"' in body
        assert body.count("checked>") >= 3  # ICPC and both tasks stay chosen

        for bad, message in (
            ({**good, "start_date": ""}, "Give the date the contest starts and the date it ends."),
            ({**good, "start_time": "25:00"}, "Give the time as hours and minutes"),
            ({**good, "penalty_minutes": "many"}, "“many” is not a whole number."),
        ):
            response, body = await panel.post("/contests", [*bad.items(), *tasks])
            assert response.status == 400 and message in text_of(body)
        response, body = await panel.post(
            "/contests", [*good.items(), *_tasks(panel, olympiad)[:1]]
        )
        assert "Choose from 1 to 26 tasks of your organisation." in text_of(body)
        assert await Contest.all().count() == 0

        response, body = await panel.post("/contests", [*good.items(), *tasks])
        assert response.status == 200 and "The contest is created." in body
        contest = await Contest.get()
        assert response.url.path == f"/contests/{contest.id}"
        # Typed in Almaty's time (UTC+5), stored in UTC, shown in Almaty's time again.
        assert contest.starts_at.hour == 5
        assert "02.09.2026 10:00" in text_of(body) and "02.09.2026 14:00" in text_of(body)
        assert "each rejected attempt before it adds 20 minutes" in text_of(body)
        assert "A. A+B" in text_of(body)  # the organiser sees the problems before the start

        _, body = await panel.get("/contests")
        assert "Not started" in _row_of_list(body, contest.id)

    async with signed_in(deps, "aigul@example.kz") as panel:
        _, body = await panel.get("/contests")
        assert "Аудандық олимпиада" in body and "New contest" not in body
        _, body = await panel.get(f"/contests/{contest.id}")
        assert "A+B" not in body  # problems only once one's window starts
        assert ">Enter<" in body


def _tasks(panel: Panel, olympiad: Olympiad) -> list[tuple[str, str]]:
    """The form's chosen tasks, with the CSRF token a list of fields must carry itself."""
    return [("csrf_token", panel.csrf), *(("task_ids", str(task)) for task in olympiad.tasks)]


def _row_of_list(body: str, contest_id: int) -> str:
    match = re.search(rf'<tr id="contest-{contest_id}">(.*?)</tr>', body, re.S)
    assert match is not None
    return text_of(match.group(1))


async def test_a_teacher_cannot_enter_and_a_student_cannot_organise(deps: Deps) -> None:
    olympiad = await make_olympiad(deps)
    contest_id = await make_contest(deps, olympiad)
    async with signed_in(deps, "school1.teacher@example.kz") as panel:
        _, body = await panel.get(f"/contests/{contest_id}")
        assert ">Enter<" not in body
        _, body = await panel.post(f"/contests/{contest_id}/enter")
        assert "Only students take part in contests." in body
    async with signed_in(deps, "aigul@example.kz") as panel:
        form = {
            "name": "Mine",
            "kind": "icpc",
            "start_date": "2026-09-02",
            "start_time": "10:00",
            "end_date": "2026-09-02",
            "end_time": "12:00",
        }
        await panel.get("/contests")
        response, _ = await panel.post("/contests", [*form.items(), *_tasks(panel, olympiad)])
        assert response.status == 403
        assert await Contest.all().count() == 1
        response, _ = await panel.get(f"/contests/{contest_id}/monitoring")
        assert response.status == 404


async def test_people_outside_the_district_do_not_see_the_contest(deps: Deps) -> None:
    olympiad = await make_olympiad(deps)
    contest_id = await make_contest(deps, olympiad)
    elsewhere = await make_organisation(deps, name="Басқа аудан", kind=OrganisationKind.AUTHORITY)
    await make_member(deps, elsewhere, Role.STUDENT, login="stranger@example.kz")
    async with signed_in(deps, "stranger@example.kz") as stranger:
        _, body = await stranger.get("/contests")
        assert "Аудандық олимпиада" not in body
        for address in ("", "/scoreboard", "/scoreboard.json", f"/problems/{olympiad.tasks[0]}"):
            response, _ = await stranger.get(f"/contests/{contest_id}{address}")
            assert response.status == 404, address


# --- taking part ---------------------------------------------------------------------------------


async def _enter(panel: Panel, contest_id: int) -> str:
    _, body = await panel.post(f"/contests/{contest_id}/enter")
    return body


async def test_two_schools_enter_submit_and_the_scoreboard_ranks_them(
    deps: Deps, clock: FrozenClock
) -> None:
    olympiad = await make_olympiad(deps)
    contest_id = await make_contest(deps, olympiad)
    task_a, task_b = olympiad.tasks
    async with (
        signed_in(deps, "aigul@example.kz") as aigul,
        signed_in(deps, "timur@example.kz") as timur,
    ):
        body = await _enter(aigul, contest_id)
        assert "You take part in this contest." in body and "A. A+B" in text_of(body)
        await _enter(timur, contest_id)

        response, body = await aigul.get(f"/contests/{contest_id}/problems/{task_a}")
        assert response.status == 200
        assert "Екі санның қосындысы" in body  # no English statement: the first one there
        assert "2 0" in body  # the sample, and only the sample
        assert "-7 10" not in body

        clock.advance(timedelta(minutes=12))
        response, _ = await aigul.post(
            f"/contests/{contest_id}/problems/{task_a}",
            {"language": "python", "source": AB_RIGHT},
        )
        submission = await ProgramSubmission.get()
        assert response.url.path == f"/submissions/{submission.id}"
        assert (submission.contest_id, submission.all_tests) == (contest_id, True)
        await _submit(timur, contest_id, task_a, AB_WRONG)
        clock.advance(timedelta(minutes=22))
        await _submit(timur, contest_id, task_a, AB_RIGHT)
        await _submit(timur, contest_id, task_b, AB_RIGHT)
        assert await judge_queued(deps, olympiad.organiser) == 4

        _, body = await timur.get(f"/contests/{contest_id}/scoreboard")
        assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in body
        assert _row(body, olympiad.timur.person_id).startswith("1 Әлиев Тимур №2 мектеп")
        assert _cell(body, olympiad.timur.person_id, "A") == "+1 / 34"
        assert _cell(body, olympiad.timur.person_id, "B") == "+ / 34"
        assert _row(body, olympiad.aigul.person_id).startswith("2 Серікова Айгүл №1 мектеп")
        assert _cell(body, olympiad.aigul.person_id, "A") == "+ / 12"
        # The first to solve a problem is marked: Aigül for A, Timur for B.
        assert _first_solved(body, olympiad.aigul.person_id) == ["A"]
        assert _first_solved(body, olympiad.timur.person_id) == ["B"]
        assert _cell(body, olympiad.aigul.person_id, "B") == ""

        response, _ = await timur.get(f"/contests/{contest_id}/scoreboard.json")
        assert response.headers["Cache-Control"] == "no-store"
        table = (await response.json())["html"]
        assert _cell(table, olympiad.timur.person_id, "A") == "+1 / 34"

        _, body = await timur.get(f"/contests/{contest_id}")
        assert text_of(body).count("Accepted") == 2 and "Wrong answer · test 2" in text_of(body)


async def test_the_scoreboard_json_follows_a_new_verdict(deps: Deps, clock: FrozenClock) -> None:
    olympiad = await make_olympiad(deps)
    contest_id = await make_contest(deps, olympiad, kind=ContestKind.IOI)
    async with signed_in(deps, "aigul@example.kz") as aigul:
        await _enter(aigul, contest_id)
        response, _ = await aigul.get(f"/contests/{contest_id}/scoreboard.json")
        before = (await response.json())["html"]
        assert _cell(before, olympiad.aigul.person_id, "A") == ""
        clock.advance(timedelta(minutes=5))
        await _submit(aigul, contest_id, olympiad.tasks[0], AB_RIGHT)
        await judge_queued(deps, olympiad.organiser)
        response, _ = await aigul.get(f"/contests/{contest_id}/scoreboard.json")
        after = (await response.json())["html"]
        assert _cell(after, olympiad.aigul.person_id, "A") == "100"
        assert _row(after, olympiad.aigul.person_id).endswith("100")


async def test_the_freeze_hides_a_late_attempt_from_students_until_the_organiser_unfreezes(
    deps: Deps, clock: FrozenClock
) -> None:
    olympiad = await make_olympiad(deps)
    contest_id = await make_contest(deps, olympiad, freeze_minutes=30)
    task_a = olympiad.tasks[0]
    async with (
        signed_in(deps, "aigul@example.kz") as aigul,
        signed_in(deps, "timur@example.kz") as timur,
        signed_in(deps, "organiser@example.kz") as organiser,
    ):
        await _enter(aigul, contest_id)
        await _enter(timur, contest_id)
        clock.advance(timedelta(minutes=10))
        await _submit(aigul, contest_id, task_a, AB_RIGHT)
        clock.advance(timedelta(minutes=90))  # 100 minutes in: the last 30 are frozen
        await _submit(timur, contest_id, task_a, AB_RIGHT)
        await judge_queued(deps, olympiad.organiser)

        _, body = await aigul.get(f"/contests/{contest_id}/scoreboard")
        assert "The scoreboard is frozen" in text_of(body)
        assert _cell(body, olympiad.timur.person_id, "A") == "? (1 try)"
        assert _row(body, olympiad.aigul.person_id).startswith("1 ")
        # A participant still sees their own verdict during the freeze.
        _, body = await timur.get(f"/contests/{contest_id}")
        assert "Accepted" in body

        _, body = await organiser.get(f"/contests/{contest_id}/scoreboard")
        assert "Participants see the scoreboard frozen; you see every result." in text_of(body)
        assert _cell(body, olympiad.timur.person_id, "A") == "+ / 100"
        assert "Unfreeze the scoreboard" not in body  # not before the end
        _, body = await organiser.post(f"/contests/{contest_id}/unfreeze")
        assert "only after the contest ends" in body

        clock.advance(timedelta(minutes=20))
        _, body = await organiser.get(f"/contests/{contest_id}/scoreboard")
        assert "Unfreeze the scoreboard" in body
        response, _ = await organiser.post(
            f"/contests/{contest_id}/unfreeze", allow_redirects=False
        )
        assert response.status == 303
        # The old page's script may poll before the browser follows the redirect: the
        # message waits for the page all the same.
        await organiser.get(f"/contests/{contest_id}/scoreboard.json")
        _, body = await organiser.get(f"/contests/{contest_id}/scoreboard")
        assert "The scoreboard is unfrozen" in body

        _, body = await aigul.get(f"/contests/{contest_id}/scoreboard")
        assert "frozen" not in text_of(body)
        assert _cell(body, olympiad.timur.person_id, "A") == "+ / 100"


async def test_monitoring_counts_solves_per_school_and_attempts_per_problem(
    deps: Deps, clock: FrozenClock
) -> None:
    olympiad = await make_olympiad(deps)
    contest_id = await make_contest(deps, olympiad)
    async with (
        signed_in(deps, "aigul@example.kz") as aigul,
        signed_in(deps, "timur@example.kz") as timur,
        signed_in(deps, "organiser@example.kz") as organiser,
    ):
        await _enter(aigul, contest_id)
        await _enter(timur, contest_id)
        clock.advance(timedelta(minutes=7))
        await _submit(aigul, contest_id, olympiad.tasks[0], AB_WRONG)
        await _submit(aigul, contest_id, olympiad.tasks[0], AB_RIGHT)
        await _submit(timur, contest_id, olympiad.tasks[0], AB_WRONG)
        await judge_queued(deps, olympiad.organiser)
        _, body = await organiser.get(f"/contests/{contest_id}/monitoring")
        schools = text_of(re.search(r'<table id="schools">(.*?)</table>', body, re.S).group(1))
        assert "№1 мектеп 1 1 1" in schools and "№2 мектеп 1 0 0" in schools
        problem = text_of(re.search(r'<tr id="figures-A">(.*?)</tr>', body, re.S).group(1))
        assert problem.split()[:4] == ["A", "3", "2", "1"]
        assert "Серікова Айгүл, minute 7" in problem


async def test_a_submission_after_the_end_is_refused_with_the_reason(
    deps: Deps, clock: FrozenClock
) -> None:
    olympiad = await make_olympiad(deps)
    contest_id = await make_contest(deps, olympiad)
    async with signed_in(deps, "aigul@example.kz") as aigul:
        await _enter(aigul, contest_id)
        clock.advance(timedelta(hours=2))
        status, body = await _submit(aigul, contest_id, olympiad.tasks[0], AB_RIGHT)
        assert status == 409
        assert "The contest is over. You can take part in it virtually from its page." in text_of(
            body
        )
        assert "print(a + b)" in body  # the program typed stays in the form
    assert await ProgramSubmission.all().count() == 0


def _upload(panel: Panel, data: bytes) -> FormData:
    form = FormData()
    form.add_field("csrf_token", panel.csrf)
    form.add_field("language", "python")
    form.add_field("source", "")
    form.add_field("file", data, filename="main.py", content_type="text/x-python")
    return form


async def test_a_program_can_be_sent_as_a_file_of_at_most_64_kb(deps: Deps) -> None:
    olympiad = await make_olympiad(deps)
    contest_id = await make_contest(deps, olympiad)
    address = f"/contests/{contest_id}/problems/{olympiad.tasks[1]}"
    async with signed_in(deps, "aigul@example.kz") as aigul:
        await _enter(aigul, contest_id)
        await aigul.get(address)
        big = AB_RIGHT.encode() + b"#" * (64 * 1024)
        response, body = await aigul.post(address, _upload(aigul, big))
        assert response.status == 400
        assert "The program is longer than 64 KB. Send a shorter source." in text_of(body)
        assert await ProgramSubmission.all().count() == 0

        response, _ = await aigul.post(address, _upload(aigul, AB_RIGHT.encode()))
        submission = await ProgramSubmission.get()
        assert response.url.path == f"/submissions/{submission.id}"
        assert (submission.task_id, submission.source) == (olympiad.tasks[1], AB_RIGHT)


async def test_a_latecomer_takes_part_virtually(deps: Deps, clock: FrozenClock) -> None:
    olympiad = await make_olympiad(deps)
    contest_id = await make_contest(deps, olympiad)
    async with signed_in(deps, "aigul@example.kz") as aigul:
        await _enter(aigul, contest_id)
        clock.advance(timedelta(minutes=50))
        await _submit(aigul, contest_id, olympiad.tasks[0], AB_RIGHT)
    clock.advance(timedelta(days=2))
    async with signed_in(deps, "timur@example.kz") as timur:
        _, body = await timur.get(f"/contests/{contest_id}")
        assert "Take part virtually" in body and "A+B" not in body
        body = await _enter(timur, contest_id)
        assert "You take part virtually from 03.09.2026 11:50 to 03.09.2026 13:50." in text_of(
            body
        )
        clock.advance(timedelta(minutes=15))
        response, _ = await timur.post(
            f"/contests/{contest_id}/problems/{olympiad.tasks[0]}",
            {"language": "python", "source": AB_RIGHT},
        )
        assert response.url.path.startswith("/submissions/")
        await judge_queued(deps, olympiad.organiser)
        _, body = await timur.get(f"/contests/{contest_id}/scoreboard")
        assert _row(body, olympiad.timur.person_id).startswith("virtual Әлиев Тимур")
        assert _cell(body, olympiad.timur.person_id, "A") == "+ / 15"
        assert _row(body, olympiad.aigul.person_id).startswith("1 Серікова Айгүл")


# --- the real judge ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sandbox() -> SandboxSettings:
    """A sandbox proven to work here; else skipped (failed with SABAQ_REQUIRE_JUDGE=1)."""
    settings = SandboxSettings()
    try:
        asyncio.run(check_sandbox(settings))
    except (SandboxUnavailable, OSError) as error:
        if os.environ.get("SABAQ_REQUIRE_JUDGE") == "1":
            pytest.fail(f"the judge's sandbox is required here but unavailable: {error}")
        pytest.skip(f"the judge's sandbox is unavailable: {error}")
    return settings


@pytest.fixture
def judging(deps: Deps, sandbox: SandboxSettings) -> Iterator[Deps]:
    """``deps`` keeping data under a directory the judge's user can reach (pytest's tmp_path
    is 0700): the judge builds its toolchain cache there."""
    path = Path(tempfile.mkdtemp(prefix="sabaq-contest-judge-"))
    os.chmod(path, 0o711)
    yield replace(deps, settings=deps.settings.model_copy(update={"data_dir": path}))
    shutil.rmtree(path)


async def test_the_real_judge_ranks_a_right_program_above_a_wrong_one(
    judging: Deps, clock: FrozenClock
) -> None:
    deps = judging
    olympiad = await make_olympiad(deps)
    contest_id = await make_contest(deps, olympiad)
    for login, source in (("aigul@example.kz", AB_RIGHT), ("timur@example.kz", AB_WRONG)):
        async with signed_in(deps, login) as panel:
            await _enter(panel, contest_id)
            clock.advance(timedelta(minutes=3))
            await _submit(panel, contest_id, olympiad.tasks[0], source)
    # The judge works as ``sabaq judge`` does: apart from the panel's server.
    assert await judge_pending(deps) == 2
    async with signed_in(deps, "timur@example.kz") as timur:
        _, body = await timur.get(f"/contests/{contest_id}/scoreboard")
        assert _cell(body, olympiad.aigul.person_id, "A") == "+ / 3"
        assert _cell(body, olympiad.timur.person_id, "A") == "−1"
        _, body = await timur.get(f"/contests/{contest_id}")
        assert "Wrong answer · test 2" in text_of(body)


# --- the live scoreboard in a browser ------------------------------------------------------------


@pytest.mark.browser
async def test_the_scoreboard_shows_a_new_verdict_without_a_reload(
    deps: Deps, clock: FrozenClock, site: Site, browser: Browser
) -> None:
    olympiad = await make_olympiad(deps)
    contest_id = await make_contest(deps, olympiad)
    await enter_contest(deps, olympiad.aigul, contest_id=contest_id)
    page = await (await browser.new_context(locale="en-US")).new_page()
    await page.goto(f"{site.url}/login")
    await page.fill("input[name=login]", "timur@example.kz")
    await page.fill("input[name=password]", "correct horse")
    await page.click("button[type=submit]")
    await page.wait_for_load_state()
    await page.goto(f"{site.url}/contests/{contest_id}/scoreboard")
    cell = page.locator(f'#row-{olympiad.aigul.person_id} td[data-problem="A"]')
    await expect(cell).to_have_text("")

    clock.advance(timedelta(minutes=5))
    await submit_to_contest(
        deps,
        olympiad.aigul,
        contest_id=contest_id,
        task_id=olympiad.tasks[0],
        language="python",
        source=AB_RIGHT.encode(),
        channel=SubmissionChannel.WEB,
    )
    await judge_queued(deps, olympiad.organiser)
    await expect(cell).to_have_text("+ / 5", timeout=LIVE_MS)
