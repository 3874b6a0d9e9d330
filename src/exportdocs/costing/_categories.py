"""What a cost pays for, and the small choices of a costing (allocation, method, bases).

Which cost goes into which rule is not a second table: each
:class:`CostCategory` names the :class:`Duty` it pays for, and a cost enters a
rule's price when :meth:`Incoterm.obligations` puts that duty on the seller
(:func:`seller_bears`).
"""

from __future__ import annotations

import enum

from exportdocs._incoterms import Incoterm, Side
from exportdocs._validation import ParseEnum

__all__ = [
    "Allocation",
    "ApprovalBasis",
    "CommissionBasis",
    "CostCategory",
    "Duty",
    "FreightBasis",
    "InsuranceBase",
    "Method",
    "ReasonKind",
    "TargetKind",
    "seller_bears",
]


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


class Allocation(ParseEnum):
    """How an order-level cost is split over the lines."""

    #: In proportion to the purchase value (purchase price × quantity).
    VALUE = "value"
    #: In proportion to the lines' CBM.
    VOLUME = "volume"
    #: In proportion to the quantities.
    QUANTITY = "quantity"
    #: In proportion to the lines' gross weight.
    WEIGHT = "weight"


class CostCategory(ParseEnum):
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

    ``parse`` also takes the value with spaces or hyphens (``"port handling"``).

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
    def _key(cls, text: str) -> str:
        return text.strip().lower().replace(" ", "_").replace("-", "_")


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
COMPUTED = frozenset({CostCategory.OCEAN_FREIGHT, CostCategory.INSURANCE})


class CommissionBasis(ParseEnum):
    """How a commission (佣金) is added to the net price."""

    #: On the gross price, the usual way: ``P_c = P / (1 − c)``.
    GROSS = "gross"
    #: On the net price: ``P_c = P × (1 + c)`` (understates the commission).
    NET = "net"
    #: On the FOB value while quoting a C price: ``CIFC = CIF + FOB × c``.
    FOB_VALUE = "fob_value"


class Method(ParseEnum):
    """How the quoted price is built from the cost (costing.md §2 and §5)."""

    #: Margin (and bank charges) on the FOB price, then freight, insurance on the CIF
    #: price, then commission on the gross price. The default.
    STEPWISE = "stepwise"
    #: Margin, commission, bank charges and insurance all as rates of the final quoted
    #: price: ``P = (cost + F) / (1 − m − c − b − (1 + k) i)``.
    ALL_ON_QUOTED_PRICE = "all_on_quoted_price"


class TargetKind(ParseEnum):
    """What a profit target is."""

    MARGIN_ON_SALE = "margin_on_sale"
    MARKUP_ON_COST = "markup_on_cost"
    PROFIT_PER_UNIT = "profit_per_unit"


class ApprovalBasis(ParseEnum):
    """Which ratio the approval threshold is compared with."""

    MARGIN_ON_SALE = "margin_on_sale"
    MARKUP_ON_COST = "markup_on_cost"


class InsuranceBase(ParseEnum):
    """The value the cost sheet takes the insurance premium on (× (1 + markup))."""

    #: The invoice value, commission included (costing.md §4 does this).
    INVOICE = "invoice"
    #: The price without commission (the CIF net value; what the forward build-up uses).
    NET_PRICE = "net_price"


class FreightBasis(ParseEnum):
    """How the main carriage is charged."""

    PER_CONTAINER = "per_container"
    #: LCL: per revenue ton, weight or measure (the larger of m³ and tonnes).
    PER_REVENUE_TON = "per_revenue_ton"
    LUMP_SUM = "lump_sum"


class ReasonKind(enum.Enum):
    """Why a manager must approve."""

    THIN_MARGIN = "thin_margin"
    NO_NET_INCOME = "no_net_income"
    BELOW_LIST_PRICE = "below_list_price"


# Converters for the fields that hold these choices: a named function each, as mypy's attrs
# plugin reads the accepted type from it (a classmethod such as ``Method.parse`` gives none).


def to_category(value: CostCategory | str) -> CostCategory:
    return CostCategory.parse(value)


def to_allocation(value: Allocation | str) -> Allocation:
    return Allocation.parse(value)


def to_freight_basis(value: FreightBasis | str) -> FreightBasis:
    return FreightBasis.parse(value)


def to_target_kind(value: TargetKind | str) -> TargetKind:
    return TargetKind.parse(value)


def to_commission_basis(value: CommissionBasis | str) -> CommissionBasis:
    return CommissionBasis.parse(value)


def to_method(value: Method | str) -> Method:
    return Method.parse(value)


def to_approval_basis(value: ApprovalBasis | str) -> ApprovalBasis:
    return ApprovalBasis.parse(value)


def to_insurance_base(value: InsuranceBase | str) -> InsuranceBase:
    return InsuranceBase.parse(value)
