"""What each kind of question holds, how an answer to it looks, and how it is scored.

Pure functions over plain data: the bank, imports, attempts, surveys and every adapter use
them, so a question means the same thing everywhere. Texts are ``Loc`` dicts, language →
text (kk, ru, en; at least one). A question's ``body`` by kind, and an answer to it:

==========  ==============================================  =================================
kind        body                                            answer
==========  ==============================================  =================================
single      ``{"options": [{"text": Loc, "correct": b}]}``  ``{"choice": i}``
multiple    the same, one or more correct                   ``{"choices": [i, ...]}``
true_false  ``{"answer": bool}``                            ``{"value": bool}``
short       ``{"accepted": ["Астана", ...]}``               ``{"text": "..."}``
numeric     ``{"value": "3.14", "tolerance": "0.01"}``      ``{"text": "3,14"}``
matching    ``{"pairs": [{"left": Loc, "right": Loc}]}``    ``{"pairs": [j or None, ...]}``
ordering    ``{"items": [Loc, ...]}`` in the right order    ``{"order": [i, ...]}``
fill_blank  ``{"blanks": [["accepted", ...], ...]}``        ``{"texts": ["...", ...]}``
==========  ==============================================  =================================

Indices in answers are always those of the body (never of the shuffled order shown), so an
answer can be checked without knowing how it was displayed. A matching answer gives, for
each left item in body order, the index of the right item chosen. A fill-in-the-blank text
marks each blank with ``___`` (three or more underscores), as many in every language as there are
blanks.

**Scoring** gives thousandths of the question's points (0–1000), rounded half up:

- single, true/false, short text, numeric: all or nothing. Short text compares after
  ``normalise`` (case, ё/е, spaces); numeric accepts ``value ± tolerance``, with a comma or a
  dot.
- multiple choice: each correct option chosen earns ``1/C`` (C: correct options), each wrong
  option chosen costs ``1/W`` (W: wrong options), never below zero — so ticking everything
  scores 0 and a half-right answer earns half.
- matching, ordering, fill-in-the-blank: the share of pairs, positions or blanks right.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from core.config import LANGUAGES
from core.errors import InvalidInput
from core.i18n import N_, gettext_for
from core.models.testing import QuestionKind

Loc = dict[str, str]

FULL = 1000
MIN_OPTIONS = 2
MAX_OPTIONS = 10
MAX_POINTS = 100
TEXT_MAX = 2000
OPTION_MAX = 300
ACCEPTED_MAX = 20
ANSWER_MAX = 500
NUMBER_MAX = 30
BLANK = "___"
#: The language a text falls back to when the reader's is missing, in order.
FALLBACK = ("ru", "kk", "en")

KIND_LABELS: dict[QuestionKind, str] = {
    QuestionKind.SINGLE: N_("Single choice"),
    QuestionKind.MULTIPLE: N_("Multiple choice"),
    QuestionKind.TRUE_FALSE: N_("True or false"),
    QuestionKind.SHORT: N_("Short answer"),
    QuestionKind.NUMERIC: N_("Number"),
    QuestionKind.MATCHING: N_("Matching"),
    QuestionKind.ORDERING: N_("Ordering"),
    QuestionKind.FILL_BLANK: N_("Fill in the blanks"),
}
CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})
TRUE, FALSE = N_("True"), N_("False")
NO_ANSWER = N_("no answer")
NOTHING_CHOSEN = N_("nothing chosen")

_SPACES = re.compile(r"\s+")
#: A blank is three or more underscores: a teacher who draws a longer line means one blank.
_BLANK_RUN = re.compile(r"_{3,}")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def normalise(text: str) -> str:
    """How typed answers are compared: NFC, case-folded, ё as е, runs of spaces as one."""
    folded = unicodedata.normalize("NFC", text).casefold().replace("ё", "е")
    return _SPACES.sub(" ", folded).strip()


def count_blanks(text: str) -> int:
    """How many blanks (``___``, or a longer run of underscores) a text has."""
    return len(_BLANK_RUN.findall(text))


def split_blanks(text: str) -> list[str]:
    """The text around its blanks: one more part than there are blanks."""
    return _BLANK_RUN.split(text)


def parse_number(text: str) -> Decimal | None:
    """A typed number (``3,5``, ``-12``, ``1 000.25``), or None when it is not one."""
    raw = text.strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
    if len(raw) > NUMBER_MAX or not _NUMBER.fullmatch(raw):
        return None
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def localised(text: Mapping[str, str], language: str) -> str:
    """``text`` in ``language``, else in the first of ``FALLBACK`` that it has."""
    for candidate in (language, *FALLBACK):
        if text.get(candidate):
            return text[candidate]
    return ""


def clean_text(text: Mapping[str, Any], *, limit: int = TEXT_MAX, field: str = "text") -> Loc:
    """Keep the languages we speak with non-empty text, stripped.

    Raises:
        InvalidInput: no language has text, or a text is longer than ``limit``.
    """
    cleaned: Loc = {}
    for language in LANGUAGES:
        value = text.get(language)
        if isinstance(value, str) and value.strip():
            if len(value.strip()) > limit:
                raise InvalidInput(
                    N_("A text may be at most {limit} characters long."), field=field, limit=limit
                )
            cleaned[language] = value.strip()
    if not cleaned:
        raise InvalidInput(N_("Write the text in at least one language."), field=field)
    return cleaned


def check_question(
    kind: QuestionKind, text: Mapping[str, Any], body: Mapping[str, Any], points: int
) -> tuple[Loc, dict[str, Any]]:
    """Check a question before it is saved and return its cleaned text and body.

    Raises:
        InvalidInput: what to fix — no text, too few or too many options, no correct
            option, two correct options in a single choice, duplicated options, an
            accepted answer missing, a number that is not one, a blank count that does not
            match, points outside 1–100.
    """
    if not 1 <= points <= MAX_POINTS:
        raise InvalidInput(
            N_("Points must be a whole number from 1 to {most}."), field="points", most=MAX_POINTS
        )
    cleaned_text = clean_text(text)
    checker = _CHECKERS[QuestionKind(kind)]
    return cleaned_text, checker(cleaned_text, body)


def _distinct(texts: Sequence[Loc], field: str) -> None:
    seen: dict[str, int] = {}
    for index, loc in enumerate(texts, start=1):
        for value in loc.values():
            key = normalise(value)
            if key in seen and seen[key] != index:
                raise InvalidInput(
                    N_("Options {first} and {second} are the same; make each one different."),
                    field=field,
                    first=seen[key],
                    second=index,
                )
            seen.setdefault(key, index)


def _count(items: Any, field: str) -> list[Any]:
    if not isinstance(items, list) or not MIN_OPTIONS <= len(items) <= MAX_OPTIONS:
        raise InvalidInput(
            N_("Give from {least} to {most} options."),
            field=field,
            least=MIN_OPTIONS,
            most=MAX_OPTIONS,
        )
    return items


def _loc(value: Any, field: str) -> Loc:
    if isinstance(value, str):
        value = {"ru": value}
    if not isinstance(value, Mapping):
        raise InvalidInput(N_("Write the text in at least one language."), field=field)
    return clean_text(value, limit=OPTION_MAX, field=field)


def _check_choice(kind: QuestionKind) -> Any:
    def check(_text: Loc, body: Mapping[str, Any]) -> dict[str, Any]:
        texts: list[Loc] = []
        marks: list[bool] = []
        for option in _count(body.get("options"), "options"):
            if not isinstance(option, Mapping):
                raise InvalidInput(N_("Write the text in at least one language."), field="options")
            texts.append(_loc(option.get("text"), "options"))
            marks.append(bool(option.get("correct")))
        _distinct(texts, "options")
        options = [{"text": t, "correct": m} for t, m in zip(texts, marks, strict=True)]
        correct = sum(marks)
        if correct == 0:
            raise InvalidInput(N_("Mark the correct option."), field="options")
        if kind is QuestionKind.SINGLE and correct > 1:
            raise InvalidInput(
                N_("A single-choice question has exactly one correct option; {count} are marked."),
                field="options",
                count=correct,
            )
        if kind is QuestionKind.MULTIPLE and correct == len(options):
            raise InvalidInput(
                N_("At least one option must be wrong, or the question tests nothing."),
                field="options",
            )
        return {"options": options}

    return check


def _check_true_false(_text: Loc, body: Mapping[str, Any]) -> dict[str, Any]:
    answer = body.get("answer")
    if not isinstance(answer, bool):
        raise InvalidInput(N_("Say whether the statement is true or false."), field="answer")
    return {"answer": answer}


def _accepted(values: Any, field: str) -> list[str]:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list):
        values = []
    accepted = list(
        dict.fromkeys(
            value.strip() for value in values if isinstance(value, str) and value.strip()
        )
    )
    if not accepted:
        raise InvalidInput(N_("Give at least one accepted answer."), field=field)
    if len(accepted) > ACCEPTED_MAX or any(len(value) > OPTION_MAX for value in accepted):
        raise InvalidInput(
            N_("Give at most {most} accepted answers of up to {limit} characters each."),
            field=field,
            most=ACCEPTED_MAX,
            limit=OPTION_MAX,
        )
    return accepted


def _check_short(_text: Loc, body: Mapping[str, Any]) -> dict[str, Any]:
    return {"accepted": _accepted(body.get("accepted"), "accepted")}


def _check_numeric(_text: Loc, body: Mapping[str, Any]) -> dict[str, Any]:
    value = parse_number(str(body.get("value", "")))
    if value is None:
        raise InvalidInput(
            N_("The correct answer must be a number, like 12 or 3.5."), field="value"
        )
    tolerance = parse_number(str(body.get("tolerance", "0") or "0"))
    if tolerance is None or tolerance < 0:
        raise InvalidInput(
            N_("The tolerance must be zero or a positive number, like 0.5."), field="tolerance"
        )
    return {"value": str(value), "tolerance": str(tolerance)}


def _check_matching(_text: Loc, body: Mapping[str, Any]) -> dict[str, Any]:
    pairs = []
    for pair in _count(body.get("pairs"), "pairs"):
        if not isinstance(pair, Mapping):
            raise InvalidInput(N_("Each pair needs a left and a right side."), field="pairs")
        pairs.append(
            {"left": _loc(pair.get("left"), "pairs"), "right": _loc(pair.get("right"), "pairs")}
        )
    _distinct([pair["left"] for pair in pairs], "pairs")
    _distinct([pair["right"] for pair in pairs], "pairs")
    return {"pairs": pairs}


def _check_ordering(_text: Loc, body: Mapping[str, Any]) -> dict[str, Any]:
    items = [_loc(item, "items") for item in _count(body.get("items"), "items")]
    _distinct(items, "items")
    return {"items": items}


def _check_fill_blank(text: Loc, body: Mapping[str, Any]) -> dict[str, Any]:
    raw = body.get("blanks")
    if not isinstance(raw, list) or not raw:
        raise InvalidInput(
            N_("Mark each blank in the text with ___ and give its accepted answers."),
            field="blanks",
        )
    blanks = [_accepted(values, "blanks") for values in raw]
    for language, value in text.items():
        found = count_blanks(value)
        if found != len(blanks):
            raise InvalidInput(
                N_("The text in {language} has {found} blanks (___), but {count} are answered."),
                field="blanks",
                language=language,
                found=found,
                count=len(blanks),
            )
    return {"blanks": blanks}


_CHECKERS: dict[QuestionKind, Any] = {
    QuestionKind.SINGLE: _check_choice(QuestionKind.SINGLE),
    QuestionKind.MULTIPLE: _check_choice(QuestionKind.MULTIPLE),
    QuestionKind.TRUE_FALSE: _check_true_false,
    QuestionKind.SHORT: _check_short,
    QuestionKind.NUMERIC: _check_numeric,
    QuestionKind.MATCHING: _check_matching,
    QuestionKind.ORDERING: _check_ordering,
    QuestionKind.FILL_BLANK: _check_fill_blank,
}


def size(kind: QuestionKind, body: Mapping[str, Any]) -> int:
    """How many options, pairs, items or blanks the question has (0 for the others)."""
    key = {
        QuestionKind.SINGLE: "options",
        QuestionKind.MULTIPLE: "options",
        QuestionKind.MATCHING: "pairs",
        QuestionKind.ORDERING: "items",
        QuestionKind.FILL_BLANK: "blanks",
    }.get(QuestionKind(kind))
    return len(body[key]) if key else 0


_WRONG_SHAPE = N_("That answer does not fit this question; answer it again.")


def _index(value: Any, count: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < count:
        raise InvalidInput(_WRONG_SHAPE)
    return value


def _typed(value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidInput(_WRONG_SHAPE)
    if len(value) > ANSWER_MAX:
        raise InvalidInput(
            N_("An answer may be at most {limit} characters long."), limit=ANSWER_MAX
        )
    return value.strip()


def check_answer(
    kind: QuestionKind, body: Mapping[str, Any], answer: Mapping[str, Any]
) -> dict[str, Any]:
    """Check the shape of an answer and return it cleaned (indices sorted, text stripped).

    An empty multiple-choice or matching answer is an answer (it scores nothing).

    Raises:
        InvalidInput: the answer does not fit the question, a typed answer is too long, or a
            numeric answer is not a number.
    """
    kind = QuestionKind(kind)
    count = size(kind, body)
    if kind is QuestionKind.SINGLE:
        return {"choice": _index(answer.get("choice"), count)}
    if kind is QuestionKind.MULTIPLE:
        choices = answer.get("choices")
        if not isinstance(choices, list):
            raise InvalidInput(_WRONG_SHAPE)
        return {"choices": sorted({_index(choice, count) for choice in choices})}
    if kind is QuestionKind.TRUE_FALSE:
        if not isinstance(answer.get("value"), bool):
            raise InvalidInput(_WRONG_SHAPE)
        return {"value": answer["value"]}
    if kind is QuestionKind.SHORT:
        return {"text": _typed(answer.get("text"))}
    if kind is QuestionKind.NUMERIC:
        text = _typed(answer.get("text"))
        if parse_number(text) is None:
            raise InvalidInput(N_("Type a number, like 12 or 3,5."))
        return {"text": text}
    if kind is QuestionKind.MATCHING:
        pairs = answer.get("pairs")
        if not isinstance(pairs, list) or len(pairs) != count:
            raise InvalidInput(_WRONG_SHAPE)
        return {"pairs": [None if pair is None else _index(pair, count) for pair in pairs]}
    if kind is QuestionKind.ORDERING:
        order = answer.get("order")
        if not isinstance(order, list) or sorted(_index(i, count) for i in order) != list(
            range(count)
        ):
            raise InvalidInput(_WRONG_SHAPE)
        return {"order": list(order)}
    texts = answer.get("texts")
    if not isinstance(texts, list) or len(texts) != count:
        raise InvalidInput(_WRONG_SHAPE)
    return {"texts": [_typed(text) for text in texts]}


def _thousandths(share: Fraction) -> int:
    share = min(max(share, Fraction(0)), Fraction(1))
    return int(share * FULL + Fraction(1, 2))


def _matches(accepted: Sequence[str], given: str) -> bool:
    given = normalise(given)
    return any(normalise(value) == given for value in accepted)


def score(kind: QuestionKind, body: Mapping[str, Any], answer: Mapping[str, Any] | None) -> int:
    """Thousandths of the question's points that ``answer`` earns (no answer: 0).

    ``answer`` must have passed ``check_answer``.
    """
    if answer is None:
        return 0
    kind = QuestionKind(kind)
    if kind is QuestionKind.SINGLE:
        return FULL if body["options"][answer["choice"]]["correct"] else 0
    if kind is QuestionKind.MULTIPLE:
        correct = {i for i, option in enumerate(body["options"]) if option["correct"]}
        wrong = len(body["options"]) - len(correct)
        chosen = set(answer["choices"])
        share = Fraction(len(chosen & correct), len(correct))
        if wrong:
            share -= Fraction(len(chosen - correct), wrong)
        return _thousandths(share)
    if kind is QuestionKind.TRUE_FALSE:
        return FULL if answer["value"] is body["answer"] else 0
    if kind is QuestionKind.SHORT:
        return FULL if _matches(body["accepted"], answer["text"]) else 0
    if kind is QuestionKind.NUMERIC:
        given = parse_number(answer["text"])
        if given is None:
            return 0
        value, tolerance = Decimal(body["value"]), Decimal(body["tolerance"])
        return FULL if abs(given - value) <= tolerance else 0
    if kind is QuestionKind.MATCHING:
        pairs = answer["pairs"]
        right = sum(chosen == index for index, chosen in enumerate(pairs))
        return _thousandths(Fraction(right, len(pairs)))
    if kind is QuestionKind.ORDERING:
        order = answer["order"]
        right = sum(item == position for position, item in enumerate(order))
        return _thousandths(Fraction(right, len(order)))
    blanks = body["blanks"]
    right = sum(
        _matches(accepted, text) for accepted, text in zip(blanks, answer["texts"], strict=True)
    )
    return _thousandths(Fraction(right, len(blanks)))


def correct_answer(kind: QuestionKind, body: Mapping[str, Any]) -> dict[str, Any]:
    """The right answer in the answer's shape (the first accepted text where several are)."""
    kind = QuestionKind(kind)
    if kind is QuestionKind.SINGLE:
        return {"choice": next(i for i, o in enumerate(body["options"]) if o["correct"])}
    if kind is QuestionKind.MULTIPLE:
        return {"choices": [i for i, o in enumerate(body["options"]) if o["correct"]]}
    if kind is QuestionKind.TRUE_FALSE:
        return {"value": body["answer"]}
    if kind is QuestionKind.SHORT:
        return {"text": body["accepted"][0]}
    if kind is QuestionKind.NUMERIC:
        return {"text": body["value"]}
    if kind is QuestionKind.MATCHING:
        return {"pairs": list(range(len(body["pairs"])))}
    if kind is QuestionKind.ORDERING:
        return {"order": list(range(len(body["items"])))}
    return {"texts": [accepted[0] for accepted in body["blanks"]]}


