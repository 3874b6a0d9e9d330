"""Batch-render a folder of order files, reporting a bad one without stopping the others.

The script first writes a small folder of orders (the sample order under three
numbers, as JSON and TOML, plus one with a mistake) the way another app would
export them, then renders each order's PI and packing list in PDF. A bad order is
reported with its file, field and value; the others are rendered.

The command line does the same job: ``exportdocs render orders/* -o out/``.

Run: python examples/batch_render.py [OUTDIR]
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import attrs

from exportdocs import ExportDocsError, OrderFile, dump_order, load_order, to_dict
from exportdocs.documents import packing_list, proforma_invoice


def write_orders(folder: Path) -> None:
    """Three good orders (JSON and TOML) and one with a zero quantity."""
    folder.mkdir(parents=True, exist_ok=True)
    sample = OrderFile.sample()
    for n, suffix in enumerate([".json", ".toml", ".json"], start=1):
        contract = attrs.evolve(sample.contract, number=f"BW-2026-05{n:02d}")
        dump_order(attrs.evolve(sample, contract=contract), folder / f"order-{n}{suffix}")
    data = to_dict(sample)
    data["contract"]["number"] = "BW-2026-0599"
    data["contract"]["items"][3]["quantity"] = "0"
    (folder / "order-4.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def main(outdir: Path) -> int:
    folder = outdir / "orders"
    write_orders(folder)
    rendered = failed = 0
    for path in sorted(folder.iterdir()):
        try:
            order = load_order(path)
            for doc in (proforma_invoice(order.contract), packing_list(order.contract)):
                target = outdir / doc.filename("pdf")
                doc.pdf(target)
                print(f"{path.name}: wrote {target.name} ({target.stat().st_size:,} bytes)")
            rendered += 1
        except ExportDocsError as exc:
            failed += 1
            print(f"{path.name}: failed: {exc}")
    print(f"{rendered} rendered, {failed} failed, in {outdir}")
    return 1 if failed else 0


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()))
