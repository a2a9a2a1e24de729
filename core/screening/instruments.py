"""Screening instruments for psychologists (issue 9): items, scoring, bands, critical items.

Pure: no database, no clock. The instruments are data files in ``core/data/screenings/``
(one JSON file each, items and the four answer options in en, ru and kk, the source, the
licence line and how far each translation can be trusted). Only instruments the registry
(``../shared/datasets/career/instruments_catalog.csv``) marks as shippable are here: PHQ-9
and GAD-7, "Pfizer: no permission required", from age 12.

- **Answers** are the option values 0–3 ("not at all" … "nearly every day"); anything else,
  and any item number the instrument does not have, is ``InvalidInput``.
- **Score**: the sum of the answers (PHQ-9 0–27, GAD-7 0–21), only once every item is
  answered. **Band**: the highest band whose lower bound the score reaches (PHQ-9 5/10/15/20:
  mild, moderate, moderately severe, severe; GAD-7 5/10/15: mild, moderate, severe).
- **Critical items**: an answer above a rule's threshold (PHQ-9 item 9 > 0) needs a human
  safety check at once, whatever the total; ``is_critical`` answers it for one answer, so the
  caller can act on the answer that makes it, not at the end.

A score and a band are for the psychologist: they are screening figures, not a diagnosis,
and Sabaq never shows them to the student.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from core.errors import InvalidInput
from core.i18n import N_

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "screenings"
INSTRUMENT_IDS: tuple[str, ...] = ("phq9", "gad7")


class Band(StrEnum):
    MINIMAL = "minimal"
    MILD = "mild"
    MODERATE = "moderate"
    MODERATELY_SEVERE = "moderately_severe"
    SEVERE = "severe"


BAND_LABELS: Mapping[Band, str] = {
    Band.MINIMAL: N_("Minimal"),
    Band.MILD: N_("Mild"),
    Band.MODERATE: N_("Moderate"),
    Band.MODERATELY_SEVERE: N_("Moderately severe"),
    Band.SEVERE: N_("Severe"),
}

#: Shown beside answers given in Kazakh: no validated Kazakh version exists yet.
KAZAKH_DRAFT = N_(
    "These answers were given in Kazakh. The Kazakh wording is an unvalidated draft "
    "translation, still to be reviewed: compare its scores with the published cut-offs "
    "with care."
)

_UNKNOWN_INSTRUMENT = N_("There is no such questionnaire.")
_UNKNOWN_ITEM = N_("That question is not part of this questionnaire.")
_BAD_ANSWER = N_("That answer is not one of the four options.")
_UNFINISHED = N_("Every question must be answered before the questionnaire is scored.")


@dataclass(frozen=True)
class Option:
    value: int
    text: Mapping[str, str]  # language → text


@dataclass(frozen=True)
class Item:
    number: int  # 1-based, as printed on the form
    text: Mapping[str, str]


@dataclass(frozen=True)
class CriticalRule:
    item: int
    above: int  # an answer greater than this is critical


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    min_age: int
    source: str
    licence: str
    translations: Mapping[str, str]  # language → how far the wording can be trusted
    stem: Mapping[str, str]
    options: tuple[Option, ...]
    items: tuple[Item, ...]
    max_score: int
    bands: tuple[tuple[int, Band], ...]  # (lowest score, band), ascending
    critical: tuple[CriticalRule, ...]

    @property
    def values(self) -> frozenset[int]:
        return frozenset(option.value for option in self.options)

    def item(self, number: int) -> Item:
        """The item numbered ``number``.

        Raises:
            InvalidInput: the instrument has no such item.
        """
        if isinstance(number, bool) or not 1 <= number <= len(self.items):
            raise InvalidInput(_UNKNOWN_ITEM, field="item")
        return self.items[number - 1]


@dataclass(frozen=True)
class Result:
    total: int
    band: Band
    critical_items: tuple[int, ...]  # item numbers answered above their rule's threshold


def _load(instrument_id: str) -> Instrument:
    raw: dict[str, Any] = json.loads((DATA_DIR / f"{instrument_id}.json").read_text("utf-8"))
    languages = ("en", "ru", "kk")
    items = tuple(
        Item(number=int(entry["number"]), text={code: entry[code] for code in languages})
        for entry in raw["items"]
    )
    if [entry.number for entry in items] != list(range(1, len(items) + 1)):
        raise ValueError(f"{instrument_id}: items must be numbered 1, 2, 3 …")
    return Instrument(
        id=raw["id"],
        name=raw["name"],
        min_age=int(raw["min_age"]),
        source=raw["source"],
        licence=raw["licence"],
        translations=dict(raw["translations"]),
        stem={code: raw["stem"][code] for code in languages},
        options=tuple(
            Option(value=int(entry["value"]), text={code: entry[code] for code in languages})
            for entry in raw["options"]
        ),
        items=items,
        max_score=int(raw["score"]["max"]),
        bands=tuple((int(entry["from"]), Band(entry["band"])) for entry in raw["bands"]),
        critical=tuple(
            CriticalRule(item=int(entry["item"]), above=int(entry["above"]))
            for entry in raw["critical"]
        ),
    )


@cache
def instruments() -> tuple[Instrument, ...]:
    """Every shippable instrument, in the order the panel offers them."""
    return tuple(_load(instrument_id) for instrument_id in INSTRUMENT_IDS)


def instrument(instrument_id: str) -> Instrument:
    """The instrument with this id.

    Raises:
        InvalidInput: no such instrument (``field="instrument"``).
    """
    for found in instruments():
        if found.id == instrument_id:
            return found
    raise InvalidInput(_UNKNOWN_INSTRUMENT, field="instrument")


def check_answer(of: Instrument, item_number: int, value: int) -> None:
    """Refuse an item the instrument lacks or a value that is not one of its options.

    Raises:
        InvalidInput: ``field="item"`` or ``field="value"``.
    """
    of.item(item_number)
    if isinstance(value, bool) or value not in of.values:
        raise InvalidInput(_BAD_ANSWER, field="value")


def is_critical(of: Instrument, item_number: int, value: int) -> bool:
    """Whether this one answer needs a human safety check now."""
    return any(rule.item == item_number and value > rule.above for rule in of.critical)


def band_for(of: Instrument, total: int) -> Band:
    """The severity band of a total score."""
    band = of.bands[0][1]
    for lowest, candidate in of.bands:
        if total >= lowest:
            band = candidate
    return band


def score(of: Instrument, answers: Mapping[int, int]) -> Result:
    """Score a complete set of answers (item number → value).

    Raises:
        InvalidInput: an unknown item or value, or an item left unanswered.
    """
    for number, value in answers.items():
        check_answer(of, number, value)
    if len(answers) != len(of.items):
        raise InvalidInput(_UNFINISHED)
    total = sum(answers.values())
    critical = tuple(
        number for number, value in sorted(answers.items()) if is_critical(of, number, value)
    )
    return Result(total=total, band=band_for(of, total), critical_items=critical)


def age_on(birth_date: date, day: date) -> int:
    """Full years of someone born on ``birth_date`` on ``day`` (29 February counts from
    1 March in other years)."""
    years = day.year - birth_date.year
    return years - 1 if (day.month, day.day) < (birth_date.month, birth_date.day) else years
