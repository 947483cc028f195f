"""`desktop-hr print ...` on a demo database: each record document saved as a PDF that reads back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from databases import Location, fresh_database
from pypdf import PdfReader
from signing import open_as_admin
from sqlalchemy import select
from test_cli import run

from desktop_hr.models import Employee, TrainingSession
from desktop_hr.services.archive.organisation import department_tree


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Location]:
    with fresh_database(tmp_path_factory.mktemp("demo"), "demo") as path:
        done = run("--db", path, "demo", "--employees", "60")
        assert done.returncode == 0, done.stderr
        yield path


def _facts(path: Location) -> tuple[str, str, str, str]:
    """A finished session with people, an employee, a department with sub-departments and its path."""
    db = open_as_admin(path)
    try:
        with db.read_session() as s:
            session = s.scalars(
                select(TrainingSession.code)
                .where(TrainingSession.status == "finished")
                .order_by(TrainingSession.code)
            ).first()
            employee = s.scalars(select(Employee).order_by(Employee.employee_no)).first()
            assert session is not None and employee is not None
            branch = next(node for node in department_tree(s) if node.depth == 1)
            return session, employee.employee_no, employee.name, branch.path_names
    finally:
        db.dispose()


def _read(path: Path) -> tuple[str, int]:
    reader = PdfReader(path)
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def test_sign_in_sheet_filled_and_blank(demo: Location, tmp_path: Path) -> None:
    code, _no, _name, _dept = _facts(demo)
    out = tmp_path / "x.pdf"
    done = run("--db", demo, "print", "sign-in-sheet", "--session", code, "-o", out)
    assert done.returncode == 0, done.stderr
    text, pages = _read(out)
    assert f"已保存 {out}（{pages} 页）" in done.stdout
    assert "培训签到表" in text and code in text and "本人签名" in text
    blank = tmp_path / "blank.pdf"
    done = run("--db", demo, "print", "sign-in-sheet", "--session", code, "--blank", "-o", blank)
    assert done.returncode == 0, done.stderr
    assert "培训签到表（空白）" in _read(blank)[0]


def test_every_other_document(demo: Location, tmp_path: Path) -> None:
    code, no, name, dept = _facts(demo)
    commands = {
        "archive.pdf": (["archive", "--employee", no], ("员工培训档案卡", name)),
        "cards.pdf": (["archive", "--department", dept], ("员工培训档案卡", dept)),
        "report.pdf": (["session-report", "--session", code], ("培训班次总结报告", code)),
        "points.pdf": (["points-statement", "--employee", no, "--year", "2026"], ("员工积分对账单", name)),
        "span.pdf": (
            ["points-statement", "--employee", no, "--from", "2026-03-01", "--to", "2026-06-30"],
            ("2026-03-01 至 2026-06-30",),
        ),
        "dept.pdf": (
            ["department-report", "--department", dept, "--year", "2026"],
            ("2026 年度部门培训报告", dept),
        ),
    }
    for file, (args, expected) in commands.items():
        out = tmp_path / file
        done = run("--db", demo, "print", *args, "-o", out)
        assert done.returncode == 0, (file, done.stderr)
        text, _pages = _read(out)
        for piece in expected:
            assert piece in text, (file, piece)


def test_unknown_session_or_department_is_a_clear_message(demo: Location, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    done = run("--db", demo, "print", "session-report", "--session", "NOPE", "-o", out)
    assert done.returncode == 1 and "找不到培训班次：NOPE" in done.stderr
    done = run(
        "--db",
        demo,
        "print",
        "department-report",
        "--department",
        "总公司/无此部门",
        "--year",
        "2026",
        "-o",
        out,
    )
    assert done.returncode == 1 and "找不到部门：总公司/无此部门" in done.stderr
    assert not out.exists()
