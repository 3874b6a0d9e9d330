"""Payment terms as data: instalments, their triggers, and the letter of credit.

A payment term is a list of :class:`Instalment` s (a percentage and the
:class:`Trigger` that makes it fall due) whose percentages add up to exactly 100,
plus the :class:`LetterOfCredit` when the term is an L/C and its details are known.
The triggers carry the facts an order workflow needs as guards: which money must
be received before production starts, before the goods are loaded and before the
original B/L is released. :meth:`PaymentTerms.schedule` turns a total into the
amount of each instalment, always adding up to the total to the cent.

The UCP 600 rules used by :class:`LetterOfCredit` (Arts 14(c), 30 and 31) are
encoded as numbers; the ICC's article text is not reproduced.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal
from typing import Any

import attrs

from exportdocs._money import Money
from exportdocs._validation import (
    check,
    fail,
    guard,
    guard_optional,
    to_date,
    to_decimal,
    to_text,
)
from exportdocs.exceptions import Problem, ValidationError

__all__ = [
    "DaysAfter",
    "Instalment",
    "LetterOfCredit",
    "PaymentMethod",
    "PaymentTerms",
    "ScheduledPayment",
    "Trigger",
]

_HUNDRED = Decimal(100)
_CENT_PERCENT = Decimal("0.01")
#: Longest credit period accepted for usance, D/A and open account (days).
MAX_DAYS = 365
#: Art. 30(a): "about" or "approximately" allows 10% more or less.
ABOUT_TOLERANCE = Decimal(10)
#: Art. 30(c): without partial shipments, up to 5% less may be drawn.
SHORT_DRAWING = Decimal(5)
#: Largest 39A tolerance accepted (percent, each way).
MAX_TOLERANCE = Decimal(10)


def _key(value: str) -> str:
    """Normalise an enum spelling: ``"Copy B/L"`` -> ``"copy_b_l"``."""
    return re.sub(r"[\s/\-.]+", "_", value.strip().lower()).strip("_")


def _percent_text(value: Decimal) -> str:
    """``Decimal('30.00')`` -> ``"30"``, ``Decimal('12.50')`` -> ``"12.5"``."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


# -- enums ------------------------------------------------------------------------------


class PaymentMethod(enum.Enum):
    """How the money moves: wire transfer, letter of credit, collection, open account."""

    #: Telegraphic transfer (bank wire) from the buyer to the seller.
    TT = "T/T"
    #: Documentary credit under UCP 600.
    LC = "L/C"
    #: Documentary collection under URC 522 (D/P, D/A).
    COLLECTION = "collection"
    #: The seller ships and sends the documents; the buyer pays later.
    OPEN_ACCOUNT = "O/A"

    @property
    def title(self) -> str:
        """English name, e.g. ``"Telegraphic transfer"``."""
        return _METHOD_TITLES[self][0]

    @property
    def title_zh(self) -> str:
        """Chinese name, e.g. ``"电汇"``."""
        return _METHOD_TITLES[self][1]

    @classmethod
    def parse(cls, value: Any) -> PaymentMethod:
        """Accept a PaymentMethod, its name or its value (``"tt"``, ``"T/T"``, ``"L/C"``)."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            key = _key(value)
            for method in cls:
                if key in (_key(method.name), _key(method.value)):
                    return method
        raise fail("unknown payment method; use one of " + ", ".join(cls.__members__), value)


_METHOD_TITLES = {
    PaymentMethod.TT: ("Telegraphic transfer", "电汇"),
    PaymentMethod.LC: ("Letter of credit", "信用证"),
    PaymentMethod.COLLECTION: ("Documentary collection", "托收"),
    PaymentMethod.OPEN_ACCOUNT: ("Open account", "赊销"),
}


class DaysAfter(enum.Enum):
    """What the days of a usance L/C, D/A or open account are counted from."""

    #: The B/L date (the on-board date): the due date is known once the goods sail.
    BL_DATE = "B/L date"
    #: Sight of the draft (acceptance): the due date is known only after acceptance.
    SIGHT = "sight"

    @property
    def zh(self) -> str:
        """Chinese form: ``"提单日后"`` or ``"见票后"``."""
        return "提单日后" if self is DaysAfter.BL_DATE else "见票后"

    @classmethod
    def parse(cls, value: Any) -> DaysAfter:
        """Accept a DaysAfter, ``"B/L date"``, ``"bl_date"`` or ``"sight"``."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            key = _key(value)
            if key in ("b_l_date", "bl_date", "bl", "b_l"):
                return cls.BL_DATE
            if key == "sight":
                return cls.SIGHT
        raise fail("expected 'B/L date' or 'sight'", value)


