"""The DOCX backend: real Word tables, repeated header rows, PAGE/NUMPAGES fields.

Every block is written as WordprocessingML text (a row template filled per row for
the item table, which may have thousands of rows) and the body goes into
document.xml as one string: python-docx's element API costs more than everything
else for a few dozen paragraphs, and its cell API re-walks the table grid on every
access, which makes a 1,000-row table take seconds. The markup is what python-docx
writes for the same content. python-docx still supplies the package: its default
template, prepared once per process, and its image header readers.

Fonts are names, not files, in DOCX: the document defaults in styles.xml name them
(``LATIN_FONT``, ``CJK_FONT``) with the languages (``LATIN_LANG``, ``CJK_LANG``), and
no font is set per run, so Word (or LibreOffice) picks the font of each character; a
run holding Chinese says ``w:lang w:eastAsia="zh-CN"`` (see ``_docx_styles``).

The document title is in the "heading 1" style and headings in "heading 2", so they
are in Word's navigation pane; both keep with the next paragraph. The keep rules of
the blocks (``_layout.keep_chain``) become ``w:keepNext`` on every paragraph of a
block kept with the next (Spacers and the gap after a table included); a table row
never splits (``w:cantSplit``); a bank box (``keep_together``) keeps each row with the
next; an item table's last ``KEEP_ROWS`` rows and its totals rows keep together, and
with the next block when the table keeps with it; its header row repeats on every
page and keeps with the first row.
"""

from __future__ import annotations

from exportdocs.render._blocks import (
    Document,
    Header,
    KeyValueGrid,
    PartyBoxes,
    Signatures,
    Spacer,
    Text,
    TextStyle,
    Totals,
)
from exportdocs.render._docx_package import Media, package, template
from exportdocs.render._docx_styles import (
    CJK_FONT,
    CJK_LANG,
    HEADING,
    LATIN_FONT,
    LATIN_LANG,
    TITLE,
)
from exportdocs.render._docx_xml import (
    BAD_XML,
    check,
    keep_next,
    para,
    ppr,
    pt_twips,
    rpr,
    run,
    runs,
    twips,
)
from exportdocs.render._fonts import FontPlan
from exportdocs.render._layout import (
    MM_PER_PT,
    Where,
    bilingual_break,
    bind_units,
    keep_chain,
    located,
    page_label_parts,
    title_em,
)
from exportdocs.render._pdf_canvas import Canvas
from exportdocs.render._pdf_table import TableLayout
from exportdocs.render._style import Style
from exportdocs.render._table import KEEP_ROWS, Align, ImageCell, ItemTable

__all__ = ["CJK_FONT", "CJK_LANG", "LATIN_FONT", "LATIN_LANG", "docx_bytes"]

