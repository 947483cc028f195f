"""The one way to open a database: the store, the guard on every session, the schema brought up to date."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL

from desktop_hr.db import Database, resolve_url
from desktop_hr.errors import DatabaseMissing
from desktop_hr.migrations import runner
from desktop_hr.services.trust import guard


def open_database(
    db: str | os.PathLike[str] | URL | None = None, *, migrate: bool = True, create: bool = True
) -> Database:
    """Open `db` (`--db`, DESKTOP_HR_DB or the data folder's file; see `resolve_url`), with the guard
    installed on its session factories (permissions, a department head's view, the audit trail) and,
    with `migrate`, its schema upgraded (an older SQLite file copied aside first: `open_report`).

    Without `create`, an SQLite file that does not exist is DatabaseMissing, and nothing is created."""
    url = db if isinstance(db, URL) else resolve_url(db)
    if not create and url.get_backend_name() == "sqlite" and not _exists(url.database):
        raise DatabaseMissing(path=url.database)
    database = Database(url)
    try:
        database.install_guard(guard.install)
        if migrate:
            database.open_report = runner.migrate(database)
    except BaseException:
        database.dispose()
        raise
    return database


def _exists(database: str | None) -> bool:
    if not database or database == ":memory:":
        return True
    return Path(database.removeprefix("file:").split("?", 1)[0]).is_file()
