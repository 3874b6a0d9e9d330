"""The machine as data: definition-time checks, diagrams, guards, refusals, hold, cancel."""

from __future__ import annotations

from decimal import Decimal

import pytest

from exportdocs import Incoterm, Money, PaymentTerms, ValidationError, WorkflowError
from exportdocs._payment import LetterOfCredit
from exportdocs.workflow import Ledger
from exportdocs.workflow._events import (
    EVENT_TYPES,
    Cancelled,
    ContractConfirmed,
    Event,
    FinalInspectionPassed,
    LCReceived,
    PaymentReceived,
    ProductionStarted,
    PutOnHold,
    Resumed,
    SampleRequested,
    event_from_dict,
    event_to_dict,
)
from exportdocs.workflow._machine import (
    MACHINE,
    PREVIOUS,
    Guard,
    Machine,
    Order,
    State,
    StateSpec,
    Transition,
    dot,
    mermaid,
)
from tests.workflow.conftest import make_contract
from tests.workflow.helpers import confirm, day, quoting, usd, walk


def _ok(data: object, event: object) -> str | None:
    return None


S = StateSpec


def test_the_real_machine_has_one_initial_state_and_two_final_ones() -> None:
    assert (MACHINE.initial.name, [s.name for s in MACHINE.finals]) == (
        "new",
        ["closed", "cancelled"],
    )
    assert [s.value for s in State] == [s.name for s in MACHINE.states]


def test_every_event_class_has_transitions() -> None:
    assert {cls.kind for cls in EVENT_TYPES.values()} == {t.event for t in MACHINE.transitions}


@pytest.mark.parametrize(
    ("states", "transitions", "message", "path"),
    [
        (
            [S("a", "A", initial=True), S("b", "B", initial=True), S("z", "Z", final=True)],
            [Transition("a", "go", "z"), Transition("b", "go", "z")],
            "exactly one initial state",
            "states",
        ),
        (
            [S("a", "A", initial=True), S("b", "B"), S("z", "Z", final=True)],
            [Transition("a", "go", "z"), Transition("b", "go", "z")],
            "cannot be reached from the initial state 'a'",
            "states",
        ),
        (
            [S("a", "A", initial=True), S("b", "B"), S("c", "C"), S("z", "Z", final=True)],
            [
                Transition("a", "go", "b"),
                Transition("a", "end", "z"),
                Transition("b", "go", "c"),
                Transition("c", "go", "b"),
            ],
            "trap state: no final state can be reached from it",
            "states",
        ),
        (
            [S("a", "A", initial=True), S("z", "Z", final=True)],
            [Transition("a", "go", "z"), Transition("z", "again", "a")],
            "a final state has no way out",
            "transitions[1].source",
        ),
        (
            [S("a", "A", initial=True), S("z", "Z", final=True)],
            [Transition("a", "go", "y")],
            "unknown state",
            "transitions[0].target",
        ),
        (
            [S("a", "A", initial=True), S("z", "Z", final=True)],
            [Transition("a", "go", "z", ("missing",))],
            "unknown guard",
            "transitions[0].guards",
        ),
        (
            [S("a", "A", initial=True), S("b", "B"), S("z", "Z", final=True)],
            [Transition("a", "go", "b"), Transition("a", "go", "z"), Transition("b", "go", "z")],
            "never taken: an earlier alternative for the same state and event has no guard",
            "transitions[1]",
        ),
    ],
)
def test_a_broken_table_is_rejected_at_definition_time(
    states: list[StateSpec], transitions: list[Transition], message: str, path: str
) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        Machine.define(states, transitions, [Guard("ok", "always", _ok)])
    assert path in [p.path for p in info.value.problems]


def test_a_broken_table_reports_every_problem_at_once() -> None:
    with pytest.raises(ValidationError) as info:
        Machine.define(
            [S("a", "A"), S("b", "B")],
            [Transition("a", "go", "nowhere"), Transition("a", "fly", "b")],
            events=["go"],
        )
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("states", "a machine needs exactly one initial state"),
        ("states", "a machine needs at least one final state"),
        ("transitions[0].target", "unknown state"),
        ("transitions[1].event", "unknown event"),
    ]


