"""The worked examples of costing.md as inputs, shared by the costing tests."""

from __future__ import annotations

from typing import Any

from exportdocs import Money
from exportdocs._packing import Dimensions, Packing
from exportdocs.costing import (
    Cost,
    CostCategory,
    CostInputs,
    CostLine,
    ExchangeRate,
    Freight,
    Insurance,
    Target,
)

# costing.md §2: the shipment's domestic costs (CNY 6,500.00 = 1.30 per pc).
DOMESTIC = (
    Cost("inland_freight", "CNY 2000.00"),
    Cost("port_handling", "CNY 2500.00"),
    Cost("customs_declaration", "CNY 500.00"),
    Cost("inspection", "CNY 800.00"),
    Cost("bank_charges", "CNY 700.00"),
)

PACKING = Packing(20, Dimensions(50, 40, 30), net_weight_per_unit="0.40", tare_per_carton="1.00")


def example(**changes: Any) -> CostInputs:
    """costing.md example 1: 5,000 pcs at CNY 22.60, 13%/13%, 7.10, USD 1,500 per 20GP."""
    line = changes.pop("line", None) or CostLine(
        reference="A1",
        quantity=5000,
        purchase_price="CNY 22.60",
        rebate_rate="13%",
        packing=PACKING,
    )
    base: dict[str, Any] = {
        "lines": [line],
        "exchange_rate": ExchangeRate("USD", "7.10", as_of="2025-03-14", source="BOC buying"),
        "costs": DOMESTIC,
        "freight": Freight.per_container("USD 1500", "20GP"),
        "insurance": Insurance("0.5%"),
        "commission": "3%",
        "target": Target.margin("20%"),
        "incoterm": "CIF",
    }
    base.update(changes)
    return CostInputs(**base)


def two_lines(**changes: Any) -> CostInputs:
    lines = [
        CostLine(reference="A", quantity=3000, purchase_price="CNY 10.00", rebate_rate="13%", cbm="10", gross_weight="2000"),
        CostLine(reference="B", quantity=1000, purchase_price="CNY 50.00", rebate_rate="9%", cbm="5", gross_weight="900"),
    ]  # fmt: skip
    return example(lines=lines, **changes)


def shares_of(q: Any, category: CostCategory) -> list[Money]:
    return [s.amount for line in q.lines for s in line.shares if s.category is category]
