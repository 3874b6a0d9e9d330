"""``python -m exportdocs``: the same as the ``exportdocs`` command."""

from __future__ import annotations

import sys

from exportdocs.cli import main

if __name__ == "__main__":
    sys.exit(main())
