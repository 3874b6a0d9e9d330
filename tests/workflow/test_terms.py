"""One full order per payment term, from inquiry to closed: every state, every amount due."""

from __future__ import annotations

import pytest

from exportdocs import Incoterm, LetterOfCredit, PaymentTerms, WorkflowError
from exportdocs.workflow import (
    AmendmentReceived,
    AmendmentRequested,
    BalanceRequested,
    Closed,
    ContractConfirmed,
    DiscrepanciesNotified,
    Document,
    DocumentsAccepted,
    DocumentsPresented,
    DocumentsReleased,
    FinalInspectionFailed,
    FinalInspectionPassed,
    ForwarderNominated,
    LCAccepted,
    LCChecked,
    LCReceived,
    MidInspection,
    Order,
    PaymentReceived,
    ProductionStarted,
    ProformaIssued,
    SampleApproved,
    SampleRejected,
    SampleRequested,
    SampleSent,
    Shipped,
    SpaceBooked,
    State,
    TransportDocument,
)
from tests.workflow.conftest import make_contract
from tests.workflow.helpers import confirm, day, dues, quoting, usd, walk


def refused(order: Order, event: object, message: str) -> None:
    """The event is refused with ``message`` and the order is unchanged."""
    before = order
    with pytest.raises(WorkflowError, match=message):
        order.apply(event)
    assert before == order


def make_lc(**changes: object) -> LetterOfCredit:
    fields: dict[str, object] = {
        "issuing_bank": "Commerzbank AG, Hamburg",
        "number": "LC-HH-2025-0042",
        "expiry_date": "2025-04-15",
        "expiry_place": "China",
        "latest_shipment": "2025-03-15",
        "amount": usd("21000.00"),
    }
    fields.update(changes)
    return LetterOfCredit(**fields)


def test_tt_100_percent_in_advance() -> None:
    order = Order.start(make_contract(PaymentTerms.tt_in_advance(), Incoterm.CIF))
    order = walk(order, [*quoting(), confirm()])
    assert dues(order, "01-07") == [
        ("payment in advance", "21000.00 USD", "0.00 USD", "21000.00 USD", True)
    ]
    order = walk(order, [(PaymentReceived(day("01-10"), usd("10000.00"), "FT-1"), State.CONFIRMED)])
    refused(
        order,
        ProductionStarted(day("01-11")),
        r"cannot start production in state 'confirmed': awaiting payment in advance "
        r"\(100% = USD 21,000\.00; USD 10,000\.00 received, USD 11,000\.00 outstanding\)",
    )
    order = walk(
        order,
        [
            (PaymentReceived(day("01-12"), usd("11000.00"), "FT-2"), State.DEPOSIT_RECEIVED),
            (ProductionStarted(day("01-13")), State.PRODUCTION),
            (MidInspection(day("02-10"), passed=True, report="DUPRO-1"), State.PRODUCTION),
            (FinalInspectionPassed(day("03-01"), report="FRI-1"), State.INSPECTED),
        ],
    )
    assert order.documents == (Document.PACKING_LIST,)
    refused(order, ForwarderNominated(day("03-02"), "Kuehne+Nagel"), "under CIF the seller books")
    order = walk(
        order,
        [
            (SpaceBooked(day("03-02"), "COSU6123456780", carrier="COSCO"), State.BOOKED),
            (Shipped(day("03-10"), "COSU6123456780"), State.SHIPPED),
            (DocumentsReleased(day("03-11"), tracking="DHL 123"), State.DOCUMENTS_RELEASED),
            (Closed(day("03-20"), tax_rebate_reference="TR-2025-0107"), State.CLOSED),
        ],
    )
    assert order.allowed() == ()
    assert dues(order, "03-20") == [
        ("payment in advance", "21000.00 USD", "21000.00 USD", "0.00 USD", True)
    ]
    assert order.version == 15


