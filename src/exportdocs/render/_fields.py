"""The field checks that render's value classes share: text, paths, lists, bounded decimals.

Each check raises :class:`~exportdocs.exceptions.ValidationError`; the blocks and the
style use them directly as attrs converters (their classes are declared with
``field_transformer=collecting``, see docs/architecture.md).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import TypeVar

from exportdocs._validation import expect, fail, to_decimal, to_text, to_tuple

__all__ = [
    "decimal_between",
    "items_of",
    "opt_text",
    "sequence",
    "text",
    "to_path",
    "unknown",
]

T = TypeVar("T")
R = TypeVar("R")


def unknown(what: str, choices: type[enum.Enum]) -> str:
    """The refusal of an enum's ``parse``: ``unknown paper size; use one of A4, LETTER``."""
    return f"unknown {what}; use one of {', '.join(m.value for m in choices)}"


def text(value: str) -> str:
    """Text of up to 500 characters, not empty."""
    return to_text(value, max_length=500)


def opt_text(value: str) -> str:
    """Text of up to 500 characters, possibly empty."""
    return to_text(value, max_length=500, required=False)


def to_path(value: str | Path, what: str = "a file path") -> Path:
    """A ``Path``, or a non-empty ``str`` naming one (stripped)."""
    if isinstance(value, Path):
        return value
    if isinstance(value, str) and value.strip() and "\x00" not in value:
        return Path(value.strip())
    raise fail(f"expected {what} (str or Path), not {type(value).__name__}", value)


def decimal_between(value: Decimal | int | str, low: str, high: str, message: str = "") -> Decimal:
    """A decimal from ``low`` to ``high`` inclusive (see ``to_decimal`` for what is accepted)."""
    number = to_decimal(value)
    if not Decimal(low) <= number <= Decimal(high):
        raise fail(message or f"must be between {low} and {high}", value)
    return number


def sequence(value: Sequence[T], what: str) -> tuple[T, ...]:
    """A list or tuple (not a str, bytes or mapping) as a tuple."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, (list, tuple)):
        raise fail(f"expected a list of {what}, not {type(value).__name__}", value)
    return tuple(value)


def items_of(value: Sequence[T], kind: type[T], what: str, low: int, high: int) -> tuple[T, ...]:
    """A list of ``kind`` instances with a length in [low, high]."""
    items = to_tuple(value, partial(expect, kind), what)
    if not low <= len(items) <= high:
        raise fail(f"expected {low} to {high} {what}, got {len(items)}", value)
    return items
