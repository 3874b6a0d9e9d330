"""The speed and memory targets of exportdocs, each as a ratio measured in one run.

Run with ``.venv/bin/python benchmarks/targets.py [--runs N]`` (needs the ``bench`` extra:
reportlab and docxtpl). Every target is measured side by side with its peer in the same
run, on the same machine, by the same conventions, and printed with its ratio:

* cold, whole process: ``exportdocs render order.json --doc pi --format pdf`` of the sample
  order (English) against ``benchmarks/reportlab_pi.py`` building the same PI with ReportLab
  platypus, each a fresh Python process (median wall time); the Chinese PI against the
  English one, and the Chinese PI's peak memory (the child's max RSS);
* warm, in one process: the PI as PDF with 20 and 1,000 lines against the same PI built
  with ReportLab platypus (``reportlab_pi.build``), and as DOCX against docxtpl rendering
  the item table only (``benchmarks/render.py``'s case; the comparison favours docxtpl);
* ``import exportdocs`` against ``import fpdf`` (``python -X importtime``, cumulative);
  child processes keep bytecode caches (see ``ENV``), as any installed package has them;
* ``exportdocs demo`` (the full sample set) in wall time.

A ratio is exportdocs / peer (below 1 means exportdocs is faster).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

import reportlab_pi  # noqa: E402

import render as cases  # noqa: E402  (benchmarks/render.py: the warm cases)

#: Child processes may write and read bytecode caches, as an installed package always has
#: them (pip compiles a wheel at install): with PYTHONDONTWRITEBYTECODE set, an editable
#: install would recompile exportdocs' sources on every start while the peers' site-packages
#: keep their caches, which is not the comparison a user sees.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_process(argv: Sequence[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(
            f"failed: {' '.join(argv)}\n{proc.stderr.read().decode() if proc.stderr else ''}"
        )
    return elapsed, usage.ru_maxrss / 1024


def cold(argvs: dict[str, list[str]], runs: int) -> dict[str, tuple[float, float]]:
    """Median wall time and max peak RSS per command, runs interleaved to share the noise."""
    times: dict[str, list[float]] = {k: [] for k in argvs}
    peaks: dict[str, float] = dict.fromkeys(argvs, 0.0)
    for argv in argvs.values():  # warm the OS file cache and the bytecode caches, untimed
        run_process(argv)
    for _ in range(runs):
        for name, argv in argvs.items():
            elapsed, peak = run_process(argv)
            times[name].append(elapsed)
            peaks[name] = max(peaks[name], peak)
    return {k: (statistics.median(v), peaks[k]) for k, v in times.items()}


def warm(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up: once-per-process work is not timed
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def import_ms(module: str, runs: int) -> float:
    samples = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"],
            capture_output=True,
            text=True,
            check=True,
            env=ENV,
        )
        last = [line for line in done.stderr.splitlines() if re.search(rf"\|\s+{module}$", line)][
            -1
        ]
        samples.append(int(last.split("|")[1]) / 1000)
    return statistics.median(samples)


def _order_data(lines: int) -> dict[str, object]:
    from exportdocs import to_dict

    return to_dict(cases._contract(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    rows: list[tuple[str, str, float, float]] = []  # target, measured, ratio, goal

    from exportdocs.orderfile import OrderFile, dump_order

    with tempfile.TemporaryDirectory() as tmp:
        order = Path(tmp) / "order.json"
        dump_order(OrderFile.sample(), order)
        exe = str(BIN / "exportdocs")
        render = [exe, "render", str(order), "--doc", "pi", "--format", "pdf", "-o"]
        results = cold(
            {
                "en": [*render, f"{tmp}/en", "--lang", "en"],
                "zh": [*render, f"{tmp}/zh", "--lang", "zh"],
                "reportlab": [
                    sys.executable,
                    str(HERE / "reportlab_pi.py"),
                    str(order),
                    f"{tmp}/rl.pdf",
                ],
            },
            args.runs,
        )
        en, rl, zh = results["en"][0], results["reportlab"][0], results["zh"][0]
        rows.append(
            (
                "cold PI PDF, whole process vs ReportLab",
                f"{en * 1000:.0f} vs {rl * 1000:.0f} ms",
                en / rl,
                2.0,
            )
        )
        rows.append(
            (
                "cold Chinese PI vs English PI",
                f"{zh * 1000:.0f} vs {en * 1000:.0f} ms",
                zh / en,
                1.5,
            )
        )
        rows.append(
            (
                "cold Chinese PI peak memory",
                f"{results['zh'][1]:.0f} MB",
                results["zh"][1] / 120,
                1.0,
            )
        )

        demo_times = [run_process([exe, "demo", f"{tmp}/demo{i}"])[0] for i in range(3)]
        demo = statistics.median(demo_times)
        files = len(list(Path(f"{tmp}/demo0").iterdir()))
        rows.append((f"exportdocs demo ({files} files) vs 3 s", f"{demo:.2f} s", demo / 3.0, 1.0))

    for lines, pdf_goal, docx_goal in ((20, 1.0, 1.0), (1000, 0.6, 0.5)):
        lib = warm(lambda n=lines: cases.lib_pdf("PI", n), args.runs)
        data = _order_data(lines)
        peer = warm(lambda d=data: reportlab_pi.build(d), args.runs)
        rows.append(
            (
                f"warm PI PDF {lines} lines vs ReportLab",
                f"{lib * 1000:.0f} vs {peer * 1000:.0f} ms",
                lib / peer,
                pdf_goal,
            )
        )
        lib = warm(lambda n=lines: cases.lib_docx("PI", n), args.runs)
        peer = warm(lambda n=lines: cases.docxtpl_table("PI", n), args.runs)
        rows.append(
            (
                f"warm PI DOCX {lines} lines vs docxtpl",
                f"{lib * 1000:.0f} vs {peer * 1000:.0f} ms",
                lib / peer,
                docx_goal,
            )
        )

    ours, fpdf = import_ms("exportdocs", args.runs), import_ms("fpdf", args.runs)
    rows.append(
        ("import exportdocs vs import fpdf", f"{ours:.0f} vs {fpdf:.0f} ms", ours / fpdf, 0.5)
    )

    width = max(len(r[0]) for r in rows)
    print(f"{'target':<{width}}  {'measured':>22}  ratio  goal  met")
    for name, measured, ratio, goal in rows:
        print(
            f"{name:<{width}}  {measured:>22}  {ratio:5.2f}  {goal:4.2f}  {'yes' if ratio <= goal else 'NO'}"
        )


if __name__ == "__main__":
    main()
