"""Where the glyphs of a PDF come from: a face's glyph tables and its subsets, made once.

A PDF embeds each face cut to the glyphs the document draws. The cut is made once per
glyph set and process and kept (the same company's documents, the same document again,
share it), by one of two sources:

* :class:`TrueTypeGlyphs`, for TrueType outline fonts (the bundled DejaVu Sans and
  ExportDocs CJK SC, most system fonts): the file is read once as bytes
  (``_sfnt.TrueType``) and a subset is the kept glyphs' bytes copied into a new file,
  about a millisecond, with no fontTools object;
* :class:`Work`, for everything else (CFF outlines as in Noto Sans CJK's ``.ttc``,
  variable and symbol fonts): a *working font*, a fontTools subset of the file holding a
  seed range plus every character documents have used so far, made when a document
  brings a new character, and cut again by fontTools with fpdf2's own options. Cutting
  the working font rather than the whole file spares decompiling thousands of glyphs
  the documents never use.

Both give what a document's font reads: ``cmap`` (code point to glyph key: a glyph id
or a glyph name), ``glyph_ids``, ``cw`` (advance widths in 1/1000 em, as fpdf2 rounds
them), ``notdef`` (the key of glyph 0) and :meth:`subset`.
"""

from __future__ import annotations

import io
import threading
import zlib
from collections import defaultdict
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from exportdocs.render._sfnt import TrueType

__all__ = ["Subset", "TrueTypeGlyphs", "Work", "working_font"]

_LOCK = threading.Lock()

#: Tables the working font drops (layout and metrics a PDF never reads).
_DROP = ["FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta", "kern", "VORG", "vhea", "vmtx"]
#: The tables fpdf2 drops from the font files it embeds.
_FPDF_DROP = [
    *("FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta", "sbix", "CBDT", "CBLC"),
    *("EBDT", "EBLC", "EBSC", "SVG ", "CPAL", "COLR"),
]


class Subset:
    """A font file to embed: a face cut to one set of glyphs.

    ``stream`` is the file (or, for a CID-keyed CFF font, its CFF table) zlib-compressed
    as a PDF stream, ``length1`` its size before compression, ``gids`` the new glyph id
    of each glyph key. ``maps`` is for the PDF writer to keep what it derives from the
    subset (the compressed CIDToGIDMap per code assignment).
    """

    __slots__ = ("gids", "length1", "maps", "stream")

    def __init__(self, data: bytes, gids: dict[Any, int]) -> None:
        self.stream = zlib.compress(data, -1)
        self.length1 = len(data)
        self.gids = gids
        self.maps: dict[tuple[tuple[int, int], ...], bytes] = {}


class _Glyphs:
    """The glyph tables of a face and the subsets cut from it so far (the oldest dropped)."""

    #: Subsets kept per source.
    KEEP = 48

    cmap: dict[int, Any]
    glyph_ids: dict[int, int]
    cw: dict[int, float]
    notdef: Hashable

    def __init__(self) -> None:
        self._subsets: dict[frozenset[Any], Subset] = {}

    def subset(self, keys: frozenset[Any], cff_cid: bool) -> Subset:
        """The face cut to the glyphs ``keys`` (values of ``cmap``), made once per set."""
        found = self._subsets.get(keys)
        if found is None:
            with _LOCK:
                found = self._subsets.get(keys)
                if found is None:
                    found = self._subsets[keys] = self._cut(keys, cff_cid)
                    while len(self._subsets) > self.KEEP:
                        del self._subsets[next(iter(self._subsets))]
        return found

    def _cut(self, keys: frozenset[Any], cff_cid: bool) -> Subset:  # pragma: no cover
        raise NotImplementedError


def _widths(scale: float, default: int, pairs: Any) -> dict[int, float]:
    """fpdf2's width table: advance in 1/1000 em per code point, ``default`` for the rest."""
    cw: dict[int, float] = defaultdict(lambda: default)
    for cp, w in pairs:
        cw[cp] = round(scale * (0 if w == 65535 else w) + 0.001)
    return cw


class TrueTypeGlyphs(_Glyphs):
    """A TrueType face read once: glyph keys are glyph ids of the file."""

    def __init__(self, font: TrueType) -> None:
        super().__init__()
        self.font = font
        scale = 1000 / font.units_per_em
        advances = font.advances
        self.cmap: dict[int, int] = font.cmap
        self.glyph_ids = font.cmap
        self.cw = _widths(
            scale, round(scale * advances[0]), ((cp, advances[g]) for cp, g in font.cmap.items())
        )
        self.notdef = 0

    def _cut(self, keys: frozenset[Any], cff_cid: bool) -> Subset:
        data, gids = self.font.cut(keys)
        return Subset(data, gids)


class Work(_Glyphs):
    """A working font (fontTools subset of a file): glyph keys are glyph names."""

    def __init__(self, data: bytes) -> None:
        from fontTools import ttLib  # type: ignore[import-untyped]

        super().__init__()
        font = ttLib.TTFont(io.BytesIO(data), recalcTimestamp=False, lazy=True)
        scale = 1000 / float(font["head"].unitsPerEm)
        metrics = font["hmtx"].metrics
        default = round(scale * metrics[".notdef"][0]) if ".notdef" in metrics else 500
        self.data = data
        self.cmap: dict[int, str] = font.getBestCmap()
        self.cw = _widths(scale, default, ((cp, metrics[g][0]) for cp, g in self.cmap.items()))
        self.glyph_ids = {cp: font.getGlyphID(glyph) for cp, glyph in self.cmap.items()}
        self.notdef = ".notdef"
        font.close()

    def _cut(self, keys: frozenset[Any], cff_cid: bool) -> Subset:
        from fontTools import subset as ftsubset
        from fontTools import ttLib

        # As fpdf.output.OutputProducer._add_fonts does (fpdf2 2.8): the same options,
        # tables and calls, so the embedded file is the one fpdf2 would write.
        font = ttLib.TTFont(
            io.BytesIO(self.data), recalcTimestamp=False, recalcBBoxes=False, lazy=True
        )
        options = ftsubset.Options(notdef_outline=True, recommended_glyphs=True)
        options.drop_tables += _FPDF_DROP
        subsetter = ftsubset.Subsetter(options)
        subsetter.populate(glyphs=sorted(keys))
        subsetter.subset(font)
        gids = {name: font.getGlyphID(name) for name in keys}
        out = io.BytesIO()
        font.save(out)
        data = out.getvalue()
        if cff_cid and "CFF " in font:
            data = font["CFF "].compile(font)
        font.close()
        return Subset(data, gids)


def working_font(path: Path, index: int, unicodes: list[int]) -> Work:
    """A working font: the face ``index`` of ``path`` cut by fontTools to ``unicodes``."""
    from fontTools import subset as ftsubset
    from fontTools import ttLib

    # Subsetting keeps every glyph's outline, so the bounding boxes stay valid:
    # not recomputing them spares decompiling and recompiling every glyph (4x faster).
    font = ttLib.TTFont(
        path, recalcTimestamp=False, recalcBBoxes=False, lazy=True, fontNumber=index
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
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    font.close()
    return Work(out.getvalue())
