"""The documentation site builds with warnings as errors (``mkdocs build --strict``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_mkdocs_build_strict(tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    assert (tmp_path / "site" / "api" / "index.html").is_file()
    api = (tmp_path / "site" / "api" / "index.html").read_text("utf-8")
    assert "exportdocs.cli.main" in api
    # attrs classes show their constructor's parameters (read from the fields).
    contract = api[api.index('id="exportdocs.Contract"') :]
    contract = contract[: contract.index('class="doc doc-heading"', 100)]
    assert "Parameters:" in contract
    assert "trade_term" in contract
    assert "lead_time_days" in contract