@attrs.frozen
class _TriggerData:
    method: PaymentMethod
    needs_days: bool
    before_production: bool
    before_shipment: bool
    before_release: bool
    default_basis: DaysAfter | None
    bases: tuple[DaysAfter, ...]
    description: str


_BL, _SIGHT = DaysAfter.BL_DATE, DaysAfter.SIGHT


def _trigger(
    method: PaymentMethod,
    description: str,
    *,
    gates: str = "",
    days_from: tuple[DaysAfter, ...] = (),
) -> _TriggerData:
    """Build a trigger's data.

    ``gates`` names the gates the money is due before (``production``,
    ``shipment``, ``release``); ``days_from`` lists what the days may count from,
    the default first (empty: the trigger takes no days).
    """
    return _TriggerData(
        method=method,
        needs_days=bool(days_from),
        before_production="production" in gates,
        before_shipment="shipment" in gates,
        before_release="release" in gates,
        default_basis=days_from[0] if days_from else None,
        bases=days_from,
        description=description,
    )


# The three gates are cumulative: money due with the order is also due before
# shipment and before release, so summing the instalments due before a gate gives
# the total that must be in the bank when the order reaches it.
_TRIGGERS: dict[str, _TriggerData] = {
    "advance": _trigger(
        PaymentMethod.TT,
        "T/T with the order, before production",
        gates="production shipment release",
    ),
    "before_shipment": _trigger(
        PaymentMethod.TT,
        "T/T once the goods are ready, before loading",
        gates="shipment release",
    ),
    "copy_bl": _trigger(
        PaymentMethod.TT,
        "T/T against a copy of the B/L, before the originals are released",
        gates="release",
    ),
    "lc_sight": _trigger(PaymentMethod.LC, "L/C at sight: paid on a complying presentation"),
    "lc_usance": _trigger(
        PaymentMethod.LC, "L/C paid at maturity, N days after", days_from=(_BL, _SIGHT)
    ),
    "dp": _trigger(PaymentMethod.COLLECTION, "documents against payment (URC 522)"),
    "da": _trigger(
        PaymentMethod.COLLECTION,
        "documents against acceptance of a draft payable N days after",
        days_from=(_SIGHT, _BL),
    ),
    "open_account": _trigger(
        PaymentMethod.OPEN_ACCOUNT, "open account, N days after the B/L date", days_from=(_BL,)
    ),
}

_TRIGGER_ALIASES = {
    "tt_in_advance": "advance",
    "copy_b_l": "copy_bl",
    "d_p": "dp",
    "d_a": "da",
    "oa": "open_account",
    "o_a": "open_account",
}


