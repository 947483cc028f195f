"""What the printed requirement documents show: the eligibility list of one requirement and year (by department),
the personal requirement report (职称资格报告), the requirement section of archive cards, and the verdicts a
printed document said, as the print log keeps them.

Printed records are Chinese whatever the window's language (like the Excel formats): the conditions, gaps and
figures here are written in FORMAT_LANGUAGE. The values are plain and frozen; printing/ draws them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.models import (
    AppliesTo,
    Employee,
    EmployeeStatus,
    PersonnelCategory,
    Position,
    Rank,
    TrainingSession,
)
from desktop_hr.services.archive.organisation import department_paths
from desktop_hr.services.labels import FORMAT_LANGUAGE, label
from desktop_hr.services.lookup import get_or_raise
from desktop_hr.services.requirements.evaluation import Standing, evaluate, person_standings
from desktop_hr.services.requirements.lists import EligibilityList, eligibility
from desktop_hr.services.requirements.measures import (
    NOTHING_EARNED,
    Earned,
    SubmissionCounts,
    Window,
    earned,
    submission_counts,
)
from desktop_hr.services.requirements.rules import RequirementData, conditions_text, get_requirement
from desktop_hr.services.requirements.wording import amount_text, measure_text, say, slice_text
from desktop_hr.services.training.history import HistoryRow, employee_history
from desktop_hr.services.training.submissions import SubmissionRow, employee_submission_rows

messages.define(
    {
        "figures.total": ("{measure}{amount}", "{amount} {measure}"),
        "figures.slice": ("{slice}{measure}{amount}", "{amount} {measure} in {slice}"),
        "figures.reflections": ("心得{count}篇", "{count} reflection(s)"),
        "figures.excellent": ("优秀提交{excellent}/{submissions}", "{excellent} of {submissions} excellent"),
        "figures.courses": ("已完成课程{done}/{total}", "{done} of {total} courses attended"),
        "verdict.met": ("达标", "met"),
        "verdict.not_met": ("未达标", "not met"),
        "verdict.list_head": (
            "{requirement} {year} 年度：达标 {met} 人 / 共 {total} 人{department}",
            "{requirement} {year}: {met} of {total} met{department}",
        ),
        "verdict.report_head": ("{no} {name} {year} 年度", "{no} {name}, {year}"),
        "applies.position": ("岗位：{name}", "position: {name}"),
        "applies.title": ("职称：{name}", "title: {name}"),
        "applies.any_title": ("持有职称的人员", "anyone holding a title"),
    }
)


def applies_text(session: Session, data: RequirementData, language: str | None = None) -> str:
    """Who a requirement is measured for, in words: 专业技术人员, 试用期人员, 岗位：店长, 职称：工程师."""
    kind, value = data.applies_to, data.applies_value
    if kind is AppliesTo.PERSONNEL_CATEGORY and value in {m.value for m in PersonnelCategory}:
        return label(PersonnelCategory(value), language)
    if kind is AppliesTo.RANK and value in {m.value for m in Rank}:
        return label(Rank(value), language)
    if kind is AppliesTo.POSITION:
        name = session.scalar(select(Position.name).where(Position.id == data.position_id)) or ""
        return say("applies.position", language, name=name)
    if kind is AppliesTo.TITLE:
        return say("applies.title", language, name=value) if value else say("applies.any_title", language)
    return label(kind, language)


def verdict_text(met: bool, language: str | None = None) -> str:
    return say("verdict.met" if met else "verdict.not_met", language)


def figures_text(standing: Standing, language: str | None = None) -> str:
    """What was counted for the conditions of a standing: 学时52；专业科目学时30；心得1篇."""
    figures = standing.figures
    english = (language or messages.language()) == "en"
    parts: list[str] = []
    for value, measure in ((figures.hours, "hours"), (figures.credits, "credits")):
        if value is not None:
            parts.append(
                say(
                    "figures.total",
                    language,
                    measure=say(f"measure.{measure}", language),
                    amount=amount_text(value),
                )
            )
    for condition, value in figures.slices:
        parts.append(
            say(
                "figures.slice",
                language,
                slice=slice_text(condition.slice, language),
                measure=measure_text(condition.measure, language),
                amount=amount_text(value),
            )
        )
    if figures.reflections is not None:
        parts.append(say("figures.reflections", language, count=figures.reflections))
    if figures.submissions is not None:
        parts.append(
            say(
                "figures.excellent",
                language,
                excellent=figures.excellent or 0,
                submissions=figures.submissions,
            )
        )
    checklist = standing.plan.checklist
    if checklist:
        parts.append(say("figures.courses", language, done=len(figures.courses_done), total=len(checklist)))
    return ("; " if english else "；").join(parts)


# ---- the eligibility list ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EligibilityReport:
    """One requirement's list as of a year, for print: its conditions in Chinese, by department."""

    requirement: RequirementData
    listing: EligibilityList
    department: str  # the department path the list is narrowed to ("": everyone the account sees)
    applies: str  # who the requirement is measured for, in Chinese

    @property
    def year(self) -> int:
        return self.listing.year


def eligibility_report(
    session: Session, requirement_id: int, year: int, *, department_id: int | None = None
) -> EligibilityReport:
    """Everyone the requirement applies to (in the department's subtree) as of `year`, met or not."""
    data = get_requirement(session, requirement_id)
    listing = eligibility(session, requirement_id, year, department_id=department_id)
    department = department_paths(session).get(department_id, "") if department_id is not None else ""
    return EligibilityReport(
        data,
        replace(listing, conditions=conditions_text(data, FORMAT_LANGUAGE)),
        department,
        applies_text(session, data, FORMAT_LANGUAGE),
    )


