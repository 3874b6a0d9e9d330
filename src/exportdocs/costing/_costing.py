"""Export costing (成本核算): from purchase price to quoted prices, and back.

Forward, :func:`quote` builds each line's price under every Incoterms® 2020
rule the inputs allow: real cost after the VAT rebate, plus the domestic costs
the seller bears under that rule, converted at the bank's buying rate, plus the
profit target, then freight, insurance and commission. Backward,
:func:`analyse` takes quoted prices (the seller's, or a buyer's counter-offer)
and gives the profit, margin on sale, markup on cost and exchange cost of each
line and of the order, with the manager-approval rule applied. :func:`cost_sheet`
does both and returns the :class:`CostSheet` the documents renderer prints.

Which cost goes into which rule is not a second table: each
:class:`CostCategory` names the :class:`Duty` it pays for, and a cost enters a
rule's price when :meth:`Incoterm.obligations` puts that duty on the seller.

Rates are ``Decimal`` fractions everywhere (``Decimal("0.13")`` is 13 %);
inputs also take a percent string (``"13%"``). A bare number above 1 is
refused as ambiguous (does ``13`` mean 13 % or 1,300 %?), and so is every
``int`` but ``0`` and every ``float``.

Precision: full ``Decimal`` precision (28 significant digits, in a fixed local
context) through the chain; only the quoted unit price is rounded (half-up, to
``price_places``), line totals are the rounded unit price × quantity rounded
half-up to the currency's minor unit, and every figure of the cost sheet is
rounded half-up to the minor unit, line by line, as an invoice is. Unrounded
per-unit figures kept in results are stored to 12 decimal places (the most any
model accepts, so a sheet read back from JSON is identical).
"""

from __future__ import annotations

import datetime as dt
import enum
import html
from collections.abc import Iterable, Iterator, Sequence
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, localcontext
from typing import Any, NamedTuple, TypeVar

import attrs

from exportdocs._incoterms import Incoterm, Side
from exportdocs._money import Currency, Money, _to_currency
from exportdocs._packing import Packing
from exportdocs._units import Unit
from exportdocs._validation import (
    MAX_PLACES,
    check,
    fail,
    guard,
    guard_optional,
    to_date,
    to_decimal,
    to_text,
)
from exportdocs.costing._containers import (
    ContainerEstimate,
    ContainerSpec,
    ContainerType,
    estimate_containers,
    revenue_tons,
)
from exportdocs.exceptions import Problem, ValidationError

__all__ = [
    "Allocation",
    "Approval",
    "ApprovalBasis",
    "ApprovalReason",
    "CommissionBasis",
    "Cost",
    "CostCategory",
    "CostInputs",
    "CostLine",
    "CostShare",
    "CostSheet",
    "Duty",
    "ExchangeRate",
    "Freight",
    "FreightBasis",
    "Insurance",
    "InsuranceBase",
    "LineAnalysis",
    "LineCost",
    "Method",
    "OrderSummary",
    "Quote",
    "ReasonKind",
    "RulePrice",
    "SensitivityPoint",
    "Target",
    "TargetKind",
    "analyse",
    "cost_sheet",
    "format_percent",
    "parse_rate",
    "quote",
    "seller_bears",
]

_E = TypeVar("_E", bound=enum.Enum)
_ZERO = Decimal(0)
_ONE = Decimal(1)
_HUNDRED = Decimal(100)
_STORE = Decimal(1).scaleb(-MAX_PLACES)  # 12 places: what every model accepts back
#: The arithmetic context of the whole chain, whatever the caller's global context is.
_CONTEXT = Context(prec=28, rounding=ROUND_HALF_EVEN)
#: Exchange-rate moves shown in the sensitivity view (0 is the rate itself).
SENSITIVITY_STEPS = tuple(
    Decimal(s) for s in ("-0.05", "-0.03", "-0.01", "0", "0.01", "0.03", "0.05")
)


# -- rates ----------------------------------------------------------------------------


def parse_rate(value: Any, path: str = "") -> Decimal:
    """Read a rate as a Decimal fraction: ``"13%"`` or ``Decimal("0.13")``.

    A bare number (``Decimal`` or a string without ``%``) is a fraction and
    must lie within −1 to 1: ``13`` could mean 13 % or 1,300 %, so it is refused;
    write ``"13%"``. ``int`` is refused for the same reason (except ``0``), and
    ``float`` always.

    >>> parse_rate("13%"), parse_rate(Decimal("0.13")), parse_rate("150%")
    (Decimal('0.13'), Decimal('0.13'), Decimal('1.5'))
    >>> parse_rate(13)
    Traceback (most recent call last):
    ...
    exportdocs.exceptions.ValidationError: an int rate is ambiguous (13 could mean 13% or 1300%); write '13%' or Decimal('0.13') (got 13)
    """
    if isinstance(value, int) and not isinstance(value, bool):
        if value == 0:
            return _ZERO
        raise fail(
            f"an int rate is ambiguous ({value} could mean {value}% or {value * 100}%); "
            f"write '{value}%' or Decimal('{Decimal(value) / _HUNDRED}')",
            value,
            path,
        )
    if isinstance(value, str) and value.strip().endswith("%"):
        number = to_decimal(value.strip()[:-1], path) / _HUNDRED
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -MAX_PLACES:
            raise fail(f"more than {MAX_PLACES - 2} decimal places in a percentage", value, path)
        return number
    number = to_decimal(value, path)
    if abs(number) > _ONE:
        raise fail(
            "a bare number above 1 is ambiguous as a rate; rates are fractions "
            f"(Decimal('0.13') is 13%): write '{number:f}%' if you mean {number:f} percent",
            value,
            path,
        )
    return number


def _rate_between(
    value: Any, low: Decimal, high: Decimal, *, open_high: bool, what: str
) -> Decimal:
    rate = parse_rate(value)
    if rate < low or rate > high or (open_high and rate == high):
        top = f"below {format_percent(high)}" if open_high else f"at most {format_percent(high)}"
        raise fail(f"{what} must be from {format_percent(low)} and {top}", value)
    return rate


def _unit_rate(value: Any) -> Decimal:
    return _rate_between(value, _ZERO, _ONE, open_high=False, what="the rate")


