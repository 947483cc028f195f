"""Every command acts for an account: open the database through the one opener and sign in as --user."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence

from desktop_hr import messages
from desktop_hr.cli.texts import PASSWORD_ENV
from desktop_hr.db import Database
from desktop_hr.errors import DomainError
from desktop_hr.services.trust import accounts
from desktop_hr.services.trust.database import open_database


class PasswordNeeded(DomainError):
    code = "cli.password_needed"


class MissingUser(DomainError):
    code = "cli.need_user"


def password(name: str, env: str = PASSWORD_ENV, prompt: str = "cli.password_prompt") -> str:
    """From the environment (scripts), else typed at a terminal without echo."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise PasswordNeeded(env=env)
    return getpass.getpass(messages.text(prompt, name=name))


def open_db(args: argparse.Namespace, *, sign_in: bool = True) -> Database:
    """Open (and migrate) the database and sign in as --user: every command acts for an account."""
    db = open_database(args.db)
    report = db.open_report
    if report is not None and report.upgraded_from and report.backup_path:
        print(
            messages.text("cli.upgraded", old=report.upgraded_from, backup=report.backup_path),
            file=sys.stderr,
        )
    if sign_in:
        try:
            sign_in_as_user(db, args)
        except BaseException:
            db.dispose()
            raise
    return db


def sign_in_as_user(db: Database, args: argparse.Namespace) -> None:
    """Sign in as --user (a command that reads something before its own sign-in writes to the trail)."""
    if not args.user:
        with db.read_session() as session:
            if not accounts.has_accounts(session):
                raise accounts.NoAccounts()
        raise MissingUser()
    accounts.sign_in(db, args.user, password(args.user))


def print_errors(errors: Sequence[object]) -> None:
    for error in errors:
        describe = getattr(error, "describe", None)
        print(describe() if callable(describe) else str(error), file=sys.stderr)
