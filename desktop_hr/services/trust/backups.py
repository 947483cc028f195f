"""Backups of an SQLite database: copy with the backup API, check, rotate per office, check at start.

A backup is written under a temporary name, checked with `PRAGMA integrity_check` and only then given
its final name, so a half-written, damaged or cancelled copy never looks like a backup. Taking the copy
(`take_backup`) writes nothing to the database; `record_backup` then notes it in the audit trail, so that
the window can copy beside the writes and record in line with them. Restoring is `restoring.py`.

A backup's name carries the office identity (`hr_3f9a-1c07_20260315-093000.backup.sqlite3`): the rotation
keeps and deletes backups per identity, never by file name, so two PCs whose databases share a file name
keep their own backups in one shared folder or USB stick. The identity is read from the name, not from the
file: listing a folder stays a directory walk (tests/unit/services/trust/test_backup_offices.py measures
both). Backups taken before the identity existed (no identity in their name) are listed but never rotated.

PostgreSQL databases are refused: their backups are the server's job (pg_dump), not the program's.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import tempfile
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from desktop_hr import messages
from desktop_hr.db import Database, UnitOfWork
from desktop_hr.errors import DomainError, InvalidField
from desktop_hr.services import validation  # noqa: F401  (defines "reason.required", said below)
from desktop_hr.services.office_settings import get_int, get_text, put_int, put_text
from desktop_hr.services.trust import audit
from desktop_hr.services.trust.office_identity import OFFICE_ID, office_id, short_id
from desktop_hr.services.trust.permissions import Permission, require

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
        "backup.database_damaged": (
            "数据库 {path} 已损坏（{detail}）。最近一份完好的备份：{backup}。"
            "恢复方法：启动程序窗口时选择“恢复最近一份完好的备份”，"
            '或由管理员运行 desktop-hr --db "{path}" restore "{backup}"。',
            "The database {path} is damaged ({detail}). The latest good backup: {backup}. "
            'To restore it, choose "Restore the latest good backup" when the window starts, '
            'or as an administrator run desktop-hr --db "{path}" restore "{backup}".',
        ),
        "backup.database_damaged_no_backup": (
            "数据库 {path} 已损坏（{detail}）。没有找到它的完好备份（查看了 {folder}）。",
            "The database {path} is damaged ({detail}). No good backup of it was found (looked in {folder}).",
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
# stem, then the office's short identity (absent in backups taken before identities), then the time.
_NAME = re.compile(
    r"^(?P<stem>.+?)_(?:(?P<office>[0-9a-f]{4}-[0-9a-f]{4})_)?(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?"
    + re.escape(SUFFIX)
    + "$"
)


class BackupsNeedSqlite(DomainError):
    code = "backup.needs_sqlite"


class BackupDamaged(DomainError):
    """A fresh copy failed its check (it has been deleted)."""

    code = "backup.damaged_copy"


class DamagedBackupFile(DomainError):
    """A backup chosen for restoring failed its check (nothing was changed)."""

    code = "backup.damaged_backup"


class DatabaseDamaged(DomainError):
    """`quick_check` failed at start; the message names the latest good backup (`good_backup`), or says
    where none was found. The window and the command line show the same text."""

    code = "backup.database_damaged"

    def __init__(self, *, path: Path, detail: str, good_backup: Path | None, folder: Path) -> None:
        self.good_backup = good_backup
        if good_backup is None:
            self.code = "backup.database_damaged_no_backup"
            super().__init__(path=path, detail=detail, folder=folder)
        else:
            super().__init__(path=path, detail=detail, backup=good_backup)


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
    office: str = ""  # the short identity in its name ("" for a backup taken before identities)


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
        for doomed in (path, *(companion for _suffix, companion in companions(path))):
            doomed.unlink(missing_ok=True)
        raise BackupDamaged(path=path, detail=problem)


def quick_check(db: Database) -> None:
    """At start: `PRAGMA quick_check`; when it fails, a DatabaseDamaged naming the latest good backup."""
    path = db.sqlite_path
    if path is None or not path.exists():
        return
    damaged = damage(path)
    if damaged is not None:
        raise damaged


def damage(path: Path) -> DatabaseDamaged | None:
    """None when the SQLite file at `path` passes `PRAGMA quick_check`; else what the window and the
    command line both say: what is wrong and the latest good backup of this office (its identity and its
    backup folder read from the damaged file where it still can be, else the file's name and the folder
    beside it)."""
    problem = quick_problem(path)
    if problem is None:
        return None
    identity = stored_setting(path, OFFICE_ID)
    folder_text = stored_setting(path, FOLDER_KEY)
    folder = Path(folder_text) if folder_text else default_folder(path)
    candidates = list_backups(folder, identity) if identity else []
    if not candidates:  # the identity is unreadable (or none of its backups is there): by the file's name
        candidates = [b for b in all_backups(folder) if b.path.name.startswith(f"{path.stem}_")]
    good = next((b for b in candidates if integrity_problem(b.path) is None), None)
    return DatabaseDamaged(path=path, detail=problem, good_backup=good.path if good else None, folder=folder)


def stored_setting(path: Path, key: str) -> str:
    """A value of the `setting` table read straight from an SQLite file, read-only and best effort: ""
    when the file, the table or the row cannot be read (a damaged database, a backup from before it)."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = connection.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return ""
    return str(row[0]) if row is not None and row[0] is not None else ""


