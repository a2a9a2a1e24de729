"""Phone numbers, normalised to E.164 with ``phonenumbers`` (Kazakhstan by default)."""

from __future__ import annotations

import phonenumbers

from core.errors import InvalidInput
from core.i18n import N_


def normalise_phone(raw: str, *, region: str = "KZ") -> str:
    """``+77011234567`` from ``8 (701) 123-45-67`` and the like.

    Raises:
        InvalidInput: the text is not a valid phone number.
    """
    try:
        number = phonenumbers.parse(raw.strip(), region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise InvalidInput(
            N_("“{value}” is not a valid phone number, for example +7 701 123 45 67."),
            field="phone",
            value=raw.strip()[:40],
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
