"""DOCX output read back with python-docx: strings, repeated header rows, fields, fonts."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn

from exportdocs.exceptions import RenderError
from exportdocs.render import Column, Document, ItemTable, Paper, Style, Text, render_docx
from exportdocs.render._docx import CJK_FONT
from tests.render.samples import STYLE, sample, squash


def all_text(d: docx.document.Document) -> str:
    """Every w:t of the body and footers, in document order."""
    parts = [t.text or "" for t in d.element.body.iter(qn("w:t"))]
    for section in d.sections:
        parts.extend(t.text or "" for t in section.footer._element.iter(qn("w:t")))
    return "".join(parts)


def read(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


@pytest.mark.parametrize("zh", [False, True])
def test_every_string_of_every_block_is_in_the_docx(zh: bool) -> None:
    doc = sample(12, zh=zh)
    text = squash(
        all_text(read(render_docx(doc, Style(STYLE.letterhead, language="en-zh" if zh else "en"))))
    )
    assert [(w, s) for w, s in doc.strings() if squash(s) not in text] == []


def test_item_table_is_a_word_table_with_repeated_header_and_totals_last() -> None:
    d = read(render_docx(sample(1000), STYLE))
    table = max(d.tables, key=lambda t: len(t.rows))
    assert len(table.rows) == 1 + 1000 + 1
    first_tr = table.rows[0]._tr
    assert first_tr.trPr is not None
    assert first_tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(tr.trPr.find(qn("w:tblHeader")) is None for tr in table._tbl.tr_lst[1:])
    assert [c.text for c in table.rows[0].cells] == [
        "NO.",
        "DESCRIPTION",
        "QTY",
        "UNIT",
        "UNIT PRICE (USD)",
        "AMOUNT (USD)",
    ]
    assert table.rows[-1].cells[-1].text == "USD 16,875.00"
    # A number keeps its unit with a no-break space, so Word never ends a line between them.
    assert table.rows[1000].cells[1].text.startswith("Item 1000 ceramic mug 350\u00a0ml, glazed")


def test_numeric_columns_are_right_aligned() -> None:
    d = read(render_docx(sample(2), STYLE))
    table = max(d.tables, key=lambda t: len(t.rows))
    jc = table.rows[1].cells[5]._tc.find(".//" + qn("w:jc"))
    assert jc.get(qn("w:val")) == "right"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Page  of "), ("zh", "第  页 / 共  页"), ("en-zh", "Page  of    第  页 / 共  页")],
)
def test_footer_has_page_and_numpages_fields(language: str, expected: str) -> None:
    d = read(render_docx(Document([Text("x")]), Style(language=language)))
    footer = d.sections[0].footer._element
    instr = [f.get(qn("w:instr")).strip() for f in footer.iter(qn("w:fldSimple"))]
    assert ["PAGE", "NUMPAGES"] * (2 if language == "en-zh" else 1) == instr
    literal = "".join(
        t.text for t in footer.iter(qn("w:t")) if t.getparent().getparent().tag != qn("w:fldSimple")
    )
    assert expected == literal


def test_east_asian_font_and_page_setup() -> None:
    d = read(render_docx(sample(1), Style(paper=Paper.LETTER, margins=20)))
    # The fonts are named in the document defaults (styles.xml w:rPrDefault), which every
    # style and run inherits; see test_fallback for the Latin font and the languages.
    defaults = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    fonts = defaults.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == CJK_FONT
    section = d.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (216, 279)
    assert round(section.left_margin.mm) == 20


def test_same_input_gives_identical_bytes() -> None:
    assert render_docx(sample(10), STYLE) == render_docx(sample(10), STYLE)


def test_control_character_is_refused_naming_the_cell() -> None:
    doc = Document([ItemTable([Column("A")], [["fine"], ["bell\x07"]])])
    with pytest.raises(
        RenderError, match=r"blocks\[0\]\.rows\[1\]\[0\]: the control character '\\x07'"
    ):
        render_docx(doc)


def test_item_tables_land_in_order_between_the_other_blocks() -> None:
    # Every block is written into document.xml as text (an earlier version put item tables
    # in place of marker elements): two tables and the paragraphs around them keep their
    # order, and no marker is left.
    import zipfile

    cols = [Column("A"), Column("B", align="right")]
    doc = Document(
        [
            Text("before"),
            ItemTable(cols, [["a1", "1"], ["a2", "2"]]),
            Text("between"),
            ItemTable(cols, [["b1", "3"]], totals=[["total", "4"]]),
            Text("after"),
        ]
    )
    data = render_docx(doc, STYLE)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "exportdocsItemTable" not in xml
    d = read(data)
    assert [[c.text for c in row.cells] for t in d.tables for row in t.rows] == [
        ["A", "B"],
        ["a1", "1"],
        ["a2", "2"],
        ["A", "B"],
        ["b1", "3"],
        ["total", "4"],
    ]
    order = [
        child.tag.rsplit("}", 1)[1] + ":" + "".join(t.text or "" for t in child.iter(qn("w:t")))
        for child in d.element.body
        if child.tag in (qn("w:p"), qn("w:tbl"))
        and "".join(t.text or "" for t in child.iter(qn("w:t")))
    ]
    assert order == ["p:before", "tbl:ABa11a22", "p:between", "tbl:ABb13total4", "p:after"]


@pytest.mark.parametrize("spacers", [0, 1])
def test_notes_before_the_signatures_keep_with_them(spacers: int) -> None:
    from exportdocs.render import Signature, Signatures, Spacer

    doc = Document(
        [
            Text("FILLER"),
            Text("NOTEMARK one\n\nNOTEMARK two", keep_with_next=True),
            *[Spacer(4)] * spacers,
            Signatures([Signature("SELLERSIGN"), Signature("BUYERSIGN")]),
        ]
    )
    d = read(render_docx(doc, STYLE))
    keep = {p.text: bool(p.paragraph_format.keep_with_next) for p in d.paragraphs if p.text}
    assert keep == {"FILLER": False, "NOTEMARK one": True, "NOTEMARK two": True}
    # The Spacer's own (empty) paragraph keeps with the signatures too.
    empty = [p for p in d.paragraphs if not p.text][-spacers:] if spacers else []
    assert all(p.paragraph_format.keep_with_next for p in empty)
    sig_table = d.tables[-1]
    assert sig_table.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
