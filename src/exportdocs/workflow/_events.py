"""The facts an export order records: one frozen value type per workflow event.

Each event carries its own ``date`` (the day it happened, never "now") and the
data the workflow needs later: a payment's amount and bank charges, the L/C's
terms, the B/L number and on-board date. Events are plain frozen attrs classes,
so the project serialiser (:func:`exportdocs._serialize.to_dict`) writes them to
JSON and :func:`event_from_dict` reads them back; ``kind`` is the event's name in
the workflow table and in :class:`~exportdocs.exceptions.WorkflowError`.

Whether an event is *allowed* is not decided here but by the order workflow
(:mod:`exportdocs.workflow._machine`); an event only checks its own fields.

>>> PaymentReceived("2025-02-03", Money("6300.00", "USD"), "FT25034XYZ").kind
'record_payment'
>>> print(ProductionStarted("2025-02-04"))
2025-02-04 start_production
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from exportdocs._money import Money
from exportdocs._payment import LetterOfCredit
from exportdocs._serialize import from_dict, to_dict
from exportdocs._validation import (
    check,
    fail,
    guard,
    guard_optional,
    to_date,
    to_decimal,
    to_lines,
    to_text,
)
from exportdocs.exceptions import Problem

__all__ = [
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
    "event_from_dict",
    "event_to_dict",
]

#: Most digits after the point in an exchange rate.
_RATE_PLACES = 8


# -- converters ----------------------------------------------------------------------------


def _date_field(value: Any) -> dt.date:
    return guard(to_date, value)


def _optional_date_field(value: Any) -> dt.date | None:
    return guard_optional(to_date, value)


def _short(value: Any) -> str:
    return to_text(value, max_length=80)


def _long(value: Any) -> str:
    return to_text(value, max_length=500)


def _text_field(value: Any) -> str:
    return guard(_short, value)


def _optional_text_field(value: Any) -> str | None:
    return guard_optional(_short, value)


def _optional_note_field(value: Any) -> str | None:
    return guard_optional(_long, value)


def _lines_field(value: Any) -> tuple[str, ...]:
    return guard(to_lines, value)


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise fail(f"expected True or False, not {type(value).__name__}", value)
    return value


def _bool_field(value: Any) -> bool:
    return guard(_bool, value)


def _money(value: Any) -> Money:
    if not isinstance(value, Money):
        raise fail(f"expected Money, not {type(value).__name__}", value)
    return value


def _positive_money(value: Any) -> Money:
    money = _money(value)
    if money.amount <= 0:
        raise fail("must be more than zero", money)
    if not money.is_rounded:
        raise fail("round the amount to the currency's minor unit", money)
    return money


def _costs(value: Any) -> Money:
    money = _money(value)
    if money.amount < 0:
        raise fail("must not be negative", money)
    return money


def _positive_money_field(value: Any) -> Money:
    return guard(_positive_money, value)


def _optional_positive_money_field(value: Any) -> Money | None:
    return guard_optional(_positive_money, value)


def _optional_costs_field(value: Any) -> Money | None:
    return guard_optional(_costs, value)


def _rate(value: Any) -> Decimal:
    rate = to_decimal(value)
    if rate <= 0:
        raise fail("an exchange rate must be more than zero", value)
    exponent = rate.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > _RATE_PLACES:
        raise fail(f"an exchange rate has at most {_RATE_PLACES} decimal places", value)
    return rate


def _optional_rate_field(value: Any) -> Decimal | None:
    return guard_optional(_rate, value)


def _lc(value: Any) -> LetterOfCredit:
    if not isinstance(value, LetterOfCredit):
        raise fail(f"expected a LetterOfCredit, not {type(value).__name__}", value)
    return value


def _lc_field(value: Any) -> LetterOfCredit:
    return guard(_lc, value)


def _optional_lc_field(value: Any) -> LetterOfCredit | None:
    return guard_optional(_lc, value)


class TransportDocument(enum.Enum):
    """The transport document whose number and on-board date prove shipment."""

    #: Ocean bill of lading (a document of title: the originals control the goods).
    BL = "B/L"
    #: Sea waybill (not a document of title).
    SEA_WAYBILL = "sea waybill"
    #: Air waybill.
    AWB = "AWB"

    @classmethod
    def parse(cls, value: Any) -> TransportDocument:
        """Accept a TransportDocument, its name or value (``"B/L"``, ``"bl"``, ``"awb"``)."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            key = value.strip().lower().replace("/", "").replace(" ", "_")
            for member in cls:
                if key in (
                    member.name.lower(),
                    member.value.lower().replace("/", "").replace(" ", "_"),
                ):
                    return member
        raise fail("unknown transport document; use one of " + ", ".join(cls.__members__), value)


