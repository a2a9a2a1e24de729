"""A school's .fet file checked or solved as a whole (``sabaq timetable check|solve``): what
the admin reads, in their language, and the file they get back."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from core.timetabling.checker import check
from core.timetabling.fet import read_fet
from core.timetabling.files import check_file, locked_timetable, solve_file
from sabaq.cli import app
from tests.test_timetabling_fet import FET_DIR, activities, activity, fet

HOPWOOD = FET_DIR / "uk_hopwood_fully-locked.fet"
BRAZIL = FET_DIR / "brazil_1.fet"


def test_checking_a_hand_made_timetable_names_the_lesson_left_out() -> None:
    lines = check_file(HOPWOOD.read_bytes(), name="hopwood", language="ru")

    assert "Уроков в расписании: 162 из 163." in lines
    assert "Нарушено жёстких правил: 1." in lines
    (left_out,) = [line for line in lines if line.startswith("  • ")]
    assert "Project/Writing/Tutorial — Basic P/T B (Leonora)" in left_out
    assert "не поставлен" in left_out


def test_a_solved_school_breaks_no_hard_rule_and_its_file_checks_clean() -> None:
    told: list[str] = []
    solved = solve_file(
        BRAZIL.read_bytes(), name="brazil", language="kk", seconds=30, tell=told.append
    )

    assert told and all("%" in line and "ұпай" in line for line in told)
    assert "Бұзылған қатаң ережелер: 0." in solved.lines
    assert "Орналастырылған сабақтар: 400 ішінен 400." in solved.lines
    # What TimeTabling's own file says, read back: every lesson pinned, nothing broken.
    assert solved.fet is not None
    again = read_fet(solved.fet, name="again")
    report = check(again, locked_timetable(again))
    assert (report.hard, report.unplaced) == (0, 0)


def test_an_impossible_school_is_told_what_makes_it_so_and_gets_no_file() -> None:
    # Aidar teaches 7 lessons in a week of 2 days × 3 periods.
    crowded = fet(activities(*(activity(number) for number in range(1, 8))))

    solved = solve_file(crowded, name="crowded", language="en", seconds=5)

    assert solved.fet is None
    assert solved.lines[0].startswith("No timetable can keep every hard rule.")
    assert any("Aidar" in line for line in solved.lines[1:])


runner = CliRunner()


def test_the_command_writes_the_solved_file_and_refuses_a_broken_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    out = tmp_path / "solved.fet"

    result = runner.invoke(
        app, ["timetable", "solve", str(BRAZIL), "--seconds", "30", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Нарушено жёстких правил: 0." in result.output
    assert out.exists()
    result = runner.invoke(app, ["timetable", "check", str(out)])
    assert "Уроков в расписании: 400 из 400." in result.output

    broken = tmp_path / "broken.fet"
    broken.write_bytes(b"<fet><Days_List>")
    result = runner.invoke(app, ["timetable", "check", str(broken)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "FET" in result.output
