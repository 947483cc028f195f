"""`desktop-hr export requirements` and `print eligibility` / `print requirement-report` on a demo database: the
fixed export, both PDFs read back, the verdicts kept in the print log, and bad input refused with a message."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from databases import Location, fresh_database
from pypdf import PdfReader
from signing import open_as_admin
from sqlalchemy import select
from test_cli import run

from desktop_hr.excel.requirements import REQUIREMENTS_HEADERS
from desktop_hr.models import Employee, EmployeeStatus, PersonnelCategory
from desktop_hr.services.archive.organisation import department_paths
from desktop_hr.services.records.print_log import print_log

YEAR = date.today().year  # the demo's year: it is filled up to today


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Location]:
    with fresh_database(tmp_path_factory.mktemp("demo"), "demo") as path:
        done = run("--db", path, "demo", "--employees", "60")
        assert done.returncode == 0, done.stderr
        yield path


def _professional(path: Location) -> tuple[str, str, str]:
    """工号, name and department path of the first professional employee still working here."""
    db = open_as_admin(path)
    try:
        with db.read_session() as s:
            employee = s.scalars(
                select(Employee)
                .where(
                    Employee.category == PersonnelCategory.PROFESSIONAL,
                    Employee.status != EmployeeStatus.LEFT,
                )
                .order_by(Employee.employee_no)
            ).first()
            assert employee is not None and employee.department_id is not None
            return employee.employee_no, employee.name, department_paths(s)[employee.department_id]
    finally:
        db.dispose()


def _read(path: Path) -> tuple[str, int]:
    reader = PdfReader(path)
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def test_export_requirements_for_a_year(demo: Location, tmp_path: Path) -> None:
    out = tmp_path / "requirements.xlsx"
    done = run("--db", demo, "export", "requirements", out, "--year", str(YEAR))
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert tuple(rows[0]) == REQUIREMENTS_HEADERS
    assert f"已导出 {len(rows) - 1} 行到 {out}" in done.stdout
    assert {row[4] for row in rows[1:]} == {YEAR}
    assert {row[5] for row in rows[1:]} == {"是", "否"}  # the demo has people on both sides
    assert all(row[6] for row in rows[1:] if row[5] == "否")  # every "no" says what is missing
    assert "试用期转正" in {row[3] for row in rows[1:]}  # the demo runs the onboarding checklist

    default = tmp_path / "default.xlsx"
    assert run("--db", demo, "export", "requirements", default).returncode == 0
    again = [list(r) for r in openpyxl.load_workbook(default).worksheets[0].iter_rows(values_only=True)]
    assert again == rows  # without --year: this year


def test_print_the_eligibility_list(demo: Location, tmp_path: Path) -> None:
    _no, _name, department = _professional(demo)
    out = tmp_path / "list.pdf"
    done = run(
        "--db", demo, "print", "eligibility", "--requirement", "职称评定", "--year", str(YEAR), "-o", out
    )
    assert done.returncode == 0, done.stderr
    text, pages = _read(out)
    assert f"已保存 {out}（{pages} 页）" in done.stdout
    assert f"{YEAR} 年度职称评定达标名单" in text and "专业技术人员" in text and "人事部门签字" in text
    assert department in text

    narrowed = tmp_path / "one.pdf"
    done = run(
        "--db",
        demo,
        "print",
        "eligibility",
        "--requirement",
        "职称评定",
        "--year",
        str(YEAR),
        "--department",
        department,
        "-o",
        narrowed,
    )
    assert done.returncode == 0, done.stderr
    assert f"范围：\n{department}" in _read(narrowed)[0]

    db = open_as_admin(demo)
    try:
        with db.read_session() as s:
            logged = [row for row in print_log(s) if row.document == "eligibility-list"]
    finally:
        db.dispose()
    assert len(logged) == 2
    assert logged[0].subject == f"职称评定（{department}）"
    assert logged[0].details.startswith(
        f"职称评定 {YEAR} 年度：达标 "
    )  # what the paper said, person by person


def test_print_a_requirement_report(demo: Location, tmp_path: Path) -> None:
    no, name, _department = _professional(demo)
    out = tmp_path / "report.pdf"
    done = run("--db", demo, "print", "requirement-report", "--employee", no, "--year", str(YEAR), "-o", out)
    assert done.returncode == 0, done.stderr
    text, pages = _read(out)
    assert pages >= 1 and f"已保存 {out}（{pages} 页）" in done.stdout
    joined = text.replace("\n", "")  # a long requirement name wraps in its cell
    for expected in (
        f"{YEAR} 年度职称资格报告",
        name,
        "专业科目",
        "职称评定",
        "专业技术人员继续教育",
        "本人签字",
    ):
        assert expected in joined, expected


def test_bad_input_is_refused_with_a_message(demo: Location, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    unknown = run(
        "--db", demo, "print", "eligibility", "--requirement", "不存在的要求", "--year", "2026", "-o", out
    )
    assert unknown.returncode == 1
    assert "找不到达标规则：不存在的要求" in unknown.stderr
    nobody = run(
        "--db", demo, "print", "requirement-report", "--employee", "99999", "--year", "2026", "-o", out
    )
    assert nobody.returncode == 1
    assert "找不到员工：99999" in nobody.stderr
    nowhere = run(
        "--db",
        demo,
        "print",
        "eligibility",
        "--requirement",
        "职称评定",
        "--year",
        "2026",
        "--department",
        "总公司/无此部门",
        "-o",
        out,
    )
    assert nowhere.returncode == 1 and "总公司/无此部门" in nowhere.stderr
    assert not out.exists()  # nothing half-written

    year = run(
        "--db", demo, "print", "requirement-report", "--employee", "00001", "--year", "20266", "-o", out
    )
    assert year.returncode == 2 and "20266" in year.stderr
    wrong_kind = run("--db", demo, "export", "employees", tmp_path / "e.xlsx", "--year", "2026")
    assert wrong_kind.returncode == 2 and "--year 只用于 export requirements" in wrong_kind.stderr
    missing = run("--db", demo, "print", "eligibility", "--year", "2026", "-o", out)
    assert missing.returncode == 2 and "--requirement" in missing.stderr
