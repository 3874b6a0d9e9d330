"""exportdocs: typed export contracts, costing, order workflow and trade documents.

The public API is what ``__all__`` lists, plus the public packages
``exportdocs.costing``, ``exportdocs.workflow``, ``exportdocs.documents``,
``exportdocs.render``, ``exportdocs.orderfile``, ``exportdocs.cli`` and the modules
``exportdocs.samples`` and ``exportdocs.exceptions``; modules with a leading underscore are
internals and may change without notice.

This front door holds the model (money, parties, products, packing, Incoterms, payment,
the contract). A few names of the capabilities built on it (``Order``, ``State``,
``OrderStore``, ``SQLiteStore``, ``OrderFile``, ``load_order``, ``dump_order``) are
re-exported here for convenience and imported on first use, so ``import exportdocs`` does
not load the workflow, the store or the costing engine (see ``docs/architecture.md``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from exportdocs._cartons import CartonContent, CartonRange, LinePacking, PackingEntry
from exportdocs._contract import Contract
from exportdocs._country import Country
from exportdocs._credit import LetterOfCredit
from exportdocs._incoterms import (
    Cover,
    Incoterm,
    NamedPlace,
    Obligations,
    Side,
    TradeTerm,
    TransportMode,
)
from exportdocs._insurance import InsuranceClause
from exportdocs._marks import ShippingMarks, side_marks
from exportdocs._money import Currency, Money
from exportdocs._packing import Dimensions, Packing
from exportdocs._packing_plan import PackingPlan
from exportdocs._parties import BankAccount, Party
from exportdocs._payment import Instalment, PaymentTerms, ScheduledPayment
from exportdocs._places import Place, PlaceKind
from exportdocs._product import Discount, HSCode, LineItem, Product
from exportdocs._serialize import SCHEMA_VERSION, from_dict, from_json, to_dict, to_json
from exportdocs._triggers import DaysAfter, PaymentMethod, Trigger
from exportdocs._units import Unit
from exportdocs._words import (
    CentsStyle,
    amount_in_words,
    chinese_uppercase,
    packages_in_words,
    packages_in_words_zh,
    rmb_uppercase,
)
from exportdocs.exceptions import (
    ConcurrencyConflictError,
    CurrencyMismatchError,
    ExportDocsError,
    FontNotFoundError,
    OrderNotFoundError,
    Problem,
    RenderError,
    StoreError,
    TableTooWideError,
    ValidationError,
    WorkflowError,
)

if TYPE_CHECKING:
    from exportdocs.orderfile import OrderFile, dump_order, load_order
    from exportdocs.workflow import Order, OrderStore, SQLiteStore, State

__version__ = "0.1.0"

#: Names re-exported from the capabilities above the model, and the package each comes from.
_LAZY = {
    "Order": "exportdocs.workflow",
    "State": "exportdocs.workflow",
    "OrderStore": "exportdocs.workflow",
    "SQLiteStore": "exportdocs.workflow",
    "OrderFile": "exportdocs.orderfile",
    "dump_order": "exportdocs.orderfile",
    "load_order": "exportdocs.orderfile",
}


def __getattr__(name: str) -> Any:
    """Import a re-exported capability name on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'exportdocs' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "SCHEMA_VERSION",
    "BankAccount",
    "CartonContent",
    "CartonRange",
    "CentsStyle",
    "ConcurrencyConflictError",
    "Contract",
    "Country",
    "Cover",
    "Currency",
    "CurrencyMismatchError",
    "DaysAfter",
    "Dimensions",
    "Discount",
    "ExportDocsError",
    "FontNotFoundError",
    "HSCode",
    "Incoterm",
    "Instalment",
    "InsuranceClause",
    "LetterOfCredit",
    "LineItem",
    "LinePacking",
    "Money",
    "NamedPlace",
    "Obligations",
    "Order",
    "OrderFile",
    "OrderNotFoundError",
    "OrderStore",
    "Packing",
    "PackingEntry",
    "PackingPlan",
    "Party",
    "PaymentMethod",
    "PaymentTerms",
    "Place",
    "PlaceKind",
    "Problem",
    "Product",
    "RenderError",
    "SQLiteStore",
    "ScheduledPayment",
    "ShippingMarks",
    "Side",
    "State",
    "StoreError",
    "TableTooWideError",
    "TradeTerm",
    "TransportMode",
    "Trigger",
    "Unit",
    "ValidationError",
    "WorkflowError",
    "__version__",
    "amount_in_words",
    "chinese_uppercase",
    "dump_order",
    "from_dict",
    "from_json",
    "load_order",
    "packages_in_words",
    "packages_in_words_zh",
    "rmb_uppercase",
    "side_marks",
    "to_dict",
    "to_json",
]
