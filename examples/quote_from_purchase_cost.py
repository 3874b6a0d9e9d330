"""Quote a product from its purchase cost: FOB, CFR and CIF prices at a target margin.

A factory sells an LED bulb at CNY 5.20 including 13% VAT; the export rebate is 13%.
This script works out the quoted prices under three Incoterms rules for a 15% margin on
sale, checks a buyer's counter-offer, and writes the quotation as a PDF.

Run: python examples/quote_from_purchase_cost.py [OUTDIR]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import attrs

from exportdocs import Incoterm, LineItem, Money, TradeTerm, costing, documents
from exportdocs.costing import Cost, CostInputs, CostLine, ExchangeRate, Freight, Insurance, Target
from exportdocs.samples import HAMBURG, sample_contract


def main(outdir: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    contract = sample_contract()
    bulb = contract.items[4]  # BW-A60-9, 6,020 pcs
    inputs = CostInputs(
        lines=[
            CostLine(
                reference=bulb.product.item_no,
                quantity=bulb.quantity,
                purchase_price=Money("5.20", "CNY"),
                vat_rate="13%",
                rebate_rate="13%",
                cbm="3.617",
                gross_weight="325.24",
            )
        ],
        exchange_rate=ExchangeRate("USD", "7.10"),
        costs=[
            Cost("inland_freight", Money("800.00", "CNY")),
            Cost("other", Money("150.00", "CNY")),
        ],
        freight=Freight.lump_sum(Money("420.00", "USD")),
        insurance=Insurance("0.3%"),
        bank_rate="0.15%",
        target=Target.margin("15%"),
    )
    quote = costing.quote(inputs, ["FOB", "CFR", "CIF"])
    for rule in quote.rules:
        price = quote.lines[0].price(rule)
        print(f"{quote.term(rule)}: {price.unit_price} per pc, {price.line_total} for the line")

    offer = Money("0.74", "USD")
    sheet = costing.analyse(inputs, [offer])
    print(f"counter-offer {offer}: margin {costing.format_percent(sheet.summary.margin_on_sale)}")
    print(sheet.approval)

    fob = quote.unit_prices("FOB")[0]
    one_line = attrs.evolve(contract, items=(LineItem(bulb.product, bulb.quantity, fob),))
    columns = documents.price_columns(
        quote, [TradeTerm(Incoterm.CFR, HAMBURG), TradeTerm(Incoterm.CIF, HAMBURG)]
    )
    doc = documents.quotation(one_line, prices=columns)
    path = outdir / doc.filename("pdf")
    doc.pdf(path)
    print(f"wrote {path}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()))
