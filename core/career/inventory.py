"""The interest inventory (RIASEC, issue 9): items, forms and deterministic scoring.

Items come from the illustrative work activities published with O*NET data (CC BY 4.0,
see ``core/data/career/NOTICE.md``): the "General" activities of each interest type and
some "Basic" ones whose basic interest belongs to one type only. This is Sabaq's own item
pool, not a validated instrument, and it is never called by the name of O*NET's own
inventory. ``core/data/career/items.csv`` holds every item in English, Russian and Kazakh
(columns ``id, form, type, en, ru, kk, source_activity``).

Two forms, each with the same number of items per type:

- ``short`` — "what you enjoy", for grades 5–8: 5 items per type (30), activities rewritten
  in words a child knows;
- ``full`` — for grades 9–11: 10 items per type (60), close to the O*NET activity.

Each answer is 1 (strongly dislike) … 5 (strongly like). Scoring, with no randomness:

- **sums**: the six sums of a type's answers (short form 5–25, full form 10–50);
- **levels**: each type's mean answer put on O*NET's 1–7 interest level scale,
  ``level = 1 + (mean - 1) * 6 / 4`` (1 → 1, 3 → 4, 5 → 7), so a student compares with
  the occupations' profiles directly;
- **code**: the three types with the highest levels. Ties are broken by the number of
  "strongly like" (5) answers of the type, then by the RIASEC order R, I, A, S, E, C —
  always the same code for the same answers;
- **differentiation**: the highest level minus the lowest (Holland's 1985 "high minus low"
  definition, not Iachan's index), 0–6. Below ``UNDIFFERENTIATED_BELOW`` (1.0, about two
  thirds of one step of the answer scale) the profile is flat: the student has no clear
  interests yet, and ``core.career.matching`` suggests no occupations for it.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from core.errors import InvalidInput
from core.i18n import N_

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "career"

#: The six interest types in Holland's order, the order of every profile tuple.
TYPES: tuple[str, ...] = ("R", "I", "A", "S", "E", "C")

LOWEST_ANSWER, HIGHEST_ANSWER = 1, 5
LIKED_FROM = 4
"""Answers from this one up ("like", "strongly like") explain a suggestion."""

UNDIFFERENTIATED_BELOW = 1.0
"""Differentiation (1–7 scale) under which a profile shows no clear interests."""


class Form(StrEnum):
    SHORT = "short"  # grades 5–8
    FULL = "full"  # grades 9–11


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    form: Form
    type: str
    text: Mapping[str, str]  # language → text: "en", "ru", "kk"
    source_activity: str  # the O*NET illustrative activity it comes from


@dataclass(frozen=True, slots=True)
class Scores:
    sums: dict[str, int]  # type → sum of its answers
    levels: dict[str, float]  # type → mean answer on the 1–7 level scale
    code: str  # top three types, e.g. "RCI"
    differentiation: float  # highest level minus lowest, 0–6
    liked: tuple[str, ...]  # ids of the items answered 4 or 5, in form order

    @property
    def clear(self) -> bool:
        """Whether the profile shows clear interests (see ``UNDIFFERENTIATED_BELOW``)."""
        return self.differentiation >= UNDIFFERENTIATED_BELOW

    def profile(self) -> tuple[float, ...]:
        """The levels in R, I, A, S, E, C order."""
        return tuple(self.levels[kind] for kind in TYPES)


@cache
def all_items() -> tuple[Item, ...]:
    """Every item of both forms, in the data file's order."""
    with (DATA_DIR / "items.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(
            Item(
                id=row["id"],
                form=Form(row["form"]),
                type=row["type"],
                text={"en": row["en"], "ru": row["ru"], "kk": row["kk"]},
                source_activity=row["source_activity"],
            )
            for row in csv.DictReader(handle)
        )


@cache
def items(form: Form) -> tuple[Item, ...]:
    """The items of ``form`` in the order they are asked (the data file's order)."""
    return tuple(item for item in all_items() if item.form == form)


@cache
def _by_id() -> dict[str, Item]:
    return {item.id: item for item in all_items()}


def item(item_id: str) -> Item:
    """The item ``item_id``.

    Raises:
        InvalidInput: no item has that id.
    """
    try:
        return _by_id()[item_id]
    except KeyError:
        raise InvalidInput(
            N_("The interest inventory has no question {item}."), field="answers", item=item_id
        ) from None


def level(mean_answer: float) -> float:
    """A mean answer (1–5) on O*NET's 1–7 interest level scale."""
    return 1 + (mean_answer - LOWEST_ANSWER) * 6 / (HIGHEST_ANSWER - LOWEST_ANSWER)


def score(form: Form, answers: Mapping[str, int]) -> Scores:
    """Score a finished form.

    Args:
        form: the form the student took.
        answers: item id → answer, 1 (strongly dislike) … 5 (strongly like).

    Raises:
        InvalidInput: an item id unknown or of the other form, an answer that is not a whole
            number from 1 to 5, or a question of the form left unanswered.
    """
    for item_id, answer in answers.items():
        if item(item_id).form != form:
            raise InvalidInput(
                N_("The interest inventory has no question {item}."),
                field="answers",
                item=item_id,
            )
        if (
            isinstance(answer, bool)
            or not isinstance(answer, int)
            or not LOWEST_ANSWER <= answer <= HIGHEST_ANSWER
        ):
            raise InvalidInput(
                N_("The answer to question {item} must be a number from 1 to 5."),
                field="answers",
                item=item_id,
            )
    asked = items(form)
    missing = sum(1 for question in asked if question.id not in answers)
    if missing:
        raise InvalidInput(
            N_("{missing} of {total} questions of the interest inventory have no answer yet."),
            field="answers",
            missing=missing,
            total=len(asked),
        )
    sums = dict.fromkeys(TYPES, 0)
    counts = dict.fromkeys(TYPES, 0)
    strong = dict.fromkeys(TYPES, 0)
    for question in asked:
        answer = answers[question.id]
        sums[question.type] += answer
        counts[question.type] += 1
        strong[question.type] += answer == HIGHEST_ANSWER
    levels = {kind: round(level(sums[kind] / counts[kind]), 4) for kind in TYPES}
    ranked = sorted(TYPES, key=lambda kind: (-levels[kind], -strong[kind], TYPES.index(kind)))
    return Scores(
        sums=sums,
        levels=levels,
        code="".join(ranked[:3]),
        differentiation=round(max(levels.values()) - min(levels.values()), 4),
        liked=tuple(q.id for q in asked if answers[q.id] >= LIKED_FROM),
    )
