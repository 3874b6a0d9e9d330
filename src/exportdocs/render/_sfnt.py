"""TrueType font files read as bytes: character map, advance widths, and subsets.

A PDF embeds only the glyphs a document draws. fontTools makes such a subset by
decompiling the tables of the whole font (every glyph name, every outline), tens of
milliseconds per document and face; a face the document uses a few dozen glyphs of
needs none of that. :class:`TrueType` reads the table directory, ``cmap``, ``hmtx`` and
``loca`` of one face once, and :meth:`TrueType.cut` writes a subset by copying the
kept glyphs' bytes: the glyphs fontTools would keep (0-3, the requested ones and the
components of composite glyphs), with the glyph ids fontTools would give them (their
order in the font), and the tables a PDF viewer reads (``head hhea maxp hmtx loca
glyf cmap post name OS/2`` and the hinting tables ``cvt fpgm prep gasp``).

Only outline fonts with ``glyf`` outlines and a Unicode ``cmap`` of format 4 or 12
are read here; :class:`SfntError` sends anything else (CFF outlines, variable fonts,
symbol fonts) to fontTools.
"""

from __future__ import annotations

import functools
import struct
import sys
from array import array
from collections.abc import Iterable

__all__ = ["SfntError", "TrueType"]

#: The order in which fontTools' ``getBestCmap`` looks for a Unicode subtable.
_BEST = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))
#: The tables copied into a subset as they are (the rest are rebuilt or dropped).
_COPIED = ("OS/2", "cvt ", "fpgm", "gasp", "prep")
#: Composite glyph flags.
_WORDS, _SCALE, _MORE, _XY_SCALE, _TWO_BY_TWO = 0x1, 0x8, 0x20, 0x40, 0x80


class SfntError(ValueError):
    """The file is not a TrueType face this module reads (fontTools reads it instead)."""


def _u16(data: bytes | bytearray, at: int) -> int:
    return int.from_bytes(data[at : at + 2], "big")


def _u32(data: bytes, at: int) -> int:
    return int.from_bytes(data[at : at + 4], "big")


def _array(code: str, data: bytes) -> array[int]:
    out = array(code, data)
    if sys.byteorder == "little":
        out.byteswap()
    return out


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return sum(_array("I", padded)) & 0xFFFFFFFF


