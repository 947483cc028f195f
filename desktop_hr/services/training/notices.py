"""Reminder notices for department heads (提醒通知): per department, its people's sessions about to start and
their work due, overdue or to chase, to print, export or e-mail.

The lines are the Home tab's reminders (services/training/reminders.py), not a second reading of the rules:
the people's lines as they are, and each session starting within 3 days turned into a line for every person
enrolled in it. A notice is one department's: the people whose own department it is. It names the
department-head accounts that see that department (its own heads and those of the departments above it), and
goes to the department's e-mail address, set in the mail settings (accounts have no e-mail: a notice is
addressed to the department, whoever heads it); a department without one uses the nearest department above
it that has one, so one address for a whole branch is enough.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import Database, UnitOfWork, read_only
from desktop_hr.errors import DomainError
from desktop_hr.models import (
    Account,
    AssignmentType,
    Course,
    Employee,
    EmployeeStatus,
    Enrolment,
    EnrolmentStatus,
    Role,
    Setting,
    TrainingSession,
)
from desktop_hr.services import mail
from desktop_hr.services.archive.organisation import department_tree, subtree_ids
from desktop_hr.services.imports import chunks
from desktop_hr.services.labels import FORMAT_LANGUAGE, label
from desktop_hr.services.records import print_settings
from desktop_hr.services.training.reminders import Reminder, ReminderKind, reminders
from desktop_hr.services.trust import audit
from desktop_hr.services.trust.permissions import Permission, Principal, require

messages.define(
    {
        "notices.none": (
            "今天没有需要提醒的事项：{scope}的人员没有即将开始的培训，也没有到期、逾期或待催交的提交。",
            "Nothing to remind today: the people of {scope} have no session starting soon and no work due, "
            "overdue or to chase.",
        ),
        "notices.everyone": ("全部部门", "every department"),
        "notices.mail_summary": (
            "提醒通知邮件：发出 {sent} 封，失败 {failed} 封",
            "Reminder notices e-mailed: {sent} sent, {failed} failed",
        ),
        "notices.mail_sent": ("{to} → {addresses}：已发送", "{to} → {addresses}: sent"),
        "notices.mail_failed": (
            "{to} → {addresses}：失败（{reason}）",
            "{to} → {addresses}: failed ({reason})",
        ),
    }
)

NO_DEPARTMENT = "（未分配部门）"
TITLE = "培训提醒通知"
# The kinds a notice lists, in its order; a session still to be closed is HR's own business.
NOTICE_KINDS = (
    ReminderKind.UPCOMING_SESSION,
    ReminderKind.SUBMISSION_DUE,
    ReminderKind.SUBMISSION_OVERDUE,
    ReminderKind.ACTION_PLAN_CHASE,
)
KIND_HEADINGS = {
    ReminderKind.UPCOMING_SESSION: "3 天内开始的培训",
    ReminderKind.SUBMISSION_DUE: "2 天内到期的提交",
    ReminderKind.SUBMISSION_OVERDUE: "已逾期的提交",
    ReminderKind.ACTION_PLAN_CHASE: "待催交的行动计划",
}
_ADDRESS_KEY = "mail.department."


class NoNotices(DomainError):
    code = "notices.none"


@dataclass(frozen=True)
class NoticeItem:
    """One thing one person must do: `due` is the session's start (upcoming) or the assignment's due date."""

    kind: ReminderKind
    session_code: str
    course: str
    starts_at: datetime
    place: str
    due: date
    assignment: AssignmentType | None
    days_left: int | None
    days_overdue: int | None

    def what(self) -> str:
        """培训即将开始 · 心得即将到期 · 作业已逾期 · 行动计划待催交."""
        kind = label(self.assignment, FORMAT_LANGUAGE) if self.assignment else ""
        if self.kind is ReminderKind.UPCOMING_SESSION:
            return "培训即将开始"
        if self.kind is ReminderKind.SUBMISSION_DUE:
            return f"{kind}即将到期"
        if self.kind is ReminderKind.SUBMISSION_OVERDUE:
            return f"{kind}已逾期"
        return "行动计划待催交"

    def when(self) -> str:
        if self.days_overdue is not None:
            return f"逾期 {self.days_overdue} 天"
        if not self.days_left:
            return "今天"
        return f"还有 {self.days_left} 天"

    def date_text(self) -> str:
        if self.kind is ReminderKind.UPCOMING_SESSION:
            return f"{self.starts_at:%Y-%m-%d %H:%M} 开始"
        return f"截止 {self.due.isoformat()}"

    def session_text(self) -> str:
        return f"{self.course}（班次 {self.session_code}）"

    def line(self) -> str:
        """培训即将开始：沟通技巧（班次 S-01）· 2026-03-03 09:00 开始 · 三楼培训室（还有 2 天）."""
        place = f" · {self.place}" if self.kind is ReminderKind.UPCOMING_SESSION and self.place else ""
        return f"{self.what()}：{self.session_text()} · {self.date_text()}{place}（{self.when()}）"


@dataclass(frozen=True)
class NoticePerson:
    employee_id: int
    employee_no: str
    name: str
    items: tuple[NoticeItem, ...]


@dataclass(frozen=True)
class Notice:
    """One department's notice: its heads (accounts' names), its address ("" when none is set) and its people."""

    department_id: int | None
    department: str
    heads: tuple[str, ...]
    address: str
    people: tuple[NoticePerson, ...]

    def items(self) -> list[tuple[NoticePerson, NoticeItem]]:
        return [(person, item) for person in self.people for item in person.items]

    def count(self, kind: ReminderKind) -> int:
        return sum(1 for person in self.people for item in person.items if item.kind is kind)

    @property
    def addresses(self) -> tuple[str, ...]:
        return tuple(mail.split_addresses(self.address))

    def addressee(self) -> str:
        """技术部负责人（王强、赵敏）."""
        name = self.department.rsplit("/", 1)[-1]
        return f"{name}负责人（{'、'.join(self.heads)}）" if self.heads else f"{name}负责人"


@dataclass(frozen=True)
class _Facts:
    code: str
    course: str
    starts_at: datetime
    place: str
    assignment: AssignmentType | None


def _session_facts(session: Session, ids: Iterable[int]) -> dict[int, _Facts]:
    found: dict[int, _Facts] = {}
    for part in chunks(sorted(set(ids))):
        rows = session.execute(
            select(
                TrainingSession.id,
                TrainingSession.code,
                Course.title,
                TrainingSession.starts_at,
                TrainingSession.place,
                TrainingSession.assignment_type,
            )
            .join(Course, Course.id == TrainingSession.course_id)
            .where(TrainingSession.id.in_(part))
        )
        found.update((row[0], _Facts(*row[1:])) for row in rows)
    return found


def _people(session: Session, ids: Iterable[int]) -> dict[int, tuple[str, str, int | None]]:
    """工号, name and department of each person."""
    found: dict[int, tuple[str, str, int | None]] = {}
    for part in chunks(sorted(set(ids))):
        rows = session.execute(
            select(Employee.id, Employee.employee_no, Employee.name, Employee.department_id).where(
                Employee.id.in_(part)
            )
        )
        found.update((row[0], (row[1], row[2], row[3])) for row in rows)
    return found


def _enrolled(session: Session, session_ids: Sequence[int]) -> list[tuple[int, int]]:
    """(session, person) for everyone enrolled in the sessions, people who left excepted."""
    pairs: list[tuple[int, int]] = []
    for part in chunks(sorted(session_ids)):
        rows = session.execute(
            select(Enrolment.session_id, Enrolment.employee_id)
            .join(Employee, Employee.id == Enrolment.employee_id)
            .where(
                Enrolment.session_id.in_(part),
                Enrolment.status == EnrolmentStatus.ENROLLED,
                Employee.status != EmployeeStatus.LEFT,
            )
        )
        pairs += [(session_id, employee_id) for session_id, employee_id in rows]
    return pairs


def department_addresses(session: Session) -> dict[int, str]:
    """The e-mail address(es) set for each department (mail settings), as stored: "a@x.cn, b@x.cn"."""
    rows = session.execute(select(Setting.key, Setting.value).where(Setting.key.startswith(_ADDRESS_KEY)))
    found: dict[int, str] = {}
    for key, value in rows:
        suffix = key[len(_ADDRESS_KEY) :]
        if suffix.isdigit() and value.strip():
            found[int(suffix)] = value
    return found


def set_department_addresses(uow: UnitOfWork, addresses: Mapping[int, str]) -> dict[int, str]:
    """Set the address(es) of each department given ("" clears it), administrators only; InvalidField names
    the first address that is not one, and nothing is stored then."""
    require(uow.principal, Permission.EDIT_SETTINGS)
    field = messages.text("mail.field.address")
    checked = {department_id: mail.check_addresses(text, field) for department_id, text in addresses.items()}
    with uow:
        for department_id, text in checked.items():
            stored = uow.session.get(Setting, f"{_ADDRESS_KEY}{department_id}")
            if stored is not None and not text:
                uow.session.delete(stored)
            elif stored is not None:
                stored.value = text
            elif text:
                uow.session.add(Setting(key=f"{_ADDRESS_KEY}{department_id}", value=text))
        uow.commit()
    return checked


def _line_items(session: Session, found: Sequence[Reminder], today: date) -> dict[int, list[NoticeItem]]:
    """Each person's lines: their own reminders, and one per session starting soon they are enrolled in."""
    upcoming = {r.session_id: r for r in found if r.kind is ReminderKind.UPCOMING_SESSION}
    personal = [r for r in found if r.kind in NOTICE_KINDS and r.employee_id is not None]
    enrolled = _enrolled(session, list(upcoming))
    facts = _session_facts(session, [*upcoming, *(r.session_id for r in personal)])
    lines: dict[int, list[NoticeItem]] = {}

    def add(employee_id: int, reminder: Reminder) -> None:
        f = facts[reminder.session_id]
        lines.setdefault(employee_id, []).append(
            NoticeItem(
                reminder.kind,
                f.code,
                f.course,
                f.starts_at,
                f.place,
                reminder.due,
                f.assignment,
                reminder.days_left,
                reminder.days_overdue,
            )
        )

    for session_id, employee_id in enrolled:
        add(employee_id, upcoming[session_id])
    for reminder in personal:
        assert reminder.employee_id is not None
        add(reminder.employee_id, reminder)
    order = {kind: index for index, kind in enumerate(NOTICE_KINDS)}
    for items in lines.values():
        items.sort(key=lambda i: (order[i.kind], i.due, i.session_code))
    return lines


