"""What the bots say: whole sentences marked with ``N_``, translated per recipient.

Handlers receive a ``Translator`` as ``_`` in their data (see ``bots.middlewares``) and call
``_("Sentence with {name}.", name=...)``; Babel extracts both ``N_`` and ``_``.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.config import LANGUAGES, Language
from core.i18n import N_, gettext_for

#: Language names are written in their own language, so everyone finds theirs.
LANGUAGE_NAMES: dict[Language, str] = {"kk": "Қазақша", "ru": "Русский", "en": "English"}

UNKNOWN_USER = N_(
    "This is the Sabaq bot. To use it, open the invitation link your school or learning "
    "centre gave you."
)
NO_ROLE = N_(
    "Your account has no active role in any organisation right now. "
    "Ask your school or learning centre."
)
THROTTLED = N_("You are sending messages too fast. Please wait a few seconds.")
STALE_BUTTON = N_("This button is out of date.")
APOLOGY = N_("Sorry, something went wrong on our side. Please try again later.")
COMING_SOON_COMPLAINTS = N_(
    "Complaints through this bot are coming soon. Until then, please contact your school "
    "or learning centre directly."
)
COMING_SOON_CAREER = N_("Career guidance through this bot is coming soon.")

COMMAND_MENU = N_("Open the menu")
COMMAND_LANGUAGE = N_("Change the language")
COMMAND_HELP = N_("How to use this bot")
COMMAND_START = N_("Start the bot")


@dataclass(frozen=True)
class Translator:
    """``_`` in handlers: a sentence in one language, its named placeholders filled in."""

    language: Language

    def __call__(self, message: str, /, **params: object) -> str:
        text = gettext_for(self.language, message)
        return text.format(**params) if params else text


def in_every_language(message: str) -> str:
    """One message in Kazakh, Russian and English, for someone whose language is unknown."""
    return "\n\n".join(gettext_for(language, message) for language in LANGUAGES)


#: Telegram shows at most 200 characters of a callback answer.
TOAST_LIMIT = 200


def toast(text: str) -> str:
    """``text`` cut to what a callback answer can show."""
    return text if len(text) <= TOAST_LIMIT else text[: TOAST_LIMIT - 1] + "…"
