"""Opening a database: only through the opener, which guards every session and migrates; without it, nothing opens."""

from __future__ import annotations

from datetime import date

import pytest
from databases import Location
from signing import ADMIN
from sqlalchemy import func, select

from desktop_hr.db import Database, resolve_url
from desktop_hr.models import Employee, Role
from desktop_hr.services.archive import employees
from desktop_hr.services.trust.database import open_database
from desktop_hr.services.trust.permissions import NotSignedIn, PermissionDenied, Principal, WriteDenied


def _person(no: str) -> employees.EmployeeData:
    return employees.EmployeeData(employee_no=no, name="张三", hire_date=date(2024, 3, 1))


def test_a_database_opened_without_the_opener_refuses_every_session(db_location: Location) -> None:
    open_database(db_location).dispose()  # a migrated database, so only the guard is missing
    bare = Database(resolve_url(db_location))
    bare.principal = ADMIN
    try:
        with pytest.raises(RuntimeError, match="open_database"):
            employees.create_employee(bare.uow(), _person("00001"))
        with pytest.raises(RuntimeError, match="open_database"):
            bare.read_session()
    finally:
        bare.dispose()
    opened = open_database(db_location)
    try:
        with opened.read_session() as session:
            assert session.scalar(select(func.count()).select_from(Employee)) == 0
    finally:
        opened.dispose()


def test_the_opener_installs_the_guard_on_writes(db_location: Location) -> None:
    db = open_database(db_location)
    try:
        with pytest.raises(NotSignedIn):
            employees.create_employee(db.uow(), _person("00001"))
        db.principal = Principal(name="audit", role=Role.AUDITOR)
        with pytest.raises(PermissionDenied):  # the service asks first
            employees.create_employee(db.uow(), _person("00001"))
        with db.uow() as uow, pytest.raises(WriteDenied):  # and the guard catches a write past it
            uow.session.add(Employee(employee_no="00001", name="张三"))
            uow.commit()
        db.principal = ADMIN
        employees.create_employee(db.uow(), _person("00001"))
        with db.read_session() as session:
            assert session.scalars(select(Employee.employee_no)).all() == ["00001"]
    finally:
        db.dispose()


def test_the_opener_migrates_unless_told_not_to(db_location: Location) -> None:
    db = open_database(db_location)
    try:
        assert db.open_report is not None
        assert db.has_tables()
    finally:
        db.dispose()
    again = open_database(db_location, migrate=False)
    try:
        assert again.open_report is None
    finally:
        again.dispose()
