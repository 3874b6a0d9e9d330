"""The packing plan (C/No. ranges, mixed cartons, weights, CBM, W/M, chargeable weight).

Fixtures are worked examples A and B of /work/shared/domain/packing.md.
"""

from __future__ import annotations

import contextlib
import math
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exportdocs import ValidationError
from exportdocs._cartons import CartonContent, CartonRange, PackingEntry
from exportdocs._packing import Dimensions, Packing
from exportdocs._packing_plan import PackingPlan
from tests.test_packing import _JUNK, CARTON, D, packing_a, packing_b


def example_a() -> PackingPlan:
    return PackingPlan.build([PackingEntry(0, "A", 1030, packing_a())])


def example_b(*, mix: bool = True) -> PackingPlan:
    entries = [PackingEntry(0, "A", 1030, packing_a()), PackingEntry(1, "B", 50, packing_b())]
    return PackingPlan.build(entries, mix_remainders=mix)


def rows(plan: PackingPlan) -> list[tuple[str, int, list[tuple[str, int]], Decimal, Decimal]]:
    return [
        (
            r.numbers,
            r.cartons,
            [(c.item_no, c.quantity) for c in r.contents],
            r.net_weight_each,
            r.gross_weight_each,
        )
        for r in plan.ranges
    ]


# -- worked example A -------------------------------------------------------------------


def test_example_a_ranges() -> None:
    assert rows(example_a()) == [
        ("1-42", 42, [("A", 24)], D("8.40"), D("9.30")),
        ("43", 1, [("A", 22)], D("7.70"), D("8.60")),
    ]


def test_example_a_totals() -> None:
    plan = example_a()
    assert plan.total_cartons == 43
    assert plan.net_weight == D("360.50")
    assert plan.gross_weight == D("399.20")
    assert plan.gross_weight == 42 * D("9.30") + D("8.60")
    assert str(plan.cbm) == "2.580"
    assert plan.revenue_tons() == D("2.58")
    assert str(plan.revenue_tons()) == "2.580"
    assert plan.air_chargeable_weight() == D(430)
    assert plan.express_chargeable_weight() == D(516)
    assert plan.numbers == "1-43"
    assert plan.numbers_for_line(0) == "1-43"
    assert str(plan) == "43 CTNS  N.W. 360.50 KGS  G.W. 399.20 KGS  MEAS. 2.580 CBM"


def test_example_a_range_totals() -> None:
    full, part = example_a().ranges
    assert (full.net_weight, full.gross_weight, full.cbm) == (D("352.80"), D("390.60"), D("2.52"))
    assert (part.net_weight, part.gross_weight, part.cbm) == (D("7.70"), D("8.60"), D("0.06"))
    assert (full.mixed, part.mixed, part.tare_each) == (False, False, D("0.90"))


# -- worked example B -------------------------------------------------------------------


def test_example_b_table() -> None:
    assert rows(example_b()) == [
        ("1-42", 42, [("A", 24)], D("8.40"), D("9.30")),
        ("43-44", 2, [("B", 24)], D("12.00"), D("12.90")),
        ("45", 1, [("A", 22), ("B", 2)], D("8.70"), D("9.60")),
    ]


def test_example_b_counts_the_mixed_carton_once() -> None:
    plan = example_b()
    naive = sum(math.ceil(q / 24) for q in (1030, 50))
    assert (naive, plan.total_cartons) == (46, 45)
    assert plan.mixed_cartons == 1
    assert sum(v.cartons for v in plan.lines) + plan.mixed_cartons == 45


def test_example_b_totals() -> None:
    plan = example_b()
    assert (D("385.50"), D("426.00")) == (plan.net_weight, plan.gross_weight)
    assert str(plan.cbm) == "2.700"
    assert plan.revenue_tons() == D("2.700")
    assert plan.air_chargeable_weight() == D(450)
    assert plan.express_chargeable_weight() == D(540)


