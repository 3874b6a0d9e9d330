"""The cost-analysis sheet (成本核算表): the internal sign-off document of a price.

It prints the :class:`~exportdocs.costing.CostSheet` in full: the assumptions
(every input), each line's purchase cost and rebate, the domestic costs, the
prices per Incoterms® rule, each line's income, cost, profit and ratios, the
order totals, the approval flag with its reasons and an "Approved by / date"
line, and the order's result at exchange rates ±1 %, ±3 %, ±5 %. Nothing is
computed here: every figure is the sheet's own. When the sheet was made by
``analyse`` (no forward quote attached) and the inputs carry a profit target, the
prices per rule come from ``costing.quote(sheet.inputs)``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from exportdocs._contract import Contract
from exportdocs._money import Money
from exportdocs._validation import fail
from exportdocs.costing import (
    ApprovalBasis,
    ApprovalReason,
    CommissionBasis,
    CostInputs,
    CostSheet,
    InsuranceBase,
    LineAnalysis,
    Method,
    OrderSummary,
    Quote,
    ReasonKind,
    TargetKind,
    format_percent,
    quote,
)
from exportdocs.costing._rates import money_text, rate_text
from exportdocs.costing._results import freight_text
from exportdocs.documents._common import Ctx, TradeDocument, check_contract, make_context, meta_for
from exportdocs.exceptions import ValidationError
from exportdocs.render import (
    Column,
    Document,
    Header,
    ItemTable,
    KeyValueGrid,
    Language,
    Signature,
    Signatures,
    Spacer,
    Style,
    Text,
    TextStyle,
)

__all__ = ["build_cost_sheet", "reason_text"]

_ASSUMPTION_KEYS = {
    "Price term": "price_term",
    "Method": "method",
    "Exchange rate": "exchange_rate",
    "Target": "target",
    "Commission": "commission_rate",
    "Bank charges": "bank_rate",
    "Insurance": "insurance_rate",
    "Freight": "freight_basis",
    "Approval": "approval_rule",
    "Price precision": "price_precision",
}
_ALLOCATION_KEYS = {
    "volume": "by_volume",
    "value": "by_value",
    "quantity": "by_quantity",
    "weight": "by_weight",
}
#: Unit figures (real cost, refund) are unrounded in the sheet; they print to 4 places.
_UNIT_PLACES = 4


def build_cost_sheet(
    sheet: Any,
    contract: Any,
    *,
    language: Any = "en",
    style: Style | None = None,
    currency_display: str = "code",
) -> TradeDocument:
    """Build the cost sheet document (see :func:`exportdocs.documents.cost_analysis`)."""
    if not isinstance(sheet, CostSheet):
        raise fail(f"expected a costing CostSheet, not {type(sheet).__name__}", sheet, "sheet")
    c = check_contract(contract)
    if len(sheet.lines) != len(c.items):
        raise fail(
            f"the sheet has {len(sheet.lines)} lines, the contract {len(c.items)}",
            len(sheet.lines),
            "sheet.lines",
        )
    ctx = make_context(c.seller, language, style, currency_display)
    s = sheet.summary
    info = [
        (ctx.label("reference"), c.number),
        (ctx.label("date"), ctx.date(c.date)),
        (ctx.label("price_term"), f"{s.incoterm.code}{sheet.inputs.commission_label}"),
    ]
    blocks: list[Any] = [
        Header(ctx.label("cost_sheet"), info=info),
        Text(ctx.label("internal"), TextStyle.MUTED),
        _approval_text(sheet, ctx),
        Text(ctx.label("assumptions"), TextStyle.HEADING),
        KeyValueGrid(_assumptions(sheet, ctx), columns=ctx.grid_columns),
        Text(ctx.label("cost_inputs"), TextStyle.HEADING),
        _inputs_table(sheet, c, ctx),
    ]
    if sheet.inputs.costs:
        blocks += [Text(ctx.label("domestic_costs"), TextStyle.HEADING), _costs_table(sheet, ctx)]
    forward = _forward(sheet)
    if forward is not None:
        blocks += [Text(ctx.label("rule_prices"), TextStyle.HEADING), _rules_table(forward, c, ctx)]
    blocks += [
        Text(ctx.label("line_income"), TextStyle.HEADING),
        _income_table(sheet, ctx),
        Text(ctx.label("line_cost"), TextStyle.HEADING),
        _cost_table(sheet, ctx),
        Text(ctx.label("sensitivity"), TextStyle.HEADING),
        # Its last rows keep with the approval and the signatures.
        attrs.evolve(_sensitivity_table(sheet, ctx), keep_with_next=True),
        Text(ctx.label("approval"), TextStyle.HEADING),
        attrs.evolve(_approval_text(sheet, ctx), keep_with_next=True),
        Spacer(4),
        Signatures(
            [
                Signature(ctx.label("prepared_by"), title=f"{ctx.label('signature_date')}:"),
                Signature(ctx.label("approved_by"), title=f"{ctx.label('signature_date')}:"),
            ]
        ),
    ]
    meta = meta_for("Cost analysis sheet", c.number, c.date, c.seller.name, ctx.language)
    return TradeDocument("cost-sheet", c.number, ctx.language, Document(blocks, meta), ctx.style)


def _forward(sheet: CostSheet) -> Quote | None:
    if sheet.quote is not None:
        return sheet.quote
    if sheet.inputs.target is None:
        return None
    try:
        return quote(sheet.inputs)
    except ValidationError:  # inputs that cannot be costed forward: the section is left out
        return None


def reason_text(reason: ApprovalReason, basis: ApprovalBasis, ctx: Ctx) -> str:
    """One approval reason in the document's language (English: the sheet's own message)."""
    if ctx.language is Language.EN:
        return reason.message
    zh_where = f"第{reason.line + 1}行" if reason.line is not None else "整单"
    if reason.kind is ReasonKind.THIN_MARGIN:
        zh = (
            f"{zh_where}：{_BASIS_ZH[basis]} {ctx.numbers.percent(reason.value)} "
            f"低于 {ctx.numbers.percent(reason.threshold)}"
        )
    elif reason.kind is ReasonKind.BELOW_LIST_PRICE:
        zh = f"{zh_where}：报价 {reason.value} 低于底价 {reason.threshold}"
    else:
        zh = f"{zh_where}：净收入或成本不为正，无法计算利润率"
    if ctx.language is Language.ZH:
        return zh
    return f"{reason.message}\n{zh}"


def _approval_text(sheet: CostSheet, ctx: Ctx) -> Text:
    approval = sheet.approval
    if not approval.required:
        return Text(ctx.label("approval_not_required"), TextStyle.BOLD)
    basis = sheet.inputs.approval_basis
    lines = [f"{ctx.label('approval_required')}:"]
    lines += [f"• {reason_text(r, basis, ctx)}" for r in approval.reasons]
    return Text("\n".join(lines), TextStyle.BOLD)


_METHOD_ZH = {
    Method.STEPWISE: "逐步核算（先FOB利润，再运费、保险、佣金）",
    Method.ALL_ON_QUOTED_PRICE: "各项费率均按报价计",
}
_BASIS_ZH = {ApprovalBasis.MARGIN_ON_SALE: "销售利润率", ApprovalBasis.MARKUP_ON_COST: "成本利润率"}
_COMMISSION_ZH = {
    CommissionBasis.GROSS: "按含佣价计",
    CommissionBasis.NET: "按净价计",
    CommissionBasis.FOB_VALUE: "按FOB货值计",
}
_INSURED_ZH = {InsuranceBase.INVOICE: "发票金额", InsuranceBase.NET_PRICE: "净价"}


def _zh_assumption(name: str, value: str, sheet: CostSheet) -> str:
    """The Chinese wording of one assumption (the figures are the sheet's own)."""
    i: CostInputs = sheet.inputs
    if name == "Method":
        return _METHOD_ZH[i.method]
    if name == "Target" and i.target is not None:
        t = i.target
        if t.kind is TargetKind.PROFIT_PER_UNIT and t.profit is not None:
            return f"每单位利润 {money_text(t.profit)}"
        kind = "销售利润率" if t.kind is TargetKind.MARGIN_ON_SALE else "成本利润率"
        return f"{kind} {format_percent(t.rate)}"
    if name == "Commission":
        return f"{format_percent(i.commission)}（{_COMMISSION_ZH[i.commission_basis]}）"
    if name == "Insurance" and i.insurance is not None:
        cover = format_percent(1 + i.insurance.markup, 0)
        return f"按{_INSURED_ZH[i.insurance_base]}的{cover}投保，费率 {rate_text(i.insurance.rate)}"
    if name == "Freight" and i.freight is not None:
        return freight_text(i.freight, sheet.summary.containers, zh=True)
    if name == "Approval":
        return f"{_BASIS_ZH[i.approval_basis]} < {format_percent(i.approval_threshold)}"
    if name == "Price precision":
        return f"保留{i.price_places}位小数，四舍五入"
    return value  # figures and codes read the same in both languages


def _assumptions(sheet: CostSheet, ctx: Ctx) -> list[tuple[str, str]]:
    rows = []
    for name, value in sheet.assumptions:
        key = _ASSUMPTION_KEYS.get(name)
        parts = [value] if ctx.en else []
        if ctx.zh:
            zh = _zh_assumption(name, value, sheet)
            if zh != value or not parts:
                parts.append(zh)
        rows.append((ctx.label(key) if key else name, "\n".join(parts)))
    s = sheet.summary
    f = ctx.numbers
    rows.append((ctx.label("currency_quote"), sheet.inputs.quote_currency.code))
    if s.cbm is not None:
        rows.append((ctx.label("cbm"), f.number(s.cbm, 3)))
    if s.gross_weight is not None:
        rows.append((ctx.label("gw_kg"), f.number(s.gross_weight, 2)))
    if s.containers is not None:
        rows.append(
            (ctx.label("containers"), f"{s.containers.count} × {s.containers.spec.type.value}")
        )
    return [(k.replace("\n", " "), v) for k, v in rows]


def _money_header(key: str, money: Money, ctx: Ctx) -> str:
    return f"{ctx.header(key)}\n({ctx.numbers.currency_label(money)})"


def _inputs_table(sheet: CostSheet, c: Contract, ctx: Ctx) -> ItemTable:
    f = ctx.numbers
    lines = sheet.inputs.lines
    home = sheet.inputs.home_currency
    quoted = Money.zero(sheet.inputs.quote_currency)  # list prices are in the quote currency
    columns = [
        Column(ctx.header("item_no"), "1.6", wrap=False),
        Column(ctx.header("qty"), "1", "right", wrap=False),
        Column(ctx.header("unit"), "0.8", "center", wrap=False),
        Column(_money_header("purchase_price", Money.zero(home), ctx), "1.4", "right", wrap=False),
        Column(ctx.header("vat_rate"), "0.8", "right", wrap=False),
        Column(ctx.header("rebate_rate"), "0.9", "right", wrap=False),
        Column(_money_header("ex_vat", Money.zero(home), ctx), "1.1", "right", wrap=False),
        Column(_money_header("rebate", Money.zero(home), ctx), "1.1", "right", wrap=False),
        Column(_money_header("real_cost", Money.zero(home), ctx), "1.2", "right", wrap=False),
        Column(_money_header("list_price", quoted, ctx), "1", "right", wrap=False),
    ]
    rows = []
    for n, line in enumerate(lines):
        rows.append(
            [
                line.reference or c.items[n].product.item_no,
                f.integer(line.quantity),
                ctx.unit(line.unit),
                f.price(line.purchase_price),
                f.percent(line.vat_rate, 0),
                f.percent(line.rebate_rate, 0),
                f.number(line.ex_vat_price, _UNIT_PLACES),
                f.number(line.rebate, _UNIT_PLACES),
                f.number(line.real_cost, _UNIT_PLACES),
                f.price(line.list_price) if line.list_price is not None else "—",
            ]
        )
    return ItemTable(columns, rows)


def _costs_table(sheet: CostSheet, ctx: Ctx) -> ItemTable:
    f = ctx.numbers
    amounts = [cost.amount for cost in sheet.inputs.costs]
    same = len({a.currency for a in amounts}) == 1
    # One currency: the header names it; mixed: each amount carries its own code.
    amount = _money_header("amount", amounts[0], ctx) if same else ctx.header("amount")
    columns = [
        Column(ctx.header("category"), "3"),
        Column(amount, "1.5", "right", wrap=False),
        Column(ctx.header("allocation"), "1.5", "center", wrap=False),
    ]
    rows = []
    for cost in sheet.inputs.costs:
        cat = cost.category
        name = {
            Language.EN: cat.label.capitalize(),
            Language.ZH: cat.zh,
            Language.EN_ZH: f"{cat.label.capitalize()} {cat.zh}",
        }[ctx.language]
        how = cost.how.value
        shown = f.amount(cost.amount) if same else f.money(cost.amount)
        rows.append([name, shown, ctx.label(_ALLOCATION_KEYS.get(how, how))])
    return ItemTable(columns, rows)


def _rules_table(forward: Quote, c: Contract, ctx: Ctx) -> ItemTable:
    f = ctx.numbers
    cur = forward.currency.code
    columns = [Column(ctx.header("item_no"), "1.6", wrap=False)]
    columns += [
        Column(f"{forward.term(rule)}\n({cur})", "1", "right", wrap=False) for rule in forward.rules
    ]
    rows = []
    for n, line in enumerate(forward.lines):
        name = line.reference or c.items[n].product.item_no
        rows.append([name, *(f.price(p.unit_price) for p in line.prices)])
    totals = [[ctx.label("total"), *(f.amount(forward.total(rule)) for rule in forward.rules)]]
    return ItemTable(columns, rows, totals=totals)


def _income_table(sheet: CostSheet, ctx: Ctx) -> ItemTable:
    f = ctx.numbers
    s = sheet.summary
    q = s.invoice_value
    columns = [
        Column(ctx.header("item_no"), "1.6", wrap=False),
        Column(ctx.header("qty"), "0.9", "right", wrap=False),
        Column(_money_header("unit_price", q, ctx), "1", "right", wrap=False),
        Column(_money_header("invoice_value", q, ctx), "1.3", "right", wrap=False),
        Column(_money_header("commission_col", q, ctx), "1", "right", wrap=False),
        Column(_money_header("insurance_col", q, ctx), "1", "right", wrap=False),
        Column(_money_header("freight", q, ctx), "1.1", "right", wrap=False),
        Column(_money_header("destination_costs", q, ctx), "1.1", "right", wrap=False),
        Column(_money_header("net_income", q, ctx), "1.3", "right", wrap=False),
        Column(_money_header("net_income", s.net_income_home, ctx), "1.4", "right", wrap=False),
    ]
    rows = [
        [
            a.reference or str(n + 1),
            f.integer(a.quantity),
            f.price(a.unit_price),
            *_income_cells(a, ctx),
        ]
        for n, a in enumerate(sheet.lines)
    ]
    totals = [[ctx.label("order"), "", "", *_income_cells(s, ctx)]]
    return ItemTable(columns, rows, totals=totals)


def _income_cells(a: LineAnalysis | OrderSummary, ctx: Ctx) -> list[str]:
    """The income columns, the same for a line and for the order's totals."""
    f = ctx.numbers
    return [
        f.amount(a.invoice_value),
        f.amount(a.commission),
        f.amount(a.insurance),
        f.amount(a.freight),
        f.amount(a.destination_costs),
        f.amount(a.net_income),
        f.amount(a.net_income_home),
    ]


def _cost_table(sheet: CostSheet, ctx: Ctx) -> ItemTable:
    s = sheet.summary
    h = s.total_cost
    columns = [
        Column(ctx.header("item_no"), "1.5", wrap=False),
        Column(_money_header("goods_cost", h, ctx), "1.2", "right", wrap=False),
        Column(_money_header("domestic", h, ctx), "1.2", "right", wrap=False),
        Column(_money_header("bank_charges", h, ctx), "0.85", "right", wrap=False),
        Column(_money_header("total_cost", h, ctx), "1.25", "right", wrap=False),
        Column(_money_header("profit", h, ctx), "1.15", "right", wrap=False),
        Column(ctx.header("margin"), "1", "right", wrap=False),
        Column(ctx.header("markup"), "1", "right", wrap=False),
        Column(ctx.header("exchange_cost"), "0.95", "right", wrap=False),
        Column(ctx.header("flag"), "1.15", "center", wrap=False),
    ]
    rows = [[a.reference or str(n + 1), *_cost_cells(a, ctx)] for n, a in enumerate(sheet.lines)]
    return ItemTable(columns, rows, totals=[[ctx.label("order"), *_cost_cells(s, ctx)]])


def _cost_cells(a: LineAnalysis | OrderSummary, ctx: Ctx) -> list[str]:
    """The cost, profit and ratio columns, the same for a line and for the order's totals."""
    f = ctx.numbers
    return [
        f.amount(a.goods_cost),
        f.amount(a.domestic_costs),
        f.amount(a.bank_charges),
        f.amount(a.total_cost),
        f.amount(a.profit),
        f.percent(a.margin_on_sale),
        f.percent(a.markup_on_cost),
        _exchange_cost(a.exchange_cost, ctx),
        _flag(a.approval.required, ctx),
    ]


def _flag(required: bool, ctx: Ctx) -> str:
    """The NEEDS APPROVAL (需审批) column: ``yes`` (是) when a manager must approve, else ``—``."""
    return ctx.label("yes") if required else "—"


def _exchange_cost(value: Decimal | None, ctx: Ctx) -> str:
    return "—" if value is None else ctx.numbers.number(value, _UNIT_PLACES)


def _sensitivity_table(sheet: CostSheet, ctx: Ctx) -> ItemTable:
    f = ctx.numbers
    s = sheet.summary
    columns = [
        Column(ctx.header("fx_change"), "1", "right", wrap=False),
        Column(ctx.header("fx_rate"), "1.1", "right", wrap=False),
        Column(_money_header("net_income", s.net_income_home, ctx), "1.4", "right", wrap=False),
        Column(_money_header("profit", s.profit, ctx), "1.3", "right", wrap=False),
        Column(ctx.header("margin"), "1", "right", wrap=False),
        Column(ctx.header("markup"), "1", "right", wrap=False),
        Column(ctx.header("flag"), "1", "center", wrap=False),
    ]
    rows = []
    for p in sheet.sensitivity:
        sign = "+" if p.change > 0 else ""
        rows.append(
            [
                sign + f.percent(p.change, 0) if p.change else "±0%",
                f.number(p.exchange_rate, 4),
                f.amount(p.net_income_home),
                f.amount(p.profit),
                f.percent(p.margin_on_sale),
                f.percent(p.markup_on_cost),
                _flag(p.approval_required, ctx),
            ]
        )
    return ItemTable(columns, rows)
