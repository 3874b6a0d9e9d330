"""Stand-ins for the pool's worker function, for the batch tests.

The tests put one of these in place of ``exportdocs.cli._batch.render_file``; the pool
pickles it by name, so it runs in the worker processes, where this module is imported
afresh and :data:`REAL` is the real worker function.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import Any

import pytest

from exportdocs.cli import _batch
from exportdocs.cli._batch import Outcome
from exportdocs.cli._render import Job

#: The real worker function (this module is imported before a test replaces it).
REAL = _batch.render_file


def with_a_bug(index: int, path: Path, job: Job) -> Outcome:
    """The real worker, with a bug (a KeyError) in the rendering of ``bug.json``."""
    if path.name != "bug.json":
        return REAL(index, path, job)

    def buggy(*args: Any) -> Any:
        raise KeyError("no such column")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_batch, "render_documents", buggy)
        return REAL(index, path, job)


def dies_on_dies_json(index: int, path: Path, job: Job) -> Outcome:
    """The real worker, except that the worker process rendering ``dies.json`` stops dead."""
    if path.name == "dies.json":
        assert multiprocessing.parent_process() is not None  # never the test process itself
        os._exit(3)
    return REAL(index, path, job)
