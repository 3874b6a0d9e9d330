"""Costing speed: forward (quote) and reverse (analyse) of a 1,000-line order.

Run with ``.venv/bin/python benchmarks/costing.py``; prints the median of
several runs in milliseconds. The order has per-order domestic costs split by
volume and by value, per-container ocean freight with the container count
estimated from the packing, insurance and a 3 % commission, so every step of
the chain runs.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from decimal import Decimal

from exportdocs import Dimensions, Money, Packing
from exportdocs.costing import (
    Cost,
    CostInputs,
    CostLine,
    ExchangeRate,
    Freight,
    Insurance,
    Target,
    analyse,
    quote,
)

LINES = 1000
RUNS = 15


def order(lines: int = LINES) -> CostInputs:
    """A synthetic order of ``lines`` lines with every kind of cost."""
    packing = Packing(20, Dimensions(50, 40, 30), net_weight_per_unit="0.40", tare_per_carton="1.2")
    return CostInputs(
        lines=[
            CostLine(
                reference=f"SKU-{i:04d}",
                quantity=100 + i % 37 * 20,
                purchase_price=Money(Decimal("12.30") + Decimal(i % 53) / 10, "CNY"),
                rebate_rate="13%" if i % 3 else "9%",
                packing=packing,
            )
            for i in range(lines)
        ],
        exchange_rate=ExchangeRate("USD", "7.1000", as_of="2025-03-14", source="BOC buying"),
        costs=[
            Cost("inland_freight", "CNY 32000.00"),
            Cost("port_handling", "CNY 18500.00"),
            Cost("customs_declaration", "CNY 500.00"),
            Cost("inspection", "CNY 800.00"),
            Cost("bank_charges", "CNY 700.00"),
        ],
        freight=Freight.per_container("USD 2800", "40HQ"),
        insurance=Insurance("0.5%"),
        commission="3%",
        target=Target.margin("12%"),
        incoterm="CIF",
    )


def median_ms(run: Callable[[], object], runs: int = RUNS) -> float:
    """Median wall time of ``run`` in milliseconds (one warm-up run first)."""
    run()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    inputs = order()
    forward = quote(inputs)
    prices = forward.unit_prices("CIF")
    print(f"lines: {LINES}, rules priced: {len(forward.rules)}")
    print(f"forward  quote(): median {median_ms(lambda: quote(inputs)):.1f} ms")
    print(f"forward  quote(CIF only): median {median_ms(lambda: quote(inputs, ['CIF'])):.1f} ms")
    print(f"reverse  analyse(): median {median_ms(lambda: analyse(inputs, prices)):.1f} ms")


if __name__ == "__main__":
    main()
