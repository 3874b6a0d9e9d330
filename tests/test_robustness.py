"""Junk in, the library's own error out (in the style of python-stdnum's robustness test).

Every public constructor and parser is called with each junk value in each argument,
the other arguments valid. It must either accept the value or raise an
``ExportDocsError``; a bare ``TypeError``, ``KeyError``, ``decimal.InvalidOperation`` or
a dependency's exception escaping is a bug.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

import exportdocs as ed
from exportdocs import costing
from exportdocs.samples import (
    HAMBURG,
    NINGBO,
    sample_buyer,
    sample_contract,
    sample_items,
    sample_seller,
)

JUNK: list[Any] = [
    None,
    "",
    " ",
    "€",
    "３",
    "1e400",
    "NaN",
    "-Infinity",
    "0x10",
    "9" * 100_000,
    "x" * 100_000,
    "\x00",
    float("nan"),
    float("inf"),
    1.5,
    -1,
    0,
    10**30,
    True,
    b"bytes",
    Decimal("NaN"),
    Decimal("1e400"),
    [],
    [None, {}],
    {"a": [None]},
    {"amount": {"nested": ["garbage"]}},
    object(),
    dt.datetime(2026, 1, 1, 12, 0),
]

_PACKING = ed.Packing(
    24, ed.Dimensions(50, 40, 30), net_weight_per_unit="0.35", tare_per_carton="0.9"
)
_PRODUCT = sample_items()[0].product
_LC = dict(
    expiry_date="2026-12-31",
    expiry_place="China",
    latest_shipment="2026-12-15",
    issuing_bank="Commerzbank AG",
)

# (name, callable, valid keyword arguments)
TARGETS: list[tuple[str, Callable[..., Any], dict[str, Any]]] = [
    ("Money", ed.Money, {"amount": "12.50", "currency": "USD"}),
    ("Money.parse", ed.Money.parse, {"text": "USD 12.50"}),
    ("Currency", ed.Currency, {"code": "USD"}),
    ("Country", ed.Country, {"alpha_2": "CN"}),
    ("Place", ed.Place, {"name": "Ningbo", "country": "CN", "kind": "port", "locode": "CNNGB"}),
    ("Unit.parse", ed.Unit.parse, {"value": "PCS"}),
    ("Incoterm.parse", ed.Incoterm.parse, {"value": "FOB"}),
    ("TradeTerm", ed.TradeTerm, {"incoterm": "FOB", "place": NINGBO}),
    ("Dimensions", ed.Dimensions, {"length": 50, "width": 40, "height": 30}),
    (
        "Packing",
        ed.Packing,
        {
            "units_per_carton": 24,
            "carton": (50, 40, 30),
            "net_weight_per_unit": "0.35",
            "tare_per_carton": "0.9",
        },
    ),
    (
        "Packing.from_carton_weights",
        ed.Packing.from_carton_weights,
        {
            "units_per_carton": 24,
            "carton": (50, 40, 30),
            "net_weight_per_carton": "8.4",
            "gross_weight_per_carton": "9.3",
        },
    ),
    (
        "PackingEntry",
        ed.PackingEntry,
        {"line": 0, "item_no": "A", "quantity": 1030, "packing": _PACKING},
    ),
    (
        "PackingPlan.build",
        ed.PackingPlan.build,
        {"entries": [ed.PackingEntry(0, "A", 1030, _PACKING)], "mix_remainders": True},
    ),
    ("ShippingMarks", ed.ShippingMarks, {"main": ["NLH", "HAMBURG", "C/NO. 1-UP"], "side": []}),
    (
        "ShippingMarks.standard",
        ed.ShippingMarks.standard,
        {"consignee_code": "NLH", "reference": "PO 1", "destination": "HAMBURG"},
    ),
    (
        "BankAccount",
        ed.BankAccount,
        {
            "beneficiary": "Brightway",
            "bank_name": "BOC",
            "bank_address": ["Ningbo"],
            "swift": "BKCHCNBJ92A",
            "account_number": "12345678",
        },
    ),
    (
        "Party",
        ed.Party,
        {
            "name": "Nordlicht",
            "address": ["Hamburg"],
            "country": "DE",
            "email": "a@b.de",
            "phone": "+49 40 123456",
        },
    ),
    ("HSCode", ed.HSCode, {"digits": "9405.42.00"}),
    (
        "Product",
        ed.Product,
        {
            "item_no": "BW-1",
            "description": "LED panel",
            "unit": "PCS",
            "hs_code": "94054200",
            "packing": _PACKING,
        },
    ),
    ("Discount.percent", ed.Discount.percent, {"percentage": "5"}),
    (
        "LineItem",
        ed.LineItem,
        {"product": _PRODUCT, "quantity": 400, "unit_price": ed.Money("18.60", "USD")},
    ),
    ("Instalment", ed.Instalment, {"percent": "30", "trigger": "advance"}),
    ("LetterOfCredit", ed.LetterOfCredit, _LC),
    (
        "PaymentTerms.tt_deposit",
        ed.PaymentTerms.tt_deposit,
        {"deposit": "30", "balance": "copy_bl"},
    ),
    ("PaymentTerms.lc_usance", ed.PaymentTerms.lc_usance, {"days": 90}),
    ("PaymentTerms.da", ed.PaymentTerms.da, {"days": 60}),
    ("PaymentTerms.open_account", ed.PaymentTerms.open_account, {"days": 60}),
    ("InsuranceClause", ed.InsuranceClause, {"cover": "ICC (C)", "percent": "110"}),
    (
        "Contract",
        ed.Contract,
        {
            "number": "PI-1",
            "date": "2026-11-02",
            "seller": sample_seller(),
            "buyer": sample_buyer(),
            "items": sample_items(),
            "trade_term": ed.TradeTerm("FOB", NINGBO),
            "payment": ed.PaymentTerms.tt_in_advance(),
            "port_of_discharge": HAMBURG,
            "shipment_date": "2026-12-20",
            "remarks": ["ok"],
        },
    ),
    ("amount_in_words", ed.amount_in_words, {"money": ed.Money("12.50", "USD")}),
    ("rmb_uppercase", ed.rmb_uppercase, {"amount": "1409.50"}),
    ("chinese_uppercase", ed.chinese_uppercase, {"money": ed.Money("12.50", "USD")}),
    ("packages_in_words", ed.packages_in_words, {"count": 45}),
    ("costing.parse_rate", costing.parse_rate, {"value": "13%"}),
    ("costing.ExchangeRate", costing.ExchangeRate, {"currency": "USD", "rate": "7.10"}),
    (
        "costing.CostLine",
        costing.CostLine,
        {"reference": "A1", "quantity": 5000, "purchase_price": "CNY 22.60", "packing": _PACKING},
    ),
]


def _cases() -> list[Any]:
    cases = []
    for name, fn, kwargs in TARGETS:
        for key in kwargs:
            for i, junk in enumerate(JUNK):
                cases.append(pytest.param(fn, kwargs, key, junk, id=f"{name}-{key}-{i}"))
    return cases


def test_every_target_accepts_its_valid_arguments() -> None:
    for _name, fn, kwargs in TARGETS:
        fn(**kwargs)


@pytest.mark.parametrize(("fn", "kwargs", "key", "junk"), _cases())
def test_junk_raises_only_the_librarys_errors(
    fn: Callable[..., Any], kwargs: dict[str, Any], key: str, junk: Any
) -> None:
    try:
        fn(**{**kwargs, key: junk})
    except ed.ExportDocsError as exc:
        assert str(exc)  # a message, not an empty error


@pytest.mark.parametrize("junk", JUNK, ids=range(len(JUNK)))
@pytest.mark.parametrize(
    "where",
    [
        ("number",),
        ("date",),
        ("seller", "country"),
        ("items", 2, "quantity"),
        ("items", 0, "product", "packing", "carton", "length"),
        ("payment", "instalments", 0),
        ("trade_term", "incoterm"),
        ("marks", "main"),
        ("items", 1, "unit_price"),
    ],
)
def test_junk_in_an_order_file(junk: Any, where: tuple[Any, ...]) -> None:
    data = ed.to_dict(sample_contract())
    target: Any = data
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = junk
    try:
        ed.from_dict(ed.Contract, data)
    except ed.ValidationError as exc:
        assert exc.problems
    with pytest.raises(ed.ValidationError):
        ed.from_dict(ed.Contract, junk)
