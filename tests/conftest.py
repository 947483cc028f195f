"""Shared fixtures: every test gets its own data folder and a fresh, migrated database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from signing import ADMIN
from sqlalchemy import create_engine, text

from desktop_hr import messages
from desktop_hr.db import Database

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLE_ROSTER = SHARED / "samples" / "花名册_示例.xlsx"

# Set to a PostgreSQL URL to run the database tests against a server instead of SQLite
# (.ci/run does a second pass this way). The schema is dropped and migrated afresh per test.
TEST_DB_URL = os.environ.get("DESKTOP_HR_TEST_DB_URL", "")


def _reset_server_database(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


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
def db(db_path: Path) -> Iterator[Database]:
    if TEST_DB_URL:
        _reset_server_database(TEST_DB_URL)
        database = Database.open(TEST_DB_URL)
    else:
        database = Database.open(db_path)
    # Service tests act as an HR administrator; tests of the other roles sign in for real.
    database.principal = ADMIN
    yield database
    database.dispose()


@pytest.fixture
def sample_roster() -> Path:
    if not SAMPLE_ROSTER.exists():
        pytest.fail(f"sample roster missing: {SAMPLE_ROSTER} (shared/ must sit beside the repo)")
    return SAMPLE_ROSTER
