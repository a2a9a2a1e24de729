"""The attribution O*NET data requires (CC BY 4.0), for an "About / Sources" screen and any
export that shows occupation data. The text lives in ``core/data/career/NOTICE.md`` between
the ``attribution`` markers, with the change list the licence asks for."""

from __future__ import annotations

from functools import cache

from core.career.inventory import DATA_DIR


@cache
def attribution() -> str:
    """The attribution paragraph as one line of English.

    Raises:
        ValueError: the notice has lost its ``attribution`` markers.
    """
    text = (DATA_DIR / "NOTICE.md").read_text(encoding="utf-8")
    start, end = "<!-- attribution -->", "<!-- /attribution -->"
    if start not in text or end not in text:
        raise ValueError("core/data/career/NOTICE.md has no attribution markers")
    return " ".join(text.split(start, 1)[1].split(end, 1)[0].split())
