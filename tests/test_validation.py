"""IIN and phone validation as a secretary meets it."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import InvalidInput
from core.iin import birth_date_of, normalise_iin
from core.phones import normalise_phone
from tests.factories import valid_iin


def test_a_valid_iin_passes_with_spaces_and_tells_the_birth_date():
    iin = valid_iin(date(2011, 3, 9), female=True)
    spaced = f"{iin[:6]} {iin[6:]}"
    assert normalise_iin(spaced) == iin
    assert birth_date_of(iin) == date(2011, 3, 9)


def test_a_wrong_check_digit_is_refused_with_its_reason():
    iin = valid_iin()
    wrong = iin[:11] + str((int(iin[11]) + 1) % 10)
    with pytest.raises(InvalidInput) as caught:
        normalise_iin(wrong)
    assert "check digit" in caught.value.translated("en")
    assert "контрол" in caught.value.translated("ru").lower()


@pytest.mark.parametrize(
    "raw", ["12345", "1234567890123", "12345678901a", "١٢٣٤٥٦٧٨٩٠١٢", "991340300123"]
)
def test_malformed_iins_are_refused(raw):
    with pytest.raises(InvalidInput):
        normalise_iin(raw)


def test_check_digit_computed_by_hand():
    # 9001013 0001: born 1990-01-01, 7th digit 3 = male, 1900s. Weights 1..11:
    # 9*1 + 1*4 + 1*6 + 3*7 + 1*11 = 51; 51 mod 11 = 7.
    assert normalise_iin("900101300017") == "900101300017"
    with pytest.raises(InvalidInput):
        normalise_iin("900101300019")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("8 (701) 123-45-67", "+77011234567"),
        ("+7 777 000 11 22", "+77770001122"),
        ("+996 555 123 456", "+996555123456"),
    ],
)
def test_phones_are_normalised_to_e164(raw, expected):
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", ["123", "телефон", "+7 701 123"])
def test_bad_phones_say_what_to_fix(raw):
    with pytest.raises(InvalidInput) as caught:
        normalise_phone(raw)
    assert caught.value.field == "phone"
