"""The DOCX backend: real Word tables, repeated header rows, PAGE/NUMPAGES fields.

Small blocks use python-docx's API. The item table, which may have thousands of
rows, is written as one WordprocessingML string (a row template filled per row)
and parsed once with lxml: python-docx's cell API re-walks the table grid on every
access, which makes a 1,000-row table take seconds.

Fonts are names, not files, in DOCX, and Word (or LibreOffice) chooses the font of
each character itself: the document defaults (``w:rPrDefault`` in styles.xml) name
``LATIN_FONT`` for Latin text (``w:ascii``/``w:hAnsi``) and ``CJK_FONT`` for Chinese
(``w:eastAsia``), and set the language to en-US for Latin and zh-CN for East Asian
text (``w:lang``), which also steers a reader's font substitution towards Simplified
Chinese glyphs. Nothing is set per run, so every run, table cell and footer inherits it.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from exportdocs.exceptions import RenderError
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
from exportdocs.render._layout import (
    MM_PER_PT,
    Where,
    bilingual_break,
    kept_with_next,
    located,
    page_label_parts,
    title_em,
)
from exportdocs.render._style import Style
from exportdocs.render._table import Align, ImageCell, ItemTable

__all__ = ["CJK_FONT", "CJK_LANG", "LATIN_FONT", "LATIN_LANG", "docx_bytes"]

#: Font family for Latin text in DOCX output (``w:ascii``/``w:hAnsi``). Not the PDF's
#: DejaVu Sans: a DOCX names fonts the reader has, and Arial is on every Word installation
#: (LibreOffice maps it to the metric-compatible Liberation Sans); it covers Latin
#: Extended-A, Greek and Cyrillic (Łódź, Şişecam, ΑΒΓ).
LATIN_FONT = "Arial"
#: Font family for Chinese text in DOCX output (``w:eastAsia``): Windows' Simplified Chinese
#: UI font; elsewhere the reader substitutes a Simplified Chinese font (the zh-CN language
#: tells it which).
CJK_FONT = "Microsoft YaHei"
#: Languages of the runs (``w:lang``): Latin text and East Asian text.
LATIN_LANG = "en-US"
CJK_LANG = "zh-CN"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TWIPS_PER_MM = 1440 / 25.4
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_JC = {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right"}
_GRID = "C4C9CF"
_ZEBRA = "F5F7F9"
_MUTED = "646C75"
_INK = "212529"


#: The element that holds an item table's place in python-docx's tree (see ``_package``).
_MARKER = "exportdocsItemTable"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _check(text: str, where: Where) -> str:
    if _BAD_XML.search(text):
        bad = _BAD_XML.search(text)
        assert bad is not None
        raise RenderError(
            f"{where()}: the control character {bad.group()!r} cannot be stored in a DOCX file"
        )
    return text


def _runs_xml(text: str, rpr: str = "") -> str:
    """Runs for ``text``; newlines become ``w:br``, tabs ``w:tab``."""
    if "\n" not in text and "\t" not in text:
        return f'<w:r>{rpr}<w:t xml:space="preserve">{_esc(text)}</w:t></w:r>'
    parts: list[str] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append(f"<w:r>{rpr}<w:br/></w:r>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                parts.append(f"<w:r>{rpr}<w:tab/></w:r>")
            if chunk:
                parts.append(f'<w:r>{rpr}<w:t xml:space="preserve">{_esc(chunk)}</w:t></w:r>')
    return "".join(parts)


def _default_fonts(styles: Any) -> None:
    """Name the fonts and languages of every run in styles.xml's ``w:rPrDefault``.

    Word selects the font per character from ``w:rFonts``: ``w:ascii`` for ASCII,
    ``w:hAnsi`` for the other Latin, Greek and Cyrillic letters, ``w:eastAsia`` for Han
    characters, CJK punctuation and full-width forms. The template's theme references
    (``w:asciiTheme`` ...) are removed, since they would win over the names.
    """
    from docx.oxml import parse_xml

    def child(parent: Any, tag: str, index: int | None = None) -> Any:
        found = parent.find(f"{{{_W}}}{tag}")
        if found is None:
            found = parse_xml(f'<w:{tag} xmlns:w="{_W}"/>')
            if index is None:
                parent.append(found)
            else:
                parent.insert(index, found)
        return found

    rpr = child(child(child(styles, "docDefaults", 0), "rPrDefault", 0), "rPr", 0)
    fonts = child(rpr, "rFonts", 0)
    fonts.attrib.clear()
    names = {"ascii": LATIN_FONT, "hAnsi": LATIN_FONT, "eastAsia": CJK_FONT, "cs": LATIN_FONT}
    langs = {"val": LATIN_LANG, "eastAsia": CJK_LANG}
    for element, values in ((fonts, names), (child(rpr, "lang"), langs)):
        for attr, value in values.items():
            element.set(f"{{{_W}}}{attr}", value)


class _Docx:
    def __init__(self, document: Document, style: Style) -> None:
        import docx
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import Mm, Pt, RGBColor

        self.doc_in = document
        self.style = style
        self.accent = style.accent[1:]
        self.Mm, self.Pt, self.RGB = Mm, Pt, RGBColor
        d = docx.Document()
        self.d = d
        self.tables: list[str] = []
        section = d.sections[0]
        width, height = style.paper.size_mm
        m = style.margins
        section.page_width, section.page_height = Mm(float(width)), Mm(float(height))
        section.left_margin, section.right_margin = Mm(float(m.left)), Mm(float(m.right))
        section.top_margin, section.bottom_margin = Mm(float(m.top)), Mm(float(m.bottom))
        section.footer_distance = Mm(max(float(m.bottom) / 2, 5))
        self.content_twips = round(float(width - m.left - m.right) * _TWIPS_PER_MM)

        _default_fonts(d.styles.element)
        normal = d.styles["Normal"]
        normal.font.size = Pt(9)
        normal.font.color.rgb = RGBColor.from_string(_INK)
        normal.paragraph_format.space_after = Pt(2)
        table_style = d.styles.add_style("ED Table", WD_STYLE_TYPE.PARAGRAPH)
        table_style.base_style = normal
        table_style.font.size = Pt(8)
        table_style.paragraph_format.space_after = Pt(0)
        table_style.paragraph_format.space_before = Pt(0)
        self.table_style_id = table_style.style_id

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
        container: Any = None,
        space_after: float | None = None,
    ) -> Any:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        box = container if container is not None else self.d
        p = box.add_paragraph()
        if text:
            run = p.add_run(_check(text, where))
            run.bold = bold or None
            if size is not None:
                run.font.size = self.Pt(size)
            if colour is not None:
                run.font.color.rgb = self.RGB.from_string(colour)
        p.alignment = {
            Align.LEFT: None,
            Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
            Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
        }[align]
        if space_after is not None:
            p.paragraph_format.space_after = self.Pt(space_after)
        return p

    def grid_table(self, rows: int, widths_mm: list[float]) -> Any:
        """A borderless fixed-layout table with the given column widths."""
        from docx.shared import Mm

        table = self.d.add_table(rows=rows, cols=len(widths_mm))
        table.autofit = False
        for c, w in enumerate(widths_mm):
            table.columns[c].width = Mm(w)
            for cell in table.columns[c].cells:
                cell.width = Mm(w)
        return table

    def accented(self, run: Any, size: float) -> None:
        """Make ``run`` bold, ``size`` pt, in the accent colour (titles and box labels)."""
        run.bold = True
        run.font.size = self.Pt(size)
        run.font.color.rgb = self.RGB.from_string(self.accent)

    @staticmethod
    def cell_para(cell: Any) -> Any:
        return cell.paragraphs[0]

    def content_mm(self) -> float:
        w, _ = self.style.paper.size_mm
        return float(w - self.style.margins.left - self.style.margins.right)

    def shade(self, cell: Any, fill: str) -> None:
        from docx.oxml import parse_xml

        cell._tc.get_or_add_tcPr().append(
            parse_xml(f'<w:shd xmlns:w="{_W}" w:val="clear" w:color="auto" w:fill="{fill}"/>')
        )

    def borders(self, table: Any, colour: str = _GRID, inside: bool = False) -> None:
        from docx.oxml import parse_xml

        edges = ["top", "left", "bottom", "right"] + (["insideH", "insideV"] if inside else [])
        xml = "".join(
            f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="{colour}"/>' for e in edges
        )
        table._tbl.tblPr.append(parse_xml(f'<w:tblBorders xmlns:w="{_W}">{xml}</w:tblBorders>'))

    # ------------------------------------------------------------ blocks

    def run(self) -> bytes:
        for b, block in enumerate(self.doc_in.blocks):
            at = f"blocks[{b}]"
            if isinstance(block, Header):
                self.header(block, at)
            elif isinstance(block, PartyBoxes):
                self.parties(block, at)
            elif isinstance(block, KeyValueGrid):
                self.grid(block, at)
            elif isinstance(block, ItemTable):
                self.table(block, at)
            elif isinstance(block, Totals):
                self.totals(block, at)
            elif isinstance(block, Text):
                self.text(
                    block, at, keep_with_next=kept_with_next(self.doc_in.blocks, b) is not None
                )
            elif isinstance(block, Signatures):
                self.signatures(block, at)
            elif isinstance(block, Spacer):
                p = self.d.add_paragraph()
                p.paragraph_format.space_after = self.Mm(float(block.height))
                p.paragraph_format.line_spacing = self.Pt(1)
        self.footer()
        self.properties()
        out = io.BytesIO()
        self.d.save(out)
        return _package(out.getvalue(), self.doc_in.meta.created.timetuple()[:6], self.tables)

    def header(self, block: Header, at: str) -> None:
        head = block.letterhead or self.style.letterhead
        cw = self.content_mm()
        table = self.grid_table(1, [cw * 0.55, cw * 0.45])
        left, right = table.rows[0].cells
        where = located(f"{at} (letterhead)")
        if head is not None:
            p = self.cell_para(left)
            if head.logo is not None:
                try:
                    p.add_run().add_picture(str(head.logo), height=self.Mm(14))
                except Exception as exc:  # python-docx raises many types for bad images
                    raise RenderError(
                        f"{where()}: cannot read image {str(head.logo)!r}: {exc}"
                    ) from exc
                p = left.add_paragraph()
            self.accented(p.add_run(_check(head.name, where)), 13)
            for line in head.address:
                self.para(line, where, size=8, container=left, space_after=0)
            if head.contact_line:
                self.para(head.contact_line, where, size=7.5, colour=_MUTED, container=left)
        p = self.cell_para(right)
        p.alignment = 2  # right
        title = _check(block.title, lambda: f"{at}.title")
        # A bilingual title too wide for its cell breaks between the languages
        # (Word would break inside the Chinese word).
        if "\n" not in title and title_em(title) * 15 * MM_PER_PT > cw * 0.45 - 2:
            title = bilingual_break(title)
        for n, part in enumerate(title.split("\n")):
            run = p.add_run()
            if n:
                run.add_break()
            run.add_text(part)
            self.accented(run, 15)
        for i, (label, value) in enumerate(block.info):
            w = located(f"{at}.info[{i}]")
            p = self.para("", w, align=Align.RIGHT, container=right, space_after=0)
            r1 = p.add_run(_check(label, w) + ": ")
            r1.font.size = self.Pt(8)
            r1.font.color.rgb = self.RGB.from_string(_MUTED)
            r2 = p.add_run(_check(value, w))
            r2.bold = True
            r2.font.size = self.Pt(8.5)
        # The accent rule under the letterhead: a bottom border on a spacing paragraph.
        from docx.oxml import parse_xml

        rule = self.d.add_paragraph()
        rule.paragraph_format.space_after = self.Pt(6)
        rule._p.get_or_add_pPr().append(
            parse_xml(
                f'<w:pBdr xmlns:w="{_W}"><w:bottom w:val="single" w:sz="12" w:space="1" '
                f'w:color="{self.accent}"/></w:pBdr>'
            )
        )

    def parties(self, block: PartyBoxes, at: str) -> None:
        n = len(block.parties)
        table = self.grid_table(1, [self.content_mm() / n] * n)
        self.borders(table, inside=True)
        for i, (party, cell) in enumerate(zip(block.parties, table.rows[0].cells, strict=False)):
            w = located(f"{at}.parties[{i}]")
            p = self.cell_para(cell)
            self.accented(p.add_run(_check(party.label, w)), 7.5)
            for line in party.lines:
                self.para(line, w, size=8.5, container=cell, space_after=0)
        self.d.add_paragraph().paragraph_format.space_after = self.Pt(2)

    def grid(self, block: KeyValueGrid, at: str) -> None:
        per_row = block.columns // 2
        cw = self.content_mm()
        widths = [cw * 0.34, cw * 0.66] if per_row == 1 else [cw * 0.17, cw * 0.33] * 2
        pairs = block.pairs
        table = self.grid_table((len(pairs) + per_row - 1) // per_row, widths)
        for i, (label, value) in enumerate(pairs):
            w = located(f"{at}.pairs[{i}]")
            row = table.rows[i // per_row].cells
            k = (i % per_row) * 2
            run = self.cell_para(row[k]).add_run(_check(label, w))
            run.bold = True
            run.font.size = self.Pt(8)
            run.font.color.rgb = self.RGB.from_string(_MUTED)
            run = self.cell_para(row[k + 1]).add_run(_check(value, w))
            run.font.size = self.Pt(8.5)
        self.d.add_paragraph().paragraph_format.space_after = self.Pt(2)

    def table(self, block: ItemTable, at: str) -> None:
        from docx.oxml import parse_xml
        from docx.table import Table, _Cell

        total = sum(c.width for c in block.columns)
        widths = [round(self.content_twips * float(c.width / total)) for c in block.columns]
        style = self.table_style_id
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        ppr = [
            f'<w:pPr><w:pStyle w:val="{style}"/><w:jc w:val="{_JC[c.align]}"/></w:pPr>'
            for c in block.columns
        ]
        tcpr = [f'<w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>' for w in widths]
        zebra = f'<w:shd w:val="clear" w:color="auto" w:fill="{_ZEBRA}"/>'
        head_shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{self.accent}"/>'
        head_rpr = '<w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr>'
        bold_rpr = "<w:rPr><w:b/></w:rPr>"

        parts = [
            f'<w:tbl xmlns:w="{_W}"><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/><w:tblBorders>'
            f'<w:top w:val="single" w:sz="4" w:space="0" w:color="{_GRID}"/>'
            f'<w:bottom w:val="single" w:sz="4" w:space="0" w:color="{_GRID}"/>'
            f'<w:insideH w:val="single" w:sz="2" w:space="0" w:color="{_GRID}"/>'
            '</w:tblBorders><w:tblCellMar><w:top w:w="28" w:type="dxa"/>'
            '<w:left w:w="70" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/>'
            '<w:right w:w="70" w:type="dxa"/></w:tblCellMar></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>",
            "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
        ]
        for c, col in enumerate(block.columns):
            title = _check(col.title, located(f"{at}.columns[{c}]"))
            parts.append(
                f"<w:tc>{tcpr[c]}{head_shd}</w:tcPr>"
                f"<w:p>{ppr[c]}{_runs_xml(title, head_rpr)}</w:p></w:tc>"
            )
        parts.append("</w:tr>")
        images: list[tuple[int, int, ImageCell]] = []
        n_rows = 1
        for name, rows in (("rows", block.rows), ("totals", block.totals)):
            is_total = name == "totals"
            for r, row in enumerate(rows):
                shd = zebra if (r % 2 and not is_total) else ""
                parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
                for c, cell in enumerate(row):
                    if isinstance(cell, ImageCell):
                        images.append((n_rows, c, cell))
                        body = ""
                    elif not cell:
                        body = ""
                    else:
                        if _BAD_XML.search(cell):
                            _check(cell, located(f"{at}.{name}[{r}][{c}]"))
                        body = _runs_xml(cell, bold_rpr if is_total else "")
                    parts.append(f"<w:tc>{tcpr[c]}{shd}</w:tcPr><w:p>{ppr[c]}{body}</w:p></w:tc>")
                parts.append("</w:tr>")
                n_rows += 1
        parts.append("</w:tbl>")
        body = self.d.element.body
        if not images:
            # The table goes into document.xml as text when the package is written
            # (see _package): parsing it into python-docx's tree and serialising it
            # back would take most of the time of a long document. The marker is
            # an element of the w namespace that nothing else writes.
            parts[0] = parts[0].replace(f' xmlns:w="{_W}"', "", 1)
            marker = parse_xml(f'<w:{_MARKER} xmlns:w="{_W}" w:n="{len(self.tables)}"/>')
            self.tables.append("".join(parts))
            body.insert(len(body) - 1, marker)  # before the final sectPr
            self.d.add_paragraph().paragraph_format.space_after = self.Pt(2)
            return
        tbl = parse_xml("".join(parts))
        body.insert(len(body) - 1, tbl)  # before the final sectPr
        proxy = Table(tbl, self.d._body)
        trs = tbl.tr_lst
        for r, c, image in images:
            photo_cell = _Cell(trs[r].tc_lst[c], proxy)
            try:
                photo_cell.paragraphs[0].add_run().add_picture(
                    str(image.path), height=self.Mm(float(image.height))
                )
            except Exception as exc:  # python-docx raises many types for bad images
                raise RenderError(f"{at}: cannot read image {str(image.path)!r}: {exc}") from exc
        self.d.add_paragraph().paragraph_format.space_after = self.Pt(2)

    def totals(self, block: Totals, at: str) -> None:
        cw = self.content_mm()
        table = self.grid_table(len(block.rows), [cw * 0.5, cw * 0.25, cw * 0.25])
        for i, (label, value) in enumerate(block.rows):
            w = located(f"{at}.rows[{i}]")
            last = i == len(block.rows) - 1
            cells = table.rows[i].cells
            for cell, text, bold in ((cells[1], label, True), (cells[2], value, last)):
                p = self.cell_para(cell)
                p.alignment = 2
                run = p.add_run(_check(text, w))
                run.bold = bold or None
                run.font.size = self.Pt(9.5 if last else 8.5)
        if block.words:
            self.para(block.words, lambda: f"{at}.words", bold=True, size=8.5)

    def text(self, block: Text, at: str, *, keep_with_next: bool = False) -> None:
        """The text's paragraphs; ``keep_with_next`` makes Word keep them with the next block."""
        size, colour, bold = {
            TextStyle.NORMAL: (9.0, None, False),
            TextStyle.SMALL: (7.5, None, False),
            TextStyle.BOLD: (9.0, None, True),
            TextStyle.HEADING: (11.0, self.accent, True),
            TextStyle.MUTED: (8.0, _MUTED, False),
        }[block.style]
        for para in block.text.split("\n\n"):
            p = self.para("", lambda: f"{at}.text")
            if keep_with_next:
                p.paragraph_format.keep_with_next = True
            for i, line in enumerate(para.strip("\n").split("\n")):
                if i:
                    p.add_run().add_break()
                run = p.add_run(_check(line, lambda: f"{at}.text"))
                run.font.size = self.Pt(size)
                run.bold = bold or None
                if colour:
                    run.font.color.rgb = self.RGB.from_string(colour)

    def signatures(self, block: Signatures, at: str) -> None:
        n = len(block.boxes)
        self.d.add_paragraph().paragraph_format.keep_with_next = True
        table = self.grid_table(1, [self.content_mm() / n] * n)
        from docx.oxml import parse_xml

        # One row that never splits: the boxes' lines and names stay together.
        table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit xmlns:w="{_W}"/>'))
        for i, (box, cell) in enumerate(zip(block.boxes, table.rows[0].cells, strict=False)):
            w = located(f"{at}.boxes[{i}]")
            run = self.cell_para(cell).add_run(_check(box.label, w))
            run.bold = True
            run.font.size = self.Pt(8)
            spacer = cell.add_paragraph()
            spacer.paragraph_format.space_before = self.Mm(14)
            self.para("_" * 32, w, size=8, container=cell, space_after=0, colour=_MUTED)
            if box.name:
                self.para(box.name, w, size=8.5, container=cell, space_after=0)
            if box.title:
                self.para(box.title, w, size=7.5, colour=_MUTED, container=cell, space_after=0)

    def footer(self) -> None:
        from docx.oxml import parse_xml

        footer = self.d.sections[0].footer
        p = footer.paragraphs[0]
        p.alignment = 2
        rpr = f'<w:rPr><w:color w:val="{_MUTED}"/><w:sz w:val="15"/></w:rPr>'
        xml: list[str] = []
        ref = self.doc_in.meta.reference
        if ref:
            xml.append(_runs_xml(_check(ref, lambda: "meta.reference") + "\t", rpr))
        for k, (before, between, after) in enumerate(page_label_parts(self.style.language)):
            if k:
                xml.append(_runs_xml("   ", rpr))
            xml.append(_runs_xml(before, rpr))
            xml.append(f'<w:fldSimple w:instr=" PAGE "><w:r>{rpr}<w:t>1</w:t></w:r></w:fldSimple>')
            xml.append(_runs_xml(between, rpr))
            xml.append(
                f'<w:fldSimple w:instr=" NUMPAGES "><w:r>{rpr}<w:t>1</w:t></w:r></w:fldSimple>'
            )
            if after:
                xml.append(_runs_xml(after, rpr))
        wrapper = parse_xml(f'<w:p xmlns:w="{_W}">{"".join(xml)}</w:p>')
        for child in list(wrapper):
            p._p.append(child)
        if ref:
            # A right tab at the text edge puts the page number flush right after the reference.
            tabs = (
                f'<w:tabs xmlns:w="{_W}"><w:tab w:val="clear" w:pos="4680"/>'
                '<w:tab w:val="clear" w:pos="9360"/>'
                f'<w:tab w:val="right" w:pos="{self.content_twips}"/></w:tabs>'
            )
            p._p.get_or_add_pPr().append(parse_xml(tabs))
            p.alignment = None

    def properties(self) -> None:
        meta = self.doc_in.meta
        props = self.d.core_properties
        created = (
            meta.created.replace(tzinfo=None) if meta.created.utcoffset() is None else meta.created
        )
        props.created = created
        props.modified = created
        props.last_printed = created
        props.revision = 1
        props.title = meta.title
        props.author = meta.author or "exportdocs"
        props.last_modified_by = meta.author or "exportdocs"
        props.identifier = meta.identifier or ""
        props.comments = ""


def _package(data: bytes, when: tuple[int, ...], tables: list[str]) -> bytes:
    """Rewrite the package: item tables in place of their markers, fixed member dates.

    Fixed dates make equal input give equal bytes.
    """
    stamp = (max(when[0], 1980), *when[1:6])
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)  # type: ignore[arg-type]
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            content = src.read(info.filename)
            if tables and info.filename == "word/document.xml":
                content = _insert_tables(content, tables)
            dst.writestr(fixed, content)
    return out.getvalue()


def _insert_tables(xml: bytes, tables: list[str]) -> bytes:
    """document.xml with each table marker replaced by its table."""
    pieces = []
    last = 0
    for n, table in enumerate(tables):
        marker = f'<w:{_MARKER} w:n="{n}"/>'.encode()
        at = xml.find(marker, last)
        if at < 0:  # cannot happen unless python-docx changes how it writes elements
            raise RenderError(f"item table {n} was lost while writing the DOCX package")
        pieces += [xml[last:at], table.encode()]
        last = at + len(marker)
    pieces.append(xml[last:])
    return b"".join(pieces)


def docx_bytes(document: Document, style: Style) -> bytes:
    """Render ``document`` to DOCX bytes."""
    return _Docx(document, style).run()
