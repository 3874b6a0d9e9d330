"""The checks the costing inputs share, beyond the model's own: amounts, labels, lists.

Each raises ValidationError, and serves as the converter of a field in a class declared
with ``field_transformer=collecting``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TypeVar, cast

from exportdocs._money import Money
from exportdocs._validation import expect, fail, to_text, to_tuple

T = TypeVar("T")


def to_money(value: Money | str) -> Money:
    """Money itself, or text such as ``"USD 12.50"``."""
    if isinstance(value, Money):
        return value
    if isinstance(value, str):
        return Money.parse(value)
    raise fail(f"expected Money or text like 'USD 12.50', not {type(value).__name__}", value)


def non_negative_money(value: Money | str) -> Money:
    """An amount of zero or more (see :func:`to_money`)."""
    money = to_money(value)
    if money.amount < 0:
        raise fail("must not be negative", money)
    return money


def positive_money(value: Money | str) -> Money:
    """An amount greater than zero (see :func:`to_money`)."""
    money = to_money(value)
    if money.amount <= 0:
        raise fail("must be greater than zero", money)
    return money


def to_label(value: str) -> str:
    """A short free text (a line reference, a rate's source), possibly empty."""
    return to_text(value, max_length=200, required=False)


def to_count(value: int) -> int:
    """A whole number of at least 1 (a number of containers)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise fail("must be a whole number of at least 1", value)
    return value


def tuple_of(kind: type[T], value: object, empty: str = "") -> tuple[T, ...]:
    """A list or tuple of ``kind`` as a tuple; ``empty`` (if given) refuses an empty one."""
    return to_tuple(cast("Sequence[T]", value), partial(expect, kind), kind.__name__, empty=empty)
