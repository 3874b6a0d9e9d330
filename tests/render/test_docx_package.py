"""The DOCX package: one zip pass over the prepared template, pictures, core properties."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import attrs
import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree
from PIL import Image

from exportdocs.exceptions import RenderError, ValidationError
from exportdocs.render import (
    Column,
    Document,
    DocumentMeta,
    Header,
    ImageCell,
    ItemTable,
    Style,
    Text,
    render_docx,
)
from tests.render.samples import LETTERHEAD, STYLE, sample

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CREATED = dt.datetime(2025, 3, 15, 9, 30, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None  # every member's CRC checks out
        return {info.filename: z.read(info) for info in z.infolist()}


def test_the_zip_is_complete_deflated_and_dated_by_the_document() -> None:
    doc = attrs.evolve(sample(3), meta=DocumentMeta("PI", reference="R-1", created=CREATED))
    data = render_docx(doc, STYLE)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(2025, 3, 15, 9, 30, 10)}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
    parts = members(data)
    for name in ("word/document.xml", "word/styles.xml", "word/footer1.xml", "docProps/core.xml"):
        assert name in parts
    for name, content in parts.items():
        if name.endswith((".xml", ".rels")):
            etree.fromstring(content)  # well-formed


def test_documents_share_the_template_members_and_differ_in_their_own() -> None:
    a = members(render_docx(Document([Text("first")]), Style()))
    b = members(render_docx(sample(2), STYLE))
    assert a.keys() == b.keys()
    same = {n for n in a if a[n] == b[n]}
    assert {"word/styles.xml", "word/settings.xml", "word/numbering.xml"} <= same
    assert {"word/document.xml", "word/footer1.xml", "docProps/core.xml"}.isdisjoint(same)


def test_core_properties_name_the_document_in_utc() -> None:
    meta = DocumentMeta("PI <HD&1>", author="Haida", created=CREATED, identifier="HD-PI-1")
    props = docx.Document(io.BytesIO(render_docx(Document([Text("x")], meta=meta)))).core_properties
    assert (props.title, props.author, props.identifier) == ("PI <HD&1>", "Haida", "HD-PI-1")
    assert props.last_modified_by == "Haida"
    assert (
        props.created
        == props.modified
        == dt.datetime(2025, 3, 15, 1, 30, 10, tzinfo=dt.timezone.utc)
    )


def test_markup_characters_in_text_are_escaped() -> None:
    text = "A & B <C> \"D\" 'E'"
    doc = Document(
        [
            Header(text, info={text: text}, letterhead=attrs.evolve(LETTERHEAD, name=text)),
            ItemTable([Column(text)], [[text]]),
            Text(text),
        ],
        meta=DocumentMeta(text, reference=text),
    )
    d = docx.Document(io.BytesIO(render_docx(doc)))
    body = "".join(t.text or "" for t in d.element.body.iter(qn("w:t")))
    # letterhead, title, info label and value, column title, cell, text
    assert body.count(text) == 7
    assert "".join(t.text for t in d.sections[0].footer._element.iter(qn("w:t"))).startswith(text)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: DocumentMeta("bell\x07"), r"title: contains U\+0007 \(BEL\) at position 5"),
        (lambda: DocumentMeta(author="a\x1b"), r"author: contains U\+001B \(ESC\)"),
        (lambda: Text("half \ud800 pair"), r"text: contains U\+D800 \(a lone surrogate\)"),
    ],
)
def test_a_character_xml_cannot_hold_is_refused_where_it_comes_in(
    make: Callable[[], object], message: str
) -> None:
    # Issue 13, item 12: refused by the block (naming the field), not at render time.
    with pytest.raises(ValidationError, match=message):
        make()


@pytest.fixture
def pictures(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "logo": tmp_path / "logo & co.png",
        "red": tmp_path / "red.png",
        "green": tmp_path / "green.jpg",
    }
    Image.new("RGB", (120, 40), (20, 30, 200)).save(paths["logo"])
    Image.new("RGB", (60, 60), (200, 30, 30)).save(paths["red"])
    Image.new("RGB", (30, 50), (20, 200, 30)).save(paths["green"])
    return paths


def test_pictures_are_stored_once_and_referenced(pictures: dict[str, Path], tmp_path: Path) -> None:
    copy = tmp_path / "red-again.png"
    copy.write_bytes(pictures["red"].read_bytes())
    table = ItemTable(
        [Column("PHOTO"), Column("ITEM")],
        [
            [ImageCell(pictures["red"], 18), "a"],
            [ImageCell(pictures["green"], 12), "b"],
            [ImageCell(copy, 18), "c"],  # the same bytes: the same part
        ],
    )
    style = Style(attrs.evolve(LETTERHEAD, logo=pictures["logo"]))
    data = render_docx(Document([Header("QUOTATION"), table]), style)
    parts = members(data)
    assert sorted(n for n in parts if n.startswith("word/media/")) == [
        "word/media/image1.png",
        "word/media/image2.png",
        "word/media/image3.jpg",
    ]
    assert parts["word/media/image3.jpg"] == pictures["green"].read_bytes()
    types = parts["[Content_Types].xml"].decode()
    assert '<Default Extension="png" ContentType="image/png"/>' in types
    assert '<Default Extension="jpg" ContentType="image/jpeg"/>' in types
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    targets = {r.get("Id"): r.get("Target") for r in rels}
    assert len(targets) == len(set(targets))
    xml = etree.fromstring(parts["word/document.xml"])
    embeds = [b.get(f"{{{R}}}embed") for b in xml.iter("{*}blip")]
    assert [targets[e] for e in embeds] == [
        "media/image1.png",
        "media/image2.png",
        "media/image3.jpg",
        "media/image2.png",
    ]
    assert [p.get("id") for p in xml.iter("{*}docPr")] == ["1", "2", "3", "4"]
    names = [p.get("name") for p in xml.iter("{*}cNvPr")]
    assert names == ["logo & co.png", "red.png", "green.jpg", "red.png"]  # the part's file
    shapes = docx.Document(io.BytesIO(data)).inline_shapes
    heights = [round(s.height.mm) for s in shapes]
    assert heights == [14, 18, 12, 18]
    assert round(shapes[0].width.mm) == 42  # 120 x 40 px keeps its shape


def test_an_unreadable_picture_is_refused_naming_the_block(
    pictures: dict[str, Path], tmp_path: Path
) -> None:
    bad = tmp_path / "not-an-image.png"
    bad.write_bytes(b"hello")
    doc = Document([Header("Q"), ItemTable([Column("PHOTO")], [[ImageCell(bad)]])])
    with pytest.raises(
        RenderError, match=r"blocks\[1\]\.rows\[0\]\[0\]: cannot read image .*not-an-image\.png"
    ):
        render_docx(doc)
    missing = Style(attrs.evolve(LETTERHEAD, logo=tmp_path / "missing.png"))
    with pytest.raises(RenderError, match=r"blocks\[0\] \(letterhead\): cannot read image"):
        render_docx(Document([Header("Q")]), missing)


#: The schema's order of the property elements the backend writes (ECMA-376 part 1).
ORDER = {
    "pPr": ["pStyle", "keepNext", "keepLines", "pBdr", "tabs", "spacing", "jc"],
    "rPr": ["b", "color", "sz", "lang"],
    "tblPr": ["tblW", "tblBorders", "tblLayout", "tblCellMar", "tblLook"],
    "tcPr": ["tcW", "shd"],
    "sectPr": ["footerReference", "pgSz", "pgMar", "cols", "docGrid"],
}


def test_properties_are_in_schema_order(pictures: dict[str, Path]) -> None:
    # Word refuses ("unreadable content") some documents whose elements are out of order.
    style = Style(attrs.evolve(LETTERHEAD, logo=pictures["logo"]))
    parts = members(render_docx(sample(12), style))
    for name in ("word/document.xml", "word/footer1.xml"):
        root = etree.fromstring(parts[name])
        for tag, order in ORDER.items():
            for element in root.iter(qn(f"w:{tag}")):
                children = [etree.QName(c).localname for c in element]
                assert set(children) <= set(order), (name, tag, children)
                assert children == sorted(children, key=order.index), (name, tag, children)


def test_the_body_names_no_font_and_only_the_chinese_runs_a_language() -> None:
    # Fonts come from the document defaults (see test_fallback); a run holding Chinese
    # says its East Asian language, and no other run names one.
    xml = members(render_docx(sample(12, zh=True), Style(language="en-zh")))["word/document.xml"]
    assert not re.search(rb"rFonts", xml)
    root = etree.fromstring(xml)
    for r in root.iter(qn("w:r")):
        text = "".join(t.text or "" for t in r.iter(qn("w:t")))
        langs = [dict(e.attrib) for e in r.iter(qn("w:lang"))]
        expected = [{qn("w:eastAsia"): "zh-CN"}] if re.search("[\u4e00-\u9fff]", text) else []
        assert langs == expected, text


def default_lang(data: bytes) -> dict[str, str]:
    """The attributes of the document defaults' w:lang, by local name."""
    styles = etree.fromstring(members(data)["word/styles.xml"])
    lang = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    return {etree.QName(k).localname: v for k, v in lang.attrib.items()}


