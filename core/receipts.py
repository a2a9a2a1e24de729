"""The printable receipt of a payment (PDF), in the reader's language.

One A5 page: the organisation, the receipt number, the business date, the student, the amount
in figures (``format_money``), how it was paid and who received it, and a line to sign. Like
the transcripts it embeds DejaVu Sans (``core/fonts/``), which draws Kazakh Cyrillic and the
tenge sign, so the receipt prints the same on any machine; a character the font lacks is
drawn as ``�`` rather than silently dropped.

``render_receipt`` is CPU work: async callers run it in a thread (``asyncio.to_thread``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from core.i18n import N_, gettext_for
from core.money import Money, format_money
from core.pdf import FAMILY, add_fonts, printable

_BLACK = (0, 0, 0)
_GREY = (96, 96, 96)
_RED = (176, 0, 0)
_LABEL_WIDTH = 38.0
_LINE = 7.0
#: A5 in millimetres (the name "A5" makes fpdf2 2.8 warn about an old size fix).
_A5 = (148.0, 210.0)

_TITLE = N_("Receipt No. {number}")
_CANCELLED = N_("This payment was cancelled (reversed). The receipt is not valid.")
_RECORDED_AT = N_("Recorded at {time} ({timezone}).")


@dataclass(frozen=True)
class Receipt:
    """What a receipt prints. ``paid_on`` is the organisation's business date;
    ``recorded_at`` a UTC moment shown in ``timezone``; ``method`` an ``N_`` label or "";
    ``received_by`` "" when nobody of the staff recorded it (a bank or Telegram payment)."""

    organisation_name: str
    receipt_no: str
    paid_on: date
    recorded_at: datetime
    timezone: str
    student_name: str
    amount: Money
    method: str
    received_by: str
    note: str
    cancelled: bool
    language: str


def render_receipt(receipt: Receipt) -> bytes:
    """The receipt as an A5 PDF; the same receipt always gives the same bytes.

    Raises:
        zoneinfo.ZoneInfoNotFoundError: ``receipt.timezone`` is not an IANA time zone.
    """
    return _PdfReceipt(receipt).render()


class _PdfReceipt:
    """Writes one receipt; holds what every line needs (language, glyphs)."""

    def __init__(self, receipt: Receipt) -> None:
        self.receipt = receipt
        self.pdf = FPDF(format=_A5)
        self.glyphs = add_fonts(self.pdf)
        self.pdf.set_margins(14, 14, 14)
        self.pdf.set_auto_page_break(auto=True, margin=14)
        self.pdf.set_lang(receipt.language)
        self.pdf.set_creator("Sabaq")
        self.pdf.set_creation_date(receipt.recorded_at)

    def tr(self, message: str) -> str:
        return gettext_for(self.receipt.language, message)

    def render(self) -> bytes:
        receipt, pdf = self.receipt, self.pdf
        title = self.tr(_TITLE).format(number=receipt.receipt_no)
        pdf.set_title(title)
        pdf.add_page()
        self.write(receipt.organisation_name, size=12, bold=True, height=6)
        pdf.ln(3)
        self.write(title, size=16, bold=True, height=9)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(3)
        self.fact(N_("Date"), receipt.paid_on.strftime("%d.%m.%Y"))
        self.fact(N_("Student"), receipt.student_name)
        self.fact(N_("Amount"), format_money(receipt.amount, receipt.language), bold=True)
        if receipt.method:
            self.fact(N_("Method"), self.tr(receipt.method))
        if receipt.received_by:
            self.fact(N_("Received by"), receipt.received_by)
        if receipt.note:
            self.fact(N_("Note"), receipt.note)
        if receipt.cancelled:
            pdf.ln(3)
            self.write(self.tr(_CANCELLED), size=11, bold=True, colour=_RED)
        pdf.ln(10)
        pdf.set_font(FAMILY, "", 10)
        pdf.set_text_color(*_GREY)
        pdf.cell(_LABEL_WIDTH, _LINE, printable(self.tr(N_("Signature")), self.glyphs))
        baseline = pdf.get_y() + _LINE - 1
        pdf.line(pdf.l_margin + _LABEL_WIDTH, baseline, pdf.w - pdf.r_margin, baseline)
        pdf.ln(_LINE + 4)
        local = receipt.recorded_at.astimezone(ZoneInfo(receipt.timezone))
        recorded = self.tr(_RECORDED_AT).format(
            time=local.strftime("%d.%m.%Y %H:%M"), timezone=receipt.timezone
        )
        self.write(recorded, size=8, colour=_GREY, height=4)
        return bytes(pdf.output())

    def write(
        self,
        text: str,
        *,
        size: float,
        bold: bool = False,
        colour: tuple[int, int, int] = _BLACK,
        height: float = _LINE,
    ) -> None:
        """One paragraph across the page, wrapped."""
        pdf = self.pdf
        pdf.set_font(FAMILY, "B" if bold else "", size)
        pdf.set_text_color(*colour)
        pdf.multi_cell(
            pdf.epw,
            height,
            printable(text, self.glyphs),
            align=Align.L,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )

    def fact(self, label: str, value: str, *, bold: bool = False) -> None:
        """A grey label on the left, its value beside it; either may wrap."""
        pdf = self.pdf
        top = pdf.get_y()
        pdf.set_font(FAMILY, "", 10)
        pdf.set_text_color(*_GREY)
        pdf.multi_cell(
            _LABEL_WIDTH,
            _LINE,
            printable(self.tr(label), self.glyphs),
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        below_label = pdf.get_y()
        pdf.set_xy(pdf.l_margin + _LABEL_WIDTH, top)
        pdf.set_font(FAMILY, "B" if bold else "", 12)
        pdf.set_text_color(*_BLACK)
        pdf.multi_cell(
            pdf.epw - _LABEL_WIDTH,
            _LINE,
            printable(value, self.glyphs),
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.set_y(max(pdf.get_y(), below_label) + 1)
