"""``exportdocs workflow``: an order's state, deadlines and next events; applying events.

Events on the command line come in two forms:

* the short form, one word ``KIND[@DATE]`` followed by ``FIELD=VALUE`` words
  that belong to it: ``record_payment@2026-11-10 amount="USD 12507.09"
  reference=TT-0001``. ``KIND`` is the workflow's event name (``start_production``);
  without ``@DATE`` the event is dated ``--today``. Money is ``"USD 12.50"``, a
  list of texts is separated by ``;``, a yes/no field takes ``true``/``false``,
  and a letter of credit is given as JSON;
* a JSON object, as :func:`exportdocs.workflow.event_to_dict` writes it
  (``{"type": "ProductionStarted", "date": "2026-11-20"}``); ``"kind":
  "start_production"`` may stand for ``type``, and ``date`` defaults to ``--today``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import types
import typing
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

import attrs

from exportdocs._money import Money
from exportdocs._validation import fail
from exportdocs.cli._text import EXIT_FAILED, EXIT_OK, error_lines
from exportdocs.exceptions import OrderNotFoundError, Problem, ValidationError, WorkflowError
from exportdocs.orderfile import OrderFile, load_order
from exportdocs.workflow import Order, Quoted, SQLiteStore, format_money
from exportdocs.workflow._codec import event_from_dict
from exportdocs.workflow._events import EVENT_KINDS, Event

__all__ = ["event_help", "parse_events", "run_workflow", "status_lines"]

_TRUE = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def _field_value(kind: type[Event], name: str, text: str, path: str) -> Any:
    """A short-form ``FIELD=VALUE`` as the JSON value :func:`event_from_dict` reads."""
    hints = typing.get_type_hints(kind)
    wanted = hints.get(name)
    if wanted is None:
        return text  # event_from_dict reports the unknown field with its path
    target = wanted
    if typing.get_origin(wanted) in (typing.Union, types.UnionType):  # X | None
        target = next(a for a in typing.get_args(wanted) if a is not type(None))
    if target is Money:
        money = Money.parse(text)
        return {"amount": format(money.amount, "f"), "currency": money.currency.code}
    if target is bool:
        if text.strip().lower() not in _TRUE:
            raise fail("expected true or false", text, path)
        return _TRUE[text.strip().lower()]
    if target is int:
        try:
            return int(text)
        except ValueError:
            raise fail("expected a whole number", text, path) from None
    if typing.get_origin(target) is tuple:
        return [part.strip() for part in text.split(";") if part.strip()]
    if target in (str, Decimal, dt.date) or not attrs.has(target):
        return text
    try:
        return json.loads(text)
    except ValueError:
        raise fail(f"expected a {target.__name__} as a JSON object", text, path) from None


def _short_event(word: str, fields: list[str], today: dt.date, index: int) -> Event:
    kind_text, _, date_text = word.partition("@")
    kind = EVENT_KINDS.get(kind_text.strip())
    where = f"events[{index}]"
    if kind is None:
        raise fail("unknown event; use one of " + ", ".join(sorted(EVENT_KINDS)), word, where)
    data: dict[str, Any] = {"type": kind.__name__, "date": date_text or today.isoformat()}
    problems: list[Problem] = []
    for item in fields:
        name, _, value = item.partition("=")
        field = name.strip()
        try:
            data[field] = _field_value(kind, field, value, "")
        except ValidationError as exc:
            problems.extend(p.prefixed(f"{where}({kind_text}).{field}") for p in exc.problems)
    if problems:
        raise ValidationError(problems)
    try:
        return event_from_dict(data)
    except ValidationError as exc:
        raise exc.prefixed(f"{where}({kind_text})") from None


def _json_event(text: str, today: dt.date, index: int) -> Event:
    where = f"events[{index}]"
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise fail(f"not valid JSON: {exc}", text[:60], where) from None
    if not isinstance(data, dict):
        raise fail(f"expected a JSON object, not {type(data).__name__}", data, where)
    if "type" not in data and "kind" in data:
        kind = EVENT_KINDS.get(str(data.pop("kind")))
        if kind is not None:
            data["type"] = kind.__name__
    data.setdefault("date", today.isoformat())
    try:
        return event_from_dict(data)
    except ValidationError as exc:
        raise exc.prefixed(where) from None


def parse_events(words: Sequence[str], today: dt.date) -> tuple[Event, ...]:
    """The events of the command line, in order (see the module docstring for the forms).

    >>> [str(e) for e in parse_events(["start_production@2026-11-20", "hold", "reason=strike"],
    ...                               dt.date(2026, 11, 21))]
    ['2026-11-20 start_production', '2026-11-21 hold']
    """
    groups: list[tuple[str, list[str]]] = []
    for word in words:
        if word.lstrip().startswith("{"):
            groups.append((word, []))
        elif "=" in word.split("@", 1)[0]:
            if not groups or groups[-1][0].lstrip().startswith("{"):
                raise fail("a FIELD=VALUE must follow the event it belongs to", word, "events")
            groups[-1][1].append(word)
        else:
            groups.append((word, []))
    events: list[Event] = []
    problems: list[Problem] = []
    for index, (word, fields) in enumerate(groups):
        try:
            if word.lstrip().startswith("{"):
                events.append(_json_event(word, today, index))
            else:
                events.append(_short_event(word, fields, today, index))
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems)
    return tuple(events)


def event_help() -> str:
    """Every event name with its fields (for ``exportdocs workflow --events``)."""
    lines = []
    for kind, cls in sorted(EVENT_KINDS.items()):
        fields = [
            f.name if f.default is attrs.NOTHING else f"[{f.name}]"
            for f in attrs.fields(cls)
            if f.name != "date"
        ]
        doc = _plain((cls.__doc__ or "").strip().splitlines()[0]) if cls.__doc__ else ""
        lines.append(f"  {kind:<22} {' '.join(fields)}")
        if doc:
            lines.append(f"  {'':<22} {doc}")
    return "\n".join(lines)


_ROLE = re.compile(r":\w+:`~?([\w.]+)`")


def _plain(doc: str) -> str:
    """A docstring line as a terminal shows it: ``reason`` -> reason, and an event
    class named in it (:class:`Resumed`) -> the event's word on the command line (resume).

    >>> _plain("Put on hold; :class:`Resumed` returns it. ``reason`` says why.")
    'Put on hold; resume returns it. reason says why.'
    """
    words = {cls.__name__: kind for kind, cls in EVENT_KINDS.items()}
    plain = _ROLE.sub(lambda m: words.get(m.group(1).rsplit(".", 1)[-1], m.group(1)), doc)
    return plain.replace("``", "")


def status_lines(order: Order, today: dt.date) -> Iterator[str]:
    """The order's state, payments, deadlines, documents and next events on ``today``."""
    yield f"Order {order.number}: {order.state.title} [{order.state.value}], version {order.version}"
    yield f"As of {today.isoformat()}"
    dues = order.amounts_due(today)
    if dues:
        yield "Payments:"
        for due in dues:
            yield f"  {due}"
        if order.overpaid:
            yield f"  over-paid: {format_money(order.overpaid)} (refund or carry over)"
    found = order.deadlines(today)
    yield "Deadlines:" if found else "Deadlines: none open"
    for deadline in found:
        flag = "  OVERDUE " if deadline.overdue else "  "
        yield f"{flag}{deadline}"
    if order.documents_due:
        yield "Documents for the next step: " + ", ".join(d.value for d in order.documents_due)
    allowed = order.allowed()
    yield "Next events:" if allowed else "Next events: none (the order is final)"
    for allowance in allowed:
        mark = "+" if allowance.allowed else "-"
        yield f"  {mark} {allowance}"


