"""Where tests keep their databases: SQLite files, or databases on a PostgreSQL server.

With DESKTOP_HR_TEST_DB_URL set to a PostgreSQL URL (`.ci/run` does a second pass this way), every test
gets a database of its own on that server, cloned with CREATE DATABASE ... TEMPLATE from one migrated
once per session (cloning takes a tenth of a second; migrating takes more). The URL's role needs CREATEDB.
Databases are named `dhr_test_<pid>_<n>`: two test runs on one server never meet, and what a killed run
left behind is dropped by the next.

Tests that only make sense on an SQLite file (the backup API, file locks, read-only files, kill -9)
carry `sqlite_only(reason)`: on PostgreSQL they show as skipped with that reason.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from desktop_hr.db import sqlite_backup
from desktop_hr.services.trust.database import open_database

TEST_DB_URL = os.environ.get("DESKTOP_HR_TEST_DB_URL", "")
ON_POSTGRESQL = TEST_DB_URL.startswith("postgresql")

# A place a test database lives: an SQLite file's path, or a server database's URL (both go to --db).
Location = Path | str


def sqlite_only(reason: str) -> pytest.MarkDecorator:
    """Skip on PostgreSQL, saying why (one marker for every SQLite-only test)."""
    return pytest.mark.skipif(ON_POSTGRESQL, reason=f"SQLite only: {reason}")


postgresql_only = pytest.mark.skipif(
    not ON_POSTGRESQL,
    reason="PostgreSQL only: set DESKTOP_HR_TEST_DB_URL=postgresql+psycopg://... (.ci/run does)",
)

_NAME = re.compile(r"^dhr_test_(\d+)_")


class Server:
    """The PostgreSQL server of DESKTOP_HR_TEST_DB_URL: creates and drops this run's databases.

    Copying and dropping take the server a good part of a second for a filled database (each forces a
    checkpoint), so a helper thread does it while the tests run: it copies the next test's database from
    the same template ahead of time, and drops a test's database only once the next one is asked for
    (by then nothing of the test, not even a widget closing late, can still connect to it).
    """

    def __init__(self, url: str) -> None:
        self.base = make_url(url)
        self.prefix = f"dhr_test_{os.getpid()}_"
        self._numbers = itertools.count(1)
        self._admin: Engine = create_engine(
            self.base, isolation_level="AUTOCOMMIT", pool_size=2, pool_pre_ping=True
        )
        self._migrated: str | None = None
        self._helper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="test-databases")
        self._ahead: dict[str, Future[str]] = {}  # template -> its next copy, being made
        self._done_with: list[str] = []  # to drop when the next database is asked for
        try:
            with self._admin.connect() as conn:
                version = conn.execute(text("SHOW server_version_num")).scalar_one()
                may_create = conn.execute(
                    text("SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user")
                ).scalar_one()
        except OperationalError as exc:
            raise pytest.UsageError(
                f"DESKTOP_HR_TEST_DB_URL is set but the server does not answer: {exc.orig}"
            ) from exc
        if not may_create:
            raise pytest.UsageError(
                f"the test role {self.base.username} needs CREATEDB: ALTER ROLE {self.base.username} CREATEDB"
            )
        # PostgreSQL 15 copies through the WAL by default; file by file is faster for the empty schema.
        self._file_copy = " STRATEGY FILE_COPY" if int(version) >= 150000 else ""
        self.drop_abandoned()

    def url(self, name: str) -> str:
        return self.base.set(database=name).render_as_string(hide_password=False)

    def _execute(self, sql: str) -> None:
        with self._admin.connect() as conn:
            conn.execute(text(sql))

    def _create(self, template: str, label: str = "") -> str:
        name = f"{self.prefix}{next(self._numbers)}{label}"
        strategy = self._file_copy if template == self._migrated else ""
        self._execute(f"CREATE DATABASE {name} TEMPLATE {template} ENCODING 'UTF8'{strategy}")
        return name

    def _drop(self, name: str) -> None:
        self._execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def copy(self, template: str) -> str:
        """A new database copied from `template` (a database of this run nobody is connected to)."""
        while self._done_with:
            self._helper.submit(self._drop, self._done_with.pop())
        name: str | None = None
        ahead = self._ahead.pop(template, None)
        if ahead is not None:
            try:
                name = ahead.result()
            except DBAPIError:
                name = None  # say why below, copying it now
        if name is None:
            name = self._create(template)
        self._ahead[template] = self._helper.submit(self._create, template)
        return name

    def done_with(self, name: str) -> None:
        """Drop `name` (and stop copying it ahead) before the next database is made."""
        ahead = self._ahead.pop(name, None)
        if ahead is not None:
            self._done_with.append(ahead.result())
        self._done_with.append(name)

    def migrated(self) -> str:
        """A database at the newest schema (made once per run): what a new test database is copied from."""
        if self._migrated is None:
            name = self._create("template0", "_migrated")
            open_database(self.url(name)).dispose()
            self._migrated = name
        return self._migrated

    def names(self) -> list[str]:
        with self._admin.connect() as conn:
            return list(conn.execute(text("SELECT datname FROM pg_database")).scalars())

    def drop_abandoned(self) -> None:
        """Drop what earlier runs left: their process is gone (killed, or its teardown never ran)."""
        for name in self.names():
            found = _NAME.match(name)
            if found and not _alive(int(found.group(1))):
                with suppress(DBAPIError):  # another run is dropping it too
                    self._drop(name)

    def close(self) -> None:
        """Drop every database this run made."""
        self._helper.shutdown(wait=True)
        for name in self.names():
            if name.startswith(self.prefix):
                self._drop(name)
        self._admin.dispose()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@functools.cache
def server() -> Server:
    """This run's server (connected on first use)."""
    return Server(TEST_DB_URL)


def close_server() -> None:
    """At the end of the run: drop every database it made."""
    if server.cache_info().currsize:
        server().close()
        server.cache_clear()


@contextmanager
def fresh_database(folder: Path, name: str = "hr") -> Iterator[Location]:
    """Where a new database goes: `folder/NAME.sqlite3` (not made yet: whoever opens it creates it), or on
    PostgreSQL a new database at the newest schema, dropped afterwards."""
    if not ON_POSTGRESQL:
        yield folder / f"{name}.sqlite3"
        return
    with copied_database(server().migrated(), folder, name) as location:
        yield location


@contextmanager
def copied_database(source: Location, folder: Path, name: str = "hr") -> Iterator[Location]:
    """A copy of `source` (a location from `fresh_database`, nobody connected to it) to change freely."""
    if not ON_POSTGRESQL:
        target = folder / f"{name}.sqlite3"
        sqlite_backup(Path(source), target)
        yield target
        return
    serving = server()
    template = make_url(str(source)).database if "://" in str(source) else str(source)
    assert template is not None
    copy = serving.copy(template)
    try:
        yield serving.url(copy)
    finally:
        serving.done_with(copy)