def test_example_b_per_line_views() -> None:
    plan = example_b()
    a, b = plan.for_line(0), plan.for_line(1)
    assert (a.numbers, b.numbers) == ("1-42, 45", "43-45")
    assert plan.numbers_for_line(0) == "1-42, 45"
    assert (a.cartons, a.mixed_cartons, b.cartons, b.mixed_cartons) == (42, 1, 2, 1)
    assert [r.numbers for r in a.ranges] == ["1-42", "45"]
    # N.W. exact per item; the mixed carton's tare (0.90) and CBM split 22:2 by fill.
    assert (a.net_weight_exact, b.net_weight_exact) == (D("360.50"), D("25.00"))
    assert (a.gross_weight_exact, b.gross_weight_exact) == (D("399.125"), D("26.875"))
    assert (a.cbm_exact, b.cbm_exact) == (D("2.575"), D("0.125"))
    # Rounded shares add up to the rounded totals (largest remainder, tie to line 0).
    assert (a.gross_weight, b.gross_weight) == (D("399.13"), D("26.87"))
    assert a.gross_weight + b.gross_weight == plan.gross_weight
    assert (a.cbm, b.cbm) == (D("2.575"), D("0.125"))


def test_mixed_carton_takes_the_largest_tare() -> None:
    light = Packing(24, CARTON, net_weight_per_unit="0.50", tare_per_carton="0.50")
    heavy = Packing(24, CARTON, net_weight_per_unit="0.35", tare_per_carton="1.20")
    plan = PackingPlan.build([PackingEntry(0, "A", 10, light), PackingEntry(1, "B", 4, heavy)])
    (mixed,) = plan.ranges
    assert (mixed.net_weight_each, mixed.gross_weight_each) == (D("6.40"), D("7.60"))


def test_without_mixing_each_line_has_its_own_part_carton() -> None:
    plan = example_b(mix=False)
    assert [(n, c) for n, _, c, _, _ in rows(plan)] == [
        ("1-42", [("A", 24)]),
        ("43", [("A", 22)]),
        ("44-45", [("B", 24)]),
        ("46", [("B", 2)]),
    ]
    assert (plan.total_cartons, plan.gross_weight, plan.cbm) == (46, D("426.90"), D("2.760"))
    assert plan.mixed_cartons == 0
    assert plan.numbers_for_line(1) == "44-46"


# -- rounding once ---------------------------------------------------------------------


def test_cbm_is_rounded_once_from_the_unrounded_sum() -> None:
    p = Packing(10, (52, 38, 29), net_weight_per_unit="1", tare_per_carton="1")
    plan = PackingPlan.build([PackingEntry(0, "X", 430, p)])
    assert plan.cbm_exact == D("2.464072")
    assert str(plan.cbm) == "2.464"
    rounded_first = D("0.057304").quantize(D("0.001"), ROUND_HALF_UP) * 43
    assert rounded_first == D("2.451")
    assert plan.cbm != rounded_first


def test_weights_are_rounded_half_up_once() -> None:
    p = Packing(1, CARTON, net_weight_per_unit="0.005", tare_per_carton="0")
    plan = PackingPlan.build([PackingEntry(0, "X", 1, p), PackingEntry(1, "Y", 1, p)])
    assert (plan.net_weight_exact, plan.net_weight) == (D("0.010"), D("0.01"))
    single = PackingPlan.build([PackingEntry(0, "X", 1, p)])
    assert single.net_weight == D("0.01")  # 0.005 half-up


# -- three items ------------------------------------------------------------------------


def test_three_items_first_fit_decreasing() -> None:
    # Remainders A 10/24, B 8/24, C 12/24: C (12) then A (10) share one carton
    # (22/24); B (8) no longer fits and stays an ordinary part carton after B's
    # full cartons.
    a, b, c = (
        Packing(24, CARTON, net_weight_per_unit=w, tare_per_carton="0.90")
        for w in ("0.10", "0.20", "0.30")
    )
    plan = PackingPlan.build(
        [PackingEntry(0, "A", 34, a), PackingEntry(1, "B", 56, b), PackingEntry(2, "C", 12, c)]
    )
    assert [(n, k) for n, _, k, _, _ in rows(plan)] == [
        ("1", [("A", 24)]),
        ("2-3", [("B", 24)]),
        ("4", [("B", 8)]),
        ("5", [("A", 10), ("C", 12)]),
    ]
    assert plan.total_cartons == 5
    assert plan.ranges[-1].net_weight_each == D("4.60")
    assert [plan.numbers_for_line(i) for i in range(3)] == ["1, 5", "2-4", "5"]


