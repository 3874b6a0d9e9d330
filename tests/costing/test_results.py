"""The result types: JSON round trip, the assumptions, the HTML view, the wording."""

from __future__ import annotations

import json

from exportdocs import from_json, to_json
from exportdocs.costing import CostSheet, Freight, Target, analyse, cost_sheet
from tests.costing.examples import example, two_lines


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
    assert "<th>Needs approval</th>" in page
    assert "<th>Approval</th>" not in page


def test_sensitivity_lines_round_trip_through_json() -> None:
    from tests.costing.examples import two_lines

    sheet = analyse(two_lines(), ["USD 2.40", "USD 7.80"])  # line B is thin
    assert sheet.sensitivity[3].lines == (1,)
    text = to_json(sheet)
    assert json.loads(text)["sensitivity"][3]["lines"] == [1]
    assert from_json(CostSheet, text) == sheet


def test_assumption_wording_of_freight_and_a_profit_target() -> None:
    from exportdocs.costing._results import freight_text

    box = Freight.per_container("USD 3150", "40HQ", containers=2)
    assert freight_text(box, None) == "USD 3,150.00 per 40HQ × 2"
    assert freight_text(box, None, zh=True) == "USD 3,150.00 / 40HQ × 2"
    lcl = Freight.per_revenue_ton("USD 45")
    assert freight_text(lcl, None) == "USD 45.00 per revenue ton (W/M)"
    assert freight_text(lcl, None, zh=True) == "USD 45.00 / 运费吨 (W/M)"
    assert str(Target.profit_per_unit("CNY 2.5")) == "profit CNY 2.50 per unit"
