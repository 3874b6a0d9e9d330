"""Writing the laid-out pages: content streams in bulk, fonts once.

``_pdf_file`` writes the file structure (pages, resources, images, metadata,
cross-reference table); the page contents and the font objects are written here:

* every drawing operation of a page (an ``Op`` of ``_pdf_canvas``) becomes PDF content
  text, with the graphics state (font set on the page, colours, line width) kept here;
  the text is what fpdf2's ``text``/``rect``/``line``/``set_*_color`` wrote when
  exportdocs drew with fpdf2, so pages look as they did;
* each face of a document is a :class:`DocFont`: it gives every character it draws a
  two-byte code in order of first use (as fpdf2's ``SubsetMap`` did), and writes its
  font objects (Type0/Identity-H, CIDFontType2 or CIDFontType0C, widths, ToUnicode)
  around a subset made once per glyph set and process (``_font_work``), named with a
  subset tag (``ABCDEF+``) derived from the face and its glyph set (:func:`subset_tag`).
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Hashable

from exportdocs.render._font_work import TrueTypeGlyphs, Work
from exportdocs.render._fonts import LoadedFont
from exportdocs.render._pdf_canvas import RGB, Op
from exportdocs.render._pdf_file import Objects, PdfFile
from exportdocs.render._pdf_image import LEVEL

__all__ = ["DocFont", "write_pages"]

#: Character code 32 is fpdf2's reserved code for the space; new codes skip it.
_SPACE = 0x20


def _code(code: int) -> str:
    """A character code as it appears in a PDF string (UTF-16BE bytes, parentheses escaped)."""
    found = _CODES.get(code)
    if found is None:
        text = chr(code).encode("utf-16-be").decode("latin-1")
        found = _CODES[code] = (
            text.replace("\\", "\\\\").replace(")", "\\)").replace("(", "\\(").replace("\r", "\\r")
        )
    return found


#: ``_code(n)`` for the codes used so far (the first ones are the same in every document).
_CODES: dict[int, str] = {}


class DocFont:
    """A face as one document uses it: its resource number ``i`` and its character codes.

    Codes are given in order of first use, as fpdf2's ``SubsetMap`` gives them: 0 is
    ``.notdef``, 32 the space, the others count from 1 skipping 32. Tabs and line breaks
    (measured by the layout, never drawn) and characters the face has no glyph for are
    dropped, as fpdf2 drops them.
    """

    __slots__ = ("_next", "chars", "codes", "font", "i", "seen", "work")

    def __init__(self, font: LoadedFont, work: TrueTypeGlyphs | Work, i: int) -> None:
        self.font = font
        self.work = work
        self.i = i
        self.codes: dict[int, str] = {_SPACE: _code(_SPACE)}
        self.seen: set[str] = {" "}
        self.chars: list[int] = []  # code points in order of their codes (from 1)
        self._next = 1

    def encode(self, text: str) -> str:
        """``text`` as the bytes of a PDF string in this font (latin-1 characters)."""
        if not self.seen.issuperset(text):
            self._pick(text)
        return text.translate(self.codes)

    def _pick(self, text: str) -> None:
        glyph_ids = self.work.glyph_ids
        for ch in text:
            if ch in self.seen:
                continue
            self.seen.add(ch)
            cp = ord(ch)
            if cp not in glyph_ids or ch in "\t\n\r":
                self.codes[cp] = ""
                continue
            if self._next == _SPACE:
                self._next += 1
            self.codes[cp] = _code(self._next)
            self._next += 1
            self.chars.append(cp)

    def glyphs(self) -> list[tuple[int, Hashable, int, int, int]]:
        """(code, glyph key, code point, width, glyph id) in fpdf2's order: .notdef, space, the rest.

        The key is what the glyph source's ``cmap`` gives: a glyph id or a glyph name.
        """
        work = self.work
        cmap, cw, glyph_ids = work.cmap, work.cw, work.glyph_ids
        first = next(iter(cmap))
        space: tuple[int, Hashable, int, int, int]
        if _SPACE in glyph_ids:
            space = (_SPACE, cmap[_SPACE], _SPACE, int(cw[_SPACE]), glyph_ids[_SPACE])
        else:
            name = cmap[_SPACE] if _SPACE in cmap else next(iter(cmap.values()))
            space = (_SPACE, name, _SPACE, int(cw[_SPACE]), first)
        out: list[tuple[int, Hashable, int, int, int]] = [(0, work.notdef, 0, 0, first), space]
        code = 1
        for cp in self.chars:
            if code == _SPACE:
                code += 1
            out.append((code, cmap[cp], cp, int(cw[cp]), glyph_ids[cp]))
            code += 1
        return out

    def embed(self, objects: Objects) -> int:
        """Write this font's objects; the number of its Type0 font object."""
        return _embed(objects, self)


