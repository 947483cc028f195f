"""Training data for tests, built straight through the models (the services are what the tests check).

Imported by name like workbooks.py (tests/ is on sys.path through tests/conftest.py). The builders add
to an open Session and flush, so ids can be read at once; `building(db)` commits a block of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.models import (
    AssignmentType,
    Attendance,
    AttendanceStatus,
    Course,
    CourseCategory,
    Employee,
    Enrolment,
    EnrolmentStatus,
    Submission,
    TrainingSession,
)

START = datetime(2026, 3, 5, 9)
SessionRef = TrainingSession | int
PersonRef = Employee | int


def _id(row: Any) -> int:
    return row if isinstance(row, int) else int(row.id)


@contextmanager
def building(db: Database) -> Iterator[Session]:
    """A write session whose rows are committed when the block ends (ids stay readable after)."""
    with db.uow() as uow:
        yield uow.session
        uow.commit()


def make_course(session: Session, code: str = "C01", title: str = "安全生产", **overrides: Any) -> Course:
    """A required course unless `overrides` say otherwise (category, delivery, hours, credits, ...)."""
    course = Course(code=code, title=title, **{"category": CourseCategory.REQUIRED, **overrides})
    session.add(course)
    session.flush()
    return course


def make_people(
    session: Session, names: Mapping[str, str] | Iterable[tuple[str, str]], **overrides: Any
) -> list[Employee]:
    """Employees from 工号 -> name, in that order; `overrides` apply to each (department, status, ...)."""
    people = [Employee(employee_no=no, name=name, **overrides) for no, name in dict(names).items()]
    session.add_all(people)
    session.flush()
    return people


def numbered(count: int, name: str = "员工") -> dict[str, str]:
    """00001 员工1, 00002 员工2, ... (up to 9)."""
    return {f"0000{n}": f"{name}{n}" for n in range(1, count + 1)}


def full_days(day: date, days: int = 1) -> tuple[datetime, datetime]:
    """09:00 on `day` to 17:00 on its last day."""
    return datetime.combine(day, time(9)), datetime.combine(day + timedelta(days=days - 1), time(17))


def make_session(
    session: Session,
    course: Course | int,
    code: str = "S01",
    starts_at: datetime = START,
    ends_at: datetime | None = None,
    **overrides: Any,
) -> TrainingSession:
    """A session of `course`; three hours long unless `ends_at` is given."""
    training = TrainingSession(
        code=code,
        course_id=_id(course),
        starts_at=starts_at,
        ends_at=ends_at if ends_at is not None else starts_at + timedelta(hours=3),
        **overrides,
    )
    session.add(training)
    session.flush()
    return training


def enrol(
    session: Session,
    training: SessionRef,
    *people: PersonRef,
    status: EnrolmentStatus = EnrolmentStatus.ENROLLED,
) -> None:
    session.add_all(
        Enrolment(session_id=_id(training), employee_id=_id(person), status=status) for person in people
    )
    session.flush()


def sign_in(
    session: Session,
    training: SessionRef,
    person: PersonRef,
    status: AttendanceStatus = AttendanceStatus.PRESENT,
    **overrides: Any,
) -> None:
    session.add(Attendance(session_id=_id(training), employee_id=_id(person), status=status, **overrides))
    session.flush()


def hand_in(
    session: Session,
    training: SessionRef,
    person: PersonRef,
    kind: AssignmentType,
    submitted_at: datetime,
    **overrides: Any,
) -> None:
    """A submission row as stored (scores, flags, title in `overrides`), without the service's checks."""
    session.add(
        Submission(
            session_id=_id(training),
            employee_id=_id(person),
            kind=kind,
            submitted_at=submitted_at,
            **overrides,
        )
    )
    session.flush()


# ---- scenarios several modules share ---------------------------------------------------------


def exam_session(
    session: Session, people: int, *, waitlisted: int = 0
) -> tuple[TrainingSession, list[Employee]]:
    """安全生产 S01 on 2026-03-05 with pass mark 60; 00001.. enrolled, the last `waitlisted` of them waitlisted."""
    course = make_course(session)
    persons = make_people(session, numbered(people))
    training = make_session(session, course, "S01", *full_days(date(2026, 3, 5)), pass_mark=60)
    split = people - waitlisted
    enrol(session, training, *persons[:split])
    enrol(session, training, *persons[split:], status=EnrolmentStatus.WAITLISTED)
    return training, persons


REFLECTION_PEOPLE = {"00001": "杜凤勇", "00002": "王芳", "00003": "李雷"}


def reflection_session(session: Session, enrolled: int) -> tuple[TrainingSession, list[Employee]]:
    """谈判技巧 S01 from 2026-03-05 09:00 to 03-06 17:00, a reflection due 03-13; the first `enrolled` of
    00001 杜凤勇, 00002 王芳, 00003 李雷 enrolled."""
    course = make_course(session, title="谈判技巧")
    people = make_people(session, REFLECTION_PEOPLE)
    training = make_session(
        session,
        course,
        "S01",
        *full_days(date(2026, 3, 5), days=2),
        assignment_type=AssignmentType.REFLECTION,
        assignment_due=date(2026, 3, 13),
    )
    enrol(session, training, *people[:enrolled])
    return training, people
