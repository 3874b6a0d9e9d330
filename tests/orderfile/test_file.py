"""Order files: JSON and TOML round trips, errors naming file, field and value."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from exportdocs import Incoterm, Money, Place, TradeTerm, ValidationError, to_dict
from exportdocs.orderfile._file import OrderFile, dump_order, load_order, to_toml

from .conftest import write_broken

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_json_order_file_reads_back_equal(order_json: Path, sample_order: OrderFile) -> None:
    assert sample_order == load_order(order_json)


def test_toml_order_file_reads_back_equal(order_toml: Path, sample_order: OrderFile) -> None:
    assert sample_order == load_order(order_toml)


def test_json_file_keeps_chinese_readable(order_json: Path) -> None:
    assert "宁波明途照明有限公司" in order_json.read_text(encoding="utf-8")


def test_toml_file_may_use_native_dates(tmp_path: Path, order_toml: Path) -> None:
    text = order_toml.read_text(encoding="utf-8").replace(
        'date = "2026-11-02"', "date = 2026-11-02"
    )
    path = tmp_path / "native.toml"
    path.write_text(text, encoding="utf-8")
    assert load_order(path).contract.date.isoformat() == "2026-11-02"


def test_error_names_file_field_and_value(tmp_path: Path, sample_order: OrderFile) -> None:
    path = write_broken(tmp_path / "order.json", sample_order, 3, "0")
    with pytest.raises(ValidationError, match=r"^.*order\.json: contract\.items\[3\]\.quantity: "):
        load_order(path)
    try:
        load_order(path)
    except ValidationError as exc:
        assert [p.path for p in exc.problems] == ["contract.items[3].quantity"]
        assert exc.problems[0].message == "must be greater than zero"


def test_every_problem_is_reported(tmp_path: Path, sample_order: OrderFile) -> None:
    data = to_dict(sample_order)
    data["contract"]["items"][0]["quantity"] = "-1"
    data["contract"]["items"][2]["unit_price"]["amount"] = 4.35
    data["contract"]["seller"]["colour"] = "red"
    path = tmp_path / "many.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        load_order(path)
    assert sorted(p.path for p in caught.value.problems) == [
        "contract.items[0].quantity",
        "contract.items[2].unit_price.amount",
        "contract.seller.colour",
    ]


def test_float_amount_is_refused_with_advice(tmp_path: Path, sample_order: OrderFile) -> None:
    data = to_dict(sample_order)
    data["contract"]["items"][2]["unit_price"]["amount"] = 4.35
    path = tmp_path / "float.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValidationError, match=r"float is not accepted.*'4\.35'"):
        load_order(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("order.yaml", "a: 1", "unknown order file type; use a .json or .toml file"),
        ("order.json", "{not json", "not valid JSON"),
        ("order.toml", "a = = 1", "not valid TOML"),
        ("order.json", "[1, 2]", "expected an object ({...}), not a list"),
        ("order.json", "{}", "required field is missing"),
    ],
)
def test_unreadable_files_are_validation_errors(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValidationError, match=f"^{re.escape(str(path))}: .*{re.escape(message)}"):
        load_order(path)


def test_missing_file_is_named() -> None:
    with pytest.raises(ValidationError, match=r"^nowhere/order\.json: no such file"):
        load_order("nowhere/order.json")


def test_costing_must_match_the_contract(sample_order: OrderFile) -> None:
    costing = sample_order.costing
    assert costing is not None
    import attrs

    short = attrs.evolve(costing, lines=costing.lines[:11])
    with pytest.raises(ValidationError) as caught:
        OrderFile(sample_order.contract, short)
    assert [p.path for p in caught.value.problems] == ["costing.lines"]
    assert caught.value.problems[0].message == "the costing needs one line per contract item (12)"


def test_extra_price_terms_need_costing(sample_order: OrderFile) -> None:
    with pytest.raises(ValidationError, match="priced from the costing") as caught:
        OrderFile(sample_order.contract, None, sample_order.quotation_terms)
    assert caught.value.path == "quotation_terms"


def test_extra_price_terms_need_freight_for_c_rules(sample_order: OrderFile) -> None:
    import attrs

    assert sample_order.costing is not None
    no_freight = attrs.evolve(sample_order.costing, freight=None, insurance=None)
    with pytest.raises(ValidationError) as caught:
        OrderFile(sample_order.contract, no_freight, sample_order.quotation_terms)
    assert {"quotation_terms[0]", "quotation_terms[1]"} == {p.path for p in caught.value.problems}


def test_extra_price_terms_are_unique_and_at_most_four(sample_order: OrderFile) -> None:
    hamburg = Place.port("Hamburg", "DE")
    cfr = TradeTerm(Incoterm.CFR, hamburg)
    with pytest.raises(ValidationError, match="listed twice"):
        OrderFile(sample_order.contract, sample_order.costing, (cfr, cfr))
    five = [TradeTerm(rule, hamburg) for rule in ("FOB", "CFR", "CIF", "FAS", "EXW")]
    with pytest.raises(ValidationError, match="at most 4 extra price terms"):
        OrderFile(sample_order.contract, sample_order.costing, five)


def test_cost_sheet_and_quote_of_the_sample(sample_order: OrderFile) -> None:
    sheet = sample_order.cost_sheet()
    quote = sample_order.quote()
    assert sheet is not None
    assert quote is not None
    assert str(sheet.summary.invoice_value) == "41690.30 USD"
    assert str(sheet.summary.profit) == "75191.54 CNY"
    assert tuple(r.code for r in quote.rules) == ("FOB", "CFR", "CIF")
    assert str(quote.total("CIF")) == "39850.99 USD"


def test_order_without_costing_has_no_sheet(sample_order: OrderFile) -> None:
    bare = OrderFile(sample_order.contract)
    assert (bare.cost_sheet(), bare.quote()) == (None, None)


def test_to_toml_writes_arrays_of_tables_and_skips_null() -> None:
    data = {"a": 1, "b": None, "c": [{"x": "1"}, {"x": "2", "y": {"z": True}}], "d": ["é", 'q"']}
    text = to_toml(data)
    assert (tomllib.loads(text)) == {
        "a": 1,
        "c": [{"x": "1"}, {"x": "2", "y": {"z": True}}],
        "d": ["é", 'q"'],
    }


def test_dump_order_refuses_other_objects(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="expected an OrderFile, not str"):
        dump_order("order", tmp_path / "x.json")


def test_the_quotation_number_travels_with_the_order(
    tmp_path: Path, sample_order: OrderFile
) -> None:
    assert sample_order.quotation_number == "BW-Q-2026-0311"
    for suffix in (".json", ".toml"):
        dump_order(sample_order, tmp_path / f"order{suffix}")
        assert load_order(tmp_path / f"order{suffix}").quotation_number == "BW-Q-2026-0311"
    data = to_dict(sample_order)
    data["quotation_number"] = "Q" * 41
    path = tmp_path / "long.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValidationError, match=r"quotation_number: .*40"):
        load_order(path)


def test_a_utf8_bom_is_read_and_other_encodings_are_explained(
    tmp_path: Path, sample_order: OrderFile
) -> None:
    # Issue 13, item 7: Notepad and Excel write a BOM; a GB 18030 file needs saving as UTF-8.
    from exportdocs import to_json

    text = to_json(sample_order)
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_order(bom) == sample_order
    gbk = tmp_path / "gbk.json"
    gbk.write_bytes(text.replace("Nordlicht", "北方之光").encode("gb18030"))
    with pytest.raises(
        ValidationError,
        match=r"gbk\.json: not UTF-8 text \(byte 0x[0-9A-F]{2} at position \d+\); save the file as UTF-8",
    ):
        load_order(gbk)


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    # Issue 13, item 14: a FIFO (or a device) blocked for ever.
    import os

    fifo = tmp_path / "order.json"
    os.mkfifo(fifo)
    with pytest.raises(ValidationError, match=r"order\.json: not a regular file"):
        load_order(fifo)
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    with pytest.raises(ValidationError, match=r"folder\.toml: not a regular file"):
        load_order(folder)


def test_a_file_that_is_not_an_object_says_so_in_json_words(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"expected an object \(\{\.\.\.\}\), not a list"):
        load_order(path)


def test_the_costing_rule_follows_the_contract(tmp_path: Path, sample_order: OrderFile) -> None:
    # Issue 13, item 3: a CIF order without costing.incoterm was costed as FOB (no freight,
    # no insurance: profit +24 %).
    data = to_dict(sample_order)
    data["contract"]["trade_term"]["incoterm"] = "CIF"
    data["contract"]["trade_term"]["place"] = data["contract"]["port_of_discharge"]
    data["costing"].pop("incoterm", None)
    data["quotation_terms"] = []
    path = tmp_path / "cif.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    order = load_order(path)
    assert order.costing is not None
    assert order.costing.incoterm is Incoterm.CIF
    sheet = order.cost_sheet()
    assert sheet is not None
    assert sheet.inputs.incoterm is Incoterm.CIF
    # Told FOB outright, it is refused, naming both sides.
    data["costing"]["incoterm"] = "FOB"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(
        ValidationError,
        match=r"costing\.incoterm: the contract's price term is CIF; cost it under CIF .*got 'FOB'",
    ):
        load_order(path)


def test_costing_lines_are_paired_with_items_by_item_number(
    tmp_path: Path, sample_order: OrderFile
) -> None:
    # Issue 13, item 2: reversed costing lines priced each item at another item's cost.
    data = to_dict(sample_order)
    data["costing"]["lines"].reverse()
    path = tmp_path / "reversed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    order = load_order(path)
    assert order == sample_order  # back in the contract's order
    sheet, expected = order.cost_sheet(), sample_order.cost_sheet()
    assert sheet is not None
    assert expected is not None
    assert sheet.summary == expected.summary
    assert sheet.lines == expected.lines
    assert sheet.approval == expected.approval


def test_a_costing_line_that_does_not_match_its_item_is_refused(
    tmp_path: Path, sample_order: OrderFile
) -> None:
    data = to_dict(sample_order)
    first = data["contract"]["items"][0]["product"]["item_no"]
    data["costing"]["lines"][0]["reference"] = "NO-SUCH-ITEM"
    data["costing"]["lines"][1]["quantity"] = "5000"
    path = tmp_path / "mismatch.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        load_order(path)
    message = str(caught.value)
    assert (
        f"costing.lines[0].reference: costs contract item 1 ({first}), but no contract item "
        "has it" in message
    )
    second = data["contract"]["items"][1]
    assert (
        f"costing.lines[1].quantity: contract item 2 ({second['product']['item_no']}) is "
        f"{second['quantity']} " in message
    )
    assert "cost the same quantity (got '5000')" in message


@pytest.mark.parametrize(
    ("char", "name"),
    [("\x1b", "ESC"), ("\x07", "BEL"), ("\x7f", "DEL"), ("\x85", "a control character")],
)
def test_control_characters_are_refused_at_the_field(
    tmp_path: Path, sample_order: OrderFile, char: str, name: str
) -> None:
    # Issue 13, item 12: validate said ok and render refused, pointing at blocks[9].text.
    data = to_dict(sample_order)
    data["contract"]["buyer"]["name"] = f"Nordlicht{char} Handels GmbH"
    path = tmp_path / "order.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        load_order(path)
    code = f"U+{ord(char):04X}"
    assert f"contract.buyer.name: contains {code} ({name}) at position 10; remove it" in str(
        caught.value
    )


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("deep.json", "[" * 100_000 + "]" * 100_000),
        ("deep2.json", '{"contract": ' + '{"a": ' * 50_000 + "1" + "}" * 50_001),
        ("deep.toml", "a = " + "[" * 100_000 + "]" * 100_000),
    ],
)
def test_data_nested_too_deep_is_an_error_not_a_traceback(
    tmp_path: Path, name: str, text: str
) -> None:
    # Issue 13, item 13: RecursionError in every subcommand.
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError, match="nested too deep to be an order file"):
        load_order(path)


def test_product_photos_are_found_beside_the_order_file(
    tmp_path: Path, sample_order: OrderFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 13, item 7: a relative photo path was read from the working folder, and a
    # missing photo failed only at render time.
    from PIL import Image

    folder = tmp_path / "orders"
    (folder / "photos").mkdir(parents=True)
    Image.new("RGB", (40, 30), "red").save(folder / "photos" / "panel.png")
    data = to_dict(sample_order)
    data["contract"]["items"][0]["product"]["image"] = "photos/panel.png"
    path = folder / "order.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # anywhere but the order file's folder
    order = load_order(path)
    assert order.contract.items[0].product.image == str(folder / "photos" / "panel.png")
    data["contract"]["items"][1]["product"]["image"] = "photos/missing.png"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(
        ValidationError,
        match=r"contract\.items\[1\]\.product\.image: no such picture .*'photos/missing\.png'",
    ):
        load_order(path)


def test_the_charges_tolerance_is_in_the_contract_currency(
    tmp_path: Path, sample_order: OrderFile
) -> None:
    data = to_dict(sample_order)
    data["charges_tolerance"] = "USD 30"
    path = tmp_path / "order.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_order(path).charges_tolerance == Money("30", "USD")
    data["charges_tolerance"] = "EUR 30"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValidationError, match="charges_tolerance: the contract is in USD"):
        load_order(path)
