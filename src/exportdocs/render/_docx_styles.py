"""The DOCX styles part: fonts and languages of the document defaults, heading styles.

python-docx's template is prepared once per process (:func:`prepare`); the accent
colour and the languages differ between documents, so the prepared styles.xml holds
markers for them that :func:`styles_xml` fills in (the package caches the result per
accent and language, so a batch of documents compresses it once).

Fonts are names, not files, in DOCX, and Word (or LibreOffice) chooses the font of each
character itself: the document defaults (``w:rPrDefault``) name ``LATIN_FONT`` for Latin
text (``w:ascii``/``w:hAnsi``) and ``CJK_FONT`` for Chinese (``w:eastAsia``). Their
``w:lang`` gives the language of Latin text (``w:val``: en-US, zh-CN in a Chinese
document) and, whenever the document holds Chinese, of East Asian text (``w:eastAsia``:
zh-CN), which steers a reader's font substitution towards Simplified Chinese glyphs;
runs of Chinese text say ``w:eastAsia="zh-CN"`` themselves too (see ``_docx_xml.run``).

The document title is a real "heading 1" and headings are "heading 2" (Word's
navigation pane and LibreOffice's navigator list them), defined to look as the
document always looked: bold, in the accent colour, 15 and 11 pt, in the document
fonts (the template's theme fonts are removed), kept with the next paragraph and
never split (``w:keepNext``, ``w:keepLines``).
"""

from __future__ import annotations

from typing import Any

from exportdocs.render._docx_xml import CJK_LANG, W
from exportdocs.render._style import Language

__all__ = [
    "CJK_FONT",
    "CJK_LANG",
    "HEADING",
    "LATIN_FONT",
    "LATIN_LANG",
    "TITLE",
    "core_language",
    "lang_element",
    "prepare",
    "styles_xml",
]

#: Font family for Latin text in DOCX output (``w:ascii``/``w:hAnsi``). Not the PDF's
#: DejaVu Sans: a DOCX names fonts the reader has, and Arial is on every Word installation
#: (LibreOffice maps it to the metric-compatible Liberation Sans); it covers Latin
#: Extended-A, Greek and Cyrillic (Łódź, Şişecam, ΑΒΓ).
LATIN_FONT = "Arial"
#: Font family for Chinese text in DOCX output (``w:eastAsia``): Windows' Simplified Chinese
#: UI font; elsewhere the reader substitutes a Simplified Chinese font (the zh-CN language
#: tells it which).
CJK_FONT = "Microsoft YaHei"
#: The language of Latin text (``w:lang w:val``) in an English or bilingual document.
LATIN_LANG = "en-US"

#: The style ids of the document title and of headings.
TITLE = "Heading1"
HEADING = "Heading2"

#: What :func:`styles_xml` replaces: the accent colour and the defaults' ``w:lang``.
_ACCENT = "EXPORTDOCS-ACCENT"
_LANG = '<w:lang w:val="EXPORTDOCS-LANG"/>'
#: (style id, name, outline level, size in half-points) of the heading styles.
_HEADINGS = ((TITLE, "heading 1", 0, 30), (HEADING, "heading 2", 1, 22))


def _child(parent: Any, tag: str, index: int | None = None) -> Any:
    """``parent``'s ``w:tag`` child, made (at ``index``, else last) when missing."""
    from docx.oxml import parse_xml

    found = parent.find(f"{{{W}}}{tag}")
    if found is None:
        found = parse_xml(f'<w:{tag} xmlns:w="{W}"/>')
        if index is None:
            parent.append(found)
        else:
            parent.insert(index, found)
    return found


