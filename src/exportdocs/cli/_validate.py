"""``exportdocs validate``: check order files completely and report every problem."""

from __future__ import annotations

import argparse
from typing import TextIO

from exportdocs.cli._text import EXIT_FAILED, EXIT_OK, error_lines
from exportdocs.exceptions import ValidationError
from exportdocs.orderfile import load_order

__all__ = ["run_validate"]


def run_validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Check each order file: the contract, the costing, the extra price terms, the cost sheet.

    A good file gets one ``ok`` line with its totals; a bad one a line per problem on
    ``err``. With several files (or a bad one) a count follows; the exit code is 1 if
    any file was refused.
    """
    bad = 0
    for path in args.orders:
        name = str(path)
        try:
            order = load_order(path)
            sheet = order.cost_sheet()
            order.quote()
        except ValidationError as exc:
            bad += 1
            err.write("\n".join(error_lines(exc, name)) + "\n")
            continue
        contract = order.contract
        extra = f", cost sheet: {sheet.approval}" if sheet is not None else ""
        out.write(
            f"ok  {name}: {contract.number}, {len(contract.items)} lines, {contract.total} "
            f"{contract.trade_term}{extra}\n"
        )
    total = len(args.orders)
    if total > 1 or bad:
        out.write(f"{total - bad} of {total} order files valid\n")
    return EXIT_FAILED if bad else EXIT_OK
