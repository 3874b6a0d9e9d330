"""The corpus of real-looking orders, rendered as every document and checked by machine.

Every order file of ``tests/corpus/orders`` (written by ``make_corpus.py``) is rendered
as the quotation, the PI, the packing list and the cost sheet, in en, zh and en-zh,
as PDF and DOCX, the way ``exportdocs render`` does it, and each file is read back by
:mod:`tests.corpus.checker`. A failure names the order, document, language and
format, and every problem with its page, text and position.

Each document is built and rendered once per session (:func:`rendered`, cached); the
DOCX files are converted by LibreOffice in one batch. Without LibreOffice the
conversion test is skipped, except under ``CI=true``, where it fails: CI installs it.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from exportdocs import OrderFile, load_order
from exportdocs.documents import (
    TradeDocument,
    cost_analysis,
    packing_list,
    price_columns,
    proforma_invoice,
    quotation,
)
from tests.corpus import checker

ORDERS = sorted((Path(__file__).parent / "orders").glob("*.json"))
DOCUMENTS = ("quotation", "pi", "packing-list", "cost-sheet")
LANGUAGES = ("en", "zh", "en-zh")
FORMATS = ("pdf", "docx")


@functools.cache
def order(name: str) -> OrderFile:
    """The order file ``<name>.json`` of the corpus, read once."""
    return load_order(Path(__file__).parent / "orders" / f"{name}.json")


@functools.cache
def document(name: str, kind: str, language: str) -> TradeDocument:
    """One document of an order, built as the command line builds it (``cli._render``)."""
    o = order(name)
    if kind == "quotation":
        quote = o.quote()
        prices = price_columns(quote, o.quotation_terms, base=o.contract) if quote else ()
        return quotation(o.contract, prices=prices, language=language, number=o.quotation_number)
    if kind == "pi":
        return proforma_invoice(o.contract, language=language)
    if kind == "packing-list":
        return packing_list(o.contract, language=language)
    sheet = o.cost_sheet()
    assert sheet is not None, f"{name}: the corpus orders all have costing"
    return cost_analysis(sheet, o.contract, language=language)


@functools.cache
def rendered(name: str, kind: str, language: str, fmt: str) -> bytes:
    """The file's bytes, rendered once per session."""
    data = document(name, kind, language).render(fmt)
    assert data is not None
    return data


def _report(problems: Sequence[checker.Problem], limit: int = 15) -> str:
    lines = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"... and {len(problems) - limit} more")
    return "\n".join(lines)


CASES = [
    pytest.param(o.stem, kind, lang, fmt, id=f"{o.stem}-{kind}-{lang}-{fmt}")
    for o in ORDERS
    for kind in DOCUMENTS
    for lang in LANGUAGES
    for fmt in FORMATS
]


def test_the_corpus_is_there() -> None:
    assert len(ORDERS) >= 24
    sizes = [len(order(o.stem).contract.items) for o in ORDERS]
    assert min(sizes) == 1
    assert max(sizes) == 1000


@pytest.mark.parametrize(("name", "kind", "language", "fmt"), CASES)
def test_layout(name: str, kind: str, language: str, fmt: str) -> None:
    data = rendered(name, kind, language, fmt)
    doc = document(name, kind, language).document
    problems = checker.check_pdf(data, doc) if fmt == "pdf" else checker.check_docx(data, doc)
    assert not problems, f"{name} {kind} {language} {fmt}:\n{_report(problems)}"


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path | None]:
    """Every order's four documents in en-zh as DOCX, converted by LibreOffice.

    The bilingual files hold both scripts, so they are the demanding case; converting
    all three languages would triple the longest step of the suite (about a second a
    file, 20 s for a 1,000-line packing list) for no case the bilingual ones miss.
    One LibreOffice run per order, so a crash costs one order's files, not the rest.
    """
    if checker.soffice() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is not installed; CI must have it (.ci/run)")
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("corpus-docx")
    result: dict[Path, Path | None] = {}
    for o in ORDERS:
        paths = []
        for kind in DOCUMENTS:
            path = folder / f"{o.stem}__{kind}__en-zh.docx"
            path.write_bytes(rendered(o.stem, kind, "en-zh", "docx"))
            paths.append(path)
        result.update(checker.convert_with_libreoffice(paths, folder / "pdf"))
    return result


@pytest.mark.slow
def test_libreoffice_converts_every_bilingual_docx(converted: dict[Path, Path | None]) -> None:
    failed = sorted(path.name for path, pdf in converted.items() if pdf is None)
    assert not failed, f"LibreOffice did not convert {len(failed)} files: {failed[:10]}"


@pytest.mark.slow
def test_no_figure_splits_where_libreoffice_lays_out_the_docx(
    converted: dict[Path, Path | None],
) -> None:
    # The DOCX tables take the PDF layout's measured widths and size, so a word processor
    # (LibreOffice standing in for Word) has no reason to break a figure either.
    report = []
    for path, pdf in sorted(converted.items()):
        if pdf is None:
            continue
        name, kind, language = path.stem.split("__")
        problems = checker.check_split_figures(pdf, document(name, kind, language).document)
        if problems:
            report.append(f"{path.stem}:\n{_report(problems, 5)}")
    assert not report, "\n".join(report)
