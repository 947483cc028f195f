"""`init`, `account`, `audit`, `backup` and `restore`: accounts, the audit trail and backups, by the rules
the window obeys (services/trust)."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from desktop_hr import messages
from desktop_hr.cli.session import MissingUser, open_db, password, sign_in_as_user
from desktop_hr.cli.texts import EXIT_INPUT_ERRORS, EXIT_OK, NEW_PASSWORD_ENV
from desktop_hr.db import Database, resolve_url
from desktop_hr.errors import DatabaseUnavailable, NotFound
from desktop_hr.excel.audit import export_audit
from desktop_hr.models import Role
from desktop_hr.services.archive.organisation import department_by_path
from desktop_hr.services.labels import label, table_label
from desktop_hr.services.trust import accounts, audit, audit_tables, backups, key_management, restoring
from desktop_hr.services.trust.database import open_database
from desktop_hr.services.trust.permissions import Permission, Principal, require


def cmd_init(args: argparse.Namespace) -> int:
    db = open_db(args, sign_in=False, create=True)
    try:
        accounts.create_first_admin(db, args.admin, password(args.admin), args.display_name)
    finally:
        db.dispose()
    print(messages.text("cli.initialised", name=args.admin))
    return EXIT_OK


def cmd_account(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        require(db.principal, Permission.MANAGE_ACCOUNTS)  # before asking for a new password
        if args.account_action == "list":
            with db.read_session() as session:
                for row in accounts.list_accounts(session):
                    state = "locked" if row.locked() else ("active" if row.active else "disabled")
                    print("\t".join([row.name, row.display_name, label(row.role), row.department, state]))
            return EXIT_OK
        if args.account_action == "add":
            role = Role(args.role)
            department_id = None
            if args.department:
                with db.read_session() as session:
                    department_id = department_by_path(session, args.department)
            data = accounts.AccountData(args.name, role, args.display_name, department_id)
            new_password = password(args.name, args.password_env, "cli.new_password_prompt")
            accounts.create_account(db.uow(), data, new_password)
            print(messages.text("cli.account_added", name=args.name, role=label(role)))
            return EXIT_OK
        with db.read_session() as session:
            found = {row.name: row.id for row in accounts.list_accounts(session)}
        if args.name not in found:
            raise NotFound(what=table_label("account"), key=args.name)
        if args.account_action == "reset":
            new_password = password(args.name, NEW_PASSWORD_ENV, "cli.new_password_prompt")
            accounts.reset_password(db.uow(), found[args.name], new_password)
            print(messages.text("cli.password_reset", name=args.name))
        else:
            accounts.unlock(db.uow(), found[args.name])
            print(messages.text("cli.unlocked", name=args.name))
    finally:
        db.dispose()
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    """`audit verify` exits 0 when intact and 1 naming the first broken entry or a row changed outside the
    program; `audit export OUT.xlsx`."""
    if args.audit_action == "verify":
        return _verify_audit(args)
    db = open_db(args)
    try:
        require(db.principal, Permission.READ_AUDIT)
        count = export_audit(db, args.out, audit.AuditQuery())
    finally:
        db.dispose()
    print(messages.text("cli.exported", count=count, path=args.out))
    return EXIT_OK


def _verify_audit(args: argparse.Namespace) -> int:
    """The trail is checked before this run's own sign-in writes to it (a sign-in, even a failed one, is an
    entry); the result is shown only once the account proved it may read the trail."""
    trusted = key_management.read_public_file(args.key) if args.key else None
    db = open_db(args, sign_in=False)
    try:
        with db.read_session() as session:
            result = audit_tables.check(session, keys=trusted)
        sign_in_as_user(db, args)
        require(db.principal, Permission.READ_AUDIT)
    finally:
        db.dispose()
    print(result.message())
    return EXIT_OK if result.ok else EXIT_INPUT_ERRORS


def cmd_backup(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        made = backups.back_up(db, datetime.now(), args.folder)
    finally:
        db.dispose()
    print(messages.text("cli.backup_done", path=made.path, size=made.size))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """Only an administrator restores: signed in against the current file, or against the backup's own
    accounts when the current file is missing, damaged or has no accounts (the case restoring is for)."""
    url = resolve_url(args.db)
    if url.get_backend_name() != "sqlite" or not url.database:
        raise backups.BackupsNeedSqlite(database=url.render_as_string(hide_password=True))
    path = Path(url.database)
    principal = _restorer(args, path)
    done = restoring.restore(path, args.file, datetime.now(), principal=principal, force=args.force)
    for confirmed in done.confirmed:
        print(messages.text("cli.restore_forced", difference=confirmed), file=sys.stderr)
    print(messages.text("cli.restored", path=path, backup=args.file, aside=done.kept_aside or "-"))
    return EXIT_OK


def _restorer(args: argparse.Namespace, path: Path) -> Principal:
    if not args.user:
        raise MissingUser()
    typed = password(args.user)
    current: Database | None = None
    if path.is_file() and backups.quick_problem(path) is None:
        try:
            current = open_database(path)
        except (DatabaseUnavailable, SQLAlchemyError):
            current = None  # not a database this program can open: the backup's accounts decide
    if current is not None:
        try:
            with current.read_session() as session:
                if accounts.has_accounts(session):
                    return require(accounts.sign_in(current, args.user, typed), Permission.BACKUP)
        finally:
            current.dispose()
    return require(restoring.restorer_in_backup(args.file, args.user, typed), Permission.BACKUP)
