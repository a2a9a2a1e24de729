"""An organisation's choices for tests, ratings and feedback, and students' rating nicknames.

An organisation without a ``TestingSettings`` row uses its nearest ancestor's, else the
model's defaults: ratings show initials ("Ахметов Б."), lesson feedback is asked of students
only. Changing them needs ``org.manage`` and is audited.

A **nickname** is what a student chooses to be called in ratings when the organisation shows
nicknames (a student without one is shown by initials there). It is up to 30 letters of one
alphabet — all Cyrillic (Kazakh letters included) or all Latin — digits 0–9, spaces and
``. _ -``, so no markup gets in and "Kим" cannot mix a Latin K into a Cyrillic name. Nobody
may pass for someone else in a rating: a nickname may not be another member's nickname,
initials ("Ким Т.") or full name ("Ким Тимур", "Тимур Ким") in the organisation, compared
case- and ё/е-insensitively, nor look like one — Latin letters and digits that look like
Cyrillic ones (a b c e h i k l m o p t x y, 0 1 3 6; also Kazakh һ and ү, like н and у)
count as those letters, and spaces and ``. _ -`` are ignored ("AXMETOB E." and "Ахметов_Е"
look like "Ахметов Е.").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tortoise.expressions import Subquery

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, PermissionDenied
from core.i18n import N_
from core.inherited import inherited_rows
from core.models.people import Membership, Person, Role
from core.models.testing import RatingNames as RatingNames  # noqa: PLC0414 - for adapters
from core.models.testing import TestingSettings
from core.permissions import Permission, require
from core.services.audit import do_record
from core.services.lessons import lock_organisation
from core.tx import transaction

NICKNAME_MAX = 30
#: Besides letters: digits, spaces and ``. _ -``; nothing else, so no markup.
_NEUTRAL = frozenset("0123456789 ._-")
_SPACES = re.compile(r"\s+")
_SEPARATORS = re.compile(r"[\s._\-]+")
#: Latin letters, Kazakh letters and digits that look like a Cyrillic letter, mapped to it
#: (after case folding, so a capital's look counts too: Latin "H" is Cyrillic "Н").
_LOOKALIKES = str.maketrans(
    {
        "a": "а",
        "b": "в",
        "c": "с",
        "e": "е",
        "h": "н",
        "һ": "н",
        "i": "і",
        "ı": "і",
        "l": "і",
        "1": "і",
        "k": "к",
        "m": "м",
        "o": "о",
        "0": "о",
        "p": "р",
        "t": "т",
        "x": "х",
        "y": "у",
        "ү": "у",
        "3": "з",
        "6": "б",
    }
)

RATING_NAMES_LABELS: dict[RatingNames, str] = {
    RatingNames.FULL: N_("Full names (Ахметов Бауыржан)"),
    RatingNames.INITIALS: N_("Last name and initial (Ахметов Б.)"),
    RatingNames.NICKNAME: N_("Nicknames students choose (initials until they choose one)"),
}


@dataclass(frozen=True)
class TestingSettingsData:
    rating_names: RatingNames = RatingNames.INITIALS
    feedback_from_parents: bool = False
    lesson_feedback: bool = True


def _data(row: TestingSettings) -> TestingSettingsData:
    return TestingSettingsData(
        rating_names=RatingNames(row.rating_names),
        feedback_from_parents=row.feedback_from_parents,
        lesson_feedback=row.lesson_feedback,
    )


async def testing_settings(organisation_id: int) -> TestingSettingsData:
    """The settings in force in an organisation: its own, else its nearest ancestor's, else
    the defaults. Trusted: no permission (every member's screens depend on them)."""
    return (await testing_settings_of([organisation_id]))[organisation_id]


async def testing_settings_of(organisation_ids: Iterable[int]) -> dict[int, TestingSettingsData]:
    """``testing_settings`` for many organisations at once: a query per level of the tree
    plus one, whatever their number (a scheduler tick asks for many)."""
    rows = await inherited_rows(TestingSettings, organisation_ids)
    return {org_id: _data(row) if row else TestingSettingsData() for org_id, row in rows.items()}


async def view_testing_settings(actor: Actor) -> TestingSettingsData:
    """The settings in force where the actor works, for the settings page.

    Raises:
        PermissionDenied: the actor may not see the organisation's settings.
    """
    await require(actor, Permission.ORG_VIEW)
    return await testing_settings(actor.organisation_id)


_AUDITED = ("rating_names", "feedback_from_parents", "lesson_feedback")


async def update_testing_settings(
    deps: Deps,
    actor: Actor,
    *,
    rating_names: RatingNames,
    feedback_from_parents: bool,
    lesson_feedback: bool,
) -> TestingSettingsData:
    """Set the organisation's own testing settings (its branches follow unless they have
    their own).

    Raises:
        PermissionDenied: the actor may not change the organisation's settings.
        InvalidInput: ``rating_names`` is not one of the ways names are shown.
    """
    await require(actor, Permission.ORG_MANAGE)
    try:
        names = RatingNames(rating_names)
    except ValueError:
        raise InvalidInput(
            N_("Choose how students are named in ratings."), field="rating_names"
        ) from None
    values: dict[str, Any] = {
        "rating_names": names,
        "feedback_from_parents": bool(feedback_from_parents),
        "lesson_feedback": bool(lesson_feedback),
    }
    async with transaction(deps) as tx:
        row = await TestingSettings.select_for_update().get_or_none(
            organisation_id=actor.organisation_id
        )
        before = {name: _plain(getattr(row, name)) for name in _AUDITED} if row else None
        if row is None:
            row = await TestingSettings.create(organisation_id=actor.organisation_id, **values)
        else:
            await row.update_from_dict(values).save()
        await do_record(
            tx,
            actor,
            action="testing_settings.update",
            object_type="organisation",
            object_id=actor.organisation_id,
            before=before,
            after={name: _plain(getattr(row, name)) for name in _AUDITED},
        )
    return _data(row)


def _plain(value: object) -> str | bool:
    return value if isinstance(value, bool) else str(value)


def _alphabet(char: str) -> str:
    """The alphabet of a nickname's character: "cyrillic", "latin", "other" (Greek "ο"
    looks like "о" too) or "" (a digit, a space or ``. _ -``).

    Raises:
        InvalidInput: not a letter, a digit 0–9, a space or ``. _ -``.
    """
    if char in _NEUTRAL:
        return ""
    if not char.isalpha():
        raise InvalidInput(
            N_("Use only letters, digits, spaces and the signs . _ - in a nickname."),
            field="nickname",
        )
    name = unicodedata.name(char, "")
    if name.startswith("CYRILLIC "):
        return "cyrillic"
    return "latin" if name.startswith("LATIN ") else "other"


def clean_nickname(raw: str) -> str:
    """A nickname as it is stored: NFC, spaces collapsed, trimmed ("" clears it).

    Raises:
        InvalidInput: longer than 30 characters; a character other than letters, digits
            0–9, spaces and ``. _ -``; letters of an alphabet other than Cyrillic and Latin,
            or of both.
    """
    nickname = _SPACES.sub(" ", unicodedata.normalize("NFC", raw)).strip()
    if len(nickname) > NICKNAME_MAX:
        raise InvalidInput(
            N_("A nickname may be at most {limit} characters long."),
            field="nickname",
            limit=NICKNAME_MAX,
        )
    alphabets = {_alphabet(char) for char in nickname} - {""}
    if "other" in alphabets:
        raise InvalidInput(N_("Write a nickname in Cyrillic or Latin letters."), field="nickname")
    if len(alphabets) > 1:
        raise InvalidInput(
            N_(
                "Write a nickname in one alphabet: all Cyrillic or all Latin letters, "
                "not a mix of both."
            ),
            field="nickname",
        )
    return nickname


def initials(last_name: str, first_name: str) -> str:
    """How a student is shown by initials: "Ахметов Б." (the last name alone without a
    first name)."""
    first = first_name.strip()
    return f"{last_name.strip()} {first[0]}." if first else last_name.strip()


def _key(text: str) -> str:
    """Text as compared for "the same": case, ё/е and runs of spaces ignored."""
    return _SPACES.sub(
        " ", unicodedata.normalize("NFC", text).casefold().replace("ё", "е")
    ).strip()


def _look(text: str) -> str:
    """Text as compared for "looks the same": ``_key`` with look-alike letters and digits
    made Cyrillic and spaces and ``. _ -`` left out."""
    return _SEPARATORS.sub("", _key(text).translate(_LOOKALIKES))


async def set_nickname(deps: Deps, actor: Actor, *, nickname: str) -> str:
    """Set (or, with "", clear) the acting student's nickname; returns it as stored.

    Raises:
        PermissionDenied: the actor is not a student here.
        InvalidInput: too long, characters other than letters, digits, spaces, ``. _ -``,
            or letters of another alphabet than Cyrillic or Latin, or of both.
        Conflict: it is, or looks like, another member's nickname, initials or full name.
    """
    if actor.person_id is None or Role.STUDENT not in actor.roles:
        raise PermissionDenied(N_("Only students choose a nickname for ratings."))
    cleaned = clean_nickname(nickname)
    async with transaction(deps) as tx:
        # One nickname change at a time in an organisation: the uniqueness check holds.
        await lock_organisation(actor.organisation_id)
        person = await Person.select_for_update().get(id=actor.person_id)
        before = person.nickname
        if cleaned and _key(cleaned) != _key(before):
            await _check_free(actor, cleaned)
        person.nickname = cleaned
        await person.save(update_fields=["nickname"])
        await do_record(
            tx,
            actor,
            action="person.nickname",
            object_type="person",
            object_id=actor.person_id,
            before={"nickname": before},
            after={"nickname": cleaned},
        )
    return cleaned


async def _check_free(actor: Actor, nickname: str) -> None:
    """Refuse a nickname that is, or looks like, another member's nickname, initials or full
    name (either way round); compared in Python, since SQLite's ``LOWER`` folds only ASCII.

    Raises:
        Conflict: it is, or looks like, someone else's.
    """
    same, alike = _key(nickname), _look(nickname)
    members = Subquery(
        Membership.filter(organisation_id=actor.organisation_id).values("person_id")
    )
    rows = (
        await Person.filter(id__in=members)
        .exclude(id=actor.person_id or 0)
        .values_list("nickname", "last_name", "first_name")
    )
    looks_like = False
    for other_nickname, last_name, first_name in rows:
        last, first = str(last_name).strip(), str(first_name).strip()
        theirs = [initials(last, first), f"{last} {first}", f"{first} {last}"]
        if other_nickname:
            theirs.append(str(other_nickname))
        for name in theirs:
            if _key(name) == same:
                raise Conflict(
                    N_("The nickname “{nickname}” is taken; choose another one."),
                    field="nickname",
                    nickname=nickname,
                )
            looks_like = looks_like or _look(name) == alike
    if looks_like:
        raise Conflict(
            N_(
                "The nickname “{nickname}” looks like the name of someone else in your "
                "organisation; choose another one."
            ),
            field="nickname",
            nickname=nickname,
        )


async def my_nickname(actor: Actor) -> str:
    """The acting person's own rating nickname ("" when none).

    Raises:
        Nothing: a non-person actor has none.
    """
    if actor.person_id is None:
        return ""
    found = await Person.filter(id=actor.person_id).first().values_list("nickname", flat=True)
    return str(found or "")
