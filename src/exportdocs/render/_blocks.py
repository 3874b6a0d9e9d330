"""The backend-neutral description of a document: a sequence of blocks.

Builders (quotation, proforma invoice, packing list, cost sheet) turn a contract
into blocks of *already formatted* strings; the backends only lay them out. So a
block never holds a number, only text, and the PDF and DOCX of one document are
guaranteed to say the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal

import attrs
from attrs.converters import optional

from exportdocs._validation import (
    ParseEnum,
    check,
    collecting,
    expect,
    fail,
    to_bool,
    to_lines,
    to_text,
    to_tuple,
)
from exportdocs.render._fields import (
    decimal_between,
    items_of,
    opt_text,
    text,
    unknown,
)
from exportdocs.render._style import Letterhead, to_letterhead
from exportdocs.render._table import ItemTable

__all__ = [
    "Block",
    "Document",
    "DocumentMeta",
    "Header",
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

#: Creation date used when the document meta gives none: fixed, so output is reproducible.
DEFAULT_CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


class TextStyle(ParseEnum):
    """The look of a :class:`Text` paragraph."""

    NORMAL = "normal"
    SMALL = "small"
    BOLD = "bold"
    HEADING = "heading"
    MUTED = "muted"

    @classmethod
    def _refusal(cls, value: object) -> str:
        return unknown("text style", cls)


def _long_text(value: str) -> str:
    # Paragraphs keep their inner line breaks; only the ends are stripped.
    return to_text(value, max_length=20_000)


def _lines(value: str | Sequence[str]) -> tuple[str, ...]:
    return to_lines(value, max_lines=20)


def _pair(item: tuple[str, str]) -> tuple[str, str]:
    if not isinstance(item, (list, tuple)) or len(item) != 2:
        raise fail("expected a (label, value) pair", item)
    return text(item[0]), opt_text(item[1])


def _pairs(value: Mapping[str, str] | Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """(label, value) pairs from a mapping or a list of 2-tuples; values may be empty."""
    items = tuple(value.items()) if isinstance(value, Mapping) else value
    pairs = to_tuple(items, _pair, "pairs")
    if len(pairs) > 200:
        raise fail("more than 200 pairs", value)
    return pairs


@attrs.frozen(field_transformer=collecting)
class Header:
    """The top of the first page: letterhead, document title and number/date lines.

    The letterhead comes from the :class:`~exportdocs.render.Style` unless one is
    given here. ``info`` holds (label, value) pairs printed under the title.

    >>> Header("PROFORMA INVOICE 形式发票", info={"PI No.": "HD-PI-2025-017", "Date": "2025-03-15"}).info
    (('PI No.', 'HD-PI-2025-017'), ('Date', '2025-03-15'))
    """

    title: str = attrs.field(converter=text)
    info: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs)
    letterhead: Letterhead | None = attrs.field(default=None, converter=optional(to_letterhead))

    def __attrs_post_init__(self) -> None:
        check(self)


@attrs.frozen(field_transformer=collecting)
class Party:
    """One labelled box of a :class:`PartyBoxes` row (``SELLER``, ``BUYER``, ``NOTIFY``...)."""

    label: str = attrs.field(converter=text)
    lines: tuple[str, ...] = attrs.field(default=(), converter=_lines)

    def __attrs_post_init__(self) -> None:
        check(self)


def _parties(value: Sequence[Party]) -> tuple[Party, ...]:
    return items_of(value, Party, "parties", 1, 4)


@attrs.frozen(field_transformer=collecting)
class PartyBoxes:
    """One to four boxes side by side, e.g. SELLER / BUYER or CONSIGNEE / NOTIFY PARTY.

    >>> PartyBoxes([Party("SELLER", ["NINGBO HAIDA TRADING CO., LTD."]), Party("BUYER", "ACME GMBH\\nHAMBURG")]).parties[1].lines
    ('ACME GMBH', 'HAMBURG')
    """

    parties: tuple[Party, ...] = attrs.field(converter=_parties)

    def __attrs_post_init__(self) -> None:
        check(self)


def _grid_columns(value: int) -> int:
    if value in (2, 4) and not isinstance(value, bool):
        return int(value)
    raise fail("a key/value grid has 2 or 4 columns", value)


@attrs.frozen(field_transformer=collecting)
class KeyValueGrid:
    """Label/value pairs, one pair per row (2 columns) or two pairs per row (4 columns).

    ``keep_together`` keeps the whole grid on one page (a bank's details are
    never split by a page break); ``keep_with_next`` keeps it on the page of the
    block after it.

    >>> KeyValueGrid({"Payment": "30% T/T deposit", "Port of loading": "NINGBO"}, columns=4).columns
    4
    """

    pairs: tuple[tuple[str, str], ...] = attrs.field(converter=_pairs)
    columns: int = attrs.field(default=2, converter=_grid_columns)
    keep_together: bool = attrs.field(default=False, converter=to_bool)
    keep_with_next: bool = attrs.field(default=False, converter=to_bool)

    def __attrs_post_init__(self) -> None:
        check(self)


@attrs.frozen(field_transformer=collecting)
class Totals:
    """Label/value rows right-aligned under the table; the last row is the grand total.

    ``words`` is the amount in words, printed in full width below; the rows and the
    words are never split. ``keep_with_next`` keeps them on the page of the next block.

    >>> Totals([("TOTAL", "USD 21,000.00")], words="SAY US DOLLARS TWENTY ONE THOUSAND ONLY").rows
    (('TOTAL', 'USD 21,000.00'),)
    """

    rows: tuple[tuple[str, str], ...] = attrs.field(converter=_pairs)
    words: str | None = attrs.field(default=None, converter=optional(_long_text))
    keep_with_next: bool = attrs.field(default=False, converter=to_bool)

    def __attrs_post_init__(self) -> None:
        check(self)


def _text_style(value: TextStyle | str) -> TextStyle:
    return TextStyle.parse(value)


def _keep(value: bool | None) -> bool | None:
    return None if value is None else to_bool(value)


@attrs.frozen(field_transformer=collecting)
class Text:
    """One or more paragraphs (a blank line separates paragraphs; a newline breaks a line).

    ``keep_with_next`` keeps the text on the page of the next block (Spacers
    skipped): closing notes stay with the signatures. ``None`` (the default) means
    a heading keeps with what it heads and other text does not; see :attr:`keeps`.

    >>> Text("Payment: 30% T/T deposit, 70% against copy of B/L.", "small").style
    <TextStyle.SMALL: 'small'>
    >>> Text("BANK DETAILS", "heading").keeps, Text("Valid 30 days.").keeps
    (True, False)
    """

    text: str = attrs.field(converter=_long_text)
    style: TextStyle = attrs.field(default=TextStyle.NORMAL, converter=_text_style)
    keep_with_next: bool | None = attrs.field(default=None, converter=_keep)

    @property
    def keeps(self) -> bool:
        """Whether this text stays on the page of the next block."""
        if self.keep_with_next is None:
            return self.style is TextStyle.HEADING
        return self.keep_with_next

    def __attrs_post_init__(self) -> None:
        check(self)


@attrs.frozen(field_transformer=collecting)
class Signature:
    """One signature box: a label above, a line to sign on, a name (and title) under it."""

    label: str = attrs.field(converter=text)
    name: str = attrs.field(default="", converter=opt_text)
    title: str = attrs.field(default="", converter=opt_text)

    def __attrs_post_init__(self) -> None:
        check(self)


def _signatures(value: Sequence[Signature]) -> tuple[Signature, ...]:
    return items_of(value, Signature, "signatures", 2, 4)


@attrs.frozen(field_transformer=collecting)
class Signatures:
    """Two to four signature boxes side by side.

    >>> Signatures([Signature("For and on behalf of SELLER"), Signature("Confirmed and accepted by BUYER")]).boxes[0].label
    'For and on behalf of SELLER'
    """

    boxes: tuple[Signature, ...] = attrs.field(converter=_signatures)

    def __attrs_post_init__(self) -> None:
        check(self)


def _spacer_height(value: Decimal | int | str) -> Decimal:
    return decimal_between(value, "0", "100")


@attrs.frozen(field_transformer=collecting)
class Spacer:
    """Vertical space of ``height`` mm (0 to 100)."""

    height: Decimal = attrs.field(default=Decimal(5), converter=_spacer_height)

    def __attrs_post_init__(self) -> None:
        check(self)


#: Any block a :class:`Document` may hold.
Block = Header | PartyBoxes | KeyValueGrid | ItemTable | Totals | Text | Signatures | Spacer
_BLOCK_TYPES = (Header, PartyBoxes, KeyValueGrid, ItemTable, Totals, Text, Signatures, Spacer)


def _created(value: dt.date) -> dt.datetime:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise fail("the creation date needs a time zone (e.g. tzinfo=timezone.utc)", value)
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)
    raise fail(f"expected a date or an aware datetime, not {type(value).__name__}", value)


def _identifier(value: str) -> str:
    return to_text(value, max_length=200)


@attrs.frozen(field_transformer=collecting)
class DocumentMeta:
    """What is stored in the file's properties, and what makes the output reproducible.

    ``created`` is written as the creation date (default: a fixed date, so the same
    input always gives the same bytes). ``identifier`` feeds the PDF file ID; when
    omitted, the ID is derived from the content. ``reference`` (e.g. the PI number)
    is printed in the footer of every page.

    >>> DocumentMeta("Proforma invoice HD-PI-2025-017", created=dt.date(2025, 3, 15)).created
    datetime.datetime(2025, 3, 15, 0, 0, tzinfo=datetime.timezone.utc)
    """

    title: str = attrs.field(default="", converter=opt_text)
    author: str = attrs.field(default="", converter=opt_text)
    reference: str = attrs.field(default="", converter=opt_text)
    created: dt.datetime = attrs.field(default=DEFAULT_CREATED, converter=_created)
    identifier: str | None = attrs.field(default=None, converter=optional(_identifier))

    def __attrs_post_init__(self) -> None:
        check(self)


def _block(value: Block) -> Block:
    if not isinstance(value, _BLOCK_TYPES):
        raise fail(f"not a block ({type(value).__name__})", value)
    return value


def _blocks(value: Sequence[Block]) -> tuple[Block, ...]:
    return to_tuple(value, _block, "blocks", empty="a document needs at least one block")


def _meta(value: DocumentMeta) -> DocumentMeta:
    return expect(DocumentMeta, value)


@attrs.frozen(field_transformer=collecting)
class Document:
    """A whole document: blocks in reading order, plus file metadata.

    >>> doc = Document([Header("QUOTATION"), Text("Valid for 30 days.")])
    >>> [type(b).__name__ for b in doc.blocks]
    ['Header', 'Text']
    """

    blocks: tuple[Block, ...] = attrs.field(converter=_blocks)
    meta: DocumentMeta = attrs.field(factory=DocumentMeta, converter=_meta)

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
