"""Read rendered trade documents back and report layout defects (issue 12's corpus checker).

The corpus tests render every order of ``tests/corpus/orders`` as every document,
language and format, then call :func:`check_pdf` and :func:`check_docx`. Each returns a
list of :class:`Problem`; an empty list means the file passed. The rules, and why:

``split-figure``
    Every figure the model put in a table (quantities, amounts, unit prices, weights,
    CBM, carton ranges such as ``1-120``, totals) must appear whole on one line. A
    cell that wraps ``159,784`` into ``159,78`` / ``4`` makes a German reader see
    159.78. Figures are taken from the document's own blocks (the ItemTable cells of
    the non-left-aligned columns, the totals rows, the Totals values), i.e. exactly
    the formatted strings the renderer was given; the PDF's text is rebuilt line by
    line from pdfplumber's characters (same baseline = same line).
``lonely-closing``
    A page after the first must hold something besides the closing notes and the
    signatures (the Text and Signatures blocks after the last table, totals or grid).
``mixed-sizes``
    The body rows of one item table must share one text size (the header row and
    the bold totals rows are left out): shrinking single cells makes ``1,000``
    smaller than ``40``.
``leaves-cell``
    A character of the table body must not leave its cell. The table has no vertical
    rules, so cell edges come from the header row, which the renderer lays out with
    the same columns and padding as the body: a left-aligned column's title starts
    at its cell's left edge (plus padding) and a right-aligned column's title ends
    at its right edge (minus padding); those edges are the boundaries checked. A
    body character that straddles one of them, that overlaps another character of
    the same line, or that lies outside the header band (the table's width) is
    reported. Centre-aligned columns give no edge, so their boundaries come from
    their neighbours only; this keeps the rule free of false alarms at the cost of
    missing an overflow between a left- and a right-aligned column that does not
    reach either title's edge.
``orphan-heading``
    A heading (a ``Text`` block in the heading style, or the item table's header
    row) must not be the last thing on a page that is not the document's last page.

DOCX: ``split-figure`` checks that every figure appears whole in one table cell's
text or one paragraph (python-docx read-back); :func:`convert_with_libreoffice`
converts many files in one ``soffice`` call to prove LibreOffice opens them.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pdfplumber
import pypdfium2 as pdfium  # type: ignore[import-untyped]

from exportdocs.render import (
    Align,
    Document,
    ItemTable,
    Signatures,
    Spacer,
    Text,
    TextStyle,
    Totals,
)

__all__ = [
    "Line",
    "Problem",
    "check_docx",
    "check_pdf",
    "convert_with_libreoffice",
    "figures",
    "pdf_lines",
    "soffice",
]

#: A figure: digits with thousands/decimal separators, optionally a range ``1-120``. It may
#: not touch a letter or digit (``BW-C10-0001`` and ``SMD5050`` hold no figure).
FIGURE = re.compile(
    r"(?<![\w.,\-/])\d[\d,.\u00a0\u202f']*\d(?:\s?[-–]\s?\d[\d,.]*\d|\s?[-–]\s?\d)?(?![\w-])"
    r"|(?<![\w.,\-/])\d\s?[-–]\s?\d[\d,.]*(?![\w-])"
)

#: Lines starting this far down the page (share of its height) are the running footer.
FOOTER_FROM = 0.95


@dataclass(frozen=True)
class Problem:
    """One defect: the rule broken, the page (1-based; 0 for DOCX) and what was seen."""

    rule: str
    page: int
    text: str
    detail: str = ""

    def __str__(self) -> str:
        where = f"page {self.page}: " if self.page else ""
        return f"[{self.rule}] {where}{self.text!r} {self.detail}".rstrip()


@dataclass(frozen=True)
class Line:
    """The characters of one PDF text line (one baseline), left to right."""

    page: int
    top: float
    chars: tuple[dict[str, Any], ...]

    @property
    def text(self) -> str:
        """The line's text with a space wherever characters are visibly apart."""
        out: list[str] = []
        last: dict[str, Any] | None = None
        for ch in self.chars:
            if last is not None and ch["x0"] - last["x1"] > 0.2 * float(ch["size"]):
                out.append(" ")
            out.append(str(ch["text"]))
            last = ch
        return "".join(out)

    @property
    def bold(self) -> bool:
        """True when every visible character is in a bold face."""
        visible = [c for c in self.chars if str(c["text"]).strip()]
        return bool(visible) and all("Bold" in str(c["fontname"]) for c in visible)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def figures(document: Document) -> list[str]:
    """The figures of ``document`` that must never be split, as the renderer got them.

    Taken from the item tables (every column but the left-aligned text columns, and
    every totals cell) and the Totals blocks' values; tokens of one digit are left
    out (they cannot be split).
    """
    found: list[str] = []
    for block in document.blocks:
        cells: list[str] = []
        if isinstance(block, ItemTable):
            for row in block.rows:
                cells += [
                    cell
                    for cell, col in zip(row, block.columns, strict=False)
                    if isinstance(cell, str) and col.align is not Align.LEFT
                ]
            for row in block.totals:
                cells += [cell for cell in row if isinstance(cell, str)]
        elif isinstance(block, Totals):
            cells += [value for _, value in block.rows]
        for cell in cells:
            found += [m.group(0) for m in FIGURE.finditer(cell) if len(_squash(m.group(0))) > 1]
    return found


