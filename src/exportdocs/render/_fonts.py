"""Font files: finding them, parsing them once per process, and checking coverage.

Parsing a TrueType font (cmap, advance widths, glyph ids) is about a third of the
time of a small fpdf2 document when every document calls ``add_font``. Here each
file is parsed once per process into a :class:`LoadedFont`; every PDF gets a light
copy of fpdf2's ``TTFFont`` that *shares* the read-only tables (cmap, widths,
glyph ids, descriptor) and owns the per-document state (subset map, the fontTools
object that fpdf2 subsets in place when it writes the file).

Mixed strings: a string that any character keeps out of the Latin font is drawn
entirely with the CJK font (Noto Sans CJK and WenQuanYi Micro Hei include Latin
glyphs). Switching fonts per run would keep DejaVu's Latin shapes next to Chinese,
but it multiplies text objects and complicates line breaking; one font per string
keeps layout a single dictionary lookup per character.
"""

from __future__ import annotations

import io
import threading
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from exportdocs.exceptions import FontNotFoundError, RenderError
from exportdocs.render._style import FontFile, FontSet

__all__ = ["FontPlan", "LoadedFont", "load_font", "parse_count"]

_HERE = Path(__file__).parent / "fonts"
#: The Latin fonts shipped with exportdocs (DejaVu Sans; licence in fonts/LICENSE-DejaVu.txt).
BUNDLED_REGULAR = FontFile(_HERE / "DejaVuSans.ttf")
BUNDLED_BOLD = FontFile(_HERE / "DejaVuSans-Bold.ttf")

_ADVICE = (
    "install a CJK font (Debian/Ubuntu: apt-get install fonts-noto-cjk; Fedora: "
    "google-noto-sans-cjk-fonts) or pass one explicitly: "
    "Style(fonts=FontSet(cjk_regular='/path/to/NotoSansCJK-Regular.ttc'))"
)

_LOCK = threading.Lock()
_CACHE: dict[tuple[str, int], LoadedFont] = {}
_PARSES = 0


def parse_count() -> int:
    """How many font files this process has parsed (each file is parsed once)."""
    return _PARSES


#: Characters every working font starts with for a Latin font (Latin, Greek, Cyrillic,
#: punctuation, currency, letterlike and math symbols, arrows, shapes).
_LATIN_SEED = frozenset(
    chr(cp)
    for lo, hi in (
        (0x20, 0x24F),
        (0x370, 0x3FF),
        (0x400, 0x4FF),
        (0x2000, 0x206F),
        (0x20A0, 0x20CF),
        (0x2100, 0x215F),
        (0x2190, 0x21FF),
        (0x2200, 0x22FF),
        (0x25A0, 0x25FF),
    )
    for cp in range(lo, hi + 1)
)
#: A CJK working font starts small (the full font has 30,000-65,000 glyphs) and grows
#: with the characters documents use.
_CJK_SEED = frozenset(
    chr(cp) for lo, hi in ((0x20, 0xFF), (0x3000, 0x303F)) for cp in range(lo, hi + 1)
)
_DROP = ["FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta", "kern", "VORG", "vhea", "vmtx"]