def test_tt_deposit_and_balance_before_shipment() -> None:
    order = Order.start(make_contract(PaymentTerms.tt_deposit("30", "before_shipment")))
    order = walk(
        order,
        [
            *quoting(),
            confirm(),
            (PaymentReceived(day("01-09"), usd("6300.00"), "FT-1"), State.DEPOSIT_RECEIVED),
            (ProductionStarted(day("01-10")), State.PRODUCTION),
            (FinalInspectionPassed(day("03-01")), State.INSPECTED),
        ],
    )
    assert dues(order, "03-01") == [
        ("deposit", "6300.00 USD", "6300.00 USD", "0.00 USD", True),
        ("balance", "14700.00 USD", "0.00 USD", "14700.00 USD", True),
    ]
    refused(
        order,
        SpaceBooked(day("03-02"), "BK-1"),
        "under FOB the buyer contracts the main carriage; record the buyer's nominated forwarder",
    )
    order = walk(order, [(ForwarderNominated(day("03-02"), "Kuehne+Nagel"), State.BOOKED)])
    refused(
        order,
        Shipped(day("03-05"), "MAEU123"),
        r"cannot ship in state 'booked': awaiting balance \(70% = USD 14,700\.00 not received\)",
    )
    order = walk(
        order,
        [
            (PaymentReceived(day("03-04"), usd("14700.00"), "FT-2"), State.BOOKED),
            (Shipped(day("03-05"), "MAEU123"), State.SHIPPED),
            (DocumentsReleased(day("03-06"), telex_release=True), State.DOCUMENTS_RELEASED),
            (Closed(day("03-31")), State.CLOSED),
        ],
    )
    assert str(order.overpaid) == "0.00 USD"


def test_tt_deposit_and_balance_against_copy_bl_with_samples() -> None:
    order = Order.start(make_contract(PaymentTerms.tt_deposit("30", "copy_bl"), Incoterm.CFR))
    order = walk(
        order,
        [
            *quoting()[:4],
            (
                SampleRequested(day("01-05"), fee=usd("100.00"), fee_deductible=True),
                State.SAMPLE_REQUESTED,
            ),
            (SampleSent(day("01-06"), courier_cost=usd("35.00")), State.SAMPLE_SENT),
            (SampleRejected(day("01-10"), reason="colour temperature"), State.SAMPLE_REJECTED),
            (SampleSent(day("01-12"), courier_cost=usd("38.50")), State.SAMPLE_SENT),
            (SampleApproved(day("01-15")), State.SAMPLE_APPROVED),
        ],
    )
    assert str(order.data.sample_costs) == "73.50 USD"
    order = walk(
        order,
        [
            (ProformaIssued(day("01-16"), "PI-0107"), State.PI_ISSUED),
            (ContractConfirmed(day("01-17")), State.CONFIRMED),
        ],
    )
    # The deductible sample fee counts toward the deposit: USD 6,200.00 is left to pay.
    assert dues(order, "01-17") == [
        ("deposit", "6300.00 USD", "100.00 USD", "6200.00 USD", True),
        ("balance", "14700.00 USD", "0.00 USD", "14700.00 USD", False),
    ]
    order = walk(
        order,
        [
            (PaymentReceived(day("01-20"), usd("6200.00"), "FT-1"), State.DEPOSIT_RECEIVED),
            (ProductionStarted(day("01-21")), State.PRODUCTION),
            (FinalInspectionPassed(day("03-01")), State.INSPECTED),
            (SpaceBooked(day("03-02"), "EGLV1234"), State.BOOKED),
            (Shipped(day("03-10"), "EGLV149500012345"), State.SHIPPED),
        ],
    )
    refused(
        order,
        DocumentsReleased(day("03-11")),
        r"awaiting balance \(70% = USD 14,700\.00 not received\)",
    )
    order = walk(order, [(BalanceRequested(day("03-11")), State.BALANCE_DUE)])
    assert dues(order, "03-11") == [
        ("deposit", "6300.00 USD", "6300.00 USD", "0.00 USD", True),
        ("balance", "14700.00 USD", "0.00 USD", "14700.00 USD", True),
    ]
    # An intermediary bank kept USD 25.00; with no tolerance that is still outstanding.
    order = walk(
        order,
        [
            (
                PaymentReceived(day("03-14"), usd("14700.00"), "FT-2", bank_charges=usd("25.00")),
                State.BALANCE_DUE,
            ),
        ],
    )
    assert str(order.amounts_due(day("03-14"))[1].received) == "14675.00 USD"
    order = walk(
        order,
        [
            (PaymentReceived(day("03-15"), usd("25.00"), "FT-3"), State.BALANCE_RECEIVED),
            (DocumentsReleased(day("03-16"), tracking="DHL 77"), State.DOCUMENTS_RELEASED),
            (Closed(day("04-30")), State.CLOSED),
        ],
    )
    assert str(order.ledger.received) == "21000.00 USD"


