"""Rendering speed: exportdocs against the usual ways of producing the same table.

Run with ``.venv/bin/python benchmarks/render.py [--repeat N] [--quick]``. Needs the
``bench`` extra (reportlab, weasyprint, jinja2, docxtpl) for the comparison cases;
a missing one is reported and skipped.

For a proforma invoice and a packing list of 20 and of 1,000 lines, it prints the
median time of several runs and the peak traced memory (tracemalloc, in a separate
run so the tracing does not slow the timed runs) of:

* exportdocs PDF and DOCX: the complete document from the real builders (the
  sample order's twelve items repeated), letterhead to signatures,
* plain fpdf2: ``pdf.table()`` with the TTF font added per document,
* ReportLab platypus: ``Table`` with ``repeatRows=1``,
* WeasyPrint from Jinja2 HTML,
* plain python-docx: ``doc.add_table`` and ``cell.text``,
* docxtpl: a template with a row loop (made at start-up with python-docx).

The others render only an item table of the same size (8 columns with wrapping
descriptions for the PI, 9 for the packing list), so the comparison favours them.

Ratios are "baseline time / exportdocs time" for the same format, size and table
(above 1 means exportdocs is faster). Each case renders a fresh document per run;
the first (warm-up) run of each case is not timed, so exportdocs' once-per-process
font parsing is excluded just as the import time of each library is.
"""

from __future__ import annotations

import argparse
import functools
import gc
import io
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

FONT = Path(__file__).resolve().parents[1] / "src/exportdocs/render/fonts/DejaVuSans.ttf"
FONT_BOLD = FONT.with_name("DejaVuSans-Bold.ttf")

# ------------------------------------------------------------------ the data


def pi_table(lines: int) -> tuple[list[str], list[float], list[str], list[list[str]]]:
    """Titles, relative widths, alignments and rows of a proforma-invoice-like table."""
    titles = ["NO.", "ITEM NO.", "DESCRIPTION", "HS CODE", "QTY", "UNIT", "UNIT PRICE", "AMOUNT"]
    widths = [0.6, 1.1, 4.0, 1.2, 1.0, 0.7, 1.2, 1.4]
    aligns = ["C", "L", "L", "L", "R", "C", "R", "R"]
    rows = []
    for i in range(lines):
        qty = (i % 37 + 1) * 120
        price = 100 + i % 900
        desc = (
            "Ceramic mug 350 ml, glazed, with handle; printed colour box, 48 pcs per carton"
            if i % 3
            else "Stainless steel vacuum flask 500 ml, double wall, powder coated ±2°C"
        )
        rows.append(
            [
                str(i + 1),
                f"HD-{i:05d}",
                desc,
                "6912.00.10",
                f"{qty:,}",
                "PCS",
                f"{price / 100:.2f}",
                f"{qty * price / 100:,.2f}",
            ]
        )
    return titles, widths, aligns, rows


def pl_table(lines: int) -> tuple[list[str], list[float], list[str], list[list[str]]]:
    """Titles, relative widths, alignments and rows of a packing-list-like table."""
    titles = [
        "C/NO.",
        "DESCRIPTION",
        "PCS/CTN",
        "CTNS",
        "QTY",
        "N.W. (KG)",
        "G.W. (KG)",
        "MEAS. (CBM)",
        "MARKS",
    ]
    widths = [1.1, 3.2, 0.9, 0.8, 1.0, 1.1, 1.1, 1.1, 1.4]
    aligns = ["L", "L", "R", "R", "R", "R", "R", "R", "L"]
    rows = []
    first = 1
    for i in range(lines):
        ctns = i % 9 + 1
        rows.append(
            [
                f"{first}-{first + ctns - 1}",
                f"Ceramic mug 350 ml, glazed, model HD-{i:05d}",
                "48",
                str(ctns),
                f"{48 * ctns:,}",
                f"{ctns * 9.6:,.2f}",
                f"{ctns * 10.8:,.2f}",
                f"{ctns * 0.06:.3f}",
                "ACME/HAMBURG",
            ]
        )
        first += ctns
    return titles, widths, aligns, rows


