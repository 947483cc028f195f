"""The one way to open a database: the store, the guard on every session, the schema brought up to date."""

from __future__ import annotations

import os

from sqlalchemy.engine import URL

from desktop_hr.db import Database, resolve_url
from desktop_hr.migrations import runner
from desktop_hr.services.trust import guard


def open_database(db: str | os.PathLike[str] | URL | None = None, *, migrate: bool = True) -> Database:
    """Open `db` (`--db`, DESKTOP_HR_DB or the data folder's file; see `resolve_url`), with the guard
    installed on its session factories (permissions, a department head's view, the audit trail) and,
    with `migrate`, its schema upgraded (an older SQLite file copied aside first: `open_report`)."""
    database = Database(db if isinstance(db, URL) else resolve_url(db))
    try:
        database.install_guard(guard.install)
        if migrate:
            database.open_report = runner.migrate(database)
    except BaseException:
        database.dispose()
        raise
    return database
