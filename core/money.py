"""Money: an integer count of a currency's smallest unit (tiyn for KZT), never a float.

``parse_money`` is the one way typed amounts enter (``"40 000"``, ``"2666,67"``,
``"2 666.67 ₸"``); ``format_money`` the one way they leave, in the reader's language
(``2 666,67 ₸`` in kk and ru, ``2,666.67 ₸`` in en). ``split`` divides a
total into parts that always add up to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

from core.errors import InvalidInput
from core.i18n import N_

DEFAULT_CURRENCY = "KZT"
#: Currencies an organisation may keep its books in; all have two decimals.
CURRENCIES = ("KZT", "KGS", "RUB", "USD", "EUR")
MINOR_PER_MAJOR = 100
#: Larger than any fee a centre takes (10 billion tenge), small enough for every backend.
MAX_AMOUNT = 10_000_000_000 * MINOR_PER_MAJOR

#: Characters an amount may have once spaces and the currency sign are gone.
_LONGEST = 30
#: Digits, then at most one decimal point with digits: no signs, exponents or NaN.
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?|\.[0-9]+")

_SPACES = re.compile(r"[\s\u00a0\u202f'’]")
_SYMBOLS = re.compile(r"(₸|тг\.?|тенге|теңге|kzt|сом|kgs|₽|руб\.?|rub|\$|usd|€|eur)$")


@dataclass(frozen=True, order=True)
class Money:
    amount: int
    currency: str = DEFAULT_CURRENCY

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def localised(self, language: str) -> str:
        """How an error message or a notice writes this amount for its reader."""
        return format_money(self, language)

    def _same(self, other: Money) -> None:
        if other.currency != self.currency:
            raise ValueError(f"cannot mix {self.currency} and {other.currency}")

    @property
    def decimal(self) -> Decimal:
        return Decimal(self.amount) / MINOR_PER_MAJOR


def parse_money(
    text: str, *, currency: str = DEFAULT_CURRENCY, field: str = "amount", allow_zero: bool = False
) -> Money:
    """Read an amount typed by a person: spaces and a currency sign are allowed, the decimal
    separator may be a comma or a point, at most two decimals.

    Raises:
        InvalidInput: not a number, more than two decimals, zero (unless ``allow_zero``),
            negative, or larger than any real fee.
    """
    cleaned = _SYMBOLS.sub("", _SPACES.sub("", text).casefold()).replace(",", ".")
    if not cleaned:
        raise InvalidInput(N_("Enter an amount."), field=field)
    if len(cleaned) > _LONGEST:
        raise InvalidInput(N_("The amount is too large."), field=field)
    if cleaned.startswith("-") and _NUMBER.fullmatch(cleaned[1:]):
        raise InvalidInput(N_("The amount must be greater than zero."), field=field)
    if not _NUMBER.fullmatch(cleaned):
        raise InvalidInput(
            N_("“{value}” is not an amount. Write it like 40000 or 2666.67."),
            field=field,
            value=text.strip()[:40],
        )
    value = Decimal(cleaned)
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and value != value.quantize(Decimal("0.01")):
        raise InvalidInput(
            N_("An amount has at most two digits after the decimal point."), field=field
        )
    if value == 0 and not allow_zero:
        raise InvalidInput(N_("The amount must be greater than zero."), field=field)
    minor = int(value * MINOR_PER_MAJOR)
    if minor > MAX_AMOUNT:
        raise InvalidInput(N_("The amount is too large."), field=field)
    return Money(minor, currency)


def format_money(money: Money, language: str) -> str:
    """``money`` with the reader's digit grouping and decimal mark and the currency's sign
    after it: ``2 666,67 ₸`` (kk, ru), ``2,666.67 ₸`` (en). The sign is ours, not the
    locale's: Babel's Russian data writes "KZT" where people write ₸."""
    number = format_decimal(money.decimal, format="#,##0.00", locale=_LOCALES.get(language, "en"))
    return f"{number}\u00a0{SYMBOLS.get(money.currency, money.currency)}"


def format_amount(amount: int, currency: str, language: str) -> str:
    return format_money(Money(amount, currency), language)


_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en"}
SYMBOLS = {"KZT": "₸", "KGS": "сом", "RUB": "₽", "USD": "$", "EUR": "€"}


def split(total: int, parts: int) -> list[int]:
    """Divide ``total`` minor units into ``parts`` that add up to it exactly.

    Every part is the exact share rounded to the unit, half up, and the last part takes what
    is left: 40 000 ₸ over 15 lessons is fourteen of 2 666.67 ₸ and one of 2 666.62 ₸ (the
    rule and the example of the price list). When that would leave the last part at zero or
    below (3.81 ₸ over 128 lessons: 127 × 0.03 leaves 0), the largest-remainder split is
    used instead: every part gets the share rounded down and the remainder goes one unit
    each to the first parts, so no part is zero while the total covers one unit per part.

    Raises:
        ValueError: ``parts`` < 1 or a negative total.
    """
    if parts < 1:
        raise ValueError("parts must be at least 1")
    if total < 0:
        raise ValueError("total must not be negative")
    share = int((Decimal(total) / parts).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    last = total - share * (parts - 1)
    if last > 0 or total == 0:
        return [share] * (parts - 1) + [last]
    base, remainder = divmod(total, parts)
    return [base + 1] * remainder + [base] * (parts - remainder)


def percent_of(amount: int, percent: int) -> int:
    """``percent`` % of ``amount``, rounded half up to the unit."""
    return int((Decimal(amount) * percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
