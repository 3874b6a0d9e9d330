"""Cost lines from a contract: its items, with their share of the packing plan."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from exportdocs._money import Money
from exportdocs._validation import fail
from exportdocs.costing._lines import CostLine

if TYPE_CHECKING:
    from exportdocs._contract import Contract

__all__ = ["lines_from_contract"]


def lines_from_contract(
    contract: Contract,
    purchase_prices: Mapping[str, Money],
    *,
    rebate_rates: Mapping[str, Decimal | str] | None = None,
    vat_rate: Decimal | str = "13%",
) -> tuple[CostLine, ...]:
    """Cost lines for a contract's items, keyed by item number.

    Quantity, unit and list price come from the line items; CBM and gross weight are the
    line's share of the contract's packing plan (mixed cartons split by fill), so the
    container estimate sees the same cartons as the packing list. ``purchase_prices``
    are per unit, including VAT, in the home currency.
    """
    rebates: Mapping[str, Decimal | str] = rebate_rates or {}
    plan = contract.packing_plan
    packed = {entry.line for entry in plan.entries}
    lines = []
    for index, item in enumerate(contract.items):
        number = item.product.item_no
        if number not in purchase_prices:
            raise fail("no purchase price for this item", number, f"purchase_prices[{number!r}]")
        share = plan.for_line(index) if index in packed else None
        lines.append(
            CostLine(
                reference=number,
                quantity=item.quantity,
                unit=item.product.unit,
                purchase_price=purchase_prices[number],
                vat_rate=vat_rate,
                rebate_rate=rebates.get(number, "0%"),
                cbm=None if share is None else share.cbm_exact,
                gross_weight=None if share is None else share.gross_weight_exact,
                list_price=item.product.list_price,
            )
        )
    return tuple(lines)
