"""Products and contract lines: HS codes, discounts, and line amounts rounded once.

A :class:`Product` is what the seller offers (item no., description, unit, HS
code, packing, prices); a :class:`LineItem` is how much of it one contract sells
at what price. The line amount is quantity × unit price, computed from the unit
price exactly as quoted (cheap goods are priced to 3 or 4 decimals) and rounded
half-up to the currency's minor unit once per line, so the PI, the commercial
invoice and the amount in words agree to the cent.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import ClassVar

import attrs
from attrs.converters import optional

from exportdocs._country import Country, to_country
from exportdocs._money import Currency, Money
from exportdocs._packing import Packing
from exportdocs._units import Unit, to_unit
from exportdocs._validation import (
    check,
    collecting,
    expect,
    fail,
    to_decimal,
    to_positive,
    to_text,
)
from exportdocs.exceptions import CurrencyMismatchError, Problem, ValidationError

__all__ = ["Discount", "HSCode", "LineItem", "Product"]

#: Wide enough that quantity × unit price (each below 10**15, with at most 3 and
#: 6 decimals) and a percentage of it are exact before the one rounding.
_CTX = Context(prec=60, rounding=ROUND_HALF_UP)
#: Decimals a unit price or list price may carry (USD 0.0385 a piece is normal).
_PRICE_PLACES = 6
#: Decimals a measured quantity may carry (grams of a KGS quantity).
_MEASURED_PLACES = 3
_HUNDRED = Decimal(100)
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")


def _places(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


# -- HS code -------------------------------------------------------------------------

_HS_SEPARATORS_RE = re.compile(r"[ .\-]")


def _hs_digits(value: HSCode | str) -> str:
    if isinstance(value, HSCode):
        return value.digits
    if isinstance(value, int) and not isinstance(value, bool):
        raise fail(
            "an HS code must be given as text, not an int: leading zeros matter "
            "(chapter 03 fish, 0302.11 as an int would read 30211); pass '9405.42.00'",
            value,
        )
    if not isinstance(value, str):
        raise fail(f"expected an HS code such as '9405.42.00', not {type(value).__name__}", value)
    if len(value) > 40:
        raise fail("not an HS code (longer than 40 characters)", value)
    digits = _HS_SEPARATORS_RE.sub("", value.strip())
    if not digits:
        raise fail("must not be empty", value)
    if not (digits.isascii() and digits.isdigit()):
        raise fail(
            "an HS code holds only the digits 0-9, optionally grouped with dots, spaces or "
            "dashes, e.g. '9405.42.00'",
            value,
        )
    if not 6 <= len(digits) <= 10:
        raise fail(
            f"an HS code has 6 to 10 digits (6 international, 8-10 national), not {len(digits)}",
            value,
        )
    if digits[:2] == "00":
        raise fail("HS chapter 00 does not exist (chapters run from 01 to 97)", value)
    return digits


@attrs.frozen(repr=False, field_transformer=collecting)
class HSCode:
    """A Harmonized System code: 6 international digits, up to 10 with national ones.

    Given as text with or without dots, spaces or dashes; an ``int`` is refused
    because it loses leading zeros. China declares 10 digits, the EU 8 (CN) or
    10 (TARIC), the US 10 (HTS); the first 6 are the same everywhere.

    >>> HSCode("9405 42 00"), str(HSCode("940542")), HSCode("9405-42-00-10").formatted
    (HSCode('94054200'), '9405.42', '9405.42.00.10')
    >>> code = HSCode("9405.42.00")
    >>> code.chapter, code.heading, code.subheading
    ('94', '9405', '940542')
    """

    digits: str = attrs.field(converter=_hs_digits)

    #: Problems are reported at the path of the field holding the code.
    __scalar__: ClassVar[bool] = True

    def __attrs_post_init__(self) -> None:
        check(self)

    @property
    def chapter(self) -> str:
        """The first 2 digits (chapter 94: furniture, lighting...)."""
        return self.digits[:2]

    @property
    def heading(self) -> str:
        """The first 4 digits."""
        return self.digits[:4]

    @property
    def subheading(self) -> str:
        """The first 6 digits: the international HS subheading."""
        return self.digits[:6]

    @property
    def formatted(self) -> str:
        """Dotted: ``9405.42``, ``9405.42.00``, ``9405.42.00.10`` (9 digits: ``9405.42.00.1``)."""
        d = self.digits
        groups = [d[:4], d[4:6], d[6:8], d[8:10]]
        return ".".join(g for g in groups if g)

    def __repr__(self) -> str:
        return f"HSCode({self.digits!r})"

    def __str__(self) -> str:
        return self.formatted


def _to_hs_code(value: HSCode | str) -> HSCode:
    return value if isinstance(value, HSCode) else HSCode(value)


# -- product -------------------------------------------------------------------------


def _item_no(value: str) -> str:
    text = to_text(value, max_length=40)
    if "\n" in text or "\r" in text:
        raise fail("an item number is one line", value)
    return text


def _description(value: str) -> str:
    return to_text(value, max_length=2000)


def _specification(value: str) -> str:
    return to_text(value, max_length=1000)


def _packing(value: Packing) -> Packing:
    return expect(Packing, value)


def _image(value: str | os.PathLike[str]) -> str:
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        raise fail(f"expected a path to a PNG or JPEG file, not {type(value).__name__}", value)
    path = to_text(value, max_length=1024)
    if not path.lower().endswith(_IMAGE_SUFFIXES):
        raise fail("a product image must be a PNG or JPEG file (.png, .jpg, .jpeg)", value)
    return path


def _price(value: Money | str, *, allow_zero: bool) -> Money:
    """A unit price: Money (or 'USD 4.20'), not negative, at most 6 decimals."""
    if isinstance(value, str):
        try:
            value = Money.parse(value)
        except ValidationError as exc:
            reasons = "; ".join(p.message for p in exc.problems)
            raise fail(f"not a price like 'USD 4.20': {reasons}", value) from None
    if not isinstance(value, Money):
        hint = (
            "binary floats cannot hold most prices exactly; "
            if isinstance(value, float)
            else "a price needs a currency; "
        )
        raise fail(
            f"expected Money, not {type(value).__name__}: {hint}"
            "give Money('4.20', 'USD') or 'USD 4.20'",
            value,
        )
    if value.amount < 0 or (not allow_zero and value.amount == 0):
        raise fail("must not be negative" if allow_zero else "must be greater than zero", value)
    if _places(value.amount) > _PRICE_PLACES:
        raise fail(f"a price may carry at most {_PRICE_PLACES} decimals", value)
    return value


def _list_price(value: Money | str) -> Money:
    return _price(value, allow_zero=False)


def _quantity_places(number: Decimal, unit: Unit) -> str | None:
    """Why ``number`` is not a valid quantity of ``unit``, or None."""
    if unit.counted and number != number.to_integral_value():
        return f"{unit.value} are counted: the quantity must be a whole number"
    if not unit.counted and _places(number) > _MEASURED_PLACES:
        return f"a quantity in {unit.value} may carry at most {_MEASURED_PLACES} decimals"
    return None


def _made_in_china() -> Country:
    # A factory, not a module-level Country("CN"): the lookup would import pycountry
    # (~25 ms) when exportdocs is imported.
    return Country("CN")


@attrs.frozen(field_transformer=collecting)
class Product:
    """A product as the seller offers it: item no., description, unit, HS code, packing.

    ``moq`` (minimum order quantity) is in the product's unit. ``list_price`` is
    the lowest price the sales team may quote without approval. ``image`` is a
    path to a PNG or JPEG photo, checked when a document is rendered.

    >>> p = Product("BW-A60-9", "LED bulb A60, E27, 9 W", hs_code="8539.52.00", moq="1000")
    >>> p.unit, p.hs_code, p.origin, p.moq
    (<Unit.PCS: 'PCS'>, HSCode('85395200'), Country('CN'), Decimal('1000'))
    """

    item_no: str = attrs.field(converter=_item_no)
    description: str = attrs.field(converter=_description)
    unit: Unit = attrs.field(default=Unit.PCS, converter=to_unit)
    hs_code: HSCode | None = attrs.field(default=None, converter=optional(_to_hs_code))
    packing: Packing | None = attrs.field(default=None, converter=optional(_packing))
    description_zh: str | None = attrs.field(default=None, converter=optional(_description))
    specification: str | None = attrs.field(default=None, converter=optional(_specification))
    image: str | None = attrs.field(default=None, converter=optional(_image))
    moq: Decimal | None = attrs.field(default=None, converter=optional(to_positive))
    list_price: Money | None = attrs.field(default=None, converter=optional(_list_price))
    origin: Country = attrs.field(factory=_made_in_china, converter=to_country)

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)

    def _cross(self) -> Iterator[Problem]:
        if self.moq is not None:
            reason = _quantity_places(self.moq, self.unit)
            if reason is not None:
                yield Problem("moq", self.moq, reason)


# -- discount ------------------------------------------------------------------------


def _percentage(value: Decimal | int | str) -> Decimal:
    number = to_decimal(value)
    if not 0 < number < _HUNDRED:
        raise fail("a percentage discount must be more than 0 and less than 100", value)
    return number


def _fixed_amount(value: Money) -> Money:
    if not isinstance(value, Money):
        raise fail(
            f"expected Money such as Money('50.00', 'USD'), not {type(value).__name__}", value
        )
    if value.amount <= 0:
        raise fail("a fixed discount must be greater than zero", value)
    if not value.is_rounded:
        raise fail(
            f"a fixed discount is an amount in whole {value.currency.code} minor units "
            f"({value.currency.minor_units} decimals)",
            value,
        )
    return value


@attrs.frozen(repr=False, field_transformer=collecting)
class Discount:
    """A line discount: a percentage of the gross amount or a fixed amount off.

    Build one with :meth:`percent` or :meth:`fixed`. :meth:`amount_for` gives the
    amount taken off a gross line amount, rounded half-up to the minor unit.

    >>> Discount.percent("5").amount_for(Money("21000.00", "USD"))
    Money('1050.00', 'USD')
    >>> Discount.fixed(Money("50", "USD"))
    Discount.fixed(Money('50', 'USD'))
    """

    percentage: Decimal | None = attrs.field(default=None, converter=optional(_percentage))
    fixed_amount: Money | None = attrs.field(default=None, converter=optional(_fixed_amount))

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)

    def _cross(self) -> Iterator[Problem]:
        if (self.percentage is None) == (self.fixed_amount is None):
            yield Problem(
                "",
                (self.percentage, self.fixed_amount),
                "give either a percentage or a fixed amount, not both or neither",
            )

    @classmethod
    def percent(cls, percentage: Decimal | int | str) -> Discount:
        """A discount of ``percentage`` % (more than 0, less than 100) of the gross amount."""
        return cls(percentage=percentage)

    @classmethod
    def fixed(cls, amount: Money) -> Discount:
        """A fixed amount off the line, in the line's currency."""
        return cls(fixed_amount=amount)

    def amount_for(self, gross: Money) -> Money:
        """The amount this discount takes off ``gross``, rounded half-up to the minor unit.

        Raises CurrencyMismatchError when a fixed discount is in another currency,
        and ValidationError when it is larger than ``gross``.
        """
        if not isinstance(gross, Money):
            raise fail(f"expected Money, not {type(gross).__name__}", gross, "gross")
        if gross.amount < 0:
            raise fail("the gross amount must not be negative", gross, "gross")
        if self.fixed_amount is not None:
            fixed = self.fixed_amount
            if fixed.currency != gross.currency:
                raise CurrencyMismatchError(
                    [
                        Problem(
                            "fixed_amount",
                            fixed,
                            f"a fixed discount in {fixed.currency.code} cannot reduce a "
                            f"{gross.currency.code} amount; give it in {gross.currency.code}",
                        )
                    ]
                )
            if fixed > gross:
                raise fail(
                    f"a fixed discount of {fixed} is larger than the gross amount {gross}",
                    fixed,
                    "fixed_amount",
                )
            return fixed
        assert self.percentage is not None  # one of the two is set (checked at build)
        off = _CTX.divide(_CTX.multiply(gross.amount, self.percentage), _HUNDRED)
        return Money(off.quantize(gross.currency.quantum, context=_CTX), gross.currency)

    def __repr__(self) -> str:
        if self.fixed_amount is not None:
            return f"Discount.fixed({self.fixed_amount!r})"
        return f"Discount.percent({str(self.percentage)!r})"

    def __str__(self) -> str:
        if self.fixed_amount is not None:
            return f"{self.fixed_amount} off"
        return f"{self.percentage}% off"


