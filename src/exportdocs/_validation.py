"""Collecting every problem of an object, not just the first; the checks fields share.

attrs runs converters one field at a time and the first exception aborts
``__init__``. To report all problems at once, a value class is declared with
``@attrs.frozen(field_transformer=collecting)``: its converters are plain checking
functions that raise :class:`~exportdocs.exceptions.ValidationError`, and
:func:`collecting` wraps each of them so that a refused value is stored as an
:class:`_Invalid` marker instead. The class's ``__attrs_post_init__`` calls
:func:`check`, which gathers the markers (and any cross-field problems) into one
ValidationError. The half-built object never escapes, so no caller ever sees a marker.

Because the converters stay plain named functions with typed parameters, mypy's attrs
plugin and ``inspect.signature`` both read the types a constructor accepts from them
(``date: datetime.date | str``); an optional field uses
``attrs.converters.optional(check)``.

>>> @attrs.frozen(field_transformer=collecting)
... class Window:
...     opens: dt.date = attrs.field(converter=to_date)
...     closes: dt.date = attrs.field(converter=to_date)
...
...     def __attrs_post_init__(self) -> None:
...         check(self)
>>> Window("2026-13-01", "soon")
Traceback (most recent call last):
...
exportdocs.exceptions.ValidationError: 2 problems: opens: not a real date (month must be in 1..12) (got '2026-13-01'); closes: expected an ISO 8601 date such as '2025-03-15' (got 'soon')
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar, cast

import attrs

from exportdocs.exceptions import Problem, ValidationError

T = TypeVar("T")
R = TypeVar("R")

#: Largest magnitude accepted for any decimal input: far above any trade amount,
#: small enough that no Decimal operation downstream overflows the context.
MAX_DECIMAL = Decimal(10) ** 15
#: Most fractional digits accepted (unit prices are quoted to 4-6 places at most).
MAX_PLACES = 12

_DECIMAL_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


@attrs.frozen
class _Invalid:
    """A refused field value, kept until ``check`` reports it."""

    problems: tuple[Problem, ...]


def guard(fn: Callable[[Any], T], value: Any) -> T:
    """Convert ``value`` with ``fn``, turning a ValidationError into an ``_Invalid`` marker."""
    try:
        return fn(value)
    except ValidationError as exc:
        return cast("T", _Invalid(exc.problems))


def _guarded(convert: Callable[[Any], T]) -> Callable[[Any], T]:
    # functools.wraps keeps the checker's signature (inspect follows __wrapped__), so
    # attrs types the constructor's parameter with what the checker accepts.
    @functools.wraps(convert)
    def converter(value: Any) -> T:
        try:
            return convert(value)
        except ValidationError as exc:
            return cast("T", _Invalid(exc.problems))

    return converter


def collecting(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """attrs ``field_transformer``: every converter of the class collects instead of raising.

    Use as ``@attrs.frozen(field_transformer=collecting)`` together with
    ``__attrs_post_init__`` calling :func:`check`. A converter may then be any function
    that raises ValidationError for a bad value, so one checking function serves both
    as the field's converter and wherever else the same value is read.
    """
    return [
        f.evolve(converter=_guarded(f.converter)) if callable(f.converter) else f for f in fields
    ]


def guard_optional(fn: Callable[[Any], T], value: Any) -> T | None:
    """Like :func:`guard`, letting ``None`` through unchanged."""
    return None if value is None else guard(fn, value)


def check(obj: object, cross: Callable[[], Iterable[Problem]] | None = None) -> None:
    """Raise one ValidationError for every refused field of ``obj``.

    Cross-field checks (``cross``) run only when every field converted, because
    they read the converted values.
    """
    problems: list[Problem] = []
    # A one-field wrapper (Country, Currency) reports at its holder's path, so a bad
    # country shows as "buyer.country", not "buyer.country.alpha_2".
    scalar = getattr(type(obj), "__scalar__", False)
    for field in attrs.fields(cast("Any", type(obj))):
        value = getattr(obj, field.name)
        if type(value) is _Invalid:
            problems.extend(p if scalar else p.prefixed(field.name) for p in value.problems)
    if not problems and cross is not None:
        problems.extend(cross())
    if problems:
        raise ValidationError(problems)


def fail(message: str, value: Any, path: str = "") -> ValidationError:
    """Build a one-problem error (``raise fail(...)``)."""
    return ValidationError([Problem(path, value, message)])


def to_decimal(value: Decimal | int | str, path: str = "") -> Decimal:
    """Convert an exact numeric input to a finite Decimal, refusing floats.

    Accepted: ``Decimal``, ``int`` and ASCII decimal strings such as ``"12.50"``
    or ``"-3"`` (no thousands separators: "1,500" means 1.5 in half the world). Refused, with a ValidationError: ``float`` (a binary float cannot
    hold most decimal amounts exactly, so ``0.1`` would be silently wrong), ``bool``,
    NaN and infinities, exponent notation, more than 12 decimal places, and
    magnitudes of 10**15 or more.

    >>> to_decimal("12.50")
    Decimal('12.50')
    >>> to_decimal(0.1)
    Traceback (most recent call last):
    ...
    exportdocs.exceptions.ValidationError: float is not accepted: binary floats cannot hold most decimal amounts exactly; pass a str such as '0.1' or a Decimal (got 0.1)
    """
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise fail("a bool is not a number", value, path)
    elif isinstance(value, int):
        if abs(value) >= MAX_DECIMAL:
            # A huge int cannot even be printed (Python limits int-to-text conversion).
            shown: object = value if value.bit_length() < 1000 else "<a number of over 300 digits>"
            raise fail(f"magnitude must be below {MAX_DECIMAL:,}", shown, path)
        return Decimal(value)
    elif isinstance(value, float):
        raise fail(
            "float is not accepted: binary floats cannot hold most decimal amounts exactly; "
            f"pass a str such as {_float_hint(value)!r} or a Decimal",
            value,
            path,
        )
    elif isinstance(value, str):
        text = value.strip()
        if len(text) > 40:  # longer than any amount this library takes (15 + 12 digits)
            raise fail("too long for a number (at most 15 digits and 12 decimals)", value, path)
        if not _DECIMAL_RE.fullmatch(text):
            raise fail("not a decimal number (expected digits like '1234.50')", value, path)
        try:
            result = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the regex admits only valid literals
            raise fail("not a decimal number", value, path) from None
    else:
        raise fail(
            f"expected a number (Decimal, int or str), not {type(value).__name__}", value, path
        )
    if not result.is_finite():
        raise fail("must be a finite number", value, path)
    if abs(result) >= MAX_DECIMAL:
        raise fail(f"magnitude must be below {MAX_DECIMAL:,}", value, path)
    exponent = result.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_PLACES:
        raise fail(f"more than {MAX_PLACES} decimal places", value, path)
    if result.is_zero() and result.is_signed():
        result = result.copy_abs()  # "-0" is zero: never printed as -0.00
    return result


def _float_hint(value: float) -> str:
    return repr(value) if value == value and value not in (float("inf"), float("-inf")) else "0"


#: Characters no text field holds: C0 controls but tab and line breaks, DEL, C1 controls,
#: lone surrogates and the noncharacters U+FFFE/U+FFFF. A document cannot print them
#: (XML cannot even hold most), so they are refused where they come in, with the field.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CONTROL_NAMES = {
    "\x00": "NUL",
    "\x07": "BEL",
    "\x08": "backspace",
    "\x0b": "vertical tab",
    "\x0c": "form feed",
    "\x1b": "ESC",
    "\x7f": "DEL",
    "\ufffe": "a noncharacter",
    "\uffff": "a noncharacter",
}


def to_text(value: str, path: str = "", *, max_length: int = 500, required: bool = True) -> str:
    r"""Normalise a text field: a ``str``, stripped, not empty when required.

    Control characters (other than tab and line breaks), lone surrogates and
    noncharacters are refused, naming the code point and where it is.

    >>> to_text("Acme\x1b GmbH")
    Traceback (most recent call last):
    ...
    exportdocs.exceptions.ValidationError: contains U+001B (ESC) at position 5; remove it (only tab and line breaks are kept in text) (got 'Acme\x1b GmbH')
    """
    if not isinstance(value, str):
        raise fail(f"expected text, not {type(value).__name__}", value, path)
    text = value.strip()
    if required and not text:
        raise fail("must not be empty", value, path)
    if len(text) > max_length:
        raise fail(f"longer than {max_length} characters", value, path)
    bad = _CONTROL.search(text)
    if bad is not None:
        char = bad.group()
        name = _CONTROL_NAMES.get(char) or (
            "a lone surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
        )
        raise fail(
            f"contains U+{ord(char):04X} ({name}) at position {bad.start() + 1}; "
            "remove it (only tab and line breaks are kept in text)",
            value,
            path,
        )
    return text


def to_lines(value: str | Sequence[str], path: str = "", *, max_lines: int = 12) -> tuple[str, ...]:
    """Normalise address or mark lines: a str (split on newlines) or a sequence of str."""
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, (list, tuple)):
        raise fail(f"expected a list of lines, not {type(value).__name__}", value, path)
    lines: list[str] = []
    problems: list[Problem] = []
    for i, line in enumerate(value):
        try:
            text = to_text(line, f"[{i}]", max_length=200, required=False)
        except ValidationError as exc:
            problems.extend(exc.problems)
            continue
        if text:
            lines.append(text)
    if problems:
        raise ValidationError(p.prefixed(path) for p in problems)
    if len(lines) > max_lines:
        raise fail(f"more than {max_lines} lines", value, path)
    return tuple(lines)


def collect(items: Iterable[tuple[str, Callable[[], object]]]) -> Iterator[Problem]:
    """Run each check and yield the problems of those that raise ValidationError."""
    for path, run in items:
        try:
            run()
        except ValidationError as exc:
            yield from (p.prefixed(path) for p in exc.problems)


def to_date(value: dt.date | str, path: str = "") -> dt.date:
    """Accept a ``datetime.date`` or an ISO 8601 date string (``"2025-03-15"``)."""
    if isinstance(value, dt.datetime):
        raise fail("expected a date, not a datetime (drop the time of day)", value, path)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        # Only YYYY-MM-DD: Python 3.11 widened fromisoformat, and a file must read the
        # same on every supported Python.
        text = value.strip()
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError as exc:
                raise fail(f"not a real date ({exc})", value, path) from None
        raise fail("expected an ISO 8601 date such as '2025-03-15'", value, path)
    raise fail(f"expected a date, not {type(value).__name__}", value, path)


# -- checks that many fields share -----------------------------------------------------------
# Each raises ValidationError; used directly as an attrs converter in a class declared with
# ``field_transformer=collecting``, and called directly wherever else the value is read.


def to_bool(value: bool) -> bool:
    """Accept only ``True`` or ``False`` (``"yes"``, 1 or ``None`` are refused, not guessed)."""
    if not isinstance(value, bool):
        raise fail(f"expected True or False, not {type(value).__name__}", value)
    return value


def to_positive(value: Decimal | int | str) -> Decimal:
    """A decimal greater than zero (see :func:`to_decimal` for what is accepted)."""
    number = to_decimal(value)
    if number <= 0:
        raise fail("must be greater than zero", value)
    return number


def to_non_negative(value: Decimal | int | str) -> Decimal:
    """A decimal of zero or more (see :func:`to_decimal` for what is accepted)."""
    number = to_decimal(value)
    if number < 0:
        raise fail("must not be negative", value)
    return number


def to_whole(value: int, low: int, high: int, what: str = "a whole number") -> int:
    """An ``int`` (not a bool) from ``low`` to ``high`` inclusive."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(f"expected {what}, not {type(value).__name__}", value)
    if not low <= value <= high:
        raise fail(f"must be from {low} to {high}", value)
    return value


