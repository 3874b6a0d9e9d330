"""The item table block: columns, cells (text or a picture), rows and totals rows.

An :class:`ItemTable` may hold tens of thousands of cells, so its rows are checked
with a fast path for the common case (a short ``str``) and at most about fifty
problems are collected before giving up.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path

import attrs

from exportdocs._validation import ParseEnum, check, collecting, fail, to_bool, to_text
from exportdocs.exceptions import Problem, ValidationError
from exportdocs.render._fields import (
    decimal_between,
    items_of,
    opt_text,
    sequence,
    to_path,
    unknown,
)

__all__ = ["Align", "Cell", "Column", "ImageCell", "ItemTable"]

#: Most rows an ItemTable accepts; far above any real order, low enough to bound memory.
MAX_ROWS = 100_000
#: The last rows of a table kept on the page of its totals rows.
KEEP_ROWS = 2
#: Longest text of one table cell (a long product description with specification).
MAX_CELL = 2_000


class Align(ParseEnum):
    """Horizontal alignment of a table column; numbers are right-aligned.

    ``parse`` accepts an Align, its value or its first letter (``"l"``, ``"c"``, ``"r"``).

    >>> Align.parse("right")
    <Align.RIGHT: 'right'>
    """

    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"

    @classmethod
    def _aliases(cls) -> dict[str, Align]:
        return {member.value[0]: member for member in cls}

    @classmethod
    def _refusal(cls, value: object) -> str:
        return unknown("alignment", cls)


def _width(value: Decimal | int | str) -> Decimal:
    return decimal_between(
        value, "0.1", "1000", "a relative column width must be between 0.1 and 1000"
    )


def _align(value: Align | str) -> Align:
    return Align.parse(value)


@attrs.frozen(field_transformer=collecting)
class Column:
    """A column of an :class:`ItemTable`: title, relative width, alignment, wrapping.

    The PDF layout measures the content first: every column gets at least its
    widest unbreakable piece, and ``width`` (relative to the other columns: ``2`` is
    twice as wide as ``1``) shares out the room left when everything fits.
    ``wrap=False`` marks a figure or code column: its lines (split only at newlines)
    are never broken, so the column is as wide as its widest line. Text columns
    (``wrap=True``) break at word boundaries.

    >>> Column("AMOUNT (USD)", "1.5", "right").align
    <Align.RIGHT: 'right'>
    """

    title: str = attrs.field(converter=opt_text)
    width: Decimal = attrs.field(default=Decimal(1), converter=_width)
    align: Align = attrs.field(default=Align.LEFT, converter=_align)
    wrap: bool = attrs.field(default=True, converter=to_bool)

    def __attrs_post_init__(self) -> None:
        check(self)


def _image_path(value: str | Path) -> Path:
    return to_path(value, "an image file path")


def _image_height(value: Decimal | int | str) -> Decimal:
    return decimal_between(value, "5", "80")


@attrs.frozen(field_transformer=collecting)
class ImageCell:
    """A picture in a table cell (a product photo), scaled to ``height`` mm.

    The file is read when the document is rendered; PNG and JPEG work in both backends.
    """

    path: Path = attrs.field(converter=_image_path)
    height: Decimal = attrs.field(default=Decimal(18), converter=_image_height)

    def __attrs_post_init__(self) -> None:
        check(self)


#: A table cell: formatted text or a picture.
Cell = str | ImageCell


def _cell(value: Cell) -> Cell:
    if isinstance(value, ImageCell):
        return value
    if type(value) is str and len(value) <= MAX_CELL and "\x00" not in value:
        return value.strip()  # fast path: a table may have 100,000 cells
    return to_text(value, max_length=MAX_CELL, required=False)


def _rows(value: Sequence[Sequence[Cell]]) -> tuple[tuple[Cell, ...], ...]:
    rows = sequence(value, "rows")
    if len(rows) > MAX_ROWS:
        raise fail(f"more than {MAX_ROWS:,} rows", f"<{len(rows)} rows>")
    out: list[tuple[Cell, ...]] = []
    problems: list[Problem] = []
    for r, row in enumerate(rows):
        if isinstance(row, (str, bytes)) or not isinstance(row, (list, tuple)):
            problems.append(Problem(f"[{r}]", row, "expected a list of cells"))
            continue
        cells: list[Cell] = []
        for c, cell in enumerate(row):
            try:
                cells.append(_cell(cell))
            except ValidationError as exc:
                problems.extend(p.prefixed(f"[{r}][{c}]") for p in exc.problems)
        out.append(tuple(cells))
        if len(problems) > 50:
            break
    if problems:
        raise ValidationError(problems)
    return tuple(out)


def _columns(value: Sequence[Column]) -> tuple[Column, ...]:
    return items_of(value, Column, "columns", 1, 20)


@attrs.frozen(field_transformer=collecting)
class ItemTable:
    """The line items: a header row repeated on every page, rows, then totals rows at the end.

    Every row (and totals row) has one cell per column; a cell is a string or an
    :class:`ImageCell`. Totals rows are printed bold after the last row, never on an
    earlier page, and never without the last :data:`KEEP_ROWS` rows above them. A row
    never splits across pages (unless it is taller than a whole page).

    ``keep_with_next`` keeps the end of the table (its last rows and totals rows) on
    the page of the next block, e.g. the :class:`~exportdocs.render.Totals` with the
    amount in words.

    >>> table = ItemTable(
    ...     [Column("DESCRIPTION", 4), Column("QTY", 1, "right"), Column("AMOUNT", "1.5", "right")],
    ...     [["Ceramic mug 350 ml", "1,200", "4,500.00"]],
    ...     totals=[["TOTAL", "1,200", "4,500.00"]],
    ... )
    >>> len(table.rows), table.columns[2].width
    (1, Decimal('1.5'))
    """

    columns: tuple[Column, ...] = attrs.field(converter=_columns)
    rows: tuple[tuple[Cell, ...], ...] = attrs.field(converter=_rows)
    totals: tuple[tuple[Cell, ...], ...] = attrs.field(default=(), converter=_rows)
    keep_with_next: bool = attrs.field(default=False, converter=to_bool)

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)

    def _cross(self) -> Iterator[Problem]:
        n = len(self.columns)
        for name, rows in (("rows", self.rows), ("totals", self.totals)):
            for r, row in enumerate(rows):
                if len(row) != n:
                    yield Problem(
                        f"{name}[{r}]", row, f"expected {n} cells (one per column), got {len(row)}"
                    )
        for r, row in enumerate(self.totals):
            for c, cell in enumerate(row):
                if isinstance(cell, ImageCell):
                    yield Problem(f"totals[{r}][{c}]", cell, "a totals row holds text only")
