"""Shipping marks (唛头): the text stencilled on every carton.

The main mark identifies the consignment (buyer's code, reference, destination,
carton numbers, origin); the optional side mark describes one carton (item,
quantity, weights, measurement). While the number of cartons is unknown the
package number is written ``C/NO. 1-UP``; :meth:`ShippingMarks.final` puts in
the real range once the packing plan is known. Marks must read the same on the
invoice, the packing list and the B/L, so they are plain lines of text kept
exactly as given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

import attrs

from exportdocs._packing import Packing
from exportdocs._units import Unit
from exportdocs._validation import check, collecting, fail, to_text
from exportdocs.exceptions import Problem, ValidationError

__all__ = ["ShippingMarks", "side_marks"]

#: Most lines in one part of the marks (main or side).
MAX_LINES = 10
#: Most characters in one line: what a stencil, a B/L box and an EDI field
#: (UN/EDIFACT 7102 is an..35) comfortably hold.
MAX_LINE_LENGTH = 35

_NO_MARKS = "N/M"
_KG = Decimal("0.01")
_WIDE = Context(prec=120)

# "C/NO. 1-UP", "C/No. 1-UP", "C/NOS 1 - UP", "CTN NO. 1-UP", "CTNS NO: 1-UP"; the
# prefix is kept as written and only "1-UP" becomes the real range.
_PLACEHOLDER = re.compile(
    r"(?P<prefix>\b(?:C/NOS?|CTNS?\.?\s*NOS?)\.?\s*:?\s*)1\s*[-–]\s*UP\b",
    re.IGNORECASE,
)


def _mark_lines(value: str | Sequence[str], *, required: bool) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, (list, tuple)):
        raise fail(f"expected a list of lines, not {type(value).__name__}", value)
    lines: list[str] = []
    problems: list[Problem] = []
    for i, line in enumerate(value):
        try:
            text = to_text(line, max_length=10_000, required=False)
        except ValidationError as exc:
            problems.extend(p.prefixed(f"[{i}]") for p in exc.problems)
            continue
        if len(text) > MAX_LINE_LENGTH:
            problems.append(
                Problem(
                    f"[{i}]",
                    line,
                    f"longer than {MAX_LINE_LENGTH} characters ({len(text)}); split the line",
                )
            )
        elif text:
            lines.append(text)
    if problems:
        raise ValidationError(problems)
    if len(lines) > MAX_LINES:
        raise fail(f"more than {MAX_LINES} lines ({len(lines)})", value)
    if required and not lines:
        raise fail("no mark lines; use ShippingMarks.none() for N/M", value)
    return tuple(lines)


def _main_lines(value: str | Sequence[str]) -> tuple[str, ...]:
    return _mark_lines(value, required=True)


def _side_lines(value: str | Sequence[str]) -> tuple[str, ...]:
    return _mark_lines(value, required=False)


@attrs.frozen(field_transformer=collecting)
class ShippingMarks:
    """The main mark and optional side mark printed on cartons and documents.

    Each part has at most 10 lines of at most 35 characters; blank lines are
    dropped and the others kept exactly as given (marks must match letter for
    letter across documents). A line may carry the package-number placeholder
    ``C/NO. 1-UP`` (also ``C/No. 1-UP``, ``CTN NO. 1-UP``, any case).

    >>> marks = ShippingMarks.standard("ABC", "PO-2025-018", "HAMBURG")
    >>> marks.main
    ('ABC', 'PO-2025-018', 'HAMBURG', 'C/NO. 1-UP', 'MADE IN CHINA')
    >>> marks.final(45).main[3]
    'C/NO. 1-45'
    """

    main: tuple[str, ...] = attrs.field(converter=_main_lines)
    side: tuple[str, ...] = attrs.field(default=(), converter=_side_lines)

    def __attrs_post_init__(self) -> None:
        check(self)

    @classmethod
    def none(cls) -> ShippingMarks:
        """No marks: documents show ``N/M``."""
        return cls((_NO_MARKS,))

    @classmethod
    def standard(
        cls,
        consignee_code: str,
        reference: str,
        destination: str,
        *,
        origin: str | None = "MADE IN CHINA",
        via: str | None = None,
    ) -> ShippingMarks:
        """A main mark in the UN/ECE Recommendation No. 15 order, upper-cased.

        Lines: consignee code, reference (PO, contract or L/C no.), destination
        (``HAMBURG VIA SINGAPORE`` when transhipped), ``C/NO. 1-UP`` and the
        origin (pass ``origin=None`` to leave it off). Rec. 15 itself asks for
        at most 4 lines of 17 characters without the origin; this builder only
        enforces the library-wide 35 characters.
        """
        problems: list[Problem] = []
        parts: dict[str, str] = {}
        texts = {
            "consignee_code": consignee_code,
            "reference": reference,
            "destination": destination,
        }
        if via is not None:
            texts["via"] = via
        if origin is not None:
            texts["origin"] = origin
        for path, value in texts.items():
            try:
                parts[path] = to_text(value, path, max_length=MAX_LINE_LENGTH).upper()
            except ValidationError as exc:
                problems.extend(exc.problems)
        if problems:
            raise ValidationError(problems)
        place = parts["destination"]
        if "via" in parts:
            place = f"{place} VIA {parts['via']}"
        lines = [parts["consignee_code"], parts["reference"], place, "C/NO. 1-UP"]
        if "origin" in parts:
            lines.append(parts["origin"])
        return cls(tuple(lines))

    @property
    def is_none(self) -> bool:
        """True for ``N/M`` (no marks)."""
        return not self.side and len(self.main) == 1 and self.main[0].upper() == _NO_MARKS

    @property
    def has_placeholder(self) -> bool:
        """True while a line still reads ``C/NO. 1-UP``."""
        return any(_PLACEHOLDER.search(line) for line in (*self.main, *self.side))

    def final(self, total_cartons: int) -> ShippingMarks:
        """The marks with ``1-UP`` replaced by ``1-<total_cartons>``.

        Marks without the placeholder come back unchanged (``N/M`` included),
        whatever the total. A placeholder needs at least one carton.

        Raises:
            ValidationError: ``total_cartons`` is not a whole number ≥ 0, is 0
                while a placeholder must be filled, or a line grows past 35
                characters.
        """
        if isinstance(total_cartons, bool) or not isinstance(total_cartons, int):
            raise fail(
                f"expected a whole number of cartons, not {type(total_cartons).__name__}",
                total_cartons,
                "total_cartons",
            )
        if total_cartons < 0:
            raise fail("must not be negative", total_cartons, "total_cartons")
        if not self.has_placeholder:
            return self
        if total_cartons == 0:
            raise fail(
                "cannot number the cartons of a shipment without cartons",
                total_cartons,
                "total_cartons",
            )

        def fill(line: str) -> str:
            return _PLACEHOLDER.sub(lambda m: f"{m.group('prefix')}1-{total_cartons}", line)

        return attrs.evolve(
            self,
            main=tuple(fill(line) for line in self.main),
            side=tuple(fill(line) for line in self.side),
        )

    def __str__(self) -> str:
        return "\n".join((*self.main, *self.side))


def side_marks(
    product_item_no: str, packing: Packing, unit_code: Unit | str = "PCS"
) -> tuple[str, ...]:
    """Side-mark lines for a full carton: item, quantity, N.W., G.W. and size.

    Weights are per full carton, rounded half-up to 2 places as on the packing
    list. Pass the result as ``ShippingMarks(main, side=...)``.

    >>> p = Packing(24, (50, 40, 30), net_weight_per_unit="0.35", tare_per_carton="0.90")
    >>> side_marks("LX-2040", p)
    ('ITEM NO.: LX-2040', 'QTY: 24 PCS', 'N.W.: 8.40 KGS', 'G.W.: 9.30 KGS', 'MEAS.: 50×40×30 CM')
    """
    problems: list[Problem] = []
    try:
        item = to_text(product_item_no, "product_item_no", max_length=MAX_LINE_LENGTH - 10)
    except ValidationError as exc:
        problems.extend(exc.problems)
    if not isinstance(packing, Packing):
        problems.append(
            Problem("packing", packing, f"expected Packing, not {type(packing).__name__}")
        )
    try:
        unit = Unit.parse(unit_code)
    except ValidationError as exc:
        problems.extend(p.prefixed("unit_code") for p in exc.problems)
    if problems:
        raise ValidationError(problems)
    per = packing.units_per_carton
    with localcontext(_WIDE):  # no overflow on absurd but accepted inputs
        nw = packing.net_weight_per_carton.quantize(_KG, ROUND_HALF_UP)
        gw = packing.gross_weight_per_carton.quantize(_KG, ROUND_HALF_UP)
    return (
        f"ITEM NO.: {item}",
        f"QTY: {per} {unit.value if per != 1 else unit.singular}",
        f"N.W.: {nw} KGS",
        f"G.W.: {gw} KGS",
        f"MEAS.: {packing.carton}",
    )