def test_lc_at_sight_with_amendment_reinspection_and_discrepancies() -> None:
    contract = make_contract(PaymentTerms.lc_at_sight(), Incoterm.CIF)
    order = Order.start(contract, charges_tolerance=usd("50.00"))
    order = walk(order, [*quoting(), confirm()])
    assert dues(order, "01-07") == [
        ("L/C at sight", "21000.00 USD", "0.00 USD", "21000.00 USD", False)
    ]
    refused(
        order,
        ProductionStarted(day("01-08")),
        r"awaiting the L/C \(not received\)",
    )
    tight = make_lc(expiry_date="2025-03-20", latest_shipment="2025-03-10")
    order = walk(
        order,
        [
            (LCReceived(day("01-20"), tight), State.LC_RECEIVED),
            (
                LCChecked(day("01-21"), problems=("expiry only 10 days after shipment",)),
                State.LC_CHECKED,
            ),
        ],
    )
    refused(order, LCAccepted(day("01-22")), r"the L/C check found 1 open problem")
    order = walk(
        order,
        [
            (
                AmendmentRequested(day("01-22"), changes=("expiry 2025-04-15",)),
                State.AMENDMENT_REQUESTED,
            ),
            (AmendmentReceived(day("02-01"), make_lc()), State.AMENDMENT_RECEIVED),
            (LCAccepted(day("02-02")), State.LC_ACCEPTED),
            (ProductionStarted(day("02-03")), State.PRODUCTION),
            (
                FinalInspectionFailed(day("03-01"), defects=("3 of 200 bulbs flicker",)),
                State.INSPECTION_FAILED,
            ),
            (FinalInspectionPassed(day("03-04")), State.INSPECTED),
            (SpaceBooked(day("03-05"), "BK-9"), State.BOOKED),
            (Shipped(day("03-10"), "COSU99"), State.SHIPPED),
        ],
    )
    assert [(str(d.date), d.label, d.days_left) for d in order.deadlines(day("03-12"))] == [
        ("2025-03-31", "last day for presentation (UCP 600 Art. 14(c))", 19),
        ("2025-04-15", "L/C expiry (31D)", 34),
    ]
    refused(order, DocumentsReleased(day("03-12")), "the documents go through the banks")
    order = walk(
        order,
        [
            (DocumentsPresented(day("03-12"), bank="Bank of China, Ningbo"), State.PRESENTED),
            (
                DiscrepanciesNotified(day("03-14"), discrepancies=("late B/L date",)),
                State.DISCREPANCIES,
            ),
            (DocumentsPresented(day("03-17")), State.PRESENTED),
            (DocumentsAccepted(day("03-20")), State.DOCUMENTS_ACCEPTED),
        ],
    )
    assert dues(order, "03-20") == [
        ("L/C at sight", "21000.00 USD", "0.00 USD", "21000.00 USD", True)
    ]
    # USD 40.00 of bank charges, within the USD 50.00 tolerance: paid in full.
    order = walk(
        order,
        [
            (
                PaymentReceived(day("03-25"), usd("21000.00"), "LC-PAY", bank_charges=usd("40.00")),
                State.PAID,
            ),
            (Closed(day("04-10")), State.CLOSED),
        ],
    )
    assert (
        str(order.ledger.received),
        str(order.ledger.counted),
    ) == ("20960.00 USD", "21000.00 USD")


def test_lc_usance_90_days_after_bl_date() -> None:
    contract = make_contract(PaymentTerms.lc_usance(90))
    order = walk(
        Order.start(contract),
        [
            *quoting(),
            confirm(),
            (LCReceived(day("01-20"), make_lc()), State.LC_RECEIVED),
            (LCChecked(day("01-21")), State.LC_CHECKED),
            (LCAccepted(day("01-22")), State.LC_ACCEPTED),
            (ProductionStarted(day("01-23")), State.PRODUCTION),
            (FinalInspectionPassed(day("03-01")), State.INSPECTED),
            (ForwarderNominated(day("03-02"), "DHL Global Forwarding"), State.BOOKED),
            (Shipped(day("03-10"), "MAEU555", TransportDocument.BL), State.SHIPPED),
            (DocumentsPresented(day("03-12")), State.PRESENTED),
            (DocumentsAccepted(day("03-18")), State.DOCUMENTS_ACCEPTED),
        ],
    )
    assert [(d.name, d.label, str(d.date), d.days_left) for d in order.deadlines(day("03-18"))] == [
        ("balance_due", "usance L/C due", "2025-06-08", 82)
    ]
    assert dues(order, "06-07") == [
        ("usance L/C", "21000.00 USD", "0.00 USD", "21000.00 USD", False)
    ]
    assert dues(order, "06-08")[0][4] is True
    order = walk(
        order,
        [
            (PaymentReceived(day("06-09"), usd("21000.00"), "LC-MAT"), State.PAID),
            (Closed(day("06-30")), State.CLOSED),
        ],
    )
    assert order.deadlines(day("06-30")) == ()


