"""Needs analysis (培训需求分析) from the archive: per department and competency, the latest review scores of the
people still here; a need where the mean is below 70 or most score below 70, with the courses that address the
competency, the career goals that mention it and the needs already in the pool. One click puts a row in the pool.

Everything is read in a handful of set-based queries: the latest review per person and competency is picked by
a window function, whatever the number of people.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any, TypeVarTuple

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.models import (
    CareerGoal,
    Competency,
    Course,
    CourseCompetency,
    Department,
    Employee,
    EmployeeStatus,
    PerformanceReview,
    ReviewItem,
)
from desktop_hr.models.development import NeedStatus, TrainingNeed
from desktop_hr.services.archive.organisation import department_paths
from desktop_hr.services.development.needs import NeedData, submit_unless_open
from desktop_hr.services.lookup import get_or_raise
from desktop_hr.services.trust.permissions import Permission, require

_Row = TypeVarTuple("_Row")

THRESHOLD = 70  # a score below this is low; a mean of exactly 70 is not
NO_DEPARTMENT = "（未分配部门）"
_CENT = Decimal("0.01")

messages.define(
    {
        "needs.goal_sentence": (
            "{department} {share} 的人员（{count}/{people} 人）将“{competency}”列为职业目标",
            '{share} of {department} ({count} of {people}) name "{competency}" in their career goals',
        ),
    }
)

_PERIOD = re.compile(
    r"^\s*(?P<year>\d{4})\s*年?\s*[-_/ ]?\s*(?:(?P<kind>[HhQq])\s*(?P<part>[1-4])|(?P<half>上半年|下半年)"
    r"|第?(?P<quarter>[一二三四1-4])季度?)?\s*$"
)
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTH_ENDS = {3: 31, 6: 30, 9: 30, 12: 31}


def period_end(period: str) -> date | None:
    """The last day of a review period: "2025" → 2025-12-31, "2025H1" → 2025-06-30, "2025Q3" → 2025-09-30
    (also "2025年上半年", "2025-Q3"); None when it cannot be read."""
    found = _PERIOD.match(period)
    if found is None:
        return None
    year = int(found["year"])
    month = 12
    if found["kind"]:
        part = int(found["part"])
        if found["kind"].upper() == "H":
            if part > 2:
                return None
            month = 6 * part
        else:
            month = 3 * part
    elif found["half"]:
        month = 6 if found["half"] == "上半年" else 12
    elif found["quarter"]:
        month = 3 * _QUARTERS[found["quarter"]]
    return date(year, month, _MONTH_ENDS[month])


@dataclass(frozen=True)
class CourseRef:
    code: str
    title: str

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


@dataclass(frozen=True)
class PoolNeed:
    id: int
    title: str
    status: NeedStatus


@dataclass(frozen=True)
class NeedsRow:
    """One department and competency: the latest scores of its people, and what the office has about it."""

    department_id: int | None
    department: str  # path
    competency_id: int
    competency: str
    assessed: int  # people with a score for the competency
    total: int  # sum of their scores
    below: int  # of whom below 70
    people: int  # the department's people (not left)
    goal_people: int  # of whom a career goal mentions the competency
    courses: tuple[CourseRef, ...]
    pool: tuple[PoolNeed, ...]

    @property
    def mean(self) -> Decimal:
        """Rounded down to cents: a mean below 70 never shows as 70.00."""
        return (Decimal(self.total) / Decimal(self.assessed)).quantize(_CENT, rounding=ROUND_FLOOR)

    @property
    def low_mean(self) -> bool:
        return self.total < THRESHOLD * self.assessed

    @property
    def mostly_below(self) -> bool:
        return self.below * 2 > self.assessed

    @property
    def is_need(self) -> bool:
        return self.low_mean or self.mostly_below

    @property
    def department_name(self) -> str:
        return self.department.rsplit("/", 1)[-1] if self.department else NO_DEPARTMENT

    def goal_share(self) -> str:
        """ "80%": the share of the department's people whose goals mention the competency."""
        if not self.people:
            return "0%"
        percent = (Decimal(100 * self.goal_people) / Decimal(self.people)).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )
        return f"{percent}%"

    def goal_sentence(self, language: str | None = None) -> str:
        """ "销售部 80% 的人员（4/5 人）将“谈判技巧”列为职业目标"; "" when no goal mentions it."""
        if not self.goal_people:
            return ""
        return _text(
            "needs.goal_sentence",
            language,
            department=self.department_name,
            share=self.goal_share(),
            count=self.goal_people,
            people=self.people,
            competency=self.competency,
        )

    def courses_text(self) -> str:
        return "、".join(str(course) for course in self.courses)


def _text(code: str, language: str | None, **params: Any) -> str:
    if language is None:
        return messages.text(code, **params)
    zh, en = messages.CATALOGUE[code]
    return (en if language == "en" else zh).format(**params)


