"""Fixtures for the rendering tests: sample documents and read-back helpers."""

from __future__ import annotations

import io
import re

from exportdocs.render import (
    Column,
    Document,
    DocumentMeta,
    Header,
    ItemTable,
    KeyValueGrid,
    Letterhead,
    Party,
    PartyBoxes,
    Signature,
    Signatures,
    Spacer,
    Style,
    Text,
    Totals,
)

LETTERHEAD = Letterhead(
    "NINGBO HAIDA TRADING CO., LTD.",
    ["No. 8 Jiangnan Road, Yinzhou District", "Ningbo 315000, Zhejiang, China"],
    phone="+86 574 8888 1234",
    email="sales@haida.example",
    web="www.haida.example",
)
COLUMNS = [
    Column("NO.", "0.6", "center"),
    Column("DESCRIPTION", 4),
    Column("QTY", 1, "right"),
    Column("UNIT", "0.7", "center"),
    Column("UNIT PRICE (USD)", "1.3", "right"),
    Column("AMOUNT (USD)", "1.5", "right"),
]


def rows(n: int, zh: bool = False) -> list[list[str]]:
    """``n`` line items; every 3rd has a description long enough to wrap."""
    out = []
    for i in range(n):
        desc = f"Item {i + 1:04d} ceramic mug 350 ml"
        if i % 3 == 0:
            desc += ", glazed, with handle, printed colour box, 48 pcs per export carton ®"
        if zh:
            desc += " 陶瓷杯"
        out.append(
            [str(i + 1), desc, f"{(i % 9 + 1) * 100:,}", "PCS", "3.75", f"{(i % 9 + 1) * 375:,}.00"]
        )
    return out


def sample(n: int = 5, *, zh: bool = False, title: str = "PROFORMA INVOICE") -> Document:
    """A PI-like document using every block type."""
    return Document(
        [
            Header(title, info={"PI No.": "HD-PI-2025-017", "Date": "2025-03-15"}),
            PartyBoxes(
                [
                    Party("SELLER", ["NINGBO HAIDA TRADING CO., LTD.", "Ningbo, China"]),
                    Party(
                        "BUYER" if not zh else "买方 BUYER",
                        ["ACME HOUSEWARES GMBH", "22767 Hamburg"],
                    ),
                ]
            ),
            KeyValueGrid(
                {
                    "Payment": "30% T/T DEPOSIT, 70% AGAINST COPY OF B/L",
                    "Port of loading": "NINGBO, CHINA",
                    "Terms": "FOB NINGBO Incoterms® 2020",
                    "Validity": "30 days",
                },
                columns=4,
            ),
            ItemTable(
                COLUMNS, rows(n, zh), totals=[["", "TOTAL", "4,500", "", "", "USD 16,875.00"]]
            ),
            Totals(
                [("Deposit 30%", "USD 6,300.00"), ("TOTAL", "USD 21,000.00")],
                words="SAY US DOLLARS TWENTY ONE THOUSAND ONLY",
            ),
            Text("Bank details", "heading"),
            Text("Beneficiary: NINGBO HAIDA TRADING CO., LTD.\nSWIFT: ICBKCNBJNBO"),
            Spacer(3),
            Text("Prices depend on the exchange rate × freight ±5%, 20 °C, 1 m³, € ¥.", "muted"),
            Signatures(
                [
                    Signature("For and on behalf of SELLER", "Li Wei", "Sales Manager"),
                    Signature("Confirmed and accepted by BUYER"),
                ]
            ),
        ],
        DocumentMeta("Proforma invoice", reference="HD-PI-2025-017"),
    )


STYLE = Style(LETTERHEAD)


def squash(text: str) -> str:
    """Text without whitespace and NULs.

    pypdf puts spaces between wrapped lines and cells in its own way, and reads text
    in CID-keyed CFF fonts (Noto Sans CJK) with a NUL before each character, although
    poppler's pdftotext reads the same file cleanly.
    """
    return re.sub(r"[\s\x00]+", "", text)


def pdf_pages(data: bytes) -> list[str]:
    import pypdf

    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]
