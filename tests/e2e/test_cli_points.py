"""The fixed points exports on the command line; they are export-only kinds."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from databases import Location
from signing import open_as_admin
from test_cli import run

from desktop_hr.models import Employee, PointCategory
from desktop_hr.services.points.ledger import MANUAL, Posting, post


@pytest.fixture
def points_file(db_location: Location) -> Location:
    path = db_location
    db = open_as_admin(path)
    with db.uow() as uow:
        people = [Employee(employee_no=f"0000{n}", name=f"员工{n}") for n in (1, 2, 3)]
        uow.session.add_all(people)
        uow.session.flush()
        for person, points in zip(people, (10, 25, -3), strict=True):
            posting = Posting(
                person.id, points, PointCategory.OTHER, datetime(2026, 3, 5), MANUAL, reason="测试"
            )
            post(uow.session, posting)
        uow.commit()
    db.dispose()
    return path


def header_and_rows(path: Path) -> list[tuple[object, ...]]:
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_points_summary_and_ledger_export(points_file: Location, tmp_path: Path) -> None:
    summary = tmp_path / "summary.xlsx"
    done = run("--db", points_file, "export", "points-summary", summary)
    assert done.returncode == 0, done.stderr
    assert f"已导出 3 行到 {summary}" in done.stdout
    rows = header_and_rows(summary)
    assert rows[0] == ("工号", "姓名", "部门", "参与", "输出", "分享", "其他", "获得合计", "已兑换", "余额")
    assert [(r[0], r[-1]) for r in rows[1:]] == [("00001", 10), ("00002", 25), ("00003", -3)]

    ledger = tmp_path / "ledger.xlsx"
    done = run("--db", points_file, "export", "points-ledger", ledger)
    assert done.returncode == 0, done.stderr
    rows = header_and_rows(ledger)
    assert rows[0] == ("时间", "工号", "姓名", "规则", "类别", "积分", "来源", "原因", "操作人")
    assert [r[5] for r in rows[1:]] == [10, 25, -3]


@pytest.mark.parametrize("command", ["import", "template"])
def test_the_fixed_exports_cannot_be_imported_or_templated(command: str, tmp_path: Path) -> None:
    done = run(command, "points-summary", tmp_path / "x.xlsx")
    assert done.returncode == 2  # a usage error: not one of the choices
    assert "points-summary" in done.stderr
