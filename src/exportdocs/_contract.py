"""The export contract: one order, everything the documents and the workflow read.

A :class:`Contract` fixes the parties, the goods, the price basis (an Incoterms®
2020 rule with its place), the payment terms, shipment and packing. Every figure a
document prints is derived here once — subtotal, discounts, total, the amount of
each instalment, packages, weights and CBM — so that the quotation, the PI and
the packing list can never disagree.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterator, Sequence
from functools import cached_property

import attrs
from attrs.converters import optional

from exportdocs._cartons import PackingEntry
from exportdocs._incoterms import Incoterm, TradeTerm
from exportdocs._insurance import InsuranceClause
from exportdocs._marks import ShippingMarks
from exportdocs._money import Currency, Money
from exportdocs._packing_plan import PackingPlan
from exportdocs._parties import Party
from exportdocs._payment import PaymentTerms, ScheduledPayment
from exportdocs._places import Place
from exportdocs._product import LineItem
from exportdocs._triggers import PaymentMethod
from exportdocs._validation import (
    check,
    collecting,
    expect,
    fail,
    to_bool,
    to_date,
    to_lines,
    to_text,
    to_tuple,
)
from exportdocs.exceptions import Problem

__all__ = ["Contract"]


def _number(value: str) -> str:
    return to_text(value, max_length=40)


def _reference(value: str) -> str:
    return to_text(value, max_length=80)


def _party(value: Party) -> Party:
    return expect(Party, value)


def _place(value: Place) -> Place:
    return expect(Place, value)


def _trade_term(value: TradeTerm) -> TradeTerm:
    return expect(TradeTerm, value)


def _payment(value: PaymentTerms) -> PaymentTerms:
    return expect(PaymentTerms, value)


def _marks(value: ShippingMarks) -> ShippingMarks:
    return expect(ShippingMarks, value)


def _insurance(value: InsuranceClause) -> InsuranceClause:
    return expect(InsuranceClause, value)


def _line_item(value: LineItem) -> LineItem:
    return expect(LineItem, value)


def _items(value: Sequence[LineItem]) -> tuple[LineItem, ...]:
    return to_tuple(
        value, _line_item, "line items", empty="a contract needs at least one line item"
    )


def _lead_time(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(f"expected a whole number of days, not {type(value).__name__}", value)
    if not 1 <= value <= 730:
        raise fail("lead time must be from 1 to 730 days", value)
    return value


@attrs.frozen(kw_only=True, field_transformer=collecting)
class Contract:
    """One export order: parties, goods, price basis, payment, shipment and packing.

    The line items share one currency. ``shipment_date`` is the latest date of
    shipment; ``lead_time_days`` the production time after the deposit or L/C
    (give either or both). ``valid_until`` is the offer's validity (quotations).
    Where the seller insures (CIF, CIP) and no clause is given, the rule's minimum
    cover at 110% is used.
    """

    number: str = attrs.field(converter=_number)
    date: dt.date = attrs.field(converter=to_date)
    seller: Party = attrs.field(converter=_party)
    buyer: Party = attrs.field(converter=_party)
    items: tuple[LineItem, ...] = attrs.field(converter=_items)
    trade_term: TradeTerm = attrs.field(converter=_trade_term)
    payment: PaymentTerms = attrs.field(converter=_payment)
    port_of_loading: Place | None = attrs.field(default=None, converter=optional(_place))
    port_of_discharge: Place | None = attrs.field(default=None, converter=optional(_place))
    consignee: Party | None = attrs.field(default=None, converter=optional(_party))
    notify_party: Party | None = attrs.field(default=None, converter=optional(_party))
    buyer_reference: str | None = attrs.field(default=None, converter=optional(_reference))
    shipment_date: dt.date | None = attrs.field(default=None, converter=optional(to_date))
    lead_time_days: int | None = attrs.field(default=None, converter=optional(_lead_time))
    partial_shipment: bool = attrs.field(default=False, converter=to_bool)
    transhipment: bool = attrs.field(default=True, converter=to_bool)
    marks: ShippingMarks = attrs.field(factory=ShippingMarks.none, converter=_marks)
    insurance: InsuranceClause | None = attrs.field(default=None, converter=optional(_insurance))
    valid_until: dt.date | None = attrs.field(default=None, converter=optional(to_date))
    remarks: tuple[str, ...] = attrs.field(default=(), converter=to_lines)
    mix_remainders: bool = attrs.field(default=True, converter=to_bool)

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)
        if self.insurance is None and self.trade_term.incoterm.seller_insures:
            object.__setattr__(
                self, "insurance", InsuranceClause.minimum_for(self.trade_term.incoterm)
            )

    def _cross(self) -> Iterator[Problem]:
        currency = self.items[0].unit_price.currency
        for i, item in enumerate(self.items):
            if item.unit_price.currency != currency:
                yield Problem(
                    f"items[{i}].unit_price.currency",
                    item.unit_price.currency.code,
                    f"every line must be in the contract currency {currency.code}",
                )
        rule = self.trade_term.incoterm
        yield from self._check_ports(rule)
        lc = self.payment.lc
        if lc is not None:
            if self.shipment_date is not None and self.shipment_date > lc.latest_shipment:
                yield Problem(
                    "shipment_date",
                    self.shipment_date.isoformat(),
                    f"is after the L/C's latest shipment date {lc.latest_shipment.isoformat()}",
                )
            if lc.amount is not None and lc.amount.currency != currency:
                yield Problem(
                    "payment.lc.amount.currency",
                    lc.amount.currency.code,
                    f"the L/C must be in the contract currency {currency.code} "
                    "(UCP 600 Art. 18(a)(iii))",
                )
        if self.valid_until is not None and self.valid_until < self.date:
            yield Problem(
                "valid_until",
                self.valid_until.isoformat(),
                f"validity ends before the contract date {self.date.isoformat()}",
            )
        if self.shipment_date is not None and self.shipment_date < self.date:
            yield Problem(
                "shipment_date",
                self.shipment_date.isoformat(),
                f"is before the contract date {self.date.isoformat()}",
            )
        if PaymentMethod.TT in self.payment.methods and self.seller.bank is None:
            yield Problem(
                "seller.bank",
                None,
                "T/T payment needs the seller's bank details (beneficiary, bank, SWIFT/BIC, account)",
            )
        numbers = [item.product.item_no for item in self.items]
        seen: set[str] = set()
        for i, no in enumerate(numbers):
            if no in seen:
                yield Problem(
                    f"items[{i}].product.item_no", no, "the same item number appears twice"
                )
            seen.add(no)

    def _check_ports(self, rule: Incoterm) -> Iterator[Problem]:
        place = self.trade_term.place
        for name in ("port_of_loading", "port_of_discharge"):
            port = getattr(self, name)
            if port is not None and rule.named_place.is_port and not port.is_port:
                yield Problem(name, port.name, f"{rule.code} is sea-only: this must be a port")
        loading, discharge = self.port_of_loading, self.port_of_discharge
        if (
            rule in (Incoterm.FOB, Incoterm.FAS)
            and loading is not None
            and loading.name.casefold() != place.name.casefold()
        ):
            yield Problem(
                "port_of_loading",
                loading.name,
                f"{rule.code} names the port of shipment ({place.name}); the port of loading "
                "must be the same port",
            )
        if (
            rule in (Incoterm.CFR, Incoterm.CIF)
            and discharge is not None
            and discharge.name.casefold() != place.name.casefold()
        ):
            yield Problem(
                "port_of_discharge",
                discharge.name,
                f"{rule.code} names the port of destination ({place.name}); the port of "
                "discharge must be the same port",
            )

    # -- money ----------------------------------------------------------------------
    # The sums are cached: a contract is immutable, and documents read the total many
    # times (schedule, words, insurance, every page's totals box).

    @property
    def currency(self) -> Currency:
        """The contract currency (every line's)."""
        return self.items[0].unit_price.currency

    @cached_property
    def subtotal(self) -> Money:
        """Σ quantity × unit price, each line rounded to the minor unit."""
        return Money.sum((item.gross_amount for item in self.items), self.currency)

    @cached_property
    def discounts(self) -> Money:
        """Σ line discounts."""
        return Money.sum((item.discount_amount for item in self.items), self.currency)

    @cached_property
    def total(self) -> Money:
        """The contract value: subtotal − discounts (= Σ line amounts)."""
        return Money.sum((item.amount for item in self.items), self.currency)

    @property
    def schedule(self) -> tuple[ScheduledPayment, ...]:
        """The amount due at each instalment; they add up to :attr:`total` to the cent.

        Every instalment but the last is rounded half-up; the last (the balance) is
        the total minus the others, so any remainder cent lands on the balance.
        """
        return self.payment.schedule(self.total)

    @property
    def insured_amount(self) -> Money | None:
        """The sum insured where the seller insures, else None."""
        return None if self.insurance is None else self.insurance.insured_amount(self.total)

    # -- packing ----------------------------------------------------------------------

    @cached_property
    def packing_plan(self) -> PackingPlan:
        """Cartons, C/No. ranges, weights and CBM of the lines that have packing."""
        entries = [
            PackingEntry(
                line=i,
                item_no=item.product.item_no,
                quantity=item.quantity,
                packing=item.product.packing,
                description=item.product.description,
            )
            for i, item in enumerate(self.items)
            if item.product.packing is not None
        ]
        return PackingPlan.build(entries, mix_remainders=self.mix_remainders)

    @property
    def total_packages(self) -> int:
        """Number of cartons (mixed cartons counted once)."""
        return self.packing_plan.total_cartons

    @property
    def final_marks(self) -> ShippingMarks:
        """The shipping marks with "C/NO. 1-UP" replaced by the real range.

        The range is known only when every line has packing data; until then the marks
        keep ``1-UP`` ("numbered from 1 upwards"), the form the trade prints while the
        count is open, rather than a range that leaves out the unpacked lines' cartons.
        """
        if any(item.product.packing is None for item in self.items):
            return self.marks
        return self.marks.final(self.total_packages)

    @property
    def latest_shipment(self) -> dt.date | None:
        """The shipment date, or the L/C's latest shipment date when that is earlier."""
        dates = [d for d in (self.shipment_date, self._lc_latest()) if d is not None]
        return min(dates) if dates else None

    def _lc_latest(self) -> dt.date | None:
        return None if self.payment.lc is None else self.payment.lc.latest_shipment

    # -- notebooks ----------------------------------------------------------------------

    def _repr_html_(self) -> str:
        """A compact summary table for Jupyter: terms, lines, totals, instalments, packing."""
        esc = html.escape
        plan = self.packing_plan
        head = (
            f"<p><b>Contract {esc(self.number)}</b> of {self.date.isoformat()}: "
            f"{esc(self.seller.name)} → {esc(self.buyer.name)}<br>"
            f"{esc(str(self.trade_term))}; {esc(self.payment.phrase())}</p>"
        )
        rows = "".join(
            f"<tr><td>{esc(item.product.item_no)}</td><td>{esc(item.product.description)}</td>"
            f"<td style='text-align:right'>{item.quantity:f} {item.unit.value}</td>"
            f"<td style='text-align:right'>{item.unit_price.amount:f}</td>"
            f"<td style='text-align:right'>{item.amount.amount:,.{self.currency.minor_units}f}</td></tr>"
            for item in self.items
        )
        table = (
            "<table><thead><tr><th>Item</th><th>Description</th><th>Quantity</th>"
            f"<th>Unit price ({self.currency.code})</th><th>Amount</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
        due = "; ".join(
            f"{s.instalment.percent:f}% = {s.amount.amount:,.{self.currency.minor_units}f}"
            for s in self.schedule
        )
        foot = (
            f"<p>Total <b>{self.total.currency.code} "
            f"{self.total.amount:,.{self.currency.minor_units}f}</b> ({due}); "
            f"{plan.total_cartons} cartons, N.W. {plan.net_weight:,} kg, "
            f"G.W. {plan.gross_weight:,} kg, {plan.cbm} CBM</p>"
        )
        return head + table + foot