def reminder_notices(
    session: Session,
    today: date,
    *,
    principal: Principal | None = None,
    department_id: int | None = None,
    departments: Iterable[int] | None = None,
) -> list[Notice]:
    """One notice per department whose people have something due on `today`, in the tree's order (people
    without a department last), each person by 工号 with their lines by kind then date.

    `department_id` keeps the notices of that department and those under it; `departments` exactly those
    departments' notices (the ones picked in the window). A department head sees only its own subtree.
    """
    lines = _line_items(session, reminders(session, today), today)
    people = _people(session, lines)
    tree = department_tree(session)
    position = {node.id: index for index, node in enumerate(tree)}
    paths = {node.id: node.path_names for node in tree}
    parents = {node.id: node.parent_id for node in tree}
    allowed: set[int] | None = None
    if department_id is not None:
        allowed = set(subtree_ids(session, department_id))
    if departments is not None:
        picked = set(departments)
        allowed = picked if allowed is None else allowed & picked
    if principal is not None and principal.scoped:
        own = set(principal.departments or ())
        allowed = own if allowed is None else allowed & own
    heads: dict[int, list[str]] = {}
    for name, display, head_department in session.execute(
        select(Account.name, Account.display_name, Account.department_id)
        .where(Account.role == Role.DEPARTMENT_HEAD, Account.active.is_(True))
        .order_by(Account.name)
    ):
        if head_department is not None:
            heads.setdefault(head_department, []).append(display or name)
    addresses = department_addresses(session)

    def chain(start: int | None) -> list[int]:
        """The department and those above it, nearest first."""
        found: list[int] = []
        while start is not None and start not in found:
            found.append(start)
            start = parents.get(start)
        return found

    grouped: dict[int | None, list[NoticePerson]] = {}
    for employee_id, items in lines.items():
        employee_no, name, department = people[employee_id]
        if allowed is not None and department not in allowed:
            continue
        grouped.setdefault(department, []).append(NoticePerson(employee_id, employee_no, name, tuple(items)))
    notices: list[Notice] = []
    for department, members in grouped.items():
        above = chain(department)
        notices.append(
            Notice(
                department,
                paths.get(department, NO_DEPARTMENT) if department is not None else NO_DEPARTMENT,
                tuple(name for d in reversed(above) for name in heads.get(d, [])),
                next((addresses[d] for d in above if d in addresses), ""),
                tuple(sorted(members, key=lambda p: p.employee_no)),
            )
        )
    return sorted(notices, key=lambda n: position.get(n.department_id or -1, len(position)))


