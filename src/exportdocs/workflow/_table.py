"""The export order workflow as data: its states, its transitions and the checked machine.

An export order moves from inquiry to closed through states decided by the
contract's payment terms and Incoterm. :data:`MACHINE` is defined (and so checked,
see :meth:`~exportdocs.workflow.Machine.define`) when this module is imported, from
:data:`STATES`, :data:`TRANSITIONS` and the guards :data:`~exportdocs.workflow.GUARDS`.
"""

from __future__ import annotations

from exportdocs._validation import ParseEnum
from exportdocs.workflow._data import Document, OrderData
from exportdocs.workflow._events import EVENT_KINDS, Event
from exportdocs.workflow._guards import GUARDS
from exportdocs.workflow._machine import PREVIOUS, Machine, StateSpec, Transition

__all__ = ["MACHINE", "STATES", "TRANSITIONS", "State"]


class State(ParseEnum):
    """The states of an export order (see :data:`MACHINE` for the transitions).

    ``State.parse`` accepts a State or its value (``"confirmed"``).
    """

    NEW = "new"
    INQUIRY = "inquiry"
    QUOTED = "quoted"
    PRICE_APPROVED = "price_approved"
    SAMPLE_REQUESTED = "sample_requested"
    SAMPLE_SENT = "sample_sent"
    SAMPLE_APPROVED = "sample_approved"
    SAMPLE_REJECTED = "sample_rejected"
    PI_ISSUED = "pi_issued"
    CONFIRMED = "confirmed"
    DEPOSIT_RECEIVED = "deposit_received"
    LC_RECEIVED = "lc_received"
    LC_CHECKED = "lc_checked"
    AMENDMENT_REQUESTED = "amendment_requested"
    AMENDMENT_RECEIVED = "amendment_received"
    LC_ACCEPTED = "lc_accepted"
    PRODUCTION = "production"
    INSPECTION_FAILED = "inspection_failed"
    INSPECTED = "inspected"
    BOOKED = "booked"
    SHIPPED = "shipped"
    BALANCE_DUE = "balance_due"
    BALANCE_RECEIVED = "balance_received"
    DOCUMENTS_RELEASED = "documents_released"
    PRESENTED = "presented"
    DISCREPANCIES = "discrepancies"
    DOCUMENTS_ACCEPTED = "documents_accepted"
    PAID = "paid"
    ON_HOLD = "on_hold"
    CLOSED = "closed"
    CANCELLED = "cancelled"

    @property
    def title(self) -> str:
        """The state's title, e.g. ``"Contract confirmed (PI countersigned)"``."""
        return MACHINE.spec(self.value).title

    @property
    def final(self) -> bool:
        """True for closed and cancelled."""
        return MACHINE.spec(self.value).final

    @classmethod
    def _refusal(cls, value: object) -> str:
        return "unknown order state; use one of " + ", ".join(s.value for s in cls)


# -- the table -----------------------------------------------------------------------------

_Q, _PI = Document.QUOTATION, Document.PROFORMA_INVOICE
_PL, _CI = Document.PACKING_LIST, Document.COMMERCIAL_INVOICE

STATES: tuple[StateSpec, ...] = (
    StateSpec("new", "New order", initial=True),
    StateSpec("inquiry", "Inquiry received", (_Q,), (_Q,)),
    StateSpec("quoted", "Quoted", (_Q, _PI)),
    StateSpec("price_approved", "Price approved", (_Q, _PI), (_PI,)),
    StateSpec("sample_requested", "Sample requested", (_Q,)),
    StateSpec("sample_sent", "Sample sent", (_Q,)),
    StateSpec("sample_approved", "Sample approved", (_Q, _PI), (_PI,)),
    StateSpec("sample_rejected", "Sample rejected", (_Q,)),
    StateSpec("pi_issued", "Proforma invoice issued", (_PI,)),
    StateSpec("confirmed", "Contract confirmed (PI countersigned)"),
    StateSpec("deposit_received", "Pre-production payment received"),
    StateSpec("lc_received", "L/C received"),
    StateSpec("lc_checked", "L/C checked"),
    StateSpec("amendment_requested", "L/C amendment requested"),
    StateSpec("amendment_received", "L/C amendment received"),
    StateSpec("lc_accepted", "L/C accepted"),
    StateSpec("production", "In production"),
    StateSpec("inspection_failed", "Final inspection failed"),
    StateSpec("inspected", "Final inspection passed", (_PL,), (_PL,)),
    StateSpec("booked", "Shipping space booked", (_PL, _CI), (_PL, _CI)),
    StateSpec("shipped", "Shipped", (_PL, _CI)),
    StateSpec("balance_due", "Balance due", (_PL, _CI)),
    StateSpec("balance_received", "Balance received", (_PL, _CI)),
    StateSpec("documents_released", "Original documents released", (_PL, _CI)),
    StateSpec("presented", "Documents presented to the bank", (_PL, _CI)),
    StateSpec("discrepancies", "Discrepancies notified", (_PL, _CI), (_PL, _CI)),
    StateSpec("documents_accepted", "Documents accepted", (_PL, _CI)),
    StateSpec("paid", "Paid in full", (_PL, _CI)),
    StateSpec("on_hold", "On hold"),
    StateSpec("closed", "Closed", final=True),
    StateSpec("cancelled", "Cancelled", final=True),
)


