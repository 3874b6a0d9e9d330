"""The packing list (装箱单): which cartons hold what, weights and measurement, no prices.

One row per contract line and carton range: C/No., item, description, quantity
per carton, cartons, total quantity, N.W., G.W., carton size and CBM. A mixed
carton appears under every item it holds, its carton count in brackets, and is
counted once in the totals. The N.W., G.W. and CBM of a row are the plan's exact
figures for those cartons (for a mixed carton, the item's share as the plan
splits it), rounded so that the rows of a line add up to the plan's rounded line
figure and the lines to the plan's totals (kg 2 places, m³ 3): every column
adds up to the total printed under it.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from typing import Any

from exportdocs._cartons import LinePacking
from exportdocs._contract import Contract
from exportdocs._words import packages_in_words, packages_in_words_zh
from exportdocs.documents._common import (
    Ctx,
    TradeDocument,
    check_contract,
    dims_text,
    make_context,
    meta_for,
    origin_text,
    party_box,
    place_text,
    product_text,
    single_signature,
)
from exportdocs.documents._proforma import quantity_totals
from exportdocs.render import (
    Column,
    Document,
    Header,
    ItemTable,
    KeyValueGrid,
    PartyBoxes,
    Spacer,
    Style,
    Text,
    TextStyle,
    Totals,
)
from exportdocs.render import (
    Party as Box,
)

__all__ = ["build_packing_list", "packages_words"]

_KG = Decimal("0.01")
_CBM = Decimal("0.001")


def build_packing_list(
    contract: Any, *, language: Any = "en", style: Style | None = None
) -> TradeDocument:
    """Build the packing list of ``contract`` (see :func:`exportdocs.documents.packing_list`)."""
    c = check_contract(contract)
    ctx = make_context(c.seller, language, style)
    f = ctx.numbers
    plan = c.packing_plan

    info = [
        (ctx.label("invoice_no"), c.number),
        (ctx.label("date"), ctx.date(c.date)),
    ]
    if c.buyer_reference:
        info.append((ctx.label("buyer_po"), c.buyer_reference))
    parties = [party_box("seller", c.seller, ctx, contacts=False)]
    parties.append(party_box("buyer", c.buyer, ctx, contacts=False))
    if c.consignee is not None:
        parties.append(party_box("consignee", c.consignee, ctx, contacts=False))

    route: list[tuple[str, str]] = []
    if c.port_of_loading is not None:
        route.append((ctx.label("port_of_loading"), place_text(c.port_of_loading, ctx)))
    if c.port_of_discharge is not None:
        route.append((ctx.label("port_of_discharge"), place_text(c.port_of_discharge, ctx)))
    route.append((ctx.label("country_of_origin"), origin_text(c, ctx)))

    # The marks sit beside the parties, where the forwarder looks for them first.
    marks = c.final_marks
    parties.append(Box(ctx.label("shipping_marks"), [*marks.main, *marks.side][:20]))
    blocks: list[Any] = [Header(ctx.label("packing_list"), info=info), PartyBoxes(parties)]
    if route:
        blocks.append(KeyValueGrid(route, columns=ctx.grid_columns))
    blocks.append(_table(c, ctx))
    totals: list[tuple[str, str]] = []
    words = None
    if plan.total_cartons:
        # The engine prints the last row as the grand total: on a packing list, the packages.
        totals = [
            (ctx.label("total_nw"), f"{f.number(plan.net_weight, 2)} {ctx.label('kgs')}"),
            (ctx.label("total_gw"), f"{f.number(plan.gross_weight, 2)} {ctx.label('kgs')}"),
            (ctx.label("total_meas"), f"{f.number(plan.cbm, 3)} {ctx.label('cbm_unit')}"),
            (
                ctx.label("total_packages"),
                f"{f.integer(plan.total_cartons)} {ctx.label('cartons')}",
            ),
        ]
        words = packages_words(plan.total_cartons, ctx)
        blocks.append(Totals(totals, words=words))
    # Only what the buyer needs to read the table: how the totals are rounded is the
    # library's business (docs/packing.md), not a line on the buyer's document.
    if plan.mixed_cartons:
        blocks.append(Text(ctx.text("mixed_note", " ", ctn="1"), TextStyle.SMALL))
    blocks += [Spacer(4), single_signature(c.seller, ctx, c.date)]
    meta = meta_for("Packing list", c.number, c.date, c.seller.name)
    return TradeDocument("packing-list", c.number, ctx.language, Document(blocks, meta), ctx.style)


def packages_words(count: int, ctx: Ctx) -> str:
    """``SAY TOTAL FIVE HUNDRED TWENTY-SIX (526) CARTONS ONLY`` and/or ``共计伍佰贰拾陆箱``."""
    parts = []
    if ctx.en:
        parts.append(packages_in_words(count))
    if ctx.zh:
        parts.append(packages_in_words_zh(count))
    return "\n".join(parts)


def _rows_for_line(c: Contract, ctx: Ctx, lp: LinePacking) -> list[list[str]]:
    f = ctx.numbers
    item = c.items[lp.line]
    unit = ctx.unit(item.unit)
    contents = [next(x for x in r.contents if x.line == lp.line) for r in lp.ranges]
    nws = _split(
        [x.net_weight * r.cartons for x, r in zip(contents, lp.ranges, strict=True)],
        lp.net_weight,
        _KG,
    )
    gws = _split(_shares(lp, "gross_weight"), lp.gross_weight, _KG)
    cbms = _split(_shares(lp, "cbm"), lp.cbm, _CBM)
    rows: list[list[str]] = []
    for k, (r, content) in enumerate(zip(lp.ranges, contents, strict=True)):
        description = product_text(item.product, ctx, spec=False) if k == 0 else ""
        if r.mixed:
            note = f"({ctx.label('mixed')})"
            description = f"{description}\n{note}" if description else note
        rows.append(
            [
                r.numbers,
                item.product.item_no if k == 0 else "",
                description,
                f.integer(content.quantity),
                f"({r.cartons})" if r.mixed else f.integer(r.cartons),
                f"{f.integer(content.quantity * r.cartons)} {unit}",
                f.number(nws[k], 2),
                f.number(gws[k], 2),
                dims_text(r.carton),
                f.number(cbms[k], 3),
            ]
        )
    return rows


def _shares(lp: LinePacking, name: str) -> list[Decimal]:
    """Exact G.W. or CBM of each of the line's rows: own ranges whole, a mixed carton the rest.

    The plan splits a mixed carton's tare and volume between its lines by fill; the
    line's share is its exact figure less its own cartons.
    """
    own = [getattr(r, name) if not r.mixed else None for r in lp.ranges]
    rest = getattr(lp, f"{name}_exact") - sum((v for v in own if v is not None), Decimal(0))
    return [v if v is not None else rest for v in own]


def _split(exact: list[Decimal], total: Decimal, quantum: Decimal) -> list[Decimal]:
    """Round the rows of one line so they add up to the plan's rounded line figure.

    The plan rounds each line's N.W., G.W. and CBM by largest remainder so the lines
    add up to its totals; the rows of a line are rounded the same way to the line's
    figure: each row within one unit of the last place of its exact value.
    """
    floors = [v.quantize(quantum, ROUND_DOWN) for v in exact]
    units = int((total - sum(floors, Decimal(0))) / quantum)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    if units < 0:
        order = order[::-1]
    step = quantum if units >= 0 else -quantum
    for i in order[: abs(units)]:
        floors[i] += step
    return floors


def _table(c: Contract, ctx: Ctx) -> ItemTable:
    f = ctx.numbers
    plan = c.packing_plan
    # Widths leave room for the DOCX output too, where Word cannot shrink a cell's text.
    columns = [
        Column(ctx.header("c_no"), "1.05", "center", wrap=False),
        Column(ctx.header("item_no"), "1.75", wrap=False),
        Column(ctx.header("description"), "2.4"),
        Column(ctx.header("qty_per_ctn"), "0.75", "right", wrap=False),
        Column(ctx.header("ctns"), "0.8", "right", wrap=False),
        # wrap=True: the totals row holds one quantity per unit, on lines of their own.
        Column(ctx.header("total_qty"), "1.45", "right"),
        Column(ctx.header("nw_kg"), "1.25", "right", wrap=False),
        Column(ctx.header("gw_kg"), "1.25", "right", wrap=False),
        Column(ctx.header("meas"), "1.35", "center", wrap=False),
        Column(ctx.header("cbm"), "1.0", "right", wrap=False),
    ]
    rows: list[list[str]] = []
    for line in plan.lines:
        rows.extend(_rows_for_line(c, ctx, line))
    totals = [
        [
            plan.numbers,
            ctx.label("total"),
            "",
            "",
            f.integer(plan.total_cartons),
            quantity_totals(c, ctx),
            f.number(plan.net_weight, 2),
            f.number(plan.gross_weight, 2),
            "",
            f.number(plan.cbm, 3),
        ]
    ]
    return ItemTable(columns, rows, totals=totals)
