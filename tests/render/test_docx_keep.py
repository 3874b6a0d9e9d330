"""DOCX keep rules and headings: Heading styles, w:keepNext, w:keepLines, w:cantSplit.

The blocks' keep rules (``_layout.keep_chain``) become paragraph and row properties that
Word and LibreOffice honour: a heading keeps with what it heads, a bank box stays whole,
an item table's end keeps with the totals, the notes with the signatures.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from docx.oxml.ns import qn
from lxml import etree

from exportdocs import documents
from exportdocs.render import (
    Column,
    Document,
    Header,
    ItemTable,
    KeyValueGrid,
    Signature,
    Signatures,
    Spacer,
    Style,
    Text,
    Totals,
    render_docx,
)
from exportdocs.samples import sample_contract

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def parts(data: bytes) -> tuple[Any, Any]:
    """The body and the styles element of a DOCX."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        document = etree.fromstring(z.read("word/document.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))
    return document.find(qn("w:body")), styles


def text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def keeps(p: Any) -> bool:
    """Whether the paragraph itself says keepNext (on)."""
    k = p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}")
    return k is not None and k.get(qn("w:val")) in (None, "1", "true")


def style_of(p: Any) -> str | None:
    s = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return None if s is None else str(s.get(qn("w:val")))


def rows(tbl: Any) -> list[Any]:
    return list(tbl.iterchildren(qn("w:tr")))


def row_keeps(tr: Any) -> list[bool]:
    return [keeps(p) for p in tr.iter(qn("w:p"))]


def cant_split(tr: Any) -> bool:
    return tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None


def table_with(body: Any, mark: str) -> Any:
    return next(t for t in body.iterchildren(qn("w:tbl")) if mark in text(t))


def test_title_and_headings_use_heading_styles_defined_to_keep_with_next() -> None:
    doc = Document([Header("PROFORMA INVOICE"), Text("BANK DETAILS", "heading"), Text("body")])
    body, styles = parts(render_docx(doc, Style(accent="#A01020")))
    paragraphs = {text(p): style_of(p) for p in body.iter(qn("w:p")) if text(p)}
    assert paragraphs == {"PROFORMA INVOICE": "Heading1", "BANK DETAILS": "Heading2", "body": None}
    expected = [("Heading1", "heading 1", "0", "30"), ("Heading2", "heading 2", "1", "22")]
    for style_id, name, level, size in expected:
        (style,) = styles.xpath(f'w:style[@w:styleId="{style_id}"]', namespaces={"w": W})
        assert style.find(qn("w:name")).get(qn("w:val")) == name
        ppr, rpr = style.find(qn("w:pPr")), style.find(qn("w:rPr"))
        assert ppr.find(qn("w:keepNext")) is not None
        assert ppr.find(qn("w:keepLines")) is not None
        assert ppr.find(qn("w:outlineLvl")).get(qn("w:val")) == level  # the navigation pane
        assert rpr.find(qn("w:b")) is not None
        assert rpr.find(qn("w:color")).get(qn("w:val")) == "A01020"  # the accent
        assert rpr.find(qn("w:sz")).get(qn("w:val")) == size  # 15 pt and 11 pt as before
        assert rpr.find(qn("w:rFonts")) is None  # the document fonts, not the theme's
    # The runs carry no formatting of their own: the style's is what shows.
    title = next(p for p in body.iter(qn("w:p")) if text(p) == "PROFORMA INVOICE")
    assert title.find(f"{qn('w:r')}/{qn('w:rPr')}") is None


def test_a_heading_told_not_to_keep_switches_the_styles_keep_off() -> None:
    body, _ = parts(render_docx(Document([Text("LAST WORD", "heading", keep_with_next=False)])))
    (p,) = [p for p in body.iter(qn("w:p")) if text(p)]
    assert style_of(p) == "Heading2"
    assert p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}").get(qn("w:val")) == "0"


@pytest.fixture(scope="module")
def pi_body() -> Any:
    pi = documents.proforma_invoice(sample_contract(), language="en")
    data = pi.docx()
    assert data is not None
    return parts(data)[0]


def test_pi_remarks_keep_with_the_signatures(pi_body: Any) -> None:
    children = list(pi_body)
    signatures = next(i for i, c in enumerate(children) if "For and on behalf" in text(c))
    remarks = next(i for i, c in enumerate(children) if text(c).startswith("REMARKS"))
    between = children[remarks:signatures]
    assert [c.tag for c in between] == [qn("w:p")] * len(between)
    assert all(keeps(p) for p in between)  # the remarks, the Spacer, the gap
    # The remarks paragraph is not split either.
    assert children[remarks].find(f"{qn('w:pPr')}/{qn('w:keepLines')}") is not None
    # The marks and packing before the remarks keep too: the chain runs from the bank box
    # to the signatures, so the last page never holds only notes (issue 12).
    assert keeps(children[remarks - 1])


