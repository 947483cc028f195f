"""Engine, SQLite pragmas, session factories, backups, and the unit of work every service runs in.

The store knows no service: `services/trust/database.open_database` opens a `Database`, installs the
write guard on its session factories and brings its schema up to date. A `Database` whose factories
never got the guard refuses every session, so forgetting the opener can never write unguarded.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry, NullPool, PoolProxiedConnection, QueuePool

from desktop_hr import paths

if TYPE_CHECKING:
    from desktop_hr.services.trust.permissions import Principal

log = logging.getLogger(__name__)

# How long a writer waits for another program's lock before saying "in use" (tests shorten it).
BUSY_TIMEOUT_MS = int(os.environ.get("DESKTOP_HR_BUSY_TIMEOUT_MS", "10000"))


def resolve_url(db: str | os.PathLike[str] | None = None) -> URL:
    """Turn `--db`, DESKTOP_HR_DB or the default data-folder file into an SQLAlchemy URL.

    A value containing "://" is an SQLAlchemy URL (PostgreSQL for a multi-seat office);
    anything else is a path to an SQLite file.
    """
    value = os.fspath(db) if db is not None else os.environ.get(paths.DB_ENV)
    if not value:
        value = os.fspath(paths.default_db_path())
    if "://" in value:
        return make_url(value)
    return URL.create("sqlite+pysqlite", database=str(Path(value).expanduser().resolve()))


def _on_sqlite_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Take transaction control away from the sqlite3 module (Python 3.11 has no .autocommit):
    # with isolation_level=None it never issues BEGIN behind our back, so the pragmas below
    # run outside any transaction, and the "begin" hook decides DEFERRED or IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _on_sqlite_begin(conn: Any) -> None:
    # Writers take the lock at BEGIN (IMMEDIATE) so two clerks never both read a balance and
    # then both write: the second waits (busy_timeout) instead of failing half-way.
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


# PostgreSQL: the same one writer at a time, as a lock every write transaction takes as it begins (readers
# never wait). Every service's read-check-write (a balance, the awards already posted, a sign-in already
# recorded) then sees what the writer before it committed, as on SQLite, instead of both passing the check.
PG_WRITE_LOCK = 0x64687277  # "dhrw"


def _on_postgresql_begin(conn: Any) -> None:
    if conn.get_execution_options().get("postgresql_write_lock"):
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")


# An SQLite file's connections are kept for the next unit of work while the program reads (opening one and
# setting its pragmas cost more than a short query; a kept one also keeps its page cache), and closed once
# nothing used them for IDLE_SECONDS: an idle window holds the file open no longer than that, as a backup's
# restore in another program expects (services/trust/restoring.py).
IDLE_SECONDS = 1.0
KEPT_CONNECTIONS = 2  # the GUI's reader and the background writer; more at once are opened and closed


def _file_identity(path: str) -> tuple[int, int] | None:
    try:
        facts = os.stat(path)
    except OSError:
        return None
    return facts.st_dev, facts.st_ino


class _FileWatch:
    """The pool's events for an SQLite file: pragmas on connect, and a kept connection is used again only
    while the file at the path is still the one it opened (a restore swaps the file: the next unit of work
    opens the new one, never reads the old file's pages)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.engine: weakref.ref[Engine] | None = None

    def connect(self, dbapi_connection: sqlite3.Connection, record: ConnectionPoolEntry) -> None:
        _on_sqlite_connect(dbapi_connection, record)
        record.info["file"] = _file_identity(self.path)

    def checkout(
        self, _dbapi_connection: object, record: ConnectionPoolEntry, _proxy: PoolProxiedConnection
    ) -> None:
        opened = record.info.get("file")
        if opened is None or opened != _file_identity(self.path):
            raise DisconnectionError(f"{self.path} was replaced since this connection opened it")

    def checkin(self, _dbapi_connection: object, _record: ConnectionPoolEntry) -> None:
        _idle_closer.used(self)


class _IdleCloser:
    """One daemon thread for every engine: closes an engine's kept connections once none was used for
    IDLE_SECONDS (only those waiting in its pool: a checked-out connection is never touched)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last_use: weakref.WeakKeyDictionary[_FileWatch, float] = weakref.WeakKeyDictionary()
        self._thread: threading.Thread | None = None

    def used(self, watch: _FileWatch) -> None:
        with self._lock:
            self._last_use[watch] = time.monotonic()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="idle connections", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            time.sleep(IDLE_SECONDS / 4)
            now = time.monotonic()
            with self._lock:
                idle = [watch for watch, used in self._last_use.items() if now - used >= IDLE_SECONDS]
                for watch in idle:
                    del self._last_use[watch]
            for watch in idle:
                engine = watch.engine() if watch.engine is not None else None
                if engine is None:
                    continue
                try:
                    engine.pool.dispose()  # the connections waiting in the pool; checked-out ones stay theirs
                except Exception:  # a connection that cannot close now is closed by its next user
                    log.exception("closing the idle connections of %s failed", watch.path)


_idle_closer = _IdleCloser()


def make_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        # A URI database ("file:...?mode=ro&uri=true") names an existing file: no folder to make.
        if database and database != ":memory:" and not database.startswith("file:"):
            folder = Path(database).parent
            if not folder.exists():
                folder.mkdir(parents=True, exist_ok=True)
        args = {"check_same_thread": False}
        if not database or database == ":memory:" or database.startswith("file:"):
            engine = create_engine(url, poolclass=NullPool, connect_args=args)
            event.listen(engine, "connect", _on_sqlite_connect)
        else:
            # A connection serves one unit of work at a time (thread after thread): kept ones wait in the
            # pool; more at once than KEPT_CONNECTIONS are opened and closed (never waited for).
            engine = create_engine(
                url, poolclass=QueuePool, pool_size=KEPT_CONNECTIONS, max_overflow=-1, connect_args=args
            )
            watch = _FileWatch(database)
            watch.engine = weakref.ref(engine)
            event.listen(engine, "connect", watch.connect)
            event.listen(engine, "checkout", watch.checkout)
            event.listen(engine, "checkin", watch.checkin)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)
    if url.get_backend_name() == "postgresql":
        event.listen(engine, "begin", _on_postgresql_begin)
    return engine


@dataclass(frozen=True)
class OpenReport:
    """What happened while opening: for the status bar and the log."""

    url: str
    created: bool
    upgraded_from: str | None
    backup_path: Path | None


class Database:
    """One database the program works on: engine and session factories (open it with
    `services.trust.database.open_database`, which guards and migrates it)."""

    def __init__(self, url: URL) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._read_sessions = sessionmaker(self.engine, expire_on_commit=False)
        write_engine = self.engine
        if self.is_sqlite:
            write_engine = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        elif self.url.get_backend_name() == "postgresql":
            write_engine = self.engine.execution_options(postgresql_write_lock=True)
        self._write_sessions = sessionmaker(write_engine, expire_on_commit=False)
        self._guarded = False
        # Who is signed in: every unit of work acts for them (see services/trust/guard.py).
        self.principal: Principal | None = None
        self.open_report: OpenReport | None = None

    def install_guard(self, install: Callable[[sessionmaker[Session]], None]) -> None:
        """Give both session factories the guard (`install` hooks its events onto one factory); until
        then no session opens."""
        if self._guarded:
            return
        install(self._read_sessions)
        install(self._write_sessions)
        self._guarded = True

    def _sessions(self, *, write: bool) -> sessionmaker[Session]:
        if not self._guarded:
            raise RuntimeError(
                f"{self.display_name()} was opened without its guard: "
                "open databases with desktop_hr.services.trust.database.open_database"
            )
        return self._write_sessions if write else self._read_sessions

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        database = self.url.database
        if self.is_sqlite and database and database != ":memory:":
            return Path(database.removeprefix("file:").split("?", 1)[0])
        return None

    def display_name(self) -> str:
        path = self.sqlite_path
        return str(path) if path else self.url.render_as_string(hide_password=True)

    def uow(self, *, principal: Principal | None = None) -> UnitOfWork:
        """One user action for the signed-in account (or `principal`, for the sign-in itself)."""
        return UnitOfWork(self, principal=principal or self.principal)

    def read_session(self) -> Session:
        """A short-lived session for reads (table models, reports). Close it when done."""
        session = self._sessions(write=False)()
        session.info["principal"] = self.principal
        return session

    def backup_to(self, target: Path) -> Path:
        """Copy the SQLite database with the online backup API (consistent even while in use)."""
        source_path = self.sqlite_path
        if source_path is None:
            raise ValueError("backups through the SQLite backup API need an SQLite database")
        return sqlite_backup(source_path, target)

    def has_tables(self) -> bool:
        return bool(inspect(self.engine).get_table_names())

    def dispose(self) -> None:
        self.engine.dispose()


def sqlite_backup(source_path: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(source_path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


def timestamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


class UnitOfWork:
    """One user action: a session, a transaction, and nothing persists without commit()."""

    def __init__(self, db: Database, *, principal: Principal | None, write: bool = True) -> None:
        self.db = db
        self.principal = principal
        # Who did it, as written into the records themselves (the audit trail has it too).
        self.actor = principal.name if principal is not None else ""
        self._write = write
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("UnitOfWork used outside its 'with' block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = self.db._sessions(write=self._write)()
        self._session.info["principal"] = self.principal
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._session is not None
        try:
            self._session.rollback()
        finally:
            self._session.close()
            self._session = None

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()


def actor_of(session: Session) -> str:
    """The name of the account a session's unit of work acts for, as written into the records themselves
    ("" outside any; the guard refuses such a session every write)."""
    principal = session.info.get("principal")
    return principal.name if principal is not None else ""


@contextmanager
def read_only(db: Database) -> Iterator[Session]:
    session = db.read_session()
    try:
        yield session
    finally:
        session.rollback()
        session.close()
