"""The exceptions exportdocs raises, all rooted in :class:`ExportDocsError`.

Catch ``ExportDocsError`` to catch everything the library raises on purpose; a
bare ``KeyError`` or ``TypeError`` escaping from a public function is a bug.

The tree::

    ExportDocsError
    ├── ValidationError (also ValueError)      bad input; lists every problem found
    │   └── CurrencyMismatchError              arithmetic across two currencies
    ├── WorkflowError                          a workflow event refused; nothing changed
    ├── StoreError                             the order store failed
    │   ├── OrderNotFoundError (also KeyError)
    │   └── ConcurrencyConflictError           another writer appended first
    └── RenderError                            a document could not be rendered
        └── FontNotFoundError                  no font for the requested language
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

__all__ = [
    "NO_VALUE",
    "ConcurrencyConflictError",
    "CurrencyMismatchError",
    "ExportDocsError",
    "FontNotFoundError",
    "OrderNotFoundError",
    "Problem",
    "RenderError",
    "StoreError",
    "TableTooWideError",
    "ValidationError",
    "WorkflowError",
]


class ExportDocsError(Exception):
    """Root of every exception exportdocs raises on purpose."""


class _NoValue:
    """The value of a problem about a field that has no value (missing, unknown)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<no value>"


#: :attr:`Problem.value` when there is no value to show: a required field that is
#: missing, an unknown field. Its message then has no "(got ...)".
NO_VALUE: Any = _NoValue()


@attrs.frozen
class Problem:
    """One thing wrong with an input: where it is, what was given, and why it is refused.

    ``path`` is a field path such as ``items[3].packing.units_per_carton``; an empty
    path means the object as a whole.
    """

    path: str
    value: Any
    message: str

    def prefixed(self, prefix: str) -> Problem:
        """Return the same problem seen from a containing object (``prefix.path``)."""
        if not prefix:
            return self
        if not self.path:
            return Problem(prefix, self.value, self.message)
        sep = "" if self.path.startswith("[") else "."
        return Problem(f"{prefix}{sep}{self.path}", self.value, self.message)

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        if self.value is NO_VALUE:
            return f"{where}{self.message}"
        return f"{where}{self.message} (got {_short_repr(self.value)})"


def _short_repr(value: Any, limit: int = 80) -> str:
    # A number the library converted reads as the figure itself: "(got 0)", not
    # "(got 0)"; text keeps its quotes, so "(got '0')" was given as text.
    text = str(value) if isinstance(value, Decimal) else repr(value)
    if len(text) <= limit:
        return text
    return f"{text[: limit - 3]}... ({len(text)} characters)"


class ValidationError(ExportDocsError, ValueError):
    """Input that exportdocs refuses, with every problem found in the object.

    ``problems`` lists each one (path, value, message); ``path`` and ``value``
    repeat the first for the common one-problem case.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("ValidationError needs at least one problem")
        first = self.problems[0]
        self.path: str = first.path
        self.value: Any = first.value
        if len(self.problems) == 1:
            text = str(first)
        else:
            text = f"{len(self.problems)} problems: " + "; ".join(str(p) for p in self.problems)
        super().__init__(text)

    @classmethod
    def single(cls, path: str, value: Any, message: str) -> ValidationError:
        """Build the error for one problem."""
        return cls([Problem(path, value, message)])

    def prefixed(self, prefix: str) -> ValidationError:
        """Return the same error with every path seen from a containing object."""
        return type(self)(p.prefixed(prefix) for p in self.problems)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.problems,))


class CurrencyMismatchError(ValidationError):
    """Money in two currencies was added, subtracted or compared."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__(problems)


class WorkflowError(ExportDocsError):
    """A workflow event was refused; the order is unchanged.

    ``state`` is the order's state, ``event`` the refused event's name and
    ``reason`` says what blocks it and what would allow it.
    """

    def __init__(self, state: str, event: str, reason: str) -> None:
        self.state = state
        self.event = event
        self.reason = reason
        super().__init__(f"cannot {event.replace('_', ' ')} in state {state!r}: {reason}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.state, self.event, self.reason))


class StoreError(ExportDocsError):
    """The order store could not do what was asked."""


class OrderNotFoundError(StoreError, KeyError):
    """No order with that number is in the store."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "order not found"


class ConcurrencyConflictError(StoreError):
    """Another writer appended to the order first; reload it and try again.

    ``expected`` is the version the writer based its change on, ``actual`` the
    version found in the store.
    """

    def __init__(self, order: str, expected: int, actual: int) -> None:
        self.order = order
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"order {order!r} is at version {actual}, not {expected}: another writer "
            "appended first; reload the order and apply the event again"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.order, self.expected, self.actual))


class RenderError(ExportDocsError):
    """A document could not be rendered; no output file was left behind."""


class FontNotFoundError(RenderError):
    """No usable font was found for the document's language."""


class TableTooWideError(RenderError):
    """A table's figures do not fit the page's width even at the smallest size (7 pt).

    Raised rather than printing a figure cut in two; landscape gives the table room
    (the documents turn to landscape by themselves when they need it).
    """
