"""Money: an exact ``Decimal`` amount in one ISO 4217 currency.

Amounts keep full precision until you round them, and rounding is always
explicit: :meth:`Money.rounded` rounds to the currency's minor unit (USD 2,
JPY 0, KWD 3) with ``ROUND_HALF_UP`` unless told otherwise, because that is the
rule trade documents follow (Python's own default, half-even, rounds 97.625 to
97.62 where an invoice shows 97.63). Arithmetic mixes no currencies and takes no
floats.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import ClassVar

import attrs
from babel.numbers import get_currency_precision

from exportdocs._validation import MAX_DECIMAL, check, collecting, fail, to_decimal
from exportdocs.exceptions import CurrencyMismatchError, Problem, ValidationError

__all__ = ["Currency", "Money"]

#: pycountry lists these ISO 4217 codes, but they are funds, metals or testing codes,
#: not currencies a contract is priced in.
_NOT_FOR_CONTRACTS = frozenset(
    {
        "XAG",
        "XAU",
        "XPD",
        "XPT",
        "XBA",
        "XBB",
        "XBC",
        "XBD",
        "XDR",
        "XSU",
        "XTS",
        "XUA",
        "XXX",
        "BOV",
        "CHE",
        "CHW",
        "CLF",
        "COU",
        "MXV",
        "USN",
        "UYI",
        "UYW",
    }
)


@functools.lru_cache(maxsize=512)
def _currency_data(code: str) -> tuple[str, str, int]:
    """Return (name, numeric, minor units) for an ISO 4217 code, or raise."""
    import pycountry  # on first use of a currency code: its import reads package metadata

    record = pycountry.currencies.get(alpha_3=code)
    if record is None or code in _NOT_FOR_CONTRACTS:
        raise fail("unknown ISO 4217 currency code", code, "")
    return str(record.name), str(getattr(record, "numeric", "")), int(get_currency_precision(code))


def _currency_code(value: Currency | str) -> str:
    if isinstance(value, Currency):
        return value.code
    if not isinstance(value, str):
        raise fail(f"expected an ISO 4217 code such as 'USD', not {type(value).__name__}", value)
    code = value.strip().upper()
    if len(code) != 3 or not code.isascii() or not code.isalpha():
        raise fail("expected a three-letter ISO 4217 code such as 'USD'", value)
    try:
        _currency_data(code)
    except ValidationError:
        raise fail("unknown ISO 4217 currency code", value) from None
    return code


@attrs.frozen(repr=False, field_transformer=collecting)
class Currency:
    """An ISO 4217 currency, validated against pycountry.

    Minor units come from the Unicode CLDR (through babel), which agrees with
    ISO 4217 for every currency used in trade.

    >>> Currency("usd")
    Currency('USD')
    >>> Currency("JPY").minor_units, Currency("KWD").minor_units
    (0, 3)
    """

    code: str = attrs.field(converter=_currency_code)

    #: Problems are reported at the path of the field holding the currency.
    __scalar__: ClassVar[bool] = True

    def __attrs_post_init__(self) -> None:
        check(self)

    @property
    def name(self) -> str:
        """English name, e.g. ``"US Dollar"``."""
        return _currency_data(self.code)[0]

    @property
    def numeric(self) -> str:
        """ISO 4217 numeric code, e.g. ``"840"``."""
        return _currency_data(self.code)[1]

    @property
    def minor_units(self) -> int:
        """Digits after the decimal point in the currency's smallest unit."""
        return _currency_data(self.code)[2]

    @property
    def quantum(self) -> Decimal:
        """The smallest unit as a Decimal exponent: ``Decimal('0.01')`` for USD."""
        return _QUANTA[self.minor_units]

    def __repr__(self) -> str:
        return f"Currency({self.code!r})"

    def __str__(self) -> str:
        return self.code


_QUANTA = {n: Decimal(1).scaleb(-n) for n in range(5)}


@functools.lru_cache(maxsize=512)
def _cached_currency(code: str) -> Currency:
    return Currency(code)


def to_currency(value: Currency | str) -> Currency:
    """A Currency from itself or its code (ValidationError otherwise); codes are cached."""
    if isinstance(value, Currency):
        return value
    return _cached_currency(_currency_code(value))


