"""The packing list, read back: C/No. ranges, mixed cartons, weights, totals, words, no prices."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from exportdocs import Contract, documents
from exportdocs.render import ItemTable
from tests.documents.conftest import FORMATS, LANGUAGES, contains, rendered_texts

CASES = [(lang, fmt) for lang in LANGUAGES for fmt in FORMATS]
EN_WORDS = "SAY TOTAL FIVE HUNDRED TWENTY-SIX (526) CARTONS ONLY"
ZH_WORDS = "共计伍佰贰拾陆箱"


@pytest.fixture(scope="module")
def texts(contract: Contract) -> dict[tuple[str, str], str]:
    return rendered_texts(lambda lang: documents.packing_list(contract, language=lang))


@pytest.fixture(scope="module")
def table(contract: Contract) -> ItemTable:
    doc = documents.packing_list(contract).document
    return next(b for b in doc.blocks if isinstance(b, ItemTable))


@pytest.mark.parametrize(("lang", "fmt"), CASES)
def test_packing_list_prints_totals_ranges_and_marks(
    texts: dict[tuple[str, str], str], lang: str, fmt: str
) -> None:
    text = texts[lang, fmt]
    for phrase in (
        "BW-2026-0418",
        "NLH-PO-26-0977",
        "3,920.16",
        "4,618.76",
        "40.498",
        "526",
        "1-100",  # the first line's full cartons
        "101-150",
        "151",  # BW-P3012-36's part carton
        "C/NO. 1-526",
        "62×42×36",
        "9.374",
    ):
        assert contains(text, phrase), phrase
    if lang != "zh":
        assert contains(text, EN_WORDS)
        assert contains(text, "PACKING LIST")
    if lang != "en":
        assert contains(text, ZH_WORDS)
        assert contains(text, "装箱单")
    if lang == "en":
        assert not contains(text, ZH_WORDS)
    if lang == "zh":
        assert not contains(text, EN_WORDS)


@pytest.mark.parametrize(("lang", "fmt"), CASES)
def test_packing_list_has_no_prices(texts: dict[tuple[str, str], str], lang: str, fmt: str) -> None:
    text = texts[lang, fmt]
    for price in ("41,690.30", "18.60", "7,440.00", "USD"):
        assert price not in text


def test_mixed_carton_shows_under_every_item_it_holds(table: ItemTable) -> None:
    c_nos = [row[0] for row in table.rows]
    assert c_nos.count("525") == 3  # BW-DL6-12, BW-A60-9, BW-EM-3H
    assert c_nos.count("526") == 3  # BW-GU10-5, BW-ST5050-5M, BW-SW-PIR
    mixed = [row for row in table.rows if row[0] == "525"]
    assert [row[4] for row in mixed] == ["(1)", "(1)", "(1)"]
    assert [row[5] for row in mixed] == ["10 PCS", "20 PCS", "5 PCS"]


def test_every_column_adds_up_to_its_total(table: ItemTable, contract: Contract) -> None:
    def number(text: str) -> Decimal:
        return Decimal(text.split()[0].replace(",", ""))

    own = sum(int(row[4]) for row in table.rows if not row[4].startswith("("))
    assert own + contract.packing_plan.mixed_cartons == 526
    assert table.totals[0][4] == "526"
    for col, total in ((6, "3920.16"), (7, "4618.76"), (9, "40.498")):
        assert sum(number(row[col]) for row in table.rows) == Decimal(total)
        assert number(table.totals[0][col]) == Decimal(total)
    quantities: dict[str, Decimal] = {}
    for row in table.rows:
        unit = row[5].split()[1]
        quantities[unit] = quantities.get(unit, Decimal(0)) + number(row[5])
    assert quantities == {"PCS": Decimal(15804), "ROLLS": Decimal(815)}
    assert table.totals[0][5] == "15,804 PCS\n815 ROLLS"


def test_line_weights_are_the_plans(table: ItemTable, contract: Contract) -> None:
    plan = contract.packing_plan
    rows_by_line: list[list[list[str]]] = []
    for row in table.rows:
        if row[1]:
            rows_by_line.append([])
        rows_by_line[-1].append(list(row))
    for line, rows in zip(plan.lines, rows_by_line, strict=True):
        nw = sum(Decimal(r[6].replace(",", "")) for r in rows)
        gw = sum(Decimal(r[7].replace(",", "")) for r in rows)
        cbm = sum(Decimal(r[9]) for r in rows)
        assert (nw, gw, cbm) == (line.net_weight, line.gross_weight, line.cbm)


ORIGIN = {
    "en": "Country of origin China",
    "zh": "原产地 中国",
    "en-zh": "Country of origin 原产地 China 中国",
}


@pytest.mark.parametrize(("lang", "fmt"), CASES)
def test_packing_list_prints_the_country_of_origin(
    texts: dict[tuple[str, str], str], lang: str, fmt: str
) -> None:
    assert contains(texts[lang, fmt], ORIGIN[lang])


def test_packing_list_lists_different_origins(contract: Contract) -> None:
    items = list(contract.items)
    items[2] = attrs.evolve(items[2], product=attrs.evolve(items[2].product, origin="VN"))
    mixed = attrs.evolve(contract, items=tuple(items))
    for lang, origin in (("en", "China, Vietnam"), ("zh", "中国、越南")):
        doc = documents.packing_list(mixed, language=lang).document
        assert origin in [s for _, s in doc.strings()]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_packing_list_prints_no_internal_note(
    texts: dict[tuple[str, str], str], lang: str, fmt: str
) -> None:
    # How the totals are rounded is the library's business, not a line for the buyer.
    text = texts[(lang, fmt)]
    assert "unrounded" not in text
    assert "未舍入" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_chinese_totals_give_the_volume_in_the_tables_unit(
    texts: dict[tuple[str, str], str], fmt: str
) -> None:
    text = texts[("zh", fmt)]
    assert contains(text, "40.498 立方米")
    assert not contains(text, "40.498 CBM")
