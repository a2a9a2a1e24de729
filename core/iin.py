"""Kazakhstan's IIN (ЖСН/ИИН): 12 digits — birth date, century and sex, serial, check digit."""

from __future__ import annotations

from datetime import date

from core.errors import InvalidInput
from core.i18n import N_

_WEIGHTS_FIRST = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_WEIGHTS_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_CENTURY_BY_DIGIT = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


def check_digit(first_eleven: str) -> int | None:
    """The IIN check digit of 11 digits, or None when no digit is valid (the number is unused)."""
    digits = [int(char) for char in first_eleven]
    value = sum(d * w for d, w in zip(digits, _WEIGHTS_FIRST, strict=True)) % 11
    if value == 10:
        value = sum(d * w for d, w in zip(digits, _WEIGHTS_SECOND, strict=True)) % 11
    return None if value == 10 else value


def birth_date_of(iin: str) -> date | None:
    """The birth date an IIN encodes, when its 7th digit names a century (1–6)."""
    century = _CENTURY_BY_DIGIT.get(int(iin[6]))
    if century is None:
        return None
    try:
        return date(century + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        return None


def normalise_iin(raw: str) -> str:
    """A validated IIN: spaces and dashes dropped.

    Raises:
        InvalidInput: not 12 digits, an impossible birth date, or a wrong check digit.
    """
    iin = "".join(char for char in raw.strip() if char not in " -")
    if len(iin) != 12 or not iin.isascii() or not iin.isdigit():
        raise InvalidInput(N_("An IIN has exactly 12 digits."), field="iin")
    if int(iin[6]) in _CENTURY_BY_DIGIT and birth_date_of(iin) is None:
        raise InvalidInput(N_("This IIN does not start with a real birth date."), field="iin")
    if check_digit(iin[:11]) != int(iin[11]):
        raise InvalidInput(
            N_("This IIN is not valid: its check digit does not match. Please check it."),
            field="iin",
        )
    return iin
