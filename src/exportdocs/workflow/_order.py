"""An export order: an immutable value moved on by events through :data:`MACHINE`.

An :class:`Order` is immutable: :meth:`Order.apply` returns a new order with the
event appended to its log, or raises
:class:`~exportdocs.exceptions.WorkflowError` and changes nothing.
:meth:`Order.allowed` lists what may happen next and what blocks the rest.
The order's data (:class:`~exportdocs.workflow.OrderData`) is a separate frozen
value; each event's *effect* returns a new one.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from exportdocs._money import Money
from exportdocs._payment import _percent_text
from exportdocs._validation import fail, to_date
from exportdocs.exceptions import ValidationError, WorkflowError
from exportdocs.workflow import _events as ev
from exportdocs.workflow._data import Document, OrderData
from exportdocs.workflow._deadlines import AmountDue, Deadline, amounts_due, deadlines, format_money
from exportdocs.workflow._events import EVENT_KINDS, Event
from exportdocs.workflow._ledger import EntryKind, Ledger
from exportdocs.workflow._machine import PREVIOUS, Transition
from exportdocs.workflow._table import MACHINE, State

if TYPE_CHECKING:
    from exportdocs._contract import Contract
    from exportdocs._credit import LetterOfCredit

__all__ = ["Allowance", "Order"]


# -- effects: what each event records --------------------------------------------------------


class _Refused(Exception):
    """An event's data does not fit the order (raised by an effect)."""


def _payment(data: OrderData, e: ev.PaymentReceived) -> OrderData:
    try:
        ledger = data.ledger.receive(
            e.date, e.amount, e.reference, bank_charges=e.bank_charges, rate=e.rate
        )
    except ValidationError as exc:
        raise _Refused("; ".join(p.message for p in exc.problems)) from None
    return attrs.evolve(data, ledger=ledger)


def _sample(data: OrderData, e: ev.SampleRequested) -> OrderData:
    data = attrs.evolve(data, samples=(*data.samples, e))
    if e.fee is None or not e.fee_deductible:
        return data
    if e.fee.currency != data.contract.currency:
        raise _Refused(
            f"a deductible sample fee is credited against the order, so it must be in the "
            f"contract currency {data.contract.currency.code}, not {e.fee.currency.code}"
        )
    ledger = data.ledger.receive(e.date, e.fee, "sample fee", kind=EntryKind.SAMPLE_FEE)
    return attrs.evolve(data, ledger=ledger)


def _lc(data: OrderData, lc: LetterOfCredit | None) -> OrderData:
    if lc is None:
        return attrs.evolve(data, lc_problems=())
    cur = data.contract.currency
    if lc.amount is not None and lc.amount.currency != cur:
        raise _Refused(
            f"the L/C is in {lc.amount.currency.code}; it must be in the contract currency "
            f"{cur.code} (UCP 600 Art. 18(a)(iii))"
        )
    return attrs.evolve(data, lc=lc, lc_problems=())


_EFFECTS: dict[type[Event], Callable[[OrderData, Any], OrderData]] = {
    ev.InquiryReceived: lambda d, e: d,
    ev.Quoted: lambda d, e: attrs.evolve(d, quotes=(*d.quotes, e)),
    ev.PriceApproved: lambda d, e: attrs.evolve(d, approved_version=d.quote_version),
    ev.SampleRequested: _sample,
    ev.SampleSent: lambda d, e: attrs.evolve(d, samples=(*d.samples, e)),
    ev.SampleApproved: lambda d, e: attrs.evolve(d, samples=(*d.samples, e)),
    ev.SampleRejected: lambda d, e: attrs.evolve(d, samples=(*d.samples, e)),
    ev.ProformaIssued: lambda d, e: attrs.evolve(d, proformas=(*d.proformas, e.number)),
    ev.ContractConfirmed: lambda d, e: attrs.evolve(d, confirmed_on=e.date),
    ev.PaymentReceived: _payment,
    ev.LCReceived: lambda d, e: _lc(d, e.lc),
    ev.LCChecked: lambda d, e: attrs.evolve(d, lc_problems=e.problems),
    ev.AmendmentRequested: lambda d, e: attrs.evolve(d, amendments=(*d.amendments, e)),
    ev.AmendmentReceived: lambda d, e: _lc(d, e.lc),
    ev.LCAccepted: lambda d, e: attrs.evolve(d, lc_accepted_on=e.date),
    ev.ProductionStarted: lambda d, e: attrs.evolve(d, production_started_on=e.date),
    ev.MidInspection: lambda d, e: attrs.evolve(d, inspections=(*d.inspections, e)),
    ev.FinalInspectionPassed: lambda d, e: attrs.evolve(
        d, inspections=(*d.inspections, e), goods_ready_on=e.date
    ),
    ev.FinalInspectionFailed: lambda d, e: attrs.evolve(d, inspections=(*d.inspections, e)),
    ev.SpaceBooked: lambda d, e: attrs.evolve(d, booking=e),
    ev.ForwarderNominated: lambda d, e: attrs.evolve(d, booking=e),
    ev.Shipped: lambda d, e: attrs.evolve(d, shipment=e),
    ev.BalanceRequested: lambda d, e: attrs.evolve(d, balance_requested_on=e.date),
    ev.DocumentsReleased: lambda d, e: attrs.evolve(d, released=e),
    ev.DocumentsPresented: lambda d, e: attrs.evolve(d, presented_on=e.date, discrepancies=()),
    ev.DocumentsAccepted: lambda d, e: attrs.evolve(d, accepted_on=e.date),
    ev.DiscrepanciesNotified: lambda d, e: attrs.evolve(d, discrepancies=e.discrepancies),
    ev.Closed: lambda d, e: attrs.evolve(d, closed=e),
    ev.Cancelled: lambda d, e: attrs.evolve(d, cancellation=e),
    ev.PutOnHold: lambda d, e: d,
    ev.Resumed: lambda d, e: d,
}


