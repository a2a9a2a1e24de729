"""What a typed question is about, for the career bot without an AI consultant (issue 9).

With no LLM configured, a student's typed question is answered by the menu that does the same
job, chosen by words in kk, ru and en (stems, matched at the start of a word, so "ҰБТ-ға" and
"результаты" count):

- ``ENT`` — the ENT, its subjects or scores: the ENT routes of the occupations named in the
  question, else of the student's own suggestions;
- ``RESULTS`` — results, the interest code, occupations or careers: the student's result,
  which leads to the suggestions;
- ``SEARCH`` — none of those words, but the question names occupations (English titles);
- ``None`` — nothing the menus know: the bot shows them.
"""

from __future__ import annotations

import re
from enum import StrEnum

from core.safety import normalise

_ENT = (
    "ұбт ент ent unt ubt пән предмет subject балл ball score грант grant шекті порог "
    "threshold университет универ university жоо вуз"
)
_RESULTS = (
    "нәтиже результат result код code мамандық профес professi кәсіп career карьер job "
    "жұмыс работ occupation кім боламын кем стать интерес қызығушылық interest"
)
_WORD = re.compile(r"[^\W_]+")


class Topic(StrEnum):
    ENT = "ent"
    RESULTS = "results"


def _mentions(words: list[str], stems: str) -> bool:
    wanted = stems.split()
    return any(word.startswith(stem) for word in words for stem in wanted)


def topic_of(text: str) -> Topic | None:
    """The menu topic of a typed question; ``None`` when no topic word is in it."""
    words = _WORD.findall(normalise(text))
    if _mentions(words, _ENT):
        return Topic.ENT
    if _mentions(words, _RESULTS):
        return Topic.RESULTS
    return None
