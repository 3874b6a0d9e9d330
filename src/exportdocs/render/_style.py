"""How a document looks: letterhead, accent colour, paper, margins, fonts, language.

A :class:`Style` is the only place where presentation choices live, so the same
blocks can be rendered as an English A4 PDF or a bilingual US-letter DOCX
without touching the builders that produced them.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from exportdocs._validation import check, fail, guard, guard_optional, to_decimal, to_lines, to_text
from exportdocs.exceptions import Problem, ValidationError

__all__ = [
    "DEFAULT_CJK_SEARCH",
    "FontFile",
    "FontPair",
    "FontSet",
    "Language",
    "Letterhead",
    "Margins",
    "Paper",
    "Style",
]

_HEX_RE = re.compile(r"#?([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})")


class Language(enum.Enum):
    """The language of the fixed wording the engine prints (page footer) and the fonts it needs.

    ``EN_ZH`` is bilingual: the footer shows both forms and a CJK font is required.

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
    def parse(cls, value: Any) -> Language:
        """Accept a Language or its value (``"en"``, ``"zh"``, ``"en-zh"``; ``_`` works too)."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            key = value.strip().lower().replace("_", "-")
            for member in cls:
                if member.value == key:
                    return member
        raise fail(f"unknown language; use one of {', '.join(m.value for m in cls)}", value)


class Paper(enum.Enum):
    """A paper size; the value is its usual name.

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
    def parse(cls, value: Any) -> Paper:
        """Accept a Paper or its name, case-insensitively."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str) and value.strip().upper() in cls.__members__:
            return cls[value.strip().upper()]
        raise fail(f"unknown paper size; use one of {', '.join(m.value for m in cls)}", value)


_PAPER_MM = {
    Paper.A4: (Decimal("210"), Decimal("297")),
    Paper.LETTER: (Decimal("215.9"), Decimal("279.4")),
}


def _margin(value: Any) -> Decimal:
    number = to_decimal(value)
    if not Decimal(5) <= number <= Decimal(50):
        raise fail("a margin must be between 5 and 50 mm", value)
    return number


def _margin_field(value: Any) -> Decimal:
    return guard(_margin, value)


@attrs.frozen
class Margins:
    """Page margins in millimetres (5 to 50 each); the footer sits inside the bottom margin.

    >>> Margins.all(12)
    Margins(top=Decimal('12'), right=Decimal('12'), bottom=Decimal('12'), left=Decimal('12'))
    """

    top: Decimal = attrs.field(default=Decimal(15), converter=_margin_field)
    right: Decimal = attrs.field(default=Decimal(15), converter=_margin_field)
    bottom: Decimal = attrs.field(default=Decimal(15), converter=_margin_field)
    left: Decimal = attrs.field(default=Decimal(15), converter=_margin_field)

    def __attrs_post_init__(self) -> None:
        check(self)

    @classmethod
    def all(cls, value: Decimal | int | str) -> Margins:
        """The same margin on every side."""
        return cls(value, value, value, value)


def _path(value: Any) -> Path:
    if isinstance(value, Path):
        return value
    if isinstance(value, str) and value.strip() and "\x00" not in value:
        return Path(value.strip())
    raise fail(f"expected a file path (str or Path), not {type(value).__name__}", value)


def _path_field(value: Any) -> Path:
    return guard(_path, value)


def _index(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 64:
        raise fail("a collection index is an int from 0 to 63", value)
    return value


def _index_field(value: Any) -> int:
    return guard(_index, value)


@attrs.frozen
class FontFile:
    """A font file and, for a TrueType/OpenType collection (``.ttc``), the face index in it.

    >>> FontFile("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2).index
    2
    """

    path: Path = attrs.field(converter=_path_field)
    index: int = attrs.field(default=0, converter=_index_field)

    def __attrs_post_init__(self) -> None:
        check(self)

    @classmethod
    def parse(cls, value: Any) -> FontFile:
        """Accept a FontFile, or a path (str or Path) meaning face 0."""
        if isinstance(value, cls):
            return value
        return cls(_path(value))


def _font_file_field(value: Any) -> FontFile | None:
    return guard_optional(FontFile.parse, value)


def _font_file_req_field(value: Any) -> FontFile:
    return guard(FontFile.parse, value)


@attrs.frozen
class FontPair:
    """A regular face and an optional bold face found together (one entry of a search list)."""

    regular: FontFile = attrs.field(converter=_font_file_req_field)
    bold: FontFile | None = attrs.field(default=None, converter=_font_file_field)

    def __attrs_post_init__(self) -> None:
        check(self)


_NOTO_DEB = "/usr/share/fonts/opentype/noto/NotoSansCJK-{}.ttc"
_NOTO_FED = "/usr/share/fonts/google-noto-cjk/NotoSansCJK-{}.ttc"
_NOTO_ARCH = "/usr/share/fonts/noto-cjk/NotoSansCJK-{}.ttc"

#: Where a CJK font is looked for when ``FontSet.cjk_regular`` is not given: the first
#: entry whose regular file exists wins. Noto Sans CJK SC is face 2 of the collection
#: (JP, KR, SC, TC, HK). Every entry needs Latin glyphs as well, because a string that
#: contains any CJK character is drawn entirely with the CJK font; so Droid Sans
#: Fallback (no Latin letters) is not in the list. Tested with fpdf2: Noto Sans CJK
#: (CFF outlines) and WenQuanYi Micro Hei (TrueType); the macOS and Windows entries are
#: common install paths and untested here.
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


def _search(value: Any) -> tuple[FontPair, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise fail("expected a list of FontPair, font paths or (regular, bold) pairs", value)
    problems: list[Problem] = []
    pairs: list[FontPair] = []
    for i, item in enumerate(value):
        if isinstance(item, FontPair):
            pairs.append(item)
            continue
        try:
            # A bare path or FontFile is a regular face; a (regular, bold) pair is both.
            if isinstance(item, (list, tuple)) and len(item) == 2:
                pairs.append(FontPair(item[0], item[1]))
            else:
                pairs.append(FontPair(item))
        except ValidationError as exc:
            problems.extend(p.prefixed(f"[{i}]") for p in exc.problems)
    if problems:
        raise ValidationError(problems)
    return tuple(pairs)


def _search_field(value: Any) -> tuple[FontPair, ...]:
    return guard(_search, value)


@attrs.frozen
class FontSet:
    """The font files used for PDF output; every field is optional.

    ``regular``/``bold`` default to the DejaVu Sans shipped with exportdocs (it covers
    Latin, Greek, Cyrillic and trade symbols such as ® € ¥ × ³ ± °). ``cjk_regular``/
    ``cjk_bold`` default to the first font of ``cjk_search`` found on disk, looked for
    only when the document needs one. Nothing is read from environment variables.

    >>> FontSet(cjk_regular="/opt/fonts/NotoSansSC-Regular.otf").cjk_regular
    FontFile(path=PosixPath('/opt/fonts/NotoSansSC-Regular.otf'), index=0)
    """

    regular: FontFile | None = attrs.field(default=None, converter=_font_file_field)
    bold: FontFile | None = attrs.field(default=None, converter=_font_file_field)
    cjk_regular: FontFile | None = attrs.field(default=None, converter=_font_file_field)
    cjk_bold: FontFile | None = attrs.field(default=None, converter=_font_file_field)
    cjk_search: tuple[FontPair, ...] = attrs.field(
        default=DEFAULT_CJK_SEARCH, converter=_search_field
    )

    def __attrs_post_init__(self) -> None:
        check(self)


def _short_text(value: Any) -> str:
    return to_text(value, max_length=200)


def _name_field(value: Any) -> str:
    return guard(_short_text, value)


def _opt_text_field(value: Any) -> str | None:
    return guard_optional(_short_text, value)


def _address_field(value: Any) -> tuple[str, ...]:
    return guard(to_lines, value)


def _logo_field(value: Any) -> Path | None:
    return guard_optional(_path, value)


@attrs.frozen
class Letterhead:
    """The seller's letterhead printed at the top of the first page.

    >>> Letterhead("NINGBO HAIDA TRADING CO., LTD.", ["No. 8 Jiangnan Road", "Ningbo, China"]).address
    ('No. 8 Jiangnan Road', 'Ningbo, China')
    """

    name: str = attrs.field(converter=_name_field)
    address: tuple[str, ...] = attrs.field(default=(), converter=_address_field)
    phone: str | None = attrs.field(default=None, converter=_opt_text_field)
    email: str | None = attrs.field(default=None, converter=_opt_text_field)
    web: str | None = attrs.field(default=None, converter=_opt_text_field)
    logo: Path | None = attrs.field(default=None, converter=_logo_field)

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


def _accent(value: Any) -> str:
    if isinstance(value, str):
        match = _HEX_RE.fullmatch(value.strip())
        if match:
            digits = match.group(1).upper()
            if len(digits) == 3:
                digits = "".join(c * 2 for c in digits)
            return f"#{digits}"
    raise fail("expected a hex colour such as '#1F4E79'", value)


def _accent_field(value: Any) -> str:
    return guard(_accent, value)


def _letterhead(value: Any) -> Letterhead:
    if isinstance(value, Letterhead):
        return value
    raise fail(f"expected a Letterhead, not {type(value).__name__}", value)


def _letterhead_field(value: Any) -> Letterhead | None:
    return guard_optional(_letterhead, value)


def _paper_field(value: Any) -> Paper:
    return guard(Paper.parse, value)


def _margins(value: Any) -> Margins:
    if isinstance(value, Margins):
        return value
    if isinstance(value, (int, str, Decimal)) and not isinstance(value, bool):
        return Margins.all(value)
    raise fail(f"expected Margins or one number of mm, not {type(value).__name__}", value)


def _margins_field(value: Any) -> Margins:
    return guard(_margins, value)


def _fonts(value: Any) -> FontSet:
    if isinstance(value, FontSet):
        return value
    raise fail(f"expected a FontSet, not {type(value).__name__}", value)


def _fonts_field(value: Any) -> FontSet:
    return guard(_fonts, value)


def _language_field(value: Any) -> Language:
    return guard(Language.parse, value)


@attrs.frozen
class Style:
    """Presentation settings shared by every document of a company.

    The accent colour is used sparingly: document title, table header row and a thin
    rule under the letterhead.

    >>> style = Style(Letterhead("NINGBO HAIDA TRADING CO., LTD."), accent="1f4e79", paper="letter")
    >>> style.accent, style.paper, style.language
    ('#1F4E79', <Paper.LETTER: 'LETTER'>, <Language.EN: 'en'>)
    """

    letterhead: Letterhead | None = attrs.field(default=None, converter=_letterhead_field)
    accent: str = attrs.field(default="#1F4E79", converter=_accent_field)
    paper: Paper = attrs.field(default=Paper.A4, converter=_paper_field)
    margins: Margins = attrs.field(factory=Margins, converter=_margins_field)
    fonts: FontSet = attrs.field(factory=FontSet, converter=_fonts_field)
    language: Language = attrs.field(default=Language.EN, converter=_language_field)

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)

    def _cross(self) -> Iterator[Problem]:
        width, height = self.paper.size_mm
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
