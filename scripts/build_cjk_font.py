"""Rebuild the Chinese font shipped with exportdocs from a named upstream release.

The face ``exportdocs/render/fonts/ExportDocsCJKSC-{Regular,Bold}.ttf`` is a subset of
Noto Sans CJK SC 2.004 (SIL Open Font License 1.1), taken from Debian's package
``fonts-noto-cjk`` version ``1:20220127+repack1-1``. It holds:

* every character of GB 2312 (found by decoding every valid two-byte GB 2312 code),
* CJK symbols and punctuation (U+3000-303F) and full-width forms (U+FF00-FFEF),
* every non-Latin character of exportdocs' own source (``src/exportdocs/**/*.py``: the
  Chinese labels, units, number words), so a new label is covered at the next rebuild,
* the space. Latin text is set in the bundled DejaVu Sans, so no Latin letters.

The CFF outlines are converted to TrueType (quadratic, at most 1 unit off at 1000
units per em): exportdocs cuts a TrueType (``glyf``) subset itself, far faster than
fontTools subsets a CFF one. The layout and vertical tables are dropped (documents draw
horizontal text without shaping). The family is renamed "ExportDocs CJK SC", as the
OFL asks of a Modified Version, and its description says what it is made from.

The build is deterministic: the same input gives the same bytes (the timestamps are
the upstream's) with the same fontTools; the bundled files were made with fontTools
4.69.1, and another version may write other, equivalent bytes. Run it from the repository root with the project's virtual
environment (fontTools is a dependency of exportdocs)::

    .venv/bin/python scripts/build_cjk_font.py                # apt-get download the .deb
    .venv/bin/python scripts/build_cjk_font.py --deb FILE     # a .deb already downloaded
    .venv/bin/python scripts/build_cjk_font.py --from-dir /   # the installed package

Every input is checked against the SHA-256 recorded here. It needs ``apt-get`` (only
without ``--deb``/``--from-dir``) and ``dpkg-deb`` (only without ``--from-dir``).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import fontTools  # type: ignore[import-untyped]
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen  # type: ignore[import-untyped]
from fontTools.pens.ttGlyphPen import TTGlyphPen  # type: ignore[import-untyped]
from fontTools.ttLib import TTCollection, TTFont, newTable  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "exportdocs"
OUT = SOURCE / "render" / "fonts"

PACKAGE = "fonts-noto-cjk"
VERSION = "1:20220127+repack1-1"
DEB_SHA256 = "4a2515eb6db3978b897fef9709ed0d2b1f4c6c4df4d83d6c4ef65f71f1b1f502"
#: The files used from the package, relative to its root, with their SHA-256.
FILES = {
    "Regular": (
        "usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "b76b0433203017ca80401b2ee0dd69350349871c4b19d504c34dbdd80541690a",
    ),
    "Bold": (
        "usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
        "faa5f3656a78b2e2d450d27fe8382c778bc2b6bb5ea29c986664a6a435056ceb",
    ),
    "copyright": (
        "usr/share/doc/fonts-noto-cjk/copyright",
        "5bb218343ded506b258d86186d460fc47d9b6b28f0e642cf32676c396b7df763",
    ),
}
FACE = "Noto Sans CJK SC"
UPSTREAM_VERSION = "2.004"
FAMILY = "ExportDocs CJK SC"
PS_FAMILY = "ExportDocsCJKSC"
LICENSE_NAME = "LICENSE-NotoSansCJK.txt"

#: The largest distance between a cubic curve and its quadratic approximation, in font
#: units (1000 per em): 0.1 pt at 100 pt type.
MAX_ERR = 1.0
#: Characters of the scripts DejaVu Sans sets: Latin, Latin-1 and Latin Extended.
_LATIN = ((0x0000, 0x024F), (0x1E00, 0x1EFF))
_WINDOWS = (3, 1, 0x409)  # platform, encoding, language (Windows, Unicode BMP, en-US)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check(path: Path, expected: str) -> None:
    if not path.is_file():
        sys.exit(f"build_cjk_font: {path} does not exist")
    got = sha256(path)
    if got != expected:
        sys.exit(f"build_cjk_font: {path} has SHA-256 {got}, expected {expected}")


# --- the characters ------------------------------------------------------------------


def gb2312() -> set[str]:
    """Every character of GB 2312: the valid two-byte codes (rows 0xA1-0xF7, cells 0xA1-0xFE)."""
    chars = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def is_latin(ch: str) -> bool:
    return any(lo <= ord(ch) <= hi for lo, hi in _LATIN)


def source_chars(root: Path = SOURCE) -> set[str]:
    """Every non-Latin character in exportdocs' own Python source."""
    chars: set[str] = set()
    for path in sorted(root.rglob("*.py")):
        chars.update(ch for ch in path.read_text("utf-8") if not is_latin(ch))
    return chars