class TrueType:
    """One face of a TrueType font file or collection, its tables kept as bytes.

    ``cmap`` maps each code point to its glyph id (what fontTools' ``getBestCmap``
    gives, as ids), ``advances`` holds each glyph's advance width in font units.

    Raises:
        SfntError: not a face with ``glyf`` outlines and a format 4 or 12 Unicode cmap.
    """

    def __init__(self, data: bytes, index: int = 0) -> None:
        start = 0
        if data[:4] == b"ttcf":
            if index >= _u32(data, 8):
                raise SfntError(f"the collection has no face {index}")
            start = _u32(data, 12 + 4 * index)
        if data[start : start + 4] not in (b"\0\1\0\0", b"true"):
            raise SfntError("not a TrueType face (CFF outlines or another format)")
        self.data = data
        self.tables: dict[str, tuple[int, int]] = {}
        for i in range(_u16(data, start + 4)):
            rec = start + 12 + 16 * i
            tag = data[rec : rec + 4].decode("latin-1")
            self.tables[tag] = (_u32(data, rec + 8), _u32(data, rec + 12))
        missing = {"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp"} - self.tables.keys()
        if missing:
            raise SfntError(f"no {', '.join(sorted(missing))} table")
        if "fvar" in self.tables or "gvar" in self.tables:
            raise SfntError("a variable font")
        head = self.table("head")
        self.units_per_em = _u16(head, 18)
        count = _u16(self.table("maxp"), 4)
        self.num_glyphs = count
        loca = self.table("loca")
        if struct.unpack(">h", head[50:52])[0]:
            self.loca = _array("I", loca[: 4 * (count + 1)])
        else:
            self.loca = array("I", (2 * o for o in _array("H", loca[: 2 * (count + 1)])))
        metrics = _u16(self.table("hhea"), 34)
        hmtx = self.table("hmtx")
        self._hmtx = hmtx
        self._metrics = metrics
        self.advances = _array("H", hmtx[: 4 * metrics])[::2]
        if count > metrics:
            self.advances.extend([self.advances[-1]] * (count - metrics))
        self.cmap = self._best_cmap()

    def table(self, tag: str) -> bytes:
        offset, length = self.tables[tag]
        return self.data[offset : offset + length]

    def _best_cmap(self) -> dict[int, int]:
        cmap = self.table("cmap")
        found: dict[tuple[int, int], int] = {}
        for i in range(_u16(cmap, 2)):
            rec = 4 + 8 * i
            found.setdefault((_u16(cmap, rec), _u16(cmap, rec + 2)), _u32(cmap, rec + 4))
        for key in _BEST:
            if key in found:
                at = found[key]
                fmt = _u16(cmap, at)
                if fmt == 4:
                    return _format4(cmap[at : at + _u16(cmap, at + 2)])
                if fmt == 12:
                    return _format12(cmap[at : at + _u32(cmap, at + 4)])
                raise SfntError(f"a cmap subtable of format {fmt}")
        raise SfntError("no Unicode cmap (a symbol font)")

    @functools.cached_property
    def _code_points(self) -> dict[int, list[int]]:
        """The code points of each glyph the cmap maps to."""
        out: dict[int, list[int]] = {}
        for cp, gid in self.cmap.items():
            out.setdefault(gid, []).append(cp)
        return out

    def _glyph(self, gid: int) -> bytes:
        return self.data[self._glyf + self.loca[gid] : self._glyf + self.loca[gid + 1]]

    @property
    def _glyf(self) -> int:
        return self.tables["glyf"][0]

    def cut(self, gids: Iterable[int]) -> tuple[bytes, dict[int, int]]:
        """A font file with the glyphs ``gids`` (and what fontTools adds), and the new ids.

        The new ids follow the order of the glyphs in this font, as fontTools' subsetter
        numbers them; the ``cmap`` maps every code point of this font whose glyph was
        asked for (not those only kept as components or as glyphs 0-3), as fontTools'.
        """
        asked = {g for g in gids if 0 <= g < self.num_glyphs}
        keep = asked | set(range(min(4, self.num_glyphs)))
        todo = list(keep)
        while todo:  # the components of composite glyphs, and theirs
            for component in _components(self._glyph(todo.pop())):
                if component not in keep and component < self.num_glyphs:
                    keep.add(component)
                    todo.append(component)
        order = sorted(keep)
        new = {old: i for i, old in enumerate(order)}
        glyf = bytearray()
        loca = array("I")
        hmtx = bytearray()
        for old in order:
            loca.append(len(glyf))
            glyph = self._glyph(old)
            if glyph[:2] == b"\xff\xff":  # numberOfContours -1: composite
                glyph = _renumbered(glyph, new)
            glyf += glyph
            glyf += b"\0" * (-len(glyph) % 4)
            if old < self._metrics:
                hmtx += self._hmtx[4 * old : 4 * old + 4]
            else:
                lsb = 4 * self._metrics + 2 * (old - self._metrics)
                hmtx += struct.pack(">H", self.advances[old]) + self._hmtx[lsb : lsb + 2]
        loca.append(len(glyf))
        if sys.byteorder == "little":
            loca.byteswap()
        count = len(order)
        head = bytearray(self.table("head"))
        head[8:12] = b"\0\0\0\0"  # checkSumAdjustment, set below
        head[50:52] = b"\0\1"  # long loca offsets
        hhea = bytearray(self.table("hhea"))
        hhea[34:36] = struct.pack(">H", count)
        maxp = bytearray(self.table("maxp"))
        maxp[4:6] = struct.pack(">H", count)
        post = bytearray(self.table("post")[:32]) if "post" in self.tables else bytearray(32)
        post[0:4] = b"\0\3\0\0"  # format 3: no glyph names
        tables = {
            "cmap": _cmap({cp: new[g] for g in asked for cp in self._code_points.get(g, ())}),
            "glyf": bytes(glyf),
            "head": bytes(head),
            "hhea": bytes(hhea),
            "hmtx": bytes(hmtx),
            "loca": loca.tobytes(),
            "maxp": bytes(maxp),
            "post": bytes(post),
        }
        if "name" in self.tables:
            tables["name"] = _names(self.table("name"))
        for tag in _COPIED:
            if tag in self.tables:
                tables[tag] = self.table(tag)
        return _sfnt(tables), new


def _format4(sub: bytes) -> dict[int, int]:
    """A format 4 cmap subtable as fontTools decompiles it (later segments win, no gid 0)."""
    segs = _u16(sub, 6) // 2
    codes = _array("H", sub[14 : len(sub) - len(sub) % 2])
    ends = codes[:segs]
    starts = codes[segs + 1 : 2 * segs + 1]
    deltas = codes[2 * segs + 1 : 3 * segs + 1]
    offsets = codes[3 * segs + 1 : 4 * segs + 1]
    glyphs = codes[4 * segs + 1 :]
    out: dict[int, int] = {}
    for i in range(segs - 1):  # not the final 0xFFFF segment
        start, delta, offset = starts[i], deltas[i], offsets[i]
        for cp in range(start, ends[i] + 1):
            if offset == 0:
                gid = (cp + delta) & 0xFFFF
            else:
                index = offset // 2 - start + i - segs + cp
                if not 0 <= index < len(glyphs):
                    raise SfntError("a cmap format 4 glyph index out of range")
                gid = (glyphs[index] + delta) & 0xFFFF if glyphs[index] else 0
            if gid:
                out[cp] = gid
    return out


def _format12(sub: bytes) -> dict[int, int]:
    """A format 12 cmap subtable as fontTools decompiles it."""
    groups = _array("I", sub[16 : 16 + 12 * _u32(sub, 12)])
    out: dict[int, int] = {}
    last = 0
    for i in range(0, len(groups), 3):
        start, end, gid = groups[i], min(groups[i + 1], 0x10FFFF), groups[i + 2]
        if start > end or start < last:
            continue
        last = end
        if gid == 0:
            start, gid = start + 1, 1
        for cp in range(start, end + 1):
            out[cp] = gid + cp - start
    return out


