"""The demo marker, the demo file beside the office's database, and the rule that a demo is never remembered."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from desktop_hr import paths
from desktop_hr.db import Database, read_only
from desktop_hr.services.archive import employees as emp
from desktop_hr.services.demo.demo_file import NotADemoDatabase, demo_path, open_demo
from desktop_hr.services.demo.fill import DEMO_PASSWORD, fill_demo
from desktop_hr.services.demo.marker import DEMO_KEY, database_to_remember, is_demo
from desktop_hr.services.trust import accounts
from desktop_hr.services.trust.database import open_database

TODAY = date(2026, 3, 1)


def test_demo_data_marks_its_database_and_an_office_database_is_not_marked(db: Database) -> None:
    with read_only(db) as session:
        assert not is_demo(session)
    fill_demo(db.uow(), employees=12, today=TODAY, training=False)
    with read_only(db) as session:
        assert is_demo(session)


def test_a_refused_demo_fill_leaves_no_mark(db: Database) -> None:
    emp.create_employee(db.uow(), emp.EmployeeData(employee_no="1", name="真人"))
    with pytest.raises(Exception, match="1 名员工"):
        fill_demo(db.uow(), employees=12, today=TODAY)
    with read_only(db) as session:
        assert not is_demo(session), "an office database with people never becomes a demo"


def test_the_demo_file_is_made_once_in_the_data_folder_and_signed_in_as_its_administrator() -> None:
    assert demo_path() == paths.data_dir() / "demo.sqlite3"
    db = open_demo(employees=12, today=TODAY)
    try:
        assert db.sqlite_path == demo_path()
        assert db.principal is not None and db.principal.name == "admin"
        with read_only(db) as session:
            assert is_demo(session)
            assert accounts.account_names(session) == ["admin", "auditor", "clerk", "head"]
            assert len(emp.employee_ids(session, emp.EmployeeQuery(statuses=()))) == 12
    finally:
        db.dispose()
    again = open_demo(employees=40, today=TODAY)  # opened as it is, not filled twice
    try:
        with read_only(again) as session:
            assert len(emp.employee_ids(session, emp.EmployeeQuery(statuses=()))) == 12
        assert again.principal is not None and again.principal.name == "admin"
    finally:
        again.dispose()


def test_a_demo_whose_administrator_changed_the_password_opens_with_nobody_signed_in(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    open_demo(path, employees=12, today=TODAY).dispose()
    db = open_database(path)
    accounts.sign_in(db, "admin", DEMO_PASSWORD)
    accounts.change_own_password(db, DEMO_PASSWORD, "another-pass-2026")
    db.dispose()
    reopened = open_demo(path)
    try:
        assert reopened.principal is None, "the window asks for the password instead"
    finally:
        reopened.dispose()


def test_a_file_of_that_name_that_is_not_a_demo_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    office = open_database(path)
    accounts.create_first_admin(office, "boss", "boss-pass-2026")
    office.dispose()
    before = path.read_bytes()
    with pytest.raises(NotADemoDatabase, match="不是演示数据库"):
        open_demo(path, employees=12, today=TODAY)
    assert path.read_bytes() == before
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT count(*) FROM setting WHERE key = ?", (DEMO_KEY,)).fetchone() == (0,)


def test_a_demo_is_never_remembered_and_one_found_remembered_is_forgotten() -> None:
    office, demo, other = "/data/office.sqlite3", "/data/demo.sqlite3", "/data/branch.sqlite3"
    assert database_to_remember("", office, demo=False) == office
    assert database_to_remember(office, other, demo=False) == other, "File › Open of another office file"
    assert database_to_remember(office, demo, demo=True) == office, "--db demo.sqlite3 keeps the office's"
    assert database_to_remember("", demo, demo=True) == ""
    assert database_to_remember(demo, demo, demo=True) == "", "left by an older version: forgotten"
