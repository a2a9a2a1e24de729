"""Words that mean a child may be in danger: self-harm, suicide, violence, abuse, bullying.

The lists live in ``core/data/safety/{kk,ru,en}.txt`` so people who are not programmers can
keep them. Every text is checked against all three lists (a Kazakh speaker writes Russian
words and the other way round). Each line of a list is ``concern<TAB>pattern``; ``#``
starts a comment. A pattern is one or more word stems: each stem must begin a word of the
text, and the words must follow each other (``kill myself`` hits "killing myself", not
"kill the lights"). A stem ending in ``$`` must be the whole word (``нож$`` is a knife, not
``ножницы``). Text and patterns are normalised alike: Unicode NFC, case folded, ё → е,
every run of characters other than letters and digits a word break — so Kazakh letters
(ә ғ қ ң ө ұ ү һ і) are kept and "ӨЛГІМ" finds "өлгім".

A hit of an ``URGENT`` concern makes a complaint urgent; a miss never blocks anything, so the
lists lean towards phrases a child in danger writes, and away from words that are everyday
idioms ("убил время", "kill the lights", "өлердей шаршадым" are not hits).

**Bullying** (``Concern.BULLYING``, issue 9) is a disclosure, not a crisis: the career bot's
gate stops the AI and brings in a person for it as for the others, but a complaint is not
made urgent by it alone (``URGENT``) — bullying is a complaint category of its own with its
answer time, and "they take my phone and laugh" must not page the psychologist at night;
words of violence, abuse, self-harm or suicide in the same text still do.

**Transliteration.** Children often write Russian and Kazakh in Latin letters ("hochu
umeret", "ubyu sebya", "ozimdi oltiremin") or mix the alphabets. When a text has Latin
letters, a second pass compares a *skeleton* of its words with a skeleton of the kk and ru
patterns. The skeleton is lossy on purpose, so the usual spellings meet:

- Cyrillic → Latin: а a, б b, в v, г/ғ g, д d, е/ё/э e, ж zh, з z, и/й/ы/і i, к/қ k,
  л l, м m, н/ң n, о/ө o, п p, р r, с s, т t, у/ұ/ү u, ф f, х/һ h, ц ts, ч ch, ш/щ sh,
  ю u, я a, ә a; ъ and ь are dropped;
- Latin: diacritics are dropped (ö o, ü u, ğ g, ñ n, ä a), ş sh, ç ch, ı i; then shch/sch
  sh, kh h, ya a, yu u, yo/ye e, j zh, x h, c ts, w v, q k, y i; apostrophes are dropped
  ("ub'yu" is "ubyu").

So "ubyu sebya" and "убью себя" are both "ubu seba". Skeletons merge letters, so in a
skeleton pattern a stem shorter than 3 letters must be the whole word ("не" is "ne", never
"new"; "отец бь" becomes "otets b", which no longer hits "otets bil doma"), and a pattern
is kept only when one of its stems has at least 4 letters ("бьют мам" would be "but mam"
and hit English chat). Texts without Latin letters skip the pass and match
exactly as before. Not covered: digits for letters ("4" for ч), "ia"/"iu" for я/ю.
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
    BULLYING = "bullying"


#: The concerns that make a complaint urgent (all but bullying, see above).
URGENT: frozenset[Concern] = frozenset(
    {Concern.SELF_HARM, Concern.SUICIDE, Concern.VIOLENCE, Concern.ABUSE}
)


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


_SOUNDS = (
    "a b v g d e e zh z i i k l m n o p r s t u f h ts ch sh sh - i - e u a a g k n o u u h i"
)
_CYRILLIC_SOUNDS = {
    letter: sound.strip("-")  # "-": ъ and ь are dropped
    for letter, sound in zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі", _SOUNDS.split(), strict=True
    )
}
_SKELETON_LETTERS = str.maketrans(
    {**_CYRILLIC_SOUNDS, "ş": "sh", "ç": "ch", "ı": "i", "ə": "a"} | dict.fromkeys("'’‘ʼ`", "")
)
_LATIN_SPELLINGS = re.compile(r"shch|sch|kh|ch|ya|yu|yo|ye|[jxcwqy]")
_LATIN_SOUNDS = {
    "shch": "sh",
    "sch": "sh",
    "kh": "h",
    "ch": "ch",
    "ya": "a",
    "yu": "u",
    "yo": "e",
    "ye": "e",
    "j": "zh",
    "x": "h",
    "c": "ts",
    "w": "v",
    "q": "k",
    "y": "i",
}
_LATIN = re.compile(r"[a-z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def skeleton(text: str) -> list[str]:
    """The words of ``text`` as the transliteration pass compares them (see above)."""
    mapped = normalise(text).translate(_SKELETON_LETTERS)
    bare = "".join(
        char for char in unicodedata.normalize("NFKD", mapped) if not unicodedata.combining(char)
    )
    return _WORD.findall(_LATIN_SPELLINGS.sub(lambda found: _LATIN_SOUNDS[found[0]], bare))


def _skeleton_patterns(
    patterns: Iterable[tuple[Concern, Pattern]],
) -> list[tuple[Concern, Pattern]]:
    found: list[tuple[Concern, Pattern]] = []
    for concern, pattern in patterns:
        if not any(_CYRILLIC.search(stem) for stem, _ in pattern):
            continue  # English patterns already met the text as written
        skeletal = [("".join(skeleton(stem)), whole) for stem, whole in pattern]
        stems = tuple((stem, whole or len(stem) < 3) for stem, whole in skeletal)
        if all(stem for stem, _ in stems) and any(len(stem) >= 4 for stem, _ in stems):
            found.append((concern, stems))
    return found


class _Index:
    """Patterns by the first two letters of their first stem, so a word meets only the few
    patterns that could start at it."""

    def __init__(self, patterns: Iterable[tuple[Concern, Pattern]]) -> None:
        self.by_start: dict[str, list[tuple[Concern, Pattern]]] = {}
        for concern, pattern in patterns:
            self.by_start.setdefault(pattern[0][0][:2], []).append((concern, pattern))

    def find(self, text_words: list[str], found: set[Concern]) -> None:
        by_start = self.by_start
        for start, word in enumerate(text_words):
            for key in (word[:2], word[:1]):
                for concern, pattern in by_start.get(key, ()):
                    if concern not in found and _matches_at(text_words, start, pattern):
                        found.add(concern)


@cache
def _indexes() -> tuple[_Index, _Index]:
    return _Index(_patterns()), _Index(_skeleton_patterns(_patterns()))


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
    if patterns is None:
        exact, transliterated = _indexes()
    else:
        listed = list(patterns)
        exact, transliterated = _Index(listed), _Index(_skeleton_patterns(listed))
    found: set[Concern] = set()
    exact.find(words(text), found)
    if _LATIN.search(normalise(text)):
        transliterated.find(skeleton(text), found)
    return frozenset(found)


def concerns(text: str) -> frozenset[Concern]:
    """What in ``text`` suggests someone may be in danger or bullied (empty: nothing found);
    ``URGENT`` says which of them make a complaint urgent."""
    return matching(text)
