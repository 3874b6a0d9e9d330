"""The export order workflow: a finite-state machine defined as data.

An export order moves from inquiry to closed through states decided by the
contract's payment terms and Incoterm. The states, the transitions and the
guards are values in tables (:data:`STATES`, :data:`TRANSITIONS`,
:data:`GUARDS`), and :meth:`Machine.define` checks them once, when this module is
imported: one initial state, every state reachable, no trap state other than
the final ones (closed, cancelled), no unknown name. The guards come from the
terms, not from scattered if-statements: production waits for the money due
before production (or the accepted L/C), the originals wait for the money due
before release, booking is the seller's event only when the seller contracts
the main carriage.

An :class:`Order` is immutable: :meth:`Order.apply` returns a new order with the
event appended to its log, or raises
:class:`~exportdocs.exceptions.WorkflowError` and changes nothing.
:meth:`Order.allowed` lists what may happen next and what blocks the rest.
The order's data (:class:`OrderData`) is a separate frozen value.

Several transitions may share a source and an event: they are *alternatives*,
tried in order, and the first whose guards all pass is taken (a payment moves
the order on when it completes the deposit, and leaves it where it is
otherwise). The target :data:`PREVIOUS` returns to the state the order came
from ("resume" after "hold").

>>> m = Machine.define(
...     states=[StateSpec("draft", "Draft", initial=True), StateSpec("done", "Done", final=True)],
...     transitions=[Transition("draft", "finish", "done")],
... )
>>> print(m.to_mermaid())
stateDiagram-v2
    state "Draft" as draft
    state "Done" as done
    [*] --> draft
    draft --> done : finish
    done --> [*]
"""

from __future__ import annotations

import datetime as dt
import enum
import html
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from exportdocs._money import Money
from exportdocs._payment import LetterOfCredit, PaymentTerms, _percent_text
from exportdocs._validation import fail, to_date
from exportdocs.exceptions import Problem, ValidationError, WorkflowError
from exportdocs.workflow._deadlines import (
    AmountDue,
    Deadline,
    amounts_due,
    deadlines,
    format_money,
    gate_shortfall,
)
from exportdocs.workflow._events import (
    EVENT_KINDS,
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
)
from exportdocs.workflow._ledger import EntryKind, Ledger

if TYPE_CHECKING:
    from exportdocs._contract import Contract

__all__ = [
    "GUARDS",
    "MACHINE",
    "PREVIOUS",
    "STATES",
    "TRANSITIONS",
    "Allowance",
    "Document",
    "Guard",
    "Machine",
    "Order",
    "OrderData",
    "State",
    "StateSpec",
    "Transition",
]

#: Transition target meaning "the state the order was in before this one" (resume after hold).
PREVIOUS = "<previous>"

D = TypeVar("D")
E = TypeVar("E")


class Document(enum.Enum):
    """A trade document the order may issue in a state."""

    QUOTATION = "quotation"
    PROFORMA_INVOICE = "proforma invoice"
    PACKING_LIST = "packing list"
    COMMERCIAL_INVOICE = "commercial invoice"


@attrs.frozen
class StateSpec:
    """One state: its name, its title, and the documents that belong to it.

    ``documents`` may be issued (or re-issued) in the state; ``documents_due``
    are the ones the next step needs.
    """

    name: str
    title: str
    documents: tuple[Document, ...] = ()
    documents_due: tuple[Document, ...] = ()
    initial: bool = False
    final: bool = False


