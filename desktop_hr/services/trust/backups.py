"""Backups of an SQLite database: copy with the backup API, check, rotate, restore, check at start.

A backup is written under a temporary name, checked with `PRAGMA integrity_check` and only then given
its final name, so a half-written, damaged or cancelled copy never looks like a backup. Taking the copy
(`take_backup`) writes nothing to the database; `record_backup` then notes it in the audit trail, so that
the window can copy beside the writes and record in line with them. Restoring checks the
backup first, keeps the current file aside (renamed with a timestamp) and swaps the files so that the
database is either the old one or the restored one, never something in between.

PostgreSQL databases are refused: their backups are the server's job (pg_dump), not the program's.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import create_engine, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from desktop_hr import messages
from desktop_hr.db import Database, UnitOfWork
from desktop_hr.errors import DomainError, InvalidField
from desktop_hr.models import Account
from desktop_hr.services.office_settings import get_int, get_text, put_int, put_text
from desktop_hr.services.trust import accounts, audit
from desktop_hr.services.trust.database import open_database
from desktop_hr.services.trust.permissions import Permission, Principal, require

messages.define(
    {
        "backup.needs_sqlite": (
            "数据库 {database} 不是 SQLite 文件，不能在程序中备份或恢复；PostgreSQL 数据库请由服务器管理员用 pg_dump 备份。",
            "The database {database} is not an SQLite file, so the program cannot back it up or restore it; "
            "back up a PostgreSQL database on the server with pg_dump.",
        ),
        "backup.damaged_copy": (
            "备份 {path} 未通过完整性检查（{detail}），已删除，原数据库不受影响。",
            "The backup {path} failed the integrity check ({detail}) and was deleted; the database is unaffected.",
        ),
        "backup.damaged_backup": (
            "备份文件 {path} 已损坏（{detail}），不能用它恢复。当前数据库未作任何改动。",
            "The backup file {path} is damaged ({detail}) and cannot be restored; the current database was not changed.",
        ),
        "backup.missing": ("找不到备份文件：{path}", "Backup file not found: {path}"),
        "backup.database_damaged": (
            "数据库 {path} 已损坏（{detail}）。最近一份完好的备份：{backup}。请在“文件 > 备份”中恢复它。",
            "The database {path} is damaged ({detail}). The latest good backup: {backup}. "
            "Restore it from File > Backups.",
        ),
        "backup.no_backup": ("（没有找到备份）", "(no backup found)"),
        "backup.in_use": (
            "数据库 {path} 正被另一个程序使用，不能恢复。请先关闭其他使用它的程序。",
            "The database {path} is in use by another program and cannot be restored; close the other program first.",
        ),
        "backup.automatic": ("自动备份", "automatic backup"),
        "field.backup_keep": ("保留的备份份数", "Number of backups kept"),
        "field.backup_folder": ("备份文件夹", "Backup folder"),
        "reason.folder_relative": (
            "应为完整的文件夹路径，例如 D:\\人事备份",
            "must be a full folder path, e.g. D:\\HR backups",
        ),
        "reason.not_a_folder": ("这是一个文件，不是文件夹", "is a file, not a folder"),
        "reason.folder_unwritable": (
            "不能在此文件夹中写入文件（{detail}）",
            "files cannot be written in this folder ({detail})",
        ),
        "reason.backup_keep": (
            "应为 {low} 到 {high} 之间的整数",
            "should be a whole number from {low} to {high}",
        ),
    }
)

log = logging.getLogger(__name__)

FOLDER_KEY = "backup.folder"
DAILY_KEY = "backup.keep_daily"
WEEKLY_KEY = "backup.keep_weekly"
MONTHLY_KEY = "backup.keep_monthly"
DEFAULT_DAILY, DEFAULT_WEEKLY, DEFAULT_MONTHLY = 7, 4, 12
KEEP_MAX = 1000
SUFFIX = ".backup.sqlite3"
STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+)_(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?" + re.escape(SUFFIX) + "$")


class BackupsNeedSqlite(DomainError):
    code = "backup.needs_sqlite"


class BackupDamaged(DomainError):
    """A fresh copy failed its check (it has been deleted)."""

    code = "backup.damaged_copy"


class DamagedBackupFile(DomainError):
    """A backup chosen for restoring failed its check (nothing was changed)."""

    code = "backup.damaged_backup"


class BackupMissing(DomainError):
    code = "backup.missing"


class DatabaseDamaged(DomainError):
    """`quick_check` failed at start; `backup` names the latest good backup (or says there is none)."""

    code = "backup.database_damaged"


class DatabaseInUse(DomainError):
    code = "backup.in_use"


class BackupCancelled(Exception):
    """The copy or its check was stopped on request; nothing was kept."""


Progress = Callable[[int, int], None]  # (pages copied, pages); (0, 0) while the copy is being checked
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class BackupPolicy:
    folder: Path
    daily: int = DEFAULT_DAILY
    weekly: int = DEFAULT_WEEKLY
    monthly: int = DEFAULT_MONTHLY


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    size: int


@dataclass(frozen=True)
class RestoreResult:
    restored: Path
    kept_aside: Path | None


# ---- settings ---------------------------------------------------------------------------------------


def _sqlite_path(db: Database) -> Path:
    path = db.sqlite_path
    if path is None:
        raise BackupsNeedSqlite(database=db.display_name())
    return path


def default_folder(db_path: Path) -> Path:
    """A "backups" folder beside the database file (the administrator may choose a USB drive instead)."""
    return db_path.parent / "backups"


def policy(db: Database) -> BackupPolicy:
    """Where and how many backups are kept (settings table; defaults when never set)."""
    fallback = default_folder(_sqlite_path(db))
    with db.read_session() as session:
        folder = get_text(session, FOLDER_KEY, "")
        return BackupPolicy(
            folder=Path(folder) if folder else fallback,
            daily=get_int(session, DAILY_KEY, DEFAULT_DAILY),
            weekly=get_int(session, WEEKLY_KEY, DEFAULT_WEEKLY),
            monthly=get_int(session, MONTHLY_KEY, DEFAULT_MONTHLY),
        )


def save_policy(uow: UnitOfWork, chosen: BackupPolicy) -> None:
    """Store the folder and the three counts (each 0..1000; at least one backup is always kept)."""
    require(uow.principal, Permission.BACKUP)
    for count in (chosen.daily, chosen.weekly, chosen.monthly):
        if not 0 <= count <= KEEP_MAX:
            raise InvalidField(
                field=messages.text("field.backup_keep"),
                value=count,
                reason=messages.text("reason.backup_keep", low=0, high=KEEP_MAX),
            )
    problem = folder_problem(chosen.folder)
    if problem is not None:
        raise InvalidField(field=messages.text("field.backup_folder"), value=chosen.folder, reason=problem)
    with uow:
        put_text(uow.session, FOLDER_KEY, str(chosen.folder))
        put_int(uow.session, DAILY_KEY, chosen.daily)
        put_int(uow.session, WEEKLY_KEY, chosen.weekly)
        put_int(uow.session, MONTHLY_KEY, chosen.monthly)
        uow.commit()


def folder_problem(folder: Path) -> str | None:
    """None when backups can be written into `folder` (made if missing), else why not: a backup folder that
    cannot be written is refused when chosen, not discovered on the evening the first backup fails."""
    if str(folder).strip() in ("", "."):
        return messages.text("reason.required")
    if not folder.is_absolute():
        return messages.text("reason.folder_relative")
    if folder.exists() and not folder.is_dir():
        return messages.text("reason.not_a_folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder, prefix=".desktop_hr-probe-"):
            pass
    except OSError as error:
        return messages.text("reason.folder_unwritable", detail=error.strerror or str(error))
    return None


# ---- checking ---------------------------------------------------------------------------------------


def _check(path: Path, pragma: str, cancelled: Cancelled | None = None) -> str | None:
    """None when the file passes `PRAGMA integrity_check` / `quick_check`, else what is wrong.

    With `cancelled`, SQLite asks it every few thousand steps and stops the check when it says so
    (BackupCancelled): checking a large copy takes longer than copying it."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if cancelled is not None:
                connection.set_progress_handler(lambda: int(cancelled()), 10_000)
            rows = connection.execute(f"PRAGMA {pragma}").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        if cancelled is not None and cancelled():
            raise BackupCancelled from error
        return str(error)
    found = [str(row[0]) for row in rows]
    return None if found == ["ok"] else "; ".join(found[:3])


