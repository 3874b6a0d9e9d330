"""The proforma invoice (形式发票): everything the contract fixes, for the deposit wire.

Parties, PI number and date, the lines with their amounts, the total in figures
and words, price term and ports, shipment, payment terms with the amount of each
instalment, the seller's bank details (for T/T, and as the beneficiary's bank
when an L/C pays), the country of origin, marks, packing, insurance where
the seller insures, validity, and both signatures. Every figure is the
contract's own (line amounts, total, schedule, packing totals).
"""

from __future__ import annotations

from typing import Any

import attrs

from exportdocs._contract import Contract
from exportdocs._triggers import PaymentMethod
from exportdocs.documents._common import (
    Ctx,
    TradeDocument,
    amount_words,
    check_contract,
    lead_time_text,
    make_context,
    meta_for,
    origin_text,
    party_box,
    place_text,
    product_text,
    remarks_lines,
    signatures,
    term_text,
)
from exportdocs.documents._labels import label
from exportdocs.documents._numformat import NBSP
from exportdocs.exceptions import ValidationError
from exportdocs.render import (
    Column,
    Document,
    Header,
    ItemTable,
    KeyValueGrid,
    Language,
    PartyBoxes,
    Spacer,
    Style,
    Text,
    TextStyle,
    Totals,
)

__all__ = ["build_proforma", "packages_summary", "quantity_totals"]


def build_proforma(
    contract: Any,
    *,
    language: Any = "en",
    style: Style | None = None,
    currency_display: str = "code",
) -> TradeDocument:
    """Build the PI of ``contract`` (see :func:`exportdocs.documents.proforma_invoice`)."""
    c = check_contract(contract)
    ctx = make_context(c.seller, language, style, currency_display)
    f = ctx.numbers

    info = [(ctx.label("pi_no"), c.number), (ctx.label("date"), ctx.date(c.date))]
    if c.buyer_reference:
        info.append((ctx.label("buyer_po"), c.buyer_reference))
    if c.valid_until is not None:
        info.append((ctx.label("valid_until"), ctx.date(c.valid_until)))

    # The letterhead carries the seller's phone and e-mail; the box gives the legal details.
    parties = [party_box("seller", c.seller, ctx, contacts=False), party_box("buyer", c.buyer, ctx)]
    if c.consignee is not None:
        parties.append(party_box("consignee", c.consignee, ctx, contacts=False))
    if c.notify_party is not None:
        parties.append(party_box("notify", c.notify_party, ctx, contacts=False))

    blocks: list[Any] = [
        Header(ctx.label("proforma_invoice"), info=info),
        PartyBoxes(parties),
        KeyValueGrid(_terms(c, ctx), columns=ctx.grid_columns),
        _table(c, ctx),
        Totals(_totals(c, ctx), words=amount_words(c.total, ctx)),
        Text(ctx.label("payment_schedule"), TextStyle.HEADING),
        KeyValueGrid([(text, f.money(amount)) for text, amount in _schedule(c, ctx)], columns=2),
    ]
    title = _bank_title(c)
    if c.seller.bank is not None and title is not None:
        blocks.append(Text(ctx.label(title), TextStyle.HEADING))
        details = [(label_of(k, ctx), v) for k, v in c.seller.bank.details()]
        blocks.append(KeyValueGrid(details, columns=2, keep_together=True))
    # The last grid (the bank, else the payment schedule), the marks, the insurance and
    # the remarks keep with the signatures: the last page never holds only notes.
    blocks[-1] = attrs.evolve(blocks[-1], keep_with_next=True)
    blocks.append(Text(_marks_and_packing(c, ctx), keep_with_next=True))
    if c.insurance is not None and c.insured_amount is not None:
        blocks.append(attrs.evolve(_insurance(c, ctx), keep_with_next=True))
    if c.remarks:
        blocks.append(Text("\n".join(remarks_lines(c.remarks, ctx)), keep_with_next=True))
    blocks += [Spacer(4), signatures(c.seller, c.buyer, ctx)]
    meta = meta_for("Proforma invoice", c.number, c.date, c.seller.name, ctx.language)
    return TradeDocument(
        "proforma-invoice", c.number, ctx.language, Document(blocks, meta), ctx.style
    )


def _bank_title(c: Contract) -> str | None:
    """The bank block's title: for the T/T, for the L/C (the beneficiary's bank, which the
    buyer names as advising bank when opening the credit), both, or None (no block)."""
    methods = c.payment.methods
    tt, lc = PaymentMethod.TT in methods, c.payment.requires_lc
    if tt and lc:
        return "bank_details_tt_lc"
    if tt:
        return "bank_details"
    if lc:
        return "bank_details_lc"
    return None


def label_of(key: str, ctx: Ctx) -> str:
    """The bank-detail label (``SWIFT/BIC``, ``A/C NO.``) in the document's language."""
    try:
        return label(key, ctx.language)
    except ValidationError:  # a detail the label table does not know: print it as named
        return key


def _terms(c: Contract, ctx: Ctx) -> list[tuple[str, str]]:
    rows = [(ctx.label("price_term"), term_text(c.trade_term, ctx))]
    if c.port_of_loading is not None:
        rows.append((ctx.label("port_of_loading"), place_text(c.port_of_loading, ctx)))
    if c.port_of_discharge is not None:
        rows.append((ctx.label("port_of_discharge"), place_text(c.port_of_discharge, ctx)))
    if c.latest_shipment is not None:
        rows.append((ctx.label("shipment"), ctx.date(c.latest_shipment)))
    if c.lead_time_days is not None:
        rows.append((ctx.label("lead_time"), lead_time_text(c, ctx)))
    rows.append((ctx.label("country_of_origin"), origin_text(c, ctx)))
    rows.append((ctx.label("partial_shipment"), ctx.yes_no(c.partial_shipment)))
    rows.append((ctx.label("transhipment"), ctx.yes_no(c.transhipment)))
    return rows


