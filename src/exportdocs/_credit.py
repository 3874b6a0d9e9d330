"""The letter of credit: the terms of a documentary credit that decide shipment and drawing.

A :class:`LetterOfCredit` holds what the seller reads off the MT700 before producing and
shipping: expiry, latest shipment, presentation period, tolerance and the amount. The
UCP 600 rules it applies (Arts 14(c), 30 and 31) are encoded as numbers; the ICC's
article text is not reproduced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import ROUND_DOWN, ROUND_UP, Decimal

import attrs
from attrs.converters import optional

from exportdocs._money import Money
from exportdocs._validation import (
    check,
    collecting,
    expect,
    fail,
    to_bool,
    to_date,
    to_decimal,
    to_text,
)
from exportdocs.exceptions import Problem

__all__ = ["LetterOfCredit"]

_HUNDRED = Decimal(100)
_CENT_PERCENT = Decimal("0.01")
#: Art. 30(a): "about" or "approximately" allows 10% more or less.
ABOUT_TOLERANCE = Decimal(10)
#: Art. 30(c): without partial shipments, up to 5% less may be drawn.
SHORT_DRAWING = Decimal(5)
#: Largest 39A tolerance accepted (percent, each way).
MAX_TOLERANCE = Decimal(10)


def beyond_cents(number: Decimal) -> bool:
    """True when a percentage has more than 2 decimal places (``33.333``)."""
    return number != number.quantize(_CENT_PERCENT, rounding=ROUND_DOWN)


def whole_days(value: int, low: int, high: int, what: str) -> int:
    """A whole number of days from ``low`` to ``high``, the error naming ``what``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(f"expected a whole number of days, not {type(value).__name__}", value)
    if not low <= value <= high:
        raise fail(f"{what} must be from {low} to {high}", value)
    return value


def _tolerance(value: Decimal | int | str) -> Decimal:
    number = to_decimal(value)
    if not 0 <= number <= MAX_TOLERANCE:
        raise fail(
            f"a 39A tolerance is a percentage from 0 to {MAX_TOLERANCE} (e.g. '5' for 05/05)",
            value,
        )
    if beyond_cents(number):
        raise fail("a tolerance has at most 2 decimal places", value)
    return number


def _lc_amount(value: Money) -> Money:
    money = expect(Money, value)
    if money.amount <= 0:
        raise fail("the credit amount must be more than zero", value)
    return money


def _presentation_days(value: int) -> int:
    return whole_days(value, 1, 365, "presentation days")


def _lc_number(value: str) -> str:
    return to_text(value, max_length=40)


def _bank(value: str) -> str:
    return to_text(value, max_length=200)


def _place(value: str) -> str:
    return to_text(value, max_length=100)


