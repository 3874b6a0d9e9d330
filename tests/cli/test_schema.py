"""``exportdocs schema``: the order file's JSON Schema on stdout or in a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exportdocs.cli import main
from exportdocs.orderfile._schema import order_schema


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert order_schema() == printed


def test_schema_command_writes_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "order.schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert f"wrote {target}\n" == capsys.readouterr().out
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "OrderFile"
