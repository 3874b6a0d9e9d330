"""Images as PDF image XObjects: JPEG passed through, everything else as Flate pixels.

A JPEG file is embedded as it is (``DCTDecode``); any other image Pillow reads (PNG,
GIF, BMP, ...) is decoded to greyscale, RGB or CMYK pixels and compressed with zlib, its
alpha channel (or transparent palette entry) becoming a soft mask (``SMask``). Pillow is
imported only when a document has an image.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

__all__ = ["PdfImage", "load_image"]

#: The zlib level of every stream (deterministic output).
LEVEL = 6


class PdfImage:
    """An image ready to be written: its dictionary entries, stream and soft mask."""

    __slots__ = ("data", "entries", "smask")

    def __init__(self, entries: str, data: bytes, smask: PdfImage | None = None) -> None:
        self.entries = entries
        self.data = data
        self.smask = smask


def _entries(width: int, height: int, space: str, extra: str = "") -> str:
    return (
        f"/Type /XObject /Subtype /Image /Width {width} /Height {height} "
        f"/ColorSpace {space} /BitsPerComponent 8{extra}"
    )


def _flate(img: Any, space: str) -> PdfImage:
    data = zlib.compress(img.tobytes(), LEVEL)
    return PdfImage(_entries(img.width, img.height, space, " /Filter /FlateDecode"), data)


def load_image(path: Path) -> PdfImage:
    """``path`` as a PDF image; raises what Pillow or the file system raise."""
    from PIL import Image

    with Image.open(path) as img:
        if img.format == "JPEG":
            space = {"L": "/DeviceGray", "CMYK": "/DeviceCMYK"}.get(img.mode, "/DeviceRGB")
            extra = " /Filter /DCTDecode"
            if img.mode == "CMYK":  # Adobe's JPEGs store CMYK inverted
                extra += " /Decode [1 0 1 0 1 0 1 0]"
            return PdfImage(_entries(img.width, img.height, space, extra), path.read_bytes())
        img.load()
        mode = img.mode
        if mode == "P":
            mode = "RGBA" if "transparency" in img.info else "RGB"
            img = img.convert(mode)
        elif mode == "PA":
            mode = "RGBA"
            img = img.convert(mode)
        elif mode in ("1", "I;16", "I", "F"):
            mode = "L"
            img = img.convert("L") if img.mode != "I;16" else img.point(lambda v: v / 256, "L")
        if mode in ("RGBA", "LA"):
            alpha = img.getchannel("A")
            base = img.convert("RGB" if mode == "RGBA" else "L")
            space = "/DeviceRGB" if mode == "RGBA" else "/DeviceGray"
            out = _flate(base, space)
            out.smask = _flate(alpha, "/DeviceGray")
            return out
        if mode == "L":
            return _flate(img, "/DeviceGray")
        if mode == "CMYK":
            return _flate(img, "/DeviceCMYK")
        return _flate(img if mode == "RGB" else img.convert("RGB"), "/DeviceRGB")