def _whole(token: str) -> re.Pattern[str]:
    body = r"\s?".join(re.escape(ch) for ch in _squash(token))
    return re.compile(rf"(?<![\d.,]){body}(?![\d]|[.,]\d)")


def pdf_lines(pdf: Any) -> list[list[Line]]:
    """Every page's text lines (characters grouped by baseline), top to bottom.

    Characters whose bottoms are within 2 pt belong to one line; a line is sorted by x.
    """
    pages: list[list[Line]] = []
    for page in pdf.pages:
        number = int(page.page_number)  # 1-based in the file, also when pages are sampled
        chars = sorted(page.chars, key=lambda c: (round(float(c["bottom"]), 1), float(c["x0"])))
        groups: list[list[dict[str, Any]]] = []
        for ch in chars:
            if groups and abs(float(groups[-1][0]["bottom"]) - float(ch["bottom"])) <= 2:
                groups[-1].append(ch)
            else:
                groups.append([ch])
        lines = [
            Line(number, min(float(c["top"]) for c in g), tuple(sorted(g, key=lambda c: c["x0"])))
            for g in groups
        ]
        pages.append(sorted(lines, key=lambda ln: ln.top))
    return pages


def _content(lines: Sequence[Line], height: float) -> list[Line]:
    return [ln for ln in lines if ln.top < FOOTER_FROM * height and ln.text.strip()]


def _closing_text(document: Document) -> str:
    """The squashed text of the blocks after the last table, totals or grid."""
    tail: list[str] = []
    for block in reversed(document.blocks):
        if isinstance(block, Text):
            tail.append(block.text)
        elif isinstance(block, Signatures):
            tail += [s for box in block.boxes for s in (box.label, box.name, box.title)]
        elif not isinstance(block, Spacer):
            return _squash(" ".join(tail))
    return ""  # nothing but notes: no page can hold only the closing


def _headings(document: Document) -> list[str]:
    return [
        _squash(line)
        for block in document.blocks
        if isinstance(block, Text) and block.style is TextStyle.HEADING
        for line in block.text.splitlines()
        if line.strip()
    ]


@dataclass(frozen=True)
class _Band:
    """An item table's header band on one page: its box and the cell edges it shows."""

    x0: float
    x1: float
    top: float
    bottom: float
    edges: tuple[float, ...]
    text: str


