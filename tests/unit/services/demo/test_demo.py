"""Demo data: realistic, valid, and never mixed into a database that has real people."""

from __future__ import annotations

import pytest

from desktop_hr.db import Database
from desktop_hr.services.archive import employees as emp
from desktop_hr.services.demo.fill import DemoNeedsEmptyDatabase, fill_demo
from desktop_hr.services.validation import id_card_problem


def test_demo_fills_a_tree_people_reviews_and_goals(db: Database) -> None:
    report = fill_demo(db.uow(), employees=120)
    assert report.employees == 120 and report.reviews > 100 and report.goals > 10 and report.departments >= 10
    with db.read_session() as s:
        rows = emp.employee_rows(s, emp.employee_ids(s, emp.EmployeeQuery()))
    assert all(id_card_problem(r.id_card_no, r.birth_date) is None for r in rows)
    assert all(r.department.startswith("总公司/") for r in rows)
    assert all(
        emp.validate(emp.EmployeeData(employee_no=r.employee_no, name=r.name, phone=r.phone)) == []
        for r in rows
    )
    assert sum(1 for r in rows if r.manager_no) > 100


def test_demo_refuses_a_database_with_employees(db: Database) -> None:
    emp.create_employee(db.uow(), emp.EmployeeData(employee_no="1", name="真人"))
    with pytest.raises(DemoNeedsEmptyDatabase, match="1 名员工"):
        fill_demo(db.uow(), employees=10)
