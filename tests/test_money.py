"""Money and Currency: exact amounts, explicit rounding, one currency at a time."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exportdocs import Currency, CurrencyMismatchError, ExportDocsError, Money, ValidationError

amounts = st.decimals(
    min_value=Decimal("-1e9"),
    max_value=Decimal("1e9"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


def test_currency_minor_units_known() -> None:
    assert (
        Currency("USD").minor_units,
        Currency("JPY").minor_units,
        Currency("KWD").minor_units,
    ) == (2, 0, 3)


def test_currency_normalises_case_and_has_iso_data() -> None:
    usd = Currency(" usd ")
    assert usd == Currency("USD")
    # The name and the numeric code are pycountry's (ISO 4217) data, read from it here.
    record = pycountry.currencies.get(alpha_3="USD")
    assert (usd.code, usd.name, usd.numeric) == ("USD", record.name, record.numeric)
    assert repr(usd) == "Currency('USD')"


@pytest.mark.parametrize("code", ["XYZ", "US", "USDD", "", "XAU", "€", "ＵＳＤ"])
def test_unknown_or_unfit_currency_refused(code: str) -> None:
    with pytest.raises(ValidationError, match="ISO 4217") as info:
        Currency(code)
    assert info.value.problems[0].path == ""  # a scalar: reported where it is held
    assert info.value.value == code


def test_money_keeps_the_amount_exactly() -> None:
    m = Money("12.345", "USD")
    assert m.amount == Decimal("12.345")
    assert repr(m) == "Money('12.345', 'USD')"
    assert str(m) == "12.345 USD"
    assert str(Money("12.5", "USD")) == "12.50 USD"
    assert str(Money(7, "JPY")) == "7 JPY"


def test_float_money_is_refused_with_advice() -> None:
    with pytest.raises(ValidationError) as info:
        Money(0.1, "USD")
    assert info.value.path == "amount"
    assert info.value.value == 0.1
    assert "float is not accepted" in str(info.value)
    assert "'0.1'" in str(info.value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("NaN", "not a decimal number"),
        ("Infinity", "not a decimal number"),
        (Decimal("NaN"), "finite"),
        (Decimal("-Infinity"), "finite"),
        ("1e400", "not a decimal number"),
        ("１", "not a decimal number"),
        ("1,234.50", "not a decimal number"),
        (True, "bool"),
        (None, "expected a number"),
        ([1], "expected a number"),
        (10**15, "magnitude"),
        ("0.0000000000001", "decimal places"),
    ],
)
def test_bad_amounts_refused(value: object, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Money(value, "USD")


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as info:
        Money("abc", "XYZ")
    assert [p.path for p in info.value.problems] == ["amount", "currency"]
    assert str(info.value).startswith("2 problems: amount:")


def test_rounding_is_half_up_by_default() -> None:
    # costing.md §7: 97.625 is 97.63 on the invoice, 97.62 under Python's half-even.
    assert Money("97.625", "USD").rounded() == Money("97.63", "USD")
    assert Money("97.625", "USD").rounded(ROUND_HALF_EVEN) == Money("97.62", "USD")
    assert Money("1234.5", "JPY").rounded() == Money("1235", "JPY")
    assert Money("1.2345", "KWD").rounded() == Money("1.235", "KWD")
    assert Money("-0.005", "USD").rounded() == Money("-0.01", "USD")


def test_quantize_for_unit_prices() -> None:
    assert Money("4.198349", "USD").quantize(2) == Money("4.20", "USD")
    assert Money("4.198349", "USD").quantize(4) == Money("4.1983", "USD")
    with pytest.raises(ValidationError, match="places"):
        Money("1", "USD").quantize(9)


def test_arithmetic_within_one_currency() -> None:
    a, b = Money("10.10", "USD"), Money("0.20", "USD")
    assert a + b == Money("10.30", "USD")
    assert a - b == Money("9.90", "USD")
    assert a * 3 == Money("30.30", "USD")
    assert 3 * a == Money("30.30", "USD")
    assert a * Decimal("0.5") == Money("5.05", "USD")
    assert a / 2 == Money("5.05", "USD")
    assert -a == Money("-10.10", "USD")
    assert abs(-a) == a
    assert b < a
    assert a.ratio(b) == Decimal("50.5")
    assert Money.sum([a, b, b], "USD") == Money("10.50", "USD")
    assert Money.sum([], "EUR") == Money.zero("EUR")


def test_mixing_currencies_is_an_error() -> None:
    with pytest.raises(CurrencyMismatchError, match="cannot add EUR and USD"):
        Money("1", "USD") + Money("1", "EUR")
    with pytest.raises(CurrencyMismatchError, match="compare"):
        Money("1", "USD") < Money("1", "EUR")  # noqa: B015
    assert issubclass(CurrencyMismatchError, ExportDocsError)


def test_no_float_arithmetic_and_foreign_types_not_equal() -> None:
    with pytest.raises(ValidationError, match="float"):
        Money("1", "USD") * 1.5  # type: ignore[operator]
    with pytest.raises(ValidationError, match="zero"):
        Money("1", "USD") / 0
    assert Money("1", "USD") != Decimal(1)
    with pytest.raises(TypeError):
        Money("1", "USD") + 1  # type: ignore[operator]


def test_equal_amounts_with_different_exponents_are_equal() -> None:
    assert Money("12.5", "USD") == Money("12.50", "USD")
    assert hash(Money("12.5", "USD")) == hash(Money("12.50", "USD"))


def test_parse() -> None:
    assert Money.parse("USD 1234.50") == Money("1234.50", "USD")
    assert Money.parse("1234.50 eur") == Money("1234.50", "EUR")
    with pytest.raises(ValidationError):
        Money.parse("USD")
    with pytest.raises(ValidationError):
        Money.parse(None)


def test_allocate_examples() -> None:
    assert Money("100.00", "USD").allocate([1, 1, 1]) == (
        Money("33.34", "USD"),
        Money("33.33", "USD"),
        Money("33.33", "USD"),
    )
    assert Money("6500.00", "CNY").allocate([2, 1, 1, 0]) == (
        Money("3250.00", "CNY"),
        Money("1625.00", "CNY"),
        Money("1625.00", "CNY"),
        Money("0.00", "CNY"),
    )
    assert Money("10", "JPY").allocate([1, 2]) == (Money("3", "JPY"), Money("7", "JPY"))
    assert Money("-0.01", "USD").allocate([0, 1, 1]) == (
        Money("0.00", "USD"),
        Money("-0.01", "USD"),
        Money("0.00", "USD"),
    )
    with pytest.raises(ValidationError, match="round the amount"):
        Money("1.005", "USD").allocate([1])
    with pytest.raises(ValidationError, match="all be zero"):
        Money("1.00", "USD").allocate([0, 0])


@given(
    total=amounts,
    weights=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=30).filter(
        any
    ),
)
def test_allocate_always_sums_back(total: Decimal, weights: list[int]) -> None:
    money = Money(total, "USD")
    shares = money.allocate(weights)
    assert Money.sum(shares, "USD") == money
    assert all(s.is_rounded for s in shares)
    assert all(s == Money.zero("USD") for s, w in zip(shares, weights, strict=True) if w == 0)


@given(a=amounts, b=amounts)
def test_addition_is_exact(a: Decimal, b: Decimal) -> None:
    assert (Money(a, "USD") + Money(b, "USD")).amount == a + b


def test_error_shows_a_converted_number_as_the_figure() -> None:
    from exportdocs.exceptions import Problem

    assert str(Problem("quantity", Decimal("0"), "must be greater than zero")) == (
        "quantity: must be greater than zero (got 0)"
    )
    assert str(Problem("quantity", "0", "must be greater than zero")) == (
        "quantity: must be greater than zero (got '0')"
    )
    from exportdocs import amount_in_words

    with pytest.raises(ValidationError) as exc:
        amount_in_words(Money("-0.50", "USD"))
    assert str(exc.value) == "money: amounts in words must not be negative (got -0.50)"


def test_negative_zero_is_zero_and_huge_numbers_are_refused_plainly() -> None:
    # Issue 13, items 13, 15 and 16: "-0" printed -0.00; a million-digit number raised
    # decimal.Overflow or advised sys.set_int_max_str_digits().
    from exportdocs._validation import to_decimal

    zero = Money("-0", "USD")
    assert str(zero.amount) == "0"
    assert not zero.amount.is_signed()
    with pytest.raises(ValidationError, match="too long for a number"):
        Money("9" * 1_000_000, "USD")
    with pytest.raises(ValidationError, match=r"magnitude must be below .*over 300 digits"):
        to_decimal(10**100_000)
