"""A finite-state machine defined as data, checked once when it is defined.

The states, the transitions and the guards are values in tables, and
:meth:`Machine.define` checks them: one initial state, every state reachable, no
trap state other than the final ones, no unknown name, no alternative that can
never be taken. Nothing here knows about export orders: the export workflow's
tables are in :data:`~exportdocs.workflow.MACHINE`.

Several transitions may share a source and an event: they are *alternatives*,
tried in order, and the first whose guards all pass is taken (a payment moves
the order on when it completes the deposit, and leaves it where it is
otherwise). The target :data:`PREVIOUS` returns to the state the order came
from ("resume" after "hold").

>>> m = Machine.define(
...     states=[StateSpec("draft", "Draft", initial=True), StateSpec("done", "Done", final=True)],
...     transitions=[Transition("draft", "finish", "done")],
... )
>>> print(m.to_mermaid())
stateDiagram-v2
    state "Draft" as draft
    state "Done" as done
    [*] --> draft
    draft --> done : finish
    done --> [*]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Generic, TypeVar

import attrs

from exportdocs.exceptions import Problem, ValidationError
from exportdocs.workflow._data import Document

__all__ = ["PREVIOUS", "Guard", "Machine", "StateSpec", "Transition"]

#: Transition target meaning "the state the order was in before this one" (resume after hold).
PREVIOUS = "<previous>"

D = TypeVar("D")
E = TypeVar("E")


@attrs.frozen
class StateSpec:
    """One state: its name, its title, and the documents that belong to it.

    ``documents`` may be issued (or re-issued) in the state; ``documents_due``
    are the ones the next step needs.
    """

    name: str
    title: str
    documents: tuple[Document, ...] = ()
    documents_due: tuple[Document, ...] = ()
    initial: bool = False
    final: bool = False


def _names(value: Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


@attrs.frozen
class Transition:
    """``event`` moves the order from ``source`` to ``target`` when every guard passes.

    ``guards`` are checked on the order as it is before the event (with the
    event's data): when one fails, the event is refused. ``when`` conditions are
    checked on the order as the event leaves it and only choose between
    alternatives (a payment that completes the deposit moves the order on).
    """

    source: str
    event: str
    target: str
    guards: tuple[str, ...] = attrs.field(default=(), converter=_names)
    when: tuple[str, ...] = attrs.field(default=(), converter=_names)

    def label(self) -> str:
        """``"start_production (production_secured)"``: the event, its guards and conditions."""
        parts = [*self.guards, *(f"if {w}" for w in self.when)]
        return f"{self.event} ({', '.join(parts)})" if parts else self.event


@attrs.frozen
class Guard(Generic[D, E]):
    """A named condition of a transition.

    ``check(data, event)`` returns None when the guard passes, else the reason it
    blocks, worded to say what is missing ("awaiting deposit (30% = USD 6,300.00
    not received)"). ``event`` is None when the order is only asked what it may
    do next; a guard that reads the event's own data passes then (its ``requires``
    says what the event must carry).
    """

    name: str
    requires: str
    check: Callable[[D, E | None], str | None] = attrs.field(eq=False, repr=False)


def _index(transitions: Iterable[Transition]) -> dict[tuple[str, str], tuple[Transition, ...]]:
    index: dict[tuple[str, str], list[Transition]] = {}
    for t in transitions:
        index.setdefault((t.source, t.event), []).append(t)
    return {key: tuple(value) for key, value in index.items()}


@attrs.frozen
class Machine(Generic[D, E]):
    """A checked state table. Build it with :meth:`define`."""

    states: tuple[StateSpec, ...]
    transitions: tuple[Transition, ...]
    guards: Mapping[str, Guard[D, E]] = attrs.field(eq=False)
    _by_key: dict[tuple[str, str], tuple[Transition, ...]] = attrs.field(
        init=False, eq=False, repr=False
    )
    _specs: dict[str, StateSpec] = attrs.field(init=False, eq=False, repr=False)
    _holds: frozenset[str] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_key", _index(self.transitions))
        object.__setattr__(self, "_specs", {s.name: s for s in self.states})
        holds = frozenset(t.source for t in self.transitions if t.target == PREVIOUS)
        object.__setattr__(self, "_holds", holds)

    @classmethod
    def define(
        cls,
        states: Iterable[StateSpec],
        transitions: Iterable[Transition],
        guards: Iterable[Guard[D, E]] = (),
        events: Iterable[str] | None = None,
    ) -> Machine[D, E]:
        """Check the table and build the machine; raise ValidationError listing every problem.

        ``events``, when given, is the set of known event names: a transition on
        any other name is refused.
        """
        state_list = tuple(states)
        transition_list = tuple(transitions)
        guard_list = tuple(guards)
        problems = list(
            _check(state_list, transition_list, guard_list, None if events is None else set(events))
        )
        if problems:
            raise ValidationError(problems)
        return cls(state_list, transition_list, {g.name: g for g in guard_list})

    # -- queries --------------------------------------------------------------------------

    @property
    def initial(self) -> StateSpec:
        """The one initial state."""
        return next(s for s in self.states if s.initial)

    @property
    def finals(self) -> tuple[StateSpec, ...]:
        """The final states (no way out)."""
        return tuple(s for s in self.states if s.final)

    def spec(self, name: str) -> StateSpec:
        """The state called ``name``."""
        return self._specs[name]

    def alternatives(self, source: str, event: str) -> tuple[Transition, ...]:
        """The transitions ``event`` may take from ``source``, in the order they are tried."""
        return self._by_key.get((source, event), ())

    def events_from(self, source: str) -> tuple[str, ...]:
        """Every event with a transition out of ``source``, in table order, without repeats."""
        return tuple(dict.fromkeys(t.event for t in self.transitions if t.source == source))

    def returns_from(self, state: str) -> bool:
        """True when some transition leaves ``state`` for :data:`PREVIOUS` (a hold state)."""
        return state in self._holds

    def sources_of(self, event: str) -> tuple[str, ...]:
        """Every state ``event`` has a transition from."""
        return tuple(dict.fromkeys(t.source for t in self.transitions if t.event == event))

    # -- diagrams -------------------------------------------------------------------------

    def _drawn(self, hide: Iterable[str], hide_loops: Iterable[str]) -> list[Transition]:
        hidden, loops = frozenset(hide), frozenset(hide_loops)
        seen: set[tuple[str, str, str]] = set()
        drawn: list[Transition] = []
        for t in self.transitions:
            if t.event in hidden or (t.target == t.source and t.event in loops):
                continue
            key = (t.source, t.target, t.label())
            if key not in seen:
                seen.add(key)
                drawn.append(t)
        return drawn

    def to_mermaid(
        self,
        *,
        hide: Iterable[str] = (),
        hide_loops: Iterable[str] = (),
        notes: Mapping[str, str] | None = None,
    ) -> str:
        """The machine as a Mermaid ``stateDiagram-v2``.

        ``hide`` leaves out every transition of the named events and
        ``hide_loops`` only their self-loops (for events possible from almost
        every state, such as hold, cancel and recording a payment); ``notes`` adds
        a note to a state (name -> text) to say so instead.
        """
        lines = ["stateDiagram-v2"]
        lines += [f'    state "{s.title}" as {s.name}' for s in self.states]
        lines.append(f"    [*] --> {self.initial.name}")
        for t in self._drawn(hide, hide_loops):
            target = t.source if t.target == PREVIOUS else t.target
            label = (
                t.label() if t.target != PREVIOUS else f"{t.label()} (back to the previous state)"
            )
            lines.append(f"    {t.source} --> {target} : {label}")
        lines += [f"    {s.name} --> [*]" for s in self.finals]
        for name, text in (notes or {}).items():
            lines.append(f"    note right of {name} : {text}")
        return "\n".join(lines)

    def to_dot(
        self, *, hide: Iterable[str] = (), hide_loops: Iterable[str] = (), name: str = "workflow"
    ) -> str:
        """The machine as Graphviz DOT text (``dot -Tsvg``); ``hide`` as for :meth:`to_mermaid`."""
        lines = [f"digraph {name} {{", "    rankdir=TB;", "    node [shape=box, style=rounded];"]
        lines.append('    "__start" [shape=point, label=""];')
        for s in self.states:
            shape = ", peripheries=2" if s.final else ""
            lines.append(f'    "{s.name}" [label="{s.title}"{shape}];')
        lines.append(f'    "__start" -> "{self.initial.name}";')
        for t in self._drawn(hide, hide_loops):
            if t.target == PREVIOUS:
                lines.append(
                    f'    "{t.source}" -> "{t.source}" [label="{t.label()} (back)", style=dashed];'
                )
            else:
                lines.append(f'    "{t.source}" -> "{t.target}" [label="{t.label()}"];')
        lines.append("}")
        return "\n".join(lines)


# -- the definition-time checks -----------------------------------------------------------


def _check(
    states: tuple[StateSpec, ...],
    transitions: tuple[Transition, ...],
    guards: tuple[Guard[Any, Any], ...],
    events: set[str] | None,
) -> Iterator[Problem]:
    names = [s.name for s in states]
    known = set(names)
    for i, name in enumerate(names):
        if names.index(name) != i:
            yield Problem(f"states[{i}].name", name, "two states have the same name")
        if not name or not name.isidentifier():
            yield Problem(f"states[{i}].name", name, "a state name is a Python-style identifier")
    initials = [s.name for s in states if s.initial]
    if len(initials) != 1:
        yield Problem("states", initials, "a machine needs exactly one initial state")
    finals = {s.name for s in states if s.final}
    if not finals:
        yield Problem("states", [], "a machine needs at least one final state")
    guard_names = [g.name for g in guards]
    for i, name in enumerate(guard_names):
        if guard_names.index(name) != i:
            yield Problem(f"guards[{i}].name", name, "two guards have the same name")
    for i, t in enumerate(transitions):
        where = f"transitions[{i}]"
        if t.source not in known:
            yield Problem(f"{where}.source", t.source, "unknown state")
        if t.target not in known and t.target != PREVIOUS:
            yield Problem(f"{where}.target", t.target, "unknown state")
        if t.source in finals:
            yield Problem(f"{where}.source", t.source, "a final state has no way out")
        if events is not None and t.event not in events:
            yield Problem(f"{where}.event", t.event, "unknown event")
        for g in (*t.guards, *t.when):
            if g not in guard_names:
                yield Problem(f"{where}.guards", g, "unknown guard")
    for (source, event), alternatives in _index(transitions).items():
        for j, t in enumerate(alternatives[:-1]):
            if not t.guards and not t.when:
                yield Problem(
                    f"transitions[{transitions.index(alternatives[j + 1])}]",
                    f"{source} --{event}-->",
                    "never taken: an earlier alternative for the same state and event has no "
                    "guard; put the unguarded alternative last",
                )
    if len(initials) != 1:
        return
    graph = _graph(transitions)
    reached = _reach(initials[0], graph)
    for name in names:
        if name not in reached:
            yield Problem(
                "states", name, f"cannot be reached from the initial state {initials[0]!r}"
            )
    for name in names:
        if name in finals or name not in reached:
            continue
        if not (_reach(name, graph) & finals):
            yield Problem(
                "states",
                name,
                "trap state: no final state can be reached from it (only "
                + ", ".join(sorted(finals))
                + " may be dead ends)",
            )


def _graph(transitions: tuple[Transition, ...]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for t in transitions:
        if t.target != PREVIOUS:
            graph.setdefault(t.source, set()).add(t.target)
    for t in transitions:
        if t.target == PREVIOUS:
            # Back to wherever the order came from: every state with a way into the source.
            came_from = {s for s, targets in graph.items() if t.source in targets and s != t.source}
            graph.setdefault(t.source, set()).update(came_from)
    return graph


def _reach(start: str, graph: dict[str, set[str]]) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen
