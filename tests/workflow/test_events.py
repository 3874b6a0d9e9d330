"""The events: field checks with paths, JSON round trips, parsing of enum fields."""

from __future__ import annotations

from decimal import Decimal

import pytest

from exportdocs import Money, ValidationError
from exportdocs._credit import LetterOfCredit
from exportdocs.workflow import (
    Event,
    PaymentReceived,
    Shipped,
    TransportDocument,
    event_from_dict,
    event_to_dict,
)
from exportdocs.workflow._events import EVENT_TYPES
from tests.workflow.helpers import day, usd


def test_every_event_round_trips_through_json() -> None:
    events: list[Event] = list(_all_events())
    assert {type(e).__name__ for e in events} == set(EVENT_TYPES)
    for event in events:
        assert event_from_dict(event_to_dict(event)) == event


def test_unknown_event_type_is_refused() -> None:
    with pytest.raises(ValidationError, match="unknown event type") as info:
        event_from_dict({"type": "Teleported", "date": "2025-01-01"})
    assert info.value.path == "type"


def _all_events() -> list[Event]:
    from exportdocs.workflow import _events as ev

    lc = LetterOfCredit(
        issuing_bank="Commerzbank",
        expiry_date="2025-04-15",
        expiry_place="China",
        latest_shipment="2025-03-15",
        amount=usd("21000.00"),
    )
    d = day("01-02")
    return [
        ev.InquiryReceived(d, channel="fair", note="Canton Fair booth 12.1"),
        ev.Quoted(d, "Q-1", d, approval_required=True, approval_reasons=("low margin",)),
        ev.PriceApproved(d, "boss"),
        ev.SampleRequested(d, usd("100.00"), True),
        ev.SampleSent(d, usd("35.00"), "DHL1"),
        ev.SampleApproved(d),
        ev.SampleRejected(d, "colour"),
        ev.ProformaIssued(d, "PI-1"),
        ev.ContractConfirmed(d),
        ev.PaymentReceived(d, Money("10.00", "EUR"), "R", Money("1.00", "EUR"), Decimal("1.08")),
        ev.LCReceived(d, lc),
        ev.LCChecked(d, ("a", "b")),
        ev.AmendmentRequested(d, ("a",)),
        ev.AmendmentReceived(d, lc),
        ev.LCAccepted(d),
        ev.ProductionStarted(d),
        ev.MidInspection(d, False, "R1"),
        ev.FinalInspectionPassed(d, "R2"),
        ev.FinalInspectionFailed(d, ("x",), "R3"),
        ev.SpaceBooked(d, "BK", "COSCO"),
        ev.ForwarderNominated(d, "KN", "BK2"),
        ev.Shipped(d, "AWB-1", "awb"),
        ev.BalanceRequested(d, "copy B/L sent"),
        ev.DocumentsReleased(d, True, "DHL2"),
        ev.DocumentsPresented(d, "BOC"),
        ev.DocumentsAccepted(d),
        ev.DiscrepanciesNotified(d, ("late",)),
        ev.Closed(d, "TR-1"),
        ev.Cancelled(d, "why", usd("1.00")),
        ev.PutOnHold(d, "wait"),
        ev.Resumed(d),
    ]


def test_event_fields_are_validated_with_paths() -> None:
    with pytest.raises(ValidationError) as info:
        PaymentReceived("2025-13-01", usd("-5.00"), "", bank_charges=Money("1", "EUR"))
    assert [p.path for p in info.value.problems] == ["date", "amount", "reference"]


@pytest.mark.parametrize(
    ("text", "member"),
    [
        ("B/L", TransportDocument.BL),
        (" bl ", TransportDocument.BL),
        ("Sea Waybill", TransportDocument.SEA_WAYBILL),
        ("sea_waybill", TransportDocument.SEA_WAYBILL),
        ("AWB", TransportDocument.AWB),
        (TransportDocument.AWB, TransportDocument.AWB),
    ],
)
def test_the_transport_document_is_read_from_its_name_or_value(
    text: object, member: TransportDocument
) -> None:
    assert TransportDocument.parse(text) is member


def test_an_unknown_transport_document_is_refused_naming_the_choices() -> None:
    with pytest.raises(ValidationError) as info:
        Shipped(day("03-01"), "TRK-1", "truck")
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("document", "unknown transport document; use one of BL, SEA_WAYBILL, AWB")
    ]
