"""The newcomer's path: the wheel alone, in a new virtual environment, renders the demo.

The wheel is built from this checkout and installed with its runtime dependencies only
(no dev extras) into a new venv; ``exportdocs demo`` then runs in an empty folder, away
from the checkout, with no CJK font given and none looked for on the system (the
default): the bundled font must be enough for all 24 documents. About a minute with a
warm pip cache; PyPI must be reachable.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_WHEEL_BYTES = 12 * 1024 * 1024
#: Seconds for each step; the install is the slow one (about 30 s with a warm pip cache).
TIMEOUT = 900

NUMBER = "BW-2026-0418"  # the sample order's contract number
QUOTE_NO = "BW-Q-2026-0311"  # its quotation's own number
DOCUMENTS = ("quotation", "proforma-invoice", "packing-list", "cost-sheet")
LANGUAGES = ("en", "zh", "en-zh")
FORMATS = ("pdf", "docx")
EXPECTED = sorted(
    f"{QUOTE_NO if doc == 'quotation' else NUMBER}_{doc}_{lang}.{fmt}"
    for doc in DOCUMENTS
    for lang in LANGUAGES
    for fmt in FORMATS
)


def _env() -> dict[str, str]:
    """This process's environment without what would point a child at the checkout."""
    env = {
        k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}
    }
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PIP_NO_INPUT"] = "1"
    return env


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        args, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    assert done.returncode == 0, (
        f"{' '.join(args)} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    )
    return done


@pytest.mark.slow
def test_wheel_in_a_new_venv_renders_the_demo_set(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), "."], ROOT)
    [wheel] = wheels.glob("exportdocs-*.whl")
    size = wheel.stat().st_size
    assert size < MAX_WHEEL_BYTES, f"{wheel.name} is {size / 2**20:.1f} MB"

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], tmp_path)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    _run([str(python), "-m", "pip", "install", "-q", str(wheel)], tmp_path)

    work = tmp_path / "empty"
    work.mkdir()
    _run([str(bin_dir / "exportdocs"), "demo", "out"], work)  # exit 0: the whole set
    assert [p.name for p in work.iterdir()] == ["out"]
    out = work / "out"
    assert sorted(p.name for p in out.iterdir()) == EXPECTED
    for name in EXPECTED:
        data = (out / name).read_bytes()
        assert len(data) > 1000, name
        if name.endswith(("_zh.pdf", "_en-zh.pdf")):
            # The Chinese text is set in the bundled font, not one found on this machine.
            assert b"ExportDocsCJK" in data, name

    # Imported from the new venv (not the checkout), and without any dev tool there.
    check = (
        "import importlib.util, exportdocs; "
        "print(exportdocs.__file__); "
        "print(importlib.util.find_spec('pytest') is None)"
    )
    done = _run([str(python), "-c", check], work)
    where, no_pytest = done.stdout.split()
    assert Path(where).resolve().is_relative_to(venv.resolve()), where
    assert no_pytest == "True", "the runtime install pulled in pytest"