def test_documents_against_payment() -> None:
    order = walk(
        Order.start(make_contract(PaymentTerms.dp())),
        [*quoting(), confirm()],
    )
    refused(order, LCReceived(day("01-08"), make_lc()), "have no L/C")
    order = walk(
        order,
        [
            (ProductionStarted(day("01-08")), State.PRODUCTION),
            (FinalInspectionPassed(day("03-01")), State.INSPECTED),
            (ForwarderNominated(day("03-02"), "Kuehne+Nagel"), State.BOOKED),
            (Shipped(day("03-10"), "MAEU777"), State.SHIPPED),
            (DocumentsPresented(day("03-11"), bank="Bank of China (remitting)"), State.PRESENTED),
        ],
    )
    refused(order, DiscrepanciesNotified(day("03-12")), "have no L/C")
    assert dues(order, "03-11") == [("D/P", "21000.00 USD", "0.00 USD", "21000.00 USD", True)]
    order = walk(
        order,
        [
            (DocumentsAccepted(day("03-20")), State.DOCUMENTS_ACCEPTED),
            (PaymentReceived(day("03-22"), usd("21000.00"), "COLL-1"), State.PAID),
            (Closed(day("03-31")), State.CLOSED),
        ],
    )


def test_documents_against_acceptance_60_days_after_sight() -> None:
    order = walk(
        Order.start(make_contract(PaymentTerms.da(60), Incoterm.CFR)),
        [
            *quoting(),
            confirm(),
            (ProductionStarted(day("01-08")), State.PRODUCTION),
            (FinalInspectionPassed(day("03-01")), State.INSPECTED),
            (SpaceBooked(day("03-02"), "BK-DA"), State.BOOKED),
            (Shipped(day("03-10"), "EGLV555"), State.SHIPPED),
            (DocumentsPresented(day("03-11")), State.PRESENTED),
            (DocumentsAccepted(day("03-15")), State.DOCUMENTS_ACCEPTED),
        ],
    )
    assert [(d.name, d.label, str(d.date), d.days_left) for d in order.deadlines(day("03-15"))] == [
        ("balance_due", "D/A due", "2025-05-14", 60)
    ]
    order = walk(
        order,
        [
            (PaymentReceived(day("05-14"), usd("21000.00"), "DA-MAT"), State.PAID),
            (Closed(day("05-20")), State.CLOSED),
        ],
    )


def test_open_account_60_days_after_bl_date() -> None:
    order = walk(
        Order.start(make_contract(PaymentTerms.open_account(60), Incoterm.DAP)),
        [
            *quoting(),
            confirm(),
            (ProductionStarted(day("01-08")), State.PRODUCTION),
            (FinalInspectionPassed(day("03-01")), State.INSPECTED),
            (SpaceBooked(day("03-02"), "BK-OA"), State.BOOKED),
            (Shipped(day("03-10"), "COSU777"), State.SHIPPED),
            (DocumentsReleased(day("03-11")), State.DOCUMENTS_RELEASED),
            (PaymentReceived(day("05-01"), usd("10000.00"), "OA-1"), State.DOCUMENTS_RELEASED),
        ],
    )
    assert [str(d) for d in order.deadlines(day("05-10"))] == [
        "2025-05-09 open account due: overdue by 1 day"
    ]
    refused(
        order,
        Closed(day("05-10")),
        r"cannot close in state 'documents_released': awaiting payment \(100% = USD 21,000\.00; "
        r"USD 10,000\.00 received, USD 11,000\.00 outstanding\)",
    )
    order = walk(
        order,
        [
            (PaymentReceived(day("05-12"), usd("11000.00"), "OA-2"), State.PAID),
            (Closed(day("05-31")), State.CLOSED),
        ],
    )
