"""Numbers, money and dates as trade documents print them, per language, with babel.

Every figure a document prints is already fixed by the model (line amounts,
totals, instalments, weights to 2 places, CBM to 3). This module only *writes*
them: thousands separators and the decimal point come from babel's CLDR data for
an explicit locale (never the process locale), and the number of decimals is the
one the model gave. Values with more decimals than a format shows are rounded
half-up here, explicitly, before babel sees them, so babel's own (half-even)
rounding never applies.

Both English and Chinese documents write ``41,690.30``; the currency is the ISO
code by default (``USD 41,690.30``) or, on request, its symbol (``US$41,690.30``
in Chinese, ``$41,690.30`` in English), as CLDR writes it.

>>> from exportdocs import Money
>>> NumberFormat("zh").money(Money("41690.30", "USD"))  # a no-break space after the code
'USD\xa041,690.30'
>>> NumberFormat("en", currency_display="symbol").money(Money("41690.30", "USD"))
'$41,690.30'
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import ROUND_HALF_UP, Decimal

import attrs
from babel import Locale
from babel.dates import format_date
from babel.numbers import (
    format_currency,
    format_decimal,
    get_currency_symbol,
    get_decimal_symbol,
    get_group_symbol,
    get_minus_sign_symbol,
)

from exportdocs._money import Money
from exportdocs._validation import check, collecting, fail
from exportdocs.render import Language

__all__ = ["CURRENCY_DISPLAYS", "NBSP", "NumberFormat"]

#: How a currency is written next to an amount: ISO code (``USD 1.00``) or symbol (``$1.00``).
CURRENCY_DISPLAYS = ("code", "symbol")

#: The CLDR locale of each document language. Bilingual documents use English figures
#: and dates (identical digits and separators in both languages).
_LOCALES = {Language.EN: "en_US", Language.ZH: "zh_Hans_CN", Language.EN_ZH: "en_US"}
_DATE_PATTERNS = {
    Language.EN: "d MMM yyyy",
    Language.ZH: "yyyy年M月d日",
    Language.EN_ZH: "d MMM yyyy",
}


#: The no-break space between a number and its unit (or currency code) in every document.
NBSP = "\u00a0"


def _language(value: Language | str) -> Language:
    return Language.parse(value)


def _display(value: str) -> str:
    if value in CURRENCY_DISPLAYS:
        return str(value)
    raise fail("currency_display must be 'code' or 'symbol'", value)


@functools.lru_cache(maxsize=8)
def _symbols(locale: str) -> tuple[str, str, str] | None:
    """(group, decimal, minus) of ``locale`` when it groups by threshold like ``#,##0``.

    Then a figure is written with Python's own ``,`` grouping and the symbols swapped
    in, which gives babel's result about twenty times faster (a 1,000-line packing
    list prints some 9,000 figures). None for any other grouping: babel formats.
    """
    if Locale.parse(locale).decimal_formats[None].grouping != (3, 3):
        return None
    return get_group_symbol(locale), get_decimal_symbol(locale), get_minus_sign_symbol(locale)


def _pattern(places: int, optional: int = 0) -> str:
    if places == 0 and optional == 0:
        return "#,##0"
    return "#,##0." + "0" * places + "#" * optional


@attrs.frozen(field_transformer=collecting)
class NumberFormat:
    """Formats figures for one document language; the locale is explicit, never ambient.

    >>> from decimal import Decimal
    >>> f = NumberFormat("en")
    >>> f.number(Decimal("3920.16"), 2), f.number(Decimal("40.4981"), 3), f.integer(Decimal("6020"))
    ('3,920.16', '40.498', '6,020')
    >>> f.price(Money("0.3333", "USD")), f.price(Money("18.6", "USD"))
    ('0.3333', '18.60')
    """

    language: Language = attrs.field(default=Language.EN, converter=_language)
    currency_display: str = attrs.field(default="code", converter=_display)

    def __attrs_post_init__(self) -> None:
        check(self)

    @property
    def locale(self) -> str:
        """The CLDR locale used for separators and dates."""
        return _LOCALES[self.language]

    def number(self, value: Decimal, places: int) -> str:
        """``value`` rounded half-up to ``places`` decimals, with thousands separators."""
        exact = value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        symbols = _symbols(self.locale)
        if symbols is None:
            return str(format_decimal(exact, _pattern(places), locale=self.locale))
        group, point, minus = symbols
        text = f"{exact:,f}"
        if (group, point, minus) != (",", ".", "-"):
            text = text.translate({44: group, 46: point, 45: minus})
        return text

    def integer(self, value: Decimal | int) -> str:
        """A whole number (quantities, cartons): ``6,020``; measured quantities keep their decimals."""
        number = Decimal(value)
        places = max(0, -number.normalize().as_tuple().exponent)  # type: ignore[operator]
        return self.number(number, min(places, 3))

    def amount(self, money: Money) -> str:
        """An amount without its currency, to the currency's minor unit: ``41,690.30``."""
        return self.number(money.amount, money.currency.minor_units)

    def price(self, money: Money) -> str:
        """A unit price with its own decimals, at least the minor unit's: ``0.68``, ``0.3333``."""
        minor = money.currency.minor_units
        places = max(minor, -money.amount.normalize().as_tuple().exponent)  # type: ignore[operator]
        return self.number(money.amount, min(places, 6))

    def money(self, money: Money) -> str:
        """An amount with its currency: ``USD 41,690.30`` (code) or ``$41,690.30`` (symbol).

        The code and the amount are joined by a no-break space, so a line never ends
        between them.
        """
        if self.currency_display == "code":
            return f"{money.currency.code}{NBSP}{self.amount(money)}"
        places = money.currency.minor_units
        exact = money.amount.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        return str(
            format_currency(
                exact,
                money.currency.code,
                format="¤" + _pattern(places),
                locale=self.locale,
                currency_digits=False,
            )
        )

    @staticmethod
    def with_unit(number: str, unit: str) -> str:
        """A formatted number and its unit joined by a no-break space: ``1,200 ROLLS``.

        >>> NumberFormat.with_unit("1,200", "ROLLS") == "1,200\u00a0ROLLS"
        True
        """
        return f"{number}{NBSP}{unit}"

    def currency_label(self, money: Money) -> str:
        """How a column header names the currency: ``USD`` or ``$``/``US$``."""
        if self.currency_display == "code":
            return money.currency.code
        return str(get_currency_symbol(money.currency.code, locale=self.locale))

    def percent(self, rate: Decimal | None, places: int = 2) -> str:
        """A fraction as a percentage, half-up: ``0.026574 → 2.66%``; None prints ``—``."""
        if rate is None:
            return "—"
        return self.number(rate * 100, places) + "%"

    def date(self, value: dt.date) -> str:
        """``2 Nov 2026`` in English, ``2026年11月2日`` in Chinese."""
        return str(format_date(value, _DATE_PATTERNS[self.language], locale=self.locale))
