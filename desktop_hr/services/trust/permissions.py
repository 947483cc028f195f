"""Who may do what: roles, permissions, and the check every write goes through.

The rules live here and nowhere else. Services call `require()` at their entry points so a refusal
comes before any work, with a message naming the account and what it may not do; and the unit of
work runs `check_write()` on everything it flushes or bulk-writes, so no service, tab or command
can write what the signed-in role may not, even one that forgot to ask.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from desktop_hr import messages
from desktop_hr.errors import DomainError
from desktop_hr.models import Role
from desktop_hr.services import labels

messages.define(
    {
        "permission_denied": (
            "账号“{account}”（{role}）无权{action}。",
            'Account "{account}" ({role}) may not {action}.',
        ),
        "permission_denied_write": (
            "账号“{account}”（{role}）无权{verb}{what}{record}。",
            'Account "{account}" ({role}) may not {verb} {what}{record}.',
        ),
        "outside_department": (
            "账号“{account}”（{role}）只能处理本部门（含下级部门）的人员，{what}{record}不在其范围内。",
            'Account "{account}" ({role}) may only act on people of its own department (and those under it); '
            "{what}{record} is outside it.",
        ),
        "not_signed_in": (
            "尚未登录：请先以账号登录（命令行用 --user 或 DESKTOP_HR_USER）。",
            "Not signed in: sign in with an account first (--user or DESKTOP_HR_USER on the command line).",
        ),
        "verb_insert": ("新增", "create"),
        "verb_update": ("修改", "change"),
        "verb_delete": ("删除", "delete"),
    }
)


class Permission(enum.StrEnum):
    MANAGE_ACCOUNTS = "manage_accounts"
    EDIT_SETTINGS = "edit_settings"  # office settings, point rules and milestones, print settings
    BACKUP = "backup"  # back up now, restore, backup settings
    EDIT_RECORDS = "edit_records"  # employees, organisation, courses, sessions, sign-ins, points
    IMPORT = "import"
    GRADE = "grade"
    NOMINATE = "nominate"  # enrol people in sessions
    UPLOAD_MATERIALS = "upload_materials"
    ISSUE_CERTIFICATES = "issue_certificates"  # issue and revoke
    PRINT = "print"
    EXPORT = "export"
    VERIFY = "verify"
    READ_AUDIT = "read_audit"
    EDIT_REQUIREMENTS = "edit_requirements"  # requirements and the credit-recognition table
    NOMINATE_TRAINERS = "nominate_trainers"  # nominate someone as an internal trainer (HR decides)
    SUBMIT_NEEDS = "submit_needs"  # put a need into the training-needs pool
    AWARD_POINTS = "award_points"  # award or deduct points by hand (manual entries, point adjustments)


_ACTION_LABELS: dict[Permission, tuple[str, str]] = {
    Permission.MANAGE_ACCOUNTS: ("管理账号", "manage accounts"),
    Permission.EDIT_SETTINGS: ("修改设置和积分规则", "change settings or point rules"),
    Permission.BACKUP: ("备份或恢复数据库", "back up or restore the database"),
    Permission.EDIT_RECORDS: ("修改人事和培训记录", "change personnel and training records"),
    Permission.IMPORT: ("从 Excel 导入", "import from Excel"),
    Permission.GRADE: ("评分", "grade submissions"),
    Permission.NOMINATE: ("报名", "enrol people"),
    Permission.UPLOAD_MATERIALS: ("上传课程素材", "upload course materials"),
    Permission.ISSUE_CERTIFICATES: ("签发或作废证书", "issue or revoke certificates"),
    Permission.PRINT: ("打印", "print"),
    Permission.EXPORT: ("导出", "export"),
    Permission.VERIFY: ("验证证书", "verify certificates"),
    Permission.READ_AUDIT: ("查看审计记录", "read the audit trail"),
    Permission.EDIT_REQUIREMENTS: (
        "修改达标规则和学时认定表",
        "change requirements or the credit-recognition table",
    ),
    Permission.NOMINATE_TRAINERS: ("推荐内训师", "nominate internal trainers"),
    Permission.SUBMIT_NEEDS: ("提交培训需求", "submit training needs"),
    Permission.AWARD_POINTS: ("手工加分或扣分", "award or deduct points by hand"),
}

_EVERYONE = frozenset({Permission.PRINT, Permission.EXPORT, Permission.VERIFY})
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.CLERK: _EVERYONE
    | {
        Permission.EDIT_RECORDS,
        Permission.IMPORT,
        Permission.GRADE,
        Permission.NOMINATE,
        Permission.UPLOAD_MATERIALS,
        Permission.ISSUE_CERTIFICATES,
        Permission.NOMINATE_TRAINERS,
        Permission.SUBMIT_NEEDS,
        Permission.AWARD_POINTS,
    },
    Role.DEPARTMENT_HEAD: _EVERYONE
    | {
        Permission.GRADE,
        Permission.NOMINATE,
        Permission.UPLOAD_MATERIALS,
        Permission.NOMINATE_TRAINERS,
        Permission.SUBMIT_NEEDS,
    },
    Role.AUDITOR: _EVERYONE | {Permission.READ_AUDIT},
}

# Settings the program writes for itself on first use (whoever happens to be signed in then).
# The office key's public half and which key signs now: written by the first signature ever.
SYSTEM_SETTING_KEYS = frozenset({"certificates.hmac_key", "keys.current"})
SYSTEM_SETTING_PREFIXES = ("keys.public.",)

# The rule code of points given or taken by hand (services/points/ledger.MANUAL).
MANUAL_RULE = "MANUAL"

# Tables whose rows only an administrator writes.
_SETTINGS_TABLES = frozenset(
    {
        "setting",
        "point_rule",
        "credit_milestone",
        "requirement",
        "requirement_slice",
        "requirement_course",
        "recognition_rule",
    }
)
# Tables nobody writes through the checked paths (the audit trail writes itself).
_UNCHECKED_TABLES = frozenset({"audit_entry"})
# Fields a department head may change on a submission: its own grade.
_HEAD_SUBMISSION_FIELDS = frozenset({"head_score", "updated_at"})


@dataclass(frozen=True)
class Principal:
    """The account a unit of work acts for, as read at sign-in."""

    name: str
    role: Role
    account_id: int | None = None
    display_name: str = ""
    department_id: int | None = None
    # A department head's department and every department under it; None for the other roles.
    departments: frozenset[int] | None = None

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]

    @property
    def scoped(self) -> bool:
        """True when the account sees only part of the archive (a department head)."""
        return self.role is Role.DEPARTMENT_HEAD

    def label(self) -> str:
        return self.display_name or self.name


class NotSignedIn(DomainError):
    code = "not_signed_in"


class PermissionDenied(DomainError):
    code = "permission_denied"


class WriteDenied(DomainError):
    code = "permission_denied_write"


class OutsideDepartment(DomainError):
    code = "outside_department"


def _language_pair(pair: tuple[str, str]) -> str:
    return pair[1] if messages.language() == "en" else pair[0]


def action_label(permission: Permission) -> str:
    return _language_pair(_ACTION_LABELS[permission])


def require(principal: Principal | None, permission: Permission) -> Principal:
    """Refuse with a message unless `principal` may `permission`; returns it for chaining."""
    if principal is None:
        raise NotSignedIn()
    if not principal.can(permission):
        raise PermissionDenied(
            account=principal.name, role=labels.label(principal.role), action=action_label(permission)
        )
    return principal


def outside_department(principal: Principal, what: str, record: str) -> OutsideDepartment:
    """The refusal a department head gets for a row of someone outside its subtree."""
    return OutsideDepartment(
        account=principal.name, role=labels.label(principal.role), what=what, record=_record(record)
    )


def _record(record: str) -> str:
    return f"“{record}”" if record and messages.language() != "en" else (f' "{record}"' if record else "")


def _deny(principal: Principal, verb: str, table: str, record: str) -> WriteDenied:
    return WriteDenied(
        account=principal.name,
        role=labels.label(principal.role),
        verb=messages.text(f"verb_{verb}"),
        what=labels.table_label(table),
        record=_record(record),
    )


@dataclass(frozen=True)
class WriteRequest:
    """One row about to be written, as the unit of work sees it."""

    table: str
    verb: str  # insert, update, delete
    record: str  # its id, for the message
    values: Mapping[str, Any]  # the row's values (after the change)
    changed: Iterable[str] = ()  # fields changed (update)
    # The department of the person the row is about, when it is about one (department heads).
    employee_department: int | None = None
    concerns_employee: bool = False
    course_department: int | None = None  # course materials: the owner module's department
    person: str = ""  # the 工号 of the person the row is about (department heads' messages)
    # A row that belongs to a department itself (a training need): that department, for department heads.
    row_department: int | None = None


def check_write(principal: Principal, request: WriteRequest) -> None:
    """Raise unless `principal` may write this row. Called for every flushed or bulk-written row."""
    table, verb = request.table, request.verb
    if table in _UNCHECKED_TABLES or principal.role is Role.ADMIN:
        return
    if table == "account":
        raise _deny(principal, verb, table, request.record)
    if table in _SETTINGS_TABLES:
        key = str(request.values.get("key", "")) if table == "setting" else ""
        if key in SYSTEM_SETTING_KEYS or key.startswith(SYSTEM_SETTING_PREFIXES):
            return
        raise _deny(principal, verb, table, request.record)
    if table == "print_record":
        return  # everyone may print
    if table == "point_entry" and request.values.get("rule_code") == MANUAL_RULE:
        # Points by hand, however they are written (award_manual, an adjustment import, a bulk insert).
        require(principal, Permission.AWARD_POINTS)
    if principal.role is Role.CLERK:
        return
    if principal.role is Role.DEPARTMENT_HEAD and _head_may(principal, request):
        return
    raise _deny(principal, verb, table, request.record)


def _head_may(principal: Principal, request: WriteRequest) -> bool:
    table, verb = request.table, request.verb
    departments = principal.departments or frozenset()
    if request.concerns_employee and request.employee_department not in departments:
        if request.person:
            raise outside_department(principal, labels.table_label("employee"), request.person)
        raise outside_department(principal, labels.table_label(table), request.record)
    if table == "submission":
        return verb == "update" and set(request.changed) <= _HEAD_SUBMISSION_FIELDS
    if table in {"enrolment", "point_entry"}:
        # Nominating own people; the points that follow automatically from a grade or a sign-in.
        return verb in {"insert", "update"} and request.concerns_employee
    if table == "course_material":
        return verb in {"insert", "delete"} and request.course_department in departments
    if table == "stored_file":
        return verb == "insert"  # the content of an uploaded material
    if table == "trainer_nomination":
        return verb == "insert" and request.concerns_employee  # own people only (checked above)
    if table == "training_need":
        if request.row_department not in departments:
            raise outside_department(principal, labels.table_label(table), request.record)
        return verb == "insert"
    return False


# ---------------------------------------------------------------- reports


class ReportScope(enum.StrEnum):
    """Of whom a department head sees a report."""

    SUBTREE = "subtree"  # the people and departments of its own department and those under it
    COMPANY = "company"  # the whole company, as HR sees it
    HIDDEN = "hidden"  # not at all


# Which reports a department head sees, stated once (every other role sees every report of the whole
# company). Keys are the printable documents (services/records/printables.Document values); the report code
# asks `report_departments` and the views `head_sees`. People-based reports are narrowed to the subtree by
# the guard as well (a head's queries see only its own people); department-based ones by these checks.
HEAD_REPORTS: dict[str, ReportScope] = {
    "archive-card": ReportScope.SUBTREE,
    "points-statement": ReportScope.SUBTREE,
    "certificate": ReportScope.SUBTREE,
    "sign-in-sheet-blank": ReportScope.SUBTREE,  # any session; the lines are its own people
    "sign-in-sheet": ReportScope.SUBTREE,
    "session-report": ReportScope.SUBTREE,
    "session-certificates": ReportScope.HIDDEN,  # printing them issues certificates: HR's
    "department-report": ReportScope.SUBTREE,
    "department-archive": ReportScope.SUBTREE,
    "eligibility-list": ReportScope.SUBTREE,
    "requirement-report": ReportScope.SUBTREE,
    "needs-analysis": ReportScope.SUBTREE,
    "trainer-report": ReportScope.HIDDEN,  # ranks every trainer of the office
    "training-effect": ReportScope.SUBTREE,
    "reminder-notices": ReportScope.SUBTREE,
}


def head_sees(principal: Principal | None, report: str) -> bool:
    """Whether `principal` may see `report` at all (a department head: unless HEAD_REPORTS hides it)."""
    if principal is None or not principal.can(Permission.PRINT):
        return False
    return not principal.scoped or HEAD_REPORTS[report] is not ReportScope.HIDDEN


def report_departments(
    principal: Principal | None, report: str, department_id: int | None = None
) -> int | None:
    """The department whose subtree `report` covers for `principal` when `department_id` was asked
    (None: the whole company). A department head gets its own department instead of the whole company,
    and is refused a department outside its subtree or a report HEAD_REPORTS hides from it."""
    if principal is None:
        raise NotSignedIn()
    if not principal.scoped:
        return department_id
    scope = HEAD_REPORTS[report]
    if scope is ReportScope.HIDDEN:
        raise PermissionDenied(
            account=principal.name,
            role=labels.label(principal.role),
            action=_language_pair(("查看或打印该报表", "see or print this report")),
        )
    if scope is ReportScope.COMPANY:
        return department_id
    if department_id is None:
        return principal.department_id
    if department_id not in (principal.departments or frozenset()):
        raise outside_department(principal, labels.table_label("department"), str(department_id))
    return department_id
