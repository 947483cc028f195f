"""Domain exceptions: raised by services, turned into messages at the edge (window or command line)."""

from __future__ import annotations

from typing import Any

from desktop_hr import messages

messages.define(
    {
        "not_found": ("找不到{what}：{key}", "{what} not found: {key}"),
        "duplicate_employee_no": (
            "工号 {employee_no} 已被 {name} 使用",
            "Employee no. {employee_no} is already used by {name}",
        ),
        "invalid_field": ("{field}“{value}”无效：{reason}", '{field} "{value}" is invalid: {reason}'),
        "still_referenced": (
            "不能删除{what}“{name}”：仍被 {count} 条{by}记录引用。可改为设置离职/停用。",
            'Cannot delete {what} "{name}": {count} {by} record(s) still refer to it. Mark it as left/inactive instead.',
        ),
        "database_unavailable": (
            "无法打开数据库 {path}：{detail}",
            "Cannot open the database {path}: {detail}",
        ),
        "database_locked": (
            "数据库 {path} 正被另一个程序占用，请稍后再试。",
            "The database {path} is in use by another program; try again shortly.",
        ),
        "database_read_only": (
            "数据库 {path} 是只读的，无法保存修改。请检查文件权限或另存一份。",
            "The database {path} is read-only; changes cannot be saved. Check the file's permissions or save a copy.",
        ),
        "disk_full": (
            "磁盘已满，无法写入 {path}。已保存的数据不受影响。",
            "The disk is full; cannot write {path}. Saved data is unaffected.",
        ),
        "department_cycle": (
            "部门“{name}”不能移到它自己的下级部门中",
            'Department "{name}" cannot be moved under itself',
        ),
        "database_missing": (
            "数据库文件 {path} 不存在，未新建任何文件。请检查路径；新建数据库请用 init（或 demo）命令。",
            "The database file {path} does not exist; nothing was created. Check the path; "
            "a new database is made by the init (or demo) command.",
        ),
        "newer_database": (
            "数据库 {path} 由更新版本的程序创建（版本 {revision}），请升级程序。",
            "The database {path} was written by a newer version of the program (revision {revision}); please upgrade.",
        ),
    }
)


class DomainError(Exception):
    """A rule said no. `code` keys the message catalogue; `params` fill it in."""

    code = "domain_error"

    def __init__(self, **params: Any) -> None:
        self.params = params
        super().__init__(self.message())

    def message(self) -> str:
        return messages.text(self.code, **self.params)


class DatabaseMissing(DomainError):
    """An SQLite database file that does not exist, opened by something that must not create it."""

    code = "database_missing"


class NotFound(DomainError):
    code = "not_found"


class DuplicateEmployeeNo(DomainError):
    code = "duplicate_employee_no"


class InvalidField(DomainError):
    """A value failed validation; `field` is the user-facing field name, already localised."""

    code = "invalid_field"


class StillReferenced(DomainError):
    code = "still_referenced"


class DepartmentCycle(DomainError):
    code = "department_cycle"


class DatabaseUnavailable(DomainError):
    code = "database_unavailable"


class DatabaseLocked(DomainError):
    code = "database_locked"


class DatabaseReadOnly(DomainError):
    code = "database_read_only"


class DiskFull(DomainError):
    code = "disk_full"


class NewerDatabase(DomainError):
    code = "newer_database"


def known_error(error: BaseException, path: str) -> DomainError | None:
    """The domain error a low-level failure means for the user (locked, read-only, disk full), if known.

    Used at both edges (window and command line) so the same failure reads the same everywhere.
    """
    if isinstance(error, DomainError):
        return error
    text = str(getattr(error, "orig", None) or error).lower()
    errno = getattr(error, "errno", None)
    if "database is locked" in text or "database table is locked" in text:
        return DatabaseLocked(path=path)
    if (
        "readonly" in text
        or "read-only" in text
        or "attempt to write a readonly database" in text
        or errno == 30
    ):
        return DatabaseReadOnly(path=path)
    if "disk is full" in text or "database or disk is full" in text or errno == 28:
        return DiskFull(path=path)
    if "file is not a database" in text or "unable to open database" in text:
        return DatabaseUnavailable(path=path, detail=str(getattr(error, "orig", None) or error))
    return None
