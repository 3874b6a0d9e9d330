"""Collecting every problem of an object, not just the first.

attrs runs converters one field at a time and the first exception aborts
``__init__``. To report all problems at once, field converters made with
:func:`field_converter` never raise: a refused value is stored as an
:class:`_Invalid` marker, and the class's ``__attrs_post_init__`` calls
:func:`check`, which gathers the markers (and any cross-field problems) into one
:class:`~exportdocs.exceptions.ValidationError`. The half-built object never
escapes, so no caller ever sees a marker.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar, cast

import attrs

from exportdocs.exceptions import Problem, ValidationError

T = TypeVar("T")

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
    """Convert ``value`` with ``fn``, turning a ValidationError into an ``_Invalid`` marker.

    Field converters are small named functions that call ``guard`` (mypy's attrs
    plugin reads a converter's signature only from a plain named function).
    """
    try:
        return fn(value)
    except ValidationError as exc:
        return cast("T", _Invalid(exc.problems))


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


def to_decimal(value: Any, path: str = "") -> Decimal:
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
            raise fail(f"magnitude must be below {MAX_DECIMAL:,}", value, path)
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
    return result


def _float_hint(value: float) -> str:
    return repr(value) if value == value and value not in (float("inf"), float("-inf")) else "0"


def to_text(value: Any, path: str = "", *, max_length: int = 500, required: bool = True) -> str:
    """Normalise a text field: a ``str``, stripped, not empty when required."""
    if not isinstance(value, str):
        raise fail(f"expected text, not {type(value).__name__}", value, path)
    text = value.strip()
    if required and not text:
        raise fail("must not be empty", value, path)
    if len(text) > max_length:
        raise fail(f"longer than {max_length} characters", value, path)
    if "\x00" in text:
        raise fail("contains a NUL character", value, path)
    return text


def to_lines(value: Any, path: str = "", *, max_lines: int = 12) -> tuple[str, ...]:
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


def to_date(value: Any, path: str = "") -> dt.date:
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
