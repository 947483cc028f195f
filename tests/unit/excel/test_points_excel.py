"""The fixed points exports read back with openpyxl: exact headers, numbers as numbers, formulas as text."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from training_data import building, make_people

from desktop_hr.db import Database, read_only
from desktop_hr.excel.points import (
    export_department_leaderboard,
    export_incentive_list,
    export_leaderboard,
    export_points_ledger,
    export_points_summary,
)
from desktop_hr.models import PointCategory, Role
from desktop_hr.services.archive.organisation import ensure_department_path
from desktop_hr.services.points.incentives import IncentiveKind, incentive_list
from desktop_hr.services.points.ledger import MANUAL, REDEEM, Posting, post
from desktop_hr.services.points.point_reports import Period, department_leaderboard, leaderboard
from desktop_hr.services.trust.permissions import Principal

WHEN = datetime(2026, 3, 5, 9, 30)


@pytest.fixture
def points_db(db: Database) -> Database:
    """The entries posted by the account 王会计 (the ledger export names who posted each line)."""
    admin = db.principal
    db.principal = Principal(name="王会计", role=Role.ADMIN)
    with building(db) as session:
        dept = ensure_department_path(session, "总公司/销售部")
        zhang, li = make_people(session, {"00001": "张三", "00002": "=李四"}, department_id=dept)
        entries = [
            Posting(zhang.id, 10, PointCategory.PARTICIPATION, WHEN, "ATTEND_OFFLINE"),
            Posting(zhang.id, 20, PointCategory.OUTPUT, WHEN, "ACTION_PLAN"),
            Posting(zhang.id, 15, PointCategory.SHARING, WHEN, "REFLECTION_PUBLISHED"),
            Posting(zhang.id, -5, PointCategory.OTHER, WHEN, MANUAL, reason="-迟交材料"),
            Posting(zhang.id, -30, PointCategory.OTHER, datetime(2026, 3, 6), REDEEM),
            Posting(li.id, 100, PointCategory.OTHER, datetime(2026, 3, 7), MANUAL, reason="@项目奖"),
        ]
        for entry in entries:
            post(session, entry)
    db.principal = admin
    return db


def sheet_rows(path: Path) -> list[tuple[Any, ...]]:
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_points_summary_has_the_fixed_columns_and_numbers(points_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "summary.xlsx"
    with read_only(points_db) as session:
        assert export_points_summary(session, out) == 2
    rows = sheet_rows(out)
    assert rows[0] == ("工号", "姓名", "部门", "参与", "输出", "分享", "其他", "获得合计", "已兑换", "余额")
    assert rows[1] == ("00001", "张三", "总公司/销售部", 10, 20, 15, -5, 40, 30, 10)
    assert rows[2] == ("00002", "=李四", "总公司/销售部", 0, 0, 0, 100, 100, 0, 100)  # text, not a formula


def test_points_ledger_lists_every_entry_in_time_order(points_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "ledger.xlsx"
    with read_only(points_db) as session:
        assert export_points_ledger(session, out) == 6
    rows = sheet_rows(out)
    assert rows[0] == ("时间", "工号", "姓名", "规则", "类别", "积分", "来源", "原因", "操作人")
    assert rows[1] == (WHEN, "00001", "张三", "参加线下培训（出勤或迟到）", "参与", 10, None, None, "王会计")
    assert rows[4][3:8] == ("手工调整", "其他", -5, None, "-迟交材料")
    assert rows[5][3:6] == ("兑换", "其他", -30)
    assert rows[6][1:2] + rows[6][7:8] == ("00002", "@项目奖")
    with read_only(points_db) as session:
        one = tmp_path / "one.xlsx"
        assert export_points_ledger(session, one, employee_id=2) == 1


def test_incentive_list_and_leaderboards_export_what_is_shown(points_db: Database, tmp_path: Path) -> None:
    quarter = Period.quarter(date(2026, 3, 1))
    with read_only(points_db) as session:
        excellent = incentive_list(session, IncentiveKind.EXCELLENT, date(2026, 6, 30))
        export_incentive_list(tmp_path / "excellent.xlsx", excellent)
        export_leaderboard(tmp_path / "board.xlsx", leaderboard(session, quarter))
        export_department_leaderboard(tmp_path / "departments.xlsx", department_leaderboard(session, quarter))
    assert sheet_rows(tmp_path / "excellent.xlsx") == [
        ("工号", "姓名", "部门", "积分", "是否达标"),
        ("00002", "=李四", "总公司/销售部", 100, "是"),
        ("00001", "张三", "总公司/销售部", 40, "否"),
    ]
    assert sheet_rows(tmp_path / "board.xlsx")[1:] == [
        (1, "00002", "=李四", "总公司/销售部", 100),
        (2, "00001", "张三", "总公司/销售部", 40),
    ]
    assert sheet_rows(tmp_path / "departments.xlsx") == [
        ("排名", "部门", "人数", "积分合计", "人均积分"),
        (1, "总公司/销售部", 2, 140, 70),
    ]
