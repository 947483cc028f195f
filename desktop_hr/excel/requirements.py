"""Requirements to Excel: the fixed `requirements` export, one row per person and requirement that applies.

Export only. Columns 工号 · 姓名 · 部门 · 要求 · 年度 · 是否达标 (是/否) · 差距; the gap is written in Chinese like
every exchange format, whatever the window's language; text that looks like a formula stays text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_hr.excel import writer
from desktop_hr.excel.spec import Progress
from desktop_hr.excel.writer import CellValue
from desktop_hr.services.labels import FORMAT_LANGUAGE
from desktop_hr.services.requirements.evaluation import Standing, evaluate

REQUIREMENTS_HEADERS = ("工号", "姓名", "部门", "要求", "年度", "是否达标", "差距")


def requirement_cells(standings: Iterable[Standing]) -> Iterator[list[CellValue]]:
    for s in standings:
        yield [
            s.employee_no,
            s.name,
            s.department,
            s.requirement,
            s.year,
            "是" if s.met else "否",
            s.gap(FORMAT_LANGUAGE),
        ]


def export_standings(path: Path, standings: list[Standing], progress: Progress | None = None) -> int:
    """Rows as evaluated (a list shown in the window, filtered); returns the rows written."""
    return writer.write_table(
        Path(path),
        REQUIREMENTS_HEADERS,
        requirement_cells(standings),
        sheet_title="达标情况",
        total=len(standings),
        progress=progress,
    )


def export_requirements(
    session: Session,
    path: Path,
    year: int,
    *,
    requirement_ids: Iterable[int] | None = None,
    department_id: int | None = None,
    progress: Progress | None = None,
) -> int:
    """Every person against every enabled requirement (or those given) as of `year`, by 工号 then requirement
    (`desktop-hr export requirements OUT.xlsx [--year YYYY]`); returns the rows written."""
    standings = evaluate(session, year, requirement_ids=requirement_ids, department_id=department_id)
    standings.sort(key=lambda s: (s.employee_no, s.requirement_id))
    return export_standings(path, standings, progress)
