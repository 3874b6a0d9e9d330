"""What costing returns: the quote per rule, the cost sheet with its lines, summary and sensitivity."""

from __future__ import annotations

import html
from decimal import Decimal

import attrs

from exportdocs._incoterms import Incoterm
from exportdocs._money import Currency, Money
from exportdocs._validation import fail
from exportdocs.costing._assumptions import Freight
from exportdocs.costing._categories import CostCategory, FreightBasis, ReasonKind
from exportdocs.costing._containers import ContainerEstimate
from exportdocs.costing._inputs import CostInputs
from exportdocs.costing._rates import ONE, format_percent, money_text, rate_text

__all__ = [
    "Approval",
    "ApprovalReason",
    "CostShare",
    "CostSheet",
    "LineAnalysis",
    "LineCost",
    "OrderSummary",
    "Quote",
    "RulePrice",
    "SensitivityPoint",
    "freight_text",
]


@attrs.frozen
class CostShare:
    """A line's share of one order cost, in the cost's own currency, to the cent."""

    category: CostCategory
    amount: Money


@attrs.frozen
class RulePrice:
    """A line's price under one rule, per unit, in the quote currency.

    ``cost`` is the home-currency cost per unit the rule includes (real cost
    plus the domestic costs the seller bears under it) and ``cost_quote`` the
    same converted; ``net`` the price before commission, ``exact`` the quoted
    price with commission (both unrounded, stored to 12 places); ``unit_price``
    the quoted price rounded half-up to the price places; ``line_total`` the
    rounded unit price × quantity, rounded half-up to the minor unit.
    """

    incoterm: Incoterm
    cost: Decimal
    cost_quote: Decimal
    net: Decimal
    exact: Decimal
    unit_price: Money
    line_total: Money

    @property
    def commission(self) -> Decimal:
        """Commission per unit (exact − net)."""
        return self.exact - self.net


@attrs.frozen
class LineCost:
    """The forward costing of one line: its costs, and its price under each rule."""

    reference: str
    quantity: Decimal
    real_cost: Decimal
    rebate: Decimal
    shares: tuple[CostShare, ...]
    prices: tuple[RulePrice, ...]

    def price(self, rule: Incoterm | str) -> RulePrice:
        """The price under ``rule``; a ValidationError when it was not priced."""
        wanted = Incoterm.parse(rule)
        for price in self.prices:
            if price.incoterm is wanted:
                return price
        raise fail("this rule was not priced", wanted.code, "rule")


@attrs.frozen
class Quote:
    """Quoted prices for every line under each priced rule (see :func:`quote`)."""

    currency: Currency
    price_places: int
    commission_label: str
    rules: tuple[Incoterm, ...]
    lines: tuple[LineCost, ...]

    def unit_prices(self, rule: Incoterm | str) -> tuple[Money, ...]:
        """The rounded unit prices of every line under ``rule``."""
        return tuple(line.price(rule).unit_price for line in self.lines)

    def total(self, rule: Incoterm | str) -> Money:
        """The order total under ``rule``: the sum of the line totals."""
        return Money.sum((line.price(rule).line_total for line in self.lines), self.currency)

    def term(self, rule: Incoterm | str) -> str:
        """The price term with the commission: ``"CIFC3"``."""
        return f"{Incoterm.parse(rule).code}{self.commission_label}"


@attrs.frozen
class ApprovalReason:
    """One reason a manager must approve, with its numbers.

    ``line`` is the line's index (None: the whole order); ``value`` and
    ``threshold`` are the figures compared (a rate, or a unit price and list price).
    """

    kind: ReasonKind
    line: int | None
    value: Decimal | None
    threshold: Decimal | None
    message: str

    def __str__(self) -> str:
        return self.message


@attrs.frozen
class Approval:
    """Whether a manager must sign off, and why."""

    reasons: tuple[ApprovalReason, ...] = ()

    @property
    def required(self) -> bool:
        """True when there is any reason."""
        return bool(self.reasons)

    def __bool__(self) -> bool:
        return self.required

    def __str__(self) -> str:
        if not self.reasons:
            return "no approval needed"
        return "approval needed: " + "; ".join(r.message for r in self.reasons)


@attrs.frozen
class LineAnalysis:
    """One line of the cost sheet at a quoted price (盈亏核算), every amount to the cent.

    Quote currency: ``invoice_value`` … ``net_income``; home currency:
    ``net_income_home`` … ``profit``. ``net_income`` is the income left after
    commission, insurance, freight and destination costs (the FOB net income
    for a C rule). ``bank_charges`` are the percentage bank charges, as a home
    cost. Ratios are unrounded fractions stored to 12 places (None when the
    denominator is zero or negative).
    """

    reference: str
    quantity: Decimal
    incoterm: Incoterm
    unit_price: Money
    invoice_value: Money
    commission: Money
    insurance: Money
    freight: Money
    destination_costs: Money
    net_income: Money
    net_income_home: Money
    goods_cost: Money
    domestic_costs: Money
    bank_charges: Money
    total_cost: Money
    profit: Money
    margin_on_sale: Decimal | None
    markup_on_cost: Decimal | None
    exchange_cost: Decimal | None
    approval: Approval


@attrs.frozen
class OrderSummary:
    """The order's totals (sums of the rounded line figures) and its ratios."""

    incoterm: Incoterm
    invoice_value: Money
    commission: Money
    insurance: Money
    freight: Money
    destination_costs: Money
    net_income: Money
    net_income_home: Money
    goods_cost: Money
    domestic_costs: Money
    bank_charges: Money
    total_cost: Money
    profit: Money
    margin_on_sale: Decimal | None
    markup_on_cost: Decimal | None
    exchange_cost: Decimal | None
    approval: Approval
    cbm: Decimal | None
    gross_weight: Decimal | None
    containers: ContainerEstimate | None


