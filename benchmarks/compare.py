"""Render speed of the working tree against an earlier commit, measured in one run.

Run with ``.venv/bin/python benchmarks/compare.py [REF] [--rounds N] [--repeat N]``
(REF defaults to ``HEAD``). It checks REF out into a temporary git worktree, then runs
``benchmarks/render.py --quick`` alternately for REF and for the working tree, ``--rounds``
times, so that both see the same machine load, and prints the median of each figure (the
PI's warm PDF and DOCX times for 20 and 1,000 lines) with the change in percent.

A change must keep every figure within 10 % of the commit before it (issue 12).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _figures(src: Path, repeat: int) -> dict[tuple[str, str, str], float]:
    """One run of render.py --quick against the sources in ``src``: (format, table, lines)."""
    env = {**os.environ, "PYTHONPATH": str(src / "src")}
    script = src / "benchmarks" / "render.py"
    command = [sys.executable, str(script), "--quick", "--repeat", str(repeat)]
    out = subprocess.run(command, env=env, cwd=src, check=True, capture_output=True, text=True)
    figures = {}
    for line in out.stdout.splitlines()[1:]:
        parts = line.split()
        if len(parts) >= 5 and parts[3] == "exportdocs":
            figures[(parts[0], parts[1], parts[2])] = float(parts[4])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ref", nargs="?", default="HEAD")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        before = Path(tmp) / "before"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-q", str(before), args.ref],
            cwd=ROOT,
            check=True,
        )
        try:
            runs: dict[str, defaultdict[tuple[str, str, str], list[float]]] = {
                "before": defaultdict(list),
                "after": defaultdict(list),
            }
            for _ in range(args.rounds):
                for name, src in (("before", before), ("after", ROOT)):
                    for key, ms in _figures(src, args.repeat).items():
                        runs[name][key].append(ms)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(before)], cwd=ROOT)
    print(f"{'format':6} {'table':5} {'lines':>5}  {args.ref:>10}  working tree  change")
    for key in sorted(runs["after"], key=lambda k: (k[1], k[0], int(k[2]))):
        if key[1] != "PI" or key not in runs["before"]:
            continue
        old = statistics.median(runs["before"][key])
        new = statistics.median(runs["after"][key])
        print(
            f"{key[0]:6} {key[1]:5} {key[2]:>5}  {old:8.1f} ms  {new:9.1f} ms  {new / old - 1:+6.1%}"
        )


if __name__ == "__main__":
    main()
