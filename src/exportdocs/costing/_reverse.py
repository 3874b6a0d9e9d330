"""The reverse analysis: profit and margins at given prices, and the cost sheet.

:func:`analyse` takes quoted prices (the seller's, or a buyer's counter-offer) and gives
the profit, margin on sale, markup on cost and exchange cost of each line and of the
order, with the manager-approval rule applied and the order's result at other exchange
rates. :func:`cost_sheet` prices forward first, then analyses its own prices.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import NamedTuple

from exportdocs._incoterms import Incoterm
from exportdocs._money import Currency, Money
from exportdocs._validation import fail
from exportdocs.costing._categories import (
    ApprovalBasis,
    CommissionBasis,
    InsuranceBase,
    Method,
    ReasonKind,
)
from exportdocs.costing._checks import positive_money
from exportdocs.costing._forward import (
    OCEAN,
    Fx,
    PreparedLine,
    RuleSpec,
    check_rules,
    fast_money,
    prepare,
    quote,
    rule_spec,
)
from exportdocs.costing._inputs import CostInputs
from exportdocs.costing._rates import CONTEXT, ONE, ZERO, format_percent, store, store_optional
from exportdocs.costing._results import (
    Approval,
    ApprovalReason,
    CostSheet,
    LineAnalysis,
    OrderSummary,
    Quote,
    SensitivityPoint,
)
from exportdocs.exceptions import Problem, ValidationError

__all__ = ["analyse", "cost_sheet"]

#: Exchange-rate moves shown in the sensitivity view (0 is the rate itself).
SENSITIVITY_STEPS = tuple(
    Decimal(s) for s in ("-0.05", "-0.03", "-0.01", "0", "0.01", "0.03", "0.05")
)


class _Base(NamedTuple):
    """A cost-sheet line's figures that do not move with the exchange rate, to the cent."""

    invoice: Decimal
    commission: Decimal
    insurance: Decimal
    freight: Decimal
    destination: Decimal
    net: Decimal
    bank_base: Decimal
    goods: Decimal
    domestic: Decimal


class _Figures(NamedTuple):
    """A cost-sheet line's figures, each to the cent (Decimals, no currency)."""

    invoice: Decimal
    commission: Decimal
    insurance: Decimal
    freight: Decimal
    destination: Decimal
    net: Decimal
    net_home: Decimal
    goods: Decimal
    domestic: Decimal
    bank: Decimal
    total_cost: Decimal
    profit: Decimal


def _base(inputs: CostInputs, fx: Fx, line: PreparedLine, price: Decimal, rule: RuleSpec) -> _Base:
    qq = fx.qq
    c = inputs.commission
    included = rule.included
    invoice = (price * line.q).quantize(qq, ROUND_HALF_UP)
    freight = destination = ZERO
    for cat, value in line.carriage_cents.items():
        if cat in included:
            if cat == OCEAN:
                freight += value
            else:
                destination += value
    passed = freight + destination
    k = rule.insurance
    on_invoice = inputs.insurance_base is InsuranceBase.INVOICE
    if inputs.commission_basis is CommissionBasis.FOB_VALUE and c:
        # invoice = net price + c × FOB, and FOB = net price − insurance − carriage.
        if on_invoice:
            insurance = (invoice * k).quantize(qq, ROUND_HALF_UP)
            fob = (invoice - insurance - passed) / (ONE + c)
            commission = (fob * c).quantize(qq, ROUND_HALF_UP)
        else:
            fob = (invoice * (ONE - k) - passed) / (ONE + c * (ONE - k))
            commission = (fob * c).quantize(qq, ROUND_HALF_UP)
            insurance = ((invoice - commission) * k).quantize(qq, ROUND_HALF_UP)
    else:
        if inputs.commission_basis is CommissionBasis.NET:
            commission = (invoice * c / (ONE + c)).quantize(qq, ROUND_HALF_UP)
        else:
            commission = (invoice * c).quantize(qq, ROUND_HALF_UP)
        value = invoice if on_invoice else invoice - commission
        insurance = (value * k).quantize(qq, ROUND_HALF_UP)
    net = invoice - commission - insurance - passed
    goods = (line.real * line.q).quantize(fx.hq, ROUND_HALF_UP)
    domestic = ZERO
    for cat, value in line.origin_cents.items():
        if cat in included:
            domestic += value
    bank_base = invoice if inputs.method is Method.ALL_ON_QUOTED_PRICE else net
    return _Base(
        invoice, commission, insurance, freight, destination, net, bank_base, goods, domestic
    )


