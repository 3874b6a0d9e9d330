"""Output targets: bytes, paths (atomic) and file objects give the same bytes."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from exportdocs.exceptions import RenderError, ValidationError
from exportdocs.render import Format, render, render_docx, render_pdf
from tests.render.samples import STYLE, sample


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_bytes_path_and_file_object_are_identical(fmt: str, tmp_path: Path) -> None:
    doc = sample(3)
    data = render(doc, STYLE, fmt)
    assert render(doc, STYLE, fmt, tmp_path / f"a.{fmt}") is None
    assert render(doc, STYLE, fmt, str(tmp_path / f"b.{fmt}")) is None
    buffer = io.BytesIO()
    assert render(doc, STYLE, Format.parse(fmt), buffer) is None
    assert data == (tmp_path / f"a.{fmt}").read_bytes()
    assert data == (tmp_path / f"b.{fmt}").read_bytes()
    assert data == buffer.getvalue()
    assert sorted([f"a.{fmt}", f"b.{fmt}"]) == sorted(os.listdir(tmp_path))


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_failure_midway_leaves_no_target_and_no_temp_file(
    step: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, step, boom)
    with pytest.raises(RenderError, match=r"cannot write .*out\.pdf.*No space left on device"):
        render_pdf(sample(2), STYLE, tmp_path / "out.pdf")
    assert os.listdir(tmp_path) == []


def test_failure_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")

    def boom(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        render_docx(sample(2), STYLE, target)
    assert os.listdir(tmp_path) == ["out.docx"]
    assert target.read_bytes() == b"old"


def test_render_error_leaves_nothing(tmp_path: Path) -> None:
    from exportdocs.render import Document, Text

    with pytest.raises(RenderError):
        render_pdf(Document([Text("\U00010000")]), STYLE, tmp_path / "x.pdf")
    assert os.listdir(tmp_path) == []


def test_missing_directory_is_a_render_error(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="cannot write"):
        render_pdf(sample(1), STYLE, tmp_path / "no" / "such" / "dir.pdf")


def test_wrong_arguments() -> None:
    with pytest.raises(ValidationError, match="document: expected a Document, not str") as info:
        render_pdf("not a document", "not a style")  # type: ignore[call-overload]
    assert [p.path for p in info.value.problems] == ["document", "style"]
    with pytest.raises(ValidationError, match="unknown format"):
        render(sample(1), STYLE, "odt")
    with pytest.raises(RenderError, match="pass a path"):
        render_pdf(sample(1), STYLE, 42)  # type: ignore[call-overload]
