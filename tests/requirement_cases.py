"""Small hand-built cases for the requirement tests: people, attended sessions, historical records.

Imported by name like training_data.py; the builders add to an open Session and flush.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.models import (
    AssignmentType,
    Attendance,
    AttendanceStatus,
    Competency,
    Course,
    CourseCategory,
    CourseCompetency,
    Employee,
    EmployeeStatus,
    PersonnelCategory,
    Requirement,
    Submission,
    TrainingRecord,
    TrainingSession,
)
from desktop_hr.services.requirements.evaluation import Standing, evaluate

_numbers = itertools.count(1)


def person(session: Session, no: str, name: str, **overrides: Any) -> Employee:
    """An active employee (professional staff unless `overrides` say otherwise)."""
    values: dict[str, Any] = {"category": PersonnelCategory.PROFESSIONAL, "status": EmployeeStatus.ACTIVE}
    employee = Employee(employee_no=no, name=name, **{**values, **overrides})
    session.add(employee)
    session.flush()
    return employee


def course(session: Session, code: str, *, hours: str = "0", credits: str = "0", **overrides: Any) -> Course:
    found = session.scalar(select(Course).where(Course.code == code))
    if found is not None:
        return found
    row = Course(
        code=code,
        title=overrides.pop("title", code),
        hours=Decimal(hours),
        credits=Decimal(credits),
        **{"category": CourseCategory.REQUIRED, **overrides},
    )
    session.add(row)
    session.flush()
    return row


def addresses(session: Session, row: Course, competency: str) -> None:
    found = session.scalar(select(Competency).where(Competency.name == competency))
    if found is None:
        found = Competency(name=competency)
        session.add(found)
        session.flush()
    session.add(CourseCompetency(course_id=row.id, competency_id=found.id))
    session.flush()


def attended(
    session: Session,
    who: Employee,
    row: Course,
    day: date,
    status: AttendanceStatus = AttendanceStatus.PRESENT,
) -> TrainingSession:
    """A session of `row` on `day` (09:00 to 17:00) that `who` signed in to with `status`."""
    start = datetime.combine(day, time(9))
    training = TrainingSession(
        code=f"S{next(_numbers):05d}", course_id=row.id, starts_at=start, ends_at=start + timedelta(hours=8)
    )
    session.add(training)
    session.flush()
    session.add(Attendance(session_id=training.id, employee_id=who.id, status=status))
    session.flush()
    return training


def handed_in(
    session: Session,
    who: Employee,
    training: TrainingSession,
    kind: AssignmentType = AssignmentType.REFLECTION,
    *,
    excellent: bool = False,
) -> None:
    session.add(
        Submission(
            session_id=training.id,
            employee_id=who.id,
            kind=kind,
            submitted_at=training.ends_at + timedelta(days=1),
            excellent=excellent,
        )
    )
    session.flush()


def record(
    session: Session, who: Employee, day: date, *, hours: str = "0", credits: str = "0", **overrides: Any
) -> None:
    session.add(
        TrainingRecord(
            employee_id=who.id,
            course_title=overrides.pop("course_title", f"历史培训{next(_numbers)}"),
            on_date=day,
            hours=Decimal(hours),
            credits=Decimal(credits),
            **overrides,
        )
    )
    session.flush()


def requirement_id(db: Database, name: str) -> int:
    with db.read_session() as session:
        found = session.scalar(select(Requirement.id).where(Requirement.name == name))
    assert found is not None, name
    return int(found)


def standing(db: Database, name: str, employee_no: str, year: int) -> Standing | None:
    """The person's standing against the requirement called `name`, or None when it does not apply."""
    with db.read_session() as session:
        found = [
            s
            for s in evaluate(session, year, requirement_ids=[requirement_id(db, name)])
            if s.employee_no == employee_no
        ]
    return found[0] if found else None
