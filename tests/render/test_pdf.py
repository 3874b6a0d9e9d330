"""PDF output read back with pypdf: every string, pagination, fonts, determinism."""

from __future__ import annotations

import re

import pytest

from exportdocs.exceptions import FontNotFoundError, RenderError
from exportdocs.render import (
    Column,
    Document,
    DocumentMeta,
    FontSet,
    Header,
    ItemTable,
    Language,
    Paper,
    Style,
    Text,
    _fonts,
    render_pdf,
)
from tests.render.samples import COLUMNS, STYLE, needs_cjk, pdf_pages, rows, sample, squash


def test_every_string_of_every_block_is_in_the_pdf() -> None:
    doc = sample(8)
    text = squash("".join(pdf_pages(render_pdf(doc, STYLE))))
    missing = [(where, s) for where, s in doc.strings() if squash(s) not in text]
    assert missing == []


def test_letterhead_is_printed() -> None:
    text = squash("".join(pdf_pages(render_pdf(sample(1), STYLE))))
    for s in (
        "NINGBO HAIDA TRADING CO., LTD.",
        "Tel: +86 574 8888 1234",
        "Ningbo 315000, Zhejiang, China",
    ):
        assert squash(s) in text


def test_long_table_repeats_header_numbers_pages_and_ends_with_totals() -> None:
    totals = [["", "TOTAL", "4,500", "", "", "USD 16,875.00"]]
    doc = Document([Header("PACKING LIST"), ItemTable(COLUMNS, rows(1000), totals=totals)])
    pages = pdf_pages(render_pdf(doc, STYLE))
    n = len(pages)
    assert n > 20
    for i, page in enumerate(pages, start=1):
        flat = squash(page)
        assert f"Page{i}of{n}" in flat
        if 1 < i < n:  # every page the table runs over starts with the header row
            assert squash("DESCRIPTIONQTYUNITUNIT PRICE (USD)AMOUNT (USD)") in flat
        assert ("USD16,875.00" in flat) == (i == n)  # table totals only on the last page
    body = squash("".join(pages))
    assert all(squash(f"Item {k:04d} ceramic mug") in body for k in range(1, 1001))


def test_rows_are_in_order_across_pages() -> None:
    body = squash("".join(pdf_pages(render_pdf(sample(300), STYLE))))
    positions = [body.index(squash(f"Item {k:04d} ceramic")) for k in range(1, 301)]
    assert sorted(positions) == positions


def test_same_input_gives_identical_bytes() -> None:
    first = render_pdf(sample(30), STYLE)
    render_pdf(sample(3, title="OTHER DOCUMENT Ω"), STYLE)  # another document in between
    assert first == render_pdf(sample(30), STYLE)


def test_identifier_and_creation_date_come_from_meta() -> None:
    import datetime as dt

    meta = DocumentMeta(identifier="HD-PI-2025-017", created=dt.date(2025, 3, 15))
    data = render_pdf(Document([Text("x")], meta), STYLE)
    assert b"/CreationDate (D:20250315000000Z" in data or b"D:20250315000000" in data
    other = render_pdf(Document([Text("x")], DocumentMeta(identifier="OTHER")), STYLE)
    assert re.search(rb"/ID \[<([0-9A-F]+)>", data).group(1) != re.search(
        rb"/ID \[<([0-9A-F]+)>", other
    ).group(1)  # type: ignore[union-attr]


def test_fonts_are_parsed_once_per_process() -> None:
    render_pdf(sample(5), STYLE)
    before = _fonts.parse_count()
    render_pdf(sample(5), STYLE)
    assert before == _fonts.parse_count()


def test_letter_paper_and_margins() -> None:
    import io

    import pypdf

    data = render_pdf(sample(2), Style(paper=Paper.LETTER, margins=20))
    box = pypdf.PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_trade_symbols_render_with_the_bundled_font() -> None:
    text = squash("".join(pdf_pages(render_pdf(Document([Text("® € ¥ × ³ ± ° Ω")]), STYLE))))
    assert "®€¥×³±°Ω" in text


def test_character_no_font_covers_is_refused_naming_block() -> None:
    doc = Document([Header("INVOICE"), ItemTable([Column("A")], [["ok"], ["bad \U00010000"]])])
    with pytest.raises(RenderError, match=r"blocks\[1\]\.rows\[1\]\[0\].*U\+10000") as info:
        render_pdf(doc, Style(fonts=FontSet(cjk_search=[])))
    assert not isinstance(info.value, FontNotFoundError) or "CJK" in str(info.value)


@needs_cjk
def test_character_neither_latin_nor_cjk_font_covers_is_a_render_error() -> None:
    doc = Document([Text("早上好 \U00010000")])
    with pytest.raises(
        RenderError,
        match=r"blocks\[0\]\.text: no available font has the character '\U00010000' \(U\+10000\)",
    ):
        render_pdf(doc, Style(language="zh"))


