"""Letters of credit (UCP 600): tolerances, drawing ranges, presentation and shipment dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest

from exportdocs import Money, ValidationError
from exportdocs._credit import LetterOfCredit
from tests.junk import outcomes

USD_21000 = Money("21000.00", "USD")


def make_lc(**changes: Any) -> LetterOfCredit:
    """The credit of payment-terms.md §3: USD 21,000.00, ship by 03-15, expiry 04-15."""
    fields: dict[str, Any] = {
        "issuing_bank": "Commerzbank AG, Hamburg",
        "expiry_date": "2025-04-15",
        "expiry_place": "China",
        "latest_shipment": "2025-03-15",
        "amount": USD_21000,
    }
    fields.update(changes)
    return LetterOfCredit(**fields)


# -- letter of credit ---------------------------------------------------------------------------


def test_lc_fields_and_defaults() -> None:
    lc = make_lc()
    assert (lc.expiry_date, lc.latest_shipment) == (dt.date(2025, 4, 15), dt.date(2025, 3, 15))
    assert (lc.presentation_days, lc.tolerance_plus, lc.tolerance_minus) == (
        21,
        Decimal(0),
        Decimal(0),
    )
    assert (lc.about, lc.confirmed, lc.partial_shipment, lc.transhipment) == (
        False,
        False,
        True,
        True,
    )
    assert (lc.number, lc.advising_bank, lc.issue_date) == (None, None, None)
    assert make_lc(issue_date=dt.date(2025, 2, 1)).issue_date == dt.date(2025, 2, 1)


def test_tolerance_05_05_gives_22050_max() -> None:
    lc = make_lc(tolerance_plus="5", tolerance_minus="5")
    assert lc.drawing_range() == (Money("19950.00", "USD"), Money("22050.00", "USD"))


def test_about_gives_ten_percent_each_way() -> None:
    lc = make_lc(about=True)
    assert lc.drawing_range() == (Money("18900.00", "USD"), Money("23100.00", "USD"))


def test_art_30c_five_percent_less_without_partial_shipments() -> None:
    lc = make_lc(partial_shipment=False)
    assert lc.drawing_range() == (Money("19950.00", "USD"), USD_21000)
    # Not available when the credit has its own tolerance.
    own = make_lc(partial_shipment=False, tolerance_plus="0", tolerance_minus="2")
    assert own.drawing_range() == (Money("20580.00", "USD"), USD_21000)


def test_drawing_range_without_tolerance_and_with_a_given_amount() -> None:
    assert make_lc().drawing_range() == (USD_21000, USD_21000)
    # Rounded inwards: 10.01 × 1.05 = 10.5105 → 10.51; 10.01 × 0.95 = 9.5095 → 9.51.
    lc = make_lc(amount=None, tolerance_plus="5", tolerance_minus="5")
    assert lc.drawing_range(Money("10.01", "USD")) == (Money("9.51", "USD"), Money("10.51", "USD"))
    with pytest.raises(ValidationError, match="has no amount") as info:
        lc.drawing_range()
    assert info.value.path == "amount"


def test_last_presentation_day_reference_example() -> None:
    lc = make_lc()
    assert lc.last_presentation_day("2025-03-10") == dt.date(2025, 3, 31)
    # Never after expiry.
    assert lc.last_presentation_day(dt.date(2025, 3, 30)) == dt.date(2025, 4, 15)
    assert make_lc(presentation_days=10).last_presentation_day("2025-03-10") == dt.date(2025, 3, 20)


def test_late_shipment_reference_example() -> None:
    lc = make_lc()
    assert lc.is_late_shipment("2025-03-16")
    assert not lc.is_late_shipment("2025-03-15")
    assert not lc.is_late_shipment(dt.date(2025, 3, 1))


def test_expiry_before_latest_shipment_refused() -> None:
    with pytest.raises(
        ValidationError,
        match="L/C expiry 2025-03-01 is before the latest shipment date 2025-03-15",
    ) as info:
        make_lc(expiry_date="2025-03-01")
    assert [p.path for p in info.value.problems] == ["expiry_date"]


def test_issue_after_expiry_refused() -> None:
    with pytest.raises(ValidationError, match="issue date 2025-05-01 is after its expiry") as info:
        make_lc(issue_date="2025-05-01")
    assert info.value.path == "issue_date"


def test_about_and_tolerance_together_refused() -> None:
    with pytest.raises(ValidationError, match="either 'about'") as info:
        make_lc(about=True, tolerance_plus=5)
    assert info.value.path == "about"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("presentation_days", 0, "presentation days must be from 1 to 365"),
        ("presentation_days", 366, "presentation days must be from 1 to 365"),
        ("presentation_days", True, "whole number of days, not bool"),
        ("tolerance_plus", 11, "from 0 to 10"),
        ("tolerance_minus", "-1", "from 0 to 10"),
        ("tolerance_plus", 5.0, "float is not accepted"),
        ("tolerance_plus", "2.555", "at most 2 decimal places"),
        ("expiry_date", dt.datetime(2025, 4, 15, 12, 0), "not a datetime"),
        ("expiry_date", "15/04/2025", "ISO 8601 date"),
        ("expiry_date", "2025-02-30", "not a real date"),
        ("expiry_date", 20250415, "expected a date, not int"),
        ("latest_shipment", None, "expected a date, not NoneType"),
        ("issue_date", "2025-W15-1", "ISO 8601 date"),
        ("issuing_bank", "", "must not be empty"),
        ("expiry_place", None, "expected text"),
        ("confirmed", "yes", "True or False"),
        ("amount", "USD 21000", "expected Money, not str"),
        ("amount", Money("0", "USD"), "more than zero"),
    ],
)
def test_bad_lc_fields(field: str, value: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        make_lc(**{field: value})
    assert [p.path for p in info.value.problems] == [field]


def test_lc_reports_every_problem_at_once() -> None:
    with pytest.raises(ValidationError) as info:
        make_lc(presentation_days=0, tolerance_plus=11, expiry_place="")
    assert [p.path for p in info.value.problems] == [
        "expiry_place",
        "presentation_days",
        "tolerance_plus",
    ]


def test_lc_date_arguments_are_checked() -> None:
    with pytest.raises(ValidationError, match="not a datetime") as info:
        make_lc().last_presentation_day(dt.datetime(2025, 3, 10))
    assert info.value.path == "shipment_date"
    with pytest.raises(ValidationError, match="ISO 8601") as info:
        make_lc().is_late_shipment("March 16")
    assert info.value.path == "on_board_date"


# -- robustness ---------------------------------------------------------------------------------

JUNK: list[Any] = [
    None,
    "",
    " ",
    "€",
    "３",
    "1e400",
    "NaN",
    "-Infinity",
    float("nan"),
    1.5,
    True,
    -(10**30),
    10**30,
    b"30",
    [],
    {},
    [[None, {"a": [1]}]],
    {"percent": "30", "trigger": "advance"},
    object(),
    "x" * 100_000,
    "30" * 50_000,
    "\x00",
    "2025-04-15\x00",
    "９０",
]


@pytest.mark.parametrize("junk", JUNK, ids=lambda v: type(v).__name__)
def test_junk_raises_validation_error_only(junk: Any) -> None:
    lc = make_lc()
    calls: list[Callable[[], object]] = [
        lambda: lc.last_presentation_day(junk),
        lambda: lc.is_late_shipment(junk),
        lambda: lc.drawing_range(junk),
        *(lambda f=f: make_lc(**{f: junk}) for f in attrs.fields_dict(LetterOfCredit)),
    ]
    refused, escaped = outcomes(calls)
    assert escaped == []
    assert refused  # at least the required fields refuse every junk value
    assert all(exc.problems and len(str(exc)) < 2000 for exc in refused)
