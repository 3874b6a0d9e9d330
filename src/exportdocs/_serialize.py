"""Every model to and from plain JSON-compatible data, losslessly.

Decimals travel as strings ("12.50", never a float), dates as ISO 8601 strings,
enums as their values, currencies and countries as their codes. The top-level
dict carries ``schema_version`` so that files written today can be read by later
versions. Reading collects every problem in the data, each with its field path
(``items[3].product.packing.units_per_carton``), into one ValidationError.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from exportdocs._country import Country
from exportdocs._money import Currency, Money
from exportdocs._product import HSCode
from exportdocs._validation import fail, to_date, to_decimal
from exportdocs.exceptions import NO_VALUE, Problem, ValidationError

if TYPE_CHECKING:
    import cattrs

__all__ = ["SCHEMA_VERSION", "from_dict", "from_json", "json_kind", "to_dict", "to_json"]

T = TypeVar("T")

#: Version of the data layout written by :func:`to_dict`.
SCHEMA_VERSION = 1


def _structure_decimal(value: Any, _: type) -> Decimal:
    return to_decimal(value)


def _structure_date(value: Any, _: type) -> dt.date:
    return to_date(value)


def _structure_enum(value: Any, kind: type[enum.Enum]) -> enum.Enum:
    parse = getattr(kind, "parse", None)
    if parse is not None:
        return parse(value)  # type: ignore[no-any-return]
    try:
        return kind(value)
    except (ValueError, TypeError):
        allowed = ", ".join(repr(m.value) for m in kind)
        raise fail(f"expected one of {allowed}", value) from None


def _structure_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise fail(f"expected true or false, not {type(value).__name__}", value)
    return value


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(f"expected a whole number, not {type(value).__name__}", value)
    return value


def _structure_str(value: Any, _: type) -> str:
    if not isinstance(value, str):
        raise fail(f"expected text, not {type(value).__name__}", value)
    return value


def _structure_lines(value: Any, _: type) -> Any:
    """Text lists (address, marks, remarks): a list of text, or text as it is.

    Text is handed to the field's own converter, which reads it as the Python API
    does (one line, or lines split at newlines): ``"address": "Paris"`` is one line,
    never the five one-letter lines ``P a r i s`` a plain tuple conversion would make.
    """
    if isinstance(value, str):
        return value
    if not isinstance(value, (list, tuple)):
        raise fail(f"expected a list of lines (or text), not {json_kind(value)}", value)
    problems = [
        Problem(f"[{i}]", line, f"expected text, not {json_kind(line)}")
        for i, line in enumerate(value)
        if not isinstance(line, str)
    ]
    if problems:
        raise ValidationError(problems)
    return tuple(value)


def json_kind(value: Any) -> str:
    """What a JSON/TOML reader made of a value, in the words of those formats.

    >>> json_kind([1]), json_kind(None), json_kind(2.5)
    ('a list', 'null', 'a number')
    """
    if isinstance(value, str):
        return "text"
    if isinstance(value, (list, tuple)):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float, Decimal)):
        return "a number"
    return type(value).__name__


@functools.cache
def _converter() -> cattrs.Converter:
    """The one converter, built on first use (importing cattrs costs ~10 ms)."""
    import cattrs
    import cattrs.gen

    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)

    def attrs_hook(cls: type) -> Any:
        # cattrs' own function indexes the data; text or a list where an object belongs
        # would fail inside it with "'str' object has no attribute 'keys'".
        inner: Callable[[Any, Any], Any] = cattrs.gen.make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
        )

        def structure(value: Any, kind: type) -> Any:
            if cls is Money and isinstance(value, str):
                return Money.parse(value)  # "USD 4.20", as the Python API and messages write it
            if not isinstance(value, Mapping):
                raise fail(
                    f"expected an object with the fields of {cls.__name__}, not {json_kind(value)}",
                    value,
                )
            return inner(value, kind)

        return structure

    conv.register_structure_hook_factory(attrs.has, attrs_hook)
    conv.register_unstructure_hook(Decimal, lambda d: format(d, "f"))
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(Currency, lambda c: c.code)
    conv.register_structure_hook(Currency, lambda v, _: Currency(v))
    conv.register_unstructure_hook(Country, lambda c: c.alpha_2)
    conv.register_structure_hook(Country, lambda v, _: Country(v))
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda e: e.value
    )
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum
    )
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook_func(lambda t: t == tuple[str, ...], _structure_lines)
    # HS codes travel as their digits, like currencies and countries travel as codes.
    conv.register_unstructure_hook(HSCode, lambda h: h.digits)
    conv.register_structure_hook(HSCode, lambda v, _: HSCode(v))
    return conv


def register_scalar(kind: type[T], dump: Any, load: Any) -> None:
    """Serialise ``kind`` as a single JSON value (used for HSCode and similar)."""
    _converter().register_unstructure_hook(kind, dump)
    _converter().register_structure_hook(kind, lambda v, _: load(v))


def to_dict(value: Any) -> dict[str, Any]:
    """Any exportdocs model as a JSON-compatible dict with ``schema_version``.

    >>> from exportdocs import Money
    >>> to_dict(Money("12.50", "USD"))
    {'schema_version': 1, 'type': 'Money', 'amount': '12.50', 'currency': 'USD'}
    """
    if not attrs.has(type(value)):
        raise fail(f"expected an exportdocs model, not {type(value).__name__}", value)
    data = _converter().unstructure(value)
    return {"schema_version": SCHEMA_VERSION, "type": type(value).__name__, **data}


def from_dict(kind: type[T], data: Any) -> T:
    """Rebuild a model of type ``kind`` from :func:`to_dict` output.

    Raises ValidationError listing every problem with its path.

    >>> from exportdocs import Money
    >>> from_dict(Money, {"schema_version": 1, "amount": "12.50", "currency": "USD"})
    Money('12.50', 'USD')
    """
    if not isinstance(data, dict):
        raise fail(f"expected an object ({{...}}), not {json_kind(data)}", data)
    body = dict(data)
    version = body.pop("schema_version", SCHEMA_VERSION)
    if isinstance(version, bool) or version != SCHEMA_VERSION:  # true == 1 in Python
        raise fail(
            f"unsupported schema_version (this exportdocs reads version {SCHEMA_VERSION})",
            version,
            "schema_version",
        )
    declared = body.pop("type", kind.__name__)
    if declared != kind.__name__:
        raise fail(f"the data describes a {declared}, not a {kind.__name__}", declared, "type")
    try:
        return _converter().structure(body, kind)
    except ValidationError:
        raise
    except Exception as exc:  # cattrs groups; anything else is turned into problems too
        problems = _problems(exc, "")
        raise ValidationError(problems) from None


def to_json(value: Any, *, indent: int | None = 2) -> str:
    """:func:`to_dict` as JSON text (UTF-8 friendly: Chinese stays readable)."""
    return json.dumps(to_dict(value), ensure_ascii=False, indent=indent)


def from_json(kind: type[T], text: str | bytes) -> T:
    """:func:`from_dict` from JSON text; malformed JSON is a ValidationError too."""
    try:
        data = json.loads(text)
    except (ValueError, TypeError) as exc:
        raise fail(f"not valid JSON: {exc}", text[:80] if isinstance(text, str) else text) from None
    return from_dict(kind, data)


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _problems(exc: BaseException, path: str) -> list[Problem]:
    """Flatten cattrs' exception groups into problems with field paths."""
    from cattrs.errors import (
        AttributeValidationNote,
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
        IterableValidationNote,
    )

    if isinstance(exc, ValidationError):
        return [p.prefixed(path) for p in exc.problems]
    if isinstance(exc, ForbiddenExtraKeysError):
        return [
            Problem(_join(path, key), NO_VALUE, "unknown field (check the spelling)")
            for key in sorted(exc.extra_fields)
        ]
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        found: list[Problem] = []
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            if isinstance(note, AttributeValidationNote):
                sub_path = _join(path, note.name)
            elif isinstance(note, IterableValidationNote):
                sub_path = f"{path}[{note.index}]"
            else:  # pragma: no cover - cattrs adds one of the two notes above
                sub_path = path
            found.extend(_problems(sub, sub_path))
        for sub in without:
            found.extend(_problems(sub, path))
        return found
    if isinstance(exc, KeyError):
        return [Problem(path, NO_VALUE, "required field is missing")]
    return [Problem(path, None, f"invalid value: {exc}")]
