"""The PDF file exportdocs writes itself: structure, images, metadata, no PDF library."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import struct
import subprocess
import sys
from pathlib import Path

import attrs
import pypdf
import pytest
from PIL import Image

from exportdocs import documents
from exportdocs.exceptions import RenderError
from exportdocs.render import Document, DocumentMeta, Text, render_pdf
from exportdocs.samples import sample_contract


def _images(tmp_path: Path) -> list[Path]:
    grad = Image.linear_gradient("L").resize((32, 24))
    rgb = Image.merge("RGB", (grad, grad.rotate(90), Image.new("L", grad.size, 90)))
    made = {
        "rgb.png": rgb,
        "rgba.png": Image.merge("RGBA", (*rgb.split(), grad)),
        "grey-alpha.png": Image.merge("LA", (grad, grad.rotate(180))),
        "palette.png": rgb.quantize(8),
        "bilevel.png": grad.convert("1"),
        "photo.jpg": rgb,
        "grey.jpg": grad,
        "cmyk.jpg": rgb.convert("CMYK"),
    }
    paths = []
    for name, image in made.items():
        paths.append(tmp_path / name)
        image.save(paths[-1])
    deep = tmp_path / "deep.png"
    pixels = b"".join(struct.pack("<H", x * 2000) for _ in range(24) for x in range(32))
    Image.frombytes("I;16", (32, 24), pixels).save(deep)
    return [*paths, deep]


def test_every_kind_of_image_is_embedded_with_its_transparency(tmp_path: Path) -> None:
    paths = _images(tmp_path)
    contract = sample_contract()
    items = [
        attrs.evolve(item, product=attrs.evolve(item.product, image=str(paths[i % len(paths)])))
        for i, item in enumerate(contract.items)
    ]
    data = documents.quotation(attrs.evolve(contract, items=items)).pdf()
    assert data is not None
    reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
    xobjects = {}
    for page in reader.pages:
        for ref in page["/Resources"].get("/XObject", {}).values():
            xobjects[ref.idnum] = ref.get_object()
    assert len(xobjects) == len(paths)  # each file once, however often it is drawn
    filters = sorted(str(x["/Filter"]) for x in xobjects.values())
    assert filters.count("/DCTDecode") == 3
    masks = [x for x in xobjects.values() if "/SMask" in x]
    assert len(masks) == 2  # RGBA and grey + alpha
    spaces = {str(x["/ColorSpace"]) for x in xobjects.values()}
    assert spaces == {"/DeviceRGB", "/DeviceGray", "/DeviceCMYK"}
    assert data == documents.quotation(attrs.evolve(contract, items=items)).pdf()


def test_a_file_that_is_no_image_is_a_render_error(tmp_path: Path) -> None:
    from exportdocs.render._pdf_file import PdfFile

    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not an image")
    with pytest.raises(RenderError, match=r"cannot draw image .*bad\.png"):
        PdfFile(595.28, 841.89).image(bad)


def test_metadata_and_id_are_written_and_deterministic() -> None:
    meta = DocumentMeta(
        "Proforma invoice 形式发票",
        author="Ningbo (Haida) \\ Trading",
        created=dt.datetime(2026, 3, 15, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        identifier="HD-PI-2026-017",
    )
    data = render_pdf(Document([Text("Hello")], meta))
    reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
    assert reader.metadata is not None
    assert reader.metadata.title == "Proforma invoice 形式发票"
    assert reader.metadata.author == "Ningbo (Haida) \\ Trading"
    assert reader.metadata.creator == "exportdocs"
    assert b"/CreationDate (D:20260315093000+08'00')" in data
    digest = hashlib.md5(b"HD-PI-2026-017", usedforsecurity=False).hexdigest().upper()
    assert f"/ID [<{digest}><{digest}>]".encode() in data
    assert f"<{digest}>".encode() in render_pdf(Document([Text("Other text")], meta))
    anonymous = render_pdf(Document([Text("Hello")]))
    assert anonymous == render_pdf(Document([Text("Hello")]))
    assert b"/ID [<" in anonymous
    assert anonymous != render_pdf(Document([Text("Hello!")]))


def test_rendering_a_pdf_imports_no_pdf_library() -> None:
    code = (
        "import sys\n"
        "from exportdocs import documents\n"
        "from exportdocs.samples import sample_contract\n"
        "for lang in ('en', 'zh', 'en-zh'):\n"
        "    assert documents.proforma_invoice(sample_contract(), language=lang).pdf()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('fpdf', 'PIL', 'fontTools')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
