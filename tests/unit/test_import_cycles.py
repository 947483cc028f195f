"""No import cycle between desktop_hr modules, and `db.py` knows no service.

Every module under desktop_hr/ is parsed with `ast`; an import counts wherever it is written, at the top
or inside a function (a function-level import only postpones the cycle to the first call). Imports under
`if TYPE_CHECKING:` are left out: they never run, they only name types for mypy.

`from desktop_hr.x import y` counts as importing `desktop_hr.x.y` when y is a submodule, else as
importing `desktop_hr.x`; importing a package counts as importing its `__init__`.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterator
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "desktop_hr"
REPO = PACKAGE_DIR.parent
ROOT = PACKAGE_DIR.name


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def _modules() -> dict[str, Path]:
    """Every importable module of the package by dotted name (Alembic's revision scripts are files, not
    modules: they are loaded by path and import nothing of ours that could lead back to them)."""
    found: dict[str, Path] = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        if "__pycache__" in path.parts or not (path.parent / "__init__.py").exists():
            continue
        found[_module_name(path)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _package_of(name: str, path: Path) -> list[str]:
    parts = name.split(".")
    return parts if path.name == "__init__.py" else parts[:-1]


class _Imports(ast.NodeVisitor):
    """The desktop_hr modules one module imports, at any depth except `if TYPE_CHECKING:`."""

    def __init__(self, name: str, path: Path) -> None:
        self.name = name
        self.path = path
        self.found: dict[str, int] = {}  # imported module -> first line

    def _add(self, module: str, line: int) -> None:
        modules = _modules()
        # `import desktop_hr.a.b.C`-like spellings do not exist; the longest known prefix is the module.
        while module and module not in modules:
            module = module.rpartition(".")[0]
        if module and module != self.name:
            self.found.setdefault(module, line)

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name == ROOT or alias.name.startswith(ROOT + "."):
                self._add(alias.name, node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            package = _package_of(self.name, self.path)
            base = package[: len(package) - (node.level - 1)]
            source = ".".join([*base, node.module] if node.module else base)
        else:
            source = node.module or ""
        if source != ROOT and not source.startswith(ROOT + "."):
            return
        for alias in node.names:
            submodule = f"{source}.{alias.name}"
            self._add(submodule if submodule in _modules() else source, node.lineno)

    def visit_Call(self, node: ast.Call) -> None:
        # importlib.import_module("desktop_hr.x") / __import__("desktop_hr.x") are imports too.
        func = node.func
        called = (
            func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        )
        if called in {"import_module", "__import__"} and node.args:
            first = node.args[0]
            if (
                isinstance(first, ast.Constant)
                and isinstance(first.value, str)
                and (first.value == ROOT or first.value.startswith(ROOT + "."))
            ):
                self._add(first.value, node.lineno)
        self.generic_visit(node)


@cache
def _graph() -> dict[str, dict[str, int]]:
    graph: dict[str, dict[str, int]] = {}
    for name, path in _modules().items():
        visitor = _Imports(name, path)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        graph[name] = visitor.found
    return graph


def _strongly_connected(graph: dict[str, dict[str, int]]) -> Iterator[list[str]]:
    """Tarjan's algorithm, iterative (the graph is a few hundred modules deep at most)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component: list[str] = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    yield sorted(component)


def _a_cycle(graph: dict[str, dict[str, int]], members: list[str]) -> list[str]:
    """The shortest loop from the group's first module back to itself, to name in the failure."""
    inside = set(members)
    start = members[0]
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for child in sorted(graph[node]):
                if child == start:
                    loop = [node]
                    while loop[-1] != start:
                        loop.append(came_from[loop[-1]])
                    return [start, *reversed(loop[:-1]), start] if node != start else [start, start]
                if child in inside and child not in came_from:
                    came_from[child] = node
                    following.append(child)
        frontier = following
    raise AssertionError(f"{members} is not a cycle")


def _describe(graph: dict[str, dict[str, int]], loop: list[str]) -> str:
    steps = [f"{a} (line {graph[a][b]}) -> {b}" for a, b in itertools.pairwise(loop)]
    return "\n    ".join(steps)


def _reachable(graph: dict[str, dict[str, int]], start: str) -> dict[str, list[str]]:
    """Every module `start` imports, directly or through others, with the chain that leads there."""
    chains = {start: [start]}
    todo = [start]
    while todo:
        node = todo.pop()
        for child in sorted(graph[node]):
            if child not in chains:
                chains[child] = [*chains[node], child]
                todo.append(child)
    return chains


def test_the_graph_sees_the_package() -> None:
    graph = _graph()
    assert len(graph) >= 100
    # Guards against passing vacuously: known edges, one at the top and one inside a function.
    assert "desktop_hr.models" in graph["desktop_hr.services.trust.guard"]
    assert "desktop_hr.views.app" in graph["desktop_hr.cli"]
    assert "desktop_hr.cli.records" in graph["desktop_hr.cli"]  # through importlib.import_module("...")


def test_the_cycle_finder_finds_a_cycle_through_a_function_level_import() -> None:
    graph = {"a": {"b": 1}, "b": {"c": 3}, "c": {"a": 7}, "d": {"a": 1}}
    groups = [group for group in _strongly_connected(graph) if len(group) > 1]
    assert groups == [["a", "b", "c"]]
    assert _a_cycle(graph, groups[0]) == ["a", "b", "c", "a"]


def test_no_import_cycle_inside_desktop_hr() -> None:
    graph = _graph()
    cycles = [group for group in _strongly_connected(graph) if len(group) > 1]
    report = [
        f"{len(group)} modules import each other: {', '.join(group)}\n  e.g.\n    "
        + _describe(graph, _a_cycle(graph, group))
        for group in cycles
    ]
    assert not cycles, "import cycles:\n" + "\n".join(report)


def test_db_imports_no_service() -> None:
    """db.py is the store: the guard, the migrations and the opener sit above it, not inside it."""
    chains = _reachable(_graph(), "desktop_hr.db")
    services = sorted(name for name in chains if name.startswith("desktop_hr.services"))
    assert not services, "desktop_hr.db reaches services:\n" + "\n".join(
        " -> ".join(chains[name]) for name in services
    )
