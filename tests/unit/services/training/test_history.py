"""An employee's training history and totals; historical records by hand."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from test_reminders import add_course, add_employee, add_session, attend, enrol, submit

from desktop_hr.db import Database
from desktop_hr.errors import NotFound
from desktop_hr.models import AssignmentType, AttendanceStatus, CourseCategory, ExamResult
from desktop_hr.services.archive.employees import ValidationFailed
from desktop_hr.services.training.history import (
    TrainingRecordData,
    YearTotals,
    add_training_record,
    delete_training_record,
    employee_history,
    get_training_record,
    update_training_record,
    validate,
)


@pytest.fixture
def person(db: Database) -> int:
    return add_employee(db, "1001", "陈静")


def test_attended_sessions_earn_hours_and_credits_absent_ones_nothing(db: Database, person: int) -> None:
    course = add_course(db, "C01", "沟通技巧", hours="3", credits="1.5")
    online = add_course(db, "C02", "安全生产", hours="2.25", credits="0.5")
    present = add_session(db, "S1", course, date(2025, 11, 3), assignment=AssignmentType.REFLECTION)
    late = add_session(db, "S2", course, date(2026, 1, 5))
    absent = add_session(db, "S3", course, date(2026, 1, 12))
    completed = add_session(db, "S4", online, date(2026, 2, 2))
    only_enrolled = add_session(db, "S5", course, date(2026, 3, 9))
    attend(db, present, person, AttendanceStatus.PRESENT)
    attend(db, late, person, AttendanceStatus.LATE)
    attend(db, absent, person, AttendanceStatus.ABSENT)
    attend(db, completed, person, AttendanceStatus.COMPLETED)
    enrol(db, only_enrolled, person)
    submit(db, present, person, AssignmentType.REFLECTION, datetime(2025, 11, 10, 9), hr=80, head=91)
    with db.uow() as uow:
        uow.session.add(ExamResult(session_id=present, employee_id=person, score=88))
        uow.commit()

    with db.read_session() as session:
        history = employee_history(session, person)
    by_code = {r.session_code: r for r in history.rows}
    assert [r.session_code for r in history.rows] == ["S5", "S4", "S3", "S2", "S1"]  # newest first
    assert (by_code["S1"].hours, by_code["S1"].credits, by_code["S1"].earned) == (
        Decimal("3.00"),
        Decimal("1.50"),
        True,
    )
    assert (by_code["S3"].hours, by_code["S3"].credits, by_code["S3"].earned) == (
        Decimal(0),
        Decimal(0),
        False,
    )
    assert by_code["S5"].attendance is None and not by_code["S5"].earned
    assert by_code["S4"].attendance is AttendanceStatus.COMPLETED and by_code["S4"].earned
    (reflection,) = by_code["S1"].submissions
    assert reflection.final_score == Decimal("85.5")
    assert by_code["S1"].exam_score == 88
    assert history.hours == Decimal("8.25")  # 3 + 3 + 2.25: the absent session earns nothing
    assert history.credits == Decimal("3.50")
    assert history.by_year == [
        YearTotals(2026, Decimal("5.25"), Decimal("2.00")),
        YearTotals(2025, Decimal("3.00"), Decimal("1.50")),
    ]


def test_historical_records_count_toward_the_totals(db: Database, person: int) -> None:
    course = add_course(db, "C01", "沟通技巧", hours="3", credits="1")
    attend(db, add_session(db, "S1", course, date(2026, 1, 5)), person)
    record_id = add_training_record(
        db.uow(),
        person,
        TrainingRecordData(
            "  消防安全  ",
            date(2019, 6, 1),
            Decimal("4.5"),
            Decimal("2"),
            CourseCategory.REQUIRED,
            score="合格",
        ),
    )
    with db.read_session() as session:
        history = employee_history(session, person)
    record = history.rows[-1]
    assert record.is_historical and record.record_id == record_id
    assert (record.course_title, record.hours, record.credits, record.record_score) == (
        "消防安全",
        Decimal("4.50"),
        Decimal("2.00"),
        "合格",
    )
    assert history.hours == Decimal("7.50")
    assert history.credits == Decimal("3.00")
    assert [y.year for y in history.by_year] == [2026, 2019]


def test_records_are_edited_and_deleted(db: Database, person: int) -> None:
    record_id = add_training_record(db.uow(), person, TrainingRecordData("消防安全", date(2019, 6, 1)))
    update_training_record(
        db.uow(), record_id, TrainingRecordData("消防安全", date(2019, 6, 2), Decimal(3), note="补录")
    )
    with db.read_session() as session:
        data = get_training_record(session, record_id)
    assert (data.on_date, data.hours, data.note) == (date(2019, 6, 2), Decimal("3.00"), "补录")
    assert delete_training_record(db.uow(), record_id) == data
    with db.read_session() as session:
        assert employee_history(session, person).rows == []
        with pytest.raises(NotFound):
            get_training_record(session, record_id)


def test_bad_records_are_refused_naming_the_field(db: Database, person: int) -> None:
    problems = validate(TrainingRecordData("", date(1800, 1, 1), Decimal("-1"), Decimal("1.005")))
    assert [p.field for p in problems] == ["record_title", "record_date", "record_hours", "record_credits"]
    with pytest.raises(ValidationFailed, match="学时"):
        add_training_record(db.uow(), person, TrainingRecordData("消防", date(2019, 6, 1), Decimal("-1")))
    add_training_record(db.uow(), person, TrainingRecordData("消防", date(2019, 6, 1)))
    with pytest.raises(ValidationFailed, match="已有同名的培训记录"):
        add_training_record(db.uow(), person, TrainingRecordData("消防", date(2019, 6, 1)))
    with db.read_session() as session:
        assert len(employee_history(session, person).rows) == 1
