"""The packing list, read back: C/No. ranges, mixed cartons, weights, totals, words, no prices."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import attrs
import pypdf
import pytest

from exportdocs import Contract, Packing, documents
from exportdocs.render import ItemTable
from exportdocs.samples import sample_contract, sample_items
from tests.documents.conftest import FORMATS, LANGUAGES, contains, rendered_texts

CASES = [(lang, fmt) for lang in LANGUAGES for fmt in FORMATS]
EN_WORDS = "SAY TOTAL FIVE HUNDRED TWENTY-SIX (526) CARTONS ONLY"
ZH_WORDS = "共计伍佰贰拾陆箱"


@pytest.fixture(scope="module")
def texts(contract: Contract) -> dict[tuple[str, str], str]:
    return rendered_texts(lambda lang: documents.packing_list(contract, language=lang))


def _plain(table: ItemTable) -> ItemTable:
    """The table with no-break spaces (between a number and its unit) read as spaces."""

    def rows(cells: tuple[tuple[object, ...], ...]) -> list[list[object]]:
        return [[c.replace("\xa0", " ") if isinstance(c, str) else c for c in r] for r in cells]

    return attrs.evolve(table, rows=rows(table.rows), totals=rows(table.totals))


@pytest.fixture(scope="module")
def table(contract: Contract) -> ItemTable:
    return _table_of(contract)


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


def _number(text: str) -> Decimal:
    return Decimal(text.split()[0].replace(",", ""))


def _table_of(contract: Contract, language: str = "en") -> ItemTable:
    doc = documents.packing_list(contract, language=language).document
    return _plain(next(b for b in doc.blocks if isinstance(b, ItemTable)))


def test_every_column_adds_up_to_its_total(table: ItemTable, contract: Contract) -> None:
    own = sum(int(row[4]) for row in table.rows if not row[4].startswith("("))
    assert own + contract.packing_plan.mixed_cartons == 526
    assert table.totals[0][4] == "526"
    for col, total in ((8, "3920.16"), (9, "4618.76"), (10, "40.498")):
        assert sum(_number(row[col]) for row in table.rows) == Decimal(total)
        assert _number(table.totals[0][col]) == Decimal(total)
    quantities: dict[str, Decimal] = {}
    for row in table.rows:
        unit = row[5].split()[1]
        quantities[unit] = quantities.get(unit, Decimal(0)) + _number(row[5])
    assert quantities == {"PCS": Decimal(15804), "ROLLS": Decimal(815)}
    assert table.totals[0][5] == "15,804 PCS\n815 ROLLS"
    # Per-carton figures have no total: a sum of carton weights means nothing.
    assert (table.totals[0][6], table.totals[0][7]) == ("", "")


def test_line_weights_are_the_plans(table: ItemTable, contract: Contract) -> None:
    plan = contract.packing_plan
    for line in plan.lines:
        rows = [r for r in table.rows if r[1] == line.item_no]
        assert len(rows) == len(line.ranges)
        nw = sum(_number(r[8]) for r in rows)
        gw = sum(_number(r[9]) for r in rows)
        cbm = sum(_number(r[10]) for r in rows)
        assert (nw, gw, cbm) == (line.net_weight, line.gross_weight, line.cbm)


HEADERS = {
    "en": ["N.W. PER CTN (KG)", "G.W. PER CTN (KG)", "TOTAL N.W. (KG)", "TOTAL G.W. (KG)"],
    "zh": ["每箱\n净重\n(千克)", "每箱\n毛重\n(千克)", "总净重\n(千克)", "总毛重\n(千克)"],
    "en-zh": [
        "N.W. PER CTN (KG)\n每箱\n净重\n(千克)",
        "G.W. PER CTN (KG)\n每箱\n毛重\n(千克)",
        "TOTAL N.W. (KG)\n总净重\n(千克)",
        "TOTAL G.W. (KG)\n总毛重\n(千克)",
    ],
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_weight_columns_are_per_carton_and_total(contract: Contract, lang: str) -> None:
    titles = [col.title for col in _table_of(contract, lang).columns]
    assert len(titles) == 11
    assert titles[6:10] == HEADERS[lang]


def test_every_row_gives_per_carton_and_total_weights(table: ItemTable) -> None:
    rows = {row[0]: row for row in table.rows if not row[4].startswith("(")}
    # C/No. 1-100: 100 cartons x 9.40 kg = 940.00 kg N.W., x 11.00 kg = 1,100.00 kg G.W.
    assert rows["1-100"][3:11] == (
        "4",
        "100",
        "400 PCS",
        "9.40",
        "11.00",
        "940.00",
        "1,100.00",
        "9.374",
    )
    assert rows["1-100"][2].endswith("\nCarton 62×42×36 cm")
    assert rows["151"][3:11] == (
        "2",
        "1",
        "2 PCS",
        "5.20",
        "6.80",
        "5.20",
        "6.80",
        "0.094",
    )
    assert rows["398-498"][6:10] == ("5.25", "6.65", "530.25", "671.65")
    for row in rows.values():
        cartons = int(row[4].replace(",", ""))
        assert _number(row[6]) * cartons == _number(row[8]), row
        assert _number(row[7]) * cartons == _number(row[9]), row
    # A mixed carton's rows give each item's share of that one carton.
    mixed = [row[6:11] for row in table.rows if row[0] == "525"]
    assert mixed == [
        ("2.60", "3.03", "2.60", "3.03", "0.022"),
        ("0.90", "1.24", "0.90", "1.24", "0.017"),
        ("2.60", "3.03", "2.60", "3.03", "0.021"),
    ]
    assert sum(_number(r[3]) for r in mixed) == Decimal("7.30")  # the carton's G.W.
    assert sum(_number(r[4]) for r in mixed) == Decimal("0.060")  # 50 x 40 x 30 cm


def test_every_row_carries_its_item_number(table: ItemTable, contract: Contract) -> None:
    plan = contract.packing_plan
    expected = [
        (r.numbers, content.item_no)
        for r in plan.ranges
        for content in sorted(r.contents, key=lambda x: x.line)
    ]
    assert [(row[0], row[1]) for row in table.rows] == expected
    assert ("151", "BW-P3012-36") in expected  # the part carton after 101-150
    assert [row[1] for row in table.rows if row[0] == "526"] == [
        "BW-GU10-5",
        "BW-ST5050-5M",
        "BW-SW-PIR",
    ]


def test_rows_follow_the_carton_numbers(table: ItemTable) -> None:
    firsts = [int(row[0].split("-")[0]) for row in table.rows]
    assert firsts == sorted(firsts)
    numbers: list[int] = []
    for row in table.rows:
        first, _, last = row[0].partition("-")
        span = list(range(int(first), int(last or first) + 1))
        if not (numbers and numbers[-1] == span[-1]):  # a mixed carton's second item
            numbers.extend(span)
    assert numbers == list(range(1, 527))  # every carton once, in order
    assert [row[0] for row in table.rows[-7:]] == ["519-524", *["525"] * 3, *["526"] * 3]


def _example_b() -> Contract:
    """packing.md §3: A 1,030 pcs at 0.35 kg, B 50 pcs at 0.50 kg, 24/ctn, 50×40×30, tare 0.90."""
    base = sample_items(2)
    items = []
    for item, (no, qty, nw) in zip(
        base, (("A-1030", 1030, "0.35"), ("B-50", 50, "0.50")), strict=True
    ):
        packing = Packing(24, (50, 40, 30), net_weight_per_unit=nw, tare_per_carton="0.90")
        product = attrs.evolve(item.product, item_no=no, packing=packing)
        items.append(attrs.evolve(item, product=product, quantity=qty))
    return sample_contract(items=tuple(items))


def test_mixed_carton_order_gives_exact_rows_and_totals() -> None:
    table = _table_of(_example_b())
    assert [row[:2] + row[3:] for row in table.rows] == [
        (
            "1-42",
            "A-1030",
            "24",
            "42",
            "1,008 PCS",
            "8.40",
            "9.30",
            "352.80",
            "390.60",
            "2.520",
        ),
        (
            "43-44",
            "B-50",
            "24",
            "2",
            "48 PCS",
            "12.00",
            "12.90",
            "24.00",
            "25.80",
            "0.120",
        ),
        (
            "45",
            "A-1030",
            "22",
            "(1)",
            "22 PCS",
            "7.70",
            "8.53",
            "7.70",
            "8.53",
            "0.055",
        ),
        ("45", "B-50", "2", "(1)", "2 PCS", "1.00", "1.07", "1.00", "1.07", "0.005"),
    ]
    # 45 cartons, not 43 + 3; the mixed carton weighs 8.53 + 1.07 = 9.60 kg gross.
    totals = table.totals[0]
    assert (totals[0], totals[4], totals[5]) == ("1-45", "45", "1,080 PCS")
    assert (totals[8], totals[9], totals[10]) == ("385.50", "426.00", "2.700")


def test_per_carton_weights_finer_than_a_hundredth() -> None:
    # 7 pcs x 0.045 kg = 0.315 kg N.W. per carton, 0.315 + 0.12 = 0.435 kg G.W.:
    # the row shows them rounded (0.32 / 0.44), its totals are the exact 100 x 0.315.
    item = sample_items(1)[0]
    packing = Packing(7, (20, 15, 10), net_weight_per_unit="0.045", tare_per_carton="0.12")
    product = attrs.evolve(item.product, item_no="CL-7", packing=packing)
    table = _table_of(sample_contract(items=(attrs.evolve(item, product=product, quantity=703),)))
    assert [row[:2] + row[3:] for row in table.rows] == [
        (
            "1-100",
            "CL-7",
            "7",
            "100",
            "700 PCS",
            "0.32",
            "0.44",
            "31.50",
            "43.50",
            "0.300",
        ),
        ("101", "CL-7", "3", "1", "3 PCS", "0.14", "0.26", "0.14", "0.26", "0.003"),
    ]
    totals = table.totals[0]
    assert (totals[4], totals[8], totals[9], totals[10]) == ("101", "31.64", "43.76", "0.303")


def _page_tops(contract: Contract) -> list[tuple[str, str]]:
    """(C/No., what follows it) of the first row of every page after the first."""
    reader = pypdf.PdfReader(io.BytesIO(documents.packing_list(contract).pdf()))
    tops = []
    for page in reader.pages[1:]:
        text = page.extract_text()
        if "CBM" not in text:
            continue
        body = text.split("CBM", 1)[1].lstrip()  # the repeated header ends with CBM
        found = re.match(r"(\d+(?:-\s*\d+)?)\s+(\S*)", body)
        if found and not body.startswith(("SAY", "TOTAL")):
            tops.append((re.sub(r"\s", "", found[1]), found[2]))
    return tops


def _long_order(lines: int, words: int) -> Contract:
    """``lines`` lines, each with full cartons and a part carton of its own (no mixing).

    Half the rows continue a line, below its description; descriptions cut to
    ``words`` words change the rows' heights, so where the pages break.
    """
    items = []
    for item in sample_items(lines):
        text = " ".join(item.product.description.split()[:words])
        product = attrs.evolve(item.product, description=text)
        items.append(attrs.evolve(item, product=product, quantity=item.quantity + 1))
    return sample_contract(items=tuple(items), mix_remainders=False)


def test_a_row_at_the_top_of_a_page_names_its_item() -> None:
    continued = []
    for lines, words in ((40, 2), (40, 3), (41, 50), (43, 50)):
        contract = _long_order(lines, words)
        rows = {row[0]: row for row in _table_of(contract).rows}
        tops = _page_tops(contract)
        assert tops
        for c_no, after in tops:
            assert after == rows[c_no][1], (lines, words, c_no)
        continued += [c_no for c_no, _ in tops if not rows[c_no][2].startswith("LED")]
        if continued:
            break
    assert continued, "no page began with a continuation row: pick other order sizes"


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