class LoadedFont:
    """A parsed font file, shared by every document of the process.

    ``adv`` maps each character the *file* covers to its advance width in 1/1000 em;
    a character missing from it is not covered.

    fpdf2 subsets the font of every document it writes, and subsetting a full font
    costs 20-600 ms (most of it decompiling thousands of glyphs the document never
    uses). So documents are subset from a *working font*: a subset of the file kept in
    memory, made once per process, holding a seed range plus every character a
    document has used so far; it is rebuilt only when a document brings a new
    character. The PDF descriptor (name, bounding box, metrics) always comes from the
    full file, so the output does not depend on what was rendered before.
    """

    __slots__ = ("_seed", "_work", "_work_chars", "_work_data", "adv", "family", "file", "proto")

    def __init__(self, file: FontFile, proto: Any) -> None:
        self.file = file
        self.proto = proto
        self.family: str = proto.ttfont["name"].getBestFamilyName() or file.path.stem
        self.adv: dict[str, float] = {chr(cp): float(w) for cp, w in proto.cw.items()}
        space = self.adv.get(" ", 300.0)
        # Line breaks and tabs are handled by the layout, never drawn.
        self.adv.setdefault("\t", space)
        self.adv["\n"] = 0.0
        self.adv["\r"] = 0.0
        # Only the tables read above are kept; the working font re-reads the file itself.
        proto.ttfont.close()
        is_cjk = "中" in self.adv
        self._seed = (_CJK_SEED if is_cjk else _LATIN_SEED) & self.adv.keys()
        self._work: Any = None
        self._work_chars: frozenset[str] = frozenset()
        self._work_data = b""

    def working(self, chars: set[str]) -> tuple[Any, bytes]:
        """The working font (a parsed fpdf2 TTFFont and its bytes) covering ``chars``."""
        if self._work is None or not chars <= self._work_chars:
            with _LOCK:
                if self._work is None or not chars <= self._work_chars:
                    want = frozenset(self._work_chars | self._seed | (chars & self.adv.keys()))
                    self._build(want)
        return self._work, self._work_data

    def _build(self, chars: frozenset[str]) -> None:
        global _PARSES
        from fontTools import subset as ftsubset  # type: ignore[import-untyped]
        from fontTools import ttLib

        # Subsetting keeps every glyph's outline, so the bounding boxes stay valid:
        # not recomputing them spares decompiling and recompiling every glyph (4x faster).
        font = ttLib.TTFont(
            self.file.path,
            recalcTimestamp=False,
            recalcBBoxes=False,
            lazy=True,
            fontNumber=self.file.index,
        )
        options = ftsubset.Options(
            notdef_outline=True,
            recommended_glyphs=True,
            glyph_names=True,
            name_IDs=["*"],
            name_languages=["*"],
            layout_features=[],
            recalc_bounds=False,
        )
        options.drop_tables += _DROP
        subsetter = ftsubset.Subsetter(options)
        subsetter.populate(unicodes=sorted(ord(c) for c in chars if c not in "\t\n\r"))
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
        font.close()
        data = out.getvalue()
        self._work, self._work_data, self._work_chars = _Tables(data), data, chars
        _PARSES += 1

    def attach(self, pdf: Any, family: str, style: str, chars: set[str]) -> None:
        """Register this font in ``pdf`` under ``family``/``style`` without re-parsing it."""
        from fontTools import ttLib
        from fpdf.fonts import SubsetMap, TTFFont

        work, data = self.working(chars)
        proto = self.proto
        font = TTFFont.__new__(TTFFont)
        for name in (
            "type",
            "ttffile",
            "scale",
            "name",
            "up",
            "ut",
            "sp",
            "ss",
            "is_compressed",
            "is_cff",
            "is_cid_keyed",
            "is_symbol",
            "cff_ros",
            "desc",
            "palette_index",
        ):
            setattr(font, name, getattr(proto, name))
        # Glyph tables come from the working font, which fpdf2 subsets again.
        font.cmap = work.cmap
        font.cw = work.cw
        font.glyph_ids = work.glyph_ids
        font.collection_font_number = 0
        key = f"{family}{style}"
        font.i = len(pdf.fonts) + 1
        font.fontkey = key
        font.emphasis = type(proto.emphasis).coerce(style)
        # fpdf2 subsets (mutates) and closes this object when it writes the file, so each
        # document gets its own, read lazily from the bytes kept in memory.
        # recalcBBoxes=False: recomputing bounds would decompile and recompile every kept
        # glyph (most of the subsetting time); the full font's bounds remain valid.
        font.ttfont = ttLib.TTFont(
            io.BytesIO(data), recalcTimestamp=False, recalcBBoxes=False, lazy=True
        )
        font._hbfont = None
        font.biggest_size_pt = 0
        font.missing_glyphs = []
        font.color_font = None
        font.subset = SubsetMap(font)
        pdf.fonts[key] = font
        if font.is_cff and font.is_cid_keyed:
            pdf._set_min_pdf_version("1.6")


class _Tables:
    """The glyph tables fpdf2 reads from a TTFFont: cmap, advance widths, glyph ids.

    Computed the way ``fpdf.fonts.TTFFont.__init__`` does, from in-memory bytes.
    """

    __slots__ = ("cmap", "cw", "glyph_ids")

    def __init__(self, data: bytes) -> None:
        from fontTools import ttLib

        font = ttLib.TTFont(io.BytesIO(data), recalcTimestamp=False, lazy=True)
        scale = 1000 / float(font["head"].unitsPerEm)
        metrics = font["hmtx"].metrics
        default = round(scale * metrics[".notdef"][0]) if ".notdef" in metrics else 500
        self.cmap: dict[int, str] = font.getBestCmap()
        self.cw: dict[int, float] = defaultdict(lambda: default)
        self.glyph_ids: dict[int, int] = {}
        for cp, glyph in self.cmap.items():
            w = metrics[glyph][0]
            self.cw[cp] = round(scale * (0 if w == 65535 else w) + 0.001)
            self.glyph_ids[cp] = font.getGlyphID(glyph)
        font.close()


def load_font(file: FontFile) -> LoadedFont:
    """Parse ``file`` (once per process) or return the cached result.

    Raises:
        FontNotFoundError: the file does not exist.
        RenderError: the file exists but fpdf2 cannot use it.
    """
    key = (str(file.path), file.index)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None:
            return cached
        loaded = _parse(file)
        _CACHE[key] = loaded
        return loaded


