"""Question kinds (issue 7): what a well-formed question is, and how answers are scored.

Pure functions, no database: ``core/question_kinds.py`` is the one definition the bank,
imports, attempts and surveys share.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

import pytest

from core.errors import InvalidInput
from core.models.testing import QuestionKind
from core.question_kinds import (
    FULL,
    check_answer,
    check_question,
    correct_answer,
    display_order,
    localised,
    normalise,
    parse_number,
    score,
    split_blanks,
)

K = QuestionKind
TEXT = {"ru": "Вопрос"}


def options(*marks: bool, texts: tuple[str, ...] | None = None) -> dict[str, Any]:
    texts = texts or tuple(str(number) for number in range(1, len(marks) + 1))
    pairs = zip(texts, marks, strict=True)
    return {"options": [{"text": {"ru": t}, "correct": m} for t, m in pairs]}


def refused(kind: QuestionKind, body: dict[str, Any], *, text: Any = None, points: int = 1) -> str:
    with pytest.raises(InvalidInput) as caught:
        check_question(kind, text or TEXT, body, points)
    return caught.value.message.format(**caught.value.params)


def scored(kind: QuestionKind, body: dict[str, Any], answer: dict[str, Any]) -> int:
    _, clean = check_question(kind, TEXT if kind is not K.FILL_BLANK else FB_TEXT, body, 1)
    return score(kind, clean, check_answer(kind, clean, answer))


FB_TEXT = {"ru": "2 + ___ = 5, 10 − ___ = 4", "kk": "2 + ___ = 5, 10 − ___ = 4"}


def test_a_question_says_what_to_fix():
    assert refused(K.SINGLE, options(False, False)) == "Mark the correct option."
    assert "exactly one correct option; 2 are marked" in refused(K.SINGLE, options(True, True))
    assert refused(K.SINGLE, options(True, False, texts=("Астана", " астана "))) == (
        "Options 1 and 2 are the same; make each one different."
    )
    # The same text in another language of another option is a duplicate too.
    body = {
        "options": [
            {"text": {"ru": "Да", "kk": "Иә"}, "correct": True},
            {"text": {"kk": "да"}, "correct": False},
        ]
    }
    assert "Options 1 and 2 are the same" in refused(K.SINGLE, body)
    assert refused(K.SINGLE, options(True)) == "Give from 2 to 10 options."
    assert refused(K.MULTIPLE, options(*([True] + [False] * 10))) == "Give from 2 to 10 options."
    assert "At least one option must be wrong" in refused(K.MULTIPLE, options(True, True))
    assert refused(K.TRUE_FALSE, {"answer": "yes"}).startswith("Say whether")
    assert refused(K.SHORT, {"accepted": ["  ", ""]}) == "Give at least one accepted answer."
    assert refused(K.NUMERIC, {"value": "три"}).startswith("The correct answer must be a number")
    assert refused(K.NUMERIC, {"value": "3", "tolerance": "-1"}).startswith("The tolerance")
    assert refused(K.NUMERIC, {"value": "1e5"}).startswith("The correct answer must be a number")
    text = {"ru": "2 + ___ = 5", "kk": "2 + ___ = 5, 10 − ___ = 4"}
    assert refused(K.FILL_BLANK, {"blanks": [["3"], ["6"]]}, text=text) == (
        "The text in ru has 1 blanks (___), but 2 are answered."
    )
    assert refused(K.FILL_BLANK, {"blanks": []}, text=text).startswith("Mark each blank")
    pairs = {"pairs": [{"left": "1/2", "right": "0,5"}, {"left": "1/4", "right": "0,5"}]}
    assert "Options 1 and 2 are the same" in refused(K.MATCHING, pairs)
    assert "Options 1 and 3 are the same" in refused(
        K.ORDERING, {"items": [{"ru": "а"}, {"ru": "б"}, {"ru": "А"}]}
    )
    assert refused(K.SHORT, {"accepted": ["x"]}, points=0).startswith("Points must be")
    assert refused(K.SHORT, {"accepted": ["x"]}, text={"de": "Frage", "ru": " "}) == (
        "Write the text in at least one language."
    )


def test_a_good_question_comes_back_clean():
    text, body = check_question(
        K.MULTIPLE,
        {"ru": "  Какие числа чётные? ", "kk": "", "de": "ignored"},
        {"options": [{"text": "2", "correct": 1}, {"text": {"en": " 3 "}}, {"text": "4"}]},
        2,
    )
    assert text == {"ru": "Какие числа чётные?"}
    assert body == {
        "options": [
            {"text": {"ru": "2"}, "correct": True},
            {"text": {"en": "3"}, "correct": False},
            {"text": {"ru": "4"}, "correct": False},
        ]
    }
    _, body = check_question(K.NUMERIC, TEXT, {"value": "3,140", "tolerance": ""}, 1)
    assert body == {"value": "3.140", "tolerance": "0"}
    _, body = check_question(K.SHORT, TEXT, {"accepted": ["Астана", " Астана ", "Нұр-Сұлтан"]}, 1)
    assert body == {"accepted": ["Астана", "Нұр-Сұлтан"]}
    # A teacher who draws a longer line means one blank, not two.
    text, body = check_question(K.FILL_BLANK, {"kk": "2 + 2 = ______ ."}, {"blanks": [["4"]]}, 1)
    assert split_blanks(text["kk"]) == ["2 + 2 = ", " ."]


def test_multiple_choice_earns_partial_credit_by_the_documented_rule():
    body = options(True, True, False, False)  # C = 2 correct, W = 2 wrong
    assert scored(K.MULTIPLE, body, {"choices": [0, 1]}) == FULL
    assert scored(K.MULTIPLE, body, {"choices": [1]}) == 500  # half right earns half
    assert scored(K.MULTIPLE, body, {"choices": [0, 1, 2, 3]}) == 0  # ticking everything
    assert scored(K.MULTIPLE, body, {"choices": [0, 2]}) == 0  # one right, one wrong
    assert scored(K.MULTIPLE, body, {"choices": [2]}) == 0  # never below zero
    assert scored(K.MULTIPLE, body, {"choices": []}) == 0
    # Three correct of four: each is a third; rounding is half up.
    body = options(True, True, True, False)
    assert scored(K.MULTIPLE, body, {"choices": [0, 1]}) == 667
    assert scored(K.MULTIPLE, body, {"choices": [0, 1, 2, 3]}) == 0
    # A toggle pressed twice is one choice.
    assert check_answer(K.MULTIPLE, body, {"choices": [2, 0, 2]}) == {"choices": [0, 2]}


def test_typed_answers_are_compared_forgivingly():
    body = {"accepted": ["Ёлка", "Нұр-Сұлтан"]}
    assert scored(K.SHORT, body, {"text": "  ЕЛКА "}) == FULL
    assert scored(K.SHORT, body, {"text": "нұр-сұлтан"}) == FULL
    assert scored(K.SHORT, body, {"text": "нур-султан"}) == 0  # Kazakh letters are letters
    assert normalise("  Сабақ   ЖӘНЕ\tЁж ") == "сабақ және еж"
    numeric = {"value": "3.14", "tolerance": "0.01"}
    assert scored(K.NUMERIC, numeric, {"text": "3,15"}) == FULL
    assert scored(K.NUMERIC, numeric, {"text": "3.13"}) == FULL
    assert scored(K.NUMERIC, numeric, {"text": "3,16"}) == 0
    assert scored(K.NUMERIC, {"value": "1000"}, {"text": "1 000"}) == FULL
    with pytest.raises(InvalidInput, match="Type a number"):
        check_answer(K.NUMERIC, numeric, {"text": "пи"})
    assert parse_number("-12,5") == Decimal("-12.5")
    assert parse_number("1,000.5") is None
    assert parse_number("1" * 31) is None
    assert scored(K.TRUE_FALSE, {"answer": False}, {"value": False}) == FULL
    assert scored(K.TRUE_FALSE, {"answer": False}, {"value": True}) == 0
    assert scored(K.SINGLE, options(False, True), {"choice": 1}) == FULL
    assert scored(K.SINGLE, options(False, True), {"choice": 0}) == 0


def test_matching_ordering_and_blanks_earn_their_share():
    pairs = {
        "pairs": [
            {"left": "1/2", "right": "0,5"},
            {"left": "1/4", "right": "0,25"},
            {"left": "3/4", "right": "0,75"},
        ]
    }
    assert scored(K.MATCHING, pairs, {"pairs": [0, 1, 2]}) == FULL
    assert scored(K.MATCHING, pairs, {"pairs": [0, 2, None]}) == 333
    items = {"items": ["1/8", "1/4", "1/2", "1"]}
    assert scored(K.ORDERING, items, {"order": [0, 1, 2, 3]}) == FULL
    assert scored(K.ORDERING, items, {"order": [0, 1, 3, 2]}) == 500
    blanks = {"blanks": [["3", "три"], ["6"]]}
    assert scored(K.FILL_BLANK, blanks, {"texts": ["Три", "6"]}) == FULL
    assert scored(K.FILL_BLANK, blanks, {"texts": ["3", "5"]}) == 500
    assert score(K.FILL_BLANK, blanks, None) == 0


def test_answers_that_do_not_fit_are_refused():
    body = options(True, False, False)
    for answer in ({"choice": 3}, {"choice": True}, {"choice": "0"}, {}):
        with pytest.raises(InvalidInput, match="does not fit"):
            check_answer(K.SINGLE, body, answer)
    with pytest.raises(InvalidInput, match="does not fit"):
        check_answer(K.ORDERING, {"items": ["a", "b"]}, {"order": [0, 0]})
    with pytest.raises(InvalidInput, match="does not fit"):
        check_answer(K.MATCHING, {"pairs": [{}, {}]}, {"pairs": [0]})
    with pytest.raises(InvalidInput, match="at most 500 characters"):
        check_answer(K.SHORT, {"accepted": ["x"]}, {"text": "x" * 501})


def test_the_correct_answer_scores_full_for_every_kind():
    bodies: dict[QuestionKind, tuple[dict[str, str], dict[str, Any]]] = {
        K.SINGLE: (TEXT, options(False, True)),
        K.MULTIPLE: (TEXT, options(True, False, True)),
        K.TRUE_FALSE: (TEXT, {"answer": True}),
        K.SHORT: (TEXT, {"accepted": ["Астана", "Astana"]}),
        K.NUMERIC: (TEXT, {"value": "2.5", "tolerance": "0"}),
        K.MATCHING: (TEXT, {"pairs": [{"left": "a", "right": "1"}, {"left": "b", "right": "2"}]}),
        K.ORDERING: (TEXT, {"items": ["a", "b", "c"]}),
        K.FILL_BLANK: (FB_TEXT, {"blanks": [["3"], ["6"]]}),
    }
    for kind, (text, raw) in bodies.items():
        _, body = check_question(kind, text, raw, 1)
        answer = check_answer(kind, body, correct_answer(kind, body))
        assert score(kind, body, answer) == FULL, kind


def test_the_order_shown_never_gives_the_answer_away():
    rng = random.Random(7)
    items = {"items": [{"ru": "a"}, {"ru": "b"}]}
    pairs = {"pairs": [{"left": {"ru": "a"}, "right": {"ru": "1"}}] * 2}
    for _ in range(20):
        assert display_order(K.ORDERING, items, rng, shuffle=False) == [1, 0]
        assert display_order(K.MATCHING, pairs, rng, shuffle=False) == [1, 0]
        shown = display_order(K.ORDERING, {"items": ["a", "b", "c", "d"]}, rng, shuffle=False)
        assert sorted(shown) == [0, 1, 2, 3] and shown != [0, 1, 2, 3]
    choices = options(True, False, False, False)
    assert display_order(K.SINGLE, choices, rng, shuffle=False) == [0, 1, 2, 3]
    assert sorted(display_order(K.MULTIPLE, choices, rng, shuffle=True)) == [0, 1, 2, 3]
    assert display_order(K.SHORT, {"accepted": ["x"]}, rng, shuffle=True) == []


def test_a_text_falls_back_to_a_language_it_has():
    assert localised({"kk": "Сұрақ", "ru": "Вопрос"}, "en") == "Вопрос"
    assert localised({"kk": "Сұрақ", "en": "Question"}, "en") == "Question"
    assert localised({"en": "Question"}, "kk") == "Question"
    assert localised({}, "ru") == ""