def test_the_real_table_with_a_dead_end_is_rejected() -> None:
    broken = [t for t in MACHINE.transitions if t.source != "shipped"]
    with pytest.raises(ValidationError, match="trap state") as info:
        Machine.define(MACHINE.states, broken, MACHINE.guards.values())
    assert "shipped" in [p.value for p in info.value.problems]


def test_resume_returns_to_where_the_order_was_put_on_hold() -> None:
    order = walk(
        Order.start(make_contract(PaymentTerms.tt_deposit())),
        [
            *quoting(),
            confirm(),
            (PutOnHold(day("01-08"), reason="buyer's bank audit"), State.ON_HOLD),
        ],
    )
    assert [a.event for a in order.allowed()] == ["record_payment", "cancel", "resume"]
    order = order.apply(PaymentReceived(day("01-09"), usd("6300.00"), "FT-1"))
    assert order.state is State.ON_HOLD
    order = order.apply(Resumed(day("01-10")))
    assert (order.state, order.data.held_from) == (State.CONFIRMED, None)
    assert order.can("start_production")


def test_previous_is_drawn_as_a_dashed_loop_in_dot() -> None:
    machine: Machine[object, object] = Machine.define(
        [S("a", "A", initial=True), S("h", "Held"), S("z", "Z", final=True)],
        [
            Transition("a", "hold", "h"),
            Transition("h", "resume", PREVIOUS),
            Transition("a", "go", "z"),
        ],
    )
    assert '"h" -> "h" [label="resume (back)", style=dashed];' in machine.to_dot()


def test_diagrams_show_the_real_machine() -> None:
    text = mermaid()
    assert text.startswith("stateDiagram-v2\n")
    assert "    confirmed --> production : start_production (production_secured)" in text
    assert "    confirmed --> deposit_received : record_payment (if deposit_complete)" in text
    assert "    inspected --> booked : book_space (seller_books)" in text
    assert "--> on_hold" not in text
    graph = dot()
    assert graph.startswith("digraph export_order {")
    assert '"booked" -> "shipped" [label="ship (shipment_paid)"];' in graph


def test_allowed_lists_every_possible_event_with_the_guard_that_blocks_it() -> None:
    order = walk(
        Order.start(make_contract(PaymentTerms.lc_at_sight(deposit="30"))), [*quoting(), confirm()]
    )
    assert [str(a) for a in order.allowed()] == [
        "record_payment -> confirmed",
        "receive_lc -> lc_received (the payment terms include an L/C)",
        "start_production: blocked: awaiting deposit (30% = USD 6,300.00 not received) and "
        "awaiting the L/C (not received)",
        "cancel -> cancelled (before shipment; once production has started, with a reason and "
        "the costs incurred)",
        "hold -> on_hold",
    ]


def test_an_event_not_in_the_table_is_refused_naming_where_it_would_be_possible() -> None:
    order = walk(Order.start(make_contract(PaymentTerms.dp())), [*quoting()])
    with pytest.raises(WorkflowError) as info:
        order.apply(FinalInspectionPassed(day("01-07")))
    assert (info.value.state, info.value.event) == ("pi_issued", "pass_final_inspection")
    assert info.value.reason.startswith(
        "pass_final_inspection is possible only in: production, inspection_failed; possible now: "
    )


def test_an_event_dated_before_the_last_one_is_refused() -> None:
    order = walk(Order.start(make_contract(PaymentTerms.dp())), [*quoting()])
    with pytest.raises(
        WorkflowError,
        match=r"the event is dated 2025-01-05, before the last event \(2025-01-06\)",
    ):
        order.apply(ContractConfirmed(day("01-05")))


