"""What an order owes and by when: amounts due and deadlines computed from the terms.

Amounts come from the contract's payment schedule (to the cent, the balance
being the total minus the rest) and the payments ledger; an instalment falls due
when the workflow reaches its trigger (the deposit on confirmation, a balance
before shipment when the goods are ready, a copy-B/L balance on shipment, an
L/C at sight when the bank takes up the documents, D/P on presentation) or on
its maturity date (usance L/C, D/A, open account).

Deadlines: quotation validity, latest shipment (the contract's or the L/C's,
whichever is earlier), L/C expiry, last day for presentation (shipment date
plus the presentation period, never after expiry: UCP 600 Art. 14(c)) and the
balance's due date. ``today`` is always a parameter: nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from exportdocs._money import Money
from exportdocs._payment import Instalment, PaymentTerms, _percent_text
from exportdocs._triggers import DaysAfter, Trigger

if TYPE_CHECKING:
    from exportdocs.workflow._data import OrderData

__all__ = ["AmountDue", "Deadline", "amounts_due", "deadlines", "format_money"]


def format_money(money: Money) -> str:
    """Money the way a message shows it: ``USD 6,300.00`` (fixed English grouping).

    >>> format_money(Money("6300", "USD"))
    'USD 6,300.00'
    """
    places = money.currency.minor_units
    return f"{money.currency.code} {money.rounded().amount:,.{places}f}"


@attrs.frozen
class Deadline:
    """A date the order must meet, with the days left counted from ``today``."""

    name: str
    label: str
    date: dt.date
    days_left: int

    @property
    def overdue(self) -> bool:
        """True when the date has passed."""
        return self.days_left < 0

    def __str__(self) -> str:
        if self.days_left < 0:
            when = f"overdue by {-self.days_left} day{'s' if self.days_left != -1 else ''}"
        elif self.days_left == 0:
            when = "today"
        else:
            when = f"{self.days_left} day{'s' if self.days_left != 1 else ''} left"
        return f"{self.date.isoformat()} {self.label}: {when}"


@attrs.frozen
class AmountDue:
    """One instalment: its amount, what has been counted toward it, and whether it is due.

    ``due_date`` is the day it fell or falls due (None while its trigger has not
    happened and no maturity is known); ``due_now`` is true from that day on.
    """

    label: str
    percent: Decimal
    amount: Money
    received: Money
    outstanding: Money
    due_date: dt.date | None
    due_now: bool

    def __str__(self) -> str:
        state = "due now" if self.due_now and self.outstanding else "not yet due"
        if not self.outstanding:
            state = "received"
        return (
            f"{self.label} ({_percent_text(self.percent)}% = {format_money(self.amount)}): "
            f"{format_money(self.outstanding)} outstanding, {state}"
        )


def _label(terms: PaymentTerms, index: int) -> str:
    inst = terms.instalments[index]
    trigger = inst.trigger
    several = len(terms.instalments) > 1
    if trigger is Trigger.ADVANCE:
        return "deposit" if several and index < len(terms.instalments) - 1 else "payment in advance"
    if trigger in (Trigger.BEFORE_SHIPMENT, Trigger.COPY_BL) and index > 0:
        return "balance"
    return {
        Trigger.BEFORE_SHIPMENT: "payment before shipment",
        Trigger.COPY_BL: "payment against copy B/L",
        Trigger.LC_SIGHT: "L/C at sight",
        Trigger.LC_USANCE: "usance L/C",
        Trigger.DP: "D/P",
        Trigger.DA: "D/A",
        Trigger.OPEN_ACCOUNT: "open account",
    }[trigger]


def maturity(data: OrderData, inst: Instalment) -> dt.date | None:
    """The day an instalment with days (usance, D/A, O/A) falls due, once it is known."""
    if not inst.trigger.needs_days:
        return None
    if inst.basis is DaysAfter.BL_DATE:
        start = None if data.shipment is None else data.shipment.date
    else:
        start = data.accepted_on
    return None if start is None else start + dt.timedelta(days=inst.days)


def _ready(data: OrderData) -> dt.date | None:
    return data.goods_ready_on


def _shipped(data: OrderData) -> dt.date | None:
    return None if data.shipment is None else data.shipment.date


def _confirmed(data: OrderData) -> dt.date | None:
    return data.confirmed_on


def _accepted(data: OrderData) -> dt.date | None:
    return data.accepted_on


def _presented(data: OrderData) -> dt.date | None:
    return data.presented_on


#: The milestone that makes an instalment without days fall due.
_DUE_ON: dict[Trigger, Callable[[OrderData], dt.date | None]] = {
    Trigger.ADVANCE: _confirmed,
    Trigger.BEFORE_SHIPMENT: _ready,
    Trigger.COPY_BL: _shipped,
    Trigger.LC_SIGHT: _accepted,
    Trigger.DP: _presented,
}


def amounts_due(data: OrderData, today: dt.date) -> tuple[AmountDue, ...]:
    """Each instalment with what was counted toward it (first instalment first)."""
    terms = data.contract.payment
    left = data.ledger.counted
    zero = Money.zero(left.currency)
    rows: list[AmountDue] = []
    for i, scheduled in enumerate(terms.schedule(data.contract.total)):
        inst = scheduled.instalment
        got = min(left, scheduled.amount)
        left = left - got
        due_on = _DUE_ON[inst.trigger](data) if inst.trigger in _DUE_ON else maturity(data, inst)
        rows.append(
            AmountDue(
                label=_label(terms, i),
                percent=inst.percent,
                amount=scheduled.amount,
                received=max(got, zero),
                outstanding=max(scheduled.amount - got, zero),
                due_date=due_on,
                due_now=due_on is not None and due_on <= today,
            )
        )
    return tuple(rows)


def gate_shortfall(data: OrderData, gate: str) -> str | None:
    """Why the money due before ``gate`` (production, shipment, release) is not in; None if it is.

    The reason names the instalments still open: "awaiting deposit (30% =
    USD 6,300.00 not received)", or with part received "awaiting balance (70% =
    USD 14,700.00; USD 4,700.00 received, USD 10,000.00 outstanding)".
    """
    terms = data.contract.payment
    due = getattr(terms, f"due_before_{gate}")(data.contract.total)
    if data.ledger.covers(due):
        return None
    flag = f"due_before_{gate}"
    rows = [
        (i, row)
        for i, row in enumerate(amounts_due(data, dt.date.min))
        if getattr(terms.instalments[i].trigger, flag) and row.outstanding
    ]
    cur = data.contract.currency
    names = " and ".join(dict.fromkeys(row.label for _, row in rows))
    percent = sum((row.percent for _, row in rows), Decimal(0))
    amount = Money.sum((row.amount for _, row in rows), cur)
    got = Money.sum((row.received for _, row in rows), cur)
    head = f"awaiting {names} ({_percent_text(percent)}% = {format_money(amount)}"
    if not got:
        return f"{head} not received)"
    missing = Money.sum((row.outstanding for _, row in rows), cur)
    return f"{head}; {format_money(got)} received, {format_money(missing)} outstanding)"


def deadlines(data: OrderData, today: dt.date) -> tuple[Deadline, ...]:
    """The open deadlines of the order, earliest first."""
    found: list[tuple[str, str, dt.date]] = []
    if data.closed is not None or data.cancellation is not None:
        return ()
    contract = data.contract
    if data.confirmed_on is None:
        valid = next(
            (q.valid_until for q in reversed(data.quotes) if q.valid_until is not None),
            contract.valid_until,
        )
        if valid is not None:
            found.append(("quotation_validity", "quotation valid until", valid))
    lc = data.lc if contract.payment.requires_lc else None
    if data.shipment is None:
        dates = [(d, name) for d, name in ((contract.shipment_date, "latest shipment"),) if d]
        if lc is not None:
            dates.append((lc.latest_shipment, "latest shipment (L/C 44C)"))
        if dates:
            day, label = min(dates, key=lambda pair: pair[0])
            found.append(("latest_shipment", label, day))
    if lc is not None and data.presented_on is None:
        found.append(("lc_expiry", "L/C expiry (31D)", lc.expiry_date))
        if data.shipment is not None:
            found.append(
                (
                    "presentation",
                    "last day for presentation (UCP 600 Art. 14(c))",
                    lc.last_presentation_day(data.shipment.date),
                )
            )
    last = contract.payment.instalments[-1]
    due = maturity(data, last)
    if due is not None and not data.ledger.covers(contract.total):
        label = _label(contract.payment, len(contract.payment.instalments) - 1)
        found.append(("balance_due", f"{label} due", due))
    found.sort(key=lambda item: item[2])
    return tuple(Deadline(name, label, day, (day - today).days) for name, label, day in found)
