"""Block and style constructors: normalisation, and junk refused with ValidationError."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from exportdocs.exceptions import ValidationError
from exportdocs.render import (
    Align,
    Column,
    Document,
    DocumentMeta,
    FontFile,
    FontSet,
    Header,
    ImageCell,
    ItemTable,
    KeyValueGrid,
    Language,
    Letterhead,
    Margins,
    Paper,
    Party,
    PartyBoxes,
    Signature,
    Signatures,
    Spacer,
    Style,
    Text,
    TextStyle,
    Totals,
)
from tests.render.samples import sample


def test_normalisation() -> None:
    column = Column(" QTY ", "1.5", "r")
    assert ("QTY", Decimal("1.5"), Align.RIGHT) == (column.title, column.width, column.align)
    assert KeyValueGrid([("a", "b")]).pairs == (("a", "b"),)
    assert Party("SELLER", "L1\n\nL2").lines == ("L1", "L2")
    assert Text("x", "MUTED").style == TextStyle.MUTED
    assert (
        dt.datetime(2025, 3, 15, tzinfo=dt.timezone.utc)
        == DocumentMeta(created=dt.date(2025, 3, 15)).created
    )


JUNK: list[tuple[Any, tuple[Any, ...], dict[str, Any], str]] = [
    (Header, (None,), {}, "title"),
    (Header, ("T",), {"info": "x"}, "info"),
    (Header, ("T",), {"info": [("a",)]}, "info[0]"),
    (Header, ("T",), {"letterhead": "ACME"}, "letterhead"),
    (Party, ("",), {}, "label"),
    (PartyBoxes, ([],), {}, "parties"),
    (PartyBoxes, ([Party("A")] * 5,), {}, "parties"),
    (PartyBoxes, (["SELLER"],), {}, "parties[0]"),
    (KeyValueGrid, ({"a": "b"},), {"columns": 3}, "columns"),
    (KeyValueGrid, ({"a": 5},), {}, "pairs[0]"),
    (ItemTable, ([], []), {}, "columns"),
    (ItemTable, ([Column("A")], None), {}, "rows"),
    (ImageCell, ("",), {}, "path"),
    (ImageCell, ("p.png",), {"height": 500}, "height"),
    (Totals, ([("TOTAL", None)],), {}, "rows[0]"),
    (Text, ("x",), {"style": "loud"}, "style"),
    (Text, (b"bytes",), {}, "text"),
    (Signatures, ([Signature("A")],), {}, "boxes"),
    (Signature, (3,), {}, "label"),
    (Spacer, ("-1",), {}, "height"),
    (DocumentMeta, (), {"created": dt.datetime(2025, 1, 1)}, "created"),
    (DocumentMeta, (), {"created": "2025-01-01"}, "created"),
    (Document, ([],), {}, "blocks"),
    (Document, (["text"],), {}, "blocks[0]"),
    (Document, ([Text("x")],), {"meta": {}}, "meta"),
    (Letterhead, ("",), {}, "name"),
    (Letterhead, ("A",), {"logo": 5}, "logo"),
    (Margins, (4,), {}, "top"),
    (FontFile, ("x.ttf", -1), {}, "index"),
    (FontSet, (), {"cjk_search": "x"}, "cjk_search"),
    (FontSet, (), {"regular": 1}, "regular"),
    (Style, (), {"accent": "blue"}, "accent"),
    (Style, (), {"paper": "A5"}, "paper"),
    (Style, (), {"language": "fr"}, "language"),
    (Style, (), {"margins": 50}, "margins"),
    (Style, (), {"fonts": "DejaVu"}, "fonts"),
]


@pytest.mark.parametrize(("cls", "args", "kwargs", "path"), JUNK)
def test_junk_is_refused_with_validation_error(
    cls: Any, args: tuple[Any, ...], kwargs: dict[str, Any], path: str
) -> None:
    with pytest.raises(ValidationError) as info:
        cls(*args, **kwargs)
    assert path == info.value.problems[0].path


def test_enums_parse_and_refuse() -> None:
    assert Language.parse("EN_ZH") == Language.EN_ZH
    assert Paper.parse(" a4 ") == Paper.A4
    with pytest.raises(ValidationError, match="unknown paper size"):
        Paper.parse(4)


def test_style_accent_is_normalised() -> None:
    assert (Style(accent="abc").accent, Style(accent="abc").accent_rgb) == (
        "#AABBCC",
        (170, 187, 204),
    )


def test_document_strings_name_every_string() -> None:
    doc = sample(2)
    where = {s: w for w, s in doc.strings()}
    assert where["PROFORMA INVOICE"] == "blocks[0].title"
    assert where["Item 0002 ceramic mug 350 ml"] == "blocks[3].rows[1][1]"
    assert where["SAY US DOLLARS TWENTY ONE THOUSAND ONLY"] == "blocks[4].words"
