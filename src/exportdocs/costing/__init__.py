"""The exporter's price build-up (成本核算): from purchase cost to quoted prices and back.

``quote`` prices every line under each Incoterms® 2020 rule, ``analyse`` works out the
profit and margins at given prices (a counter-offer), and ``cost_sheet`` does both and
returns the :class:`CostSheet` the cost-analysis document renders. See ``docs/costing.md``.

>>> from exportdocs import costing
>>> costing.parse_rate("13%")
Decimal('0.13')
"""

from __future__ import annotations

from exportdocs.costing._assumptions import Cost, ExchangeRate, Freight, Insurance, Target
from exportdocs.costing._categories import (
    Allocation,
    ApprovalBasis,
    CommissionBasis,
    CostCategory,
    Duty,
    FreightBasis,
    InsuranceBase,
    Method,
    ReasonKind,
    TargetKind,
    seller_bears,
)
from exportdocs.costing._containers import (
    ContainerEstimate,
    ContainerSpec,
    ContainerType,
    estimate_containers,
)
from exportdocs.costing._contract import lines_from_contract
from exportdocs.costing._forward import quote
from exportdocs.costing._inputs import CostInputs
from exportdocs.costing._lines import CostLine
from exportdocs.costing._rates import format_percent, parse_rate
from exportdocs.costing._results import (
    Approval,
    ApprovalReason,
    CostShare,
    CostSheet,
    LineAnalysis,
    LineCost,
    OrderSummary,
    Quote,
    RulePrice,
    SensitivityPoint,
)
from exportdocs.costing._reverse import analyse, cost_sheet

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
    "lines_from_contract",
    "parse_rate",
    "quote",
    "seller_bears",
]
