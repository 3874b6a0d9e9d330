"""The PDF backend: lays blocks out on pages, then draws them with fpdf2's low-level calls.

Layout happens first, completely, before anything is drawn: every string is
measured (which checks that a font covers it), broken into lines and placed on
a page. Only then is the page count known, so "Page 1 of 3" is plain text and an
error (missing glyph, unreadable image) never leaves a half-drawn document.

Drawing uses ``text``/``rect``/``line``/``image`` rather than ``multi_cell`` or
``table``: the layout already knows every line, and fpdf2's own line breaking
per cell is what makes a long ``table()`` slow.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from exportdocs.exceptions import RenderError
from exportdocs.render._blocks import (
    Align,
    Document,
    Header,
    ImageCell,
    ItemTable,
    KeyValueGrid,
    PartyBoxes,
    Signatures,
    Spacer,
    Text,
    TextStyle,
    Totals,
)
from exportdocs.render._fonts import FontPlan, LoadedFont
from exportdocs.render._layout import MM_PER_PT, bilingual_break, kept_with_next, page_label, wrap
from exportdocs.render._style import Style

__all__ = ["pdf_bytes"]

#: Runs of Latin (not full-width) characters between spaces: the words a header keeps whole.
_WORDS = re.compile(r"[^\s\u2e80-\U0010ffff]+")

RGB = tuple[int, int, int]
INK: RGB = (33, 37, 41)
MUTED: RGB = (100, 108, 117)
GRID: RGB = (196, 201, 207)
ZEBRA: RGB = (245, 247, 249)
WHITE: RGB = (255, 255, 255)

#: ('t', font, size, colour, x, y, text) | ('r', x, y, w, h, fill) | ('l', x1, y1, x2, y2, colour, width)
#: | ('i', path, x, y, w, h)
Op = tuple[Any, ...]
Where = Callable[[], str]


def _w(text: str) -> Where:
    """A "where" callback for error messages."""
    return lambda: text


def _tint(rgb: RGB, amount: float) -> RGB:
    r, g, b = rgb
    return (
        round(r + (255 - r) * amount),
        round(g + (255 - g) * amount),
        round(b + (255 - b) * amount),
    )


class _Line:
    """One measured line of text: the font that draws it, its size (pt) and width (mm)."""

    __slots__ = ("font", "size", "text", "width")

    def __init__(self, font: LoadedFont, size: float, text: str, width: float) -> None:
        self.font = font
        self.size = size
        self.text = text
        self.width = width


class _Layout:
    """Places blocks on pages as drawing operations."""

    def __init__(self, document: Document, style: Style, plan: FontPlan) -> None:
        self.doc = document
        self.style = style
        self.plan = plan
        width, height = style.paper.size_mm
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

    # ------------------------------------------------------------ primitives

    def new_page(self) -> None:
        self.ops = []
        self.pages.append(self.ops)
        self.y = self.top

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` mm fit below the cursor (or the page is empty)."""
        if self.y + height > self.bottom + 1e-6 and self.y > self.top + 1e-6:
            self.new_page()

    def lines(
        self, text: str, size: float, width: float, where: Where, *, bold: bool = False
    ) -> list[_Line]:
        """Measure and break ``text`` to ``width`` mm at ``size`` pt."""
        if not text:
            return []
        font, units = self.plan.pick(text, bold, where)
        scale = size * MM_PER_PT / 1000.0
        if units * scale <= width and "\n" not in text:
            return [_Line(font, size, text, units * scale)]
        adv = font.adv
        return [
            _Line(font, size, line, sum(map(adv.__getitem__, line)) * scale)
            for line in wrap(text, adv, width / scale)
        ]

    def head_lines(self, title: str, width: float, where: Where) -> list[_Line]:
        """A column title at 7.5 pt, smaller (down to 5.5 pt) when a word would not fit.

        Latin words are never cut in a header ("APPROVA/L"); CJK breaks anywhere anyway.
        """
        size = 7.5
        font, _ = self.plan.pick(title, True, where)
        widest = max((sum(map(font.adv.__getitem__, w)) for w in _WORDS.findall(title)), default=0)
        needed = widest * size * MM_PER_PT / 1000.0
        if needed > width:
            size = max(5.5, size * width / needed * 0.98)  # a hair under, for rounding
        return self.lines(title, size, width, where, bold=True)

    def one_line(self, text: str, size: float, width: float, where: Where, bold: bool) -> _Line:
        """Measure ``text`` on one line, shrinking the font down to 70 % to fit ``width``."""
        font, units = self.plan.pick(text, bold, where)
        scale = size * MM_PER_PT / 1000.0
        if units * scale > width:
            size = max(size * 0.7, size * width / (units * scale))
            scale = size * MM_PER_PT / 1000.0
        return _Line(font, size, text, units * scale)

    def put(self, line: _Line, x: float, y: float, colour: RGB, align: Align = Align.LEFT) -> None:
        """Queue ``line`` with its baseline at ``y``, aligned within [x, x + width]."""
        self.ops.append(("t", line.font, line.size, colour, x, y, line.text))

    def put_aligned(
        self, line: _Line, left: float, right: float, y: float, colour: RGB, align: Align
    ) -> None:
        if align is Align.RIGHT:
            x = right - line.width
        elif align is Align.CENTER:
            x = (left + right - line.width) / 2
        else:
            x = left
        self.ops.append(("t", line.font, line.size, colour, x, y, line.text))

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

    # ------------------------------------------------------------ blocks

    def run(self) -> list[list[Op]]:
        blocks = self.doc.blocks
        kept = -1
        for b, block in enumerate(blocks):
            at = f"blocks[{b}]"
            if b == kept:
                continue
            pair = kept_with_next(blocks, b)
            if pair is not None:
                self.keep_together(*pair, at, f"blocks[{b + 1}]")
                kept = b + 1
            elif isinstance(block, Header):
                self.header(block, at)
            elif isinstance(block, PartyBoxes):
                self.parties(block, at)
            elif isinstance(block, KeyValueGrid):
                self.grid(block, at)
            elif isinstance(block, ItemTable):
                self.table(block, at)
            elif isinstance(block, Totals):
                self.totals(block, at)
            elif isinstance(block, Text):
                self.text(block, at)
            elif isinstance(block, Signatures):
                self.signatures(block, at)
            elif isinstance(block, Spacer):
                self.y = min(self.y + float(block.height), self.bottom)
        return self.pages

    def keep_together(self, text: Text, sigs: Signatures, at: str, sigs_at: str) -> None:
        """The text before the signatures (notes, remarks) goes to their page.

        Laid out in place first; if the pair crosses a page break it is laid out again
        from the top of a new page, unless it is longer than a page anyway.
        """
        pages, ops, y = len(self.pages), len(self.ops), self.y

        def lay() -> None:
            self.text(text, at)
            self.signatures(sigs, sigs_at)

        def rewind() -> None:
            del self.pages[pages:]
            self.ops = self.pages[-1]
            del self.ops[ops:]
            self.y = y

        lay()
        if len(self.pages) == pages or y <= self.top + 1e-6:
            return
        rewind()
        self.new_page()
        lay()
        if len(self.pages) > pages + 1:  # longer than a page: flow it where it was
            rewind()
            lay()

    def header(self, block: Header, at: str) -> None:
        head = block.letterhead or self.style.letterhead
        right_w = self.cw * 0.45 if head else self.cw
        left_w = self.cw - right_w - 6
        y0 = self.y
        ly = y0
        if head is not None:
            where = _w(f"{at} (letterhead)")
            if head.logo is not None:
                h = 14.0
                w = min(h * self.aspect(head.logo, where), left_w)
                self.ops.append(("i", head.logo, self.x0, ly, w, w / self.aspect(head.logo, where)))
                ly += w / self.aspect(head.logo, where) + 2
            for line in self.lines(head.name, 13, left_w, where, bold=True):
                ly += 13 * MM_PER_PT * 1.2
                self.put(line, self.x0, ly - 1.2, self.accent)
            for text in (*head.address, head.contact_line):
                size, colour = (8.0, INK) if text != head.contact_line else (7.5, MUTED)
                for line in self.lines(text, size, left_w, where):
                    ly += size * MM_PER_PT * 1.3
                    self.put(line, self.x0, ly - 0.8, colour)
        ry = y0
        title_align = Align.RIGHT if head else Align.LEFT
        rx0 = self.x1 - right_w
        where = _w(f"{at}.title")
        title = self.lines(block.title, 15, right_w, where, bold=True)
        if len(title) > 1 and "\n" not in block.title:
            title = self.lines(bilingual_break(block.title), 15, right_w, where, bold=True)
        for line in title:
            ry += 15 * MM_PER_PT * 1.2
            self.put_aligned(line, rx0, self.x1, ry - 1.2, self.accent, title_align)
        ry += 1.5
        for i, (label, value) in enumerate(block.info):
            where = _w(f"{at}.info[{i}]")
            lab = self.one_line(label + ":", 8.0, right_w * 0.45, where, False)
            val = self.one_line(value, 8.5, right_w - lab.width - 2, where, True)
            ry += 8.5 * MM_PER_PT * 1.35
            if title_align is Align.RIGHT:
                self.put(val, self.x1 - val.width, ry, INK)
                self.put(lab, self.x1 - val.width - 2 - lab.width, ry, MUTED)
            else:
                self.put(lab, rx0, ry, MUTED)
                self.put(val, rx0 + lab.width + 2, ry, INK)
        self.y = max(ly, ry) + 3
        self.ops.append(("l", self.x0, self.y, self.x1, self.y, self.accent, 0.6))
        self.y += 5

    def parties(self, block: PartyBoxes, at: str) -> None:
        n = len(block.parties)
        gap = 4.0
        w = (self.cw - gap * (n - 1)) / n
        pad = 2.0
        laid = []
        for i, party in enumerate(block.parties):
            where = _w(f"{at}.parties[{i}]")
            label = self.one_line(party.label, 7.5, w - 2 * pad, where, True)
            body: list[_Line] = []
            for text in party.lines:
                body.extend(self.lines(text, 8.5, w - 2 * pad, where))
            laid.append((label, body))
        lh = 8.5 * MM_PER_PT * 1.3
        band = 5.5
        height = band + pad + max(len(body) for _, body in laid) * lh + pad
        self.need(height)
        for i, (label, body) in enumerate(laid):
            x = self.x0 + i * (w + gap)
            self.ops.append(("r", x, self.y, w, band, self.tint))
            self.ops.append(("b", x, self.y, w, height, GRID, 0.25))
            self.put(label, x + pad, self.y + band - 1.7, self.accent)
            yy = self.y + band + pad
            for line in body:
                yy += lh
                self.put(line, x + pad, yy - 0.9, INK)
        self.y += height + 4

    def grid(self, block: KeyValueGrid, at: str) -> None:
        per_row = block.columns // 2
        slot = (self.cw - 4 * (per_row - 1)) / per_row
        label_w = slot * (0.36 if per_row == 1 else 0.38)
        value_w = slot - label_w - 2
        lh = 8.5 * MM_PER_PT * 1.3
        pairs = block.pairs
        for start in range(0, len(pairs), per_row):
            cells = []
            for k, (label, value) in enumerate(pairs[start : start + per_row]):
                where = _w(f"{at}.pairs[{start + k}]")
                cells.append(
                    (
                        self.lines(label, 8.0, label_w, where, bold=True),
                        self.lines(value, 8.5, value_w, where),
                    )
                )
            rows = max(max(len(lab), len(val), 1) for lab, val in cells)
            height = rows * lh + 1.6
            self.need(height)
            for k, (lab, val) in enumerate(cells):
                x = self.x0 + k * (slot + 4)
                for j, line in enumerate(lab):
                    self.put(line, x, self.y + (j + 1) * lh - 0.8, MUTED)
                for j, line in enumerate(val):
                    self.put(line, x + label_w + 2, self.y + (j + 1) * lh - 0.8, INK)
            self.y += height
            self.rule(self.x0, self.y - 0.5, self.x1, ZEBRA, 0.2)
        self.y += 3

    def table(self, block: ItemTable, at: str) -> None:
        total_w = sum(c.width for c in block.columns)
        widths = [self.cw * float(c.width / total_w) for c in block.columns]
        lefts = [self.x0 + sum(widths[:i]) for i in range(len(widths))]
        pad_x, pad_y = 1.4, 1.3
        size = 8.0
        lh = size * MM_PER_PT * 1.22
        asc = size * MM_PER_PT * 0.93

        # The header row, laid out once and queued again on every page.
        head_cells = [
            self.head_lines(col.title, widths[c] - 2 * pad_x, _w(f"{at}.columns[{c}]"))
            for c, col in enumerate(block.columns)
        ]
        head_lh = 7.5 * MM_PER_PT * 1.22
        head_h = max(len(lines) for lines in head_cells) * head_lh + 2 * pad_y

        def draw_head() -> None:
            y = self.y
            self.ops.append(("r", self.x0, y, self.cw, head_h, self.accent))
            for c, lines in enumerate(head_cells):
                col = block.columns[c]
                for j, line in enumerate(lines):
                    self.put_aligned(
                        line,
                        lefts[c] + pad_x,
                        lefts[c] + widths[c] - pad_x,
                        y + pad_y + j * head_lh + 7.5 * MM_PER_PT * 0.93,
                        WHITE,
                        col.align,
                    )
            self.y += head_h

        def layout_row(
            row: tuple[Any, ...], name: str, r: int, bold: bool
        ) -> tuple[list[Any], float]:
            cells: list[Any] = []
            height = 0.0
            for c, cell in enumerate(row):
                inner = widths[c] - 2 * pad_x
                if isinstance(cell, ImageCell):
                    where = _w(f"{at}.{name}[{r}][{c}]")
                    ratio = self.aspect(cell.path, where)
                    h = float(cell.height)
                    w = h * ratio
                    if w > inner:
                        w, h = inner, inner / ratio
                    cells.append((cell.path, w, h))
                    height = max(height, h)
                    continue
                if not cell:
                    cells.append(())
                    continue
                col = block.columns[c]
                if col.wrap:
                    laid = self.lines(cell, size, inner, _w(f"{at}.{name}[{r}][{c}]"), bold=bold)
                else:
                    one = self.one_line(cell, size, inner, _w(f"{at}.{name}[{r}][{c}]"), bold)
                    laid = (
                        [one]
                        if one.width <= inner + 1e-6
                        else self.lines(cell, size, inner, _w(f"{at}.{name}[{r}][{c}]"), bold=bold)
                    )
                cells.append(laid)
                height = max(height, len(laid) * lh)
            return cells, max(height, lh) + 2 * pad_y

        def draw_row(cells: list[Any], height: float, shade: bool, bold_rule: bool) -> None:
            y = self.y
            if shade:
                self.ops.append(("r", self.x0, y, self.cw, height, ZEBRA))
            for c, cell in enumerate(cells):
                if isinstance(cell, tuple):
                    if cell:
                        path, w, h = cell
                        self.ops.append(
                            ("i", path, lefts[c] + (widths[c] - w) / 2, y + pad_y, w, h)
                        )
                    continue
                align = block.columns[c].align
                for j, line in enumerate(cell):
                    self.put_aligned(
                        line,
                        lefts[c] + pad_x,
                        lefts[c] + widths[c] - pad_x,
                        y + pad_y + j * lh + asc,
                        INK,
                        align,
                    )
            if bold_rule:
                self.ops.append(("l", self.x0, y, self.x1, y, self.accent, 0.5))
            self.y += height
            self.ops.append(("l", self.x0, self.y, self.x1, self.y, GRID, 0.15))

        self.need(head_h + lh + 2 * pad_y)
        draw_head()
        for r, row in enumerate(block.rows):
            cells, height = layout_row(row, "rows", r, False)
            if self.y + height > self.bottom + 1e-6:
                cells, height = self._split_row(cells, height, lh, pad_y, draw_row, draw_head, r)
            draw_row(cells, height, r % 2 == 1, False)
        if block.totals:
            laid = [layout_row(row, "totals", r, True) for r, row in enumerate(block.totals)]
            total_h = sum(h for _, h in laid)
            if self.y + total_h > self.bottom + 1e-6:
                self.new_page()
                draw_head()
            for k, (cells, height) in enumerate(laid):
                draw_row(cells, height, False, k == 0)
        self.y += 4

    def _split_row(
        self,
        cells: list[Any],
        height: float,
        lh: float,
        pad_y: float,
        draw_row: Callable[[list[Any], float, bool, bool], None],
        draw_head: Callable[[], None],
        r: int,
    ) -> tuple[list[Any], float]:
        """Move a row to a new page, cutting it between lines if it is taller than a page."""
        self.new_page()
        draw_head()
        while self.y + height > self.bottom + 1e-6:
            fit = int((self.bottom - self.y - 2 * pad_y) // lh)
            if fit < 1:  # pragma: no cover - margins are validated to leave a usable body
                raise RenderError(f"a table row ({r}) does not fit on a page")
            first = [c[:fit] if isinstance(c, list) else c for c in cells]
            rest = [c[fit:] if isinstance(c, list) else () for c in cells]
            draw_row(first, fit * lh + 2 * pad_y, r % 2 == 1, False)
            self.new_page()
            draw_head()
            cells = rest
            height = max(len(c) if isinstance(c, list) else 0 for c in cells) * lh + 2 * pad_y
        return cells, height

    def totals(self, block: Totals, at: str) -> None:
        w = self.cw * 0.5
        x0 = self.x1 - w
        value_w = w * 0.5
        laid = []
        for i, (label, value) in enumerate(block.rows):
            last = i == len(block.rows) - 1
            size = 9.5 if last else 8.5
            where = _w(f"{at}.rows[{i}]")
            laid.append(
                (
                    self.lines(label, size, w - value_w - 3, where, bold=True),
                    self.lines(value, size, value_w, where, bold=last),
                    size,
                    last,
                )
            )
        words = self.lines(block.words or "", 8.5, self.cw, lambda: f"{at}.words", bold=True)
        heights = [max(len(a), len(b), 1) * s * MM_PER_PT * 1.3 + 1.5 for a, b, s, _ in laid]
        wl = 8.5 * MM_PER_PT * 1.3
        self.need(sum(heights) + len(words) * wl + 3)
        for (labels, values, size, last), h in zip(laid, heights, strict=False):
            if last:
                self.ops.append(("l", x0, self.y, self.x1, self.y, self.accent, 0.5))
            step = size * MM_PER_PT * 1.3
            for j, line in enumerate(labels):
                self.put_aligned(
                    line,
                    x0,
                    self.x1 - value_w - 3,
                    self.y + (j + 1) * step,
                    MUTED if not last else INK,
                    Align.RIGHT,
                )
            for j, line in enumerate(values):
                self.put_aligned(
                    line, self.x1 - value_w, self.x1, self.y + (j + 1) * step, INK, Align.RIGHT
                )
            self.y += h
        if words:
            self.y += 1.5
            for line in words:
                self.y += wl
                self.put(line, self.x0, self.y - 0.8, INK)
        self.y += 4

    def text(self, block: Text, at: str) -> None:
        size, colour, bold = {
            TextStyle.NORMAL: (9.0, INK, False),
            TextStyle.SMALL: (7.5, INK, False),
            TextStyle.BOLD: (9.0, INK, True),
            TextStyle.HEADING: (11.0, self.accent, True),
            TextStyle.MUTED: (8.0, MUTED, False),
        }[block.style]
        lh = size * MM_PER_PT * 1.35
        if block.style is TextStyle.HEADING:
            self.need(lh * 3)
            self.y += 1.5
        for p, para in enumerate(block.text.split("\n\n")):
            if p:
                self.y += lh * 0.5
            for line in self.lines(
                para.strip("\n"), size, self.cw, lambda: f"{at}.text", bold=bold
            ):
                self.need(lh)
                self.y += lh
                self.put(line, self.x0, self.y - lh * 0.25, colour)
        self.y += 2.5

    def signatures(self, block: Signatures, at: str) -> None:
        n = len(block.boxes)
        gap = 12.0
        w = (self.cw - gap * (n - 1)) / n
        laid = []
        for i, box in enumerate(block.boxes):
            where = _w(f"{at}.boxes[{i}]")
            laid.append(
                (
                    self.lines(box.label, 8.0, w, where, bold=True),
                    self.lines(box.name, 8.5, w, where),
                    self.lines(box.title, 7.5, w, where),
                )
            )
        l8 = 8.0 * MM_PER_PT * 1.3
        n_label = max(len(a) for a, _, _ in laid)
        n_name = max(len(b) + len(c) for _, b, c in laid)
        height = n_label * l8 + 18 + 1.5 + n_name * l8 + 2
        self.need(height + 4)
        self.y += 4
        for i, (labels, names, titles) in enumerate(laid):
            x = self.x0 + i * (w + gap)
            yy = self.y
            for line in labels:
                yy += l8
                self.put(line, x, yy - 0.8, INK)
            line_y = self.y + n_label * l8 + 18
            self.rule(x, line_y, x + w * 0.9, INK, 0.3)
            yy = line_y + 1.0
            for line in names:
                yy += l8
                self.put(line, x, yy - 0.8, INK)
            for line in titles:
                yy += l8
                self.put(line, x, yy - 0.8, MUTED)
        self.y += height


def pdf_bytes(document: Document, style: Style) -> bytes:
    """Render ``document`` to PDF bytes (layout first, then drawing)."""
    from fpdf import FPDF

    plan = FontPlan(style.fonts, need_cjk=style.language.needs_cjk)
    layout = _Layout(document, style, plan)
    pages = layout.run()
    total = len(pages)
    footers = [page_label(style.language, i + 1, total) for i in range(total)]
    ref = document.meta.reference
    foot_lines = [
        layout.one_line(text, 7.5, layout.cw / 2, lambda: "page footer", False) for text in footers
    ]
    ref_line = (
        layout.one_line(ref, 7.5, layout.cw / 2 - 4, lambda: "meta.reference", False)
        if ref
        else None
    )

    identifier = document.meta.identifier

    class _PDF(FPDF):
        def file_id(self) -> str | int | None:  # type: ignore[override]
            if identifier is None:
                return -1
            digest = (
                hashlib.md5(identifier.encode("utf-8"), usedforsecurity=False).hexdigest().upper()
            )
            return f"<{digest}><{digest}>"

    pdf = _PDF(unit="mm", format=(layout.page_w, layout.page_h))
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(document.meta.created)
    pdf.set_creator("exportdocs")
    if document.meta.title:
        pdf.set_title(document.meta.title)
    if document.meta.author:
        pdf.set_author(document.meta.author)
    pdf.set_lang("zh-CN" if style.language.value == "zh" else "en")

    # Every character each font draws, so its working font is complete before drawing.
    used: dict[int, tuple[LoadedFont, set[str]]] = {}
    extra = [(line.font, line.text) for line in foot_lines]
    if ref_line is not None:
        extra.append((ref_line.font, ref_line.text))
    for font, s in extra + [(op[1], op[6]) for ops in pages for op in ops if op[0] == "t"]:
        entry = used.get(id(font))
        if entry is None:
            entry = used[id(font)] = (font, set())
        entry[1].update(s)
    families: dict[int, tuple[str, str]] = {}
    for key, (font, chars) in used.items():
        name = f"f{len(families)}"
        font.attach(pdf, name, "", chars)
        families[key] = (name, "")

    def family(font: LoadedFont) -> tuple[str, str]:
        return families[id(font)]

    text = pdf.text
    set_font = pdf.set_font
    cur_font: Any = None
    cur_size = 0.0
    cur_colour: Any = None
    foot_y = layout.page_h - float(style.margins.bottom) + 6.0
    for p, ops in enumerate(pages):
        pdf.add_page()
        cur_font = None
        ops = [
            *ops,
            ("l", layout.x0, layout.bottom + 2.0, layout.x1, layout.bottom + 2.0, GRID, 0.2),
            (
                "t",
                foot_lines[p].font,
                7.5,
                MUTED,
                layout.x1 - foot_lines[p].width,
                foot_y,
                footers[p],
            ),
        ]
        if ref_line is not None:
            ops.append(("t", ref_line.font, ref_line.size, MUTED, layout.x0, foot_y, ref_line.text))
        for op in ops:
            kind = op[0]
            if kind == "t":
                _, font, size, colour, x, y, s = op
                if font is not cur_font or size != cur_size:
                    name, st = family(font)
                    set_font(name, st, size)
                    cur_font, cur_size = font, size
                if colour != cur_colour:
                    pdf.set_text_color(*colour)
                    cur_colour = colour
                text(x, y, s)
            elif kind == "r":
                _, x, y, w, h, fill = op
                pdf.set_fill_color(*fill)
                pdf.rect(x, y, w, h, style="F")
            elif kind == "b":
                _, x, y, w, h, colour, lw = op
                pdf.set_draw_color(*colour)
                pdf.set_line_width(lw)
                pdf.rect(x, y, w, h, style="D")
            elif kind == "l":
                _, x1, y1, x2, y2, colour, lw = op
                pdf.set_draw_color(*colour)
                pdf.set_line_width(lw)
                pdf.line(x1, y1, x2, y2)
            elif kind == "i":
                _, path, x, y, w, h = op
                try:
                    pdf.image(path, x, y, w, h)
                except Exception as exc:  # fpdf2/PIL raise many types for bad images
                    raise RenderError(f"cannot draw image {str(path)!r}: {exc}") from exc
    return bytes(pdf.output())
