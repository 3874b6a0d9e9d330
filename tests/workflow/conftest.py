"""Contracts for the workflow tests: one factory taking the payment terms and the Incoterm."""

from __future__ import annotations

import datetime as dt

from exportdocs import Incoterm, Money, PaymentTerms, Place, TradeTerm
from exportdocs._contract import Contract
from exportdocs._parties import BankAccount, Party
from exportdocs._product import LineItem, Product

NINGBO = Place.port("Ningbo", "CN", locode="CNNGB")
HAMBURG = Place.port("Hamburg", "DE", locode="DEHAM")
FACTORY = Place("Yinzhou District, Ningbo", "CN")
WAREHOUSE = Place("Hamburg-Billbrook warehouse", "DE")

#: The named place each rule takes in these tests.
_PLACES = {
    Incoterm.EXW: FACTORY,
    Incoterm.FCA: FACTORY,
    Incoterm.FAS: NINGBO,
    Incoterm.FOB: NINGBO,
    Incoterm.CFR: HAMBURG,
    Incoterm.CIF: HAMBURG,
    Incoterm.CPT: WAREHOUSE,
    Incoterm.CIP: WAREHOUSE,
    Incoterm.DAP: WAREHOUSE,
    Incoterm.DPU: WAREHOUSE,
    Incoterm.DDP: WAREHOUSE,
}


def make_contract(
    payment: PaymentTerms, incoterm: Incoterm = Incoterm.FOB, *, number: str = "BW-PI-2025-0107"
) -> Contract:
    """USD 21,000.00 (5,000 pcs at USD 4.20), dated 2025-01-07, shipment by 2025-03-15.

    The figures of payment-terms.md: a 30% deposit is USD 6,300.00, the balance
    USD 14,700.00.
    """
    seller = Party(
        name="Ningbo Brightway Lighting Co., Ltd.",
        address=("No. 88 Jinshan Road", "Ningbo, Zhejiang 315100"),
        country="CN",
        bank=BankAccount(
            beneficiary="Ningbo Brightway Lighting Co., Ltd.",
            bank_name="Bank of China, Ningbo Branch",
            swift="BKCHCNBJ92A",
            account_number="3581 5863 7412",
        ),
    )
    buyer = Party(name="Nordlicht Handels GmbH", address=("Grosser Burstah 31",), country="DE")
    item = LineItem(
        product=Product("BW-A60-9", "LED bulb A60, E27, 9 W"),
        quantity=5000,
        unit_price=Money("4.20", "USD"),
    )
    return Contract(
        number=number,
        date=dt.date(2025, 1, 7),
        seller=seller,
        buyer=buyer,
        items=[item],
        trade_term=TradeTerm(incoterm, _PLACES[incoterm]),
        payment=payment,
        shipment_date=dt.date(2025, 3, 15),
        valid_until=dt.date(2025, 1, 31),
    )
