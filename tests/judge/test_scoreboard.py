"""Contest scoreboards and monitoring (core/judge/scoreboard.py), figures worked out by hand."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from core.judge.scoreboard import (
    Attempt,
    ContestRules,
    FirstSolve,
    Participant,
    ProblemFigures,
    Row,
    SchoolFigures,
    Scoreboard,
    build_scoreboard,
    monitoring,
)

START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
END = START + timedelta(hours=5)
AFTER = END + timedelta(days=1)
A, B, C = 101, 102, 103


def _at(minutes: float) -> datetime:
    return START + timedelta(minutes=minutes)


def _icpc(**changes: Any) -> ContestRules:
    return replace(ContestRules("icpc", START, END, problems=(A, B, C)), **changes)


def _people(*names: str) -> list[Participant]:
    return [Participant(index, name, "School 1") for index, name in enumerate(names, 1)]


def _board(
    rules: ContestRules,
    participants: Sequence[Participant],
    attempts: Sequence[Attempt],
    *,
    organiser: bool = False,
) -> Scoreboard:
    return build_scoreboard(
        rules, participants, attempts, now=AFTER, viewer_is_organiser=organiser
    )


def _row(board: Scoreboard, name: str) -> Row:
    return next(row for row in board.rows if row.participant.name == name)


def _standing(board: Scoreboard) -> list[tuple[int | None, str]]:
    return [(row.rank, row.participant.name) for row in board.rows]


def test_icpc_ranks_by_solved_then_penalty_and_ties_share_a_rank():
    people = _people("Aida", "Bolat", "Dana", "Erlan")
    attempts = [
        # Aida: A at 10 after one wrong answer (10 + 20), B at 50: 2 solved, penalty 80.
        Attempt(1, A, _at(3), "wrong_answer"),
        Attempt(1, A, _at(10), "ok"),
        Attempt(1, B, _at(50), "ok"),
        # Bolat: A at 30, B at 50: 2 solved, penalty 80, last accepted at 50 too: tied.
        Attempt(2, A, _at(30), "ok"),
        Attempt(2, B, _at(50.9), "ok"),
        # Dana: one problem only, fast.
        Attempt(3, C, _at(1), "ok"),
        # Erlan: B at 20 and C at 40 after two rejections: 2 solved, penalty 100.
        Attempt(4, B, _at(20), "time_limit"),
        Attempt(4, B, _at(20), "ok"),
        Attempt(4, C, _at(25), "runtime_error"),
        Attempt(4, C, _at(40), "ok"),
    ]

    board = _board(_icpc(), people, attempts)

    assert _standing(board) == [(1, "Aida"), (1, "Bolat"), (3, "Erlan"), (4, "Dana")]
    aida = _row(board, "Aida")
    assert (aida.solved, aida.penalty, aida.last_accepted) == (2, 80, 50)
    assert (aida.cells[0].status, aida.cells[0].tries, aida.cells[0].minutes) == ("solved", 1, 10)
    assert aida.cells[2].status == "untried"
    assert _row(board, "Erlan").penalty == 100


def test_icpc_last_accepted_time_breaks_an_equal_penalty():
    people = _people("Aida", "Bolat")
    attempts = [
        # Both: 2 solved, penalty 100; Aida's last accepted is at 60, Bolat's at 90.
        Attempt(1, A, _at(40), "ok"),
        Attempt(1, B, _at(60), "ok"),
        Attempt(2, A, _at(10), "ok"),
        Attempt(2, B, _at(90), "ok"),
    ]

    assert _standing(_board(_icpc(), people, attempts)) == [(1, "Aida"), (2, "Bolat")]


def test_compile_and_judge_errors_cost_no_penalty_and_later_tries_change_nothing():
    people = _people("Aida")
    attempts = [
        Attempt(1, A, _at(1), "compile_error"),
        Attempt(1, A, _at(2), "judge_error"),
        Attempt(1, A, _at(3), "presentation_error"),
        Attempt(1, A, _at(7), "ok"),
        Attempt(1, A, _at(9), "wrong_answer"),
        Attempt(1, B, _at(9), "compile_error"),
    ]

    row = _board(_icpc(penalty_minutes=10), people, attempts).rows[0]

    assert (row.solved, row.penalty) == (1, 7 + 10)
    assert (row.cells[0].status, row.cells[0].tries) == ("solved", 1)
    # A compile error alone is no rejected try.
    assert (row.cells[1].status, row.cells[1].tries) == ("untried", 0)


def test_attempts_after_the_end_or_for_other_problems_never_count():
    people = _people("Aida", "Bolat")
    attempts = [
        Attempt(1, A, END, "ok"),
        Attempt(2, A, END + timedelta(seconds=1), "ok"),
        Attempt(2, 999, _at(5), "ok"),
        Attempt(77, A, _at(5), "ok"),
    ]

    board = _board(_icpc(), people, attempts)

    assert _standing(board) == [(1, "Aida"), (2, "Bolat")]
    assert _row(board, "Aida").penalty == 300
    bolat = _row(board, "Bolat")
    assert bolat.solved == 0 and bolat.cells[0].status == "untried"


def test_a_live_board_shows_only_what_has_happened_by_now():
    people = _people("Aida")
    attempts = [Attempt(1, A, _at(10), "wrong_answer"), Attempt(1, A, _at(40), "ok")]

    row = build_scoreboard(_icpc(), people, attempts, now=_at(30), viewer_is_organiser=True).rows[
        0
    ]

    assert (row.solved, row.cells[0].status, row.cells[0].tries) == (0, "rejected", 1)


def _freeze_story() -> tuple[list[Participant], list[Attempt]]:
    """Aida leads before the freeze (last hour); Bolat overtakes her inside it."""
    people = _people("Aida", "Bolat")
    attempts = [
        Attempt(1, A, _at(30), "ok"),
        Attempt(1, B, _at(100), "ok"),
        Attempt(2, A, _at(20), "ok"),
        Attempt(2, B, _at(250), "wrong_answer"),
        Attempt(2, B, _at(260), "ok"),
        Attempt(2, C, _at(270), "ok"),
        # Already solved before the freeze: nothing pending to show.
        Attempt(1, A, _at(280), "wrong_answer"),
    ]
    return people, attempts


def test_a_frozen_board_hides_the_last_minutes_from_the_public():
    people, attempts = _freeze_story()

    board = _board(_icpc(freeze_minutes=60, frozen=True), people, attempts)

    assert board.frozen
    assert _standing(board) == [(1, "Aida"), (2, "Bolat")]
    bolat = _row(board, "Bolat")
    assert bolat.solved == 1
    # Two tries on B and one on C, without their results.
    assert [(cell.status, cell.pending) for cell in bolat.cells] == [
        ("solved", 0),
        ("pending", 2),
        ("pending", 1),
    ]
    assert _row(board, "Aida").cells[0].pending == 0
    # Nobody has solved C as far as the public knows.
    assert [cell.first for cell in bolat.cells] == [True, False, False]


def test_the_organiser_sees_through_the_freeze_and_unfreezing_shows_everyone():
    people, attempts = _freeze_story()
    frozen = _icpc(freeze_minutes=60, frozen=True)

    organiser_view = _board(frozen, people, attempts, organiser=True)
    unfrozen = _board(_icpc(freeze_minutes=60, frozen=False), people, attempts)

    for board in (organiser_view, unfrozen):
        assert not board.frozen
        assert _standing(board) == [(1, "Bolat"), (2, "Aida")]
        bolat = _row(board, "Bolat")
        assert (bolat.solved, bolat.penalty) == (3, 20 + 260 + 20 + 270)
        assert all(cell.pending == 0 for cell in bolat.cells)
        assert [cell.first for cell in bolat.cells] == [True, False, True]


def test_before_the_freeze_begins_the_board_is_not_marked_frozen():
    people, attempts = _freeze_story()
    before = [attempt for attempt in attempts if attempt.at <= _at(200)]

    board = build_scoreboard(
        _icpc(freeze_minutes=60, frozen=True),
        people,
        before,
        now=_at(200),
        viewer_is_organiser=False,
    )

    assert not board.frozen
    assert _standing(board) == [(1, "Aida"), (2, "Bolat")]


def test_ioi_takes_the_best_of_each_subtask_across_submissions():
    people = _people("Aida", "Bolat", "Dana")
    rules = ContestRules("ioi", START, END, problems=(A, B))
    attempts = [
        # Aida: two partial solutions of A that solve different subtasks: 30 + 50.
        Attempt(1, A, _at(10), "wrong_answer", 30, {"1": 30, "2": 0, "3": 0}),
        Attempt(1, A, _at(20), "wrong_answer", 50, {"1": 0, "2": 20, "3": 30}),
        Attempt(1, B, _at(20), "compile_error", None, None),
        # Bolat: plain scores on B (no subtasks): the best one counts.
        Attempt(2, B, _at(30), "ok", 100),
        Attempt(2, B, _at(40), "wrong_answer", 40),
        # Dana: 80 on A as well: a tie with Aida.
        Attempt(3, A, _at(15), "wrong_answer", 80, {"1": 30, "2": 20, "3": 30}),
    ]

    board = _board(rules, people, attempts)

    assert _standing(board) == [(1, "Bolat"), (2, "Aida"), (2, "Dana")]
    aida = _row(board, "Aida")
    assert aida.score == 80
    assert aida.cells[0].points == 80
    assert dict(aida.cells[0].subtasks) == {"1": 30, "2": 20, "3": 30}
    assert (aida.cells[1].points, aida.cells[1].tries) == (0, 1)
    bolat_b = _row(board, "Bolat").cells[1]
    assert (bolat_b.status, bolat_b.points, bolat_b.minutes) == ("solved", 100, 30)


def test_ioi_a_whole_score_without_subtasks_still_counts():
    people = _people("Aida")
    rules = ContestRules("ioi", START, END, problems=(A,))
    attempts = [
        Attempt(1, A, _at(10), "wrong_answer", 30, {"1": 10, "2": 20}),
        # Judged before the problem had subtasks: its total is the better figure.
        Attempt(1, A, _at(20), "wrong_answer", 45),
    ]

    assert _board(rules, people, attempts).rows[0].score == 45


def test_ioi_freeze_keeps_later_scores_pending():
    people = _people("Aida")
    rules = ContestRules("ioi", START, END, freeze_minutes=30, frozen=True, problems=(A,))
    attempts = [
        Attempt(1, A, _at(10), "wrong_answer", 20),
        Attempt(1, A, _at(290), "ok", 100),
    ]

    cell = _board(rules, people, attempts).rows[0].cells[0]

    assert (cell.status, cell.points, cell.tries, cell.pending) == ("pending", 20, 1, 1)


def test_virtual_participants_score_on_their_own_clock_and_take_no_official_rank():
    virtual_start = START + timedelta(days=2)
    people = [
        Participant(1, "Aida", "School 1"),
        Participant(2, "Bolat", "School 1"),
        Participant(3, "Vika", "School 2", virtual_start=virtual_start),
    ]
    attempts = [
        Attempt(1, A, _at(60), "ok"),
        Attempt(2, A, _at(100), "ok"),
        # Vika: A 30 minutes into her own contest; her C after her window does not count,
        # nor does B during the official contest, before her start.
        Attempt(3, A, virtual_start + timedelta(minutes=30), "ok"),
        Attempt(3, B, _at(10), "ok"),
        Attempt(3, C, virtual_start + timedelta(hours=5, minutes=1), "ok"),
    ]

    board = build_scoreboard(
        _icpc(),
        people,
        attempts,
        now=virtual_start + timedelta(days=1),
        viewer_is_organiser=False,
    )

    # Shown where her result puts her, but Aida and Bolat keep ranks 1 and 2.
    assert _standing(board) == [(None, "Vika"), (1, "Aida"), (2, "Bolat")]
    vika = _row(board, "Vika")
    assert vika.virtual and (vika.solved, vika.penalty) == (1, 30)
    assert [cell.status for cell in vika.cells] == ["solved", "untried", "untried"]
    # The first solve of A is the official one.
    assert _row(board, "Aida").cells[0].first
    assert not vika.cells[0].first


def test_monitoring_per_school_and_per_problem_on_a_two_school_contest():
    people = [
        Participant(1, "Aida", "Lyceum"),
        Participant(2, "Bolat", "Lyceum"),
        Participant(3, "Dana", "Gymnasium"),
        Participant(4, "Erlan", "Gymnasium"),
        Participant(5, "Vika", "Gymnasium", virtual_start=START + timedelta(days=1)),
    ]
    virtual = START + timedelta(days=1)
    attempts = [
        Attempt(1, A, _at(10), "wrong_answer"),
        Attempt(1, A, _at(20), "ok"),
        Attempt(1, B, _at(40), "ok"),
        Attempt(2, A, _at(5), "compile_error"),
        Attempt(3, A, _at(50), "ok"),
        Attempt(3, B, _at(60), "wrong_answer"),
        Attempt(3, B, _at(90), "wrong_answer"),
        Attempt(5, A, virtual + timedelta(minutes=2), "wrong_answer"),
        Attempt(5, A, virtual + timedelta(minutes=8), "ok"),
        Attempt(4, A, END + timedelta(minutes=1), "ok"),
    ]

    figures = monitoring(_icpc(), people, attempts)

    # Gymnasium: Dana solved A, Erlan nothing in time, Vika A (virtually): 3 people, 2 solves.
    assert figures.schools == (
        SchoolFigures("Gymnasium", participants=3, solved=2, participants_with_solved=2),
        SchoolFigures("Lyceum", participants=2, solved=2, participants_with_solved=1),
    )
    # A: solved by Aida at 20 (10 after her first try), Dana at 50 (0), Vika at 8 (6).
    assert figures.problems[0] == ProblemFigures(
        problem_id=A,
        attempts=6,
        participants_tried=4,
        solved=3,
        median_minutes_from_start=20,
        median_minutes_from_first_attempt=6,
        first_solver=FirstSolve(participant_id=1, minutes=20),
    )
    assert figures.problems[1] == ProblemFigures(
        problem_id=B,
        attempts=3,
        participants_tried=2,
        solved=1,
        median_minutes_from_start=40,
        median_minutes_from_first_attempt=0,
        first_solver=FirstSolve(participant_id=1, minutes=40),
    )
    assert figures.problems[2] == ProblemFigures(C, 0, 0, 0, None, None, None)


@pytest.mark.parametrize(
    "changes",
    [
        {"end": START},
        {"start": START.replace(tzinfo=None)},
        {"penalty_minutes": -1},
        {"freeze_minutes": -5},
        {"problems": (A, A)},
    ],
)
def test_impossible_rules_are_refused(changes: dict[str, Any]):
    with pytest.raises(ValueError):
        _icpc(**changes)


def test_an_unknown_verdict_or_a_naive_time_is_refused():
    with pytest.raises(ValueError, match="verdict"):
        Attempt(1, A, START, "accepted")
    with pytest.raises(ValueError, match="aware"):
        Attempt(1, A, START.replace(tzinfo=None), "ok")
