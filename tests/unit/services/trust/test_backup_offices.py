"""Backups per office identity: two databases of the same name share a folder; restore refuses another
office's backup, one that would lose the accounts and one whose trail does not verify, unless confirmed."""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from databases import sqlite_only
from signing import ADMIN, open_as_admin, settings_note
from tampering import trail_at

from desktop_hr.db import Database
from desktop_hr.migrations import runner
from desktop_hr.services.trust import accounts, audit, backups, restoring
from desktop_hr.services.trust.backups import BackupPolicy
from desktop_hr.services.trust.database import open_database
from desktop_hr.services.trust.office_identity import OFFICE_ID, short_id

pytestmark = sqlite_only("file backups and restores: PostgreSQL is backed up on the server")
NOW = datetime(2026, 3, 15, 9, 30, 0)


def _office(path: Path) -> Database:
    """A database of its own (its own identity), with an administrator account."""
    db = open_as_admin(path)
    accounts.create_first_admin(db, "chief", "chief-password-1")
    return db


def test_two_databases_of_the_same_name_keep_their_own_backups_in_one_shared_folder(tmp_path: Path) -> None:
    shared = tmp_path / "usb"
    first, second = _office(tmp_path / "pc1" / "hr.sqlite3"), _office(tmp_path / "pc2" / "hr.sqlite3")
    old = shared / "hr_20250101-080000.backup.sqlite3"  # taken before identities existed
    try:
        for db in (first, second):
            backups.save_policy(db.uow(), BackupPolicy(shared, daily=3, weekly=0, monthly=0))
        shared.mkdir(exist_ok=True)
        old.write_bytes((tmp_path / "pc1" / "hr.sqlite3").read_bytes())
        for day in range(10):
            for db in (first, second):
                backups.back_up(db, NOW + timedelta(days=day))
        mine, theirs = backups.identity(first), backups.identity(second)
        assert mine != theirs
        kept_first = backups.list_backups(shared, mine)
        kept_second = backups.list_backups(shared, theirs)
        last_three = [NOW + timedelta(days=d) for d in (9, 8, 7)]
        assert [b.taken_at for b in kept_first] == last_three, "pc2's backups did not rotate pc1's away"
        assert [b.taken_at for b in kept_second] == last_three
        assert all(short_id(mine) in b.path.name for b in kept_first)
        assert old.exists(), "a backup without identity is never rotated away"
        assert len(list(shared.glob("*.backup.sqlite3"))) == 7
        assert backups.stored_setting(kept_second[0].path, OFFICE_ID) == theirs
    finally:
        first.dispose()
        second.dispose()


def test_listing_reads_identities_from_names_measured_against_opening_each_file(tmp_path: Path) -> None:
    db = _office(tmp_path / "hr.sqlite3")
    try:
        made = backups.back_up(db, NOW)
        office = backups.identity(db)
    finally:
        db.dispose()
    folder = made.path.parent
    for number in range(1, 300):
        target = folder / backups.backup_name("hr", office, NOW - timedelta(hours=number))
        target.write_bytes(made.path.read_bytes())
    started = time.perf_counter()
    listed = backups.list_backups(folder, office)
    by_name = time.perf_counter() - started
    started = time.perf_counter()
    read = [b for b in listed if backups.stored_setting(b.path, OFFICE_ID) == office]
    by_file = time.perf_counter() - started
    print(
        f"300 backups: identity from the names {by_name * 1000:.1f} ms, from each file {by_file * 1000:.1f} ms"
    )
    assert len(listed) == len(read) == 300
    assert by_name < 0.5


def _restore(db_path: Path, backup: Path, *, force: bool = False) -> restoring.RestoreResult:
    return restoring.restore(db_path, backup, NOW + timedelta(hours=1), principal=ADMIN, force=force)


def _refused(db_path: Path, backup: Path) -> restoring.RestoreRefused:
    before = db_path.read_bytes()
    with pytest.raises(restoring.RestoreRefused) as raised:
        _restore(db_path, backup)
    assert db_path.read_bytes() == before, "nothing changed"
    assert not list(db_path.parent.glob("*before-restore*")), "nothing set aside"
    assert not list(db_path.parent.glob(".hr*")), "no working copy left"
    assert str(backup) in raised.value.message() and "--force" in raised.value.message()
    return raised.value