TABLES = {"PI": pi_table, "PL": pl_table}

# ------------------------------------------------------------------ exportdocs
# >>> The library case: the real proforma invoice and packing list builders on a contract
# of N lines (the sample order's twelve items repeated with their own item numbers).


@functools.lru_cache(maxsize=8)
def _contract(lines: int) -> Any:
    from exportdocs.samples import sample_contract, sample_items

    return sample_contract(items=sample_items(lines))


def build_document(kind: str, lines: int) -> Any:
    """The library's own document (PI or packing list) for a contract of ``lines`` lines."""
    from exportdocs import documents

    contract = _contract(lines)
    if kind == "PI":
        return documents.proforma_invoice(contract, language="en")
    return documents.packing_list(contract, language="en")


def lib_pdf(kind: str, lines: int) -> bytes:
    data = build_document(kind, lines).pdf()
    assert data is not None
    return data


def lib_docx(kind: str, lines: int) -> bytes:
    data = build_document(kind, lines).docx()
    assert data is not None
    return data


# <<< end of the library case


# ------------------------------------------------------------------ baselines


def fpdf2_table(kind: str, lines: int) -> bytes:
    """Plain fpdf2 as most users write it: add_font per document, then pdf.table()."""
    from fpdf import FPDF

    titles, widths, aligns, rows = TABLES[kind](lines)
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 14)
    pdf.cell(
        0, 10, "PROFORMA INVOICE" if kind == "PI" else "PACKING LIST", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font("DejaVu", size=8)
    with pdf.table(col_widths=widths, text_align=aligns, repeat_headings=1) as table:
        for row in [titles, *rows]:
            r = table.row()
            for cell in row:
                r.cell(cell)
    return bytes(pdf.output())


def reportlab_table(kind: str, lines: int) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONT_BOLD)))
    titles, widths, aligns, rows = TABLES[kind](lines)
    body = ParagraphStyle("b", fontName="DejaVu", fontSize=8, leading=9.5)
    total = sum(widths)
    col_w = [180 * mm * w / total for w in widths]
    data = [titles] + [[Paragraph(c, body) if len(c) > 14 else c for c in row] for row in rows]
    table = Table(data, colWidths=col_w, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "DejaVu-Bold", 8),
                ("FONT", (0, 1), (-1, -1), "DejaVu", 8),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
            + [("ALIGN", (c, 0), (c, -1), "RIGHT") for c, a in enumerate(aligns) if a == "R"]
        )
    )
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm).build([table])
    return out.getvalue()


_HTML = """<html><head><style>
@page { size: A4; margin: 15mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); } }
body { font-family: 'DejaVu Sans'; font-size: 8pt; }
table { border-collapse: collapse; width: 100%; } thead { display: table-header-group; }
td, th { border: 0.25pt solid #999; padding: 1pt 2pt; vertical-align: top; } .R { text-align: right; }
</style></head><body><h1>{{ title }}</h1><table><thead><tr>
{% for t in titles %}<th>{{ t }}</th>{% endfor %}</tr></thead><tbody>
{% for row in rows %}<tr>{% for c in row %}<td class="{{ aligns[loop.index0] }}">{{ c }}</td>{% endfor %}</tr>
{% endfor %}</tbody></table></body></html>"""


def weasyprint_table(kind: str, lines: int) -> bytes:
    import jinja2
    import weasyprint

    titles, _widths, aligns, rows = TABLES[kind](lines)
    html = jinja2.Template(_HTML).render(title=kind, titles=titles, aligns=aligns, rows=rows)
    return weasyprint.HTML(string=html).write_pdf()  # type: ignore[no-any-return]


def python_docx_table(kind: str, lines: int) -> bytes:
    import docx

    titles, _widths, _aligns, rows = TABLES[kind](lines)
    d = docx.Document()
    d.add_heading("PROFORMA INVOICE" if kind == "PI" else "PACKING LIST", 1)
    table = d.add_table(rows=1, cols=len(titles))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, titles, strict=False):
        cell.text = title
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            cell.text = text
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