def _names(value: Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


@attrs.frozen
class Transition:
    """``event`` moves the order from ``source`` to ``target`` when every guard passes.

    ``guards`` are checked on the order as it is before the event (with the
    event's data): when one fails, the event is refused. ``when`` conditions are
    checked on the order as the event leaves it and only choose between
    alternatives (a payment that completes the deposit moves the order on).
    """

    source: str
    event: str
    target: str
    guards: tuple[str, ...] = attrs.field(default=(), converter=_names)
    when: tuple[str, ...] = attrs.field(default=(), converter=_names)

    def label(self) -> str:
        """``"start_production (production_secured)"``: the event, its guards and conditions."""
        parts = [*self.guards, *(f"if {w}" for w in self.when)]
        return f"{self.event} ({', '.join(parts)})" if parts else self.event


@attrs.frozen
class Guard(Generic[D, E]):
    """A named condition of a transition.

    ``check(data, event)`` returns None when the guard passes, else the reason it
    blocks, worded to say what is missing ("awaiting deposit (30% = USD 6,300.00
    not received)"). ``event`` is None when the order is only asked what it may
    do next; a guard that reads the event's own data passes then (its ``requires``
    says what the event must carry).
    """

    name: str
    requires: str
    check: Callable[[D, E | None], str | None] = attrs.field(eq=False, repr=False)


def _index(transitions: Iterable[Transition]) -> dict[tuple[str, str], tuple[Transition, ...]]:
    index: dict[tuple[str, str], list[Transition]] = {}
    for t in transitions:
        index.setdefault((t.source, t.event), []).append(t)
    return {key: tuple(value) for key, value in index.items()}


@attrs.frozen
class Machine(Generic[D, E]):
    """A checked state table. Build it with :meth:`define`."""

    states: tuple[StateSpec, ...]
    transitions: tuple[Transition, ...]
    guards: Mapping[str, Guard[D, E]] = attrs.field(eq=False)
    _by_key: dict[tuple[str, str], tuple[Transition, ...]] = attrs.field(
        init=False, eq=False, repr=False
    )
    _specs: dict[str, StateSpec] = attrs.field(init=False, eq=False, repr=False)
    _holds: frozenset[str] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_key", _index(self.transitions))
        object.__setattr__(self, "_specs", {s.name: s for s in self.states})
        holds = frozenset(t.source for t in self.transitions if t.target == PREVIOUS)
        object.__setattr__(self, "_holds", holds)

    @classmethod
    def define(
        cls,
        states: Iterable[StateSpec],
        transitions: Iterable[Transition],
        guards: Iterable[Guard[D, E]] = (),
        events: Iterable[str] | None = None,
    ) -> Machine[D, E]:
        """Check the table and build the machine; raise ValidationError listing every problem.

        ``events``, when given, is the set of known event names: a transition on
        any other name is refused.
        """
        state_list = tuple(states)
        transition_list = tuple(transitions)
        guard_list = tuple(guards)
        problems = list(
            _check(state_list, transition_list, guard_list, None if events is None else set(events))
        )
        if problems:
            raise ValidationError(problems)
        return cls(state_list, transition_list, {g.name: g for g in guard_list})

    # -- queries --------------------------------------------------------------------------

    @property
    def initial(self) -> StateSpec:
        """The one initial state."""
        return next(s for s in self.states if s.initial)

    @property
    def finals(self) -> tuple[StateSpec, ...]:
        """The final states (no way out)."""
        return tuple(s for s in self.states if s.final)

    def spec(self, name: str) -> StateSpec:
        """The state called ``name``."""
        return self._specs[name]

    def alternatives(self, source: str, event: str) -> tuple[Transition, ...]:
        """The transitions ``event`` may take from ``source``, in the order they are tried."""
        return self._by_key.get((source, event), ())

    def events_from(self, source: str) -> tuple[str, ...]:
        """Every event with a transition out of ``source``, in table order, without repeats."""
        return tuple(dict.fromkeys(t.event for t in self.transitions if t.source == source))

    def returns_from(self, state: str) -> bool:
        """True when some transition leaves ``state`` for :data:`PREVIOUS` (a hold state)."""
        return state in self._holds

    def sources_of(self, event: str) -> tuple[str, ...]:
        """Every state ``event`` has a transition from."""
        return tuple(dict.fromkeys(t.source for t in self.transitions if t.event == event))

    # -- diagrams -------------------------------------------------------------------------

    def _drawn(self, hide: Iterable[str], hide_loops: Iterable[str]) -> list[Transition]:
        hidden, loops = frozenset(hide), frozenset(hide_loops)
        seen: set[tuple[str, str, str]] = set()
        drawn: list[Transition] = []
        for t in self.transitions:
            if t.event in hidden or (t.target == t.source and t.event in loops):
                continue
            key = (t.source, t.target, t.label())
            if key not in seen:
                seen.add(key)
                drawn.append(t)
        return drawn

    def to_mermaid(
        self,
        *,
        hide: Iterable[str] = (),
        hide_loops: Iterable[str] = (),
        notes: Mapping[str, str] | None = None,
    ) -> str:
        """The machine as a Mermaid ``stateDiagram-v2``.

        ``hide`` leaves out every transition of the named events and
        ``hide_loops`` only their self-loops (for events possible from almost
        every state, such as hold, cancel and recording a payment); ``notes`` adds
        a note to a state (name -> text) to say so instead.
        """
        lines = ["stateDiagram-v2"]
        lines += [f'    state "{s.title}" as {s.name}' for s in self.states]
        lines.append(f"    [*] --> {self.initial.name}")
        for t in self._drawn(hide, hide_loops):
            target = t.source if t.target == PREVIOUS else t.target
            label = (
                t.label() if t.target != PREVIOUS else f"{t.label()} (back to the previous state)"
            )
            lines.append(f"    {t.source} --> {target} : {label}")
        lines += [f"    {s.name} --> [*]" for s in self.finals]
        for name, text in (notes or {}).items():
            lines.append(f"    note right of {name} : {text}")
        return "\n".join(lines)

    def to_dot(
        self, *, hide: Iterable[str] = (), hide_loops: Iterable[str] = (), name: str = "workflow"
    ) -> str:
        """The machine as Graphviz DOT text (``dot -Tsvg``); ``hide`` as for :meth:`to_mermaid`."""
        lines = [f"digraph {name} {{", "    rankdir=TB;", "    node [shape=box, style=rounded];"]
        lines.append('    "__start" [shape=point, label=""];')
        for s in self.states:
            shape = ", peripheries=2" if s.final else ""
            lines.append(f'    "{s.name}" [label="{s.title}"{shape}];')
        lines.append(f'    "__start" -> "{self.initial.name}";')
        for t in self._drawn(hide, hide_loops):
            if t.target == PREVIOUS:
                lines.append(
                    f'    "{t.source}" -> "{t.source}" [label="{t.label()} (back)", style=dashed];'
                )
            else:
                lines.append(f'    "{t.source}" -> "{t.target}" [label="{t.label()}"];')
        lines.append("}")
        return "\n".join(lines)


# -- the definition-time checks -----------------------------------------------------------


def _check(
    states: tuple[StateSpec, ...],
    transitions: tuple[Transition, ...],
    guards: tuple[Guard[Any, Any], ...],
    events: set[str] | None,
) -> Iterator[Problem]:
    names = [s.name for s in states]
    known = set(names)
    for i, name in enumerate(names):
        if names.index(name) != i:
            yield Problem(f"states[{i}].name", name, "two states have the same name")
        if not name or not name.isidentifier():
            yield Problem(f"states[{i}].name", name, "a state name is a Python-style identifier")
    initials = [s.name for s in states if s.initial]
    if len(initials) != 1:
        yield Problem("states", initials, "a machine needs exactly one initial state")
    finals = {s.name for s in states if s.final}
    if not finals:
        yield Problem("states", [], "a machine needs at least one final state")
    guard_names = [g.name for g in guards]
    for i, name in enumerate(guard_names):
        if guard_names.index(name) != i:
            yield Problem(f"guards[{i}].name", name, "two guards have the same name")
    for i, t in enumerate(transitions):
        where = f"transitions[{i}]"
        if t.source not in known:
            yield Problem(f"{where}.source", t.source, "unknown state")
        if t.target not in known and t.target != PREVIOUS:
            yield Problem(f"{where}.target", t.target, "unknown state")
        if t.source in finals:
            yield Problem(f"{where}.source", t.source, "a final state has no way out")
        if events is not None and t.event not in events:
            yield Problem(f"{where}.event", t.event, "unknown event")
        for g in (*t.guards, *t.when):
            if g not in guard_names:
                yield Problem(f"{where}.guards", g, "unknown guard")
    for (source, event), alternatives in _index(transitions).items():
        for j, t in enumerate(alternatives[:-1]):
            if not t.guards and not t.when:
                yield Problem(
                    f"transitions[{transitions.index(alternatives[j + 1])}]",
                    f"{source} --{event}-->",
                    "never taken: an earlier alternative for the same state and event has no "
                    "guard; put the unguarded alternative last",
                )
    if len(initials) != 1:
        return
    graph = _graph(transitions)
    reached = _reach(initials[0], graph)
    for name in names:
        if name not in reached:
            yield Problem(
                "states", name, f"cannot be reached from the initial state {initials[0]!r}"
            )
    for name in names:
        if name in finals or name not in reached:
            continue
        if not (_reach(name, graph) & finals):
            yield Problem(
                "states",
                name,
                "trap state: no final state can be reached from it (only "
                + ", ".join(sorted(finals))
                + " may be dead ends)",
            )


def _graph(transitions: tuple[Transition, ...]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for t in transitions:
        if t.target != PREVIOUS:
            graph.setdefault(t.source, set()).add(t.target)
    for t in transitions:
        if t.target == PREVIOUS:
            # Back to wherever the order came from: every state with a way into the source.
            came_from = {s for s, targets in graph.items() if t.source in targets and s != t.source}
            graph.setdefault(t.source, set()).update(came_from)
    return graph


def _reach(start: str, graph: dict[str, set[str]]) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


# =========================================================================================
# The export order workflow
# =========================================================================================


class State(enum.Enum):
    """The states of an export order (see :data:`MACHINE` for the transitions)."""

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
    def parse(cls, value: Any) -> State:
        """Accept a State or its value (``"confirmed"``)."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            try:
                return cls(value.strip().lower())
            except ValueError:
                pass
        raise fail("unknown order state; use one of " + ", ".join(s.value for s in cls), value)


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


# -- guards: each returns None to pass, or the reason it blocks --------------------------


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

#: Events drawn as notes rather than edges in the documentation diagram.
DIAGRAM_HIDE = ("hold", "resume", "cancel")
DIAGRAM_HIDE_LOOPS = ("record_payment",)


def diagram_notes() -> dict[str, str]:
    """The notes the documentation diagram uses for the hidden transitions."""
    before = MACHINE.sources_of("cancel")
    return {
        "on_hold": "hold from any open state; resume returns to it",
        "cancelled": f"cancel from {len(before)} states up to booked (after production "
        "starts: with a reason and the costs)",
        "paid": "record_payment is possible from pi_issued on (self-loops not drawn)",
    }


def mermaid() -> str:
    """The documentation's Mermaid diagram of :data:`MACHINE` (hold, cancel as notes)."""
    return MACHINE.to_mermaid(
        hide=DIAGRAM_HIDE, hide_loops=DIAGRAM_HIDE_LOOPS, notes=diagram_notes()
    )


def dot() -> str:
    """The Graphviz DOT text of :data:`MACHINE` (hold, cancel and payment loops left out)."""
    return MACHINE.to_dot(hide=DIAGRAM_HIDE, hide_loops=DIAGRAM_HIDE_LOOPS, name="export_order")


# -- effects: what each event records --------------------------------------------------------


class _Refused(Exception):
    """An event's data does not fit the order (raised by an effect)."""


def _payment(data: OrderData, e: PaymentReceived) -> OrderData:
    try:
        ledger = data.ledger.receive(
            e.date, e.amount, e.reference, bank_charges=e.bank_charges, rate=e.rate
        )
    except ValidationError as exc:
        raise _Refused("; ".join(p.message for p in exc.problems)) from None
    return attrs.evolve(data, ledger=ledger)


def _sample(data: OrderData, e: SampleRequested) -> OrderData:
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
    InquiryReceived: lambda d, e: d,
    Quoted: lambda d, e: attrs.evolve(d, quotes=(*d.quotes, e)),
    PriceApproved: lambda d, e: attrs.evolve(d, approved_version=d.quote_version),
    SampleRequested: _sample,
    SampleSent: lambda d, e: attrs.evolve(d, samples=(*d.samples, e)),
    SampleApproved: lambda d, e: attrs.evolve(d, samples=(*d.samples, e)),
    SampleRejected: lambda d, e: attrs.evolve(d, samples=(*d.samples, e)),
    ProformaIssued: lambda d, e: attrs.evolve(d, proformas=(*d.proformas, e.number)),
    ContractConfirmed: lambda d, e: attrs.evolve(d, confirmed_on=e.date),
    PaymentReceived: _payment,
    LCReceived: lambda d, e: _lc(d, e.lc),
    LCChecked: lambda d, e: attrs.evolve(d, lc_problems=e.problems),
    AmendmentRequested: lambda d, e: attrs.evolve(d, amendments=(*d.amendments, e)),
    AmendmentReceived: lambda d, e: _lc(d, e.lc),
    LCAccepted: lambda d, e: attrs.evolve(d, lc_accepted_on=e.date),
    ProductionStarted: lambda d, e: attrs.evolve(d, production_started_on=e.date),
    MidInspection: lambda d, e: attrs.evolve(d, inspections=(*d.inspections, e)),
    FinalInspectionPassed: lambda d, e: attrs.evolve(
        d, inspections=(*d.inspections, e), goods_ready_on=e.date
    ),
    FinalInspectionFailed: lambda d, e: attrs.evolve(d, inspections=(*d.inspections, e)),
    SpaceBooked: lambda d, e: attrs.evolve(d, booking=e),
    ForwarderNominated: lambda d, e: attrs.evolve(d, booking=e),
    Shipped: lambda d, e: attrs.evolve(d, shipment=e),
    BalanceRequested: lambda d, e: attrs.evolve(d, balance_requested_on=e.date),
    DocumentsReleased: lambda d, e: attrs.evolve(d, released=e),
    DocumentsPresented: lambda d, e: attrs.evolve(d, presented_on=e.date, discrepancies=()),
    DocumentsAccepted: lambda d, e: attrs.evolve(d, accepted_on=e.date),
    DiscrepanciesNotified: lambda d, e: attrs.evolve(d, discrepancies=e.discrepancies),
    Closed: lambda d, e: attrs.evolve(d, closed=e),
    Cancelled: lambda d, e: attrs.evolve(d, cancellation=e),
    PutOnHold: lambda d, e: d,
    Resumed: lambda d, e: d,
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
        as paid (contract currency; default zero: see :mod:`exportdocs.workflow._ledger`).
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
