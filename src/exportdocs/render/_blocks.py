"""The backend-neutral description of a document: a sequence of blocks.

Builders (quotation, proforma invoice, packing list, cost sheet) turn a contract
into blocks of *already formatted* strings; the backends only lay them out. So a
block never holds a number, only text, and the PDF and DOCX of one document are
guaranteed to say the same thing.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from exportdocs._validation import check, fail, guard, guard_optional, to_decimal, to_lines, to_text
from exportdocs.exceptions import Problem, ValidationError
from exportdocs.render._style import Letterhead, _letterhead_field

__all__ = [
    "Align",
    "Block",
    "Column",
    "Document",
    "DocumentMeta",
    "Header",
    "ImageCell",
    "ItemTable",
    "KeyValueGrid",
    "Party",
    "PartyBoxes",
    "Signature",
    "Signatures",
    "Spacer",
    "Text",
    "TextStyle",
    "Totals",
]

#: Most rows an ItemTable accepts; far above any real order, low enough to bound memory.
MAX_ROWS = 100_000
#: Longest text of one table cell (a long product description with specification).
MAX_CELL = 2_000
#: Creation date used when the document meta gives none: fixed, so output is reproducible.
DEFAULT_CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


class Align(enum.Enum):
    """Horizontal alignment of a table column; numbers are right-aligned.

    >>> Align.parse("right")
    <Align.RIGHT: 'right'>
    """

    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"

    @classmethod
    def parse(cls, value: Any) -> Align:
        """Accept an Align, its value or its first letter (``"l"``, ``"c"``, ``"r"``)."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            key = value.strip().lower()
            for member in cls:
                if key in (member.value, member.value[0]):
                    return member
        raise fail(f"unknown alignment; use one of {', '.join(m.value for m in cls)}", value)


