"""The forward build-up: from purchase cost to a quoted price under each rule (:func:`quote`).

Each line's price under every Incoterms® 2020 rule the inputs allow: real cost after
the VAT rebate, plus the domestic costs the seller bears under that rule, converted at
the bank's buying rate, plus the profit target, then freight, insurance and commission.
The preparation of an order (its costs split over the lines, the currencies, what each
rule includes) serves the reverse analysis too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import NamedTuple

from exportdocs._incoterms import Incoterm
from exportdocs._money import Currency, Money
from exportdocs._validation import fail
from exportdocs.costing._assumptions import Freight
from exportdocs.costing._categories import (
    Allocation,
    CommissionBasis,
    CostCategory,
    FreightBasis,
    Method,
    TargetKind,
    seller_bears,
)
from exportdocs.costing._containers import ContainerEstimate, estimate_containers, revenue_tons
from exportdocs.costing._inputs import CostInputs
from exportdocs.costing._rates import CONTEXT, ONE, ZERO, store
from exportdocs.costing._results import CostShare, LineCost, Quote, RulePrice
from exportdocs.exceptions import ValidationError

__all__ = ["quote"]


def fast_money(amount: Decimal, currency: Currency) -> Money:
    """Money for an amount the engine has just computed and rounded itself."""
    return Money._unchecked(amount, currency)


class PreparedLine(NamedTuple):
    """A line prepared for costing: its costs split out, unrounded where the chain is."""

    q: Decimal
    real: Decimal
    rebate: Decimal
    shares: tuple[CostShare, ...]
    #: Per-unit costs in the home currency by category (origin duties, exact).
    origin_unit: dict[str, Decimal]
    #: Per-unit costs in the quote currency by category (carriage side, exact).
    carriage_unit: dict[str, Decimal]
    #: Line amounts in the home currency by category, to the cent (origin duties).
    origin_cents: dict[str, Decimal]
    #: Line amounts in the quote currency by category, to the cent (carriage side).
    carriage_cents: dict[str, Decimal]


#: The ocean freight's key in a prepared line's maps (the rest of the carriage side is
#: destination costs).
OCEAN = CostCategory.OCEAN_FREIGHT.value


class Prepared(NamedTuple):
    """An order prepared for costing: its lines, total CBM and G.W., the container estimate."""

    lines: tuple[PreparedLine, ...]
    cbm: Decimal | None
    gross_weight: Decimal | None
    containers: ContainerEstimate | None


class Fx:
    """Conversions between the order's currencies at the quote-currency rate."""

    def __init__(self, inputs: CostInputs) -> None:
        self.home = inputs.home_currency
        self.quote = inputs.quote_currency
        self.hq = self.home.quantum
        self.qq = self.quote.quantum
        self.rate = inputs.exchange_rate.rate
        self.others = {r.currency: r.rate for r in inputs.other_rates}

    def to_home(self, amount: Decimal, currency: Currency) -> Decimal:
        if currency == self.home:
            return amount
        if currency == self.quote:
            return amount * self.rate
        return amount * self.others[currency]

    def to_quote(self, amount: Decimal, currency: Currency) -> Decimal:
        if currency == self.quote:
            return amount
        if currency == self.home:
            return amount / self.rate
        return amount * self.others[currency] / self.rate


def _weights(
    inputs: CostInputs, how: Allocation, cbms: list[Decimal | None], kgs: list[Decimal | None]
) -> list[Decimal]:
    lines = inputs.lines
    if how is Allocation.VALUE:
        raw = [ln.purchase_price.amount * ln.quantity for ln in lines]
    elif how is Allocation.QUANTITY:
        raw = [ln.quantity for ln in lines]
    elif how is Allocation.VOLUME:
        raw = [c or ZERO for c in cbms]
    else:
        raw = [w or ZERO for w in kgs]
    # Money.allocate takes weights of at most 12 places; the split is to the cent anyway.
    return [store(w) for w in raw]


def _freight_total(
    freight: Freight, cbm: Decimal | None, weight: Decimal | None
) -> tuple[Money, ContainerEstimate | None]:
    if freight.basis is FreightBasis.LUMP_SUM:
        return freight.rate.rounded(), None
    if freight.basis is FreightBasis.PER_REVENUE_TON:
        assert cbm is not None  # CostInputs checked the lines
        assert weight is not None
        tons = max(revenue_tons(cbm, weight), freight.min_revenue_tons)
        return (freight.rate * tons).rounded(), None
    assert freight.container is not None  # Freight checked it
    estimate = None
    if cbm is not None and weight is not None:
        estimate = estimate_containers(cbm, weight, freight.container)
    count = freight.containers
    if count is None:
        assert estimate is not None  # CostInputs checked the lines
        count = estimate.count
    return (freight.rate * count).rounded(), estimate


