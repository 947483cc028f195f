"""Every printable document, found by what an inspector types (a name, 工号, session code or course title) or
named by key on the command line (a 工号, a session code, a department path): what it is and for whom.

Printing (`printing/catalogue.py`) turns a `Printable` into a PDF; this module only reads.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import QueryableAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from desktop_hr import messages
from desktop_hr.errors import NotFound
from desktop_hr.models import (
    Attendance,
    Course,
    Department,
    Employee,
    Requirement,
    SessionStatus,
    TrainingSession,
)
from desktop_hr.services.archive.organisation import department_by_path, department_paths
from desktop_hr.services.labels import table_label
from desktop_hr.services.lookup import contains_pattern, get_or_raise
from desktop_hr.services.records import certificates
from desktop_hr.services.training.facts import ATTENDED
from desktop_hr.services.validation import trim

messages.define(
    {
        "catalogue.archive_card": ("培训档案卡", "Training archive card"),
        "catalogue.points_statement": ("{year} 年积分对账单", "Points statement {year}"),
        "catalogue.points_statement_span": (
            "{start} 至 {end} 积分对账单",
            "Points statement {start} to {end}",
        ),
        "catalogue.certificate": ("{title} {serial}", "{title} {serial}"),
        "catalogue.certificate_course": ("{title} {serial}（{course}）", "{title} {serial} ({course})"),
        "catalogue.sign_in_blank": ("空白签到表", "Blank sign-in sheet"),
        "catalogue.sign_in_filled": ("签到表（已签到）", "Sign-in sheet (filled)"),
        "catalogue.session_report": ("班次总结报告", "Session report"),
        "catalogue.session_certificates": ("全部结业证书", "All completion certificates"),
        "catalogue.department_report": ("{year} 年度部门培训报告", "Department training report {year}"),
        "catalogue.department_archive": ("全部培训档案卡", "All training archive cards"),
        "catalogue.session_subject": ("{code} {title}（{day}）", "{code} {title} ({day})"),
        "catalogue.eligibility_list": ("{year} 年度达标名单", "Eligibility list {year}"),
        "catalogue.requirement_report": ("{year} 年度职称资格报告", "Requirement report {year}"),
        "catalogue.requirement_subject": ("{name}（{department}）", "{name} ({department})"),
        "catalogue.needs_analysis": ("培训需求分析报告", "Training needs analysis"),
        "catalogue.whole_office": ("全部部门", "All departments"),
        "catalogue.trainer_report": ("{year} 年度内训师贡献报告", "Trainer contribution report {year}"),
        "catalogue.all_trainers": ("全部内训师", "All internal trainers"),
        "catalogue.training_effect": ("{year} 年度培训效果报告", "Training effect report {year}"),
        "catalogue.training_effect_span": (
            "{start} 至 {end} 培训效果报告",
            "Training effect report {start} to {end}",
        ),
        "catalogue.all_courses": ("全部课程", "All courses"),
        "catalogue.reminder_notices": ("{day} 培训提醒通知", "Reminder notices {day}"),
        "catalogue.departments_picked": ("{count} 个部门", "{count} department(s)"),
    }
)

SUBJECT_LIMIT = 50  # of each kind (people, sessions, departments) per search: enough to pick from
_UNSAFE_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


class Subject(enum.StrEnum):
    PERSON = "person"
    SESSION = "session"
    DEPARTMENT = "department"
    REQUIREMENT = "requirement"
    OFFICE = "office"  # a report of the whole office (or of the department_id's subtree); subject_id 0
    COURSE = "course"  # a course (or 0: every course): the training-effect report


class Document(enum.StrEnum):
    """What a printable is; the value is what the print log says was printed."""

    ARCHIVE_CARD = "archive-card"
    POINTS_STATEMENT = "points-statement"
    CERTIFICATE = "certificate"
    SIGN_IN_BLANK = "sign-in-sheet-blank"
    SIGN_IN_FILLED = "sign-in-sheet"
    SESSION_REPORT = "session-report"
    SESSION_CERTIFICATES = "session-certificates"
    DEPARTMENT_REPORT = "department-report"
    DEPARTMENT_ARCHIVE = "department-archive"
    ELIGIBILITY_LIST = "eligibility-list"
    REQUIREMENT_REPORT = "requirement-report"
    NEEDS_ANALYSIS = "needs-analysis"
    TRAINER_REPORT = "trainer-report"
    TRAINING_EFFECT = "training-effect"
    REMINDER_NOTICES = "reminder-notices"


BATCHES = frozenset({Document.SESSION_CERTIFICATES, Document.DEPARTMENT_ARCHIVE})
_SESSION_WHAT = {
    Document.SIGN_IN_BLANK: "catalogue.sign_in_blank",
    Document.SIGN_IN_FILLED: "catalogue.sign_in_filled",
    Document.SESSION_REPORT: "catalogue.session_report",
    Document.SESSION_CERTIFICATES: "catalogue.session_certificates",
}


@dataclass(frozen=True)
class Printable:
    """One document that can be previewed, printed or saved: what it is and for whom, in the user's language.

    `subject_id` is the employee, session, department or requirement; `year` the statement's, report's or
    list's year (None: the year it is printed in); `span` a points statement's first and last day instead
    of a year; `certificate_id` the certificate of a CERTIFICATE; `department_id` the department an
    eligibility list, a training-effect report or the reminder notices are narrowed to (None: everyone). A training-effect report's
    subject is its course (`course_id`; None and subject_id 0: every course), over its year or its span.
    """

    document: Document
    subject: Subject
    subject_id: int
    what: str
    whom: str
    year: int | None = None
    certificate_id: int | None = None
    span: tuple[date, date] | None = None
    department_id: int | None = None
    course_id: int | None = None
    departments: tuple[int, ...] | None = None  # reminder notices: exactly these departments' (None: all)

    @property
    def batch(self) -> bool:
        """One page set per person: can also go out as one file per person."""
        return self.document in BATCHES

    def file_name(self) -> str:
        """A file name that says what it is: "培训档案卡_00012 张三.pdf"."""
        return safe_file_name(f"{self.what}_{self.whom}") + ".pdf"


def safe_file_name(text: str) -> str:
    """`text` without the characters Windows refuses in file names (names keep their Chinese)."""
    cleaned = _UNSAFE_IN_FILE_NAMES.sub("_", text).strip(" .")
    return cleaned[:120] or "document"


# ---- what and whom -----------------------------------------------------------------------------------


def _person_whom(employee_no: str, name: str, department_path: str | None) -> str:
    whom = f"{employee_no} {name}"
    if department_path:
        whom += f"（{department_path.rsplit('/', 1)[-1]}）"
    return whom


def _session_whom(code: str, title: str, starts_at: datetime) -> str:
    return messages.text(
        "catalogue.session_subject", code=code, title=title, day=starts_at.date().isoformat()
    )


def _certificate_what(cert: certificates.CertificateView) -> str:
    title = certificates.certificate_title(cert.kind)
    if cert.course:
        return messages.text(
            "catalogue.certificate_course", title=title, serial=cert.serial, course=cert.course
        )
    return messages.text("catalogue.certificate", title=title, serial=cert.serial)


def _person_what(document: Document, year: int, span: tuple[date, date] | None) -> str:
    if document is Document.ARCHIVE_CARD:
        return messages.text("catalogue.archive_card")
    if document is Document.REQUIREMENT_REPORT:
        return messages.text("catalogue.requirement_report", year=year)
    if span is not None:
        start, end = span
        return messages.text("catalogue.points_statement_span", start=start.isoformat(), end=end.isoformat())
    return messages.text("catalogue.points_statement", year=year)


def _department_what(document: Document, year: int) -> str:
    if document is Document.DEPARTMENT_REPORT:
        return messages.text("catalogue.department_report", year=year)
    return messages.text("catalogue.department_archive")


# ---- finding -----------------------------------------------------------------------------------------


def _first_exact(column: QueryableAttribute[str], text: str) -> ColumnElement[int]:
    """Order key: the row whose `column` is exactly `text` first (工号 00012 before 000123)."""
    return case((column == text, 0), else_=1)


def _people(session: Session, text: str, today: date) -> list[Printable]:
    like = contains_pattern(text)
    paths = department_paths(session)
    rows = session.execute(
        select(Employee.id, Employee.employee_no, Employee.name, Employee.department_id)
        .where(or_(Employee.employee_no.ilike(like, escape="\\"), Employee.name.ilike(like, escape="\\")))
        .order_by(
            _first_exact(Employee.employee_no, text),
            _first_exact(Employee.name, text),
            Employee.employee_no,
        )
        .limit(SUBJECT_LIMIT)
    ).all()
    found: list[Printable] = []
    for employee_id, employee_no, name, department_id in rows:
        whom = _person_whom(
            employee_no, name, paths.get(department_id) if department_id is not None else None
        )
        person = (Subject.PERSON, employee_id)
        for document, year in (
            (Document.ARCHIVE_CARD, None),
            (Document.POINTS_STATEMENT, today.year),
            (Document.REQUIREMENT_REPORT, today.year),
        ):
            found.append(
                Printable(document, *person, _person_what(document, today.year, None), whom, year=year)
            )
        for cert in certificates.certificate_rows(session, employee_id=employee_id):
            if cert.revoked_at is not None:
                continue  # a revoked certificate is kept on record, never printed again
            found.append(
                Printable(
                    Document.CERTIFICATE, *person, _certificate_what(cert), whom, certificate_id=cert.id
                )
            )
    return found


def gives_certificates(status: SessionStatus, ends_at: datetime, attended: int, now: datetime) -> bool:
    """Whether a session has completion certificates to print at `now`: held (over, not cancelled) and
    attended by someone (present, late or completed). What `certificates.issue_completion` would refuse
    is not offered."""
    return status != SessionStatus.CANCELLED and ends_at <= now and attended > 0


def _sessions(session: Session, text: str, now: datetime) -> list[Printable]:
    like = contains_pattern(text)
    attended = (
        select(Attendance.session_id, func.count().label("n"))
        .where(Attendance.status.in_(tuple(ATTENDED)))
        .group_by(Attendance.session_id)
        .subquery("attended_counts")
    )
    rows = session.execute(
        select(
            TrainingSession.id,
            TrainingSession.code,
            TrainingSession.starts_at,
            TrainingSession.ends_at,
            TrainingSession.status,
            Course.title,
            func.coalesce(attended.c.n, 0),
        )
        .join(Course, Course.id == TrainingSession.course_id)
        .outerjoin(attended, attended.c.session_id == TrainingSession.id)
        .where(
            or_(
                TrainingSession.code.ilike(like, escape="\\"),
                Course.title.ilike(like, escape="\\"),
                Course.code.ilike(like, escape="\\"),
            )
        )
        .order_by(_first_exact(TrainingSession.code, text), TrainingSession.starts_at.desc())
        .limit(SUBJECT_LIMIT)
    ).all()
    found: list[Printable] = []
    for session_id, code, starts_at, ends_at, status, title, attendees in rows:
        whom = _session_whom(code, title, starts_at)
        documents = [Document.SIGN_IN_BLANK, Document.SIGN_IN_FILLED, Document.SESSION_REPORT]
        if gives_certificates(status, ends_at, attendees, now):
            documents.append(Document.SESSION_CERTIFICATES)
        found += [
            Printable(document, Subject.SESSION, session_id, messages.text(_SESSION_WHAT[document]), whom)
            for document in documents
        ]
    return found


def _departments(session: Session, text: str, today: date) -> list[Printable]:
    like = contains_pattern(text)
    paths = department_paths(session)
    ids = session.scalars(
        select(Department.id)
        .where(Department.name.ilike(like, escape="\\"))
        .order_by(_first_exact(Department.name, text), Department.path)
        .limit(SUBJECT_LIMIT)
    ).all()
    found: list[Printable] = []
    for department_id in ids:
        whom = paths.get(department_id, "")
        for document, year in ((Document.DEPARTMENT_REPORT, today.year), (Document.DEPARTMENT_ARCHIVE, None)):
            what = _department_what(document, today.year)
            found.append(Printable(document, Subject.DEPARTMENT, department_id, what, whom, year=year))
    return found


def _requirements(session: Session, text: str, today: date) -> list[Printable]:
    like = contains_pattern(text)
    rows = session.execute(
        select(Requirement.id, Requirement.name)
        .where(Requirement.name.ilike(like, escape="\\"), Requirement.enabled.is_(True))
        .order_by(_first_exact(Requirement.name, text), Requirement.id)
        .limit(SUBJECT_LIMIT)
    ).all()
    return [
        Printable(
            Document.ELIGIBILITY_LIST,
            Subject.REQUIREMENT,
            requirement_id,
            messages.text("catalogue.eligibility_list", year=today.year),
            name,
            year=today.year,
        )
        for requirement_id, name in rows
    ]


def _courses(session: Session, text: str, today: date) -> list[Printable]:
    """This year's training-effect report of each course whose code or title matches."""
    like = contains_pattern(text)
    ids = session.scalars(
        select(Course.id)
        .where(or_(Course.code.ilike(like, escape="\\"), Course.title.ilike(like, escape="\\")))
        .order_by(_first_exact(Course.code, text), Course.code)
        .limit(SUBJECT_LIMIT)
    ).all()
    return [training_effect_printable(session, year=today.year, course_id=course_id) for course_id in ids]


