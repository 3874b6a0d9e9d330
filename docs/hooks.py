"""MkDocs hook: keep doctest output in docstrings from failing the strict build.

A docstring example such as ``>>> terms.schedule(total)`` followed by the output
``['6300.00 USD', '14700.00 USD']`` reads, in Markdown, like a reference link, and
mkdocs-autorefs warns that it cannot find the "cross-reference" ``'6300.00 USD', ...``.
Such targets are never Python identifiers (they hold quotes, spaces, brackets or
commas), so the warning is dropped for them; a real broken reference (a dotted name)
still fails ``mkdocs build --strict``.
"""

from __future__ import annotations

import logging
import re
from typing import Any

_NOT_A_NAME = re.compile(r"Could not find cross-reference target '(?P<target>.*)'$", re.S)
_IDENTIFIER = re.compile(r"[A-Za-z_][\w.]*")


class _DoctestOutput(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        found = _NOT_A_NAME.search(record.getMessage())
        return found is None or bool(_IDENTIFIER.fullmatch(found.group("target")))


def on_config(config: Any) -> Any:
    """Install the filter on the handlers that count warnings for ``--strict``."""
    for handler in logging.getLogger("mkdocs").handlers:
        if not any(isinstance(f, _DoctestOutput) for f in handler.filters):
            handler.addFilter(_DoctestOutput())
    return config
