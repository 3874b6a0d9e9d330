"""Batch rendering: ``exportdocs render`` of 40 order files on 1, 2 and all CPUs.

Run with ``.venv/bin/python benchmarks/batch.py [--orders N] [--repeat N] [--lang en]``.

It writes ``--orders`` variants of the sample order (``OrderFile.sample()`` with its own
contract number, date, buyer and buyer's reference) into a temporary folder, then times
``exportdocs render FOLDER -o OUT --format pdf,docx --lang en --jobs N`` (every document
the order has data for: quotation, proforma invoice, packing list and cost sheet, so 8
files an order) for ``--jobs 1``, ``2`` and ``os.cpu_count()``.

Every run is the whole command in a fresh interpreter (``python -m exportdocs``), timed
from the outside: start-up, the imports, the font loading of each process, the worker
processes' start-up (``spawn``), rendering and writing the files; which is what a
user or a CI job waits for. Each setting runs ``--repeat`` times (median shown) into
a fresh output folder, the settings taking turns so a slow spell on a shared machine
does not fall on one setting only. The files of every setting are checked to be the
same bytes as those of ``--jobs 1``. The CPU seconds (the command's and its workers')
and the load average show how much of the machine the runs had: on a machine shared
with other work, the speed-up of the pool is limited by the idle cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import attrs

from exportdocs.orderfile import OrderFile, dump_order

BUYERS = (
    "Nordlicht Handels GmbH",
    "Lumière Distribution SARL",
    "Brightside Imports Ltd",
    "Iluminación Sur S.L.",
    "Polar Light Oy",
)


def write_orders(folder: Path, count: int) -> list[Path]:
    """``count`` variants of the sample order as JSON and TOML files in ``folder``."""
    sample = OrderFile.sample()
    contract = sample.contract
    paths = []
    for n in range(count):
        buyer = attrs.evolve(contract.buyer, name=f"{BUYERS[n % len(BUYERS)]} ({n + 1})")
        variant = attrs.evolve(
            contract,
            number=f"BW-2026-{1000 + n}",
            date=contract.date + dt.timedelta(days=n % 7),
            buyer=buyer,
            buyer_reference=f"PO-{77000 + n}",
        )
        path = folder / f"order-{n + 1:02d}.{'toml' if n % 4 == 3 else 'json'}"
        dump_order(attrs.evolve(sample, contract=variant), path)
        paths.append(path)
    return paths


def _cpu_seconds() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run(orders: Path, outdir: Path, jobs: int, lang: str) -> tuple[float, float]:
    """Wall and CPU seconds of one ``exportdocs render`` of the folder, in a fresh interpreter.

    The CPU seconds are those of the command and of its worker processes.
    """
    command = [sys.executable, "-m", "exportdocs", "render", str(orders), "-o", str(outdir)]
    command += ["--format", "pdf,docx", "--lang", lang, "--jobs", str(jobs)]
    cpu = _cpu_seconds()
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, _cpu_seconds() - cpu


def files(outdir: Path) -> dict[str, bytes]:
    """The files written, by name."""
    return {p.name: p.read_bytes() for p in sorted(outdir.iterdir())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=40, help="order files (default 40)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per setting (default 3)")
    parser.add_argument("--lang", default="en", help="--lang of the render (default en)")
    args = parser.parse_args()
    cpus = os.cpu_count() or 1
    load = os.getloadavg()
    settings = list(dict.fromkeys([1, 2, cpus]))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "orders"
        folder.mkdir()
        write_orders(folder, args.orders)
        times: dict[int, list[float]] = {jobs: [] for jobs in settings}
        cpu: dict[int, list[float]] = {jobs: [] for jobs in settings}
        reference: dict[str, bytes] | None = None
        for attempt in range(args.repeat):
            for jobs in settings:
                outdir = Path(tmp) / f"out-{jobs}-{attempt}"
                wall, used = run(folder, outdir, jobs, args.lang)
                times[jobs].append(wall)
                cpu[jobs].append(used)
                written = files(outdir)
                if reference is None:
                    reference = written
                elif written != reference:
                    raise SystemExit(f"--jobs {jobs} wrote different files from --jobs 1")
        assert reference is not None
        size = sum(len(data) for data in reference.values())
    print(
        f"exportdocs render: {args.orders} orders, {len(reference)} files "
        f"({size / 1e6:.1f} MB), --format pdf,docx --lang {args.lang}"
    )
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, median of {args.repeat}")
    print(f"load average before: {load[0]:.2f}, after: {os.getloadavg()[0]:.2f}")
    base = statistics.median(times[1])
    print(f"{'--jobs':>8}  {'seconds':>8}  {'orders/s':>8}  {'speed-up':>8}  {'CPU s':>7}  runs")
    for jobs in settings:
        median = statistics.median(times[jobs])
        runs = " ".join(f"{t:.2f}" for t in times[jobs])
        print(
            f"{jobs:>8}  {median:>8.2f}  {args.orders / median:>8.1f}  "
            f"{base / median:>7.2f}x  {statistics.median(cpu[jobs]):>7.2f}  {runs}"
        )


if __name__ == "__main__":
    main()
