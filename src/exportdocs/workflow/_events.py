"""The facts an export order records: one frozen value type per workflow event.

Each event carries its own ``date`` (the day it happened, never "now") and the
data the workflow needs later: a payment's amount and bank charges, the L/C's
terms, the B/L number and on-board date. Events are plain frozen attrs classes,
so the project serialiser writes them to JSON (:func:`~exportdocs.workflow.event_to_dict`)
and :func:`~exportdocs.workflow.event_from_dict` reads them back; ``kind`` is the event's
name in the workflow table and in :class:`~exportdocs.exceptions.WorkflowError`.

Whether an event is *allowed* is not decided here but by the order workflow
(:class:`~exportdocs.workflow.Order`); an event checks its own fields, all at once.

>>> PaymentReceived("2025-02-03", Money("6300.00", "USD"), "FT25034XYZ").kind
'record_payment'
>>> print(ProductionStarted("2025-02-04"))
2025-02-04 start_production
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, ClassVar

import attrs
from attrs.converters import optional

from exportdocs._credit import LetterOfCredit
from exportdocs._money import Money
from exportdocs._validation import (
    ParseEnum,
    check,
    collecting,
    expect,
    fail,
    to_bool,
    to_date,
    to_lines,
    to_positive,
    to_text,
)
from exportdocs.exceptions import Problem

__all__ = [
    "EVENT_KINDS",
    "EVENT_TYPES",
    "AmendmentReceived",
    "AmendmentRequested",
    "BalanceRequested",
    "Cancelled",
    "Closed",
    "ContractConfirmed",
    "DiscrepanciesNotified",
    "DocumentsAccepted",
    "DocumentsPresented",
    "DocumentsReleased",
    "Event",
    "FinalInspectionFailed",
    "FinalInspectionPassed",
    "ForwarderNominated",
    "InquiryReceived",
    "LCAccepted",
    "LCChecked",
    "LCReceived",
    "MidInspection",
    "PaymentReceived",
    "PriceApproved",
    "ProductionStarted",
    "ProformaIssued",
    "PutOnHold",
    "Quoted",
    "Resumed",
    "SampleApproved",
    "SampleRejected",
    "SampleRequested",
    "SampleSent",
    "Shipped",
    "SpaceBooked",
    "TransportDocument",
]

#: Most digits after the point in an exchange rate.
_RATE_PLACES = 8


# -- the checks of the fields (each raises ValidationError; ``collecting`` gathers them) ------


def _short(value: str) -> str:
    return to_text(value, max_length=80)


def _positive_money(value: Money) -> Money:
    money = expect(Money, value)
    if money.amount <= 0:
        raise fail("must be more than zero", money)
    if not money.is_rounded:
        raise fail("round the amount to the currency's minor unit", money)
    return money


def _costs(value: Money) -> Money:
    money = expect(Money, value)
    if money.amount < 0:
        raise fail("must not be negative", money)
    return money


def _rate(value: Decimal | int | str) -> Decimal:
    rate = to_positive(value)
    exponent = rate.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > _RATE_PLACES:
        raise fail(f"an exchange rate has at most {_RATE_PLACES} decimal places", value)
    return rate


def _lc(value: LetterOfCredit) -> LetterOfCredit:
    return expect(LetterOfCredit, value)


class TransportDocument(ParseEnum):
    """The transport document whose number and on-board date prove shipment.

    ``parse`` reads its name or value in any case, with or without the slash (``"bl"``).
    """

    #: Ocean bill of lading (a document of title: the originals control the goods).
    BL = "B/L"
    #: Sea waybill (not a document of title).
    SEA_WAYBILL = "sea waybill"
    #: Air waybill.
    AWB = "AWB"

    @classmethod
    def _key(cls, text: str) -> str:
        return text.strip().lower().replace("/", "").replace(" ", "_")

    @classmethod
    def _aliases(cls) -> dict[str, Any]:
        return {key: m for m in cls for key in (m.name.lower(), cls._key(m.value))}

    @classmethod
    def _refusal(cls, value: object) -> str:
        return "unknown transport document; use one of " + ", ".join(cls.__members__)


def _transport(value: TransportDocument | str) -> TransportDocument:
    return TransportDocument.parse(value)


# -- the events ----------------------------------------------------------------------------


@attrs.frozen(field_transformer=collecting)
class Event:
    """Base of every workflow event: the day it happened, and its name in the workflow."""

    #: The event's name in the workflow table (a verb phrase in snake case).
    kind: ClassVar[str] = "event"

    date: dt.date = attrs.field(converter=to_date)

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)

    def _cross(self) -> Iterator[Problem]:
        return iter(())

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.kind}"


@attrs.frozen(field_transformer=collecting)
class InquiryReceived(Event):
    """The buyer's inquiry arrived (by mail, a trade fair, a platform)."""

    kind: ClassVar[str] = "receive_inquiry"

    channel: str | None = attrs.field(default=None, converter=optional(_short))
    note: str | None = attrs.field(default=None, converter=optional(to_text))


