"""The audit trail: every write becomes an entry with before → after, chained so that any edit or
deletion made outside the program is found by `verify`; search; concurrent writers keep one chain."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from databases import Location
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import DBAPIError
from tampering import tamper, trail

from desktop_hr import messages
from desktop_hr.db import Database
from desktop_hr.excel.employees import parse_employees
from desktop_hr.models import AuditEntry, Employee, Role
from desktop_hr.services.archive import employees as emp
from desktop_hr.services.archive.roster_import import import_employees
from desktop_hr.services.trust import audit
from desktop_hr.services.trust.audit import Action, AuditQuery
from desktop_hr.services.trust.database import open_database
from desktop_hr.services.trust.permissions import Principal


def make(db: Database, no: str, name: str) -> int:
    return emp.create_employee(db.uow(), emp.EmployeeData(employee_no=no, name=name))


def verify(db: Database) -> audit.Verification:
    with db.read_session() as session:
        return audit.verify(session)


def test_creating_changing_and_deleting_an_employee_records_before_and_after(db: Database) -> None:
    employee_id = make(db, "00001", "张三")
    with db.read_session() as session:
        before = emp.get_employee(session, employee_id)
    emp.update_employee(db.uow(), employee_id, replace(before, name="张四", phone="13800000000"))
    emp.delete_employee(db.uow(), employee_id)

    created, changed, deleted = trail(db, AuditQuery(table_name="employee"))
    assert (created.action, changed.action, deleted.action) == (Action.CREATE, Action.UPDATE, Action.DELETE)
    assert {created.account, changed.account, deleted.account} == {"hr"}
    assert "姓名：∅ → 张三" in created.change_lines() and "工号：∅ → 00001" in created.change_lines()
    assert changed.change_lines() == ["姓名：张三 → 张四", "电话：∅ → 13800000000"]
    assert changed.record_id == deleted.record_id == str(employee_id)
    assert changed.summary == "00001 张四"
    assert "姓名：张四 → ∅" in deleted.change_lines()
    assert verify(db).intact


def test_a_created_row_names_its_new_id(db: Database) -> None:
    employee_id = make(db, "00001", "张三")
    [created] = trail(db, AuditQuery(table_name="employee", action=Action.CREATE))
    assert created.record_id == str(employee_id)


def test_a_bulk_import_writes_one_entry_per_row(db: Database, sample_roster: Path) -> None:
    parsed = parse_employees(sample_roster)
    report = import_employees(db.uow(), parsed)
    assert report.created == 120
    created = trail(db, AuditQuery(table_name="employee", action=Action.CREATE))
    assert len(created) == 120
    with db.read_session() as session:
        numbers = set(session.scalars(select(Employee.employee_no)))
    assert {row.summary.split()[0] for row in created} == numbers
    result = verify(db)
    assert result.intact and result.count == len(trail(db))


def test_a_rolled_back_unit_of_work_leaves_no_entry(db: Database) -> None:
    make(db, "00001", "张三")
    count = len(trail(db))
    with db.uow() as uow:
        uow.session.add(Employee(employee_no="00002", name="李四"))
        uow.session.flush()
        audit.record(uow.session, Action.PRINT, account="hr", summary="never committed")
        # no commit: leaving the block rolls back
    with pytest.raises(emp.DuplicateEmployeeNo):
        make(db, "00001", "重复")
    assert len(trail(db)) == count
    assert verify(db).intact


def test_the_chain_verifies_intact_and_says_how_long_it_is(db: Database) -> None:
    assert verify(db).message() == "审计记录为空。"
    for number in range(1, 6):
        make(db, f"{number:05d}", f"员工{number}")
    result = verify(db)
    assert result.intact and result.count == 5 and result.last_id == 5
    intact, unsigned = result.message().splitlines()
    assert intact == f"审计记录完整：共 5 条，末条 #5，校验值 {result.head_hash[:16]}"
    assert unsigned == "注意：这些记录还没有本单位密钥的签名（本单位尚未建立签名密钥）。"


def test_verifying_reports_its_progress(db: Database) -> None:
    for number in range(1, 8):
        make(db, f"{number:05d}", f"员工{number}")
    seen: list[tuple[int, int]] = []
    with db.read_session() as session:
        assert audit.newest_id(session) == 7
        result = audit.verify(session, batch=2, progress=lambda done, total: seen.append((done, total)))
    assert result.intact and result.count == 7
    assert seen == [(0, 7), (2, 7), (4, 7), (6, 7)]


def test_an_entry_edited_in_the_file_is_named(db: Database) -> None:
    for number in range(1, 6):
        make(db, f"{number:05d}", f"员工{number}")
    tamper(db, "UPDATE audit_entry SET changes = replace(changes, '员工3', '员工X') WHERE id = :id", id=3)
    assert "员工X" in trail(db)[2].changes
    result = verify(db)
    assert not result.intact and (result.broken_id, result.problem) == (3, "hash")
    assert result.message() == "审计记录已被篡改：第 #3 条的内容与其校验值不符（被修改过）"


def test_an_entry_deleted_in_the_middle_is_found(db: Database) -> None:
    for number in range(1, 6):
        make(db, f"{number:05d}", f"员工{number}")
    tamper(db, "DELETE FROM audit_entry WHERE id = :id", id=3)
    result = verify(db)
    assert not result.intact and result.broken_id == 4 and result.problem in {"gap", "link"}
    assert "#4" in result.message()


def test_renumbering_after_a_deletion_is_found_by_the_link(db: Database) -> None:
    for number in range(1, 6):
        make(db, f"{number:05d}", f"员工{number}")
    tamper(db, "DELETE FROM audit_entry WHERE id = :id", id=3)
    tamper(db, "UPDATE audit_entry SET id = id - 1 WHERE id > :id", id=3)
    result = verify(db)
    assert not result.intact and (result.broken_id, result.problem) == (3, "link")


def test_the_last_entries_deleted_are_found_by_the_head(db: Database) -> None:
    for number in range(1, 6):
        make(db, f"{number:05d}", f"员工{number}")
    tamper(db, "DELETE FROM audit_entry WHERE id > :id", id=3)
    result = verify(db)
    assert not result.intact and (result.broken_id, result.problem) == (3, "head")
    assert result.message() == "审计记录已被篡改：第 #3 条之后的记录被删除（最后一条与登记的末条不符）"
    messages.set_language("en")
    assert "#3" in result.message() and "the recorded head is #5" in result.message()


def test_the_program_itself_cannot_change_or_delete_an_entry(db: Database) -> None:
    make(db, "00001", "张三")
    with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_entry SET summary = 'nothing happened' WHERE id = 1"))
    with pytest.raises(DBAPIError, match="append-only"), db.uow() as uow:
        uow.session.execute(update(AuditEntry).where(AuditEntry.id == 1).values(account="someone"))
    with pytest.raises(DBAPIError, match="append-only"), db.uow() as uow:
        uow.session.execute(delete(AuditEntry).where(AuditEntry.id >= 1))  # the guard refuses no WHERE
    [entry] = trail(db)
    assert (entry.account, entry.summary) == ("hr", "00001 张三")
    assert verify(db).intact


def _at(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    monkeypatch.setattr(audit, "utcnow", lambda: moment)


def test_search_by_text_account_action_table_and_local_dates(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    day = date(2026, 3, 10)
    start_of_day, _ = audit.local_days(day, None)
    assert start_of_day is not None
    _at(monkeypatch, start_of_day + timedelta(hours=10))  # 10:00 local on 2026-03-10
    make(db, "00001", "张三")
    db.principal = Principal(name="clerk1", role=Role.CLERK)
    _at(monkeypatch, start_of_day + timedelta(days=1, hours=9))  # the next day
    make(db, "00002", "李四")
    audit.note(db, Action.EXPORT, summary="花名册 → D:/导出/花名册.xlsx", reason="for the inspection")
    _at(monkeypatch, start_of_day + timedelta(days=2, hours=23, minutes=59))  # late on the day after
    db.principal = Principal(name="auditor1", role=Role.AUDITOR)
    audit.note(db, Action.PRINT, table_name="print_record", record_id=7, summary="培训档案卡 张三")

    def ids(**query: Any) -> list[int]:
        return [row.id for row in trail(db, AuditQuery(**query))]

    assert ids() == [1, 2, 3, 4]
    assert ids(text="张三") == [1, 4]  # the summary, and the changes' values
    assert ids(text="INSPECTION") == [3]  # the reason, whatever the case
    assert ids(text="clerk") == [2, 3]  # the account
    assert ids(text="7") == [4]  # the record
    assert ids(text="%") == [] and ids(text="张_") == []  # wildcards are plain characters
    assert ids(account="clerk1") == [2, 3]
    assert ids(action=Action.CREATE) == [1, 2]
    assert ids(table_name="print_record") == [4]
    assert ids(action=Action.CREATE, account="hr") == [1]

    def between(first: date | None, last: date | None) -> list[int]:
        since, until = audit.local_days(first, last)
        return ids(since=since, until=until)

    assert between(day, day) == [1]
    assert between(day + timedelta(days=1), None) == [2, 3, 4]
    assert between(None, day + timedelta(days=1)) == [1, 2, 3]
    assert between(day + timedelta(days=2), day + timedelta(days=2)) == [4]
    with db.read_session() as session:
        assert audit.count(session, AuditQuery(account="clerk1")) == 2
        assert audit.entry_ids(session, AuditQuery(), limit=2) == [4, 3]  # newest first
        assert audit.entry_ids(session, AuditQuery(), limit=2, before=3) == [2, 1]  # the next page
        assert audit.entry_ids(session, AuditQuery(account="clerk1"), before=3) == [2]
        assert audit.accounts_seen(session) == ["auditor1", "clerk1", "hr"]
        assert audit.tables_seen(session) == ["employee", "print_record"]
        # The whole answer at once, as the audit tab holds it: every id, newest first.
        assert list(audit.matching_ids(session, AuditQuery())) == [4, 3, 2, 1]
        assert list(audit.matching_ids(session, AuditQuery(text="张三"))) == [4, 1]
        assert list(audit.matching_ids(session, AuditQuery(account="nobody"))) == []
        assert audit.newest_id(session) == 4
    assert verify(db).intact


def test_two_writers_at_once_keep_one_unbroken_chain(db: Database, db_location: Location) -> None:
    per_thread = 15
    failures: list[BaseException] = []

    def writer(prefix: str) -> None:
        own = open_database(db_location, migrate=False)
        own.principal = Principal(name=f"writer{prefix}", role=Role.CLERK)
        try:
            for number in range(per_thread):
                make(own, f"{prefix}{number:04d}", f"员工{prefix}{number}")
                audit.note(own, Action.EXPORT, summary=f"{prefix} {number}")
        except BaseException as error:
            failures.append(error)
        finally:
            own.dispose()

    threads = [threading.Thread(target=writer, args=(prefix,)) for prefix in ("1", "2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    result = verify(db)
    assert result.intact and result.count == 2 * 2 * per_thread
    with db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Employee)) == 2 * per_thread
        assert audit.accounts_seen(session) == ["writer1", "writer2"]