def _open_rate(value: Any) -> Decimal:
    return _rate_between(value, _ZERO, _ONE, open_high=True, what="the rate")


def _unit_rate_field(value: Any) -> Decimal:
    return guard(_unit_rate, value)


def _open_rate_field(value: Any) -> Decimal:
    return guard(_open_rate, value)


def format_percent(rate: Decimal | None, places: int = 2) -> str:
    """A fraction as a percentage string, rounded half-up: ``0.20019 → "20.02%"``.

    >>> format_percent(Decimal("0.0396847"))
    '3.97%'
    >>> format_percent(None)
    '—'
    """
    if rate is None:
        return "—"
    return f"{(rate * _HUNDRED).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP):f}%"


def _store(value: Decimal) -> Decimal:
    """An unrounded figure kept in a result: 12 places, so it reads back from JSON."""
    return value.quantize(_STORE, ROUND_HALF_UP)


# -- what a cost pays for --------------------------------------------------------------


class Duty(enum.Enum):
    """What a cost pays for, named after the field of :class:`Obligations` that decides it.

    Three are not fields of ``Obligations`` and are derived from it (see
    :func:`seller_bears`): ``goods`` (the seller's own cost of the goods,
    always the seller's), ``origin_delivery`` (getting the goods from the
    seller's premises to the point of delivery) and ``destination_delivery``
    (carriage beyond the port of discharge to a D rule's named place).
    """

    GOODS = "goods"
    ORIGIN_DELIVERY = "origin_delivery"
    EXPORT_CLEARANCE = "export_clearance"
    LOADING = "loading"
    MAIN_CARRIAGE = "main_carriage"
    INSURANCE = "insurance"
    DESTINATION_DELIVERY = "destination_delivery"
    UNLOADING = "unloading"
    IMPORT_CLEARANCE = "import_clearance"

    @property
    def at_origin(self) -> bool:
        """True for duties costed in the home currency before the margin is taken."""
        return self in _ORIGIN_DUTIES


_ORIGIN_DUTIES = frozenset({Duty.GOODS, Duty.ORIGIN_DELIVERY, Duty.EXPORT_CLEARANCE, Duty.LOADING})


def seller_bears(
    incoterm: Incoterm | str, duty: Duty | CostCategory, *, fca_at_seller_premises: bool = False
) -> bool:
    """True when the seller pays for ``duty`` under ``incoterm``, read from its obligations.

    * ``goods``: always the seller.
    * ``origin_delivery`` (inland freight to the port): the seller whenever it
      clears for export (every rule but EXW), except FCA at the seller's premises,
      where the buyer's carrier collects.
    * ``loading`` (port/terminal handling): ``obligations.loading``, except that
      FCA's loading duty is loading onto the buyer's vehicle at the seller's
      premises, never port handling: FCA leaves port handling to the buyer's
      carrier. FAS also leaves it to the buyer.
    * ``destination_delivery``: the seller when it bears the main carriage *and*
      delivers at destination (the D rules).
    * the others: the side the ``obligations`` field of the same name gives.

    >>> seller_bears("FOB", Duty.LOADING), seller_bears("FAS", Duty.LOADING)
    (True, False)
    >>> seller_bears("FCA", Duty.ORIGIN_DELIVERY, fca_at_seller_premises=True)
    False
    """
    rule = Incoterm.parse(incoterm)
    if isinstance(duty, CostCategory):
        duty = duty.duty
    ob = rule.obligations
    if duty is Duty.GOODS:
        return True
    if duty is Duty.ORIGIN_DELIVERY:
        at_premises = ob.loading_only_at_seller_premises and fca_at_seller_premises
        return ob.export_clearance is Side.SELLER and not at_premises
    if duty is Duty.LOADING:
        return ob.loading is Side.SELLER and not ob.loading_only_at_seller_premises
    if duty is Duty.DESTINATION_DELIVERY:
        return ob.main_carriage is Side.SELLER and rule.risk_at_destination
    if duty is Duty.INSURANCE:
        return ob.insurance is Side.SELLER
    side: Side = getattr(ob, duty.value)
    return side is Side.SELLER


class Allocation(enum.Enum):
    """How an order-level cost is split over the lines."""

    #: In proportion to the purchase value (purchase price × quantity).
    VALUE = "value"
    #: In proportion to the lines' CBM.
    VOLUME = "volume"
    #: In proportion to the quantities.
    QUANTITY = "quantity"
    #: In proportion to the lines' gross weight.
    WEIGHT = "weight"

    @classmethod
    def parse(cls, value: Any) -> Allocation:
        """Accept an Allocation or its value (``"volume"``)."""
        return _parse_enum(cls, value)


class CostCategory(enum.Enum):
    """A kind of cost, with the duty it pays for and its default allocation.

    ====================  ===========  =====================  ==========
    category              zh           duty                   allocation
    ====================  ===========  =====================  ==========
    inland_freight        内陆运费     origin_delivery        volume
    port_handling         港杂费/THC   loading                volume
    customs_declaration   报关费       export_clearance       value
    inspection            商检费       export_clearance       value
    bank_charges          银行费用     goods                  value
    other                 其他         goods                  value
    ocean_freight         海运费       main_carriage          volume
    insurance             保险费       insurance              (computed)
    destination_delivery  目的地运费   destination_delivery   volume
    unloading             卸货费       unloading              volume
    import_clearance      进口清关税费 import_clearance       value
    ====================  ===========  =====================  ==========

    >>> CostCategory.parse("customs_declaration").duty
    <Duty.EXPORT_CLEARANCE: 'export_clearance'>
    """

    INLAND_FREIGHT = "inland_freight"
    PORT_HANDLING = "port_handling"
    CUSTOMS_DECLARATION = "customs_declaration"
    INSPECTION = "inspection"
    BANK_CHARGES = "bank_charges"
    OTHER = "other"
    OCEAN_FREIGHT = "ocean_freight"
    INSURANCE = "insurance"
    DESTINATION_DELIVERY = "destination_delivery"
    UNLOADING = "unloading"
    IMPORT_CLEARANCE = "import_clearance"

    @property
    def duty(self) -> Duty:
        """The duty this cost pays for."""
        return _CATEGORY_DATA[self][0]

    @property
    def default_allocation(self) -> Allocation:
        """Volume for freight-like costs, value for the rest."""
        return _CATEGORY_DATA[self][1]

    @property
    def zh(self) -> str:
        """The usual Chinese name on a cost sheet."""
        return _CATEGORY_DATA[self][2]

    @property
    def label(self) -> str:
        """English label: ``"customs declaration"``."""
        return self.value.replace("_", " ")

    @classmethod
    def parse(cls, value: Any) -> CostCategory:
        """Accept a CostCategory or its value (``"port_handling"``, also with spaces)."""
        if isinstance(value, str):
            value = value.strip().lower().replace(" ", "_").replace("-", "_")
        return _parse_enum(cls, value)


