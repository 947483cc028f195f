"""Attached files (courseware, submissions) kept inside the database, and copied out again to be opened."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.errors import DomainError
from desktop_hr.models import StoredFile
from desktop_hr.services.lookup import get_or_raise

messages.define(
    {
        "file_too_large": (
            "文件 {name} 有 {size} MB，超过了 {limit} MB 的上限。",
            "The file {name} is {size} MB, over the {limit} MB limit.",
        ),
        "file_unreadable": ("无法读取文件 {name}：{detail}", "Cannot read the file {name}: {detail}"),
        "file_empty": ("文件 {name} 是空的。", "The file {name} is empty."),
    }
)

MAX_FILE_BYTES = 100 * 1024 * 1024
NAME_MAX = 255
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]')


class FileRejected(DomainError):
    code = "file_unreadable"


class FileTooLarge(FileRejected):
    code = "file_too_large"


class EmptyFile(FileRejected):
    code = "file_empty"


def read_upload(path: Path) -> bytes:
    """The file's bytes, or a clear refusal (missing, unreadable, empty, too large)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FileTooLarge(
                name=path.name, size=size // (1024 * 1024), limit=MAX_FILE_BYTES // (1024 * 1024)
            )
        content = path.read_bytes()
    except OSError as exc:
        raise FileRejected(name=path.name, detail=exc.strerror or str(exc)) from exc
    if not content:
        raise EmptyFile(name=path.name)
    return content


def store_bytes(session: Session, content: bytes) -> int:
    """Id of the stored file holding `content`; the same bytes stored twice are kept once."""
    digest = hashlib.sha256(content).hexdigest()
    found = session.scalar(select(StoredFile.id).where(StoredFile.sha256 == digest))
    if found is not None:
        return int(found)
    stored = StoredFile(sha256=digest, size=len(content), content=content)
    session.add(stored)
    session.flush()
    return stored.id


def store_file(session: Session, path: Path) -> int:
    return store_bytes(session, read_upload(path))


def _fit(text: str, limit: int) -> str:
    """`text` cut to at most `limit` bytes of UTF-8 (what Linux counts; Windows allows as many characters)."""
    return text.encode()[:limit].decode(errors="ignore")


def safe_file_name(name: str) -> str:
    """`name` usable on Windows and Linux alike: no path parts, no reserved characters, not too long."""
    cleaned = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip(" .")
    if not cleaned:
        cleaned = "file"
    if cleaned.split(".", 1)[0].strip().upper() in _WINDOWS_DEVICES:
        cleaned = "_" + cleaned  # "CON.txt" would open the console on Windows, not a file
    return _numbered(cleaned, "")


# Names Windows reserves for devices, with or without an extension.
_WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
)


def _numbered(safe: str, number: str) -> str:
    """`safe` with `number` (" (2)") before its extension, cut to fit NAME_MAX and keeping the extension."""
    stem, dot, suffix = safe.rpartition(".")
    if not dot or not stem or len(suffix.encode()) > 16:
        stem, suffix = safe, ""
    tail = f"{number}.{suffix}" if suffix else number
    return _fit(stem, NAME_MAX - len(tail.encode())) + tail


def copy_out(session: Session, file_id: int, folder: Path, name: str) -> Path:
    """Write the stored file into `folder` under its original (sanitised) name, to be opened or saved.

    An existing file of that name gets a numbered sibling rather than being overwritten.
    """
    stored = get_or_raise(session, StoredFile, file_id)
    folder.mkdir(parents=True, exist_ok=True)
    safe = safe_file_name(name)
    target = folder / safe
    counter = 1
    while target.exists():
        target = folder / _numbered(safe, f" ({counter})")
        counter += 1
    target.write_bytes(stored.content)
    return target


def write_atomically(target: Path, data: bytes, *, owner_only: bool = False) -> Path:
    """Write `target` whole or not at all (a temporary `.partial` beside it, synced, then renamed): an
    interrupted run never leaves half a file someone might trust. `owner_only`: readable by its owner only."""
    folder = target.resolve().parent
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o600 if owner_only else 0o644)  # mkstemp's file is owner-only
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
