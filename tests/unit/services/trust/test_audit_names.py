"""The audit trail as people read it: people and sessions by name, fields by their labels, values by their
labels; the stored entries unchanged (the chain still verifies), the names read a block at a time."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
from sqlalchemy import event
from tampering import trail

from desktop_hr import messages
from desktop_hr.db import Database
from desktop_hr.excel.audit import export_audit
from desktop_hr.models import Base, CourseCategory
from desktop_hr.services.archive import employees as emp
from desktop_hr.services.column_labels import BY_TABLE, COLUMNS, REFERENCES
from desktop_hr.services.training import courses, enrolment, sessions
from desktop_hr.services.trust import audit, audit_names
from desktop_hr.services.trust.audit import AuditQuery


def _enrolled(db: Database) -> tuple[int, int]:
    person = emp.create_employee(db.uow(), emp.EmployeeData(employee_no="00049", name="侯梅雨"))
    course = courses.create_course(
        db.uow(), courses.CourseData(code="C001", title="团队管理", category=CourseCategory.REQUIRED)
    )
    held = sessions.create_session(
        db.uow(),
        sessions.SessionData(
            code="NX-202605",
            course_id=course,
            starts_at=datetime(2026, 5, 9, 9),
            ends_at=datetime(2026, 5, 9, 12),
        ),
    )
    enrolment.enrol(db.uow(), held, [person], today=date(2026, 5, 1))
    return person, held


def _named(db: Database, query: AuditQuery) -> list[audit.AuditRow]:
    with db.read_session() as session:
        return audit_names.with_names(session, trail(db, query))


def test_an_enrolment_names_the_person_and_the_session_not_their_ids(db: Database) -> None:
    person, _held = _enrolled(db)
    [stored] = trail(db, AuditQuery(table_name="enrolment", action=audit.Action.CREATE))
    assert f"employee_id={person}" in stored.summary, "stored as the guard wrote it"
    [entry] = _named(db, AuditQuery(table_name="enrolment", action=audit.Action.CREATE))
    assert entry.shown_summary() == "00049 侯梅雨 NX-202605 团队管理"
    lines = entry.change_lines()
    assert "员工：∅ → 00049 侯梅雨" in lines and "班次：∅ → NX-202605 团队管理" in lines
    assert "状态：∅ → 已报名" in lines, "values by their labels"
    assert not any("_id" in line or "employee" in line for line in lines)
    messages.set_language("en")
    try:
        assert "Employee: ∅ → 00049 侯梅雨" in entry.change_lines()
        assert "Status: ∅ → Enrolled" in entry.change_lines()
    finally:
        messages.set_language("zh_CN")
    with db.read_session() as session:
        assert audit.verify(session).intact, "the stored entries are as they were"


def test_the_record_column_names_the_row_and_a_deleted_one_stays_readable(db: Database) -> None:
    person = emp.create_employee(db.uow(), emp.EmployeeData(employee_no="00007", name="张三"))
    [created] = _named(db, AuditQuery(table_name="employee"))
    assert created.shown_record() == "00007 张三"
    emp.delete_employee(db.uow(), person)
    shown = _named(db, AuditQuery(table_name="employee"))
    assert [row.shown_record() for row in shown] == [str(person), str(person)], "gone: its id, as stored"
    orphan = audit.AuditRow(
        1, datetime(2026, 1, 1), "hr", "create", "feedback", "3", f"employee_id={person}", "", ""
    )
    assert orphan.shown_summary() == f"员工 #{person}"


def test_a_block_of_entries_costs_one_query_per_kind_of_row(db: Database) -> None:
    for number in range(30):
        emp.create_employee(db.uow(), emp.EmployeeData(employee_no=f"{number:05}", name=f"员工{number}"))
    rows = trail(db)
    statements: list[str] = []
    with db.read_session() as session:
        connection = session.connection()
        event.listen(connection, "before_cursor_execute", lambda *args: statements.append(args[2]))
        named = audit_names.with_names(session, rows)
    assert len(named) == len(rows) >= 30
    assert len(statements) == 1, statements
    assert {row.shown_record() for row in named} >= {"00000 员工0", "00029 员工29"}


def test_the_export_shows_names_and_labels(db: Database, tmp_path: Path) -> None:
    _enrolled(db)
    out = tmp_path / "audit.xlsx"
    export_audit(db, out, AuditQuery(table_name="enrolment"))
    sheet = openpyxl.load_workbook(out).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert rows[0][6] == "00049 侯梅雨 NX-202605 团队管理"
    assert "员工：∅ → 00049 侯梅雨" in rows[0][7] and "employee_id" not in rows[0][7]


def test_every_stored_column_has_a_label() -> None:
    unlabelled = sorted(
        f"{table.name}.{column.name}"
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if column.name not in COLUMNS and (table.name, column.name) not in BY_TABLE
    )
    assert unlabelled == []
    assert all(target in Base.metadata.tables for target in REFERENCES.values())
