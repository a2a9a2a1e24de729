"""Words that mean a child may be in danger: self-harm, suicide, violence, abuse.

The lists live in ``core/data/safety/{kk,ru,en}.txt`` so people who are not programmers can
keep them. Every text is checked against all three lists (a Kazakh speaker writes Russian
words and the other way round). Each line of a list is ``concern<TAB>pattern``; ``#``
starts a comment. A pattern is one or more word stems: each stem must begin a word of the
text, and the words must follow each other (``kill myself`` hits "killing myself", not
"kill the lights"). A stem ending in ``$`` must be the whole word (``нож$`` is a knife, not
``ножницы``). Text and patterns are normalised alike: Unicode NFC, case folded, ё → е,
every run of characters other than letters and digits a word break — so Kazakh letters
(ә ғ қ ң ө ұ ү һ і) are kept and "ӨЛГІМ" finds "өлгім".

A hit makes a complaint urgent; a miss never blocks anything, so the lists lean towards
phrases a child in danger writes, and away from words that are everyday idioms ("убил время",
"kill the lights", "өлердей шаршадым" are not hits).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum
from functools import cache
from pathlib import Path

from core.i18n import N_


class Concern(StrEnum):
    SELF_HARM = "self_harm"
    SUICIDE = "suicide"
    VIOLENCE = "violence"
    ABUSE = "abuse"


HELPLINES: str = N_(
    "If you are in danger or thinking of hurting yourself, call now: 150 (children's "
    "helpline, free, 24/7), 111 (family and children), 112 (emergency)."
)

LANGUAGES = ("kk", "ru", "en")
DATA_DIR = Path(__file__).resolve().parent / "data" / "safety"
_WORD = re.compile(r"[^\W_]+")

#: A pattern: its stems, each with whether it must be the whole word.
Pattern = tuple[tuple[str, bool], ...]


def normalise(text: str) -> str:
    """Text as the lists are matched against it: NFC, case folded, ё → е."""
    return unicodedata.normalize("NFC", text).casefold().replace("ё", "е")


def words(text: str) -> list[str]:
    """The normalised words of ``text``."""
    return _WORD.findall(normalise(text))


def parse_list(lines: Iterable[str], source: str = "<list>") -> list[tuple[Concern, Pattern]]:
    """The patterns of a list's lines.

    Raises:
        ValueError: a line that is not ``concern<TAB>pattern`` with a known concern.
    """
    patterns: list[tuple[Concern, Pattern]] = []
    for number, line in enumerate(lines, start=1):
        content = line.split("#", 1)[0].strip()
        if not content:
            continue
        name, tab, pattern = content.partition("\t")
        if not tab:
            raise ValueError(f"{source}:{number}: expected concern<TAB>pattern")
        try:
            concern = Concern(name.strip())
        except ValueError:
            raise ValueError(f"{source}:{number}: unknown concern {name.strip()!r}") from None
        stems: list[tuple[str, bool]] = []
        for raw in pattern.split():
            whole = raw.endswith("$")
            stems.extend((word, whole) for word in words(raw.rstrip("$")))
        if not stems:
            raise ValueError(f"{source}:{number}: expected concern<TAB>pattern")
        patterns.append((concern, tuple(stems)))
    return patterns


@cache
def _patterns() -> tuple[tuple[Concern, Pattern], ...]:
    found: list[tuple[Concern, Pattern]] = []
    for language in LANGUAGES:
        path = DATA_DIR / f"{language}.txt"
        found.extend(parse_list(path.read_text(encoding="utf-8").splitlines(), str(path)))
    return tuple(found)


def _matches_at(text_words: list[str], start: int, pattern: Pattern) -> bool:
    if start + len(pattern) > len(text_words):
        return False
    for offset, (stem, whole) in enumerate(pattern):
        word = text_words[start + offset]
        if word != stem if whole else not word.startswith(stem):
            return False
    return True


def matching(
    text: str, patterns: Iterable[tuple[Concern, Pattern]] | None = None
) -> frozenset[Concern]:
    """``concerns`` against the given patterns (tests check a list before it ships)."""
    text_words = words(text)
    found: set[Concern] = set()
    for concern, pattern in _patterns() if patterns is None else patterns:
        if concern in found:
            continue
        if any(_matches_at(text_words, start, pattern) for start in range(len(text_words))):
            found.add(concern)
    return frozenset(found)


def concerns(text: str) -> frozenset[Concern]:
    """What in ``text`` suggests someone may be in danger (empty: nothing found)."""
    return matching(text)