# -- line item -----------------------------------------------------------------------


def _product(value: Product) -> Product:
    return expect(Product, value)


def _unit_price(value: Money | str) -> Money:
    return _price(value, allow_zero=True)


def _discount(value: Discount) -> Discount:
    if not isinstance(value, Discount):
        raise fail(
            f"expected a Discount such as Discount.percent('5'), not {type(value).__name__}",
            value,
        )
    return value


def _remarks(value: str) -> str:
    return to_text(value, max_length=500)


@attrs.frozen(field_transformer=collecting)
class LineItem:
    """One contract line: a quantity of a product at a unit price, less an optional discount.

    The amount is always computed from the unit price as given, never from a
    rounded unit price: ``gross_amount`` = quantity × unit price, rounded half-up
    to the currency's minor unit **once, per line**; ``amount`` = gross amount −
    discount. Contract totals add up these rounded line amounts, as an invoice does.

    A counted unit (PCS, CTNS...) takes a whole quantity, a measured unit (KGS,
    MTRS...) up to 3 decimals. A unit price may carry up to 6 decimals (cheap goods
    are quoted to 3 or 4); zero is allowed for free-of-charge lines. Every problem
    is reported at once, unit price problems at the path ``unit_price``.

    >>> bulb = Product("BW-A60-9", "LED bulb A60, E27, 9 W")
    >>> line = LineItem(bulb, 1030, Money("0.3333", "USD"))
    >>> print(line.gross_amount, line.amount)
    343.30 USD 343.30 USD
    """

    product: Product = attrs.field(converter=_product)
    quantity: Decimal = attrs.field(converter=to_positive)
    unit_price: Money = attrs.field(converter=_unit_price)
    discount: Discount | None = attrs.field(default=None, converter=optional(_discount))
    remarks: str | None = attrs.field(default=None, converter=optional(_remarks))

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)
        if self.product.unit.counted and _places(self.quantity):
            # 1030.000 PCS prints as 1030 PCS.
            object.__setattr__(self, "quantity", self.quantity.quantize(Decimal(1)))

    def _cross(self) -> Iterator[Problem]:
        reason = _quantity_places(self.quantity, self.product.unit)
        if reason is not None:
            yield Problem("quantity", self.quantity, reason)
            return
        try:
            gross = self._gross()
        except ValidationError:
            yield Problem(
                "quantity",
                self.quantity,
                f"quantity × unit price {self.unit_price} is too large for one line",
            )
            return
        if self.discount is not None:
            try:
                self.discount.amount_for(gross)
            except ValidationError as exc:
                for problem in exc.problems:
                    yield Problem("discount", problem.value, problem.message)

    def _gross(self) -> Money:
        exact = _CTX.multiply(self.quantity, self.unit_price.amount)
        currency = self.unit_price.currency
        return Money._unchecked(exact.quantize(currency.quantum, context=_CTX), currency)

    @property
    def unit(self) -> Unit:
        """The product's unit."""
        return self.product.unit

    @property
    def currency(self) -> Currency:
        """The currency of the unit price (and of every amount of the line)."""
        return self.unit_price.currency

    @property
    def gross_amount(self) -> Money:
        """Quantity × unit price, rounded half-up to the minor unit (once)."""
        return self._gross()

    @property
    def discount_amount(self) -> Money:
        """The discount taken off the gross amount (zero when there is none)."""
        if self.discount is None:
            return Money.zero(self.currency)
        return self.discount.amount_for(self._gross())

    @property
    def amount(self) -> Money:
        """The line amount: gross amount − discount amount."""
        gross = self._gross()
        if self.discount is None:
            return gross
        return gross - self.discount.amount_for(gross)
