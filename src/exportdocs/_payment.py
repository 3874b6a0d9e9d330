"""Payment terms as data: instalments and the triggers that make them fall due.

A payment term is a list of :class:`Instalment` s (a percentage and the
:class:`Trigger` that makes it fall due) whose percentages add up to exactly 100,
plus the :class:`LetterOfCredit` when the term is an L/C and its details are known.
The triggers carry the facts an order workflow needs as guards: which money must
be received before production starts, before the goods are loaded and before the
original B/L is released. :meth:`PaymentTerms.schedule` turns a total into the
amount of each instalment, always adding up to the total to the cent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal

import attrs
from attrs.converters import optional

from exportdocs._credit import LetterOfCredit, beyond_cents, whole_days
from exportdocs._money import Money
from exportdocs._triggers import DaysAfter, PaymentMethod, Trigger
from exportdocs._validation import check, collecting, expect, fail, to_date, to_decimal, to_tuple
from exportdocs.exceptions import Problem, ValidationError

__all__ = ["Instalment", "PaymentTerms", "ScheduledPayment"]

_HUNDRED = Decimal(100)
#: Longest credit period accepted for usance, D/A and open account (days).
MAX_DAYS = 365


def _percent_text(value: Decimal) -> str:
    """``Decimal('30.00')`` -> ``"30"``, ``Decimal('12.50')`` -> ``"12.5"``."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


# -- instalments ------------------------------------------------------------------------


def _percent(value: Decimal | int | str) -> Decimal:
    number = to_decimal(value)
    if not 0 < number <= _HUNDRED:
        raise fail("an instalment must be more than 0% and at most 100%", value)
    if beyond_cents(number):
        raise fail("a percentage has at most 2 decimal places (e.g. '33.33')", value)
    return number


def _trigger(value: Trigger | str) -> Trigger:
    return Trigger.parse(value)


def _days(value: int) -> int:
    return whole_days(value, 0, MAX_DAYS, "days")


def _basis(value: DaysAfter | str) -> DaysAfter:
    return DaysAfter.parse(value)


@attrs.frozen(field_transformer=collecting)
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

    percent: Decimal = attrs.field(converter=_percent)
    trigger: Trigger = attrs.field(converter=_trigger)
    days: int = attrs.field(default=0, converter=_days)
    basis: DaysAfter | None = attrs.field(default=None, converter=optional(_basis))

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


def _instalment(value: Instalment) -> Instalment:
    return expect(Instalment, value)


def _instalments(value: Sequence[Instalment]) -> tuple[Instalment, ...]:
    return to_tuple(
        value, _instalment, "instalments", empty="payment terms need at least one instalment"
    )


@attrs.frozen
class ScheduledPayment:
    """One instalment with its amount for a given total."""

    instalment: Instalment
    amount: Money

    @property
    def trigger(self) -> Trigger:
        """The instalment's trigger."""
        return self.instalment.trigger


def _lc(value: LetterOfCredit) -> LetterOfCredit:
    return expect(LetterOfCredit, value)


# -- payment terms ----------------------------------------------------------------------


@attrs.frozen(field_transformer=collecting)
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

    instalments: tuple[Instalment, ...] = attrs.field(converter=_instalments)
    lc: LetterOfCredit | None = attrs.field(default=None, converter=optional(_lc))

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


def _language(value: str) -> str:
    if isinstance(value, str) and value.strip().lower() in ("en", "zh"):
        return value.strip().lower()
    raise fail("language must be 'en' or 'zh'", value, "language")


def _deposit(value: Decimal | int | str, *, allow_zero: bool) -> Decimal:
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
    if beyond_cents(number):
        raise fail("a percentage has at most 2 decimal places (e.g. '33.33')", value, "deposit")
    return number


def _balance_trigger(value: Trigger | str) -> Trigger:
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


def _schedule_total(total: Money) -> Money:
    if not isinstance(total, Money):
        raise fail(f"expected the total as Money, not {type(total).__name__}", total, "total")
    if not total.is_rounded:
        raise fail("round the total to the currency's minor unit first", total, "total")
    if total.amount < 0:
        raise fail("a payment schedule needs a total of zero or more", total, "total")
    return total
