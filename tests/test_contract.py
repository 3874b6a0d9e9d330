"""The contract: derived totals, schedule, packing, and cross-field checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from exportdocs import (
    Contract,
    Cover,
    Incoterm,
    InsuranceClause,
    LetterOfCredit,
    Money,
    PaymentTerms,
    Place,
    TradeTerm,
    ValidationError,
)
from exportdocs.samples import HAMBURG, NINGBO, sample_contract, sample_items, sample_seller


def test_sample_totals_to_the_cent() -> None:
    contract = sample_contract()
    assert contract.currency.code == "USD"
    assert contract.subtotal == Money("41690.30", "USD")
    assert contract.discounts == Money("0.00", "USD")
    assert contract.total == Money("41690.30", "USD")
    # 30% deposit rounded half-up; the balance is the total minus the deposit.
    assert [s.amount for s in contract.schedule] == [
        Money("12507.09", "USD"),
        Money("29183.21", "USD"),
    ]


def test_sample_packing_totals() -> None:
    plan = sample_contract().packing_plan
    assert plan.total_cartons == 526
    assert plan.mixed_cartons == 2
    assert plan.net_weight == Decimal("3920.16")  # Σ quantity × N.W. per unit, by hand
    assert plan.gross_weight == Decimal("4618.76")  # + 698.60 kg of tare over 526 cartons
    assert plan.cbm == Decimal("40.498")
    assert sample_contract().final_marks.main[3] == "C/NO. 1-526"


def test_instalments_add_up_when_a_cent_is_left_over() -> None:
    contract = sample_contract(payment=PaymentTerms.tt_deposit("33.33", balance="before_shipment"))
    amounts = [s.amount for s in contract.schedule]
    assert amounts == [Money("13895.38", "USD"), Money("27794.92", "USD")]
    assert Money.sum(amounts, "USD") == contract.total


def test_lines_must_share_one_currency() -> None:
    items = list(sample_items())
    items[3] = attrs.evolve(items[3], unit_price=Money("2.90", "EUR"))
    with pytest.raises(ValidationError, match="contract currency USD") as info:
        sample_contract(items=tuple(items))
    assert info.value.path == "items[3].unit_price.currency"
    assert info.value.value == "EUR"


def test_contract_needs_items() -> None:
    with pytest.raises(ValidationError, match="at least one line item") as info:
        sample_contract(items=())
    assert info.value.path == "items"


def test_fob_port_of_loading_must_be_the_named_port() -> None:
    shanghai = Place.port("Shanghai", "CN", locode="CNSHA")
    with pytest.raises(ValidationError, match="port of loading must be the same port") as info:
        sample_contract(port_of_loading=shanghai)
    assert info.value.path == "port_of_loading"


def test_sea_rule_refuses_an_inland_port_of_discharge() -> None:
    with pytest.raises(ValidationError, match="sea-only") as info:
        sample_contract(port_of_discharge=Place("Munich", "DE"))
    assert info.value.path == "port_of_discharge"


def test_tt_needs_the_sellers_bank() -> None:
    seller = attrs.evolve(sample_seller(), bank=None)
    with pytest.raises(ValidationError, match="bank details") as info:
        sample_contract(seller=seller)
    assert info.value.path == "seller.bank"


def test_lc_latest_shipment_bounds_the_shipment_date() -> None:
    lc = LetterOfCredit(
        expiry_date="2026-12-31",
        expiry_place="China",
        latest_shipment="2026-12-15",
        issuing_bank="Commerzbank AG, Hamburg",
    )
    with pytest.raises(ValidationError, match="after the L/C's latest shipment date 2026-12-15"):
        sample_contract(payment=PaymentTerms.lc_at_sight(lc))
    ok = sample_contract(payment=PaymentTerms.lc_at_sight(lc), shipment_date=dt.date(2026, 12, 10))
    assert ok.latest_shipment == dt.date(2026, 12, 10)


def test_lc_expiry_before_latest_shipment_is_refused() -> None:
    with pytest.raises(ValidationError, match="before the latest shipment date"):
        LetterOfCredit(
            expiry_date="2026-12-01",
            expiry_place="China",
            latest_shipment="2026-12-15",
            issuing_bank="Commerzbank AG",
        )


def test_dates_must_follow_the_contract_date() -> None:
    with pytest.raises(ValidationError) as info:
        sample_contract(valid_until=dt.date(2026, 10, 1), shipment_date=dt.date(2026, 10, 1))
    assert [p.path for p in info.value.problems] == ["valid_until", "shipment_date"]


def test_every_field_problem_is_reported() -> None:
    with pytest.raises(ValidationError) as info:
        Contract(
            number="",
            date="2026-13-01",
            seller="Brightway",
            buyer=None,
            items=["not an item"],
            trade_term="FOB Ningbo",
            payment=PaymentTerms.tt_in_advance(),
        )
    assert [p.path for p in info.value.problems] == [
        "number",
        "date",
        "seller",
        "buyer",
        "items[0]",
        "trade_term",
    ]


def test_cif_gets_the_minimum_insurance_clause() -> None:
    contract = sample_contract(trade_term=TradeTerm(Incoterm.CIF, HAMBURG), port_of_loading=NINGBO)
    assert contract.insurance == InsuranceClause(Cover.ICC_C)
    assert contract.insured_amount == Money("45859.33", "USD")
    assert sample_contract().insurance is None
    cip = sample_contract(trade_term=TradeTerm(Incoterm.CIP, Place("Hamburg", "DE")))
    assert cip.insurance is not None
    assert cip.insurance.cover is Cover.ICC_A


def test_insurance_clause_phrases() -> None:
    clause = InsuranceClause("ICC (A)", percent="120", additional_risks=["War Risks"])
    assert clause.phrase() == (
        "Insurance to be covered by the seller for 120% of the invoice value against "
        "Institute Cargo Clauses (A) and War Risks."
    )
    assert clause.phrase_zh() == "由卖方按发票金额的120%投保伦敦协会货物（A）条款及War Risks。"
    with pytest.raises(ValidationError, match="from 100 to 200"):
        InsuranceClause(Cover.ICC_C, percent="90")
    with pytest.raises(ValidationError, match="no insurance duty"):
        InsuranceClause.minimum_for(Incoterm.FOB)


def test_notebook_html_summary() -> None:
    page = sample_contract()._repr_html_()
    assert page.startswith("<p><b>Contract BW-2026-0418</b> of 2026-11-02")
    assert "<td style='text-align:right'>7,440.00</td>" in page  # 400 × 18.60
    assert "Total <b>USD 41,690.30</b> (30% = 12,507.09; 70% = 29,183.21)" in page
    assert "526 cartons, N.W. 3,920.16 kg, G.W. 4,618.76 kg, 40.498 CBM" in page


def test_final_marks_number_the_cartons_only_when_every_line_is_packed() -> None:
    contract = sample_contract()
    assert "C/NO. 1-526" in contract.final_marks.main
    unpacked = attrs.evolve(
        contract.items[0], product=attrs.evolve(contract.items[0].product, packing=None)
    )
    partly = attrs.evolve(contract, items=(unpacked, *contract.items[1:]))
    # 1-<cartons of the packed lines> would leave out the unpacked line's cartons.
    assert partly.final_marks == partly.marks
    assert "C/NO. 1-UP" in partly.final_marks.main
