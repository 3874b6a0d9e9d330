"""Trade documents from a contract: quotation, proforma invoice, packing list, cost sheet.

Each builder reads the model and returns a :class:`TradeDocument` (render blocks
of formatted strings, the style and the file name); ``.pdf()`` and ``.docx()``
render it with :mod:`exportdocs.render`. Documents print the model's own figures
(line amounts, totals, instalments, weights to 2 places, CBM to 3) and never
round differently; the document number and dates come from the contract, and the
file's creation date is the contract date, so the same contract always gives the
same bytes. Languages: ``"en"``, ``"zh"`` and bilingual ``"en-zh"``.

:func:`render_set` writes the whole set for every language and format, all or
nothing. See ``docs/documents.md``.

>>> from exportdocs.samples import sample_contract
>>> pi = proforma_invoice(sample_contract(), language="en")
>>> pi.filename("pdf")
'BW-2026-0418_proforma-invoice_en.pdf'
>>> pi.pdf()[:5]
b'%PDF-'
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from exportdocs._validation import fail
from exportdocs.costing import CostSheet
from exportdocs.documents._common import TradeDocument, check_contract
from exportdocs.documents._cost_sheet import build_cost_sheet
from exportdocs.documents._packing_list import build_packing_list
from exportdocs.documents._proforma import build_proforma
from exportdocs.documents._quotation import PriceColumn, build_quotation, price_columns
from exportdocs.exceptions import Problem, RenderError, ValidationError
from exportdocs.render import Format, Language, Orientation, Style

__all__ = [
    "PriceColumn",
    "TradeDocument",
    "cost_analysis",
    "packing_list",
    "price_columns",
    "proforma_invoice",
    "quotation",
    "render_set",
]


def quotation(
    contract: Any,
    *,
    prices: Sequence[PriceColumn] = (),
    language: Language | str = "en",
    style: Style | None = None,
    currency_display: str = "code",
    photos: bool = True,
    number: str | None = None,
    date: dt.date | str | None = None,
    orientation: Orientation | str = "auto",
) -> TradeDocument:
    """The quotation (offer) of ``contract``.

    Args:
        contract: the :class:`~exportdocs.Contract`; its trade term and unit prices
            give the first price column, ``valid_until`` the validity.
        prices: extra price columns, each ``(TradeTerm, unit prices)`` with one price
            per line (at most 4); :func:`price_columns` builds them from a costing quote.
        language: ``"en"``, ``"zh"`` or ``"en-zh"``.
        style: letterhead, colours, paper, fonts; the seller's letterhead when it has none.
        currency_display: ``"code"`` (``USD``) or ``"symbol"`` (``$``/``US$``).
        photos: print a photo column when a product has an image.
        number: the quotation's own number (``"BW-Q-2026-0311"``); default the
            contract's number. It also names the file (:meth:`TradeDocument.filename`).
        date: the quotation's date (``datetime.date`` or ISO text); default the
            contract's date. It may not be after ``valid_until``.
        orientation: ``"auto"`` (landscape when there are more than two price
            columns, so the description keeps its room; else the style's),
            ``"portrait"`` or ``"landscape"``.

    Raises:
        ValidationError: not a contract, a bad price column, number, date, language
            or option.

    >>> from exportdocs import costing, Incoterm, Place, TradeTerm
    >>> from exportdocs.samples import sample_contract, sample_cost_inputs
    >>> quote = costing.quote(sample_cost_inputs(), ["CIF"])
    >>> cif = TradeTerm(Incoterm.CIF, Place.port("Hamburg", "DE"))
    >>> doc = quotation(sample_contract(), prices=price_columns(quote, [cif]))
    >>> doc.kind, doc.docx()[:2]
    ('quotation', b'PK')
    """
    return build_quotation(
        contract,
        prices=prices,
        language=language,
        style=style,
        currency_display=currency_display,
        photos=photos,
        number=number,
        date=date,
        orientation=orientation,
    )


def proforma_invoice(
    contract: Any,
    *,
    language: Language | str = "en",
    style: Style | None = None,
    currency_display: str = "code",
) -> TradeDocument:
    """The proforma invoice: parties, lines, total in figures and words, terms, bank, marks.

    The payment block shows the amount of each instalment (the contract's
    schedule, to the cent); the bank details are printed when the terms include
    T/T; the insurance clause and sum insured when the seller insures (CIF, CIP).

    >>> from exportdocs.samples import sample_contract
    >>> proforma_invoice(sample_contract(), language="zh").filename("docx")
    'BW-2026-0418_proforma-invoice_zh.docx'
    """
    return build_proforma(
        contract, language=language, style=style, currency_display=currency_display
    )


def packing_list(
    contract: Any, *, language: Language | str = "en", style: Style | None = None
) -> TradeDocument:
    """The packing list: C/No. ranges, quantities, N.W., G.W., measurement and marks; no prices.

    >>> from exportdocs.samples import sample_contract
    >>> packing_list(sample_contract()).kind
    'packing-list'
    """
    return build_packing_list(contract, language=language, style=style)


def cost_analysis(
    sheet: CostSheet,
    contract: Any,
    *,
    language: Language | str = "en",
    style: Style | None = None,
    currency_display: str = "code",
) -> TradeDocument:
    """The internal cost-analysis sheet of ``sheet`` (made for ``contract``'s lines).

    >>> from exportdocs import costing
    >>> from exportdocs.samples import sample_contract, sample_cost_inputs
    >>> contract = sample_contract()
    >>> sheet = costing.analyse(sample_cost_inputs(), [i.unit_price for i in contract.items])
    >>> cost_analysis(sheet, contract, language="zh").filename()
    'BW-2026-0418_cost-sheet_zh.pdf'
    """
    return build_cost_sheet(
        sheet, contract, language=language, style=style, currency_display=currency_display
    )


def _choices(value: Any, parse: Any, path: str) -> tuple[Any, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise fail("expected a list", value, path)
    items: list[Any] = []
    problems: list[Problem] = []
    for i, item in enumerate(value):
        try:
            parsed = parse(item)
        except ValidationError as exc:
            problems.extend(p.prefixed(f"{path}[{i}]") for p in exc.problems)
            continue
        if parsed not in items:
            items.append(parsed)
    if problems:
        raise ValidationError(problems)
    if not items:
        raise fail("give at least one", value, path)
    return tuple(items)


def render_set(
    contract: Any,
    *,
    cost_sheet: CostSheet | None = None,
    outdir: str | os.PathLike[str],
    formats: Iterable[Format | str] = ("pdf", "docx"),
    languages: Iterable[Language | str] = ("en", "zh"),
    style: Style | None = None,
) -> list[Path]:
    """Write the quotation, PI, packing list (and cost sheet) per language and format.

    Files are named ``<number>_<kind>_<language>.<ext>``
    (``BW-2026-0418_proforma-invoice_en.pdf``) in ``outdir``, which must exist.

    All or nothing: every document is rendered in memory first (a missing CJK
    font or photo fails before anything is written), then each file is written
    to a temporary file in ``outdir`` and fsynced; only when all of them are
    written are they renamed into place. On any failure the temporary files are
    removed and existing files in ``outdir`` are left as they were.

    Returns:
        The paths written, in order: per language, per document, per format.

    Raises:
        ValidationError: bad arguments (every problem at once).
        FontNotFoundError: Chinese output and no CJK font.
        RenderError: a document cannot be rendered, or ``outdir`` cannot be written.
    """
    c = check_contract(contract)
    problems: list[Problem] = []
    fmts: tuple[Format, ...] = ()
    langs: tuple[Language, ...] = ()
    try:
        fmts = _choices(formats, Format.parse, "formats")
    except ValidationError as exc:
        problems.extend(exc.problems)
    try:
        langs = _choices(languages, Language.parse, "languages")
    except ValidationError as exc:
        problems.extend(exc.problems)
    if cost_sheet is not None and not isinstance(cost_sheet, CostSheet):
        problems.append(Problem("cost_sheet", cost_sheet, "expected a costing CostSheet"))
    if not isinstance(outdir, (str, os.PathLike)):
        problems.append(Problem("outdir", outdir, "expected a directory path"))
    if problems:
        raise ValidationError(problems)
    directory = Path(outdir)
    if not directory.is_dir():
        raise RenderError(f"cannot write to {str(directory)!r}: not an existing directory")

    rendered: list[tuple[Path, bytes]] = []
    for lang in langs:
        docs = [
            quotation(c, language=lang, style=style),
            proforma_invoice(c, language=lang, style=style),
            packing_list(c, language=lang, style=style),
        ]
        if cost_sheet is not None:
            docs.append(cost_analysis(cost_sheet, c, language=lang, style=style))
        for doc in docs:
            for fmt in fmts:
                data = doc.render(fmt)
                assert data is not None
                rendered.append((directory / doc.filename(fmt), data))
    _write_all(rendered)
    return [path for path, _ in rendered]


def _write_all(files: list[tuple[Path, bytes]]) -> None:
    """Stage every file as a fsynced temporary file, then rename them all into place."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for tmp, path in staged:
            os.replace(tmp, path)
    except OSError as exc:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise RenderError(f"cannot write the document set: {exc.strerror or exc}") from exc
    except BaseException:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
