"""The guard refuses by default what it cannot check row by row: bulk UPDATE/DELETE without a WHERE clause,
INSERTs whose rows are not parameters, and SQL text, for every role; migrations (on the engine) still run."""

from __future__ import annotations

import pytest
from signing import ADMIN
from sqlalchemy import delete, func, insert, literal, select, text, update
from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.migrations import runner
from desktop_hr.models import Account, AuditEntry, Employee, Role
from desktop_hr.services.archive.employees import EmployeeData, create_employee
from desktop_hr.services.trust import accounts, bulk_inserts
from desktop_hr.services.trust.guard import StatementRefused

PASSWORD = "correct-horse-1"


def _count(db: Database, model: type[Account] | type[Employee] | type[AuditEntry]) -> int:
    with db.read_session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def clerk(db: Database) -> Database:
    """The only administrator ("admin") and a clerk signed in; two employees."""
    db.principal = None
    accounts.create_first_admin(db, "admin", PASSWORD)
    accounts.create_account(db.uow(), accounts.AccountData("clerk", Role.CLERK), PASSWORD)
    for no, name in (("00001", "张三"), ("00002", "李四")):
        create_employee(db.uow(), EmployeeData(employee_no=no, name=name))
    accounts.sign_in(db, "clerk", PASSWORD)
    return db


def test_a_clerks_where_less_delete_of_accounts_is_refused_and_deletes_nothing(clerk: Database) -> None:
    before = _count(clerk, AuditEntry)
    with clerk.uow() as uow, pytest.raises(StatementRefused) as refused:
        uow.session.execute(delete(Account))
        uow.commit()
    assert refused.value.message().startswith("已拒绝：不带条件地删除全部账号")
    with clerk.read_session() as session:
        assert session.scalars(select(Account.name).order_by(Account.name)).all() == ["admin", "clerk"]
    assert _count(clerk, AuditEntry) == before  # nothing happened, so nothing to record


@pytest.mark.parametrize("role", [Role.CLERK, Role.ADMIN])
def test_where_less_updates_and_deletes_are_refused_for_every_role(clerk: Database, role: Role) -> None:
    if role is Role.ADMIN:
        clerk.principal = ADMIN
    for statement in (delete(Employee), update(Employee).values(note="批量改")):
        with clerk.uow() as uow, pytest.raises(StatementRefused, match="员工"):
            uow.session.execute(statement)
            uow.commit()
    with clerk.read_session() as session:
        assert session.scalars(select(Employee.note)).all() == ["", ""]
    assert _count(clerk, Employee) == 2


def test_a_delete_or_update_with_a_where_clause_is_checked_and_audited_as_before(clerk: Database) -> None:
    clerk.principal = ADMIN
    with clerk.uow() as uow:
        uow.session.execute(update(Employee).where(Employee.employee_no == "00001").values(note="已核对"))
        uow.session.execute(delete(Employee).where(Employee.employee_no == "00002"))
        uow.commit()
    with clerk.read_session() as session:
        assert session.scalars(select(Employee.note)).all() == ["已核对"]
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.table_name == "employee").order_by(AuditEntry.id)
        ).all()
    assert actions[-2:] == ["update", "delete"]


def test_an_orm_bulk_update_by_primary_key_is_not_a_where_less_update(clerk: Database) -> None:
    with clerk.read_session() as session:
        ids = session.scalars(select(Employee.id).order_by(Employee.id)).all()
    with clerk.uow() as uow:
        uow.session.execute(update(Employee), [{"id": i, "note": f"第{n}位"} for n, i in enumerate(ids, 1)])
        uow.commit()
    with clerk.read_session() as session:
        assert session.scalars(select(Employee.note).order_by(Employee.id)).all() == ["第1位", "第2位"]


def test_inserts_whose_rows_the_guard_cannot_see_are_refused(clerk: Database) -> None:
    copy = select(literal("00009"), Employee.name, Employee.status).where(Employee.employee_no == "00001")
    refused = (
        insert(Employee).values(employee_no="00008", name="王五"),
        insert(Employee).from_select(["employee_no", "name", "status"], copy),
    )
    for statement in refused:
        with clerk.uow() as uow, pytest.raises(StatementRefused, match="逐行给出数据"):
            uow.session.execute(statement)
            uow.commit()
    assert _count(clerk, Employee) == 2


def _through_the_session(session: Session, how: str) -> None:
    sql = "DELETE FROM account"
    if how == "text":
        session.execute(text(sql))
    elif how == "connection":
        session.connection().execute(text(sql))
    else:
        session.connection().exec_driver_sql(sql)


@pytest.mark.parametrize("how", ["text", "connection", "driver"])
def test_sql_text_through_a_unit_of_work_is_refused_even_for_the_administrator(
    clerk: Database, how: str
) -> None:
    clerk.principal = ADMIN
    with clerk.uow() as uow, pytest.raises(StatementRefused) as refused:
        _through_the_session(uow.session, how)
        uow.commit()
    assert (
        "程序不执行 SQL 文本" in refused.value.message() and "DELETE FROM account" in refused.value.message()
    )
    with clerk.read_session() as session, pytest.raises(StatementRefused):
        session.execute(text("SELECT count(*) FROM account"))
    assert _count(clerk, Account) == 2


def test_text_naming_the_guards_own_insert_option_is_still_refused(clerk: Database) -> None:
    clerk.principal = ADMIN
    with clerk.uow() as uow, pytest.raises(StatementRefused):
        options = {bulk_inserts.CHECKED_INSERT: True}  # the option's name, not the guard's own marker
        uow.session.connection().exec_driver_sql("DELETE FROM account", execution_options=options)
        uow.commit()
    assert _count(clerk, Account) == 2


def test_the_engine_itself_and_migrations_are_not_the_guards(clerk: Database) -> None:
    with clerk.engine.connect() as conn:  # maintenance goes through the engine, not a unit of work
        assert conn.execute(text("SELECT count(*) FROM account")).scalar_one() == 2
    runner.upgrade_to_head(clerk)  # idempotent at head; an older database is covered by test_db
    assert runner.current_revision(clerk) == runner.head_revision()
    with clerk.uow() as uow:  # and after those, units of work still work and still refuse text
        create_employee(uow.db.uow(), EmployeeData(employee_no="00003", name="赵六"))
        with pytest.raises(StatementRefused):
            uow.session.execute(text("SELECT 1"))
    assert _count(clerk, Employee) == 3
