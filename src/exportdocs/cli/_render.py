"""``exportdocs demo`` and ``exportdocs render``: order files to PDF and DOCX documents."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import attrs

from exportdocs._validation import fail
from exportdocs.cli._text import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    PROG,
    Progress,
    error_lines,
    human_size,
)
from exportdocs.exceptions import ExportDocsError, FontNotFoundError, Problem, ValidationError
from exportdocs.orderfile import OrderFile, load_order
from exportdocs.render import DEFAULT_CJK_SEARCH, FontSet, Format, Language, Style

if TYPE_CHECKING:
    from exportdocs.documents._common import TradeDocument

__all__ = [
    "CJK_ADVICE",
    "DOCUMENTS",
    "parse_documents",
    "parse_formats",
    "parse_languages",
    "run_demo",
    "run_render",
]

#: Where a CJK font is looked for when ``--cjk-font`` is not given (the tests replace it).
CJK_SEARCH = DEFAULT_CJK_SEARCH

#: The line ``demo`` prints when it cannot write the Chinese set.
CJK_ADVICE = (
    "Chinese set skipped: no CJK font found; install one (Debian/Ubuntu: "
    "apt install fonts-noto-cjk) or pass --cjk-font PATH"
)

#: Document names on the command line, in rendering order, with their other spellings.
DOCUMENTS: dict[str, tuple[str, ...]] = {
    "quotation": ("quote", "offer"),
    "pi": ("proforma", "proforma-invoice", "proforma_invoice"),
    "packing-list": ("packing", "packing_list", "pl"),
    "cost-sheet": ("cost", "cost-analysis", "cost_sheet", "cost_analysis"),
}


def _split(text: str, seps: str = ",") -> list[str]:
    for sep in seps[1:]:
        text = text.replace(sep, seps[0])
    return [part.strip().lower() for part in text.split(seps[0]) if part.strip()]


def parse_documents(text: str | None) -> tuple[str, ...] | None:
    """``--doc``: document names, comma-separated (None: all the order has data for).

    >>> parse_documents("PI, packing"), parse_documents(None)
    (('pi', 'packing-list'), None)
    """
    if text is None:
        return None
    names: list[str] = []
    for word in _split(text):
        name = next((k for k, alias in DOCUMENTS.items() if word == k or word in alias), None)
        if name is None:
            raise fail("unknown document; use " + ", ".join(DOCUMENTS), word, "--doc")
        names.append(name)
    if not names:
        raise fail("name at least one document", text, "--doc")
    return tuple(n for n in DOCUMENTS if n in names)


def parse_formats(text: str) -> tuple[Format, ...]:
    """``--format``: ``pdf``, ``docx`` or both, comma-separated.

    >>> parse_formats("docx,pdf")
    (<Format.PDF: 'pdf'>, <Format.DOCX: 'docx'>)
    """
    found: list[Format] = []
    for word in _split(text, ",+"):
        try:
            found.append(Format.parse(word))
        except ValidationError as exc:
            raise exc.prefixed("--format") from None
    if not found:
        raise fail("name at least one format (pdf, docx)", text, "--format")
    return tuple(f for f in Format if f in found)


def parse_languages(text: str) -> tuple[Language, ...]:
    """``--lang``: ``en``, ``zh``, ``en-zh`` (bilingual documents); ``en+zh`` means both sets.

    >>> parse_languages("en+zh"), parse_languages("en-zh")
    ((<Language.EN: 'en'>, <Language.ZH: 'zh'>), (<Language.EN_ZH: 'en-zh'>,))
    """
    found: list[Language] = []
    for word in _split(text, ",+"):
        try:
            found.append(Language.parse(word))
        except ValidationError:
            raise fail(
                "unknown language; use en, zh, en-zh (bilingual) or en+zh (both sets)",
                word,
                "--lang",
            ) from None
    if not found:
        raise fail("name at least one language", text, "--lang")
    return tuple(dict.fromkeys(found))


def cli_style(cjk_font: Path | None) -> Style:
    """The rendering style of the command line: defaults, with ``--cjk-font`` if given."""
    if cjk_font is not None and not cjk_font.is_file():
        raise fail("no such font file", str(cjk_font), "--cjk-font")
    return Style(fonts=FontSet(cjk_regular=cjk_font, cjk_search=CJK_SEARCH))


def _builders() -> dict[str, Callable[[OrderFile, Language, Style], TradeDocument]]:
    from exportdocs import documents

    def quotation(order: OrderFile, language: Language, style: Style) -> TradeDocument:
        quote = order.quote()
        prices: Sequence[Any] = ()
        if quote is not None:
            prices = documents.price_columns(quote, order.quotation_terms, base=order.contract)
        return documents.quotation(order.contract, prices=prices, language=language, style=style)

    def pi(order: OrderFile, language: Language, style: Style) -> TradeDocument:
        return documents.proforma_invoice(order.contract, language=language, style=style)

    def packing(order: OrderFile, language: Language, style: Style) -> TradeDocument:
        return documents.packing_list(order.contract, language=language, style=style)

    def cost(order: OrderFile, language: Language, style: Style) -> TradeDocument:
        sheet = order.cost_sheet()
        if sheet is None:
            raise fail("the cost sheet needs the order's costing inputs", None, "costing")
        return documents.cost_analysis(sheet, order.contract, language=language, style=style)

    return {"quotation": quotation, "pi": pi, "packing-list": packing, "cost-sheet": cost}


@attrs.frozen
class Job:
    """What to render for every order: documents (None: all available), formats, languages."""

    documents: tuple[str, ...] | None
    formats: tuple[Format, ...]
    languages: tuple[Language, ...]
    style: Style
    outdir: Path


def render_order(order: OrderFile, job: Job, languages: Sequence[Language]) -> list[Path]:
    """Render ``order``'s documents in ``languages``; all of its files or none.

    Every document is rendered in memory first (a missing font or a bad price
    column fails before anything is written), then each file is written to a
    temporary name and renamed into place.
    """
    builders = _builders()
    kinds = job.documents
    if kinds is None:
        kinds = tuple(k for k in DOCUMENTS if k != "cost-sheet" or order.costing is not None)
    rendered: list[tuple[Path, bytes]] = []
    for language in languages:
        for kind in kinds:
            doc = builders[kind](order, language, job.style)
            for fmt in job.formats:
                data = doc.render(fmt)
                assert data is not None  # no target: the bytes
                rendered.append((job.outdir / doc.filename(fmt), data))
    job.outdir.mkdir(parents=True, exist_ok=True)
    for path, data in rendered:
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
    return [path for path, _ in rendered]


def _report(paths: Sequence[Path], out: TextIO) -> None:
    for path in paths:
        out.write(f"{human_size(path.stat().st_size):>9}  {path}\n")


def _total(paths: Sequence[Path]) -> str:
    return human_size(sum(p.stat().st_size for p in paths))


def run_demo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Render the sample order in PDF and DOCX, English and Chinese (exit 3 without a CJK font)."""
    order = OrderFile.sample()
    job = Job(
        None, tuple(Format), (Language.EN, Language.ZH), cli_style(args.cjk_font), args.outdir
    )
    written = render_order(order, job, [Language.EN])
    skipped = False
    try:
        written += render_order(order, job, [Language.ZH])
    except FontNotFoundError:
        skipped = True
    out.write(f"Sample order {order.contract.number}: {len(written)} files in {args.outdir}\n")
    _report(written, out)
    out.write(f"{_total(written):>9}  in all\n")
    if skipped:
        err.write(f"{PROG}: {CJK_ADVICE}\n")
        return EXIT_PARTIAL
    return EXIT_OK