_TEMPLATES: dict[str, Path] = {}


def _docxtpl_template(kind: str) -> Path:
    """A .docx with a Jinja row loop, made once with python-docx."""
    if kind not in _TEMPLATES:
        import docx

        titles = TABLES[kind](1)[0]
        n = len(titles)
        d = docx.Document()
        d.add_heading("{{ title }}", 1)
        table = d.add_table(rows=4, cols=n)  # header, "for", body, "endfor"
        table.style = "Table Grid"
        for cell, title in zip(table.rows[0].cells, titles, strict=False):
            cell.text = title
        loop = table.rows[1].cells
        loop[0].text = "{%tr for row in rows %}"
        for c, cell in enumerate(table.rows[2].cells):
            cell.text = f"{{{{ row[{c}] }}}}"
        end = table.rows[3].cells
        end[0].text = "{%tr endfor %}"
        path = Path(tempfile.mkdtemp(prefix="exportdocs-bench-")) / f"{kind}.docx"
        d.save(str(path))
        _TEMPLATES[kind] = path
    return _TEMPLATES[kind]


def docxtpl_table(kind: str, lines: int) -> bytes:
    from docxtpl import DocxTemplate

    _titles, _widths, _aligns, rows = TABLES[kind](lines)
    tpl = DocxTemplate(str(_docxtpl_template(kind)))
    tpl.render({"title": "PROFORMA INVOICE" if kind == "PI" else "PACKING LIST", "rows": rows})
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


CASES: list[tuple[str, str, Callable[[str, int], bytes]]] = [
    ("pdf", "exportdocs", lib_pdf),
    ("pdf", "fpdf2 table()", fpdf2_table),
    ("pdf", "reportlab", reportlab_table),
    ("pdf", "weasyprint", weasyprint_table),
    ("docx", "exportdocs", lib_docx),
    ("docx", "python-docx", python_docx_table),
    ("docx", "docxtpl", docxtpl_table),
]

# ------------------------------------------------------------------ measuring


def measure(
    fn: Callable[[str, int], bytes], kind: str, lines: int, repeat: int
) -> tuple[float, float]:
    """(median seconds, peak MiB) of ``fn(kind, lines)``; one untimed warm-up run."""
    fn(kind, lines)
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn(kind, lines)
        times.append(time.perf_counter() - start)
    gc.collect()
    tracemalloc.start()
    fn(kind, lines)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="exportdocs only")
    args = parser.parse_args()
    results: dict[tuple[str, str, str, int], tuple[float, float]] = {}
    print(
        f"{'format':6} {'table':5} {'lines':>5}  {'case':16} {'median ms':>10} {'peak MiB':>9} {'ratio':>7}"
    )
    for kind in TABLES:
        for lines in (20, 1000):
            for fmt, name, fn in CASES:
                if args.quick and name != "exportdocs":
                    continue
                repeat = (
                    args.repeat
                    if lines == 20 or name in ("exportdocs", "docxtpl", "reportlab")
                    else max(3, args.repeat // 2)
                )
                try:
                    t, mem = measure(fn, kind, lines, repeat)
                except ImportError as exc:
                    print(
                        f"{fmt:6} {kind:5} {lines:5}  {name:16} skipped ({exc.name} not installed)"
                    )
                    continue
                results[(fmt, name, kind, lines)] = (t, mem)
                base = results.get((fmt, "exportdocs", kind, lines))
                ratio = f"{t / base[0]:6.1f}x" if base and name != "exportdocs" else ""
                print(
                    f"{fmt:6} {kind:5} {lines:5}  {name:16} {t * 1000:10.1f} {mem:9.1f} {ratio:>7}"
                )
                sys.stdout.flush()
    print()
    for fmt in ("pdf", "docx"):
        for kind in TABLES:
            small = results.get((fmt, "exportdocs", kind, 20))
            big = results.get((fmt, "exportdocs", kind, 1000))
            if small and big:
                print(
                    f"exportdocs {fmt} {kind}: 1,000 lines take {big[0] / small[0]:.1f}x the time of 20 lines"
                )


if __name__ == "__main__":
    main()
