"""Order files: one order (contract, costing inputs, extra quotation price terms) in a file.

An order file is what the command line reads and what other apps exchange: the
:class:`~exportdocs.Contract`, optionally the
:class:`~exportdocs.costing.CostInputs` behind its prices, and optionally extra
Incoterms® rules whose prices the quotation shows beside the contract's own
(``["CFR", "CIF"]`` next to FOB). It is stored as JSON (the project serialiser's
layout, see :func:`exportdocs.to_dict`) or TOML (the same layout written as
tables; dates may be TOML dates). ``exportdocs schema`` prints the JSON Schema.

Reading reports every problem with its field path, and the error message starts
with the file name, so a batch of files can be checked in one go:
``order.json: contract.items[3].quantity: must be greater than zero (got '0')``.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "order.json"
>>> dump_order(OrderFile.sample(), path)
>>> load_order(path) == OrderFile.sample()
True
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
from attrs.converters import optional

from exportdocs._contract import Contract
from exportdocs._incoterms import Incoterm, TradeTerm
from exportdocs._money import Money
from exportdocs._serialize import from_dict, json_kind, to_dict, to_json
from exportdocs._validation import check, collecting, expect, fail, to_text
from exportdocs.costing import CostInputs, CostSheet, analyse
from exportdocs.exceptions import Problem, ValidationError

if TYPE_CHECKING:
    from exportdocs.costing import Quote

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["OrderFile", "dump_order", "load_order", "read_order_data", "to_toml"]

#: Most extra price terms a quotation shows (the columns that fit an A4 page).
MAX_TERMS = 4

#: File name endings :func:`load_order` reads, and the parser of each.
SUFFIXES = (".json", ".toml")


def _contract(value: Contract) -> Contract:
    return expect(Contract, value)


def _costing(value: CostInputs) -> CostInputs:
    return expect(CostInputs, value)


def _terms(value: Sequence[TradeTerm]) -> tuple[TradeTerm, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise fail("expected a list of price terms (TradeTerm: rule and named place)", value)
    problems: list[Problem] = []
    terms: list[TradeTerm] = []
    for i, item in enumerate(value):
        if not isinstance(item, TradeTerm):
            problems.append(
                Problem(f"[{i}]", item, f"expected TradeTerm, not {type(item).__name__}")
            )
        elif item.incoterm in (t.incoterm for t in terms):
            problems.append(Problem(f"[{i}]", item.incoterm.code, "this rule is listed twice"))
        else:
            terms.append(item)
    if len(value) > MAX_TERMS:
        problems.append(
            Problem("", len(value), f"at most {MAX_TERMS} extra price terms fit a page")
        )
    if problems:
        raise ValidationError(problems)
    return tuple(terms)


def _tolerance(value: Money | str) -> Money:
    money = Money.parse(value) if isinstance(value, str) else expect(Money, value)
    if money.amount < 0:
        raise fail("must not be negative", str(money))
    return money


def _quotation_no(value: str) -> str:
    return to_text(value, max_length=40)  # as long as a contract number


@attrs.frozen(field_transformer=collecting)
class OrderFile:
    """One order as a file holds it: the contract, its costing, extra quotation price terms.

    ``costing`` is needed for the cost-analysis sheet and for ``quotation_terms``
    (at most four price terms such as CFR Hamburg and CIF Hamburg): the quotation
    prices their rules forward from the costing, so they need its profit target,
    and freight and insurance for C rules. The costing must have
    one line per contract item, in the contract's currency. ``quotation_number`` is
    the quotation's own number (a quotation is not the contract: without it the
    quotation carries the contract's number). ``charges_tolerance`` is how much of each
    receipt's bank charges counts as paid (contract currency; default none), for the
    workflow: a USD 25 charge on a deposit otherwise leaves it USD 25 short.

    >>> order = OrderFile.sample()
    >>> order.contract.number, len(order.costing.lines), [t.short for t in order.quotation_terms]
    ('BW-2026-0418', 12, ['CFR HAMBURG', 'CIF HAMBURG'])
    >>> order.quotation_number
    'BW-Q-2026-0311'
    >>> print(order.cost_sheet().approval)
    approval needed: line 5: margin on sale 2.66% is below 5.00%
    """

    contract: Contract = attrs.field(converter=_contract)
    costing: CostInputs | None = attrs.field(default=None, converter=optional(_costing))
    quotation_terms: tuple[TradeTerm, ...] = attrs.field(default=(), converter=_terms)
    quotation_number: str | None = attrs.field(default=None, converter=optional(_quotation_no))
    charges_tolerance: Money | None = attrs.field(default=None, converter=optional(_tolerance))

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)

    def _cross(self) -> Iterator[Problem]:
        costing, contract = self.costing, self.contract
        tolerance = self.charges_tolerance
        if tolerance is not None and tolerance.currency != contract.currency:
            yield Problem(
                "charges_tolerance",
                str(tolerance),
                f"the contract is in {contract.currency.code}; give the tolerance in it",
            )
        if costing is None:
            if self.quotation_terms:
                yield Problem(
                    "quotation_terms",
                    [t.short for t in self.quotation_terms],
                    "extra price terms are priced from the costing: add a costing section",
                )
            return
        if len(costing.lines) != len(contract.items):
            yield Problem(
                "costing.lines",
                len(costing.lines),
                f"the costing needs one line per contract item ({len(contract.items)})",
            )
        else:
            yield from _pairing_problems(costing, contract)
        if costing.incoterm is not contract.trade_term.incoterm:
            # Costed under another rule, the cost sheet would read the contract's prices as
            # prices under that rule: CIF prices as FOB ones, freight and insurance lost.
            yield Problem(
                "costing.incoterm",
                costing.incoterm.code,
                f"the contract's price term is {contract.trade_term.incoterm.code}; cost it "
                f"under {contract.trade_term.incoterm.code} (an order file that leaves "
                "costing.incoterm out gets the contract's)",
            )
        if costing.quote_currency != contract.currency:
            yield Problem(
                "costing.quote_currency",
                costing.quote_currency.code,
                f"the contract is in {contract.currency.code}; quote in the same currency",
            )
        if self.quotation_terms and costing.target is None:
            yield Problem(
                "costing.target",
                None,
                "extra quotation price terms are priced forward: give a profit target",
            )
        for i, term in enumerate(self.quotation_terms):
            for problem in costing.rule_problems(term.incoterm):
                yield Problem(
                    f"quotation_terms[{i}]",
                    term.incoterm.code,
                    f"{problem.message} ({problem.path or 'costing'})",
                )

    @classmethod
    def sample(cls) -> OrderFile:
        """The bundled sample order (:mod:`exportdocs.samples`), with CFR and CIF price columns."""
        from exportdocs.samples import sample_contract, sample_cost_inputs

        contract = sample_contract()
        hamburg = contract.port_of_discharge
        assert hamburg is not None  # the sample names its port of discharge
        terms = (TradeTerm(Incoterm.CFR, hamburg), TradeTerm(Incoterm.CIF, hamburg))
        return cls(contract, sample_cost_inputs(contract), terms, "BW-Q-2026-0311")

    def cost_sheet(self) -> CostSheet | None:
        """The cost sheet at the contract's own unit prices (None without costing inputs)."""
        if self.costing is None:
            return None
        return analyse(self.costing, [item.unit_price for item in self.contract.items])

    def quote(self) -> Quote | None:
        """The forward prices under the contract's rule and the extra terms (None if unpriced).

        None when there are no extra terms or no costing; the prices come from
        :func:`exportdocs.costing.quote`.
        """
        if self.costing is None or not self.quotation_terms:
            return None
        from exportdocs.costing import quote

        rules = dict.fromkeys(
            [self.contract.trade_term.incoterm, *(t.incoterm for t in self.quotation_terms)]
        )
        return quote(self.costing, list(rules))