_V, _W = Allocation.VOLUME, Allocation.VALUE
_CATEGORY_DATA = {
    CostCategory.INLAND_FREIGHT: (Duty.ORIGIN_DELIVERY, _V, "内陆运费"),
    CostCategory.PORT_HANDLING: (Duty.LOADING, _V, "港杂费"),
    CostCategory.CUSTOMS_DECLARATION: (Duty.EXPORT_CLEARANCE, _W, "报关费"),
    CostCategory.INSPECTION: (Duty.EXPORT_CLEARANCE, _W, "商检费"),
    CostCategory.BANK_CHARGES: (Duty.GOODS, _W, "银行费用"),
    CostCategory.OTHER: (Duty.GOODS, _W, "其他费用"),
    CostCategory.OCEAN_FREIGHT: (Duty.MAIN_CARRIAGE, _V, "海运费"),
    CostCategory.INSURANCE: (Duty.INSURANCE, _W, "保险费"),
    CostCategory.DESTINATION_DELIVERY: (Duty.DESTINATION_DELIVERY, _V, "目的地运费"),
    CostCategory.UNLOADING: (Duty.UNLOADING, _V, "卸货费"),
    CostCategory.IMPORT_CLEARANCE: (Duty.IMPORT_CLEARANCE, _W, "进口清关税费"),
}
#: Categories that are entered through Freight and Insurance, not as a Cost.
_COMPUTED = frozenset({CostCategory.OCEAN_FREIGHT, CostCategory.INSURANCE})


class CommissionBasis(enum.Enum):
    """How a commission (佣金) is added to the net price."""

    #: On the gross price, the usual way: ``P_c = P / (1 − c)``.
    GROSS = "gross"
    #: On the net price: ``P_c = P × (1 + c)`` (understates the commission).
    NET = "net"
    #: On the FOB value while quoting a C price: ``CIFC = CIF + FOB × c``.
    FOB_VALUE = "fob_value"

    @classmethod
    def parse(cls, value: Any) -> CommissionBasis:
        """Accept a CommissionBasis or its value."""
        return _parse_enum(cls, value)


class Method(enum.Enum):
    """How the quoted price is built from the cost (costing.md §2 and §5)."""

    #: Margin (and bank charges) on the FOB price, then freight, insurance on the CIF
    #: price, then commission on the gross price. The default.
    STEPWISE = "stepwise"
    #: Margin, commission, bank charges and insurance all as rates of the final quoted
    #: price: ``P = (cost + F) / (1 − m − c − b − (1 + k) i)``.
    ALL_ON_QUOTED_PRICE = "all_on_quoted_price"

    @classmethod
    def parse(cls, value: Any) -> Method:
        """Accept a Method or its value."""
        return _parse_enum(cls, value)


class TargetKind(enum.Enum):
    """What a profit target is."""

    MARGIN_ON_SALE = "margin_on_sale"
    MARKUP_ON_COST = "markup_on_cost"
    PROFIT_PER_UNIT = "profit_per_unit"

    @classmethod
    def parse(cls, value: Any) -> TargetKind:
        """Accept a TargetKind or its value."""
        return _parse_enum(cls, value)


class ApprovalBasis(enum.Enum):
    """Which ratio the approval threshold is compared with."""

    MARGIN_ON_SALE = "margin_on_sale"
    MARKUP_ON_COST = "markup_on_cost"

    @classmethod
    def parse(cls, value: Any) -> ApprovalBasis:
        """Accept an ApprovalBasis or its value."""
        return _parse_enum(cls, value)


class InsuranceBase(enum.Enum):
    """The value the cost sheet takes the insurance premium on (× (1 + markup))."""

    #: The invoice value, commission included (costing.md §4 does this).
    INVOICE = "invoice"
    #: The price without commission (the CIF net value; what the forward build-up uses).
    NET_PRICE = "net_price"

    @classmethod
    def parse(cls, value: Any) -> InsuranceBase:
        """Accept an InsuranceBase or its value."""
        return _parse_enum(cls, value)


class FreightBasis(enum.Enum):
    """How the main carriage is charged."""

    PER_CONTAINER = "per_container"
    #: LCL: per revenue ton, weight or measure (the larger of m³ and tonnes).
    PER_REVENUE_TON = "per_revenue_ton"
    LUMP_SUM = "lump_sum"

    @classmethod
    def parse(cls, value: Any) -> FreightBasis:
        """Accept a FreightBasis or its value."""
        return _parse_enum(cls, value)


class ReasonKind(enum.Enum):
    """Why a manager must approve."""

    THIN_MARGIN = "thin_margin"
    NO_NET_INCOME = "no_net_income"
    BELOW_LIST_PRICE = "below_list_price"


def _parse_enum(kind: type[_E], value: Any) -> _E:
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        for member in kind:
            if member.value == value.strip():
                return member
    allowed = ", ".join(repr(m.value) for m in kind)
    raise fail(f"expected one of {allowed}", value)


# -- converters -----------------------------------------------------------------------


def _positive(value: Any) -> Decimal:
    number = to_decimal(value)
    if number <= 0:
        raise fail("must be greater than zero", value)
    return number


def _non_negative(value: Any) -> Decimal:
    number = to_decimal(value)
    if number < 0:
        raise fail("must not be negative", value)
    return number


def _positive_field(value: Any) -> Decimal:
    return guard(_positive, value)


def _optional_non_negative_field(value: Any) -> Decimal | None:
    return guard_optional(_non_negative, value)


def _currency_field(value: Any) -> Currency:
    return guard(_to_currency, value)


