"""A timetable printed as PDF (issue 11): one landscape A4 page per class, teacher or room.

Each page has the name, the school and what the page is of, then the week grid of
``core.timetabling.grids`` (days across, the lessons of the day down, each with its start):
every lesson as "Subject · teacher · room" in a class's grid. DejaVu Sans (``core.pdf``)
draws Kazakh Cyrillic on any machine; a character it lacks is drawn as ``�``. A grid too
tall for a page continues on the next with its header row repeated.

``timetable_pdf`` is CPU work: async callers run it in a thread (``asyncio.to_thread``).
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.fonts import FontFace

from core.i18n import N_, gettext_for
from core.pdf import FAMILY, add_fonts, printable
from core.timetabling.grids import VIEWS, Grid, View, grids
from core.timetabling.problem import Problem, Timetable

_MARGIN = 10.0
_PERIOD_WIDTH = 16.0
_KINDS: dict[View, str] = {"classes": N_("Class"), "teachers": N_("Teacher"), "rooms": N_("Room")}
_EMPTY = N_("This timetable has no lessons to print here.")


def timetable_pdf(problem: Problem, timetable: Timetable, *, view: str, language: str) -> bytes:
    """``timetable`` as a PDF in ``language``: a landscape A4 page per class, teacher or
    room (``view``: "classes", "teachers" or "rooms") with its week grid; one page saying
    so when the view has nothing placed.

    Raises:
        ValueError: ``view`` is not one of the three.
    """
    chosen = next((known for known in VIEWS if known == view), None)
    if chosen is None:
        raise ValueError(f"unknown timetable view: {view!r}")
    pdf = FPDF(orientation="landscape", format="A4")
    glyphs = add_fonts(pdf)
    pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
    pdf.set_auto_page_break(auto=True, margin=_MARGIN)
    pdf.set_lang(language)
    pdf.set_creator("Sabaq")
    pdf.set_title(printable(problem.name, glyphs))
    kind = gettext_for(language, _KINDS[chosen])
    pages = grids(problem, timetable, chosen)
    if not pages:
        pdf.add_page()
        pdf.set_font(FAMILY, "", 12)
        pdf.cell(text=printable(gettext_for(language, _EMPTY), glyphs))
    for grid in pages:
        _page(pdf, grid, f"{problem.name} — {kind}", glyphs)
    return bytes(pdf.output())


def _page(pdf: FPDF, grid: Grid, subtitle: str, glyphs: frozenset[int]) -> None:
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 16)
    pdf.cell(text=printable(grid.title, glyphs), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 9)
    pdf.set_text_color(96, 96, 96)
    pdf.cell(text=printable(subtitle, glyphs), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(3)
    day_width = (pdf.epw - _PERIOD_WIDTH) / max(1, len(grid.days))
    size = 8 if len(grid.days) <= 6 else 6
    pdf.set_font(FAMILY, "", size)
    with pdf.table(
        col_widths=(_PERIOD_WIDTH, *([day_width] * len(grid.days))),
        text_align="LEFT",
        line_height=size * 0.5,
        headings_style=FontFace(emphasis="BOLD", fill_color=(221, 235, 247)),
        repeat_headings=1,
    ) as table:
        header = table.row()
        header.cell("")
        for day in grid.days:
            header.cell(printable(day, glyphs))
        for period_index, period in enumerate(grid.periods):
            row = table.row()
            row.cell(printable(period, glyphs))
            for day_index in range(len(grid.days)):
                lines = grid.cells.get((day_index, period_index), ())
                row.cell(printable("\n".join(lines), glyphs))