def _unicode_hex(cp: int) -> str:
    if cp > 0xFFFF:
        return f"{0xD800 | (cp - 0x10000) >> 10:04X}{0xDC00 | (cp & 0x3FF):04X}"
    return f"{cp:04X}"


def _cmap(
    body: str, name: str = "Adobe-Identity-UCS", info: tuple[str, str, int] = ("Adobe", "UCS", 0)
) -> bytes:
    """A CMap stream as fpdf2 writes it: ToUnicode by default, else a CID encoding."""
    registry, ordering, supplement = info
    return (
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo\n"
        f"<</Registry ({registry})\n"
        f"/Ordering ({ordering})\n"
        f"/Supplement {supplement}\n"
        ">> def\n"
        f"/CMapName /{name} def\n"
        "/CMapType 2 def\n"
        "1 begincodespacerange\n"
        "<0000> <FFFF>\n"
        "endcodespacerange\n"
        f"{body}"
        "endcmap\n"
        "CMapName currentdict /CMap defineresource pop\n"
        "end\n"
        "end"
    ).encode("latin-1")


def _cmap_blocks(entries: list[str], operator: str) -> str:
    """CMap mapping blocks of at most 100 entries (Adobe Technical Note #5014)."""
    blocks = []
    for start in range(0, len(entries), 100):
        chunk = entries[start : start + 100]
        blocks.append(f"{len(chunk)} begin{operator}\n{''.join(chunk)}end{operator}\n")
    return "".join(blocks)


def _widths(cid_widths: dict[int, int]) -> str:
    """The ``/W`` array: runs of consecutive CIDs, equal widths as one range."""
    parts: list[str] = []
    run: list[int] = []
    first = -2
    for cid, width in sorted(cid_widths.items()):
        if run and cid == first + len(run):
            run.append(width)
            continue
        if run:
            parts.append(_w_run(first, run))
        first, run = cid, [width]
    if run:
        parts.append(_w_run(first, run))
    return f"[{''.join(parts)}]"


def _w_run(first: int, widths: list[int]) -> str:
    if len(widths) > 1 and len(set(widths)) == 1:
        return f" {first} {first + len(widths) - 1} {widths[0]}"
    return f" {first} [ {' '.join(str(int(w)) for w in widths)} ]\n"


def subset_tag(name: str, keys: frozenset[Hashable]) -> str:
    """The subset tag of the face ``name`` cut down to the glyphs ``keys``: six capitals.

    Derived from the face and its glyph set (ISO 32000-1, 9.6.4), so two different
    subsets, in one file or in two, have different tags (but for a 1 in 26^6 chance), and
    the same subset always the same tag: the same document gives the same bytes.
    """
    seed = "\n".join([name, *sorted(repr(key) for key in keys)]).encode("utf-8")
    number = int.from_bytes(hashlib.sha256(seed).digest()[:8], "big")
    letters = []
    for _ in range(6):
        number, letter = divmod(number, 26)
        letters.append(chr(ord("A") + letter))
    return "".join(letters)