def _money(value: Any) -> Money:
    if isinstance(value, Money):
        return value
    if isinstance(value, str):
        return Money.parse(value)
    raise fail(f"expected Money or text like 'USD 12.50', not {type(value).__name__}", value)


def _non_negative_money(value: Any) -> Money:
    money = _money(value)
    if money.amount < 0:
        raise fail("must not be negative", money)
    return money


def _positive_money(value: Any) -> Money:
    money = _money(value)
    if money.amount <= 0:
        raise fail("must be greater than zero", money)
    return money


def _non_negative_money_field(value: Any) -> Money:
    return guard(_non_negative_money, value)


def _positive_money_field(value: Any) -> Money:
    return guard(_positive_money, value)


def _optional_positive_money_field(value: Any) -> Money | None:
    return guard_optional(_positive_money, value)


def _optional_non_negative_money_field(value: Any) -> Money | None:
    return guard_optional(_non_negative_money, value)


def _optional_date_field(value: Any) -> dt.date | None:
    return guard_optional(to_date, value)


def _label(value: Any) -> str:
    return to_text(value, max_length=200, required=False)


def _label_field(value: Any) -> str:
    return guard(_label, value)


def _reference_field(value: Any) -> str:
    return guard(_label, value)


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise fail(f"expected True or False, not {type(value).__name__}", value)
    return value


def _bool_field(value: Any) -> bool:
    return guard(_bool, value)


def _places(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
        raise fail("price places must be an int from 0 to 6", value)
    return value


def _places_field(value: Any) -> int:
    return guard(_places, value)


def _optional_count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise fail("must be a whole number of at least 1", value)
    return value


def _optional_count_field(value: Any) -> int | None:
    return guard_optional(_optional_count, value)


# -- inputs ---------------------------------------------------------------------------


def _positive_rate(value: Any) -> Decimal:
    number = to_decimal(value)
    if number <= 0:
        raise fail("an exchange rate must be greater than zero", value)
    return number


def _positive_rate_field(value: Any) -> Decimal:
    return guard(_positive_rate, value)


@attrs.frozen
class ExchangeRate:
    """Home currency per one unit of ``currency``, with its date and source.

    Use the bank's **buying** rate (现汇买入价) for a quotation: the exporter will
    sell the foreign currency to the bank at that rate.

    >>> fx = ExchangeRate.per_100("USD", "710.00", as_of="2025-03-14", source="BOC buying")
    >>> fx.rate, str(fx)
    (Decimal('7.10'), '7.10 CNY/USD (BOC buying, 2025-03-14)')
    """

    currency: Currency = attrs.field(converter=_currency_field)
    rate: Decimal = attrs.field(converter=_positive_rate_field)
    home: Currency = attrs.field(default=Currency("CNY"), converter=_currency_field)
    as_of: dt.date | None = attrs.field(default=None, converter=_optional_date_field)
    source: str = attrs.field(default="", converter=_label_field)

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
        return cls(currency, per_100 / _HUNDRED, home, as_of, source)

    def __str__(self) -> str:
        extra = ", ".join(p for p in (self.source, self.as_of and self.as_of.isoformat()) if p)
        tail = f" ({extra})" if extra else ""
        return f"{self.rate:f} {self.home.code}/{self.currency.code}{tail}"


def _category_field(value: Any) -> CostCategory:
    return guard(CostCategory.parse, value)


def _optional_allocation_field(value: Any) -> Allocation | None:
    return guard_optional(Allocation.parse, value)


@attrs.frozen
class Cost:
    """One order-level cost, split over the lines when the order is costed.

    ``allocation`` None uses the category's default (volume for freight-like
    costs, value for the rest). The amount is what will be paid, to the minor
    unit of its currency.

    >>> Cost("customs_declaration", "CNY 500")
    Cost(category=<CostCategory.CUSTOMS_DECLARATION: 'customs_declaration'>, amount=Money('500', 'CNY'), allocation=None)
    """

    category: CostCategory = attrs.field(converter=_category_field)
    amount: Money = attrs.field(converter=_non_negative_money_field)
    allocation: Allocation | None = attrs.field(default=None, converter=_optional_allocation_field)

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)

    def _cross(self) -> Iterator[Problem]:
        if self.category in _COMPUTED:
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


def _basis_field(value: Any) -> FreightBasis:
    return guard(FreightBasis.parse, value)


def _optional_spec(value: Any) -> ContainerSpec:
    if isinstance(value, ContainerSpec):
        return value
    if isinstance(value, (str, ContainerType)):
        return ContainerSpec.of(value)
    raise fail("expected a ContainerSpec or a container type such as '20GP'", value)


def _optional_spec_field(value: Any) -> ContainerSpec | None:
    return guard_optional(_optional_spec, value)


def _allocation_field(value: Any) -> Allocation:
    return guard(Allocation.parse, value)


@attrs.frozen
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

    basis: FreightBasis = attrs.field(converter=_basis_field)
    rate: Money = attrs.field(converter=_non_negative_money_field)
    container: ContainerSpec | None = attrs.field(default=None, converter=_optional_spec_field)
    containers: int | None = attrs.field(default=None, converter=_optional_count_field)
    min_revenue_tons: Decimal = attrs.field(default=_ONE, converter=_positive_field)
    allocation: Allocation = attrs.field(default=Allocation.VOLUME, converter=_allocation_field)

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
        return cls(FreightBasis.PER_CONTAINER, rate, container, containers, _ONE, allocation)

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
        return cls(FreightBasis.LUMP_SUM, amount, None, None, _ONE, allocation)


def _insurance_rate(value: Any) -> Decimal:
    rate = parse_rate(value)
    if rate <= 0 or rate > _ONE:
        raise fail("an insurance premium rate must be above 0% and at most 100%", value)
    return rate


def _insurance_rate_field(value: Any) -> Decimal:
    return guard(_insurance_rate, value)


def _markup(value: Any) -> Decimal:
    rate = parse_rate(value)
    if not _ZERO <= rate <= _ONE:
        raise fail(
            "the insurance markup is the part above the value (10% for the usual 110% cover) "
            "and must be from 0% to 100%",
            value,
        )
    return rate


def _markup_field(value: Any) -> Decimal:
    return guard(_markup, value)