def find_printables(
    session: Session, text: str, *, today: date, now: datetime | None = None
) -> list[Printable]:
    """Everything printable for `text`: people by 工号 or name (archive card, this year's points statement and
    requirement report, their valid certificates), sessions by code, course title or course code (sign-in
    sheets blank and filled, session report, and the completion certificates of a session held by `now`
    (default: the start of `today`) with attendees), departments by name (this year's
    report, all archive cards), requirements by name (this year's eligibility list), courses by code or title
    (this year's training-effect report). People first, then sessions (newest first), then departments,
    then requirements, then courses; this year's trainer contribution report when `text` is part of its name
    (内训师, 贡献)."""
    text = trim(text)
    if not text:
        return []
    office = [trainer_report_printable(today.year)]
    return [
        *_people(session, text, today),
        *_sessions(session, text, now if now is not None else datetime.combine(today, time())),
        *_departments(session, text, today),
        *_requirements(session, text, today),
        *(item for item in office if text.casefold() in item.what.casefold()),
        *_courses(session, text, today),
    ]


# ---- named by key (the command line) -----------------------------------------------------------------


def _person(session: Session, employee_no: str) -> tuple[int, str]:
    """The person with this 工号 and how a printable names them; NotFound names the 工号 as typed."""
    row = session.execute(
        select(Employee.id, Employee.employee_no, Employee.name, Employee.department_id).where(
            Employee.employee_no == employee_no.strip()
        )
    ).one_or_none()
    if row is None:
        raise NotFound(what=table_label("employee"), key=employee_no)
    employee_id, number, name, department_id = row
    path = department_paths(session).get(department_id) if department_id is not None else None
    return employee_id, _person_whom(number, name, path)