def wanted() -> tuple[set[str], set[str]]:
    """(the characters of the bundled face, the ones of exportdocs' source among them)."""
    ranges = {
        chr(cp) for lo, hi in ((0x3000, 0x303F), (0xFF00, 0xFFEF)) for cp in range(lo, hi + 1)
    }
    own = source_chars()
    return gb2312() | ranges | own | {" "}, own


# --- the font ------------------------------------------------------------------------


def face_index(path: Path, style: str) -> int:
    """The index of the face named FACE/``style`` in the collection at ``path``."""
    collection = TTCollection(path, lazy=True)
    try:
        for index, font in enumerate(collection.fonts):
            name = font["name"]
            if name.getDebugName(1) == FACE and name.getDebugName(2) == style:
                return index
    finally:
        collection.close()
    sys.exit(f"build_cjk_font: no face {FACE!r} {style} in {path}")


def to_quadratic(font: TTFont) -> None:
    """Replace the CFF outlines of ``font`` by TrueType ones (glyf, loca, maxp 1.0)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        # PostScript contours run the other way round from TrueType ones.
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    glyf.compile(font)  # computes each glyph's bounds
    hmtx = font["hmtx"]
    for name, glyph in glyphs.items():
        advance = hmtx.metrics[name][0]
        hmtx.metrics[name] = (advance, glyph.xMin if glyph.numberOfContours else 0)
    font["head"].glyphDataFormat = 0
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    maxp.compile(font)  # sets numGlyphs and the point and contour maxima
    post = font["post"]
    post.formatType = 3.0  # no glyph names: the cmap says what each glyph is
    post.extraNames = []
    post.mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont, style: str) -> None:
    """Name the face FAMILY, say what it is made from; keep the upstream's legal notices."""
    name = font["name"]
    old = {n: name.getDebugName(n) for n in (0, 7, 8, 9, 10, 11, 12, 13, 14)}
    made = (
        f"{FAMILY} is a subset of {FACE} {UPSTREAM_VERSION} (the characters of GB 2312, "
        "CJK symbols and punctuation, full-width forms, and exportdocs' labels) with its "
        "outlines converted to TrueType, made for the exportdocs library from Debian's "
        f"{PACKAGE} {VERSION}. It is a Modified Version under the SIL Open Font License "
        f"1.1, not the original font. Credits of the original: {old[10]}"
    )
    full = FAMILY if style == "Regular" else f"{FAMILY} {style}"
    ps = f"{PS_FAMILY}-{style}"
    names = {
        0: old[0],
        1: FAMILY,
        2: style,
        3: f"{UPSTREAM_VERSION};exportdocs;{ps}",
        4: full,
        5: f"Version {UPSTREAM_VERSION}; subset of {FACE} {UPSTREAM_VERSION}",
        6: ps,
        7: old[7],
        8: old[8],
        9: old[9],
        10: made,
        11: old[11],
        12: old[12],
        13: old[13],
        14: old[14],
    }
    name.names = []
    for name_id, text in names.items():
        if text:
            name.setName(text, name_id, *_WINDOWS)


def build(ttc: Path, style: str, chars: Iterable[str]) -> tuple[bytes, set[str]]:
    """The bundled face of ``style`` from ``ttc``, and the wanted characters it lacks."""
    font = TTFont(ttc, fontNumber=face_index(ttc, style), recalcTimestamp=False, lazy=False)
    cmap = font.getBestCmap()
    version = font["name"].getDebugName(5) or ""
    if not version.startswith(f"Version {UPSTREAM_VERSION};"):
        sys.exit(f"build_cjk_font: {ttc} is {version!r}, expected {UPSTREAM_VERSION}")
    chars = set(chars)
    lacking = {ch for ch in chars if ord(ch) not in cmap}
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["BASE", "GDEF", "GPOS", "GSUB", "VORG", "vhea", "vmtx", "DSIG"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    options.glyph_names = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(ch) for ch in chars - lacking))
    subsetter.subset(font)
    to_quadratic(font)
    rename(font, style)
    keep = {"cmap", "hmtx", "OS/2", "name", "head", "hhea", "maxp", "post", "glyf", "loca"}
    for tag in list(font.keys()):
        if tag not in keep and tag != "GlyphOrder":
            del font[tag]
    buffer = io.BytesIO()
    font.save(buffer)
    font.close()
    return buffer.getvalue(), lacking


