"""Write examples/notebook.ipynb (outputs cleared) from the cells below.

The notebook is generated so that it stays reviewable as Python; tests/test_examples.py
checks that the committed notebook matches this script and executes it headless.

Run: python examples/make_notebook.py [OUTDIR]   (default: next to this script)
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

CELLS: list[tuple[str, str]] = [
    (
        "md",
        "# exportdocs in a notebook\n\n"
        "Build a contract, look at it as a table, cost it, play with the exchange rate and "
        "the margin, follow the order through its workflow and render a PDF. Every object "
        "shows itself as a rich table (`_repr_html_`).",
    ),
    (
        "code",
        "import datetime as dt\n"
        "import tempfile\n"
        "from pathlib import Path\n\n"
        "import attrs\n\n"
        "from exportdocs import (\n"
        "    Contract, Incoterm, LineItem, Money, Packing, Party, PaymentTerms, Place, Product,\n"
        "    TradeTerm, costing, documents,\n"
        ")\n"
        "from exportdocs.samples import sample_cost_inputs, sample_seller",
    ),
    ("md", "## A contract\n\nTwo lines of LED lighting, FOB Ningbo, 30% deposit."),
    (
        "code",
        "ningbo = Place.port('Ningbo', 'CN', locode='CNNGB')\n"
        "buyer = Party('Nordlicht Handels GmbH', ['Grosser Burstah 31', '20457 Hamburg'], 'DE')\n"
        "panel = Product('BW-P6060-40', 'LED panel light 600x600 mm, 40 W', hs_code='9405.42.00',\n"
        "                packing=Packing(4, (62, 42, 36), net_weight_per_unit='2.35',\n"
        "                                tare_per_carton='1.60'))\n"
        "bulb = Product('BW-A60-9', 'LED bulb A60, E27, 9 W', hs_code='8539.52.00',\n"
        "               packing=Packing(100, (50, 40, 30), net_weight_per_unit='0.045',\n"
        "                               tare_per_carton='0.90'))\n"
        "contract = Contract(\n"
        "    number='NB-2026-001', date=dt.date(2026, 11, 2), seller=sample_seller(), buyer=buyer,\n"
        "    items=[LineItem(panel, 400, Money('18.60', 'USD')),\n"
        "           LineItem(bulb, 6000, Money('0.68', 'USD'))],\n"
        "    trade_term=TradeTerm(Incoterm.FOB, ningbo),\n"
        "    payment=PaymentTerms.tt_deposit('30', balance='copy_bl'),\n"
        "    port_of_loading=ningbo, shipment_date=dt.date(2026, 12, 20),\n"
        ")\n"
        "contract",
    ),
    ("code", "contract.total, contract.schedule[0].amount"),
    ("md", "## Money\n\nMoney is a `Decimal` amount with its currency; it never becomes a float."),
    ("code", "Money('12507.09', 'USD')"),
    (
        "md",
        "## The cost sheet\n\nThe sample order's costing: purchase prices in CNY incl. VAT, "
        "the export rebate, domestic costs, freight and insurance.",
    ),
    (
        "code",
        "from exportdocs.samples import sample_contract\n\n"
        "sample = sample_contract()\n"
        "inputs = sample_cost_inputs(sample)\n"
        "sheet = costing.analyse(inputs, [item.unit_price for item in sample.items])\n"
        "sheet",
    ),
    (
        "md",
        "## Exchange rates and margins\n\nThe quoted FOB price of the bulb at other bank buying "
        "rates and margin targets.",
    ),
    (
        "code",
        "rows = []\n"
        "for rate in ['6.90', '7.00', '7.10', '7.20']:\n"
        "    for margin in ['10%', '15%', '20%']:\n"
        "        changed = attrs.evolve(\n"
        "            inputs,\n"
        "            exchange_rate=costing.ExchangeRate('USD', rate),\n"
        "            target=costing.Target.margin(margin),\n"
        "        )\n"
        "        price = costing.quote(changed, ['FOB']).unit_prices('FOB')[4]\n"
        "        rows.append((rate, margin, str(price)))\n"
        "rows",
    ),
    (
        "md",
        "## The order workflow\n\nThe order shows its state, what is due, the deadlines and the "
        "events allowed next.",
    ),
    (
        "code",
        "from exportdocs.workflow import (\n"
        "    ContractConfirmed, InquiryReceived, Order, PaymentReceived, ProformaIssued, Quoted,\n"
        ")\n\n"
        "order = Order.start(sample)\n"
        "for event in [\n"
        "    InquiryReceived(dt.date(2026, 10, 20)),\n"
        "    Quoted(dt.date(2026, 10, 22), reference='Q-1'),\n"
        "    ProformaIssued(dt.date(2026, 11, 2), sample.number),\n"
        "    ContractConfirmed(dt.date(2026, 11, 3)),\n"
        "    PaymentReceived(dt.date(2026, 11, 9), sample.schedule[0].amount, 'TT-1'),\n"
        "]:\n"
        "    order = order.apply(event)\n"
        "order",
    ),
    ("md", "## A PDF\n\nThe proforma invoice of the contract built above."),
    (
        "code",
        "outdir = Path(tempfile.mkdtemp())\n"
        "pi = documents.proforma_invoice(contract)\n"
        "path = outdir / pi.filename('pdf')\n"
        "pi.pdf(path)\n"
        "path.name, path.stat().st_size > 10_000",
    ),
]


def build() -> nbformat.NotebookNode:
    """The notebook, outputs cleared."""
    cells = [new_markdown_cell(src) if kind == "md" else new_code_cell(src) for kind, src in CELLS]
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.metadata["language_info"] = {"name": "python"}
    for n, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{n:02d}"  # stable ids: the file only changes when a cell does
    return notebook


def main(outdir: Path) -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    path = outdir / "notebook.ipynb"
    nbformat.write(build(), path)
    print(f"wrote {path}")
    return path


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent)
