"""``exportdocs demo`` and the rendering core of ``exportdocs render``: orders to documents.

An order is rendered completely in memory, then its files are *staged* (written under
temporary names next to their final names) and finally *committed* (renamed into
place), so a failed order leaves none of its files. ``render`` stages in its worker
processes and commits in the main process, in input order (``_batch``).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import attrs

from exportdocs._validation import fail
from exportdocs.cli._text import EXIT_OK, human_size
from exportdocs.exceptions import NO_VALUE, ValidationError
from exportdocs.orderfile import OrderFile
from exportdocs.render import DEFAULT_CJK_SEARCH, FontSet, Format, Language, Style

if TYPE_CHECKING:
    from exportdocs.documents._common import TradeDocument

__all__ = [
    "DEMO_LANGUAGES",
    "DOCUMENTS",
    "SYSTEM_CJK_SEARCH",
    "Job",
    "cli_style",
    "commit",
    "discard",
    "parse_documents",
    "parse_formats",
    "parse_languages",
    "render_documents",
    "run_demo",
    "stage",
]

#: The system fonts ``--system-fonts`` looks for (the first one found is used).
SYSTEM_CJK_SEARCH = DEFAULT_CJK_SEARCH

#: The languages of ``demo``: English, Chinese and bilingual.
DEMO_LANGUAGES = (Language.EN, Language.ZH, Language.EN_ZH)

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


def cli_style(cjk_font: Path | None = None, system_fonts: bool = False) -> Style:
    """The rendering style of the command line: the library's fonts unless the user asks.

    ``--cjk-font PATH`` names the CJK font file; ``--system-fonts`` uses the first of
    the usual system CJK fonts found (:data:`SYSTEM_CJK_SEARCH`). Either way a font
    asked for and not there is an error naming the path(s); without them, the
    library's default CJK font is used (:class:`~exportdocs.render.FontSet`).
    """
    if cjk_font is not None:
        if not cjk_font.is_file():
            raise fail("no such font file", str(cjk_font), "--cjk-font")
        return Style(fonts=FontSet(cjk_regular=cjk_font))
    if system_fonts:
        if not any(pair.regular.path.is_file() for pair in SYSTEM_CJK_SEARCH):
            looked = ", ".join(str(pair.regular.path) for pair in SYSTEM_CJK_SEARCH)
            raise fail(
                f"no system CJK font found; looked in {looked}; install one (Debian/Ubuntu: "
                "apt install fonts-noto-cjk), pass --cjk-font PATH, or leave out "
                "--system-fonts to use exportdocs' own font",
                NO_VALUE,
                "--system-fonts",
            )
        return Style(fonts=FontSet(cjk_search=SYSTEM_CJK_SEARCH))
    return Style(fonts=FontSet())


def _builders() -> dict[str, Callable[[OrderFile, Language, Style], TradeDocument]]:
    from exportdocs import documents

    def quotation(order: OrderFile, language: Language, style: Style) -> TradeDocument:
        quote = order.quote()
        prices: Sequence[Any] = ()
        if quote is not None:
            prices = documents.price_columns(quote, order.quotation_terms, base=order.contract)
        return documents.quotation(
            order.contract,
            prices=prices,
            language=language,
            style=style,
            number=order.quotation_number,
        )

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
    """What to render for every order, as plain values a worker process can unpickle.

    ``documents`` None means all the order has data for; ``tag`` makes the staged
    files' names unique to one run (so a run can sweep up its own leftovers).
    """

    documents: tuple[str, ...] | None
    formats: tuple[Format, ...]
    languages: tuple[Language, ...]
    outdir: Path
    cjk_font: Path | None = None
    system_fonts: bool = False
    debug: bool = False
    tag: str = "run"

    def style(self) -> Style:
        """The rendering style (built where it is used: in the worker process)."""
        return cli_style(self.cjk_font, self.system_fonts)

    def kinds(self, order: OrderFile) -> tuple[str, ...]:
        """The documents to render for ``order``."""
        if self.documents is not None:
            return self.documents
        return tuple(k for k in DOCUMENTS if k != "cost-sheet" or order.costing is not None)

    def leftovers(self) -> list[Path]:
        """Staged files of this run still in the output directory (after an interruption)."""
        if not self.outdir.is_dir():
            return []
        return sorted(self.outdir.glob(f".*.{self.tag}-*.tmp"))


def render_documents(order: OrderFile, job: Job, style: Style) -> list[tuple[Path, bytes]]:
    """Every file of ``order`` as (final path, bytes), rendered in memory.

    A missing font or a bad price column fails here, before anything is written.
    """
    builders = _builders()
    rendered: list[tuple[Path, bytes]] = []
    for language in job.languages:
        for kind in job.kinds(order):
            doc = builders[kind](order, language, style)
            for fmt in job.formats:
                data = doc.render(fmt)
                assert data is not None  # no target: the bytes
                rendered.append((job.outdir / doc.filename(fmt), data))
    return rendered


def stage(files: Sequence[tuple[Path, bytes]], job: Job, index: int = 0) -> list[tuple[Path, Path]]:
    """Write each file under a temporary name beside its final one: (temporary, final) pairs.

    The names are unique to the run (``job.tag``) and the order (``index``); if a write
    fails, the files already staged are removed.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.{job.tag}-{index}.tmp")
            staged.append((temporary, path))
            with temporary.open("xb") as stream:
                stream.write(data)
    except BaseException:
        discard(staged)
        raise
    return staged


def discard(staged: Sequence[tuple[Path, Path]]) -> None:
    """Remove staged files (an order refused after rendering, or a failed commit)."""
    for temporary, _ in staged:
        temporary.unlink(missing_ok=True)


def commit(staged: Sequence[tuple[Path, Path]]) -> list[Path]:
    """Rename staged files into place; if one fails, none of the order's files stays."""
    done: list[Path] = []
    try:
        for temporary, path in staged:
            os.replace(temporary, path)
            done.append(path)
    except BaseException:
        discard(staged)
        for path in done:
            path.unlink(missing_ok=True)
        raise
    return done


def report_files(paths: Sequence[Path], out: TextIO) -> None:
    """One line per file written: its size and its path."""
    for path in paths:
        out.write(f"{human_size(path.stat().st_size):>9}  {path}\n")


def total_size(paths: Sequence[Path]) -> str:
    """The files' total size, for people."""
    return human_size(sum(p.stat().st_size for p in paths))


def run_demo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Render the sample order's 24 files: 4 documents x PDF, DOCX x en, zh, en-zh.

    A font asked for with ``--cjk-font``/``--system-fonts`` and not found is an error
    (exit 1, nothing written); with the default fonts the set is always complete.
    """
    order = OrderFile.sample()
    job = Job(None, tuple(Format), DEMO_LANGUAGES, args.outdir, args.cjk_font, args.system_fonts)
    written = commit(stage(render_documents(order, job, job.style()), job))
    out.write(f"Sample order {order.contract.number}: {len(written)} files in {args.outdir}\n")
    report_files(written, out)
    out.write(f"{total_size(written):>9}  in all\n")
    return EXIT_OK
