"""How the code is laid out: the import graph of the package has no cycle, between modules
or between the package's parts (read, extract, store, statements, factcheck, ingest, ...).

Every import counts, also one inside a function (it runs sooner or later); only imports
for type checkers (under ``if TYPE_CHECKING:``) are left out. ``from package import
name`` depends on the module ``package.name`` when there is one, else on ``package``.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "quotes"


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imported(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules the module ``name`` imports."""
    tree = ast.parse(path.read_text("utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                base = ".".join(package[: len(package) - node.level + 1] + [base] * bool(base))
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return {module for module in found if module in known and module != name}


def graph(depth: int | None = None) -> dict[str, set[str]]:
    """Who imports whom: modules, or with ``depth`` their dotted names cut to that many
    parts (``quotes.store.save`` -> ``quotes.store`` at 2)."""
    known = modules()

    def part(module: str) -> str:
        return ".".join(module.split(".")[:depth]) if depth else module

    edges: dict[str, set[str]] = {}
    for name, path in known.items():
        for target in imported(name, path, known):
            if part(name) != part(target):
                edges.setdefault(part(name), set()).add(part(target))
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_itself_through_others():
    assert cycles(graph()) == []


def test_no_part_of_the_package_imports_itself_through_others():
    assert cycles(graph(2)) == []


def test_the_walk_finds_a_cycle_when_there_is_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert "quotes.store" in graph(2)["quotes.cli"]  # and it sees the real imports


def test_the_store_knows_nothing_of_spacy_nor_of_the_parts_above_it():
    above = {
        "quotes.extract",
        "quotes.statements",
        "quotes.factcheck",
        "quotes.ingest",
        "quotes.cli",
        "quotes.datasette",
    }
    assert not graph(2).get("quotes.store", set()) & above
