"""Every example script runs and prints what it did; the notebook is current and executes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCRIPTS = sorted(p for p in EXAMPLES.glob("*.py") if p.name != "make_notebook.py")

#: A line each script must print: proof it did its job, not merely that it exited 0.
EXPECTED = {
    "batch_render.py": "3 rendered, 1 failed, in ",
    "follow_an_order.py": "order BW-2026-0418: Closed (version 13); received 41690.30 USD",
    "issue_proforma.py": "  30% advance: 12507.09 USD",
    "lc_order_with_amendment.py": "2026-11-14 request_amendment: now amendment_requested",
    "quote_from_purchase_cost.py": "FOB: 0.79 USD per pc, 4755.80 USD for the line",
}


def test_every_script_has_an_expectation() -> None:
    assert sorted(EXPECTED) == [p.name for p in SCRIPTS]


@pytest.mark.slow
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_example_script_runs(script: Path, tmp_path: Path) -> None:
    outdir = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, str(script), str(outdir)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert any(line.startswith(EXPECTED[script.name]) for line in done.stdout.splitlines()), (
        done.stdout
    )
    assert any(outdir.iterdir())


def test_notebook_matches_its_generator(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "make_notebook.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"wrote {tmp_path / 'notebook.ipynb'}\n" == done.stdout
    committed = (EXAMPLES / "notebook.ipynb").read_text(encoding="utf-8")
    assert committed == (tmp_path / "notebook.ipynb").read_text(encoding="utf-8"), (
        "examples/notebook.ipynb is stale: run python examples/make_notebook.py"
    )


def test_notebook_outputs_are_cleared() -> None:
    notebook = nbformat.read(EXAMPLES / "notebook.ipynb", as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert [c for c in code if c.outputs or c.execution_count is not None] == []


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # jupyter_client/zmq internals
def test_notebook_executes_headless(tmp_path: Path) -> None:
    from nbclient import NotebookClient

    notebook = nbformat.read(EXAMPLES / "notebook.ipynb", as_version=4)
    # "python3" is ipykernel's native kernel: the interpreter running the tests.
    NotebookClient(
        notebook, kernel_name="python3", timeout=300, resources={"metadata": {"path": tmp_path}}
    ).execute()
    outputs = [c.outputs for c in notebook.cells if c.cell_type == "code"]
    assert [o for cell in outputs for o in cell if o.output_type == "error"] == []
    html = [
        o["data"]["text/plain"].split("(")[0]
        for cell in outputs
        for o in cell
        if o.output_type == "execute_result" and "text/html" in o["data"]
    ]
    assert html == ["Contract", "Money", "CostSheet", "Order"]
    last = outputs[-1][0]["data"]["text/plain"]
    assert last == "('NB-2026-001_proforma-invoice_en.pdf', True)"
