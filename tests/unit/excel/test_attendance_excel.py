"""The attendance exchange format: statuses computed from the time, rows refused by name, re-import, export."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select
from training_data import building, enrol, make_course, make_people, make_session
from workbooks import book

from desktop_hr.db import Database, read_only
from desktop_hr.excel.attendance import ATTENDANCE_SHEET
from desktop_hr.models import (
    Attendance,
    AttendanceStatus,
    CourseCategory,
    Delivery,
    Employee,
    Enrolment,
    EnrolmentStatus,
    SessionStatus,
    SignInMethod,
    TrainingSession,
)
from desktop_hr.services.exchange import kinds
from desktop_hr.services.imports import ImportRejected, ImportReport
from desktop_hr.services.office_settings import set_grace_minutes

HEADER = ["班次编号", "工号", "签到时间", "状态"]


def import_file(db: Database, path: Path, *, valid_only: bool = False) -> ImportReport:
    kind = kinds()["attendance"]
    return kind.import_parsed(db.uow(), kind.parse(path, None, None), valid_only, None)


@pytest.fixture
def sessions(db: Database) -> None:
    """S1 offline at 09:00 (张三 and 李四 enrolled, 王五 waitlisted), S2 online, S3 cancelled."""
    with building(db) as s:
        people = make_people(s, {"001": "张三", "002": "李四", "003": "王五"})
        offline = make_course(s, "C1")
        online = make_course(s, "C2", "网络安全", category=CourseCategory.ELECTIVE, delivery=Delivery.ONLINE)
        s1 = make_session(s, offline, "S1", datetime(2026, 3, 2, 9))
        make_session(s, online, "S2", datetime(2026, 3, 3, 9), datetime(2026, 3, 9, 9))
        make_session(s, offline, "S3", datetime(2026, 3, 4, 9), status=SessionStatus.CANCELLED)
        enrol(s, s1, *people[:2])
        enrol(s, s1, people[2], status=EnrolmentStatus.WAITLISTED)


def signed_in(db: Database) -> dict[tuple[str, str], tuple[AttendanceStatus, datetime | None, SignInMethod]]:
    with read_only(db) as session:
        found = session.execute(
            select(
                TrainingSession.code,
                Employee.employee_no,
                Attendance.status,
                Attendance.signed_in_at,
                Attendance.method,
            )
            .join(TrainingSession, TrainingSession.id == Attendance.session_id)
            .join(Employee, Employee.id == Attendance.employee_id)
        )
        return {(code, no): (status, at, method) for code, no, status, at, method in found}


def enrolment_of(db: Database, number: str, code: str) -> EnrolmentStatus | None:
    with read_only(db) as session:
        return session.scalar(
            select(Enrolment.status)
            .join(Employee, Employee.id == Enrolment.employee_id)
            .join(TrainingSession, TrainingSession.id == Enrolment.session_id)
            .where(Employee.employee_no == number, TrainingSession.code == code)
        )


@pytest.mark.usefixtures("sessions")
def test_a_blank_status_is_computed_from_the_time_and_the_grace(db: Database, tmp_path: Path) -> None:
    set_grace_minutes(db.uow(), 5)
    path = book(
        tmp_path / "签到.xlsx",
        [
            ["3 月安全生产培训签到表"],
            ["序号", "班次编号", "工号", "姓名", "签到时间", "状态"],
            [1, "S1", "001", "张三", "2026-03-02 09:05", None],  # exactly start + grace
            [2, "S1", "002", "李四", datetime(2026, 3, 2, 9, 6), ""],
            [3, "S2", "001", "张三", "2026/3/5 20:30", None],  # online
            [4, "S2", "002", "李四", None, "请假"],
            ["合计", None, None, None, None, None],
        ],
    )
    report = import_file(db, path)
    assert (report.created, report.updated, report.unchanged) == (4, 0, 0)
    assert signed_in(db) == {
        ("S1", "001"): (AttendanceStatus.PRESENT, datetime(2026, 3, 2, 9, 5), SignInMethod.IMPORT),
        ("S1", "002"): (AttendanceStatus.LATE, datetime(2026, 3, 2, 9, 6), SignInMethod.IMPORT),
        ("S2", "001"): (AttendanceStatus.COMPLETED, datetime(2026, 3, 5, 20, 30), SignInMethod.IMPORT),
        ("S2", "002"): (AttendanceStatus.EXCUSED, None, SignInMethod.IMPORT),
    }
    # 姓名 is not part of the format: ignored, and said so. Two people were not enrolled in S2.
    assert any("姓名" in w for w in report.warnings)
    assert any("2" in w and "报名" in w for w in report.warnings)
    assert enrolment_of(db, "002", "S2") is EnrolmentStatus.ENROLLED


@pytest.mark.usefixtures("sessions")
def test_re_importing_the_same_file_changes_nothing_and_a_changed_row_is_updated(
    db: Database, tmp_path: Path
) -> None:
    rows = [HEADER, ["S1", "001", "2026-03-02 08:55", None], ["S1", "002", None, "缺勤"]]
    path = book(tmp_path / "a.xlsx", rows)
    assert import_file(db, path).created == 2
    again = import_file(db, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert again.warnings == []
    rows[2] = ["S1", "002", "2026-03-02 09:30", None]
    changed = import_file(db, book(tmp_path / "b.xlsx", rows))
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
    assert signed_in(db)[("S1", "002")][0] is AttendanceStatus.LATE


@pytest.mark.usefixtures("sessions")
def test_a_waitlisted_person_in_a_history_file_is_imported_and_enrolled(db: Database, tmp_path: Path) -> None:
    report = import_file(db, book(tmp_path / "a.xlsx", [HEADER, ["S1", "003", "2026-03-02 09:00", "出勤"]]))
    assert report.created == 1
    assert enrolment_of(db, "003", "S1") is EnrolmentStatus.ENROLLED
    assert any("1" in w for w in report.warnings)


@pytest.mark.usefixtures("sessions")
def test_bad_rows_are_named_and_nothing_is_written(db: Database, tmp_path: Path) -> None:
    path = book(
        tmp_path / "bad.xlsx",
        [
            HEADER,
            ["S1", "001", "2026-03-02 09:00", None],  # fine
            ["S9", "002", "2026-03-02 09:00", None],  # unknown session
            ["S1", "A9", "2026-03-02 09:00", None],  # unknown 工号
            ["S1", "002", None, None],  # neither time nor status
            ["S3", "002", "2026-03-04 09:00", None],  # cancelled session
            ["S2", "001", "yesterday", None],  # not a time
            ["S2", "003", None, "迟到了"],  # not a status
        ],
    )
    with pytest.raises(ImportRejected) as rejected:
        import_file(db, path)
    found = [(e.row, e.column, e.value) for e in rejected.value.errors]
    assert found == [
        (3, "班次编号", "S9"),
        (4, "工号", "A9"),
        (5, "签到时间", ""),
        (6, "班次编号", "S3"),
        (7, "签到时间", "yesterday"),
        (8, "状态", "迟到了"),
    ]
    assert "S9" in rejected.value.message() and "A9" in rejected.value.message()
    assert signed_in(db) == {}

    report = import_file(db, path, valid_only=True)
    assert report.created == 1 and report.skipped_rows == [3, 4, 5, 6, 7, 8]
    assert list(signed_in(db)) == [("S1", "001")]


@pytest.mark.usefixtures("sessions")
def test_the_export_re_imports_unchanged(db: Database, tmp_path: Path) -> None:
    import_file(
        db,
        book(
            tmp_path / "a.xlsx",
            [HEADER, ["S1", "001", "2026-03-02 09:20", None], ["S2", "002", None, "完成"]],
        ),
    )
    out = tmp_path / "export.xlsx"
    kind = kinds()["attendance"]
    with read_only(db) as session:
        assert kind.export(session, out, None) == 2
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values == [HEADER, ["S1", "001", datetime(2026, 3, 2, 9, 20), "迟到"], ["S2", "002", None, "完成"]]
    again = import_file(db, out)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_the_template_offers_the_five_statuses(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    kinds()["attendance"].write_template(path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == HEADER == ATTENDANCE_SHEET.headers
    choices = [v.formula1 for v in sheet.data_validations.dataValidation]
    assert choices == ['"出勤,迟到,缺勤,请假,完成"']
