"""Per-character font fallback: Latin face → CJK face, in the PDF and in the DOCX.

A Chinese or bilingual document for a Polish or Turkish buyer needs letters the CJK
face lacks (``Ł ń Ş ğ İ``); every Latin character must come from the one Latin face
(DejaVu Sans) and only what it lacks from the CJK face. Checked with the default CJK
face and with a CJK face that has Latin glyphs of its own (as Noto Sans CJK has), which
must not be used for Latin: the test builds that face from the bundled one, so it needs
no system font.
"""

from __future__ import annotations

import functools
import io
import re
import shutil
import string
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont

from exportdocs import ShippingMarks, documents
from exportdocs.exceptions import RenderError
from exportdocs.render import (
    Column,
    Document,
    FontFile,
    FontSet,
    ItemTable,
    Style,
    Text,
    render_docx,
    render_pdf,
)
from exportdocs.render._docx import CJK_FONT, CJK_LANG, LATIN_FONT, LATIN_LANG
from exportdocs.render._fonts import (
    BUNDLED_BOLD,
    BUNDLED_CJK_BOLD,
    BUNDLED_CJK_REGULAR,
    BUNDLED_REGULAR,
    FontPlan,
    load_font,
)
from exportdocs.render._layout import located
from exportdocs.render._pdf_canvas import Canvas
from exportdocs.samples import sample_buyer, sample_contract
from tests.render.samples import pdf_pages, squash


@functools.cache
def cjk_with_latin() -> FontSet:
    """The bundled CJK faces with ASCII letters and digits mapped to one of their glyphs.

    A CJK face that covers Latin too (Noto Sans CJK, WenQuanYi do), with widths unlike
    DejaVu's: if the chain ever set Latin text in it, the tests below would see it.
    """
    out = Path(tempfile.mkdtemp(prefix="exportdocs-cjk-latin-"))
    files = []
    for bundled in (BUNDLED_CJK_REGULAR, BUNDLED_CJK_BOLD):
        font = TTFont(bundled.path)
        glyph = font.getBestCmap()[ord("口")]
        for table in font["cmap"].tables:
            if table.isUnicode():
                for char in string.ascii_letters + string.digits + ".:-":
                    table.cmap.setdefault(ord(char), glyph)
        path = out / bundled.path.name
        font.save(path)
        files.append(FontFile(path))
    return FontSet(cjk_regular=files[0], cjk_bold=files[1])


#: The CJK faces the documents are rendered with: the default (the bundled face, which
#: has no Latin glyphs) and one that has Latin glyphs too.
FACES = [
    pytest.param("default", id="default-cjk"),
    pytest.param("with-latin", id="cjk-with-latin"),
]


def faces(name: str) -> FontSet | None:
    return cjk_with_latin() if name == "with-latin" else None


POLISH = ("Łódź Textile Sp. z o.o.", "ul. Piotrkowska 12", "90-406 Łódź", "GDAŃSK")
TURKISH = ("Şişecam Dış Ticaret A.Ş.", "İçmeler Mah. D-100 Karayolu Cad. No:44A", "İSTANBUL")


def polish_contract() -> Any:
    buyer = attrs.evolve(
        sample_buyer(),
        name="Łódź Textile Sp. z o.o.",
        address=("ul. Piotrkowska 12", "90-406 Łódź"),
        country="PL",
    )
    return sample_contract(
        buyer=buyer, marks=ShippingMarks.standard("ŁTX", "PO ŁTX-26-0977", "GDAŃSK")
    )


def turkish_contract() -> Any:
    buyer = attrs.evolve(
        sample_buyer(),
        name="Şişecam Dış Ticaret A.Ş.",
        address=("İçmeler Mah. D-100 Karayolu Cad. No:44A", "34947 Tuzla/İstanbul"),
        country="TR",
    )
    return sample_contract(
        buyer=buyer, marks=ShippingMarks.standard("ŞDT", "PO ŞDT-26-0977", "İSTANBUL")
    )


def pi(contract: Any, language: str, fonts: FontSet | None) -> Any:
    style = Style(fonts=fonts) if fonts is not None else None
    return documents.proforma_invoice(contract, language=language, style=style)


