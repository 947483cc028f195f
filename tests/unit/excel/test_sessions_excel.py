"""The sessions exchange kind: headers, row errors naming the value, all-or-nothing, idempotent re-import, export."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from training_data import building, make_course, make_people
from workbooks import book

from desktop_hr.db import Database
from desktop_hr.excel.reader import read_sheet
from desktop_hr.excel.sessions import SESSION_SHEET, export_sessions
from desktop_hr.models import AssignmentType, Employee, EmployeeStatus
from desktop_hr.services.imports import ImportRejected, ImportReport, import_rows
from desktop_hr.services.training import sessions as ses
from desktop_hr.services.training.enrolment import enrol, enrolment_rows
from desktop_hr.services.training.session_import import SessionImporter

HEADER = [
    "班次编号",
    "课程编号",
    "开始时间",
    "结束时间",
    "地点",
    "讲师工号",
    "外部讲师",
    "容量",
    "作业类型",
    "作业截止日期",
]


@pytest.fixture
def known(db: Database) -> Database:
    """Course C001, trainer 0001 (leading zero), a left employee 0099 and three learners."""
    with building(db) as s:
        make_course(s, "C001", "沟通技巧")
        make_people(s, {"0001": "王讲师"}, is_trainer=True)
        make_people(s, {"0099": "离职者"}, status=EmployeeStatus.LEFT)
        make_people(s, {f"L{n}": f"学员{n}" for n in range(3)})
    return db


def run(db: Database, path: Path, *, valid_only: bool = False) -> ImportReport:
    return import_rows(db.uow(), read_sheet(path, SESSION_SHEET), SessionImporter(), valid_only=valid_only)


def rows_of(db: Database) -> dict[str, ses.SessionRow]:
    with db.read_session() as s:
        return {r.code: r for r in ses.session_rows(s, ses.SessionQuery())}


GOOD = [
    ["S1", "C001", "2026-03-15 09:00", "2026-03-15 17:00", "一楼", "0001", None, 30, "心得", "2026-03-30"],
    ["S2", "C001", datetime(2026, 4, 1, 9), datetime(2026, 4, 1, 12), None, None, "李教授", None, "无", None],
]


def test_the_sheet_has_the_exchange_format_headers() -> None:
    assert SESSION_SHEET.headers == HEADER
    assert SESSION_SHEET.key == ("code",)
    assert SESSION_SHEET.column("assignment_type").choices == ("心得", "行动计划", "作业", "无")


def test_import_creates_sessions_and_re_import_changes_nothing(known: Database, tmp_path: Path) -> None:
    path = book(tmp_path / "班次.xlsx", [["2026 年培训班次"], HEADER, *GOOD])
    first = run(known, path)
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    found = rows_of(known)
    assert found["S1"].trainer == "王讲师" and found["S1"].capacity == 30
    assert found["S1"].assignment_type is AssignmentType.REFLECTION
    assert found["S1"].assignment_due == date(2026, 3, 30)
    assert (found["S2"].trainer, found["S2"].assignment_type, found["S2"].capacity) == ("李教授", None, None)
    again = run(known, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert len(rows_of(known)) == 2


def test_unknown_course_trainer_and_end_before_start_are_row_errors(known: Database, tmp_path: Path) -> None:
    path = book(
        tmp_path / "bad.xlsx",
        [
            HEADER,
            GOOD[0],
            ["S3", "C999", "2026-03-15 09:00", "2026-03-15 17:00", None, None, None, None, None, None],
            ["S4", "C001", "2026-03-15 09:00", "2026-03-15 17:00", None, "7777", None, None, None, None],
            ["S5", "C001", "2026-03-15 17:00", "2026-03-15 09:00", None, None, None, None, None, None],
            ["S6", "C001", "2026-03-15 09:00", "2026-03-15 17:00", None, "0099", None, 0, "读书", None],
            [
                "S7",
                "C001",
                "2026-03-15 09:00",
                "2026-03-15 17:00",
                None,
                None,
                None,
                None,
                "无",
                "2026-03-20",
            ],
        ],
    )
    with pytest.raises(ImportRejected) as caught:
        run(known, path)
    by_cell = {(e.row, e.column): e for e in caught.value.errors}
    assert by_cell[(3, "课程编号")].value == "C999" and "课程编号" in by_cell[(3, "课程编号")].reason
    assert by_cell[(4, "讲师工号")].value == "7777"
    assert by_cell[(5, "结束时间")].value == "2026-03-15 09:00"
    assert "离职者 已离职" in by_cell[(6, "讲师工号")].reason
    assert (6, "容量") in by_cell and (6, "作业类型") in by_cell
    assert (7, "作业截止日期") in by_cell
    assert rows_of(known) == {}  # nothing written
    report = run(known, path, valid_only=True)
    assert report.created == 1 and report.skipped_rows == [3, 4, 5, 6, 7]


def test_re_import_updates_by_code_and_keeps_what_the_file_lacks(known: Database, tmp_path: Path) -> None:
    run(known, book(tmp_path / "a.xlsx", [HEADER, *GOOD]))
    with known.read_session() as s:
        sid = rows_of(known)["S1"].id
        data = ses.get_session(s, sid)
    ses.update_session(
        known.uow(), sid, ses.SessionData(**{**vars(data), "note": "手工备注", "pass_mark": 60})
    )
    short = book(
        tmp_path / "b.xlsx",
        [["班次编号", "课程编号", "开始时间", "结束时间", "地点"], [*GOOD[0][:4], "二楼"]],
    )
    report = run(known, short)
    assert (report.updated, report.unchanged) == (1, 0)
    with known.read_session() as s:
        after = ses.get_session(s, sid)
    assert (after.place, after.note, after.pass_mark, after.capacity) == ("二楼", "手工备注", 60, 30)


def test_import_cannot_drop_capacity_below_the_enrolled_and_raising_it_moves_people_up(
    known: Database, tmp_path: Path
) -> None:
    small = [*GOOD[0][:7], 1, *GOOD[0][8:]]
    run(known, book(tmp_path / "a.xlsx", [HEADER, small]))
    sid = rows_of(known)["S1"].id
    with known.read_session() as s:
        learners = [
            e.id for e in s.query(Employee).filter(Employee.employee_no.like("L%")).order_by(Employee.id)
        ]
    enrol(known.uow(), sid, learners, today=date(2026, 3, 1))
    with pytest.raises(ImportRejected, match="容量"):
        run(known, book(tmp_path / "b.xlsx", [HEADER, [*GOOD[0][:7], "0", *GOOD[0][8:]]]))
    run(known, book(tmp_path / "c.xlsx", [HEADER, [*GOOD[0][:7], 3, *GOOD[0][8:]]]))
    with known.read_session() as s:
        assert [r.waitlist_position for r in enrolment_rows(s, sid)] == [None, None, None]


def test_export_is_re_importable_unchanged(known: Database, tmp_path: Path) -> None:
    run(known, book(tmp_path / "a.xlsx", [HEADER, *GOOD]))
    out = tmp_path / "export.xlsx"
    with known.read_session() as s:
        assert export_sessions(s, out) == 2
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == HEADER
    assert values[1][:2] == ("S1", "C001") and values[1][5] == "0001" and values[2][8] == "无"
    report = run(known, out)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)


def test_the_registry_knows_the_sessions_kind(known: Database, tmp_path: Path) -> None:
    from desktop_hr.services.exchange import kinds

    kind = kinds()["sessions"]
    template = tmp_path / "template.xlsx"
    kind.write_template(template)
    sheet = openpyxl.load_workbook(template).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == HEADER
    parsed = kind.parse(book(tmp_path / "a.xlsx", [HEADER, *GOOD]), None, None)
    assert kind.import_parsed(known.uow(), parsed, False, None).created == 2