class Trigger(enum.Enum):
    """When an instalment falls due, with the workflow gates it guards.

    ``due_before_production``, ``due_before_shipment`` and ``due_before_release``
    say whether the money must be *received* before production starts, before the
    goods are loaded, and before the original B/L is released (or the telex release
    given). They are cumulative: an advance payment is due before all three.
    For L/C and collection triggers the documents go through the banks, which
    release them to the buyer against payment or acceptance, so no money is due
    to the seller before any gate (the L/C itself is a gate: see
    :attr:`PaymentTerms.requires_lc`).

    >>> Trigger.COPY_BL.method
    <PaymentMethod.TT: 'T/T'>
    >>> Trigger.COPY_BL.due_before_shipment, Trigger.COPY_BL.due_before_release
    (False, True)
    >>> Trigger.parse("D/A").needs_days
    True
    """

    ADVANCE = "advance"
    BEFORE_SHIPMENT = "before_shipment"
    COPY_BL = "copy_bl"
    LC_SIGHT = "lc_sight"
    LC_USANCE = "lc_usance"
    DP = "dp"
    DA = "da"
    OPEN_ACCOUNT = "open_account"

    @property
    def _data(self) -> _TriggerData:
        return _TRIGGERS[self.value]

    @property
    def method(self) -> PaymentMethod:
        """How the money moves."""
        return self._data.method

    @property
    def needs_days(self) -> bool:
        """True for usance L/C, D/A and open account: the instalment needs ``days > 0``."""
        return self._data.needs_days

    @property
    def due_before_production(self) -> bool:
        """True when the money must be received before production starts."""
        return self._data.before_production

    @property
    def due_before_shipment(self) -> bool:
        """True when the money must be received before the goods are loaded."""
        return self._data.before_shipment

    @property
    def due_before_release(self) -> bool:
        """True when the original B/L is released only after the money is received."""
        return self._data.before_release

    @property
    def secured_by_lc(self) -> bool:
        """True when a bank's L/C undertaking covers the instalment."""
        return self._data.method is PaymentMethod.LC

    @property
    def documents_through_banks(self) -> bool:
        """True for L/C and collections: the originals go to a bank, not to the buyer."""
        return self._data.method in (PaymentMethod.LC, PaymentMethod.COLLECTION)

    @property
    def default_basis(self) -> DaysAfter | None:
        """What the days count from when not said (None: the trigger takes no days)."""
        return self._data.default_basis

    @property
    def bases(self) -> tuple[DaysAfter, ...]:
        """What the days may count from."""
        return self._data.bases

    @property
    def description(self) -> str:
        """One line on when the instalment falls due."""
        return self._data.description

    @classmethod
    def parse(cls, value: Any) -> Trigger:
        """Accept a Trigger, its name or value in any case (``"copy_bl"``, ``"Copy B/L"``, ``"D/A"``)."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            key = _key(value)
            key = _TRIGGER_ALIASES.get(key, key)
            if key in _TRIGGERS:
                return cls(key)
        raise fail("unknown payment trigger; use one of " + ", ".join(cls.__members__), value)


# -- small converters -------------------------------------------------------------------


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise fail(f"expected True or False, not {type(value).__name__}", value)
    return value


def _whole(value: Any, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(f"expected a whole number of days, not {type(value).__name__}", value)
    if not low <= value <= high:
        raise fail(f"{what} must be from {low} to {high}", value)
    return value


def _percent(value: Any) -> Decimal:
    number = to_decimal(value)
    if not 0 < number <= _HUNDRED:
        raise fail("an instalment must be more than 0% and at most 100%", value)
    if number != number.quantize(_CENT_PERCENT, rounding=ROUND_DOWN):
        raise fail("a percentage has at most 2 decimal places (e.g. '33.33')", value)
    return number


def _days(value: Any) -> int:
    return _whole(value, 0, MAX_DAYS, "days")


def _optional_basis(value: Any) -> DaysAfter | None:
    return guard_optional(DaysAfter.parse, value)


def _percent_field(value: Any) -> Decimal:
    return guard(_percent, value)


def _trigger_field(value: Any) -> Trigger:
    return guard(Trigger.parse, value)


def _days_field(value: Any) -> int:
    return guard(_days, value)


# -- instalments ------------------------------------------------------------------------


@attrs.frozen
class Instalment:
    """One part of the price: a percentage and the trigger that makes it fall due.

    Usance L/C, D/A and open account need ``days`` (1 to 365); the other triggers
    take ``days=0``. ``basis`` says what the days count from; it defaults to the
    B/L date for usance L/C and open account and to sight for D/A, and must be
    left out for triggers without days.

    >>> Instalment("30", Trigger.ADVANCE)
    Instalment(percent=Decimal('30'), trigger=<Trigger.ADVANCE: 'advance'>, days=0, basis=None)
    >>> Instalment(100, "da", 60).basis
    <DaysAfter.SIGHT: 'sight'>
    """

    percent: Decimal = attrs.field(converter=_percent_field)
    trigger: Trigger = attrs.field(converter=_trigger_field)
    days: int = attrs.field(default=0, converter=_days_field)
    basis: DaysAfter | None = attrs.field(default=None, converter=_optional_basis)

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)
        if self.basis is None and self.trigger.default_basis is not None:
            object.__setattr__(self, "basis", self.trigger.default_basis)

    def _cross(self) -> Iterator[Problem]:
        trigger = self.trigger
        if trigger.needs_days and self.days == 0:
            yield Problem(
                "days",
                self.days,
                f"{trigger.name} ({trigger.description}) needs the number of days, "
                f"from 1 to {MAX_DAYS}",
            )
        if not trigger.needs_days and self.days != 0:
            yield Problem(
                "days",
                self.days,
                f"{trigger.name} ({trigger.description}) takes no days; leave days at 0 "
                "(days apply only to LC_USANCE, DA and OPEN_ACCOUNT)",
            )
        if self.basis is not None and self.basis not in trigger.bases:
            if trigger.bases:
                allowed = " or ".join(repr(b.value) for b in trigger.bases)
                message = f"{trigger.name} counts its days from {allowed}"
            else:
                message = f"{trigger.name} takes no days, so no basis; leave basis out"
            yield Problem("basis", self.basis.value, message)

    @property
    def fraction(self) -> Decimal:
        """The percentage as a fraction: ``Decimal('0.3')`` for 30%."""
        return self.percent / _HUNDRED

    @property
    def tenor(self) -> str:
        """``"at sight"`` or ``"at 90 days after B/L date"``."""
        if self.basis is None:
            return "at sight"
        return f"at {self.days} days after {self.basis.value}"

    @property
    def tenor_zh(self) -> str:
        """``"即期"`` or ``"提单日后90天"``."""
        if self.basis is None:
            return "即期"
        return f"{self.basis.zh}{self.days}天"


def _instalment(value: Any, path: str) -> Instalment:
    if isinstance(value, Instalment):
        return value
    raise fail(f"expected an Instalment, not {type(value).__name__}", value, path)


def _instalments(value: Any) -> tuple[Instalment, ...]:
    if not isinstance(value, (list, tuple)):
        raise fail(f"expected a list of instalments, not {type(value).__name__}", value)
    if not value:
        raise fail("payment terms need at least one instalment", value)
    problems: list[Problem] = []
    items: list[Instalment] = []
    for i, item in enumerate(value):
        try:
            items.append(_instalment(item, f"[{i}]"))
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems)
    return tuple(items)


def _instalments_field(value: Any) -> tuple[Instalment, ...]:
    return guard(_instalments, value)


@attrs.frozen
class ScheduledPayment:
    """One instalment with its amount for a given total."""

    instalment: Instalment
    amount: Money

    @property
    def trigger(self) -> Trigger:
        """The instalment's trigger."""
        return self.instalment.trigger


