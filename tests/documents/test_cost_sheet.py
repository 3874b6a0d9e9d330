"""The cost-analysis sheet, read back: inputs, figures, margins, approval and FX sensitivity."""

from __future__ import annotations

import pytest

from exportdocs import Contract, documents
from exportdocs.costing import CostSheet
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
        "BW-2026-0418",
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
        # The assumptions in Chinese, figures unchanged.
        for phrase in (
            "逐步核算",
            "销售利润率 15.00%",
            "按发票金额的110%投保，费率 0.30%",
            "USD 3,150.00 / 40HQ × 1",
            "销售利润率 < 5.00%",
            "保留2位小数，四舍五入",
        ):
            assert contains(text, phrase), phrase
    if lang == "zh":  # no English wording left in a Chinese sheet
        for english in ("stepwise", "margin on sale", "of the invoice value", "half-up", " per "):
            assert english not in text, english
    else:
        for phrase in ("stepwise", "margin on sale 15.00%", "0.30% on 110% of the invoice value"):
            assert contains(text, phrase), phrase


def test_approval_flag_per_line(contract: Contract, sheet: CostSheet) -> None:
    from exportdocs.render import ItemTable

    doc = documents.cost_analysis(sheet, contract).document
    flags = [b for b in doc.blocks if isinstance(b, ItemTable)][4]
    assert [row[-1] for row in flags.rows] == ["—"] * 4 + ["yes"] + ["—"] * 7
    assert flags.totals[0][-1] == "yes"


def test_sensitivity_at_the_rate_itself_agrees_with_the_sheet(
    contract: Contract, sheet: CostSheet
) -> None:
    # Line 5's thin margin needs approval, so the ±0 % row says so too (the order's
    # own margin, 25.40 %, is not thin): the sheet tells one story.
    from exportdocs.render import ItemTable

    assert sheet.approval.required
    doc = documents.cost_analysis(sheet, contract).document
    fx = [b for b in doc.blocks if isinstance(b, ItemTable)][5]
    (zero,) = [row for row in fx.rows if row[0] == "±0%"]
    assert zero[-1] == "yes"
    assert [row[-1] for row in fx.rows] == ["yes"] * 5 + ["—"] * 2


MONEY_HEADERS = {
    "en": [
        "PURCHASE PRICE INCL. VAT (CNY)",
        "EX-VAT PRICE (CNY)",
        "REFUND/UNIT (CNY)",
        "REAL COST/UNIT (CNY)",
        "LIST PRICE (USD)",
        "AMOUNT (CNY)",
        "UNIT PRICE (USD)",
        "INVOICE VALUE (USD)",
        "NET INCOME (USD)",
        "NET INCOME (CNY)",
        "GOODS COST (CNY)",
        "TOTAL COST (CNY)",
        "PROFIT (CNY)",
    ],
    "zh": [
        "含税采购价 (CNY)",
        "不含税价 (CNY)",
        "单位退税额 (CNY)",
        "实际成本/单位 (CNY)",
        "底价 (USD)",
        "金额 (CNY)",
        "单价 (USD)",
        "发票金额 (USD)",
        "净收入 (CNY)",
        "总成本 (CNY)",
        "利润 (CNY)",
    ],
}


@pytest.mark.parametrize(("lang", "fmt"), CASES)
def test_every_money_header_names_its_currency(
    texts: dict[tuple[str, str], str], lang: str, fmt: str
) -> None:
    text = texts[lang, fmt]
    wanted = {"en": ["en"], "zh": ["zh"], "en-zh": []}[lang]
    for phrase in [h for key in wanted for h in MONEY_HEADERS[key]]:
        assert contains(text, phrase), phrase
    if lang == "en-zh":  # English then Chinese, then the currency
        for phrase in ("EX-VAT PRICE 不含税价 (CNY)", "LIST PRICE 底价 (USD)", "AMOUNT 金额 (CNY)"):
            assert contains(text, phrase), phrase


@pytest.mark.parametrize(("lang", "fmt"), CASES)
def test_the_approval_column_reads_needs_approval(
    texts: dict[tuple[str, str], str], lang: str, fmt: str
) -> None:
    text = texts[lang, fmt]
    header = {"en": "NEEDS APPROVAL", "zh": "需审批", "en-zh": "NEEDS APPROVAL 需审批"}[lang]
    assert contains(text, header)
    if lang != "zh":
        assert " no\n" not in text + "\n"  # lines without a reason show "—", not "no"


def test_cost_sheet_must_match_the_contract(contract: Contract, sheet: CostSheet) -> None:
    import attrs

    short = attrs.evolve(contract, items=contract.items[:3])
    with pytest.raises(ValidationError, match="the sheet has 12 lines, the contract 3") as exc:
        documents.cost_analysis(sheet, short)
    assert exc.value.problems[0].path == "sheet.lines"
    with pytest.raises(ValidationError, match="expected a costing CostSheet, not str"):
        documents.cost_analysis("sheet", contract)


@pytest.mark.parametrize("fmt", FORMATS)
def test_long_bilingual_title_breaks_between_the_languages(
    texts: dict[tuple[str, str], str], fmt: str
) -> None:
    # Too wide for the title cell on one line: the break falls before 成本核算表, not inside it.
    lines = texts["en-zh", fmt].splitlines()
    assert "COST ANALYSIS SHEET" in lines
    assert "成本核算表" in lines
