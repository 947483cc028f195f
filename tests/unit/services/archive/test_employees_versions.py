"""Two clerks editing one employee: the later save of an older read is refused, never silently lost.

Every change (an edit, leaving, rehiring, a roster import) gives the record a new version; a dialog saves
with the version it read (EmployeeData.version from get_employee).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from workbooks import book

from desktop_hr import messages
from desktop_hr.db import Database, read_only
from desktop_hr.excel.employees import parse_employees
from desktop_hr.services.archive import employees as emp
from desktop_hr.services.archive.roster_import import import_employees


def read(db: Database, employee_id: int) -> emp.EmployeeData:
    """What a dialog opened now shows."""
    with read_only(db) as session:
        return emp.get_employee(session, employee_id)


@pytest.fixture
def zhang(db: Database) -> int:
    return emp.create_employee(db.uow(), emp.EmployeeData(employee_no="00012", name="张三"))


def test_a_new_employee_is_version_1_and_each_saved_edit_adds_one(db: Database, zhang: int) -> None:
    first = read(db, zhang)
    assert first.version == 1
    change = emp.update_employee(db.uow(), zhang, replace(first, phone="13800000001"))
    assert change.version == 2 and read(db, zhang).version == 2
    again = emp.update_employee(db.uow(), zhang, read(db, zhang))  # saved without changing anything
    assert not again.changed and again.version == 2 and read(db, zhang).version == 2


def test_the_second_of_two_dialogs_is_refused_naming_the_employee(db: Database, zhang: int) -> None:
    first_clerk = read(db, zhang)
    second_clerk = read(db, zhang)
    emp.update_employee(db.uow(), zhang, replace(first_clerk, phone="13800000001"))
    with pytest.raises(emp.EmployeeChangedElsewhere) as refused:
        emp.update_employee(db.uow(), zhang, replace(second_clerk, title="工程师"))
    assert refused.value.message() == "员工 00012 张三 已被其他人修改，请重新打开后再改。"
    messages.set_language("en")
    assert "Employee 00012 张三 was changed by someone else" in refused.value.message()
    kept = read(db, zhang)
    assert (kept.phone, kept.title, kept.version) == ("13800000001", None, 2)  # the first edit stands
    # Reopened: the second clerk's change goes in on top of the first.
    emp.update_employee(db.uow(), zhang, replace(read(db, zhang), title="工程师"))
    assert (read(db, zhang).phone, read(db, zhang).title) == ("13800000001", "工程师")


def test_leaving_and_rehiring_are_changes_too(db: Database, zhang: int) -> None:
    dialog = read(db, zhang)
    left = emp.mark_left(db.uow(), zhang, date(2026, 3, 1))
    assert left.changed and left.version == 2
    with pytest.raises(emp.EmployeeChangedElsewhere):
        emp.update_employee(db.uow(), zhang, replace(dialog, phone="13800000001"))
    assert emp.rehire(db.uow(), zhang).version == 3
    assert read(db, zhang).leave_date is None


def test_undo_data_carries_no_version_and_is_written_back(db: Database, zhang: int) -> None:
    change = emp.update_employee(db.uow(), zhang, replace(read(db, zhang), phone="13800000001"))
    assert change.before.version is None and change.after.version is None
    undone = emp.update_employee(db.uow(), zhang, change.before)
    assert undone.version == 3 and read(db, zhang).phone is None


def test_a_roster_import_is_a_new_version(db: Database, zhang: int, tmp_path: Path) -> None:
    dialog = read(db, zhang)
    roster = book(tmp_path / "roster.xlsx", [["工号", "姓名", "职称"], ["00012", "张三", "技师"]])
    report = import_employees(db.uow(), parse_employees(roster))
    assert report.updated == 1 and read(db, zhang).version == 2
    with pytest.raises(emp.EmployeeChangedElsewhere):
        emp.update_employee(db.uow(), zhang, replace(dialog, phone="13800000001"))
    again = import_employees(db.uow(), parse_employees(roster))
    assert again.unchanged == 1 and read(db, zhang).version == 2  # nothing changed: the same version
