"""The catalogues: every string the code marks is translated into Kazakh and Russian, with
the same placeholders, and the language a user gets follows their choice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from core.i18n import LOCALES_DIR, gettext_for, pick_language

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    pot = tmp_path_factory.mktemp("i18n") / "sabaq.pot"
    CommandLineInterface().run(
        [
            "pybabel",
            "-q",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-k",
            "N_",
            "-k",
            "_",
            "-o",
            str(pot),
            str(ROOT),
        ]
    )
    with pot.open("rb") as handle:
        return {
            message.id for message in read_po(handle) if message.id and isinstance(message.id, str)
        }


def _catalogue(language: str) -> dict[str, str]:
    with (LOCALES_DIR / language / "LC_MESSAGES" / "sabaq.po").open("rb") as handle:
        return {
            message.id: message.string
            for message in read_po(handle)
            if message.id and isinstance(message.id, str) and isinstance(message.string, str)
        }


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_marked_string_is_translated(extracted, language):
    catalogue = _catalogue(language)
    missing = sorted(message for message in extracted if not catalogue.get(message))
    assert not missing, (
        f"untranslated in {language} (run scripts/i18n.sh, then translate): {missing[:10]}"
    )


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_translations_keep_their_placeholders(language):
    broken = [
        message
        for message, translation in _catalogue(language).items()
        if translation
        and set(PLACEHOLDER.findall(message)) != set(PLACEHOLDER.findall(translation))
    ]
    assert not broken, f"{language} translations with different placeholders: {broken[:5]}"


def test_kazakh_text_uses_kazakh_letters():
    assert set("әғқңөұүі") & set("".join(_catalogue("kk").values()))
    assert gettext_for("kk", "Sign in") != "Sign in"


def test_language_follows_choice_then_client_then_default():
    assert pick_language("kk", "ru-RU", default="en") == "kk"
    assert pick_language(None, "ru-RU", default="en") == "ru"
    assert pick_language(None, "kk_KZ.UTF-8", default="en") == "kk"
    assert pick_language("de", "fr", default="ru") == "ru"