def prepare(inputs: CostInputs, fx: Fx) -> Prepared:
    lines = inputs.lines
    cbms = [ln.total_cbm for ln in lines]
    kgs = [ln.total_gross_weight for ln in lines]
    cbm = None if None in cbms else sum((c for c in cbms if c is not None), ZERO)
    weight = None if None in kgs else sum((w for w in kgs if w is not None), ZERO)

    orders: list[tuple[CostCategory, Money, Allocation]] = [
        (c.category, c.amount, c.how) for c in inputs.costs
    ]
    containers = None
    if inputs.freight is not None:
        total, containers = _freight_total(inputs.freight, cbm, weight)
        orders.append((CostCategory.OCEAN_FREIGHT, total, inputs.freight.allocation))

    n = len(lines)
    per_line: list[list[CostShare]] = [[] for _ in lines]
    # Keyed by the category's value (a str): str hashing is much cheaper than Enum's.
    origin_unit: list[dict[str, Decimal]] = [{} for _ in lines]
    carriage_unit: list[dict[str, Decimal]] = [{} for _ in lines]
    origin_cents: list[dict[str, Decimal]] = [{} for _ in lines]
    carriage_cents: list[dict[str, Decimal]] = [{} for _ in lines]
    quantities = [ln.quantity for ln in lines]
    weight_cache: dict[Allocation, list[Decimal]] = {}
    for category, amount, how in orders:
        if how not in weight_cache:
            weight_cache[how] = _weights(inputs, how, cbms, kgs)
        ws = weight_cache[how]
        # All-zero weights (say, every line 0 CBM) fall back to quantities.
        split = amount.allocate(ws) if any(ws) else amount.allocate(quantities)
        key, cur = category.value, amount.currency
        if category.duty.at_origin:
            units, cents, same, quantum = origin_unit, origin_cents, cur == fx.home, fx.hq
            convert = fx.to_home
        else:
            units, cents, same, quantum = carriage_unit, carriage_cents, cur == fx.quote, fx.qq
            convert = fx.to_quote
        for i in range(n):
            share = split[i]
            per_line[i].append(CostShare(category, share))
            value = share.amount
            converted = value if same else convert(value, cur)
            unit_map, cent_map = units[i], cents[i]
            unit_map[key] = unit_map.get(key, ZERO) + converted / quantities[i]
            rounded = value if same else converted.quantize(quantum, ROUND_HALF_UP)
            cent_map[key] = cent_map.get(key, ZERO) + rounded

    prepared = []
    for i, line in enumerate(lines):
        price = line.purchase_price.amount
        rebate = price / (ONE + line.vat_rate) * line.rebate_rate
        prepared.append(
            PreparedLine(
                quantities[i],
                price - rebate,
                rebate,
                tuple(per_line[i]),
                origin_unit[i],
                carriage_unit[i],
                origin_cents[i],
                carriage_cents[i],
            )
        )
    return Prepared(tuple(prepared), cbm, weight, containers)


def _included(inputs: CostInputs, rule: Incoterm) -> frozenset[str]:
    return frozenset(
        c.value
        for c in CostCategory
        if seller_bears(rule, c, fca_at_seller_premises=inputs.fca_at_seller_premises)
    )


def check_rules(inputs: CostInputs, rules: Iterable[Incoterm]) -> None:
    problems = [p for r in rules for p in inputs.rule_problems(r)]
    if problems:
        raise ValidationError(dict.fromkeys(problems))


class RuleSpec(NamedTuple):
    """What one rule takes from the inputs, worked out once per order."""

    incoterm: Incoterm
    included: frozenset[str]  # CostCategory values
    insurance: Decimal  # premium factor (1 + k) × i, or 0 when the seller does not insure


def rule_spec(inputs: CostInputs, rule: Incoterm) -> RuleSpec:
    included = _included(inputs, rule)
    insured = CostCategory.INSURANCE.value in included and inputs.insurance is not None
    factor = inputs.insurance.factor if insured and inputs.insurance is not None else ZERO
    return RuleSpec(rule, included, factor)


class _Exact(NamedTuple):
    cost: Decimal
    cost_quote: Decimal
    net: Decimal
    exact: Decimal
    unit: Decimal
    total: Decimal


class _Plan(NamedTuple):
    """The target and rates of a quote, worked out once per order."""

    textbook: bool
    margin: Decimal
    uplift: Decimal  # 1 + markup (1 for the other targets)
    profit: Decimal  # fixed profit per unit in the quote currency (0 for the other targets)
    bank: Decimal
    commission: Decimal
    basis: CommissionBasis
    places: Decimal


