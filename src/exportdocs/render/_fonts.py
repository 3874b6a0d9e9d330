"""Font files: finding them, parsing them once per process, and checking coverage.

Parsing a TrueType font (cmap, advance widths, glyph ids) is about a third of the
time of a small fpdf2 document when every document calls ``add_font``. Here each
file is parsed once per process into a :class:`LoadedFont`; every PDF gets a light
copy of fpdf2's ``TTFFont`` that *shares* the read-only tables (cmap, widths,
glyph ids, descriptor) and owns the per-document state (subset map, the fontTools
object that fpdf2 subsets in place when it writes the file).

Font fallback, per character: a :class:`FontPlan` holds two chains, regular and
bold, each a Latin face (DejaVu Sans unless the FontSet gives one) followed by the
CJK face. Every character is drawn with the first face of the chain that has it, so
all Latin text of a document (digits, punctuation, Latin/Greek/Cyrillic letters,
``× ® € ³ °``) is set in the one Latin face, Chinese and full-width forms in the CJK
face, and a Polish or Turkish name (``Łódź``, ``Şişecam``) inside a Chinese document
no longer depends on the CJK face's Latin coverage. A string in the Latin face alone
costs one ``sum`` over its advance widths, as before; a mixed string is measured with
a per-chain width table (each character's advance in the face that draws it, grown
from the CJK face as documents use new characters) and split into runs of one face
with a precompiled regular expression, so no font file is consulted per character.
"""

from __future__ import annotations

import io
import itertools
import re
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
#: The Chinese fonts shipped with exportdocs: ExportDocs CJK SC, a subset of Noto Sans CJK
#: SC 2.004 (GB 2312, CJK punctuation, full-width forms, the library's own labels; no
#: Latin letters), licence in fonts/LICENSE-NotoSansCJK.txt, rebuilt by
#: scripts/build_cjk_font.py. Used when FontSet names no CJK font and its search finds none.
BUNDLED_CJK_REGULAR = FontFile(_HERE / "ExportDocsCJKSC-Regular.ttf")
BUNDLED_CJK_BOLD = FontFile(_HERE / "ExportDocsCJKSC-Bold.ttf")

