"""How a document looks: letterhead, accent colour, paper, margins, fonts, language.

A :class:`Style` is the only place where presentation choices live, so the same
blocks can be rendered as an English A4 PDF or a bilingual US-letter DOCX
without touching the builders that produced them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
from attrs.converters import optional

from exportdocs._validation import (
    ParseEnum,
    check,
    collecting,
    expect,
    fail,
    to_lines,
    to_text,
    to_tuple,
    to_whole,
)
from exportdocs.exceptions import Problem
from exportdocs.render._fields import decimal_between, to_path, unknown

__all__ = [
    "DEFAULT_CJK_SEARCH",
    "FontFile",
    "FontPair",
    "FontSet",
    "Language",
    "Letterhead",
    "Margins",
    "Orientation",
    "Paper",
    "Style",
    "to_letterhead",
]

_HEX_RE = re.compile(r"#?([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})")


class Language(ParseEnum):
    """The language of the fixed wording the engine prints (page footer) and the fonts it needs.

    ``EN_ZH`` is bilingual: the footer shows both forms and a CJK font is required.
    ``parse`` accepts a Language or its value (``"en"``, ``"zh"``, ``"en-zh"``; ``_``
    works too).

    >>> Language.parse("zh"), Language.EN_ZH.needs_cjk
    (<Language.ZH: 'zh'>, True)
    """

    EN = "en"
    ZH = "zh"
    EN_ZH = "en-zh"

    @property
    def needs_cjk(self) -> bool:
        """True when the language's own wording is Chinese, so a CJK font is required."""
        return self is not Language.EN

    @classmethod
    def _key(cls, text: str) -> str:
        return text.strip().lower().replace("_", "-")

    @classmethod
    def _refusal(cls, value: object) -> str:
        return unknown("language", cls)


class Paper(ParseEnum):
    """A paper size; the value is its usual name (``parse`` ignores case).

    >>> Paper.parse("letter").size_mm
    (Decimal('215.9'), Decimal('279.4'))
    """

    A4 = "A4"
    LETTER = "LETTER"

    @property
    def size_mm(self) -> tuple[Decimal, Decimal]:
        """Width and height in millimetres (portrait)."""
        return _PAPER_MM[self]

    @classmethod
    def _key(cls, text: str) -> str:
        return text.strip().upper()

    @classmethod
    def _refusal(cls, value: object) -> str:
        return unknown("paper size", cls)


class Orientation(ParseEnum):
    """Which way up the page is: portrait (the default) or landscape (wide tables)."""

    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"

    @classmethod
    def _refusal(cls, value: object) -> str:
        return unknown("orientation", cls)


def _orientation(value: Orientation | str) -> Orientation:
    return Orientation.parse(value)


_PAPER_MM = {
    Paper.A4: (Decimal("210"), Decimal("297")),
    Paper.LETTER: (Decimal("215.9"), Decimal("279.4")),
}


def _margin(value: Decimal | int | str) -> Decimal:
    return decimal_between(value, "5", "50", "a margin must be between 5 and 50 mm")


@attrs.frozen(field_transformer=collecting)
class Margins:
    """Page margins in millimetres (5 to 50 each); the footer sits inside the bottom margin.

    >>> Margins.all(12)
    Margins(top=Decimal('12'), right=Decimal('12'), bottom=Decimal('12'), left=Decimal('12'))
    """

    top: Decimal = attrs.field(default=Decimal(15), converter=_margin)
    right: Decimal = attrs.field(default=Decimal(15), converter=_margin)
    bottom: Decimal = attrs.field(default=Decimal(15), converter=_margin)
    left: Decimal = attrs.field(default=Decimal(15), converter=_margin)

    def __attrs_post_init__(self) -> None:
        check(self)

    @classmethod
    def all(cls, value: Decimal | int | str) -> Margins:
        """The same margin on every side."""
        return cls(value, value, value, value)


def _face_index(value: int) -> int:
    return to_whole(value, 0, 63, "a collection index")


@attrs.frozen(field_transformer=collecting)
class FontFile:
    """A font file and, for a TrueType/OpenType collection (``.ttc``), the face index in it.

    >>> FontFile("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2).index
    2
    """

    path: Path = attrs.field(converter=to_path)
    index: int = attrs.field(default=0, converter=_face_index)

    def __attrs_post_init__(self) -> None:
        check(self)

    @classmethod
    def parse(cls, value: FontFile | str | Path) -> FontFile:
        """Accept a FontFile, or a path (str or Path) meaning face 0."""
        if isinstance(value, FontFile):
            return value
        return cls(to_path(value))