def run_render(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Render every order file; a bad one is reported and the others still rendered."""
    try:
        job = Job(
            parse_documents(args.doc),
            parse_formats(args.format),
            parse_languages(args.lang),
            cli_style(args.cjk_font),
            args.outdir,
        )
    except ValidationError as exc:
        err.write("\n".join(error_lines(exc)) + "\n")
        return EXIT_USAGE
    paths: list[Path] = args.orders
    progress = Progress(len(paths), err)
    written: list[Path] = []
    failed: list[tuple[str, list[str]]] = []
    numbers: dict[str, str] = {}
    for path in paths:
        name = str(path)
        try:
            order = load_order(path)
            number = order.contract.number
            if number in numbers:
                raise ValidationError(
                    [
                        Problem(
                            "contract.number",
                            number,
                            f"{numbers[number]} has the same contract number; its files "
                            "would be overwritten",
                        )
                    ]
                )
            numbers[number] = name
            written += render_order(order, job, job.languages)
        except (ExportDocsError, OSError) as exc:
            failed.append((name, error_lines(exc, name)))
        progress.step(name)
    progress.done()
    for _, lines in failed:
        err.write("\n".join(lines) + "\n")
    _report(written, out)
    done = len(paths) - len(failed)
    out.write(
        f"{done} of {len(paths)} orders rendered: {len(written)} files, "
        f"{_total(written)}, in {args.outdir}\n"
    )
    return EXIT_FAILED if failed else EXIT_OK
