"""Line breaking, the fixed wording and error locations shared by both backends.

Line breaking works on advance widths cached per character (1/1000 em, each in the
font of the fallback chain that draws it; see ``_fonts.FontPlan``), so a cell that
fits on one line costs one ``sum`` over a dictionary; only long text walks its
characters. Breaks fall at spaces, after ``-`` and ``/``, and between CJK
characters (not before closing CJK punctuation).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate

from exportdocs.render._blocks import Block, KeyValueGrid, Spacer, Text, Totals
from exportdocs.render._style import Language
from exportdocs.render._table import ItemTable

__all__ = [
    "MM_PER_PT",
    "Where",
    "bilingual_break",
    "bind_units",
    "breaks",
    "cell_at",
    "keep_chain",
    "keeps_with_next",
    "located",
    "longest_word",
    "page_label",
    "page_label_parts",
    "title_em",
    "widest_word",
    "word_bound",
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


_NO_BREAK_BEFORE = frozenset("，。、；：！？）》」』】〕％〉”’,.;:!?)]}%")
_NO_BREAK_AFTER = frozenset("（《「『【〔〈“‘([{")
_DIGITS = frozenset("0123456789")
#: Chinese units a number keeps on its line (``600×600毫米``, ``360度``).
_ZH_UNITS = (
    "立方米|平方米|立方|毫米|厘米|千克|公斤|毫升|英寸|盎司|米|克|吨|升|瓦|伏|度|个|件|只"
    "|套|箱|卷|张|片|台|双|对|包|袋|码|磅|寸|份|条|根|盒|瓶|罐|支|块|托"
)
#: A Latin unit (``W``, ``mm``, ``%``, ``°C``), not the start of a longer word.
_LATIN_UNIT = r"(?:[A-Za-z]{1,3}|%|°[CF]?|[µμ][A-Za-z]{1,2})(?![A-Za-z])"
_UNIT_WORD = re.compile(_LATIN_UNIT)
#: A number and its unit: ``40 W``, ``12 V``, ``5 mm``, ``360 °C``, ``360度``. The span
#: from the last digit to the unit's end is never broken. The Latin-only pattern is the
#: same rule for text without CJK (faster: no Chinese units to try).
_NUMBER_LATIN_UNIT = re.compile(rf"\d[ \u00a0]{_LATIN_UNIT}")
_NUMBER_UNIT = re.compile(rf"\d(?:[ \u00a0]?(?:{_ZH_UNITS})|[ \u00a0]{_LATIN_UNIT})")
#: A digit before a space: a number that may be glued to its unit.
_GLUE_HINT = re.compile(r"\d ")
_WIDE_RANGE = "\u2e80-\U0010ffff"
_HAS_WIDE = re.compile(f"[{_WIDE_RANGE}]")
_NB_BEFORE = re.escape("".join(sorted(_NO_BREAK_BEFORE)))
_NB_AFTER = re.escape("".join(sorted(_NO_BREAK_AFTER)))
#: The break opportunities, found by the regex engine rather than character by character
#: in Python: a run of spaces not at the start; after ``-`` or ``/`` unless a digit or a
#: space follows (the match ends where the next line starts); around a CJK character,
#: except before closing or after opening punctuation, after a digit or next to a space.
_SPACES = re.compile(r"(?<=[^ ]) +")
_DASH_BREAK = re.compile(r"[-/](?=[^\d ])")
_WIDE_BREAK = re.compile(
    f"(?<=[{_WIDE_RANGE}])(?<![{_NB_AFTER}])(?=[^ {_NB_BEFORE}])"
    f"|(?<=[^ \\d{_NB_AFTER}])(?=[{_WIDE_RANGE}])(?![{_NB_BEFORE}])"
)


def _glued(para: str, wide: bool) -> set[int]:
    """Positions a line may not break before: inside a number and its unit."""
    glued: set[int] = set()
    if not _DIGITS.isdisjoint(para):
        for m in (_NUMBER_UNIT if wide else _NUMBER_LATIN_UNIT).finditer(para):
            glued.update(range(m.start() + 1, m.end()))
    return glued


def breaks(para: str) -> list[tuple[int, int]]:
    """Where a line may break in ``para``: (end of this line, start of the next) pairs.

    The rules, shared by line breaking and column measuring: at a space (not a
    no-break space); after ``-`` or ``/`` unless a digit follows (``1-10``,
    ``2025/26`` stay whole); between CJK characters, but not before closing
    punctuation, not after opening punctuation, and not between a digit and the
    character after it; never inside a number and its unit (``40 W``, ``360度``).

    >>> breaks("Lamp 40 W, 1-10 V")
    [(4, 5), (10, 11)]
    >>> breaks("每箱体积（立方米）")
    [(1, 1), (2, 2), (3, 3), (4, 4), (6, 6), (7, 7)]
    """
    wide = _HAS_WIDE.search(para) is not None
    glued = _glued(para, wide)
    out = [(m.start(), m.end()) for m in _SPACES.finditer(para) if m.start() not in glued]
    out += [(m.end(), m.end()) for m in _DASH_BREAK.finditer(para) if m.end() not in glued]
    if wide:
        out += [(m.start(),) * 2 for m in _WIDE_BREAK.finditer(para) if m.start() not in glued]
        out = list(dict.fromkeys(out))  # a position both rules allow, once
    out.sort()
    return out


def bind_units(text: str) -> str:
    """``text`` with a no-break space between each number and its unit (``40 W``).

    For the DOCX backend, where Word breaks the lines: the PDF layout keeps them
    together by its own rules (:func:`breaks`), a word processor by the character.

    >>> bind_units("LED 40 W, 1-10 V dimming") == "LED 40\u00a0W, 1-10\u00a0V dimming"
    True
    """
    if _GLUE_HINT.search(text) is None:
        return text
    return _NUMBER_LATIN_UNIT.sub(lambda m: m.group().replace(" ", "\u00a0"), text)


def wrap(text: str, adv: dict[str, float], max_units: float) -> list[str]:
    """Split ``text`` into lines no wider than ``max_units`` (1/1000 em at size 1).

    Newlines always break; otherwise lines break only where :func:`breaks` allows.
    A word wider than the line is cut between characters, so nothing is ever
    clipped; the table layout gives figures and codes the width they need, so only
    an over-long word of running text is ever cut.

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
    acc = list(accumulate(map(adv.__getitem__, para), initial=0.0))
    if _HAS_WIDE.search(para) is None:
        _wrap_latin(para, acc, max_units, lines)
    else:
        _wrap_points(para, acc, max_units, lines)


