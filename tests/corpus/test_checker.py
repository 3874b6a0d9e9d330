"""The corpus checker is not vacuous: each rule flags a tiny PDF/DOCX made to break it.

The PDFs are drawn with fpdf2 (a dev dependency), not with exportdocs, so these tests
stay true whatever the layout engine does: text is placed at known positions, and the
table's header band is a filled rectangle like the one exportdocs draws.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import docx
from fpdf import FPDF

from exportdocs.render import Column, Document, ItemTable, Signature, Signatures, Text, Totals
from tests.corpus import checker

#: (x, baseline y, text, size, bold, align right) in points.
Run = tuple[float, float, str, float, bool, bool]

TABLE = ItemTable(
    [Column("ITEM", 2), Column("DESC", 4), Column("QTY", 1, "right")],
    [["A-1", "Mug", "159,784"], ["A-2", "Cup", "12"]],
)
DOC = Document([TABLE, Totals([("TOTAL", "USD 1,000.00")])])


def pdf(pages: Sequence[Sequence[Run]], band: bool = True) -> bytes:
    """A PDF with the given text runs per page, and a header band on page 1."""
    out = FPDF(unit="pt", format="A4")
    out.set_auto_page_break(False)
    for number, runs in enumerate(pages):
        out.add_page()
        if band and number == 0:
            out.set_fill_color(30, 80, 120)
            out.rect(40, 100, 510, 14, style="F")
        for x, y, text, size, bold, right in runs:
            out.set_font("helvetica", "B" if bold else "", size)
            out.text(x - out.get_string_width(text) if right else x, y, text)
    return bytes(out.output())


HEADER: list[Run] = [
    (45, 110, "ITEM", 8, True, False),
    (200, 110, "DESC", 8, True, False),
    (545, 110, "QTY", 8, True, True),
]


def body(qty: str = "159,784", size2: float = 8, desc: str = "Mug") -> list[Run]:
    return [
        *HEADER,
        (45, 130, "A-1", 8, False, False),
        (200, 130, desc, 8, False, False),
        (545, 130, qty, 8, False, True),
        (45, 145, "A-2", size2, False, False),
        (200, 145, "Cup", size2, False, False),
        (545, 145, "12", size2, False, True),
        (400, 170, "TOTAL USD 1,000.00", 8, True, False),
    ]


def rules(problems: Sequence[checker.Problem]) -> set[str]:
    return {p.rule for p in problems}


def test_a_clean_pdf_passes() -> None:
    assert checker.check_pdf(pdf([body()]), DOC) == []


def test_a_split_figure_is_flagged() -> None:
    runs = [*body(qty="159,78"), (545, 138, "4", 8, False, True)]
    problems = checker.check_pdf(pdf([runs]), DOC)
    assert "split-figure" in rules(problems)
    assert any(p.text == "159,784" and p.page == 1 for p in problems)


def test_figures_come_from_the_model() -> None:
    assert checker.figures(DOC) == ["159,784", "12", "1,000.00"]
    assert checker.figures(Document([Totals([("C/NO.", "1-120")])])) == ["1-120"]


def test_mixed_sizes_in_the_body_are_flagged() -> None:
    problems = checker.check_pdf(pdf([body(size2=6.5)]), DOC)
    assert rules(problems) == {"mixed-sizes"}


def test_text_leaving_its_cell_is_flagged() -> None:
    long = "A-1 with a very long name that runs on and on"
    table = ItemTable(TABLE.columns, [[long, "Mug", "159,784"]])
    runs: list[Run] = [
        *HEADER,
        (48, 130, long, 8, False, False),
        (260, 130, "Mug", 8, False, False),
        (545, 130, "159,784", 8, False, True),
    ]
    problems = checker.check_pdf(pdf([runs]), Document([table]))
    assert rules(problems) == {"leaves-cell"}
    assert "crosses the cell edge x=199.5" in problems[0].detail


def test_a_page_of_only_signatures_is_flagged() -> None:
    doc = Document(
        [
            TABLE,
            Totals([("TOTAL", "USD 1,000.00")]),
            Text("Thank you for your order."),
            Signatures([Signature("For the SELLER"), Signature("For the BUYER")]),
        ]
    )
    page2: list[Run] = [
        (45, 100, "Thank you for your order.", 8, False, False),
        (45, 150, "For the SELLER", 8, False, False),
        (300, 150, "For the BUYER", 8, False, False),
    ]
    problems = checker.check_pdf(pdf([body(), page2]), doc)
    assert [(p.rule, p.page) for p in problems] == [("lonely-closing", 2)]
    page2_with_content = [(45, 80, "A-2 Cup 12", 8, False, False), *page2]
    problems = checker.check_pdf(pdf([body(), page2_with_content]), doc)
    assert "lonely-closing" not in rules(problems)


def test_a_heading_at_the_foot_of_a_page_is_flagged() -> None:
    doc = Document([Text("PAYMENT TERMS", "heading"), Text("30% T/T in advance")])
    pages: list[list[Run]] = [
        [(45, 700, "PAYMENT TERMS", 10, True, False)],
        [(45, 100, "30% T/T in advance", 8, False, False)],
    ]
    problems = checker.check_pdf(pdf(pages, band=False), doc)
    assert [(p.rule, p.page) for p in problems] == [("orphan-heading", 1)]
    together: list[list[Run]] = [
        [(45, 700, "PAYMENT TERMS", 10, True, False), (45, 715, "30% T/T", 8, False, False)],
        [(45, 100, "in advance", 8, False, False)],
    ]
    assert checker.check_pdf(pdf(together, band=False), doc) == []


def test_a_table_header_at_the_foot_of_a_page_is_flagged() -> None:
    problems = checker.check_pdf(pdf([HEADER, body()[3:]]), DOC)
    assert ("orphan-heading", 1) in [(p.rule, p.page) for p in problems]


def _docx(cells: Sequence[str]) -> bytes:
    document = docx.Document()
    table = document.add_table(rows=1, cols=len(cells))
    for cell, text in zip(table.rows[0].cells, cells, strict=False):
        cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_figures_whole_in_a_cell() -> None:
    assert checker.check_docx(_docx(["159,784", "12", "USD 1,000.00"]), DOC) == []
    problems = checker.check_docx(_docx(["159,78", "4", "12", "USD 1,000.00"]), DOC)
    assert [(p.rule, p.text) for p in problems] == [("split-figure", "159,784")]
