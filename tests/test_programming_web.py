"""Programming tasks in the panel (issue 10): a teacher writes a task with its tests, a
student submits in C++, Java and Pascal and reads the verdict, Polygon packages go out and
come back in, and the verdict page hears the verdict over its websocket."""

from __future__ import annotations

import json
import re

import aiohttp
import pytest

from core.deps import Deps
from core.i18n import gettext_for
from core.judge.judging import JudgeReport
from core.judge.polygon import read_polygon
from core.models.judge import ProgrammingTask, ProgramSubmission
from core.models.people import Role
from core.services.judge_queue import claim_next, judge_pending, store_report
from tests.factories import make_member, make_organisation
from tests.judge_factories import AB_TESTS
from tests.web import Panel, open_panel, text_of

pytestmark = pytest.mark.usefixtures("db")

CPP_RIGHT = (
    "#include <bits/stdc++.h>\nusing namespace std;\n"
    "int main() { long long a, b; cin >> a >> b; cout << a + b << endl; }\n"
)
JAVA_RIGHT = (
    "import java.util.*;\npublic class Main { public static void main(String[] x) {"
    " Scanner s = new Scanner(System.in); System.out.println(s.nextLong() + s.nextLong()); } }\n"
)
PASCAL_WRONG = "var a, b: int64;\nbegin\n  readln(a, b);\n  writeln(a - b);\nend.\n"
PASCAL_RIGHT = "var a, b: int64;\nbegin\n  readln(a, b);\n  writeln(a + b);\nend.\n"


def _task_form(tests: int) -> dict[str, str]:
    form = {
        "name": "A+B",
        "title_ru": "Сумма двух чисел",
        "legend_ru": "Даны $a$ и $b$. Выведите <b>их сумму</b>.",
        "title_kk": "Екі санның қосындысы",
        "legend_kk": "$a$ мен $b$ берілген. Қосындысын шығарыңыз.",
        "time_ms": "1000",
        "memory_mb": "256",
        "checker": "tokens",
        "test_count": "3",
    }
    for number, (given, expected) in enumerate(AB_TESTS[:tests], start=1):
        form[f"input_{number}"] = given.decode()
        form[f"answer_{number}"] = expected.decode()
    form["sample_1"] = "on"
    return form


async def _people(deps: Deps) -> tuple[str, str]:
    system = await make_organisation(deps, name="№12 мектеп")
    teacher = await make_member(deps, system, Role.TEACHER, login="teacher@school.kz")
    student = await make_member(deps, system, Role.STUDENT, login="student@school.kz")
    assert teacher.person_id and student.person_id
    return "teacher@school.kz", "student@school.kz"


async def _published_task(deps: Deps) -> tuple[str, ProgrammingTask]:
    """A+B written and published by the teacher in the panel; the student's login."""
    teacher_login, student_login = await _people(deps)
    async with open_panel(deps) as teacher:
        await teacher.sign_in(teacher_login)
        await teacher.post("/programming/new", _task_form(tests=3))
        task = await ProgrammingTask.get()
        await teacher.post(f"/programming/{task.id}/publish", {"published": "1"})
    return student_login, task


async def _submit(panel: Panel, task_id: int, language: str, source: str) -> tuple[int, str]:
    response, body = await panel.post(
        f"/programming/{task_id}/submit", {"language": language, "source": source}
    )
    assert response.status == 200, text_of(body)
    match = re.search(r"/submissions/(\d+)$", str(response.url))
    assert match is not None, response.url
    return int(match.group(1)), body


async def test_a_teacher_writes_a_task_and_a_student_solves_it_in_three_languages(
    deps: Deps, judging: Deps
) -> None:
    teacher_login, student_login = await _people(deps)
    async with open_panel(deps) as teacher:
        await teacher.sign_in(teacher_login)
        response, body = await teacher.post("/programming/new", _task_form(tests=2))
        assert response.status == 400
        assert "A task needs at least 3 tests; this one has 2." in text_of(body)
        assert await ProgrammingTask.all().count() == 0

        response, body = await teacher.post("/programming/new", _task_form(tests=3))
        assert response.status == 200
        task = await ProgrammingTask.get()
        response, body = await teacher.post(f"/programming/{task.id}/publish", {"published": "1"})
        assert "The task is open to students." in text_of(body)

    async with open_panel(deps, language="ru") as student:
        await student.sign_in(student_login)
        _, body = await student.get(f"/programming/{task.id}")
        page = text_of(body)
        assert "Сумма двух чисел" in page
        assert "<b>их сумму</b>" in page  # the teacher's markup is shown as text
        assert "<b>их" not in body
        wrong, _ = await _submit(student, task.id, "pascal", PASCAL_WRONG)
        ids = [
            (await _submit(student, task.id, language, source))[0]
            for language, source in (
                ("cpp", CPP_RIGHT),
                ("java", JAVA_RIGHT),
                ("pascal", PASCAL_RIGHT),
            )
        ]
        assert await judge_pending(judging) == 4

        _, body = await student.get(f"/submissions/{wrong}")
        row = await ProgramSubmission.get(id=wrong)
        assert (row.verdict, row.failed_test) == ("wrong_answer", 2)
        wrong_answer = gettext_for("ru", "Wrong answer")
        on_test = gettext_for("ru", "test {number}").format(number=2)
        assert f"{wrong_answer} · {on_test}" in text_of(body)
        for submission_id in ids:
            _, body = await student.get(f"/submissions/{submission_id}")
            row = await ProgramSubmission.get(id=submission_id)
            assert row.verdict == "ok", (row.language, row.compile_log, row.judge_message)
            assert re.search(r'id="verdict"[^>]*>\s*\S', body)


