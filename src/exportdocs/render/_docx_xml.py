"""WordprocessingML written as text: runs, paragraph and run properties, lengths.

The DOCX backend writes document.xml as one string instead of building an element tree
with python-docx: for the few dozen paragraphs and cells of a document, python-docx's
element API costs more than all the rest of the work. The markup here is what
python-docx writes for the same calls (``add_run``, ``font.size``, ``space_after`` ...),
with the property elements in the order the schema requires.

Every text reaches the markup through :func:`check` (characters XML cannot hold are
refused, naming where they are) and :func:`esc`. A run holding Chinese says so
(``<w:lang w:eastAsia="zh-CN"/>``): Word decides the script of each character itself,
and the East Asian language is what it (and a reader substituting fonts) goes by.
"""

from __future__ import annotations

import functools
import re

from exportdocs.exceptions import RenderError
from exportdocs.render._layout import Where

#: The WordprocessingML namespace.
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: The language of East Asian text (``w:lang w:eastAsia``).
CJK_LANG = "zh-CN"
#: The run property that marks a run's East Asian text as Chinese.
LANG_ZH = f'<w:lang w:eastAsia="{CJK_LANG}"/>'

#: Characters an XML 1.0 document cannot hold (C0 controls but tab and newlines, the two
#: non-characters at the end of the BMP) and lone surrogates, which UTF-8 cannot encode.
BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPLIT = re.compile("([\t\r\n])")
#: Chinese text: CJK radicals to unified ideographs (with the CJK punctuation, kana and
#: bopomofo between), compatibility ideographs and forms, full-width forms, and the
#: supplementary ideographic planes.
_CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]")
#: The start of every paragraph (up to its style), and a keepNext already there.
_PARAGRAPH = re.compile(r"<w:p/>|<w:p>(?:<w:pPr>(?:<w:pStyle [^>]*/>)?(<w:keepNext/>)?)?")
_EMU_PER_MM = 36000
_EMU_PER_PT = 12700
_EMU_PER_TWIP = 635


def esc(text: str) -> str:
    """``text`` escaped for element content."""
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def esc_attr(text: str) -> str:
    """``text`` escaped for a double-quoted attribute value."""
    return (
        esc(text)
        .replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )


def check(text: str, where: Where) -> str:
    """``text``, or a RenderError naming ``where()`` when a character cannot be stored."""
    bad = BAD_XML.search(text)
    if bad is not None:
        char = bad.group()
        kind = "control character" if char < " " else "character"
        raise RenderError(f"{where()}: the {kind} {char!r} cannot be stored in a DOCX file")
    return text


def twips(mm: float) -> int:
    """Millimetres as twips, rounded as python-docx does (``Mm(mm).twips``)."""
    return round(int(mm * _EMU_PER_MM) / _EMU_PER_TWIP)


def pt_twips(pt: float) -> int:
    """Points as twips (``Pt(pt).twips``)."""
    return round(int(pt * _EMU_PER_PT) / _EMU_PER_TWIP)