# -- letter of credit -------------------------------------------------------------------


def _tolerance(value: Any) -> Decimal:
    number = to_decimal(value)
    if not 0 <= number <= MAX_TOLERANCE:
        raise fail(
            f"a 39A tolerance is a percentage from 0 to {MAX_TOLERANCE} (e.g. '5' for 05/05)",
            value,
        )
    if number != number.quantize(_CENT_PERCENT, rounding=ROUND_DOWN):
        raise fail("a tolerance has at most 2 decimal places", value)
    return number


def _lc_amount(value: Any) -> Money:
    if not isinstance(value, Money):
        raise fail(f"expected Money, not {type(value).__name__}", value)
    if value.amount <= 0:
        raise fail("the credit amount must be more than zero", value)
    return value


def _presentation_days(value: Any) -> int:
    return _whole(value, 1, 365, "presentation days")


def _lc_number(value: Any) -> str:
    return to_text(value, max_length=40)


def _bank(value: Any) -> str:
    return to_text(value, max_length=200)


def _place(value: Any) -> str:
    return to_text(value, max_length=100)


def _date_field(value: Any) -> dt.date:
    return guard(to_date, value)


def _optional_date_field(value: Any) -> dt.date | None:
    return guard_optional(to_date, value)


def _bool_field(value: Any) -> bool:
    return guard(_bool, value)


def _tolerance_field(value: Any) -> Decimal:
    return guard(_tolerance, value)


def _lc_amount_field(value: Any) -> Money | None:
    return guard_optional(_lc_amount, value)


def _presentation_days_field(value: Any) -> int:
    return guard(_presentation_days, value)


def _lc_number_field(value: Any) -> str | None:
    return guard_optional(_lc_number, value)


def _bank_field(value: Any) -> str:
    return guard(_bank, value)


