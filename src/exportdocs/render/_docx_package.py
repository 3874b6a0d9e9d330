"""The DOCX package: the template prepared once per process, each document one zip pass.

python-docx's default template is opened and prepared once per process: the document
defaults name the fonts (see ``_docx_styles``), the Normal style gets
its size, colour and spacing, the item tables' paragraph style is added and the page
footer part is created. Its members are then kept deflated. A document writes only
the members that change, document.xml, the footer, the styles and the core properties (plus the
relationships, content types and media when it has pictures), and copies the others'
compressed bytes, in one pass with fixed member dates: equal input gives equal bytes.

The files say only what is true of them: docProps/app.xml names exportdocs and its
version as the application (``_output.producer()``) and no counts or editing time of a Word
session that never happened; the template's preview picture of a blank page is dropped
(with its relationship and content type); core.xml holds the document meta's title (as
given), author, identifier and date, and no print date or revision count.

The styles part depends on the document's accent colour and languages (see
``_docx_styles``): it is made once per accent and language and shared from then on.
core.xml also names the document's language (``dc:language``).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from exportdocs.exceptions import RenderError
from exportdocs.render._blocks import DocumentMeta
from exportdocs.render._docx_styles import (
    CJK_FONT,
    CJK_LANG,
    LATIN_FONT,
    LATIN_LANG,
    core_language,
    lang_element,
    prepare,
    styles_xml,
)
from exportdocs.render._docx_xml import LANG_ZH, check, esc, esc_attr
from exportdocs.render._output import producer
from exportdocs.render._style import Language

__all__ = ["CJK_FONT", "CJK_LANG", "LATIN_FONT", "LATIN_LANG", "Media", "Template", "template"]

#: The colour of body text (the Normal style).
_INK = "212529"
_CONTENT_TYPES = "[Content_Types].xml"
_CORE = "docProps/core.xml"
_APP = "docProps/app.xml"
_PACKAGE_RELS = "_rels/.rels"
_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_DOCUMENT = "word/document.xml"
_RELS = "word/_rels/document.xml.rels"
_FOOTER = "word/footer1.xml"
_STYLES = "word/styles.xml"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_CORE_ROOT = (
    "<cp:coreProperties"
    ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
)
_APP_XML = (
    "<Properties"
    ' xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>{application}</Application><DocSecurity>0</DocSecurity></Properties>"
)
#: Zip records, as the standard library's zipfile writes them (version 2.0, Unix).
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_DEFLATED = 8
_VERSION = 20
_UNIX = 3
_MODE = 0o600 << 16
_ZIP_LIMIT = 0xFFFFFFFF


class _Member(NamedTuple):
    """One zip member, deflated."""

    name: bytes
    crc: int
    size: int
    data: bytes


#: Deflate level of the parts: 3, not zlib's default 6. A 1,000-line document's XML
#: compresses in 2.5 ms instead of 5.7 ms, to 42 kB instead of 32 kB; a DOCX is small
#: either way, and the time pays for measuring the item tables (see ``_docx.measure``).
_LEVEL = 3


def _member(name: str, content: bytes) -> _Member:
    packer = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
    data = packer.compress(content) + packer.flush()
    return _Member(name.encode("ascii"), zlib.crc32(content), len(content), data)


def _zip(members: Iterable[_Member], when: dt.datetime) -> bytes:
    """The members as one zip archive, every member dated ``when``."""
    year = min(max(when.year, 1980), 2107)
    date = (year - 1980) << 9 | when.month << 5 | when.day
    time = when.hour << 11 | when.minute << 5 | when.second // 2
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for m in members:
        if offset > _ZIP_LIMIT or len(m.data) > _ZIP_LIMIT or m.size > _ZIP_LIMIT:
            raise RenderError("the DOCX package would be larger than 4 GB")
        sizes = (m.crc, len(m.data), m.size, len(m.name))
        head = _LOCAL.pack(b"PK\x03\x04", _VERSION, 0, 0, _DEFLATED, time, date, *sizes, 0)
        # made by: version 2.0 on Unix; needs 2.0; no flags; no extra field, comment, disk
        # number or internal attributes; read-write for the owner; where the member starts.
        made = (_VERSION, _UNIX, _VERSION, 0, 0, _DEFLATED, time, date)
        tail = (0, 0, 0, 0, _MODE, offset)
        central.append(_CENTRAL.pack(b"PK\x01\x02", *made, *sizes, *tail) + m.name)
        out += [head, m.name, m.data]
        offset += len(head) + len(m.name) + len(m.data)
    directory = b"".join(central)
    count = len(central)
    end = _END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), offset, 0)
    return b"".join([*out, directory, end])


class Template(NamedTuple):
    """python-docx's default template, prepared and deflated once per process."""

    #: Every member, in the template's order.
    members: tuple[_Member, ...]
    #: The text of the members a document may change, by name.
    texts: dict[str, str]
    #: document.xml up to and including ``<w:body>``; the footer up to its paragraph.
    document_head: str
    footer_head: str
    #: The relationship id of the footer and the first free one.
    footer_rid: str
    next_rid: int
    #: The style id of the item tables' paragraph style.
    table_style: str
    #: styles.xml with markers for the accent colour and languages (``_docx_styles``).
    styles: str


