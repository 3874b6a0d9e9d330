"""Packing: how a product is packed in export cartons.

Weights are kilograms and dimensions centimetres, kept as exact Decimals; totals
are computed from unrounded values and rounded once (N.W./G.W. to 2 decimals,
CBM to 3), so the packing list, invoice and B/L agree.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from exportdocs._validation import check, fail, guard, to_decimal

__all__ = ["Dimensions", "Packing"]

_CM3_PER_M3 = Decimal(1_000_000)


def _positive(value: Any) -> Decimal:
    number = to_decimal(value)
    if number <= 0:
        raise fail("must be greater than zero", value)
    return number


def _non_negative(value: Any) -> Decimal:
    number = to_decimal(value)
    if number < 0:
        raise fail("must not be negative", value)
    return number


def _positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str, Decimal)):
        raise fail(f"expected a whole number, not {type(value).__name__}", value)
    number = to_decimal(value)
    if number != number.to_integral_value():
        raise fail("must be a whole number", value)
    if number <= 0:
        raise fail("must be greater than zero", value)
    return int(number)


def _positive_field(value: Any) -> Decimal:
    return guard(_positive, value)


def _non_negative_field(value: Any) -> Decimal:
    return guard(_non_negative, value)


def _positive_int_field(value: Any) -> int:
    return guard(_positive_int, value)


@attrs.frozen
class Dimensions:
    """Outer carton dimensions, length × width × height in centimetres.

    >>> Dimensions(50, 40, 30).cbm
    Decimal('0.06')
    """

    length: Decimal = attrs.field(converter=_positive_field)
    width: Decimal = attrs.field(converter=_positive_field)
    height: Decimal = attrs.field(converter=_positive_field)

    def __attrs_post_init__(self) -> None:
        check(self)

    @property
    def cbm(self) -> Decimal:
        """Volume in cubic metres, unrounded."""
        return self.length * self.width * self.height / _CM3_PER_M3

    @property
    def cm3(self) -> Decimal:
        """Volume in cubic centimetres."""
        return self.length * self.width * self.height

    def __str__(self) -> str:
        return f"{self.length:f}×{self.width:f}×{self.height:f} CM"


def _dimensions_field(value: Any) -> Dimensions:
    return guard(_dimensions, value)


def _dimensions(value: Any) -> Dimensions:
    if isinstance(value, Dimensions):
        return value
    if isinstance(value, (tuple, list)) and len(value) == 3:
        return Dimensions(*value)
    raise fail("expected Dimensions or (length, width, height) in cm", value)


@attrs.frozen
class Packing:
    """How one product is packed: units per carton, carton size and weights.

    ``net_weight_per_unit`` is the goods alone; ``tare_per_carton`` is the carton
    and inner packing. When a supplier gives N.W./G.W. per full carton instead,
    use :meth:`from_carton_weights`.

    >>> p = Packing(24, Dimensions(50, 40, 30), net_weight_per_unit="0.35", tare_per_carton="0.90")
    >>> p.net_weight_per_carton, p.gross_weight_per_carton
    (Decimal('8.40'), Decimal('9.30'))
    """

    units_per_carton: int = attrs.field(converter=_positive_int_field)
    carton: Dimensions = attrs.field(converter=_dimensions_field)
    net_weight_per_unit: Decimal = attrs.field(converter=_positive_field)
    tare_per_carton: Decimal = attrs.field(default=Decimal(0), converter=_non_negative_field)

    def __attrs_post_init__(self) -> None:
        check(self)

    @classmethod
    def from_carton_weights(
        cls,
        units_per_carton: int,
        carton: Dimensions | tuple[Any, Any, Any],
        net_weight_per_carton: Decimal | int | str,
        gross_weight_per_carton: Decimal | int | str,
    ) -> Packing:
        """Build from N.W. and G.W. of one full carton.

        N.W. per unit = N.W. per carton ÷ units per carton, kept at full Decimal
        precision; tare = G.W. − N.W. A full carton then weighs exactly what was given.
        """
        units = _positive_int(units_per_carton)
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
