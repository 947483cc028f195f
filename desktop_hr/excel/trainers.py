"""Trainer profiles to Excel: the fixed `trainers` export (EXCHANGE_FORMATS.md), one row per trainer, ranked.

Export only. Columns 工号 · 姓名 · 部门 · 等级 · 授课次数 · 授课学时 · 平均满意度 · 团队业绩提升(%) · 贡献值 ·
优秀内训师 (是/否); figures are numbers with two decimals, a missing one an empty cell; text that looks like a
formula stays text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_hr.excel import writer
from desktop_hr.excel.spec import Progress
from desktop_hr.excel.writer import CellValue
from desktop_hr.services.development.trainers import TrainerProfile, trainer_profiles
from desktop_hr.services.labels import FORMAT_LANGUAGE, label

TRAINERS_HEADERS = (
    "工号",
    "姓名",
    "部门",
    "等级",
    "授课次数",
    "授课学时",
    "平均满意度",
    "团队业绩提升(%)",
    "贡献值",
    "优秀内训师",
)


def trainer_cells(profiles: Iterable[TrainerProfile]) -> Iterator[list[CellValue]]:
    for p in profiles:
        yield [
            p.employee_no,
            p.name,
            p.department,
            label(p.level, FORMAT_LANGUAGE),
            p.sessions,
            p.hours,
            p.satisfaction,
            p.uplift,
            p.contribution,
            "是" if p.excellent else "否",
        ]


def export_profiles(path: Path, profiles: list[TrainerProfile], progress: Progress | None = None) -> int:
    """Profiles as shown (a year's ranking, perhaps searched); returns the rows written."""
    return writer.write_table(
        Path(path),
        TRAINERS_HEADERS,
        trainer_cells(profiles),
        sheet_title="内训师",
        total=len(profiles),
        progress=progress,
    )


def export_trainers(session: Session, out: Path, year: int, progress: Progress | None = None) -> int:
    """Every trainer's profile of `year`, ranked by contribution (`desktop-hr export trainers OUT.xlsx
    [--year YYYY]`); returns the rows written."""
    return export_profiles(out, trainer_profiles(session, year), progress)
