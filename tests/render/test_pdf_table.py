"""The PDF item table read back with pypdf: header row on every page, row order, long cells."""

from __future__ import annotations

from exportdocs.render import Column, Document, Header, ItemTable, render_pdf
from tests.render.samples import COLUMNS, STYLE, pdf_pages, rows, sample, squash


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


def test_cell_taller_than_a_page_is_split_across_pages_without_losing_text() -> None:
    words = "\n".join(f"w{k:04d}" for k in range(330))  # 330 lines: taller than a page
    doc = Document(
        [ItemTable([Column("A", 1), Column("B", 9)], [[words, "first"], ["x", "second"]])]
    )
    pages = pdf_pages(render_pdf(doc, STYLE))
    assert len(pages) >= 2
    body = squash("".join(pages))
    positions = [body.index(f"w{k:04d}") for k in range(330)]
    assert sorted(positions) == positions
    assert body.index("second") > positions[-1]


def test_a_header_word_is_never_cut() -> None:
    # "APPROVAL" at 7.5 pt bold is wider than a 0.75-part share of the page: the column is
    # measured and gets the width of its title's longest word instead of "APPROVA" over "L".
    cols = [Column(t) for t in "ABCDEFG"] + [Column("APPROVAL", width="0.75")]
    doc = Document([ItemTable(cols, [["x"] * len(cols)])])
    text = pdf_pages(render_pdf(doc, STYLE))[0]
    assert "APPROVAL" in text.split()
    assert "APPROVA" not in text.split()
