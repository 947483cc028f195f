"""Points to Excel: the fixed points-summary and points-ledger exports, incentive lists and leaderboards.

Export only (nothing here is imported back). Headers are Chinese like every exchange format; points stay
numbers; text that looks like a formula is written as text by the writer.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_hr.excel import writer
from desktop_hr.excel.spec import Progress
from desktop_hr.excel.writer import CellValue
from desktop_hr.services.labels import FORMAT_LANGUAGE, label
from desktop_hr.services.points.incentives import IncentiveKind, IncentiveList, IncentiveRow
from desktop_hr.services.points.point_reports import (
    DepartmentLeaderRow,
    LeaderRow,
    balance_rows,
    count_entries,
    ledger_lines,
)

SUMMARY_HEADERS = ("工号", "姓名", "部门", "参与", "输出", "分享", "其他", "获得合计", "已兑换", "余额")
LEDGER_HEADERS = ("时间", "工号", "姓名", "规则", "类别", "积分", "来源", "原因", "操作人")
LEADERBOARD_HEADERS = ("排名", "工号", "姓名", "部门", "积分")
DEPARTMENT_LEADERBOARD_HEADERS = ("排名", "部门", "人数", "积分合计", "人均积分")
PERSON_HEADERS = ("工号", "姓名", "部门", "积分")
# The figures each list adds after PERSON_HEADERS.
INCENTIVE_HEADERS: dict[IncentiveKind, tuple[str, ...]] = {
    IncentiveKind.BONUS_COEFFICIENT: ("排名", "奖金系数加成"),
    IncentiveKind.WELFARE: (),
    IncentiveKind.COMPETITION: (),
    IncentiveKind.EXCELLENT: ("是否达标",),
    IncentiveKind.PROMOTION: ("按时提交行动计划", "应交行动计划", "完成率（%）"),
    IncentiveKind.BONUS_PERCENT: ("奖金加成（%）",),
}


def export_points_summary(session: Session, path: Path, progress: Progress | None = None) -> int:
    """One row per employee (工号 order): category split, earned, redeemed, balance; returns the rows."""
    rows = balance_rows(session)
    cells: Iterator[list[CellValue]] = (
        [
            r.employee_no,
            r.name,
            r.department,
            r.participation,
            r.output,
            r.sharing,
            r.other,
            r.earned,
            r.redeemed,
            r.balance,
        ]
        for r in rows
    )
    return writer.write_table(
        Path(path), SUMMARY_HEADERS, cells, sheet_title="积分汇总", total=len(rows), progress=progress
    )


def export_points_ledger(
    session: Session, path: Path, progress: Progress | None = None, *, employee_id: int | None = None
) -> int:
    """Every entry in event-time order (or one person's); returns the rows written."""
    total = count_entries(session) if employee_id is None else None
    cells: Iterator[list[CellValue]] = (
        [
            line.occurred_at,
            line.employee_no,
            line.name,
            line.rule_name,
            label(line.category, FORMAT_LANGUAGE),
            line.points,
            line.source_text(FORMAT_LANGUAGE),
            line.reason,
            line.actor,
        ]
        for line in ledger_lines(session, employee_id)
    )
    return writer.write_table(
        Path(path), LEDGER_HEADERS, cells, sheet_title="积分明细", total=total, progress=progress
    )


def export_incentive_list(path: Path, incentives: IncentiveList, progress: Progress | None = None) -> int:
    """A list as shown: the person, the points of its period and the figures that justify it."""

    def extra(row: IncentiveRow) -> list[CellValue]:
        kind = incentives.kind
        if kind is IncentiveKind.BONUS_COEFFICIENT:
            return [row.rank, row.coefficient]
        if kind is IncentiveKind.EXCELLENT:
            return ["是" if row.qualifies else "否"]
        if kind is IncentiveKind.PROMOTION:
            return [row.plans_on_time, row.plans_due, row.plan_rate]
        if kind is IncentiveKind.BONUS_PERCENT:
            return [row.bonus_percent]
        return []

    cells = ([r.employee_no, r.name, r.department, r.points, *extra(r)] for r in incentives.rows)
    return writer.write_table(
        Path(path),
        PERSON_HEADERS + INCENTIVE_HEADERS[incentives.kind],
        cells,
        sheet_title=incentives.title,
        total=len(incentives.rows),
        progress=progress,
    )


def export_leaderboard(path: Path, rows: Sequence[LeaderRow], progress: Progress | None = None) -> int:
    """A leaderboard of people, as shown."""
    cells: Iterator[list[CellValue]] = ([r.rank, r.employee_no, r.name, r.department, r.points] for r in rows)
    return writer.write_table(
        Path(path), LEADERBOARD_HEADERS, cells, sheet_title="积分排行", total=len(rows), progress=progress
    )


def export_department_leaderboard(
    path: Path, rows: Sequence[DepartmentLeaderRow], progress: Progress | None = None
) -> int:
    """The departments' leaderboard, as shown."""
    cells: Iterator[list[CellValue]] = ([r.rank, r.department, r.headcount, r.points, r.mean] for r in rows)
    return writer.write_table(
        Path(path),
        DEPARTMENT_LEADERBOARD_HEADERS,
        cells,
        sheet_title="部门积分排行",
        total=len(rows),
        progress=progress,
    )