@attrs.frozen
class SensitivityPoint:
    """The order's result if the exchange rate moved by ``change`` (0.01 = +1 %).

    ``approval_required`` applies the sheet's own rule at the moved rate (the
    order's margin, and each line's margin and list price), so at 0 it equals
    ``sheet.approval.required``; ``lines`` are the indices of the lines that need
    approval at that rate (as :attr:`ApprovalReason.line`, 0 = the first line).
    """

    change: Decimal
    exchange_rate: Decimal
    net_income_home: Money
    profit: Money
    margin_on_sale: Decimal | None
    markup_on_cost: Decimal | None
    approval_required: bool
    lines: tuple[int, ...] = ()


@attrs.frozen
class CostSheet:
    """The cost-analysis sheet: inputs (the assumptions), lines, order summary, sensitivity.

    ``quote`` is the forward costing (None when the inputs have no target);
    ``lines`` analyse the prices quoted (the forward prices, or a counter-offer).
    """

    inputs: CostInputs
    quote: Quote | None
    lines: tuple[LineAnalysis, ...]
    summary: OrderSummary
    sensitivity: tuple[SensitivityPoint, ...]

    @property
    def approval(self) -> Approval:
        """The order's approval: order-level and line-level reasons."""
        return self.summary.approval

    @property
    def assumptions(self) -> tuple[tuple[str, str], ...]:
        """The inputs that shape the figures, as (label, text) pairs for a renderer."""
        i = self.inputs
        rows = [
            ("Price term", f"{i.incoterm.code}{i.commission_label}"),
            ("Method", i.method.value.replace("_", " ")),
            ("Exchange rate", str(i.exchange_rate)),
        ]
        rows += [("Exchange rate", str(r)) for r in i.other_rates]
        if i.target is not None:
            rows.append(("Target", str(i.target)))
        if i.commission:
            rows.append(
                ("Commission", f"{format_percent(i.commission)} on {i.commission_basis.value}")
            )
        if i.bank_rate:
            rows.append(("Bank charges", format_percent(i.bank_rate)))
        if i.insurance is not None:
            rows.append(
                (
                    "Insurance",
                    f"{rate_text(i.insurance.rate)} on "
                    f"{format_percent(ONE + i.insurance.markup, 0)} of the "
                    f"{i.insurance_base.value.replace('_', ' ')} value",
                )
            )
        if i.freight is not None:
            rows.append(("Freight", freight_text(i.freight, self.summary.containers)))
        rows.append(
            (
                "Approval",
                f"{i.approval_basis.value.replace('_', ' ')} < "
                f"{format_percent(i.approval_threshold)}",
            )
        )
        rows.append(("Price precision", f"{i.price_places} decimals, half-up"))
        return tuple(rows)

    def _repr_html_(self) -> str:
        e = html.escape
        s = self.summary
        head = (
            "<tr><th>Line</th><th>Qty</th><th>Unit price</th><th>Invoice</th>"
            "<th>Net income</th><th>Total cost</th><th>Profit</th><th>Margin</th>"
            "<th>Markup</th><th>Needs approval</th></tr>"
        )

        def row(name: str, qty: str, a: LineAnalysis | OrderSummary, price: str) -> str:
            cells = (
                name,
                qty,
                price,
                str(a.invoice_value),
                str(a.net_income),
                str(a.total_cost),
                str(a.profit),
                format_percent(a.margin_on_sale),
                format_percent(a.markup_on_cost),
                "yes" if a.approval.required else "—",
            )
            return "<tr>" + "".join(f"<td>{e(c)}</td>" for c in cells) + "</tr>"

        body = "".join(
            row(line.reference or str(n + 1), f"{line.quantity:f}", line, str(line.unit_price))
            for n, line in enumerate(self.lines)
        )
        total = row("Order", "", s, "")
        reasons = "".join(f"<li>{e(r.message)}</li>" for r in s.approval.reasons)
        notes = "".join(f"<li>{e(k)}: {e(v)}</li>" for k, v in self.assumptions)
        return (
            f"<table><caption>Cost sheet, {e(s.incoterm.code)}{e(self.inputs.commission_label)}"
            f"</caption>{head}{body}{total}</table>"
            + (f"<p>Approval needed:</p><ul>{reasons}</ul>" if reasons else "")
            + f"<ul>{notes}</ul>"
        )


def freight_text(freight: Freight, estimate: ContainerEstimate | None, *, zh: bool = False) -> str:
    """The freight assumption: ``USD 3,150.00 per 40HQ × 1`` (``/ 40HQ × 1`` in Chinese).

    Per container, the count is the freight's own or else the estimate from the packing.
    """
    rate = money_text(freight.rate)
    if freight.basis is FreightBasis.PER_CONTAINER:
        count = freight.containers or (estimate.count if estimate else 0)
        box = freight.container.type.value if freight.container else ""
        return f"{rate} / {box} × {count}" if zh else f"{rate} per {box} × {count}"
    if freight.basis is FreightBasis.PER_REVENUE_TON:
        return f"{rate} / 运费吨 (W/M)" if zh else f"{rate} per revenue ton (W/M)"
    return f"{rate}（包干）" if zh else f"{rate} lump sum"