def integrity_problem(path: Path, cancelled: Cancelled | None = None) -> str | None:
    return _check(path, "integrity_check", cancelled)


def quick_problem(path: Path) -> str | None:
    """`PRAGMA quick_check`: None when the file looks sound, else what is wrong (faster than integrity)."""
    return _check(path, "quick_check")


def check_backup(path: Path, cancelled: Cancelled | None = None) -> None:
    """A fresh copy that fails `integrity_check` is deleted and refused."""
    problem = integrity_problem(path, cancelled)
    if problem is not None:
        for doomed in (path, *(companion for _suffix, companion in _companions(path))):
            doomed.unlink(missing_ok=True)
        raise BackupDamaged(path=path, detail=problem)


def quick_check(db: Database) -> None:
    """At start: `PRAGMA quick_check`; when it fails, a DatabaseDamaged naming the latest good backup."""
    path = db.sqlite_path
    if path is None or not path.exists():
        return
    problem = quick_problem(path)
    if problem is None:
        return
    try:
        folder = policy(db).folder
    except Exception:  # the settings table itself may be what is damaged
        folder = default_folder(path)
    good = latest_good_backup(folder, path.stem)
    raise DatabaseDamaged(
        path=path,
        detail=problem,
        backup=good.path if good else messages.text("backup.no_backup"),
    )