def _bands(page: Any, lines: Sequence[Line], table: ItemTable) -> list[_Band]:
    """Header bands of ``table`` on ``page``: filled rectangles holding the column titles."""
    first = [_squash(col.title.splitlines()[0]) if col.title else "" for col in table.columns]
    found: list[_Band] = []
    for rect in page.rects:
        if not rect.get("fill") or float(rect["width"]) < 0.5 * float(page.width):
            continue
        top, bottom = float(rect["top"]), float(rect["bottom"])
        inside = [ln for ln in lines if top - 1 <= ln.top and ln.top < bottom]
        if not inside:
            continue
        head = inside[0]
        if not all(t in _squash(head.text) for t in first if t):
            continue
        edges: list[float] = []
        pos = 0
        chars = [c for c in head.chars if str(c["text"]).strip()]
        for title, col in zip(first, table.columns, strict=False):
            if not title:
                continue
            # The title's characters, matched in order along the header's top line.
            matched: list[dict[str, Any]] = []
            for want in title:
                while pos < len(chars) and chars[pos]["text"] != want:
                    pos += 1
                if pos == len(chars):
                    break
                matched.append(chars[pos])
                pos += 1
            if len(matched) != len(title):
                break
            if col.align is Align.LEFT:
                edges.append(float(matched[0]["x0"]) - 0.5)
            elif col.align is Align.RIGHT:
                edges.append(float(matched[-1]["x1"]) + 0.5)
        cells = " ".join(c for row in table.rows for c in row if isinstance(c, str))
        found.append(
            _Band(float(rect["x0"]), float(rect["x1"]), top, bottom, tuple(edges), _squash(cells))
        )
    return found


def _body(lines: Sequence[Line], band: _Band, height: float) -> list[Line]:
    """The table's body lines under ``band``: until the bold totals row, or a line whose
    words are not all in the table's cells (the next block)."""
    body: list[Line] = []
    for ln in lines:
        if ln.top < band.bottom - 0.5:
            continue
        if ln.top >= FOOTER_FROM * height or ln.bold:
            break
        inside = tuple(c for c in ln.chars if band.x0 - 1 <= float(c["x0"]) <= band.x1 + 1)
        if not inside or not all(w in band.text for w in Line(0, 0, inside).text.split()):
            break
        body.append(Line(ln.page, ln.top, inside))
    return body


#: Pages of one PDF the geometric rules read with pdfplumber (about 0.2 s a page):
#: a longer document is read on its first and last ``SAMPLE // 2`` pages, where its
#: tables start and end and its totals, notes and signatures are.
SAMPLE = 8


def text_lines(pdf: bytes) -> list[tuple[int, str]]:
    """(page, line) for every text line of every page, read with PDFium (fast)."""
    reader = pdfium.PdfDocument(pdf)
    try:
        return [
            (number, line)
            for number in range(1, len(reader) + 1)
            for line in reader[number - 1].get_textpage().get_text_range().splitlines()
        ]
    finally:
        reader.close()


