"""Everyday jobs on the sample order: costing, workflow, store and documents.

Run with ``.venv/bin/python benchmarks/everyday.py [--runs N]``. For each job it
prints the *cold* time (the first call in a fresh Python process, after
``import exportdocs``: what one command-line call pays, including font loading
and subsetting) and the *warm* median of N further calls in one process (what a
long-running service pays). The last line times ``exportdocs demo`` as a whole
command, interpreter start-up and imports included.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

SETUP = """
import datetime as dt, tempfile
from pathlib import Path
from exportdocs import costing, documents
from exportdocs.samples import sample_contract, sample_cost_inputs
from exportdocs.workflow import (
    BalanceRequested, Closed, ContractConfirmed, DocumentsReleased, FinalInspectionPassed,
    ForwarderNominated, InquiryReceived, Order, PaymentReceived, ProductionStarted,
    ProformaIssued, Quoted, Shipped, SQLiteStore,
)
contract = sample_contract()
inputs = sample_cost_inputs(contract)
deposit, balance = (i.amount for i in contract.schedule)
EVENTS = [
    InquiryReceived(dt.date(2026, 10, 20), channel="email"),
    Quoted(dt.date(2026, 10, 22), reference="BW-Q-2026-311", valid_until="2026-12-02"),
    ProformaIssued(dt.date(2026, 11, 2), contract.number),
    ContractConfirmed(dt.date(2026, 11, 3), reference="PI countersigned"),
    PaymentReceived(dt.date(2026, 11, 9), deposit, "TT-20261109-01"),
    ProductionStarted(dt.date(2026, 11, 10)),
    FinalInspectionPassed(dt.date(2026, 12, 8), report="FRI-2026-118"),
    ForwarderNominated(dt.date(2026, 12, 9), "Kuehne+Nagel Ningbo"),
    Shipped(dt.date(2026, 12, 16), "MAEU262300118"),
    BalanceRequested(dt.date(2026, 12, 17)),
    PaymentReceived(dt.date(2026, 12, 22), balance, "TT-20261222-07"),
    DocumentsReleased(dt.date(2026, 12, 23), telex_release=True),
    Closed(dt.date(2027, 1, 15), tax_rebate_reference="TR-2027-0042"),
]
_store = SQLiteStore(Path(tempfile.mkdtemp()) / "orders.sqlite")
_counter = [0]

def store_append():
    # A new order per call, so every append is the first event of its order.
    _counter[0] += 1
    order = _store.create(sample_contract(number=f"BW-PI-{_counter[0]:06d}"))
    _store.append(order.number, order.version, EVENTS[0])
"""

# (label, statement run per call, note)
JOBS: list[tuple[str, str, str]] = [
    ("cost sheet of the sample order (`costing.cost_sheet`)", "costing.cost_sheet(inputs)", ""),
    (
        "quote under every rule the inputs allow (`costing.quote`)",
        "costing.quote(inputs)",
        "",
    ),
    (
        "replay a 13-event order (`Order.replay`)",
        "Order.replay(contract, EVENTS)",
        "inquiry to closed",
    ),
    (
        "create an order and append an event (`SQLiteStore`)",
        "store_append()",
        "WAL, `BEGIN IMMEDIATE`, on local disk",
    ),
    (
        "quotation PDF, English",
        "documents.quotation(contract, language='en').pdf()",
        "",
    ),
    (
        "quotation PDF, Chinese",
        "documents.quotation(contract, language='zh').pdf()",
        "CJK font loading and subsetting",
    ),
    (
        "proforma invoice DOCX, English",
        "documents.proforma_invoice(contract, language='en').docx()",
        "",
    ),
]


def cold_ms(statement: str) -> float:
    """Milliseconds of the first ``statement`` in a fresh interpreter, set-up excluded."""
    code = SETUP + textwrap.dedent(f"""
        import time
        _t = time.perf_counter()
        {statement}
        print((time.perf_counter() - _t) * 1000)
    """)
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return float(out.strip().splitlines()[-1])


def warm_ms(statement: str, runs: int) -> float:
    """Median milliseconds of ``statement`` over ``runs`` calls after one warm-up call."""
    scope: dict[str, object] = {}
    exec(SETUP, scope)
    run: Callable[[], object] = eval(f"lambda: {statement}", scope)
    run()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def demo_ms() -> float:
    """Wall-clock milliseconds of ``exportdocs demo OUTDIR`` as a whole command."""
    exe = Path(sys.executable).with_name("exportdocs")
    outdir = Path(tempfile.mkdtemp(prefix="exportdocs-bench-demo-"))
    try:
        start = time.perf_counter()
        subprocess.run([str(exe), "demo", str(outdir)], check=True, capture_output=True)
        return (time.perf_counter() - start) * 1000
    finally:
        shutil.rmtree(outdir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {dt.date.today()}, {os.cpu_count()} CPUs")
    print(f"{'job':60} {'cold ms':>9} {'warm ms':>9}  note")
    for label, statement, note in JOBS:
        cold = cold_ms(statement)
        warm = warm_ms(statement, args.runs)
        print(f"{label:60} {cold:9.1f} {warm:9.1f}  {note}")
        sys.stdout.flush()
    print(f"{'`exportdocs demo` (16 files), whole command':60} {demo_ms():9.0f} {'':>9}  ")


if __name__ == "__main__":
    main()
