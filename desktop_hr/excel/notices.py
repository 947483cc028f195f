"""Reminder notices to Excel: one row per thing a person must do, under their department's heads and address.

Export only. Columns 部门 · 部门负责人 · 收件地址 · 工号 · 姓名 · 事项 · 课程 · 班次编号 · 开始时间 · 截止日期 · 状态;
the start is a date-time and the due date a date (blank for a session about to start: its start is the day).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from desktop_hr.excel import writer
from desktop_hr.excel.spec import Progress
from desktop_hr.excel.writer import CellValue
from desktop_hr.services.training.notices import Notice
from desktop_hr.services.training.reminders import ReminderKind

NOTICE_HEADERS = (
    "部门",
    "部门负责人",
    "收件地址",
    "工号",
    "姓名",
    "事项",
    "课程",
    "班次编号",
    "开始时间",
    "截止日期",
    "状态",
)


def notice_cells(notices: Sequence[Notice]) -> Iterator[list[CellValue]]:
    for notice in notices:
        heads = "、".join(notice.heads)
        for person, item in notice.items():
            due = None if item.kind is ReminderKind.UPCOMING_SESSION else item.due
            yield [
                notice.department,
                heads,
                notice.address,
                person.employee_no,
                person.name,
                item.what(),
                item.course,
                item.session_code,
                item.starts_at,
                due,
                item.when(),
            ]


def export_notices(path: Path, notices: Sequence[Notice], progress: Progress | None = None) -> int:
    """Every notice's lines on one sheet; returns the rows written."""
    total = sum(len(notice.items()) for notice in notices)
    return writer.write_table(
        Path(path),
        NOTICE_HEADERS,
        notice_cells(notices),
        sheet_title="提醒通知",
        total=total,
        progress=progress,
    )