def test_three_items_in_one_carton_split_the_tare_by_fill() -> None:
    entries = [
        PackingEntry(
            0, "A", 8, Packing(24, CARTON, net_weight_per_unit="1", tare_per_carton="0.5")
        ),
        PackingEntry(1, "B", 4, Packing(12, CARTON, net_weight_per_unit="1", tare_per_carton="1")),
        PackingEntry(2, "C", 2, Packing(6, CARTON, net_weight_per_unit="1", tare_per_carton="0.7")),
    ]
    plan = PackingPlan.build(entries)
    assert rows(plan) == [("1", 1, [("A", 8), ("B", 4), ("C", 2)], D(14), D(15))]
    views = plan.lines
    third = D("0.333333333333")
    assert [v.gross_weight_exact for v in views] == [8 + third, 4 + third, 2 + 1 - 2 * third]
    assert sum(v.gross_weight_exact for v in views) == plan.gross_weight_exact == D(15)
    assert [v.gross_weight for v in views] == [D("8.33"), D("4.33"), D("2.34")]
    assert [v.cbm for v in views] == [D("0.020"), D("0.020"), D("0.020")]
    assert all(v.numbers == "1" and v.mixed_cartons == 1 and v.cartons == 0 for v in views)


def test_only_cartons_of_the_same_size_mix() -> None:
    other = Packing(24, (60, 40, 30), net_weight_per_unit="0.50", tare_per_carton="0.90")
    plan = PackingPlan.build(
        [PackingEntry(0, "A", 1030, packing_a()), PackingEntry(1, "B", 2, other)]
    )
    assert [r.numbers for r in plan.ranges] == ["1-42", "43", "44"]
    assert plan.mixed_cartons == 0


def test_remainders_that_overflow_do_not_mix() -> None:
    plan = PackingPlan.build(
        [PackingEntry(0, "A", 13, packing_a()), PackingEntry(1, "B", 12, packing_b())]
    )
    assert [(r.numbers, len(r.contents)) for r in plan.ranges] == [("1", 1), ("2", 1)]


def test_entries_are_numbered_in_line_order() -> None:
    plan = PackingPlan.build(
        [PackingEntry(5, "B", 48, packing_b()), PackingEntry(2, "A", 24, packing_a())]
    )
    assert [r.contents[0].item_no for r in plan.ranges] == ["A", "B"]
    assert [e.line for e in plan.entries] == [2, 5]
    assert plan.numbers_for_line(5) == "2-3"


# -- chargeable weight and revenue tons -----------------------------------------------


def test_revenue_tons_minimum_and_weight_driven() -> None:
    small = PackingPlan.build([PackingEntry(0, "A", 24, packing_a())])
    assert small.revenue_tons() == D("1.000")
    assert small.revenue_tons(minimum=0) == D("0.060")
    heavy = Packing(1, (20, 20, 20), net_weight_per_unit="150", tare_per_carton="1.5")
    plan = PackingPlan.build([PackingEntry(0, "M", 10, heavy)])  # 1,515 kg, 0.08 m³
    assert (plan.cbm, plan.revenue_tons()) == (D("0.080"), D("1.515"))
    # Weight-driven air freight, rounded up to the next half kilogram.
    assert plan.air_chargeable_weight() == D("1515.0")
    light = Packing(1, (33, 33, 33), net_weight_per_unit="1", tare_per_carton="0.2")
    one = PackingPlan.build([PackingEntry(0, "L", 1, light)])  # 35,937 cm³ / 6000 = 5.9895
    assert (one.air_chargeable_weight(), one.express_chargeable_weight()) == (D("6.0"), D("7.5"))


def test_empty_plan_is_all_zeros() -> None:
    plan = PackingPlan.build([])
    assert (plan.ranges, plan.lines, plan.total_cartons, plan.numbers) == ((), (), 0, "")
    assert (plan.net_weight, plan.gross_weight, plan.cbm) == (0, 0, 0)
    assert (str(plan.cbm), str(plan.revenue_tons()), str(plan.air_chargeable_weight())) == (
        "0.000",
        "0.000",
        "0.0",
    )
    assert plan == PackingPlan()


# -- validation ------------------------------------------------------------------------


def test_quantity_must_be_whole_units() -> None:
    with pytest.raises(ValidationError, match="whole units") as info:
        PackingEntry(0, "A", "10.5", packing_a())
    assert info.value.path == "quantity"


def test_entry_reports_every_problem() -> None:
    with pytest.raises(ValidationError) as info:
        PackingEntry(-1, "", 0, "24 pcs", description=5)
    paths = [p.path for p in info.value.problems]
    assert paths == ["line", "item_no", "quantity", "packing", "description"]


def test_lines_must_be_unique() -> None:
    entries = [PackingEntry(0, "A", 1, packing_a()), PackingEntry(0, "B", 1, packing_b())]
    with pytest.raises(ValidationError, match="already used by entries") as info:
        PackingPlan.build(entries)
    assert info.value.path == "entries[1].line"


