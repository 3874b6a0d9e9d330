"""``exportdocs schema``: the JSON Schema of an order file, on stdout or into a file."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from exportdocs.cli._text import EXIT_OK
from exportdocs.orderfile import order_schema

__all__ = ["run_schema"]


def run_schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the schema (draft 2020-12), or write it to ``--output`` and say so."""
    text = json.dumps(order_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output is None:
        out.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        out.write(f"wrote {args.output}\n")
    return EXIT_OK
