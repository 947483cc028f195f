"""What the trainer contribution report (内训师贡献报告) shows: the year's ranking with every figure, the
weights and threshold it was computed with, and the re-certification list; plain values, in Chinese (printed
records are Chinese whatever the window's language). printing/trainer_report.py draws it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop_hr.services.development import settings as development_settings
from desktop_hr.services.development.levels import RecertificationRow, recertification_list
from desktop_hr.services.development.settings import DevelopmentSettings
from desktop_hr.services.development.trainers import TrainerProfile, trainer_profiles
from desktop_hr.services.labels import FORMAT_LANGUAGE
from desktop_hr.services.requirements.wording import amount_text


@dataclass(frozen=True)
class TrainerReport:
    year: int
    settings: DevelopmentSettings
    profiles: tuple[TrainerProfile, ...]  # ranked
    recertification: tuple[RecertificationRow, ...]  # reasons in Chinese

    @property
    def excellent(self) -> tuple[TrainerProfile, ...]:
        return tuple(p for p in self.profiles if p.excellent)


def trainer_report(session: Session, year: int) -> TrainerReport:
    return TrainerReport(
        year,
        development_settings.load(session),
        tuple(trainer_profiles(session, year)),
        tuple(recertification_list(session, year, FORMAT_LANGUAGE)),
    )


def formula_text(settings: DevelopmentSettings) -> str:
    """贡献值 = 授课学时 × 0.3 + 平均满意度 × 0.4 + 团队业绩提升(%) × 0.3."""
    return (
        f"贡献值 = 授课学时 × {amount_text(settings.weight_hours)} + 平均满意度 × "
        f"{amount_text(settings.weight_satisfaction)} + 团队业绩提升(%) × {amount_text(settings.weight_uplift)}"
    )


def report_verdicts(report: TrainerReport) -> str:
    """What a printed report said, for the print log: the formula, threshold and each trainer's value."""
    lines = [
        f"{report.year} 年度内训师贡献报告：{formula_text(report.settings)}；"
        f"优秀内训师标准 贡献值 ≥ {amount_text(report.settings.excellent_threshold)}",
    ]
    for p in report.profiles:
        mark = " 优秀内训师" if p.excellent else ""
        lines.append(f"{p.rank}. {p.employee_no} {p.name} 贡献值 {p.contribution}{mark}")
    lines += [
        f"复审：{r.employee_no} {r.name} {r.reasons_text(FORMAT_LANGUAGE)}" for r in report.recertification
    ]
    return "\n".join(lines)
