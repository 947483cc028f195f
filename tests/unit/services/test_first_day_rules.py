"""When the first-run guide is due, and that completing or skipping it is remembered in the database."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_hr.db import Database, read_only
from desktop_hr.models import Role
from desktop_hr.services import first_day
from desktop_hr.services.archive import employees as emp
from desktop_hr.services.demo.fill import fill_demo
from desktop_hr.services.trust.permissions import PermissionDenied, Principal


def _standing(db: Database) -> first_day.Standing:
    with read_only(db) as session:
        return first_day.standing(session)


def test_the_guide_is_due_on_a_new_database_until_completed(db: Database) -> None:
    assert _standing(db) == first_day.Standing(demo=False, guide_due=True)
    first_day.finish_guide(db.uow(), "completed")
    assert _standing(db) == first_day.Standing(demo=False, guide_due=False)


def test_a_skipped_guide_is_not_due_again(db: Database) -> None:
    first_day.finish_guide(db.uow(), "skipped")
    assert not _standing(db).guide_due


def test_an_archive_with_people_gets_no_guide(db: Database) -> None:
    emp.create_employee(db.uow(), emp.EmployeeData(employee_no="1", name="王芳"))
    assert _standing(db) == first_day.Standing(demo=False, guide_due=False)


def test_a_demo_gets_no_guide(db: Database) -> None:
    fill_demo(db.uow(), employees=12, today=date(2026, 3, 1), training=False)
    assert _standing(db) == first_day.Standing(demo=True, guide_due=False)


def test_only_who_may_edit_the_settings_finishes_the_guide(db: Database) -> None:
    db.principal = Principal(name="clerk1", role=Role.CLERK)
    with pytest.raises(PermissionDenied):
        first_day.finish_guide(db.uow(), "skipped")
    db.principal = Principal(name="hr", role=Role.ADMIN)
    assert _standing(db).guide_due
