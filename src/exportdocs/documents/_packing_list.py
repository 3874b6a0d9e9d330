"""The packing list (装箱单): which cartons hold what, weights and measurement, no prices.

One row per contract line and carton range, in C/No. order, each naming its item:
C/No., item, description, quantity per carton, cartons, total quantity, N.W. and
G.W. per carton, total N.W. and G.W., and CBM; the carton size is in the
description cell. A mixed carton has a row
for every item it holds, together at its place in the C/No. order, its carton count
in brackets, and is counted once in the totals. The total N.W., G.W. and CBM of a
row are the plan's exact figures for those cartons (for a mixed carton, the item's
share as the plan splits it), rounded so that the rows of a line add up to the
plan's rounded line figure and the lines to the plan's totals (kg 2 places, m³ 3):
every total column adds up to the total printed under it. The per-carton weights
are one carton's exact weights rounded (for a mixed carton, the row's own figure).
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
    # The table's last rows, the totals with the packages in words, the note and the
    # signature stay together (keep_with_next): the last page never holds only the signature.
    blocks.append(_table(c, ctx))
    totals: list[tuple[str, str]] = []
    words = None
    if plan.total_cartons:
        # The engine prints the last row as the grand total: on a packing list, the packages.
        totals = [
            (ctx.label("total_nw"), f.with_unit(f.number(plan.net_weight, 2), ctx.label("kgs"))),
            (ctx.label("total_gw"), f.with_unit(f.number(plan.gross_weight, 2), ctx.label("kgs"))),
            (ctx.label("total_meas"), f.with_unit(f.number(plan.cbm, 3), ctx.label("cbm_unit"))),
            (
                ctx.label("total_packages"),
                f.with_unit(f.integer(plan.total_cartons), ctx.label("cartons")),
            ),
        ]
        words = packages_words(plan.total_cartons, ctx)
    if totals:
        blocks.append(Totals(totals, words=words, keep_with_next=True))
    # Only what the buyer needs to read the table: how the totals are rounded is the
    # library's business (docs/packing.md), not a line on the buyer's document.
    if plan.mixed_cartons:
        note = Text(ctx.text("mixed_note", " ", ctn="1"), TextStyle.SMALL, keep_with_next=True)
        blocks.append(note)
    blocks += [Spacer(4), single_signature(c.seller, ctx, c.date)]
    meta = meta_for("Packing list", c.number, c.date, c.seller.name, ctx.language)
    return TradeDocument("packing-list", c.number, ctx.language, Document(blocks, meta), ctx.style)


def packages_words(count: int, ctx: Ctx) -> str:
    """``SAY TOTAL FIVE HUNDRED TWENTY-SIX (526) CARTONS ONLY`` and/or ``共计伍佰贰拾陆箱``."""
    parts = []
    if ctx.en:
        parts.append(packages_in_words(count))
    if ctx.zh:
        parts.append(packages_in_words_zh(count))
    return "\n".join(parts)


def _rows_for_line(c: Contract, ctx: Ctx, lp: LinePacking) -> list[tuple[int, list[str]]]:
    """The rows of one line, each with its first carton number (the table's sort key)."""
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
    rows: list[tuple[int, list[str]]] = []
    for k, (r, content) in enumerate(zip(lp.ranges, contents, strict=True)):
        parts = [product_text(item.product, ctx, spec=False)] if k == 0 else []
        if r.mixed:
            # A mixed carton is one carton: the item's share of it is its figure "per carton".
            parts.append(f"({ctx.label('mixed')})")
        # The carton size sits in the description: a column of its own does not fit A4.
        parts.append(f"{ctx.label('carton')} {dims_text(r.carton)}\u00a0cm")
        description = "\n".join(parts)
        if r.mixed:
            cartons = f"({r.cartons})"
            nw_each, gw_each = f.number(nws[k], 2), f.number(gws[k], 2)
        else:
            cartons = f.integer(r.cartons)
            nw_each = f.number(r.net_weight_each, 2)
            gw_each = f.number(r.gross_weight_each, 2)
        row = [
            r.numbers,
            item.product.item_no,
            description,
            f.integer(content.quantity),
            cartons,
            f"{f.integer(content.quantity * r.cartons)}\u00a0{unit}",
            nw_each,
            gw_each,
            f.number(nws[k], 2),
            f.number(gws[k], 2),
            f.number(cbms[k], 3),
        ]
        rows.append((r.first, row))
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
    # Figures never wrap; the description takes what is left. Widths leave room for
    # the DOCX output too, where Word cannot shrink a cell's text.
    columns = [
        Column(ctx.header("c_no"), "1.0", "center", wrap=False),
        Column(ctx.header("item_no"), "1.6", wrap=False),
        Column(ctx.header("description"), "2.6"),
        Column(ctx.header("ctn_qty"), "0.7", "right", wrap=False),
        Column(ctx.header("ctns"), "0.65", "right", wrap=False),
        # wrap=True: the totals row holds one quantity per unit, on lines of their own.
        Column(ctx.header("total_qty"), "1.3", "right"),
        Column(ctx.header("ctn_nw"), "0.9", "right", wrap=False),
        Column(ctx.header("ctn_gw"), "0.9", "right", wrap=False),
        Column(ctx.header("total_nw_kg"), "1.1", "right", wrap=False),
        Column(ctx.header("total_gw_kg"), "1.1", "right", wrap=False),
        Column(ctx.header("cbm"), "0.9", "right", wrap=False),
    ]
    keyed: list[tuple[int, list[str]]] = []
    for line in plan.lines:
        keyed.extend(_rows_for_line(c, ctx, line))
    # C/No. order; a mixed carton's rows stay together in line order (the sort is stable).
    keyed.sort(key=lambda pair: pair[0])
    rows = [row for _, row in keyed]
    totals = [
        [
            plan.numbers,
            ctx.label("total"),
            "",
            "",
            f.integer(plan.total_cartons),
            quantity_totals(c, ctx),
            "",
            "",
            f.number(plan.net_weight, 2),
            f.number(plan.gross_weight, 2),
            f.number(plan.cbm, 3),
        ]
    ]
    return ItemTable(columns, rows, totals=totals, keep_with_next=True)
