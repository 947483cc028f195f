"""`desktop-hr audit verify` and `desktop-hr keys …` as an inspector and an administrator use them: the
deleted tail and a role changed with sqlite3 named, the public key exported and used with --key, the key
backed up, restored and rotated, and only administrators change the key."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from databases import sqlite_only
from signing import cli_env
from tampering import trail_at
from test_cli import run

from desktop_hr.services.trust import signing

pytestmark = sqlite_only("edits the database file with sqlite3, as the issue's tester did")
CLERK_PASSWORD = "clerk-pass-2026"


def _sql(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def test_verify_names_the_deleted_tail_and_a_role_changed_in_the_file(
    db_path: Path, sample_roster: Path
) -> None:
    assert run("--db", db_path, "import", "employees", sample_roster).returncode == 0
    added = run(
        "--db",
        db_path,
        "account",
        "add",
        "clerk1",
        "--role",
        "clerk",
        env={**cli_env(), "DESKTOP_HR_NEW_PASSWORD": CLERK_PASSWORD},
    )
    assert added.returncode == 0, added.stderr
    intact = run("--db", db_path, "audit", "verify")
    assert intact.returncode == 0, intact.stdout + intact.stderr
    assert "账号、设置和积分规则与审计记录一致。" in intact.stdout

    _sql(db_path, "UPDATE account SET role = 'admin' WHERE name = 'clerk1'")
    changed = run("--db", db_path, "audit", "verify")
    assert changed.returncode == 1
    assert "账号“clerk1”的角色与审计记录不符（记录为 人事专员，数据库中为 人事管理员）" in changed.stdout
    _sql(db_path, "UPDATE account SET role = 'clerk' WHERE name = 'clerk1'")

    last = trail_at(db_path)[-1].id
    _sql(db_path, f"DELETE FROM audit_entry WHERE id > {last - 50}")
    failed = run("--db", db_path, "audit", "verify", env=cli_env(password="wrong-password"))
    assert failed.returncode == 1 and "审计记录" not in failed.stdout  # refused, nothing shown
    broken = run("--db", db_path, "audit", "verify")
    assert broken.returncode == 1
    assert f"之前缺少记录 #{last - 49}–#{last}（被删除）" in broken.stdout


def test_keys_commands_and_verifying_with_the_exported_public_key(db_path: Path, tmp_path: Path) -> None:
    shown = run("--db", db_path, "keys", "show")  # the first command makes the administrator (and key)
    assert shown.returncode == 0, shown.stderr
    assert "密钥编号：" in shown.stdout and "密钥文件：在" in shown.stdout
    pem = tmp_path / "office.pem"
    assert run("--db", db_path, "keys", "export-public", pem).returncode == 0
    [first] = signing.load_public_pems(pem.read_text(encoding="ascii"))
    assert first in shown.stdout
    assert run("--db", db_path, "audit", "verify", "--key", pem).returncode == 0

    passphrase = tmp_path / "passphrase.txt"
    passphrase.write_text("long enough passphrase\n", encoding="utf-8")
    backup = tmp_path / "office-key.backup"
    made = run("--db", db_path, "keys", "backup", backup, "--passphrase-file", passphrase)
    assert made.returncode == 0, made.stderr
    usb = tmp_path / "usb"
    moved = run("--db", db_path, "keys", "folder", usb)
    assert moved.returncode == 0, moved.stderr
    assert [p.name for p in usb.iterdir()] == [f"desktop_hr-{first}.key"]
    (usb / f"desktop_hr-{first}.key").unlink()  # the stick lost its file
    missing = run("--db", db_path, "keys", "show")
    assert "找不到（无法签名）" in missing.stdout
    restored = run("--db", db_path, "keys", "restore-backup", backup, "--passphrase-file", passphrase)
    assert restored.returncode == 0, restored.stderr
    assert (usb / f"desktop_hr-{first}.key").exists()
    rotated = run("--db", db_path, "keys", "rotate")
    assert rotated.returncode == 0 and "新的签名密钥" in rotated.stdout

    old_only = run("--db", db_path, "audit", "verify", "--key", pem)
    assert old_only.returncode == 1 and "不属于本单位的密钥" in old_only.stdout
    assert run("--db", db_path, "keys", "export-public", pem).returncode == 0
    both = signing.load_public_pems(pem.read_text(encoding="ascii"))
    assert first in both and len(both) == 2
    verified = run("--db", db_path, "audit", "verify", "--key", pem)
    assert verified.returncode == 0, verified.stdout

    env = {**cli_env(), "DESKTOP_HR_NEW_PASSWORD": CLERK_PASSWORD}
    assert run("--db", db_path, "account", "add", "clerk1", "--role", "clerk", env=env).returncode == 0
    refused = run("--db", db_path, "keys", "rotate", env=cli_env("clerk1", CLERK_PASSWORD))
    assert refused.returncode != 0 and "无权" in refused.stderr
    assert run("--db", db_path, "keys", "show", env=cli_env("clerk1", CLERK_PASSWORD)).returncode == 0


def test_verify_passes_after_a_backup_is_restored(db_path: Path, tmp_path: Path, sample_roster: Path) -> None:
    assert run("--db", db_path, "import", "employees", sample_roster).returncode == 0
    folder = tmp_path / "backups"
    assert run("--db", db_path, "backup", folder).returncode == 0
    [made] = list(folder.iterdir())
    restored = run("--db", db_path, "restore", made, env=cli_env())
    assert restored.returncode == 0, restored.stderr
    verified = run("--db", db_path, "audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
