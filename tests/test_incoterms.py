"""Incoterms 2020 as data, and a rule with its named place."""

from __future__ import annotations

import pytest

from exportdocs import (
    Cover,
    Incoterm,
    NamedPlace,
    Place,
    Side,
    TradeTerm,
    TransportMode,
    ValidationError,
)

S, B = Side.SELLER, Side.BUYER

# incoterms-2020.md §2, row by row: export, loading, carriage, insurer, unloading, import.
MATRIX = {
    "EXW": (B, B, B, None, B, B),
    "FCA": (S, S, B, None, B, B),
    "CPT": (S, S, S, None, B, B),
    "CIP": (S, S, S, S, B, B),
    "DAP": (S, S, S, None, B, B),
    "DPU": (S, S, S, None, S, B),
    "DDP": (S, S, S, None, B, S),
    "FAS": (S, B, B, None, B, B),
    "FOB": (S, S, B, None, B, B),
    "CFR": (S, S, S, None, B, B),
    "CIF": (S, S, S, S, B, B),
}


def test_eleven_rules_in_icc_order() -> None:
    assert [r.code for r in Incoterm] == list(MATRIX)


@pytest.mark.parametrize("code", list(MATRIX))
def test_obligations_match_the_reference_matrix(code: str) -> None:
    ob = Incoterm.parse(code).obligations
    actual = (
        ob.export_clearance,
        ob.loading,
        ob.main_carriage,
        ob.insurance,
        ob.unloading,
        ob.import_clearance,
    )
    assert actual == MATRIX[code]


def test_insurance_cover_minimums() -> None:
    assert Incoterm.CIF.obligations.min_cover is Cover.ICC_C
    assert Incoterm.CIP.obligations.min_cover is Cover.ICC_A
    assert {r.code for r in Incoterm if r.seller_insures} == {"CIF", "CIP"}


def test_modes_and_named_places() -> None:
    sea = {r.code for r in Incoterm if r.mode is TransportMode.SEA}
    assert sea == {"FAS", "FOB", "CFR", "CIF"}
    assert Incoterm.FOB.named_place is NamedPlace.PORT_OF_SHIPMENT
    assert Incoterm.CIF.named_place is NamedPlace.PORT_OF_DESTINATION
    assert Incoterm.CPT.named_place is NamedPlace.PLACE_OF_DESTINATION
    assert Incoterm.FCA.obligations.loading_only_at_seller_premises
    # The C rules: the named place is at destination, but risk passes at origin.
    assert not Incoterm.CIF.risk_at_destination
    assert Incoterm.CIF.named_place.at_destination
    assert {r.code for r in Incoterm if r.risk_at_destination} == {"DAP", "DPU", "DDP"}
    assert {r.code for r in Incoterm if r.seller_contracts_carriage} == {
        "CPT",
        "CIP",
        "DAP",
        "DPU",
        "DDP",
        "CFR",
        "CIF",
    }


def test_parse_is_case_insensitive_and_refuses_retired_rules() -> None:
    assert Incoterm.parse(" fob ") is Incoterm.FOB
    with pytest.raises(ValidationError, match="use DPU") as info:
        Incoterm.parse("DAT")
    assert info.value.value == "DAT"
    with pytest.raises(ValidationError, match="withdrawn"):
        Incoterm.parse("DDU")
    with pytest.raises(ValidationError, match="unknown Incoterms 2020 rule"):
        Incoterm.parse("FOO")
    with pytest.raises(ValidationError):
        Incoterm.parse(None)


def test_trade_term_text() -> None:
    term = TradeTerm("fob", Place.port("Ningbo", "CN", locode="CNNGB"))
    assert str(term) == "FOB Ningbo Incoterms® 2020"
    assert term.short == "FOB NINGBO"


def test_sea_rule_needs_a_port() -> None:
    with pytest.raises(ValidationError, match="must be a port") as info:
        TradeTerm(Incoterm.FOB, Place("Yiwu", "CN"))
    assert info.value.path == "place"
    assert "FCA, CPT or CIP" in str(info.value)
    # Any-mode rules take inland places.
    assert TradeTerm("FCA", Place("Yiwu", "CN")).incoterm is Incoterm.FCA


def test_trade_term_reports_all_problems() -> None:
    with pytest.raises(ValidationError) as info:
        TradeTerm("DAT", "Hamburg")
    assert [p.path for p in info.value.problems] == ["incoterm", "place"]
