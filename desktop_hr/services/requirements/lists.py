"""The lists an office acts on: who meets one requirement as of a year, by department (the Requirements
tab, its export and print), and from 1 October the people still short of this year's requirements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from desktop_hr.models import PeriodKind
from desktop_hr.services.requirements.evaluation import Standing, evaluate
from desktop_hr.services.requirements.rules import conditions_text, get_requirement

AT_RISK_FROM = (10, 1)


@dataclass(frozen=True)
class DepartmentGroup:
    department: str
    rows: tuple[Standing, ...]  # by 工号

    @property
    def met(self) -> int:
        return sum(1 for row in self.rows if row.met)


@dataclass(frozen=True)
class EligibilityList:
    """Who meets one requirement as of a year, by department: the Requirements tab, its export and print."""

    requirement_id: int
    requirement: str
    conditions: str  # the requirement in words
    year: int
    groups: tuple[DepartmentGroup, ...]  # by department path

    @property
    def total(self) -> int:
        return sum(len(g.rows) for g in self.groups)

    @property
    def met(self) -> int:
        return sum(g.met for g in self.groups)


def eligibility(
    session: Session,
    requirement_id: int,
    year: int,
    *,
    department_id: int | None = None,
    text: str = "",
    only: bool | None = None,
) -> EligibilityList:
    """One requirement's list as of `year`: everyone it applies to (in the subtree), or only those who meet
    it (`only` True) or not (False); `text` narrows to names and 工号 containing it."""
    data = get_requirement(session, requirement_id)
    standings = evaluate(session, year, requirement_ids=[requirement_id], department_id=department_id)
    wanted = text.strip()
    groups: dict[str, list[Standing]] = {}
    for standing in standings:
        if wanted and wanted not in standing.name and wanted not in standing.employee_no:
            continue
        if only is not None and standing.met is not only:
            continue
        groups.setdefault(standing.department, []).append(standing)
    return EligibilityList(
        requirement_id,
        data.name,
        conditions_text(data),
        year,
        tuple(DepartmentGroup(name, tuple(rows)) for name, rows in sorted(groups.items())),
    )


def at_risk(session: Session, today: date) -> list[Standing]:
    """From 1 October: the people still short of a requirement of this calendar year (the Home tab's list),
    by department and 工号. Earlier in the year, and for requirements over longer periods (eligibility for a
    promotion, not a yearly duty), nothing."""
    if (today.month, today.day) < AT_RISK_FROM:
        return []
    short = [s for s in evaluate(session, today.year, periods=[PeriodKind.CALENDAR_YEAR]) if not s.met]
    return sorted(short, key=lambda s: (s.department, s.employee_no, s.requirement_id))
