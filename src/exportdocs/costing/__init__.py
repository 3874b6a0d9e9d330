"""The exporter's price build-up (成本核算): from purchase cost to quoted prices and back.

``quote`` prices every line under each Incoterms® 2020 rule, ``analyse`` works out the
profit and margins at given prices (a counter-offer), and ``cost_sheet`` does both and
returns the :class:`CostSheet` the cost-analysis document renders. See ``docs/costing.md``.

>>> from exportdocs import costing
>>> costing.parse_rate("13%")
Decimal('0.13')
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from exportdocs._money import Money
from exportdocs._validation import fail
from exportdocs.costing._containers import (
    ContainerEstimate,
    ContainerSpec,
    ContainerType,
    estimate_containers,
)
from exportdocs.costing._costing import (
    Allocation,
    Approval,
    ApprovalBasis,
    ApprovalReason,
    CommissionBasis,
    Cost,
    CostCategory,
    CostInputs,
    CostLine,
    CostShare,
    CostSheet,
    Duty,
    ExchangeRate,
    Freight,
    FreightBasis,
    Insurance,
    InsuranceBase,
    LineAnalysis,
    LineCost,
    Method,
    OrderSummary,
    Quote,
    ReasonKind,
    RulePrice,
    SensitivityPoint,
    Target,
    TargetKind,
    analyse,
    cost_sheet,
    format_percent,
    parse_rate,
    quote,
    seller_bears,
)

__all__ = [
    "Allocation",
    "Approval",
    "ApprovalBasis",
    "ApprovalReason",
    "CommissionBasis",
    "ContainerEstimate",
    "ContainerSpec",
    "ContainerType",
    "Cost",
    "CostCategory",
    "CostInputs",
    "CostLine",
    "CostShare",
    "CostSheet",
    "Duty",
    "ExchangeRate",
    "Freight",
    "FreightBasis",
    "Insurance",
    "InsuranceBase",
    "LineAnalysis",
    "LineCost",
    "Method",
    "OrderSummary",
    "Quote",
    "ReasonKind",
    "RulePrice",
    "SensitivityPoint",
    "Target",
    "TargetKind",
    "analyse",
    "cost_sheet",
    "estimate_containers",
    "format_percent",
    "lines_from_contract",
    "parse_rate",
    "quote",
    "seller_bears",
]

if TYPE_CHECKING:
    from exportdocs._contract import Contract


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
    rebates: Mapping[str, Any] = rebate_rates or {}
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
