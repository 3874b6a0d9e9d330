"""Plain-text helpers of the command line: error lines, tables, sizes, a progress bar.

Everything here writes to the stream it is given, so the commands can be tested
in-process with captured output.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from typing import TextIO

from exportdocs.exceptions import ExportDocsError, ValidationError

#: Everything asked for was done.
EXIT_OK = 0
#: An order, an event or a file was refused or failed (the others were still done).
EXIT_FAILED = 1
#: The command line is wrong (argparse's own code).
EXIT_USAGE = 2
#: Kept for compatibility: ``demo`` exited with 3 when it wrote the English documents
#: but had no CJK font for the Chinese ones. exportdocs now ships its own CJK font, so
#: ``demo`` always writes the whole set (or fails with 1 when a font explicitly asked
#: for is missing); no command returns 3 in normal operation.
EXIT_PARTIAL = 3


#: The command's name, at the start of every error line.
PROG = "exportdocs"

__all__ = [
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "EXIT_USAGE",
    "PROG",
    "Progress",
    "error_lines",
    "human_size",
    "is_terminal",
    "table",
    "text_width",
]


def error_lines(exc: BaseException, file: str | None = None) -> list[str]:
    """One line per problem: ``exportdocs: error: order.json: items[3].quantity: ...``.

    A ValidationError from :func:`~exportdocs.orderfile.load_order` already names
    its file; ``file`` is added only to the messages that do not start with it.
    """
    prefix = f"{PROG}: error: "
    where = f"{file}: " if file else ""
    if isinstance(exc, ValidationError):
        return [f"{prefix}{where}{problem}" for problem in exc.problems]
    text = str(exc) or type(exc).__name__
    if file and text.startswith(f"{file}: "):
        where = ""
    if not isinstance(exc, ExportDocsError) and isinstance(exc, OSError):
        text = f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else "")
    return [f"{prefix}{where}{line}" for line in text.splitlines() or [text]]


def text_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (East Asian wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - text_width(text))
    return gap + text if right else text + gap


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right: Sequence[bool] | None = None,
    rule_before: Sequence[int] = (),
) -> Iterator[str]:
    """Lines of a fixed-width table; ``right[i]`` right-aligns column i (numbers).

    ``rule_before`` lists row indexes to draw a rule above (a totals row).

    >>> print("\\n".join(table(["Item", "Qty"], [["A", "5"], ["Total", "15"]], right=[False, True], rule_before=[1])))
    Item   Qty
    -----  ---
    A        5
    -----  ---
    Total   15
    """
    aligns = list(right) if right is not None else [False] * len(headers)
    widths = [text_width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], text_width(cell))
    rule = "  ".join("-" * w for w in widths)

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            _pad(c, w, a) for c, w, a in zip(cells, widths, aligns, strict=True)
        ).rstrip()

    yield line(headers)
    yield rule
    for n, row in enumerate(rows):
        if n in rule_before:
            yield rule
        yield line(row)


def human_size(size: int) -> str:
    """A file size for people: ``812 B``, ``48.2 kB``, ``1.3 MB`` (decimal units).

    >>> human_size(812), human_size(48213), human_size(1_300_000)
    ('812 B', '48.2 kB', '1.3 MB')
    """
    if size < 1000:
        return f"{size} B"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"


def is_terminal(stream: TextIO) -> bool:
    """True when ``stream`` is a terminal (False for a pipe, a file or a captured stream)."""
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty is not None and isatty())
    except ValueError:  # a closed stream
        return False


class Progress:
    """A one-line progress bar on a terminal; silent when ``stream`` is not a TTY.

    ``enabled`` overrides the TTY check (``render`` draws the bar only when stdout is
    a terminal too, so nothing is drawn when the output is piped). There is no bar
    for a single item.

    >>> import io
    >>> bar = Progress(3, io.StringIO())
    >>> bar.step("a.json"); bar.done()
    >>> bar.enabled
    False
    """

    WIDTH = 24

    def __init__(self, total: int, stream: TextIO, *, enabled: bool | None = None) -> None:
        self.total = total
        self.stream = stream
        self.count = 0
        shown = is_terminal(stream) if enabled is None else enabled
        self.enabled = bool(total > 1 and shown)

    def step(self, label: str) -> None:
        """Count one more item done (``label`` names it) and redraw."""
        self.count += 1
        if not self.enabled:
            return
        filled = self.WIDTH * self.count // self.total
        bar = "#" * filled + "." * (self.WIDTH - filled)
        name = label if len(label) <= 40 else "..." + label[-37:]
        self.stream.write(f"\r[{bar}] {self.count}/{self.total} {name}\x1b[K")
        self.stream.flush()

    def done(self) -> None:
        """End the bar's line."""
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