@pytest.mark.parametrize("bad", [None, "A", 3, b"x", {"a": 1}, [1], [None]])
def test_plan_refuses_junk_entries(bad: Any) -> None:
    with pytest.raises(ValidationError, match="PackingEntry") as info:
        PackingPlan.build(bad)
    assert info.value.path.startswith("entries")


def test_mix_flag_must_be_bool() -> None:
    with pytest.raises(ValidationError, match="True or False") as info:
        PackingPlan.build([], mix_remainders="no")
    assert info.value.path == "mix_remainders"


def test_unknown_line_and_bad_parameters() -> None:
    plan = example_b()
    with pytest.raises(ValidationError, match="no packed line") as info:
        plan.for_line(7)
    assert info.value.path == "line"
    with pytest.raises(ValidationError, match="no packed line"):
        plan.numbers_for_line([0])
    with pytest.raises(ValidationError, match="negative") as info:
        plan.revenue_tons(minimum="-1")
    assert info.value.path == "minimum"
    with pytest.raises(ValidationError, match="greater than zero") as info:
        plan.air_chargeable_weight(0)
    assert info.value.path == "divisor"
    with pytest.raises(ValidationError, match="float"):
        plan.air_chargeable_weight(6000.0)


def test_carton_range_checks() -> None:
    content = CartonContent(0, "A", 24, "8.40")
    with pytest.raises(ValidationError) as info:
        CartonRange(5, 3, (content,), CARTON, "8.40", "8.00")
    assert [p.path for p in info.value.problems] == ["last", "gross_weight_each"]
    with pytest.raises(ValidationError, match="at least one item") as info:
        CartonRange(1, 1, (), CARTON, "1", "1")
    assert info.value.path == "contents"
    with pytest.raises(ValidationError, match="CartonContent") as info:
        CartonRange(1, 1, (content, "x"), CARTON, "1", "1")
    assert info.value.path == "contents[1]"
    with pytest.raises(ValidationError, match="twice") as info:
        CartonRange(1, 1, (content, content), CARTON, "1", "2")
    assert info.value.path == "contents[1].line"


def test_plan_ranges_equal_validated_ones() -> None:
    built = example_a().ranges[0]
    checked = CartonRange(1, 42, (CartonContent(0, "A", 24, "8.40"),), CARTON, "8.40", "9.30")
    assert built == checked


@settings(max_examples=150, deadline=None)
@given(_JUNK, _JUNK, _JUNK, _JUNK, _JUNK)
def test_junk_raises_validation_error_only(a: Any, b: Any, c: Any, d: Any, e: Any) -> None:
    attempts = [
        lambda: PackingEntry(a, b, c, d, e),
        lambda: PackingEntry(0, "A", a, packing_a()),
        lambda: PackingPlan.build(a),
        lambda: PackingPlan.build([PackingEntry(0, "A", 30, packing_a())], mix_remainders=a),
        lambda: CartonContent(a, b, c, d),
        lambda: CartonRange(a, b, c, d, e, a),
        lambda: example_b().for_line(a),
        lambda: example_b().revenue_tons(a),
        lambda: example_b().air_chargeable_weight(a),
    ]
    for attempt in attempts:
        with contextlib.suppress(ValidationError):
            attempt()


def test_huge_accepted_inputs_do_not_overflow() -> None:
    big = Packing(
        10**14,
        ("999999999999999", "999999999999999", "999999999999999"),
        "999999999999999.999999999999",
    )
    plan = PackingPlan.build([PackingEntry(0, "X", "999999999999999", big)])
    assert plan.total_cartons == 10
    with localcontext(Context(prec=100)):
        assert plan.cbm_exact == 10 * D("999999999999999") ** 3 / 1_000_000
    assert plan.revenue_tons() > 0
    assert plan.air_chargeable_weight() > 0


# -- properties ------------------------------------------------------------------------

_SIZES = [Dimensions(50, 40, 30), Dimensions(40, 30, 20), Dimensions("52", "38", "29")]


@st.composite
def packings(draw: st.DrawFn) -> Packing:
    return Packing(
        draw(st.integers(1, 48)),
        draw(st.sampled_from(_SIZES)),
        net_weight_per_unit=draw(st.decimals("0.001", "50", places=3)),
        tare_per_carton=draw(st.decimals("0", "3", places=2)),
    )


@st.composite
def entry_lists(draw: st.DrawFn) -> list[PackingEntry]:
    lines = draw(st.lists(st.integers(0, 60), unique=True, max_size=12))
    return [
        PackingEntry(line, f"IT-{line}", draw(st.integers(1, 400)), draw(packings()))
        for line in lines
    ]


