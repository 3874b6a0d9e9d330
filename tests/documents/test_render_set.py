"""render_set: names, determinism, metadata, and all-or-nothing on failure."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import attrs
import pypdf
import pytest

from exportdocs import Contract, documents
from exportdocs.costing import CostSheet
from exportdocs.exceptions import FontNotFoundError, RenderError, ValidationError
from exportdocs.render import FontSet, Style

KINDS = ("quotation", "proforma-invoice", "packing-list", "cost-sheet")


def test_render_set_writes_every_document_language_and_format(
    contract: Contract, sheet: CostSheet, tmp_path: Path
) -> None:
    paths = documents.render_set(contract, cost_sheet=sheet, outdir=tmp_path)
    expected = [
        tmp_path / f"BW-2026-0418_{kind}_{lang}.{fmt}"
        for lang in ("en", "zh")
        for kind in KINDS
        for fmt in ("pdf", "docx")
    ]
    assert paths == expected
    assert sorted(tmp_path.iterdir()) == sorted(expected)
    meta = pypdf.PdfReader(tmp_path / "BW-2026-0418_proforma-invoice_en.pdf").metadata
    assert meta is not None
    assert meta.creation_date is not None
    assert meta.creation_date.date() == dt.date(2026, 11, 2)


def test_render_set_is_deterministic(contract: Contract, tmp_path: Path) -> None:
    one, two = tmp_path / "1", tmp_path / "2"
    one.mkdir()
    two.mkdir()
    first = documents.render_set(contract, outdir=one, languages=["en"], formats=["pdf"])
    second = documents.render_set(contract, outdir=two, languages=["en"], formats=["pdf"])
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert [p.name for p in first] == [p.name for p in second]


def test_missing_cjk_font_writes_nothing(contract: Contract, tmp_path: Path) -> None:
    old = tmp_path / "BW-2026-0418_quotation_en.pdf"
    old.write_bytes(b"previous version")
    no_cjk = Style(fonts=FontSet(cjk_regular="/nonexistent/NotoSansSC-Regular.otf"))
    with pytest.raises(FontNotFoundError, match="CJK font"):
        documents.render_set(contract, outdir=tmp_path, languages=["en", "zh"], style=no_cjk)
    assert list(tmp_path.iterdir()) == [old]
    assert old.read_bytes() == b"previous version"


def test_missing_photo_writes_nothing(contract: Contract, tmp_path: Path) -> None:
    product = attrs.evolve(contract.items[3].product, image=str(tmp_path / "nope.jpg"))
    line = attrs.evolve(contract.items[3], product=product)
    broken = attrs.evolve(contract, items=(*contract.items[:3], line, *contract.items[4:]))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RenderError, match=r"nope\.jpg"):
        documents.render_set(broken, outdir=out, languages=["en"])
    assert list(out.iterdir()) == []


def test_failing_fifth_write_leaves_no_file(
    contract: Contract, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 5:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(documents.os, "fsync", fsync)
    with pytest.raises(RenderError, match="cannot write the document set: No space left"):
        documents.render_set(contract, outdir=tmp_path, languages=["en"])
    assert list(tmp_path.iterdir()) == []


def test_render_set_refuses_bad_arguments(contract: Contract, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as exc:
        documents.render_set(
            contract, outdir=tmp_path, formats=["pdf", "odt"], languages=["en", "fr"]
        )
    assert [p.path for p in exc.value.problems] == ["formats[1]", "languages[1]"]
    with pytest.raises(RenderError, match="not an existing directory"):
        documents.render_set(contract, outdir=tmp_path / "missing")
    assert list(tmp_path.iterdir()) == []


def test_file_names_are_safe(contract: Contract) -> None:
    odd = attrs.evolve(contract, number="PI 2026/07")
    assert documents.packing_list(odd).filename("docx") == "PI-2026-07_packing-list_en.docx"