def _optional_bank_field(value: Any) -> str | None:
    return guard_optional(_bank, value)


def _place_field(value: Any) -> str:
    return guard(_place, value)


@attrs.frozen(kw_only=True)
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

    issuing_bank: str = attrs.field(converter=_bank_field)
    expiry_date: dt.date = attrs.field(converter=_date_field)
    expiry_place: str = attrs.field(converter=_place_field)
    latest_shipment: dt.date = attrs.field(converter=_date_field)
    number: str | None = attrs.field(default=None, converter=_lc_number_field)
    advising_bank: str | None = attrs.field(default=None, converter=_optional_bank_field)
    confirmed: bool = attrs.field(default=False, converter=_bool_field)
    issue_date: dt.date | None = attrs.field(default=None, converter=_optional_date_field)
    presentation_days: int = attrs.field(default=21, converter=_presentation_days_field)
    tolerance_plus: Decimal = attrs.field(default=Decimal(0), converter=_tolerance_field)
    tolerance_minus: Decimal = attrs.field(default=Decimal(0), converter=_tolerance_field)
    about: bool = attrs.field(default=False, converter=_bool_field)
    partial_shipment: bool = attrs.field(default=True, converter=_bool_field)
    transhipment: bool = attrs.field(default=True, converter=_bool_field)
    amount: Money | None = attrs.field(default=None, converter=_lc_amount_field)

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


def _lc(value: Any) -> LetterOfCredit:
    if isinstance(value, LetterOfCredit):
        return value
    raise fail(f"expected a LetterOfCredit, not {type(value).__name__}", value)


def _lc_field(value: Any) -> LetterOfCredit | None:
    return guard_optional(_lc, value)


# -- payment terms ----------------------------------------------------------------------


