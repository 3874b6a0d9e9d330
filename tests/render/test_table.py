"""Item table constructors: every bad cell reported with its path, cross-checks, columns."""

from __future__ import annotations

import pytest

from exportdocs.exceptions import ValidationError
from exportdocs.render import Column, ImageCell, ItemTable


def test_item_table_reports_every_bad_cell_with_its_path() -> None:
    with pytest.raises(ValidationError) as info:
        ItemTable([Column("A"), Column("B")], [["x", 1], ["y"], "row", ["z", "\x00"]])
    assert [p.path for p in info.value.problems] == ["rows[0][1]", "rows[2]", "rows[3][1]"]


def test_item_table_cross_checks_cell_counts() -> None:
    with pytest.raises(
        ValidationError, match=r"totals\[0\]: expected 2 cells \(one per column\), got 1"
    ) as info:
        ItemTable([Column("A"), Column("B")], [["a", "b"], ["c"]], totals=[["t"]])
    assert [p.path for p in info.value.problems] == ["rows[1]", "totals[0]"]


def test_totals_row_cannot_hold_an_image() -> None:
    with pytest.raises(ValidationError, match="a totals row holds text only"):
        ItemTable([Column("A")], [], totals=[[ImageCell("p.png")]])


def test_column_refuses_float_width_and_bad_alignment() -> None:
    with pytest.raises(ValidationError) as info:
        Column("QTY", 1.5, "middle", wrap="yes")
    assert [p.path for p in info.value.problems] == ["width", "align", "wrap"]
    assert "float is not accepted" in str(info.value)
