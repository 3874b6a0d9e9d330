"""Time building the packing plan of a 1,000-line order (target: well under 100 ms)."""

from __future__ import annotations

import statistics
import time

from exportdocs import Dimensions, Packing, PackingEntry, PackingPlan


def entries(n: int) -> list[PackingEntry]:
    sizes = [Dimensions(50, 40, 30), Dimensions(40, 30, 20)]
    return [
        PackingEntry(
            i,
            f"IT-{i}",
            (i * 7919) % 5000 + 1,
            Packing((6, 12, 24, 48)[i % 4], sizes[i % 2], "0.35", ("0.9", "1.1")[i % 3 % 2]),
        )
        for i in range(n)
    ]


def main() -> None:
    for n in (20, 1000):
        data = entries(n)
        times = []
        for _ in range(7):
            start = time.perf_counter()
            PackingPlan.build(data)
            times.append(time.perf_counter() - start)
        print(f"packing plan, {n:>5} lines: median {statistics.median(times) * 1000:8.2f} ms")


if __name__ == "__main__":
    main()
