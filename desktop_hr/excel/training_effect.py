"""Training effect to Excel: the fixed `training-effect` export, one row per course and competency.

Export only. Columns 课程编号 · 课程名称 · 班次数 · 参训人数 · 满意度均值 · 考试通过率 · 行动计划提交率 · 采纳数 ·
能力项 · 训前均分 · 训后均分 (EXCHANGE_FORMATS.md). A course that addresses no competency gets one row with the
last three blank; the two rates are percentages as numbers (66.7 for 66.7 %), blank when nothing was counted.
Text that looks like a formula stays text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_hr.excel import writer
from desktop_hr.excel.spec import Progress
from desktop_hr.excel.writer import CellValue
from desktop_hr.services.development.effect import CourseEffect, training_effect

TRAINING_EFFECT_HEADERS = (
    "课程编号",
    "课程名称",
    "班次数",
    "参训人数",
    "满意度均值",
    "考试通过率",
    "行动计划提交率",
    "采纳数",
    "能力项",
    "训前均分",
    "训后均分",
)


def effect_cells(courses: Iterable[CourseEffect]) -> Iterator[list[CellValue]]:
    for course in courses:
        figures: list[CellValue] = [
            course.code,
            course.title,
            course.sessions,
            course.attendees,
            course.satisfaction,
            course.pass_rate,
            course.plan_rate,
            course.plans_adopted,
        ]
        if not course.competencies:
            yield [*figures, None, None, None]
        for line in course.competencies:
            yield [*figures, line.competency, line.before, line.after]


def export_effect(path: Path, courses: list[CourseEffect], progress: Progress | None = None) -> int:
    """Courses as reported (a report shown in the window); returns the rows written."""
    rows = list(effect_cells(courses))
    return writer.write_table(
        Path(path), TRAINING_EFFECT_HEADERS, rows, sheet_title="培训效果", total=len(rows), progress=progress
    )


def export_training_effect(session: Session, out: Path, year: int, progress: Progress | None = None) -> int:
    """Every course held in `year` over everyone, by 课程编号 (`desktop-hr export training-effect OUT.xlsx
    [--year YYYY]`); returns the rows written."""
    return export_effect(out, list(training_effect(session, year=year).courses), progress)
