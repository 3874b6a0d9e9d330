"""The cost-analysis sheet, read back: inputs, figures, margins, approval and FX sensitivity."""

from __future__ import annotations

import pytest

from exportdocs import Contract, documents
from exportdocs._costing import CostSheet
from exportdocs.exceptions import ValidationError
from tests.documents.conftest import FORMATS, LANGUAGES, contains, rendered_texts

CASES = [(lang, fmt) for lang in LANGUAGES for fmt in FORMATS]


@pytest.fixture(scope="module")
def texts(contract: Contract, sheet: CostSheet) -> dict[tuple[str, str], str]:
    return rendered_texts(lambda lang: documents.cost_analysis(sheet, contract, language=lang))


@pytest.mark.parametrize(("lang", "fmt"), CASES)
def test_cost_sheet_prints_every_figure(
    texts: dict[tuple[str, str], str], lang: str, fmt: str
) -> None:
    text = texts[lang, fmt]
    for phrase in (
        "BW-PI-2026-0418",
        "7.10 CNY/USD",  # exchange rate
        "104.50",  # purchase price incl. VAT, line 1
        "13%",
        "9%",  # rebate of BW-SW-PIR
        "92.4779",  # ex-VAT price, line 1
        "12.0221",  # refund per unit, line 1
        "2,800.00",  # inland freight
        "17.74",  # CIF price per rule, line 1
        "41,690.30",  # invoice value
        "296,001.14",  # net income CNY
        "214,765.59",  # goods cost
        "5,600.00",  # domestic costs
        "444.01",  # bank charges
        "220,809.60",
        "75,191.54",  # profit
        "25.40%",  # order margin on sale
        "34.05%",
        "5.2964",  # exchange cost
        "2.66%",  # the thin line
        "6.9113",
        "6.7450",  # -5 % rate
        "281,201.06",
        "89,969.39",  # +5 % profit
        "28.95%",
    ):
        assert contains(text, phrase), phrase
    if lang != "zh":
        assert contains(text, "APPROVAL REQUIRED")
        assert contains(text, "line 5: margin on sale 2.66% is below 5.00%")
        assert contains(text, "Approved by")
        assert contains(text, "COST ANALYSIS SHEET")
    if lang != "en":
        assert contains(text, "需经理审批")
        assert contains(text, "第5行：销售利润率 2.66% 低于 5.00%")
        assert contains(text, "审批人")
        assert contains(text, "成本核算表")
        assert contains(text, "内陆运费")


def test_approval_flag_per_line(contract: Contract, sheet: CostSheet) -> None:
    from exportdocs.render import ItemTable

    doc = documents.cost_analysis(sheet, contract).document
    flags = [b for b in doc.blocks if isinstance(b, ItemTable)][4]
    assert [row[-1] for row in flags.rows] == ["no"] * 4 + ["yes"] + ["no"] * 7
    assert flags.totals[0][-1] == "yes"


def test_cost_sheet_must_match_the_contract(contract: Contract, sheet: CostSheet) -> None:
    import attrs

    short = attrs.evolve(contract, items=contract.items[:3])
    with pytest.raises(ValidationError, match="the sheet has 12 lines, the contract 3") as exc:
        documents.cost_analysis(sheet, short)
    assert exc.value.problems[0].path == "sheet.lines"
    with pytest.raises(ValidationError, match="expected a costing CostSheet, not str"):
        documents.cost_analysis("sheet", contract)  # type: ignore[arg-type]
