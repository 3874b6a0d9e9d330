"""Everything an order's costing needs, checked together (:class:`CostInputs`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

import attrs
from attrs.converters import optional

from exportdocs._incoterms import Incoterm
from exportdocs._money import Currency, to_currency
from exportdocs._validation import check, collecting, expect, fail, to_bool, to_whole
from exportdocs.costing._assumptions import Cost, ExchangeRate, Freight, Insurance, Target
from exportdocs.costing._categories import (
    Allocation,
    ApprovalBasis,
    CommissionBasis,
    Duty,
    FreightBasis,
    InsuranceBase,
    Method,
    TargetKind,
    seller_bears,
    to_approval_basis,
    to_commission_basis,
    to_insurance_base,
    to_method,
)
from exportdocs.costing._checks import tuple_of
from exportdocs.costing._lines import CostLine
from exportdocs.costing._rates import HUNDRED, ONE, ZERO, format_percent, open_rate
from exportdocs.exceptions import Problem

__all__ = ["CostInputs"]


def _lines(value: Sequence[CostLine]) -> tuple[CostLine, ...]:
    return tuple_of(CostLine, value, "an order needs at least one line")


def _costs(value: Sequence[Cost]) -> tuple[Cost, ...]:
    return tuple_of(Cost, value)


def _other_rates(value: Sequence[ExchangeRate]) -> tuple[ExchangeRate, ...]:
    return tuple_of(ExchangeRate, value)


def _exchange_rate(value: ExchangeRate) -> ExchangeRate:
    return expect(ExchangeRate, value)


def _freight(value: Freight) -> Freight:
    return expect(Freight, value)


def _insurance(value: Insurance | Decimal | str) -> Insurance:
    if isinstance(value, Insurance):
        return value
    if isinstance(value, (str, Decimal)):
        return Insurance(value)
    raise fail(f"expected an Insurance, not {type(value).__name__}", value)


def _target(value: Target) -> Target:
    if isinstance(value, Target):
        return value
    raise fail(f"expected a Target such as Target.margin('20%'), not {type(value).__name__}", value)


def _incoterm(value: Incoterm | str) -> Incoterm:
    return Incoterm.parse(value)


def _places(value: int) -> int:
    return to_whole(value, 0, 6, "a whole number of decimal places")


def _cny() -> Currency:
    # A factory, not Currency("CNY") at import: the first currency lookup imports pycountry.
    return Currency("CNY")


def _usd() -> Currency:
    # A factory, not Currency("USD") at import: the first currency lookup imports pycountry.
    return Currency("USD")


@attrs.frozen(kw_only=True, field_transformer=collecting)
class CostInputs:
    """Everything an order's costing needs, independent of the contract type.

    ``incoterm`` is the rule the order is quoted (and its cost sheet analysed)
    under. ``commission`` is the agent's commission rate, ``bank_rate`` the bank
    charges as a rate of the sale (fixed bank charges are a ``bank_charges``
    Cost). ``approval_threshold`` (default 5 %) is compared, with a strict ``<``,
    with the margin on sale or, if ``approval_basis`` says so, the markup on cost.
    ``fca_at_seller_premises`` says where FCA delivery happens (default False: at
    the terminal or the forwarder's warehouse, so the seller's trucking is in the
    FCA price).
    """

    lines: tuple[CostLine, ...] = attrs.field(converter=_lines)
    exchange_rate: ExchangeRate = attrs.field(converter=_exchange_rate)
    home_currency: Currency = attrs.field(factory=_cny, converter=to_currency)
    quote_currency: Currency = attrs.field(factory=_usd, converter=to_currency)
    other_rates: tuple[ExchangeRate, ...] = attrs.field(default=(), converter=_other_rates)
    costs: tuple[Cost, ...] = attrs.field(default=(), converter=_costs)
    freight: Freight | None = attrs.field(default=None, converter=optional(_freight))
    insurance: Insurance | None = attrs.field(default=None, converter=optional(_insurance))
    bank_rate: Decimal = attrs.field(default=ZERO, converter=open_rate)
    commission: Decimal = attrs.field(default=ZERO, converter=open_rate)
    commission_basis: CommissionBasis = attrs.field(
        default=CommissionBasis.GROSS, converter=to_commission_basis
    )
    target: Target | None = attrs.field(default=None, converter=optional(_target))
    method: Method = attrs.field(default=Method.STEPWISE, converter=to_method)
    incoterm: Incoterm = attrs.field(default=Incoterm.FOB, converter=_incoterm)
    price_places: int = attrs.field(default=2, converter=_places)
    approval_threshold: Decimal = attrs.field(default=Decimal("0.05"), converter=open_rate)
    approval_basis: ApprovalBasis = attrs.field(
        default=ApprovalBasis.MARGIN_ON_SALE, converter=to_approval_basis
    )
    insurance_base: InsuranceBase = attrs.field(
        default=InsuranceBase.INVOICE, converter=to_insurance_base
    )
    fca_at_seller_premises: bool = attrs.field(default=False, converter=to_bool)

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)

    def _convertible(self, currency: Currency) -> bool:
        return currency in (self.home_currency, self.quote_currency) or any(
            r.currency == currency for r in self.other_rates
        )

    def _cross(self) -> Iterator[Problem]:
        home, quote = self.home_currency, self.quote_currency
        fx = self.exchange_rate
        if quote == home:
            yield Problem("quote_currency", quote.code, "must differ from the home currency")
        if fx.currency != quote:
            yield Problem(
                "exchange_rate.currency", fx.currency.code, f"must be the quote currency {quote}"
            )
        if fx.home != home:
            yield Problem("exchange_rate.home", fx.home.code, f"must be the home currency {home}")
        seen: set[Currency] = set()
        for i, other in enumerate(self.other_rates):
            if other.home != home:
                yield Problem(f"other_rates[{i}].home", other.home.code, f"must be {home}")
            if other.currency in seen or other.currency == quote:
                yield Problem(
                    f"other_rates[{i}].currency", other.currency.code, "already has a rate"
                )
            seen.add(other.currency)
        for i, line in enumerate(self.lines):
            if line.purchase_price.currency != home:
                yield Problem(
                    f"lines[{i}].purchase_price",
                    line.purchase_price,
                    f"the purchase price must be in the home currency {home}",
                )
            if line.list_price is not None and line.list_price.currency != quote:
                yield Problem(
                    f"lines[{i}].list_price",
                    line.list_price,
                    f"the list price must be in the quote currency {quote}",
                )
        for i, cost in enumerate(self.costs):
            if not self._convertible(cost.amount.currency):
                yield Problem(
                    f"costs[{i}].amount",
                    cost.amount,
                    f"no exchange rate for {cost.amount.currency}; add one to other_rates",
                )
        if self.freight is not None and not self._convertible(self.freight.rate.currency):
            yield Problem(
                "freight.rate",
                self.freight.rate,
                f"no exchange rate for {self.freight.rate.currency}; add one to other_rates",
            )
        target = self.target
        if (
            target is not None
            and target.profit is not None
            and target.profit.currency not in (home, quote)
        ):
            yield Problem("target.profit", target.profit, f"give the profit in {home} or {quote}")
        yield from self._cross_rates()
        yield from self._cross_measures()

    def _cross_rates(self) -> Iterator[Problem]:
        target = self.target
        margin = target.rate if target and target.kind is TargetKind.MARGIN_ON_SALE else None
        if self.method is Method.ALL_ON_QUOTED_PRICE:
            if self.commission_basis is not CommissionBasis.GROSS:
                yield Problem(
                    "commission_basis",
                    self.commission_basis.value,
                    "the all-on-quoted-price method takes the commission on the quoted price; "
                    "use CommissionBasis.GROSS or the stepwise method",
                )
            ins = self.insurance.factor if self.insurance else ZERO
            total = (margin or ZERO) + self.commission + self.bank_rate + ins
            if total >= ONE:
                yield Problem(
                    "target.rate" if margin is not None else "commission",
                    margin if margin is not None else self.commission,
                    "margin + commission + bank charges + insurance rates reach "
                    f"{format_percent(total)}; their sum must stay below 100%",
                )
        elif (margin or ZERO) + self.bank_rate >= ONE:
            yield Problem(
                "bank_rate",
                self.bank_rate,
                "margin + bank charges must stay below 100% of the sale price",
            )
        if self.insurance is not None and self.insurance.factor >= ONE:
            yield Problem(
                "insurance.rate",
                self.insurance.rate,
                "the premium on the insured amount reaches the value insured",
            )

    def _cross_measures(self) -> Iterator[Problem]:
        wants: dict[Allocation, str] = {}
        for i, cost in enumerate(self.costs):
            wants.setdefault(cost.how, f"costs[{i}]")
        if self.freight is not None:
            wants.setdefault(self.freight.allocation, "freight")
            estimate = (
                self.freight.basis is FreightBasis.PER_CONTAINER and self.freight.containers is None
            ) or self.freight.basis is FreightBasis.PER_REVENUE_TON
            if estimate:
                wants.setdefault(Allocation.VOLUME, "freight")
                wants.setdefault(Allocation.WEIGHT, "freight")
        for allocation, field in (
            (Allocation.VOLUME, "cbm"),
            (Allocation.WEIGHT, "gross_weight"),
        ):
            if allocation not in wants:
                continue
            for i, line in enumerate(self.lines):
                measure = line.total_cbm if field == "cbm" else line.total_gross_weight
                if measure is None:
                    yield Problem(
                        f"lines[{i}].{field}",
                        None,
                        f"{wants[allocation]} needs each line's {field.replace('_', ' ')}: "
                        f"give {field} or packing",
                    )

    @property
    def rules(self) -> tuple[Incoterm, ...]:
        """The rules these inputs can price: freight adds C rules, insurance CIF/CIP,
        destination costs the D rules."""
        rules = [Incoterm.EXW, Incoterm.FCA, Incoterm.FAS, Incoterm.FOB]
        if self.freight is not None:
            rules += [Incoterm.CPT, Incoterm.CFR]
            if self.insurance is not None:
                rules += [Incoterm.CIP, Incoterm.CIF]
            if any(not c.category.duty.at_origin for c in self.costs):
                rules += [Incoterm.DAP, Incoterm.DPU, Incoterm.DDP]
        return tuple(r for r in Incoterm if r in rules)

    def rule_problems(self, rule: Incoterm, path: str = "") -> Iterator[Problem]:
        """What is missing to price ``rule`` (freight, insurance)."""
        if seller_bears(rule, Duty.MAIN_CARRIAGE) and self.freight is None:
            yield Problem(
                "freight",
                None,
                f"{rule.code} includes the main carriage: give the freight (CostInputs.freight)",
            )
        if seller_bears(rule, Duty.INSURANCE) and self.insurance is None:
            yield Problem(
                "insurance",
                None,
                f"{rule.code} includes insurance: give the premium rate (CostInputs.insurance)",
            )

    @property
    def commission_label(self) -> str:
        """The commission suffix of a price term: ``"C3"`` for 3 %, ``""`` for none."""
        if not self.commission:
            return ""
        return f"C{(self.commission * HUNDRED).normalize():f}"
