"""The PDF of a course completion certificate: one A4 landscape page in the reader's
language, in the shipped DejaVu faces (``core.pdf``) so Kazakh names print on any machine.
The verification code and the address of its public page are printed at the bottom."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from core.i18n import N_, gettext_for
from core.pdf import FAMILY, add_fonts, printable

_INK = (30, 41, 59)
_GREY = (100, 116, 139)
_FRAME = (37, 99, 235)


@dataclass(frozen=True)
class Certificate:
    """What a certificate says; ``issued_at`` is already in the organisation's time zone."""

    language: str
    student: str
    course: str
    organisation: str
    issued_at: datetime
    code: str
    verify_url: str


def certificate_pdf(c: Certificate) -> bytes:
    """The certificate as a one-page A4 landscape PDF."""

    def tr(message: str) -> str:
        return gettext_for(c.language, message)

    pdf = FPDF(orientation="landscape", format="A4")
    glyphs = add_fonts(pdf)
    pdf.set_title(tr(N_("Certificate of completion")))
    pdf.set_lang(c.language)
    pdf.set_creator("Sabaq")
    pdf.set_creation_date(c.issued_at)
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    pdf.set_draw_color(*_FRAME)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    width = pdf.w - 40

    def line(
        text: str, size: int, *, bold: bool = False, colour: tuple[int, int, int] = _INK
    ) -> None:
        pdf.set_font(FAMILY, "B" if bold else "", size)
        pdf.set_text_color(*colour)
        pdf.set_x(20)
        pdf.multi_cell(
            width,
            size * 0.55,
            printable(text, glyphs),
            align=Align.C,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )

    pdf.set_y(32)
    line(c.organisation, 14, colour=_GREY)
    pdf.ln(8)
    line(tr(N_("Certificate of completion")), 30, bold=True, colour=_FRAME)
    pdf.ln(10)
    line(tr(N_("This certifies that")), 14, colour=_GREY)
    pdf.ln(3)
    line(c.student, 24, bold=True)
    pdf.ln(3)
    line(tr(N_("has completed the online course")), 14, colour=_GREY)
    pdf.ln(3)
    line(c.course, 20, bold=True)
    pdf.ln(10)
    line(tr(N_("Date: {date}")).format(date=c.issued_at.strftime("%d.%m.%Y")), 13)
    pdf.set_y(pdf.h - 42)
    line(tr(N_("Verification code: {code}")).format(code=c.code), 12, bold=True)
    line(tr(N_("Check this certificate at {url}")).format(url=c.verify_url), 10, colour=_GREY)
    return bytes(pdf.output())
