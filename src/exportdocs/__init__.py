"""exportdocs: typed export contracts, costing, order workflow and trade documents.

The public API is what ``__all__`` lists, plus the public modules
``exportdocs.costing``, ``exportdocs.workflow``, ``exportdocs.documents``,
``exportdocs.render``, ``exportdocs.samples`` and ``exportdocs.exceptions``; modules with a
leading underscore are internals and may change without notice.
"""

from __future__ import annotations

from exportdocs._contract import Contract
from exportdocs._country import Country
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
from exportdocs._orderfile import OrderFile, dump_order, load_order
from exportdocs._packing import (
    CartonContent,
    CartonRange,
    Dimensions,
    LinePacking,
    Packing,
    PackingEntry,
    PackingPlan,
)
from exportdocs._parties import BankAccount, Party
from exportdocs._payment import (
    DaysAfter,
    Instalment,
    LetterOfCredit,
    PaymentMethod,
    PaymentTerms,
    ScheduledPayment,
    Trigger,
)
from exportdocs._places import Place, PlaceKind
from exportdocs._product import Discount, HSCode, LineItem, Product
from exportdocs._serialize import SCHEMA_VERSION, from_dict, from_json, to_dict, to_json
from exportdocs._store import OrderStore, SQLiteStore
from exportdocs._units import Unit
from exportdocs._words import (
    CentsStyle,
    amount_in_words,
    chinese_uppercase,
    packages_in_words,
    packages_in_words_zh,
    rmb_uppercase,
)
from exportdocs._workflow import Order, State
from exportdocs.exceptions import (
    ConcurrencyConflictError,
    CurrencyMismatchError,
    ExportDocsError,
    FontNotFoundError,
    OrderNotFoundError,
    Problem,
    RenderError,
    StoreError,
    ValidationError,
    WorkflowError,
)

__version__ = "0.1.0"

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
