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
from tests.render.samples import STYLE, pdf_pages, sample, squash


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


def test_character_neither_latin_nor_cjk_font_covers_is_a_render_error() -> None:
    doc = Document([Text("早上好 \U00010000")])
    with pytest.raises(
        RenderError,
        match=r"blocks\[0\]\.text: no available font has the character '\U00010000' \(U\+10000\)",
    ):
        render_pdf(doc, Style(language="zh"))


def test_search_list_with_no_font_on_disk_uses_the_bundled_cjk_font() -> None:
    style = Style(language=Language.ZH, fonts=FontSet(cjk_search=["/nonexistent/font.ttc"]))
    data = render_pdf(sample(1), style)
    assert b"ExportDocsCJKSC" in data


def test_chinese_text_in_english_document_with_missing_cjk_font_names_the_block() -> None:
    style = Style(fonts=FontSet(cjk_regular="/nonexistent/NotoSansSC.otf"))
    with pytest.raises(
        FontNotFoundError, match=r"blocks\[0\]\.text.*'形'.*/nonexistent/NotoSansSC\.otf"
    ):
        render_pdf(Document([Text("形式发票")]), style)


def test_given_cjk_font_that_does_not_exist_is_reported() -> None:
    style = Style(language="zh", fonts=FontSet(cjk_regular="/nonexistent/NotoSansSC.otf"))
    with pytest.raises(FontNotFoundError, match=r"given in FontSet\.cjk_regular does not exist"):
        render_pdf(sample(1), style)


def test_chinese_document_has_every_string_and_chinese_footer() -> None:
    doc = sample(40, zh=True, title="形式发票")
    pages = pdf_pages(render_pdf(doc, Style(STYLE.letterhead, language="zh")))
    text = squash("".join(pages))
    assert [(w, s) for w, s in doc.strings() if squash(s) not in text] == []
    assert f"第1页/共{len(pages)}页" in squash(pages[0])


def test_bilingual_footer_shows_both_languages() -> None:
    pages = pdf_pages(
        render_pdf(sample(3, title="PROFORMA INVOICE 形式发票"), Style(language="en-zh"))
    )
    assert "Page1of1第1页/共1页" in squash(pages[0])
    assert "PROFORMAINVOICE形式发票" in squash(pages[0])


def test_chinese_output_is_deterministic() -> None:
    style = Style(language="zh")
    first = render_pdf(sample(5, zh=True), style)
    render_pdf(Document([Text("鑫 新的字符 让工作字体增长")]), style)  # grows the working font
    assert first == render_pdf(sample(5, zh=True), style)


def _page_of(pages: list[str], marker: str) -> int:
    return next(i for i, page in enumerate(pages) if marker in squash(page))


@pytest.mark.parametrize("spacers", [0, 1, 2])
def test_notes_before_the_signatures_stay_on_their_page(spacers: int) -> None:
    # The documents put a Spacer between the notes and the signatures (issue 12, item 2:
    # a page with only the signatures); the keep rule (data on the note) looks past it.
    from exportdocs.render import Signature, Signatures, Spacer

    sigs = Signatures([Signature("SELLERSIGN", "A"), Signature("BUYERSIGN", "B")])
    moved = 0
    for n in range(40, 75):
        # The filler ends lower on page 1 as n grows; for some n the note would fit on
        # page 1 and the signatures would not.
        filler = Text("\n".join(f"filler line {i}" for i in range(n)))
        note = Text("NOTEMARK: prices subject to confirmation.", keep_with_next=True)
        doc = Document([filler, note, *[Spacer(4)] * spacers, sigs])
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