@attrs.frozen(repr=False, order=False, field_transformer=collecting)
class Money:
    """An exact amount of one currency.

    Build it from a ``Decimal``, an ``int`` or a decimal string; a ``float`` is
    refused with a ValidationError, because ``0.1`` as a float is not 0.1.
    The amount is kept exactly as given; :meth:`rounded` gives the amount in the
    currency's minor unit.

    >>> Money("12.5", "usd")
    Money('12.5', 'USD')
    >>> print(Money("12.5", "USD").rounded())
    12.50 USD
    >>> Money("0.10", "USD") * 3 == Money("0.30", "USD")
    True
    """

    amount: Decimal = attrs.field(converter=to_decimal)
    currency: Currency = attrs.field(converter=to_currency)

    def __attrs_post_init__(self) -> None:
        check(self)

    # -- named constructors -------------------------------------------------------

    @classmethod
    def zero(cls, currency: Currency | str) -> Money:
        """Zero in ``currency``."""
        if isinstance(currency, Currency):
            return cls._unchecked(Decimal(0), currency)
        return cls(Decimal(0), currency)

    @classmethod
    def parse(cls, text: str) -> Money:
        """Read ``"USD 12.50"`` or ``"12.50 USD"``.

        >>> Money.parse("USD 1234.50")
        Money('1234.50', 'USD')
        """
        if not isinstance(text, str):
            raise fail(f"expected text like 'USD 12.50', not {type(text).__name__}", text)
        parts = text.split()
        if len(parts) != 2:
            raise fail("expected an amount and a currency code, like 'USD 12.50'", text)
        first, second = parts
        if first.isalpha():
            return cls(second, first)
        return cls(first, second)

    @classmethod
    def sum(cls, values: Iterable[Money], currency: Currency | str) -> Money:
        """Add up ``values``, all in ``currency`` (zero when empty)."""
        total = cls.zero(currency)
        amount = total.amount
        for value in values:
            if not isinstance(value, Money):
                raise fail(f"expected Money, not {type(value).__name__}", value, "values")
            total._same(value, "add")
            amount += value.amount
        return cls._unchecked(amount, total.currency)

    @classmethod
    def _unchecked(cls, amount: Decimal, currency: Currency) -> Money:
        """Money from values the library has just computed from valid Money.

        Skips re-validation (type, finiteness, places) for hot paths such as
        allocation and costing; the magnitude is still checked, and anything out of
        range goes through the validating constructor to raise its usual error.
        """
        if not -MAX_DECIMAL < amount < MAX_DECIMAL:
            return cls(amount, currency)
        money = object.__new__(cls)
        object.__setattr__(money, "amount", amount)
        object.__setattr__(money, "currency", currency)
        return money

    # -- rounding -----------------------------------------------------------------

    def rounded(self, rounding: str = ROUND_HALF_UP) -> Money:
        """Round to the currency's minor unit (half-up by default).

        >>> Money("97.625", "USD").rounded()
        Money('97.63', 'USD')
        >>> Money("1234.5", "JPY").rounded()
        Money('1235', 'JPY')
        """
        return Money(self.amount.quantize(self.currency.quantum, rounding=rounding), self.currency)

    def quantize(self, places: int, rounding: str = ROUND_HALF_UP) -> Money:
        """Round to ``places`` decimal places (unit prices are often quoted to 3 or 4)."""
        if not isinstance(places, int) or isinstance(places, bool) or not 0 <= places <= 8:
            raise fail("places must be an int from 0 to 8", places, "places")
        return Money(
            self.amount.quantize(Decimal(1).scaleb(-places), rounding=rounding), self.currency
        )

    @property
    def is_rounded(self) -> bool:
        """True when the amount has no digits below the currency's minor unit."""
        return self.amount == self.amount.quantize(self.currency.quantum, rounding=ROUND_DOWN)

    def allocate(self, weights: Sequence[Decimal | int]) -> tuple[Money, ...]:
        """Split this (rounded) amount in proportion to ``weights``, exactly.

        Each share is rounded down to the minor unit, then the cents left over go
        one at a time to the shares with the largest remainders (ties: the earliest).
        The shares always add up to the amount.

        >>> [str(m) for m in Money("100.00", "USD").allocate([1, 1, 1])]
        ['33.34 USD', '33.33 USD', '33.33 USD']
        """
        if not self.is_rounded:
            raise fail("round the amount before allocating it", self, "amount")
        ws = [to_decimal(w, f"weights[{i}]") for i, w in enumerate(weights)]
        if not ws:
            raise fail("at least one weight is needed", list(weights), "weights")
        if any(w < 0 for w in ws):
            raise fail("weights must not be negative", list(weights), "weights")
        total_weight = sum(ws, Decimal(0))
        if total_weight == 0:
            raise fail("weights must not all be zero", list(weights), "weights")
        quantum = self.currency.quantum
        # Split the magnitude, then restore the sign, so that a negative amount is
        # split exactly like its positive twin.
        magnitude = abs(self.amount)
        exact = [magnitude * w / total_weight for w in ws]
        shares = [e.quantize(quantum, rounding=ROUND_DOWN) for e in exact]
        left = int((magnitude - sum(shares, Decimal(0))) / quantum)
        order = sorted(range(len(ws)), key=lambda i: (-(exact[i] - shares[i]), i))
        for i in order[:left]:
            shares[i] += quantum
        if self.amount < 0:
            shares = [-s for s in shares]
        return tuple(Money._unchecked(s, self.currency) for s in shares)

    # -- arithmetic ---------------------------------------------------------------

    def _same(self, other: Money, op: str) -> None:
        if other.currency is not self.currency and other.currency != self.currency:
            raise CurrencyMismatchError(
                [
                    Problem(
                        "currency",
                        other.currency.code,
                        f"cannot {op} {other.currency.code} and {self.currency.code} amounts; "
                        "convert one with an exchange rate first",
                    )
                ]
            )

    def __add__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "add")
        # A sum has no more decimal places than its terms, so it is as valid as they
        # are: only the magnitude needs checking (``_unchecked`` does).
        return Money._unchecked(self.amount + other.amount, self.currency)

    def __sub__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "subtract")
        return Money._unchecked(self.amount - other.amount, self.currency)

    def __mul__(self, factor: object) -> Money:
        if isinstance(factor, (Decimal, int)) and not isinstance(factor, bool):
            return Money(self.amount * factor, self.currency)
        if isinstance(factor, float):
            raise fail("cannot multiply money by a float; use a Decimal", factor, "factor")
        return NotImplemented

    __rmul__ = __mul__

    def __truediv__(self, divisor: object) -> Money:
        if isinstance(divisor, (Decimal, int)) and not isinstance(divisor, bool):
            if divisor == 0:
                raise fail("cannot divide money by zero", divisor, "divisor")
            return Money(self.amount / divisor, self.currency)
        if isinstance(divisor, float):
            raise fail("cannot divide money by a float; use a Decimal", divisor, "divisor")
        return NotImplemented

    def ratio(self, other: Money) -> Decimal:
        """``self / other`` as a plain Decimal (both in one currency)."""
        self._same(other, "divide")
        if other.amount == 0:
            raise fail("cannot divide by a zero amount", other, "other")
        return self.amount / other.amount

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return Money(abs(self.amount), self.currency)

    def __bool__(self) -> bool:
        return bool(self.amount)

    def _cmp(self, other: object, op: str) -> Decimal | None:
        if not isinstance(other, Money):
            return None
        self._same(other, "compare")
        return self.amount - other.amount

    def __lt__(self, other: object) -> bool:
        d = self._cmp(other, "<")
        return NotImplemented if d is None else d < 0

    def __le__(self, other: object) -> bool:
        d = self._cmp(other, "<=")
        return NotImplemented if d is None else d <= 0

    def __gt__(self, other: object) -> bool:
        d = self._cmp(other, ">")
        return NotImplemented if d is None else d > 0

    def __ge__(self, other: object) -> bool:
        d = self._cmp(other, ">=")
        return NotImplemented if d is None else d >= 0

    # -- text ---------------------------------------------------------------------

    def __repr__(self) -> str:
        return f"Money({str(self.amount)!r}, {self.currency.code!r})"

    def __str__(self) -> str:
        """Canonical text: at least the minor unit's digits, no grouping: ``1234.50 USD``."""
        amount = self.amount
        exponent = amount.as_tuple().exponent
        if isinstance(exponent, int) and -exponent < self.currency.minor_units:
            amount = amount.quantize(self.currency.quantum)
        return f"{amount:f} {self.currency.code}"

    def _repr_html_(self) -> str:
        return f"<code>{self}</code>"
