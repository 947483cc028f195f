"""`desktop-hr export training-effect` and `print training-effect` on a hand-built office: the fixed columns
read back, the PDF's text and pages read back, the print log, and bad input refused with a message."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from databases import Location, fresh_database
from effect_cases import SALES, negotiation_office
from pypdf import PdfReader
from signing import open_as_admin
from test_cli import run

from desktop_hr.excel.training_effect import TRAINING_EFFECT_HEADERS
from desktop_hr.services.records.print_log import print_log


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Location]:
    with fresh_database(tmp_path_factory.mktemp("effect"), "effect") as path:
        db = open_as_admin(path)
        try:
            negotiation_office(db)
        finally:
            db.dispose()
        yield path


def test_export_training_effect_for_a_year(office: Location, tmp_path: Path) -> None:
    out = tmp_path / "effect.xlsx"
    done = run("--db", office, "export", "training-effect", out, "--year", "2025")
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == TRAINING_EFFECT_HEADERS
    assert f"已导出 {len(rows) - 1} 行到 {out}" in done.stdout
    # One row per course and competency (by name: 沟通能力 before 谈判能力); 安全生产 has none, blanks at the end.
    assert rows[1:] == [
        ("C01", "谈判技巧", 2, 5, 80, 66.7, 50, 1, "沟通能力", 70, 75),
        ("C01", "谈判技巧", 2, 5, 80, 66.7, 50, 1, "谈判能力", 65, 82),
        ("C02", "安全生产", 1, 1, None, None, None, 0, None, None, None),
    ]
    assert all(isinstance(v, int | float) for v in rows[1][2:8])  # numbers stay numbers

    other_year = tmp_path / "2024.xlsx"
    assert run("--db", office, "export", "training-effect", other_year, "--year", "2024").returncode == 0
    assert len(list(openpyxl.load_workbook(other_year).worksheets[0].iter_rows())) == 1  # the header only


def test_year_is_refused_for_other_exports(office: Location, tmp_path: Path) -> None:
    done = run("--db", office, "export", "points-ledger", tmp_path / "x.xlsx", "--year", "2025")
    assert done.returncode == 2
    assert "training-effect" in done.stderr and "requirements" in done.stderr


def _read(path: Path) -> tuple[str, int]:
    reader = PdfReader(path)
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def test_print_the_training_effect_report(office: Location, tmp_path: Path) -> None:
    out = tmp_path / "effect.pdf"
    done = run("--db", office, "print", "training-effect", "--year", "2025", "-o", out)
    assert done.returncode == 0, done.stderr
    text, pages = _read(out)
    assert f"（{pages} 页）" in done.stdout and pages >= 1
    for expected in (
        "培训效果报告（2025 年度）",
        "谈判技巧",
        "安全生产",
        "反应层",
        "学习层",
        "行为层",
        "结果层",
    ):
        assert expected in text
    assert "谈判能力 65.0 → 82.0（未参训 60.7 → 65.3）" in text.replace("\n", "")
    assert "66.7%" in text and "50%" in text
    db = open_as_admin(office)
    try:
        with db.read_session() as s:
            entry = print_log(s)[0]
    finally:
        db.dispose()
    assert (entry.document, entry.subject, entry.pages) == ("training-effect", "全部课程", pages)


def test_print_one_course_for_a_department(office: Location, tmp_path: Path) -> None:
    out = tmp_path / "sales.pdf"
    done = run(
        "--db",
        office,
        "print",
        "training-effect",
        "--year",
        "2025",
        "--course",
        "C01",
        "--department",
        SALES,
        "-o",
        out,
    )
    assert done.returncode == 0, done.stderr
    text, _pages = _read(out)
    flat = text.replace("\n", "")
    assert "谈判能力 65.0 → 82.0（未参训 66.0 → 68.0）" in flat
    assert SALES in flat and "安全生产" not in flat
    assert Decimal("85.0") == Decimal(flat.split("讲师满意度 ")[1][:4])


def test_an_unknown_course_or_department_is_a_clear_message(office: Location, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    course = run("--db", office, "print", "training-effect", "--course", "C99", "-o", out)
    assert course.returncode == 1 and "C99" in course.stderr
    department = run("--db", office, "print", "training-effect", "--department", "总公司/无此部门", "-o", out)
    assert department.returncode == 1 and "总公司/无此部门" in department.stderr
    assert not out.exists()
