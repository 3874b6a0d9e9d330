"""The packing plan: numbered cartons, weights and measurement of a contract's lines.

:class:`PackingPlan` turns the packed lines of a contract (:class:`PackingEntry`)
into numbered carton ranges (:class:`CartonRange`, the C/No. column of a packing
list), with part cartons, mixed cartons and the totals a forwarder charges on
(W/M revenue tons, air and express chargeable weight). It works per range of
identical cartons, never per carton, so a plan of thousands of lines builds in
milliseconds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import ROUND_CEILING, ROUND_DOWN, Decimal, Inexact, getcontext, localcontext
from fractions import Fraction
from typing import Any, TypeVar

import attrs

from exportdocs._cartons import (
    PLAN_CONTEXT,
    CartonContent,
    CartonRange,
    LinePacking,
    PackingEntry,
    numbers_text,
)
from exportdocs._packing import CM3_PER_M3, Dimensions
from exportdocs._validation import check, collecting, fail, to_bool, to_decimal
from exportdocs.exceptions import Problem, ValidationError

__all__ = ["PackingPlan"]

_KG = Decimal("0.01")
_CBM = Decimal("0.001")
_TENTH = Decimal("0.1")
_KG_PER_TON = Decimal(1000)
_ZERO = Decimal(0)


def _entries(value: Iterable[PackingEntry]) -> tuple[PackingEntry, ...]:
    if isinstance(value, (str, bytes, dict)) or not isinstance(value, Iterable):
        raise fail(f"expected a sequence of PackingEntry, not {type(value).__name__}", value)
    items = tuple(value)
    problems: list[Problem] = []
    seen: dict[int, int] = {}
    for i, entry in enumerate(items):
        if not isinstance(entry, PackingEntry):
            problems.append(
                Problem(f"[{i}]", entry, f"expected PackingEntry, not {type(entry).__name__}")
            )
            continue
        if entry.line in seen:
            problems.append(
                Problem(
                    f"[{i}].line",
                    entry.line,
                    f"line already used by entries[{seen[entry.line]}]; "
                    "give each contract line one entry",
                )
            )
        seen.setdefault(entry.line, i)
    if problems:
        raise ValidationError(problems)
    return tuple(sorted(items, key=lambda e: e.line))


@attrs.frozen(field_transformer=collecting)
class PackingPlan:
    """Numbered cartons, weights and measurement of packed contract lines.

    Numbering: lines in ``line`` order; for each line its full cartons, then its
    part carton (if any, and not mixed) right after them; mixed cartons come
    after all others, ordered by their first line. With ``mix_remainders``,
    part cartons of the same carton size share a carton when their fill
    fractions add up to at most 1 (first-fit decreasing by fill fraction, ties in
    line order); a part carton left alone is an ordinary part carton and keeps
    its place. A mixed carton's tare is the largest tare among its packings: it
    is a carton of the same size, and the heaviest packing is the conservative
    weight to declare. It counts once, however many lines it holds.

    Totals are summed unrounded and rounded once, half-up: kg to 2 places, m³
    to 3. An empty plan has no cartons and zero totals.

    >>> from exportdocs import Packing
    >>> p = Packing(24, (50, 40, 30), net_weight_per_unit="0.35", tare_per_carton="0.90")
    >>> plan = PackingPlan.build([PackingEntry(0, "LX-2040", 1030, p)])
    >>> [(r.numbers, r.contents[0].quantity) for r in plan.ranges]
    [('1-42', 24), ('43', 22)]
    >>> print(plan)
    43 CTNS  N.W. 360.50 KGS  G.W. 399.20 KGS  MEAS. 2.580 CBM
    """

    entries: tuple[PackingEntry, ...] = attrs.field(default=(), converter=_entries)
    mix_remainders: bool = attrs.field(default=True, kw_only=True, converter=to_bool)
    #: The carton ranges in C/No. order.
    ranges: tuple[CartonRange, ...] = attrs.field(init=False, default=(), eq=False, repr=False)
    #: One view per line, in line order.
    lines: tuple[LinePacking, ...] = attrs.field(init=False, default=(), eq=False, repr=False)
    total_cartons: int = attrs.field(init=False, default=0, eq=False, repr=False)
    net_weight_exact: Decimal = attrs.field(init=False, default=_ZERO, eq=False, repr=False)
    gross_weight_exact: Decimal = attrs.field(init=False, default=_ZERO, eq=False, repr=False)
    cbm_exact: Decimal = attrs.field(init=False, default=_ZERO, eq=False, repr=False)
    #: Total N.W. in kg, 2 dp half-up.
    net_weight: Decimal = attrs.field(init=False, default=_ZERO, eq=False, repr=False)
    #: Total G.W. in kg, 2 dp half-up.
    gross_weight: Decimal = attrs.field(init=False, default=_ZERO, eq=False, repr=False)
    #: Total measurement in m³, 3 dp half-up.
    cbm: Decimal = attrs.field(init=False, default=_ZERO, eq=False, repr=False)
    #: Total volume in cm³ (for volumetric weights), exact.
    volume_cm3: Decimal = attrs.field(init=False, default=_ZERO, eq=False, repr=False)
    _by_line: dict[int, LinePacking] = attrs.field(init=False, factory=dict, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        check(self)
        with localcontext(PLAN_CONTEXT):
            ranges = _layout(self.entries, self.mix_remainders)
            values = _summarise(self.entries, ranges)
        for name, value in values.items():
            object.__setattr__(self, name, value)

    @classmethod
    def build(cls, entries: Iterable[PackingEntry], *, mix_remainders: bool = True) -> PackingPlan:
        """Plan the cartons of ``entries`` (one per packed contract line).

        ``mix_remainders=False`` gives every line with a remainder its own part
        carton.
        """
        return cls(entries, mix_remainders=mix_remainders)

    @property
    def numbers(self) -> str:
        """C/No. text of the whole shipment (``"1-45"``), empty for an empty plan."""
        return numbers_text(self.ranges)

    @property
    def mixed_cartons(self) -> int:
        """Number of mixed cartons (each counted once)."""
        return sum(r.cartons for r in self.ranges if r.mixed)

    def for_line(self, line: int) -> LinePacking:
        """The packing of one contract line: its ranges, cartons, weights and CBM."""
        try:
            return self._by_line[line]
        except (KeyError, TypeError):
            raise fail("no packed line with this index in the plan", line, "line") from None

    def numbers_for_line(self, line: int) -> str:
        """C/No. text of one line, mixed cartons included: ``"1-42, 45"``."""
        return self.for_line(line).numbers

    def revenue_tons(self, minimum: Decimal | int | str = 1) -> Decimal:
        """LCL freight tons (W/M): max(CBM, G.W. in metric tons, ``minimum``), 3 dp.

        Forwarders charge LCL per revenue ton, whichever of volume and weight is
        larger; many charge at least 1 RT (pass ``minimum=0`` for the bare
        figure). An empty plan has 0 RT: there is nothing to charge.
        """
        floor = to_decimal(minimum, "minimum")
        if floor < 0:
            raise fail("must not be negative", minimum, "minimum")
        if not self.ranges:
            return _ZERO.quantize(_CBM)
        with localcontext(PLAN_CONTEXT):
            return max(self.cbm_exact, self.gross_weight_exact / _KG_PER_TON, floor).quantize(_CBM)

    def air_chargeable_weight(self, divisor: Decimal | int | str = 6000) -> Decimal:
        """Air chargeable weight in kg: max(G.W., volumetric), rounded UP to 0.5 kg.

        Volumetric weight is the total volume in cm³ ÷ ``divisor`` (IATA 6000,
        ≈167 kg/m³), summed over cartons unrounded; the result is rounded up once
        to the next half kilogram as carriers do (check the tariff).
        """
        number = to_decimal(divisor, "divisor")
        if number <= 0:
            raise fail(
                "must be greater than zero (6000 for air, 5000 for express)", divisor, "divisor"
            )
        d = Fraction(number)
        weight = max(Fraction(self.gross_weight_exact), Fraction(self.volume_cm3) / d)
        halves = math.ceil(weight * 2)
        with localcontext(PLAN_CONTEXT):
            return (Decimal(halves) / 2).quantize(_TENTH, ROUND_CEILING)

    def express_chargeable_weight(self) -> Decimal:
        """Courier (DHL/FedEx/UPS style) chargeable weight: divisor 5000."""
        return self.air_chargeable_weight(5000)

    def __str__(self) -> str:
        unit = "CTN" if self.total_cartons == 1 else "CTNS"
        return (
            f"{self.total_cartons} {unit}  N.W. {self.net_weight} KGS  "
            f"G.W. {self.gross_weight} KGS  MEAS. {self.cbm} CBM"
        )


def _layout(entries: tuple[PackingEntry, ...], mix: bool) -> tuple[CartonRange, ...]:
    """Number the cartons; see :class:`PackingPlan` for the rules."""
    alone = [entry.remainder > 0 for entry in entries]
    mixed: list[list[int]] = []
    if mix:
        groups: dict[Dimensions, list[int]] = {}
        for pos, entry in enumerate(entries):
            if entry.remainder:
                groups.setdefault(entry.packing.carton, []).append(pos)
        for members in groups.values():
            if len(members) < 2:
                continue
            for bin_ in _first_fit_decreasing(entries, members):
                if len(bin_) > 1:
                    mixed.append(sorted(bin_))
                    for pos in bin_:
                        alone[pos] = False
    ranges: list[CartonRange] = []
    number = 1
    for pos, entry in enumerate(entries):
        full = entry.full_cartons
        if full:
            per = entry.packing.units_per_carton
            ranges.append(_own_range(entry, per, number, number + full - 1))
            number += full
        if alone[pos]:
            ranges.append(_own_range(entry, entry.remainder, number, number))
            number += 1
    mixed.sort(key=lambda bin_: bin_[0])
    for bin_ in mixed:
        ranges.append(_mixed_range([entries[pos] for pos in bin_], number))
        number += 1
    return tuple(ranges)


def _first_fit_decreasing(entries: tuple[PackingEntry, ...], members: list[int]) -> list[list[int]]:
    """Pack the remainders of ``members`` into as few cartons as first-fit decreasing gives.

    Fill fractions are scaled to integers (by the LCM of the units per carton) so
    the "fits" test is exact. A max-segment tree over bin capacities finds the
    first bin that fits in O(log n), keeping large plans linearithmic.
    """
    scale = math.lcm(*(entries[pos].packing.units_per_carton for pos in members))
    need = {
        pos: entries[pos].remainder * (scale // entries[pos].packing.units_per_carton)
        for pos in members
    }
    order = sorted(members, key=lambda pos: (-need[pos], pos))
    size = 1
    while size < len(order):
        size *= 2
    tree = [0] * (2 * size)
    for i in range(len(order)):
        tree[size + i] = scale
    for node in range(size - 1, 0, -1):
        tree[node] = max(tree[2 * node], tree[2 * node + 1])
    bins: list[list[int]] = []
    for pos in order:
        node = 1
        while node < size:
            node = 2 * node if tree[2 * node] >= need[pos] else 2 * node + 1
        index = node - size
        if index == len(bins):
            bins.append([])
        bins[index].append(pos)
        tree[node] -= need[pos]
        node //= 2
        while node:
            tree[node] = max(tree[2 * node], tree[2 * node + 1])
            node //= 2
    return bins


_T = TypeVar("_T")


def _trusted(cls: type[_T], *values: Any) -> _T:
    """Build a plan's own result value without re-running its field converters.

    Ranges and contents made by the plan come from validated entries and are
    valid by construction; re-checking thousands of them would cost more than
    the whole layout.
    """
    obj = object.__new__(cls)
    for name, value in zip(_field_names(cls), values, strict=True):
        object.__setattr__(obj, name, value)
    return obj


_FIELD_NAMES: dict[type[Any], tuple[str, ...]] = {}


def _field_names(cls: type[Any]) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(field.name for field in attrs.fields(cls))
    return names


def _own_range(entry: PackingEntry, units: int, first: int, last: int) -> CartonRange:
    packing = entry.packing
    net = units * packing.net_weight_per_unit
    content = _trusted(CartonContent, entry.line, entry.item_no, units, net)
    gross = net + packing.tare_per_carton
    return _trusted(CartonRange, first, last, (content,), packing.carton, net, gross)


def _mixed_range(members: list[PackingEntry], number: int) -> CartonRange:
    contents = tuple(
        _trusted(
            CartonContent,
            e.line,
            e.item_no,
            e.remainder,
            e.remainder * e.packing.net_weight_per_unit,
        )
        for e in members
    )
    net = sum((c.net_weight for c in contents), _ZERO)
    tare = max(e.packing.tare_per_carton for e in members)
    carton = members[0].packing.carton
    return _trusted(CartonRange, number, number, contents, carton, net, net + tare)


def _summarise(
    entries: tuple[PackingEntry, ...], ranges: tuple[CartonRange, ...]
) -> dict[str, Any]:
    """Totals and each line's view, in one pass over the ranges (in the plan's context).

    The totals are the sums of the lines' exact shares, which add up exactly to
    the sums over the ranges (a mixed carton's last line takes the remainder).
    """
    by_line = {e.line: e for e in entries}
    found: dict[int, list[CartonRange]] = {e.line: [] for e in entries}
    own = dict.fromkeys(by_line, 0)
    shared = dict.fromkeys(by_line, 0)
    net = dict.fromkeys(by_line, _ZERO)
    gross = dict.fromkeys(by_line, _ZERO)
    cbm = dict.fromkeys(by_line, _ZERO)
    carton_cbm: dict[int, Decimal] = {}  # by id(): each Dimensions is computed once
    total_cartons = 0
    for r in ranges:
        cartons = r.last - r.first + 1
        total_cartons += cartons
        each = carton_cbm.get(id(r.carton))
        if each is None:
            each = carton_cbm[id(r.carton)] = r.carton.cbm
        if len(r.contents) == 1:
            line = r.contents[0].line
            found[line].append(r)
            own[line] += cartons
            net[line] += r.net_weight_each * cartons
            gross[line] += r.gross_weight_each * cartons
            cbm[line] += each * cartons
            continue
        pers = [by_line[c.line].packing.units_per_carton for c in r.contents]
        scale = math.lcm(*pers)
        fills = [c.quantity * (scale // per) for c, per in zip(r.contents, pers, strict=True)]
        whole = sum(fills)
        tare_left = tare = (r.gross_weight_each - r.net_weight_each) * cartons
        cbm_left = volume = each * cartons
        last = len(fills) - 1
        for i, (c, fill) in enumerate(zip(r.contents, fills, strict=True)):
            if i == last:
                tare_share, cbm_share = tare_left, cbm_left
            else:
                tare_share = _share(tare, fill, whole)
                cbm_share = _share(volume, fill, whole)
                tare_left -= tare_share
                cbm_left -= cbm_share
            found[c.line].append(r)
            shared[c.line] += cartons
            net[c.line] += c.net_weight * cartons
            gross[c.line] += c.net_weight * cartons + tare_share
            cbm[c.line] += cbm_share
    order = [e.line for e in entries]
    net_exact = sum(net.values(), _ZERO)
    gross_exact = sum(gross.values(), _ZERO)
    cbm_exact = sum(cbm.values(), _ZERO)
    net_total, gross_total, cbm_total = (
        net_exact.quantize(_KG),
        gross_exact.quantize(_KG),
        cbm_exact.quantize(_CBM),
    )
    net_r = _allocate([net[k] for k in order], net_total, _KG)
    gross_r = _allocate([gross[k] for k in order], gross_total, _KG)
    cbm_r = _allocate([cbm[k] for k in order], cbm_total, _CBM)
    lines = tuple(
        LinePacking(
            line=k,
            item_no=by_line[k].item_no,
            quantity=by_line[k].quantity,
            ranges=tuple(found[k]),
            cartons=own[k],
            mixed_cartons=shared[k],
            net_weight_exact=net[k],
            gross_weight_exact=gross[k],
            cbm_exact=cbm[k],
            net_weight=net_r[i],
            gross_weight=gross_r[i],
            cbm=cbm_r[i],
        )
        for i, k in enumerate(order)
    )
    return {
        "ranges": ranges,
        "lines": lines,
        "_by_line": {view.line: view for view in lines},
        "total_cartons": total_cartons,
        "net_weight_exact": net_exact,
        "gross_weight_exact": gross_exact,
        "cbm_exact": cbm_exact,
        "net_weight": net_total,
        "gross_weight": gross_total,
        "cbm": cbm_total,
        "volume_cm3": cbm_exact * CM3_PER_M3,
    }


_SHARE_PLACES = Decimal("1e-12")


def _share(amount: Decimal, part: int, whole: int) -> Decimal:
    """``amount × part ÷ whole``: exact when it terminates, else cut at 12 places.

    A share such as 0.90 × 22/24 = 0.825 stays exact; a repeating share is cut at
    12 places (the last line of the carton takes the remainder, so the shares
    still add up to the carton exactly). Runs in the plan's context.
    """
    context = getcontext()
    context.clear_flags()
    quotient = amount * part / whole
    return quotient.quantize(_SHARE_PLACES) if context.flags[Inexact] else quotient


def _allocate(exact: list[Decimal], total: Decimal, quantum: Decimal) -> list[Decimal]:
    """Round each value so the results add up to ``total`` (largest remainder).

    Every value is first rounded down; the units still missing go to the values
    with the largest remainders, ties in line order. Values already on the grid
    are never bumped, and each result is within one ``quantum`` of its value.
    """
    floors = [x.quantize(quantum, ROUND_DOWN) for x in exact]
    missing = int((total - sum(floors, _ZERO)) / quantum)
    if missing:
        order = sorted(range(len(exact)), key=lambda i: (floors[i] - exact[i], i))
        for i in order[:missing]:
            floors[i] += quantum
    return floors