def _default_fonts(styles: Any) -> None:
    """Name the fonts of every run in styles.xml's ``w:rPrDefault``; mark its ``w:lang``.

    Word selects the font per character from ``w:rFonts``: ``w:ascii`` for ASCII,
    ``w:hAnsi`` for the other Latin, Greek and Cyrillic letters, ``w:eastAsia`` for Han
    characters, CJK punctuation and full-width forms. The template's theme references
    (``w:asciiTheme`` ...) are removed, since they would win over the names.
    """
    rpr = _child(_child(_child(styles, "docDefaults", 0), "rPrDefault", 0), "rPr", 0)
    fonts = _child(rpr, "rFonts", 0)
    fonts.attrib.clear()
    names = {"ascii": LATIN_FONT, "hAnsi": LATIN_FONT, "eastAsia": CJK_FONT, "cs": LATIN_FONT}
    for attr, value in names.items():
        fonts.set(f"{{{W}}}{attr}", value)
    lang = _child(rpr, "lang")
    lang.attrib.clear()
    lang.set(f"{{{W}}}val", "EXPORTDOCS-LANG")


def _heading_styles(styles: Any) -> None:
    """Replace the template's "heading 1" and "heading 2" (and their character styles)."""
    from docx.oxml import parse_xml

    for style_id, name, level, size in _HEADINGS:
        rpr = (
            f'<w:rPr><w:b/><w:bCs/><w:color w:val="{_ACCENT}"/>'
            f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
        )
        paragraph = (
            f'<w:style xmlns:w="{W}" w:type="paragraph" w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
            f'<w:link w:val="{style_id}Char"/><w:uiPriority w:val="9"/><w:qFormat/>'
            f'<w:pPr><w:keepNext/><w:keepLines/><w:outlineLvl w:val="{level}"/></w:pPr>'
            f"{rpr}</w:style>"
        )
        character = (
            f'<w:style xmlns:w="{W}" w:type="character" w:customStyle="1"'
            f' w:styleId="{style_id}Char"><w:name w:val="{name.title()} Char"/>'
            '<w:basedOn w:val="DefaultParagraphFont"/>'
            f'<w:link w:val="{style_id}"/><w:uiPriority w:val="9"/>{rpr}</w:style>'
        )
        for xml, sid in ((paragraph, style_id), (character, f"{style_id}Char")):
            new = parse_xml(xml)
            old = styles.find(f'{{{W}}}style[@{{{W}}}styleId="{sid}"]')
            if old is None:
                styles.append(new)
            else:
                old.addprevious(new)
                styles.remove(old)


def prepare(styles: Any) -> None:
    """Prepare the template's ``w:styles`` element (fonts, language marker, headings)."""
    _default_fonts(styles)
    _heading_styles(styles)


def lang_element(language: Language, chinese: bool) -> str:
    """The document defaults' ``w:lang``: ``w:val`` for Latin text, ``w:eastAsia``.

    ``w:val`` is zh-CN in a Chinese document, en-US otherwise; ``w:eastAsia`` (zh-CN)
    is written when the document holds Chinese (``chinese``) or its language is
    Chinese or bilingual, and left out in an English document without any.

    >>> lang_element(Language.EN, False), lang_element(Language.ZH, True)
    ('<w:lang w:val="en-US"/>', '<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>')
    """
    latin = CJK_LANG if language is Language.ZH else LATIN_LANG
    if chinese or language.needs_cjk:
        return f'<w:lang w:val="{latin}" w:eastAsia="{CJK_LANG}"/>'
    return f'<w:lang w:val="{latin}"/>'


def core_language(language: Language) -> str:
    """The core properties' ``dc:language``: zh-CN for a Chinese document, else en-US."""
    return CJK_LANG if language is Language.ZH else LATIN_LANG


def styles_xml(prepared: str, accent: str, lang: str) -> str:
    """The prepared styles.xml with the accent colour (``RRGGBB``) and ``w:lang`` element."""
    if _LANG not in prepared or _ACCENT not in prepared:
        raise AssertionError("styles.xml was not prepared")
    return prepared.replace(_ACCENT, accent.upper()).replace(_LANG, lang)
