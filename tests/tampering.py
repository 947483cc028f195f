"""Changing the audit trail behind the program's back, as someone with the database file (or the
server's superuser) could: the append-only triggers removed, then rows edited or deleted."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import text

from desktop_hr.db import Database
from desktop_hr.services.trust import audit
from desktop_hr.services.trust.audit import AuditQuery, AuditRow
from desktop_hr.services.trust.database import open_database


def tamper(db: Database, sql: str, **params: Any) -> None:
    """Run `sql` (named :parameters) on the database directly: the sqlite3 module on the file, with the
    triggers dropped first; on PostgreSQL the trigger is disabled for the statement."""
    if db.sqlite_path is not None:
        connection = sqlite3.connect(db.sqlite_path)
        try:
            connection.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
            connection.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
            connection.execute(sql, params)
            connection.commit()
        finally:
            connection.close()
        return
    with db.engine.begin() as conn:
        conn.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only"))
        conn.execute(text(sql), params)
        conn.execute(text("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only"))


def trail(db: Database, query: AuditQuery | None = None) -> list[AuditRow]:
    """The matching entries, oldest first."""
    with db.read_session() as session:
        return list(reversed(audit.rows(session, audit.entry_ids(session, query or AuditQuery()))))


def trail_at(location: Path | str) -> list[AuditRow]:
    """The whole trail of the database at `location` (a file or a server URL), oldest first."""
    db = open_database(location)
    try:
        return trail(db)
    finally:
        db.dispose()
