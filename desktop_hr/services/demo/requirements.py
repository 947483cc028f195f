"""The demo's requirements come alive: the probation checklist's courses created (create_missing_courses), and
the onboarding sessions of the last months, so that some people on probation have done all three courses,
some part of them, and the Requirements tab shows both."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from desktop_hr.db import Database
from desktop_hr.models import (
    Attendance,
    AttendanceStatus,
    Course,
    Employee,
    EmployeeStatus,
    Enrolment,
    EnrolmentSource,
    EnrolmentStatus,
    SessionStatus,
    SignInMethod,
    TrainingSession,
)
from desktop_hr.services.requirements.rules import create_missing_courses, find_requirement, get_requirement

PROBATION = "试用期转正"  # the shipped requirement whose checklist the demo runs
# How likely someone on probation attended each course of the checklist (in the checklist's order): the
# first is run in the first week, the last is often still ahead.
ATTENDANCE_CHANCE = (0.95, 0.8, 0.55)
PLACE = "总部三楼培训室"


@dataclass(frozen=True)
class OnboardingDemoReport:
    onboarding_courses: int  # courses of the checklist created
    onboarding_sessions: int
    onboarding_sign_ins: int


def fill_onboarding(db: Database, seed: int, today: date) -> OnboardingDemoReport:
    """Create the probation checklist's missing courses, then run each of them once a month over the half
    year before `today` and sign in the people on probation hired before each run (by chance, so that the
    checklist is complete for some and not for others). Its own random numbers: the rest of the demo is the
    same with or without it."""
    with db.read_session() as session:
        requirement_id = find_requirement(session, PROBATION)
    if requirement_id is None:
        return OnboardingDemoReport(0, 0, 0)
    created = create_missing_courses(db.uow(), requirement_id)
    rng = random.Random(seed)
    sessions = sign_ins = 0
    with db.uow() as uow:
        session = uow.session
        codes = [item.course_code for item in get_requirement(session, requirement_id).courses]
        courses = {c.code: c for c in session.scalars(select(Course).where(Course.code.in_(codes)))}
        newcomers = list(
            session.scalars(
                select(Employee)
                .where(Employee.status == EmployeeStatus.PROBATION)
                .order_by(Employee.employee_no)
            )
        )
        chances = {person.id: [rng.random() < chance for chance in ATTENDANCE_CHANCE] for person in newcomers}
        for months_ago in range(6, 0, -1):
            first_monday = _monday_after(today - timedelta(days=30 * months_ago))
            for index, code in enumerate(codes):
                course = courses.get(code)
                if course is None:
                    continue
                day = first_monday + timedelta(days=index)
                # Those hired in the month before this run (or before the first run) take it; a run
                # with nobody new is not held.
                takers = [
                    person
                    for person in newcomers
                    if day - timedelta(days=31) < (person.hire_date or today) <= day
                    or (months_ago == 6 and (person.hire_date or today) <= day)
                ]
                if not takers:
                    continue
                starts = datetime.combine(day, time(9))
                training = TrainingSession(
                    code=f"ONB{day:%Y%m%d}-{index + 1}",
                    course_id=course.id,
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=4),
                    place=PLACE,
                    external_trainer="",
                    status=SessionStatus.FINISHED,
                    note="新员工入职培训",
                )
                session.add(training)
                session.flush()
                sessions += 1
                for person in takers:
                    session.add(
                        Enrolment(
                            session_id=training.id,
                            employee_id=person.id,
                            status=EnrolmentStatus.ENROLLED,
                            source=EnrolmentSource.HR,
                            requested_at=starts - timedelta(days=3),
                        )
                    )
                    attended = chances[person.id][index]
                    session.add(
                        Attendance(
                            session_id=training.id,
                            employee_id=person.id,
                            status=AttendanceStatus.PRESENT if attended else AttendanceStatus.ABSENT,
                            signed_in_at=starts - timedelta(minutes=rng.randint(0, 15)) if attended else None,
                            method=SignInMethod.KIOSK if attended else SignInMethod.GRID,
                            recorded_by="demo",
                        )
                    )
                    sign_ins += attended
        uow.commit()
    return OnboardingDemoReport(len(created), sessions, sign_ins)


def _monday_after(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7)