@attrs.frozen(kw_only=True, field_transformer=collecting)
class LetterOfCredit:
    """The terms of a documentary credit (MT700) that decide shipment and presentation.

    Dates accept a ``datetime.date`` or an ISO string. ``tolerance_plus`` and
    ``tolerance_minus`` are field 39A in percent (``5`` and ``5`` for ``05/05``);
    ``about`` means "about" or "approximately" stands before the amount (±10%,
    UCP 600 Art. 30(a)); use one or the other. ``presentation_days`` is field 48
    (21 by default, Art. 14(c)); ``partial_shipment`` (43P) and ``transhipment``
    (43T) are allowed unless the credit says otherwise (Art. 31(a)).

    >>> lc = LetterOfCredit(
    ...     issuing_bank="Commerzbank AG, Hamburg",
    ...     expiry_date="2025-04-15",
    ...     expiry_place="China",
    ...     latest_shipment="2025-03-15",
    ...     amount=Money("21000.00", "USD"),
    ...     tolerance_plus=5,
    ...     tolerance_minus=5,
    ... )
    >>> lc.last_presentation_day("2025-03-10")
    datetime.date(2025, 3, 31)
    >>> [str(m) for m in lc.drawing_range()]
    ['19950.00 USD', '22050.00 USD']
    """

    issuing_bank: str = attrs.field(converter=_bank)
    expiry_date: dt.date = attrs.field(converter=to_date)
    expiry_place: str = attrs.field(converter=_place)
    latest_shipment: dt.date = attrs.field(converter=to_date)
    number: str | None = attrs.field(default=None, converter=optional(_lc_number))
    advising_bank: str | None = attrs.field(default=None, converter=optional(_bank))
    confirmed: bool = attrs.field(default=False, converter=to_bool)
    issue_date: dt.date | None = attrs.field(default=None, converter=optional(to_date))
    presentation_days: int = attrs.field(default=21, converter=_presentation_days)
    tolerance_plus: Decimal = attrs.field(default=Decimal(0), converter=_tolerance)
    tolerance_minus: Decimal = attrs.field(default=Decimal(0), converter=_tolerance)
    about: bool = attrs.field(default=False, converter=to_bool)
    partial_shipment: bool = attrs.field(default=True, converter=to_bool)
    transhipment: bool = attrs.field(default=True, converter=to_bool)
    amount: Money | None = attrs.field(default=None, converter=optional(_lc_amount))

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)

    def _cross(self) -> Iterator[Problem]:
        if self.expiry_date < self.latest_shipment:
            yield Problem(
                "expiry_date",
                self.expiry_date.isoformat(),
                f"L/C expiry {self.expiry_date.isoformat()} is before the latest shipment "
                f"date {self.latest_shipment.isoformat()}; ask the buyer to amend the credit",
            )
        if self.issue_date is not None and self.issue_date > self.expiry_date:
            yield Problem(
                "issue_date",
                self.issue_date.isoformat(),
                f"L/C issue date {self.issue_date.isoformat()} is after its expiry "
                f"{self.expiry_date.isoformat()}",
            )
        if self.about and self.has_tolerance:
            yield Problem(
                "about",
                self.about,
                "a credit uses either 'about' (±10%, UCP 600 Art. 30(a)) or a 39A tolerance, "
                "not both",
            )

    @property
    def has_tolerance(self) -> bool:
        """True when field 39A gives a tolerance."""
        return bool(self.tolerance_plus or self.tolerance_minus)

    def last_presentation_day(self, shipment_date: dt.date | str) -> dt.date:
        """The last day to present documents for goods shipped on ``shipment_date``.

        ``presentation_days`` after shipment, but never after expiry (UCP 600
        Art. 14(c)). The bank-holiday extension of Art. 29(a) is not applied: it
        needs the bank's calendar.
        """
        shipped = to_date(shipment_date, "shipment_date")
        return min(shipped + dt.timedelta(days=self.presentation_days), self.expiry_date)

    def is_late_shipment(self, on_board_date: dt.date | str) -> bool:
        """True when the goods went on board after the latest shipment date.

        The latest shipment date is never extended, not even for a bank holiday
        (Art. 29(c)).
        """
        return to_date(on_board_date, "on_board_date") > self.latest_shipment

    def drawing_range(self, amount: Money | None = None) -> tuple[Money, Money]:
        """The least and the most a drawing for the whole credit may be.

        ``amount`` defaults to the credit amount. The range is the 39A tolerance
        when given, ±10% for "about" (Art. 30(a)), 5% less when partial shipments
        are not allowed (Art. 30(c)), else exactly the amount. Below the minimum a
        drawing is a partial drawing, which complies only when partial shipments are
        allowed. Both ends are rounded inwards to the minor unit (minimum up,
        maximum down), so that any amount in the range complies.
        """
        base = self.amount if amount is None else _lc_amount(amount)
        if base is None:
            raise fail("the L/C has no amount; pass the amount to check", None, "amount")
        if self.has_tolerance:
            plus, minus = self.tolerance_plus, self.tolerance_minus
        elif self.about:
            plus = minus = ABOUT_TOLERANCE
        elif not self.partial_shipment:
            plus, minus = Decimal(0), SHORT_DRAWING
        else:
            plus = minus = Decimal(0)
        low = (base * (_HUNDRED - minus) / _HUNDRED).rounded(ROUND_UP)
        high = (base * (_HUNDRED + plus) / _HUNDRED).rounded(ROUND_DOWN)
        return low, high