def eligibility_verdicts(report: EligibilityReport) -> str:
    """What a printed list said, one line a person, for the print log: a later change of the requirement or
    of the records never changes what was printed."""
    listing = report.listing
    lines = [
        say(
            "verdict.list_head",
            FORMAT_LANGUAGE,
            requirement=listing.requirement,
            year=listing.year,
            met=listing.met,
            total=listing.total,
            department=f"（{report.department}）" if report.department else "",
        ),
        listing.conditions,
    ]
    lines += [_verdict_line(s) for group in listing.groups for s in group.rows]
    return "\n".join(lines)


def _verdict_line(standing: Standing) -> str:
    line = f"{standing.employee_no} {standing.name} {verdict_text(standing.met, FORMAT_LANGUAGE)}"
    gap = standing.gap(FORMAT_LANGUAGE)
    return f"{line}：{gap}" if gap else line


# ---- the personal requirement report ------------------------------------------------------------------


@dataclass(frozen=True)
class ReportPerson:
    employee_id: int
    employee_no: str
    name: str
    department: str
    position: str
    category: PersonnelCategory | None
    title: str
    status: EmployeeStatus
    hire_date: date | None


@dataclass(frozen=True)
class RequirementReport:
    """职称资格报告: one person's year, measured against every requirement that applies to them."""

    person: ReportPerson
    year: int
    earned: Earned  # hours and credits of the year, in all and by subject, category, classification
    submitted: SubmissionCounts  # the year's reflections, submissions and excellent ones
    standings: tuple[Standing, ...]
    conditions: dict[int, str]  # requirement id -> its conditions in Chinese
    rows: tuple[HistoryRow, ...]  # the year's sessions (attended or not) and historical records, by date
    submissions: tuple[SubmissionRow, ...]  # the year's reflections, action plans and homework

    @property
    def met(self) -> int:
        return sum(1 for s in self.standings if s.met)


def _person(session: Session, employee_id: int) -> ReportPerson:
    employee = get_or_raise(session, Employee, employee_id)
    position = (
        session.scalar(select(Position.name).where(Position.id == employee.position_id))
        if employee.position_id is not None
        else None
    )
    path = department_paths(session).get(employee.department_id, "") if employee.department_id else ""
    return ReportPerson(
        employee.id,
        employee.employee_no,
        employee.name,
        path,
        position or "",
        employee.category,
        employee.title or "",
        employee.status,
        employee.hire_date,
    )


def requirement_report(session: Session, employee_id: int, year: int) -> RequirementReport:
    """The person's hours by subject and the rest of the split, reflections, each requirement's verdict and
    gap, and every session and record of `year` (sessions by their date, like the hours they earn)."""
    person = _person(session, employee_id)
    window = Window.year(year)
    standings = tuple(person_standings(session, employee_id, year))
    conditions = {s.requirement_id: conditions_text(s.plan.row.data, FORMAT_LANGUAGE) for s in standings}
    counts = submission_counts(session, [window], [employee_id]).get(employee_id)
    history = employee_history(session, employee_id)
    submissions = employee_submission_rows(session, employee_id)
    starts = {
        session_id: starts_at
        for session_id, starts_at in session.execute(
            select(TrainingSession.id, TrainingSession.starts_at).where(
                TrainingSession.id.in_({s.session_id for s in submissions})
            )
        )
    }
    return RequirementReport(
        person=person,
        year=year,
        earned=earned(session, window, [employee_id]).get(employee_id, NOTHING_EARNED),
        submitted=counts[0] if counts else SubmissionCounts(),
        standings=standings,
        conditions=conditions,
        rows=tuple(sorted((r for r in history.rows if r.on_date.year == year), key=lambda r: r.on_date)),
        # By the session's date, as the counts above: a reflection on a December course counts in December.
        submissions=tuple(s for s in submissions if starts[s.session_id].year == year),
    )


def report_verdicts(report: RequirementReport) -> str:
    """What a printed personal report said: each requirement's verdict and gap, for the print log."""
    person = report.person
    lines = [
        say("verdict.report_head", FORMAT_LANGUAGE, no=person.employee_no, name=person.name, year=report.year)
    ]
    for standing in report.standings:
        line = f"{standing.requirement} {verdict_text(standing.met, FORMAT_LANGUAGE)}"
        gap = standing.gap(FORMAT_LANGUAGE)
        lines.append(f"{line}：{gap}" if gap else line)
    return "\n".join(lines)


# ---- archive cards -----------------------------------------------------------------------------------


def standings_by_person(
    session: Session, employee_ids: Iterable[int], year: int
) -> dict[int, tuple[Standing, ...]]:
    """Employee id -> their standings as of `year` (every enabled requirement that applies), evaluated for
    all of them at once (a department's archive cards)."""
    found: dict[int, list[Standing]] = {}
    for standing in evaluate(session, year, employee_ids=list(employee_ids)):
        found.setdefault(standing.employee_id, []).append(standing)
    return {employee_id: tuple(rows) for employee_id, rows in found.items()}


def rate_text(numerator: int, denominator: int) -> str:
    """12 of 30 → "40%", 1 of 3 → "33.3%": the share of people who meet a requirement, as summaries say it."""
    if not denominator:
        return "—"
    percent = (Decimal(numerator * 100) / denominator).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{amount_text(percent)}%"
