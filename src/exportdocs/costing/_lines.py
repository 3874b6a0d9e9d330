"""One product line as costing needs it: purchase price, VAT and rebate, volume and weight."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_CEILING, Decimal, localcontext

import attrs
from attrs.converters import optional

from exportdocs._money import Money
from exportdocs._packing import Packing
from exportdocs._units import Unit, to_unit
from exportdocs._validation import check, collecting, expect, to_non_negative, to_positive
from exportdocs.costing._checks import positive_money, to_label
from exportdocs.costing._rates import CONTEXT, ONE, ZERO, format_percent, unit_rate
from exportdocs.exceptions import Problem

__all__ = ["CostLine"]

_VAT = Decimal("0.13")


def _packing(value: Packing) -> Packing:
    return expect(Packing, value)


@attrs.frozen(kw_only=True, field_transformer=collecting)
class CostLine:
    """One product line of the order, as costing needs it.

    ``purchase_price`` is per unit, VAT included, in the home currency.
    ``rebate_rate`` is the export VAT rebate rate of the product's HS code, from
    0 to the VAT rate (default 0 %, the cautious choice: the rebate lowers the
    cost). Volume and weight (for allocating freight-like costs and estimating
    containers) come from ``packing`` (cartons = quantity ÷ units per carton,
    rounded up; G.W. = quantity × N.W. per unit + cartons × tare) or from
    explicit line totals ``cbm`` and ``gross_weight`` (kg), which win when given.
    ``list_price`` is the product's list price per unit for the rule quoted, in
    the quote currency; a lower price needs approval.

    >>> line = CostLine(reference="A1", quantity=5000, purchase_price="CNY 22.60",
    ...                 rebate_rate="13%", cbm="15")
    >>> line.real_cost
    Decimal('20.00')
    """

    reference: str = attrs.field(default="", converter=to_label)
    quantity: Decimal = attrs.field(converter=to_positive)
    unit: Unit = attrs.field(default=Unit.PCS, converter=to_unit)
    purchase_price: Money = attrs.field(converter=positive_money)
    vat_rate: Decimal = attrs.field(default=_VAT, converter=unit_rate)
    rebate_rate: Decimal = attrs.field(default=ZERO, converter=unit_rate)
    packing: Packing | None = attrs.field(default=None, converter=optional(_packing))
    cbm: Decimal | None = attrs.field(default=None, converter=optional(to_non_negative))
    gross_weight: Decimal | None = attrs.field(default=None, converter=optional(to_non_negative))
    list_price: Money | None = attrs.field(default=None, converter=optional(positive_money))

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)

    def _cross(self) -> Iterator[Problem]:
        if self.rebate_rate > self.vat_rate:
            yield Problem(
                "rebate_rate",
                self.rebate_rate,
                f"the export rebate cannot exceed the VAT rate ({format_percent(self.vat_rate)})",
            )

    @property
    def ex_vat_price(self) -> Decimal:
        """Purchase price without VAT (不含税价): ``P / (1 + v)``, unrounded."""
        with localcontext(CONTEXT):
            return self.purchase_price.amount / (ONE + self.vat_rate)

    @property
    def rebate(self) -> Decimal:
        """Export VAT refund per unit (出口退税额): ``P / (1 + v) × r``, unrounded."""
        with localcontext(CONTEXT):
            return self.ex_vat_price * self.rebate_rate

    @property
    def real_cost(self) -> Decimal:
        """Real cost per unit (实际成本): ``P − P / (1 + v) × r``, unrounded."""
        with localcontext(CONTEXT):
            return self.purchase_price.amount - self.rebate

    @property
    def cartons(self) -> int | None:
        """Cartons for the line from its packing (the last one may be part full)."""
        if self.packing is None:
            return None
        return int((self.quantity / self.packing.units_per_carton).to_integral_value(ROUND_CEILING))

    @property
    def total_cbm(self) -> Decimal | None:
        """The line's CBM: ``cbm`` if given, else cartons × carton CBM, else None."""
        if self.cbm is not None:
            return self.cbm
        if self.packing is None:
            return None
        return self.packing.cbm_per_carton * (self.cartons or 0)

    @property
    def total_gross_weight(self) -> Decimal | None:
        """The line's G.W. in kg: ``gross_weight`` if given, else from the packing, else None."""
        if self.gross_weight is not None:
            return self.gross_weight
        if self.packing is None:
            return None
        return (
            self.quantity * self.packing.net_weight_per_unit
            + (self.cartons or 0) * self.packing.tare_per_carton
        )