_ADVICE = (
    "correct the path, or leave FontSet.cjk_regular/cjk_bold unset to use the bundled "
    "ExportDocs CJK SC (Style(fonts=FontSet(cjk_search=DEFAULT_CJK_SEARCH)) looks for "
    "the usual system fonts first)"
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


#: One run of a line: the face that draws it and its characters.
Run = tuple[LoadedFont, str]


class _Chain:
    """A fallback chain of one weight: the Latin face, then the CJK face.

    ``adv`` maps each character the chain has drawn or measured to its advance width
    (1/1000 em) *in the face that draws it*: it starts as the Latin face's table and
    takes a character from the CJK face the first time a string needs it, so measuring
    a mixed string stays one ``sum`` over a dictionary. Chains are shared by every
    document of the process that uses the same two faces.
    """

    __slots__ = ("_other", "adv", "cjk", "latin")

    def __init__(self, latin: LoadedFont, cjk: LoadedFont) -> None:
        self.latin = latin
        self.cjk = cjk
        self.adv: dict[str, float] = dict(latin.adv)
        self._other = _lacking(latin)

    def grow(self, text: str, where: Callable[[], str]) -> None:
        """Add the characters of ``text`` the Latin face lacks, from the CJK face."""
        adv, cjk = self.adv, self.cjk.adv
        for ch in text:
            if ch not in adv:
                width = cjk.get(ch)
                if width is None:
                    raise RenderError(
                        f"{where()}: no available font has the character {ch!r} "
                        f"(U+{ord(ch):04X}) in {text[:40]!r}; fonts tried: "
                        f"{self.latin.file.path.name}, {self.cjk.file.path.name} "
                        f"(face {self.cjk.file.index}); "
                        "pass a font that covers it in Style(fonts=FontSet(...))"
                    )
                adv[ch] = width

    def runs(self, text: str) -> tuple[Run, ...]:
        """``text`` as runs of one face, in order (Latin, CJK, Latin, ...; no empty run)."""
        # split() with a capturing group alternates Latin, CJK, ..., Latin; only the
        # first and the last part can be empty (text starting or ending in CJK).
        parts = self._other.split(text)
        runs = list(zip(itertools.cycle((self.latin, self.cjk)), parts))
        if not parts[-1]:
            del runs[-1]
        if not parts[0]:
            del runs[0]
        return tuple(runs)


_CHAINS: dict[tuple[LoadedFont, LoadedFont], _Chain] = {}


def _lacking(font: LoadedFont) -> re.Pattern[str]:
    """A pattern matching (and capturing) runs of characters ``font`` does not have."""
    points = sorted(ord(ch) for ch in font.adv)
    ranges: list[str] = []
    lo = prev = points[0]
    for cp in [*points[1:], -1]:
        if cp != prev + 1:
            ranges.append(f"\\U{lo:08x}" if lo == prev else f"\\U{lo:08x}-\\U{prev:08x}")
            lo = cp
        prev = cp
    return re.compile(f"([^{''.join(ranges)}]+)")


def _chain(latin: LoadedFont, cjk: LoadedFont) -> _Chain:
    chain = _CHAINS.get((latin, cjk))
    if chain is None:
        with _LOCK:
            chain = _CHAINS.get((latin, cjk))
            if chain is None:
                chain = _CHAINS[(latin, cjk)] = _Chain(latin, cjk)
    return chain


class FontPlan:
    """The fonts of one document: per weight, the chain Latin face → CJK face.

    The Latin faces are loaded at once, the CJK faces on first need. Each character
    is drawn with the first face of its chain that has it. :meth:`measure` gives the
    width of a string in those faces (raising :class:`RenderError` for a character
    no face has), :meth:`adv` the width table to break lines with, and :meth:`runs`
    the string cut into runs of one face for drawing.
    """

    def __init__(self, fonts: FontSet, *, need_cjk: bool) -> None:
        self._set = fonts
        self.regular = load_font(fonts.regular or BUNDLED_REGULAR)
        self.bold = load_font(fonts.bold or BUNDLED_BOLD)
        self._cjk: tuple[LoadedFont, LoadedFont] | None = None
        self._chains: tuple[_Chain, _Chain] | None = None
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
            self._chains = (_chain(self.regular, self._cjk[0]), _chain(self.bold, self._cjk[1]))
        return self._cjk

    def measure(
        self, text: str, bold: bool, where: Callable[[], str]
    ) -> tuple[float, LoadedFont | None]:
        """Width of ``text`` in 1/1000 em, and its Latin face if that face draws all of it.

        ``None`` as the face means the text needs the CJK face (alone or mixed): draw it
        as :meth:`runs`. The CJK face is looked for the first time a text needs it.
        """
        latin = self.bold if bold else self.regular
        try:
            return sum(map(latin.adv.__getitem__, text)), latin
        except KeyError:
            pass
        if self._chains is None:
            ch = next(c for c in text if c not in latin.adv)
            try:
                self.cjk()
            except FontNotFoundError as exc:
                raise FontNotFoundError(
                    f"{where()}: the text {text[:40]!r} needs a CJK font for {ch!r} "
                    f"(U+{ord(ch):04X}); {exc}"
                ) from None
        assert self._chains is not None
        chain = self._chains[bold]
        adv = chain.adv
        try:
            return sum(map(adv.__getitem__, text)), None
        except KeyError:
            chain.grow(text, where)
        return sum(map(adv.__getitem__, text)), None

    def adv(self, bold: bool) -> dict[str, float]:
        """Advance widths (1/1000 em) of every character measured so far, in its face."""
        if self._chains is None:
            return (self.bold if bold else self.regular).adv
        return self._chains[bold].adv

    def runs(self, text: str, bold: bool) -> tuple[Run, ...]:
        """``text`` (already measured) as runs of one face each, in order."""
        if self._chains is None:
            return ((self.bold if bold else self.regular, text),) if text else ()
        return self._chains[bold].runs(text)


def find_cjk(fonts: FontSet) -> tuple[LoadedFont, LoadedFont]:
    """The CJK fonts to use: the FontSet's own, else the first search-list entry found on
    disk, else the bundled ExportDocs CJK SC (``BUNDLED_CJK_REGULAR``/``BUNDLED_CJK_BOLD``).

    Raises:
        FontNotFoundError: a file given in ``fonts.cjk_regular``/``cjk_bold`` does not exist.
        RenderError: a given file cannot be used, or every search-list entry found on disk
            was refused.
    """
    for field, given in (("cjk_regular", fonts.cjk_regular), ("cjk_bold", fonts.cjk_bold)):
        if given is not None and not given.path.is_file():
            raise FontNotFoundError(
                f"the CJK font {str(given.path)!r} given in FontSet.{field} "
                f"does not exist; {_ADVICE}"
            )
    if fonts.cjk_regular is not None:
        regular = load_font(fonts.cjk_regular)
        bold = load_font(fonts.cjk_bold) if fonts.cjk_bold is not None else regular
        return regular, bold
    refused: list[str] = []
    for pair in fonts.cjk_search:
        if not pair.regular.path.is_file():
            continue
        try:
            regular = load_font(pair.regular)
            if "中" not in regular.adv:  # Latin comes from the Latin face
                refused.append(f"{pair.regular.path} has no Chinese glyphs")
                continue
            bold = regular
            if pair.bold is not None and pair.bold.path.is_file():
                bold = load_font(pair.bold)
            return regular, bold
        except RenderError as exc:
            refused.append(str(exc))
    if refused:
        raise RenderError(
            f"no usable CJK font in FontSet.cjk_search ({'; '.join(refused)}); remove these "
            "entries, or pass cjk_search=() to use the bundled ExportDocs CJK SC"
        )
    return load_font(BUNDLED_CJK_REGULAR), load_font(BUNDLED_CJK_BOLD)
