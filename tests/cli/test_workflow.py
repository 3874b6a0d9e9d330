"""workflow: status, deadlines, allowed events; events in short and JSON form; the store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from exportdocs import ValidationError
from exportdocs.cli import EXIT_FAILED, EXIT_OK, main
from exportdocs.cli._workflow import parse_events
from exportdocs.workflow import PaymentReceived, SQLiteStore

Capture = pytest.CaptureFixture[str]
TODAY = dt.date(2026, 11, 5)
QUOTING = [
    "receive_inquiry@2026-10-20",
    "quote@2026-10-22",
    "reference=Q-1",
    "valid_until=2026-12-02",
    # The sample order's costing needs approval (line 5's thin margin): the quotation
    # carries it from the order file, so the proforma waits for the manager.
    "approve_price@2026-10-23",
    "approved_by=Wang Li",
    "issue_proforma@2026-11-02",
    "number=BW-2026-0418",
    "confirm_contract@2026-11-03",
]


def test_status_of_a_new_order(order_json: Path, capsys: Capture) -> None:
    assert main(["workflow", str(order_json), "--today", "2026-11-05"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert "Order BW-2026-0418: " in lines[0]
    assert lines[0].endswith("[new], version 0")
    assert lines[1] == "As of 2026-11-05"
    assert lines[2] == "Payments:"
    assert lines[3] == "  deposit (30% = USD 12,507.09): USD 12,507.09 outstanding, not yet due"
    assert "  2026-12-20 latest shipment: 45 days left" in lines
    assert "  + receive_inquiry -> inquiry" in lines


def test_events_in_memory_are_applied_and_not_stored(order_json: Path, capsys: Capture) -> None:
    assert main(["workflow", str(order_json), "--today", "2026-11-05", *QUOTING]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[:6] == [
        "applied 2026-10-20 receive_inquiry: now inquiry",
        "applied 2026-10-22 quote: now quoted",
        "applied 2026-10-23 approve_price: now price_approved",
        "applied 2026-11-02 issue_proforma: now pi_issued",
        "applied 2026-11-03 confirm_contract: now confirmed",
        "(not stored: pass --store PATH.sqlite to keep the order)",
    ]
    assert lines[6].endswith("[confirmed], version 5")
    blocked = [line for line in lines if line.startswith("  - start_production")]
    assert (blocked) == [
        "  - start_production: blocked: awaiting deposit (30% = USD 12,507.09 not received)"
    ]


def test_store_keeps_the_order_between_runs(
    tmp_path: Path, order_json: Path, capsys: Capture
) -> None:
    store = tmp_path / "orders.sqlite"
    assert main(["workflow", str(order_json), "--store", str(store), *QUOTING]) == EXIT_OK
    capsys.readouterr()
    code = main(
        [
            "workflow",
            "BW-2026-0418",
            "--store",
            str(store),
            "--today",
            "2026-11-12",
            "record_payment@2026-11-10",
            "amount=USD 12507.09",
            "reference=TT-0001",
            "start_production",
        ]
    )
    assert code == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "applied 2026-11-10 record_payment: now deposit_received"
    assert out[1] == "applied 2026-11-12 start_production: now production"
    with SQLiteStore(store) as db:
        order = db.load("BW-2026-0418")
    assert (order.version, order.state.value) == (7, "production")
    assert isinstance(order.log[5], PaymentReceived)


def test_a_refused_event_is_one_error_line_and_exit_1(
    tmp_path: Path, order_json: Path, capsys: Capture
) -> None:
    store = tmp_path / "orders.sqlite"
    args = ["workflow", str(order_json), "--store", str(store), "--today", "2026-11-05"]
    assert main([*args, *QUOTING, "start_production@2026-11-04", "close"]) == EXIT_FAILED
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        "exportdocs: error: cannot start production in state 'confirmed': awaiting deposit "
        "(30% = USD 12,507.09 not received)"
    ]
    assert "applied 2026-11-03 confirm_contract: now confirmed" in out
    assert "close" not in out.split("Next events:")[0]
    with SQLiteStore(store) as db:
        assert db.load("BW-2026-0418").version == 5  # the events before it were kept


def test_json_events_with_kind_and_default_date() -> None:
    events = parse_events(
        [
            '{"kind": "record_payment", "amount": {"amount": "100.00", "currency": "USD"},'
            ' "reference": "TT-1"}',
            '{"type": "ProductionStarted", "date": "2026-11-20"}',
        ],
        TODAY,
    )
    assert [str(e) for e in events] == ["2026-11-05 record_payment", "2026-11-20 start_production"]


def test_short_form_converts_money_lists_and_flags() -> None:
    (quoted,) = parse_events(
        ["quote", "approval_required=yes", "approval_reasons=thin margin; below list"], TODAY
    )
    assert (
        quoted.approval_required,  # type: ignore[attr-defined]
        quoted.approval_reasons,  # type: ignore[attr-defined]
    ) == (True, ("thin margin", "below list"))


def test_bad_events_report_every_problem_with_a_path() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_events(["ship_it", "record_payment", "amount=12 dollars", "quote@2026-13-01"], TODAY)
    assert [p.path for p in caught.value.problems] == [
        "events[0]",
        "events[1](record_payment).amount.currency",
        "events[2](quote).date",
    ]
    assert caught.value.problems[0].message.startswith("unknown event; use one of ")


def test_field_before_any_event_is_refused() -> None:
    with pytest.raises(ValidationError, match="a FIELD=VALUE must follow the event"):
        parse_events(["reference=TT-1"], TODAY)


def test_bad_event_on_the_command_line(order_json: Path, capsys: Capture) -> None:
    assert main(["workflow", str(order_json), "launch_rocket@2026-11-01"]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert err.startswith(f"exportdocs: error: {order_json}: events[0]: unknown event; use one of ")
    assert len(err.splitlines()) == 1


def test_unknown_stored_order_number(tmp_path: Path, capsys: Capture) -> None:
    assert main(["workflow", "PI-404", "--store", str(tmp_path / "s.sqlite")]) == EXIT_FAILED
    assert capsys.readouterr().err == (
        "exportdocs: error: PI-404: ORDER: no such order file, and no order with that number in "
        "the store (got 'PI-404')\n"
    )


def test_event_list(capsys: Capture) -> None:
    assert main(["workflow", "--events"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "  record_payment         amount reference [bank_charges] [rate]" in out.splitlines()


def test_the_event_list_is_plain_text(capsys: Capture) -> None:
    # Issue 13, item 9: the list showed reST markup (``reason``, :class:`Resumed`).
    assert main(["workflow", "--events"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "``" not in out
    assert ":class:" not in out
    assert "The order was put on hold; resume returns it to where it was." in out


def test_a_quotation_needing_approval_blocks_the_proforma(
    order_json: Path, capsys: Capture
) -> None:
    # Issue 13, item 4: the sample's own costing says "approval needed: line 5", yet the
    # command applied quote, issue_proforma and confirm_contract in a row.
    events = ["receive_inquiry@2026-10-20", "quote@2026-10-22", "issue_proforma@2026-11-02"]
    events.append("number=BW-2026-0418")
    assert main(["workflow", str(order_json), "--today", "2026-11-05", *events]) == EXIT_FAILED
    out, err = capsys.readouterr()
    assert err == (
        "exportdocs: error: cannot issue proforma in state 'quoted': awaiting price approval "
        "of quotation v1: line 5: margin on sale 2.66% is below 5.00%\n"
    )
    assert "applied 2026-10-22 quote: now quoted" in out


def test_a_changed_order_file_is_not_silently_ignored_by_the_store(
    tmp_path: Path, order_json: Path, capsys: Capture
) -> None:
    # Issue 13, item 5: the stored contract won and the command said nothing (exit 0).
    import json

    store = tmp_path / "orders.sqlite"
    assert main(["workflow", str(order_json), "--store", str(store)]) == EXIT_OK
    data = json.loads(order_json.read_text(encoding="utf-8"))
    data["contract"]["remarks"] = ["Quality: CE and RoHS compliant; 3-year warranty."]
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert main(["workflow", str(changed), "--store", str(store)]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert err.startswith(
        f"exportdocs: error: {changed}: ORDER: the order file's contract differs from the one "
        "stored for BW-2026-0418 (remarks); the store keeps the contract the order was created "
        "with"
    )
    # By its number, the stored order is still there to go on with.
    assert main(["workflow", "BW-2026-0418", "--store", str(store)]) == EXIT_OK


@pytest.mark.parametrize(("tolerance", "code"), [(None, EXIT_FAILED), ("USD 50", EXIT_OK)])
def test_the_order_file_sets_the_bank_charges_tolerance(
    tmp_path: Path, order_json: Path, capsys: Capture, tolerance: str | None, code: int
) -> None:
    # Issue 13, item 6: a USD 25 bank charge on the deposit blocked production for ever from
    # the command line, since the tolerance could be set only in Python.
    import json

    data = json.loads(order_json.read_text(encoding="utf-8"))
    if tolerance is not None:
        data["charges_tolerance"] = tolerance
    path = tmp_path / "order.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    deposit = [
        "record_payment@2026-11-10",
        "amount=USD 12507.09",
        "bank_charges=USD 25",
        "reference=TT-0001",
        "start_production@2026-11-12",
    ]
    args = ["workflow", str(path), "--today", "2026-11-12", *QUOTING, *deposit]
    assert main(args) == code
    out = capsys.readouterr().out
    assert ("applied 2026-11-12 start_production: now production" in out) == (code == EXIT_OK)