@attrs.frozen
class PaymentTerms:
    """The instalments of a price and, for an L/C term, the letter of credit.

    The percentages add up to exactly 100. ``lc`` is allowed only when some
    instalment is an L/C trigger; it may stay ``None`` at quotation stage and be
    added with :meth:`with_lc` when the credit arrives. Build the usual terms with
    the named constructors.

    >>> terms = PaymentTerms.tt_deposit("30", "copy_bl")
    >>> print(terms)
    30% T/T in advance as deposit, 70% balance against copy of B/L
    >>> [str(p.amount) for p in terms.schedule(Money("21000.00", "USD"))]
    ['6300.00 USD', '14700.00 USD']
    >>> print(terms.due_before_production(Money("21000.00", "USD")))
    6300.00 USD
    """

    instalments: tuple[Instalment, ...] = attrs.field(converter=_instalments_field)
    lc: LetterOfCredit | None = attrs.field(default=None, converter=_lc_field)

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)

    def _cross(self) -> Iterator[Problem]:
        total = sum((i.percent for i in self.instalments), Decimal(0))
        if total != _HUNDRED:
            yield Problem(
                "instalments",
                [_percent_text(i.percent) for i in self.instalments],
                f"the instalments must add up to exactly 100%; they add up to "
                f"{_percent_text(total)}%",
            )
        if self.lc is not None and not self.requires_lc:
            yield Problem(
                "lc",
                self.lc.number,
                "a letter of credit is given but no instalment is paid by L/C "
                "(use LC_SIGHT or LC_USANCE)",
            )

    # -- named constructors -------------------------------------------------------------

    @classmethod
    def tt_in_advance(cls) -> PaymentTerms:
        """100% T/T with the order, before production.

        >>> print(PaymentTerms.tt_in_advance())
        100% T/T in advance
        """
        return cls((Instalment(_HUNDRED, Trigger.ADVANCE),))

    @classmethod
    def tt_deposit(
        cls, deposit: Decimal | int | str = "30", balance: Trigger | str = "copy_bl"
    ) -> PaymentTerms:
        """A T/T deposit with the order and the balance by T/T later.

        ``balance`` is ``"copy_bl"`` (against a copy of the B/L, the originals held
        until paid) or ``"before_shipment"`` (once the goods are ready, before
        loading), or the matching :class:`Trigger`.

        >>> print(PaymentTerms.tt_deposit("30", "before_shipment"))
        30% T/T deposit, 70% balance by T/T before shipment
        """
        share = _deposit(deposit, allow_zero=False)
        then = _balance_trigger(balance)
        return cls(
            (Instalment(share, Trigger.ADVANCE), Instalment(_HUNDRED - share, then)),
        )

    @classmethod
    def lc_at_sight(
        cls, lc: LetterOfCredit | None = None, deposit: Decimal | int | str = "0"
    ) -> PaymentTerms:
        """An irrevocable L/C at sight, optionally after a T/T deposit before production.

        >>> print(PaymentTerms.lc_at_sight(deposit="30"))
        30% T/T in advance as deposit, 70% by irrevocable L/C at sight
        """
        share = _deposit(deposit, allow_zero=True)
        return cls(_with_deposit(share, Instalment(_HUNDRED - share, Trigger.LC_SIGHT)), lc)

    @classmethod
    def lc_usance(
        cls,
        days: int,
        lc: LetterOfCredit | None = None,
        basis: DaysAfter | str = DaysAfter.BL_DATE,
    ) -> PaymentTerms:
        """100% by irrevocable L/C paid ``days`` after the B/L date (or after sight).

        >>> print(PaymentTerms.lc_usance(90))
        100% by irrevocable L/C at 90 days after B/L date
        """
        return cls((Instalment(_HUNDRED, Trigger.LC_USANCE, days, basis),), lc)

    @classmethod
    def dp(cls) -> PaymentTerms:
        """Documents against payment at sight (URC 522).

        >>> print(PaymentTerms.dp())
        D/P at sight
        """
        return cls((Instalment(_HUNDRED, Trigger.DP),))

    @classmethod
    def da(cls, days: int, basis: DaysAfter | str = DaysAfter.SIGHT) -> PaymentTerms:
        """Documents against acceptance of a draft at ``days`` after sight (or B/L date).

        >>> print(PaymentTerms.da(60))
        D/A at 60 days after sight
        """
        return cls((Instalment(_HUNDRED, Trigger.DA, days, basis),))

    @classmethod
    def open_account(cls, days: int) -> PaymentTerms:
        """Open account, payable ``days`` after the B/L date.

        >>> print(PaymentTerms.open_account(60))
        Open account, 60 days after B/L date
        """
        return cls((Instalment(_HUNDRED, Trigger.OPEN_ACCOUNT, days),))

    def with_lc(self, lc: LetterOfCredit | None) -> PaymentTerms:
        """The same terms with the letter of credit's details (when it arrives)."""
        return attrs.evolve(self, lc=lc)

    # -- derived ------------------------------------------------------------------------

    @property
    def requires_lc(self) -> bool:
        """True when some instalment is paid by L/C: production waits for a workable L/C."""
        return any(i.trigger.secured_by_lc for i in self.instalments)

    @property
    def methods(self) -> tuple[PaymentMethod, ...]:
        """Every payment method used, in the order of the instalments, without repeats."""
        return tuple(dict.fromkeys(i.trigger.method for i in self.instalments))

    @property
    def method(self) -> PaymentMethod:
        """The main method: the one carrying the largest share (a tie goes to the later one).

        >>> PaymentTerms.lc_at_sight(deposit="30").method
        <PaymentMethod.LC: 'L/C'>
        """
        shares: dict[PaymentMethod, Decimal] = {}
        for instalment in self.instalments:
            method = instalment.trigger.method
            shares[method] = shares.get(method, Decimal(0)) + instalment.percent
        best = max(shares.values())
        return [m for m, share in shares.items() if share == best][-1]

    def schedule(self, total: Money) -> tuple[ScheduledPayment, ...]:
        """The amount of each instalment for ``total``; they add up to it exactly.

        Every instalment but the last is ``total × percent / 100`` rounded half-up to
        the currency's minor unit; the last (the balance) is the total minus the
        others, the way exporters compute it, so any rounding cent lands on the
        balance. (With a total of a few cents split many ways, an instalment is
        capped at what is left, so no amount is ever negative.)

        >>> terms = PaymentTerms((Instalment("33.33", "advance"), Instalment("66.67", "copy_bl")))
        >>> [str(p.amount) for p in terms.schedule(Money("100.01", "USD"))]
        ['33.33 USD', '66.68 USD']
        """
        money = _schedule_total(total)
        left = money
        payments: list[ScheduledPayment] = []
        last = len(self.instalments) - 1
        for i, instalment in enumerate(self.instalments):
            if i == last:
                amount = left
            else:
                amount = min((money * (instalment.percent / _HUNDRED)).rounded(ROUND_HALF_UP), left)
            payments.append(ScheduledPayment(instalment, amount))
            left = left - amount
        return tuple(payments)

    def _due(self, total: Money, gate: str) -> Money:
        return Money.sum(
            (p.amount for p in self.schedule(total) if getattr(p.trigger, gate)),
            total.currency,
        )

    def due_before_production(self, total: Money) -> Money:
        """The money that must be received before production starts."""
        return self._due(total, "due_before_production")

    def due_before_shipment(self, total: Money) -> Money:
        """The money that must be received before loading (deposits included)."""
        return self._due(total, "due_before_shipment")

    def due_before_release(self, total: Money) -> Money:
        """The money that must be received before the original B/L is released."""
        return self._due(total, "due_before_release")

    def balance_due_date(self, shipment_date: dt.date | str) -> dt.date | None:
        """The date the last instalment falls due, when the B/L date fixes it.

        For open account, and usance L/C or D/A counted from the B/L date, it is
        the B/L (on-board) date plus the days; "after" excludes the named date
        (UCP 600 Art. 3), so 90 days after 1 March is 30 May. None when the date
        depends on something else (payment before shipment, sight, presentation).

        >>> PaymentTerms.open_account(60).balance_due_date("2025-03-10")
        datetime.date(2025, 5, 9)
        """
        shipped = to_date(shipment_date, "shipment_date")
        last = self.instalments[-1]
        if last.trigger.needs_days and last.basis is DaysAfter.BL_DATE:
            return shipped + dt.timedelta(days=last.days)
        return None

    # -- phrases ------------------------------------------------------------------------

    def phrase(self) -> str:
        """The terms in English standard form, as printed on a quotation or PI."""
        return ", ".join(self._phrases("en"))

    def phrase_zh(self) -> str:
        """The terms in Chinese standard form.

        >>> PaymentTerms.tt_deposit().phrase_zh()
        '30%电汇预付定金，70%余款凭提单副本电汇付清'
        """
        return "，".join(self._phrases("zh"))

    def schedule_lines(self, total: Money, language: str = "en") -> list[tuple[str, Money]]:
        """Each instalment's phrase with its amount, for the payment block of a document.

        ``language`` is ``"en"`` or ``"zh"``.

        >>> for text, amount in PaymentTerms.tt_deposit().schedule_lines(Money("21000.00", "USD")):
        ...     print(text, amount)
        30% T/T in advance as deposit 6300.00 USD
        70% balance against copy of B/L 14700.00 USD
        """
        lang = _language(language)
        amounts = self.schedule(total)
        return [(text, p.amount) for text, p in zip(self._phrases(lang), amounts, strict=True)]

    def _phrases(self, lang: str) -> list[str]:
        return [self._phrase(i, lang) for i in range(len(self.instalments))]

    def _phrase(self, index: int, lang: str) -> str:
        items = self.instalments
        inst = items[index]
        trigger, pct = inst.trigger, f"{_percent_text(inst.percent)}%"
        alone = len(items) == 1
        deposit = trigger is Trigger.ADVANCE and index < len(items) - 1
        balance = (
            not alone
            and index == len(items) - 1
            and trigger in (Trigger.BEFORE_SHIPMENT, Trigger.COPY_BL)
            and any(i.trigger is Trigger.ADVANCE for i in items[:index])
        )
        if lang == "zh":
            return _phrase_zh(inst, pct, alone=alone, deposit=deposit, balance=balance)
        tt_balance_follows = items[-1].trigger is Trigger.BEFORE_SHIPMENT
        return _phrase_en(
            inst,
            pct,
            alone=alone,
            deposit=deposit,
            balance=balance,
            short_deposit=tt_balance_follows,
        )

    def __str__(self) -> str:
        return self.phrase()