@functools.lru_cache(maxsize=64)
def rpr(*, bold: bool = False, colour: str | None = None, size: float | None = None) -> str:
    """A ``w:rPr`` (empty string when nothing is set); ``size`` in points."""
    parts = ["<w:b/>"] if bold else []
    if colour is not None:
        parts.append(f'<w:color w:val="{colour.upper()}"/>')
    if size is not None:
        parts.append(f'<w:sz w:val="{int(int(size * _EMU_PER_PT) / _EMU_PER_PT * 2)}"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


@functools.lru_cache(maxsize=64)
def ppr(
    *,
    style: str | None = None,
    keep_next: bool | None = None,
    keep_lines: bool = False,
    border: str = "",
    tabs: str = "",
    before: int | None = None,
    after: int | None = None,
    line: int | None = None,
    jc: str | None = None,
) -> str:
    """A ``w:pPr`` (empty string when nothing is set); spacing in twips, ``line`` exact.

    ``keep_next`` False writes ``<w:keepNext w:val="0"/>`` (against a style's keepNext),
    None nothing. ``border`` and ``tabs`` are the ``w:pBdr`` and ``w:tabs`` elements.
    """
    parts = [f'<w:pStyle w:val="{style}"/>'] if style else []
    if keep_next is not None:
        parts.append("<w:keepNext/>" if keep_next else '<w:keepNext w:val="0"/>')
    if keep_lines:
        parts.append("<w:keepLines/>")
    parts += [border, tabs]
    spacing = ""
    if before is not None:
        spacing += f' w:before="{before}"'
    if after is not None:
        spacing += f' w:after="{after}"'
    if line is not None:
        spacing += f' w:line="{line}" w:lineRule="exact"'
    if spacing:
        parts.append(f"<w:spacing{spacing}/>")
    if jc is not None:
        parts.append(f'<w:jc w:val="{jc}"/>')
    body = "".join(parts)
    return f"<w:pPr>{body}</w:pPr>" if body else ""


def keep_next(xml: str) -> str:
    """``xml`` (paragraphs, tables) with ``w:keepNext`` in every paragraph's properties.

    >>> keep_next('<w:p/><w:p><w:pPr><w:jc w:val="right"/></w:pPr></w:p>')
    '<w:p><w:pPr><w:keepNext/></w:pPr></w:p><w:p><w:pPr><w:keepNext/><w:jc w:val="right"/></w:pPr></w:p>'
    """

    def add(m: re.Match[str]) -> str:
        found = m.group()
        if m.group(1) is not None:
            return found
        if found == "<w:p/>":
            return "<w:p><w:pPr><w:keepNext/></w:pPr></w:p>"
        if found == "<w:p>":
            return "<w:p><w:pPr><w:keepNext/></w:pPr>"
        return found + "<w:keepNext/>"

    return _PARAGRAPH.sub(add, xml)


@functools.lru_cache(maxsize=64)
def _zh(props: str) -> str:
    """Run properties ``props`` with the East Asian language zh-CN (``w:lang`` comes last)."""
    if not props:
        return f"<w:rPr>{LANG_ZH}</w:rPr>"
    return props[: -len("</w:rPr>")] + LANG_ZH + "</w:rPr>"


def _t(text: str) -> str:
    if len(text.strip()) < len(text):
        return f'<w:t xml:space="preserve">{esc(text)}</w:t>'
    return f"<w:t>{esc(text)}</w:t>"


def run(text: str, props: str = "", *, br: bool = False) -> str:
    """One ``w:r`` of checked ``text``: a tab becomes ``w:tab``, a CR or LF ``w:br``.

    As python-docx's ``add_run(text)``; ``xml:space="preserve"`` only when the text has
    whitespace at an end. ``br`` starts the run with a line break. A run holding
    Chinese gets ``w:lang w:eastAsia="zh-CN"``.
    """
    if not text.isascii() and _CJK.search(text):
        props = _zh(props)
    first = "<w:br/>" if br else ""
    if "\t" not in text and "\n" not in text and "\r" not in text:
        return f"<w:r>{props}{first}{_t(text) if text else ''}</w:r>"
    content = [first]
    for piece in _SPLIT.split(text):
        if piece == "\t":
            content.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            content.append("<w:br/>")
        elif piece:
            content.append(_t(piece))
    return f"<w:r>{props}{''.join(content)}</w:r>"


def runs(text: str, props: str = "") -> str:
    """Runs of checked ``text``, one per line and tab stop; newlines become ``w:br``.

    The item tables' and the footer's form: every ``w:t`` keeps its spaces. A run
    holding Chinese gets ``w:lang w:eastAsia="zh-CN"``.
    """
    chinese = not text.isascii() and _CJK.search(text) is not None
    if "\n" not in text and "\t" not in text:
        zh = _zh(props) if chinese else props
        return f'<w:r>{zh}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>'
    parts: list[str] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append(f"<w:r>{props}<w:br/></w:r>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                parts.append(f"<w:r>{props}<w:tab/></w:r>")
            if chunk:
                zh = _zh(props) if chinese and _CJK.search(chunk) else props
                parts.append(f'<w:r>{zh}<w:t xml:space="preserve">{esc(chunk)}</w:t></w:r>')
    return "".join(parts)


def para(content: str = "", props: str = "") -> str:
    """A ``w:p`` of properties ``props`` and runs ``content``."""
    return f"<w:p>{props}{content}</w:p>"