def _honest(contents: dict[str, bytes]) -> None:
    """Drop the template's thumbnail and Word's app.xml from ``contents`` (in place).

    The thumbnail (a preview of python-docx's blank page) goes with its relationship, the
    content type overrides of its part and the defaults no other member's extension uses;
    app.xml names exportdocs, claiming no page, word or line counts nor editing time.
    """
    rels = contents[_PACKAGE_RELS].decode()
    dropped = []
    for rel in re.findall(r"<Relationship [^>]*/>", rels):
        if f'Type="{_THUMBNAIL}"' in rel:
            target = re.search(r'Target="/?([^"]+)"', rel)
            if target is not None:
                dropped.append(target.group(1))
                contents.pop(target.group(1), None)
            rels = rels.replace(rel, "")
    contents[_PACKAGE_RELS] = rels.encode()
    types = contents[_CONTENT_TYPES].decode()
    extensions = {name.rsplit(".", 1)[-1].lower() for name in contents}
    for default in re.findall(r'<Default Extension="([^"]+)"[^>]*/>', types):
        if default.lower() not in extensions:
            types = re.sub(rf'<Default Extension="{re.escape(default)}"[^>]*/>', "", types)
    for part in dropped:
        types = re.sub(rf'<Override PartName="/{re.escape(part)}"[^>]*/>', "", types)
    contents[_CONTENT_TYPES] = types.encode()
    app = _APP_XML.format(application=esc(producer()))
    contents[_APP] = (_XML_DECLARATION + app).encode()


@functools.cache
def template() -> Template:
    """The prepared template (made on first use, then shared by every document)."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    d = docx.Document()
    prepare(d.styles.element)
    normal = d.styles["Normal"]
    normal.font.size = Pt(9)
    normal.font.color.rgb = RGBColor.from_string(_INK)
    normal.paragraph_format.space_after = Pt(2)
    table_style = d.styles.add_style("ED Table", WD_STYLE_TYPE.PARAGRAPH)
    table_style.base_style = normal
    table_style.font.size = Pt(8)
    table_style.paragraph_format.space_after = Pt(0)
    table_style.paragraph_format.space_before = Pt(0)
    footer_part = d.sections[0].footer.part  # creates the footer part and its relationship
    footer_rid = next(
        rid
        for rid, rel in d.part.rels.items()
        if not rel.is_external and rel.target_part is footer_part
    )
    saved = io.BytesIO()
    d.save(saved)
    with zipfile.ZipFile(saved) as z:
        contents = {info.filename: z.read(info) for info in z.infolist()}
    _honest(contents)
    texts = {n: contents[n].decode() for n in (_CONTENT_TYPES, _RELS, _DOCUMENT, _FOOTER)}
    styles = contents[_STYLES].decode()
    body = texts[_DOCUMENT].index("<w:body>") + len("<w:body>")
    rids = [int(part[: part.index('"')]) for part in texts[_RELS].split(' Id="rId')[1:]]
    return Template(
        members=tuple(_member(name, data) for name, data in contents.items()),
        texts=texts,
        document_head=texts[_DOCUMENT][:body],
        footer_head=texts[_FOOTER][: texts[_FOOTER].index("<w:p>")],
        footer_rid=footer_rid,
        next_rid=max(rids) + 1,
        table_style=table_style.style_id,
        styles=styles,
    )


@functools.lru_cache(maxsize=16)
def _styles(accent: str, lang: str) -> _Member:
    """styles.xml in ``accent`` (``RRGGBB``) with the defaults' ``w:lang`` ``lang``."""
    return _member(_STYLES, styles_xml(template().styles, accent, lang).encode())


_DRAWING = (
    "<w:r><w:drawing><wp:inline"
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{id}" name="Picture {id}"/>'
    '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr>'
    '<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
    '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
    '<a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic>'
    "</wp:inline></w:drawing></w:r>"
)


class _Picture(NamedTuple):
    rid: str
    name: str  # the file name shown in Word
    part: str  # word/media/imageN.ext
    content_type: str
    blob: bytes


