"""The diagram in docs/workflow.md is the one the machine draws of itself.

Run ``python tests/workflow/test_diagram.py --write`` to update the page after changing the table.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from exportdocs.workflow._machine import mermaid

DOC = Path(__file__).resolve().parents[2] / "docs" / "workflow.md"
_BLOCK = re.compile(r"```mermaid\n(.*?)\n```", re.DOTALL)


def _documented() -> str:
    found = _BLOCK.search(DOC.read_text(encoding="utf-8"))
    assert found is not None, f"no mermaid block in {DOC}"
    return found.group(1)


def test_the_documented_diagram_is_the_generated_one() -> None:
    assert _documented() == mermaid(), "run: python tests/workflow/test_diagram.py --write"


def _write() -> None:
    text = DOC.read_text(encoding="utf-8")
    DOC.write_text(_BLOCK.sub(lambda _: f"```mermaid\n{mermaid()}\n```", text), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        _write()
    else:
        print(mermaid())
