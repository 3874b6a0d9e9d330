"""The peer of ``exportdocs render``: the same proforma invoice built with ReportLab platypus.

Run as a whole process, the way ``exportdocs render order.json`` runs:
``python benchmarks/reportlab_pi.py order.json out.pdf``. It reads the same order file
(JSON, with the standard library), registers the same DejaVu Sans faces and builds a PI
as most ReportLab users write one: a title, seller and buyer, the terms, the item table
with wrapping descriptions and a repeated header, the totals, the payment schedule, the
bank details and two signature lines. It does less than exportdocs (no amount in words,
no validation of the order, no packing or marks), so the comparison favours it.
"""

from __future__ import annotations

import io
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONTS = Path(__file__).resolve().parents[1] / "src/exportdocs/render/fonts"


def build(order: dict[str, Any]) -> bytes:
    """The PDF of the PI of ``order`` (an order file's ``contract`` object)."""
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONTS / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
    body = ParagraphStyle("body", fontName="DejaVu", fontSize=8, leading=10)
    bold = ParagraphStyle("bold", parent=body, fontName="DejaVu-Bold")
    title = ParagraphStyle("title", parent=bold, fontSize=16, leading=20, alignment=2)

    seller, buyer = order["seller"], order["buyer"]
    story: list = [
        Paragraph("PROFORMA INVOICE", title),
        Paragraph(seller["name"], bold),
        *[Paragraph(line, body) for line in seller["address"]],
        Spacer(1, 4 * mm),
        Paragraph(f"No. {order['number']}    Date: {order['date']}", body),
        Spacer(1, 4 * mm),
    ]
    parties = [
        [Paragraph("SELLER", bold), Paragraph("BUYER", bold)],
        [
            Paragraph("<br/>".join([seller["name"], *seller["address"]]), body),
            Paragraph("<br/>".join([buyer["name"], *buyer["address"]]), body),
        ],
    ]
    story.append(
        Table(
            parties,
            colWidths=[90 * mm, 90 * mm],
            style=[("BOX", (0, 0), (-1, -1), 0.5, colors.grey)],
        )
    )
    story.append(Spacer(1, 4 * mm))
    term = order["trade_term"]
    story.append(
        Paragraph(f"Terms: {term['incoterm']} {term['place']['name']} Incoterms® 2020", body)
    )
    story.append(Spacer(1, 4 * mm))

    rows = [["NO.", "ITEM NO.", "DESCRIPTION", "HS CODE", "QTY", "UNIT", "UNIT PRICE", "AMOUNT"]]
    total = Decimal(0)
    for i, item in enumerate(order["items"], start=1):
        product = item["product"]
        quantity = Decimal(item["quantity"])
        price = Decimal(item["unit_price"]["amount"])
        amount = (quantity * price).quantize(Decimal("0.01"))
        total += amount
        rows.append(
            [
                str(i),
                product["item_no"],
                Paragraph(product["description"], body),
                product.get("hs_code") or "",
                f"{quantity:,}",
                product["unit"],
                f"{price:,.2f}",
                f"{amount:,.2f}",
            ]
        )
    currency = order["items"][0]["unit_price"]["currency"]
    rows.append(["", "", Paragraph("TOTAL", bold), "", "", "", currency, f"{total:,.2f}"])
    widths = [10, 25, 62, 20, 16, 12, 17, 20]
    table = Table(rows, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "DejaVu-Bold", 8),
                ("FONT", (0, 1), (-1, -1), "DejaVu", 8),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (4, 0), (-1, -1), "RIGHT"),
            ]
        )
    )
    story += [table, Spacer(1, 4 * mm), Paragraph("PAYMENT", bold)]
    for instalment in order["payment"]["instalments"]:
        share = Decimal(instalment["percent"])
        story.append(
            Paragraph(
                f"{share}% {instalment['trigger']}: {currency} {total * share / 100:,.2f}", body
            )
        )
    bank = seller["bank"]
    story += [
        Spacer(1, 4 * mm),
        Paragraph("BANK DETAILS", bold),
        Paragraph(f"Beneficiary: {bank['beneficiary']}", body),
        Paragraph(f"Bank: {bank['bank_name']}", body),
        Paragraph(f"SWIFT: {bank['swift']}", body),
        Spacer(1, 12 * mm),
        Table([["For the seller", "For the buyer"]], colWidths=[90 * mm, 90 * mm]),
    ]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm).build(story)
    return out.getvalue()


def main(order_path: str, out_path: str) -> None:
    order = json.loads(Path(order_path).read_text(encoding="utf-8"))["contract"]
    Path(out_path).write_bytes(build(order))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
