"""The payments ledger: charges counted up to the tolerance."""

from __future__ import annotations

from exportdocs.workflow import Ledger
from tests.workflow.helpers import usd


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