def _transport_field(value: Any) -> TransportDocument:
    return guard(TransportDocument.parse, value)


# -- the events ----------------------------------------------------------------------------


@attrs.frozen
class Event:
    """Base of every workflow event: the day it happened, and its name in the workflow."""

    #: The event's name in the workflow table (a verb phrase in snake case).
    kind: ClassVar[str] = "event"

    date: dt.date = attrs.field(converter=_date_field)

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)

    def _cross(self) -> Iterator[Problem]:
        return iter(())

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.kind}"


@attrs.frozen
class InquiryReceived(Event):
    """The buyer's inquiry arrived (by mail, a trade fair, a platform)."""

    kind: ClassVar[str] = "receive_inquiry"

    channel: str | None = attrs.field(default=None, converter=_optional_text_field)
    note: str | None = attrs.field(default=None, converter=_optional_note_field)


@attrs.frozen
class Quoted(Event):
    """A quotation (or a revised one) was sent; each one is kept as a new version.

    ``approval_required`` and ``approval_reasons`` come from the cost sheet (the
    app copies them: the workflow does not read the costing module). A quotation
    that needs approval blocks the proforma invoice until the price is approved.
    """

    kind: ClassVar[str] = "quote"

    reference: str | None = attrs.field(default=None, converter=_optional_text_field)
    valid_until: dt.date | None = attrs.field(default=None, converter=_optional_date_field)
    approval_required: bool = attrs.field(default=False, converter=_bool_field)
    approval_reasons: tuple[str, ...] = attrs.field(default=(), converter=_lines_field)

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


@attrs.frozen
class PriceApproved(Event):
    """The price of the latest quotation was approved (by a manager, per the cost sheet)."""

    kind: ClassVar[str] = "approve_price"

    approved_by: str | None = attrs.field(default=None, converter=_optional_text_field)


@attrs.frozen
class SampleRequested(Event):
    """The buyer asked for a sample; ``fee`` is what the buyer pays for it.

    With ``fee_deductible`` the contract credits the fee against the order: it
    counts as money received toward the first instalments.
    """

    kind: ClassVar[str] = "request_sample"

    fee: Money | None = attrs.field(default=None, converter=_optional_positive_money_field)
    fee_deductible: bool = attrs.field(default=False, converter=_bool_field)

    def _cross(self) -> Iterator[Problem]:
        if self.fee_deductible and self.fee is None:
            yield Problem("fee_deductible", True, "a deductible sample fee needs the fee")


@attrs.frozen
class SampleSent(Event):
    """The sample went out by courier; ``courier_cost`` is the seller's cost."""

    kind: ClassVar[str] = "send_sample"

    courier_cost: Money | None = attrs.field(default=None, converter=_optional_costs_field)
    tracking: str | None = attrs.field(default=None, converter=_optional_text_field)


@attrs.frozen
class SampleApproved(Event):
    """The buyer approved the sample."""

    kind: ClassVar[str] = "approve_sample"

    note: str | None = attrs.field(default=None, converter=_optional_note_field)


@attrs.frozen
class SampleRejected(Event):
    """The buyer rejected the sample; a new sample or a revised quotation may follow."""

    kind: ClassVar[str] = "reject_sample"

    reason: str | None = attrs.field(default=None, converter=_optional_note_field)


