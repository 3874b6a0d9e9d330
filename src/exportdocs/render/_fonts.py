"""Font files: finding them, reading them once per process, and checking coverage.

Each file is read once per process into a :class:`LoadedFont`: its advance widths
(which characters it covers, how wide they are) and what a PDF says about it (name,
descriptor). A TrueType face is read as bytes (only its ``cmap``, ``hmtx`` and ``loca``
tables; the bundled faces' descriptors ship precomputed in ``fonts/faces.json``), and
documents are subset from it directly; other faces (CFF outlines) go through fontTools
and a working font (see ``_font_work``).

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

import itertools
import json
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from exportdocs.exceptions import FontNotFoundError, RenderError
from exportdocs.render._font_work import TrueTypeGlyphs, Work, working_font
from exportdocs.render._sfnt import TrueType
from exportdocs.render._style import FontFile, FontSet

__all__ = ["FontPlan", "LoadedFont", "bundled_faces", "face_info", "load_font", "parse_count"]

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
#: What the PDF says about each bundled face (see ``face_info``),
#: with the size of the file it was computed from.
_FACES = _HERE / "faces.json"


class LoadedFont:
    """A font file read once, shared by every document of the process.

    ``adv`` maps each character the file covers to its advance width in 1/1000 em;
    a character missing from it is not covered. ``name``, ``desc`` (the entries of the
    PDF font descriptor), ``cff_cid`` and ``cff_ros`` are what a PDF says about the face,
    as fpdf2 computes them; for the bundled faces they are read from ``fonts/faces.json``,
    so a first render reads only their ``cmap``, ``hmtx`` and ``loca`` tables.

    :meth:`working` gives the glyph source a document is drawn and subset from: for a
    TrueType face, the file itself, read once; for other faces, a working font (see
    ``_font_work``) that grows with the characters documents use.
    """

    __slots__ = (
        "_glyphs",
        "_seed",
        "_work_chars",
        "adv",
        "cff_cid",
        "cff_ros",
        "desc",
        "family",
        "file",
        "name",
    )

    def __init__(
        self,
        file: FontFile,
        info: dict[str, Any],
        cw: dict[int, float],
        glyphs: TrueTypeGlyphs | None,
    ) -> None:
        self.file = file
        self.name: str = info["name"]
        self.family: str = info["family"]
        self.desc: dict[str, Any] = info["desc"]
        self.cff_cid: bool = bool(info["cff"] and info["cid_keyed"])
        ros = info["cff_ros"]
        self.cff_ros: tuple[str, str, int] | None = (ros[0], ros[1], ros[2]) if ros else None
        self.adv: dict[str, float] = {chr(cp): float(w) for cp, w in cw.items()}
        space = self.adv.get(" ", 300.0)
        # Line breaks and tabs are handled by the layout, never drawn.
        self.adv.setdefault("\t", space)
        self.adv["\n"] = 0.0
        self.adv["\r"] = 0.0
        is_cjk = "中" in self.adv
        self._seed = (_CJK_SEED if is_cjk else _LATIN_SEED) & self.adv.keys()
        self._glyphs: TrueTypeGlyphs | Work | None = glyphs
        self._work_chars: frozenset[str] = frozenset()

    @property
    def grows(self) -> bool:
        """True if documents are drawn from a working font, which must cover their characters."""
        return not isinstance(self._glyphs, TrueTypeGlyphs)

    def working(self, chars: set[str]) -> TrueTypeGlyphs | Work:
        """The glyph source covering ``chars``: the TrueType file, or a working font."""
        glyphs = self._glyphs
        if isinstance(glyphs, TrueTypeGlyphs):
            return glyphs
        if glyphs is None or not chars <= self._work_chars:
            with _LOCK:
                if self._glyphs is None or not chars <= self._work_chars:
                    self._build(
                        frozenset(self._work_chars | self._seed | (chars & self.adv.keys()))
                    )
        assert isinstance(self._glyphs, Work)
        return self._glyphs

    def _build(self, chars: frozenset[str]) -> None:
        global _PARSES
        unicodes = sorted(ord(c) for c in chars if c not in "\t\n\r")
        self._glyphs = working_font(self.file.path, self.file.index, unicodes)
        self._work_chars = chars
        _PARSES += 1


#: Tables of colour or bitmap faces, which exportdocs does not draw.
_COLOUR_TABLES = ("CBDT", "COLR", "SVG ", "sbix")


def face_info(file: FontFile) -> tuple[dict[str, Any], dict[int, float]]:
    """What the PDF says about a face, and its advance widths, read with fontTools.

    The values are those fpdf2 (2.8) computes in its ``TTFFont``: the name (full name
    without spaces and parentheses), the descriptor (ascent, descent and cap height from
    ``hhea``/``OS/2``, bounding box from ``head``, flags, italic angle, stem from the
    weight class, the width of ``.notdef``), whether outlines are (CID-keyed) CFF, and
    each code point's advance in 1/1000 em.

    Raises:
        RenderError: a colour or bitmap-only face.
    """
    import re as regex

    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    tt = TTFont(file.path, recalcTimestamp=False, fontNumber=file.index, lazy=True)
    try:
        glyf = "glyf" in tt
        if any(tag in tt for tag in _COLOUR_TABLES) or ("EBDT" in tt and not glyf):
            raise RenderError(f"font file {str(file.path)!r} is a colour font; use an outline font")
        cff = "CFF " in tt or "CFF2" in tt
        ros = None
        if cff:
            try:
                top = tt["CFF " if "CFF " in tt else "CFF2"].cff.topDictIndex[0]
                found = getattr(top, "ROS", None)
                ros = [str(found[0]), str(found[1]), int(found[2])] if found else None
            except (KeyError, AttributeError, IndexError, TypeError):  # pragma: no cover
                ros = None
        head, hhea, os2, post, hmtx = tt["head"], tt["hhea"], tt["OS/2"], tt["post"], tt["hmtx"]
        scale = 1000 / float(head.unitsPerEm)
        cap = getattr(os2, "sCapHeight", hhea.ascent)
        flags = 4  # symbolic
        if post.isFixedPitch:
            flags |= 1
        if post.italicAngle != 0:
            flags |= 64
        if os2.usWeightClass >= 600:
            flags |= 1 << 18
        notdef = hmtx.metrics.get(".notdef", (head.xMax - head.xMin, 0))  # fpdf2's fallback
        missing = round(scale * notdef[0])
        cw: dict[int, float] = {}
        for cp, glyph in (tt.getBestCmap() or {}).items():
            w = hmtx.metrics[glyph][0]
            cw[cp] = round(scale * (0 if w == 65535 else w) + 0.001)
        info = {
            "name": regex.sub("[ ()]", "", tt["name"].getBestFullName()),
            "family": tt["name"].getBestFamilyName() or file.path.stem,
            "desc": {
                "ascent": round(hhea.ascent * scale),
                "descent": round(hhea.descent * scale),
                "cap_height": round(cap * scale),
                "flags": flags,
                "font_b_box": f"[{head.xMin * scale:.0f} {head.yMin * scale:.0f}"
                f" {head.xMax * scale:.0f} {head.yMax * scale:.0f}]",
                "italic_angle": int(post.italicAngle),
                "stem_v": round(50 + int(pow((os2.usWeightClass / 65), 2))),
                "missing_width": missing,
            },
            "cff": cff,
            "cid_keyed": ros is not None,
            "cff_ros": ros,
        }
    finally:
        tt.close()
    return info, cw


def bundled_faces() -> str:
    """The text of ``fonts/faces.json``: ``face_info`` of each bundled face, and its size.

    Computed from the font files; write it again after rebuilding a font
    (``tests/render/test_pdf_fonts.py`` checks that it is current).
    """
    table = {}
    for file in (BUNDLED_REGULAR, BUNDLED_BOLD, BUNDLED_CJK_REGULAR, BUNDLED_CJK_BOLD):
        info, _ = face_info(file)
        table[file.path.name] = {**info, "size": file.path.stat().st_size}
    return json.dumps(table, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _bundled_info(file: FontFile) -> dict[str, Any] | None:
    """The shipped ``face_info`` of a bundled face, if ``file`` is one and unchanged."""
    global _FACE_TABLE
    if file.path.parent != _HERE or file.index:
        return None
    if _FACE_TABLE is None:
        _FACE_TABLE = json.loads(_FACES.read_text("utf-8"))
    info: dict[str, Any] | None = _FACE_TABLE.get(file.path.name)
    if info is None or info["size"] != file.path.stat().st_size:
        return None
    return info


_FACE_TABLE: dict[str, Any] | None = None


def load_font(file: FontFile) -> LoadedFont:
    """Read ``file`` (once per process) or return the cached result.

    Raises:
        FontNotFoundError: the file does not exist.
        RenderError: the file exists but cannot be used.
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
    if not file.path.is_file():
        raise FontNotFoundError(f"font file {str(file.path)!r} does not exist")
    try:
        try:
            glyphs: TrueTypeGlyphs | None = TrueTypeGlyphs(
                TrueType(file.path.read_bytes(), file.index)
            )
        except Exception:  # not TrueType outlines (SfntError) or not as expected: fontTools
            glyphs = None
        info = _bundled_info(file) if glyphs is not None else None
        if info is None:
            info, cw = face_info(file)
            if glyphs is None:
                loaded = LoadedFont(file, info, cw, None)
        if glyphs is not None:
            loaded = LoadedFont(file, info, glyphs.cw, glyphs)
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
