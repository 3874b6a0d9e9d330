"""The rows of a packing plan: packed contract lines in, carton ranges and line views out.

A :class:`PackingEntry` is one packed contract line; the plan numbers its cartons in
:class:`CartonRange` s (the C/No. column of a packing list), each listing what one carton
holds (:class:`CartonContent`), and gives every line its own view (:class:`LinePacking`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from fractions import Fraction

import attrs
from attrs.converters import optional

from exportdocs._packing import Dimensions, Packing, positive_whole, to_dimensions
from exportdocs._validation import check, collecting, expect, fail, to_positive, to_text, to_tuple
from exportdocs.exceptions import Problem

__all__ = ["CartonContent", "CartonRange", "LinePacking", "PackingEntry"]

#: Arithmetic of the plan. Wide enough that every product and sum of accepted
#: inputs (at most 15 integer and 12 fractional digits each) stays exact, so the
#: totals really are rounded once from true values and never overflow a quantize.
PLAN_CONTEXT = Context(prec=120, rounding=ROUND_HALF_UP)


def _index(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(f"expected a line index (int), not {type(value).__name__}", value)
    if value < 0:
        raise fail("must not be negative", value)
    return value


def _whole_units(value: int | str | Decimal) -> int:
    return positive_whole(value, "a whole number of units", ": packing needs whole units")


def _item_no(value: str) -> str:
    return to_text(value, max_length=50)


def _description(value: str) -> str | None:
    return to_text(value, max_length=500, required=False) or None


def _packing(value: Packing) -> Packing:
    return expect(Packing, value)


@attrs.frozen(field_transformer=collecting)
class PackingEntry:
    """One packed contract line: how many units of which item, packed how.

    ``line`` is the line's position in the contract (0-based); it identifies the
    entry in the plan and fixes the numbering order. ``quantity`` must be a whole
    number because cartons hold whole units.

    >>> p = Packing(24, (50, 40, 30), net_weight_per_unit="0.35", tare_per_carton="0.90")
    >>> e = PackingEntry(0, "LX-2040", 1030, p)
    >>> e.full_cartons, e.remainder, e.cartons
    (42, 22, 43)
    """

    line: int = attrs.field(converter=_index)
    item_no: str = attrs.field(converter=_item_no)
    quantity: int = attrs.field(converter=_whole_units)
    packing: Packing = attrs.field(converter=_packing)
    description: str | None = attrs.field(default=None, converter=optional(_description))

    def __attrs_post_init__(self) -> None:
        check(self)

    @property
    def full_cartons(self) -> int:
        """Cartons filled to ``units_per_carton``."""
        return self.quantity // self.packing.units_per_carton

    @property
    def remainder(self) -> int:
        """Units left for a part carton (0 when the quantity fills whole cartons)."""
        return self.quantity % self.packing.units_per_carton

    @property
    def cartons(self) -> int:
        """Cartons this line would need alone: ``ceil(quantity / units_per_carton)``."""
        return -(-self.quantity // self.packing.units_per_carton)

    @property
    def fill(self) -> Fraction:
        """How full the part carton is, as an exact fraction (0 when there is none)."""
        return Fraction(self.remainder, self.packing.units_per_carton)

    @property
    def net_weight(self) -> Decimal:
        """N.W. of the whole line in kg, unrounded: quantity × N.W. per unit."""
        with localcontext(PLAN_CONTEXT):
            return self.quantity * self.packing.net_weight_per_unit


def _content(value: CartonContent) -> CartonContent:
    return expect(CartonContent, value)


def _contents(value: Sequence[CartonContent]) -> tuple[CartonContent, ...]:
    return to_tuple(value, _content, "CartonContent", empty="a carton holds at least one item")


@attrs.frozen(field_transformer=collecting)
class CartonContent:
    """Units of one contract line in ONE carton of a range.

    ``net_weight`` is the N.W. of those units in kg, unrounded.

    >>> CartonContent(0, "LX-2040", 24, "8.40")
    CartonContent(line=0, item_no='LX-2040', quantity=24, net_weight=Decimal('8.40'))
    """

    line: int = attrs.field(converter=_index)
    item_no: str = attrs.field(converter=_item_no)
    quantity: int = attrs.field(converter=positive_whole)
    net_weight: Decimal = attrs.field(converter=to_positive)

    def __attrs_post_init__(self) -> None:
        check(self)


@attrs.frozen(field_transformer=collecting)
class CartonRange:
    """Consecutive identical cartons: one row of the packing list's C/No. column.

    ``first`` and ``last`` are 1-based carton numbers. ``contents`` lists what ONE
    carton holds; more than one content makes a mixed carton. Weights are per
    carton and unrounded; the range totals multiply them by :attr:`cartons`.

    >>> r = CartonRange(1, 42, (CartonContent(0, "A", 24, "8.40"),), (50, 40, 30), "8.40", "9.30")
    >>> r.numbers, r.cartons, r.mixed, r.gross_weight, r.cbm
    ('1-42', 42, False, Decimal('390.60'), Decimal('2.52'))
    """

    first: int = attrs.field(converter=positive_whole)
    last: int = attrs.field(converter=positive_whole)
    contents: tuple[CartonContent, ...] = attrs.field(converter=_contents)
    carton: Dimensions = attrs.field(converter=to_dimensions)
    net_weight_each: Decimal = attrs.field(converter=to_positive)
    gross_weight_each: Decimal = attrs.field(converter=to_positive)

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)

    def _cross(self) -> Iterator[Problem]:
        if self.last < self.first:
            yield Problem("last", self.last, f"must not be below the first carton ({self.first})")
        if self.gross_weight_each < self.net_weight_each:
            yield Problem(
                "gross_weight_each",
                self.gross_weight_each,
                f"G.W. must be at least the N.W. ({self.net_weight_each} kg)",
            )
        seen: set[int] = set()
        for i, content in enumerate(self.contents):
            if content.line in seen:
                yield Problem(
                    f"contents[{i}].line", content.line, "line appears twice in one carton"
                )
            seen.add(content.line)

    @property
    def cartons(self) -> int:
        """Number of cartons in the range: ``last − first + 1``."""
        return self.last - self.first + 1

    @property
    def mixed(self) -> bool:
        """True when one carton holds units of more than one line."""
        return len(self.contents) > 1

    @property
    def numbers(self) -> str:
        """The C/No. text: ``"1-42"``, or ``"43"`` for a single carton."""
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"

    @property
    def cbm_each(self) -> Decimal:
        """Volume of one carton in m³, unrounded."""
        return self.carton.cbm

    @property
    def tare_each(self) -> Decimal:
        """Packing weight of one carton in kg (G.W. − N.W.)."""
        return self.gross_weight_each - self.net_weight_each

    @property
    def net_weight(self) -> Decimal:
        """N.W. of the whole range in kg, unrounded."""
        return self.net_weight_each * self.cartons

    @property
    def gross_weight(self) -> Decimal:
        """G.W. of the whole range in kg, unrounded."""
        return self.gross_weight_each * self.cartons

    @property
    def cbm(self) -> Decimal:
        """Volume of the whole range in m³, unrounded."""
        return self.cbm_each * self.cartons


@attrs.frozen
class LinePacking:
    """One contract line's view of a plan (built by :meth:`PackingPlan.for_line`).

    ``ranges`` are the ranges holding the line, mixed cartons included, so a
    mixed carton shows on every line it holds. ``cartons`` counts only the
    cartons holding this line alone (full and own part carton) and
    ``mixed_cartons`` the mixed cartons it shares: summing ``cartons`` over the
    lines and adding the plan's mixed cartons once gives the total.

    N.W. is exact per item. The tare and CBM of a mixed carton are split between
    its lines in proportion to their fill fraction (units ÷ units per carton),
    the last line of the carton taking the remainder so the shares add up
    exactly. The ``*_exact`` values are unrounded; ``net_weight``,
    ``gross_weight`` (2 dp) and ``cbm`` (3 dp) are rounded so that the lines
    add up to the plan's rounded totals (largest remainder; each within one
    unit of the last place of its exact value).
    """

    line: int
    item_no: str
    quantity: int
    ranges: tuple[CartonRange, ...]
    cartons: int
    mixed_cartons: int
    net_weight_exact: Decimal
    gross_weight_exact: Decimal
    cbm_exact: Decimal
    net_weight: Decimal
    gross_weight: Decimal
    cbm: Decimal

    @property
    def numbers(self) -> str:
        """The line's C/No. text, adjacent ranges joined: ``"1-42, 45"``."""
        return numbers_text(self.ranges)


def numbers_text(ranges: Iterable[CartonRange]) -> str:
    """C/No. text of ``ranges``, adjacent ranges joined: ``"1-42, 45"``."""
    spans: list[list[int]] = []
    for r in ranges:
        if spans and spans[-1][1] + 1 == r.first:
            spans[-1][1] = r.last
        else:
            spans.append([r.first, r.last])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)