def _named(exc: ValidationError, name: str) -> ValidationError:
    """The same problems, with a message that starts with the file name."""
    named = ValidationError(exc.problems)
    named.args = (f"{name}: {named}",)
    return named


#: Largest order file read (a 1,000-line order with costing is about 1 MB).
MAX_FILE_BYTES = 50 * 2**20


def read_order_data(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The raw data of an order file (JSON or TOML, by its suffix), not yet checked.

    Raises ValidationError (message starting with the file name) when the file
    cannot be read or parsed.
    """
    file = Path(path)
    name = os.fspath(path)
    suffix = file.suffix.lower()
    if suffix not in SUFFIXES:
        raise _named(fail("unknown order file type; use a .json or .toml file", suffix), name)
    try:
        if not file.is_file():  # a folder, a FIFO or a device would hang or fail oddly
            if not file.exists():
                raise FileNotFoundError(name)
            raise _named(fail("not a regular file", name), name)
        if file.stat().st_size > MAX_FILE_BYTES:
            raise _named(fail(f"larger than {MAX_FILE_BYTES // 2**20} MB", name), name)
        raw = file.read_bytes()
    except FileNotFoundError:
        raise _named(fail("no such file", name), name) from None
    except OSError as exc:
        raise _named(fail(f"cannot read the file: {exc.strerror or exc}", name), name) from None
    try:
        text = raw.decode("utf-8-sig")  # with or without the BOM Notepad and Excel write
    except UnicodeDecodeError as exc:
        bad = raw[exc.start : exc.start + 1].hex().upper()
        raise _named(
            fail(
                f"not UTF-8 text (byte 0x{bad} at position {exc.start}); save the file as "
                "UTF-8 (Notepad: Save As, Encoding UTF-8; Excel: CSV UTF-8)",
                name,
            ),
            name,
        ) from None
    try:
        data: Any = json.loads(text) if suffix == ".json" else tomllib.loads(text)
    except RecursionError:  # [[[[... thousands deep: no order file is
        raise _named(fail("nested too deep to be an order file", text[:40]), name) from None
    except ValueError as exc:  # json.JSONDecodeError and tomllib.TOMLDecodeError
        kind = "JSON" if suffix == ".json" else "TOML"
        raise _named(fail(f"not valid {kind}: {exc}", text[:40]), name) from None
    if not isinstance(data, dict):
        raise _named(fail(f"expected an object ({{...}}), not {json_kind(data)}", data), name)
    return data


def _pairing_problems(costing: CostInputs, contract: Contract) -> Iterator[Problem]:
    """Each costing line against the contract item it costs (the one at its place).

    A line names its item by ``reference`` (the item number); the order file's reader
    puts the lines in the contract's order first (:func:`_costing_in_contract_order`), so
    what is left here is a real mismatch: a reference to no item, or a quantity or unit
    other than the contract's. Costed at the wrong quantity or as another item, the cost
    sheet would show wrong money with nothing to say so.
    """
    numbers = [item.product.item_no for item in contract.items]
    for i, (line, item) in enumerate(zip(costing.lines, contract.items, strict=True)):
        at = f"costing.lines[{i}]"
        if line.reference and line.reference != item.product.item_no:
            where = (
                f"it is contract item {numbers.index(line.reference) + 1}"
                if line.reference in numbers
                else f"no contract item has it (the items: {', '.join(numbers[:8])}"
                + (", ..." if len(numbers) > 8 else "")
                + ")"
            )
            yield Problem(
                f"{at}.reference",
                line.reference,
                f"costs contract item {i + 1} ({item.product.item_no}), but {where}",
            )
            continue
        if line.quantity != item.quantity:
            yield Problem(
                f"{at}.quantity",
                format(line.quantity, "f"),
                f"contract item {i + 1} ({item.product.item_no}) is "
                f"{format(item.quantity, 'f')} {item.unit.value}; cost the same quantity",
            )
        if line.unit is not item.unit:
            yield Problem(
                f"{at}.unit",
                line.unit.value,
                f"contract item {i + 1} ({item.product.item_no}) is in {item.unit.value}",
            )


def _costing_in_contract_order(data: dict[str, Any]) -> None:
    """Costing lines that name their items put in the contract's item order.

    Only when every line's ``reference`` names a different contract item; anything
    else is left for :func:`_pairing_problems` to report.
    """
    costing, contract = data.get("costing"), data.get("contract")
    if not isinstance(costing, dict) or not isinstance(contract, dict):
        return
    lines, items = costing.get("lines"), contract.get("items")
    if not isinstance(lines, list) or not isinstance(items, list) or len(lines) != len(items):
        return
    try:
        numbers = [item["product"]["item_no"] for item in items]
        references = [line["reference"] for line in lines]
    except (KeyError, TypeError):
        return
    if len(set(numbers)) != len(numbers) or sorted(references) != sorted(numbers):
        return
    by_reference = {line["reference"]: line for line in lines}
    costing["lines"] = [by_reference[number] for number in numbers]


def _images_beside(data: dict[str, Any], folder: Path, name: str) -> None:
    """Product photos named relative to the order file, made absolute, and checked now.

    A relative path was read from wherever the command ran, and a missing photo was
    found only when a document was rendered: ``validate`` said ok.
    """
    contract = data.get("contract")
    items = contract.get("items") if isinstance(contract, dict) else None
    if not isinstance(items, list):
        return
    problems: list[Problem] = []
    for i, item in enumerate(items):
        product = item.get("product") if isinstance(item, dict) else None
        if not isinstance(product, dict):
            continue
        image = product.get("image")
        if not isinstance(image, str) or not image.strip():
            continue
        path = Path(image.strip())
        if not path.is_absolute():
            path = folder / path
            product["image"] = str(path)
        if not path.is_file():
            problems.append(
                Problem(
                    f"contract.items[{i}].product.image",
                    image,
                    "no such picture (a relative path is taken from the order file's folder)",
                )
            )
    if problems:
        raise _named(ValidationError(problems), name)


def _costing_rule_from_contract(data: dict[str, Any]) -> None:
    """A costing section without ``incoterm`` is costed under the contract's rule.

    ``CostInputs`` defaults to FOB, which is right for a costing on its own but wrong
    for a CIF order's file: it was costed as FOB, without freight and insurance.
    """
    costing, contract = data.get("costing"), data.get("contract")
    if not isinstance(costing, dict) or not isinstance(contract, dict) or "incoterm" in costing:
        return
    term = contract.get("trade_term")
    if isinstance(term, dict) and isinstance(term.get("incoterm"), str):
        costing["incoterm"] = term["incoterm"]


def load_order(path: str | os.PathLike[str]) -> OrderFile:
    """Read an order file (``.json`` or ``.toml``) and check it completely.

    Raises:
        ValidationError: the file is missing, unreadable or malformed, or its data is
            refused; every problem has its field path, and the message starts with
            the file name as given.

    >>> load_order("missing.json")
    Traceback (most recent call last):
    ...
    exportdocs.exceptions.ValidationError: missing.json: no such file (got 'missing.json')
    """
    data = read_order_data(path)
    _costing_rule_from_contract(data)
    _costing_in_contract_order(data)
    _images_beside(data, Path(path).parent, os.fspath(path))
    try:
        return from_dict(OrderFile, data)
    except ValidationError as exc:
        raise _named(exc, os.fspath(path)) from None
    except RecursionError:  # parsed, but deeper than any order file's fields go
        name = os.fspath(path)
        raise _named(fail("nested too deep to be an order file", name), name) from None


def dump_order(order: OrderFile, path: str | os.PathLike[str]) -> None:
    """Write ``order`` as an order file: TOML for a ``.toml`` path, JSON otherwise.

    UTF-8, Chinese kept readable; :func:`load_order` reads it back unchanged.
    """
    if not isinstance(order, OrderFile):
        raise fail(f"expected an OrderFile, not {type(order).__name__}", order, "order")
    file = Path(path)
    text = to_toml(to_dict(order)) if file.suffix.lower() == ".toml" else to_json(order) + "\n"
    file.write_text(text, encoding="utf-8")


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else json.dumps(name, ensure_ascii=False)


def _inline(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        # A JSON string is a valid TOML basic string (the same escapes).
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_inline(v) for v in value if v is not None) + "]"
    if isinstance(value, dict):
        pairs = ", ".join(f"{_key(k)} = {_inline(v)}" for k, v in value.items() if v is not None)
        return "{ " + pairs + " }" if pairs else "{}"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def _is_tables(value: Any) -> bool:
    return (
        isinstance(value, (list, tuple)) and bool(value) and all(isinstance(v, dict) for v in value)
    )


def _toml_table(data: dict[str, Any], prefix: str, out: list[str]) -> None:
    for name, value in data.items():
        if value is None or isinstance(value, dict) or _is_tables(value):
            continue  # TOML has no null: an absent key takes the field's default
        out.append(f"{_key(name)} = {_inline(value)}")
    for name, value in data.items():
        path = f"{prefix}.{_key(name)}" if prefix else _key(name)
        if isinstance(value, dict):
            out.extend(["", f"[{path}]"])
            _toml_table(value, path, out)
        elif _is_tables(value):
            for item in value:
                out.extend(["", f"[[{path}]]"])
                _toml_table(item, path, out)


def to_toml(data: dict[str, Any]) -> str:
    """JSON-compatible data (as :func:`~exportdocs.to_dict` gives) as TOML text.

    ``None`` values are left out (TOML has no null; the field's default applies).

    >>> print(to_toml({"type": "OrderFile", "contract": {"number": "PI-1", "note": None}}))
    type = "OrderFile"
    <BLANKLINE>
    [contract]
    number = "PI-1"
    <BLANKLINE>
    """
    out: list[str] = []
    _toml_table(data, "", out)
    return "\n".join(out) + "\n"
