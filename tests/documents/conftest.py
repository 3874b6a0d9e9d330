"""Fixtures for the document tests: the sample order, rendered once per module, read back."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import docx
import pypdf
import pytest

from exportdocs import Contract, costing
from exportdocs.costing import CostSheet
from exportdocs.documents import TradeDocument
from exportdocs.samples import sample_contract, sample_cost_inputs

LANGUAGES = ("en", "zh", "en-zh")
FORMATS = ("pdf", "docx")


def pdf_text(data: bytes) -> str:
    """All text of a PDF, page by page (pypdf)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    # The CJK font's /Encoding is an embedded Identity CMap stream, which pypdf decodes
    # one byte at a time: every character comes back after a NUL (poppler reads it fine).
    return "\n".join(page.extract_text() for page in reader.pages).replace("\x00", "")


def docx_text(data: bytes) -> str:
    """All text of a DOCX: body paragraphs, every table cell, headers and footers."""
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]

    def tables(items: list[docx.table.Table]) -> None:
        for table in items:
            for row in table.rows:
                for cell in row.cells:
                    parts.extend(p.text for p in cell.paragraphs)
                    tables(cell.tables)

    tables(document.tables)
    for section in document.sections:
        for part in (section.header, section.footer):
            parts.extend(p.text for p in part.paragraphs)
            tables(part.tables)
    return "\n".join(parts)


def read_back(doc: TradeDocument, fmt: str) -> str:
    """Render ``doc`` in ``fmt`` and read the text back."""
    data = doc.render(fmt)
    assert data is not None
    return pdf_text(data) if fmt == "pdf" else docx_text(data)


def squash(text: str) -> str:
    """Text without whitespace: a phrase may wrap anywhere in a table cell or box."""
    return re.sub(r"\s+", "", text)


def contains(text: str, phrase: str) -> bool:
    """True when ``phrase`` is in ``text``, wherever the renderer wrapped it."""
    return squash(phrase) in squash(text)


@pytest.fixture(scope="session")
def contract() -> Contract:
    return sample_contract()


@pytest.fixture(scope="session")
def sheet(contract: Contract) -> CostSheet:
    return costing.analyse(sample_cost_inputs(), [i.unit_price for i in contract.items])


def rendered_texts(build: Callable[[str], TradeDocument]) -> dict[tuple[str, str], str]:
    """{(language, format): text read back} for every language and format."""
    return {(lang, fmt): read_back(build(lang), fmt) for lang in LANGUAGES for fmt in FORMATS}
