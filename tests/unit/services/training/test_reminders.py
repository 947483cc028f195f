"""Home-page reminders: each window's first and last day, and who is (not) on the lists."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from training_data import building, full_days, hand_in, make_course, make_people, make_session, sign_in
from training_data import enrol as enrol_in

from desktop_hr.db import Database
from desktop_hr.models import (
    AssignmentType,
    AttendanceStatus,
    EmployeeStatus,
    SessionStatus,
)
from desktop_hr.services.training.reminders import Reminder, ReminderKind, reminder_counts, reminders

TODAY = date(2026, 3, 1)


# ---- building a small training archive straight through the models (the services are elsewhere) ----


def add_employee(db: Database, no: str, name: str, status: EmployeeStatus = EmployeeStatus.ACTIVE) -> int:
    with building(db) as s:
        return make_people(s, {no: name}, status=status)[0].id


def add_course(db: Database, code: str, title: str, hours: str = "3", credits: str = "1.5") -> int:
    with building(db) as s:
        return make_course(s, code, title, hours=Decimal(hours), credits=Decimal(credits)).id


def add_session(
    db: Database,
    code: str,
    course_id: int,
    day: date,
    *,
    days: int = 1,
    status: SessionStatus = SessionStatus.FINISHED,
    assignment: AssignmentType | None = None,
    due: date | None = None,
) -> int:
    """A session from 09:00 on `day` to 17:00 on its last day."""
    with building(db) as s:
        return make_session(
            s,
            course_id,
            code,
            *full_days(day, days),
            place="三楼培训室",
            status=status,
            assignment_type=assignment,
            assignment_due=due,
        ).id


def attend(
    db: Database, session_id: int, employee_id: int, status: AttendanceStatus = AttendanceStatus.PRESENT
) -> None:
    with building(db) as s:
        enrol_in(s, session_id, employee_id)
        sign_in(s, session_id, employee_id, status)


def enrol(db: Database, session_id: int, employee_id: int) -> None:
    with building(db) as s:
        enrol_in(s, session_id, employee_id)


def submit(
    db: Database,
    session_id: int,
    employee_id: int,
    kind: AssignmentType,
    at: datetime,
    *,
    hr: int | None = None,
    head: int | None = None,
) -> None:
    with building(db) as s:
        hand_in(s, session_id, employee_id, kind, at, hr_score=hr, head_score=head)


# ---- tests --------------------------------------------------------------------------------------


def _now(db: Database, today: date = TODAY) -> list[Reminder]:
    with db.read_session() as session:
        return reminders(session, today)


def _of(found: list[Reminder], kind: ReminderKind) -> list[Reminder]:
    return [r for r in found if r.kind is kind]


@pytest.fixture
def course(db: Database) -> int:
    return add_course(db, "C01", "沟通技巧")


@pytest.fixture
def people(db: Database) -> list[int]:
    return [add_employee(db, f"{n:04d}", name) for n, name in enumerate(["张伟", "李娜", "王芳", "刘洋"], 1)]


def test_nothing_to_do_in_an_empty_archive(db: Database) -> None:
    assert _now(db) == []
    assert reminder_counts([]) == dict.fromkeys(ReminderKind, 0)


def test_sessions_starting_today_to_three_days_ahead(db: Database, course: int, people: list[int]) -> None:
    planned = SessionStatus.PLANNED
    today = add_session(db, "S-0", course, TODAY, status=planned)
    third = add_session(db, "S-3", course, TODAY + timedelta(days=3), status=SessionStatus.OPEN)
    add_session(db, "S-4", course, TODAY + timedelta(days=4), status=planned)
    add_session(db, "S-X", course, TODAY + timedelta(days=1), status=SessionStatus.CANCELLED)
    enrol(db, third, people[0])
    enrol(db, third, people[1])
    upcoming = _of(_now(db), ReminderKind.UPCOMING_SESSION)
    assert [(r.session_id, r.days_left, r.employee_id) for r in upcoming] == [
        (today, 0, None),
        (third, 3, None),
    ]
    assert "沟通技巧" in upcoming[1].title
    assert "已报名 2 人" in upcoming[1].detail
    assert upcoming[0].when() == "今天"
    assert upcoming[1].when() == "还有 3 天"


def test_action_plans_are_chased_from_the_tenth_day_after_the_session(
    db: Database, course: int, people: list[int]
) -> None:
    plan = AssignmentType.ACTION_PLAN
    ten = add_session(db, "AP-10", course, TODAY - timedelta(days=10), assignment=plan)
    nine = add_session(db, "AP-9", course, TODAY - timedelta(days=9), assignment=plan)
    for session_id in (ten, nine):
        for person in people:
            attend(db, session_id, person)
    chased = _of(_now(db), ReminderKind.ACTION_PLAN_CHASE)
    assert {r.session_id for r in chased} == {ten}
    assert sorted(r.employee_id for r in chased if r.employee_id) == sorted(people)
    # Due 30 days after the session when the session sets no date.
    assert {r.due for r in chased} == {TODAY + timedelta(days=20)}
    assert {r.days_left for r in chased} == {20}


def test_only_participants_without_an_action_plan_are_chased(
    db: Database, course: int, people: list[int]
) -> None:
    left = add_employee(db, "0099", "赵六", EmployeeStatus.LEFT)
    session_id = add_session(
        db, "AP", course, TODAY - timedelta(days=12), assignment=AssignmentType.ACTION_PLAN
    )
    attend(db, session_id, people[0], AttendanceStatus.PRESENT)
    attend(db, session_id, people[1], AttendanceStatus.LATE)
    attend(db, session_id, people[2], AttendanceStatus.ABSENT)
    attend(db, session_id, people[3], AttendanceStatus.EXCUSED)
    attend(db, session_id, left, AttendanceStatus.PRESENT)
    # A reflection is not the action plan the session asked for.
    submit(db, session_id, people[1], AssignmentType.REFLECTION, datetime(2026, 2, 20, 10))
    chased = _of(_now(db), ReminderKind.ACTION_PLAN_CHASE)
    assert sorted(r.employee_id for r in chased if r.employee_id) == [people[0], people[1]]
    assert "张伟（0001）" in chased[0].title
    submit(db, session_id, people[0], AssignmentType.ACTION_PLAN, datetime(2026, 2, 25, 10))
    chased = _of(_now(db), ReminderKind.ACTION_PLAN_CHASE)
    assert [r.employee_id for r in chased] == [people[1]]


def test_chasing_hands_over_to_due_soon_and_then_to_overdue(
    db: Database, course: int, people: list[int]
) -> None:
    plan = AssignmentType.ACTION_PLAN
    start = TODAY - timedelta(days=15)
    three = add_session(db, "D+3", course, start, assignment=plan, due=TODAY + timedelta(days=3))
    two = add_session(db, "D+2", course, start, assignment=plan, due=TODAY + timedelta(days=2))
    zero = add_session(db, "D+0", course, start, assignment=plan, due=TODAY)
    late = add_session(db, "D-1", course, start, assignment=plan, due=TODAY - timedelta(days=1))
    for session_id in (three, two, zero, late):
        attend(db, session_id, people[0])
    found = _now(db)
    # Each piece of missing work is listed once, under its most pressing heading.
    assert [(r.kind, r.session_id) for r in found] == [
        (ReminderKind.SUBMISSION_DUE, zero),
        (ReminderKind.SUBMISSION_DUE, two),
        (ReminderKind.ACTION_PLAN_CHASE, three),
        (ReminderKind.SUBMISSION_OVERDUE, late),
    ]
    assert [r.days_left for r in found[:3]] == [0, 2, 3]
    assert found[3].days_overdue == 1
    assert found[3].when() == "逾期 1 天"
    assert reminder_counts(found)[ReminderKind.SUBMISSION_DUE] == 2


def test_reflections_due_within_two_days(db: Database, course: int, people: list[int]) -> None:
    reflection = AssignmentType.REFLECTION
    start = TODAY - timedelta(days=3)
    two = add_session(db, "R+2", course, start, assignment=reflection, due=TODAY + timedelta(days=2))
    three = add_session(db, "R+3", course, start, assignment=reflection, due=TODAY + timedelta(days=3))
    undated = add_session(db, "R", course, TODAY - timedelta(days=60), assignment=reflection)
    for session_id in (two, three, undated):
        attend(db, session_id, people[0])
        attend(db, session_id, people[1])
    submit(db, two, people[1], reflection, datetime(2026, 2, 28, 20))
    found = _now(db)
    # Not due yet (3 days) and never due (no date, not an action plan) are not listed.
    assert [(r.kind, r.session_id, r.employee_id) for r in found] == [
        (ReminderKind.SUBMISSION_DUE, two, people[0])
    ]
    assert "心得" in found[0].title


def test_overdue_lists_days_overdue_per_person(db: Database, course: int, people: list[int]) -> None:
    homework = AssignmentType.HOMEWORK
    session_id = add_session(
        db, "H", course, TODAY - timedelta(days=20), assignment=homework, due=TODAY - timedelta(days=5)
    )
    for person in people[:3]:
        attend(db, session_id, person)
    submit(db, session_id, people[2], homework, datetime(2026, 2, 27, 9))  # late, but handed in
    overdue = _of(_now(db), ReminderKind.SUBMISSION_OVERDUE)
    assert sorted(r.employee_id for r in overdue if r.employee_id) == [people[0], people[1]]
    assert {r.days_overdue for r in overdue} == {5}
    assert {r.days_left for r in overdue} == {None}
    # The day before the due date passed, the same work was merely due.
    assert _of(_now(db, TODAY - timedelta(days=5)), ReminderKind.SUBMISSION_OVERDUE) == []


def test_cancelled_sessions_owe_nothing(db: Database, course: int, people: list[int]) -> None:
    session_id = add_session(
        db,
        "C",
        course,
        TODAY - timedelta(days=20),
        status=SessionStatus.CANCELLED,
        assignment=AssignmentType.HOMEWORK,
        due=TODAY - timedelta(days=5),
    )
    attend(db, session_id, people[0])
    assert _now(db) == []


def test_past_sessions_still_planned_or_open_should_be_closed(db: Database, course: int) -> None:
    yesterday = add_session(db, "P-1", course, TODAY - timedelta(days=1), status=SessionStatus.PLANNED)
    week = add_session(db, "O-7", course, TODAY - timedelta(days=7), status=SessionStatus.OPEN)
    add_session(db, "P-0", course, TODAY, status=SessionStatus.PLANNED)  # still running today
    add_session(db, "F-1", course, TODAY - timedelta(days=1), status=SessionStatus.FINISHED)
    add_session(db, "X-1", course, TODAY - timedelta(days=1), status=SessionStatus.CANCELLED)
    # Two days long, ending today: not over yet.
    add_session(db, "P-2d", course, TODAY - timedelta(days=1), days=2, status=SessionStatus.PLANNED)
    stale = _of(_now(db), ReminderKind.SESSION_NOT_CLOSED)
    assert [(r.session_id, r.days_overdue) for r in stale] == [(week, 7), (yesterday, 1)]
    assert "报名中" in stale[0].title


def test_reminders_come_in_kind_order(db: Database, course: int, people: list[int]) -> None:
    add_session(db, "OLD", course, TODAY - timedelta(days=2), status=SessionStatus.PLANNED)
    add_session(db, "NEW", course, TODAY + timedelta(days=1), status=SessionStatus.PLANNED)
    chase = add_session(db, "AP", course, TODAY - timedelta(days=11), assignment=AssignmentType.ACTION_PLAN)
    attend(db, chase, people[0])
    kinds = [r.kind for r in _now(db)]
    assert kinds == [
        ReminderKind.UPCOMING_SESSION,
        ReminderKind.ACTION_PLAN_CHASE,
        ReminderKind.SESSION_NOT_CLOSED,
    ]