def _wrap_latin(para: str, acc: list[float], max_units: float, lines: list[str]) -> None:
    """:func:`breaks`' rules for text without CJK, looking back from each line's end.

    Only the break closest before the line's end is looked for (``rfind`` for a space,
    a bisection for a dash), so a long paragraph costs per line, not per character.
    """
    n = len(para)
    glued = _glued(para, False)
    dashes: list[int] = []
    if "-" in para or "/" in para:
        dashes = [m.end() for m in _DASH_BREAK.finditer(para) if m.end() not in glued]
    start = 0
    while acc[n] - acc[start] > max_units:
        limit = bisect_right(acc, acc[start] + max_units) - 1  # para[start:limit] fits
        cut = para.rfind(" ", start + 1, limit + 1)
        while cut > start and cut in glued:
            cut = para.rfind(" ", start + 1, cut)
        d = bisect_right(dashes, limit) - 1
        if d >= 0 and dashes[d] > max(cut, start):
            cut = dashes[d]
        if cut > start:
            lines.append(para[start:cut].rstrip(" "))
        else:  # no break fits: cut the word between characters
            cut = max(limit, start + 1)
            lines.append(para[start:cut])
        start = cut
        while start < n and para[start] == " ":
            start += 1
    if start < n or not lines:
        lines.append(para[start:])


def _wrap_points(para: str, acc: list[float], max_units: float, lines: list[str]) -> None:
    """Greedy line breaking at the break opportunities :func:`breaks` finds."""
    n = len(para)
    points = breaks(para)
    start = 0
    b = 0
    while acc[n] - acc[start] > max_units:
        while b < len(points) and points[b][0] <= start:
            b += 1
        best = -1
        j = b
        while j < len(points) and acc[points[j][0]] - acc[start] <= max_units:
            best = j
            j += 1
        if best >= 0:
            cut, start_next = points[best]
            lines.append(para[start:cut].rstrip(" "))
        else:  # no break fits: cut the word between characters
            cut = start + 1
            while cut < n and acc[cut + 1] - acc[start] <= max_units:
                cut += 1
            lines.append(para[start:cut])
            start_next = cut
        start = start_next
        while start < n and para[start] == " ":
            start += 1
    if start < n or not lines:
        lines.append(para[start:])


