"""Cost categories: which rule includes which cost, read from the Incoterms obligations."""

from __future__ import annotations

import pytest

from exportdocs.costing import CostCategory, Duty, seller_bears

S, B = True, False
# inland, port handling, customs, ocean, insurance, dest. delivery, unloading, import
MAPPING = {
    "EXW": (B, B, B, B, B, B, B, B),
    "FCA": (S, B, S, B, B, B, B, B),
    "CPT": (S, S, S, S, B, B, B, B),
    "CIP": (S, S, S, S, S, B, B, B),
    "DAP": (S, S, S, S, B, S, B, B),
    "DPU": (S, S, S, S, B, S, S, B),
    "DDP": (S, S, S, S, B, S, B, S),
    "FAS": (S, B, S, B, B, B, B, B),
    "FOB": (S, S, S, B, B, B, B, B),
    "CFR": (S, S, S, S, B, B, B, B),
    "CIF": (S, S, S, S, S, B, B, B),
}

CATEGORIES = (
    CostCategory.INLAND_FREIGHT,
    CostCategory.PORT_HANDLING,
    CostCategory.CUSTOMS_DECLARATION,
    CostCategory.OCEAN_FREIGHT,
    CostCategory.INSURANCE,
    CostCategory.DESTINATION_DELIVERY,
    CostCategory.UNLOADING,
    CostCategory.IMPORT_CLEARANCE,
)


@pytest.mark.parametrize("code", list(MAPPING))
def test_cost_categories_follow_the_incoterms_obligations(code: str) -> None:
    assert tuple(seller_bears(code, c) for c in CATEGORIES) == MAPPING[code]
    assert seller_bears(code, Duty.GOODS)


def test_category_data() -> None:
    assert CostCategory.PORT_HANDLING.duty is Duty.LOADING
    assert CostCategory.INLAND_FREIGHT.default_allocation.value == "volume"
    assert CostCategory.INSPECTION.default_allocation.value == "value"
    assert CostCategory.parse("Customs declaration") is CostCategory.CUSTOMS_DECLARATION
