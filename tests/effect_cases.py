"""Training-effect cases for tests, built by hand through the models: courses with competencies, sessions,
sign-ins, feedback, exams, action plans and reviews whose figures a test can work out on paper.

Imported by name like training_data.py (tests/ is on sys.path through tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy.orm import Session
from training_data import building, hand_in, make_course, make_session, sign_in

from desktop_hr.db import Database
from desktop_hr.models import (
    AssignmentType,
    AttendanceStatus,
    Competency,
    CourseCompetency,
    Employee,
    EmployeeStatus,
    ExamResult,
    Feedback,
    PerformanceReview,
    ReviewItem,
    TrainingSession,
)
from desktop_hr.services.archive.organisation import ensure_department_path

SALES = "总公司/销售部"
FINANCE = "总公司/财务部"


def person(session: Session, no: str, name: str, department: str = SALES, **overrides: Any) -> Employee:
    employee = Employee(
        employee_no=no, name=name, department_id=ensure_department_path(session, department), **overrides
    )
    session.add(employee)
    session.flush()
    return employee


def competency(session: Session, name: str) -> Competency:
    row = Competency(name=name)
    session.add(row)
    session.flush()
    return row


def addresses(session: Session, course_id: int, *competencies: Competency) -> None:
    session.add_all(CourseCompetency(course_id=course_id, competency_id=c.id) for c in competencies)
    session.flush()


def held(
    session: Session, course_id: int, code: str, starts: date, ends: date, **overrides: Any
) -> TrainingSession:
    """A session from 09:00 on `starts` to 17:00 on `ends`."""
    return make_session(
        session,
        course_id,
        code,
        datetime.combine(starts, time(9)),
        datetime.combine(ends, time(17)),
        **overrides,
    )


def reviews(session: Session, employee: Employee, scores: Mapping[str, Mapping[Competency, int]]) -> None:
    """Reviews by period ("2025H1"), each with its scores by competency."""
    for period, items in scores.items():
        review = PerformanceReview(employee_id=employee.id, period=period, overall_score=70)
        session.add(review)
        session.flush()
        session.add_all(
            ReviewItem(review_id=review.id, competency_id=c.id, score=s) for c, s in items.items()
        )
    session.flush()


def feedback(
    session: Session, training: TrainingSession, employee: Employee, satisfaction: int, rating: int
) -> None:
    session.add(
        Feedback(
            session_id=training.id,
            employee_id=employee.id,
            trainer_satisfaction=satisfaction,
            course_rating=rating,
        )
    )
    session.flush()


def exam(session: Session, training: TrainingSession, employee: Employee, score: int) -> None:
    session.add(ExamResult(session_id=training.id, employee_id=employee.id, score=score))
    session.flush()


@dataclass(frozen=True)
class Office:
    """What `negotiation_office` built."""

    course_id: int
    other_course_id: int
    sales_id: int
    finance_id: int


def negotiation_office(db: Database) -> Office:
    """谈判技巧 (C01, addresses 谈判能力 and 沟通能力) held twice in 2025, 安全生产 (C02, no competency) once.

    S01 2025-06-30..07-01, pass mark 60, action plan: 00001 00002 00003 (销售部) and 00005 (财务部) attend.
      Reviews 2025H1 (ends on the start day: before) and 2025Q3 (the first after):
      谈判能力 00001 60→80, 00002 70→84, 00005 65→82; 00003 has no review after.
      沟通能力 00001 70→75 only.
    S02 2025-09-01..09-30: 00004 attends (its 2025Q3 review ends on its last day: not after).
    Not trained: 00006 66→68 (absent from S01), 00007 66→68 (销售部), 00008 left (90→95), 00009 (财务部) 50→60,
      00010 only 2025Q3 scores.
    Feedback on S01: (90, 5) (80, 4) (70, 3); exams 59, 60, 90 (00005 none); action plans 00001 on day 30
      (adopted), 00002 on day 31 (adopted, late), 00005 on day 3 (not adopted).
    C02 S03 2025-04-01: 00001 attends, an exam of 30 with no pass mark.
    """
    with building(db) as s:
        talk = competency(s, "谈判能力")
        speak = competency(s, "沟通能力")
        course = make_course(s, "C01", "谈判技巧")
        other = make_course(s, "C02", "安全生产")
        addresses(s, course.id, talk, speak)
        p1 = person(s, "00001", "张三")
        p2 = person(s, "00002", "李四")
        p3 = person(s, "00003", "王五")
        p4 = person(s, "00004", "赵六")
        p5 = person(s, "00005", "钱七", FINANCE)
        n6 = person(s, "00006", "孙八")
        n7 = person(s, "00007", "周九")
        n8 = person(s, "00008", "吴十", status=EmployeeStatus.LEFT)
        n9 = person(s, "00009", "郑一", FINANCE)
        n10 = person(s, "00010", "冯二")
        s01 = held(
            s,
            course.id,
            "S01",
            date(2025, 6, 30),
            date(2025, 7, 1),
            pass_mark=60,
            assignment_type=AssignmentType.ACTION_PLAN,
        )
        s02 = held(s, course.id, "S02", date(2025, 9, 1), date(2025, 9, 30))
        s03 = held(s, other.id, "S03", date(2025, 4, 1), date(2025, 4, 1))
        for attendee in (p1, p2, p3, p5):
            sign_in(s, s01, attendee)
        sign_in(s, s01, n6, AttendanceStatus.ABSENT)
        sign_in(s, s02, p4, AttendanceStatus.LATE)
        sign_in(s, s03, p1)
        before, after = "2025H1", "2025Q3"
        reviews(s, p1, {before: {talk: 60, speak: 70}, after: {talk: 80, speak: 75}})
        reviews(s, p2, {before: {talk: 70}, after: {talk: 84}})
        reviews(s, p3, {before: {talk: 50}})
        reviews(s, p4, {before: {talk: 40}, after: {talk: 99}})
        reviews(s, p5, {before: {talk: 65}, after: {talk: 82}})
        reviews(s, n6, {before: {talk: 66}, after: {talk: 68}})
        reviews(s, n7, {before: {talk: 66}, after: {talk: 68}})
        reviews(s, n8, {before: {talk: 90}, after: {talk: 95}})
        reviews(s, n9, {before: {talk: 50}, after: {talk: 60}})
        reviews(s, n10, {after: {talk: 10}})
        feedback(s, s01, p1, 90, 5)
        feedback(s, s01, p2, 80, 4)
        feedback(s, s01, p5, 70, 3)
        exam(s, s01, p1, 59)
        exam(s, s01, p2, 60)
        exam(s, s01, p3, 90)
        exam(s, s03, p1, 30)
        plan = AssignmentType.ACTION_PLAN
        hand_in(s, s01, p1, plan, datetime(2025, 7, 31, 18), adopted=True)  # day 30 after 07-01
        hand_in(s, s01, p2, plan, datetime(2025, 8, 1, 8), adopted=True)  # day 31
        hand_in(s, s01, p5, plan, datetime(2025, 7, 4, 10))
        sales = ensure_department_path(s, SALES)
        finance = ensure_department_path(s, FINANCE)
        return Office(course.id, other.id, sales, finance)
