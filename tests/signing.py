"""Accounts for tests: the principal service tests act as, and a real administrator for the CLI."""

from __future__ import annotations

import os
from pathlib import Path

from desktop_hr.db import Database
from desktop_hr.models import Role
from desktop_hr.services.office_settings import get_text, put_text
from desktop_hr.services.trust import accounts
from desktop_hr.services.trust.database import open_database
from desktop_hr.services.trust.permissions import Principal

ADMIN = Principal(name="hr", role=Role.ADMIN)
ADMIN_NAME = "admin"
ADMIN_PASSWORD = "admin-pass-2026"
CLI_ENV = {"DESKTOP_HR_USER": ADMIN_NAME, "DESKTOP_HR_PASSWORD": ADMIN_PASSWORD}


def open_as_admin(path: Path | str) -> Database:
    """Open (and migrate) a database and act as an HR administrator, as the service tests do."""
    db = open_database(path)
    db.principal = ADMIN
    return db


def settings_note(path: Path | str, value: str | None = None) -> str:
    """Write (when given) and read back a marker setting: tells which database a file holds after a backup
    or restore."""
    db = open_as_admin(path)
    try:
        if value is not None:
            with db.uow() as uow:
                put_text(uow.session, "test.note", value)
                uow.commit()
        with db.read_session() as session:
            return get_text(session, "test.note", "")
    finally:
        db.dispose()


def ensure_admin_account(db_path: Path | str) -> None:
    """The state `desktop-hr init --admin admin` leaves: a real administrator account to sign in as."""
    db = open_database(db_path)
    try:
        with db.read_session() as session:
            exists = accounts.has_accounts(session)
        if not exists:
            accounts.create_first_admin(db, ADMIN_NAME, ADMIN_PASSWORD)
    finally:
        db.dispose()


def cli_env(user: str = ADMIN_NAME, password: str = ADMIN_PASSWORD) -> dict[str, str]:
    return {**os.environ, "DESKTOP_HR_USER": user, "DESKTOP_HR_PASSWORD": password}