class TextStyle(enum.Enum):
    """The look of a :class:`Text` paragraph."""

    NORMAL = "normal"
    SMALL = "small"
    BOLD = "bold"
    HEADING = "heading"
    MUTED = "muted"

    @classmethod
    def parse(cls, value: Any) -> TextStyle:
        """Accept a TextStyle or its value."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            try:
                return cls(value.strip().lower())
            except ValueError:
                pass
        raise fail(f"unknown text style; use one of {', '.join(m.value for m in cls)}", value)


# ---------------------------------------------------------------- converters


def _text(value: Any) -> str:
    return to_text(value, max_length=500)


def _text_field(value: Any) -> str:
    return guard(_text, value)


def _opt_text(value: Any) -> str:
    return to_text(value, max_length=500, required=False)


def _opt_text_field(value: Any) -> str:
    return guard(_opt_text, value)


def _long_text(value: Any) -> str:
    # Paragraphs keep their inner line breaks; only the ends are stripped.
    return to_text(value, max_length=20_000)


def _long_text_field(value: Any) -> str:
    return guard(_long_text, value)


def _lines_field(value: Any) -> tuple[str, ...]:
    return guard(_lines, value)


def _lines(value: Any) -> tuple[str, ...]:
    return to_lines(value, max_lines=20)


def _path(value: Any) -> Path:
    if isinstance(value, Path):
        return value
    if isinstance(value, str) and value.strip() and "\x00" not in value:
        return Path(value.strip())
    raise fail(f"expected an image file path (str or Path), not {type(value).__name__}", value)


def _path_field(value: Any) -> Path:
    return guard(_path, value)


def _positive(value: Any, low: str, high: str) -> Decimal:
    number = to_decimal(value)
    if not Decimal(low) <= number <= Decimal(high):
        raise fail(f"must be between {low} and {high}", value)
    return number


def _image_height(value: Any) -> Decimal:
    return _positive(value, "5", "80")


def _image_height_field(value: Any) -> Decimal:
    return guard(_image_height, value)


def _spacer_height(value: Any) -> Decimal:
    return _positive(value, "0", "100")


def _spacer_height_field(value: Any) -> Decimal:
    return guard(_spacer_height, value)


def _width(value: Any) -> Decimal:
    number = to_decimal(value)
    if not Decimal("0.1") <= number <= Decimal(1000):
        raise fail("a relative column width must be between 0.1 and 1000", value)
    return number


def _width_field(value: Any) -> Decimal:
    return guard(_width, value)


def _align_field(value: Any) -> Align:
    return guard(Align.parse, value)


def _text_style_field(value: Any) -> TextStyle:
    return guard(TextStyle.parse, value)


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise fail(f"expected True or False, not {type(value).__name__}", value)


def _bool_field(value: Any) -> bool:
    return guard(_bool, value)


def _sequence(value: Any, what: str) -> tuple[Any, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, (list, tuple)):
        raise fail(f"expected a list of {what}, not {type(value).__name__}", value)
    return tuple(value)


def _items(value: Any, kind: type[Any], what: str, low: int, high: int) -> tuple[Any, ...]:
    """A list of ``kind`` instances with a length in [low, high]."""
    items = _sequence(value, what)
    problems = [
        Problem(f"[{i}]", item, f"expected a {kind.__name__}, not {type(item).__name__}")
        for i, item in enumerate(items)
        if not isinstance(item, kind)
    ]
    if problems:
        raise ValidationError(problems)
    if not low <= len(items) <= high:
        raise fail(f"expected {low} to {high} {what}, got {len(items)}", value)
    return items


def _pairs(value: Any) -> tuple[tuple[str, str], ...]:
    """(label, value) pairs from a mapping or a list of 2-tuples; values may be empty."""
    items = tuple(value.items()) if isinstance(value, Mapping) else _sequence(value, "pairs")
    pairs: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for i, item in enumerate(items):
        if not isinstance(item, (list, tuple)) or len(item) != 2:
            problems.append(Problem(f"[{i}]", item, "expected a (label, value) pair"))
            continue
        try:
            pairs.append((_text(item[0]), _opt_text(item[1])))
        except ValidationError as exc:
            problems.extend(p.prefixed(f"[{i}]") for p in exc.problems)
    if problems:
        raise ValidationError(problems)
    if len(pairs) > 200:
        raise fail("more than 200 pairs", value)
    return tuple(pairs)


def _pairs_field(value: Any) -> tuple[tuple[str, str], ...]:
    return guard(_pairs, value)


# ---------------------------------------------------------------- blocks


@attrs.frozen
class Header:
    """The top of the first page: letterhead, document title and number/date lines.

    The letterhead comes from the :class:`~exportdocs.render.Style` unless one is
    given here. ``info`` holds (label, value) pairs printed under the title.

    >>> Header("PROFORMA INVOICE 形式发票", info={"PI No.": "HD-PI-2025-017", "Date": "2025-03-15"}).info
    (('PI No.', 'HD-PI-2025-017'), ('Date', '2025-03-15'))
    """

    title: str = attrs.field(converter=_text_field)
    info: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs_field)
    letterhead: Letterhead | None = attrs.field(default=None, converter=_letterhead_field)

    def __attrs_post_init__(self) -> None:
        check(self)


@attrs.frozen
class Party:
    """One labelled box of a :class:`PartyBoxes` row (``SELLER``, ``BUYER``, ``NOTIFY``...)."""

    label: str = attrs.field(converter=_text_field)
    lines: tuple[str, ...] = attrs.field(default=(), converter=_lines_field)

    def __attrs_post_init__(self) -> None:
        check(self)


def _parties(value: Any) -> tuple[Party, ...]:
    return _items(value, Party, "parties", 1, 4)


def _parties_field(value: Any) -> tuple[Party, ...]:
    return guard(_parties, value)


@attrs.frozen
class PartyBoxes:
    """One to four boxes side by side, e.g. SELLER / BUYER or CONSIGNEE / NOTIFY PARTY.

    >>> PartyBoxes([Party("SELLER", ["NINGBO HAIDA TRADING CO., LTD."]), Party("BUYER", "ACME GMBH\\nHAMBURG")]).parties[1].lines
    ('ACME GMBH', 'HAMBURG')
    """

    parties: tuple[Party, ...] = attrs.field(converter=_parties_field)

    def __attrs_post_init__(self) -> None:
        check(self)


def _grid_columns(value: Any) -> int:
    if value in (2, 4) and not isinstance(value, bool):
        return int(value)
    raise fail("a key/value grid has 2 or 4 columns", value)


def _grid_columns_field(value: Any) -> int:
    return guard(_grid_columns, value)


@attrs.frozen
class KeyValueGrid:
    """Label/value pairs, one pair per row (2 columns) or two pairs per row (4 columns).

    >>> KeyValueGrid({"Payment": "30% T/T deposit", "Port of loading": "NINGBO"}, columns=4).columns
    4
    """

    pairs: tuple[tuple[str, str], ...] = attrs.field(converter=_pairs_field)
    columns: int = attrs.field(default=2, converter=_grid_columns_field)

    def __attrs_post_init__(self) -> None:
        check(self)


@attrs.frozen
class Column:
    """A column of an :class:`ItemTable`: title, relative width, alignment, wrapping.

    ``width`` is relative to the other columns (``2`` is twice as wide as ``1``).
    With ``wrap=False`` the text stays on one line and the font shrinks (down to 70 %)
    to fit; if it still does not fit it wraps anyway, because clipped text is worse.

    >>> Column("AMOUNT (USD)", "1.5", "right").align
    <Align.RIGHT: 'right'>
    """

    title: str = attrs.field(converter=_opt_text_field)
    width: Decimal = attrs.field(default=Decimal(1), converter=_width_field)
    align: Align = attrs.field(default=Align.LEFT, converter=_align_field)
    wrap: bool = attrs.field(default=True, converter=_bool_field)

    def __attrs_post_init__(self) -> None:
        check(self)


@attrs.frozen
class ImageCell:
    """A picture in a table cell (a product photo), scaled to ``height`` mm.

    The file is read when the document is rendered; PNG and JPEG work in both backends.
    """

    path: Path = attrs.field(converter=_path_field)
    height: Decimal = attrs.field(default=Decimal(18), converter=_image_height_field)

    def __attrs_post_init__(self) -> None:
        check(self)


#: A table cell: formatted text or a picture.
Cell = str | ImageCell


def _cell(value: Any) -> Cell:
    if isinstance(value, ImageCell):
        return value
    if type(value) is str and len(value) <= MAX_CELL and "\x00" not in value:
        return value.strip()  # fast path: a table may have 100,000 cells
    return to_text(value, max_length=MAX_CELL, required=False)


def _rows(value: Any) -> tuple[tuple[Cell, ...], ...]:
    rows = _sequence(value, "rows")
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


def _rows_field(value: Any) -> tuple[tuple[Cell, ...], ...]:
    return guard(_rows, value)


def _columns(value: Any) -> tuple[Column, ...]:
    return _items(value, Column, "columns", 1, 20)


def _columns_field(value: Any) -> tuple[Column, ...]:
    return guard(_columns, value)


@attrs.frozen
class ItemTable:
    """The line items: a header row repeated on every page, rows, then totals rows at the end.

    Every row (and totals row) has one cell per column; a cell is a string or an
    :class:`ImageCell`. Totals rows are printed bold after the last row, never on an
    earlier page.

    >>> table = ItemTable(
    ...     [Column("DESCRIPTION", 4), Column("QTY", 1, "right"), Column("AMOUNT", "1.5", "right")],
    ...     [["Ceramic mug 350 ml", "1,200", "4,500.00"]],
    ...     totals=[["TOTAL", "1,200", "4,500.00"]],
    ... )
    >>> len(table.rows), table.columns[2].width
    (1, Decimal('1.5'))
    """

    columns: tuple[Column, ...] = attrs.field(converter=_columns_field)
    rows: tuple[tuple[Cell, ...], ...] = attrs.field(converter=_rows_field)
    totals: tuple[tuple[Cell, ...], ...] = attrs.field(default=(), converter=_rows_field)

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


def _words_field(value: Any) -> str | None:
    return guard_optional(_long_text, value)


@attrs.frozen
class Totals:
    """Label/value rows right-aligned under the table; the last row is the grand total.

    ``words`` is the amount in words, printed in full width below.

    >>> Totals([("TOTAL", "USD 21,000.00")], words="SAY US DOLLARS TWENTY ONE THOUSAND ONLY").rows
    (('TOTAL', 'USD 21,000.00'),)
    """

    rows: tuple[tuple[str, str], ...] = attrs.field(converter=_pairs_field)
    words: str | None = attrs.field(default=None, converter=_words_field)

    def __attrs_post_init__(self) -> None:
        check(self)


@attrs.frozen
class Text:
    """One or more paragraphs (a blank line separates paragraphs; a newline breaks a line).

    >>> Text("Payment: 30% T/T deposit, 70% against copy of B/L.", "small").style
    <TextStyle.SMALL: 'small'>
    """

    text: str = attrs.field(converter=_long_text_field)
    style: TextStyle = attrs.field(default=TextStyle.NORMAL, converter=_text_style_field)

    def __attrs_post_init__(self) -> None:
        check(self)


@attrs.frozen
class Signature:
    """One signature box: a label above, a line to sign on, a name (and title) under it."""

    label: str = attrs.field(converter=_text_field)
    name: str = attrs.field(default="", converter=_opt_text_field)
    title: str = attrs.field(default="", converter=_opt_text_field)

    def __attrs_post_init__(self) -> None:
        check(self)


def _signatures(value: Any) -> tuple[Signature, ...]:
    return _items(value, Signature, "signatures", 2, 4)


def _signatures_field(value: Any) -> tuple[Signature, ...]:
    return guard(_signatures, value)


@attrs.frozen
class Signatures:
    """Two to four signature boxes side by side.

    >>> Signatures([Signature("For and on behalf of SELLER"), Signature("Confirmed and accepted by BUYER")]).boxes[0].label
    'For and on behalf of SELLER'
    """

    boxes: tuple[Signature, ...] = attrs.field(converter=_signatures_field)

    def __attrs_post_init__(self) -> None:
        check(self)


@attrs.frozen
class Spacer:
    """Vertical space of ``height`` mm (0 to 100)."""

    height: Decimal = attrs.field(default=Decimal(5), converter=_spacer_height_field)

    def __attrs_post_init__(self) -> None:
        check(self)


#: Any block a :class:`Document` may hold.
Block = Header | PartyBoxes | KeyValueGrid | ItemTable | Totals | Text | Signatures | Spacer
_BLOCK_TYPES = (Header, PartyBoxes, KeyValueGrid, ItemTable, Totals, Text, Signatures, Spacer)


def _created(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise fail("the creation date needs a time zone (e.g. tzinfo=timezone.utc)", value)
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)
    raise fail(f"expected a date or an aware datetime, not {type(value).__name__}", value)


def _created_field(value: Any) -> dt.datetime:
    return guard(_created, value)


def _identifier(value: Any) -> str:
    return to_text(value, max_length=200)


def _identifier_field(value: Any) -> str | None:
    return guard_optional(_identifier, value)


@attrs.frozen
class DocumentMeta:
    """What is stored in the file's properties, and what makes the output reproducible.

    ``created`` is written as the creation date (default: a fixed date, so the same
    input always gives the same bytes). ``identifier`` feeds the PDF file ID; when
    omitted, the ID is derived from the content. ``reference`` (e.g. the PI number)
    is printed in the footer of every page.

    >>> DocumentMeta("Proforma invoice HD-PI-2025-017", created=dt.date(2025, 3, 15)).created
    datetime.datetime(2025, 3, 15, 0, 0, tzinfo=datetime.timezone.utc)
    """

    title: str = attrs.field(default="", converter=_opt_text_field)
    author: str = attrs.field(default="", converter=_opt_text_field)
    reference: str = attrs.field(default="", converter=_opt_text_field)
    created: dt.datetime = attrs.field(default=DEFAULT_CREATED, converter=_created_field)
    identifier: str | None = attrs.field(default=None, converter=_identifier_field)

    def __attrs_post_init__(self) -> None:
        check(self)


def _blocks(value: Any) -> tuple[Block, ...]:
    items = _sequence(value, "blocks")
    problems = [
        Problem(f"[{i}]", item, f"not a block ({type(item).__name__})")
        for i, item in enumerate(items)
        if not isinstance(item, _BLOCK_TYPES)
    ]
    if problems:
        raise ValidationError(problems)
    if not items:
        raise fail("a document needs at least one block", value)
    return items


def _blocks_field(value: Any) -> tuple[Block, ...]:
    return guard(_blocks, value)


def _meta(value: Any) -> DocumentMeta:
    if isinstance(value, DocumentMeta):
        return value
    raise fail(f"expected a DocumentMeta, not {type(value).__name__}", value)


def _meta_field(value: Any) -> DocumentMeta:
    return guard(_meta, value)


@attrs.frozen
class Document:
    """A whole document: blocks in reading order, plus file metadata.

    >>> doc = Document([Header("QUOTATION"), Text("Valid for 30 days.")])
    >>> [type(b).__name__ for b in doc.blocks]
    ['Header', 'Text']
    """

    blocks: tuple[Block, ...] = attrs.field(converter=_blocks_field)
    meta: DocumentMeta = attrs.field(factory=DocumentMeta, converter=_meta_field)

    def __attrs_post_init__(self) -> None:
        check(self)

    def strings(self) -> Iterator[tuple[str, str]]:
        """Yield (where, text) for every string of every block, in reading order.

        ``where`` names the block and field (``blocks[3].rows[12][1]``); the renderers
        use it in error messages and the tests use it to check nothing went missing.
        """
        for b, block in enumerate(self.blocks):
            at = f"blocks[{b}]"
            if isinstance(block, Header):
                yield f"{at}.title", block.title
                for i, (label, value) in enumerate(block.info):
                    yield f"{at}.info[{i}]", label
                    yield f"{at}.info[{i}]", value
            elif isinstance(block, PartyBoxes):
                for i, party in enumerate(block.parties):
                    yield f"{at}.parties[{i}].label", party.label
                    for j, line in enumerate(party.lines):
                        yield f"{at}.parties[{i}].lines[{j}]", line
            elif isinstance(block, (KeyValueGrid, Totals)):
                for i, (label, value) in enumerate(
                    block.rows if isinstance(block, Totals) else block.pairs
                ):
                    yield f"{at}[{i}]", label
                    yield f"{at}[{i}]", value
                if isinstance(block, Totals) and block.words:
                    yield f"{at}.words", block.words
            elif isinstance(block, ItemTable):
                for c, col in enumerate(block.columns):
                    yield f"{at}.columns[{c}].title", col.title
                for name, rows in (("rows", block.rows), ("totals", block.totals)):
                    for r, row in enumerate(rows):
                        for c, cell in enumerate(row):
                            if isinstance(cell, str):
                                yield f"{at}.{name}[{r}][{c}]", cell
            elif isinstance(block, Text):
                yield f"{at}.text", block.text
            elif isinstance(block, Signatures):
                for i, box in enumerate(block.boxes):
                    yield f"{at}.boxes[{i}].label", box.label
                    yield f"{at}.boxes[{i}].name", box.name
                    yield f"{at}.boxes[{i}].title", box.title
