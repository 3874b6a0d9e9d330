"""Export costing: the worked examples of costing.md, exactly, both directions."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exportdocs import Incoterm, Money, ValidationError, from_json, to_json
from exportdocs._packing import Dimensions, Packing
from exportdocs.costing import (
    ApprovalBasis,
    CommissionBasis,
    ContainerSpec,
    ContainerType,
    Cost,
    CostCategory,
    CostInputs,
    CostLine,
    CostSheet,
    Duty,
    ExchangeRate,
    Freight,
    Insurance,
    InsuranceBase,
    Method,
    ReasonKind,
    Target,
    analyse,
    cost_sheet,
    estimate_containers,
    format_percent,
    parse_rate,
    quote,
    seller_bears,
)

D = Decimal

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


# -- forward: worked examples 1 and 2, §5 -------------------------------------------------


def test_example_1_costs_real_cost_domestic_and_fob_cost() -> None:
    line = quote(example()).lines[0]
    fob = line.price("FOB")
    assert line.real_cost == D("20.00")
    assert line.rebate == D("2.60")
    assert fob.cost - line.real_cost == D("1.30")  # domestic per pc
    assert fob.cost == D("21.30")
    assert fob.cost_quote == D("3.00")
    assert Money.sum((s.amount for s in line.shares if s.amount.currency.code == "CNY"), "CNY") == (
        Money("6500.00", "CNY")
    )


def test_example_1_prices_fob_cfr_cif_and_commission() -> None:
    line = quote(example()).lines[0]
    assert line.price("FOB").net == D("3.75")
    assert line.price("CFR").net == D("4.05")
    cif = line.price("CIF")
    # 4.05 / 0.9945, kept to 12 places in the result
    assert cif.net == D("4.072398190045")
    assert cif.net.quantize(D("0.0001"), ROUND_HALF_UP) == D("4.0724")
    assert cif.exact == D("4.198348649531")  # CIFC3 = CIF / 0.97 = 4.198349…
    assert cif.exact.quantize(D("0.000001"), ROUND_HALF_UP) == D("4.198349")
    assert cif.unit_price == Money("4.20", "USD")
    assert cif.line_total == Money("21000.00", "USD")
    assert line.price("FOB").exact == D("3.865979381443")  # FOBC3 = 3.75 / 0.97
    assert cif.commission.quantize(D("0.000001"), ROUND_HALF_UP) == D("0.125950")


def test_example_1_premium_check_insurance_equals_cif_minus_cfr() -> None:
    line = quote(example(commission=0)).lines[0]
    cif, cfr = line.price("CIF").net, line.price("CFR").net
    assert (cif * D("1.1") * D("0.005")).quantize(D("0.000001")) == D("0.022398")
    assert (cif - cfr).quantize(D("0.000001")) == D("0.022398")


def test_example_1_markup_25_percent_equals_margin_20_percent() -> None:
    by_markup = quote(example(target=Target.markup("25%"))).lines[0].price("FOB").net
    assert by_markup == D("3.75")


@pytest.mark.parametrize(
    ("basis", "expected"),
    [
        (CommissionBasis.GROSS, D("4.198348649531")),
        (CommissionBasis.FOB_VALUE, D("4.184898190045")),  # CIF + FOB × 3%
        (CommissionBasis.NET, D("4.194570135747")),  # CIF × 1.03
    ],
)
def test_commission_bases(basis: CommissionBasis, expected: Decimal) -> None:
    assert quote(example(commission_basis=basis)).lines[0].price("CIF").exact == expected


def test_example_2_rebate_below_vat_rate() -> None:
    line = CostLine(quantity=5000, purchase_price="CNY 22.60", rebate_rate="9%", packing=PACKING)
    priced = quote(example(line=line)).lines[0]
    assert priced.rebate == D("1.80")
    assert priced.real_cost == D("20.80")
    assert priced.price("FOB").cost == D("22.10")
    assert priced.price("FOB").cost_quote == D("3.112676056338")


def test_section_5_all_rates_on_the_quoted_price() -> None:
    inputs = example(method=Method.ALL_ON_QUOTED_PRICE)
    cif = quote(inputs).lines[0].price("CIF")
    assert cif.exact == D("4.316546762590")  # 3.30 / 0.7645 = 4.316547…
    assert cif.unit_price == Money("4.32", "USD")
    assert cif.net == (D("4.316546762589928057553956835") * D("0.97")).quantize(D("1E-12"))


def test_section_5_bank_charges_on_fob() -> None:
    fob = quote(example(bank_rate="0.5%", commission=0)).lines[0].price("FOB")
    assert fob.exact == D("3.773584905660")  # 3.00 / 0.795


def test_fixed_profit_per_unit_in_either_currency() -> None:
    usd = quote(example(target=Target.profit_per_unit("USD 0.75"))).lines[0].price("FOB")
    cny = quote(example(target=Target.profit_per_unit("CNY 5.325"))).lines[0].price("FOB")
    assert usd.net == cny.net == D("3.75")


def test_price_places_and_half_up_rounding() -> None:
    cif = quote(example(price_places=4)).lines[0].price("CIF")
    assert cif.unit_price == Money("4.1983", "USD")
    assert cif.line_total == Money("20991.50", "USD")
    assert quote(example(price_places=3)).lines[0].price("CIF").unit_price == Money("4.198", "USD")


def test_price_order_follows_the_rules() -> None:
    q = quote(example(commission=0))
    price = {r.code: q.lines[0].price(r).net for r in q.rules}
    assert list(price) == ["EXW", "FCA", "CPT", "CIP", "FAS", "FOB", "CFR", "CIF"]
    assert price["EXW"] < price["FCA"] == price["FAS"] < price["FOB"] < price["CFR"]
    assert price["CFR"] == price["CPT"] < price["CIF"] == price["CIP"]
    # EXW: goods + bank charges (0.14); FCA: + inland 0.40, customs 0.10, inspection 0.16
    assert q.lines[0].price("EXW").cost == D("20.14")
    assert q.lines[0].price("FCA").cost == D("20.80")
    assert q.term("CIF") == "CIF"
    assert quote(example()).term("CIF") == "CIFC3"


def test_fca_at_the_sellers_premises_leaves_out_the_inland_freight() -> None:
    q = quote(example(fca_at_seller_premises=True), ["FCA", "FAS"])
    assert q.lines[0].price("FCA").cost == D("20.40")  # goods, customs, inspection, bank
    assert q.lines[0].price("FAS").cost == D("20.80")


def test_d_rules_add_destination_costs_by_obligation() -> None:
    costs = (
        *DOMESTIC,
        Cost("destination_delivery", "USD 400.00"),
        Cost("unloading", "USD 100.00"),
        Cost("import_clearance", "USD 250.00"),
    )
    q = quote(example(costs=costs, commission=0))
    assert q.rules[-4:] == (Incoterm.FAS, Incoterm.FOB, Incoterm.CFR, Incoterm.CIF)
    line = q.lines[0]
    cpt = line.price("CPT").net
    assert line.price("DAP").net == cpt + D("0.08")
    assert line.price("DPU").net == cpt + D("0.10")
    assert line.price("DDP").net == cpt + D("0.13")
    assert line.price("CFR").net == cpt  # destination costs are never in a C price


# -- obligations mapping -------------------------------------------------------------------

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


# -- reverse: worked example 3 ---------------------------------------------------------------

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


def test_quote_totals() -> None:
    q = quote(two_lines(commission=0))
    # A: (10 − 10/1.13 × 13% + 3,750.00/3,000) / 7.10 / 0.8 = 1.778091…
    # B: (50 − 50/1.13 × 9% + 2,750.00/1,000) / 7.10 / 0.8 = 8.585862…
    assert q.unit_prices("FOB") == (Money("1.78", "USD"), Money("8.59", "USD"))
    assert q.total("FOB") == Money("13930.00", "USD")  # 5,340.00 + 8,590.00


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


# -- allocation and containers -------------------------------------------------------------


def two_lines(**changes: Any) -> CostInputs:
    lines = [
        CostLine(reference="A", quantity=3000, purchase_price="CNY 10.00", rebate_rate="13%", cbm="10", gross_weight="2000"),
        CostLine(reference="B", quantity=1000, purchase_price="CNY 50.00", rebate_rate="9%", cbm="5", gross_weight="900"),
    ]  # fmt: skip
    return example(lines=lines, **changes)


def shares_of(q: Any, category: CostCategory) -> list[Money]:
    return [s.amount for line in q.lines for s in line.shares if s.category is category]


def test_allocation_defaults_by_volume_and_by_value_and_sums_back() -> None:
    q = quote(two_lines())
    # volume 10 : 5
    assert shares_of(q, CostCategory.INLAND_FREIGHT) == [
        Money("1333.33", "CNY"),
        Money("666.67", "CNY"),
    ]
    # value 30,000 : 50,000
    assert shares_of(q, CostCategory.CUSTOMS_DECLARATION) == [
        Money("187.50", "CNY"),
        Money("312.50", "CNY"),
    ]
    assert shares_of(q, CostCategory.OCEAN_FREIGHT) == [
        Money("1000.00", "USD"),
        Money("500.00", "USD"),
    ]


def test_allocation_by_quantity_on_request() -> None:
    costs = (Cost("inspection", "CNY 800.00", allocation="quantity"),)
    q = quote(two_lines(costs=costs))
    assert shares_of(q, CostCategory.INSPECTION) == [Money("600.00", "CNY"), Money("200.00", "CNY")]


@settings(max_examples=40, deadline=None)
@given(
    amount=st.decimals(min_value=0, max_value=100000, places=2),
    cbms=st.lists(st.decimals(min_value=0, max_value=50, places=3), min_size=1, max_size=8),
)
def test_allocations_always_sum_back_to_the_cent(amount: Decimal, cbms: list[Decimal]) -> None:
    lines = [
        CostLine(quantity=10 + i, purchase_price="CNY 3.33", cbm=c, gross_weight=1)
        for i, c in enumerate(cbms)
    ]
    inputs = example(lines=lines, costs=(Cost("port_handling", Money(amount, "CNY")),))
    shares = shares_of(quote(inputs, ["FOB"]), CostCategory.PORT_HANDLING)
    assert Money.sum(shares, "CNY") == Money(amount, "CNY")


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


def test_lcl_freight_per_revenue_ton() -> None:
    line = CostLine(quantity=100, purchase_price="CNY 22.60", cbm="2.5", gross_weight="3200")
    inputs = example(line=line, freight=Freight.per_revenue_ton("USD 45"))
    # W/M: 3.2 t > 2.5 m³ → 3.2 × 45 = 144.00
    assert analyse(inputs, ["USD 5.00"]).summary.freight == Money("144.00", "USD")


def test_freight_in_the_home_currency_is_converted() -> None:
    inputs = example(freight=Freight.lump_sum("CNY 10650.00"))
    assert quote(inputs).lines[0].price("CFR").net == D("4.05")
    assert analyse(inputs, ["USD 4.20"]).summary.freight == Money("1500.00", "USD")


def test_costs_in_a_third_currency_need_a_rate() -> None:
    eur = (Cost("unloading", "EUR 100.00"),)
    with pytest.raises(ValidationError, match="no exchange rate for EUR") as info:
        example(costs=eur)
    assert info.value.path == "costs[0].amount"
    inputs = example(costs=eur, other_rates=[ExchangeRate("EUR", "7.81")])
    # EUR 100 × 7.81 / 7.10 = USD 110.00 over 5,000 pcs
    dap = quote(inputs, ["DAP", "DPU", "CPT"]).lines[0]
    assert dap.price("DPU").net - dap.price("DAP").net == D("0.022")


# -- forward then reverse (property) --------------------------------------------------------


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


# -- refusals ---------------------------------------------------------------------------------


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


def test_cif_without_freight_refused() -> None:
    inputs = example(freight=None, incoterm="FOB")
    with pytest.raises(ValidationError, match=r"CIF includes the main carriage") as info:
        quote(inputs, ["CIF"])
    assert info.value.path == "freight"
    assert quote(inputs).rules == (Incoterm.EXW, Incoterm.FCA, Incoterm.FAS, Incoterm.FOB)
    with pytest.raises(ValidationError, match="CIF includes insurance") as info:
        cost_sheet(example(insurance=None))
    assert info.value.path == "insurance"


def test_insurance_rate_above_100_percent_refused() -> None:
    with pytest.raises(ValidationError, match="at most 100%") as info:
        Insurance("101%")
    assert info.value.path == "rate"
    with pytest.raises(ValidationError, match="10% for the usual 110% cover"):
        Insurance("0.5%", markup="110%")


@pytest.mark.parametrize(
    ("make", "path"),
    [
        (lambda: CostLine(quantity=1, purchase_price="CNY 1", vat_rate=0.13), "vat_rate"),
        (lambda: Insurance(0.005), "rate"),
        (lambda: Target.margin(0.2), "rate"),  # type: ignore[arg-type]
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


# -- output types -----------------------------------------------------------------------------


def test_cost_sheet_round_trips_through_json() -> None:
    sheet = cost_sheet(two_lines(line=None))
    text = to_json(sheet)
    assert from_json(CostSheet, text) == sheet
    assert '"margin_on_sale": "0.200' in text


def test_assumptions_and_html() -> None:
    sheet = analyse(example(), ["USD 3.55"])
    assert dict(sheet.assumptions)["Price term"] == "CIFC3"
    assert dict(sheet.assumptions)["Exchange rate"] == "7.10 CNY/USD (BOC buying, 2025-03-14)"
    page = sheet._repr_html_()
    assert page.startswith("<table><caption>Cost sheet, CIFC3</caption>")
    assert "<td>4401.08 CNY</td><td>3.97%</td><td>4.13%</td><td>yes</td>" in page
    assert "order: margin on sale 3.97% is below 5.00%" in page


def test_exchange_rate_board_per_100() -> None:
    fx = ExchangeRate.per_100("USD", "710.00")
    assert fx.rate == D("7.1")
    assert str(fx) == "7.10 CNY/USD"


def test_assumption_wording_of_freight_and_a_profit_target() -> None:
    from exportdocs.costing._costing import freight_text

    box = Freight.per_container("USD 3150", "40HQ", containers=2)
    assert freight_text(box, None) == "USD 3,150.00 per 40HQ × 2"
    assert freight_text(box, None, zh=True) == "USD 3,150.00 / 40HQ × 2"
    lcl = Freight.per_revenue_ton("USD 45")
    assert freight_text(lcl, None) == "USD 45.00 per revenue ton (W/M)"
    assert freight_text(lcl, None, zh=True) == "USD 45.00 / 运费吨 (W/M)"
    assert str(Target.profit_per_unit("CNY 2.5")) == "profit CNY 2.50 per unit"
