"""Importing programme groups and universities into the profession atlas from Excel (issue 9).

Two workbooks, one sheet each, with their own template: programme groups (code, names, ENT
subjects, threshold) and universities (code, names, city, website, the programme groups
they offer). Import them in that order: a university may only offer groups the reader can
see — the shipped draft, an ancestor's or the organisation's own.

Like the student import (``core.services.imports``), an upload is checked for size and for
being a real .xlsx before it is opened, every row is checked first, and if any row has a
problem :class:`~core.errors.ImportRejected` lists each one by its Excel row number and
nothing is written. Otherwise one transaction writes the rows into the actor's
organisation: a code already there is updated, a new one added, and rows not in the file
stay. Headers are matched in any of the three languages (a trailing ``*`` ignored).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from core.actor import Actor
from core.career.ent import subject_pairs
from core.deps import Deps
from core.errors import ImportRejected, InvalidInput, RowProblem
from core.i18n import N_
from core.models.atlas import ProgrammeGroup, University
from core.permissions import Permission, require
from core.services.atlas import programme_groups
from core.services.audit import do_record
from core.tx import transaction
from core.workbooks import Column, folded, read_rows, template_workbook

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
THRESHOLD_MAX = 140  # the ENT's highest total

_GROUP_CODE = re.compile(r"B\d{3}")
_PAIR_SEPARATORS = re.compile(r"\s*[+/,;]\s*")


class Sheet(StrEnum):
    GROUPS = "groups"
    UNIVERSITIES = "universities"


_NAMES = (
    Column("name_kk", N_("Name in Kazakh"), 40, True),
    Column("name_ru", N_("Name in Russian"), 40, True),
    Column("name_en", N_("Name in English"), 40),
)
COLUMNS: dict[Sheet, tuple[Column, ...]] = {
    Sheet.GROUPS: (
        Column("code", N_("Code"), 10, True),
        *_NAMES,
        Column("subjects", N_("ENT profile subjects"), 34, True),
        Column("threshold", N_("Threshold score"), 12, True),
    ),
    Sheet.UNIVERSITIES: (
        Column("code", N_("Code"), 10, True),
        *_NAMES,
        Column("city", N_("City"), 18),
        Column("website", N_("Website"), 28),
        Column("groups", N_("Programme groups"), 40),
    ),
}
_TITLES = {Sheet.GROUPS: N_("Programme groups"), Sheet.UNIVERSITIES: N_("Universities")}
_INSTRUCTIONS = {
    Sheet.GROUPS: (
        N_("One row per group of educational programmes; keep the column names in row 1."),
        N_("Code: the group's code from the classifier, such as B057."),
        N_(
            "ENT profile subjects: the two subjects joined with +, such as "
            "“Математика + Информатика”; several pairs are separated with ;."
        ),
        N_("Threshold score: the lowest ENT total admitted, from 0 to 140."),
    ),
    Sheet.UNIVERSITIES: (
        N_("One row per university; keep the column names in row 1."),
        N_("Code: the university's code at the National Testing Centre, or your own."),
        N_(
            "Programme groups: the codes of the groups it offers, separated with spaces or "
            "commas, such as “B057 B058”. Import new groups first."
        ),
    ),
}
_ALL_OR_NOTHING = N_(
    "If any row has a problem, nothing is imported and every problem is listed with its row "
    "number. A code already imported is updated; other rows stay as they are."
)
_NOT_A_WORKBOOK = N_(
    "This file is not an Excel workbook (.xlsx). Download the template, fill it in and upload it."
)


@dataclass(frozen=True)
class AtlasImportResult:
    created: int
    updated: int


def build_template(sheet: Sheet, language: str) -> bytes:
    """The .xlsx to fill in: one header row in ``language`` and a sheet of instructions."""
    return template_workbook(
        language, _TITLES[sheet], COLUMNS[sheet], (*_INSTRUCTIONS[sheet], _ALL_OR_NOTHING)
    )


def _read(sheet: Sheet, data: bytes) -> list[tuple[int, dict[str, str]]]:
    """The rows below the header as text by column key (blocking: run it in a thread).

    Raises:
        InvalidInput: not a readable .xlsx, an unknown or missing column, too many rows.
    """
    rows = read_rows(data, COLUMNS[sheet], not_a_workbook=_NOT_A_WORKBOOK, max_rows=MAX_ROWS)
    return [
        (number, {key: " ".join(str(value).split()) for key, value in values.items()})
        for number, values in rows
    ]


def pair_ids_of(text: str) -> tuple[str, ...] | None:
    """Pair ids for "Математика + Информатика; …" or "math_inf"; ``None`` if one is unknown."""
    by_subjects: dict[frozenset[str], str] = {}
    for pair in subject_pairs().values():
        for language in ("en", "ru", "kk"):
            names = frozenset(folded(subject.localised(language)) for subject in pair.subjects)
            by_subjects.setdefault(names, pair.id)
    found: list[str] = []
    for part in (piece.strip() for piece in text.split(";")):
        if not part:
            continue
        if part in subject_pairs():
            found.append(part)
            continue
        key = frozenset(folded(name) for name in _PAIR_SEPARATORS.split(part) if name)
        if key not in by_subjects:
            return None
        found.append(by_subjects[key])
    return tuple(dict.fromkeys(found)) or None


_EMPTY = {
    "code": N_("The code is empty."),
    "name_kk": N_("The name in Kazakh is empty."),
    "name_ru": N_("The name in Russian is empty."),
}


def _check_common(number: int, row: dict[str, str], problems: list[RowProblem]) -> None:
    problems.extend(
        RowProblem(number, message) for key, message in _EMPTY.items() if not row.get(key)
    )
    if any(len(row.get(key, "")) > 255 for key in ("name_kk", "name_ru", "name_en", "city")):
        problems.append(RowProblem(number, N_("A value is longer than 255 characters.")))


def _check_group(number: int, row: dict[str, str], problems: list[RowProblem]) -> None:
    code = row.get("code", "").upper()
    if code and not _GROUP_CODE.fullmatch(code):
        problems.append(
            RowProblem(
                number,
                N_("The code {code} is not like B057 (B and three digits)."),
                {"code": code},
            )
        )
    if row.get("subjects") and pair_ids_of(row["subjects"]) is None:
        problems.append(
            RowProblem(
                number,
                N_("The ENT subjects “{subjects}” are not a known profile-subject pair."),
                {"subjects": row["subjects"]},
            )
        )
    elif not row.get("subjects"):
        problems.append(RowProblem(number, N_("The ENT profile subjects are empty.")))
    threshold = row.get("threshold", "").removesuffix(".0")
    if not threshold.isdigit() or not 0 <= int(threshold) <= THRESHOLD_MAX:
        problems.append(
            RowProblem(
                number,
                N_("The threshold score must be a whole number from 0 to {maximum}."),
                {"maximum": THRESHOLD_MAX},
            )
        )


async def import_atlas(
    deps: Deps, actor: Actor, *, sheet: Sheet, data: bytes, filename: str = ""
) -> AtlasImportResult:
    """Import programme groups or universities into the actor's organisation, all or nothing.

    Raises:
        PermissionDenied: the actor may not edit the atlas.
        InvalidInput: too large, not an .xlsx, a column unknown or missing, no rows.
        ImportRejected: some rows are bad; ``problems`` lists each with its row number.
    """
    await require(actor, Permission.CAREER_ATLAS_MANAGE)
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput(
            N_("The file is larger than {limit} MB."),
            field="file",
            limit=MAX_FILE_BYTES // (1024 * 1024),
        )
    rows = await asyncio.to_thread(_read, sheet, data)
    if not rows:
        raise InvalidInput(N_("The file has no rows below the column names."), field="file")
    known_groups = {group.code for group in await programme_groups(deps, actor)}
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    checks: dict[Sheet, Callable[[int, dict[str, str], list[RowProblem]], None]] = {
        Sheet.GROUPS: _check_group,
        Sheet.UNIVERSITIES: lambda number, row, found: _check_offers(
            number, row, found, known_groups
        ),
    }
    for number, row in rows:
        _check_common(number, row, problems)
        checks[sheet](number, row, problems)
        code = row.get("code", "").upper()
        if code in seen:
            problems.append(
                RowProblem(
                    number,
                    N_("The code {code} is already in row {row}."),
                    {"code": code, "row": seen[code]},
                )
            )
        elif code:
            seen[code] = number
    if problems:
        raise ImportRejected(sorted(problems, key=lambda problem: problem.row))
    return await _write(deps, actor, sheet, [row for _, row in rows], filename)


def _check_offers(
    number: int, row: dict[str, str], problems: list[RowProblem], known: set[str]
) -> None:
    for code in row.get("groups", "").replace(",", " ").replace(";", " ").upper().split():
        if code not in known:
            problems.append(
                RowProblem(
                    number,
                    N_("There is no programme group {code}. Import it first, or check the code."),
                    {"code": code},
                )
            )


def _values(sheet: Sheet, row: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name_kk": row["name_kk"],
        "name_ru": row["name_ru"],
        "name_en": row.get("name_en", ""),
    }
    if sheet == Sheet.GROUPS:
        values["pair_ids"] = " ".join(pair_ids_of(row["subjects"]) or ())
        values["threshold"] = int(row["threshold"].removesuffix(".0"))
    else:
        codes = row.get("groups", "").replace(",", " ").replace(";", " ").upper().split()
        values["city"] = row.get("city", "")
        values["website"] = row.get("website", "")
        values["group_codes"] = " ".join(dict.fromkeys(codes))
    return values


async def _write(
    deps: Deps, actor: Actor, sheet: Sheet, rows: list[dict[str, str]], filename: str
) -> AtlasImportResult:
    model: type[ProgrammeGroup] | type[University] = (
        ProgrammeGroup if sheet == Sheet.GROUPS else University
    )
    created = updated = 0
    async with transaction(deps) as tx:
        existing = {
            row.code: row
            for row in await model.filter(
                organisation_id=actor.organisation_id
            ).select_for_update()
        }
        for row in rows:
            code = row["code"].upper()
            values = _values(sheet, row)
            current = existing.get(code)
            if current is None:
                await model.create(
                    organisation_id=actor.organisation_id, code=code, updated_at=tx.now, **values
                )
                created += 1
            else:
                await current.update_from_dict({**values, "updated_at": tx.now}).save()
                updated += 1
        await do_record(
            tx,
            actor,
            action=f"atlas.import.{sheet.value}",
            object_type="organisation",
            object_id=actor.organisation_id,
            after={"file": filename[:200], "created": created, "updated": updated},
        )
    return AtlasImportResult(created=created, updated=updated)
