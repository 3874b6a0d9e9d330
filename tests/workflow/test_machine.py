"""The machine as data: definition-time checks of a table, the real table, the dot drawing."""

from __future__ import annotations

import pytest

from exportdocs import ValidationError
from exportdocs.workflow import (
    MACHINE,
    PREVIOUS,
    Guard,
    Machine,
    State,
    StateSpec,
    Transition,
)
from exportdocs.workflow._events import EVENT_TYPES


def _ok(data: object, event: object) -> str | None:
    return None


S = StateSpec


def test_the_real_machine_has_one_initial_state_and_two_final_ones() -> None:
    assert (MACHINE.initial.name, [s.name for s in MACHINE.finals]) == (
        "new",
        ["closed", "cancelled"],
    )
    assert [s.value for s in State] == [s.name for s in MACHINE.states]


def test_every_event_class_has_transitions() -> None:
    assert {cls.kind for cls in EVENT_TYPES.values()} == {t.event for t in MACHINE.transitions}


@pytest.mark.parametrize(
    ("states", "transitions", "message", "path"),
    [
        (
            [S("a", "A", initial=True), S("b", "B", initial=True), S("z", "Z", final=True)],
            [Transition("a", "go", "z"), Transition("b", "go", "z")],
            "exactly one initial state",
            "states",
        ),
        (
            [S("a", "A", initial=True), S("b", "B"), S("z", "Z", final=True)],
            [Transition("a", "go", "z"), Transition("b", "go", "z")],
            "cannot be reached from the initial state 'a'",
            "states",
        ),
        (
            [S("a", "A", initial=True), S("b", "B"), S("c", "C"), S("z", "Z", final=True)],
            [
                Transition("a", "go", "b"),
                Transition("a", "end", "z"),
                Transition("b", "go", "c"),
                Transition("c", "go", "b"),
            ],
            "trap state: no final state can be reached from it",
            "states",
        ),
        (
            [S("a", "A", initial=True), S("z", "Z", final=True)],
            [Transition("a", "go", "z"), Transition("z", "again", "a")],
            "a final state has no way out",
            "transitions[1].source",
        ),
        (
            [S("a", "A", initial=True), S("z", "Z", final=True)],
            [Transition("a", "go", "y")],
            "unknown state",
            "transitions[0].target",
        ),
        (
            [S("a", "A", initial=True), S("z", "Z", final=True)],
            [Transition("a", "go", "z", ("missing",))],
            "unknown guard",
            "transitions[0].guards",
        ),
        (
            [S("a", "A", initial=True), S("b", "B"), S("z", "Z", final=True)],
            [Transition("a", "go", "b"), Transition("a", "go", "z"), Transition("b", "go", "z")],
            "never taken: an earlier alternative for the same state and event has no guard",
            "transitions[1]",
        ),
    ],
)
def test_a_broken_table_is_rejected_at_definition_time(
    states: list[StateSpec], transitions: list[Transition], message: str, path: str
) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        Machine.define(states, transitions, [Guard("ok", "always", _ok)])
    assert path in [p.path for p in info.value.problems]


def test_a_broken_table_reports_every_problem_at_once() -> None:
    with pytest.raises(ValidationError) as info:
        Machine.define(
            [S("a", "A"), S("b", "B")],
            [Transition("a", "go", "nowhere"), Transition("a", "fly", "b")],
            events=["go"],
        )
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("states", "a machine needs exactly one initial state"),
        ("states", "a machine needs at least one final state"),
        ("transitions[0].target", "unknown state"),
        ("transitions[1].event", "unknown event"),
    ]


def test_the_real_table_with_a_dead_end_is_rejected() -> None:
    broken = [t for t in MACHINE.transitions if t.source != "shipped"]
    with pytest.raises(ValidationError, match="trap state") as info:
        Machine.define(MACHINE.states, broken, MACHINE.guards.values())
    assert "shipped" in [p.value for p in info.value.problems]


def test_previous_is_drawn_as_a_dashed_loop_in_dot() -> None:
    machine: Machine[object, object] = Machine.define(
        [S("a", "A", initial=True), S("h", "Held"), S("z", "Z", final=True)],
        [
            Transition("a", "hold", "h"),
            Transition("h", "resume", PREVIOUS),
            Transition("a", "go", "z"),
        ],
    )
    assert '"h" -> "h" [label="resume (back)", style=dashed];' in machine.to_dot()


def test_a_state_is_read_from_its_value() -> None:
    assert State.parse(" Confirmed ") is State.CONFIRMED
    with pytest.raises(ValidationError, match="unknown order state; use one of new, inquiry, "):
        State.parse("shipping")
