"""Follow an order from inquiry to closed: deposit, production, shipment and balance.

The sample order (FOB Ningbo, 30% T/T deposit, 70% against copy of B/L) is kept in a
SQLite store in OUTDIR. At each step the script prints the state, and at a few
points what is due, the deadlines and the events that are allowed next; a too-early
event is refused with the reason.

Run: python examples/follow_an_order.py [OUTDIR]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from exportdocs import WorkflowError
from exportdocs.samples import sample_contract
from exportdocs.workflow import (
    BalanceRequested,
    Closed,
    ContractConfirmed,
    DocumentsReleased,
    FinalInspectionPassed,
    ForwarderNominated,
    InquiryReceived,
    Order,
    PaymentReceived,
    ProductionStarted,
    ProformaIssued,
    Quoted,
    Shipped,
    SQLiteStore,
)


def show(order: Order, today: dt.date) -> None:
    print(f"  -- {order.number} on {today}: {order.state.title}")
    for due in order.amounts_due(today):
        print(f"     {due}")
    for deadline in order.deadlines(today):
        print(f"     deadline {deadline}")
    print("     next: " + ", ".join(a.event for a in order.allowed() if a.allowed))


def main(outdir: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    contract = sample_contract()
    with SQLiteStore(outdir / "orders.sqlite") as store:
        order = store.create(contract)
        number = order.number

        def record(event: object) -> None:
            nonlocal order
            order = store.append(number, order.version, event)  # type: ignore[arg-type]
            print(f"{event}: now {order.state.value}")

        record(InquiryReceived(dt.date(2026, 10, 20), channel="email"))
        record(Quoted(dt.date(2026, 10, 22), reference="BW-Q-2026-311", valid_until="2026-12-02"))
        record(ProformaIssued(dt.date(2026, 11, 2), contract.number))
        record(ContractConfirmed(dt.date(2026, 11, 3), reference="PI countersigned"))
        show(order, dt.date(2026, 11, 5))
        try:
            order.apply(ProductionStarted(dt.date(2026, 11, 6)))
        except WorkflowError as refused:
            print(f"refused: {refused}")
        deposit = contract.schedule[0].amount
        record(PaymentReceived(dt.date(2026, 11, 9), deposit, "TT-20261109-01"))
        record(ProductionStarted(dt.date(2026, 11, 10)))
        record(FinalInspectionPassed(dt.date(2026, 12, 8), report="FRI-2026-118"))
        record(ForwarderNominated(dt.date(2026, 12, 9), "Kuehne+Nagel Ningbo"))
        record(Shipped(dt.date(2026, 12, 16), "MAEU262300118"))
        record(BalanceRequested(dt.date(2026, 12, 17)))
        show(order, dt.date(2026, 12, 17))
        balance = contract.schedule[1].amount
        record(PaymentReceived(dt.date(2026, 12, 22), balance, "TT-20261222-07"))
        record(DocumentsReleased(dt.date(2026, 12, 23), telex_release=True))
        record(Closed(dt.date(2027, 1, 15), tax_rebate_reference="TR-2027-0042"))
        reloaded = store.load(number)
    print(f"{reloaded}; received {reloaded.ledger.received}; over-paid {reloaded.overpaid}")
    print(f"store: {outdir / 'orders.sqlite'} ({len(reloaded.log)} events)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()))
