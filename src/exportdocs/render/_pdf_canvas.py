"""The PDF page model: measured lines of text, and pages of drawing operations.

A :class:`Canvas` knows the page geometry of a :class:`~exportdocs.render.Style`,
measures and breaks text with the fonts of a :class:`FontPlan`, and queues drawing
operations (:data:`Op`) page by page; the block layouts (``_pdf``, ``_pdf_table``)
place their content through it, and ``pdf_bytes`` draws the queued operations.

A measured line is drawn with one face of the font chain (Latin face, then CJK
face), or, when its characters need both, as *runs*: consecutive characters drawn
with the same face. Widths come from the face each character is drawn in, so a line
mixing DejaVu Latin and CJK Han measures exactly what is drawn.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exportdocs.exceptions import RenderError
from exportdocs.render._fonts import FontPlan, LoadedFont
from exportdocs.render._layout import MM_PER_PT, Where, wrap
from exportdocs.render._style import Style
from exportdocs.render._table import Align

__all__ = ["GRID", "INK", "MUTED", "RGB", "WHITE", "ZEBRA", "Canvas", "Line", "Op", "Runs"]

RGB = tuple[int, int, int]
INK: RGB = (33, 37, 41)
MUTED: RGB = (100, 108, 117)
GRID: RGB = (196, 201, 207)
ZEBRA: RGB = (245, 247, 249)
WHITE: RGB = (255, 255, 255)

#: ('t', font, size, colour, x, y, text) | ('m', runs, size, colour, x, y)
#: | ('r', x, y, w, h, fill) | ('l', x1, y1, x2, y2, colour, width)
#: | ('b', x, y, w, h, colour, width) | ('i', path, x, y, w, h); ``'m'`` is a line in
#: several faces, its ``runs`` (font, text) drawn one after the other from ``x``.
Op = tuple[Any, ...]
#: Consecutive characters drawn with one face: (font, text).
Runs = tuple[tuple[LoadedFont, str], ...]


def _tint(rgb: RGB, amount: float) -> RGB:
    r, g, b = rgb
    return (
        round(r + (255 - r) * amount),
        round(g + (255 - g) * amount),
        round(b + (255 - b) * amount),
    )


class Line:
    """One measured line of text: the face that draws it, its size (pt) and width (mm).

    ``font`` is None when the line needs more than one face; ``runs`` then holds its
    (font, text) runs in order.
    """

    __slots__ = ("font", "runs", "size", "text", "width")

    def __init__(
        self, font: LoadedFont | None, size: float, text: str, width: float, runs: Runs = ()
    ) -> None:
        self.font = font
        self.size = size
        self.text = text
        self.width = width
        self.runs = runs

    def op(self, x: float, y: float, colour: RGB) -> Op:
        """The drawing operation for this line with its baseline starting at (x, y)."""
        if self.font is not None:
            return ("t", self.font, self.size, colour, x, y, self.text)
        return ("m", self.runs, self.size, colour, x, y)


class Canvas:
    """Pages of drawing operations, a cursor ``y`` (mm) on the last one, and the text metrics."""

    def __init__(self, style: Style, plan: FontPlan) -> None:
        self.style = style
        self.plan = plan
        width, height = style.page_mm
        m = style.margins
        self.page_w = float(width)
        self.page_h = float(height)
        self.x0 = float(m.left)
        self.x1 = self.page_w - float(m.right)
        self.cw = self.x1 - self.x0
        self.top = float(m.top)
        self.bottom = self.page_h - float(m.bottom) - 4.0  # room for the footer rule
        self.accent = style.accent_rgb
        self.tint = _tint(self.accent, 0.88)
        self.pages: list[list[Op]] = [[]]
        self.ops = self.pages[0]
        self.y = self.top
        self._aspect: dict[Path, float] = {}

    def new_page(self) -> None:
        self.ops = []
        self.pages.append(self.ops)
        self.y = self.top

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` mm fit below the cursor (or the page is empty)."""
        if self.y + height > self.bottom + 1e-6 and self.y > self.top + 1e-6:
            self.new_page()

    def mark(self) -> tuple[int, int, float]:
        """Where the layout is now, to :meth:`rewind` to (pages, operations, cursor)."""
        return len(self.pages), len(self.ops), self.y

    def rewind(self, mark: tuple[int, int, float]) -> None:
        """Undo everything laid out since ``mark`` (to lay it out again elsewhere)."""
        pages, ops, y = mark
        del self.pages[pages:]
        self.ops = self.pages[-1]
        del self.ops[ops:]
        self.y = y

    def lines(
        self, text: str, size: float, width: float, where: Where, *, bold: bool = False
    ) -> list[Line]:
        """Measure and break ``text`` to ``width`` mm at ``size`` pt."""
        if not text:
            return []
        units, font = self.plan.measure(text, bold, where)
        return self.measured_lines(text, units, font, size, width, bold)

    def measured_lines(
        self,
        text: str,
        units: float,
        font: LoadedFont | None,
        size: float,
        width: float,
        bold: bool,
    ) -> list[Line]:
        """:meth:`lines` for text already measured (``units``, ``font`` from the plan)."""
        plan = self.plan
        scale = size * MM_PER_PT / 1000.0
        if units * scale <= width and "\n" not in text:
            if font is not None:
                return [Line(font, size, text, units * scale)]
            return [self._runs(text, size, units * scale, bold)]
        if font is not None:  # the Latin face draws all of it
            adv = font.adv
            return [
                Line(font, size, line, sum(map(adv.__getitem__, line)) * scale)
                for line in wrap(text, adv, width / scale)
            ]
        adv = plan.adv(bold)
        return [
            self._runs(line, size, sum(map(adv.__getitem__, line)) * scale, bold)
            for line in wrap(text, adv, width / scale)
        ]

    def _runs(self, text: str, size: float, width: float, bold: bool) -> Line:
        """A measured line that needs the CJK face: one face, or runs of several."""
        runs = self.plan.runs(text, bold)
        if len(runs) > 1:
            return Line(None, size, text, width, runs)
        font = runs[0][0] if runs else (self.plan.bold if bold else self.plan.regular)
        return Line(font, size, text, width)

    def line(self, text: str, size: float, where: Where, bold: bool) -> Line:
        """Measure ``text`` on one line at ``size`` pt, however wide."""
        units, font = self.plan.measure(text, bold, where)
        width = units * size * MM_PER_PT / 1000.0
        if font is not None:
            return Line(font, size, text, width)
        return self._runs(text, size, width, bold)

    def one_line(self, text: str, size: float, width: float, where: Where, bold: bool) -> Line:
        """Measure ``text`` on one line, shrinking the font down to 70 % to fit ``width``."""
        units, font = self.plan.measure(text, bold, where)
        scale = size * MM_PER_PT / 1000.0
        if units * scale > width:
            size = max(size * 0.7, size * width / (units * scale))
            scale = size * MM_PER_PT / 1000.0
        if font is not None:
            return Line(font, size, text, units * scale)
        return self._runs(text, size, units * scale, bold)

    def put(self, line: Line, x: float, y: float, colour: RGB) -> None:
        """Queue ``line`` with its baseline at ``y``, starting at ``x``."""
        # Line.op inlined: this runs for every line of a document.
        if line.font is not None:
            self.ops.append(("t", line.font, line.size, colour, x, y, line.text))
        else:
            self.ops.append(("m", line.runs, line.size, colour, x, y))

    def put_aligned(
        self, line: Line, left: float, right: float, y: float, colour: RGB, align: Align
    ) -> None:
        if align is Align.RIGHT:
            x = right - line.width
        elif align is Align.CENTER:
            x = (left + right - line.width) / 2
        else:
            x = left
        if line.font is not None:
            self.ops.append(("t", line.font, line.size, colour, x, y, line.text))
        else:
            self.ops.append(("m", line.runs, line.size, colour, x, y))

    def rule(self, x1: float, y: float, x2: float, colour: RGB, width: float = 0.2) -> None:
        self.ops.append(("l", x1, y, x2, y, colour, width))

    def aspect(self, path: Path, where: Where) -> float:
        """Width / height of an image file (read once per document)."""
        if path not in self._aspect:
            try:
                from PIL import Image

                with Image.open(path) as img:
                    w, h = img.size
            except Exception as exc:  # PIL raises many types for unreadable files
                raise RenderError(f"{where()}: cannot read image {str(path)!r}: {exc}") from exc
            self._aspect[path] = w / h if h else 1.0
        return self._aspect[path]
