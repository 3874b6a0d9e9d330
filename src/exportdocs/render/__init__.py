"""Rendering trade documents to PDF and DOCX from a backend-neutral description.

A document is a list of blocks (:class:`Header`, :class:`PartyBoxes`,
:class:`KeyValueGrid`, :class:`ItemTable`, :class:`Totals`, :class:`Text`,
:class:`Signatures`, :class:`Spacer`) holding already formatted strings; a
:class:`Style` says how it looks. :func:`render_pdf` and :func:`render_docx` (or
:func:`render`) turn the pair into bytes, a file object or an atomically written
file. See ``docs/rendering.md``.

>>> from exportdocs.render import Document, Header, Text, render_pdf
>>> pdf = render_pdf(Document([Header("QUOTATION"), Text("Valid for 30 days.")]))
>>> pdf[:5]
b'%PDF-'
"""

from __future__ import annotations

from typing import Any, overload

from exportdocs._validation import ParseEnum, fail
from exportdocs.exceptions import ValidationError
from exportdocs.render._blocks import (
    Block,
    Document,
    DocumentMeta,
    Header,
    KeyValueGrid,
    Party,
    PartyBoxes,
    Signature,
    Signatures,
    Spacer,
    Text,
    TextStyle,
    Totals,
)
from exportdocs.render._fields import unknown
from exportdocs.render._output import Target, deliver
from exportdocs.render._style import (
    DEFAULT_CJK_SEARCH,
    FontFile,
    FontPair,
    FontSet,
    Language,
    Letterhead,
    Margins,
    Orientation,
    Paper,
    Style,
)
from exportdocs.render._table import Align, Cell, Column, ImageCell, ItemTable

__all__ = [
    "DEFAULT_CJK_SEARCH",
    "Align",
    "Block",
    "Cell",
    "Column",
    "Document",
    "DocumentMeta",
    "FontFile",
    "FontPair",
    "FontSet",
    "Format",
    "Header",
    "ImageCell",
    "ItemTable",
    "KeyValueGrid",
    "Language",
    "Letterhead",
    "Margins",
    "Orientation",
    "Paper",
    "Party",
    "PartyBoxes",
    "Signature",
    "Signatures",
    "Spacer",
    "Style",
    "Target",
    "Text",
    "TextStyle",
    "Totals",
    "needs_landscape",
    "render",
    "render_docx",
    "render_pdf",
]


class Format(ParseEnum):
    """An output format of :func:`render`; the value is the file extension.

    ``parse`` accepts a Format or its extension, with or without the dot (``".pdf"``).
    """

    PDF = "pdf"
    DOCX = "docx"

    @classmethod
    def _key(cls, text: str) -> str:
        return text.strip().lower().lstrip(".")

    @classmethod
    def _refusal(cls, value: object) -> str:
        return unknown("format", cls)


def _check_args(document: Any, style: Any) -> Style:
    problems = []
    if not isinstance(document, Document):
        problems.append(
            fail(f"expected a Document, not {type(document).__name__}", document, "document")
        )
    if style is not None and not isinstance(style, Style):
        problems.append(fail(f"expected a Style, not {type(style).__name__}", style, "style"))
    if problems:
        raise ValidationError(p for e in problems for p in e.problems)
    return style if style is not None else Style()


@overload
def render_pdf(document: Document, style: Style | None = None, target: None = None) -> bytes: ...
@overload
def render_pdf(document: Document, style: Style | None, target: Target) -> bytes | None: ...
def render_pdf(
    document: Document, style: Style | None = None, target: Target = None
) -> bytes | None:
    """Render ``document`` as PDF; return the bytes (target None) or write them to ``target``.

    The whole document is laid out and checked before anything is written: every
    character must be covered by a font (the bundled DejaVu Sans for Latin text, a
    CJK font for Chinese), and a path target is written atomically.

    Raises:
        ValidationError: ``document`` or ``style`` is not what it should be.
        FontNotFoundError: Chinese text (or language) and no CJK font available.
        RenderError: a character no font covers, an unreadable image, an unwritable path,
            a table whose figures do not fit the page even at 7 pt (see
            :func:`needs_landscape`).
    """
    from exportdocs.render._pdf import pdf_bytes

    checked = _check_args(document, style)
    return deliver(pdf_bytes(document, checked), target)


def needs_landscape(document: Document, style: Style | None = None) -> bool:
    """Whether an item table of ``document`` cannot fit ``style``'s page width.

    True when some table's unbreakable content (its figures, codes and units) is
    wider than the page even at the smallest table size (7 pt): :func:`render_pdf`
    refuses it in that orientation rather than cut a figure. The documents
    (:class:`exportdocs.documents.TradeDocument`) use it to turn such a document to
    landscape in both formats. Measuring needs the fonts (see :class:`FontSet`).

    >>> from exportdocs.render import Column, ItemTable
    >>> wide = ItemTable([Column(f"C{i}", wrap=False) for i in range(16)], [["10,000,000.00"] * 16])
    >>> needs_landscape(Document([wide])), needs_landscape(Document([Text("short")]))
    (True, False)
    """
    from exportdocs.render._pdf import needs_landscape as measure

    return measure(document, _check_args(document, style))


@overload
def render_docx(document: Document, style: Style | None = None, target: None = None) -> bytes: ...
@overload
def render_docx(document: Document, style: Style | None, target: Target) -> bytes | None: ...
def render_docx(
    document: Document, style: Style | None = None, target: Target = None
) -> bytes | None:
    """Render ``document`` as DOCX; return the bytes (target None) or write them to ``target``.

    Raises:
        ValidationError: ``document`` or ``style`` is not what it should be.
        RenderError: a control character that XML cannot hold, an unreadable image,
            an unwritable path.
    """
    from exportdocs.render._docx import docx_bytes

    checked = _check_args(document, style)
    return deliver(docx_bytes(document, checked), target)


def render(
    document: Document,
    style: Style | None = None,
    format: Format | str = Format.PDF,
    target: Target = None,
) -> bytes | None:
    """Render ``document`` in ``format`` (``"pdf"`` or ``"docx"``); see :func:`render_pdf`.

    >>> render(Document([Text("hello")]), format="docx")[:2]
    b'PK'
    """
    if Format.parse(format) is Format.PDF:
        return render_pdf(document, style, target)
    return render_docx(document, style, target)