# ---- listing and rotation ---------------------------------------------------------------------------


def backup_name(stem: str, office: str, taken_at: datetime) -> str:
    """`hr_3f9a-1c07_20260315-093000.backup.sqlite3`: the database's name, the office, the time."""
    tag = f"{short_id(office)}_" if office else ""
    return f"{stem}_{tag}{taken_at.strftime(STAMP)}{SUFFIX}"


def all_backups(folder: Path) -> list[BackupFile]:
    """Every backup in `folder` (of any office and any database), newest first; from the names alone."""
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match is None or not entry.is_file():
            continue
        taken_at = datetime.strptime(match["stamp"], STAMP)
        backup = BackupFile(entry, taken_at, entry.stat().st_size, match["office"] or "")
        found.append((taken_at, int(match["n"] or 0), backup))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [item[2] for item in found]


def list_backups(folder: Path, office: str) -> list[BackupFile]:
    """The backups of the office whose identity is `office` in `folder`, newest first, whatever the name
    of the database they were taken from."""
    tag = short_id(office)
    return [b for b in all_backups(folder) if office and b.office == tag]


def untagged_backups(folder: Path, stem: str) -> list[BackupFile]:
    """Backups taken before offices had identities, of the database named `stem` (never rotated)."""
    return [b for b in all_backups(folder) if not b.office and b.path.name.startswith(f"{stem}_")]


def latest_good_backup(folder: Path, office: str) -> BackupFile | None:
    for backup in list_backups(folder, office):
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


def rotate(folder: Path, office: str, chosen: BackupPolicy) -> list[Path]:
    """Delete the backups of office `office` the rotation no longer keeps; returns what was deleted.
    Other offices' backups in the same folder, and backups without an identity, are never touched."""
    if not office:
        return []
    backups = list_backups(folder, office)
    keep = kept(backups, chosen.daily, chosen.weekly, chosen.monthly)
    deleted = [b.path for b in backups if b.path not in keep]
    for path in deleted:
        path.unlink(missing_ok=True)
    return deleted


def clean_partial_backups(folder: Path) -> list[Path]:
    """Delete what interrupted backups left in `folder`: `*.backup.sqlite3.partial` and its companions
    (a copy is only ever renamed to its final name once checked, so these are never backups)."""
    if not folder.is_dir():
        return []
    doomed = [
        entry
        for entry in folder.iterdir()
        if entry.is_file() and re.search(re.escape(SUFFIX) + r"\.partial(-wal|-shm|-journal)?$", entry.name)
    ]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


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
    office = identity(db)
    if folder is not None:
        chosen = BackupPolicy(folder, chosen.daily, chosen.weekly, chosen.monthly)
    chosen.folder.mkdir(parents=True, exist_ok=True)
    clean_partial_backups(chosen.folder)
    target = chosen.folder / backup_name(source.stem, office, now)
    counter = 1
    while target.exists():  # two backups within the same second
        counter += 1
        target = target.with_name(target.name.replace(SUFFIX, f"-{counter}{SUFFIX}"))
    partial = target.with_name(target.name + ".partial")
    try:
        copy_database(source, partial, progress=progress, cancelled=cancelled)
        single_file(partial)
        if progress is not None:
            progress(0, 0)
        check_backup(partial, cancelled)
        os.replace(partial, target)
    finally:
        for doomed in (partial, *(companion for _suffix, companion in companions(partial))):
            doomed.unlink(missing_ok=True)
    rotate(chosen.folder, office, chosen)
    return BackupFile(target, now, target.stat().st_size, short_id(office) if office else "")


def identity(db: Database) -> str:
    """The office identity of the open database ("" before migration 0010)."""
    with db.read_session() as session:
        return office_id(session)


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


def single_file(path: Path) -> None:
    """The copy keeps the source's WAL mode; a backup is better one self-contained file."""
    with contextlib.suppress(sqlite3.Error):  # a damaged copy: the integrity check says so next
        connection = sqlite3.connect(path)
        try:
            connection.execute("PRAGMA journal_mode = DELETE")
        finally:
            connection.close()


def backed_up_on(db: Database, day: date) -> bool:
    _sqlite_path(db)
    return any(b.taken_at.date() == day for b in list_backups(policy(db).folder, identity(db)))


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


def companions(path: Path) -> Iterable[tuple[str, Path]]:
    """The files SQLite keeps beside a database file: its write-ahead log, shared memory, journal."""
    for suffix in ("-wal", "-shm", "-journal"):
        yield suffix, path.with_name(path.name + suffix)