def expect(kind: type[T], value: object) -> T:
    """``value`` itself when it is a ``kind``; a ValidationError naming both types otherwise.

    >>> expect(int, "3")
    Traceback (most recent call last):
    ...
    exportdocs.exceptions.ValidationError: expected an int, not str (got '3')
    """
    if isinstance(value, kind):
        return value
    raise fail(f"expected {_a(kind.__name__)}, not {type(value).__name__}", value)


#: Type names read as mass nouns, without an article ("expected Money").
_MASS_NOUNS = frozenset({"Money"})


def _a(name: str) -> str:
    if name in _MASS_NOUNS:
        return name
    return ("an " if name[0] in "AEIOUaeiou" else "a ") + name


def to_tuple(
    value: Sequence[T], convert: Callable[[Any], R], what: str, *, empty: str = ""
) -> tuple[R, ...]:
    """A list or tuple with ``convert`` applied to each item, as a tuple.

    Text, bytes and mappings are refused (a ``str`` is not a list of its characters);
    every refused item is reported at its index (``[3]: ...``), all at once; ``empty``,
    when given, is the message that refuses an empty list.

    >>> to_tuple(["1", "x"], to_decimal, "amounts")
    Traceback (most recent call last):
    ...
    exportdocs.exceptions.ValidationError: [1]: not a decimal number (expected digits like '1234.50') (got 'x')
    """
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise fail(f"expected a list of {what}, not {type(value).__name__}", value)
    out: list[R] = []
    problems: list[Problem] = []
    for i, item in enumerate(value):
        try:
            out.append(convert(item))
        except ValidationError as exc:
            problems.extend(p.prefixed(f"[{i}]") for p in exc.problems)
    if problems:
        raise ValidationError(problems)
    if empty and not out:
        raise fail(empty, value)
    return tuple(out)


