"""The order workflow: a data-defined state machine over a contract, with a payments
ledger, deadlines, an append-only event log and a durable SQLite store.

>>> from exportdocs import workflow
>>> workflow.State.INQUIRY.value
'inquiry'

See ``docs/workflow.md`` for the machine's diagram, generated from :data:`MACHINE`.
"""

from __future__ import annotations

from exportdocs.workflow._codec import event_from_dict, event_to_dict
from exportdocs.workflow._data import Document, OrderData
from exportdocs.workflow._deadlines import (
    AmountDue,
    Deadline,
    amounts_due,
    deadlines,
    format_money,
)
from exportdocs.workflow._events import (
    AmendmentReceived,
    AmendmentRequested,
    BalanceRequested,
    Cancelled,
    Closed,
    ContractConfirmed,
    DiscrepanciesNotified,
    DocumentsAccepted,
    DocumentsPresented,
    DocumentsReleased,
    Event,
    FinalInspectionFailed,
    FinalInspectionPassed,
    ForwarderNominated,
    InquiryReceived,
    LCAccepted,
    LCChecked,
    LCReceived,
    MidInspection,
    PaymentReceived,
    PriceApproved,
    ProductionStarted,
    ProformaIssued,
    PutOnHold,
    Quoted,
    Resumed,
    SampleApproved,
    SampleRejected,
    SampleRequested,
    SampleSent,
    Shipped,
    SpaceBooked,
    TransportDocument,
)
from exportdocs.workflow._guards import GUARDS
from exportdocs.workflow._ledger import EntryKind, Ledger, Receipt
from exportdocs.workflow._machine import PREVIOUS, Guard, Machine, StateSpec, Transition
from exportdocs.workflow._order import Allowance, Order
from exportdocs.workflow._store import OrderStore, SQLiteStore
from exportdocs.workflow._table import MACHINE, STATES, TRANSITIONS, State

__all__ = [
    "GUARDS",
    "MACHINE",
    "PREVIOUS",
    "STATES",
    "TRANSITIONS",
    "Allowance",
    "AmendmentReceived",
    "AmendmentRequested",
    "AmountDue",
    "BalanceRequested",
    "Cancelled",
    "Closed",
    "ContractConfirmed",
    "Deadline",
    "DiscrepanciesNotified",
    "Document",
    "DocumentsAccepted",
    "DocumentsPresented",
    "DocumentsReleased",
    "EntryKind",
    "Event",
    "FinalInspectionFailed",
    "FinalInspectionPassed",
    "ForwarderNominated",
    "Guard",
    "InquiryReceived",
    "LCAccepted",
    "LCChecked",
    "LCReceived",
    "Ledger",
    "Machine",
    "MidInspection",
    "Order",
    "OrderData",
    "OrderStore",
    "PaymentReceived",
    "PriceApproved",
    "ProductionStarted",
    "ProformaIssued",
    "PutOnHold",
    "Quoted",
    "Receipt",
    "Resumed",
    "SQLiteStore",
    "SampleApproved",
    "SampleRejected",
    "SampleRequested",
    "SampleSent",
    "Shipped",
    "SpaceBooked",
    "State",
    "StateSpec",
    "Transition",
    "TransportDocument",
    "amounts_due",
    "deadlines",
    "event_from_dict",
    "event_to_dict",
    "format_money",
]