def display_order(
    kind: QuestionKind, body: Mapping[str, Any], rng: random.Random, *, shuffle: bool
) -> list[int]:
    """The order options (single, multiple), right-hand sides (matching) or items (ordering)
    are shown in; empty for kinds without any. Right-hand sides and ordering items are always
    shuffled, never into the right order — that would give the answer away."""
    count = size(kind, body)
    kind = QuestionKind(kind)
    if kind not in (*CHOICE_KINDS, QuestionKind.MATCHING, QuestionKind.ORDERING):
        return []
    order = list(range(count))
    if kind in (QuestionKind.MATCHING, QuestionKind.ORDERING):
        while order == sorted(order):
            rng.shuffle(order)
    elif shuffle:
        rng.shuffle(order)
    return order


def body_words(
    kind: QuestionKind, body: Mapping[str, Any], language: str
) -> tuple[dict[int, str], list[str]]:
    """What an answer refers to, in ``language``: options, right-hand sides or items by body
    index, and the matching's left-hand sides (for reviews, from an attempt's snapshot)."""
    kind = QuestionKind(kind)
    if kind in CHOICE_KINDS:
        options = body.get("options", [])
        return {i: localised(option["text"], language) for i, option in enumerate(options)}, []
    if kind is QuestionKind.MATCHING:
        pairs = body.get("pairs", [])
        return (
            {i: localised(pair["right"], language) for i, pair in enumerate(pairs)},
            [localised(pair["left"], language) for pair in pairs],
        )
    if kind is QuestionKind.ORDERING:
        return {i: localised(item, language) for i, item in enumerate(body.get("items", []))}, []
    return {}, []