def quantity_totals(c: Contract, ctx: Ctx) -> str:
    """Total quantity per unit, one unit per line (``16,989 PCS`` / ``815 ROLLS``)."""
    sums: dict[Any, Any] = {}
    for item in c.items:
        sums[item.unit] = sums.get(item.unit, 0) + item.quantity
    f = ctx.numbers
    return "\n".join(f.with_unit(f.integer(q), ctx.unit(u)) for u, q in sums.items())


def quantity_columns(c: Contract, ctx: Ctx) -> tuple[str, str]:
    """Total quantities and their units as two aligned cells (one unit per line)."""
    lines = [line.split(NBSP, 1) for line in quantity_totals(c, ctx).split("\n")]
    return "\n".join(q for q, _ in lines), "\n".join(u for _, u in lines)


def _table(c: Contract, ctx: Ctx) -> ItemTable:
    f = ctx.numbers
    cur = f.currency_label(c.total)
    term = c.trade_term.short
    columns = [
        Column(ctx.header("no"), "0.6", "center", wrap=False),
        Column(ctx.header("item_no"), "1.75", wrap=False),
        Column(ctx.header("description"), "3.45"),
        Column(ctx.header("hs_code"), "1.25", "center", wrap=False),
        # wrap=True: the totals row holds one quantity per unit, on lines of their own.
        Column(ctx.header("qty"), "1.0", "right"),
        Column(ctx.header("unit"), "0.95", "center"),
        Column(f"{ctx.header('unit_price')}\n{term}\n({cur})", "1.45", "right", wrap=False),
        Column(f"{ctx.header('amount')}\n({cur})", "1.45", "right", wrap=False),
    ]
    discounted = any(item.discount is not None for item in c.items)
    rows = []
    for n, item in enumerate(c.items):
        text = product_text(item.product, ctx)
        if item.discount is not None:
            text += f"\n{ctx.label('discount')} {item.discount}: -{f.amount(item.discount_amount)}"
        if item.remarks:
            text += f"\n{item.remarks}"
        rows.append(
            [
                str(n + 1),
                item.product.item_no,
                text,
                item.product.hs_code.formatted if item.product.hs_code else "",
                f.integer(item.quantity),
                ctx.unit(item.unit),
                f.price(item.unit_price),
                f.amount(item.amount),
            ]
        )
    total_label = ctx.label("total")
    qty, units = quantity_columns(c, ctx)
    totals = [["", total_label, "", "", qty, units, "", f.amount(c.total)]]
    if discounted:
        totals[0][2] = f"{ctx.label('discount')}: -{f.amount(c.discounts)}"
    return ItemTable(columns, rows, totals=totals, keep_with_next=True)


def _totals(c: Contract, ctx: Ctx) -> list[tuple[str, str]]:
    f = ctx.numbers
    rows = []
    if c.discounts:
        rows.append((ctx.label("subtotal"), f.money(c.subtotal)))
        rows.append((ctx.label("discount"), "-" + f.money(c.discounts)))
    rows.append((f"{ctx.label('total')} {c.trade_term.short}", f.money(c.total)))
    return rows


def _schedule(c: Contract, ctx: Ctx) -> list[tuple[str, Any]]:
    """Each instalment's phrase and amount; bilingual puts the Chinese under the English."""
    if ctx.language is Language.EN:
        return list(c.payment.schedule_lines(c.total, "en"))
    zh = c.payment.schedule_lines(c.total, "zh")
    if ctx.language is Language.ZH:
        return list(zh)
    en = c.payment.schedule_lines(c.total, "en")
    return [(f"{e}\n{z}", amount) for (e, amount), (z, _) in zip(en, zh, strict=True)]


def packages_summary(c: Contract, ctx: Ctx) -> str:
    """``526 CARTONS, N.W. 3,920.16 KGS, G.W. 4,618.76 KGS, MEAS. 40.498 CBM``."""
    plan = c.packing_plan
    f = ctx.numbers
    return ctx.text(
        "packages_summary",
        ctns=f.integer(plan.total_cartons),
        nw=f.number(plan.net_weight, 2),
        gw=f.number(plan.gross_weight, 2),
        cbm=f.number(plan.cbm, 3),
    )


def _marks_and_packing(c: Contract, ctx: Ctx) -> str:
    lines = [f"{ctx.label('shipping_marks')}:", *c.final_marks.main, *c.final_marks.side]
    if c.packing_plan.total_cartons:
        lines += ["", f"{ctx.label('packing')}: {ctx.label('export_carton')}"]
        lines += packages_summary(c, ctx).split("\n")
    return "\n".join(lines)


def _insurance(c: Contract, ctx: Ctx) -> Text:
    assert c.insurance is not None
    assert c.insured_amount is not None
    parts = []
    if ctx.en:
        parts.append(c.insurance.phrase())
    if ctx.zh:
        parts.append(c.insurance.phrase_zh())
    parts.append(f"{ctx.label('insured_amount')}: {ctx.numbers.money(c.insured_amount)}")
    return Text(f"{ctx.label('insurance')}\n" + "\n".join(parts))
