"""The payments ledger of one order: every receipt, what it counts for, what is over.

A receipt records what the buyer sent, what the banks deducted on the way and
what was credited, converted to the contract currency at the receipt's own rate
when it came in another currency. Partial receipts add up; money beyond the
contract total is kept and reported as :attr:`Ledger.overpaid`, never absorbed.

**Bank charges and the tolerance.** An intermediary bank often deducts USD 15-50
from an incoming wire even when the buyer paid "OUR". The ledger counts toward
what is due the money *credited*, plus each receipt's recorded bank charges up
to ``tolerance`` (per receipt). The default tolerance is **zero**: a shortfall
is a shortfall until the seller decides otherwise, and a default in one currency
(say USD 50) would be meaningless for a contract in another. Set it per order,
in the contract currency (``Order.start(contract, charges_tolerance=Money("50.00",
"USD"))``). Charges beyond the tolerance stay outstanding.

>>> ledger = Ledger.empty("USD", tolerance=Money("50.00", "USD"))
>>> ledger = ledger.receive("2025-02-03", Money("6300.00", "USD"), "FT1",
...                         bank_charges=Money("25.00", "USD"))
>>> print(ledger.received, ledger.counted)
6275.00 USD 6300.00 USD
>>> ledger.covers(Money("6300.00", "USD"))
True
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import ROUND_HALF_UP, Decimal

import attrs

from exportdocs._money import Currency, Money
from exportdocs._validation import fail, to_date, to_text

__all__ = ["EntryKind", "Ledger", "Receipt"]


class EntryKind(enum.Enum):
    """Where the money in a ledger entry came from."""

    #: A wire or bank payment received.
    PAYMENT = "payment"
    #: A sample fee the contract credits against the order.
    SAMPLE_FEE = "sample fee"


@attrs.frozen
class Receipt:
    """One ledger entry: as received, and in the contract currency.

    ``amount`` and ``bank_charges`` are in the currency received; ``credited``
    (``amount - bank_charges``) and ``charges`` are converted to the contract
    currency at ``rate`` and rounded half-up to its minor unit. ``counted`` is
    what the entry counts toward amounts due (credited plus the charges within
    the tolerance).
    """

    date: dt.date
    kind: EntryKind
    amount: Money
    reference: str
    bank_charges: Money
    rate: Decimal | None
    credited: Money
    charges: Money
    counted: Money


@attrs.frozen
class Ledger:
    """Every receipt of one order, with running totals in the contract currency.

    Build it with :meth:`empty` and add receipts with :meth:`receive` (each call
    returns a new ledger).
    """

    currency: Currency
    tolerance: Money
    entries: tuple[Receipt, ...]
    received: Money
    charges: Money
    counted: Money

    @classmethod
    def empty(cls, currency: Currency | str, tolerance: Money | None = None) -> Ledger:
        """A ledger with no receipts; ``tolerance`` defaults to zero (see the module doc)."""
        cur = Money.zero(currency).currency
        zero = Money.zero(cur)
        if tolerance is None:
            tolerance = zero
        if not isinstance(tolerance, Money):
            raise fail(f"expected Money, not {type(tolerance).__name__}", tolerance, "tolerance")
        if tolerance.currency != cur:
            raise fail(
                f"the bank-charges tolerance must be in the contract currency {cur.code}",
                str(tolerance),
                "tolerance",
            )
        if tolerance.amount < 0:
            raise fail("the tolerance must not be negative", str(tolerance), "tolerance")
        return cls(cur, tolerance, (), zero, zero, zero)

    def receive(
        self,
        date: dt.date | str,
        amount: Money,
        reference: str,
        *,
        bank_charges: Money | None = None,
        rate: Decimal | None = None,
        kind: EntryKind = EntryKind.PAYMENT,
    ) -> Ledger:
        """The ledger with one more receipt.

        Raises ValidationError when a receipt in another currency has no rate, or
        a receipt in the contract currency has one (it would be ignored).
        """
        day = to_date(date, "date")
        ref = to_text(reference, "reference", max_length=80)
        if not isinstance(amount, Money) or amount.amount <= 0:
            raise fail("a receipt is a positive amount of Money", amount, "amount")
        charges_in = Money.zero(amount.currency) if bank_charges is None else bank_charges
        if charges_in.currency != amount.currency:
            raise fail(
                f"bank charges must be in the currency received ({amount.currency.code})",
                str(charges_in),
                "bank_charges",
            )
        if amount.currency == self.currency:
            if rate is not None:
                raise fail(
                    f"a receipt in the contract currency {self.currency.code} takes no rate",
                    rate,
                    "rate",
                )
            credited, charges = amount - charges_in, charges_in
        else:
            if rate is None:
                raise fail(
                    f"a receipt in {amount.currency.code} needs its rate to the contract "
                    f"currency {self.currency.code} ({self.currency.code} per "
                    f"{amount.currency.code})",
                    str(amount),
                    "rate",
                )
            credited = self._convert(amount - charges_in, rate)
            charges = self._convert(charges_in, rate)
        counted = credited + min(charges, self.tolerance)
        entry = Receipt(day, kind, amount, ref, charges_in, rate, credited, charges, counted)
        return attrs.evolve(
            self,
            entries=(*self.entries, entry),
            received=self.received + credited,
            charges=self.charges + charges,
            counted=self.counted + counted,
        )

    def _convert(self, money: Money, rate: Decimal) -> Money:
        return Money(money.amount * rate, self.currency).rounded(ROUND_HALF_UP)

    def covers(self, due: Money) -> bool:
        """True when the money counted so far covers ``due``."""
        return self.counted >= due

    def outstanding(self, due: Money) -> Money:
        """What is still missing of ``due`` (zero when covered)."""
        return max(due - self.counted, Money.zero(self.currency))

    def overpaid(self, total: Money) -> Money:
        """Money credited beyond ``total`` (zero when not over-paid): refund or carry it over."""
        return max(self.received - total, Money.zero(self.currency))
