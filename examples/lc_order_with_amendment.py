"""An L/C order with an amendment: the L/C arrives too tight, is amended, then paid.

The sample contract is switched to an irrevocable L/C at sight, CIF Hamburg. The
first L/C gives only 10 days between the latest shipment and expiry, so the seller
asks for an amendment before accepting it; after shipment the documents go through
the banks (presentation, a discrepancy, re-presentation), and the bank pays.

Run: python examples/lc_order_with_amendment.py [OUTDIR]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from exportdocs import Incoterm, LetterOfCredit, Money, PaymentTerms, TradeTerm, WorkflowError
from exportdocs.samples import HAMBURG, sample_contract
from exportdocs.workflow import (
    AmendmentReceived,
    AmendmentRequested,
    Closed,
    ContractConfirmed,
    DiscrepanciesNotified,
    DocumentsAccepted,
    DocumentsPresented,
    FinalInspectionPassed,
    InquiryReceived,
    LCAccepted,
    LCChecked,
    LCReceived,
    Order,
    PaymentReceived,
    ProductionStarted,
    ProformaIssued,
    Quoted,
    Shipped,
    SpaceBooked,
    SQLiteStore,
)


def letter_of_credit(amount: Money, expiry: str) -> LetterOfCredit:
    return LetterOfCredit(
        issuing_bank="Commerzbank AG, Hamburg",
        number="LC-HH-2026-0777",
        expiry_date=expiry,
        expiry_place="China",
        latest_shipment="2026-12-20",
        amount=amount,
    )


def main(outdir: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    contract = sample_contract(
        payment=PaymentTerms.lc_at_sight(), trade_term=TradeTerm(Incoterm.CIF, HAMBURG)
    )
    print(f"{contract.number}: {contract.trade_term}, {contract.payment}, {contract.total}")
    with SQLiteStore(outdir / "lc-orders.sqlite") as store:
        order: Order = store.create(contract)
        steps = [
            InquiryReceived(dt.date(2026, 10, 20)),
            Quoted(dt.date(2026, 10, 22), reference="BW-Q-2026-312"),
            ProformaIssued(dt.date(2026, 11, 2), contract.number),
            ContractConfirmed(dt.date(2026, 11, 3)),
            LCReceived(dt.date(2026, 11, 12), letter_of_credit(contract.total, "2026-12-30")),
            LCChecked(dt.date(2026, 11, 13), problems=("only 10 days from shipment to expiry",)),
        ]
        for event in steps:
            order = store.append(order.number, order.version, event)
            print(f"{event}: now {order.state.value}")
        try:
            order.apply(LCAccepted(dt.date(2026, 11, 14)))
        except WorkflowError as refused:
            print(f"refused: {refused}")
        steps = [
            AmendmentRequested(dt.date(2026, 11, 14), changes=("expiry 2027-01-15",)),
            AmendmentReceived(
                dt.date(2026, 11, 20), letter_of_credit(contract.total, "2027-01-15")
            ),
            LCAccepted(dt.date(2026, 11, 21)),
            ProductionStarted(dt.date(2026, 11, 22)),
            FinalInspectionPassed(dt.date(2026, 12, 10)),
            SpaceBooked(dt.date(2026, 12, 11), "COSU6262001", carrier="COSCO"),
            Shipped(dt.date(2026, 12, 18), "COSU6262001"),
        ]
        for event in steps:
            order = store.append(order.number, order.version, event)
            print(f"{event}: now {order.state.value}")
        for deadline in order.deadlines(dt.date(2026, 12, 19)):
            print(f"  deadline {deadline}")
        steps = [
            DocumentsPresented(dt.date(2026, 12, 21), bank="Bank of China, Ningbo"),
            DiscrepanciesNotified(dt.date(2026, 12, 24), discrepancies=("invoice unsigned",)),
            DocumentsPresented(dt.date(2026, 12, 28)),
            DocumentsAccepted(dt.date(2027, 1, 4)),
            PaymentReceived(dt.date(2027, 1, 8), contract.total, "LC-PAY-0777"),
            Closed(dt.date(2027, 1, 20)),
        ]
        for event in steps:
            order = store.append(order.number, order.version, event)
            print(f"{event}: now {order.state.value}")
    print(f"{order}: received {order.ledger.received}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()))
