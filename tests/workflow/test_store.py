"""The SQLite store: round trips, optimistic concurrency, two processes appending at once."""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from exportdocs import (
    ConcurrencyConflictError,
    Incoterm,
    OrderNotFoundError,
    PaymentTerms,
    StoreError,
    WorkflowError,
)
from exportdocs.workflow import (
    LCReceived,
    Order,
    OrderStore,
    PaymentReceived,
    ProductionStarted,
    SQLiteStore,
    State,
)
from tests.workflow.conftest import make_contract
from tests.workflow.helpers import confirm, day, quoting, usd
from tests.workflow.test_terms import make_lc

WRITERS = 2
SECONDS = 1.5


def _confirmed(store: SQLiteStore, terms: PaymentTerms) -> Order:
    order = store.create(make_contract(terms, Incoterm.CIF), charges_tolerance=usd("50.00"))
    for event, _ in [*quoting(), confirm()]:
        order = store.append(order.number, order.version, event)
    return order


def test_store_round_trips_contract_events_and_tolerance(tmp_path: Path) -> None:
    path = tmp_path / "orders.db"
    with SQLiteStore(path) as store:
        order = _confirmed(store, PaymentTerms.lc_at_sight(deposit="30"))
        order = store.append(order.number, order.version, LCReceived(day("01-20"), make_lc()))
    with SQLiteStore(path) as other:
        loaded = other.load(order.number)
        assert loaded == order
        assert loaded.state is State.LC_RECEIVED
        assert other.events(order.number) == order.log
        assert other.numbers() == ("BW-PI-2025-0107",)
        assert str(loaded.ledger.tolerance) == "50.00 USD"


def test_the_store_satisfies_the_protocol(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "orders.db") as sqlite_store:
        store: OrderStore = sqlite_store  # mypy checks the store against the protocol
        order = store.create(make_contract(PaymentTerms.dp()))
        assert store.events(order.number) == ()


def test_a_stale_version_is_a_conflict_and_writes_nothing(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "orders.db") as store:
        order = _confirmed(store, PaymentTerms.tt_deposit())
        store.append(order.number, order.version, PaymentReceived(day("01-08"), usd("100.00"), "A"))
        with pytest.raises(ConcurrencyConflictError) as info:
            store.append(
                order.number, order.version, PaymentReceived(day("01-08"), usd("200.00"), "B")
            )
        assert (info.value.expected, info.value.actual) == (6, 7)
        assert "reload the order and apply the event again" in str(info.value)
        assert [e.reference for e in store.events(order.number)[6:]] == ["A"]  # type: ignore[attr-defined]


def test_a_refused_event_writes_nothing(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "orders.db") as store:
        order = _confirmed(store, PaymentTerms.tt_deposit())
        with pytest.raises(WorkflowError, match="awaiting deposit"):
            store.append(order.number, order.version, ProductionStarted(day("01-08")))
        assert store.load(order.number).version == order.version == 6


def test_unknown_order_and_duplicate_number(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "orders.db") as store:
        with pytest.raises(OrderNotFoundError, match="no order numbered 'X-1'"):
            store.load("X-1")
        store.create(make_contract(PaymentTerms.dp()))
        with pytest.raises(StoreError, match="already in the store"):
            store.create(make_contract(PaymentTerms.dp()))


def test_the_store_uses_wal_and_a_unique_version_per_order(tmp_path: Path) -> None:
    path = tmp_path / "orders.db"
    SQLiteStore(path).close()
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        db.execute("INSERT INTO orders (number, contract) VALUES ('N', '{}')")
        db.execute("INSERT INTO events VALUES ('N', 1, 'X', '{}')")
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            db.execute("INSERT INTO events VALUES ('N', 1, 'Y', '{}')")
    finally:
        db.close()


def _writer(
    path: str,
    number: str,
    name: str,
    seconds: float,
    ready: Any,
    out: Any,
) -> None:
    """Append small payments as fast as possible; report the references accepted."""
    accepted: list[str] = []
    conflicts = 0
    with SQLiteStore(path) as store:
        order = store.load(number)
        ready.wait()
        end = time.monotonic() + seconds
        i = 0
        while time.monotonic() < end:
            reference = f"{name}-{i}"
            event = PaymentReceived(day("01-08"), usd("0.01"), reference)
            try:
                order = store.append(number, order.version, event)
            except ConcurrencyConflictError:
                conflicts += 1
                order = store.load(number)
                continue
            accepted.append(reference)
            i += 1
            # An app does some work between two events; without it, SQLite's busy handler
            # lets the writer that just committed win the lock again and again.
            time.sleep(0.002)
    out.put((name, accepted, conflicts))


def test_two_processes_appending_lose_nothing_and_keep_versions_gapless(tmp_path: Path) -> None:
    path = str(tmp_path / "orders.db")
    with SQLiteStore(path) as store:
        order = _confirmed(store, PaymentTerms.tt_in_advance())
    start_version = order.version
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    ready = ctx.Barrier(WRITERS)
    procs = [
        ctx.Process(target=_writer, args=(path, order.number, f"w{n}", SECONDS, ready, queue))
        for n in range(WRITERS)
    ]
    for proc in procs:
        proc.start()
    results = [queue.get(timeout=60) for _ in procs]
    for proc in procs:
        proc.join(timeout=60)
        assert proc.exitcode == 0
    accepted = [ref for _, refs, _ in results for ref in refs]
    assert all(refs for _, refs, _ in results), f"each writer got appends in: {results!r:.300}"
    assert sum(conflicts for _, _, conflicts in results) > 0, "the writers did contend"
    db = sqlite3.connect(path)
    try:
        versions = [v for (v,) in db.execute("SELECT version FROM events ORDER BY version")]
    finally:
        db.close()
    assert versions == list(range(1, len(versions) + 1))
    with SQLiteStore(path) as store:
        final = store.load(order.number)
        logged = [e.reference for e in store.events(order.number)[start_version:]]  # type: ignore[attr-defined]
    assert sorted(logged) == sorted(accepted)
    assert len(set(logged)) == len(logged)
    assert final.version == start_version + len(accepted)
    assert str(final.ledger.received) == f"{len(accepted) / 100:.2f} USD"
