"""The layout holds: layers import only downwards, no import cycles, no god modules.

These tests read the source (an AST walk, nothing is imported), so they describe the
code as written, including imports inside functions and under ``TYPE_CHECKING``.
``docs/architecture.md`` explains the layers; this file is the rule that keeps them.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
PACKAGE = SRC / "exportdocs"
MAX_LINES = 600

#: Which layers each layer may import at run time (imports under TYPE_CHECKING are free
#: of this rule: they only name types). The model is every module at the package root.
ALLOWED: dict[str, frozenset[str]] = {
    "model": frozenset({"model"}),
    "render": frozenset({"model", "render"}),
    "costing": frozenset({"model", "costing"}),
    "workflow": frozenset({"model", "workflow"}),
    "samples": frozenset({"model", "costing", "samples"}),
    "orderfile": frozenset({"model", "costing", "samples", "orderfile"}),
    "documents": frozenset({"model", "costing", "render", "samples", "documents"}),
    "cli": frozenset(
        {"front", "model", "render", "costing", "workflow", "samples", "orderfile", "documents"}
        | {"cli"}
    ),
    # The front door re-exports the model; the capability names it offers are imported
    # lazily by name (PEP 562), never by an import statement.
    "front": frozenset({"model", "front"}),
}
PACKAGES = {"render", "costing", "workflow", "orderfile", "documents", "cli"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer(module: str) -> str:
    parts = module.split(".")
    if module == "exportdocs":
        return "front"
    if parts[1] in PACKAGES:
        return parts[1]
    if parts[1] == "samples":
        return "samples"
    if parts[1] == "__main__":
        return "cli"
    return "model"


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def imports(module: str) -> Iterator[tuple[str, int, bool]]:
    """(imported module, line, under TYPE_CHECKING) for every import of a project module."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = _type_checking_lines(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                # `from exportdocs.costing import _forward` imports a module, not a name.
                candidate = f"{base}.{alias.name}"
                targets.append(candidate if candidate in MODULES else base)
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target.startswith("exportdocs"):
                yield target, node.lineno, node.lineno in typing_only


GRAPH = {m: sorted({t for t, _, _ in imports(m) if t != m}) for m in MODULES}


def test_the_walk_sees_the_imports() -> None:
    # A guard against a walk that finds nothing and so passes everything.
    assert "exportdocs._money" in GRAPH["exportdocs._contract"]
    assert "exportdocs.costing" in GRAPH["exportdocs.documents"]
    assert len(MODULES) > 40


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_layer_imports_only_what_is_below_it(module: str) -> None:
    allowed = ALLOWED[layer(module)]
    wrong = [
        f"line {line}: {target} ({layer(target)})"
        for target, line, typing_only in imports(module)
        if not typing_only and layer(target) not in allowed
    ]
    assert not wrong, f"{module} ({layer(module)}) imports from above: {wrong}"


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, []):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_two_modules_import_each_other() -> None:
    # Every import counts here, lazy and type-only ones included.
    assert _cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}) == [["a", "b", "c"]]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_over_600_lines(module: str) -> None:
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module}: {lines} lines; split it by concept"


# -- no documentation reaches into the internals ---------------------------------------------

_PRIVATE = re.compile(r"exportdocs(?:\.[a-z]\w*)*\._[a-z]\w*")


def _documentation() -> Iterator[tuple[str, str]]:
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "examples").glob("*.py")):
        yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "examples").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        yield path.relative_to(ROOT).as_posix(), "\n".join("".join(c["source"]) for c in cells)
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)):
                doc = ast.get_docstring(node)
                if doc:
                    yield f"{module} ({getattr(node, 'name', 'module')})", doc


def test_docs_examples_and_docstrings_name_only_public_modules() -> None:
    found = [
        f"{where}: {match}"
        for where, text in _documentation()
        for match in sorted(set(_PRIVATE.findall(text)))
    ]
    assert found == []


def test_the_private_name_pattern() -> None:
    assert _PRIVATE.findall("from exportdocs._packing import Packing") == ["exportdocs._packing"]
    assert _PRIVATE.findall("exportdocs.costing._forward") == ["exportdocs.costing._forward"]
    assert _PRIVATE.findall("exportdocs.costing.quote, exportdocs.__version__") == []
