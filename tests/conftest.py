"""Shared fixtures: every test gets its own data folder and a fresh, migrated database.

The database is an SQLite file in the test's folder, or with DESKTOP_HR_TEST_DB_URL set (the PostgreSQL
pass of .ci/run) a database of its own on that server (see databases.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from databases import ON_POSTGRESQL, TEST_DB_URL, Location, close_server, fresh_database, server
from signing import ADMIN

from desktop_hr import messages
from desktop_hr.db import Database
from desktop_hr.services.trust.database import open_database

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLE_ROSTER = SHARED / "samples" / "花名册_示例.xlsx"


def pytest_configure(config: pytest.Config) -> None:
    # CI must run the PostgreSQL pass: without a server its tests would only ever be skipped.
    if os.environ.get("CI") == "true" and not (TEST_DB_URL or os.environ.get("DESKTOP_HR_TEST_PG_URL")):
        raise pytest.UsageError(
            "CI=true but neither DESKTOP_HR_TEST_DB_URL nor DESKTOP_HR_TEST_PG_URL is set: "
            "the PostgreSQL tests would be skipped (.ci/run sets up the server)"
        )
    if TEST_DB_URL and not ON_POSTGRESQL:
        raise pytest.UsageError(f"DESKTOP_HR_TEST_DB_URL must be a postgresql URL, not {TEST_DB_URL!r}")


def pytest_report_header() -> str:
    return "database: " + ("PostgreSQL (DESKTOP_HR_TEST_DB_URL)" if ON_POSTGRESQL else "SQLite files")


def pytest_sessionstart() -> None:
    if ON_POSTGRESQL:
        server()  # a server that does not answer, or a role without CREATEDB, stops the run here


def pytest_sessionfinish() -> None:
    close_server()


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """No test touches the real user data folder or inherits a database or language from the shell."""
    monkeypatch.setenv("DESKTOP_HR_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("DESKTOP_HR_DB", raising=False)
    monkeypatch.delenv("DESKTOP_HR_LANG", raising=False)
    messages.set_language("zh_CN")
    yield
    messages.set_language("zh_CN")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "hr.sqlite3"


@pytest.fixture
def db_location(tmp_path: Path) -> Iterator[Location]:
    """This test's database for `--db` or open_database: `db_path`, or a new server database."""
    with fresh_database(tmp_path) as location:
        yield location


@pytest.fixture
def new_database(tmp_path: Path) -> Iterator[Callable[[str], Location]]:
    """`new_database(name)`: one more database for this test (SQLite: `NAME.sqlite3` in its folder)."""
    with ExitStack() as made:
        yield lambda name: made.enter_context(fresh_database(tmp_path, name))


@pytest.fixture
def db(db_location: Location) -> Iterator[Database]:
    database = open_database(db_location)
    # Service tests act as an HR administrator; tests of the other roles sign in for real.
    database.principal = ADMIN
    yield database
    database.dispose()


@pytest.fixture
def sample_roster() -> Path:
    if not SAMPLE_ROSTER.exists():
        pytest.fail(f"sample roster missing: {SAMPLE_ROSTER} (shared/ must sit beside the repo)")
    return SAMPLE_ROSTER
