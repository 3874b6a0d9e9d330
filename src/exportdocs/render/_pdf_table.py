"""The PDF layout of an item table (see ``_pdf`` for the other blocks)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from exportdocs.exceptions import RenderError
from exportdocs.render._layout import MM_PER_PT, cell_at, located
from exportdocs.render._pdf_canvas import GRID, INK, WHITE, ZEBRA, Canvas
from exportdocs.render._table import ImageCell, ItemTable

__all__ = ["lay_table"]


def lay_table(page: Canvas, block: ItemTable, at: str) -> None:
    """Lay out an item table: the header row on every page, zebra rows, totals at the end.

    A row taller than the rest of the page moves to the next page, and one taller than
    a page is cut between its lines.
    """
    total_w = sum(c.width for c in block.columns)
    widths = [page.cw * float(c.width / total_w) for c in block.columns]
    lefts = [page.x0 + sum(widths[:i]) for i in range(len(widths))]
    pad_x, pad_y = 1.4, 1.3
    size = 8.0
    lh = size * MM_PER_PT * 1.22
    asc = size * MM_PER_PT * 0.93

    # The header row, laid out once and queued again on every page.
    head_cells = [
        page.head_lines(col.title, widths[c] - 2 * pad_x, located(f"{at}.columns[{c}]"))
        for c, col in enumerate(block.columns)
    ]
    head_lh = 7.5 * MM_PER_PT * 1.22
    head_h = max(len(lines) for lines in head_cells) * head_lh + 2 * pad_y

    def draw_head() -> None:
        y = page.y
        page.ops.append(("r", page.x0, y, page.cw, head_h, page.accent))
        for c, lines in enumerate(head_cells):
            col = block.columns[c]
            for j, line in enumerate(lines):
                page.put_aligned(
                    line,
                    lefts[c] + pad_x,
                    lefts[c] + widths[c] - pad_x,
                    y + pad_y + j * head_lh + 7.5 * MM_PER_PT * 0.93,
                    WHITE,
                    col.align,
                )
        page.y += head_h

    def layout_row(row: tuple[Any, ...], name: str, r: int, bold: bool) -> tuple[list[Any], float]:
        cells: list[Any] = []
        height = 0.0
        for c, cell in enumerate(row):
            inner = widths[c] - 2 * pad_x
            if isinstance(cell, ImageCell):
                ratio = page.aspect(cell.path, cell_at(at, name, r, c))
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
            where = cell_at(at, name, r, c)  # formatted only for an error message
            if block.columns[c].wrap:
                laid = page.lines(cell, size, inner, where, bold=bold)
            else:
                one = page.one_line(cell, size, inner, where, bold)
                laid = (
                    [one]
                    if one.width <= inner + 1e-6
                    else page.lines(cell, size, inner, where, bold=bold)
                )
            cells.append(laid)
            height = max(height, len(laid) * lh)
        return cells, max(height, lh) + 2 * pad_y

    def draw_row(cells: list[Any], height: float, shade: bool, bold_rule: bool) -> None:
        y = page.y
        if shade:
            page.ops.append(("r", page.x0, y, page.cw, height, ZEBRA))
        for c, cell in enumerate(cells):
            if isinstance(cell, tuple):
                if cell:
                    path, w, h = cell
                    page.ops.append(("i", path, lefts[c] + (widths[c] - w) / 2, y + pad_y, w, h))
                continue
            align = block.columns[c].align
            for j, line in enumerate(cell):
                page.put_aligned(
                    line,
                    lefts[c] + pad_x,
                    lefts[c] + widths[c] - pad_x,
                    y + pad_y + j * lh + asc,
                    INK,
                    align,
                )
        if bold_rule:
            page.ops.append(("l", page.x0, y, page.x1, y, page.accent, 0.5))
        page.y += height
        page.ops.append(("l", page.x0, page.y, page.x1, page.y, GRID, 0.15))

    page.need(head_h + lh + 2 * pad_y)
    draw_head()
    for r, row in enumerate(block.rows):
        cells, height = layout_row(row, "rows", r, False)
        if page.y + height > page.bottom + 1e-6:
            cells, height = _split_row(page, cells, height, lh, pad_y, draw_row, draw_head, r)
        draw_row(cells, height, r % 2 == 1, False)
    if block.totals:
        laid = [layout_row(row, "totals", r, True) for r, row in enumerate(block.totals)]
        total_h = sum(h for _, h in laid)
        if page.y + total_h > page.bottom + 1e-6:
            page.new_page()
            draw_head()
        for k, (cells, height) in enumerate(laid):
            draw_row(cells, height, False, k == 0)
    page.y += 4


def _split_row(
    page: Canvas,
    cells: list[Any],
    height: float,
    lh: float,
    pad_y: float,
    draw_row: Callable[[list[Any], float, bool, bool], None],
    draw_head: Callable[[], None],
    r: int,
) -> tuple[list[Any], float]:
    """Move a row to a new page, cutting it between lines if it is taller than a page."""
    page.new_page()
    draw_head()
    while page.y + height > page.bottom + 1e-6:
        fit = int((page.bottom - page.y - 2 * pad_y) // lh)
        if fit < 1:  # pragma: no cover - margins are validated to leave a usable body
            raise RenderError(f"a table row ({r}) does not fit on a page")
        first = [c[:fit] if isinstance(c, list) else c for c in cells]
        rest = [c[fit:] if isinstance(c, list) else () for c in cells]
        draw_row(first, fit * lh + 2 * pad_y, r % 2 == 1, False)
        page.new_page()
        draw_head()
        cells = rest
        height = max(len(c) if isinstance(c, list) else 0 for c in cells) * lh + 2 * pad_y
    return cells, height
