"""The PDF file itself: objects, pages tree, resources, images, metadata, cross-references.

:class:`PdfFile` takes the pages as finished content streams (``_pdf_write``) and the
document's fonts (objects that write themselves through :class:`Objects`), and writes a
PDF 1.4 file (1.6 with CID-keyed CFF fonts): catalog, one page object per page with its
resources, the images (``_pdf_image``), the fonts, the document information and a
deterministic ``/ID``. Streams are compressed with zlib at a fixed level, so the same
document gives the same bytes. The information dictionary names exportdocs and its
version as the producer (``/Producer``), and the document meta's creator, title, author
and creation date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zlib
from pathlib import Path
from typing import Protocol

from exportdocs.exceptions import RenderError
from exportdocs.render._output import producer
from exportdocs.render._pdf_image import LEVEL, PdfImage, load_image

__all__ = ["Objects", "PdfFile", "pdf_string"]


def pdf_string(text: str) -> str:
    """``text`` as a PDF text string: literal if ASCII, else UTF-16BE hex with a BOM."""
    if text.isascii():
        escaped = text.replace("\\", "\\\\").replace(")", "\\)").replace("(", "\\(")
        return "(" + escaped.replace("\r", "\\r") + ")"
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def pdf_date(date: dt.datetime) -> str:
    """``date`` as a PDF date string (with its time zone)."""
    if date.tzinfo == dt.timezone.utc:
        return f"(D:{date:%Y%m%d%H%M%SZ})"
    text = f"D:{date:%Y%m%d%H%M%S%z}"
    return f"({text[:-2]}'{text[-2:]}')"


class Objects:
    """The numbered objects of a file, written in order of their numbers."""

    __slots__ = ("bodies",)

    def __init__(self) -> None:
        self.bodies: list[bytes] = []

    def reserve(self) -> int:
        """A number for an object written later with :meth:`put`."""
        self.bodies.append(b"")
        return len(self.bodies)

    def put(self, number: int, body: str | bytes) -> int:
        self.bodies[number - 1] = body.encode("latin-1") if isinstance(body, str) else body
        return number

    def add(self, body: str | bytes) -> int:
        return self.put(self.reserve(), body)

    def stream(self, entries: str, data: bytes, *, compress: bool = False) -> int:
        """A stream object; ``compress`` deflates ``data`` (else it is written as is)."""
        if compress:
            data = zlib.compress(data, LEVEL)
            entries = f"/Filter /FlateDecode {entries}".rstrip()
        head = f"<<{' ' + entries if entries else ''} /Length {len(data)}>>\nstream\n"
        return self.add(head.encode("latin-1") + data + b"\nendstream")


class Font(Protocol):
    """A document font: its resource number and how it writes its objects."""

    i: int

    def embed(self, objects: Objects) -> int: ...  # the number of its Type0 font object


class PdfFile:
    """A document being written: page size in points, pages, fonts, images, metadata."""

    def __init__(self, width: float, height: float) -> None:
        self.width = width
        self.height = height
        self.version = "1.4"
        self.pages: list[tuple[str, list[int], list[int]]] = []  # content, fonts, images
        self.fonts: list[Font] = []
        self.images: dict[Path, int] = {}  # path -> image number (from 1)
        self._loaded: list[PdfImage] = []
        self.title = ""
        self.author = ""
        self.creator = "exportdocs"
        self.producer = producer()
        self.lang = "en"
        self.created = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
        self.identifier: str | None = None

    def image(self, path: Path) -> int:
        """The number of the image in ``path`` (read once per document)."""
        found = self.images.get(path)
        if found is None:
            try:
                self._loaded.append(load_image(path))
            except Exception as exc:  # Pillow raises many types for bad images
                raise RenderError(f"cannot draw image {str(path)!r}: {exc}") from exc
            found = self.images[path] = len(self._loaded)
        return found

    def output(self) -> bytes:
        objs = Objects()
        pages_n = objs.reserve()
        catalog_n = objs.reserve()
        page_ns = [objs.reserve() for _ in self.pages]
        contents = [
            objs.stream("", content.encode("latin-1"), compress=True)
            for content, _, _ in self.pages
        ]
        image_ns = [self._write_image(objs, image) for image in self._loaded]
        font_ns = {font.i: font.embed(objs) for font in self.fonts}
        for n, content_n, (_, fonts, images) in zip(page_ns, contents, self.pages, strict=True):
            resources = "/ProcSet [/PDF /Text /ImageB /ImageC /ImageI]"
            if fonts:
                resources += " /Font <<" + " ".join(f"/F{i} {font_ns[i]} 0 R" for i in fonts) + ">>"
            if images:
                refs = " ".join(f"/I{i} {image_ns[i - 1]} 0 R" for i in images)
                resources += f" /XObject <<{refs}>>"
            objs.put(
                n,
                f"<< /Type /Page /Parent {pages_n} 0 R /Contents {content_n} 0 R"
                " /Group <</Type /Group /S /Transparency /CS /DeviceRGB>>"
                f" /Resources <<{resources}>> >>",
            )
        kids = " ".join(f"{n} 0 R" for n in page_ns)
        objs.put(
            pages_n,
            f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ns)}"
            f" /MediaBox [0 0 {self.width:.2f} {self.height:.2f}] >>",
        )
        first = f" /OpenAction [{page_ns[0]} 0 R /FitH null]" if page_ns else ""
        objs.put(
            catalog_n,
            f"<< /Type /Catalog /Pages {pages_n} 0 R /Lang {pdf_string(self.lang)}{first}"
            " /PageLayout /OneColumn >>",
        )
        info = [
            f"/CreationDate {pdf_date(self.created)}",
            f"/Creator {pdf_string(self.creator)}",
            f"/Producer {pdf_string(self.producer)}",
        ]
        if self.title:
            info.append(f"/Title {pdf_string(self.title)}")
        if self.author:
            info.append(f"/Author {pdf_string(self.author)}")
        info_n = objs.add("<< " + " ".join(info) + " >>")
        return self._serialize(objs, catalog_n, info_n)

    @staticmethod
    def _write_image(objs: Objects, image: PdfImage) -> int:
        entries = image.entries
        if image.smask is not None:
            mask = image.smask
            entries += f" /SMask {objs.stream(mask.entries, mask.data)} 0 R"
        return objs.stream(entries, image.data)

    def _serialize(self, objs: Objects, catalog_n: int, info_n: int) -> bytes:
        out = [f"%PDF-{self.version}\n".encode(), b"%\xe9\xeb\xf1\xbf\n"]
        size = sum(len(part) for part in out)
        offsets = []
        for n, body in enumerate(objs.bodies, 1):
            offsets.append(size)
            chunk = b"%d 0 obj\n%s\nendobj\n" % (n, body)
            out.append(chunk)
            size += len(chunk)
        xref = ["xref", f"0 {len(offsets) + 1}", "0000000000 65535 f "]
        xref.extend(f"{offset:010d} 00000 n " for offset in offsets)
        seed = b"".join(out) if self.identifier is None else self.identifier.encode("utf-8")
        digest = hashlib.md5(seed, usedforsecurity=False).hexdigest().upper()
        xref += [
            "trailer",
            f"<< /Size {len(offsets) + 1} /Root {catalog_n} 0 R /Info {info_n} 0 R"
            f" /ID [<{digest}><{digest}>] >>",
            "startxref",
            str(size),
            "%%EOF",
            "",
        ]
        out.append("\n".join(xref).encode("latin-1"))
        return b"".join(out)
