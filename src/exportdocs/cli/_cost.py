"""``exportdocs cost``: an order's price build-up as a table in the terminal."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from decimal import Decimal
from typing import TextIO

from exportdocs._incoterms import Incoterm
from exportdocs._serialize import to_json
from exportdocs._validation import fail
from exportdocs.cli._text import EXIT_OK, table
from exportdocs.costing import CostSheet, Quote, format_percent, quote
from exportdocs.exceptions import ValidationError
from exportdocs.orderfile import OrderFile, load_order
from exportdocs.workflow import format_money

__all__ = ["cost_lines", "parse_rules", "run_cost"]


def parse_rules(text: str) -> tuple[Incoterm, ...] | None:
    """``--rules``: a comma-separated list of Incoterms rules, or ``all`` (None)."""
    if text.strip().lower() == "all":
        return None
    rules: list[Incoterm] = []
    for part in text.split(","):
        if part.strip():
            rules.append(Incoterm.parse(part))
    if not rules:
        raise fail("give at least one Incoterms rule, or 'all'", text, "--rules")
    return tuple(dict.fromkeys(rules))


def _forward(order: OrderFile, rules: tuple[Incoterm, ...] | None) -> Quote | None:
    """Forward prices under ``rules`` (None: every rule the inputs allow)."""
    costing = order.costing
    if costing is None or costing.target is None:
        return None
    if rules is None:
        return quote(costing)
    missing = [p.prefixed("costing") for rule in rules for p in costing.rule_problems(rule)]
    if missing:
        raise ValidationError(missing)
    return quote(costing, rules)


def _money_cell(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def cost_lines(
    order: OrderFile, sheet: CostSheet, rules: tuple[Incoterm, ...] | None
) -> Iterator[str]:
    """The cost table of ``order`` at its contract prices, then the summary and approval."""
    forward = _forward(order, rules)
    contract = order.contract
    inputs = sheet.inputs
    home, cur = inputs.home_currency.code, inputs.quote_currency.code
    rule_codes = [forward.term(r) for r in forward.rules] if forward is not None else []
    term = f"{inputs.incoterm.code}{inputs.commission_label}"
    headers = [
        "#",
        "Item",
        "Qty",
        *rule_codes,
        f"Price {term}",
        f"Profit {home}",
        "Margin",
        "Markup",
        "Approval",
    ]
    rows: list[list[str]] = []
    for n, line in enumerate(sheet.lines):
        forward_cells = (
            [f"{forward.lines[n].price(r).unit_price.amount:f}" for r in forward.rules]
            if forward is not None
            else []
        )
        rows.append(
            [
                str(n + 1),
                line.reference or contract.items[n].product.item_no,
                f"{line.quantity:,f}",
                *forward_cells,
                f"{line.unit_price.amount:f}",
                _money_cell(line.profit.amount),
                format_percent(line.margin_on_sale),
                format_percent(line.markup_on_cost),
                "needed" if line.approval.required else "ok",
            ]
        )
    s = sheet.summary
    totals = [forward.total(r).amount for r in forward.rules] if forward is not None else []
    rows.append(
        [
            "",
            "Order",
            "",
            *(_money_cell(t) for t in totals),
            _money_cell(s.invoice_value.amount),
            _money_cell(s.profit.amount),
            format_percent(s.margin_on_sale),
            format_percent(s.markup_on_cost),
            "needed" if s.approval.required else "ok",
        ]
    )
    right = [True, False, True] + [True] * len(rule_codes) + [True, True, True, True, False]
    yield f"Cost sheet {contract.number}: {term} {contract.trade_term.place.name}, prices in {cur}"
    if forward is not None:
        yield (
            f"Forward prices at the target ({inputs.target}); contract prices analysed "
            f"at the exchange rate {inputs.exchange_rate}"
        )
    yield ""
    yield from table(headers, rows, right=right, rule_before=[len(rows) - 1])
    yield ""
    yield (
        f"Invoice {format_money(s.invoice_value)}  net income {format_money(s.net_income_home)}  "
        f"total cost {format_money(s.total_cost)}  profit {format_money(s.profit)}"
    )
    yield str(sheet.approval)
    yield ""
    yield "Assumptions:"
    width = max(len(k) for k, _ in sheet.assumptions)
    for key, value in sheet.assumptions:
        yield f"  {key.ljust(width)}  {value}"


def run_cost(args: argparse.Namespace, out: TextIO) -> int:
    """Print the cost table (or the cost sheet as JSON with ``--json``)."""
    order = load_order(args.order)
    sheet = order.cost_sheet()
    if sheet is None:
        raise fail(
            "the order has no costing inputs: add a costing section to see the build-up",
            None,
            "costing",
        )
    if args.json:
        out.write(to_json(sheet) + "\n")
        return EXIT_OK
    rules: tuple[Incoterm, ...] | None
    if args.rules is None:
        rules = tuple(
            dict.fromkeys([sheet.inputs.incoterm, *(t.incoterm for t in order.quotation_terms)])
        )
    else:
        rules = parse_rules(args.rules)
    for line in cost_lines(order, sheet, rules):
        out.write(line + "\n")
    return EXIT_OK