def _tare_of(plan: PackingPlan, r: CartonRange) -> Decimal:
    by_line = {e.line: e for e in plan.entries}
    return max(by_line[c.line].packing.tare_per_carton for c in r.contents)


@settings(max_examples=200, deadline=None)
@given(entry_lists(), st.booleans())
def test_plan_properties(entries: list[PackingEntry], mix: bool) -> None:
    plan = PackingPlan.build(entries, mix_remainders=mix)
    by_line = {e.line: e for e in entries}

    # N.W. is exact; G.W. = N.W. + cartons × tare (a mixed carton: its largest tare).
    assert plan.net_weight_exact == sum(
        (e.quantity * e.packing.net_weight_per_unit for e in entries), D(0)
    )
    tares = sum((r.cartons * _tare_of(plan, r) for r in plan.ranges), D(0))
    assert plan.gross_weight_exact == plan.net_weight_exact + tares
    assert plan.net_weight == plan.net_weight_exact.quantize(D("0.01"), ROUND_HALF_UP)
    assert plan.cbm == sum((r.cartons * r.carton.cbm for r in plan.ranges), D(0)).quantize(
        D("0.001"), ROUND_HALF_UP
    )

    # Carton numbers run 1..total without gaps or overlaps.
    assert plan.total_cartons == sum(r.cartons for r in plan.ranges)
    expected_first = 1
    for r in plan.ranges:
        assert r.first == expected_first
        expected_first = r.last + 1
    assert expected_first == plan.total_cartons + 1

    # Every unit of every entry is in exactly one carton; no carton is overfull;
    # a mixed carton holds one size of carton.
    packed = dict.fromkeys(by_line, 0)
    for r in plan.ranges:
        fill = Fraction(0)
        for c in r.contents:
            packed[c.line] += c.quantity * r.cartons
            fill += Fraction(c.quantity, by_line[c.line].packing.units_per_carton)
            assert by_line[c.line].packing.carton == r.carton
        assert fill <= 1
        if r.mixed:
            assert mix
            assert r.cartons == 1
    assert packed == {line: e.quantity for line, e in by_line.items()}

    naive = sum(e.cartons for e in entries)
    if mix:
        assert plan.total_cartons <= naive
    else:
        assert plan.total_cartons == naive

    # Line views: cartons counted once, shares add up, rounding within one unit.
    assert sum(v.cartons for v in plan.lines) + plan.mixed_cartons == plan.total_cartons
    for name, quantum in (
        ("net_weight", D("0.01")),
        ("gross_weight", D("0.01")),
        ("cbm", D("0.001")),
    ):
        exact = [getattr(v, f"{name}_exact") for v in plan.lines]
        rounded = [getattr(v, name) for v in plan.lines]
        assert sum(exact, D(0)) == getattr(plan, f"{name}_exact")
        assert sum(rounded, D(0)) == getattr(plan, name)
        assert all(abs(x - y) < quantum for x, y in zip(exact, rounded, strict=True))
    for e in entries:
        assert plan.for_line(e.line).net_weight_exact == e.quantity * e.packing.net_weight_per_unit


@settings(max_examples=100, deadline=None)
@given(entry_lists())
def test_mixing_never_needs_more_cartons(entries: list[PackingEntry]) -> None:
    mixed = PackingPlan.build(entries)
    separate = PackingPlan.build(entries, mix_remainders=False)
    assert mixed.total_cartons <= separate.total_cartons
    assert mixed.net_weight_exact == separate.net_weight_exact
    assert mixed.gross_weight_exact <= separate.gross_weight_exact


# -- size (speed is measured in benchmarks/packing.py, not here) --------------------------


def test_a_thousand_lines_plan_is_consistent() -> None:
    sizes = [Dimensions(50, 40, 30), Dimensions(40, 30, 20)]
    entries = [
        PackingEntry(
            i,
            f"IT-{i}",
            (i * 7919) % 5000 + 1,
            Packing((6, 12, 24, 48)[i % 4], sizes[i % 2], "0.35", ("0.9", "1.1")[i % 3 % 2]),
        )
        for i in range(1000)
    ]
    plan = PackingPlan.build(entries)
    assert plan.total_cartons == sum(r.cartons for r in plan.ranges)
    assert plan.net_weight_exact == sum((e.quantity * Decimal("0.35") for e in entries), Decimal(0))