def _components(glyph: bytes) -> list[int]:
    """The glyph ids a composite glyph refers to (none for a simple or empty glyph)."""
    if glyph[:2] != b"\xff\xff":
        return []
    out = []
    at = 10
    while True:
        flags = _u16(glyph, at)
        out.append(_u16(glyph, at + 2))
        at += _component_size(flags)
        if not flags & _MORE:
            return out


def _component_size(flags: int) -> int:
    size = 4 + (4 if flags & _WORDS else 2)
    if flags & _SCALE:
        size += 2
    elif flags & _XY_SCALE:
        size += 4
    elif flags & _TWO_BY_TWO:
        size += 8
    return size


def _renumbered(glyph: bytes, new: dict[int, int]) -> bytes:
    out = bytearray(glyph)
    at = 10
    while True:
        flags = _u16(out, at)
        out[at + 2 : at + 4] = struct.pack(">H", new.get(_u16(out, at + 2), 0))
        at += _component_size(flags)
        if not flags & _MORE:
            return bytes(out)


def _cmap(mapping: dict[int, int]) -> bytes:
    """A cmap table: a (3, 1) format 4 subtable, and (3, 10) format 12 beyond the BMP."""
    bmp = sorted((cp, gid) for cp, gid in mapping.items() if cp < 0xFFFF)
    segments: list[list[int]] = []  # [start, end, delta]
    for cp, gid in bmp:
        delta = (gid - cp) & 0xFFFF
        if segments and segments[-1][1] == cp - 1 and segments[-1][2] == delta:
            segments[-1][1] = cp
        else:
            segments.append([cp, cp, delta])
    segments.append([0xFFFF, 0xFFFF, 1])
    n = len(segments)
    power = 1 << (n.bit_length() - 1)
    body = struct.pack(">4H", 2 * n, 2 * power, power.bit_length() - 1, 2 * n - 2 * power)
    body += struct.pack(f">{n}H", *(s[1] for s in segments)) + b"\0\0"
    body += struct.pack(f">{n}H", *(s[0] for s in segments))
    body += struct.pack(f">{n}H", *(s[2] for s in segments))
    body += b"\0\0" * n  # idRangeOffset: none
    format4 = struct.pack(">3H", 4, 6 + len(body), 0) + body
    wide = sorted((cp, gid) for cp, gid in mapping.items() if cp > 0xFFFF)
    subtables = [(1, format4)]
    if wide:
        groups = sorted(mapping.items())
        packed = b"".join(struct.pack(">3I", cp, cp, gid) for cp, gid in groups)
        subtables.append(
            (10, struct.pack(">2H3I", 12, 0, 16 + len(packed), 0, len(groups)) + packed)
        )
    out = struct.pack(">2H", 0, len(subtables))
    offset = 4 + 8 * len(subtables)
    for encoding, data in subtables:
        out += struct.pack(">2HI", 3, encoding, offset)
        offset += len(data)
    return out + b"".join(data for _, data in subtables)


def _names(table: bytes) -> bytes:
    """The name table with what fontTools' subsetter keeps by default: Windows Unicode
    English records of names 0-6 (copyright, family, style, id, full name, version,
    PostScript name)."""
    count, strings = _u16(table, 2), _u16(table, 4)
    records = []
    for i in range(count):
        rec = 6 + 12 * i
        platform, encoding, language, name_id, length, offset = struct.unpack(
            ">6H", table[rec : rec + 12]
        )
        if name_id <= 6 and platform == 3 and encoding in (0, 1, 10) and language == 0x409:
            text = table[strings + offset : strings + offset + length]
            records.append((platform, encoding, language, name_id, text))
    head = struct.pack(">3H", 0, len(records), 6 + 12 * len(records))
    store = bytearray()
    for platform, encoding, language, name_id, text in records:
        head += struct.pack(">6H", platform, encoding, language, name_id, len(text), len(store))
        store += text
    return head + bytes(store)


def _sfnt(tables: dict[str, bytes]) -> bytes:
    """A TrueType file of ``tables``: sorted directory, 4-byte aligned, checksums set."""
    tags = sorted(tables)
    n = len(tags)
    power = 1 << (n.bit_length() - 1)
    out = bytearray(
        struct.pack(">I4H", 0x00010000, n, 16 * power, power.bit_length() - 1, 16 * (n - power))
    )
    offset = 12 + 16 * n
    body = bytearray()
    for tag in tags:
        data = tables[tag]
        out += tag.encode("latin-1") + struct.pack(
            ">3I", _checksum(data), offset + len(body), len(data)
        )
        body += data + b"\0" * (-len(data) % 4)
    out += body
    head = offset + sum(len(tables[t]) + (-len(tables[t]) % 4) for t in tags[: tags.index("head")])
    out[head + 8 : head + 12] = struct.pack(">I", (0xB1B0AFBA - _checksum(bytes(out))) & 0xFFFFFFFF)
    return bytes(out)