def text_runs(data: bytes) -> list[tuple[str, str]]:
    """(font name without the subset tag, text) of every text-showing operation."""
    import pypdf

    out: list[tuple[str, str]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text and font is not None:
            out.append((str(font["/BaseFont"]).split("+", 1)[-1], text))

    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    return out


def misplaced(data: bytes) -> list[tuple[str, str]]:
    """Characters drawn with a face other than the first of the chain that has them."""
    regular, bold = load_font(BUNDLED_REGULAR).adv, load_font(BUNDLED_BOLD).adv
    wrong = []
    for font, text in text_runs(data):
        is_latin = font.startswith("DejaVuSans")
        latin = bold if "Bold" in font else regular
        for ch in text:
            if ch.isspace() or ch == "\x00":  # pypdf reads CFF CID fonts with NULs
                continue
            if (ch in latin) != is_latin:
                wrong.append((font, ch))
    return wrong


def pdftotext(data: bytes) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    return subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def docx_text(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    return "".join(t.text or "" for t in d.element.body.iter(qn("w:t")))


# ------------------------------------------------------------------ documents


@pytest.mark.parametrize("fonts", FACES)
def test_bilingual_pi_for_a_polish_buyer_keeps_every_letter(fonts: str) -> None:
    doc = pi(polish_contract(), "en-zh", faces(fonts))
    data = doc.pdf()
    text = squash("".join(pdf_pages(data)))
    for s in POLISH:
        assert squash(s) in text
    assert "形式发票" in text
    plain = pdftotext(data)
    if plain is not None:  # poppler reads the lines exactly
        lines = plain.splitlines()
        for s in POLISH:
            assert s in lines
    assert misplaced(data) == []
    fonts_used = {font for font, _ in text_runs(data)}
    assert {"DejaVuSansBook", "DejaVuSansBold"} <= fonts_used
    assert len(fonts_used) == 4  # Latin and CJK, regular and bold

    body = docx_text(doc.docx())
    for s in POLISH:
        assert s in body


@pytest.mark.parametrize("fonts", FACES)
def test_chinese_pi_for_a_turkish_buyer_keeps_every_letter(fonts: str) -> None:
    doc = pi(turkish_contract(), "zh", faces(fonts))
    data = doc.pdf()
    text = squash("".join(pdf_pages(data)))
    for s in TURKISH:
        assert squash(s) in text
    assert "形式发票" in text
    plain = pdftotext(data)
    if plain is not None:
        for s in TURKISH:
            assert s in plain.splitlines()
    assert misplaced(data) == []
    body = docx_text(doc.docx())
    for s in TURKISH:
        assert s in body


@pytest.mark.parametrize("fonts", FACES)
def test_latin_in_chinese_strings_is_set_in_the_latin_face(fonts: str) -> None:
    style = Style(language="zh", fonts=faces(fonts) or FontSet())
    data = render_pdf(
        Document(
            [
                Text("LED平板灯 600×600毫米 40瓦 4000K，含税价 € 18.60（FOB 宁波）", "heading"),
                ItemTable([Column("品名 DESCRIPTION")], [["Ω 1 m³ 20 °C ® 陶瓷杯：白色"]]),
            ]
        ),
        style,
    )
    runs = text_runs(data)
    assert misplaced(data) == []
    assert ("DejaVuSansBold", "LED") in runs  # the heading is bold: bold Latin face
    assert any(font == "DejaVuSansBold" and "€ 18.60" in t for font, t in runs)
    assert any(font == "DejaVuSansBook" and "Ω 1 m³ 20 °C ®" in t for font, t in runs)


# ------------------------------------------------------------------ PDF details


def test_a_mixed_line_is_one_text_object_switching_fonts() -> None:
    import pypdf

    data = render_pdf(Document([Text("Tel. 电话: +49 40 3011 2277")]), Style())
    stream = pypdf.PdfReader(io.BytesIO(data)).pages[0].get_contents()
    assert stream is not None
    content = stream.get_data()
    objects = [o for o in re.findall(rb"BT .*? ET", content, re.S) if b"Tj" in o]
    assert len(objects) == 2  # the line and the page footer
    mixed = next(o for o in objects if o.count(b"Tj") > 1)
    assert mixed.count(b" Tf ") == mixed.count(b"Tj") == 3  # Latin, CJK, Latin


def test_widths_come_from_the_face_that_draws_each_character() -> None:
    plan = FontPlan(Style().fonts, need_cjk=True)
    latin = load_font(BUNDLED_REGULAR)
    cjk, _ = plan.cjk()
    where = located("x")
    text = "Łódź 中文。"
    units, face = plan.measure(text, False, where)
    assert face is None  # needs two faces
    assert plan.runs(text, False) == ((latin, "Łódź "), (cjk, "中文。"))
    assert units == sum(latin.adv[c] for c in "Łódź ") + sum(cjk.adv[c] for c in "中文。")
    assert plan.measure("Łódź", False, where) == (sum(latin.adv[c] for c in "Łódź"), latin)
    bold_runs = plan.runs("A中", True)
    assert [font for font, _ in bold_runs] == [plan.bold, plan.cjk()[1]]


def test_latin_face_wins_even_when_the_cjk_face_has_latin_glyphs() -> None:
    plan = FontPlan(cjk_with_latin(), need_cjk=True)
    noto, _ = plan.cjk()
    assert "A" in noto.adv
    assert noto.adv["A"] != plan.regular.adv["A"]
    assert plan.runs("PI No. 发票号: BW-2026", False) == (
        (plan.regular, "PI No. "),
        (noto, "发票号"),
        (plan.regular, ": BW-2026"),
    )


def test_wrapped_mixed_lines_fit_their_width_measured_per_face() -> None:
    canvas = Canvas(Style(), FontPlan(Style().fonts, need_cjk=True))
    text = "LED平板灯 600×600毫米 40瓦 4000K，白色边框，Łódź Textile Sp. z o.o. 专用包装。" * 3
    lines = canvas.lines(text, 8.0, 40.0, located("x"))
    assert len(lines) > 3
    assert "".join(line.text for line in lines).replace(" ", "") == text.replace(" ", "")
    scale = 8.0 * 25.4 / 72 / 1000
    assert any(line.font is None for line in lines)  # some lines switch faces
    for line in lines:
        assert line.width <= 40.0 + 1e-9
        runs = line.runs if line.font is None else ((line.font, line.text),)
        drawn = sum(font.adv[c] for font, run in runs for c in run) * scale
        assert drawn == pytest.approx(line.width)
        assert "".join(run for _, run in runs) == line.text
        assert not line.text.startswith(("，", "。"))  # the Chinese break rule holds


@pytest.mark.parametrize(
    ("doc", "where"),
    [
        (Document([Text("Łódź 中文 \U00010000")]), r"blocks\[0\]\.text"),
        (
            Document([ItemTable([Column("A")], [["ok"], ["GDAŃSK 港 \U00010000"]])]),
            r"blocks\[0\]\.rows\[1\]\[0\]",
        ),
        (Document([Text("no Chinese at all \U00010000")]), r"blocks\[0\]\.text"),
    ],
)
def test_a_character_in_no_face_is_refused_naming_it_and_where(doc: Document, where: str) -> None:
    with pytest.raises(RenderError, match=where + r": .*'\U00010000' \(U\+10000\)"):
        render_pdf(doc, Style(language="zh"))


# ------------------------------------------------------------------ DOCX


def test_docx_names_latin_and_east_asian_fonts_and_languages_in_the_defaults() -> None:
    data = render_docx(Document([Text("Łódź Textile Sp. z o.o. 买方")]), Style(language="en-zh"))
    d = docx.Document(io.BytesIO(data))
    rpr = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == LATIN_FONT
    assert fonts.get(qn("w:eastAsia")) == CJK_FONT
    # A theme reference would override the names.
    assert not [k for k in fonts.attrib if k.endswith(("Theme", "theme"))]
    lang = rpr.find(qn("w:lang"))
    assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == (LATIN_LANG, CJK_LANG)
    assert (LATIN_LANG, CJK_LANG) == ("en-US", "zh-CN")
    # Nothing overrides them in a style or a run: Word picks the font per character.
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode()
        styles = z.read("word/styles.xml").decode()
    assert "rFonts" not in body
    normal = re.search(r'<w:style [^>]*w:styleId="Normal".*?</w:style>', styles, re.S)
    assert normal is not None
    assert "rFonts" not in normal.group()
