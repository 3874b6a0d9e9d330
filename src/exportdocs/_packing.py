"""Packing: how a product is packed in export cartons.

A :class:`Packing` gives the units per carton, the carton's outer :class:`Dimensions`
and the weights. Weights are kilograms and dimensions centimetres, kept as exact
Decimals; totals are computed from unrounded values and rounded once (N.W./G.W. to 2
decimals, CBM to 3), so the packing list, invoice and B/L agree. How the cartons of a
contract are numbered and added up is the packing plan's business (:class:`PackingPlan`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from exportdocs._validation import (
    check,
    collecting,
    fail,
    to_decimal,
    to_non_negative,
    to_positive,
)

__all__ = ["Dimensions", "Packing"]

CM3_PER_M3 = Decimal(1_000_000)


def positive_whole(value: int | str | Decimal, what: str = "a whole number", why: str = "") -> int:
    """A whole number above zero, from an int or an exact decimal (``"24"``, ``Decimal(24)``).

    ``what`` names the expected value and ``why`` is added to the whole-number refusal.
    """
    if isinstance(value, bool) or not isinstance(value, (int, str, Decimal)):
        raise fail(f"expected {what}, not {type(value).__name__}", value)
    number = to_decimal(value)
    if number != number.to_integral_value():
        raise fail(f"must be a whole number{why}", value)
    if number <= 0:
        raise fail("must be greater than zero", value)
    return int(number)


@attrs.frozen(field_transformer=collecting)
class Dimensions:
    """Outer carton dimensions, length × width × height in centimetres.

    >>> Dimensions(50, 40, 30).cbm
    Decimal('0.06')
    """

    length: Decimal = attrs.field(converter=to_positive)
    width: Decimal = attrs.field(converter=to_positive)
    height: Decimal = attrs.field(converter=to_positive)

    def __attrs_post_init__(self) -> None:
        check(self)

    @property
    def cbm(self) -> Decimal:
        """Volume in cubic metres, unrounded."""
        return self.length * self.width * self.height / CM3_PER_M3

    @property
    def cm3(self) -> Decimal:
        """Volume in cubic centimetres."""
        return self.length * self.width * self.height

    def __str__(self) -> str:
        return f"{self.length:f}×{self.width:f}×{self.height:f} CM"


def to_dimensions(value: Dimensions | Sequence[Decimal | int | str]) -> Dimensions:
    """Dimensions from themselves or ``(length, width, height)`` in cm; a field converter."""
    if isinstance(value, Dimensions):
        return value
    if isinstance(value, (tuple, list)) and len(value) == 3:
        return Dimensions(*value)
    raise fail("expected Dimensions or (length, width, height) in cm", value)


@attrs.frozen(field_transformer=collecting)
class Packing:
    """How one product is packed: units per carton, carton size and weights.

    ``net_weight_per_unit`` is the goods alone; ``tare_per_carton`` is the carton
    and inner packing. When a supplier gives N.W./G.W. per full carton instead,
    use :meth:`from_carton_weights`.

    >>> p = Packing(24, Dimensions(50, 40, 30), net_weight_per_unit="0.35", tare_per_carton="0.90")
    >>> p.net_weight_per_carton, p.gross_weight_per_carton
    (Decimal('8.40'), Decimal('9.30'))
    """

    units_per_carton: int = attrs.field(converter=positive_whole)
    carton: Dimensions = attrs.field(converter=to_dimensions)
    net_weight_per_unit: Decimal = attrs.field(converter=to_positive)
    tare_per_carton: Decimal = attrs.field(default=Decimal(0), converter=to_non_negative)

    def __attrs_post_init__(self) -> None:
        check(self)

    @classmethod
    def from_carton_weights(
        cls,
        units_per_carton: int,
        carton: Dimensions | Sequence[Decimal | int | str],
        net_weight_per_carton: Decimal | int | str,
        gross_weight_per_carton: Decimal | int | str,
    ) -> Packing:
        """Build from N.W. and G.W. of one full carton.

        N.W. per unit = N.W. per carton ÷ units per carton, kept at full Decimal
        precision; tare = G.W. − N.W. A full carton then weighs exactly what was given.
        """
        units = positive_whole(units_per_carton)
        nw = to_decimal(net_weight_per_carton, "net_weight_per_carton")
        gw = to_decimal(gross_weight_per_carton, "gross_weight_per_carton")
        if nw <= 0:
            raise fail("must be greater than zero", net_weight_per_carton, "net_weight_per_carton")
        if gw < nw:
            raise fail(
                f"G.W. per carton must be at least the N.W. ({nw} kg)",
                gross_weight_per_carton,
                "gross_weight_per_carton",
            )
        return cls(units, carton, nw / units, gw - nw)

    @property
    def net_weight_per_carton(self) -> Decimal:
        """N.W. of a full carton in kg, unrounded."""
        return self.net_weight_per_unit * self.units_per_carton

    @property
    def gross_weight_per_carton(self) -> Decimal:
        """G.W. of a full carton in kg, unrounded."""
        return self.net_weight_per_carton + self.tare_per_carton

    @property
    def cbm_per_carton(self) -> Decimal:
        """Volume of one carton in m³, unrounded."""
        return self.carton.cbm
