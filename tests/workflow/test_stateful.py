"""Model-based test: random event sequences against the table's own rules."""

from __future__ import annotations

import datetime as dt

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from exportdocs import Incoterm, Money, PaymentTerms, WorkflowError
from exportdocs.workflow import MACHINE, PREVIOUS, Order
from exportdocs.workflow import _events as ev
from tests.workflow.conftest import make_contract
from tests.workflow.helpers import usd
from tests.workflow.test_terms import make_lc

TERMS = [
    PaymentTerms.tt_in_advance(),
    PaymentTerms.tt_deposit("30", "before_shipment"),
    PaymentTerms.tt_deposit("30", "copy_bl"),
    PaymentTerms.lc_at_sight(deposit="30"),
    PaymentTerms.lc_usance(90),
    PaymentTerms.dp(),
    PaymentTerms.da(60),
    PaymentTerms.open_account(60),
]
RULES = [Incoterm.FOB, Incoterm.CIF, Incoterm.EXW, Incoterm.DAP]
CONTRACTS = {(i, r): make_contract(t, r) for i, t in enumerate(TERMS) for r in RULES}

AMOUNTS = st.sampled_from(["0.01", "100.00", "6300.00", "14700.00", "21000.00"])


def _events(date: dt.date, amount: str, flag: bool) -> list[ev.Event]:
    """One event of every kind for ``date`` (the kind is drawn separately)."""
    return [
        ev.InquiryReceived(date),
        ev.Quoted(date, approval_required=flag, approval_reasons=("margin",) if flag else ()),
        ev.PriceApproved(date),
        ev.SampleRequested(date, fee=usd("50.00"), fee_deductible=flag),
        ev.SampleSent(date, courier_cost=usd("30.00")),
        ev.SampleApproved(date),
        ev.SampleRejected(date),
        ev.ProformaIssued(date, "PI-1"),
        ev.ContractConfirmed(date),
        ev.PaymentReceived(date, usd(amount), f"FT-{amount}", bank_charges=usd("0.00")),
        ev.PaymentReceived(date, Money(amount, "EUR"), "FT-EUR", rate=None if flag else "1.1"),
        ev.LCReceived(date, make_lc()),
        ev.LCChecked(date, problems=("expiry",) if flag else ()),
        ev.AmendmentRequested(date),
        ev.AmendmentReceived(date),
        ev.LCAccepted(date),
        ev.ProductionStarted(date),
        ev.MidInspection(date, passed=flag),
        ev.FinalInspectionPassed(date),
        ev.FinalInspectionFailed(date),
        ev.SpaceBooked(date, "BK"),
        ev.ForwarderNominated(date, "KN"),
        ev.Shipped(date, "BL-1"),
        ev.BalanceRequested(date),
        ev.DocumentsReleased(date),
        ev.DocumentsPresented(date),
        ev.DocumentsAccepted(date),
        ev.DiscrepanciesNotified(date),
        ev.Closed(date),
        ev.Cancelled(date, reason="r" if flag else None, costs=usd("1.00") if flag else None),
        ev.PutOnHold(date),
        ev.Resumed(date),
    ]


N_KINDS = len(_events(dt.date(2025, 1, 1), "1.00", False))


class OrderMachine(RuleBasedStateMachine):
    """Fire random events (mostly ones the state allows) and check the invariants."""

    def __init__(self) -> None:
        super().__init__()
        self.key: tuple[int, Incoterm] | None = None
        self.order: Order | None = None
        self.day = dt.date(2025, 1, 1)
        self.accepted: list[ev.Event] = []

    @precondition(lambda self: self.order is None)
    @rule(terms=st.integers(0, len(TERMS) - 1), rule_=st.sampled_from(RULES))
    def start(self, terms: int, rule_: Incoterm) -> None:
        self.key = (terms, rule_)
        self.order = Order.start(CONTRACTS[self.key])

    @precondition(lambda self: self.order is not None)
    @rule(
        kind=st.integers(0, N_KINDS - 1),
        prefer_allowed=st.integers(0, 4),
        amount=AMOUNTS,
        flag=st.booleans(),
        step=st.integers(-2, 5),
    )
    def fire(self, kind: int, prefer_allowed: int, amount: str, flag: bool, step: int) -> None:
        order = self.order
        assert order is not None
        date = self.day + dt.timedelta(days=step)
        candidates = _events(date, amount, flag)
        event = candidates[kind]
        if prefer_allowed:  # four times in five
            # Mostly events the order allows now, rarely cancel or hold (they end or stall
            # the walk), so that sequences reach shipment, payment and closing.
            allowed_now = {a.event for a in order.allowed() if a.allowed}
            if kind % 8:
                allowed_now -= {"cancel", "hold"}
            preferred = [e for e in candidates if e.kind in allowed_now]
            if preferred:
                event = preferred[kind % len(preferred)]
        before = order
        try:
            after = order.apply(event)
        except WorkflowError as exc:
            # Refused: nothing changed, and the error names the state and the event.
            assert order == before
            assert (exc.state, exc.event) == (order.state.value, event.kind)
            return
        # Accepted: the table has a transition for it, and the target is one of them.
        alternatives = MACHINE.alternatives(before.state.value, event.kind)
        assert alternatives, f"{event.kind} accepted in {before.state.value}"
        targets = {t.target for t in alternatives}
        assert after.state.value in targets or (
            PREVIOUS in targets and after.state.value == before.data.held_from
        )
        assert date >= (before.data.last_date or date)
        assert after.log == (*before.log, event)
        self.order = after
        self.day = max(self.day, date)
        self.accepted.append(event)

    @invariant()
    def replay_equals_live(self) -> None:
        if self.order is not None and self.key is not None:
            assert Order.replay(CONTRACTS[self.key], self.accepted) == self.order

    @invariant()
    def ledger_never_shows_more_than_recorded(self) -> None:
        if self.order is None:
            return
        ledger = self.order.ledger
        recorded = Money.sum((e.credited for e in ledger.entries), ledger.currency)
        assert ledger.received == recorded
        assert ledger.counted <= recorded + Money.sum(
            (e.charges for e in ledger.entries), ledger.currency
        )
        receipts = [
            e for e in self.accepted if isinstance(e, (ev.PaymentReceived, ev.SampleRequested))
        ]
        assert len(ledger.entries) <= len(receipts)


OrderMachine.TestCase.settings = settings(max_examples=50, stateful_step_count=60, deadline=None)
TestOrderMachine = OrderMachine.TestCase
