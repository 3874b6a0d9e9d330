"""The PDF layout of an item table: measure every column, share out the width, lay the rows.

It works like CSS's automatic table layout. Every column has a *minimum* width,
the widest piece of its content that must not break (a whole figure, code, date
or carton range in a figure column; the longest word in a text column; the
longest word of its title), and a *preferred* width, its widest line unbroken.
When the preferred widths fit, every column gets its own and the rest of the
page is shared out by the columns' relative widths; otherwise every column gets
its minimum plus a share of what is left in proportion to what it would still
like (so the description takes the room, and the figures keep theirs).

When even the minimums do not fit, the whole table steps down in size, 0.1 pt at
a time to a floor of 7 pt; one table never mixes text sizes. A table whose
figures do not fit at 7 pt is refused with a :class:`~exportdocs.exceptions.TableTooWideError` that says how
much room it needs, rather than printed with a figure cut in two.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import repeat
from operator import itemgetter
from typing import Any

from exportdocs.exceptions import RenderError, TableTooWideError
from exportdocs.render._layout import (
    MM_PER_PT,
    Where,
    cell_at,
    located,
    widest_word,
    word_bound,
)
from exportdocs.render._pdf_canvas import GRID, INK, WHITE, ZEBRA, Canvas, Line
from exportdocs.render._table import KEEP_ROWS, ImageCell, ItemTable

__all__ = ["BODY_PT", "FLOOR_PT", "TableLayout"]


#: The body text size of a table that fits, and the smallest it steps down to.
BODY_PT = 8.0
FLOOR_PT = 7.0
#: The header row's text size relative to the body.
_HEAD = 7.5 / 8.0
#: Cell padding (mm); the side padding narrows, at the floor size, to _PAD_X_MIN before
#: a table is refused.
_PAD_X, _PAD_Y = 1.4, 1.3
_PAD_X_MIN = 0.8
#: A text column's longest word counts up to this share of the body width; a longer
#: one (a 120-character model string) is cut between characters like any over-long word.
_WORD_CAP = 0.3
#: A text column (a description) narrower than this makes the whole table step down
#: in size (to the floor) to give it room.
_TEXT_MIN = 35.0
#: Narrowest a picture column gets (the picture is scaled down to fit).
_IMAGE_MIN = 10.0
#: A hair added to every measured width, so float rounding never breaks a figure.
_EPS = 0.01
#: The words of a column title: broken at spaces, after a slash and before an opening
#: bracket, never inside a word, Latin or Chinese ("APPROVA/L", "起订/量").
_TITLE_WORD = re.compile(r"[(（]?[^\s(（/]+/?|/")

_K = MM_PER_PT / 1000.0  # mm per 1/1000 em at 1 pt
#: For :func:`_word_bound`: a number and the word after it (a unit may be glued to it).


class _RoughAdvances(dict[str, float]):
    """Advance widths where every character is one em (1000)."""

    def __missing__(self, key: str) -> float:
        return 1000.0


#: The face of a text measured roughly (see ``TableLayout(rough=True)``).
_ROUGH = object()
_ROUGH_ADV = _RoughAdvances()

#: A laid-out cell: lines of text, an image (path, w, h) or () when empty.
_Laid = Any


class TableLayout:
    """One item table measured for a page: its text size, column widths and rows' lines.

    Measuring happens on construction; :meth:`lay` places the table on the canvas.
    ``lead`` is the height of the header row plus the first row, which a heading kept
    with the table needs below it.
    """

    def __init__(
        self, page: Canvas, block: ItemTable, at: str, *, lay: bool = True, rough: bool = False
    ) -> None:
        self.page = page
        self.rough = rough
        self.block = block
        self.at = at
        self.plan = page.plan
        self.pad = _PAD_X
        self.size, self.widths = self._share()
        if not lay:
            return
        self.lefts = [page.x0 + sum(self.widths[:i]) for i in range(len(self.widths))]
        s = self.size
        self.lh = s * MM_PER_PT * 1.22
        self.asc = s * MM_PER_PT * 0.93
        self.head_size = s * _HEAD
        self.head_lh = self.head_size * MM_PER_PT * 1.22
        self.head_cells = [
            self._title_lines(col.title, self.widths[c] - 2 * self.pad, c)
            for c, col in enumerate(block.columns)
        ]
        self.head_h = max(len(lines) for lines in self.head_cells) * self.head_lh + 2 * _PAD_Y
        self.rows = [self._lay_row(row, "rows", r, False) for r, row in enumerate(block.rows)]
        self.totals = [self._lay_row(row, "totals", r, True) for r, row in enumerate(block.totals)]
        first = self.rows[0][1] if self.rows else (self.totals[0][1] if self.totals else 0.0)
        self.lead = self.head_h + first

    # ------------------------------------------------------------ measuring

    def _measure_columns(self) -> tuple[list[float], list[float], list[float], list[float]]:
        """Per column, in 1/1000 em at 1 pt: the widest unbreakable piece and the widest
        line of its cells; and in mm, the narrowest and the natural width of its pictures.

        Column by column over *distinct* cells (a column of a thousand rows repeats its
        units, prices and descriptions), in the Latin face's advances where it has
        every character, else through the font plan; nothing is measured per cell.
        """
        block, page = self.block, self.page
        n = len(block.columns)
        self._words: list[tuple[int, dict[str, float], list[str]]] = []
        body_min, body_pref = [0.0] * n, [0.0] * n
        image_min, image_pref = [0.0] * n, [0.0] * n
        for name, rows, bold in (("rows", block.rows, False), ("totals", block.totals, True)):
            if not rows:
                continue
            latin = self.plan.bold if bold else self.plan.regular
            get = latin.adv.__getitem__
            for c, col in enumerate(block.columns):
                cells = set(map(itemgetter(c), rows))
                strings = [x for x in cells if x.__class__ is str and x]
                joined = "".join(strings)
                if strings and len(strings) == len(cells) and "\n" not in joined:
                    # The usual column: one-line texts the Latin face draws, measured in C.
                    # A text shorter than the longest one times the narrowest advance over
                    # the widest cannot be the widest: only the others are measured.
                    try:
                        advances = list(map(get, set(joined)))
                        longest = max(map(len, strings))
                        least = longest * min(advances) / max(advances)
                        wide = [x for x in strings if len(x) >= least] if least > 1 else strings
                        widest = max(map(sum, map(map, repeat(get), wide)))
                    except KeyError:
                        pass  # a character it lacks: cell by cell below
                    else:
                        body_pref[c] = max(body_pref[c], widest)
                        if col.wrap:
                            self._words.append((c, latin.adv, strings))
                            body_min[c] = max(body_min[c], word_bound(strings, latin.adv))
                        else:
                            body_min[c] = max(body_min[c], widest)
                        continue
                texts: dict[int, tuple[dict[str, float], list[str]]] = {}
                for cell in cells:
                    if isinstance(cell, ImageCell):
                        w = float(cell.height) * page.aspect(cell.path, self._where(name, c, cell))
                        image_min[c] = max(image_min[c], min(w, _IMAGE_MIN))
                        image_pref[c] = max(image_pref[c], w)
                        continue
                    if not cell:
                        continue
                    try:
                        units, adv = sum(map(get, cell)), latin.adv
                    except KeyError:
                        units, font = self._measure(cell, bold, self._where(name, c, cell))
                        adv = self._adv(font, bold)
                    if "\n" in cell:
                        units = max(sum(map(adv.__getitem__, p)) for p in cell.split("\n"))
                    if units > body_pref[c]:
                        body_pref[c] = units
                    if col.wrap:  # its widest word, below
                        texts.setdefault(id(adv), (adv, []))[1].append(cell)
                    elif units > body_min[c]:
                        body_min[c] = units
                for adv, column in texts.values():
                    self._words.append((c, adv, column))
                    body_min[c] = max(body_min[c], word_bound(column, adv))
        return body_min, body_pref, image_min, image_pref

    def _exact_words(self, body_min: list[float]) -> None:
        """Replace the text columns' bounds in ``body_min`` by their widest words."""
        exact = {c: 0.0 for c, _, _ in self._words}
        for c, adv, column in self._words:
            exact[c] = max(exact[c], widest_word(column, adv))
        for c, width in exact.items():
            body_min[c] = width
        self._words.clear()

    def _where(self, name: str, c: int, cell: object) -> Where:
        """Where ``cell`` (of column ``c`` of ``name``) first is, for an error message."""
        rows = self.block.rows if name == "rows" else self.block.totals
        return lambda: next(
            cell_at(self.at, name, r, c)() for r, row in enumerate(rows) if row[c] == cell
        )

    def _measure(self, text: str, bold: bool, where: Where) -> tuple[float, Any]:
        """``plan.measure``; with ``rough`` (DOCX: Word picks the fonts), a character no
        font has counts one em instead of being an error."""
        if not self.rough:
            return self.plan.measure(text, bold, where)
        try:
            return self.plan.measure(text, bold, where)
        except RenderError:
            return 1000.0 * len(text), _ROUGH

    def _adv(self, font: Any, bold: bool) -> dict[str, float]:
        if font is _ROUGH:
            return _ROUGH_ADV
        return font.adv if font is not None else self.plan.adv(bold)

    def _share(self) -> tuple[float, list[float]]:
        """The table's text size and column widths (mm), as the module docstring says."""
        page, block = self.page, self.block
        n = len(block.columns)
        body_min, body_pref, image_min, image_pref = self._measure_columns()
        cap = _WORD_CAP * page.cw
        head_min = [0.0] * n
        head_pref = [0.0] * n
        for c, col in enumerate(block.columns):
            if col.title:
                where = located(f"{self.at}.columns[{c}]")
                _, font = self._measure(col.title, True, where)
                adv = self._adv(font, True)
                head_pref[c] = max(sum(map(adv.__getitem__, p)) for p in col.title.split("\n"))
                head_min[c] = max(
                    (sum(map(adv.__getitem__, w)) for w in _TITLE_WORD.findall(col.title)),
                    default=0.0,
                )

        def widths(size: float) -> tuple[list[float], list[float]]:
            k, hk = size * _K, size * _HEAD * _K
            mins, prefs = [], []
            for c, col in enumerate(block.columns):
                body = body_min[c] * k
                if col.wrap:
                    body = min(body, cap)
                lo = max(body, head_min[c] * hk, image_min[c]) + 2 * self.pad + _EPS
                hi = max(body_pref[c] * k, head_pref[c] * hk, image_pref[c]) + 2 * self.pad + _EPS
                mins.append(lo)
                prefs.append(max(lo, hi))
            return mins, prefs

        def share(size: float) -> list[float] | None:
            mins, prefs = widths(size)
            room = page.cw
            if sum(mins) > room + 1e-9:
                return None
            if sum(prefs) <= room:
                extra = room - sum(prefs)
                weights = [float(col.width) for col in block.columns]
                total = sum(weights)
                return [p + extra * w / total for p, w in zip(prefs, weights, strict=True)]
            spare = room - sum(mins)
            wanted = sum(prefs) - sum(mins)
            return [lo + (hi - lo) * spare / wanted for lo, hi in zip(mins, prefs, strict=True)]

        def starved(got: list[float]) -> bool:
            # The text columns' share of the width: too little for a readable description?
            _, prefs = widths(size)
            return any(
                col.wrap and got[c] < min(_TEXT_MIN, prefs[c]) - 1e-6
                for c, col in enumerate(block.columns)
            )

        # Smaller text first, then (at the floor) narrower cell padding.
        steps = [(round(BODY_PT - i / 10, 1), _PAD_X) for i in range(11)]
        steps += [(FLOOR_PT, pad) for pad in (1.2, 1.0, _PAD_X_MIN)]
        # The text columns' minimums start as a cheap upper bound of their widest word
        # (a column at least that wide cuts no word either); only when the table does not
        # fit at the full size with it are the words measured exactly.
        size = BODY_PT
        got = share(size)
        if got is None or starved(got):
            self._exact_words(body_min)
            for size, self.pad in steps:
                got = share(size)
                if got is not None and not starved(got):
                    break
        if got is None:
            mins, _ = widths(size)
            raise TableTooWideError(
                f"{self.at}: the table's columns need {sum(mins):.0f} mm at "
                f"{FLOOR_PT:g} pt, but the page leaves {page.cw:.0f} mm; use landscape "
                "(Style(orientation='landscape')) or fewer columns"
            )
        return size, got

    def _title_lines(self, title: str, width: float, c: int) -> list[Line]:
        """A column title broken between words only (its width holds its longest word)."""
        if not title:
            return []
        page, size = self.page, self.head_size
        where = located(f"{self.at}.columns[{c}]")
        lines: list[Line] = []
        for para in title.split("\n"):
            current = ""
            for m in _TITLE_WORD.finditer(para):
                word = m.group()
                gap = " " if m.start() and para[m.start() - 1].isspace() else ""
                if current.endswith("/") or (not gap and not word.startswith(("(", "（"))):
                    gap = ""
                trial = current + gap + word if current else word
                if current and page.line(trial, size, where, True).width > width:
                    lines.append(page.line(current, size, where, True))
                    current = word
                else:
                    current = trial
            if current:
                lines.append(page.line(current, size, where, True))
        return lines

    def _lay_row(
        self, row: Sequence[Any], name: str, r: int, bold: bool
    ) -> tuple[list[_Laid], float]:
        page, size = self.page, self.size
        laid: list[_Laid] = []
        height = 0.0
        for c, cell in enumerate(row):
            inner = self.widths[c] - 2 * self.pad
            if isinstance(cell, str):
                if not cell:
                    laid.append(())
                    continue
                where = cell_at(self.at, name, r, c)  # formatted only for an error message
                lines = page.lines(cell, size, inner, where, bold=bold)
                laid.append(lines)
                height = max(height, len(lines) * self.lh)
            else:
                ratio = page.aspect(cell.path, located(""))
                h = float(cell.height)
                w = h * ratio
                if w > inner:
                    w, h = inner, inner / ratio
                laid.append((cell.path, w, h))
                height = max(height, h)
        return laid, max(height, self.lh) + 2 * _PAD_Y

    # ------------------------------------------------------------ drawing

    def draw_head(self) -> None:
        page = self.page
        y = page.y
        page.ops.append(("r", page.x0, y, page.cw, self.head_h, page.accent))
        asc = self.head_size * MM_PER_PT * 0.93
        for c, lines in enumerate(self.head_cells):
            left, right = self.lefts[c] + self.pad, self.lefts[c] + self.widths[c] - self.pad
            align = self.block.columns[c].align
            for j, line in enumerate(lines):
                page.put_aligned(
                    line, left, right, y + _PAD_Y + j * self.head_lh + asc, WHITE, align
                )
        page.y += self.head_h

    def _draw_row(self, cells: list[_Laid], height: float, shade: bool, bold_rule: bool) -> None:
        page = self.page
        y = page.y
        if shade:
            page.ops.append(("r", page.x0, y, page.cw, height, ZEBRA))
        for c, cell in enumerate(cells):
            left = self.lefts[c]
            if isinstance(cell, tuple):
                if cell:
                    path, w, h = cell
                    page.ops.append(("i", path, left + (self.widths[c] - w) / 2, y + _PAD_Y, w, h))
                continue
            align = self.block.columns[c].align
            right = left + self.widths[c] - self.pad
            for j, line in enumerate(cell):
                page.put_aligned(
                    line, left + self.pad, right, y + _PAD_Y + j * self.lh + self.asc, INK, align
                )
        if bold_rule:
            page.ops.append(("l", page.x0, y, page.x1, y, page.accent, 0.5))
        page.y += height
        page.ops.append(("l", page.x0, page.y, page.x1, page.y, GRID, 0.15))

    def _row(self, r: int) -> None:
        """Lay body row ``r``: whole on this page or the next (cut only if taller than a page)."""
        page = self.page
        cells, height = self.rows[r]
        if page.y + height > page.bottom + 1e-6:
            page.new_page()
            self.draw_head()
            while page.y + height > page.bottom + 1e-6:  # taller than a page: cut it
                fit = int((page.bottom - page.y - 2 * _PAD_Y) // self.lh)
                if fit < 1:  # pragma: no cover - margins are validated to leave a usable body
                    raise RenderError(f"{self.at}.rows[{r}] does not fit on a page")
                first = [c[:fit] if isinstance(c, list) else c for c in cells]
                cells = [c[fit:] if isinstance(c, list) else () for c in cells]
                self._draw_row(first, fit * self.lh + 2 * _PAD_Y, r % 2 == 1, False)
                page.new_page()
                self.draw_head()
                height = max(len(c) if isinstance(c, list) else 0 for c in cells) * self.lh
                height += 2 * _PAD_Y
        self._draw_row(cells, height, r % 2 == 1, False)

    def lay(self, tail: Callable[[], None] | None = None) -> None:
        """Place the table: header on every page, rows whole, the end kept together.

        The last :data:`KEEP_ROWS` rows, the totals rows and ``tail`` (the blocks the
        table keeps with, laid by the caller) go on one page: if they would cross a
        page break, they start on a new page instead.
        """
        page = self.page
        keep_end = bool(self.totals) or tail is not None
        end = max(0, len(self.rows) - KEEP_ROWS) if keep_end else len(self.rows)
        page.need(self.lead)
        whole = page.mark()  # a table that is all "end" moves whole, header included
        self.draw_head()
        for r in range(end):
            self._row(r)

        def finish() -> None:
            for r in range(end, len(self.rows)):
                self._row(r)
            for k, (cells, height) in enumerate(self.totals):
                if page.y + height > page.bottom + 1e-6:
                    page.new_page()
                    self.draw_head()
                self._draw_row(cells, height, False, k == 0)
            page.y += 4
            if tail is not None:
                tail()

        mark = page.mark() if end else whole
        at_top = mark[2] <= page.top + (self.head_h if end else 0.0) + 1e-6
        finish()
        if keep_end and len(page.pages) > mark[0] and not at_top:
            page.rewind(mark)
            page.new_page()
            self.draw_head()
            finish()
