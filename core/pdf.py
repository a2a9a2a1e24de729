"""What every PDF we print shares: the shipped DejaVu faces, which draw Kazakh Cyrillic and
the tenge sign on any machine, and text cut to what they can draw."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import TTFFont

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVuSans"
_FACES = (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf"))


def add_fonts(pdf: FPDF) -> frozenset[int]:
    """Load the regular and bold faces into ``pdf``; the code points both can draw."""
    drawable: list[frozenset[int]] = []
    for style, name in _FACES:
        pdf.add_font(FAMILY, style, FONTS_DIR / name)
        pdf.set_font(FAMILY, style)
        font = pdf.current_font
        drawable.append(frozenset(font.cmap) if isinstance(font, TTFFont) else frozenset())
    return frozenset.intersection(*drawable)


def printable(text: str, glyphs: frozenset[int]) -> str:
    """``text`` as the font can draw it: invisible format characters left out, each run of
    characters the font lacks as one ``�`` (fpdf2 would otherwise drop them)."""
    out: list[str] = []
    in_run = False
    for char in text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "):
        if unicodedata.category(char) == "Cf" or "\ufe00" <= char <= "\ufe0f":
            continue
        if char == "\n" or ord(char) in glyphs:
            in_run = False
            out.append(char)
        elif not in_run:
            in_run = True
            out.append("\N{REPLACEMENT CHARACTER}")
    return "".join(out)
