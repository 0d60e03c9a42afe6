"""The import graph of geokg: no cycle among its modules, and `geokg.graph` depends on nothing
above it (DESIGN.md, Layout). Every import counts, at module level or inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[1] / "geokg"
ABOVE_GRAPH = ("geokg.loaders", "geokg.extract", "geokg.queries", "geokg.exports")


def module_names() -> dict[str, Path]:
    """Every module of geokg by dotted name (a package by its own name)."""
    names = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def imported(path: Path, name: str, modules: set[str]) -> set[str]:
    """The geokg modules that the module `name` at `path` imports, anywhere in its code.
    `from a.b import c` names the module `a.b.c` when there is one, else `a.b`."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return {n for n in found if n in modules and n != name}


def import_graph() -> nx.DiGraph:
    modules = module_names()
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        graph.add_edges_from((name, target) for target in imported(path, name, set(modules)))
    return graph


def test_the_walk_sees_function_level_and_from_package_imports():
    graph = import_graph()
    assert graph.has_edge("geokg.cli", "geokg.pipeline")  # imported inside a command
    assert graph.has_edge("geokg.cli", "geokg.output")  # `from geokg import output`
    assert graph.has_edge("geokg.graph.embedded", "geokg.graph.model")


def test_no_import_cycle_among_geokg_modules():
    cycles = sorted(sorted(c) for c in nx.simple_cycles(import_graph()))
    assert cycles == [], "import cycles: " + "; ".join(" <-> ".join(c) for c in cycles)


def test_graph_imports_nothing_above_it():
    graph = import_graph()
    wrong = sorted((source, target) for source, target in graph.edges
                   if source.startswith("geokg.graph") and target.startswith(ABOVE_GRAPH))
    assert wrong == []
