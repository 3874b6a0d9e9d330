"""The diagram in docs/workflow.md is the one the machine draws of itself.

Run ``python tests/workflow/test_diagram.py --write`` to update the page after changing the table.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from exportdocs.workflow._diagram import dot, mermaid

DOC = Path(__file__).resolve().parents[2] / "docs" / "workflow.md"
_BLOCK = re.compile(r"```mermaid\n(.*?)\n```", re.DOTALL)


def _documented() -> str:
    found = _BLOCK.search(DOC.read_text(encoding="utf-8"))
    assert found is not None, f"no mermaid block in {DOC}"
    return found.group(1)


def test_the_documented_diagram_is_the_generated_one() -> None:
    assert _documented() == mermaid(), "run: python tests/workflow/test_diagram.py --write"


def test_diagrams_show_the_real_machine() -> None:
    text = mermaid()
    assert text.startswith("stateDiagram-v2\n")
    assert "    confirmed --> production : start_production (production_secured)" in text
    assert "    confirmed --> deposit_received : record_payment (if deposit_complete)" in text
    assert "    inspected --> booked : book_space (seller_books)" in text
    assert "--> on_hold" not in text
    graph = dot()
    assert graph.startswith("digraph export_order {")
    assert '"booked" -> "shipped" [label="ship (shipment_paid)"];' in graph


def _write() -> None:
    text = DOC.read_text(encoding="utf-8")
    DOC.write_text(_BLOCK.sub(lambda _: f"```mermaid\n{mermaid()}\n```", text), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        _write()
    else:
        print(mermaid())
