"""Every public write use case of `desktop_hr.services` asks `require()` for its permission.

The rule, read from the source (ast), so a new use case that forgets fails here:

- A *write use case* is a public (no leading underscore) module-level function of a `desktop_hr.services`
  module with a parameter annotated `UnitOfWork` (alone or in a union): the unit of work is how a service
  writes, and a function that only reads takes a `Session` instead.
- It passes when its body calls `require(...)` (or `permissions.require(...)`), or when it calls, by name,
  a function of the same module that passes (`mark_left` → `_set_status`, which asks).
- A public function that takes a `Database` and opens its own units of work (`.uow()` or `sign_in`-style
  bookkeeping) is a write path too; each is listed in DATABASE_WRITERS with why it needs no `require()`,
  so a new one fails until someone states why.

The guard (services/trust/guard.py) still checks every row written; `require()` is the refusal that comes
first, names what the account may not do, and covers writes the guard allows row by row (a department
head's point entries).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

SERVICES = Path(__file__).resolve().parents[2] / "desktop_hr" / "services"

# Public functions taking a Database that write, and why they do not call require() themselves.
DATABASE_WRITERS = {
    "trust/accounts.py:create_first_admin": "the first account of an empty database (refused once any exists)",
    "trust/accounts.py:sign_in": "signing in comes before any permission: its bookkeeping is the lock-out",
    "trust/accounts.py:sign_out": "records the sign-out of whoever is signed in",
    "trust/accounts.py:must_change_password": "reads the signed-in account's own flag; never commits",
    "trust/accounts.py:change_own_password": "everyone may change their own password (the old one checked)",
    "trust/audit.py:note": "an audit entry of its own, for an action the caller already checked",
    "demo/demo_file.py:make_demo": "builds a new demo file through fill_demo, which asks",
    "demo/points.py:fill_points": "demo data through award_manual and check_milestones, which ask",
    "demo/requirements.py:fill_onboarding": "demo data through the requirement use cases, which ask",
}


@dataclass(frozen=True)
class Function:
    module: str  # path under services/, e.g. "archive/employees.py"
    name: str
    node: ast.FunctionDef

    @property
    def key(self) -> str:
        return f"{self.module}:{self.name}"


def _annotations(node: ast.FunctionDef) -> list[str]:
    arguments = node.args
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    return [ast.unparse(a.annotation) for a in every if a.annotation is not None]


def _called_names(node: ast.FunctionDef) -> set[str]:
    """The functions `node` calls: bare names, and the last part of dotted ones (`permissions.require`)."""
    names = set()
    for call in ast.walk(node):
        if isinstance(call, ast.Call):
            if isinstance(call.func, ast.Name):
                names.add(call.func.id)
            elif isinstance(call.func, ast.Attribute):
                names.add(call.func.attr)
    return names


def _bare_calls(node: ast.FunctionDef) -> set[str]:
    return {c.func.id for c in ast.walk(node) if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)}


@cache
def _parsed() -> tuple[tuple[str, ast.Module], ...]:
    return tuple(_read())


def _modules() -> Iterator[tuple[str, ast.Module]]:
    yield from _parsed()


def _read() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(SERVICES.rglob("*.py")):
        yield path.relative_to(SERVICES).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _functions(tree: ast.Module, module: str) -> dict[str, Function]:
    return {
        node.name: Function(module, node.name, node)
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
    }


def _asks(function: Function, module: dict[str, Function], seen: frozenset[str] = frozenset()) -> bool:
    if "require" in _called_names(function.node):
        return True
    for name in _bare_calls(function.node) - seen - {function.name}:
        callee = module.get(name)
        if callee is not None and _asks(callee, module, seen | {function.name}):
            return True
    return False


def write_use_cases() -> list[tuple[Function, dict[str, Function]]]:
    found = []
    for module, tree in _modules():
        functions = _functions(tree, module)
        for function in functions.values():
            if function.name.startswith("_"):
                continue
            if any("UnitOfWork" in annotation for annotation in _annotations(function.node)):
                found.append((function, functions))
    return found


def database_writers() -> list[str]:
    found = []
    for module, tree in _modules():
        for function in _functions(tree, module).values():
            if function.name.startswith("_") or not any(
                a in {"Database", "db.Database"} for a in _annotations(function.node)
            ):
                continue
            source = ast.unparse(function.node)
            if ".uow(" in source or "uow(principal=" in source:
                found.append(function.key)
    return sorted(found)


def test_the_rule_finds_the_write_use_cases() -> None:
    keys = {function.key for function, _ in write_use_cases()}
    # A few of each kind, so a rule that found nothing (or only readers) fails here rather than passing.
    assert {
        "points/manual_awards.py:award_manual",
        "archive/employees.py:create_employee",
        "trust/accounts.py:create_account",
        "training/enrolment.py:enrol",
    } <= keys
    assert "points/manual_awards.py:manual_entries" not in keys  # takes a Session: a reader
    assert len(keys) >= 100


@pytest.mark.parametrize("key", [f.key for f, _ in write_use_cases()])
def test_every_write_use_case_asks_require(key: str) -> None:
    function, module = next((f, m) for f, m in write_use_cases() if f.key == key)
    asks = _asks(function, module)
    assert asks, (
        f"{key} takes a UnitOfWork (it writes) but never calls require(uow.principal, Permission.X), "
        "directly or through a function of its module"
    )


def test_every_public_function_that_opens_units_of_work_on_a_database_is_stated() -> None:
    assert database_writers() == sorted(DATABASE_WRITERS), (
        "a public function taking a Database writes through its own units of work: make it take a "
        "UnitOfWork and call require(), or state in DATABASE_WRITERS why it needs none"
    )
