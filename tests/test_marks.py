"""Shipping marks: the C/NO. 1-UP placeholder, N/M, the standard mark, side marks, limits."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exportdocs import ValidationError
from exportdocs._cartons import PackingEntry
from exportdocs._marks import ShippingMarks, side_marks
from exportdocs._packing import Packing
from exportdocs._packing_plan import PackingPlan


def packing_a() -> Packing:
    return Packing(24, (50, 40, 30), net_weight_per_unit="0.35", tare_per_carton="0.90")


def test_standard_main_mark() -> None:
    marks = ShippingMarks.standard("abc", "po-2025-018", "Hamburg")
    assert marks.main == ("ABC", "PO-2025-018", "HAMBURG", "C/NO. 1-UP", "MADE IN CHINA")
    assert marks.side == ()
    assert marks.has_placeholder
    assert not marks.is_none


def test_standard_mark_via_and_without_origin() -> None:
    marks = ShippingMarks.standard("ABC", "LC 1234", "Kampala", via="Mombasa", origin=None)
    assert marks.main == ("ABC", "LC 1234", "KAMPALA VIA MOMBASA", "C/NO. 1-UP")


def test_standard_mark_reports_every_bad_part() -> None:
    with pytest.raises(ValidationError) as info:
        ShippingMarks.standard("", 5, "HAMBURG", via="")
    assert [p.path for p in info.value.problems] == ["consignee_code", "reference", "via"]


def test_final_fills_in_the_total_from_the_plan() -> None:
    entries = [
        PackingEntry(0, "A", 1030, packing_a()),
        PackingEntry(1, "B", 50, Packing(24, (50, 40, 30), "0.50", "0.90")),
    ]
    total = PackingPlan.build(entries).total_cartons
    final = ShippingMarks.standard("ABC", "PO-2025-018", "HAMBURG").final(total)
    assert final.main[3] == "C/NO. 1-45"
    assert not final.has_placeholder


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("C/NO. 1-UP", "C/NO. 1-43"),
        ("C/No. 1-UP", "C/No. 1-43"),
        ("c/no. 1-up", "c/no. 1-43"),
        ("CTN NO. 1-UP", "CTN NO. 1-43"),
        ("CTNS NO.: 1 - UP", "CTNS NO.: 1-43"),
        ("C/NOS 1-UP", "C/NOS 1-43"),
    ],
)
def test_placeholder_spellings(line: str, expected: str) -> None:
    assert ShippingMarks(("ABC", line)).final(43).main == ("ABC", expected)


def test_placeholder_in_side_marks_too() -> None:
    marks = ShippingMarks(["ABC"], side=["C/NO. 1-UP", "KEEP DRY"])
    assert marks.final(7).side == ("C/NO. 1-7", "KEEP DRY")


def test_text_that_only_looks_similar_is_left_alone() -> None:
    marks = ShippingMarks(("ABC", "SET 1-UPPER", "NO. 1-UP"))
    assert not marks.has_placeholder
    assert marks.final(9) is marks


def test_none_is_n_m() -> None:
    marks = ShippingMarks.none()
    assert (marks.main, marks.is_none, str(marks)) == (("N/M",), True, "N/M")
    assert marks.final(0) is marks
    assert ShippingMarks(["n/m"]).is_none


def test_final_needs_cartons_for_a_placeholder() -> None:
    marks = ShippingMarks.standard("ABC", "PO-1", "HAMBURG")
    with pytest.raises(ValidationError, match="without cartons") as info:
        marks.final(0)
    assert info.value.path == "total_cartons"
    for bad in (-1, "45", 4.5, True, None):
        with pytest.raises(ValidationError, match="total_cartons") as info:
            marks.final(bad)
        assert info.value.path == "total_cartons"


def test_line_longer_than_35_is_refused_with_its_index() -> None:
    with pytest.raises(ValidationError, match="longer than 35 characters") as info:
        ShippingMarks(("ABC", "PO-1", "X" * 36))
    assert info.value.path == "main[2]"
    assert ShippingMarks(("X" * 35,)).main == ("X" * 35,)


def test_final_that_grows_a_line_past_35_is_refused() -> None:
    marks = ShippingMarks(("C/NO. 1-UP " + "X" * 24,))  # 35 characters
    with pytest.raises(ValidationError) as info:
        marks.final(100)
    assert info.value.path == "main[0]"


def test_at_most_ten_lines() -> None:
    assert len(ShippingMarks([f"L{i}" for i in range(10)]).main) == 10
    with pytest.raises(ValidationError, match="more than 10 lines") as info:
        ShippingMarks(["ABC"], side=[f"L{i}" for i in range(11)])
    assert info.value.path == "side"


def test_main_mark_is_required_and_blank_lines_dropped() -> None:
    assert ShippingMarks("ABC\n\n  PO-1  \n").main == ("ABC", "PO-1")
    with pytest.raises(ValidationError, match=r"ShippingMarks\.none\(\)") as info:
        ShippingMarks(["", "  "])
    assert info.value.path == "main"


def test_every_problem_is_reported() -> None:
    with pytest.raises(ValidationError) as info:
        ShippingMarks(["A" * 40, 5], side=["B" * 36])  # type: ignore[list-item]
    assert [p.path for p in info.value.problems] == ["main[0]", "main[1]", "side[0]"]


def test_side_marks() -> None:
    assert side_marks("LX-2040", packing_a()) == (
        "ITEM NO.: LX-2040",
        "QTY: 24 PCS",
        "N.W.: 8.40 KGS",
        "G.W.: 9.30 KGS",
        "MEAS.: 50×40×30 CM",
    )
    sets = Packing(1, (120, 80, "75.5"), net_weight_per_unit="12.345", tare_per_carton="3")
    lines = side_marks("SOFA-3", sets, "set")
    assert lines[1:] == (
        "QTY: 1 SET",
        "N.W.: 12.35 KGS",
        "G.W.: 15.35 KGS",
        "MEAS.: 120×80×75.5 CM",
    )
    marks = ShippingMarks(ShippingMarks.standard("ABC", "PO-1", "HAMBURG").main, side=lines)
    assert marks.side[0] == "ITEM NO.: SOFA-3"


def test_side_marks_refuse_bad_input() -> None:
    with pytest.raises(ValidationError) as info:
        side_marks("X" * 30, "carton", "bananas")
    assert [p.path for p in info.value.problems] == ["product_item_no", "packing", "unit_code"]


def test_repr_round_trips() -> None:
    marks = ShippingMarks.standard("ABC", "PO-1", "HAMBURG")
    assert eval(repr(marks), {"ShippingMarks": ShippingMarks}) == marks


_JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=50),
    st.lists(st.one_of(st.text(max_size=40), st.integers(), st.none()), max_size=12),
    st.binary(max_size=5),
)


@settings(max_examples=150, deadline=None)
@given(_JUNK, _JUNK, _JUNK)
def test_junk_raises_validation_error_only(a: Any, b: Any, c: Any) -> None:
    attempts = [
        lambda: ShippingMarks(a, b),
        lambda: ShippingMarks.standard(a, b, c),
        lambda: ShippingMarks.standard("A", "B", "C", origin=a, via=b),
        lambda: ShippingMarks.standard("A", "B", "C").final(a),
        lambda: side_marks(a, b, c),
        lambda: side_marks("X", packing_a(), a),
    ]
    for attempt in attempts:
        with contextlib.suppress(ValidationError):
            attempt()


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 10**6))
def test_final_replaces_placeholder_with_total(total: int) -> None:
    final = ShippingMarks.standard("ABC", "PO-1", "HAMBURG").final(total)
    assert final.main[3] == f"C/NO. 1-{total}"
    assert final.main[:3] == ("ABC", "PO-1", "HAMBURG")
