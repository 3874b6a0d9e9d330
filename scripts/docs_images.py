"""Render the pictures in ``docs/images/`` from the sample order and the test corpus.

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

from exportdocs import TradeTerm, costing, documents, load_order
from exportdocs.samples import HAMBURG, sample_contract, sample_cost_inputs, sample_items

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
CORPUS = ROOT / "tests" / "corpus" / "orders"
DPI = "50"


def pages(pdf: bytes, name: str, work: Path, *, count: int = 0, first: int = 1) -> None:
    """Write page ``first`` of ``pdf`` as ``docs/images/<name>.png``, or with ``count``,
    ``count`` pages from ``first`` as ``<name>-<page>.png``.
    """
    source = work / f"{name}.pdf"
    source.write_bytes(pdf)
    last = str(first + max(count, 1) - 1)
    command = ["pdftoppm", "-r", DPI, "-png", "-f", str(first), "-l", last, str(source)]
    command.append(str(work / name))
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
        corpus(work)


def corpus(work: Path) -> None:
    """Pictures from the corpus of stress orders (``tests/corpus``): a 1,000-line PI (its
    first and last pages), a quotation with four price columns (landscape), and a
    bilingual packing list for a Polish buyer."""
    large = load_order(CORPUS / "c20-de-eur-1000lines.json")
    pi = documents.proforma_invoice(large.contract).pdf()
    assert pi is not None
    count = subprocess.run(["pdfinfo", "-"], input=pi, capture_output=True, check=True)
    total = int(
        next(ln for ln in count.stdout.decode().splitlines() if ln.startswith("Pages:"))[6:]
    )
    pages(pi, "corpus-pi-1000-lines-first", work)
    pages(pi, "corpus-pi-1000-lines-last", work, first=total)

    greek = load_order(CORPUS / "c04-gr-eur-greek.json")
    quote = greek.quote()
    assert quote is not None
    prices = documents.price_columns(quote, greek.quotation_terms, base=greek.contract)
    offer = documents.quotation(greek.contract, prices=prices).pdf()
    assert offer is not None
    pages(offer, "corpus-quotation-four-prices", work)

    polish = load_order(CORPUS / "c21-pl-usd-nomix.json")
    packing = documents.packing_list(polish.contract, language="en-zh").pdf()
    assert packing is not None
    pages(packing, "corpus-packing-list-polish-buyer", work)


if __name__ == "__main__":
    main()