def _embed(objs: Objects, font: DocFont) -> int:
    """Write the objects of ``font``: Type0 (Identity-H), CID font, descriptor, file, maps."""
    face = font.font
    glyphs = font.glyphs()
    cff_cid = face.cff_cid
    keys = frozenset(key for _, key, _, _, _ in glyphs)
    fontname = f"{subset_tag(face.name, keys)}+{face.name}"
    sub = font.work.subset(keys, cff_cid)
    type0_n = objs.reserve()
    code_to_cid: dict[int, int] = {}
    widths = {code: width for code, _, _, width, _ in glyphs}
    if cff_cid:
        cid_widths: dict[int, int] = {}
        for code, key, _, width, gid in glyphs:
            name = str(key)  # a glyph name: CFF fonts come from a working font
            cid = int(name[3:]) if name.startswith("cid") and name[3:].isdigit() else gid
            if cid <= 0xFFFF:
                code_to_cid[code] = cid
                cid_widths[cid] = width
        if cid_widths:
            widths = cid_widths
    bfchar = [f"<{code:04X}> <{_unicode_hex(cp)}>\n" for code, _, cp, _, _ in glyphs]
    to_unicode_n = objs.stream("", _cmap(_cmap_blocks(bfchar, "bfchar")))
    encoding = "/Identity-H"
    if code_to_cid:
        registry, ordering, supplement = face.cff_ros or ("Adobe", "Identity", 0)
        name = f"{registry}-{ordering}-UCS"
        mapping = [f"<{code:04X}> {cid}\n" for code, cid in sorted(code_to_cid.items())]
        body = _cmap(_cmap_blocks(mapping, "cidchar"), name, (registry, ordering, supplement))
        encoding_n = objs.stream(
            f"/Type /CMap /CMapName /{name} /CIDSystemInfo"
            f" << /Registry ({registry}) /Ordering ({ordering}) /Supplement {supplement} >>",
            body,
        )
        encoding = f"{encoding_n} 0 R"
    registry, ordering, supplement = ("Adobe", "UCS", 0)
    if cff_cid and face.cff_ros:
        registry, ordering, supplement = face.cff_ros
    info = f"<< /Registry ({registry}) /Ordering ({ordering}) /Supplement {supplement} >>"
    file_entries = f"/Filter /FlateDecode /Length1 {sub.length1}"
    if cff_cid:
        file_entries += " /Subtype /CIDFontType0C"
    file_n = objs.stream(file_entries, sub.stream)
    d = face.desc
    desc_n = objs.add(
        f"<< /Type /FontDescriptor /FontName /{fontname} /Ascent {d['ascent']}"
        f" /Descent {d['descent']} /CapHeight {d['cap_height']} /Flags {d['flags']}"
        f" /FontBBox {d['font_b_box']} /ItalicAngle {d['italic_angle']} /StemV {d['stem_v']}"
        f" /MissingWidth {d['missing_width']}"
        f" /{'FontFile3' if cff_cid else 'FontFile2'} {file_n} 0 R >>"
    )
    cid_map = ""
    if not cff_cid:
        # CIDToGIDMap: glyph id (2 bytes) per code; one per code assignment and subset.
        key = tuple((code, sub.gids[glyph]) for code, glyph, _, _, _ in glyphs)
        packed = sub.maps.get(key)
        if packed is None:
            table = bytearray(256 * 256 * 2)
            for code, gid in key:
                table[code * 2] = gid >> 8
                table[code * 2 + 1] = gid & 0xFF
            packed = sub.maps[key] = zlib.compress(bytes(table), LEVEL)
            while len(sub.maps) > 8:
                del sub.maps[next(iter(sub.maps))]
        cid_map = f" /CIDToGIDMap {objs.stream('/Filter /FlateDecode', packed)} 0 R"
    cid_n = objs.add(
        f"<< /Type /Font /Subtype /{'CIDFontType0' if cff_cid else 'CIDFontType2'}"
        f" /BaseFont /{fontname} /CIDSystemInfo {info} /FontDescriptor {desc_n} 0 R"
        f" /DW {d['missing_width']} /W {_widths(widths)}{cid_map} >>"
    )
    return objs.put(
        type0_n,
        f"<< /Type /Font /Subtype /Type0 /BaseFont /{fontname} /Encoding {encoding}"
        f" /DescendantFonts [{cid_n} 0 R] /ToUnicode {to_unicode_n} 0 R >>",
    )


