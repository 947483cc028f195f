"""The point-adjustments exchange format: manual awards and deductions (工号, 积分, 原因, optional 时间)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.excel import writer
from desktop_hr.excel.columns import EMPLOYEE_NO_COLUMN
from desktop_hr.excel.spec import CellType, ColumnSpec, Progress, SheetSpec
from desktop_hr.excel.writer import CellValue
from desktop_hr.services.points.manual_awards import ManualEntry, manual_entries

messages.define(
    {
        "excel.note.adjustment_points": (
            "非零整数：正数为奖励，负数为扣减（余额不能低于 0）",
            "A whole number, not 0: positive awards, negative deducts (a balance cannot go below 0)",
        ),
        "excel.note.adjustment_reason": (
            "必填；同一工号、积分和原因的行只记入一次（再次导入同一文件不会重复）",
            "Required; a row with the same 工号, points and reason is entered once (importing the file "
            "again adds nothing)",
        ),
        "excel.note.adjustment_time": ("空白：导入时间", "Blank: the time of the import"),
    }
)

REASON_MAX = 500

POINT_ADJUSTMENT_SHEET = SheetSpec(
    kind="point-adjustments",
    title="积分调整",
    columns=(
        EMPLOYEE_NO_COLUMN,
        ColumnSpec(
            "points", "积分", ("分值", "Points"), CellType.INT, True, note="excel.note.adjustment_points"
        ),
        ColumnSpec(
            "reason",
            "原因",
            ("事由", "Reason"),
            CellType.TEXT,
            True,
            max_length=REASON_MAX,
            note="excel.note.adjustment_reason",
        ),
        ColumnSpec(
            "occurred_at", "时间", ("日期", "Time"), CellType.DATETIME, note="excel.note.adjustment_time"
        ),
    ),
    key=(),  # none: each row is an entry (see PointAdjustmentImporter for why importing twice is safe)
)


def _cells(entry: ManualEntry) -> list[CellValue]:
    return [entry.employee_no, entry.points, entry.reason, entry.occurred_at]


def export_point_adjustments(session: Session, path: Path, progress: Progress | None = None) -> int:
    """Every manual award and deduction in the import layout; returns the rows written."""
    rows = manual_entries(session)
    return writer.write_sheet(
        path, POINT_ADJUSTMENT_SHEET, (_cells(e) for e in rows), total=len(rows), progress=progress
    )
