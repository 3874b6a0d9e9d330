"""The forward build-up: the worked examples of costing.md (1, 2 and §5), exactly."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exportdocs import Incoterm, Money, ValidationError
from exportdocs.costing import (
    CommissionBasis,
    Cost,
    CostCategory,
    CostLine,
    ExchangeRate,
    Freight,
    Method,
    Target,
    analyse,
    cost_sheet,
    quote,
)
from tests.costing.examples import DOMESTIC, PACKING, example, shares_of, two_lines

D = Decimal


# -- worked examples 1 and 2, §5 -------------------------------------------------------


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


def test_quote_totals() -> None:
    q = quote(two_lines(commission=0))
    # A: (10 − 10/1.13 × 13% + 3,750.00/3,000) / 7.10 / 0.8 = 1.778091…
    # B: (50 − 50/1.13 × 9% + 2,750.00/1,000) / 7.10 / 0.8 = 8.585862…
    assert q.unit_prices("FOB") == (Money("1.78", "USD"), Money("8.59", "USD"))
    assert q.total("FOB") == Money("13930.00", "USD")  # 5,340.00 + 8,590.00


# -- allocation and freight ------------------------------------------------------------


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


# -- refusals --------------------------------------------------------------------------


def test_cif_without_freight_refused() -> None:
    inputs = example(freight=None, incoterm="FOB")
    with pytest.raises(ValidationError, match=r"CIF includes the main carriage") as info:
        quote(inputs, ["CIF"])
    assert info.value.path == "freight"
    assert quote(inputs).rules == (Incoterm.EXW, Incoterm.FCA, Incoterm.FAS, Incoterm.FOB)
    with pytest.raises(ValidationError, match="CIF includes insurance") as info:
        cost_sheet(example(insurance=None))
    assert info.value.path == "insurance"