def _parse(file: FontFile) -> LoadedFont:
    global _PARSES
    from fpdf import FPDF
    from fpdf.fonts import TTFFont

    if not file.path.is_file():
        raise FontNotFoundError(f"font file {str(file.path)!r} does not exist")
    try:
        proto = TTFFont(FPDF(), file.path, "proto", "", None, None, None, file.index)
        if proto.color_font is not None:
            raise RenderError(f"font file {str(file.path)!r} is a colour font; use an outline font")
        loaded = LoadedFont(file, proto)
    except RenderError:
        raise
    except Exception as exc:  # fontTools raises many unrelated types for a bad file
        raise RenderError(
            f"cannot use font file {str(file.path)!r} (face {file.index}): {exc}"
        ) from exc
    _PARSES += 1
    return loaded


class FontPlan:
    """The fonts of one document: Latin always, CJK found on first need.

    ``pick`` chooses the font that draws a string and returns its width in 1/1000 em,
    raising :class:`RenderError` for a character no available font covers.
    """

    def __init__(self, fonts: FontSet, *, need_cjk: bool) -> None:
        self._set = fonts
        self.regular = load_font(fonts.regular or BUNDLED_REGULAR)
        self.bold = load_font(fonts.bold or BUNDLED_BOLD)
        self._cjk: tuple[LoadedFont, LoadedFont] | None = None
        if need_cjk:
            self.cjk()

    @property
    def has_cjk(self) -> bool:
        """True once a CJK font was needed and found."""
        return self._cjk is not None

    def cjk(self) -> tuple[LoadedFont, LoadedFont]:
        """The CJK regular and bold fonts (bold falls back to regular); found on first call."""
        if self._cjk is None:
            self._cjk = find_cjk(self._set)
        return self._cjk

    def pick(self, text: str, bold: bool, where: Callable[[], str]) -> tuple[LoadedFont, float]:
        """Return (font, width in 1/1000 em) for ``text``; the CJK font only when needed."""
        latin = self.bold if bold else self.regular
        try:
            return latin, sum(map(latin.adv.__getitem__, text))
        except KeyError:
            pass
        ch = next(c for c in text if c not in latin.adv)
        try:
            pair = self.cjk()
        except FontNotFoundError as exc:
            raise FontNotFoundError(
                f"{where()}: the text {text[:40]!r} needs a CJK font for {ch!r} "
                f"(U+{ord(ch):04X}); {exc}"
            ) from None
        font = pair[1] if bold else pair[0]
        try:
            return font, sum(map(font.adv.__getitem__, text))
        except KeyError:
            missing = next(c for c in text if c not in font.adv)
            raise RenderError(
                f"{where()}: no available font has the character {missing!r} "
                f"(U+{ord(missing):04X}) in {text[:40]!r}; fonts tried: "
                f"{latin.file.path.name}, {font.file.path.name} (face {font.file.index}); "
                "pass a font that covers it in Style(fonts=FontSet(...))"
            ) from None


def find_cjk(fonts: FontSet) -> tuple[LoadedFont, LoadedFont]:
    """The CJK fonts to use: the FontSet's own, else the first usable search-list entry.

    Raises:
        FontNotFoundError: none is given and no entry of ``fonts.cjk_search`` exists,
            with the advice on how to provide one.
    """
    if fonts.cjk_regular is not None:
        if not fonts.cjk_regular.path.is_file():
            raise FontNotFoundError(
                f"the CJK font {str(fonts.cjk_regular.path)!r} given in FontSet.cjk_regular "
                f"does not exist; {_ADVICE}"
            )
        regular = load_font(fonts.cjk_regular)
        bold = load_font(fonts.cjk_bold) if fonts.cjk_bold is not None else regular
        return regular, bold
    refused: list[str] = []
    for pair in fonts.cjk_search:
        if not pair.regular.path.is_file():
            continue
        try:
            regular = load_font(pair.regular)
            if "中" not in regular.adv or "A" not in regular.adv:
                refused.append(f"{pair.regular.path} lacks Chinese or Latin glyphs")
                continue
            bold = regular
            if pair.bold is not None and pair.bold.path.is_file():
                bold = load_font(pair.bold)
            return regular, bold
        except RenderError as exc:
            refused.append(str(exc))
    looked = ", ".join(str(p.regular.path) for p in fonts.cjk_search) or "an empty search list"
    extra = f" (unusable: {'; '.join(refused)})" if refused else ""
    raise FontNotFoundError(
        f"no CJK font found for Chinese text; looked in {looked}{extra}; {_ADVICE}"
    )