_TWIPS_PER_MM = 1440 / 25.4
_JC = {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right"}
_GRID = "C4C9CF"
_ZEBRA = "F5F7F9"
_MUTED = "646C75"
_TBL_LOOK = (
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0"'
    ' w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
)
#: The empty paragraph after a table, so that two tables never merge (and its form in a
#: keep chain, so that the table keeps with the block after the gap).
_GAP = para("", ppr(after=pt_twips(2)))
_GAP_KEPT = para("", ppr(keep_next=True, after=pt_twips(2)))


def _borders(inside: bool) -> str:
    edges = ["top", "left", "bottom", "right"] + (["insideH", "insideV"] if inside else [])
    xml = "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="{_GRID}"/>' for e in edges)
    return f"<w:tblBorders>{xml}</w:tblBorders>"


def _grid_table(
    widths_mm: list[float], rows: list[list[str]], *, borders: str = "", kept: int = 0
) -> str:
    """A fixed-layout table whose rows never split; a cell is its paragraphs' markup.

    An empty cell gets one empty paragraph. The paragraphs of the first ``kept`` rows
    keep with the next paragraph: in Word, the row keeps with the next row (the last
    row with the paragraph after the table).
    """
    widths = [twips(w) for w in widths_mm]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    parts = [
        f'<w:tbl><w:tblPr><w:tblW w:type="auto" w:w="0"/>{borders}<w:tblLayout w:type="fixed"/>'
        f"{_TBL_LOOK}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
    ]
    for r, row in enumerate(rows):
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        for width, cell in zip(widths, row, strict=True):
            cell = cell or "<w:p/>"
            if r < kept:
                cell = keep_next(cell)
            parts.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>{cell}</w:tc>')
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def _half_points(size: float) -> str:
    """Run size properties for ``size`` pt, rounded down to Word's half points; "" at 8 pt
    (the table style's size)."""
    half = int(size * 2 + 1e-9)
    return "" if half == 16 else f'<w:sz w:val="{half}"/>'


class _Docx:
    def __init__(self, document: Document, style: Style) -> None:
        self.template = template()
        self.doc_in = document
        self.style = style
        self.accent = style.accent[1:]
        self.media = Media(self.template.next_rid)
        self.body: list[str] = []
        width, _ = style.page_mm
        m = style.margins
        self.cw = float(width - m.left - m.right)  # the text width in mm
        self.content_twips = round(self.cw * _TWIPS_PER_MM)
        self.canvas: Canvas | None = None  # measures item tables (see measure)

    # ------------------------------------------------------------ helpers

    def para(
        self,
        text: str,
        where: Where,
        *,
        size: float | None = None,
        bold: bool = False,
        colour: str | None = None,
        align: Align = Align.LEFT,
        space_after: float | None = None,
    ) -> str:
        """One paragraph holding ``text`` (checked) in one run."""
        content = run(check(text, where), rpr(bold=bold, colour=colour, size=size)) if text else ""
        after = None if space_after is None else pt_twips(space_after)
        return para(content, ppr(after=after, jc=None if align is Align.LEFT else _JC[align]))

    def accented(self, size: float) -> str:
        """Run properties: bold, ``size`` pt, in the accent colour (titles and box labels)."""
        return rpr(bold=True, colour=self.accent, size=size)

    # ------------------------------------------------------------ blocks

    def run(self) -> bytes:
        blocks = self.doc_in.blocks
        # Blocks that keep with the next one (see keep_chain), Spacers between included.
        keep = {k for b in range(len(blocks)) for k in range(b, keep_chain(blocks, b))}
        for b, block in enumerate(blocks):
            at = f"blocks[{b}]"
            if isinstance(block, Header):
                self.header(block, at)
            elif isinstance(block, PartyBoxes):
                self.parties(block, at)
            elif isinstance(block, KeyValueGrid):
                self.grid(block, at, keep_with_next=b in keep)
            elif isinstance(block, ItemTable):
                self.table(block, at, keep_with_next=b in keep)
            elif isinstance(block, Totals):
                self.totals(block, at, keep_with_next=b in keep)
            elif isinstance(block, Text):
                self.text(block, at, keep_with_next=b in keep)
            elif isinstance(block, Signatures):
                self.signatures(block, at)
            elif isinstance(block, Spacer):
                kept = True if b in keep else None
                spacing = ppr(keep_next=kept, after=twips(float(block.height)), line=20)
                self.body.append(para("", spacing))
        self.body.append(self.section())
        footer = self.footer()
        return package(
            self.template,
            "".join(self.body),
            footer,
            self.doc_in.meta,
            self.media,
            accent=self.accent,
            language=self.style.language,
        )

    def header(self, block: Header, at: str) -> None:
        head = block.letterhead or self.style.letterhead
        cw = self.cw
        where = located(f"{at} (letterhead)")
        left: list[str] = []
        if head is not None:
            if head.logo is not None:
                left.append(para(self.media.drawing(head.logo, 14, where())))
            left.append(para(run(check(head.name, where), self.accented(13))))
            for line in head.address:
                left.append(self.para(line, where, size=8, space_after=0))
            if head.contact_line:
                left.append(self.para(head.contact_line, where, size=7.5, colour=_MUTED))
        title = check(block.title, lambda: f"{at}.title")
        # A bilingual title too wide for its cell breaks between the languages
        # (Word would break inside the Chinese word).
        if "\n" not in title and title_em(title) * 15 * MM_PER_PT > cw * 0.45 - 2:
            title = bilingual_break(title)
        # Bold, 15 pt, in the accent colour: the "heading 1" style (see _docx_styles).
        title_runs = "".join(run(part, br=n > 0) for n, part in enumerate(title.split("\n")))
        right = [para(title_runs, ppr(style=TITLE, jc="right"))]
        label_rpr, value_rpr = rpr(colour=_MUTED, size=8), rpr(bold=True, size=8.5)
        for i, (label, value) in enumerate(block.info):
            w = located(f"{at}.info[{i}]")
            content = run(check(label, w) + ": ", label_rpr) + run(check(value, w), value_rpr)
            right.append(para(content, ppr(after=0, jc="right")))
        self.body.append(_grid_table([cw * 0.55, cw * 0.45], [["".join(left), "".join(right)]]))
        # The accent rule under the letterhead: a bottom border on a spacing paragraph.
        rule = (
            f'<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="1" w:color="{self.accent}"/>'
            "</w:pBdr>"
        )
        self.body.append(para("", ppr(border=rule, after=pt_twips(6))))

    def parties(self, block: PartyBoxes, at: str) -> None:
        n = len(block.parties)
        cells = []
        for i, party in enumerate(block.parties):
            w = located(f"{at}.parties[{i}]")
            cell = [para(run(check(party.label, w), self.accented(7.5)))]
            cell += [self.para(line, w, size=8.5, space_after=0) for line in party.lines]
            cells.append("".join(cell))
        self.body.append(_grid_table([self.cw / n] * n, [cells], borders=_borders(inside=True)))
        self.body.append(_GAP)

    def grid(self, block: KeyValueGrid, at: str, *, keep_with_next: bool = False) -> None:
        """The pairs; kept with the next block: every row, kept together: all but the last."""
        per_row = block.columns // 2
        cw = self.cw
        widths = [cw * 0.34, cw * 0.66] if per_row == 1 else [cw * 0.17, cw * 0.33] * 2
        pairs = block.pairs
        rows = [[""] * len(widths) for _ in range((len(pairs) + per_row - 1) // per_row)]
        label_rpr, value_rpr = rpr(bold=True, colour=_MUTED, size=8), rpr(size=8.5)
        for i, (label, value) in enumerate(pairs):
            w = located(f"{at}.pairs[{i}]")
            row, k = rows[i // per_row], (i % per_row) * 2
            row[k] = para(run(check(label, w), label_rpr))
            row[k + 1] = para(run(check(value, w), value_rpr))
        kept = len(rows) if keep_with_next else len(rows) - 1 if block.keep_together else 0
        self.body.append(_grid_table(widths, rows, kept=kept))
        self.body.append(_GAP_KEPT if keep_with_next else _GAP)

    def table(self, block: ItemTable, at: str, *, keep_with_next: bool = False) -> None:
        """The item table: its end (the last KEEP_ROWS rows, the totals rows) keeps together.

        With ``keep_with_next`` the last row keeps with the next block too.
        """
        # The PDF layout's measure of the table (its fonts, metrically wider than Word's
        # Arial): columns wide enough that Word never breaks a figure, one text size.
        size, widths_mm, pad = self.measure(block, at)
        widths = [round(w * _TWIPS_PER_MM) for w in widths_mm]
        body_sz, head_sz = _half_points(size), _half_points(size * 7.5 / 8)
        style = self.template.table_style
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        pprs, kept_pprs = (
            [
                f'<w:pPr><w:pStyle w:val="{style}"/>{keep}<w:jc w:val="{_JC[c.align]}"/></w:pPr>'
                for c in block.columns
            ]
            for keep in ("", "<w:keepNext/>")
        )
        tcpr = [f'<w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>' for w in widths]
        zebra = f'<w:shd w:val="clear" w:color="auto" w:fill="{_ZEBRA}"/>'
        head_shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{self.accent}"/>'
        head_rpr = f'<w:rPr><w:b/><w:color w:val="FFFFFF"/>{head_sz}</w:rPr>'
        bold_rpr = f"<w:rPr><w:b/>{body_sz}</w:rPr>"
        body_rpr = f"<w:rPr>{body_sz}</w:rPr>" if body_sz else ""
        pad_twips = round(pad * _TWIPS_PER_MM)

        parts = [
            f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblBorders>'
            f'<w:top w:val="single" w:sz="4" w:space="0" w:color="{_GRID}"/>'
            f'<w:bottom w:val="single" w:sz="4" w:space="0" w:color="{_GRID}"/>'
            f'<w:insideH w:val="single" w:sz="2" w:space="0" w:color="{_GRID}"/>'
            '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar>'
            f'<w:top w:w="28" w:type="dxa"/><w:left w:w="{pad_twips}" w:type="dxa"/>'
            f'<w:bottom w:w="28" w:type="dxa"/><w:right w:w="{pad_twips}" w:type="dxa"/>'
            "</w:tblCellMar>"
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>",
            "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
        ]
        for c, col in enumerate(block.columns):
            title = check(col.title, located(f"{at}.columns[{c}]"))
            parts.append(
                f"<w:tc>{tcpr[c]}{head_shd}</w:tcPr>"
                f"<w:p>{kept_pprs[c]}{runs(title, head_rpr)}</w:p></w:tc>"
            )
        parts.append("</w:tr>")
        # Rows from index ``first_kept`` on (the body rows and totals rows counted as one
        # sequence) keep with the next row, up to ``last_kept``.
        first_kept = max(len(block.rows) - KEEP_ROWS, 0)
        last_kept = len(block.rows) + len(block.totals) - (0 if keep_with_next else 1)
        index = 0
        for name, rows in (("rows", block.rows), ("totals", block.totals)):
            is_total = name == "totals"
            for r, row in enumerate(rows):
                shd = zebra if (r % 2 and not is_total) else ""
                row_pprs = kept_pprs if first_kept <= index < last_kept else pprs
                index += 1
                parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
                for c, cell in enumerate(row):
                    if isinstance(cell, ImageCell):
                        body = self.media.drawing(cell.path, float(cell.height), at)
                    elif not cell:
                        body = ""
                    else:
                        if BAD_XML.search(cell):
                            check(cell, located(f"{at}.{name}[{r}][{c}]"))
                        body = runs(bind_units(cell), bold_rpr if is_total else body_rpr)
                    parts.append(
                        f"<w:tc>{tcpr[c]}{shd}</w:tcPr><w:p>{row_pprs[c]}{body}</w:p></w:tc>"
                    )
                parts.append("</w:tr>")
        parts.append("</w:tbl>")
        self.body.append("".join(parts))
        self.body.append(_GAP_KEPT if keep_with_next else _GAP)

    def measure(self, block: ItemTable, at: str) -> tuple[float, list[float], float]:
        """The table's text size (pt), column widths and cell padding (mm), as the PDF has them.

        Raises TableTooWide (a RenderError) when the figures cannot fit the page.
        """
        if self.canvas is None:
            plan = FontPlan(self.style.fonts, need_cjk=self.style.language.needs_cjk)
            self.canvas = Canvas(self.style, plan)
        layout = TableLayout(self.canvas, block, at, lay=False, rough=True)
        return layout.size, layout.widths, layout.pad

    def totals(self, block: Totals, at: str, *, keep_with_next: bool = False) -> None:
        """The totals rows, kept together and with the amount in words below them.

        With ``keep_with_next`` the last paragraph keeps with the next block too.
        """
        cw = self.cw
        rows = []
        for i, (label, value) in enumerate(block.rows):
            w = located(f"{at}.rows[{i}]")
            last = i == len(block.rows) - 1
            size = 9.5 if last else 8.5
            cells = [""]
            for text, bold in ((label, True), (value, last)):
                cells.append(para(run(check(text, w), rpr(bold=bold, size=size)), ppr(jc="right")))
            rows.append(cells)
        kept = len(rows) if block.words or keep_with_next else len(rows) - 1
        self.body.append(_grid_table([cw * 0.5, cw * 0.25, cw * 0.25], rows, kept=kept))
        if block.words:
            words = check(block.words, lambda: f"{at}.words")
            props = ppr(keep_next=True if keep_with_next else None)
            self.body.append(para(run(words, rpr(bold=True, size=8.5)), props))

    def text(self, block: Text, at: str, *, keep_with_next: bool = False) -> None:
        """The text's paragraphs; ``keep_with_next`` makes Word keep them with the next block.

        Kept paragraphs are not split either (``w:keepLines``). A heading is in the
        "heading 2" style, which keeps with the next paragraph unless the block says not.
        """
        heading = block.style is TextStyle.HEADING
        size, colour, bold = {
            TextStyle.NORMAL: (9.0, None, False),
            TextStyle.SMALL: (7.5, None, False),
            TextStyle.BOLD: (9.0, None, True),
            TextStyle.HEADING: (None, None, False),  # the style's: 11 pt, bold, accent
            TextStyle.MUTED: (8.0, _MUTED, False),
        }[block.style]
        props = rpr(bold=bold, colour=colour, size=size)
        where = located(f"{at}.text")
        if keep_with_next:
            keep = ppr(style=HEADING if heading else None, keep_next=True, keep_lines=True)
        elif heading:
            keep = ppr(style=HEADING, keep_next=False if not block.keeps else None)
        else:
            keep = ""
        for paragraph in block.text.split("\n\n"):
            lines = paragraph.strip("\n").split("\n")
            content = "<w:r><w:br/></w:r>".join(run(check(line, where), props) for line in lines)
            self.body.append(para(content, keep))

    def signatures(self, block: Signatures, at: str) -> None:
        n = len(block.boxes)
        self.body.append(para("", ppr(keep_next=True)))
        cells = []
        for i, box in enumerate(block.boxes):
            w = located(f"{at}.boxes[{i}]")
            cell = [
                para(run(check(box.label, w), rpr(bold=True, size=8))),
                para("", ppr(before=twips(14))),
                self.para("_" * 32, w, size=8, space_after=0, colour=_MUTED),
            ]
            if box.name:
                cell.append(self.para(box.name, w, size=8.5, space_after=0))
            if box.title:
                cell.append(self.para(box.title, w, size=7.5, colour=_MUTED, space_after=0))
            cells.append("".join(cell))
        # One row that never splits: the boxes' lines and names stay together.
        self.body.append(_grid_table([self.cw / n] * n, [cells]))

    def section(self) -> str:
        """The page size and margins, and the footer's reference."""
        width, height = self.style.page_mm
        orient = ' w:orient="landscape"' if width > height else ""
        m = self.style.margins
        return (
            f'<w:sectPr><w:footerReference w:type="default" r:id="{self.template.footer_rid}"/>'
            f'<w:pgSz w:w="{twips(float(width))}" w:h="{twips(float(height))}"{orient}/>'
            f'<w:pgMar w:top="{twips(float(m.top))}" w:right="{twips(float(m.right))}"'
            f' w:bottom="{twips(float(m.bottom))}" w:left="{twips(float(m.left))}"'
            f' w:header="720" w:footer="{twips(max(float(m.bottom) / 2, 5))}" w:gutter="0"/>'
            '<w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr>'
        )

    def footer(self) -> str:
        """The footer's paragraph: the reference, then "Page n of m" flush right."""
        props = rpr(colour=_MUTED, size=7.5)
        xml: list[str] = []
        ref = self.doc_in.meta.reference
        if ref:
            xml.append(runs(check(ref, lambda: "meta.reference") + "\t", props))
        for k, (before, between, after) in enumerate(page_label_parts(self.style.language)):
            if k:
                xml.append(runs("   ", props))
            xml.append(runs(before, props))
            xml.append(
                f'<w:fldSimple w:instr=" PAGE "><w:r>{props}<w:t>1</w:t></w:r></w:fldSimple>'
            )
            xml.append(runs(between, props))
            xml.append(
                f'<w:fldSimple w:instr=" NUMPAGES "><w:r>{props}<w:t>1</w:t></w:r></w:fldSimple>'
            )
            if after:
                xml.append(runs(after, props))
        if not ref:
            return para("".join(xml), ppr(style="Footer", jc="right"))
        # A right tab at the text edge puts the page number flush right after the reference.
        tabs = (
            '<w:tabs><w:tab w:val="clear" w:pos="4680"/><w:tab w:val="clear" w:pos="9360"/>'
            f'<w:tab w:val="right" w:pos="{self.content_twips}"/></w:tabs>'
        )
        return para("".join(xml), ppr(style="Footer", tabs=tabs))


def docx_bytes(document: Document, style: Style) -> bytes:
    """Render ``document`` to DOCX bytes."""
    return _Docx(document, style).run()
