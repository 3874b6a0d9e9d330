"""The insurance clause of a contract in which the seller insures (CIF, CIP, or on request)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from exportdocs._incoterms import Cover, Incoterm
from exportdocs._money import Money
from exportdocs._validation import check, collecting, fail, to_decimal, to_text

__all__ = ["InsuranceClause"]

_HUNDRED = Decimal(100)


def _percent(value: Decimal | int | str) -> Decimal:
    number = to_decimal(value)
    if not Decimal(100) <= number <= Decimal(200):
        raise fail("insured percentage of the invoice value must be from 100 to 200", value)
    return number


def _cover(value: Cover | str) -> Cover:
    if isinstance(value, Cover):
        if value is Cover.NONE:
            raise fail("an insurance clause needs a cover (ICC (A) or ICC (C))", value)
        return value
    if isinstance(value, str):
        for cover in Cover:
            if cover is not Cover.NONE and value.strip().upper().replace(" ", "") in (
                cover.name.replace("_", ""),
                cover.value.replace(" ", ""),
            ):
                return cover
    raise fail("expected ICC (A) or ICC (C)", value)


def _risks(value: Sequence[str]) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)):
        raise fail("expected a list of additional risks, e.g. ['War Risks']", value)
    return tuple(to_text(v, f"[{i}]", max_length=60) for i, v in enumerate(value))


@attrs.frozen(field_transformer=collecting)
class InsuranceClause:
    """Cargo insurance the seller buys for the buyer.

    ``percent`` is the insured amount as a percentage of the invoice value
    (110 by default: the Incoterms and UCP 600 Art. 28(f)(ii) minimum).

    >>> clause = InsuranceClause.minimum_for(Incoterm.CIF)
    >>> clause.phrase()
    'Insurance to be covered by the seller for 110% of the invoice value against Institute Cargo Clauses (C).'
    >>> clause.insured_amount(Money("21000.00", "USD"))
    Money('23100.00', 'USD')
    """

    cover: Cover = attrs.field(converter=_cover)
    percent: Decimal = attrs.field(default=Decimal(110), converter=_percent)
    additional_risks: tuple[str, ...] = attrs.field(default=(), converter=_risks)

    def __attrs_post_init__(self) -> None:
        check(self)

    @classmethod
    def minimum_for(cls, incoterm: Incoterm) -> InsuranceClause:
        """The minimum the rule requires: ICC (C) for CIF, ICC (A) for CIP, at 110%."""
        cover = incoterm.obligations.min_cover
        if cover is Cover.NONE:
            raise fail(f"{incoterm.code} puts no insurance duty on the seller", incoterm.code)
        return cls(cover)

    def insured_amount(self, invoice_value: Money) -> Money:
        """The sum insured: invoice value × percent, rounded half-up to the minor unit."""
        return (invoice_value * (self.percent / _HUNDRED)).rounded()

    def phrase(self) -> str:
        """The clause in English, as printed on a PI or contract."""
        letter = "A" if self.cover is Cover.ICC_A else "C"
        extra = "".join(f" and {risk}" for risk in self.additional_risks)
        return (
            f"Insurance to be covered by the seller for {self.percent:f}% of the invoice value "
            f"against Institute Cargo Clauses ({letter}){extra}."
        )

    def phrase_zh(self) -> str:
        """The clause in Chinese."""
        letter = "A" if self.cover is Cover.ICC_A else "C"
        extra = "".join(f"及{risk}" for risk in self.additional_risks)
        return f"由卖方按发票金额的{self.percent:f}%投保伦敦协会货物（{letter}）条款{extra}。"
