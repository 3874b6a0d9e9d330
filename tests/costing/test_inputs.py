"""The costing inputs: exchange rate, costs, insurance, targets, lines, and their refusals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from exportdocs import ValidationError
from exportdocs.costing import (
    Cost,
    CostInputs,
    CostLine,
    ExchangeRate,
    Insurance,
    Target,
    analyse,
    quote,
)
from tests.costing.examples import example

D = Decimal


def test_exchange_rate_board_per_100() -> None:
    fx = ExchangeRate.per_100("USD", "710.00")
    assert fx.rate == D("7.1")
    assert str(fx) == "7.10 CNY/USD"


# -- refusals --------------------------------------------------------------------------


def test_rebate_above_vat_rate_refused() -> None:
    with pytest.raises(ValidationError, match=r"cannot exceed the VAT rate \(13.00%\)") as info:
        CostLine(quantity=1, purchase_price="CNY 1.00", rebate_rate="16%")
    assert info.value.path == "rebate_rate"
    assert info.value.value == D("0.16")


def test_negative_cost_refused() -> None:
    with pytest.raises(ValidationError, match="must not be negative") as info:
        Cost("port_handling", "CNY -5.00")
    assert info.value.path == "amount"


def test_zero_exchange_rate_refused() -> None:
    with pytest.raises(ValidationError, match="exchange rate must be greater than zero") as info:
        ExchangeRate("USD", 0)
    assert (info.value.path, info.value.value) == ("rate", 0)


@pytest.mark.parametrize("rate", ["100%", "120%", D(1)])
def test_margin_of_100_percent_or_more_refused(rate: Any) -> None:
    with pytest.raises(ValidationError, match="must be below 100%") as info:
        Target.margin(rate)
    assert info.value.path == "rate"


def test_insurance_rate_above_100_percent_refused() -> None:
    with pytest.raises(ValidationError, match="at most 100%") as info:
        Insurance("101%")
    assert info.value.path == "rate"
    with pytest.raises(ValidationError, match="10% for the usual 110% cover"):
        Insurance("0.5%", markup="110%")


def test_every_problem_of_the_inputs_at_once() -> None:
    line = CostLine(quantity=1, purchase_price="CNY 1.00", list_price="EUR 1.00")
    with pytest.raises(ValidationError) as info:
        CostInputs(
            lines=[line],
            exchange_rate=ExchangeRate("EUR", "7.8"),
            costs=[Cost("port_handling", "CNY 10.00")],
        )
    paths = [p.path for p in info.value.problems]
    assert paths == ["exchange_rate.currency", "lines[0].list_price", "lines[0].cbm"]


def test_other_refusals() -> None:
    with pytest.raises(ValidationError, match=r"give the ocean freight as CostInputs\.freight"):
        Cost("ocean_freight", "USD 1500.00")
    with pytest.raises(ValidationError, match="to the cent"):
        Cost("other", "CNY 1.001")
    with pytest.raises(ValidationError, match="needs a profit target"):
        quote(example(target=None))
    with pytest.raises(ValidationError, match="expected 1 prices, one per line") as info:
        analyse(example(), ["USD 1", "USD 2"])
    assert info.value.path == "prices"
    with pytest.raises(ValidationError, match="quote currency USD") as info:
        analyse(example(), ["EUR 4.20"])
    assert info.value.path == "prices[0]"
    with pytest.raises(ValidationError, match=r"use CommissionBasis\.GROSS"):
        example(method="all_on_quoted_price", commission_basis="net")
    with pytest.raises(ValidationError, match="sum must stay below 100%"):
        example(method="all_on_quoted_price", target=Target.margin("97%"))
    with pytest.raises(ValidationError, match="margin \\+ bank charges"):
        example(target=Target.margin("90%"), bank_rate="10%")