@attrs.frozen
class Insurance:
    """Cargo insurance the seller buys (CIF, CIP): premium rate and markup.

    The insured amount is the value × (1 + markup); the default markup 10 %
    gives the usual 110 % cover.

    >>> Insurance("0.5%").factor
    Decimal('0.00550')
    """

    rate: Decimal = attrs.field(converter=_insurance_rate_field)
    markup: Decimal = attrs.field(default=Decimal("0.10"), converter=_markup_field)

    def __attrs_post_init__(self) -> None:
        check(self)

    @property
    def factor(self) -> Decimal:
        """Premium as a fraction of the value: ``(1 + markup) × rate``."""
        return (_ONE + self.markup) * self.rate


def _kind_field(value: Any) -> TargetKind:
    return guard(TargetKind.parse, value)


def _optional_rate_field(value: Any) -> Decimal | None:
    return guard_optional(parse_rate, value)


@attrs.frozen
class Target:
    """The profit aimed at: a margin on the sale price, a markup on cost, or a fixed profit.

    >>> Target.margin("20%").rate, Target.markup("25%").rate
    (Decimal('0.2'), Decimal('0.25'))
    >>> Target.margin("100%")
    Traceback (most recent call last):
    ...
    exportdocs.exceptions.ValidationError: rate: a margin on the sale price must be below 100% (the price would be infinite) (got 1)
    """

    kind: TargetKind = attrs.field(converter=_kind_field)
    rate: Decimal | None = attrs.field(default=None, converter=_optional_rate_field)
    profit: Money | None = attrs.field(default=None, converter=_optional_non_negative_money_field)

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
        elif self.kind is TargetKind.MARGIN_ON_SALE and self.rate >= _ONE:
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


def _packing(value: Any) -> Packing:
    if isinstance(value, Packing):
        return value
    raise fail(f"expected a Packing, not {type(value).__name__}", value)


def _optional_packing_field(value: Any) -> Packing | None:
    return guard_optional(_packing, value)


def _unit_field(value: Any) -> Unit:
    return guard(Unit.parse, value)


_VAT = Decimal("0.13")


@attrs.frozen(kw_only=True)
class CostLine:
    """One product line of the order, as costing needs it.

    ``purchase_price`` is per unit, VAT included, in the home currency.
    ``rebate_rate`` is the export VAT rebate rate of the product's HS code, from
    0 to the VAT rate (default 0 %, the cautious choice: the rebate lowers the
    cost). Volume and weight (for allocating freight-like costs and estimating
    containers) come from ``packing`` (cartons = quantity ÷ units per carton,
    rounded up; G.W. = quantity × N.W. per unit + cartons × tare) or from
    explicit line totals ``cbm`` and ``gross_weight`` (kg), which win when given.
    ``list_price`` is the product's list price per unit for the rule quoted, in
    the quote currency; a lower price needs approval.

    >>> line = CostLine(reference="A1", quantity=5000, purchase_price="CNY 22.60",
    ...                 rebate_rate="13%", cbm="15")
    >>> line.real_cost
    Decimal('20.00')
    """

    reference: str = attrs.field(default="", converter=_reference_field)
    quantity: Decimal = attrs.field(converter=_positive_field)
    unit: Unit = attrs.field(default=Unit.PCS, converter=_unit_field)
    purchase_price: Money = attrs.field(converter=_positive_money_field)
    vat_rate: Decimal = attrs.field(default=_VAT, converter=_unit_rate_field)
    rebate_rate: Decimal = attrs.field(default=_ZERO, converter=_unit_rate_field)
    packing: Packing | None = attrs.field(default=None, converter=_optional_packing_field)
    cbm: Decimal | None = attrs.field(default=None, converter=_optional_non_negative_field)
    gross_weight: Decimal | None = attrs.field(default=None, converter=_optional_non_negative_field)
    list_price: Money | None = attrs.field(default=None, converter=_optional_positive_money_field)

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)

    def _cross(self) -> Iterator[Problem]:
        if self.rebate_rate > self.vat_rate:
            yield Problem(
                "rebate_rate",
                self.rebate_rate,
                f"the export rebate cannot exceed the VAT rate ({format_percent(self.vat_rate)})",
            )

    @property
    def ex_vat_price(self) -> Decimal:
        """Purchase price without VAT (不含税价): ``P / (1 + v)``, unrounded."""
        with localcontext(_CONTEXT):
            return self.purchase_price.amount / (_ONE + self.vat_rate)

    @property
    def rebate(self) -> Decimal:
        """Export VAT refund per unit (出口退税额): ``P / (1 + v) × r``, unrounded."""
        with localcontext(_CONTEXT):
            return self.ex_vat_price * self.rebate_rate

    @property
    def real_cost(self) -> Decimal:
        """Real cost per unit (实际成本): ``P − P / (1 + v) × r``, unrounded."""
        with localcontext(_CONTEXT):
            return self.purchase_price.amount - self.rebate

    @property
    def cartons(self) -> int | None:
        """Cartons for the line from its packing (the last one may be part full)."""
        if self.packing is None:
            return None
        return int((self.quantity / self.packing.units_per_carton).to_integral_value(ROUND_CEILING))

    @property
    def total_cbm(self) -> Decimal | None:
        """The line's CBM: ``cbm`` if given, else cartons × carton CBM, else None."""
        if self.cbm is not None:
            return self.cbm
        if self.packing is None:
            return None
        return self.packing.cbm_per_carton * (self.cartons or 0)

    @property
    def total_gross_weight(self) -> Decimal | None:
        """The line's G.W. in kg: ``gross_weight`` if given, else from the packing, else None."""
        if self.gross_weight is not None:
            return self.gross_weight
        if self.packing is None:
            return None
        return (
            self.quantity * self.packing.net_weight_per_unit
            + (self.cartons or 0) * self.packing.tare_per_carton
        )


def _lines(value: Any) -> tuple[CostLine, ...]:
    if not isinstance(value, (list, tuple)):
        raise fail(f"expected a list of CostLine, not {type(value).__name__}", value)
    problems = [
        Problem(f"[{i}]", v, f"expected a CostLine, not {type(v).__name__}")
        for i, v in enumerate(value)
        if not isinstance(v, CostLine)
    ]
    if problems:
        raise ValidationError(problems)
    if not value:
        raise fail("an order needs at least one line", value)
    return tuple(value)


