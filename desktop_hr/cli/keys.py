"""`keys show|export-public|backup|restore-backup|rotate|folder`: the office's signing key, through the same
services as the window's signing-key dialog (services/trust/key_management.py)."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from desktop_hr import messages
from desktop_hr.cli.session import open_db
from desktop_hr.cli.texts import EXIT_OK
from desktop_hr.db import Database
from desktop_hr.errors import DomainError
from desktop_hr.services.trust import key_management
from desktop_hr.services.trust.key_management import KeyInfo
from desktop_hr.services.trust.permissions import Permission, require

messages.define(
    {
        "cli.keys.show": (
            "密钥编号：{key_id}\n指纹：{fingerprint}\n密钥文件夹：{folder}\n密钥文件：{present}",
            "Key id: {key_id}\nFingerprint: {fingerprint}\nKey folder: {folder}\nKey file: {present}",
        ),
        "cli.keys.present": ("在", "present"),
        "cli.keys.missing": ("找不到（无法签名）", "missing (cannot sign)"),
        "cli.keys.older": ("以前的密钥（仍用于核验）：{keys}", "Earlier keys (still verify): {keys}"),
        "cli.keys.exported": ("已把 {count} 个公钥写入 {path}", "Wrote {count} public key(s) to {path}"),
        "cli.keys.backed_up": (
            "签名密钥 {key_id} 已加密备份到 {path}；请把口令与备份分开保管。",
            "Signing key {key_id} backed up, encrypted, to {path}; keep the passphrase apart from it.",
        ),
        "cli.keys.restored": (
            "签名密钥 {key_id} 已恢复到 {folder}",
            "Signing key {key_id} restored to {folder}",
        ),
        "cli.keys.rotated": (
            "新的签名密钥 {key_id}（指纹 {fingerprint}）；请重新导出公钥交给核验人员。",
            "New signing key {key_id} (fingerprint {fingerprint}); export the public key again for inspectors.",
        ),
        "cli.keys.moved": ("密钥文件现存放在 {folder}", "The key files are now kept in {folder}"),
        "cli.keys.passphrase_prompt": ("密钥备份口令：", "Key backup passphrase: "),
        "cli.keys.passphrase_again": ("再输入一次口令：", "The passphrase again: "),
        "cli.keys.passphrase_differs": ("两次输入的口令不一致。", "The two passphrases differ."),
        "cli.keys.passphrase_needed": (
            "需要密钥备份口令：用 --passphrase-file 文件 指定，或在终端中运行以便输入。",
            "A key backup passphrase is needed: give --passphrase-file FILE, or run at a terminal to type it.",
        ),
        "cli.keys.passphrase_unreadable": (
            "无法读取口令文件 {path}。",
            "Cannot read the passphrase file {path}.",
        ),
    }
)


class PassphraseNeeded(DomainError):
    code = "cli.keys.passphrase_needed"


class PassphraseDiffers(DomainError):
    code = "cli.keys.passphrase_differs"


class PassphraseUnreadable(DomainError):
    code = "cli.keys.passphrase_unreadable"


def _passphrase(file: Path | None, *, confirm: bool) -> str:
    if file is not None:
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            raise PassphraseUnreadable(path=str(file)) from None
        return lines[0] if lines else ""
    if not sys.stdin.isatty():
        raise PassphraseNeeded()
    typed = getpass.getpass(messages.text("cli.keys.passphrase_prompt"))
    if confirm and getpass.getpass(messages.text("cli.keys.passphrase_again")) != typed:
        raise PassphraseDiffers()
    return typed


def _show(info: KeyInfo) -> None:
    if not info.key_id:
        print(messages.text("keys.none_yet"))
    else:
        present = messages.text("cli.keys.present" if info.file_present else "cli.keys.missing")
        print(
            messages.text(
                "cli.keys.show",
                key_id=info.key_id,
                fingerprint=info.fingerprint,
                folder=info.folder,
                present=present,
            )
        )
    if info.older:
        print(messages.text("cli.keys.older", keys=", ".join(info.older)))


def _run(db: Database, args: argparse.Namespace) -> None:
    action = args.keys_action
    if action == "show":
        _show(key_management.show(db.uow()))
    elif action == "export-public":
        count = key_management.export_public(db.uow(), args.out)
        print(messages.text("cli.keys.exported", count=count, path=args.out))
    elif action in ("backup", "restore-backup"):
        require(db.principal, Permission.EDIT_SETTINGS)  # refused before the passphrase is asked for
        _run_backup(db, args)
    elif action == "rotate":
        info = key_management.rotate(db.uow())
        print(messages.text("cli.keys.rotated", key_id=info.key_id, fingerprint=info.fingerprint))
    else:
        info = key_management.move_folder(db.uow(), args.path)
        print(messages.text("cli.keys.moved", folder=info.folder))


def _run_backup(db: Database, args: argparse.Namespace) -> None:
    if args.keys_action == "backup":
        info = key_management.backup(db.uow(), args.out, _passphrase(args.passphrase_file, confirm=True))
        print(messages.text("cli.keys.backed_up", key_id=info.key_id, path=args.out))
    else:
        typed = _passphrase(args.passphrase_file, confirm=False)
        info = key_management.restore_backup(db.uow(), args.file, typed)
        print(messages.text("cli.keys.restored", key_id=info.key_id, folder=info.folder))


def cmd_keys(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        _run(db, args)
    finally:
        db.dispose()
    return EXIT_OK
