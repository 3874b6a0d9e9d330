"""exportdocs: typed export contracts, costing, order workflow and trade documents.

The public API is what ``__all__`` lists; modules with a leading underscore are
internals and may change without notice.
"""

from __future__ import annotations

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
from exportdocs._money import Currency, Money
from exportdocs._payment import (
    DaysAfter,
    Instalment,
    LetterOfCredit,
    PaymentMethod,
    PaymentTerms,
    ScheduledPayment,
    Trigger,
)
from exportdocs._marks import ShippingMarks, side_marks
from exportdocs._packing import (
    CartonContent,
    CartonRange,
    Dimensions,
    LinePacking,
    Packing,
    PackingEntry,
    PackingPlan,
)
from exportdocs._places import Place, PlaceKind
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
    ValidationError,
    WorkflowError,
)

__version__ = "0.1.0.dev0"

__all__ = [
    "CartonContent",
    "CartonRange",
    "CentsStyle",
    "ConcurrencyConflictError",
    "Country",
    "Cover",
    "Currency",
    "CurrencyMismatchError",
    "DaysAfter",
    "Dimensions",
    "ExportDocsError",
    "FontNotFoundError",
    "Incoterm",
    "Instalment",
    "LetterOfCredit",
    "LinePacking",
    "Money",
    "NamedPlace",
    "Obligations",
    "OrderNotFoundError",
    "Packing",
    "PackingEntry",
    "PackingPlan",
    "PaymentMethod",
    "PaymentTerms",
    "Place",
    "PlaceKind",
    "Problem",
    "RenderError",
    "ScheduledPayment",
    "ShippingMarks",
    "Side",
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
    "packages_in_words",
    "packages_in_words_zh",
    "rmb_uppercase",
    "side_marks",
]
