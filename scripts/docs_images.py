"""Render the pictures in ``docs/images/`` from the sample order.

Run with ``.venv/bin/python scripts/docs_images.py`` after a change to the documents.
Needs ``pdftoppm`` (Debian's poppler-utils) and, for the DOCX picture, LibreOffice
(``soffice``) with fonts metric-compatible with Arial, the DOCX font (Debian's
fonts-liberation2); without them LibreOffice substitutes a wider font and table cells
wrap where Word's would not. The pictures are first pages at 50 dpi, as a reader sees them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from exportdocs import TradeTerm, costing, documents
from exportdocs.samples import HAMBURG, sample_contract, sample_cost_inputs, sample_items

IMAGES = Path(__file__).resolve().parents[1] / "docs" / "images"
DPI = "50"


def pages(pdf: bytes, name: str, work: Path, *, count: int = 0) -> None:
    """Write page 1 of ``pdf`` as ``docs/images/<name>.png``, or with ``count``, its first
    ``count`` pages as ``<name>-1.png``, ``<name>-2.png``, ...
    """
    source = work / f"{name}.pdf"
    source.write_bytes(pdf)
    last = str(max(count, 1))
    command = ["pdftoppm", "-r", DPI, "-png", "-f", "1", "-l", last, str(source), str(work / name)]
    subprocess.run(command, check=True)
    for png in sorted(work.glob(f"{name}-*.png")):
        page = int(png.stem.rsplit("-", 1)[1])
        target = IMAGES / (f"{name}-{page}.png" if count else f"{name}.png")
        shutil.copyfile(png, target)
        print(f"wrote {target.relative_to(IMAGES.parents[1])}")


def main() -> None:
    contract = sample_contract()
    quote = costing.quote(sample_cost_inputs(contract))
    cif = documents.price_columns(quote, [TradeTerm("CIF", HAMBURG)], base=contract)
    sheet = costing.analyse(sample_cost_inputs(contract), [i.unit_price for i in contract.items])
    twenty = sample_contract(items=sample_items(20))
    documents_pages = [
        (
            "doc-quotation",
            documents.quotation(contract, prices=cif, number="BW-Q-2026-0311", date="2026-10-22"),
            0,
        ),
        ("doc-proforma-invoice", documents.proforma_invoice(contract), 0),
        ("doc-packing-list", documents.packing_list(contract, language="en-zh"), 0),
        ("doc-cost-sheet", documents.cost_analysis(sheet, contract, language="zh"), 0),
        ("render-pi-bilingual", documents.proforma_invoice(twenty, language="en-zh"), 1),
        ("render-pi-en", documents.proforma_invoice(twenty), 2),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, doc, count in documents_pages:
            data = doc.pdf()
            assert data is not None
            pages(data, name, work, count=count)

        soffice = shutil.which("soffice")
        if soffice is None:
            sys.exit("soffice (LibreOffice) not found: the DOCX picture was not made")
        docx = work / "render-pi-docx.docx"
        documents.proforma_invoice(twenty).docx(docx)
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(work), str(docx)],
            check=True,
            capture_output=True,
        )
        pages((work / "render-pi-docx.pdf").read_bytes(), "render-pi-docx", work, count=1)


if __name__ == "__main__":
    main()
