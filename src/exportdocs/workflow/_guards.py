"""The guards of the export order workflow: each reads the terms, never scattered if-statements.

A guard returns None when it passes, else the reason it blocks, worded to say what
is missing. Production waits for the money due before production (or the accepted
L/C), the originals wait for the money due before release, booking is the seller's
event only when the seller contracts the main carriage.
"""

from __future__ import annotations

from exportdocs.workflow._data import OrderData
from exportdocs.workflow._deadlines import format_money, gate_shortfall
from exportdocs.workflow._events import Cancelled, Event
from exportdocs.workflow._machine import Guard

__all__ = ["GUARDS", "gate_shortfall_total"]


def _approval_pending(data: OrderData, event: Event | None) -> str | None:
    if not data.quotes or not data.quotes[-1].approval_required:
        return f"quotation v{data.quote_version} needs no price approval"
    if data.approved_version == data.quote_version:
        return f"the price of quotation v{data.quote_version} is already approved"
    return None


def _price_approved(data: OrderData, event: Event | None) -> str | None:
    if not data.quotes:
        return "no quotation has been sent"
    latest = data.quotes[-1]
    if latest.approval_required and data.approved_version != data.quote_version:
        why = f": {'; '.join(latest.approval_reasons)}" if latest.approval_reasons else ""
        return f"awaiting price approval of quotation v{data.quote_version}{why}"
    return None


def _lc_gate(data: OrderData) -> str | None:
    if not data.terms.requires_lc or data.lc_accepted_on is not None:
        return None
    if data.lc is None:
        return "awaiting the L/C (not received)"
    return "awaiting acceptance of the L/C (received, not yet accepted)"


def _deposit_complete(data: OrderData, event: Event | None) -> str | None:
    if data.terms.requires_lc:
        return "the terms need an L/C too"
    if not data.terms.due_before_production(data.total):
        return "nothing is due before production"
    return gate_shortfall(data, "production")


def _production_secured(data: OrderData, event: Event | None) -> str | None:
    reasons = [r for r in (gate_shortfall(data, "production"), _lc_gate(data)) if r]
    return " and ".join(reasons) if reasons else None


def _lc_required(data: OrderData, event: Event | None) -> str | None:
    if data.terms.requires_lc:
        return None
    return f"the payment terms ({data.terms}) have no L/C"


def _lc_workable(data: OrderData, event: Event | None) -> str | None:
    if not data.lc_problems:
        return None
    n = len(data.lc_problems)
    return (
        f"the L/C check found {n} open problem{'s' if n != 1 else ''} "
        f"({'; '.join(data.lc_problems)}); request an amendment"
    )


def _seller_books(data: OrderData, event: Event | None) -> str | None:
    rule = data.contract.trade_term.incoterm
    if rule.seller_contracts_carriage:
        return None
    return (
        f"under {rule.code} the buyer contracts the main carriage; record the buyer's "
        "nominated forwarder instead"
    )


def _buyer_books(data: OrderData, event: Event | None) -> str | None:
    rule = data.contract.trade_term.incoterm
    if not rule.seller_contracts_carriage:
        return None
    return f"under {rule.code} the seller books the main carriage; book the space instead"


def _shipment_paid(data: OrderData, event: Event | None) -> str | None:
    return gate_shortfall(data, "shipment")


def _release_paid(data: OrderData, event: Event | None) -> str | None:
    return gate_shortfall(data, "release")


def _balance_outstanding(data: OrderData, event: Event | None) -> str | None:
    if gate_shortfall(data, "release") is None:
        return "nothing is outstanding before release of the documents"
    return None


def _through_banks(data: OrderData) -> bool:
    return any(i.trigger.documents_through_banks for i in data.terms.instalments)


def _seller_releases(data: OrderData, event: Event | None) -> str | None:
    if not _through_banks(data):
        return None
    return f"under {data.terms} the documents go through the banks; present them instead"


def _bank_documents(data: OrderData, event: Event | None) -> str | None:
    if _through_banks(data):
        return None
    return f"under {data.terms} the seller sends the documents; release them instead"


def _fully_paid(data: OrderData, event: Event | None) -> str | None:
    if data.ledger.covers(data.total):
        return None
    return gate_shortfall_total(data)


def gate_shortfall_total(data: OrderData) -> str:
    """The reason the whole contract value is not yet in."""
    counted = data.ledger.counted
    head = f"awaiting payment (100% = {format_money(data.total)}"
    if not counted:
        return f"{head} not received)"
    missing = format_money(data.ledger.outstanding(data.total))
    return f"{head}; {format_money(counted)} received, {missing} outstanding)"


def _cancel_allowed(data: OrderData, event: Event | None) -> str | None:
    if data.shipment is not None:
        return "the goods have shipped; an order cannot be cancelled after shipment"
    if data.production_started_on is None or event is None:
        return None
    assert isinstance(event, Cancelled)
    missing = [name for name in ("reason", "costs") if getattr(event, name) is None]
    if not missing:
        return None
    return (
        f"production started on {data.production_started_on.isoformat()}: cancelling now "
        f"needs {' and '.join('the ' + m for m in missing)} (the costs incurred)"
    )


GUARDS: tuple[Guard[OrderData, Event], ...] = (
    Guard("approval_pending", "the latest quotation needs price approval", _approval_pending),
    Guard(
        "price_approved",
        "the latest quotation's price is approved where the costing asks for approval",
        _price_approved,
    ),
    Guard(
        "deposit_complete",
        "the money due before production is received (no L/C in the terms)",
        _deposit_complete,
    ),
    Guard(
        "production_secured",
        "the money due before production is received and any L/C is accepted",
        _production_secured,
    ),
    Guard("lc_required", "the payment terms include an L/C", _lc_required),
    Guard("lc_workable", "the last L/C check left no open problem", _lc_workable),
    Guard("seller_books", "the seller contracts the main carriage (C and D rules)", _seller_books),
    Guard("buyer_books", "the buyer contracts the main carriage (E and F rules)", _buyer_books),
    Guard("shipment_paid", "the money due before shipment is received", _shipment_paid),
    Guard(
        "balance_outstanding",
        "money due before the originals are released is outstanding",
        _balance_outstanding,
    ),
    Guard(
        "seller_releases", "the seller sends the documents (T/T, open account)", _seller_releases
    ),
    Guard(
        "release_paid",
        "the money due before the originals are released is received",
        _release_paid,
    ),
    Guard("through_banks", "the documents go through the banks (L/C, D/P, D/A)", _bank_documents),
    Guard("fully_paid", "the whole contract value is received", _fully_paid),
    Guard(
        "cancel_allowed",
        "before shipment; once production has started, with a reason and the costs incurred",
        _cancel_allowed,
    ),
)
