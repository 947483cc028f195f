"""The needs analysis to Excel: the fixed `needs-analysis` export, one row per department and competency.

Export only. Columns 部门 · 能力项 · 平均分 · 低于70分人数 · 评估人数 · 相关课程 · 相关职业目标数 (EXCHANGE_FORMATS.md);
the mean is a number with two decimals (rounded down, as the report shows it); text that looks like a formula
stays text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_hr.excel import writer
from desktop_hr.excel.spec import Progress
from desktop_hr.excel.writer import CellValue
from desktop_hr.services.development.needs_analysis import NO_DEPARTMENT, NeedsRow, needs_analysis

NEEDS_ANALYSIS_HEADERS = (
    "部门",
    "能力项",
    "平均分",
    "低于70分人数",
    "评估人数",
    "相关课程",
    "相关职业目标数",
)


def needs_cells(rows: Iterable[NeedsRow]) -> Iterator[list[CellValue]]:
    for row in rows:
        yield [
            row.department or NO_DEPARTMENT,
            row.competency,
            row.mean,
            row.below,
            row.assessed,
            row.courses_text(),
            row.goal_people,
        ]


def export_needs_rows(path: Path, rows: list[NeedsRow], progress: Progress | None = None) -> int:
    """Rows as given (the page's table, filtered); returns the rows written."""
    return writer.write_table(
        Path(path),
        NEEDS_ANALYSIS_HEADERS,
        needs_cells(rows),
        sheet_title="培训需求分析",
        total=len(rows),
        progress=progress,
    )


def export_needs_analysis(
    session: Session,
    out: Path,
    progress: Progress | None = None,
    *,
    department_id: int | None = None,
    only_needs: bool = True,
) -> int:
    """The needs of the whole company (or a department's subtree), by department path then competency
    (`desktop-hr export needs-analysis OUT.xlsx`); with `only_needs` False every row assessed. Returns the
    rows written."""
    report = needs_analysis(session, department_id=department_id)
    rows = list(report.needs if only_needs else report.rows)
    return export_needs_rows(out, rows, progress)