def test_cancel_after_production_needs_a_reason_and_the_costs() -> None:
    order = walk(
        Order.start(make_contract(PaymentTerms.dp())),
        [*quoting(), confirm(), (ProductionStarted(day("01-08")), State.PRODUCTION)],
    )
    with pytest.raises(
        WorkflowError,
        match=r"production started on 2025-01-08: cancelling now needs the reason and the costs",
    ):
        order.apply(Cancelled(day("01-09")))
    cancelled = order.apply(Cancelled(day("01-09"), reason="buyer insolvent", costs=usd("3200.00")))
    assert (cancelled.state, cancelled.data.cancellation.costs) == (  # type: ignore[union-attr]
        State.CANCELLED,
        usd("3200.00"),
    )
    assert cancelled.deadlines(day("01-09")) == ()


def test_cancel_before_production_needs_nothing() -> None:
    order = walk(Order.start(make_contract(PaymentTerms.dp())), [*quoting()[:2]])
    assert order.apply(Cancelled(day("01-04"))).state is State.CANCELLED


def test_a_receipt_in_another_currency_needs_its_rate() -> None:
    order = walk(Order.start(make_contract(PaymentTerms.tt_deposit())), [*quoting(), confirm()])
    with pytest.raises(
        WorkflowError, match=r"a receipt in EUR needs its rate to the contract currency USD"
    ):
        order.apply(PaymentReceived(day("01-08"), Money("5000.00", "EUR"), "FT-EUR"))
    paid = order.apply(
        PaymentReceived(
            day("01-08"),
            Money("5810.00", "EUR"),
            "FT-EUR",
            bank_charges=Money("10.00", "EUR"),
            rate=Decimal("1.0862"),
        )
    )
    # (5,810.00 - 10.00) x 1.0862 = 6,299.96 credited; 10.00 x 1.0862 = 10.86 of charges.
    entry = paid.ledger.entries[0]
    assert (str(entry.credited), str(entry.charges), paid.state) == (
        "6299.96 USD",
        "10.86 USD",
        State.CONFIRMED,
    )


def test_overpayment_is_recorded_and_reported() -> None:
    order = walk(Order.start(make_contract(PaymentTerms.tt_in_advance())), [*quoting(), confirm()])
    order = order.apply(PaymentReceived(day("01-08"), usd("21100.00"), "FT-1"))
    assert (order.state, str(order.overpaid)) == (State.DEPOSIT_RECEIVED, "100.00 USD")
    assert "<b>Over-paid: USD 100.00</b>" in order._repr_html_()


def test_a_deductible_sample_fee_must_be_in_the_contract_currency() -> None:
    order = walk(Order.start(make_contract(PaymentTerms.tt_deposit())), [*quoting()[:2]])
    with pytest.raises(WorkflowError, match="must be in the contract currency USD, not EUR"):
        order.apply(SampleRequested(day("01-04"), fee=Money("80.00", "EUR"), fee_deductible=True))


def test_an_lc_in_another_currency_is_refused() -> None:
    order = walk(Order.start(make_contract(PaymentTerms.lc_at_sight())), [*quoting(), confirm()])
    lc = LetterOfCredit(
        issuing_bank="Commerzbank",
        expiry_date="2025-04-15",
        expiry_place="China",
        latest_shipment="2025-03-15",
        amount=Money("19000.00", "EUR"),
    )
    with pytest.raises(
        WorkflowError, match=r"the L/C is in EUR; it must be in the contract currency USD"
    ):
        order.apply(LCReceived(day("01-20"), lc))


def test_the_charges_tolerance_must_be_in_the_contract_currency() -> None:
    with pytest.raises(ValidationError, match="contract currency USD") as info:
        Order.start(make_contract(PaymentTerms.dp()), charges_tolerance=Money("50", "EUR"))
    assert info.value.path == "charges_tolerance.tolerance"


def test_ledger_counts_charges_up_to_the_tolerance_per_receipt() -> None:
    ledger = Ledger.empty("USD", usd("30.00"))
    ledger = ledger.receive("2025-01-08", usd("3000.00"), "A", bank_charges=usd("45.00"))
    ledger = ledger.receive("2025-01-09", usd("3000.00"), "B", bank_charges=usd("20.00"))
    assert (str(ledger.received), str(ledger.charges), str(ledger.counted)) == (
        "5935.00 USD",
        "65.00 USD",
        "5985.00 USD",
    )
    assert str(ledger.outstanding(usd("6000.00"))) == "15.00 USD"