def license_text(copyright_file: Path, notice: str) -> str:
    """The OFL 1.1 text of the Debian copyright file, under Noto CJK's copyright line."""
    lines = copyright_file.read_text("utf-8").splitlines()
    stanza = lines.index("Files: *")
    debian = lines[stanza + 1].removeprefix("Copyright:").strip()  # "2010-2012, Google ..."
    # The licence paragraph: "License: SIL-1.1" followed by the indented text.
    start = next(
        i
        for i, line in enumerate(lines[:-1])
        if line == "License: SIL-1.1" and lines[i + 1].startswith(" ")
    )
    body = []
    for line in lines[start + 1 :]:
        if not line.startswith(" "):
            break
        body.append("" if line.strip() == "." else line[1:])
    header = [
        f"{FAMILY} ({PS_FAMILY}-Regular.ttf, {PS_FAMILY}-Bold.ttf) is a Modified Version",
        f"of {FACE} {UPSTREAM_VERSION} (https://github.com/googlefonts/noto-cjk), taken from",
        f"Debian's package {PACKAGE} {VERSION}: a subset of its characters,",
        "with the outlines converted to TrueType and the family renamed (the new name",
        "uses neither 'Noto' nor 'Source'). It is distributed under the licence of the",
        "original, the SIL Open Font License 1.1, below. Rebuilt by scripts/build_cjk_font.py",
        "in the exportdocs repository.",
        "",
        f"{FACE}: {notice}",
        f"Copyright {debian} (Debian's copyright file of {PACKAGE}).",
        "Noto is a trademark of Google Inc.",
        "",
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.",
        "This license is copied below, and is also available with a FAQ at:",
        "https://openfontlicense.org",
        "",
    ]
    return "\n".join(header + body).rstrip() + "\n"


def fetch(work: Path, deb: Path | None) -> Path:
    """Download (or take) the pinned .deb, check it, extract it; return its root."""
    if deb is None:
        subprocess.run(
            ["apt-get", "download", f"{PACKAGE}={VERSION}"], cwd=work, check=True, stdout=sys.stderr
        )
        debs = list(work.glob(f"{PACKAGE}_*.deb"))
        if len(debs) != 1:
            sys.exit(f"build_cjk_font: apt-get download left {debs}")
        deb = debs[0]
    check(deb, DEB_SHA256)
    root = work / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--deb", type=Path, help=f"the {PACKAGE} {VERSION} .deb, already downloaded"
    )
    source.add_argument(
        "--from-dir",
        type=Path,
        help="the root of an installed or extracted copy of the package (e.g. /)",
    )
    parser.add_argument(
        "--out", type=Path, default=OUT, help="where to write (default: %(default)s)"
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    chars, own = wanted()
    with tempfile.TemporaryDirectory(prefix="exportdocs-cjk-") as tmp:
        root = args.from_dir if args.from_dir is not None else fetch(Path(tmp), args.deb)
        for path, digest in FILES.values():
            check(root / path, digest)
        args.out.mkdir(parents=True, exist_ok=True)
        notice = ""
        for style in ("Regular", "Bold"):
            ttc = root / FILES[style][0]
            data, lacking = build(ttc, style, chars)
            target = args.out / f"{PS_FAMILY}-{style}.ttf"
            target.write_bytes(data)
            font = TTFont(target, lazy=True)
            notice = font["name"].getDebugName(0) or notice
            print(
                f"{target.name}: {font['maxp'].numGlyphs} glyphs, "
                f"{len(font.getBestCmap())} characters, {len(data):,} bytes"
            )
            font.close()
            if lacking & own:
                print(
                    f"  not in {FACE}, from exportdocs' source: {''.join(sorted(lacking & own))!r}"
                )
            if lacking - own:  # unassigned code points of the ranges
                codes = " ".join(f"U+{ord(ch):04X}" for ch in sorted(lacking - own))
                print(f"  not in {FACE}: {codes}")
        text = license_text(root / FILES["copyright"][0], notice)
        (args.out / LICENSE_NAME).write_text(text, "utf-8")
        shutil.rmtree(Path(tmp) / "root", ignore_errors=True)
    if args.out.resolve() == OUT.resolve():
        # The renderer ships each bundled face's PDF descriptor precomputed (faces.json), so
        # a first render parses no whole font file; it must describe the files just built.
        from exportdocs.render._fonts import bundled_faces

        (OUT / "faces.json").write_text(bundled_faces(), "utf-8")
        print("faces.json written")
    elapsed = time.perf_counter() - started
    print(f"built in {elapsed:.1f} s with fontTools {fontTools.version} into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
