"""Restoring a backup: what differs from the current database, the differences an administrator must confirm,
and a swap that never leaves the database missing.

`restore` refuses (RestoreRefused, nothing changed) a backup of another office, a backup that would leave
the office without its accounts (one older than the accounts table, or without an administrator), and a
backup whose audit trail does not verify, unless the administrator confirmed (`force`: the window's
dialog, the command line's `--force`); what was confirmed is written into the RESTORE entry.

The swap: the backup is copied to `.NAME.restoring` beside the database, brought to the newest schema,
checked and given its RESTORE entry; then the current file is kept aside as a dated copy (a hard link, or
a copy where the disk has none), and the finished copy is moved onto the database's path with one
`os.replace`. A kill at any step leaves the old database or the restored one at its path, never nothing;
what an interrupted run left (`.restoring`, `.partial`, their `-journal`) is removed by `clean_leftovers`
at the next start or restore. A `-journal` of the database itself is never touched: it is SQLite's own.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from desktop_hr import messages
from desktop_hr.errors import DomainError
from desktop_hr.models import Account
from desktop_hr.services.office_settings import put_text
from desktop_hr.services.trust import accounts, audit
from desktop_hr.services.trust.backups import (
    FOLDER_KEY,
    STAMP,
    clean_partial_backups,
    companions,
    default_folder,
    integrity_problem,
    single_file,
    stored_setting,
)
from desktop_hr.services.trust.database import open_database
from desktop_hr.services.trust.office_identity import OFFICE_ID, short_id
from desktop_hr.services.trust.permissions import Permission, Principal, require
from desktop_hr.vocabulary import Role

messages.define(
    {
        "backup.missing": ("找不到备份文件：{path}", "Backup file not found: {path}"),
        "backup.damaged_backup": (
            "备份文件 {path} 已损坏（{detail}），不能用它恢复。当前数据库未作任何改动。",
            "The backup file {path} is damaged ({detail}) and cannot be restored; the current database was not changed.",
        ),
        "backup.in_use": (
            "数据库 {path} 正被另一个程序使用，不能恢复。请先关闭其他使用它的程序。",
            "The database {path} is in use by another program and cannot be restored; close the other program first.",
        ),
        "restore.refused": (
            "没有用备份 {backup} 恢复数据库 {database}，因为：\n{differences}\n当前数据库未作任何改动。"
            "如确需用它恢复，请管理员在窗口中确认，或在命令行加上 --force。",
            "The database {database} was not restored from the backup {backup}, because:\n{differences}\n"
            "The current database was not changed. To restore it anyway, an administrator confirms in the "
            "window, or adds --force on the command line.",
        ),
        "restore.other_office": (
            "它是另一个单位的备份：备份的单位标识是 {theirs}，本数据库的是 {ours}",
            "it is another office's backup: the backup's office identity is {theirs}, this database's is {ours}",
        ),
        "restore.unknown_office": (
            "它没有单位标识（取自加入单位标识之前的版本），无法确认它是本单位（{ours}）的备份",
            "it has no office identity (it was taken before identities existed), so it cannot be confirmed "
            "as a backup of this office ({ours})",
        ),
        "restore.older_without_accounts": (
            "它的数据库版本 {theirs} 早于当前版本 {ours}，其中没有管理员账号：恢复后当前的 {count} 个账号"
            "将全部丢失，任何人都能重新初始化并成为管理员",
            "its database revision {theirs} is older than the current {ours} and it has no administrator "
            "account: the current {count} account(s) would be lost, and anyone could initialise it again "
            "and become administrator",
        ),
        "restore.without_accounts": (
            "其中没有管理员账号：恢复后当前的 {count} 个账号将全部丢失，任何人都能重新初始化并成为管理员",
            "it has no administrator account: the current {count} account(s) would be lost, and anyone "
            "could initialise it again and become administrator",
        ),
        "restore.trail_broken": (
            "它的审计记录未通过校验：{detail}",
            "its audit trail does not verify: {detail}",
        ),
        "restore.confirmed": (
            "管理员确认后恢复：{differences}",
            "restored after the administrator confirmed: {differences}",
        ),
    }
)


class BackupMissing(DomainError):
    code = "backup.missing"


class DamagedBackupFile(DomainError):
    """A backup chosen for restoring failed its check (nothing was changed)."""

    code = "backup.damaged_backup"


class DatabaseInUse(DomainError):
    code = "backup.in_use"


class RestoreRefused(DomainError):
    """The backup differs in a way the administrator must confirm; `differences` says how (nothing changed)."""

    code = "restore.refused"

    def __init__(self, *, backup: Path, database: Path, differences: list[str]) -> None:
        self.differences = differences
        self.backup = backup
        super().__init__(
            backup=backup, database=database, differences="\n".join(f"• {d}" for d in differences)
        )


@dataclass(frozen=True)
class RestoreResult:
    restored: Path
    kept_aside: Path | None
    confirmed: tuple[str, ...] = ()  # the differences the administrator confirmed (forced)


@dataclass(frozen=True)
class FileFacts:
    """What a database file says about itself, read straight from it (read-only, before any upgrade)."""

    identity: str  # "" before identities (or unreadable)
    revision: str  # the schema revision ("" when unreadable)
    accounts: int
    administrators: int  # active administrator accounts


# Tests set this to stop a restore at one of its steps (raising, or ending the process there).
STEPS = ("checked", "copied", "verified", "recorded", "set_aside", "replaced")
step_hook: Callable[[str], None] | None = None


def _step(name: str) -> None:
    if step_hook is not None:
        step_hook(name)


def file_facts(path: Path) -> FileFacts:
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            revision = ""
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = str(row[0]) if row else ""
            count = admins = 0
            if "account" in tables:
                count = int(connection.execute("SELECT COUNT(*) FROM account").fetchone()[0])
                admins = int(
                    connection.execute(
                        "SELECT COUNT(*) FROM account WHERE role = ? AND active", (Role.ADMIN.value,)
                    ).fetchone()[0]
                )
        finally:
            connection.close()
    except sqlite3.Error:
        return FileFacts(stored_setting(path, OFFICE_ID), "", 0, 0)
    return FileFacts(stored_setting(path, OFFICE_ID), revision, count, admins)


def differences(theirs: FileFacts, ours: FileFacts | None) -> list[str]:
    """What the administrator must confirm before the backup (`theirs`) replaces the database (`ours`,
    None when it is missing or unreadable: then there is nothing of it to compare or to lose)."""
    found: list[str] = []
    if ours is None:
        return found
    if ours.identity and not theirs.identity:
        found.append(messages.text("restore.unknown_office", ours=short_id(ours.identity)))
    elif ours.identity and theirs.identity != ours.identity:
        found.append(
            messages.text(
                "restore.other_office",
                theirs=f"{short_id(theirs.identity)} ({theirs.identity})",
                ours=f"{short_id(ours.identity)} ({ours.identity})",
            )
        )
    if ours.accounts and not theirs.administrators:
        if theirs.revision < ours.revision:  # revisions are zero-padded numbers: "0005" < "0010"
            found.append(
                messages.text(
                    "restore.older_without_accounts",
                    theirs=theirs.revision or "?",
                    ours=ours.revision,
                    count=ours.accounts,
                )
            )
        else:
            found.append(messages.text("restore.without_accounts", count=ours.accounts))
    return found


def restoring_path(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.restoring")


def clean_leftovers(db_path: Path) -> list[Path]:
    """Delete what interrupted restores and backups left beside the database and in its backup folder:
    the working copy `.NAME.restoring`, half-made set-aside copies and backups (`.partial`), the journals
    of those (never the database's own), and the copy an upgrade of the working copy made. Returns them."""
    folder = db_path.parent
    if not folder.is_dir():
        return []
    incoming = restoring_path(db_path)
    doomed = [incoming, *(companion for _suffix, companion in companions(incoming))]
    doomed += list(folder.glob(f".{glob_escape(db_path.name)}.before-*.sqlite3"))
    for partial in folder.glob(f"{glob_escape(db_path.stem)}.before-restore-*{db_path.suffix}.partial"):
        doomed += [partial, *(companion for _suffix, companion in companions(partial))]
    removed = [path for path in doomed if path.is_file()]
    for path in removed:
        path.unlink(missing_ok=True)
    backup_folder = stored_setting(db_path, FOLDER_KEY) if db_path.is_file() else ""
    removed += clean_partial_backups(Path(backup_folder) if backup_folder else default_folder(db_path))
    return removed


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def restore(
    db_path: Path, backup_file: Path, now: datetime, *, principal: Principal | None, force: bool = False
) -> RestoreResult:
    """Replace the database file by a checked backup; the current file is kept aside first.

    Only an administrator may restore. The differences `differences` finds, and a backup whose audit
    trail does not verify, are refused (RestoreRefused, nothing changed) unless `force`. The restored
    database's audit trail gets an entry naming the account, the backup and what was confirmed, written
    into the copy before it replaces the database. The program must not hold the database open (dispose
    the Database first) and must reopen it after.
    """
    restorer = require(principal, Permission.BACKUP)
    clean_leftovers(db_path)
    if not backup_file.is_file():
        raise BackupMissing(path=backup_file)
    problem = integrity_problem(backup_file)
    if problem is not None:
        raise DamagedBackupFile(path=backup_file, detail=problem)
    theirs = file_facts(backup_file)
    ours = file_facts(db_path) if db_path.is_file() else None
    found = differences(theirs, ours)
    _step("checked")
    incoming = restoring_path(db_path)
    try:
        shutil.copyfile(backup_file, incoming)
        _step("copied")
        keep_identity = ours.identity if ours is not None and not theirs.identity else ""
        _prepare(db_path, backup_file, restorer, found, force=force, keep_identity=keep_identity)
        _step("recorded")
        aside = _set_aside(db_path, now) if db_path.exists() else None
        _step("set_aside")
        _drop_empty_log(db_path)
        try:
            os.replace(incoming, db_path)
        except OSError as error:
            if aside is not None:
                aside.unlink(missing_ok=True)  # nothing was restored: no copy that says otherwise
            raise DatabaseInUse(path=db_path) from error
        _sync_folder(db_path.parent)
        _step("replaced")
    finally:
        for doomed in (incoming, *(companion for _suffix, companion in companions(incoming))):
            doomed.unlink(missing_ok=True)
    return RestoreResult(db_path, aside, tuple(found) if force else ())


def _prepare(
    db_path: Path,
    backup_file: Path,
    restorer: Principal,
    found: list[str],
    *,
    force: bool,
    keep_identity: str,
) -> None:
    """Bring the working copy to the newest schema (as opening it would), verify its audit trail, refuse
    unless `force`, then write its RESTORE entry; the backup file itself stays as it was."""
    incoming = restoring_path(db_path)
    restored = open_database(incoming)
    try:
        report = restored.open_report
        if report is not None and report.backup_path is not None:
            report.backup_path.unlink(missing_ok=True)
        with restored.read_session() as session:
            trail = audit.verify(session)
        if not trail.intact:
            found.append(messages.text("restore.trail_broken", detail=trail.message()))
        if found and not force:
            raise RestoreRefused(backup=backup_file, database=db_path, differences=found)
        _step("verified")
        restored.principal = restorer
        if keep_identity:  # an old backup of this office, confirmed: it stays this office
            with restored.uow() as uow:
                put_text(uow.session, OFFICE_ID, keep_identity)
                uow.commit()
        reason = messages.text("restore.confirmed", differences="; ".join(found)) if found else ""
        audit.note(restored, audit.Action.RESTORE, summary=str(backup_file.resolve()), reason=reason)
    finally:
        restored.dispose()
    single_file(incoming)  # the write-ahead log folded in: the file alone is the whole database
    with open(incoming, "rb+") as handle:
        os.fsync(handle.fileno())
    problem = integrity_problem(incoming)
    if problem is not None:
        raise DamagedBackupFile(path=backup_file, detail=problem)


def _set_aside(db_path: Path, now: datetime) -> Path:
    """A dated copy of the current database beside it, made while the database stays where it is: a hard
    link (instant), or where the disk cannot link (FAT on a USB stick) a copy written under `.partial`."""
    with contextlib.suppress(sqlite3.Error):  # fold the write-ahead log in (a damaged file may refuse)
        connection = sqlite3.connect(db_path)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
    log_file = db_path.with_name(db_path.name + "-wal")
    if log_file.exists() and log_file.stat().st_size > 0:
        raise DatabaseInUse(path=db_path)  # another program still writes to it
    aside = db_path.with_name(f"{db_path.stem}.before-restore-{now.strftime(STAMP)}{db_path.suffix}")
    counter = 1
    while aside.exists():
        counter += 1
        aside = aside.with_name(
            f"{db_path.stem}.before-restore-{now.strftime(STAMP)}-{counter}{db_path.suffix}"
        )
    try:
        os.link(db_path, aside)
    except OSError:
        partial = aside.with_name(aside.name + ".partial")
        try:
            shutil.copyfile(db_path, partial)
            with open(partial, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(partial, aside)
        finally:
            partial.unlink(missing_ok=True)
    return aside


def _drop_empty_log(db_path: Path) -> None:
    """The old database's emptied write-ahead log and shared memory must not meet the restored file."""
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """The rename itself on disk (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def restorer_in_backup(backup_file: Path, name: str, password: str) -> Principal:
    """Who is restoring, checked against the accounts kept in the backup itself (opened read-only, nothing
    written): for when the current database is damaged or missing and cannot say who may restore."""
    if not backup_file.is_file():
        raise BackupMissing(path=backup_file)
    url = URL.create(
        "sqlite+pysqlite", database=f"{backup_file.resolve().as_uri()}?mode=ro", query={"uri": "true"}
    )
    engine = create_engine(url, poolclass=NullPool)
    try:
        with Session(engine) as session:
            account = session.scalar(select(Account).where(Account.name == name.strip()))
    except SQLAlchemyError as error:
        raise DamagedBackupFile(path=backup_file, detail=str(getattr(error, "orig", error))) from error
    finally:
        engine.dispose()
    if account is None or not accounts.password_matches(account.password_hash, password):
        raise accounts.SignInFailed()
    if not account.active:
        raise accounts.AccountDisabled(name=account.name)
    return Principal(
        name=account.name, role=account.role, account_id=account.id, display_name=account.display_name
    )
