"""Writing the laid-out pages into an fpdf2 document: content streams in bulk, fonts once.

fpdf2 writes the file structure (pages, resources, images, metadata, cross-reference
table); the page contents and the font objects are written here, as the text fpdf2's own
calls would write:

* every drawing operation of a page (an ``Op`` of ``_pdf_canvas``) becomes the text
  fpdf2's ``text``/``rect``/``line``/``set_*_color`` would write, with the state fpdf2
  keeps (font set on the page, colours, line width) kept here, and a page is handed to
  fpdf2 in one piece instead of one library call per string;
* each face of a document is a :class:`DocFont`: it gives every character it draws a
  two-byte code in order of first use (as fpdf2's ``SubsetMap`` does), and
  :class:`Producer` writes its font objects around a subset made once per glyph set and
  process (``_font_work``) instead of fpdf2 re-subsetting the font with fontTools for
  every document.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from fpdf.output import OutputProducer

from exportdocs.exceptions import RenderError
from exportdocs.render._font_work import TrueTypeGlyphs, Work
from exportdocs.render._fonts import LoadedFont
from exportdocs.render._pdf_canvas import RGB, Op

__all__ = ["DocFont", "Producer", "write_pages"]

#: Character code 32 is fpdf2's reserved code for the space; new codes skip it.
_SPACE = 0x20


def _code(code: int) -> str:
    """A character code as it appears in a PDF string (UTF-16BE bytes, parentheses escaped)."""
    found = _CODES.get(code)
    if found is None:
        from fpdf.util import escape_parens

        found = _CODES[code] = escape_parens(chr(code).encode("utf-16-be").decode("latin-1"))
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


class Producer(OutputProducer):
    """fpdf2's file writer, with the font objects written from subsets made once."""

    def _add_fonts(self, *args: Any) -> dict[int, Any]:
        fonts: dict[str, Any] = self.fpdf.fonts
        return {font.i: _embed(self, font) for font in sorted(fonts.values(), key=lambda f: f.i)}


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


def _embed(producer: Any, font: DocFont) -> Any:
    """Add the PDF objects of ``font`` as fpdf2 2.8 ``_add_fonts`` adds them for a TTFFont."""
    import zlib

    from fpdf.fonts import PDFFontDescriptor
    from fpdf.output import (
        CIDSystemInfo,
        PDFFont,
        PDFFontStream,
        _build_cmap_blocks,
        _cid_font_widths,
    )
    from fpdf.syntax import Name, PDFArray, PDFContentStream, PDFString, Raw

    if not isinstance(font, DocFont):  # pragma: no cover - only DocFonts are registered
        raise RenderError(f"unexpected font object {font!r} in the PDF")
    face = font.font
    add = producer._add_pdf_obj
    fontname = f"MPDFAA+{face.name}"
    glyphs = font.glyphs()
    cff_cid = face.cff_cid
    sub = font.work.subset(frozenset(key for _, key, _, _, _ in glyphs), cff_cid)
    composite = PDFFont(subtype="Type0", base_font=fontname, encoding="Identity-H")
    add(composite, "fonts")
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
    cid_font = PDFFont(
        subtype="CIDFontType0" if cff_cid else "CIDFontType2",
        base_font=fontname,
        d_w=face.desc["missing_width"],
        w=_cid_font_widths(widths),
    )
    add(cid_font, "fonts")
    composite.descendant_fonts = PDFArray([cid_font])
    bfchar = [f"<{code:04X}> <{_unicode_hex(cp)}>\n" for code, _, cp, _, _ in glyphs]
    to_unicode = PDFContentStream(_cmap(_build_cmap_blocks(bfchar, "bfchar")))
    add(to_unicode, "fonts")
    composite.to_unicode = to_unicode
    info = CIDSystemInfo()
    if code_to_cid:
        registry, ordering, supplement = face.cff_ros or ("Adobe", "Identity", 0)
        mapping = [f"<{code:04X}> {cid}\n" for code, cid in sorted(code_to_cid.items())]
        encoding: Any = PDFContentStream(
            _cmap(
                _build_cmap_blocks(mapping, "cidchar"),
                f"{registry}-{ordering}-UCS",
                (registry, ordering, supplement),
            )
        )
        encoding.type = Name("CMap")
        encoding.c_map_name = Name(f"{registry}-{ordering}-UCS")
        encoding.c_i_d_system_info = Raw(
            f"<< /Registry ({registry}) /Ordering ({ordering}) /Supplement {supplement} >>"
        )
        add(encoding, "fonts")
        composite.encoding = encoding
    if cff_cid and face.cff_ros:
        registry, ordering, supplement = face.cff_ros
        info.registry = PDFString(registry, encrypt=True)
        info.ordering = PDFString(ordering, encrypt=True)
        info.supplement = supplement
    add(info, "fonts")
    cid_font.c_i_d_system_info = info
    desc: Any = PDFFontDescriptor(**face.desc)
    desc.font_name = Name(fontname)
    add(desc, "fonts")
    cid_font.font_descriptor = desc
    if not cff_cid:
        # CIDToGIDMap: glyph id (2 bytes) per code; one per code assignment and subset.
        key = tuple((code, sub.gids[glyph]) for code, glyph, _, _, _ in glyphs)
        packed = sub.maps.get(key)
        if packed is None:
            table = bytearray(256 * 256 * 2)
            for code, gid in key:
                table[code * 2] = gid >> 8
                table[code * 2 + 1] = gid & 0xFF
            packed = sub.maps[key] = zlib.compress(bytes(table), -1)
            while len(sub.maps) > 8:
                del sub.maps[next(iter(sub.maps))]
        cid_map = PDFContentStream(b"")
        cid_map.filter = Name("FlateDecode")
        cid_map._contents, cid_map.length = packed, len(packed)
        add(cid_map, "fonts")
        cid_font.c_i_d_to_g_i_d_map = cid_map
    stream: Any = PDFFontStream(b"")
    stream._contents, stream.length, stream.length1 = sub.stream, len(sub.stream), sub.length1
    if cff_cid:
        stream.subtype = Name("CIDFontType0C")
    add(stream, "fonts")
    if cff_cid:
        desc.font_file3 = stream
    else:
        desc.font_file2 = stream
    return composite


