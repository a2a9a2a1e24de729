"""How a person's name is written and folded for search, shared by every context."""

from __future__ import annotations


def full_name(last: str, first: str, middle: str = "") -> str:
    return " ".join(part for part in (last, first, middle) if part)


def fold(text: str) -> str:
    """Case- and ё-insensitive form used for search (SQLite's LIKE folds only ASCII)."""
    return text.casefold().replace("ё", "е")
