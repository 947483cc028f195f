"""Every command acts for an account: open the database through the one opener and sign in as --user."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop_hr import messages
from desktop_hr.cli.texts import PASSWORD_ENV
from desktop_hr.db import Database, resolve_url
from desktop_hr.errors import DomainError
from desktop_hr.services.trust import accounts, backups, restoring
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


def open_db(args: argparse.Namespace, *, sign_in: bool = True, create: bool = False) -> Database:
    """Open (and migrate) the database and sign in as --user: every command acts for an account.

    Only `create` (init and demo) makes a database whose file does not exist; any other command says the
    file is missing. A damaged file gets the window's message, naming the latest good backup; what an
    interrupted restore or backup left beside it is cleaned first."""
    url = resolve_url(args.db)
    path = Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None
    if path is not None and path.is_file():
        restoring.clean_leftovers(path)
        damaged = backups.damage(path)
        if damaged is not None:
            raise damaged
    db = open_database(url, create=create)
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
