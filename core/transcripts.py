"""A conversation's transcript for the audit view, as an Excel workbook and as a PDF.

An auditor must see everything that was said: the current text of every message, each earlier
text an edit replaced, and the messages hidden from members, all marked as such and timed in
the organisation's local time. The workbook is the exact record: typed cells (real date-times,
numbers), every text written as text — never a formula, so a message such as ``=HYPERLINK(…)``
cannot run anything when the file is opened. The PDF is for reading and printing; it embeds
DejaVu Sans (``core/fonts/``, free licence beside it), which covers Kazakh Cyrillic, so the
file reads the same on any machine. A character the font lacks (an emoji, say) is drawn as
``�`` there; the workbook keeps it.

Both functions are CPU work: async callers run them in a thread (``asyncio.to_thread``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from typing import Literal
from zoneinfo import ZoneInfo

from babel.dates import format_date
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from core.i18n import N_, gettext_for
from core.pdf import FAMILY, add_fonts


@dataclass(frozen=True)
class TranscriptRevision:
    """A text the message had before an edit: ``editor_name`` replaced it at ``edited_at``."""

    text: str
    edited_at: datetime
    editor_name: str


@dataclass(frozen=True)
class TranscriptMessage:
    """One message as stored, whatever members may still see of it.

    ``revisions`` are the earlier texts, oldest first (the first is what was sent); ``text`` is
    the current one. Times are tz-aware UTC.
    """

    seq: int
    sent_at: datetime
    author_name: str
    text: str
    reply_to_seq: int | None = None
    attachments: tuple[str, ...] = ()
    revisions: tuple[TranscriptRevision, ...] = ()
    hidden_at: datetime | None = None
    hidden_by_name: str | None = None


@dataclass(frozen=True)
class Transcript:
    """A whole conversation for export; ``timezone`` (IANA) is used only to show times."""

    title: str
    organisation_name: str
    timezone: str
    language: str
    exported_at: datetime
    exported_by: str
    messages: tuple[TranscriptMessage, ...]


_HIDDEN_BY = N_("Hidden by {name} at {time}")
_HIDDEN = N_("Hidden at {time}")
_EDITED_BY = N_("Edited by {name} at {time}")
_REVISION_EDITED_BY = N_("Revision {number}, edited by {name} at {time}")
_REPLY_TO = N_("Reply to #{seq}")
_ATTACHMENTS = N_("Attachments: {names}")
_EXPORTED_BY = N_("Exported by {name} at {time}")
_TIMES_IN = N_("Times are in the {timezone} time zone.")
_PAGE = N_("Page {page} of {pages}")

# --- Excel -------------------------------------------------------------------------------

_DATETIME_FORMAT = "dd.mm.yyyy hh:mm:ss"
#: A text starting with one of these is a formula to a spreadsheet when typed in; the quote
#: prefix keeps it text even if someone edits the cell later.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HIDDEN_FILL = PatternFill("solid", fgColor="FCE4E4")
_REVISION_FILL = PatternFill("solid", fgColor="F2F2F2")
_REVISION_FONT = Font(italic=True, color="595959")

_Kind = Literal["number", "time", "text", "long text"]


@dataclass(frozen=True)
class _Column:
    label: str
    width: int
    kind: _Kind


_COLUMNS: tuple[_Column, ...] = (
    _Column(N_("No."), 7, "number"),
    _Column(N_("Sent at"), 19, "time"),
    _Column(N_("Author"), 24, "text"),
    _Column(N_("Version"), 13, "text"),
    _Column(N_("Text"), 60, "long text"),
    _Column(N_("Reply to"), 9, "number"),
    _Column(N_("Attachments"), 26, "long text"),
    _Column(N_("Edited at"), 19, "time"),
    _Column(N_("Edited by"), 22, "text"),
    _Column(N_("Hidden at"), 19, "time"),
    _Column(N_("Hidden by"), 22, "text"),
)

_Value = str | int | datetime | None


def transcript_xlsx(t: Transcript) -> bytes:
    """The transcript as an .xlsx workbook: one row per message, one per earlier text.

    Sheet "Messages": the header row is frozen; each message's row is followed by its earlier
    texts ("Revision 1" is what was sent), shaded; hidden messages have their "Hidden at/by"
    cells filled and a red shading. Sheet "Export": what was exported, by whom, when.

    Raises:
        zoneinfo.ZoneInfoNotFoundError: ``t.timezone`` is not an IANA time zone.
    """
    zone = ZoneInfo(t.timezone)

    def tr(message: str) -> str:
        return gettext_for(t.language, message)

    def local(moment: datetime | None) -> datetime | None:
        # Excel has no time zones: a cell holds the wall-clock time of the organisation.
        return None if moment is None else moment.astimezone(zone).replace(tzinfo=None)

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(tr(N_("Messages"))[:31])
    for index, column in enumerate(_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    rows = 1 + sum(1 + len(message.revisions) for message in t.messages)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(_COLUMNS))}{rows}"

    header_font = Font(bold=True)
    sheet.append(
        [
            _xlsx_cell(sheet, "text", tr(column.label), font=header_font, fill=_HEADER_FILL)
            for column in _COLUMNS
        ]
    )
    for message in t.messages:
        hidden = (local(message.hidden_at), message.hidden_by_name)
        fill = _HIDDEN_FILL if message.hidden_at is not None else None
        last_edit = message.revisions[-1] if message.revisions else None
        _append(
            sheet,
            [
                message.seq,
                local(message.sent_at),
                message.author_name,
                tr(N_("Edited")) if last_edit else None,
                message.text,
                message.reply_to_seq,
                "\n".join(message.attachments) or None,
                local(last_edit.edited_at) if last_edit else None,
                last_edit.editor_name if last_edit else None,
                *hidden,
            ],
            fill=fill,
        )
        for number, revision in enumerate(message.revisions, start=1):
            _append(
                sheet,
                [
                    message.seq,
                    local(message.sent_at),
                    message.author_name,
                    tr(N_("Revision {number}")).format(number=number),
                    revision.text,
                    message.reply_to_seq,
                    None,
                    local(revision.edited_at),
                    revision.editor_name,
                    *hidden,
                ],
                fill=fill or _REVISION_FILL,
                font=_REVISION_FONT,
            )

    about = workbook.create_sheet(tr(N_("Export"))[:31])
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 50
    facts: tuple[tuple[str, _Kind, _Value], ...] = (
        (N_("Conversation"), "text", t.title),
        (N_("Organisation"), "text", t.organisation_name),
        (N_("Exported by"), "text", t.exported_by),
        (N_("Exported at"), "time", local(t.exported_at)),
        (N_("Time zone"), "text", t.timezone),
        (N_("Messages"), "number", len(t.messages)),
    )
    for label, kind, value in facts:
        about.append(
            [
                _xlsx_cell(about, "text", tr(label), font=header_font),
                _xlsx_cell(about, kind, value, align=Alignment(horizontal="left")),
            ]
        )

    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _append(
    sheet: WriteOnlyWorksheet,
    values: list[_Value],
    *,
    fill: PatternFill | None,
    font: Font | None = None,
) -> None:
    sheet.append(
        [
            _xlsx_cell(sheet, column.kind, value, fill=fill, font=font)
            for column, value in zip(_COLUMNS, values, strict=True)
        ]
    )


def _xlsx_cell(
    sheet: WriteOnlyWorksheet,
    kind: _Kind,
    value: _Value,
    *,
    fill: PatternFill | None = None,
    font: Font | None = None,
    align: Alignment | None = None,
) -> Cell:
    cell = WriteOnlyCell(sheet)
    if isinstance(value, str):
        # openpyxl refuses control characters (Excel cannot store them); a chat message may
        # carry one, and the export must not fail on it.
        cell.value = ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", value)
        cell.data_type = "s"  # even "=..." stays text
        if value.startswith(_FORMULA_STARTS):
            cell.quotePrefix = True
    else:
        cell.value = value
    if kind == "time":
        cell.number_format = _DATETIME_FORMAT
    cell.alignment = align or Alignment(vertical="top", wrap_text=kind == "long text")
    if fill is not None:
        cell.fill = fill
    if font is not None:
        cell.font = font
    return cell


# --- PDF ---------------------------------------------------------------------------------

_TOTAL_PAGES = "{nb}"
_TIME_FORMAT = "%d.%m.%Y %H:%M"
_LINE = 5.0
_INDENT = 6.0
_BLACK = (0, 0, 0)
_GREY = (96, 96, 96)
_RED = (176, 0, 0)
_HIDDEN_SHADE = (252, 228, 228)
_REVISION_SHADE = (242, 242, 242)


def transcript_pdf(t: Transcript) -> bytes:
    """The transcript as an A4 PDF to read and print.

    A heading (conversation, organisation, who exported it and when, the time zone), then
    the messages by local day: number, time, author and the message replied to in bold, the
    text wrapped; hidden messages carry a red "Hidden by … at …" line and a red shading;
    edited ones say who edited last, then list each earlier text, shaded. Every page is
    numbered "Page n of N".

    Raises:
        zoneinfo.ZoneInfoNotFoundError: ``t.timezone`` is not an IANA time zone.
    """
    return _PdfTranscript(t).render()


class _NumberedPdf(FPDF):
    """Numbers its pages "n of N"; N is known only when the file is written.

    fpdf2 reserves room for the ``{nb}`` alias in any text while the alias is on, and fills
    the total in when the file is written. The alias is on only for the footers and the
    writing, so a message quoting "{nb}" keeps its text.
    """

    def __init__(self, page_label: str) -> None:
        super().__init__(format="A4")
        self._page_label = page_label
        self.alias_nb_pages("")

    def footer(self) -> None:
        body_alias = self.str_alias_nb_pages
        self.alias_nb_pages(_TOTAL_PAGES)
        self.set_y(-12)
        self.set_font(FAMILY, size=8)
        self.set_text_color(*_GREY)
        label = self._page_label.format(page=self.page_no(), pages=_TOTAL_PAGES)
        self.cell(0, _LINE, label, align=Align.C)
        self.alias_nb_pages(body_alias)

    def finish(self) -> bytes:
        self.alias_nb_pages(_TOTAL_PAGES)
        return bytes(self.output())


class _PdfTranscript:
    """Writes one transcript; holds what every line needs (zone, language, glyphs)."""

    def __init__(self, t: Transcript) -> None:
        self.t = t
        self.zone = ZoneInfo(t.timezone)
        self.pdf = _NumberedPdf(self.tr(_PAGE))
        self.glyphs = add_fonts(self.pdf)
        self.pdf.set_margins(15, 15, 15)
        self.pdf.set_auto_page_break(auto=True, margin=18)
        self.pdf.set_title(t.title)
        self.pdf.set_lang(t.language)
        self.pdf.set_creator("Sabaq")
        # The file depends only on the transcript: the same export gives the same bytes.
        self.pdf.set_creation_date(t.exported_at)

    def tr(self, message: str) -> str:
        return gettext_for(self.t.language, message)

    def when(self, moment: datetime) -> str:
        return moment.astimezone(self.zone).strftime(_TIME_FORMAT)

    def render(self) -> bytes:
        t, pdf = self.t, self.pdf
        pdf.add_page()
        self.paragraph(t.title, size=15, bold=True, height=8)
        self.paragraph(t.organisation_name, size=11)
        exported = self.tr(_EXPORTED_BY).format(name=t.exported_by, time=self.when(t.exported_at))
        self.paragraph(exported, size=9, colour=_GREY)
        self.paragraph(self.tr(_TIMES_IN).format(timezone=t.timezone), size=9, colour=_GREY)
        if not t.messages:
            pdf.ln(_LINE)
            self.paragraph(self.tr(N_("No messages.")), size=10)
        day: date | None = None
        for message in t.messages:
            sent = message.sent_at.astimezone(self.zone)
            if sent.date() != day:
                day = sent.date()
                pdf.ln(_LINE / 2)
                self.keep_lines(3)
                heading = format_date(day, format="long", locale=t.language)
                self.paragraph(heading, size=10, bold=True, colour=_GREY)
                pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
                pdf.ln(1)
            self.message(message, sent)
        return pdf.finish()

    def message(self, message: TranscriptMessage, sent: datetime) -> None:
        self.keep_lines(2)
        head = f"#{message.seq}   {sent:%H:%M}   {message.author_name}"
        if message.reply_to_seq is not None:
            head += "   → " + self.tr(_REPLY_TO).format(seq=message.reply_to_seq)
        self.paragraph(head, size=9.5, bold=True)
        hidden = message.hidden_at is not None
        if message.hidden_at is not None:
            time = self.when(message.hidden_at)
            label = (
                self.tr(_HIDDEN_BY).format(name=message.hidden_by_name, time=time)
                if message.hidden_by_name
                else self.tr(_HIDDEN).format(time=time)
            )
            self.paragraph(label, size=9, bold=True, colour=_RED, indent=_INDENT)
        self.paragraph(
            message.text,
            size=10,
            indent=_INDENT,
            shade=_HIDDEN_SHADE if hidden else None,
            colour=_GREY if hidden else _BLACK,
        )
        if message.attachments:
            names = ", ".join(message.attachments)
            self.paragraph(self.tr(_ATTACHMENTS).format(names=names), size=8.5, indent=_INDENT)
        if message.revisions:
            last = message.revisions[-1]
            edited = self.tr(_EDITED_BY).format(
                name=last.editor_name, time=self.when(last.edited_at)
            )
            self.paragraph(edited, size=8.5, colour=_GREY, indent=_INDENT)
        for number, revision in enumerate(message.revisions, start=1):
            label = self.tr(_REVISION_EDITED_BY).format(
                number=number, name=revision.editor_name, time=self.when(revision.edited_at)
            )
            self.paragraph(label, size=8, bold=True, colour=_GREY, indent=2 * _INDENT)
            self.paragraph(
                revision.text,
                size=9,
                colour=_GREY,
                indent=2 * _INDENT,
                shade=_HIDDEN_SHADE if hidden else _REVISION_SHADE,
            )
        self.pdf.ln(_LINE / 2)

    def keep_lines(self, count: int) -> None:
        """Start a new page unless ``count`` lines still fit (no heading alone at the foot)."""
        if self.pdf.will_page_break(count * _LINE):
            self.pdf.add_page()

    def paragraph(
        self,
        text: str,
        *,
        size: float,
        bold: bool = False,
        colour: tuple[int, int, int] = _BLACK,
        indent: float = 0,
        shade: tuple[int, int, int] | None = None,
        height: float = _LINE,
    ) -> None:
        """One paragraph, wrapped to the page width (long words are broken), pages as needed."""
        pdf = self.pdf
        pdf.set_font(FAMILY, "B" if bold else "", size)
        pdf.set_text_color(*colour)
        if shade is not None:
            pdf.set_fill_color(*shade)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(
            pdf.epw - indent,
            height,
            "".join(_printable(text, self.glyphs)),
            align=Align.L,
            fill=shade is not None,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )


def _printable(text: str, glyphs: frozenset[int]) -> Iterator[str]:
    """``text`` as the font can draw it: line ends kept, tabs as spaces, invisible format
    characters (joiners, variation selectors) left out, and each run of characters the font
    lacks as one ``�`` (fpdf2 would otherwise drop them without a trace)."""
    in_run = False
    for char in text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    "):
        if unicodedata.category(char) == "Cf" or "\ufe00" <= char <= "\ufe0f":
            continue  # an emoji's joiner or variant choice: nothing of its own to draw
        if char == "\n" or ord(char) in glyphs:
            in_run = False
            yield char
        elif not in_run:
            in_run = True
            yield "\N{REPLACEMENT CHARACTER}"
