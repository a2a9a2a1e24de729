"""A timetable printed as PDF per class, teacher and room (issue 11): read back with pypdf,
as a person would see the pages."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from core.timetabling.printout import timetable_pdf
from core.timetabling.problem import (
    Lesson,
    Placement,
    Problem,
    Room,
    StudentSet,
    Subject,
    Teacher,
    Week,
)

WEEK = Week(("Дүйсенбі", "Сейсенбі", "Сәрсенбі", "Бейсенбі", "Жұма"), ("08:30", "09:25", "10:20"))


def school() -> Problem:
    lessons = [
        Lesson(1, "kaz", ("ali",), ("9Ә",), needs_room=True),
        Lesson(2, "math", ("ivanova",), ("9Ә", "9Б"), duration=2, needs_room=True),
        Lesson(3, "math", ("ivanova",), ("9Б",), needs_room=True),
    ]
    return Problem(
        name="№7 мектеп",
        week=WEEK,
        teachers={"ali": Teacher("ali", "Әлімова Ғ."), "ivanova": Teacher("ivanova", "Иванова")},
        sets={"9Ә": StudentSet("9Ә", "9Ә"), "9Б": StudentSet("9Б", "9Б")},
        subjects={"kaz": Subject("kaz", "Қазақ тілі"), "math": Subject("math", "Алгебра")},
        rooms={"r1": Room("r1", "Кабинет 12"), "r2": Room("r2", "Актовый зал")},
        buildings={},
        lessons={lesson.id: lesson for lesson in lessons},
    )


TIMETABLE = {1: Placement(0, "r1"), 2: Placement(4, "r2"), 3: Placement(14, "r1")}


def pages(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(data)).pages]


def test_one_page_per_class_with_kazakh_names_and_each_lesson() -> None:
    texts = pages(timetable_pdf(school(), TIMETABLE, view="classes", language="kk"))

    assert len(texts) == 2
    first, second = texts
    assert first.startswith("9Ә") and "№7 мектеп — Сынып" in first
    assert "Дүйсенбі" in first and "Жұма" in first and "08:30" in first
    assert "Қазақ тілі · Әлімова Ғ. · Кабинет 12" in first
    assert "Алгебра · Иванова · Актовый зал · 9Ә, 9Б" in first
    assert second.startswith("9Б") and "Қазақ тілі" not in second
    assert second.count("Алгебра") == 3  # a double lesson fills two periods, one more alone


def test_teachers_and_rooms_each_get_their_pages() -> None:
    teachers = pages(timetable_pdf(school(), TIMETABLE, view="teachers", language="ru"))
    rooms = pages(timetable_pdf(school(), TIMETABLE, view="rooms", language="en"))

    assert [text.split(" ")[0] for text in teachers] == ["Әлімова", "Иванова"]
    assert "Преподаватель" in teachers[1] and "Алгебра · 9Ә, 9Б · Актовый зал" in teachers[1]
    assert len(rooms) == 2 and rooms[1].startswith("Кабинет 12")
    assert "Қазақ тілі · 9Ә · Әлімова Ғ." in rooms[1]


def test_a_view_with_nothing_placed_prints_one_page_saying_so() -> None:
    texts = pages(timetable_pdf(school(), {}, view="rooms", language="en"))

    assert texts == ["This timetable has no lessons to print here."]


def test_an_unknown_view_is_refused() -> None:
    with pytest.raises(ValueError, match="view"):
        timetable_pdf(school(), TIMETABLE, view="buildings", language="en")