@dataclass(frozen=True)
class CompetencySummary:
    """One competency across the company (or the chosen department's subtree)."""

    competency_id: int
    competency: str
    assessed: int
    total: int
    below: int
    departments: int  # departments with a score for it
    need_departments: int  # of which it is a need

    @property
    def mean(self) -> Decimal:
        return (Decimal(self.total) / Decimal(self.assessed)).quantize(_CENT, rounding=ROUND_FLOOR)

    def line(self) -> str:
        """ "谈判技巧：评估 120 人，平均 68.50 分，45 人低于 70 分；3/8 个部门为培训需求"."""
        return (
            f"{self.competency}：评估 {self.assessed} 人，平均 {self.mean} 分，{self.below} 人低于 {THRESHOLD} 分；"
            f"{self.need_departments}/{self.departments} 个部门为培训需求"
        )


@dataclass(frozen=True)
class NeedsReport:
    as_of: date | None
    department_id: int | None
    department: str  # the subtree's path, "" for the whole company
    rows: tuple[NeedsRow, ...]  # every department and competency assessed, by department path then competency
    summaries: tuple[CompetencySummary, ...]  # by competency name

    @property
    def needs(self) -> tuple[NeedsRow, ...]:
        return tuple(row for row in self.rows if row.is_need)


def _period_ranks(session: Session, as_of: date | None) -> dict[str, int]:
    """Each review period in use → its order by end date (unreadable ones oldest; after `as_of`, left out)."""
    periods = session.scalars(select(PerformanceReview.period).distinct()).all()
    dated = [(period_end(p), p) for p in periods]
    if as_of is not None:
        dated = [(end, p) for end, p in dated if end is not None and end <= as_of]
    dated.sort(key=lambda pair: (pair[0] or date.min, pair[1]))
    return {period: rank for rank, (_end, period) in enumerate(dated, start=1)}


def _scope(query: Select[*_Row], department_id: int | None, root_path: str) -> Select[*_Row]:
    query = query.where(Employee.status != EmployeeStatus.LEFT)
    if department_id is not None:
        query = query.where(
            Employee.department_id.in_(select(Department.id).where(Department.path.startswith(root_path)))
        )
    return query


def _scores(
    session: Session, ranks: dict[str, int], department_id: int | None, root_path: str
) -> list[tuple[int | None, int, int, int, int]]:
    """(department, competency, assessed, sum of scores, below 70) from each person's latest score."""
    rank = case(ranks, value=PerformanceReview.period, else_=0)
    numbered = _scope(
        select(
            Employee.department_id.label("department_id"),
            ReviewItem.competency_id.label("competency_id"),
            ReviewItem.score.label("score"),
            func.row_number()
            .over(
                partition_by=(PerformanceReview.employee_id, ReviewItem.competency_id),
                order_by=(rank.desc(), PerformanceReview.id.desc()),
            )
            .label("n"),
        )
        .select_from(ReviewItem)
        .join(PerformanceReview, PerformanceReview.id == ReviewItem.review_id)
        .join(Employee, Employee.id == PerformanceReview.employee_id)
        .where(PerformanceReview.period.in_(list(ranks))),
        department_id,
        root_path,
    ).subquery()
    rows = session.execute(
        select(
            numbered.c.department_id,
            numbered.c.competency_id,
            func.count(),
            func.sum(numbered.c.score),
            func.sum(case((numbered.c.score < THRESHOLD, 1), else_=0)),
        )
        .where(numbered.c.n == 1)
        .group_by(numbered.c.department_id, numbered.c.competency_id)
    ).all()
    return [(d, c, int(n), int(total), int(below)) for d, c, n, total, below in rows]


def _headcounts(session: Session, department_id: int | None, root_path: str) -> dict[int | None, int]:
    query = _scope(
        select(Employee.department_id, func.count()).group_by(Employee.department_id),
        department_id,
        root_path,
    )
    return {d: int(n) for d, n in session.execute(query).all()}


def _goal_counts(
    session: Session, department_id: int | None, root_path: str
) -> dict[tuple[int | None, int], int]:
    """(department, competency) → people whose career goal (text or target position) names the competency.

    One query for the goals of the people in scope; the names are matched here (a substring test, case
    ignored): a LIKE per goal and competency pair was most of the report's time at 10,000 people."""
    names = [(i, n.casefold()) for i, n in session.execute(select(Competency.id, Competency.name)).all()]
    query = _scope(
        select(Employee.department_id, Employee.id, CareerGoal.text, CareerGoal.target_position).join(
            Employee, Employee.id == CareerGoal.employee_id
        ),
        department_id,
        root_path,
    )
    people: dict[tuple[int | None, int], set[int]] = defaultdict(set)
    for department, employee_id, text, target in session.execute(query).all():
        said = f"{text}\n{target}".casefold()
        for competency_id, name in names:
            if name and name in said:
                people[(department, competency_id)].add(employee_id)
    return {key: len(ids) for key, ids in people.items()}