def _at_rate(base: _Base, rate: Decimal, bank_rate: Decimal, hq: Decimal) -> _Figures:
    net_home = (base.net * rate).quantize(hq, ROUND_HALF_UP)
    bank = (base.bank_base * bank_rate * rate).quantize(hq, ROUND_HALF_UP)
    total_cost = base.goods + base.domestic + bank
    return _Figures(
        base.invoice,
        base.commission,
        base.insurance,
        base.freight,
        base.destination,
        base.net,
        net_home,
        base.goods,
        base.domestic,
        bank,
        total_cost,
        net_home - total_cost,
    )


class _Ratios(NamedTuple):
    margin: Decimal | None
    markup: Decimal | None
    exchange_cost: Decimal | None


def _ratios(f: _Figures) -> _Ratios:
    margin = f.profit / f.net_home if f.net_home > 0 else None
    markup = f.profit / f.total_cost if f.total_cost > 0 else None
    exchange_cost = f.total_cost / f.net if f.net > 0 else None
    return _Ratios(margin, markup, exchange_cost)


def _thin(
    inputs: CostInputs, ratios: _Ratios, line: int | None, where: str
) -> Iterator[ApprovalReason]:
    threshold = inputs.approval_threshold
    on_sale = inputs.approval_basis is ApprovalBasis.MARGIN_ON_SALE
    value = ratios.margin if on_sale else ratios.markup
    name = "margin on sale" if on_sale else "markup on cost"
    if value is None:
        yield ApprovalReason(
            ReasonKind.NO_NET_INCOME,
            line,
            None,
            threshold,
            f"{where}: no positive net income or cost, so no {name} can be computed",
        )
    elif value < threshold:  # unrounded: 4.996% needs approval even if shown as 5.00%
        yield ApprovalReason(
            ReasonKind.THIN_MARGIN,
            line,
            store(value),
            threshold,
            f"{where}: {name} {format_percent(value)} is below {format_percent(threshold)}",
        )


def _total(items: Sequence[_Figures]) -> _Figures:
    return _Figures(*(sum(column, ZERO) for column in zip(*items, strict=True)))


def _prices(inputs: CostInputs, prices: Sequence[Money | str]) -> tuple[Money, ...]:
    if not isinstance(prices, (list, tuple)):
        raise fail("expected a list with one unit price per line", prices, "prices")
    problems: list[Problem] = []
    result: list[Money] = []
    for i, value in enumerate(prices):
        try:
            money = positive_money(value)
        except ValidationError as exc:
            problems.extend(p.prefixed(f"prices[{i}]") for p in exc.problems)
            continue
        if money.currency != inputs.quote_currency:
            problems.append(
                Problem(
                    f"prices[{i}]", money, f"must be in the quote currency {inputs.quote_currency}"
                )
            )
        result.append(money)
    if len(prices) != len(inputs.lines):
        problems.append(
            Problem("prices", len(prices), f"expected {len(inputs.lines)} prices, one per line")
        )
    if problems:
        raise ValidationError(problems)
    return tuple(result)


_Twelve = tuple[Money, Money, Money, Money, Money, Money, Money, Money, Money, Money, Money, Money]


def _moneys(f: _Figures, home: Currency, quote_cur: Currency) -> _Twelve:
    q, h = quote_cur, home
    return (
        fast_money(f.invoice, q),
        fast_money(f.commission, q),
        fast_money(f.insurance, q),
        fast_money(f.freight, q),
        fast_money(f.destination, q),
        fast_money(f.net, q),
        fast_money(f.net_home, h),
        fast_money(f.goods, h),
        fast_money(f.domestic, h),
        fast_money(f.bank, h),
        fast_money(f.total_cost, h),
        fast_money(f.profit, h),
    )


