"""Layer rule: Qt (PySide6) lives in desktop_hr/views/ only; the command line (desktop_hr/cli/__init__.py) may
reach the views lazily, inside a function."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "desktop_hr"
REPO = PACKAGE_DIR.parent
VIEWS_DIR = PACKAGE_DIR / "views"
# The one entry point allowed to open the window: it imports the views inside a function.
QT_ENTRY_POINT = PACKAGE_DIR / "cli" / "__init__.py"
# Alembic's env.py only runs inside `alembic upgrade` (it refuses to be imported on its own);
# cli/__main__.py would start the program. Both are still checked by the AST test.
NOT_IMPORTABLE = {PACKAGE_DIR / "migrations" / "env.py", PACKAGE_DIR / "cli" / "__main__.py"}
QT_PACKAGES = ("PySide6", "shiboken6", "desktop_hr.views")


def _is_qt(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in QT_PACKAGES)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _non_view_modules() -> list[Path]:
    return sorted(
        path
        for path in PACKAGE_DIR.rglob("*.py")
        if VIEWS_DIR not in path.parents and "__pycache__" not in path.parts
    )


def _resolve_relative(path: Path, node: ast.ImportFrom) -> str:
    """The absolute module of `from ..x import y` as written in `path`."""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package.pop()
    base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
    return ".".join([*base, node.module] if node.module else base)


class _QtImportFinder(ast.NodeVisitor):
    """Collects every import of Qt in a module, noting whether it runs at import time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.found: list[tuple[int, str, bool]] = []  # (line, module, inside a function)
        self._function_depth = 0
        self._type_checking_depth = 0

    def _record(self, line: int, module: str) -> None:
        if _is_qt(module) and not self._type_checking_depth:
            self.found.append((line, module, self._function_depth > 0))

    def _visit_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        self._function_depth += 1
        self.generic_visit(node)
        self._function_depth -= 1

    visit_FunctionDef = _visit_function
    visit_AsyncFunctionDef = _visit_function
    visit_Lambda = _visit_function

    def visit_If(self, node: ast.If) -> None:
        # `if TYPE_CHECKING:` imports never run; only the command line is allowed to rely on that.
        test = node.test
        is_type_checking = (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
        )
        if is_type_checking and self.path == QT_ENTRY_POINT:
            self._type_checking_depth += 1
            for child in node.body:
                self.visit(child)
            self._type_checking_depth -= 1
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._record(node.lineno, alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = _resolve_relative(self.path, node) if node.level else (node.module or "")
        if _is_qt(module):
            self._record(node.lineno, module)
            return
        for alias in node.names:  # `from desktop_hr import views`
            self._record(node.lineno, f"{module}.{alias.name}")

    def visit_Call(self, node: ast.Call) -> None:
        # importlib.import_module("PySide6.QtWidgets") / __import__("PySide6") count as imports too.
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name in {"import_module", "__import__"} and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                self._record(node.lineno, first.value)
        self.generic_visit(node)


def test_the_package_has_modules_to_check() -> None:
    # Guards the tests below against passing vacuously after a move or rename.
    assert len(_non_view_modules()) >= 10


def test_no_module_outside_views_imports_qt() -> None:
    offenders: list[str] = []
    for path in _non_view_modules():
        finder = _QtImportFinder(path)
        finder.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        for line, module, in_function in finder.found:
            if path == QT_ENTRY_POINT and in_function:
                continue  # the entry point opens the window lazily: allowed
            where = "inside a function" if in_function else "at import time"
            offenders.append(f"{path.relative_to(REPO)}:{line} imports {module} ({where})")
    assert not offenders, "Qt is imported outside desktop_hr/views/:\n" + "\n".join(offenders)


_IMPORT_ALL = """
import importlib, importlib.util, json, sys
names, files = json.loads(sys.argv[1]), json.loads(sys.argv[2])
pulled_in = []
for name in names:
    importlib.import_module(name)
    if "PySide6" in sys.modules:
        pulled_in.append(name)
        break
for index, path in enumerate(files):
    if pulled_in:
        break
    spec = importlib.util.spec_from_file_location(f"_layer_check_{index}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if "PySide6" in sys.modules:
        pulled_in.append(path)
print(json.dumps({"pulled_in": pulled_in, "qt_loaded": "PySide6" in sys.modules, "count": len(names) + len(files)}))
"""


def test_importing_every_non_view_module_loads_no_qt() -> None:
    names: list[str] = []
    scripts: list[str] = []  # Alembic revision scripts: files, not a package
    for path in _non_view_modules():
        if path in NOT_IMPORTABLE:
            continue
        if (path.parent / "__init__.py").exists():
            names.append(_module_name(path))
        else:
            scripts.append(str(path))
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL, json.dumps(names), json.dumps(scripts)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["count"] == len(names) + len(scripts)
    assert not report["qt_loaded"], f"importing {report['pulled_in']} loaded PySide6"
