"""Packing: units per carton, carton dimensions, weights per unit and per carton."""

from __future__ import annotations

import contextlib
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exportdocs import ValidationError
from exportdocs._packing import Dimensions, Packing

D = Decimal
CARTON = Dimensions(50, 40, 30)


def packing_a() -> Packing:
    return Packing(24, CARTON, net_weight_per_unit="0.35", tare_per_carton="0.90")


def packing_b() -> Packing:
    return Packing(24, CARTON, net_weight_per_unit="0.50", tare_per_carton="0.90")


# -- Dimensions and Packing (existing behaviour) ----------------------------------------


def test_dimensions_and_packing_keep_their_behaviour() -> None:
    p = packing_a()
    assert (D("0.06"), D(60000)) == (CARTON.cbm, CARTON.cm3)
    assert (D("8.40"), D("9.30")) == (p.net_weight_per_carton, p.gross_weight_per_carton)
    assert str(CARTON) == "50×40×30 CM"
    q = Packing.from_carton_weights(24, (50, 40, 30), "8.40", "9.30")
    assert (q.net_weight_per_unit, q.tare_per_carton) == (D("0.35"), D("0.90"))


# -- validation ------------------------------------------------------------------------


def test_packing_units_per_carton_must_be_whole() -> None:
    with pytest.raises(ValidationError, match="whole number") as info:
        Packing("2.5", CARTON, net_weight_per_unit="1")
    assert info.value.path == "units_per_carton"


_JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.binary(max_size=5),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@settings(max_examples=150, deadline=None)
@given(_JUNK, _JUNK, _JUNK, _JUNK)
def test_junk_raises_validation_error_only(a: Any, b: Any, c: Any, d: Any) -> None:
    attempts = [
        lambda: Packing(a, b, c, d),
        lambda: Dimensions(a, b, c),
    ]
    for attempt in attempts:
        with contextlib.suppress(ValidationError):
            attempt()
