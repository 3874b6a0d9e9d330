"""The bundled Chinese face (ExportDocs CJK SC) and how the CJK font is chosen."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from exportdocs import documents
from exportdocs.exceptions import FontNotFoundError, RenderError
from exportdocs.render import (
    DEFAULT_CJK_SEARCH,
    Document,
    FontFile,
    FontSet,
    Style,
    Text,
    render_pdf,
)
from exportdocs.render._fonts import (
    BUNDLED_BOLD,
    BUNDLED_CJK_BOLD,
    BUNDLED_CJK_REGULAR,
    BUNDLED_REGULAR,
    find_cjk,
    load_font,
)
from exportdocs.samples import sample_contract
from tests.render.samples import pdf_pages, squash

SOURCE = Path(__file__).resolve().parents[2] / "src" / "exportdocs"
FONTS = BUNDLED_CJK_REGULAR.path.parent
#: No system font: the bundled face or nothing.
BUNDLED_ONLY = Style(fonts=FontSet(cjk_search=()))


def gb2312() -> set[str]:
    chars = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def cmap(path: Path) -> set[str]:
    font = TTFont(path, lazy=True)
    try:
        return {chr(cp) for cp in font.getBestCmap()}
    finally:
        font.close()


@pytest.mark.parametrize(
    ("file", "style"), [(BUNDLED_CJK_REGULAR, "Regular"), (BUNDLED_CJK_BOLD, "Bold")]
)
def test_bundled_faces_are_renamed_truetype_subsets(file: FontFile, style: str) -> None:
    path = file.path
    font = TTFont(path, lazy=True)
    try:
        assert font.sfntVersion == "\x00\x01\x00\x00"
        assert "glyf" in font
        assert "CFF " not in font
        assert font["head"].glyphDataFormat == 0
        name = font["name"]
        assert (name.getDebugName(1), name.getDebugName(2)) == ("ExportDocs CJK SC", style)
        assert name.getDebugName(6) == f"ExportDocsCJKSC-{style}"
        assert "subset of Noto Sans CJK SC 2.004" in (name.getDebugName(10) or "")
        assert "Open Font License" in (name.getDebugName(13) or "")
        assert 7000 < font["maxp"].numGlyphs < 9000
    finally:
        font.close()
    assert path.stat().st_size < 4_500_000


def test_licence_is_shipped_beside_the_fonts() -> None:
    text = (FONTS / "LICENSE-NotoSansCJK.txt").read_text("utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in text
    assert "Adobe" in text
    assert "Noto Sans CJK SC 2.004" in text


@pytest.mark.parametrize("file", [BUNDLED_CJK_REGULAR, BUNDLED_CJK_BOLD])
def test_bundled_faces_cover_gb2312_and_cjk_punctuation(file: FontFile) -> None:
    have = cmap(file.path)
    chars = gb2312()
    assert len(chars) == 7445
    assert sorted(chars - have) == []
    assert {"、", "。", "《", "》", "「", "」", "【", "】", "〔", "〕"} <= have
    assert {"（", "）", "，", "：", "；", "！", "？", "％", "＄", "￥"} <= have


@pytest.mark.parametrize("file", [BUNDLED_CJK_REGULAR, BUNDLED_CJK_BOLD])
def test_bundled_faces_cover_every_character_of_the_labels_the_latin_face_lacks(
    file: FontFile,
) -> None:
    """Fails after a new Chinese label until scripts/build_cjk_font.py is run again."""
    latin = load_font(BUNDLED_REGULAR).adv
    used: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        used.update(path.read_text("utf-8"))
    needed = {ch for ch in used if ch not in latin}
    assert {"壹", "贰", "叁", "整", "角", "分", "厘", "形", "式", "发", "票"} <= needed
    assert sorted(needed - cmap(file.path)) == []


def test_default_is_the_bundled_face_without_any_system_lookup() -> None:
    assert FontSet().cjk_search == ()
    regular, bold = find_cjk(FontSet())
    assert (regular.file, bold.file) == (BUNDLED_CJK_REGULAR, BUNDLED_CJK_BOLD)
    assert regular.family == "ExportDocs CJK SC"


def test_resolution_order_given_then_search_then_bundled() -> None:
    other = BUNDLED_CJK_BOLD.path  # any file with Chinese glyphs will do
    missing = "/nonexistent/NotoSansCJK-Regular.ttc"
    found = find_cjk(FontSet(cjk_search=[missing, other]))
    assert [f.file.path for f in found] == [other, other]
    given = find_cjk(FontSet(cjk_regular=BUNDLED_CJK_REGULAR, cjk_search=[other]))
    assert [f.file for f in given] == [BUNDLED_CJK_REGULAR, BUNDLED_CJK_REGULAR]
    nothing_found = find_cjk(FontSet(cjk_search=[missing]))
    assert [f.file for f in nothing_found] == [BUNDLED_CJK_REGULAR, BUNDLED_CJK_BOLD]


def test_search_entry_without_chinese_glyphs_is_refused_by_name() -> None:
    with pytest.raises(RenderError, match=r"DejaVuSans-Bold\.ttf has no Chinese glyphs"):
        find_cjk(FontSet(cjk_search=[BUNDLED_BOLD]))


def test_system_fonts_are_an_opt_in() -> None:
    assert FontSet(cjk_search=DEFAULT_CJK_SEARCH).cjk_search == DEFAULT_CJK_SEARCH


def pdf_text(data: bytes) -> str:
    return squash("".join(pdf_pages(data)))


def test_chinese_pi_renders_with_the_bundled_face_alone() -> None:
    data = documents.proforma_invoice(sample_contract(), language="zh", style=BUNDLED_ONLY).pdf()
    assert data is not None
    assert b"ExportDocsCJKSC" in data
    assert b"NotoSansCJK" not in data
    text = pdf_text(data)
    for phrase in ("形式发票", "美元肆万壹仟陆佰玖拾元叁角", "BW-2026-0418", "41,690.30"):
        assert squash(phrase) in text, phrase


def test_bilingual_pi_renders_with_the_bundled_face_alone() -> None:
    pi = documents.proforma_invoice(sample_contract(), language="en-zh", style=BUNDLED_ONLY)
    data = pi.pdf()
    assert data is not None
    assert b"ExportDocsCJKSC" in data
    text = pdf_text(data)
    for phrase in ("PROFORMA INVOICE", "形式发票", "Bank of China, Ningbo Branch", "41,690.30"):
        assert squash(phrase) in text, phrase
    assert (
        data
        == documents.proforma_invoice(sample_contract(), language="en-zh", style=BUNDLED_ONLY).pdf()
    )


def test_configured_font_that_does_not_exist_names_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "NotoSansSC-Regular.otf"
    style = Style(language="zh", fonts=FontSet(cjk_regular=missing))
    with pytest.raises(FontNotFoundError, match=r"NotoSansSC-Regular\.otf.*FontSet\.cjk_regular"):
        render_pdf(Document([Text("形式发票")]), style)
    bold = Style(fonts=FontSet(cjk_regular=BUNDLED_CJK_REGULAR, cjk_bold=tmp_path / "b.otf"))
    with pytest.raises(FontNotFoundError, match=r"b\.otf' given in FontSet\.cjk_bold does not"):
        render_pdf(Document([Text("形式发票")]), bold)


@pytest.mark.parametrize(
    ("text", "char", "code"),
    [
        ("\U00010348", "\U00010348", "U+10348"),  # GOTHIC LETTER HWAIR
        ("发票 \ue000", "\ue000", "U+E000"),  # private use
        ("龘", "龘", "U+9F98"),  # a rare ideograph outside GB 2312
    ],
)
def test_character_in_no_font_names_it_and_the_block(text: str, char: str, code: str) -> None:
    doc = Document([Text("ok"), Text(text)])
    with pytest.raises(RenderError) as info:
        render_pdf(doc, BUNDLED_ONLY)
    message = str(info.value)
    assert not isinstance(info.value, FontNotFoundError)
    assert message.startswith("blocks[1].text: no available font has the character")
    assert f"{char!r} ({code})" in message


def test_bundled_face_outlines_are_whole(tmp_path: Path) -> None:
    """Every glyph of the subset decompiles, and ideographs have contours."""
    font = TTFont(io.BytesIO(BUNDLED_CJK_REGULAR.path.read_bytes()))
    glyf = font["glyf"]
    best = font.getBestCmap()
    for ch in "形式发票壹贰叁整":
        assert glyf[best[ord(ch)]].numberOfContours > 0, ch
    assert font["hmtx"][best[ord("中")]][0] == 1000