def test_missing_cjk_font_raises_with_advice() -> None:
    style = Style(language=Language.ZH, fonts=FontSet(cjk_search=["/nonexistent/font.ttc"]))
    with pytest.raises(
        FontNotFoundError,
        match=r"no CJK font found.*/nonexistent/font\.ttc.*fonts-noto-cjk.*FontSet\(cjk_regular=",
    ):
        render_pdf(sample(1), style)


def test_chinese_text_in_english_document_without_cjk_font_names_the_block() -> None:
    style = Style(fonts=FontSet(cjk_search=[]))
    with pytest.raises(
        FontNotFoundError, match=r"blocks\[0\]\.text.*'形'.*apt-get install fonts-noto-cjk"
    ):
        render_pdf(Document([Text("形式发票")]), style)


def test_given_cjk_font_that_does_not_exist_is_reported() -> None:
    style = Style(language="zh", fonts=FontSet(cjk_regular="/nonexistent/NotoSansSC.otf"))
    with pytest.raises(FontNotFoundError, match=r"given in FontSet\.cjk_regular does not exist"):
        render_pdf(sample(1), style)


@needs_cjk
def test_chinese_document_has_every_string_and_chinese_footer() -> None:
    doc = sample(40, zh=True, title="形式发票")
    pages = pdf_pages(render_pdf(doc, Style(STYLE.letterhead, language="zh")))
    text = squash("".join(pages))
    assert [(w, s) for w, s in doc.strings() if squash(s) not in text] == []
    assert f"第1页/共{len(pages)}页" in squash(pages[0])


@needs_cjk
def test_bilingual_footer_shows_both_languages() -> None:
    pages = pdf_pages(
        render_pdf(sample(3, title="PROFORMA INVOICE 形式发票"), Style(language="en-zh"))
    )
    assert "Page1of1第1页/共1页" in squash(pages[0])
    assert "PROFORMAINVOICE形式发票" in squash(pages[0])


@needs_cjk
def test_chinese_output_is_deterministic() -> None:
    style = Style(language="zh")
    first = render_pdf(sample(5, zh=True), style)
    render_pdf(Document([Text("龘 新的字符 让工作字体增长")]), style)  # grows the working font
    assert first == render_pdf(sample(5, zh=True), style)


def test_cell_taller_than_a_page_is_split_across_pages_without_losing_text() -> None:
    words = " ".join(f"w{k:04d}" for k in range(330))  # 1,980 characters in a narrow column
    doc = Document(
        [ItemTable([Column("A", 1), Column("B", 9)], [[words, "first"], ["x", "second"]])]
    )
    pages = pdf_pages(render_pdf(doc, STYLE))
    assert len(pages) >= 2
    body = squash("".join(pages))
    positions = [body.index(f"w{k:04d}") for k in range(330)]
    assert sorted(positions) == positions
    assert body.index("second") > positions[-1]


def _page_of(pages: list[str], marker: str) -> int:
    return next(i for i, page in enumerate(pages) if marker in squash(page))


def test_notes_before_the_signatures_stay_on_their_page() -> None:
    from exportdocs.render import Signature, Signatures

    sigs = Signatures([Signature("SELLERSIGN", "A"), Signature("BUYERSIGN", "B")])
    moved = 0
    for n in range(40, 75):
        # The filler ends lower on page 1 as n grows; for some n the note would fit on
        # page 1 and the signatures would not.
        filler = Text("\n".join(f"filler line {i}" for i in range(n)))
        doc = Document([filler, Text("NOTEMARK: prices subject to confirmation."), sigs])
        pages = pdf_pages(render_pdf(doc, STYLE))
        note, seller = _page_of(pages, "NOTEMARK"), _page_of(pages, "SELLERSIGN")
        assert note == seller, n
        # The whole filler on page 1, the note and the signatures together on page 2.
        moved += note == 1 and squash(f"filler line {n - 1}") in squash(pages[0])
    assert moved  # the rule was exercised


def test_a_text_longer_than_a_page_before_the_signatures_flows() -> None:
    from exportdocs.render import Signature, Signatures

    long_text = Text("\n".join(f"condition {i}" for i in range(120)))
    sigs = Signatures([Signature("SELLERSIGN"), Signature("BUYERSIGN")])
    doc = Document([Text("INTRO"), long_text, sigs])
    pages = pdf_pages(render_pdf(doc, STYLE))
    assert _page_of(pages, "INTRO") == _page_of(pages, "condition0") == 0


def test_a_header_word_is_shrunk_not_cut() -> None:
    # "APPROVAL" at 7.5 pt bold is wider than a 0.75-part column: the header prints it whole
    # at a smaller size instead of "APPROVA" over "L".
    cols = [Column(t) for t in "ABCDEFG"] + [Column("APPROVAL", width="0.75")]
    doc = Document([ItemTable(cols, [["x"] * len(cols)])])
    text = pdf_pages(render_pdf(doc, STYLE))[0]
    assert "APPROVAL" in text.split()
    assert "APPROVA" not in text.split()
