"""Rates, the arithmetic context of the chain, and how figures are written.

Rates are ``Decimal`` fractions everywhere (``Decimal("0.13")`` is 13 %);
inputs also take a percent string (``"13%"``). A bare number above 1 is
refused as ambiguous (does ``13`` mean 13 % or 1,300 %?), and so is every
``int`` but ``0`` and every ``float``.

Precision: full ``Decimal`` precision (28 significant digits, in a fixed local
context, :data:`CONTEXT`) through the chain; only the quoted unit price is rounded
(half-up, to ``price_places``), line totals are the rounded unit price × quantity
rounded half-up to the currency's minor unit, and every figure of the cost sheet is
rounded half-up to the minor unit, line by line, as an invoice is. Unrounded
per-unit figures kept in results are stored to 12 decimal places (:func:`store`:
the most any model accepts, so a sheet read back from JSON is identical).
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal

from exportdocs._money import Money
from exportdocs._validation import MAX_PLACES, fail, to_decimal

__all__ = ["format_percent", "money_text", "parse_rate", "rate_text"]

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
_STORE = Decimal(1).scaleb(-MAX_PLACES)  # 12 places: what every model accepts back
#: The arithmetic context of the whole chain, whatever the caller's global context is.
CONTEXT = Context(prec=28, rounding=ROUND_HALF_EVEN)


def parse_rate(value: Decimal | int | str, path: str = "") -> Decimal:
    """Read a rate as a Decimal fraction: ``"13%"`` or ``Decimal("0.13")``.

    A bare number (``Decimal`` or a string without ``%``) is a fraction and
    must lie within −1 to 1: ``13`` could mean 13 % or 1,300 %, so it is refused;
    write ``"13%"``. ``int`` is refused for the same reason (except ``0``), and
    ``float`` always.

    >>> parse_rate("13%"), parse_rate(Decimal("0.13")), parse_rate("150%")
    (Decimal('0.13'), Decimal('0.13'), Decimal('1.5'))
    >>> parse_rate(13)
    Traceback (most recent call last):
    ...
    exportdocs.exceptions.ValidationError: an int rate is ambiguous (13 could mean 13% or 1300%); write '13%' or Decimal('0.13') (got 13)
    """
    if isinstance(value, int) and not isinstance(value, bool):
        if value == 0:
            return ZERO
        raise fail(
            f"an int rate is ambiguous ({value} could mean {value}% or {value * 100}%); "
            f"write '{value}%' or Decimal('{Decimal(value) / HUNDRED}')",
            value,
            path,
        )
    if isinstance(value, str) and value.strip().endswith("%"):
        number = to_decimal(value.strip()[:-1], path) / HUNDRED
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -MAX_PLACES:
            raise fail(f"more than {MAX_PLACES - 2} decimal places in a percentage", value, path)
        return number
    number = to_decimal(value, path)
    if abs(number) > ONE:
        raise fail(
            "a bare number above 1 is ambiguous as a rate; rates are fractions "
            f"(Decimal('0.13') is 13%): write '{number:f}%' if you mean {number:f} percent",
            value,
            path,
        )
    return number


def _share(value: Decimal | int | str, *, below_all: bool) -> Decimal:
    rate = parse_rate(value)
    if rate < ZERO or rate > ONE or (below_all and rate == ONE):
        top = f"below {format_percent(ONE)}" if below_all else f"at most {format_percent(ONE)}"
        raise fail(f"the rate must be from {format_percent(ZERO)} and {top}", value)
    return rate


def unit_rate(value: Decimal | int | str) -> Decimal:
    """A rate from 0 % to 100 % inclusive (VAT, the export rebate)."""
    return _share(value, below_all=False)


def open_rate(value: Decimal | int | str) -> Decimal:
    """A rate from 0 % and below 100 % (commission, bank charges, the approval threshold)."""
    return _share(value, below_all=True)


def format_percent(rate: Decimal | None, places: int = 2) -> str:
    """A fraction as a percentage string, rounded half-up: ``0.20019 → "20.02%"``.

    >>> format_percent(Decimal("0.0396847"))
    '3.97%'
    >>> format_percent(None)
    '—'
    """
    if rate is None:
        return "—"
    return f"{(rate * HUNDRED).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP):f}%"


def rate_text(rate: Decimal) -> str:
    """A rate as a percentage with 2 to 4 decimals and no padding zeros: ``0.30%``."""
    text = format_percent(rate, 4)[:-1]
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0").ljust(2, "0")
    return f"{whole}.{frac}%"


def money_text(money: Money) -> str:
    """``USD 3,150.00``: code first and grouped, as on the documents."""
    return f"{money.currency.code} {money.amount:,.{money.currency.minor_units}f}"


def store(value: Decimal) -> Decimal:
    """An unrounded figure kept in a result: 12 places, so it reads back from JSON."""
    return value.quantize(_STORE, ROUND_HALF_UP)


def store_optional(value: Decimal | None) -> Decimal | None:
    """:func:`store`, letting ``None`` (a ratio without a positive denominator) through."""
    return None if value is None else store(value)
