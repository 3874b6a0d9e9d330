"""Every model to plain JSON data and back, losslessly, with errors that name the path."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exportdocs import (
    SCHEMA_VERSION,
    BankAccount,
    Contract,
    Dimensions,
    Money,
    Packing,
    PaymentTerms,
    ValidationError,
    from_dict,
    from_json,
    to_dict,
    to_json,
)
from exportdocs.costing import CostSheet, cost_sheet
from exportdocs.samples import sample_contract


def test_contract_round_trip_is_identity() -> None:
    contract = sample_contract()
    assert from_json(Contract, to_json(contract)) == contract


def test_bank_account_beneficiary_address_round_trip() -> None:
    bank = sample_contract().seller.bank
    assert bank is not None
    assert bank.beneficiary_address
    data = to_dict(bank)
    assert data["beneficiary_address"] == list(bank.beneficiary_address)
    assert from_dict(BankAccount, data) == bank
    # Older files without the field still load: it defaults to no lines.
    del data["beneficiary_address"]
    assert from_dict(BankAccount, data).beneficiary_address == ()


def test_json_is_plain_and_exact() -> None:
    data = to_dict(sample_contract())
    assert data["schema_version"] == SCHEMA_VERSION == 1
    assert data["type"] == "Contract"
    assert data["date"] == "2026-11-02"
    first = data["items"][0]
    assert first["unit_price"] == {"amount": "18.60", "currency": "USD"}
    assert first["quantity"] == "400"
    assert first["product"]["hs_code"] == "94054200"
    assert data["seller"]["country"] == "CN"
    assert data["trade_term"]["incoterm"] == "FOB"
    text = to_json(sample_contract())
    assert "宁波明途照明有限公司" in text  # not escaped

    # No float anywhere: every number in the JSON is a string or an int.
    def walk(value: object) -> None:
        assert not isinstance(value, float)
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(json.loads(text))


def test_errors_name_every_path() -> None:
    data = to_dict(sample_contract())
    data["items"][3]["product"]["packing"]["units_per_carton"] = 0
    data["buyer"]["country"] = "Narnia"
    data["items"][5]["unit_price"]["amount"] = 0.92
    with pytest.raises(ValidationError) as info:
        from_dict(Contract, data)
    paths = {p.path for p in info.value.problems}
    assert paths == {
        "items[3].product.packing.units_per_carton",
        "buyer.country",
        "items[5].unit_price.amount",
    }
    messages = " ".join(str(p) for p in info.value.problems)
    assert "float is not accepted" in messages
    assert "'Narnia'" in messages


def test_unknown_and_missing_fields() -> None:
    data = to_dict(sample_contract())
    data["seller"]["nmae"] = "typo"
    del data["buyer"]["name"]
    with pytest.raises(ValidationError) as info:
        from_dict(Contract, data)
    found = {(p.path, p.message) for p in info.value.problems}
    assert ("seller.nmae", "unknown field (check the spelling)") in found
    assert ("buyer.name", "required field is missing") in found
    # No value to show: no "(got None)" after either message.
    assert str(info.value) == (
        "2 problems: seller.nmae: unknown field (check the spelling); "
        "buyer.name: required field is missing"
    )


def test_text_or_list_where_an_object_belongs() -> None:
    data = to_dict(sample_contract())
    data["seller"] = "ACME"
    data["items"][2]["product"] = ["BW-DL6-12"]
    with pytest.raises(ValidationError) as info:
        from_dict(Contract, data)
    assert sorted(str(p) for p in info.value.problems) == [
        "items[2].product: expected an object with the fields of Product, not a list "
        "(got ['BW-DL6-12'])",
        "seller: expected an object with the fields of Party, not text (got 'ACME')",
    ]


def test_schema_version_and_type_are_checked() -> None:
    data = to_dict(Money("1.00", "USD"))
    with pytest.raises(ValidationError, match="unsupported schema_version"):
        from_dict(Money, {**data, "schema_version": 2})
    with pytest.raises(ValidationError, match="describes a Money, not a Contract"):
        from_dict(Contract, data)
    with pytest.raises(ValidationError, match="not valid JSON"):
        from_json(Money, "{not json")
    with pytest.raises(ValidationError, match=r"expected an object \(\{\.\.\.\}\), not a list"):
        from_dict(Money, ["USD", "1.00"])
    # Issue 13, item 16: true == 1 in Python, not in a file's schema_version.
    with pytest.raises(ValidationError, match="schema_version: unsupported schema_version"):
        from_dict(Money, {"schema_version": True, "amount": "1.00", "currency": "USD"})


def test_cost_sheet_round_trip() -> None:
    from tests.costing.examples import example  # the costing.md worked example

    sheet = cost_sheet(example())
    assert from_json(CostSheet, to_json(sheet)) == sheet


money = st.builds(
    Money,
    st.decimals(
        min_value=Decimal("-1e12"),
        max_value=Decimal("1e12"),
        places=4,
        allow_nan=False,
        allow_infinity=False,
    ),
    st.sampled_from(["USD", "EUR", "JPY", "KWD", "CNY"]),
)


@given(money)
def test_money_round_trip(value: Money) -> None:
    assert from_json(Money, to_json(value)) == value
    assert str(from_json(Money, to_json(value)).amount) == str(value.amount)


@given(
    units=st.integers(min_value=1, max_value=500),
    dims=st.tuples(*[st.integers(min_value=1, max_value=200)] * 3),
    nw=st.decimals(min_value=Decimal("0.001"), max_value=Decimal(50), places=3),
)
def test_packing_round_trip(units: int, dims: tuple[int, int, int], nw: Decimal) -> None:
    packing = Packing(units, Dimensions(*dims), net_weight_per_unit=nw, tare_per_carton="0.9")
    assert from_dict(Packing, to_dict(packing)) == packing


@settings(max_examples=30, deadline=None)
@given(
    deposit=st.integers(min_value=1, max_value=99),
    balance=st.sampled_from(["copy_bl", "before_shipment"]),
    qty=st.integers(min_value=1, max_value=100_000),
)
def test_contract_variants_round_trip(deposit: int, balance: str, qty: int) -> None:
    contract = sample_contract(payment=PaymentTerms.tt_deposit(str(deposit), balance=balance))
    items = list(contract.items)
    from attrs import evolve

    items[0] = evolve(items[0], quantity=qty)
    contract = evolve(contract, items=tuple(items))
    again = from_json(Contract, to_json(contract))
    assert again == contract
    assert again.schedule == contract.schedule
