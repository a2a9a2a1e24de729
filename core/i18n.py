"""Translation: core marks strings with ``N_``; adapters translate in the recipient's language.

Catalogues live in ``locales/<lang>/LC_MESSAGES/sabaq.po`` (one gettext domain, kk/ru/en),
extracted with Babel (see CONTRIBUTING.md). They are compiled in memory when first used, so a
checkout never carries a stale ``.mo`` file.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from core.config import LANGUAGES, Language

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "sabaq"


def N_(message: str) -> str:
    """Mark a string for extraction without translating it (translated later, per recipient)."""
    return message


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue for ``language`` (English falls back to the source strings)."""
    path = LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def gettext_for(language: str, message: str) -> str:
    return translations(language).gettext(message)


def ngettext_for(language: str, singular: str, plural: str, n: int) -> str:
    return translations(language).ngettext(singular, plural, n)


def pick_language(*candidates: str | None, default: Language = "ru") -> Language:
    """The first supported language among the candidates (user choice, client, organisation).

    A client language such as ``ru-RU`` or ``kk_KZ`` counts by its primary subtag.
    """
    for candidate in candidates:
        if not candidate:
            continue
        primary = candidate.replace("_", "-").split("-")[0].strip().lower()
        for language in LANGUAGES:
            if primary == language:
                return language
    return default


def parse_accept_language(header: str | None) -> Iterable[str]:
    """Languages of an HTTP ``Accept-Language`` header, most preferred first."""
    if not header:
        return []
    weighted: list[tuple[float, str]] = []
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if name:
            weighted.append((quality, name))
    return [name for _, name in sorted(weighted, key=lambda item: -item[0])]
