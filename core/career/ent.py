"""From an occupation to the ENT: programme groups, subject pairs and feasibility (issue 9).

**DRAFT DATA.** ``ent_format.draft.json`` (the ENT's sections, per-subject minimums and
total thresholds by field), ``ent_profile_combinations.draft.csv`` (13 profile-subject pairs
→ groups of educational programmes, B-codes, with a confidence) and
``soc_major_groups.draft.csv`` (Sabaq's own mapping) are research drafts: every number and
code must be checked yearly against testcenter.kz and the official annex to the standard
admission rules before a student sees it as fact. Say "draft" wherever they are shown.

**Occupation → programmes.** Mapping an occupation through its interest profile or keywords
would be guesswork, so the mapping is curated per SOC major group — the first two digits of
the O*NET-SOC code (15 computer and mathematical, 29 healthcare practitioners, …) — to the
subject pairs whose programme groups train for it, and to the field whose total threshold
applies (medicine 70, law and pedagogy 75, agriculture 60, other universities 50). Some
groups (37, cleaning and grounds maintenance) have no university route: trained on the job
or in colleges, no ENT.

**Feasibility** of a mock ENT result against a threshold ``T``:

- ``below_minimum`` — some section scored under its own minimum (history of Kazakhstan 5,
  mathematical and reading literacy 3, each profile subject 5): the result does not count at
  all, whatever the total; ``failed`` names the sections;
- ``reach`` — total under ``T``: the student needs ``T - total`` more points to apply;
- ``target`` — ``T ≤ total < T + SAFE_MARGIN``: admissible, but a grant competition or an
  HEI's own higher threshold may still stop them;
- ``safe`` — total at least ``T + SAFE_MARGIN`` (20 points of 140).

The margin is Sabaq's choice: grant cut-offs are not published as thresholds.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from core.career.inventory import DATA_DIR
from core.errors import InvalidInput
from core.i18n import N_

SAFE_MARGIN = 20
"""Points over the threshold from which a result is "safe"."""

#: English names of the ENT's sections and profile subjects (the draft has ru and kk).
ENGLISH = {
    "history_kz": "History of Kazakhstan",
    "math_literacy": "Mathematical literacy",
    "reading_literacy": "Reading literacy",
    "profile_1": "Profile subject 1",
    "profile_2": "Profile subject 2",
    "Математика": "Mathematics",
    "Физика": "Physics",
    "Информатика": "Informatics",
    "География": "Geography",
    "Биология": "Biology",
    "Химия": "Chemistry",
    "Всемирная история": "World history",
    "Основы права": "Fundamentals of law",
    "Иностранный язык": "Foreign language",
    "Казахский язык": "Kazakh language",
    "Казахская литература": "Kazakh literature",
    "Русский язык": "Russian language",
    "Русская литература": "Russian literature",
    "Творческий экзамен": "Creative exam",
}


class Verdict(StrEnum):
    BELOW_MINIMUM = "below_minimum"
    REACH = "reach"
    TARGET = "target"
    SAFE = "safe"


@dataclass(frozen=True, slots=True)
class Subject:
    id: str  # the ENT section ("history_kz", "profile_1", …)
    name: Mapping[str, str]  # language → name: "en", "ru", "kk"

    def localised(self, language: str) -> str:
        """The name in ``language`` (an error message's parameter names it so)."""
        return self.name.get(language, self.name["en"])

    def __str__(self) -> str:
        return self.name["en"]


@dataclass(frozen=True, slots=True)
class Section:
    subject: Subject
    maximum: int
    minimum: int  # the lowest score that counts
    mandatory: bool


@dataclass(frozen=True, slots=True)
class SubjectPair:
    id: str  # "math_phys", …
    subjects: tuple[Subject, Subject]  # profile subject 1 and 2, named
    group_codes: tuple[str, ...]  # example groups of educational programmes, "B057", …
    confidence: str  # "high", "medium", "low" — how sure the draft is of the codes


@dataclass(frozen=True, slots=True)
class Route:
    """One way to an occupation through the ENT: a subject pair and its threshold."""

    pair: SubjectPair
    field: str  # key of the draft's thresholds, e.g. "healthcare_medicine"
    threshold: int


@dataclass(frozen=True, slots=True)
class Feasibility:
    verdict: Verdict
    total: int
    threshold: int
    failed: tuple[Subject, ...]  # sections under their minimum (``below_minimum`` only)

    @property
    def missing(self) -> int:
        """Points still needed to reach the threshold (0 when reached)."""
        return max(0, self.threshold - self.total)


@cache
def ent_format() -> dict[str, Any]:
    """The draft ENT format as published in ``ent_format.draft.json``."""
    with (DATA_DIR / "ent_format.draft.json").open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@cache
def sections() -> tuple[Section, ...]:
    """The ENT's sections in the draft's order (three mandatory, two profile subjects)."""
    return tuple(
        Section(
            subject=Subject(
                section["id"],
                {"en": ENGLISH[section["id"]], "ru": section["ru"], "kk": section["kk"]},
            ),
            maximum=int(section["max"]),
            minimum=int(section["min_pass"]),
            mandatory=bool(section["mandatory"]),
        )
        for section in ent_format()["sections"]
    )


def threshold(field: str) -> int:
    """The draft's lowest total for admission in ``field`` ("default_hei", "law", …).

    Raises:
        KeyError: no such field in the draft.
    """
    value = ent_format()["total_thresholds_by_field"][field]
    return int(value)


@cache
def subject_pairs() -> dict[str, SubjectPair]:
    """The draft's profile-subject pairs by id."""
    with (DATA_DIR / "ent_profile_combinations.draft.csv").open(
        encoding="utf-8", newline=""
    ) as handle:
        rows = list(csv.DictReader(handle))
    return {
        row["combo_id"]: SubjectPair(
            id=row["combo_id"],
            subjects=(
                Subject(
                    "profile_1",
                    {
                        "en": ENGLISH[row["subject1_ru"]],
                        "ru": row["subject1_ru"],
                        "kk": row["subject1_kk"],
                    },
                ),
                Subject(
                    "profile_2",
                    {
                        "en": ENGLISH[row["subject2_ru"]],
                        "ru": row["subject2_ru"],
                        "kk": row["subject2_kk"],
                    },
                ),
            ),
            group_codes=tuple(row["example_group_codes"].split()),
            confidence=row["confidence"],
        )
        for row in rows
    }


@cache
def _major_groups() -> dict[str, tuple[str, ...]]:
    with (DATA_DIR / "soc_major_groups.draft.csv").open(encoding="utf-8", newline="") as handle:
        return {
            row["soc_major"]: (row["threshold_field"], *row["combo_ids"].split())
            for row in csv.DictReader(handle)
        }


def routes(occupation_code: str) -> tuple[Route, ...]:
    """The ENT routes to an occupation (O*NET-SOC code), most fitting pair first; empty when
    its SOC major group has no university route or is not in the draft mapping."""
    field, *pair_ids = _major_groups().get(occupation_code[:2], ("",))
    if not pair_ids:
        return ()
    pairs = subject_pairs()
    return tuple(Route(pairs[pair_id], field, threshold(field)) for pair_id in pair_ids)


def check_scores(scores: Mapping[str, int]) -> None:
    """Check a mock ENT result's section scores.

    Raises:
        InvalidInput: an unknown section, a missing one, or a score that is not a whole
            number from 0 to the section's maximum (``field="scores"``).
    """
    known = {section.subject.id: section for section in sections()}
    for section_id, value in scores.items():
        if section_id not in known:
            raise InvalidInput(
                N_("The ENT has no section {section}."), field="scores", section=section_id
            )
        maximum = known[section_id].maximum
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= maximum:
            raise InvalidInput(
                N_("The score for {section} must be a whole number from 0 to {maximum}."),
                field="scores",
                section=known[section_id].subject,
                maximum=maximum,
            )
    for section in sections():
        if section.subject.id not in scores:
            raise InvalidInput(
                N_("The ENT result has no score for {section}."),
                field="scores",
                section=section.subject,
            )


def feasibility(
    scores: Mapping[str, int], *, threshold: int, pair: SubjectPair | None = None
) -> Feasibility:
    """How a mock ENT result stands against a total threshold (rule in the module doc).

    Args:
        scores: section id → score, for every section of ``sections()``.
        threshold: the total needed (``Route.threshold``).
        pair: the profile subjects the student took, to name them in ``failed``.

    Raises:
        InvalidInput: as ``check_scores``.
    """
    check_scores(scores)
    named = {subject.id: subject for subject in pair.subjects} if pair else {}
    failed = tuple(
        named.get(section.subject.id, section.subject)
        for section in sections()
        if scores[section.subject.id] < section.minimum
    )
    total = sum(scores.values())
    if failed:
        verdict = Verdict.BELOW_MINIMUM
    elif total < threshold:
        verdict = Verdict.REACH
    elif total < threshold + SAFE_MARGIN:
        verdict = Verdict.TARGET
    else:
        verdict = Verdict.SAFE
    return Feasibility(verdict=verdict, total=total, threshold=threshold, failed=failed)
