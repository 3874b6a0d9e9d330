"""The PDF backend: lays blocks out on pages, then writes them as PDF content streams.

Layout happens first, completely, before anything is drawn: every string is
measured (which checks that a font covers it), broken into lines and placed on
a page. Only then is the page count known, so "Page 1 of 3" is plain text and an
error (missing glyph, unreadable image) never leaves a half-drawn document.

Drawing writes a page's content in one piece (``_pdf_write``) and the file around it
(``_pdf_file``): the layout already knows every line, so no PDF library is involved. A line in one face is one text object; a line whose runs switch
faces (DejaVu Latin, CJK Han) is still one text object, with a ``Tf`` per run.

This module lays out the blocks other than the item table (``_pdf_table``) on the
pages of a ``_pdf_canvas.Canvas``, then has them written into a PDF file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from exportdocs.exceptions import TableTooWideError
from exportdocs.render._blocks import (
    Document,
    Header,
    KeyValueGrid,
    PartyBoxes,
    Signatures,
    Spacer,
    Text,
    TextStyle,
    Totals,
)
from exportdocs.render._fonts import FontPlan, LoadedFont
from exportdocs.render._layout import (
    MM_PER_PT,
    bilingual_break,
    keep_chain,
    located,
    page_label,
)
from exportdocs.render._pdf_canvas import GRID, INK, MUTED, ZEBRA, Canvas, Line, Op
from exportdocs.render._pdf_file import PdfFile
from exportdocs.render._pdf_table import TableLayout
from exportdocs.render._pdf_write import DocFont, write_pages
from exportdocs.render._style import Style
from exportdocs.render._table import KEEP_ROWS, Align, ItemTable

__all__ = ["needs_landscape", "pdf_bytes"]

#: Room (mm) a chain longer than a page needs below its start, so that a heading
#: never ends a page.
_KEEP_MIN = 30.0


class _Layout(Canvas):
    """Places the blocks of a document on pages as drawing operations."""

    def __init__(self, document: Document, style: Style, plan: FontPlan) -> None:
        super().__init__(style, plan)
        self.doc = document

    def run(self) -> list[list[Op]]:
        blocks = self.doc.blocks
        b = 0
        while b < len(blocks):
            last = keep_chain(blocks, b)
            if last == b:
                self.block(b)
            else:
                self.chain(b, last)
            b = last + 1
        return self.pages

    def block(self, b: int, tail: Callable[[], None] | None = None) -> None:
        """Lay block ``b``; an item table lays ``tail`` (what it keeps with) after its end."""
        block, at = self.doc.blocks[b], f"blocks[{b}]"
        if isinstance(block, Header):
            self.header(block, at)
        elif isinstance(block, PartyBoxes):
            self.parties(block, at)
        elif isinstance(block, KeyValueGrid):
            if block.keep_together:
                self.whole(lambda: self.grid(block, at))
            else:
                self.grid(block, at)
        elif isinstance(block, ItemTable):
            TableLayout(self, block, at).lay(tail)
        elif isinstance(block, Totals):
            self.totals(block, at)
        elif isinstance(block, Text):
            self.text(block, at)
        elif isinstance(block, Signatures):
            self.signatures(block, at)
        elif isinstance(block, Spacer):
            self.y = min(self.y + float(block.height), self.bottom)

    def chain(self, first: int, last: int) -> None:
        """Blocks ``first`` to ``last`` kept on one page (see ``_layout.keep_chain``).

        They are laid out in place; if that crosses a page break, again from the top of a
        new page; if they are longer than a page even so, they flow from where they were,
        after making sure a heading is not left at the foot of the page. An item table in
        the chain takes the blocks after it as its tail (its last rows, totals and the
        tail stay together), and the blocks before it stay with its header and first row.
        """
        blocks = self.doc.blocks
        table = next((b for b in range(first, last + 1) if isinstance(blocks[b], ItemTable)), None)
        if table is not None:
            layout = TableLayout(self, blocks[table], f"blocks[{table}]")  # type: ignore[arg-type]

            def tail() -> None:
                for b in range(table + 1, last + 1):
                    self.block(b)

            end = tail if last > table else None
            if len(layout.rows) <= KEEP_ROWS and (layout.totals or end is not None):
                # A short table moves whole with its end: the heading goes with it.
                def everything() -> None:
                    for b in range(first, table):
                        self.block(b)
                    layout.lay(end)

                self.whole(everything)
                return
            if table > first:
                self.together(first, table - 1, room=layout.lead)
            layout.lay(end)
            return
        self.together(first, last)

    def together(self, first: int, last: int, room: float = 0.0) -> None:
        """Lay blocks ``first``..``last`` on one page, with ``room`` mm left below them."""

        def lay() -> None:
            for b in range(first, last + 1):
                self.block(b)

        self.whole(lay, room)

    def whole(self, lay: Callable[[], None], room: float = 0.0) -> None:
        """Run ``lay`` so that what it lays stays on one page, with ``room`` mm below it.

        Laid in place first; if that crosses a page break, again from the top of a new
        page; if it is longer than a page even so, it flows from where it was, once
        :data:`_KEEP_MIN` mm are free (so a heading does not end the page).
        """
        mark = self.mark()

        def fits() -> bool:
            return len(self.pages) == mark[0] and self.y + room <= self.bottom + 1e-6

        lay()
        if fits() or mark[2] <= self.top + 1e-6:
            return
        self.rewind(mark)
        self.new_page()
        lay()
        if len(self.pages) == mark[0] + 1:
            return
        self.rewind(mark)  # longer than a page: flow it where it was
        self.need(_KEEP_MIN)
        lay()

    def header(self, block: Header, at: str) -> None:
        head = block.letterhead or self.style.letterhead
        right_w = self.cw * 0.45 if head else self.cw
        left_w = self.cw - right_w - 6
        y0 = self.y
        ly = y0
        if head is not None:
            where = located(f"{at} (letterhead)")
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
        where = located(f"{at}.title")
        title = self.lines(block.title, 15, right_w, where, bold=True)
        if len(title) > 1 and "\n" not in block.title:
            title = self.lines(bilingual_break(block.title), 15, right_w, where, bold=True)
        for line in title:
            ry += 15 * MM_PER_PT * 1.2
            self.put_aligned(line, rx0, self.x1, ry - 1.2, self.accent, title_align)
        ry += 1.5
        for i, (label, value) in enumerate(block.info):
            where = located(f"{at}.info[{i}]")
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
            where = located(f"{at}.parties[{i}]")
            label = self.one_line(party.label, 7.5, w - 2 * pad, where, True)
            body: list[Line] = []
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
                where = located(f"{at}.pairs[{start + k}]")
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

    def totals(self, block: Totals, at: str) -> None:
        w = self.cw * 0.5
        x0 = self.x1 - w
        value_w = w * 0.5
        laid = []
        for i, (label, value) in enumerate(block.rows):
            last = i == len(block.rows) - 1
            size = 9.5 if last else 8.5
            where = located(f"{at}.rows[{i}]")
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
            where = located(f"{at}.boxes[{i}]")
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

    pdf = PdfFile(layout.page_w / MM_PER_PT, layout.page_h / MM_PER_PT)
    pdf.created = document.meta.created
    pdf.identifier = document.meta.identifier
    pdf.title = document.meta.title or ""
    pdf.author = document.meta.author or ""
    pdf.lang = "zh-CN" if style.language.value == "zh" else "en"

    # The fonts in order of first use and, for a font drawn from a working font, every
    # character it draws, so that the working font is complete before drawing.
    used: dict[int, tuple[LoadedFont, set[str] | None]] = {}
    margins = [*foot_lines, *([ref_line] if ref_line is not None else [])]
    for ops in ([line.op(0, 0, MUTED) for line in margins], *pages):
        for op in ops:
            kind = op[0]
            if kind == "t":
                runs: Any = ((op[1], op[6]),)
            elif kind == "m":
                runs = op[1]
            else:
                continue
            for font, s in runs:
                entry = used.get(id(font))
                if entry is None:
                    entry = used[id(font)] = (font, set() if font.grows else None)
                if entry[1] is not None:
                    entry[1].update(s)
    fonts: dict[int, DocFont] = {}
    for key, (font, chars) in used.items():
        glyphs = font.working(chars or set())
        fonts[key] = doc_font = DocFont(font, glyphs, len(fonts) + 1)
        pdf.fonts.append(doc_font)
        if font.cff_cid:
            pdf.version = "1.6"

    foot_y = layout.page_h - float(style.margins.bottom) + 6.0
    rule_y = layout.bottom + 2.0
    for p, ops in enumerate(pages):
        ops.append(("l", layout.x0, rule_y, layout.x1, rule_y, GRID, 0.2))
        ops.append(foot_lines[p].op(layout.x1 - foot_lines[p].width, foot_y, MUTED))
        if ref_line is not None:
            ops.append(ref_line.op(layout.x0, foot_y, MUTED))
    write_pages(pdf, pages, fonts, layout.page_h)
    return pdf.output()


def needs_landscape(document: Document, style: Style) -> bool:
    """Whether an item table of ``document`` cannot fit ``style``'s page even at 7 pt.

    Then only landscape prints it without cutting a figure; :class:`TradeDocument`
    turns such a document (both formats) rather than refuse it.
    """
    page = Canvas(style, FontPlan(style.fonts, need_cjk=style.language.needs_cjk))
    for b, block in enumerate(document.blocks):
        if isinstance(block, ItemTable):
            try:  # measured only, as the DOCX backend measures (a missing glyph is 1 em)
                TableLayout(page, block, f"blocks[{b}]", lay=False, rough=True)
            except TableTooWideError:
                return True
    return False
