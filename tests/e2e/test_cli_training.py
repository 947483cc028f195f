"""Training data through the command line: every kind exports, re-imports unchanged, and refuses bad rows."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest
from databases import Location, fresh_database
from test_cli import run

from desktop_hr.excel.reader import read_sheet
from desktop_hr.services.exchange import kind_names, kinds

TRAINING_KINDS = [k for k in kind_names() if k != "employees"]


def figure(text: str, unit: str, before: str = "") -> int:
    found = re.search(rf"{before}(\d+) ?{unit}", text)
    assert found is not None, text
    return int(found.group(1))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Location]:
    with fresh_database(tmp_path_factory.mktemp("cli"), "demo") as db:
        made = run("--db", db, "demo", "--employees", "80")
        assert made.returncode == 0, made.stderr
        yield db


def test_every_kind_on_the_command_line_is_registered() -> None:
    assert set(kinds()) == set(kind_names())


def test_demo_reports_a_year_of_training(new_database: Callable[[str], Location]) -> None:
    again = run("--db", new_database("second"), "demo", "--employees", "80")
    assert again.returncode == 0, again.stderr
    assert figure(again.stdout, "门课程") >= 10
    assert figure(again.stdout, "个培训班次") >= 40  # a year of sessions, about one a week
    assert figure(again.stdout, "人次签到") > 500
    assert figure(again.stdout, "份提交") > 0 and figure(again.stdout, "份学员评价") > 0


@pytest.mark.parametrize("kind", TRAINING_KINDS)
def test_export_then_reimport_changes_nothing(kind: str, demo_db: Location, tmp_path: Path) -> None:
    out = tmp_path / f"{kind}.xlsx"
    exported = run("--db", demo_db, "export", kind, out)
    assert exported.returncode == 0, exported.stderr
    count = figure(exported.stdout, "行", before="已导出 ")
    assert count > 0
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header == kinds()[kind].spec.headers
    again = run("--db", demo_db, "import", kind, out)
    assert again.returncode == 0, again.stderr
    assert f"新增 0 条，更新 0 条，未变 {count} 条" in again.stdout


@pytest.mark.parametrize("kind", TRAINING_KINDS)
def test_template_has_the_canonical_headers_and_reads_back_empty(kind: str, tmp_path: Path) -> None:
    out = tmp_path / f"{kind}_template.xlsx"
    made = run("template", kind, out)
    assert made.returncode == 0, made.stderr
    read = read_sheet(out, kinds()[kind].spec)
    assert read.rows == [] and read.errors == []


def test_attendance_for_an_unknown_session_is_refused_naming_row_and_value(
    demo_db: Location, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["签到记录"])
    sheet.append(["班次编号", "工号", "签到时间", "状态"])
    sheet.append(["NO-SUCH", "00002", "2026-01-05 09:00", "出勤"])
    path = tmp_path / "attendance.xlsx"
    book.save(path)
    before = run("--db", demo_db, "export", "attendance", tmp_path / "before.xlsx")
    result = run("--db", demo_db, "import", "attendance", path)
    assert result.returncode == 1
    assert "第3行" in result.stderr and "NO-SUCH" in result.stderr and "Traceback" not in result.stderr
    after = run("--db", demo_db, "export", "attendance", tmp_path / "after.xlsx")
    assert before.stdout.split("行")[0] == after.stdout.split("行")[0]  # nothing written
