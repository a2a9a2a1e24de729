"""Stored timetables round-trip: what the panel saves is the school the admin imported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.timetabling.checker import check
from core.timetabling.fet import read_fet
from core.timetabling.files import locked_timetable
from core.timetabling.serial import (
    problem_from_data,
    problem_to_data,
    timetable_from_data,
    timetable_to_data,
)

FET = Path(__file__).parent / "data" / "timetabling" / "fet"


@pytest.mark.parametrize(
    "name",
    [
        "russia_medical-college_timetable-ru.fet",
        "uk_hopwood_fully-locked.fet",
        "spain_secondary-school.fet",  # break times
        "bulgaria_lom_high_school_2007-2008.fet",  # classes without gaps
    ],
)
def test_a_school_survives_json_whole_with_its_check(name: str) -> None:
    problem = read_fet((FET / name).read_bytes(), name=name)
    timetable = locked_timetable(problem)

    stored = json.loads(json.dumps(problem_to_data(problem)))
    again = problem_from_data(stored)
    placed = timetable_from_data(json.loads(json.dumps(timetable_to_data(timetable))))

    assert again == problem
    assert placed == timetable
    assert check(again, placed) == check(problem, timetable)


def test_an_older_stored_problem_without_a_newer_field_reads_with_its_default() -> None:
    problem = read_fet((FET / "brazil_1.fet").read_bytes(), name="brazil")
    stored = problem_to_data(problem)
    del stored["weights"]["building_changes"]
    for teacher in stored["teachers"]:
        del teacher["home_building"]

    again = problem_from_data(stored)

    assert again.weights.building_changes == problem.weights.building_changes
    assert again.teachers == problem.teachers