@attrs.frozen
class ProformaIssued(Event):
    """A proforma invoice (or a revised one) was sent for countersignature."""

    kind: ClassVar[str] = "issue_proforma"

    number: str = attrs.field(converter=_text_field)


@attrs.frozen
class ContractConfirmed(Event):
    """The buyer countersigned the PI: the contract is binding."""

    kind: ClassVar[str] = "confirm_contract"

    reference: str | None = attrs.field(default=None, converter=_optional_text_field)


@attrs.frozen
class PaymentReceived(Event):
    """Money credited to the seller's account, as the bank advice shows it.

    ``amount`` is what the buyer sent, in the currency received; ``bank_charges``
    what banks deducted on the way (same currency), so ``amount - bank_charges``
    was credited. A receipt in another currency than the contract's needs
    ``rate``: contract currency per unit received (EUR received, USD contract:
    ``rate=Decimal("1.0850")`` USD per EUR).
    """

    kind: ClassVar[str] = "record_payment"

    amount: Money = attrs.field(converter=_positive_money_field)
    reference: str = attrs.field(converter=_text_field)
    bank_charges: Money | None = attrs.field(default=None, converter=_optional_costs_field)
    rate: Decimal | None = attrs.field(default=None, converter=_optional_rate_field)

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


@attrs.frozen
class LCReceived(Event):
    """The letter of credit arrived (MT700 advised); its terms replace the contract's."""

    kind: ClassVar[str] = "receive_lc"

    lc: LetterOfCredit = attrs.field(converter=_lc_field)


@attrs.frozen
class LCChecked(Event):
    """The seller checked the L/C; ``problems`` lists what needs an amendment (empty: workable)."""

    kind: ClassVar[str] = "check_lc"

    problems: tuple[str, ...] = attrs.field(default=(), converter=_lines_field)


@attrs.frozen
class AmendmentRequested(Event):
    """The seller asked the buyer to amend the L/C."""

    kind: ClassVar[str] = "request_amendment"

    changes: tuple[str, ...] = attrs.field(default=(), converter=_lines_field)


@attrs.frozen
class AmendmentReceived(Event):
    """The L/C amendment arrived; ``lc`` is the credit as amended (None: unchanged dates)."""

    kind: ClassVar[str] = "receive_amendment"

    lc: LetterOfCredit | None = attrs.field(default=None, converter=_optional_lc_field)


@attrs.frozen
class LCAccepted(Event):
    """The seller accepted the L/C as workable: production may start."""

    kind: ClassVar[str] = "accept_lc"


@attrs.frozen
class ProductionStarted(Event):
    """Mass production started."""

    kind: ClassVar[str] = "start_production"


@attrs.frozen
class MidInspection(Event):
    """An optional inspection during production (DUPRO); it does not change the state."""

    kind: ClassVar[str] = "inspect_mid_production"

    passed: bool = attrs.field(converter=_bool_field)
    report: str | None = attrs.field(default=None, converter=_optional_text_field)


@attrs.frozen
class FinalInspectionPassed(Event):
    """The final (pre-shipment) inspection passed: the goods are ready."""

    kind: ClassVar[str] = "pass_final_inspection"

    report: str | None = attrs.field(default=None, converter=_optional_text_field)


@attrs.frozen
class FinalInspectionFailed(Event):
    """The final inspection failed; a re-inspection follows after rework."""

    kind: ClassVar[str] = "fail_final_inspection"

    defects: tuple[str, ...] = attrs.field(default=(), converter=_lines_field)
    report: str | None = attrs.field(default=None, converter=_optional_text_field)


@attrs.frozen
class SpaceBooked(Event):
    """The seller booked the main carriage (C and D rules)."""

    kind: ClassVar[str] = "book_space"

    booking_number: str = attrs.field(converter=_text_field)
    carrier: str | None = attrs.field(default=None, converter=_optional_text_field)