def test_another_offices_backup_is_refused_then_restored_when_confirmed(tmp_path: Path) -> None:
    ours_path, theirs_path = tmp_path / "hr.sqlite3", tmp_path / "other" / "hr.sqlite3"
    ours, theirs = _office(ours_path), _office(theirs_path)
    try:
        mine, other = backups.identity(ours), backups.identity(theirs)
        backup = backups.back_up(theirs, NOW).path
    finally:
        ours.dispose()
        theirs.dispose()
    settings_note(theirs_path, "their data")
    settings_note(ours_path, "our data")
    refused = _refused(ours_path, backup)
    [difference] = refused.differences
    assert "另一个单位的备份" in difference and short_id(other) in difference and short_id(mine) in difference
    assert settings_note(ours_path) == "our data"

    done = _restore(ours_path, backup, force=True)
    assert done.confirmed == (difference,)
    assert backups.stored_setting(ours_path, OFFICE_ID) == other, "it is now that office's data"
    last = trail_at(ours_path)[-1]
    assert (
        last.action == audit.Action.RESTORE
        and "管理员确认后恢复" in last.reason
        and short_id(other) in last.reason
    )
    assert done.kept_aside is not None and backups.stored_setting(done.kept_aside, OFFICE_ID) == mine


def _old_revision(path: Path, revision: str) -> Path:
    """A database as an older program left it: schema `revision`, no identity, no accounts table before 0006."""
    old = open_database(path, migrate=False)
    try:
        runner.upgrade_to_head(old, revision)
    finally:
        old.dispose()
    return path


def test_an_old_backup_without_accounts_is_refused_naming_both_revisions(tmp_path: Path) -> None:
    db_path = tmp_path / "hr.sqlite3"
    _office(db_path).dispose()
    old = _old_revision(tmp_path / "old" / "hr_20240101-080000.backup.sqlite3", "0005")
    refused = _refused(db_path, old)
    joined = "\n".join(refused.differences)
    assert "版本 0005 早于当前版本 0010" in joined and "1 个账号" in joined
    assert "没有单位标识" in joined, "a backup from before identities cannot be confirmed as ours either"
    identity = backups.stored_setting(db_path, OFFICE_ID)
    _restore(db_path, old, force=True)
    assert backups.stored_setting(db_path, OFFICE_ID) == identity, "confirmed: it stays this office"


def test_a_backup_whose_audit_trail_does_not_verify_is_refused(tmp_path: Path) -> None:
    db_path = tmp_path / "hr.sqlite3"
    db = _office(db_path)
    try:
        backup = backups.back_up(db, NOW).path
    finally:
        db.dispose()
    connection = sqlite3.connect(backup)
    try:  # someone edits the backup's trail: a summary rewritten
        connection.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
        connection.execute("UPDATE audit_entry SET summary = 'nothing happened' WHERE id = 1")
        connection.commit()
    finally:
        connection.close()
    refused = _refused(db_path, backup)
    assert any("审计记录未通过校验" in d for d in refused.differences)
    done = _restore(db_path, backup, force=True)
    assert any("审计记录" in d for d in done.confirmed)


def test_leftovers_of_interrupted_runs_are_cleaned_but_never_the_databases_own_journal(
    tmp_path: Path,
) -> None:
    db_path = tmp_path / "hr.sqlite3"
    _office(db_path).dispose()
    folder = tmp_path / "backups"
    folder.mkdir()
    leftovers = [
        tmp_path / ".hr.sqlite3.restoring",
        tmp_path / ".hr.sqlite3.restoring-journal",
        tmp_path / ".hr.sqlite3.restoring-wal",
        tmp_path / "hr.before-restore-20260101-080000.sqlite3.partial",
        tmp_path / ".hr.sqlite3.before-0009-20260101-080000.sqlite3",
        folder / "hr_1234-abcd_20260101-080000.backup.sqlite3.partial",
        folder / "hr_1234-abcd_20260101-080000.backup.sqlite3.partial-journal",
    ]
    kept = [tmp_path / "hr.sqlite3-journal", tmp_path / "hr.before-restore-20260101-080000.sqlite3"]
    for path in leftovers + kept:
        path.write_bytes(b"x")
    assert sorted(restoring.clean_leftovers(db_path)) == sorted(leftovers)
    assert all(path.exists() for path in kept)