E = TypeVar("E", bound="ParseEnum")


class ParseEnum(enum.Enum):
    """An enum that reads its members from text at the boundary, with an error naming the value.

    ``parse`` accepts a member, or text that :meth:`_key` turns into a member's value
    (by default: stripped and lower-cased), or one of :meth:`_aliases`. Subclasses
    override those hooks, and :meth:`_refusal` for the message, instead of writing their
    own ``parse``. Enum members are still compared by identity; ``parse`` is only for input.

    >>> class Basis(ParseEnum):
    ...     VOLUME = "volume"
    ...     WEIGHT = "weight"
    >>> Basis.parse(" Volume "), Basis.parse(Basis.WEIGHT)
    (<Basis.VOLUME: 'volume'>, <Basis.WEIGHT: 'weight'>)
    >>> Basis.parse("area")
    Traceback (most recent call last):
    ...
    exportdocs.exceptions.ValidationError: expected one of 'volume', 'weight' (got 'area')
    """

    @classmethod
    def _key(cls, text: str) -> str:
        """Normalise input text to a member's value."""
        return text.strip().lower()

    @classmethod
    def _aliases(cls) -> dict[str, Any]:
        """Other spellings, keyed by their :meth:`_key` form."""
        return {}

    @classmethod
    def _refusal(cls, value: object) -> str:
        """The message for a value that names no member."""
        return "expected one of " + ", ".join(repr(m.value) for m in cls)

    @classmethod
    def parse(cls: type[E], value: object) -> E:
        """The member ``value`` names (see the class docstring); ValidationError otherwise."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            key = cls._key(value)
            member = cls._value2member_map_.get(key)
            if member is None:
                member = cls._aliases().get(key)
            if member is not None:
                return cast("E", member)
        raise fail(cls._refusal(value), value)