@attrs.frozen
class ForwarderNominated(Event):
    """The buyer's nominated forwarder was recorded (E and F rules: the buyer books)."""

    kind: ClassVar[str] = "record_forwarder"

    forwarder: str = attrs.field(converter=_text_field)
    booking_number: str | None = attrs.field(default=None, converter=_optional_text_field)


@attrs.frozen
class Shipped(Event):
    """The goods are on board; ``date`` is the on-board date on the transport document."""

    kind: ClassVar[str] = "ship"

    document_number: str = attrs.field(converter=_text_field)
    document: TransportDocument = attrs.field(
        default=TransportDocument.BL, converter=_transport_field
    )


@attrs.frozen
class BalanceRequested(Event):
    """A copy of the B/L went to the buyer with the request to pay the balance."""

    kind: ClassVar[str] = "request_balance"

    note: str | None = attrs.field(default=None, converter=_optional_note_field)


@attrs.frozen
class DocumentsReleased(Event):
    """The seller released the original documents to the buyer (or gave the telex release)."""

    kind: ClassVar[str] = "release_documents"

    telex_release: bool = attrs.field(default=False, converter=_bool_field)
    tracking: str | None = attrs.field(default=None, converter=_optional_text_field)


@attrs.frozen
class DocumentsPresented(Event):
    """The documents went to the bank (L/C presentation or collection)."""

    kind: ClassVar[str] = "present_documents"

    bank: str | None = attrs.field(default=None, converter=_optional_text_field)


@attrs.frozen
class DocumentsAccepted(Event):
    """The bank took up the documents (L/C), or the buyer paid or accepted the draft (D/P, D/A)."""

    kind: ClassVar[str] = "accept_documents"


@attrs.frozen
class DiscrepanciesNotified(Event):
    """The bank refused the presentation for discrepancies (L/C only)."""

    kind: ClassVar[str] = "notify_discrepancies"

    discrepancies: tuple[str, ...] = attrs.field(default=(), converter=_lines_field)


@attrs.frozen
class Closed(Event):
    """The order is complete; ``tax_rebate_reference`` records the export tax rebate filing."""

    kind: ClassVar[str] = "close"

    tax_rebate_reference: str | None = attrs.field(default=None, converter=_optional_text_field)


@attrs.frozen
class Cancelled(Event):
    """The order was cancelled; after production started it needs ``reason`` and ``costs``."""

    kind: ClassVar[str] = "cancel"

    reason: str | None = attrs.field(default=None, converter=_optional_note_field)
    costs: Money | None = attrs.field(default=None, converter=_optional_costs_field)


@attrs.frozen
class PutOnHold(Event):
    """The order was put on hold; :class:`Resumed` returns it to where it was."""

    kind: ClassVar[str] = "hold"

    reason: str | None = attrs.field(default=None, converter=_optional_note_field)


@attrs.frozen
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


def event_to_dict(event: Event) -> dict[str, Any]:
    """An event as JSON-compatible data; ``type`` names its class.

    >>> event_to_dict(ProductionStarted("2025-02-04"))
    {'schema_version': 1, 'type': 'ProductionStarted', 'date': '2025-02-04'}
    """
    if not isinstance(event, Event):
        raise fail(f"expected a workflow event, not {type(event).__name__}", event)
    return to_dict(event)


def event_from_dict(data: Any) -> Event:
    """Rebuild an event from :func:`event_to_dict` output, picking the class from ``type``.

    >>> event_from_dict({"schema_version": 1, "type": "ProductionStarted", "date": "2025-02-04"})
    ProductionStarted(date=datetime.date(2025, 2, 4))
    """
    if not isinstance(data, dict):
        raise fail(f"expected a JSON object, not {type(data).__name__}", data)
    name = data.get("type")
    kind = EVENT_TYPES.get(name) if isinstance(name, str) else None
    if kind is None:
        raise fail("unknown event type; use one of " + ", ".join(EVENT_TYPES), name, "type")
    return from_dict(kind, data)
