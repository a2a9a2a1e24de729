"""The shipped layer of the profession atlas (issue 9): occupation descriptions, localised
titles and the drafted groups of educational programmes, read once from
``core/data/career/``.

- ``occupation_data.tsv``: the O*NET 29.3 title and description of each of the 923
  occupations with an interest profile (CC BY 4.0, English only).
- ``occupation_titles.draft.csv``: Sabaq's Kazakh and Russian titles of 255 occupations,
  the 200 suggested most often and 55 well-known ones (how they were chosen is in
  ``NOTICE.md``). A DRAFT to be reviewed; occupations without a row show the English title.
- ``programme_groups.draft.csv``: the programme groups the subject-pair draft names, with
  their names in three languages, their ENT pairs and the field whose threshold applies.
  A DRAFT, like the pair draft it completes (see ``core.career.ent``).

An organisation's edits in the database (``core.models.atlas``) are laid over these by
``core.services.atlas``.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from core.career.ent import threshold
from core.career.inventory import DATA_DIR


@dataclass(frozen=True, slots=True)
class ShippedGroup:
    code: str  # "B057"
    name: Mapping[str, str]  # language → name: "en", "ru", "kk"
    pair_ids: tuple[str, ...]  # ids of ``core.career.ent.subject_pairs()``
    threshold: int  # the draft's lowest ENT total for its field
    field: str  # the draft's field ("pedagogical_sciences", "law", …)


@cache
def descriptions() -> dict[str, str]:
    """O*NET-SOC code → the English description of the occupation."""
    with (DATA_DIR / "occupation_data.tsv").open(encoding="utf-8", newline="") as handle:
        return {
            row["O*NET-SOC Code"]: row["Description"]
            for row in csv.DictReader(handle, delimiter="\t")
        }


@cache
def localised_titles() -> dict[str, dict[str, str]]:
    """O*NET-SOC code → {"ru": …, "kk": …} for the occupations the draft translates."""
    with (DATA_DIR / "occupation_titles.draft.csv").open(encoding="utf-8", newline="") as handle:
        return {
            row["onetsoc_code"]: {"ru": row["ru"], "kk": row["kk"]}
            for row in csv.DictReader(handle)
        }


@cache
def shipped_groups() -> dict[str, ShippedGroup]:
    """The drafted programme groups by code, in code order."""
    with (DATA_DIR / "programme_groups.draft.csv").open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda row: row["code"])
    return {
        row["code"]: ShippedGroup(
            code=row["code"],
            name={"en": row["en"], "ru": row["ru"], "kk": row["kk"]},
            pair_ids=tuple(row["combo_ids"].split()),
            threshold=threshold(row["threshold_field"]),
            field=row["threshold_field"],
        )
        for row in rows
    }
