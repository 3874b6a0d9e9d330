"""The documentation's diagrams of the export order workflow.

Hold, resume and cancel are possible from most states: they are drawn as notes,
as are the payment self-loops. :meth:`~exportdocs.workflow.Machine.to_mermaid` and
:meth:`~exportdocs.workflow.Machine.to_dot` of :data:`~exportdocs.workflow.MACHINE`
draw every transition.
"""

from __future__ import annotations

from exportdocs.workflow._table import MACHINE

__all__ = ["DIAGRAM_HIDE", "DIAGRAM_HIDE_LOOPS", "diagram_notes", "dot", "mermaid"]

#: Events drawn as notes rather than edges in the documentation diagram.
DIAGRAM_HIDE = ("hold", "resume", "cancel")
DIAGRAM_HIDE_LOOPS = ("record_payment",)


def diagram_notes() -> dict[str, str]:
    """The notes the documentation diagram uses for the hidden transitions."""
    before = MACHINE.sources_of("cancel")
    return {
        "on_hold": "hold from any open state; resume returns to it",
        "cancelled": f"cancel from {len(before)} states up to booked (after production "
        "starts: with a reason and the costs)",
        "paid": "record_payment is possible from pi_issued on (self-loops not drawn)",
    }


def mermaid() -> str:
    """The documentation's Mermaid diagram of :data:`MACHINE` (hold, cancel as notes)."""
    return MACHINE.to_mermaid(
        hide=DIAGRAM_HIDE, hide_loops=DIAGRAM_HIDE_LOOPS, notes=diagram_notes()
    )


def dot() -> str:
    """The Graphviz DOT text of :data:`MACHINE` (hold, cancel and payment loops left out)."""
    return MACHINE.to_dot(hide=DIAGRAM_HIDE, hide_loops=DIAGRAM_HIDE_LOOPS, name="export_order")