@attrs.frozen(field_transformer=collecting)
class Quoted(Event):
    """A quotation (or a revised one) was sent; each one is kept as a new version.

    ``approval_required`` and ``approval_reasons`` come from the cost sheet (the
    app copies them: the workflow does not read the costing module). A quotation
    that needs approval blocks the proforma invoice until the price is approved.
    """

    kind: ClassVar[str] = "quote"

    reference: str | None = attrs.field(default=None, converter=optional(_short))
    valid_until: dt.date | None = attrs.field(default=None, converter=optional(to_date))
    approval_required: bool = attrs.field(default=False, converter=to_bool)
    approval_reasons: tuple[str, ...] = attrs.field(default=(), converter=to_lines)

    def _cross(self) -> Iterator[Problem]:
        if self.approval_reasons and not self.approval_required:
            yield Problem(
                "approval_reasons",
                list(self.approval_reasons),
                "reasons for approval are given but approval_required is False",
            )
        if self.valid_until is not None and self.valid_until < self.date:
            yield Problem(
                "valid_until",
                self.valid_until.isoformat(),
                f"the quotation would expire before it is sent ({self.date.isoformat()})",
            )


@attrs.frozen(field_transformer=collecting)
class PriceApproved(Event):
    """The price of the latest quotation was approved (by a manager, per the cost sheet)."""

    kind: ClassVar[str] = "approve_price"

    approved_by: str | None = attrs.field(default=None, converter=optional(_short))


@attrs.frozen(field_transformer=collecting)
class SampleRequested(Event):
    """The buyer asked for a sample; ``fee`` is what the buyer pays for it.

    With ``fee_deductible`` the contract credits the fee against the order: it
    counts as money received toward the first instalments.
    """

    kind: ClassVar[str] = "request_sample"

    fee: Money | None = attrs.field(default=None, converter=optional(_positive_money))
    fee_deductible: bool = attrs.field(default=False, converter=to_bool)

    def _cross(self) -> Iterator[Problem]:
        if self.fee_deductible and self.fee is None:
            yield Problem("fee_deductible", True, "a deductible sample fee needs the fee")


@attrs.frozen(field_transformer=collecting)
class SampleSent(Event):
    """The sample went out by courier; ``courier_cost`` is the seller's cost."""

    kind: ClassVar[str] = "send_sample"

    courier_cost: Money | None = attrs.field(default=None, converter=optional(_costs))
    tracking: str | None = attrs.field(default=None, converter=optional(_short))


@attrs.frozen(field_transformer=collecting)
class SampleApproved(Event):
    """The buyer approved the sample."""

    kind: ClassVar[str] = "approve_sample"

    note: str | None = attrs.field(default=None, converter=optional(to_text))


@attrs.frozen(field_transformer=collecting)
class SampleRejected(Event):
    """The buyer rejected the sample; a new sample or a revised quotation may follow."""

    kind: ClassVar[str] = "reject_sample"

    reason: str | None = attrs.field(default=None, converter=optional(to_text))


@attrs.frozen(field_transformer=collecting)
class ProformaIssued(Event):
    """A proforma invoice (or a revised one) was sent for countersignature."""

    kind: ClassVar[str] = "issue_proforma"

    number: str = attrs.field(converter=_short)


@attrs.frozen(field_transformer=collecting)
class ContractConfirmed(Event):
    """The buyer countersigned the PI: the contract is binding."""

    kind: ClassVar[str] = "confirm_contract"

    reference: str | None = attrs.field(default=None, converter=optional(_short))