def _plan(inputs: CostInputs, fx: Fx) -> _Plan:
    target = inputs.target
    assert target is not None  # quote() checked it
    rate = target.rate or ZERO
    profit = ZERO
    if target.profit is not None:
        profit = fx.to_quote(target.profit.amount, target.profit.currency)
    return _Plan(
        inputs.method is Method.ALL_ON_QUOTED_PRICE,
        rate if target.kind is TargetKind.MARGIN_ON_SALE else ZERO,
        ONE + rate if target.kind is TargetKind.MARKUP_ON_COST else ONE,
        profit,
        inputs.bank_rate,
        inputs.commission,
        inputs.commission_basis,
        Decimal(1).scaleb(-inputs.price_places),
    )


def _price(plan: _Plan, fx: Fx, line: PreparedLine, rule: RuleSpec) -> _Exact:
    included = rule.included
    cost = line.real
    for cat, value in line.origin_unit.items():
        if cat in included:
            cost += value
    cost_q = cost / fx.rate
    passed = ZERO
    for cat, value in line.carriage_unit.items():
        if cat in included:
            passed += value
    ins, c = rule.insurance, plan.commission
    with_profit = cost_q * plan.uplift + plan.profit
    if plan.textbook:
        exact = (with_profit + passed) / (ONE - plan.margin - c - plan.bank - ins)
        net = exact * (ONE - c)
    else:
        base = with_profit / (ONE - plan.margin - plan.bank)
        net = base + passed
        if ins:
            net = net / (ONE - ins)
        if plan.basis is CommissionBasis.GROSS:
            exact = net / (ONE - c)
        elif plan.basis is CommissionBasis.NET:
            exact = net * (ONE + c)
        else:
            exact = net + base * c
    unit = exact.quantize(plan.places, ROUND_HALF_UP)
    total = (unit * line.q).quantize(fx.qq, ROUND_HALF_UP)
    return _Exact(store(cost), store(cost_q), store(net), store(exact), unit, total)


def _line_prices(
    plan: _Plan, fx: Fx, line: PreparedLine, specs: Sequence[RuleSpec]
) -> tuple[RulePrice, ...]:
    # Rules that include the same costs have the same price (CFR = CPT, CIF = CIP,
    # FAS = FCA at a terminal): compute each distinct one once.
    done: dict[tuple[frozenset[str], Decimal], _Exact] = {}
    prices = []
    for spec in specs:
        key = (spec.included, spec.insurance)
        e = done.get(key)
        if e is None:
            e = done[key] = _price(plan, fx, line, spec)
        prices.append(
            RulePrice(
                spec.incoterm,
                e.cost,
                e.cost_quote,
                e.net,
                e.exact,
                fast_money(e.unit, fx.quote),
                fast_money(e.total, fx.quote),
            )
        )
    return tuple(prices)


def quote(inputs: CostInputs, rules: Iterable[Incoterm | str] | None = None) -> Quote:
    """Price every line under ``rules`` (default: every rule the inputs allow).

    Raises ValidationError when the inputs have no target, or a rule asked for
    needs freight or insurance the inputs do not give.

    >>> from exportdocs.costing import CostInputs, CostLine, ExchangeRate, Target
    >>> inputs = CostInputs(
    ...     lines=[CostLine(quantity=5000, purchase_price="CNY 22.60", rebate_rate="13%")],
    ...     exchange_rate=ExchangeRate("USD", "7.10"),
    ...     target=Target.margin("20%"),
    ... )
    >>> quote(inputs).unit_prices("FOB")
    (Money('3.52', 'USD'),)
    >>> quote(inputs, ["CIF"])
    Traceback (most recent call last):
    ...
    exportdocs.exceptions.ValidationError: 2 problems: freight: CIF includes the main carriage: give the freight (CostInputs.freight) (got None); insurance: CIF includes insurance: give the premium rate (CostInputs.insurance) (got None)
    """
    if inputs.target is None:
        raise fail("forward costing needs a profit target (CostInputs.target)", None, "target")
    wanted = inputs.rules if rules is None else tuple(Incoterm.parse(r) for r in rules)
    check_rules(inputs, wanted)
    with localcontext(CONTEXT):
        fx = Fx(inputs)
        plan = _plan(inputs, fx)
        prepared = prepare(inputs, fx)
        specs = [rule_spec(inputs, r) for r in wanted]
        lines = tuple(
            LineCost(
                src.reference,
                src.quantity,
                store(line.real),
                store(line.rebate),
                line.shares,
                _line_prices(plan, fx, line, specs),
            )
            for src, line in zip(inputs.lines, prepared.lines, strict=True)
        )
    return Quote(inputs.quote_currency, inputs.price_places, inputs.commission_label, wanted, lines)