def _phrase_en(
    inst: Instalment, pct: str, *, alone: bool, deposit: bool, balance: bool, short_deposit: bool
) -> str:
    trigger = inst.trigger
    if trigger is Trigger.ADVANCE:
        if deposit:
            return f"{pct} T/T deposit" if short_deposit else f"{pct} T/T in advance as deposit"
        return f"{pct} T/T in advance"
    if trigger is Trigger.BEFORE_SHIPMENT:
        return (
            f"{pct} balance by T/T before shipment" if balance else f"{pct} by T/T before shipment"
        )
    if trigger is Trigger.COPY_BL:
        return (
            f"{pct} balance against copy of B/L" if balance else f"{pct} by T/T against copy of B/L"
        )
    if trigger in (Trigger.LC_SIGHT, Trigger.LC_USANCE):
        return f"{pct} by irrevocable L/C {inst.tenor}"
    # Collections and open account: "100%" goes without saying when they are the whole term.
    prefix = "" if alone else f"{pct} "
    if trigger is Trigger.DP:
        return f"{prefix}D/P at sight"
    if trigger is Trigger.DA:
        return f"{prefix}D/A {inst.tenor}"
    text = f"open account, {inst.days} days after {DaysAfter.BL_DATE.value}"
    return f"{prefix}{text}" if prefix else text[0].upper() + text[1:]


