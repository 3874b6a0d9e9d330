"""What a costing rests on: the exchange rate, the order's costs, freight, insurance, the target."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import attrs
from attrs.converters import optional

from exportdocs._money import Currency, Money, to_currency
from exportdocs._validation import check, collecting, fail, to_date, to_decimal, to_positive
from exportdocs.costing._categories import (
    COMPUTED,
    Allocation,
    CostCategory,
    FreightBasis,
    TargetKind,
    to_allocation,
    to_category,
    to_freight_basis,
    to_target_kind,
)
from exportdocs.costing._checks import non_negative_money, to_count, to_label
from exportdocs.costing._containers import ContainerSpec, ContainerType
from exportdocs.costing._rates import HUNDRED, ONE, ZERO, format_percent, money_text, parse_rate
from exportdocs.exceptions import Problem

__all__ = ["Cost", "ExchangeRate", "Freight", "Insurance", "Target"]


def _exchange_rate(value: Decimal | int | str) -> Decimal:
    number = to_decimal(value)
    if number <= 0:
        raise fail("an exchange rate must be greater than zero", value)
    return number


def _cny() -> Currency:
    # A factory, not Currency("CNY") at import: the first currency lookup imports pycountry.
    return Currency("CNY")


@attrs.frozen(field_transformer=collecting)
class ExchangeRate:
    """Home currency per one unit of ``currency``, with its date and source.

    Use the bank's **buying** rate (现汇买入价) for a quotation: the exporter will
    sell the foreign currency to the bank at that rate.

    >>> fx = ExchangeRate.per_100("USD", "710.00", as_of="2025-03-14", source="BOC buying")
    >>> fx.rate, str(fx)
    (Decimal('7.10'), '7.10 CNY/USD (BOC buying, 2025-03-14)')
    """

    currency: Currency = attrs.field(converter=to_currency)
    rate: Decimal = attrs.field(converter=_exchange_rate)
    home: Currency = attrs.field(factory=_cny, converter=to_currency)
    as_of: dt.date | None = attrs.field(default=None, converter=optional(to_date))
    source: str = attrs.field(default="", converter=to_label)

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)

    def _cross(self) -> Iterator[Problem]:
        if self.currency == self.home:
            yield Problem("currency", self.currency.code, "must differ from the home currency")

    @classmethod
    def per_100(
        cls,
        currency: Currency | str,
        rate_per_100: Decimal | int | str,
        *,
        home: Currency | str = "CNY",
        as_of: dt.date | str | None = None,
        source: str = "",
    ) -> ExchangeRate:
        """From a board quoting home currency per 100 units (Bank of China: 710.00)."""
        per_100 = to_decimal(rate_per_100, "rate_per_100")
        return cls(currency, per_100 / HUNDRED, home, as_of, source)

    def __str__(self) -> str:
        extra = ", ".join(p for p in (self.source, self.as_of and self.as_of.isoformat()) if p)
        tail = f" ({extra})" if extra else ""
        return f"{self.rate:f} {self.home.code}/{self.currency.code}{tail}"


@attrs.frozen(field_transformer=collecting)
class Cost:
    """One order-level cost, split over the lines when the order is costed.

    ``allocation`` None uses the category's default (volume for freight-like
    costs, value for the rest). The amount is what will be paid, to the minor
    unit of its currency.

    >>> Cost("customs_declaration", "CNY 500")
    Cost(category=<CostCategory.CUSTOMS_DECLARATION: 'customs_declaration'>, amount=Money('500', 'CNY'), allocation=None)
    """

    category: CostCategory = attrs.field(converter=to_category)
    amount: Money = attrs.field(converter=non_negative_money)
    allocation: Allocation | None = attrs.field(default=None, converter=optional(to_allocation))

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)

    def _cross(self) -> Iterator[Problem]:
        if self.category in COMPUTED:
            yield Problem(
                "category",
                self.category.value,
                "give the ocean freight as CostInputs.freight and the insurance as "
                "CostInputs.insurance, not as a Cost",
            )
        if not self.amount.is_rounded:
            yield Problem(
                "amount", self.amount, "an order cost is an amount payable: give it to the cent"
            )

    @property
    def how(self) -> Allocation:
        """The allocation used: the given one or the category's default."""
        return self.allocation or self.category.default_allocation


def _container(value: ContainerSpec | ContainerType | str) -> ContainerSpec:
    if isinstance(value, ContainerSpec):
        return value
    if isinstance(value, (str, ContainerType)):
        return ContainerSpec.of(value)
    raise fail("expected a ContainerSpec or a container type such as '20GP'", value)


