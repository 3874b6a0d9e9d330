"""What the files say about themselves: the application that made them, truthfully.

A DOCX names exportdocs (and its version) as its application and claims nothing it
cannot know (no page count of a template, no preview picture of a blank page, no print
date); a PDF names exportdocs as its producer and gives every font subset its own tag,
derived from the subset, so the same document still gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
from typing import Any

import pypdf
from lxml import etree

import exportdocs
from exportdocs import documents
from exportdocs.render import Document, DocumentMeta, Style, Text, render_docx, render_pdf
from exportdocs.samples import sample_contract
from tests.render.samples import STYLE, sample

APPLICATION = f"exportdocs {exportdocs.__version__}"
EXTENDED = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
DC = "{http://purl.org/dc/elements/1.1/}"
CREATED = dt.datetime(2025, 3, 15, 9, 30, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


def _docx(meta: DocumentMeta | None = None) -> dict[str, bytes]:
    doc = sample(3) if meta is None else Document([Text("x")], meta=meta)
    return members(render_docx(doc, STYLE))


def test_app_xml_names_exportdocs_and_claims_no_counts() -> None:
    root = etree.fromstring(_docx()["docProps/app.xml"])
    values = {etree.QName(e).localname: e.text for e in root}
    assert values["Application"] == APPLICATION
    assert "Word" not in etree.tostring(root).decode()
    # Counts and times of a Word session that never happened are left out.
    claims = {"Pages", "Words", "Characters", "CharactersWithSpaces", "Lines", "Paragraphs"}
    assert claims.isdisjoint(values)
    assert {"Template", "TotalTime", "AppVersion"}.isdisjoint(values)
    assert root.tag == f"{EXTENDED}Properties"


def test_no_thumbnail_and_every_relationship_and_type_points_at_a_member() -> None:
    parts = members(render_docx(sample(3), STYLE))
    assert not [n for n in parts if "thumbnail" in n]
    for name, content in parts.items():
        if not name.endswith(".rels"):
            continue
        folder = name.rsplit("_rels/", 1)[0]  # the source part's folder ("" at the root)
        for rel in etree.fromstring(content).iter(f"{PACKAGE_RELS}Relationship"):
            assert "thumbnail" not in rel.get("Type", "")
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            target = target[1:] if target.startswith("/") else posixpath.normpath(folder + target)
            assert target in parts, (name, rel.get("Id"), target)
    types = etree.fromstring(parts["[Content_Types].xml"])
    for override in types.iter(f"{TYPES}Override"):
        assert override.get("PartName", "")[1:] in parts, override.get("PartName")
    extensions = {n.rsplit(".", 1)[-1] for n in parts}
    for default in types.iter(f"{TYPES}Default"):
        assert default.get("Extension") in extensions, default.get("Extension")


def test_core_xml_says_what_the_document_meta_says_and_nothing_else() -> None:
    meta = DocumentMeta("PI", author="Haida", created=CREATED, identifier="HD-PI-1")
    root = etree.fromstring(_docx(meta)["docProps/core.xml"])
    values = {etree.QName(e).localname: e.text for e in root}
    assert values["title"] == "PI"
    assert values["creator"] == values["lastModifiedBy"] == "Haida"
    assert values["created"] == values["modified"] == "2025-03-15T01:30:10Z"
    assert values["identifier"] == "HD-PI-1"
    assert "lastPrinted" not in values  # never printed
    assert "revision" not in values
    text = etree.tostring(root).decode()
    assert "python-docx" not in text
    # Without an author the file names none (exportdocs is the application, not the author).
    anonymous = etree.fromstring(_docx(DocumentMeta("PI"))["docProps/core.xml"])
    names = {etree.QName(e).localname for e in anonymous}
    assert {"creator", "lastModifiedBy", "identifier"}.isdisjoint(names)
    assert anonymous.find(f"{DC}title") is not None
    assert anonymous.find(f"{CP}lastPrinted") is None


def _fonts(data: bytes) -> dict[str, str]:
    """BaseFont name -> subset tag, for every font of every page."""
    reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
    found: dict[str, str] = {}
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for ref in resources.get("/Font", {}).values():
            tag, name = str(ref.get_object()["/BaseFont"])[1:].split("+", 1)
            assert re.fullmatch("[A-Z]{6}", tag), tag
            assert found.setdefault(name, tag) == tag
    return found


def test_pdf_names_exportdocs_as_producer() -> None:
    data = render_pdf(Document([Text("Hello")], DocumentMeta("PI", author="Haida")))
    reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
    assert reader.metadata is not None
    assert reader.metadata.producer == APPLICATION
    assert reader.metadata.creator == "exportdocs"
    assert reader.metadata.title == "PI"
    catalog: Any = reader.trailer["/Root"]
    assert "/Lang" in catalog


def test_every_font_subset_has_its_own_tag_and_the_same_document_the_same_bytes() -> None:
    data = render_pdf(sample(3), STYLE)
    assert data == render_pdf(sample(3), STYLE)
    fonts = _fonts(data)
    assert {"DejaVuSansBook", "DejaVuSansBold"} <= fonts.keys()
    assert len(set(fonts.values())) == len(fonts)
    bilingual = documents.proforma_invoice(sample_contract(), language="en-zh")
    first = bilingual.pdf()
    assert first is not None
    assert first == bilingual.pdf()
    tags = _fonts(first)
    assert len(tags) == 4  # regular, bold, CJK regular and CJK bold
    assert len(set(tags.values())) == len(tags)
    # Another glyph set of the same face is another subset, so another tag ...
    hello = _fonts(render_pdf(Document([Text("Hello")])))["DejaVuSansBook"]
    world = _fonts(render_pdf(Document([Text("World")])))["DejaVuSansBook"]
    assert hello != world
    # ... and the same glyph set the same tag, whatever the order the glyphs come in.
    assert _fonts(render_pdf(Document([Text("olleH")])))["DejaVuSansBook"] == hello


def test_the_same_docx_gives_the_same_bytes_and_no_thumbnail() -> None:
    doc = Document([Text("Hello 你好")], DocumentMeta("PI", created=CREATED))
    style = Style(language="en-zh")
    data = render_docx(doc, style)
    assert data == render_docx(doc, style)
    assert "docProps/thumbnail.jpeg" not in members(data)