# ---- the notice as a letter ------------------------------------------------------------------------------


def subject(notice: Notice, today: date) -> str:
    return (
        f"【{TITLE}】{notice.department}：{len(notice.people)} 人 {len(notice.items())} 项待办"
        f"（{today.isoformat()}）"
    )


def body(notice: Notice, today: date, organisation: str) -> str:
    """The notice as plain text: the same lines as the printed one, by kind then person."""
    lines = [
        f"{notice.addressee()}：",
        "",
        f"截至 {today.isoformat()}，{notice.department} 的以下人员有培训事项需要关注，请督促按时完成。",
    ]
    numbers = "一二三四"
    section = 0
    for kind in NOTICE_KINDS:
        items = [(p, i) for p, i in notice.items() if i.kind is kind]
        if not items:
            continue
        lines += ["", f"{numbers[section]}、{KIND_HEADINGS[kind]}（{len(items)} 项）"]
        section += 1
        lines += [f"  {person.employee_no} {person.name}：{item.line()}" for person, item in items]
    lines += [
        "",
        "附件为本通知的 PDF，可打印存档。",
        "",
        f"{organisation} 人事部门",
        f"{today.isoformat()}",
    ]
    return "\n".join(lines)


def file_name(notice: Notice, today: date) -> str:
    department = notice.department.rsplit("/", 1)[-1]
    return f"{TITLE}_{department}_{today.isoformat()}.pdf"


