"""Exporting people to Excel (.xlsx) with typed columns.

Birth dates are real date cells, IIN and phone are text (Excel keeps leading zeros), roles
and yes/no are in the reader's language. Text is always written as text, never as a formula,
so a name such as ``=HYPERLINK(...)`` cannot run anything when the file is opened.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from core.actor import Actor
from core.i18n import N_, gettext_for
from core.models.people import Gender, Person
from core.permissions import ROLE_LABELS, Permission, require
from core.services.people import PeopleFilter, Role, list_people
from core.workbooks import headed_sheet, text_cell

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_PAGE = 500
_DATE_FORMAT = "dd.mm.yyyy"
_TEXT_FORMAT = "@"

#: (label, width) of each exported column, in order.
_COLUMNS: tuple[tuple[str, int], ...] = (
    (N_("Last name"), 20),
    (N_("First name"), 18),
    (N_("Middle name"), 20),
    (N_("Birth date"), 13),
    (N_("Gender"), 10),
    (N_("IIN"), 15),
    (N_("Phone"), 16),
    (N_("E-mail"), 26),
    (N_("Roles"), 28),
    (N_("Archived"), 10),
)
_GENDERS = {Gender.FEMALE.value: N_("Female"), Gender.MALE.value: N_("Male")}


@dataclass(frozen=True)
class _Line:
    last_name: str
    first_name: str
    middle_name: str
    birth_date: date | None
    gender: str
    iin: str
    phone: str
    email: str
    roles: tuple[Role, ...]
    archived: bool


def people_filter(*, query: str = "", role: str = "", archived: bool = False) -> PeopleFilter:
    """The people filter a query string describes; an unknown role means every role."""
    try:
        chosen = Role(role) if role else None
    except ValueError:
        chosen = None
    return PeopleFilter(query=query.strip()[:200], role=chosen, archived=archived)


async def export_people(actor: Actor, *, filters: PeopleFilter, language: str) -> bytes:
    """Everyone the people list shows with ``filters`` (all pages) as an .xlsx workbook.

    Raises:
        PermissionDenied: the actor may not export people (or may not see them).
    """
    await require(actor, Permission.PEOPLE_EXPORT)
    lines: list[_Line] = []
    page_number = 1
    while True:
        page = await list_people(actor, filters=filters, page=page_number, page_size=_PAGE)
        details = {
            row["id"]: row
            for row in await Person.filter(id__in=[row.id for row in page.rows]).values(
                "id", "last_name", "first_name", "middle_name", "birth_date", "gender", "email"
            )
        }
        for row in page.rows:
            person = details.get(row.id)
            if person is None:  # removed between the two queries; nothing is ever deleted
                continue
            lines.append(
                _Line(
                    last_name=person["last_name"],
                    first_name=person["first_name"],
                    middle_name=person["middle_name"],
                    birth_date=person["birth_date"],
                    gender=str(person["gender"] or ""),
                    iin=row.iin or "",
                    phone=row.phone,
                    email=person["email"],
                    roles=row.roles,
                    archived=row.archived,
                )
            )
        if page_number >= page.pages:
            break
        page_number += 1
    # Writing the workbook is CPU work in openpyxl: keep the event loop free meanwhile.
    return await asyncio.to_thread(_workbook, lines, language)


def _text_cell(sheet: WriteOnlyWorksheet, value: str, *, text_format: bool = False) -> Cell:
    cell = text_cell(sheet, value)
    if text_format:
        cell.number_format = _TEXT_FORMAT
    return cell


def _workbook(lines: list[_Line], language: str) -> bytes:
    def tr(message: str) -> str:
        return gettext_for(language, message)

    workbook = Workbook(write_only=True)
    sheet = headed_sheet(
        workbook, tr(N_("People")), [(tr(label), width) for label, width in _COLUMNS]
    )
    yes, no = tr(N_("Yes")), tr(N_("No"))
    for line in lines:
        born = WriteOnlyCell(sheet)
        born.value = line.birth_date
        born.number_format = _DATE_FORMAT
        sheet.append(
            [
                _text_cell(sheet, line.last_name),
                _text_cell(sheet, line.first_name),
                _text_cell(sheet, line.middle_name),
                born,
                _text_cell(sheet, tr(_GENDERS[line.gender]) if line.gender in _GENDERS else ""),
                _text_cell(sheet, line.iin, text_format=True),
                _text_cell(sheet, line.phone, text_format=True),
                _text_cell(sheet, line.email),
                _text_cell(sheet, ", ".join(tr(ROLE_LABELS[role]) for role in line.roles)),
                _text_cell(sheet, yes if line.archived else no),
            ]
        )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
