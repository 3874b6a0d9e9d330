"""The measured table layout and the keep rules, read back with positions (pdfplumber).

Issue 12: figures split across lines, one table mixing 8, 5.6 and 5.5 pt, Chinese
words and number/unit pairs broken, headings and signatures alone on a page.
"""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
import pytest

from exportdocs.exceptions import RenderError
from exportdocs.render import (
    Column,
    Document,
    ItemTable,
    KeyValueGrid,
    Orientation,
    Style,
    Text,
    Totals,
    render_pdf,
)
from exportdocs.render._layout import breaks, wrap
from tests.render.samples import STYLE

ZH = Style(language="zh")


def _lines(pdf: bytes) -> list[list[dict[str, Any]]]:
    """Per page, the text lines pdfplumber finds, with their characters."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [page.extract_text_lines(return_chars=True) for page in doc.pages]


def _texts(pdf: bytes) -> list[list[str]]:
    return [[line["text"].replace("\u00a0", " ") for line in page] for page in _lines(pdf)]


def _page_of(pages: list[list[str]], marker: str) -> int:
    return next(i for i, page in enumerate(pages) if any(marker in line for line in page))


def _figure_table(weights: str = "0.3") -> ItemTable:
    # The figures in columns whose relative width would once have cut them.
    columns = [
        Column("DESCRIPTION", 6),
        Column("QTY", weights, "right", wrap=False),
        Column("UNIT", weights, wrap=False),
        Column("AMOUNT (USD)", weights, "right", wrap=False),
        Column("CBM", weights, "right", wrap=False),
    ]
    rows = [
        ["Ceramic mug 350 ml, " * 6, "2,000,000", "PCS", "1,234,567.89", "2,633.684"],
        ["Porcelain plate", "159,784\n815", "PCS\nROLLS", "99,999,999.99", "12.500"],
    ]
    totals = [["TOTAL", "2,159,784\n815", "PCS\nROLLS", "101,234,567.88", "2,646.184"]]
    return ItemTable(columns, rows, totals=totals)


FIGURES = ["2,000,000", "1,234,567.89", "2,633.684", "159,784", "99,999,999.99", "2,159,784"]


@pytest.mark.parametrize("style", [STYLE, ZH], ids=["en", "zh"])
def test_a_figure_is_never_split_across_lines(style: Style) -> None:
    pages = _texts(render_pdf(Document([_figure_table()]), style))
    lines = [line for page in pages for line in page]
    for figure in [*FIGURES, "101,234,567.88", "2,646.184"]:
        assert any(figure in line for line in lines), (figure, lines)


def _body_sizes(pdf: bytes, markers: tuple[str, ...]) -> set[float]:
    sizes: set[float] = set()
    for page in _lines(pdf):
        for line in page:
            if line["text"].startswith(markers):
                sizes.update(round(ch["size"], 2) for ch in line["chars"] if ch["text"].strip())
    return sizes


def test_a_table_too_wide_steps_down_as_a_whole_to_no_less_than_7_pt() -> None:
    figure = "10,000,000.00"
    columns = [Column("ITEM", 2), *[Column(f"C{i}", 1, "right", wrap=False) for i in range(8)]]
    rows = [[f"R{r} item", *([figure] * 8)] for r in range(5)]
    rows.append(["R5 short", *(["1"] * 8)])
    pdf = render_pdf(Document([ItemTable(columns, rows)]), STYLE)
    sizes = _body_sizes(pdf, ("R",))
    assert len(sizes) == 1, sizes  # "1" is not bigger than "10,000,000.00"
    (size,) = sizes
    assert 7.0 <= size < 8.0
    assert all(figure in line for line in _texts(pdf)[0] if line.startswith("R0"))


def test_a_table_whose_figures_cannot_fit_at_7_pt_is_refused_not_cut() -> None:
    columns = [Column(f"C{i}", 1, "right", wrap=False) for i in range(16)]
    rows = [["10,000,000.00"] * 16]
    with pytest.raises(RenderError, match=r"blocks\[0\].*7 pt.*landscape"):
        render_pdf(Document([ItemTable(columns, rows)]), STYLE)
    wide = Style(orientation=Orientation.LANDSCAPE)
    with pytest.raises(RenderError, match="landscape"):  # still too wide turned
        render_pdf(Document([ItemTable(columns * 1, [["10,000,000,000.00"] * 16])]), wide)


def test_landscape_gives_a_wide_table_its_room() -> None:
    columns = [Column("ITEM", 2), *[Column(f"C{i}", 1, "right", wrap=False) for i in range(12)]]
    rows = [[f"R{r} item", *(["10,000,000.00"] * 12)] for r in range(3)]
    doc = Document([ItemTable(columns, rows)])
    with pytest.raises(RenderError):
        render_pdf(doc, STYLE)
    pdf = render_pdf(doc, Style(orientation="landscape"))
    with pdfplumber.open(io.BytesIO(pdf)) as read:
        page = read.pages[0]
        assert (round(page.width), round(page.height)) == (842, 595)  # A4 turned, in pt


def test_text_columns_wrap_at_words_and_share_what_figures_leave() -> None:
    pdf = render_pdf(Document([_figure_table()]), STYLE)
    lines = _texts(pdf)[0]
    # The description wraps between words: every line of it ends with a whole word.
    desc = [line.split(" ")[0] for line in lines if line.startswith(("Ceramic", "mug", "350"))]
    assert len(desc) >= 2  # it wraps...
    words = {"Ceramic", "mug", "350", "ml,"}
    for line in lines:  # ... and only between words
        for token in line.split(" "):
            if token[:3] in ("Cer", "mug", "ml,"):
                assert token in words, line


def test_the_last_rows_stay_with_the_totals() -> None:
    columns = [Column("ITEM", 4), Column("AMOUNT", 1, "right", wrap=False)]
    moved = 0
    for n in range(40, 80):
        rows = [[f"ROW{r:03d}", "1.00"] for r in range(n)]
        doc = Document([ItemTable(columns, rows, totals=[["TOTALMARK", f"{n}.00"]])])
        pages = _texts(render_pdf(doc, STYLE))
        p = _page_of(pages, "TOTALMARK")
        with_totals = [line for line in pages[p] if line.startswith("ROW")]
        assert len(with_totals) >= 2, n
        assert f"ROW{n - 1:03d}" in with_totals[-1]
        moved += len(pages) == 2 and len(with_totals) == 2
    assert moved  # the rule was exercised


def test_a_table_kept_with_the_next_block_takes_its_last_rows_along() -> None:
    columns = [Column("ITEM", 4), Column("AMOUNT", 1, "right", wrap=False)]
    words = "SAY US DOLLARS " + "VERY " * 60 + "ONLY"
    for n in range(40, 80, 3):
        rows = [[f"ROW{r:03d}", "1.00"] for r in range(n)]
        table = ItemTable(columns, rows, totals=[["TOTAL", "9.00"]], keep_with_next=True)
        doc = Document([table, Totals([("TOTALMARK", "USD 9.00")], words=words)])
        pages = _texts(render_pdf(doc, STYLE))
        p = _page_of(pages, "TOTALMARK")
        assert sum(line.startswith("ROW") for line in pages[p]) >= 2, n


def test_a_heading_stays_with_the_table_it_heads() -> None:
    columns = [Column("ITEM", 4), Column("AMOUNT", 1, "right", wrap=False)]
    rows = [[f"ROW{r:03d}", "1.00"] for r in range(10)]
    moved = 0
    for n in range(50, 80):
        filler = Text("\n".join(f"filler line {i}" for i in range(n)))
        doc = Document([filler, Text("HEADINGMARK", "heading"), ItemTable(columns, rows)])
        pages = _texts(render_pdf(doc, STYLE))
        heading = _page_of(pages, "HEADINGMARK")
        assert heading == _page_of(pages, "ROW000"), n
        assert pages[heading][-1] != "HEADINGMARK"
        moved += heading == 1
    assert moved


def test_a_bank_box_is_never_split_by_a_page_break() -> None:
    details = [(f"BANKLINE{i}", f"value {i}") for i in range(8)]
    moved = 0
    for n in range(50, 80):
        filler = Text("\n".join(f"filler line {i}" for i in range(n)))
        doc = Document([filler, KeyValueGrid(details, keep_together=True)])
        pages = _texts(render_pdf(doc, STYLE))
        first, last = _page_of(pages, "BANKLINE0"), _page_of(pages, "BANKLINE7")
        assert first == last, n
        moved += first == 1
    assert moved


def test_a_table_uses_one_size_even_when_a_cell_is_crowded() -> None:
    # Once: each figure cell that did not fit shrank on its own (1,000 smaller than 40).
    columns = [Column("DESCRIPTION", 8), Column("MOQ", "0.4", "right", wrap=False)]
    rows = [["R1 mug", "40"], ["R2 plate", "1,000"], ["R3 bowl", "10,000,000"]]
    pdf = render_pdf(Document([ItemTable(columns, rows)]), STYLE)
    assert _body_sizes(pdf, ("R1", "R2", "R3")) == {8.0}


# ----------------------------------------------------------------- line breaking


def test_numbers_keep_their_units_and_ranges_stay_whole() -> None:
    text = "LED driver 1-10 V dimming 40 W output 600×600毫米 angle 360度 size 5 mm"
    adv = {ch: 1000.0 if ch >= "\u2e80" else 500.0 for ch in text}
    for width in range(6000, 20000, 250):  # from the widest unbreakable piece up
        lines = wrap(text, adv, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        for line in lines:
            assert not line.endswith(("1-", "40", "360", "600×600", "600×600毫", " 5")), lines
            assert not line.startswith(("10 V", "V", "W", "毫米", "米", "度", "mm")), lines


def test_chinese_breaks_respect_punctuation() -> None:
    # No break before closing punctuation, none after opening punctuation.
    text = "每箱体积（立方米），净重"
    points = {cut for cut, _ in breaks(text)}
    assert text.index("（") + 1 not in points  # after the opening bracket
    assert text.index("）") not in points  # before the closing bracket
    assert text.index("，") not in points
    assert 1 in points  # between two Han characters


def test_a_chinese_column_title_is_broken_between_words_only() -> None:
    columns = [
        Column("品名及规格", 5),
        Column("起订量", "0.2", "right", wrap=False),
        Column("每箱体积(立方米)", "0.2", "right", wrap=False),
    ]
    pdf = render_pdf(Document([ItemTable(columns, [["杯子", "1,000", "0.036"]])]), ZH)
    lines = _texts(pdf)[0]
    assert any("起订量" in line for line in lines), lines
    assert any("每箱体积" in line for line in lines), lines
    assert not any(line.strip() in ("起订", "量", "体积") for line in lines)


def test_a_quotation_with_more_than_two_price_columns_turns_landscape() -> None:
    from exportdocs import Incoterm, Place, TradeTerm, costing, documents
    from exportdocs.samples import sample_contract, sample_cost_inputs

    terms = [TradeTerm(Incoterm.CFR, Place.port("Hamburg", "DE"))]
    terms.append(TradeTerm(Incoterm.CIF, Place.port("Hamburg", "DE")))
    quote = costing.quote(sample_cost_inputs(), ["FOB", "CFR", "CIF"])
    prices = documents.price_columns(quote, terms, base=sample_contract())
    doc = documents.quotation(sample_contract(), prices=prices)
    assert doc.style.orientation is Orientation.LANDSCAPE
    two = documents.quotation(sample_contract(), prices=prices[:1])
    assert two.style.orientation is Orientation.PORTRAIT
    kept = documents.quotation(sample_contract(), prices=prices, orientation="portrait")
    assert kept.style.orientation is Orientation.PORTRAIT
    with pdfplumber.open(io.BytesIO(doc.pdf() or b"")) as read:
        assert read.pages[0].width > read.pages[0].height


def test_a_landscape_docx_turns_its_page() -> None:
    import zipfile

    from exportdocs.render import render_docx

    doc = Document([Text("wide")])
    xml = zipfile.ZipFile(io.BytesIO(render_docx(doc, Style(orientation="landscape")))).read(
        "word/document.xml"
    )
    assert b'<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>' in xml
    xml = zipfile.ZipFile(io.BytesIO(render_docx(doc, STYLE))).read("word/document.xml")
    assert b'<w:pgSz w:w="11906" w:h="16838"/>' in xml