def _courses(session: Session) -> dict[int, list[CourseRef]]:
    found: dict[int, list[CourseRef]] = defaultdict(list)
    rows = session.execute(
        select(CourseCompetency.competency_id, Course.code, Course.title)
        .join(Course, Course.id == CourseCompetency.course_id)
        .where(Course.active.is_(True))
        .order_by(Course.code)
    ).all()
    for competency_id, code, title in rows:
        found[competency_id].append(CourseRef(code, title))
    return found


def _pool(session: Session) -> dict[tuple[int | None, int], list[PoolNeed]]:
    found: dict[tuple[int | None, int], list[PoolNeed]] = defaultdict(list)
    rows = session.execute(
        select(
            TrainingNeed.department_id,
            TrainingNeed.competency_id,
            TrainingNeed.id,
            TrainingNeed.title,
            TrainingNeed.status,
        )
        .where(TrainingNeed.competency_id.is_not(None))
        .order_by(TrainingNeed.id)
    ).all()
    for department_id, competency_id, need_id, title, status in rows:
        assert competency_id is not None
        found[(department_id, competency_id)].append(PoolNeed(need_id, title, status))
    return found


def needs_analysis(
    session: Session, *, department_id: int | None = None, as_of: date | None = None
) -> NeedsReport:
    """The report for the whole company or a department's subtree, from the reviews of periods ending by `as_of`
    (default: all). Every department and competency assessed is a row; `is_need` flags the needs."""
    root_path = get_or_raise(session, Department, department_id).path if department_id is not None else ""
    paths = department_paths(session)
    ranks = _period_ranks(session, as_of)
    scores = _scores(session, ranks, department_id, root_path) if ranks else []
    heads = _headcounts(session, department_id, root_path) if scores else {}
    goals = _goal_counts(session, department_id, root_path) if scores else {}
    courses = _courses(session) if scores else {}
    pool = _pool(session) if scores else {}
    names = {i: n for i, n in session.execute(select(Competency.id, Competency.name)).all()} if scores else {}
    rows = [
        NeedsRow(
            department_id=d,
            department=paths.get(d, "") if d is not None else "",
            competency_id=c,
            competency=names.get(c, ""),
            assessed=n,
            total=total,
            below=below,
            people=heads.get(d, 0),
            goal_people=goals.get((d, c), 0),
            courses=tuple(courses.get(c, ())),
            pool=tuple(pool.get((d, c), ())),
        )
        for d, c, n, total, below in scores
    ]
    rows.sort(key=lambda r: (r.department or "\uffff", r.competency))
    return NeedsReport(
        as_of,
        department_id,
        paths.get(department_id, "") if department_id is not None else "",
        tuple(rows),
        _summaries(rows),
    )


def _summaries(rows: list[NeedsRow]) -> tuple[CompetencySummary, ...]:
    by_competency: dict[int, list[NeedsRow]] = defaultdict(list)
    for row in rows:
        by_competency[row.competency_id].append(row)
    summaries = [
        CompetencySummary(
            competency_id,
            group[0].competency,
            sum(r.assessed for r in group),
            sum(r.total for r in group),
            sum(r.below for r in group),
            len(group),
            sum(1 for r in group if r.is_need),
        )
        for competency_id, group in by_competency.items()
    ]
    return tuple(sorted(summaries, key=lambda s: s.competency))


# ---- from a row to the pool --------------------------------------------------------------------------------


def need_data(row: NeedsRow) -> NeedData:
    """The need a report row becomes: "提升谈判技巧（销售部 平均 65.50 分）", with the figures as its detail."""
    title = f"提升{row.competency}（{row.department_name} 平均 {row.mean} 分）"
    lines = [
        f"需求分析：{row.department or NO_DEPARTMENT}“{row.competency}”评估 {row.assessed} 人，"
        f"平均 {row.mean} 分，{row.below} 人低于 {THRESHOLD} 分。",
    ]
    if row.courses:
        lines.append(f"相关课程：{row.courses_text()}。")
    sentence = row.goal_sentence("zh_CN")
    if sentence:
        lines.append(sentence + "。")
    return NeedData(
        title=title, department_id=row.department_id, competency_id=row.competency_id, detail="\n".join(lines)
    )


def need_from_row(uow: UnitOfWork, row: NeedsRow) -> int:
    """One click: the row as a need in the pool (新提交); refused (DuplicateNeed) when the department already
    has an open need for the competency. Returns the new need's id."""
    require(uow.principal, Permission.SUBMIT_NEEDS)
    return submit_unless_open(uow, need_data(row))