@attrs.frozen(field_transformer=collecting)
class PaymentReceived(Event):
    """A payment from the buyer arrived: what was sent, and what banks deducted.

    As the bank advice shows it: ``amount`` is what the buyer sent, in the currency received; ``bank_charges``
    what banks deducted on the way (same currency), so ``amount - bank_charges``
    was credited. A receipt in another currency than the contract's needs
    ``rate``: contract currency per unit received (EUR received, USD contract:
    ``rate=Decimal("1.0850")`` USD per EUR).
    """

    kind: ClassVar[str] = "record_payment"

    amount: Money = attrs.field(converter=_positive_money)
    reference: str = attrs.field(converter=_short)
    bank_charges: Money | None = attrs.field(default=None, converter=optional(_costs))
    rate: Decimal | None = attrs.field(default=None, converter=optional(_rate))

    def _cross(self) -> Iterator[Problem]:
        charges = self.bank_charges
        if charges is None:
            return
        if charges.currency != self.amount.currency:
            yield Problem(
                "bank_charges",
                str(charges),
                f"bank charges are deducted from the receipt, so they are in "
                f"{self.amount.currency.code} too",
            )
        elif charges.amount >= self.amount.amount:
            yield Problem(
                "bank_charges", str(charges), f"the charges eat the whole receipt of {self.amount}"
            )


@attrs.frozen(field_transformer=collecting)
class LCReceived(Event):
    """The letter of credit arrived (MT700 advised); its terms replace the contract's."""

    kind: ClassVar[str] = "receive_lc"

    lc: LetterOfCredit = attrs.field(converter=_lc)


@attrs.frozen(field_transformer=collecting)
class LCChecked(Event):
    """The seller checked the L/C; ``problems`` lists what needs an amendment (empty: workable)."""

    kind: ClassVar[str] = "check_lc"

    problems: tuple[str, ...] = attrs.field(default=(), converter=to_lines)


@attrs.frozen(field_transformer=collecting)
class AmendmentRequested(Event):
    """The seller asked the buyer to amend the L/C."""

    kind: ClassVar[str] = "request_amendment"

    changes: tuple[str, ...] = attrs.field(default=(), converter=to_lines)


@attrs.frozen(field_transformer=collecting)
class AmendmentReceived(Event):
    """The L/C amendment arrived; ``lc`` is the credit as amended (None: unchanged dates)."""

    kind: ClassVar[str] = "receive_amendment"

    lc: LetterOfCredit | None = attrs.field(default=None, converter=optional(_lc))


@attrs.frozen(field_transformer=collecting)
class LCAccepted(Event):
    """The seller accepted the L/C as workable: production may start."""

    kind: ClassVar[str] = "accept_lc"


@attrs.frozen(field_transformer=collecting)
class ProductionStarted(Event):
    """Mass production started."""

    kind: ClassVar[str] = "start_production"


@attrs.frozen(field_transformer=collecting)
class MidInspection(Event):
    """An optional inspection during production (DUPRO); it does not change the state."""

    kind: ClassVar[str] = "inspect_mid_production"

    passed: bool = attrs.field(converter=to_bool)
    report: str | None = attrs.field(default=None, converter=optional(_short))


@attrs.frozen(field_transformer=collecting)
class FinalInspectionPassed(Event):
    """The final (pre-shipment) inspection passed: the goods are ready."""

    kind: ClassVar[str] = "pass_final_inspection"

    report: str | None = attrs.field(default=None, converter=optional(_short))


@attrs.frozen(field_transformer=collecting)
class FinalInspectionFailed(Event):
    """The final inspection failed; a re-inspection follows after rework."""

    kind: ClassVar[str] = "fail_final_inspection"

    defects: tuple[str, ...] = attrs.field(default=(), converter=to_lines)
    report: str | None = attrs.field(default=None, converter=optional(_short))


@attrs.frozen(field_transformer=collecting)
class SpaceBooked(Event):
    """The seller booked the main carriage (C and D rules)."""

    kind: ClassVar[str] = "book_space"

    booking_number: str = attrs.field(converter=_short)
    carrier: str | None = attrs.field(default=None, converter=optional(_short))


