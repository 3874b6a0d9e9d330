"""Container estimates: limits as data, the count from the packing."""

from __future__ import annotations

from decimal import Decimal

from exportdocs import Money
from exportdocs.costing import (
    ContainerSpec,
    ContainerType,
    CostLine,
    Freight,
    cost_sheet,
    estimate_containers,
)
from tests.costing.examples import PACKING, example

D = Decimal


def test_containers_estimated_from_packing() -> None:
    # 5,000 pcs / 20 = 250 ctns × 0.06 m³ = 15 m³, G.W. 2,000 + 250 kg
    sheet = cost_sheet(example())
    estimate = sheet.summary.containers
    assert estimate is not None
    assert (estimate.count, estimate.cbm, estimate.gross_weight_kg) == (1, D("15.00"), D("2250.00"))
    big = CostLine(quantity=12000, purchase_price="CNY 22.60", rebate_rate="13%", packing=PACKING)
    sheet = cost_sheet(example(line=big))  # 36 m³ → 2 × 20GP = USD 3,000
    assert sheet.summary.freight == Money("3000.00", "USD")
    hq = example(line=big, freight=Freight.per_container("USD 2800", "40HQ"))
    assert cost_sheet(hq).summary.freight == Money("2800.00", "USD")


def test_container_limits_are_data_and_weight_can_decide() -> None:
    assert ContainerType.parse("40hc") is ContainerType.HQ40
    spec = ContainerSpec.of("20GP", max_payload_kg=17000)
    estimate = estimate_containers(D("20"), D("30000"), spec)
    assert (estimate.count, estimate.limited_by) == (2, "weight")