def employee_id_by_no(session: Session, employee_no: str) -> int:
    """The id of the person with this 工号; NotFound names the 工号 as typed."""
    return _person(session, employee_no)[0]


def person_printable(
    session: Session,
    document: Document,
    employee_no: str,
    *,
    year: int | None = None,
    span: tuple[date, date] | None = None,
) -> Printable:
    """The archive card, the points statement (for `year`, or the days of `span`) or the requirement report
    (for `year`) of the person with this 工号."""
    employee_id, whom = _person(session, employee_no)
    what = _person_what(document, year or date.today().year, span)
    return Printable(document, Subject.PERSON, employee_id, what, whom, year=year, span=span)


def certificate_printable(session: Session, certificate_id: int) -> Printable:
    """One issued certificate, as the search lists it."""
    (cert,) = certificates.certificate_views(session, [certificate_id])
    employee_id, whom = _person(session, cert.employee_no)
    return Printable(
        Document.CERTIFICATE,
        Subject.PERSON,
        employee_id,
        _certificate_what(cert),
        whom,
        certificate_id=cert.id,
    )


def session_printable(session: Session, document: Document, code: str) -> Printable:
    """A sign-in sheet, the session report or the completion certificates of the session with this code;
    NotFound names the code."""
    row = session.execute(
        select(TrainingSession.id, TrainingSession.code, TrainingSession.starts_at, Course.title)
        .join(Course, Course.id == TrainingSession.course_id)
        .where(TrainingSession.code == code.strip())
    ).one_or_none()
    if row is None:
        raise NotFound(what=table_label("training_session"), key=code)
    session_id, number, starts_at, title = row
    what = messages.text(_SESSION_WHAT[document])
    return Printable(document, Subject.SESSION, session_id, what, _session_whom(number, title, starts_at))


