"""Change sets: every committed unit of work reports the areas it wrote, taken from the write guard."""

from __future__ import annotations

import pytest

from desktop_hr.db import Database
from desktop_hr.errors import DomainError
from desktop_hr.models import Base
from desktop_hr.services import changes
from desktop_hr.services.archive import employees as emp
from desktop_hr.services.archive.organisation import create_department
from desktop_hr.services.changes import TABLE_AREAS, Changes


def test_every_table_belongs_to_an_area() -> None:
    assert set(Base.metadata.tables) - set(TABLE_AREAS) == set()
    fields = set(Changes().__dataclass_fields__)
    assert set(TABLE_AREAS.values()) <= fields


def test_a_committed_write_reports_its_areas(db: Database) -> None:
    with changes.collecting() as collected:
        emp.create_employee(db.uow(), emp.EmployeeData(employee_no="0001", name="王芳"))
    assert collected.changes.employees
    assert collected.changes.audit
    assert not collected.changes.points
    assert not collected.changes.training


def test_changes_of_several_units_of_work_add_up(db: Database) -> None:
    with changes.collecting() as collected:
        emp.create_employee(db.uow(), emp.EmployeeData(employee_no="0002", name="李雷"))
        create_department(db.uow(), name="培训中心", parent_id=None)
    assert collected.changes.areas() == {"employees", "organisation", "audit"}


def test_a_refused_write_reports_nothing(db: Database) -> None:
    emp.create_employee(db.uow(), emp.EmployeeData(employee_no="0003", name="张伟"))
    with changes.collecting() as collected, pytest.raises(DomainError):
        emp.create_employee(db.uow(), emp.EmployeeData(employee_no="0003", name="重复"))
    assert not collected.changes


def test_reads_report_nothing_and_nothing_is_collected_outside_a_block(db: Database) -> None:
    emp.create_employee(db.uow(), emp.EmployeeData(employee_no="0004", name="赵敏"))  # no block: no error
    with changes.collecting() as collected, db.uow() as uow:
        emp.count_employees(uow.session, emp.EmployeeQuery())
    assert collected.changes == changes.NOTHING


def test_blocks_on_other_threads_do_not_see_each_other(db: Database) -> None:
    import threading

    seen: list[Changes] = []

    def other() -> None:
        with changes.collecting() as collected:
            seen.append(collected.changes)

    with changes.collecting() as collected:
        thread = threading.Thread(target=other)
        thread.start()
        emp.create_employee(db.uow(), emp.EmployeeData(employee_no="0005", name="钱多"))
        thread.join()
    assert collected.changes.employees
    assert seen == [changes.NOTHING]


def test_union_and_everything() -> None:
    assert (Changes(points=True) | Changes(employees=True)).areas() == {"points", "employees"}
    assert Changes.everything().touches("accounts")
    assert not Changes()