def test_pi_bank_box_stays_whole_under_its_heading(pi_body: Any) -> None:
    children = list(pi_body)
    heading = next(i for i, c in enumerate(children) if text(c) == "BANK DETAILS FOR T/T")
    assert style_of(children[heading]) == "Heading2"
    bank = children[heading + 1]
    assert bank.tag == qn("w:tbl")
    trs = rows(bank)
    assert len(trs) >= 4
    assert all(cant_split(tr) for tr in trs)
    # Whole (every row keeps with the next), and with what follows it up to the
    # signatures: its last row keeps too.
    assert [all(row_keeps(tr)) for tr in trs] == [True] * len(trs)


def test_pi_item_table_end_keeps_with_the_totals(pi_body: Any) -> None:
    table = table_with(pi_body, "DESCRIPTION")
    trs = rows(table)
    pi = documents.proforma_invoice(sample_contract(), language="en")
    (item_table,) = [b for b in pi.document.blocks if isinstance(b, ItemTable)]
    assert item_table.keep_with_next
    body_rows = len(item_table.rows)
    assert len(trs) == 1 + body_rows + 1  # header, lines, the totals row
    assert all(cant_split(tr) for tr in trs)
    assert trs[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    kept = [all(row_keeps(tr)) for tr in trs]
    assert kept == [any(row_keeps(tr)) for tr in trs]  # a row keeps in every paragraph or none
    # The header row keeps with the first row; then the last two lines and the totals
    # row, the latter too since the table keeps with the Totals block ...
    assert kept == [True] + [False] * (body_rows - 2) + [True, True] + [True]
    # ... through the gap paragraph to the totals and the amount in words.
    after = table.getnext()
    assert after.tag == qn("w:p")
    assert keeps(after)
    totals = after.getnext()
    assert "TOTAL" in text(totals)
    assert all(all(row_keeps(tr)) for tr in rows(totals))
    assert text(totals.getnext()).startswith("SAY")


def test_item_table_without_keep_leaves_its_last_row_free() -> None:
    cols = [Column("A"), Column("B", align="right")]
    table = ItemTable(
        cols, [[f"r{i}", str(i)] for i in range(5)], totals=[["T1", "1"], ["T2", "2"]]
    )
    body, _ = parts(render_docx(Document([table, Text("after")])))
    trs = rows(table_with(body, "r0"))
    assert [all(row_keeps(tr)) for tr in trs] == [
        True,
        False,
        False,
        False,
        True,
        True,
        True,
        False,
    ]
    assert all(cant_split(tr) for tr in trs)
    assert not keeps(body.find(qn("w:tbl")).getnext())  # the gap after the table


def test_grids_in_a_keep_chain_keep_every_row_and_the_gap() -> None:
    doc = Document(
        [
            KeyValueGrid({"a": "1", "b": "2"}, keep_with_next=True),
            Spacer(3),
            KeyValueGrid({"c": "3", "d": "4"}),
            Totals([("SUB", "1"), ("TOTAL", "2")]),
        ]
    )
    body, _ = parts(render_docx(doc))
    first, second, totals = body.iterchildren(qn("w:tbl"))
    assert [all(row_keeps(tr)) for tr in rows(first)] == [True, True]
    gap = first.getnext()
    assert keeps(gap)  # the gap after the table ...
    assert keeps(gap.getnext())  # ... and the Spacer
    assert not any(keeps(p) for p in second.iter(qn("w:p")))
    assert all(cant_split(tr) for tr in rows(second))
    # Without an amount in words, the totals rows keep together but the last is free.
    assert [all(row_keeps(tr)) for tr in rows(totals)] == [True, False]


def test_party_and_signature_rows_never_split() -> None:
    from tests.render.samples import sample

    body, _ = parts(render_docx(sample(2)))
    for mark in ("SELLER", "HD-PI-2025-017"):
        assert all(cant_split(tr) for tr in rows(table_with(body, mark)))
    doc = Document([Text("x"), Signatures([Signature("S"), Signature("B")])])
    body, _ = parts(render_docx(doc))
    assert all(cant_split(tr) for tr in rows(table_with(body, "S")))
