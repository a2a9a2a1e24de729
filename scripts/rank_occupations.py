"""Rank occupations by how often the career bot suggests them, to choose which get Kazakh and
Russian titles first (``core/data/career/occupation_titles.draft.csv``, see its NOTICE.md).

    .venv/bin/python scripts/rank_occupations.py > /tmp/rank.tsv

Every student profile on a grid of interest levels (1, 2.5, 4, 5.5, 7 for each of the six
types: 15,625 profiles, 15,620 with clear interests) is matched for each of the four plans
after school, five suggestions each, as the bot does. Prints code, times suggested, Job Zone
and English title, most suggested first (ties by code). Takes about 20 seconds.
"""

from __future__ import annotations

import itertools
import sys
from collections import Counter

from core.career.inventory import TYPES, Scores
from core.career.matching import occupations, recommend
from core.services.career import AIMS

GRID = (1.0, 2.5, 4.0, 5.5, 7.0)
SUGGESTIONS = 5


def main() -> None:
    count: Counter[str] = Counter()
    for levels in itertools.product(GRID, repeat=len(TYPES)):
        spread = max(levels) - min(levels)
        scores = Scores(
            sums={}, levels=dict(zip(TYPES, levels, strict=True)), code="",
            differentiation=spread, liked=(),
        )  # fmt: skip
        for _label, zones in AIMS.values():
            found = recommend(scores, job_zones=zones, limit=SUGGESTIONS)
            count.update(suggestion.occupation.code for suggestion in found.suggestions)
    by_code = {occupation.code: occupation for occupation in occupations()}
    for code, times in sorted(count.items(), key=lambda pair: (-pair[1], pair[0])):
        occupation = by_code[code]
        sys.stdout.write(f"{code}\t{times}\t{occupation.job_zone}\t{occupation.title}\n")


if __name__ == "__main__":
    main()