def check_split_figures(pdf: bytes | Path, document: Document) -> list[Problem]:
    """Only the split-figure rule, on every page: for PDFs another program laid out (a
    DOCX converted by LibreOffice), whose geometry is not ours to check."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    return list(_split_figures(document, text_lines(data)))


def check_pdf(pdf: bytes | Path, document: Document) -> list[Problem]:
    """Every layout problem of the rendered ``pdf`` of ``document`` (see the module doc).

    The split-figure rule reads every page (with PDFium, which is fast); the rules
    that need positions and sizes read at most :data:`SAMPLE` pages (pdfplumber).
    """
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    problems: list[Problem] = []
    all_lines = text_lines(data)
    count = max((number for number, _ in all_lines), default=0)
    if count <= SAMPLE:
        chosen = None
    else:
        half = SAMPLE // 2
        chosen = [*range(1, half + 1), *range(count - half + 1, count + 1)]
    with pdfplumber.open(io.BytesIO(data), pages=chosen) as doc:
        pages = pdf_lines(doc)
        heights = [float(p.height) for p in doc.pages]
        tables = [b for b in document.blocks if isinstance(b, ItemTable)]
        bands_of = [
            [band for table in tables for band in _bands(page, lines, table)]
            for page, lines in zip(doc.pages, pages, strict=False)
        ]
    problems += _split_figures(document, all_lines)
    problems += _lonely_closing(document, pages, heights)
    problems += _table_rules(pages, bands_of, heights)
    problems += _orphan_headings(document, pages, bands_of, heights)
    return problems


def _split_figures(document: Document, texts: Sequence[tuple[int, str]]) -> Iterator[Problem]:
    """Figures not whole on any line; ``texts`` are (page, line text) of every page."""
    # Fast path: the figures each line holds, found the same way as in the cells; only
    # a figure not among them is searched for with its (slow) pattern.
    on_lines = {_squash(m.group(0)) for _, text in texts for m in FIGURE.finditer(text)}
    seen: set[str] = set()
    for token in figures(document):
        if token in seen:
            continue
        seen.add(token)
        if _squash(token) in on_lines:
            continue
        pattern = _whole(token)
        if any(pattern.search(text) for _, text in texts):
            continue
        # Where did it go? The first line holding its beginning.
        head = _squash(token)[: max(2, len(_squash(token)) // 2)]
        page, near = next(((p, t) for p, t in texts if head in _squash(t)), (0, ""))
        yield Problem("split-figure", page, token, f"not whole on any line (near {near!r})")


def _pieces(line: Line) -> list[str]:
    """The squashed text of ``line`` cut where its characters are far apart (more than
    two ems): side-by-side boxes (the seller's and the buyer's signature) apart."""
    pieces: list[list[str]] = [[]]
    last: dict[str, Any] | None = None
    for ch in line.chars:
        if last is not None and ch["x0"] - last["x1"] > 2 * float(ch["size"]):
            pieces.append([])
        pieces[-1].append(str(ch["text"]))
        last = ch
    return [_squash("".join(p)) for p in pieces if _squash("".join(p))]


def _lonely_closing(
    document: Document, pages: Sequence[Sequence[Line]], heights: Sequence[float]
) -> Iterator[Problem]:
    closing = _closing_text(document)
    if not closing:
        return
    for lines, height in zip(pages, heights, strict=False):
        content = _content(lines, height)
        if not content or content[0].page == 1:
            continue
        number = content[0].page
        if all(piece in closing for ln in content for piece in _pieces(ln)):
            yield Problem(
                "lonely-closing",
                number,
                content[0].text,
                f"the page holds only closing notes/signatures ({len(content)} lines)",
            )


def _table_rules(
    pages: Sequence[Sequence[Line]], bands_of: Sequence[Sequence[_Band]], heights: Sequence[float]
) -> Iterator[Problem]:
    for lines, bands, height in zip(pages, bands_of, heights, strict=False):
        for band in bands:
            body = _body(lines, band, height)
            sizes: dict[float, str] = {}
            for ln in body:
                for ch in ln.chars:
                    if str(ch["text"]).strip() and "Bold" not in str(ch["fontname"]):
                        sizes.setdefault(round(float(ch["size"]), 1), ln.text)
            if len(sizes) > 1:
                listed = ", ".join(f"{s} pt in {t[:40]!r}" for s, t in sorted(sizes.items()))
                yield Problem(
                    "mixed-sizes",
                    body[0].page,
                    body[0].text[:60],
                    f"body rows use {len(sizes)} sizes: {listed}",
                )
            yield from _leaves(body, band)


def _leaves(body: Iterable[Line], band: _Band) -> Iterator[Problem]:
    for ln in body:
        visible = [c for c in ln.chars if str(c["text"]).strip()]
        for prev, ch in itertools.pairwise(visible):
            if float(ch["x0"]) < float(prev["x1"]) - 0.5:
                yield Problem(
                    "leaves-cell",
                    ln.page,
                    ln.text[:60],
                    f"{prev['text']!r} and {ch['text']!r} overlap at x={float(ch['x0']):.1f}",
                )
                break
        word_gaps = [
            (float(a["x1"]), float(b["x0"]))
            for a, b in zip(ln.chars, ln.chars[1:], strict=False)
            if float(b["x0"]) - float(a["x1"]) < 0.2 * float(b["size"])
        ]
        for ch in ln.chars:  # spaces too: a space drawn across an edge joins two cells
            x0, x1 = float(ch["x0"]), float(ch["x1"])
            crossed = [e for e in band.edges if x0 < e - 0.5 and x1 > e + 0.5]
            crossed += [e for e in band.edges for a, b in word_gaps if a <= e <= b and a <= x1 <= b]
            if crossed or x0 < band.x0 - 0.5 or x1 > band.x1 + 0.5:
                edge = crossed[0] if crossed else (band.x0 if x0 < band.x0 else band.x1)
                yield Problem(
                    "leaves-cell",
                    ln.page,
                    ln.text[:60],
                    f"{ch['text']!r} at x={x0:.1f}-{x1:.1f} crosses the cell edge x={edge:.1f}",
                )
                break


def _orphan_headings(
    document: Document,
    pages: Sequence[Sequence[Line]],
    bands_of: Sequence[Sequence[_Band]],
    heights: Sequence[float],
) -> Iterator[Problem]:
    headings = _headings(document)
    for index, (lines, bands, height) in enumerate(zip(pages, bands_of, heights, strict=False)):
        if index == len(pages) - 1:  # the last page (always among the sampled ones)
            break
        content = _content(lines, height)
        if not content:
            continue
        number = content[0].page
        last = _squash(content[-1].text)
        if last and any(last == h or (len(last) > 3 and last in h) for h in headings):
            yield Problem("orphan-heading", number, content[-1].text, "is the last line")
        for band in bands:
            if not _body(lines, band, height):
                yield Problem(
                    "orphan-heading", number, content[-1].text, "table header with no row after"
                )


# -- DOCX ------------------------------------------------------------------------------


def _docx_texts(data: bytes) -> list[str]:
    """The text of every table cell and every body paragraph of a DOCX."""
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [cell.text for cell in row.cells]
    return texts


def check_docx(data: bytes | Path, document: Document) -> list[Problem]:
    """``split-figure`` for a DOCX: every figure whole in one cell's or paragraph's text."""
    raw = data.read_bytes() if isinstance(data, Path) else data
    texts = _docx_texts(raw)
    on_cells = {_squash(m.group(0)) for text in texts for m in FIGURE.finditer(text)}
    problems: list[Problem] = []
    for token in dict.fromkeys(figures(document)):
        if _squash(token) in on_cells:  # fast path, as for PDF lines
            continue
        pattern = _whole(token)
        if not any(pattern.search(text) for text in texts):
            problems.append(Problem("split-figure", 0, token, "not whole in any cell"))
    return problems


def soffice() -> str | None:
    """The LibreOffice binary (``soffice`` or ``libreoffice``), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(paths: Sequence[Path], outdir: Path) -> dict[Path, Path | None]:
    """Convert DOCX files to PDF in one headless LibreOffice run: each path to its PDF or None.

    A private profile (``-env:UserInstallation``) keeps the run away from the user's
    LibreOffice and from a running instance.
    """
    binary = soffice()
    if binary is None:
        raise FileNotFoundError("soffice (LibreOffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(
            [
                binary,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                *(str(p) for p in paths),
            ],
            check=False,
            capture_output=True,
            timeout=900,
            env={**os.environ, "HOME": profile},
        )
    result: dict[Path, Path | None] = {}
    for path in paths:
        pdf = outdir / (path.stem + ".pdf")
        result[path] = pdf if pdf.is_file() and pdf.stat().st_size > 0 else None
    return result
