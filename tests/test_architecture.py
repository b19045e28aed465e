"""The package's shape: no loose modules at the top, no import circles between modules."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "tiip_writer"
TOP_LEVEL_ALLOWED = {"__init__.py", "__main__.py"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """Return the tiip_writer modules `path` imports, at any depth (lazy imports count too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from pkg import mod` imports pkg.mod when that is a module, else a name of pkg
            names = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in modules
                     else node.module for a in node.names]
        else:
            continue
        found.update(name for name in names if name in modules)
    return found


def import_graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py") if "_data" not in p.parts}
    modules = set(files)
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        targets = _imports(path, modules)
        # importing a.b.c runs a/__init__ and a/b/__init__ first
        targets |= {".".join(t.split(".")[:i]) for t in set(targets)
                    for i in range(2, t.count(".") + 1)}
        graph[name] = {t for t in targets if t != name and not name.startswith(t + ".")}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """Return one import circle as a list of modules, or None."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target):], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_no_loose_modules_at_the_top_of_the_package() -> None:
    loose = {p.name for p in PACKAGE.glob("*.py")} - TOP_LEVEL_ALLOWED
    assert not loose, f"put these in the package of their stage: {sorted(loose)}"


def test_every_package_says_what_it_takes_and_gives() -> None:
    for init in PACKAGE.glob("*/__init__.py"):
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring and len(docstring) > 40, f"{init} needs a docstring"


def test_no_import_circle() -> None:
    assert find_cycle(import_graph()) is None


def test_the_circle_finder_finds_a_circle() -> None:
    # the test above is only worth something if a real circle would be reported
    graph = import_graph()
    graph["tiip_writer.foundation.diagnostics"] = {"tiip_writer.checking.pipeline"}
    cycle = find_cycle(graph)
    assert cycle is not None and cycle[0] == cycle[-1]
