"""Durable orders: the contract, the append-only event log and a version per order.

:class:`OrderStore` is the small interface an app implements to keep the same
log in its own database; :class:`SQLiteStore` is the embedded default (standard
library ``sqlite3``). Appending is optimistic: the writer says which version
its change is based on, and when another writer got there first the append
fails with :class:`~exportdocs.exceptions.ConcurrencyConflictError` and nothing
is written; the loser reloads and tries again. The SQLite store runs each
append in one ``BEGIN IMMEDIATE`` transaction (one writer at a time, others
wait up to the busy timeout), keeps ``UNIQUE(order_number, version)`` as a
second line of defence, and uses WAL so readers never block the writer.

Contracts and events are stored as JSON written by the project serialiser.

>>> import tempfile, os
>>> from exportdocs.workflow import InquiryReceived
>>> from exportdocs.samples import sample_contract
>>> path = os.path.join(tempfile.mkdtemp(), "orders.db")
>>> with SQLiteStore(path) as store:
...     order = store.create(sample_contract())
...     order = store.append(order.number, 0, InquiryReceived("2026-10-20"))
...     print(order.state.value, order.version, store.load(order.number) == order)
inquiry 1 True
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol

from exportdocs._money import Money
from exportdocs._serialize import from_json, to_json
from exportdocs.exceptions import (
    ConcurrencyConflictError,
    OrderNotFoundError,
    StoreError,
    ValidationError,
)
from exportdocs.workflow._codec import event_from_dict, event_to_dict
from exportdocs.workflow._events import Event
from exportdocs.workflow._order import Order

if TYPE_CHECKING:
    from exportdocs._contract import Contract

__all__ = ["OrderStore", "SQLiteStore"]

#: Seconds a writer waits for another writer's transaction before giving up.
BUSY_TIMEOUT = 10.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    number TEXT PRIMARY KEY,
    contract TEXT NOT NULL,
    charges_tolerance TEXT,
    version INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS events (
    order_number TEXT NOT NULL REFERENCES orders(number),
    version INTEGER NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    UNIQUE (order_number, version)
);
"""


class OrderStore(Protocol):
    """What the workflow needs from a store; an app may implement it over its own database."""

    def create(self, contract: Contract, *, charges_tolerance: Money | None = None) -> Order:
        """Store a new order for ``contract`` (version 0); StoreError if the number exists."""
        ...

    def load(self, number: str) -> Order:
        """The order rebuilt from its log; OrderNotFoundError when unknown."""
        ...

    def append(self, number: str, expected_version: int, event: Event) -> Order:
        """Apply ``event`` to the order at ``expected_version`` and append it.

        Raises ConcurrencyConflictError (nothing written) when the order has moved
        on, and WorkflowError (nothing written) when the event is refused.
        """
        ...

    def events(self, number: str) -> tuple[Event, ...]:
        """The order's log, oldest first."""
        ...


