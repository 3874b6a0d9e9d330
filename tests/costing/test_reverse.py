"""The reverse analysis and the cost sheet: worked example 3 of costing.md, approval, sensitivity."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exportdocs import Money
from exportdocs.costing import (
    ApprovalBasis,
    CostInputs,
    CostLine,
    ExchangeRate,
    InsuranceBase,
    ReasonKind,
    Target,
    analyse,
    cost_sheet,
    format_percent,
)
from tests.costing.examples import PACKING, example

D = Decimal


# -- reverse: worked example 3 ---------------------------------------------------------

EXAMPLE_3 = {
    "4.20": ("21000.00", "630.00", "115.50", "18754.50", "133156.95", "26656.95", "20.02%", "25.03%", "5.6786", False),
    "3.70": ("18500.00", "555.00", "101.75", "16343.25", "116037.08", "9537.08", "8.22%", "8.96%", "6.5165", False),
    "3.55": ("17750.00", "532.50", "97.63", "15619.87", "110901.08", "4401.08", "3.97%", "4.13%", "6.8182", True),
}  # fmt: skip


@pytest.mark.parametrize("price", list(EXAMPLE_3))
def test_example_3_cost_sheet_at_quoted_price(price: str) -> None:
    invoice, commission, insurance, net, net_home, profit, margin, markup, fx_cost, approve = (
        EXAMPLE_3[price]
    )
    sheet = analyse(example(), [Money(price, "USD")])
    for item in (sheet.lines[0], sheet.summary):
        assert item.invoice_value == Money(invoice, "USD")
        assert item.commission == Money(commission, "USD")
        assert item.insurance == Money(insurance, "USD")
        assert item.freight == Money("1500.00", "USD")
        assert item.net_income == Money(net, "USD")
        assert item.net_income_home == Money(net_home, "CNY")
        assert item.total_cost == Money("106500.00", "CNY")
        assert item.profit == Money(profit, "CNY")
        assert format_percent(item.margin_on_sale) == margin
        assert format_percent(item.markup_on_cost) == markup
        assert item.exchange_cost is not None
        assert item.exchange_cost.quantize(D("0.0001"), ROUND_HALF_UP) == D(fx_cost)
        assert item.approval.required is approve


def test_example_3_thin_margin_reason_is_data() -> None:
    sheet = analyse(example(), ["USD 3.55"])
    order, line = sheet.approval.reasons
    assert (order.kind, order.line, order.threshold) == (ReasonKind.THIN_MARGIN, None, D("0.05"))
    assert order.value == D("0.039684735261")
    assert line.line == 0
    assert str(order) == "order: margin on sale 3.97% is below 5.00%"


def test_insurance_on_net_price_base() -> None:
    sheet = analyse(example(insurance_base=InsuranceBase.NET_PRICE), ["USD 4.20"])
    assert sheet.lines[0].insurance == Money("112.04", "USD")  # (21000 − 630) × 0.0055 = 112.035


def test_cost_sheet_forward_then_reverse_is_close_to_the_target() -> None:
    sheet = cost_sheet(example())
    assert sheet.quote is not None
    assert sheet.lines[0].unit_price == Money("4.20", "USD")
    assert sheet.summary.margin_on_sale == D("0.200191953931")  # 20% plus the price rounding


def test_approval_threshold_is_strict_and_configurable() -> None:
    line = CostLine(quantity=1000, purchase_price="CNY 10.00", rebate_rate=0, cbm=5)
    plain = CostInputs(lines=[line], exchange_rate=ExchangeRate("USD", "10"))
    # CNY 10,000 cost; USD 1,052.63 → margin 4.9999%: below 5%, needs approval
    assert analyse(plain, ["USD 1.05263"]).approval.required
    # USD 1,052.64 x 10 = 10,526.40: margin 5.00%+ → no approval
    assert not analyse(plain, ["USD 1.05264"]).approval.required
    # exactly 5.00% is not below 5.00%
    line2 = CostLine(quantity=100, purchase_price="CNY 19.00", rebate_rate=0, cbm=1)
    at_five = CostInputs(lines=[line2], exchange_rate=ExchangeRate("USD", "10"))
    assert analyse(at_five, ["USD 2.00"]).summary.margin_on_sale == D("0.05")
    assert not analyse(at_five, ["USD 2.00"]).approval.required
    # markup-on-cost basis: 5.26% markup is not below 5%
    by_markup = attrs.evolve(at_five, approval_basis=ApprovalBasis.MARKUP_ON_COST)
    assert not analyse(by_markup, ["USD 2.00"]).approval.required
    # markup 5% = margin 4.76%: approval under the default margin basis
    line3 = CostLine(quantity=100, purchase_price="CNY 20.00", rebate_rate=0, cbm=1)
    u5 = CostInputs(lines=[line3], exchange_rate=ExchangeRate("USD", "10"))
    sheet = analyse(u5, ["USD 2.10"])
    assert format_percent(sheet.summary.margin_on_sale) == "4.76%"
    assert sheet.approval.required


def test_no_net_income_needs_approval() -> None:
    sheet = analyse(example(), ["USD 0.30"])  # USD 1,500 invoice, all of it freight
    # 1,500.00 − 45.00 commission − 8.25 insurance − 1,500.00 freight
    assert sheet.summary.net_income == Money("-53.25", "USD")
    assert sheet.summary.margin_on_sale is None
    assert sheet.approval.reasons[0].kind is ReasonKind.NO_NET_INCOME


def test_price_below_list_price_needs_approval() -> None:
    line = CostLine(
        quantity=5000,
        purchase_price="CNY 22.60",
        rebate_rate="13%",
        packing=PACKING,
        list_price="USD 4.30",
    )
    sheet = analyse(example(line=line), ["USD 4.20"])
    (reason,) = sheet.approval.reasons
    assert reason.kind is ReasonKind.BELOW_LIST_PRICE
    assert (reason.value, reason.threshold) == (D("4.20"), D("4.30"))
    assert "CIFC3 price 4.20 USD is below the list price 4.30 USD" in reason.message


def test_sensitivity_to_the_exchange_rate() -> None:
    points = analyse(example(), ["USD 3.55"]).sensitivity
    assert [p.change for p in points] == [
        D(s) for s in ("-0.05", "-0.03", "-0.01", "0", "0.01", "0.03", "0.05")
    ]
    middle = points[3]
    assert (middle.exchange_rate, middle.profit) == (D("7.10"), Money("4401.08", "CNY"))
    plus5 = points[-1]
    assert plus5.exchange_rate == D("7.455")
    assert plus5.net_income_home == Money("116446.13", "CNY")  # 15,619.87 × 7.455
    assert plus5.profit == Money("9946.13", "CNY")
    assert not plus5.approval_required
    assert points[0].profit == Money("-1143.98", "CNY")
    assert [p.approval_required for p in points] == [True] * 5 + [False] * 2


# -- forward then reverse (property) ---------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    price=st.decimals(min_value=D("1.00"), max_value=D("500"), places=2),
    quantity=st.integers(min_value=50, max_value=20000),
    rebate=st.sampled_from(["0%", "9%", "13%"]),
    margin=st.decimals(min_value=0, max_value=D("0.6"), places=3),
    commission=st.sampled_from(["0%", "2%", "3%", "5%"]),
    rule=st.sampled_from(["FOB", "CFR", "CIF", "CIP", "EXW", "FCA"]),
    places=st.sampled_from([2, 3, 4]),
)
def test_forward_then_reverse_returns_the_target_margin(
    price: Decimal,
    quantity: int,
    rebate: str,
    margin: Decimal,
    commission: str,
    rule: str,
    places: int,
) -> None:
    line = CostLine(
        quantity=quantity,
        purchase_price=Money(price, "CNY"),
        rebate_rate=rebate,
        cbm="12",
        gross_weight="3000",
    )
    inputs = example(
        line=line,
        target=Target.margin(margin),
        commission=commission,
        incoterm=rule,
        price_places=places,
        insurance_base=InsuranceBase.NET_PRICE,
    )
    sheet = cost_sheet(inputs)
    s = sheet.summary
    assert s.margin_on_sale is not None
    # The unit price is rounded by at most half a quantum: the net income moves by at most
    # that × quantity (plus a few cents of sheet rounding), and the margin by that × rate / income.
    slack = (D("0.5") * D(1).scaleb(-places) * quantity + D("0.05")) * D("7.10") + D("0.05")
    assert abs(s.margin_on_sale - margin) <= slack / s.net_income_home.amount


# -- sensitivity: the sheet's own approval rule at every rate ---------------------------


def test_sensitivity_applies_the_line_rule_so_at_zero_it_is_the_sheets_approval() -> None:
    from tests.costing.examples import two_lines

    # Line A at a healthy price, line B at a thin one: the order's margin is fine,
    # line B's is not, so the sheet needs approval; so must the sensitivity at 0 %.
    sheet = analyse(two_lines(), ["USD 2.40", "USD 7.80"])
    a, b = sheet.lines
    assert a.margin_on_sale is not None
    assert a.margin_on_sale > D("0.05")
    assert b.margin_on_sale is not None
    assert b.margin_on_sale < D("0.05")
    assert sheet.summary.margin_on_sale is not None
    assert sheet.summary.margin_on_sale >= D("0.05")  # the order alone would pass
    assert [r.line for r in sheet.approval.reasons] == [1]
    zero = next(p for p in sheet.sensitivity if p.change == 0)
    assert zero.approval_required == sheet.approval.required is True
    assert zero.lines == (1,)
    # A stronger rate lifts line B over the threshold: no approval any more.
    assert not sheet.sensitivity[-1].approval_required
    assert sheet.sensitivity[-1].lines == ()
    # Every step agrees with analysing the same prices at the moved rate.
    for p in sheet.sensitivity:
        rate = ExchangeRate("USD", p.exchange_rate)
        moved = analyse(two_lines(exchange_rate=rate), ["USD 2.40", "USD 7.80"])
        assert p.approval_required == moved.approval.required, p.change
        assert p.lines == tuple(i for i, x in enumerate(moved.lines) if x.approval.required)


def test_sensitivity_flags_a_price_below_the_list_price_at_every_rate() -> None:
    line = CostLine(
        quantity=5000,
        purchase_price="CNY 22.60",
        rebate_rate="13%",
        list_price="USD 5.00",
        packing=PACKING,
    )
    sheet = analyse(example(line=line), ["USD 4.20"])
    assert all(p.approval_required and p.lines == (0,) for p in sheet.sensitivity)
