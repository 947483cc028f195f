"""`desktop-hr --help` and a mistyped command answer at once: they load neither Qt, SQLAlchemy, ReportLab
nor openpyxl (each costs a good part of a second to import), and the help still lists what the services
define."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_hr.models import Role
from desktop_hr.services.exchange import kinds

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("PySide6", "shiboken6", "sqlalchemy", "reportlab", "openpyxl", "python_calamine", "desktop_hr.views")

# Runs `desktop-hr ARGS` in a fresh interpreter and reports the exit code, what was printed and which
# heavy packages were imported by then.
_RUN = """
import contextlib, io, json, sys
from desktop_hr.cli import main
out, err = io.StringIO(), io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
    try:
        code = main(json.loads(sys.argv[1]))
    except SystemExit as done:
        code = done.code
heavy = json.loads(sys.argv[2])
loaded = sorted(n for n in sys.modules if any(n == h or n.startswith(h + ".") for h in heavy))
print(json.dumps({"code": code, "out": out.getvalue(), "err": err.getvalue(), "loaded": loaded}))
"""


def _desktop_hr(*args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _RUN, json.dumps(list(args)), json.dumps(HEAVY)],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("print", "--help"),
        ("account", "add", "--help"),
    ],
)
def test_help_loads_nothing_heavy(args: tuple[str, ...]) -> None:
    report = _desktop_hr(*args)
    assert report["code"] == 0
    assert "usage: desktop-hr" in str(report["out"])
    assert report["loaded"] == []


@pytest.mark.parametrize(
    "args",
    [
        ("import", "nonsense", "x.xlsx"),
        ("print", "archive", "-o", "x.pdf"),  # neither --employee nor --department
        ("account", "add", "someone", "--role", "boss"),
        ("--lang", "fr", "demo"),
    ],
)
def test_a_usage_error_exits_2_loading_nothing_heavy(args: tuple[str, ...]) -> None:
    report = _desktop_hr(*args)
    assert report["code"] == 2
    assert "usage: desktop-hr" in str(report["err"]) and "error:" in str(report["err"])
    assert report["loaded"] == []


def test_the_help_offers_every_kind_and_role_the_program_has() -> None:
    imports = str(_desktop_hr("import", "--help")["out"])
    roles = str(_desktop_hr("account", "add", "--help")["out"])
    assert all(name in imports for name in kinds())
    assert all(role.value in roles for role in Role)