def department_printable(
    session: Session, document: Document, path: str, *, year: int | None = None
) -> Printable:
    """A department's annual report or all its archive cards, the department named by its path
    ("总公司/华东分部"); NotFound names the path as typed."""
    department_id = department_by_path(session, path)
    what = _department_what(document, year or date.today().year)
    whom = department_paths(session)[department_id]
    return Printable(document, Subject.DEPARTMENT, department_id, what, whom, year=year)


def eligibility_printable(
    session: Session, name: str, year: int, *, department_path: str | None = None
) -> Printable:
    """The eligibility list of the requirement called `name` as of `year`, for everyone or for the department
    at `department_path` (and those under it); NotFound names the requirement or the path as typed."""
    requirement_id = session.scalar(select(Requirement.id).where(Requirement.name == trim(name)))
    if requirement_id is None:
        raise NotFound(what=table_label("requirement"), key=name)
    department_id = department_by_path(session, department_path) if department_path else None
    return eligibility_list_printable(session, int(requirement_id), year, department_id=department_id)


def eligibility_list_printable(
    session: Session, requirement_id: int, year: int, *, department_id: int | None = None
) -> Printable:
    """The eligibility list of one requirement as of `year` (everyone, or the department's subtree)."""
    requirement = get_or_raise(session, Requirement, requirement_id)
    whom = requirement.name
    if department_id is not None:
        whom = messages.text(
            "catalogue.requirement_subject", name=whom, department=department_paths(session)[department_id]
        )
    return Printable(
        Document.ELIGIBILITY_LIST,
        Subject.REQUIREMENT,
        requirement_id,
        messages.text("catalogue.eligibility_list", year=year),
        whom,
        year=year,
        department_id=department_id,
    )


