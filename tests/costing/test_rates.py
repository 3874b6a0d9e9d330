"""Rates: fractions or percent strings, never an ambiguous number or a float."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from exportdocs import ValidationError
from exportdocs.costing import CostLine, Insurance, Target, parse_rate
from tests.costing.examples import example

D = Decimal


@pytest.mark.parametrize(
    ("make", "path"),
    [
        (lambda: CostLine(quantity=1, purchase_price="CNY 1", vat_rate=0.13), "vat_rate"),
        (lambda: Insurance(0.005), "rate"),
        (lambda: Target.margin(0.2), "rate"),
        (lambda: example(commission=0.03), "commission"),
    ],
)
def test_float_rates_refused(make: Any, path: str) -> None:
    with pytest.raises(ValidationError, match="float is not accepted") as info:
        make()
    assert info.value.path == path


@pytest.mark.parametrize("value", [13, "13", D("13")])
def test_ambiguous_rates_refused(value: Any) -> None:
    with pytest.raises(ValidationError, match="ambiguous"):
        parse_rate(value)


def test_rate_forms() -> None:
    assert parse_rate("13%") == parse_rate(D("0.13")) == parse_rate("0.13") == D("0.13")
    assert parse_rate(0) == 0
    assert parse_rate(" 2.5% ") == D("0.025")
