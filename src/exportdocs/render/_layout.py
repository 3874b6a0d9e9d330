"""Line breaking, the fixed wording and error locations shared by both backends.

Line breaking works on advance widths cached per character (1/1000 em, each in the
font of the fallback chain that draws it; see ``_fonts.FontPlan``), so a cell that
fits on one line costs one ``sum`` over a dictionary; only long text walks its
characters. Breaks fall at spaces, after ``-`` and ``/``, and between CJK
characters (not before closing CJK punctuation).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from exportdocs.render._blocks import Block, Signatures, Spacer, Text
from exportdocs.render._style import Language

__all__ = [
    "MM_PER_PT",
    "Where",
    "bilingual_break",
    "cell_at",
    "kept_with_next",
    "located",
    "page_label",
    "page_label_parts",
    "title_em",
    "wrap",
]

#: Millimetres per typographic point.
MM_PER_PT = 25.4 / 72
#: CJK (and the other full-width scripts) start at U+2E80: a line may break before or
#: after any of their characters, and they are one em wide.
_WIDE = "\u2e80"

#: Says where a string is (``blocks[3].rows[12][1]``) in an error message.
Where = Callable[[], str]


def located(text: str) -> Where:
    """A :data:`Where` naming a fixed place."""
    return lambda: text


def cell_at(at: str, part: str, row: int, column: int) -> Where:
    """A :data:`Where` naming a table cell (``blocks[2].rows[7][1]``), formatted when asked.

    >>> cell_at("blocks[2]", "rows", 7, 1)()
    'blocks[2].rows[7][1]'
    """
    return lambda: f"{at}.{part}[{row}][{column}]"


_NO_BREAK_BEFORE = frozenset("，。、；：！？）》」』】〕％,.;:!?)]}%")
_BREAK_AFTER = frozenset("-/")


def wrap(text: str, adv: dict[str, float], max_units: float) -> list[str]:
    """Split ``text`` into lines no wider than ``max_units`` (1/1000 em at size 1).

    Newlines always break. A word wider than the line is cut between characters,
    so nothing is ever clipped.

    >>> adv = dict.fromkeys("abcdefgh -", 500.0)
    >>> wrap("abc defg h", adv, 2500)
    ['abc', 'defg', 'h']
    >>> wrap("abcdefgh", adv, 1500)
    ['abc', 'def', 'gh']
    """
    lines: list[str] = []
    for para in text.split("\n"):
        if sum(map(adv.__getitem__, para)) <= max_units:
            lines.append(para)
        else:
            _wrap_para(para, adv, max_units, lines)
    return lines


def _wrap_para(para: str, adv: dict[str, float], max_units: float, lines: list[str]) -> None:
    n = len(para)
    start = 0
    i = 0
    width = 0.0
    cut = nxt = -1  # the best break so far: the line ends at ``cut``, the next starts at ``nxt``
    while i < n:
        ch = para[i]
        if i > start:
            prev = para[i - 1]
            if ch == " ":
                cut, nxt = i, i + 1
            elif prev in _BREAK_AFTER or (
                (ch >= _WIDE or prev >= _WIDE) and ch not in _NO_BREAK_BEFORE
            ):
                cut, nxt = i, i
        w = adv[ch]
        if width + w > max_units and i > start:
            if cut > start:
                lines.append(para[start:cut].rstrip(" "))
                start = nxt
            else:
                lines.append(para[start:i])
                start = i
            while start < n and para[start] == " ":
                start += 1
            i = max(i, start)
            width = sum(map(adv.__getitem__, para[start:i]))
            cut = nxt = -1
            continue
        width += w
        i += 1
    if start < n or not lines:
        lines.append(para[start:])


def page_label_parts(language: Language) -> list[tuple[str, str, str]]:
    """The footer as (before page, between page and total, after total) per language shown.

    >>> page_label_parts(Language.EN_ZH)
    [('Page ', ' of ', ''), ('第 ', ' 页 / 共 ', ' 页')]
    """
    en = ("Page ", " of ", "")
    zh = ("第 ", " 页 / 共 ", " 页")
    return {Language.EN: [en], Language.ZH: [zh], Language.EN_ZH: [en, zh]}[language]


def page_label(language: Language, page: int, total: int) -> str:
    """The localised "Page 1 of 3" text.

    >>> page_label(Language.ZH, 1, 3)
    '第 1 页 / 共 3 页'
    """
    return "   ".join(f"{a}{page}{b}{total}{c}" for a, b, c in page_label_parts(language))


def bilingual_break(title: str) -> str:
    r"""A bilingual title that does not fit breaks between its languages, not inside a word.

    >>> bilingual_break("COST ANALYSIS SHEET 成本核算表")
    'COST ANALYSIS SHEET\n成本核算表'
    >>> bilingual_break("PACKING LIST")
    'PACKING LIST'
    """
    for i, char in enumerate(title):
        if i and char >= _WIDE and title[i - 1] == " ":
            return f"{title[: i - 1]}\n{title[i:]}"
    return title


def title_em(title: str) -> float:
    """Rough width of a bold upper-case title in ems (CJK 1 em, Latin about 0.68 em).

    For the DOCX backend, where Word lays out the text: enough to tell whether a
    title fits its cell on one line.
    """
    return sum(1.0 if ch >= _WIDE else 0.68 for ch in title)


def kept_with_next(blocks: Sequence[Block], b: int) -> int | None:
    """The index of the Signatures that block ``b`` is kept with, else None.

    A Text followed by Signatures, with only Spacers between them, is kept on the
    signatures' page in both backends, so a signature block never stands alone at the top
    of a document's last page (the documents put a Spacer before the signatures).
    """
    if not isinstance(blocks[b], Text):
        return None
    j = b + 1
    while j < len(blocks) and isinstance(blocks[j], Spacer):
        j += 1
    return j if j < len(blocks) and isinstance(blocks[j], Signatures) else None