@attrs.frozen(field_transformer=collecting)
class Freight:
    """The main carriage (ocean freight): per container, per revenue ton (LCL) or lump sum.

    Per container, the number of containers is estimated from the lines' CBM and
    gross weight against the container's limits, unless ``containers`` is given.
    LCL is charged on revenue tons (W/M: the larger of m³ and tonnes), with a
    minimum of ``min_revenue_tons``. The order's freight is rounded half-up to the
    cent, then allocated to the lines (by volume unless told otherwise).

    >>> Freight.per_container("USD 1500", "20GP").container.max_cbm
    Decimal('28')
    >>> Freight.per_revenue_ton("USD 45").basis
    <FreightBasis.PER_REVENUE_TON: 'per_revenue_ton'>
    """

    basis: FreightBasis = attrs.field(converter=to_freight_basis)
    rate: Money = attrs.field(converter=non_negative_money)
    container: ContainerSpec | None = attrs.field(default=None, converter=optional(_container))
    containers: int | None = attrs.field(default=None, converter=optional(to_count))
    min_revenue_tons: Decimal = attrs.field(default=ONE, converter=to_positive)
    allocation: Allocation = attrs.field(default=Allocation.VOLUME, converter=to_allocation)

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)

    def _cross(self) -> Iterator[Problem]:
        if self.basis is FreightBasis.PER_CONTAINER and self.container is None:
            yield Problem("container", None, "per-container freight needs a container type")
        if self.basis is not FreightBasis.PER_CONTAINER and self.container is not None:
            yield Problem("container", self.container, "only per-container freight has one")
        if self.basis is not FreightBasis.PER_CONTAINER and self.containers is not None:
            yield Problem("containers", self.containers, "only per-container freight has a count")

    @classmethod
    def per_container(
        cls,
        rate: Money | str,
        container: ContainerSpec | ContainerType | str = "20GP",
        *,
        containers: int | None = None,
        allocation: Allocation | str = Allocation.VOLUME,
    ) -> Freight:
        """Freight per container; ``containers`` None estimates the count from the lines."""
        return cls(FreightBasis.PER_CONTAINER, rate, container, containers, ONE, allocation)

    @classmethod
    def per_revenue_ton(
        cls,
        rate: Money | str,
        *,
        min_revenue_tons: Decimal | int | str = 1,
        allocation: Allocation | str = Allocation.VOLUME,
    ) -> Freight:
        """LCL freight per revenue ton (W/M)."""
        return cls(FreightBasis.PER_REVENUE_TON, rate, None, None, min_revenue_tons, allocation)

    @classmethod
    def lump_sum(
        cls, amount: Money | str, *, allocation: Allocation | str = Allocation.VOLUME
    ) -> Freight:
        """Freight for the whole order as one amount."""
        return cls(FreightBasis.LUMP_SUM, amount, None, None, ONE, allocation)


def _premium_rate(value: Decimal | int | str) -> Decimal:
    rate = parse_rate(value)
    if rate <= 0 or rate > ONE:
        raise fail("an insurance premium rate must be above 0% and at most 100%", value)
    return rate


def _markup(value: Decimal | int | str) -> Decimal:
    rate = parse_rate(value)
    if not ZERO <= rate <= ONE:
        raise fail(
            "the insurance markup is the part above the value (10% for the usual 110% cover) "
            "and must be from 0% to 100%",
            value,
        )
    return rate


@attrs.frozen(field_transformer=collecting)
class Insurance:
    """Cargo insurance the seller buys (CIF, CIP): premium rate and markup.

    The insured amount is the value × (1 + markup); the default markup 10 %
    gives the usual 110 % cover.

    >>> Insurance("0.5%").factor
    Decimal('0.00550')
    """

    rate: Decimal = attrs.field(converter=_premium_rate)
    markup: Decimal = attrs.field(default=Decimal("0.10"), converter=_markup)

    def __attrs_post_init__(self) -> None:
        check(self)

    @property
    def factor(self) -> Decimal:
        """Premium as a fraction of the value: ``(1 + markup) × rate``."""
        return (ONE + self.markup) * self.rate


@attrs.frozen(field_transformer=collecting)
class Target:
    """The profit aimed at: a margin on the sale price, a markup on cost, or a fixed profit.

    >>> Target.margin("20%").rate, Target.markup("25%").rate
    (Decimal('0.2'), Decimal('0.25'))
    >>> Target.margin("100%")
    Traceback (most recent call last):
    ...
    exportdocs.exceptions.ValidationError: rate: a margin on the sale price must be below 100% (the price would be infinite) (got 1)
    """

    kind: TargetKind = attrs.field(converter=to_target_kind)
    rate: Decimal | None = attrs.field(default=None, converter=optional(parse_rate))
    profit: Money | None = attrs.field(default=None, converter=optional(non_negative_money))

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)

    def _cross(self) -> Iterator[Problem]:
        if self.kind is TargetKind.PROFIT_PER_UNIT:
            if self.profit is None:
                yield Problem("profit", None, "a profit-per-unit target needs the profit")
            if self.rate is not None:
                yield Problem("rate", self.rate, "a profit-per-unit target has no rate")
            return
        if self.profit is not None:
            yield Problem("profit", self.profit, "a rate target has no profit amount")
        if self.rate is None:
            yield Problem("rate", None, "a margin or markup target needs the rate")
        elif self.rate < 0:
            yield Problem("rate", self.rate, "a target must not be negative")
        elif self.kind is TargetKind.MARGIN_ON_SALE and self.rate >= ONE:
            yield Problem(
                "rate",
                self.rate,
                "a margin on the sale price must be below 100% (the price would be infinite)",
            )

    @classmethod
    def margin(cls, rate: Decimal | str) -> Target:
        """Margin on the sale price: ``price = cost / (1 − m)``."""
        return cls(TargetKind.MARGIN_ON_SALE, rate)

    @classmethod
    def markup(cls, rate: Decimal | str) -> Target:
        """Markup on cost: ``price = cost × (1 + u)``."""
        return cls(TargetKind.MARKUP_ON_COST, rate)

    @classmethod
    def profit_per_unit(cls, profit: Money | str) -> Target:
        """A fixed profit per unit, in the home or the quote currency."""
        return cls(TargetKind.PROFIT_PER_UNIT, None, profit)

    def __str__(self) -> str:
        if self.kind is TargetKind.PROFIT_PER_UNIT and self.profit is not None:
            return f"profit {money_text(self.profit)} per unit"
        return f"{self.kind.value.replace('_', ' ')} {format_percent(self.rate)}"