def _font_file(value: FontFile | str | Path) -> FontFile:
    return FontFile.parse(value)


@attrs.frozen(field_transformer=collecting)
class FontPair:
    """A regular face and an optional bold face found together (one entry of a search list)."""

    regular: FontFile = attrs.field(converter=_font_file)
    bold: FontFile | None = attrs.field(default=None, converter=optional(_font_file))

    def __attrs_post_init__(self) -> None:
        check(self)


_NOTO_DEB = "/usr/share/fonts/opentype/noto/NotoSansCJK-{}.ttc"
_NOTO_FED = "/usr/share/fonts/google-noto-cjk/NotoSansCJK-{}.ttc"
_NOTO_ARCH = "/usr/share/fonts/noto-cjk/NotoSansCJK-{}.ttc"

#: The usual system CJK fonts, for ``FontSet(cjk_search=DEFAULT_CJK_SEARCH)`` (the
#: default search is empty, so the bundled ExportDocs CJK SC is used): the first entry
#: whose regular file exists wins. Noto Sans CJK SC is face 2 of the collection (JP, KR,
#: SC, TC, HK). Only the characters the Latin face lacks are drawn with the CJK font.
#: Tested: Noto Sans CJK (CFF outlines) and WenQuanYi Micro Hei (TrueType);
#: the macOS and Windows entries are common install paths and untested here.
DEFAULT_CJK_SEARCH: tuple[FontPair, ...] = (
    FontPair(FontFile(_NOTO_DEB.format("Regular"), 2), FontFile(_NOTO_DEB.format("Bold"), 2)),
    FontPair(FontFile(_NOTO_FED.format("Regular"), 2), FontFile(_NOTO_FED.format("Bold"), 2)),
    FontPair(FontFile(_NOTO_ARCH.format("Regular"), 2), FontFile(_NOTO_ARCH.format("Bold"), 2)),
    FontPair(FontFile("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0)),
    FontPair(FontFile("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0)),
    FontPair(FontFile("/Library/Fonts/Arial Unicode.ttf", 0)),
    FontPair(FontFile("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", 0)),
    FontPair(FontFile("C:/Windows/Fonts/msyh.ttc", 0), FontFile("C:/Windows/Fonts/msyhbd.ttc", 0)),
    FontPair(FontFile("C:/Windows/Fonts/simhei.ttf", 0)),
)


def _font_pair(item: Any) -> FontPair:
    if isinstance(item, FontPair):
        return item
    # A bare path or FontFile is a regular face; a (regular, bold) pair is both.
    if isinstance(item, (list, tuple)) and len(item) == 2:
        return FontPair(item[0], item[1])
    return FontPair(item)


def _search(
    value: Sequence[
        FontPair | FontFile | str | Path | tuple[FontFile | str | Path, FontFile | str | Path]
    ],
) -> tuple[FontPair, ...]:
    return to_tuple(value, _font_pair, "FontPair, font paths or (regular, bold) pairs")


@attrs.frozen(field_transformer=collecting)
class FontSet:
    """The font files used for PDF output; every field is optional.

    ``regular``/``bold`` default to the DejaVu Sans shipped with exportdocs (it covers
    Latin, Greek, Cyrillic and trade symbols such as ® € ¥ × ³ ± °). The CJK fonts,
    loaded only when a document needs one, are ``cjk_regular``/``cjk_bold`` when given
    (``cjk_bold`` is used with ``cjk_regular``; without it bold text uses the regular
    face); otherwise the first entry of ``cjk_search`` found on disk; otherwise the
    ExportDocs CJK SC shipped with exportdocs (a subset of Noto Sans CJK SC: every
    character of GB 2312, CJK punctuation, full-width forms; SIL Open Font License 1.1).

    ``cjk_search`` is empty by default, so no system font is looked for and a document
    is the same bytes on every machine; ``cjk_search=DEFAULT_CJK_SEARCH`` opts into the
    usual system fonts (Noto Sans CJK, WenQuanYi, Microsoft YaHei, ...), which cover
    rarer and traditional characters too. Nothing is read from environment variables.

    >>> FontSet(cjk_regular="/opt/fonts/NotoSansSC-Regular.otf").cjk_regular
    FontFile(path=PosixPath('/opt/fonts/NotoSansSC-Regular.otf'), index=0)
    >>> FontSet().cjk_search, len(FontSet(cjk_search=DEFAULT_CJK_SEARCH).cjk_search) > 0
    ((), True)
    """

    regular: FontFile | None = attrs.field(default=None, converter=optional(_font_file))
    bold: FontFile | None = attrs.field(default=None, converter=optional(_font_file))
    cjk_regular: FontFile | None = attrs.field(default=None, converter=optional(_font_file))
    cjk_bold: FontFile | None = attrs.field(default=None, converter=optional(_font_file))
    cjk_search: tuple[FontPair, ...] = attrs.field(default=(), converter=_search)

    def __attrs_post_init__(self) -> None:
        check(self)


def _short_text(value: str) -> str:
    return to_text(value, max_length=200)


@attrs.frozen(field_transformer=collecting)
class Letterhead:
    """The seller's letterhead printed at the top of the first page.

    >>> Letterhead("NINGBO HAIDA TRADING CO., LTD.", ["No. 8 Jiangnan Road", "Ningbo, China"]).address
    ('No. 8 Jiangnan Road', 'Ningbo, China')
    """

    name: str = attrs.field(converter=_short_text)
    address: tuple[str, ...] = attrs.field(default=(), converter=to_lines)
    phone: str | None = attrs.field(default=None, converter=optional(_short_text))
    email: str | None = attrs.field(default=None, converter=optional(_short_text))
    web: str | None = attrs.field(default=None, converter=optional(_short_text))
    logo: Path | None = attrs.field(default=None, converter=optional(to_path))

    def __attrs_post_init__(self) -> None:
        check(self)

    @property
    def contact_line(self) -> str:
        """Phone, e-mail and web joined on one line (empty when none is given)."""
        parts = [
            f"{label} {value}"
            for label, value in (("Tel:", self.phone), ("E-mail:", self.email), ("Web:", self.web))
            if value
        ]
        return "   ".join(parts)


def to_letterhead(value: Letterhead) -> Letterhead:
    """The letterhead itself; ValidationError for anything else (Style's and Header's check)."""
    return expect(Letterhead, value)


def _accent(value: str) -> str:
    if isinstance(value, str):
        match = _HEX_RE.fullmatch(value.strip())
        if match:
            digits = match.group(1).upper()
            if len(digits) == 3:
                digits = "".join(c * 2 for c in digits)
            return f"#{digits}"
    raise fail("expected a hex colour such as '#1F4E79'", value)


def _paper(value: Paper | str) -> Paper:
    return Paper.parse(value)


def _margins(value: Margins | Decimal | int | str) -> Margins:
    if isinstance(value, Margins):
        return value
    if isinstance(value, (int, str, Decimal)) and not isinstance(value, bool):
        return Margins.all(value)
    raise fail(f"expected Margins or one number of mm, not {type(value).__name__}", value)


def _fonts(value: FontSet) -> FontSet:
    return expect(FontSet, value)


def _language(value: Language | str) -> Language:
    return Language.parse(value)


@attrs.frozen(field_transformer=collecting)
class Style:
    """Presentation settings shared by every document of a company.

    The accent colour is used sparingly: document title, table header row and a thin
    rule under the letterhead.

    >>> style = Style(Letterhead("NINGBO HAIDA TRADING CO., LTD."), accent="1f4e79", paper="letter")
    >>> style.accent, style.paper, style.language
    ('#1F4E79', <Paper.LETTER: 'LETTER'>, <Language.EN: 'en'>)
    """

    letterhead: Letterhead | None = attrs.field(default=None, converter=optional(to_letterhead))
    accent: str = attrs.field(default="#1F4E79", converter=_accent)
    paper: Paper = attrs.field(default=Paper.A4, converter=_paper)
    margins: Margins = attrs.field(factory=Margins, converter=_margins)
    fonts: FontSet = attrs.field(factory=FontSet, converter=_fonts)
    language: Language = attrs.field(default=Language.EN, converter=_language)
    orientation: Orientation = attrs.field(default=Orientation.PORTRAIT, converter=_orientation)

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)

    @property
    def page_mm(self) -> tuple[Decimal, Decimal]:
        """Width and height of the page in millimetres, as the orientation turns it."""
        width, height = self.paper.size_mm
        if self.orientation is Orientation.LANDSCAPE:
            return height, width
        return width, height

    def _cross(self) -> Iterator[Problem]:
        width, height = self.page_mm
        m = self.margins
        if width - m.left - m.right < 120 or height - m.top - m.bottom < 150:
            yield Problem(
                "margins",
                m,
                "the margins leave too little room (the body needs at least 120 x 150 mm)",
            )

    @property
    def accent_rgb(self) -> tuple[int, int, int]:
        """The accent colour as an (r, g, b) tuple of 0-255 ints."""
        return (int(self.accent[1:3], 16), int(self.accent[3:5], 16), int(self.accent[5:7], 16))
