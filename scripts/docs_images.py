"""Render the pictures in ``docs/images/`` from the sample order.

Run with ``.venv/bin/python scripts/docs_images.py`` after a change to the documents.
Needs ``pdftoppm`` (Debian's poppler-utils) and, for the DOCX picture, LibreOffice
(``soffice``). The pictures are first pages at 50 dpi, as a reader sees them.
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


def pages(pdf: bytes, name: str, first: int, last: int, work: Path) -> None:
    """Write pages ``first``..``last`` of ``pdf`` as ``docs/images/<name>-<page>.png``."""
    source = work / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            DPI,
            "-png",
            "-f",
            str(first),
            "-l",
            str(last),
            str(source),
            str(work / name),
        ],
        check=True,
    )
    for png in sorted(work.glob(f"{name}-*.png")):
        page = int(png.stem.rsplit("-", 1)[1])
        target = IMAGES / (f"{name}.png" if first == last else f"{name}-{page}.png")
        shutil.copyfile(png, target)
        print(f"wrote {target.relative_to(IMAGES.parents[1])}")


def main() -> None:
    contract = sample_contract()
    quote = costing.quote(sample_cost_inputs(contract))
    cif = documents.price_columns(quote, [TradeTerm("CIF", HAMBURG)], base=contract)
    sheet = costing.analyse(sample_cost_inputs(contract), [i.unit_price for i in contract.items])
    twenty = sample_contract(items=sample_items(20))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docs = {
            "doc-quotation": documents.quotation(
                contract, prices=cif, number="BW-Q-2026-0311", date="2026-10-22"
            ),
            "doc-proforma-invoice": documents.proforma_invoice(contract),
            "doc-packing-list": documents.packing_list(contract, language="en-zh"),
            "doc-cost-sheet": documents.cost_analysis(sheet, contract, language="zh"),
            "render-pi-bilingual": documents.proforma_invoice(twenty, language="en-zh"),
        }
        for name, doc in docs.items():
            data = doc.pdf()
            assert data is not None
            suffix = "-1" if name.startswith("render-") else ""
            pages(data, name + suffix, 1, 1, work)
        data = documents.proforma_invoice(twenty).pdf()
        assert data is not None
        pages(data, "render-pi-en", 1, 2, work)

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
        pages((work / "render-pi-docx.pdf").read_bytes(), "render-pi-docx-1", 1, 1, work)


if __name__ == "__main__":
    main()