class SQLiteStore:
    """An :class:`OrderStore` in one SQLite file (WAL mode, ``BEGIN IMMEDIATE`` appends).

    Open one store per process or thread; several processes may share the file.
    The store keeps the last order it read or wrote in memory, and catches up
    from the log when another process has appended since.
    """

    def __init__(self, path: str | os.PathLike[str], *, busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.path = os.fspath(path)
        try:
            self._db = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None)
            self._db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the order store {self.path!r}: {exc}") from exc
        self._cache: dict[str, Order] = {}

    # -- context and lifetime ------------------------------------------------------------

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _write(self) -> _Transaction:
        return _Transaction(self._db, "BEGIN IMMEDIATE")

    def _read(self) -> _Transaction:
        return _Transaction(self._db, "BEGIN")

    # -- the interface -------------------------------------------------------------------

    def create(self, contract: Contract, *, charges_tolerance: Money | None = None) -> Order:
        """Store a new order for ``contract``; StoreError if its number is taken."""
        order = Order.start(contract, charges_tolerance=charges_tolerance)
        tolerance = None if charges_tolerance is None else to_json(charges_tolerance, indent=None)
        with self._write() as db:
            found = db.execute("SELECT 1 FROM orders WHERE number = ?", (order.number,)).fetchone()
            if found is not None:
                raise StoreError(f"an order numbered {order.number!r} is already in the store")
            db.execute(
                "INSERT INTO orders (number, contract, charges_tolerance, version) "
                "VALUES (?, ?, ?, 0)",
                (order.number, to_json(contract, indent=None), tolerance),
            )
        self._cache[order.number] = order
        return order

    def load(self, number: str) -> Order:
        """The order rebuilt from its log (catching up from the cached copy when there is one)."""
        with self._read() as db:
            return self._current(db, number)

    def append(self, number: str, expected_version: int, event: Event) -> Order:
        """Apply ``event`` to the order at ``expected_version``; append it and bump the version."""
        if not isinstance(event, Event):
            raise ValidationError.single(
                "event", event, f"expected a workflow event, not {type(event).__name__}"
            )
        with self._write() as db:
            actual = self._version(db, number)
            if actual != expected_version:
                raise ConcurrencyConflictError(number, expected_version, actual)
            order = self._current(db, number).apply(event)
            try:
                db.execute(
                    "INSERT INTO events (order_number, version, type, data) VALUES (?, ?, ?, ?)",
                    (number, order.version, type(event).__name__, json.dumps(event_to_dict(event))),
                )
            except sqlite3.IntegrityError:  # pragma: no cover - BEGIN IMMEDIATE prevents it
                raise ConcurrencyConflictError(number, expected_version, order.version) from None
            db.execute(
                "UPDATE orders SET version = ? WHERE number = ? AND version = ?",
                (order.version, number, expected_version),
            )
        self._cache[number] = order
        return order

    def events(self, number: str) -> tuple[Event, ...]:
        """The order's log, oldest first."""
        self._version(self._db, number)
        return tuple(self._rows(self._db, number, 0))

    def numbers(self) -> tuple[str, ...]:
        """Every order number in the store, sorted."""
        rows = self._db.execute("SELECT number FROM orders ORDER BY number").fetchall()
        return tuple(row[0] for row in rows)

    # -- internals -----------------------------------------------------------------------

    def _version(self, db: sqlite3.Connection, number: str) -> int:
        row = db.execute("SELECT version FROM orders WHERE number = ?", (number,)).fetchone()
        if row is None:
            raise OrderNotFoundError(f"no order numbered {number!r} in the store {self.path!r}")
        return int(row[0])

    def _rows(self, db: sqlite3.Connection, number: str, after: int) -> Iterator[Event]:
        rows = db.execute(
            "SELECT version, data FROM events WHERE order_number = ? AND version > ? "
            "ORDER BY version",
            (number, after),
        )
        expected = after + 1
        for version, data in rows:
            if version != expected:
                raise StoreError(
                    f"order {number!r}: the log jumps from version {expected - 1} to {version}"
                )
            expected += 1
            yield event_from_dict(json.loads(data))

    def _current(self, db: sqlite3.Connection, number: str) -> Order:
        version = self._version(db, number)
        order = self._cache.get(number)
        if order is None or order.version > version:
            row = db.execute(
                "SELECT contract, charges_tolerance FROM orders WHERE number = ?", (number,)
            ).fetchone()
            order = Order.start(_contract(row[0]), charges_tolerance=_money(row[1]))
        for event in self._rows(db, number, order.version):
            order = order.apply(event)
        self._cache[number] = order
        return order


class _Transaction:
    """``BEGIN [IMMEDIATE]`` ... ``COMMIT``, rolled back on any exception."""

    def __init__(self, db: sqlite3.Connection, begin: str) -> None:
        self._db = db
        self._begin = begin

    def __enter__(self) -> sqlite3.Connection:
        try:
            self._db.execute(self._begin)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot start a write transaction: {exc}") from exc
        return self._db

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if kind is None:
            try:
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                self._db.execute("ROLLBACK")
                raise StoreError(f"cannot commit: {exc}") from exc
        else:
            self._db.execute("ROLLBACK")


def _contract(text: str) -> Contract:
    from exportdocs._contract import Contract

    return from_json(Contract, text)


def _money(text: str | None) -> Money | None:
    return None if text is None else from_json(Money, text)