@pytest.mark.parametrize(
    ("language", "words", "expected", "core"),
    [
        ("en", "Ceramic mug", {"val": "en-US"}, "en-US"),
        # An English document holding Chinese (a buyer's name) says so too.
        ("en", "Ceramic mug 陶瓷杯", {"val": "en-US", "eastAsia": "zh-CN"}, "en-US"),
        ("en-zh", "Ceramic mug", {"val": "en-US", "eastAsia": "zh-CN"}, "en-US"),
        ("zh", "陶瓷杯 350 ml", {"val": "zh-CN", "eastAsia": "zh-CN"}, "zh-CN"),
    ],
)
def test_languages_in_the_style_defaults_and_the_core_properties(
    language: str, words: str, expected: dict[str, str], core: str
) -> None:
    data = render_docx(
        Document([Text(words)], meta=DocumentMeta("PI 形式发票")), Style(language=language)
    )
    assert default_lang(data) == expected
    root = etree.fromstring(members(data)["docProps/core.xml"])
    values = {etree.QName(e).localname: e.text for e in root}
    assert (values["title"], values["language"]) == ("PI 形式发票", core)  # the title as given


def test_runs_of_chinese_text_say_their_east_asian_language() -> None:
    doc = Document(
        [
            Header("形式发票 PROFORMA INVOICE", info={"PI No. 发票号": "HD-1"}),
            ItemTable([Column("ITEM 品名"), Column("QTY")], [["Mug\n陶瓷杯", "1,200"]]),
            Text("Remarks"),
        ]
    )
    data = render_docx(doc, Style(language="zh"))
    zh = '<w:lang w:eastAsia="zh-CN"/>'
    root = etree.fromstring(members(data)["word/document.xml"])
    found = {}
    for r in root.iter(qn("w:r")):
        t = "".join(e.text or "" for e in r.iter(qn("w:t")))
        if t:
            langs = [dict(e.attrib) for e in r.iter(qn("w:lang"))]
            found[t] = bool(langs)
            assert langs in ([], [{qn("w:eastAsia"): "zh-CN"}])
    assert found == {
        "形式发票 PROFORMA INVOICE": True,
        "PI No. 发票号: ": True,
        "HD-1": False,
        "ITEM 品名": True,
        "QTY": False,
        "Mug": False,
        "陶瓷杯": True,
        "1,200": False,
        "Remarks": False,
    }
    footer = members(data)["word/footer1.xml"].decode()
    assert zh in footer  # 第 页 / 共 页
