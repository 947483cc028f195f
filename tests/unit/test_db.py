"""The store: pragmas on every connection, migrations on open, a copy aside before upgrading."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest
from databases import sqlite_only
from sqlalchemy import select, text

from desktop_hr import db as store
from desktop_hr.db import Database, read_only, resolve_url
from desktop_hr.errors import DatabaseUnavailable, NewerDatabase
from desktop_hr.migrations import runner
from desktop_hr.models import Employee
from desktop_hr.services.archive import employees as emp
from desktop_hr.services.trust.database import open_database

pytestmark = sqlite_only("SQLite file behaviour: pragmas, upgrades with a copy, backups")


def test_every_connection_has_wal_full_sync_foreign_keys_and_busy_timeout(db: Database) -> None:
    for _ in range(2):  # a kept connection or a fresh one: each must be configured
        db.engine.dispose()  # the next is a new connection
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000


def test_foreign_keys_are_enforced(db: Database) -> None:
    # On the engine: a unit of work refuses SQL text (services/trust/guard.py).
    with db.engine.begin() as conn, pytest.raises(Exception, match="FOREIGN KEY"):
        conn.execute(
            text(
                "INSERT INTO employee (employee_no, name, status, department_id, is_trainer, note, created_at, updated_at)"
                " VALUES ('1', 'x', 'active', 999, 0, '', '2026-01-01', '2026-01-01')"
            )
        )


def test_new_database_is_at_head(db: Database) -> None:
    assert runner.current_revision(db) == runner.head_revision()
    assert db.open_report is not None and db.open_report.created


def test_db_argument_accepts_path_and_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_url(tmp_path / "a.sqlite3").database == str(tmp_path / "a.sqlite3")
    assert resolve_url("postgresql+psycopg://hr@localhost/hr").get_backend_name() == "postgresql"
    monkeypatch.setenv("DESKTOP_HR_DB", str(tmp_path / "env.sqlite3"))
    assert resolve_url(None).database == str(tmp_path / "env.sqlite3")
    monkeypatch.delenv("DESKTOP_HR_DB")
    assert resolve_url(None).database is not None and resolve_url(None).database.endswith(
        "desktop_hr.sqlite3"
    )


def test_opening_an_older_database_copies_it_aside_then_upgrades(db_path: Path) -> None:
    old = open_database(db_path, migrate=False)
    runner.upgrade_to_head(old, target="0001")
    with old.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO employee (employee_no, name, status, is_trainer, note, created_at, updated_at)"
                " VALUES ('00007', '林岚荔', 'active', 0, '', '2026-01-01', '2026-01-01')"
            )
        )
    old.dispose()

    upgraded = open_database(db_path)
    report = upgraded.open_report
    assert report is not None and report.upgraded_from == "0001"
    assert report.backup_path is not None and report.backup_path.exists()
    # The copy is the old schema with the data, untouched.
    copy = sqlite3.connect(report.backup_path)
    assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert copy.execute("SELECT name FROM employee").fetchall() == [("林岚荔",)]
    copy.close()
    # The upgraded one has the new tables and keeps the data.
    with upgraded.read_session() as session:
        assert emp.find_by_no(session, "00007") is not None
    assert runner.current_revision(upgraded) == runner.head_revision()
    upgraded.dispose()


def test_database_from_a_newer_program_is_refused(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(NewerDatabase, match="9999"):
        open_database(db.sqlite_path)


def test_a_foreign_sqlite_file_is_refused_not_overwritten(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseUnavailable):
        open_database(other)
    check = sqlite3.connect(other)
    assert check.execute("SELECT name FROM sqlite_master").fetchall() == [("notes",)]
    check.close()


def test_backup_api_copy_is_consistent(db: Database, tmp_path: Path) -> None:
    emp.create_employee(db.uow(), emp.EmployeeData(employee_no="1", name="张三"))
    target = db.backup_to(tmp_path / "copy.sqlite3")
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert copy.execute("SELECT name FROM employee").fetchall() == [("张三",)]
    copy.close()


def _names(db: Database) -> list[str]:
    with read_only(db) as session:
        return list(session.scalars(select(Employee.name).order_by(Employee.name)))


def test_reads_one_after_another_use_the_same_connection(db: Database) -> None:
    def connection() -> object:
        with read_only(db) as session:
            return session.connection().connection.dbapi_connection

    assert connection() is connection()


def test_a_kept_connection_never_reads_a_file_that_was_replaced(db: Database, tmp_path: Path) -> None:
    """Another program restored a backup over the file while this one kept a connection: the next read
    opens the file now at the path."""
    emp.create_employee(db.uow(), emp.EmployeeData(employee_no="1", name="张三"))
    assert _names(db) == ["张三"]  # the connection stays in the pool
    other = db.backup_to(tmp_path / "restored.sqlite3")
    conn = sqlite3.connect(other)
    conn.execute("UPDATE employee SET name = '李四'")
    conn.commit()
    conn.close()
    path = db.sqlite_path
    assert path is not None
    checkpoint = sqlite3.connect(path)  # as a restore does: the log folded in and dropped, then the swap
    checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    checkpoint.close()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    os.replace(other, path)
    assert _names(db) == ["李四"]


def test_an_idle_program_does_not_keep_the_file_open(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "IDLE_SECONDS", 0.2)
    assert db.sqlite_path is not None
    assert _names(db) == []
    waited = time.monotonic() + 10
    while _open_here(db, db.sqlite_path) and time.monotonic() < waited:
        time.sleep(0.05)
    assert not _open_here(db, db.sqlite_path)
    assert _names(db) == []  # and the next read opens it again


def _open_here(db: Database, path: Path) -> bool:
    """Whether this process holds `path` open (the pool's count; on Linux /proc too)."""
    fds = Path("/proc/self/fd")
    found = db.engine.pool.checkedin() > 0
    if not fds.is_dir():
        return found
    for fd in fds.iterdir():
        try:
            found = found or os.readlink(fd) == str(path)
        except OSError:
            continue
    return found