class _Colour:
    """An RGB colour as fpdf2 holds it and writes it (fill/text ``rg``, stroke ``RG``).

    ``device`` is fpdf2's colour object, one per value (see :func:`_device`), so the
    writer compares colours by identity where fpdf2 compares them by value.
    """

    __slots__ = ("device", "fill", "stroke")

    def __init__(self, rgb: RGB) -> None:
        from fpdf.drawing_primitives import convert_to_device_color

        self.device = _device(convert_to_device_color(*rgb))
        text = self.device.serialize()
        self.fill = text.lower()
        self.stroke = text.upper()


_COLOURS: dict[RGB, _Colour] = {}
_DEVICES: dict[Any, Any] = {}


def _device(device: Any) -> Any:
    """The one object of fpdf2's colour ``device``'s value (black is fpdf2's default grey)."""
    return _DEVICES.setdefault(device, device)


def _colour(rgb: RGB) -> _Colour:
    found = _COLOURS.get(rgb)
    if found is None:
        found = _COLOURS[rgb] = _Colour(rgb)
    return found


def write_pages(pdf: Any, pages: list[list[Op]], fonts: dict[int, DocFont]) -> None:
    """Add ``pages`` to ``pdf``, each operation written as fpdf2 would write it.

    ``fonts`` maps ``id(LoadedFont)`` to the document's :class:`DocFont`. The state fpdf2
    keeps between calls (font and size set on the page, fill, stroke and text colour, line
    width) is kept here and handed back to ``pdf`` before each new page, so ``add_page``
    writes what it writes after fpdf2's own calls.
    """
    from fpdf.enums import PDFResourceType

    kind = PDFResourceType.FONT
    add = pdf._resource_catalog.add
    k, h = pdf.k, pdf.h
    fill, stroke, ink = _device(pdf.fill_color), _device(pdf.draw_color), _device(pdf.text_color)
    width = pdf.line_width
    font: DocFont | None = None
    size = 0.0
    for ops in pages:
        pdf.fill_color, pdf.draw_color, pdf.text_color = fill, stroke, ink
        pdf.line_width = width
        pdf.add_page()
        page = pdf.page
        on_page = False  # add_page unsets the font on the new page
        used: set[int] = set()  # fonts in the page's resources
        out: list[str] = []
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
                        used.add(doc_font.i)
                        add(kind, doc_font.i, page)
                    on_page = True
                body = f"BT {x * k:.2f} {(h - y) * k:.2f} Td ({doc_font.encode(s)}) Tj ET"
                colour = _colour(rgb)
                ink = colour.device
                out.append(f"q {colour.fill} {body} Q" if fill is not ink else body)
            elif code == "m":
                _, runs, pt, rgb, x, y = op
                colour = _colour(rgb)
                ink = colour.device
                parts = ["q", colour.fill] if fill is not ink else ["q"]
                parts.append(f"BT {x * k:.2f} {(h - y) * k:.2f} Td")
                for face, s in runs:
                    doc_font = fonts[id(face)]
                    if doc_font.i not in used:
                        used.add(doc_font.i)
                        add(kind, doc_font.i, page)
                    parts.append(f"/F{doc_font.i} {pt:.2f} Tf ({doc_font.encode(s)}) Tj")
                parts.append("ET Q")
                out.append(" ".join(parts))
            elif code == "r":
                _, x, y, w, ht, rgb = op
                colour = _colour(rgb)
                if colour.device is not fill:
                    fill = colour.device
                    out.append(colour.fill)
                out.append(f"{x * k:.2f} {(h - y) * k:.2f} {w * k:.2f} {-ht * k:.2f} re f")
            elif code in ("b", "l"):
                colour = _colour(op[5])
                if colour.device is not stroke:
                    stroke = colour.device
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
                if out:
                    pdf._out("\n".join(out))
                    out = []
                _, path, x, y, w, ht = op
                try:
                    pdf.image(path, x, y, w, ht)
                except Exception as exc:  # fpdf2/PIL raise many types for bad images
                    raise RenderError(f"cannot draw image {str(path)!r}: {exc}") from exc
        if out:
            pdf._out("\n".join(out))
    pdf.fill_color, pdf.draw_color, pdf.text_color = fill, stroke, ink
    pdf.line_width = width
