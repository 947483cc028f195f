"""Managing the office's signing key: show it, export its public half, back it up, restore, rotate, move.

The use cases behind `desktop-hr keys …` and the window's signing-key dialog. Showing the key and exporting
the public key file are open to every account (an inspector needs that file; it holds nothing secret);
everything that changes or copies the private key is the administrator's (EDIT_SETTINGS). Each is in the
audit trail, never with a secret in it.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import DomainError
from desktop_hr.services.office_settings import put_text
from desktop_hr.services.trust import audit, keys, signing
from desktop_hr.services.trust.permissions import Permission, require

messages.define(
    {
        "keys.none_yet": (
            "本单位还没有签名密钥（第一次签名时自动生成）。",
            "The office has no signing key yet (it is made with the first signature).",
        ),
        "keys.public_file_bad": (
            "公钥文件 {path} 无法读取或不含 Ed25519 公钥。",
            "The public key file {path} cannot be read or holds no Ed25519 public key.",
        ),
        "keys.folder_unusable": (
            "无法使用文件夹 {path} 存放密钥：{reason}",
            "The folder {path} cannot hold the key: {reason}",
        ),
        "keys.audit_exported": ("公钥（{count} 个）→ {path}", "public key(s) ({count}) → {path}"),
        "keys.audit_backup": ("签名密钥 {key_id} 的备份 → {path}", "backup of signing key {key_id} → {path}"),
        "keys.audit_restored": (
            "签名密钥 {key_id} 已从备份 {path} 恢复",
            "signing key {key_id} restored from {path}",
        ),
        "keys.audit_moved": ("密钥文件夹 {old} → {new}", "key folder {old} → {new}"),
    }
)


class NoOfficeKey(DomainError):
    code = "keys.none_yet"


class PublicKeyFileBad(DomainError):
    code = "keys.public_file_bad"


class KeyFolderUnusable(DomainError):
    code = "keys.folder_unusable"


@dataclass(frozen=True)
class KeyInfo:
    key_id: str  # "" before the first signature
    fingerprint: str
    folder: Path
    file_present: bool  # the current key's file is in the folder (signing works)
    older: tuple[str, ...]  # earlier keys, still verifying what they signed


def _info(uow: UnitOfWork) -> KeyInfo:
    session = uow.session
    current = keys.current_key_id(session)
    folder = keys.key_folder(session)
    public = keys.public_keys(session)
    older = tuple(sorted(k for k in public if k != current))
    if not current or current not in public:
        return KeyInfo("", "", folder, False, older)
    present = keys.key_file(folder, current).is_file()
    return KeyInfo(current, signing.fingerprint(public[current]), folder, present, older)


def show(uow: UnitOfWork) -> KeyInfo:
    require(uow.principal, Permission.VERIFY)
    with uow:
        return _info(uow)


def read_public_file(path: Path) -> dict[str, Ed25519PublicKey]:
    """The public keys of an exported PEM file, by key id (`audit verify --key`)."""
    try:
        return signing.load_public_pems(path.read_text(encoding="ascii"))
    except (OSError, ValueError):
        raise PublicKeyFileBad(path=str(path)) from None


def export_public(uow: UnitOfWork, target: Path) -> int:
    """Write every public key of the office, the current one first; how many were written."""
    require(uow.principal, Permission.VERIFY)
    with uow:
        session = uow.session
        text = keys.public_pem_text(session)
        if not text:
            raise NoOfficeKey()
        try:
            target.write_text(text, encoding="ascii")
        except OSError as error:
            raise KeyFolderUnusable(path=str(target), reason=error.strerror or str(error)) from None
        count = text.count("BEGIN PUBLIC KEY")
        summary = messages.text("keys.audit_exported", count=count, path=target)
        audit.record(session, audit.Action.EXPORT, account=uow.actor, table_name="setting", summary=summary)
        uow.commit()
        return count


def backup(uow: UnitOfWork, target: Path, passphrase: str) -> KeyInfo:
    """The explicit, passphrase-protected key backup (the key is made first if the office has none)."""
    require(uow.principal, Permission.EDIT_SETTINGS)
    with uow:
        session = uow.session
        try:
            keys.backup_key(session, target, passphrase)
        except OSError as error:
            raise KeyFolderUnusable(path=str(target), reason=error.strerror or str(error)) from None
        info = _info(uow)
        summary = messages.text("keys.audit_backup", key_id=info.key_id, path=target)
        audit.record(session, audit.Action.BACKUP, account=uow.actor, table_name="setting", summary=summary)
        uow.commit()
        return info


def restore_backup(uow: UnitOfWork, source: Path, passphrase: str) -> KeyInfo:
    """Put a key backup back into the key folder; only one of this office's keys is accepted."""
    require(uow.principal, Permission.EDIT_SETTINGS)
    with uow:
        session = uow.session
        key = keys.restore_key_backup(session, source, passphrase)
        summary = messages.text("keys.audit_restored", key_id=key.key_id, path=source)
        audit.record(session, audit.Action.RESTORE, account=uow.actor, table_name="setting", summary=summary)
        uow.commit()
        return _info(uow)


def rotate(uow: UnitOfWork) -> KeyInfo:
    """A new current key; certificates and checkpoints signed before keep verifying with the old one."""
    require(uow.principal, Permission.EDIT_SETTINGS)
    with uow:
        keys.rotate(uow.session)
        uow.commit()
        return _info(uow)


def move_folder(uow: UnitOfWork, folder: Path) -> KeyInfo:
    """Keep the key files in `folder` (a USB stick, say): they are copied there, the setting changes, and
    the copies in the old folder are deleted once that committed."""
    require(uow.principal, Permission.EDIT_SETTINGS)
    target = folder.expanduser().absolute()
    with uow:
        session = uow.session
        old = keys.key_folder(session)
        moved: list[Path] = []
        try:
            if target != old:
                target.mkdir(parents=True, exist_ok=True)
                for key_id in keys.public_keys(session):
                    source = keys.key_file(old, key_id)
                    if source.is_file():
                        copy = shutil.copyfile(source, keys.key_file(target, key_id))
                        os.chmod(copy, 0o600)
                        moved.append(source)
            current = keys.current_key_id(session)
            if current and not keys.key_file(old, current).is_file():
                # The key is not in the old folder: the new one may hold it (the USB stick it lives on).
                put_text(session, keys.FOLDER_SETTING, str(target))
            else:
                keys.move_folder(session, target)
        except OSError as error:
            raise KeyFolderUnusable(path=str(target), reason=error.strerror or str(error)) from None
        summary = messages.text("keys.audit_moved", old=old, new=target)
        audit.record(session, audit.Action.UPDATE, account=uow.actor, table_name="setting", summary=summary)
        uow.commit()
        for source in moved:
            source.unlink(missing_ok=True)
        return _info(uow)