def _number(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


class _Colour:
    """An RGB colour as PDF operators: fill/text ``rg``, stroke ``RG`` (black as grey 0).

    One object per value (see :func:`_colour`), so the writer compares colours by
    identity.
    """

    __slots__ = ("fill", "stroke")

    def __init__(self, rgb: RGB) -> None:
        text = "0 g" if tuple(rgb) == (0, 0, 0) else " ".join(_number(c / 255) for c in rgb) + " rg"
        self.fill = text.lower()
        self.stroke = text.upper()


_COLOURS: dict[RGB, _Colour] = {}


def _colour(rgb: RGB) -> _Colour:
    found = _COLOURS.get(rgb)
    if found is None:
        found = _COLOURS[rgb] = _Colour(rgb)
    return found


_BLACK = (0, 0, 0)
#: PDF points per millimetre.
_K = 72 / 25.4


def write_pages(pdf: PdfFile, pages: list[list[Op]], fonts: dict[int, DocFont], h: float) -> None:
    """Add ``pages`` (``h`` mm high) to ``pdf``, each operation written as content text.

    ``fonts`` maps ``id(LoadedFont)`` to the document's :class:`DocFont`. The graphics
    state (font and size set on the page, fill, stroke and text colour, line width) is
    carried from page to page: each page opens by setting the line cap, the line width
    and the colours that are not black.
    """
    k = _K
    black = _colour(_BLACK)
    fill, stroke, ink = black, black, black
    width = 0.567 / k
    font: DocFont | None = None
    size = 0.0
    for ops in pages:
        out: list[str] = ["2 J", f"{width * k:.2f} w"]
        if stroke is not black:
            out.append(stroke.stroke)
        if fill is not black:
            out.append(fill.fill)
        on_page = False  # a new page has no font set
        used: list[int] = []  # fonts in the page's resources
        images: list[int] = []
        for op in ops:
            code = op[0]
            if code == "t":
                _, face, pt, rgb, x, y, s = op
                doc_font = fonts[id(face)]
                if doc_font is not font or abs(pt - size) > 1e-9:
                    font, size, on_page = doc_font, pt, False
                if not on_page:
                    out.append(f"BT /F{doc_font.i} {size:.2f} Tf ET")
                    if doc_font.i not in used:
                        used.append(doc_font.i)
                    on_page = True
                body = f"BT {x * k:.2f} {(h - y) * k:.2f} Td ({doc_font.encode(s)}) Tj ET"
                ink = _colour(rgb)
                out.append(f"q {ink.fill} {body} Q" if fill is not ink else body)
            elif code == "m":
                _, runs, pt, rgb, x, y = op
                ink = _colour(rgb)
                parts = ["q", ink.fill] if fill is not ink else ["q"]
                parts.append(f"BT {x * k:.2f} {(h - y) * k:.2f} Td")
                for face, s in runs:
                    doc_font = fonts[id(face)]
                    if doc_font.i not in used:
                        used.append(doc_font.i)
                    parts.append(f"/F{doc_font.i} {pt:.2f} Tf ({doc_font.encode(s)}) Tj")
                parts.append("ET Q")
                out.append(" ".join(parts))
            elif code == "r":
                _, x, y, w, ht, rgb = op
                colour = _colour(rgb)
                if colour is not fill:
                    fill = colour
                    out.append(colour.fill)
                out.append(f"{x * k:.2f} {(h - y) * k:.2f} {w * k:.2f} {-ht * k:.2f} re f")
            elif code in ("b", "l"):
                colour = _colour(op[5])
                if colour is not stroke:
                    stroke = colour
                    out.append(colour.stroke)
                if op[6] != width:
                    width = op[6]
                    out.append(f"{width * k:.2f} w")
                _, x1, y1, a, b = op[:5]
                if code == "l":
                    out.append(
                        f"{x1 * k:.2f} {(h - y1) * k:.2f} m {a * k:.2f} {(h - b) * k:.2f} l S"
                    )
                else:
                    out.append(f"{x1 * k:.2f} {(h - y1) * k:.2f} {a * k:.2f} {-b * k:.2f} re S")
            elif code == "i":
                _, path, x, y, w, ht = op
                n = pdf.image(path)
                if n not in images:
                    images.append(n)
                out.append(
                    f"q {w * k:.2f} 0 0 {ht * k:.2f} {x * k:.2f} {(h - ht - y) * k:.2f} cm"
                    f" /I{n} Do Q"
                )
        out.append("")  # a content stream ends with a line break
        pdf.pages.append(("\n".join(out), sorted(used), sorted(images)))
