"""Fonts in the PDF: faces read as bytes, subsets made once, page contents written in bulk.

The PDF writer replaces fpdf2's per-document font work (``add_font``, fontTools subsetting
in ``output``) and its per-string ``text()`` calls; these tests hold it to what fpdf2 and
fontTools would produce: the same widths and glyph ids, the same glyphs in the embedded
subset, the same page content.
"""

from __future__ import annotations

import io
import json
import logging
import random
from pathlib import Path
from typing import Any

import pytest
from fontTools import subset as ftsubset  # type: ignore[import-untyped]
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from exportdocs import documents
from exportdocs.render import (
    DEFAULT_CJK_SEARCH,
    Document,
    FontFile,
    FontSet,
    Style,
    Text,
    render_pdf,
)
from exportdocs.render._font_work import TrueTypeGlyphs
from exportdocs.render._fonts import (
    _FACES,
    BUNDLED_BOLD,
    BUNDLED_CJK_BOLD,
    BUNDLED_CJK_REGULAR,
    BUNDLED_REGULAR,
    bundled_faces,
    face_info,
    load_font,
)
from exportdocs.render._pdf_canvas import GRID, INK, MUTED, WHITE, ZEBRA
from exportdocs.render._pdf_file import PdfFile
from exportdocs.render._pdf_write import DocFont, write_pages
from exportdocs.render._sfnt import SfntError, TrueType
from exportdocs.samples import sample_contract
from tests.render.samples import pdf_pages, squash

BUNDLED = [BUNDLED_REGULAR, BUNDLED_BOLD, BUNDLED_CJK_REGULAR, BUNDLED_CJK_BOLD]
#: TrueType fonts of the system, when installed (a collection and a plain file).
SYSTEM = [
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf"),
]
TRUETYPE = [f.path for f in BUNDLED] + [p for p in SYSTEM if p.is_file()]
NOTO_CFF = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def fpdf2_font(path: Path, index: int = 0) -> Any:
    from fpdf import FPDF
    from fpdf.fonts import TTFFont

    return TTFFont(FPDF(), path, "ref", "", None, None, None, index)


def test_shipped_face_table_is_what_fpdf2_computes() -> None:
    """After rebuilding a bundled font, write ``bundled_faces()`` to fonts/faces.json."""
    assert _FACES.read_text("utf-8") == bundled_faces()
    table = json.loads(_FACES.read_text("utf-8"))
    assert sorted(table) == sorted(f.path.name for f in BUNDLED)
    assert _FACES.stat().st_size < 4000


FACES = [*BUNDLED, *(FontFile(p) for p in SYSTEM if p.is_file())]
if NOTO_CFF.is_file():
    FACES.append(FontFile(NOTO_CFF, 2))


@pytest.mark.parametrize("file", FACES, ids=lambda f: f"{f.path.name}#{f.index}")
def test_face_info_is_what_fpdf2_computes(file: FontFile) -> None:
    info, cw = face_info(file)
    ref = fpdf2_font(file.path, file.index)
    desc = ref.desc
    assert info["name"] == ref.name
    assert info["desc"] == {
        "ascent": desc.ascent,
        "descent": desc.descent,
        "cap_height": desc.cap_height,
        "flags": desc.flags.value,
        "font_b_box": desc.font_b_box,
        "italic_angle": desc.italic_angle,
        "stem_v": desc.stem_v,
        "missing_width": desc.missing_width,
    }
    assert (info["cff"], info["cid_keyed"]) == (ref.is_cff, ref.is_cid_keyed)
    assert info["cff_ros"] == (list(ref.cff_ros) if ref.cff_ros else None)
    assert cw == dict(ref.cw)


def test_bundled_faces_load_without_fonttools_parsing_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from exportdocs.render import _fonts

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("fontTools parsed a bundled face")

    monkeypatch.setattr(_fonts, "_CACHE", {})
    monkeypatch.setattr(_fonts, "face_info", refuse)
    for file in BUNDLED:
        font = load_font(file)
        assert isinstance(font.working(set()), TrueTypeGlyphs)
    assert load_font(BUNDLED_CJK_REGULAR).name == "ExportDocsCJKSC"


@pytest.mark.parametrize("path", TRUETYPE, ids=lambda p: p.name)
def test_truetype_tables_read_as_bytes_equal_fpdf2s(path: Path) -> None:
    glyphs = TrueTypeGlyphs(TrueType(path.read_bytes()))
    ref = fpdf2_font(path)
    assert list(glyphs.cmap.items()) == list(ref.glyph_ids.items())
    assert dict(glyphs.cw) == dict(ref.cw)
    assert glyphs.cw[0x10FFFF] == ref.cw[0x10FFFF]  # the default width