def analyse(
    inputs: CostInputs,
    prices: Sequence[Money | str],
    *,
    quote: Quote | None = None,
) -> CostSheet:
    """The cost sheet at the given unit prices (one per line, under ``inputs.incoterm``).

    Use it for a buyer's counter-offer: it gives each line's and the order's
    profit, margin on sale, markup on cost and exchange cost, whether a manager
    must approve and why, and the order's margin at exchange rates ±1 %, ±3 %,
    ±5 % (with the same approval rule, order and lines, at each rate). ``quote`` is attached to the sheet as is (see :func:`cost_sheet`).

    >>> from exportdocs.costing import CostInputs, CostLine, ExchangeRate, format_percent
    >>> inputs = CostInputs(
    ...     lines=[CostLine(quantity=5000, purchase_price="CNY 22.60", rebate_rate="13%")],
    ...     exchange_rate=ExchangeRate("USD", "7.10"),
    ... )
    >>> sheet = analyse(inputs, ["USD 2.95"])
    >>> print(sheet.summary.profit, format_percent(sheet.summary.margin_on_sale))
    4725.00 CNY 4.51%
    >>> print(sheet.approval)
    approval needed: order: margin on sale 4.51% is below 5.00%; line 1: margin on sale 4.51% is below 5.00%
    """
    rule = inputs.incoterm
    check_rules(inputs, [rule])
    given = _prices(inputs, prices)
    home, quote_cur = inputs.home_currency, inputs.quote_currency
    term = f"{rule.code}{inputs.commission_label}"
    with localcontext(CONTEXT):
        fx = Fx(inputs)
        prepared = prepare(inputs, fx)
        spec = rule_spec(inputs, rule)
        bases = [
            _base(inputs, fx, ln, p.amount, spec)
            for ln, p in zip(prepared.lines, given, strict=True)
        ]
        figures = [_at_rate(b, fx.rate, inputs.bank_rate, fx.hq) for b in bases]
        totals = _total(figures)
        line_approvals, order_ratios, approval = _approve(inputs, term, figures, totals, given)
        lines = []
        for src, f, price, line_approval in zip(
            inputs.lines, figures, given, line_approvals, strict=True
        ):
            ratios = _ratios(f)
            lines.append(
                LineAnalysis(
                    src.reference,
                    src.quantity,
                    rule,
                    price,
                    *_moneys(f, home, quote_cur),
                    store_optional(ratios.margin),
                    store_optional(ratios.markup),
                    store_optional(ratios.exchange_cost),
                    line_approval,
                )
            )
        summary = OrderSummary(
            rule,
            *_moneys(totals, home, quote_cur),
            store_optional(order_ratios.margin),
            store_optional(order_ratios.markup),
            store_optional(order_ratios.exchange_cost),
            approval,
            prepared.cbm,
            prepared.gross_weight,
            prepared.containers,
        )
        sensitivity = tuple(
            _sensitivity(inputs, fx, term, bases, given, step) for step in SENSITIVITY_STEPS
        )
    return CostSheet(inputs, quote, tuple(lines), summary, sensitivity)


def _approve(
    inputs: CostInputs,
    term: str,
    figures: Sequence[_Figures],
    totals: _Figures,
    prices: Sequence[Money],
) -> tuple[tuple[Approval, ...], _Ratios, Approval]:
    """The approval rule: each line's approval, the order's ratios, and the order's approval.

    A line needs approval when its margin is thin or its price is below its list
    price; the order needs it when its own margin is thin or any line needs it.
    The sheet and every sensitivity step apply this one rule.
    """
    approvals: list[Approval] = []
    line_reasons: list[ApprovalReason] = []
    for i, (src, f, price) in enumerate(zip(inputs.lines, figures, prices, strict=True)):
        reasons = list(_thin(inputs, _ratios(f), i, f"line {i + 1}"))
        if src.list_price is not None and price < src.list_price:
            reasons.append(
                ApprovalReason(
                    ReasonKind.BELOW_LIST_PRICE,
                    i,
                    price.amount,
                    src.list_price.amount,
                    f"line {i + 1}: {term} price {price} is below the list price {src.list_price}",
                )
            )
        line_reasons.extend(reasons)
        approvals.append(Approval(tuple(reasons)))
    order_ratios = _ratios(totals)
    order = Approval(tuple(_thin(inputs, order_ratios, None, "order")) + tuple(line_reasons))
    return tuple(approvals), order_ratios, order


def _sensitivity(
    inputs: CostInputs,
    fx: Fx,
    term: str,
    bases: Sequence[_Base],
    prices: Sequence[Money],
    step: Decimal,
) -> SensitivityPoint:
    # Only the conversion of the quote-currency income (and of the percentage bank
    # charges taken on it) moves; home-currency costs, and amounts converted when
    # the order was prepared, stay put. Each line is moved, so the approval at the
    # step is the sheet's own rule (order and lines): at 0 it is the sheet's approval.
    rate = fx.rate * (ONE + step)  # exact: at 0 the sheet's own rate, to the last digit
    figures = [_at_rate(b, rate, inputs.bank_rate, fx.hq) for b in bases]
    moved = _total(figures)
    line_approvals, ratios, approval = _approve(inputs, term, figures, moved, prices)
    home = inputs.home_currency
    return SensitivityPoint(
        step,
        store(rate),
        fast_money(moved.net_home, home),
        fast_money(moved.profit, home),
        store_optional(ratios.margin),
        store_optional(ratios.markup),
        approval.required,
        tuple(i for i, a in enumerate(line_approvals) if a.required),
    )


def cost_sheet(inputs: CostInputs) -> CostSheet:
    """Cost the order forward, then analyse it at its own rounded prices.

    The sheet's margins differ from the target only by the rounding of the unit
    price (and, with the invoice as insurance base and a commission, by the
    premium on the commission, which the forward build-up insures on the net price).
    """
    rules = inputs.rules
    if inputs.incoterm not in rules:
        rules = tuple(r for r in Incoterm if r in {*rules, inputs.incoterm})
    forward = quote(inputs, rules)
    return analyse(inputs, forward.unit_prices(inputs.incoterm), quote=forward)