# ---- listing and rotation ---------------------------------------------------------------------------


def backup_name(stem: str, taken_at: datetime) -> str:
    return f"{stem}_{taken_at.strftime(STAMP)}{SUFFIX}"


def list_backups(folder: Path, stem: str) -> list[BackupFile]:
    """The backups of the database named `stem` in `folder`, newest first."""
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match is None or match["stem"] != stem or not entry.is_file():
            continue
        taken_at = datetime.strptime(match["stamp"], STAMP)
        found.append((taken_at, int(match["n"] or 0), BackupFile(entry, taken_at, entry.stat().st_size)))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [item[2] for item in found]


def latest_good_backup(folder: Path, stem: str) -> BackupFile | None:
    for backup in list_backups(folder, stem):
        if integrity_problem(backup.path) is None:
            return backup
    return None


def kept(backups: Sequence[BackupFile], daily: int, weekly: int, monthly: int) -> set[Path]:
    """Grandfather-father-son: the newest backup of each of the last `daily` days that have one,
    of the last `weekly` ISO weeks and of the last `monthly` months; the newest backup always stays."""
    ordered = sorted(backups, key=lambda b: b.taken_at, reverse=True)
    keep = {ordered[0].path} if ordered else set()

    def newest_per(period_of: Callable[[date], Hashable], count: int) -> None:
        seen: list[Hashable] = []
        for backup in ordered:
            period = period_of(backup.taken_at.date())
            if period in seen:
                continue
            if len(seen) >= count:
                return
            seen.append(period)
            keep.add(backup.path)

    newest_per(lambda day: day, daily)
    newest_per(lambda day: day.isocalendar()[:2], weekly)
    newest_per(lambda day: (day.year, day.month), monthly)
    return keep


def rotate(folder: Path, stem: str, chosen: BackupPolicy) -> list[Path]:
    """Delete the backups the rotation no longer keeps; returns what was deleted."""
    backups = list_backups(folder, stem)
    keep = kept(backups, chosen.daily, chosen.weekly, chosen.monthly)
    deleted = [b.path for b in backups if b.path not in keep]
    for path in deleted:
        path.unlink(missing_ok=True)
    return deleted


# ---- backing up -------------------------------------------------------------------------------------

COPY_STEPS = 50  # progress reports of a copy
MAX_RESTARTS = 2  # writes from other connections restart a stepwise copy; then it is copied in one go


class _Restarted(Exception):
    pass