# -- the order -----------------------------------------------------------------------------


@attrs.frozen
class Allowance:
    """One event possible from the order's state: whether it is allowed now, and why (not).

    ``reason`` names the guard that blocks it ("awaiting deposit (30% = USD
    6,300.00 not received)"), or, when allowed, what the transition requires.
    """

    event: str
    allowed: bool
    target: State | None
    reason: str

    def __str__(self) -> str:
        if self.allowed:
            where = f" -> {self.target.value}" if self.target is not None else ""
            note = f" ({self.reason})" if self.reason else ""
            return f"{self.event}{where}{note}"
        return f"{self.event}: blocked: {self.reason}"


@attrs.frozen
class Order:
    """An export order: its contract, its state, what it recorded, and its event log.

    Immutable: :meth:`apply` returns a new order (and raises WorkflowError,
    changing nothing, when the event is refused). Replaying the log from the
    contract gives the same order: ``Order.replay(contract, order.log) == order``.
    """

    state: State
    data: OrderData
    log: tuple[Event, ...] = ()

    # -- building -----------------------------------------------------------------------

    @classmethod
    def start(cls, contract: Contract, *, charges_tolerance: Money | None = None) -> Order:
        """A new order for ``contract``, before the inquiry is recorded.

        ``charges_tolerance`` is how much of each receipt's bank charges counts
        as paid (contract currency; default zero: see :class:`~exportdocs.workflow.Ledger`).
        """
        if not isinstance(contract, _contract_type()):
            raise fail(f"expected a Contract, not {type(contract).__name__}", contract, "contract")
        try:
            ledger = Ledger.empty(contract.currency, charges_tolerance)
        except ValidationError as exc:
            raise exc.prefixed("charges_tolerance") from None
        data = OrderData(contract=contract, ledger=ledger, lc=contract.payment.lc)
        return cls(State(MACHINE.initial.name), data)

    @classmethod
    def replay(
        cls,
        contract: Contract,
        events: Iterable[Event],
        *,
        charges_tolerance: Money | None = None,
    ) -> Order:
        """Rebuild an order by applying ``events`` to a new order for ``contract``."""
        order = cls.start(contract, charges_tolerance=charges_tolerance)
        for event in events:
            order = order.apply(event)
        return order

    # -- plain facts --------------------------------------------------------------------

    @property
    def contract(self) -> Contract:
        """The contract the order runs on."""
        return self.data.contract

    @property
    def number(self) -> str:
        """The contract number."""
        return self.data.contract.number

    @property
    def version(self) -> int:
        """The number of events applied (the store's optimistic-concurrency version)."""
        return len(self.log)

    @property
    def ledger(self) -> Ledger:
        """The payments ledger."""
        return self.data.ledger

    @property
    def is_final(self) -> bool:
        """True when closed or cancelled."""
        return self.state.final

    @property
    def as_of(self) -> dt.date:
        """The date of the last event (the contract date before any): the order's own "now"."""
        return self.data.last_date or self.data.contract.date

    # -- applying events ----------------------------------------------------------------

    def apply(self, event: Event) -> Order:
        """The order after ``event``; raise WorkflowError (changing nothing) if it is refused."""
        if not isinstance(event, Event) or type(event) not in _EFFECTS:
            raise fail(f"expected a workflow event, not {type(event).__name__}", event, "event")
        kind = event.kind
        state = self.state.value
        alternatives = MACHINE.alternatives(state, kind)
        if not alternatives:
            raise WorkflowError(state, kind, self._not_here(kind))
        last = self.data.last_date
        if last is not None and event.date < last:
            raise WorkflowError(
                state,
                kind,
                f"the event is dated {event.date.isoformat()}, before the last event "
                f"({last.isoformat()}); record events in date order",
            )
        try:
            data = _EFFECTS[type(event)](self.data, event)
        except _Refused as exc:
            raise WorkflowError(state, kind, str(exc)) from None
        reasons: list[str] = []
        for transition in alternatives:
            blocked = [r for r in _blocks(transition, self.data, data, event) if r]
            if blocked:
                reasons.extend(blocked)
                continue
            target = transition.target
            held_from = data.held_from
            if target == PREVIOUS:
                target, held_from = data.held_from or state, None
            elif target != state and MACHINE.returns_from(target):
                held_from = state
            data = attrs.evolve(data, last_date=event.date, held_from=held_from)
            return Order(State(target), data, (*self.log, event))
        raise WorkflowError(state, kind, " or ".join(dict.fromkeys(reasons)))

    def _not_here(self, kind: str) -> str:
        if kind not in EVENT_KINDS:  # pragma: no cover - every Event subclass is in the table
            return "unknown event"
        possible = ", ".join(MACHINE.events_from(self.state.value)) or "none (final state)"
        where = ", ".join(MACHINE.sources_of(kind))
        return f"{kind} is possible only in: {where}; possible now: {possible}"

    def allowed(self) -> tuple[Allowance, ...]:
        """Every event possible from the current state, allowed now or blocked, with the reason."""
        found: list[Allowance] = []
        for kind in MACHINE.events_from(self.state.value):
            reasons: list[str] = []
            allowance: Allowance | None = None
            for transition in MACHINE.alternatives(self.state.value, kind):
                blocked = [r for r in _blocks(transition, self.data, self.data, None) if r]
                if blocked:
                    reasons.extend(blocked)
                    continue
                target = transition.target
                if target == PREVIOUS:
                    target = self.data.held_from or self.state.value
                requires = "; ".join(MACHINE.guards[g].requires for g in transition.guards)
                allowance = Allowance(kind, True, State(target), requires)
                break
            if allowance is None:
                allowance = Allowance(kind, False, None, " or ".join(dict.fromkeys(reasons)))
            found.append(allowance)
        return tuple(found)

    def can(self, kind: str) -> bool:
        """True when the event named ``kind`` is allowed now."""
        return any(a.allowed for a in self.allowed() if a.event == kind)

    # -- money, documents, time ---------------------------------------------------------

    def amounts_due(self, today: dt.date | str) -> tuple[AmountDue, ...]:
        """Each instalment: amount, received, outstanding, and whether it is due on ``today``."""
        return amounts_due(self.data, to_date(today, "today"))

    def deadlines(self, today: dt.date | str) -> tuple[Deadline, ...]:
        """The open deadlines, earliest first, with days left from ``today`` (negative: overdue)."""
        return deadlines(self.data, to_date(today, "today"))

    @property
    def documents(self) -> tuple[Document, ...]:
        """The documents that may be issued (or re-issued) in the current state."""
        return MACHINE.spec(self.state.value).documents

    @property
    def documents_due(self) -> tuple[Document, ...]:
        """The documents the next step needs."""
        return MACHINE.spec(self.state.value).documents_due

    @property
    def overpaid(self) -> Money:
        """Money credited beyond the contract value: to refund or carry over, never absorbed."""
        return self.data.ledger.overpaid(self.data.total)

    def __str__(self) -> str:
        return f"order {self.number}: {self.state.title} (version {self.version})"

    def _repr_html_(self) -> str:
        """A notebook view as of the last event's date (the order never reads the clock)."""
        today = self.as_of
        esc = html.escape
        rows = [
            f"<h4>Order {esc(self.number)}: {esc(self.state.title)}</h4>",
            f"<p>version {self.version}, as of {today.isoformat()} (the last event's date)</p>",
            "<table><tr><th>Instalment</th><th>Amount</th><th>Received</th>"
            "<th>Outstanding</th><th>Due</th></tr>",
        ]
        for due in self.amounts_due(today):
            when = "now" if due.due_now else (due.due_date.isoformat() if due.due_date else "-")
            rows.append(
                f"<tr><td>{esc(due.label)} ({_percent_text(due.percent)}%)</td>"
                f"<td>{esc(format_money(due.amount))}</td>"
                f"<td>{esc(format_money(due.received))}</td>"
                f"<td>{esc(format_money(due.outstanding))}</td><td>{esc(when)}</td></tr>"
            )
        rows.append("</table>")
        if self.overpaid:
            rows.append(f"<p><b>Over-paid: {esc(format_money(self.overpaid))}</b></p>")
        rows.append("<p>Deadlines:</p><ul>")
        rows += [f"<li>{esc(str(d))}</li>" for d in self.deadlines(today)] or ["<li>none</li>"]
        rows.append("</ul><p>Next:</p><ul>")
        rows += [f"<li>{esc(str(a))}</li>" for a in self.allowed()] or ["<li>nothing</li>"]
        rows.append("</ul>")
        return "\n".join(rows)


def _blocks(
    transition: Transition, before: OrderData, after: OrderData, event: Event | None
) -> Iterator[str | None]:
    """The reasons each guard (on the order before) and condition (after) gives, or None."""
    for name in transition.guards:
        yield MACHINE.guards[name].check(before, event)
    for name in transition.when:
        yield MACHINE.guards[name].check(after, event)


def _contract_type() -> type[Contract]:
    from exportdocs._contract import Contract

    return Contract