def longest_word(text: str, adv: dict[str, float]) -> float:
    """Width (1/1000 em) of the widest piece of ``text`` no line break may split.

    A column of running text must be at least this wide for no word to be cut. Text
    without CJK takes a fast path that splits at spaces only and joins a number to
    its unit: it ignores the breaks after ``-`` and ``/``, so it may find a piece a
    little wider than the exact rules would (a safe error: the column is never too
    narrow); CJK text follows :func:`breaks` exactly.

    >>> adv = dict.fromkeys("abcdefgh -1W", 500.0)
    >>> longest_word("abc defgh", adv), longest_word("a 1 W", adv)
    (2500.0, 1500.0)
    """
    widest = 0.0
    for para in text.split("\n"):
        if _HAS_WIDE.search(para) is None:
            words = para.split(" ")
            widths = [sum(map(adv.__getitem__, word)) for word in words]
            if widths:
                widest = max(widest, *widths)
            if len(words) > 1 and _GLUE_HINT.search(para) is not None:
                space = adv[" "]
                for i in range(len(words) - 1):
                    word = words[i]
                    if word and word[-1] in _DIGITS and _UNIT_WORD.match(words[i + 1]):
                        widest = max(widest, widths[i] + space + widths[i + 1])
            continue
        start = 0
        for cut, nxt in (*breaks(para), (len(para), len(para))):
            width = sum(map(adv.__getitem__, para[start:cut]))
            if width > widest:
                widest = width
            start = nxt
    return widest


#: Where running text may break in the fast path of :func:`widest_word`.
_SPACE_OR_NEWLINE = re.compile(r"[ \n]+")
#: A number glued to its unit with the words around them: ``(40 W,``.
_GLUED_PIECE = re.compile(rf"(?<![^ \n])[^ \n]*\d {_LATIN_UNIT}[^ \n]*")


def widest_word(texts: Sequence[str], adv: dict[str, float]) -> float:
    """:func:`longest_word` of many texts at once (a table column), in one pass.

    The texts without CJK are joined and their *distinct* words measured once each
    (a column of a thousand descriptions repeats its vocabulary), with the pieces a
    number and its unit glue together; CJK texts go through :func:`longest_word`.

    >>> adv = dict.fromkeys("abcdefgh -1W", 500.0)
    >>> widest_word(["abc defgh", "a 1 W"], adv)
    2500.0
    """
    latin: list[str] = []
    widest = 0.0
    for text in texts:
        if _HAS_WIDE.search(text) is None:
            latin.append(text)
        else:
            widest = max(widest, longest_word(text, adv))
    if not latin:
        return widest
    joined = "\n".join(latin)
    for word in set(_SPACE_OR_NEWLINE.split(joined)):
        width = sum(map(adv.__getitem__, word))
        if width > widest:
            widest = width
    if _GLUE_HINT.search(joined) is not None:
        for m in _GLUED_PIECE.finditer(joined):
            widest = max(widest, sum(map(adv.__getitem__, m.group())))
    return widest


def word_bound(texts: Sequence[str], adv: dict[str, float]) -> float:
    """An upper bound of :func:`widest_word` that costs a ``split``: the most characters
    in a piece no break may split (space-separated, or a number with its unit) times
    the widest advance among the texts' characters. Independent of the texts' order.

    >>> adv = dict.fromkeys("abcdefgh -1W", 500.0)
    >>> word_bound(["abc defgh", "a 1 W"], adv) >= widest_word(["abc defgh", "a 1 W"], adv)
    True
    """
    joined = "\n".join(texts)
    longest = max(map(len, joined.replace("\n", " ").split(" ")))
    if _GLUE_HINT.search(joined) is not None:  # pieces never run across two texts
        longest = max([longest, *map(len, _GLUED_PIECE.findall(joined))])
    chars = set(joined)
    try:
        widest = max(map(adv.__getitem__, chars))
    except KeyError:  # a character only the rough measure knows: one em
        widest = max(max((adv.get(ch, 0.0) for ch in chars), default=0.0), 1000.0)
    return longest * widest


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


def keeps_with_next(block: Block) -> bool:
    """Whether ``block`` stays on the page of the next block (see the blocks' keep fields)."""
    if isinstance(block, Text):
        return block.keeps
    if isinstance(block, (KeyValueGrid, ItemTable, Totals)):
        return block.keep_with_next
    return False


def keep_chain(blocks: Sequence[Block], b: int) -> int:
    """The index of the last block kept on one page with block ``b`` (``b`` if none).

    Keep rules are data on the blocks (``keep_with_next``): a chain runs from ``b``
    through every block that keeps with the next, Spacers between included, to the
    first block that does not. Both backends use it, so a heading, the notes before
    the signatures or a table's totals stay with what follows in PDF and DOCX alike.

    >>> blocks = [Text("BANK", "heading"), Spacer(2), Text("details"), Text("more")]
    >>> keep_chain(blocks, 0), keep_chain(blocks, 2)
    (2, 2)
    """
    last = b
    while keeps_with_next(blocks[last]):
        j = last + 1
        while j < len(blocks) and isinstance(blocks[j], Spacer):
            j += 1
        if j == len(blocks):
            break
        last = j
    return last
