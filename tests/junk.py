"""Feeding junk to public calls: what every robustness test of the model does."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from exportdocs import ValidationError


def outcomes(calls: Iterable[Callable[[], object]]) -> tuple[list[ValidationError], list[str]]:
    """Run each call; (the library's refusals, anything else that escaped, described)."""
    refused: list[ValidationError] = []
    escaped: list[str] = []
    for i, call in enumerate(calls):
        try:
            call()
        except ValidationError as exc:
            refused.append(exc)
        except Exception as exc:
            escaped.append(f"call {i}: {type(exc).__name__}: {exc}")
    return refused, escaped