def _t(
    sources: str, event: str, target: str, *guards: str, when: tuple[str, ...] = ()
) -> list[Transition]:
    return [Transition(s, event, target, guards, when) for s in sources.split()]


_PAY_LOOPS = (
    "pi_issued deposit_received lc_received lc_checked amendment_requested amendment_received "
    "lc_accepted production inspection_failed inspected booked shipped balance_received "
    "presented discrepancies paid on_hold"
)
_OPEN = " ".join(s.name for s in STATES if not s.final and s.name != "on_hold")
_BEFORE_SHIPMENT = (
    "new inquiry quoted price_approved sample_requested sample_sent sample_approved "
    "sample_rejected pi_issued confirmed deposit_received lc_received lc_checked "
    "amendment_requested amendment_received lc_accepted production inspection_failed "
    "inspected booked on_hold"
)

TRANSITIONS: tuple[Transition, ...] = (
    *_t("new", "receive_inquiry", "inquiry"),
    *_t("inquiry quoted price_approved sample_approved sample_rejected", "quote", "quoted"),
    *_t("quoted sample_approved", "approve_price", "price_approved", "approval_pending"),
    *_t("quoted price_approved", "request_sample", "sample_requested"),
    *_t("sample_requested sample_rejected", "send_sample", "sample_sent"),
    *_t("sample_sent", "approve_sample", "sample_approved"),
    *_t("sample_sent", "reject_sample", "sample_rejected"),
    *_t(
        "quoted price_approved sample_approved pi_issued",
        "issue_proforma",
        "pi_issued",
        "price_approved",
    ),
    *_t("pi_issued", "confirm_contract", "deposit_received", when=("deposit_complete",)),
    *_t("pi_issued", "confirm_contract", "confirmed"),
    *_t("confirmed", "record_payment", "deposit_received", when=("deposit_complete",)),
    *_t("confirmed", "record_payment", "confirmed"),
    *_t("confirmed", "receive_lc", "lc_received", "lc_required"),
    *_t(
        "confirmed deposit_received lc_accepted",
        "start_production",
        "production",
        "production_secured",
    ),
    *_t("lc_received amendment_received", "check_lc", "lc_checked"),
    *_t("lc_checked amendment_received", "request_amendment", "amendment_requested"),
    *_t("amendment_requested", "receive_amendment", "amendment_received"),
    *_t("lc_checked amendment_received", "accept_lc", "lc_accepted", "lc_workable"),
    *_t("production", "inspect_mid_production", "production"),
    *_t("production inspection_failed", "pass_final_inspection", "inspected"),
    *_t("production inspection_failed", "fail_final_inspection", "inspection_failed"),
    *_t("inspected", "book_space", "booked", "seller_books"),
    *_t("inspected", "record_forwarder", "booked", "buyer_books"),
    *_t("booked", "ship", "shipped", "shipment_paid"),
    *_t("shipped", "request_balance", "balance_due", "balance_outstanding"),
    *_t("balance_due", "record_payment", "balance_received", when=("release_paid",)),
    *_t("balance_due", "record_payment", "balance_due"),
    *_t(
        "shipped balance_due balance_received",
        "release_documents",
        "documents_released",
        "seller_releases",
        "release_paid",
    ),
    *_t("shipped discrepancies", "present_documents", "presented", "through_banks"),
    *_t("presented discrepancies", "accept_documents", "documents_accepted"),
    *_t("presented", "notify_discrepancies", "discrepancies", "lc_required"),
    *_t(
        "documents_released documents_accepted",
        "record_payment",
        "paid",
        when=("fully_paid",),
    ),
    *_t("documents_released", "record_payment", "documents_released"),
    *_t("documents_accepted", "record_payment", "documents_accepted"),
    *[Transition(s, "record_payment", s) for s in _PAY_LOOPS.split()],
    *_t("documents_released paid", "close", "closed", "fully_paid"),
    *_t(_BEFORE_SHIPMENT, "cancel", "cancelled", "cancel_allowed"),
    *_t(_OPEN, "hold", "on_hold"),
    *_t("on_hold", "resume", PREVIOUS),
)

#: The export order workflow, checked when this module is imported.
MACHINE: Machine[OrderData, Event] = Machine.define(STATES, TRANSITIONS, GUARDS, events=EVENT_KINDS)