def test_every_event_round_trips_through_json() -> None:
    events: list[Event] = list(_all_events())
    assert {type(e).__name__ for e in events} == set(EVENT_TYPES)
    for event in events:
        assert event_from_dict(event_to_dict(event)) == event


def test_unknown_event_type_is_refused() -> None:
    with pytest.raises(ValidationError, match="unknown event type") as info:
        event_from_dict({"type": "Teleported", "date": "2025-01-01"})
    assert info.value.path == "type"


def test_repr_html_shows_state_deadlines_allowed_events_and_amounts() -> None:
    order = walk(
        Order.start(make_contract(PaymentTerms.tt_deposit(), Incoterm.CFR)), [*quoting(), confirm()]
    )
    page = order._repr_html_()
    assert "<h4>Order BW-PI-2025-0107: Contract confirmed (PI countersigned)</h4>" in page
    assert "as of 2025-01-07" in page
    assert (
        "<td>deposit (30%)</td><td>USD 6,300.00</td><td>USD 0.00</td><td>USD 6,300.00</td><td>now</td>"
        in page
    )
    assert "start_production: blocked: awaiting deposit (30% = USD 6,300.00 not received)" in page
    assert "2025-03-15 latest shipment: 67 days left" in page


def _all_events() -> list[Event]:
    from exportdocs.workflow import _events as ev

    lc = LetterOfCredit(
        issuing_bank="Commerzbank",
        expiry_date="2025-04-15",
        expiry_place="China",
        latest_shipment="2025-03-15",
        amount=usd("21000.00"),
    )
    d = day("01-02")
    return [
        ev.InquiryReceived(d, channel="fair", note="Canton Fair booth 12.1"),
        ev.Quoted(d, "Q-1", d, approval_required=True, approval_reasons=("low margin",)),
        ev.PriceApproved(d, "boss"),
        ev.SampleRequested(d, usd("100.00"), True),
        ev.SampleSent(d, usd("35.00"), "DHL1"),
        ev.SampleApproved(d),
        ev.SampleRejected(d, "colour"),
        ev.ProformaIssued(d, "PI-1"),
        ev.ContractConfirmed(d),
        ev.PaymentReceived(d, Money("10.00", "EUR"), "R", Money("1.00", "EUR"), Decimal("1.08")),
        ev.LCReceived(d, lc),
        ev.LCChecked(d, ("a", "b")),
        ev.AmendmentRequested(d, ("a",)),
        ev.AmendmentReceived(d, lc),
        ev.LCAccepted(d),
        ev.ProductionStarted(d),
        ev.MidInspection(d, False, "R1"),
        ev.FinalInspectionPassed(d, "R2"),
        ev.FinalInspectionFailed(d, ("x",), "R3"),
        ev.SpaceBooked(d, "BK", "COSCO"),
        ev.ForwarderNominated(d, "KN", "BK2"),
        ev.Shipped(d, "AWB-1", "awb"),
        ev.BalanceRequested(d, "copy B/L sent"),
        ev.DocumentsReleased(d, True, "DHL2"),
        ev.DocumentsPresented(d, "BOC"),
        ev.DocumentsAccepted(d),
        ev.DiscrepanciesNotified(d, ("late",)),
        ev.Closed(d, "TR-1"),
        ev.Cancelled(d, "why", usd("1.00")),
        ev.PutOnHold(d, "wait"),
        ev.Resumed(d),
    ]


def test_event_fields_are_validated_with_paths() -> None:
    with pytest.raises(ValidationError) as info:
        PaymentReceived("2025-13-01", usd("-5.00"), "", bank_charges=Money("1", "EUR"))
    assert [p.path for p in info.value.problems] == ["date", "amount", "reference"]
