"""Number and money formatting: explicit locale, model figures written as they are."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from babel.numbers import get_currency_symbol
from hypothesis import given
from hypothesis import strategies as st

from exportdocs import Money
from exportdocs.documents._numformat import NumberFormat
from exportdocs.exceptions import ValidationError


@pytest.mark.parametrize("language", ["en", "zh", "en-zh"])
def test_same_figures_in_every_language(language: str) -> None:
    f = NumberFormat(language)
    assert f.money(Money("41690.30", "USD")) == "USD\u00a041,690.30"  # no-break space
    assert f.amount(Money("1000", "JPY")) == "1,000"
    assert f.number(Decimal("40.4975"), 3) == "40.498"  # half-up, not half-even
    assert f.number(Decimal("0.125"), 2) == "0.13"
    assert f.percent(Decimal("0.026574976535")) == "2.66%"


def test_symbols_and_dates_follow_the_language() -> None:
    # The symbols are CLDR's ($ in en_US, US$ in zh_Hans_CN), read from babel; where the
    # symbol goes (before the figures, no space) is the library's pattern.
    for language, locale in (("en", "en_US"), ("zh", "zh_Hans_CN")):
        symbol = get_currency_symbol("USD", locale=locale)
        f = NumberFormat(language, "symbol")
        assert f.money(Money("41690.30", "USD")) == f"{symbol}41,690.30"
        assert f.currency_label(Money("1", "USD")) == symbol
    assert NumberFormat("zh").date(dt.date(2026, 11, 2)) == "2026年11月2日"
    assert NumberFormat("en").date(dt.date(2026, 11, 2)) == "2 Nov 2026"


def test_bad_options_are_refused() -> None:
    with pytest.raises(ValidationError, match="currency_display must be 'code' or 'symbol'"):
        NumberFormat("en", "name")
    with pytest.raises(ValidationError, match="unknown language"):
        NumberFormat("de")


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_amounts_read_back_exactly(amount: Decimal) -> None:
    text = NumberFormat("zh").amount(Money(amount, "USD"))
    assert Decimal(text.replace(",", "")) == amount.quantize(Decimal("0.01"))
