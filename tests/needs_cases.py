"""Small offices built by hand for the needs pool and the needs analysis: departments, people, reviews, goals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy.orm import Session
from training_data import building, make_course

from desktop_hr.db import Database
from desktop_hr.models import (
    CareerGoal,
    Competency,
    Department,
    Employee,
    EmployeeStatus,
    PerformanceReview,
    ReviewItem,
    Role,
)
from desktop_hr.services.trust.permissions import Principal


@dataclass
class Office:
    departments: dict[str, int] = field(default_factory=dict)  # name -> id
    competencies: dict[str, int] = field(default_factory=dict)
    people: dict[str, int] = field(default_factory=dict)  # 工号 -> id
    courses: dict[str, int] = field(default_factory=dict)  # code -> id
    subtree: dict[str, set[int]] = field(default_factory=dict)  # name -> its id and those under it
    parents: dict[str, str | None] = field(default_factory=dict)

    def head(self, department: str) -> Principal:
        """The head of `department`, who sees it and the departments under it."""
        return Principal(
            name=f"head-{department}",
            role=Role.DEPARTMENT_HEAD,
            department_id=self.departments[department],
            departments=frozenset(self.subtree[department]),
        )


def add_department(session: Session, office: Office, name: str, parent: str | None) -> int:
    parent_row = session.get_one(Department, office.departments[parent]) if parent else None
    department = Department(
        name=name,
        kind="company" if parent is None else "department",
        parent_id=parent_row.id if parent_row else None,
    )
    department.path = ""
    session.add(department)
    session.flush()
    department.path = f"{parent_row.path if parent_row else ''}{department.id}/"
    office.departments[name] = department.id
    office.subtree[name] = {department.id}
    office.parents[name] = parent
    walk = parent
    while walk is not None:
        office.subtree[walk].add(department.id)
        walk = office.parents[walk]
    return department.id


def person(
    session: Session,
    office: Office,
    no: str,
    department: str,
    reviews: Mapping[str, Mapping[str, int]] = {},
    *,
    goals: tuple[str, ...] = (),
    target: str = "",
    left: bool = False,
) -> int:
    """One person with reviews (period -> competency -> score) and career goals."""
    employee = Employee(
        employee_no=no,
        name=f"员工{no}",
        department_id=office.departments[department],
        status=EmployeeStatus.LEFT if left else EmployeeStatus.ACTIVE,
    )
    session.add(employee)
    session.flush()
    for period, scores in reviews.items():
        review = PerformanceReview(employee_id=employee.id, period=period, overall_score=80)
        session.add(review)
        session.flush()
        for competency, score in scores.items():
            session.add(
                ReviewItem(
                    review_id=review.id, competency_id=competency_id(session, office, competency), score=score
                )
            )
    # A target position alone is a goal too (with no text).
    for text in goals or (("",) if target else ()):
        session.add(CareerGoal(employee_id=employee.id, text=text, target_position=target))
    session.flush()
    office.people[no] = employee.id
    return employee.id


def competency_id(session: Session, office: Office, name: str) -> int:
    if name not in office.competencies:
        competency = Competency(name=name)
        session.add(competency)
        session.flush()
        office.competencies[name] = competency.id
    return office.competencies[name]


def small_office(db: Database) -> Office:
    """总公司 > 销售部 (> 华东组), 技术部; competencies 谈判技巧, 团队培养; a course on each, one inactive."""
    office = Office()
    with building(db) as session:
        add_department(session, office, "总公司", None)
        add_department(session, office, "销售部", "总公司")
        add_department(session, office, "华东组", "销售部")
        add_department(session, office, "技术部", "总公司")
        for name in ("谈判技巧", "团队培养"):
            competency_id(session, office, name)
        negotiation = session.get_one(Competency, office.competencies["谈判技巧"])
        coaching = session.get_one(Competency, office.competencies["团队培养"])
        for code, title, competencies, active in (
            ("N01", "商务谈判实务", [negotiation], True),
            ("N02", "谈判心理学", [negotiation], False),
            ("T01", "教练式辅导", [coaching], True),
        ):
            course = make_course(session, code, title, active=active)
            course.competencies = competencies
            office.courses[code] = course.id
    return office
