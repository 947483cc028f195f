"""Bring a database to the newest schema, copying an older SQLite file aside first."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text

from desktop_hr.db import Database, OpenReport, timestamp
from desktop_hr.errors import DatabaseUnavailable, NewerDatabase

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(db: Database) -> OpenReport:
    """Bring `db` to the newest schema; a file SQLite cannot read is "unavailable", said at the edge."""
    try:
        return upgrade_to_head(db)
    except sqlite3.DatabaseError as exc:  # pragma: no cover - mapped at the edge
        raise DatabaseUnavailable(path=db.display_name(), detail=str(exc)) from exc


def upgrade_to_head(db: Database, target: str = "head") -> OpenReport:
    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    current = current_revision(db)
    head = script.get_current_head()
    wanted = head if target == "head" else target
    if current is not None and current not in {r.revision for r in script.walk_revisions()}:
        raise NewerDatabase(path=db.display_name(), revision=current)
    if current == wanted:
        return OpenReport(db.display_name(), created=False, upgraded_from=None, backup_path=None)

    has_tables = bool(inspect(db.engine).get_table_names())
    if has_tables and current is None:
        raise DatabaseUnavailable(path=db.display_name(), detail="not a desktop_hr database")
    backup_path: Path | None = None
    source = db.sqlite_path
    if current is not None and source is not None:
        # An older schema: keep an exact copy before touching it, so an upgrade can never lose data.
        backup_path = source.with_name(f"{source.stem}.before-{current}-{timestamp()}.sqlite3")
        db.backup_to(backup_path)
        log.info("copied %s to %s before upgrading from %s", source, backup_path, current)

    with db.engine.connect() as conn:
        if db.is_sqlite:
            # Batch migrations recreate tables; with foreign keys on, SQLite would cascade or refuse.
            # The pragma is a no-op inside a transaction, so it goes to the driver before any BEGIN.
            _driver_execute(conn, "PRAGMA foreign_keys = OFF")
        config.attributes["connection"] = conn
        try:
            command.upgrade(config, wanted or "head")
            if conn.in_transaction():
                conn.commit()
            if db.is_sqlite:
                problems = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
                conn.rollback()
                if problems:
                    raise DatabaseUnavailable(
                        path=db.display_name(), detail=f"foreign key check: {problems[:5]}"
                    )
        finally:
            if db.is_sqlite:
                _driver_execute(conn, "PRAGMA foreign_keys = ON")
    log.info("database %s upgraded from %s to %s", db.display_name(), current, wanted)
    return OpenReport(
        db.display_name(), created=current is None, upgraded_from=current, backup_path=backup_path
    )


def _driver_execute(conn: Connection, sql: str) -> None:
    driver = conn.connection.driver_connection
    assert driver is not None
    cursor = driver.cursor()
    try:
        cursor.execute(sql)
    finally:
        cursor.close()