def needs_analysis_printable(session: Session, *, department_id: int | None = None) -> Printable:
    """The training needs analysis of the whole office, or of the department's subtree."""
    whom = messages.text("catalogue.whole_office")
    if department_id is not None:
        get_or_raise(session, Department, department_id)
        whom = department_paths(session)[department_id]
    return Printable(
        Document.NEEDS_ANALYSIS,
        Subject.OFFICE,
        0,
        messages.text("catalogue.needs_analysis"),
        whom,
        department_id=department_id,
    )


def trainer_report_printable(year: int) -> Printable:
    """The trainer contribution report (内训师贡献报告) of `year`: every trainer ranked, re-certification."""
    return Printable(
        Document.TRAINER_REPORT,
        Subject.OFFICE,
        0,
        messages.text("catalogue.trainer_report", year=year),
        messages.text("catalogue.all_trainers"),
        year=year,
    )


def training_effect_printable(
    session: Session,
    *,
    year: int | None = None,
    span: tuple[date, date] | None = None,
    course_id: int | None = None,
    department_id: int | None = None,
) -> Printable:
    """培训效果报告 over `year` (or the days of `span`) for one course or all, everyone or a department's
    subtree."""
    if span is not None:
        what = messages.text(
            "catalogue.training_effect_span", start=span[0].isoformat(), end=span[1].isoformat()
        )
    else:
        what = messages.text("catalogue.training_effect", year=year or date.today().year)
    whom = messages.text("catalogue.all_courses")
    if course_id is not None:
        course = get_or_raise(session, Course, course_id)
        whom = f"{course.code} {course.title}"
    if department_id is not None:
        whom = messages.text(
            "catalogue.requirement_subject", name=whom, department=department_paths(session)[department_id]
        )
    return Printable(
        Document.TRAINING_EFFECT,
        Subject.COURSE,
        course_id or 0,
        what,
        whom,
        year=None if span is not None else (year or date.today().year),
        span=span,
        department_id=department_id,
        course_id=course_id,
    )


def training_effect_by_keys(
    session: Session,
    *,
    year: int | None = None,
    course_code: str | None = None,
    department_path: str | None = None,
) -> Printable:
    """The command line's `print training-effect`: the course by its code and the department by its path
    (NotFound names either as typed)."""
    course_id = None
    if course_code:
        course_id = session.scalar(select(Course.id).where(Course.code == trim(course_code)))
        if course_id is None:
            raise NotFound(what=table_label("course"), key=course_code)
    department_id = department_by_path(session, department_path) if department_path else None
    return training_effect_printable(session, year=year, course_id=course_id, department_id=department_id)


def reminder_notices_printable(
    session: Session,
    day: date,
    *,
    department_id: int | None = None,
    departments: tuple[int, ...] | None = None,
) -> Printable:
    """培训提醒通知 of `day`: every department's, those of a department's subtree, or exactly `departments`."""
    whom = messages.text("catalogue.whole_office")
    if department_id is not None:
        get_or_raise(session, Department, department_id)
        whom = department_paths(session)[department_id]
    elif departments is not None and len(departments) == 1:
        whom = department_paths(session).get(departments[0], whom)
    elif departments is not None:
        whom = messages.text("catalogue.departments_picked", count=len(departments))
    return Printable(
        Document.REMINDER_NOTICES,
        Subject.OFFICE,
        0,
        messages.text("catalogue.reminder_notices", day=day.isoformat()),
        whom,
        department_id=department_id,
        departments=departments,
    )
