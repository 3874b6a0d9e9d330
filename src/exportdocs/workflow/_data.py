"""What an export order has recorded: :class:`OrderData`, and the documents a state issues.

Kept apart from the machine so that the guards, the amounts due and the deadlines
read one frozen value without importing the workflow table.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

import attrs

from exportdocs._money import Money
from exportdocs.workflow._events import (
    AmendmentRequested,
    Cancelled,
    Closed,
    DocumentsReleased,
    Event,
    ForwarderNominated,
    Quoted,
    SampleSent,
    Shipped,
    SpaceBooked,
)
from exportdocs.workflow._ledger import Ledger

if TYPE_CHECKING:
    from exportdocs._contract import Contract
    from exportdocs._credit import LetterOfCredit
    from exportdocs._payment import PaymentTerms

__all__ = ["Document", "OrderData"]


class Document(enum.Enum):
    """A trade document the order may issue in a state."""

    QUOTATION = "quotation"
    PROFORMA_INVOICE = "proforma invoice"
    PACKING_LIST = "packing list"
    COMMERCIAL_INVOICE = "commercial invoice"


@attrs.frozen
class OrderData:
    """Everything an order has recorded so far, apart from its state.

    Kept separate from the state (and frozen) so that guards, amounts due and
    deadlines read one value; each event returns a new one.
    """

    contract: Contract
    ledger: Ledger
    lc: LetterOfCredit | None = None
    quotes: tuple[Quoted, ...] = ()
    approved_version: int = 0
    samples: tuple[Event, ...] = ()
    proformas: tuple[str, ...] = ()
    confirmed_on: dt.date | None = None
    lc_problems: tuple[str, ...] = ()
    amendments: tuple[AmendmentRequested, ...] = ()
    lc_accepted_on: dt.date | None = None
    production_started_on: dt.date | None = None
    inspections: tuple[Event, ...] = ()
    goods_ready_on: dt.date | None = None
    booking: SpaceBooked | ForwarderNominated | None = None
    shipment: Shipped | None = None
    balance_requested_on: dt.date | None = None
    released: DocumentsReleased | None = None
    presented_on: dt.date | None = None
    discrepancies: tuple[str, ...] = ()
    accepted_on: dt.date | None = None
    closed: Closed | None = None
    cancellation: Cancelled | None = None
    held_from: str | None = None
    last_date: dt.date | None = None

    @property
    def terms(self) -> PaymentTerms:
        """The contract's payment terms."""
        return self.contract.payment

    @property
    def total(self) -> Money:
        """The contract value."""
        return self.contract.total

    @property
    def quote_version(self) -> int:
        """The number of quotations sent (the latest one's version)."""
        return len(self.quotes)

    @property
    def sample_costs(self) -> Money:
        """The courier costs of every sample sent."""
        return Money.sum(
            (
                s.courier_cost
                for s in self.samples
                if isinstance(s, SampleSent) and s.courier_cost is not None
            ),
            self.contract.currency,
        )
