"""The quotation (报价单): the offer a buyer compares, one or more price columns per item.

Each item shows its photo (when the product has one), item no., description,
unit, MOQ, unit price per Incoterms® rule and place, and the packing of one
carton (quantity, size, CBM, G.W.). The first price column is the contract's
own term; more columns (``FOB NINGBO`` next to ``CIF HAMBURG``) come as
(TradeTerm, unit prices) pairs, e.g. from :func:`price_columns` over a costing
:class:`~exportdocs.costing.Quote`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs

from exportdocs._contract import Contract
from exportdocs._incoterms import Incoterm, TradeTerm
from exportdocs._money import Money
from exportdocs._validation import fail
from exportdocs.costing import Quote
from exportdocs.documents._common import (
    Ctx,
    TradeDocument,
    check_contract,
    dims_text,
    lead_time_text,
    make_context,
    meta_for,
    party_box,
    payment_text,
    place_text,
    product_text,
    remarks_lines,
    signatures,
    term_text,
)
from exportdocs.exceptions import Problem, ValidationError
from exportdocs.render import (
    Column,
    Document,
    Header,
    ImageCell,
    ItemTable,
    Orientation,
    PartyBoxes,
    Style,
    Text,
    TextStyle,
)
from exportdocs.render import (
    Party as Box,
)

__all__ = ["PriceColumn", "build_quotation", "price_columns"]

#: Extra prices of a quotation: a trade term and one unit price per contract line.
PriceColumn = tuple[TradeTerm, Sequence[Money]]

#: Height of a product photo in the table, mm.
PHOTO_MM = Decimal(16)


def price_columns(
    quote: Quote, terms: Iterable[TradeTerm], *, base: Contract | None = None
) -> tuple[PriceColumn, ...]:
    """Price columns for :func:`quotation` from a costing quote: one per trade term.

    Each term's rule must have been priced by the quote; the places come from the
    terms (a :class:`~exportdocs.costing.Quote` prices rules, not places).

    With ``base`` (the contract), the columns are built on the contract's own unit
    prices rather than on the quote's target prices, so a CIF column is never below
    the FOB price agreed: the stepwise chain is applied to the contract price —
    freight and other per-unit costs added, insurance and commission taken as the
    same factors the quote found (CIF = CFR ÷ (1 − 110% × rate), gross = net ÷ (1 −
    commission)) — and rounded half-up to the quote's price precision.

    Raises:
        ValidationError: ``quote`` is not a Quote, a term is not a TradeTerm, or its
            rule was not priced.
    """
    if not isinstance(quote, Quote):
        raise fail(f"expected a costing Quote, not {type(quote).__name__}", quote, "quote")
    columns: list[PriceColumn] = []
    problems: list[Problem] = []
    for i, term in enumerate(terms):
        if not isinstance(term, TradeTerm):
            problems.append(Problem(f"terms[{i}]", term, "expected a TradeTerm"))
            continue
        if term.incoterm not in quote.rules:
            problems.append(
                Problem(f"terms[{i}]", term.incoterm.code, "this rule was not priced by the quote")
            )
            continue
        if base is None:
            columns.append((term, quote.unit_prices(term.incoterm)))
        else:
            columns.append((term, _rebased(quote, base, term)))
    if problems:
        raise ValidationError(problems)
    return tuple(columns)


_NOT_INSURED = {Incoterm.CIF: Incoterm.CFR, Incoterm.CIP: Incoterm.CPT}


def _rebased(quote: Quote, contract: Contract, term: TradeTerm) -> tuple[Money, ...]:
    """The term's unit prices built on the contract's prices (see :func:`price_columns`)."""
    rule, agreed = term.incoterm, contract.trade_term.incoterm
    if agreed not in quote.rules or (
        rule in _NOT_INSURED and _NOT_INSURED[rule] not in quote.rules
    ):
        raise fail(
            "the quote must price the contract's rule and the rule without insurance",
            rule.code,
            "terms",
        )
    if len(quote.lines) != len(contract.items):
        raise fail(
            "the quote and the contract have different numbers of lines", len(quote.lines), "base"
        )
    prices = []
    for item, line in zip(contract.items, quote.lines, strict=True):
        at_agreed = line.price(agreed)
        target = line.price(rule)
        places = -int(target.unit_price.amount.as_tuple().exponent)
        net = (
            item.unit_price.amount * (at_agreed.net / at_agreed.exact)
            if at_agreed.exact
            else Decimal(0)
        )
        uninsured = _NOT_INSURED.get(rule, rule)
        step = line.price(uninsured)
        new_net = net + (step.net - at_agreed.net)
        if uninsured is not rule and step.net:
            new_net = new_net * (target.net / step.net)
        gross = new_net * (target.exact / target.net) if target.net else new_net
        quantum = Decimal(1).scaleb(-places)
        prices.append(Money(gross.quantize(quantum, rounding=ROUND_HALF_UP), item.currency))
    return tuple(prices)


def _check_columns(value: Any, lines: int) -> tuple[PriceColumn, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise fail("expected a list of (TradeTerm, unit prices) pairs", value, "prices")
    columns: list[PriceColumn] = []
    problems: list[Problem] = []
    for i, item in enumerate(value):
        at = f"prices[{i}]"
        if not isinstance(item, (list, tuple)) or len(item) != 2:
            problems.append(Problem(at, item, "expected a (TradeTerm, unit prices) pair"))
            continue
        term, prices = item
        if not isinstance(term, TradeTerm):
            problems.append(Problem(f"{at}[0]", term, "expected a TradeTerm"))
        if not isinstance(prices, (list, tuple)) or not all(isinstance(p, Money) for p in prices):
            problems.append(Problem(f"{at}[1]", prices, "expected a list of Money, one per line"))
            continue
        if len(prices) != lines:
            problems.append(
                Problem(f"{at}[1]", len(prices), f"expected {lines} unit prices (one per line)")
            )
        elif len({p.currency for p in prices}) > 1:
            problems.append(Problem(f"{at}[1]", prices, "one column takes one currency"))
        if isinstance(term, TradeTerm):
            columns.append((term, tuple(prices)))
    if len(columns) > 4:
        problems.append(Problem("prices", len(value), "at most 4 extra price columns fit a page"))
    if problems:
        raise ValidationError(problems)
    return tuple(columns)


def build_quotation(
    contract: Any,
    *,
    prices: Sequence[PriceColumn] = (),
    language: Any = "en",
    style: Style | None = None,
    currency_display: str = "code",
    photos: bool = True,
    number: str | None = None,
    date: Any = None,
    orientation: Any = "auto",
) -> TradeDocument:
    """Build the quotation of ``contract`` (see :func:`exportdocs.documents.quotation`)."""
    c = check_contract(contract)
    turn = _orientation(orientation)
    # The quotation's own number and date go through the contract's validators, so a
    # bad one is refused with the field named, exactly as on the contract.
    own: dict[str, Any] = {k: v for k, v in (("number", number), ("date", date)) if v is not None}
    if own:
        c = attrs.evolve(c, **own)
    ctx = make_context(c.seller, language, style, currency_display)
    extra = _check_columns(prices, len(c.items))
    if turn is None and len(extra) + 1 > 2:
        turn = Orientation.LANDSCAPE  # more than two price columns: room for the description
    if turn is not None and turn is not ctx.style.orientation:
        ctx = attrs.evolve(ctx, style=attrs.evolve(ctx.style, orientation=turn))
    columns_terms: list[PriceColumn] = [
        (c.trade_term, tuple(item.unit_price for item in c.items)),
        *extra,
    ]
    has_photo = photos and any(item.product.image for item in c.items)

    info = [(ctx.label("quotation_no"), c.number), (ctx.label("date"), ctx.date(c.date))]
    if c.valid_until is not None:
        info.append((ctx.label("valid_until"), ctx.date(c.valid_until)))

    terms: list[tuple[str, str]] = [(ctx.label("price_term"), term_text(c.trade_term, ctx))]
    if c.port_of_loading is not None:
        terms.append((ctx.label("port_of_loading"), place_text(c.port_of_loading, ctx)))
    if c.port_of_discharge is not None:
        terms.append((ctx.label("port_of_discharge"), place_text(c.port_of_discharge, ctx)))
    if c.lead_time_days is not None:
        terms.append((ctx.label("lead_time"), lead_time_text(c, ctx)))
    terms.append((ctx.label("payment_terms"), payment_text(c.payment, ctx)))

    blocks: list[Any] = [
        Header(ctx.label("quotation"), info=info),
        PartyBoxes(
            [party_box("to", c.buyer, ctx, phone=False), Box(ctx.label("terms"), _lines(terms))]
        ),
        _table(c, ctx, columns_terms, has_photo),  # keeps with the notes and signatures
    ]
    # Notes and remarks in one small block: the heading never sits alone at a page foot,
    # and the signatures get the room (the price term above already names Incoterms 2020).
    notes = [ctx.text("validity_note")]
    if c.remarks:
        notes += remarks_lines(c.remarks, ctx)
    notes_block = Text("\n".join(notes), TextStyle.SMALL, keep_with_next=True)
    blocks += [notes_block, signatures(c.seller, c.buyer, ctx)]
    meta = meta_for("Quotation", c.number, c.date, c.seller.name, ctx.language)
    return TradeDocument("quotation", c.number, ctx.language, Document(blocks, meta), ctx.style)


def _orientation(value: Any) -> Orientation | None:
    """``"auto"`` (None: decided by the number of price columns) or an Orientation."""
    if isinstance(value, str) and value.strip().lower() == "auto":
        return None
    try:
        return Orientation.parse(value)
    except ValidationError as exc:
        raise ValidationError(
            [Problem("orientation", value, "expected 'auto', 'portrait' or 'landscape'")]
        ) from exc


def _lines(pairs: list[tuple[str, str]]) -> list[str]:
    """Label: value lines for a box; a two-line value (bilingual) continues indented."""
    out: list[str] = []
    for name, value in pairs:
        first, *rest = value.split("\n")
        out.append(f"{name}: {first}")
        out.extend(f"    {more}" for more in rest)
    return out


def _description_width(photo: bool, prices: int) -> Decimal:
    base = Decimal("2.9") if photo else Decimal("3.5")
    return max(Decimal("1.6"), base - Decimal("0.95") * (prices - 1))


def _table(c: Any, ctx: Ctx, prices: list[PriceColumn], photo: bool) -> ItemTable:
    f = ctx.numbers
    columns = [Column(ctx.header("no"), "0.65", "center", wrap=False)]
    if photo:
        columns.append(Column(ctx.header("photo"), "1.3", "center"))
    columns += [
        Column(ctx.header("item_no"), "1.7", wrap=False),
        # Every extra price column is taken from the description, so the narrow
        # columns (NO., UNIT) keep their width on the page.
        Column(ctx.header("description"), _description_width(photo, len(prices))),
        Column(ctx.header("unit"), "0.85", "center", wrap=False),
        Column(ctx.header("moq"), "0.8", "right", wrap=False),
    ]
    for term, line_prices in prices:
        currency = f.currency_label(line_prices[0]) if line_prices else ""
        title = f"{ctx.header('unit_price')}\n{term.short}\n({currency})"
        columns.append(Column(title, "1.5", "right", wrap=False))
    columns += [
        Column(ctx.header("qty_per_ctn"), "0.8", "right", wrap=False),
        Column(ctx.header("carton_size"), "1.25", "center", wrap=False),
        Column(ctx.header("cbm_per_ctn"), "1.0", "right", wrap=False),
        Column(ctx.header("gw_per_ctn"), "1.05", "right", wrap=False),
    ]
    rows: list[list[Any]] = []
    for n, item in enumerate(c.items):
        product = item.product
        row: list[Any] = [str(n + 1)]
        if photo:
            row.append(ImageCell(product.image, PHOTO_MM) if product.image else "")
        row += [
            product.item_no,
            product_text(product, ctx),
            ctx.unit(product.unit),
            f.integer(product.moq) if product.moq is not None else "",
        ]
        row += [f.price(line_prices[n]) for _, line_prices in prices]
        packing = product.packing
        if packing is None:
            row += ["", "", "", ""]
        else:
            row += [
                f.integer(packing.units_per_carton),
                dims_text(packing.carton),
                f.number(packing.cbm_per_carton, 3),
                f.number(packing.gross_weight_per_carton, 2),
            ]
        rows.append(row)
    return ItemTable(columns, rows, keep_with_next=True)