@attrs.frozen(field_transformer=collecting)
class ForwarderNominated(Event):
    """The buyer's nominated forwarder was recorded (E and F rules: the buyer books)."""

    kind: ClassVar[str] = "record_forwarder"

    forwarder: str = attrs.field(converter=_short)
    booking_number: str | None = attrs.field(default=None, converter=optional(_short))


@attrs.frozen(field_transformer=collecting)
class Shipped(Event):
    """The goods are on board; ``date`` is the on-board date on the transport document."""

    kind: ClassVar[str] = "ship"

    document_number: str = attrs.field(converter=_short)
    document: TransportDocument = attrs.field(default=TransportDocument.BL, converter=_transport)


@attrs.frozen(field_transformer=collecting)
class BalanceRequested(Event):
    """A copy of the B/L went to the buyer with the request to pay the balance."""

    kind: ClassVar[str] = "request_balance"

    note: str | None = attrs.field(default=None, converter=optional(to_text))


@attrs.frozen(field_transformer=collecting)
class DocumentsReleased(Event):
    """The seller released the original documents to the buyer (or gave the telex release)."""

    kind: ClassVar[str] = "release_documents"

    telex_release: bool = attrs.field(default=False, converter=to_bool)
    tracking: str | None = attrs.field(default=None, converter=optional(_short))


@attrs.frozen(field_transformer=collecting)
class DocumentsPresented(Event):
    """The documents went to the bank (L/C presentation or collection)."""

    kind: ClassVar[str] = "present_documents"

    bank: str | None = attrs.field(default=None, converter=optional(_short))


@attrs.frozen(field_transformer=collecting)
class DocumentsAccepted(Event):
    """The bank took up the documents (L/C), or the buyer paid or accepted the draft (D/P, D/A)."""

    kind: ClassVar[str] = "accept_documents"


@attrs.frozen(field_transformer=collecting)
class DiscrepanciesNotified(Event):
    """The bank refused the presentation for discrepancies (L/C only)."""

    kind: ClassVar[str] = "notify_discrepancies"

    discrepancies: tuple[str, ...] = attrs.field(default=(), converter=to_lines)


@attrs.frozen(field_transformer=collecting)
class Closed(Event):
    """The order is complete; ``tax_rebate_reference`` records the export tax rebate filing."""

    kind: ClassVar[str] = "close"

    tax_rebate_reference: str | None = attrs.field(default=None, converter=optional(_short))


@attrs.frozen(field_transformer=collecting)
class Cancelled(Event):
    """The order was cancelled; after production started it needs ``reason`` and ``costs``."""

    kind: ClassVar[str] = "cancel"

    reason: str | None = attrs.field(default=None, converter=optional(to_text))
    costs: Money | None = attrs.field(default=None, converter=optional(_costs))


@attrs.frozen(field_transformer=collecting)
class PutOnHold(Event):
    """The order was put on hold; :class:`Resumed` returns it to where it was."""

    kind: ClassVar[str] = "hold"

    reason: str | None = attrs.field(default=None, converter=optional(to_text))


@attrs.frozen(field_transformer=collecting)
class Resumed(Event):
    """The order left hold and is back in the state it was held in."""

    kind: ClassVar[str] = "resume"


#: Every event class by its class name (the ``type`` written by ``to_dict``).
EVENT_TYPES: dict[str, type[Event]] = {
    cls.__name__: cls
    for cls in (
        InquiryReceived,
        Quoted,
        PriceApproved,
        SampleRequested,
        SampleSent,
        SampleApproved,
        SampleRejected,
        ProformaIssued,
        ContractConfirmed,
        PaymentReceived,
        LCReceived,
        LCChecked,
        AmendmentRequested,
        AmendmentReceived,
        LCAccepted,
        ProductionStarted,
        MidInspection,
        FinalInspectionPassed,
        FinalInspectionFailed,
        SpaceBooked,
        ForwarderNominated,
        Shipped,
        BalanceRequested,
        DocumentsReleased,
        DocumentsPresented,
        DocumentsAccepted,
        DiscrepanciesNotified,
        Closed,
        Cancelled,
        PutOnHold,
        Resumed,
    )
}

#: Every event class by its workflow name (``kind``).
EVENT_KINDS: dict[str, type[Event]] = {cls.kind: cls for cls in EVENT_TYPES.values()}
