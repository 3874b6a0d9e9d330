"""The exporter's price build-up (成本核算): from purchase cost to quoted prices and back.

``quote`` prices every line under each Incoterms® 2020 rule, ``analyse`` works out the
profit and margins at given prices (a counter-offer), and ``cost_sheet`` does both and
returns the :class:`CostSheet` the cost-analysis document renders. See ``docs/costing.md``.

>>> from exportdocs import costing
>>> costing.parse_rate("13%")
Decimal('0.13')
"""

from __future__ import annotations

from exportdocs._containers import (
    ContainerEstimate,
    ContainerSpec,
    ContainerType,
    estimate_containers,
)
from exportdocs._costing import (
    Allocation,
    Approval,
    ApprovalBasis,
    ApprovalReason,
    CommissionBasis,
    Cost,
    CostCategory,
    CostInputs,
    CostLine,
    CostShare,
    CostSheet,
    Duty,
    ExchangeRate,
    Freight,
    FreightBasis,
    Insurance,
    InsuranceBase,
    LineAnalysis,
    LineCost,
    Method,
    OrderSummary,
    Quote,
    ReasonKind,
    RulePrice,
    SensitivityPoint,
    Target,
    TargetKind,
    analyse,
    cost_sheet,
    format_percent,
    parse_rate,
    quote,
    seller_bears,
)

__all__ = [
    "Allocation",
    "Approval",
    "ApprovalBasis",
    "ApprovalReason",
    "CommissionBasis",
    "ContainerEstimate",
    "ContainerSpec",
    "ContainerType",
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
    "estimate_containers",
    "format_percent",
    "parse_rate",
    "quote",
    "seller_bears",
]
