"""Issue a proforma invoice: the sample contract as a PI in English and Chinese, PDF and DOCX.

Prints the total in words and the payment schedule the PI shows. The Chinese and
bilingual PIs use the Chinese font bundled with exportdocs; no system font is needed.

Run: python examples/issue_proforma.py [OUTDIR]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from exportdocs import amount_in_words, documents
from exportdocs.samples import sample_contract


def main(outdir: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    contract = sample_contract()
    print(f"PI {contract.number} to {contract.buyer.name}: {contract.total}")
    print(f"  say: {amount_in_words(contract.total)}")
    for payment in contract.schedule:
        share = payment.instalment
        print(f"  {share.percent}% {share.trigger.value.replace('_', ' ')}: {payment.amount}")
    for language in ("en", "zh", "en-zh"):
        pi = documents.proforma_invoice(contract, language=language)
        for fmt in ("pdf", "docx"):
            path = outdir / pi.filename(fmt)
            pi.render(fmt, path)
            print(f"wrote {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()))
