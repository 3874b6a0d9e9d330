"""Events as JSON-compatible data: :func:`event_to_dict` and :func:`event_from_dict`.

The project serialiser writes an event's fields; ``type`` names its class, and
``EVENT_TYPES`` (next to the event classes) maps it back.
"""

from __future__ import annotations

from typing import Any

from exportdocs._serialize import from_dict, to_dict
from exportdocs._validation import fail
from exportdocs.workflow._events import EVENT_TYPES, Event

__all__ = ["event_from_dict", "event_to_dict"]


def event_to_dict(event: Event) -> dict[str, Any]:
    """An event as JSON-compatible data; ``type`` names its class.

    >>> from exportdocs.workflow import ProductionStarted
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