def _phrase_zh(inst: Instalment, pct: str, *, alone: bool, deposit: bool, balance: bool) -> str:
    trigger = inst.trigger
    if trigger is Trigger.ADVANCE:
        return f"{pct}电汇预付定金" if deposit else f"{pct}电汇预付"
    if trigger is Trigger.BEFORE_SHIPMENT:
        return f"{pct}余款出货前电汇付清" if balance else f"{pct}出货前电汇"
    if trigger is Trigger.COPY_BL:
        return f"{pct}余款凭提单副本电汇付清" if balance else f"{pct}凭提单副本电汇"
    # L/C, collections and open account: "100%" goes without saying when they are the whole term.
    prefix = "" if alone else pct
    if trigger is Trigger.LC_SIGHT:
        return f"{prefix}即期不可撤销信用证"
    if trigger is Trigger.LC_USANCE:
        return f"{prefix}{inst.tenor_zh}远期不可撤销信用证"
    if trigger is Trigger.DP:
        return f"{prefix}即期付款交单(D/P)"
    if trigger is Trigger.DA:
        return f"{prefix}{inst.tenor_zh}承兑交单(D/A)"
    return f"{prefix}{inst.tenor_zh}赊销(O/A)"


def _language(value: Any) -> str:
    if isinstance(value, str) and value.strip().lower() in ("en", "zh"):
        return value.strip().lower()
    raise fail("language must be 'en' or 'zh'", value, "language")


def _deposit(value: Any, *, allow_zero: bool) -> Decimal:
    number = to_decimal(value, "deposit")
    low_ok = number >= 0 if allow_zero else number > 0
    if not (low_ok and number < _HUNDRED):
        low = "0" if allow_zero else "more than 0"
        raise fail(
            f"the deposit must be from {low} to less than 100 percent; for 100% use "
            "tt_in_advance()",
            value,
            "deposit",
        )
    if number != number.quantize(_CENT_PERCENT, rounding=ROUND_DOWN):
        raise fail("a percentage has at most 2 decimal places (e.g. '33.33')", value, "deposit")
    return number


def _balance_trigger(value: Any) -> Trigger:
    try:
        trigger = Trigger.parse(value)
    except ValidationError as exc:
        raise exc.prefixed("balance") from None
    if trigger not in (Trigger.COPY_BL, Trigger.BEFORE_SHIPMENT):
        raise fail(
            "a T/T balance is paid 'copy_bl' (against copy of B/L) or 'before_shipment'",
            value,
            "balance",
        )
    return trigger


def _with_deposit(share: Decimal, rest: Instalment) -> tuple[Instalment, ...]:
    if share == 0:
        return (rest,)
    return (Instalment(share, Trigger.ADVANCE), rest)


def _schedule_total(total: Any) -> Money:
    if not isinstance(total, Money):
        raise fail(f"expected the total as Money, not {type(total).__name__}", total, "total")
    if not total.is_rounded:
        raise fail("round the total to the currency's minor unit first", total, "total")
    if total.amount < 0:
        raise fail("a payment schedule needs a total of zero or more", total, "total")
    return total
