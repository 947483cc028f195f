"""Training sessions: validation naming field and value, capacity against the enrolled, status, delete, the table."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

import pytest
from training_data import building, make_course, sign_in

from desktop_hr.db import Database
from desktop_hr.errors import StillReferenced
from desktop_hr.models import (
    AttendanceStatus,
    CourseCategory,
    EmployeeStatus,
    EnrolmentStatus,
    SessionStatus,
)
from desktop_hr.services.archive import employees as emp
from desktop_hr.services.archive import organisation as org
from desktop_hr.services.training import sessions as ses
from desktop_hr.services.training.enrolment import enrol, enrolment_rows

TODAY = date(2026, 3, 1)
START = datetime(2026, 3, 15, 9, 0)
END = datetime(2026, 3, 15, 17, 0)


@dataclass(frozen=True)
class Seed:
    course_id: int
    other_course_id: int
    sales_id: int  # 总公司/华东分部/销售部
    branch_id: int  # 总公司/华东分部
    people: list[int]  # E001..E012, active, in 销售部 (E011, E012 in 华东分部 itself)
    left_id: int  # E099, left
    trainer_id: int  # T001, an internal trainer


def seed(db: Database) -> Seed:
    """A small company: two courses, a branch with a sales department, a dozen people, one who left."""
    with building(db) as s:
        first = make_course(s, "C001", "沟通技巧")
        second = make_course(s, "C002", "安全生产", category=CourseCategory.ELECTIVE)
        course_ids = (first.id, second.id)
        sales_id = org.ensure_department_path(s, "总公司/华东分部/销售部")
        branch_id = org.ensure_department_path(s, "总公司/华东分部")
    people = [
        emp.create_employee(
            db.uow(),
            emp.EmployeeData(
                employee_no=f"E{n:03d}", name=f"员工{n}", department_id=sales_id if n <= 10 else branch_id
            ),
        )
        for n in range(1, 13)
    ]
    left_id = emp.create_employee(
        db.uow(),
        emp.EmployeeData(
            employee_no="E099", name="离职者", status=EmployeeStatus.LEFT, leave_date=date(2025, 12, 31)
        ),
    )
    trainer_id = emp.create_employee(
        db.uow(), emp.EmployeeData(employee_no="T001", name="王讲师", is_trainer=True)
    )
    return Seed(course_ids[0], course_ids[1], sales_id, branch_id, people, left_id, trainer_id)


def session_data(course_id: int, **changes: object) -> ses.SessionData:
    data = ses.SessionData(
        code="S2026-0315-01", course_id=course_id, starts_at=START, ends_at=END, place="一楼会议室"
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def make_session(db: Database, course_id: int, **changes: object) -> int:
    return ses.create_session(db.uow(), session_data(course_id, **changes))


@pytest.fixture
def world(db: Database) -> Seed:
    return seed(db)


def failure(db: Database, data: ses.SessionData, session_id: int | None = None) -> ses.ValidationFailed:
    with pytest.raises(ses.ValidationFailed) as caught:
        if session_id is None:
            ses.create_session(db.uow(), data)
        else:
            ses.update_session(db.uow(), session_id, data)
    return caught.value


def test_create_and_read_back(db: Database, world: Seed) -> None:
    sid = make_session(db, world.course_id, trainer_id=world.trainer_id, capacity=30, code=" S1\u3000")
    with db.read_session() as s:
        data = ses.get_session(s, sid)
        summary = ses.session_summary(s, sid)
    assert data.code == "S1" and data.capacity == 30 and data.trainer_id == world.trainer_id
    assert (summary.course_title, summary.trainer, summary.trainer_no) == ("沟通技巧", "王讲师", "T001")
    assert (summary.enrolled, summary.waitlisted, summary.attended) == (0, 0, 0)


def test_end_before_or_at_start_is_refused_naming_field_and_value(db: Database, world: Seed) -> None:
    error = failure(db, session_data(world.course_id, ends_at=datetime(2026, 3, 15, 8, 0)))
    assert [e.field for e in error.errors] == ["session.ends_at"]
    assert "结束时间" in error.message() and "2026-03-15 08:00" in error.message()
    assert "2026-03-15 09:00" in error.message()
    assert failure(db, session_data(world.course_id, ends_at=START)).errors[0].field == "session.ends_at"
    with db.read_session() as s:
        assert ses.session_rows(s, ses.SessionQuery()) == []


def test_every_rule_names_its_field(db: Database, world: Seed) -> None:
    error = failure(
        db,
        session_data(
            world.course_id,
            capacity=0,
            assignment_due=date(2026, 3, 20),
            trainer_id=world.trainer_id,
            external_trainer="李教授",
            pass_mark=120,
            enrol_deadline=date(2026, 3, 16),
        ),
    )
    fields = {e.field for e in error.errors}
    assert fields == {
        "session.capacity",
        "session.assignment_due",
        "session.external_trainer",
        "session.pass_mark",
        "session.enrol_deadline",
    }
    text = error.message()
    assert "容量“0”" in text and "作业截止日期“2026-03-20”" in text and "李教授" in text


def test_a_trainer_who_left_is_refused_but_kept_on_old_sessions(db: Database, world: Seed) -> None:
    error = failure(db, session_data(world.course_id, trainer_id=world.left_id))
    assert error.errors[0].field == "session.trainer" and "离职者 已离职" in error.message()
    sid = make_session(db, world.course_id, trainer_id=world.trainer_id)
    emp.mark_left(db.uow(), world.trainer_id, date(2026, 3, 20))
    change = ses.update_session(
        db.uow(), sid, session_data(world.course_id, trainer_id=world.trainer_id, note="后记")
    )
    assert change.after.note == "后记"


def test_duplicate_code_and_unknown_course(db: Database, world: Seed) -> None:
    make_session(db, world.course_id)
    error = failure(db, session_data(9999))
    assert {e.field for e in error.errors} == {"session.code", "session.course"}


def test_capacity_below_the_enrolled_count_is_refused(db: Database, world: Seed) -> None:
    sid = make_session(db, world.course_id, capacity=10)
    enrol(db.uow(), sid, world.people[:6], today=TODAY)
    error = failure(db, session_data(world.course_id, capacity=5), sid)
    assert error.errors[0].field == "session.capacity"
    assert "容量 5 小于已报名人数 6" in error.message()
    with db.read_session() as s:
        assert ses.get_session(s, sid).capacity == 10
    ses.update_session(db.uow(), sid, session_data(world.course_id, capacity=6))


def test_raising_capacity_moves_the_waitlist_up_in_order(db: Database, world: Seed) -> None:
    sid = make_session(db, world.course_id, capacity=2)
    result = enrol(db.uow(), sid, world.people[:5], today=TODAY)
    assert [p.employee_no for p in result.waitlisted] == ["E003", "E004", "E005"]
    change = ses.update_session(db.uow(), sid, session_data(world.course_id, capacity=4))
    assert [p.employee_no for p in change.moved_up] == ["E003", "E004"]
    change = ses.update_session(db.uow(), sid, session_data(world.course_id, capacity=None))
    assert [p.employee_no for p in change.moved_up] == ["E005"]
    with db.read_session() as s:
        assert {r.status for r in enrolment_rows(s, sid)} == {EnrolmentStatus.ENROLLED}


def test_cancelling_keeps_the_records_and_delete_needs_an_unused_session(db: Database, world: Seed) -> None:
    sid = make_session(db, world.course_id)
    enrol(db.uow(), sid, world.people[:3], today=TODAY)
    change = ses.set_status(db.uow(), sid, SessionStatus.CANCELLED)
    assert change.before.status is SessionStatus.PLANNED and change.after.status is SessionStatus.CANCELLED
    with db.read_session() as s:
        assert ses.session_summary(s, sid).enrolled == 3
    with building(db) as s:
        sign_in(s, sid, world.people[0])
    with pytest.raises(StillReferenced, match="S2026-0315-01"):
        ses.delete_session(db.uow(), sid)
    other = make_session(db, world.course_id, code="S2")
    enrol(db.uow(), other, world.people[:3], today=TODAY)
    ses.delete_session(db.uow(), other)
    with db.read_session() as s:
        assert [r.code for r in ses.session_rows(s, ses.SessionQuery())] == ["S2026-0315-01"]
        assert enrolment_rows(s, other) == []


def test_rows_count_heads_filter_and_sort(db: Database, world: Seed) -> None:
    a = make_session(db, world.course_id, code="A", capacity=2, place="二楼")
    b = make_session(
        db,
        world.other_course_id,
        code="B",
        starts_at=datetime(2026, 4, 1, 9),
        ends_at=datetime(2026, 4, 1, 12),
        external_trainer="李教授",
    )
    enrol(db.uow(), a, world.people[:5], today=TODAY)
    enrol(db.uow(), b, world.people[:1], today=TODAY)
    with building(db) as s:
        sign_in(s, a, world.people[0], AttendanceStatus.LATE)
        sign_in(s, a, world.people[1], AttendanceStatus.ABSENT)
    with db.read_session() as s:
        rows = {r.code: r for r in ses.session_rows(s, ses.SessionQuery())}
        assert (rows["A"].enrolled, rows["A"].waitlisted, rows["A"].attended) == (2, 3, 1)
        assert (rows["B"].enrolled, rows["B"].trainer, rows["B"].course_title) == (1, "李教授", "安全生产")
        assert [r.code for r in ses.session_rows(s, ses.SessionQuery(text="安全"))] == ["B"]
        assert [r.code for r in ses.session_rows(s, ses.SessionQuery(text="二楼"))] == ["A"]
        assert [r.code for r in ses.session_rows(s, ses.SessionQuery(date_from=date(2026, 3, 20)))] == ["B"]
        assert [r.code for r in ses.session_rows(s, ses.SessionQuery(date_to=date(2026, 3, 15)))] == ["A"]
        assert [r.code for r in ses.session_rows(s, ses.SessionQuery(sort="waitlisted"))] == ["A", "B"]
        assert [r.code for r in ses.session_rows(s, ses.SessionQuery(sort="enrolled", descending=False))] == [
            "B",
            "A",
        ]
    ses.set_status(db.uow(), b, SessionStatus.OPEN)
    with db.read_session() as s:
        assert [r.code for r in ses.session_rows(s, ses.SessionQuery(status=SessionStatus.OPEN))] == ["B"]


def test_next_session_code_counts_up_per_day(db: Database, world: Seed) -> None:
    with db.read_session() as s:
        assert ses.next_session_code(s, date(2026, 3, 15)) == "S2026-0315-01"
    make_session(db, world.course_id)
    make_session(db, world.course_id, code="S2026-0315-07")
    with db.read_session() as s:
        assert ses.next_session_code(s, date(2026, 3, 15)) == "S2026-0315-08"
        assert ses.next_session_code(s, date(2026, 3, 16)) == "S2026-0316-01"


def test_course_and_trainer_choices(db: Database, world: Seed) -> None:
    with db.read_session() as s:
        courses = ses.course_choices(s)
        trainers = ses.trainer_choices(s)
    assert [c.code for c in courses] == ["C001", "C002"]
    assert trainers[0].employee_no == "T001" and trainers[0].is_trainer
    assert "E099" not in {t.employee_no for t in trainers}
