"""Occupations for an interest profile, without any LLM (issue 9).

The 923 occupation interest profiles with O*NET data (``riasec_profiles_wide.csv``: levels
1–7 for R, I, A, S, E, C, a Holland code and a Job Zone; CC BY 4.0, see
``core/data/career/NOTICE.md``) are read once and kept centred: each profile minus its own
mean, with its length.

**Fit** is the Pearson correlation of the student's six levels with an occupation's — the
cosine of the two centred profiles. It compares the *shape* of the profiles (which interests
stand out against the others), not their height, so a student who answers cautiously and one
who answers enthusiastically with the same preferences get the same occupations.

**Bands** (chosen for Sabaq, not taken from O*NET): r ≥ 0.8 ``best``, r ≥ 0.6 ``great``,
r ≥ 0.4 ``good``; lower fits are not suggested. Ties in r are ordered by the O*NET-SOC code.

**Preparation**: only occupations in the Job Zones the student aims for are considered
(1 little or no preparation … 5 extensive, e.g. a doctor; see ``job_zone_reference.tsv``).

**Explanation**: each suggestion lists the items the student liked (answered 4 or 5) whose
type is one of the occupation's Holland code letters, in the code's order.

A flat profile (``Scores.clear`` is false: differentiation under 1.0) gets no suggestions and
``Recommendation.clear`` false — "no clear interests yet" — rather than occupations that
would be noise.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from core.career.inventory import DATA_DIR, TYPES, Scores, item
from core.errors import InvalidInput
from core.i18n import N_

JOB_ZONES: tuple[int, ...] = (1, 2, 3, 4, 5)
EXPLAINED_BY = 3
"""At most this many liked items explain one suggestion."""


class Band(StrEnum):
    BEST = "best"
    GREAT = "great"
    GOOD = "good"


#: The lowest correlation of each band, best first.
BANDS: tuple[tuple[float, Band], ...] = ((0.8, Band.BEST), (0.6, Band.GREAT), (0.4, Band.GOOD))


@dataclass(frozen=True, slots=True)
class Occupation:
    code: str  # O*NET-SOC code, e.g. "47-2111.00"
    title: str  # English title
    levels: tuple[float, ...]  # R, I, A, S, E, C on the 1–7 scale
    holland_code: str  # one to three letters, highest first
    job_zone: int  # 1–5

    @property
    def soc_major(self) -> str:
        """The SOC major group, the code's first two digits ("47" construction)."""
        return self.code[:2]


@dataclass(frozen=True, slots=True)
class Suggestion:
    occupation: Occupation
    fit: float  # Pearson r, -1 … 1
    band: Band
    because: tuple[str, ...]  # ids of the liked items that explain it


@dataclass(frozen=True, slots=True)
class Recommendation:
    clear: bool  # false: a flat profile, "no clear interests yet", no suggestions
    suggestions: tuple[Suggestion, ...]


def _centred(levels: Sequence[float]) -> tuple[tuple[float, ...], float]:
    mean = sum(levels) / len(levels)
    centred = tuple(value - mean for value in levels)
    return centred, math.sqrt(sum(value * value for value in centred))


@cache
def occupations() -> tuple[Occupation, ...]:
    """The occupation profiles, in O*NET-SOC code order."""
    with (DATA_DIR / "riasec_profiles_wide.csv").open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda row: row["onetsoc_code"])
    return tuple(
        Occupation(
            code=row["onetsoc_code"],
            title=row["title"],
            levels=tuple(float(row[kind]) for kind in TYPES),
            holland_code=row["holland_code"] or _top_types(row),
            job_zone=int(row["job_zone"]),
        )
        for row in rows
    )


def _top_types(row: dict[str, str]) -> str:
    # O*NET leaves the high points empty for a few flat profiles: take the highest level.
    return max(TYPES, key=lambda kind: (float(row[kind]), -TYPES.index(kind)))


@cache
def _prepared() -> tuple[tuple[Occupation, tuple[float, ...], float], ...]:
    return tuple((occupation, *_centred(occupation.levels)) for occupation in occupations())


def band_of(fit: float) -> Band | None:
    """The band of a correlation; ``None`` below the lowest band."""
    for lowest, band in BANDS:
        if fit >= lowest:
            return band
    return None


def fit(levels: Sequence[float], occupation: Occupation) -> float:
    """Pearson correlation of a six-level profile with an occupation's; 0 for a flat one."""
    student, student_norm = _centred(levels)
    other, other_norm = _centred(occupation.levels)
    if student_norm == 0 or other_norm == 0:
        return 0.0
    return sum(a * b for a, b in zip(student, other, strict=True)) / (student_norm * other_norm)


def recommend(
    scores: Scores, *, job_zones: Collection[int] = JOB_ZONES, limit: int = 10
) -> Recommendation:
    """The best-fitting occupations for a scored inventory.

    Args:
        scores: the student's scores (``core.career.inventory.score``).
        job_zones: the preparation levels the student aims for (1–5).
        limit: at most this many suggestions, best first.

    Raises:
        InvalidInput: no job zone, or one outside 1–5.
    """
    zones = frozenset(job_zones)
    if not zones or not zones <= frozenset(JOB_ZONES):
        raise InvalidInput(N_("Choose a preparation level from 1 to 5."), field="job_zones")
    if not scores.clear:
        return Recommendation(clear=False, suggestions=())
    student, norm = _centred(scores.profile())
    s0, s1, s2, s3, s4, s5 = student
    lowest = BANDS[-1][0]
    found: list[tuple[float, Occupation]] = []
    for occupation, (o0, o1, o2, o3, o4, o5), other_norm in _prepared():
        if occupation.job_zone not in zones or other_norm == 0:
            continue
        r = (s0 * o0 + s1 * o1 + s2 * o2 + s3 * o3 + s4 * o4 + s5 * o5) / (norm * other_norm)
        if r >= lowest:
            found.append((r, occupation))
    found.sort(key=lambda pair: (-pair[0], pair[1].code))
    return Recommendation(
        clear=True,
        suggestions=tuple(
            Suggestion(
                occupation=occupation,
                fit=round(r, 4),
                band=band_of(r) or Band.GOOD,
                because=_because(scores.liked, occupation.holland_code),
            )
            for r, occupation in found[:limit]
        ),
    )


def _because(liked: Sequence[str], holland_code: str) -> tuple[str, ...]:
    ordered = sorted(
        (item_id for item_id in liked if item(item_id).type in holland_code),
        key=lambda item_id: holland_code.index(item(item_id).type),
    )
    return tuple(ordered[:EXPLAINED_BY])