def _lines_field(value: Any) -> tuple[CostLine, ...]:
    return guard(_lines, value)


def _costs(value: Any) -> tuple[Cost, ...]:
    if not isinstance(value, (list, tuple)):
        raise fail(f"expected a list of Cost, not {type(value).__name__}", value)
    problems = [
        Problem(f"[{i}]", v, f"expected a Cost, not {type(v).__name__}")
        for i, v in enumerate(value)
        if not isinstance(v, Cost)
    ]
    if problems:
        raise ValidationError(problems)
    return tuple(value)


def _costs_field(value: Any) -> tuple[Cost, ...]:
    return guard(_costs, value)


def _rates(value: Any) -> tuple[ExchangeRate, ...]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, ExchangeRate) for v in value):
        raise fail("expected a list of ExchangeRate", value)
    return tuple(value)


def _rates_field(value: Any) -> tuple[ExchangeRate, ...]:
    return guard(_rates, value)


def _exchange_rate(value: Any) -> ExchangeRate:
    if isinstance(value, ExchangeRate):
        return value
    raise fail(f"expected an ExchangeRate, not {type(value).__name__}", value)


def _exchange_rate_field(value: Any) -> ExchangeRate:
    return guard(_exchange_rate, value)


def _optional_freight(value: Any) -> Freight:
    if isinstance(value, Freight):
        return value
    raise fail(f"expected a Freight, not {type(value).__name__}", value)


def _optional_freight_field(value: Any) -> Freight | None:
    return guard_optional(_optional_freight, value)


def _optional_insurance(value: Any) -> Insurance:
    if isinstance(value, Insurance):
        return value
    if isinstance(value, (str, Decimal)):
        return Insurance(value)
    raise fail(f"expected an Insurance, not {type(value).__name__}", value)


def _optional_insurance_field(value: Any) -> Insurance | None:
    return guard_optional(_optional_insurance, value)


def _optional_target(value: Any) -> Target:
    if isinstance(value, Target):
        return value
    raise fail(f"expected a Target such as Target.margin('20%'), not {type(value).__name__}", value)


def _optional_target_field(value: Any) -> Target | None:
    return guard_optional(_optional_target, value)


def _incoterm_field(value: Any) -> Incoterm:
    return guard(Incoterm.parse, value)


def _commission_basis_field(value: Any) -> CommissionBasis:
    return guard(CommissionBasis.parse, value)


def _method_field(value: Any) -> Method:
    return guard(Method.parse, value)


def _approval_basis_field(value: Any) -> ApprovalBasis:
    return guard(ApprovalBasis.parse, value)


def _insurance_base_field(value: Any) -> InsuranceBase:
    return guard(InsuranceBase.parse, value)


@attrs.frozen(kw_only=True)
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

    lines: tuple[CostLine, ...] = attrs.field(converter=_lines_field)
    exchange_rate: ExchangeRate = attrs.field(converter=_exchange_rate_field)
    home_currency: Currency = attrs.field(default=Currency("CNY"), converter=_currency_field)
    quote_currency: Currency = attrs.field(default=Currency("USD"), converter=_currency_field)
    other_rates: tuple[ExchangeRate, ...] = attrs.field(default=(), converter=_rates_field)
    costs: tuple[Cost, ...] = attrs.field(default=(), converter=_costs_field)
    freight: Freight | None = attrs.field(default=None, converter=_optional_freight_field)
    insurance: Insurance | None = attrs.field(default=None, converter=_optional_insurance_field)
    bank_rate: Decimal = attrs.field(default=_ZERO, converter=_open_rate_field)
    commission: Decimal = attrs.field(default=_ZERO, converter=_open_rate_field)
    commission_basis: CommissionBasis = attrs.field(
        default=CommissionBasis.GROSS, converter=_commission_basis_field
    )
    target: Target | None = attrs.field(default=None, converter=_optional_target_field)
    method: Method = attrs.field(default=Method.STEPWISE, converter=_method_field)
    incoterm: Incoterm = attrs.field(default=Incoterm.FOB, converter=_incoterm_field)
    price_places: int = attrs.field(default=2, converter=_places_field)
    approval_threshold: Decimal = attrs.field(default=Decimal("0.05"), converter=_open_rate_field)
    approval_basis: ApprovalBasis = attrs.field(
        default=ApprovalBasis.MARGIN_ON_SALE, converter=_approval_basis_field
    )
    insurance_base: InsuranceBase = attrs.field(
        default=InsuranceBase.INVOICE, converter=_insurance_base_field
    )
    fca_at_seller_premises: bool = attrs.field(default=False, converter=_bool_field)

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
            ins = self.insurance.factor if self.insurance else _ZERO
            total = (margin or _ZERO) + self.commission + self.bank_rate + ins
            if total >= _ONE:
                yield Problem(
                    "target.rate" if margin is not None else "commission",
                    margin if margin is not None else self.commission,
                    "margin + commission + bank charges + insurance rates reach "
                    f"{format_percent(total)}; their sum must stay below 100%",
                )
        elif (margin or _ZERO) + self.bank_rate >= _ONE:
            yield Problem(
                "bank_rate",
                self.bank_rate,
                "margin + bank charges must stay below 100% of the sale price",
            )
        if self.insurance is not None and self.insurance.factor >= _ONE:
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
        return f"C{(self.commission * _HUNDRED).normalize():f}"


# -- results --------------------------------------------------------------------------


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
    """The order's result if the exchange rate moved by ``change`` (0.01 = +1 %)."""

    change: Decimal
    exchange_rate: Decimal
    net_income_home: Money
    profit: Money
    margin_on_sale: Decimal | None
    markup_on_cost: Decimal | None
    approval_required: bool


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
                    f"{format_percent(_ONE + i.insurance.markup, 0)} of the "
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
            "<th>Markup</th><th>Approval</th></tr>"
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
                "yes" if a.approval.required else "no",
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


def money_text(money: Money) -> str:
    """``USD 3,150.00``: code first and grouped, as on the documents."""
    return f"{money.currency.code} {money.amount:,.{money.currency.minor_units}f}"


def rate_text(rate: Decimal) -> str:
    """A rate as a percentage with 2 to 4 decimals and no padding zeros: ``0.30%``."""
    text = format_percent(rate, 4)[:-1]
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0").ljust(2, "0")
    return f"{whole}.{frac}%"


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


