"""The order: guards, refusals, hold and resume, cancel, payments, the notebook view."""

from __future__ import annotations

from decimal import Decimal

import pytest

from exportdocs import Incoterm, Money, PaymentTerms, ValidationError, WorkflowError
from exportdocs._credit import LetterOfCredit
from exportdocs.workflow import (
    Cancelled,
    ContractConfirmed,
    FinalInspectionPassed,
    LCReceived,
    Order,
    PaymentReceived,
    ProductionStarted,
    PutOnHold,
    Resumed,
    SampleRequested,
    State,
)
from tests.workflow.conftest import make_contract
from tests.workflow.helpers import confirm, day, quoting, usd, walk


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