def copy_database(
    source: Path, target: Path, *, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> Path:
    """Copy an SQLite database with the backup API, in steps that report progress and can be cancelled.

    Between steps the source is free for writers; a write from another connection makes SQLite start the
    copy again, so after MAX_RESTARTS restarts the rest is copied in one step (one consistent snapshot,
    whatever is written meanwhile), without progress.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    source_connection = sqlite3.connect(source)
    try:
        pages = int(source_connection.execute("PRAGMA page_count").fetchone()[0])
        seen = {"remaining": pages, "restarts": 0}

        def step(_status: int, remaining: int, total: int) -> None:
            if cancelled is not None and cancelled():
                raise BackupCancelled
            if remaining > seen["remaining"]:
                seen["restarts"] += 1
                if seen["restarts"] > MAX_RESTARTS:
                    raise _Restarted
            seen["remaining"] = remaining
            if progress is not None:
                progress(total - remaining, total)

        target_connection = sqlite3.connect(target)
        try:
            source_connection.backup(
                target_connection, pages=max(pages // COPY_STEPS, 64), progress=step, sleep=0
            )
        except _Restarted:
            log.info("the backup of %s was restarted by writes; copying it in one step", source)
            source_connection.backup(target_connection)
        finally:
            target_connection.close()
    finally:
        source_connection.close()
    return target


def take_backup(
    db: Database,
    now: datetime,
    folder: Path | None = None,
    *,
    automatic: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> BackupFile:
    """Copy the database, check the copy, give it its name, then apply the rotation; the database itself is
    not written (`record_backup` notes the backup in the audit trail).

    Backing up is an administrator's right, except the `automatic` backup at start and exit, which
    runs for whoever is signed in. A cancelled or failed copy leaves no file behind.
    """
    if not automatic:
        require(db.principal, Permission.BACKUP)
    source = _sqlite_path(db)
    chosen = policy(db)
    if folder is not None:
        chosen = BackupPolicy(folder, chosen.daily, chosen.weekly, chosen.monthly)
    chosen.folder.mkdir(parents=True, exist_ok=True)
    target = chosen.folder / backup_name(source.stem, now)
    counter = 1
    while target.exists():  # two backups within the same second
        counter += 1
        target = target.with_name(target.name.replace(SUFFIX, f"-{counter}{SUFFIX}"))
    partial = target.with_name(target.name + ".partial")
    try:
        copy_database(source, partial, progress=progress, cancelled=cancelled)
        _single_file(partial)
        if progress is not None:
            progress(0, 0)
        check_backup(partial, cancelled)
        os.replace(partial, target)
    finally:
        for doomed in (partial, *(companion for _suffix, companion in _companions(partial))):
            doomed.unlink(missing_ok=True)
    rotate(chosen.folder, source.stem, chosen)
    return BackupFile(target, now, target.stat().st_size)


def record_backup(db: Database, made: BackupFile, *, automatic: bool = False) -> None:
    """The backup's entry in the audit trail (its file, and whether it was the automatic one)."""
    reason = messages.text("backup.automatic") if automatic else ""
    audit.note(db, audit.Action.BACKUP, summary=str(made.path), reason=reason)


def back_up(
    db: Database,
    now: datetime,
    folder: Path | None = None,
    *,
    automatic: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> BackupFile:
    """Take a checked backup (`take_backup`) and record it in the audit trail."""
    made = take_backup(db, now, folder, automatic=automatic, progress=progress, cancelled=cancelled)
    record_backup(db, made, automatic=automatic)
    return made


def _single_file(path: Path) -> None:
    """The copy keeps the source's WAL mode; a backup is better one self-contained file."""
    with contextlib.suppress(sqlite3.Error):  # a damaged copy: the integrity check says so next
        connection = sqlite3.connect(path)
        try:
            connection.execute("PRAGMA journal_mode = DELETE")
        finally:
            connection.close()


def backed_up_on(db: Database, day: date) -> bool:
    source = _sqlite_path(db)
    return any(b.taken_at.date() == day for b in list_backups(policy(db).folder, source.stem))


def automatic_backup_due(db: Database, now: datetime, *, on_exit: bool = False) -> bool:
    """At start at most once a day, always on exit; never for a PostgreSQL database (the server's job)."""
    if db.sqlite_path is None or not db.sqlite_path.exists():
        return False
    return on_exit or not backed_up_on(db, now.date())


def automatic_backup(db: Database, now: datetime, *, on_exit: bool = False) -> BackupFile | None:
    """The automatic backup when it is due (`automatic_backup_due`), recorded; None when it is not."""
    if not automatic_backup_due(db, now, on_exit=on_exit):
        return None
    return back_up(db, now, automatic=True)


# ---- restoring --------------------------------------------------------------------------------------


def _companions(path: Path) -> Iterable[tuple[str, Path]]:
    for suffix in ("-wal", "-shm", "-journal"):
        yield suffix, path.with_name(path.name + suffix)


def restore(db_path: Path, backup_file: Path, now: datetime, *, principal: Principal | None) -> RestoreResult:
    """Replace the database file by a checked backup; the current file is kept aside first.

    Only an administrator may restore. The restored database's audit trail gets an entry naming the
    account and the backup, written into the copy before it replaces the database: afterwards the
    database is either the old one, or the restored one that says who restored it and from where.
    The program must not hold the database open (dispose the Database first) and must reopen it after.
    """
    restorer = require(principal, Permission.BACKUP)
    if not backup_file.is_file():
        raise BackupMissing(path=backup_file)
    problem = integrity_problem(backup_file)
    if problem is not None:
        raise DamagedBackupFile(path=backup_file, detail=problem)
    incoming = db_path.with_name(f".{db_path.name}.restoring")
    shutil.copyfile(backup_file, incoming)
    try:
        _record_restore(incoming, backup_file, restorer)
        with open(incoming, "rb+") as handle:
            os.fsync(handle.fileno())
        problem = integrity_problem(incoming)
        if problem is not None:
            raise DamagedBackupFile(path=backup_file, detail=problem)
        aside = _set_aside(db_path, now) if db_path.exists() else None
        try:
            os.replace(incoming, db_path)
        except OSError:
            if aside is not None:
                _put_back(aside, db_path)
            raise
    finally:
        for doomed in (incoming, *(companion for _suffix, companion in _companions(incoming))):
            doomed.unlink(missing_ok=True)
    return RestoreResult(db_path, aside)


def _record_restore(incoming: Path, backup_file: Path, restorer: Principal) -> None:
    """The RESTORE entry, in the copy about to become the database (brought to the newest schema first,
    as opening it would; the backup file itself stays as the copy from before that upgrade)."""
    restored = open_database(incoming)
    try:
        report = restored.open_report
        if report is not None and report.backup_path is not None:
            report.backup_path.unlink(missing_ok=True)
        restored.principal = restorer
        audit.note(restored, audit.Action.RESTORE, summary=str(backup_file.resolve()))
    finally:
        restored.dispose()
    _single_file(incoming)  # the write-ahead log folded in: the file alone is the whole database


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


def _set_aside(db_path: Path, now: datetime) -> Path:
    # Fold the write-ahead log into the file first (best effort: a damaged file may refuse).
    with contextlib.suppress(sqlite3.Error):
        connection = sqlite3.connect(db_path)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
    aside = db_path.with_name(f"{db_path.stem}.before-restore-{now.strftime(STAMP)}{db_path.suffix}")
    moved: list[tuple[Path, Path]] = []
    try:
        for source, target in [(db_path, aside)] + [
            (companion, aside.with_name(aside.name + suffix)) for suffix, companion in _companions(db_path)
        ]:
            if source.exists():
                os.rename(source, target)
                moved.append((source, target))
    except OSError as error:
        for source, target in reversed(moved):
            os.rename(target, source)
        raise DatabaseInUse(path=db_path) from error
    return aside


def _put_back(aside: Path, db_path: Path) -> None:
    os.replace(aside, db_path)
    for suffix, companion in _companions(db_path):
        kept_companion = aside.with_name(aside.name + suffix)
        if kept_companion.exists():
            os.replace(kept_companion, companion)