# -- the engine -----------------------------------------------------------------------


def _fast_money(amount: Decimal, currency: Currency) -> Money:
    """Money for an amount the engine has just computed and rounded itself."""
    return Money._unchecked(amount, currency)


class _Line(NamedTuple):
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


_OCEAN = CostCategory.OCEAN_FREIGHT.value


class _Prepared(NamedTuple):
    lines: tuple[_Line, ...]
    cbm: Decimal | None
    gross_weight: Decimal | None
    containers: ContainerEstimate | None


class _Fx:
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
        raw = [c or _ZERO for c in cbms]
    else:
        raw = [w or _ZERO for w in kgs]
    # Money.allocate takes weights of at most 12 places; the split is to the cent anyway.
    return [w.quantize(_STORE, ROUND_HALF_UP) for w in raw]


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


def _prepare(inputs: CostInputs, fx: _Fx) -> _Prepared:
    lines = inputs.lines
    cbms = [ln.total_cbm for ln in lines]
    kgs = [ln.total_gross_weight for ln in lines]
    cbm = None if None in cbms else sum((c for c in cbms if c is not None), _ZERO)
    weight = None if None in kgs else sum((w for w in kgs if w is not None), _ZERO)

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
            unit_map[key] = unit_map.get(key, _ZERO) + converted / quantities[i]
            rounded = value if same else converted.quantize(quantum, ROUND_HALF_UP)
            cent_map[key] = cent_map.get(key, _ZERO) + rounded

    prepared = []
    for i, line in enumerate(lines):
        price = line.purchase_price.amount
        rebate = price / (_ONE + line.vat_rate) * line.rebate_rate
        prepared.append(
            _Line(
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
    return _Prepared(tuple(prepared), cbm, weight, containers)


def _included(inputs: CostInputs, rule: Incoterm) -> frozenset[str]:
    return frozenset(
        c.value
        for c in CostCategory
        if seller_bears(rule, c, fca_at_seller_premises=inputs.fca_at_seller_premises)
    )


def _check_rules(inputs: CostInputs, rules: Iterable[Incoterm]) -> None:
    problems = [p for r in rules for p in inputs.rule_problems(r)]
    if problems:
        raise ValidationError(dict.fromkeys(problems))


class _Rule(NamedTuple):
    """What one rule takes from the inputs, worked out once per order."""

    incoterm: Incoterm
    included: frozenset[str]  # CostCategory values
    insurance: Decimal  # premium factor (1 + k) × i, or 0 when the seller does not insure


def _rule(inputs: CostInputs, rule: Incoterm) -> _Rule:
    included = _included(inputs, rule)
    insured = CostCategory.INSURANCE.value in included and inputs.insurance is not None
    factor = inputs.insurance.factor if insured and inputs.insurance is not None else _ZERO
    return _Rule(rule, included, factor)


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


def _plan(inputs: CostInputs, fx: _Fx) -> _Plan:
    target = inputs.target
    assert target is not None  # quote() checked it
    rate = target.rate or _ZERO
    profit = _ZERO
    if target.profit is not None:
        profit = fx.to_quote(target.profit.amount, target.profit.currency)
    return _Plan(
        inputs.method is Method.ALL_ON_QUOTED_PRICE,
        rate if target.kind is TargetKind.MARGIN_ON_SALE else _ZERO,
        _ONE + rate if target.kind is TargetKind.MARKUP_ON_COST else _ONE,
        profit,
        inputs.bank_rate,
        inputs.commission,
        inputs.commission_basis,
        Decimal(1).scaleb(-inputs.price_places),
    )


def _price(plan: _Plan, fx: _Fx, line: _Line, rule: _Rule) -> _Exact:
    included = rule.included
    cost = line.real
    for cat, value in line.origin_unit.items():
        if cat in included:
            cost += value
    cost_q = cost / fx.rate
    passed = _ZERO
    for cat, value in line.carriage_unit.items():
        if cat in included:
            passed += value
    ins, c = rule.insurance, plan.commission
    with_profit = cost_q * plan.uplift + plan.profit
    if plan.textbook:
        exact = (with_profit + passed) / (_ONE - plan.margin - c - plan.bank - ins)
        net = exact * (_ONE - c)
    else:
        base = with_profit / (_ONE - plan.margin - plan.bank)
        net = base + passed
        if ins:
            net = net / (_ONE - ins)
        if plan.basis is CommissionBasis.GROSS:
            exact = net / (_ONE - c)
        elif plan.basis is CommissionBasis.NET:
            exact = net * (_ONE + c)
        else:
            exact = net + base * c
    unit = exact.quantize(plan.places, ROUND_HALF_UP)
    total = (unit * line.q).quantize(fx.qq, ROUND_HALF_UP)
    return _Exact(_store(cost), _store(cost_q), _store(net), _store(exact), unit, total)


def _line_prices(
    plan: _Plan, fx: _Fx, line: _Line, specs: Sequence[_Rule]
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
                _fast_money(e.unit, fx.quote),
                _fast_money(e.total, fx.quote),
            )
        )
    return tuple(prices)


def quote(inputs: CostInputs, rules: Iterable[Incoterm | str] | None = None) -> Quote:
    """Price every line under ``rules`` (default: every rule the inputs allow).

    Raises ValidationError when the inputs have no target, or a rule asked for
    needs freight or insurance the inputs do not give.

    >>> from exportdocs.costing._costing import CostInputs, CostLine, ExchangeRate, Target
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
    _check_rules(inputs, wanted)
    with localcontext(_CONTEXT):
        fx = _Fx(inputs)
        plan = _plan(inputs, fx)
        prepared = _prepare(inputs, fx)
        specs = [_rule(inputs, r) for r in wanted]
        lines = tuple(
            LineCost(
                src.reference,
                src.quantity,
                _store(line.real),
                _store(line.rebate),
                line.shares,
                _line_prices(plan, fx, line, specs),
            )
            for src, line in zip(inputs.lines, prepared.lines, strict=True)
        )
    return Quote(inputs.quote_currency, inputs.price_places, inputs.commission_label, wanted, lines)


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


def _base(inputs: CostInputs, fx: _Fx, line: _Line, price: Decimal, rule: _Rule) -> _Base:
    qq = fx.qq
    c = inputs.commission
    included = rule.included
    invoice = (price * line.q).quantize(qq, ROUND_HALF_UP)
    freight = destination = _ZERO
    for cat, value in line.carriage_cents.items():
        if cat in included:
            if cat == _OCEAN:
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
            fob = (invoice - insurance - passed) / (_ONE + c)
            commission = (fob * c).quantize(qq, ROUND_HALF_UP)
        else:
            fob = (invoice * (_ONE - k) - passed) / (_ONE + c * (_ONE - k))
            commission = (fob * c).quantize(qq, ROUND_HALF_UP)
            insurance = ((invoice - commission) * k).quantize(qq, ROUND_HALF_UP)
    else:
        if inputs.commission_basis is CommissionBasis.NET:
            commission = (invoice * c / (_ONE + c)).quantize(qq, ROUND_HALF_UP)
        else:
            commission = (invoice * c).quantize(qq, ROUND_HALF_UP)
        value = invoice if on_invoice else invoice - commission
        insurance = (value * k).quantize(qq, ROUND_HALF_UP)
    net = invoice - commission - insurance - passed
    goods = (line.real * line.q).quantize(fx.hq, ROUND_HALF_UP)
    domestic = _ZERO
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
            _store(value),
            threshold,
            f"{where}: {name} {format_percent(value)} is below {format_percent(threshold)}",
        )


def _opt_store(value: Decimal | None) -> Decimal | None:
    return None if value is None else _store(value)


def _total(items: Sequence[_Figures]) -> _Figures:
    return _Figures(*(sum(column, _ZERO) for column in zip(*items, strict=True)))


def _prices(inputs: CostInputs, prices: Sequence[Money | str]) -> tuple[Money, ...]:
    if not isinstance(prices, (list, tuple)):
        raise fail("expected a list with one unit price per line", prices, "prices")
    problems: list[Problem] = []
    result: list[Money] = []
    for i, value in enumerate(prices):
        try:
            money = _positive_money(value)
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
        _fast_money(f.invoice, q),
        _fast_money(f.commission, q),
        _fast_money(f.insurance, q),
        _fast_money(f.freight, q),
        _fast_money(f.destination, q),
        _fast_money(f.net, q),
        _fast_money(f.net_home, h),
        _fast_money(f.goods, h),
        _fast_money(f.domestic, h),
        _fast_money(f.bank, h),
        _fast_money(f.total_cost, h),
        _fast_money(f.profit, h),
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
    ±5 %. ``quote`` is attached to the sheet as is (see :func:`cost_sheet`).

    >>> from exportdocs.costing._costing import CostInputs, CostLine, ExchangeRate
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
    _check_rules(inputs, [rule])
    given = _prices(inputs, prices)
    home, quote_cur = inputs.home_currency, inputs.quote_currency
    term = f"{rule.code}{inputs.commission_label}"
    with localcontext(_CONTEXT):
        fx = _Fx(inputs)
        prepared = _prepare(inputs, fx)
        spec = _rule(inputs, rule)
        bases = [
            _base(inputs, fx, ln, p.amount, spec)
            for ln, p in zip(prepared.lines, given, strict=True)
        ]
        figures = [_at_rate(b, fx.rate, inputs.bank_rate, fx.hq) for b in bases]
        totals = _total(figures)
        lines = []
        line_reasons: list[ApprovalReason] = []
        for i, (src, f, price) in enumerate(zip(inputs.lines, figures, given, strict=True)):
            ratios = _ratios(f)
            reasons = list(_thin(inputs, ratios, i, f"line {i + 1}"))
            if src.list_price is not None and price < src.list_price:
                reasons.append(
                    ApprovalReason(
                        ReasonKind.BELOW_LIST_PRICE,
                        i,
                        price.amount,
                        src.list_price.amount,
                        f"line {i + 1}: {term} price {price} is below the list price "
                        f"{src.list_price}",
                    )
                )
            line_reasons.extend(reasons)
            lines.append(
                LineAnalysis(
                    src.reference,
                    src.quantity,
                    rule,
                    price,
                    *_moneys(f, home, quote_cur),
                    _opt_store(ratios.margin),
                    _opt_store(ratios.markup),
                    _opt_store(ratios.exchange_cost),
                    Approval(tuple(reasons)),
                )
            )
        order_ratios = _ratios(totals)
        summary = OrderSummary(
            rule,
            *_moneys(totals, home, quote_cur),
            _opt_store(order_ratios.margin),
            _opt_store(order_ratios.markup),
            _opt_store(order_ratios.exchange_cost),
            Approval(tuple(_thin(inputs, order_ratios, None, "order")) + tuple(line_reasons)),
            prepared.cbm,
            prepared.gross_weight,
            prepared.containers,
        )
        sensitivity = tuple(
            _sensitivity(inputs, fx, bases, totals, step) for step in SENSITIVITY_STEPS
        )
    return CostSheet(inputs, quote, tuple(lines), summary, sensitivity)


def _sensitivity(
    inputs: CostInputs, fx: _Fx, bases: Sequence[_Base], totals: _Figures, step: Decimal
) -> SensitivityPoint:
    # Only the conversion of the quote-currency income (and of the percentage bank
    # charges taken on it) moves; home-currency costs, and amounts converted when
    # the order was prepared, stay put.
    rate = _store(fx.rate * (_ONE + step))
    hq, b = fx.hq, inputs.bank_rate
    net_home = sum(((x.net * rate).quantize(hq, ROUND_HALF_UP) for x in bases), _ZERO)
    bank = _ZERO
    if b:
        bank = sum(((x.bank_base * b * rate).quantize(hq, ROUND_HALF_UP) for x in bases), _ZERO)
    total_cost = totals.goods + totals.domestic + bank
    moved = totals._replace(
        net_home=net_home, bank=bank, total_cost=total_cost, profit=net_home - total_cost
    )
    ratios = _ratios(moved)
    home = inputs.home_currency
    return SensitivityPoint(
        step,
        rate,
        _fast_money(net_home, home),
        _fast_money(moved.profit, home),
        _opt_store(ratios.margin),
        _opt_store(ratios.markup),
        any(True for _ in _thin(inputs, ratios, None, "order")),
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
