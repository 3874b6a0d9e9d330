"""Shared helpers for the workflow tests: USD amounts, a walk that asserts each state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from exportdocs import Money, PaymentTerms
from exportdocs.workflow import (
    ContractConfirmed,
    Event,
    InquiryReceived,
    Order,
    PriceApproved,
    ProformaIssued,
    Quoted,
    State,
)


def usd(amount: str) -> Money:
    """USD amount from text."""
    return Money(amount, "USD")


def day(text: str) -> dt.date:
    """A date in 2025 from ``"MM-DD"``."""
    return dt.date.fromisoformat(f"2025-{text}")


def walk(order: Order, steps: Iterable[tuple[Event, State]]) -> Order:
    """Apply each event and assert the state right after it; return the last order."""
    for event, expected in steps:
        order = order.apply(event)
        assert (event.kind, expected) == (event.kind, order.state)
    return order


def quoting() -> list[tuple[Event, State]]:
    """Inquiry, two quotation versions (the second needs approval), approval, PI, confirmation."""
    return [
        (InquiryReceived(day("01-02"), channel="email"), State.INQUIRY),
        (Quoted(day("01-03"), reference="Q-1", valid_until=day("01-31")), State.QUOTED),
        (
            Quoted(
                day("01-04"),
                reference="Q-2",
                valid_until=day("01-31"),
                approval_required=True,
                approval_reasons=("margin 6.1% below the 8% floor",),
            ),
            State.QUOTED,
        ),
        (PriceApproved(day("01-05"), approved_by="sales director"), State.PRICE_APPROVED),
        (ProformaIssued(day("01-06"), "PI-0107"), State.PI_ISSUED),
    ]


def dues(order: Order, today: str) -> list[tuple[str, str, str, str, bool]]:
    """(label, amount, received, outstanding, due now) of each instalment, money as text."""
    return [
        (d.label, str(d.amount), str(d.received), str(d.outstanding), d.due_now)
        for d in order.amounts_due(day(today))
    ]


def confirm() -> tuple[Event, State]:
    """The PI countersigned, with nothing paid yet."""
    return (ContractConfirmed(day("01-07"), reference="PI-0107 signed"), State.CONFIRMED)


__all__ = ["PaymentTerms", "confirm", "day", "dues", "quoting", "usd", "walk"]
