"""Sign-ins only while a session runs, through the command line: an imported sign-in a day (or 13 days) after
its session is a row error naming the row and the time, and nothing is written."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from databases import Location, fresh_database
from test_cli import run

HEADER = ["班次编号", "工号", "签到时间", "状态"]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Location]:
    with fresh_database(tmp_path_factory.mktemp("cli_sign_in"), "demo") as db:
        made = run("--db", db, "demo", "--employees", "40")
        assert made.returncode == 0, made.stderr
        yield db


def exported(demo_db: Location, path: Path) -> list[list[object]]:
    result = run("--db", demo_db, "export", "attendance", path)
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_the_demo_s_sign_ins_all_lie_within_their_windows_and_re_import(
    demo_db: Location, tmp_path: Path
) -> None:
    out = tmp_path / "all.xlsx"
    rows = exported(demo_db, out)
    again = run("--db", demo_db, "import", "attendance", out)
    assert again.returncode == 0, again.stderr
    assert f"未变 {len(rows) - 1} 条" in again.stdout


@pytest.mark.parametrize("days_late", [1, 13])
def test_an_imported_sign_in_after_the_session_is_refused_naming_row_and_time(
    demo_db: Location, tmp_path: Path, days_late: int
) -> None:
    rows = exported(demo_db, tmp_path / "before.xlsx")
    code, number, at, _status = next(r for r in rows[1:] if isinstance(r[2], datetime))
    assert isinstance(at, datetime)
    late = at + timedelta(days=days_late)
    path = tmp_path / "late.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    sheet.append([code, number, late, "出勤"])
    book.save(path)

    result = run("--db", demo_db, "import", "attendance", path)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "第2行" in result.stderr and f"{late:%Y-%m-%d %H:%M}" in result.stderr
    assert str(code) in result.stderr and "结束" in result.stderr
    assert exported(demo_db, tmp_path / "after.xlsx") == rows  # nothing written