def test_cff_and_non_font_files_are_left_to_fonttools(tmp_path: Path) -> None:
    if NOTO_CFF.is_file():
        with pytest.raises(SfntError, match="not a TrueType face"):
            TrueType(NOTO_CFF.read_bytes())
    with pytest.raises(SfntError):
        TrueType(b"not a font at all")
    with pytest.raises(SfntError, match="no face 3"):
        TrueType(b"ttcf\0\1\0\0\0\0\0\1\0\0\0\20", 3)


def fonttools_subset(data: bytes, gids: set[int]) -> tuple[TTFont, dict[int, int]]:
    """The subset fpdf2 makes with fontTools, and the new id of each requested glyph."""
    font = TTFont(io.BytesIO(data), recalcBBoxes=False, recalcTimestamp=False, fontNumber=0)
    order = font.getGlyphOrder()
    options = ftsubset.Options(notdef_outline=True, recommended_glyphs=True)
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "MATH"]
    subsetter = ftsubset.Subsetter(options)
    subsetter.populate(glyphs=[order[g] for g in gids])
    subsetter.subset(font)
    new = {g: font.getGlyphID(order[g]) for g in gids}
    out = io.BytesIO()
    font.save(out)
    return TTFont(io.BytesIO(out.getvalue())), new


def outline(font: TTFont, name: str) -> Any:
    glyph = font["glyf"][name]
    if glyph.isComposite():
        return [
            (font.getGlyphID(c.glyphName), c.x, c.y, c.flags & ~0x200) for c in glyph.components
        ]
    if glyph.numberOfContours == 0:
        return None
    return (
        list(glyph.coordinates),
        list(glyph.endPtsOfContours),
        list(glyph.flags),
        glyph.program.getBytecode(),
    )


@pytest.mark.parametrize("path", TRUETYPE, ids=lambda p: p.name)
def test_subset_has_the_glyphs_ids_and_cmap_of_fonttools_subset(path: Path) -> None:
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    data = path.read_bytes()
    face = TrueType(data)
    rnd = random.Random(path.name)
    chars = rnd.sample(sorted(face.cmap), 120) + [
        ord(c) for c in " AÀÉÇñŁ中文" if ord(c) in face.cmap
    ]
    gids = {face.cmap[cp] for cp in chars}
    ours, new = face.cut(gids)
    mine = TTFont(io.BytesIO(ours), checkChecksums=2)
    for tag in mine.reader.tables:
        mine[tag]  # every table decompiles
    theirs, their_ids = fonttools_subset(data, gids)
    assert {g: new[g] for g in gids} == their_ids
    assert len(mine.getGlyphOrder()) == len(theirs.getGlyphOrder())
    for a, b in zip(mine.getGlyphOrder(), theirs.getGlyphOrder(), strict=True):
        assert outline(mine, a) == outline(theirs, b)
        assert mine["hmtx"][a] == theirs["hmtx"][b]
    ids = {cp: mine.getGlyphID(g) for cp, g in mine.getBestCmap().items()}
    assert ids == {cp: theirs.getGlyphID(g) for cp, g in theirs.getBestCmap().items()}
    assert mine["post"].formatType == 3.0
    assert {n.nameID for n in mine["name"].names} <= set(range(7))
    assert (
        sum(int.from_bytes(ours[i : i + 4], "big") for i in range(0, len(ours), 4)) % (1 << 32)
        == 0xB1B0AFBA
    )


def test_a_subset_is_made_once_per_glyph_set(monkeypatch: pytest.MonkeyPatch) -> None:
    latin = load_font(BUNDLED_REGULAR).working(set())
    assert isinstance(latin, TrueTypeGlyphs)
    cuts: list[frozenset[int]] = []
    cut = latin.font.cut

    def counted(gids: frozenset[int]) -> Any:
        cuts.append(gids)
        return cut(gids)

    monkeypatch.setattr(latin, "_subsets", {})
    monkeypatch.setattr(latin.font, "cut", counted)
    first = render_pdf(Document([Text("subset once, ¡Hola!")]), Style())
    assert len(cuts) == 1
    assert render_pdf(Document([Text("subset once, ¡Hola!")]), Style()) == first
    assert len(cuts) == 1  # the same glyphs: the same subset
    render_pdf(Document([Text("another glyph set ¿Qué?")]), Style())
    assert len(cuts) == 2
    assert render_pdf(Document([Text("subset once, ¡Hola!")]), Style()) == first
    assert len(cuts) == 2


def test_embedded_font_has_the_glyphs_the_page_shows() -> None:
    import pypdf

    data = render_pdf(Document([Text("Łódź × 10 m³ 形式发票")]), Style())
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert "Łódź×10m³形式发票" in squash(reader.pages[0].extract_text())
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        descendant = ref.get_object()["/DescendantFonts"][0].get_object()
        program = descendant["/FontDescriptor"]["/FontFile2"].get_data()
        face = TTFont(io.BytesIO(program))
        assert face["maxp"].numGlyphs < 40
        assert face["head"].checkSumAdjustment