def _today(given: dt.date | None) -> dt.date:
    # The command line is the boundary: the real date is read here and nowhere else.
    return given if given is not None else dt.date.today()


def run_workflow(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Show (and with events, advance) an order; ``--store`` keeps it between runs.

    A refused event is reported on ``err`` and stops the events after it (those
    before it stay applied); the status is shown either way and the exit code is 1.
    """
    today = _today(args.today)
    if args.list_events:
        out.write("Events (FIELD, [optional FIELD]):\n" + event_help() + "\n")
        return EXIT_OK
    if args.order is None:
        raise fail("give an order file (or, with --store, an order number)", None, "ORDER")
    events = parse_events(args.events, today)
    path = Path(args.order)
    order_file = None
    if args.store is None or path.suffix.lower() in (".json", ".toml") or path.exists():
        order_file = load_order(path)
        events = tuple(_with_costing_approval(event, order_file) for event in events)
    store = SQLiteStore(args.store) if args.store is not None else None
    try:
        if store is None:
            assert order_file is not None
            order = Order.start(order_file.contract, charges_tolerance=order_file.charges_tolerance)
        else:
            order = _stored_order(store, args.order, order_file)
        code = EXIT_OK
        for event in events:
            try:
                if store is None:
                    order = order.apply(event)
                else:
                    order = store.append(order.number, order.version, event)
            except WorkflowError as exc:
                err.write("\n".join(error_lines(exc)) + "\n")
                code = EXIT_FAILED
                break
            out.write(f"applied {event}: now {order.state.value}\n")
        if events and store is None:
            out.write("(not stored: pass --store PATH.sqlite to keep the order)\n")
    finally:
        if store is not None:
            store.close()
    for line in status_lines(order, today):
        out.write(line + "\n")
    return code


def _with_costing_approval(event: Event, order_file: OrderFile) -> Event:
    """A ``quote`` event carries the approval the order file's cost sheet asks for.

    The workflow blocks the proforma invoice of a quotation that needs approval until
    ``approve_price``; from the command line the quotation's approval comes from the
    costing, so a thin margin is never quoted past unnoticed.
    """
    if not isinstance(event, Quoted):
        return event
    sheet = order_file.cost_sheet()
    if sheet is None or not sheet.approval.required:
        return event
    reasons = tuple(str(reason) for reason in sheet.approval.reasons)
    return attrs.evolve(
        event, approval_required=True, approval_reasons=(*event.approval_reasons, *reasons)
    )


def _stored_order(store: SQLiteStore, given: str, order_file: OrderFile | None) -> Order:
    """The stored order for an order file (created on first use) or an order number."""
    if order_file is not None:
        contract = order_file.contract
        try:
            order = store.load(contract.number)
        except OrderNotFoundError:
            return store.create(contract, charges_tolerance=order_file.charges_tolerance)
        if order.data.contract != contract:
            # The store keeps the contract the order was created with; going on with a
            # changed file would report on a contract the file no longer says.
            changed = [
                f.name
                for f in attrs.fields(type(contract))
                if getattr(contract, f.name) != getattr(order.data.contract, f.name)
            ]
            raise fail(
                f"the order file's contract differs from the one stored for {contract.number} "
                f"({', '.join(changed)}); the store keeps the contract the order was created "
                "with: name the order by its number to go on with it, or use a new store",
                given,
                "ORDER",
            )
        return order
    try:
        return store.load(given)
    except OrderNotFoundError:
        raise fail(
            "no such order file, and no order with that number in the store", given, "ORDER"
        ) from None