def answer_words(
    kind: QuestionKind,
    answer: Mapping[str, Any] | None,
    *,
    texts: Mapping[int, str],
    lefts: Sequence[str],
    language: str,
) -> str:
    """An answer as the student reads it, in ``language``; ``texts`` and ``lefts`` are what
    its indices refer to (``body_words``, or the choices of the question shown)."""
    if answer is None:
        return gettext_for(language, NO_ANSWER)
    kind = QuestionKind(kind)
    if kind is QuestionKind.SINGLE:
        return texts.get(answer["choice"], "?")
    if kind is QuestionKind.MULTIPLE:
        chosen = "; ".join(texts.get(i, "?") for i in answer["choices"])
        return chosen or gettext_for(language, NOTHING_CHOSEN)
    if kind is QuestionKind.TRUE_FALSE:
        return gettext_for(language, TRUE if answer["value"] else FALSE)
    if kind in (QuestionKind.SHORT, QuestionKind.NUMERIC):
        return str(answer["text"])
    if kind is QuestionKind.MATCHING:
        return "; ".join(
            f"{left} → {texts.get(right, '?') if right is not None else '…'}"
            for left, right in zip(lefts, answer["pairs"], strict=False)
        )
    if kind is QuestionKind.ORDERING:
        return " → ".join(texts.get(i, "?") for i in answer["order"])
    return "; ".join(str(text) for text in answer["texts"])