def fpdf2_pages(ops: list[list[Any]], files: list[Path]) -> list[bytes]:
    """The page contents fpdf2's own calls write for ``ops`` (as the PDF backend once drew)."""
    from fpdf import FPDF

    pdf = FPDF(unit="mm")
    pdf.set_auto_page_break(False)
    for n, path in enumerate(files):
        pdf.add_font(f"f{n}", "", path)
    names = {id(load_font(BUNDLED[n])): f"f{n}" for n in range(len(files))}
    for page in ops:
        pdf.add_page()
        font = None
        for op in page:
            if op[0] == "t":
                _, face, size, colour, x, y, text = op
                if font != (face, size):
                    pdf.set_font(names[id(face)], "", size)
                    font = (face, size)
                pdf.set_text_color(*colour)
                pdf.text(x, y, text)
            elif op[0] == "r":
                _, x, y, w, h, fill = op
                pdf.set_fill_color(*fill)
                pdf.rect(x, y, w, h, style="F")
            else:
                _, x1, y1, x2, y2, colour, width = op
                pdf.set_draw_color(*colour)
                pdf.set_line_width(width)
                if op[0] == "l":
                    pdf.line(x1, y1, x2, y2)
                else:
                    pdf.rect(x1, y1, x2, y2, style="D")
    return [bytes(page.contents) for page in pdf.pages.values()]


def test_page_contents_are_what_fpdf2s_calls_write() -> None:
    regular, bold = load_font(BUNDLED_REGULAR), load_font(BUNDLED_BOLD)
    ops: list[list[Any]] = [
        [
            ("t", bold, 13.0, INK, 20.0, 20.0, "PROFORMA (INVOICE) \\ 1/2"),
            ("r", 20.0, 25.0, 170.0, 6.0, ZEBRA),
            ("t", regular, 8.0, WHITE, 21.0, 29.0, "Ship to: Łódź, Poland"),
            ("t", regular, 8.0, MUTED, 21.0, 35.0, "Ship to: Łódź, Poland"),
            ("l", 20.0, 40.0, 190.0, 40.0, GRID, 0.15),
            ("b", 20.0, 42.0, 80.0, 20.0, GRID, 0.25),
            ("t", regular, 7.5 + 1e-12, INK, 21.0, 50.0, "near the same size"),
            ("t", regular, 7.5, INK, 21.0, 52.0, "within fpdf2's tolerance: no new Tf"),
            ("t", bold, 8.0, INK, 21.0, 55.0, "Total: USD 1,234.50"),
        ],
        [
            ("t", bold, 8.0, INK, 21.0, 20.0, "Page 2 (same font as before)"),
            ("l", 20.0, 40.0, 190.0, 40.0, (0, 0, 0), 0.15),
            ("t", regular, 8.0, (0, 0, 0), 21.0, 45.0, "black text on black fill"),
            ("r", 20.0, 50.0, 10.0, 10.0, (0, 0, 0)),
            ("t", regular, 8.0, (0, 0, 0), 21.0, 65.0, "after a black fill"),
        ],
    ]
    pdf = PdfFile(595.28, 841.89)
    fonts = {}
    chars: dict[int, set[str]] = {id(regular): set(), id(bold): set()}
    for page in ops:
        for op in page:
            if op[0] == "t":
                chars[id(op[1])].update(op[6])
    for n, face in enumerate((regular, bold)):
        fonts[id(face)] = DocFont(face, face.working(chars[id(face)]), n + 1)
        pdf.fonts.append(fonts[id(face)])
    write_pages(pdf, [list(page) for page in ops], fonts, 297.0)
    ours = [content.encode("latin-1") for content, _, _ in pdf.pages]
    assert ours == fpdf2_pages(ops, [BUNDLED_REGULAR.path, BUNDLED_BOLD.path])


@pytest.mark.skipif(not NOTO_CFF.is_file(), reason="Noto Sans CJK (CFF) not installed")
def test_a_cff_system_font_still_embeds_and_stays_deterministic() -> None:
    style = Style(language="zh", fonts=FontSet(cjk_search=DEFAULT_CJK_SEARCH))
    pi = documents.proforma_invoice(sample_contract(), language="zh", style=style)
    first = pi.pdf()
    assert first is not None
    assert b"/FontFile3" in first
    assert b"CIDFontType0C" in first
    render_pdf(Document([Text("鑫 新的字符 让工作字体增长")]), style)  # grows the working font
    assert pi.pdf() == first
    assert "形式发票" in squash("".join(pdf_pages(first)))