class Media:
    """The pictures of one document: their parts, relationships and drawing markup.

    As python-docx does: equal files (by SHA-1) share one part, pictures are numbered
    from 1 in the order they are placed, and scaled to the height keeping their shape.
    """

    def __init__(self, first_rid: int) -> None:
        self.pictures: dict[str, _Picture] = {}  # by SHA-1
        self.next_rid = first_rid
        self.shapes = 0

    def drawing(self, path: Path, height_mm: float, where: str) -> str:
        """A run showing the picture at ``path`` ``height_mm`` high."""
        from docx.image.image import Image
        from docx.shared import Mm

        try:
            image = Image.from_file(str(path))
            cx, cy = image.scaled_dimensions(None, Mm(height_mm))
        except Exception as exc:  # python-docx raises many types for bad images
            raise RenderError(f"{where}: cannot read image {str(path)!r}: {exc}") from exc
        picture = self.pictures.get(image.sha1)
        if picture is None:
            name = check(image.filename, lambda: f"{where} (image file name)")
            part = f"word/media/image{len(self.pictures) + 1}.{image.ext}"
            picture = _Picture(f"rId{self.next_rid}", name, part, image.content_type, image.blob)
            self.pictures[image.sha1] = picture
            self.next_rid += 1
        self.shapes += 1
        return _DRAWING.format(
            cx=int(cx), cy=int(cy), id=self.shapes, name=esc_attr(picture.name), rid=picture.rid
        )


def _core_xml(meta: DocumentMeta, language: str) -> str:
    """docProps/core.xml: title, language, author, identifier and the creation date.

    The title is the meta's, as given (the documents layer words it in the document's
    language); ``language`` is the document's (``dc:language``, zh-CN or en-US). The
    author (also the last to modify it) and the identifier are written only when the
    meta gives them: exportdocs is the application (app.xml), not the author. No print
    date and no revision count: the file was never printed, nor saved by a word processor.
    """
    when = meta.created.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    title = esc(check(meta.title, lambda: "meta.title"))
    author = esc(check(meta.author or "", lambda: "meta.author"))
    identifier = esc(check(meta.identifier or "", lambda: "meta.identifier"))
    by = f"<dc:creator>{author}</dc:creator>" if author else ""
    last = f"<cp:lastModifiedBy>{author}</cp:lastModifiedBy>" if author else ""
    ident = f"<dc:identifier>{identifier}</dc:identifier>" if identifier else ""
    return (
        f"{_XML_DECLARATION}{_CORE_ROOT}<dc:title>{title}</dc:title>"
        f"<dc:language>{language}</dc:language>{by}{last}"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        f"{ident}</cp:coreProperties>"
    )


def _with_pictures(t: Template, media: Media) -> dict[str, str]:
    """The relationships and content types with the pictures' parts added."""
    rels = "".join(
        f'<Relationship Id="{p.rid}" Type="{_RT}/image" Target="{p.part[5:]}"/>'
        for p in media.pictures.values()
    )
    types = t.texts[_CONTENT_TYPES]
    known = dict(re.findall(r'<Default Extension="([^"]+)" ContentType="([^"]+)"', types))
    added: dict[str, str] = {}
    overrides = ""
    for p in media.pictures.values():
        ext = p.part.rsplit(".", 1)[1]
        default = known.get(ext) or added.setdefault(ext, p.content_type)
        if default != p.content_type:  # the extension stands for another type
            overrides += f'<Override PartName="/{p.part}" ContentType="{p.content_type}"/>'
    defaults = "".join(f'<Default Extension="{e}" ContentType="{ct}"/>' for e, ct in added.items())
    start = types.index(">", types.index("<Types")) + 1
    end = types.rindex("</Types>")
    return {
        _RELS: t.texts[_RELS].replace("</Relationships>", rels + "</Relationships>"),
        _CONTENT_TYPES: types[:start] + defaults + types[start:end] + overrides + types[end:],
    }


def package(
    t: Template,
    body: str,
    footer: str,
    meta: DocumentMeta,
    media: Media,
    *,
    accent: str = "1F4E79",
    language: Language = Language.EN,
) -> bytes:
    """The DOCX file: ``body`` (the content of ``w:body``) and the footer's paragraph.

    The styles are in ``accent`` (``RRGGBB``) and say ``language``; their East Asian
    language is Chinese too when a run of the body or footer holds Chinese.
    """
    # (A Chinese or bilingual document says zh-CN for East Asian text anyway.)
    chinese = language is Language.EN and (LANG_ZH in body or LANG_ZH in footer)
    styles = _styles(accent.upper(), lang_element(language, chinese))
    changed = {
        _DOCUMENT: f"{t.document_head}{body}</w:body></w:document>",
        _FOOTER: f"{t.footer_head}{footer}</w:ftr>",
        _CORE: _core_xml(meta, core_language(language)),
    }
    if media.pictures:
        changed.update(_with_pictures(t, media))
    members = [
        styles
        if name == _STYLES
        else _member(name, changed[name].encode())
        if name in changed
        else m
        for m in t.members
        for name in (m.name.decode(),)
    ]
    members += [_member(p.part, p.blob) for p in media.pictures.values()]
    return _zip(members, meta.created)