def send_notices(
    db: Database,
    today: date,
    draw: Callable[[Notice, BytesIO], int],
    *,
    password: str | None,
    department_id: int | None = None,
    departments: Iterable[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[mail.Delivery]:
    """E-mail each department's notice (its text, and its PDF drawn by `draw`) through the office's server,
    then record in the audit trail to whom and how many (never the password). A notice without an address,
    or one the server refuses, is named with the reason; the others still go."""
    require(db.principal, Permission.PRINT)
    with read_only(db) as session:
        settings = mail.get(session)
        if not settings.configured:
            raise mail.MailNotConfigured()
        organisation = print_settings.get(session).organisation
        notices = reminder_notices(
            session, today, principal=db.principal, department_id=department_id, departments=departments
        )
    letters: list[mail.Letter] = []
    for notice in notices:
        pdf = BytesIO()
        draw(notice, pdf)
        letters.append(
            mail.Letter(
                notice.department,
                notice.addresses,
                subject(notice, today),
                body(notice, today, organisation),
                (mail.Attachment(file_name(notice, today), pdf.getvalue()),),
            )
        )
    results = mail.deliver(settings, password, letters, progress)
    record_sending(db, results)
    return results


def record_sending(db: Database, results: Sequence[mail.Delivery]) -> None:
    """One audit entry: how many went and failed, and per department the addresses and the outcome."""
    sent = sum(1 for r in results if r.sent)

    def outcome(r: mail.Delivery) -> str:
        addresses = ", ".join(r.addresses) or "—"
        if r.sent:
            return messages.text("notices.mail_sent", to=r.to_label, addresses=addresses)
        return messages.text("notices.mail_failed", to=r.to_label, addresses=addresses, reason=r.error)

    audit.note(
        db,
        audit.Action.MAIL,
        summary=messages.text("notices.mail_summary", sent=sent, failed=len(results) - sent),
        reason="\n".join(outcome(r) for r in results),
    )