async def test_a_compile_error_shows_the_compilers_words(deps: Deps, judging: Deps) -> None:
    student_login, task = await _published_task(deps)
    async with open_panel(deps) as student:
        await student.sign_in(student_login)
        submission_id, _ = await _submit(student, task.id, "cpp", "int main() { return 0 }\n")
        await judge_pending(judging)
        row = await ProgramSubmission.get(id=submission_id)
        assert row.verdict == "compile_error", row.judge_message
        _, body = await student.get(f"/submissions/{submission_id}")
        assert "Compilation error" in text_of(body)
        assert "expected" in text_of(body)  # g++'s "expected ';' before '}'"


async def test_bad_sources_are_refused_on_the_form_and_nothing_is_queued(deps: Deps) -> None:
    student_login, task = await _published_task(deps)
    async with open_panel(deps) as student:
        await student.sign_in(student_login)
        response, body = await student.post(
            f"/programming/{task.id}/submit", {"language": "python", "source": "   "}
        )
        assert response.status == 400
        assert "The program is empty" in text_of(body)
        form = aiohttp.FormData()
        form.add_field("csrf_token", student.csrf)
        form.add_field("language", "cpp")
        form.add_field("source", "")
        form.add_field("file", b"\x7fELF\x02\x01\x01\x00" * 10, filename="a.out")
        response, body = await student.post(f"/programming/{task.id}/submit", form)
        assert response.status == 400
        assert "binary file" in text_of(body)
    assert await ProgramSubmission.all().count() == 0


async def test_a_polygon_package_goes_out_and_comes_back_in(deps: Deps) -> None:
    teacher_login, _ = await _people(deps)
    async with open_panel(deps) as teacher:
        await teacher.sign_in(teacher_login)
        await teacher.post("/programming/new", _task_form(tests=3))
        task = await ProgrammingTask.get()
        response = await teacher.client.get(f"/programming/{task.id}/polygon.zip")
        package = await response.read()
        assert read_polygon(package).tests[1].answer == b"5\n"

        form = aiohttp.FormData()
        form.add_field("csrf_token", teacher.csrf)
        form.add_field("package", package, filename="a-plus-b.zip")
        response, body = await teacher.post("/programming/import", form)
        assert response.status == 200
        assert await ProgrammingTask.all().count() == 2

        broken = aiohttp.FormData()
        broken.add_field("csrf_token", teacher.csrf)
        broken.add_field("package", b"not a zip at all", filename="broken.zip")
        response, body = await teacher.post("/programming/import", broken)
        assert response.status == 400
        assert "a Polygon package is a zip file" in text_of(body)
        assert await ProgrammingTask.all().count() == 2


async def test_the_verdict_page_hears_the_verdict_on_its_socket(deps: Deps, judging: Deps) -> None:
    student_login, task = await _published_task(deps)
    async with open_panel(deps) as student:
        await student.sign_in(student_login)
        submission_id, body = await _submit(student, task.id, "python", "print(5)\n")
        assert f"/submissions/{submission_id}/live" in body
        socket = await student.client.ws_connect(f"/submissions/{submission_id}/live")
        first = json.loads((await socket.receive()).data)
        assert first["state"] == "queued"
        await judge_pending(judging)
        last = json.loads((await socket.receive()).data)
        assert (last["verdict"], last["failed_test"], last["done"]) == ("wrong_answer", 1, True)
        await socket.close()


async def test_someone_elses_submission_is_not_found(deps: Deps) -> None:
    student_login, task = await _published_task(deps)
    system_two = await make_organisation(deps, name="Другая школа")
    await make_member(deps, system_two, Role.STUDENT, login="other@school.kz")
    async with open_panel(deps) as student:
        await student.sign_in(student_login)
        submission_id, _ = await _submit(student, task.id, "python", "print(5)\n")
    async with open_panel(deps) as other:
        await other.sign_in("other@school.kz")
        response, _ = await other.get(f"/submissions/{submission_id}")
        assert response.status == 404
        response, _ = await other.get(f"/programming/{task.id}")
        assert response.status == 404


async def test_a_judge_error_tells_the_teacher_why_and_the_student_only_that_it_is_not_theirs(
    deps: Deps,
) -> None:
    student_login, task = await _published_task(deps)
    async with open_panel(deps) as student:
        await student.sign_in(student_login)
        submission_id, _ = await _submit(student, task.id, "python", "print(5)\n")
        claim = await claim_next(deps)
        assert claim is not None
        reason = "bubblewrap is not installed (apt-get install bubblewrap)"
        await store_report(deps, claim, JudgeReport(verdict="judge_error", judge_message=reason))
        _, body = await student.get(f"/submissions/{submission_id}")
        assert "it is not a mistake in it" in text_of(body)
        assert "bubblewrap" not in body
    async with open_panel(deps) as teacher:
        await teacher.sign_in("teacher@school.kz")
        _, body = await teacher.get(f"/submissions/{submission_id}")
        assert reason in text_of(body)
