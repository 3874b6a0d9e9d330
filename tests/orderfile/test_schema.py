"""The JSON Schema of an order file: generated from the model, matching what is written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from exportdocs import to_dict
from exportdocs.exceptions import ValidationError
from exportdocs.orderfile._file import OrderFile
from exportdocs.orderfile._schema import order_schema


def _validator() -> jsonschema.Draft202012Validator:
    schema = order_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _sample_data(sample: OrderFile) -> dict[str, Any]:
    return json.loads(json.dumps(to_dict(sample)))


def test_sample_order_file_validates(sample_order: OrderFile) -> None:
    assert [e.message for e in _validator().iter_errors(_sample_data(sample_order))] == []


def test_minimal_order_without_costing_validates(sample_order: OrderFile) -> None:
    data = json.loads(json.dumps(to_dict(OrderFile(sample_order.contract))))
    assert [e.message for e in _validator().iter_errors(data)] == []


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (
            lambda d: d["contract"]["items"][0].__setitem__("quantity", 5.5),
            "$.contract.items[0].quantity",
        ),
        (
            lambda d: d["contract"]["items"][0].__setitem__("quantity", "five"),
            "$.contract.items[0].quantity",
        ),
        (lambda d: d["contract"].__setitem__("date", "2 Nov 2026"), "$.contract.date"),
        (
            lambda d: d["contract"]["trade_term"].__setitem__("incoterm", "FOX"),
            "$.contract.trade_term.incoterm",
        ),
        (lambda d: d["contract"]["seller"].__setitem__("colour", "red"), "$.contract.seller"),
        (lambda d: d["contract"].pop("buyer"), "$.contract"),
        (
            lambda d: d["contract"]["items"][0]["unit_price"].__setitem__("currency", 840),
            "$.contract.items[0].unit_price",  # neither form of money (object or text)
        ),
        (lambda d: d.__setitem__("schema_version", 2), "$.schema_version"),
    ],
)
def test_broken_order_file_does_not_validate(
    sample_order: OrderFile, change: Any, path: str
) -> None:
    data = _sample_data(sample_order)
    change(data)
    errors = list(_validator().iter_errors(data))
    assert [path] == sorted({e.json_path for e in errors})


def test_schema_describes_the_value_types() -> None:
    defs = order_schema()["$defs"]
    assert defs["Money"]["type"] == "object"
    assert defs["Money"]["required"] == ["amount", "currency"]
    assert False is defs["Money"]["additionalProperties"]
    assert defs["Contract"]["properties"]["date"]["format"] == "date"
    assert defs["Contract"]["properties"]["seller"] == {"$ref": "#/$defs/Party"}
    incoterms = defs["TradeTerm"]["properties"]["incoterm"]["enum"]
    assert incoterms == [
        "EXW",
        "FCA",
        "CPT",
        "CIP",
        "DAP",
        "DPU",
        "DDP",
        "FAS",
        "FOB",
        "CFR",
        "CIF",
    ]
    assert defs["Contract"]["properties"]["items"] == {
        "type": "array",
        "items": {"$ref": "#/$defs/LineItem"},
    }


def test_optional_fields_are_nullable_and_not_required() -> None:
    party = order_schema()["$defs"]["Party"]
    assert "bank" not in party["required"]
    assert party["properties"]["bank"] == {
        "anyOf": [{"$ref": "#/$defs/BankAccount"}, {"type": "null"}],
        "default": None,
    }


def test_bank_account_beneficiary_address_is_optional_lines() -> None:
    bank = order_schema()["$defs"]["BankAccount"]
    assert "beneficiary_address" not in bank["required"]
    assert bank["properties"]["beneficiary_address"] == {
        "anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}],
        "default": [],
    }


def test_lines_may_be_one_text_in_schema_and_reader(tmp_path: Path) -> None:
    # Issue 13, item 1: "address": "Paris" was read as the lines P/a/r/i/s.
    from exportdocs import load_order

    data = to_dict(OrderFile.sample())
    data["contract"]["buyer"]["address"] = "12 Rue de Rivoli\n75001 Paris"
    data["contract"]["marks"]["main"] = "BERGMANN"
    jsonschema.validate(data, order_schema())
    path = tmp_path / "order.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    order = load_order(path)
    assert order.contract.buyer.address == ("12 Rue de Rivoli", "75001 Paris")
    assert order.contract.marks.main == ("BERGMANN",)
    data["contract"]["buyer"]["address"] = ["12 Rue de Rivoli", 75001]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(
        ValidationError, match=r"contract\.buyer\.address\[1\]: expected text, not a number"
    ):
        load_order(path)


def test_money_may_be_written_as_text_in_schema_and_reader(tmp_path: Path) -> None:
    # Issue 13, item 8: errors suggested 'USD 4.20' while files had to say {amount, currency}.
    from exportdocs import Money, load_order

    data = to_dict(OrderFile.sample())
    data["contract"]["items"][0]["unit_price"] = "USD 18.60"
    data["contract"]["items"][1]["unit_price"] = "19.80 USD"
    jsonschema.validate(data, order_schema())
    path = tmp_path / "order.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    order = load_order(path)
    assert order.contract.items[0].unit_price == Money("18.60", "USD")
    assert order.contract.items[1].unit_price == Money("19.80", "USD")
    assert order == OrderFile.sample()
